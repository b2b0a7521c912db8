"""The layout stage: find the forms in a Document and read each into the form model.

``find_forms(doc) -> Filing`` (shared/DESIGN.md §1). Steps:

1. segment (segment.py): form titles split the rows into regions, one per form; all budget
   tables of a disclosure make one region;
2. each region goes to its reader: target forms to targets.py (header.py, table.py, levels.py,
   blocks.py), self-evaluation forms to ``self_eval.parse_self_eval``, budget tables to
   ``budget_tables.parse_budget_tables`` (both imported lazily: written beside this package);
3. what cannot be placed becomes an X901 (error) or X902 (warning) finding with its line; a text
   document that ends inside its last form's table gives that form an X902 (cutoff.py).

Form ids are ``f"{doc.path}#{n}"``, n 1-based in document order.
"""

from __future__ import annotations

import importlib

from checker.layout.cutoff import cut_off
from checker.layout.findings import x901
from checker.layout.header import HeaderReader
from checker.layout.labels import squeezed
from checker.layout.one_line import one_line_forms
from checker.layout.projects import split_projects
from checker.layout.row_memo import document_memo, first
from checker.layout.stream import regroup
from checker.layout.segment import Region, split_regions, title_kind
from checker.layout.table import read_header
from checker.layout.targets import parse_target
from checker.layout.untitled import content_title, headless_form, headless_rows, report_table, untitled_text
from checker.layout.vocab import level1_weight
from checker.model import Cell, Document, Field, Filing, Finding, Form, Place, Row

__all__ = ["find_forms"]


def find_forms(doc: Document) -> Filing:
    """Every form of ``doc`` in document order, with the reader's findings (what it read past)
    first, then the layout's X901/X902/S113 findings.

    A canonical filing (``doc.filing`` set) is returned as it is. Never raises for odd input:
    what cannot be read is a finding.
    """
    if doc.filing is not None:
        return doc.filing
    with document_memo():  # the passes ask the same rows the same questions (row_memo.py)
        return _find_forms(doc)


def _find_forms(doc: Document) -> Filing:
    filing = Filing(path=doc.path, findings=list(doc.findings))
    for grid in doc.grids:
        # An indicator table printed one cell per line is put back into rows first (stream.py).
        rows = regroup(grid.rows)
        split = split_regions(rows)
        if not split[1]:  # no form title: the title the grid's name or content shows, if any
            titled = _titled(grid.name, rows)
            split = split if titled is rows else split_regions(titled)
        last = _grid(doc.path, split, filing)
        if last is not None and doc.kind == "text":  # a web page or an export cut short
            filing.findings += filter(None, [cut_off(filing.forms[-1], last.rows)])
    if not filing.forms and doc.kind == "text":
        # A whole form on one line that no reader could cut: said precisely, not "no form found".
        filing.findings += [f for grid in doc.grids for f in one_line_forms(grid.rows)]
    return filing


def _titled(name: str | None, rows: list[Row]) -> list[Row]:
    """A grid's ``rows``, in which split_regions found no form title, with a title row put in where
    their content or the grid's ``name`` shows one (``rows`` itself, the same list, when neither
    does). A text gets its title from untitled.untitled_text; a worksheet gets one above its first row:
    its name when named like a form (sheet "项目支出绩效目标表"), else, when it holds an indicator
    table (a 三级指标 column) under a 项目名称 or 部门名称 label, the title of the kind its content
    shows (sheet "农村饮水运维": 项目名称 and 得分 → 项目支出绩效自评表); the place names the sheet."""
    if not name:
        return untitled_text(rows)
    if title_kind(name) == "budget_table":
        return rows
    title = name if title_kind(name) is not None else content_title(rows)
    if title is None:
        return rows
    first = next((r for r in rows if r.cells), None)
    place = Place(sheet=name, cell=first.place.cell if first else "A1")
    return [Row(cells=[Cell(text=title, place=place)], place=place, raw=title), *rows]


