"""Minimal failing inputs found by the property tests and the fuzzers, kept as regression tests.

Each case names the module it fails in and how it was found. The fuzz cases also replay the
fuzz target itself (fuzz/targets.py), so the test checks exactly what the fuzzer checks.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import textfix
from textfix.pipeline import run_step

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fuzz"))
import targets

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.mark.parametrize("path", SEEDS[:2], ids=lambda p: p.name[:3])
def test_fuzz_targets_run_on_seed_documents(path: Path) -> None:
    # The fuzz targets themselves stay runnable: every config and input mode on a seed.
    data = path.read_bytes()[:3000]
    for option in range(len(targets.CONFIGS)):
        for mode in range(len(targets.TEXT_MODES)):
            targets.pipeline_target(bytes([option, mode]) + data)
    for option in range(len(targets.ERRORS)):
        targets.decode_target(bytes([option]) + data)


# --- decode (found by fuzz/run.py, target decode) ----------------------------------------------

SURROGATEESCAPE_UTF16 = [
    b"\xff\xfez",  # UTF-16-LE BOM, then one odd ASCII byte
    b"\xff\xfe\x00\xdez",  # BOM, a lone low surrogate, an odd byte
    b"\xfe\xff\x00",  # UTF-16-BE BOM, one odd byte
]


@pytest.mark.parametrize("data", SURROGATEESCAPE_UTF16)
def test_decode_surrogateescape_never_raises_on_utf16_with_an_odd_byte(data: bytes) -> None:
    decoded = textfix.decode(data, errors="surrogateescape")
    assert decoded.lossy


def test_decode_fuzz_crash_utf16_without_bom_surrogateescape() -> None:
    # errors byte 0x8a % 5 = 3 = surrogateescape; the rest is taken as UTF-16 without a BOM,
    # and its odd last byte cannot be escaped.
    targets.decode_target(b"\x8a\xd6N\xf5\x00\xd6N\xf5\x1c }Y")


# --- boilerplate (found by tests/test_properties.py::test_fix_is_idempotent) --------------------


def test_fix_is_idempotent_after_partial_footer_removal() -> None:
    text = "冬，公如晋。\n某某新闻网 版权所有 未经授权禁止转载"
    once = textfix.fix(text)
    assert textfix.fix(once) == once


# --- mojibake (found by tests/test_properties.py) -----------------------------------------------


def test_repair_encoding_leaves_han_after_a_replacement_character_alone() -> None:
    # test_fix_is_idempotent: a lossy repair gave '奉��歸，卒��'; repairing that again turned
    # '��歸' into '��d'. Clean text holding U+FFFD (a lossy marker) must stay as it is.
    assert run_step("repair_encoding", "\ufffd歸").text == "\ufffd歸"
    assert run_step("repair_encoding", "奉\ufffd\ufffd歸，卒\ufffd\ufffd").text == "奉\ufffd\ufffd歸，卒\ufffd\ufffd"


def test_utf8_read_as_shift_jis_is_repaired() -> None:
    # test_utf8_read_as_cjk_codec_round_trips: lossless, 9 Han characters, left alone.
    original = "有女妖且麗，裴回湘水"
    garbled = original.encode("utf-8").decode("shift_jis")
    assert garbled == "譛牙･ｳ螯紋ｸ秘ｺ暦ｼ瑚｣ｴ蝗樊ｹ俶ｰｴ"
    assert run_step("repair_encoding", garbled).text == original


def test_gbk_read_as_cp1252_is_repaired_whole() -> None:
    # test_cjk_codec_read_as_western_round_trips: '歸' (GBK 9A 77) became 'šw' and was left
    # behind while the rest of the sentence was repaired.
    garbled = "冬，公如晋。奉祀歸，卒。".encode("gbk").decode("cp1252")
    assert garbled == "¶¬£¬¹«Èç½ú¡£·îìëšw£¬×ä¡£"
    assert run_step("repair_encoding", garbled).text == "冬，公如晋。奉祀歸，卒。"


def test_gbk_read_as_latin1_with_c1_bytes_is_repaired() -> None:
    # test_cjk_codec_read_as_western_round_trips (long profile): GBK bytes 0x80-0x9F read as
    # Latin-1 give C1 controls; those words ('歸' -> '\x9aw', '沖' -> '\x9b_') stay garbled.
    original = "奉祀歸，卒。詔赴行在，道遇病，辭，得主管沖佑觀。"
    garbled = original.encode("gbk").decode("latin-1")
    assert "\x9aw" in garbled
    assert run_step("repair_encoding", garbled).text == original


def test_repair_encoding_is_idempotent_on_heavily_lossy_big5_mojibake() -> None:
    # test_repair_encoding_is_idempotent (long profile): UTF-8 read as Big5, lost bytes as '?'.
    garbled = "奉祀歸，卒。共产党人的历史使命就是改变旧世界，建设新世界。".encode().decode("big5", "replace")
    garbled = garbled.replace("\ufffd", "?")
    once = run_step("repair_encoding", garbled).text
    assert run_step("repair_encoding", once).text == once


def test_fix_is_idempotent_when_a_control_character_splits_mojibake() -> None:
    # test_fix_is_idempotent (hostile text): the first pass repairs C1 characters, normalize
    # then drops the control character between them, and the second pass finds GBK mojibake.
    for text in ("\x91\x1f\x97¡¨", "Â\x1f\x80"):  # the second: 'Â€' after one pass, '€' after two
        once = textfix.fix(text)
        assert textfix.fix(once) == once, text


# --- boilerplate (found by tests/test_properties.py with tfs.boilerplated) --------------------


def test_short_sentence_after_a_views_counter_is_kept() -> None:
    # The views field's value spilled onto the next short line: a whole sentence was removed.
    text = "浏览次数：1\n冬，公如晋。\n中共中央总书记、国家主席江泽民发表１９９８年新年讲话。"
    assert "冬，公如晋。" in textfix.fix(text)
    assert "冬，公如晋。" in textfix.fix("浏览次数：1\n冬，公如晋。")


def test_removing_a_header_line_leaves_no_leading_line_break() -> None:
    text = "发布时间：2000-01-04  来源：新华社\n冬，公如晋。"
    once = textfix.fix(text)
    assert textfix.fix(once) == once


def test_footer_link_line_is_not_cut_inside_a_word_nor_taken_as_photographer() -> None:
    result = textfix.fix_and_explain("冬，公如晋。\n网站地图 | 联系我们 | 关于我们 | 法律声明")
    assert "photographer" not in result.metadata
    assert result.text.rstrip() in ("冬，公如晋。", "冬，公如晋。\n网站地图 | 联系我们 | 关于我们 | 法律声明")


def test_utf8_read_as_latin1_then_as_gbk_is_repaired() -> None:
    # test_two_utf8_layers_round_trip: the classic '盲赂颅氓聸陆' double mojibake (UTF-8 read as
    # Latin-1, that text saved as UTF-8 and read as GBK) is left alone.
    original = "中华人民共和国成立了。"
    garbled = original.encode("utf-8").decode("latin-1").encode("utf-8").decode("gbk")
    assert garbled.startswith("盲赂颅氓聧聨")
    assert run_step("repair_encoding", garbled).text == original


def test_two_layer_mojibake_is_not_left_half_repaired() -> None:
    # test_two_utf8_layers_round_trip (long profile): from '定' (UTF-8 E5 AE 9A, whose 0x9A is a
    # C1 control in Latin-1) on, the line came back half repaired ('稳若šå¸\x81å€¼...').
    original = "但为稳定币值政府曾数次抛售美元入市干预"
    garbled = original.encode("utf-8").decode("latin-1").encode("utf-8").decode("gbk")
    assert run_step("repair_encoding", garbled).text == original


def test_fix_is_idempotent_when_accents_are_decomposed() -> None:
    # test_fix_is_idempotent (long profile): with NFD accents (as macOS writes them) the first
    # pass leaves '锟斤拷' alone, normalize composes the accents, and the second pass repairs it.
    text = "((锟斤拷e\u0301e\u0301"
    once = textfix.fix(text)
    assert textfix.fix(once) == once
