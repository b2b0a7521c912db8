"""Reader for Excel workbooks (.xlsx, .xlsm) as filers fill them in.

One ``Grid`` per worksheet (name = sheet title), one ``Row`` per sheet row, one ``Cell`` per
column up to the row's last non-empty cell or, when further, its last bordered cell (a table
row keeps its empty last cells, as a Word table's text export does: an empty 偏差原因分析 cell
is an empty cell, not a missing column), each with ``Place(sheet=…, cell="D3")`` so a
finding points at the cell the filer edits. What a cell holds is rendered as Excel shows it
(``checker.readers.numfmt``): 0.95 under ``0%`` is "95%", 100000 under ``#,##0`` "100,000".

Merged ranges keep their text in the top-left cell only; the covered cells are empty Cells, so
columns stay aligned with the header row, and a label merged down a column (一级指标 over five
rows) is given to its first row only: the layout stage carries labels down itself, exactly as
it does for text exported from Word.

Hidden rows, hidden columns and hidden sheets are not read: the form as filed is what Excel
shows and prints. A hidden helper column (indicator codes, lookup keys) would otherwise stand
between the indicator columns and be taken for a value; a hidden row is an indicator the filer
took out of the form; a hidden sheet holds drop-down lists or an old copy of the form. A hidden
column's cells stay as empty Cells, so the columns after it keep their places and stay under
their header; a hidden row is left out like a row the export never printed. A merged range
whose top-left cell is hidden shows its text in its first visible cell, in Excel and here.

The workbook is opened read-only (streamed: a 100,000-row sheet stays far below 500 MB) with
cached formula values; merged ranges and formula cells come from one extra pass over the
sheet's XML, because openpyxl's read-only mode does not give them. Damage that stops the whole
file raises ``InputError``; damage to one sheet or cell is an X901 finding on
``Document.findings`` and reading goes on.
"""

from __future__ import annotations

import io
import re
import sys
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import InputError
from checker.limits import LimitError, Tally
from checker.model import Cell, Document, Finding, Grid, Place, Row
from checker.readers.cells import sheet_place
from checker.readers.container import XLSX, clean_text, require
from checker.readers.numfmt import is_date_format, render

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]+)$")
MAX_BLANK_RUN = 20  # a gap of empty rows is a gap: more empty Rows tell the layout nothing
MAX_CELL_FINDINGS = 20  # per sheet; a report a filer cannot read to the end helps nobody


def read_xlsx(path: str | Path) -> Document:
    """Read a workbook into a Document (kind ``xlsx``), one Grid per worksheet.

    Raises InputError: empty, not a zip, damaged zip, password-protected, old .xls, a workbook
    whose formula cells all lack cached values, or one that cannot be opened at all.
    """
    p = str(path)
    require(p, XLSX)
    wb = _open(p)
    doc = Document(path=p, kind="xlsx")
    formulas = uncached = 0
    tally = Tally(p)  # rows and cells of all sheets (checker/limits.py)
    try:
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue  # hidden or very hidden: lists for drop-downs, old copies (module doc)
            grid, counts = _read_sheet(ws, p, doc.findings, tally)
            doc.grids.append(grid)
            formulas, uncached = formulas + counts[0], uncached + counts[1]
    finally:
        wb.close()
    if formulas and uncached == formulas:
        raise InputError(
            p,
            "formula cells have no cached values: open the file in Excel or LibreOffice and save it once",
        )
    if not doc.grids or (all(not g.rows for g in doc.grids) and doc.findings):
        why = doc.findings[0].message["en"] if doc.findings else "the workbook has no worksheet"
        raise InputError(p, f"not a valid .xlsx ({why})")
    return doc


def _open(path: str):
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unknown extensions, styles …
            # A file object, not the name: openpyxl refuses a workbook named .txt or .XLS.
            data = io.BytesIO(Path(path).read_bytes())
            return openpyxl.load_workbook(data, read_only=True, data_only=True, keep_links=False)
    except (zipfile.BadZipFile, InvalidFileException, EOFError, NotImplementedError):
        raise InputError(path, "not a valid .xlsx (the zip archive is damaged)") from None
    except KeyError as exc:
        raise InputError(path, f"not a valid .xlsx (a part of the workbook is missing: {exc})") from None
    except Exception as exc:  # noqa: BLE001 - any library failure on hostile input is the file's damage
        raise InputError(path, f"not a valid .xlsx (the workbook is damaged: {_why(exc)})") from None


