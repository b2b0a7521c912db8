"""Indicator values as other provinces and damaged exports write them (round 3).

Each case is a 指标值 cell (with its 度量单位 and 指标值类型 cells) as it stands in real
绩效目标表/自评表 of Guangdong, Zhejiang, Jiangsu, Sichuan, Beijing and central departments, or
as a PDF/OCR/Excel export leaves it; the typed value is what a reviewer reads.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from checker.values import (
    Change,
    Date,
    Deadline,
    Duration,
    Period,
    Qualitative,
    Quantity,
    Range,
    Ratio,
    ValueParseError,
    parse_value,
    render,
)

D = Decimal


# ----------------------------------------------------------------- quantities as provinces write them

@pytest.mark.parametrize("text, cmp, number, unit", [
    ("≥95%（含）", "≥", "95", "%"),              # the remark says the bound is included
    ("90%（含）以上", "≥", "90", "%"),
    ("95%以上(含95%)", "≥", "95", "%"),
    ("不低于95%（含）", "≥", "95", "%"),
    ("≥90%（抽样调查）", "≥", "90", "%"),
    ("95%及以上", "≥", "95", "%"),
    ("≥ 95 %", "≥", "95", "%"),
    ("≤3%以内", "≤", "3", "%"),
    ("1.2万人次", None, "1.2", "万人次"),
    ("≥1.5万册", "≥", "1.5", "万册"),
    ("≥2,000人次", "≥", "2000", "人次"),
    ("≥3 万元/公里", "≥", "3", "万元/公里"),
    ("5万㎡", None, "5", "万平方米"),
    ("≥10个百分点", "≥", "10", "个百分点"),
    ("90分以上", "≥", "90", "分"),
    ("≥4.5（分）", "≥", "4.5", "分"),
    ("≥12次/年", "≥", "12", "次/年"),
    ("≤0.5mg/L", "≤", "0.5", "mg/L"),
    ("≤35μg/m³", "≤", "35", "μg/m³"),             # PM2.5, Greek mu
    ("≤35µg/m³", "≤", "35", "μg/m³"),             # the micro sign Word and Excel write
    ("≤0.05mg/m³", "≤", "0.05", "mg/m³"),
    ("≤55分贝", "≤", "55", "分贝"),                # not 55 分 (a score) + 贝
    ("≤60dB(A)", "≤", "60", "分贝"),
    ("≤1NTU", "≤", "1", "NTU"),
    ("≤1‱", "≤", "1", "‱"),
    ("≥1.5倍", "≥", "1.5", "倍"),
    ("≥1.2（比值）", "≥", "1.2", "比值"),
    ("4A级", None, "4", "A级"),
])
def test_quantities_of_other_provinces(text, cmp, number, unit):
    v = parse_value(text)
    assert isinstance(v, Quantity) and not isinstance(v, Duration), v
    assert (v.comparator, v.number, v.unit) == (cmp, D(number), unit)
    assert "unknown_unit" not in v.notes and "unit_with_text" not in v.notes
    assert parse_value(render(v)) == v


def test_a_remark_in_brackets_is_not_a_unit_but_a_unit_in_brackets_is():
    assert parse_value("≥95%（含）", "%").unit_in_value == "%"  # agrees with the column (no V203)
    assert parse_value("100（万元）").unit == "万元"
    # prose with a standard's number in brackets stays prose
    assert isinstance(parse_value("达到一级A标（GB18918-2002）"), Qualitative)


@pytest.mark.parametrize("text, days", [("≤15个自然日", "15"), ("≤7个日历日", "7"), ("5个日历天", "5")])
def test_calendar_days_are_days_not_a_count(text, days):
    v = parse_value(text)
    assert isinstance(v, Duration) and (v.number, v.unit) == (D(days), "日")


# ----------------------------------------------------------------- the split form from a spreadsheet

def test_split_forms():
    assert parse_value("95", "%", "≥") == parse_value("≥95%")
    assert parse_value("95", "百分比", "≥") == parse_value("≥95%")
    assert parse_value("1", "%", "=") == parse_value("=1%")
    money = parse_value("100万元", "元")
    assert money.unit == "万元" and "unit_conflict" in money.notes  # V203 reports it


def test_a_spreadsheet_percentage_stored_as_a_fraction_is_noted_not_converted():
    v = parse_value("0.95", "%", "≥")
    assert (v.comparator, v.number, v.unit) == ("≥", D("0.95"), "%")
    assert "percent_as_fraction" in v.notes
    # written with its % sign, or a whole number, it is what it says
    assert "percent_as_fraction" not in parse_value("0.95%").notes
    assert "percent_as_fraction" not in parse_value("1", "%", "=").notes
    assert "percent_as_fraction" not in parse_value("95", "%", "≥").notes


# ----------------------------------------------------------------- change against a baseline

@pytest.mark.parametrize("text, direction, cmp, amount, baseline", [
    ("同比增长10%", "up", None, ("10", "%"), "同比"),
    ("提高5个百分点", "up", None, ("5", "个百分点"), ""),
    ("下降5%", "down", None, ("5", "%"), ""),
    ("较上年提高", "up", None, None, "上年"),
    ("较上年有所提高", "up", None, None, "上年"),
    ("较上年同期增长≥10%", "up", "≥", ("10", "%"), "上年同期"),
    ("比上年增长5%以上", "up", "≥", ("5", "%"), "上年"),
    ("比2025年增长10%", "up", None, ("10", "%"), "2025年"),
    ("≤上年", None, "≤", None, "上年"),
    ("不低于上年", None, "≥", None, "上年"),
    ("不低于上年水平", None, "≥", None, "上年水平"),
    ("≤预算数", None, "≤", None, "预算数"),
    ("控制在预算范围内", None, "≤", None, "预算"),
    ("不超过合同金额", None, "≤", None, "合同金额"),
    ("≤国家标准", None, "≤", None, "国家标准"),
])
def test_changes_and_bounds_by_a_baseline(text, direction, cmp, amount, baseline):
    v = parse_value(text)
    assert isinstance(v, Change), v
    assert (v.direction, v.comparator, v.baseline) == (direction, cmp, baseline)
    if amount is None:
        assert v.amount is None
    else:
        assert (v.amount.number, v.amount.unit) == (D(amount[0]), amount[1])
    assert parse_value(render(v)) == v


@pytest.mark.parametrize("text", ["逐步提高", "提高", "有效提升", "持续提高", "达到国家标准"])
def test_a_change_word_without_a_baseline_or_an_amount_stays_text(text):
    assert isinstance(parse_value(text), Qualitative)  # V210 judges vague wording


@pytest.mark.parametrize("text, subject", [("同比增长率≥10%", "同比增长率"), ("降低率≤5%", "降低率"),
                                           ("预算执行率≥90%", "预算执行率")])
def test_names_holding_a_change_word_stay_subjects(text, subject):
    v = parse_value(text)
    assert isinstance(v, Quantity) and v.subject == subject


def test_split_forms_of_a_change():
    assert parse_value("上年", "", "≤") == parse_value("≤上年")
    v = parse_value("增长10", "%")
    assert isinstance(v, Change) and (v.amount.number, v.amount.unit) == (D(10), "%")
    assert parse_value("增长10%", "", "≥").comparator == "≥"


# ----------------------------------------------------------------- ratios, classes, pH

@pytest.mark.parametrize("text, cmp, terms", [
    ("1:1", None, (1, 1)), ("1：3", None, (1, 3)), ("≥1:1", "≥", (1, 1)), ("3:4:3", None, (3, 4, 3)),
    ("1∶2", None, (1, 2)),
])
def test_ratios(text, cmp, terms):
    v = parse_value(text)
    assert isinstance(v, Ratio) and v.comparator == cmp and v.terms == tuple(D(t) for t in terms)
    assert parse_value(render(v)) == v


def test_a_ratio_takes_the_comparator_column():
    assert parse_value("1:1", "", "=").comparator == "="


@pytest.mark.parametrize("text", ["≥Ⅲ类", "Ⅲ类", "Ⅱ类及以上", "≥A级", "≤二级", "AAA级", "A级"])
def test_classes_and_grades_are_text_not_errors(text):
    assert isinstance(parse_value(text), Qualitative)


@pytest.mark.parametrize("text", ["pH 6-9", "pH值6～9", "PH6-9"])
def test_ph_range(text):
    v = parse_value(text)
    assert isinstance(v, Range) and (v.low, v.high, v.unit) == (D(6), D(9), None)
    assert v.subject.lower().startswith("ph")


# ----------------------------------------------------------------- dates as exports write them

@pytest.mark.parametrize("text, ymd", [
    ("2026-12-31 00:00:00", (2026, 12, 31)),       # an Excel date cell exported as text
    ("2026/12/31 0:00", (2026, 12, 31)),
    ("2026-12-31T00:00:00", (2026, 12, 31)),
    ("2026-12-31", (2026, 12, 31)),
    ("2026/12/31", (2026, 12, 31)),
    ("2026-12", (2026, 12, None)),                 # a year-month, not the range 2026…12
    ("2026/12", (2026, 12, None)),
])
def test_export_dates(text, ymd):
    v = parse_value(text)
    assert isinstance(v, Date) and (v.year, v.month, v.day) == ymd


def test_export_dates_in_deadlines_and_periods():
    assert isinstance(parse_value("2026-12前"), Deadline)
    p = parse_value("2026-06至2026-12")
    assert isinstance(p, Period) and (p.start.month, p.end.month) == (6, 12)
    p = parse_value("2023-07-2024-01")
    assert isinstance(p, Period) and (p.start.year, p.end.year) == (2023, 2024)


@pytest.mark.parametrize("text, kind", [
    ("2026年12月31日之前", "deadline"), ("12月底", "deadline"), ("年底前", "deadline"),
    ("当年完成", "deadline"), ("第三季度前", "deadline"), ("1-3年", "range"), ("3年", "duration"),
    ("≥3年", "duration"), ("每周1次", "periodicity"), ("每半年", "periodicity"),
    ("24小时", "duration"), ("48小时内", "duration"), ("≤2个工作日", "duration"),
])
def test_time_shapes_already_read(text, kind):
    assert parse_value(text).kind == kind


# ----------------------------------------------------------------- two bounds

@pytest.mark.parametrize("text", ["≥90%,≤95%", "≥90%、≤95%", "≥90%，且≤95%", "≥90%；≤95%"])
def test_two_bounds_with_a_comma(text):
    v = parse_value(text)
    assert isinstance(v, Range) and (v.low, v.high, v.unit) == (D(90), D(95), "%")


def test_still_errors():
    # the named mistakes are still reported (V211), not swallowed by the new shapes
    for text in ("≥", "≥≥90%", "≥9O%", "≥30-"):
        with pytest.raises(ValueParseError):
            parse_value(text)


# ----------------------------------------------------------------- more export damage and column words

@pytest.mark.parametrize("text, cmp", [("⩾95%", "≥"), ("⩽5%", "≤")])
def test_slanted_comparators_of_an_equation_font(text, cmp):
    v = parse_value(text)
    assert (v.comparator, v.unit, v.legacy_glyph) == (cmp, "%", True)  # V206 asks for ≥ / ≤


@pytest.mark.parametrize("mark", ["\u00ad", "\u2060", "\u200c", "\u200d", "\u200e"])
def test_invisible_marks_inside_a_value(mark):
    assert parse_value(f"≥95{mark}%") == parse_value("≥95%")


@pytest.mark.parametrize("value_type", ["≥（大于等于）", "大于等于(≥)", "大于或等于", "不小于", "≥ "])
def test_type_column_words(value_type):
    v = parse_value("95", "%", value_type)
    assert (v.comparator, v.comparator_source) == ("≥", "column")


def test_type_column_with_two_different_comparators_names_none():
    assert parse_value("95", "%", "≥（小于等于）").comparator is None


@pytest.mark.parametrize("unit, name", [("百分比(%)", "%"), ("%（百分比）", "%"), ("比例(%)", "%"),
                                        ("万元（人民币）", "万元"), ("金额（万元）", "万元"),
                                        ("元/人·年", "元/人/年")])
def test_unit_column_with_a_gloss(unit, name):
    assert parse_value("95", unit, "≥").unit == name


def test_unit_column_with_units_of_two_kinds_is_unknown():
    assert parse_value("3", "%（万元）", "≥").unit is None
    assert parse_value("3", "个（项）", "≥").unit == "个"  # a count glossed by another count


@pytest.mark.parametrize("text, number, unit", [("10余个", "10", "个"), ("100多人", "100", "人"),
                                                ("30余项", "30", "项")])
def test_about_a_number(text, number, unit):
    v = parse_value(text)
    assert (v.number, v.unit, v.approx) == (D(number), unit, True)
    assert "unknown_unit" not in v.notes


@pytest.mark.parametrize("text, ymd", [("2026年度内", (2026, None, None)), ("12月内", (None, 12, None)),
                                       ("2026.12.31日前", (2026, 12, 31)), ("2026年6月内", (2026, 6, None))])
def test_within_a_year_or_month_is_by_its_end(text, ymd):
    v = parse_value(text)
    assert isinstance(v, Deadline) and (v.date.year, v.date.month, v.date.day) == ymd
    assert v.end_of == (ymd[2] is None)
    assert parse_value(render(v)) == v


@pytest.mark.parametrize("cell, cmp", [("≥（大于等于）", "≥"), ("⩾", "≥"), ("大于或等于", "≥"), ("≦", "≤"),
                                       ("定量", None), ("定性", None), ("正向", None)])
def test_column_comparator_for_layout_code(cell, cmp):
    from checker.values import column_comparator

    assert column_comparator(cell) == cmp


# ----------------------------------------------------------------- a whole form: no false V-finding

def test_a_province_form_with_the_new_shapes_draws_only_the_fraction_doubt():
    """A Guangdong-style target form whose values use the shapes above (同比增长5%, 1:1, ≤上年,
    ≤预算数, pH 6-9, ≥Ⅲ类, 2026-12-31 00:00:00, 百分比(%), dB(A), μg/m³ …): the only V-finding is
    V203's info on 0.95 under a % column (95% stored as a fraction?), and no V208 floor error."""
    from pathlib import Path

    from checker.pipeline import CheckOptions, check_file
    from checker.rules import load_pack

    path = Path(__file__).parent / "fixtures" / "values" / "guangdong_style_target.txt"
    result = check_file(str(path), load_pack(), CheckOptions())
    assert result.error is None
    forms = [f for f in result.forms if f.kind == "project_target"]
    assert len(forms) == 1 and len(forms[0].indicators) >= 25
    assert all(i.parse_error is None for i in forms[0].indicators)
    v_findings = [(f.code, f.severity) for f in result.findings if f.code.startswith("V")]
    assert v_findings == [("V203", "info")]


