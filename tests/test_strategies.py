"""The published strategies: argument validation, and that every record is what it claims."""

from __future__ import annotations

import json
import re
import unicodedata
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from textfix import strategies as tfs

ANNOTATION = re.compile(r"\(([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\)")


def _samples() -> dict:
    return json.loads(resources.files("textfix").joinpath("_data", "strategy_samples.json").read_text("utf-8"))


# --- data invariants ---------------------------------------------------------------------------


def test_sample_data_is_small_labelled_and_nfc() -> None:
    path = resources.files("textfix").joinpath("_data", "strategy_samples.json")
    assert len(path.read_bytes()) < 200_000
    data = _samples()
    assert "licence" in data["_about"].lower() or "MIT" in data["_about"]
    trad_only, simp_only = set(data["traditional_only"]), set(data["simplified_only"])
    assert not trad_only & simp_only
    for s in data["traditional"]:
        assert unicodedata.normalize("NFC", s) == s
        assert any(c in trad_only for c in s) and not any(c in simp_only for c in s), s
    for s in data["simplified"]:
        assert any(c in simp_only for c in s) and not any(c in trad_only for c in s), s
    for ch, readings in data["readings"].items():
        assert ch in trad_only
        assert readings and all(ANNOTATION.fullmatch(f"({r})") for r in readings), (ch, readings)


def test_handwritten_samples_are_nfc_and_trimmed() -> None:
    data = json.loads(resources.files("textfix").joinpath("_data", "strategy_templates.json").read_text("utf-8"))
    for key in ("japanese", "korean", "latin", "english", "emoji"):
        for s in data[key]:
            assert unicodedata.normalize("NFC", s) == s and s == s.strip(), s
    assert any(0x3040 <= ord(c) <= 0x30FF for s in data["japanese"] for c in s)  # kana
    assert any("\u200d" in e for e in data["emoji"])
    for kind, templates in data["boilerplate"].items():
        assert kind in tfs.BOILERPLATE_CATEGORIES
        assert templates


# --- validation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: tfs.mojibake(layers=[("utf-8", "koi8_r")]), "not supported"),
        (lambda: tfs.mojibake(layers=[("utf-8", "no-such-codec")]), "not supported"),
        (lambda: tfs.mojibake(layers=[("gbk", "utf-8")]), "not supported"),
        (lambda: tfs.mojibake(layers=["utf-8"]), "pair"),
        (lambda: tfs.mojibake(layers="utf-8"), "list of layers"),
        (lambda: tfs.mojibake(layers=[]), "empty"),
        (lambda: tfs.mojibake(min_layers=0), "min_layers"),
        (lambda: tfs.mojibake(min_layers=3, max_layers=2), "less than"),
        (lambda: tfs.mojibake(max_layers=9), "max_layers"),
        (lambda: tfs.mojibake(lossy="yes"), "lossy"),
        (lambda: tfs.mojibake(texts=["中文"]), "strategy"),
        (lambda: tfs.mojibake(min_size=5, max_size=4), "less than"),
        (lambda: tfs.mojibake(min_layers=True), "int"),
        (lambda: tfs.mojibake(layers=[("utf-8", "big5")], lossy=False), "lossy=True"),
        (lambda: tfs.mojibake(layers=[("gbk", "latin-1")], lossy=True), "never lose"),
        (lambda: tfs.mojibake(layers=[("gbk", "cp1252")], min_layers=2, max_layers=2), "no chain"),
        (lambda: tfs.clean_text(["klingon"]), "klingon"),
        (lambda: tfs.clean_text([]), "empty"),
        (lambda: tfs.clean_text("zh-Hans"), "list"),
        (lambda: tfs.clean_text(min_sentences=0), "min_sentences"),
        (lambda: tfs.clean_text(["ko"], min_sentences=500, max_sentences=500), "distinct"),
        (lambda: tfs.pinyin_annotated(min_annotated=0), "min_annotated"),
        (lambda: tfs.pinyin_annotated(min_annotated=3, max_annotated=2), "less than"),
        (lambda: tfs.pinyin_annotated(min_annotated=100), "raise max_sentences"),
        (lambda: tfs.script_text("zh-CN"), "zh-Hant"),
        (lambda: tfs.script_text("mixed", max_sentences=1), "two sentences"),
        (lambda: tfs.boilerplated(["ads"]), "ads"),
        (lambda: tfs.boilerplated(min_boilerplate=4, max_boilerplate=2), "less than"),
        (lambda: tfs.hostile_text(max_size=0), "max_size"),
        (lambda: tfs.hostile_bytes(max_size=-1), "max_size"),
    ],
)
def test_bad_arguments_fail_when_the_strategy_is_built(build, message) -> None:
    with pytest.raises(InvalidArgument, match=message):
        build()


def test_codec_aliases_are_accepted() -> None:
    strategy = tfs.mojibake(layers=[("UTF8", "ISO-8859-1"), ("utf_8", "CP936")])
    assert strategy is not None
    assert tfs.garble("é", [("utf-8", "latin-1")]) == "Ã©"


def test_all_names_exist() -> None:
    for name in tfs.__all__:
        assert hasattr(tfs, name), name


# --- records -----------------------------------------------------------------------------------


