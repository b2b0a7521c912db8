"""The layout's parts on small realistic inputs, with property tests for what parses user input."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout import find_forms
from checker.layout.blocks import split_row, value_like
from checker.layout.header import parse_amount
from checker.layout.segment import title_kind
from checker.layout.table import align_row, read_header
from checker.layout.vocab import header_key, is_value_type, label_level
from checker.model import NOWHERE, Cell, Document, Grid, Place
from checker.readers.text import rows_from_text


def _doc(text: str) -> Document:
    return Document(path="t.txt", kind="text", grids=[Grid(name=None, rows=rows_from_text(text))])


@pytest.mark.parametrize("text,kind", [
    ("2026年项目支出绩效目标表", "project_target"),
    ("2026年项目支出绩效目标申报表", "project_target"),
    ("县(区)级预算部门(单位)整体支出绩效目标申报表", "department_target"),
    ("部门整体支出绩效自评表", "department_self_eval"),
    ("2026年一般公共预算支出预算表（不含上年结转）", "budget_table"),
    ("2026年项目支出预算表（本年预算）", "budget_table"),
    ("部门整体支出绩效自评报告", None),
    ("（项目绩效目标表公开情况见附件）", None),
    ("表一2026年预算收支总表.....", None),
    ("2026年编报部门整体支出绩效目标，涉及部门预算资金41817.28万元。", None),
    ("2026年项目支出绩效目标表（续表）", None),
    ("附件1：2026年部门整体支出绩效目标表", "department_target"),
])
def test_title_kind(text, kind):
    assert title_kind(text) == kind


@pytest.mark.parametrize("text,level,canonical", [
    ("效果指标", 1, "效益指标"), ("满意度", 1, "满意度指标"), ("产出指标(50分)", 1, "产出指标"),
    ("环境效益", 2, "生态效益指标"), ("经济成本指 标", 2, "经济成本指标"),
    ("社会公众或服务对象满意度", 2, "服务对象满意度指标"), ("可持续发展影响", 2, "可持续影响指标"),
    ("服务对象满 意度", 2, "服务对象满意度指标"),
])
def test_label_levels_and_synonyms(text, level, canonical):
    lab = label_level(text)
    assert (lab.level, lab.canonical) == (level, canonical)


def test_names_are_not_labels():
    assert label_level("群众满意度") is None and label_level("污水处理量") is None
    assert is_value_type("≧") and is_value_type("定性") and not is_value_type("及时")


@pytest.mark.parametrize("label,key,unit", [
    ("项目资金(元)", None, "元"), ("年度预算申请（万元）", "budget_total", "万元"),
    ("年度本级 预算金额", "budget_total", None), ("其中:中央财政资金", "fund:中央财政资金", None),
    ("市县(区)财政资金", "fund:市县财政资金", None), ("政府性基金拨款", "fund:政府性基金预算", None),
    ("实施期资金总额:", "period_total", None), ("其中： 基本支出", "spend:基本支出", None),
])
def test_header_labels(label, key, unit):
    assert header_key(label) == (key, unit)


def _cells(*texts):
    return [(i, Cell(t, Place(line=1, column=i + 1))) for i, t in enumerate(texts) if t]


def test_align_row_recovers_a_row_shifted_left():
    header = read_header(rows_from_text("一级指标\t二级指标\t三级指标\t指标值类型\t指标值\t度量单位\t备注")[0])
    al = align_row(_cells("审查完成时间", "", "≦", "10", "日", "", ""), header.roles)
    assert {k: c.text for k, c in al.cells.items()} == {"name": "审查完成时间", "value_type": "≦", "value": "10", "unit": "日"}
    assert al.shifted and not al.dropped


def test_align_row_keeps_an_aligned_row_as_is():
    header = read_header(rows_from_text("\t一级指标\t二级指标\t三级指标\t指标值\t度量单位\t指标值类型\t备注")[0])
    al = align_row(_cells("", "产出指标", "数量指标", "污水处理量", "720", "万吨", "≥", ""), header.roles)
    assert not al.shifted and al.cells["value_type"].text == "≥" and al.cells["level1"].text == "产出指标"


def test_split_row_pairs_blocks():
    period, annual = split_row(_cells("", "产出指标", "数量指标", "扬尘污染防治视频监控", "≥178平方米",
                                      "数量指标", "扬尘污染防治视", "≥178平方米"), annual_col=5)
    assert period.level1.text == "产出指标" and period.cells["value"].text == "≥178平方米"
    assert annual.level2.text == "数量指标" and annual.cells["name"].text == "扬尘污染防治视"


PROJECT = """2026年项目支出绩效目标表

