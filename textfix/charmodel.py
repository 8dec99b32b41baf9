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
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import repeat
from operator import add
from typing import Any

# "zh" takes the cheaper of Simplified and Traditional for each character and pair: real
# Chinese text mixes them (a Traditional quotation in a Simplified article).
LANGS: tuple[str, ...] = ("hans", "hant", "ja", "ko", "zh")
# Scores are taken under these (zh is never dearer than hans or hant, so those two need no sum).
SCORED: tuple[str, ...] = ("zh", "ja", "ko")
_SCORED_AT = tuple(LANGS.index(name) for name in SCORED)
_CJK_CLASSES = frozenset("HKG")
# The class memo: strings up to this length, this many at most (a few megabytes).
_MEMO_CHARS = 1024
_MEMO_ENTRIES = 2048


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
        return SCORED[self.costs.index(self.best)]

    @property
    def per_char(self) -> float:
        return self.best / max(self.length, 1)

    def to_dict(self) -> dict[str, Any]:
        return {"cost": round(self.best, 2), "per_char": round(self.per_char, 3), "lang": self.lang}


class _Costs(dict):  # type: ignore[type-arg]
    """Unigram costs of one language; a character it has not seen costs its class's price
    (the language's floor for Han, kana and Hangul), remembered on first use."""

    __slots__ = ("_floor", "_hangul", "_model")

    def __init__(self, data: dict[str, float], floor: float, model: _Model,
                 hangul: _Jamo | None = None) -> None:
        super().__init__(data)
        self._floor = floor
        self._model = model
        self._hangul = hangul

    def __missing__(self, ch: str) -> float:
        k = self._model.classes(ch)
        if k in _CJK_CLASSES:
            value = self._floor
            if self._hangul is not None and (0xAC00 <= ord(ch) <= 0xD7A3 or 0x3131 <= ord(ch) <= 0x3163):
                value = min(value, self._hangul.cost(ch))
        else:
            value = self._model.class_cost.get(k, 11.0)
        if len(self) < 400_000:
            self[ch] = value
        return value


_LEADS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_TAILS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"


