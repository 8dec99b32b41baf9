"""The textfix command line: options, outputs, explanations, exit codes."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import typing
from pathlib import Path

import pytest

import textfix
from textfix import cli
from textfix.config import Config
from textfix.result import Change, replay

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
HAS_DECODE = (ROOT / "textfix" / "decode.py").exists()


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in SEEDS]


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        cli.main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out.strip() == f"textfix {textfix.__version__}"
    with pytest.raises(SystemExit) as e:
        cli.main(["fix", "--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    for option in ("--output", "--jobs", "--explain", "--explain-json", "--stats", "--skip-bad", "exit codes"):
        assert option in out


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == cli.EXIT_USAGE
    assert "fix" in capsys.readouterr().err


def test_bad_option_value_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        cli.main(["fix", "--pinyin", "sometimes"])
    assert e.value.code == cli.EXIT_USAGE


def test_every_config_field_has_an_option() -> None:
    """Options are derived from Config, so a new field is reachable without editing the CLI."""
    parser = cli.build_parser()
    fix = parser._subparsers._group_actions[0].choices["fix"]  # type: ignore[union-attr]
    dests = {a.dest for a in fix._actions}
    hints = typing.get_type_hints(Config)
    for f in dataclasses.fields(Config):
        if hints[f.name] in (bool, int, float, str) or f.name in cli._CHOICES or typing.get_origin(
            hints[f.name]
        ) is typing.Literal:
            assert "config:" + f.name in dests, f.name


def test_boolean_flags_flip_their_field() -> None:
    hints = typing.get_type_hints(Config)
    for f in dataclasses.fields(Config):
        if hints[f.name] is not bool:
            continue
        flag = "--" + cli._FLAG_NAMES.get(f.name, f.name).replace("_", "-")
        flipped = flag.replace("--", "--no-", 1) if f.default else flag
        args = cli.build_parser().parse_args(["fix", flipped])
        assert getattr(cli.config_from_args(args), f.name) is (not f.default), flipped


def test_named_flags_map_to_config() -> None:
    parse = cli.build_parser().parse_args
    assert cli.config_from_args(parse(["fix"])) == Config()
    cfg = cli.config_from_args(
        parse(["fix", "--pinyin", "never", "--no-repair-encoding", "--no-boilerplate",
               "--boilerplate-mode", "mark", "--fullwidth-ascii", "--cjk-punctuation", "--no-normalize"])
    )
    assert (cfg.pinyin, cfg.repair_encoding, cfg.strip_boilerplate, cfg.boilerplate_mode) == (
        "never", False, False, "mark")
    assert (cfg.fullwidth_ascii, cfg.cjk_punctuation, cfg.normalize) == (True, True, False)
    assert cli.config_from_args(parse(["fix", "--to"])).script == "zh-Hans"
    assert cli.config_from_args(parse(["fix", "--to", "zh-TW"])).script == "zh-TW"
    assert cli.config_from_args(parse(["fix", "x.txt"])).script is None


def test_bare_to_before_a_file(capsys, seed_texts) -> None:
    code, out, _ = run(["fix", "--to", str(SEEDS[2])], capsys)
    assert code == 0 and out == textfix.fix(seed_texts[2], script="zh-Hans")
    code, out, _ = run(["fix", "--to", "zh-Hant", str(SEEDS[0])], capsys)
    assert code == 0 and out == textfix.fix(seed_texts[0], script="zh-Hant")


def test_single_file_to_stdout_matches_library(capsys, seed_texts) -> None:
    code, out, err = run(["fix", str(SEEDS[2])], capsys)
    assert code == 0 and err == ""
    assert out == textfix.fix(seed_texts[2])
    assert "==>" not in out


def test_config_flags_reach_the_pipeline(capsys, seed_texts) -> None:
    code, out, _ = run(["fix", "--pinyin", "never", "--no-boilerplate", str(SEEDS[2])], capsys)
    assert code == 0
    assert out == textfix.fix(seed_texts[2], pinyin="never", strip_boilerplate=False)


def test_several_files_get_head_style_headers(capsys, seed_texts) -> None:
    code, out, _ = run(["fix", *map(str, SEEDS)], capsys)
    assert code == 0
    parts = out.split("==> ")
    assert parts[0] == ""
    assert len(parts) == len(SEEDS) + 1
    for path, text, part in zip(SEEDS, seed_texts, parts[1:]):
        header, _, body = part.partition(" <==\n")
        assert header == str(path)
        cleaned = textfix.fix(text)
        # Each document is followed by one blank line before the next header.
        assert body.rstrip("\n") == cleaned.rstrip("\n")


def test_stdin_and_dash(capsys, monkeypatch, seed_texts) -> None:
    import io

    data = seed_texts[4].encode("utf-8")
    for argv in (["fix"], ["fix", "-"]):
        stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)), encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", stdin)
        code, out, _ = run(argv, capsys)
        assert code == 0
        assert out == textfix.fix(seed_texts[4])


def test_output_file_is_utf8_and_refuses_to_overwrite_input(tmp_path, capsys, seed_texts) -> None:
    out = tmp_path / "clean.txt"
    code, stdout, _ = run(["fix", str(SEEDS[0]), "-o", str(out)], capsys)
    assert code == 0 and stdout == ""
    assert out.read_bytes() == textfix.fix(seed_texts[0]).encode("utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEEDS[0].read_bytes())
    before = copy.read_bytes()
    code, _, err = run(["fix", str(copy), "-o", str(copy)], capsys)
    assert code == cli.EXIT_USAGE and "refusing to overwrite" in err
    assert copy.read_bytes() == before
    code, _, err = run(["fix", str(copy), "-o", str(tmp_path)], capsys)  # a directory: mirrors the name
    assert code == cli.EXIT_USAGE and "refusing to overwrite" in err
    assert copy.read_bytes() == before


def test_explain_json_replays_to_the_output(tmp_path, capsys, seed_texts) -> None:
    ej = tmp_path / "changes.jsonl"
    out = tmp_path / "out.txt"
    code, _, _ = run(["fix", str(SEEDS[2]), "-o", str(out), "--explain-json", str(ej)], capsys)
    assert code == 0
    records = [json.loads(line) for line in ej.read_text(encoding="utf-8").splitlines()]
    changes = [r for r in records if r["type"] == "change"]
    assert changes, "seed 002 is full of pinyin annotations"
    assert {r["source"] for r in records} == {str(SEEDS[2])}
    fields = {f.name for f in dataclasses.fields(Change)}
    replayed = replay(seed_texts[2], [Change(**{k: v for k, v in r.items() if k in fields}) for r in changes])
    assert replayed == out.read_text(encoding="utf-8")


def test_explain_table_on_stderr(capsys, seed_texts) -> None:
    code, out, err = run(["fix", "--explain", str(SEEDS[2])], capsys)
    assert code == 0
    assert out == textfix.fix(seed_texts[2])
    result = textfix.fix_and_explain(seed_texts[2])
    assert f"==> {SEEDS[2]} <== {len(result.changes)} changes" in err
    assert "step" in err and "before" in err and "reason" in err
    assert len([line for line in err.splitlines() if line.startswith("  ") and "note" not in line]) >= len(
        result.changes)


def test_stats_summary(capsys, seed_texts) -> None:
    code, _, err = run(["fix", "--stats", *map(str, SEEDS)], capsys)
    assert code == 0
    assert f"{len(SEEDS)} documents in {len(SEEDS)} inputs" in err
    assert f"bytes in {sum(len(t.encode()) for t in seed_texts):,}" in err
    assert "time per step" in err
    changes = [c for t in seed_texts for c in textfix.fix_and_explain(t).changes]
    if changes:
        step = changes[0].step
        n = sum(1 for c in changes if (c.step, c.category) == (step, changes[0].category))
        assert any(line.split()[:2] == [step, changes[0].category or "-"] and line.split()[2] == f"{n:,}"
                   for line in err.splitlines())
    assert "\r" not in err  # no progress bar when stderr is not a terminal


def test_non_utf8_input(tmp_path, capsys) -> None:
    bad = tmp_path / "gbk.txt"
    text = "第一行\n这是一段用国标编码保存的中文文本，内容足够长，可以判断编码。"
    bad.write_bytes(text.encode("gbk"))
    code, out, err = run(["fix", str(bad)], capsys)
    if HAS_DECODE:  # decoded, cleaned, written as UTF-8
        assert code == 0
        assert out == textfix.fix(text)
        return
    assert code == cli.EXIT_INPUT
    assert str(bad) in err and "UTF-8" in err and "Traceback" not in err
    code, out, err = run(["fix", "--skip-bad", str(bad), str(SEEDS[0])], capsys)
    assert code == 0 and out.count("==> ") == 1 and str(bad) in err


def test_missing_file_exit_code(tmp_path, capsys) -> None:
    code, _, err = run(["fix", str(tmp_path / "nope.txt")], capsys)
    assert code == cli.EXIT_INPUT
    assert "nope.txt" in err and "no such file" in err


def test_detect(tmp_path, capsys) -> None:
    code, out, err = run(["detect", str(SEEDS[0])], capsys)
    if not HAS_DECODE:
        assert code == cli.EXIT_INPUT and "decode" in err
        return
    assert code == 0
    assert out.startswith(f"{SEEDS[0]}: utf-8 (confidence ")
    gbk = tmp_path / "d" / "gbk.txt"
    gbk.parent.mkdir()
    gbk.write_bytes("发布时间：二〇二〇年十月，成都市现代物流产业生态圈联盟第一次全体大会成功召开。".encode("gbk"))
    code, out, err = run(["detect", "--json", str(gbk.parent), str(tmp_path / "missing.txt")], capsys)
    assert code == cli.EXIT_INPUT and "missing.txt" in err
    record = json.loads(out)
    assert record["file"] == str(gbk) and record["encoding"] in ("gb18030", "gbk", "gb2312")
    assert 0.0 <= record["confidence"] <= 1.0 and record["lossy_bytes"] == 0


def test_console_script_entry_point(tmp_path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "textfix.cli", "fix", "--no-progress", str(SEEDS[1])],
        capture_output=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == textfix.fix(SEEDS[1].read_text(encoding="utf-8")).encode("utf-8")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pty with a window size: Linux")
def test_progress_bar_only_on_a_terminal(tmp_path) -> None:
    import fcntl
    import os
    import pty
    import struct
    import termios

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n"
                           for t in [p.read_text(encoding="utf-8") for p in SEEDS] * 4), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    pid, fd = pty.fork()
    if pid == 0:  # child: stderr is the terminal
        os.execv(sys.executable, [sys.executable, "-m", "textfix.cli", "fix", str(src), "-o", str(out)])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    seen = b""
    while True:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        seen += data
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert b"textfix:" in seen and b"20 docs" in seen and b"\r" in seen
    assert out.stat().st_size > 0
