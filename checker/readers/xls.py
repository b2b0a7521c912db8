"""Reader for Excel 97–2003 workbooks (.xls, BIFF8; WPS's .et when it is one) as filers keep them.

The cells are the ones the .xlsx reader gives (``checker.readers.xlsx``, whose module doc says
why each choice is made): one ``Grid`` per visible worksheet, one ``Row`` per shown sheet row,
``Place(sheet=…, cell="D3")``; numbers rendered through the cell's number format as Excel shows
them (``checker.readers.numfmt``: 0.95 under ``0%`` is "95%", 100000 under ``#,##0``
"100,000", a date serial under a date format the date); a merged range's text in its top-left
cell only, the covered cells empty; hidden rows and hidden sheets not read; a hidden column's
cells empty Cells; a row going on to its last bordered cell.

Library: xlrd 2.x with ``formatting_info=True`` — the only maintained reader that gives all
of merged ranges, number-format strings, borders, hidden rows/columns and sheet visibility
for BIFF8 (python-calamine gives merged ranges but typed values without their formats, so
95% would read as 0.95 and 100,000 as 100000). The whole file is parsed in memory: a 1,000-row,
8-column sheet takes about 0.2 s on a busy 2-core machine (5,000 rows a second).

Errors: an encrypted workbook (BIFF ``FILEPASS``) gets the same message as a password-protected
.xlsx; anything else xlrd cannot parse is "not a valid .xls", one line, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

from checker.errors import InputError
from checker.model import Cell, Document, Grid, Place, Row
from checker.readers.container import clean_text
from checker.readers.numfmt import render
from checker.readers.xlsx import MAX_BLANK_RUN, _Covered

_ENCRYPTED = ("文件设有密码，请去掉密码另存后再检查 / the workbook is password-protected; "
              "save it without a password and try again")


def read_xls(path: str | Path) -> Document:
    """Read a BIFF8 workbook into a Document (kind ``xls``), one Grid per visible worksheet.

    Raises InputError: encrypted, damaged or not a BIFF workbook at all.
    """
    p = str(path)
    book = _open(p)
    doc = Document(path=p, kind="xls")
    try:
        for sheet in book.sheets():
            if sheet.visibility != 0:
                continue  # hidden or very hidden: drop-down lists, old copies (xlsx module doc)
            doc.grids.append(_read_sheet(book, sheet))
    except Exception as exc:  # noqa: BLE001 - xlrd on hostile input: the file's damage, one line
        raise InputError(p, f"not a valid .xls (the workbook is damaged: {type(exc).__name__})") from None
    finally:
        book.release_resources()
    if not doc.grids:
        raise InputError(p, "not a valid .xls (the workbook has no visible worksheet)")
    return doc


def _open(path: str):
    try:
        import xlrd
    except ModuleNotFoundError:
        raise InputError(path, "reading .xls needs the xlrd package: pip install xlrd "
                               "(or save the workbook as .xlsx)") from None
    try:
        data = Path(path).read_bytes()
        return xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False,
                                  logfile=_Quiet(), ragged_rows=True)
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    except Exception as exc:  # noqa: BLE001 - XLRDError, CompDocError, struct errors on damage
        if "encrypted" in str(exc).lower():
            raise InputError(path, _ENCRYPTED) from None
        text = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
        raise InputError(path, f"not a valid .xls (the workbook is damaged: {text})") from None


class _Quiet:
    """xlrd writes warnings about odd records to stdout; the report must stay clean."""

    def write(self, _text: str) -> None:
        pass


def _read_sheet(book, sheet) -> Grid:
    """One worksheet as a Grid (rows 1-based as Excel numbers them)."""
    grid = Grid(name=sheet.name, rows=[])
    hidden_rows = {r + 1 for r, info in sheet.rowinfo_map.items() if info.hidden}
    hidden_cols = frozenset(c + 1 for c, info in sheet.colinfo_map.items() if info.hidden)
    # xlrd's ranges are 0-based half-open (rlo, rhi, clo, chi); _Covered takes 1-based inclusive
    merges = [(clo + 1, rlo + 1, chi, rhi) for rlo, rhi, clo, chi in sheet.merged_cells]
    covered = _Covered(merges, hidden_cols)
    moved = covered.moved_anchors(hidden_rows)
    carried: dict[int, dict[int, str]] = {}
    for (r, c), target in moved.items():
        text = _shown(book, sheet, r - 1, c - 1)
        if text:
            carried.setdefault(target[0], {})[target[1]] = text
    blank_run = 0
    for r in range(1, sheet.nrows + 1):
        if r in hidden_rows:
            continue  # not shown, not printed: not part of the form as filed
        row = _row(book, sheet, r, covered.columns(r), carried.pop(r, None))
        blank_run = blank_run + 1 if not row.cells else 0
        if blank_run <= MAX_BLANK_RUN:
            grid.rows.append(row)
    return grid


def _row(book, sheet, r: int, hidden, carried: dict[int, str] | None) -> Row:
    """One sheet row: Cells up to the last non-empty or last bordered column."""
    texts: dict[int, str] = {}
    boxed = 0
    for c in range(1, sheet.row_len(r - 1) + 1):
        if c in hidden:
            continue
        text = _shown(book, sheet, r - 1, c - 1)
        if text:
            texts[c] = sys.intern(text) if len(text) <= 32 else text
        elif _has_border(book, sheet, r - 1, c - 1):
            boxed = c
    if carried:
        texts.update(carried)
    title = sheet.name
    if not texts:
        return Row(cells=[], place=Place(sheet=title, cell=f"A{r}"), raw="")
    last = max(max(texts), boxed)
    cells = [Cell(text=texts.get(c, ""), place=Place(sheet=title, cell=f"{_letters(c)}{r}"))
             for c in range(1, last + 1)]
    return Row(cells=cells, place=Place(sheet=title, cell=f"A{r}"), raw="\t".join(c.text for c in cells))


def _shown(book, sheet, r: int, c: int) -> str:
    """The text cell (r, c) (0-based) shows, on one line."""
    import xlrd

    if c >= sheet.row_len(r):
        return ""
    cell = sheet.cell(r, c)
    kind, value = cell.ctype, cell.value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if kind == xlrd.XL_CELL_TEXT:
        return clean_text(value)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if value else "FALSE"
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#N/A")
    return clean_text(render(value, _format(book, cell.xf_index), date1904=book.datemode == 1))


def _format(book, xf_index: int | None) -> str:
    """The format string of an XF record; General when the record or its format is missing."""
    try:
        key = book.xf_list[xf_index].format_key
        return book.format_map[key].format_str or "General"
    except (IndexError, KeyError, TypeError, AttributeError):
        return "General"


def _has_border(book, sheet, r: int, c: int) -> bool:
    try:
        border = book.xf_list[sheet.cell_xf_index(r, c)].border
        return any((border.top_line_style, border.bottom_line_style, border.left_line_style,
                    border.right_line_style))
    except (IndexError, KeyError, TypeError, AttributeError):
        return False


def _letters(col: int) -> str:
    """1 → A, 27 → AA."""
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out
