"""Invariants of every step and of the whole pipeline, checked with textfix's own strategies.

- never raises on any str or bytes;
- explanations replay exactly, and the fast path (``fix``) gives the explained text;
- idempotent: cleaning cleaned text changes nothing;
- clean text is unchanged by the repair steps;
- round trips: garble a clean text, repair it, get the original (where that is decidable);
- deterministic: the same input and config give the same output in another process and with
  two worker processes.

Run with ``TEXTFIX_HYPOTHESIS=long`` for 2,000 examples per property instead of 100.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

import textfix
from textfix import strategies as tfs
from textfix.pipeline import run_step

# What each step is run with when tested alone: the switches that make it do something.
STEP_CONFIGS = [
    ("repair_encoding", {}),
    ("normalize", {}),
    ("normalize", {"unicode_form": "NFKC", "fullwidth_ascii": True, "cjk_punctuation": True}),
    ("pinyin", {"pinyin": "auto"}),
    ("pinyin", {"pinyin": "always"}),
    ("boilerplate", {}),
    ("boilerplate", {"boilerplate_mode": "mark"}),
    ("script", {"script": "zh-Hans"}),
    ("script", {"script": "zh-Hant"}),
    ("script", {"script": "zh-TW-phrases"}),
]
STEP_IDS = [f"{name}-{'-'.join(f'{k}={v}' for k, v in cfg.items()) or 'default'}" for name, cfg in STEP_CONFIGS]

# Text as it comes: realistic broken text of every kind, clean text, and hostile text.
broken_text = st.one_of(
    tfs.mojibake(lossy=None, max_layers=2).map(lambda m: m.garbled),
    tfs.pinyin_annotated().map(lambda p: p.garbled),
    tfs.boilerplated().map(lambda b: b.garbled),
)
any_text = st.one_of(
    tfs.clean_text(),
    tfs.script_text().map(lambda s: s.text),
    broken_text,
    tfs.hostile_text(),
)
REPAIR_ONLY = {"strip_boilerplate": False, "script": None}
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]")


def _check_replay(text: str, result: textfix.Result) -> None:
    assert result.replay(text) == result.text
    for c in result.changes:
        assert c.before != c.after or c.start != c.end, c


# --- never raises, replays ---------------------------------------------------------------------


@given(any_text)
def test_pipeline_never_raises_and_replays(text: str) -> None:
    result = textfix.fix_and_explain(text)
    assert isinstance(result.text, str)
    _check_replay(text, result)
    assert textfix.fix(text) == result.text  # the fast path agrees with the explained one
    json.dumps(result.to_dict(), ensure_ascii=False)  # explanations serialise


@pytest.mark.parametrize(("step", "overrides"), STEP_CONFIGS, ids=STEP_IDS)
@settings(max_examples=40)
@given(text=any_text)
def test_each_step_never_raises_and_replays(step: str, overrides: dict, text: str) -> None:
    result = run_step(step, text, **overrides)
    _check_replay(text, result)


@given(tfs.hostile_bytes())
def test_bytes_never_raise_and_decode_to_encodable_text(data: bytes) -> None:
    decoded = textfix.decode(data)
    decoded.text.encode("utf-8")  # no lone surrogates escape the decoder
    assert all(0 <= p < len(data) for p in decoded.lossy_positions)  # byte offsets
    out = textfix.fix(data)
    assert isinstance(out, str)
    assert textfix.fix_and_explain(data).text == out


@given(st.text(min_size=1, max_size=200).filter(lambda s: not s.isascii() and not s.startswith("\ufeff")))
def test_utf8_bytes_decode_to_the_same_text(text: str) -> None:
    assert textfix.decode(text.encode("utf-8")).text == text


# --- idempotence ------------------------------------------------------------------------------


@given(any_text)
def test_fix_is_idempotent(text: str) -> None:
    once = textfix.fix(text)
    assert textfix.fix(once) == once


@given(tfs.mojibake(lossy=None, max_layers=2))
def test_repair_encoding_is_idempotent(m: tfs.Mojibake) -> None:
    once = run_step("repair_encoding", m.garbled).text
    assert run_step("repair_encoding", once).text == once


# --- clean text is sacred ----------------------------------------------------------------------


@given(tfs.clean_text())
def test_clean_text_is_unchanged_by_repair_steps(text: str) -> None:
    result = textfix.fix_and_explain(text, **REPAIR_ONLY)
    assert result.changes == ()
    assert result.text == text


@given(tfs.script_text())
def test_real_chinese_is_unchanged_by_repair_steps(sample: tfs.ScriptSample) -> None:
    assert textfix.fix(sample.text, **REPAIR_ONLY) == sample.text


@given(tfs.script_text("zh-Hans"))
def test_simplified_text_is_unchanged_by_conversion_to_simplified(sample: tfs.ScriptSample) -> None:
    assert run_step("script", sample.text, script="zh-Hans").text == sample.text


@given(tfs.boilerplated())
def test_boilerplate_removal_keeps_every_article_line(page: tfs.Boilerplated) -> None:
    out = textfix.fix(page.garbled, repair_encoding=False).split("\n")
    for line in page.original.split("\n"):
        assert line in out


@given(tfs.boilerplated())
def test_boilerplate_marks_exactly_what_it_removes(page: tfs.Boilerplated) -> None:
    marked = run_step("boilerplate", page.garbled, boilerplate_mode="mark")
    assert marked.text == page.garbled
    spans = marked.metadata.get("boilerplate_spans", [])
    pos = 0
    kept = []
    for span in spans:
        assert pos <= span["start"] < span["end"] <= len(page.garbled)
        kept.append(page.garbled[pos : span["start"]])
        pos = span["end"]
    kept.append(page.garbled[pos:])
    assert run_step("boilerplate", page.garbled).text == "".join(kept)


@given(tfs.boilerplated())
def test_boilerplate_metadata_comes_from_the_input(page: tfs.Boilerplated) -> None:
    meta = run_step("boilerplate", page.garbled).metadata
    for key, value in meta.items():
        if key in ("date", "boilerplate_spans") or not isinstance(value, str):
            continue
        flat = " ".join(page.garbled.split())  # values keep the words, not the layout whitespace
        for part in value.split("; "):
            assert " ".join(part.split()) in flat, (key, value)


@given(tfs.boilerplated(["icp_filing"]))
def test_icp_filing_lines_are_removed(page: tfs.Boilerplated) -> None:
    assert textfix.fix(page.garbled, repair_encoding=False).strip() == page.original


# --- round trips -------------------------------------------------------------------------------


@given(tfs.mojibake(layers=[("utf-8", "gbk"), ("utf-8", "shift_jis")], min_size=8, texts=tfs.script_text().map(lambda s: s.text)))
def test_utf8_read_as_cjk_codec_round_trips(m: tfs.Mojibake) -> None:
    # Shorter Han windows re-decode by chance: every line needs six Han characters.
    assume(min(len(HAN.findall(line)) for line in m.original.split("\n")) >= 6)
    assert run_step("repair_encoding", m.garbled).text == m.original


@given(tfs.mojibake(layers=[(e, d) for e in ("gbk", "big5") for d in ("latin-1", "cp1252")], min_size=4))
def test_cjk_codec_read_as_western_round_trips(m: tfs.Mojibake) -> None:
    assert run_step("repair_encoding", m.garbled).text == m.original


@given(tfs.mojibake(layers=[("utf-8", "cp1252"), ("utf-8", "latin-1")], min_size=4,
                    texts=tfs.clean_text(["latin", "zh-Hans", "zh-Hant", "ja", "ko"], max_sentences=1)))
def test_utf8_read_as_western_round_trips(m: tfs.Mojibake) -> None:
    assert run_step("repair_encoding", m.garbled).text == m.original


@given(tfs.mojibake(layers=[("utf-8", "gbk"), ("utf-8", "cp1252"), ("utf-8", "latin-1")], min_layers=2,
                    max_layers=2, min_size=8, texts=tfs.script_text().map(lambda s: s.text)))
def test_two_utf8_layers_round_trip(m: tfs.Mojibake) -> None:
    assume(min(len(HAN.findall(line)) for line in m.original.split("\n")) >= 6)
    assert run_step("repair_encoding", m.garbled).text == m.original


@given(tfs.pinyin_annotated())
def test_pinyin_always_round_trips(p: tfs.PinyinAnnotated) -> None:
    assert run_step("pinyin", p.garbled, pinyin="always").text == p.original


@given(tfs.pinyin_annotated(min_annotated=3))
def test_dense_pinyin_artifact_round_trips_through_the_pipeline(p: tfs.PinyinAnnotated) -> None:
    occurrences = sum(p.original.count(ch) for ch, _ in p.annotations)
    assume(occurrences * 100 >= 5 * len(HAN.findall(p.original)))  # dense, like real artifacts
    assert textfix.fix(p.garbled, strip_boilerplate=False) == p.original


# --- determinism -------------------------------------------------------------------------------

_CHILD = (
    "import json, sys, textfix\n"
    "texts = json.loads(sys.stdin.read())\n"
    "print(json.dumps([textfix.fix_and_explain(t).to_dict() for t in texts], ensure_ascii=True))\n"
)


def _fix_text(text: str) -> str:
    return textfix.fix(text)


# No shrinking: each example starts a process and a pool; the message names the differing text.
@settings(max_examples=2, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.data_too_large, HealthCheck.too_slow])
@given(st.lists(st.one_of(broken_text, tfs.clean_text()), min_size=8, max_size=8))
def test_same_output_in_another_process_and_with_two_jobs(texts: list[str]) -> None:
    from textfix.parallel import ordered_map

    here = [textfix.fix_and_explain(t).to_dict() for t in texts]
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    child = subprocess.run([sys.executable, "-c", _CHILD], input=json.dumps(texts), capture_output=True,
                           text=True, env=env, check=True, timeout=120)
    there = json.loads(child.stdout)
    for text, mine, theirs in zip(texts, json.loads(json.dumps(here, ensure_ascii=True)), there, strict=True):
        assert mine == theirs, f"{text!r}: this process gave {mine!r}, another gave {theirs!r}"
    assert list(ordered_map(_fix_text, texts, jobs=2)) == [d["text"] for d in here]
