"""The layout stage: find the forms in a Document and read each into the form model.

``find_forms(doc) -> Filing`` (shared/DESIGN.md §1). Steps:

1. segment (segment.py): form titles split the rows into regions, one per form; all budget
   tables of a disclosure make one region;
2. each region goes to its reader: target forms to targets.py (header.py, table.py, levels.py,
   blocks.py), self-evaluation forms to ``self_eval.parse_self_eval``, budget tables to
   ``budget_tables.parse_budget_tables`` (both imported lazily: written beside this package);
3. what cannot be placed becomes an X901 (error) or X902 (warning) finding with its line.

Form ids are ``f"{doc.path}#{n}"``, n 1-based in document order.
"""

from __future__ import annotations

import importlib

from checker.layout.blocks import value_like
from checker.layout.findings import x901, x902
from checker.layout.header import HeaderReader
from checker.layout.labels import squeezed
from checker.layout.stream import regroup
from checker.layout.segment import Region, split_regions, title_kind
from checker.layout.table import read_header
from checker.layout.targets import parse_target
from checker.layout.vocab import label_level, title_words
from checker.model import Cell, Document, Filing, Finding, Form, Grid, Place, Row

__all__ = ["find_forms"]


def find_forms(doc: Document) -> Filing:
    """Every form of ``doc`` in document order, with the reader's findings (what it read past)
    first, then the layout's X901/X902/S113 findings.

    A canonical filing (``doc.filing`` set) is returned as it is. Never raises for odd input:
    what cannot be read is a finding.
    """
    if doc.filing is not None:
        return doc.filing
    filing = Filing(path=doc.path, findings=list(doc.findings))
    for grid in doc.grids:
        # An indicator table printed one cell per line is put back into rows first (stream.py).
        _grid(doc.path, _titled(Grid(name=grid.name, rows=regroup(grid.rows))), filing)
    return filing


_KIND_TITLES = {"project_target": "项目支出绩效目标表", "department_target": "部门整体支出绩效目标表",
                "project_self_eval": "项目支出绩效自评表", "department_self_eval": "部门整体支出绩效自评表"}
_SCORE_COLUMNS = ("得分", "自评得分", "实际完成值", "完成值", "实际值")


def _titled(grid: Grid) -> list[Row]:
    """The grid's rows; a worksheet with no title row of its own gets one above its first row:
    its name when named like a form (sheet "项目支出绩效目标表"), else, when it holds an indicator
    table (a 三级指标 column) under a 项目名称 or 部门名称 label, the title of the kind its content
    shows (sheet "农村饮水运维": 项目名称 and 得分 → 项目支出绩效自评表); the place names the sheet."""
    rows = grid.rows
    if not grid.name:
        return _untitled_text(rows)
    if title_kind(grid.name) == "budget_table" or split_regions(rows)[1]:
        return rows
    title = grid.name if title_kind(grid.name) is not None else _content_title(rows)
    if title is None:
        return rows
    first = next((r for r in rows if r.cells), None)
    place = Place(sheet=grid.name, cell=first.place.cell if first else "A1")
    return [Row(cells=[Cell(text=title, place=place)], place=place, raw=title), *rows]


def _untitled_text(rows: list[Row]) -> list[Row]:
    """A text holding an indicator table under a 项目名称 or 部门名称 label but no form title (its
    heading says 部门整体绩效目标 without 表): a title row of the kind its content shows is put
    on the heading's line (the last line above the labels that names 绩效目标 or 自评), else
    above the first row. Texts with a title, or without such a table, are returned as they are."""
    if split_regions(rows)[1]:
        return rows
    title = _content_title(rows)
    if title is None:
        return _headed_table(rows)
    labels = title_words()["kind_from_labels"]
    names = tuple(labels["project"] + labels["department"])
    at = next((i for i, r in enumerate(rows) if any(squeezed(c.text).rstrip(":：").startswith(names) for c in r.cells)), 0)
    heading = next((i for i in range(at - 1, -1, -1) if _names_goal(rows[i])), None)
    place = rows[heading].place if heading is not None else rows[at].place
    row = Row(cells=[Cell(text=title, place=place)], place=place, raw=rows[heading].raw if heading is not None else title)
    if heading is not None:
        return [*rows[:heading], row, *rows[heading + 1:]]
    return [*rows[:at], row, *rows[at:]]


_HEADING_GAP = 2  # lines between a table's heading and its header row


