"""Mojibake repair and decoding: textfix beside ftfy, in the same run.

    python -m benchmarks.bench_encoding                 # held-out split, 12 samples per cell
    python -m benchmarks.bench_encoding --split dev     # the split used while tuning
    python -m benchmarks.bench_encoding --per-cell 4    # quicker
    python -m benchmarks.bench_encoding --corpus-mb 0   # without the realistic-corpus timing

Prints, per chain and overall: exact restoration (lossless samples), lossy character recovery
(share of the recoverable characters that the input lacked and the output has), harm (output
further from the original than the input), clean-text false positives, MB/s; then ftfy's own
test cases as a peer suite, the later passes' effect on lossy repairs (texts whose result
the passes after the first make worse or better, by recovered characters), decode() accuracy on the same texts as bytes. Throughput is
also measured on a slice of the scale benchmark's realistic corpus (clean and broken pages).
"""

from __future__ import annotations

import argparse
import difflib
import json
import time
from collections import defaultdict
from collections.abc import Callable

import ftfy

from textfix import decode, mojibake
from textfix.config import Config
from textfix.mojibake import clear_caches, repair_mojibake
from textfix.mojibake import fast as mojibake_fast
from textfix.mojibake import run as mojibake_step

from .common import ROOT, table, throughput
from .encoding_devset import Sample, build, chains, clean_texts, texts

CJK_SAFE = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False,
                                fix_line_breaks=False, normalization=None, unescape_html=False)


def _matched(a: str, b: str) -> int:
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(a[m.a : m.a + m.size].count("\ufffd") * -1 + m.size for m in sm.get_matching_blocks())


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def evaluate(fix: Callable[[str], str], samples: list[Sample]) -> dict[str, dict[str, float]]:
    """Per chain and per unit counts: n, exact, lossless, recovered, gap, harm."""
    stats: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for s in samples:
        out = fix(s.garbled)
        keys = (f"chain:{s.chain}", f"unit:{s.unit}", "all")
        harm = _ratio(out, s.original) < _ratio(s.garbled, s.original) - 1e-9
        for k in keys:
            st = stats[k]
            st["n"] += 1
            st["harm"] += harm
            if s.lossy:
                got_in = _matched(s.garbled, s.original)
                got_out = _matched(out, s.original)
                gap = max(0, s.recoverable - got_in)
                st["gap"] += gap
                st["recovered"] += min(gap, max(0, got_out - got_in))
            else:
                st["lossless"] += 1
                st["exact"] += out == s.original
    return stats


def _pct(a: float, b: float) -> str:
    return f"{100 * a / b:.1f}%" if b else "-"


def report_quality(samples: list[Sample], fixers: dict[str, Callable[[str], str]]) -> None:
    results = {name: evaluate(fn, samples) for name, fn in fixers.items()}
    names = list(fixers)
    rows = []
    keys = [f"chain:{c.name}" for c in chains()] + ["unit:paragraph", "unit:short", "unit:sentence", "all"]
    for key in keys:
        first = results[names[0]].get(key)
        if not first:
            continue
        row: list[object] = [key.split(":", 1)[-1], int(first["n"])]
        for name in names:
            st = results[name][key]
            row += [_pct(st["exact"], st["lossless"]), _pct(st["recovered"], st["gap"]), _pct(st["harm"], st["n"])]
        rows.append(row)
    header = ["chain / unit", "n"]
    for name in names:
        header += [f"{name} exact", f"{name} lossy rec.", f"{name} harm"]
    print(table(rows, header))
    print()
    # Grouped targets.
    groups = {
        "lossless CJK chains": lambda s: not s.lossy and not _western(s),
        "Western chains (utf-8 as single-byte)": lambda s: not s.lossy and _western(s),
        "one garbled sentence in clean text": lambda s: not s.lossy and s.unit == "sentence",
        "lossy chains": lambda s: s.lossy,
    }
    rows = []
    for label, pred in groups.items():
        sub = [s for s in samples if pred(s)]
        row: list[object] = [label, len(sub)]
        for name in names:
            st = evaluate(fixers[name], sub)["all"]
            row += [_pct(st["exact"], st["lossless"]) if st["lossless"] else _pct(st["recovered"], st["gap"]),
                    _pct(st["harm"], st["n"])]
        rows.append(row)
    header = ["group", "n"]
    for name in names:
        header += [f"{name} exact (lossy: recovery)", f"{name} harm"]
    print(table(rows, header))
    print()
    worst = [(k, results[names[0]][k]) for k in keys if k.startswith("chain:") and results[names[0]].get(k)]
    low = [(k.split(":", 1)[1], st["exact"] / st["lossless"]) for k, st in worst if st["lossless"]]
    low.sort(key=lambda x: x[1])
    print("lowest exact restoration per chain (textfix):",
          ", ".join(f"{k} {100 * v:.0f}%" for k, v in low[:5]))
    print()


