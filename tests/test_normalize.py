"""CJK-aware normalization: what it fixes, what it must keep, and that its edits replay."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textfix
from textfix import normalize
from textfix.pipeline import run_step
from textfix.result import apply_edits

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
norm = textfix.normalize_unicode


@pytest.mark.parametrize(
    "text",
    [
        "他说：“你好，世界！”（括号）『書名』「引號」……——",  # Chinese quotes and full-width punctuation
        "\u3000\u3000段首两个全角空格缩进。",  # ideographic-space indentation
        "ﾊﾝｶｸｶﾀｶﾅ と ＡＢＣ１２３",  # half-width kana, full-width letters (width folding is opt-in)
        "\uf900\ufa10\U0002f800 兼容汉字",  # CJK compatibility ideographs survive NFC here
        "👨\u200d👩\u200d👧 family, 🏳\ufe0f\u200d🌈 flag",  # emoji ZWJ sequences
        "می\u200cخواهم",  # ZWNJ in Persian
        "第一段\n\n第二段\n",
        "tab\tinside\n",
        "4,600 列车 12:06:56 a(b)c",
    ],
)
def test_clean_text_is_unchanged(text: str) -> None:
    assert norm(text) == text
    assert run_step("normalize", text).changes == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb\rc\u2028d", "a\nb\nc\nd"),
        ("中\u200b文\ufeff字\u00ad符\u2060", "中文字符"),
        ("中\u200d文", "中文"),
        ("bell\x07 and\x1b esc\x9b", "bell and esc"),
        ("e\u0301te\u0301", "été"),
        ("第一段\n\u00a0\n \n\n\n第二段", "第一段\n\n第二段"),
        ("行尾空格  \n下一行\u3000\n", "行尾空格\n下一行\n"),
        ("\n\n  \n开头空行", "开头空行"),
        ("结尾\n\n\n", "结尾\n"),
    ],
)
def test_fixes(text: str, expected: str) -> None:
    assert norm(text) == expected
    result = run_step("normalize", text)
    assert result.text == expected
    assert result.replay(text) == expected
    assert all(c.reason and c.rule.startswith("normalize.") for c in result.changes)


def test_nfkc_only_when_asked() -> None:
    assert norm("ｆｕｌｌ①") == "ｆｕｌｌ①"
    assert norm("ｆｕｌｌ①", unicode_form="NFKC") == "full1"


def test_fullwidth_ascii_opt_in() -> None:
    assert norm("ＡＢＣ１２３，。", fullwidth_ascii=True) == "ABC123，。"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("现代物流产业生态圈联盟,:要抢抓机遇", "现代物流产业生态圈联盟，：要抢抓机遇"),
        ("他說:“好”", "他說：“好”"),
        ("大会(共建协议签署仪式)暨揭牌", "大会（共建协议签署仪式）暨揭牌"),
        ("4,600 列车 12:06:56", "4,600 列车 12:06:56"),  # numbers
        ("访问 https://a.cn/x?a=1,b 网站", "访问 https://a.cn/x?a=1,b 网站"),  # URLs
        ("Hello, world! 中文", "Hello, world! 中文"),  # Latin text
        ("重(chóng)新", "重(chóng)新"),  # parenthesised Latin stays ASCII
    ],
)
def test_cjk_punctuation_opt_in(text: str, expected: str) -> None:
    assert norm(text, cjk_punctuation=True) == expected
    assert norm(text) == text.replace("\r", "")


def test_seed_000_whitespace_only_lines_become_one_empty_line() -> None:
    text = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    out = norm(text)
    assert "\n\n\n" not in out
    assert not any(line.strip() == "" and line for line in out.split("\n"))
    # No paragraph is joined to another: the non-blank lines are the same, in order.
    assert [s.rstrip() for s in text.split("\n") if s.strip()] == [s for s in out.split("\n") if s]


@given(st.text(max_size=300), st.booleans(), st.booleans(), st.sampled_from(["NFC", "NFKC", "none"]))
def test_edits_replay_and_normalize_is_idempotent(text: str, width: bool, punct: bool, form: str) -> None:
    cfg = textfix.Config(fullwidth_ascii=width, cjk_punctuation=punct, unicode_form=form)
    out = normalize.run(text, cfg)
    fixed = apply_edits(text, out.edits)
    assert normalize.fast(text, cfg) == fixed  # the fast path gives the explained text
    assert apply_edits(fixed, normalize.run(fixed, cfg).edits) == fixed
    if form == "NFC":
        assert all(unicodedata.is_normalized("NFC", part) for part in normalize._COMPAT_IDEOGRAPHS.split(fixed))


_MARKS = "\u0301\u0323\u0308\u0344\u0345\u05b0\u0f71\u0f73\u302a\u3099"


@given(st.lists(st.tuples(st.sampled_from("aeoAㄱ\u05d0\u0f40か"), st.text(_MARKS, min_size=0, max_size=90)),
                min_size=1, max_size=6))
def test_long_runs_of_combining_marks_compose_like_unicodedata(parts: list[tuple[str, str]]) -> None:
    # Runs past the stream-safe length are pre-sorted (CPython's reordering is quadratic in
    # the run length); the result must still be exactly NFC.
    text = "".join(base + marks for base, marks in parts)
    out = norm(text, remove_invisible=False, normalize_whitespace=False)
    assert out == unicodedata.normalize("NFC", text)


@given(st.text(st.sampled_from(" \t\n\u3000\u00a0\x0b\x1c\u2028ab中"), max_size=40))
@settings(max_examples=1000)
def test_whitespace_precheck_never_hides_a_match(text: str) -> None:
    if normalize._whitespace_clean(text):
        assert normalize._WHITESPACE.search(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("愁\u200b\u200c苦", "愁苦"),  # a run of zero-widths and a joiner between letters goes whole
    ("中\x01\u200d文", "中文"),
    ("👨\u200b\u200d👩", "👨\u200d👩"),  # in an emoji sequence the joiner stays, the rest of the run goes
])
def test_invisible_runs_are_judged_whole_so_a_second_pass_finds_nothing(text: str, expected: str) -> None:
    out = textfix.normalize_unicode(text)
    assert out == expected
    assert textfix.normalize_unicode(out) == out
