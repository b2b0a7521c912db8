"""The side-by-side reader's seventh-round steps give what they gave before (issue 14): each
reference below is the former code, kept here as the oracle.

- LevelTracker.indicator and .labels build the Indicator and the Level2Group from positional
  fields (no keywords' dict): every field as the keyword construction gives it;
- blocks._tokens writes _token_label out (label_level, then the unknown "…指标" test only of a
  text holding 标): each kept token's label is _token_label's, on rows of labels, unknown
  "…指标"s (spaced too), names, values and repeats in the next column; a repeat is looked for in
  the last token kept (its column and text held in two names, not read back out of the list), so
  a third equal text in a row is kept again;
- targets._compare asks is_cut_of of a pair's names only when they differ.
"""

from __future__ import annotations

import copy
from dataclasses import fields
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout import blocks, levels, targets
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


# - targets._compare asks is_cut_of of a pair's names only when they differ (equal names, as most
#   pairs' are, are no cut of each other): the annual indicator's name and doubts, and the findings,
#   are the former code's, on names equal, cut either way or unrelated, values equal or cut.

def _former_compare_names(ind, match):
    if blocks.is_cut_of(ind.name, match.name):
        ind.name = match.name
        ind.doubts = sorted(set(ind.doubts) | {"name_truncated"})
    elif blocks.is_cut_of(match.name, ind.name):
        ind.doubts = sorted(set(ind.doubts) | {"name_truncated"})


_NAMES = st.sampled_from(["", "培", "培训", "培训人数", "培训人数（人次）", "道路长度", "道路"])


@settings(max_examples=500, deadline=None)
@given(_NAMES, _NAMES, st.sampled_from(["", "≥95%", "≥9", "10人"]), st.sampled_from(["", "≥95%", "10人"]),
       st.lists(st.sampled_from(["shifted", "name_truncated"]), max_size=2), st.booleans())
def test_compare_names_as_before(annual_name, period_name, annual_value, period_value, doubts, report):
    form = SimpleNamespace(id="F1")
    match = Indicator("产出指标", "数量指标", period_name, period_value)
    got = Indicator("产出指标", "数量指标", annual_name, annual_value)
    got.doubts = sorted(set(doubts))
    want = copy.copy(got)
    want.doubts = list(got.doubts)
    findings = targets._compare(form, got, match, report)
    _former_compare_names(want, match)
    assert (got.name, got.period_name, got.period_value) == (want.name, period_name, period_value)
    assert set(got.doubts) - {"value_truncated"} == set(want.doubts)
    assert all(f.code == "S113" for f in findings)
