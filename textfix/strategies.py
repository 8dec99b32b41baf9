"""Hypothesis strategies that generate realistic broken text together with its clean original.

Use them in your own property tests (``pip install 'textfix[strategies]'``)::

    from hypothesis import given
    import textfix
    from textfix import strategies as tfs

    @given(tfs.mojibake(layers=[("utf-8", "gbk")], min_size=8))
    def test_my_cleaner_undoes_mojibake(m):
        assert my_cleaner(m.garbled) == m.original

Every broken-text record has ``garbled`` (what your code receives) and ``original`` (the clean text
it should give back), plus what was done to get from one to the other. Arguments are checked when
the strategy is built, not when it is drawn from, and bad ones raise
:class:`hypothesis.errors.InvalidArgument` saying what to pass instead.

The Chinese sentences are real (see ``textfix/_data/strategy_samples.json`` for their sources and
licences); the other scripts, the emoji sequences and the boilerplate templates are short
hand-written samples (``textfix/_data/strategy_templates.json``). This is the only textfix module
that imports hypothesis.
"""

from __future__ import annotations

import codecs
import itertools
import json
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

try:
    from hypothesis import assume
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
    from hypothesis.strategies import SearchStrategy
except ImportError as exc:  # pragma: no cover - exercised only without hypothesis
    raise ImportError(
        "textfix.strategies needs hypothesis; install it with: pip install 'textfix[strategies]'"
    ) from exc

__all__ = [
    "BOILERPLATE_CATEGORIES",
    "CLEAN_SCRIPTS",
    "LOSSLESS_LAYERS",
    "SUPPORTED_LAYERS",
    "Boilerplated",
    "Layer",
    "Mojibake",
    "PinyinAnnotated",
    "ScriptSample",
    "Span",
    "boilerplated",
    "clean_text",
    "garble",
    "hostile_bytes",
    "hostile_text",
    "mojibake",
    "pinyin_annotated",
    "script_text",
]

# ---------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True, slots=True)
class Layer:
    """One wrong-codec round: text written as ``encoding`` bytes, then read back as ``decoding``."""

    encoding: str
    decoding: str

    def apply(self, text: str, *, lossy: bool = False) -> str:
        """Garble ``text`` through this layer; ``lossy`` replaces what the codecs cannot map."""
        errors = "replace" if lossy else "strict"
        return text.encode(self.encoding, errors).decode(self.decoding, errors)

    def undo(self, garbled: str) -> str:
        """Reverse a lossless application of this layer (raises UnicodeError if it was lossy)."""
        return garbled.encode(self.decoding).decode(self.encoding)

    def __str__(self) -> str:
        return f"{self.encoding} read as {self.decoding}"


@dataclass(frozen=True, slots=True)
class Mojibake:
    """``original`` garbled through ``chain`` (applied first to last) into ``garbled``.

    ``lossy`` examples lost bytes on the way: ``marker`` (U+FFFD or ``?``) stands where they were,
    so the original cannot be computed back from ``garbled`` alone.
    """

    garbled: str
    original: str
    chain: tuple[Layer, ...]
    lossy: bool = False
    marker: str = ""

    def reproduce(self) -> str:
        """Garble ``original`` again through ``chain``; always equals ``garbled``."""
        return garble(self.original, self.chain, lossy_marker=self.marker or None)

    def unwind(self) -> str:
        """Undo ``chain`` on ``garbled``; equals ``original`` (lossless examples only)."""
        if self.lossy:
            raise ValueError("a lossy example cannot be unwound; check example.lossy first")
        text = self.garbled
        for layer in reversed(self.chain):
            text = layer.undo(text)
        return text


@dataclass(frozen=True, slots=True)
class PinyinAnnotated:
    """Traditional Chinese ``original`` with converter-artifact pinyin in ``garbled``.

    ``annotations`` lists ``(character, reading)`` pairs in order of first occurrence; every
    occurrence of each character is followed by ``(reading)``.
    """

    garbled: str
    original: str
    annotations: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Span:
    """``text[start:end]`` is of kind ``label`` (a script code or a boilerplate category)."""

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class ScriptSample:
    """Real Chinese ``text`` whose script is ``script`` (``zh-Hant``, ``zh-Hans`` or ``mixed``);
    ``spans`` give the script of each sentence."""

    text: str
    script: str
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Boilerplated:
    """A page: ``original`` (the article) wrapped in boilerplate lines, giving ``garbled``.

    ``spans`` are the boilerplate lines in ``garbled`` (without their line breaks), labelled with
    the categories of the devdata labels (``footer_copyright``, ``icp_filing`` ...)."""

    garbled: str
    original: str
    spans: tuple[Span, ...]

    def boilerplate(self) -> list[str]:
        """The boilerplate lines, in order."""
        return [self.garbled[s.start : s.end] for s in self.spans]


