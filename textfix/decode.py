"""Bytes of unknown encoding -> text, with the encoding, a confidence and what was lost.

Order of work, cheapest first:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides;
2. strict UTF-8 (the fast path, ~1 GB/s); pure ASCII is reported as ``ascii``;
3. UTF-16 without a BOM, recognised by its zero bytes (checked first when there are any);
4. CJK candidates (GB18030, Big5/cp950, Shift_JIS/cp932, EUC-KR/cp949) that decode strictly are
   scored by :mod:`textfix.charmodel` on a sample; the cheapest wins, and the margin over the
   runner-up gives the confidence;
5. when lines disagree (UTF-8 lines and GBK lines concatenated), each line is decoded on its own;
6. chardet is asked only when no CJK candidate reads as plausible text (Western or Cyrillic
   single-byte files), and as the last resort.

Bytes are never dropped silently: with ``errors="replace"`` (the default) each undecodable byte
becomes U+FFFD and its offset is listed in ``Decoded.lossy_positions``; ``errors`` also takes
``"strict"`` (raise ``UnicodeDecodeError``), ``"ignore"``, ``"backslashreplace"`` and
``"surrogateescape"``, like :meth:`bytes.decode`, and the positions are reported for every mode.

>>> decode("发布时间".encode("gbk")).encoding
'gb18030'
>>> decode("發佈時間".encode("big5")).text
'發佈時間'
"""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass, field
from typing import Any

_ERRORS = ("strict", "replace", "ignore", "backslashreplace", "surrogateescape")

# Codecs tried for non-UTF-8 bytes, with the name reported for each.
_CANDIDATES: tuple[str, ...] = ("gb18030", "cp950", "big5hkscs", "cp932", "cp949")
_REPORTED = {"cp950": "big5", "big5hkscs": "big5hkscs", "cp932": "shift_jis", "cp949": "euc-kr"}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SAMPLE_CHARS = 3000
_LINE = re.compile(rb"[^\n]*\n|[^\n]+")
# Per-character cost (nats) above which no CJK reading is taken as real text.
_IMPLAUSIBLE = 9.0


@dataclass(frozen=True, slots=True)
class Segment:
    """A byte range decoded with one encoding (``Decoded.segments`` for mixed input)."""

    start: int
    end: int
    encoding: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "encoding": self.encoding}


@dataclass(frozen=True, slots=True)
class Decoded:
    """The result of :func:`decode`.

    ``encoding`` is a Python codec name, or ``"mixed"`` when lines needed different codecs
    (then ``segments`` lists them). ``lossy_positions`` are byte offsets in the input that could
    not be decoded (each handled as ``errors`` says).
    """

    text: str
    encoding: str
    confidence: float
    lossy_positions: tuple[int, ...] = ()
    errors: str = "replace"
    bom: bool = False
    segments: tuple[Segment, ...] = field(default=())

    @property
    def lossy(self) -> bool:
        return bool(self.lossy_positions)

    def to_dict(self) -> dict[str, Any]:
        return {
            "encoding": self.encoding,
            "confidence": round(self.confidence, 4),
            "lossy": self.lossy,
            "lossy_positions": list(self.lossy_positions),
            "errors": self.errors,
            "bom": self.bom,
            "segments": [s.to_dict() for s in self.segments],
            "length": len(self.text),
        }


def decode(data: bytes | bytearray | memoryview, errors: str = "replace") -> Decoded:
    """Decode ``data`` of unknown encoding; see the module docstring for the order of work."""
    if errors not in _ERRORS:
        raise ValueError(f"errors={errors!r} is not one of {', '.join(_ERRORS)}")
    if not isinstance(data, bytes):
        if not isinstance(data, (bytearray, memoryview)):
            raise TypeError(f"decode expects bytes, not {type(data).__name__}")
        data = bytes(data)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text, lost = _decode_with(data[len(bom) :], enc, errors, offset=len(bom))
            return Decoded(text, enc, 1.0, lost, errors, bom=True)
    if b"\x00" in data:  # zero bytes: UTF-16 without a BOM (they also pass as ASCII/UTF-8)
        utf16 = _utf16_without_bom(data)
        if utf16:
            text, lost = _decode_with(data, utf16, errors)
            return Decoded(text, utf16, 0.8, lost, errors)
    if data.isascii():
        return Decoded(data.decode("ascii"), "ascii", 1.0, (), errors)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 0.99, (), errors)
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data, errors)


