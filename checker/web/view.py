"""One checked file drawn as the forms it holds, each finding marked on its cell.

The cells are the reader's (``Document.grids``): a text line's cells in order, a sheet's cells
in their columns (A1 notation), a Word table's cells in their columns. Rows are cut into one
table per form where a form begins (``Form.place``). A finding is marked on the cell at its
place; where no cell is exactly there, on the nearest cell of its row before it (a finding at
a column between cells), else it is listed without a mark. Every text is HTML-escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from checker.model import SEVERITY_RANK, Cell, Finding, Form, Place, Row
from checker.report.result import FileResult
from checker.report.wording import form_heading, message_of, say
from checker.web.words import word

DOUBT_PREFIX = "X9"
_CELL_REF = re.compile(r"^([A-Z]+)(\d+)$")


def is_doubt(finding: Finding) -> bool:
    """X9xx: what the checker could not read (请核对原件), not the filer's violation."""
    return finding.code.startswith(DOUBT_PREFIX)


@dataclass
class Marks:
    """Which findings sit on which cell: ``by_cell`` cell id → findings, ``of`` finding index →
    cell id (None: no cell at its place)."""

    by_cell: dict[str, list[Finding]] = field(default_factory=dict)
    of: dict[int, str | None] = field(default_factory=dict)


def row_key(place: Place) -> tuple:
    """The row a place is on: text line, sheet row, Word table row or Word paragraph."""
    if place.cell:
        m = _CELL_REF.match(place.cell)
        return ("S", place.sheet or "", int(m.group(2)) if m else 0)
    if place.table is not None:
        return ("T", place.table, place.row or 0)
    return ("L", place.line or 0)


def column_of(cell: Cell, index: int) -> int:
    """1-based column of a cell: its sheet column, its Word column, else its order in the line."""
    if cell.place.cell:
        m = _CELL_REF.match(cell.place.cell)
        if m:
            n = 0
            for ch in m.group(1):
                n = n * 26 + ord(ch) - 64
            return n
    if cell.place.table is not None and cell.place.col:
        return cell.place.col
    return index + 1


class CellIndex:
    """Finds the cell id at a finding's place (see module doc)."""

    def __init__(self) -> None:
        self.rows: dict[tuple, list[tuple[int, Cell, str]]] = {}

    def add(self, cells: list[tuple[int, Cell, str]]) -> None:
        # By each cell's own place: in a one-cell-per-line export a row's cells stand on
        # several lines, and a finding names the line of its cell.
        for placed in cells:
            self.rows.setdefault(row_key(placed[1].place), []).append(placed)

    def find(self, place: Place) -> str | None:
        row = self.rows.get(row_key(place))
        if not row:
            return None
        if place.cell or place.table is not None:
            want = column_of(Cell("", place), 0)
            return _nearest(row, lambda col, cell: col, want)
        if place.column is None:
            return row[0][2]
        for _, cell, cid in row:
            start, end = cell.place.column or 0, cell.place.end_column or 0
            if start <= place.column < max(end, start + 1):
                return cid
        return _nearest(row, lambda col, cell: cell.place.column or 0, place.column)


def _nearest(row, pos, want: int) -> str | None:
    """The cell at ``want``, else the last one before it, else the first of the row."""
    before = [(pos(col, cell), cid) for col, cell, cid in row if pos(col, cell) <= want]
    if before:
        return max(before, key=lambda t: t[0])[1]
    return row[0][2]


def render_file(result: FileResult, n: int, lang: str) -> str:
    """The section of the page for one file (``n``: its index, making ids unique)."""
    head = f'<section class="file" id="file{n}">\n<h2>{escape(result.path)}</h2>'
    if result.error:
        return (f'{head}\n<p class="unreadable" role="alert">✗ {escape(word("unreadable", lang))}'
                f"{escape(result.error)}</p>\n</section>")
    findings = [f for f in result.findings if not f.waived]
    tables, marks = _tables(result, n, findings, lang)
    aside = _findings_list(findings, marks, lang)
    return f'{head}\n<div class="layout">\n<div class="forms">\n{tables}\n</div>\n{aside}\n</div>\n</section>'