# ---------------------------------------------------------------------------------------------
# Chains

_NAMES = {  # codecs.lookup(name).name -> the name textfix records
    "utf-8": "utf-8",
    "gbk": "gbk",
    "big5": "big5",
    "shift_jis": "shift_jis",
    "euc_kr": "euc_kr",
    "cp1252": "cp1252",
    "iso8859-1": "latin-1",
    "cp437": "cp437",
}
_LEGACY_CJK = ("gbk", "big5", "shift_jis", "euc_kr")
_BYTE_TRANSPARENT = ("latin-1", "cp437")  # decode every byte: never lose anything

SUPPORTED_LAYERS: tuple[Layer, ...] = (
    *(Layer("utf-8", d) for d in (*_LEGACY_CJK, "cp1252", "latin-1")),
    *(Layer(e, d) for e in _LEGACY_CJK for d in ("latin-1", "cp1252", "cp437")),
)
"""Every wrong-codec layer the strategies can apply: UTF-8 read as GBK, Big5, Shift_JIS, EUC-KR,
cp1252 or Latin-1, and GBK, Big5, Shift_JIS or EUC-KR read as Latin-1, cp1252 or cp437."""

LOSSLESS_LAYERS: tuple[Layer, ...] = tuple(
    la for la in SUPPORTED_LAYERS if la not in (Layer("utf-8", "big5"), Layer("utf-8", "euc_kr"))
)
"""Layers that produce lossless examples often enough to draw them. UTF-8 read as Big5 or EUC-KR
almost never decodes cleanly (as in the wild): use those with ``lossy=True``."""

_MAX_LAYERS = 4


def _codec_name(name: object) -> str:
    if not isinstance(name, str):
        raise InvalidArgument(f"a codec name must be a str such as 'gbk', not {name!r}")
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        canonical = ""
    if canonical not in _NAMES:
        raise InvalidArgument(
            f"codec {name!r} is not supported; use one of {', '.join(sorted(set(_NAMES.values())))}"
        )
    return _NAMES[canonical]


def _as_layer(item: object) -> Layer:
    if isinstance(item, Layer):
        pair: tuple[object, object] = (item.encoding, item.decoding)
    elif isinstance(item, (tuple, list)) and len(item) == 2:
        pair = (item[0], item[1])
    else:
        raise InvalidArgument(
            f"a layer is a Layer or an (encoding, decoding) pair such as ('utf-8', 'gbk'), not {item!r}"
        )
    layer = Layer(_codec_name(pair[0]), _codec_name(pair[1]))
    if layer not in SUPPORTED_LAYERS:
        raise InvalidArgument(
            f"layer {layer} is not supported; supported layers: "
            + "; ".join(str(s) for s in SUPPORTED_LAYERS)
        )
    return layer


def garble(text: str, chain: Iterable[Layer | tuple[str, str]], *, lossy_marker: str | None = None) -> str:
    """Apply ``chain`` to ``text``, layer after layer.

    Without ``lossy_marker`` every codec step is strict and an unencodable or undecodable text
    raises ``UnicodeError``. With it, what cannot be mapped is replaced, and the replacement
    characters of the last step are written as ``lossy_marker`` (``"\\ufffd"`` or ``"?"``).

    >>> garble("乱码", [("utf-8", "gbk")])
    '涔辩爜'
    >>> garble("中文", [("utf-8", "gbk")], lossy_marker="?")
    '涓?鏂?'
    """
    if lossy_marker not in (None, "\ufffd", "?"):
        raise ValueError(f"lossy_marker must be None, '\\ufffd' or '?', not {lossy_marker!r}")
    for item in chain:
        text = (item if isinstance(item, Layer) else Layer(*item)).apply(text, lossy=lossy_marker is not None)
    if lossy_marker == "?":
        text = text.replace("\ufffd", "?")
    return text


def _lossless(text: str, chain: Sequence[Layer]) -> str | None:
    """``text`` garbled through ``chain`` if every layer changes it and reverses exactly."""
    for layer in chain:
        try:
            raw = text.encode(layer.encoding)
            out = raw.decode(layer.decoding)
        except UnicodeError:
            return None
        if out == text or out.encode(layer.decoding) != raw:
            return None
        text = out
    return text


