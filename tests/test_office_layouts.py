"""Workbooks and Word files laid out as provinces' filers really lay them out give the same
findings as the tab-text export of the same form, apart from places, and their places name the
cell the filer edits (Sheet!D7 in a workbook, table/row/col in a Word file).

Each test writes one form (or two) as text, the way Word/PDF exports it (a merged label leaves
an empty cell on the rows it covers), and as an .xlsx or .docx built cell by cell with the
features real filers' files have: sheets named by the project, forms stacked on one sheet,
hidden helper columns, numbers stored as text, percentages under a % format, formulas with
cached values, labels merged down, titles merged across, header rows repeated on a second page,
notes to the right of the form, a 填表说明 sheet; Word forms split over two tables, merged
cells, nested tables, unit lines between title and table, self-evaluation forms.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from openpyxl.styles import Border, Side

from checker.readers import read

pipeline = pytest.importorskip("checker.pipeline")


@pytest.fixture(scope="module")
def pack():
    from checker.rules import load_pack

    return load_pack()


# --------------------------------------------------------------------------- the forms as text

TITLE = "2026年项目支出绩效目标表"
HEAD = [
    ["项目名称", "示例县农村饮水安全巩固提升工程运行维护经费"],
    ["主管部门", "示例县水务局", "实施单位", "示例县供水服务中心"],
    ["年度本级预算金额", "200", "项目类别", "特定类项目"],
    ["本年度绩效目标", "保障农村集中供水工程正常运行，提升农村供水保证率和水质达标率"],
]
COLUMNS = ["一级指标", "二级指标", "三级指标", "指标值", "度量单位", "指标值类型", "备注"]
# A project form with real faults: a rate over 100%, a satisfaction target below 85%, a cost
# that does not match the budget, a qualitative value without a measure.
INDICATORS = [
    ["产出指标", "数量指标", "维护集中供水工程数量", "12", "处", "≥", ""],
    ["", "", "水质检测次数", "24", "次", "≥", ""],
    ["", "质量指标", "水质检测合格率", "105", "%", "≥", ""],
    ["", "", "管网漏损率", "12", "%", "≤", ""],
    ["", "时效指标", "维修响应时间", "及时", "", "定性", ""],
    ["", "", "水质检测完成时间", "2026年12月", "", "≤", ""],
    ["效益指标", "社会效益指标", "农村集中供水保证率", "95", "%", "≥", ""],
    ["满意度指标", "服务对象满意度指标", "受益群众满意度", "80", "%", "≥", ""],
    ["成本指标", "经济成本指标", "运行维护费用", "150", "万元", "=", ""],
]


def form_rows(title: str = TITLE, head=HEAD, indicators=INDICATORS) -> list[list[str]]:
    """A whole form as the text export has it: title, unit line, header rows, the table."""
    return [[title], ["金额单位：万元"], *head, COLUMNS, *indicators]


def tab_text(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(r) for r in rows) + "\n"


def check(path: Path, pack):
    result = pipeline.check_file(str(path), pack, pipeline.CheckOptions())
    assert result.error is None, result.error
    return result


def without_places(result) -> Counter:
    """Each finding as what it says, not where (see tests/test_readers_samples.py)."""
    order = {form.id: n for n, form in enumerate(result.forms, start=1)}

    def data(f) -> tuple:
        items = {k: [order.get(x, x) for x in v] if k == "forms" and isinstance(v, list) else v
                 for k, v in f.data.items() if k != "places"}
        return tuple(sorted((k, str(v)) for k, v in items.items()))

    return Counter((f.code, f.severity, order.get(f.form, f.form), tuple(f.indicator or ()), data(f), f.text("zh"))
                   for f in result.findings)


def assert_same_as_text(office: Path, rows: list[list[str]], pack, tmp_path: Path):
    """The office file's findings equal the tab text's apart from places; returns its result."""
    text = tmp_path / "form.txt"
    text.write_text(tab_text(rows), encoding="utf-8")
    expected = check(text, pack)
    assert expected.forms and expected.findings
    got = check(office, pack)
    assert [(f.kind, f.title) for f in got.forms] == [(f.kind, f.title) for f in expected.forms]
    assert without_places(got) == without_places(expected)
    return got


def found(result, code: str, name: str | None = None):
    return [f for f in result.findings if f.code == code and (name is None or name in (f.indicator or ()))]


# --------------------------------------------------------------------------- xlsx helpers


def typed(text: str):
    """A cell's value as a filer's workbook stores it: amounts as numbers, the rest as text."""
    if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
        return float(text) if "." in text else int(text)
    return text or None


def put_form(ws, rows: list[list[str]], top: int = 1, at: list[int] | None = None, merge_labels: bool = True) -> int:
    """Write a form's rows from sheet row ``top``, form column k in sheet column ``at[k]``
    (default 1, 2, 3 …): the title merged across, header values merged to the right,
    level-1/level-2 labels merged down over the rows they head. Returns the next free row."""
    at = at or list(range(1, len(COLUMNS) + 1))
    header_at = None
    for i, cells in enumerate(rows):
        r = top + i
        for c, text in enumerate(cells):
            if text:
                ws.cell(row=r, column=at[c], value=typed(text))
        if len(cells) == 1:
            ws.merge_cells(start_row=r, start_column=at[0], end_row=r, end_column=at[-1])
        elif len(cells) == 2 and cells[0] in {h[0] for h in HEAD}:
            ws.merge_cells(start_row=r, start_column=at[1], end_row=r, end_column=at[-1])
        if cells == COLUMNS:
            header_at = i
    if merge_labels and header_at is not None:
        for c in (0, 1):
            i = header_at + 1
            while i < len(rows):
                j = i
                while j + 1 < len(rows) and not any(rows[j + 1][: c + 1]):
                    j += 1
                if j > i:
                    ws.merge_cells(start_row=top + i, start_column=at[c], end_row=top + j, end_column=at[c])
                i = j + 1
    return top + len(rows)


def where(f) -> str:
    return f"{f.place.sheet}!{f.place.cell}"


def set_cached_values(path: Path, sheet: str, values: dict[str, str]) -> None:
    """Give formula cells the cached value Excel saves with them (openpyxl writes none)."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == f"xl/worksheets/{sheet}.xml":
                for ref, value in values.items():
                    data, n = re.subn(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v\s*/>'.encode(),
                                      rf"\1\2<v>{value}</v>".encode(), data)
                    if not n:
                        data, n = re.subn(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v></v>'.encode(),
                                          rf"\1\2<v>{value}</v>".encode(), data)
                    assert n == 1, (ref, data[:400])
            dst.writestr(info, data)
    tmp.replace(path)


