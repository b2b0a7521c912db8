"""Cells and places made cheaply: a text file has a cell per tab-separated field (seed 003's
wide budget tables: 17,759, half of them empty), and the layout asks the place of about a third
of them (the cells that become fields, indicators and table cells); a workbook or Word table has
a Place per cell.

- ``span(line, column, end_column)`` → the Place of a cell on one line, equal to
  ``Place(line=…, column=…, end_line=line, end_column=…)``;
- ``line_start(line)`` → ``Place(line=line, column=1)``, a row's place;
- ``sheet_place(sheet, cell)`` → ``Place(sheet=…, cell=…)``, a worksheet cell's (readers/xlsx.py);
- ``table_place(table, row, col)`` → ``Place(table=…, row=…, col=…)``, a Word table cell's
  (readers/docx.py);
- ``line_cells(parts, line, start, blanks)`` → the ``LineCell``s of a line's fields, stripped:
  Cells whose Place (``end_column`` = ``column + len(text)``) is built when first asked.

The places are set through the slots directly: a frozen dataclass's ``__init__`` costs ~1.3 µs
(Place) and ~0.4 µs (Cell). Each maker's places are of a ``SetPlace`` class that keeps the
fields it never sets at their defaults on the class, so a place sets 2 to 4 slots, not 11. Built
from Place's own fields, so a field added to Place with a default is given it; a field without
a plain default, or Place made orderable, makes the makers fall back to the constructor.
"""

from __future__ import annotations

import dataclasses
import operator

from checker.model import Cell, Place

_place_fields = operator.attrgetter(*(f.name for f in dataclasses.fields(Place)))


class SetPlace(Place):
    """Base of the places the makers below build: a subclass per set of fields a maker sets
    (``_place_class``), the other fields class attributes at their defaults (~0.3 µs for a
    text cell's place instead of ~0.7 µs through all 11 slots, ~1.3 µs through the constructor).

    Equal to, hashing and printing as the Place with the same fields; copied, replaced
    (``dataclasses.replace``) or pickled it becomes that Place.
    """

    __slots__ = ()

    # Whoever calls the class gets a plain Place: dataclasses.replace calls
    # ``type(obj)(**fields)``, so a replaced SetPlace is a Place with every field its own.
    # The makers skip this through ``object.__new__`` and set the slots themselves.
    def __new__(cls, *args, **kwargs):
        return Place(*args, **kwargs)

    def __eq__(self, other: object) -> bool:
        # Place's own __eq__ wants the same class; a SetPlace and the Place it stands for are equal.
        if isinstance(other, Place):
            return _place_fields(self) == _place_fields(other)
        return NotImplemented

    # Defining __eq__ in a class body sets its __hash__ to None; Place's hash (of the fields) it is.
    __hash__ = Place.__hash__

    def __repr__(self) -> str:
        return repr(Place(*_place_fields(self)))

    def __reduce__(self):
        return Place, _place_fields(self)


def _place_class(name: str, given: tuple[str, ...]):
    """(SetPlace subclass ``name`` whose fields other than ``given`` are class attributes at
    their defaults, the slot setters of ``given`` in order); None when another field of Place
    has no plain default, or when Place is ordered (its generated ``__lt__`` wants both sides of
    one class, so a SetPlace and a Place would not compare): then the makers use the constructor."""
    rest = {f.name: f.default for f in dataclasses.fields(Place) if f.name not in given}
    if Place.__dataclass_params__.order or any(d is dataclasses.MISSING for d in rest.values()):
        return None
    # ``rest`` as class attributes shadows Place's slot descriptors of those fields, so reading
    # one gives the default instead of the AttributeError of an unset slot; "__slots__": ()
    # only keeps the instances without a __dict__.
    cls = type(name, (SetPlace,), {"__slots__": (), "__module__": __name__, **rest})
    return cls, [Place.__dict__[n].__set__ for n in given]


def _line_makers():
    """(span, line_start) as the module doc says."""
    made = _place_class("LinePlace", ("line", "column", "end_line", "end_column"))
    if made is None:
        return (lambda line, column, end_column: Place(line=line, column=column, end_line=line, end_column=end_column),
                lambda line: Place(line=line, column=1))
    cls, (set_line, set_column, set_end_line, set_end_column) = made
    new = object.__new__

    def span(line: int, column: int, end_column: int) -> Place:
        """``Place(line=line, column=column, end_line=line, end_column=end_column)``: a text
        cell's place, 1-based code point columns, ``end_column`` just past the cell."""
        place = new(cls)
        set_line(place, line)
        set_column(place, column)
        set_end_line(place, line)
        set_end_column(place, end_column)
        return place

    # a row's place sets two slots of its own class, not four of LinePlace (a row per line)
    row_made = _place_class("RowPlace", ("line", "column"))
    if row_made is None:  # end_line or end_column without a plain default
        return span, lambda line: Place(line=line, column=1)
    row_cls, (set_row_line, set_row_column) = row_made

    def line_start(line: int) -> Place:
        """``Place(line=line, column=1)``: where a text line (a row) begins."""
        place = new(row_cls)
        set_row_line(place, line)
        set_row_column(place, 1)
        return place
    return span, line_start