class _Jamo:
    """A fallback cost for Hangul syllables a language's table has not seen, from their jamo.

    A syllable is an initial, a vowel and an optional final (Unicode composes them
    arithmetically), so a rare syllable made of common jamo is plausible Korean even when
    the word list never showed it (``믤``, ``릔``). Each jamo's probability is its share of
    the seen syllables' probability mass; an unseen syllable costs the product's cost plus
    the median gap between the seen syllables' own costs and their jamo costs, plus ``log 2``
    for being unseen, and never more than the language's floor.
    """

    __slots__ = ("_lead", "_offset", "_tail", "_vowel")

    def __init__(self, uni: dict[str, float]) -> None:
        seen = {c: v for c, v in uni.items() if 0xAC00 <= ord(c) <= 0xD7A3}
        lead, vowel, tail = [0.0] * 19, [0.0] * 21, [0.0] * 28
        for c, v in seen.items():
            i, p = ord(c) - 0xAC00, math.exp(-v)
            lead[i // 588] += p
            vowel[i // 28 % 21] += p
            tail[i % 28] += p
        total = sum(lead) or 1.0
        tiny = 1e-12

        def costs(mass: list[float]) -> list[float]:
            return [-math.log(max(m / total, tiny)) for m in mass]

        self._lead, self._vowel, self._tail = costs(lead), costs(vowel), costs(tail)
        self._offset = 0.0
        gaps = sorted(v - self._raw(c) for c, v in seen.items())
        self._offset = (gaps[len(gaps) // 2] if gaps else 0.0) + math.log(2)

    def _raw(self, ch: str) -> float:
        i = ord(ch) - 0xAC00
        return self._lead[i // 588] + self._vowel[i // 28 % 21] + self._tail[i % 28]

    def cost(self, ch: str) -> float:
        """The fallback cost of one precomposed Hangul syllable, or of one compatibility jamo
        written alone (``ㅋㅋ``, ``ㅠㅠ``: its cost as a vowel or as an initial or final), in nats."""
        cp = ord(ch)
        if 0x3131 <= cp <= 0x314E:
            lead = _LEADS.find(ch)
            tail = _TAILS.find(ch)
            best = min(self._lead[lead] if lead >= 0 else math.inf, self._tail[tail + 1] if tail >= 0 else math.inf)
            return best + self._offset + math.log(2)
        if 0x314F <= cp <= 0x3163:
            return self._vowel[cp - 0x314F] + self._offset + math.log(2)
        return self._raw(ch) + self._offset


class _Floor(dict):  # type: ignore[type-arg]
    """Per-character lower bounds; a character without bigram bonuses has its unigram floor."""

    __slots__ = ("_base",)

    def __init__(self, data: dict[str, float], base: dict[str, float]) -> None:
        super().__init__(data)
        self._base = base

    def __missing__(self, ch: str) -> float:
        value: float = self._base[ch]
        if len(self) < 400_000:
            self[ch] = value
        return value


class _Model:
    __slots__ = ("_astral", "_class_memo", "bonus", "bonus_ceiling", "bonus_keys", "bonus_min", "char_floor", "cjk_keyed",
                 "class_cost",
                 "class_table", "floor", "meta", "scale", "transition", "transition_floor", "uni", "uni_min")

    def __init__(self) -> None:
        data_dir = resources.files("textfix") / "_data"
        with (data_dir / "charmodel.json.gz").open("rb") as fh:
            model = json.loads(gzip.decompress(fh.read()))
        classes = json.loads((data_dir / "charclass.json").read_text(encoding="utf-8"))
        self.meta: dict[str, Any] = model["meta"]
        scale = float(model["meta"]["scale"])
        self.scale = scale
        self.floor: tuple[float, ...] = tuple(f / scale for f in model["floor"])
        table: dict[int, str] = {}
        for lo, hi, cls in classes["ranges"]:
            for cp in range(int(lo, 16), int(hi, 16) + 1):
                table[cp] = cls
        self.class_table = table
        self._class_memo: dict[str, str] = {}
        self._astral = [(int(lo, 16), int(hi, 16), cls) for lo, hi, cls in classes["astral"]]
        self.class_cost: dict[str, float] = {k: v / 10 for k, v in classes["cost"].items()}
        # Transitions between classes; two Han/kana/Hangul in a row are left to the bigrams.
        trans = {k: v / 10 for k, v in classes["transition"].items()}
        for a in _CJK_CLASSES:
            for b in _CJK_CLASSES:
                trans.setdefault(a + b, 0.0)
        self.transition: dict[str, float] = trans
        n = len(self.floor)
        uni: list[dict[str, float]] = [{} for _ in range(n)]
        for c, vals in model["uni"].items():
            for i, v in enumerate(vals):
                uni[i][c] = self.floor[i] if v is None else v / scale
        # A bigram's bonus: its cost minus the unigram cost of its second character.
        bonus: list[dict[str, float]] = [{} for _ in range(n)]
        bi_cost: dict[str, float] = {}
        for pair, vals in model["bi"].items():
            for i, v in enumerate(vals):
                if v is not None:
                    bonus[i][pair] = v / scale - uni[i].get(pair[1], self.floor[i])
            if vals[0] is not None or vals[1] is not None:
                bi_cost[pair] = min(v / scale for v in vals[:2] if v is not None)
        zh_floor = min(self.floor[:2])
        zh_uni = {c: min(uni[0].get(c, self.floor[0]), uni[1].get(c, self.floor[1])) for c in {*uni[0], *uni[1]}}
        zh_bonus = {pair: c - zh_uni.get(pair[1], zh_floor) for pair, c in bi_cost.items()}
        self.floor = (*self.floor, zh_floor)
        ko = LANGS.index("ko")
        jamo = _Jamo(uni[ko])
        self.uni: tuple[_Costs, ...] = (
            *(_Costs(uni[i], self.floor[i], self, jamo if i == ko else None) for i in range(n)),
            _Costs(zh_uni, zh_floor, self),
        )
        self.bonus: tuple[dict[str, float], ...] = (*bonus, zh_bonus)
        # Only Han, kana and Hangul have unigram or bigram entries: text without any costs the
        # same under every language (its characters are scored by class).
        self.cjk_keyed = all(_CJK_CLASSES.issuperset(self.classes("".join(u))) for u in self.uni) and all(
            _CJK_CLASSES.issuperset(self.classes("".join(b))) for b in self.bonus
        )
        # Per character the cheapest unigram cost and per pair the most negative bigram bonus
        # over the scored languages: summed, a lower bound of every scored language's cost at
        # the price of one language (see cost_floor).
        scored = [self.uni[i] for i in _SCORED_AT]
        self.uni_min = _Costs({c: min(u[c] for u in scored) for c in set().union(*scored)},
                              min(self.floor[i] for i in _SCORED_AT), self, jamo)
        bonus_min: dict[str, float] = {}
        for i in _SCORED_AT:
            for pair, v in self.bonus[i].items():
                if v < bonus_min.get(pair, 0.0):
                    bonus_min[pair] = v
        self.bonus_min = bonus_min
        # Every pair with a bonus in some scored language: scoring keeps only these pairs (in
        # C) before the per-language sums, which then add the very same non-zero terms.
        self.bonus_keys = frozenset().union(*(self.bonus[i] for i in _SCORED_AT))
        # Looser still, one lookup per character: the cheapest unigram cost plus the most
        # negative bonus of any pair ending in the character, and no class transitions
        # (all of them cost nothing or more).
        into: dict[str, float] = {}
        for pair, v in bonus_min.items():
            if v < into.get(pair[1], 0.0):
                into[pair[1]] = v
        self.char_floor = _Floor({c: self.uni_min[c] + v for c, v in into.items()}, self.uni_min)
        self.transition_floor = min(0.0, *trans.values())
        # The dearest bigram bonus (none is positive in the shipped model: a pair is kept
        # only when it is cheaper than its second character alone).
        self.bonus_ceiling = max(0.0, *(max(b.values(), default=0.0) for b in self.bonus))

    def classes(self, text: str) -> str:
        """One class letter per character of ``text``.

        Remembered for short strings (the mojibake step asks about the same runs and repairs
        several times; a bounded memo, emptied when full)."""
        memo = self._class_memo
        out = memo.get(text)
        if out is not None:
            return out
        out = text.translate(self.class_table)
        if not out.isascii():
            # Characters outside the table (astral planes, unlisted blocks) are left as themselves.
            out = "".join(o if o.isascii() else self._astral_class(o) for o in out)
        if len(text) <= _MEMO_CHARS:
            if len(memo) >= _MEMO_ENTRIES:
                memo.clear()
            memo[text] = out
        return out

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
    """The cost of ``text`` under each scored language (zh, ja, ko); lower is more plausible.

    Every sum runs in C (``map`` over dict lookups): unigram costs, bigram bonuses over
    adjacent pairs, and class transitions.
    """
    m = model()
    if not text:
        return Score(tuple(0.0 for _ in SCORED), 0)
    cls = m.classes(text)
    shared = sum(map(m.transition.get, map(add, cls, cls[1:]), repeat(0.0)))
    if m.cjk_keyed and _CJK_CLASSES.isdisjoint(cls):
        # no Han, kana or Hangul: the same cost under every language, and no bigram bonus
        same = sum(map(m.uni[_SCORED_AT[0]].__getitem__, text)) + shared
        return Score((same,) * len(_SCORED_AT), len(text))
    pairs = list(filter(m.bonus_keys.__contains__, map(add, text, text[1:])))
    costs = tuple(
        sum(map(m.uni[i].__getitem__, text)) + sum(map(m.bonus[i].get, pairs, repeat(0.0))) + shared
        for i in _SCORED_AT
    )
    return Score(costs, len(text))


def cost_floor(text: str) -> float:
    """A lower bound of ``cost(text)`` at the price of one language: per character the
    cheapest unigram cost and per pair the most negative bigram bonus of any scored language."""
    m = model()
    if not text:
        return 0.0
    pairs = filter(m.bonus_keys.__contains__, map(add, text, text[1:]))
    return sum(map(m.uni_min.__getitem__, text)) + sum(map(m.bonus_min.get, pairs, repeat(0.0))) + _shared(m, text)


def cost_floor_loose(text: str) -> float:
    """A looser lower bound of ``cost(text)`` than :func:`cost_floor`, one dict lookup per
    character (no pairs are built)."""
    m = model()
    if not text:
        return 0.0
    return sum(map(m.char_floor.__getitem__, text)) + m.transition_floor * (len(text) - 1)


def cost_under(text: str, lang: str = "zh") -> float:
    """The cost of ``text`` under one scored language: an upper bound of ``cost(text)``."""
    m = model()
    if not text:
        return 0.0
    i = LANGS.index(lang)
    pairs = filter(m.bonus_keys.__contains__, map(add, text, text[1:])) if i in _SCORED_AT else map(add, text, text[1:])
    return sum(map(m.uni[i].__getitem__, text)) + sum(map(m.bonus[i].get, pairs, repeat(0.0))) + _shared(m, text)


def cost_ceiling_loose(text: str, lang: str = "zh") -> float:
    """A looser upper bound of ``cost(text)`` than :func:`cost_under` (no pairs of characters
    are built): the unigram costs and class transitions under ``lang``, bigram bonuses at
    their dearest."""
    m = model()
    if not text:
        return 0.0
    i = LANGS.index(lang)
    return sum(map(m.uni[i].__getitem__, text)) + _shared(m, text) + m.bonus_ceiling * (len(text) - 1)


def _shared(m: _Model, text: str) -> float:
    cls = m.classes(text)
    return sum(map(m.transition.get, map(add, cls, cls[1:]), repeat(0.0)))


def cost(text: str) -> float:
    """The cheapest language's cost of ``text`` in nats."""
    return score(text).best


@lru_cache(maxsize=4096)
def char_cost(ch: str) -> float:
    """The cheapest unigram cost of one character (nats)."""
    return min(uni[ch] for uni in model().uni)