@pytest.mark.parametrize("text, cmp, baseline", [
    ("≤市场价格", "≤", "市场价格"), ("≥指导价", "≥", "指导价"), ("≤定额标准", "≤", "定额标准"),
    ("≤限额", "≤", "限额"), ("≤审定金额", "≤", "审定金额"), ("≥合同约定", "≥", "合同约定"),
    ("≥全省平均水平", "≥", "全省平均水平"), ("≥往年", "≥", "往年"), ("≥近三年平均", "≥", "近三年平均"),
])
def test_bounds_in_words(text, cmp, baseline):
    v = parse_value(text)
    assert isinstance(v, Change) and (v.direction, v.comparator, v.baseline) == (None, cmp, baseline)


@pytest.mark.parametrize("text", ["≥良好", "≥合格", "≥优秀", "≥设计要求", "≤ 一般水平"])
def test_a_comparator_before_words_is_text_not_an_error(text):
    assert isinstance(parse_value(text), Qualitative)  # no V211: the filer wrote a bound in words


def test_a_time_cut_against_last_year():
    v = parse_value("较上年缩短5天")
    assert isinstance(v, Change) and v.direction == "down" and (v.amount.number, v.amount.unit) == (D(5), "日")


@pytest.mark.parametrize("value, unit, name", [
    ("1200万", "万元", "万元"), ("1.2亿", "亿元", "亿元"),       # the value wrote the multiplier only
    ("12次", "次/年", "次/年"), ("10人次", "人次/年", "人次/年"),  # the numerator of the column's rate
    ("10人次", "人/次", "人次"), ("100户", "户数", "户"), ("20个", "个（座）", "个"),
])
def test_value_unit_completed_or_named_by_the_column(value, unit, name):
    v = parse_value(value, unit)
    assert v.unit == name and "unit_conflict" not in v.notes


