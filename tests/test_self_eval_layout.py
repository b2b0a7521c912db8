"""Layout of self-evaluation forms (issue 5, part 1) on seeds 001 and 002 and a tab-layout
project form of the 财预〔2020〕10号 template."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from checker.layout.budget_numbers import number, ratio_agrees, same_amount, sum_agrees
from checker.layout.self_eval import parse_self_eval
from checker.readers.text import read_text, rows_from_text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def form_from_lines(path: Path, first: int, last: int, year: int):
    """The rows from the title line ``first`` up to ``last`` (1-based, inclusive), parsed."""
    rows = [r for r in read_text(path).grids[0].rows if first <= r.place.line <= last]
    title = rows[0]
    return parse_self_eval(rows[1:], form_id="t#1", title=title.cells[0].text, title_place=title.place, year=year)


def seed001():
    return form_from_lines(next(SAMPLES.glob("001_*.txt")), 192, 475, 2020)


def seed002():
    return form_from_lines(next(SAMPLES.glob("002_*.txt")), 2, 289, 2023)


def test_seed001_money_block_and_breakdown():
    form, findings = seed001()
    assert findings == []
    assert form.kind == "department_self_eval"
    assert form.name == "株洲市渌口区住房和城乡建设局"
    money = form.tables[0]
    assert money.columns == ["项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert [c.text for c in money.rows[0]] == ["年度资金总额", "18926", "18926", "18926", "10", "100", "10"]
    h = form.header
    assert form.budget.amount == Decimal("18926") and form.budget.unit == "万元"
    assert h["spend:基本支出"].money.amount == Decimal("1016")
    assert h["spend:项目支出"].money.amount == Decimal("17910")
    assert h["spend:项目支出"].place.line == 234
    assert h["fund:一般公共预算"].money.amount == Decimal("2396")
    assert h["fund:政府性基金预算"].money.amount == Decimal("16530")
    assert "fund:其他资金" not in h  # written empty: no amount to check


def test_seed001_indicators_weights_and_total():
    form, _ = seed001()
    assert len(form.indicators) == 17
    water = form.indicators[0]
    assert water.path == ["产出指标", "数量指标", "供水率"]
    assert (water.weight, water.score, water.deviation) == ("5", "5", "")
    assert water.place.line == 286
    house = next(i for i in form.indicators if i.name == "危房验收合格率")
    assert (house.value, house.actual, house.level2) == ("100%", "139", "质量指标")
    assert {k: v.raw for k, v in form.level1_weights.items()} == {"产出指标": "50分", "效益指标": "30分", "满意度指标": "10分"}
    assert form.level1_weights["效益指标"].place.line == 402
    assert form.header["total_weight"].raw == "100"
    assert form.total_score.raw == "100" and form.total_score.place.line == 475
    assert form.grade is None


def test_seed002_money_scores_and_grade_from_report_text():
    form, _ = seed002()
    assert form.header["initial_budget"].money.amount == Decimal("5025.23")
    assert form.budget.amount == Decimal("17511.79")
    assert form.header["executed"].raw == "17511.79"
    assert form.header["fund:其他资金"].money.amount == Decimal("316.06")
    assert [c.text for c in form.tables[0].rows[0]][4:] == ["10分", "100%", "10"]
    scores = {i.name: (i.weight, i.score) for i in form.indicators}
    assert scores["环境效益"] == ("5", "4") and scores["民生保障"] == ("5", "4")
    assert len(form.indicators) == 15
    assert form.total_score.raw == "98"
    assert form.grade.raw == "优" and form.grade.place.line == 288


PROJECT = "\n".join(
    [
        "项目支出绩效自评表",
        "（2024年度）",
        "项目名称\t城区道路维护\t\t\t\t\t\t\t",
        "主管部门\t某县住房和城乡建设局\t\t\t\t实施单位\t某县市政所\t\t",
        "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        "\t年度资金总额\t100.00\t120.00\t96.00\t10\t80.00%\t8.00",
        "\t其中：当年财政拨款\t100.00\t120.00\t96.00\t—\t80.00%\t—",
        "\t上年结转资金\t0\t0\t0\t—\t\t—",
        "年度总体目标\t预期目标\t\t\t实际完成情况\t\t\t",
        "\t完成道路维护10公里\t\t\t完成9公里\t\t\t",
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
        "\t产出指标（50分）\t数量指标\t维护道路长度\t≥10公里\t9公里\t25\t20\t雨季延误",
        "\t\t质量指标\t验收合格率\t100%\t100%\t25\t25\t",
        "\t效益指标（30分）\t社会效益指标\t通行条件改善\t改善\t改善\t30\t30\t",
        "满意度指标（10分）\t服务对象满意度指标\t群众满意度\t≥90%\t92%\t10\t10\t",
        "总分\t100\t93\t自评等级\t优",
    ]
)


def test_project_form_in_tab_layout():
    rows = rows_from_text(PROJECT)
    form, findings = parse_self_eval(rows[1:], form_id="p#1", title=rows[0].cells[0].text, title_place=rows[0].place, year=2024)
    assert findings == []
    assert form.kind == "project_self_eval"
    assert form.name == "城区道路维护"
    assert form.header["implementer"].raw == "某县市政所"
    assert form.budget.amount == Decimal("120.00")
    assert form.header["fund:财政拨款"].money.amount == Decimal("120.00")
    assert len(form.tables[0].rows) == 3
    assert form.header["annual_goal"].raw == "完成道路维护10公里"
    road = form.indicators[0]
    assert (road.value, road.actual, road.weight, road.score, road.deviation) == ("≥10公里", "9公里", "25", "20", "雨季延误")
    # a row that lost its empty leading cells is still read by column names
    sat = form.indicators[-1]
    assert sat.path == ["满意度指标", "服务对象满意度指标", "群众满意度"]
    assert (sat.actual, sat.weight, sat.score) == ("92%", "10", "10")
    assert form.level1_weights["满意度指标"].raw == "10分"
    assert form.total_score.raw == "93" and form.header["total_weight"].raw == "100"
    assert form.grade.raw == "优"


def test_no_indicator_table_is_reported_not_dropped():
    rows = rows_from_text("项目支出绩效自评表\n项目名称\t某项目\n")
    form, findings = parse_self_eval(rows[1:], form_id="p#2", title="项目支出绩效自评表", title_place=rows[0].place, year=None)
    assert [f.code for f in findings] == ["X902"]
    assert form.indicators == []


# --------------------------------------------------------------------------- numbers


def test_number_keeps_written_precision():
    assert number("37,494.28") == Decimal("37494.28")
    assert number("6,402.00").as_tuple().exponent == -2
    assert number("１０分") == Decimal("10")
    assert number("100%") == Decimal("100")
    for text in ("", "—", "及时", "16530万", "1.2.3", "≥90%"):
        assert number(text) is None


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_number_round_trips_written_amounts(d):
    text = f"{d:,.2f}"
    assert number(text) == d
    assert number(text + "万元") == d


@given(st.text(max_size=12))
def test_number_never_raises(text):
    n = number(text)
    assert n is None or isinstance(n, Decimal)


@given(
    st.lists(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False), min_size=1, max_size=8)
)
def test_sum_of_rounded_parts_agrees_with_rounded_total(parts):
    exact = [p + Decimal("0.004") for p in parts]  # what the parts were before rounding
    total = sum(exact).quantize(Decimal("0.01"))
    assert sum_agrees(total, parts)
    assert not sum_agrees(total + Decimal(len(parts)) * Decimal("0.01") + Decimal("0.02"), parts)


def test_rates_at_written_precision():
    assert ratio_agrees(Decimal("30.29"), Decimal("11356.37"), Decimal("37494.28"))
    assert ratio_agrees(Decimal("100"), Decimal("17511.79"), Decimal("17511.79"))
    assert not ratio_agrees(Decimal("7.5"), Decimal("1.6"), Decimal("22.85"))
    assert same_amount(Decimal("34932.6"), Decimal("34932.60"))
    assert not same_amount(Decimal("17190"), Decimal("17910"))


def test_money_columns_with_formula_suffixes():
    text = "\n".join([
        "项目支出绩效自评表",
        "项目名称\t污水处理厂运营",
        "项目资金（元）\t\t年初预算数\t全年预算数（A）\t全年执行数（B）\t分值\t执行率（B/A）\t得分",
        "\t年度资金总额\t1,000,000\t1,200,000\t1,140,000\t10\t95%\t9.5",
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
        "\t产出指标\t数量指标\t污水处理量\t≥8000吨/日\t8200吨/日\t90\t90\t",
    ])
    rows = rows_from_text(text)
    form, _ = parse_self_eval(rows[1:], form_id="p#3", title=rows[0].cells[0].text, title_place=rows[0].place, year=2024)
    assert form.tables[0].columns[1:] == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert form.budget.unit == "元" and form.budget.amount == Decimal("1200000")
    assert form.header["executed"].raw == "1,140,000"
