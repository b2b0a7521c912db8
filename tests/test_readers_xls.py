"""The .xls reader (issue 13): the cells of an Excel 97–2003 workbook are those of the same
workbook saved as .xlsx, and what Excel hides or formats is read as Excel shows it.

samples/<stem>.xls and tests/fixtures/xls/features.xls are built by samples/build_pdf.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import InputError
from checker.readers import read
from checker.readers.container import XLS, sniff

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FEATURES = ROOT / "tests" / "fixtures" / "xls" / "features.xls"
STEMS = ["hunan_2026_targets", "shanxi_2026_projects"]


def cells(doc):
    return [(g.name, [[(c.text, c.place) for c in r.cells] for r in g.rows]) for g in doc.grids]


@pytest.mark.parametrize("stem", STEMS)
def test_xls_gives_the_cells_and_places_of_the_same_workbook_as_xlsx(stem):
    xls, xlsx = read(SAMPLES / f"{stem}.xls"), read(SAMPLES / f"{stem}.xlsx")
    assert xls.kind == "xls" and xls.grids
    assert cells(xls) == cells(xlsx)


def test_numbers_are_shown_through_their_formats_and_hidden_parts_are_not_read():
    doc = read(FEATURES)
    assert [g.name for g in doc.grids] == ["目标表"]  # the hidden 下拉列表 sheet is not read
    rows = [(r.place.cell, r.texts) for r in doc.grids[0].rows]
    assert rows == [
        ("A1", ["产出指标", "合格率", "95%"]),  # 0.95 under 0%; the hidden column E is not read
        # row 2 is hidden; the merged 产出指标 is given to its first row only; the row goes on
        # to its empty bordered cell D3
        ("A3", ["", "完成时间", "2026年12月31日", ""]),
        ("A4", ["", "资金", "1,500,000.00"]),
    ]
    assert doc.grids[0].rows[1].cells[2].place.cell == "C3"


def test_an_xls_is_sniffed_by_content_under_any_name(tmp_path):
    for name in ("form.et", "form.xlsx", "form.dat"):
        path = tmp_path / name
        shutil.copyfile(SAMPLES / "shanxi_2026_projects.xls", path)
        assert sniff(path) == XLS
        assert cells(read(path)) == cells(read(SAMPLES / "shanxi_2026_projects.xls"))


def test_an_et_that_is_really_xlsx_is_read_as_xlsx(tmp_path):
    path = tmp_path / "form.et"
    shutil.copyfile(SAMPLES / "shanxi_2026_projects.xlsx", path)
    assert read(path).kind == "xlsx"


def test_a_wps_that_is_really_docx_is_read_as_docx(tmp_path):
    path = tmp_path / "form.wps"
    shutil.copyfile(SAMPLES / "shanxi_2026_projects.docx", path)
    assert read(path).kind == "docx"


def test_a_truncated_xls_is_one_line(tmp_path):
    data = (SAMPLES / "hunan_2026_targets.xls").read_bytes()
    path = tmp_path / "cut.xls"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(InputError) as info:
        read(path)
    assert str(path) in str(info.value) and ".xls" in str(info.value) and "\n" not in str(info.value)


def test_an_xls_named_file_of_junk_says_what_was_expected(tmp_path):
    path = tmp_path / "form.xls"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError) as info:
        read(path)
    assert "not a valid Excel 97–2003 (.xls) file" in str(info.value)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=512, max_value=17_000), flips=st.lists(st.integers(0, 17_919), max_size=8))
def test_damaged_xls_never_raises_anything_but_input_error(tmp_path, cut, flips):
    data = bytearray((SAMPLES / "shanxi_2026_projects.xls").read_bytes())
    for i in flips:
        data[i] ^= 0xFF
    path = tmp_path / "damaged.xls"
    path.write_bytes(bytes(data[:cut]) if cut < 17_000 else bytes(data))
    try:
        doc = read(path)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert doc.kind in ("xls", "text")


def test_an_encrypted_xls_is_worded_as_an_encrypted_xlsx(tmp_path):
    # Excel marks a workbook opened with a password by a FILEPASS record right after the first
    # BOF; here the record after BOF (INTERFACEHDR, 2 bytes long) is renamed FILEPASS in place.
    data = bytearray((SAMPLES / "hunan_2026_targets.xls").read_bytes())
    bof = data.index(b"\x09\x08\x10\x00")  # BOF, BIFF8, 16 bytes
    assert data[bof + 20 : bof + 22] == b"\xe1\x00"
    data[bof + 20 : bof + 22] = b"\x2f\x00"
    path = tmp_path / "protected.xls"
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as info:
        read(path)
    assert "workbook is password-protected" in str(info.value) and "save it without a password" in str(info.value)
