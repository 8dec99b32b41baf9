"""Step ``repair_encoding``: find and undo mojibake, one run of text at a time.

A chain is how text was damaged: its bytes in encoding E were read as encoding D, possibly
more than once. Two families are handled:

- **single-byte readings** (D = latin-1, sloppy cp1252, cp437) of UTF-8, GBK, Big5, Shift_JIS
  or EUC-KR bytes: ``ÖÐ¹ú`` is GBK read as cp1252 (中国), ``ä¸­å›½`` UTF-8 read as cp1252;
- **CJK readings** (D = GBK, Big5, Shift_JIS, EUC-KR) of UTF-8 bytes: ``鍙戝竷鏃堕棿`` is
  UTF-8 read as GBK (发布时间), ``锟斤拷`` the UTF-8 bytes of U+FFFD read as GBK.

A candidate is never accepted because it merely decodes: short windows of clean Han text
survive re-decoding by chance, accented Latin words are valid GBK, EUC-KR mojibake re-decodes
to common Chinese characters. Each candidate is scored with :mod:`textfix.charmodel`
(unigram and bigram costs per language, plus the classes of the neighbouring clean text) and
replaces the run only when it is cheaper by a margin; the chain and both costs go into the
explanation. Single-byte readings are judged token by token and also stretch by stretch: the
garbled tokens of a stretch that all decode under one CJK source are judged as one chain
against one margin, and that consistent reading is preferred over per-token winners of other
chains (:func:`_segment_candidates`). Lossy mojibake (bytes that became ``�`` or ``?``) is repaired as far as the
remaining bytes allow, and every character that cannot be recovered becomes one ``�``.
Up to three layers are undone. ftfy's encoding fixer, with its CJK-harmful options off, is
one more candidate, judged by the same model; in a window without any CJK character its
repairs are taken as they are (Western text is ftfy's home ground, and the CJK model cannot
judge Greek, Hebrew, Arabic or combining marks). Text with decomposed accents is scanned as
the normalize step will compose it, so the pipeline stays idempotent.

Cost and bounds:

- clean text costs a few compiled regex scans (:func:`_has_signal`, stopping at the first
  sign): nothing is decoded unless characters typical of mojibake sit close together;
- work is linear in the length of the text: windows around the signs are analysed one at a
  time, a window longer than ``_SEGMENT`` characters (a megabyte of garbled text without a
  line break) is cut where no character can straddle the cut, and the bookkeeping of passes
  and overlapping findings uses bisection, not pairwise comparison;
- a document has a budget of ``_WORK_BUDGET`` characters of windows (all passes together):
  beyond it the step stops, leaves the rest as it is, and says so in a note and in the
  metadata key ``mojibake_work_cap_at`` (a documented best effort, reached only by
  megabytes of garbled text in one document);
- a window garbled throughout is settled first by one strict decode of all of it per reading
  and source (C-speed encode and decode; :func:`_whole_window_finding`); only windows that
  mix clean and garbled text, or whose whole decode does not clearly win, are analysed run
  by run;
- :func:`fast` is the same repair without explanations (the pipeline's ``explain=False``);
  there a whole-window decode is taken on cheap bounds of the two costs (a floor before, a
  ceiling after, :func:`_established`) when they already show the clear win, with the same
  decisions as exact scoring; prefilter hits that cannot move a window are not checked.

>>> repair_mojibake("鍙戝竷鏃堕棿锛")[:4]
'发布时间'
>>> repair_mojibake("ÖÐ»ªÈËÃñ¹²ºÍ¹ú")
'中华人民共和国'
>>> repair_mojibake("La préfecture de police")
'La préfecture de police'
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from itertools import accumulate, compress, count, pairwise, repeat
from operator import lt, not_, sub
from typing import Any

from .charmodel import (
    Score,
    char_cost,
    cost,
    cost_ceiling_loose,
    cost_floor,
    cost_floor_loose,
    cost_under,
    model,
    score,
)
from .config import Config
from .result import Edit, StepOutput, apply_edits

__all__ = ["Finding", "diagnose", "fast", "repair_mojibake", "run"]

# Codecs a CJK reading (D) may have used, each with the codecs to re-encode with, in order.
_CJK_READINGS: dict[str, tuple[str, ...]] = {
    "gbk": ("gbk", "gb18030"),
    "big5": ("cp950", "big5hkscs"),
    "shift_jis": ("cp932", "shift_jis"),
    "euc-kr": ("cp949", "euc_kr"),
}
# Single-byte readings (D) and the encodings (E) their bytes may really have been in.
_SB_READINGS: tuple[str, ...] = ("sloppy-windows-1252", "latin-1", "cp437")
_SB_SOURCES: dict[str, str] = {
    "utf-8": "utf-8",
    "gbk": "gb18030",
    "big5": "cp950",
    "shift_jis": "cp932",
    "euc-kr": "cp949",
}
_SHORT_NAME = {"sloppy-windows-1252": "cp1252", "latin-1": "latin-1", "cp437": "cp437"}

_MAX_LAYERS = 3
_CONTEXT = 2  # characters of clean text on each side that take part in scoring
_WINDOW = 30  # characters examined on each side of a hit (windows that touch are merged)
_PH = 0xFF  # placeholder byte for a lost byte (no CJK codec emits 0xFF)
_BREAK = b"\xc0"  # stands for a character the codec cannot encode (never valid UTF-8)
_REPLACEMENT = "\ufffd"

# Margins in nats: a fixed part plus a part per character of the garbled run.
_MARGIN_BASE = 3.0
_MARGIN_PER_CHAR = 0.3
# A short run repaired by the chain that longer runs in the same window clearly follow.
_SUPPORTED_MARGIN = 1.0
# ftfy's own alphabetic repairs: its heuristics already decided; the model must not object.
_FTFY_MARGIN = 0.0
# What bytes C0-FE (most CJK lead bytes) look like in each single-byte reading.
_CP437_LETTERS = frozenset(bytes([*range(0x80, 0xA6), *range(0xC0, 0x100)]).decode("cp437"))
_LATIN1_LETTERS = frozenset(bytes(range(0xC0, 0x100)).decode("latin-1"))
_LEAD_LIKE = frozenset(bytes(range(0xA1, 0x100)).decode("latin-1")) | _CP437_LETTERS
_UNREPAIRED = 8.0  # nats per codepage character a chain leaves garbled in its window
_SHORT = 4  # non-ASCII characters below which a run cannot establish a CJK chain alone


@dataclass(frozen=True, slots=True)
class Finding:
    """A run that looks like mojibake: where, which chain, the repair, and the scores.

    ``chain`` lists layers outermost first, each as ``"<bytes> read as <codec>"``.
    ``accepted`` is False for candidates that did not win by the margin (left alone).
    """

    start: int
    end: int
    original: str
    replacement: str
    chain: str
    confidence: float
    cost_before: float
    cost_after: float
    margin: float
    lang: str
    lost: int = 0
    accepted: bool = True
    scores: dict[str, Any] = field(default_factory=dict)

    @property
    def gain(self) -> float:
        return self.cost_before - self.cost_after

    def reason(self) -> str:
        lossy = f"; {self.lost} unrecoverable character(s) marked U+FFFD" if self.lost else ""
        return (
            f"mojibake: {self.chain}; character-model cost {self.cost_before:.1f} -> "
            f"{self.cost_after:.1f} nats (needed margin {self.margin:.1f}, reads as {self.lang}){lossy}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "original": self.original,
            "replacement": self.replacement,
            "chain": self.chain,
            "confidence": round(self.confidence, 4),
            "cost_before": round(self.cost_before, 2),
            "cost_after": round(self.cost_after, 2),
            "margin": round(self.margin, 2),
            "lang": self.lang,
            "lost": self.lost,
            "accepted": self.accepted,
        }


# ---------------------------------------------------------------------------------------------
# Tables and prefilters (built once per process, on first use)


@cache
def _register_codecs() -> None:
    """Register ftfy's sloppy-windows-1252 codec (imported on first need, not at import)."""
    import ftfy.bad_codecs  # noqa: F401


@lru_cache(maxsize=1)
def _suspects() -> str:
    path = resources.files("textfix") / "_data" / "mojibake_suspects.txt"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return "".join(lines)


def _char_class(chars: str) -> str:
    return "".join(re.escape(c) for c in sorted(set(chars)))


@lru_cache(maxsize=1)
def _latin_sets() -> tuple[str, str]:
    """(HIGH, TRIGGER): non-ASCII characters single-byte codecs produce, and the subset that
    rarely appears in clean text (no curly quotes, dashes, ellipsis, middle dot, box drawing)."""
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    high: set[str] = set()
    for codec in _SB_READINGS:
        for b in range(0x80, 0x100):
            try:
                high.add(bytes([b]).decode(codec))
            except UnicodeDecodeError:
                continue
    common = set("\u00a0\u00a7\u00b0\u00b1\u00b7\u00d7\u00f7\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u2022\u20ac")
    trigger = {c for c in high if ("\u0080" <= c <= "\u00ff") and c not in common}
    # What UTF-8 lead bytes become in cp437 (box drawing, Greek): the sign of ZIP-name mojibake.
    trigger |= {bytes([b]).decode("cp437") for b in range(0xC2, 0xF5)}
    return "".join(sorted(high)), "".join(sorted(trigger))


@lru_cache(maxsize=1)
def _scans() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """Three compiled scans, each led by one character class so that it runs at C speed:
    two mojibake-typical CJK characters close together, two adjacent characters from
    single-byte codepages, and a Han/Hangul/half-width kana character inside a Latin word."""
    high, trigger = _latin_sets()
    s = _char_class(_suspects() + _REPLACEMENT)
    h = _char_class(high)
    # Three suspects within eight characters (garbled runs are dense with them).
    cjk_pair = re.compile(f"[{s}][^\\n]{{0,2}}[{s}][^\\n]{{0,3}}[{s}]")
    # Two adjacent codepage characters, or two lead bytes each with an ASCII trail byte
    # (Big5/GBK/Shift_JIS trail bytes 0x40-0x7E come out as ASCII: ``¤G¤Q``).
    latin_pair = re.compile(f"[{h}][{h}]|[{h}][\\x40-\\x7e][{h}][\\x40-\\x7e]")
    # The first CJK character must be one a CJK codec reads from a UTF-8 lead byte and a
    # continuation byte (``茅`` is C3 A9, UTF-8 ``é``): clean ``D市,`` or ``和Bella`` is not.
    lead = f"[{_char_class(_lead_pair_chars())}]"
    latin_in_cjk = re.compile(
        f"[A-Za-z](?:{lead}[A-Za-z ,.;:!?)'\"]|{lead}[\u3400-\u9fff\uac00-\ud7a3\uff61-\uff9f][A-Za-z])"
    )
    return cjk_pair, latin_pair, latin_in_cjk, frozenset(trigger)