# --------------------------------------------------------------------------- xlsx layouts


def test_one_form_per_sheet_named_by_the_project(tmp_path, pack):
    second_head = [["项目名称", "示例县城乡供水管网改造项目"], *HEAD[1:]]
    rows1, rows2 = form_rows(), form_rows(head=second_head)
    wb = openpyxl.Workbook()
    wb.active.title = "农村饮水运维"
    put_form(wb.active, rows1)
    put_form(wb.create_sheet("供水管网改造"), rows2)
    path = tmp_path / "two_sheets.xlsx"
    wb.save(path)
    got = assert_same_as_text(path, rows1 + [[]] + rows2, pack, tmp_path)
    assert len(got.forms) == 2
    assert sorted(where(f) for f in found(got, "V204")) == ["供水管网改造!D10", "农村饮水运维!D10"]
    assert sorted(where(f) for f in found(got, "M303")) == ["供水管网改造!B5", "农村饮水运维!B5"]  # the budget


def test_two_forms_stacked_on_one_sheet_with_blank_rows_between(tmp_path, pack):
    second_head = [["项目名称", "示例县城乡供水管网改造项目"], *HEAD[1:]]
    rows1, rows2 = form_rows(), form_rows(head=second_head)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效目标"
    after = put_form(ws, rows1)
    put_form(ws, rows2, top=after + 3)
    path = tmp_path / "stacked.xlsx"
    wb.save(path)
    got = assert_same_as_text(path, rows1 + [[], [], []] + rows2, pack, tmp_path)
    assert len(got.forms) == 2
    second = after + 3 + 9  # the second form's 水质检测合格率 row
    assert sorted(where(f) for f in found(got, "V204")) == sorted(["绩效目标!D10", f"绩效目标!D{second}"])


def test_hidden_helper_column_row_and_sheet_are_not_read(tmp_path, pack):
    """Decision (checker/readers/xlsx.py): what Excel hides is not part of the form as filed.
    A hidden column of indicator codes must not shift 指标值 or be taken for a value, a hidden
    row (an indicator taken out) is not checked, a hidden sheet of drop-down lists or of last
    year's form is not a form."""
    rows = form_rows()
    old = ["", "", "水质检测合格率（旧口径）", "120", "%", "≥", ""]
    with_old = rows[:9] + [old] + rows[9:]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目绩效目标"
    put_form(ws, with_old, at=[1, 2, 3, 5, 6, 7, 8])  # column D is the helper column
    ws["D7"] = "指标编码"
    for r in range(8, 8 + len(INDICATORS) + 1):
        ws.cell(row=r, column=4, value=f"ZB{r:03d}")
    ws.column_dimensions["D"].hidden = True
    ws.row_dimensions[10].hidden = True
    lists = wb.create_sheet("下拉选项")
    for r, (l1, l2) in enumerate([("一级指标", "二级指标"), ("产出指标", "数量指标"), ("效益指标", "社会效益指标")], 1):
        lists.cell(row=r, column=1, value=l1)
        lists.cell(row=r, column=2, value=l2)
    lists.sheet_state = "hidden"
    last_year = wb.create_sheet("2025年")
    put_form(last_year, form_rows(title="2025年项目支出绩效目标表"))
    last_year.sheet_state = "hidden"
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    doc = read(path)
    assert [g.name for g in doc.grids] == ["项目绩效目标"]
    header = doc.grids[0].rows[6]
    assert header.texts == ["一级指标", "二级指标", "三级指标", "", "指标值", "度量单位", "指标值类型", "备注"]
    assert header.cells[4].place.cell == "E7"  # 指标值 stays in its own column
    got = assert_same_as_text(path, rows, pack, tmp_path)
    assert [where(f) for f in found(got, "V204")] == ["项目绩效目标!E11"]
    assert [where(f) for f in found(got, "V208")] == ["项目绩效目标!E16"]


