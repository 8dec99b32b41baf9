"""detect_script: count-based verdicts."""

from __future__ import annotations

import pytest

from textfix import detect_script
from textfix.script_detect import _specific_sets


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("这是简体中文，我们都喜欢。", "simplified"),
        ("這是繁體中文，我們都喜歡。", "traditional"),
        ("范先生和岳先生是中國人。", "traditional"),  # 范 and 岳 are used in both scripts
        ("中文", "ambiguous"),
        ("hello world", "none"),
        ("", "none"),
        ("図書館に行きます。東京の図書館です。", "none"),  # Japanese
        ("대한민국(大韓民國)의 수도는 서울입니다.", "none"),  # Korean
        ("这是简体，這是繁體，这里有很多人，這裏有很多書，我们们们，們們們", "mixed"),
    ],
)
def test_verdicts(text: str, script: str) -> None:
    assert detect_script(text).script == script


def test_one_stray_character_does_not_make_mixed() -> None:
    text = "这是一篇很长的简体中文文章，讲述了我们的国家和人民的发展。" * 5 + "們"
    info = detect_script(text)
    assert info.script == "simplified"
    assert info.traditional == 1
    assert info.simplified > 20


def test_counts() -> None:
    info = detect_script("們这")
    assert (info.traditional, info.simplified, info.han) == (1, 1, 2)
    assert info.to_dict()["han"] == 2


def test_specific_sets_are_disjoint_and_exclude_shared_characters() -> None:
    trad, simp = _specific_sets()
    assert not trad & simp
    for shared in "中范岳干后里":
        assert shared not in trad and shared not in simp
    assert "們" in trad and "们" in simp


def test_rejects_non_str() -> None:
    with pytest.raises(TypeError):
        detect_script(b"abc")  # type: ignore[arg-type]
