#!/usr/bin/env python
"""atheris entry point: ``TEXTFIX_FUZZ_TARGET=decode python fuzz/fuzz_one.py [libFuzzer flags] [CORPUS_DIR ...]``.

The target (``decode`` or ``pipeline``, see targets.py) comes from the environment so that
libFuzzer's ``-fork`` mode, which re-runs this script with the same flags, keeps it. Prefer ``python fuzz/run.py``, which seeds
the corpus, budgets time and summarises what was found.
"""

from __future__ import annotations

import os
import sys

import atheris

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

with atheris.instrument_imports(include=["textfix"]):
    import textfix  # noqa: F401
    from textfix import (  # noqa: F401  (steps load lazily; import them here to instrument them)
        boilerplate,
        decode,
        mojibake,
        normalize,
        pinyin,
        pipeline,
    )

    try:
        from textfix import script  # noqa: F401
    except ImportError:  # the script step has not landed in this checkout
        pass

import targets


def main() -> None:
    name = os.environ.get("TEXTFIX_FUZZ_TARGET", "")
    if name not in targets.TARGETS:
        raise SystemExit(f"set TEXTFIX_FUZZ_TARGET to one of {', '.join(targets.TARGETS)}")
    fn = targets.TARGETS[name]
    if name == "pipeline" and os.environ.get("TEXTFIX_FUZZ_STRICT"):
        def one(data: bytes) -> None:
            targets.pipeline_target(data, strict=True)
    else:
        one = fn
    atheris.Setup(sys.argv, one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