def _can_follow(prev: Layer, nxt: Layer) -> bool:
    # Text read as ``prev.decoding`` can be written again as that codec or as UTF-8.
    return nxt.encoding in ("utf-8", prev.decoding)


def _viable(layers: Sequence[Layer], length: int) -> dict[Layer, bool]:
    """For each layer: can a chain of ``length`` layers from ``layers`` start with it?"""
    ok = dict.fromkeys(layers, True)
    for _ in range(length - 1):
        ok = {la: any(ok[nx] and _can_follow(la, nx) for nx in layers) for la in layers}
    return ok


# ---------------------------------------------------------------------------------------------
# Data


def _data(name: str) -> dict[str, Any]:
    return json.loads(resources.files("textfix").joinpath("_data", name).read_text(encoding="utf-8"))


@cache
def _samples() -> dict[str, Any]:
    return _data("strategy_samples.json")


@cache
def _templates() -> dict[str, Any]:
    return _data("strategy_templates.json")


CLEAN_SCRIPTS: tuple[str, ...] = ("zh-Hans", "zh-Hant", "ja", "ko", "latin", "en", "emoji")
"""Scripts :func:`clean_text` can draw from: real Simplified and Traditional Chinese sentences,
Japanese with kana, Korean, accented Latin (European languages and Vietnamese), plain English,
and emoji sequences (skin tones, ZWJ families, flags, keycaps) attached to sentences."""

_POOL_KEYS = {"zh-Hans": "simplified", "zh-Hant": "traditional"}
_TEMPLATE_KEYS = {"ja": "japanese", "ko": "korean", "latin": "latin", "en": "english"}


@cache
def _pool(script: str) -> tuple[str, ...]:
    if script in _POOL_KEYS:
        return tuple(_samples()[_POOL_KEYS[script]])
    return tuple(sorted(_templates()[_TEMPLATE_KEYS[script]], key=lambda s: (len(s), s)))


# The scripts a page written in each encoding usually holds.
_ORIGIN_SCRIPTS = {
    "utf-8": ("zh-Hans", "zh-Hant", "ja", "ko", "latin", "en"),
    "gbk": ("zh-Hans", "zh-Hant"),
    "big5": ("zh-Hant",),
    "shift_jis": ("ja",),
    "euc_kr": ("ko",),
}


@cache
def _pool_for(encoding: str) -> tuple[str, ...]:
    """Sentences that ``encoding`` can write, in the scripts it is used for, shortest first."""
    out: list[str] = []
    for script in _ORIGIN_SCRIPTS[encoding]:
        for s in _pool(script):
            try:
                s.encode(encoding)
            except UnicodeError:
                continue
            out.append(s)
    return tuple(sorted(out, key=lambda s: (len(s), s)))


# ---------------------------------------------------------------------------------------------
# Argument checks


