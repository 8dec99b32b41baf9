"""Clean a corpus: inputs streamed as chunks through worker processes, records written in order.

The main process only reads raw chunks and writes results; parsing JSON, decoding,
cleaning and serialising happen in ``process_chunk`` inside the workers, so the work
scales with the number of jobs. ``process_chunk`` is the same function in-process for one
job, which makes the output for any ``jobs`` byte-identical.
"""

from __future__ import annotations

import json
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .cleaner import Cleaner
from .corpus_io import DEFAULT_CHUNK_BYTES, Chunk, InputError, InputFile, Sink, iter_chunks
from .parallel import ordered_map

__all__ = [
    "BadInput",
    "BadRecord",
    "ChunkResult",
    "DocumentReport",
    "RunOptions",
    "Stats",
    "clean_corpus",
    "process_chunk",
]


@dataclass(slots=True)
class Stats:
    """Counts for ``--stats``: documents, bytes, changes by (step, category), seconds per step."""

    files: int = 0
    documents: int = 0
    changed_documents: int = 0
    bad_records: int = 0
    failed_inputs: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    changes: Counter[tuple[str, str]] = field(default_factory=Counter)
    step_seconds: dict[str, float] = field(default_factory=dict)
    clean_seconds: float = 0.0
    encodings: Counter[str] = field(default_factory=Counter)

    def merge(self, other: Stats) -> None:
        self.files += other.files
        self.documents += other.documents
        self.changed_documents += other.changed_documents
        self.bad_records += other.bad_records
        self.failed_inputs += other.failed_inputs
        self.bytes_in += other.bytes_in
        self.bytes_out += other.bytes_out
        self.changes.update(other.changes)
        for k, v in other.step_seconds.items():
            self.step_seconds[k] = self.step_seconds.get(k, 0.0) + v
        self.clean_seconds += other.clean_seconds
        self.encodings.update(other.encodings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "documents": self.documents,
            "changed_documents": self.changed_documents,
            "bad_records": self.bad_records,
            "failed_inputs": self.failed_inputs,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "changes": [
                {"step": s, "category": c, "count": n} for (s, c), n in sorted(self.changes.items())
            ],
            "step_seconds": dict(self.step_seconds),
            "clean_seconds": self.clean_seconds,
            "encodings": dict(self.encodings),
        }


