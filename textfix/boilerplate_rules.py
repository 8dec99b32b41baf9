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

_PREFILTER = re.compile(r"\(\?#pre:([^)]*)\)")

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
    regexes: tuple[tuple[int, re.Pattern[str]], ...]  # (rule index, compiled regex)
    fold_table: dict[int, int]
    scanner: re.Pattern[str]  # one alternation of every regex's prefilter literals
    literal_rules: dict[str, tuple[int, ...]]  # prefilter literal -> indexes into ``regexes``
    needs_fold: frozenset[str]  # characters the fold changes (Traditional, full-width letters)


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


# Punctuation a pattern may meet in either width; variants are added to the automaton
# instead of folding the text (folding every character costs more than matching).
_WIDTH_VARIANTS = {":": ":：", "(": "(（", ")": ")）", ",": ",，", "!": "!！", "?": "?？", ";": ";；", "|": "|丨｜", "/": "/／"}
_MAX_VARIANTS = 16


def _fold_table() -> dict[int, int]:
    """Traditional -> Simplified, full-width letters and digits -> ASCII, A-Z -> a-z."""
    table: dict[int, int] = {}
    data = resources.files(__package__).joinpath("_data/boilerplate_fold.tsv").read_text(encoding="utf-8")
    for line in data.splitlines():
        if line and not line.startswith("#"):
            t, s = line.split("\t")
            table[ord(t)] = ord(s)
    for lo, hi in ((0xFF10, 0xFF19), (0xFF41, 0xFF5A)):  # full-width digits, a-z
        for cp in range(lo, hi + 1):
            table[cp] = cp - 0xFEE0
    for cp in range(0xFF21, 0xFF3B):  # full-width A-Z
        table[cp] = cp - 0xFEE0 + 32
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = cp + 32
    return table


def _variants(pattern: str) -> list[str]:
    """``pattern`` with each punctuation mark in both widths (capped)."""
    out = [""]
    for ch in pattern:
        opts = _WIDTH_VARIANTS.get(ch, ch)
        out = [o + c for o in out for c in opts][:_MAX_VARIANTS]
    return out


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
    literal_rules: dict[str, list[int]] = {}
    for i, r in enumerate(rules):
        pattern = r.pattern.translate(table)
        if r.kind in ("kw", "label"):
            forms = [pattern]
            if r.kind == "label" and pattern[-1] in ":|/" and len(pattern) > 1:
                forms.append(pattern[:-1].rstrip() + " " + pattern[-1])  # "责编 |" as well as "责编|"
            for form in forms:
                for v in _variants(form):
                    if v in automaton:
                        if automaton.get(v)[0] != i:
                            raise ValueError(f"boilerplate rule {r.id}: pattern {r.pattern!r} already used by another rule")
                        continue
                    automaton.add_word(v, (i, len(v)))
        elif r.kind == "whole":
            whole[pattern] = i
        else:
            pre = _PREFILTER.match(r.pattern)
            if not pre:
                raise ValueError(f"boilerplate rule {r.id}: a regex needs a (?#pre:...) list of literals")
            for lit in pre.group(1).split("|"):  # used as written: a prefilter stays narrow
                literal_rules.setdefault(lit, []).append(len(regexes))
            regexes.append((i, re.compile(r.pattern, re.M)))
    automaton.make_automaton()
    literals = sorted(literal_rules, key=len, reverse=True)
    scanner = re.compile("|".join(re.escape(x) for x in literals))
    needs_fold = frozenset(chr(c) for c in table if not 0x41 <= c <= 0x5A)
    return RuleSet(version, tuple(rules), automaton, whole, tuple(regexes), table,
                   scanner, {k: tuple(v) for k, v in literal_rules.items()}, needs_fold)


_ASCII_LOWER = {c: c + 32 for c in range(0x41, 0x5B)}


def shadow(text: str) -> str:
    """The matching shadow of ``text``: same length, one code point for one.

    A-Z lower-cased; Traditional characters and full-width letters/digits folded only when
    the text has some (a C-speed check), because folding every character is the slow part.
    Punctuation keeps its width: patterns come in both widths instead.
    """
    rs = ruleset()
    low = text.lower()
    if len(low) != len(text):  # rare: a character whose lower case is longer
        low = text.translate(_ASCII_LOWER)
    if not rs.needs_fold.isdisjoint(low):  # C-speed check; most text has nothing to fold
        low = low.translate(rs.fold_table)
    return low


def fold(text: str) -> str:
    """Fold a short string completely (script, width of letters, case): for comparison keys."""
    return text.translate(ruleset().fold_table)
