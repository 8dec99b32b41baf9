"""Runs the steps in their fixed order, threads the config, collects changes.

The order matters and is documented in the README:

1. ``repair_encoding``: mojibake first, so every later step sees real characters.
2. ``normalize``: NFC, invisible characters, whitespace; pinyin tone marks are composed after it.
3. ``pinyin``: annotation garbling removed, so boilerplate keywords such as ``版權所有`` match.
4. ``boilerplate``: page chrome stripped and its metadata kept.
5. ``script``: script conversion last, on the text that is kept.

Adding a step is one module with ``run(text, config) -> StepOutput`` and one entry in ``STEPS``.
"""

from __future__ import annotations

import importlib
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
    """A registered step: its name, the module holding ``run``, and when it is on."""

    name: str
    module: str
    enabled: Callable[[Config], bool]

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

STEPS: tuple[Step, ...] = (
    Step("repair_encoding", ".mojibake", lambda c: c.repair_encoding),
    Step("normalize", ".normalize", lambda c: c.normalize),
    Step("pinyin", ".pinyin", lambda c: c.pinyin != "never"),
    Step("boilerplate", ".boilerplate", lambda c: c.strip_boilerplate),
    Step("script", ".script", lambda c: c.script is not None),
)

STEP_NAMES: tuple[str, ...] = tuple(s.name for s in STEPS)
_BY_NAME = {s.name: s for s in STEPS}


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
    steps = STEPS if only is None else (_BY_NAME[only],)
    changes: list[Change] = []
    notes: list[Note] = []
    metadata: dict[str, Any] = {}
    for step in steps:
        if only is None and not step.enabled(cfg):
            continue
        t0 = perf_counter() if timings is not None else 0.0
        if not explain:
            fast = step.fast()
            if fast is not None:
                text = fast(text, cfg)
                if timings is not None:
                    timings[step.name] = timings.get(step.name, 0.0) + perf_counter() - t0
                continue
        out = step.function()(text, cfg)
        if out.edits:
            for e in out.edits:
                changes.append(
                    Change(step.name, e.start, e.end, text[e.start : e.end], e.replacement,
                           e.reason, e.category, e.rule, e.confidence)
                )
            text = apply_edits(text, out.edits)
        notes.extend(Note(step.name, m) for m in out.notes)
        metadata.update(out.metadata)
        if timings is not None:
            timings[step.name] = timings.get(step.name, 0.0) + perf_counter() - t0
    return Result(text, tuple(changes), tuple(notes), metadata)


def run_step(name: str, text: str | bytes, config: Config | None = None, **overrides: Any) -> Result:
    """Run one step on its own, whatever the config says about switching it on."""
    if name not in _BY_NAME:
        raise ValueError(f"unknown step {name!r}; steps are {', '.join(STEP_NAMES)}")
    return run(text, config, only=name, **overrides)
