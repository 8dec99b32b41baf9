"""Mojibake repair: case files (in-the-wild, synthetic, negative), chains, explanations, data."""

from __future__ import annotations

import json
from pathlib import Path

import ftfy
import ftfy.bad_codecs  # registers sloppy-windows-1252 for the synthetic chains
import pytest
from hypothesis import given
from hypothesis import strategies as st

import textfix
from textfix import charmodel
from textfix.config import Config
from textfix.mojibake import diagnose, repair_mojibake
from textfix.mojibake import run as step_run
from textfix.pipeline import run_step
from textfix.result import apply_edits

CASES = Path(__file__).parent / "cases"


def _load(name: str) -> list[dict]:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


def _garble(case: dict) -> tuple[str, str]:
    text = case["text"]
    errors = "replace" if case.get("lossy") else "strict"
    for enc, dec in case["chain"]:
        text = text.encode(enc).decode(dec, errors)
    before, after = case.get("before", ""), case.get("after", "")
    return before + text + after, before + case.get("fixed", case["text"]) + after


@pytest.mark.parametrize("case", _load("in-the-wild.json"), ids=lambda c: c["label"])
def test_in_the_wild(case: dict) -> None:
    result = run_step("repair_encoding", case["garbled"])
    assert result.text == case["fixed"]
    assert result.replay(case["garbled"]) == result.text
    source = case["chain"].split(" read as ")[0].lower()
    assert any(source in c.rule.lower() for c in result.changes)


@pytest.mark.parametrize("case", _load("synthetic.json"), ids=lambda c: c["label"])
def test_synthetic(case: dict) -> None:
    garbled, expected = _garble(case)
    assert garbled != expected
    assert repair_mojibake(garbled) == expected


@pytest.mark.parametrize("case", _load("negative.json"), ids=lambda c: c["label"])
def test_clean_text_never_changes(case: dict) -> None:
    out = step_run(case["text"], Config())
    assert out.edits == []


