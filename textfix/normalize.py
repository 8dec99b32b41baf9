"""CJK-aware Unicode normalization: composition, invisible characters, line endings, whitespace,
and (optionally) character widths and CJK punctuation.

Unlike ftfy's defaults it keeps Chinese quotes and full-width punctuation, never applies NFKC
unless asked, and keeps CJK compatibility ideographs (NFC would rewrite them to unified ones).
Each pass finds spans with one compiled regex and skips the text when there is none, so clean
text costs a few C-speed scans.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import Any

from .config import Config, resolve
from .result import Edit, StepOutput, apply_edits, compose_edits

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018\u2019\u201c\u201d\u2014\u2026"

# Pass 1: line endings, controls and invisible characters.
_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"}
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f"  # C0/C1 controls but tab and newline
_ZERO_WIDTH = "\u200b\u2060\ufeff\u00ad"  # zero-width space, word joiner, stray BOM, soft hyphen
_JOINERS = "\u200c\u200d"  # ZWNJ/ZWJ: removed inside words, kept in emoji sequences and scripts that use them
_INVISIBLE = re.compile(
    "\r\n|[\r\x85\u2028\u2029]"  # line endings
    f"|[{_CONTROLS}{_ZERO_WIDTH}{_JOINERS}]+"  # one run, judged whole (what it sits between)
)
_LETTER = re.compile(f"[{_CJK}A-Za-z0-9]")
_INVISIBLE_ANY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2028\u2029\u2060\ufeff]")
_INVISIBLE_REASONS = {
    "line": "unify line ending to \\n",
    "control": "remove control character",
    "zero": "remove invisible character (zero-width, word joiner, stray BOM or soft hyphen)",
    "joiner": "remove zero-width joiner between letters",
}

# Pass 2: Unicode composition; CJK compatibility ideographs are kept as written.
_COMPAT_IDEOGRAPHS = re.compile("[\uf900-\ufaff\U0002f800-\U0002fa1f]")
# CPython reorders combining marks by insertion sort, quadratic in the length of a run of them;
# runs longer than the stream-safe limit (UAX #15: 30) are put in canonical order here first.
_LONG_MARK_RUN_MIN = 31

# Pass 3: optional widths.
_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
_TO_HALFWIDTH = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
                 for c in range(r[0], r[1] + 1)}

# Pass 4: optional ASCII punctuation between CJK characters to full-width.
_CJK_PUNCT_RUN = re.compile(f"(?<=[{_CJK}])[,:;!?]+(?=[{_CJK}{_CJK_PUNCT}])")
_CJK_PARENS = re.compile(f"(?<=[{_CJK}])\\(([{_CJK}{_CJK_PUNCT}][^()\n]{{0,60}}?[{_CJK}{_CJK_PUNCT}]|[{_CJK}])\\)")
_TO_FULLWIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "!": "！", "?": "？"})

# Pass 5: whitespace. Trailing horizontal space, whitespace-only lines, runs of blank lines.
_WHITESPACE = re.compile(
    r"\A(?:[^\S\n]*\n)+"  # blank lines at the start
    r"|\n(?:[^\S\n]*\n)+[^\S\n]*\Z"  # blank lines at the end
    r"|[^\S\n]+(?=\n|\Z)"  # trailing space
    r"|\n(?:[^\S\n]*\n){2,}"  # runs of blank lines
)


def _invisible_edits(text: str) -> list[Edit]:
    if not _INVISIBLE_ANY.search(text):
        return []
    edits: list[Edit] = []
    for m in _INVISIBLE.finditer(text):
        s = m[0]
        if s in _LINE_BREAKS:
            edits.append(Edit(m.start(), m.end(), "\n", _INVISIBLE_REASONS["line"], "line_ending", "normalize.line_ending"))
            continue
        a, b = m.span()
        # a joiner goes when the run sits between letters (it joins nothing visible there);
        # elsewhere it stays (emoji sequences) and only the rest of the run goes
        keep_joiners = not (a and _LETTER.match(text, a - 1) and b < len(text) and _LETTER.match(text, b))
        k = a
        for kind, piece in _run_pieces(s, keep_joiners):
            if kind:
                edits.append(Edit(k, k + len(piece), "", _INVISIBLE_REASONS[kind], *_CATEGORY[kind]))
            k += len(piece)
    return edits


_CATEGORY = {"joiner": ("invisible", "normalize.joiner"), "zero": ("invisible", "normalize.zero_width"),
             "control": ("control", "normalize.control")}


def _run_pieces(run: str, keep_joiners: bool) -> list[tuple[str, str]]:
    """The run in pieces of one kind each: ("joiner" | "zero" | "control", text) to remove, or
    ("", joiners) to keep."""
    out: list[tuple[str, str]] = []
    for ch in run:
        if ch in _JOINERS:
            kind = "" if keep_joiners else "joiner"
        elif ch in _ZERO_WIDTH:
            kind = "zero"
        else:
            kind = "control"
        if out and out[-1][0] == kind:
            out[-1] = (kind, out[-1][1] + ch)
        else:
            out.append((kind, ch))
    return out


@cache
def _marks() -> tuple[re.Pattern[str], dict[int, str]]:
    """A regex for long runs of combining marks, and the decompositions of the marks that have one."""
    marks = [chr(c) for c in range(0x110000) if unicodedata.combining(chr(c))]
    ranges: list[list[str]] = []
    for ch in marks:
        if ranges and ord(ch) == ord(ranges[-1][1]) + 1:
            ranges[-1][1] = ch
        else:
            ranges.append([ch, ch])
    body = "".join(a if a == b else f"{a}-{b}" for a, b in ranges)
    decompositions = {ord(ch): d for ch in marks if (d := unicodedata.normalize("NFD", ch)) != ch}
    return re.compile(f"[{body}]{{{_LONG_MARK_RUN_MIN},}}"), decompositions


def _canonical_order(run: str) -> str:
    """A run of combining marks decomposed and stably sorted by combining class: canonically
    equivalent, and cheap for ``unicodedata.normalize`` to finish."""
    decomposed = run.translate(_marks()[1])
    classes: dict[int, list[str]] = {}
    for ch in set(decomposed):
        classes.setdefault(unicodedata.combining(ch), []).append(ch)
    if len(classes) == 1:
        return decomposed
    # A counting sort, one C-speed pass per class present: linear, where sorted() is not.
    return "".join(
        decomposed.translate({ord(c): None for k, chars in classes.items() if k != ccc for c in chars})
        for ccc in sorted(classes)
    )


def _compose_line(line: str, form: str) -> str:
    if len(line) >= _LONG_MARK_RUN_MIN:
        line = _marks()[0].sub(lambda m: _canonical_order(m.group()), line)
    if form == "NFC" and _COMPAT_IDEOGRAPHS.search(line):
        parts = _COMPAT_IDEOGRAPHS.split(line)
        keep = _COMPAT_IDEOGRAPHS.findall(line)
        out = [unicodedata.normalize(form, parts[0])]
        for ideograph, part in zip(keep, parts[1:], strict=True):
            out.append(ideograph)
            out.append(unicodedata.normalize(form, part))
        return "".join(out)
    return unicodedata.normalize(form, line)


def _unicode_form_edits(text: str, form: str) -> list[Edit]:
    if form == "none" or text.isascii() or unicodedata.is_normalized(form, text):
        return []
    edits = []
    pos = 0
    reason = f"Unicode {form} (compose characters with their accents; CJK compatibility ideographs kept)"
    if form == "NFKC":
        reason = "Unicode NFKC (compatibility forms folded, as configured)"
    for line in text.split("\n"):
        if not unicodedata.is_normalized(form, line):
            new = _compose_line(line, form)
            if new != line:
                # Report the smallest span that changed.
                head = 0
                limit = min(len(line), len(new))
                while head < limit and line[head] == new[head]:
                    head += 1
                tail = 0
                while tail < limit - head and line[-1 - tail] == new[-1 - tail]:
                    tail += 1
                edits.append(Edit(pos + head, pos + len(line) - tail, new[head : len(new) - tail], reason,
                                  "unicode_form", f"normalize.{form.lower()}"))
        pos += len(line) + 1
    return edits


def _width_edits(text: str) -> list[Edit]:
    return [
        Edit(m.start(), m.end(), m[0].translate(_TO_HALFWIDTH), "full-width letters/digits to ASCII (configured)",
             "width", "normalize.fullwidth_ascii")
        for m in _FULLWIDTH_ALNUM.finditer(text)
    ]


def _punctuation_edits(text: str) -> list[Edit]:
    edits = [
        Edit(m.start(), m.end(), m[0].translate(_TO_FULLWIDTH), "ASCII punctuation between CJK characters to full-width (configured)",
             "punctuation", "normalize.cjk_punctuation")
        for m in _CJK_PUNCT_RUN.finditer(text)
    ]
    for m in _CJK_PARENS.finditer(text):
        reason = "ASCII parentheses around CJK text to full-width (configured)"
        edits.append(Edit(m.start(), m.start() + 1, "（", reason, "punctuation", "normalize.cjk_parentheses"))
        edits.append(Edit(m.end() - 1, m.end(), "）", reason, "punctuation", "normalize.cjk_parentheses"))
    edits.sort(key=lambda e: e.start)
    return edits


def _whitespace_clean(text: str) -> bool:
    """True when ``_WHITESPACE`` cannot match: no leading whitespace, no line ending in
    whitespace other than its newline (which covers whitespace-only lines), no run of empty
    lines, no blank tail. C-speed searches and one step per line, much cheaper than the regex
    scan, and no copy of the text."""
    if not text:
        return True
    if text[0].isspace() or (text[-1].isspace() and text[-1] != "\n") or text.endswith("\n\n") or "\n\n\n" in text:
        return False
    i = text.find("\n")
    while i > 0:
        before = text[i - 1]
        if before != "\n" and before.isspace():
            return False
        i = text.find("\n", i + 1)
    return True


def _whitespace_edits(text: str) -> list[Edit]:
    if _whitespace_clean(text):
        return []
    edits = []
    for m in _WHITESPACE.finditer(text):
        s = m[0]
        if m.start() == 0 and s.endswith("\n"):
            edits.append(Edit(0, m.end(), "", "remove blank lines at the start", "whitespace", "normalize.leading_blank"))
        elif m.end() == len(text) and s.startswith("\n"):
            edits.append(Edit(m.start(), m.end(), "\n", "remove blank lines at the end", "whitespace", "normalize.trailing_blank"))
        elif s.startswith("\n"):
            edits.append(Edit(m.start(), m.end(), "\n\n", "collapse blank and whitespace-only lines into one empty line",
                              "whitespace", "normalize.blank_lines"))
        else:
            edits.append(Edit(m.start(), m.end(), "", "remove trailing whitespace", "whitespace", "normalize.trailing_space"))
    return edits


def _passes(config: Config) -> list[Callable[[str], list[Edit]]]:
    passes: list[Callable[[str], list[Edit]]] = []
    if config.remove_invisible:
        passes.append(_invisible_edits)
    if config.unicode_form != "none":
        passes.append(lambda t: _unicode_form_edits(t, config.unicode_form))
    if config.fullwidth_ascii:
        passes.append(_width_edits)
    if config.cjk_punctuation:
        passes.append(_punctuation_edits)
    if config.normalize_whitespace:
        passes.append(_whitespace_edits)
    return passes


def run(text: str, config: Config) -> StepOutput:
    """The ``normalize`` pipeline step: its passes run in order and compose into one edit list."""
    edits: list[Edit] = []
    current = text
    for find in _passes(config):
        found = find(current)
        if found:
            edits = compose_edits(text, edits, found) if edits else found
            current = apply_edits(current, found)
    return StepOutput(edits=edits)


def fast(text: str, config: Config) -> str:
    """The step's output without composing the passes' edits into one list."""
    for find in _passes(config):
        found = find(text)
        if found:
            text = apply_edits(text, found)
    return text


def normalize_unicode(text: str, config: Config | None = None, **overrides: Any) -> str:
    """Normalize Unicode the CJK-aware way (see the module docstring).

    >>> normalize_unicode("說:“好”\\r\\n\\u00a0\\n\\n\\n下一段")
    '說:“好”\\n\\n下一段'
    >>> normalize_unicode("說:“好”", cjk_punctuation=True)
    '說：“好”'
    """
    return fast(text, resolve(config, overrides))