def _lead_pair_chars() -> str:
    """Han and Hangul that GBK, Big5, Shift_JIS or EUC-KR decode from a UTF-8 lead byte
    (C2-F4) followed by a continuation byte (80-BF), and every half-width katakana (Shift_JIS
    reads each of those bytes alone as one)."""
    chars = {chr(c) for c in range(0xFF61, 0xFFA0)}
    for codec in _PREFILTER_CODECS:
        for lead in range(0xC2, 0xF5):
            for trail in range(0x80, 0xC0):
                try:
                    ch = bytes([lead, trail]).decode(codec)
                except UnicodeDecodeError:
                    continue
                if len(ch) == 1 and ("\u3400" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7a3" or "\uff61" <= ch <= "\uff9f"):
                    chars.add(ch)
    return "".join(sorted(chars))


# UTF-8 read as other codepages ftfy knows (cp1251, cp1250 ...) or C1 controls left by
# cp1252 text read as latin-1: judged through ftfy's candidate (one scan for all of them:
# :func:`_other_codepage_sign`).
_CP1252_SPECIALS = "\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u2122\u20ac"
_OTHER_SECOND = {
    "cyrillic": re.compile("[\u0402-\u040f\u0452-\u045f\u0490\u0491\u00a0-\u00bf\u2018-\u203a\u2116]"),
    "central": re.compile("[\u00a0-\u00bf\u02c7-\u02dd\u0160-\u017e\u2018-\u203a]"),
    "hebrew": re.compile(f"[{_CP1252_SPECIALS}]"),
    "a0": re.compile("[ \u00a0]"),
    # Hebrew (lead D7) read as MacRoman, Arabic (D8, D9) read as cp1250: what their 80-BF
    # continuation bytes become there.
    "macroman": re.compile(f"[{re.escape(bytes(range(0x80, 0xC0)).decode('mac_roman'))}]"),
    "cp1250": re.compile(f"[{re.escape(bytes(range(0x80, 0xC0)).decode('cp1250', 'ignore'))}]"),
}


# Lead characters (what a UTF-8 lead byte becomes in that codepage) and the kind of second
# character (a continuation byte there) that makes the pair a sign.
_OTHER_KINDS: tuple[tuple[str, str], ...] = (
    ("\u0420\u0421\u0413\u0432\u043f", "cyrillic"),
    ("\u00d7", "hebrew"),
    ("\u00c3", "a0"),
    ("\u0102\u0139\u00c4\u00c2\u00c3", "central"),
    ("\u25ca", "macroman"),
    ("\u0158\u016e", "cp1250"),
)


# The same, keyed by lead character: the second characters that make a pair with it a sign.
_OTHER_SECONDS_BY_LEAD: dict[str, tuple[re.Pattern[str], ...]] = {
    lead: tuple(_OTHER_SECOND[kind] for leads, kind in _OTHER_KINDS if lead in leads)
    for lead in "".join(leads for leads, _ in _OTHER_KINDS)
}


def _other_codepage_hits(text: str) -> list[int]:
    """C1 controls; UTF-8 Cyrillic, Central European, Hebrew or Arabic read as cp1251, cp1250,
    cp1252 or MacRoman; ``Ã`` whose following no-break space became a space."""
    return list(map(_match_start, _other_codepage_sign().finditer(text)))


@lru_cache(maxsize=1)
def _other_codepage_sign() -> re.Pattern[str]:
    """One character of :func:`_other_codepage_hits`: a C1 control, or a lead of
    ``_OTHER_KINDS`` followed (lookahead, so every lead is tried) by a second of its kind."""
    branches = ["[\u0080-\u009f]"]
    for lead, seconds in _OTHER_SECONDS_BY_LEAD.items():
        branches.append(f"{re.escape(lead)}(?={'|'.join(second.pattern for second in seconds)})")
    # Led by the class of every first character so that re skips other text at C speed.
    return re.compile(f"(?=[\u0080-\u009f{_char_class(''.join(_OTHER_SECONDS_BY_LEAD))}])(?:{'|'.join(branches)})")


# A Han or Hangul character starting a Latin word (``锚tre``: UTF-8 ``ê`` read as GBK).
_WORD_START_HAN = re.compile(r"[\n (\"'][\u3400-\u9fff\uac00-\ud7a3\uff61-\uff9f]{1,2}[a-z]{2}")
# The same at the very start of the text (``脺ber``: UTF-8 ``Ü`` read as GBK).
_TEXT_START_HAN = re.compile(r"[\u3400-\u9fff\uac00-\ud7a3\uff61-\uff9f]{1,2}[a-z]{2}")

# Han beside half-width katakana: the texture of UTF-8 read as Shift_JIS.
_HALFWIDTH_KANA = re.compile("[\uff61-\uff9f][\uff61-\uff9f]*")  # not ``+``: see _latin1_utf8_as_gbk

# Two consecutive 3-byte UTF-8 sequences: what a CJK codec's bytes of real mojibake contain.
_UTF8_PAIR = re.compile(rb"(?:(?:[\xe3-\xed][\x80-\xbf]|\xef[\xbc-\xbf])[\x80-\xbf]){2}")


def _hits(
    text: str,
    lost_marks: bool = True,
    hint: tuple[int, int] | None = None,
    regions: list[tuple[int, int]] | None = None,
    scope: _Scope | None = None,
) -> list[int]:
    """Positions that deserve a closer look; clean text almost never has any.

    ``lost_marks=False`` ignores U+FFFD (used when checking a repair for a further layer).
    Text with decomposed accents is also scanned as the normalize step will compose it
    (``e`` + U+0301 hides a pair of codepage characters until it is ``é``), so that what the
    step finds does not depend on the composition form: that keeps the pipeline idempotent.
    ``hint``: what :func:`_signal` found on this text (the scans it saw empty are skipped).
    Hits that cannot change the windows of :func:`_windows` may be left out (see
    :func:`_thinned`). ``regions``: only the hits near them are wanted (a later pass, see
    :func:`_near_regions`); others may be left out too. ``scope``: told whether
    any was left out for being far from ``regions``.
    """
    composed = _composed(text)
    stage, cjk_from = hint if hint is not None and composed is None else (0, 0)
    hits = _scan_hits(text, lost_marks, stage, cjk_from, composed is None, regions, scope)
    if composed is not None:
        hits = sorted(set(hits) | set(_to_decomposed(composed[1], _scan_hits(composed[0], lost_marks))))
    return hits


_COMBINING = re.compile("[\u0300-\u036f]")
# A Latin letter and the few accents NFC may fold into it (each cluster is composed on its
# own: normalizing a long run of marks at once takes quadratic time in CPython).
_LATIN_CLUSTER = re.compile("[A-Za-z][\u0300-\u036f]{1,8}")


def _compose_cluster(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFC", m.group())


def _composed(text: str) -> tuple[str, list[int]] | None:
    """``text`` with accented Latin letters composed as the normalize step will compose them,
    and where its combining marks are; None when nothing composes."""
    if not _COMBINING.search(text):
        return None
    composed = _LATIN_CLUSTER.sub(_compose_cluster, text)
    if composed == text:
        return None
    return composed, [m.start() for m in _COMBINING.finditer(text)]


def _to_decomposed(marks: list[int], positions: list[int]) -> list[int]:
    """Positions in the composed text mapped (closely enough to place a window) back to the
    text whose combining marks are at ``marks``."""
    out = []
    for p in positions:
        k = 0
        for _ in range(8):
            k2 = bisect_right(marks, p + k)
            if k2 == k:
                break
            k = k2
        out.append(p + k)
    return out


def _scan_hits(
    text: str,
    lost_marks: bool = True,
    stage: int = 0,
    cjk_from: int = 0,
    thin: bool = False,
    regions: list[tuple[int, int]] | None = None,
    scope: _Scope | None = None,
) -> list[int]:
    """The prefilter's scans on ``text`` as it is (see :func:`_hits`); the scans of
    :func:`_signal`'s stages before ``stage`` are known to find nothing and are skipped.
    ``thin``: see :func:`_thinned`, after keeping only the matches near ``regions``."""
    cjk_pair, latin_pair, latin_in_cjk, trigger = _scans()
    # Three suspects within eight characters: garbled runs are dense with them (a match with
    # U+FFFD in it has the lost mark in its window instead; one inside a run of U+FFFD is
    # covered by the hits for lost marks below).
    if lost_marks and _REPLACEMENT in text:
        starts = [m.start() for m in cjk_pair.finditer(text, cjk_from) if m.group().strip(_REPLACEMENT)]
    else:
        starts = list(map(_match_start, cjk_pair.finditer(text, cjk_from)))
    if regions is not None:
        near = _near_regions(starts, regions)
        if scope is not None and len(near) < len(starts):
            scope.partial = True
        starts = near

    def confirmed(p: int) -> bool:
        window = text[max(0, p - 4) : p + 8]
        return (lost_marks and _REPLACEMENT in window) or _codec_check(window)

    hits: list[int] = _thinned(text, starts, confirmed) if thin else [p for p in starts if confirmed(p)]
    if stage <= 3:
        for m in _latin1_utf8_as_gbk().finditer(text):
            p = m.start()
            if _LATIN1_UTF8.search(text[p : p + 12].encode("gbk", "replace")):
                hits.append(p)
    if stage <= 4:
        for m in _halfwidth_beside_han(text):
            p = m.start()
            if _codec_check(text[max(0, p - 4) : p + 8]):
                hits.append(p)
    if stage <= 2:
        pairs = list(latin_pair.finditer(text))
        hits.extend(compress(map(_match_start, pairs), map(not_, map(trigger.isdisjoint, map(_match_group, pairs)))))
        hits.extend(_other_codepage_hits(text))
    if stage <= 1:
        hits.extend(map(_match_start, latin_in_cjk.finditer(text)))
        # (a line break is not part of the line it precedes: the hit is the character after it)
        hits.extend(m.start() + (text[m.start()] == "\n") for m in _WORD_START_HAN.finditer(text))
        if _TEXT_START_HAN.match(text):
            hits.append(0)
    if lost_marks and _REPLACEMENT in text:
        # One hit every eight characters of a run of U+FFFD, and its last: the same windows
        # and the same neighbourhoods of later passes as one hit per character, in an eighth
        # of the memory.
        for m in _LOST_RUN.finditer(text):
            s, e = m.span()
            hits.extend(range(s, e, 8))
            if (e - 1 - s) % 8:
                hits.append(e - 1)
    hits.sort()
    return hits


_LOST_RUN = re.compile("\ufffd[\ufffd]*")


def _thinned(text: str, starts: list[int], confirmed: Callable[[int], bool]) -> list[int]:
    """The positions of ``starts`` (sorted) that pass ``confirmed``, except that a position
    lying between two confirmed ones that :func:`_windows` joins into one cluster (at most
    ``2 * _WINDOW`` apart, no line break between) is neither checked nor kept: the windows
    depend only on each cluster's first and last hit. From each kept hit, the farthest
    position it can reach is checked first; garbled text then costs one check per reach
    instead of one per match."""
    out: list[int] = []
    n = len(starts)
    k = 0
    while k < n:
        p = starts[k]
        if out and p - out[-1] <= 2 * _WINDOW and text.find("\n", out[-1], p) < 0:
            last = out[-1]
            reach = last + 2 * _WINDOW
            line_end = text.find("\n", last, reach)
            if line_end >= 0:
                reach = line_end
            far = bisect_right(starts, reach, k) - 1  # the last position still joined to ``last``
            for t in range(far, k - 1, -1):
                if confirmed(starts[t]):
                    out.append(starts[t])
                    k = t + 1
                    break
            else:
                k = far + 1
            continue
        if confirmed(p):
            out.append(p)
        k += 1
    return out


def _has_signal(text: str, lost_marks: bool = True) -> bool:
    """Whether :func:`_hits` would find anything, answered with the cheapest scans first and
    stopping at the first sign: the prescan that lets clean text through at regex speed."""
    if _signal(text, lost_marks) is not None:
        return True
    composed = _composed(text)
    return composed is not None and _signal(composed[0], lost_marks) is not None


def _signal(text: str, lost_marks: bool) -> tuple[int, int] | None:
    """The first sign in ``text`` as (stage, position), or None: stage 0 is U+FFFD, 1 the
    signs led by ASCII, 2 the other signs that need no check, 3 Latin-1-as-UTF-8-as-GBK,
    4 half-width kana beside Han, 5 three suspects close together (position: that match).
    Every stage before the one returned found nothing, so :func:`_scan_hits` can skip it.

    Remembered for texts up to ``_SIGNAL_MEMO_CHARS`` characters: a window's repair is asked
    about again and again (its deeper layers, its trimmed run, the next pass's prescan)."""
    if len(text) <= _SIGNAL_MEMO_CHARS:
        return _signal_memo(text, lost_marks)
    return _signal_scan(text, lost_marks)


_SIGNAL_MEMO_CHARS = 4096


def _signal_scan(text: str, lost_marks: bool) -> tuple[int, int] | None:
    """:func:`_signal`, not remembered."""
    if lost_marks and _REPLACEMENT in text:
        return 0, 0
    if _ascii_led_signs().search(text) or _TEXT_START_HAN.match(text):
        return 1, 0
    if _direct_signs().search(text):
        return 2, 0
    for m in _latin1_utf8_as_gbk().finditer(text):
        p = m.start()
        if _LATIN1_UTF8.search(text[p : p + 12].encode("gbk", "replace")):
            return 3, 0
    if _HALFWIDTH_KANA.search(text):
        for m in _halfwidth_beside_han(text):
            p = m.start()
            if _codec_check(text[max(0, p - 4) : p + 8]):
                return 4, 0
    # (a U+FFFD with lost_marks would have been stage 0: only the codec check confirms here)
    p = _first_codec_confirmed(text, list(map(_match_start, _scans()[0].finditer(text))))
    return None if p is None else (5, p)


_signal_memo = lru_cache(maxsize=2048)(_signal_scan)
_match_start = re.Match.start
_match_group = re.Match.group
_match_span = re.Match.span
_match_end = re.Match.end


def _first_codec_confirmed(text: str, starts: list[int]) -> int | None:
    """The first of ``starts`` (sorted) whose window ``text[p - 4 : p + 8]`` passes
    :func:`_codec_check`. Windows that touch are checked together first: the bytes of a
    window are a slice of the bytes of any text that holds it (the prefilter's codecs encode
    character by character), so a group whose bytes hold no pair has no window with one."""
    n = len(starts)
    k = 0
    while k < n:
        j = k
        while j + 1 < n and starts[j + 1] - 4 <= starts[j] + 8:
            j += 1
        if j == k or _codec_check(text[max(0, starts[k] - 4) : starts[j] + 8]):
            for t in range(k, j + 1):
                p = starts[t]
                if _codec_check(text[max(0, p - 4) : p + 8]):
                    return p
        k = j + 1
    return None


@lru_cache(maxsize=1)
def _direct_signs() -> re.Pattern[str]:
    """One scan for the signs led by a non-ASCII character that need no check in Python: a
    pair of codepage characters with a trigger (:func:`_strict_latin_pair`) and the other
    codepages' signs (:func:`_other_codepage_hits`). Led by the union of their first
    characters, each branch re-checking with a lookbehind which one it got, so re skips
    clean text (CJK or ASCII) at C speed. The two signs led by ASCII characters have their
    own scan (:func:`_ascii_led_signs`): folded in here they would make every letter and
    space of Western text try every branch."""
    strict = _strict_latin_pair().pattern
    first_sl = strict[: strict.index("](?:") + 1]
    rest_sl = strict[len(first_sl) :]
    c1 = "[\\u0080-\\u009f]"
    other = [(f"[{_char_class(leads)}]", _OTHER_SECOND[kind].pattern) for leads, kind in _OTHER_KINDS]
    firsts = [first_sl[1:-1], c1[1:-1]] + [f[1:-1] for f, _ in other]
    branches = [
        f"(?<={first_sl}){rest_sl}",
        f"(?<={c1})",
        *(f"(?<={f}){second}" for f, second in other),
    ]
    return re.compile(f"[{''.join(firsts)}](?:{'|'.join(branches)})")


@lru_cache(maxsize=1)
def _ascii_led_signs() -> re.Pattern[str]:
    """``latin_in_cjk`` and ``_WORD_START_HAN`` in one scan (two branches, each after a
    lookbehind on the ASCII character taken first)."""
    latin_in_cjk = _scans()[2].pattern
    assert latin_in_cjk.startswith("[A-Za-z]")
    word_start = _WORD_START_HAN.pattern
    first_ws, rest_ws = word_start[: word_start.index("]") + 1], word_start[word_start.index("]") + 1 :]
    return re.compile(
        f"[A-Za-z{first_ws[1:-1]}](?:(?<=[A-Za-z]){latin_in_cjk[len('[A-Za-z]') :]}|(?<={first_ws}){rest_ws})"
    )


@lru_cache(maxsize=1)
def _strict_latin_pair() -> re.Pattern[str]:
    """Two codepage characters side by side (or each with an ASCII trail byte), at least one
    of them a trigger: every pair :func:`_hits` keeps matches it."""
    high, trigger = _latin_sets()
    h, t = _char_class(high), _char_class(trigger)
    # Led by one class (the lookbehinds re-check the character just taken) so that re can
    # skip ahead at C speed.
    ascii_trail = "[\\x40-\\x7e]"
    return re.compile(
        f"[{h}](?:(?<=[{t}])[{h}]|[{t}]|(?<=[{t}]){ascii_trail}[{h}]{ascii_trail}|{ascii_trail}[{t}]{ascii_trail})"
    )


_PREFILTER_CODECS = ("gbk", "cp950", "cp932", "cp949")


@lru_cache(maxsize=1)
def _latin1_utf8_as_gbk() -> re.Pattern[str]:
    """Three GBK characters in a row whose bytes are UTF-8 of Latin-1 characters (lead C2/C3):
    the texture of ``盲赂颅`` (UTF-8 read as Latin-1, saved as UTF-8, read as GBK)."""
    chars = set()
    for lead in (0xC2, 0xC3):
        for trail in range(0x80, 0xC0):
            try:
                chars.add(bytes([lead, trail]).decode("gbk"))
            except UnicodeDecodeError:
                continue
    cls = f"[{_char_class(''.join(chars))}]"
    return re.compile(cls * 3)  # spelled out: a leading repeat would lose re's fast class search


_UTF8_LEADS = bytes(range(0xC2, 0xF5))
_UTF8_LEAD_CONT = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
_LATIN1_UTF8 = re.compile(rb"(?:[\xc2\xc3][\x80-\xbf]){3}")


def _codec_check(window: str) -> bool:
    """True when the window's bytes in some CJK codec hold two UTF-8 CJK characters in a row."""
    for codec in _PREFILTER_CODECS:
        if _UTF8_PAIR.search(window.encode(codec, "replace")):
            return True
    return False


def _halfwidth_beside_han(text: str) -> list[re.Match[str]]:
    out = []
    for m in _HALFWIDTH_KANA.finditer(text):
        s, e = m.span()
        if (s and "\u4e00" <= text[s - 1] <= "\u9fff") or (e < len(text) and "\u4e00" <= text[e] <= "\u9fff"):
            out.append(m)
    return out


@lru_cache(maxsize=1)
def _codepage_char() -> re.Pattern[str]:
    """One non-ASCII character a single-byte codepage produces (U+FFFD excluded)."""
    high, _ = _latin_sets()
    return re.compile(f"[{_char_class(high.replace(_REPLACEMENT, ''))}]")


@lru_cache(maxsize=1)
def _latin_token() -> re.Pattern[str]:
    """A token for single-byte readings: a run of printable characters those codecs can
    produce (ASCII without spaces, or their non-ASCII characters), with at least one
    non-ASCII one. Han text around a garbled sentence is not part of the token."""
    high, _ = _latin_sets()
    h = _char_class(high)
    return re.compile(f"[\\x21-\\x7e{h}]*[{h}][\\x21-\\x7e{h}]*")


# A run of bytes that is valid UTF-8 if each 0xFF may stand for any one lost byte.
_UTF8_RUN = re.compile(
    rb"(?:[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf\xff]|[\xe0-\xef][\x80-\xbf\xff]{2}"
    rb"|[\xf0-\xf4][\x80-\xbf\xff]{3}|\xff[\x80-\xbf]{0,3})+"
)
_MULTIBYTE = re.compile(rb"[\xc2-\xf4\xff]")
# The runs of _UTF8_RUN that hold a multi-byte sequence or a lost byte, found by the regex
# itself: a run starts after a non-ASCII byte (or at the start), and the lookahead wants a
# multi-byte element after its ASCII prefix (a pure ASCII run is never matched, and a start
# inside one fails at once on the lookbehind, so the scan stays linear).
_UTF8_RUN_MB = re.compile(
    rb"(?<![\x00-\x7f])(?=[\x00-\x7f]*+(?:[\xc2-\xdf][\x80-\xbf\xff]|[\xe0-\xef][\x80-\xbf\xff]{2}"
    rb"|[\xf0-\xf4][\x80-\xbf\xff]{3}|\xff))" + _UTF8_RUN.pattern
)


# ---------------------------------------------------------------------------------------------
# Public API


def repair_mojibake(text: str, config: Config | None = None) -> str:
    """``text`` with every mojibake run that the model is sure of repaired."""
    out = run(text, config or Config())
    return apply_edits(text, out.edits)


def diagnose(text: str) -> list[Finding]:
    """Every suspicious run, with chain, span, confidence and scores; changes nothing.

    Runs that were not accepted (too small a margin) are included with ``accepted=False``.
    """
    if not isinstance(text, str):
        raise TypeError(f"diagnose expects str, not {type(text).__name__}")
    return _analyse(text, keep_rejected=True)


# C0 controls (not tab or newlines) and DEL: the normalize step deletes them later, so they
# must not split a garbled run here (else the next run of the pipeline finds new mojibake).
_C0 = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def run(text: str, config: Config) -> StepOutput:
    """The pipeline step: one edit per repaired run, notes for runs left alone.

    C0 control characters are looked through: runs are analysed without them and each edit
    that spans one removes it (the normalize step would delete it anyway).
    """
    return _step(text, explain=True)


def fast(text: str, config: Config) -> str:
    """The step's output text without explanations (what the pipeline runs with
    ``explain=False``): the same text as applying :func:`run`'s edits.

    >>> fast("ÖÐ¹ú ok", Config())
    '中国 ok'
    """
    if text.isascii():
        return text
    out = _step(text, explain=False)
    return apply_edits(text, out.edits) if out.edits else text


def clear_caches() -> None:
    """Forget the repairs and scores cached while working (for fair timing in benchmarks;
    the caches are bounded, so this is never needed for memory)."""
    for fn in (_score_cached, _token_repairs, _best_inner, _ftfy_agrees, _first_codec_bytes, _signal_memo):
        fn.cache_clear()


def _step(text: str, explain: bool) -> StepOutput:
    if not _C0.search(text):
        return _run(text, explain)
    keep = [i for i, c in enumerate(text) if not _C0.match(c)]
    out = _run("".join(text[i] for i in keep), explain)
    n = len(text)

    def at(pos: int) -> int:
        return keep[pos] if pos < len(keep) else n

    out.edits = [
        Edit(at(e.start), keep[e.end - 1] + 1 if e.end > e.start else at(e.start), e.replacement, e.reason,
             e.category, e.rule, e.confidence)
        for e in out.edits
    ]
    return out


def _run(text: str, explain: bool = True) -> StepOutput:
    """The pipeline step: one edit per repaired run, notes for runs left alone.

    The repaired text is examined again (up to ``_MAX_PASSES`` times) so that layers the
    first pass uncovered are undone too; each final edit lists every chain that touched it.
    ``explain=False`` skips what only the notes need (runs left alone).
    """
    out = StepOutput()
    if text.isascii():
        return out
    hint = _signal(text, True)
    if hint is None:
        composed = _composed(text)  # the text as normalize will compose it may show signs
        if composed is None or _signal(composed[0], True) is None:
            return out
    budget = _Budget(_WORK_BUDGET)
    memo = _WindowMemo()
    findings = _analyse(text, keep_rejected=explain, budget=budget, hint=hint, exact=explain, memo=memo)
    for f in findings:
        if not f.accepted and f.gain > 0:
            out.notes.append(
                f"unsure, left alone {f.original[:40]!r} at {f.start}: {f.chain} would give "
                f"{f.replacement[:40]!r} but the character model gains only {f.gain:.1f} of "
                f"the {f.margin:.1f} nats required"
            )
    accepted = [f for f in findings if f.accepted]
    if accepted:
        _repair(text, accepted, budget, out, exact=explain, memo=memo)
    if budget.stopped_at is not None:
        out.notes.append(
            f"work cap reached: {_WORK_BUDGET} characters of suspicious windows examined; the text "
            f"from offset {budget.stopped_at} on was not examined for mojibake (best effort)"
        )
        out.metadata["mojibake_work_cap_at"] = budget.stopped_at
    elif budget.later_pass_stopped:
        out.notes.append(
            f"work cap reached: {_WORK_BUDGET} characters of suspicious windows examined; some "
            "repaired runs were not examined for a further layer of mojibake (best effort)"
        )
        out.metadata["mojibake_work_cap_at"] = len(text)
    return out


def _repair(text: str, accepted: list[Finding], budget: _Budget, out: StepOutput, exact: bool = True,
            memo: _WindowMemo | None = None) -> None:
    """Apply the first pass's findings, run the later passes, and add the edits to ``out``
    (``exact=False``: findings may carry bounds instead of exact costs, see :func:`_judge`).

    Later passes look near what the pass before changed; then a settling pass looks at all
    of the repaired text as a second run of the step would, and if it finds something the
    later passes follow it again. The step is therefore idempotent: it stops only when a
    pass over its whole output finds nothing (or, as a safeguard, after ``_SETTLE_ROUNDS``)."""
    # Passes: every finding is kept with its span mapped back to the input.
    spans: list[tuple[int, int, Finding]] = [(f.start, f.end, f) for f in accepted]
    current = _apply(text, accepted)
    maps = [_PassMap(accepted)]

    def record(more: list[Finding]) -> str:
        for f in more:
            s, e = f.start, f.end
            for done in reversed(maps):
                s, e = done.back(s, e)
            spans.append((s, e, f))
        maps.append(_PassMap(more))
        return _apply(current, more)

    seen: _Scope | None = None  # the last later pass, when it found nothing on ``current``
    for settle in range(_SETTLE_ROUNDS + 1):
        if settle:
            # The output as a second run would see it: a first pass over all of it. A window
            # a later pass did not revisit (its finding lost to an overlapping one) or whose
            # decision depended on text repaired since can still hold a repair; taking it
            # here keeps the step idempotent. Clean output costs only the prescan.
            if seen is not None and not seen.partial:
                # The later pass that found nothing on this very text had every hit of it
                # near a region: the settling pass would analyse the same windows (its hits
                # are the same) and find the same nothing. Only its budget is spent.
                seen.spend(budget)
                break
            more = _settle_pass(current, budget, exact, memo)
            if not more:
                break
            current = record(more)
        for _ in range(_MAX_PASSES - 1):
            seen = _Scope()
            more = _analyse(current, keep_rejected=False, regions=_changed_regions(maps[-1].findings),
                            budget=budget, exact=exact, memo=memo, scope=seen)
            if not more:
                break
            seen = None
            current = record(more)
    if len(maps) == 1:
        for f in accepted:
            out.edits.append(Edit(f.start, f.end, f.replacement, f.reason(), "mojibake", f.chain, f.confidence))
    else:
        out.edits.extend(_merged_edits(text, current, spans))
    out.metadata["mojibake_repaired"] = len(out.edits)


# Characters of windows one document may have analysed, all passes together: beyond it the
# step stops, leaves the rest as it is and says so in a note (a documented best effort that
# bounds the time any document can take; about three megabytes of garbled text).
_WORK_BUDGET = 1_000_000


_MAX_PASSES = 4
# Whole-output passes after the later passes (each followed by later passes of its own):
# the step stops when one finds nothing, which makes it idempotent; the bound is a safeguard.
_SETTLE_ROUNDS = 3


def _settle_pass(text: str, budget: _Budget, exact: bool, memo: _WindowMemo | None) -> list[Finding]:
    """The accepted findings of a first pass over ``text`` (a repaired text), exactly as
    :func:`_run` would find them, with the same prescan: nothing is analysed unless the
    repaired text still shows signs of mojibake."""
    hint = _signal(text, True)
    if hint is None:
        composed = _composed(text)
        if composed is None or _signal(composed[0], True) is None:
            return []
    return _analyse(text, keep_rejected=False, budget=budget, hint=hint, exact=exact, settle=True, memo=memo)


def _changed_regions(findings: list[Finding]) -> list[tuple[int, int]]:
    """Where the replacements of ``findings`` sit in the text after they were applied."""
    out = []
    delta = 0
    for f in findings:
        start = f.start + delta
        out.append((start, start + len(f.replacement)))
        delta += len(f.replacement) - (f.end - f.start)
    return out


def _apply(text: str, findings: list[Finding]) -> str:
    return apply_edits(text, [Edit(f.start, f.end, f.replacement, "") for f in findings])


class _PassMap:
    """Maps spans of the text after one pass's findings were applied back to the text before,
    by bisection (a pass may have thousands of findings)."""

    __slots__ = ("deltas", "findings", "new_ends", "new_starts")

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        self.new_starts: list[int] = []
        self.new_ends: list[int] = []
        self.deltas: list[int] = []  # length change of the text before each finding
        delta = 0
        for f in findings:
            self.new_starts.append(f.start + delta)
            self.new_ends.append(f.start + delta + len(f.replacement))
            self.deltas.append(delta)
            delta += len(f.replacement) - (f.end - f.start)
        self.deltas.append(delta)

    def back(self, start: int, end: int) -> tuple[int, int]:
        """``(start, end)`` after the pass, as a span before it: widened to whole findings
        where it starts or ends inside one's replacement."""
        total = self.deltas[-1]
        k = bisect_right(self.new_ends, start)  # the first finding whose replacement ends after start
        if k == len(self.findings):
            s_out = start - total
        else:
            s_out = self.findings[k].start if start >= self.new_starts[k] else start - self.deltas[k]
        k = bisect_left(self.new_ends, end)  # the first finding whose replacement ends at or after end
        if k == len(self.findings):
            e_out = end - total
        else:
            e_out = self.findings[k].end if end > self.new_starts[k] else end - self.deltas[k]
        return s_out, e_out


def _merged_edits(original: str, final: str, spans: list[tuple[int, int, Finding]]) -> list[Edit]:
    """One edit per region of ``original`` that some pass changed, explained by the findings
    of every pass that touched it.

    Regions are the union of the findings' spans mapped back to the input (spans less than
    three characters apart are joined). Outside them the text never changed, and a region's
    length changed by the sum of its findings' changes, so each region's replacement is cut
    from ``final`` at a running offset: linear, no character diff.
    """
    regions: list[tuple[int, int, list[Finding]]] = []
    for s, e, f in sorted(spans, key=lambda item: (item[0], item[1])):
        if regions and s - regions[-1][1] <= 2:
            lo, hi, found = regions[-1]
            found.append(f)
            regions[-1] = (lo, max(hi, e), found)
        else:
            regions.append((s, e, [f]))
    edits: list[Edit] = []
    offset = 0
    for i1, i2, touching in regions:
        change = sum(len(f.replacement) - (f.end - f.start) for f in touching)
        j1 = i1 + offset
        j2 = j1 + (i2 - i1) + change
        offset += change
        if final[j1:j2] == original[i1:i2]:
            continue
        chains = list(dict.fromkeys(f.chain for f in touching))
        reasons = "; then ".join(dict.fromkeys(f.reason() for f in touching))
        confidence = min(f.confidence for f in touching)
        edits.append(Edit(i1, i2, final[j1:j2], reasons, "mojibake", " then ".join(chains), confidence))
    return edits


# ---------------------------------------------------------------------------------------------
# Analysis


def _analyse(
    text: str,
    keep_rejected: bool,
    lost_marks: bool = True,
    regions: list[tuple[int, int]] | None = None,
    budget: _Budget | None = None,
    hint: tuple[int, int] | None = None,
    exact: bool = True,
    settle: bool = False,
    memo: _WindowMemo | None = None,
    scope: _Scope | None = None,
) -> list[Finding]:
    """The findings of one pass over ``text``. ``exact=False`` (no explanation wanted): a
    window's whole decode that clearly wins by cheap bounds on the model's costs is taken
    without scoring it exactly (the same decisions, the costs in its reason are bounds).
    ``settle``: a whole pass over a repaired text (a budget stop is not in input offsets).
    ``memo``: the windows this step analysed already (see :class:`_WindowMemo`).
    ``scope``: filled with the sizes of the windows analysed, and whether the pass left any
    window out (far from ``regions``, or for the budget)."""
    if not text or text.isascii():
        return []
    if regions is not None and hint is None:
        # A later pass: the prescan first (most repaired text is clean: then there is no hit
        # near the regions either), and its stage spares the scans it saw empty.
        hint = _signal(text, lost_marks)
        if hint is None:
            composed = _composed(text)
            if composed is None or _signal(composed[0], lost_marks) is None:
                return []
    hits = _hits(text, lost_marks, hint, regions, scope)
    if regions is not None:  # a later pass: only where the previous pass changed something
        near = _near_regions(hits, regions)
        if scope is not None and len(near) < len(hits):
            scope.partial = True
        hits = near
    if not hits:
        return []
    findings: list[Finding] = []
    for lo, hi in _windows(text, hits):
        if budget is not None:
            if budget.left < hi - lo:
                if regions is None and not settle:
                    budget.stopped_at = lo
                else:
                    budget.later_pass_stopped = True
                if scope is not None:
                    scope.partial = True
                break
            budget.left -= hi - lo
        if scope is not None:
            scope.sizes.append(hi - lo)
        if memo is None:
            findings.extend(_analyse_window(text, lo, hi, exact))
        else:
            findings.extend(memo.analyse(text, lo, hi, exact))
    findings = _lone_letters_need_support(text, findings)
    accepted = _non_overlapping([f for f in findings if f.accepted])
    if not keep_rejected:
        return accepted
    taken = _Spans()
    for f in accepted:
        taken.add(f.start, f.end)
    rejected = [f for f in findings if not f.accepted and not taken.overlaps(f.start, f.end)]
    return sorted(accepted + _non_overlapping(rejected, by_gain=True), key=lambda f: f.start)


class _WindowMemo:
    """The findings of the windows one step has analysed, by the text they depend on.

    A window's findings depend only on its own text and ``_REACH`` characters on each side
    (the context that :func:`_judge` reads), and on ``exact``. Later passes and the settling
    pass over a repaired text meet many windows that the repair left as they were: they are
    answered from here, their findings moved to the window's new offset."""

    __slots__ = ("seen",)

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str, str, bool], tuple[int, list[Finding]]] = {}

    def analyse(self, text: str, lo: int, hi: int, exact: bool) -> list[Finding]:
        key = (text[max(0, lo - _REACH) : lo], text[lo:hi], text[hi : hi + _REACH], exact)
        got = self.seen.get(key)
        if got is None:
            found = _analyse_window(text, lo, hi, exact)
            self.seen[key] = (lo, found)
            return found
        was, found = got
        if was == lo:
            return found
        delta = lo - was
        return [replace(f, start=f.start + delta, end=f.end + delta) for f in found]


