"""Corpus input and output: finding files, formats, compression, chunked streaming readers.

Formats: ``text`` (a file is one document), ``lines`` (a line is one document), ``jsonl``
(a record per line, one string field cleaned, every other field kept) and ``parquet`` (one
string column cleaned). gzip and zstd are read and written transparently, chosen by the
file name (``.gz``, ``.zst``) or, on stdin, by the magic bytes. Readers yield chunks of
about ``chunk_bytes`` so no file is ever held in memory whole (except ``text`` documents).
"""

from __future__ import annotations

import fnmatch
import gzip
import io
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

__all__ = [
    "FORMATS",
    "Chunk",
    "InputError",
    "InputFile",
    "compression_of",
    "discover",
    "infer_format",
    "iter_chunks",
    "open_input",
    "open_output",
]

FORMATS = ("text", "lines", "jsonl", "parquet")
_COMPRESSION = {".gz": "gzip", ".gzip": "gzip", ".zst": "zstd", ".zstd": "zstd"}
_FORMAT_BY_SUFFIX = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_GZIP_MAGIC = b"\x1f\x8b"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_BOM = b"\xef\xbb\xbf"
DEFAULT_CHUNK_BYTES = 1 << 20


class InputError(Exception):
    """An input that cannot be read at all (missing, unreadable, wrong format)."""


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input: a path (``None`` for stdin), its name for messages, its path relative to
    the argument it came from (for mirroring into an output directory), and its format."""

    path: Path | None
    display: str
    relative: Path
    format: str

    @property
    def is_stdin(self) -> bool:
        return self.path is None


@dataclass(slots=True)
class Chunk:
    """A unit of work sent to a worker: raw records of one input, in order.

    ``items`` holds raw lines (``bytes``) for ``lines``/``jsonl``, one ``bytes`` document
    for ``text``, and ``str | None`` values for ``parquet``. ``first`` is the line number
    (1-based) or the row index (0-based, parquet) of the first item.
    """

    format: str
    source: str
    first: int
    items: list[Any]
    raw_bytes: int = 0
    extra: Any = field(default=None, repr=False)


def compression_of(name: str) -> str | None:
    """``"gzip"``, ``"zstd"`` or ``None``, from the file name's last suffix."""
    return _COMPRESSION.get(Path(name).suffix.lower())


def infer_format(name: str, default: str = "text") -> str:
    """The format a file name implies, looking through a compression suffix."""
    p = Path(name)
    if p.suffix.lower() in _COMPRESSION:
        p = p.with_suffix("")
    return _FORMAT_BY_SUFFIX.get(p.suffix.lower(), default)


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) for p in patterns)


def discover(
    args: Sequence[str],
    *,
    format: str = "auto",
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> list[InputFile]:
    """Expand the command-line inputs: ``-`` is stdin, directories are walked recursively
    (sorted, hidden entries skipped, ``include``/``exclude`` globs matched against the
    relative path or the file name), files are taken as given."""
    if not args:
        args = ["-"]
    out: list[InputFile] = []
    for arg in args:
        if arg == "-":
            out.append(InputFile(None, "<stdin>", Path("stdin"), "text" if format == "auto" else format))
            continue
        p = Path(arg)
        if p.is_dir():
            found: list[InputFile] = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    full = Path(root) / name
                    rel = full.relative_to(p)
                    if include and not _matches(rel.as_posix(), include):
                        continue
                    if exclude and _matches(rel.as_posix(), exclude):
                        continue
                    fmt = infer_format(name) if format == "auto" else format
                    found.append(InputFile(full, str(full), rel, fmt))
            if not found:
                raise InputError(f"{arg}: directory holds no input files" + (" matching --include" if include else ""))
            out.extend(found)
        elif p.exists():
            fmt = infer_format(arg) if format == "auto" else format
            out.append(InputFile(p, arg, Path(p.name), fmt))
        else:
            raise InputError(f"{arg}: no such file or directory")
    return out


def _decompressing(raw: IO[bytes], kind: str | None) -> IO[bytes]:
    if kind == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if kind == "zstd":
        try:
            import zstandard
        except ImportError:
            raise InputError("reading .zst needs the zstandard package: pip install 'textfix[zstd]'") from None
        return zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)  # type: ignore[return-value]
    return raw


