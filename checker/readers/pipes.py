"""Rows from text whose cells are separated by ``|`` (web pages' tables flattened to text).

Shapes handled (the corpus of other provinces' published forms shows each):

- **pipe rows**: ``产出指标 | 数量指标 | 维修面积 | ≥400平方米 |``, one table row per line;
- **padded pipe rows**: the exporter fills every row to the table's width with empty cells
  (``年度目标 | |||||||``); a row split over two or three physical lines (``项目 名称 |`` on a
  line of its own, the rest of the row below) ends at such a run of pipes, at a line holding a
  row's worth of cells (three or more), or when its pipes reach the table's width; a line
  beginning with a pipe (``| 优 | 10 |``) is the rest of the row above;
- **markdown tables**: ``| 一级指标 | 二级指标 |`` with a leading pipe framing the row, and
  ``|---|---|`` rule lines (skipped);
- **one cell per line with `` |``**: each cell on a line of its own ending in `` |``, a lone
  ``|`` an empty cell, ``|||||`` the end of a row (when the page marks row ends at all; when
  it does not, every cell is a row of its own and the layout regroups the indicator table,
  see checker/layout/stream.py); a vertical label split over lines (``总`` / ``体`` / ``目`` /
  ``标 |``) is one cell, and so is a cell wrapped over lines between two cell lines
  (``打造示例杯`` / ``系列赛事 |``).

Every cell keeps the line and column of its first character. Nothing is re-filed: cells keep
the order they stand in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.model import Cell, Place, Row

_BLANKS = " \t\u3000\u00a0\ufeff\u200b\r"
_RULE_LINE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_FRAGMENT_MAX = 4  # 一级 / 年度 / 绩: a piece of a label broken over lines, not a paragraph
_LABEL_PIECE = re.compile(r"^[\u4e00-\u9fff]+$")
_WRAPPED_MAX = 40  # a cell's first line wrapped by the page, not a paragraph
_SENTENCE_ENDS = tuple("。；;！!？?")  # a line ending a sentence is no cell's first half
_WHOLE_ROW = 3  # text cells on one line that make it a row of its own even without padding


@dataclass
class _Open:
    """A row being put together from one or more physical lines."""

    cells: list[Cell] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)
    pipes: int = 0
    line: int = 0
    last_texts: int = 0  # text cells on the row's last physical line


def padding_run(line: str) -> bool:
    """True when the line ends in a run of two or more pipes (blanks between them ignored):
    the empty cells an exporter adds to fill a row to the table's width."""
    tail = re.sub(f"[{_BLANKS}]", "", line)
    return tail.endswith("||")


def pipe_rows(lines: list[str], markdown: bool, single_cells: bool = False) -> list[Row]:
    """Rows of a pipe-separated text (see module doc). ``markdown``: a leading ``|`` frames the
    row and makes no empty cell."""
    piped = [ln for ln in lines if "|" in ln]
    wide = [ln for ln in piped if ln.count("|") >= 2]
    # The table's width in pipes: that of its widest padded row (a row filled to full width).
    width = max((ln.count("|") for ln in wide if padding_run(ln)), default=0)
    padded = not single_cells and bool(wide) and sum(padding_run(ln) for ln in wide) * 5 >= len(wide) * 3
    reader = _PipeReader(width, padded, markdown, single_cells)
    for i, line in enumerate(lines):
        reader.line(line, i + 1)
    reader.close()
    reader._flush_pending()  # label pieces or a wrapped line on the page's last lines
    return reader.rows


