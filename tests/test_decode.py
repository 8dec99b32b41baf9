"""decode(): BOMs, the UTF-8 fast path, CJK legacy encodings, mixed input, errors=, positions."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

import textfix
from textfix.decode import Decoded, decode

SAMPLES = {
    "gb18030": "发布时间：2020年3月5日，国务院新闻办公室举行新闻发布会，介绍有关情况。",
    "big5": "發佈時間：2020年3月5日，行政院新聞局舉行記者會，說明相關政策。",
    "shift_jis": "日本語のテキストです。東京都の天気は晴れ、明日は雨の予報です。",
    "euc-kr": "한국어 텍스트입니다. 서울의 날씨는 맑고 내일은 비가 옵니다.",
}
CODEC = {"gb18030": "gbk", "big5": "cp950", "shift_jis": "cp932", "euc-kr": "cp949"}


@pytest.mark.parametrize("name", list(SAMPLES))
def test_cjk_legacy_encodings(name: str) -> None:
    text = SAMPLES[name]
    d = decode(text.encode(CODEC[name]))
    assert d.text == text
    assert d.encoding == name
    assert d.confidence > 0.5
    assert not d.lossy


@pytest.mark.parametrize("name", list(SAMPLES))
def test_short_cjk_strings(name: str) -> None:
    text = SAMPLES[name][:8]
    assert decode(text.encode(CODEC[name])).text == text


def test_utf8_fast_path_and_ascii() -> None:
    assert decode("中文 text".encode()).encoding == "utf-8"
    assert decode(b"plain").encoding == "ascii"
    d = decode("中文".encode())
    assert d.text == "中文" and d.confidence >= 0.99


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    ],
)
def test_boms(bom: bytes, codec: str, name: str) -> None:
    d = decode(bom + "发布 time".encode(codec))
    assert d.text == "发布 time" and d.encoding == name and d.bom


def test_utf16_without_bom() -> None:
    d = decode("hello world, 你好".encode("utf-16-le"))
    assert d.text == "hello world, 你好" and d.encoding == "utf-16-le"


def test_western_single_byte_goes_to_chardet() -> None:
    text = "La préfecture de police a publié un communiqué à Paris hier soir."
    d = decode(text.encode("cp1252"))
    assert d.text == text


def test_mixed_utf8_and_gbk_lines() -> None:
    data = (
        "第一行是UTF-8文本。\n".encode()
        + "第二行是GBK编码的文本。\n".encode("gbk")
        + b"ascii line\n"
        + "第四行又是UTF-8。\n".encode()
    )
    d = decode(data)
    assert d.text == "第一行是UTF-8文本。\n第二行是GBK编码的文本。\nascii line\n第四行又是UTF-8。\n"
    assert d.encoding == "mixed"
    assert [s.encoding for s in d.segments] == ["utf-8", "gb18030", "utf-8"]
    assert d.segments[0].start == 0 and d.segments[-1].end == len(data)


def test_undecodable_bytes_are_reported_never_silently_lost() -> None:
    data = "中文的文本".encode("gbk") + b"\xff\xfe abc"
    d = decode(data)
    assert d.text == "中文的文本\ufffd\ufffd abc"
    assert d.lossy and d.lossy_positions == (10, 11)
    assert d.to_dict()["lossy_positions"] == [10, 11]


@pytest.mark.parametrize(
    ("errors", "expected"),
    [
        ("replace", "中文\ufffd abc"),
        ("ignore", "中文 abc"),
        ("backslashreplace", "中文\\xff abc"),
        ("surrogateescape", "中文\udcff abc"),
    ],
)
def test_errors_modes(errors: str, expected: str) -> None:
    d = decode("中文".encode("gbk") + b"\xff abc", errors=errors)
    assert d.text == expected
    assert d.lossy_positions == (4,)
    assert d.errors == errors


def test_errors_strict_raises() -> None:
    with pytest.raises(UnicodeDecodeError):
        decode("中文".encode("gbk") + b"\xff abc", errors="strict")


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="errors="):
        decode(b"x", errors="nope")
    with pytest.raises(TypeError):
        decode("text")  # type: ignore[arg-type]


def test_to_dict_and_public_api() -> None:
    d = textfix.decode(SAMPLES["big5"].encode("cp950"))
    assert isinstance(d, Decoded)
    info = d.to_dict()
    assert info["encoding"] == "big5" and 0 < info["confidence"] <= 1 and info["length"] == len(SAMPLES["big5"])


def test_pipeline_decodes_bytes() -> None:
    assert textfix.fix(SAMPLES["gb18030"].encode("gbk"), pinyin="never", strip_boilerplate=False).startswith("发布时间")


@given(st.binary(max_size=200))
def test_any_bytes_decode_without_error_and_positions_are_in_range(data: bytes) -> None:
    d = decode(data)
    assert isinstance(d.text, str)
    assert all(0 <= p < len(data) for p in d.lossy_positions)


@given(st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=80))
def test_utf8_round_trips(text: str) -> None:
    # NUL characters are left out: bytes with zeros on alternate positions are read as UTF-16.
    assert decode(text.encode("utf-8")).text == text
