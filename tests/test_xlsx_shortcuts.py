"""Work the workbook reader (checker/readers/xlsx.py) leaves out (issue 14), held to what it
replaces:

- the pass over a sheet's XML (_scan_sheet_xml) stops at a formula's w:f, judges its cell and
  counts a row's cells at the row's end instead of stopping at every cell: compared with the
  per-cell pass on invented sheets of plain, formula (cached, uncached, inline-string),
  hidden-row, hidden-column and merged cells, and on sheets long enough for the parser's chunks
  to end inside a formula cell;
- a text cell's shown text (_shown) is found without looking up its number format: compared
  with rendering it under the format, for any text and format.
"""

from __future__ import annotations

import io
import zipfile
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.limits import LimitError, Tally
from checker.readers import xlsx
from checker.readers.container import clean_text
from checker.readers.numfmt import render
from checker.readers.xlsx import _MAX_COL, _NS, _TEXT_MARK, _Scan, _int, _range, _scan_sheet_xml, _shown

_CELLS = {
    "empty": '<c r="{ref}" s="1"/>',
    "number": '<c r="{ref}"><v>12.5</v></c>',
    "text": '<c r="{ref}" t="s"><v>0</v></c>',
    "formula": '<c r="{ref}"><f>SUM(A1:A2)</f><v>3</v></c>',
    "uncached": '<c r="{ref}"><f>SUM(A1:A2)</f></c>',
    "blank value": '<c r="{ref}"><f>A1</f><v> </v></c>',
    "inline": '<c r="{ref}" t="str"><f>A1</f><is><t>x</t></is></c>',
    "shared": '<c r="{ref}"><f t="shared" si="0"/><v></v></c>',
    "two f": '<c r="{ref}"><f>A1</f><f>A2</f></c>',  # not valid OOXML: still one formula cell
}


def _sheet(rows, hidden_cols, merges) -> bytes:
    cols = "".join(f'<col min="{lo}" max="{lo + n}" hidden="{h}"/>' for lo, n, h in hidden_cols)
    body = []
    for r, (hidden, kinds) in enumerate(rows, start=1):
        cells = "".join(_CELLS[k].format(ref=f"{chr(65 + i)}{r}") for i, k in enumerate(kinds))
        flag = ' hidden="1"' if hidden else ""
        body.append(f'<row r="{r}"{flag}>{cells}</row>')
    merged = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
    xml = (f'<worksheet xmlns="{_NS[1:-1]}"><cols>{cols}</cols><sheetData>{"".join(body)}</sheetData>'
           f'<mergeCells>{merged}</mergeCells></worksheet>')
    return xml.encode()


def _ws(data: bytes):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/worksheets/sheet1.xml", data)
    return SimpleNamespace(parent=SimpleNamespace(_archive=zipfile.ZipFile(buf)), _worksheet_path="xl/worksheets/sheet1.xml")


def _scan_per_cell(ws, path: str = "") -> tuple[_Scan, Tally]:
    """The pass as it was: an event per cell, its formula looked for there."""
    from lxml import etree

    scan, tally = _Scan(), Tally(path)
    hidden_cols: set[int] = set()
    last_row = 0
    with ws.parent._archive.open(ws._worksheet_path) as src:
        for _, el in etree.iterparse(src, events=("end",), tag=(f"{_NS}c", f"{_NS}row", f"{_NS}mergeCell", f"{_NS}col")):
            if el.tag == f"{_NS}row":
                tally.add(0)
                last_row = _int(el.get("r"), last_row + 1)
                if el.get("hidden") in ("1", "true"):
                    scan.hidden_rows.add(last_row)
                continue
            if el.tag == f"{_NS}col":
                if el.get("hidden") in ("1", "true"):
                    lo = max(1, _int(el.get("min"), 1))
                    hidden_cols.update(range(lo, min(_int(el.get("max"), lo), _MAX_COL) + 1))
            elif el.tag == f"{_NS}mergeCell":
                rng = _range(el.get("ref", ""))
                if rng:
                    scan.merges.append(rng)
            else:
                tally.add(1, rows=0)
                if el.find(f"{_NS}f") is not None:
                    scan.formulas += 1
                    v = el.find(f"{_NS}v")
                    if (v is None or not (v.text or "").strip()) and el.find(f"{_NS}is") is None:
                        scan.uncached.append(el.get("r", "?"))
    scan.hidden_cols = frozenset(hidden_cols)
    return scan, tally