@dataclass(slots=True)
class _Budget:
    """Characters of windows a document may still have analysed (all passes together), and
    where analysis stopped when they ran out."""

    left: int
    stopped_at: int | None = None  # where the first pass stopped, in the step's input
    later_pass_stopped: bool = False  # a later pass (deeper layers) ran out


@dataclass(slots=True)
class _Scope:
    """What one later pass covered: the sizes of the windows it analysed, in order, and
    whether it left any hit or window out (see :func:`_repair`)."""

    sizes: list[int] = field(default_factory=list)
    partial: bool = False

    def spend(self, budget: _Budget) -> None:
        """Charge ``budget`` as a settling pass over the same windows would."""
        for size in self.sizes:
            if budget.left < size:
                budget.later_pass_stopped = True
                return
            budget.left -= size


class _Spans:
    """Spans that do not overlap, kept sorted: overlap tests by bisection, so keeping the best
    of many findings is not quadratic. Two spans overlap when each starts before the other
    ends (an empty span overlaps only a span it sits strictly inside)."""

    __slots__ = ("ends", "pairs")

    def __init__(self) -> None:
        self.pairs: list[tuple[int, int]] = []
        self.ends: list[int] = []  # non-decreasing, since the spans do not overlap

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_right(self.ends, start)  # the first span ending after ``start``
        return k < len(self.pairs) and self.pairs[k][0] < end

    def add(self, start: int, end: int) -> None:
        k = bisect_right(self.pairs, (start, end))
        self.pairs.insert(k, (start, end))
        self.ends.insert(k, end)


