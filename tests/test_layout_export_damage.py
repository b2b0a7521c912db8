"""Export damage in side-by-side 实施期目标 / 年度目标 tables (audit of seed 003, docs/audit/003-projects.md):
a value pushed off the end of a row, a name and value joined into one cell. Both are the
export's doing, so the checker must not blame the filer for them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout.blocks import _split_joined, split_row
from checker.model import Cell, Place
from support import text_filing

HEAD = """泽州县县(区)级预算部门(单位)项目支出绩效目标表
(2026年度)
项目名称\t测试项目
项目属性\t一次性项目(1年结束)\t\t项目期\t1年
项目资金(元)\t实施期资金总额:\t2,500,000\t年度资金总额:\t2,500,000
实施期目标\t\t\t年度目标
绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t二级指标\t三级指标\t指标值
"""


def _form(rows: str):
    filing = text_filing(HEAD + rows)
    return filing.forms[0], filing.findings


def _cells(*texts):
    return [(i, Cell(t, Place(line=1, column=i + 1))) for i, t in enumerate(texts) if t]


def test_value_pushed_off_the_row_is_a_doubt_not_a_missing_value():
    # Seed 003 (金村镇道路清扫保洁经费): the period value shifted one column right and the annual
    # value fell off the end of the row, which now ends with the annual name.
    form, findings = _form("\t产出指标\t数量指标\t金村镇市政道路面积\t\t450000平方米\t数量指标\t金村镇市政道路\n"
                           "\t\t质量指标\t验收合格率\t≥90%\t质量指标\t验收合格率\t≥90%\n")
    road = form.indicators[0]
    assert (road.name, road.value, road.period_value) == ("金村镇市政道路面积", "", "450000平方米")
    assert "value_shifted" in road.doubts
    assert "value_shifted" not in form.indicators[1].doubts
    assert not [f for f in findings if f.code == "S113"]


def test_a_value_left_empty_by_the_filer_stays_the_filers():
    # The same row with an empty annual value cell after the name: the row was not cut.
    form, _ = _form("\t产出指标\t数量指标\t金村镇市政道路面积\t450000平方米\t数量指标\t金村镇市政道路\t\n")
    assert form.indicators[0].value == "" and "value_shifted" not in form.indicators[0].doubts


def test_a_lone_name_repeating_the_other_blocks_name_is_a_name():
    # Seed 003 (人才公寓装修经费): "成本指标 ⇥ 审定预算" with the annual value gone; 审定预算 is short
    # enough to read like a value, but it repeats the period block's name.
    period, annual = split_row(_cells("", "", "成本指标", "审定预算", "", "≤3342495.18元", "成本指标", "审定预算"),
                               annual_col=6)
    assert period.cells["name"].text == "审定预算" and period.cells["value"].text == "≤3342495.18元"
    assert {k: c.text for k, c in annual.cells.items()} == {"name": "审定预算"}


def test_a_lone_short_value_stays_a_value():
    period, annual = split_row(_cells("", "", "时效指标", "动态监管时间", "全天", "时效指标", "全天"), annual_col=5)
    assert {k: c.text for k, c in annual.cells.items()} == {"value": "全天"}


def test_name_and_value_joined_in_both_blocks_are_split():
    # Seed 003 (金村大道…补植工程): "泽州县生态绿化品质 加强" | "泽州县生态绿化 加强".
    form, _ = _form("\t效益指标\t生态效益\t泽州县生态绿化品质 加强\t\t生态效益\t泽州县生态绿化 加强\t\n")
    (ind,) = form.indicators
    assert (ind.name, ind.value, ind.period_value) == ("泽州县生态绿化品质", "加强", "加强")
    assert ind.cell_places["value"].column == ind.cell_places["name"].end_column + 1


def test_a_name_with_a_space_in_one_block_only_is_left_alone():
    period, annual = split_row(_cells("", "效益指标", "社会效益", "提升 城市形象", "提升", "社会效益", "提升 城市形象",
                                      "提升"), annual_col=5)
    assert annual.cells["name"].text == "提升 城市形象" and annual.cells["value"].text == "提升"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("生态绿化品质加强提高 　≥95%年月0")), max_size=16))
def test_split_joined_cuts_only_at_spaces_and_keeps_places(text):
    cell = Cell(text, Place(line=3, column=7, end_line=3, end_column=7 + len(text)))
    got = _split_joined(cell)
    if got is None:
        return
    name, value = got
    assert text.startswith(name.text) and text.endswith(value.text)
    assert text[len(name.text):len(text) - len(value.text)].strip(" \u3000") == ""
    assert text[name.place.column - 7:name.place.end_column - 7] == name.text
    assert text[value.place.column - 7:value.place.end_column - 7] == value.text
