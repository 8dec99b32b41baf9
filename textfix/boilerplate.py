"""Boilerplate: strip page chrome from plain text and keep what it says as metadata.

Evidence is combined per segment (see :mod:`textfix.segment`): keywords and field labels from
the rules file (one automaton on a Traditional-folded shadow), a few regexes (ICP numbers,
dates, photo credits), shape (length, sentence punctuation), position relative to the
document's content core (the densest run of sentence-like segments), duplicates of the
title or summary, and optionally a :class:`~textfix.boilerplate_model.BoilerplateModel` of
lines repeated across a site. Position alone never removes anything.

>>> r = strip_boilerplate("标题在这里\\n发布日期:2016-09-28  来源:四川经济日报\\n正文第一句话，内容很长很长很长很长很长很长。")
>>> r.metadata.date, r.metadata.source
('2016-09-28', '四川经济日报')
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from functools import lru_cache
from itertools import accumulate, chain, pairwise
from operator import add
from typing import Any

from .boilerplate_prescan import may_have_boilerplate, prose_title
from .boilerplate_rules import Rule, RuleSet, fold, ruleset, shadow
from .config import Config, resolve
from .result import Edit, StepOutput
from .segment import Segment, split_segments

_PUNCT = re.compile(r"[,。;!?，；！？]|\.(?: |$)")
_TERMINAL = frozenset("。!?！？.」”\"')）")
_FULL_STOPS = frozenset("。！？")  # terminal, in _PUNCT, and never in Latin text
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\b\.?)?", re.I)
_MONTHS = {m: k for k, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?"
# written-out English dates: "November 28, 2013", "Nov. 2, 2023", "4th March 2026", "4 Mar, 2026"
_EN_DATE = re.compile(rf"\b(?:{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})"
                      rf"|(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(\d{{4}}))\b", re.I)
_DIGITS = re.compile(r"\d[\d,]*")
# a Latin sentence has words: a dateline of eight tokens ("november 28, 2013 -- updated 0203
# gmt (1003 hkt)") has its punctuation but few of them
_LATIN_WORDS = re.compile("[a-z]{2,}")
_SPACES = re.compile(r"[\s|丨｜]+")
_SIGNOFF = re.compile(r"(?:局|委|委员会|委員會|办公室|辦公室|政府|中心|协会|協會|公司|厅|廳|院|会|會|部|处|處|科|站|所|社)$")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")  # a letter of any script, Han included
_COPYRIGHT_START = re.compile(r"(?:copyright\s*)?(?:©|\(c\)\s*\d{4})|copyright\s+\d{4}")  # not "(c) the third…"
_CRUMB_MARK = re.compile("[>»›]")  # "新华网 > > 正文" is a breadcrumb, never a headline
_HAN_LABEL = re.compile(r"\(?[\u3400-\u9fff]{2}")  # labels of two or more Han characters
_COLUMN = re.compile(r"【[^【】\n]{1,12}】")
_LINE_TAG = re.compile(r"(?:^|\n)【[^【】\n]{1,12}】", re.M)
_EDGE_STRIP = " \u00a0\u3000|丨｜:：>»·•*-—[]【】()（）<>《》"

_ITEM_PUNCT = re.compile(r"[,。;!?，；！？]|\.(?: |$)|[:：]$")  # menu items carry none of these
_CREDIT_HEAD = re.compile(r"^(?:记者|記者|通讯员|通訊員|摄影|攝影|摄|攝)\s*")
_CREDIT_TAIL = re.compile(r"\s*[/／]?\s*翻?(?:摄影?|攝影?|供图|供圖)\s*(?:[(（].*)?$")
_REPORT_PLACE = re.compile(r"\s*[/／][^/／]*(?:报导|報導|报道|報道)$")
_RELTIME = re.compile(r"(?:昨天|今天|前天)\s*\d{1,2}[:：]\d{2}|\d{1,3}\s*(?:秒|分钟|小时|天|周|个月|月|年)前")
_ANY_VALUE = frozenset(("lab.origtitle",))  # labels whose value may be a sentence
# a reading bar ("正在阅读：<title>") repeats the headline: its value is the rest of its line
_LINE_VALUE = frozenset(("lab.reading", "lab.reading2", "lab.reading3"))
_NEXT_LINE_VALUE = frozenset(("lab.share.intro",))  # alone on a line: the next line (a sentence) is the value
_BARS = re.compile(r"[|丨｜]")
_DATED_END = re.compile(r"(?<!\d)(?:\d{4}[-/.年])?\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$")
_DATE_LAST = frozenset("0123456789日")
_DATED_START = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?!\d)")
_FUNCTION_CHARS = re.compile("[的了着著得地在像把被是这這那也都就却卻又还還让讓从從向对對]")
# function words plus pronouns and sentence particles: verse lines are phrases, menu items names
_PHRASE_CHARS = re.compile("[的了着著得地在像把被是这這那也都就却卻又还還让讓从從向对對我你他她们們么麼没沒不一只便若吗嗎呢吧啊啦]")
_DIGIT_OR_LATIN = re.compile("[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]")
# a numbered section heading of a tutorial ("一、部署", "1、脚本", "（二）")
_NUMBERED_HEADING = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．]\s*\S|[（(][一二三四五六七八九十\d]{1,3}[)）])")
# a line of a code listing or shell session: assignments, braces, variables, options, calls,
# snake_case names, comments, common commands (menu items have none of these)
_CODE_LINE = re.compile(r"[=\\${};]|^\s*[#$]|\s--?[a-z]|[a-z]\(|[a-z]_[a-z]|^\s*(?:sudo|docker|podman|cd|ls|git|pip|npm|curl|wget|"
                        r"echo|export|sleep|kubectl|python3?)\s", re.M)
_VALUE_NOT_SENTENCE = frozenset(("source", "author", "editor", "reporter", "photographer", "contact", "date", "views"))
_SENTENCE_END = re.compile(r"[。？！?!]")  # "记者：资金来源是否有保证？" is an interview, not a byline
_CAPTION_NAME = re.compile(r"\S{2,4}[ \u3000\u00a0]+(?:致辞|讲话|发言|致詞|講話|發言)$")

_SPACE = re.compile(r"[^\S\n]")
_LATIN_SPACE = re.compile(r"[a-z0-9][^\S\n]+[a-z0-9]")  # on the lower-cased shadow
MAX_CHROME = 80  # a keyword claims a segment only up to this many characters
# outside the article, a notice paragraph (cookies, affiliate links, a copyright footer) goes
# whole up to this many characters when a confident keyword says what it is
MAX_NOTICE = 600
NOTICE_HEAD = 80  # a notice says what it is in its opening words
MAX_VALUE = 30  # a field value spills onto following segments only while they are this short
SUMMARY_WINDOW = 20_000  # a summary's repeat is looked for this far (characters) after it
LEAD_WINDOW = 3_000  # an unlabelled lead's repeat, this far after it
MIN_CORE = 60  # the content core scores at least this much (else: a list, poem or fragment)
MAX_BUTTON_LINES = 12  # lines of buttons the title search looks past, up from a metadata line
LEAD_SEGMENTS = 8  # ... and within this many segments (a report quoting a speech is no summary)
_PROSE_NOTE = "every line is a sentence and no rule can apply: nothing to remove (prescan)"
_TITLE_NOTE = "a headline over prose no rule can apply to: the headline is the title, nothing to remove (prescan)"
SIDE_BLOCK = 150  # a run of text this dense beyond unmarked short lines joins the content core


@dataclass(frozen=True, slots=True)
class Span:
    """A removed (or, in mark mode, flagged) span of the input text."""

    start: int
    end: int
    category: str
    rule: str
    confidence: float
    replacement: str = ""  # whitespace kept where the removal would glue two kept texts

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the chrome said: every field is None when the document did not carry it."""

    title: str | None = None
    date: str | None = None
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    reporter: str | None = None
    photographer: str | None = None
    views: int | None = None
    column: str | None = None
    url: str | None = None
    icp: str | None = None
    copyright: str | None = None
    contact: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Only the fields that were found."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


@dataclass(frozen=True, slots=True)
class BoilerplateResult:
    """The cleaned text, the spans removed from the input, metadata, and notes."""

    text: str
    spans: tuple[Span, ...]
    metadata: Metadata
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "spans": [s.to_dict() for s in self.spans],
            "metadata": self.metadata.to_dict(),
            "notes": list(self.notes),
        }


# --------------------------------------------------------------------------- features


class _Doc:
    """Per-document working state: text, shadow, segments and their features."""

    __slots__ = ("claims", "core", "fields", "full", "has_core", "line_first", "line_last", "n", "notes", "punct",
                 "segs", "sentence", "shadow", "text", "zone")

    def __init__(self, text: str, shadow: str, segs: list[Segment]) -> None:
        self.text = text
        self.shadow = shadow
        self.segs = segs
        # Sentence punctuation: only "none", "one" and "two or more" matter, so at most two
        # searches per segment (a list of every comma of a long article costs more).
        search = _PUNCT.search
        count = shadow.count
        n_list = [b - a - count(" ", a, b) for a, b, _ in segs]
        like_list: list[bool] = []
        add_like = like_list.append
        # segments with sentence punctuation (None: none at all, the usual case for chrome; True:
        # it ends in 。！？, so it has some and is not Latin text, and no search is needed)
        stops = _FULL_STOPS
        punct: list[re.Match[str] | bool | None] = [
            True if shadow[b - 1] in stops else search(shadow, a, b) for a, b, _ in segs]
        self.punct = punct
        for (a, b, _), n, m in zip(segs, n_list, punct):
            if m is None:
                add_like(False)  # no sentence punctuation: most menu items and labels
                continue
            if m is True:
                add_like(n >= 8)  # a terminal mark: sentence-like from 8 characters (as below)
                continue
            two = search(shadow, m.end(), b) is not None
            if shadow[a:b].isascii():  # Latin text: count words
                like = count(" ", a, b) + 1 >= 8 and (shadow[b - 1] in _TERMINAL or two) \
                    and len(_LATIN_WORDS.findall(shadow, a, b)) >= 5
            else:
                like = (shadow[b - 1] in _TERMINAL and n >= 8) or (two and n >= 20) or n >= 40
            add_like(like)
        self.n = n_list
        self.sentence = like_list
        # index of the first and last segment on each segment's line
        n_segs = len(segs)
        first: list[int] = []
        last = [0] * n_segs
        start_of_line = 0
        prev_line = segs[0].line if segs else 0
        add_first = first.append
        for i, seg in enumerate(segs):
            if seg.line != prev_line:
                last[start_of_line:i] = [i - 1] * (i - start_of_line)
                start_of_line = i
                prev_line = seg.line
            add_first(start_of_line)
        last[start_of_line:n_segs] = [n_segs - 1] * (n_segs - start_of_line)
        self.line_first = first
        self.line_last = last
        # claims[i] = (category, rule, confidence, start, end) for a claimed part of segment i
        self.claims: dict[int, list[tuple[str, str, float, int, int]]] = {}
        self.full: set[int] = set()  # segments claimed whole
        self.fields: dict[str, list[str]] = {}
        self.notes: list[str] = []
        self.zone: list[str] = ["core"] * len(segs)
        self.core = (0, len(segs) - 1)
        self.has_core = False

    def claim(self, i: int, rule: Rule | None, start: int | None = None, end: int | None = None,
              category: str = "", rule_id: str = "", confidence: float = 0.0) -> None:
        s = self.segs[i]
        a = s.start if start is None else start
        b = s.end if end is None else end
        cat = rule.category if rule else category
        rid = rule.id if rule else rule_id
        conf = rule.confidence if rule else confidence
        entry = (cat, rid, conf, a, b)
        cl = self.claims.get(i)
        if cl is None:
            self.claims[i] = [entry]
        elif type(cl) is tuple:  # a run's shared claim: copied before this one joins it
            self.claims[i] = [*cl, entry]
        else:
            cl.append(entry)
        if a <= s.start and b >= s.end:
            self.full.add(i)

    def claim_run(self, indexes: list[int], category: str, rule_id: str, confidence: float) -> None:
        """Claim whole segments, each stretch of consecutive ones as one record: a menu or a
        list of 500 lines costs one claim and one span, not 500 (see :func:`_spans`)."""
        segs, claims = self.segs, self.claims
        k = 0
        while k < len(indexes):
            j = k
            while j + 1 < len(indexes) and indexes[j + 1] == indexes[j] + 1:
                j += 1
            first, last = indexes[k], indexes[j]
            shared = ((category, rule_id, confidence, segs[first].start, segs[last].end),)
            for i in range(first, last + 1):
                claims[i] = shared  # read-only; claim() copies it before adding to it
            self.full.update(range(first, last + 1))
            k = j + 1

    def whole_claimed(self, i: int) -> bool:
        return i in self.full

    def add_field(self, name: str, value: str) -> None:
        value = value.strip().strip(_EDGE_STRIP + "，。;,").strip()
        if value:
            self.fields.setdefault(name, []).append(value)


