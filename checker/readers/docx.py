"""Reader for Word documents (.docx) as filers fill them in.

The body becomes one ``Grid`` in document order, so titles and "单位：万元" lines between tables
stay where the filer put them:

- a paragraph is a one-cell Row with ``Place(line=n)``, n the paragraph's 1-based number in the
  body (an empty paragraph is an empty Row, like a blank line of text);
- a table row is a Row of Cells with ``Place(table=t, row=r, col=c)``: t the table's 1-based
  number in the body, r the row, c the grid column where the cell starts.

python-docx repeats a merged cell across every grid column and row it covers; this reader works
on the XML instead and takes each ``w:tc`` once. A cell spanning columns (``gridSpan``) gives
its text once, followed by empty Cells for the columns it covers, so every row lines up with the
header row as in the text and xlsx readers; a vertically merged continuation (``vMerge``) is an
empty Cell, so a 一级指标 label merged down is given to its first row only (the layout carries it
down). A row keeps its empty last cells (an empty 偏差原因分析 cell is a cell, as in a text
export of the table), not the covered columns of a span at its end. A frame table (one cell per
row, holding the form's table, as some templates draw a box around the form) is read as the
paragraphs and tables inside it; a table of two rows or more nested in a cell among others
(an indicator table beside 本年度绩效指标) gives its rows after the row it stands in, numbered as
the next table; a one-row table nested in a cell is that cell's text. Tables are numbered in
document order, nested ones included. Text inside content controls (``w:sdt``) and text boxes is included; the fallback copy
Word keeps of a text box (``mc:Fallback``) is not, so nothing is read twice. Hidden text
(``w:vanish``, a filer's note to self, neither shown nor printed) is not read, as the xlsx
reader does not read hidden cells.

Values are read as Word shows them: a character inserted from a symbol font (≥ from Symbol, a
☑ from Wingdings) is stored as ``w:sym``, not text, and is read as its Unicode character (a
≥90 otherwise loses its comparator); a non-breaking hyphen is a hyphen; a field's result is
read, its code (``w:instrText``) is not; tracked changes are read as accepted (deleted text is
``w:delText`` and not read; text a tracked move took away, ``w:moveFrom``, is not read twice).
"""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