def test_numbers_stored_as_text_with_spaces_or_units(tmp_path, pack):
    head = [HEAD[0], HEAD[1], ["年度本级预算金额", " 200 万元", "项目类别", "特定类项目"], HEAD[3]]
    indicators = [list(r) for r in INDICATORS]
    indicators[0][3] = " 12 "
    indicators[2][3] = "105 "
    indicators[8][3:5] = ["150万元", ""]
    rows = form_rows(head=head, indicators=indicators)
    wb = openpyxl.Workbook()
    ws = wb.active
    put_form(ws, rows)
    for ref, text in (("B5", " 200 万元"), ("D8", " 12 "), ("D10", "105 "), ("D16", "150万元")):
        ws[ref] = text  # as text: the filer typed it so, or pasted it from Word
        ws[ref].number_format = "@"
    path = tmp_path / "text_numbers.xlsx"
    wb.save(path)
    got = assert_same_as_text(path, rows, pack, tmp_path)
    assert [where(f) for f in found(got, "V204")] == ["Sheet!D10"]
    assert found(got, "M303") and "150" in found(got, "M303")[0].text("zh")


def test_percentages_stored_as_fractions_under_a_percent_format(tmp_path, pack):
    indicators = [list(r) for r in INDICATORS]
    for i, shown in ((2, "105%"), (3, "12%"), (6, "95%"), (7, "80%")):
        indicators[i][3:5] = [shown, ""]
    rows = form_rows(indicators=indicators)
    wb = openpyxl.Workbook()
    ws = wb.active
    put_form(ws, rows)
    for ref, value in (("D10", 1.05), ("D11", 0.12), ("D14", 0.95), ("D15", 0.8)):
        ws[ref] = value
        ws[ref].number_format = "0%"
    path = tmp_path / "percent.xlsx"
    wb.save(path)
    assert read(path).grids[0].rows[9].texts[3] == "105%"
    got = assert_same_as_text(path, rows, pack, tmp_path)
    assert [where(f) for f in found(got, "V204")] == ["Sheet!D10"]
    assert [where(f) for f in found(got, "V208")] == ["Sheet!D15"]


def test_labels_merged_down_and_title_merged_across(tmp_path, pack):
    rows = form_rows()
    wb = openpyxl.Workbook()
    ws = wb.active
    put_form(ws, rows)
    assert "A8:A13" in {str(m) for m in ws.merged_cells.ranges}  # 产出指标 over six rows
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    grid = read(path).grids[0]
    assert grid.rows[0].texts == [TITLE]
    assert [r.texts[0] for r in grid.rows[7:13]] == ["产出指标", "", "", "", "", ""]
    got = assert_same_as_text(path, rows, pack, tmp_path)
    (v207,) = found(got, "V207")
    assert v207.indicator == ["产出指标", "时效指标", "维修响应时间"] and where(v207) == "Sheet!D12"


def test_header_row_repeated_on_a_second_page(tmp_path, pack):
    """A long form printed over two pages: the filer copies the header row (重复标题行) above
    the second page's rows, or sets print titles; a PDF export shows the header on both pages."""
    rows = form_rows()
    split = 7 + 6  # after the 产出指标 rows
    paged = rows[:split] + [COLUMNS] + rows[split:]
    wb = openpyxl.Workbook()
    ws = wb.active
    put_form(ws, paged)
    ws.print_title_rows = "7:7"
    from openpyxl.worksheet.pagebreak import Break

    ws.row_breaks.append(Break(id=split))
    path = tmp_path / "paged.xlsx"
    wb.save(path)
    got = assert_same_as_text(path, paged, pack, tmp_path)
    plain = tmp_path / "plain.txt"
    plain.write_text(tab_text(rows), encoding="utf-8")
    assert without_places(got) == without_places(check(plain, pack))  # the repeat adds nothing
    assert [where(f) for f in found(got, "V208")] == ["Sheet!D16"]


