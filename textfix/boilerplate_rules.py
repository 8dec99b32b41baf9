"""The boilerplate rule table: loaded from ``_data/boilerplate_rules.tsv`` and compiled once.

Keywords and field labels go into one Aho-Corasick automaton (pyahocorasick); the few
regular expressions are compiled individually. Everything matches on a *shadow* of the text
(:func:`fold`): Traditional folded to Simplified, full-width ASCII to ASCII, A-Z to a-z,
odd spaces to a space. The fold maps one code point to one, so offsets in the shadow are
offsets in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

CATEGORIES: tuple[str, ...] = (
    "navigation", "breadcrumb", "metadata", "share_follow_qr", "footer_copyright", "footer_contact",
    "icp_filing", "credits", "caption", "related_links", "ads", "duplicate", "other",
)
KINDS = ("kw", "label", "whole", "re")
ZONES = ("any", "head", "tail", "edge")
SCOPES = ("seg", "start", "line", "whole")
FIELDS = (
    "title", "date", "source", "author", "editor", "reporter", "photographer", "views", "column",
    "url", "icp", "copyright", "contact", "summary",
)


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the rules file."""

    id: str
    kind: str
    category: str
    action: str  # remove | extract | flag | marker
    field: str  # metadata field for extract, else ""
    zone: str
    scope: str
    confidence: float
    pattern: str


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The compiled rules: an automaton over keywords/labels, whole-segment words, regexes."""

    version: str
    rules: tuple[Rule, ...]
    automaton: Any  # ahocorasick.Automaton; values are (rule index, pattern length)
    whole: dict[str, int]  # folded segment text -> rule index
    regexes: tuple[tuple[int, re.Pattern[str]], ...]
    fold_table: dict[int, int]


def _parse(text: str) -> tuple[str, list[Rule]]:
    version = "0"
    rules: list[Rule] = []
    seen: set[str] = set()
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("# version:"):
            version = line.split(":", 1)[1].strip()
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 8:
            raise ValueError(f"boilerplate_rules.tsv line {n}: expected 8 tab-separated columns, got {len(cols)}")
        rid, kind, category, action, zone, scope, conf, pattern = cols
        act, _, fld = action.partition(":")
        problems = [
            what for what, ok in (
                ("id repeated", rid not in seen), ("kind", kind in KINDS), ("category", category in CATEGORIES),
                ("action", act in ("remove", "extract", "flag", "marker")), ("field", (fld in FIELDS) == (act == "extract")),
                ("zone", zone in ZONES), ("scope", scope in SCOPES), ("pattern", bool(pattern)),
            ) if not ok
        ]
        if problems:
            raise ValueError(f"boilerplate_rules.tsv line {n} ({rid}): bad {', '.join(problems)}")
        seen.add(rid)
        rules.append(Rule(rid, kind, category, act, fld, zone, scope, float(conf), pattern))
    return version, rules


def _fold_table() -> dict[int, int]:
    table: dict[int, int] = {}
    data = resources.files(__package__).joinpath("_data/boilerplate_fold.tsv").read_text(encoding="utf-8")
    for line in data.splitlines():
        if line and not line.startswith("#"):
            t, s = line.split("\t")
            table[ord(t)] = ord(s)
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII
        table[cp] = cp - 0xFEE0
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = cp + 32
    for cp in range(ord("Ａ"), ord("Ｚ") + 1):
        table[cp] = cp - 0xFEE0 + 32
    for ch in "\u00a0\u3000\t\u2002\u2003\u2009\u200a\u202f\u205f\u1680":
        table[ord(ch)] = 0x20
    table[ord("丨")] = ord("|")
    table[ord("︰")] = ord(":")
    table[ord("（")] = ord("(")
    table[ord("）")] = ord(")")
    return table


@lru_cache(maxsize=1)
def ruleset() -> RuleSet:
    """The compiled rule set (built on first use, then cached for the process)."""
    import ahocorasick

    text = resources.files(__package__).joinpath("_data/boilerplate_rules.tsv").read_text(encoding="utf-8")
    version, rules = _parse(text)
    table = _fold_table()
    automaton = ahocorasick.Automaton()
    whole: dict[str, int] = {}
    regexes: list[tuple[int, re.Pattern[str]]] = []
    for i, r in enumerate(rules):
        pattern = r.pattern.translate(table)
        if r.kind in ("kw", "label"):
            if pattern in automaton:
                raise ValueError(f"boilerplate rule {r.id}: pattern {r.pattern!r} already used by another rule")
            automaton.add_word(pattern, (i, len(pattern)))
            if r.kind == "label" and pattern[-1] in ":|/" and len(pattern) > 1:
                spaced = pattern[:-1].rstrip() + " " + pattern[-1]  # "责编 |" as well as "责编|"
                if spaced not in automaton:
                    automaton.add_word(spaced, (i, len(spaced)))
        elif r.kind == "whole":
            whole[pattern] = i
        else:
            regexes.append((i, re.compile(r.pattern)))
    automaton.make_automaton()
    return RuleSet(version, tuple(rules), automaton, whole, tuple(regexes), table)


def fold(text: str) -> str:
    """The matching shadow of ``text``: same length, one code point for one."""
    return text.translate(ruleset().fold_table)
