"""Step ``script``: bring Chinese text to one script, with OpenCC's exact conversions.

``convert_script`` is OpenCC (textfix's own implementation, see ``opencc_convert``) plus one
guard: Japanese (kana present) and Korean (hangul present) spans are never converted, since t2s
turns 図書館 into 図书馆. The pipeline step adds a script guard: it detects the script first,
never runs s2t on Traditional text (OpenCC s2t still changes surnames such as 范 and 岳 there),
leaves text already in the target script alone, and brings mixed text fully to the target
clause by clause.
"""

from __future__ import annotations

import gc
import re
from functools import cache, lru_cache
from itertools import groupby

from .config import Config
from .opencc_convert import CONFIGS, Span, data_source, get_converter
from .result import Edit, StepOutput
from .script_detect import detect_script, script_shadow, verdict

__all__ = ["TARGETS", "convert_script", "convert_script_spans", "fast", "opencc_config", "run"]

#: Script targets (BCP 47 style). ``-phrases`` also converts regional vocabulary.
TARGETS: tuple[str, ...] = ("zh-Hans", "zh-Hant", "zh-TW", "zh-TW-phrases", "zh-HK", "zh-HK-phrases")

# (target, source) -> OpenCC config; None where the text is already in the target script.
_PLANS: dict[tuple[str, str], str | None] = {
    ("zh-Hans", "zh-Hans"): None,
    ("zh-Hans", "zh-Hant"): "t2s",
    ("zh-Hans", "zh-TW"): "tw2s",
    ("zh-Hans", "zh-TW-phrases"): "tw2sp",
    ("zh-Hans", "zh-HK"): "hk2s",
    ("zh-Hans", "zh-HK-phrases"): "hk2sp",
    ("zh-Hant", "zh-Hans"): "s2t",
    ("zh-Hant", "zh-Hant"): None,
    ("zh-Hant", "zh-TW"): "tw2t",
    ("zh-Hant", "zh-TW-phrases"): "tw2t",
    ("zh-Hant", "zh-HK"): "hk2t",
    ("zh-Hant", "zh-HK-phrases"): "hk2t",
    ("zh-TW", "zh-Hans"): "s2tw",
    ("zh-TW", "zh-Hant"): "t2tw",
    ("zh-TW-phrases", "zh-Hans"): "s2twp",
    ("zh-TW-phrases", "zh-Hant"): "t2tw",
    ("zh-HK", "zh-Hans"): "s2hk",
    ("zh-HK", "zh-Hant"): "t2hk",
    ("zh-HK-phrases", "zh-Hans"): "s2hkp",
    ("zh-HK-phrases", "zh-Hant"): "t2hk",
}
_REGION = {"zh-TW": "TW", "zh-TW-phrases": "TW", "zh-HK": "HK", "zh-HK-phrases": "HK"}


@cache
def opencc_config(target: str, source: str | None = None) -> str | None:
    """The OpenCC config converting ``source`` script to ``target`` (None: nothing to do).

    ``source`` defaults to the opposite script in OpenCC's standard form: Traditional for a
    Simplified target, Simplified for a Traditional one. An OpenCC config name as ``target``
    is returned as is.

    >>> opencc_config("zh-Hans"), opencc_config("zh-TW"), opencc_config("zh-Hans", "zh-HK")
    ('t2s', 's2tw', 'hk2s')
    """
    if target in CONFIGS:
        return target
    if target not in TARGETS:
        raise ValueError(f"unknown script target {target!r}; choose one of {', '.join(TARGETS)} or an OpenCC config")
    if source is None or source == "auto":
        source = "zh-Hant" if target == "zh-Hans" else "zh-Hans"
    if (target, source) in _PLANS:
        return _PLANS[(target, source)]
    if source not in TARGETS:
        raise ValueError(f"unknown source script {source!r}; choose one of {', '.join(TARGETS)}")
    # Both regional: the same region needs nothing; across regions OpenCC has no single config.
    if _REGION[target] == _REGION[source]:
        return None
    raise ValueError(f"no single OpenCC config converts {source} to {target}; convert to zh-Hant first")


# -- Japanese / Korean guard --------------------------------------------------------------------
_FOREIGN_RE = re.compile("[\u3041-\u309f\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff\uff66-\uff9d"
                         "\u1100-\u11ff\u3131-\u318e\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff]")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_FOREIGN_CHARS = _FOREIGN_RE.pattern[1:-1]
