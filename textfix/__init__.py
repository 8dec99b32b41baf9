"""textfix: clean garbled, mixed-script, boilerplate-laden web text, and explain every change.

>>> import textfix
>>> textfix.fix("中央企業(yè)產業(yè)鏈")
'中央企業產業鏈'
"""

from __future__ import annotations

from typing import Any

from .boilerplate import BoilerplateResult, strip_boilerplate
from .boilerplate_model import BoilerplateModel
from .cleaner import Cleaner
from .config import Config
from .decode import Decoded, decode
from .mojibake import diagnose, repair_mojibake
from .normalize import normalize_unicode
from .pinyin import remove_pinyin_annotations
from .pipeline import STEP_NAMES, run
from .result import Change, Note, Result
from .script import convert_script
from .script_detect import ScriptInfo, detect_script

__version__ = "0.1.0"

__all__ = [
    "STEP_NAMES",
    "BoilerplateModel",
    "BoilerplateResult",
    "Change",
    "Cleaner",
    "Config",
    "Decoded",
    "Note",
    "Result",
    "ScriptInfo",
    "__version__",
    "convert_script",
    "decode",
    "detect_script",
    "diagnose",
    "fix",
    "fix_and_explain",
    "normalize_unicode",
    "remove_pinyin_annotations",
    "repair_mojibake",
    "strip_boilerplate",
]


def fix(text: str | bytes, config: Config | None = None, **overrides: Any) -> str:
    """Clean ``text`` with every enabled step and return the cleaned text.

    Bytes are decoded first. Keyword overrides replace Config fields for this call.
    """
    if "explain" in overrides:
        raise TypeError("fix() returns the text only; call fix_and_explain() for the changes")
    return run(text, config, explain=False, **overrides).text


def fix_and_explain(text: str | bytes, config: Config | None = None, **overrides: Any) -> Result:
    """Clean ``text`` and return a Result: the text, every change (step, span in that step's
    input, before, after, reason), notes on decisions that changed nothing, and metadata."""
    return run(text, config, **overrides)
