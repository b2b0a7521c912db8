"""The target-form readers' short cuts give what the plain computations they stand for give.

- header.HeaderReader._row: a row's texts are joined and compacted only when they hold 标
  (_has_period_captions); for any texts, the answer is the one the plain test of the joined,
  compacted row gives (实施期目标 / 中长期目标 / 中期目标 and 年度目标 both in it).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout import header
from checker.layout.labels import compact

_CAPTIONS = ["实施期目标", "中长期目标", "中期目标", "年度目标", "总体目标", "年度资金", "目标", "实施期"]
# What compacting takes out or changes inside a caption: spaces, "?" padding, full-width marks.
_NOISE = [" ", "\u3000", "??", "?", "*", "：", "（", "）", "2026", "a"]


@st.composite
def _rows(draw) -> list[str]:
    """A row's texts: captions (or near misses) with noise put in anywhere, cut into cells anywhere."""
    chars = list("".join(draw(st.lists(st.sampled_from(_CAPTIONS), max_size=3))))
    for _ in range(draw(st.integers(0, 3))):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(_NOISE)))
    text = "".join(chars)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=3)))
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]


def _plain(texts: list[str]) -> bool:
    joined = compact("".join(texts))
    return bool(header._PERIOD_CAPTIONS.search(joined)) and "年度目标" in joined


@settings(max_examples=500, deadline=None)
@given(_rows())
def test_period_captions_are_the_plain_test(texts):
    assert header._has_period_captions(texts) == _plain(texts), texts


def test_period_captions_across_cells_are_found():
    # The pair read so by the plain test, split between cells and spaced out as exports do.
    assert header._has_period_captions(["实施期目", "标", "年 度 目 标"])
    assert not header._has_period_captions(["实施期目标", "年度资金总额"])


def test_every_period_caption_holds_the_prefilters_character():
    # _has_period_captions skips a row without 标 before compacting it: sound only while every
    # alternative of _PERIOD_CAPTIONS holds 标 (年度目标, the other caption, does). The captions
    # above are a fixed list, so a caption added to the pattern without 标 fails here, not there.
    pattern = header._PERIOD_CAPTIONS.pattern
    assert pattern[0] == "(" and pattern[-1] == ")"
    alternatives = pattern[1:-1].split("|")
    # plain words, so splitting at | gives the whole alternatives
    assert all(re.fullmatch(r"[\u4e00-\u9fff]+", a) for a in alternatives), alternatives
    assert all("标" in a for a in alternatives), alternatives