def test_seeds_are_left_alone() -> None:
    for path in sorted((Path(__file__).parent.parent / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert repair_mojibake(text) == text, path.name


def test_ftfy_negative_cases_are_left_alone() -> None:
    """ftfy's own cases whose expected output equals the input (real text that looks odd)."""
    cases = [
        c
        for c in _load("ftfy_test_cases.json")
        if c["original"] == c.get("fixed-encoding", c["fixed"]) and c["expect"] == "pass"
    ]
    assert len(cases) > 10
    changed = [c["label"] for c in cases if repair_mojibake(c["original"]) != c["original"]]
    # A few of ftfy's negatives are Danish/Portuguese text that really is doubly encoded;
    # textfix may repair those, but no more than a handful.
    assert len(changed) <= 3, changed


def test_explanation_names_chain_and_scores() -> None:
    result = textfix.fix_and_explain("新闻：鍙戝竷鏃堕棿 2020年", pinyin="never", strip_boilerplate=False)
    assert result.text.startswith("新闻：发布时间")
    change = next(c for c in result.changes if c.step == "repair_encoding")
    assert change.rule == "UTF-8 read as gbk"
    assert "nats" in change.reason and "->" in change.reason
    assert 0.5 < change.confidence <= 1.0


def test_one_garbled_sentence_inside_clean_text_only_that_changes() -> None:
    clean_left = "我们今天去公园散步。"
    clean_right = "大家都很开心，下午才回家。"
    garbled = "天气真好，阳光明媚".encode().decode("gbk", "replace")
    out = run_step("repair_encoding", clean_left + garbled + clean_right)
    assert out.text.startswith(clean_left) and out.text.endswith(clean_right)
    assert "天气真好" in out.text
    assert all(c.start >= len(clean_left) and c.end <= len(clean_left) + len(garbled) for c in out.changes)


def test_lossy_marks_each_lost_character_once() -> None:
    original = "繁體中文的網頁內容"
    garbled = original.encode().decode("big5", "replace")
    out = repair_mojibake(garbled)
    assert len(out) == len(original)
    for got, want in zip(out, original, strict=True):
        assert got in (want, "\ufffd")
    assert sum(c != "\ufffd" for c in out) >= 3


def test_question_mark_variant() -> None:
    original = "发布时间：今年"
    garbled = original.encode().decode("gbk", "replace").replace("\ufffd", "?")
    out = repair_mojibake(garbled)
    assert len(out) == len(original)
    assert all(got in (want, "\ufffd") for got, want in zip(out, original, strict=True))
    assert out.startswith("发布时间")


@pytest.mark.parametrize("original", [
    "préfecture à Paris",
    # The repair's first character equals the garbled text's ("Ã"), so judging trims it off;
    # the inner layers are peeled on the untrimmed text.
    "２、靠绣制床上用品富裕起来的辽宁省海城市耿庄镇东耿村年轻农家妇女阎亚君",
], ids=["latin", "first-character-survives"])
def test_three_layers_of_utf8_read_as_cp1252(original: str) -> None:
    garbled = original
    for _ in range(3):
        garbled = garbled.encode("utf-8").decode("sloppy-windows-1252")
    assert repair_mojibake(garbled) == original


def test_euc_kr_mojibake_is_read_as_korean_not_chinese() -> None:
    # EUC-KR bytes also decode as common GB2312 characters; the bigram model must pick Korean.
    garbled = "대한민국의 수도는 서울이다".encode("cp949").decode("latin-1")
    assert repair_mojibake(garbled) == "대한민국의 수도는 서울이다"


def test_accented_latin_that_is_valid_gbk_is_kept() -> None:
    for word in ("préfecture", "Ação", "naïve café", "Größe", "élève"):
        assert repair_mojibake(word) == word


def test_diagnose_reports_without_changing() -> None:
    text = "标题：ÖÐ»ªÈËÃñ¹²ºÍ¹ú"
    findings = diagnose(text)
    assert [f.chain for f in findings if f.accepted] == ["gbk read as cp1252"]
    f = findings[0]
    assert text[f.start : f.end] == f.original and f.replacement == "中华人民共和国"
    assert f.cost_after < f.cost_before - f.margin
    assert set(f.to_dict()) >= {"start", "end", "chain", "confidence", "cost_before", "cost_after", "accepted"}
    assert diagnose("干净的中文文本。") == []


def test_notes_explain_runs_left_alone() -> None:
    # A two-character window of clean Han text whose bytes survive re-decoding is not repaired.
    out = step_run("他说：“臧贾帅甲三百。”", Config())
    assert out.edits == []


def test_non_str_input_is_rejected_clearly() -> None:
    with pytest.raises(TypeError):
        diagnose(b"bytes")  # type: ignore[arg-type]


@given(st.text(max_size=60))
def test_any_text_never_crashes_and_replays(text: str) -> None:
    result = run_step("repair_encoding", text)
    assert result.replay(text) == result.text


@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=40))
def test_random_clean_han_is_rarely_touched_and_never_grows(text: str) -> None:
    out = repair_mojibake(text)
    assert len(out) <= len(text)


def test_model_data_invariants() -> None:
    meta = charmodel.metadata()
    assert meta["langs"] == ["hans", "hant", "ja", "ko"]
    assert "jieba" in meta["sources"]["hans"] and "wordfreq" in meta["sources"]["ja"]
    m = charmodel.model()
    assert all(len(u) > 1500 for u in m.uni)
    # Common characters are cheap in their own language and the floor is dearer than any.
    assert m.uni[0]["的"] < 7 and m.uni[1]["們"] < 10 and m.uni[2]["の"] < 7 and m.uni[3]["이"] < 7
    assert all(floor > max(uni[c] for c in "的是在") for floor, uni in zip(m.floor, m.uni, strict=True))
    # Bigrams lower the cost of real words.
    assert charmodel.cost("发布时间") < charmodel.cost("布发间时")