@dataclass(frozen=True, slots=True)
class BadRecord:
    """A record that could not be cleaned, with where it is."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(slots=True)
class DocumentReport:
    """The changes and notes of one document, for ``--explain``: ``where`` is the line
    (``lines``/``jsonl``), the row (``parquet``) or ``None`` (a ``text`` file)."""

    source: str
    where: int | None
    changes: list[dict[str, Any]]
    notes: list[dict[str, Any]]


@dataclass(slots=True)
class ChunkResult:
    output: Any  # bytes, or list[str | None] for parquet
    stats: Stats
    bad: list[BadRecord] = field(default_factory=list)
    reports: list[DocumentReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fatal: str | None = None


class BadInput(Exception):
    """A bad record or unreadable input stopped the run (without ``--skip-bad``)."""


@dataclass(frozen=True, slots=True)
class RunOptions:
    field: str = "text"
    jobs: int = 1
    skip_bad: bool = False
    explain: bool = False
    detail: bool = False
    chunk_bytes: int = DEFAULT_CHUNK_BYTES


# -- worker side ------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def init_worker(cleaner: Cleaner, field_name: str, explain: bool, detail: bool) -> None:
    """Set up a worker process (or the main process for one job). ``detail`` counts
    changes by step and category (slower: every step builds its edits)."""
    _WORKER["cleaner"] = cleaner
    _WORKER["field"] = field_name
    _WORKER["explain"] = explain
    _WORKER["detail"] = detail or explain


def _decoder() -> Callable[[bytes], Any] | None:
    """textfix.decode when this build has it (imported on first use: it loads a model)."""
    if "decode" not in _WORKER:
        found: Callable[[bytes], Any] | None
        try:
            from .decode import decode as found
        except ImportError:
            found = None
        _WORKER["decode"] = found
    return _WORKER["decode"]


class _Skip(Exception):
    pass


class _Failed(Exception):
    """Cleaning raised: a textfix bug, reported like a bad record rather than ending the run."""


class _Worker:
    """Processes one chunk; keeps the per-chunk state in one place."""

    def __init__(self, chunk: Chunk) -> None:
        self.chunk = chunk
        self.cleaner: Cleaner = _WORKER["cleaner"]
        self.explain: bool = _WORKER["explain"]
        self.detail: bool = _WORKER["detail"]
        self.stats = Stats()
        self.result = ChunkResult(b"", self.stats)
        self.timings = self.stats.step_seconds

    def clean(self, text: str, where: int | None) -> str:
        try:
            return self._clean(text, where)
        except Exception as e:
            self.stats.documents -= 1
            raise _Failed(f"cleaning failed ({type(e).__name__}: {e}); this is a textfix bug, please report "
                          "it with this record") from e

    def _clean(self, text: str, where: int | None) -> str:
        st = self.stats
        st.documents += 1
        t0 = time.perf_counter()
        if not self.detail:
            cleaned = self.cleaner.clean(text, timings=self.timings)
            st.clean_seconds += time.perf_counter() - t0
            st.changed_documents += cleaned != text
            return cleaned
        res = self.cleaner.explain(text, timings=self.timings)
        st.clean_seconds += time.perf_counter() - t0
        if res.changes:
            st.changed_documents += 1
            st.changes.update((c.step, c.category) for c in res.changes)
        if self.explain and (res.changes or res.notes):
            self.result.reports.append(
                DocumentReport(
                    self.chunk.source, where, [c.to_dict() for c in res.changes], [n.to_dict() for n in res.notes]
                )
            )
        return res.text

    def bad(self, line: int | None, message: str) -> None:
        self.stats.bad_records += 1
        self.result.bad.append(BadRecord(self.chunk.source, line, message))

    def run(self) -> ChunkResult:
        fmt = self.chunk.format
        self.stats.bytes_in = self.chunk.raw_bytes
        if fmt == "error":
            self.stats.failed_inputs += 1
            self.result.fatal = self.chunk.items[0]
            return self.result
        if fmt == "parquet":
            self.result.output = [None if v is None else self._cell(v, self.chunk.first + i)
                                  for i, v in enumerate(self.chunk.items)]
            self.stats.bytes_out = sum(len(v.encode("utf-8", "surrogatepass")) for v in self.result.output if v is not None)
            return self.result
        if fmt == "text":
            out = self._text(self.chunk.items[0])
        elif fmt == "lines":
            out = self._lines()
        else:
            out = self._jsonl(_WORKER["field"])
        self.result.output = out
        self.stats.bytes_out = len(out)
        return self.result

    def _cell(self, value: str, row: int) -> str:
        try:
            return self.clean(value, row)
        except _Failed as e:  # a row cannot be left out of its table: it stays as it was
            self.bad(row, f"row {row}: {e}; the value is kept unchanged")
            return value

    def _text(self, data: bytes) -> bytes:
        decode = _decoder()
        if decode is None:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as e:
                line = data.count(b"\n", 0, e.start) + 1
                self.bad(line, f"not UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}); this version of "
                               "textfix reads UTF-8 only: convert first, e.g. `iconv -f GB18030 -t UTF-8`")
                return b""
            self.stats.encodings["utf-8"] += 1
        else:
            try:
                decoded = decode(data)
            except (UnicodeDecodeError, ValueError) as e:
                self.bad(None, f"cannot decode: {e}")
                return b""
            text = decoded.text
            encoding = str(getattr(decoded, "encoding", "?"))
            self.stats.encodings[encoding] += 1
            lost = tuple(getattr(decoded, "lossy_positions", ()))
            if lost:
                self.result.warnings.append(
                    f"{self.chunk.source}: decoded as {encoding}; {len(lost)} undecodable byte(s) replaced "
                    f"by U+FFFD (first at offset {lost[0]})"
                )
        try:
            cleaned = self.clean(text, None)
        except _Failed as e:
            self.bad(None, str(e))
            return b""
        return cleaned.encode("utf-8", "surrogatepass")

    def _lines(self) -> bytes:
        out: list[bytes] = []
        for i, raw in enumerate(self.chunk.items):
            body, end = _split_ending(raw)
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError as e:
                self.bad(self.chunk.first + i, f"not UTF-8 (byte 0x{body[e.start]:02x} at column {e.start + 1})")
                continue
            try:
                cleaned = self.clean(text, self.chunk.first + i)
            except _Failed as e:
                self.bad(self.chunk.first + i, str(e))
                continue
            out.append(cleaned.encode("utf-8", "surrogatepass") + end)
        return b"".join(out)

    def _jsonl(self, name: str) -> bytes:
        out: list[bytes] = []
        for i, raw in enumerate(self.chunk.items):
            line = self.chunk.first + i
            try:
                out.append(self._record(raw, name, line))
            except _Skip:
                continue
        return b"".join(out)

    def _record(self, raw: bytes, name: str, line: int) -> bytes:
        if not raw.strip():
            return raw  # blank lines are not records; keep them
        try:
            s = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self.bad(line, f"not UTF-8 (byte 0x{raw[e.start]:02x} at column {e.start + 1})")
            raise _Skip from None
        try:
            obj = json.loads(s)
        except json.JSONDecodeError as e:
            self.bad(line, f"invalid JSON: {e.msg} at column {e.colno}")
            raise _Skip from None
        if not isinstance(obj, dict):
            self.bad(line, f"{_json_kind(obj)}, not an object with field {name!r}")
            raise _Skip
        if name not in obj:
            self.bad(line, f"no field {name!r} (fields: {', '.join(map(str, obj)) or 'none'})")
            raise _Skip
        value = obj[name]
        if value is None:
            return raw if raw.endswith(b"\n") else raw + b"\n"
        if not isinstance(value, str):
            self.bad(line, f"field {name!r} holds {_json_kind(value)}, not a string")
            raise _Skip
        try:
            cleaned = self.clean(value, line)
        except _Failed as e:
            self.bad(line, str(e))
            raise _Skip from None
        if cleaned == value:
            return raw if raw.endswith(b"\n") else raw + b"\n"
        obj[name] = cleaned
        try:
            return json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n"
        except UnicodeEncodeError:  # lone surrogates from \ud800-style escapes: keep them escaped
            return json.dumps(obj).encode("ascii") + b"\n"


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "a string" if isinstance(value, str) else "null"


def _split_ending(raw: bytes) -> tuple[bytes, bytes]:
    if raw.endswith(b"\r\n"):
        return raw[:-2], b"\r\n"
    if raw.endswith(b"\n"):
        return raw[:-1], b"\n"
    return raw, b""


def process_chunk(chunk: Chunk) -> ChunkResult:
    """Decode, parse, clean and serialise one chunk (runs in a worker process)."""
    return _Worker(chunk).run()


# -- main side --------------------------------------------------------------------------


def _units(inputs: Sequence[InputFile], opts: RunOptions) -> Iterator[tuple[InputFile, Chunk, bool]]:
    """Every chunk of every input, flagged True when it is the input's last one."""
    for inp in inputs:
        previous: Chunk | None = None
        try:
            for chunk in iter_chunks(inp, column=opts.field, chunk_bytes=opts.chunk_bytes):
                if previous is not None:
                    yield inp, previous, False
                previous = chunk
        except InputError as e:
            if previous is not None:
                yield inp, previous, False
            # Sent through the pool like a chunk, so it is reported in input order.
            previous = Chunk("error", inp.display, 0, [str(e)])
        yield inp, previous if previous is not None else Chunk(inp.format, inp.display, 1, []), True


