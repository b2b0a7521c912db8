"""The text reader's cell places (checker/readers/text.py): a tab-separated line's cells point at
their first non-blank character, end after their last, and are ordinary frozen Places, equal
to ``Place(line=…, column=…, end_line=…, end_column=…)`` (the reader sets the slots directly
for speed, issue 14). Invented texts in the shape of a tab export."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from checker.model import Cell, Place
from checker.readers.cells import line_cells, sheet_place, table_place
from checker.readers.cells import line_start as _line_start
from checker.readers.cells import span as _span
from checker.readers.text import _split_line


def test_cells_point_at_their_text_past_blanks_and_empty_cells():
    row = _split_line("产出指标\t\t  数量指标 \t培训人数\t≥120人", 7, "\t")
    got = [(c.text, c.place) for c in row.cells]
    assert got == [
        ("产出指标", Place(line=7, column=1, end_line=7, end_column=5)),
        ("", Place(line=7, column=6, end_line=7, end_column=6)),
        ("数量指标", Place(line=7, column=9, end_line=7, end_column=13)),
        ("培训人数", Place(line=7, column=15, end_line=7, end_column=19)),
        ("≥120人", Place(line=7, column=20, end_line=7, end_column=25)),
    ]


def test_a_span_is_a_frozen_place_with_every_other_field_at_its_default():
    place = _span(3, 4, 9)
    assert place == Place(line=3, column=4, end_line=3, end_column=9)
    assert hash(place) == hash(Place(line=3, column=4, end_line=3, end_column=9))
    assert place.to_dict() == Place(line=3, column=4, end_line=3, end_column=9).to_dict()
    for field in dataclasses.fields(Place)[4:]:
        assert getattr(place, field.name) == field.default
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.line = 5  # type: ignore[misc]
    assert _line_start(8) == Place(line=8, column=1) and _line_start(8).end_line is None


@given(st.lists(st.text(alphabet=" \u3000ab指标1", max_size=6), min_size=1, max_size=6), st.integers(1, 10_000))
def test_every_cell_place_equals_the_one_built_by_keyword(parts, lineno):
    line = "\t".join(parts)
    row = _split_line(line, lineno, "\t")
    assert row.place == Place(line=lineno, column=1)
    for cell in row.cells:
        p = cell.place
        assert cell == Cell(cell.text, p) and cell.raw is None
        assert p == Place(line=lineno, column=p.column, end_line=lineno, end_column=p.column + len(cell.text))
        if cell.text:
            assert line[p.column - 1:p.end_column - 1] == cell.text


def _cells_by_keyword(line: str, lineno: int) -> list[Cell]:
    """The tab row's cells as the reader built them before LineCell: a Cell and a Place each."""
    blanks = " \t\u3000\u00a0\ufeff\u200b\r"
    if not line.strip(blanks):
        return []
    cells, start = [], 0
    for part in line.split("\t"):
        text = part.strip(blanks)
        col = start + len(part) - len(part.lstrip(blanks)) + 1
        cells.append(Cell(text=text, place=Place(line=lineno, column=col, end_line=lineno, end_column=col + len(text))))
        start += len(part) + 1
    return cells


@given(st.lists(st.text(alphabet=" \u3000\u00a0ab指标1.%", max_size=7), min_size=1, max_size=8), st.integers(1, 10_000))
def test_line_cells_equal_the_cells_built_by_keyword(parts, lineno):
    line = "\t".join(parts)
    old = _cells_by_keyword(line, lineno)
    new = _split_line(line, lineno, "\t").cells
    assert new == old and old == new  # both sides' __eq__
    assert [hash(c) for c in new] == [hash(c) for c in old]
    assert [c.place.to_dict() for c in new] == [c.place.to_dict() for c in old]
    assert [c.place.short() for c in new] == [c.place.short() for c in old]
    assert not any(a != b for a, b in zip(new, old))


def test_a_line_cell_pickles_copies_and_replaces_as_the_plain_cell_it_equals():
    (cell,) = line_cells([" 培训人数"], 4, 7, " ")
    plain = Cell("培训人数", Place(line=4, column=9, end_line=4, end_column=13))
    assert isinstance(cell, Cell) and cell.raw is None
    for other in (pickle.loads(pickle.dumps(cell)), copy.copy(cell), copy.deepcopy(cell)):
        assert type(other) is Cell and other == plain == cell
    replaced = dataclasses.replace(cell, text="人数")
    assert type(replaced) is Cell and replaced == Cell("人数", plain.place)
    assert {cell: 1}[plain] == 1 and plain in {cell}
    assert cell.place is cell.place  # built once, then kept
    assert dataclasses.asdict(cell) == dataclasses.asdict(plain)  # what the JSON report's plain() walks
    assert repr(cell).endswith(repr(plain)[len("Cell"):])
    assert cell != Cell("培训人数", Place(line=4, column=10, end_line=4, end_column=14))
    with pytest.raises(dataclasses.FrozenInstanceError):
        cell.text = "x"  # type: ignore[misc]