def _why(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# --------------------------------------------------------------------------- one sheet


def _read_sheet(ws, path: str, findings: list[Finding], tally: Tally | None = None) -> tuple[Grid, tuple[int, int]]:
    """A worksheet as a Grid; returns also (formula cells, formula cells without a value).
    Raises LimitError past the rows/cells limits of ``tally`` (blank rows count: they cost too)."""
    tally = tally or Tally(path)
    title = ws.title
    grid = Grid(name=title, rows=[])
    try:
        scan = _scan_sheet_xml(ws, path)
    except LimitError:
        raise
    except Exception:  # noqa: BLE001 - damaged XML: the row pass below reports where it breaks
        scan = _Scan()
    covered = _Covered(scan.merges, scan.hidden_cols)
    formulas, uncached = scan.formulas, scan.uncached
    # merged ranges whose top-left cell is hidden: Excel shows their text in the first visible
    # cell of the range, and so does the reader (a 产出指标 merged down from a hidden row)
    moved = covered.moved_anchors(scan.hidden_rows)
    moved_rows = {r for r, _ in moved}
    carried: dict[int, dict[int, str]] = {}
    blank_run, r = 0, 0
    try:
        ws.reset_dimensions()  # the stored <dimension> is often wrong in exported files
        for r, cells in enumerate(ws.iter_rows(), start=1):
            tally.add(len(cells))
            if r in moved_rows:
                _carry_merged_text(r, cells, moved, carried)
            if r in scan.hidden_rows:
                continue  # not shown, not printed: not part of the form as filed
            row = _row(title, r, cells, covered, carried.pop(r, None))
            blank_run = blank_run + 1 if not row.cells else 0
            if blank_run <= MAX_BLANK_RUN:
                grid.rows.append(row)
    except LimitError:
        raise
    except Exception as exc:  # noqa: BLE001 - keep the rows read so far, say where it broke
        findings.append(_x901(title, f"A{r + 1}", f"工作表自此行起损坏，其后内容未读取（{_why(exc)}）",
                              f"the sheet is damaged from this row on; the rest was not read ({_why(exc)})",
                              unread="rest_of_sheet"))
    for ref in uncached[:MAX_CELL_FINDINGS]:
        findings.append(_x901(title, ref, "公式单元格没有计算结果：请在 Excel 或 LibreOffice 中打开并保存一次",
                              "formula cell has no cached value: open the file in Excel or LibreOffice and save it once"))
    return grid, (formulas, len(uncached))


def _carry_merged_text(r: int, cells, moved: dict, carried: dict[int, dict[int, str]]) -> None:
    """Keep the text of row ``r``'s merge anchors that are hidden for the cell that shows it."""
    for c in cells:
        value = getattr(c, "value", None)
        target = moved.get((r, getattr(c, "column", None)))
        if value is not None and target is not None:
            text = _shown(value, c)
            if text:
                carried.setdefault(target[0], {})[target[1]] = text


def _row(title: str, r: int, cells, covered: "_Covered", carried: dict[int, str] | None = None) -> Row:
    """One sheet row: Cells up to the last non-empty column, empty Cells in the gaps;
    ``carried`` {column: text} the texts of merged ranges whose hidden anchor shows here."""
    from openpyxl.utils import get_column_letter

    texts: dict[int, str] = {}
    hidden = covered.columns(r)
    tail = []  # the empty cells after the last text: the row goes on to the last bordered one
    for c in cells:
        value = getattr(c, "value", None)
        if value is None:
            if getattr(c, "column", None):
                tail.append(c)
            continue
        col = c.column
        if col in hidden:  # under a merged range, or in a hidden column: Excel does not show it
            continue
        text = _shown(value, c)
        if text:
            texts[col] = sys.intern(text) if len(text) <= 32 else text  # labels repeat on every row
            tail.clear()
    if carried:
        texts.update(carried)
    if not texts:
        return Row(cells=[], place=sheet_place(title, f"A{r}"), raw="")
    # the form's table goes as far as its last bordered cell (checked from the right: one or
    # two style look-ups per row, not one per empty cell)
    boxed = next((c.column for c in reversed(tail) if c.column not in hidden and _has_border(c)), 0)
    last = max(max(texts), boxed)
    row_cells = [
        Cell(text=texts.get(col, ""), place=sheet_place(title, f"{get_column_letter(col)}{r}"))
        for col in range(1, last + 1)
    ]
    return Row(cells=row_cells, place=sheet_place(title, f"A{r}"), raw="\t".join(c.text for c in row_cells))


# Built-in number format ids of zh-CN Excel (ECMA-376 Part 1, 18.8.30) that WPS and Chinese Excel
# write without defining them; openpyxl knows only the international ones and would show the
# date serial 45657 instead of 2024年12月31日.
_ZH_BUILTIN_FORMATS = {
    27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"',
    36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"',
    54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"',
    58: 'm"月"d"日"',
}
# A leading apostrophe is Excel's mark for "keep this as text" ('0012, '2026-12-31); a tool that
# wrote the mark into the text itself leaves it in the value, where it would hide the number.
_TEXT_MARK = re.compile(r"^'(?=[0-9０-９.+\-¥￥$])(?=[^']*$)")


def _shown(value, cell) -> str:
    """The text a cell shows (see ``checker.readers.numfmt``), on one line."""
    if isinstance(value, str):  # text shows as written under any format: no format looked up
        return _TEXT_MARK.sub("", clean_text(value))
    fmt = _number_format(cell)
    serial = isinstance(value, (int, float)) and not isinstance(value, bool) and is_date_format(fmt)
    return clean_text(render(value, fmt, date1904=serial and _date1904(cell)))


def _date1904(cell) -> bool:
    """True for a workbook counting days from 1904 (openpyxl converts the dates it knows itself;
    a serial left under a zh-CN built-in date format needs it)."""
    try:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904

        return cell.parent.parent.epoch == CALENDAR_MAC_1904
    except (AttributeError, ImportError):
        return False


def _number_format(cell) -> str:
    """The cell's format code; a zh-CN built-in id openpyxl does not know is looked up here."""
    try:
        fid = cell.style_array.numFmtId
        return _ZH_BUILTIN_FORMATS.get(fid) or cell.number_format
    except (AttributeError, IndexError, KeyError, TypeError):  # odd style records: General
        return "General"


def _has_border(cell) -> bool:
    """True for a cell drawn with a border: a cell of the form's table, even when empty."""
    try:
        b = cell.border
        return any(side is not None and side.style for side in (b.left, b.right, b.top, b.bottom))
    except (AttributeError, IndexError, KeyError, TypeError):  # odd style records: no border
        return False


class _Covered:
    """Which columns of a row are not shown: under a merged range without being its top-left
    cell, or in a hidden column."""

    def __init__(self, merges: list[tuple[int, int, int, int]], hidden_cols: frozenset[int] = frozenset()):
        self._merges = merges  # (min_col, min_row, max_col, max_row)
        self._hidden = hidden_cols
        self._by_row: dict[int, set[int]] = {}
        for c1, r1, c2, r2 in merges:
            if c1 == c2 and r1 == r2:
                continue
            # A merge with a huge row span (whole columns) is rare; its rows are looked up lazily.
            if r2 - r1 <= 10_000:
                for r in range(r1, r2 + 1):
                    cols = self._by_row.setdefault(r, set())
                    cols.update(range(c1 + (1 if r == r1 else 0), c2 + 1) if c2 - c1 <= 16_384 else ())
        self._huge = [m for m in merges if m[3] - m[1] > 10_000]

    def moved_anchors(self, hidden_rows: set[int]) -> dict[tuple[int, int], tuple[int, int]]:
        """{(row, col) of a merged range's hidden top-left cell: (row, col) of its first
        visible cell}, for ranges whose top-left row or column is hidden."""
        out = {}
        for c1, r1, c2, r2 in self._merges:
            if (c1, r1) == (c2, r2) or (r1 not in hidden_rows and c1 not in self._hidden):
                continue
            row = next((r for r in range(r1, min(r2, r1 + 10_000) + 1) if r not in hidden_rows), None)
            col = next((c for c in range(c1, min(c2, c1 + 1_000) + 1) if c not in self._hidden), None)
            if row is not None and col is not None:
                out[(r1, c1)] = (row, col)
        return out

    def columns(self, r: int) -> set[int] | frozenset[int]:
        cols = self._by_row.get(r, set())
        if self._hidden:
            cols = cols | self._hidden
        for c1, r1, c2, r2 in self._huge:
            if r1 <= r <= r2:
                cols = cols | set(range(c1 + (1 if r == r1 else 0), min(c2, c1 + 64) + 1))
        return cols


@dataclass
class _Scan:
    """What one pass over a sheet's XML gives that read-only openpyxl does not: merged ranges
    (min_col, min_row, max_col, max_row), the number of formula cells, the refs of formula
    cells without a cached value, and the hidden rows and columns (1-based numbers)."""

    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    formulas: int = 0
    uncached: list[str] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: frozenset[int] = frozenset()


_MAX_COL = 16_384  # XFD, Excel's last column
_C, _ROW, _MERGE_CELL, _COL, _F, _V, _IS = (f"{_NS}{name}" for name in ("c", "row", "mergeCell", "col", "f", "v", "is"))


def _judge_formulas(cells: list, scan: _Scan) -> None:
    """Count the formula ``cells`` of a finished row on ``scan``, and list those without a cached
    value (an empty <v> and no inline string <is>); empties ``cells``."""
    for cell in cells:
        scan.formulas += 1
        v = cell.find(_V)
        if (v is None or not (v.text or "").strip()) and cell.find(_IS) is None:
            scan.uncached.append(cell.get("r", "?"))
    cells.clear()


def _scan_sheet_xml(ws, path: str = "") -> _Scan:
    """One streamed pass over the sheet XML (see ``_Scan``). Raises LimitError past the rows or
    cells limits: cheaper here than in openpyxl's row pass, so a sheet of a million rows stops
    in seconds. Cells are counted at each row's end (a row's size is bounded by the part's
    byte limit, ``max_part_bytes``)."""
    from lxml import etree

    scan = _Scan()
    tally = Tally(path)
    archive, part = getattr(ws.parent, "_archive", None), getattr(ws, "_worksheet_path", None)
    if archive is None or part is None:
        return scan
    hidden_cols: set[int] = set()
    last_row = 0
    formula_cells: list = []  # of the row being read, judged at its end (see below)
    with archive.open(part) as src:
        for _, el in etree.iterparse(src, events=("end",), tag=(_F, _ROW, _MERGE_CELL, _COL),
                                     resolve_entities=False, no_network=True, huge_tree=True):
            tag = el.tag
            if tag == _F:  # a formula: its cell is the parent (counted at its first f)
                cell = el.getparent()
                if cell is not None and cell.tag == _C and cell.find(_F) is el:
                    # Its cached <v> follows the </f> and may not be parsed yet (iterparse reads
                    # in chunks): the cell is judged when its row has ended.
                    formula_cells.append(cell)
            elif tag == _ROW:
                _judge_formulas(formula_cells, scan)
                tally.add(len(el.findall(_C)), rows=0)  # the row's cells, then the row: the order Tally checks
                tally.add(0)
                last_row = _int(el.get("r"), last_row + 1)
                if el.get("hidden") in ("1", "true"):
                    scan.hidden_rows.add(last_row)
                el.clear(keep_tail=False)  # drop finished rows: memory stays flat on long sheets
                while el.getprevious() is not None:
                    del el.getparent()[0]
            elif tag == _COL:
                if el.get("hidden") in ("1", "true"):
                    lo = max(1, _int(el.get("min"), 1))
                    hidden_cols.update(range(lo, min(_int(el.get("max"), lo), _MAX_COL) + 1))
            else:  # a merged range
                rng = _range(el.get("ref", ""))
                if rng:
                    scan.merges.append(rng)
    _judge_formulas(formula_cells, scan)  # a cell outside any row (malformed XML) still counts
    scan.hidden_cols = frozenset(hidden_cols)
    return scan


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _range(ref: str) -> tuple[int, int, int, int] | None:
    """``B2:D5`` → (2, 2, 4, 5); None when the ref is not a cell range."""
    from openpyxl.utils import column_index_from_string

    a, _, b = ref.partition(":")
    ma, mb = _REF.match(a.strip().upper()), _REF.match((b or a).strip().upper())
    if not ma or not mb:
        return None
    c1, c2 = column_index_from_string(ma.group(1)), column_index_from_string(mb.group(1))
    r1, r2 = int(ma.group(2)), int(mb.group(2))
    return min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)


def _x901(sheet: str, cell: str, zh: str, en: str, unread: str = "") -> Finding:
    # warning, not error: the filer's workbook may be right; the checker could not see it.
    # data.unread names a part not read at all: the check of the file is then incomplete.
    return Finding(code="X901", severity="warning", message={"zh": zh, "en": en},
                   place=Place(sheet=sheet, cell=cell), data={"unread": unread} if unread else {})