@pytest.mark.parametrize("value, unit", [("1200万", "元"), ("5万元", "元"), ("12次", "人次/年")])
def test_value_and_column_that_disagree_still_conflict(value, unit):
    assert "unit_conflict" in parse_value(value, unit).notes  # V203 reports them


@pytest.mark.parametrize("text, number, unit", [("≤30分钟到场", "30", "分钟"), ("≥30分钟内到达现场", "30", "分钟"),
                                                ("≤2个工作日内办结完毕", "2", "工作日")])
def test_a_quantity_then_prose(text, number, unit):
    v = parse_value(text)
    assert isinstance(v, Duration) and (v.number, v.unit) == (D(number), unit)
    assert "unit_with_text" in v.notes


@pytest.mark.parametrize("text", ["≥9O%的覆盖率", "≥≥90%以上"])
def test_a_damaged_number_before_prose_is_still_an_error(text):
    with pytest.raises(ValueParseError):
        parse_value(text)


@pytest.mark.parametrize("text, number, unit", [("半年内", "0.5", "年"), ("半个月内", "0.5", "月")])
def test_half_a_year(text, number, unit):
    v = parse_value(text)
    assert isinstance(v, Duration) and (v.comparator, v.number, v.unit) == ("≤", D(number), unit)


def test_a_span_of_years():
    p = parse_value("2025-2027年")
    assert isinstance(p, Period) and (p.start.year, p.end.year) == (2025, 2027)
    assert parse_value("1-3年").kind == "range"  # a duration of one to three years


