"""Target forms in templates the seeds do not show (other provinces, the central template, older
budget years), read by the same layout: header fields, columns mapped by their names, levels
written with numbers or synonyms. Each fixture in tests/fixtures/provinces/ is written as a
filer's form looks once extracted (tab-separated text); the same form one cell per line and as an
.xlsx with merged cells must read alike.

What the checker must find on each is listed with it: a correct form gets no error, and nothing
of the form is dropped in silence (X901/X902 when it cannot be placed).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from checker.layout import find_forms
from checker.readers import read

from support import check_path, text_filing

HERE = Path(__file__).parent / "fixtures" / "provinces"


def _forms(name: str):
    filing = find_forms(read(str(HERE / name)))
    return filing.forms, filing.findings


def _forms_of_text(text: str):
    filing = text_filing(text)
    return filing.forms, filing.findings


def _findings(path: Path) -> list[tuple[str, str, str]]:
    """(code, severity, form number) of every finding of a full check."""
    return [(f.code, f.severity, (f.form or "").rsplit("#", 1)[-1]) for f in check_path(path)]


def _rows(form) -> list[tuple[str, str, str, str, str, str]]:
    return [(i.level1, i.level2, i.name, i.value, i.unit, i.value_type) for i in form.indicators]


def _money(form, key: str) -> tuple[Decimal, str] | None:
    fld = form.header.get(key)
    return (fld.money.amount, fld.money.unit) if fld is not None and fld.money is not None else None


# --------------------------------------------------------------------------- central template


def test_central_template_reads_header_blocks_and_both_goals():
    # 财预〔2015〕88号 附件: 主管部门及代码, 中期/年度资金总额 side by side with their sources, and
    # 总体目标 with 中长期目标 and 年度目标 captions over the goal texts.
    (form,), findings = _forms("central_88.txt")
    assert form.kind == "project_target" and form.year == 2020
    assert form.header["competent_department"].raw == "水利部（126）"
    assert form.header["implementing_unit"].raw == "农村水利水电司"
    assert _money(form, "period_total") == (Decimal("3000"), "万元")  # 项目资金（万元）gives the unit
    assert _money(form, "budget_total") == (Decimal("1000"), "万元")
    assert _money(form, "fund:财政拨款") == (Decimal("900"), "万元")  # the annual block's, right of the period's
    assert form.header["annual_goal"].raw.startswith("目标1：完成120处")
    assert form.has_period_block and findings == []


def test_central_template_pairs_the_blocks_and_keeps_cost_under_output_before_2022():
    (form,), _ = _forms("central_88.txt")
    rows = {i.name: (i.level1, i.level2, i.value, i.period_value) for i in form.indicators}
    assert rows["改造供水工程数量"] == ("产出指标", "数量指标", "≥120处", "≥360处")
    # 成本指标 in the 二级指标 column of a 2020 form is the old level-2 under 产出指标.
    assert rows["单处工程补助标准"] == ("产出指标", "成本指标", "≤25万元", "≤25万元")
    assert rows["受益群众满意度"][:2] == ("满意度指标", "服务对象满意度指标")
    assert _findings(HERE / "central_88.txt") == [("S103", "info", "1")]


def test_compact_two_value_columns_carry_the_period_value():
    # 中长期指标值 ⇥ 年度指标值 in one table: the second value column is the annual one.
    (form,), findings = _forms("two_value_columns.txt")
    assert findings == []
    ind = form.indicators[0]
    assert (ind.name, ind.value, ind.period_value, ind.unit) == ("整治河道长度", "≥10", "≥30", "公里")
    assert form.has_period_block
    assert _money(form, "period_total") == (Decimal("900"), "万元")


# --------------------------------------------------------------------------- Sichuan / Chongqing

SICHUAN_ROWS = [
    ("产出指标", "数量指标", "新建高标准农田面积", "1", "万亩", "≥"),
    ("产出指标", "质量指标", "工程验收合格率", "95", "%", "≥"),
    ("产出指标", "时效指标", "项目完成时间", "12", "月", "≤"),
    ("成本指标", "经济成本指标", "亩均财政投入", "850", "元/亩", "≤"),
    ("效益指标", "经济效益指标", "亩均粮食增产", "50", "公斤", "≥"),
    ("效益指标", "生态效益指标", "节水灌溉", "有效节约农业用水", "", "定性"),
    ("满意度指标", "服务对象满意度指标", "项目区群众满意度", "90", "%", "≥"),
]


def _one_cell_per_line(text: str) -> str:
    """The same form as Word exports it one cell per line (seeds 001, 002): a blank line, then
    each cell of a row on a tab-led line; a title stays a plain line."""
    out = []
    for line in text.splitlines():
        out.append("")
        out += [line] if "\t" not in line else ["\t" + c for c in line.split("\t")]
    return "\n".join(out) + "\n"


def test_sichuan_value_type_column_holds_the_comparator():
    (form,), findings = _forms("sichuan.txt")
    assert _rows(form) == SICHUAN_ROWS and findings == []
    # "金额单位：万元" stands on the 填报单位 row, not on a line of its own.
    assert _money(form, "budget_total") == (Decimal("850"), "万元")
    assert _money(form, "fund:其他资金") == (Decimal("50"), "万元")
    assert _findings(HERE / "sichuan.txt") == []


def test_sichuan_one_cell_per_line_reads_the_same(tmp_path):
    path = tmp_path / "sichuan_cpl.txt"
    path.write_text(_one_cell_per_line((HERE / "sichuan.txt").read_text(encoding="utf-8")), encoding="utf-8")
    filing = find_forms(read(str(path)))
    (form,) = filing.forms
    assert _rows(form) == SICHUAN_ROWS and filing.findings == []
    assert _money(form, "budget_total") == (Decimal("850"), "万元")


def _sichuan_xlsx(path: Path, title_row: list) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    rows = [
        title_row,
        ["项目名称", "城市公交运营补贴", None, None, None, None, None],
        ["主管部门", "某市交通运输局", None, "实施单位", "某市公交集团", None, None],
        ["项目资金", "年度资金总额", 2500, None, None, None, None],
        [None, "其中：财政拨款", 2500, None, None, None, None],
        ["年度绩效目标", "保障城市公交正常运营，降低群众出行成本。", None, None, None, None, None],
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重"],
        ["产出指标", "数量指标", "公交线路运营条数", "≥", 45, "条", 20],
        [None, "质量指标", "准点率", "≥", 0.95, "%", 15],
        [None, "时效指标", "补贴资金拨付时间", "≤", 12, "月", 10],
        ["成本指标", "经济成本指标", "运营补贴标准", "≤", 2500, "万元", 10],
        ["效益指标", "社会效益指标", "公交出行分担率", "≥", 0.3, "%", 15],
        [None, "可持续影响指标", "公交服务长效机制", "定性", "持续运行", None, 10],
        ["满意度指标", "服务对象满意度指标", "乘客满意度", "≥", 0.9, "%", 20],
    ]
    for r in rows:
        ws.append(r)
    # Merged as filers' spreadsheets are: the title over the table, labels down their rows.
    for ref in ["A1:E1", "B2:G2", "B3:C3", "E3:G3", "A4:A5", "B6:G6", "A8:A10", "A12:A13"]:
        ws.merge_cells(ref)
    for r in (9, 12, 14):
        ws.cell(row=r, column=5).number_format = "0%"
    wb.save(path)


@pytest.mark.parametrize("title_row", [
    ["2026年度项目支出绩效目标表", None, None, None, None, None, None],
    # The unit beside the merged title, on the title's row.
    ["2026年度项目支出绩效目标表", None, None, None, None, "单位：万元", None],
])
def test_sichuan_spreadsheet_with_merged_cells(tmp_path, title_row):
    path = tmp_path / "sichuan.xlsx"
    _sichuan_xlsx(path, title_row)
    filing = find_forms(read(str(path)))
    (form,) = filing.forms
    assert form.kind == "project_target" and form.year == 2026 and filing.findings == []
    assert _rows(form)[1] == ("产出指标", "质量指标", "准点率", "95%", "%", "≥")
    assert _rows(form)[5] == ("效益指标", "可持续影响指标", "公交服务长效机制", "持续运行", "", "定性")
    assert form.header["implementing_unit"].raw == "某市公交集团"
    expected = (Decimal("2500"), "万元") if "单位：万元" in title_row else None
    assert _money(form, "budget_total") == expected  # no unit anywhere: not guessed
    assert _findings(path) == []


def test_chongqing_comparator_inside_the_value_and_quantitative_type():
    (form,), findings = _forms("chongqing.txt")
    assert findings == []
    assert _rows(form)[0] == ("产出指标", "数量指标", "资助参保人数", "≥12000", "人", "定量")
    assert _rows(form)[4] == ("效益指标", "社会效益指标", "困难群众医疗负担", "有效减轻", "", "定性")
    assert form.header["competent_department"].raw == "某区医疗保障局"  # 预算部门
    assert _findings(HERE / "chongqing.txt") == []


# --------------------------------------------------------------------------- note-like columns


def test_notes_explanations_scoring_and_direction_columns():
    # 指标方向 (正向/反向) ⇥ … ⇥ 计量单位 ⇥ 指标值说明 ⇥ 指标解释 ⇥ 评（扣）分标准 ⇥ 备注: two note columns
    # are not a second, side-by-side block, and 正向 is not a value type.
    (form,), findings = _forms("notes_direction.txt")
    assert findings == [] and not form.has_period_block
    first = form.indicators[0]
    assert (first.level2, first.name, first.value, first.unit, first.value_type) == \
        ("数量指标", "大气监测站点运维数量", "≥12", "个", "")
    assert first.note == "正向；全年运维站点；纳入运维合同的站点数；每少1个扣1分"
    assert form.indicators[2].note == "反向；超支不得分"
    assert form.indicators[3].note == "正向；省考核目标"  # 备注 after three empty note columns
    assert _findings(HERE / "notes_direction.txt") == [("S105", "warning", "1")]  # no 时效指标: true


# --------------------------------------------------------------------------- department form


def test_department_form_with_task_amounts_and_budget_beside_sources():
    (form,), findings = _forms("department_list.txt")
    assert form.kind == "department_target" and findings == []
    assert form.header["department_name"].raw == "某县教育局"
    got = {k: _money(form, k)[0] for k in ("budget_total", "fund:财政拨款", "fund:其他资金",
                                           "spend:基本支出", "spend:项目支出")}
    assert got == {"budget_total": 2000, "fund:财政拨款": 1800, "fund:其他资金": 200,
                   "spend:基本支出": 1200, "spend:项目支出": 800}
    # The sums hold (no M301/M302); the form truly lacks 成本指标 (2026).
    assert _findings(HERE / "department_list.txt") == [("S103", "error", "1")]


# --------------------------------------------------------------------------- titles and units


def test_titles_written_otherwise_and_a_continued_table():
    forms, findings = _forms("titles_yuan.txt")
    assert [(f.kind, f.year, len(f.indicators)) for f in forms] == \
        [("project_target", 2025, 6), ("department_target", 2025, 4)]
    assert findings == []
    # "项目支出绩效目标表（续）" continues the form above it; its header row repeats.
    assert [i.name for i in forms[0].indicators][2:4] == ["送戏下乡经费", "场馆免费开放补助"]
    assert _money(forms[0], "budget_total") == (Decimal("1200000"), "元")  # 金额单位：元 beside the filer
    assert _money(forms[1], "budget_total") == (Decimal("680.5"), "万元")  # 资金总额（万元）


def test_amounts_in_yuan_are_compared_with_cost_rows_in_yuan(tmp_path):
    assert not any(c == "M303" for c, *_ in _findings(HERE / "titles_yuan.txt"))
    text = (HERE / "titles_yuan.txt").read_text(encoding="utf-8").replace("≤400000", "≤300000")
    path = tmp_path / "short.txt"
    path.write_text(text, encoding="utf-8")
    assert ("M303", "warning", "1") in _findings(path)  # 110万 of cost rows under a 120万 budget


def test_title_with_the_unit_on_its_row_and_a_table_without_header_row():
    (form,), findings = _forms("headless_title_unit.txt")
    assert form.year == 2026 and findings == []
    assert _money(form, "budget_total") == (Decimal("120"), "万元")
    assert _rows(form)[0] == ("产出指标", "数量指标", "服务老人人数", "≥500人", "", "")
    assert len(form.indicators) == 5


# --------------------------------------------------------------------------- levels


def test_numbered_and_older_level_names():
    (old, numbered), findings = _forms("legacy_levels.txt")
    assert findings == []
    assert [(i.level1, i.level2) for i in old.indicators][::3] == \
        [("产出指标", "产出数量"), ("产出指标", "产出成本"), ("效果指标", "生态效益")]
    assert [(i.level1, i.level2) for i in numbered.indicators] == [
        ("产出指标", "数量"), ("产出指标", "质量"), ("产出指标", "时效"), ("产出指标", "成本指标"),
        ("效益指标", "社会效益"), ("满意度指标", "服务对象满意度")]
    assert numbered.year == 2020  # no year in its title: the document's
    # 项目资金总额 of a one-block form is the year's budget.
    assert _money(old, "budget_total") == (Decimal("260"), "万元")
    assert _money(numbered, "budget_total") == (Decimal("50"), "万元")  # "50 ⇥ （万元）"
    # Only the old placement of 成本 under 产出 (info, 2020): no S104 for 一、产出指标 or 产出数量.
    codes = _findings(HERE / "legacy_levels.txt")
    assert ("S104", "error") not in {(c, s) for c, s, _ in codes}
    assert codes == [("S103", "info", "1"), ("S103", "info", "2")]


# --------------------------------------------------------------------------- unreadable parts


def test_a_form_without_an_indicator_table_says_so():
    forms, findings = _forms_of_text("项目支出绩效目标表\n（2026年度）\n项目名称\t某项目\n年度资金总额（万元）\t10\n")
    assert len(forms) == 1 and [f.code for f in findings] == ["X902"]


def test_a_cell_that_fits_no_column_is_reported_not_dropped():
    text = ("项目支出绩效目标表\n单位：万元\n项目名称\t某项目\n年度资金总额\t10\n"
            "一级指标\t二级指标\t三级指标\t指标值\t计量单位\n"
            "产出指标\t数量指标\t服务人数\t≥500\t人\t≥600\t≥700\n填报人：张三\n")
    (form,), findings = _forms_of_text(text)
    assert [i.name for i in form.indicators] == ["服务人数"]
    assert [f.code for f in findings] == ["X901"] and "≥" in findings[0].message["zh"]


def test_department_budget_grid_before_a_task_table_with_amounts():
    # 预算情况: labels over amounts; then 年度主要任务 with a 预算金额（万元）column whose first task's
    # amount must not replace the department's total (a false M301/M302 before).
    (form,), findings = _forms("department_grid.txt")
    assert findings == []
    got = {k: _money(form, k)[0] for k in ("budget_total", "fund:财政拨款", "fund:其他资金",
                                           "spend:基本支出", "spend:项目支出")}
    assert got == {"budget_total": 5600, "fund:财政拨款": 5200, "fund:其他资金": 400,
                   "spend:基本支出": 3100, "spend:项目支出": 2500}
    assert _findings(HERE / "department_grid.txt") == []


def test_central_department_form_takes_its_budget_from_the_task_tables_total_row():
    # 财预〔2015〕88号 附件2: no 资金总额 block; 预算申请 over 总额 ⇥ 财政拨款 ⇥ 其他资金, one row per
    # task, then 金额合计. The total row gives the form's figures, not the first task's (1200/1000),
    # and the form has its budget amount (no S111).
    (form,), findings = _forms("central_department.txt")
    assert findings == [] and form.kind == "department_target" and form.year == 2020
    got = {k: _money(form, k) for k in ("budget_total", "fund:财政拨款", "fund:其他资金")}
    assert got == {"budget_total": (Decimal("1500"), "万元"), "fund:财政拨款": (Decimal("1300"), "万元"),
                   "fund:其他资金": (Decimal("200"), "万元")}
    assert [c for c, _, _ in _findings(HERE / "central_department.txt")] == ["S103"]  # 成本 under 产出 in 2020


def test_a_total_row_without_captioned_task_columns_is_not_read_as_the_budget():
    # The 预算金额 caption over tasks gave no figure (the 预算情况 block did): 合计 of the tasks
    # (2500, the 项目支出 only) must not replace the department's 5600.
    text = (HERE / "department_grid.txt").read_text(encoding="utf-8").replace(
        "年度绩效目标", "金额合计\t\t\t2500\t\t\n年度绩效目标", 1)
    (form,), _ = _forms_of_text(text)
    assert _money(form, "budget_total") == (Decimal("5600"), "万元")


SOURCES_ONLY = """2026年项目支出绩效目标表
单位：万元
项目名称\t某镇农村公路养护
年度本级预算金额\t财政拨款\t200\t其他资金\t{other}
年度绩效目标\t完成农村公路养护50公里。
一级指标\t二级指标\t三级指标\t指标值\t单位
产出指标\t数量指标\t养护公路里程\t≥50\t公里
成本指标\t经济成本指标\t养护费用\t≤300\t万元
"""


def test_a_budget_written_only_by_its_sources_is_their_sum():
    # The label 年度本级预算金额 with its sources beside it and no total: the budget is stated
    # (no S111) and is 200 + 0, so the 300 万元 of costs is over it (M303 found, not lost).
    (form,), _ = _forms_of_text(SOURCES_ONLY.format(other="0"))
    assert _money(form, "budget_total") == (Decimal("200"), "万元")
    assert form.header["budget_total"].label == "财政拨款 + 其他资金"
    (form,), _ = _forms_of_text(SOURCES_ONLY.format(other="150"))
    assert _money(form, "budget_total") == (Decimal("350"), "万元")


def test_a_written_total_is_never_replaced_by_the_sources_sum():
    text = SOURCES_ONLY.format(other="0").replace("年度本级预算金额\t", "年度本级预算金额\t180\t")
    (form,), _ = _forms_of_text(text)
    assert _money(form, "budget_total") == (Decimal("180"), "万元")


def test_a_header_of_two_rows_splits_the_value_into_period_and_annual():
    # 指标值 over 中长期 ⇥ 年度: the second row is part of the header, not an indicator.
    (form,), findings = _forms("two_row_header.txt")
    assert findings == [] and form.has_period_block
    assert [(i.name, i.value, i.period_value, i.unit) for i in form.indicators][::2] == [
        ("整治河道长度", "≥10", "≥30", "公里"), ("每公里整治成本", "≤30", "≤30", "万元/公里"),
        ("沿岸群众满意度", "≥90", "≥90", "%")]


def test_central_template_as_a_spreadsheet_with_merged_cells(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    text = (HERE / "central_88.txt").read_text(encoding="utf-8").splitlines()
    wb = openpyxl.Workbook()
    ws = wb.active
    for line in text[1:]:  # the "附件2" line stays in the Word file
        if line.strip():
            ws.append([None if c == "" else (int(c) if c.isdigit() else c) for c in line.split("\t")])
    # Merged as the template is: title, labels down their rows (项目资金 over three rows, 总体目标
    # over two, 绩效指标 down the table, 产出指标 over its four rows).
    for ref in ["A1:H1", "A2:H2", "A6:A8", "A9:A10", "A11:A18", "B12:B15"]:
        ws.merge_cells(ref)
    path = tmp_path / "central.xlsx"
    wb.save(path)
    filing = find_forms(read(str(path)))
    (form,) = filing.forms
    assert filing.findings == [] and form.year == 2020
    assert _money(form, "budget_total") == (Decimal("1000"), "万元")
    assert _money(form, "period_total") == (Decimal("3000"), "万元")
    assert form.header["annual_goal"].raw.startswith("目标1：完成120处")
    assert [(i.level1, i.level2, i.name, i.value, i.period_value) for i in form.indicators][3] == \
        ("产出指标", "成本指标", "单处工程补助标准", "≤25万元", "≤25万元")
    assert len(form.indicators) == 7


def test_central_template_one_cell_per_line(tmp_path):
    path = tmp_path / "central_cpl.txt"
    path.write_text(_one_cell_per_line((HERE / "central_88.txt").read_text(encoding="utf-8")), encoding="utf-8")
    filing = find_forms(read(str(path)))
    (form,) = filing.forms
    expected, _ = _forms("central_88.txt")
    assert filing.findings == []
    assert [(i.path, i.value, i.period_value) for i in form.indicators] == \
        [(i.path, i.value, i.period_value) for i in expected[0].indicators]
    assert {k: f.raw for k, f in form.header.items()} == {k: f.raw for k, f in expected[0].header.items()}


def test_the_year_beside_the_unit_under_the_title():
    (form,), _ = _forms_of_text("项目支出绩效目标表\n（2027年度）\t\t\t单位：万元\n项目名称\t某项目\n"
                                "年度资金总额\t2026\n")
    assert form.year == 2027 and _money(form, "budget_total") == (Decimal("2026"), "万元")
    (form,), _ = _forms_of_text("项目支出绩效目标表\n项目名称\t某项目\t单位：万元\n年度资金总额\t2026\n")
    assert form.year is None  # an amount of 2026 is no budget year


def test_header_labels_worded_otherwise_and_a_fiscal_subtotal():
    # 项目名称（全称）, 项目周期, 年度预算（万元）, 自有资金, 绩效目标; 财政拨款 120 = 一般公共预算 100 +
    # 政府性基金预算 20 is their subtotal, not a third source (a false M301 of 270 ≠ 150 before).
    (form,), findings = _forms("labels_variants.txt")
    assert findings == []
    assert form.header["project_name"].raw == "乡村学校少年宫运行补助"
    assert form.header["period"].raw == "2026年1月-2026年12月"
    assert form.header["annual_goal"].raw.startswith("保障30所")
    sources = {k: _money(form, k)[0] for k in form.header if k.startswith("fund:")}
    assert sources == {"fund:一般公共预算": 100, "fund:政府性基金预算": 20, "fund:单位资金": 30}
    assert _money(form, "subtotal:财政拨款") == (Decimal("120"), "万元")
    assert _findings(HERE / "labels_variants.txt") == [("S105", "warning", "1")]  # no 质量指标: true


def test_a_financial_allocation_that_is_not_the_sum_of_its_parts_stays_a_source():
    text = ("部门整体支出绩效目标表\n单位：万元\n部门名称\t某局\n资金总额\t2000\n其中：财政拨款\t1800\n"
            "一般公共预算\t1500\n其他资金\t200\n")
    (form,), _ = _forms_of_text(text)
    assert _money(form, "fund:财政拨款") == (Decimal("1800"), "万元") and "subtotal:财政拨款" not in form.header


def test_a_title_broken_over_two_lines_and_weights_after_level_labels():
    # A PDF export breaks a long title; a template writes each level-1's weight beside it.
    text = ("2026年度某县农业农村局项目支出\n绩效目标表\n单位：万元\n项目名称\t某项目\n年度资金总额\t10\n"
            "年度绩效目标\t完成任务。\n一级指标\t二级指标\t三级指标\t指标值\n"
            "产出指标（40%）\t数量指标\t培训人次\t≥100人次\n"
            "效益指标（权重30）\t社会效益指标\t技能提升\t明显\n填报人：张三\n")
    (form,), findings = _forms_of_text(text)
    assert form.title == "2026年度某县农业农村局项目支出绩效目标表" and form.year == 2026 and findings == []
    assert [(i.level1, i.level2) for i in form.indicators] == [("产出指标", "数量指标"), ("效益指标", "社会效益指标")]
    # A line before a whole title is not joined to it.
    forms, _ = _forms_of_text("填报单位：某局\n项目支出绩效目标表\n项目名称\t某项目\n")
    assert [f.title for f in forms] == ["项目支出绩效目标表"]


def test_chongqing_form_as_a_word_document_with_merged_cells(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("2026年度项目绩效目标申报表")
    d.add_paragraph("金额单位：万元")
    rows = [line.split("\t") for line in (HERE / "chongqing.txt").read_text(encoding="utf-8").splitlines()[2:]]
    width = max(len(r) for r in rows)
    table = d.add_table(rows=len(rows), cols=width)
    for i, r in enumerate(rows):
        for j, c in enumerate(r):
            table.cell(i, j).text = c
    table.cell(0, 1).merge(table.cell(0, width - 1))  # 项目名称's value across the row
    table.cell(5, 0).merge(table.cell(7, 0))  # 产出指标 down its three rows
    path = tmp_path / "chongqing.docx"
    d.save(path)
    filing = find_forms(read(str(path)))
    (form,) = filing.forms
    expected, _ = _forms("chongqing.txt")
    assert filing.findings == [] and _rows(form) == _rows(expected[0])
    assert _money(form, "budget_total") == (Decimal("1200"), "万元")


def test_department_budget_as_a_column_of_labels():
    # 预算情况 ⇥ 资金总额 … then 按收入性质分 / 按支出性质分 with a label and an amount on each row.
    text = ("部门整体支出绩效目标表\n（2026年度）\n金额单位：万元\n部门名称\t某县民政局\t\t\n"
            "预算情况\t资金总额\t\t2000\n\t按收入性质分\t一般公共预算\t1500\n\t\t其他资金\t500\n"
            "\t按支出性质分\t基本支出\t1200\n\t\t项目支出\t800\n年度履职目标\t保障困难群众基本生活。\t\t\n"
            "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t低保对象人数\t≥3000人\n填报人：张三\n")
    (form,), findings = _forms_of_text(text)
    assert findings == [] and form.kind == "department_target"
    assert {k: _money(form, k)[0] for k in form.header if _money(form, k)} == {
        "budget_total": 2000, "fund:一般公共预算": 1500, "fund:其他资金": 500,
        "spend:基本支出": 1200, "spend:项目支出": 800}


@pytest.mark.parametrize("title, kind", [
    ("绩效目标申报表（项目支出）", "project_target"),
    ("部门整体支出绩效目标表（含项目支出）", "department_target"),
    ("XX县2025年度项目支出绩效目标表", "project_target"),
    ("部门整体绩效目标表", "department_target"),
])
def test_the_kind_of_a_title_written_otherwise(title, kind):
    (form,), _ = _forms_of_text(f"{title}\n项目名称\t某项目\n")
    assert form.kind == kind


def test_a_worksheet_named_like_a_form_is_that_form(tmp_path):
    # The title lives in the sheet's name only; a sheet named Sheet2 with a table stays an X901.
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目支出绩效目标表"
    for r in [["项目名称", "某项目"], ["年度资金总额（万元）", 50], ["年度绩效目标", "完成任务。"],
              ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训人次", "≥100人次"]]:
        ws.append(r)
    other = wb.create_sheet("Sheet2")
    for r in [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训人次", "≥100人次"]]:
        other.append(r)
    path = tmp_path / "sheets.xlsx"
    wb.save(path)
    filing = find_forms(read(str(path)))
    (form,) = filing.forms
    assert form.kind == "project_target" and form.place.sheet == "项目支出绩效目标表"
    assert _money(form, "budget_total") == (Decimal("50"), "万元") and len(form.indicators) == 1
    assert [(f.code, f.place.sheet) for f in filing.findings] == [("X901", "Sheet2")]


def test_the_caption_heading_the_level_one_column():
    # 绩效指标 ⇥ 二级指标 ⇥ 三级指标 ⇥ 指标值: the level-1 labels stand under the caption.
    text = ("项目支出绩效目标表\n单位：万元\n项目名称\t某项目\n年度资金总额\t10\n年度绩效目标\t完成任务。\n"
            "绩效指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人次\t≥100人次\n\t质量指标\t合格率\t≥90%\n"
            "效益指标\t社会效益指标\t技能提升\t明显\n填报人：张三\n")
    (form,), findings = _forms_of_text(text)
    assert findings == []
    assert [(i.level1, i.level2, i.name, i.doubts) for i in form.indicators] == [
        ("产出指标", "数量指标", "培训人次", []), ("产出指标", "质量指标", "合格率", []),
        ("效益指标", "社会效益指标", "技能提升", [])]


def test_notes_under_the_table_are_not_indicators():
    text = ("项目支出绩效目标表\n金额单位：元\n项目名称\t某项目\n年度资金总额\t¥1,200,000.00\n"
            "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人次\t≥100人次\n"
            "注：1.指标值应量化\t2.成本指标填写金额\t\t\n填表说明\t本表由项目单位填写\t\t\n")
    (form,), findings = _forms_of_text(text)
    assert [i.name for i in form.indicators] == ["培训人次"] and findings == []
    assert _money(form, "budget_total") == (Decimal("1200000.00"), "元")  # a currency-formatted cell


@pytest.mark.parametrize("labels,kind", [
    ((["项目名称", "农村饮水工程运维"], ["年度资金总额（万元）", 50]), "project_target"),
    ((["部门名称", "某县水利局"], ["资金总额（万元）", 50]), "department_target"),
])
def test_an_untitled_sheet_named_by_the_project_is_read_by_its_content(tmp_path, labels, kind):
    # No title row, and a sheet name that is no form title: the header labels over an indicator
    # table make it a form (the form was an X901 error before); with 得分 columns a self-evaluation.
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "农村饮水运维"
    for r in [*labels, ["年度绩效目标", "完成任务。"], ["一级指标", "二级指标", "三级指标", "指标值"],
              ["产出指标", "数量指标", "维修工程数量", "≥100处"]]:
        ws.append(r)
    scored = wb.create_sheet("自评")
    for r in [["项目名称", "农村饮水工程运维"], ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
              ["产出指标", "数量指标", "维修工程数量", "≥100处", "102处", "100", "100"]]:
        scored.append(r)
    path = tmp_path / "untitled.xlsx"
    wb.save(path)
    filing = find_forms(read(str(path)))
    assert [(f.kind, f.place.sheet) for f in filing.forms] == [(kind, "农村饮水运维"), ("project_self_eval", "自评")]
    assert filing.findings == []
    assert [i.name for i in filing.forms[0].indicators] == ["维修工程数量"]
    assert _money(filing.forms[0], "budget_total") == (Decimal("50"), "万元")


@pytest.mark.parametrize("caption", ["指标值确定依据", "指标值来源", "监控方式"])
def test_a_column_the_template_adds_right_of_the_name_is_a_remark(caption):
    # Zhejiang-style: 指标解释 and 指标值确定依据 (计划标准, 行业标准 …) beside the values. A column
    # named in words we do not know is a remark column too: its texts are the note, not X901 errors.
    text = (HERE / "basis_column.txt").read_text(encoding="utf-8").replace("指标值确定依据", caption)
    (form,), findings = _forms_of_text(text)
    assert findings == []
    rows = {i.name: (i.level2, i.value, i.unit) for i in form.indicators}
    assert rows["新建高标准农田面积"] == ("数量指标", "≥10000", "亩")
    assert rows["亩均建设成本"] == ("经济成本指标", "≤1200", "元/亩")
    assert len(rows) == 8
    assert "行业标准" in next(i.note for i in form.indicators if i.name == "工程验收合格率")


def test_value_type_cells_written_as_words_or_other_glyphs_are_type_cells():
    # ⩾, 大于或等于, ≤（小于等于）, ≥（大于等于）: the value grammar reads these comparators, so the layout
    # must place them in the 指标值类型 column (they were X901 errors and the bound was lost).
    (form,), findings = _forms("value_type_words.txt")
    assert findings == []
    assert [(i.name, i.value, i.value_type) for i in form.indicators][:3] == [
        ("培训人次", "100", "⩾"), ("合格率", "95", "大于或等于"), ("完成时间", "12", "≤（小于等于）")]
    assert [c for c, _, _ in _findings(HERE / "value_type_words.txt") if c != "V206"] == []
