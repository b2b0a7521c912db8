"""Rule kinds for sums inside one budget-disclosure table (B501, B502).

``table_sums`` (B501): every 合计/小计 column equals its part columns on each row, and every
total row equals its part rows: the 类 rows of a coded table, the items above 本年收入合计 /
本年支出合计 (and 总计 = 本年合计 + 结转), the economic categories and their details, the
sub-items (①②) of a row, the units of the project table and their projects.
``code_rollup`` (B502): a 类 (3 digits) equals the sum of its 款 (5), a 款 the sum of its 项 (7).

Sums pass within the written precision (checker.layout.budget_numbers.sum_agrees): rounded
parts may drift by their half units.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Iterator

from checker.layout.budget_numbers import fmt, sum_agrees
from checker.model import Cell, Table
from checker.rules.kinds import Hit, kind
from checker.rules.kinds.budget_structure import (
    ECON_CATEGORIES,
    ORDINAL,
    SUB_ITEM,
    Block,
    amount,
    blocks,
    cell,
    is_total,
    is_total_column,
    is_unit_name,
    parts_of_total_column,
    row_code,
    row_label,
    text,
    value_columns,
)

_NO_OPTIONS = {"type": "object", "additionalProperties": False, "properties": {}}
Group = tuple[list[Cell], list[list[Cell]], str]  # total row, part rows, what the parts are


@kind("table_sums", scope="form", schema=_NO_OPTIONS)
def table_sums(check, form, ctx) -> Iterable[Hit]:
    """B501: 合计 = the sum of its rows and of its columns in every table (see module doc)."""
    department = form.header["department_name"].raw if "department_name" in form.header else ""
    for table in form.tables:
        for block in blocks(table):
            yield from _column_sums(table, block)
            for total, parts, what in _row_groups(table, block, department):
                if not _subtotals_unnamed([total] + parts):
                    yield from _compare_rows(table, block, total, parts, what)


@kind("code_rollup", scope="form", schema=_NO_OPTIONS)
def code_rollup(check, form, ctx) -> Iterable[Hit]:
    """B502: functional classification codes roll up: 类 = Σ 款, 款 = Σ 项, in every column."""
    for table in form.tables:
        for block in blocks(table):
            if block.code is None:
                continue
            coded = [(row_code(r, block), r) for r in table.rows]
            coded = [(c, r) for c, r in coded if c]
            for code, row in coded:
                if len(code) == 7:
                    continue
                children = [r for c, r in coded if len(c) == len(code) + 2 and c.startswith(code)]
                if children:
                    yield from _compare_rows(table, block, row, children, f"{code} 的下级科目", code=code)


# --------------------------------------------------------------------------- columns


def _column_sums(table: Table, block: Block) -> Iterator[Hit]:
    for t in value_columns(table, block):
        if not is_total_column(table.columns[t]):
            continue
        parts = parts_of_total_column(table, block, t)
        if not parts:
            continue
        for row in table.rows:
            total = amount(row, t)
            values = [amount(row, p) for p in parts]
            written = [v for v in values if v is not None]
            if total is None and not written:
                continue
            if not sum_agrees(total or Decimal(0), written):
                yield Hit(place=cell(row, t).place if cell(row, t) is not None else table.place, variant="columns", data={
                    "table": _name(table), "row": row_label(row, block), "column": table.columns[t],
                    "parts": "、".join(table.columns[p].split("/")[-1] for p in parts),
                    "expected": fmt(sum(written, Decimal(0))), "actual": fmt(total) or "空"})


# --------------------------------------------------------------------------- rows


def _row_groups(table: Table, block: Block, department: str) -> list[Group]:
    rows = table.rows
    labels = [row_label(r, block) for r in rows]
    if block.code is not None:
        total = next((r for r, l in zip(rows, labels) if is_total(l)), None)
        classes = [r for r in rows if len(row_code(r, block) or "") == 3]
        return [(total, classes, "各类级科目")] if total is not None and classes else []
    if any(l.startswith(("本年收入合计", "本年支出合计")) for l in labels):
        return _summary_groups(rows, labels)
    if any(l in ECON_CATEGORIES for l in labels) and len(block.labels) > 1:
        return _econ_groups(rows, labels, block)
    if "项目支出" in table.title:
        return _project_groups(rows, labels, department)
    return _list_groups(rows, labels)


def _summary_groups(rows, labels) -> list[Group]:
    """收支总表: items above 本年…合计 add up to it; 总计 = 本年合计 + the 结转 rows between."""
    out: list[Group] = []
    start = 0
    year_total = None
    for k, label in enumerate(labels):
        if label.startswith(("本年收入合计", "本年支出合计")):
            items = [rows[j] for j in range(start, k) if labels[j] and not SUB_ITEM.match(labels[j])]
            out.append((rows[k], items, "本年各项"))
            year_total, start = k, k + 1
        elif label.endswith("总计") and year_total is not None:
            carried = [rows[j] for j in range(year_total + 1, k) if "结转" in labels[j] and not _is_numbered(labels[j])]
            out.append((rows[k], [rows[year_total]] + carried, "本年合计与结转"))
            start = k + 1
    return out


def _is_numbered(label: str) -> bool:
    return bool(ORDINAL.match(label))


def _econ_groups(rows, labels, block: Block) -> list[Group]:
    """经济科目表: 合计 = Σ categories; a category (second label empty) = Σ its detail rows."""
    out: list[Group] = []
    cats = [k for k, l in enumerate(labels) if l in ECON_CATEGORIES and not text(rows[k], block.labels[1])]
    total = next((k for k, l in enumerate(labels) if is_total(l)), None)
    if total is not None and cats:
        out.append((rows[total], [rows[k] for k in cats], "各经济分类类级科目"))
    for n, k in enumerate(cats):
        end = cats[n + 1] if n + 1 < len(cats) else len(rows)
        details = [rows[j] for j in range(k + 1, end) if labels[j] and not is_total(labels[j])]
        if details:
            out.append((rows[k], details, f"“{labels[k]}”的明细"))
    return out


def _project_groups(rows, labels, department: str) -> list[Group]:
    """项目支出表: the department row = Σ unit rows; a unit row = Σ its projects."""
    if not rows or not (labels[0] == department or is_total(labels[0]) or is_unit_name(labels[0], department)):
        return []  # no department or 合计 row on top: nothing states the sum
    units = [k for k, l in enumerate(labels) if k > 0 and is_unit_name(l, department)]
    if not units:
        return [(rows[0], rows[1:], "各项目")] if len(rows) > 1 and not _subtotals_unnamed(rows) else []
    out: list[Group] = [(rows[0], [rows[k] for k in units], "各单位")]
    for n, k in enumerate(units):
        end = units[n + 1] if n + 1 < len(units) else len(rows)
        if end > k + 1:
            out.append((rows[k], rows[k + 1 : end], f"“{labels[k]}”的项目"))
    return out


def _subtotals_unnamed(rows) -> bool:
    """True when the rows under the top one add up to twice it: subtotals listed with their
    parts (units with their projects, categories with their items) that the labels did not
    reveal. Then no sum is judged: the input's structure is in doubt, not the filer's sums."""
    col = next((i for i in range(1, len(rows[0])) if amount(rows[0], i) is not None), None)
    if col is None:
        return False
    parts = [amount(r, col) for r in rows[1:]]
    top = amount(rows[0], col)
    return sum_agrees(2 * top, [p for p in parts if p is not None]) and not sum_agrees(top, [p for p in parts if p is not None])


def _list_groups(rows, labels) -> list[Group]:
    """A list with a 合计 row first or last: 合计 = Σ the other rows (sub-items ①② and
    其中 rows excluded); a row followed by sub-items = Σ its sub-items."""
    out: list[Group] = []
    totals = [k for k, l in enumerate(labels) if is_total(l)]
    if len(totals) == 1:
        items = [rows[k] for k, l in enumerate(labels) if k != totals[0] and l and not SUB_ITEM.match(l)]
        if items:
            out.append((rows[totals[0]], items, "各行"))
    k = 0
    while k < len(rows):
        subs = []
        j = k + 1
        while j < len(rows) and SUB_ITEM.match(labels[j]):
            subs.append(rows[j])
            j += 1
        if subs and not SUB_ITEM.match(labels[k]):
            out.append((rows[k], subs, f"“{labels[k]}”的分项"))
        k = j if subs else k + 1
    return out


def _compare_rows(table: Table, block: Block, total: list[Cell], parts: list[list[Cell]], what: str,
                  code: str | None = None) -> Iterator[Hit]:
    for c in value_columns(table, block):
        values = [amount(r, c) for r in parts]
        written = [v for v in values if v is not None]
        stated = amount(total, c)
        if stated is None and not written:
            continue
        if not sum_agrees(stated or Decimal(0), written):
            place_cell = cell(total, c)
            yield Hit(place=place_cell.place if place_cell is not None else table.place, variant="rows" if code is None else None,
                      data={"table": _name(table), "row": row_label(total, block), "column": table.columns[c],
                            "parts": what, "count": len(written), "expected": fmt(sum(written, Decimal(0))),
                            "actual": fmt(stated) or "空", "code": code or ""})


def _name(table: Table) -> str:
    return f"表{table.number} {table.title}" if table.number else table.title
