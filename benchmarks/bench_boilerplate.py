"""Boilerplate quality and speed: textfix beside jusText and boilerpy3, same documents, same run.

Prints, per set (dev = rules were tuned on it; heldout = pages labelled later, batch by batch:
each batch's first, untuned measurement is in benchmarks/data/boilerplate_heldout.md, and these
rows show the current code, tuned since) and language:
precision, recall and F1 of removed non-space characters, content loss (share of article
characters removed), the worst single document's loss, the share of *content-only* text
removed (clean-text check), recall on the marker-bearing categories, per-category recall,
date/source extraction, and MB/s of the stripper alone.

Peers get each non-empty line wrapped in ``<p>`` (they need HTML); jusText uses its English
stoplist on English pages and an empty one on Chinese (it has no Chinese stoplist).

Run: python -m benchmarks.bench_boilerplate [--mb 1.0]   (pip install justext boilerpy3 lxml_html_clean)
"""

from __future__ import annotations

import argparse
import html
import json
import re
import time
from collections.abc import Callable

from .boilerplate_eval import MARKER_CATEGORIES, Score, content_only, load, removed_mask_by_lines, score
from .common import DEVDATA, repeat_to_size, table, utf8_size

Masker = Callable[[str], list[bool]]


def _wrap(lines: list[str]) -> str:
    return "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"


def _match(lines: list[str], kept_blocks: list[str]) -> list[bool]:
    """Lines kept by a peer, from the blocks it kept, in order: each block is the line it equals
    (whitespace aside), else the next line it is part of. Equality first: a dropped menu word
    ("Home") that also occurs inside a later sentence must not count as kept and move the
    alignment past the article."""
    keys = [re.sub(r"\s+", "", line) for line in lines]
    out = [False] * len(lines)
    pos = 0
    for block in kept_blocks:
        for piece in block.split("\n"):  # a peer may join several kept lines into one text
            key = re.sub(r"\s+", "", piece)
            if not key:
                continue
            j = next((j for j in range(pos, len(keys)) if keys[j] == key), None)
            if j is None:
                j = next((j for j in range(pos, min(len(keys), pos + 50)) if keys[j] and key in keys[j]), None)
            if j is not None:
                out[j] = True
                pos = j + 1
    return out


def justext_masker(lang: str) -> Masker | None:
    try:
        import justext
    except ImportError:
        return None
    # No Chinese stoplist: jusText's documented language-independent mode (empty stoplist,
    # stopword thresholds 0) for Chinese, its English stoplist for English.
    stop = justext.get_stoplist("English") if lang == "en" else frozenset()
    extra = {} if lang == "en" else {"stopwords_low": 0, "stopwords_high": 0}

    def keep(lines: list[str]) -> list[bool]:
        paras = justext.justext(_wrap(lines).encode("utf-8"), stop, encoding="utf-8", **extra)
        return _match(lines, [p.text for p in paras if not p.is_boilerplate])

    return lambda text: removed_mask_by_lines(text, keep)


def boilerpy3_masker() -> Masker | None:
    try:
        from boilerpy3 import extractors
    except ImportError:
        return None
    ex = extractors.ArticleExtractor()

    def keep(lines: list[str]) -> list[bool]:
        try:
            content = ex.get_content(_wrap(lines))
        except Exception:  # a peer failing on a page keeps it whole
            return [True] * len(lines)
        return _match(lines, [content])

    return lambda text: removed_mask_by_lines(text, keep)


def textfix_masker() -> Masker:
    from .boilerplate_eval import removed_mask_textfix

    return removed_mask_textfix


def clean_share(recs: list[dict], masker: Masker) -> float:
    total = removed = 0
    for r in recs:
        c = content_only(r)
        m = masker(c)
        total += sum(1 for ch in c if not ch.isspace())
        removed += sum(1 for ch, x in zip(c, m) if x and not ch.isspace())
    return removed / total if total else 0.0


def mbps(fn: Callable[[str], object], texts: list[str], megabytes: float) -> float:
    """MB/s of plain-text input per CPU second of this process (one core; fair on a shared
    machine, where wall time also counts other processes)."""
    docs = repeat_to_size(texts, megabytes)
    t0 = time.process_time()
    for d in docs:
        fn(d)
    dt = time.process_time() - t0
    return utf8_size(docs) / 1e6 / dt if dt else float("inf")


def speed_runner(name: str, lang: str) -> Callable[[str], object] | None:
    """The tool's own work on one document (peers get their HTML built outside the timing)."""
    if name == "textfix":
        from textfix.boilerplate import strip_boilerplate

        return strip_boilerplate
    wrap_cache: dict[str, str] = {}

    def wrapped(text: str) -> str:
        if text not in wrap_cache:
            wrap_cache[text] = _wrap([x for x in text.split("\n") if x.strip()])
        return wrap_cache[text]

    if name == "jusText":
        try:
            import justext
        except ImportError:
            return None
        stop = justext.get_stoplist("English") if lang == "en" else frozenset()
        extra = {} if lang == "en" else {"stopwords_low": 0, "stopwords_high": 0}
        return lambda t: justext.justext(wrapped(t).encode("utf-8"), stop, encoding="utf-8", **extra)
    try:
        from boilerpy3 import extractors
    except ImportError:
        return None
    ex = extractors.ArticleExtractor()
    return lambda t: ex.get_content(wrapped(t))


