"""The mojibake dev set: real text of several languages garbled through every chain.

Sources (all real text):
- Simplified and Traditional Chinese: ``shared/devdata/script/{simplified,traditional}.txt``;
- Japanese, Korean, accented Latin: ``benchmarks/data/encoding/{ja,ko,latin}.txt`` (public domain);
- CPython's own CJK codec test texts (``Lib/test/cjkencodings/*-utf8.txt``) when installed.

Lines are split into two halves by position: ``dev`` (used while tuning) and ``test`` (held out).
Each sample is one of three units: a ``paragraph`` (a whole line), a ``short`` string of 6-16
characters (titles, file names), or a ``sentence``: one garbled sentence inside clean text.
"""

from __future__ import annotations

import codecs
import random
import re
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

from .common import DEVDATA, ROOT

DATA = ROOT / "benchmarks" / "data" / "encoding"

# A chain is a list of layers (E, D): text encoded with E, then decoded with D.
LANG_CODEC = {"hans": "gbk", "hant": "cp950", "ja": "cp932", "ko": "cp949"}
SB = {"cp1252": "sloppy-windows-1252", "latin-1": "latin-1", "cp437": "cp437"}
CJK_NAMES = {"gbk": "gbk", "big5": "cp950", "shift_jis": "cp932", "euc-kr": "cp949"}


@dataclass(frozen=True)
class Chain:
    name: str
    layers: tuple[tuple[str, str], ...]
    langs: tuple[str, ...]
    lossy: str = ""  # "" lossless; "replace" (U+FFFD); "question" ('?'); "fffd-source" (锟斤拷)
    western: bool = False


def chains() -> list[Chain]:
    out: list[Chain] = []
    every = ("hans", "hant", "ja", "ko", "latin")
    for sb_name, sb in SB.items():
        out.append(Chain(f"utf-8 as {sb_name}", (("utf-8", sb),), every, western=True))
        for lang, codec in LANG_CODEC.items():
            src = {"gbk": "gbk", "cp950": "big5", "cp932": "shift_jis", "cp949": "euc-kr"}[codec]
            out.append(Chain(f"{src} as {sb_name}", ((codec, sb),), (lang,)))
    for name, codec in CJK_NAMES.items():
        out.append(Chain(f"utf-8 as {name}", (("utf-8", codec),), every))
        out.append(Chain(f"utf-8 as {name} lossy", (("utf-8", codec),), every, lossy="replace"))
    out.append(Chain("utf-8 as gbk lossy '?'", (("utf-8", "gbk"),), every, lossy="question"))
    out.append(Chain("gbk as cp1252 lossy", (("gbk", "cp1252"),), ("hans",), lossy="replace"))
    out.append(Chain("锟斤拷 (U+FFFD as gbk)", (("utf-8", "gbk"),), ("hans", "hant"), lossy="fffd-source"))
    out.append(Chain("2 layers: utf-8 as cp1252, twice", (("utf-8", SB["cp1252"]),) * 2, every, western=True))
    out.append(Chain("2 layers: utf-8 as gbk, then utf-8 as cp1252", (("utf-8", "gbk"), ("utf-8", SB["cp1252"])),
                     ("hans", "hant")))
    out.append(Chain("3 layers: utf-8 as cp1252, thrice", (("utf-8", SB["cp1252"]),) * 3, ("hans", "latin"),
                     western=True))
    return out


@dataclass
class Sample:
    chain: str
    unit: str
    lang: str
    original: str  # what a perfect repair returns
    garbled: str
    lossy: bool
    recoverable: int  # characters of ``original`` whose bytes all survived (lossy samples)


