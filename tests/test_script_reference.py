"""textfix's fast converter against a deliberately naive reading of OpenCC's semantics.

The reference below walks the text position by position with the config's dictionary tree
(short_circuit: first dictionary with a match; union: longest match), segments like OpenCC's
maximum-match segmentation and converts each segment on its own. It shares no code with the
converter, so the prefilters (effective phrases, anchors, clauses, local segmentation) are
checked on text dense in overlapping dictionary phrases.
"""

from __future__ import annotations

import json
import random
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textfix.opencc_convert import data_source, get_converter

CONFIGS = ("t2s", "s2t", "s2tw", "s2twp", "tw2s", "tw2sp", "hk2s", "s2hkp", "t2tw")


@cache
def _dict(name: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in (data_source().dict_dir / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            key, values = line.split("\t", 1)
            out.setdefault(key, values.split(" ")[0])
    return out


def _match(spec: dict[str, Any], text: str, pos: int, limit: int) -> tuple[int, str] | None:
    if spec["type"] == "text":
        d = _dict(spec["file"][:-4])
        for length in range(min(16, limit - pos), 0, -1):
            value = d.get(text[pos : pos + length])
            if value is not None:
                return length, value
        return None
    found = [_match(child, text, pos, limit) for child in spec["dicts"]]
    if spec.get("match_policy", "short_circuit") == "short_circuit":
        return next((f for f in found if f is not None), None)
    best = None
    for f in found:
        if f is not None and (best is None or f[0] > best[0]):
            best = f
    return best


def _convert_segment(spec: dict[str, Any], text: str) -> str:
    out, pos = [], 0
    while pos < len(text):
        m = _match(spec, text, pos, len(text))
        if m is None:
            out.append(text[pos])
            pos += 1
        else:
            out.append(m[1])
            pos += m[0]
    return "".join(out)


def reference(config: str, text: str) -> str:
    spec = json.loads((data_source().config_dir / f"{config}.json").read_text(encoding="utf-8"))
    for norm in spec.get("normalization", ()):
        text = _convert_segment(norm["dict"], text)
    segments = [text]
    if "segmentation" in spec:
        segments, pending, pos = [], "", 0
        while pos < len(text):
            m = _match(spec["segmentation"]["dict"], text, pos, len(text))
            if m is None:
                pending += text[pos]
                pos += 1
            else:
                if pending:
                    segments.append(pending)
                    pending = ""
                segments.append(text[pos : pos + m[0]])
                pos += m[0]
        if pending:
            segments.append(pending)
    for step in spec["conversion_chain"]:
        segments = [_convert_segment(step["dict"], s) for s in segments]
    return "".join(segments)


@cache
def _pool(config: str) -> list[str]:
    """Phrase keys of the config's dictionaries, pieces of them, and punctuation."""
    spec = json.loads((data_source().config_dir / f"{config}.json").read_text(encoding="utf-8"))
    names: set[str] = set()

    def walk(d: dict[str, Any]) -> None:
        if d["type"] == "text":
            names.add(d["file"][:-4])
        else:
            for c in d["dicts"]:
                walk(c)

    for step in spec["conversion_chain"]:
        walk(step["dict"])
    if "segmentation" in spec:
        walk(spec["segmentation"]["dict"])
    rng = random.Random(config)
    keys = sorted({k for n in sorted(names) for k in _dict(n) if len(k) > 1})
    sample = rng.sample(keys, min(600, len(keys)))
    values = [_dict(n)[k] for n in sorted(names) for k in sample if k in _dict(n)]
    halves = [k[: len(k) // 2 + 1] for k in sample] + [k[len(k) // 2 :] for k in sample]
    return sample + values + halves + list("，。 a\n的了是")


@pytest.mark.parametrize("config", CONFIGS)
def test_dense_phrase_text_matches_reference(config: str) -> None:
    rng = random.Random(7)
    pool = _pool(config)
    converter = get_converter(config)
    for _ in range(60):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 40)))
        expected = reference(config, text)
        assert converter.convert(text) == expected, text
        assert converter.convert_spans(text)[0] == expected, text


@settings(max_examples=60)
@given(st.sampled_from(CONFIGS), st.data())
def test_random_mixtures_match_reference(config: str, data: st.DataObject) -> None:
    pool = _pool(config)
    parts = data.draw(st.lists(st.one_of(st.sampled_from(pool), st.text(max_size=3)), max_size=25))
    text = "".join(parts)
    assert get_converter(config).convert(text) == reference(config, text)


@pytest.mark.parametrize("config", ["t2s", "s2t", "s2twp", "tw2sp", "hk2sp", "s2hkp", "jp2t"])
def test_every_effective_phrase_is_found_by_the_prefilter(config: str) -> None:
    """The prefilter's own invariant: each phrase that converts differently from its
    characters is caught by its anchor, alone and inside a clause."""
    for stage in get_converter(config).chain:
        for key in stage.effective:
            assert stage._clauses(key) == [(0, len(key))], key
            assert stage._clauses("，" + key + "。") == [(1, len(key) + 1)], key


_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "devdata" / "script"


@pytest.mark.parametrize(("corpus", "config"), [("simplified", "s2t"), ("traditional", "t2s"),
                                                ("simplified", "s2twp"), ("traditional", "tw2sp")])
def test_real_lines_match_reference(corpus: str, config: str) -> None:
    path = _CORPUS / f"{corpus}.txt"
    if not path.is_file():
        pytest.skip(f"{path} not available")
    lines = path.read_text(encoding="utf-8").split("\n")[::40]
    converter = get_converter(config)
    differing = [line for line in lines if converter.convert(line) != reference(config, line)]
    assert differing == []


# Strings that once broke a candidate shortcut: pyahocorasick's iter_long misses 千里 in 且行千里
# (it abandons the path 且行 without trying the phrases that start inside it).
TRICKY = ["且行千里", "且行且珍惜千里", "头发干净", "上鍊了", "乾隆皇帝乾坤", "軟體和滑鼠"]


@pytest.mark.parametrize("config", CONFIGS)
def test_tricky_strings_match_reference(config: str) -> None:
    converter = get_converter(config)
    for text in TRICKY:
        assert converter.convert(text) == reference(config, text), text
