"""Runs the steps in their fixed order, threads the config, collects changes.

The order matters and is documented in the README:

1. ``repair_encoding``: mojibake first, so every later step sees real characters.
2. ``normalize``: NFC, invisible characters, whitespace; pinyin tone marks are composed after it.
   When it removed invisible or control characters, 1 runs again (then 2, if 1 changed
   something): mojibake they split is whole now.
3. ``pinyin``: annotation garbling removed, so boilerplate keywords such as ``版權所有`` match.
4. ``boilerplate``: page chrome stripped and its metadata kept. When it removed text, 1 runs
   again (a removed character may have split mojibake) and, while readings are left, 3 (the
   removed text weighed in its decision); if either finds more, the steps after it run again.
5. ``script``: script conversion last, on the text that is kept. When it changed the text, 1
   runs again (a converted character may complete a mojibake sequence), then 2-5 if 1 found more.

Adding a step is one module with ``run(text, config) -> StepOutput`` and one entry in ``STEPS``.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter
from typing import Any

from .config import Config, resolve
from .result import Change, Note, Result, StepOutput, apply_edits

StepFunction = Callable[[str, Config], StepOutput]
FastFunction = Callable[[str, Config], str]


@dataclass(frozen=True, slots=True)
class Step:
    """A registered step: its name, the module holding ``run``, when it is on, and whether a
    very long text may be given to it in blocks (see :func:`blocks`)."""

    name: str
    module: str
    enabled: Callable[[Config], bool]
    blockwise: bool = False

    def function(self) -> StepFunction:
        return _load(self.module)[0]

    def fast(self) -> FastFunction | None:
        """The module's optional ``fast(text, config) -> str``: the same output as applying
        ``run``'s edits, without building them (used when no explanation is wanted)."""
        return _load(self.module)[1]


def _load(module: str) -> tuple[StepFunction, FastFunction | None]:
    loaded = _LOADED.get(module)
    if loaded is None:
        mod = importlib.import_module(module, __package__)
        loaded = _LOADED[module] = (mod.run, getattr(mod, "fast", None))
    return loaded


_LOADED: dict[str, tuple[StepFunction, FastFunction | None]] = {}

# repair_encoding bounds its own work per window; normalize is light and its whitespace rules
# look at the ends of the whole text, so both always see the whole text.
STEPS: tuple[Step, ...] = (
    Step("repair_encoding", ".mojibake", lambda c: c.repair_encoding),
    Step("normalize", ".normalize", lambda c: c.normalize),
    Step("pinyin", ".pinyin", lambda c: c.pinyin != "never", blockwise=True),
    Step("boilerplate", ".boilerplate", lambda c: c.strip_boilerplate, blockwise=True),
    Step("script", ".script", lambda c: c.script is not None, blockwise=True),
)

# A text longer than this (a dump, not a web page) goes through the blockwise steps in blocks
# of about BLOCK_TARGET characters, cut at paragraph, line, space or sentence ends: the memory
# a step holds is then bounded by the block, not by the text. Documented best effort: per-block
# decisions (pinyin density, the article core) replace per-document ones for such texts.
BLOCK_LIMIT = 200_000
BLOCK_TARGET = 100_000
_SENTENCE_ENDS = "。！？；.!?;"

STEP_NAMES: tuple[str, ...] = tuple(s.name for s in STEPS)
_BY_NAME = {s.name: s for s in STEPS}
_POSITION = {s.name: i for i, s in enumerate(STEPS)}

# Characters normalize removes or maps that can sit inside mojibake and hide it from the repair
# step (zero-width and format characters, C0/C1 controls): see _revisit.
_BREAKERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f"
                       "\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")
MAX_REVISITS = 2  # earlier steps run again at most this many times per text


