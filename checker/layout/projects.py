"""One indicator table for several projects, one row per project (budget disclosures: 预算公开
表11 项目绩效目标表 of Inner Mongolia, shared/corpus 18's shape)::

    项目名称 ⇥ 项目单位 ⇥ 预算数 ⇥ 年度绩效目标 ⇥ 一级指标 ⇥ 二级指标 ⇥ 三级指标 ⇥ 指标值 …
    某项目甲 ⇥ 某局 ⇥ 12,000.00 ⇥ 保障… ⇥ 产出指标 ⇥ 数量指标 ⇥ 购置数量 ⇥ 2
    ⇥ ⇥ ⇥ ⇥ ⇥ 质量指标 ⇥ 验收合格率 ⇥ 100
    某项目乙 ⇥ 某局 ⇥ 8,000.00 ⇥ 保障… ⇥ 产出指标 ⇥ …

The header fields stand as the table's first columns (header labels of rules/header_labels.yaml
left of the indicator columns), filled on the row where a project begins. ``split_projects``
gives each project a region of its own, as if it had been printed as a form: the title row, the
rows above the table (its 单位:元), the project's fields as ``label ⇥ value`` rows (each cell
keeps its place), the header row, and the project's indicator rows with the field cells left
empty. Each is then read as a target form; nothing is re-filed, only cut where a project begins.
"""

from __future__ import annotations

from checker.layout.segment import Region
from checker.layout.row_memo import first as first_row
from checker.layout.table import read_header
from checker.layout.vocab import header_key, is_level1, label_level
from checker.model import Cell, Row

_NAME_KEYS = ("project_name",)  # a project begins where this column is filled


def split_projects(region: Region) -> list[Region]:
    """``region`` as one region per project when its indicator table carries the header fields
    as columns (module doc); otherwise ``[region]``. Never raises for odd rows."""
    if region.kind not in ("project_target", "department_target"):
        return [region]
    rows = region.rows[1:]
    at = first_row(read_header, rows)
    if at is None:
        return [region]
    header = read_header(rows[at])
    first_col = min(c for c, _ in header.roles)
    fields = [(i, c) for i, c in enumerate(header.row.cells[:first_col]) if c.text]
    keys = [header_key(c.text)[0] for _, c in fields]
    if not fields or not any(k in _NAME_KEYS for k in keys):
        return [region]
    name_col = fields[keys.index(next(k for k in keys if k in _NAME_KEYS))][0]
    above, body = rows[:at], rows[at + 1:]
    starts = [j for j, r in enumerate(body) if _starts_project(r, name_col, first_col, len(header.roles))]
    if not starts:
        return [region]
    out = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(body)
        # Rows above the first project's row (none in the forms seen) stay with the first one.
        part = body[:end] if n == 0 else body[start:end]
        first = body[start]
        field_rows = [_field_row(label, first.cells[i]) for i, label in fields if i < len(first.cells)]
        project = [_without_fields(r, first_col) if r is first else r for r in part]
        out.append(Region(kind=region.kind, title=region.title, title_row=region.title_row,
                          rows=[region.title_row, *above, *field_rows, rows[at], *project], year=region.year))
    return out


def _starts_project(row: Row, name_col: int, first_col: int, width: int) -> bool:
    """Does ``row`` begin a project: a text under 项目名称 that is no level label, on a row that
    fills the field columns too — more cells than the indicator columns (``width``), or a level
    label right of the fields? A row of a text separated by spaces that lacks its merged cells
    starts at the left with its name or its labels, and holds no more than the indicator columns."""
    if name_col >= len(row.cells):
        return False
    text = row.cells[name_col].text
    if not text or label_level(text) is not None or is_level1(text):
        return False
    filled = [i for i, c in enumerate(row.cells) if c.text]
    return len(filled) > width or any(label_level(row.cells[i].text) is not None for i in filled if i >= first_col)


def _field_row(label: Cell, value: Cell) -> Row:
    return Row(cells=[label, value], place=value.place, raw=f"{label.text}\t{value.text}")


def _without_fields(row: Row, first_col: int) -> Row:
    """The project's first row with its field cells left empty (they were read as fields)."""
    cells = [Cell(text="", place=c.place) if i < first_col else c for i, c in enumerate(row.cells)]
    return Row(cells=cells, place=row.place, raw=row.raw, doubts=list(row.doubts))
