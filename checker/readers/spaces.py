"""Rows from text whose cells are separated by spaces, one table row per line (a spreadsheet
printed or previewed as text: ``产出指标 成本指标 培训费 320 人/天 3``).

A cell the export wrapped is put back: a line of one or two characters under a row (``指标``
under ``项目完成``, ``目标`` under ``总体``) ends that row's last cell when that cell is short; a line of one short
token under a table row (a weight ``10``, a value ``长期`` printed under the row) is that row's
next cell. Anything else is a row of its own. Each cell keeps the line and column of its first
character; the layout places cells by what they hold, so an empty column costs no cell.
"""

from __future__ import annotations

import re

from checker.model import Cell, Place, Row

_TOKEN = re.compile(r"[^\s\u3000]+")
_GLUE_MAX = 2  # 指标 / 目标: the end of a label the export broke
_LABEL_HEAD_MAX = 5  # 项目完成, 可持续影响: the first part of a label the export broke
_WRAPPED_MAX = 8  # 10, 长期, 有效提升: a value or weight printed under its row
_TABLE_ROW = 3
_WEIGHT = re.compile(r"^[0-9]{1,3}(\.[0-9]+)?$")  # a weight or score printed under its row
_QUALITATIVE = frozenset({"定性"})  # a qualitative row's value is printed under it  # cells a row needs before a short line under it counts as its wrapped cell


def space_rows(lines: list[str]) -> list[Row]:
    """Rows of a space-separated text (see module doc)."""
    rows: list[Row] = []
    for i, line in enumerate(lines):
        cells = [_cell(m, i + 1) for m in _TOKEN.finditer(line)]
        if not cells:
            rows.append(Row(cells=[], place=Place(line=i + 1, column=1), raw=line))
            continue
        last = rows[-1] if rows and rows[-1].cells else None
        if last is not None and len(cells) == 1 and _joins(last, cells[0]):
            continue
        rows.append(Row(cells=cells, place=Place(line=i + 1, column=1), raw=line))
    return rows


def _joins(last: Row, cell: Cell) -> bool:
    """Put ``cell`` into the row above when it is a piece of it (see module doc); True if so."""
    if (len(cell.text) <= _GLUE_MAX and not cell.text[0].isdigit() and len(last.cells) <= 2
            and len(last.cells[-1].text) <= _LABEL_HEAD_MAX):
        tail = last.cells[-1]
        last.cells[-1] = Cell(text=tail.text + cell.text, place=Place(
            line=tail.place.line, column=tail.place.column, end_line=cell.place.end_line,
            end_column=cell.place.end_column))
        last.raw += "\n" + cell.text
        return True
    if len(last.cells) >= _TABLE_ROW and (_WEIGHT.match(cell.text) or (
            len(cell.text) <= _WRAPPED_MAX and last.cells[-1].text in _QUALITATIVE)):
        last.cells.append(cell)
        last.raw += "\n" + cell.text
        return True
    return False


def _cell(m: re.Match, lineno: int) -> Cell:
    col = m.start() + 1
    return Cell(text=m.group(0), place=Place(line=lineno, column=col, end_line=lineno, end_column=col + len(m.group(0))))