def _sheet_maker():
    """sheet_place, on a SheetPlace (2 slots set) or the constructor (see _place_class)."""
    made = _place_class("SheetPlace", ("sheet", "cell"))
    if made is None:
        return lambda sheet, cell: Place(sheet=sheet, cell=cell)
    cls, (set_sheet, set_cell) = made
    new = object.__new__

    def sheet_place(sheet: str, cell: str) -> Place:
        """``Place(sheet=sheet, cell=cell)``: a worksheet cell's place, ``cell`` an A1 reference."""
        place = new(cls)
        set_sheet(place, sheet)
        set_cell(place, cell)
        return place
    return sheet_place


def _table_maker():
    """table_place, on a TablePlace (3 slots set) or the constructor (see _place_class)."""
    made = _place_class("TablePlace", ("table", "row", "col"))
    if made is None:
        return lambda table, row, col: Place(table=table, row=row, col=col)
    cls, (set_table, set_row, set_col) = made
    new = object.__new__

    def table_place(table: int, row: int, col: int) -> Place:
        """``Place(table=table, row=row, col=col)``: a Word table cell's place, as the docx
        reader numbers tables, rows and columns."""
        place = new(cls)
        set_table(place, table)
        set_row(place, row)
        set_col(place, col)
        return place
    return table_place


span, line_start = _line_makers()
sheet_place = _sheet_maker()
table_place = _table_maker()

_get_place = Cell.__dict__["place"].__get__  # Cell's own slot, under LineCell's property
_set_place = Cell.__dict__["place"].__set__


class LineCell(Cell):
    """A cell of one text line, ``text`` stripped, starting at 1-based ``column`` (code points):
    equal to ``Cell(text, Place(line=line, column=column, end_line=line,
    end_column=column + len(text)))`` and hashing alike, but one object instead of two, the
    Place built on first use and kept (frozen all the same: nothing sets a field after).

    ``raw`` is always None (a text read with traditional characters gets plain Cells from
    readers/traditional.py). Copied, replaced (``dataclasses.replace``) or pickled (results
    cross process boundaries) it becomes a plain Cell, equal to it. Source: the text reader's
    tab rows and the one-line cells of a table exported one cell per line (readers/text.py);
    most cells of a wide table's rows are empty, and the layout never asks where they are.
    """

    # Cell's ``place`` slot holds the 1-based column (an int) until the Place is built from it:
    # one store per cell fewer than a column slot of its own and a None place.
    __slots__ = ("_line",)
    raw = None  # shadows Cell's slot: never set on a LineCell

    def __new__(cls, *args, **kwargs):  # a LineCell is made by line_cells; anything else is a Cell
        return Cell(*args, **kwargs)

    @property
    def place(self) -> Place:  # type: ignore[override]
        place = _get_place(self)
        if place.__class__ is int:  # the column: build the Place and keep it
            place = span(self._line, place, place + len(self.text))
            _set_place(self, place)
        return place

    def __eq__(self, other: object) -> bool:
        # Cell's own __eq__ wants the same class; a LineCell and the Cell it stands for are equal.
        if isinstance(other, Cell):
            return (self.text, self.place, self.raw) == (other.text, other.place, other.raw)
        return NotImplemented

    __hash__ = Cell.__hash__

    def __reduce__(self):
        return Cell, (self.text, self.place, self.raw)


_set_text = Cell.__dict__["text"].__set__
_set_line = LineCell.__dict__["_line"].__set__
_new = object.__new__


def line_cells(parts: list[str], line: int, start: int, blanks: str) -> list[LineCell]:
    """The cells of 1-based ``line`` from ``parts``, its fields as split at a one-character
    separator, the first field at 0-based ``start``: each field's text stripped of ``blanks``,
    its column that of its first non-blank character (a blank field's: just past its blanks).
    Each cell is made through the slots, not ``__init__`` (three stores, ~0.3 µs, where a Cell
    and its Place cost ~1.1 µs), with no call per cell: a wide table's line has ten fields, most of them
    empty (seed 003: 17,759 cells on 2,713 lines, 9,770 of them empty)."""
    cells: list[LineCell] = []
    append = cells.append
    for part in parts:
        if part:
            text = part.strip(blanks)
            # most fields have no blank at their ends
            col = start + 1 if len(text) == len(part) else start + len(part) - len(part.lstrip(blanks)) + 1
            start += len(part) + 1
        else:  # half the fields of a wide table's line: nothing to strip or measure
            text = part
            start += 1
            col = start
        cell = _new(LineCell)
        _set_text(cell, text)
        _set_line(cell, line)
        _set_place(cell, col)  # the Place when first asked (an unset slot would cost an
        # AttributeError, ~0.5 us, for each of the third of the cells whose place is asked)
        append(cell)
    return cells
