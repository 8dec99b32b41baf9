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
