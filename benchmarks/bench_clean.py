"""False positives on clean real text: how many texts each step changes, beside ftfy.

Clean text is sacred: ``repair_encoding`` and ``pinyin`` must change nothing on it, ``script``
is off by default, and ``normalize`` may only tidy whitespace and invisible characters. The
corpus is every line of real clean text the repository can reach:

- ``shared/devdata/script/{simplified,traditional}.txt`` (People's Daily 1998, product reviews,
  Song biographies, Tang poems, Cantonese utterances) when present;
- ``benchmarks/data/encoding/{ja,ko,latin}.txt`` (Japanese, Korean, accented Latin);
- the content-only text of the labelled boilerplate pages (held-out set);
- ``tests/cases/negative.json`` (rare Han, kaomoji, emoji, maths, Portuguese, Vietnamese ...).

For each text, a change is counted per step, and separately for ``normalize`` edits other than
whitespace (those are meant to happen). ftfy runs on the same texts with its defaults and with
the CJK-safe options textfix uses. Every harmful change is listed with ``--show``.

    python -m benchmarks.bench_clean
    python -m benchmarks.bench_clean --show 20 --limit 5000
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter

import ftfy

import textfix

from .common import DEVDATA, ROOT, table

_COSMETIC = {"whitespace", "line_ending"}  # normalize categories expected on clean text


def clean_texts(limit: int | None = None) -> dict[str, list[str]]:
    """Lines of clean real text, by source (each source capped at ``limit`` lines, spread evenly)."""
    sources: dict[str, list[str]] = {}
    for name in ("simplified", "traditional"):
        path = DEVDATA / "script" / f"{name}.txt"
        if path.exists():
            sources[f"devdata {name}"] = [ln for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip()]
    for name in ("ja", "ko", "latin"):
        path = ROOT / "benchmarks" / "data" / "encoding" / f"{name}.txt"
        if path.exists():
            sources[f"{name} prose"] = [ln for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip()]
    held = ROOT / "benchmarks" / "data" / "boilerplate_heldout.jsonl"
    if held.exists():
        lines = []
        for rec in map(json.loads, held.read_text(encoding="utf-8").splitlines()):
            for lab in rec.get("labels", []):
                if lab.get("label") == "content":
                    lines.extend(ln for ln in rec["text"][lab["start"] : lab["end"]].split("\n") if ln.strip())
        sources["page content"] = lines
    neg = ROOT / "tests" / "cases" / "negative.json"
    if neg.exists():
        sources["negative cases"] = [c["text"] for c in json.loads(neg.read_text(encoding="utf-8"))]
    if limit:
        for k, v in sources.items():
            if len(v) > limit:
                step = len(v) / limit
                sources[k] = [v[int(i * step)] for i in range(limit)]
    return sources


def harmful(change: textfix.Change) -> bool:
    return not (change.step == "normalize" and change.category in _COSMETIC)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=3000, help="lines per source (default 3000)")
    parser.add_argument("--show", type=int, default=10, help="harmful changes to print (default 10)")
    args = parser.parse_args(argv)
    sources = clean_texts(args.limit)
    cfg = textfix.Config(strip_boilerplate=False)  # boilerplate removal is meant to change pages
    rows = []
    shown: list[str] = []
    total = Counter()
    for name, texts in sources.items():
        steps: Counter[str] = Counter()
        bad = ftfy_default = ftfy_safe = 0
        t0 = time.process_time()
        for text in texts:
            result = textfix.fix_and_explain(text, cfg)
            hit = {c.step for c in result.changes if harmful(c)}
            steps.update(hit)
            if hit:
                bad += 1
                for c in result.changes:
                    if harmful(c) and len(shown) < args.show:
                        lo = max(0, c.start - 15)
                        shown.append(f"{name} | {c.step} | {c.before!r} -> {c.after!r} | "
                                     f"{text[lo : c.end + 15]!r} | {c.reason[:70]}")
        elapsed = time.process_time() - t0
        for text in texts:
            ftfy_default += ftfy.fix_text(text) != text
            ftfy_safe += ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False) != text
        n = len(texts)
        total.update({"n": n, "bad": bad, "ftfy": ftfy_default, "ftfy_safe": ftfy_safe})
        rows.append((name, n, f"{bad} ({bad / n:.2%})", steps.get("repair_encoding", 0), steps.get("pinyin", 0),
                     steps.get("normalize", 0), f"{ftfy_default} ({ftfy_default / n:.2%})",
                     f"{ftfy_safe} ({ftfy_safe / n:.2%})", f"{sum(len(t) for t in texts) / 1e3 / max(elapsed, 1e-9):.0f}"))
    n = total["n"]
    rows.append(("all", n, f"{total['bad']} ({total['bad'] / n:.2%})", "", "", "",
                 f"{total['ftfy']} ({total['ftfy'] / n:.2%})", f"{total['ftfy_safe']} ({total['ftfy_safe'] / n:.2%})", ""))
    print(table(rows, ["source", "texts", "textfix changed", "by repair_encoding", "by pinyin",
                       "by normalize (not whitespace)", "ftfy defaults changed", "ftfy CJK-safe changed",
                       "textfix k chars/s"]))
    if shown:
        print("\nharmful changes:")
        print("\n".join(shown))
    return 1 if total["bad"] else 0


if __name__ == "__main__":
    sys.exit(main())
