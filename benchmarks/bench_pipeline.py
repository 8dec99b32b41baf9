"""Throughput of each pipeline step and of the whole pipeline, beside ftfy, on a seed corpus.

    python benchmarks/bench_pipeline.py            # 50 MB corpus built from the seeds
    python benchmarks/bench_pipeline.py --size 10  # smaller, for a quick look

Each step is timed on what the steps before it produce (what it sees in real use), on the path
``textfix.fix`` takes, in CPU time of this process. ftfy runs on the same documents in the same process. Targets from
issue 2: pinyin >= 100 MB/s, normalize >= 50 MB/s, whole pipeline >= 5x ftfy.fix_text.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import ftfy

import textfix
from benchmarks.common import repeat_to_size, seed_texts, table, throughput, utf8_size
from textfix.pipeline import STEPS
from textfix.result import StepOutput, apply_edits

TARGETS = {"pinyin": 100.0, "normalize": 50.0}


def _applying(run_step: Callable[[str, textfix.Config], StepOutput]) -> Callable[[str, textfix.Config], str]:
    return lambda t, c: apply_edits(t, run_step(t, c).edits)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--ftfy-share", type=float, default=0.2,
                        help="share of the corpus ftfy is timed on, to save time (default 0.2)")
    args = parser.parse_args()

    docs = repeat_to_size(seed_texts(), args.size)
    size = utf8_size(docs)
    print(f"corpus: {len(docs)} documents, {size / 1e6:.1f} MB (the five seeds repeated)\n")
    textfix.fix(docs[0])  # load tables before timing

    cfg = textfix.Config()
    step_mbps: dict[str, float] = {}
    inputs = docs
    for step in STEPS:
        if not step.enabled(cfg):
            continue
        fn = step.fast() or _applying(step.function())
        step_mbps[step.name] = throughput(lambda t, fn=fn: fn(t, cfg), inputs)
        inputs = [fn(t, cfg) for t in inputs]
    pipeline_mbps = throughput(textfix.fix, docs)
    # The pipeline issue 2 specified (normalize and pinyin), and everything but boilerplate.
    core_cfg = textfix.Config(repair_encoding=False, strip_boilerplate=False)
    core_mbps = throughput(lambda t: textfix.fix(t, core_cfg), docs)
    no_bp_cfg = textfix.Config(strip_boilerplate=False)
    no_bp_mbps = throughput(lambda t: textfix.fix(t, no_bp_cfg), docs)

    ftfy_docs = docs[: max(5, int(len(docs) * args.ftfy_share))]
    ftfy_default = throughput(ftfy.fix_text, ftfy_docs)
    ftfy_cjk = throughput(lambda t: ftfy.fix_text(t, uncurl_quotes=False, fix_character_width=False), ftfy_docs)

    rows = []
    for name, mbps in step_mbps.items():
        target = TARGETS.get(name)
        rows.append((f"step {name}", mbps, mbps / ftfy_default, f">= {target:g}" if target else "",
                     ("met" if mbps >= target else "MISSED") if target else ""))
    rows.append(("textfix.fix (whole pipeline)", pipeline_mbps, pipeline_mbps / ftfy_default, ">= 5x ftfy",
                 "met" if pipeline_mbps >= 5 * ftfy_default else "MISSED"))
    rows.append(("textfix.fix, normalize + pinyin only", core_mbps, core_mbps / ftfy_default, ">= 5x ftfy",
                 "met" if core_mbps >= 5 * ftfy_default else "MISSED"))
    rows.append(("textfix.fix, all but boilerplate", no_bp_mbps, no_bp_mbps / ftfy_default, "", ""))
    rows.append(("ftfy.fix_text (defaults)", ftfy_default, 1.0, "", ""))
    rows.append(("ftfy.fix_text (CJK-safe options)", ftfy_cjk, ftfy_cjk / ftfy_default, "", ""))
    print(table(rows, ["what", "MB/s", "x ftfy.fix_text", "target", ""]))


if __name__ == "__main__":
    main()
