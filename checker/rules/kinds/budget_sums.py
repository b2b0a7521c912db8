"""Rule kinds for sums inside one budget-disclosure table (B501, B502).

``table_sums`` (B501): every 合计/小计 column equals its part columns on each row, and every
total row equals its part rows: the 类 rows of a coded table, the items above 本年收入合计 /
本年支出合计 (and 总计 = 本年合计 + 结转), the economic categories and their details, the
sub-items (①②) of a row, the units of the project table and their projects. Without codes,
levels are told by the names' indent (a text export keeps it) or outline numbers (一、 over
（一） over 1.); a list that adds up to a multiple of its 合计 with nothing to tell its levels is
an X903 doubt (levels_unread). Where last year's and this year's amounts stand beside a change,
增减额 = 本年 − 上年 and 增减率 = 增减额 ÷ 上年 on every row. Rates and quantities are never summed.
``code_rollup`` (B502): a 类 (3 digits) equals the sum of its 款 (5), a 款 the sum of its 项 (7).

Sums pass within the written precision (checker.layout.budget_numbers.sum_agrees): rounded
parts may drift by their half units. Which rows and columns add up to which is read by the layout
(checker/layout/budget_groups.py); these kinds judge the sums.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Iterator

from checker.layout.budget_groups import change_columns, overfull, row_groups, subtotals_unnamed
from checker.layout.budget_numbers import fmt, fmt_ratio, ratio_agrees, sum_agrees
from checker.layout.budget_structure import (
    Block,
    Reading,
    amount,
    cell,
    is_total_column,
    parts_of_total_column,
)
from checker.model import Cell, Table
from checker.rules.kinds import Hit, kind
from checker.rules.kinds._common import reading_of

_NO_OPTIONS = {"type": "object", "additionalProperties": False, "properties": {}}


@kind("table_sums", variants=("change", "columns", "rate", "rows"), scope="form", schema=_NO_OPTIONS)
def table_sums(check, form, ctx) -> Iterable[Hit]:
    """B501: 合计 = the sum of its rows and of its columns in every table (see module doc)."""
    department = form.header["department_name"].raw if "department_name" in form.header else ""
    for table in form.tables:
        reading = reading_of(table, ctx)
        for block in reading.blocks:
            cols = reading.value_columns(block)
            yield from _column_sums(reading, block, cols)
            yield from _changes(reading, block)
            for total, parts, what in row_groups(reading, block, department):
                nested = subtotals_unnamed([total] + parts, reading)
                if what == "各行" and (nested or overfull(total, parts, reading)):
                    # Levels listed one under another with nothing (code, indent, ①) to tell them
                    # apart: the sums cannot be read, which is the input's doubt, not an error.
                    yield Hit(place=table.place, doubt="levels_unread", data={"table": _name(table), "row": reading.row_label(total, block)})
                elif not nested:
                    yield from _compare_rows(reading, block, cols, total, parts, what)


@kind("code_rollup", scope="form", schema=_NO_OPTIONS)
def code_rollup(check, form, ctx) -> Iterable[Hit]:
    """B502: functional classification codes roll up: 类 = Σ 款, 款 = Σ 项, in every column."""
    for table in form.tables:
        reading = reading_of(table, ctx)
        for block in reading.blocks:
            if block.code is None:
                continue
            cols = reading.value_columns(block)
            coded = [(c, r) for c, r in zip(reading.codes(block), table.rows) if c]
            for code, row in coded:
                if len(code) == 7:
                    continue
                children = [r for c, r in coded if len(c) == len(code) + 2 and c.startswith(code)]
                if children:
                    yield from _compare_rows(reading, block, cols, row, children, f"{code} 的下级科目", code=code)


# --------------------------------------------------------------------------- columns


def _column_sums(reading: Reading, block: Block, cols: list[int]) -> Iterator[Hit]:
    """Each 合计/小计 column of ``cols`` (the block's value columns) = Σ its part columns, on every row."""
    table = reading.table
    for t in cols:
        if not is_total_column(table.columns[t]):
            continue
        parts = parts_of_total_column(table, block, t)
        if not parts:
            continue
        # each row's part amounts, taken across the part columns by zip, not indexed one by one
        for row, total, row_parts in zip(table.rows, reading.column(t), zip(*[reading.column(p) for p in parts])):
            written = [v for v in row_parts if v is not None]
            if total is None and not written:
                continue
            if not sum_agrees(total or Decimal(0), written):
                yield Hit(place=cell(row, t).place if cell(row, t) is not None else table.place, variant="columns", data={
                    "table": _name(table), "row": reading.row_label(row, block), "column": table.columns[t],
                    "parts": "、".join(table.columns[p].split("/")[-1] for p in parts),
                    "expected": fmt(sum(written, Decimal(0))), "actual": fmt(total) or "空"})


# --------------------------------------------------------------------------- 上年 | 本年 | 增减


def _changes(reading: Reading, block: Block) -> Iterator[Hit]:
    """增减额 = 本年 − 上年 and 增减率 = 增减额 ÷ 上年 on every row, at the written precision. A
    change column written the other way round (上年 − 本年) on every row is its convention."""
    found = change_columns(reading, block)
    table = reading.table
    if found is None:
        return
    last_col, this_col, change_col, rate_col = found
    none = [None] * len(table.rows)
    lasts, these = reading.column(last_col), reading.column(this_col)
    changes = reading.column(change_col) if change_col is not None else none
    rates = reading.column(rate_col) if rate_col is not None else none
    rows = [(r, last or Decimal(0), this or Decimal(0), change, rate)
            for r, last, this, change, rate in zip(table.rows, lasts, these, changes, rates) if last is not None or this is not None]
    if change_col is not None:
        written = [w for w in rows if w[3] is not None]
        wrong = [w for w in written if not sum_agrees(w[2], [w[1], w[3]])]
        reversed_ = wrong and all(sum_agrees(w[1], [w[2], w[3]]) for w in written if w[3] != 0)
        for r, last, this, change, _ in ([] if reversed_ else wrong):
            yield _change_hit(reading, block, r, change_col, "change", change, this - last, this, last)
    for r, last, this, written_change, rate in rows:
        if rate is None or last == 0:
            continue
        # A rate over the written change when there is one, else over this − last.
        change = written_change if written_change is not None else this - last
        if not any(ratio_agrees(rate, c, last, scale=k) for c in (change, this - last) for k in (Decimal(100), Decimal(1))):
            # neither in % nor as a fraction (0.0380) of the change written or the change found
            yield _change_hit(reading, block, r, rate_col, "rate", rate, None, this, last, fmt_ratio(this - last, last))


def _change_hit(reading: Reading, block, row, col, variant, actual, expected, this, last, ratio: str = "") -> Hit:
    table, c = reading.table, cell(row, col)
    return Hit(place=c.place if c is not None else table.place, variant=variant, data={
        "table": _name(table), "row": reading.row_label(row, block), "column": table.columns[col],
        "actual": fmt(actual), "expected": ratio or fmt(expected), "current": fmt(this), "last_year": fmt(last),
        "parts": "", "count": 0})


# --------------------------------------------------------------------------- rows


def _compare_rows(reading: Reading, block: Block, cols: list[int], total: list[Cell], parts: list[list[Cell]],
                  what: str, code: str | None = None) -> Iterator[Hit]:
    """The ``total`` row = Σ the ``parts`` rows in each of ``cols`` (the block's value columns).
    Rows of ``reading.table`` are read by their place in its columns; a row not of it (a
    caller's own list of cells) is read cell by cell, as it stands."""
    table = reading.table
    at = [(reading.row_at(r), r) for r in parts]
    k_total = reading.row_at(total)
    for c in cols:
        column = reading.column(c)
        written = [v for v in (column[k] if k is not None else amount(r, c) for k, r in at) if v is not None]
        stated = column[k_total] if k_total is not None else amount(total, c)
        if stated is None and not written:
            continue
        if not sum_agrees(stated or Decimal(0), written):
            place_cell = cell(total, c)
            yield Hit(place=place_cell.place if place_cell is not None else table.place, variant="rows" if code is None else None,
                      data={"table": _name(table), "row": reading.row_label(total, block), "column": table.columns[c],
                            "parts": what, "count": len(written), "expected": fmt(sum(written, Decimal(0))),
                            "actual": fmt(stated) or "空", "code": code or ""})


def _name(table: Table) -> str:
    return f"表{table.number} {table.title}" if table.number else table.title