@dataclass
class Segment:
    """Rows drawn as one table: a form's (``form`` None: rows outside any form), on the sheet
    ``sheet`` of a workbook (None for text and Word)."""

    form: Form | None
    rows: list[Row]
    sheet: str | None = None


def _segments(result: FileResult) -> list[Segment]:
    """The document's non-empty rows cut where each form begins, in reading order; for a
    canonical filing (no cells read) each form's fields and indicators as rows."""
    grids = getattr(result.document, "grids", None) or []
    if not grids:
        return [Segment(form, _form_rows(form)) for form in result.forms]
    starts = {row_key(f.place): f for f in result.forms}
    out: list[Segment] = []
    for grid in grids:
        current = Segment(None, [], grid.name)
        for row in grid.rows:
            # any cell may stand where the form begins (one cell per line: a row spans lines)
            form = next((starts.pop(k) for k in {row_key(c.place) for c in row.cells} if k in starts), None)
            if form is not None:
                if current.rows:
                    out.append(current)
                current = Segment(form, [], grid.name)
            if row.cells:
                current.rows.append(row)
        if current.rows:
            out.append(current)
    return out


# A label a filing does not place (its place matches no finding).
_UNPLACED = Place()
_INDICATOR_COLUMNS = ("level1", "level2", "name", "value", "unit", "value_type", "actual", "weight", "score")


def _form_rows(form: Form) -> list[Row]:
    """A filing's form as rows: its title, one row per header field (label | value), the
    indicator table's heading and one row per indicator, each cell at the place it names."""
    rows = [Row([Cell(form.title, form.place)], form.place)]
    for fld in form.header.values():
        rows.append(Row([Cell(fld.label, _UNPLACED), Cell(fld.raw, fld.place)], fld.place))
    used = [c for c in _INDICATOR_COLUMNS if any(_indicator_text(i, c) for i in form.indicators)]
    if used:
        rows.append(Row([Cell(word(f"col_{c}", "zh"), _UNPLACED) for c in used], _UNPLACED))
    for ind in form.indicators:
        cells = [Cell(_indicator_text(ind, c), ind.cell_places.get(c) or (ind.place if c == "name" else _UNPLACED))
                 for c in used]
        rows.append(Row(cells, ind.place))
    for group in form.level2_groups:  # a level-2 left without level-3 rows (S107 points at it)
        if not group.count:
            rows.append(Row([Cell(group.level1, _UNPLACED), Cell(group.level2, group.place)], group.place))
    return rows


def _indicator_text(ind, column: str) -> str:
    return getattr(ind, column, "") or ""


def _tables(result: FileResult, n: int, findings: list[Finding], lang: str) -> tuple[str, Marks]:
    index = CellIndex()
    cells_of: list[list[list[tuple[int, Cell, str]]]] = []
    segments = _segments(result)
    counter = 0
    for segment in segments:
        seg = []
        for row in segment.rows:
            placed = []
            for i, cell in enumerate(row.cells):
                placed.append((column_of(cell, i), cell, f"c{n}-{counter}"))
                counter += 1
            index.add(placed)
            seg.append(placed)
        cells_of.append(seg)
    marks = Marks()
    for i, f in enumerate(findings):
        cid = index.find(f.place) if f.place != Place() else None
        marks.of[i] = cid
        if cid:
            marks.by_cell.setdefault(cid, []).append(f)
    html, sheet = [], None
    for segment, seg in zip(segments, cells_of):
        if segment.sheet and segment.sheet != sheet:
            html.append(f'<h3 class="sheet-name">{escape(word("sheet", lang, name=segment.sheet))}</h3>')
        sheet = segment.sheet
        html.append(_segment_html(segment.form, seg, marks, lang))
    if not segments:
        html.append(f'<p class="dim">{escape(say("no_forms", lang))}</p>')
    return "\n".join(html), marks


