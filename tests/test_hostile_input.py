"""Hostile input: broken, encrypted, mis-named, huge or oddly encoded files never give a
traceback; each is a clear InputError (one line, exit 2) or an X901 finding (issue 6)."""

from __future__ import annotations

import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from checker.errors import InputError
from checker.readers import read
from checker.readers.text import read_text

ROOT = Path(__file__).resolve().parent.parent

# A real form's first rows (seed 000, byte-identical), for the encoding tests.
FORM_TEXT = (
    "2026年项目支出绩效目标表\n\n填报单位（盖章）：株洲市渌口区住房和城乡建设局\n\n金额单位：万元\n\n"
    "项目名称\t各乡镇污水处理厂、站运营费\t\t\t\t\t\t\t\n"
    "年度本级预算金额\t137.25\t项目类别\t特定类项目\t\t\t\t\t\n"
    "本年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t度量单位\t指标值类型\t备注\t\n"
    "\t产出指标\t数量指标\t污水处理量\t30\t万吨\t≥\t\t\n"
)


def cfb(stream_names: list[str]) -> bytes:
    """A minimal OLE2 compound file (what Office writes for a password-protected .xlsx/.docx
    or an old .xls/.doc): header, one FAT sector, one directory sector of named streams."""
    end, free, fat_sect = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack(
        "<HHHHH6sIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, bytes(6), 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<109I", 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sect, end, *([free] * 126))

    def entry(name: str, kind: int, child: int = free, right: int = free) -> bytes:
        raw = (name + "\0").encode("utf-16-le")
        return struct.pack("<64sHBBIII16sIQQIQ", raw, len(raw), kind, 1, free, right, child,
                           bytes(16), 0, 0, 0, end, 0)

    entries = [entry("Root Entry", 5, child=1 if stream_names else free)]
    for i, name in enumerate(stream_names):
        entries.append(entry(name, 2, right=i + 2 if i + 1 < len(stream_names) else free))
    directory = b"".join(entries).ljust(512, b"\0")
    return header + fat + directory


def save_form_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    for line in FORM_TEXT.splitlines():
        wb.active.append(line.split("\t"))
    wb.save(path)
    return path


def save_form_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("2026年项目支出绩效目标表")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "项目名称", "各乡镇污水处理厂、站运营费"
    d.save(path)
    return path


