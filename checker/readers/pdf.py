"""Reader for PDF files as finance bureaus publish forms (部门预算公开 attachments, approved forms).

The PDF's own text layer is read, never an OCR of it. One ``Grid`` for the whole document, in
reading order, so a form title and its "单位：万元" line stay before the table they head:

- each ruled table (drawn with lines, as Word, WPS and Excel print tables) is rows of Cells with
  ``Place(page=p, table=t, row=r, col=c, box=(x0, top, x1, bottom))``: t the table's 1-based
  number on page p, r and c its row and column there, the box in points from the page's top-left
  corner. A merged cell gives its text once, in its first row and column; the cells it covers are
  empty Cells (so a 一级指标 label merged down is given to its first row only and the layout
  carries it down, as for the xlsx and docx readers); a row ends at its last drawn cell, not at
  the covered columns of a span at its end. Text wrapped inside a cell is joined into one line
  (``container.clean_text``); a label spread over its cell (项  目  名  称) is closed up.
- text outside the tables is one one-cell Row per text line, ``Place(page=p, line=n, box=…)``,
  n the line's number among the page's lines outside tables.
- a table that runs over a page break is one table: when a page ends with a table and the next
  begins with one whose columns are drawn at the same places, the rows follow each other with
  nothing between, and the rows the next page repeats from the table's top (Word's "repeat as
  header row") are dropped; page headers and footers found between the two parts (a page number)
  follow the table instead of cutting it in two. Each cell keeps its physical place.

What cannot be read is said, never checked as garbage (one line, ``InputError``, exit 2):
a PDF with no text layer (a scan: OCR is not built in), a password needed to open it, text drawn
in a font without a ToUnicode map (private-use or replacement characters, pdfminer's ``(cid:N)``),
a damaged or truncated file, more than ``MAX_PAGES`` pages, a stream inflating past ``MAX_STREAM``
bytes, or reading longer than ``TIME_LIMIT`` seconds plus ``PAGE_SECONDS`` a page (deeply nested
objects, a page of a million glyphs). A page without text, or a damaged page, among pages with
text is an X901 finding at that page. The limits are this reader's own (``pdf_limits``).

Library: pdfplumber (pdfminer.six underneath), a core dependency (forms are published as PDF):
it finds ruled tables with their cell boxes, gives the covered parts of merged cells as None and
keeps each character's box. pypdfium2 and PyMuPDF read text faster but find no ruled tables
(PyMuPDF's table finder is AGPL); see benchmarks/pdf.py for pages per second.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import InputError
from checker.model import Cell, Document, Finding, Grid, Place, Row
from checker.readers import pdf_limits as limits
from checker.readers.container import clean_text

FURNITURE = 0.1  # top and bottom share of a page where headers, footers and page numbers stand
EDGE_TOLERANCE = 2.0  # points: the same ruling drawn on two pages
REPEATED_ROWS_MAX = 3  # a table repeats at most this many header rows on each page

_ENCRYPTED = ("文件设有密码，请去掉密码另存后再检查 / the PDF is password-protected; save it without a "
              "password and try again")
_SCANNED = ("PDF 没有文字层（扫描件），无法读取表格；请用文字识别（OCR）软件转成 Word 或文字后再检查 / the PDF has "
            "no text layer (a scanned image); OCR is not built in: convert it to Word or text with an OCR "
            "tool and check that")
_MISSING = ("读取 PDF 需要 pdfplumber：pip install 'pdfplumber>=0.11' / reading PDF needs pdfplumber, which "
            "this installation lacks: pip install 'pdfplumber>=0.11'")
# A label spread over its cell (分散对齐: 项  目  名  称) is drawn one character at a time with
# gaps that the text layer reads as spaces; the label has none.
_SPREAD = re.compile(r"[\u2E80-\u9FFF\uF900-\uFFEF](?:[ \u3000]+[\u2E80-\u9FFF\uF900-\uFFEF])+")


def read_pdf(path: str | Path) -> Document:
    """Read a PDF into a Document (kind ``pdf``) with one Grid (see module doc).

    Raises InputError: pdfplumber missing, truncated (no ``%%EOF`` at the end), encrypted,
    damaged, no pages, too many pages, no text layer, garbled text, or reading longer than
    ``TIME_LIMIT`` seconds and ``PAGE_SECONDS`` a page (``checker.readers.pdf_limits``).
    """
    p = str(path)
    pdfplumber = _import(p)
    limits.bound_inflate()
    limits.require_end(p)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings are not the filer's
    doc = Document(path=p, kind="pdf")
    with limits.deadline(p, limits.TIME_LIMIT) as clock:
        pdf = _open(p, pdfplumber)
        try:
            pages = _read_pages(p, pdf, clock, doc.findings)
        except InputError:
            raise
        except RecursionError:
            raise InputError(p, "not a valid PDF (its objects are nested too deeply to be read)") from None
        except Exception as exc:  # noqa: BLE001 - pdfminer on hostile input: the file's damage
            raise InputError(p, f"not a valid PDF (the file is damaged: {_why(exc)})") from None
        finally:
            _close(pdf)
    doc.grids.append(Grid(name=None, rows=_join(pages)))
    return doc


def _close(pdf) -> None:
    try:
        pdf.close()
    except Exception:  # noqa: BLE001 - pdfplumber's close walks the pages again: damage shows twice
        pass


def _import(path: str):
    try:
        import pdfplumber
    except ModuleNotFoundError:
        raise InputError(path, _MISSING) from None
    return pdfplumber


def _open(path: str, pdfplumber):
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        return pdfplumber.open(path)
    except (limits.Timeout, limits.Inflated):
        raise
    except Exception as exc:  # noqa: BLE001 - PDFSyntaxError, PSEOF, struct errors …
        # pdfplumber wraps pdfminer's errors: PdfminerException(PDFPasswordIncorrect())
        inner = next((a for a in exc.args if isinstance(a, BaseException)), exc)
        if isinstance(inner, PDFPasswordIncorrect):
            raise InputError(path, _ENCRYPTED) from None
        raise InputError(path, f"not a valid PDF (the file is damaged or truncated: {_why(inner)})") from None


def _why(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
    text = "".join(ch if ch.isprintable() else "?" for ch in text)  # a damaged stream's bytes
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# --------------------------------------------------------------------------- pages


@dataclass
class _Part:
    """One ruled table as drawn on one page: rows of (text or None for a covered cell, box)."""

    page: int
    number: int
    top: float
    bottom: float
    edges: list[float]
    rows: list[list[tuple[str | None, tuple | None]]]
    skip: int = 0  # first rows repeating the header of the table this part continues


@dataclass
class _Line:
    page: int
    number: int
    top: float
    bottom: float
    text: str
    box: tuple


@dataclass
class _Page:
    number: int
    height: float
    items: list = field(default_factory=list)  # _Part and _Line, top to bottom


def _read_pages(path: str, pdf, clock: limits.Clock, findings: list[Finding]) -> list[_Page]:
    """Every page read (see module doc); a damaged page is an X901 at that page, and reading
    goes on, as for a damaged sheet of a workbook."""
    limits.page_count(path, pdf)
    pages, chars, images, damaged = [], limits.Chars(), 0, None
    for n, page in enumerate(pdf.pages, start=1):
        if n > limits.MAX_PAGES:
            raise InputError(path, f"the PDF has more than {limits.MAX_PAGES} pages, the most the checker reads; "
                                   "split it")
        clock.check()
        if n > 1:
            clock.extend(limits.PAGE_SECONDS)
        try:
            pages.append(_one_page(page, n, chars, findings))
            images += bool(not page.chars and page.images)
        except Exception as exc:  # noqa: BLE001 - pdfminer on a damaged content stream
            damaged = damaged or exc
            pages.append(_Page(n, 0.0))
            findings.append(_x901(n, f"此页已损坏，未读取（{_why(exc)}）", f"this page is damaged and was not read ({_why(exc)})"))
        finally:
            page.close()  # pdfplumber caches a page's objects; a long PDF stays flat in memory
        if chars.garbled(at_least=200):  # enough to know: stop before reading the rest
            raise InputError(path, limits.GARBLED)
    if not pages:
        raise InputError(path, "not a valid PDF (it has no pages: damaged or truncated)")
    if chars.total == 0:
        if damaged is not None:
            raise InputError(path, f"not a valid PDF (the file is damaged: {_why(damaged)})")
        raise InputError(path, _SCANNED if images else "PDF 中没有文字 / the PDF holds no text (no form to check)")
    if chars.garbled():
        raise InputError(path, limits.GARBLED)
    return pages


def _one_page(page, n: int, chars: limits.Chars, findings: list[Finding]) -> _Page:
    chars.count(page.chars)
    if not page.chars:
        findings.append(_blank_page(n, bool(page.images)))
        return _Page(n, float(page.height))
    return _read_page(page, n)


def _blank_page(n: int, image: bool) -> Finding:
    if image:
        return _x901(n, "此页没有文字层（扫描图片），未读取", "this page has no text layer (a scanned image) and was not read")
    return _x901(n, "此页没有文字", "this page holds no text")


def _x901(page: int, zh: str, en: str) -> Finding:
    # warning, not error: the filer's page may be right; the checker could not see it.
    return Finding(code="X901", severity="warning", message={"zh": zh, "en": en}, place=Place(page=page))


def _read_page(page, n: int) -> _Page:
    """A page's ruled tables and the text lines outside them, top to bottom."""
    out = _Page(n, float(page.height))
    tables = sorted(page.find_tables(), key=lambda t: (t.bbox[1], t.bbox[0]))
    for t, table in enumerate(tables, start=1):
        out.items.append(_part(table, n, t))
    boxes = [t.bbox for t in tables]
    outside = page.filter(lambda obj: not _inside(obj, boxes)) if boxes else page
    for k, line in enumerate(outside.extract_text_lines(return_chars=False), start=1):
        text = _cell_text(line["text"])
        box = _box((line["x0"], line["top"], line["x1"], line["bottom"]))
        out.items.append(_Line(n, k, line["top"], line["bottom"], text, box))
    out.items.sort(key=lambda item: item.top)
    return out