def _kadane(w: list[int], lo: int, hi: int) -> tuple[int, int, int]:
    """(score, first, last) of the best-scoring contiguous run of ``w[lo:hi]`` (last < first: none)."""
    best, best_a, best_b = 0, lo, lo - 1
    run, run_a = 0, lo
    for i in range(lo, hi):
        if run <= 0:
            run, run_a = w[i], i
        else:
            run += w[i]
        if run > best:
            best, best_a, best_b = run, run_a, i
    return best, best_a, best_b


def _notice_hit(shade: str, seg: Segment, a: int, rule: Rule, n: int) -> bool:
    """Whether a confident keyword at ``a`` makes its Latin segment a notice: the keyword in
    the opening words ("Boing Boing uses cookies…", "TIME may receive compensation…"), the
    paragraph at most ``MAX_NOTICE`` characters. Such a paragraph weighs against the core, so
    it goes when it sits outside the article. The prescan mirrors this (``danger`` 3)."""
    return (rule.confidence >= 0.97 and rule.kind == "kw" and rule.action != "marker" and n <= MAX_NOTICE
            and a - seg.start < NOTICE_HEAD and shade[seg.start : seg.end].isascii())


def _find_core(doc: _Doc, strong: set[int], walls: set[int], end_mark: int | None = None) -> None:
    """The content core: the best-scoring contiguous run of segments (Kadane), where
    sentence-like segments score their length and chrome-like ones cost.

    A second dense run of text separated from the core only by short lines that carry no
    chrome signal (no keyword, label, UI word or list heading) belongs to it: a table or a
    list inside the article, which costs the run more than the text beyond it gains.

    An end-of-article mark (segment ``end_mark``) says where the article stops: the core is
    looked for before it when there is one there (a teaser feed below can outweigh it)."""
    n = len(doc.segs)
    w: list[int] = []
    gain = [0]  # gain[k]: sum of the positive weights of segments 0..k-1 (an upper bound for a side run)
    sentence, lengths = doc.sentence, doc.n
    best, best_a, best_b = 0, 0, -1
    run, run_a = 0, 0
    for i in range(n):
        if i in walls:
            x = -400  # a "related articles" heading: the core does not run through it
        elif i in strong:
            x = -60
        elif sentence[i]:
            x = lengths[i]
        else:
            x = -min(lengths[i], 20) - 2
        w.append(x)
        gain.append(gain[-1] + x if x > 0 else gain[-1])
        if run <= 0:
            run, run_a = x, i
        else:
            run += x
        if run > best:
            best, best_a, best_b = run, run_a, i
    if end_mark is not None and best_b >= end_mark:
        before = _kadane(w, 0, end_mark)
        if before[0] >= MIN_CORE:
            best, best_a, best_b = before
            doc.notes.append(f"the article ends at the end mark at {doc.segs[end_mark].start}")
    if best < MIN_CORE:
        doc.notes.append("no content core found (list, poem or fragment?): no position evidence used")
        return
    marked = strong | walls
    for _ in range(3):  # before the core
        if gain[best_a] < SIDE_BLOCK:
            break
        side, a2, b2 = _kadane(w, 0, best_a)
        if side < SIDE_BLOCK or any(k in marked for k in range(b2 + 1, best_a)):
            break
        doc.notes.append(f"text at {doc.segs[a2].start} joins the core across unmarked short lines")
        best_a = a2
    for _ in range(3):  # after it
        if gain[n] - gain[best_b + 1] < SIDE_BLOCK:
            break
        side, a2, b2 = _kadane(w, best_b + 1, n)
        if side < SIDE_BLOCK or any(k in marked for k in range(best_b + 1, a2)):
            break
        doc.notes.append(f"text at {doc.segs[a2].start} joins the core across unmarked short lines")
        best_b = b2
    doc.has_core = True
    doc.core = (best_a, best_b)
    doc.zone = ["head"] * best_a + ["core"] * (best_b + 1 - best_a) + ["tail"] * (n - 1 - best_b)


_ZONES_OF = {"any": frozenset(("head", "core", "tail")), "edge": frozenset(("head", "tail")),
             "head": frozenset(("head",)), "tail": frozenset(("tail",)), "core": frozenset(("core",))}


def _zone_ok(rule: Rule, zone: str) -> bool:
    """Whether ``rule`` applies in ``zone`` (head, core or tail)."""
    return zone in _ZONES_OF[rule.zone]


# --------------------------------------------------------------------------- passes


def _hits(rs: RuleSet, shadow: str, matches: list[tuple[int, int, int]]
          ) -> tuple[list[tuple[int, int, Rule]], list[tuple[int, int, Rule]]]:
    """Automaton hits split into labels and keywords: (start, end, rule)."""
    labels: list[tuple[int, int, Rule]] = []
    kws: list[tuple[int, int, Rule]] = []
    rules = rs.rules
    for a, b, idx in matches:
        rule = rules[idx]
        (labels if rule.kind == "label" else kws).append((a, b, rule))
    labels.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[tuple[int, int, Rule]] = []
    for h in labels:
        if kept and h[0] < kept[-1][1]:
            continue  # inside a longer label that starts earlier ("信息来源:" over "来源:")
        if h[0] > 0 and shadow[h[0] - 1] in "据料據" and h[2].field == "source":
            continue  # 数据来源 / 资料来源 name a chart's source inside content
        kept.append(h)
    return kept, kws


def _apply_labels(doc: _Doc, labels: list[tuple[int, int, Rule]]) -> None:
    starts = {a: (b, r) for a, b, r in labels}
    label_starts = set(starts)
    lens: dict[int, int] = {}
    seg_of = {s.start: i for i, s in enumerate(doc.segs)}
    for a, (b, _) in starts.items():
        i = seg_of.get(a)
        if i is not None:
            lens[i] = b - a
    doc_lens = lens
    summary_starts = [a for a, _, r in labels if r.field == "summary"]
    i = 0
    while i < len(doc.segs):
        s = doc.segs[i]
        hit = starts.get(s.start)
        if hit is None or i in doc.claims:
            i += 1
            continue
        b, rule = hit
        if not _zone_ok(rule, doc.zone[i]):
            i += 1
            continue
        if rule.field == "summary":
            k = bisect_right(summary_starts, s.start)
            _summary(doc, i, b, rule, summary_starts[k] if k < len(summary_starts) else len(doc.shadow))
            i += 1
            continue
        own_value = doc.shadow[b : s.end].strip()
        if rule.id in _NEXT_LINE_VALUE and not own_value and i + 1 < len(doc.segs) \
                and doc.segs[i + 1].line == s.line + 1 and doc.n[i + 1] <= 2 * MAX_CHROME \
                and doc.line_first[i + 1] == doc.line_last[i + 1]:
            # "功能介绍" alone, the account's self-description on the next line
            doc.claim(i, rule)
            doc.claim(i + 1, rule)
            i += 2
            continue
        if rule.id in _LINE_VALUE:
            j = doc.line_last[i]
            if sum(doc.n[k] for k in range(i, j + 1)) <= 2 * MAX_CHROME:
                for k in range(i, j + 1):
                    if k not in doc.claims:
                        doc.claim(k, rule)
                i = j + 1
                continue
        if rule.id in _ANY_VALUE and doc.n[i] <= 2 * MAX_CHROME:
            pass  # "原标题：…！" quotes a whole headline
        elif doc.n[i] > MAX_CHROME or (doc.sentence[i] and len(own_value) > 40) or (
            rule.field in _VALUE_NOT_SENTENCE and _SENTENCE_END.search(own_value)
        ):
            doc.notes.append(f"label {rule.pattern!r} at {s.start} starts a sentence: left alone")
            i += 1
            continue
        if rule.category == "breadcrumb":
            j = i
            while j + 1 < len(doc.segs) and doc.segs[j + 1].line == s.line and not doc.sentence[j + 1]:
                j += 1
        else:
            j = _value_extent_with(doc, i, label_starts, doc_lens, rule.category not in ("other", "navigation"))
        for k in range(i, j + 1):
            doc.claim(k, rule)
        if rule.action == "extract":
            doc.add_field(rule.field, doc.text[b : doc.segs[j].end])  # a slice: values quote the input
        i = j + 1


def _value_extent_with(doc: _Doc, i: int, label_starts: set[int], lens: dict[int, int], data: bool = True) -> int:
    """The last segment of the value of the label starting segment ``i``: the rest of its line,
    or the next line when the label is alone on its own: for a field or a share prompt (``data``)
    any value, for a page control only its short options ("字号：" over "小", not over the
    article's first words)."""
    j = i
    line = doc.segs[i].line
    alone = doc.segs[i].end - doc.segs[i].start <= lens.get(i, 0)  # the label and nothing else
    if alone and not data and i + 1 < len(doc.segs) and doc.n[i + 1] > 4:
        alone = False
    while j + 1 < len(doc.segs):
        nxt = doc.segs[j + 1]
        if nxt.start in label_starts or doc.sentence[j + 1] or doc.n[j + 1] > MAX_VALUE:
            break
        if _ITEM_PUNCT.search(doc.shadow, nxt.start, nxt.end):
            break  # "冬，公如晋。" after "浏览次数：1" is the article, not the value
        if nxt.line != line and not (alone and j == i and nxt.line == line + 1):
            break
        if nxt.line != line:
            line = nxt.line
        j += 1
    return j


def _summary(doc: _Doc, i: int, b: int, rule: Rule, limit: int) -> None:
    """A summary label ("核心提示:") is chrome when its text is repeated later on: before the
    next summary label and within ``SUMMARY_WINDOW`` characters (so the searches of all the
    labels of a document cover it at most once: linear time).

    A label alone on its line ("划重点：") heads a box of points on the lines below it: the
    points that the article repeats (word for word, or in long stretches) go with it."""
    s = doc.segs[i]
    value = _SPACES.sub("", doc.shadow[b : s.end])
    if len(value) < 8:
        _summary_box(doc, i, rule, limit)
        return
    probe = value[: min(len(value), 40)]
    rest = _SPACES.sub("", doc.shadow[s.end : min(limit, s.end + SUMMARY_WINDOW)])
    if probe in rest:
        doc.claim(i, rule)
    else:
        doc.notes.append(f"summary at {s.start} is not repeated in the text: kept")


def _summary_box(doc: _Doc, i: int, rule: Rule, limit: int) -> None:
    segs = doc.segs
    items: list[int] = []
    j = i + 1
    while j < len(segs) and len(items) < 6 and j not in doc.claims and segs[j].line > segs[j - 1].line \
            and doc.n[j] >= 12 and doc.line_first[j] == doc.line_last[j]:
        items.append(j)
        j += 1
    if not items:
        return
    repeated: list[int] = []
    for k in items:  # the points, up to the first one the article does not repeat
        end = segs[k].end
        rest = _SPACES.sub("", doc.shadow[end : min(limit, end + SUMMARY_WINDOW)])
        flat = _SPACES.sub("", doc.shadow[segs[k].start : end])
        windows = [flat[p : p + 12] for p in range(0, len(flat) - 11, 12)][:8]
        if sum(1 for w in windows if w in rest) < min(2, len(windows)):
            break
        repeated.append(k)
    if not repeated:
        doc.notes.append(f"summary box at {segs[i].start} is not repeated in the text: kept")
        return
    doc.claim(i, rule)
    for k in repeated:
        doc.claim(k, rule)


def _regex_candidates(doc: _Doc, rs: RuleSet, starts: list[int]) -> dict[int, list[int]]:
    """Regex index -> segments worth trying: one C-level scan for every prefilter literal."""
    out: dict[int, list[int]] = {}
    line_scope = _line_scope()
    literal_zones = _literal_zones()
    segs = doc.segs
    zone = doc.zone
    i, seg_start, seg_end = -1, -1, -1
    shade = doc.shadow
    if doc.has_core and doc.core[1] > doc.core[0]:
        # the article is scanned only for the literals of regexes that apply in it (dates,
        # colons and slashes are frequent there, and their regexes look at the edges only)
        core_a, core_b = segs[doc.core[0]].start, segs[doc.core[1]].end
        hits = chain(rs.scanner.finditer(shade, 0, core_a), _core_scanner().finditer(shade, core_a, core_b),
                     rs.scanner.finditer(shade, core_b))
    else:
        hits = rs.scanner.finditer(shade)
    for m in hits:
        a = m.start()
        if not seg_start <= a < seg_end:  # most hits fall in the segment of the previous one
            i = bisect_right(starts, a) - 1
            if i < 0:
                continue
            seg_start, seg_end = segs[i].start, segs[i].end
        if m.end() > seg_end:
            continue
        lit = m.group()
        if zone[i] not in literal_zones[lit]:
            continue  # "年" in the article: the date regex only looks at the page head
        for k in rs.literal_rules[lit]:
            j = doc.line_last[i] if k in line_scope else i
            lst = out.setdefault(k, [])
            if not lst or lst[-1] != j:
                lst.append(j)
    return out