def input_error(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read(path)
    message = str(info.value)
    assert str(path) in message and "\n" not in message
    return message


# --------------------------------------------------------------------------- broken containers


@pytest.mark.parametrize("name", ["empty.xlsx", "empty.docx", "empty.txt", "empty.json", "empty"])
def test_empty_file(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    assert "empty" in input_error(path)


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_corrupt_zip(tmp_path, kind):
    good = save_form_xlsx(tmp_path / "good.xlsx") if kind == "xlsx" else save_form_docx(tmp_path / "good.docx")
    data = good.read_bytes()
    bad = tmp_path / f"bad.{kind}"
    bad.write_bytes(data[: len(data) // 2])  # a download cut off half-way
    assert f"not a valid .{kind}" in input_error(bad)


def test_damaged_member_inside_a_valid_zip(tmp_path):
    good = save_form_xlsx(tmp_path / "good.xlsx")
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # XML cut in the middle of a row
            dst.writestr(info.filename, data)
    try:
        doc = read(bad)
    except InputError as exc:
        assert "xlsx" in str(exc)
    else:  # the rows before the damage are kept, the damage is an X901 at its place
        assert [f.code for f in doc.findings] == ["X901"]
        assert doc.grids[0].rows[0].texts == ["2026年项目支出绩效目标表"]


@pytest.mark.parametrize("name, words", [("protected.xlsx", "workbook is password-protected"),
                                         ("protected.docx", "document is password-protected"),
                                         ("protected.txt", "password-protected")])
def test_password_protected_office_file(tmp_path, name, words):
    path = tmp_path / name
    path.write_bytes(cfb(["EncryptionInfo", "EncryptedPackage"]))
    message = input_error(path)
    assert words in message and "save it without a password" in message


def test_old_binary_xls_is_read_as_xls_whatever_its_name(tmp_path):
    # An OLE file with a Workbook stream is an .xls and goes to the .xls reader (issue 13);
    # this one has no BIFF records in it, so it is a damaged .xls, not "save it as .xlsx".
    path = tmp_path / "old.xlsx"
    path.write_bytes(cfb(["Workbook"]))
    assert "not a valid .xls" in input_error(path)


def test_old_binary_doc(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(cfb(["WordDocument"]))
    message = input_error(path)
    assert "old binary Office file (.doc)" in message and "旧版 Office 文件（.doc）" in message


@pytest.mark.parametrize("name", ["form.pdf", "form.txt", "form.xlsx"])
def test_a_pdf_is_read_as_such_whatever_its_name(tmp_path, name):
    # A PDF goes to the PDF reader whatever it is called; this one is cut off after its catalog.
    pytest.importorskip("pdfplumber")
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    message = input_error(path)
    assert "PDF" in message and "truncated" in message


def test_formulas_without_cached_values(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["资金总额", "一般公共预算", "其他资金"])
    ws.append(["=B2+C2", 3531.93, 0])
    ws["A2"] = "=B2+C2"
    path = tmp_path / "formulas.xlsx"
    wb.save(path)  # openpyxl writes formulas and no values, as many generators do
    assert "open the file in Excel or LibreOffice and save it once" in input_error(path)


def test_docx_without_a_table_reads_its_paragraphs(tmp_path):
    d = docx.Document()
    d.add_paragraph("关于2026年部门预算的说明")
    d.add_paragraph("单位：万元")
    path = tmp_path / "prose.docx"
    d.save(path)
    doc = read(path)
    assert [r.texts for r in doc.grids[0].rows] == [["关于2026年部门预算的说明"], ["单位：万元"]]


# --------------------------------------------------------------------------- wrong names


def test_docx_named_xlsx_is_read_as_docx(tmp_path):
    path = save_form_docx(tmp_path / "form.docx").rename(tmp_path / "form.xlsx")
    doc = read(path)
    assert doc.kind == "docx" and doc.grids[0].rows[1].texts[0] == "项目名称"


def test_xlsx_named_txt_is_read_as_xlsx(tmp_path):
    path = save_form_xlsx(tmp_path / "form.xlsx").rename(tmp_path / "form.txt")
    assert read(path).kind == "xlsx"


def test_text_export_named_xlsx_is_read_as_text(tmp_path):
    path = tmp_path / "form.xlsx"
    path.write_text(FORM_TEXT, encoding="utf-8")
    doc = read(path)
    assert doc.kind == "text" and doc.grids[0].rows[6].texts[1] == "各乡镇污水处理厂、站运营费"


def test_binary_junk_named_docx(tmp_path):
    path = tmp_path / "junk.docx"
    path.write_bytes(bytes(range(256)) * 16)
    assert "not a valid .docx" in input_error(path)


def test_other_zip(tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert "not a valid .xlsx" in input_error(path)


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_text_encodings_read_the_same_cells(tmp_path, encoding):
    plain = tmp_path / "utf8.txt"
    plain.write_bytes(FORM_TEXT.encode("utf-8"))
    other = tmp_path / f"{encoding}.txt"
    other.write_bytes(FORM_TEXT.encode(encoding))  # "utf-16" writes a BOM, -le/-be do not
    expected = [r.texts for r in read_text(plain).grids[0].rows]
    assert [r.texts for r in read(other).grids[0].rows] == expected


def test_crlf_line_ends_give_the_same_rows_and_places(tmp_path):
    unix, dos = tmp_path / "unix.txt", tmp_path / "dos.txt"
    unix.write_bytes(FORM_TEXT.encode())
    dos.write_bytes(FORM_TEXT.replace("\n", "\r\n").encode())
    a, b = read(unix).grids[0].rows, read(dos).grids[0].rows
    assert [r.texts for r in a] == [r.texts for r in b]
    assert [c.place for r in a for c in r.cells] == [c.place for r in b for c in r.cells]


# --------------------------------------------------------------------------- size


def test_workbook_of_100000_rows(tmp_path):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("指标")
    for i in range(100_000):
        ws.append(["产出指标", f"指标{i % 50}", 95.5])
    path = tmp_path / "big.xlsx"
    wb.save(path)
    doc = read(path)
    rows = doc.grids[0].rows
    assert len(rows) == 100_000
    assert rows[-1].texts == ["产出指标", "指标49", "95.5"] and rows[-1].cells[2].place.cell == "C100000"


# --------------------------------------------------------------------------- the command line


def test_cli_gives_one_line_and_exit_2(tmp_path):
    path = tmp_path / "protected.xlsx"
    path.write_bytes(cfb(["EncryptionInfo", "EncryptedPackage"]))
    proc = subprocess.run([sys.executable, "-m", "checker.cli.main", "parse", str(path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "password-protected" in lines[0] and str(path) in lines[0]


def test_cli_check_of_a_docx_without_forms_gives_one_line_and_exit_2(tmp_path):
    d = docx.Document()
    d.add_paragraph("关于2026年部门预算的说明")
    path = tmp_path / "prose.docx"
    d.save(path)
    proc = subprocess.run([sys.executable, "-m", "checker.cli.main", "check", str(path), "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "no performance form found" in proc.stdout + proc.stderr


def _workbook_with_one_uncached_formula(tmp_path):
    wb = openpyxl.Workbook()
    for line in FORM_TEXT.splitlines():
        wb.active.append(line.split("\t"))
    wb.active["J1"] = 1
    wb.active["J2"] = "=J1*2"  # one formula without a cached value, beside one with a value
    path = tmp_path / "form.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", b'<row r="40"><c r="J40"><f>J1*3</f><v>3</v></c></row></sheetData>')
    with zipfile.ZipFile(path, "w") as zf:
        for name, body in parts.items():
            zf.writestr(name, body)
    return path


def test_parse_keeps_what_the_reader_read_past(tmp_path):
    from checker.cli.parse_cmd import parse

    data = parse(str(_workbook_with_one_uncached_formula(tmp_path)))
    reader_findings = [f for f in data["findings"] if f["place"]["cell"] and f["place"]["cell"].startswith("J")]
    assert [(f["code"], f["place"]["cell"]) for f in reader_findings] == [("X901", "J2")]


def test_check_reports_what_the_reader_read_past(tmp_path):
    from checker.pipeline import CheckOptions, check_file
    from checker.rules import load_pack

    result = check_file(str(_workbook_with_one_uncached_formula(tmp_path)), load_pack(), CheckOptions())
    assert ("X901", "J2") in [(f.code, f.place.cell) for f in result.findings]


def test_macro_enabled_docm_is_read_like_docx(tmp_path):
    # python-docx refuses the macro-enabled content type; the body XML is the same.
    src = save_form_docx(tmp_path / "form.docx")
    path = tmp_path / "form.docm"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
            zout.writestr(info.filename, body)
    assert [r.texts for r in read(path).grids[0].rows] == [["2026年项目支出绩效目标表"], ["项目名称", "各乡镇污水处理厂、站运营费"]]


@pytest.mark.parametrize("cols", [
    b'<col min="1" max="99999999" hidden="1"/>',  # past Excel's last column
    b'<col min="2" max="x" hidden="1"/>',  # not a number
    b'<col min="3" max="1" hidden="true"/>',  # the wrong way round
])
def test_odd_hidden_column_records_do_not_break_the_sheet(tmp_path, cols):
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["C2"] = "项目名称", "污水处理"
    path = tmp_path / "cols.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b"<sheetData>", b"<cols>" + cols + b"</cols><sheetData>")
    with zipfile.ZipFile(path, "w") as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    rows = [r.texts for r in read(path).grids[0].rows]
    assert len(rows) == 2 and all(len(r) <= 3 for r in rows)


def test_frames_nested_past_any_sense_read_without_error(tmp_path):
    """A table inside a one-cell table inside … 40 deep: read, never a RecursionError."""
    d = docx.Document()
    outer = d.add_table(rows=1, cols=1)
    cell = outer.cell(0, 0)
    for _ in range(40):
        inner = d.add_table(rows=1, cols=1)
        cell._tc.append(inner._tbl)
        cell = inner.cell(0, 0)
    cell.text = "2026年项目支出绩效目标表"
    path = tmp_path / "frames.docx"
    d.save(path)
    rows = read(path).grids[0].rows
    assert [r.texts for r in rows if r.cells] == [["2026年项目支出绩效目标表"]]
