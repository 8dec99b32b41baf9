"""A reproducible, realistic web-text corpus for the scale benchmark, as JSON Lines.

    python -m benchmarks.scale_corpus --size 200 -o /tmp/textfix-bench/corpus.jsonl

Documents are built from real text: the five seeds and the eight labelled full pages
(verbatim, with their real breakage), People's Daily / reviews / OpenCC test text
(devdata/script/simplified.txt) and Song biographies, Tang poems and Cantonese utterances
(devdata/script/traditional.txt). The breakage textfix repairs is mixed in at fixed rates
(``RATES``), each document drawn independently, with the page chrome taken from the
boilerplate spans labelled in devdata/boilerplate. About half the documents get no breakage:
that is the clean share. The same ``--seed`` and ``--size`` give the same bytes.

Every record is ``{"id", "source", "breakage": [...], "text"}``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import DEVDATA, ROOT, SEEDS

# Share of documents receiving each kind of breakage (independently). Rough rates for
# crawled Chinese web text: chrome is common, mojibake and converter artifacts are rare.
RATES = {
    "boilerplate": 0.35,      # navigation / breadcrumb lines before, footer/ICP/QR lines after
    "whitespace": 0.20,       # trailing blanks, runs of blank lines, NBSP, CRLF
    "invisible": 0.06,        # zero-width spaces and joiners, soft hyphens, a stray BOM
    "fullwidth": 0.03,        # Latin letters and digits in full width
    "pinyin": 0.04,           # the Traditional-character + (pinyin) converter artifact
    "mojibake_gbk": 0.015,    # UTF-8 bytes read as GBK, one paragraph or the whole page (lossy)
    "mojibake_cp1252": 0.01,  # UTF-8 bytes read as Windows-1252 (what ftfy repairs)
}
REAL_PAGE_RATE = 0.02  # seeds and labelled pages, verbatim
TRADITIONAL_SHARE = 0.3

_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff", "\u2060")
_FULLWIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in
                            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"})


@cache
def _lines(name: str) -> tuple[str, ...]:
    text = (DEVDATA / "script" / name).read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line.strip())


@cache
def _real_pages() -> tuple[str, ...]:
    pages = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    with (DEVDATA / "boilerplate" / "full_pages.jsonl").open(encoding="utf-8") as f:
        pages += [json.loads(line)["text"] for line in f]
    return tuple(pages)


@cache
def _chrome() -> dict[str, tuple[str, ...]]:
    """Real boilerplate spans by where they sit on a page: ``head`` or ``foot``."""
    head_cats = {"navigation", "breadcrumb", "metadata"}
    foot_cats = {"footer_copyright", "footer_contact", "icp_filing", "share_follow_qr", "related_links", "credits"}
    head: set[str] = set()
    foot: set[str] = set()
    for name in ("seeds_labels.jsonl", "full_pages.jsonl"):
        with (DEVDATA / "boilerplate" / name).open(encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                for lab in rec["labels"]:
                    span = rec["text"][lab["start"] : lab["end"]].strip()
                    if lab["label"] != "boilerplate" or not 2 <= len(span) <= 120:
                        continue
                    if lab["category"] in head_cats:
                        head.add(span)
                    elif lab["category"] in foot_cats:
                        foot.add(span)
    return {"head": tuple(sorted(head)), "foot": tuple(sorted(foot))}


@cache
def _traditional_only() -> frozenset[str]:
    path = ROOT / "textfix" / "_data" / "traditional_only.txt"
    chars = "".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return frozenset(chars)


@cache
def _reading(ch: str) -> str | None:
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    from pypinyin import Style, pinyin

    r = pinyin(ch, style=Style.TONE, heteronym=False, errors="ignore")
    return r[0][0] if r and r[0] and r[0][0].isalpha() else None


def _body(rng: random.Random) -> tuple[str, str]:
    source = "traditional" if rng.random() < TRADITIONAL_SHARE else "simplified"
    lines = _lines(f"{source}.txt")
    n = rng.randint(3, 40)
    start = rng.randrange(0, max(1, len(lines) - n))
    paragraphs = lines[start : start + n]
    sep = "\n\n" if rng.random() < 0.5 else "\n"
    return source, sep.join(paragraphs)


def _pinyin(text: str) -> str:
    trad = _traditional_only()
    out = []
    for ch in text:
        out.append(ch)
        if ch in trad:
            r = _reading(ch)
            if r:
                out.append(f"({r})")
    return "".join(out)


def _mojibake(text: str, codec: str, rng: random.Random) -> str:
    paragraphs = text.split("\n")
    if rng.random() < 0.5:  # the whole page
        return text.encode("utf-8").decode(codec, errors="replace")
    i = rng.randrange(len(paragraphs))
    paragraphs[i] = paragraphs[i].encode("utf-8").decode(codec, errors="replace")
    return "\n".join(paragraphs)


def _whitespace(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    out = []
    for line in lines:
        r = rng.random()
        if r < 0.2:
            line += " " * rng.randint(1, 4)
        elif r < 0.3:
            line = "\u3000\u3000" + line
        elif r < 0.35:
            line = line.replace("，", "，\u00a0", 1)
        out.append(line)
        if rng.random() < 0.1:
            out.extend([""] * rng.randint(2, 4))
    sep = "\r\n" if rng.random() < 0.2 else "\n"
    return sep.join(out)


def _invisible(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(_INVISIBLE))
    return "".join(chars)


def _with_chrome(text: str, rng: random.Random) -> str:
    chrome = _chrome()
    head = rng.sample(chrome["head"], k=min(len(chrome["head"]), rng.randint(1, 4)))
    foot = rng.sample(chrome["foot"], k=min(len(chrome["foot"]), rng.randint(2, 6)))
    return "\n".join([*head, text, *foot])


def document(rng: random.Random) -> tuple[str, list[str], str]:
    """One document: (source, breakage applied, text)."""
    if rng.random() < REAL_PAGE_RATE:
        return "real_page", ["real"], rng.choice(_real_pages())
    source, text = _body(rng)
    broken: list[str] = []
    if source == "traditional" and rng.random() < RATES["pinyin"] / TRADITIONAL_SHARE:
        text = _pinyin(text)
        broken.append("pinyin")
    if rng.random() < RATES["fullwidth"]:
        text = text.translate(_FULLWIDTH)
        broken.append("fullwidth")
    if rng.random() < RATES["boilerplate"]:
        text = _with_chrome(text, rng)
        broken.append("boilerplate")
    if rng.random() < RATES["mojibake_gbk"]:
        text = _mojibake(text, "gbk", rng)
        broken.append("mojibake_gbk")
    elif rng.random() < RATES["mojibake_cp1252"]:
        import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252, as browsers decode it)

        text = _mojibake(text, "sloppy-windows-1252", rng)
        broken.append("mojibake_cp1252")
    if rng.random() < RATES["whitespace"]:
        text = _whitespace(text, rng)
        broken.append("whitespace")
    if rng.random() < RATES["invisible"]:
        text = _invisible(text, rng)
        broken.append("invisible")
    return source, broken, text


def records(size_mb: float, seed: int = 20240715) -> Iterator[bytes]:
    """JSON lines (bytes) of documents until their total reaches ``size_mb`` megabytes."""
    rng = random.Random(seed)
    target = int(size_mb * 1_000_000)
    total = 0
    i = 0
    while total < target:
        source, broken, text = document(rng)
        line = (json.dumps({"id": i, "source": source, "breakage": broken, "text": text},
                           ensure_ascii=False) + "\n").encode("utf-8")
        total += len(line)
        i += 1
        yield line


def build(path: Path, size_mb: float, seed: int = 20240715) -> str:
    """Write the corpus to ``path`` (reusing it if already built with the same parameters);
    returns its SHA-256."""
    stamp = path.with_name(path.name + ".meta.json")
    want = {"size_mb": size_mb, "seed": seed, "rates": RATES, "version": 1}
    if path.exists() and stamp.exists():
        meta = json.loads(stamp.read_text())
        if {k: meta.get(k) for k in want} == want:
            return meta["sha256"]
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as f:
        for line in records(size_mb, seed):
            digest.update(line)
            f.write(line)
    tmp.replace(path)
    stamp.write_text(json.dumps({**want, "sha256": digest.hexdigest()}))
    return digest.hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=float, default=200.0, help="megabytes of JSON Lines (default 200)")
    ap.add_argument("--seed", type=int, default=20240715)
    ap.add_argument("-o", "--output", type=Path, default=Path("/tmp/textfix-bench/corpus.jsonl"))
    args = ap.parse_args()
    print(build(args.output, args.size, args.seed))


if __name__ == "__main__":
    main()