金额单位：万元

项目名称\t测试项目
年度本级预算金额\t{budget}\t项目类别\t特定类项目
本年度绩效指标\t{header}
{rows}
填报人：张三
"""
COLUMNS = ["一级指标", "二级指标", "三级指标", "指标值", "度量单位", "指标值类型"]
ROWS = [
    ("产出指标", "数量指标", "污水处理量", "720", "万吨", "≥"),
    ("", "质量指标", "污水处理率", "95", "%", "≥"),
    ("效益指标", "社会效益", "改善水质", "改善", "", "定性"),
    ("成本指标", "经济成本指标", "运营资金投入", "1500", "万元", "="),
]


@settings(max_examples=30, deadline=None)
@given(tail=st.permutations([3, 4, 5]), budget=st.decimals(min_value=0, max_value=10**7, places=2))
def test_any_column_order_gives_the_same_indicators(tail, budget):
    # 一级/二级/三级指标 keep their order in every template; 指标值, 度量单位 and 指标值类型 move.
    order = [0, 1, 2, *tail]
    text = PROJECT.format(budget=budget, header="\t".join(COLUMNS[i] for i in order),
                          rows="\n".join("\t" + "\t".join(r[i] for i in order) for r in ROWS))
    filing = find_forms(_doc(text))
    (form,) = filing.forms
    assert form.budget.amount == budget and form.budget.unit == "万元"
    got = [(i.level1, i.level2, i.name, i.value, i.unit, i.value_type) for i in form.indicators]
    carried = [("产出指标",) + ROWS[0][1:], ("产出指标",) + ROWS[1][1:], ROWS[2], ROWS[3]]
    assert got == carried
    assert not filing.findings


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(
    ["", "产出指标", "数量指标", "三级指标", "指标值", "≥", "95", "%", "项目名称", "2026年项目支出绩效目标表",
     "金额单位：万元", "年度资金总额:", "100,000", "实施期目标", "年度目标", "负责人:", "群众满意度", "x" * 30]),
    max_size=9), max_size=30))
def test_find_forms_never_raises(lines):
    text = "\n".join("\t".join(cells) for cells in lines)
    filing = find_forms(_doc(text))
    for x in filing.findings:
        # X903: rows before any title read on the template's columns (layout/untitled.py)
        assert x.code in {"X901", "X902", "X903", "S113"} and set(x.message) == {"zh", "en"}


@given(st.decimals(min_value=0, max_value=10**9, places=2), st.sampled_from(["元", "万元"]))
def test_amounts_with_thousands_separators(amount, unit):
    raw = f"{amount:,}"
    money = parse_amount(raw, unit, NOWHERE)
    assert money.amount == amount and money.unit == unit and money.raw == raw


def test_amount_unit_written_in_the_text_wins():
    assert parse_amount("16530万", "元", NOWHERE).unit == "万元"
    assert parse_amount("100,000", None, NOWHERE) is None  # no unit known: not guessed
    assert parse_amount("按收入性质分", "万元", NOWHERE) is None


@given(st.text(max_size=12))
def test_value_like_is_total(text):
    assert value_like(text) in (True, False)


def test_indicator_table_before_any_title_is_x901():
    filing = find_forms(_doc("一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t污水处理量\t≥720万吨\n"))
    assert not filing.forms
    (x,) = filing.findings
    assert (x.code, x.severity, x.place.line) == ("X901", "error", 1)


def test_a_cell_that_fits_no_column_is_x901_not_dropped():
    text = PROJECT.format(budget="20", header="一级指标\t二级指标\t三级指标\t指标值类型\t指标值",
                          rows="\t产出指标\t数量指标\t施工图审量\t≥\t15\t个\t备用\t多余\t再多余")
    filing = find_forms(_doc(text))
    (x,) = [x for x in filing.findings if x.code == "X901"]
    assert x.place.line == 8 and "再多余" in x.message["zh"] and x.row_text.endswith("再多余")


def test_form_without_indicator_table_is_x902():
    filing = find_forms(_doc("2026年项目支出绩效目标表\n\n项目名称\t测试项目\n年度本级预算金额\t20\n"))
    (x,) = filing.findings
    assert (x.code, x.severity, x.form) == ("X902", "warning", "t.txt#1")
    assert filing.forms[0].header["project_name"].raw == "测试项目"
    assert filing.forms[0].budget is None  # no unit line, no unit in the label: not guessed


def test_one_year_project_blocks_disagree_s113():
    text = """项目支出绩效目标表
