"""Reader for text extracted from Word or PDF files (shared/seeds shows the real shapes).

Three layouts occur and are told apart per file:

- **tab rows** (seeds 000, 003): one table row per line, cells separated by tabs; a merged cell
  leaves an empty cell or shifts the row's cells left.
- **one cell per line** (seeds 001, 002): a Word table exported with each cell on its own line
  led by a tab; a row begins after a blank line; a cell's text may run over several lines, even
  across blank lines (vertical labels such as 绩/效/指/标).
- **pipe rows**: cells separated by ``|`` (some PDF extractions).

Lines outside tables become one-cell rows, so titles and "单位：万元" lines keep their order.
Every cell carries its 1-based line and column in code points (``end_column`` exclusive).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from checker.errors import InputError
from checker.model import Cell, Document, Grid, Place, Row
from checker.readers import runon, traditional
from checker.readers.cells import line_cells as _line_cells
from checker.readers.cells import line_start as _line_start
from checker.readers.pipes import pipe_rows
from checker.readers.spaces import space_rows

# Characters that count as blank around a cell but that str.strip() may not remove everywhere.
_BLANKS = " \t\u3000\u00a0\ufeff\u200b\r"


def decode(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 (with BOM, or without one when its
    NUL bytes show it), else GB18030 (which covers GBK and GB2312).

    Raises InputError for an empty file or one that looks binary.
    """
    if not data.strip():
        raise InputError(path, "文件为空 / the file is empty; expected text extracted from a performance form")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"UTF-16 text that cannot be decoded ({exc.reason})") from None
    if b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
        raise InputError(path, "不是文本文件 / this looks like a binary file, not text; expected .txt, .xlsx, .docx or a YAML/JSON filing")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            break
        return text
    raise InputError(path, "the file is neither UTF-8 nor GB18030 text; expected text extracted from a performance form")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM (some Windows tools do): its ASCII tabs, digits and line
    ends leave NUL bytes all on one side. None when the bytes are not such text."""
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    # ASCII (tabs, digits, line ends) is a tenth of a form's characters or more; binary junk
    # with a few NULs is not UTF-16 text.
    if max(even, odd) < 4 * max(1, min(even, odd)) or max(even, odd) < len(head) // 20:
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text) else text


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")  # below 32 and not \t \n \v \f \r


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return len(_CONTROLS.findall(sample)) > max(4, len(sample) // 50)


def read_text(path: str | Path) -> Document:
    """Read a text file into a Document with one Grid; ``shape`` names the layout the text was
    read as (see ``detect_mode``). Raises InputError (see ``decode``)."""
    p = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(p, "文件不存在 / no such file") from None
    except IsADirectoryError:
        raise InputError(p, "is a folder, expected a file") from None
    except OSError as exc:
        raise InputError(p, f"cannot be read ({exc.strerror})") from None
    text = decode(data, p)
    rows, shape = rows_and_shape(text)
    doc = Document(path=p, kind="text", grids=[Grid(name=None, rows=rows)], shape=shape)
    if shape == "run_on":  # run-on text (readers/runon.py) reports the cells it kept whole
        doc.findings += runon.doubts(rows)
    return doc


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def rows_from_text(text: str) -> list[Row]:
    """Split text into rows of cells with places, choosing the layout (see module doc)."""
    return rows_and_shape(text)[0]


def rows_and_shape(text: str) -> tuple[list[Row], str]:
    """(rows, shape) of a text: traditional characters and pinyin glosses are read simplified,
    places kept on the original (readers/traditional.py); run-on text is cut by the form's words
    (readers/runon.py); every other shape is told by ``detect_mode``."""
    lines = _lines(text)
    readings = traditional.read_lines(lines)
    if readings is not None:
        rows, shape = _rows_of([r.text for r in readings])
        return traditional.restore_places(rows, readings), shape
    return _rows_of(lines)


def _rows_of(lines: list[str]) -> tuple[list[Row], str]:
    if runon.looks_run_on(lines):
        rows = runon.rows_from_run_on(lines)
        if any(isinstance(r, runon.RunOnRow) for r in rows):
            return rows, "run_on"
    mode = detect_mode(lines)
    return _rows(lines, mode), mode


def _rows(lines: list[str], mode: str) -> list[Row]:
    if mode == "cell_per_line":
        return _cell_per_line_rows(lines)
    if mode in ("pipe", "markdown", "cell_per_line_pipe"):
        return pipe_rows(lines, markdown=mode == "markdown", single_cells=mode == "cell_per_line_pipe")
    if mode == "spaces":
        return space_rows(lines)
    if mode == "cell_per_line_blank":
        return [_blank_line_row(line, i + 1) for i, line in enumerate(lines)]
    # tab rows, and run-on text (read as it comes until a reader for it is installed)
    return _tab_rows(lines)


def _tab_rows(lines: list[str]) -> list[Row]:
    """Each line a row of its tab-separated cells: ``_split_line(line, n, "\\t")`` for every
    line, written out (seed 003: 2,713 lines, a call fewer per line). Row(cells, place, raw)
    by position: keywords cost ~0.15 µs a row more in the dataclass's __init__."""
    return [Row(_line_cells(line.split("\t") if line.strip(_BLANKS) else [], lineno, 0, _BLANKS),
                _line_start(lineno), line)
            for lineno, line in enumerate(lines, 1)]


