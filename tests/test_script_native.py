"""Differential test: textfix's converter against the native OpenCC binding, line for line on
real text. Skipped when the binding is not installed in an isolated folder (it shares the
top-level name ``opencc`` with other packages, so it is never imported into this process).

Install it with ``pip install --target /tmp/native_opencc opencc`` or point
``TEXTFIX_NATIVE_OPENCC`` at such a folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from textfix.opencc_convert import get_converter

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "tools" / "opencc_worker.py"
CORPUS = ROOT.parent / "shared" / "devdata" / "script"
NATIVE = Path(os.environ.get("TEXTFIX_NATIVE_OPENCC", "/tmp/native_opencc"))


def _native(config: str, texts: list[str]) -> dict:
    request = {"impl": "native", "path": str(NATIVE), "config": config, "texts": texts}
    done = subprocess.run(
        [sys.executable, str(WORKER)], input=json.dumps(request), capture_output=True, text=True, timeout=300
    )
    return json.loads(done.stdout) if done.stdout.strip() else {"error": done.stderr[-300:]}


@pytest.fixture(scope="module")
def native_ok() -> None:
    if not (NATIVE / "opencc").is_dir():
        pytest.skip(f"native OpenCC not installed in {NATIVE}")
    answer = _native("t2s", ["漢字"])
    if "error" in answer:
        pytest.skip(f"native OpenCC unusable: {answer['error']}")
    assert Path(answer["module_file"]).resolve().is_relative_to(NATIVE.resolve())


def _lines(name: str, limit: int | None = None) -> list[str]:
    path = CORPUS / f"{name}.txt"
    if not path.is_file():
        pytest.skip(f"{path} not available")
    lines = path.read_text(encoding="utf-8").split("\n")
    return lines[:limit] if limit else lines


@pytest.mark.parametrize(
    ("corpus", "config", "limit"),
    [
        ("traditional", "t2s", None),
        ("simplified", "s2t", None),
        ("traditional", "tw2sp", 4000),
        ("traditional", "hk2s", 4000),
        ("traditional", "t2tw", 4000),
        ("simplified", "s2tw", 2000),
        ("simplified", "s2twp", 2000),
        ("simplified", "s2hk", 2000),
    ],
)
def test_identical_to_native_opencc(native_ok: None, corpus: str, config: str, limit: int | None) -> None:
    lines = _lines(corpus, limit)
    answer = _native(config, lines)
    assert "error" not in answer, answer
    converter = get_converter(config)
    differing = [i for i, (line, theirs) in enumerate(zip(lines, answer["outputs"])) if converter.convert(line) != theirs]
    assert differing == [], f"{len(differing)} lines differ, first: {lines[differing[0]]!r}"