def _check_int(name: str, value: object, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{name} must be an int, not {value!r}")
    if value < low or (high is not None and value > high):
        span = f"at least {low}" if high is None else f"between {low} and {high}"
        raise InvalidArgument(f"{name}={value} is out of range; pass a value {span}")
    return value


def _check_range(lo_name: str, lo: int, hi_name: str, hi: int) -> None:
    if hi < lo:
        raise InvalidArgument(f"{hi_name}={hi} is less than {lo_name}={lo}; raise {hi_name} or lower {lo_name}")


def _check_strategy(name: str, value: object) -> None:
    if value is not None and not isinstance(value, SearchStrategy):
        raise InvalidArgument(
            f"{name} must be a hypothesis strategy such as st.text() or st.sampled_from([...]), "
            f"not {type(value).__name__}"
        )


def _check_choices(name: str, values: object, allowed: Sequence[str]) -> tuple[str, ...]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise InvalidArgument(f"{name} must be a list of names from {list(allowed)}, not {values!r}")
    out = tuple(values)
    if not out:
        raise InvalidArgument(f"{name} is empty; pass at least one of {list(allowed)}")
    for v in out:
        if v not in allowed:
            raise InvalidArgument(f"{name} contains {v!r}; choose from {list(allowed)}")
    return tuple(dict.fromkeys(out))


# ---------------------------------------------------------------------------------------------
# Clean text


def clean_text(
    scripts: Iterable[str] = CLEAN_SCRIPTS, *, min_sentences: int = 1, max_sentences: int = 4
) -> SearchStrategy[str]:
    """Clean text: ``min_sentences`` to ``max_sentences`` sentences from ``scripts`` (see
    :data:`CLEAN_SCRIPTS`), one per line (joined with ``\\n``), no leading or trailing space, NFC.

    ``"emoji"`` sentences are an emoji sequence on its own or attached to a sentence from another
    chosen script. A cleaner should return this text unchanged.

    Sentences are distinct (a repeated line can legitimately be removed as a duplicate).
    Shrinks towards fewer sentences, the first script listed, and the shortest sentences.
    """
    chosen = _check_choices("scripts", scripts, CLEAN_SCRIPTS)
    _check_int("min_sentences", min_sentences, 1)
    _check_int("max_sentences", max_sentences, 1)
    _check_range("min_sentences", min_sentences, "max_sentences", max_sentences)
    emoji = st.sampled_from(tuple(_templates()["emoji"]))
    others = tuple(s for s in chosen if s != "emoji")
    capacity = sum(len(_pool(s)) for s in others) * (2 if "emoji" in chosen else 1) or len(_templates()["emoji"])
    if min_sentences > capacity:
        raise InvalidArgument(
            f"min_sentences={min_sentences} distinct sentences cannot be drawn from {list(chosen)} "
            f"(about {capacity} available); add scripts or lower min_sentences"
        )

    def sentence(script: str) -> SearchStrategy[str]:
        if script != "emoji":
            return st.sampled_from(_pool(script))
        if not others:
            return st.lists(emoji, min_size=1, max_size=3).map("".join)
        host = st.sampled_from(others).flatmap(lambda s: st.sampled_from(_pool(s)))
        return st.tuples(host, emoji).map(lambda t: _join_sentences(list(t)))

    one = st.sampled_from(chosen).flatmap(sentence)
    return st.lists(one, min_size=min_sentences, max_size=max_sentences, unique=True).map("\n".join)


# ---------------------------------------------------------------------------------------------
# Mojibake


def mojibake(
    *,
    layers: Iterable[Layer | tuple[str, str]] | None = None,
    min_layers: int = 1,
    max_layers: int = 1,
    lossy: bool | None = False,
    texts: SearchStrategy[str] | None = None,
    min_size: int = 2,
    max_size: int = 80,
) -> SearchStrategy[Mojibake]:
    """Mojibake records: a clean text garbled through a chain of ``min_layers`` to ``max_layers``
    wrong-codec layers drawn from ``layers`` (default: :data:`SUPPORTED_LAYERS`, or
    :data:`LOSSLESS_LAYERS` when ``lossy=False``).

    Each layer after the first writes the text again as UTF-8 or as the codec it was just read
    with (as a second misconfigured program would). ``lossy=False`` gives only examples where
    every layer changes the text and reverses exactly (``example.unwind() == example.original``);
    the original is then the longest prefix, of ``min_size`` to ``max_size`` characters, for
    which the chain is lossless. ``lossy=True`` gives only examples that lost bytes (U+FFFD or
    ``?`` where they were); ``None`` gives both. Originals come from ``texts`` if given, else
    from real sentences the first layer's encoding can write (Chinese for GBK and Big5, Japanese
    for Shift_JIS, Korean for EUC-KR, any script for UTF-8). User ``texts`` must hold characters
    the chain changes (ASCII-only text survives UTF-8 read as Latin-1 unchanged and is skipped).

    Shrinks towards fewer layers, layers earlier in :data:`SUPPORTED_LAYERS`, lossless over
    lossy, and shorter originals.
    """
    if layers is not None and (isinstance(layers, (str, Layer)) or not isinstance(layers, Iterable)):
        raise InvalidArgument(f"layers must be a list of layers such as [('utf-8', 'gbk')], not {layers!r}")
    allowed = (
        tuple(dict.fromkeys(_as_layer(x) for x in layers))
        if layers is not None
        else (LOSSLESS_LAYERS if lossy is False else SUPPORTED_LAYERS)
    )
    if not allowed:
        raise InvalidArgument("layers is empty; pass at least one, e.g. [('utf-8', 'gbk')]")
    _check_int("min_layers", min_layers, 1, _MAX_LAYERS)
    _check_int("max_layers", max_layers, 1, _MAX_LAYERS)
    _check_range("min_layers", min_layers, "max_layers", max_layers)
    if lossy not in (True, False, None):
        raise InvalidArgument(f"lossy must be True, False or None (either), not {lossy!r}")
    _check_strategy("texts", texts)
    _check_int("min_size", min_size, 1)
    _check_int("max_size", max_size, 1)
    _check_range("min_size", min_size, "max_size", max_size)
    if lossy is False:
        hopeless = [la for la in allowed if la not in LOSSLESS_LAYERS]
        if hopeless:
            raise InvalidArgument(
                f"{', '.join(map(str, hopeless))} almost never decodes losslessly; "
                "pass lossy=True or lossy=None, or drop it from layers"
            )
    if lossy is True and all(la.decoding in _BYTE_TRANSPARENT for la in allowed):
        raise InvalidArgument(
            "every layer reads bytes as Latin-1 or cp437, which never lose a byte; "
            "add a layer such as ('utf-8', 'gbk') or pass lossy=False"
        )
    lengths = [n for n in range(min_layers, max_layers + 1) if any(_viable(allowed, n).values())]
    if not lengths:
        raise InvalidArgument(
            f"no chain of {min_layers} layers can be built from {', '.join(map(str, allowed))}: "
            "a layer's encoding must be UTF-8 or the previous layer's decoding; lower min_layers "
            "or add layers"
        )
    return _mojibake(allowed, tuple(lengths), lossy, texts, min_size, max_size)


@st.composite
def _mojibake(
    draw: Callable[..., Any],
    allowed: tuple[Layer, ...],
    lengths: tuple[int, ...],
    lossy: bool | None,
    texts: SearchStrategy[str] | None,
    min_size: int,
    max_size: int,
) -> Mojibake:
    n = draw(st.sampled_from(lengths))
    chain: list[Layer] = []
    for i in range(n):
        ok = _viable(allowed, n - i)
        options = [la for la in allowed if ok[la] and (not chain or _can_follow(chain[-1], la))]
        chain.append(draw(st.sampled_from(options)))
    want_lossy = draw(st.booleans()) if lossy is None else lossy
    if want_lossy and all(la.decoding in _BYTE_TRANSPARENT for la in chain):
        want_lossy = False
        assume(lossy is None)
    source = texts if texts is not None else _originals(chain[0].encoding)
    for _ in range(8):
        text = draw(source)[:max_size]
        if len(text) < min_size:
            continue
        if want_lossy:
            found = _lossy_example(text, tuple(chain), draw)
        else:
            found = _lossless_example(text, tuple(chain), min_size)
        if found is not None:
            return found
    assume(False)
    raise AssertionError("unreachable")  # pragma: no cover


def _originals(encoding: str) -> SearchStrategy[str]:
    pool = _pool_for(encoding)
    return st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True).map(_join_sentences)


