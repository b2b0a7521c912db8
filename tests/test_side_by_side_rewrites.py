"""The side-by-side reader's rewritten steps give what they gave as first written (issue 14, sixth
round): each reference below is the former code, kept here as the oracle.

- blocks._half sorts a block's tokens in one pass without listing every label as a (cell, label)
  couple: the same level-1, level-2, extra labels (in the same order), cells, dropped texts and
  index, on blocks of any labels (two level-1s, several level-2s, unknown ones) and texts;
- Half.shifted spells out its two label tests: the same answer as the loop over (role, cell)
  pairs, on halves placed anywhere under headers that name any of the roles;
- Half.displaced_whole walks its cells back from the value: the same answer as listing their
  columns and comparing the list with a range, on halves of any cells at any columns;
- blocks.split_row asks _lone_name and _unjoin only of a row with a half of one text (each of them
  changes nothing otherwise): a lone value repeating the other half's name, in either half, is
  still taken for the name;
- levels.looks_cut looks a name's last character up in the cut endings: what str.endswith with
  the tuple of endings answers, on any name.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout import blocks, levels
from checker.model import Cell, Place

_TEXTS = ["产出指标", "效益指标", "满意度指标", "满意度", "成本指标", "数量指标", "质量指标", "社会效益指标",
          "服务对象满意度指标", "经济成本指标", "时点指标", "培训人数", "≥95%", "2026年", "及时", "道路修建长度"]


def _former_half(tokens):
    l1_labels, l2_labels, texts, index = [], [], [], {}
    for i, c, lab in tokens:
        index[id(c)] = i
        if lab is None:
            texts.append(c)
        elif lab.level == 2:
            l2_labels.append((c, lab))
        elif lab.level == 1:
            l1_labels.append((c, lab))
    level1 = level2 = None
    extra = []
    if l2_labels:
        level2 = l2_labels[-1][0]
        extra = [c for c, _ in l2_labels[:-1]]
    if len(l1_labels) == 1:
        level1 = l1_labels[0][0]
    elif l1_labels:
        parent = l2_labels[-1][1].parent if l2_labels else None
        level1 = next((c for c, lab in l1_labels if lab.canonical == parent), l1_labels[-1][0])
        extra += [c for c, _ in l1_labels if c is not level1]
    if len(texts) >= 2:
        cells, dropped = {"name": texts[0], "value": texts[1]}, texts[2:]
    elif texts:
        cells, dropped = {"value" if blocks.value_like(texts[0].text) else "name": texts[0]}, []
    else:
        cells, dropped = {}, []
    return blocks.Half(level1=level1, level2=level2, cells=cells, extra_labels=extra, dropped=dropped, index=index)


def _tokens(texts):
    # Distinct Cell objects (the halves keep cells by identity): each at its own line.
    return [(i, Cell(text=t, place=Place(line=i + 1)), blocks._token_label(t)) for i, t in enumerate(texts)]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_TEXTS), max_size=8))
def test_half_is_the_former_half(texts):
    tokens = _tokens(texts)
    got, want = blocks._half(tokens), _former_half(tokens)
    # Cells compared by identity, in order: equal texts in other cells would hide a wrong pick.
    assert got.level1 is want.level1 and got.level2 is want.level2, texts
    assert [id(c) for c in got.extra_labels] == [id(c) for c in want.extra_labels], texts
    assert {k: id(c) for k, c in got.cells.items()} == {k: id(c) for k, c in want.cells.items()}, texts
    assert [id(c) for c in got.dropped] == [id(c) for c in want.dropped], texts
    assert got.index == want.index, texts


def test_half_keeps_the_level2s_parent_of_two_level1s():
    # 效益指标 满意度指标 on one row, then 服务对象满意度指标: its parent is the half's level-1.
    tokens = _tokens(["效益指标", "满意度指标", "数量指标", "服务对象满意度指标", "群众满意度", "≥90%"])
    half = blocks._half(tokens)
    assert half.level1.text == "满意度指标" and half.level2.text == "服务对象满意度指标"
    assert [c.text for c in half.extra_labels] == ["数量指标", "效益指标"]


def _former_shifted(half, cols):
    index = half.index
    for role, c in (("level1", half.level1), ("level2", half.level2)):
        if c is not None and role in cols and index[id(c)] != cols[role]:
            return not half.displaced_whole()
    for role, c in half.cells.items():
        col = cols.get(role)
        if col is not None and index[id(c)] != col:
            return not half.displaced_whole()
    return False


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_TEXTS), st.integers(min_value=0, max_value=2)), max_size=6),
       st.dictionaries(st.sampled_from(["level1", "level2", "name", "value", "unit"]),
                       st.integers(min_value=0, max_value=9)))
def test_shifted_is_the_former_loop(texts, cols):
    tokens, col = [], 0
    for text, gap in texts:
        col += gap
        tokens.append((col, Cell(text=text, place=Place(line=col + 1)), blocks._token_label(text)))
        col += 1
    half = blocks._half(tokens)
    assert half.shifted(cols) == _former_shifted(half, cols), (texts, cols)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="道路长度的得及和与或、，,（(《“）)》”之对在于每各总 a", max_size=8))
def test_looks_cut_is_the_former_endswith(name):
    former = tuple("的得及和与或、，,（(《“之对在于每各总")
    want = bool(name) and (name.endswith(former) or (bool(levels._OPENERS.search(name)) and any(
        name.count(a) > name.count(b) for a, b in levels._PAIRS)))
    assert levels.looks_cut(name) == want, name


def _former_displaced_whole(half):
    labels = [c for c in (half.level1, half.level2) if c is not None]
    if not labels or half.extra_labels or half.cells.keys() != {"name", "value"}:
        return False
    at = [half.index[id(c)] for c in (*labels, half.cells["name"], half.cells["value"])]
    return at == list(range(at[0], at[0] + len(at)))


@settings(max_examples=2000, deadline=None)
@given(st.fixed_dictionaries({}, optional={k: st.integers(min_value=0, max_value=5)
                                           for k in ("level1", "level2", "name", "value", "extra")}))
def test_displaced_whole_is_the_former_range_test(at):
    cells = {k: Cell(text=k, place=Place(line=1)) for k in at}
    half = blocks.Half(level1=cells.get("level1"), level2=cells.get("level2"),
                       cells={k: cells[k] for k in ("name", "value") if k in cells},
                       extra_labels=[cells["extra"]] if "extra" in cells else [],
                       index={id(cells[k]): i for k, i in at.items()})
    assert half.displaced_whole() == _former_displaced_whole(half), at


def test_a_lone_value_repeating_the_other_halfs_name_is_that_name_in_either_half():
    def cells(*texts):
        return [(i, Cell(text=t, place=Place(line=1, column=i + 1))) for i, t in enumerate(texts) if t]
    period, annual = blocks.split_row(cells("成本指标", "审定预算", "≤300元", "成本指标", "审定预算"), 3)
    assert list(annual.cells) == ["name"] and annual.cells["name"].text == "审定预算"
    period, annual = blocks.split_row(cells("成本指标", "审定预算", "成本指标", "审定预算", "≤300元"), 2)
    assert list(period.cells) == ["name"] and period.cells["name"].text == "审定预算"
