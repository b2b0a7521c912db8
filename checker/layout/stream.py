"""Indicator tables printed one cell per line with no mark where a row ends (web pages that
flatten a table cell by cell: ``一级指标 |`` / ``二级指标 |`` / … each on its own line, or the
same between blank lines). The header's cells tell how many columns a row has; the rows are
put back from the stream of cells under it.

A row is: its level-1 and level-2 labels when it has them (known labels, rules/taxonomy.yaml,
at the row's start; a label broken over two cells, ``经济效益`` / ``指标``, is joined), then as
many cells as the header has columns right of the labels. Empty cells before a row's first
data cell (what a merged label leaves) are skipped; after it they keep their place. The stream ends at the
first row that holds more than one cell, at the signature or total line under the table, or
at the next title. Nothing is re-filed: cells keep their order; a cell the layout then cannot
place is reported by the table reader as usual.
"""

from __future__ import annotations

import re

from checker.layout.budget_numbers import number
from checker.layout.labels import compact
from checker.layout.self_eval_money import BUDGET_COLUMN, is_money_header, money_column
from checker.layout.table import header_role, is_block_label, is_end_row
from checker.layout.vocab import is_level1, label_level
from checker.model import Cell, Place, Row

_LABEL_ROLES = frozenset({"level1", "level2"})
_MIN_HEADER = 3  # 三级指标 plus two other columns: fewer is no table header
_LABEL_TAIL = "指标"  # the second half of a label broken over two cells (经济效益 / 指标)
_LABEL_MAX = 8  # 过程管理指标, 监督检查指标: a caption, not a sentence
_ENDS = ("合计", "总分", "注", "说明")
# What ends a money block printed one cell per row: the goals' or the indicators' caption.
_MONEY_END = re.compile(r"^(年度总体目标|总体目标|年度目标|绩效指标|一级指标|绩效目标)")
_WEIGHT = re.compile(r"^[0-9]{1,3}(\.[0-9]+)?$")


def regroup(rows: list[Row]) -> list[Row]:
    """``rows`` with each indicator table printed one cell per row put back into rows; other
    rows unchanged. Rows of a grid with multi-cell rows are returned as they are."""
    if not _has_run_start(rows):
        return list(rows)  # no run to put back (most grids: tab, pipe and spreadsheet rows)
    out: list[Row] = []
    i = 0
    while i < len(rows):
        money_end = _money_run(rows, i)
        if money_end is not None:
            block, i = _money_rows(rows, i, money_end)
            out += block
            continue
        header_end = _header_run(rows, i)
        if header_end is None:
            out.append(rows[i])
            i += 1
            continue
        cells = [c for r in rows[i:header_end] for c in r.cells if c.text]
        roles = [header_role(c.text) for c in cells if header_role(c.text)]
        label_cols = sum(1 for r in roles if r in _LABEL_ROLES)
        data_cols = len(roles) - label_cols
        weight = _block_weight(rows, header_end)
        if weight is not None:  # "50" under the header: a weight column the header left unnamed
            cells.append(rows[weight].cells[0])
            header_end, data_cols = weight + 1, data_cols + 1
        out.append(Row(cells=cells, place=rows[i].place, raw=" | ".join(c.text for c in cells)))
        first_data = next((r for r in roles if r not in _LABEL_ROLES), None)
        table, i = _table_rows(rows, header_end, label_cols, data_cols, first_data == "weight")
        out += table
    return out


def _has_run_start(rows: list[Row]) -> bool:
    """Does a one-cell row of ``rows`` name the indicators' name column (三级指标) or the budget's
    money column (全年预算数)? A grid without one has no run to put back: a header run takes one
    naming the name column (_header_run), a money run a header naming 全年预算数 (is_money_header),
    both of one-cell rows. Asked of every row of a grid: most hold several cells."""
    for row in rows:
        if len(row.cells) != 1:
            continue
        text = row.cells[0].text
        if text and (header_role(text) == "name" or money_column(text) == BUDGET_COLUMN):
            return True
    return False


def _money_run(rows: list[Row], i: int) -> int | None:
    """The end (exclusive) of a self-evaluation's money header printed one cell per row from
    ``i`` (资金情况(万元) / 全年预算数(A) / 全年执行数(B) / 分值 / 执行率 / 得分), or None. The first
    cell is the block's caption; the others name money columns (self_eval_money.money_column)."""
    first = _single(rows[i]) if rows[i].cells else None
    if first is None or not first.text or money_column(first.text):
        return None
    j, cells = i + 1, [first]
    while j < len(rows):
        cell = _single(rows[j]) if rows[j].cells else None
        if cell is None or (cell.text and not money_column(cell.text)):
            break
        if cell.text:
            cells.append(cell)
        j += 1
    header = Row(cells=cells, place=rows[i].place)
    return j if len(cells) >= 1 + _MIN_HEADER and is_money_header(header) else None


