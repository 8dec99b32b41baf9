"""Run a third-party ``opencc`` module in its own process and report what it is.

Three packages install a top-level ``opencc`` (the official binding, opencc-python-reimplemented,
opencc-py), so a peer is only trusted after checking which files were imported. Reads one JSON
request on stdin: ``{"impl": "native" | "reimplemented", "path": dir or null,
"config": "t2s", "texts": [...], "repeat": 1, "outputs": true}``; prints one JSON answer:
``{"module_file", "version", "seconds" (best of repeat), "outputs"}`` or ``{"error"}``.
"""

from __future__ import annotations

import importlib.metadata as metadata
import json
import sys
import time
from pathlib import Path


def _load(impl: str, path: str | None):
    if path:
        sys.path.insert(0, path)
    import opencc  # the whole point of this process: whichever opencc the path gives

    where = Path(opencc.__file__).resolve()
    if impl == "native":
        if path and not where.is_relative_to(Path(path).resolve()):
            raise RuntimeError(f"opencc came from {where}, not {path}")
        if not hasattr(opencc, "opencc_clib") or not hasattr(opencc, "__version__"):
            raise RuntimeError(f"{where} is not the native OpenCC binding")
        return opencc, opencc.__version__, where, lambda cfg: opencc.OpenCC(cfg).convert
    dist = metadata.distribution("opencc-python-reimplemented")
    mine = {Path(str(dist.locate_file(f))).resolve() for f in dist.files or ()}
    if where not in mine:
        raise RuntimeError(f"opencc came from {where}, not from opencc-python-reimplemented")
    return opencc, dist.version, where, lambda cfg: opencc.OpenCC(cfg).convert


def main() -> int:
    req = json.load(sys.stdin)
    try:
        _, version, where, make = _load(req["impl"], req.get("path"))
        convert = make(req["config"])
    except Exception as exc:  # report, never crash the caller
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}))
        return 0
    texts = req["texts"]
    best = float("inf")
    outputs: list[str] = []
    for _ in range(max(1, int(req.get("repeat", 1)))):
        t0 = time.perf_counter()
        outputs = [convert(t) for t in texts]
        best = min(best, time.perf_counter() - t0)
    answer = {"module_file": str(where), "version": version, "seconds": best}
    if req.get("outputs", True):
        answer["outputs"] = outputs
    print(json.dumps(answer, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
