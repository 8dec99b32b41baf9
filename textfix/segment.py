"""Split text into segments: lines, and inside run-together lines, the pieces a page's layout
glued together. Offsets always point into the original text.

A segment boundary falls at a line break, at a run of two or more spaces, at a single space
between CJK characters (or after CJK sentence punctuation), at ``|``, after a URL, and before
a field label such as ``来源:`` (the caller passes label positions found by its automaton).
Segments carry no separators: the whitespace and bars between them belong to no segment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# Separators on the folded shadow (NBSP, U+3000 and tabs are already plain spaces there).
_SPLIT = re.compile(
    rf" {{2,}}"  # a run of spaces
    rf"|(?<=[{_CJK}]) (?=[{_CJK}\[(【《“])"  # one space between CJK characters
    rf"| ?\|+ ?"  # a bar with its spaces
)
_URL = re.compile(r"https?://[!-~]+")
_LINE = re.compile(r"[^\n]+")


class Segment(NamedTuple):
    """A piece of text: ``text[start:end]`` with no surrounding spaces, on line ``line``."""

    start: int
    end: int
    line: int


def _cuts(shadow: str, start: int, end: int, label_starts: Iterable[int], protected: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Separator spans (absolute) inside ``shadow[start:end]``."""
    cuts: list[tuple[int, int]] = []
    for m in _SPLIT.finditer(shadow, start, end):
        a, b = m.span()
        if a == b or any(p0 < b and a < p1 for p0, p1 in protected):
            continue
        cuts.append((a, b))
    for m in _URL.finditer(shadow, start, end):
        e = m.end()
        if e < end:
            cuts.append((e, e))
    for pos in label_starts:
        if start < pos < end:
            cuts.append((pos, pos))
    cuts.sort()
    return cuts


def split_segments(
    text: str,
    shadow: str,
    label_spans: Iterable[tuple[int, int]] = (),
) -> list[Segment]:
    """Segments of ``text`` (``shadow`` is its same-length matching form).

    ``label_spans`` are (start, end) of field labels: a segment starts at each label, and no
    separator inside a label splits it (``编辑 | 张三`` stays whole).
    """
    labels = sorted(label_spans)
    out: list[Segment] = []
    li = 0
    for line_no, m in enumerate(_LINE.finditer(shadow)):
        ls, le = m.span()
        while li < len(labels) and labels[li][0] < ls:
            li += 1
        here: list[tuple[int, int]] = []
        j = li
        while j < len(labels) and labels[j][0] < le:
            here.append(labels[j])
            j += 1
        cuts = _cuts(shadow, ls, le, [a for a, _ in here], here)
        pos = ls
        for a, b in cuts:
            if a < pos:
                continue
            _emit(shadow, pos, a, line_no, out)
            pos = b
        _emit(shadow, pos, le, line_no, out)
    return out


def _emit(shadow: str, a: int, b: int, line: int, out: list[Segment]) -> None:
    while a < b and shadow[a].isspace():
        a += 1
    while b > a and shadow[b - 1].isspace():
        b -= 1
    if a < b:
        out.append(Segment(a, b, line))