def _near_regions(hits: list[int], regions: list[tuple[int, int]]) -> list[int]:
    """The hits within eight characters of a region (both lists sorted): one merge, not a
    product, so a later pass stays linear however many runs the first pass repaired."""
    out: list[int] = []
    k, n = 0, len(regions)
    for h in hits:
        while k < n and regions[k][1] + 8 < h:
            k += 1
        if k < n and regions[k][0] - 8 <= h:
            out.append(h)
    return out


_SPACE_BACK = re.compile(r"\s(?=\S*\Z)")


def _windows(text: str, hits: list[int]) -> list[tuple[int, int]]:
    """Line-bounded windows around prefilter hits, ``_WINDOW`` chars each side, merged, and
    widened to the nearest space so that no word is cut."""
    clusters = _clusters(text, hits)
    out: list[tuple[int, int]] = []
    n = len(text)
    reach = 4 * _WINDOW  # no window reaches further from its hits: look for line ends no further
    for first, last in clusters:
        line_lo = max(text.rfind("\n", max(0, first - reach), first) + 1, first - reach, 0)
        line_hi = text.find("\n", last, last + reach)
        line_hi = min(n, last + reach) if line_hi < 0 else line_hi
        lo = max(line_lo, first - _WINDOW)
        hi = min(line_hi, last + _WINDOW)
        far_lo = max(line_lo, first - 4 * _WINDOW)
        m = _SPACE_BACK.search(text, far_lo, lo)
        lo = m.end() if m else far_lo
        m2 = _SPACE.search(text, hi, min(line_hi, last + 4 * _WINDOW))
        hi = m2.start() if m2 else min(line_hi, last + 4 * _WINDOW)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return [seg for lo, hi in out for seg in _segments(text, lo, hi)]


def _clusters(text: str, hits: list[int]) -> list[tuple[int, int]]:
    """The first and last hit of each cluster of ``hits`` (sorted): consecutive hits join when
    at most ``2 * _WINDOW`` apart with no line break from one to the next. The breaks are
    found from the gaps (one pass in C) and from the line breaks between the first and last hit."""
    n = len(hits)
    if not n:
        return []
    gaps = map(sub, hits[1:], hits[:-1])
    breaks = set(compress(count(1), map(lt, repeat(2 * _WINDOW), gaps)))
    end = hits[-1]
    nl = text.find("\n", hits[0], end)
    while nl >= 0:
        k = bisect_right(hits, nl)  # the first hit after the line break (the one before is at or before it)
        breaks.add(k)
        nl = text.find("\n", nl + 1, end)
    bounds = [0, *sorted(breaks), n]
    return [(hits[a], hits[b - 1]) for a, b in pairwise(bounds)]


_SEGMENT = 8192  # longest window analysed at once (a longer one is cut, see _segments)
_CUT = re.compile(r"\s|[\x00-\x7f]|\ufffd")