def test_notes_to_the_right_of_the_form(tmp_path, pack):
    """Filers keep notes beside the form (填报提示, a check sum) in columns the form does not
    use; the printed form (and its text export) does not have them."""
    rows = form_rows()
    wb = openpyxl.Workbook()
    ws = wb.active
    put_form(ws, rows)
    ws["J1"] = "填报提示：黄色单元格为必填项"
    ws["J7"] = "说明"
    ws["J10"] = "合格率按国家标准计算"
    ws["K16"] = "与预算一致"
    ws.print_area = "A1:G16"
    path = tmp_path / "notes.xlsx"
    wb.save(path)
    got = assert_same_as_text(path, rows, pack, tmp_path)
    assert [where(f) for f in found(got, "V204")] == ["Sheet!D10"]


def test_instructions_sheet_beside_the_form_sheet(tmp_path, pack):
    rows = form_rows()
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "填表说明"
    lines = [
        ["填表说明"],
        ["一、项目支出绩效目标表"],  # an outline heading naming the form, no form under it
        ["1.本表由项目单位填报，金额单位为万元。"],
        ["一级指标", "二级指标", "三级指标", "填写要求"],
        ["产出指标", "数量指标", "如：培训人数", "反映预期提供的公共产品和服务数量"],
        ["", "质量指标", "如：验收合格率", "反映预期提供的公共产品和服务达到的标准"],
        ["效益指标", "社会效益指标", "", "反映项目实施对社会发展带来的影响"],
        ["二、部门整体支出绩效目标表"],
        ["1.部门名称：填写部门全称。"],
    ]
    for r, cells in enumerate(lines, 1):
        for c, text in enumerate(cells, 1):
            if text:
                notes.cell(row=r, column=c, value=text)
    put_form(wb.create_sheet("绩效目标表"), rows)
    path = tmp_path / "with_notes_sheet.xlsx"
    wb.save(path)
    got = assert_same_as_text(path, rows, pack, tmp_path)
    assert [where(f) for f in found(got, "V204")] == ["绩效目标表!D10"]


SELF_EVAL = [
    ["2024年度市级财政项目支出绩效自评表"],
    ["项目名称", "城区道路照明设施维护"],
    ["主管部门", "某市城市管理局", "实施单位", "某市路灯管理所"],
    ["项目资金（元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率（%）", "得分"],
    ["年度资金总额", "1,200,000.00", "1,250,000.00", "1,125,000.00", "10", "90.00", "10"],
    ["其中：当年财政拨款", "1,000,000.00", "1,050,000.00", "1,008,000.00", "—", "96.00", "—"],
    ["上年结转资金", "200,000.00", "200,000.00", "117,000.00", "—", "58.50", "—"],
    ["其他资金", "0.00", "0.00", "0.00", "—", "—", "—"],
    ["年度总体目标", "预期目标", "实际完成情况"],
    ["", "维护城区路灯5000盏以上，亮灯率不低于98%。", "维护路灯5120盏，亮灯率96.5%。"],
    ["一级指标", "二级指标", "三级指标", "指标值类型", "目标值", "度量单位", "完成值", "权重", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "维护路灯数量", "定量", "≥5000", "盏", "5120", "15", "15", ""],
    ["", "质量指标", "亮灯率", "定量", "≥98", "%", "96.5", "10", "10", ""],
    ["", "时效指标", "故障修复时限", "定量", "≤24", "小时", "20", "10", "10", ""],
    ["", "成本指标", "单盏年维护成本", "定量", "≤240", "元", "225", "15", "16", ""],
    ["效益指标", "社会效益指标", "夜间出行条件", "定性", "明显改善", "", "明显改善", "15", "15", ""],
    ["", "可持续影响指标", "设施完好率", "定量", "≥95", "%", "97", "15", "12", ""],
    ["满意度指标", "服务对象满意度指标", "市民满意度", "定量", "≥90", "%", "92", "10", "10", ""],
    ["总分", "", "", "", "", "", "", "100", "96", ""],
    ["自评等级", "良"],
]


