"""Boilerplate prescan: decide at close to scan speed that a document holds no chrome.

Most documents in a corpus are plain prose: paragraphs of sentences. For such a document the
full analysis (:func:`textfix.boilerplate._analyse`) cannot remove anything, and this module
shows it with a few C-level scans and one cheap test per segment instead of scoring. It
answers ``False`` ("nothing here") only when all of these hold, each being what the analysis
needs to find nothing:

* every segment is sentence-like by the analysis's own measure (sentence punctuation, length,
  a terminal mark). Then every segment weighs for the content core, the core is the whole
  document, there is no head or tail zone, and no title is looked for, so the shape rules
  (menus, link lists, dated and bulleted lists, captions, islands, line context), title
  copies and the rules for the page edges have nothing to work on;
* no URL (it would cut a segment and give a ``url`` field) and no ``【column】`` opening;
* no field label that starts a segment or may cut one;
* no keyword of a rule that applies inside the article and can claim a sentence there (a
  marker, or a confident rule on a segment of at most ``MAX_CHROME`` characters);
* no regex that applies inside the article matches where the analysis would try it (the
  regexes are tried only on lines holding one of their prefilter literals), and no
  end-of-article line;
* none of the first three segments (the only ones tested as an unlabelled lead) has its
  opening repeated within the lead window after it.

Anything else goes to the full analysis, which stays the only judge of what is chrome. The
prescan does not apply when a :class:`~textfix.boilerplate_model.BoilerplateModel` is
configured (the model is evidence of its own).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .boilerplate_rules import RuleSet
from .segment import Segment, split_segments


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
        else:
            danger.append(1 if r.confidence >= 0.9 else 0)
    return {
        "danger": tuple(danger), "punct": bp._PUNCT, "terminal": bp._TERMINAL, "column": bp._COLUMN,
        "core": bp._core_scanner(), "end": bp._end_line(), "lead": bp.LEAD_WINDOW, "chrome": bp.MAX_CHROME,
        "edge": bp._EDGE_STRIP, "reltime": bp._RELTIME, "spaces": bp._SPACES, "scene": bp._SCENE_END,
        "whole": (rs.whole, rs.whole_forms),
        # literal -> the regexes for the article it leads to, with their scope
        "by_literal": tuple(
            (lit, tuple((rs.regexes[k][1], rs.rules[rs.regexes[k][0]].scope) for k in ks
                        if "core" in bp._ZONES_OF["any" if rs.rules[rs.regexes[k][0]].scope == "line"
                                                  else rs.rules[rs.regexes[k][0]].zone]))
            for lit, ks in rs.literal_rules.items() if "core" in bp._literal_zones()[lit]
        ),
    }


def may_have_boilerplate(shade: str, rs: RuleSet, matches: list[tuple[int, int, int]], *,
                         headline: bool = False) -> bool:
    """Whether the full analysis could find chrome in the document whose shadow is ``shade``.

    ``False`` is exact: the analysis would remove nothing and extract no metadata (without a
    :class:`~textfix.boilerplate_model.BoilerplateModel`). ``True`` only means "look closer".
    ``matches`` are ``rs.matches(shade)``.

    With ``headline=True`` the answer is about the text only (the pipeline's fast path): the
    first segment may also be a headline, which the analysis keeps as the title (so reports it
    as metadata) when no rule, no whole-segment word and no regex literal touches it and it is
    not printed again.

    >>> from textfix.boilerplate_rules import ruleset, shadow
    >>> prose = "今天天气很好，我们去公园散步。\\n公园里的花都开了，非常漂亮。"
    >>> may_have_boilerplate(shadow(prose), ruleset(), ruleset().matches(shadow(prose)))
    False
    """
    t = _tables()
    if "://" in shade:
        return True
    danger = t["danger"]
    short_hits: list[int] = []  # starts of keyword hits that matter only in a short segment
    for a, _b, idx in matches:
        d = danger[idx]
        if d == 2:
            return True
        if d == 1:
            short_hits.append(a)
    end_line = t["end"]
    if end_line is not None and ("完" in shade or "end" in shade) and end_line.search(shade) is not None:
        return True
    segs = split_segments(shade, shade)
    if not segs:
        return False
    first = segs[0]
    if t["column"].match(shade, first.start, first.end):
        return True
    search = t["punct"].search
    terminal = t["terminal"]
    count = shade.count
    # The analysis weighs each segment for the content core: a sentence-like one by its length,
    # any other one below zero. When every running total from the first scored segment is
    # positive and stays below the total, the core is the whole document (after a headline):
    # every rule for the page's head and tail, and every shape rule outside the core, is idle.
    first_scored = 0
    total = 0
    low = 1 << 62  # smallest and largest running totals before the last segment
    high = 0
    prev_like = True
    last = len(segs) - 1
    for k, (a, b, _) in enumerate(segs):
        m = search(shade, a, b)
        n = b - a - count(" ", a, b)
        if m is None:
            like = False  # no sentence punctuation: a heading, a menu item, a label
        elif shade[a:b].isascii():
            like = count(" ", a, b) + 1 >= 8 and (shade[b - 1] in terminal or search(shade, m.end(), b) is not None)
        else:
            like = (shade[b - 1] in terminal and n >= 8) or n >= 40 or (n >= 20 and search(shade, m.end(), b) is not None)
        if like:
            total += n
        elif k == 0 and headline and _untouched_headline(shade, segs, rs, t, matches):
            first_scored = 1
            continue
        elif not prev_like or not _lone_heading(shade, segs, k, m, n, t, matches):
            return True  # two short lines in a row (captions?), or a line some rule could take
        else:
            total -= min(n, 20) + 2
        prev_like = like
        if k < last:
            low = min(low, total)
            high = max(high, total)
    if first_scored <= last - 1 and (low <= 0 or high >= total):
        return True  # the core may leave segments out: they would be in a head or tail zone
    if short_hits and _short_keyword(segs, short_hits, t["chrome"], count, shade):
        return True
    lead = t["lead"]
    for a, b, _ in segs[:4]:  # an unlabelled lead printed twice: its opening comes back soon after it
        probe = shade[a : a + (80 if shade[a:b].isascii() else 30)]
        if len(probe) >= 30 and shade.find(probe, b, b + lead) >= 0:
            return True
    return _regex_may_match(shade, segs, t)


def _untouched_headline(shade: str, segs: list[Segment], rs: RuleSet, t: dict[str, Any],
                        matches: list[tuple[int, int, int]]) -> bool:
    """Whether the first segment ``shade[a:b]``, not sentence-like, stays as it is: no keyword
    or label in it, not a whole-segment word nor a relative time, no regex literal in it
    (nothing claims it, so it is the title or an unclaimed line above the article), and not
    printed again further on (no title copy to remove)."""
    a, b = segs[0].start, segs[0].end
    if any(x < b for x, _, _ in matches):
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


def _lone_heading(shade: str, segs: list[Segment], k: int, m: Any, n: int, t: dict[str, Any],
                  matches: list[tuple[int, int, int]]) -> bool:
    """Whether segment ``k`` (not sentence-like, inside the article, after a sentence-like one
    or first) is a line of its own that nothing takes: no keyword or label in it, not a
    whole-segment word nor a relative time, and not a photo caption of the paragraph above
    (a scene word at its end, or a name the paragraph said)."""
    a, b, line = segs[k]
    if (k > 0 and segs[k - 1].line == line) or (k + 1 < len(segs) and segs[k + 1].line == line):
        return False
    for x, y, _ in matches:
        if x < b and y > a:
            return False
    piece = shade[a:b]
    rs_whole = t["whole"]
    for form in (piece.strip(t["edge"]), piece.strip()):
        if form in rs_whole[0] or form in rs_whole[1]:
            return False
    if t["reltime"].search(piece):
        return False
    if m is None and 4 <= n <= 24 and k > 0:
        flat = t["spaces"].sub("", piece)
        p = segs[k - 1]
        if t["scene"].search(flat) or (len(flat) >= 6 and flat in t["spaces"].sub("", shade[p.start : p.end])):
            return False
    return True


def _short_keyword(segs: list[Segment], hits: list[int], limit: int, count: Any, shade: str) -> bool:
    """Whether a confident keyword falls in a segment of at most ``limit`` characters."""
    from bisect import bisect_right

    starts = [s.start for s in segs]
    for a in hits:
        i = bisect_right(starts, a) - 1
        if i >= 0:
            s = segs[i]
            if s.end - s.start - count(" ", s.start, s.end) <= limit:
                return True
    return False


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