class _PipeReader:
    """Puts physical lines together into rows. ``padded``: most rows end in a pipe run, so a
    row ends only there or at the table's ``width`` in pipes; otherwise every line is a row."""

    def __init__(self, width: int, padded: bool, markdown: bool, single_cells: bool = False) -> None:
        self.width, self.padded, self.markdown = width, padded, markdown
        self.single_cells = single_cells
        self.after_cell = False  # the last physical line was one cell ending in " |" (single_cells)
        self.rows: list[Row] = []
        self.open: _Open | None = None
        self.pending: list[tuple[str, int, int]] = []  # (text, line, column) of label pieces

    def line(self, line: str, lineno: int) -> None:
        """Take one physical line (1-based ``lineno``) into the rows."""
        if not line.strip(_BLANKS):
            self._flush_pending()
            return
        if _RULE_LINE.match(line) and "-" in line:
            return  # a markdown rule |---|---|
        if "|" not in line:
            self._plain(line, lineno)
            self.after_cell = self.after_cell and bool(self.pending)
            return
        self.after_cell = self.single_cells and line.count("|") == 1 and line.rstrip(_BLANKS).endswith("|")
        texts = _texts(line)
        if self._starts_row(line, texts):
            self.close()
        if self._continues_above(line, texts):
            self._reopen()
        self._cells(line, lineno)
        if self.open is not None:
            self.open.last_texts = texts
        if self._ends_row(line, texts):
            self.close()

    def _starts_row(self, line: str, texts: int) -> bool:
        """A full-width line, or a row's worth of cells after a label and its value, starts a row
        of its own even in a padded table (a title after page metadata, a header after a goal)."""
        if not (self.padded and self._has_text()):
            return False
        full = line.count("|") >= self.width and padding_run(line)
        return full or (texts >= _WHOLE_ROW and self.open.last_texts >= 2)

    def _continues_above(self, line: str, texts: int) -> bool:
        """``| 优 | 10 |`` under a closed row of a padded table: the rest of that row."""
        return (self.open is None and self.padded and not self.markdown and bool(self.rows)
                and bool(self.rows[-1].cells) and not line.split("|")[0].strip(_BLANKS) and texts > 0)

    def _ends_row(self, line: str, texts: int) -> bool:
        """Every line is a row in an unpadded table; in a padded one a row ends at its pipe run,
        at a line with a row's worth of cells, or when its pipes reach the table's width."""
        if not self.padded or padding_run(line) or texts >= _WHOLE_ROW:
            return True
        return self.open is not None and self.open.pipes >= self.width

    def _reopen(self) -> None:
        last = self.rows.pop()
        self.open = _Open(cells=list(last.cells), raw=[last.raw], pipes=self.width, line=last.place.line or 0)

    def _plain(self, line: str, lineno: int) -> None:
        """A line without a pipe: a piece of the next cell's label when short, else a paragraph."""
        text = line.strip(_BLANKS)
        col = len(line) - len(line.lstrip(_BLANKS)) + 1
        if len(text) <= _FRAGMENT_MAX and _LABEL_PIECE.match(text):  # 单位：元 or a count 1 stands alone
            self.pending.append((text, lineno, col))
            return
        if self.after_cell and len(text) <= _WRAPPED_MAX and not text.endswith(_SENTENCE_ENDS):
            # One cell per line: a line with no " |" right under a cell line is the first part of
            # the next cell, wrapped by the page; a blank line or a paragraph after it undoes that.
            self.pending.append((text, lineno, col))
            return
        self._flush_pending()
        self.close()
        cell = Cell(text=text, place=Place(line=lineno, column=col, end_line=lineno, end_column=col + len(text)))
        self.rows.append(Row(cells=[cell], place=Place(line=lineno, column=1), raw=line))

    def _flush_pending(self) -> None:
        """Label pieces followed by a blank line or a paragraph are a paragraph of their own."""
        if not self.pending:
            return
        text = "".join(t for t, _, _ in self.pending)
        _, line, col = self.pending[0]
        self.pending = []
        self.close()
        cell = Cell(text=text, place=Place(line=line, column=col, end_line=line, end_column=col + len(text)))
        self.rows.append(Row(cells=[cell], place=Place(line=line, column=1), raw=text))

    def _has_text(self) -> bool:
        return self.open is not None and any(c.text for c in self.open.cells)

    def _cells(self, line: str, lineno: int) -> None:
        parts = line.split("|")
        start = 0
        if self.markdown and not parts[0].strip(_BLANKS):
            start = len(parts[0]) + 1
            parts = parts[1:]
        if parts and not parts[-1].strip(_BLANKS):
            parts = parts[:-1]  # after the row's last pipe: nothing, not an empty cell
        if self.pending and not parts[0].strip(_BLANKS):
            self._flush_pending()  # "| 项目名称 |": a framed row begins no label piece above it
        if self.open is None:
            self.open = _Open(line=self.pending[0][1] if self.pending else lineno)
        row = self.open
        row.pipes += line.count("|")
        row.raw.append(line.strip(_BLANKS))
        for j, part in enumerate(parts):
            cell = _cell(part, lineno, start)
            if j == 0 and self.pending:
                cell = self._with_pending(cell)
            row.cells.append(cell)
            start += len(part) + 1

    def _with_pending(self, cell: Cell) -> Cell:
        """The label pieces above (一级 / 指标 |) joined to the cell they begin."""
        text = "".join(t for t, _, _ in self.pending) + cell.text
        _, line, col = self.pending[0]
        self.pending = []
        return Cell(text=text, place=Place(line=line, column=col, end_line=cell.place.end_line,
                                           end_column=cell.place.end_column))

    def close(self) -> None:
        """End the open row; trailing empty cells (the exporter's padding) are dropped."""
        row, self.open = self.open, None
        if row is None:
            return
        cells = list(row.cells)
        while cells and not cells[-1].text:
            cells.pop()
        if not cells and row.cells and not self.padded:
            cells = row.cells[:1]  # a lone "|": an empty cell that holds its place in the stream
        self.rows.append(Row(cells=cells, place=Place(line=row.line, column=1), raw=" ".join(row.raw)))


def _texts(line: str) -> int:
    return sum(1 for part in line.split("|") if part.strip(_BLANKS))


def _cell(part: str, lineno: int, start: int) -> Cell:
    stripped = part.strip(_BLANKS)
    lead = len(part) - len(part.lstrip(_BLANKS))
    col = start + lead + 1
    return Cell(text=stripped, place=Place(line=lineno, column=col, end_line=lineno, end_column=col + len(stripped)))