def test_self_evaluation_totals_by_formula_with_cached_values(tmp_path, pack):
    """年度资金总额 and 总分 computed by formulas: the workbook keeps the value Excel computed."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    for r, cells in enumerate(SELF_EVAL, 1):
        for c, text in enumerate(cells, 1):
            if not text:
                continue
            cell = ws.cell(row=r, column=c)
            plain = text.replace(",", "")
            if re.fullmatch(r"[0-9]+\.[0-9]+", plain) and "," in text or text == "0.00":
                cell.value, cell.number_format = float(plain), "#,##0.00"
            elif re.fullmatch(r"[0-9]+(\.[0-9]+)?", text):
                cell.value = typed(text)
                if re.search(r"\.[0-9]{2}$", text):  # 90.00 shows its zeros: a 0.00 format
                    cell.number_format = "0.00"
            else:
                cell.value = text
    thin = Side(style="thin")
    for row in ws["A2:J20"]:
        for cell in row:  # the table drawn with borders: its empty 偏差原因分析 cells are cells
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.merge_cells("A1:J1")
    ws.merge_cells("A12:A15")
    ws.merge_cells("A16:A17")
    for col in "BCD":
        ws[f"{col}5"] = f"=SUM({col}6:{col}8)"
        ws[f"{col}5"].number_format = "#,##0.00"
    ws["F5"] = "=ROUND(D5/C5*100,2)"
    ws["F5"].number_format = "0.00"
    ws["H19"], ws["I19"] = "=SUM(H12:H18)", "=SUM(I12:I18)"
    path = tmp_path / "self_eval.xlsx"
    wb.save(path)
    set_cached_values(path, "sheet1", {"B5": "1200000", "C5": "1250000", "D5": "1125000", "F5": "90",
                                       "H19": "100", "I19": "96"})
    doc = read(path)
    assert doc.findings == []
    assert doc.grids[0].rows[4].texts[:4] == ["年度资金总额", "1,200,000.00", "1,250,000.00", "1,125,000.00"]
    got = assert_same_as_text(path, SELF_EVAL, pack, tmp_path)
    assert got.forms[0].kind == "project_self_eval"
    codes = {f.code for f in got.findings}
    assert codes & {"E401", "E402", "E403", "E404", "E405"}
    assert all(f.place.sheet == "自评表" for f in got.findings if f.place.cell)


# --------------------------------------------------------------------------- docx layouts


def label_merges(rows: list[list[str]]) -> list[tuple[int, int, int]]:
    """(column, first row, last row) of the level-1/level-2 labels merged down under the
    header row naming 三级指标, as a Word filer merges them."""
    at = next((i for i, r in enumerate(rows) if "三级指标" in r), None)
    out = []
    if at is None:
        return out
    for c in (0, 1):
        i = at + 1
        while i < len(rows):
            j = i
            if rows[i][c]:
                while j + 1 < len(rows) and not any(rows[j + 1][: c + 1]) and any(rows[j + 1]):
                    j += 1
            if j > i:
                out.append((c, i, j))
            i = j + 1
    return out


def put_table(d, rows: list[list[str]], width: int | None = None):
    """A Word table of ``rows``: a short row's last value merged across to the right edge
    (gridSpan), labels merged down (vMerge), borders as the Table Grid style draws them."""
    width = width or max(len(r) for r in rows)
    t = d.add_table(rows=len(rows), cols=width)
    t.style = "Table Grid"
    for i, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text:
                t.cell(i, c).text = text
        filled = [c for c, text in enumerate(cells) if text]
        if filled and filled[-1] < width - 1 and len(cells) < width:
            top = t.cell(i, filled[-1])
            text = top.text
            top.merge(t.cell(i, width - 1)).text = text
    for c, r1, r2 in label_merges(rows):
        top = t.cell(r1, c)
        text = top.text
        top.merge(t.cell(r2, c)).text = text
    return t


def put_docx_form(d, rows: list[list[str]], split_at: int | None = None, repeat_header: bool = False) -> None:
    """Title and unit line as paragraphs, the rest as one table, or two when the form runs
    over a page break at row ``split_at`` (the header row repeated on the second, or not)."""
    d.add_paragraph(rows[0][0])
    d.add_paragraph(rows[1][0])
    body = rows[2:]
    if split_at is None:
        put_table(d, body, width=len(COLUMNS))
        return
    first, second = body[: split_at - 2], body[split_at - 2:]
    put_table(d, first, width=len(COLUMNS))
    d.add_paragraph().add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    put_table(d, ([COLUMNS] if repeat_header else []) + second, width=len(COLUMNS))


def test_several_forms_each_in_its_table_under_its_title_paragraph(tmp_path, pack):
    second_head = [["项目名称", "示例县城乡供水管网改造项目"], *HEAD[1:]]
    rows1, rows2 = form_rows(), form_rows(head=second_head)
    d = docx.Document()
    d.add_paragraph("附件2")
    d.add_paragraph("一、项目支出绩效目标表")  # the section's heading over the forms' own titles
    put_docx_form(d, rows1)
    d.add_paragraph("")
    put_docx_form(d, rows2)
    path = tmp_path / "two_forms.docx"
    d.save(path)
    grid = read(path).grids[0]
    assert grid.rows[3].texts == ["金额单位：万元"]  # the unit line stays between title and table
    got = assert_same_as_text(path, [["附件2"], ["一、项目支出绩效目标表"], *rows1, [], *rows2], pack, tmp_path)
    assert len(got.forms) == 2
    places = sorted((f.place.table, f.place.row, f.place.col) for f in found(got, "V204"))
    assert places == [(1, 8, 4), (2, 8, 4)]  # 水质检测合格率 ⇥ 105: the value cell of each table


@pytest.mark.parametrize("repeat_header", [False, True])
def test_form_split_over_two_tables_by_a_page_break(tmp_path, pack, repeat_header):
    rows = form_rows()
    split = 7 + 5  # the second page starts with 水质检测完成时间 (under 产出指标 ⇥ 时效指标)
    d = docx.Document()
    put_docx_form(d, rows, split_at=split, repeat_header=repeat_header)
    path = tmp_path / "split.docx"
    d.save(path)
    # The text export of the two tables: the page break is an empty line between them.
    text_rows = rows[:split] + [[]] + ([COLUMNS] if repeat_header else []) + rows[split:]
    got = assert_same_as_text(path, text_rows, pack, tmp_path)
    plain = tmp_path / "plain.txt"
    plain.write_text(tab_text(rows), encoding="utf-8")
    assert without_places(got) == without_places(check(plain, pack))  # as if never split
    v208 = found(got, "V208")[0]
    assert (v208.place.table, v208.place.col) == (2, 4)


def test_form_table_nested_in_a_frame_table(tmp_path, pack):
    """Some templates draw the whole form inside a one-cell frame table."""
    rows = form_rows()
    d = docx.Document()
    d.add_paragraph(rows[0][0])
    frame = d.add_table(rows=1, cols=1).cell(0, 0)
    frame.paragraphs[0].text = rows[1][0]
    inner = put_table(d, rows[2:], width=len(COLUMNS))
    frame._tc.append(inner._tbl)  # move the form's table into the frame's cell
    frame.add_paragraph("")
    path = tmp_path / "framed.docx"
    d.save(path)
    got = assert_same_as_text(path, rows, pack, tmp_path)
    (v204,) = found(got, "V204")
    assert (v204.place.table, v204.place.row, v204.place.col) == (2, 8, 4)


def test_self_evaluation_as_a_word_table(tmp_path, pack):
    d = docx.Document()
    d.add_paragraph(SELF_EVAL[0][0])
    put_table(d, SELF_EVAL[1:], width=10)
    path = tmp_path / "self_eval.docx"
    d.save(path)
    got = assert_same_as_text(path, SELF_EVAL, pack, tmp_path)
    assert got.forms[0].kind == "project_self_eval"
    e406 = found(got, "E406")
    assert e406 and all(f.place.table == 1 and f.place.col == 10 for f in e406)


def test_title_and_unit_as_merged_rows_of_the_table(tmp_path, pack):
    """Some Word templates put the title and the unit line in the table's first rows, each
    one cell spanning the table (gridSpan)."""
    rows = form_rows()
    d = docx.Document()
    put_table(d, rows, width=len(COLUMNS))
    path = tmp_path / "title_row.docx"
    d.save(path)
    assert read(path).grids[0].rows[0].texts == [TITLE]  # the span's covered columns are no cells
    got = assert_same_as_text(path, rows, pack, tmp_path)
    (v204,) = found(got, "V204")
    assert (v204.place.table, v204.place.row, v204.place.col) == (1, 10, 4)


def test_continued_table_under_a_xubiao_line(tmp_path, pack):
    """The second page's table under a 续表 line, with the header row repeated."""
    rows = form_rows()
    d = docx.Document()
    d.add_paragraph(rows[0][0])
    d.add_paragraph(rows[1][0])
    put_table(d, rows[2:12], width=len(COLUMNS))
    d.add_paragraph("续表")
    put_table(d, [COLUMNS, *rows[12:]], width=len(COLUMNS))
    path = tmp_path / "xubiao.docx"
    d.save(path)
    got = assert_same_as_text(path, rows[:12] + [["续表"], COLUMNS] + rows[12:], pack, tmp_path)
    plain = tmp_path / "plain.txt"
    plain.write_text(tab_text(rows), encoding="utf-8")
    assert without_places(got) == without_places(check(plain, pack))
    (v208,) = found(got, "V208")
    assert (v208.place.table, v208.place.row, v208.place.col) == (2, 4, 4)