from checker.errors import InputError
from checker.limits import Tally
from checker.model import Cell, Document, Grid, Place, Row
from checker.readers.cells import table_place
from checker.readers.container import DOCX, clean_text, require

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT, _CUSTOM_XML = (
    f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml")
_WRAPPERS = (_SDT, _SDT_CONTENT, _CUSTOM_XML)  # containers whose children count as the parent's
_VAL = f"{_W}val"
# Text a tracked move took away (Word keeps it as w:t, not w:delText): the final text has it
# once, where w:moveTo put it.
_MOVE_FROM = f"{_W}moveFrom"
# Characters inserted with 插入 › 符号 from a symbol font are stored as w:sym (a font and a code,
# F000 + the font's byte), not as text: ≥ from Symbol is <w:sym w:font="Symbol" w:char="F0B3"/>.
_SYMBOL_FONT = {
    0x3C: "<", 0x3D: "=", 0x3E: ">", 0x25: "%", 0x2B: "+", 0x2D: "−", 0xA3: "≤", 0xB3: "≥",
    0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xB9: "≠", 0xBB: "≈", 0xB0: "°", 0xA5: "∞", 0xB7: "•",
    0xAE: "→", 0xAC: "←", 0xDE: "⇒", 0xD7: "·", 0x7E: "∼", 0xA2: "′", 0xB2: "″",
    **{c: chr(c) for c in range(0x30, 0x3A)},
}
_WINGDINGS = {0xFC: "✓", 0xFB: "✗", 0xFE: "☑", 0xFD: "☒", 0xA8: "□", 0x6F: "□", 0x6E: "■", 0xA1: "○",
              0x9F: "•", 0xA4: "◉", 0x78: "☒"}
_R = f"{_W}r"


def read_docx(path: str | Path) -> Document:
    """Read a Word document into a Document (kind ``docx``) with one Grid for the body.

    Raises InputError: empty, not a zip, damaged, password-protected, old .doc.
    """
    p = str(path)
    require(p, DOCX)
    body = _open_body(p)
    rows: list[Row] = []
    paragraphs = 0
    tables = [0]  # tables numbered so far, frames and the tables inside them included
    tally = Tally(p)  # paragraphs and table rows (checker/limits.py)
    try:
        for el in _blocks(body):
            if el.tag == _P:
                paragraphs += 1
                rows.append(_paragraph_row(el, paragraphs))
                tally.add(1)
            else:
                table_rows = _table(el, tables)
                tally.add(sum(len(r.cells) for r in table_rows), rows=len(table_rows))
                rows.extend(table_rows)
    except (ValueError, TypeError, AttributeError, RecursionError) as exc:  # hostile XML
        raise InputError(p, f"not a valid .docx (the document is damaged: {type(exc).__name__})") from None
    return Document(path=p, kind="docx", grids=[Grid(name=None, rows=rows)])


def _open_body(path: str):
    """The body element of the document's main part, opened by python-docx as
    ``docx.Document(path).element.body`` does, except that only the main part's XML is parsed
    (see ``_main_part_only``), by ``_parse`` (the same XML, plain elements)."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.exceptions import PackageNotFoundError
    from docx.opc.package import Unmarshaller
    from docx.opc.pkgreader import PackageReader
    from docx.package import Package

    try:
        package = Package()
        Unmarshaller.unmarshal(PackageReader.from_file(path), package, _main_part_only)
        part = package.main_document_part
        if part.content_type != CT.WML_DOCUMENT_MAIN:
            raise ValueError(part.content_type)  # as docx.Document() refuses it
        root = _parse(part.blob)
        if root.tag != _DOCUMENT:  # python-docx's element has no .body then
            raise AttributeError("body")
        return root.find(_BODY)
    except ValueError:  # a macro-enabled .docm or a .dotx template: same XML, other content type
        return _raw_body(path)
    except (zipfile.BadZipFile, PackageNotFoundError, EOFError, NotImplementedError):
        raise InputError(path, "not a valid .docx (the zip archive is damaged)") from None
    except KeyError as exc:
        raise InputError(path, f"not a valid .docx (a part of the document is missing: {exc})") from None
    except Exception as exc:  # noqa: BLE001 - any library failure on hostile input is the file's damage
        raise InputError(path, f"not a valid .docx (the document is damaged: {type(exc).__name__})") from None


def _main_part_only(partname, content_type: str, reltype: str, blob: bytes, package):
    """A part factory for python-docx's Unmarshaller: every part kept as its bytes
    (``Part.load``), the main document part parsed by ``_open_body``. The reader reads the
    body only, and a Word file's styles.xml alone is often 300 KB or more of XML that
    ``docx.Document()`` parses on every open (shanxi_2026_projects.docx: open 7 -> 2 ms)."""
    from docx.opc.part import Part

    return Part.load(partname, content_type, blob, package)


_DOCUMENT, _BODY = f"{_W}document", f"{_W}body"


@cache
def _parser():
    """python-docx's parser settings (``docx.oxml.parser.oxml_parser``: blank text between
    elements dropped, no entities resolved) without its element classes: the reader uses lxml's
    own API only, and a plain element costs less to visit (shanxi_2026_projects.docx: the walk
    over its 454 table cells 5.9 -> 4.9 ms)."""
    from lxml import etree

    return etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def _parse(blob: bytes):
    """The root element of a part's XML, parsed as python-docx parses it (see ``_parser``).
    Raises lxml's XMLSyntaxError on damaged XML."""
    from lxml import etree

    return etree.fromstring(blob, _parser())


def _raw_body(path: str):
    """The body of word/document.xml read without python-docx's content-type check."""
    try:
        with zipfile.ZipFile(path) as zf:
            root = _parse(zf.read("word/document.xml"))
    except KeyError:
        raise InputError(path, "not a valid .docx (no word/document.xml inside)") from None
    except Exception as exc:  # noqa: BLE001 - hostile input: the file's damage, not ours
        raise InputError(path, f"not a valid .docx (the document is damaged: {type(exc).__name__})") from None
    body = root.find(_BODY)
    if body is None:
        raise InputError(path, "not a valid .docx (the document has no body)")
    return body


def _blocks(parent):
    """Paragraphs and tables of ``parent`` in order, looking inside content controls."""
    for el in parent.iterchildren():
        if el.tag in (_P, _TBL):
            yield el
        elif el.tag in _WRAPPERS:
            yield from _blocks(el)


def _children(parent, tag: str):
    """Direct children with ``tag``, also those wrapped in content controls (w:sdt)."""
    for el in parent.iterchildren():
        if el.tag == tag:
            yield el
        elif el.tag in _WRAPPERS:
            yield from _children(el, tag)


def _paragraph_row(p, number: int) -> Row:
    text = clean_text(_text(p))
    place = Place(line=number)
    return Row(cells=[Cell(text=text, place=place)] if text else [], place=place, raw=text)


_MAX_FRAME_DEPTH = 8  # frames inside frames deeper than this are read as plain tables