def test_suspect_table_is_rare_mojibake_characters() -> None:
    from textfix.mojibake import _suspects

    chars = _suspects()
    assert len(chars) > 1000
    assert "鍙" in chars and "锟" in chars
    assert "的" not in chars and "是" not in chars


# --- speed and bounds: the fast path, the prescan, long lines, the work cap -------------------


def _garbled_inputs() -> list[str]:
    out = []
    for case in _load("synthetic.json"):
        out.append(_garble(case)[0])
    out += [c["garbled"] for c in _load("in-the-wild.json")]
    return out


def test_fast_path_gives_the_same_text_as_the_explained_step() -> None:
    from textfix.mojibake import fast
    from textfix.result import apply_edits

    cfg = Config()
    for text in _garbled_inputs() + [c["text"] for c in _load("negative.json")]:
        assert fast(text, cfg) == apply_edits(text, step_run(text, cfg).edits), text[:40]


def test_prescan_agrees_with_the_full_scan() -> None:
    from textfix.mojibake import _has_signal, _hits

    texts = _garbled_inputs() + [c["text"] for c in _load("negative.json")]
    for text in texts:
        for lost_marks in (True, False):
            assert _has_signal(text, lost_marks) == bool(_hits(text, lost_marks)), text[:40]


def test_a_long_line_without_breaks_is_repaired_across_window_cuts(monkeypatch: pytest.MonkeyPatch) -> None:
    from textfix import mojibake

    monkeypatch.setattr(mojibake, "_SEGMENT", 400)  # cut often, so cuts fall inside garbled runs
    original = "发布时间今天人民" * 150  # no space, no ASCII, nothing lost
    garbled = original.encode("utf-8").decode("gbk")
    assert len(garbled) > 4 * 400
    assert repair_mojibake(garbled) == original
    spaced = "发布时间 今天 " * 150
    assert repair_mojibake(spaced.encode("utf-8").decode("gbk")) == spaced


def test_work_cap_stops_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from textfix import mojibake

    line = "发布时间是今年三月，记者从会上获悉。"
    garbled = line.encode("utf-8").decode("gbk", "replace")
    text = "\n".join([garbled] * 6)
    monkeypatch.setattr(mojibake, "_WORK_BUDGET", 2 * len(garbled) + 5)
    out = step_run(text, Config())
    fixed = textfix.result.apply_edits(text, out.edits).split("\n")
    assert fixed[0].startswith("发布时间") and fixed[-1] == garbled  # the first repaired, the last left
    assert any("work cap reached" in n for n in out.notes)
    assert out.metadata["mojibake_work_cap_at"] > 0


def test_span_bookkeeping_matches_the_plain_definitions() -> None:
    import random
    from types import SimpleNamespace

    from textfix.mojibake import _PassMap, _Spans

    def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    def back(start: int, end: int, findings: list) -> tuple[int, int]:
        delta, s_out, e_out = 0, None, None
        for f in findings:
            new_start = f.start + delta
            new_end = new_start + len(f.replacement)
            if s_out is None and start < new_end:
                s_out = f.start if start >= new_start else start - delta
            if e_out is None and end <= new_end:
                e_out = f.end if end > new_start else end - delta
            delta += len(f.replacement) - (f.end - f.start)
        return (start - delta if s_out is None else s_out, end - delta if e_out is None else e_out)

    rng = random.Random(3)
    for _ in range(500):
        spans, kept = _Spans(), []
        for _ in range(15):
            a = rng.randint(0, 30)
            b = a + rng.choice([0, 1, 2, 5])
            assert spans.overlaps(a, b) == any(overlap((a, b), k) for k in kept)
            if not spans.overlaps(a, b):
                spans.add(a, b)
                kept.append((a, b))
        findings, pos = [], 0
        for _ in range(rng.randint(0, 6)):
            pos += rng.randint(0, 4)
            n = rng.randint(0, 4)
            findings.append(SimpleNamespace(start=pos, end=pos + n, replacement="x" * rng.randint(0, 5)))
            pos += n
        pm = _PassMap(findings)  # type: ignore[arg-type]
        for _ in range(10):
            a = rng.randint(0, 40)
            b = a + rng.randint(0, 6)
            assert pm.back(a, b) == back(a, b, findings)