_MAKERS = {
    "span": (lambda a, b, c: _span(a, b, b + c), lambda a, b, c: Place(line=a, column=b, end_line=a, end_column=b + c)),
    "line_start": (lambda a, b, c: _line_start(a), lambda a, b, c: Place(line=a, column=1)),
    "sheet_place": (lambda a, b, c: sheet_place(f"表{c}", f"B{a}"), lambda a, b, c: Place(sheet=f"表{c}", cell=f"B{a}")),
    "table_place": (lambda a, b, c: table_place(c, a, b), lambda a, b, c: Place(table=c, row=a, col=b)),
}


@given(st.sampled_from(sorted(_MAKERS)), st.integers(1, 10_000), st.integers(1, 500), st.integers(0, 80))
def test_a_made_place_is_the_place_it_stands_for(maker, a, b, c):
    """span, line_start, sheet_place and table_place give SetPlaces (2 to 4 slots set, the other
    fields defaults on the class): equal both ways to the Place built by keyword, unequal to a
    neighbour, hashing, printing, copying, pickling and replacing as that Place."""
    make, by_keyword = _MAKERS[maker]
    place, plain = make(a, b, c), by_keyword(a, b, c)
    other = dataclasses.replace(plain, page=1)
    assert place == plain and plain == place and not place != plain and not plain != place
    assert place != other and other != place and place != "x"
    assert hash(place) == hash(plain) and {plain: 1}[place] == 1
    assert repr(place) == repr(plain) and place.to_dict() == plain.to_dict()
    assert place.short() == plain.short() and place.short("zh") == plain.short("zh")
    assert dataclasses.astuple(place) == dataclasses.astuple(plain)
    for copied in (pickle.loads(pickle.dumps(place)), copy.copy(place), copy.deepcopy(place)):
        assert type(copied) is Place and copied == plain
    moved = dataclasses.replace(place, col=7)
    assert type(moved) is Place and moved == dataclasses.replace(plain, col=7)
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.box = (0, 0, 1, 1)  # type: ignore[misc]


def test_an_ordered_place_makes_the_makers_use_the_constructor(monkeypatch):
    # An ordered dataclass's __lt__ wants both sides of one class: a SetPlace would not compare
    # with a Place, so _place_class gives the constructor fallback instead.
    import types

    from checker.readers.cells import _place_class

    assert _place_class("SheetPlace", ("sheet", "cell")) is not None
    monkeypatch.setattr(Place, "__dataclass_params__", types.SimpleNamespace(order=True))
    assert _place_class("SheetPlace", ("sheet", "cell")) is None


_LINE = st.lists(st.text(alphabet=" \u3000\u00a0\r\ufeffab指标1.%", max_size=6), max_size=7).map("\t".join)


@given(st.lists(_LINE, max_size=8))
def test_tab_rows_equal_the_rows_built_line_by_line_by_keyword(lines):
    """_tab_rows (the tab shape's one pass, line_cells with empty fields taken without a strip)
    gives per line the row of Cells and Places built by keyword, and places asked in any order."""
    from checker.model import Row
    from checker.readers.text import _tab_rows

    rows = _tab_rows(lines)
    old = [Row(cells=_cells_by_keyword(line, n), place=Place(line=n, column=1), raw=line)
           for n, line in enumerate(lines, 1)]
    assert rows == old and old == rows
    assert [[(c.text, c.place.to_dict()) for c in r.cells] for r in reversed(rows)] == \
        [[(c.text, c.place.to_dict()) for c in r.cells] for r in reversed(old)]
    assert [[hash(c) for c in r.cells] for r in rows] == [[hash(c) for c in r.cells] for r in old]


def test_an_unasked_line_cell_place_is_built_by_every_way_of_reading_it():
    # line_cells builds no place: equality, hashing, repr, asdict and pickling each
    # build it when they are the first to ask.
    plain = Cell("", Place(line=2, column=4, end_line=2, end_column=4))
    for read in (lambda c: c == plain, lambda c: hash(c) == hash(plain), lambda c: repr(c).endswith(repr(plain)[4:]),
                 lambda c: dataclasses.asdict(c) == dataclasses.asdict(plain),
                 lambda c: pickle.loads(pickle.dumps(c)) == plain, lambda c: copy.copy(c) == plain):
        (_, cell) = line_cells(["ab", ""], 2, 0, " ")
        assert read(cell)


_CELL_LINE = st.one_of(st.just(""), st.text(alphabet="\t 指标ab1一、", max_size=6))


@given(st.lists(_CELL_LINE, max_size=10))
def test_cell_per_line_places_equal_the_places_built_by_keyword(lines):
    """A table exported one cell per line: a cell on one line is a LineCell (readers/cells.py) and
    a row has a line_start, each place the Place the reader built by keyword before."""
    from checker.readers.text import _cell_per_line_rows

    for row in _cell_per_line_rows(lines):
        want = Place(line=row.place.line, column=1)
        assert row.place == want and want == row.place and hash(row.place) == hash(want)
        for cell in row.cells:
            p = cell.place
            if p.end_line == p.line:  # one line: the cell is its one stripped field
                want = Place(line=p.line, column=p.column, end_line=p.line, end_column=p.column + len(cell.text))
                assert lines[p.line - 1][p.column - 1:p.end_column - 1] == cell.text
            else:
                want = Place(line=p.line, column=p.column, end_line=p.end_line, end_column=p.end_column)
            assert p == want and want == p and hash(p) == hash(want) and repr(p) == repr(want)


