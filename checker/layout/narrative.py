"""A target form's narrative rows (项目概况, 立项依据, 实施内容 …) kept as Form.paragraphs.

The header of a project target form carries prose under a few labels (rules/header_labels.yaml
``narrative``). Two shapes are read:

- label and text side by side: ``项目概况 ⇥ ⇥ 根据…`` (seed 003, tab rows; also pipes, spreadsheets);
- label and text in one cell, after a space or a colon: ``项目概况 为推进…``, ``立项依据：泽建发…``;
- a label alone on its row and the text alone on the next row with text (pipe exports of merged
  cells: ``项目概况及立项依据 |`` / ``在某镇实施…``), when that text is no label itself.

Each such row becomes a paragraph Row whose first cell is the label (as written, at the label's
place) and whose other cells are the text cells, with their places (a text cut out of the label's
cell keeps its column). A label with nothing after it gives no paragraph. Rules read the label
as the section the text belongs to (M309).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from checker.layout.labels import compact
from checker.layout.vocab import header_key, narrative_labels
from checker.model import Cell, Place, Row

# What may stand between a label and its text in one cell: spaces, a colon, a remark in brackets
# (项目概况(450字内)：…).
_GAP = re.compile(r"^\s*(?:[(（][^()（）]{0,12}[)）])?\s*[:：]?\s*")
_SPACES = " \u3000\t"  # what may stand inside a label (项 目 概 况)
_NO_SPACES = str.maketrans("", "", _SPACES)


def _without_spaces(text: str) -> str:
    """``text.translate(_NO_SPACES)``: each of _SPACES removed where present (a scan for one
    character is much faster than translate's look-up of every character of a CJK text)."""
    for space in _SPACES:
        if space in text:
            text = text.replace(space, "")
    return text


def narrative_rows(rows: list[Row]) -> list[Row]:
    """The narrative paragraphs among a target form's header ``rows`` (see the module docstring),
    in reading order; [] when the form has none."""
    out = []
    for n, row in enumerate(rows):
        for k, first in enumerate(row.cells):  # the row's first text: most rows end their turn there
            if first.text:
                break
        else:
            continue  # an empty row
        split = _split_label(first)
        if split is None:
            continue
        label, rest = split
        texts = ([rest] if rest is not None else []) + [c for c in row.cells[k + 1:] if c.text]
        if not texts:
            texts = _text_below(rows[n + 1:])
        if texts:
            out.append(Row(cells=[label] + texts, place=row.place, raw=row.raw))
    return out


def _text_below(rows: list[Row]) -> list[Cell]:
    """The next row's one text, when it is not a label (narrative or header field) itself."""
    for row in rows:
        cells = [c for c in row.cells if c.text]
        if not cells:
            continue
        if len(cells) != 1 or _split_label(cells[0]) is not None or any(header_key(cells[0].text)):
            return []
        return cells
    return []


def _split_label(cell: Cell) -> tuple[Cell, Cell | None] | None:
    """(label cell, text cell or None) when ``cell`` begins with a narrative label, else None."""
    text = cell.text
    whole = compact(text)
    heads = (whole[:1], text.lstrip(_SPACES)[:1])  # a label must begin one of them
    labels = _labels_beginning(heads)
    if not labels:
        return None
    bare = _without_spaces(text)
    if not (whole.startswith(labels) or bare.startswith(labels)):
        return None  # no candidate begins the cell (most): the loop below would pass each over
    for label in labels:
        # Both tests below need the cell to begin with the label: the whole cell (compacted) for
        # the label alone, the cell without its spaces for _label_end (which skips them). Most
        # candidates share only a first character with the cell and are passed over here.
        if not (whole.startswith(label) or bare.startswith(label)):
            continue
        if whole == label or _with_remark(label).fullmatch(whole):
            return Cell(text, cell.place), None
        at = _label_end(text, label)
        if at is None:
            continue
        gap = _GAP.match(text[at:])
        start = at + (gap.end() if gap else 0)
        if start == at:
            continue  # 项目概况表: the label runs on into another word, not into its text
        rest = text[start:]
        return Cell(text[:at], cell.place), (Cell(rest, _shifted(cell.place, start)) if rest else None)
    return None


@lru_cache(maxsize=256)
def _labels_beginning(heads: tuple[str, str]) -> tuple[str, ...]:
    """The narrative labels (in their order) that begin with one of ``heads``, the first
    characters of a cell: most cells begin with none, and every header cell is asked."""
    return tuple(label for label in narrative_labels() if not label or label[0] in heads)


@lru_cache(maxsize=256)
def _with_remark(label: str) -> re.Pattern:
    """``label`` followed by a short remark in brackets (项目概况(450字内)), compiled once per
    label: every header row of every form is tried against every narrative label."""
    return re.compile(re.escape(label) + r"\([^()]{0,12}\)")


def _label_end(text: str, label: str) -> int | None:
    """Where ``label`` ends when ``text`` begins with it, spaces inside it allowed (项 目 概 况);
    None exactly when ``text`` without its spaces (_NO_SPACES) does not begin with ``label``."""
    i = 0
    for ch in label:
        while i < len(text) and text[i] in _SPACES:
            i += 1
        if i >= len(text) or text[i] != ch:
            return None
        i += 1
    return i


def _shifted(place: Place, offset: int) -> Place:
    """The place of a text that begins ``offset`` characters into a one-line cell."""
    if place.line is None or place.column is None or place.end_line not in (None, place.line):
        return place
    return replace(place, column=place.column + offset)