(2026年度)
项目名称\t测试项目
项目属性\t一次性项目(1年结束)\t项目期\t1年
项目资金(元)\t实施期资金总额:\t100,000\t年度资金总额:\t100,000
实施期目标\t\t年度目标
绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t二级指标\t三级指标\t指标值
\t产出指标\t数量指标\t维修道路长度\t≥10公里\t数量指标\t维修道路\t≥8公里
\t\t质量指标\t验收合格率\t100%\t质量指标\t验收合格率\t100%
满意度指标\t服务对象满意度\t群众满意度\t≥90%\t服务对象满意度\t群众满意度\t≥90%
"""
    filing = find_forms(_doc(text))
    (form,) = filing.forms
    assert form.year == 2026 and form.budget.amount == Decimal("100000") and form.budget.unit == "元"
    road = form.indicators[0]
    assert (road.name, road.value, road.period_value, road.block) == ("维修道路长度", "≥8公里", "≥10公里", "annual")
    assert "name_truncated" in road.doubts
    (x,) = filing.findings
    assert (x.code, x.severity, x.place.line) == ("S113", "warning", 8)
    assert x.data == {"period_value": "≥10公里", "annual_value": "≥8公里"}
    assert [(i.level1, i.level2) for i in form.indicators][2] == ("满意度指标", "服务对象满意度")


def test_a_second_table_without_its_title_is_x901():
    text = PROJECT.format(budget="20", header="一级指标\t二级指标\t三级指标\t指标值",
                          rows="\t产出指标\t数量指标\t施工图审量\t≥15个\n负责人:\t经办人:\n"
                               "项目名称\t另一个项目\n本年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n"
                               "\t产出指标\t数量指标\t道路长度\t≥2公里")
    filing = find_forms(_doc(text))
    (form,) = filing.forms
    assert [i.name for i in form.indicators] == ["施工图审量"]
    (x,) = filing.findings
    assert (x.code, x.place.line, x.form) == ("X901", 11, "t.txt#1")


def test_labels_repeated_on_every_row_make_one_group():
    # A spreadsheet reader fills merged cells: the level-1/level-2 labels repeat on each row.
    text = PROJECT.format(budget="20", header="一级指标\t二级指标\t三级指标\t指标值",
                          rows="\t产出指标\t数量指标\t道路长度\t≥2公里\n\t产出指标\t数量指标\t桥梁数量\t≥1座\n"
                               "\t产出指标\t质量指标\t验收合格率\t100%")
    form = find_forms(_doc(text)).forms[0]
    assert [(g.level2, g.count) for g in form.level2_groups] == [("数量指标", 2), ("质量指标", 1)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["", "产出指标", "数量指标", "污水处理量", "≥", "定性", "95", "%", "万吨",
                                 "改善", "社会成本指标", "说明文字", "满意度"]), max_size=10))
def test_align_row_places_or_reports_every_cell(texts):
    header = read_header(rows_from_text("\t一级指标\t二级指标\t三级指标\t指标值\t度量单位\t指标值类型\t备注")[0])
    cells = _cells(*texts)
    al = align_row(cells, header.roles)
    placed = [c for c in al.cells.values()] + al.dropped
    assert sorted(id(c) for c in placed) == sorted(id(c) for _, c in cells)
    cols = [next(i for i, c in cells if c is cell) for cell in al.cells.values()]
    order = [next(k for k, (_, r) in enumerate(header.roles) if r == role) for role in al.cells]
    assert [c for _, c in sorted(zip(order, cols))] == sorted(cols)  # cells keep their order


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["", "产出指标", "数量指标", "扬尘污染防治视频监控", "扬尘污染防治视", "≥178平方米",
                                 "稳定", "成本指标", "经济效益", "群众满意度", "≥95%"]), max_size=12),
       st.integers(min_value=2, max_value=8))
def test_split_row_keeps_every_cell_once(texts, annual_col):
    cells = _cells(*texts)
    halves = split_row(cells, annual_col)
    got = []
    for h in halves:
        got += [c for c in (h.level1, h.level2) if c is not None] + list(h.cells.values()) + h.extra_labels + h.dropped
    kept = {id(c) for c in got}
    for k, (i, c) in enumerate(cells):  # every cell is kept, unless it repeats its left neighbour
        assert id(c) in kept or (k and cells[k - 1][0] == i - 1 and cells[k - 1][1].text == c.text)
    assert len(kept) == len(got)


def test_pipe_rows_and_sichuan_style_columns():
    # A PDF extraction with pipes; 指标性质 holds the comparator (Sichuan), amounts in 元.
    text = """附件2