def _segment_html(form: Form | None, rows, marks: Marks, lang: str) -> str:
    if form is None:
        title = f'<h3 class="dim">{escape(word("outside_forms", lang))}</h3>'
    else:
        name, budget, details = form_heading(form, lang)
        budget = f" · {budget}" if budget else ""
        title = f'<h3>{escape(name + budget)} <span class="dim">{escape(details)}</span></h3>'
    width = max((col for r in rows for col, _, _ in r), default=1)
    body = "\n".join(_row_html(r, width, marks, lang) for r in rows)
    return f'<div class="form">{title}\n<div class="scroll"><table class="sheet">\n{body}\n</table></div></div>'


def _row_html(cells, width: int, marks: Marks, lang: str) -> str:
    tds, at = [], 1
    cells = sorted(cells, key=lambda t: t[0])
    while len(cells) > 1 and not cells[-1][1].text and cells[-1][2] not in marks.by_cell:
        cells.pop()  # trailing empty cells of a text export: the last text spans the row instead
    for k, (col, cell, cid) in enumerate(cells):
        if col > at:
            tds.append("<td></td>" * (col - at))
        last = k == len(cells) - 1
        span = width - col + 1 if last and width > col else 1
        tds.append(_cell_html(cell, cid, span, marks.by_cell.get(cid), lang))
        at = col + 1
    return "<tr>" + "".join(tds) + "</tr>"


def _cell_html(cell: Cell, cid: str, span: int, found: list[Finding] | None, lang: str) -> str:
    colspan = f' colspan="{span}"' if span > 1 else ""
    if not found:
        return f'<td id="{cid}"{colspan}>{escape(cell.text)}</td>'
    tip = "\n".join(f"{f.code} {say(f.severity, lang)}：{message_of(f, lang)}" for f in found)
    return (f'<td id="{cid}"{colspan} class="mark {mark_class(found)}" title="{escape(tip)}" tabindex="0">'
            f"{escape(cell.text)}</td>")


def mark_class(found: list[Finding]) -> str:
    """``mark-error`` / ``mark-warning`` / ``mark-info`` after the most severe filer's finding on
    the cell; ``mark-doubt`` when the cell holds only doubts (X9xx)."""
    own = [f for f in found if not is_doubt(f)]
    if not own:
        return "mark-doubt"
    worst = max(own, key=lambda f: SEVERITY_RANK[f.severity])
    return f"mark-{worst.severity}"


def _findings_list(findings: list[Finding], marks: Marks, lang: str) -> str:
    own = [(i, f) for i, f in enumerate(findings) if not is_doubt(f)]
    doubts = [(i, f) for i, f in enumerate(findings) if is_doubt(f)]
    parts = ['<aside class="findings">']
    if not findings:
        parts.append(f'<p class="pass">✓ {escape(word("no_findings", lang))}</p>')
    if own:
        parts.append(f"<h3>{escape(word('findings_list', lang))} ({len(own)})</h3>")
        parts.append(_list(own, marks, lang))
    if doubts:
        parts.append(f'<div class="doubts"><h3>{escape(word("check_original", lang))} ({len(doubts)})</h3>')
        parts.append(f'<p class="dim">{escape(word("doubts_explained", lang))}</p>')
        parts.append(_list(doubts, marks, lang) + "</div>")
    parts.append("</aside>")
    return "\n".join(parts)


def _list(items: list[tuple[int, Finding]], marks: Marks, lang: str) -> str:
    lis = []
    for i, f in items:
        cid = marks.of.get(i)
        where = escape(f.place.short())
        where = f'<a class="goto" href="#{cid}" data-cell="{cid}">{where}</a>' if cid else \
            f'<span class="dim" title="{escape(word("not_on_cell", lang))}">{where}</span>'
        lis.append(
            f'<li class="finding sev-{f.severity}"><span class="sev">{escape(say(f.severity, lang))}</span> '
            f'<a class="code" href="/rules/{escape(f.code)}?lang={lang}" target="_blank" rel="noopener">'
            f"{escape(f.code)}</a> {where}<br>{escape(message_of(f, lang))}</li>"
        )
    return '<ol class="list">\n' + "\n".join(lis) + "\n</ol>"
