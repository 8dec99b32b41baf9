"""Golden outputs for the five seeds, through the whole default pipeline.

Each ``tests/golden/<seed>.txt`` was read line by line against its seed before it was committed;
``<seed>.json`` holds the metadata the boilerplate step must keep as data, and the review notes
(what was removed and why it is right, and the known misses: labelled chrome still kept).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import textfix

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SEEDS = sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))
_ANNOTATION = re.compile(r"[\u4e00-\u9fff]\([a-zü\u0101-\u01dc]+\)")


def _load(seed: str) -> tuple[str, str, dict]:
    text = (ROOT / "seeds" / f"{seed}.txt").read_text(encoding="utf-8")
    golden = (GOLDEN / f"{seed}.txt").read_text(encoding="utf-8")
    expected = json.loads((GOLDEN / f"{seed}.json").read_text(encoding="utf-8"))
    return text, golden, expected


def test_every_seed_has_a_golden() -> None:
    assert len(SEEDS) == 5
    assert sorted(p.stem for p in GOLDEN.glob("*.txt")) == SEEDS


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_output_matches_golden(seed: str) -> None:
    text, golden, _ = _load(seed)
    assert textfix.fix(text) == golden


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_metadata_is_kept_as_data(seed: str) -> None:
    text, _, expected = _load(seed)
    result = textfix.fix_and_explain(text)
    for key, value in expected["metadata"].items():
        assert result.metadata.get(key) == value, key


@pytest.mark.parametrize("seed", SEEDS)
def test_golden_is_a_fixed_point(seed: str) -> None:
    _, golden, _ = _load(seed)
    assert textfix.fix(golden) == golden


@pytest.mark.parametrize("seed", SEEDS)
def test_golden_keeps_no_annotation_and_loses_no_paragraph(seed: str) -> None:
    text, golden, _ = _load(seed)
    assert not _ANNOTATION.search(golden)
    # Every Chinese sentence of the seed (pinyin removed) survives whole, except a paragraph's
    # first, which may carry a glued title copy or caption.
    plain = textfix.remove_pinyin_annotations(text, pinyin="always")
    for piece in re.split(r"\s+", plain):
        for sentence in piece.split("。")[1:-1]:
            assert sentence + "。" in golden, sentence[:40]
