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
from typing import NamedTuple

_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SP = " \t\u00a0\u2002\u2003\u2009\u202f"  # spaces (U+3000 is in _CJK and handled there)
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
    rf"|(?<=[{_CJK}][{_SP}])(?=[{_CJK}\[(【《“]))"  # one space between CJK characters
)
_WHITESPACE = frozenset(" \t\r\n\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                        "\u200a\u2028\u2029\u202f\u205f\u3000\x1c\x1d\x1e\x1f\x85")  # str.isspace, as a set
_URL = re.compile(r"https?://[!-~]+")


class Segment(NamedTuple):
    """A piece of text: ``text[start:end]``, no surrounding spaces, on line number ``line``."""

    start: int
    end: int
    line: int


def split_segments(text: str, shadow: str, label_spans: Iterable[tuple[int, int]] = ()) -> list[Segment]:
    """Segments of ``text``; ``shadow`` is its same-length matching form (see boilerplate_rules.fold)."""
    labels = sorted(label_spans)
    label_starts = [a for a, _ in labels]
    cuts: list[tuple[int, int, bool]] = []
    for m in _SEP.finditer(shadow):
        a, b = m.span()
        if labels:
            k = bisect_right(label_starts, a) - 1
            if k >= 0 and labels[k][1] > a and "\n" not in m.group():
                continue  # "编辑 | 张三": the bar belongs to the label
        cuts.append((a, b, "\n" in m.group()))
    extra = [(a, a, False) for a in label_starts]
    if "://" in shadow:
        extra.extend((m.end(), m.end(), False) for m in _URL.finditer(shadow))
    if extra:
        cuts.extend(extra)
        cuts.sort()
    out: list[Segment] = []
    append = out.append
    ws = _WHITESPACE
    pos = 0
    line = 0
    for a, b, newline in cuts:
        if a >= pos:
            s, e = pos, a
            while s < e and shadow[s] in ws:
                s += 1
            while e > s and shadow[e - 1] in ws:
                e -= 1
            if s < e:
                append(Segment(s, e, line))
            pos = b
        elif b > pos:
            pos = b
        if newline:
            line += 1
    s, e = pos, len(shadow)
    while s < e and shadow[s].isspace():
        s += 1
    while e > s and shadow[e - 1].isspace():
        e -= 1
    if s < e:
        append(Segment(s, e, line))
    return out