def _grid(path: str, split: tuple[list[Row], list[Region]], filing: Filing) -> Region | None:
    """Read a grid's forms into ``filing`` from its ``split`` (split_regions: the rows before the
    first title, the regions); the last region (it runs to the grid's end)."""
    preamble, regions = split
    # One table for several projects (项目名称 ⇥ 预算数 … ⇥ 一级指标 …): a form per project.
    regions = [part for region in regions for part in split_projects(region)]
    stray = _stray_tables(preamble)
    # A page that begins inside a form: its rows make a form cut off at its start (untitled.py).
    headless = None if stray else headless_form(preamble, f"{path}#{len(filing.forms) + 1}",
                                                regions[0].kind if regions else None)
    if headless is not None:
        filing.forms.append(headless[0])
    filing.findings += stray or (headless[1] if headless is not None else headless_rows(preamble))
    for region in regions:
        form_id = f"{path}#{len(filing.forms) + 1}"
        form, findings = _read_region(region, form_id)
        _heading_weights(form, region.rows)
        filing.forms.append(form)
        filing.findings += findings + report_table(region.title_row, form_id)
    return regions[-1] if regions else None


def _heading_weights(form: Form, rows: list[Row]) -> None:
    """A target form's level-1 headings that state their weight (``效益指标(30分)``) give
    form.level1_weights, whichever layout read the table (S115 compares the weights with them)."""
    if form.kind not in ("project_target", "department_target") or form.level1_weights:
        return
    for row in rows:
        for cell in row.cells:
            if cell.text and ("(" in cell.text or "（" in cell.text) and (found := level1_weight(cell.text)):
                name, weight = found
                form.level1_weights.setdefault(name, Field(label=name, raw=f"{weight}分", place=cell.place))


def _read_region(region: Region, form_id: str) -> tuple[Form, list[Finding]]:
    title_cell = next(c for c in region.title_row.cells if c.text)
    if region.kind in ("project_target", "department_target"):
        return _guarded(parse_target, region, form_id, title_cell)
    module, func = {
        "budget_table": ("checker.layout.budget_tables", "parse_budget_tables"),
        "project_self_eval": ("checker.layout.self_eval", "parse_self_eval"),
        "department_self_eval": ("checker.layout.self_eval", "parse_self_eval"),
    }[region.kind]
    parser = _optional(module, func)
    stray = _stray_tables(region.rows) if region.kind == "budget_table" else []
    if parser is not None:
        form, findings = _guarded(lambda r, i: parser(r.rows, form_id=i, title=title_cell.text,
                                                      title_place=title_cell.place, year=r.year),
                                  region, form_id, title_cell)
        return form, findings + stray
    # The reader for this kind is not installed: keep the form and its header only.
    return _header_only(region, form_id, title_cell), stray


def _guarded(read_form, region: Region, form_id: str, title_cell) -> tuple[Form, list[Finding]]:
    try:
        return read_form(region, form_id)
    except Exception as exc:  # noqa: BLE001 - never a traceback to a user: the form is reported
        form = _header_only(region, form_id, title_cell)
        # a bug of ours, not the filer's input: say so, so that it is reported rather than taken for a doubt
        return form, [x901(f"检查器内部错误，此表未能读取（{type(exc).__name__}: {exc}），请连同文件报告给维护者",
                           f"internal error: this form could not be read ({type(exc).__name__}: {exc}); "
                           "please report it with the file",
                           title_cell.place, form_id, region.title_row)]


def _header_only(region: Region, form_id: str, title_cell) -> Form:
    form = Form(id=form_id, kind=region.kind, title=squeezed(title_cell.text), place=title_cell.place,
                year=region.year, end_place=region.rows[-1].place)
    if region.kind != "budget_table":
        form.header = HeaderReader().feed(region.rows[1:])
    return form


def _optional(module: str, func: str):
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None
    return getattr(mod, func, None)


def _stray_tables(rows: list[Row]) -> list[Finding]:
    """X901 for an indicator table outside any target form (before the first title, or among
    the budget tables): its title is missing, so it cannot be given a form."""
    at = first(read_header, rows)
    if at is None:
        return []
    row = rows[at]
    return [x901("在任何表格标题之前发现绩效指标表，无法归入某一张表（应先有“…绩效目标表”或“…自评表”标题）",
                 "an indicator table stands before any form title and cannot be assigned to a form "
                 "(expected a title such as …绩效目标表 or …自评表 above it)", row.place, None, row,
                 line=row.place.line)]
