"""Clean real text that the mojibake repair once changed: each must come back unchanged.

Found by ``python -m benchmarks.bench_clean`` over every line of shared/devdata (50,000 clean
lines). Excerpts: Song-dynasty biography from the chinese-poetry collection (MIT licence) and
utterances of the Hong Kong Cantonese Corpus as shipped in pycantonese (CC BY 4.0). Cantonese
mixes Han characters and English words without spaces (``讀master``): a Han character next to
Latin letters is not by itself a sign of UTF-8 read as Big5 or GBK.
"""

from __future__ import annotations

import pytest

import textfix

CLEAN = [
    # A Big5 reading of UTF-8 would make 讀 from the bytes of "Ū"; "Ūmaster" is no word.
    "讀master啊?",
    "讀postgrad呢,係-誒-當然喇,有好多因素要考慮喇.",
    "讀translate呀?",
    "啊,但係佢哋又唔係-即係佢哋咁勁呢讀書,但係佢又唔係-即係aimat去,誒,讀master嗰啲𡃉喎.",
    # A GBK reading of UTF-8 would make 哦 from the bytes of "Ŷ".
    "哦controlcentre.",
    # A Shift_JIS reading would turn 闕上書 into 荏㏑ (a squared "ln" symbol) inside classical prose
    # (the whole line: the window around 闕上書 only opens because of signs further on).
    "高登（？～一一四八），字彥先，學者稱東溪先生，漳浦（今屬福建）人。徽宗宣和間太學生。"
    "欽宗靖康初與陳東等詣闕上書，乞斬蔡京、童貫等六賊。高宗紹興二年（一一三二）舉進士，廷對時力陳時政缺失，"
    "試官忌其直，調富川縣主簿。八年，召赴都堂審察，又上書萬言及時議六篇，秦檜惡其譏己，授靜江府古縣令。"
    "古縣爲檜父舊治，郡守胡舜陟諷爲檜父建祠，拒不應，遂誣以事入靜江獄，會舜陟死而免。十四年，爲潮州歸善令，"
    "因所出秋試題觸怒秦檜，編管容州。十八年卒。著有《東溪集》，已佚。今傳明嘉靖林希元重編本《東溪先生集》，"
    "僅上下兩卷，已非其舊。事見《晦庵集》卷七九《漳州州學東溪先生高公祠記》、《東溪集》附錄《東溪先生言行錄》，"
    "《宋史》卷三九九有傳。　高登詩，以影印文淵閣《四庫全書·東溪集》（據林希元重編本）爲底本，"
    "校以《兩宋名賢小集·東溪集》（簡稱小集本）。另輯得集外詩一首，附於卷末。",
    "就話時話呢我哋嗰陣時-前晚食飯嘅時候呢,噉就有阿艾爾頓喇,Raymond喇,豬仔同埋我四個食飯噉樣.",
]


@pytest.mark.parametrize("text", CLEAN, ids=range(len(CLEAN)))
def test_clean_real_text_is_not_repaired(text: str) -> None:
    assert textfix.repair_mojibake(text) == text
    # diagnose may list candidates it turned down, never one it would apply.
    assert [f for f in textfix.diagnose(text) if f.accepted] == []