def clean_corpus(
    inputs: Sequence[InputFile],
    cleaner: Cleaner,
    sink: Sink,
    opts: RunOptions,
    *,
    on_bad: Callable[[BadRecord], None] = lambda b: None,
    on_report: Callable[[DocumentReport], None] = lambda r: None,
    on_warning: Callable[[str], None] = lambda w: None,
    on_progress: Callable[[Stats], None] = lambda s: None,
) -> Stats:
    """Clean every input into ``sink``; returns the merged Stats.

    Raises BadInput at the first bad record or unreadable input unless ``opts.skip_bad``;
    with it, bad records are reported through ``on_bad``, left out of the output and counted.
    """
    total = Stats()
    metas: deque[tuple[InputFile, Chunk, bool]] = deque()

    def feed() -> Iterator[Chunk]:
        for inp, chunk, last in _units(inputs, opts):
            # The parquet batch stays here for writing; the worker gets only the texts.
            metas.append((inp, Chunk(chunk.format, chunk.source, chunk.first, [], extra=chunk.extra), last))
            chunk.extra = None
            yield chunk

    current: InputFile | None = None
    ok = False
    try:
        for result in ordered_map(
            process_chunk,
            feed(),
            opts.jobs,
            initializer=init_worker,
            initargs=(cleaner, opts.field, opts.explain, opts.detail),
        ):
            inp, chunk, last = metas.popleft()
            if current is None:
                current = inp
                total.files += 1
                sink.begin(inp)
            total.merge(result.stats)
            for w in result.warnings:
                on_warning(w)
            if result.fatal is not None:
                if not opts.skip_bad:
                    raise BadInput(result.fatal)
                on_bad(BadRecord(inp.display, None, result.fatal.removeprefix(f"{inp.display}: ")))
                sink.end(inp, ok=False)
                current = None
                continue
            if result.bad:
                if not opts.skip_bad:
                    raise BadInput(f"{result.bad[0]} (use --skip-bad to skip bad records and go on)")
                for b in result.bad:
                    on_bad(b)
            for r in result.reports:
                on_report(r)
            _write(sink, chunk, result, opts.field)
            on_progress(total)
            if last:
                sink.end(inp, ok=True)
                current = None
        ok = True
    finally:
        if current is not None and not ok:
            sink.end(current, ok=False)
        sink.close(ok)
    return total


def _write(sink: Sink, chunk: Chunk, result: ChunkResult, column: str) -> None:
    if chunk.format != "parquet":
        sink.write(result.output)
        return
    import pyarrow as pa

    batch = chunk.extra
    index = batch.schema.get_field_index(column)
    kind = batch.schema.field(index).type
    table = pa.Table.from_batches([batch]).set_column(
        index, batch.schema.field(index), pa.array(result.output, type=kind)
    )
    sink.write_table(table)