def _decode_legacy(data: bytes, errors: str) -> Decoded:
    """Non-UTF-8 bytes: whole-file candidates, else per line, else chardet."""
    lines = _LINE.findall(data)
    if any(not ln.isascii() and _is_utf8(ln) for ln in lines):
        return _decode_per_line(data, lines, errors)
    ranked = _rank(data)
    if ranked and ranked[0][0] != "cp1252" and ranked[0][1] <= _IMPLAUSIBLE:
        enc, _, text = ranked[0]
        return Decoded(text, _REPORTED.get(enc, enc), _confidence(ranked), (), errors)
    lossy = _best_lossy(data, errors, ranked[0][1] if ranked else None)
    if lossy is not None:
        return lossy
    return _decode_chardet(data, errors, ranked)


def _best_lossy(data: bytes, errors: str, western: float | None) -> Decoded | None:
    """The CJK codec that reads ``data`` with undecodable bytes, if they are few (at most 2% of
    the bytes, or 4) and the rest reads as plausible text, cheaper per character than the best
    strict reading (``western``, usually cp1252) when there is one."""
    from .charmodel import score

    best: tuple[float, str, str, tuple[int, ...]] | None = None
    for enc in _CANDIDATES:
        text, lost = _decode_with(data, enc, "replace")
        if len(lost) > max(4, len(data) // 50):
            continue
        per_char = score(_sample(text)).per_char
        if per_char <= _IMPLAUSIBLE and (best is None or per_char < best[0]):
            best = (per_char, enc, text, lost)
    if best is None or (western is not None and western <= best[0]):
        return None
    per_char, enc, _, _ = best
    if errors == "strict":
        data.decode(enc)  # raises UnicodeDecodeError naming the first bad byte
    text, lost = _decode_with(data, enc, errors)
    conf = round(min(0.9, 1.0 / (1.0 + math.exp(per_char - 7.0))), 4)
    return Decoded(text, _REPORTED.get(enc, enc), conf, lost, errors)


def _rank(data: bytes) -> list[tuple[str, float, str]]:
    """Strictly decodable candidates as (codec, cost per char of a sample, text), best first.

    cp1252 takes part so that Western text is not read as rare Han characters.
    """
    from .charmodel import score

    out: list[tuple[str, float, str]] = []
    seen: set[str] = set()
    for enc in (*_CANDIDATES, "cp1252"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if text in seen:
            continue
        seen.add(text)
        out.append((enc, score(_sample(text)).per_char, text))
    out.sort(key=lambda r: r[1])
    return out


def _sample(text: str) -> str:
    """Up to ``_SAMPLE_CHARS`` characters taken from the start and the middle."""
    if len(text) <= _SAMPLE_CHARS:
        return text
    half = _SAMPLE_CHARS // 2
    mid = len(text) // 2
    return text[:half] + text[mid : mid + half]


def _margin_confidence(best: float, runner_up: float | None, per_char: float) -> float:
    """Confidence from the total-cost margin over the runner-up and the winner's plausibility."""
    base = 0.9 if runner_up is None else 1.0 / (1.0 + math.exp(-(runner_up - best) / 4.0))
    quality = 1.0 / (1.0 + math.exp(per_char - 7.0))
    return round(max(0.01, min(0.99, base * (0.5 + 0.5 * quality))), 4)


def _confidence(ranked: list[tuple[str, float, str]]) -> float:
    n = min(len(_sample(ranked[0][2])), 200)
    best = ranked[0][1] * n
    runner = ranked[1][1] * n if len(ranked) > 1 else None
    return _margin_confidence(best, runner, ranked[0][1])


def _decode_per_line(data: bytes, lines: list[bytes], errors: str) -> Decoded:
    """Decode each line with the best codec for it; consecutive lines of one codec form a segment."""
    from .charmodel import score

    default = _rank_cheap(data)[0]
    parts: list[str] = []
    lost_all: list[int] = []
    segments: list[Segment] = []
    confidences: list[float] = []
    pos = 0
    for ln in lines:
        if ln.isascii():
            enc, text, lost = "ascii", ln.decode("ascii"), ()
        else:
            choices: list[tuple[float, str, str]] = []
            for cand in ("utf-8", default, *_CANDIDATES):
                if choices and cand != default:
                    break
                try:
                    t = ln.decode(cand)
                except UnicodeDecodeError:
                    continue
                sc = score(t)
                choices.append((sc.best, cand, t))
            if choices:
                choices.sort(key=lambda c: c[0])
                _, enc, text = choices[0]
                lost = ()
                runner = choices[1][0] if len(choices) > 1 else None
                confidences.append(_margin_confidence(choices[0][0], runner, choices[0][0] / max(len(text), 1)))
            else:
                enc = default
                text, lost = _decode_with(ln, enc, errors, offset=pos)
                confidences.append(0.3)
        parts.append(text)
        lost_all.extend(lost)
        name = _REPORTED.get(enc, enc)
        last = segments[-1] if segments else None
        if last and (last.encoding == name or name == "ascii"):
            segments[-1] = Segment(last.start, pos + len(ln), last.encoding)
        elif last and last.encoding == "ascii":
            segments[-1] = Segment(last.start, pos + len(ln), name)
        else:
            segments.append(Segment(pos, pos + len(ln), name))
        pos += len(ln)
    encodings = {s.encoding for s in segments} - {"ascii"}
    encoding = encodings.pop() if len(encodings) == 1 else "mixed"
    conf = min(confidences) if confidences else 0.5
    return Decoded("".join(parts), encoding, conf, tuple(lost_all), errors,
                   segments=tuple(segments) if encoding == "mixed" else ())


def _rank_cheap(data: bytes) -> list[str]:
    """Codecs ordered by how far into ``data`` they decode before failing (no model needed)."""
    reach: list[tuple[int, str]] = []
    for enc in _CANDIDATES:
        try:
            data.decode(enc)
            reach.append((len(data) + 1, enc))
        except UnicodeDecodeError as exc:
            reach.append((exc.start, enc))
    reach.sort(key=lambda r: -r[0])
    return [enc for _, enc in reach]


def _decode_chardet(data: bytes, errors: str, ranked: list[tuple[str, float, str]]) -> Decoded:
    import chardet

    guess = chardet.detect(data[:65536])
    enc = guess.get("encoding")
    conf = float(guess.get("confidence") or 0.0)
    if enc:
        try:
            codecs.lookup(enc)
        except LookupError:
            enc = None
    if enc is None or (ranked and ranked[0][0] != "cp1252" and ranked[0][1] <= _IMPLAUSIBLE):
        enc = ranked[0][0] if ranked else "gb18030"
        conf = 0.2 if not ranked else _confidence(ranked)
    enc = enc.lower()
    text, lost = _decode_with(data, enc, errors)
    return Decoded(text, _REPORTED.get(enc, enc), round(min(conf, 0.99), 4), lost, errors)


def _decode_with(data: bytes, enc: str, errors: str, offset: int = 0) -> tuple[str, tuple[int, ...]]:
    """Decode with ``errors``, returning the text and the offsets of undecodable bytes."""
    try:
        return data.decode(enc), ()
    except UnicodeDecodeError:
        if errors == "strict":
            raise
    lost: list[int] = []
    decoder = codecs.getincrementaldecoder(enc)(errors="strict")
    parts: list[str] = []
    pos = 0
    n = len(data)
    while pos < n:
        try:
            parts.append(decoder.decode(data[pos:], final=True))
            break
        except UnicodeDecodeError as exc:
            start, end = pos + exc.start, pos + max(exc.end, exc.start + 1)
            if exc.start > 0:
                parts.append(data[pos:start].decode(enc, errors="strict"))
            lost.extend(range(offset + start, offset + end))
            # One replacement per undecodable byte, so positions and replacements correspond.
            parts.extend(_replacement(b, errors) for b in data[start:end])
            decoder.reset()
            pos = end
    return "".join(parts), tuple(lost)


def _replacement(byte: int, errors: str) -> str:
    """What one undecodable byte becomes under ``errors`` (surrogateescape maps every byte,
    ASCII included, to U+DC00 + byte, so it never raises)."""
    if errors == "replace":
        return "\ufffd"
    if errors == "ignore":
        return ""
    if errors == "backslashreplace":
        return f"\\x{byte:02x}"
    return chr(0xDC00 + byte)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when zero bytes sit on one parity (ASCII-heavy UTF-16), else None."""
    n = len(data)
    if n < 8 or n % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    half = n // 2
    if odd > 0.3 * half and even < 0.05 * half:
        enc = "utf-16-le"
    elif even > 0.3 * half and odd < 0.05 * half:
        enc = "utf-16-be"
    else:
        return None
    try:
        data.decode(enc)
    except UnicodeDecodeError:
        return None
    return enc