# Evidence a shape needs before it is chosen over tab rows (a short text without separators
# stays what it was: one-cell rows).
_MIN_LINES = 5
_RUN_ON_LENGTH = 150  # a line this long with no separator is run-on text, not a table row
_CJK = re.compile(r"[\u4e00-\u9fff]")


def detect_mode(lines: list[str]) -> str:
    """The layout most table-like lines follow: ``tab``, ``cell_per_line`` (tab-led cells,
    seeds 001/002), ``pipe``, ``markdown`` (rows framed by a leading ``|``),
    ``cell_per_line_pipe`` (one cell per line ending in `` |``), ``cell_per_line_blank`` (one
    cell per line between blank lines, no separator), ``spaces`` (cells separated by spaces,
    one row per line) or ``run_on`` (long lines with no separator: read as one-cell rows here).
    """
    multi_tab = lead_only = 0  # lines with a tab between cells / with one leading tab only
    for ln in lines:
        tabs = ln.count("\t")
        if tabs >= 2 or (tabs == 1 and not ln.startswith("\t")):
            multi_tab += 1
        elif tabs == 1:
            lead_only += 1
    piped = [ln for ln in lines if "|" in ln and "\t" not in ln]
    pipes = sum(1 for ln in piped if ln.count("|") >= 2)
    if multi_tab or lead_only:  # tabs: pipes win only by number
        if pipes > max(multi_tab, lead_only):
            return _pipe_kind(piped)
        return "cell_per_line" if lead_only > 2 * multi_tab else "tab"
    texts = [t for ln in lines if (t := ln.strip(_BLANKS))]
    if (pipes >= 3 and 5 * len(piped) >= len(texts)) or (len(piped) >= _MIN_LINES and 3 * len(piped) >= len(texts)):
        return _pipe_kind(piped)
    return _unseparated(lines, texts)


def _pipe_kind(piped: list[str]) -> str:
    """``cell_per_line_pipe`` when most piped lines hold one cell, ``markdown`` when most are
    framed by a leading pipe, else ``pipe``."""
    with_text = [ln for ln in piped if ln.replace("|", "").strip(_BLANKS)]
    single = sum(1 for ln in with_text if ln.count("|") == 1 and ln.rstrip(_BLANKS).endswith("|"))
    if with_text and 2 * single > len(with_text):
        return "cell_per_line_pipe"
    framed = sum(1 for ln in with_text if ln.lstrip(_BLANKS).startswith("|"))
    if with_text and 2 * framed > len(with_text):
        return "markdown"
    return "pipe"


def _unseparated(lines: list[str], texts: list[str]) -> str:
    """Text with neither tabs nor pipes: run-on text (most of its characters in long lines
    without a separator: OCR and Word extracts), cells between spaces, cells between blank
    lines; ``tab`` (one-cell rows, today's reading) when the evidence is thin."""
    if texts and 4 * sum(len(t) for t in texts if _run_on_line(t)) >= sum(len(t) for t in texts):
        return "run_on"
    if len(texts) < _MIN_LINES:
        return "tab"
    spaced = sum(1 for t in texts if len(t.split()) >= 3 and sum(1 for tok in t.split() if _CJK.search(tok)) >= 2)
    if spaced >= _MIN_LINES and spaced * 6 >= len(texts):
        return "spaces"
    followed_by_blank = sum(1 for i, ln in enumerate(lines[:-1]) if ln.strip(_BLANKS) and not lines[i + 1])
    if 2 * followed_by_blank >= len(texts):
        return "cell_per_line_blank"
    return "tab"