@given(tfs.mojibake(max_layers=3))
def test_lossless_mojibake_reproduces_and_unwinds(m: tfs.Mojibake) -> None:
    assert m.garbled != m.original
    assert not m.lossy and m.marker == ""
    assert m.chain and all(layer in tfs.LOSSLESS_LAYERS for layer in m.chain)
    assert m.reproduce() == m.garbled
    assert m.unwind() == m.original
    for prev, nxt in zip(m.chain, m.chain[1:], strict=False):
        assert nxt.encoding in ("utf-8", prev.decoding)


@given(tfs.mojibake(lossy=True, max_layers=2))
def test_lossy_mojibake_reproduces_and_lost_something(m: tfs.Mojibake) -> None:
    assert m.lossy and m.marker in ("\ufffd", "?")
    assert m.garbled != m.original
    assert m.reproduce() == m.garbled
    with pytest.raises(ValueError, match="lossy"):
        m.unwind()
    with pytest.raises(UnicodeError):
        tfs.garble(m.original, m.chain)  # strictly, the chain fails: bytes really were lost


@given(tfs.mojibake(layers=[("utf-8", "gbk")], min_size=6))
def test_chosen_layer_and_size_are_respected(m: tfs.Mojibake) -> None:
    assert m.chain == (tfs.Layer("utf-8", "gbk"),)
    assert len(m.original) >= 6
    assert m.garbled.encode("gbk").decode("utf-8") == m.original


@given(tfs.mojibake(layers=[("utf-8", "cp1252")], texts=st.text(min_size=1), max_size=20))
def test_user_texts_are_used(m: tfs.Mojibake) -> None:
    assert 2 <= len(m.original) <= 20
    assert m.garbled.encode("cp1252").decode("utf-8") == m.original


@given(tfs.clean_text())
def test_clean_text_is_clean(text: str) -> None:
    assert text and text == text.strip()
    assert unicodedata.normalize("NFC", text) == text
    assert "\ufffd" not in text
    assert not any(unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") and c != "\n" for c in text)


@given(tfs.clean_text(["ja"], min_sentences=2, max_sentences=2))
def test_clean_text_respects_scripts_and_counts(text: str) -> None:
    lines = text.split("\n")
    assert len(lines) == 2
    assert all(any(0x3040 <= ord(c) <= 0x30FF or 0x4E00 <= ord(c) <= 0x9FFF for c in line) for line in lines)


@given(tfs.pinyin_annotated(min_annotated=2))
def test_pinyin_annotations_cover_every_occurrence(p: tfs.PinyinAnnotated) -> None:
    assert len(p.annotations) >= 2
    assert ANNOTATION.sub("", p.garbled) == p.original
    readings = _samples()["readings"]
    for ch, reading in p.annotations:
        assert reading in readings[ch]
        assert p.garbled.count(f"{ch}({reading})") == p.original.count(ch) > 0
    annotated = {m.start() - 1 for m in ANNOTATION.finditer(p.garbled)}
    assert {p.garbled[i] for i in annotated} == {ch for ch, _ in p.annotations}


@given(tfs.script_text())
def test_script_samples_are_labelled_right(s: tfs.ScriptSample) -> None:
    data = _samples()
    trad_only, simp_only = set(data["traditional_only"]), set(data["simplified_only"])
    labels = {span.label for span in s.spans}
    assert s.script == (labels.pop() if len(labels) == 1 else "mixed")
    for span in s.spans:
        piece = s.text[span.start : span.end]
        only, other = (trad_only, simp_only) if span.label == "zh-Hant" else (simp_only, trad_only)
        assert any(c in only for c in piece) and not any(c in other for c in piece)


@given(tfs.boilerplated())
def test_boilerplate_spans_are_whole_lines_and_the_rest_is_the_article(b: tfs.Boilerplated) -> None:
    lines = b.garbled.split("\n")
    assert b.spans
    assert all(s.label in tfs.BOILERPLATE_CATEGORIES for s in b.spans)
    assert b.boilerplate() == [line for line in lines if line not in b.original.split("\n")]
    starts = {0} | {i + 1 for i, c in enumerate(b.garbled) if c == "\n"}
    kept = []
    pos = 0
    for s in b.spans:
        assert s.start in starts and b.garbled[s.end : s.end + 1] in ("", "\n")
        kept.append(b.garbled[pos : s.start])
        pos = s.end + 1
    kept.append(b.garbled[pos:])
    assert "".join(kept).strip("\n") == b.original


@given(tfs.boilerplated(["icp_filing"], min_boilerplate=1, max_boilerplate=1))
def test_boilerplate_categories_are_respected(b: tfs.Boilerplated) -> None:
    (span,) = b.spans
    assert span.label == "icp_filing"
    assert re.search(r"ICP备\d{8}号|公网安备 ?\d{14}号", b.boilerplate()[0])


@given(tfs.hostile_text(max_size=50))
def test_hostile_text_is_str(text: str) -> None:
    assert isinstance(text, str)


def test_hostile_text_reaches_surrogates_and_astral() -> None:
    seen: set[str] = set()

    @settings(max_examples=300, derandomize=True, database=None)
    @given(tfs.hostile_text())
    def collect(text: str) -> None:
        if any("\ud800" <= c <= "\udfff" for c in text):
            seen.add("surrogate")
        if any(ord(c) > 0xFFFF for c in text):
            seen.add("astral")
        if "\x00" in text:
            seen.add("nul")

    collect()
    assert seen == {"surrogate", "astral", "nul"}


@given(tfs.hostile_bytes())
def test_hostile_bytes_are_bytes(data: bytes) -> None:
    assert isinstance(data, bytes)
