"""The boilerplate step: seeds through the whole pipeline, metadata, spans, modes, content
that looks like chrome but must stay, Traditional/Simplified parity."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import textfix
from textfix import BoilerplateModel, Config, strip_boilerplate
from textfix.pipeline import run_step

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
_WS = re.compile(r"\s+")


def _seed(name: str) -> str:
    return (ROOT / "seeds" / name).read_text(encoding="utf-8")


def _flat(s: str) -> str:
    return _WS.sub("", s)


# --------------------------------------------------------------------------- seeds, whole pipeline


def test_seed_004_chrome_goes_and_metadata_is_data() -> None:
    res = textfix.fix_and_explain(_seed("004_655edb8ce8c911e2.txt"))
    out = res.text
    for chrome in ("歡迎進入", "你現在的位置", "發布日期", "瀏覽次數", "核心提示", "Copyright", "版權所有",
                   "電話:028", "地址:成都市", "技術支持", "ICP備", "公安備案號"):
        assert chrome not in out, chrome
    assert out.startswith("川浙經貿合作交流座談會在蓉召開 把雙方互利合作提升到新的水平\n")
    assert "推動川浙實現優勢互補發展共贏" in out  # a section heading stays
    md = res.metadata
    assert md["date"] == "2016-09-28"
    assert md["source"] == "四川經濟日報"
    assert md["views"] == 426
    assert "蜀ICP備11006773號-9" in md["icp"] and "川公網安備51010602001542號" in md["icp"]
    assert md["copyright"] == "四川省中小企業協會"


def test_seed_002_one_line_is_segmented() -> None:
    res = textfix.fix_and_explain(_seed("002_b17df803f384dc6c.txt"))
    out = res.text
    assert "\n" not in out.strip()
    # The title stays, still separated from the body by the document's own space.
    assert out.startswith("[CFIE]中央企業產業鏈融通發展共鏈行動啟動會在京召開 為貫徹落實黨中央")
    assert out.count("[CFIE]中央企業產業鏈融通發展共鏈行動啟動會在京召開") == 1  # the glued copy went
    for chrome in ("來源:", "網址:", "https://", "圖為", "微信公眾號", "長按識別", "二維碼"):
        assert chrome not in out, chrome
    assert res.metadata["source"] == "中國工經聯"
    assert res.metadata["url"] == "https://mp.weixin.qq.com/s/qcaUJ1IvgZDir_5LClTgsA"
    assert "9月14日,共鏈行動啟動會在京召開。" in out  # the sentence right after a caption stays


def test_removal_between_kept_texts_keeps_a_separator() -> None:
    body = "本次會議共有三百餘人參加，會議討論了產業鏈的協同發展問題，並發布了相關的合作清單。"
    one_line = f"產業鏈協同發展大會在京召開 來源:某某日報 {body}"
    res = textfix.strip_boilerplate(one_line)
    assert res.text == f"產業鏈協同發展大會在京召開 {body}"
    assert res.metadata.source == "某某日報"
    res = textfix.strip_boilerplate(f"產業鏈協同發展大會在京召開\n來源:某某日報\n{body}")
    assert res.text == f"產業鏈協同發展大會在京召開\n{body}"
    # A removal at a line edge needs no separator, and none is added.
    assert all(s.replacement == "" for s in res.spans)


def test_english_source_line_is_kept_as_metadata() -> None:
    text = ("The conference was held in Chengdu on Wednesday, with guests from sixteen countries. "
            "Speakers discussed the railway corridor and new trade routes across the region.\n\n"
            "Original source from Looking West to Chengdu")
    res = textfix.strip_boilerplate(text)
    assert res.metadata.source == "Looking West to Chengdu"
    assert "Original source" not in res.text


def test_seed_001_credits_and_photo_captions() -> None:
    res = textfix.fix_and_explain(_seed("001_99021ccdbd8fdedd.txt"))
    out = res.text
    for chrome in ("李华摄", "王文堃摄", "编辑|张亚兰", "责编", "文 | 融媒体中心", "【有一种甜蜜叫哈密】"):
        assert chrome not in out, chrome
    assert "哈密地处新疆东部" in out
    assert res.metadata["column"] == "有一种甜蜜叫哈密"
    assert res.metadata["editor"] == "张亚兰"


def test_seed_000_follow_prompt_and_account_name_go() -> None:
    out = textfix.fix(_seed("000_23123c674e838cea.txt"))
    for chrome in ("关注公众号", "长按识别二维码", "【协会动态】", "2020-10-16 12:06:56"):
        assert chrome not in out
    assert not out.rstrip().endswith("成都市供应链协会")
    assert out.startswith("共建“成渝双城经济圈现代物流体系”")


def test_seed_003_english_source_line() -> None:
    res = textfix.fix_and_explain(_seed("003_04d536c7ce22d398.txt"))
    assert "Original souce from" not in res.text
    assert "发表时间" not in res.text
    assert res.metadata["date"] == "2020-01-21T14:48"
    assert res.metadata["source"] == "Looking west to Chengdu"
    assert "Strengthen the function of the hub" in res.text


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_explanations_replay_and_name_their_rule(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    res = textfix.fix_and_explain(text)
    assert res.replay(text) == res.text
    removed = [c for c in res.changes if c.step == "boilerplate"]
    assert removed, "every seed carries some chrome"
    for c in removed:
        assert not c.after.strip() and c.category and c.rule and 0 < c.confidence <= 1
    assert textfix.fix(res.text) == res.text  # idempotent


# --------------------------------------------------------------------------- API and modes


def test_spans_cover_every_removed_character() -> None:
    text = _seed("004_655edb8ce8c911e2.txt")
    text = run_step("pinyin", text).text
    res = strip_boilerplate(text)
    kept = []
    pos = 0
    for s in res.spans:
        assert pos <= s.start < s.end <= len(text)
        kept.append(text[pos : s.start])
        pos = s.end
    kept.append(text[pos:])
    assert "".join(kept) == res.text


def test_mark_mode_deletes_nothing_and_reports_spans() -> None:
    text = run_step("pinyin", _seed("004_655edb8ce8c911e2.txt")).text
    removed = strip_boilerplate(text)
    marked = strip_boilerplate(text, boilerplate_mode="mark")
    assert marked.text == text
    assert marked.spans == removed.spans
    res = textfix.fix_and_explain(_seed("004_655edb8ce8c911e2.txt"), boilerplate_mode="mark")
    assert "版權所有" in res.text
    assert not [c for c in res.changes if c.step == "boilerplate"]
    spans = res.metadata["boilerplate_spans"]
    assert spans and {"start", "end", "category", "rule", "confidence"} <= set(spans[0])


def test_min_confidence_keeps_weaker_spans() -> None:
    text = run_step("pinyin", _seed("000_23123c674e838cea.txt")).text
    strict = strip_boilerplate(text, boilerplate_min_confidence=0.9)
    loose = strip_boilerplate(text)
    assert all(s.confidence >= 0.9 for s in strict.spans)
    assert len(strict.spans) < len(loose.spans)


def test_switched_off() -> None:
    text = _seed("004_655edb8ce8c911e2.txt")
    assert "版權所有" in textfix.fix(text, strip_boilerplate=False)


def test_config_validation() -> None:
    with pytest.raises(ValueError, match="boilerplate_min_confidence"):
        Config(boilerplate_min_confidence=2)
    with pytest.raises(TypeError, match="boilerplate_model"):
        Config(boilerplate_model=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        strip_boilerplate(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", " ", "\n\n", "a", "版权所有", "|||", "【】", "http://", "来源:", "\u3000\u3000"])
def test_degenerate_inputs(text: str) -> None:
    res = strip_boilerplate(text)
    assert len(res.text) <= len(text)


# --------------------------------------------------------------------------- content that must stay

ARTICLE = (
    "本报讯（记者王明）9月14日，市政府召开新闻发布会，介绍今年以来全市经济运行情况。发布会上，"
    "市统计局负责人表示，前三季度全市地区生产总值同比增长5.2%，增速比上半年加快0.4个百分点。\n\n"
    "今年以来，全市上下坚持稳中求进工作总基调，持续推动经济高质量发展，各项主要指标稳中有升。"
    "工业生产较快增长，服务业持续恢复，消费市场回暖明显，就业形势总体稳定。\n"
)

KEEP = {
    "qr_article": (
        "扫码支付的安全隐患\n\n"
        "近年来，二维码支付已经成为日常消费的主要方式。专家提醒，市民在扫描二维码前应核实来源，"
        "不要随意扫描来历不明的二维码，也不要在陌生页面输入银行卡密码。\n\n"
        "警方介绍，不法分子常把伪造的二维码贴在共享单车和停车缴费牌上，诱导市民扫码付款。\n"
    ),
    "policy_page": (
        "网站版权与隐私政策\n\n"
        "本网站所载文字、图片等内容的著作权归原作者所有，任何单位和个人转载时应当注明出处，"
        "并不得对作品进行修改。本网站尊重并保护所有使用服务用户的个人隐私权。\n\n"
        "为了给您提供更准确、更有个性化的服务，本网站会按照本隐私权政策的规定使用和披露您的个人信息。\n"
    ),
    "gov_notice": (
        "关于做好2024年度统计年报工作的通知\n\n"
        "各区县统计局，市直各有关部门：\n\n"
        "为做好2024年度统计年报和2025年定期统计报表布置工作，现将有关事项通知如下。"
        "各单位要高度重视，按时报送数据，确保数据真实准确。\n\n"
        "附件：2024年度统计年报报表目录\n\n"
        "市统计局\n\n"
        "2024年11月20日\n"
    ),
    "dateline": ARTICLE,
    "interview": (
        "记者：这次改革的重点是什么？\n\n"
        "张明：重点是简化审批流程，让企业少跑腿。我们把原来需要二十个工作日的事项压缩到五个工作日，"
        "并且全部可以在网上办理。\n\n"
        "记者：企业反响如何？\n\n"
        "张明：企业普遍反映办事方便了，我们也会继续听取意见，不断改进服务。\n"
    ),
    "poem": "静夜思\n\n床前明月光\n疑是地上霜\n举头望明月\n低头思故乡\n",
    "list": "购物清单\n\n苹果\n香蕉\n牛奶\n面包\n鸡蛋\n",
    "traditional_article": (
        "香港特區政府今日公布最新經濟數據，第三季本地生產總值按年上升百分之二點八。"
        "政府發言人表示，訪港旅客人數持續回升，零售業銷貨價值亦錄得增長。\n\n"
        "發言人補充，外圍環境仍然充滿挑戰，政府會密切留意經濟情況。\n"
    ),
    "english": (
        "The city council approved the new budget on Tuesday after a long debate. "
        "Members agreed to spend more on public transport and less on road building.\n\n"
        "The mayor said the plan would cut traffic and improve air quality over the next five years.\n"
    ),
}


@pytest.mark.parametrize("name", sorted(KEEP))
def test_clean_content_survives(name: str) -> None:
    text = KEEP[name]
    res = strip_boilerplate(text)
    assert res.text == text, [(s.rule, text[s.start : s.end]) for s in res.spans]
    assert textfix.fix(text) == textfix.fix(textfix.fix(text))


def test_chrome_around_an_article_goes_but_article_stays() -> None:
    page = (
        "首页 | 新闻 | 财经 | 体育 | 联系我们\n\n"
        "当前位置：首页 > 新闻中心 > 本地新闻\n\n"
        "前三季度全市经济稳中有升\n\n"
        "发布时间：2024-10-20 09:30  来源：市统计局  浏览次数：1,234\n\n"
        + ARTICLE
        + "\n责任编辑：李华\n\n"
        "相关新闻\n\n全市工业生产较快增长\n\n消费市场持续回暖\n\n"
        "版权所有：某某市人民政府 技术支持：某某网络公司\n\n"
        "京ICP备12345678号-1 京公网安备11010502030143号\n"
    )
    res = strip_boilerplate(page)
    assert _flat(ARTICLE) in _flat(res.text)
    assert res.text.startswith("前三季度全市经济稳中有升\n\n本报讯")
    for chrome in ("联系我们", "当前位置", "浏览次数", "责任编辑", "相关新闻", "消费市场持续回暖", "版权所有", "ICP"):
        assert chrome not in res.text, chrome
    md = res.metadata
    assert (md.title, md.date, md.source, md.views, md.editor) == (
        "前三季度全市经济稳中有升", "2024-10-20T09:30", "市统计局", 1234, "李华")
    assert md.copyright == "某某市人民政府"
    assert "京ICP备12345678号-1" in md.icp
    cats = {s.category for s in res.spans}
    assert {"navigation", "breadcrumb", "metadata", "credits", "related_links", "footer_copyright", "icp_filing"} <= cats


def test_traditional_and_simplified_pages_get_the_same_spans() -> None:
    simp = "当前位置：首页 > 新闻\n\n发布日期：2020-01-01 来源：新华社\n\n" + ARTICLE + "\n版权所有：新华网\n"
    trad = "當前位置：首頁 > 新聞\n\n發布日期：2020-01-01 來源：新華社\n\n" + ARTICLE + "\n版權所有：新華網\n"
    s, t = strip_boilerplate(simp), strip_boilerplate(trad)
    assert [(x.start, x.end, x.rule) for x in s.spans] == [(x.start, x.end, x.rule) for x in t.spans]
    assert s.spans and t.metadata.source == "新華社" and t.metadata.copyright == "新華網"


POINTS = (
    "监管方从年初就在酝酿针对数据公司的整顿清理，这次应该是大动作。",
    "大数据对于现金贷平台而言是命门，没有了数据做支撑，他们就无法放贷。",
)


def _story(repeat_points: bool) -> str:
    later = POINTS if repeat_points else ("行业人士普遍认为，整顿还会持续相当长的一段时间。", "多家平台表示将主动调整业务。")
    return (
        "数据业大整顿\n\n划重点：\n\n" + "\n\n".join(POINTS) + "\n\n" + ARTICLE + "\n"
        + "一位接近监管的人士表示，" + later[0] + "他还说，" + later[1] + "\n"
    )


def test_a_summary_box_repeated_by_the_article_goes() -> None:
    res = strip_boilerplate(_story(repeat_points=True))
    assert "划重点" not in res.text and POINTS[0] not in res.text.split("\n\n")[1]
    assert {s.category for s in res.spans} == {"duplicate"}
    assert _flat(ARTICLE) in _flat(res.text)


def test_a_summary_box_the_article_does_not_repeat_stays() -> None:
    text = _story(repeat_points=False)
    assert strip_boilerplate(text).text == text


def test_wechat_account_card_goes_with_its_description() -> None:
    text = ("一日一技：延迟调用\n\n未闻Code\n\n微信号\n\nitskingname\n\n功能介绍\n\n"
            "博主喜欢Python和爬虫，已经出了两本书。关注这个公众号，你的效率会提高。\n\n" + ARTICLE)
    res = strip_boilerplate(text)
    assert "博主喜欢" not in res.text and "功能介绍" not in res.text
    assert _flat(ARTICLE) in _flat(res.text)


def test_a_table_inside_an_article_stays() -> None:
    """Rows of short cells between two parts of an article are content, not a menu."""
    before = ("Since 1951, only a few sitting members of Congress have switched parties, and most of them "
              "did so because the voters at home had changed their minds about the party they belonged to. "
              "The table below lists every one of them, with the year of the switch and the chamber.")
    after = ("Electoral calculations seem to have guided many of these decisions, too: members were more likely "
             "to switch when they represented areas where their old party was losing ground, and most of them "
             "went on to win their next election under the new label, which is what made the move worth it.")
    rows = "\n".join(f"Member {i}\nOR\nSenate\nR to D\n{1950 + i}" for i in range(12))
    text = "Party switchers are rare\n\n" + before + "\n\n" + rows + "\n\n" + after + "\n"
    res = strip_boilerplate(text)
    assert res.text == text, [(s.rule, text[s.start : s.end][:30]) for s in res.spans]


def test_verse_is_not_a_menu() -> None:
    poem = "\n".join(["从生活的缝隙间", "生出的不起眼的蒲公英", "开得那么认真和坦荡", "黄得像黄土层",
                      "黄得像黄河浪", "以一个民族庄严的肤色", "开放在陕北春天的身旁", "轻轻摇曳在春风里"])
    text = ARTICLE + "\n" + poem + "\n"
    assert strip_boilerplate(text).text == text


def test_english_dates_photo_credits_and_promos() -> None:
    body = ("Sen. Joe Manchin told reporters on Wednesday that suggestions he would leave his party were wrong, "
            "and he repeated that he wanted to keep negotiating with the leaders of his party in the Senate.\n\n"
            "A switch would scramble the status quo in the Senate, where the two parties hold the same number of "
            "seats, and it could give the other party control of the chamber for the rest of the term.\n")
    more = ("Party switches are rare: since 1951 only a few dozen members of Congress have changed parties "
            "while in office, and most of them did so when the voters at home had already moved.\n")
    text = ("Could Manchin Leave The Party?\n\nOct. 25, 2021,\n\nat\n\n6:00 AM\n\n"
            "Jabin Botsford / The Washington Post / Getty Images\n\n" + body
            + "\nAmericans Don't Trust Their Maps. Can Anything Change That? Read more. »\n\n" + more)
    res = strip_boilerplate(text)
    for chrome in ("Oct. 25", "6:00 AM", "Getty Images", "Read more"):
        assert chrome not in res.text, chrome
    assert _flat(body) in _flat(res.text) and _flat(more) in _flat(res.text)


def test_bylines_and_source_date_lines() -> None:
    text = ("数据业大整顿\n\n金融市场棱镜2019-09-23 07:48\n\n《棱镜》作者 周纯\n\n" + ARTICLE)
    res = strip_boilerplate(text)
    assert res.text.startswith("数据业大整顿\n\n本报讯"), res.text[:40]
    assert res.metadata.date == "2019-09-23T07:48"
    text = "英国美女转行当美人鱼\n\n加拿大必读\n\n发布时间：2019-10-08 12:00\n\n" + ARTICLE
    res = strip_boilerplate(text)
    assert "加拿大必读" not in res.text and res.text.startswith("英国美女转行当美人鱼\n\n本报讯")


def test_spaced_icp_numbers_comment_threads_and_platform_notices() -> None:
    text = (
        "京沪高速部分路段封闭施工\n\n" + ARTICLE + "\n来源：无锡交警\n\n"
        "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台用户上传并发布，本平台仅提供信息存储服务。\n\n"
        "跟贴\n\n微软小冰[网易北京手机网友]2019-05-17 20:33:49\n\n大家注意安全\n\n"
        "© 2019 无码科技（杭州）有限公司浙 ICP 备 17005035 号 -1\n"
    )
    res = strip_boilerplate(text)
    assert res.text == "京沪高速部分路段封闭施工\n\n" + ARTICLE, res.text[-80:]
    assert res.metadata.icp == "浙 ICP 备 17005035 号 -1"
    # the ICP number alone goes, not the company name glued before it
    line = "本站由某某信息技术有限公司浙ICP备17005035号运营维护，欢迎各位读者来信来稿，我们将认真阅读每一封来信。"
    spans = strip_boilerplate(ARTICLE + "\n" + line + "\n").spans
    assert any(s.rule == "re.icp" for s in spans)
    assert all(not (ARTICLE + "\n" + line)[s.start : s.end].startswith("司") for s in spans)


def test_prose_spaced_after_commas_is_not_cut_into_menu_items() -> None:
    """Pages that put a space after each comma ("退休了， 作为…") keep their short headings."""
    before = ("杭州市学军中学校长陈立群要退休了， 作为全国重点高中校长， 他来到贵州台江县， "
              "当这个国家级贫困县唯一一所中学的校长， 开出的唯一条件是解决吃住， 分文不取。\n"
              "这是所高考成绩在全州垫底的学校， 三千多名学生只有一个食堂， 几十个人挤在一间宿舍。\n")
    after = ("朱华彬和宏志班的同学一起去看望校长时， 看到了苗族孩子身上那种想要改变命运的眼神， "
             "于是他们决定成立助学基金， 以帮助更多的孩子实现求学梦。\n"
             "陈校长当年用心呵护的幼苗已经长大， 他唤醒的不只是孩子们的宏图大志， 更是他们心中的爱。\n")
    text = ARTICLE + before + "5\n反哺这个时代\n当年的宏志生在回报\n" + after
    assert strip_boilerplate(text).text == text


def test_a_title_printed_twice_with_a_space_inside_goes_once() -> None:
    title = "中国人习以为常的地方 为何老外却说“了不得”？"
    text = f"{title}\n\n{title}\n\n2019年11月25日 18:57\n\n" + ARTICLE
    res = strip_boilerplate(text)
    assert res.text.count("为何老外") == 1 and res.text.startswith(title)
    assert any(s.rule == "dup.title" for s in res.spans)


_MEETING = ("5月11日上午，年会在西南大学圆顶报告厅举行。来自全国各地的专家学者围绕大会主题开展了学术报告、"
            "学术对话和开放性论坛，并在闭幕式上为获奖的青年学者颁发了证书。")
_SECOND = ("会后举行了专题研讨会，与会代表就学科建设、人才培养和区域合作等议题深入交流，"
           "提出了许多有价值的建议，为下一届年会的筹备工作打下了良好基础。")


def test_a_caption_naming_the_scene_after_its_paragraph_goes() -> None:
    """A photo caption without a credit: a short line after the paragraph it illustrates that
    names a scene (现场, 仪式, 合影, 签署…协议) or repeats a name the paragraph just said."""
    third = ("本次年会共收到学术论文三百余篇，设立了九个分会场，会议期间还组织了野外考察活动，"
             "参会代表普遍认为会议内容丰富、组织周到、收获很大。")
    text = f"年会在重庆举行\n\n{_MEETING}\n\n西南大学圆顶报告厅\n\n{_SECOND}\n\n研讨会现场\n\n{third}\n"
    res = strip_boilerplate(text)
    assert "研讨会现场" not in res.text and "报告厅\n" not in res.text
    assert all(p in res.text for p in (_MEETING, _SECOND, third))
    assert {s.rule for s in res.spans} == {"shape.caption_scene"}
    trad = strip_boilerplate(text.replace("研讨会现场", "研討會現場"))
    assert "研討會現場" not in trad.text


@pytest.mark.parametrize("heading", [
    "年会开幕仪式",  # the paragraph below opens by naming it
    "第二章 签约仪式",  # numbered
    "——在年会开幕式上的讲话",  # a subtitle
    "青年学者接受颁奖并合影\n本报记者王明",  # a headline over its byline
])
def test_headings_that_look_like_captions_stay(heading: str) -> None:
    below = "年会开幕仪式在西南大学举行，" + _SECOND if heading == "年会开幕仪式" else _SECOND
    text = f"年会在重庆举行\n\n{_MEETING}\n\n{heading}\n\n{below}\n"
    res = strip_boilerplate(text)
    assert _flat(heading) in _flat(res.text)


def test_a_headline_over_a_dateline_stays() -> None:
    text = f"{_MEETING}\n山东鲁能泰山足球俱乐部揭牌\n本报济南１月５日电记者王霞光报道：" + _SECOND + "\n"
    assert "山东鲁能泰山足球俱乐部揭牌" in strip_boilerplate(text).text


def test_an_end_mark_closes_the_article_and_a_teaser_feed_below_goes() -> None:
    """"- THE END -" ends the article even when a feed of teasers below (headline, snippet
    sentences, counters) outweighs it; the feed goes after its heading, hashtags and a tip
    prompt go too, and bulleted headline lists outside the article go as link lists."""
    teasers = "".join(
        f"第{k}条新闻标题：某地发生新变化\n记者从有关部门获悉，当地第{k}项工程已经全面完工，"
        f"预计下月正式投入使用，将惠及周边数万居民的日常出行。\n{k * 7}\n{k}\n{k * 3}\n"
        for k in range(1, 9)
    )
    bullets = "".join(f"· 第{k}条热点：国庆返程后怎么办？多地紧急提醒\n" for k in range(1, 5))
    text = (f"今日视点\n{bullets}某地新建工程全面完工\n{_MEETING}\n{_SECOND}\n- THE END -\n"
            f"#工程建设#民生\n文章很值，打赏犒劳作者一下\n最热文章\n{teasers}")
    res = strip_boilerplate(text)
    assert _MEETING in res.text and _SECOND in res.text and "某地新建工程全面完工" in res.text
    for gone in ("THE END", "#工程建设", "打赏", "最热文章", "第3条新闻标题", "第5项工程", "· 第2条热点"):
        assert gone not in res.text, gone
    assert {"re.end", "re.tags", "kw.ui.tip", "shape.bullet_list"} <= {s.rule for s in res.spans}


# --------------------------------------------------------------------------- cross-document model


TITLES = ["春季工作简报发布", "协会召开理事会议", "行业调研报告出炉", "会员服务月启动", "专题培训圆满结束",
          "年度表彰名单公布", "新会员入会仪式举行", "秘书处工作总结会", "协会换届选举完成", "行业标准研讨会召开"]


def _site_page(i: int) -> str:
    return (
        "某某协会网站\n\n协会概况\n\n新闻中心\n\n"
        f"{TITLES[i]}\n\n"
        f"本期简报介绍了协会第{i}季度开展的各项工作，包括会员走访、行业调研和专题培训等内容，"
        "协会秘书处将继续做好会员服务工作。会员单位对本期活动给予了积极评价，并提出了进一步改进的建议。\n\n"
        "协会地址见官网\n"
    )


def test_model_learns_site_chrome_and_round_trips(tmp_path: Path) -> None:
    pages = [_site_page(i) for i in range(1, 6)]
    model = BoilerplateModel.learn(pages, min_docs=3)
    assert model.is_repeated("协会概况") and not model.is_repeated(TITLES[1])
    path = tmp_path / "site.json"
    model.save(path)
    loaded = BoilerplateModel.load(path)
    assert loaded.is_repeated("新闻中心") and loaded.documents == 5
    page = _site_page(9)
    without = strip_boilerplate(page)
    with_model = strip_boilerplate(page, boilerplate_model=str(path))
    assert "协会地址见官网" in without.text
    assert "协会地址见官网" not in with_model.text
    assert "本期简报介绍了协会第9季度" in with_model.text and TITLES[9] in with_model.text
    assert any(s.rule == "model.repeated" for s in with_model.spans)


def test_model_ignores_repeated_sentences(tmp_path: Path) -> None:
    shared = "本网站所有内容均经过审核，如有疑问请与我们联系，我们将在三个工作日内答复。"
    pages = [f"标题{i}\n\n{shared}\n\n第{i}篇正文内容，讲述协会近期开展的工作和取得的成效，内容很长很长。\n" for i in range(5)]
    model = BoilerplateModel.learn(pages, min_docs=3)
    assert not model.is_repeated(shared)  # sentence-like lines are never learned as chrome


def test_model_rejects_foreign_files(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a textfix boilerplate model"):
        BoilerplateModel.load(bad)


def test_model_learning_command(tmp_path: Path) -> None:
    from textfix.boilerplate_model import main

    files = []
    for i in range(5):
        p = tmp_path / f"page{i}.txt"
        p.write_text(_site_page(i), encoding="utf-8")
        files.append(str(p))
    jsonl = tmp_path / "pages.jsonl"
    jsonl.write_text("".join(f'{{"text": {json.dumps(_site_page(i), ensure_ascii=False)}}}\n' for i in range(5, 8)),
                     encoding="utf-8")
    out = tmp_path / "model.json"
    assert main([str(out), *files, str(jsonl), "--min-docs", "4"]) == 0
    model = BoilerplateModel.load(out)
    assert model.documents == 8 and model.min_docs == 4 and model.is_repeated("协会概况")


def test_reading_bar_copy_goes_and_the_title_stays() -> None:
    title = "儿歌一分钱被改成一元钱 原作者女儿：改成这样不觉得拗口吗？"
    body = ("近日，一张截图在朋友圈流传，那首著名的儿童歌曲被改了名字，有人感叹时光飞逝，也有人质疑这样改编经典是不是恶搞。"
            "记者采访了原作者的家人，她说这首歌写的是孩子天真无邪，跟物价飞涨没有什么关系。")
    text = f"首页\n\n正在阅读：{title}\n\n一键登录\n\n{title}\n\n2019-09-07 19:02\n\n{body}\n\n{body}\n"
    res = strip_boilerplate(text)
    assert res.text.startswith(title + "\n")
    assert "正在阅读" not in res.text
    assert any(s.category == "duplicate" and text[s.start : s.end].startswith("正在阅读") for s in res.spans)


def test_lead_stitched_from_later_clauses_is_a_duplicate() -> None:
    later = ("女儿是南艺老师，也是长笛演奏家。“改成这样，唱起来不觉得拗口吗？我觉得，对这样的恶搞不用去理会。"
             "我理解大家是用这个来搞笑或者调侃，把它变成一种段子，但现在我们有时候，并不尊重自己的经典文化，"
             "随意就去丑化或者消解掉，但又缺乏原创的能力，这并不值得提倡。”采访中，不少音乐创作者都表达了此类看法。")
    lead = ("原作者女儿表示，改成这样，唱起来不觉得拗口吗？我理解大家是用这个来搞笑或者调侃，把它变成一种段子，"
            "但现在我们有时候，并不尊重自己的经典文化，随意就去丑化或者消解掉，但又缺乏原创的能力，这并不值得提倡。")
    other = "近日，一张截图在朋友圈流传，那首著名的儿童歌曲被改了名字，有人感叹时光飞逝，也有人质疑这样改编经典是不是恶搞。"
    text = f"儿歌一分钱被改成一元钱\n\n2019-09-07 19:02 来源：扬眼\n\n{lead}\n\n{other}\n\n{later}\n"
    res = strip_boilerplate(text)
    assert lead not in res.text and later in res.text and other in res.text
    assert any(s.rule == "dup.summary_clauses" for s in res.spans)


def test_a_report_quoting_a_speech_many_paragraphs_later_is_not_a_repeated_lead() -> None:
    speech = ("值此新年到来之际，我代表学校领导班子，向全体教职员工，向辛勤工作的后勤人员，"
              "向关心和支持学校发展的各界朋友，表示良好的祝愿！祝大家新年快乐！")
    filler = [f"第{n}段讲话回顾了过去一年学校在教学、科研和社会服务方面取得的进展，并提出了新一年的工作目标。"
              for n in range(12)]
    report = ("校长在茶话会上说，值此新年到来之际，我代表学校领导班子，向全体教职员工，向辛勤工作的后勤人员，"
              "向关心和支持学校发展的各界朋友，表示良好的祝愿，祝大家新年快乐。")
    text = "新年致辞\n\n" + "\n\n".join([speech, *filler, report]) + "\n"
    res = strip_boilerplate(text)
    assert speech in res.text and report in res.text
    assert not any(s.rule == "dup.summary_clauses" for s in res.spans)


def test_formulaic_clauses_are_not_a_repeated_lead() -> None:
    entries = [f"釋{n}，住{p}寺。爲南嶽下十六世，大溈月庵善果禪師法嗣。《嘉泰普燈錄》卷二一、《五燈會元》卷二○有傳。今錄詩{k}首。"
               for n, p, k in (("宗璉", "玉泉", "九"), ("行", "大溈", "一"), ("德淳", "泐潭", "二"), ("祖璿", "石亭", "八"))]
    text = "\n".join(entries) + "\n"
    res = strip_boilerplate(text)
    assert res.text == text and not res.spans


def test_three_verse_lines_below_an_article_are_not_a_menu() -> None:
    article = ("今年的文艺副刊收到了大量来稿，编辑部从中挑选了几篇有代表性的作品刊登出来，"
               "希望读者能够喜欢，也欢迎大家继续投稿，共同把副刊办得更好。") * 3
    verse = "秦皇战车碾过的大道旁\n像一支苦调歌谣\n像一盏黄晕的灯光"
    text = f"{article}\n{verse}\n"
    res = strip_boilerplate(text)
    assert verse in res.text


def test_a_terse_poem_below_an_article_is_not_a_menu() -> None:
    article = ("今年的文艺副刊收到了大量来稿，编辑部从中挑选了几篇有代表性的作品刊登出来，"
               "希望读者能够喜欢，也欢迎大家继续投稿，共同把副刊办得更好。") * 3
    # half of the lines carry no function word: images, a title, the poet's name
    poem = "\n\n".join(["河边的柳树", "陈小明", "风吹过堤岸", "柳枝轻轻摇摆", "远处一只白鹭",
                        "落在浅滩", "春水慢慢涨起", "我们沿河走着", "没有说话", "夕阳照着归路"])
    text = f"{article}\n\n{poem}\n"
    res = strip_boilerplate(text)
    assert res.text == text and not res.spans


def test_a_chapter_heading_that_a_table_of_contents_lists_stays_in_the_article() -> None:
    chapters = ["第一章总则", "第二章经营者的价格行为", "第三章政府的定价行为", "第四章价格总水平调控",
                "第五章法律责任", "第六章附则"]
    body = []
    for k, heading in enumerate(chapters, 1):
        body.append(heading)
        body += [f"第{k}{j}条为了规范市场行为，保护消费者的合法权益，经营者应当遵守本章的各项规定，"
                 "并接受有关部门依法实施的监督检查。" for j in range(1, 4)]
    text = "\n\n".join(["目录", *chapters, *body]) + "\n"
    res = strip_boilerplate(text)
    # the table of contents goes as navigation (with the first heading, right below it); a
    # heading it lists is not a second copy of the title where the article repeats it
    assert all(s.category != "duplicate" for s in res.spans)
    for k, heading in enumerate(chapters[1:], 2):
        assert f"{heading}\n\n第{k}1条" in res.text


_EN_BODY = ("Millions of travelers faced long delays on Wednesday as a storm system moved east across the "
            "country, bringing snow and freezing rain to several of the busiest airports in the region. ") * 3


@pytest.mark.parametrize(("dateline", "iso"), [
    ("November 28, 2013 -- Updated 0203 GMT (1003 HKT)", "2013-11-28"),
    ("Nov. 2, 2023 3:53 PM EDT", "2023-11-02T15:53"),
    ("Published: 4th March 2026", "2026-03-04"),
    ("Posted at 2013-12-30T14:42:01-0700", "2013-12-30T14:42:01"),
])
def test_an_english_dateline_goes_as_an_iso_date(dateline: str, iso: str) -> None:
    page = f"Storm threatens holiday travel across the country\n{dateline}\n{_EN_BODY}\n"
    r = strip_boilerplate(page)
    assert r.metadata.date == iso
    assert dateline not in r.text and _EN_BODY.strip() in r.text


def test_a_byline_with_a_date_gives_the_name_and_the_date() -> None:
    page = f"Storm threatens holiday travel across the country\nBy Jane Smith • 15 January 2020\n{_EN_BODY}\n"
    r = strip_boilerplate(page)
    assert r.metadata.author == "Jane Smith" and r.metadata.date == "2020-01-15"


def test_an_impossible_date_is_not_reported() -> None:
    page = f"Storm threatens holiday travel across the country\nFebruary 30, 2020\n{_EN_BODY}\n"
    assert strip_boilerplate(page).metadata.date is None


def test_english_notices_and_footers_go_whole() -> None:
    cookie = ("We use cookies and other tracking technologies to improve your browsing experience on our site, "
              "show personalized content and targeted ads, analyze site traffic, and understand where our "
              "audiences come from. To learn more or opt out, please read our policy. By choosing I Accept, "
              "you consent to our use of cookies and other tracking technologies on this website and in apps.")
    rights = ("© 2023 Example Media Group. All rights reserved. Use of this site constitutes acceptance of our "
              "User Agreement and Privacy Policy and Cookie Statement. The material on this site may not be "
              "reproduced, distributed, transmitted, cached or otherwise used, except with the prior written "
              "permission of Example Media Group. Ad Choices and affiliate links apply across the whole site.")
    signup = "By signing up, you agree to our Privacy Policy and European users agree to the data transfer policy."
    page = "\n\n".join(["Storm threatens holiday travel across the country", _EN_BODY, "Editor's Picks",
                        "The best winter boots for walking in the city", "How airports prepare for snow",
                        signup, rights, cookie]) + "\n"
    r = strip_boilerplate(page)
    assert len(cookie) > 300 and len(rights) > 300
    for chrome in (cookie, rights, signup, "How airports prepare for snow"):
        assert chrome not in r.text
    assert _EN_BODY.strip() in r.text


def test_an_english_photo_credit_line_is_a_caption_and_a_tax_credit_stays() -> None:
    caption = "Travelers wait at the gate before the storm. Photograph: Jane Doe/Getty Images"
    listed = "Tax credit: a reduction of the tax owed by families with children under six"
    more = ("Airlines said they expected most flights to leave on time by Thursday morning, although "
            "travelers heading north were told to check the status of their flights before leaving home.")
    page = "\n\n".join(["Storm threatens holiday travel across the country", caption, _EN_BODY, listed,
                        more]) + "\n"
    r = strip_boilerplate(page)
    assert caption not in r.text and listed in r.text and more in r.text
    assert any(s.category == "caption" for s in r.spans)
    credit_only = "Travelers wait at the gate before the storm. Jane Doe/Getty Images"
    r = strip_boilerplate(page.replace(caption, credit_only))
    assert credit_only not in r.text and listed in r.text


def test_prose_written_with_spaces_for_commas_is_not_a_menu() -> None:
    # blogs and forums often write clauses separated by spaces and line breaks, with no commas
    post = "\n\n".join([
        "一大早出門天氣還有點冷 我們沿著山路慢慢往上開",
        "路邊的楓樹已經轉紅了 一片一片掛在枝頭上",
        "到了營地才發現人不多 找了一個靠近溪邊的位置",
        "孩子們一下車就跑去玩水 大人們忙著搭帳篷",
        "晚上在營火旁邊聊天 看著滿天的星星覺得很放鬆",
        "第二天早上被鳥叫聲吵醒 收拾好東西就準備下山了",
    ])
    menu = "\n\n".join(["首頁", "旅遊", "美食", "露營", "相簿", "留言板"])
    comment = ("好美的地方啊！下次也想帶家人去看看，請問營地需要提前多久預約呢？謝謝分享這麼詳細的介紹，"
               "照片也拍得很漂亮，讓人很想馬上出發。") * 3
    page = f"{menu}\n\n{post}\n\n{comment}\n"
    r = strip_boilerplate(page)
    assert post in r.text
    assert "留言板" not in r.text


def test_a_feed_of_truncated_teasers_below_an_english_article_goes() -> None:
    teasers = []
    for title, summary in (("Ports reopen after the storm", "Shipping companies said on Monday that most container"),
                           ("Rail strike called off", "Union leaders reached an agreement late on Sunday night after"),
                           ("Airport adds winter flights", "The airport announced twelve new routes for the coming")):
        teasers += [title, summary + "..."]
    bar = ["Share this story", "Follow us on Twitter"]
    page = "\n\n".join(["Storm threatens holiday travel across the country", _EN_BODY, *bar, *teasers]) + "\n"
    r = strip_boilerplate(page)
    assert r.text.strip() == "\n\n".join(["Storm threatens holiday travel across the country", _EN_BODY]).strip()
    assert "shape.truncated_teaser" in {s.rule for s in r.spans}


def test_chinese_posts_that_trail_off_with_dots_keep_their_lines() -> None:
    post = ("今天去了海邊，風很大，浪也很大，我們在沙灘上走了很久，撿了很多貝殼，孩子們玩得很開心。" * 2 + "\n\n"
            + "\n\n".join(["晚上吃了海鮮...真的好好吃", "明天還想再來...", "可惜假期只有三天..."]) + "\n")
    assert strip_boilerplate(post).text == post


def test_a_code_listing_in_a_blog_post_is_not_a_menu() -> None:
    intro = "这篇文章记录一下在服务器上部署监控服务的过程，主要用到了容器，步骤不复杂，但有几个参数需要注意。"
    code = "\n\n".join(["# 查看日志", "docker logs app", "# 重启", "docker restart app", "# 进入容器",
                       "docker exec -it app sh", "sleep 5", "exit"])
    outro = "启动之后在浏览器里打开三千端口就能看到登录页面，默认的用户名和密码都是admin，第一次登录会要求修改密码。"
    last = "如果容器没有正常启动，可以先看日志里的报错信息，大多数情况是端口被占用或者挂载的目录没有写权限。"
    text = "\n\n".join([intro * 2, outro * 2, last, code]) + "\n"  # the listing closes the post
    res = strip_boilerplate(text)
    assert res.text == text and not res.spans


def test_a_list_of_titles_each_opening_with_its_date_below_the_article_goes() -> None:
    article = ("市政府今天召开新闻发布会，介绍了今年前三季度全市经济运行情况，主要指标保持平稳增长，"
               "就业形势总体稳定，居民收入稳步提高。") * 3
    items = ["2021-01-19冬季如何预防感冒？医生给出几点建议", "2021-01-18老人晨练要注意保暖",
             "2021-01-18儿童近视的早期信号有哪些", "2021-01-17吃完饭马上躺下好不好",
             "2021-01-16春节前后的饮食安排"]
    page = "\n\n".join([article, *items]) + "\n"
    r = strip_boilerplate(page)
    assert r.text.strip() == article
    assert {s.rule for s in r.spans} == {"shape.dated_list"}


_EN_TITLES = ["Microsoft pushes its cloud services to retailers", "How one small company turns carbon into soap",
              "Canada leads the way in carbon capture projects"]


def test_english_headlines_below_the_page_chrome_are_a_related_list() -> None:
    page = "\n\n".join(["Storm threatens holiday travel across the country", _EN_BODY, "Share this story",
                        "Follow us on Twitter", *_EN_TITLES]) + "\n"
    r = strip_boilerplate(page)
    assert r.text.strip() == "\n\n".join(["Storm threatens holiday travel across the country", _EN_BODY]).strip()


def test_a_list_right_below_the_last_paragraph_is_the_articles_own() -> None:
    points = ["Check the status of your flight before leaving home", "Pack warm clothes and a phone charger",
              "Leave extra time for security lines at the airport"]
    page = "\n\n".join(["Storm threatens holiday travel across the country", _EN_BODY, *points]) + "\n"
    r = strip_boilerplate(page)
    assert all(p in r.text for p in points)


def test_a_page_control_label_alone_on_its_line_does_not_take_the_article_below() -> None:
    first = "北京商报讯（记者 王小明 李华）"
    body = ("5月20日，国家统计局发布数据显示，今年前四个月全国规模以上工业增加值同比增长百分之六点三，"
            "比一季度加快零点二个百分点，市场预期总体稳定。") * 2
    page = f"央行发布最新数据 前四月信贷平稳增长\n\n字号：\n\n{first}{body}\n"
    r = strip_boilerplate(page)
    assert first in r.text and "字号" not in r.text


def test_a_long_line_opening_with_a_copyright_sign_is_a_footer_not_the_article() -> None:
    post = "\n\n".join(["建议给莲花加上自动蓄能恢复的功能，这样被击倒以后就可以重新站起来了，玩起来会更有意思。",
                        "另外希望地图能多加几张，现在的几张都玩腻了，新手也需要一些简单一点的地图来练习。",
                        "回复", "举报", "返回列表"])
    footer = ("Copyright © 2024 Example Games Corporation & Example Software Corporation, Licensed to Example "
              "Telecommunications Technology Co., Ltd. All Rights Reserved.")
    r = strip_boilerplate(f"{post}\n\n{footer}\n")
    assert "Licensed to" not in r.text and "自动蓄能恢复" in r.text


# --------------------------------------------------------------------------- article heads

_BODY = ("市政府今天召开新闻发布会，介绍了今年前三季度全市经济运行情况，主要指标保持平稳增长，"
         "就业形势总体稳定，居民收入稳步提高。\n\n"
         "有关负责人表示，下一步将继续推进重点项目建设，进一步优化营商环境，全力以赴完成全年目标任务。"
         "会上还通报了近期重点工作的进展情况，并回答了记者提问。")
_MENU = "\n\n".join(["首页", "新闻", "财经", "体育", "娱乐", "科技", "汽车", "房产", "教育", "旅游"])


def test_a_title_above_its_date_line_stays_with_its_date_as_data() -> None:
    title = "全市经济运行总体平稳 前三季度主要指标稳中有进"
    page = "\n\n".join([_MENU, "登录  |  注册", "注册会员浏览更多内容", title, "发布时间：2023-10-20 09:30",
                        "尚余0篇", _BODY])
    r = strip_boilerplate(page)
    assert title in r.text and r.metadata.title == title
    assert r.metadata.date == "2023-10-20T09:30"
    assert "新闻\n" not in r.text and "发布时间" not in r.text


def test_the_title_search_looks_past_share_buttons() -> None:
    title = "血溅机场 男子将妻子推下楼后跳楼"
    buttons = "\n\n".join(["用LINE传送", "+", "分享", "分享", "分享", "留言", "列印", "A-A+"])
    page = "\n\n".join([_MENU, title, buttons, "2019-03-18 23:59联合报 记者陈嘉宁／桃园机场报导", _BODY])
    r = strip_boilerplate(page)
    assert r.metadata.title == title and title in r.text
    assert r.metadata.reporter == "陈嘉宁" and r.metadata.date == "2019-03-18T23:59"
    assert "A-A+" not in r.text


def test_a_breadcrumb_title_date_frame_gives_the_title_when_notices_outweigh_the_article() -> None:
    notice = ("本网站使用相关技术提供更好的阅读体验，同时尊重使用者隐私，点这里了解本网站隐私声明。"
              "当您关闭此视窗，代表您同意上述规范。")
    title = "平镇轮胎行惡火 疏散7人1女命丧"
    page = "\n\n".join([_MENU, notice, _MENU, "首页 / 社会", title, "最新更新：2016/03/19 10:48",
                        "（中央社记者邱俊钦桃园19日电）桃园市平镇区一家轮胎行今天清晨发生大火，7人从火场中疏散。", _MENU])
    r = strip_boilerplate(page)
    assert r.metadata.title == title and title in r.text
    assert notice not in r.text and r.metadata.date == "2016-03-19T10:48"