def test_ftfy_peer_suite_at_least_as_many_as_ftfy() -> None:
    cases = _load("ftfy_test_cases.json")
    ours = sum(repair_mojibake(c["original"]) == c.get("fixed-encoding", c["fixed"]) for c in cases)
    theirs = sum(ftfy.fix_encoding(c["original"]) == c.get("fixed-encoding", c["fixed"]) for c in cases)
    assert ours >= theirs


@pytest.mark.parametrize(
    ("garbled", "fixed"),
    [
        ("IL2RÎ³cKO.NOD mice", "IL2RγcKO.NOD mice"),  # Greek inside a Latin word
        ("This is signiп¬Ѓcantly lower", "This is signiﬁcantly lower"),  # ligature via cp1251
        ("◊ë◊î◊ï◊ì◊¢◊î", "בהודעה"),  # Hebrew via MacRoman
        ("Ř±ŘłŘ§Ů„Ř©", "رسالة"),  # Arabic via cp1250
    ],
)
def test_western_text_follows_ftfy_where_no_cjk_is_near(garbled: str, fixed: str) -> None:
    assert repair_mojibake(garbled) == fixed


def test_line_art_is_not_read_as_gbk() -> None:
    # Box drawing alternating with letters decodes to isolated Han characters: line art.
    assert repair_mojibake("├┤a┼┐a┼┐a┼┐a┼┐a") == "├┤a┼┐a┼┐a┼┐a┼┐a"


def test_accented_capital_at_the_start_of_a_line_read_as_gbk() -> None:
    original = "Über allen Gipfeln ist Ruh, in allen Wipfeln spüre"
    garbled = original.encode("utf-8").decode("gbk")
    assert garbled.startswith("脺ber")
    assert repair_mojibake(garbled) == original
    assert repair_mojibake("前言\n" + garbled) == "前言\n" + original


@pytest.mark.parametrize(
    "text",
    [
        "你go没",  # 没 is GBK C3 BB, UTF-8 "û": a Han character after an English word in Chinese
        "我讀master嘅時候",  # 讀 is Big5 C5 AA, UTF-8 "Ū"
        "哦controlcentre.",  # 哦 is GBK C5 B6, UTF-8 "Ŷ": a capital opening a word needs more
        "他说caf茅很好喝。",  # one lone letter in Chinese text: nothing else shows the chain
    ],
)
def test_one_han_character_glued_to_a_latin_word_is_not_one_accented_letter(text: str) -> None:
    assert repair_mojibake(text) == text


@pytest.mark.parametrize(
    ("garbled", "fixed"),
    [
        ("脺ber das", "Über das"),  # 脺 is at the model's floor: Chinese hardly uses it
        ("Das ist sch枚n", "Das ist schön"),  # inside a word
        ("茅videmment", "évidemment"),  # a small letter opening a word in Latin text
        ("他说caf茅 et cr猫me br没l茅e很好喝。", "他说café et crème brûlée很好喝。"),  # shown elsewhere
    ],
)
def test_one_accented_letter_with_evidence_is_repaired(garbled: str, fixed: str) -> None:
    assert repair_mojibake(garbled) == fixed


def test_a_repair_into_squared_symbols_pays_inside_han_prose() -> None:
    # 闕上書 read back from Shift_JIS gives 荏㏑ (U+33D1, a squared "ln"): foreign to this prose.
    from textfix.charmodel import score
    from textfix.mojibake import _FOREIGN_PENALTY, _context_classes, _scored

    text = "欽宗靖康初與陳東等詣闕上書，乞斬蔡京、童貫等六賊。"
    around = _context_classes(text, 9, 12)
    assert _scored("詣荏㏑，", "荏㏑", around).best >= score("詣荏㏑，").best + _FOREIGN_PENALTY
    assert _scored("詣闕上書，", "闕上書", around).best == score("詣闕上書，").best
    assert repair_mojibake(text) == text


