"""Shared helpers for the benchmark scripts: corpora and throughput timing."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
DEVDATA = SHARED / "devdata"


def seed_texts() -> list[str]:
    """The five seed documents, as text."""
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def repeat_to_size(docs: Sequence[str], megabytes: float) -> list[str]:
    """Repeat ``docs`` in order until their UTF-8 size reaches ``megabytes``."""
    target = int(megabytes * 1_000_000)
    sizes = [len(d.encode("utf-8")) for d in docs]
    out: list[str] = []
    total = 0
    while total < target:
        for d, n in zip(docs, sizes):
            out.append(d)
            total += n
            if total >= target:
                break
    return out


def utf8_size(texts: Iterable[str]) -> int:
    return sum(len(t.encode("utf-8")) for t in texts)


def throughput(fn: Callable[[str], object], texts: Sequence[str], repeat: int = 1) -> float:
    """Best-of-``repeat`` MB/s (UTF-8 input bytes) of calling ``fn`` on every text.

    Time is this process's CPU time, so other processes on the machine do not skew a result;
    peers measured with it in the same run compare fairly.
    """
    size = utf8_size(texts)
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.process_time()
        for t in texts:
            fn(t)
        best = min(best, time.process_time() - t0)
    return size / 1e6 / best if best > 0 else float("inf")


def table(rows: Sequence[Sequence[object]], header: Sequence[str]) -> str:
    """A Markdown table."""
    cells = [[str(c) for c in header]] + [[f"{c:.2f}" if isinstance(c, float) else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in cells]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(lines)