def _run_on_line(text: str) -> bool:
    """A long line of mostly CJK text with no tab or pipe (a table's cells glued together, or a
    whole table on one line); a long line of English prose is not one."""
    return (len(text) >= _RUN_ON_LENGTH and "|" not in text and "\t" not in text
            and len(_CJK.findall(text)) * 3 >= len(text))


def _blank_line_row(line: str, lineno: int) -> Row:
    """One line of a text with one cell per line between blank lines: a line of blanks only is
    an empty cell (a merged column keeps its place), an empty line separates cells."""
    if line and not line.strip(_BLANKS):
        return Row(cells=[Cell(text="", place=Place(line=lineno, column=1, end_line=lineno, end_column=1))],
                   place=Place(line=lineno, column=1), raw=line)
    return _split_line(line, lineno, "\t")




def _split_line(line: str, lineno: int, sep: str) -> Row:
    """One physical line as a row; cell columns point at the first non-blank character."""
    start = 0
    parts = line.split(sep) if line.strip(_BLANKS) else []
    if sep == "|" and parts and not parts[0].strip(_BLANKS):
        # "| a | b |": the outer pipes frame the row, they do not make empty cells.
        parts, start = parts[1:], len(parts[0]) + 1
        if parts and not parts[-1].strip(_BLANKS):
            parts = parts[:-1]
    return Row(cells=_line_cells(parts, lineno, start, _BLANKS), place=_line_start(lineno), raw=line)


def _cell_per_line_rows(lines: list[str]) -> list[Row]:
    """Rows of a table exported one cell per line (seeds 001, 002).

    A tab-led line opens a cell; a blank line followed by a tab-led line ends the row; a line
    without a tab continues the open cell when no blank line stands between them, when it leads
    straight into the next cell, when it is a one- or two-character piece of a vertical
    label, or when it is the next item of a list the cell's last paragraph began (二、 after
    一、, 目标2： after 目标1：: a goal typed with an empty paragraph between its items, in the
    row's last cell); otherwise it is a paragraph of its own.

    A tab-led line's fields are ``line_cells`` (readers/cells.py) as a tab row's are; only a
    cell that a later line continues becomes an open record (``_continued``), joined at the
    row's end (seeds 001, 002: 38 of 544 cells).
    """
    rows: list[Row] = []
    current: list = []  # the open row's cells: LineCells, or [texts, first_line, first_col, last_line]
    raw_lines: list[str] = []
    first_line = 0
    blank_before = True

    def close() -> None:
        nonlocal current, raw_lines
        if current:
            cells = [_joined_cell(*c) if c.__class__ is list else c for c in current]
            rows.append(Row(cells=cells, place=_line_start(first_line), raw="\t".join(raw_lines)))
        current, raw_lines = [], []

    n = len(lines)
    for i, line in enumerate(lines):
        lineno = i + 1
        if line.startswith("\t"):  # a cell, even an empty one (a merged column)
            if blank_before or not current:
                close()
                first_line = lineno
            # the fields after the leading tab, the first at 0-based column 1
            current += _line_cells(line[1:].split("\t"), lineno, 1, _BLANKS)
            raw_lines.append(line.strip(_BLANKS))
        elif not line.strip(_BLANKS):
            blank_before = True
            continue
        elif current and (not blank_before or _continues_cell(lines, i, n, _texts(current[-1]))
                          or _next_item(_texts(current[-1]), line)):
            cell = _continued(current)
            cell[0].append(line.strip(_BLANKS))
            cell[3] = lineno
            raw_lines.append(line.strip(_BLANKS))
        else:
            close()
            rows.append(_split_line(line, lineno, "\t"))
        blank_before = False
    close()
    return rows


def _texts(cell) -> list[str]:
    """The paragraphs of an open row's cell so far (a LineCell: its one text)."""
    return cell[0] if cell.__class__ is list else [cell.text]


def _continued(current: list) -> list:
    """The open row's last cell as an open record [texts, first_line, first_col, last_line] that
    a later line continues (a LineCell made into one the first time)."""
    cell = current[-1]
    if cell.__class__ is not list:
        place = cell.place
        cell = current[-1] = [[cell.text], place.line, place.column, place.line]
    return cell


