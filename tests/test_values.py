"""The indicator-value grammar on real and realistic values: one test per value shape."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.values import (
    Date,
    Deadline,
    Duration,
    Period,
    Periodicity,
    Qualitative,
    Quantity,
    Range,
    Timeliness,
    ValueParseError,
    load_units,
    parse_value,
    render,
    to_wan,
    to_yuan,
)

D = Decimal


def q(value, unit="", value_type=""):
    v = parse_value(value, unit, value_type)
    assert isinstance(v, Quantity), v
    return v


# ------------------------------------------------------------------ comparators


@pytest.mark.parametrize("glyph,canon,legacy", [
    ("≥", "≥", False), ("≧", "≥", True), (">=", "≥", True), ("＞＝", "≥", True),
    ("≤", "≤", False), ("≦", "≤", True), ("<=", "≤", True), ("＜＝", "≤", True),
    ("=", "=", False), ("＝", "=", True), ("═", "=", True),
    (">", ">", False), ("＞", ">", True), ("<", "<", False), ("＜", "<", True),
])
def test_comparator_glyphs(glyph, canon, legacy):
    v = q(f"{glyph}95%")
    assert (v.comparator, v.number, v.unit, v.legacy_glyph) == (canon, D(95), "%", legacy)
    assert v.comparator_source == "value"


@pytest.mark.parametrize("text,canon", [
    ("不低于95%", "≥"), ("不少于3个", "≥"), ("至少2次", "≥"), ("达到90%以上", "≥"), ("90%以上", "≥"),
    ("不超过5万元", "≤"), ("不高于3%", "≤"), ("5%以内", "≤"), ("3%以下", "≤"), ("控制在5%以内", "≤"),
    ("大于80%", ">"), ("超过100人", ">"), ("小于5%", "<"), ("低于2%", "<"), ("达到95%", "≥"),
])
def test_word_comparators(text, canon):
    v = q(text)
    assert v.comparator == canon
    assert v.comparator_source == "word" and v.legacy_glyph


def test_prose_value_keeps_its_subject():
    # seed 001: the 2020 form writes whole sentences in 指标值
    v = q("实现县城公共供水普及率达到90%以上")
    assert (v.comparator, v.number, v.unit, v.subject) == ("≥", D(90), "%", "实现县城公共供水普及率")
    assert q("天然气覆盖率达到95%以上").number == D(95)


# ------------------------------------------------------------------ numbers and units


def test_numbers():
    assert q("100,000元").number == D(100000)
    assert q("≤2808030.12元").number == D("2808030.12")
    assert q("１２３４．５万元").number == D("1234.5")  # full-width digits, one to one
    assert q("一次").number == D(1) and q("两个").number == D(2)
    assert parse_value("十二个月").number == D(12)


@pytest.mark.parametrize("text,unit,kind", [
    ("632元/人/月", "元/人/月", "price"), ("≤80000元/年", "元/年", "price"), ("25元/吨", "元/吨", "price"),
    ("12元/㎡", "元/平方米", "price"), ("5万元/年", "万元/年", "price"), ("200人次", "人次", "count"),
    ("3万m³/d", "万立方米/日", "flow"), ("500方/天", "立方米/日", "flow"), ("720万吨", "万吨", "mass"),
    ("≥9758.3平方米", "平方米", "area"), ("178㎡", "平方米", "area"), ("12m²", "平方米", "area"),
    ("3公顷", "公顷", "area"), ("50亩", "亩", "area"), ("5.8公里", "公里", "length"), ("3km", "公里", "length"),
    ("33米", "米", "length"), ("200M", "米", "length"), ("1000标箱", "标箱", "count"),
    ("≥90％", "%", "rate"), ("3531.93万元", "万元", "money"), ("1.2亿元", "亿元", "money"),
    ("15 个", "个", "count"), ("225名", "人", "count"), ("20mg/L", "mg/L", "concentration"),
    ("2000种次", "种次", "count"),  # 种 × 次 (species per report), not 2000种 and a stray 次
    (">=530元/人*月", "元/人/月", "price"),  # * typed for the middle dot (units.yaml joiners)
    ("≥6元/户·年", "元/户/年", "price"),
])
def test_units_from_the_table(text, unit, kind):
    v = q(text)
    assert (v.unit, v.unit_kind) == (unit, kind)


def test_a_star_joins_denominator_parts_only_inside_a_compound_unit():
    # 元/人*月 is 元/人·月; a bare 5*3 is not a unit and stays the filer's to fix.
    assert load_units().get("元/人*月") == load_units().get("元/人·月")
    assert load_units().get("人*月") is None
    with pytest.raises(ValueParseError):
        parse_value("5*3")


def test_unit_with_spaces_inside():
    assert load_units().get("m ³ /d").name == "立方米/日"
    assert q("300", "m ³ /d").unit == "立方米/日"


def test_unknown_unit_is_kept_raw():
    v = q("16530万")
    assert v.unit is None and v.unit_in_value == "万" and "unknown_unit" in v.notes


@pytest.mark.parametrize("text,unit", [("10日", "日"), ("130工作日", "工作日"), ("210日历天", "日"),
                                       ("≥500天", "日"), ("99年", "年"), ("6个月", "月")])
def test_durations(text, unit):
    v = parse_value(text)
    assert isinstance(v, Duration) and v.kind == "duration" and v.unit == unit


# ------------------------------------------------------------------ split and combined forms


def test_split_and_combined_forms_are_equal():
    assert parse_value("90", "%", "≥") == parse_value("≥90%")
    assert parse_value("720", "万吨", "≥") == parse_value("≥720万吨")
    assert parse_value("10", "日", "≦") == parse_value("≤10日")
    split = q("90", "%", "≥")
    assert (split.comparator_source, split.unit_in_column, split.unit_in_value) == ("column", "%", "")
    assert q("15", "个", "≧").legacy_glyph


def test_unit_in_value_and_in_column():
    agree = q("95%", "%")
    assert agree.unit == "%" and agree.notes == ()
    v = q("28.8万元", "%")
    assert (v.unit, v.unit_in_value, v.unit_in_column) == ("万元", "万元", "%")
    assert "unit_conflict" in v.notes
    assert "day_synonym" in q("10天", "日").notes
    assert "workday_vs_day" in q("10工作日", "日").notes


def test_value_comparator_wins_over_column():
    v = q("≥90%", "", "≤")
    assert v.comparator == "≥" and "comparator_conflict" in v.notes
    assert q("90%", "", "定量").comparator is None


# ------------------------------------------------------------------ ranges, dates, periods


def test_ranges():
    assert parse_value("14-24℃") == Range("", D(14), D(24), "℃", "temperature")
    r = parse_value("45%-60%")
    assert (r.low, r.high, r.unit) == (D(45), D(60), "%")
    assert parse_value("3-5个左右").unit == "个"


@pytest.mark.parametrize("text,start,end", [
    ("2022年11月29日至2022年12月31日", (2022, 11, 29), (2022, 12, 31)),
    ("2026年4月—2027年7月", (2026, 4, None), (2027, 7, None)),
    ("2023.07-2024.01", (2023, 7, None), (2024, 1, None)),
])
def test_periods(text, start, end):
    v = parse_value(text)
    assert isinstance(v, Period)
    assert (v.start.year, v.start.month, v.start.day) == start
    assert (v.end.year, v.end.month, v.end.day) == end


@pytest.mark.parametrize("text,ymd,end_of", [
    ("2026年6月前", (2026, 6, None), False), ("2026年12月底前", (2026, 12, None), True),
    ("12月31日前", (None, 12, 31), False), ("≤12月", (None, 12, None), False),
])
def test_deadlines(text, ymd, end_of):
    v = parse_value(text)
    assert isinstance(v, Deadline) and v.comparator == "≤" and v.end_of == end_of
    assert (v.date.year, v.date.month, v.date.day) == ymd


def test_split_month_deadline_equals_combined():
    assert parse_value("12", "月", "≤") == parse_value("≤12月")


def test_dates():
    assert parse_value("2026年度") == Date("", 2026, fiscal=True)
    assert parse_value("2025.10.23") == Date("", 2025, 10, 23)
    assert parse_value("3月") == Date("", None, 3)            # a month, not 3 months
    assert parse_value("2026年") == Date("", 2026)            # a year, not 2026 years
    assert parse_value("2026.4") == Date("", 2026, 4)          # alone: April 2026 ...
    assert q("2026.4万元").number == D("2026.4")               # ... with a unit: a number
    many = parse_value("2026年6月,2026年10月")
    assert isinstance(many, Date) and many.others[0].month == 10


def test_periodicity_and_timeliness():
    assert parse_value("每月") == Periodicity("", "月")
    assert parse_value("每季度") == Periodicity("", "季度")
    assert parse_value("一季度一次") == Periodicity("", "季度", D(1))
    assert parse_value("全年").every == "全年" and parse_value("长期").every == "长期"
    assert parse_value("及时") == Timeliness("", "及时")
    assert parse_value("按时完成") == Timeliness("", "按时")


# ------------------------------------------------------------------ qualitative


@pytest.mark.parametrize("text,grade", [
    ("达到一级A、B标排放", None), ("出水水质达到一级A标排放标准", None), ("确保“8个100%”治理措施到位", None),
    ("改善", None), ("好", "好"), ("一般", "一般"), ("差", "差"), ("达到", "达到"), ("基本达到", "基本达到"),
    ("未达到", "未达到"), ("合格", "合格"),
])
def test_qualitative_is_kept_verbatim(text, grade):
    v = parse_value(text)
    assert isinstance(v, Qualitative) and v.text == text and v.grade == grade


def test_empty_value_is_empty_qualitative():
    assert parse_value("") == Qualitative("", "", None)


# ------------------------------------------------------------------ errors a person can act on


@pytest.mark.parametrize("text,column,hint", [
    ("≥9O%", 3, "letter_for_digit"),
    ("95。5%", 3, "ideographic_full_stop"),
    ("≥", 2, "missing_number"),
    ("≥≥90%", 2, "double_comparator"),
    ("90%≥", 3, "comparator_after_number"),
    ("≥30-", 4, "open_range"),
])
def test_parse_errors_name_position_and_mistake(text, column, hint):
    with pytest.raises(ValueParseError) as info:
        parse_value(text)
    err = info.value
    assert (err.text, err.column, err.hint) == (text, column, hint)
    assert err.expected and f"第 {column} 个字符" in err.message_zh and f"column {column}" in err.message_en
    assert isinstance(err, ValueError)


def test_ocr_ge_read_as_2_is_noted():
    assert "ocr_ge_as_2" in q("292%").notes
    assert "ocr_ge_as_2" not in q("≥92%").notes


def test_missing_unit_is_noted():
    assert "unit_missing" in q("≥95").notes


# ------------------------------------------------------------------ render and money


@pytest.mark.parametrize("text,canonical", [
    ("≧ 15 个", "≥15个"), ("不低于95%", "≥95%"), ("100,000元", "100000元"), ("十二个月", "12个月"),
    ("2026年12月底前", "2026年12月底前"), ("2023.07-2024.01", "2023年7月至2024年1月"), ("一季度一次", "每季度1次"),
    # two quarters, not the second quarter (2季度 alone, a period): hypothesis found 1季 -> 1季度 -> Q1
    ("2季", "2个季度"), ("≤1季", "≤1个季度"), ("2季度", "4月至6月"),
])
def test_render_is_canonical_and_parses_back(text, canonical):
    v = parse_value(text)
    assert render(v) == canonical
    assert parse_value(render(v)) == v


def test_money_conversion():
    assert to_wan(q("≤2808030.12元")) == D("280.803012")
    assert to_yuan(q("3531.93万元")) == D("35319300")
    assert to_yuan(q("1.5亿元")) == D("150000000")
    assert to_wan(q("95%")) is None and to_yuan(parse_value("及时")) is None


def test_units_table_aliases():
    units = load_units()
    assert units.get("㎡") is units.get("平方米") is units.get("m²")
    assert units.get("天").name == "日" and units.get("M").name == "米"
    assert units.get("元").factor == D("0.0001") and units.get("元").kind == "money"
    assert units.get("元/人/天").kind == "price"  # composed from its parts
    assert units.get("不存在") is None


@pytest.mark.parametrize("value,unit,number", [
    ("1956.2", "万元", "1956.2"), ("≤1956.2", "万元", "1956.2"), ("2026.12", "%", "2026.12"), ("2026.4", "个", "2026.4"),
])
def test_dotted_year_month_beside_a_unit_that_is_no_time_is_a_quantity(value, unit, number):
    # Alone, 2026.12 reads as December 2026 (docs/values.md); beside 万元 it is an amount (a cost
    # of 1956.2 万元 read as a date was left out of M303's sum).
    v = parse_value(value, unit)
    assert v.kind == "quantity" and v.number == Decimal(number) and v.unit == unit


def test_dotted_year_month_alone_or_beside_a_time_unit_stays_a_date():
    assert parse_value("2026.12").kind == "date"
    assert parse_value("2026.4", "月").kind == "date"


@given(st.integers(1000, 9999), st.integers(1, 12), st.sampled_from(["万元", "元", "%", "个", "人次", "公里"]),
       st.sampled_from(["", "≥", "≤", "="]))
def test_any_dotted_number_beside_a_counted_unit_keeps_its_decimal(year, month, unit, comparator):
    v = parse_value(f"{comparator}{year}.{month}", unit)
    assert v.kind == "quantity" and v.number == Decimal(f"{year}.{month}")
