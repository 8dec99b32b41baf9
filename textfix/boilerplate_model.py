"""Cross-document evidence: lines and segments a site repeats on many pages.

A :class:`BoilerplateModel` counts, over a batch of documents, in how many documents each
normalized short segment occurs (documents, not occurrences). The stripper uses a repeated
segment as evidence only in a document's head and tail zones and only when the segment is
not sentence-like, so shared section headings inside articles are never touched.

>>> m = BoilerplateModel.learn(["首页\\n正文一。\\n网站地图", "首页\\n正文二。\\n网站地图"], min_docs=2)
>>> m.is_repeated("首页"), m.is_repeated("正文一。")
(True, False)
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .boilerplate_rules import fold, shadow
from .segment import split_segments

FORMAT = "textfix-boilerplate-model/1"
_NORMALIZE = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_MAX_LEN = 60  # longer segments are content-like and never learned
_SENTENCE = re.compile(r"[，。；！？,;!?]|\.(?: |$)")  # sentence-like segments are never learned


def normalize_key(segment: str) -> str:
    """The key a segment is counted under: folded script and case, digits as 0, no spaces."""
    return _NORMALIZE.sub("0", _SPACE.sub("", fold(segment)))


@dataclass
class BoilerplateModel:
    """Document counts of normalized short segments over a batch or a site."""

    counts: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    min_docs: int = 3
    min_share: float = 0.3

    @classmethod
    def learn(cls, documents: Iterable[str], *, min_docs: int = 3, min_share: float = 0.3) -> BoilerplateModel:
        """Count, for each short segment, how many ``documents`` contain it."""
        model = cls(min_docs=min_docs, min_share=min_share)
        model.update(documents)
        return model

    def update(self, documents: Iterable[str]) -> None:
        """Add more documents to the counts."""
        for doc in documents:
            if not isinstance(doc, str):
                raise TypeError(f"BoilerplateModel learns from str documents, not {type(doc).__name__}")
            shade = shadow(doc)
            keys = {
                normalize_key(doc[s.start : s.end])
                for s in split_segments(doc, shade)
                if s.end - s.start <= _MAX_LEN and not _SENTENCE.search(shade, s.start, s.end)
            }
            keys.discard("")
            self.counts.update(keys)
            self.documents += 1

    def is_repeated(self, segment: str) -> bool:
        """Whether ``segment`` occurs in enough documents to count as site chrome."""
        if self.documents == 0:
            return False
        c = self.counts.get(normalize_key(segment), 0)
        return c >= self.min_docs and c >= self.min_share * self.documents

    def to_dict(self) -> dict[str, object]:
        kept = {k: v for k, v in self.counts.items() if v >= self.min_docs}
        return {"format": FORMAT, "documents": self.documents, "min_docs": self.min_docs,
                "min_share": self.min_share, "counts": dict(sorted(kept.items()))}

    def save(self, path: str | Path) -> None:
        """Write the model as JSON (only keys that reach ``min_docs`` are kept)."""
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=0), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> BoilerplateModel:
        """Read a model written by :meth:`save`."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"{path}: not a textfix boilerplate model (format {data.get('format')!r}, expected {FORMAT!r})")
        return cls(Counter(data["counts"]), int(data["documents"]), int(data["min_docs"]), float(data["min_share"]))

    @staticmethod
    @lru_cache(maxsize=4)
    def load_cached(path: str) -> BoilerplateModel:
        """:meth:`load`, cached per process (the pipeline calls this once per document)."""
        return BoilerplateModel.load(path)


def main(argv: list[str] | None = None) -> int:
    """``python -m textfix.boilerplate_model OUT.json FILE...``: learn a model from text files
    (one document each) or JSON-lines files (``--field``, default ``text``) and save it; then
    ``textfix fix --boilerplate-model OUT.json ...`` uses it."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m textfix.boilerplate_model", description=main.__doc__)
    parser.add_argument("out", help="where to write the model (JSON)")
    parser.add_argument("files", nargs="+", help="text files, or .jsonl files of records")
    parser.add_argument("--field", default="text", help="field holding the text in .jsonl records")
    parser.add_argument("--min-docs", type=int, default=3, help="documents a line must occur in (default 3)")
    parser.add_argument("--min-share", type=float, default=0.3, help="share of documents, 0..1 (default 0.3)")
    args = parser.parse_args(argv)

    def documents() -> Iterable[str]:
        for name in args.files:
            path = Path(name)
            if path.suffix == ".jsonl":
                for line in path.read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        yield str(json.loads(line).get(args.field, ""))
            else:
                yield path.read_text(encoding="utf-8", errors="replace")

    model = BoilerplateModel.learn(documents(), min_docs=args.min_docs, min_share=args.min_share)
    model.save(args.out)
    kept = sum(1 for v in model.counts.values() if v >= model.min_docs)
    print(f"learned from {model.documents} documents: {kept} repeated lines -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