def _money_rows(rows: list[Row], start: int, end: int) -> tuple[list[Row], int]:
    """The money header and the rows under it put back: each row is a label (年度资金总额:,
    其中:本年财政拨款, 其他资金) and the amounts after it, up to the next label; the block ends at a
    goal or indicator caption, or at the first row holding more than one cell."""
    header = [c for r in rows[start:end] for c in r.cells if c.text]
    width = len(header) - 1
    out = [Row(cells=header, place=rows[start].place, raw=" | ".join(c.text for c in header))]
    cur: list[Cell] = []
    j = end
    while j < len(rows):
        cell = _single(rows[j]) if rows[j].cells else None
        if rows[j].cells and (cell is None or _MONEY_END.match(compact(cell.text))):
            break
        j += 1
        if cell is None:
            continue
        if cell.text and number(cell.text) is None:  # a label starts the next row
            if cur:
                out.append(_row(_trimmed(cur)))
            cur = [cell]
        elif cur and len(cur) <= width:
            cur.append(cell)
    if cur:
        out.append(_row(_trimmed(cur)))
    return out, j


def _trimmed(cells: list[Cell]) -> list[Cell]:
    while len(cells) > 1 and not cells[-1].text:
        cells = cells[:-1]
    return cells


def _block_weight(rows: list[Row], j: int) -> int | None:
    """The index of a bare number printed right after the header and before the first level
    label (the block's weight, 50, in a column the header does not name: its rows then carry
    their weights in it too), or None. A row number (序号 1) is followed by a name, not a label."""
    nxt = _next_cell(rows, j)
    if nxt is None or not _WEIGHT.match(nxt[0].text):
        return None
    after = _next_cell(rows, nxt[1] + 1)
    return nxt[1] if after is not None and _is_label(after[0].text) else None


def _single(row: Row) -> Cell | None:
    """The row's one cell (maybe empty), or None when it holds more than one."""
    return row.cells[0] if len(row.cells) == 1 else None


def _header_run(rows: list[Row], i: int) -> int | None:
    """The end (exclusive) of a header printed one cell per row starting at ``i``, or None: an
    optional caption (绩效指标), then column names, 三级指标 among them."""
    j, roles = i, []
    while j < len(rows):
        if not rows[j].cells:
            j += 1
            continue
        cell = _single(rows[j])
        if cell is None or not cell.text:
            break
        role = header_role(cell.text)
        if role is None and not (not roles and is_block_label(cell.text)):
            break
        if role:
            roles.append(role)
        j += 1
    if "name" not in roles or len(roles) < _MIN_HEADER or j - i > 3 * len(roles) + 2:
        return None
    return j


def _table_rows(rows: list[Row], start: int, label_cols: int, data_cols: int,
                weight_first: bool = False) -> tuple[list[Row], int]:
    """Rows put back from the one-cell rows from ``start``; returns them and where they end.
    ``weight_first``: the first column right of the labels is the weight (一级指标 / 二级指标 /
    分值 / 指标内容 …, a two-level template whose level-2s are the unit's own names): a text there
    is the row's level-2, not its first data cell, whether the taxonomy knows it or not."""
    out: list[Row] = []
    cur: list[Cell] = []
    data = 0
    j = start
    while j < len(rows):
        row = rows[j]
        if not row.cells:
            j += 1
            continue
        cell = _single(row)
        if cell is None or _ends(row):
            break
        j += 1
        if data == 0 and not cell.text:
            continue  # a merged label's empty cell before the row's first data cell
        labels = sum(1 for c in cur if _is_label(c.text))
        own_level2 = weight_first and label_cols == 2 and len(cur) < 2 and not _WEIGHT.match(cell.text)
        if data == 0 and own_level2 and not cur and not _is_label(cell.text):
            # the level-1's merged cell is left empty on this row: keep its column, so the unit's
            # own level-2 is not read as a level-1
            cur.append(Cell(text="", place=cell.place))
        if data == 0 and (labels < label_cols and _is_label(cell.text) or own_level2):
            nxt = _next_cell(rows, j)
            if nxt is not None and compact(nxt[0].text) == _LABEL_TAIL:
                cell, j = _joined(cell, nxt[0]), nxt[1] + 1
            cur.append(cell)
            continue
        cur.append(cell)
        data += 1
        if data >= data_cols:
            out.append(_row(cur))
            cur, data = [], 0
    if cur:
        out.append(_row(cur))
    return out, j


def _ends(row: Row) -> bool:
    text = compact(row.cells[0].text)
    return is_end_row(row) or text.startswith(_ENDS)


def _is_label(text: str) -> bool:
    """A known level label, or a short caption ending in 指标 (过程管理指标 of the NDRC's forms:
    a label the taxonomy does not know is still no indicator's name at a row's start)."""
    if not text:
        return False
    if label_level(text) is not None or is_level1(text):
        return True
    t = compact(text)
    return t.endswith(_LABEL_TAIL) and len(t) <= _LABEL_MAX and not any(ch.isdigit() for ch in t)


def _next_cell(rows: list[Row], j: int) -> tuple[Cell, int] | None:
    while j < len(rows) and not rows[j].cells:
        j += 1
    if j < len(rows) and _single(rows[j]) is not None:
        return rows[j].cells[0], j
    return None


def _joined(first: Cell, second: Cell) -> Cell:
    return Cell(text=first.text + second.text, place=Place(
        line=first.place.line, column=first.place.column, end_line=second.place.end_line,
        end_column=second.place.end_column, sheet=first.place.sheet, cell=first.place.cell))


def _row(cells: list[Cell]) -> Row:
    return Row(cells=cells, place=cells[0].place, raw=" | ".join(c.text for c in cells))