_ROWS = st.lists(st.tuples(st.booleans(), st.lists(st.sampled_from(sorted(_CELLS)), max_size=6)), max_size=12)
_HIDDEN_COLS = st.lists(st.tuples(st.integers(1, 8), st.integers(0, 3), st.sampled_from(["1", "0", "true"])), max_size=3)
_MERGES = st.lists(st.sampled_from(["A1:B2", "C3:C5", "B2", "A1:Z1", "bad"]), max_size=3)


@given(_ROWS, _HIDDEN_COLS, _MERGES)
def test_the_scan_finds_what_the_per_cell_pass_found(rows, hidden_cols, merges):
    data = _sheet(rows, hidden_cols, merges)
    expected, _ = _scan_per_cell(_ws(data))
    assert _scan_sheet_xml(_ws(data)) == expected


@pytest.mark.parametrize("pad", range(0, 120, 7))
def test_the_scan_judges_a_formula_cell_whose_value_the_parser_reads_in_a_later_chunk(pad):
    """lxml's iterparse reads a part in chunks (~64 KB): a </f> may end one chunk and its <v> begin
    the next, so a cell judged at its formula's end would be called uncached. Sheets of ~100 KB of
    cached formulas, shifted by ``pad`` bytes, put chunk ends at every place in a cell."""
    rows = [(False, ["formula"] * 6)] * (400 + pad // 6)
    data = _sheet(rows, [], []).replace(b"<sheetData>", b"<sheetData>" + b" " * pad)
    assert len(data) > 100_000
    scan = _scan_sheet_xml(_ws(data))
    assert scan.uncached == [] and scan.formulas == 6 * len(rows)
    assert scan == _scan_per_cell(_ws(data))[0]


def test_the_scan_counts_every_cell_against_the_limits(monkeypatch):
    rows = [(False, ["number", "formula", "uncached"])] * 4
    counted = []
    real_add = Tally.add

    def add(self, cells, rows=1):
        counted.append((cells, rows))
        real_add(self, cells, rows)
    monkeypatch.setattr(Tally, "add", add)
    scan = _scan_sheet_xml(_ws(_sheet(rows, [], [])))
    assert sum(c for c, _ in counted) == 12 and sum(r for _, r in counted) == 4
    assert scan.formulas == 8 and scan.uncached == ["C1", "C2", "C3", "C4"]
    monkeypatch.setattr(xlsx, "Tally", lambda path: _Tiny(path))
    with pytest.raises(LimitError):
        _scan_sheet_xml(_ws(_sheet(rows, [], [])))


class _Tiny(Tally):
    def add(self, cells, rows=1):
        Tally.add(self, cells, rows)
        if self.cells > 5:
            raise LimitError(self.path, "more than 5 cells", "max_cells")


_FORMATS = ["General", "@", "0.00", "#,##0", "0%", "yyyy-mm-dd", 'yyyy"年"m"月"d"日"', ";;;", '0.00"万元"', "[h]:mm"]


@given(st.text(max_size=12) | st.sampled_from(["'0012", "'2026-12-31", "45657", "TRUE", " 合计\n金额 ", "'¥1,000"]),
       st.sampled_from(_FORMATS))
def test_a_text_cell_shows_its_text_under_any_format(value, fmt):
    cell = SimpleNamespace(style_array=SimpleNamespace(numFmtId=200), number_format=fmt)
    before = _TEXT_MARK.sub("", clean_text(render(value, fmt)))  # the text rendered under its format
    assert _shown(value, cell) == before