def _table(tbl, tables: list[int], depth: int = 0) -> list[Row]:
    """A table's rows; a frame (a table of one cell per row holding a table, as some templates
    draw the whole form inside a bordered box) gives the paragraphs and tables inside it, in
    order, as if they stood in the body. ``tables[0]`` counts the tables numbered so far."""
    tables[0] += 1
    t = tables[0]
    if depth >= _MAX_FRAME_DEPTH:
        return _table_rows(tbl, t, tables, lift=False)
    if not _is_frame(tbl):
        return _table_rows(tbl, t, tables, depth)
    rows: list[Row] = []
    for r, tr in enumerate(_children(tbl, _TR), start=1):
        for tc in _children(tr, _TC):
            for el in _blocks(tc):
                if el.tag == _TBL:
                    rows.extend(_table(el, tables, depth + 1))
                    continue
                text = clean_text(_text(el))
                place = table_place(t, r, 1)
                rows.append(Row(cells=[Cell(text=text, place=place)] if text else [], place=place, raw=text))
    return rows


def _is_frame(tbl) -> bool:
    """One cell in every row, and a table inside one of them."""
    trs = list(_children(tbl, _TR))
    cells = [list(_children(tr, _TC)) for tr in trs]
    return bool(trs) and all(len(c) == 1 for c in cells) and any(
        any(el.tag == _TBL for el in _blocks(c[0])) for c in cells)


def _table_rows(tbl, t: int, tables: list[int], depth: int = 0, lift: bool = True) -> list[Row]:
    """A table's rows, one Cell per grid column (module doc). A table of two rows or more
    nested in a cell (an indicator table in the cell beside 本年度绩效指标) is not that cell's
    text: its rows follow the row it stands in, as a table of its own."""
    rows = []
    # Asked once of the table, not of each cell: most tables hold no table and no hidden text.
    lift = lift and _has_table_inside(tbl)
    hidden = _has_vanish(tbl)
    for r, tr in enumerate(_children(tbl, _TR), start=1):
        lifted: list[Row] = []
        cells: list[Cell] = []
        padding = 0  # the empty Cells at the end that stand for a span's covered columns
        col = 1 + _int_prop(tr, "trPr", "gridBefore", 0)
        for c in range(1, col):  # grid columns the row skips at its start
            cells.append(Cell(text="", place=table_place(t, r, c)))
        for tc in _children(tr, _TC):
            grid_span, continued = _cell_props(tc)
            span = max(1, min(grid_span, 64))
            nested = _nested_tables(tc) if lift else []
            text = "" if continued else clean_text(_text(tc, skip=nested, hidden=hidden))
            for el in nested:
                lifted.extend(_table(el, tables, depth + 1))
            cells.append(Cell(text=text, place=table_place(t, r, col)))
            if span > 1:  # the columns it covers
                cells.extend(Cell(text="", place=table_place(t, r, col + k)) for k in range(1, span))
            padding = span - 1
            col += span
        # A span's covered columns at the row's end are no cells of their own; an empty last
        # cell is (an empty 偏差原因分析 cell: the column is there, left blank), as in a text export.
        del cells[len(cells) - padding:]
        if all(not c.text for c in cells):
            cells = []
        rows.append(Row(cells=cells, place=table_place(t, r, 1), raw="\t".join(c.text for c in cells)))
        rows.extend(lifted)
    return rows


def _has_table_inside(tbl) -> bool:
    """True when a table stands anywhere below ``tbl`` (its cells may then hold one to lift)."""
    return next(tbl.iterdescendants(_TBL), None) is not None


def _has_vanish(el) -> bool:
    """True when a w:vanish stands anywhere below ``el``: only then may a run be hidden."""
    return next(el.iter(_VANISH), None) is not None


def _nested_tables(tc) -> list:
    """The tables of two rows or more among a cell's blocks (read as tables of their own)."""
    if next(tc.iter(_TBL), None) is None:  # most cells: no table anywhere below, no walk
        return []
    return [el for el in _blocks(tc) if el.tag == _TBL and _rows_at_least(el, 2)]


def _rows_at_least(tbl, n: int) -> bool:
    return any(k >= n - 1 for k, _ in enumerate(_children(tbl, _TR)))


def _child(el, tag: str):
    """``el.find(tag)`` for a direct child: the first child with ``tag``. A property element
    (w:tcPr, w:trPr, w:rPr) stands first in its parent, so that child is tried before the
    search (find costs ~1.6 us, a cell has three look-ups)."""
    first = el[0] if len(el) else None
    return first if first is not None and first.tag == tag else el.find(tag)


def _int_prop(el, props: str, name: str, default: int) -> int:
    pr = _child(el, f"{_W}{props}")
    node = pr.find(f"{_W}{name}") if pr is not None else None
    try:
        return int(node.get(_VAL)) if node is not None else default
    except (TypeError, ValueError):
        return default


