"""The side-by-side reader's seventh-round steps give what they gave before (issue 14): each
reference below is the former code, kept here as the oracle.

- LevelTracker.indicator and .labels build the Indicator and the Level2Group from positional
  fields (no keywords' dict): every field as the keyword construction gives it;
- blocks._tokens writes _token_label out (label_level, then the unknown "…指标" test only of a
  text holding 标): each kept token's label is _token_label's, on rows of labels, unknown
  "…指标"s (spaced too), names, values and repeats in the next column; a repeat is looked for in
  the last token kept (its column and text held in two names, not read back out of the list), so
  a third equal text in a row is kept again.
"""

from __future__ import annotations

from dataclasses import fields

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout import blocks, levels
from checker.model import Cell, Indicator, Level2Group, Place, Row

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


# - LevelTracker.indicator builds its Indicator from the model's first ten fields in their order and
#   sets doubts, block and period_value after; labels() its Level2Group likewise: every field is what
#   the keyword construction gives, on rows of any fields, notes, weights, doubts and blocks.

_FIELD_TEXTS = st.sampled_from(["", "培训人数", "≥95%", "人次", "定量", "正向", "道路修建（", "及时", "的"])


def _keyword_indicator(tracker, cells, row, doubts, block, period_value):
    """LevelTracker.indicator's Indicator as it was built, every field by keyword."""
    get = cells.get
    fields = [k for k in ("name", "value", "unit", "value_type") if get(k) is not None]
    doubts = [*doubts, *row.doubts]
    if tracker.guessed or not tracker.level1:
        doubts.append("unplaced_level")
    name = levels.squeezed(cells["name"].text) if "name" in cells else ""
    if levels.looks_cut(name):
        doubts.append("name_truncated")
    note = "；".join(levels.squeezed(c.text) for k, c in cells.items() if levels._is_note(k))
    ind = Indicator(level1=tracker.level1, level2=tracker.level2, name=name,
                    value=levels._text(cells, "value"), unit=levels._text(cells, "unit"),
                    value_type=levels._text(cells, "value_type"), note=note,
                    place=cells["name"].place if "name" in cells else row.place, row_text=row.raw,
                    cell_places={k: cells[k].place for k in fields},
                    doubts=sorted(set(doubts)) if doubts else [], block=block, period_value=period_value)
    if "weight" in cells:
        ind.weight = levels._text(cells, "weight")
    return ind


@settings(max_examples=600, deadline=None)
@given(st.dictionaries(st.sampled_from(["name", "value", "unit", "value_type", "note", "direction", "weight"]),
                       _FIELD_TEXTS, min_size=1),
       st.lists(st.sampled_from(["shifted", "labels_lost", "value_shifted"]), max_size=3),
       st.lists(st.sampled_from(["value_shifted", "weight_unreadable"]), max_size=2),
       st.sampled_from([None, "period", "annual"]), st.sampled_from([None, "", "≥90%"]),
       st.sampled_from([(None, None), ("产出指标", None), ("产出指标", "数量指标"), (None, "质量指标")]))
def test_indicator_is_the_keyword_indicator(texts, doubts, row_doubts, block, period_value, labels):
    cells = {role: Cell(text=t, place=Place(line=3, column=k + 1)) for k, (role, t) in enumerate(texts.items())}
    row = Row(cells=list(cells.values()), place=Place(line=3), raw="\t".join(texts.values()), doubts=row_doubts)
    tracker, twin = levels.LevelTracker(legacy=False), levels.LevelTracker(legacy=False)
    l1, l2 = (Cell(text=t, place=Place(line=2, column=c)) if t else None for c, t in enumerate(labels))
    tracker.labels(l1, l2)
    twin.labels(l1, l2)
    got = tracker.indicator(cells, row, list(doubts), block=block, period_value=period_value)
    if cells.keys().isdisjoint(("name", "value", "unit", "value_type")):
        assert got is None  # labels and notes only: no indicator
        return
    want = _keyword_indicator(twin, cells, row, list(doubts), block, period_value)
    assert {f.name: getattr(got, f.name) for f in fields(Indicator)} == \
        {f.name: getattr(want, f.name) for f in fields(Indicator)}
    if l2 is not None:
        assert tracker.groups == [Level2Group(level1=tracker.level1, level2="质量指标" if labels[1] == "质量指标"
                                              else "数量指标", place=l2.place, count=1)]
