"""Cell values as Excel stores them and the filer sees them, read back as the checker's text.

Each case is a cell of a workbook built as a filer's Excel or WPS leaves it: a number with its
number format, a date serial, a text cell with a leading apostrophe, a number stored as text
(Excel's green triangle), a boolean. The text the reader gives must be what the value grammar
(or, for signed amounts, the budget-table number reader) turns back into the stored value.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.layout.budget_numbers import number
from checker.readers.numfmt import render
from checker.readers.xlsx import read_xlsx
from checker.values import parse_value

ZH_DATE = 'yyyy"年"m"月"d"日"'
ACCOUNTING_CNY = '_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ '  # zh-CN Excel's 会计专用
CURRENCY_BRACKETS = '"¥"#,##0.00_);"¥"\\(#,##0.00\\)'  # 货币, negatives in brackets

# (value written, number format or None, text the checker reads)
CELLS = [
    (12000000, "General", "12000000"),  # General: no 1.2E+07
    (12000000, "0.00E+00", "12000000"),  # shown 1.20E+07, read as the number
    (123456789012, "General", "123456789012"),  # Excel shows 1.23457E+11: all digits are read
    (dt.datetime(2024, 12, 31), "yyyy-mm-dd", "2024-12-31"),
    (45657, "yyyy/m/d", "2024-12-31"),  # a serial under a date format
    (dt.datetime(2024, 12, 31, 9, 0), "yyyy-mm-dd", "2024-12-31"),  # time set, not shown
    (dt.time(17, 30), "h:mm", "17:30"),
    (0.5, "hh:mm", "12:00"),
    (0.955, "0.0%", "95.5%"),
    (0.9, "0%", "90%"),
    (-1200, CURRENCY_BRACKETS, "-1,200.00"),  # shown ¥(1,200.00)
    (1200, CURRENCY_BRACKETS, "1,200.00"),
    (-1200, ACCOUNTING_CNY, "-1,200.00"),
    (137.25, ACCOUNTING_CNY, "137.25"),
    (1500, '0.00"万元"', "1500.00万元"),
    (2644.6, '#,##0.00"万元"', "2,644.60万元"),
    (1500, 'G/通用格式"万元"', "1500万元"),  # General spelt the zh-CN way, with a unit
    (12345678, '#,##0,"千元"', "12,346千元"),  # a trailing comma shows thousands
    ("137.25", None, "137.25"),  # number stored as text (green triangle)
    (" 1,200.00 ", None, "1,200.00"),
    ("'137.25", None, "137.25"),  # the apostrophe written into the text by an export tool
    ("'2026-12-31", None, "2026-12-31"),
    ("'十四五'规划项目", None, "'十四五'规划项目"),  # a quote mark in prose stays
    (5, ";;;", ""),  # hidden by its format: Excel shows and prints nothing
    (0, "0;-0;;@", ""),  # zeros hidden
    (-3, "0;-0;;@", "-3"),
    (True, None, "TRUE"),
    (False, None, "FALSE"),
]


@pytest.fixture(scope="module")
def values_workbook(tmp_path_factory) -> Path:
    """One sheet: label in A, the value in B with its format, row by row as CELLS."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "取值"
    for r, (value, fmt, _) in enumerate(CELLS, start=1):
        ws.cell(row=r, column=1, value=f"指标{r}")
        cell = ws.cell(row=r, column=2, value=value)
        if fmt:
            cell.number_format = fmt
    ws.cell(row=len(CELLS) + 1, column=1, value="金额")
    quoted = ws.cell(row=len(CELLS) + 1, column=2, value="0012")
    quoted.quotePrefix = True  # typed '0012: Excel keeps the text and its leading zeros
    path = tmp_path_factory.mktemp("xlsx") / "values.xlsx"
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def read_values(values_workbook) -> list[str]:
    grid = read_xlsx(values_workbook).grids[0]
    return [row.cells[1].text if len(row.cells) > 1 else "" for row in grid.rows]  # a hidden value: no cell


