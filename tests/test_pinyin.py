"""Pinyin-annotation removal: the seeds, deliberate annotations, modes, and a round trip."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import textfix
from textfix import pinyin
from textfix.pipeline import run_step
from textfix.result import apply_edits

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ANNOTATION = re.compile(r"\([a-zü\u00e0-\u01dc]+\)")


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "expected"), [("002", 182), ("004", 244)])
def test_seed_annotations_all_removed_and_nothing_else(name: str, expected: int) -> None:
    text = seed(name)
    result = run_step("pinyin", text)
    assert len(result.changes) == expected
    for c in result.changes:
        assert ANNOTATION.fullmatch(c.before), c
        assert c.after == ""
        assert c.rule == "pinyin.artifact"
        assert c.before[1:-1] in pinyin.readings(text[c.start - 1])
    # Nothing but the annotations changed: the output is the input with those spans cut out.
    kept = "".join(text[a:b] for a, b in zip([0] + [c.end for c in result.changes],
                                               [c.start for c in result.changes] + [len(text)], strict=True))
    assert result.text == kept
    assert not re.search(r"[\u4e00-\u9fff]\([a-zà-ǜ]+\)", result.text)


@pytest.mark.parametrize("name", ["000", "001", "003"])
def test_other_seeds_unchanged(name: str) -> None:
    text = seed(name)
    assert textfix.remove_pinyin_annotations(text) == text
    assert run_step("pinyin", text).changes == ()


@pytest.mark.parametrize(
    "text",
    [
        "这个字读重(chóng)新的重，不读zhòng。",
        "“银行”(yín háng)的“行”读háng。",
        "厦(Xià)门是一座海滨城市。",
        "道理 (dàolǐ)：事物的规律。",
        "她的名字叫烨(yè)，火字旁。",
        "企業(yes)和企業(ABC)以及企業(1)",
        "企業(chǎn)不是這個字的讀音",  # a reading of another character
        "企業（yè）用的是全角括號",
        "企業(ye4)用的是數字聲調",
    ],
)
def test_deliberate_or_invalid_annotations_kept(text: str) -> None:
    assert textfix.remove_pinyin_annotations(text) == text


def test_sparse_annotation_in_long_traditional_text_is_kept() -> None:
    body = seed("004")
    clean = textfix.remove_pinyin_annotations(body)
    # One annotated character in a long Traditional text, its other occurrences not annotated.
    text = clean.replace("協會", "協(xié)會", 1)
    assert textfix.remove_pinyin_annotations(text) == text
    result = run_step("pinyin", text)
    assert result.changes == ()
    assert any("kept as deliberate annotation" in n.message for n in result.notes)


def test_modes() -> None:
    text = "她的名字叫烨(yè)，火字旁。"
    assert textfix.remove_pinyin_annotations(text, pinyin="always") == "她的名字叫烨，火字旁。"
    annotated = "中央企業(yè)產業(yè)鏈融通發(fā)展"
    assert textfix.remove_pinyin_annotations(annotated, pinyin="never") == annotated
    assert textfix.remove_pinyin_annotations(annotated) == "中央企業產業鏈融通發展"


def test_artifact_converted_back_to_simplified_is_removed() -> None:
    text = "中央企业(yè)产业(yè)链融通发(fā)展共链行动启动会在京召开。为贯彻落实党中央关于建设现(xiàn)代化产业(yè)体系"
    assert textfix.remove_pinyin_annotations(text) == "中央企业产业链融通发展共链行动启动会在京召开。为贯彻落实党中央关于建设现代化产业体系"


def test_decomposed_tone_marks_are_recognised() -> None:
    assert textfix.remove_pinyin_annotations("中央企業(ye\u0300)產業(ye\u0300)鏈") == "中央企業產業鏈"


def test_explanation_says_why() -> None:
    result = textfix.fix_and_explain(seed("002"))
    reasons = [c.reason for c in result.changes if c.step == "pinyin"]
    assert reasons and all("converter artifact" in r and "per 100 Han" in r for r in reasons)


# Round trip: annotate every Traditional-only character of arbitrary Han text, as a converter does.
TRADITIONAL = sorted(c for c in pinyin.traditional_only() if pinyin.readings(c))[:400]
SHARED = list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研")
chars = st.lists(st.sampled_from(TRADITIONAL + SHARED), min_size=1, max_size=300)


@given(chars, st.randoms(use_true_random=False))
def test_annotation_round_trip(han: list[str], rnd) -> None:
    original = "".join(han)
    trad = pinyin.traditional_only()
    count = sum(c in trad for c in original)
    assume(count and 100 * count / len(original) >= pinyin.MIN_DENSITY)
    # the converter gives each character its usual reading; a minority of other readings (a
    # converter that reads some words in context) does not change the verdict
    polyphonic = [c for c in dict.fromkeys(original) if c in trad and len(pinyin.readings(c)) > 1]
    rnd.shuffle(polyphonic)
    other: set[str] = set()
    for c in polyphonic:  # other readings on under a third of the annotations
        if 3 * (sum(original.count(o) for o in other) + original.count(c)) < count:
            other.add(c)

    def reading(c: str) -> str:
        usual = pinyin.usual_reading(c)
        return rnd.choice(sorted(pinyin.readings(c) - {usual})) if c in other else usual

    annotated = "".join(f"{c}({reading(c)})" if c in trad else c for c in original)
    assert textfix.remove_pinyin_annotations(annotated) == original
    result = run_step("pinyin", annotated)
    assert result.text == original
    assert len(result.changes) == count


@pytest.mark.parametrize(("text", "rare"), [("單(chán)于是匈奴的首領。", "(chán)"), ("他姓單(shàn)，是我的朋友。", "(shàn)")])
def test_a_rare_reading_of_a_polyphonic_character_is_a_deliberate_annotation(text: str, rare: str) -> None:
    assert textfix.fix(text) == text
    assert textfix.fix(text.replace(rare, "(dān)")) == text.replace(rare, "")  # the usual reading: a converter's


@given(st.text(alphabet=st.sampled_from(TRADITIONAL[:40] + SHARED[:40] + list("(yèzhùà)ABC 1（）")), max_size=200),
       st.sampled_from(["auto", "always", "never"]))
def test_fast_path_equals_explained_edits(text: str, mode: str) -> None:
    cfg = textfix.Config(pinyin=mode)
    assert pinyin.fast(text, cfg) == apply_edits(text, pinyin.run(text, cfg).edits)


def test_a_doubled_artifact_reading_goes_whole() -> None:
    # the converter run twice leaves the reading twice; one pass removes both (fix(fix(x)) == fix(x))
    text = "中央企業(yè)(yè)產業(yè)鏈融通發(fā)展(zhǎn)"
    assert textfix.fix(text) == "中央企業產業鏈融通發展"
    assert textfix.fix(textfix.fix("業(yè)(yè)")) == textfix.fix("業(yè)(yè)") == "業"