def _headed_table(rows: list[Row]) -> list[Row]:
    """An indicator table with neither a form title nor name labels, under a heading that names
    a project's goals (表1:某项目绩效目标, a report's table): the heading's line gets the title of
    the kind its words show (项目 → project, else department; 自评 → self-evaluation)."""
    at = next((i for i, r in enumerate(rows) if read_header(r)), None)
    if at is None:
        return rows
    heading = next((i for i in range(at - 1, max(-1, at - 1 - _HEADING_GAP), -1) if _names_goal(rows[i])), None)
    if heading is None:
        return rows
    text = squeezed(next(c.text for c in rows[heading].cells if c.text))
    words = title_words()
    kind = ("project" if any(w in text for w in words["project_words"]) else "department") + (
        "_self_eval" if any(w in text for w in words["self_eval_words"] + ["自评"]) else "_target")
    place = rows[heading].place
    row = Row(cells=[Cell(text=_KIND_TITLES[kind], place=place)], place=place, raw=rows[heading].raw)
    return [*rows[:heading], row, *rows[heading + 1:]]


def _names_goal(row: Row) -> bool:
    texts = [c.text for c in row.cells if c.text]
    return len(texts) == 1 and any(w in squeezed(texts[0]) for w in title_words()["heading_words"])


def _content_title(rows: list[Row]) -> str | None:
    """The kind's title for an untitled sheet holding an indicator table, or None."""
    texts = [[squeezed(c.text) for c in r.cells if c.text] for r in rows]
    at = next((i for i, t in enumerate(texts) if "三级指标" in t), None)
    if at is None:
        return None
    above = {x for t in texts[:at] for x in t}
    project = any(x.startswith("项目名称") for x in above)
    department = not project and any("部门" in x and "名称" in x for x in above)
    if not (project or department):
        return None  # an indicator table alone (Sheet2): no form to name, it stays an X901
    scored = any(c in _SCORE_COLUMNS for c in texts[at])
    kind = ("project" if project else "department") + ("_self_eval" if scored else "_target")
    return _KIND_TITLES[kind]


def _grid(path: str, rows: list[Row], filing: Filing) -> None:
    preamble, regions = split_regions(rows)
    filing.findings += _stray_tables(preamble) or _headless_rows(preamble)
    for region in regions:
        form_id = f"{path}#{len(filing.forms) + 1}"
        form, findings = _read_region(region, form_id)
        filing.forms.append(form)
        filing.findings += findings


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
        return form, [x901(f"无法读取此表格（{type(exc).__name__}: {exc}）",
                           f"this form could not be read ({type(exc).__name__}: {exc})",
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


_HEADLESS_MIN = 2  # indicator-like rows before any title that make a form's cut-off tail


def _headless_rows(rows: list[Row]) -> list[Finding]:
    """X902 when the text begins inside a form (a web page's second page): rows that read like
    indicator rows (a known level label, then a name and a value) stand before any title or
    header. They are not read: no form to give them to, so nothing is said about the filer."""
    found = [r for r in rows if _indicator_like(r)]
    if len(found) < _HEADLESS_MIN:
        return []
    first = found[0]
    return [x902(f"文本从表格中间开始：第 {first.place.line or first.place.short()} 行起的 {len(found)} 行像是绩效指标，"
                 "但其上没有表格标题和表头，未予读取（页面可能被截断）",
                 f"the text begins inside a form: {len(found)} rows from {first.place.short()} look like "
                 "indicator rows but stand under no form title or header, so they were not read "
                 "(the page may have been cut off at its start)", first.place, None, rows=len(found))]


def _indicator_like(row: Row) -> bool:
    texts = [c.text for c in row.cells if c.text]
    return (len(texts) >= 3 and label_level(texts[0]) is not None
            and any(value_like(t) for t in texts[2:]))


def _stray_tables(rows: list[Row]) -> list[Finding]:
    """X901 for an indicator table outside any target form (before the first title, or among
    the budget tables): its title is missing, so it cannot be given a form."""
    for row in rows:
        if read_header(row):
            return [x901("在任何表格标题之前发现绩效指标表，无法归入某一张表（应先有“…绩效目标表”或“…自评表”标题）",
                         "an indicator table stands before any form title and cannot be assigned to a form "
                         "(expected a title such as …绩效目标表 or …自评表 above it)", row.place, None, row,
                         line=row.place.line)]
    return []