# 表2, 表四: a table's number on its own paragraph above its title, never part of a cell
_TABLE_NUMBER = re.compile(r"^表[0-9一二三四五六七八九十]+$")
_AMOUNT_TEXT = re.compile(r"^[-+]?[0-9][0-9,]*(\.[0-9]+)?%?$")


def _continues_cell(lines: list[str], i: int, n: int, cell: list[str]) -> bool:
    """After a blank line: the line belongs to the open ``cell`` when it leads straight into the
    next cell, or is a one- or two-character piece of a vertical label (产 / 出 / 指 / 标) —
    not a table number (表四) and not after an amount, which ends a table's last row."""
    nxt = lines[i + 1] if i + 1 < n else ""
    if nxt.startswith("\t"):
        return True
    text = lines[i].strip(_BLANKS)
    last = cell[-1] if cell else ""
    return len(text) <= 2 and not _TABLE_NUMBER.match(text) and not _AMOUNT_TEXT.match(last.replace(" ", ""))


_CN_NUMERALS = "一二三四五六七八九十"
# A list item's number at the start of a paragraph: 一、 （一） (1) 1、 1. ① 目标1： 任务一：
# (a 1. before a digit is a decimal: 1.2万人 is no item)
_ITEM = re.compile(
    r"^(?P<lead>(?:目标|任务|指标)?)(?:(?P<open>[（(])(?P<inner>[一二三四五六七八九十]{1,3}|[0-9]{1,2})[）)]"
    r"|(?P<num>[一二三四五六七八九十]{1,3}|[0-9]{1,2})(?P<close>[、：:]|[.．](?![0-9]))"
    r"|(?P<circled>[①-⑳]))"
)
_CLOSE = {"．": ".", "：": ":"}


def _item(text: str) -> tuple[tuple[str, str, str], int] | None:
    """(style, number) of a paragraph that begins a numbered list item, else None; the style
    is what the items of one list share (目标 + digits + ：, （ + Chinese numeral + ）, …)."""
    m = _ITEM.match(text)
    if not m:
        return None
    if m.group("circled"):
        return (m.group("lead"), "①", "circled"), ord(m.group("circled")) - ord("①") + 1
    num = m.group("inner") or m.group("num")
    mark = "()" if m.group("open") else _CLOSE.get(m.group("close"), m.group("close"))
    value = int(num) if num.isdigit() else _cn_item_number(num)
    if value is None:
        return None
    return (m.group("lead"), mark, "digits" if num.isdigit() else "chinese"), value


def _cn_item_number(num: str) -> int | None:
    """一 … 九十九 as an int (the numbers lists use); None for what is no such numeral."""
    tens, _, ones = num.rpartition("十")
    if "十" not in num:
        return _CN_NUMERALS.index(num) + 1 if len(num) == 1 else None
    if len(tens) > 1 or len(ones) > 1 or "十" in tens + ones:
        return None
    return (_CN_NUMERALS.index(tens) + 1 if tens else 1) * 10 + (_CN_NUMERALS.index(ones) + 1 if ones else 0)


def _next_item(parts: list[str], line: str) -> bool:
    """True when ``line`` is the next item of the numbered list the open cell's last paragraph
    belongs to (its style the same, its number one more)."""
    last = next((p for p in reversed(parts) if p), "")
    text = line.strip(_BLANKS)
    before, here = _item(last), _item(text)
    if before is None or here is None or before[0] != here[0] or here[1] != before[1] + 1:
        return False
    return not _HEADING.search(text)


# A numbered line that is a heading of the document, not the next item of a cell's list:
# 二、部门整体支出绩效目标表, 二、绩效目标 (short, no sentence punctuation).
_HEADING = re.compile(r"表\s*(?:[（(][^）)]*[）)])?$|^[^，。；;,：:]{0,12}$")


def _joined_cell(parts: list[str], line: int, col: int, last: int) -> Cell:
    """A cell continued from ``line`` to a later line ``last``, its paragraphs ``parts``."""
    # A label broken over lines ("年度预", "算申请") is one word: join without a separator.
    text = "".join(p for p in parts if p)
    return Cell(text=text, place=Place(line=line, column=col, end_line=last, end_column=len(parts[-1]) + 1))
