"""convert_script and the pipeline step ``script``."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from textfix import Config, convert_script, fix, fix_and_explain
from textfix.opencc_convert import opencc_convert
from textfix.pipeline import run_step
from textfix.result import apply_edits
from textfix.script import fast, opencc_config, protected_spans, run

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


# -- convert_script -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("target", "source", "config"),
    [
        ("zh-Hans", None, "t2s"),
        ("zh-Hans", "zh-TW", "tw2s"),
        ("zh-Hans", "zh-TW-phrases", "tw2sp"),
        ("zh-Hans", "zh-HK", "hk2s"),
        ("zh-Hant", None, "s2t"),
        ("zh-Hant", "zh-TW", "tw2t"),
        ("zh-Hant", "zh-HK", "hk2t"),
        ("zh-TW", None, "s2tw"),
        ("zh-TW", "zh-Hant", "t2tw"),
        ("zh-TW-phrases", None, "s2twp"),
        ("zh-HK", None, "s2hk"),
        ("zh-HK", "zh-Hant", "t2hk"),
        ("zh-Hans", "zh-Hans", None),
        ("s2twp", None, "s2twp"),
    ],
)
def test_targets_map_to_opencc_configs(target: str, source: str | None, config: str | None) -> None:
    assert opencc_config(target, source) == config


def test_conversions_match_opencc_semantics() -> None:
    assert convert_script("頭髮乾淨") == "头发干净"
    assert convert_script("头发干净", "zh-Hant") == "頭髮乾淨"
    assert convert_script("鼠标和软件", "zh-TW-phrases") == "滑鼠和軟體"
    assert convert_script("鼠标和软件", "zh-TW") == "鼠標和軟件"
    assert convert_script("滑鼠和軟體", "zh-Hans", "zh-TW-phrases") == "鼠标和软件"


def test_none_target_and_bad_arguments() -> None:
    assert convert_script("頭髮", None) == "頭髮"
    assert convert_script("", "zh-Hans") == ""
    with pytest.raises(ValueError, match="unknown script target"):
        convert_script("頭髮", "zh-XX")
    with pytest.raises(TypeError):
        convert_script(b"abc")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "図書館で本を読みました。東京の圖書館は大きいです。",
        "旧字體の「國語」と新字体の「国語」。",
        "대한민국(大韓民國)은 동아시아에 있는 국가이다. 漢字 교육.",
        "한국어 문장 속의 漢字語와 學校.",
        # Longer samples: Japanese prose with kyūjitai and shinjitai kanji, Korean with hanja.
        "東京都立中央圖書館は、港区南麻布にある都立図書館です。藏書數は約二百萬冊で、"
        "日本國内の公立図書館としては最大級の規模を誇ります。\n開館時間：午前十時から午後九時まで。",
        "今日は天氣が良いので、近くの公園へ散歩に行きました。櫻の花が滿開で、とても綺麗でした。",
        "大韓民國 憲法 第一條 ① 大韓民國은 民主共和國이다. ② 大韓民國의 主權은 國民에게 있고, "
        "모든 權力은 國民으로부터 나온다.",
        "서울特別市는 韓國의 首都이며, 經濟·文化의 中心地이다.",
    ],
)
def test_japanese_and_korean_are_never_converted(text: str) -> None:
    for target in ("zh-Hans", "zh-Hant", "zh-TW-phrases", "zh-HK"):
        assert convert_script(text, target) == text
        assert fix(text, script=target) == fix(text)


def test_japanese_title_inside_chinese_is_kept_and_the_rest_converted() -> None:
    text = "《千と千尋の神隠し》是宮崎駿執導的動畫電影。"
    assert convert_script(text) == "《千と千尋の神隠し》是宫崎骏执导的动画电影。"
    assert protected_spans(text) == [(1, 9)]
    # Plain OpenCC (no guard) would touch the Japanese: the guard is what keeps it.
    assert opencc_convert("図書館", "t2s") == "図书馆"
    assert convert_script("図書館に行く") == "図書館に行く"


# -- the step ---------------------------------------------------------------------------------
def _step(text: str, **kw: object):
    out = run(text, Config(**kw))  # type: ignore[arg-type]
    assert apply_edits(text, out.edits) is not None
    return out, apply_edits(text, out.edits)


def test_step_off_by_default() -> None:
    text = "頭髮乾淨"
    assert Config().script is None
    assert fix(text) == text
    assert run(text, Config()).edits == []


def test_step_converts_traditional_and_explains_runs() -> None:
    out, new = _step("他的頭髮很乾淨，這是我們的書。", script="zh-Hans")
    assert new == "他的头发很干净，这是我们的书。"
    assert [(e.start, e.end, e.replacement) for e in out.edits] == [
        (2, 4, "头发"), (5, 7, "干净"), (8, 9, "这"), (11, 12, "们"), (13, 14, "书"),
    ]
    reasons = [e.reason for e in out.edits]
    assert "characters 頭髮 (TSCharacters)" in reasons[0]
    out, new = _step("手錶上鍊了。", script="zh-Hans")
    assert new == "手表上链了。"  # the phrase 上鍊 -> 上链, where 鍊 alone gives 炼
    assert "phrase 上鍊 (TSPhrases)" in out.edits[-1].reason
    assert all("t2s" in r for r in reasons)
    assert all(e.category == "script" and e.rule == "t2s" for e in out.edits)


def test_step_never_runs_s2t_on_traditional() -> None:
    text = "范先生和岳先生在臺灣的書店裏。"
    out, new = _step(text, script="zh-Hant")
    assert new == text and out.edits == []
    assert opencc_convert(text, "s2t") != text  # what the guard prevents: 范 -> 範, 岳 -> 嶽


def test_step_leaves_target_script_alone() -> None:
    text = "这是范先生写的书，我们都喜欢它。"
    out, new = _step(text, script="zh-Hans")
    assert new == text and out.edits == []
    assert any("already" in n for n in out.notes)


def test_step_brings_mixed_text_fully_to_target() -> None:
    text = "这是一本很好的书，我們都喜欢。这里有很多人。"
    out, new = _step(text, script="zh-Hans")
    assert new == "这是一本很好的书，我们都喜欢。这里有很多人。"
    assert len(out.edits) == 1
    text = "這是范先生的書，我们都喜歡。這裏有很多人。"
    out, new = _step(text, script="zh-Hant")
    assert new == "這是范先生的書，我們都喜歡。這裏有很多人。"  # 范 kept: its clause is Traditional


def test_step_taiwan_target_on_traditional_uses_variants_only() -> None:
    out, new = _step("爲人民服務，范先生。", script="zh-TW")
    assert new == "為人民服務，范先生。"
    assert all(e.rule == "t2tw" for e in out.edits)


def test_pipeline_seed_004_to_simplified() -> None:
    text = (SEEDS / "004_655edb8ce8c911e2.txt").read_text(encoding="utf-8")
    result = fix_and_explain(text, script="zh-Hans")
    assert result.replay(text) == result.text
    from textfix import detect_script

    after = detect_script(result.text)
    assert after.traditional == 0 and after.script == "simplified"
    assert "经贸合作" in result.text
    assert any(c.step == "script" for c in result.changes)


def test_fast_path_matches_explained_path_on_real_text() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for target in ("zh-Hans", "zh-Hant", "zh-TW-phrases"):
            cfg = Config(script=target)
            assert fast(text, cfg) == apply_edits(text, run(text, cfg).edits)


def test_run_step_directly() -> None:
    r = run_step("script", "頭髮", Config(script="zh-Hans"))
    assert r.text == "头发"


_cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_mixed = st.text(
    st.one_of(_cjk, st.sampled_from(list("頭髮乾淨們這书们図書館にのカ한국어，。\n ")), st.characters()),
    max_size=60,
)


@given(_mixed, st.sampled_from(["zh-Hans", "zh-Hant", "zh-TW-phrases", "zh-HK"]))
def test_any_text_never_crashes_and_explanations_replay(text: str, target: str) -> None:
    out = run(text, Config(script=target))
    new = apply_edits(text, out.edits)
    assert fast(text, Config(script=target)) == new
    for a, b in zip(out.edits, out.edits[1:]):
        assert a.end <= b.start
    assert isinstance(new, str)
    if not protected_spans(text):
        # Where the step converts the whole text, it is exactly convert_script's result.
        conf = out.metadata.get("script_conversion")
        if conf and len(conf) == 1 and not any("clause" in n for n in out.notes):
            assert new == convert_script(text, conf[0])


@pytest.mark.parametrize("text", ["頭\ud800髮", "\x00頭髮\uffff", "𠀀頭髮\U0010ffff乾淨", "頭" * 5000, "\n\n", "。，"])
def test_odd_strings_never_crash(text: str) -> None:
    for target in ("zh-Hans", "zh-Hant", "zh-TW-phrases", "zh-HK"):
        out = run(text, Config(script=target))
        assert apply_edits(text, out.edits) == fast(text, Config(script=target))
    assert convert_script("頭\ud800髮") == "头\ud800发"


def test_region_to_region_without_one_config_is_left_alone_with_a_note() -> None:
    cfg = Config(script="zh-TW", script_source="zh-HK")
    text = "這是香港的書。"
    out = run(text, cfg)
    assert out.edits == [] and any("zh-Hant first" in n for n in out.notes)
    assert fast(text, cfg) == text
    with pytest.raises(ValueError, match="zh-Hant first"):
        convert_script(text, "zh-TW", "zh-HK")