def _inside(obj: dict, boxes: list[tuple]) -> bool:
    """True for an object whose centre lies in one of the table boxes."""
    if "x0" not in obj or "top" not in obj:
        return False
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _part(table, page: int, number: int) -> _Part:
    texts = table.extract()
    rows = []
    for cells, group in zip(texts, table.rows):
        rows.append([(text, _box(box) if box else None) for text, box in zip(cells, group.cells)])
    edges = sorted({round(x, 1) for c in table.cells for x in (c[0], c[2])})
    return _Part(page, number, table.bbox[1], table.bbox[3], edges, rows)


def _cell_text(text: str) -> str:
    """A cell's or line's text on one line (``container.clean_text``), a spread label closed up."""
    text = clean_text(text)
    return re.sub(r"[ \u3000]+", "", text) if _SPREAD.fullmatch(text) else text


def _box(b) -> tuple[float, float, float, float]:
    return tuple(round(float(v), 2) for v in b)  # type: ignore[return-value]


# --------------------------------------------------------------------------- reading order


def _join(pages: list[_Page]) -> list[Row]:
    """Rows in reading order, a table continued over a page break joined (module doc)."""
    rows: list[Row] = []
    held: list[_Line] = []  # page furniture between two parts of one table, put after the table
    for k, page in enumerate(pages):
        items = page.items
        if k and _continues(pages[k - 1], page):
            first = _first_part(page)
            lead = items.index(first)
            held += items[:lead]
            items = items[lead:]
            first.skip = _repeated_rows(_last_part(pages[k - 1]), first)
        goes_on = k + 1 < len(pages) and _continues(page, pages[k + 1])
        cut = items.index(_last_part(page)) + 1 if goes_on else len(items)
        for i, item in enumerate(items[:cut]):
            rows += _part_rows(item) if isinstance(item, _Part) else [_line_row(item)]
            if i == 0 and held and not (goes_on and cut == 1):
                rows += [_line_row(line) for line in held]  # the joined table ends here
                held = []
        held += items[cut:]
    return rows + [_line_row(line) for line in held]