def _join_sentences(parts: list[str]) -> str:
    out = parts[0]
    for p in parts[1:]:
        out += (" " if out[-1:].isascii() or p[:1].isascii() else "") + p
    return out


def _lossless_example(text: str, chain: tuple[Layer, ...], min_size: int) -> Mojibake | None:
    for k in range(len(text), min_size - 1, -1):
        garbled = _lossless(text[:k], chain)
        if garbled is not None:
            return Mojibake(garbled, text[:k], chain)
    return None


def _lossy_example(text: str, chain: tuple[Layer, ...], draw: Callable[..., Any]) -> Mojibake | None:
    if "\ufffd" in text:
        return None
    try:
        garble(text, chain)
    except UnicodeError:
        pass  # strictly impossible: bytes really are lost on the way
    else:
        return None
    marker = draw(st.sampled_from(("\ufffd", "?")))
    garbled = garble(text, chain, lossy_marker=marker)
    if garbled == text:
        return None
    return Mojibake(garbled, text, chain, lossy=True, marker=marker)


# ---------------------------------------------------------------------------------------------
# Pinyin annotations


def pinyin_annotated(
    *, min_annotated: int = 1, max_annotated: int | None = None, min_sentences: int = 1, max_sentences: int = 3
) -> SearchStrategy[PinyinAnnotated]:
    """Traditional Chinese with converter-artifact pinyin: ``min_annotated`` to ``max_annotated``
    distinct Traditional-only characters each followed, at every occurrence, by its usual
    reading (the first one pypinyin's dictionary lists) as a lowercase tone-marked syllable in
    ASCII parentheses, e.g. ``業(yè)``: the converter does not read the context (every one of the
    300-odd annotations of seeds 002 and 004 is the usual reading), where a person annotating a
    text marks the rarer readings of polyphonic characters (``單(chán)于``).

    The original is ``min_sentences`` to ``max_sentences`` real Traditional sentences, joined.
    Shrinks towards fewer annotated characters, fewer and shorter sentences.
    """
    _check_int("min_annotated", min_annotated, 1)
    if max_annotated is not None:
        _check_int("max_annotated", max_annotated, 1)
        _check_range("min_annotated", min_annotated, "max_annotated", max_annotated)
    _check_int("min_sentences", min_sentences, 1)
    _check_int("max_sentences", max_sentences, 1)
    _check_range("min_sentences", min_sentences, "max_sentences", max_sentences)
    if min_annotated > 8 * max_sentences:
        raise InvalidArgument(
            f"min_annotated={min_annotated} is more than {max_sentences} sentences usually hold; "
            "raise max_sentences or lower min_annotated"
        )
    return _pinyin(min_annotated, max_annotated, min_sentences, max_sentences)


