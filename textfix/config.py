"""The one immutable configuration passed through every step."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, Literal

PinyinMode = Literal["auto", "always", "never"]
UnicodeForm = Literal["NFC", "NFKC", "none"]
BoilerplateMode = Literal["remove", "mark"]

_CHOICES: dict[str, tuple[Any, ...]] = {
    "pinyin": ("auto", "always", "never"),
    "unicode_form": ("NFC", "NFKC", "none"),
    "boilerplate_mode": ("remove", "mark"),
    "script": (None, "zh-Hans", "zh-Hant", "zh-TW", "zh-TW-phrases", "zh-HK", "zh-HK-phrases"),
    "script_source": ("auto", "zh-Hant", "zh-TW", "zh-TW-phrases", "zh-HK", "zh-HK-phrases"),
}


@dataclass(frozen=True, slots=True)
class Config:
    """Which steps run and how. Every step can be switched off; the defaults never
    change clean text.

    >>> Config(pinyin="never").pinyin
    'never'
    """

    # Encodings (step ``repair_encoding``): undo mojibake chains.
    repair_encoding: bool = True

    # Unicode (step ``normalize``).
    normalize: bool = True
    unicode_form: UnicodeForm = "NFC"
    remove_invisible: bool = True
    normalize_whitespace: bool = True
    fullwidth_ascii: bool = False
    cjk_punctuation: bool = False

    # Pinyin annotations (step ``pinyin``): auto decides per document.
    pinyin: PinyinMode = "auto"

    # Boilerplate (step ``boilerplate``).
    strip_boilerplate: bool = True
    boilerplate_mode: BoilerplateMode = "remove"
    boilerplate_min_confidence: float = 0.0  # spans below this confidence are kept (0..1)
    boilerplate_model: str | None = None  # path of a saved BoilerplateModel (site-repeated lines)

    # Script (step ``script``): None leaves the script alone; otherwise the target script.
    script: str | None = None
    # Which regional form Traditional input is in (auto: OpenCC standard Traditional).
    script_source: str = "auto"

    def __post_init__(self) -> None:
        for name, allowed in _CHOICES.items():
            value = getattr(self, name)
            if value not in allowed:
                shown = ", ".join(repr(a) for a in allowed)
                raise ValueError(f"Config.{name}={value!r} is not one of {shown}")
        if not isinstance(self.boilerplate_min_confidence, (int, float)) or not (
            0.0 <= self.boilerplate_min_confidence <= 1.0
        ):
            raise ValueError(f"Config.boilerplate_min_confidence must be a number in [0, 1], not {self.boilerplate_min_confidence!r}")
        if self.boilerplate_model is not None and not isinstance(self.boilerplate_model, str):
            raise TypeError(f"Config.boilerplate_model must be a path string or None, not {self.boilerplate_model!r}")
        for f in fields(self):
            if f.type == "bool" and not isinstance(getattr(self, f.name), bool):
                raise TypeError(f"Config.{f.name} must be True or False, not {getattr(self, f.name)!r}")

    def with_(self, **overrides: Any) -> Config:
        """A copy with some fields replaced (validated like the original)."""
        return replace(self, **overrides) if overrides else self


DEFAULT = Config()


def resolve(config: Config | None, overrides: dict[str, Any]) -> Config:
    """The config a call should use: ``config`` (or the default) plus keyword overrides."""
    base = DEFAULT if config is None else config
    if not isinstance(base, Config):
        raise TypeError(f"config must be a textfix.Config, not {type(base).__name__}")
    return base.with_(**overrides)