def _first_part(page: _Page) -> _Part | None:
    return next((i for i in page.items if isinstance(i, _Part)), None)


def _last_part(page: _Page) -> _Part | None:
    return next((i for i in reversed(page.items) if isinstance(i, _Part)), None)


def _continues(page: _Page, nxt: _Page) -> bool:
    """True when ``page`` ends with a table that ``nxt`` goes on with: only page furniture after
    the one, only furniture before the other, and the columns ruled at the same places."""
    last, first = _last_part(page), _first_part(nxt)
    if last is None or first is None or nxt.number != page.number + 1:
        return False
    after = page.items[page.items.index(last) + 1:]
    before = nxt.items[: nxt.items.index(first)]
    if not all(_furniture(i, page.height) for i in after) or not all(_furniture(i, nxt.height) for i in before):
        return False
    return len(last.edges) == len(first.edges) and all(
        abs(a - b) <= EDGE_TOLERANCE for a, b in zip(last.edges, first.edges))


def _furniture(item, height: float) -> bool:
    """A text line in the page's top or bottom margin band (header, footer, page number)."""
    return isinstance(item, _Line) and (item.bottom <= FURNITURE * height or item.top >= (1 - FURNITURE) * height)


def _repeated_rows(before: _Part, part: _Part) -> int:
    """How many first rows of ``part`` repeat the first rows of the table's previous part."""
    def texts(row):
        return [clean_text(t or "") for t, _ in row]

    n = 0
    while (n < min(REPEATED_ROWS_MAX, len(before.rows) - 1, len(part.rows) - 1)
           and any(texts(part.rows[n])) and texts(part.rows[n]) == texts(before.rows[n])):
        n += 1
    return n


def _part_rows(part: _Part) -> list[Row]:
    out = []
    for r, cells in enumerate(part.rows, start=1):
        if r <= part.skip:
            continue
        while cells and cells[-1][0] is None:
            cells = cells[:-1]  # the covered columns of a span at the row's end (docx reader)
        row_place = Place(page=part.page, table=part.number, row=r)
        out_cells = [Cell(text=_cell_text(text or ""),
                          place=Place(page=part.page, table=part.number, row=r, col=c, box=box))
                     for c, (text, box) in enumerate(cells, start=1)]
        out.append(Row(cells=out_cells, place=row_place, raw="\t".join(c.text for c in out_cells)))
    return out


def _line_row(line: _Line) -> Row:
    place = Place(page=line.page, line=line.number, box=line.box)
    return Row(cells=[Cell(text=line.text, place=place)] if line.text else [], place=place, raw=line.text)