@pytest.mark.parametrize("text, ym", [("在2026年12月底前完成", (2026, 12)), ("于2026年6月前完成", (2026, 6)),
                                      ("计划2026年10月完成", (2026, 10)), ("力争6月底前", (None, 6))])
def test_a_date_after_an_introducing_word(text, ym):
    v = parse_value(text)
    assert isinstance(v, Deadline) and (v.date.year, v.date.month) == ym


def test_an_introducing_word_before_a_number_stays_text():
    assert isinstance(parse_value("确保90%农户受益"), Qualitative)


@pytest.mark.parametrize("value, unit, cmp, number, name", [
    ("¥1,200.00", "", None, "1200.00", "元"), ("≤￥50", "", "≤", "50", "元"),
    ("¥1,200.00", "万元", None, "1200.00", "万元"),   # the money format's sign, the column's unit
    ("≤¥1,200,000.00", "元", "≤", "1200000.00", "元"),
])
def test_a_spreadsheet_currency_format(value, unit, cmp, number, name):
    v = parse_value(value, unit)
    assert (v.comparator, v.number, v.unit) == (cmp, D(number), name)
    assert "unit_conflict" not in v.notes


def test_a_currency_sign_and_a_unit_that_disagree_with_the_column_still_conflict():
    assert "unit_conflict" in parse_value("¥1200元", "万元").notes


@pytest.mark.parametrize("text, number, unit", [("≥ 9 5 %", "95", "%"), ("1 2 0 0 万 元", "1200", "万元")])
def test_a_letter_spaced_pdf_value(text, number, unit):
    v = parse_value(text)
    assert (v.number, v.unit) == (D(number), unit) and "spaced_digits" in v.notes


def test_two_numbers_with_a_space_are_not_joined():
    with pytest.raises(ValueParseError):
        parse_value("3 5")  # two numbers, or 35? V211 asks


@pytest.mark.parametrize("text", ["17:00前", "8:30之前", "≤17:30", "9:00"])
def test_a_time_of_day_is_text_not_an_error(text):
    v = parse_value(text)
    assert v.kind in ("qualitative", "ratio")  # never a V211 error
    if text.endswith("前"):
        assert isinstance(v, Qualitative)