def test_a_question_mark_of_the_text_is_not_a_lost_byte() -> None:
    original = "即係有躉office噉呀?"
    garbled = original.encode("utf-8").decode("gbk", errors="replace")
    assert garbled.endswith("?")
    assert repair_mojibake(garbled) == original


# Issue 3 (harm): real sentences garbled through lossy chains. A later pass over the lossy
# repair used to re-read the recovered text beside the lost marks (``罐体本�就`` became
# ``㣑�{�A``, ``辞�，�：`` became ``�펫�C�F``, ``同志`` was dropped).
_LOSSY_SENTENCES = [
    ("烈日炎炎的夏天，罐体本身就如同一个火炉，可还得对它升温", "gbk"),
    ("江泽民等中央领导同志对语言文字工作多", "gbk"),
    ("齐景公赏赐犁弥，犁弥辞谢，说：“有先登城墙的人", "gbk"),
    ("民的共同努力，确保农业增产、农民增收、", "gbk"),
    ("们三位有什么罪？而且我不能用一次的过错来掩盖大", "cp932"),
    ("运动员交流的力度现在还远远不够。", "cp949"),
    ("小人故事,虽然还不至于令我感动到哭泣,但作者写作", "cp949"),
]


def _is_subsequence(part: str, whole: str) -> bool:
    it = iter(whole)
    return all(c in it for c in part)