def _cell_per_line_rows_before(lines: list[str]) -> list:
    """The one-cell-per-line reader as it was before its tab-led lines became line_cells: every
    field an open record, joined into a Cell and a Place at the row's end (the reference for the
    test below)."""
    from checker.model import Row
    from checker.readers.text import _continues_cell, _next_item, _split_line

    blanks = " \t\u3000\u00a0\ufeff\u200b\r"
    rows, current, raw_lines = [], [], []
    first_line, blank_before = 0, True

    def joined(parts, line, col, last):
        text = "".join(p for p in parts if p)
        if last == line:
            return Cell(text=text, place=Place(line=line, column=col, end_line=line, end_column=col + len(parts[0])))
        return Cell(text=text, place=Place(line=line, column=col, end_line=last, end_column=len(parts[-1]) + 1))

    def close():
        nonlocal current, raw_lines
        if current:
            rows.append(Row(cells=[joined(*c) for c in current], place=Place(line=first_line, column=1),
                            raw="\t".join(raw_lines)))
        current, raw_lines = [], []

    for i, line in enumerate(lines):
        lineno = i + 1
        if line.startswith("\t"):
            if blank_before or not current:
                close()
                first_line = lineno
            col = 2
            for part in line[1:].split("\t"):
                lead = len(part) - len(part.lstrip(blanks))
                current.append([[part.strip(blanks)], lineno, col + lead, lineno])
                col += len(part) + 1
            raw_lines.append(line.strip(blanks))
        elif not line.strip(blanks):
            blank_before = True
            continue
        elif current and (not blank_before or _continues_cell(lines, i, len(lines), current[-1][0])
                          or _next_item(current[-1][0], line)):
            current[-1][0].append(line.strip(blanks))
            current[-1][3] = lineno
            raw_lines.append(line.strip(blanks))
        else:
            close()
            rows.append(_split_line(line, lineno, "\t"))
        blank_before = False
    close()
    return rows


# Lines of a one-cell-per-line export: tab-led cells (some several on a line, some padded),
# blank lines, and untabbed lines that continue a cell (a vertical label's 产 / 出, the next item
# 二、 of a list, 表四, an amount) or stand alone.
_PIECE = st.text(alphabet=" \u3000产出指标a1二一、表：", max_size=5)
_EXPORT_LINE = st.one_of(st.just(""), st.just(" "), _PIECE, _PIECE.map(lambda t: "\t" + t),
                         st.lists(_PIECE, min_size=1, max_size=3).map(lambda ts: "\t" + "\t".join(ts)),
                         st.sampled_from(["一、甲", "二、乙", "\t一、甲", "\t目标1：甲", "目标2：乙", "\t12.5", "\t甲\t8", "表四",
                                          "产", "出"]))


@given(st.lists(_EXPORT_LINE, max_size=14))
@example(["\t甲\t12.5", "", "产", ""])  # after an amount, a short line is no piece of a label
@example(["\t甲\t12", "", "产", "\t乙"])  # ... unless it leads into the next cell
@example(["\t一、甲", "", "二、乙", "", "\t丙"])  # the next item of the cell's list
def test_cell_per_line_rows_equal_the_rows_before_line_cells(lines):
    """_cell_per_line_rows makes a tab-led line's fields with line_cells (places built when asked)
    and opens a record only for a cell a later line continues: the same rows, cells, places and
    raw lines as the reader that opened one for every field, places asked in any order."""
    from checker.readers.text import _cell_per_line_rows

    rows, old = _cell_per_line_rows(lines), _cell_per_line_rows_before(lines)
    assert rows == old and old == rows
    assert [[(c.text, c.raw, c.place.to_dict()) for c in r.cells] for r in reversed(rows)] == \
        [[(c.text, c.raw, c.place.to_dict()) for c in r.cells] for r in reversed(old)]
    assert [(r.raw, r.place, [hash(c) for c in r.cells]) for r in rows] == \
        [(r.raw, r.place, [hash(c) for c in r.cells]) for r in old]


def test_a_continued_cell_joins_its_lines_and_a_one_line_cell_is_a_line_cell():
    from checker.readers.cells import LineCell
    from checker.readers.text import _cell_per_line_rows

    lines = ["\t绩", "效", "\t 培训人数\t≥120人", "", "\t产出指标"]
    (first, second) = _cell_per_line_rows(lines)
    assert [(c.text, c.place) for c in first.cells] == [
        ("绩效", Place(line=1, column=2, end_line=2, end_column=2)),
        ("培训人数", Place(line=3, column=3, end_line=3, end_column=7)),
        ("≥120人", Place(line=3, column=8, end_line=3, end_column=13)),
    ]
    assert [type(c) for c in first.cells] == [Cell, LineCell, LineCell]
    assert first.raw == "绩\t效\t培训人数\t≥120人" and second.place == Place(line=5, column=1)
