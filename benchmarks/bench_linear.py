"""Linear time on pathological input: doubling the input may at most about double the time.

For each adversarial input (10 MB of real text without a newline; 1 MB each of ``(((``, of
``(yè)`` without Han, of one repeated Han character, of alternating scripts, of U+FFFD, of
combining marks, of emoji ZWJ sequences, plus dense pinyin, mojibake and boilerplate shapes) it
times every step alone (``run_step``, explanations built), the fast pipeline (``textfix.fix``)
and ``textfix.decode`` on the UTF-8 bytes, at sizes doubling up to the full size. The verdict
takes the time factor per doubling fitted over the three largest sizes: at most 2.2 passes.

A size ladder rather than one big run: a quadratic loop shows itself at small sizes (ratio ~4),
and the ladder stops (FAIL) once one measurement exceeds ``--budget`` seconds instead of hanging.

    python -m benchmarks.bench_linear                # full sizes (several minutes)
    python -m benchmarks.bench_linear --scale 0.1    # a quick look while developing
    python -m benchmarks.bench_linear --only parens,one_han --steps fix,pinyin
    python -m benchmarks.bench_linear --memory       # also peak traced memory / input size

Exit status 1 when any row fails.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import math
import sys
import time
import tracemalloc
from collections.abc import Callable

import textfix
from textfix.pipeline import STEP_NAMES, run_step

from .common import seed_texts, table

MB = 1_000_000
LIMIT = 2.2


def _cycle_to(unit: str, megabytes: float) -> str:
    """``unit`` repeated, then cut, to about ``megabytes`` of UTF-8 (cut on a unit boundary
    when the unit is short, so a repeated pattern stays whole)."""
    size = len(unit.encode("utf-8", "surrogatepass"))
    target = megabytes * MB
    if size <= 64:
        return unit * max(1, int(target / size))
    reps = math.ceil(target / size)
    return (unit * reps)[: max(1, int(len(unit) * target / size))]


def _no_newline(megabytes: float) -> str:
    doc = " ".join(t.replace("\n", " ") for t in seed_texts())
    return _cycle_to(doc, megabytes)


def _mojibake(megabytes: float) -> str:
    doc = "".join(seed_texts()).encode("utf-8").decode("gbk", "replace")
    return _cycle_to(doc, megabytes)


# name -> (full size in MB, builder(megabytes) -> str)
INPUTS: dict[str, tuple[float, Callable[[float], str]]] = {
    "no_newline": (10.0, _no_newline),
    "parens": (1.0, lambda mb: _cycle_to("(", mb)),
    "pinyin_no_han": (1.0, lambda mb: _cycle_to("(yè)", mb)),
    "one_han": (1.0, lambda mb: _cycle_to("業", mb)),
    "alternating_scripts": (1.0, lambda mb: _cycle_to("中a業é한あБ😀", mb)),
    "fffd": (1.0, lambda mb: _cycle_to("\ufffd", mb)),
    "combining": (1.0, lambda mb: _cycle_to("\u0301\u0323\u0308", mb)),
    "emoji_zwj": (1.0, lambda mb: _cycle_to("👨\u200d👩\u200d👧\u200d👦", mb)),
    "dense_pinyin": (1.0, lambda mb: _cycle_to("業(yè)", mb)),
    "mojibake": (1.0, _mojibake),
    "boilerplate_lines": (1.0, lambda mb: _cycle_to("版权所有 © 2016 某某网 京ICP备12345678号\n", mb)),
    "one_line_keywords": (1.0, lambda mb: _cycle_to("来源：新华社 浏览次数：426 ", mb)),
}

CONFIG = {"script": "zh-Hans"}  # so the script step runs inside the pipeline too


def _functions(steps: list[str]) -> dict[str, Callable[[str], object]]:
    fns: dict[str, Callable[[str], object]] = {}
    if "fix" in steps:
        fns["fix"] = lambda t: textfix.fix(t, **CONFIG)
    if "decode" in steps:
        fns["decode"] = lambda t: textfix.decode(t.encode("utf-8", "surrogatepass"))
    for name in STEP_NAMES:
        if name in steps:
            overrides = CONFIG if name == "script" else {}
            fns[name] = lambda t, name=name, overrides=overrides: run_step(name, t, **overrides)
    return fns


def _time(fn: Callable[[str], object], text: str, budget: float) -> float:
    """Best of up to five runs (fewer when a run is slow) in CPU time of this process (other jobs on
    the machine do not skew it), the cyclic GC paused while timing:
    its pauses are amortised-linear but land unevenly, which blurs the ratios."""
    best = float("inf")
    for _ in range(5):
        gc.collect()
        gc.disable()
        try:
            t0 = time.process_time()
            fn(text)
            elapsed = time.process_time() - t0
        finally:
            gc.enable()
        best = min(best, elapsed)
        if elapsed > min(0.3, budget):
            break
    return best


def measure(fn: Callable[[str], object], build: Callable[[float], str], full_mb: float,
            rungs: int, budget: float) -> tuple[list[tuple[float, float]], bool]:
    """(MB, seconds) at sizes full/2**(rungs-1) .. full; False when stopped by the budget."""
    points: list[tuple[float, float]] = []
    for k in reversed(range(rungs)):
        mb = full_mb / 2**k
        text = build(mb)
        seconds = _time(fn, text, budget)
        points.append((len(text.encode("utf-8", "surrogatepass")) / MB, seconds))
        if seconds > budget and k:
            return points, False
    return points, True


def doubling_ratio(points: list[tuple[float, float]]) -> float:
    """Time factor per doubling of the input: 2 ** (least-squares slope of log time on log size).

    Fitting the top rungs together damps the noise of one slow run on a shared machine."""
    pts = [(math.log2(mb), math.log2(max(t, 1e-9))) for mb, t in points]
    if len(pts) < 2:
        return float("nan")
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    slope = sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx else float("inf")
    return 2**slope


def peak_ratio(fn: Callable[[str], object], text: str) -> float:
    """Peak memory traced while ``fn(text)`` runs, as a multiple of the input string's size."""
    gc.collect()
    tracemalloc.start()
    try:
        fn(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / sys.getsizeof(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every full size (default 1)")
    parser.add_argument("--rungs", type=int, default=4, help="sizes per input, each double the last")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds one measurement may take")
    parser.add_argument("--only", default="", help="comma-separated input names")
    parser.add_argument("--memory", action="store_true",
                        help="also trace peak memory at the largest size (x input str size; slower)")
    parser.add_argument("--steps", default=",".join(("fix", "decode", *STEP_NAMES)),
                        help="comma-separated: fix, decode and step names")
    args = parser.parse_args(argv)
    names = [n for n in args.only.split(",") if n] or list(INPUTS)
    unknown = [n for n in names if n not in INPUTS]
    if unknown:
        parser.error(f"unknown input(s) {unknown}; choose from {list(INPUTS)}")
    fns = _functions([s for s in args.steps.split(",") if s])
    rows: list[list[object]] = []
    failed = 0
    for name, (fname, fn) in itertools.product(names, fns.items()):
        full_mb, build = INPUTS[name]
        try:
            points, finished = measure(fn, build, full_mb * args.scale, args.rungs, args.budget)
        except Exception as exc:  # a crash is a finding, not the end of the table
            rows.append([name, fname, "-", "-", "-", "-", "-", f"ERROR {type(exc).__name__}: {str(exc)[:60]}"])
            failed += 1
            continue
        mb_b, t_b = points[-1]
        ratio = doubling_ratio(points[-3:])
        ok = finished and ratio <= LIMIT
        # Times under 20 ms are dominated by noise: report, never fail on them.
        if not ok and finished and t_b < 0.02:
            ok = True
        failed += not ok
        verdict = "ok" if ok else ("FAIL (over budget)" if not finished else "FAIL")
        memory = f"{peak_ratio(fn, build(full_mb * args.scale)):.1f}" if args.memory and finished else "-"
        rows.append([name, fname, f"{mb_b:.2f}", f"{t_b * 1000:.1f}", f"{mb_b / t_b:.1f}" if t_b else "inf",
                     f"{ratio:.2f}", memory, verdict])
        print(f"{name:20s} {fname:16s} {mb_b:7.2f} MB {t_b * 1000:10.1f} ms  x{ratio:.2f}  {verdict}",
              file=sys.stderr, flush=True)
    print(table(rows, ["input", "function", "MB", "ms", "MB/s", "time x per 2x input", "peak memory / input",
                       "verdict"]))
    print(f"\n{failed} of {len(rows)} rows failed (limit: 2x input -> at most {LIMIT}x time)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
