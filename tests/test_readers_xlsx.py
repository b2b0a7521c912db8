"""The xlsx reader: cells as the sheet shows them, at the place the filer edits (issue 6)."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import InputError
from checker.readers import read
from checker.readers.numfmt import render
from checker.readers.xlsx import read_xlsx


def patch_sheet(path: Path, sheet: str, old: bytes, new: bytes) -> None:
    """Rewrite part of a sheet's XML (for what openpyxl cannot write: cached formula values,
    values left under a merged range)."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == f"xl/worksheets/{sheet}.xml":
                assert old in data, data[:500]
                data = data.replace(old, new)
            dst.writestr(info, data)
    tmp.replace(path)


def texts(grid) -> list[list[str]]:
    return [row.texts for row in grid.rows]


# --------------------------------------------------------------------------- number formats


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (0.95, "0%", "95%"),
        (0.955, "0.0%", "95.5%"),
        (1500, "General", "1500"),
        (3531.9300000000003, "0.00", "3531.93"),
        (3531.93, "General", "3531.93"),
        (0.1 + 0.2, "General", "0.3"),
        (100000, "#,##0", "100,000"),
        (2644.6, "#,##0.00", "2,644.60"),
        (-5.5, "#,##0.00;[Red]-#,##0.00", "-5.50"),
        (1500, '0.00"万元"', "1500.00万元"),
        (95, '0"%"', "95%"),  # a quoted % is shown, not a scale
        (12345.678, "[$¥-804]#,##0.00", "12,345.68"),  # the currency symbol is dropped
        (2.5, "0", "3"),  # Excel rounds half away from zero
        (20251023151615, "General", "20251023151615"),
        (1e-7, "General", "0.0000001"),
        (5, "@", "5"),
    ],
)
def test_numbers_render_as_the_sheet_shows_them(value, fmt, shown):
    assert render(value, fmt) == shown


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (dt.datetime(2026, 12, 31), "mm-dd-yy", "2026-12-31"),  # locale short date: ISO, never 12-31-26
        (dt.datetime(2026, 12, 31), 'yyyy"年"m"月"d"日"', "2026年12月31日"),
        (dt.datetime(2026, 6, 1), 'yyyy"年"m"月"', "2026年6月"),
        (dt.datetime(2026, 3, 1, 9, 30), "yyyy/m/d h:mm", "2026-03-01 09:30"),
        (dt.time(9, 30), "h:mm", "09:30"),
    ],
)
def test_dates_render_iso_or_as_a_chinese_format_spells_them(value, fmt, shown):
    assert render(value, fmt) == shown


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False))
def test_two_decimal_amounts_survive_float_storage(d):
    # Excel stores 3531.93 as a float; under "0.00" it must come back as written, no float noise.
    assert render(float(d), "0.00") == format(d, ".2f").replace("-0.00", "0.00")


FORMATS = ["General", "0", "0.00", "#,##0", "#,##0.00", "0%", "0.00%", '0.00"万元"', "@", "000",
           "#,##0.00_);[Red](#,##0.00)", "0.00E+00", "# ?/?", "[$¥-804]#,##0", "yyyy-mm-dd", ";;;", "",
           '"', "\\", "[", "0.0.0", "#,##0,"]


@settings(max_examples=300)
@given(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
              st.decimals(allow_nan=True), st.text(max_size=20), st.datetimes(), st.times()),
    st.one_of(st.sampled_from(FORMATS), st.text(max_size=12)),
)
def test_render_never_raises(value, fmt):
    assert isinstance(render(value, fmt), str)


# --------------------------------------------------------------------------- workbooks