def blocks(text: str, limit: int = BLOCK_LIMIT, target: int = BLOCK_TARGET) -> list[tuple[int, int]]:
    """``(start, end)`` pieces covering ``text``: one piece unless it is longer than ``limit``,
    else pieces of about ``target`` characters, each ending after a blank line, a line break, a
    space or a sentence end when one lies in the second half of the piece (never between a
    character and a following parenthesis, a combining mark or a joiner)."""
    n = len(text)
    if n <= limit:
        return [(0, n)]
    out: list[tuple[int, int]] = []
    pos = 0
    while n - pos > target + target // 2:
        lo, hi = pos + target // 2, pos + target
        cut = text.rfind("\n\n", lo, hi)
        cut = cut + 2 if cut != -1 else -1
        if cut == -1:
            cut = text.rfind("\n", lo, hi)
            cut = cut + 1 if cut != -1 else -1
        if cut == -1:
            cut = max(text.rfind(" ", lo, hi), text.rfind("\u3000", lo, hi))
            cut = cut + 1 if cut != -1 else -1
        if cut == -1:
            cut = max(text.rfind(p, lo, hi) for p in _SENTENCE_ENDS)
            cut = cut + 1 if cut != -1 else hi
        stop = min(n, cut + 32)  # a longer run of marks may be cut: these steps do not read marks
        while cut < stop and (text[cut] in "()\u200c\u200d\ufe0e\ufe0f" or unicodedata.combining(text[cut])
                              or "\udc00" <= text[cut] <= "\udfff"):
            cut += 1
        if cut >= n:
            break
        out.append((pos, cut))
        pos = cut
    out.append((pos, n))
    return out


def _step_text(step: Step, text: str, cfg: Config, fast: FastFunction) -> str:
    if not step.blockwise:
        return fast(text, cfg)
    pieces = blocks(text)
    if len(pieces) == 1:
        return fast(text, cfg)
    return "".join(fast(text[a:b], cfg) for a, b in pieces)


def _step_outputs(step: Step, text: str, cfg: Config) -> list[tuple[int, int, StepOutput]]:
    """The step's output for each block of ``text`` (one block unless the text is very long)."""
    run_one = step.function()
    pieces = blocks(text) if step.blockwise else [(0, len(text))]
    if len(pieces) == 1:
        return [(0, len(text), run_one(text, cfg))]
    outs = [(a, b, run_one(text[a:b], cfg)) for a, b in pieces]
    outs[-1][2].notes.append(f"text of {len(text)} characters processed in {len(pieces)} blocks")
    return outs


def _check_text(text: object) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray, memoryview)):
        from .decode import decode

        return decode(bytes(text)).text
    raise TypeError(f"textfix expects str or bytes, not {type(text).__name__}")


def run(
    text: str | bytes,
    config: Config | None = None,
    *,
    only: str | None = None,
    timings: dict[str, float] | None = None,
    explain: bool = True,
    **overrides: Any,
) -> Result:
    """Run every enabled step (or just the step named ``only``) and return a Result.

    ``timings``, when given, accumulates the seconds each step took (``--stats`` uses it).
    With ``explain=False`` steps that have a fast path skip building their edits, and the
    Result carries the text only.
    """
    cfg = resolve(config, overrides)
    text = _check_text(text)
    steps = list(STEPS if only is None else (_BY_NAME[only],))
    changes: list[Change] = []
    notes: list[Note] = []
    metadata: dict[str, Any] = {}
    rounds = 0
    k = 0
    while k < len(steps):
        step = steps[k]
        k += 1
        if only is None and not step.enabled(cfg):
            continue
        before = text
        text = _run_step(step, text, cfg, explain, timings, changes, notes, metadata)
        if only is not None or rounds >= MAX_REVISITS or text == before:
            continue
        for earlier in _revisit(step, before, text, cfg):
            again = _run_step(earlier, text, cfg, explain, timings, changes, notes, metadata)
            if again != text:
                # the earlier step found more: the steps after it, up to this one, run once more
                rounds += 1
                text = again
                steps[k:k] = list(STEPS[_POSITION[earlier.name] + 1 : _POSITION[step.name] + 1])
                break
    return Result(text, tuple(changes), tuple(notes), metadata)


