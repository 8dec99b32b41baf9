"""The pipeline: config, step order, explanations that replay, idempotence, never raising."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import textfix
from benchmarks.common import DEVDATA
from textfix.pipeline import STEP_NAMES, run, run_step
from textfix.result import Edit, apply_edits, compose_edits

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))

# Text that exercises several steps at once: annotations, odd whitespace, invisible characters.
garbled = st.lists(
    st.sampled_from(["企業(yè)", "產業(yè)", "發(fā)展", "重(chóng)", "，", "。", "\u200b", " \n", "\r\n",
                     "\u00a0\n\n\n", "e\u0301", "中文", "Text", "“引号”", "(yes)", "版權所有", "\x00"]),
    max_size=40,
).map("".join)
any_text = st.one_of(st.text(max_size=200), garbled)


def test_step_order_is_documented_and_fixed() -> None:
    assert STEP_NAMES == ("repair_encoding", "normalize", "pinyin", "boilerplate", "script")


def test_config_is_immutable_validated_and_picklable() -> None:
    cfg = textfix.Config(pinyin="never")
    with pytest.raises(AttributeError):
        cfg.pinyin = "auto"  # type: ignore[misc]
    with pytest.raises(ValueError, match="pinyin"):
        textfix.Config(pinyin="sometimes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="normalize"):
        textfix.Config(normalize="yes")  # type: ignore[arg-type]
    assert pickle.loads(pickle.dumps(cfg)) == cfg
    with pytest.raises(TypeError):
        textfix.fix("x", config={"pinyin": "never"})  # type: ignore[arg-type]


def test_every_step_can_be_switched_off() -> None:
    text = "企業(yè)產業(yè)鏈\r\n\u200b"
    off = textfix.Config(repair_encoding=False, normalize=False, pinyin="never", strip_boilerplate=False, script=None)
    assert textfix.fix(text, off) == text


def test_run_step_runs_one_step_whatever_the_config() -> None:
    result = run_step("pinyin", "企業(yè)產業(yè)鏈", textfix.Config(normalize=False))
    assert result.text == "企業產業鏈"
    assert {c.step for c in result.changes} == {"pinyin"}
    with pytest.raises(ValueError, match="unknown step"):
        run_step("nope", "x")


def test_rejects_non_text_with_a_clear_error() -> None:
    with pytest.raises(TypeError, match="str or bytes"):
        textfix.fix(42)  # type: ignore[arg-type]


def test_unknown_options_are_clear_errors() -> None:
    with pytest.raises(TypeError, match="fix_and_explain"):
        textfix.fix("企業(yè)", explain=True)
    with pytest.raises(TypeError, match="bogus"):
        textfix.fix("企業(yè)", bogus=1)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_explanations_replay_and_fix_is_idempotent(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = textfix.fix_and_explain(text)
    assert result.replay(text) == result.text
    assert textfix.fix(text) == result.text
    assert textfix.fix(result.text) == result.text
    for c in result.changes:
        assert c.step in STEP_NAMES and c.reason


@given(any_text)
def test_never_raises_replays_and_is_idempotent(text: str) -> None:
    result = textfix.fix_and_explain(text)
    assert result.replay(text) == result.text
    fixed = textfix.fix(text)
    assert fixed == result.text
    assert textfix.fix(fixed) == fixed


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=100))
def test_bytes_input_is_decoded(text: str) -> None:
    assert textfix.fix(text.encode("utf-8")) == textfix.fix(text)


@given(st.data())
def test_compose_edits_equals_applying_in_sequence(data) -> None:
    def edits_for(text: str) -> list[Edit]:
        out, pos = [], 0
        while pos <= len(text):
            if data.draw(st.booleans()):
                start = pos
                end = data.draw(st.integers(start, min(len(text), start + 3)))
                out.append(Edit(start, end, data.draw(st.text("xyz", max_size=3)), "r"))
                pos = end + 1
            else:
                pos += 1
        return out

    text = data.draw(st.text("abcd", max_size=12))
    first = edits_for(text)
    mid = apply_edits(text, first)
    second = edits_for(mid)
    assert apply_edits(text, compose_edits(text, first, second)) == apply_edits(mid, second)


def test_explain_false_gives_the_same_text() -> None:
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        assert run(text, explain=False).text == run(text).text


@pytest.mark.parametrize("text", [
    "锟斤拷\u200d锟斤拷",  # normalize removes the joiner that hid the 锟斤拷 run from the repair step
    "\x8dÂ\x91",  # a C1 control in front of UTF-8-as-cp1252 mojibake
    "企業(yè) \n版權所有重(chóng)",  # the footer boilerplate removes weighed in the pinyin decision
    # boilerplate removes two '©' inside Big5 mojibake, which joins what the repair step can read
    "穢^穠����k癒A穡簷癒C礎w穢繩織��癒A竅L礎{簧瞼竄簞癒]瞻繕����翹s礎癡癒^瞻H癒C",
    "企業(yè)\u200c產業(yè)鏈",  # removing a reading puts a joiner between letters: normalize again
])
def test_earlier_steps_run_again_when_a_later_one_changes_their_evidence(text: str) -> None:
    result = textfix.fix_and_explain(text)
    assert result.replay(text) == result.text == textfix.fix(text)
    assert textfix.fix(result.text) == result.text


@pytest.mark.skipif(not (DEVDATA / "script").is_dir(), reason="devdata not available")
def test_fix_is_idempotent_on_the_realistic_corpus() -> None:
    """2 MB of the scale benchmark's documents (real text with the breakage textfix repairs mixed
    in): a second fix changes none of them."""
    import json

    from benchmarks.scale_corpus import records

    for line in records(2.0):
        text = json.loads(line)["text"]
        once = textfix.fix(text)
        assert textfix.fix(once) == once, text[:200]