@lru_cache(maxsize=1)
def _literal_zones() -> dict[str, frozenset[str]]:
    """Prefilter literal -> the zones where at least one of its regexes applies."""
    rs = ruleset()
    out: dict[str, frozenset[str]] = {}
    for lit, ks in rs.literal_rules.items():
        zones: set[str] = set()
        for k in ks:
            rule = rs.rules[rs.regexes[k][0]]
            zones |= _ZONES_OF["any" if rule.scope == "line" else rule.zone]
        out[lit] = frozenset(zones)
    return out


@lru_cache(maxsize=1)
def _end_line() -> re.Pattern[str] | None:
    """Lines that hold nothing but an end-of-article mark (the ``re.end`` rule)."""
    rs = ruleset()
    for idx, rx in rs.regexes:
        if rs.rules[idx].id == "re.end":
            return re.compile(r"^[^\S\n]*(?:" + rx.pattern + r")[^\S\n]*$", re.M)
    return None


@lru_cache(maxsize=1)
def _core_scanner() -> re.Pattern[str]:
    """The prefilter scan for the content core: the literals of regexes that apply there."""
    lits = sorted((lit for lit, zones in _literal_zones().items() if "core" in zones), key=len, reverse=True)
    return re.compile("|".join(re.escape(x) for x in lits) or "(?!)")


@lru_cache(maxsize=1)
def _line_scope() -> frozenset[int]:
    """Indexes (into ``ruleset().regexes``) of the regexes that look at a whole line."""
    rs = ruleset()
    return frozenset(k for k, (idx, _) in enumerate(rs.regexes) if rs.rules[idx].scope == "line")


def _apply_regexes(doc: _Doc, rs: RuleSet) -> None:
    first_line = doc.segs[0].line if doc.segs else -1
    starts = [s.start for s in doc.segs]
    cands = _regex_candidates(doc, rs, starts)
    zone = doc.zone
    for k, (idx, rx) in enumerate(rs.regexes):
        rule = rs.rules[idx]
        zones = _ZONES_OF["any" if rule.scope == "line" else rule.zone]
        for i in cands.get(k, ()):
            if zone[i] not in zones:
                continue
            s = doc.segs[i]
            if doc.whole_claimed(i):
                if rule.field == "icp" and (m := rx.search(doc.shadow, s.start, s.end)):
                    doc.add_field("icp_number", doc.text[m.start() : m.end()])  # the number behind a label
                continue
            piece = doc.shadow[s.start : s.end]
            if rule.scope == "whole":
                m = rx.fullmatch(piece) or rx.fullmatch(piece.strip(_EDGE_STRIP))
                if m:
                    doc.claim(i, rule)
                    if rule.action == "extract":
                        doc.add_field(rule.field, doc.text[s.start : s.end])
            elif rule.scope == "start":
                m = rx.match(piece)
                if not m:
                    continue
                if rule.id == "re.column":
                    if i != 0 or s.line != first_line or _LINE_TAG.search(doc.shadow, s.end) or m.end() < 4:
                        continue  # only a lone tag at the top, not a page of 【source】 tags nor 【经】
                    if m.end() < len(piece) or (i + 1 < len(doc.segs) and doc.segs[i + 1].line == s.line):
                        nxt = i + 1
                        if nxt < len(doc.segs) and doc.sentence[nxt]:
                            continue  # "【传】四年春，齐侯…": a marker inside the text
                    doc.claim(i, rule, s.start, s.start + m.end())
                    doc.add_field("column", doc.text[s.start + 1 : s.start + m.end() - 1])
                    continue
                stop = piece.find(" ")  # a caption ends at the first space ("图为…现场 9月14日，")
                end = s.end if stop < 0 else s.start + stop
                if end - s.start > MAX_CHROME:
                    continue
                doc.claim(i, rule, s.start, end)
            elif rule.scope == "line":
                _photo_credit(doc, i, rx, rule)
            else:  # seg: a specific pattern anywhere; claims the segment when short
                m = rx.search(piece)
                if not m:
                    continue
                if (doc.n[i] <= MAX_CHROME and not doc.sentence[i]) or (
                        doc.zone[i] != "core" and doc.n[i] <= 300 and not _PUNCT.search(piece)) or (
                        doc.zone[i] == "tail" and rule.category == "footer_copyright" and doc.n[i] <= MAX_NOTICE):
                    doc.claim(i, rule)
                else:  # inside a long segment only the matches go
                    for mm in rx.finditer(piece):
                        doc.claim(i, rule, s.start + mm.start(), s.start + mm.end())
                if rule.action == "extract":
                    name = "icp_number" if rule.field == "icp" else rule.field
                    doc.add_field(name, doc.text[s.start + m.start() : s.start + m.end()])


def _photo_credit(doc: _Doc, i: int, rx: re.Pattern[str], rule: Rule) -> None:
    """A line ending in "记者 XX摄" is a photo caption (whole line when short)."""
    s = doc.segs[i]
    if i + 1 < len(doc.segs) and doc.segs[i + 1].line == s.line:
        return  # only the last segment of a line
    first = doc.line_first[i]
    m = rx.search(doc.shadow, max(doc.segs[first].start, s.end - 240), s.end)
    if not m:
        return
    total = s.end - doc.segs[first].start
    if rule.action == "extract":
        name = _CREDIT_HEAD.sub("", doc.text[m.start() : m.end()]).strip()
        doc.add_field("photographer", _CREDIT_TAIL.sub("", name))
    if total <= 200:
        for k in range(first, i + 1):
            if not doc.whole_claimed(k):
                doc.claim(k, rule)
    else:
        doc.claim(i, rule, m.start(), m.end())


def _apply_keywords(doc: _Doc, rs: RuleSet, kws: list[tuple[int, int, Rule]], protect: set[int]) -> set[int]:
    """Keyword rules; returns the indexes of segments that open a related-article list."""
    markers: set[int] = set()
    if not kws:
        return markers
    starts = [s.start for s in doc.segs]
    best: dict[int, Rule] = {}
    for a, b, rule in kws:
        i = bisect_right(starts, a) - 1
        if i < 0 or b > doc.segs[i].end:
            continue
        if not _zone_ok(rule, doc.zone[i]):
            continue
        n = doc.n[i]
        if doc.sentence[i] and rule.action != "marker" and not (
            rule.confidence >= 0.9 and (n <= 20 or (doc.zone[i] != "core" and n <= MAX_CHROME))
        ) and not (rule.confidence >= 0.97 and (n <= MAX_CHROME or doc.zone[i] != "core")):  # "…本平台仅提供信息存储服务。"
            continue  # a keyword inside a sentence of the article ("扫描二维码即可…") stays
        limit = MAX_CHROME if rule.confidence >= 0.9 else (b - a) + 10
        if rule.action == "marker":
            limit = (b - a) + 8
        if n > limit and not (
            doc.zone[i] != "core" and rule.action != "marker"
            and ((rule.confidence >= 0.97 and n <= MAX_NOTICE)
                 or (n <= 300 and not _PUNCT.search(doc.shadow, doc.segs[i].start, doc.segs[i].end)))
        ):
            continue  # long: only a run-together menu or a notice ("… uses cookies …") at the edges goes
        if i in protect and rule.confidence < 0.95:
            continue
        cur = best.get(i)
        if cur is None or rule.confidence > cur.confidence:
            best[i] = rule
    for i, rule in best.items():
        if doc.whole_claimed(i):
            continue
        doc.claim(i, rule)
        if rule.action == "marker":
            markers.add(i)
        elif rule.action == "extract":
            doc.add_field(rule.field, doc.text[doc.segs[i].start : doc.segs[i].end])
    whole = rs.whole_forms
    claims, zone, lengths = doc.claims, doc.zone, doc.n
    for i in range(len(doc.segs)):
        if lengths[i] > 8 or i in claims or zone[i] == "core" or i in protect:
            continue
        raw = doc.shadow[doc.segs[i].start : doc.segs[i].end]
        idx = whole.get(raw.strip(_EDGE_STRIP) or raw.strip())
        if idx is not None:
            doc.claim(i, rs.rules[idx])
    return markers


def _heading_like(doc: _Doc, i: int) -> bool:
    """Not a sentence, or a headline that ends in ! or ? ("…突破3000亿美元！魏少军：…")."""
    s = doc.segs[i]
    return not doc.sentence[i] or (doc.n[i] <= 50 and doc.shadow.count("。", s.start, s.end) == 0
                                   and doc.shadow[s.end - 1] != ".")  # a Latin sentence is no headline


def _earlier_copy(doc: _Doc, i: int) -> int:
    """A title printed twice in a row: the first copy is the title, the second the duplicate."""
    s = doc.segs[i]
    key = doc.shadow[s.start : s.end]
    for k in range(i - 1, max(-1, i - 4), -1):
        p = doc.segs[k]
        if k not in doc.claims and doc.shadow[p.start : p.end] == key:
            return k
    return i


def _find_title(doc: _Doc) -> int | None:
    """The title segment: the last unclaimed heading-like segment before the first metadata
    segment in the head, else the headline framed by a breadcrumb and a metadata line, else
    the best-scoring heading-like line above the article."""
    limit = doc.core[0] if doc.has_core else len(doc.segs)
    first_meta = None
    for i in range(min(limit + 1, len(doc.segs))):
        cl = doc.claims.get(i)
        if cl and any(c[0] == "metadata" for c in cl):
            first_meta = i
            break
    if first_meta is not None:
        skipped: set[int] = set()  # lines of share and font-size buttons between title and metadata
        for i in range(first_meta - 1, -1, -1):
            if _button(doc, i):
                skipped.add(doc.segs[i].line)
                if len(skipped) > MAX_BUTTON_LINES:
                    break
                continue
            if i not in doc.claims and _heading_like(doc, i) and 4 <= doc.n[i] <= 100 \
                    and _CRUMB_MARK.search(doc.shadow, doc.segs[i].start, doc.segs[i].end) is None:
                k = i - 1  # a short name under a longer headline is a byline ("加拿大必读")
                if doc.n[i] <= 8 and k >= 0 and k not in doc.claims and _heading_like(doc, k) \
                        and 2 * doc.n[i] <= sum(doc.n[j] for j in range(doc.line_first[k], k + 1)) <= 100 \
                        and doc.segs[k].line == doc.segs[i].line - 1 and doc.line_first[i] == doc.line_last[i]:
                    return _earlier_copy(doc, k)
                return _earlier_copy(doc, i)
            if doc.segs[i].line < doc.segs[first_meta].line - 3 - len(skipped):
                break
    framed = _framed_title(doc)
    if framed is not None:
        return framed
    if not doc.has_core:
        return None  # a fragment, list or poem: no title to report
    # no metadata line: score heading-like runs above the core (the unclaimed heading-like
    # segments in a row on one line: "和男友口角鎖門吞藥　女墜樓不治" is one headline). A title is
    # printed again (page title, share text, breadcrumb), is longer than a menu item, and sits
    # near the core or on the first line.
    best, best_score = None, -1
    seen = 0
    han = _han_article(doc)
    claims, segs, lengths = doc.claims, doc.segs, doc.n
    i = limit - 1
    while i >= 0:
        if i in claims or not _heading_like(doc, i):
            i -= 1
            continue
        a = i  # the run: segments a..i, parted by spaces only (a bar parts menu items)
        while a > i - 3 and a > 0 and segs[a - 1].line == segs[i].line and a - 1 not in claims \
                and _heading_like(doc, a - 1) and not doc.shadow[segs[a - 1].end : segs[a].start].strip():
            a -= 1
        n = sum(lengths[a : i + 1])
        start, end, line = segs[a].start, segs[i].end, segs[a].line
        whole = doc.line_first[a] == a and doc.line_last[i] == i
        i = a - 1
        if not 6 <= n <= 100 or (not whole and lengths[a] != n):
            continue  # a headline in parts is its whole line; part of a longer line is a menu
        seen += 1
        if seen > 30:
            break
        piece = doc.shadow[start:end]
        score = (3 if _printed_again(doc, a, piece) else 0) + (n >= 8) + (n >= 12)
        if han and not _HAN.search(doc.shadow, start, end):
            score -= 3  # a Chinese article's headline has Han characters ("facebook" is a share link)
        score += (seen == 1) + (line == segs[0].line)
        if seen == 1 and limit < len(segs) and line == segs[limit].line - 1:
            score += 2  # the line right above the article ("手机浏览讨论更方便！" printed twice higher up is not)
        if score > best_score:
            best, best_score = a, score
    if best is not None:
        return _earlier_copy(doc, best)
    if limit == 0 and doc.segs and not doc.sentence[0] and 6 <= doc.n[0] <= 100:
        return 0
    return None


