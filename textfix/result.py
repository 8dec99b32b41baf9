"""Records that steps and the pipeline return: edits, changes, notes and results.

Every span is in the coordinates of the text the step received, so a list of
changes replays exactly: apply each step's changes to that step's input, in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import groupby
from typing import Any


@dataclass(frozen=True, slots=True)
class Edit:
    """One replacement a step wants: ``text[start:end]`` becomes ``replacement``."""

    start: int
    end: int
    replacement: str
    reason: str
    category: str = ""
    rule: str = ""
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Change:
    """One change made by a step, with the span in that step's input."""

    step: str
    start: int
    end: int
    before: str
    after: str
    reason: str
    category: str = ""
    rule: str = ""
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Note:
    """Something a step decided without changing text (for example, why it left text alone)."""

    step: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class StepOutput:
    """What a step's ``run`` returns: edits (sorted, non-overlapping), notes and metadata."""

    edits: list[Edit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Result:
    """The cleaned text, every change made, notes, and metadata extracted on the way."""

    text: str
    changes: tuple[Change, ...] = ()
    notes: tuple[Note, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def replay(self, original: str) -> str:
        """Apply ``changes`` to ``original``; equals ``text`` when given the same input."""
        return replay(original, self.changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "changes": [c.to_dict() for c in self.changes],
            "notes": [n.to_dict() for n in self.notes],
            "metadata": dict(self.metadata),
        }


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply sorted, non-overlapping edits in one pass."""
    if not edits:
        return text
    parts: list[str] = []
    pos = 0
    for e in edits:
        if e.start < pos or e.end < e.start or e.end > len(text):
            raise ValueError(f"edits overlap or leave the text: {e!r} after position {pos}")
        parts.append(text[pos : e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def _shift(edits: Sequence[Edit], pos: int, side: str) -> int:
    """Map a boundary position of an edit list's input to its output.

    An insertion exactly at ``pos`` counts as before a region's end and after its start.
    """
    out = pos
    for e in edits:
        if e.end > pos or (side == "start" and e.start == pos):
            break
        out += len(e.replacement) - (e.end - e.start)
    return out


def _to_input(edits: Sequence[Edit], pos: int, side: str) -> int:
    """Map a position of an edit list's output back to its input; positions on or inside an
    edit's replacement widen to that edit's whole input span."""
    delta = 0
    for e in edits:
        out_start = e.start + delta
        if pos < out_start:
            break
        if pos <= out_start + len(e.replacement):
            return e.start if side == "start" else e.end
        delta += len(e.replacement) - (e.end - e.start)
    return pos - delta


def compose_edits(text: str, first: Sequence[Edit], second: Sequence[Edit]) -> list[Edit]:
    """Edits on ``text`` equal to applying ``first`` and then ``second`` (given on first's output).

    Overlapping or touching edits merge into one, with their reasons joined, so a step made of
    several passes still reports spans in its own input.
    """
    if not second:
        return list(first)
    if not first:
        return list(second)
    mid = apply_edits(text, first)
    out = apply_edits(mid, second)
    regions: list[tuple[int, int, list[Edit]]] = [(e.start, e.end, [e]) for e in first]
    regions += [(_to_input(first, e.start, "start"), _to_input(first, e.end, "end"), [e]) for e in second]
    regions.sort(key=lambda r: (r[0], r[1]))
    merged: list[tuple[int, int, list[Edit]]] = []
    for start, end, src in regions:
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2] + src)
        else:
            merged.append((start, end, list(src)))
    result = []
    for start, end, src in merged:
        out_start = _shift(second, _shift(first, start, "start"), "start")
        out_end = _shift(second, _shift(first, end, "end"), "end")
        reasons = list(dict.fromkeys(e.reason for e in src))
        head = src[0]
        result.append(Edit(start, end, out[out_start:out_end], "; ".join(reasons), head.category, head.rule,
                           min(e.confidence for e in src)))
    return result


def replay(original: str, changes: Iterable[Change]) -> str:
    """Re-apply recorded changes step by step; each step's spans refer to its own input."""
    text = original
    for _, group in groupby(changes, key=lambda c: c.step):
        parts: list[str] = []
        pos = 0
        for c in group:
            if text[c.start : c.end] != c.before:
                raise ValueError(f"change does not match the text it claims to replace: {c!r}")
            parts.append(text[pos : c.start])
            parts.append(c.after)
            pos = c.end
        parts.append(text[pos:])
        text = "".join(parts)
    return text