2026年度项目支出绩效目标申报表
单位：元
| 项目名称 | 农村公路养护 | 主管部门 | 交通运输局 |
| 年度预算金额 | 1,500,000 | 其中：财政拨款 | 1,200,000 |
| 年度绩效目标 | 完成农村公路日常养护 |
| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |
| 产出指标 | 数量指标 | 养护里程 | ≥ | 320 | 公里 |
|  | 时效指标 | 完成时间 | ≤ | 12 | 月 |
| 效益指标 | 社会效益指标 | 群众出行条件 | 定性 | 改善 |  |
| 满意度指标 | 服务对象满意度指标 | 沿线群众满意度 | ≥ | 90 | % |
| 成本指标 | 经济成本指标 | 养护成本 | ≤ | 150 | 万元 |
"""
    filing = find_forms(_doc(text))
    (form,) = filing.forms
    assert (form.kind, form.year) == ("project_target", 2026)
    assert form.budget.amount == Decimal("1500000") and form.budget.unit == "元"
    assert form.header["fund:财政拨款"].money.amount == Decimal("1200000")
    assert form.header["annual_goal"].raw == "完成农村公路日常养护"
    got = [(i.level1, i.level2, i.name, i.value_type, i.value, i.unit) for i in form.indicators]
    assert got[1] == ("产出指标", "时效指标", "完成时间", "≤", "12", "月")
    assert got[-1] == ("成本指标", "经济成本指标", "养护成本", "≤", "150", "万元")
    assert not filing.findings


def test_a_failing_form_reader_is_a_finding_not_a_traceback(monkeypatch):
    import checker.layout as layout

    def broken(rows, **kw):
        raise ValueError("unexpected row")

    monkeypatch.setattr(layout, "_optional", lambda module, func: broken)
    filing = find_forms(_doc("部门整体支出绩效自评表\n预算部门名称\t某局\n"))
    (form,) = filing.forms
    assert form.kind == "department_self_eval" and form.header["department_name"].raw == "某局"
    (x,) = filing.findings
    assert x.code == "X901" and "unexpected row" in x.message["en"]