def test_self_evaluation_rates_as_percent_cells_and_amounts_as_text(tmp_path, pack):
    """执行率 stored as 0.9 under 0.00% and a 完成值 as 0.965 under 0.0%; the sources' amounts
    typed as text with a thousands separator and a trailing blank (pasted from Word)."""
    rows = [list(r) for r in SELF_EVAL]
    for r, shown in ((4, "90.00%"), (5, "96.00%"), (6, "58.50%")):
        rows[r][5] = shown
    rows[12][5:7] = ["%", "96.5%"]
    wb = openpyxl.Workbook()
    ws = wb.active
    thin = Side(style="thin")
    for r, cells in enumerate(rows, 1):
        for c, text in enumerate(cells, 1):
            cell = ws.cell(row=r, column=c, value=typed(text) if text else None)
            if r > 1:
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for ref, value, fmt in (("F5", 0.9, "0.00%"), ("F6", 0.96, "0.00%"), ("F7", 0.585, "0.00%"),
                            ("G13", 0.965, "0.0%")):
        ws[ref], ws[ref].number_format = value, fmt
    for r in (6, 7):
        for col in "BCD":
            ws[f"{col}{r}"] = rows[r - 1]["BCD".index(col) + 1] + " "  # text, as pasted
    ws.merge_cells("A1:J1")
    ws.merge_cells("A12:A15")
    ws.merge_cells("A16:A17")
    path = tmp_path / "self_eval_pct.xlsx"
    wb.save(path)
    assert read(path).grids[0].rows[4].texts[5] == "90.00%"
    got = assert_same_as_text(path, rows, pack, tmp_path)
    (e402,) = found(got, "E402")
    assert "90.00%" in e402.text("zh")
    assert {f.place.cell for f in found(got, "E406")} == {"J13", "J17"}