def _revisit(step: Step, before: str, after: str, cfg: Config) -> list[Step]:
    """The earlier steps to run again, in order, after ``step`` changed ``before`` into ``after``
    in a way that can alter their decision (so that fix(fix(x)) == fix(x)):

    * normalize removed invisible or control characters: what they split may be mojibake now
      (``锟斤拷`` + ZWJ + ``锟斤拷``): repair_encoding;
    * pinyin removed readings next to a zero-width joiner, which may now sit between letters
      (``係(xì)`` + ZWNJ + ``太``): normalize;
    * boilerplate removed text: a chrome character inside garbled text (a ``©``) may have split
      mojibake, and the removed text weighed in the per-document pinyin decision (a footer with
      a deliberate-looking annotation): repair_encoding, then pinyin while readings are left;
    * script conversion changed characters next to garbled text that the repair step left
      alone (``攏`` became ``拢``, which it reads as GBK for ``£``): repair_encoding, as a
      second run would. (Not pinyin: converting ``烨(yè)`` to ``燁(yè)`` makes a deliberate
      reading look like a converter's; removing it would lose content.)
    """
    if step.name == "normalize" and (_BREAKERS.search(before) is not None or cfg.unicode_form == "NFKC"
                                     or cfg.fullwidth_ascii or cfg.cjk_punctuation):
        names = ["repair_encoding"]  # (the opt-in width and compatibility folds make characters too)
    elif step.name == "pinyin" and _BREAKERS.search(after) is not None:
        names = ["normalize"]  # a joiner after a removed reading sits between letters now
    elif step.name == "boilerplate":
        names = ["repair_encoding"] if _joined_inside_a_line(before, after) else []
        if names and _BREAKERS.search(after) is not None:
            names.append("normalize")
        if "(" in after:
            names.append("pinyin")
    elif step.name == "script":
        names = ["repair_encoding"]  # a converted character may complete a mojibake sequence
    else:
        return []
    return [_BY_NAME[n] for n in names if _BY_NAME[n].enabled(cfg)]


def _joined_inside_a_line(before: str, after: str) -> bool:
    """Whether a removal happened inside a line: a line of ``after`` that ``before`` does not
    have (removing whole lines joins no text, so no mojibake can form across the cut)."""
    lines = set(before.split("\n"))
    return any(line not in lines for line in after.split("\n"))


def _run_step(step: Step, text: str, cfg: Config, explain: bool, timings: dict[str, float] | None,
              changes: list[Change], notes: list[Note], metadata: dict[str, Any]) -> str:
    """One step over ``text``: its changes, notes and metadata are added to the lists given."""
    t0 = perf_counter() if timings is not None else 0.0
    if not explain:
        fast = step.fast()
        if fast is not None:
            text = _step_text(step, text, cfg, fast)
            if timings is not None:
                timings[step.name] = timings.get(step.name, 0.0) + perf_counter() - t0
            return text
    outs = _step_outputs(step, text, cfg)
    pieces = []
    step_metadata: dict[str, Any] = {}
    for a, b, out in outs:
        # Spans are in this step's input: the block's offset is added here, once.
        for e in out.edits:
            changes.append(
                Change(step.name, e.start + a, e.end + a, text[e.start + a : e.end + a], e.replacement,
                       e.reason, e.category, e.rule, e.confidence)
            )
        pieces.append(apply_edits(text[a:b], out.edits) if out.edits else text[a:b])
        prefix = f"block {a}-{b}: " if len(outs) > 1 else ""
        notes.extend(Note(step.name, prefix + m) for m in out.notes)
        for key, value in out.metadata.items():
            if key in step_metadata and key.endswith("_removed") and isinstance(value, int):
                step_metadata[key] += value  # counts add up over blocks
            elif isinstance(value, list):  # spans listed in mark mode: in this step's input
                step_metadata.setdefault(key, []).extend(
                    {**v, "start": v["start"] + a, "end": v["end"] + a} if isinstance(v, dict) and "start" in v else v
                    for v in value)
            else:
                step_metadata.setdefault(key, value)  # the first block's title, date, ...
    for key, value in step_metadata.items():
        if key in metadata and key.endswith("_removed") and isinstance(value, int):
            metadata[key] += value  # a step run twice (repair after normalize) counts both
        else:
            metadata[key] = value
    text = pieces[0] if len(pieces) == 1 else "".join(pieces)
    if timings is not None:
        timings[step.name] = timings.get(step.name, 0.0) + perf_counter() - t0
    return text


def run_step(name: str, text: str | bytes, config: Config | None = None, **overrides: Any) -> Result:
    """Run one step on its own, whatever the config says about switching it on."""
    if name not in _BY_NAME:
        raise ValueError(f"unknown step {name!r}; steps are {', '.join(STEP_NAMES)}")
    return run(text, config, only=name, **overrides)
