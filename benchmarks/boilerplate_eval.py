"""The labelled boilerplate evaluation: loading the sets, character-level scoring.

Sets (JSON lines ``{"id", "lang", "type", "text", "labels": [{"start", "end", "label", "category"}]}``):
- ``dev``: shared/devdata/boilerplate/{seeds_labels,full_pages}.jsonl (rules were tuned on these);
- ``heldout``: benchmarks/data/boilerplate_heldout.jsonl (labelled for textfix in batches after
  the rules were written; see benchmarks/data/boilerplate_heldout.md for the untuned figures).

Pinyin annotations (``版權(quán)``) are removed first with the pipeline's own pinyin step and the
labels re-mapped, because the boilerplate step runs after it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .common import DEVDATA, ROOT

HELDOUT = ROOT / "benchmarks" / "data" / "boilerplate_heldout.jsonl"
DEV_FILES = (DEVDATA / "boilerplate" / "seeds_labels.jsonl", DEVDATA / "boilerplate" / "full_pages.jsonl")
MARKER_CATEGORIES = ("icp_filing", "footer_copyright", "footer_contact", "breadcrumb", "share_follow_qr", "credits")


def _read(paths: Iterable[Path]) -> list[dict]:
    out: list[dict] = []
    for p in paths:
        if p.exists():
            out.extend(json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip())
    return out


def depinyin(rec: dict) -> dict:
    """The record with pinyin annotations removed (by textfix's pinyin step), labels re-mapped."""
    from textfix.pipeline import run_step

    text = rec["text"]
    res = run_step("pinyin", text)
    if not res.changes:
        return rec
    # old -> new offset map
    new_of = list(range(len(text) + 1))
    shift = 0
    pos = 0
    for c in res.changes:
        for k in range(pos, c.start + 1):
            new_of[k] = k - shift
        for k in range(c.start + 1, c.end + 1):
            new_of[k] = c.start - shift + len(c.after)
        shift += (c.end - c.start) - len(c.after)
        pos = c.end + 1
    for k in range(pos, len(text) + 1):
        new_of[k] = k - shift
    labels = [dict(lab, start=new_of[lab["start"]], end=new_of[lab["end"]]) for lab in rec["labels"]]
    return dict(rec, text=res.text, labels=[lab for lab in labels if lab["end"] > lab["start"]])


def load(which: str = "dev") -> list[dict]:
    """Records of the ``dev`` or ``heldout`` set (or ``all``), pinyin already removed."""
    paths: list[Path] = []
    if which in ("dev", "all"):
        paths.extend(DEV_FILES)
    if which in ("heldout", "all"):
        paths.append(HELDOUT)
    return [depinyin(r) for r in _read(paths)]


def content_only(rec: dict) -> str:
    """The document with every boilerplate label removed: the clean-text check's input."""
    text = rec["text"]
    keep = [True] * len(text)
    for lab in rec["labels"]:
        if lab["label"] == "boilerplate":
            for k in range(lab["start"], lab["end"]):
                keep[k] = False
    lines = "".join(ch for ch, k in zip(text, keep) if k).split("\n")
    return "\n\n".join(line.strip() for line in lines if line.strip()) + "\n"


@dataclass
class Score:
    """Character counts (non-whitespace characters only) summed over documents."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    content: int = 0
    per_cat_total: Counter = field(default_factory=Counter)
    per_cat_hit: Counter = field(default_factory=Counter)
    worst_doc_loss: float = 0.0

    def add(self, rec: dict, removed: list[bool]) -> None:
        text = rec["text"]
        label = [None] * len(text)
        for lab in rec["labels"]:
            cat = lab["category"] if lab["label"] == "boilerplate" else ""
            for k in range(lab["start"], min(lab["end"], len(text))):
                label[k] = cat
        lost = content = 0
        for k, ch in enumerate(text):
            if ch.isspace() or label[k] is None:
                continue
            if label[k]:
                self.per_cat_total[label[k]] += 1
                if removed[k]:
                    self.tp += 1
                    self.per_cat_hit[label[k]] += 1
                else:
                    self.fn += 1
            else:
                content += 1
                if removed[k]:
                    self.fp += 1
                    lost += 1
        self.content += content
        if content:
            self.worst_doc_loss = max(self.worst_doc_loss, lost / content)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def content_loss(self) -> float:
        return self.fp / self.content if self.content else 0.0

    def category_recall(self, cats: Iterable[str]) -> float:
        total = sum(self.per_cat_total[c] for c in cats)
        return sum(self.per_cat_hit[c] for c in cats) / total if total else float("nan")


def removed_mask_textfix(text: str) -> list[bool]:
    """Which characters textfix's boilerplate stripper removes."""
    from textfix.boilerplate import strip_boilerplate

    mask = [False] * len(text)
    for s in strip_boilerplate(text).spans:
        for k in range(s.start, s.end):
            mask[k] = True
    return mask


def removed_mask_by_lines(text: str, keep_line: Callable[[str], list[bool]]) -> list[bool]:
    """Mask for a line-level peer: ``keep_line`` gets the non-empty lines and says which stay."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    keeps = keep_line([text[a:b] for a, b in lines])
    mask = [False] * len(text)
    for (a, b), keep in zip(lines, keeps):
        if not keep:
            for k in range(a, b):
                mask[k] = True
    return mask


def score(recs: list[dict], masker: Callable[[str], list[bool]], lang: str | None = None) -> Score:
    s = Score()
    for r in recs:
        if lang is None or r["lang"].startswith(lang):
            s.add(r, masker(r["text"]))
    return s