def _replace_cell_xml(cell, inner: str) -> None:
    """Replace a Word table cell's paragraphs with raw WordprocessingML runs."""
    for p in list(cell._tc.iterchildren()):
        if p.tag.endswith("}p"):
            cell._tc.remove(p)
    cell._tc.append(parse_xml(f"<w:p {nsdecls('w')}>{inner}</w:p>"))


def test_word_field_results_and_tracked_changes_read_as_shown(tmp_path, pack):
    """A budget computed by a Word formula field ({=SUM(BELOW)}) reads as its result, not its
    code; a value edited with track changes on reads as the accepted text (the deletion is
    not read, the insertion is)."""
    rows = form_rows()
    d = docx.Document()
    d.add_paragraph(rows[0][0])
    d.add_paragraph(rows[1][0])
    t = put_table(d, rows[2:], width=len(COLUMNS))
    _replace_cell_xml(t.cell(2, 1), '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                      '<w:r><w:instrText xml:space="preserve"> =SUM(BELOW) </w:instrText></w:r>'
                      '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>200</w:t></w:r>'
                      '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    _replace_cell_xml(t.cell(7, 3), '<w:del w:id="1" w:author="a"><w:r><w:delText>120</w:delText></w:r></w:del>'
                      '<w:ins w:id="2" w:author="a"><w:r><w:t>105</w:t></w:r></w:ins>')
    path = tmp_path / "fields.docx"
    d.save(path)
    assert read(path).grids[0].rows[4].texts[:2] == ["年度本级预算金额", "200"]
    got = assert_same_as_text(path, rows, pack, tmp_path)
    (v204,) = found(got, "V204")
    assert "105" in v204.text("zh") and (v204.place.table, v204.place.row, v204.place.col) == (1, 8, 4)


def test_indicator_table_nested_in_the_cell_beside_its_caption(tmp_path, pack):
    """A two-column form table (label ⇥ content) whose 本年度绩效指标 row holds the indicator
    table nested in its right-hand cell."""
    rows = form_rows()
    d = docx.Document()
    d.add_paragraph(rows[0][0])
    d.add_paragraph(rows[1][0])
    outer = d.add_table(rows=len(HEAD) + 1, cols=2)
    outer.style = "Table Grid"
    for i, cells in enumerate(HEAD):
        outer.cell(i, 0).text, outer.cell(i, 1).text = cells[0], cells[1]
    caption = outer.cell(len(HEAD), 0)
    caption.text = "本年度绩效指标"
    inner = put_table(d, [COLUMNS, *INDICATORS], width=len(COLUMNS))
    outer.cell(len(HEAD), 1)._tc.append(inner._tbl)
    path = tmp_path / "nested.docx"
    d.save(path)
    grid = read(path).grids[0]
    assert grid.rows[6].texts == ["本年度绩效指标", ""]  # the nested table is not the cell's text
    assert grid.rows[7].texts == COLUMNS and grid.rows[7].cells[0].place.table == 2
    two_col_head = [r[:2] for r in HEAD]
    text_rows = [rows[0], rows[1], *two_col_head, ["本年度绩效指标"], COLUMNS, *INDICATORS]
    got = assert_same_as_text(path, text_rows, pack, tmp_path)
    (v204,) = found(got, "V204")
    assert (v204.place.table, v204.place.row, v204.place.col) == (2, 4, 4)


