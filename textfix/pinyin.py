"""Pinyin-annotation removal: ``企業(yè)產業(yè)鏈`` becomes ``企業產業鏈``.

Some Simplified-to-Traditional converters leave a reading after each character they converted.
The artifact is a Han character followed by one lowercase syllable, tone-marked, in ASCII
parentheses with no spaces, and the syllable is one of that character's own readings.
Legitimate annotations (``重(chóng)新`` in a textbook) have the same shape, so in ``auto`` mode
the decision is made per document from three measurements:

- density: annotations per 100 Han characters (the artifact is dense, teaching material sparse);
- script: the share of annotated characters that exist only in Traditional script (converters
  annotate what they converted; textbooks annotate characters shared by both scripts); text
  converted back to Simplified afterwards (``业(yè)``) counts with stricter density and count;
- consistency: the share of occurrences of each annotated character that carry an annotation
  (a converter annotates every occurrence);
- readings: the share of annotations giving a reading that is not the character's usual one
  (a converter gives the usual reading; a person marks the rarer readings of polyphonic
  characters, ``單(chán)于``).
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from .config import Config, resolve
from .result import Edit, StepOutput

# A syllable: lowercase letters, tone-marked vowels (precomposed or with combining marks).
_SYLLABLE = "a-zü\u00e0-\u00fc\u0101-\u01dc\u01f9\u1e3f\u0144\u0148\u0300-\u0304\u030c"
_HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN = re.compile(f"[{_HAN_RANGES}]")
_HAN_CHAR = re.compile(f"[{_HAN_RANGES}]")
_READING = re.compile(rf"\(([{_SYLLABLE}]{{1,8}})\)")

# Thresholds of the per-document decision (auto mode).
MIN_DENSITY = 2.0  # annotations per 100 Han characters
MIN_TRADITIONAL_SHARE = 0.6
MIN_CONSISTENCY = 0.75
# Artifact text later converted to Simplified keeps its annotations on Simplified-only
# characters (業(yè) -> 业(yè)); that needs stronger evidence, since a lone 烨(yè) is deliberate.
MIN_VARIANT_SHARE = 0.8
MIN_VARIANT_COUNT = 5
MIN_VARIANT_DENSITY = 5.0
MAX_RARE_SHARE = 0.5  # annotations giving a reading other than the character's usual one


@cache
def _char_set(name: str) -> frozenset[str]:
    raw = files("textfix._data").joinpath(name).read_text(encoding="utf-8")
    return frozenset("".join(line for line in raw.splitlines() if not line.startswith("#")))


def traditional_only() -> frozenset[str]:
    """Characters that exist only in Traditional script (built from OpenCC's tables)."""
    return _char_set("traditional_only.txt")


def simplified_only() -> frozenset[str]:
    """Characters that exist only in Simplified script (built from OpenCC's tables)."""
    return _char_set("simplified_only.txt")


@cache
def _reading_table() -> dict[str, str]:
    """pypinyin's character readings, read from its data file without importing pypinyin
    (whose import also loads its phrase dictionary: ~0.2 s and tens of MB)."""
    for f in importlib.metadata.files("pypinyin") or ():
        if f.name == "pinyin_dict.json":
            return json.loads(Path(str(f.locate())).read_text(encoding="utf-8"))
    from pypinyin.pinyin_dict import pinyin_dict  # an install without the JSON file

    return {str(k): v for k, v in pinyin_dict.items()}


def usual_reading(char: str) -> str:
    """The reading pypinyin's character table lists first (its most common one), or ``""``."""
    return _reading_table().get(str(ord(char)), "").split(",", 1)[0]


def readings(char: str) -> frozenset[str]:
    """The known readings of a Han character, tone-marked, from pypinyin's character table."""
    value = _reading_table().get(str(ord(char)), "")
    return frozenset(value.split(",")) if value else frozenset()


_VALID: dict[str, str | None] = {}


def _valid_reading(char: str, inner: str) -> str | None:
    """The reading if ``inner`` is one of ``char``'s readings, else None (memoized per pair)."""
    key = char + inner
    if key in _VALID:
        return _VALID[key]
    reading = unicodedata.normalize("NFC", inner) if not inner.isascii() else inner
    verdict = reading if _HAN_CHAR.match(char) and reading in readings(char) else None
    if len(_VALID) < 200_000:
        _VALID[key] = verdict
    return verdict


@dataclass(frozen=True, slots=True)
class Annotation:
    """One ``X(reading)`` occurrence: the span of the parenthesised reading."""

    start: int
    end: int
    char: str
    reading: str


@dataclass(frozen=True, slots=True)
class Assessment:
    """The per-document evidence and the decision taken from it."""

    count: int
    density: float
    traditional_share: float
    consistency: float
    remove: bool
    why: str


def find_annotations(text: str) -> list[Annotation]:
    """Every Han character directly followed by one of its own readings in ASCII parentheses."""
    if "(" not in text:
        return []
    found: list[Annotation] = []
    for m in _READING.finditer(text):
        start = m.start()
        char = text[start - 1] if start else ""
        if found and found[-1].end == start and char == ")":
            char = found[-1].char  # "業(yè)(yè)": the converter ran twice, the reading is doubled
        reading = _valid_reading(char, m[1]) if char else None
        if reading is not None:
            found.append(Annotation(start, m.end(), char, reading))
    return found


def _han_count(text: str, at_least_needed: float) -> tuple[int, bool]:
    """Han characters in ``text``: an upper bound from the UTF-8 length when it already settles
    the density test (the common case, C speed), the exact count otherwise."""
    bound = (len(text.encode("utf-8", "surrogatepass")) - len(text)) // 2
    if bound <= at_least_needed:
        return bound, False
    return _HAN.subn("", text)[1], True


def assess(text: str, mode: str = "auto", pairs: Counter[tuple[str, str]] | None = None) -> Assessment:
    """Measure the document and decide whether its annotations are a converter artifact.

    ``pairs`` counts valid (character, reading) annotations; found from ``text`` when omitted.
    """
    if pairs is None:
        pairs = Counter((a.char, a.reading) for a in find_annotations(text))
    n = sum(pairs.values())
    if n == 0:
        return Assessment(0, 0.0, 0.0, 0.0, False, "no annotations")
    trad, simp = traditional_only(), simplified_only()
    traditional_share = sum(k for (c, _), k in pairs.items() if c in trad) / n
    variant_share = traditional_share + sum(k for (c, _), k in pairs.items() if c in simp) / n
    needed = MIN_DENSITY if traditional_share >= MIN_TRADITIONAL_SHARE else MIN_VARIANT_DENSITY
    han, exact = _han_count(text, 100.0 * n / needed)
    density = 100.0 * n / max(han, 1)
    chars = {c for c, _ in pairs}
    occurrences = sum(text.count(c) for c in chars)
    consistency = n / max(occurrences, n)
    rare_share = sum(k for (c, r), k in pairs.items() if r != usual_reading(c)) / n
    figures = (
        f"{n} annotation(s), {'' if exact else 'at least '}{density:.1f} per 100 Han characters, "
        f"{traditional_share:.0%} on Traditional-only characters "
        f"({variant_share:.0%} on characters of one script only), "
        f"{consistency:.0%} of their characters' occurrences annotated, "
        f"{rare_share:.0%} giving a reading other than the usual one"
    )
    if mode in ("always", "never"):
        return Assessment(n, density, traditional_share, consistency, mode == "always", f"mode {mode!r}; {figures}")
    failed = []
    if density < MIN_DENSITY:
        failed.append(f"sparse (< {MIN_DENSITY:g} per 100)")
    converted_then_simplified = (
        variant_share >= MIN_VARIANT_SHARE and n >= MIN_VARIANT_COUNT and density >= MIN_VARIANT_DENSITY
    )
    if traditional_share < MIN_TRADITIONAL_SHARE and not converted_then_simplified:
        failed.append(f"not on converted characters (< {MIN_TRADITIONAL_SHARE:.0%} Traditional-only)")
    if consistency < MIN_CONSISTENCY:
        failed.append(f"inconsistent (< {MIN_CONSISTENCY:.0%} of occurrences annotated)")
    if rare_share >= MAX_RARE_SHARE:
        failed.append(f"chosen readings (>= {MAX_RARE_SHARE:.0%} not the characters' usual ones)")
    if failed:
        return Assessment(n, density, traditional_share, consistency, False,
                          f"kept as deliberate annotation: {'; '.join(failed)}; {figures}")
    return Assessment(n, density, traditional_share, consistency, True, f"converter artifact: {figures}")


def run(text: str, config: Config) -> StepOutput:
    """The ``pinyin`` pipeline step."""
    found = find_annotations(text)
    if not found:
        return StepOutput()
    verdict = assess(text, config.pinyin, Counter((a.char, a.reading) for a in found))
    if not verdict.remove:
        return StepOutput(notes=[f"pinyin annotations {verdict.why}"])
    why = verdict.why
    edits = [
        Edit(a.start, a.end, "", f"reading ({a.reading}) of {a.char}; {why}", "pinyin_annotation", "pinyin.artifact")
        for a in found
    ]
    return StepOutput(edits=edits, metadata={"pinyin_annotations_removed": len(edits)})


def fast(text: str, config: Config) -> str:
    """The step's output without building edits (same result as applying ``run``'s edits).

    One C-level ``split`` on the parenthesised readings yields every candidate; the decision and
    the rebuilt text come from list slicing, with Python code per distinct pair, not per match.
    """
    pieces = _READING.split(text)  # [text, reading, text, reading, ..., text]
    if len(pieces) == 1:
        return text
    chars = [p[-1:] for p in pieces[0:-1:2]]
    inners = pieces[1::2]
    for j in range(1, len(chars)):
        if not chars[j] and chars[j - 1] and _valid_reading(chars[j - 1], inners[j - 1]) is not None:
            chars[j] = chars[j - 1]  # a reading right after a reading: "業(yè)(yè)", the converter ran twice
    valid: Counter[tuple[str, str]] = Counter()
    invalid = False
    for (char, inner), k in Counter(zip(chars, inners, strict=True)).items():
        reading = _valid_reading(char, inner) if char else None
        if reading is None:
            invalid = True
        else:
            valid[char, reading] += k
    if not valid or not assess(text, config.pinyin, valid).remove:
        return text
    if invalid:
        for i in range(1, len(pieces), 2):
            char = chars[i // 2]
            keep = not char or _valid_reading(char, pieces[i]) is None
            pieces[i] = f"({pieces[i]})" if keep else ""
        return "".join(pieces)
    del pieces[1::2]
    return "".join(pieces)


def remove_pinyin_annotations(text: str, config: Config | None = None, **overrides: Any) -> str:
    """Remove converter-left pinyin annotations (``企業(yè)`` -> ``企業``), keeping deliberate ones.

    >>> remove_pinyin_annotations("中央企業(yè)產業(yè)鏈融通發(fā)展")
    '中央企業產業鏈融通發展'
    >>> remove_pinyin_annotations("这个字读重(chóng)新的重。")
    '这个字读重(chóng)新的重。'
    """
    return fast(text, resolve(config, overrides))
