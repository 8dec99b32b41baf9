"""Run textfix's coverage-guided fuzz targets (atheris) for a time budget and summarise crashes.

    pip install atheris
    python fuzz/run.py --minutes 10            # both targets, one after the other
    python fuzz/run.py --minutes 5 --targets decode
    python fuzz/run.py --replay fuzz/crashes/*  # re-run saved crash inputs, print each failure

Targets (fuzz/targets.py): ``decode`` (textfix.decode on any bytes, every ``errors`` mode) and
``pipeline`` (fix_and_explain on any str, including lone surrogates, or bytes, under several
configs; explanations must replay and ``fix`` must agree). ``--strict`` also checks idempotence.

The corpus (fuzz/corpus/<target>/) is seeded from the tests: the seed documents, every string
and bytes literal in tests/*.py, and real sentences garbled through the strategies' codec
chains. libFuzzer runs in fork mode so a crash is recorded (fuzz/crashes/) and fuzzing goes on.
Only one fuzzing process runs at a time. Exit status 1 when a crash was found.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import os
import re
import subprocess
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import targets  # noqa: E402

STATS = re.compile(r"#(\d+).*?cov: (\d+) ft: (\d+) corp: (\d+)")


def _write(folder: Path, data: bytes) -> None:
    (folder / ("seed-" + hashlib.sha1(data).hexdigest()[:16])).write_bytes(data)


def _test_literals() -> list[str | bytes]:
    out: list[str | bytes] = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)) and len(node.value) >= 2:
                out.append(node.value)
    return out


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [t[:600] for t in texts]
    texts += [lit for lit in _test_literals() if isinstance(lit, str)]
    try:
        from textfix import strategies as tfs
    except ImportError:  # hypothesis missing: seed from the tests only
        return texts
    samples = tfs._samples()
    sentences = samples["traditional"][::30] + samples["simplified"][::30]
    texts += sentences
    for layer in tfs.SUPPORTED_LAYERS:
        for s in sentences[:6]:
            try:
                texts.append(tfs.garble(s, [layer], lossy_marker="\ufffd"))
            except UnicodeError:
                pass
    return texts


def seed(target: str) -> Path:
    """Write seed inputs for ``target`` into fuzz/corpus/<target>/ (kept across runs)."""
    folder = HERE / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    texts = _texts()
    raw = [lit for lit in _test_literals() if isinstance(lit, bytes)]
    for i, t in enumerate(texts):
        data = t.encode("utf-8", "surrogatepass")
        if target == "decode":
            variants = [data]
            for enc in ("gb18030", "big5", "shift_jis", "utf-16-le"):
                variants.append(t.encode(enc, "replace"))
            for v in variants:
                _write(folder, bytes([i % len(targets.ERRORS)]) + v[:4000])
        else:
            _write(folder, bytes([i % len(targets.CONFIGS), 0]) + data[:4000])
            _write(folder, bytes([i % len(targets.CONFIGS), 2]) + t.encode("gb18030", "replace")[:4000])
    for i, b in enumerate(raw):
        prefix = bytes([i % len(targets.ERRORS)]) if target == "decode" else bytes([i % len(targets.CONFIGS), 2])
        _write(folder, prefix + b)
    return folder


def fuzz(target: str, seconds: int, strict: bool) -> dict[str, object]:
    corpus = seed(target)
    crashes = HERE / "crashes"
    crashes.mkdir(exist_ok=True)
    logs = HERE / "logs"
    logs.mkdir(exist_ok=True)
    before = set(crashes.iterdir())
    env = {**os.environ, "TEXTFIX_FUZZ_TARGET": target, "PYTHONHASHSEED": "0"}
    if strict:
        env["TEXTFIX_FUZZ_STRICT"] = "1"
    cmd = [
        str(HERE / "fuzz_one.py"),
        f"-max_total_time={seconds}",
        "-fork=1", "-ignore_crashes=1", "-ignore_timeouts=1", "-ignore_ooms=1",
        "-timeout=30", "-rss_limit_mb=3072", "-max_len=8192",
        f"-artifact_prefix={crashes}/{target}-",
        str(corpus),
    ]
    log = logs / f"{target}.log"
    t0 = time.monotonic()
    with log.open("w") as fh:
        subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=ROOT, check=False)
    elapsed = time.monotonic() - t0
    stats = STATS.findall(log.read_text(errors="replace"))
    execs, cov = (int(stats[-1][0]), int(stats[-1][1])) if stats else (0, 0)
    found = sorted(set(crashes.iterdir()) - before)
    return {"target": target, "seconds": round(elapsed), "execs": execs, "cov": cov,
            "corpus": len(list(corpus.iterdir())), "crashes": found}


def replay(paths: list[Path], strict: bool = False) -> dict[str, list[Path]]:
    """Run each saved input through its target (named by the file's prefix); group failures.
    ``strict`` replays the pipeline target with its idempotence check, as ``--strict`` fuzzed it."""
    groups: dict[str, list[Path]] = {}
    examples: dict[str, str] = {}
    for path in paths:
        name = path.name.split("-", 1)[0]
        fn = targets.TARGETS.get(name)
        if fn is None:
            print(f"{path}: no target named {name!r}", file=sys.stderr)
            continue
        try:
            fn(path.read_bytes(), strict=True) if strict and name == "pipeline" else fn(path.read_bytes())
        except Exception as exc:
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/textfix/" in f.filename]
            where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
            key = f"{name}: {type(exc).__name__} at {where}"
            groups.setdefault(key, []).append(path)
            examples.setdefault(key, f"{str(exc)[:120]} (input {path.read_bytes()[:40]!r})")
        else:
            groups.setdefault(f"{name}: no longer fails", []).append(path)
    return {f"{k}: {examples[k]}" if k in examples else k: v for k, v in groups.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fuzz textfix with atheris (one process at a time).")
    parser.add_argument("--minutes", type=float, default=10.0, help="total budget, split over the targets")
    parser.add_argument("--targets", default="decode,pipeline", help="comma-separated: decode,pipeline")
    parser.add_argument("--strict", action="store_true", help="pipeline target also checks idempotence")
    parser.add_argument("--replay", nargs="+", type=Path, help="re-run saved inputs instead of fuzzing")
    args = parser.parse_args(argv)
    if args.replay:
        groups = replay(args.replay, args.strict)
        for key, files in groups.items():
            print(f"{len(files):4d}  {key}\n      e.g. {files[0]}")
        return 1 if any("no longer fails" not in k for k in groups) else 0
    names = [n.strip() for n in args.targets.split(",") if n.strip()]
    unknown = [n for n in names if n not in targets.TARGETS]
    if unknown:
        parser.error(f"unknown target(s) {unknown}; choose from {list(targets.TARGETS)}")
    try:
        import atheris  # noqa: F401
    except ImportError:
        parser.error("atheris is not installed: pip install atheris")
    share = max(10, int(args.minutes * 60 / len(names)))
    results = [fuzz(n, share, args.strict) for n in names]
    print("| target | seconds | executions | coverage | corpus | new crash files |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(f"| {r['target']} | {r['seconds']} | {r['execs']} | {r['cov']} | {r['corpus']} | {len(r['crashes'])} |")
    found = [p for r in results for p in r["crashes"]]  # type: ignore[union-attr]
    if found:
        print("\nDistinct failures (replayed):")
        for key, files in replay(found).items():
            print(f"{len(files):4d}  {key}\n      e.g. {files[0]}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
