"""Boilerplate prescan: decide at close to scan speed that a document holds no chrome.

Most documents in a corpus are plain prose: paragraphs of sentences. For such a document the
full analysis (:func:`textfix.boilerplate._analyse`) cannot remove anything, and this module
shows it with a few C-level scans and one cheap test per segment instead of scoring. It
answers ``False`` ("nothing here") only when all of these hold, each being what the analysis
needs to find nothing:

* every segment is sentence-like by the analysis's own measure (sentence punctuation, length,
  a terminal mark), but for lines that no rule takes (no keyword, label, UI word or relative
  time; no scene word at their end, no name the paragraph above said; a line of several
  segments is read whole, as the caption rules read it): sign-offs, headlines, bylines and
  datelines between the articles of a newspaper page, verse headings, or short utterances.
  The running weight of the segments (a sentence its length, another line a cost) stays
  positive and peaks at the last sentence, so the core is the whole document but for up to
  two headlines above it (the fast path only) and up to two such lines below it, too few for
  the shape rules (menus, link lists, dated and bulleted lists need three; islands and line
  context need claimed neighbours), and the caption rules inside it have nothing to work on;
* no URL (it would cut a segment and give a ``url`` field) and no ``【column】`` opening;
* no field label that starts a segment or may cut one;
* no keyword of a rule that applies inside the article and can claim a sentence there (a
  marker, or a confident rule on a segment of at most ``MAX_CHROME`` characters);
* no regex that applies inside the article matches where the analysis would try it (the
  regexes are tried only on lines holding one of their prefilter literals), and no
  end-of-article line;
* none of the first four segments (the only ones tested as an unlabelled lead) has its
  opening, or most of its clauses, repeated within the lead window after it.

Anything else goes to the full analysis, which stays the only judge of what is chrome. The
prescan does not apply when a :class:`~textfix.boilerplate_model.BoilerplateModel` is
configured (the model is evidence of its own).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .boilerplate_rules import RuleSet
from .segment import Segment, split_segments

_MARKS = ",。;!?，；！？"  # sentence punctuation
_BARE = rf"[^\S\n]*+[^\s{_MARKS}.][^\n{_MARKS}.]*+"  # a line without sentence punctuation
_SHORT = r"[^\S\n]*+\S[^\n]{0,6}"  # a line of at most seven characters: never a sentence
_LINE = rf"(?:{_BARE}|{_SHORT})"
_BARE_FIRST = re.compile(rf"\s*+{_LINE}\n\s*+\S")  # such a line first, more text below
# One of the first three non-blank lines has sentence punctuation: only then can a document be
# prose under up to two headlines (a quick test before segmenting a page that opens with menus).
_STOP = rf"(?:[{_MARKS}]|\.(?![^ \n]))"  # a mark of _PUNCT (a Latin full stop before a space or the line end)
_FIRST_LINES = re.compile(rf"\s*(?:[^\n]*{_STOP}|[^\n]*\n\s*[^\n]*{_STOP}|[^\n]*\n\s*[^\n]*\n\s*[^\n]*{_STOP})")
# The fast path lets through up to this many headlines above the article (a headline and its
# subtitle) and this many lone lines below it (a sign-off): the analysis's menu, dated-list and
# bullet-list rules need three lines in a row, so fewer are left alone outside the core.
MAX_HEADLINES = 2
MAX_TAIL = 2


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    """What the prescan needs from the analysis, imported once (the modules import each other)."""
    from . import boilerplate as bp
    from .boilerplate_rules import ruleset

    rs = ruleset()
    # per rule index: 0 harmless in a sentence of the article, 1 harmful when its segment is
    # short, 2 harmful anywhere
    danger: list[int] = []
    for r in rs.rules:
        if r.kind == "label":
            danger.append(2)
        elif r.kind != "kw" or r.zone != "any":
            danger.append(0)  # edge, head and tail keywords do not apply inside the core
        elif r.action == "marker":
            danger.append(2)
        elif r.confidence >= 0.97:
            danger.append(3)  # also at the start of a long Latin paragraph (a notice)
        else:
            danger.append(1 if r.confidence >= 0.9 else 0)
    return {
        "danger": tuple(danger), "punct": bp._PUNCT, "terminal": bp._TERMINAL, "latin_words": bp._LATIN_WORDS, "column": bp._COLUMN,
        "core": bp._core_scanner(), "end": bp._end_line(), "lead": bp.LEAD_WINDOW, "chrome": bp.MAX_CHROME, "notice_head": bp.NOTICE_HEAD, "max_notice": bp.MAX_NOTICE, "min_core": bp.MIN_CORE,
        "edge": bp._EDGE_STRIP, "full_stops": bp._FULL_STOPS, "clause": bp._CLAUSE, "reltime": bp._RELTIME, "spaces": bp._SPACES, "scene": bp._SCENE_END,
        "whole": (rs.whole, rs.whole_forms),
        "label": tuple(r.kind == "label" for r in rs.rules),
        # labels the analysis cuts segments before (see boilerplate._analyse)
        "cutting": tuple(r.kind == "label" and (r.pattern[-1] in ":|/" or r.pattern[0] == "【") for r in rs.rules),
        "cut_chars": re.compile("[:：|丨｜/／【]"),
        **_label_forms(rs),
        # literal -> the regexes for the article it leads to, with their scope
        "by_literal": tuple(
            (lit, tuple((rs.regexes[k][1], rs.rules[rs.regexes[k][0]].scope) for k in ks
                        if "core" in bp._ZONES_OF["any" if rs.rules[rs.regexes[k][0]].scope == "line"
                                                  else rs.rules[rs.regexes[k][0]].zone]))
            for lit, ks in rs.literal_rules.items() if "core" in bp._literal_zones()[lit]
        ),
    }


def _label_forms(rs: RuleSet) -> dict[str, frozenset[str]]:
    """Quick filters for labels, from every spelling in the automaton: the first one and two
    characters of each label (a label may start a segment only where these do), the one and
    two characters before the last of each cutting label, and the openings of ``【`` labels."""
    heads: set[str] = set()
    tails: set[str] = set()
    opens: set[str] = set()
    for key, (idx, _) in rs.automaton.items():
        rule = rs.rules[idx]
        if rule.kind != "label":
            continue
        form = key.encode("latin-1").decode("utf-8", "surrogatepass")
        heads.add(form[:2])  # a one-character label is its own head
        if rule.pattern[-1] in ":|/":
            tails.add(form[-3:-1])  # one character before the last for a two-character label
        if rule.pattern[0] == "【":
            opens.update((form[:2],))
    return {"label_heads": frozenset(heads), "cut_tails": frozenset(tails - {""}), "cut_opens": frozenset(opens)}


def may_have_boilerplate(shade: str, rs: RuleSet, matches: list[tuple[int, int, int]] | None = None, *,
                         headline: bool = False) -> bool:
    """Whether the full analysis could find chrome in the document whose shadow is ``shade``.

    ``False`` is exact: the analysis would remove nothing and extract no metadata (without a
    :class:`~textfix.boilerplate_model.BoilerplateModel`). ``True`` only means "look closer".
    ``matches`` are ``rs.matches(shade)`` when the caller has them; without them the automaton
    runs only where a hit could matter (short segments and lines that are not sentences; in a
    long sentence, its start and around the characters a cutting label ends or starts with).

    With ``headline=True`` the answer is about the text only (the pipeline's fast path): the
    first segment may also be a headline, which the analysis keeps as the title (so reports it
    as metadata) when no rule, no whole-segment word and no regex literal touches it and it is
    not printed again.

    >>> from textfix.boilerplate_rules import ruleset, shadow
    >>> prose = "今天天气很好，我们去公园散步。\n公园里的花都开了，非常漂亮。"
    >>> may_have_boilerplate(shadow(prose), ruleset())
    False
    """
    if not headline and _BARE_FIRST.match(shade) is not None:
        return True  # a heading above the text: the analysis reports it as the title
    return _scan(shade, rs, matches, headline) is None


def prose_title(shade: str, rs: RuleSet, matches: list[tuple[int, int, int]] | None = None
                ) -> tuple[bool, tuple[int, int] | None]:
    """For a document under a headline: ``(True, title)`` when the full analysis would remove
    nothing and report no metadata but the title, ``title`` being the (start, end) of the
    segment it reports (``None``: no title, the article too short to have a core or the
    headline outside 6..100 characters); ``(False, None)`` when only the analysis can tell.

    The fast path lets up to two headlines through; with one, the analysis's title is that
    headline (the only heading-like segment above the core, alone on its line). With two it
    scores them, so the analysis decides.
    """
    if _BARE_FIRST.match(shade) is None:
        return _scan(shade, rs, matches, False) is not None, None
    if _FIRST_LINES.match(shade) is None:
        return False, None  # no sentence in the next two lines: a menu, not prose under a headline
    scan = _scan(shade, rs, matches, True)
    if scan is None or scan[1] != 1:
        return False, None
    segs, _, peak = scan
    a, b, _ = segs[0]
    n = b - a - shade.count(" ", a, b)
    if peak < _tables()["min_core"] or not 6 <= n <= 100:
        return True, None
    return True, (a, b)


def _scan(shade: str, rs: RuleSet, matches: list[tuple[int, int, int]] | None, headline: bool
          ) -> tuple[list[Segment], int, int] | None:
    """The prescan (see :func:`may_have_boilerplate`): ``None`` when the analysis could find
    chrome, else the segments, the number of headlines above the article and the core's score."""
    if "://" in shade:
        return None
    if headline and shade.count("\n", 0, 4096) >= 3 and _FIRST_LINES.match(shade) is None:
        headline = False  # no sentence in the first three lines: no headline over prose (a page of menus fails fast)
    t = _tables()
    segs = split_segments(shade, shade)
    if not segs:
        return segs, 0, 0
    first = segs[0]
    if t["column"].match(shade, first.start, first.end):
        return None
    search = t["punct"].search
    terminal = t["terminal"]
    limit = t["chrome"]
    count = shade.count
    full_stops = t["full_stops"]  # a segment ending in one is sentence-like from 8 characters
    # The analysis weighs each segment for the content core: a sentence-like one by its length,
    # any other one below zero. When every running total from the first scored segment is
    # positive and stays below the total, the core is the whole document (after a headline):
    # every rule for the page's head and tail, and every shape rule outside the core, is idle.
    first_scored = 0  # segments before it are headlines over the article (the fast path)
    total = 0
    high = 0  # the largest running total so far, before the current segment
    last_like = -1  # the last sentence-like segment: the core ends there
    high_before = peak = 0  # ``high`` and the running total at ``last_like``
    above = -1  # the last sentence-like segment so far (a caption repeats what it said)
    last = len(segs) - 1
    kind: list[int] = []  # per segment: 0 long sentence, 1 short sentence, 2 not a sentence
    for k, (a, b, _) in enumerate(segs):
        n = b - a - count(" ", a, b)
        if shade[b - 1] in full_stops and n >= 8:  # the usual paragraph: no regex needed
            kind.append(0 if n > limit else 1)
            total += n
            above = last_like = k
            high_before, peak = high, total
            if k < last:
                high = max(high, total)
            continue
        m = search(shade, a, b)
        if m is None:
            like = False  # no sentence punctuation: a heading, a menu item, a label
        elif shade[a:b].isascii():
            like = count(" ", a, b) + 1 >= 8 and (shade[b - 1] in terminal or search(shade, m.end(), b) is not None) \
                and len(t["latin_words"].findall(shade, a, b)) >= 5
        else:
            like = (shade[b - 1] in terminal and n >= 8) or n >= 40 or (n >= 20 and search(shade, m.end(), b) is not None)
        kind.append(2 if not like else 0 if n > limit else 1)
        if like:
            total += n
            above = last_like = k
            high_before, peak = high, total
        elif k == first_scored < MAX_HEADLINES and headline and _untouched_headline(shade, segs, k, rs, t):
            first_scored = k + 1
            continue
        elif not _lone_heading(shade, segs, k, m, n, above, t):
            return None  # a line some rule could take (a caption, a UI word, a relative time)
        else:
            total -= min(n, 20) + 2
        if k < last:
            if total <= 0:
                return None  # the core would start further down: what is above it is its head
            high = max(high, total)
    if first_scored > 1 and peak < t["min_core"]:
        return None  # no content core: the headlines would be read with the text (caption runs)
    if last_like < 0 or last - last_like > MAX_TAIL:
        if first_scored <= last - 1 and high >= total:
            return None  # the core may leave segments out: they would be in a head or tail zone
    elif high_before >= peak:
        return None  # the core would end before the last sentence: what follows is its tail
    elif any(rs.scanner.search(shade, a, b) for a, b, _ in segs[last_like + 1 :]):
        return None  # a line below the article that a regex for the page's tail may take
    end_line = t["end"]
    if end_line is not None and ("完" in shade or "end" in shade) and end_line.search(shade) is not None:
        return None
    lead = t["lead"]
    for a, b, _ in segs[: first_scored + 3]:  # an unlabelled lead printed twice: its opening comes back soon after it
        probe = shade[a : a + (80 if shade[a:b].isascii() else 30)]
        if len(probe) >= 30 and shade.find(probe, b, b + lead) >= 0:
            return None
        if b - a >= 30 and _clauses_may_repeat(shade, a, b, b + lead, t["clause"]):
            return None
    if _regex_may_match(shade, segs, t):
        return None
    if matches is None:
        matches = _window_matches(shade, segs, kind, rs, t)
    return None if _hits_matter(segs, kind, matches, t) else (segs, first_scored, peak)


def _window_matches(shade: str, segs: list[Segment], kind: list[int], rs: RuleSet, t: dict[str, Any]
                    ) -> list[tuple[int, int, int]]:
    """The automaton's matches in the windows where one could matter (see :func:`_hits_matter`):
    every match that overlaps a short or non-sentence segment, starts a segment, or holds a
    character a cutting label ends or starts with."""
    reach = rs.longest
    size = len(shade)
    notice_head, notice_size = t["notice_head"], 2 * t["max_notice"]  # characters, spaces included
    windows: list[tuple[int, int]] = []
    add = windows.append
    cut_chars = t["cut_chars"]
    heads, tails, opens = t["label_heads"], t["cut_tails"], t["cut_opens"]
    for (a, b, _), k in zip(segs, kind):
        if k:
            add((max(0, a - reach), min(size, b + reach)))
        elif b - a <= notice_size and shade[a:b].isascii():  # a notice's keyword in its opening
            # words (and any label starting the segment)
            add((a, min(size, a + notice_head + reach)))
        elif shade[a : a + 2] in heads or shade[a] in heads:  # a label may start the segment (the
            # heads of one-character labels are one character long)
            add((a, min(size, a + reach)))
    for c in cut_chars.finditer(shade):  # inside segments or in the separators between them
        p = c.start()
        # a cutting label ends with this character (what precedes it ends a label's text)
        # or, for 【, starts with it
        if shade[max(0, p - 2) : p] in tails or shade[p - 1 : p] in tails or shade[p : p + 2] in opens:
            add((max(0, p - reach), min(size, p + reach + 1)))
    if not windows:
        return []
    if kind and kind[0] == 2:
        add((0, segs[0].end))  # a headline: anything before its end
    windows.sort()
    # the windows merged, then joined by NUL (in no pattern) for one automaton run
    parts: list[str] = []
    where: list[int] = []  # start of each part in the joined text
    shift: list[int] = []  # shadow offset minus joined offset, per part
    pos = 0
    lo, hi = windows[0]
    for w_lo, w_hi in [*windows[1:], (size + 1, size + 1)]:
        if w_lo <= hi:
            hi = max(hi, w_hi)
            continue
        parts.append(shade[lo:hi])
        where.append(pos)
        shift.append(lo - pos)
        pos += hi - lo + 1
        lo, hi = w_lo, w_hi
    found = rs.matches("\0".join(parts))
    if len(parts) == 1:
        d = shift[0]
        return [(x + d, y + d, idx) for x, y, idx in found]
    from bisect import bisect_right

    out: list[tuple[int, int, int]] = []
    for x, y, idx in found:
        d = shift[bisect_right(where, x) - 1]
        out.append((x + d, y + d, idx))
    return out


def _hits_matter(segs: list[Segment], kind: list[int], matches: list[tuple[int, int, int]],
                 t: dict[str, Any]) -> bool:
    """Whether an automaton hit could make the analysis claim something in a document whose
    segments are all sentences but for lone headings (``kind``: 0 a sentence longer than
    ``MAX_CHROME``, 1 a shorter one, 2 not a sentence).

    Any hit touching a non-sentence segment counts (keywords claim short lines, and weigh
    against the core). In a short sentence, a label or list marker, or a confident keyword
    (which may claim it). In a long sentence, only a label: at the segment's start (it would be
    read as a field), or one that cuts segments (ending in ``:``, ``|`` or ``/``, or opening
    with ``【``). Keywords inside long sentences are left alone by the analysis."""
    if not matches:
        return False
    from bisect import bisect_right

    danger, cutting = t["danger"], t["cutting"]
    starts = [s.start for s in segs]
    n_segs = len(segs)
    for x, y, idx in matches:
        i = bisect_right(starts, x) - 1
        if i < 0 or y > segs[i].end:
            return True  # a hit starting between segments or reaching past one: not worth reasoning about
        j = i
        while j < n_segs and segs[j].start < y:  # every segment the hit touches
            if kind[j] == 2:
                return True
            j += 1
        k = kind[i]
        if k == 1:
            if danger[idx]:
                return True
        elif danger[idx] == 3 and x - segs[i].start < t["notice_head"]:
            return True  # maybe a notice paragraph (boilerplate._notice_hit)
        elif danger[idx] == 2 and t["label"][idx] and (cutting[idx] or x == segs[i].start):
            return True
    return False


def _untouched_headline(shade: str, segs: list[Segment], k: int, rs: RuleSet, t: dict[str, Any]) -> bool:
    """Whether segment ``k`` (one of the first ``MAX_HEADLINES``, none sentence-like) stays as
    it is: not a whole-segment word nor a relative time, no regex literal in it, not printed
    again further on (no title copy to remove), and (checked by :func:`_hits_matter`) no
    keyword or label in it. Nothing claims it, so it is the title or an unclaimed line above
    the article (a second one has a line of its own: no menu run, no title line to join)."""
    a, b, line = segs[k]
    if k and (segs[k - 1].line == line or (k + 1 < len(segs) and segs[k + 1].line == line)):
        return False
    piece = shade[a:b]
    for form in (piece.strip(t["edge"]), piece.strip()):
        if form in rs.whole or form in rs.whole_forms:
            return False
    if t["reltime"].search(piece) or rs.scanner.search(piece):
        return False
    key = t["spaces"].sub("", piece)
    if len(key) < 8:
        return True
    pos = shade.find(key[:4], b)
    if pos < 0:
        return True
    starts = {s.start for s in segs}  # a copy is looked for only where a segment starts
    while pos >= 0:
        if pos in starts:
            return False
        pos = shade.find(key[:4], pos + 1)
    return True


def _lone_heading(shade: str, segs: list[Segment], k: int, m: Any, n: int, above: int, t: dict[str, Any]) -> bool:
    """Whether segment ``k`` (not sentence-like, inside the article) is on a line that
    nothing takes: no keyword or label in it (checked by :func:`_hits_matter`), not a
    whole-segment word nor a relative time, and not a photo caption: no scene word at its end
    (two such lines in a row are a caption run), and not a name that ``above``, the last
    sentence-like segment before it, said (a caption of that paragraph).

    Inside the core, runs of such lines (a sign-off, the next headline, its byline) are left
    alone by the analysis: menus, link lists and islands are looked for only outside it, and
    its caption rules need a scene word or a name from the paragraph above."""
    a, b, line = segs[k]
    if k > 0 and segs[k - 1].line == line:
        pass  # checked with the line's first segment, then for itself below
    elif k + 1 < len(segs) and segs[k + 1].line == line:
        # A line of several segments ("郊廟歌辭 享太廟樂章"): the caption rules read it whole,
        # its segments joined ("签署 合作协议" names a scene), so the line is checked as one.
        j = k + 1
        while j + 1 < len(segs) and segs[j + 1].line == line:
            j += 1
        whole = t["spaces"].sub("", shade[a : segs[j].end])
        if t["scene"].search(whole) or not _lone_line_name(shade, segs, whole, above, t):
            return False
    piece = shade[a:b]
    rs_whole = t["whole"]
    for form in (piece.strip(t["edge"]), piece.strip()):
        if form in rs_whole[0] or form in rs_whole[1]:
            return False
    if t["reltime"].search(piece):
        return False
    if n <= 24:
        flat = t["spaces"].sub("", piece)
        if t["scene"].search(flat) or t["scene"].search(piece):
            return False
        if m is None and n >= 4 and not _lone_line_name(shade, segs, flat, above, t):
            return False
    return True


def _lone_line_name(shade: str, segs: list[Segment], flat: str, above: int, t: dict[str, Any]) -> bool:
    """Whether ``flat`` (a line or segment, spaces removed) is not a name that segment
    ``above``, the paragraph before it, said (a caption of that paragraph)."""
    if above < 0 or len(flat) < 6:
        return True
    p = segs[above]
    return flat not in t["spaces"].sub("", shade[p.start : p.end])


def _clauses_may_repeat(shade: str, a: int, b: int, window: int, clause: re.Pattern[str]) -> bool:
    """Whether the lead ``shade[a:b]`` may be stitched from a later paragraph's clauses (see
    ``boilerplate._clauses_repeated``): three or more of its clauses, and 80% of their
    characters, come back between ``b`` and ``window`` (anywhere: a looser test than the analysis's)."""
    clauses = clause.findall(shade, a, b)
    total = sum(map(len, clauses))
    if len(clauses) < 3 or total < 30:
        return False
    found = [c for c in clauses if shade.find(c, b, window) >= 0]
    return len(found) >= 3 and sum(map(len, found)) >= 0.8 * total


def _regex_may_match(shade: str, segs: list[Segment], t: dict[str, Any]) -> bool:
    """Whether a regex for the article matches where the analysis would try it: on a segment
    holding one of its literals, as the analysis tries it (the whole segment, its start,
    anywhere in it, or the end of its line: see ``boilerplate._apply_regexes``)."""
    scanner = t["core"]
    first = scanner.search(shade)
    if first is None:
        return False
    from bisect import bisect_right

    edge = t["edge"]
    by_literal = t["by_literal"]
    starts = [s.start for s in segs]
    done = -1
    for m in scanner.finditer(shade, first.start()):
        i = bisect_right(starts, m.start()) - 1
        if i < 0 or i == done:
            continue
        done = i
        a, b, line = segs[i]
        piece = shade[a:b]
        # every literal in the segment (a scan may have taken an overlapping one instead)
        for lit, rules in by_literal:
            if lit not in piece:
                continue
            for rx, scope in rules:
                if scope == "whole":
                    hit = rx.fullmatch(piece) or rx.fullmatch(piece.strip(edge))
                elif scope == "start":
                    hit = rx.match(piece)
                elif scope == "seg":
                    hit = rx.search(piece)
                else:  # the end of the line, as a photo credit is looked for
                    j = i
                    while j + 1 < len(segs) and segs[j + 1].line == line:
                        j += 1
                    k = i
                    while k > 0 and segs[k - 1].line == line:
                        k -= 1
                    hit = rx.search(shade, max(segs[k].start, segs[j].end - 240), segs[j].end)
                if hit:
                    return True
    return False
