"""The boilerplate prescan is exact: whenever it says a document holds no chrome, the full
analysis removes nothing and extracts no metadata (clean devdata documents, labelled pages and
their content, the seeds, generated pages and random mixes); prose documents pass it."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import textfix.boilerplate
from textfix import strategies as tfs
from textfix import strip_boilerplate
from textfix.boilerplate import _strip
from textfix.boilerplate_prescan import may_have_boilerplate, prose_title
from textfix.boilerplate_rules import ruleset, shadow
from textfix.config import resolve

ROOT = Path(__file__).resolve().parent.parent
DEVDATA = Path("/work/shared/devdata")
CFG = resolve(None, {})


def _passes(text: str) -> bool:
    """Whether the prescan lets ``text`` through; if so, check the full analysis agrees: for
    the whole result, or (``headline=True``, the fast path) for the text."""
    rs = ruleset()
    shade = shadow(text)
    matches = rs.matches(shade)
    strict = not may_have_boilerplate(shade, rs)
    loose = not may_have_boilerplate(shade, rs, headline=True)
    # the automaton run in windows answers as the full list of matches does
    assert strict == (not may_have_boilerplate(shade, rs, matches))
    assert loose == (not may_have_boilerplate(shade, rs, matches, headline=True))
    assert loose or not strict
    prose, title = prose_title(shade, rs, matches)
    assert (not strict or (prose and title is None)) and (not prose or loose)
    if loose:
        full = _strip(text, CFG, None, shade, matches)
        assert full.text == text and not full.spans, text[:300]
        assert not strict or not full.metadata.to_dict(), text[:300]
        assert textfix.boilerplate.fast(text, CFG) == text
        if prose:  # the title the prescan reports is the analysis's
            assert strip_boilerplate(text).metadata == full.metadata, text[:300]
    return strict


def _documents(path: Path, seed: int) -> list[str]:
    """The lines of ``path`` cut into documents of 5 to 40 lines."""
    lines = path.read_text(encoding="utf-8").split("\n")
    rnd = random.Random(seed)
    out, i = [], 0
    while i < len(lines):
        k = rnd.randint(5, 40)
        out.append("\n".join(lines[i : i + k]))
        i += k
    return out


@pytest.mark.skipif(not (DEVDATA / "script").is_dir(), reason="devdata not available")
@pytest.mark.parametrize("name", ["simplified.txt", "traditional.txt"])
def test_prescan_exact_on_clean_devdata(name: str) -> None:
    docs = _documents(DEVDATA / "script" / name, 1)
    passed = sum(_passes(d) for d in docs)
    assert passed > 0


def _labelled() -> list[dict]:
    files = [*sorted((DEVDATA / "boilerplate").glob("*.jsonl")), ROOT / "benchmarks" / "data" / "boilerplate_heldout.jsonl"]
    return [json.loads(line) for f in files if f.exists() for line in f.read_text(encoding="utf-8").splitlines() if line]


def test_prescan_exact_on_labelled_pages_seeds_and_content() -> None:
    pages = _labelled()
    for page in pages:
        assert not _passes(page["text"])  # every labelled page carries chrome
        content = "\n".join(page["text"][x["start"] : x["end"]] for x in page["labels"] if x["label"] == "content")
        _passes(content)
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        assert not _passes(seed.read_text(encoding="utf-8"))


def test_prose_passes_and_chrome_does_not() -> None:
    prose = ("今天上午，市政府召开新闻发布会，介绍了今年的经济运行情况。\n"
             "会上，有关负责人表示，全市经济保持平稳增长，就业形势总体稳定。\n"
             "下一步，将继续推进重点项目建设，进一步优化营商环境。")
    assert _passes(prose)
    r = strip_boilerplate(prose)
    assert r.text == prose and r.spans == () and not r.metadata.to_dict()
    for extra in ("首页 新闻 关于我们", "来源：新华社", "版权所有 某某公司", "蜀ICP备11006773号-9",
                  "（完）", "图为会议现场。", "http://example.com/a"):
        assert not _passes(prose + "\n" + extra), extra
    for alone in ("版权所有", "首页", "来源：新华社", "（完）", "关注我们", "返回顶部", "3小时前", "分享到：微信"):
        assert not _passes(alone), alone
        assert not _passes(prose + "\n" + alone), alone
        assert not _passes(alone + "\n" + prose), alone
    assert not _passes(prose.replace("，", " ", 1))  # a space between CJK characters cuts a segment


def test_headline_over_prose_passes_the_fast_path_only() -> None:
    rs = ruleset()
    doc = ("全市经济运行总体平稳\n今天上午，市政府召开新闻发布会，介绍了今年的经济运行情况。\n"
           "会上，有关负责人表示，全市经济保持平稳增长，就业形势总体稳定，居民收入稳步提高。")
    shade = shadow(doc)
    assert may_have_boilerplate(shade, rs, rs.matches(shade))  # the headline is reported as the title
    assert not may_have_boilerplate(shade, rs, rs.matches(shade), headline=True)
    assert strip_boilerplate(doc).metadata.title == "全市经济运行总体平稳"
    assert textfix.boilerplate.fast(doc, CFG) == doc
    for head in ("首页", "来源：新华社", "图为会议现场", "全市经济运行总体平稳\n全市经济运行总体平稳"):
        other = doc.replace("全市经济运行总体平稳", head, 1)
        shade = shadow(other)
        assert may_have_boilerplate(shade, rs, rs.matches(shade), headline=True), head


def test_prescan_skipped_with_a_model() -> None:
    from textfix import BoilerplateModel

    prose = "今天上午，市政府召开新闻发布会，介绍了今年的经济运行情况。\n会上，有关负责人表示，全市经济保持平稳增长。"
    model = BoilerplateModel()
    assert strip_boilerplate(prose, model=model).notes != strip_boilerplate(prose).notes


_pieces = st.one_of(
    tfs.clean_text(),
    tfs.boilerplated().map(lambda b: b.garbled),
    tfs.boilerplated().map(lambda b: b.original),
    st.text(alphabet="首页新闻来源版权所有图为摄记者完，。！？：| \n\u3000abcICP2016-09-28", max_size=60),
)


@example(["", "", "", ""], "\n")  # the fast path's first-lines test must not refuse what the strict scan passes
@example(["", "", "", "0"], "\n")
@given(st.lists(_pieces, min_size=1, max_size=5), st.sampled_from(["\n", "\n\n", "", " ", "。"]))
def test_prescan_exact_on_generated_mixes(parts: list[str], sep: str) -> None:
    _passes(sep.join(parts))


def test_headline_and_byline_runs_inside_prose_pass() -> None:
    para = "今天上午，市政府召开新闻发布会，介绍了今年的经济运行情况，全市经济保持平稳增长。"
    more = "会上，有关负责人表示，就业形势总体稳定，居民收入稳步提高，下一步将继续优化营商环境。"
    doc = "\n".join([para, "（张三）", "全市就业形势总体稳定", "李四", more])
    assert _passes(doc)  # a sign-off, the next headline and its byline inside the article stay
    for caption in ("研讨会现场", "今年的经济运行情况", "张三 致辞"):
        assert not _passes("\n".join([para, caption, "全市就业形势总体稳定", more]))


# Prose paragraphs with runs of short lines between them: sign-offs, headlines, bylines,
# datelines, scene words and names the paragraph above said (caption candidates).
_para = st.sampled_from([
    "今天上午，市政府召开新闻发布会，介绍了今年的经济运行情况，全市经济保持平稳增长。",
    "会上，有关负责人表示，就业形势总体稳定，居民收入稳步提高，下一步将继续优化营商环境。",
    "成都市现代物流产业生态圈联盟今天成立，来自各地的企业代表参加了签约仪式。",
    "這是件大好事，記者就此詢問這些在曬太陽的農民，冬閒了，沒想著走出去搞點販運嗎？",
])
_short = st.sampled_from([
    "（张三）", "全市就业形势总体稳定", "本报记者 李四", "新华社记者刘云峰", "本报北京1月1日电", "温家宝",
    "签约仪式现场", "成都市现代物流产业生态圈联盟", "研讨会现场", "张三 致辞", "致辞", "第一章总则", "一、总体要求",
    "政文", "图片", "首页", "返回", "3小时前", "（完）", "来源：新华社", "编辑 张三", "· 相关新闻", "2020-01-01",
    "《人民日报》 2020年1月1日", "——在全市工作会议上的讲话", "关注", "现场", "全市经济保持平稳增长",
])


@given(st.lists(st.one_of(_para, st.lists(_short, min_size=1, max_size=4).map("\n".join)), min_size=1, max_size=8),
       st.sampled_from(["\n", "\n\n"]))
def test_prescan_exact_on_short_line_runs_in_prose(parts: list[str], sep: str) -> None:
    _passes(sep.join(parts))
