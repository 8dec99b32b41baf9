"""Build textfix/_data/charmodel.json.gz: character unigram and bigram costs per language.

Sources (installed with ``pip install jieba wordfreq``; neither is needed at run time):

- Simplified Chinese: jieba 0.42.1 ``dict.txt`` (MIT licence), word counts from its corpus.
- Traditional Chinese: the same words converted with OpenCC ``s2t`` (opencc-python-reimplemented,
  Apache-2.0 code; OpenCC dictionaries Apache-2.0).
- Japanese, Korean: wordfreq 3.x ``get_frequency_dict(lang, "best")`` (code Apache-2.0; word
  frequency data CC BY-SA 4.0, by Robyn Speer and contributors; this derived table is shared
  under the same terms, with attribution kept in the file's ``meta``).

Each word contributes its frequency to the unigram count of each of its characters and to the
bigram count of each adjacent pair of characters inside it. Costs are negative natural logs,
stored as integers in tenths of a nat:

- ``uni[c]``: ``-ln((1 - LAMBDA) * P(c))``, the cost of ``c`` when no bigram is known;
- ``bi[pc]``: ``-ln(LAMBDA * P(c | p) + (1 - LAMBDA) * P(c))``, for the most frequent pairs;
- ``floor``: the cost of a character the language has never seen.

Usage: ``python tools/build_charmodel.py`` (about a minute).
"""

from __future__ import annotations

import gzip
import json
import math
import os
import re
from collections import Counter
from pathlib import Path

LANGS = ("hans", "hant", "ja", "ko")
LAMBDA = 0.6
MAX_UNI = 9000
MAX_BI = 60000
SCALE = 10  # tenths of a nat

OUT = Path(__file__).resolve().parent.parent / "textfix" / "_data" / "charmodel.json.gz"

# Characters the model covers: Han, kana, Hangul syllables (others are scored by class).
_CJK = re.compile(r"[\u3041-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3\U00020000-\U0003134f]+")


def jieba_words() -> dict[str, float]:
    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    words: dict[str, float] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                words[parts[0]] = words.get(parts[0], 0.0) + float(parts[1])
    return words


def traditional(words: dict[str, float]) -> dict[str, float]:
    import opencc

    cc = opencc.OpenCC("s2t")
    keys = list(words)
    # Convert in one pass (joined with newlines) for speed.
    converted = cc.convert("\n".join(keys)).split("\n")
    out: dict[str, float] = {}
    for k, t in zip(keys, converted, strict=True):
        out[t] = out.get(t, 0.0) + words[k]
    return out


def wordfreq_words(lang: str) -> dict[str, float]:
    import wordfreq

    return dict(wordfreq.get_frequency_dict(lang, "best"))


def counts(words: dict[str, float]) -> tuple[Counter[str], Counter[str]]:
    uni: Counter[str] = Counter()
    bi: Counter[str] = Counter()
    for word, f in words.items():
        for run in _CJK.findall(word):
            for c in run:
                uni[c] += f
            for i in range(len(run) - 1):
                bi[run[i : i + 2]] += f
    return uni, bi


def costs(uni: Counter[str], bi: Counter[str]) -> tuple[dict[str, int], dict[str, int], int]:
    total = sum(uni.values())
    top = dict(uni.most_common(MAX_UNI))
    p_uni = {c: n / total for c, n in top.items()}
    uni_cost = {c: round(-math.log((1 - LAMBDA) * p) * SCALE) for c, p in p_uni.items()}
    floor = max(uni_cost.values()) + 2 * SCALE
    left: Counter[str] = Counter()
    for pair, n in bi.items():
        left[pair[0]] += n
    bi_cost: dict[str, int] = {}
    for pair, n in bi.most_common(MAX_BI):
        p, c = pair
        pu = p_uni.get(c, math.exp(-floor / SCALE) / (1 - LAMBDA))
        bi_cost[pair] = round(-math.log(LAMBDA * n / left[p] + (1 - LAMBDA) * pu) * SCALE)
    return uni_cost, bi_cost, floor


def main() -> None:
    hans = jieba_words()
    sources = {
        "hans": hans,
        "hant": traditional(hans),
        "ja": wordfreq_words("ja"),
        "ko": wordfreq_words("ko"),
    }
    uni_all: dict[str, list[int | None]] = {}
    bi_all: dict[str, list[int | None]] = {}
    floors: list[int] = []
    for i, lang in enumerate(LANGS):
        u, b, floor = costs(*counts(sources[lang]))
        floors.append(floor)
        for c, v in u.items():
            uni_all.setdefault(c, [None] * len(LANGS))[i] = v
        for c, v in b.items():
            bi_all.setdefault(c, [None] * len(LANGS))[i] = v
        print(f"{lang}: {len(u)} characters, {len(b)} pairs, floor {floor / SCALE:.1f}")
    model = {
        "meta": {
            "format": "textfix charmodel 1",
            "built_by": "tools/build_charmodel.py",
            "langs": list(LANGS),
            "scale": SCALE,
            "lambda": LAMBDA,
            "sources": {
                "hans": "jieba 0.42.1 dict.txt (MIT licence)",
                "hant": "jieba 0.42.1 dict.txt converted by OpenCC s2t (Apache-2.0)",
                "ja": "wordfreq 3.x 'best' wordlist for ja (data CC BY-SA 4.0, Robyn Speer et al.)",
                "ko": "wordfreq 3.x 'best' wordlist for ko (data CC BY-SA 4.0, Robyn Speer et al.)",
            },
            "licence": "hans/hant tables: MIT (jieba) + Apache-2.0 (OpenCC); ja/ko tables: CC BY-SA 4.0 (wordfreq data)",
        },
        "floor": floors,
        "uni": uni_all,
        "bi": bi_all,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with gzip.GzipFile(OUT, "wb", mtime=0, compresslevel=9) as fh:
        fh.write(raw)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(uni_all)} characters, {len(bi_all)} pairs)")


if __name__ == "__main__":
    main()
