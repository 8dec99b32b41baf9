"""Very long texts go through the blockwise steps in blocks: coverage, cut points, replay."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import textfix
from textfix.pipeline import blocks

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def _covers(text: str, pieces: list[tuple[int, int]]) -> bool:
    return pieces[0][0] == 0 and pieces[-1][1] == len(text) and all(a[1] == b[0] for a, b in pairwise(pieces))


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from("中文字(yè)。 \n\u0301\u200da."), min_size=0, max_size=3000),
       st.integers(10, 400))
def test_blocks_cover_the_text_and_never_cut_before_a_mark_or_parenthesis(text: str, target: int) -> None:
    pieces = blocks(text, limit=target, target=target)
    assert _covers(text, pieces)
    for _, end in pieces[:-1]:
        if not all(c in "()\u200d\u0301" for c in text[end - 32 : end + 1]):
            assert text[end] not in "()\u200d\u0301"
        assert end - _ <= 2 * target


def test_short_text_is_one_block() -> None:
    assert blocks("短文。" * 10) == [(0, 30)]


def test_cuts_prefer_paragraph_ends() -> None:
    para = "這是一個段落，有很多句子。" * 40 + "\n\n"
    text = para * 400  # about 210,000 characters
    pieces = blocks(text)
    assert len(pieces) > 1
    assert all(text[b - 2 : b] == "\n\n" for _, b in pieces[:-1])


def test_long_document_is_cleaned_blockwise_and_replays() -> None:
    # The two annotated seeds, 40 times: over the block limit, chrome inside every copy.
    pair = [p.read_text(encoding="utf-8") for p in SEEDS if p.name[:3] in ("002", "004")]
    text = "\n\n".join(pair * 40)
    assert len(text) > textfix.pipeline.BLOCK_LIMIT
    result = textfix.fix_and_explain(text)
    assert result.replay(text) == result.text
    assert textfix.fix(text) == result.text
    assert "(yè)" not in result.text and "蜀ICP備" not in result.text
    assert result.metadata["pinyin_annotations_removed"] == 40 * (182 + 244)
    assert any("blocks" in n.message for n in result.notes)


def test_mark_mode_spans_point_into_the_whole_long_text() -> None:
    seed = next(p for p in SEEDS if p.name.startswith("004")).read_text(encoding="utf-8")
    text = "\n\n".join([seed] * 80)
    assert len(text) > textfix.pipeline.BLOCK_LIMIT
    result = textfix.fix_and_explain(text, boilerplate_mode="mark", pinyin="never")
    seen = result.text  # mark mode deletes nothing: this is the text the boilerplate step saw
    spans = result.metadata["boilerplate_spans"]
    icp = [s for s in spans if s["category"] == "icp_filing"]
    assert len(icp) >= 80  # the ICP lines of every copy, in every block
    assert all(seen[s["start"] : s["end"]].strip() for s in spans)
    assert all("ICP" in seen[s["start"] : s["end"]] or "公安" in seen[s["start"] : s["end"]] for s in icp)
