"""A picklable cleaner for data pipelines: one text or a batch of texts per call.

A ``Cleaner`` holds only its ``Config``. The heavy tables the steps use (dictionaries,
automata, reading tables) live in module-level caches that each process fills lazily on
first use, so pickling a cleaner to a worker sends a few hundred bytes, never the tables.

>>> from textfix.cleaner import Cleaner
>>> clean = Cleaner(pinyin="never")
>>> clean("plain text")
'plain text'
>>> clean.clean_batch(["a", None])
['a', None]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from .config import Config, resolve
from .pipeline import run
from .result import Result

__all__ = ["Cleaner"]


class Cleaner:
    """Clean texts with one fixed Config; safe to pickle and send to worker processes."""

    __slots__ = ("config",)

    def __init__(self, config: Config | None = None, **overrides: Any) -> None:
        self.config: Config = resolve(config, overrides)

    def __call__(self, text: str | bytes) -> str:
        return run(text, self.config, explain=False).text

    def clean(self, text: str | bytes, *, timings: dict[str, float] | None = None) -> str:
        """The cleaned text (through the steps' fast paths: no explanation is built)."""
        return run(text, self.config, explain=False, timings=timings).text

    def explain(self, text: str | bytes, *, timings: dict[str, float] | None = None) -> Result:
        """The full Result (text, changes, notes, metadata).

        ``timings``, when given, accumulates seconds spent in each step (by step name).
        """
        return run(text, self.config, timings=timings)

    def clean_batch(self, texts: Iterable[Any]) -> list[Any]:
        """Clean every text of a batch, in order. Missing values (``None``, NaN, pandas'
        ``NA``), which data frames hand over for empty cells, are returned as they are."""
        cfg = self.config
        return [t if _missing(t) else run(t, cfg, explain=False).text for t in texts]

    def imap(self, texts: Iterable[Any], *, jobs: int = 0, batch_size: int = 256) -> Iterator[Any]:
        """Clean a stream of texts on ``jobs`` processes (0: every usable core), yielding the
        results in input order; the input is read lazily, so memory stays bounded.

        >>> list(Cleaner().imap(["a", None, "b"], jobs=1))
        ['a', None, 'b']
        """
        from .parallel import ordered_map

        source = iter(texts)
        batches = iter(lambda: list(islice(source, batch_size)), [])
        for cleaned in ordered_map(_clean_in_worker, batches, jobs, initializer=_install, initargs=(self,)):
            yield from cleaned

    def warm(self) -> Cleaner:
        """Load every enabled step's tables now (they load lazily otherwise); returns self."""
        for text in _WARM_TEXTS:
            run(text, self.config, explain=False)
        return self

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.config = state["config"]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Cleaner) and other.config == self.config

    def __hash__(self) -> int:
        return hash(self.config)

    def __repr__(self) -> str:
        return f"Cleaner({self.config!r})"


# Small documents that reach every step's lazily loaded tables: mojibake (UTF-8 read as GBK,
# and as cp1252), pinyin annotations on Traditional characters, page chrome, mixed scripts.
_WARM_TEXTS = (
    "Warm up 中文 繁體字 a(ā) — ",
    "中央企業(yè)產業(yè)鏈融通發(fā)展共鏈行動啟動會在京召開。\n來源:中國工經聯(lián)網(wǎng)\n版權(quán)所有",
    "发布时间:2020-01-21\n" + "现代物流产业生态圈联盟第一次全体大会成功召开。".encode().decode("gbk", "replace")
    + "\n" + "成都市口岸与物流办公室".encode().decode("latin-1"),
    "首页 > 新闻中心 > 正文\n分享到：微信 微博\n版权所有 © 2024 蜀ICP备11006773号-9\n扫描二维码关注我们",
)


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, (str, bytes)):
        return False
    if isinstance(value, float):
        return value != value  # NaN
    return type(value).__name__ in ("NAType", "NaTType")


_INSTALLED: list[Cleaner] = []


def _install(cleaner: Cleaner) -> None:
    _INSTALLED[:] = [cleaner]


def _clean_in_worker(batch: list[Any]) -> list[Any]:
    return _INSTALLED[0].clean_batch(batch)
