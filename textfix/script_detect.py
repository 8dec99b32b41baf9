"""Which Chinese script a text is in: count-based, one ``str.translate`` pass.

A character counts as Traditional-only when OpenCC's t2s changes it and it is never the
Simplified form of anything (for example 們, 這); Simplified-only when s2t changes it and it is
never a Traditional form (们, 这). Characters both scripts use (中, 范, 岳) count for neither, so
Traditional text with surnames like 范 is not "mixed". The verdict weighs counts: a stray
character or two of the other script does not make a document mixed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from .opencc_convert import data_source

__all__ = ["ScriptInfo", "detect_script", "script_shadow"]

Script = Literal["simplified", "traditional", "mixed", "ambiguous", "none"]

# A minority needs at least this many characters and this share of the script-specific ones
# before a text is called mixed.
MIXED_MIN_COUNT = 3
MIXED_MIN_SHARE = 0.1
# Kana or hangul at this share of (kana or hangul + Han) makes a text Japanese or Korean.
FOREIGN_SHARE = 0.2

_TABLE_SIZE = 0x32000
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x31FFF))
_KANA_RANGES = ((0x3041, 0x309F), (0x30A1, 0x30FA), (0x30FD, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9D))
_HANGUL_RANGES = ((0x1100, 0x11FF), (0x3131, 0x318E), (0xA960, 0xA97F), (0xAC00, 0xD7A3), (0xD7B0, 0xD7FF))


@dataclass(frozen=True, slots=True)
class ScriptInfo:
    """Detected script and the counts behind it.

    ``script`` is ``simplified``, ``traditional``, ``mixed``, ``ambiguous`` (Chinese with no
    script-specific character) or ``none`` (no Han characters, or Japanese/Korean text).
    """

    script: Script
    simplified: int
    traditional: int
    han: int
    kana: int = 0
    hangul: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "script": self.script, "simplified": self.simplified, "traditional": self.traditional,
            "han": self.han, "kana": self.kana, "hangul": self.hangul,
        }


def _alternatives(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    path = data_source().dict_dir / f"{name}.txt"
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            if line.startswith("#") or "\t" not in line:
                continue
            key, _, values = line.rstrip("\r\n").partition("\t")
            out.setdefault(key, values.split(" "))
    return out


@cache
def _specific_sets() -> tuple[frozenset[str], frozenset[str]]:
    """(Traditional-only, Simplified-only) characters from OpenCC's character tables."""
    ts = _alternatives("TSCharacters")
    st = _alternatives("STCharacters")
    simplified_forms = {v for vs in ts.values() for v in vs} | set(st)
    traditional_forms = {v for vs in st.values() for v in vs} | set(ts)
    trad = frozenset(k for k, vs in ts.items() if len(k) == 1 and k not in vs and k not in simplified_forms)
    simp = frozenset(k for k, vs in st.items() if len(k) == 1 and k not in vs and k not in traditional_forms)
    return trad, simp


@cache
def _table() -> list[int | None]:
    table: list[int | None] = [None] * _TABLE_SIZE
    for ranges, letter in ((_HAN_RANGES, "H"), (_KANA_RANGES, "J"), (_HANGUL_RANGES, "K")):
        for lo, hi in ranges:
            for o in range(lo, min(hi, _TABLE_SIZE - 1) + 1):
                table[o] = ord(letter)
    return _mark_specific(table)


def _mark_specific(table: list[int]) -> list[int]:
    """Mark Traditional-specific characters "T" and Simplified-specific ones "S" in ``table``."""
    trad, simp = _specific_sets()
    for chars, letter in ((trad, "T"), (simp, "S")):
        for c in chars:
            if ord(c) < _TABLE_SIZE:
                table[ord(c)] = ord(letter)
    return table


@cache
def _shadow_table() -> list[int]:
    table = [46] * _TABLE_SIZE  # "."
    return _mark_specific(table)


def script_shadow(text: str) -> str:
    """One letter per character of ``text``: ``T`` Traditional-only, ``S`` Simplified-only,
    anything else unchanged or ``.``. Search it with ``str.find`` instead of scanning ``text``
    with a class of thousands of characters (hundreds astral, which ``re`` checks one by one)."""
    return text.translate(_shadow_table())


def verdict(simplified: int, traditional: int, han: int, kana: int = 0, hangul: int = 0) -> Script:
    """The script a set of counts points to (see :class:`ScriptInfo`)."""
    if han == 0:
        return "none"
    if kana >= FOREIGN_SHARE * (kana + han) or hangul >= FOREIGN_SHARE * (hangul + han):
        return "none"
    specific = simplified + traditional
    if specific == 0:
        return "ambiguous"
    minority = min(simplified, traditional)
    if minority >= MIXED_MIN_COUNT and minority >= MIXED_MIN_SHARE * specific:
        return "mixed"
    return "simplified" if simplified >= traditional else "traditional"


def detect_script(text: str) -> ScriptInfo:
    """Detect the Chinese script of ``text`` from counts of script-specific characters.

    >>> detect_script("这是简体中文").script
    'simplified'
    >>> detect_script("這是繁體中文").script
    'traditional'
    """
    if not isinstance(text, str):
        raise TypeError(f"detect_script expects str, not {type(text).__name__}")
    marks = text.translate(_table())
    t = marks.count("T")
    s = marks.count("S")
    han = len(marks) - marks.count("J") - marks.count("K")
    kana = marks.count("J")
    hangul = marks.count("K")
    return ScriptInfo(verdict(s, t, han, kana, hangul), s, t, han, kana, hangul)
