"""A character language model: how plausible a string is as real text, in nats.

Han, kana and Hangul are scored with unigram and bigram costs for four languages (Simplified,
Traditional, Japanese, Korean) from ``_data/charmodel.json.gz`` (built by
``tools/build_charmodel.py``); every other character is scored by its class (Latin letter,
Latin-1 symbol, control, box drawing ...) plus a penalty for unlikely neighbours (a Latin-1
symbol beside a Han character), from ``_data/charclass.json``. A string's cost is its cheapest
language's total, so mojibake (rare characters in pairs never seen together) costs far more
than the text it came from.

>>> cost("发布时间") < cost("鍙戝竷鏃堕棿")
True
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

LANGS: tuple[str, ...] = ("hans", "hant", "ja", "ko")
_CJK_CLASSES = frozenset("HKG")


@dataclass(frozen=True, slots=True)
class Score:
    """A string's cost under each language (nats) and the cheapest one."""

    costs: tuple[float, ...]
    length: int

    @property
    def best(self) -> float:
        return min(self.costs)

    @property
    def lang(self) -> str:
        return LANGS[self.costs.index(self.best)]

    @property
    def per_char(self) -> float:
        return self.best / max(self.length, 1)

    def to_dict(self) -> dict[str, Any]:
        return {"cost": round(self.best, 2), "per_char": round(self.per_char, 3), "lang": self.lang}


class _Model:
    __slots__ = ("_astral", "bi", "class_cost", "class_table", "floor", "meta", "scale", "transition", "uni")

    def __init__(self) -> None:
        data_dir = resources.files("textfix") / "_data"
        with (data_dir / "charmodel.json.gz").open("rb") as fh:
            model = json.loads(gzip.decompress(fh.read()))
        classes = json.loads((data_dir / "charclass.json").read_text(encoding="utf-8"))
        self.meta: dict[str, Any] = model["meta"]
        scale = float(model["meta"]["scale"])
        self.scale = scale
        self.floor: tuple[float, ...] = tuple(f / scale for f in model["floor"])
        self.uni: dict[str, tuple[float, ...]] = {
            c: tuple(f if v is None else v / scale for v, f in zip(vals, self.floor, strict=True))
            for c, vals in model["uni"].items()
        }
        # A missing bigram falls back to the unigram cost of its second character.
        uni, floor = self.uni, self.floor
        self.bi: dict[str, tuple[float, ...]] = {}
        for pair, vals in model["bi"].items():
            back = uni.get(pair[1], floor)
            self.bi[pair] = tuple(b if v is None else v / scale for v, b in zip(vals, back, strict=True))
        table: dict[int, str] = {}
        for lo, hi, cls in classes["ranges"]:
            for cp in range(int(lo, 16), int(hi, 16) + 1):
                table[cp] = cls
        self.class_table = table
        self.class_cost: dict[str, float] = {k: v / 10 for k, v in classes["cost"].items()}
        self.transition: dict[str, float] = {k: v / 10 for k, v in classes["transition"].items()}
        self._astral = [(int(lo, 16), int(hi, 16), cls) for lo, hi, cls in classes["astral"]]

    def classes(self, text: str) -> str:
        """One class letter per character of ``text``."""
        out = text.translate(self.class_table)
        if out.isascii():
            return out
        # Characters outside the table (astral planes, unlisted blocks) are left as themselves.
        return "".join(o if o.isascii() else self._astral_class(o) for o in out)

    def _astral_class(self, c: str) -> str:
        cp = ord(c)
        for lo, hi, cls in self._astral:
            if lo <= cp <= hi:
                return cls
        return "O"


_model: _Model | None = None


def model() -> _Model:
    """The loaded model (loaded once per process, on first use)."""
    global _model
    if _model is None:
        _model = _Model()
    return _model


def metadata() -> dict[str, Any]:
    """Where the model's tables came from and under which licences."""
    return dict(model().meta)


def score(text: str) -> Score:
    """The cost of ``text`` under each language; lower is more plausible."""
    m = model()
    cls = m.classes(text)
    uni, bi, floor = m.uni, m.bi, m.floor
    class_cost, transition = m.class_cost, m.transition
    shared = 0.0
    a = b = c = d = 0.0
    prev_ch = ""
    prev_cls = ""
    for ch, k in zip(text, cls, strict=True):
        if k in _CJK_CLASSES:
            t = bi.get(prev_ch + ch) if prev_cls in _CJK_CLASSES else None
            if t is None:
                t = uni.get(ch, floor)
            a += t[0]
            b += t[1]
            c += t[2]
            d += t[3]
        else:
            shared += class_cost.get(k, 11.0)
        if prev_cls and prev_cls != k:
            shared += transition.get(prev_cls + k, 0.0)
        elif k == prev_cls and k not in _CJK_CLASSES:
            shared += transition.get(k + k, 0.0)
        prev_ch, prev_cls = ch, k
    return Score((a + shared, b + shared, c + shared, d + shared), len(text))


def cost(text: str) -> float:
    """The cheapest language's cost of ``text`` in nats."""
    return score(text).best


@lru_cache(maxsize=4096)
def char_cost(ch: str) -> float:
    """The cheapest unigram cost of one character (nats)."""
    m = model()
    k = m.classes(ch)
    if k in _CJK_CLASSES:
        return min(m.uni.get(ch, m.floor))
    return m.class_cost.get(k, 11.0)
