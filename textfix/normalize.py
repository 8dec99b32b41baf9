"""Placeholder until this step lands: it changes nothing."""

from __future__ import annotations

from .config import Config
from .result import StepOutput


def run(text: str, config: Config) -> StepOutput:
    return StepOutput()
def normalize_unicode(text, config=None): return text