# --------------------------------------------------------------------------- every province fixture

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Text whose rows the export shifted (a merged cell's neighbours slid left) cannot be laid
# back out as the Word table it came from; and one form exported one cell per line.
NOT_A_TABLE_LAYOUT = {("project_10hao_tab_clean", "docx"), ("project_lines_score_pair", "xlsx"),
                      ("project_lines_score_pair", "docx"), ("department_sources_lines", "xlsx"),
                      ("department_sources_lines", "docx")}
PROVINCE_TEXTS = sorted(p for p in [*(FIXTURES / "provinces").glob("*.txt"), *(FIXTURES / "self_eval").glob("*.txt")])


def _build_samples():
    import sys

    sys.path.insert(0, str(FIXTURES.parent.parent / "samples"))
    try:
        import build_samples
    finally:
        sys.path.pop(0)
    return build_samples


@pytest.mark.parametrize("ext", ["xlsx", "docx"])
@pytest.mark.parametrize("src", PROVINCE_TEXTS, ids=lambda p: p.stem)
def test_every_province_form_reads_the_same_from_a_workbook_and_a_word_file(src, ext, tmp_path, pack):
    """Each province fixture laid out as a filer's workbook or Word file (samples/build_samples:
    title merged across, header values merged right, labels merged down, amounts as numbers)
    gives the text's findings."""
    if (src.stem, ext) in NOT_A_TABLE_LAYOUT:
        pytest.skip("the text does not say which table it came from")
    bs = _build_samples()
    rows = bs.text_rows(src)
    out = tmp_path / f"{src.stem}.{ext}"
    if ext == "xlsx":
        bs.build_xlsx(rows, False, out)
        wb = openpyxl.load_workbook(out)
        for ws in wb.worksheets:  # "=3531.93万元" typed as text in Excel is text, not a formula
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        cell.data_type = "s"
        wb.save(out)
    else:
        bs.build_docx(rows, out)
    expected = check(src, pack)
    got = check(out, pack)
    assert [(f.kind, f.title) for f in got.forms] == [(f.kind, f.title) for f in expected.forms]
    assert without_places(got) == without_places(expected)


def test_labels_merged_down_from_a_hidden_row_show_on_the_first_visible_row(tmp_path, pack):
    """The filer hid the first row under 产出指标 ⇥ 数量指标 (a template row not used): Excel
    shows the merged labels in the first visible row, and so must the reader."""
    rows = form_rows()
    wb = openpyxl.Workbook()
    ws = wb.active
    put_form(ws, rows)
    ws.row_dimensions[8].hidden = True  # 维护集中供水工程数量, first row of A8:A13 and B8:B9
    path = tmp_path / "hidden_anchor.xlsx"
    wb.save(path)
    grid = read(path).grids[0]
    assert grid.rows[7].texts[:3] == ["产出指标", "数量指标", "水质检测次数"]
    assert grid.rows[7].cells[0].place.cell == "A9"
    shown = [list(r) for r in INDICATORS[1:]]
    shown[0][:2] = ["产出指标", "数量指标"]
    got = assert_same_as_text(path, form_rows(indicators=shown), pack, tmp_path)
    assert [where(f) for f in found(got, "V204")] == ["Sheet!D10"]


def test_hidden_word_text_is_not_read(tmp_path, pack):
    """A note the filer formatted as hidden (w:vanish) beside a value: not shown, not printed,
    not read, as hidden cells in a workbook are not."""
    rows = form_rows()
    d = docx.Document()
    put_docx_form(d, rows)
    cell = d.tables[0].cell(7, 3)  # 水质检测合格率 ⇥ 105
    run = cell.paragraphs[0].add_run("（上年为120，待核）")
    run.font.hidden = True
    path = tmp_path / "vanish.docx"
    d.save(path)
    assert read(path).grids[0].rows[9].texts[3] == "105"
    got = assert_same_as_text(path, rows, pack, tmp_path)
    assert [(f.place.table, f.place.row, f.place.col) for f in found(got, "V204")] == [(1, 8, 4)]


def test_a_numbered_title_over_its_own_table_is_the_form(tmp_path, pack):
    """一、项目支出绩效目标表 with the form's table under it is the form's title; a numbered
    heading is dropped only when no indicator table follows it."""
    rows = [["一、项目支出绩效目标表"], *form_rows()[1:]]
    d = docx.Document()
    put_docx_form(d, rows)
    path = tmp_path / "numbered.docx"
    d.save(path)
    got = assert_same_as_text(path, rows, pack, tmp_path)
    assert [f.title for f in got.forms] == ["一、项目支出绩效目标表"]
    assert found(got, "V204")


@pytest.mark.parametrize(("cells", "is_header"), [
    (["一级指标", "二级指标", "三级指标", "填写要求"], False),  # a 填表说明 table
    (["一级指标", "二级指标", "三级指标", "含义"], False),
    (["一级指标", "二级指标", "三级指标", "年度目标", "说明"], True),  # a form's own notes column
    (["一级指标", "二级指标", "三级指标", "指标值", "填报说明"], True),  # a value column: a form
])
def test_an_instruction_table_header_is_no_indicator_table(cells, is_header):
    from checker.layout.table import read_header
    from checker.model import Cell, Place, Row

    row = Row(cells=[Cell(text=t, place=Place(line=1, column=i + 1)) for i, t in enumerate(cells)],
              place=Place(line=1, column=1), raw="\t".join(cells))
    assert (read_header(row) is not None) == is_header
