"""Clean a Dask bag of texts or a Dask DataFrame column (optional extra: ``pip install 'textfix[dask]'``).

Each partition is cleaned by a :class:`~textfix.cleaner.Cleaner`, which pickles as its Config
alone; every worker process loads the steps' tables once, on first use.

Bag of strings::

    import dask.bag as db
    from textfix.dask import clean_bag
    cleaned = clean_bag(db.read_text("pages/*.txt", linedelimiter="\\n\\n"), pinyin="auto")

DataFrame column (other columns untouched; missing values stay missing)::

    import dask.dataframe as dd
    from textfix.dask import clean_column
    df = clean_column(dd.read_parquet("shards/"), "text")          # in place
    df = clean_column(df, "text", output="text_clean", script="zh-Hans")  # new column
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .cleaner import Cleaner
from .config import Config

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas

__all__ = ["clean_bag", "clean_column"]


def _require_dask() -> None:
    try:
        import dask  # noqa: F401
    except ImportError:
        raise ImportError("textfix.dask needs Dask: pip install 'textfix[dask]'") from None


def _clean_partition(texts: Any, cleaner: Cleaner) -> list[str | None]:
    return cleaner.clean_batch(texts)


def clean_bag(bag: dask.bag.Bag, config: Config | None = None, **overrides: Any) -> dask.bag.Bag:
    """A bag of the cleaned texts, in the same partitions and order; ``None`` stays ``None``."""
    _require_dask()
    cleaner = Cleaner(config, **overrides)
    return bag.map_partitions(_clean_partition, cleaner)


def _clean_series(series: pandas.Series, cleaner: Cleaner) -> pandas.Series:
    import pandas as pd

    missing = series.isna().to_numpy()
    values = [None if m else v for v, m in zip(series.tolist(), missing)]
    cleaned = cleaner.clean_batch(values)
    return pd.Series(cleaned, index=series.index, name=series.name, dtype=series.dtype)


def clean_column(
    df: dask.dataframe.DataFrame,
    column: str = "text",
    config: Config | None = None,
    *,
    output: str | None = None,
    **overrides: Any,
) -> dask.dataframe.DataFrame:
    """``df`` with ``column`` cleaned, in place or into a new column ``output``.

    The column's dtype is kept; missing values (None, NaN, NA) stay missing.
    """
    _require_dask()
    if column not in df.columns:
        raise KeyError(f"no column {column!r}; columns are {', '.join(map(str, df.columns))}")
    cleaner = Cleaner(config, **overrides)
    name = output or column
    source = df[column]
    cleaned = source.map_partitions(_clean_series, cleaner, meta=(column, source.dtype))
    return df.assign(**{name: cleaned})
