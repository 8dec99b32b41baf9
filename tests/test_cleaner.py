"""The picklable batch cleaner and the order-preserving parallel map."""

from __future__ import annotations

import importlib.util
import multiprocessing
import pickle
from pathlib import Path

import pytest

import textfix
from textfix import Cleaner, Config
from textfix.parallel import ordered_map, resolve_jobs, usable_cores

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def _configs() -> list[Config]:
    configs = [Config(), Config(pinyin="never"), Config(strip_boilerplate=False)]
    if importlib.util.find_spec("textfix.script") is not None:
        configs.append(Config(script="zh-Hans"))
    return configs


def test_clean_matches_fix_for_every_seed_and_config() -> None:
    for cfg in _configs():
        cleaner = Cleaner(cfg)
        for text in SEEDS:
            expected = textfix.fix(text, cfg)
            assert cleaner(text) == expected
            assert cleaner.clean(text) == expected
            assert cleaner.explain(text).text == expected


def test_overrides_and_equality() -> None:
    assert Cleaner(pinyin="never").config == Config(pinyin="never")
    assert Cleaner(Config(pinyin="never")) == Cleaner(pinyin="never")
    assert Cleaner() != Cleaner(pinyin="never")
    with pytest.raises(ValueError, match="pinyin"):
        Cleaner(pinyin="sometimes")


def test_clean_batch_keeps_order_and_missing_values() -> None:
    batch = [SEEDS[2], None, "", SEEDS[0], "業(yè)務"]
    cleaner = Cleaner()
    assert cleaner.clean_batch(batch) == [None if t is None else textfix.fix(t) for t in batch]
    assert cleaner.clean_batch(iter([])) == []
    nan = float("nan")
    got = cleaner.clean_batch([nan, "業(yè)務", SEEDS[2].encode("utf-8")])
    assert got[0] is nan and got[1:] == [textfix.fix("業(yè)務"), textfix.fix(SEEDS[2])]
    with pytest.raises(TypeError):
        cleaner.clean_batch([3])


def test_clean_batch_on_pandas_columns() -> None:
    pd = pytest.importorskip("pandas")
    for dtype in (object, "string"):
        column = pd.Series([SEEDS[4], None, "業(yè)務"], dtype=dtype)
        got = Cleaner().clean_batch(column.tolist())
        assert got[0] == textfix.fix(SEEDS[4]) and pd.isna(got[1]) and got[2] == textfix.fix("業(yè)務")


def test_pickle_carries_only_the_config() -> None:
    cleaner = Cleaner(_configs()[-1]).warm()
    for text in SEEDS:
        cleaner(text)  # every lazy table is loaded in this process now
    data = pickle.dumps(cleaner)
    assert len(data) < 1000, "tables must never travel with the cleaner"
    clone = pickle.loads(data)
    assert clone == cleaner
    assert [clone(t) for t in SEEDS] == [cleaner(t) for t in SEEDS]


def test_timings_accumulate_per_step() -> None:
    timings: dict[str, float] = {}
    Cleaner().explain(SEEDS[2], timings=timings)
    Cleaner().clean(SEEDS[2], timings=timings)
    assert set(timings) <= set(textfix.STEP_NAMES) and "pinyin" in timings
    assert all(v >= 0 for v in timings.values())


def _double(x: int) -> int:
    return 2 * x


def _fail_on_three(x: int) -> int:
    if x == 3:
        raise ValueError("three")
    return x


def test_ordered_map_keeps_order_with_two_workers() -> None:
    assert list(ordered_map(_double, range(200), 2)) == [2 * i for i in range(200)]
    assert list(ordered_map(_double, range(5), 1)) == [0, 2, 4, 6, 8]


def test_ordered_map_reads_its_input_lazily() -> None:
    consumed = 0

    def items():
        nonlocal consumed
        for i in range(10_000):
            consumed += 1
            yield i

    it = ordered_map(_double, items(), 2, max_pending=4)
    assert next(it) == 0
    assert consumed <= 5, "at most max_pending items in flight (+1 being submitted)"
    it.close()


def test_ordered_map_reraises_worker_errors() -> None:
    with pytest.raises(ValueError, match="three"):
        list(ordered_map(_fail_on_three, range(10), 2))


def test_cleaner_in_a_spawned_pool_equals_serial() -> None:
    """A fresh process (no tables inherited) gets the cleaner by pickle and cleans the same."""
    cleaner = Cleaner()
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        got = pool.map(cleaner.clean, SEEDS)
    assert got == [cleaner.clean(t) for t in SEEDS]


def test_imap_on_two_processes_equals_serial() -> None:
    texts = [*SEEDS, None, "", "業(yè)務"] * 5
    cleaner = Cleaner(pinyin="always")
    assert list(cleaner.imap(iter(texts), jobs=2, batch_size=3)) == cleaner.clean_batch(texts)
    assert list(cleaner.imap([], jobs=2)) == []


def test_resolve_jobs() -> None:
    assert resolve_jobs(0) == usable_cores() >= 1
    assert resolve_jobs(3) == 3
    with pytest.raises(ValueError):
        resolve_jobs(-1)