def _button(doc: _Doc, i: int) -> bool:
    """Whether segment ``i`` reads like a button: one or two characters, a UI word, or a short
    Latin label ("A-A+", "facebook") in a Chinese article."""
    n = doc.n[i]
    if n <= 2:
        return True
    s = doc.segs[i]
    piece = doc.shadow[s.start : s.end]
    if piece.strip(_EDGE_STRIP) in ruleset().whole_forms or _LETTER.search(piece) is None:
        return True  # a UI word, or digits and marks (a date or a counter, not a headline)
    return n <= 8 and not _HAN.search(piece) and _han_article(doc)


def _han_article(doc: _Doc) -> bool:
    """Whether the article (the core, else the whole text) is written in Han characters."""
    if not doc.segs:
        return False
    a, b = doc.core if doc.has_core else (0, len(doc.segs) - 1)
    return _HAN.search(doc.shadow, doc.segs[a].start, doc.segs[b].end) is not None


def _printed_again(doc: _Doc, i: int, piece: str) -> bool:
    """Whether segment ``i`` (text ``piece``) is printed again elsewhere on its own, not as part
    of a repeated block (a share bar at the top and the bottom repeats its items in the same
    order: each copy follows the same segment)."""
    shadow, segs = doc.shadow, doc.segs
    if shadow.count(piece) < 2:
        return False
    if i == 0:
        return True
    before = shadow[segs[i - 1].start : segs[i - 1].end]
    starts = [g.start for g in segs]
    pos = shadow.find(piece)
    while pos >= 0:
        k = bisect_right(starts, pos) - 1
        if k != i and (k <= 0 or starts[k] != pos or shadow[segs[k - 1].start : segs[k - 1].end] != before):
            return True
        pos = shadow.find(piece, pos + 1)
    return False


def _framed_title(doc: _Doc) -> int | None:
    """The headline of an article head anywhere on the page: the one unclaimed heading-like
    line between a breadcrumb and the metadata line right below it ("首頁 / 社會", the title,
    "最新更新：2016/03/19"). Pages whose notices or teasers outweigh a short article put the
    content core elsewhere; this frame still says where the article starts."""
    claims = doc.claims
    for i, cl in claims.items():
        if cl[-1][0] != "breadcrumb" or i + 2 >= len(doc.segs):
            continue
        j = doc.line_last[i] + 1  # the title line: segments j..last
        if j >= len(doc.segs) or doc.line_last[j] + 1 >= len(doc.segs):
            continue
        last = doc.line_last[j]
        line = range(j, last + 1)
        below = claims.get(last + 1)
        if below and below[-1][0] == "metadata" and not any(k in claims for k in line) \
                and all(_heading_like(doc, k) for k in line) and 8 <= sum(doc.n[k] for k in line) <= 100:
            return j
    return None


def _title_line(doc: _Doc, title: int) -> list[int]:
    """The title segment plus its unclaimed, non-sentence neighbours on the same line."""
    line = doc.segs[title].line
    out = [title]
    for step in (-1, 1):
        k = title + step
        while 0 <= k < len(doc.segs) and doc.segs[k].line == line and k not in doc.claims and not doc.sentence[k]:
            out.append(k)
            k += step
    return sorted(out)


def _duplicates(doc: _Doc, title: list[int]) -> None:
    """Later copies of the title: whole segments, or glued to the start of one."""
    if not title:
        return
    shown = doc.shadow[doc.segs[title[0]].start : doc.segs[title[-1]].end]
    key = _SPACES.sub("", shown)
    if len(key) < 8:
        return
    # a Latin title's spaces part words, so a run of letters that spells it without them is
    # another word ("hostleadership.com" is not "Host Leadership"); a CJK title's spaces are
    # layout, and a copy glued to the first sentence may drop them
    latin = _LATIN_SPACE.search(shown) is not None
    starts = [s.start for s in doc.segs]
    probe = key[:4]
    # a copy above the title, outside the article (the page title printed at the top): the
    # headline is the copy next to the article
    pos = doc.shadow.find(probe, 0, doc.segs[title[0]].start)
    while pos >= 0:
        i = bisect_right(starts, pos) - 1
        if i >= 0 and starts[i] == pos and doc.zone[i] == "head" and not doc.whole_claimed(i) \
                and _SPACES.sub("", doc.shadow[doc.segs[i].start : doc.segs[i].end]) == key:
            doc.claim(i, None, category="duplicate", rule_id="dup.title_above", confidence=0.85)
        pos = doc.shadow.find(probe, pos + 1, doc.segs[title[0]].start)
    pos = doc.segs[title[-1]].end
    # a copy inside the article after some of its sentences is a section heading that repeats
    # a heading the title was taken from (a table of contents above a law's chapters)
    body = _first_sentence_of_core(doc)
    while (pos := doc.shadow.find(probe, pos)) >= 0:  # C-speed search, then check the segment
        i = bisect_right(starts, pos) - 1
        pos += 1
        s = doc.segs[i]
        if s.start != pos - 1 or doc.whole_claimed(i) or body < i <= doc.core[1]:
            continue
        piece = doc.shadow[s.start : s.end]
        flat = _SPACES.sub("", piece)
        if flat == key:
            doc.claim(i, None, category="duplicate", rule_id="dup.title", confidence=0.9)
        elif flat.startswith(key) and " " not in piece[: len(key)] and not latin:
            doc.claim(i, None, s.start, s.start + len(key), "duplicate", "dup.title_glued", 0.85)
        elif key.startswith(flat) and doc.line_last[i] > i:
            # a copy cut into segments like the title itself ("…的地方 为何老外…")
            k = i
            while len(flat) < len(key) and k < doc.line_last[i]:
                k += 1
                flat += _SPACES.sub("", doc.shadow[doc.segs[k].start : doc.segs[k].end])
            if flat == key and not any(doc.whole_claimed(j) for j in range(i, k + 1)):
                for j in range(i, k + 1):
                    doc.claim(j, None, category="duplicate", rule_id="dup.title", confidence=0.9)


def _first_sentence_of_core(doc: _Doc) -> int:
    """Index of the core's first sentence-like segment (past the core when it has none)."""
    a, b = doc.core
    if not doc.has_core:
        return len(doc.segs)
    sentence = doc.sentence
    return next((i for i in range(a, b + 1) if sentence[i]), len(doc.segs))


