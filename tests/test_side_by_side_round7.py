"""The side-by-side reader's seventh-round steps give what they gave before (issue 14): each
reference below is the former code, kept here as the oracle.

- blocks._tokens writes _token_label out (label_level, then the unknown "…指标" test only of a
  text holding 标): each kept token's label is _token_label's, on rows of labels, unknown
  "…指标"s (spaced too), names, values and repeats in the next column.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout import blocks
from checker.model import Cell, Place

_TEXTS = ["产出指标", "效益指标", "满意度指标", "成本指标", "数量指标", "时点指标", "时 点指标", "进度指标",
          "培训人数", "≥95%", "2026年", "及时", "指标", "标", "道路修建长度", "超过六个字的长指标"]


def _former_tokens(cells):
    out = []
    for i, c in cells:
        if out and out[-1][0] == i - 1 and out[-1][1].text == c.text:
            continue
        out.append((i, c, blocks._token_label(c.text)))
    return out


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_TEXTS), st.integers(min_value=1, max_value=2)), max_size=8))
def test_tokens_are_the_former_tokens(texts):
    cells, col = [], 0
    for text, step in texts:  # a step of 1: the next column, where a repeat is the export's copy
        col += step
        cells.append((col, Cell(text=text, place=Place(line=1, column=col))))
    got, want = blocks._tokens(cells), _former_tokens(cells)
    assert [(i, id(c), lab) for i, c, lab in got] == [(i, id(c), lab) for i, c, lab in want]