@pytest.mark.parametrize(("original", "reading"), _LOSSY_SENTENCES)
def test_lossy_repair_gives_only_characters_of_the_original(
    original: str, reading: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textfix import mojibake

    garbled = original.encode("utf-8").decode(reading, errors="replace")
    repaired = repair_mojibake(garbled)
    assert _is_subsequence(repaired.replace("\ufffd", ""), original), repaired
    assert len(repaired.replace("\ufffd", "")) >= len(original) // 3
    monkeypatch.setattr(mojibake, "_MAX_PASSES", 1)
    assert repair_mojibake(garbled) == repaired  # later passes change nothing here
    assert repair_mojibake(repaired) == repaired


def test_lossy_western_text_read_as_big5_is_still_repaired() -> None:
    garbled = "Le préfet a été reçu à la préfecture".encode().decode("big5", errors="replace")
    assert repair_mojibake(garbled) == "Le préfet a été reçu \ufffd la préfecture"


def test_unseen_hangul_syllable_of_common_jamo_costs_less_than_the_floor() -> None:
    ko = charmodel.SCORED.index("ko")
    floor = charmodel.model().floor[charmodel.LANGS.index("ko")]
    common = charmodel.score("믤").costs[ko]  # ㅁ + ㅢ + ㄹ: unseen by the word list
    rare = charmodel.score("뷁").costs[ko]  # ㅂ + ㅞ + ㄺ: rare jamo stay near the floor
    assert common < floor - 3
    assert common < rare <= floor
    # the lower bounds used by the fast path stay lower bounds
    for text in ("믤릔궈 ㅋㅋ", "뷁 ㅠㅠ", "칑九들乙"):
        assert charmodel.cost_floor(text) <= charmodel.cost(text) + 1e-9
        assert charmodel.cost_floor_loose(text) <= charmodel.cost(text) + 1e-9


@pytest.mark.parametrize("reading", ["cp1252", "latin-1", "cp437"])
def test_euc_kr_with_rare_syllables_and_lone_jamo_is_repaired(reading: str) -> None:
    original = "뭥미 ㅋㅋ 진짜"
    garbled = original.encode("cp949").decode(reading)
    assert repair_mojibake(garbled) == original
    assert repair_mojibake(original) == original


@pytest.mark.parametrize("reading", ["sloppy-windows-1252", "latin-1", "cp437"])
@pytest.mark.parametrize("original", ["믜쳤다 ⓐⓑ 넴 뷁뷁", "뀰잼 핵꿀잼 ㉠㉡ 킹받네", "떡볶이 쫄깃쫄깃 꿀맛"])
def test_euc_kr_sentence_inside_korean_is_judged_as_one_chain(reading: str, original: str) -> None:
    """Token by token each run of these falls short of its margin, or fails the token checks
    (circled letters, rare syllables); the stretch as one chain clears one margin."""
    before, after = "오늘은 날씨가 좋다. ", " 그리고 끝."
    garbled = before + original.encode("cp949").decode(reading) + after
    out = step_run(garbled, Config())
    assert apply_edits(garbled, out.edits) == before + original + after
    assert all("euc-kr read as" in e.rule for e in out.edits)
    assert textfix.repair_mojibake(before + original + after) == before + original + after


@pytest.mark.parametrize(
    ("original", "reading"),
    [
        ("옥수수 뎌 쏑", "sloppy-windows-1252"),
        ("옥수수 뎌 쏑", "latin-1"),
        ("옥수수 뎌 쏑", "cp437"),
        ("짱짱 뀨 꺅", "sloppy-windows-1252"),
        ("짱짱 뀨 꺅", "latin-1"),
    ],
)
def test_a_consistent_euc_kr_reading_beats_per_token_winners(reading: str, original: str) -> None:
    """Alone, ``µ®`` reads as Big5, ``Â¯Â`` as UTF-8 and ``›÷`` not at all; every token of
    the stretch reads as EUC-KR. (``›`` is cp1252 only: the latin-1 stretch that stops
    before it is not a reading of the whole run.)"""
    garbled = original.encode("cp949").decode(reading)
    assert repair_mojibake(garbled) == original


def test_a_stretch_of_short_symbols_or_with_a_latin_word_is_not_read_as_one_chain() -> None:
    # Two guillemet pairs read as EUC-KR give katakana: short tokens only, and no Hangul.
    assert repair_mojibake("日本語：«» «» 인용") == "日本語：«» «» 인용"
    # An accented word inside a stretch is a word, not bytes of the stretch's chain.
    for word in ("Málaga", "señor", "naïve", "très"):
        assert word in repair_mojibake(f"中文句子：{word} ×³¡³ ¼¿µ°。")


@pytest.mark.parametrize(
    "garbled",
    [
        "\u00e0\u00b8 \u00e0\u00b8\u00b2\u00e0\u00b8\u00a9",  # Thai UTF-8 as cp1252, its no-break space a space
        "\u00e2\u0080\u009cmismatched quotes\u0085\u0094",  # UTF-8 and C1 controls (ftfy's case)
    ],
)
def test_a_stretch_read_as_a_cjk_codec_does_not_overrule_a_utf8_reading(garbled: str) -> None:
    assert not any(f.chain.split(" read as ")[0] in ("gbk", "big5", "shift_jis", "euc-kr") for f in diagnose(garbled)
                   if f.accepted)


def test_incomplete_tail_regex_drops_what_the_byte_scan_drops() -> None:
    """``_utf8_lossy`` finds a segment's incomplete last sequence with one regex search; it
    must drop exactly what the readable byte-by-byte scan drops, for every short segment."""
    import itertools

    from textfix import mojibake

    alphabet = [0x41, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE4, 0xEF, 0xF0, 0xF4, 0xFE]
    for n in range(6):
        for seq in itertools.product(alphabet, repeat=n):
            seg = bytes(seq)
            m = mojibake._INCOMPLETE_TAIL.search(seg, max(0, len(seg) - 3))
            assert (seg if m is None else seg[: m.start()]) == mojibake._drop_incomplete_tail(seg), seg


@given(st.text(alphabet=st.sampled_from("中文字ｱｲ한국어ab? \u20ac\u00e9\u0416\ufffd国这个똠㐀\U00020000\U0001f600〜～\x80\u00a5\x00"),
               max_size=30))
def test_encode_window_fast_path_matches_per_character_encoding(window: str) -> None:
    """The one-call encode of a window gives the bytes and offsets of encoding it character
    by character (ASCII one byte, half-width kana one byte in Shift_JIS), also where the
    reading's first codec refuses characters (Simplified Han in Big5, Ext. A in GBK, emoji)."""
    from itertools import accumulate

    from textfix import mojibake

    for reading in mojibake._CJK_READINGS:
        chunks = [mojibake._encode_cjk(c, reading) for c in window]
        data, offs = mojibake._encode_window(window, reading)
        assert data == b"".join(chunks)
        assert offs == list(accumulate(map(len, chunks), initial=0))


# Lossy GBK read as cp1252, then UTF-8 read as latin-1 (found by the long hypothesis profile):
# a later pass dropped an ftfy reading of the first characters for an overlapping better one
# and never looked there again, so a second run of the step found it.
_LOSSY_TWO_LAYERS = (
    "ï¿½MË\x86Ã\x8cÃ\x96Ã\x90Â£Â¬Ã\x97Ã\x96Ã\x97Ã\x93â\x84¢Ã\xa0Â£Â¨Â¡Â¶ï¿½VÃ\x81ÃªÂ¼Â¯Â¡Â·Â¾Ã\xadÃ\x92Â»"
    "Ã\x8bÃ\x84Â¡Â¶Ã\x87Ã¯â\x80\x98Ã\x91Â¼Ã\x84Â³Ã\x8aÃ\x97Ã\x93â\x84¢Ã\xa0Â¡Â·Ã\x94Å\xa0Â£Â©Â£Â¬â\x80\x9cP"
    "Ã\x96Ã\x9dÂ£Â¨Â½Ã±Å\x92Ã\x99Â½Â\xadÃ\x8cKÂ£Â©Ã\x88Ã\x8bÂ¡Â£"
)


def test_repair_of_a_lossy_two_layer_chain_is_idempotent() -> None:
    once = repair_mojibake(_LOSSY_TWO_LAYERS)
    assert once.endswith("卷一四《秋懷寄呈子權》詩），揚州（今屬江蘇）人。")
    assert repair_mojibake(once) == once
    assert textfix.mojibake.fast(_LOSSY_TWO_LAYERS, Config()) == once
    assert step_run(once, Config()).edits == []


@given(st.text(alphabet=st.sampled_from("的一是了中国人发布时间鍙戝竷鏃堕棿のはです한국어ÖÐ¹úa é?\ufffd"), max_size=40))
def test_scores_keep_only_pairs_with_a_bonus_and_add_the_same_terms(text: str) -> None:
    """Scoring filters the pairs to those with a bigram bonus in some scored language before
    summing: every cost is exactly the plain sum over all pairs."""
    from itertools import pairwise

    m = charmodel.model()
    cls = m.classes(text)
    shared = sum(m.transition.get(a + b, 0.0) for a, b in pairwise(cls))
    pairs = [a + b for a, b in pairwise(text)]
    got = charmodel.score(text)
    if text and not (m.cjk_keyed and charmodel._CJK_CLASSES.isdisjoint(cls)):
        for i, c in zip(charmodel._SCORED_AT, got.costs, strict=True):
            assert c == sum(m.uni[i][ch] for ch in text) + sum(m.bonus[i].get(p, 0.0) for p in pairs) + shared
    if text:
        zh = charmodel.LANGS.index("zh")
        assert charmodel.cost_under(text) == (
            sum(m.uni[zh][ch] for ch in text) + sum(m.bonus[zh].get(p, 0.0) for p in pairs) + shared)
        assert charmodel.cost_floor(text) == (
            sum(m.uni_min[ch] for ch in text) + sum(m.bonus_min.get(p, 0.0) for p in pairs) + shared)