_WESTERN = {c.name for c in chains() if c.western}


def _western(s: Sample) -> bool:
    return s.chain in _WESTERN


def report_clean(split: str, fixers: dict[str, Callable[[str], str]]) -> None:
    clean = clean_texts(split)
    rows = []
    for name, fn in fixers.items():
        changed = [label for label, t in clean if fn(t) != t]
        rows.append([name, len(clean), len(changed), _pct(len(changed), len(clean)), ", ".join(sorted(set(changed))[:6])])
    print(table(rows, ["fixer", "clean texts", "changed", "rate", "examples (labels)"]))
    print()


def report_speed(samples: list[Sample], fixers: dict[str, Callable[[str], str]]) -> None:
    """MB/s on clean CJK text (20,000-character chunks) and on garbled paragraphs. textfix's
    caches are emptied before each timing: the quality tables above ran the same samples."""
    pool = texts("test")
    clean_cjk = [ln for lang in ("hans", "hant") for ln in pool[lang]]
    clean_cjk = clean_cjk[: max(1, len(clean_cjk))]
    doc = "\n".join(clean_cjk)[:1_000_000]
    chunks = [doc[i : i + 20000] for i in range(0, len(doc), 20000)]
    garbled = [s.garbled for s in samples if s.unit == "paragraph"]
    rows = []
    for name, fn in fixers.items():
        clear_caches()
        clean = throughput(fn, chunks, repeat=2)
        clear_caches()
        rows.append([name, clean, throughput(fn, garbled, repeat=1)])
    print(table(rows, ["fixer", "clean CJK MB/s", "garbled paragraphs MB/s"]))
    print()


def report_corpus(megabytes: float, fixers: dict[str, Callable[[str], str]]) -> None:
    """The step on the realistic web corpus of the scale benchmark (benchmarks/scale_corpus.py,
    same seed): all documents, the ones without mojibake, the ones with it, and the slowest
    single document."""
    from . import scale_corpus

    docs = [json.loads(line) for line in scale_corpus.records(megabytes)]
    groups = {
        "all documents": docs,
        "without mojibake": [d for d in docs if not any(b.startswith("mojibake") for b in d["breakage"])],
        "with mojibake": [d for d in docs if any(b.startswith("mojibake") for b in d["breakage"])],
    }
    rows = []
    for label, group in groups.items():
        group_texts = [d["text"] for d in group]
        row: list[object] = [label, len(group_texts), round(sum(len(t.encode()) for t in group_texts) / 1e6, 2)]
        for fn in fixers.values():
            clear_caches()
            row.append(throughput(fn, group_texts, repeat=1))
        rows.append(row)
    worst = []
    for fn in fixers.values():
        clear_caches()
        slowest = 0.0
        for d in docs:
            t0 = time.process_time()
            fn(d["text"])
            slowest = max(slowest, time.process_time() - t0)
        worst.append(f"{slowest * 1000:.0f} ms")
    rows.append(["slowest document", "", "", *worst])
    print(table(rows, ["documents", "n", "MB", *(f"{name} MB/s" for name in fixers)]))
    print()


def report_ftfy_suite(fixers: dict[str, Callable[[str], str]]) -> None:
    cases = json.loads((ROOT / "tests" / "cases" / "ftfy_test_cases.json").read_text(encoding="utf-8"))
    rows = []
    for name, fn in fixers.items():
        ok_enc = sum(fn(c["original"]) == c.get("fixed-encoding", c["fixed"]) for c in cases)
        rows.append([name, len(cases), ok_enc])
    ok_full = sum(ftfy.fix_text(c["original"]) == c["fixed"] for c in cases)
    rows.append(["ftfy.fix_text (default) vs 'fixed'", len(cases), ok_full])
    print(table(rows, ["fixer", "ftfy cases", "restored to fixed-encoding"]))
    print()