@st.composite
def _pinyin(
    draw: Callable[..., Any], min_a: int, max_a: int | None, min_s: int, max_s: int
) -> PinyinAnnotated:
    readings: dict[str, list[str]] = _samples()["readings"]
    sentences = draw(st.lists(st.sampled_from(_pool("zh-Hant")), min_size=min_s, max_size=max_s, unique=True))
    original = "".join(sentences)
    candidates = list(dict.fromkeys(c for c in original if c in readings))
    assume(len(candidates) >= min_a)
    chosen = draw(st.lists(st.sampled_from(candidates), min_size=min_a, max_size=max_a, unique=True))
    reading = {c: readings[c][0] for c in chosen}
    garbled = "".join(f"{c}({reading[c]})" if c in reading else c for c in original)
    order = [c for c in candidates if c in reading]
    return PinyinAnnotated(garbled, original, tuple((c, reading[c]) for c in order))


# ---------------------------------------------------------------------------------------------
# Script


def script_text(script: str | None = None, *, min_sentences: int = 1, max_sentences: int = 3) -> SearchStrategy[ScriptSample]:
    """Real Chinese sentences labelled with their script: ``"zh-Hant"`` (at least one
    Traditional-only character, no Simplified-only one), ``"zh-Hans"`` (the reverse), or
    ``"mixed"`` (sentences of both); ``None`` draws any of the three.

    Sentences are joined directly or by a line break. Shrinks towards fewer, shorter sentences
    and, for ``None``, towards ``zh-Hant``.
    """
    kinds = ("zh-Hant", "zh-Hans", "mixed")
    if script is not None and script not in kinds:
        raise InvalidArgument(f"script={script!r}; pass one of {list(kinds)} or None for any")
    _check_int("min_sentences", min_sentences, 1)
    _check_int("max_sentences", max_sentences, 1)
    _check_range("min_sentences", min_sentences, "max_sentences", max_sentences)
    if script == "mixed" and max_sentences < 2:
        raise InvalidArgument("mixed script needs at least two sentences; pass max_sentences >= 2")
    if script is None and max_sentences < 2:
        kinds = kinds[:2]
    return (st.sampled_from(kinds) if script is None else st.just(script)).flatmap(
        lambda k: _script(k, max(min_sentences, 2 if k == "mixed" else 1), max_sentences)
    )


@st.composite
def _script(draw: Callable[..., Any], kind: str, min_s: int, max_s: int) -> ScriptSample:
    if kind == "mixed":
        labels = draw(st.lists(st.sampled_from(("zh-Hant", "zh-Hans")), min_size=min_s, max_size=max_s))
        assume(len(set(labels)) == 2)
    else:
        labels = [kind] * draw(st.integers(min_s, max_s))
    sep = draw(st.sampled_from(("", "\n")))
    parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    for label in labels:
        if parts:
            parts.append(sep)
            pos += len(sep)
        s = draw(st.sampled_from(_pool(label)))
        parts.append(s)
        spans.append(Span(pos, pos + len(s), label))
        pos += len(s)
    return ScriptSample("".join(parts), kind, tuple(spans))


# ---------------------------------------------------------------------------------------------
# Boilerplate

_HEADER = ("breadcrumb", "metadata")
_FOOTER = ("share_follow_qr", "footer_copyright", "footer_contact", "icp_filing")
BOILERPLATE_CATEGORIES: tuple[str, ...] = _HEADER + _FOOTER
"""Boilerplate kinds :func:`boilerplated` can add (the devdata label categories): breadcrumbs and
metadata lines above the article; share/follow/QR prompts, copyright, contact and ICP filing
lines below it."""