def _segments(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """``text[lo:hi]`` cut into pieces of at most ``_SEGMENT`` characters, so that the work
    and memory spent on one window stay bounded (a megabyte of garbled text without a line
    break is still one window). Each cut is made after the last space, ASCII character or
    U+FFFD of the piece's last quarter, where no multi-byte character can straddle it; text
    without any is cut before a character whose bytes start a UTF-8 sequence."""
    out: list[tuple[int, int]] = []
    while hi - lo > _SEGMENT:
        end = lo + _SEGMENT
        cut = None
        for m in _CUT.finditer(text, end - _SEGMENT // 4, end):
            cut = m.end()
        if cut is None:
            cut = _lead_cut(text, end - _SEGMENT // 4, end)
        end = cut if cut is not None and cut > lo else end
        out.append((lo, end))
        lo = end
    out.append((lo, hi))
    return out


def _lead_cut(text: str, lo: int, hi: int) -> int | None:
    """The last position in ``[lo, hi)`` before a character whose bytes in a codec it could
    have been read as start with a UTF-8 lead byte (so the cut falls between two of the
    original characters), trying the commonest readings first."""
    _register_codecs()
    for reading in ("gbk", "sloppy-windows-1252", "big5", "shift_jis", "euc-kr"):
        enc = _ENCODERS.get(reading)
        for k in range(hi - 1, lo, -1):
            data = enc(text[k]) if enc is not None else _encode_sb(text[k], reading)
            if data and 0xC2 <= data[0] <= 0xF4:
                return k
    return None


_SPACE = re.compile(r"\s")


def _non_overlapping(findings: list[Finding], by_gain: bool = False) -> list[Finding]:
    """Keep the best of overlapping findings (largest gain over margin)."""
    ranked = sorted(findings, key=lambda f: -(f.gain - (0 if by_gain else f.margin)))
    kept: list[Finding] = []
    spans = _Spans()
    for f in ranked:
        if not spans.overlaps(f.start, f.end):
            kept.append(f)
            spans.add(f.start, f.end)
    return sorted(kept, key=lambda f: f.start)


def _latin_signs(window: str) -> bool:
    """Whether ftfy could have anything to say: single-byte codepage characters, C1 controls
    or signs of cp1251/cp1250 mojibake (pure CJK mojibake is not its business)."""
    return _trigger_char().search(window) is not None or bool(_other_codepage_hits(window))


@lru_cache(maxsize=1)
def _trigger_char() -> re.Pattern[str]:
    """One character of the prefilter's trigger set (a codepage character clean text rarely has)."""
    return re.compile(f"[{_char_class(_latin_sets()[1])}]")


def _analyse_window(text: str, lo: int, hi: int, exact: bool = True) -> list[Finding]:
    candidates: list[_Candidate] = []
    window = text[lo:hi]
    cjk_sign = _CJK_READING_SIGN.search(window) is not None  # a CJK reading leaves CJK, kana, Hangul or a lost mark
    latin_sign = _latin_signs(window)  # single-byte readings leave Latin-1 or cp437 characters behind
    whole = _whole_window_finding(text, lo, hi, cjk_sign, latin_sign, exact)
    if whole is not None:
        return [whole]
    if cjk_sign:
        candidates.extend(_cjk_candidates(window, lo))
    if latin_sign:
        candidates.extend(_single_byte_candidates(window, lo))
        candidates.extend(_ftfy_candidates(window, lo))
    findings = [_judge(text, c) for c in candidates]
    findings = _with_chain_support([f for f in findings if f is not None])
    if latin_sign:
        findings = _prefer_segments(text, findings, _segment_candidates(window, lo))
    return findings


def _prefer_segments(text: str, findings: list[Finding], segments: list[_Candidate]) -> list[Finding]:
    """The window's findings with each accepted segment reading (:func:`_segment_candidates`)
    in place of the run-by-run findings it overlaps: a reading every garbled token of the
    stretch follows is more likely than per-token winners of different chains (``µ®ÀÀ`` is
    Big5 ``筑擬`` alone, EUC-KR ``뎌응`` beside its neighbours). Among segment readings of
    the same stretch the one that gains most over its margin wins."""
    judged = [f for f in (_judge(text, c) for c in segments) if f is not None]
    accepted = _non_overlapping([f for f in judged if f.accepted])
    if accepted:
        # A UTF-8 reading that holds on its own (or ftfy's) is not overruled: UTF-8 bytes
        # valid by chance are rarer than CJK bytes, and a space that was a no-break space
        # (``à¸ à¸²``) breaks the strict UTF-8 decode of the stretch, not the UTF-8 reading.
        # Only repairs that decoded multi-byte sequences count (ftfy's C1-control transcoding
        # keeps the length and says nothing about the bytes), and only when they hold at
        # least half the stretch's garbled characters (``Æµ`` read as UTF-8 ``Ƶ`` inside a
        # stretch of EUC-KR is a chance pair).
        utf8 = [f for f in findings if f.accepted and len(f.replacement) < len(f.original)
                and f.chain.lower().startswith(("utf-8 read as", "ftfy:"))]
        if utf8:
            accepted = [f for f in accepted if 2 * _non_ascii_within(f, utf8) < _non_ascii(f.original)]
    if not accepted:
        return findings
    taken = _Spans()
    for f in accepted:
        taken.add(f.start, f.end)
    return sorted([f for f in findings if not taken.overlaps(f.start, f.end)] + accepted, key=lambda f: f.start)


def _non_ascii(s: str) -> int:
    return len(s) - len(s.encode("ascii", "ignore"))


def _non_ascii_within(seg: Finding, others: list[Finding]) -> int:
    """Non-ASCII characters of ``seg``'s original that the findings ``others`` replace."""
    return sum(_non_ascii(o.original[max(0, seg.start - o.start) : seg.end - o.start])
               for o in others if o.start < seg.end and seg.start < o.end)


@lru_cache(maxsize=8)
def _reading_stretch(reading: str) -> re.Pattern[str]:
    """Stretches of one line that ``reading`` can encode: printable ASCII, spaces and the
    codepage's other characters (a stretch ends at clean CJK text, a tab or a lost mark)."""
    chars = f"\\x21-\\x7e{_reading_chars(reading)}"
    return re.compile(f"[{chars}](?:[ {chars}]*[{chars}])?")


# The script a CJK source's text cannot do without (class letters of charmodel): kana and
# hanja exist in EUC-KR and Han in every one of them, but a stretch of Korean has Hangul.
_OWN_SCRIPT = {"gbk": "H", "big5": "H", "shift_jis": "K", "euc-kr": "G"}

_NON_ASCII_WORD = re.compile("[^ ]*[^\x00-\x7f][^ ]*")


_SPACES_THEN = re.compile(" *(.)")


def _stretch_cut(window: str, start: int, end: int) -> bool:
    """Whether the stretch ``window[start:end]`` stops (across spaces) at a codepage
    character its reading cannot encode, or at a lost mark: it is then only part of a
    garbled run (``›`` is cp1252 but not latin-1), and a reading of the whole is judged
    under another codepage or not at all."""
    m = _SPACES_THEN.match(window, end)
    if m is not None and _outside_char(m.group(1)):
        return True
    k = start - 1
    while k >= 0 and window[k] == " ":
        k -= 1
    return k >= 0 and _outside_char(window[k])


def _outside_char(ch: str) -> bool:
    return ch == _REPLACEMENT or _codepage_char().match(ch) is not None


_TWO_ASCII_LETTERS = re.compile("[A-Za-z]{2}")


def _latin_word(word: str) -> bool:
    """Whether ``word`` reads as an accented Latin word: its non-ASCII characters are Latin
    letters, and it is one such letter (``à``, ``Ça``) or has two ASCII letters in a row
    (``très``). Garbled CJK bytes give ASCII letters only as single trail bytes."""
    high = "".join(c for c in word if not c.isascii())
    if not high or model().classes(high) != "A" * len(high):
        return False
    return len(high) == 1 or _TWO_ASCII_LETTERS.search(word) is not None


def _codepage_word_char(ch: str) -> bool:
    """Whether ``ch`` (one character or none) could belong to a garbled token: printable
    ASCII or a character some single-byte codepage produces."""
    return bool(ch) and ("\x21" <= ch <= "\x7e" or _codepage_char().match(ch) is not None)


def _segment_candidates(window: str, offset: int) -> list[_Candidate]:
    """One candidate per stretch of two or more garbled tokens and CJK source whose bytes
    decode strictly as a whole: the stretch judged as one chain against one margin.

    Token by token, each run of a short or rare-syllable sentence must clear the margin on
    its own (``믤릔궈`` falls just short, ``ⓡⓖ`` fails the token checks); a text garbled by
    one chain is garbled consistently, so several tokens that all decode under the same
    chain pool their evidence. The decode must still be CJK text without letters of other
    alphabets or stray symbols; bytes that are valid UTF-8 with multi-byte sequences are
    left to the UTF-8 readings (as in :func:`_token_repairs`).
    """
    _register_codecs()
    out: list[_Candidate] = []
    seen: set[tuple[int, int, bytes]] = set()
    for reading in _SB_READINGS:
        for m in _reading_stretch(reading).finditer(window):
            words = list(_NON_ASCII_WORD.finditer(window, *m.span()))
            if len(words) < 2 or _stretch_cut(window, *m.span()):
                continue
            if max(_non_ascii(w.group()) for w in words) < _SHORT:
                continue  # short tokens only (``«» «»``): as in the token path, a chain needs a longer run
            if any(_latin_word(w.group()) for w in words):
                continue  # ``Málaga`` is a word, not garbled bytes: left to the token path
            s, e = words[0].start(), words[-1].end()
            if _codepage_word_char(window[s - 1 : s]) or _codepage_word_char(window[e : e + 1]):
                continue  # cut by a character of another codepage: not the whole of a garbled run
            seg = window[s:e]
            try:
                data = seg.encode(reading)
            except UnicodeEncodeError:
                continue
            if (s, e, data) in seen:
                continue
            seen.add((s, e, data))
            if _UTF8_LEAD_CONT.search(data) and _decode_strict(data, "utf-8") is not None:
                continue  # valid UTF-8 with multi-byte sequences: not a CJK codec's bytes
            for source, codec in _SB_SOURCES.items():
                if source == "utf-8":
                    continue
                decoded = _decode_strict(data, codec)
                if decoded is None or decoded[0] == seg or _PUA.search(decoded[0]):
                    continue
                rep = decoded[0]
                classes = model().classes(rep)
                if not _EXOTIC_NO_F.isdisjoint(classes) or _count_cjk(classes) < 2:
                    continue
                if _OWN_SCRIPT[source] not in classes:
                    continue  # EUC-KR text without Hangul, Shift_JIS without kana: another reading
                if _count_cjk(classes) >= 3 and not _CJK_PAIR.search(classes):
                    continue  # CJK characters all alone between others: line art
                out.append(_Candidate(offset + s, offset + e, rep, [f"{source} read as {_SHORT_NAME[reading]}"]))
    return out


def _whole_window_finding(
    text: str, lo: int, hi: int, cjk_sign: bool, latin_sign: bool, exact: bool = True
) -> Finding | None:
    """The repair of the whole window under one chain, when that settles the window at once.

    Most garbled text is garbled throughout: every non-ASCII character of the window then
    belongs to one chain, and the window's bytes under that chain's reading decode strictly
    (a clean character, a lost byte or a second chain makes the strict decode fail, which is
    cheap to find out: one encode and one decode in C per reading and source). The cheapest
    decode by the model is judged like any candidate; only a clear win (``_ESTABLISHED``
    times its margin) is taken, and the window is then not analysed run by run.
    """
    window = text[lo:hi]
    if len(window) - len(window.encode("ascii", "ignore")) < _SHORT:
        return None  # a few characters: the runs are judged one by one (and quickly)
    options = _whole_decodes(window, cjk_sign, latin_sign)
    if not options:
        return None
    rep, chain, lost = options[0] if len(options) == 1 else min(options, key=_option_cost)
    chains = [chain]
    # Deeper layers are peeled here, on the whole text: once _judge has trimmed the unchanged
    # edges off, the repair may no longer start on a character boundary of the inner layer.
    for _ in range(_MAX_LAYERS - 1):
        if not _has_signal(rep, lost_marks=False):
            break
        inner = _whole_decodes(rep, _CJK_READING_SIGN.search(rep) is not None, True)
        if not inner:
            break
        rep2, chain2, lost2 = min(inner, key=_option_cost)
        if _score_cached(rep2).best + _MARGIN_BASE > _score_cached(rep).best:
            break
        rep, lost = rep2, lost + lost2
        chains.insert(0, chain2)
    f = _judge(text, _Candidate(lo, hi, rep, chains, lost), established_by_bounds=not exact)
    if f is None or not f.accepted:
        return None
    if f.gain >= _ESTABLISHED * f.margin:
        return f
    # Latin results gain little under a CJK model: there ftfy reaching the very same text on
    # its own (asked by _judge already, cached) is the second opinion that settles it.
    if chain.startswith("utf-8 read as") and not _has_cjk(f.replacement) and _ftfy_agrees(f.original, f.replacement):
        return f
    return None


def _whole_decodes(text: str, cjk_sign: bool, latin_sign: bool) -> list[tuple[str, str, int]]:
    """Every strict decode of all of ``text`` under one chain: (repair, chain, lost)."""
    options: list[tuple[str, str, int]] = []
    variants = [text]
    if cjk_sign and "?" in text and _LOSSY_QUESTION.search(text):
        # a '?' beside non-ASCII text may be a lost byte's mark for the CJK readings
        variants.append(_LOSSY_QUESTION.sub(_REPLACEMENT, text))
    for variant in variants if cjk_sign else ():
        lossy = _REPLACEMENT in variant
        for reading, codecs in _CJK_READINGS.items():
            # The first codec's bytes are shared with _cjk_candidates (cached).
            data = _first_codec_bytes(variant, reading)
            if data is not None:
                pass
            elif lossy:
                # Encoded in C with NUL standing for each lost mark (the step removed every C0
                # control before analysis, and NUL is never part of a CJK multi-byte sequence).
                if "\x00" not in variant:
                    nul = variant.replace(_REPLACEMENT, "\x00")
                    data = _strict_bytes(nul, codecs[1:])
                    if data is None:  # per character (one only the second codec of the reading has)
                        data = _encode_mixed(nul, codecs)
                        if data is None or _BREAK in data:
                            continue
                    data = data.replace(b"\x00", bytes([_PH]))
                else:  # per character
                    data = _encode_window(variant, reading)[0]
                    if _BREAK in data:
                        continue
            else:
                data = _strict_bytes(variant, codecs[1:])
            if data is None or not _MULTIBYTE.search(data):
                continue
            decoded = _utf8_lossy(data) if lossy else _decode_strict(data, "utf-8")
            if decoded is None or decoded[0] == text or _PUA.search(decoded[0]):
                continue
            if lossy and _recovered(decoded[0]) < 2:
                continue
            options.append((decoded[0], f"UTF-8 read as {reading}", decoded[1]))
        if options:
            break  # a '?' is read as a lost byte only when no strict decode exists
    if latin_sign and _REPLACEMENT not in text:
        _register_codecs()
        seen: set[bytes] = set()
        for reading in _SB_READINGS:
            data = _strict_bytes(text, (reading,))
            if data is None or data in seen:
                continue
            seen.add(data)
            for source, codec in _SB_SOURCES.items():
                rep = _decode_strict(data, codec)
                if rep is None or rep[0] == text:
                    continue
                if source != "utf-8" and not _cjk_text(rep[0], len(data) - len(data.translate(None, _HIGH_BYTES))):
                    continue
                if source == "utf-8" and len(rep[0]) <= len(data) - 2:
                    # two or more multi-byte sequences and no invalid byte: the bytes were UTF-8
                    # (CJK codecs decode them too, by chance; as in _token_repairs)
                    if not _PUA.search(rep[0]):
                        options.append((rep[0], f"{source} read as {_SHORT_NAME[reading]}", 0))
                    break
                if not _PUA.search(rep[0]):
                    options.append((rep[0], f"{source} read as {_SHORT_NAME[reading]}", 0))
    return options


def _encode_mixed(text: str, codecs: tuple[str, ...]) -> bytes | None:
    """``text`` with each character encoded by the first of ``codecs`` that has it (the bytes
    :func:`_encode_window` gives), or None when a character fits none of them (where that
    gives ``_BREAK``). Encoded in C between the characters the first codec refuses."""
    first, rest = codecs[0], codecs[1:]
    out: list[bytes] = []
    pos, n, refused = 0, len(text), 0
    while pos < n:
        try:
            out.append(text[pos:].encode(first))
            break
        except UnicodeEncodeError as e:
            out.append(text[pos : pos + e.start].encode(first))
            for ch in text[pos + e.start : pos + e.end]:
                data = _strict_bytes(ch, rest)
                if data is None:
                    return None
                out.append(data)
            pos += e.end
            refused += 1
            if refused > 16:  # many refusals: one character at a time is cheaper
                for ch in text[pos:]:
                    data = _strict_bytes(ch, codecs)
                    if data is None:
                        return None
                    out.append(data)
                break
    return b"".join(out)


def _cjk_text(rep: str, high: int) -> bool:
    """The context-free checks of :func:`_token_repairs` on a CJK decode of ``high`` high
    bytes: CJK text, in runs, without stray letters of other alphabets."""
    classes = model().classes(rep)
    if not _EXOTIC_NO_F.isdisjoint(classes) or _CJK_OR_Q.isdisjoint(classes):
        return False
    n = _count_cjk(classes)
    if n < 2 or (n >= 3 and not _CJK_PAIR.search(classes)):
        return False
    return high > 12 or _common_cjk(rep)


def _strict_bytes(window: str, codecs: tuple[str, ...]) -> bytes | None:
    for codec in codecs:
        try:
            return window.encode(codec)
        except UnicodeEncodeError:
            continue
    return None


# A Han character glued to a Latin word (``讀master``, ``你go没``) is how Cantonese and Chinese
# mix in English words; read as one accented letter (``Ūmaster``) it needs more than the model's
# margin: the chain shown elsewhere in the document, or a Han character that Chinese text
# hardly uses (``脺ber``: UTF-8 ``Ü`` read as GBK gives a character at the model's floor).
_RARE_LONE = 13.0  # nats: the cheapest unigram cost of a Han character that needs no support


def _lone_letter(text: str, f: Finding) -> bool:
    """Whether ``f`` turns one CJK character at the edge of a Latin word into one accented
    letter where such a character is not by itself a sign: at either edge when the text
    around it is CJK, as a capital opening a word anywhere (Latin text has ``évidemment``
    and ``în``; inside a word, ``sch枚n``, a CJK character is a sign and stays one)."""
    if len(f.original) != 1 or len(f.replacement) != 1 or not f.chain.startswith("UTF-8 read as"):
        return False
    m = model()
    if m.classes(f.original) not in _CJK or m.classes(f.replacement) != "A":
        return False
    before = text[f.start - 1 : f.start]
    after = text[f.end : f.end + 1]
    letter_before = before.isascii() and before.isalpha()
    letter_after = after.isascii() and after.isalpha()
    if letter_before == letter_after:
        return False  # inside a word, or not glued to one
    return bool(_context_classes(text, f.start, f.end) & _CJK) or (letter_after and f.replacement.isupper())


def _lone_letters_need_support(text: str, findings: list[Finding]) -> list[Finding]:
    """Reject the accepted :func:`_lone_letter` findings whose chain no other accepted finding
    of the text (not a lone letter, not overlapping) shows, unless their character is rare."""
    lone = [k for k, f in enumerate(findings) if f.accepted and _lone_letter(text, f)]
    if not lone:
        return findings
    others = [f for f in findings if f.accepted and not _lone_letter(text, f)]
    out = list(findings)
    for k in lone:
        f = findings[k]
        if char_cost(f.original) >= _RARE_LONE:
            continue
        if any(o.chain == f.chain and (o.end <= f.start or o.start >= f.end) for o in others):
            continue
        out[k] = replace(f, accepted=False)
    return out


_ESTABLISHED = 3.0  # times its margin a finding must gain to establish its chain in a window


def _with_chain_support(findings: list[Finding]) -> list[Finding]:
    """Mojibake in one window comes from one chain: once a CJK reading of UTF-8 is clearly
    established (a run gaining several times its margin), a short run of the same chain
    that the model prefers (``spüre`` clinches ``Über`` read as GBK, ``脺ber``) needs only the
    small margin. Results with symbols or other alphabets stay rejected."""
    strong = {f.chain for f in findings if f.accepted and f.chain.startswith("UTF-8 read as")
              and f.gain >= _ESTABLISHED * f.margin and " then " not in f.chain}
    if not strong:
        return findings
    out = []
    for f in findings:
        if (not f.accepted and f.chain in strong and 0 < f.gain and _SUPPORTED_MARGIN <= f.gain
                and f.end - f.start <= _SHORT and not _has_exotic(f.replacement)):
            f = replace(f, accepted=True, margin=_SUPPORTED_MARGIN)
        out.append(f)
    return out


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    replacement: str
    chain: list[str]
    lost: int = 0
    supported: bool = False  # a short run whose chain longer runs nearby establish
    trusted: bool = False  # ftfy's repair in a window without CJK: its own heuristics decide


def _judge(text: str, cand: _Candidate, established_by_bounds: bool = False) -> Finding | None:
    """Score a candidate against the text it would replace, peeling up to three layers.

    ``established_by_bounds``: when a lower bound of the cost before and an upper bound of the
    cost after already show a gain of ``_ESTABLISHED`` times the margin (and no further layer
    is possible), the finding is returned with those bounds as its costs, without scoring the
    two texts exactly (a third of the work; what :func:`_whole_window_finding` decides with
    such a finding is the same as with the exact costs)."""
    original = text[cand.start : cand.end]
    if cand.replacement == original:
        return None
    lossy = bool(cand.lost) or _REPLACEMENT in original
    # Judge only what changes: drop the common prefix and suffix (unchanged ASCII, clean text).
    rep = cand.replacement
    p = 0
    limit = min(len(original), len(rep))
    while p < limit and original[p] == rep[p]:
        p += 1
    q = 0
    while q < limit - p and original[-1 - q] == rep[-1 - q]:
        q += 1
    if p or q:
        cand = _Candidate(cand.start + p, cand.end - q, rep[p : len(rep) - q], cand.chain, cand.lost,
                          cand.supported, cand.trusted)
        original = text[cand.start : cand.end]
    left = text[max(0, cand.start - _CONTEXT) : cand.start]
    right = text[cand.end : cand.end + _CONTEXT]
    best_rep, best_chain, best_lost = cand.replacement, list(cand.chain), cand.lost
    outer = cand.chain[-1]  # chains list layers innermost first
    around = _context_classes(text, cand.start, cand.end)
    if cand.supported:
        around = around | _CJK  # its neighbours are being repaired into the same script
    deeper = _has_signal(best_rep, lost_marks=False)
    if established_by_bounds and not deeper and not cand.supported and not cand.trusted:
        quick = _established(text, cand, original, left, right, around)
        if quick is not None:
            return None if lossy and _scripts_lost(original, quick.replacement, around) else quick
    before = _scored(left + original + right, original, around)
    after = _scored(left + best_rep + right, best_rep, around)
    # Further layers: the repaired run may itself be mojibake.
    for layer in range(_MAX_LAYERS - 1):
        if not (deeper if layer == 0 else _has_signal(best_rep, lost_marks=False)):
            break
        deeper = _best_inner(best_rep)
        if deeper is None:
            break
        rep, chain, lost = deeper
        sc = _scored(left + rep + right, rep, around)
        if sc.best + _MARGIN_BASE > after.best:
            break
        best_rep, best_chain, best_lost, after = rep, chain + best_chain, best_lost + lost, sc
    if cand.supported and len(best_chain) == len(cand.chain):  # support is for its own repair only
        margin = _FTFY_MARGIN if outer.startswith("ftfy:") else _SUPPORTED_MARGIN
    else:
        margin = _MARGIN_BASE + _MARGIN_PER_CHAR * len(original)
    if outer.startswith("utf-8 read as") and not _has_cjk(best_rep) and not _ftfy_agrees(original, best_rep):
        # Non-CJK results are ftfy's home ground: without its agreement, demand much more,
        # and never accept stray symbols or letters of other alphabets.
        margin = float("inf") if _has_exotic(best_rep) else 3 * margin + _WESTERN_EXTRA
    gain = before.best - after.best
    if outer.startswith(("utf-8 read as", "ftfy:")):
        # Valid 3-byte UTF-8 inside single-byte text is unlikely by chance: evidence per sequence.
        gain += _UTF8_EVIDENCE * len(_THREE_BYTE.findall(best_rep))
    if cand.trusted and len(best_chain) == len(cand.chain):
        margin = min(margin, gain)  # ftfy is the judge of Western text (it never touches CJK here)
    if lossy and _scripts_lost(original, best_rep, around):
        return None
    accepted = gain >= margin
    confidence = 1.0 / (1.0 + 2.718281828 ** (-(gain - margin) / 3.0)) if gain > 0 else 0.0
    return Finding(
        start=cand.start,
        end=cand.end,
        original=original,
        replacement=best_rep,
        chain=" then ".join(reversed(best_chain)) if len(best_chain) > 1 else best_chain[0],
        confidence=round(min(0.99, confidence), 4),
        cost_before=before.best,
        cost_after=after.best,
        margin=margin,
        lang=after.lang,
        lost=best_lost,
        accepted=accepted,
        scores={"before": before.to_dict(), "after": after.to_dict()},
    )


def _scripts_lost(original: str, rep: str, around: frozenset[str]) -> bool:
    """Whether a lossy repair (one that leaves or drops lost marks) turns a run holding Han,
    kana or Hangul into lost marks and debris without any CJK character, or brings Latin
    letters that neither the run nor its surroundings have, as many as its CJK characters: clean text beside lost marks
    re-read as junk (``就�同���炉`` read as GBK gives ``��¯``, ``辞�，�：`` as Shift_JIS
    ``�펫�C�F``, ``同志���`` as GBK only ``���``). Real mojibake of CJK text gives back CJK
    characters wherever bytes survived, and no stray letters (debris becomes U+FFFD)."""
    m = model()
    had = set(m.classes(original))
    if _CJK.isdisjoint(had):
        return False
    if not _LATIN.isdisjoint(had | around):
        return False  # Latin text read through a CJK codec: its repair is Latin
    classes = m.classes(rep)
    cjk = sum(map(classes.count, _CJK))
    return not cjk or sum(map(classes.count, _LATIN)) >= cjk


_LATIN = frozenset("LA")  # classes of ASCII and other Latin letters


def _established(text: str, cand: _Candidate, original: str, left: str, right: str,
                 around: frozenset[str]) -> Finding | None:
    """The finding :func:`_judge` would make, when bounds on the two costs already show a gain
    of ``_ESTABLISHED`` times the margin; None when they do not (the caller scores exactly).
    Only for a candidate with no further layer, neither supported nor trusted."""
    rep = cand.replacement
    outer = cand.chain[-1]
    if outer.startswith("utf-8 read as") and not _has_cjk(rep):
        return None  # the margin depends on ftfy's opinion: left to the exact path
    margin = _MARGIN_BASE + _MARGIN_PER_CHAR * len(original)
    # Cheapest bounds first, tightened only while they fall short.
    need = _ESTABLISHED * margin
    before, after = left + original + right, left + rep + right
    penalty_before, penalty_after = _foreign_penalty(original, around), _foreign_penalty(rep, around)
    low = cost_floor_loose(before) + penalty_before
    high = cost_ceiling_loose(after) + penalty_after
    if low - high < need:
        high = cost_under(after) + penalty_after
        if low - high < need:
            low = cost_floor(before) + penalty_before
            if low - high < need:
                return None
    gain = low - high
    if outer.startswith(("utf-8 read as", "ftfy:")):
        gain += _UTF8_EVIDENCE * len(_THREE_BYTE.findall(rep))
    confidence = 1.0 / (1.0 + 2.718281828 ** (-(gain - margin) / 3.0))
    return Finding(
        start=cand.start,
        end=cand.end,
        original=original,
        replacement=rep,
        chain=" then ".join(reversed(cand.chain)) if len(cand.chain) > 1 else cand.chain[0],
        confidence=round(min(0.99, confidence), 4),
        cost_before=low,
        cost_after=high,
        margin=margin,
        lang="zh",
        lost=cand.lost,
        accepted=True,
        scores={"bounds": True},
    )


# Classes foreign to CJK and Latin text: other alphabets, symbols, marks, controls, private use.
_EXOTIC = frozenset("XBEMUCOF")
_FOREIGN_PENALTY = 4.0
_CJK = frozenset("HKG")


_REACH = 60  # characters of text on each side of a run that its judgement looks at


def _context_classes(text: str, start: int, end: int) -> frozenset[str]:
    """Character classes of the clean text around a run (the script it sits in); the
    pseudo-class ``#`` marks a context long enough (10+ non-space characters) to judge by."""

    context = text[max(0, start - _REACH) : start] + text[end : end + _REACH]
    classes = set(model().classes(context))
    if len(context) - sum(map(str.isspace, context)) >= 10:
        classes.add("#")
    if _RARE_CJK_SYMBOL.search(context):
        classes.add(_RARE_MARK)
    return frozenset(classes)


# Blocks of CJK symbols that prose hardly uses: radicals and ideographic description
# characters, kanbun, strokes, enclosed ideographs and months, squared units (``㏑``). A
# repair that brings one into text whose surroundings have none pays like a foreign class.
_RARE_CJK_SYMBOL = re.compile("[\u2e80-\u2fff\u3190-\u319f\u31c0-\u31ef\u3200-\u33ff]")
_RARE_MARK = "~"  # pseudo-class of _context_classes: the context has such symbols


@lru_cache(maxsize=16384)
def _score_cached(text: str) -> Score:
    return score(text)


def _option_cost(option: tuple[Any, ...]) -> float:
    """The model's cost of an option's repair (its first item), remembered: the cheapest
    option is scored again when its deeper layers are weighed."""
    return _score_cached(option[0]).best


def _scored(with_context: str, run: str, around: frozenset[str]) -> Score:
    """The model's score plus a penalty for each character of a class the surrounding text
    does not use: an exotic class (another alphabet, a symbol, a combining mark), Han, kana
    and Hangul in a context of some length that has none, or a rare CJK symbol."""

    sc = _score_cached(with_context)
    extra = _foreign_penalty(run, around)
    if not extra:
        return sc
    return Score(tuple(c + extra for c in sc.costs), sc.length)


def _foreign_penalty(run: str, around: frozenset[str]) -> float:
    """What :func:`_scored` adds to every language's cost of ``run``."""
    foreign_classes = _EXOTIC | _CJK if "#" in around and not around & _CJK else _EXOTIC
    classes = model().classes(run)
    foreign = sum(map(classes.count, foreign_classes - around))
    if _RARE_MARK not in around and _RARE_CJK_SYMBOL.search(run):
        foreign += len(_RARE_CJK_SYMBOL.findall(run))
    return foreign * _FOREIGN_PENALTY


@lru_cache(maxsize=2048)
def _best_inner(text: str) -> tuple[str, list[str], int] | None:
    """The whole-string repair of ``text`` as one more layer, if any chain decodes it
    (cached: later passes judge the same repairs again; callers must not mutate the chain)."""
    cjk_sign = _CJK_READING_SIGN.search(text) is not None
    whole = _whole_decodes(text, cjk_sign, True)
    if whole:  # strict decodes of the whole string: no need to build candidates run by run
        rep, chain, lost = min(whole, key=_option_cost)
        return rep, [chain], lost
    options: list[tuple[str, list[str], int]] = []
    cjk = _cjk_candidates(text, 0, whole=True) if cjk_sign else []
    for c in (*cjk, *_single_byte_candidates(text, 0, whole=True)):
        if c.start == 0 and c.end == len(text):
            options.append((c.replacement, c.chain, c.lost))
        elif c.replacement:
            options.append((text[: c.start] + c.replacement + text[c.end :], c.chain, c.lost))
    if not options:
        return None
    return min(options, key=_option_cost)


# ---------------------------------------------------------------------------------------------
# CJK readings of UTF-8 bytes


def _encoder(reading: str):  # type: ignore[no-untyped-def]
    @cache
    def enc(ch: str) -> bytes:
        return _encode_cjk(ch, reading)

    return enc


def _encode_cjk(ch: str, reading: str) -> bytes:
    if ch == _REPLACEMENT:
        return bytes([_PH])
    for codec in _CJK_READINGS[reading]:
        try:
            return ch.encode(codec)
        except UnicodeEncodeError:
            continue
    return _BREAK


_PUA = re.compile("[\ue000-\uf8ff]")
_ENCODERS = {reading: _encoder(reading) for reading in _CJK_READINGS}
_LOSSY_QUESTION = re.compile(r"(?<=[^\x00-\x7f])\?|\?(?=[^\x00-\x7f])")


def _cjk_candidates(window: str, offset: int, whole: bool = False) -> list[_Candidate]:
    """Runs of ``window`` whose bytes in a CJK codec are (lossy-)valid UTF-8.

    Only the readings whose bytes are mostly valid UTF-8 (at least half the coverage of the
    best reading) are examined run by run.
    """
    variants = [window]
    if "?" in window and _LOSSY_QUESTION.search(window):
        variants.append(_LOSSY_QUESTION.sub(_REPLACEMENT, window))
    encoded: list[tuple[str, str, bytes, list[int], list[tuple[int, int]], int]] = []
    for reading in _CJK_READINGS:
        for variant in variants:
            data, offs = _encode_window(variant, reading)
            if not _MULTIBYTE.search(data):
                continue  # no UTF-8 lead byte and no lost byte: nothing to decode
            runs = list(_UTF8_RUN_MB.finditer(data))
            spans = list(map(_match_span, runs))
            covered = sum(map(_match_end, runs)) - sum(map(_match_start, runs))
            if covered:
                encoded.append((reading, variant, data, offs, spans, covered))
    if not encoded:
        return []
    top = max(e[5] for e in encoded)
    out: list[_Candidate] = []
    best: dict[tuple[int, int], _Candidate] = {}
    for reading, variant, data, offs, spans, covered in encoded:
        if covered * 2 < top:
            continue
        for cand in _cjk_runs(variant, reading, data, offs, spans, whole):
            key = (cand.start, cand.end, reading)  # type: ignore[assignment]
            if key not in best or cand.lost < best[key].lost:  # type: ignore[index]
                best[key] = cand  # type: ignore[index]
    for cand in best.values():
        cand.start += offset
        cand.end += offset
        out.append(cand)
    if whole:
        n = len(window)
        out = [c for c in out if c.start - offset == 0 and c.end - offset == n]
    return out


def _encode_window(window: str, reading: str) -> tuple[bytes, list[int]]:
    """The window's bytes in ``reading`` (each character by the first of the reading's codecs
    that has it, U+FFFD as a lost byte) and where each character's bytes start.

    When the first codec has every character, the bytes come from one encode in C
    (:func:`_first_codec_bytes`, shared with :func:`_whole_decodes`) and the offsets from the
    characters' byte lengths (one ``translate``); otherwise character by character through
    the reading's cached encoder."""
    data = _first_codec_bytes(window, reading)
    if data is not None:
        return data, list(accumulate(window.translate(_BYTE_LENGTHS[reading]).encode("latin-1"), initial=0))
    chunks = list(map(_ENCODERS[reading], window))
    return b"".join(chunks), list(accumulate(map(len, chunks), initial=0))


@lru_cache(maxsize=64)
def _first_codec_bytes(window: str, reading: str) -> bytes | None:
    """``window`` encoded by the first codec of ``reading``, each U+FFFD as a lost byte
    (``_PH``); None when that codec refuses a character (or the window holds a NUL, which
    stands for the lost marks in a window that has any). The same bytes as encoding character by character,
    since the codecs are stateless. Cached: a window's whole decode and its run-by-run
    candidates both need them."""
    lossy = _REPLACEMENT in window
    if lossy and "\x00" in window:
        return None
    try:
        data = (window.replace(_REPLACEMENT, "\x00") if lossy else window).encode(_CJK_READINGS[reading][0])
    except UnicodeEncodeError:
        return None
    return data.replace(b"\x00", _PH_BYTE) if lossy else data


class _ByteLengths(dict):  # type: ignore[type-arg]
    """A ``str.translate`` table: code point -> the length of its bytes in one reading (as a
    character: ``"\x02"``), filled on first use."""

    __slots__ = ("reading",)

    def __init__(self, reading: str) -> None:
        super().__init__()
        self.reading = reading

    def __missing__(self, cp: int) -> str:
        value = chr(len(_ENCODERS[self.reading](chr(cp))))
        self[cp] = value
        return value


_BYTE_LENGTHS = {reading: _ByteLengths(reading) for reading in _CJK_READINGS}


def _cjk_runs(
    window: str, reading: str, data: bytes, offs: list[int], spans: list[tuple[int, int]], whole: bool = False
) -> list[_Candidate]:
    """The best repair of each span (trying to trim a clean neighbour off either edge);
    ``whole``: only spans that cover the window can matter."""
    out: list[_Candidate] = []
    han_around = _HAN.search(window) is not None
    # ``1`` where the window has an ASCII letter (no other character becomes ``1``), so that
    # "a Latin letter beside the run" is a slice: an ASCII letter just outside a trim, or at
    # either edge of the run inside or outside (where some trim has one just outside).
    flags = window.translate(_LETTER_FLAGS) if _ASCII_LETTER.search(window) else ""
    if not flags:
        # A run of one or two bytes covers at most two characters and at most one lead byte:
        # without a Latin letter anywhere, every trim of it is skipped below.
        spans = [span for span in spans if span[1] - span[0] > 2]
    if reading != "shift_jis" or not _ASCII_ALIASES.search(window):
        # A run without a UTF-8 lead byte (lost bytes and continuation bytes, ASCII between)
        # gives nothing: a lossy trim needs two lead bytes, and one without lost bytes decodes
        # only when it is all ASCII bytes, which only ASCII characters give here (Shift_JIS
        # alone gives ``\`` for ``¥`` and ``~`` for ``‾``).
        lead = _LEAD_BYTE.search
        spans = [span for span in spans if lead(data, *span)]
    n_offs = len(offs)
    for bs, be in spans:
        # _snap_up and _snap_down, inlined (a window may have thousands of runs)
        i = bisect_left(offs, bs)
        if i >= n_offs or offs[i] - bs > 3:
            continue
        j = bisect_right(offs, be) - 1
        if j < 0 or be - offs[j] > 3 or j - i < 1 or (whole and (i != 0 or j != len(window))):
            continue
        if (j - i < 3 and data.find(_PH, offs[i], offs[j]) < 0
                and "1" not in flags[max(0, i - 1) : i + 1] and "1" not in flags[max(0, j - 1) : j + 1]):
            continue  # every trim is a short run without a lost byte or a Latin neighbour: skipped below
        if j - i > 2 and data.find(_PH, offs[i + 1], offs[j - 1]) >= 0:
            # Every trim below keeps a lost byte: with fewer than two lead bytes in the whole
            # run, each would be skipped for recovering fewer than two characters.
            full = data[offs[i] : offs[j]]
            if len(full) - len(full.translate(None, _UTF8_LEADS)) < 2:
                continue
        best: _Candidate | None = None
        untrimmed: _Candidate | None = None
        best_gain = 0.0
        # The run's edges may belong to clean neighbours whose bytes happen to be valid UTF-8.
        for a, z in ((0, 0), (1, 0), (0, 1), (1, 1)):
            ii, jj = i + a, j - z
            if jj - ii < 1:
                continue
            chunk = data[offs[ii] : offs[jj]]
            lossy = _PH in chunk
            if jj - ii < 3 and not lossy and not ((ii and flags[ii - 1 : ii] == "1") or flags[jj : jj + 1] == "1"):
                continue  # see the two-character check below: it could not pass
            if lossy and len(chunk) - len(chunk.translate(None, _UTF8_LEADS)) < 2:
                continue  # fewer than two lead bytes: it cannot recover two characters
            decoded = _utf8_lossy(chunk)
            if decoded is None:
                continue
            rep, lost = decoded
            orig = window[ii:jj]
            if _PUA.search(rep) or rep == orig or (lost and _recovered(rep) < 2):
                continue
            if jj - ii <= 4 and _all_exotic(rep.replace(_REPLACEMENT, "")):
                continue  # a few CJK characters re-decoding to stray Greek/Arabic letters
            if han_around and _has_exotic(rep, controls=False) and not _has_signal(rep, lost_marks=False):
                if not lost:
                    continue  # in Chinese text, real mojibake decodes to CJK or Latin, not other alphabets
                rep = _mark_debris(rep)  # misaligned bytes around a lost one: not recovered characters
            if jj - ii < 3 and not lost and not _accent_in_word(window, ii, jj, rep):
                continue  # two clean Han characters re-decode by chance (2.4% of pairs)
            gain = _local_gain(window, ii, jj, rep)
            cand = _Candidate(ii, jj, rep, [f"UTF-8 read as {reading}"], lost)
            if a == 0 and z == 0:
                untrimmed = cand
            if best is None or gain > best_gain:
                best, best_gain = cand, gain
            if a == 0 and z == 0 and gain > 0 and not _edge_doubt(orig):
                break
        if best is not None:
            out.append(best)
            # An edge character that looks costly now may be part of a further layer (a C1
            # control of UTF-8 read as Latin-1): the whole run is judged as well, layers and all.
            if untrimmed is not None and untrimmed is not best and _has_signal(untrimmed.replacement, False):
                out.append(untrimmed)
    return out


def _edge_doubt(orig: str) -> bool:
    """True when a run's first or last character is not typical of mojibake, so trimming it
    off is worth a try."""
    sus = _suspect_set()
    return orig[0] not in sus or orig[-1] not in sus


@lru_cache(maxsize=1)
def _suspect_set() -> frozenset[str]:
    return frozenset(_suspects())


def _recovered(rep: str) -> int:
    """Non-ASCII characters a lossy repair actually recovers (U+FFFD marks do not count)."""
    return len(rep) - len(rep.encode("ascii", "ignore")) - rep.count(_REPLACEMENT)


def _accent_in_word(window: str, i: int, j: int, rep: str) -> bool:
    """True when ``rep`` is accented Latin letters inside a Latin word (``pr茅fecture``)."""
    if not all(k == "A" for k in model().classes(rep)):
        return False
    left = window[i - 1 : i]
    right = window[j : j + 1]
    return (left.isascii() and left.isalpha()) or (right.isascii() and right.isalpha())


_HAN = re.compile("[\u4e00-\u9fff]")
_LEAD_BYTE = re.compile(rb"[\xc2-\xf4]")
_LETTER_FLAGS = {c: "1" if chr(c).isalpha() else "0" for c in range(0x80)}  # see _cjk_runs
_ASCII_ALIASES = re.compile("[\u00a5\u203e]")  # the characters a codec of a CJK reading encodes as ASCII
_ASCII_LETTER = re.compile("[A-Za-z]")


def _mark_debris(s: str) -> str:
    """Stray letters of other alphabets and symbols in a lossy repair become U+FFFD."""
    return "".join(_REPLACEMENT if k in "XBEMUCO" else c for c, k in zip(s, model().classes(s), strict=True))


_COMMON_COST = 10.0  # mean unigram cost (nats) of the CJK characters a short run must give


def _common_cjk(s: str) -> bool:
    costs = [char_cost(c) for c, k in zip(s, model().classes(s), strict=True) if k in "HKG"]
    return bool(costs) and sum(costs) / len(costs) <= _COMMON_COST


def _has_cjk(s: str) -> bool:
    return not _CJK_OR_Q.isdisjoint(model().classes(s))


def _has_exotic(s: str, controls: bool = True) -> bool:
    """Letters of other alphabets, stray symbols, marks or controls (full-width forms are fine).
    ``controls=False`` lets C1 controls through: an inner layer of mojibake is full of them."""

    return not (_EXOTIC_NO_F if controls else _EXOTIC_NO_CF).isdisjoint(model().classes(s))


def _all_exotic(s: str) -> bool:
    """True when ``s`` has no Han, kana, Hangul or Latin letter (a one- or two-character run
    of clean Han re-decodes to such debris by chance)."""

    return _CJK_OR_LETTER.isdisjoint(model().classes(s))


def _local_gain(window: str, i: int, j: int, rep: str) -> float:
    """How much cheaper ``rep`` is than ``window[i:j]``, with a little context on each side."""
    left = window[max(0, i - _CONTEXT) : i]
    right = window[j : j + _CONTEXT]
    return _score_cached(left + window[i:j] + right).best - _score_cached(left + rep + right).best


def _snap_up(offs: list[int], b: int) -> int | None:
    """The first character starting at byte ``b`` or up to three bytes later."""
    k = bisect_left(offs, b)
    return k if k < len(offs) and offs[k] - b <= 3 else None


def _snap_down(offs: list[int], b: int) -> int | None:
    """The last character starting at byte ``b`` or up to three bytes earlier."""
    k = bisect_right(offs, b) - 1
    return k if k >= 0 and b - offs[k] <= 3 else None


def _utf8_lossy(data: bytes) -> tuple[str, int] | None:
    """Decode UTF-8 where each 0xFF is a lost byte: one U+FFFD per lost character.

    Bytes around a lost byte that belong to the same character (an incomplete sequence
    before it, continuation bytes after it) go with it; lost bytes that fit in one
    character together are one U+FFFD.
    """
    if _PH not in data:
        try:
            return data.decode("utf-8"), 0
        except UnicodeDecodeError:
            return None
    parts = data.split(_PH_BYTE)
    out: list[str] = []
    lost = 0
    pending = 0  # bytes in the lost character being collected (0: none open)
    last = len(parts) - 1
    for k, seg in enumerate(parts):
        if k > 0:
            m = _LEADING_CONT.match(seg)
            if m is not None:
                n = m.end()
                seg = seg[n:]
                pending += n
        tail = 0
        if k < last:
            # what _drop_incomplete_tail drops, found by one anchored regex search
            m = _INCOMPLETE_TAIL.search(seg, max(0, len(seg) - 3))
            if m is not None:
                tail = len(seg) - m.start()
                seg = seg[: m.start()]
        try:
            decoded = seg.decode("utf-8")
        except UnicodeDecodeError:
            return None
        if decoded:
            if pending:
                out.append(_REPLACEMENT)
                lost += 1
                pending = 0
            out.append(decoded)
        if k < last:
            if pending and not decoded and pending + 1 + tail <= 4:
                pending += 1 + tail
            else:
                if pending:
                    out.append(_REPLACEMENT)
                    lost += 1
                pending = 1 + tail
    if pending:
        out.append(_REPLACEMENT)
        lost += 1
    return "".join(out), lost


_PH_BYTE = bytes([_PH])
_LEADING_CONT = re.compile(rb"[\x80-\xbf]{1,3}")  # continuation bytes a lost byte leaves (at most 3)
# A lead byte (C0-FE) with fewer continuation bytes than it needs, at the end of a segment.
_INCOMPLETE_TAIL = re.compile(rb"(?:[\xc0-\xdf]|[\xe0-\xef][\x80-\xbf]?|[\xf0-\xfe][\x80-\xbf]{0,2})\Z")


def _drop_incomplete_tail(seg: bytes) -> bytes:
    """``seg`` without an incomplete last UTF-8 sequence (the readable form of
    ``_INCOMPLETE_TAIL``, which :func:`_utf8_lossy` uses; a test keeps the two equal)."""
    for back in range(1, min(4, len(seg)) + 1):
        b = seg[-back]
        if b < 0x80:
            return seg
        if b >= 0xC0:
            need = 2 if b < 0xE0 else 3 if b < 0xF0 else 4
            return seg[:-back] if need > back else seg
    return seg


# ---------------------------------------------------------------------------------------------
# Single-byte readings of UTF-8 and CJK bytes


@cache
def _encode_sb(ch: str, reading: str) -> bytes | None:
    if ch == _REPLACEMENT:
        return bytes([_PH])
    try:
        return ch.encode(reading)
    except UnicodeEncodeError:
        return None


@lru_cache(maxsize=8)
def _reading_run(reading: str) -> re.Pattern[str]:
    """Runs of printable characters that ``reading`` can encode (and U+FFFD, a lost byte)."""
    return re.compile(f"[\\x21-\\x7e\ufffd{_reading_chars(reading)}]+")


@lru_cache(maxsize=8)
def _reading_chars(reading: str) -> str:
    """The characters bytes 80-FF give in ``reading``, escaped for a character class."""
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    chars = set()
    for b in range(0x80, 0x100):
        try:
            chars.add(bytes([b]).decode(reading))
        except UnicodeDecodeError:
            continue
    return _char_class("".join(chars))


def _encode_token(token: str, reading: str) -> bytes | None:
    """``token`` in a single-byte codec, U+FFFD as the lost-byte placeholder; None if impossible."""
    if _REPLACEMENT not in token:
        try:
            return token.encode(reading)
        except UnicodeEncodeError:
            return None
    parts = [_encode_sb(ch, reading) for ch in token]
    if any(b is None for b in parts):
        return None
    return b"".join(parts)  # type: ignore[arg-type]


_HIGH_BYTES = bytes(range(0x80, 0x100))


@lru_cache(maxsize=16384)
def _token_repairs(tok: str, reading: str) -> tuple[tuple[bytes, str, str, int, bool], ...]:
    """Every repair of one token read as ``reading`` that passes the context-free checks:
    (bytes, chain, replacement, lost characters, short). Cached: later passes, deeper layers
    and overlapping windows meet the same tokens again."""
    non_ascii = len(tok) - len(tok.encode("ascii", "ignore"))
    if not non_ascii:
        return ()
    # Lead bytes A1-FE show up as Latin-1 symbols and letters.
    has_letter = not _LEAD_LIKE.isdisjoint(tok)
    variants = [tok]
    if "?" in tok and _LOSSY_QUESTION.search(tok):
        variants.append(_LOSSY_QUESTION.sub(_REPLACEMENT, tok))
    out: list[tuple[bytes, str, str, int, bool]] = []
    done: set[bytes] = set()
    for variant in variants:
        data = _encode_token(variant, reading)
        if data is None or data.isascii() or data in done:
            continue
        done.add(data)
        lossy = _REPLACEMENT in variant
        high_share = (len(data) - len(data.translate(None, _HIGH_BYTES))) / len(data)
        utf8_shaped = _UTF8_LEAD_CONT.search(data) is not None
        utf8_wide = False  # the bytes are valid UTF-8 with two or more 3-byte characters
        for source, codec in _SB_SOURCES.items():
            cjk_source = source != "utf-8"
            if cjk_source and utf8_wide:
                break  # valid UTF-8 CJK by chance is unlikely: no CJK codec is tried on it
            if cjk_source and (non_ascii < 2 or high_share < 0.3 or not has_letter):
                # CJK text in a CJK codec is largely high bytes, and its lead bytes look like
                # Latin-1 letters and symbols.
                continue
            if not cjk_source and not utf8_shaped and not lossy:
                continue  # no lead byte followed by a continuation byte
            decoded = _decode_lossy(data, codec) if lossy else _decode_strict(data, codec)
            if decoded is None:
                continue
            rep, lost = decoded
            if not cjk_source and not lost and len(_WIDE.findall(rep)) >= 2:
                utf8_wide = True
            if rep == tok or (lost and _recovered(rep) < 2) or _PUA.search(rep):
                continue
            if cjk_source:
                classes = model().classes(rep)
                if not _EXOTIC_NO_F.isdisjoint(classes) or _CJK_OR_Q.isdisjoint(classes):
                    continue  # CJK bytes decode to CJK text, not to stray letters
                if non_ascii >= _SHORT and _count_cjk(classes) < 2:
                    continue  # one Han character and a symbol: too little to go on
                if _count_cjk(classes) >= 3 and not _CJK_PAIR.search(classes):
                    continue  # CJK text has runs; CJK characters all alone between others is line art
                if non_ascii <= 6 and not _common_cjk(rep):
                    continue  # a short run must give common characters, not rare ones
            chain = f"{source} read as {_SHORT_NAME[reading]}"
            out.append((data, chain, rep, lost, cjk_source and non_ascii < _SHORT))
    return tuple(out)


_WIDE = re.compile("[\u0800-\uffff]")
_EXOTIC_NO_F = frozenset("XBEMUCO")
_EXOTIC_NO_CF = frozenset("XBEMUO")
_CJK_OR_LETTER = frozenset("HKGLA")
_CJK_PAIR = re.compile("[HKG]{2}")
_CJK_OR_Q = frozenset("HKGQ")


def _count_cjk(classes: str) -> int:
    return classes.count("H") + classes.count("K") + classes.count("G")


def _single_byte_candidates(window: str, offset: int, whole: bool = False) -> list[_Candidate]:
    """Per token, the best repair under the single-byte chain that gains most on this window."""
    _register_codecs()

    tokens = [(m.start(), m.end()) for m in _latin_token().finditer(window)]
    if whole:
        tokens = [(0, len(window))] if tokens else []
    if not tokens:
        return []
    per_chain: dict[str, list[tuple[float, bool, _Candidate]]] = {}
    claimed: dict[tuple[int, int, bytes], str] = {}  # bytes of a run -> the reading that gave them
    for s0, e0 in tokens:
        for reading in _SB_READINGS:
            # The part of the token this codepage can produce (cp437 has no curly quotes ...).
            for m in _reading_run(reading).finditer(window, s0, e0):
                s, e = m.span()
                tok = window[s:e]
                base = _encode_token(tok, reading)
                if base is not None and claimed.setdefault((s, e, base), reading) != reading:
                    continue  # the same bytes as under an earlier reading: the same repairs
                for data, chain, rep, lost, short in _token_repairs(tok, reading):
                    if claimed.setdefault((s, e, data), reading) != reading:
                        continue  # identical bytes under another reading: nothing new to decode
                    cand = _Candidate(offset + s, offset + e, rep, [chain], lost)
                    gain = _local_gain(window, s, e, rep)
                    per_chain.setdefault(chain, []).append((gain, short, cand))
    if not per_chain:
        return []

    # One chain per window: the one whose tokens gain most in total.
    high = _codepage_char()

    def total(items: list[tuple[float, bool, _Candidate]]) -> float:
        # How much cheaper the whole window gets with this chain's repairs applied.
        repairs: list[_Candidate] = []
        pos = offset
        for _, _, c in sorted((i for i in items if i[0] > 0 and not i[1]), key=lambda i: i[2].start):
            if c.start >= pos:
                repairs.append(c)
                pos = c.end
        base = _score_cached(window)
        # Non-ASCII characters of the tokens this chain leaves as they were still count against it.
        left = len(high.findall(window))
        # The window's cost per language, updated run by run: each run changes only its own
        # unigrams and the pairs that touch it (runs at least _CONTEXT apart), so the model
        # never rescores the whole window for each chain.
        costs = list(base.costs)
        end = None
        for c in repairs:
            s, e = c.start - offset, c.end - offset
            if end is not None and s - end < _CONTEXT:
                return _total_rescored(window, offset, repairs, base, high)
            lc, rc = window[max(0, s - _CONTEXT) : s], window[e : e + _CONTEXT]
            before = _score_cached(lc + window[s:e] + rc).costs
            after = _score_cached(lc + c.replacement + rc).costs
            for k in range(len(costs)):
                costs[k] += after[k] - before[k]
            left += len(high.findall(c.replacement)) - len(high.findall(window, s, e))
            end = e
        return base.best - min(costs) - _UNREPAIRED * left

    chosen = max(per_chain.values(), key=total) if len(per_chain) > 1 else next(iter(per_chain.values()))
    # Short runs ride only on a chain that a long run establishes by a clear margin.
    established = any(
        not short and g >= _MARGIN_BASE + _MARGIN_PER_CHAR * (c.end - c.start) for g, short, c in chosen
    )
    best: dict[tuple[int, int], tuple[float, _Candidate]] = {}
    # With the chain established, every other run it improves rides on it too.
    strong = [c for g, short, c in chosen if not short and g >= 3 * (_MARGIN_BASE + _MARGIN_PER_CHAR * (c.end - c.start))]
    for g, short, c in chosen:
        if short:
            if not established or g <= 0:
                continue
            c.supported = True
        elif g > 0 and not c.chain[0].startswith("utf-8") and any(o is not c for o in strong):
            c.supported = True
        key = (c.start, c.end)
        if key not in best or g > best[key][0]:
            best[key] = (g, c)
    return [c for _, c in best.values()]


def _total_rescored(
    window: str, offset: int, repairs: list[_Candidate], base: Score, high: re.Pattern[str]
) -> float:
    """The chain's total gain on the window, rescoring the repaired window as a whole (runs
    closer than ``_CONTEXT`` characters share pairs, so their changes do not add up)."""
    parts: list[str] = []
    pos = 0
    for c in repairs:
        parts.append(window[pos : c.start - offset])
        parts.append(c.replacement)
        pos = c.end - offset
    parts.append(window[pos:])
    repaired = "".join(parts)
    return base.best - cost(repaired) - _UNREPAIRED * len(high.findall(repaired))


def _decode_strict(data: bytes, codec: str) -> tuple[str, int] | None:
    try:
        return data.decode(codec), 0
    except UnicodeDecodeError:
        return None


def _decode_lossy(data: bytes, codec: str) -> tuple[str, int] | None:
    """Decode strictly, where each 0xFF stands for one lost byte (one U+FFFD per character)."""
    if _PH not in data:
        try:
            return data.decode(codec), 0
        except UnicodeDecodeError:
            return None
    if codec == "utf-8":
        return _utf8_lossy(data)
    out: list[str] = []
    lost = 0
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        if codec == "cp932" and 0xA1 <= b <= 0xDF:
            width = 1
        elif codec == "gb18030" and i + 1 < n and 0x30 <= data[i + 1] <= 0x39:
            width = 4
        else:
            width = 2
        unit = data[i : i + width]
        if _PH in unit:
            out.append(_REPLACEMENT)
            lost += 1
        else:
            try:
                out.append(unit.decode(codec))
            except UnicodeDecodeError:
                return None
        i += width
    return "".join(out), lost


def _ftfy_candidates(window: str, offset: int) -> list[_Candidate]:
    """ftfy's encoding fix of the window (UTF-8 read as single-byte codepages), if any."""
    import ftfy

    try:
        fixed, plan = ftfy.fix_encoding_and_explain(window)
    except Exception:  # ftfy must never crash the step
        return []
    if fixed == window or not plan:
        return []
    steps = [f"{a} {b}" for a, b in plan if a in ("encode", "decode")]
    chain = "ftfy: " + ", ".join(steps or [f"{a} {b}" for a, b in plan])
    # One candidate per changed region, so that each is judged on its own: per space-separated
    # token when ftfy kept the tokens, else from a character diff.
    out: list[_Candidate] = []
    src_tokens, fix_tokens = window.split(" "), fixed.split(" ")
    if len(src_tokens) == len(fix_tokens):
        pos = 0
        for a, b in zip(src_tokens, fix_tokens, strict=True):
            if a != b:
                out.append(_Candidate(offset + pos, offset + pos + len(a), b, [chain]))
            pos += len(a) + 1
        _mark_ftfy(window, out)
        return out
    if len(window) + len(fixed) > 4000:  # no character diff on long text: one changed middle
        p = 0
        while p < min(len(window), len(fixed)) and window[p] == fixed[p]:
            p += 1
        q = 0
        while q < min(len(window), len(fixed)) - p and window[-1 - q] == fixed[-1 - q]:
            q += 1
        out.append(_Candidate(offset + p, offset + len(window) - q, fixed[p : len(fixed) - q], [chain]))
        _mark_ftfy(window, out)
        return out
    sm = difflib.SequenceMatcher(None, window, fixed, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        if out and i1 - (out[-1].end - offset) <= 2:
            prev = out[-1]
            gap = window[prev.end - offset : i1]
            out[-1] = _Candidate(prev.start, offset + i2, prev.replacement + gap + fixed[j1:j2], [chain])
        else:
            out.append(_Candidate(offset + i1, offset + i2, fixed[j1:j2], [chain]))
    _mark_ftfy(window, out)
    return out


_CJK_READING_SIGN = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff01-\uffef?\ufffd]")
_CJK_CHAR = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff61-\uff9f]")


def _mark_ftfy(window: str, cands: list[_Candidate]) -> None:
    """ftfy's heuristics are a strong prior for Western text: its Latin-only repairs need only
    a small margin (``supported``), and in a window without any CJK character at all every
    repair it makes is accepted (``trusted``: Greek letters, ligatures, combining marks,
    Hebrew or Arabic through other codepages, which the CJK model cannot judge)."""
    han = _HAN.search(window) is not None
    trusted = _CJK_CHAR.search(window) is None
    for cand in cands:
        cand.supported = not han and _alphabetic_only(cand.replacement)
        cand.trusted = trusted and not _CJK_CHAR.search(cand.replacement)


_WESTERN_EXTRA = 10.0
_UTF8_EVIDENCE = 3.0
_THREE_BYTE = re.compile("[\u0800-\ufffc]")  # characters of three bytes in UTF-8, U+FFFD excepted


@lru_cache(maxsize=256)
def _ftfy_agrees(original: str, replacement: str) -> bool:
    import ftfy

    try:
        return ftfy.fix_encoding(original) == replacement
    except Exception:  # ftfy must never crash the step
        return False


def _alphabetic_only(s: str) -> bool:
    """Latin, Greek, Cyrillic, Hebrew, Arabic ... text and punctuation: no CJK, no symbols."""
    return bool(s) and all(k in "LDSPAWYX" for k in model().classes(s))
