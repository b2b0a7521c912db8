"""Round-2 audit of the value findings (docs/audit/values-and-others.md): units real forms use
that the table lacked, percentages in words, "2026年全年", units with trailing words, and the
seeds' V findings that were false (003 ≥4种, 003 ≥450元/每株, 000 公众满意度 reported twice)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.values import Date, Period, Quantity, Range, load_units, parse_value, render

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


# ------------------------------------------------------------------ units the table lacked

@pytest.mark.parametrize("text,unit,kind", [
    ("≥4种", "种", "count"),            # 003 种植树木种类
    ("≥3类", "类", "count"),
    ("≥2轮", "轮", "count"),
    ("≥3艘", "艘", "count"),
    ("≥1架", "架", "count"),
    ("≥10台套", "台套", "count"),
    ("≥20人日", "人日", "count"),
    ("≥20人天", "人日", "count"),
    ("≥6人月", "人月", "count"),
    ("≥40课时", "学时", "count"),
    ("≥8学时", "学时", "count"),
    ("≥500车次", "车次", "count"),
    ("≥5口", "口", "count"),
    ("≥1.2万株", "万株", "count"),
    ("≥5千瓦", "千瓦", "power"),
    ("≥500kW", "千瓦", "power"),
    ("≥2MW", "兆瓦", "power"),
    ("≥5兆瓦", "兆瓦", "power"),
    ("≥300吨/日", "吨/日", "flow"),
    ("≥2万千瓦时", "万千瓦时", "energy"),
    ("≥5平方公里", "平方公里", "area"),
    ("≥1000立方米", "立方米", "volume"),
])
def test_units_real_forms_use_are_known(text, unit, kind):
    v = parse_value(text)
    assert isinstance(v, Quantity)
    assert (v.unit, v.unit_kind) == (unit, kind)
    assert "unknown_unit" not in v.notes and "unit_with_text" not in v.notes


def test_scaled_counts_convert_to_their_base():
    units = load_units()
    assert units.convert(Decimal("1.2"), "万株", "株") == Decimal(12000)
    assert units.convert(Decimal(2), "兆瓦", "千瓦") == Decimal(2000)


def test_tonnes_a_day_are_not_cubic_metres_a_day():
    # a tonne of refuse is not a cubic metre: 吨/日 is its own flow, never converted to m³/d
    assert load_units().convert(Decimal(300), "吨/日", "立方米/日") is None
    assert load_units().convert(Decimal(15), "万吨/日", "吨/日") == Decimal(150000)


def test_each_after_a_slash_is_the_slash():
    # 003 乔木单价 ≥450元/每株: a unit price, not an amount of money
    v = parse_value("≥450元/每株")
    assert (v.unit, v.unit_kind) == ("元/株", "price")
    assert parse_value("632元/每人/每月").unit_kind == "price"


def test_a_latin_unit_is_not_cut_to_a_known_prefix():
    # M is 米, but MVA is not 米 + VA
    v = parse_value("≥2MVA")
    assert v.unit is None and "unknown_unit" in v.notes


@pytest.mark.parametrize("text", ["一类", "二级", "三类"])
def test_a_class_in_chinese_numerals_is_text(text):
    assert parse_value(text).kind == "qualitative"


# ------------------------------------------------------------------ percentages in words

@pytest.mark.parametrize("text,comparator,number", [
    ("百分之九十", None, "90"),
    ("≥百分之九十", "≥", "90"),
    ("不低于百分之九十五", "≥", "95"),
    ("百分之九十五点五", None, "95.5"),
    ("百分之百", None, "100"),
    ("百分之九十以上", "≥", "90"),
])
def test_percent_in_words(text, comparator, number):
    v = parse_value(text)
    assert isinstance(v, Quantity)
    assert (v.comparator, v.number, v.unit) == (comparator, Decimal(number), "%")
    assert parse_value(render(v)).number == v.number


def test_percent_range_in_words():
    v = parse_value("百分之八十至百分之九十")
    assert isinstance(v, Range) and (v.low, v.high, v.unit) == (Decimal(80), Decimal(90), "%")


_DIGITS = "零一二三四五六七八九"


def _cn(n: int) -> str:
    """0–100 in Chinese numerals as forms write them (九十五, 十二, 一百)."""
    if n == 100:
        return "一百"
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


@given(st.integers(0, 100), st.sampled_from(["", "≥", "不低于", "达到"]))
def test_any_percent_in_words_reads_as_its_number(n, comparator):
    v = parse_value(f"{comparator}百分之{_cn(n)}")
    assert isinstance(v, Quantity) and v.number == n and v.unit == "%"


# ------------------------------------------------------------------ a whole year

def test_a_year_then_whole_year_is_a_period():
    v = parse_value("2026年全年")
    assert v == Period("", Date("", 2026, 1), Date("", 2026, 12))
    assert parse_value(render(v)) == v
    assert parse_value("2026年度全年").kind == "period"


@pytest.mark.parametrize("text", ["2026年3月全年", "2026年长期"])
def test_other_words_after_a_date_stay_text(text):
    assert parse_value(text).kind == "qualitative"


def test_unit_with_trailing_words_keeps_the_unit():
    v = parse_value("≥90%合格")
    assert (v.comparator, v.number, v.unit) == ("≥", Decimal(90), "%")


# ------------------------------------------------------------------ the seeds' findings

@pytest.fixture(scope="module")
def findings():
    from checker.pipeline import CheckOptions, check_file
    from checker.rules import load_pack

    pack = load_pack()

    def run(name):
        return check_file(str(SAMPLES / name), pack, CheckOptions()).findings
    return run


def _at(findings, code, line):
    return [f for f in findings if f.code == code and f.place.line == line]


def test_000_satisfaction_without_unit_is_one_finding(findings):
    found = findings("000_3dc31615842cc839.txt")
    assert [f.severity for f in _at(found, "V202", 37)] == ["error"]
    assert _at(found, "V208", 37) == []


def test_003_kinds_of_trees_have_a_unit(findings):
    found = findings("003_fcba76fadf4b07a9.txt")
    assert not any(f.code == "V202" and f.indicator and f.indicator[-1] == "种植树木种类" for f in found)
    # a bare 亿 after a number is still an incomplete unit (warning)
    incomplete = [f for f in found if f.code == "V202" and f.indicator and f.indicator[-1] == "建设成本"]
    assert [f.severity for f in incomplete] == ["warning"]


def test_003_unit_price_is_not_a_cost_amount(findings):
    found = findings("003_fcba76fadf4b07a9.txt")
    assert not any(f.code == "V205" and f.indicator and f.indicator[-1] == "乔木单价" for f in found)


# ------------------------------------------------------------------ shapes other provinces write

@pytest.mark.parametrize("text,first,last", [
    ("2026年第四季度", (2026, 10), (2026, 12)),
    ("第三季度", (None, 7), (None, 9)),
    ("2026年上半年", (2026, 1), (2026, 6)),
    ("下半年", (None, 7), (None, 12)),
    ("2026年1-12月", (2026, 1), (2026, 12)),
    ("2026年3—9月份", (2026, 3), (2026, 9)),
])
def test_quarters_halves_and_month_spans_are_periods(text, first, last):
    v = parse_value(text)
    assert isinstance(v, Period)
    assert (v.start.year, v.start.month) == first and (v.end.year, v.end.month) == last
    assert parse_value(render(v)) == v


@pytest.mark.parametrize("text,year,month", [
    ("第三季度末前", None, 9),
    ("2026年上半年内", 2026, 6),
    ("2026年6月完成", 2026, 6),
    ("2026.4完成", 2026, 4),
    ("2026年完成", 2026, None),
])
def test_span_or_date_then_deadline_word_is_a_deadline(text, year, month):
    v = parse_value(text)
    assert v.kind == "deadline" and (v.date.year, v.date.month) == (year, month)
    assert parse_value(render(v)) == v


@pytest.mark.parametrize("text,every", [("按季度", "季度"), ("按月", "月"), ("一季度一次", "季度")])
def test_by_the_period_is_a_periodicity(text, every):
    v = parse_value(text)
    assert v.kind == "periodicity" and v.every == every


@pytest.mark.parametrize("text", ["当年", "当年完成", "本年度"])
def test_this_year_is_a_deadline(text):
    assert parse_value(text).kind == "deadline"


def test_minutes_are_time_not_score():
    v = parse_value("≤30分钟")
    assert (v.kind, v.unit, v.unit_kind) == ("duration", "分钟", "time")


@pytest.mark.parametrize("text", ["≥95%；", "≥95%。", "≥95%,", "2026年6月前。"])
def test_closing_punctuation_is_not_part_of_the_value(text):
    v = parse_value(text)
    assert v.kind in ("quantity", "deadline") and not getattr(v, "notes", ())
    assert v.raw == text


@pytest.mark.parametrize("text,year,month,day", [
    ("12月中旬", None, 12, 20),
    ("2026年6月上旬", 2026, 6, 10),
    ("6月下旬", None, 6, None),
])
def test_ten_day_parts_of_a_month_are_dates(text, year, month, day):
    v = parse_value(text)
    assert isinstance(v, Date) and (v.year, v.month, v.day) == (year, month, day)


@pytest.mark.parametrize("text", ["2026年年底前", "2026年12月底之前", "6月上旬前"])
def test_more_deadline_words(text):
    v = parse_value(text)
    assert v.kind == "deadline"
    assert parse_value(render(v)) == v


@pytest.mark.parametrize("text,every,times", [("每年不少于2次", "年", 2), ("全年不少于4次", "全年", 4),
                                              ("每月≥1次", "月", 1)])
def test_periodicity_with_a_floor(text, every, times):
    v = parse_value(text)
    assert (v.kind, v.every, v.times) == ("periodicity", every, times)


def test_subject_before_a_glyph_comparator():
    v = parse_value("优良率≥90%")
    assert (v.subject, v.comparator, v.number, v.unit) == ("优良率", "≥", Decimal(90), "%")


@pytest.mark.parametrize("text,unit", [("≥95%（含95%）", "%"), ("100（万元）", "万元")])
def test_remark_or_unit_in_brackets(text, unit):
    v = parse_value(text)
    assert isinstance(v, Quantity) and v.unit == unit


def test_a_bad_value_with_a_remark_still_reports_its_own_error():
    from checker.values import ValueParseError

    with pytest.raises(ValueParseError) as exc:
        parse_value("≥9O%（含）")
    assert exc.value.column >= 2


@pytest.mark.parametrize("text", ["≥90%且≤95%", "≤95%且≥90%", "≥90%，且≤95%", "不低于90%且不高于95%"])
def test_two_bounds_joined_by_and_are_a_range(text):
    v = parse_value(text)
    assert isinstance(v, Range) and (v.low, v.high, v.unit) == (Decimal(90), Decimal(95), "%")


def test_two_lower_bounds_are_not_a_range():
    assert parse_value("≥90%且≥95%").kind == "qualitative"


@pytest.mark.parametrize("text,subject", [("达标率≥95%", "达标率"), ("达成率不低于90%", "达成率")])
def test_names_beginning_with_da_are_subjects(text, subject):
    v = parse_value(text)
    assert isinstance(v, Quantity) and v.subject == subject and v.comparator == "≥"
