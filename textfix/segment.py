"""Split text into segments: lines, and inside run-together lines, the pieces a page's layout
glued together. Offsets always point into the original text.

A segment boundary falls at a line break, at a run of two or more spaces, at a single space
between CJK characters, at ``|``, after a URL, and before a field label such as ``来源:``
(the caller passes label spans found by its automaton; no separator inside a label splits
it). Segments carry no separators: whitespace and bars between them belong to no segment.
One regex pass finds every separator, so the cost is C-speed plus one tuple per segment.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import pairwise
from typing import NamedTuple

_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SP = " \t\u00a0\u2002\u2003\u2009\u202f"  # spaces (U+3000 is in _CJK and handled there)
_CLAUSE = "\uff0c\u3001\uff1b\uff1a"  # ，、；： (after 。！？ a space may join two paragraphs: it still cuts)
# Every alternative starts with one character of the first class, so the scan runs at C speed;
# lookbehinds then tell which kind of separator it is.
_SEP = re.compile(
    rf"[\n{_SP}\u3000|丨｜]"
    rf"(?:(?<=\n)\s*"  # a line break and the blank lines after it
    rf"|(?<=[{_SP}\u3000])[{_SP}\u3000]*\n\s*"  # trailing spaces, then a line break
    rf"|(?<=[{_SP}\u3000])[{_SP}\u3000]+"  # a run of two or more spaces
    rf"|(?<=\u3000)"  # one ideographic space
    rf"|(?<=[{_SP}])[|丨｜]+[{_SP}]?"  # " | "
    rf"|(?<=[|丨｜])[|丨｜]*[{_SP}]?"  # "|"
    rf"|(?<=[{_CJK}][{_SP}])(?<![{_CLAUSE}][{_SP}])(?=[{_CJK}\[(【《“]))"  # one space between CJK characters
    # (but not after a comma: "校长陈立群要退休了， 作为…" is prose spacing)
)
_WHITESPACE = frozenset(" \t\r\n\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                        "\u200a\u2028\u2029\u202f\u205f\u3000\x1c\x1d\x1e\x1f\x85")  # str.isspace, as a set
_URL = re.compile(r"https?://[!-~]+")


class Segment(NamedTuple):
    """A piece of text: ``text[start:end]``, no surrounding spaces, on line number ``line``."""

    start: int
    end: int
    line: int


# The last split without labels: the prescan and then the analysis split the same shadow
# (the same object) when a page goes on to the full analysis. One tuple, replaced whole, so a
# thread never reads one shadow with another's segments; it keeps that shadow alive, so its
# identity cannot be reused.
_LAST: tuple[str | None, list[Segment]] = (None, [])


def split_segments(text: str, shadow: str, label_spans: Iterable[tuple[int, int]] = ()) -> list[Segment]:
    """Segments of ``text``; ``shadow`` is its same-length matching form (see boilerplate_rules.fold).

    ``label_spans`` must not overlap: each starts a segment, and no separator inside one cuts.
    """
    labels = sorted(label_spans)
    if not labels:
        global _LAST
        last = _LAST
        if last[0] is shadow:
            return list(last[1])
        out = _split(shadow, [])
        _LAST = (shadow, out)
        return list(out)
    return _split(shadow, labels)


def _split(shadow: str, labels: list[tuple[int, int]]) -> list[Segment]:
    """:func:`split_segments` on the shadow, with the label spans sorted."""
    # positions inside a label: a separator starting there belongs to it ("编辑 | 张三")
    inside = {k for a, b in labels for k in range(a, b)} if labels else None
    out: list[Segment] = []
    append = out.append
    new = tuple.__new__  # a NamedTuple's own __new__ is a Python function: skip it
    ws = _WHITESPACE
    pos = 0
    line = 0
    for m in _SEP.finditer(shadow):
        a, b = m.span()
        newline = "\n" in m.group()
        if inside is not None and not newline and a in inside:
            continue
        if a > pos:
            s, e = pos, a
            while s < e and shadow[s] in ws:
                s += 1
            while e > s and shadow[e - 1] in ws:
                e -= 1
            if s < e:
                append(new(Segment, (s, e, line)))
        pos = b
        if newline:
            line += 1
    s, e = pos, len(shadow)
    while s < e and shadow[s] in ws:
        s += 1
    while e > s and shadow[e - 1] in ws:
        e -= 1
    if s < e:
        append(new(Segment, (s, e, line)))
    # zero-width cuts: before each label, after each URL
    points = [a for a, _ in labels]
    if "://" in shadow:
        points.extend(m.end() for m in _URL.finditer(shadow))
        points.sort()
    if points and out:
        return _cut_at(out, points, shadow)
    return out


def _cut_at(segs: list[Segment], points: list[int], shadow: str) -> list[Segment]:
    """``segs`` with each segment that has a point strictly inside it cut there (both sides
    stripped of whitespace). ``points`` is sorted."""
    starts = [seg.start for seg in segs]
    ws = _WHITESPACE
    cuts: dict[int, list[int]] = {}
    for p in points:
        i = bisect_right(starts, p) - 1
        if i >= 0 and segs[i].start < p < segs[i].end:
            cuts.setdefault(i, []).append(p)
    if not cuts:
        return segs
    out: list[Segment] = []
    for i, seg in enumerate(segs):
        ps = cuts.get(i)
        if ps is None:
            out.append(seg)
            continue
        bounds = [seg.start, *ps, seg.end]
        for s, e in pairwise(bounds):
            while s < e and shadow[s] in ws:
                s += 1
            while e > s and shadow[e - 1] in ws:
                e -= 1
            if s < e:
                out.append(Segment(s, e, seg.line))
    return out