def open_input(inp: InputFile) -> IO[bytes]:
    """A binary stream of the input's decompressed bytes."""
    if inp.path is None:
        raw = sys.stdin.buffer
        peek = raw.peek(4)[:4] if hasattr(raw, "peek") else b""
        kind = "gzip" if peek.startswith(_GZIP_MAGIC) else "zstd" if peek.startswith(_ZSTD_MAGIC) else None
        return _decompressing(raw, kind)
    try:
        raw_file = open(inp.path, "rb")
    except OSError as e:
        raise InputError(f"{inp.display}: {e.strerror or e}") from None
    return _decompressing(raw_file, compression_of(inp.path.name))


def open_output(path: Path, name: str | None = None) -> IO[bytes]:
    """A binary stream writing to ``path``, compressed as ``name`` (default: the path's name) says."""
    kind = compression_of(name or path.name)
    raw = open(path, "wb")
    if kind == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="wb", mtime=0)  # type: ignore[return-value]
    if kind == "zstd":
        try:
            import zstandard
        except ImportError:
            raw.close()
            raise InputError("writing .zst needs the zstandard package: pip install 'textfix[zstd]'") from None
        return zstandard.ZstdCompressor().stream_writer(raw, closefd=True)  # type: ignore[return-value]
    return raw


def _line_chunks(fh: IO[bytes], inp: InputFile, chunk_bytes: int) -> Iterator[Chunk]:
    stream: Any = fh if isinstance(fh, io.BufferedIOBase) else io.BufferedReader(fh)  # type: ignore[arg-type,type-var]
    lines: list[bytes] = []
    size = 0
    first = 1
    lineno = 0
    for line in stream:
        lineno += 1
        if lineno == 1 and line.startswith(_BOM):
            line = line[len(_BOM) :]
        lines.append(line)
        size += len(line)
        if size >= chunk_bytes:
            yield Chunk(inp.format, inp.display, first, lines, size)
            lines, size, first = [], 0, lineno + 1
    if lines:
        yield Chunk(inp.format, inp.display, first, lines, size)


