"""The ``textfix`` command: argument parsing, I/O wiring, human-readable reports, exit codes.

Exit codes: 0 everything was cleaned (bad records skipped with ``--skip-bad`` still give 0);
1 an input failed (missing or unreadable file, bad record without ``--skip-bad``,
undecodable text); 2 usage error (bad option, refused output); 130 interrupted.
Data goes to stdout or ``-o``; diagnostics, ``--explain`` and ``--stats`` go to stderr.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
import typing
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from . import __version__
from .config import _CHOICES, Config
from .pipeline import STEP_NAMES

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

PROG = "textfix"

# Option names that read better than the field names they set.
_FLAG_NAMES = {"strip_boilerplate": "boilerplate", "script": "to"}
# Help for known Config fields; a field added later gets a generic line until it has one here
# (or a ``help`` entry in its dataclass field metadata).
_HELP = {
    "repair_encoding": "undo mojibake (text decoded with the wrong codec, possibly several times)",
    "normalize": "Unicode normalisation, invisible characters and whitespace",
    "unicode_form": "Unicode normal form",
    "remove_invisible": "remove invisible characters (zero-width spaces, stray BOMs, controls)",
    "normalize_whitespace": "tidy whitespace (odd spaces, trailing blanks, runs of blank lines)",
    "fullwidth_ascii": "fold full-width Latin letters and digits to ASCII",
    "cjk_punctuation": "make punctuation inside Chinese text full-width",
    "pinyin": "remove pinyin annotations like 業(yè): auto decides per document",
    "strip_boilerplate": "remove page chrome: navigation, share/QR prompts, copyright and ICP lines",
    "boilerplate_mode": "remove boilerplate, or mark it in place",
    "boilerplate_min_confidence": "keep boilerplate spans detected with less confidence than this (0 to 1)",
    "boilerplate_model": "a saved BoilerplateModel (lines repeated across a site) to use as well",
    "script": "convert the script (bare --to means zh-Hans); default: leave the script alone",
    "script_source": "the script variant the input is in, for --to (auto: detect it)",
}
_METAVAR = {"boilerplate_model": "PATH"}

_EPILOG = """\
examples:
  textfix fix seeds/*.txt                          clean text files, print them
  textfix fix page.txt -o clean.txt --explain      write a file, show every change
  textfix fix --to zh-Hans < in.txt > out.txt      stdin to stdout, convert to Simplified
  textfix fix -j 0 --field text in.jsonl.zst -o out.jsonl.zst
  textfix fix corpus/ --include '*.jsonl' -o cleaned/ --skip-bad --stats
  textfix detect unknown.txt                       guess a file's encoding

exit codes: 0 ok, 1 an input failed (missing, unreadable, bad record without --skip-bad),
            2 usage error, 130 interrupted
"""


class UsageError(Exception):
    """A command line that cannot be run as given."""


# -- the parser ---------------------------------------------------------------------------


def _field_choices(f: dataclasses.Field[Any], hint: Any) -> tuple[Any, ...] | None:
    if f.name in _CHOICES:
        return tuple(_CHOICES[f.name])
    if typing.get_origin(hint) is typing.Literal:
        return typing.get_args(hint)
    return None


def _add_config_options(parser: argparse.ArgumentParser) -> None:
    """One option per Config field, derived from its type, so new fields need no CLI edit."""
    group = parser.add_argument_group("cleaning options (each sets a textfix.Config field)")
    hints = typing.get_type_hints(Config)
    for f in dataclasses.fields(Config):
        hint = hints[f.name]
        flag = "--" + _FLAG_NAMES.get(f.name, f.name).replace("_", "-")
        dest = "config:" + f.name
        help_text = f.metadata.get("help") or _HELP.get(f.name) or f"set Config.{f.name}"
        default = f.default
        if hint is bool:
            group.add_argument(
                flag, dest=dest, action=argparse.BooleanOptionalAction, default=argparse.SUPPRESS,
                help=f"{help_text} (default: {'on' if default else 'off'})",
            )
            continue
        choices = _field_choices(f, hint)
        if choices is not None:
            named = [c for c in choices if c is not None]
            if None in choices:
                # Optional choice: the bare flag means the first choice, absence means None.
                group.add_argument(
                    flag, dest=dest, nargs="?", const=named[0], choices=named, default=argparse.SUPPRESS,
                    metavar="{" + ",".join(named) + "}", help=help_text,
                )
            else:
                group.add_argument(
                    flag, dest=dest, choices=named, default=argparse.SUPPRESS,
                    help=f"{help_text} (default: {default})",
                )
            continue
        kinds = [k for k in typing.get_args(hint) if k is not type(None)] or [hint]
        kind = kinds[0]
        if kind in (int, float, str):
            group.add_argument(
                flag, dest=dest, type=kind, default=argparse.SUPPRESS,
                metavar=_METAVAR.get(f.name, kind.__name__.upper()),
                help=f"{help_text} (default: {default})",
            )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Clean garbled, mixed-script, boilerplate-laden web text (Chinese first), "
        "and explain every change.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    fix = sub.add_parser(
        "fix",
        help="clean text files, JSON Lines or Parquet (stdin when no FILE)",
        description="Clean documents and write them as UTF-8. Inputs are files, directories "
        "(walked recursively) or - for stdin. Formats come from the file names "
        "(.jsonl/.ndjson/.json, .parquet, otherwise text; .gz and .zst are decompressed) or --format.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    fix.add_argument("files", nargs="*", metavar="FILE", help="input files or directories; - or none: stdin")
    io_group = fix.add_argument_group("input and output")
    io_group.add_argument(
        "-o", "--output", metavar="PATH",
        help="output file, or a directory (existing, or ending in /) that mirrors the input names; "
        "default: stdout. Never one of the inputs. Compressed when the name ends in .gz or .zst",
    )
    io_group.add_argument(
        "--format", choices=("auto", "text", "lines", "jsonl", "parquet"), default="auto",
        help="text: a file is a document; lines: a line is a document; jsonl: one JSON object per line; "
        "parquet: a table (default: from the file name, text for stdin)",
    )
    io_group.add_argument("--field", default="text", metavar="NAME",
                          help="the JSON field or Parquet column to clean; other fields stay as they are "
                          "(default: text)")
    io_group.add_argument("--include", action="append", default=[], metavar="GLOB",
                          help="in directories, only files matching GLOB (repeatable), e.g. '*.jsonl.gz'")
    io_group.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                          help="in directories, skip files matching GLOB (repeatable)")
    io_group.add_argument("--skip-bad", action="store_true",
                          help="report bad records (invalid JSON, missing field, undecodable bytes) "
                          "and unreadable files, leave them out and go on; default: stop at the first")
    run_group = fix.add_argument_group("running and reporting")
    run_group.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                           help="worker processes (0 = all usable cores; default 1); output is identical "
                           "for any N")
    run_group.add_argument("--explain", action="store_true",
                           help="print every change as a table on stderr")
    run_group.add_argument("--explain-json", metavar="FILE",
                           help="write every change and note as JSON lines to FILE")
    run_group.add_argument("--stats", action="store_true",
                           help="print a summary on stderr: documents, bytes, changes by step and "
                           "category, time per step (counting changes builds every explanation, "
                           "which costs some speed)")
    run_group.add_argument("--no-progress", action="store_true",
                           help="no progress bar (it is shown only when stderr is a terminal)")
    run_group.add_argument("--traceback", action="store_true", help="show Python tracebacks on errors")
    _add_config_options(fix)

    detect = sub.add_parser(
        "detect", help="guess the encoding of files",
        description="Print the encoding and confidence textfix decodes each file with.",
    )
    detect.add_argument("files", nargs="+", metavar="FILE",
                        help="files or directories to inspect (- for stdin; .gz/.zst are decompressed)")
    detect.add_argument("--json", action="store_true", help="one JSON object per file")
    return parser


def config_from_args(args: argparse.Namespace) -> Config:
    """The Config the parsed options ask for (unset options keep the defaults)."""
    overrides = {k.split(":", 1)[1]: v for k, v in vars(args).items() if k.startswith("config:")}
    try:
        return Config(**overrides)
    except (TypeError, ValueError) as e:
        raise UsageError(str(e)) from None


# -- output helpers -----------------------------------------------------------------------


def _err(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr, flush=True)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in s)


def _visible(s: str, limit: int = 24) -> str:
    """A short, one-line, visible rendering of a changed span."""
    out: list[str] = []
    for ch in s:
        if ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == " ":
            out.append("␠")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn", "Cs"):
            out.append(f"<U+{ord(ch):04X}>")
        else:
            out.append(ch)
    text = "".join(out) or "∅"
    if _width(text) > limit:
        cut = ""
        for ch in text:
            if _width(cut + ch) > limit - 1:
                break
            cut += ch
        text = cut + "…"
    return text


def _pad(s: str, width: int) -> str:
    return s + " " * max(0, width - _width(s))


def _explain_table(report: Any, out: IO[str]) -> None:
    where = report.source if report.where is None else f"{report.source}:{report.where}"
    n = len(report.changes)
    out.write(f"==> {where} <== {n} change{'s' * (n != 1)}\n")
    if report.changes:
        rows = [("step", "category", "at", "before", "after", "reason")]
        rows += [
            (c["step"], c["category"] or "-", str(c["start"]), _visible(c["before"]), _visible(c["after"]),
             c["reason"])
            for c in report.changes
        ]
        widths = [max(_width(r[i]) for r in rows) for i in range(5)]
        for r in rows:
            out.write("  " + "  ".join(_pad(r[i], widths[i]) for i in range(5)) + "  " + r[5] + "\n")
    for note in report.notes:
        out.write(f"  note ({note['step']}): {note['message']}\n")


def _stats_summary(stats: Any, seconds: float, jobs: int, out: IO[str]) -> None:
    mb_in = stats.bytes_in / 1e6
    rate = mb_in / seconds if seconds > 0 else 0.0
    out.write(
        f"{PROG}: {stats.documents:,} document{'s' * (stats.documents != 1)} in {stats.files:,} input{'s' * (stats.files != 1)}, "
        f"{stats.changed_documents:,} changed; {stats.bad_records:,} bad record{'s' * (stats.bad_records != 1)}"
        f"{', ' + format(stats.failed_inputs, ',') + ' unreadable inputs' if stats.failed_inputs else ''}\n"
    )
    out.write(
        f"  bytes in {stats.bytes_in:,}, out {stats.bytes_out:,}; {seconds:.2f} s wall, {rate:.2f} MB/s "
        f"with {jobs} job{'s' * (jobs != 1)}\n"
    )
    if stats.encodings and set(stats.encodings) != {"utf-8"}:
        out.write("  encodings: " + ", ".join(f"{k} {v:,}" for k, v in stats.encodings.most_common()) + "\n")
    if stats.changes:
        out.write("  changes by step and category:\n")
        order = {name: i for i, name in enumerate(STEP_NAMES)}
        rows = sorted(stats.changes.items(), key=lambda kv: (order.get(kv[0][0], 99), -kv[1], kv[0][1]))
        w = max(len(s) for (s, _), _ in rows)
        wc = max(len(c or "-") for (_, c), _ in rows)
        for (step, cat), n in rows:
            out.write(f"    {step.ljust(w)}  {(cat or '-').ljust(wc)}  {n:>10,}\n")
    elif stats.documents:
        out.write("  no changes\n")
    if stats.step_seconds:
        out.write("  time per step (CPU seconds summed over workers):\n")
        total = sum(stats.step_seconds.values()) or 1.0
        for name in STEP_NAMES:
            if name in stats.step_seconds:
                s = stats.step_seconds[name]
                out.write(f"    {name:<16} {s:9.3f} s  {100 * s / total:5.1f}%\n")
        out.write(f"    {'whole pipeline':<16} {stats.clean_seconds:9.3f} s\n")


class _Progress:
    """A tqdm bar on stderr (MB, MB/s, ETA, documents) only when stderr is a terminal."""

    def __init__(self, inputs: Sequence[Any], enabled: bool) -> None:
        self.bar = None
        self.done = 0
        if not enabled:
            return
        from tqdm import tqdm

        total: int | None = 0
        for inp in inputs:
            from .corpus_io import compression_of

            if inp.path is None or compression_of(inp.path.name) or inp.format == "parquet":
                total = None
                break
            total += inp.path.stat().st_size
        self.bar = tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1000, file=sys.stderr,
                        dynamic_ncols=True, leave=False, desc=PROG)

    def __call__(self, stats: Any) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(f"{stats.documents:,} docs", refresh=False)
            self.bar.update(stats.bytes_in - self.done)
            self.done = stats.bytes_in

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# -- commands -----------------------------------------------------------------------------


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _plan_output(args: argparse.Namespace, inputs: Sequence[Any]) -> Any:
    from .corpus_io import Sink

    formats = sorted({inp.format for inp in inputs})
    out = args.output
    if out is None or out == "-":
        if len(formats) > 1:
            raise UsageError(f"inputs have different formats ({', '.join(formats)}); "
                             "give --format or write them to a directory with -o DIR/")
        if "parquet" in formats:
            raise UsageError("Parquet output needs -o FILE.parquet or -o DIR/")
        return Sink(None, headers=len(inputs) > 1)
    target = Path(out)
    directory = target.is_dir() or out.endswith(("/", os.sep))
    if directory:
        seen: dict[Path, str] = {}
        for inp in inputs:
            if inp.is_stdin:
                raise UsageError("stdin cannot be mirrored into a directory; use -o FILE")
            dest = target / inp.relative
            if dest in seen:
                raise UsageError(f"{inp.display} and {seen[dest]} would both be written to {dest}")
            seen[dest] = inp.display
            if _same_file(dest, inp.path):
                raise UsageError(f"refusing to overwrite the input {inp.display}; choose another output directory")
        return Sink(target, directory=True)
    if len(formats) > 1:
        raise UsageError(f"inputs have different formats ({', '.join(formats)}); write them to a directory "
                         "with -o DIR/")
    for inp in inputs:
        if not inp.is_stdin and _same_file(target, inp.path):
            raise UsageError(f"refusing to overwrite the input {inp.display}; choose another output file")
    if target.parent and not target.parent.exists():
        raise UsageError(f"cannot write {out}: directory {target.parent} does not exist")
    return Sink(target, headers=len(inputs) > 1)


def _cmd_fix(args: argparse.Namespace) -> int:
    from .cleaner import Cleaner
    from .corpus import BadInput, RunOptions, clean_corpus
    from .corpus_io import InputError, discover
    from .parallel import resolve_jobs

    config = config_from_args(args)
    try:
        jobs = resolve_jobs(args.jobs)
    except ValueError as e:
        raise UsageError(str(e)) from None
    try:
        inputs = discover(args.files, format=args.format, include=args.include, exclude=args.exclude)
    except InputError as e:
        _err(str(e))
        return EXIT_INPUT
    sink = _plan_output(args, inputs)

    explain_out: IO[str] | None = None
    if args.explain_json:
        ej = Path(args.explain_json)
        if args.explain_json == "-":
            if args.output in (None, "-"):
                raise UsageError("--explain-json - needs the cleaned text written elsewhere with -o")
            explain_out = sys.stdout
        else:
            if any(i.path is not None and _same_file(ej, i.path) for i in inputs):
                raise UsageError(f"refusing to overwrite the input {args.explain_json} with --explain-json")
            explain_out = open(ej, "w", encoding="utf-8")

    if any(i.is_stdin for i in inputs) and sys.stdin.isatty():
        _err("reading text from the terminal; end with Ctrl-D (see textfix fix --help)")

    def on_report(report: Any) -> None:
        if args.explain:
            _explain_table(report, sys.stderr)
        if explain_out is not None:
            base = {"source": report.source, "line": report.where}
            for c in report.changes:
                explain_out.write(json.dumps({**base, "type": "change", **c}, ensure_ascii=False) + "\n")
            for n in report.notes:
                explain_out.write(json.dumps({**base, "type": "note", **n}, ensure_ascii=False) + "\n")

    def on_bad(bad: Any) -> None:
        _err(f"skipped {bad}")

    progress = _Progress(inputs, enabled=sys.stderr.isatty() and not args.no_progress and not args.explain)
    opts = RunOptions(field=args.field, jobs=jobs, skip_bad=args.skip_bad,
                      explain=bool(args.explain or explain_out), detail=args.stats)
    t0 = time.perf_counter()
    status = EXIT_OK
    stats = None
    try:
        stats = clean_corpus(inputs, Cleaner(config), sink, opts, on_bad=on_bad, on_report=on_report,
                             on_warning=lambda w: _err(f"warning: {w}"), on_progress=progress)
    except BadInput as e:
        progress.close()
        _err(str(e))
        return EXIT_INPUT
    except InputError as e:
        progress.close()
        _err(str(e))
        return EXIT_INPUT
    finally:
        progress.close()
        if explain_out is not None and explain_out is not sys.stdout:
            explain_out.close()
    if stats.failed_inputs:
        status = EXIT_INPUT
    if args.stats:
        _stats_summary(stats, time.perf_counter() - t0, jobs, sys.stderr)
    elif stats.bad_records or stats.failed_inputs:
        _err(f"left out {stats.bad_records:,} bad record{'s' * (stats.bad_records != 1)} and "
             f"{stats.failed_inputs:,} unreadable input{'s' * (stats.failed_inputs != 1)} (listed above); "
             f"{stats.documents:,} documents cleaned")
    return status


def _cmd_detect(args: argparse.Namespace) -> int:
    try:
        from .decode import decode
    except ImportError:
        _err("detect needs textfix.decode, which this build does not have yet")
        return EXIT_INPUT
    from .corpus_io import InputError, discover, open_input

    status = EXIT_OK
    inputs = []
    for name in args.files:
        try:
            inputs.extend(discover([name], format="text"))
        except InputError as e:
            _err(str(e))
            status = EXIT_INPUT
    for inp in inputs:
        name = inp.display
        try:
            fh = open_input(inp)
            try:
                data = fh.read()
            finally:
                if not inp.is_stdin:
                    fh.close()
        except InputError as e:
            _err(str(e))
            status = EXIT_INPUT
            continue
        except Exception as e:  # corrupt compressed data and the like
            _err(f"{name}: cannot read: {e}")
            status = EXIT_INPUT
            continue
        try:
            d = decode(data)
        except (UnicodeDecodeError, ValueError) as e:
            _err(f"{name}: cannot decode: {e}")
            status = EXIT_INPUT
            continue
        encoding = getattr(d, "encoding", "?")
        confidence = float(getattr(d, "confidence", 0.0))
        lost = list(getattr(d, "lossy_positions", ()))
        if args.json:
            print(json.dumps({"file": name, "encoding": encoding, "confidence": round(confidence, 4),
                              "lossy_bytes": len(lost)}, ensure_ascii=False))
        else:
            extra = f", {len(lost)} undecodable bytes" if lost else ""
            print(f"{name}: {encoding} (confidence {confidence:.2f}{extra})")
    return status


def _bare_optional_flags(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """``--to FILE`` means ``--to`` (its default target) then a file: argparse would take FILE
    as the target, so an optional value that is not one of the choices is left to be a file."""
    optional: dict[str, argparse.Action] = {}
    for sub in parser._subparsers._group_actions if parser._subparsers else ():  # type: ignore[union-attr]
        for subparser in getattr(sub, "choices", {}).values():
            for action in subparser._actions:
                if action.nargs == "?" and action.choices and action.option_strings:
                    optional.update(dict.fromkeys(action.option_strings, action))
    out: list[str] = []
    for i, token in enumerate(argv):
        if token == "--":
            out.extend(argv[i:])
            break
        action = optional.get(token)
        nxt = argv[i + 1] if i + 1 < len(argv) else None
        if action is not None and nxt is not None and not nxt.startswith("-") and nxt not in (action.choices or ()):
            token = f"{token}={action.const}"
        out.append(token)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(_bare_optional_flags(parser, list(sys.argv[1:] if argv is None else argv)))
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "fix":
            return _cmd_fix(args)
        return _cmd_detect(args)
    except UsageError as e:
        _err(f"error: {e}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _err("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as other filters do.
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except Exception as e:
        if getattr(args, "traceback", False):
            raise
        _err(f"error: {type(e).__name__}: {e} (run with --traceback for details)")
        return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