@pytest.fixture
def project_workbook(tmp_path: Path) -> Path:
    """A project target form laid out as a filer's workbook: merged title, merged header values,
    level-1 labels merged down, amounts as numbers with formats, one amount stored as text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目1"
    ws["A1"] = "2026年项目支出绩效目标表"
    ws.merge_cells("A1:F1")
    ws["A2"] = "金额单位：万元"
    ws.append(["项目名称", "各乡镇污水处理厂、站运营费"])
    ws.merge_cells("B3:F3")
    ws.append(["年度本级预算金额", 137.25, "项目类别", "特定类项目"])
    ws.append(["一级指标", "二级指标", "三级指标", "指标值", "度量单位", "指标值类型"])
    ws.append(["产出指标", "数量指标", "污水处理量", 30, "万吨", "≥"])
    ws.append([None, "质量指标", "运行负荷率", 0.9, "%", "≥"])
    ws["D7"].number_format = "0%"
    ws.append([None, "时效指标", "完成时间", dt.datetime(2026, 12, 31), None, "≤"])
    ws["D8"].number_format = 'yyyy"年"m"月"d"日"'
    ws.merge_cells("A6:A8")
    ws.append(["成本指标", "经济成本指标", "运营资金投入", "137.25", "万元", "="])  # number stored as text
    ws2 = wb.create_sheet("说明")
    ws2["B2"] = 3531.9300000000003
    ws2["B2"].number_format = "#,##0.00"
    path = tmp_path / "project.xlsx"
    wb.save(path)
    return path


def test_rows_cells_and_places_follow_the_sheet(project_workbook):
    doc = read(project_workbook)
    assert doc.kind == "xlsx"
    assert [g.name for g in doc.grids] == ["项目1", "说明"]
    rows = texts(doc.grids[0])
    assert rows[0] == ["2026年项目支出绩效目标表"]  # merged title: text once, no padding after it
    assert rows[2] == ["项目名称", "各乡镇污水处理厂、站运营费"]
    assert rows[3] == ["年度本级预算金额", "137.25", "项目类别", "特定类项目"]
    assert rows[5] == ["产出指标", "数量指标", "污水处理量", "30", "万吨", "≥"]
    assert rows[6] == ["", "质量指标", "运行负荷率", "90%", "%", "≥"]  # merged down: first row only
    assert rows[7] == ["", "时效指标", "完成时间", "2026年12月31日", "", "≤"]
    assert rows[8][3] == "137.25"
    cell = doc.grids[0].rows[6].cells[3]
    assert (cell.place.sheet, cell.place.cell) == ("项目1", "D7")
    assert cell.place.line is None
    assert doc.grids[0].rows[6].raw == "\t质量指标\t运行负荷率\t90%\t%\t≥"
    assert texts(doc.grids[1]) == [[], ["", "3,531.93"]]
    assert doc.findings == []


def test_value_left_under_a_merged_range_is_not_read(tmp_path):
    # Excel hides a value under a merge (some exporters leave one there); the reader must too.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"], ws["C1"], ws["B2"] = "项目名称", "污水处理", "stale", "stale"
    path = tmp_path / "m.xlsx"
    wb.save(path)
    patch_sheet(path, "sheet1", b"</sheetData>",
                b'</sheetData><mergeCells count="1"><mergeCell ref="B1:D2"/></mergeCells>')
    assert texts(read_xlsx(path).grids[0]) == [["项目名称", "污水处理"], []]


def test_cached_formula_values_are_read_and_missing_ones_reported(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["A2"], ws["A3"], ws["A4"] = 887.33, 2644.6, "=A1+A2", "=A1*2"
    path = tmp_path / "f.xlsx"
    wb.save(path)
    # A3 as Excel saves it (with its cached value); A4 as a generator leaves it (no value).
    patch_sheet(path, "sheet1", b"<f>A1+A2</f><v></v>", b"<f>A1+A2</f><v>3531.9300000000003</v>")
    doc = read_xlsx(path)
    assert texts(doc.grids[0]) == [["887.33"], ["2644.6"], ["3531.93"], []]
    assert [(f.code, f.place.cell) for f in doc.findings] == [("X901", "A4")]
    assert "save it once" in doc.findings[0].message["en"]


def test_workbook_whose_formulas_all_lack_values_is_an_input_error(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["A2"] = 1, "=A1*2"
    path = tmp_path / "nocache.xlsx"
    wb.save(path)
    with pytest.raises(InputError, match="formula cells have no cached values"):
        read(path)


def test_several_forms_on_one_sheet_keep_their_order_and_blank_rows(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "2026年项目支出绩效目标表"
    ws["A2"] = "项目名称"
    ws["B2"] = "甲"
    ws["A5"] = "2026年项目支出绩效目标表"
    ws["A6"] = "项目名称"
    ws["B6"] = "乙"
    path = tmp_path / "two.xlsx"
    wb.save(path)
    grid = read(path).grids[0]
    assert texts(grid) == [["2026年项目支出绩效目标表"], ["项目名称", "甲"], [], [],
                           ["2026年项目支出绩效目标表"], ["项目名称", "乙"]]
    assert grid.rows[5].cells[1].place.cell == "B6"


def test_wrapped_cell_text_is_one_line(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "年度预\n算申请"
    wb.active["B1"] = "Annual\nbudget\tplan"
    path = tmp_path / "wrap.xlsx"
    wb.save(path)
    assert texts(read(path).grids[0]) == [["年度预算申请", "Annual budget plan"]]


def test_wrong_dimension_record_does_not_cut_the_sheet(tmp_path):
    wb = openpyxl.Workbook()
    for r in range(1, 6):
        wb.active.cell(row=r, column=1, value=f"行{r}")
    path = tmp_path / "dim.xlsx"
    wb.save(path)
    patch_sheet(path, "sheet1", b'<dimension ref="A1:A5"/>', b'<dimension ref="A1"/>')
    assert len(read(path).grids[0].rows) == 5


# Text starting with "=" is a formula to openpyxl, not a cell value.
CELL_TEXT = st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), max_size=12).filter(
    lambda s: not s.startswith("="))
CELL = st.one_of(st.none(), CELL_TEXT, st.integers(-10**12, 10**12),
                 st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(CELL, max_size=6), min_size=1, max_size=6))
def test_any_grid_reads_back_as_written(grid):
    import tempfile

    from checker.readers.container import clean_text

    wb = openpyxl.Workbook()
    ws = wb.active
    expected = []
    for r, values in enumerate(grid, start=1):
        shown = []
        for c, v in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c)
            if isinstance(v, Decimal):
                cell.value, cell.number_format = float(v), "0.00"
                shown.append(format(v, ".2f").replace("-0.00", "0.00"))
            else:
                cell.value = v
                shown.append("" if v is None else clean_text(str(v)))
        while shown and not shown[-1]:
            shown.pop()
        expected.append(shown)
    while expected and not expected[-1]:
        expected.pop()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "grid.xlsx"
        wb.save(path)
        rows = texts(read(path).grids[0])
    while rows and not rows[-1]:
        rows.pop()
    assert rows == expected