def report_later_passes(samples: list[Sample]) -> None:
    """The later passes re-read what a lossy repair gave (issue 3): on each lossy sample, the
    repair with only the first pass beside the full repair, compared by recovered characters."""
    worse = better = changed = 0
    lossy = [s for s in samples if s.lossy]
    examples: list[str] = []
    saved = mojibake._MAX_PASSES, mojibake._SETTLE_ROUNDS
    for s in lossy:
        full = repair_mojibake(s.garbled)
        mojibake._MAX_PASSES, mojibake._SETTLE_ROUNDS = 1, 0
        try:
            first = repair_mojibake(s.garbled)
        finally:
            mojibake._MAX_PASSES, mojibake._SETTLE_ROUNDS = saved
        if full == first:
            continue
        changed += 1
        a, b = _matched(first, s.original), _matched(full, s.original)
        worse += b < a
        better += b > a
        if b < a and len(examples) < 3:
            op = next(o for o in difflib.SequenceMatcher(None, first, full, autojunk=False).get_opcodes()
                      if o[0] != "equal")
            examples.append(f"{first[max(0, op[1] - 4) : op[2] + 4]!r} -> {full[max(0, op[3] - 4) : op[4] + 4]!r}")
    print(table([[len(lossy), changed, worse, better, "; ".join(examples)]],
                ["lossy samples", "changed by later passes", "made worse", "made better", "examples"]))
    print()


def report_decode(split: str) -> None:
    pool = texts(split)
    encs = {"hans": ("gbk", "gb18030"), "hant": ("big5", "big5"), "ja": ("shift_jis", "shift_jis"),
            "ko": ("euc-kr", "euc-kr")}
    rows = []
    for lang, (codec, expected) in encs.items():
        for unit, pick in (("line", lambda ln: ln), ("short", lambda ln: ln[:8])):
            n = ok_text = ok_name = 0
            for ln in pool[lang][:150]:
                t = pick(ln)
                try:
                    data = t.encode(codec)
                except UnicodeEncodeError:
                    continue
                if data.isascii():
                    continue
                d = decode(data)
                n += 1
                ok_text += d.text == t
                ok_name += d.encoding == expected
            rows.append([f"{lang} as {codec}", unit, n, _pct(ok_text, n), _pct(ok_name, n)])
    print(table(rows, ["bytes", "unit", "n", "text correct", "encoding named"]))
    print()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="test", choices=("dev", "test"))
    ap.add_argument("--per-cell", type=int, default=12)
    ap.add_argument("--corpus-mb", type=float, default=5.0,
                    help="MB of the scale benchmark's realistic corpus to time the step on (0: skip)")
    args = ap.parse_args(argv)

    cfg = Config()

    def textfix_fix(t: str) -> str:
        return repair_mojibake(t, cfg)

    def textfix_step(t: str) -> object:
        return mojibake_step(t, cfg)

    fixers: dict[str, Callable[[str], str]] = {
        "textfix": textfix_fix,
        "ftfy": ftfy.fix_text,
        "ftfy-cjk-safe": lambda t: ftfy.fix_text(t, CJK_SAFE),
    }
    t0 = time.perf_counter()
    samples = build(args.split, args.per_cell)
    textfix_fix("warm up: ÖÐ¹ú 鍙戝竷鏃堕棿")
    print(f"## Mojibake repair, {args.split} split: {len(samples)} samples "
          f"({sum(s.lossy for s in samples)} lossy), built in {time.perf_counter() - t0:.1f}s\n")
    report_quality(samples, fixers)
    print("## Clean texts changed (must be 0)\n")
    report_clean(args.split, fixers)
    def textfix_fast(t: str) -> str:
        return mojibake_fast(t, cfg)

    print("## Throughput (one core)\n")
    speed_fixers: dict[str, Callable[[str], object]] = {
        "textfix step (explained)": textfix_step,
        "textfix step, fast path": textfix_fast,
        "ftfy": ftfy.fix_text,
        "ftfy-cjk-safe": lambda t: ftfy.fix_text(t, CJK_SAFE),
    }
    report_speed(samples, speed_fixers)  # type: ignore[arg-type]
    if args.corpus_mb > 0:
        print(f"## The step on {args.corpus_mb:g} MB of the realistic corpus (benchmarks/scale_corpus.py)\n")
        report_corpus(args.corpus_mb, speed_fixers)  # type: ignore[arg-type]
    print("## ftfy's own test cases (peer suite)\n")
    report_ftfy_suite({"textfix.repair_mojibake": textfix_fix, "ftfy.fix_encoding": ftfy.fix_encoding})
    print("## Later passes over lossy repairs (must not make any worse)\n")
    report_later_passes(samples)
    print("## decode() on legacy-encoded bytes\n")
    report_decode(args.split)


if __name__ == "__main__":
    main()