@pytest.mark.parametrize(("index", "case"), list(enumerate(CELLS)), ids=[repr(c[:2]) for c in CELLS])
def test_cell_reads_as_the_filer_sees_it(read_values, index, case):
    assert read_values[index] == case[2]


def test_quote_prefixed_text_keeps_its_leading_zeros(read_values):
    assert read_values[len(CELLS)] == "0012"


def test_read_dates_and_amounts_parse_to_the_stored_values(read_values):
    by_text = dict(zip((c[2] for c in CELLS), read_values))
    date = parse_value(by_text["2024-12-31"])
    assert (date.kind, date.year, date.month, date.day) == ("date", 2024, 12, 31)
    rate = parse_value(by_text["95.5%"])
    assert (rate.number, rate.unit) == (Decimal("95.5"), "%")
    money = parse_value(by_text["2,644.60万元"])
    assert (money.number, money.unit) == (Decimal("2644.60"), "万元")
    assert parse_value(by_text["12000000"]).number == Decimal(12000000)
    assert number(by_text["-1,200.00"]) == Decimal("-1200.00")


def _with_zh_builtin_format(path: Path, fmt_code: str, builtin_id: int) -> None:
    """Rewrite a workbook as WPS / zh-CN Excel save it: the cell's style names the built-in
    format id (31 is yyyy"年"m"月"d"日") and the format itself is not defined in styles.xml."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/styles.xml":
                text = data.decode()
                m = re.search(r'<numFmt numFmtId="(\d+)" formatCode="[^"]*"/>', text)
                assert m, text[:300]
                text = text.replace(m.group(0), "").replace(f'numFmtId="{m.group(1)}"', f'numFmtId="{builtin_id}"')
                data = text.encode()
            dst.writestr(info, data)
    tmp.replace(path)


@pytest.mark.parametrize(
    ("builtin_id", "fmt", "serial", "shown"),
    [
        (31, ZH_DATE, 45657, "2024年12月31日"),
        (57, 'yyyy"年"m"月"', 45627, "2024年12月"),
        (58, 'm"月"d"日"', 45657, "12月31日"),
        (32, 'h"时"mm"分"', 0.375, "9时00分"),
    ],
)
def test_zh_cn_builtin_date_formats_show_the_date_not_the_serial(tmp_path, builtin_id, fmt, serial, shown):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "完成时间"
    ws["B1"] = serial
    ws["B1"].number_format = fmt
    path = tmp_path / "wps.xlsx"
    wb.save(path)
    _with_zh_builtin_format(path, fmt, builtin_id)
    assert read_xlsx(path).grids[0].rows[0].texts == ["完成时间", shown]


def test_zh_builtin_date_reads_as_a_date(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = 45657
    ws["A1"].number_format = ZH_DATE
    path = tmp_path / "wps.xlsx"
    wb.save(path)
    _with_zh_builtin_format(path, ZH_DATE, 31)
    value = parse_value(read_xlsx(path).grids[0].rows[0].texts[0])
    assert (value.kind, value.year, value.month, value.day) == ("date", 2024, 12, 31)


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (45657, "yyyy-mm-dd", "2024-12-31"),
        (45657.375, "yyyy-mm-dd hh:mm", "2024-12-31 09:00"),
        (45657.375, "yyyy-mm-dd", "2024-12-31"),
        (45657, "[DBNum1][$-804]" + ZH_DATE, "2024年12月31日"),
        (45657, "[$-F800]dddd, mmmm dd, yyyy", "2024-12-31"),
        (0.75, '上午/下午h"时"mm"分"', "下午6时00分"),
        (1.5, "[h]:mm:ss", "36:00:00"),
        (59, "yyyy-mm-dd", "1900-02-28"),  # serials before Excel's phantom 1900-02-29
        (61, "yyyy-mm-dd", "1900-03-01"),
        (3000000, "yyyy-mm-dd", "3000000"),  # past 9999-12-31: Excel shows ####; the number stays
        (1, '0"天"', "1天"),  # a d inside quotes is no date
        (5, "0.00e+00", "5"),
    ],
)
def test_serials_under_date_and_time_formats(value, fmt, shown):
    assert render(value, fmt) == shown


# --------------------------------------------------------------------------- properties

# Formats that show every digit of a number with at most two decimals (no rounding away).
AMOUNT_FORMATS = ["General", "0.00", "#,##0.00", '0.00"万元"', '#,##0.00"万元"', "0.00E+00",
                  '"¥"#,##0.00', "[$¥-804]#,##0.00", ACCOUNTING_CNY, CURRENCY_BRACKETS, "G/通用格式",
                  "0.00_ ", "#,##0.00_);[Red]\\(#,##0.00\\)", 'G/通用格式"元"', "@"]
amounts = st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=400, deadline=None)
@given(amounts, st.sampled_from(AMOUNT_FORMATS), st.booleans())
def test_an_amount_renders_to_a_text_the_grammar_reads_back(d, fmt, stored_as_float):
    # Excel stores the number as a float; a filing tool may hand over the exact Decimal.
    text = render(float(d) if stored_as_float else d, fmt)
    value = parse_value(text)
    if value.kind == "date":
        # 1956.2 or 2026.12 is year.month to the grammar whatever the cell's format: the text
        # is what the filer sees, so the reader can do no better (the grammar's choice)
        assert re.fullmatch(r"(19|20)\d\d[.．](0?[1-9]|1[0-2])", text) and (value.year, value.month) == (
            int(d), int(text.split(".")[1])), text
        return
    assert value.number == d, text


@settings(max_examples=300, deadline=None)
@given(amounts.map(lambda d: -d).filter(lambda d: d < 0), st.sampled_from(AMOUNT_FORMATS[:-1]))
def test_a_negative_amount_is_read_with_its_sign(d, fmt):
    # shown in brackets or red by the format; the budget tables read it signed
    assert number(render(float(d), fmt)) == d


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, max_value=100, places=4, allow_nan=False), st.sampled_from(["0.00%", "0.00%;[Red]-0.00%"]))
def test_a_rate_renders_to_the_percentage_the_grammar_reads(d, fmt):
    value = parse_value(render(float(d), fmt))
    assert (value.number, value.unit) == (d * 100, "%")


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2099, 12, 31)),  # the years forms use
       st.sampled_from(["yyyy-mm-dd", "yyyy/m/d", ZH_DATE, "[$-804]" + ZH_DATE, "mm-dd-yy"]))
def test_a_date_serial_renders_to_the_date_the_grammar_reads(day, fmt):
    serial = (day - dt.date(1899, 12, 30)).days
    value = parse_value(render(serial, fmt))
    assert (value.kind, value.year, value.month, value.day) == ("date", day.year, day.month, day.day)


ALL_FORMATS = AMOUNT_FORMATS + ["0.0%", ZH_DATE, 'yyyy"年"m"月"', "h:mm", "[h]:mm:ss", '上午/下午h"时"mm"分"',
                                ";;;", "0;-0;;@", '#,##0,"千元"', "# ?/?", "0.00E+00", "[$-F800]dddd, mmmm dd, yyyy"]


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.integers(min_value=-10**20, max_value=10**20), st.floats(allow_nan=True, allow_infinity=True),
                 st.decimals(allow_nan=True), st.booleans()),
       st.one_of(st.sampled_from(ALL_FORMATS), st.text(alphabet='0#?.,;%"[]$¥ymdhsE+-@G/通用格式万元_*\\', max_size=16)))
@example(Decimal(1), "E-万")  # an E and its sign with no digit after stalled the tokenizer (memory ran out)
def test_rendering_any_number_under_any_format_never_raises(value, fmt):
    assert isinstance(render(value, fmt), str)


def test_a_1904_workbook_dates_its_serials_from_1904(tmp_path):
    wb = openpyxl.Workbook()
    wb.epoch = dt.datetime(1904, 1, 1)  # old Mac Excel's date system
    ws = wb.active
    ws["A1"] = 45657 - 1462  # 2024-12-31 counted from 1904
    ws["A1"].number_format = ZH_DATE
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    _with_zh_builtin_format(path, ZH_DATE, 31)
    assert read_xlsx(path).grids[0].rows[0].texts == ["2024年12月31日"]