def _lead_summary(doc: _Doc, protect: set[int]) -> None:
    """An unlabelled summary above the article: an early paragraph whose opening words start a
    later paragraph again (the page printed its lead twice)."""
    if not doc.has_core:
        return
    starts = {s.start: i for i, s in enumerate(doc.segs)}
    checked = 0
    for i in range(max(0, doc.core[0] - 3), min(len(doc.segs), doc.core[0] + 3)):
        if i in doc.claims or i in protect or not doc.sentence[i] or doc.n[i] < 30:
            continue
        checked += 1
        s = doc.segs[i]
        probe = doc.shadow[s.start : s.start + (80 if doc.shadow[s.start : s.end].isascii() else 30)]
        if len(probe) < 30:
            continue
        flat = _SPACES.sub("", doc.shadow[s.start : s.end])
        need = max(30, len(flat) // 2)  # at least half of the lead must come back, word for word
        window = s.end + LEAD_WINDOW  # the article starts soon after its lead
        pos = doc.shadow.find(probe, s.end, window)
        while pos >= 0:
            k = starts.get(pos)
            if k is not None and (doc.sentence[k] or doc.zone[k] == "core") and \
                    _SPACES.sub("", doc.shadow[pos : pos + 2 * need + 16])[:need] == flat[:need]:
                doc.claim(i, None, category="duplicate", rule_id="dup.summary", confidence=0.8)
                break
            pos = doc.shadow.find(probe, pos + 1, window)
        if i not in doc.claims and _clauses_repeated(doc, i, window):
            doc.claim(i, None, category="duplicate", rule_id="dup.summary_clauses", confidence=0.75)
        if checked >= 2:
            break


_CLAUSE = re.compile(r"[^,，。;；!！?？:：“”\"'‘’\s]{4,}")


def _clauses_repeated(doc: _Doc, i: int, window: int) -> bool:
    """A lead stitched from one later paragraph ("X表示，" plus clauses the paragraph quotes):
    at least three of its clauses (two of them 8+ characters), and 80% of its characters, recur
    in one later sentence-like segment, each word for word and only once (a formula said again
    and again, as in a list of biographies, is no evidence)."""
    s = doc.segs[i]
    clauses = _CLAUSE.findall(doc.shadow, s.start, s.end)
    total = sum(len(c) for c in clauses)
    if len(clauses) < 3 or total < 30:
        return False
    seg_starts = [g.start for g in doc.segs]
    found: dict[int, int] = {}
    counts: dict[int, int] = {}
    long: dict[int, int] = {}
    for c in clauses:
        pos = doc.shadow.find(c, s.end, window)
        if pos < 0 or doc.shadow.find(c, pos + len(c), window) >= 0:
            continue  # absent, or formulaic (said again and again: "爲南嶽下十六世")
        k = bisect_right(seg_starts, pos) - 1
        if k <= i or k - i > LEAD_SEGMENTS or not (doc.sentence[k] or doc.zone[k] == "core") or doc.n[k] < doc.n[i]:
            continue  # the article repeats its lead within its first paragraphs, not pages later
        found[k] = found.get(k, 0) + len(c)
        counts[k] = counts.get(k, 0) + 1
        long[k] = long.get(k, 0) + (len(c) >= 8)
    if not found:
        return False
    k = max(found, key=found.__getitem__)
    return counts[k] >= 3 and found[k] >= 0.8 * total and long[k] >= 2


_LINE_CONTEXT = frozenset(("footer_copyright", "footer_contact", "icp_filing", "breadcrumb", "metadata", "credits"))


def _line_context(doc: _Doc, protect: set[int]) -> None:
    """Outside the core, short leftovers on a footer/metadata line go with it
    ("版权所有 湖南省中医药研究院附属医院 Copyright ©"): position plus line context."""
    seen_lines: set[int] = set()
    for i in sorted(doc.claims):
        first, last = doc.line_first[i], doc.line_last[i]
        if first == last or first in seen_lines or doc.claims[i][-1][0] not in _LINE_CONTEXT:
            continue
        seen_lines.add(first)
        idxs = range(first, last + 1)
        cat = doc.claims[i][-1][0]
        if any(doc.zone[k] == "core" for k in idxs) and not (
            cat == "credits" and all(k in doc.claims or doc.n[k] <= 4 for k in idxs)
        ):
            continue  # inside the article only the names after a byline ("《棱镜》作者 周纯")
        for k in idxs:
            if k not in doc.claims and k not in protect and not doc.sentence[k] and doc.n[k] <= 40:
                doc.claim(k, None, category=cat, rule_id="ctx.same_line", confidence=0.75)


def _after_title(doc: _Doc, title: list[int], protect: set[int]) -> None:
    """Short names between the title and a metadata segment just below it are bylines
    ("加拿大必读" between a headline and "发布时间：…")."""
    if not title:
        return
    between: list[int] = []
    for k in range(title[-1] + 1, min(title[-1] + 4, len(doc.segs))):
        cl = doc.claims.get(k)
        if cl:
            if cl[-1][0] == "metadata" and between:
                for j in between:
                    doc.claim(j, None, category="metadata", rule_id="ctx.after_title", confidence=0.75)
            return
        if k in protect or doc.sentence[k] or doc.n[k] > 16 or doc.zone[k] == "core":
            return
        between.append(k)


def _link_objects(doc: _Doc) -> None:
    """A link broken over two lines ("Learn more about" / "WebIDE"): the object goes with it."""
    for i in [k for k, cl in doc.claims.items() if cl[-1][1] == "re.en.more"]:
        s = doc.segs[i]
        j = i + 1
        if j < len(doc.segs) and j not in doc.claims and doc.shadow.endswith("about", s.start, s.end) \
                and doc.segs[j].line == s.line + 1 and not doc.sentence[j] and doc.n[j] <= 40:
            doc.claim(j, None, category="other", rule_id="ctx.link_object", confidence=0.75)


def _islands(doc: _Doc, protect: set[int]) -> None:
    """Outside the core, a short segment between two claimed ones goes with them (an account
    name inside a share bar, "at" between a date and a time)."""
    segs = doc.segs
    full = doc.full
    for i in range(1, len(segs) - 1):
        if doc.zone[i] == "core" or i in doc.claims or i in protect or doc.n[i] > 20 or doc.sentence[i]:
            continue  # a sentence between chrome is somebody's words (a reply in a forum thread)
        if i - 1 in full and i + 1 in full and doc.zone[i - 1] == doc.zone[i] == doc.zone[i + 1]:
            cat = doc.claims[i - 1][-1][0]
            if cat == doc.claims[i + 1][-1][0]:
                doc.claim(i, None, category=cat, rule_id="ctx.island", confidence=0.7)


def _follow_context(doc: _Doc) -> None:
    """The account name printed after a follow/QR prompt at the end of a page."""
    for i in range(len(doc.segs) - 1):
        cl = doc.claims.get(i)
        if not cl or cl[-1][0] != "share_follow_qr" or doc.zone[i] == "head":
            continue
        j = i + 1
        taken: list[int] = []
        while j < len(doc.segs) and len(taken) < 2 and j not in doc.claims and not doc.sentence[j] and doc.n[j] <= 20:
            taken.append(j)
            j += 1
        if taken and (j == len(doc.segs) or j in doc.claims):
            for k in taken:
                doc.claim(k, None, category="share_follow_qr", rule_id="ctx.follow_name", confidence=0.75)


def _code_listing(doc: _Doc, segments: list[int]) -> bool:
    """Whether ``segments`` are mostly lines of code (two thirds), or code under the numbered
    section headings of a tutorial ("一、部署Apollo", "1、docker脚本")."""
    text, segs = doc.text, doc.segs
    code = headings = 0
    for k in segments:
        a, b = segs[k].start, segs[k].end
        if _CODE_LINE.search(text, a, b):
            code += 1
        elif _NUMBERED_HEADING.match(text, a, b):
            headings += 1
    return 3 * code >= 2 * len(segments) or (code > 0 and code + headings == len(segments))


def _spaced_prose(doc: _Doc, segments: list[int]) -> bool:
    """Whether ``segments`` are prose that uses spaces and line breaks for commas, as blogs and
    forums often do ("葉落繽紛顯得幾分蕭瑟氣息 空氣中可以嗅得出來…"): two thirds of their lines are
    long clauses (one of 12 characters or more, or two or more of six or more, 16 in all) with
    a function word or pronoun and no digit or Latin letter. Menu items are short, and link
    titles seldom read as phrases without a number or a name in Latin letters."""
    lines: dict[int, list[int]] = {}
    for k in segments:
        lines.setdefault(doc.segs[k].line, []).append(k)
    if len(lines) < 3:
        return False
    prose = sum(1 for ks in lines.values() if _prose_line(doc, ks))
    return 3 * prose >= 2 * len(lines)


def _prose_line(doc: _Doc, ks: list[int]) -> bool:
    """Whether the segments ``ks`` of one line read as a clause of prose (see _spaced_prose)."""
    segs, shadow, n = doc.segs, doc.shadow, doc.n
    a, b = segs[ks[0]].start, segs[ks[-1]].end
    return (n[ks[0]] >= 12 if len(ks) == 1 else min(n[k] for k in ks) >= 6 and sum(n[k] for k in ks) >= 16) \
        and _PHRASE_CHARS.search(shadow, a, b) is not None and _DIGIT_OR_LATIN.search(shadow, a, b) is None


def _prose_tail(doc: _Doc, run: list[int]) -> int:
    """How many segments at the end of ``run`` are three or more lines of prose in a row (the
    start of an article written without commas, below the page head's menus)."""
    lines: list[list[int]] = []
    for k in run:
        if lines and doc.segs[lines[-1][-1]].line == doc.segs[k].line:
            lines[-1].append(k)
        else:
            lines.append([k])
    count = taken = 0
    for ks in reversed(lines):
        whole = list(range(doc.line_first[ks[0]], doc.line_last[ks[0]] + 1))  # the run may stop mid-line, at the core
        if any(k in doc.claims for k in ks) or not _prose_line(doc, whole):
            break
        count += 1
        taken += len(ks)
    return taken if count >= 3 else 0


def _latin_title(doc: _Doc, i: int) -> bool:
    """Whether segment ``i`` reads like the title of an English article: four to sixteen words
    on a line of its own, a capital first, no sentence punctuation (checked by the caller) and no
    code, at most 100 letters."""
    s = doc.segs[i]
    return doc.n[i] <= 100 and doc.line_first[i] == doc.line_last[i] and 3 <= doc.shadow.count(" ", s.start, s.end) <= 15 \
        and doc.text[s.start].isupper() and doc.shadow[s.start : s.end].isascii() \
        and _CODE_LINE.search(doc.text, s.start, s.end) is None


def _title_list(doc: _Doc, run: list[int]) -> bool:
    """Below the article and some of the page's chrome, three or more English headlines in a
    row, each on its own line, are a list of other articles (the rest of the run may be chrome
    other rules found)."""
    titles = [k for k in run if k not in doc.claims]
    if len(titles) < 3 or doc.zone[run[0]] != "tail" or not all(doc.n[k] > 24 and _latin_title(doc, k) for k in titles):
        return False
    # chrome between the article and the list: a list right below the last paragraph may be the
    # article's own (key points, further reading)
    return any(k in doc.claims for k in range(doc.core[1] + 1, titles[0]))


def _menu_like(doc: _Doc, run: list[int]) -> bool:
    """A run of unpunctuated short segments looks like a menu: three or more items of menu
    length (median <= 10 characters), or a long run (8+) of link-title length."""
    if len(run) < 3:
        return False
    first, last = doc.segs[run[0]], doc.segs[run[-1]]
    if len(run) == 3 and first.line == last.line and not _BARS.search(doc.text, first.end, last.start):
        return False  # three words on one line may be a heading ("郊廟歌辭 祀圜丘樂章 豫和")
    lengths = sorted(doc.n[k] for k in run)
    if not (lengths[len(lengths) // 2] <= 10 or len(run) >= 8):
        return False
    if sum(1 for k in run if k not in doc.claims) < 2:
        return False  # one short line next to chrome that other rules found: a heading, not a menu
    # Verse is short unpunctuated lines too, but it is made of phrases: most of its lines carry
    # a function word (的 了 着 得 ...), where menu items and link titles are mostly names.
    unclaimed = [k for k in run if k not in doc.claims]
    if len(unclaimed) >= 3 and _code_listing(doc, unclaimed):
        doc.notes.append(f"short lines at {doc.segs[run[0]].start} read as a code listing: not a menu")
        return False
    if _spaced_prose(doc, unclaimed):
        doc.notes.append(f"lines at {doc.segs[run[0]].start} read as prose with spaces for commas: not a menu")
        return False
    if len(unclaimed) >= 3 and all(doc.line_first[k] == doc.line_last[k] for k in unclaimed):
        shadow = doc.shadow
        spans = [(doc.segs[k].start, doc.segs[k].end) for k in unclaimed]
        wordy = sum(1 for a, b in spans if _FUNCTION_CHARS.search(shadow, a, b))
        # a long run may be looser (a poem's title and author lines, terse images) when its lines
        # hold no digit or Latin letter (dates, counts and names of link lists and menus)
        phrases = 0
        if len(spans) >= 8 and not any(_DIGIT_OR_LATIN.search(shadow, a, b) for a, b in spans):
            phrases = sum(1 for a, b in spans if _PHRASE_CHARS.search(shadow, a, b))
        if 3 * wordy >= 2 * len(unclaimed) or 20 * phrases >= 11 * len(unclaimed):
            doc.notes.append(f"short lines at {doc.segs[run[0]].start} read as verse or prose: not a menu")
            return False
    return True


def _closes_article(doc: _Doc, j: int) -> bool:
    """Whether segment ``j`` is a closing sentence of the article below the core: unclaimed,
    sentence-like, and followed by the credits block (editor, proofreader) within a few
    segments. Short lines above it are then the article's own (a post written a phrase per
    line), not a menu."""
    if j >= len(doc.segs) or j in doc.claims or not doc.sentence[j]:
        return False
    for k in range(j + 1, min(j + 4, len(doc.segs))):
        cl = doc.claims.get(k)
        if cl:
            return cl[-1][0] == "credits"
    return False


def _shape(doc: _Doc, markers: set[int], protect: set[int], model: Any) -> None:
    """Menus and link lists: runs of short non-sentence segments in the head or tail zone
    (two signals: position plus shape, a list marker, or repetition across documents)."""
    if not doc.has_core:
        return
    core_a, core_b = doc.core
    # sign-off of a notice: up to two short segments right after the core stay
    for i in range(core_b + 1, min(core_b + 3, len(doc.segs))):
        piece = doc.shadow[doc.segs[i].start : doc.segs[i].end].strip()
        if i not in doc.claims and (_SIGNOFF.search(piece) or _DATE.fullmatch(piece.rstrip("日"))):
            protect.add(i)
        else:
            break
    after: str | None = None  # category of the list ("related_links") or comment thread ("other") we are in
    taken: list[int] = []
    for i in range(core_b + 1, len(doc.segs)):
        if i in markers:
            if taken:
                _claim_after(doc, taken, after)
                taken = []
            after = doc.claims[i][-1][0]
            continue
        if after and i not in doc.claims and i not in protect and doc.n[i] <= 200:
            taken.append(i)
    if taken:
        _claim_after(doc, taken, after)
    segs, lengths, has_punct, shadow = doc.segs, doc.n, doc.punct, doc.shadow
    claims, full = doc.claims, doc.full
    core_lines = {segs[core_a].line, segs[core_b].line}
    for zone_range in (range(0, core_a), range(core_b + 1, len(segs))):
        run: list[int] = []  # short unpunctuated segments, claimed or not
        for i in [*zone_range, -1]:
            if i >= 0:
                seg = segs[i]
                if seg.line in core_lines:
                    continue  # the start of the core's own line ("长江网10月4日讯（记者陈智 整合） 国庆…")
                # _ITEM_PUNCT: sentence punctuation, or a colon ending the segment
                if (lengths[i] <= 24 or (i > core_b and _latin_title(doc, i))) and has_punct[i] is None \
                        and shadow[seg.end - 1] not in ":：" and i not in protect:
                    if i not in claims or i in full:
                        run.append(i)
                    continue
                if i in full:
                    continue  # claimed chrome does not break a run
            if len(run) >= 3 and _title_list(doc, run):
                doc.claim_run([k for k in run if k not in claims], "related_links", "shape.title_list", 0.7)
            elif _menu_like(doc, run) and not (run[0] > core_b and _closes_article(doc, run[-1] + 1)):
                prose = _prose_tail(doc, run) if run[-1] < core_a else 0  # the article's first lines, above the core
                if prose:
                    doc.notes.append(f"lines at {segs[run[-prose]].start} read as prose with spaces for commas: not a menu")
                    run = run[:-prose]
                if len(run) >= 3 or not prose:
                    doc.claim_run([k for k in run if k not in claims], "navigation", "shape.short_run", 0.7)
            run = []
    _dated_list(doc, core_b, protect)
    _bullet_list(doc, protect)
    if model is not None:
        for i in range(len(doc.segs)):
            if doc.zone[i] == "core" or i in doc.claims or i in protect or doc.sentence[i]:
                continue
            if model.is_repeated(doc.shadow[doc.segs[i].start : doc.segs[i].end]):
                doc.claim(i, None, category="navigation" if doc.zone[i] == "head" else "other",
                          rule_id="model.repeated", confidence=0.8)


MIN_FEED = 3  # teaser-ending lines ("READ THE REST") in a feed of other articles
MAX_TEASER = 400  # characters in a teaser's title or summary line


def _teaser_feed(doc: _Doc, protect: set[int]) -> None:
    """A feed of teasers: the same short related-links line ("READ THE REST") closing three or
    more blocks. Each block (up to two lines above the closing line: a title and a summary)
    is a teaser of another article, wherever it sits: a feed longer than a short post would
    otherwise be taken for the article."""
    ends: dict[str, list[int]] = {}
    for i, cl in doc.claims.items():
        if cl[-1][0] == "related_links" and i in doc.full and doc.n[i] <= 20 and doc.line_first[i] == doc.line_last[i]:
            s = doc.segs[i]
            ends.setdefault(doc.shadow[s.start : s.end].strip(), []).append(i)
    for idx in ends.values():
        if len(idx) < MIN_FEED:
            continue
        for i in idx:
            k = i - 1
            taken = 0
            while k >= 0 and taken < 2 and k not in doc.claims and k not in protect and doc.n[k] <= MAX_TEASER \
                    and doc.line_first[k] == doc.line_last[k]:
                doc.claim(k, None, category="related_links", rule_id="shape.teaser_feed", confidence=0.75)
                taken += 1
                k -= 1


# a summary cut short by the page: a word, then "..." or one "…" (prose writes "……" or ends a
# sentence before its dots)
_TRUNCATED = re.compile(r"(?<=[^\W_])(?:\.\.\.|(?<!…)…)$")


def _truncated_teasers(doc: _Doc, protect: set[int]) -> None:
    """Teasers of other articles outside the core: three or more summaries cut off mid-sentence
    ("France became the first country..."), each with the title line above it."""
    segs, shadow, claims = doc.segs, doc.shadow, doc.claims
    found = [i for i in range(len(segs)) if doc.zone[i] != "core" and i not in claims and i not in protect
             and doc.n[i] <= MAX_TEASER and doc.line_last[i] == i
             and (m := _TRUNCATED.search(shadow, segs[i].start, segs[i].end)) is not None
             and (m.group() == "…" or shadow[segs[i].start : segs[i].end].isascii())]  # Chinese posts write "..." freely
    if len(found) < MIN_FEED:
        return
    for i in found:
        doc.claim(i, None, category="related_links", rule_id="shape.truncated_teaser", confidence=0.75)
        k = doc.line_first[i] - 1  # the teaser's title: the line above, a heading
        if k >= 0 and k not in claims and k not in protect and doc.zone[k] != "core" and not doc.sentence[k] \
                and doc.n[k] <= 120 and doc.line_first[k] == doc.line_last[k]:
            doc.claim(k, None, category="related_links", rule_id="shape.truncated_teaser", confidence=0.75)


def _claim_after(doc: _Doc, taken: list[int], after: str | None) -> None:
    """The segments ``taken`` below a list or comment-thread heading of category ``after``."""
    rid = "shape.after_list_marker" if after == "related_links" else "shape.after_comments_marker"
    doc.claim_run(taken, after or "other", rid, 0.8)


def _dated_list(doc: _Doc, core_b: int, protect: set[int]) -> None:
    """Below the article, a run of headline-length lines of which most end or start with a date
    is a list of other articles ("…难落实2015-08-11", "2021-01-19癫痫病的…"), even without a
    heading or with punctuation."""
    segs = doc.segs
    shadow = doc.shadow
    run: list[int] = []
    dated = 0
    for i in [*range(core_b + 1, len(segs)), -1]:
        if i >= 0 and i in doc.full:
            continue  # claimed chrome inside the list
        if i >= 0 and i not in doc.claims and i not in protect and doc.n[i] <= 60 \
                and shadow.find("。", segs[i].start, segs[i].end) < 0:
            run.append(i)
            if shadow[segs[i].end - 1] in _DATE_LAST and _DATED_END.search(shadow, segs[i].start, segs[i].end):
                dated += 1
            elif _DATED_START.match(shadow, segs[i].start, segs[i].end):
                dated += 1  # "2021-01-19癫痫病的诊断方法…": the date first
            continue
        if len(run) >= 3 and dated >= 3 and 2 * dated >= len(run):
            for k in run:
                doc.claim(k, None, category="related_links", rule_id="shape.dated_list", confidence=0.75)
        run = []
        dated = 0


_BULLETS = frozenset("·•●▪■◆◇○►▶")


def _bullet_list(doc: _Doc, protect: set[int]) -> None:
    """Outside the core, three or more lines in a row that open with a bullet ("· 国庆返程后怎么办？
    多地紧急提醒") are a list of links, even when the headlines carry punctuation."""
    segs, shadow, claims = doc.segs, doc.shadow, doc.claims
    core_a, core_b = doc.core
    for zone_range in (range(0, core_a), range(core_b + 1, len(segs))):
        run: list[int] = []
        for i in [*zone_range, -1]:
            if i >= 0 and i in doc.full:
                continue  # claimed chrome inside the list
            if i >= 0 and shadow[segs[i].start] in _BULLETS and i not in claims and i not in protect \
                    and doc.n[i] <= 60 and shadow.find("。", segs[i].start, segs[i].end) < 0:
                run.append(i)
                continue
            if len(run) >= 3:
                for k in run:
                    doc.claim(k, None, category="related_links", rule_id="shape.bullet_list", confidence=0.75)
            run = []


def _captions_in_core(doc: _Doc) -> None:
    """Runs of short lines inside the core that end like photo captions ("胡大剑 致辞")."""
    ends = ("致辞", "讲话", "发言", "现场", "合影", "留念", "签约仪式", "揭牌仪式", "颁奖",
            "致詞", "講話", "發言", "現場", "簽約儀式", "揭牌儀式", "頒獎")
    i = 0
    segs = doc.segs
    while i < len(segs):
        if doc.zone[i] != "core" or i in doc.claims or doc.sentence[i] or doc.n[i] > 24:
            i += 1
            continue
        j = i
        while j + 1 < len(segs) and doc.zone[j + 1] == "core" and (j + 1) not in doc.claims \
                and not doc.sentence[j + 1] and doc.n[j + 1] <= 24:
            j += 1
        run = range(i, j + 1)
        pieces = [doc.shadow[segs[k].start : segs[k].end] for k in run]
        lines = {segs[k].line for k in run}
        enders = sum(1 for p in pieces if p.endswith(ends))
        named = any(
            doc.line_last[k] == k and _CAPTION_NAME.search(doc.text, max(segs[doc.line_first[k]].start, segs[k].end - 16), segs[k].end)
            for k in run
        )
        if len(lines) >= 2 and (enders >= 2 or named):
            for k in run:
                doc.claim(k, None, category="caption", rule_id="shape.caption_run", confidence=0.7)
        i = j + 1


_PHOTO_CREDITS = frozenset(("lab.en.photo", "lab.en.photo2", "re.en.photo"))


def _credited_captions(doc: _Doc) -> None:
    """A short line that ends in a photo credit ("… storm. Photograph: Jane Doe/Getty Images")
    is a caption: the text before the credit goes with it."""
    for i, cl in list(doc.claims.items()):
        if cl[-1][1] not in _PHOTO_CREDITS or doc.line_last[i] != i:
            continue
        line = range(doc.line_first[i], i + 1)
        if sum(doc.n[k] for k in line) > 200:
            continue
        seg = doc.segs[i]
        if i not in doc.full:  # the credit inside the segment: it must end it
            if doc.shadow[cl[-1][4] : seg.end].strip():
                continue
            doc.claim(i, None, seg.start, cl[-1][3], "caption", "ctx.credited_caption", 0.8)
        for k in line[:-1]:
            if k not in doc.claims:
                doc.claim(k, None, category="caption", rule_id="ctx.credited_caption", confidence=0.8)


# A photo shows a scene: these words end a caption that names one ("研讨会现场", "揭牌仪式").
_SCENE_END = re.compile(
    "(?:现场|現場|仪式|儀式|合影|合照|留念|典礼|典禮|会场|會場|剪彩|剪綵|揭牌|颁奖|頒獎|签约|簽約|"
    "致辞|致辭|致詞|讲话|講話|发言|發言)$"
    "|(?:签署|簽署|签订|簽訂)\\S{0,12}(?:协议|協議|合同|备忘录|備忘錄)$"
)
# numbered headings ("第一章", "一、", "（二）", "3.") introduce what follows: never captions
_NUMBERED = re.compile(r"第\S{1,4}[章节節部篇条條]|[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．]")
# a dateline or byline opens a news item: the short line above it is its headline
_NEWS_OPENING = re.compile(r"(?:本报|本報|本刊|新华社|新華社|中新社|中新网|中新網|记者|記者|通讯员|通訊員|特约|特約)"
                           r"|\S{0,12}?\d{1,2}月\d{1,2}日(?:电|電|讯|訊)")
_SUBTITLE_OPENERS = frozenset("—―–-~～《“「\"'")
MAX_CAPTION_RUN = 4  # short lines between two paragraphs read as captions at most this many in a row


def _scene_captions(doc: _Doc, protect: set[int]) -> None:
    """Photo captions without a credit: a run of up to ``MAX_CAPTION_RUN`` short unpunctuated
    lines right after a paragraph of the article, where one line names a scene ("…签约仪式",
    "研讨会现场") or repeats a name the paragraph above just said ("成都市现代物流产业生态圈联盟").

    A section heading looks the same but introduces the paragraph below it, which opens by
    naming it again ("大会开幕式" / "5月11日上午，大会开幕式在…") or with a dateline ("本报北京1月1日
    讯"), or it is numbered: such a run stays whole. A run followed by more short lines (a
    list) stays too."""
    if not doc.has_core:
        return
    segs, shadow, claims = doc.segs, doc.shadow, doc.claims
    core_a, core_b = doc.core
    n = len(segs)
    # a caption line opens with a segment without sentence punctuation, first on its line:
    # the scan jumps from one such segment to the next
    punct, line_first = doc.punct, doc.line_first
    opens = [k for k in range(core_a + 1, min(core_b + 2, n)) if punct[k] is None and line_first[k] == k]
    if not opens:
        return
    i = opens[0]
    while i <= core_b + 1 and i < n:  # a caption may follow the article's last paragraph
        if punct[i] is not None or line_first[i] != i:
            k = bisect_right(opens, i)
            if k == len(opens):
                break
            i = opens[k]
        # the lines of a run: (first segment, last segment) each, every segment a candidate
        run: list[tuple[int, int]] = []
        j = i
        while j < n and len(run) <= MAX_CAPTION_RUN:
            first, last = doc.line_first[j], doc.line_last[j]
            if first != j or not _caption_line(doc, first, last, protect):
                break
            run.append((first, last))
            j = last + 1
        if not run or len(run) > MAX_CAPTION_RUN:
            i = j + 1 if run else i + 1
            continue
        prev = run[0][0] - 1
        nxt = run[-1][1] + 1
        i = nxt
        if prev in claims or not doc.sentence[prev] or doc.line_last[prev] != prev:
            continue  # not right after a paragraph
        if nxt < len(segs) and nxt not in claims and not doc.sentence[nxt]:
            continue  # more short lines follow: a list, not captions
        texts = [_SPACES.sub("", shadow[segs[a].start : segs[b].end]) for a, b in run]
        if any(_NUMBERED.match(t) or _NEWS_OPENING.match(t) or t[0] in _SUBTITLE_OPENERS for t in texts):
            continue  # a numbered heading, a headline over its byline, a subtitle ("——在…上的讲话")
        if nxt < len(segs) and nxt not in claims:
            opening = _SPACES.sub("", shadow[segs[nxt].start : segs[nxt].start + 60])[:40]
            if any(t in opening for t in texts) or _NEWS_OPENING.match(opening):
                continue  # a heading: the paragraph below opens by naming it, or with a dateline
        above = _SPACES.sub("", shadow[segs[prev].start : segs[prev].end])
        if not any(_SCENE_END.search(t) or (len(t) >= 6 and t in above) for t in texts):
            continue
        for a, b in run:
            for k in range(a, b + 1):
                doc.claim(k, None, category="caption", rule_id="shape.caption_scene", confidence=0.7)


def _caption_line(doc: _Doc, first: int, last: int, protect: set[int]) -> bool:
    """Whether the line of segments ``first..last`` could be a caption: short, unclaimed, no
    sentence punctuation, Han text, in or below the article."""
    total = 0
    for k in range(first, last + 1):
        if k in doc.claims or k in protect or doc.punct[k] is not None or doc.zone[k] == "head":
            return False
        total += doc.n[k]
    if not 4 <= total <= 24:
        return False
    a, b = doc.segs[first].start, doc.segs[last].end
    return _HAN.search(doc.shadow, a, b) is not None and doc.shadow[b - 1] not in ":："


# --------------------------------------------------------------------------- spans


_H_SEP = " \t\u3000\u00a0|丨｜•·"


def _spans(doc: _Doc) -> list[Span]:
    """Claims -> sorted, non-overlapping spans that leave tidy text behind: pieces of one line
    are joined over the separators between them, a line that goes entirely takes its line
    break and the blank lines after it, and a piece at a line's end takes the spaces before it
    (so the output needs no whitespace normalization, and stays stable when run again)."""
    raw: list[tuple[int, int, str, str, float]] = []
    add = raw.append
    shared: set[int] = set()
    for cl in doc.claims.values():
        if type(cl) is tuple:  # one run claim shared by its segments: taken once
            if id(cl) in shared:
                continue
            shared.add(id(cl))
        for cat, rid, conf, a, b in cl:
            add((a, b, cat, rid, conf))
    raw.sort()
    if not raw:
        return []
    text = doc.text
    n = len(text)
    merged: list[list[Any]] = []
    for a, b, cat, rid, conf in raw:
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b, cat, rid, conf])
    groups: list[list[list[Any]]] = []
    sep_run = _SEP_RUN.fullmatch
    for m in merged:
        if groups:
            gap_a = groups[-1][-1][1]
            if text.find("\n", gap_a, m[0]) < 0 and sep_run(text, gap_a, m[0]):
                groups[-1].append(m)
                continue
        groups.append([m])
    out: list[list[Any]] = []
    # line breaks once, then bisects: rfind/find per group would be quadratic on one long line
    breaks = _line_breaks(text)
    n_breaks = len(breaks)
    blank = _BLANK.match
    for g in groups:
        if len(g) > 1:
            for x, y in pairwise(g):
                x[1] = y[0]
        a, b = g[0][0], g[-1][1]
        k = bisect_left(breaks, a)
        line_a = breaks[k - 1] + 1 if k else 0
        k = bisect_left(breaks, b, k)
        line_b = breaks[k] if k < n_breaks else n
        left_clean = a == line_a or sep_run(text, line_a, a) is not None
        right_clean = b == line_b or sep_run(text, b, line_b) is not None
        if left_clean and right_clean:
            a = line_a
            e = blank(text, line_b).end()
            while e < n and text[e] in "|丨｜" and _is_sep(text, e, breaks):
                k = bisect_left(breaks, e)  # a line of bars and spaces goes whole
                e = blank(text, breaks[k]).end() if k < n_breaks else n
            if e < n or a == 0:
                b = e
            else:  # the last line(s): take the blank space before, keep a final line break
                while a > 0 and text[a - 1].isspace():
                    a -= 1
                b = n - 1 if text.endswith("\n") else n
        elif right_clean:
            while a > line_a and text[a - 1] in _H_SEP:
                a -= 1
            b = line_b
        else:
            if left_clean:
                a = line_a
            while b < line_b and text[b] in _H_SEP:
                b += 1
        g[0][0], g[-1][1] = a, b
        for m in g:
            if out and m[0] < out[-1][1]:
                m[0] = out[-1][1]
            if m[1] > m[0]:
                out.append(m)
    if out and not text[out[-1][1] :].strip():
        # chrome up to the end: the chain of spans reaching the end also takes the blank space
        # before it, and the text keeps its final line break
        k = len(out) - 1
        while k > 0 and not text[out[k - 1][1] : out[k][0]].strip():
            k -= 1
        a = out[k][0]
        while a > 0 and text[a - 1].isspace():
            a -= 1
        if k > 0 and a < out[k - 1][1]:
            a = out[k - 1][1]
        out[k][0] = a
        for j in range(k + 1, len(out)):
            out[j][0] = out[j - 1][1]
        out[-1][1] = n - 1 if text.endswith("\n") and a > 0 else n
        out = [m for m in out if m[1] > m[0]]
    # touching pieces with the same category, rule and confidence are one span (a menu of
    # forty lines is one explanation, not forty)
    joined: list[list[Any]] = []
    for m in out:
        if joined:
            last = joined[-1]
            if last[1] == m[0] and last[3] == m[3] and last[2] == m[2] and last[4] == m[4]:
                last[1] = m[1]
                continue
        joined.append(m)
    out = joined
    return [Span(a, b, cat, rid, conf) for a, b, cat, rid, conf in out]


def _line_breaks(text: str) -> list[int]:
    """Offsets of every "\n" in ``text``, from the line lengths (no Python step per line)."""
    ends = list(accumulate(map(len, text.split("\n"))))  # ends[k]: characters in lines 0..k
    ends.pop()
    return list(map(add, ends, range(len(ends))))  # plus the k line breaks before line k


def _is_sep(text: str, i: int, breaks: list[int]) -> bool:
    """Whether position ``i`` is on a line holding nothing but bars and spaces."""
    k = bisect_left(breaks, i)
    a = breaks[k - 1] + 1 if k else 0
    b = breaks[k] if k < len(breaks) else len(text)
    return _SEP_RUN.fullmatch(text, a, b) is not None


_SEP_RUN = re.compile("[ \t\u3000\u00a0|丨｜\n\r•·]*")
_BLANK = re.compile(r"\s*")


# --------------------------------------------------------------------------- metadata


def _found_or(pos: int, default: int) -> int:
    return default if pos < 0 else pos


def _iso_date(value: str) -> str | None:
    """The first date in ``value`` as ISO 8601 (numeric or English written out), with its time
    when one follows within a few characters; ``None`` when there is no valid date."""
    m = _DATE.search(value)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = _EN_DATE.search(value)
        if not m:
            return None
        g = m.groups()
        month, day, year = (g[0], g[1], g[2]) if g[0] else (g[4], g[3], g[5])
        y, mo, d = int(year), _MONTHS[month.lower()], int(day)
    try:
        out = date(y, mo, d).isoformat()
    except ValueError:
        return None
    if not 1900 <= y <= 2100:
        return None
    t = _TIME.search(value, m.end())
    if t and t.start() - m.end() <= 4:
        hour = int(t.group(1))
        if t.group(4):  # 12-hour clock
            hour = hour % 12 + (12 if t.group(4).lower() == "p" else 0)
        if hour < 24:
            out += f"T{hour:02d}:{t.group(2)}" + (f":{t.group(3)}" if t.group(3) else "")
    return out


_NAME_FIELDS = ("author", "editor", "reporter", "photographer")
_DATE_JOINER = " \u00a0\u3000,;|/•·-–—"


def _split_dated(value: str) -> tuple[str, str]:
    """A byline value with a date after the name: ``(name, date text)``; else ``(value, "")``."""
    m = _DATE.search(value) or _EN_DATE.search(value)
    if m is None or m.start() == 0:
        return value, ""
    who = value[: m.start()].rstrip(_DATE_JOINER)
    if who.lower().endswith(" on"):
        who = who[:-3].rstrip(_DATE_JOINER)
    return (who, value[m.start() :]) if who else (value, "")


def _metadata(doc: _Doc, title: list[int]) -> Metadata:
    f = doc.fields
    values: dict[str, Any] = {}
    if title:
        values["title"] = doc.text[doc.segs[title[0]].start : doc.segs[title[-1]].end]
    names: dict[str, list[str]] = {}
    dates = list(f.get("date", []))
    for name in _NAME_FIELDS:  # "By Wikimedia Foundation•15 January 2020": a name and a date
        for v in f.get(name, []):
            who, when = _split_dated(v)
            names.setdefault(name, []).append(who)
            if when:
                dates.append(when)
    if title and len(dates) > 1:  # the article's own date is the first one below its title
        below, size = doc.segs[title[-1]].end, len(doc.text)
        dates = sorted(dates, key=lambda d: _found_or(doc.text.find(d, below), size))
    for d in dates:
        iso = _iso_date(fold(d))
        if iso:
            values["date"] = iso
            break
    for v in f.get("views", []):
        m = _DIGITS.search(v)
        if m:
            values["views"] = int(m.group().replace(",", ""))
            break
    for name in ("source", "author", "editor", "reporter", "photographer", "column", "url"):
        vals = [v for v in names.get(name, f.get(name, [])) if v]
        if name == "reporter":  # "記者陳嘉寧／桃園機場報導": the name
            vals = [_REPORT_PLACE.sub("", _CREDIT_HEAD.sub("", v)) or v for v in vals]
        if vals:
            values[name] = vals[0]
    if "url" in values:
        m = re.search(r"https?://\S+", values["url"])
        values["url"] = m.group() if m else values["url"]
    elif "://" in doc.shadow and (m := re.search(r"https?://[!-~]+", " ".join(
            doc.text[doc.segs[i].start : doc.segs[i].end] for i in sorted(doc.claims) if doc.zone[i] != "core"))):
        values["url"] = m.group()
    icps = [v for v in f.get("icp_number", []) if v] or [v for v in f.get("icp", []) if v]
    if icps:
        values["icp"] = "; ".join(dict.fromkeys(icps))
    cps = [re.sub(r"^(?:版权所有|版權所有)\s*[:：]?\s*", "", v) for v in f.get("copyright", []) if v]
    holders = [c for c in cps if c and not re.fullmatch(r"(?i)[\s©\d\-–,.]*|copyright.*|.*all rights reserved.*", c)]
    if holders:
        values["copyright"] = holders[0]
    contacts = [v for v in f.get("contact", []) if v]
    if contacts:
        values["contact"] = "; ".join(dict.fromkeys(contacts))
    # Values are data: page layout whitespace (runs of NBSP between phone numbers) is not.
    return Metadata(**{k: " ".join(v.split()) if isinstance(v, str) else v for k, v in values.items()})


# --------------------------------------------------------------------------- entry points


def _analyse(text: str, config: Config, model: Any = None, matches: list[tuple[int, int, int]] | None = None,
             shade: str | None = None) -> tuple[list[Span], Metadata, list[str], list[tuple[int, int, int]]]:
    """Spans, metadata and notes for ``text``, and the automaton matches they were found with
    (``matches`` and ``shade``, when given, are those of ``text`` already: see
    :func:`_matches_after_cut`)."""
    if not text or not text.strip():
        return [], Metadata(), [], []
    rs = ruleset()
    if shade is None:
        shade = shadow(text)
    if matches is None:
        matches = rs.matches(shade)
    labels, kws = _hits(rs, shade, matches)
    # a label starts a segment when it ends in a separator or is CJK ("by " inside a line does not)
    # ... and a one-character label ("图|", "文:") only where no Han character precedes it
    # ("网站地图 | 联系我们" is a menu, not a photo credit)
    cuts = [(a, b) for a, b, r in labels
            if (r.pattern[-1] in ":|/" or r.pattern[0] == "【")
            and (_HAN_LABEL.match(r.pattern) or a == 0 or not _HAN.match(shade, a - 1))]
    segs = split_segments(text, shade, cuts)
    if not segs:
        return [], Metadata(), [], matches
    m = _COLUMN.match(shade, segs[0].start, segs[0].end)
    if m and m.end() < segs[0].end:  # "【协会动态】Title": the column tag is its own segment
        first = segs[0]
        segs[0:1] = [Segment(first.start, m.end(), first.line), Segment(m.end(), first.end, first.line)]
    doc = _Doc(text, shade, segs)
    # strong chrome (markers, labels, ICP-like) shapes the core
    strong: set[int] = set()
    seg_starts = {s.start: i for i, s in enumerate(segs)}
    for a, _b, _r in labels:
        if a in seg_starts and doc.n[seg_starts[a]] <= MAX_CHROME:
            strong.add(seg_starts[a])
    starts = [s.start for s in segs]
    walls: set[int] = set()
    for a, b, r in kws:
        if r.confidence >= 0.9 or r.action == "marker":
            i = bisect_right(starts, a) - 1
            # a sentence goes only with a keyword confident enough to take it anywhere
            if i >= 0 and (not doc.sentence[i] or r.confidence >= 0.97) and doc.n[i] <= MAX_CHROME:
                strong.add(i)
                if r.action == "marker" and doc.n[i] <= (b - a) + 8:
                    walls.add(i)
            elif i >= 0 and _notice_hit(shade, segs[i], a, r, doc.n[i]):
                strong.add(i)  # a Latin notice paragraph ("We use cookies…") is not article text
    # a line that opens with a copyright sign is a footer, however long ("Copyright © 2024 …, Ltd.
    # All Rights Reserved."): it weighs against the core
    if "©" in shade or "copyright" in shade:
        for i, seg in enumerate(segs):
            if doc.n[i] <= MAX_NOTICE and _COPYRIGHT_START.match(shade, seg.start, seg.end):
                strong.add(i)
    # an end-of-article line ("- THE END -", "（完）") closes the article: the core ends before it
    end_line = _end_line()
    end_mark = None
    if end_line is not None and end_line.search(shade):
        for m in end_line.finditer(shade):
            i = bisect_right(starts, m.end() - 1) - 1
            if i >= 0:
                walls.update(range(doc.line_first[i], doc.line_last[i] + 1))
                end_mark = doc.line_first[i] if end_mark is None else end_mark
    # short UI words ("举报", "回复", "分享") and relative times ("3小时前") are chrome wherever they
    # are: they weigh against the core, so a comment thread below an article stays outside it
    for i, seg in enumerate(segs):
        if doc.n[i] <= 10 and not doc.sentence[i]:
            piece = shade[seg.start : seg.end]
            if piece.strip(_EDGE_STRIP) in rs.whole or _RELTIME.fullmatch(piece):
                strong.add(i)
    _find_core(doc, strong, walls, end_mark)
    _apply_labels(doc, labels)
    _apply_regexes(doc, rs)
    protect: set[int] = set()
    t = _find_title(doc)
    title = _title_line(doc, t) if t is not None else []
    protect.update(title)
    if title and title[0] > 0:  # a headline above the title line (title and subtitle) stays too
        k = title[0] - 1
        above = doc.segs[k]
        if k not in doc.claims and not doc.sentence[k] and 8 <= doc.n[k] <= 60 \
                and above.line == doc.segs[title[0]].line - 1 \
                and not any(above.start <= a < above.end for a, _b, _r in kws):  # a keyword: a menu bar
            protect.add(k)
    markers = _apply_keywords(doc, rs, kws, protect)
    _duplicates(doc, title)
    _lead_summary(doc, protect)
    _after_title(doc, title, protect)
    _link_objects(doc)
    _line_context(doc, protect)
    _follow_context(doc)
    _captions_in_core(doc)
    _credited_captions(doc)
    _scene_captions(doc, protect)
    _teaser_feed(doc, protect)
    _truncated_teasers(doc, protect)
    _shape(doc, markers, protect, model)
    _islands(doc, protect)
    for k in title:
        if doc.claims.pop(k, None):  # the title stays even if a weak rule matched it
            doc.notes.append(f"title at {segs[k].start} kept although a rule matched it")
    spans = _spans(doc)
    return spans, _metadata(doc, title), doc.notes, matches


def _matches_after_cut(rs: RuleSet, matches: list[tuple[int, int, int]], cut: list[Span], shade: str
                       ) -> list[tuple[int, int, int]]:
    """The automaton matches of ``out`` (a text with the ``cut`` spans removed), from those of
    the text before the cut: matches inside kept stretches move with them, and only short
    windows around each junction are scanned again. Same list, in the same order, as
    ``rs.matches(shade)``, for a fraction of the work (``shade`` is the shadow of the text
    with the cut made)."""
    reach = rs.longest - 1  # a match across a junction starts at most this far before it
    kept: list[tuple[int, int, int]] = []  # (start, end, shift) of each kept stretch, old coordinates
    pos = removed = 0
    for sp in cut:
        if sp.start > pos:
            kept.append((pos, sp.start, removed))
        removed += sp.end - max(sp.start, pos)
        pos = max(pos, sp.end)
    kept.append((pos, 1 << 62, removed))
    out_matches: list[tuple[int, int, int]] = []
    k = 0
    for a, b, idx in matches:  # in order of end: the stretches are visited in order too
        while kept[k][1] < b:
            k += 1
        lo, _, shift = kept[k]
        if a >= lo:
            out_matches.append((a - shift, b - shift, idx))
    junctions = sorted({lo - shift for lo, _, shift in kept[1:]})
    if junctions:
        across: set[tuple[int, int, int]] = set()
        for j in junctions:
            w_lo = max(0, j - reach)
            for a, b, idx in rs.matches(shade[w_lo : j + reach]):
                if a + w_lo < j < b + w_lo:
                    across.add((a + w_lo, b + w_lo, idx))
        if across:
            out_matches.extend(across)
            out_matches.sort(key=lambda m: (m[1], m[0]))
    return out_matches


def strip_boilerplate(text: str, config: Config | None = None, *, model: Any = None, **overrides: Any) -> BoilerplateResult:
    """Remove page chrome from ``text``; return the cleaned text, the removed spans (with
    category, rule id and confidence) and the metadata they carried.

    In ``boilerplate_mode="mark"`` nothing is deleted: ``text`` is unchanged and ``spans``
    lists what would go.
    """
    cfg = resolve(config, overrides)
    if not isinstance(text, str):
        raise TypeError(f"strip_boilerplate expects str, not {type(text).__name__}")
    if model is None:
        model = _configured_model(cfg)
    rs = ruleset()
    shade = shadow(text)
    if model is None:
        prose, title = prose_title(shade, rs)
        if prose and title is None:
            return BoilerplateResult(text, (), Metadata(), (_PROSE_NOTE,))
        if prose:
            value = " ".join(text[title[0] : title[1]].split())
            return BoilerplateResult(text, (), Metadata(title=value), (_TITLE_NOTE,))
    return _strip(text, cfg, model, shade, rs.matches(shade))


def _strip(text: str, cfg: Config, model: Any, shade: str, matches: list[tuple[int, int, int]]) -> BoilerplateResult:
    """The full analysis behind :func:`strip_boilerplate` (no prescan), run to a fixed point."""
    rs = ruleset()
    spans, meta, notes, matches = _analyse(text, cfg, model, matches, shade)
    spans = [s for s in spans if s.confidence >= cfg.boilerplate_min_confidence]
    out = _cut(text, spans)
    cut = spans  # what the last pass removed from the text it analysed
    # Removing chrome moves the content core; run again until nothing more goes, so the step
    # is idempotent (fix(fix(x)) == fix(x)). Later passes map back to input offsets. The
    # shadow is cut like the text (it maps one character to one; only the Greek final sigma
    # depends on its neighbours, and no rule holds a sigma).
    for _ in range(6):
        if not spans:
            break
        shade = _cut(shade, cut)
        if model is None and not may_have_boilerplate(shade, rs, headline=True):
            break  # what is left is prose (under its headline): another pass would find nothing
        matches = _matches_after_cut(rs, matches, cut, shade)
        more, meta2, notes2, matches = _analyse(out, cfg, model, matches, shade)
        more = [s for s in more if s.confidence >= cfg.boilerplate_min_confidence]
        if not more:
            break
        spans = _merge_spans(text, spans, more)
        meta = _fill(meta, meta2)
        notes.extend(notes2)
        cut = more
        out = _cut(text, spans)
    if spans:
        spans = _keep_separators(text, spans)
        out = _cut(text, spans)
    if cfg.boilerplate_mode == "mark":
        return BoilerplateResult(text, tuple(spans), meta, tuple(notes))
    return BoilerplateResult(out, tuple(spans), meta, tuple(notes))


def _keep_separators(text: str, spans: list[Span]) -> list[Span]:
    """Removing a stretch between two kept texts must not glue them together, nor merge two
    paragraphs: in a document without line breaks ``标题 来源:某报 正文`` keeps ``标题 正文``,
    and ``标题\n日期\n\n正文`` keeps the blank line. The last span of each touching group gets
    whatever the junction lacks of the strongest whitespace the group contained."""
    out = list(spans)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and out[j + 1].start == out[j].end:
            j += 1
        a, b = out[i].start, out[j].end
        la = a  # the kept whitespace either side of the cut (scanned locally: linear overall)
        while la > 0 and text[la - 1].isspace():
            la -= 1
        rb = b
        while rb < len(text) and text[rb].isspace():
            rb += 1
        if la > 0 and rb < len(text):
            gap = text[a:b]
            junction = text[la:a] + text[b:rb]
            if "\n\n" in gap:
                sep = "\n" * max(0, 2 - junction.count("\n"))
            elif "\n" in gap:
                sep = "" if "\n" in junction else "\n"
            else:
                sep = " " if _SPACE.search(gap) and not junction else ""
            if sep:
                out[j] = replace(out[j], replacement=sep)
        # spaces the cut leaves at the end of a line go with it (normalization ran before)
        breaks = rb == len(text) or "\n" in text[b:rb] or "\n" in out[j].replacement
        if breaks and la < a and "\n" not in text[la:a]:
            out[i] = replace(out[i], start=la)
        i = j + 1
    return out


def _cut(text: str, spans: list[Span]) -> str:
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for s in spans:
        parts.append(text[pos : s.start])
        parts.append(s.replacement)
        pos = s.end
    parts.append(text[pos:])
    return "".join(parts)


def _merge_spans(text: str, first: list[Span], later: list[Span]) -> list[Span]:
    """``later`` spans are in the coordinates of ``text`` with ``first`` cut out: map them
    back (a later span may swallow gaps between earlier ones) and merge."""
    kept: list[tuple[int, int]] = []  # (output offset, input offset) at the start of each kept run
    pos = out = 0
    for s in first:
        if s.start > pos:
            kept.append((out, pos))
            out += s.start - pos
        pos = s.end
    kept.append((out, pos))
    outs = [k[0] for k in kept]

    def to_input(o: int, end: bool) -> int:
        i = bisect_right(outs, o) - 1
        if end and i > 0 and o == outs[i]:
            i -= 1  # an end offset belongs to the run before
        return kept[i][1] + (o - kept[i][0])

    mapped = [Span(to_input(s.start, False), to_input(s.end, True), s.category, s.rule, s.confidence) for s in later]
    result: list[Span] = []
    for s in sorted([*first, *mapped], key=lambda x: (x.start, x.end)):
        if result and s.start < result[-1].end:
            if s.end > result[-1].end:
                result.append(Span(result[-1].end, s.end, s.category, s.rule, s.confidence))
            continue
        result.append(s)
    return result


def _fill(meta: Metadata, more: Metadata) -> Metadata:
    """Fields of ``meta``, with gaps filled from ``more``."""
    extra = {k: v for k, v in more.to_dict().items() if getattr(meta, k) is None}
    return Metadata(**{**meta.to_dict(), **extra}) if extra else meta


def _configured_model(cfg: Config) -> Any:
    path = cfg.boilerplate_model
    if not path:
        return None
    from .boilerplate_model import BoilerplateModel

    return BoilerplateModel.load_cached(path)


def run(text: str, config: Config) -> StepOutput:
    """Pipeline step: removal edits carry category, rule and confidence; metadata is flat."""
    result = strip_boilerplate(text, config)
    out = StepOutput(notes=list(result.notes))
    meta = result.metadata.to_dict()
    out.metadata.update(meta)
    if config.boilerplate_mode == "mark":
        out.metadata["boilerplate_spans"] = [s.to_dict() for s in result.spans]
        return out
    for s in result.spans:
        out.edits.append(Edit(s.start, s.end, s.replacement, _reason(s), s.category, s.rule, s.confidence))
    return out


_SHAPE_REASONS = {
    "shape.short_run": "a run of short unpunctuated lines outside the article (a menu)",
    "shape.after_list_marker": "in a list after a 'related articles' heading, below the article",
    "shape.after_comments_marker": "in the comment thread below the article",
    "shape.caption_run": "short lines between paragraphs that end like photo captions",
    "shape.caption_scene": "short lines after a paragraph that name its scene or repeat its words (a photo caption)",
    "ctx.same_line": "left over on a footer or metadata line outside the article",
    "ctx.follow_name": "the account name after a follow/QR prompt",
    "ctx.after_title": "a short name between the title and the metadata line (a byline)",
    "ctx.island": "a short piece between two removed ones, outside the article",
    "ctx.link_object": "the rest of a 'learn more about' link broken over two lines",
    "shape.dated_list": "a list of headlines with dates, below the article",
    "shape.teaser_feed": "a teaser in a feed of other articles (each closed by the same 'read the rest' line)",
    "shape.bullet_list": "a list of bulleted headlines outside the article",
    "ctx.credited_caption": "a photo caption: its line ends in a photo credit",
    "shape.title_list": "a list of other articles' headlines below the article and the page's chrome",
    "shape.truncated_teaser": "a teaser of another article: a summary cut off mid-sentence, outside the article",
    "dup.title": "a second copy of the title",
    "dup.title_glued": "a copy of the title glued to the first sentence",
    "dup.title_above": "a copy of the title above it, outside the article (the page title)",
    "dup.summary": "a lead paragraph printed again as the start of the article",
    "dup.summary_clauses": "a lead whose clauses one later paragraph of the article repeats",
    "model.repeated": "a line this site repeats on many pages (BoilerplateModel), outside the article",
}


@lru_cache(maxsize=1)
def _rules_by_id() -> dict[str, Rule]:
    return {r.id: r for r in ruleset().rules}


def _reason(span: Span) -> str:
    """Why a span went, in words: the rule's pattern, or the shape evidence."""
    text = _SHAPE_REASONS.get(span.rule)
    if text is None:
        rule = _rules_by_id().get(span.rule)
        what = {"label": "field label", "kw": "keyword", "whole": "whole line", "re": "pattern"}
        if rule is None:
            text = span.rule
        elif rule.kind == "re":
            text = f"the {rule.id[3:]} pattern ({rule.id})"
        else:
            text = f"{what[rule.kind]} {rule.pattern!r} ({rule.id})"
        if rule and rule.zone != "any":
            text += " outside the article" if rule.zone == "edge" else f" in the page {rule.zone}"
    return f"boilerplate ({span.category}): {text}"


def fast(text: str, config: Config) -> str:
    """Pipeline fast path: the text ``run``'s edits would give, without building them. Prose
    under a headline needs no analysis (see :mod:`textfix.boilerplate_prescan`)."""
    model = _configured_model(config)
    rs = ruleset()
    shade = shadow(text)
    if model is None and not may_have_boilerplate(shade, rs, headline=True):
        return text
    return _strip(text, config, model, shade, rs.matches(shade)).text