# Content sentences must not look like boilerplate themselves (photo credits, sources ...).
_BOILERPLATE_WORDS = ("摄", "来源", "來源", "编辑", "版权", "版權", "关注", "二维码", "位置", "发布", "浏览", "记者")


@cache
def _content_pool() -> tuple[str, ...]:
    out = [s for s in _pool("zh-Hans") + _pool("zh-Hant") if not any(w in s for w in _BOILERPLATE_WORDS)]
    return tuple(sorted(out, key=lambda s: (len(s), s)))


def boilerplated(
    categories: Iterable[str] = BOILERPLATE_CATEGORIES,
    *,
    min_paragraphs: int = 1,
    max_paragraphs: int = 4,
    min_boilerplate: int = 1,
    max_boilerplate: int = 5,
) -> SearchStrategy[Boilerplated]:
    """A Chinese page as lines: boilerplate above (breadcrumbs, metadata lines) and below (QR and
    follow prompts, copyright, contact and ICP lines) an article of ``min_paragraphs`` to
    ``max_paragraphs`` paragraphs of real sentences. ``min_boilerplate`` to ``max_boilerplate``
    boilerplate lines are drawn from ``categories``, their fields (site names, dates, ICP and
    public-security numbers) filled in at random.

    ``original`` is the article's paragraphs joined by ``\\n``; ``spans`` locate every
    boilerplate line in ``garbled``. No sentence occurs twice (a repeated paragraph or lead
    sentence can legitimately be removed as a duplicate). Shrinks towards fewer, shorter paragraphs, fewer boilerplate
    lines, the first template of each category and small numbers.
    """
    chosen = _check_choices("categories", categories, BOILERPLATE_CATEGORIES)
    _check_int("min_paragraphs", min_paragraphs, 1)
    _check_int("max_paragraphs", max_paragraphs, 1)
    _check_range("min_paragraphs", min_paragraphs, "max_paragraphs", max_paragraphs)
    _check_int("min_boilerplate", min_boilerplate, 1)
    _check_int("max_boilerplate", max_boilerplate, 1)
    _check_range("min_boilerplate", min_boilerplate, "max_boilerplate", max_boilerplate)
    return _boilerplated(chosen, min_paragraphs, max_paragraphs, min_boilerplate, max_boilerplate)


def _digits(n: int) -> SearchStrategy[str]:
    return st.integers(10 ** (n - 1), 10**n - 1).map(str)


def _fillers() -> dict[str, SearchStrategy[str]]:
    named = {k: st.sampled_from(v) for k, v in _templates()["fillers"].items()}
    year = st.integers(2000, 2026)
    date = st.tuples(year, st.integers(1, 12), st.integers(1, 28)).map(lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}")
    return {
        **named,
        "year": year.map(str),
        "date": date,
        "time": st.tuples(st.integers(0, 23), st.integers(0, 59)).map(lambda t: f"{t[0]:02d}:{t[1]:02d}"),
        "n": st.integers(1, 99999).map(str),
        "k": st.integers(1, 9).map(str),
        "zip": _digits(6),
        "phone": st.tuples(_digits(3), _digits(8)).map(lambda t: "0" + t[0][:2] + "-" + t[1]),
        "icp": _digits(8),
        "gongan": _digits(14),
    }


@st.composite
def _boilerplated(
    draw: Callable[..., Any], categories: tuple[str, ...], min_p: int, max_p: int, min_b: int, max_b: int
) -> Boilerplated:
    templates = _templates()["boilerplate"]
    fillers = _fillers()
    formatter = string.Formatter()
    # Distinct sentences, cut into paragraphs: no paragraph repeats another's start (a repeated
    # lead sentence is a duplicated summary, which may rightly be removed).
    sentences = draw(st.lists(st.sampled_from(_content_pool()), min_size=min_p, max_size=2 * max_p, unique=True))
    count = draw(st.integers(min_p, min(max_p, len(sentences))))
    cuts = sorted(draw(st.sets(st.integers(1, len(sentences) - 1), min_size=count - 1, max_size=count - 1))) \
        if count > 1 else []
    bounds = [0, *cuts, len(sentences)]
    paragraphs = ["".join(sentences[a:b]) for a, b in itertools.pairwise(bounds)]
    kinds = draw(st.lists(st.sampled_from(categories), min_size=min_b, max_size=max_b))
    lines: list[tuple[str, str]] = []
    for kind in kinds:
        template = draw(st.sampled_from(templates[kind]))
        values = {f: draw(fillers[f]) for _, f, _, _ in formatter.parse(template) if f}
        lines.append((kind, template.format(**values)))
    head = [x for x in lines if x[0] in _HEADER]
    foot = [x for x in lines if x[0] in _FOOTER]
    rows = [*head, *(("", p) for p in paragraphs), *foot]
    spans: list[Span] = []
    pos = 0
    for kind, line in rows:
        if kind:
            spans.append(Span(pos, pos + len(line), kind))
        pos += len(line) + 1
    return Boilerplated("\n".join(line for _, line in rows), "\n".join(paragraphs), tuple(spans))