def _lines(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


def _cpython_texts() -> dict[str, list[str]]:
    base = Path(sysconfig.get_paths()["stdlib"]) / "test" / "cjkencodings"
    groups = {"hans": ("gb2312", "gbk", "gb18030"), "hant": ("big5",), "ja": ("shift_jis", "euc_jp"),
              "ko": ("euc_kr", "cp949")}
    out: dict[str, list[str]] = {}
    for lang, names in groups.items():
        for n in names:
            p = base / f"{n}-utf8.txt"
            if p.exists():
                out.setdefault(lang, []).extend(
                    ln.strip() for ln in p.read_text(encoding="utf-8").splitlines() if len(ln.strip()) >= 6
                )
    return out


def texts(split: str) -> dict[str, list[str]]:
    """Real lines per language for the split (``dev``: even positions, ``test``: odd)."""
    pick = 0 if split == "dev" else 1
    out: dict[str, list[str]] = {}
    for lang, fname in (("hans", "simplified.txt"), ("hant", "traditional.txt")):
        lines = [ln for ln in _lines(DEVDATA / "script" / fname) if 12 <= len(ln) <= 300]
        out[lang] = lines[pick::2]
    for lang in ("ja", "ko", "latin"):
        out[lang] = _lines(DATA / f"{lang}.txt")[pick::2]
    for lang, lines in _cpython_texts().items():
        out[lang].extend(lines[pick::2])
    return out


def _record_handler(lost: list[tuple[int, int]]):
    def handler(exc: UnicodeDecodeError) -> tuple[str, int]:
        lost.append((exc.start, exc.end))
        return ("\ufffd", exc.end)

    return handler


_LOST: list[tuple[int, int]] = []
codecs.register_error("textfix-bench-record", _record_handler(_LOST))


def garble(text: str, chain: Chain) -> tuple[str, bool, int] | None:
    """(garbled, lossy, recoverable characters) or None when the chain cannot carry ``text``."""
    if chain.lossy == "fffd-source":
        return _garble_fffd(text)
    cur = text
    lossy = False
    recoverable = len(text)
    for k, (enc, dec) in enumerate(chain.layers):
        try:
            data = cur.encode(enc)
        except UnicodeEncodeError:
            return None
        try:
            cur = data.decode(dec)
        except UnicodeDecodeError:
            if not chain.lossy or k > 0:
                return None
            _LOST.clear()
            cur = data.decode(dec, errors="textfix-bench-record")
            lossy = True
            recoverable = _surviving(text, enc, list(_LOST))
            if chain.lossy == "question":
                cur = cur.replace("\ufffd", "?")
    if chain.lossy and not lossy:
        return None
    if cur == text:
        return None
    return cur, lossy, recoverable


def _surviving(text: str, enc: str, lost: list[tuple[int, int]]) -> int:
    """How many characters of ``text`` keep all their bytes after the lossy decode."""
    bad = set()
    for s, e in lost:
        bad.update(range(s, e))
    pos = 0
    n = 0
    for ch in text:
        b = ch.encode(enc)
        if not any(i in bad for i in range(pos, pos + len(b))):
            n += 1
        pos += len(b)
    return n


def _garble_fffd(text: str) -> tuple[str, bool, int] | None:
    """Replace every fifth Han character by U+FFFD (a lost character), then UTF-8 read as GBK."""
    chars = list(text)
    han = [i for i, c in enumerate(chars) if "\u4e00" <= c <= "\u9fff"]
    if len(han) < 3:
        return None
    for i in han[2::5]:
        chars[i] = "\ufffd"
    src = "".join(chars)
    try:
        return src.encode("utf-8").decode("gbk"), True, len(src)
    except UnicodeDecodeError:
        return None


_SENT = re.compile(r"[^。！？!?.;；]+[。！？!?.;；]?")


def build(split: str = "test", per_cell: int = 12, seed: int = 20261122) -> list[Sample]:
    """Samples for every (chain, language, unit), ``per_cell`` each when the text allows."""
    rng = random.Random(seed)
    pool = texts(split)
    samples: list[Sample] = []
    for chain in chains():
        for lang in chain.langs:
            lines = pool.get(lang, [])
            if not lines:
                continue
            for unit in ("paragraph", "short", "sentence"):
                made = 0
                tries = 0
                while made < per_cell and tries < per_cell * 30:
                    tries += 1
                    line = rng.choice(lines)
                    s = _sample(line, unit, chain, rng, lang)
                    if s is not None:
                        samples.append(s)
                        made += 1
    return samples


def _sample(line: str, unit: str, chain: Chain, rng: random.Random, lang: str) -> Sample | None:
    if unit == "paragraph":
        g = garble(line, chain)
        if g is None:
            return None
        original = line if chain.lossy != "fffd-source" else _fffd_original(line)
        return Sample(chain.name, unit, lang, original, g[0], g[1], g[2])
    if unit == "short":
        if len(line) < 6:
            return None
        n = rng.randint(6, min(16, len(line)))
        i = rng.randint(0, len(line) - n)
        piece = line[i : i + n].strip()
        if len(piece) < 6:
            return None
        g = garble(piece, chain)
        if g is None:
            return None
        original = piece if chain.lossy != "fffd-source" else _fffd_original(piece)
        return Sample(chain.name, unit, lang, original, g[0], g[1], g[2])
    sentences = _SENT.findall(line)
    if len(sentences) < 3:
        return None
    k = rng.randint(1, len(sentences) - 2)
    g = garble(sentences[k], chain)
    if g is None:
        return None
    before, after = "".join(sentences[:k]), "".join(sentences[k + 1 :])
    target = sentences[k] if chain.lossy != "fffd-source" else _fffd_original(sentences[k])
    return Sample(chain.name, unit, lang, before + target + after, before + g[0] + after, g[1],
                  g[2] + len(before) + len(after))


def _fffd_original(text: str) -> str:
    """What a perfect repair of the 锟斤拷 chain gives: the text with its lost characters as U+FFFD."""
    chars = list(text)
    han = [i for i, c in enumerate(chars) if "\u4e00" <= c <= "\u9fff"]
    for i in han[2::5]:
        chars[i] = "\ufffd"
    return "".join(chars)


def clean_texts(split: str = "test", n: int = 300, seed: int = 7) -> list[tuple[str, str]]:
    """(label, text) pairs of real clean text that must not change."""
    import json

    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    cases = json.loads((ROOT / "tests" / "cases" / "negative.json").read_text(encoding="utf-8"))
    out.extend((c["label"], c["text"]) for c in cases)
    for lang, lines in texts(split).items():
        chosen = lines if len(lines) <= n else rng.sample(lines, n)
        out.extend((lang, ln) for ln in chosen)
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        out.append((f"seed {p.name}", p.read_text(encoding="utf-8")))
    return out
