"""textfix.dask on a real distributed.LocalCluster with two worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

dask = pytest.importorskip("dask")
db = pytest.importorskip("dask.bag")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

import textfix  # noqa: E402
from textfix.dask import clean_bag, clean_column  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
DOCS = [*SEEDS, "業(yè)務報告", "纯净文本。", "  spaced   line  \n\n\n\nnext", ""] * 8


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0"
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def test_cluster_has_two_worker_processes(client) -> None:
    pids = client.run(lambda: __import__("os").getpid())
    assert len(set(pids.values())) == 2


def test_bag_equals_serial(client) -> None:
    bag = db.from_sequence(DOCS, npartitions=6)
    got = clean_bag(bag, pinyin="auto").compute()
    assert got == [textfix.fix(d, pinyin="auto") for d in DOCS]
    # The partitions really ran on both workers.
    where = client.run(lambda: "textfix.pipeline" in __import__("sys").modules)
    assert all(where.values())


def test_dataframe_column_equals_serial(client) -> None:
    texts = [None if i % 9 == 4 else d for i, d in enumerate(DOCS)]
    pdf = pd.DataFrame({"id": range(len(texts)), "text": pd.Series(texts, dtype=object)})
    ddf = dd.from_pandas(pdf, npartitions=4)
    got = clean_column(ddf, "text", output="clean", pinyin="never").compute()
    assert got["id"].tolist() == list(range(len(texts)))
    assert _values(got["text"]) == texts  # the source column is untouched
    assert _values(got["clean"]) == [None if t is None else textfix.fix(t, pinyin="never") for t in texts]

    inplace = clean_column(ddf, "text").compute()
    assert _values(inplace["text"]) == [None if t is None else textfix.fix(t) for t in texts]
    assert list(inplace.columns) == ["id", "text"]


def _values(series) -> list:
    """Values with every kind of missing value (None, NaN, NA) as None: Dask may store
    object columns as Arrow strings."""
    return [None if pd.isna(v) else v for v in series.tolist()]


def test_missing_column_is_a_clear_error() -> None:
    ddf = dd.from_pandas(pd.DataFrame({"body": ["x"]}), npartitions=1)
    with pytest.raises(KeyError, match="body"):
        clean_column(ddf, "text")
