"""Corpus mode: JSON Lines, Parquet, compression, directories, bad records, -j byte-identity."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import textfix
from textfix import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def docs() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    # Seeds plus short clean and messy snippets, so chunks hold many records.
    extra = ["纯净的中文句子，不需要任何修改。", "  trailing spaces  \n\n\n\nand blank lines", "業(yè)務", ""]
    return (texts + extra) * 6


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory: pytest.TempPathFactory, docs: list[str]) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "in.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i, d in enumerate(docs):
            f.write(json.dumps({"id": i, "text": d, "meta": {"score": 0.5, "tags": ["a", "ß"]}},
                               ensure_ascii=i % 2 == 0) + "\n")
    return path


def _records(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_jsonl_fields_kept_order_kept_text_cleaned(tmp_path, capsys, jsonl, docs) -> None:
    out = tmp_path / "out.jsonl"
    code, _, err = run(["fix", str(jsonl), "-o", str(out), "--format", "jsonl", "--field", "text"], capsys)
    assert code == 0, err
    got = _records(out)
    src = _records(jsonl)
    assert [r["id"] for r in got] == list(range(len(docs)))
    for before, after in zip(src, got):
        assert after["meta"] == before["meta"]
        assert after["text"] == textfix.fix(before["text"])
    # Records the pipeline leaves alone are written back byte for byte.
    in_lines = jsonl.read_bytes().splitlines()
    out_lines = out.read_bytes().splitlines()
    for rec, a, b in zip(src, in_lines, out_lines):
        if textfix.fix(rec["text"]) == rec["text"]:
            assert a == b


def test_jobs_1_and_2_are_byte_identical(tmp_path, capsys, jsonl) -> None:
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        # Small chunks so -j 2 really interleaves many chunks across both workers.
        code, _, _ = run(["fix", str(jsonl), "-o", str(out), "-j", jobs], capsys)
        assert code == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_small_chunks_keep_order_across_workers(tmp_path, jsonl) -> None:
    from textfix.cleaner import Cleaner
    from textfix.corpus import RunOptions, clean_corpus
    from textfix.corpus_io import Sink, discover

    results = []
    for jobs in (1, 2):
        out = tmp_path / f"small{jobs}.jsonl"
        stats = clean_corpus(discover([str(jsonl)]), Cleaner(), Sink(out), RunOptions(jobs=jobs, chunk_bytes=2000))
        results.append(out.read_bytes())
        assert stats.documents == len(_records(jsonl))
    assert results[0] == results[1]


def test_bad_records_reported_with_file_and_line(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(
        b'{"text": "ok one"}\n'
        b"{not json\n"
        b'{"id": 3}\n'
        b'{"text": "caf\xe9"}\n'
        b'{"text": 5}\n'
        b"\n"
        b'{"text": "ok two"}\n'
    )
    out = tmp_path / "out.jsonl"
    code, _, err = run(["fix", str(bad), "-o", str(out)], capsys)
    assert code == cli.EXIT_INPUT
    assert f"{bad}:2: invalid JSON" in err and "--skip-bad" in err
    assert not out.exists(), "a stopped run leaves no output file"

    code, _, err = run(["fix", str(bad), "-o", str(out), "--skip-bad", "--stats"], capsys)
    assert code == 0
    assert f"{bad}:2: invalid JSON" in err
    assert f"{bad}:3: no field 'text'" in err
    assert f"{bad}:4: not UTF-8" in err
    assert f"{bad}:5: field 'text' holds a number" in err
    assert "4 bad records" in err and "2 documents" in err
    assert [r["text"] for r in _records(out)] == ["ok one", "ok two"]

    code, _, err = run(["fix", str(bad), "-o", str(out), "--skip-bad"], capsys)
    assert code == 0 and "left out 4 bad records and 0 unreadable inputs" in err


def test_a_crash_in_a_step_is_reported_as_a_bad_record(tmp_path, capsys, monkeypatch) -> None:
    from textfix.cleaner import Cleaner

    real = Cleaner.clean

    def fragile(self, text, **kw):
        if "BOOM" in text:
            raise RuntimeError("simulated step bug")
        return real(self, text, **kw)

    monkeypatch.setattr(Cleaner, "clean", fragile)
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "fine"}\n{"text": "BOOM here"}\n{"text": "業(yè)務"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = run(["fix", str(src), "-o", str(out)], capsys)
    assert code == cli.EXIT_INPUT
    assert f"{src}:2: cleaning failed (RuntimeError: simulated step bug)" in err and not out.exists()
    code, _, err = run(["fix", str(src), "-o", str(out), "--skip-bad"], capsys)
    assert code == 0 and f"{src}:2: cleaning failed" in err and "left out 1 bad record" in err
    assert [r["text"] for r in _records(out)] == ["fine", textfix.fix("業(yè)務")]


def test_gzip_and_zstd_round_trip(tmp_path, capsys, jsonl) -> None:
    pytest.importorskip("zstandard")
    plain = tmp_path / "plain.jsonl"
    assert run(["fix", str(jsonl), "-o", str(plain)], capsys)[0] == 0
    gz = tmp_path / "in.jsonl.gz"
    gz.write_bytes(gzip.compress(jsonl.read_bytes()))
    zst = tmp_path / "out.jsonl.zst"
    assert run(["fix", str(gz), "-o", str(zst), "-j", "2"], capsys)[0] == 0
    import zstandard

    assert zst.read_bytes()[:4] == b"\x28\xb5\x2f\xfd"
    assert zstandard.ZstdDecompressor().stream_reader(zst.open("rb")).read() == plain.read_bytes()
    back = tmp_path / "back.jsonl.gz"
    assert run(["fix", str(zst), "-o", str(back)], capsys)[0] == 0
    assert gzip.decompress(back.read_bytes()) == textfix_fix_jsonl(plain)


def textfix_fix_jsonl(path: Path) -> bytes:
    """Cleaning is idempotent on these records, so cleaning the output again gives itself."""
    out = []
    for line in path.read_bytes().splitlines(keepends=True):
        rec = json.loads(line)
        cleaned = textfix.fix(rec["text"])
        out.append(line if cleaned == rec["text"] else
                   (json.dumps({**rec, "text": cleaned}, ensure_ascii=False) + "\n").encode())
    return b"".join(out)


def test_parquet_column_cleaned_other_columns_and_nulls_kept(tmp_path, capsys, docs) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    texts = [None if i % 7 == 3 else d for i, d in enumerate(docs)]
    table = pa.table({"id": list(range(len(texts))), "body": texts, "lang": ["zh"] * len(texts)})
    src = tmp_path / "in.parquet"
    pq.write_table(table, src, row_group_size=10)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.parquet"
        code, _, err = run(["fix", str(src), "-o", str(out), "--field", "body", "-j", jobs], capsys)
        assert code == 0, err
        outs.append(pq.read_table(out))
    assert outs[0].equals(outs[1])
    got = outs[0]
    assert got.schema == table.schema
    assert got.column("id").to_pylist() == list(range(len(texts)))
    assert got.column("lang").to_pylist() == ["zh"] * len(texts)
    assert got.column("body").to_pylist() == [None if t is None else textfix.fix(t) for t in texts]

    code, _, err = run(["fix", str(src), "-o", str(tmp_path / "x.parquet"), "--field", "nope"], capsys)
    assert code == cli.EXIT_INPUT and "no column 'nope'" in err and "body" in err


def test_directory_mirroring_with_globs(tmp_path, capsys, jsonl) -> None:
    tree = tmp_path / "tree"
    (tree / "a" / "b").mkdir(parents=True)
    (tree / "a" / "x.jsonl").write_bytes(jsonl.read_bytes())
    (tree / "a" / "b" / "y.jsonl.gz").write_bytes(gzip.compress(jsonl.read_bytes()))
    (tree / "doc.txt").write_bytes(SEEDS[2].read_bytes())
    (tree / "skip.log").write_text("not wanted", encoding="utf-8")
    (tree / ".hidden.txt").write_text("hidden", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(["fix", str(tree), "-o", f"{out}/", "--exclude", "*.log", "-j", "2"], capsys)
    assert code == 0, err
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["a/b/y.jsonl.gz", "a/x.jsonl", "doc.txt"]
    assert (out / "doc.txt").read_text(encoding="utf-8") == textfix.fix(SEEDS[2].read_text(encoding="utf-8"))
    assert gzip.decompress((out / "a" / "b" / "y.jsonl.gz").read_bytes()) == (out / "a" / "x.jsonl").read_bytes()

    only = tmp_path / "only"
    code, _, _ = run(["fix", str(tree), "-o", f"{only}/", "--include", "*.txt"], capsys)
    assert code == 0
    assert sorted(p.name for p in only.rglob("*") if p.is_file()) == ["doc.txt"]

    # Mirroring a directory onto itself would overwrite every input: refused, nothing touched.
    before = (tree / "doc.txt").read_bytes()
    code, _, err = run(["fix", str(tree), "-o", f"{tree}/", "--include", "*.txt"], capsys)
    assert code == cli.EXIT_USAGE and "refusing to overwrite" in err
    assert (tree / "doc.txt").read_bytes() == before


def test_lines_format(tmp_path, capsys) -> None:
    src = tmp_path / "in.txt"
    lines = ["業(yè)務 第一行", "plain line", "", "第三行\u3000"]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run(["fix", "--format", "lines", str(src)], capsys)
    assert code == 0
    assert out == "".join(textfix.fix(line) + "\n" for line in lines)


def test_mixed_formats_need_an_output_directory(tmp_path, capsys, jsonl) -> None:
    code, _, err = run(["fix", str(jsonl), str(SEEDS[0])], capsys)
    assert code == cli.EXIT_USAGE and "different formats" in err


def test_empty_inputs(tmp_path, capsys) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    out = tmp_path / "o" / "empty.jsonl"
    out.parent.mkdir()
    code, _, _ = run(["fix", str(empty), "-o", str(out)], capsys)
    assert code == 0 and out.read_bytes() == b""


@pytest.mark.skipif(not hasattr(__import__("os"), "killpg"), reason="process groups: POSIX")
def test_ctrl_c_stops_workers_and_leaves_no_output(tmp_path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    src = tmp_path / "big.jsonl"
    line = "".join(json.dumps({"text": p.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n" for p in SEEDS)
    src.write_text(line * 400, encoding="utf-8")  # ~14 MB: long enough to interrupt
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "textfix.cli", "fix", str(src), "-o", str(out), "-j", "2"],
                            start_new_session=True, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    if proc.returncode == 0:
        pytest.skip("the run finished before the interrupt arrived")
    assert proc.returncode == cli.EXIT_INTERRUPTED, err
    assert b"interrupted" in err and b"Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl"]
