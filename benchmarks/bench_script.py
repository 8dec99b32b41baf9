"""Script conversion and detection throughput, beside the peers in the same run.

    python benchmarks/bench_script.py [--mb 2] [--configs t2s,s2t] [--no-install]

Peers run in their own processes through tools/opencc_worker.py, which checks which ``opencc``
module it imported (three packages install one of that name): the native OpenCC binding from an
isolated folder (installed there with ``pip install --target`` unless --no-install), and
opencc-python-reimplemented from site-packages. Each converts the same lines; MB/s counts UTF-8
input bytes, best of ``--repeat``; "differs" counts lines whose output is not native OpenCC's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import DEVDATA, ROOT, table, utf8_size
from textfix import Config, detect_script
from textfix.opencc_convert import get_converter
from textfix.script import fast as script_fast
from textfix.script import run as script_step

WORKER = ROOT / "tools" / "opencc_worker.py"
CORPUS_OF = {"t": "traditional", "s": "simplified", "h": "traditional"}


def native_dir(install: bool) -> Path | None:
    path = Path(os.environ.get("TEXTFIX_NATIVE_OPENCC", "/tmp/native_opencc"))
    if not (path / "opencc").is_dir() and install:
        print(f"installing the native OpenCC binding into {path} ...", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--target", str(path), "opencc"],
            check=False, capture_output=True,
        )
    return path if (path / "opencc").is_dir() else None


def peer(impl: str, path: Path | None, config: str, texts: list[str], repeat: int) -> dict:
    request = {"impl": impl, "path": str(path) if path else None, "config": config, "texts": texts,
               "repeat": repeat}
    done = subprocess.run([sys.executable, str(WORKER)], input=json.dumps(request),
                          capture_output=True, text=True)
    if not done.stdout.strip():
        return {"error": done.stderr.strip()[-200:]}
    return json.loads(done.stdout)


def best_seconds(fn, texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        best = min(best, time.perf_counter() - t0)
    return best


def load_lines(name: str, megabytes: float) -> list[str]:
    lines = (DEVDATA / "script" / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    out, size = [], 0
    for line in lines:
        out.append(line)
        size += len(line.encode("utf-8")) + 1
        if megabytes and size >= megabytes * 1e6:
            break
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=0, help="MB of each corpus to use (0: all)")
    ap.add_argument("--configs", default="t2s,s2t,s2tw,s2twp,tw2sp")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-install", action="store_true")
    args = ap.parse_args()

    native = native_dir(not args.no_install)
    rows = []
    corpora: dict[str, list[str]] = {}
    for config in args.configs.split(","):
        name = CORPUS_OF[config[0]]
        lines = corpora.setdefault(name, load_lines(name, args.mb))
        size = utf8_size(lines)
        t0 = time.perf_counter()
        conv = get_converter(config)
        conv.convert("預熱")
        build = time.perf_counter() - t0
        ours = best_seconds(conv.convert, lines, args.repeat)
        mine = [conv.convert(t) for t in lines]
        row = [f"{config} ({name}, {size / 1e6:.1f} MB)", size / 1e6 / ours]
        reference = None
        for impl, path in (("native", native), ("reimplemented", None)):
            if impl == "native" and path is None:
                row += ["n/a", "n/a"]
                continue
            ans = peer(impl, path, config, lines, 1 if impl == "reimplemented" else 2 * args.repeat)
            if "error" in ans:
                row += ["n/a", "n/a"]
                print(f"{impl} {config}: {ans['error']}", file=sys.stderr)
                continue
            row.append(size / 1e6 / ans["seconds"])
            if impl == "native":
                reference = ans["outputs"]
                row.append(sum(a != b for a, b in zip(mine, reference)))
            else:
                row.append(sum(a != b for a, b in zip(ans["outputs"], reference)) if reference else "n/a")
        # Load from other processes drifts: time textfix again after the peers and keep its best
        # (native gets as many tries, in one process).
        row[1] = max(row[1], size / 1e6 / best_seconds(conv.convert, lines, args.repeat))
        row.append(f"{build:.2f}")
        rows.append(row)
    print(table(rows, ["direction", "textfix MB/s", "native MB/s", "textfix lines != native",
                       "reimplemented MB/s", "reimpl. lines != native", "textfix table build s"]))

    print()
    det_rows = []
    for name, lines in sorted(corpora.items()):
        size = utf8_size(lines)
        whole = "\n".join(lines)
        det_rows.append([f"detect_script ({name}, per line)", size / 1e6 / best_seconds(detect_script, lines, args.repeat)])
        det_rows.append([f"detect_script ({name}, whole file)", size / 1e6 / best_seconds(detect_script, [whole], args.repeat)])
    trad = corpora.get("traditional") or load_lines("traditional", args.mb)
    cfg = Config(script="zh-Hans")
    size = utf8_size(trad)
    det_rows.append(["step script -> zh-Hans with explanations (traditional, per line)",
                     size / 1e6 / best_seconds(lambda t: script_step(t, cfg), trad, 1)])
    det_rows.append(["step script -> zh-Hans, fast path (traditional, per line)",
                     size / 1e6 / best_seconds(lambda t: script_fast(t, cfg), trad, args.repeat)])
    whole = "\n".join(trad)
    det_rows.append(["step script -> zh-Hans with explanations (traditional, whole file)",
                     size / 1e6 / best_seconds(lambda t: script_step(t, cfg), [whole], 1)])
    print(table(det_rows, ["what", "MB/s"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