_TC_PR, _GRID_SPAN, _V_MERGE, _H_MERGE = (f"{_W}{name}" for name in ("tcPr", "gridSpan", "vMerge", "hMerge"))


def _cell_props(tc) -> tuple[int, bool]:
    """(gridSpan, continuation) of a ``w:tc``, from the first of each property in its w:tcPr
    (one pass over it, not a find() per property): the columns the cell spans (1 when not
    given or not a number), and True for the lower parts of a vertical merge and legacy
    horizontal merge continuations."""
    pr = _child(tc, _TC_PR)
    if pr is None:
        return 1, False
    span = v_merge = h_merge = None
    for node in pr.iterchildren():  # a tag filter costs lxml more than the one or two children
        tag = node.tag
        if tag == _GRID_SPAN:
            span = node if span is None else span
        elif tag == _V_MERGE:
            v_merge = node if v_merge is None else v_merge
        elif tag == _H_MERGE:
            h_merge = node if h_merge is None else h_merge
    continued = ((v_merge is not None and v_merge.get(_VAL, "continue") == "continue")
                 or (h_merge is not None and h_merge.get(_VAL, "continue") == "continue"))
    try:
        return (int(span.get(_VAL)) if span is not None else 1), continued
    except (TypeError, ValueError):
        return 1, continued


def _text(el, skip: list | tuple = (), hidden: bool | None = None) -> str:
    """The visible text under ``el``: runs, tabs as spaces, breaks and paragraph ends as newlines
    (``clean_text`` joins them), skipping Word's fallback copies of text boxes and the
    elements in ``skip`` (nested tables read as tables of their own). ``hidden`` says
    whether a w:vanish may stand under ``el`` (its caller asked its table), None: look here."""
    out: list[str] = []
    # a run is hidden by a w:vanish in it: under most cells there is none, and no run is looked at
    _collect(el, out, skip, hidden=_has_vanish(el) if hidden is None else hidden)
    return "".join(out)


def _hidden_run(run) -> bool:
    pr = _child(run, f"{_W}rPr")
    vanish = pr.find(f"{_W}vanish") if pr is not None else None
    return vanish is not None and vanish.get(_VAL, "true") not in ("0", "false", "off")


def _symbol(sym) -> str:
    """The character a w:sym shows: Symbol's and Wingdings' codes as Unicode, another font's
    code as itself (SimSun's ≥ is U+2265), nothing for a private glyph we cannot name."""
    try:
        code = int(sym.get(f"{_W}char", ""), 16)
    except ValueError:
        return ""
    font = (sym.get(f"{_W}font") or "").lower()
    low = code - 0xF000 if 0xF000 <= code <= 0xF0FF else code
    if font == "symbol":
        return _SYMBOL_FONT.get(low, "")
    if font.startswith("wingdings"):
        return _WINGDINGS.get(low, "")
    return "" if 0xE000 <= code <= 0xF8FF or code < 0x20 else chr(code)


_T, _TABS, _BREAKS, _SYM, _NO_BREAK_HYPHEN, _VANISH = (
    f"{_W}t", (f"{_W}tab", f"{_W}ptab"), (f"{_W}br", f"{_W}cr"), f"{_W}sym", f"{_W}noBreakHyphen", f"{_W}vanish")


# What a leaf writes: a tab, a break, a non-breaking hyphen; an empty w:p its paragraph end.
_LEAF_TEXT = {**dict.fromkeys(_TABS, " "), **dict.fromkeys(_BREAKS, "\n"), _NO_BREAK_HYPHEN: "-", _P: "\n"}
_LEAVES = frozenset((*_TABS, *_BREAKS, _NO_BREAK_HYPHEN, _SYM))  # written as themselves, children unread


def _collect(el, out: list[str], skip: list | tuple = (), hidden: bool = True) -> None:
    for child in el.iterchildren():
        if skip and any(child is s for s in skip):
            continue
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif not len(child):  # a leaf: most are properties (w:tcW, w:jc), which write nothing
            piece = _LEAF_TEXT.get(tag)
            if piece is not None:
                out.append(piece)
            elif tag == _SYM:
                out.append(_symbol(child))
        elif tag in _LEAVES:  # one holding elements of its own: still written as itself only
            out.append(_symbol(child) if tag == _SYM else _LEAF_TEXT[tag])
        elif tag == _MC_FALLBACK or tag == _MOVE_FROM or not isinstance(tag, str):
            continue  # fallback duplicates, moved-away text, comments and processing instructions
        elif tag == _R and hidden and _hidden_run(child):
            continue  # hidden text (w:vanish): neither shown nor printed, as hidden cells in a workbook
        else:
            _collect(child, out, skip, hidden)
            if tag == _P:
                out.append("\n")