def extraction(recs: list[dict]) -> tuple[int, int, int, int]:
    """(docs with a labelled date, of which textfix extracted one, same for source)."""
    from textfix.boilerplate import strip_boilerplate

    has_date = got_date = has_src = got_src = 0
    for r in recs:
        meta_text = " ".join(r["text"][x["start"] : x["end"]] for x in r["labels"] if x["category"] == "metadata")
        md = strip_boilerplate(r["text"]).metadata
        if re.search(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}", meta_text):
            has_date += 1
            got_date += md.date is not None
        # a source with a value ("来源：新华网"), not an empty label ("来源: | 发布时间") nor "来源于网络"
        if re.search(r"(?:来源|來源|source)[:：]?\s*(?![|｜:：\s]|于|於|发布|發布|$)\S", meta_text, re.I):
            has_src += 1
            got_src += md.source is not None
    return has_date, got_date, has_src, got_src


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=1.0, help="MB of text for the speed runs (default 1)")
    args = ap.parse_args()
    sets = {"dev": load("dev"), "heldout": load("heldout")}
    rows = []
    cat_rows: dict[str, dict[str, float]] = {}
    for set_name, recs in sets.items():
        for lang in ("zh", "en"):
            sub = [r for r in recs if r["lang"].startswith(lang)]
            if not sub:
                continue
            tools: list[tuple[str, Masker | None]] = [
                ("textfix", textfix_masker()), ("jusText", justext_masker(lang)), ("boilerpy3", boilerpy3_masker()),
            ]
            for name, masker in tools:
                if masker is None:
                    rows.append([f"{set_name}/{lang} ({len(sub)} docs)", name, "not installed"] + [""] * 7)
                    continue
                s: Score = score(sub, masker)
                runner = speed_runner(name, lang)
                texts = [r["text"] for r in sub]
                if runner is not None and name != "textfix":
                    for t in texts:
                        runner(t)  # build the HTML outside the timed run
                speed = mbps(runner, texts, args.mb if name == "textfix" else args.mb / 4) if runner else float("nan")
                rows.append([f"{set_name}/{lang} ({len(sub)} docs)", name, s.precision, s.recall, s.f1,
                             f"{100 * s.content_loss:.2f}%", f"{100 * s.worst_doc_loss:.1f}%",
                             f"{100 * clean_share(sub, masker):.2f}%", s.category_recall(MARKER_CATEGORIES), speed])
                if lang == "zh":
                    col = cat_rows.setdefault(f"{set_name}:{name}", {})
                    for c, total in s.per_cat_total.items():
                        col[c] = s.per_cat_hit[c] / total
    print("## Boilerplate removal, character level (non-space characters)\n")
    print(table(rows, ["set", "tool", "precision", "recall", "F1", "content loss", "worst doc",
                       "clean removed", "marker recall", "MB/s"]))
    print("\n## Per-category recall, Chinese\n")
    cats = sorted({c for col in cat_rows.values() for c in col})
    names = list(cat_rows)
    print(table([[c] + [cat_rows[n].get(c, float("nan")) for n in names] for c in cats], ["category", *names]))
    print("\n## Metadata extraction (textfix)\n")
    erows = []
    for set_name, recs in sets.items():
        hd, gd, hs, gs = extraction(recs)
        erows.append([set_name, f"{gd}/{hd}", f"{gs}/{hs}"])
    print(table(erows, ["set", "date extracted", "source extracted"]))
    from textfix.boilerplate import fast, strip_boilerplate
    from textfix.config import resolve

    cfg = resolve(None, {})
    from textfix.boilerplate_prescan import may_have_boilerplate
    from textfix.boilerplate_rules import ruleset, shadow

    alone = mbps(lambda t: strip_boilerplate(t), [r["text"] for r in sets["dev"] + sets["heldout"]], args.mb)
    print(f"\nstrip_boilerplate alone, all documents repeated to {args.mb} MB: {alone:.1f} MB/s per CPU second")
    from .scale_corpus import records

    mixed = [json.loads(line)["text"] for line in records(args.mb)]
    print(f"strip_boilerplate alone on the scale benchmark's mixed web corpus (benchmarks/scale_corpus.py, "
          f"a third of the documents with chrome): {mbps(strip_boilerplate, mixed, args.mb):.1f} MB/s per CPU second")
    seeds = [r["text"] for r in sets["dev"] if r["type"] == "seed"]
    if seeds:
        print(f"strip_boilerplate alone on the five seeds: {mbps(strip_boilerplate, seeds, args.mb):.1f} MB/s per CPU second")
    for name in ("simplified", "traditional"):
        path = DEVDATA / "script" / f"{name}.txt"
        if path.exists():
            lines = path.read_text(encoding="utf-8")[: int(args.mb * 400_000)].split("\n")
            docs = ["\n".join(lines[i : i + 30]) for i in range(0, len(lines), 30)]
            removed = sum(s.end - s.start for d in docs for s in strip_boilerplate(d).spans)
            passed = [d for d in docs if not may_have_boilerplate(shadow(d), ruleset())]
            print(f"strip_boilerplate alone on clean {name} text (30-line documents): "
                  f"{mbps(strip_boilerplate, docs, args.mb):.1f} MB/s per CPU second, "
                  f"{100 * removed / sum(map(len, docs)):.2f}% of characters removed (captions included); "
                  f"{100 * utf8_size(passed) / utf8_size(docs):.0f}% of the bytes pass the prescan"
                  + (f", at {mbps(strip_boilerplate, passed, args.mb):.1f} MB/s" if passed else ""))
            loose = [d for d in docs if not may_have_boilerplate(shadow(d), ruleset(), headline=True)]
            print(f"  pipeline fast path (boilerplate.fast) on the same documents: "
                  f"{mbps(lambda t: fast(t, cfg), docs, args.mb):.1f} MB/s per CPU second; "
                  f"{100 * utf8_size(loose) / utf8_size(docs):.0f}% of the bytes pass its prescan (headline allowed)")


if __name__ == "__main__":
    main()