def _parquet_chunks(fh: IO[bytes], inp: InputFile, column: str, chunk_bytes: int) -> Iterator[Chunk]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("Parquet needs pyarrow: pip install 'textfix[parquet]'") from None
    source: Any = fh if inp.path is None else inp.path
    if inp.path is None:
        source = io.BytesIO(fh.read())
    try:
        pf = pq.ParquetFile(source)
    except (pa.ArrowInvalid, OSError) as e:
        raise InputError(f"{inp.display}: not a readable Parquet file ({e})") from None
    schema = pf.schema_arrow
    if column not in schema.names:
        raise InputError(f"{inp.display}: no column {column!r} (columns: {', '.join(schema.names)})")
    kind = schema.field(column).type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        raise InputError(f"{inp.display}: column {column!r} holds {kind}, not strings")
    # Size batches by rows: about chunk_bytes of text given the file's average row size.
    meta = pf.metadata
    rows = max(1, meta.num_rows)
    avg = max(1, sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups)) // rows)
    batch_rows = max(16, min(65536, chunk_bytes // avg))
    first = 0
    for batch in pf.iter_batches(batch_size=batch_rows):
        values = batch.column(batch.schema.get_field_index(column)).to_pylist()
        size = sum(len(v.encode("utf-8")) for v in values if v is not None)
        yield Chunk("parquet", inp.display, first, values, size, extra=batch)
        first += batch.num_rows
    if first == 0:  # an empty file still gives its schema to the output
        yield Chunk("parquet", inp.display, 0, [], 0, extra=pa.RecordBatch.from_pylist([], schema=schema))


def iter_chunks(
    inp: InputFile, *, column: str = "text", chunk_bytes: int = DEFAULT_CHUNK_BYTES
) -> Iterator[Chunk]:
    """Stream one input as chunks of records; raises InputError when it cannot be read."""
    fh = open_input(inp)
    try:
        if inp.format == "text":
            try:
                data = fh.read()
            except Exception as e:  # gzip, zstd and OS errors alike: the file is unreadable
                raise InputError(f"{inp.display}: cannot read: {e}") from None
            yield Chunk("text", inp.display, 1, [data], len(data))
        elif inp.format in ("lines", "jsonl"):
            try:
                yield from _line_chunks(fh, inp, chunk_bytes)
            except Exception as e:  # gzip, zstd and OS errors alike: the file is unreadable
                raise InputError(f"{inp.display}: cannot read: {e}") from None
        elif inp.format == "parquet":
            yield from _parquet_chunks(fh, inp, column, chunk_bytes)
        else:
            raise InputError(f"{inp.display}: unknown format {inp.format!r}; formats are {', '.join(FORMATS)}")
    finally:
        if inp.path is not None:
            fh.close()


class Sink:
    """Where cleaned records go: stdout, one file, or a directory mirroring the inputs.

    Files are written to a hidden temporary name beside the target and renamed into
    place when their input finished cleanly, so a failed run never leaves half a file
    under the final name. With several ``text`` documents in one stream, each starts
    with a ``==> NAME <==`` header line, as head(1) prints them.
    """

    def __init__(self, target: Path | None, *, directory: bool = False, headers: bool = False) -> None:
        self.target = target
        self.directory = directory
        self.headers = headers
        self._fh: IO[bytes] | None = None
        self._tmp: Path | None = None
        self._final: Path | None = None
        self._parquet: Any = None
        self._docs = 0
        self._ends_with_newline = True
        self.written: list[Path] = []

    # -- opening and committing ------------------------------------------------------
    def _open(self, final: Path) -> None:
        final.parent.mkdir(parents=True, exist_ok=True)
        self._final = final
        self._tmp = final.with_name(f".{final.name}.textfix-{os.getpid()}.tmp")
        self._fh = open_output(self._tmp, final.name)

    def _commit(self, ok: bool) -> None:
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if self._fh is not None and self._final is not None:
            self._fh.close()
            assert self._tmp is not None
            if ok:
                os.replace(self._tmp, self._final)
                self.written.append(self._final)
            else:
                self._tmp.unlink(missing_ok=True)
        self._fh = self._tmp = self._final = None

    def begin(self, inp: InputFile) -> None:
        """Start writing the records of ``inp``."""
        if self.directory:
            assert self.target is not None
            self._open(self.target / inp.relative)
        elif self._fh is None:
            if self.target is None:
                self._fh = sys.stdout.buffer
            else:
                self._open(self.target)
        if self.headers and inp.format == "text":
            if self._docs:
                self._write((b"" if self._ends_with_newline else b"\n") + b"\n")
            self._write(f"==> {inp.display} <==\n".encode("utf-8", "surrogateescape"))
        self._docs += 1

    def end(self, inp: InputFile, ok: bool = True) -> None:
        """Finish ``inp``; in directory mode its file is committed (or discarded if not ok)."""
        if self.directory:
            self._commit(ok)
        elif self._fh is not None and self.target is None:
            self._fh.flush()

    def close(self, ok: bool = True) -> None:
        """Finish the run: commit (or discard) the single output file."""
        if self.directory:
            self._commit(False)
        elif self.target is not None:
            self._commit(ok)
        elif self._fh is not None:
            self._fh.flush()

    # -- writing -----------------------------------------------------------------------
    def _write(self, data: bytes) -> None:
        assert self._fh is not None
        if data:
            self._fh.write(data)
            self._ends_with_newline = data.endswith(b"\n")

    def write(self, data: bytes) -> None:
        """Write serialised records (``text``, ``lines``, ``jsonl``)."""
        self._write(data)

    def write_table(self, table: Any) -> None:
        """Write a pyarrow Table (``parquet``)."""
        import pyarrow.parquet as pq

        if self._parquet is None:
            if self._fh is None:
                raise InputError("Parquet output needs -o FILE or -o DIR/")
            self._parquet = pq.ParquetWriter(self._fh, table.schema)
        elif not table.schema.equals(self._parquet.schema):
            raise InputError("Parquet inputs with different schemas cannot share one output file; use -o DIR/")
        self._parquet.write_table(table)