# A run of Han, kana and hangul (with Japanese iteration and length marks): a phrase unit.
_RUN_RE = re.compile(f"[{_HAN}{_FOREIGN_CHARS}\u30fc\u3005\u3006\u30fb\u30f6]+")
_LINE_RE = re.compile(r"[^\n]+")


def _is_foreign(text: str) -> bool:
    info = detect_script(text)
    return verdict(info.simplified, info.traditional, max(info.han, 1), info.kana, info.hangul) == "none"


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` in Japanese or Korean, never to be converted: the whole text or whole
    lines when kana or hangul make up a fifth of their letters, else each run of Han and
    kana/hangul characters that holds some kana or hangul."""
    if not _FOREIGN_RE.search(text):
        return []
    if _is_foreign(text):
        return [(0, len(text))]
    spans: list[tuple[int, int]] = []
    for line in _LINE_RE.finditer(text):
        if not _FOREIGN_RE.search(line.group()):
            continue
        if _is_foreign(line.group()):
            spans.append(line.span())
            continue
        for run in _RUN_RE.finditer(text, line.start(), line.end()):
            if _FOREIGN_RE.search(run.group()):
                spans.append(run.span())
    return spans


def _pieces(text: str, protected: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """``text`` cut into (start, end, convertible) pieces around the protected spans."""
    out: list[tuple[int, int, bool]] = []
    pos = 0
    for s, e in protected:
        if s > pos:
            out.append((pos, s, True))
        out.append((s, e, False))
        pos = e
    if pos < len(text):
        out.append((pos, len(text), True))
    return out


def convert_script(text: str, target: str | None = "zh-Hans", source: str | None = None) -> str:
    """Convert ``text`` to the ``target`` script exactly as OpenCC would, except that Japanese
    and Korean spans are left alone. ``target=None`` returns the text unchanged.

    ``target`` is one of :data:`TARGETS` or an OpenCC config name; ``source`` picks the
    regional form of the input (see :func:`opencc_config`).

    >>> convert_script("《千と千尋の神隠し》是宮崎駿執導的動畫電影")
    '《千と千尋の神隠し》是宫崎骏执导的动画电影'
    """
    if not isinstance(text, str):
        raise TypeError(f"convert_script expects str, not {type(text).__name__}")
    if target is None:
        return text
    config = opencc_config(target, source)
    if config is None or not text:
        return text
    convert = get_converter(config).convert
    protected = protected_spans(text)
    if not protected:
        return convert(text)
    return "".join(convert(text[s:e]) if ok else text[s:e] for s, e, ok in _pieces(text, protected))


def convert_script_spans(text: str, config: str) -> tuple[str, list[Span]]:
    """Like :func:`convert_script` with an OpenCC config, also returning the converted runs."""
    converter = get_converter(config)
    protected = protected_spans(text)
    if not protected:
        return converter.convert_spans(text)
    parts: list[str] = []
    spans: list[Span] = []
    for s, e, ok in _pieces(text, protected):
        if not ok:
            parts.append(text[s:e])
            continue
        out, sub = converter.convert_spans(text[s:e])
        parts.append(out)
        spans.extend(Span(sp.start + s, sp.end + s, sp.replacement, sp.units) for sp in sub)
    return "".join(parts), spans


# -- the pipeline step --------------------------------------------------------------------------
_CLAUSE_RE = re.compile(r"[^\n。！？；，、：!?;,:]+[\n。！？；，、：!?;,:]*")


def _plan(
    text: str, target: str, traditional_source: str, simplified: int, traditional: int
) -> list[tuple[int, int, str | None]]:
    """(start, end, OpenCC config or None) pieces covering ``text``.

    Text with characters of one script only is converted (or not) as a whole. Otherwise each
    clause holding a character of the script the target is not in is converted from that
    script; other clauses follow the document's majority.
    """
    majority = "zh-Hans" if simplified >= traditional else "traditional"

    def config_for(source: str) -> str | None:
        return opencc_config(target, traditional_source if source == "traditional" else "zh-Hans")

    if simplified == 0 or traditional == 0:
        return [(0, len(text), config_for(majority))]
    letter, foreign = ("T", "traditional") if target == "zh-Hans" else ("S", "zh-Hans")
    if foreign == majority:  # every clause converts from the same script
        return [(0, len(text), config_for(majority))]
    shadow = script_shadow(text)
    pieces: list[tuple[int, int, str | None]] = []
    for m in _CLAUSE_RE.finditer(text):
        src = foreign if shadow.find(letter, m.start(), m.end()) >= 0 else majority
        pieces.append((m.start(), m.end(), config_for(src)))
    if not pieces:
        return [(0, len(text), config_for(majority))]
    merged = []
    for config, group in groupby(pieces, key=lambda p: p[2]):
        g = list(group)
        merged.append((g[0][0], g[-1][1], config))
    # Clauses cover the text except leading separators: give those to the first piece.
    merged[0] = (0, *merged[0][1:])
    return merged


@cache
def _reason_prefix(config: str) -> str:
    source = data_source()
    return f"OpenCC {config} ({source.package} {source.version}): "


@lru_cache(maxsize=1 << 16)
def _single_reason(config: str, unit: tuple[str, str, str, str]) -> str:
    kind, before, _, src = unit
    name = "phrase" if kind == "phrase" else "characters" if len(before) > 1 else "character"
    return f"{_reason_prefix(config)}{name} {before} ({src})"


def _reason(config: str, span: Span) -> str:
    """What converted a run: each phrase or run of characters and its dictionary."""
    units = span.units
    if len(units) == 1:
        return _single_reason(config, units[0])
    shown = []
    for kind, before, _, src in units[:6]:
        name = "phrase" if kind == "phrase" else "characters" if len(before) > 1 else "character"
        shown.append(f"{name} {before} ({src})")
    more = f"; and {len(units) - 6} more" if len(units) > 6 else ""
    return _reason_prefix(config) + "; ".join(shown) + more


def _decide(text: str, config: Config, out: StepOutput) -> list[tuple[int, int, str | None]] | None:
    """The conversion plan for the step, or None (with a note saying why) to leave it alone."""
    target = config.script
    if target is None or not text:
        return None
    info = detect_script(text)
    out.metadata["script"] = info.to_dict()
    out.metadata["script_target"] = target
    if info.script == "none":
        why = "Japanese or Korean text" if info.kana or info.hangul else "no Han characters"
        out.notes.append(f"script: left alone ({why})")
        return None
    if info.script == "ambiguous":
        out.notes.append("script: left alone, no character specific to either script")
        return None
    source = config.script_source if config.script_source != "auto" else "zh-Hant"
    try:
        plan = _plan(text, target, source, info.simplified, info.traditional)
    except ValueError as exc:
        out.notes.append(f"script: left alone ({exc})")
        return None
    if all(c is None for _, _, c in plan):
        out.notes.append(f"script: already {target}, left alone")
        return None
    return plan


def run(text: str, config: Config) -> StepOutput:
    """Convert ``text`` to ``config.script`` (None: leave it alone) and explain every run."""
    out = StepOutput()
    plan = _decide(text, config, out)
    if plan is None:
        return out
    used: list[str] = []
    # A Traditional page yields an edit every few characters; the cyclic garbage collector
    # would rescan the growing heap again and again (superlinear), and nothing here is cyclic.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for start, end, conf in plan:
            if conf is None:
                continue
            used.append(conf)
            _, spans = convert_script_spans(text[start:end], conf)
            for sp in spans:
                out.edits.append(
                    Edit(sp.start + start, sp.end + start, sp.replacement, _reason(conf, sp), "script", conf, 1.0)
                )
    finally:
        if collecting:
            gc.enable()
    out.metadata["script_conversion"] = sorted(set(used))
    if len(plan) > 1:
        out.notes.append(
            f"script: mixed text converted clause by clause ({', '.join(sorted(set(used)))}); "
            "clauses already in the target script left alone"
        )
    if protected_spans(text):
        out.notes.append("script: Japanese/Korean spans (kana or hangul present) left alone")
    return out


def fast(text: str, config: Config) -> str:
    """The text ``run`` would produce, without building its edits."""
    plan = _decide(text, config, StepOutput())
    if plan is None:
        return text
    return "".join(text[s:e] if conf is None else convert_script(text[s:e], conf) for s, e, conf in plan)