# ---------------------------------------------------------------------------------------------
# Hostile input

# Pieces that stress regexes and loops: unbalanced brackets, pinyin without Han, repeated Han,
# replacement characters, combining marks, ZWJ sequences, mojibake shapes, boilerplate keywords.
_HOSTILE_PIECES = (
    "(", ")", "(((", "(yè)", "業", "業(yè)", "(yè)(yè)", "\ufffd", "\u0301", "e\u0301", "\u200d",
    "\ufe0f", "👨\u200d👩\u200d👧", "\U0001f3fb", "\r\n", "\r", "\x00", "\x1b[0m", "\u3000", "\u00a0",
    "\ufeff", "\u202e", "锟斤拷", "Ã©", "â€œ", "涓枃", "版权所有", "ICP备", "来源：", "首页 > ",
    "\ud800", "\udfff", "\U0010ffff", "\uf900", "ｈｔｔｐ", "﹏", " ", "\t", "\n\n\n",
)


def hostile_text(*, max_size: int = 200) -> SearchStrategy[str]:
    """Any ``str`` at all, biased towards trouble: every code point including lone surrogates,
    NUL, controls, private use and astral planes; runs of pathological pieces (``(((``,
    ``(yè)`` without Han, U+FFFD, combining marks, ZWJ sequences, ``锟斤拷``, boilerplate
    keywords); and real sentences with such pieces spliced in. At most ``max_size`` characters
    (pieces count as one). A cleaner must never raise on these.

    Shrinks towards the empty string.
    """
    _check_int("max_size", max_size, 1)
    anything = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()),
                       max_size=max_size)
    pieces = st.lists(st.sampled_from(_HOSTILE_PIECES), max_size=max_size).map("".join)
    real = st.sampled_from(_pool("zh-Hant") + _pool("zh-Hans"))
    spliced = st.tuples(real, st.integers(0, 60), pieces).map(lambda t: t[0][: t[1]] + t[2] + t[0][t[1]:])
    return st.one_of(anything, pieces, spliced)


def hostile_bytes(*, max_size: int = 400) -> SearchStrategy[bytes]:
    """Any ``bytes``, biased towards trouble: random bytes; real text in UTF-8 cut inside a
    multibyte sequence or missing a byte; UTF-16 (LE or BE) without a BOM; GBK, Big5 and
    Shift_JIS; a BOM followed by bytes of another encoding; binary file headers. At most about
    ``max_size`` bytes. A decoder must never raise on these.

    Shrinks towards the empty byte string.
    """
    _check_int("max_size", max_size, 1)
    real = st.sampled_from(_pool("zh-Hans") + _pool("zh-Hant") + _pool("ja") + _pool("ko") + _pool("latin"))
    utf8 = real.map(lambda s: s.encode("utf-8"))
    cut = st.tuples(utf8, st.integers(0, 200)).map(lambda t: t[0][: t[1] or 1])
    dropped = st.tuples(utf8, st.integers(0, 200)).map(lambda t: t[0][: t[1]] + t[0][t[1] + 1 :])
    utf16 = st.tuples(real, st.sampled_from(("utf-16-le", "utf-16-be"))).map(lambda t: t[0].encode(t[1]))
    legacy = st.tuples(real, st.sampled_from(("gbk", "big5", "shift_jis"))).map(
        lambda t: t[0].encode(t[1], "replace")
    )
    bom = st.tuples(st.sampled_from((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)), legacy).map(
        lambda t: t[0] + t[1]
    )
    headers = st.tuples(
        st.sampled_from((b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"%PDF-1.4\n", b"\x7fELF", b"\x1f\x8b\x08")),
        st.binary(max_size=max_size),
    ).map(lambda t: t[0] + t[1])
    parts = st.one_of(utf8, cut, dropped, utf16, legacy, bom, headers, st.binary(max_size=max_size))
    return st.one_of(st.binary(max_size=max_size), parts,
                     st.lists(parts, max_size=4).map(b"".join).map(lambda b: b[: max_size * 2]))
