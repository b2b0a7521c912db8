"""The layout stage on the real seed documents (byte-identical copies in samples/)."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from checker.layout import find_forms
from checker.readers import read

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
S000 = SAMPLES / "000_3dc31615842cc839.txt"
S001 = SAMPLES / "001_8a4c236ab4738456.txt"
S002 = SAMPLES / "002_93c8d1bb7889f8ef.txt"
S003 = SAMPLES / "003_fcba76fadf4b07a9.txt"


@pytest.fixture(scope="module")
def filings():
    return {p.name[:3]: find_forms(read(p)) for p in (S000, S001, S002, S003)}


def _title_lines(path: Path) -> Counter:
    """Count form titles straight from the text, independently of the layout code: a line with
    no tab that ends in 绩效目标表 / 绩效目标申报表 / 自评表 (a trailing bracket allowed)."""
    kinds: Counter = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        t = line.strip()
        if "\t" in line or not re.search(r"(绩效目标表|绩效目标申报表|自评表)$", t):
            continue
        if "自评" in t:
            kinds["department_self_eval" if "项目" not in t else "project_self_eval"] += 1
        else:
            kinds["project_target" if "项目" in t else "department_target"] += 1
    return kinds


@pytest.mark.parametrize("key,path,expected", [
    ("000", S000, {"department_target": 1, "project_target": 9}),
    ("001", S001, {"department_target": 1, "department_self_eval": 1}),
    ("002", S002, {"department_self_eval": 1}),
    ("003", S003, {"budget_table": 1, "department_target": 1, "project_target": 57}),
])
def test_every_form_is_found(filings, key, path, expected):
    found = Counter(f.kind for f in filings[key].forms)
    assert found == Counter(expected)
    in_text = _title_lines(path)
    assert {k: v for k, v in found.items() if k != "budget_table"} == dict(in_text)


def test_form_ids_years_and_places(filings):
    forms = filings["000"].forms
    assert [f.id for f in forms] == [f"{S000}#{n}" for n in range(1, 11)]
    assert all(f.year == 2026 for f in forms)
    assert forms[0].place.line == 4 and forms[1].place.line == 45
    assert [f.year for f in filings["001"].forms] == [2020, 2020]
    assert filings["003"].forms[1].year == 2026  # "(2026)年度" under the title


def _ind(form, name):
    return next(i for i in form.indicators if i.name == name)


def test_department_form_header_000(filings):
    form = filings["000"].forms[0]
    h = form.header
    assert h["department_name"].raw == "株洲市渌口区住房和城乡建设局"
    assert form.budget.amount == Decimal("3531.93") and form.budget.unit == "万元"
    assert h["fund:一般公共预算"].money.amount == Decimal("3531.93")
    assert h["spend:基本支出"].money.amount == Decimal("887.33")
    assert h["spend:项目支出"].money.amount == Decimal("2644.6")
    assert h["fund:政府性基金预算"].raw == ""  # an empty cell is kept, not guessed


def test_columns_mapped_by_name_not_position_000(filings):
    dept, first_project = filings["000"].forms[0], filings["000"].forms[1]
    # 指标值类型 before 指标值 in the department form, after it in the project form.
    a = _ind(dept, "污水处理量")
    assert (a.value, a.unit, a.value_type) == ("900", "万吨", "≧")
    b = _ind(first_project, "污水处理量")
    assert (b.value, b.unit, b.value_type) == ("720", "万吨", "≥")
    assert a.cell_places["value"].line == a.place.line


def test_shifted_row_is_recovered_000(filings):
    ind = _ind(filings["000"].forms[0], "审查完成时间")
    assert (ind.level1, ind.level2) == ("产出指标", "时效指标")
    assert (ind.value, ind.unit, ind.value_type) == ("10", "日", "≦")
    assert "shifted" in ind.doubts
    assert ind.place.line == 33 and ind.row_text.startswith("审查完成时间\t")


def test_value_type_in_the_remark_column_000(filings):
    ind = _ind(filings["000"].forms[1], "出水水质标准")
    assert ind.value_type == "定性" and ind.note == ""
    assert "shifted" in ind.doubts


def test_spaced_labels_and_units_000(filings):
    sludge = filings["000"].forms[4]
    cost = _ind(sludge, "污泥处置成本")
    assert (cost.level1, cost.level2) == ("成本指标", "经济成本指标")  # "经济成本指 标"
    assert _ind(sludge, "污泥处理效率，节约财政资金").value == "节约资金"
    xsl = filings["000"].forms[5]
    assert _ind(xsl, "污水处理量").unit == "m ³ /d"


def test_empty_level2_groups_are_recorded(filings):
    groups = {(g.level1, g.level2): g.count for g in filings["000"].forms[1].level2_groups}
    assert groups[("成本指标", "社会成本指标")] == 0
    assert groups[("产出指标", "数量指标")] == 2
    # 社会成本指标 at the start of the row (its merged cell lost), still a level-2 group:
    groups4 = {(g.level1, g.level2): g.count for g in filings["000"].forms[3].level2_groups}
    assert groups4[("成本指标", "生态环境成本指标")] == 0


def test_cell_per_line_department_form_001(filings):
    form = filings["001"].forms[0]
    assert form.kind == "department_target"
    assert form.budget.amount == Decimal("18926") and form.budget.unit == "万元"
    assert form.header["fund:一般公共预算"].money.amount == Decimal("2396")
    assert form.header["spend:基本支出"].money.amount == Decimal("1016")
    assert form.header["spend:项目支出"].money.amount == Decimal("17190")
    assert len(form.indicators) == 17
    cost = _ind(form, "伏波大道改造资金投入")
    assert (cost.level1, cost.level2, cost.value) == ("产出指标", "成本指标", "16530万")  # pre-2022 layout
    sat = _ind(form, "群众满意度")
    assert sat.level1 == "满意度指标" and "unplaced_level" in sat.doubts


def test_shanxi_department_form_003(filings):
    form = filings["003"].forms[1]
    assert form.kind == "department_target" and form.place.line == 579
    assert form.budget.amount == Decimal("41817.28") and form.budget.unit == "万元"
    assert form.header["fund:国有资本经营预算"].money.amount == Decimal("6402.00")
    assert form.header["spend:项目支出"].money.amount == Decimal("39255.60")
    office = _ind(form, "办公费用支出")  # 成本指标 in the 三级指标 column
    assert (office.level1, office.level2, office.value) == ("成本指标", "", "≤1.5万元")
    staff = _ind(form, "遗属满意度")
    assert (staff.level2, staff.value) == ("服务对象满意度", "≥95%")
    assert len(form.indicators) == 50


def test_side_by_side_blocks_003(filings):
    form = filings["003"].forms[2]
    assert form.has_period_block and form.kind == "project_target"
    assert form.budget.amount == Decimal("100000") and form.budget.unit == "元"
    assert form.header["period_total"].money.amount == Decimal("100000")
    assert form.header["fund:市县财政资金"].money.amount == Decimal("100000")
    assert form.header["project_name"].raw == "扬尘污染视频监控监测平台经费"
    first = form.indicators[0]
    assert first.block == "annual" and first.name == "扬尘污染防治视频监控"
    assert first.period_value == "≥178平方米" and "name_truncated" in first.doubts
    assert first.cell_places["name"].column > 20  # the annual block's cell, right of the period block


def test_headless_table_is_read_003(filings):
    form = next(f for f in filings["003"].forms if f.place.line == 1380)
    assert form.indicators and form.indicators[0].level1 == "产出指标"
    assert not [x for x in filings["003"].findings if x.form == form.id and x.code.startswith("X")]


def test_cut_off_form_is_x902_003(filings):
    form = next(f for f in filings["003"].forms if f.place.line == 945)
    found = [x for x in filings["003"].findings if x.form == form.id]
    assert [x.code for x in found] == ["X902"]
    assert found[0].severity == "warning" and found[0].place.line == 965
    assert set(found[0].message) == {"zh", "en"}


def test_s113_only_for_one_year_projects_003(filings):
    s113 = [x for x in filings["003"].findings if x.code == "S113"]
    assert s113
    forms = {f.id: f for f in filings["003"].forms}
    for x in s113:
        h = forms[x.form].header
        assert h["period"].raw == "1年" or "一次性" in h["project_type"].raw
    # Seed 003 line 852/853: the period block's 巡查时间 ≥300天 has no annual counterpart, the
    # annual block's 巡查次数 ≥500天 none in the period block.
    period_only = next(x for x in s113 if x.data.get("period_value") == "≥300天")
    annual_only = next(x for x in s113 if x.data.get("annual_value") == "≥500天")
    assert (period_only.place.line, annual_only.place.line) == (852, 853)
    assert set(period_only.message) == {"zh", "en"} and "≥300天" in period_only.message["zh"]


def test_blocks_paired_by_value_when_names_are_cut_003(filings):
    # Two annual rows both cut to "枣园路、大数据": each pairs with the period row of its value.
    form = next(f for f in filings["003"].forms if f.place.line == 2071)
    cut = [i for i in form.indicators if i.name.startswith("枣园路、大数据")]
    assert sorted((i.value, i.period_value) for i in cut) == [("10元", "10元"), ("99596平方米", "99596平方米")]
    assert all("name_truncated" in i.doubts for i in cut)


def test_indicators_stay_inside_their_form(filings):
    for filing in filings.values():
        for form in filing.forms:
            for ind in form.indicators:
                assert form.place.line < ind.place.line <= form.end_place.line


def test_no_x901_on_prose_or_toc(filings):
    for key in ("000", "001", "002"):
        assert not filings[key].findings
    assert not [x for x in filings["003"].findings if x.code == "X901"]


def test_names_cut_mid_phrase_are_doubts(filings):
    ind = _ind(filings["000"].forms[3], "居民生活污水及时处理，生活用水质量得")
    assert "name_truncated" in ind.doubts
    whole = _ind(filings["000"].forms[3], "污水处理率")
    assert "name_truncated" not in whole.doubts
