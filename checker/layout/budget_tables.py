"""Layout of a department's budget disclosure (部门预算公开): tables 1–13 and their text.

A disclosure (seed 003) prints, for each table: an optional ``预算公开表N`` line, the title
(``2026年预算收支总表``), ``部门名称：…``, ``单位：万元``, one to three header rows (merged group
labels such as 本年收入 over 合计 | 一般公共预算 | …; a ``1 2 3 …`` column-number row) and the data
rows. The explanatory text (第三部分 情况说明) follows the tables; its paragraphs are kept in
``Form.paragraphs`` for B504.

Header rows are joined into column names with ``/`` (``本年收入/合计``, ``支出/金额/小计``): a group
label is carried right over the empty cells beneath which the next header row names columns.
Data rows are kept as Cells with their places; a row with fewer cells than the header lost its
empty trailing cells in the export.

Other provinces print the same tables otherwise, and all of these read alike:

- the number as ``公开01表``, ``表一``, ``附表1`` — alone or before the title; the unit beside the
  title, in its bracket, after spaces on the 部门 line (a Word paragraph), in the header
  (``金额（元）``), or only on the other tables;
- 功能分类 codes over ``类 | 款 | 项`` columns (a blank upper level is the row above's) or written
  before the name (``212 城乡社区支出``): both become one 科目编码 column;
- a table over two pages: a page number, a note, the title again or ``（续）``/``续表``, the
  header repeated — one table; a ``目录`` (bare titles under a 目录 line, titles whose tables
  follow, or a run of three bare titles) and the heading over all tables are no tables;
- a table exported one cell per line (PDF text): rebuilt from its header's column names when
  every row writes all its amounts (``-`` for none); else one X902 for all such tables;
- an empty table stated so (``本部门无政府性基金预算收支，此表为空表``) is no X902; rows under no
  header are (their columns are unknown, nothing of them is checked).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from checker.domain import money
from checker.layout.budget_numbers import number
from checker.layout.budget_structure import is_total
from checker.layout.budget_vocab import (header_parts, header_words, label_endings, label_names, note_starts,
                                         title_words, total_words)
from checker.layout.labels import normalize
from checker.layout.findings import x902
from checker.model import Cell, Field, Finding, Form, Place, Row, Table

# 预算公开表1, 公开01表, 附表1, 表一, 表1: a table's number on its own line or before its title.
_MARKER = re.compile(r"^(?:预算公开表|公开表|附表|公开|表)\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*表?\s*[:：、.]?\s*")
_CN_DIGITS = "一二三四五六七八九"
# "本部门无政府性基金预算收支，此表为空表": the filer states the table is empty on purpose.
_EMPTY_STATED = re.compile(r"空表|(?:^|[，,：:。])(?:本部门|本单位|我部门|我单位)?[^，,。]{0,12}无[^，,。]{0,16}(?:收支|收入|支出|经费|项目|预算)")
_PAGE_LINE = re.compile(r"^(?:[-—－]\s*\d+\s*[-—－]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,3})$")
_CONTINUED = re.compile(r"[（(]\s*续[表一二三四五六七八九十0-9]*\s*[)）]$|续表$")
_TITLE = re.compile(r"表\s*(?:[（(][^()（）]{0,20}[)）])?$")
_PART = re.compile(r"^第[一二三四五六七八九十0-9]+部分")
# 单位：万元, 金额单位:元, (单位：万元), or the unit alone in brackets beside the title: (万元).
# The money-unit words and the two shapes come from the domain (checker.domain.money).
_UNIT = r"^[(（]?\s*(?:" + money.STATEMENT + r"|({unit})\s*[)）]$)"
_DEPT = re.compile(r"^(?:(?:部门|单位|部门\(单位\))(?:名称)?|编制单位|编制部门|预算单位|填报单位|主管部门)[:：]\s*(.+)$")
_UNIT_IN_TEXT = money.BRACKETED
_YEAR_META = re.compile(r"^[(（]?\s*20\d{2}\s*年度?\s*[)）]?$")
# The levels of a functional (or economic) classification code split over columns: 208 ⇥ 05 ⇥ 01.
_CODE_LEVELS = (("类", 3), ("款", 2), ("项", 2))
CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")


@dataclass
class _Open:
    """A table under construction."""

    table: Table
    header: list[Row] = field(default_factory=list)  # appended by add_header only
    # The header rows' non-empty texts, normalised once (add_header): every later row is
    # compared with them (_repeats_header).
    header_texts: list[list[str]] = field(default_factory=list)
    data_seen: bool = False
    stated_empty: bool = False
    marker: int | None = None  # the number printed with it (公开01表, 表一), if any
    unit_seen: bool = False  # a 单位：… line was read (else the title or the header may say it)
    # Text under the table (a note, a page footer): rows stop being read until the table is
    # continued on the next page (its title again, …（续）, 续表) or another table begins.
    suspended: bool = False
    after_contents: bool = False  # opened under a 目录 line, before any table had rows
    # A table exported one cell per line (PDF text): its lines, rebuilt into rows when it closes.
    lines: list[Cell] = field(default_factory=list)
    unread: bool = False  # such lines whose rows could not be rebuilt
    leftover: list[Row] = field(default_factory=list)  # text under such a table: paragraphs

    def add_header(self, row: Row) -> None:
        """One more header row, with its texts (header_texts stays one entry per header row)."""
        self.header.append(row)
        self.header_texts.append(_texts(row))


def parse_budget_tables(
    rows: list[Row], *, form_id: str, title: str, title_place: Place, year: int | None
) -> tuple[Form, list[Finding]]:
    """Read every budget-disclosure table in ``rows`` (the disclosure's title to the next form).

    Returns one Form of kind ``budget_table``: ``tables`` in reading order (title, unit 万元/元,
    ``number`` from ``预算公开表N`` or the table's order, ``columns`` joined across header rows,
    ``rows`` as lists of Cells), ``header['department_name']`` from ``部门名称：…`` and
    ``paragraphs``: the one-cell text rows outside the tables. Findings: X902 (warning) for a
    table title with neither header nor data rows after it.
    """
    form = Form(id=form_id, kind="budget_table", title=title, place=title_place, year=year)
    findings: list[Finding] = []
    current: _Open | None = None
    closed: list[_Open] = []
    marker: int | None = None
    contents = False  # under a 目录 line, until a table has a header or rows
    for at, row in enumerate(rows):
        cells = [c for c in row.cells if c.text]
        if not cells:
            continue
        # The row's non-empty texts, normalised once (every test below reads them); ``texts`` are
        # those of ``cells``, cut with them.
        row_texts = texts = [normalize(c.text) for c in cells]
        # One text in the row (a spreadsheet repeats a merged title across its cells).
        single = len(set(row_texts)) == 1 and not _has_number(row)
        beside = _title_beside_meta(cells, row_texts)
        if beside:  # 部门收支总表 ⇥ ⇥ 单位：万元 — the title with its unit on one row
            single, cells, texts = True, cells[:1], row_texts[:1]
        if single and current is not None and len(row.cells) == 1 and _one_cell_line(texts[0], current):
            current.lines.append(cells[0])
            continue
        if current is not None and current.lines and not current.header and not single:
            current.suspended = True  # a row of cells after lone lines: as before, not read as this table's
        if single:
            text = texts[0]
            if _PAGE_LINE.match(text):
                continue  # a page number between two pages of one table
            raw, unit = _unit_at_end(cells[0].text)  # before normalize squeezes the space out
            text = normalize(raw) if unit else text
            if unit and current is not None and _DEPT.match(text):  # 部门名称：…    单位：元 as one line
                _table_meta(text, current, form, cells[0])
                current.table.unit, current.unit_seen = unit, True
                continue
            if current is not None and text != _CONTINUED.sub("", text) and not _CONTINUED.sub("", text).strip():
                current.suspended = False  # 续表 / (续) alone over the next page
                continue
            m = _MARKER.match(text)
            if m and (m.end() == len(text) or _is_title(text[m.end():])):
                marker = _marker_number(m.group(1))
                text = text[m.end():]
                if not text:  # the number on its own line, the title follows
                    current = _close(current, closed)
                    continue
            if _is_title(text):
                if current is not None and _continues(money.pattern(_UNIT_IN_TEXT).sub("", text).strip(), current):
                    current.suspended, marker = False, None
                    continue  # the title repeated over the next page of the same table
                _close(current, closed)
                current, marker = _open(text, cells[0].place, marker, beside, form), None
                current.after_contents = contents
                if unit:  # 2026年部门支出总表    单位：元 as one line
                    current.table.unit, current.unit_seen = unit, True
                continue
        if current is not None and _all_meta(cells, current, form, texts):
            continue
        if current is not None and current.data_seen and _repeats_header(row, current, row_texts):
            current.suspended = False
            continue  # the header printed again on the next page: the table goes on
        if single and _CONTENTS.match(texts[0]):
            contents = True
            continue
        if current is not None and (current.header or current.data_seen):
            contents = False
        if single and (len(row.cells) == 1 or len(cells) == len(row.cells)):
            if current is not None and _wrapped_name(texts[0], current, rows, at + 1):
                continue  # the end of a long name the export put on a line of its own
            if current is not None:
                current.stated_empty = current.stated_empty or bool(_EMPTY_STATED.search(texts[0]))
                current.suspended = True
            form.paragraphs.append(row)
            continue
        if current is None or current.suspended:
            continue
        _add_row(current, row)
    _close(current, closed)
    _finish(closed, form, findings)
    if rows:
        form.end_place = rows[-1].place
    return form, findings


# A line that ends with its unit after some space (a Word paragraph: 部门：某局        单位：元).
# Anchored at the start of a space run and possessive: the same matches, but searching a long
# run no longer tries every split of it between the two \s (cubic on a cell of spaces).
_UNIT_AT_END = r"(?<!\s)\s++[(（]?\s*+" + money.STATEMENT + r"\s*[)）]?$"


def _unit_at_end(text: str) -> tuple[str, str | None]:
    """(the text without a unit written at its end, that unit or None)."""
    m = money.pattern(_UNIT_AT_END).search(text)
    return (text[: m.start()].strip(), m.group(1)) if m and m.start() > 0 else (text, None)


def _open(text: str, place: Place, marker: int | None, beside: list[Cell], form: Form) -> _Open:
    """A new table titled ``text``; a unit in the title's bracket (部门收支总表（单位：元）) or in
    the cells beside it is its unit, not part of its title."""
    unit = money.pattern(_UNIT_IN_TEXT).search(text)
    title = money.pattern(_UNIT_IN_TEXT).sub("", text).strip() if unit else text
    current = _Open(Table(title=title, unit="万元", columns=[], rows=[], place=place), marker=marker)
    if unit:
        current.table.unit, current.unit_seen = unit.group(1), True
    _all_meta(beside, current, form)
    return current


_CONTENTS = re.compile(r"^(?:目\s*录|目次)$")


def _wrapped_name(text: str, current: _Open, rows: list[Row], start: int) -> bool:
    """A short line alone between two data rows (``PPP项目`` under ``丹河新城污水处理厂及配套管网
    工程 ⇥ 4311.91``) is the end of the name above: joined to it, True. A note, a sentence or a
    line not followed by more data is not."""
    if not current.data_seen or current.suspended or len(text) > 20 or re.search(r"[。；;:：]", text):
        return False
    if text.startswith(note_starts()) or _EMPTY_STATED.search(text) or not current.table.rows:
        return False
    nxt = next((r for r in itertools.islice(rows, start, None) if any(c.text for c in r.cells)), None)
    if nxt is None or len([c for c in nxt.cells if c.text]) < 2 or not _has_number(nxt):
        return False
    last = current.table.rows[-1]
    k = next((i for i, c in enumerate(last) if number(c.text) is not None and i > 0), None)
    names = [i for i in range(k if k is not None else len(last)) if last[i].text and not CODE.match(normalize(last[i].text))]
    if not names:
        return False
    c = last[names[-1]]
    last[names[-1]] = Cell(text=c.text + text, place=c.place)
    return True


# --------------------------------------------------------------------------- one cell per line

_DASH = re.compile(r"^[-—－/／]+$")


def _one_cell_line(text: str, current: _Open) -> bool:
    """True when a line of one cell belongs to a table exported one cell per line (PDF text):
    the table has no header or rows yet, and the line is a header name (科目编码, 项目, 合计 …)
    or follows such lines; a title, a table number, 单位/部门 or a part heading ends the run."""
    if current.header or current.data_seen:
        return False
    if _is_title(text) or _is_meta(text) or _PART.match(text) or _CONTENTS.match(text) or _MARKER.match(text):
        return False
    if not _CONTINUED.sub("", text).strip():
        return False
    if current.lines:
        return True
    return text in header_words() or any(p in text for p in header_parts()) or text.endswith(label_endings())


def _value_line(text: str) -> bool:
    return number(text) is not None or bool(_DASH.match(text))


def _label_name(name: str) -> bool:
    return name.endswith(label_endings()) or name in label_names()


def _prose(text: str) -> bool:
    """A note or a sentence under a table, not a row's label."""
    return len(text) > 50 or bool(re.search(r"[。；;:：]", text)) or text.startswith(note_starts()) or bool(_PART.match(text))


def _line_header(texts: list[str]) -> list[str]:
    """The column names a one-cell-per-line table starts with: up to the first amount, code or
    repeated name, or the name just before an amount (the first row's label)."""
    names: list[str] = []
    for i, t in enumerate(texts):
        if _value_line(t) or CODE.match(t) or t in names or _prose(t) or len(t) > 20:
            break
        nxt = texts[i + 1] if i + 1 < len(texts) else ""
        coded = any(n.endswith("编码") for n in names)
        numbering = texts[i + 1:i + 4] == ["1", "2", "3"]  # the column numbers under the header
        if names and _value_line(nxt) and not numbering and not (coded and CODE.match(nxt)) and any(_label_name(n) for n in names):
            break  # the first row's label, its amount next (208 there is the next row's code)
        names.append(t)
    return names


def _rebuild_lines(o: _Open) -> None:
    """Rows of a table exported one cell per line, in place: the header names its N columns, its
    leading label columns (科目编码, 科目名称, 项目 …) then amounts; each row is its labels then its
    amounts ("-" an empty one). Read only when every row has all its amounts: an export that drops
    empty cells loses which column an amount is in. Else the table is unread (X902 once, _finish)."""
    cells = [c for c in o.lines if not (_PAGE_LINE.match(normalize(c.text)) and not normalize(c.text).isdigit())]
    texts = [normalize(c.text) for c in cells]
    o.stated_empty = o.stated_empty or any(_EMPTY_STATED.search(t) for t in texts)
    names = _line_header(texts)
    start = len(names)
    if texts[start:start + len(names)] == [str(k) for k in range(1, len(names) + 1)]:
        start += len(names)  # the 1 2 3 … row under the header
    built = _line_rows(cells, texts, start, names) if len(names) >= 2 else None
    if built is None:
        o.unread = any(_value_line(t) for t in texts[start:]) and not o.stated_empty
        o.leftover = [Row(cells=[c], place=c.place, raw=c.text) for c, t in zip(cells, texts) if _prose(t)]
        return
    rows, tail = built
    o.header, o.header_texts = [], []  # the lines' header names stand for any row read as one
    o.add_header(Row(cells=cells[:len(names)], place=cells[0].place, raw="\t".join(names)))
    o.table.rows, o.data_seen = rows, bool(rows)
    o.leftover = [Row(cells=[c], place=c.place, raw=c.text) for c in cells[tail:]]


def _line_rows(cells: list[Cell], texts: list[str], start: int, names: list[str]) -> tuple[list[list[Cell]], int] | None:
    """(the rows from ``start``, where the text under the table begins), or None when a row does
    not fit the header (see _rebuild_lines)."""
    n_labels = next((k for k, name in enumerate(names) if not _label_name(name)), len(names))
    if any(_label_name(name) for name in names[n_labels:]) or {"类", "款", "项"} & set(names):
        return None  # blocks side by side, or codes over 类 | 款 | 项: not to be told from the lines
    if n_labels == 0 and not any(n in total_words().labels for n in (names[0], names[-1])):
        return None  # amounts across without labels only under 合计 | 因公出国（境）费 | … (or 合计 last)
    if n_labels == 0 and not any(number(texts[i]) is not None for i in range(start, len(texts))):
        return None  # dashes across: nothing tells them from a header's empty cells
    width = len(names) - n_labels
    rows: list[tuple[list[int], list[int]]] = []
    labels: list[int] = []
    values: list[int] = []
    tail = len(cells)
    coded = any(name.endswith("编码") for name in names[:n_labels])
    repeated = _repeated_headers(texts, start, names)
    for i in range(start, len(cells)):
        if i in repeated:
            continue  # the header (and its 1 2 3 … row) printed again over the next page
        # 208 is a code, not an amount, where a row begins under a 科目编码 column.
        code = coded and bool(CODE.match(texts[i])) and (len(values) == width or not (values or labels))
        if _value_line(texts[i]) and not code:
            values.append(i)
            if n_labels == 0 and len(values) == width:
                rows.append(([], values))
                values = []
            continue
        if values:
            rows.append((labels, values))
            labels, values = [], []
        if _prose(texts[i]) or n_labels == 0:
            tail = i
            break
        labels.append(i)
    else:
        if values:
            rows.append((labels, values))
            labels = []
    if labels:  # labels without amounts at the end: text under the table
        tail = min(tail, labels[0])
    if any(_value_line(texts[j]) and j not in repeated for j in range(tail, len(texts))):
        return None  # amounts after what ended the rows: a row was not told apart, none is read
    if not rows or values and n_labels == 0:
        return None
    if any(len(v) != width or (n_labels and not l) for l, v in rows):
        return None
    return [_line_row(cells, l, v, names, n_labels) for l, v in rows], tail


def _repeated_headers(texts: list[str], start: int, names: list[str]) -> set[int]:
    """Indices of the header's names printed again, in order, after ``start`` (a page break
    inside a table exported one cell per line), with the column numbers under them."""
    out: set[int] = set()
    n = len(names)
    numbers = [str(k) for k in range(1, n + 1)]
    i = start
    while i < len(texts):
        if texts[i:i + n] == names:
            out |= set(range(i, i + n))
            i += n
            if texts[i:i + n] == numbers:
                out |= set(range(i, i + n))
                i += n
            continue
        i += 1
    return out


def _line_row(cells: list[Cell], labels: list[int], values: list[int], names: list[str], n_labels: int) -> list[Cell]:
    """One rebuilt row: its labels in the label columns (a code in the 编码 column, a name
    wrapped over two lines joined), then its amounts."""
    texts = [cells[i].text for i in labels]
    if len(texts) > n_labels:
        texts = texts[: n_labels - 1] + ["".join(texts[n_labels - 1:])]
    out = [Cell(text="", place=cells[(labels or values)[0]].place) for _ in range(n_labels)]
    code_col = next((k for k in range(n_labels) if names[k].endswith("编码")), None)
    split = _CODE_BEFORE_NAME.match(normalize(texts[0])) if texts and code_col is not None else None
    if split and len(texts) < n_labels and not CODE.match(normalize(texts[0])):
        texts = [split.group(1), split.group(2)] + texts[1:]  # 208 社会保障和就业支出 on one line
        labels = labels[:1] + labels
    at = n_labels - len(texts)  # a lone 合计 or name stands in the last label columns
    if texts and code_col is not None and CODE.match(normalize(texts[0])):
        at = code_col
    for k, t in enumerate(texts):
        out[min(at + k, n_labels - 1)] = Cell(text=t, place=cells[labels[k] if k < len(labels) else labels[-1]].place)
    return out + [cells[i] for i in values]


def _marker_number(written: str) -> int:
    """``01`` → 1, ``十二`` → 12 (the numbers tables are printed with)."""
    if written.isdigit():
        return int(written)
    tens, _, ones = written.rpartition("十")
    if "十" not in written:
        return _CN_DIGITS.index(written) + 1
    return (_CN_DIGITS.index(tens) + 1 if tens else 1) * 10 + (_CN_DIGITS.index(ones) + 1 if ones else 0)


def _continues(title: str, current: _Open) -> bool:
    """A title over the next page of the open table: ``…表（续）`` / ``续表``, or the same title
    again once data rows have been read (an export repeats it on every page)."""
    base = _CONTINUED.sub("", title).strip()
    if base != title:
        return not base or base == current.table.title or current.table.title.endswith(base)
    return (current.data_seen or bool(current.lines)) and title == current.table.title


def _repeats_header(row: Row, current: _Open, texts: list[str]) -> bool:
    """A data-less row that repeats a header row (or the 1 2 3 … row) on a later page;
    ``texts``: the row's non-empty texts, normalised (``_texts(row)``)."""
    if _is_column_numbers(row):
        return True
    return texts in current.header_texts


def _texts(row: Row) -> list[str]:
    return [normalize(c.text) for c in row.cells if c.text]


def _is_title(text: str) -> bool:
    """A table's title: short, ending in 表, with a word of rules/budget_vocab.yaml ``titles``."""
    words = title_words()
    return (
        len(text) <= 60
        and bool(_TITLE.search(text))
        and any(w in text for w in words["words"])
        and not text.startswith(words["not_starting"])
        and not _PART.match(text)
        and not any(w in text for w in words["not_containing"])
    )


# "二、2026年部门预算表", "部门预算公开报表": a heading over all the tables, naming none of them.
_COLLECTION = re.compile(r"(?:部门|单位)?预算(?:公开)?(?:报表|表格|表)$")


def _collection_heading(text: str) -> bool:
    return bool(_COLLECTION.search(text)) and not any(w in text for w in title_words()["table_kinds"])


def _is_meta(text: str) -> bool:
    return bool(money.pattern(_UNIT).match(text) or _DEPT.match(text) or _YEAR_META.match(text))


def _title_beside_meta(cells: list[Cell], texts: list[str]) -> list[Cell]:
    """The cells beside a title on its row (单位：万元, 部门：…, 2026年度), when the first cell is
    a title and all the others are such; else []. ``texts``: the cells' texts, normalised."""
    if len(cells) < 2 or not _is_title(texts[0]):
        return []
    return cells[1:] if all(_is_meta(t) for t in texts[1:]) else []


def _all_meta(cells: list[Cell], current: _Open, form: Form, texts: list[str] | None = None) -> bool:
    """部门名称 / 单位 / 年度 lines under a title, alone or side by side in one row; ``texts``:
    the cells' texts normalised, when the caller has them."""
    texts = texts if texts is not None else [normalize(c.text) for c in cells]
    if not cells or not all(_is_meta(t) for t in texts):
        return False
    for c, t in zip(cells, texts):
        _table_meta(t, current, form, c)
    return True


def _table_meta(text: str, current: _Open, form: Form, cell: Cell) -> bool:
    """部门名称 and 单位 lines under a title; True when ``text`` was one of them."""
    m = money.pattern(_UNIT).match(text)
    if m:
        current.table.unit = m.group(1) or m.group(2)
        current.unit_seen = True
        return True
    m = _DEPT.match(text)
    if m:
        form.header.setdefault("department_name", Field(label="部门名称", raw=m.group(1).strip(), place=cell.place))
        return True
    return False


def _has_number(row: Row) -> bool:
    return any(number(c.text) is not None for c in row.cells[1:])


def _add_row(current: _Open, row: Row) -> None:
    if not current.data_seen and _is_header(row, current):
        if not _is_column_numbers(row):
            current.add_header(row)
        return
    current.data_seen = True
    current.table.rows.append(list(row.cells))


def _is_header(row: Row, current: _Open) -> bool:
    """A header row: before any data, without amounts, and either the first row under the
    title or one naming header terms (合计, 科目编码, 项目, 类 | 款 | 项 …); a column-number row
    too. A row whose only text is 合计 under a header is the (empty) total row, not a header."""
    if _is_column_numbers(row):
        return True
    first = normalize(row.cells[0].text)
    texts = [normalize(c.text) for c in row.cells if c.text]
    if CODE.match(first) or _has_number(row) or number(first) is not None:
        return False
    if not current.header:
        # The first row under the title names columns, even one starting 合计 | 因公出国（境）费 | …
        return not (first in total_words().labels and len(texts) == 1)
    if all(t in total_words().labels for t in texts):
        return False
    if first in total_words().labels:
        return False
    if not first:
        return True  # a lower header row under merged cells
    return any(t in header_words() or any(p in t for p in header_parts()) for t in texts)


_COLUMN_LETTER = re.compile(r"[A-Z甲乙丙丁]")  # asked of every cell of every row under a header


def _is_column_numbers(row: Row) -> bool:
    """The ``1 2 3 …`` row under a header, also led by 栏次 (and lettered columns A B … before).
    Read cell by cell up to the first text out of sequence: asked of every row of a table, most
    of which (data rows) are told apart by their first text."""
    n = 0  # the column numbers read so far
    first = True
    for cell in row.cells:
        if not cell.text.strip():
            continue
        text = normalize(cell.text)
        if first and text in ("栏次", "行次"):
            first = False
            continue
        first = False
        if _COLUMN_LETTER.fullmatch(text):
            continue
        if text != str(n + 1):
            return False
        n += 1
    return n >= 3


def _close(current: _Open | None, closed: list[_Open]) -> None:
    if current is None:
        return None
    table = current.table
    if current.lines:
        _rebuild_lines(current)
    table.columns = header_names(current.header)
    units = {u for c in table.columns for u in money.pattern(_UNIT_IN_TEXT).findall(c)}
    if not current.unit_seen and len(units) == 1:  # 金额（元）, 预算数(万元): the header says it
        table.unit = units.pop()
    _join_split_codes(table)
    _split_code_from_name(table)
    closed.append(current)
    return None


_LIST_RUN = 3  # this many titles in a row with nothing under them are a list of the tables (目录)


def _finish(closed: list[_Open], form: Form, findings: list[Finding]) -> None:
    """The tables in order, numbered by their printed number or else their place among the
    tables, in the unit the others state when they state one and the table none; X902 for a title with nothing under it, unless it is one line of a list of the
    tables (a 目录: three or more such titles in a row), and for rows without a header."""
    stated = {o.table.unit for o in closed if o.unit_seen}
    if len(stated) == 1:  # a table whose 单位 line was not read (printed above its title) has the others' unit
        for o in closed:
            if not o.unit_seen:
                o.table.unit = next(iter(stated))
    leftover = [r for o in closed for r in o.leftover]
    if leftover:  # the text under tables exported one cell per line, in its place among the rest
        form.paragraphs.extend(leftover)
        if all(r.place.line is not None for r in form.paragraphs):
            form.paragraphs.sort(key=lambda r: r.place.line)
    bare = [not o.header and not o.table.rows and not o.stated_empty and not o.unread for o in closed]
    listed = [b and (o.after_contents or _listed_again(o, closed[k + 1:])) for k, (o, b) in enumerate(zip(closed, bare))]
    k = 0
    while k < len(closed):
        j = k
        while j < len(closed) and bare[j]:
            j += 1
        if j - k >= _LIST_RUN:
            listed[k:j] = [True] * (j - k)
        k = max(j, k + 1)
    for o, is_bare, in_list in zip(closed, bare, listed):
        if in_list or (is_bare and _collection_heading(o.table.title)):
            continue  # a line of the 目录, or the heading over all the tables (二、2026年部门预算表)
        table = o.table
        table.number = o.marker if o.marker is not None else len(form.tables) + 1
        if is_bare:
            findings.append(x902(f"预算公开表“{table.title}”只有标题，未读到表头和数据行",
                                 f"budget table '{table.title}' has a title but no header or data rows",
                                 table.place, form=form.id, table=table.title))
        elif table.rows and not table.columns:
            # Data without a header (lost in the export): no column can be told, nothing is checked.
            findings.append(x902(f"预算公开表“{table.title}”未读到表头，各列含义不明，表内合计未核对",
                                 f"budget table '{table.title}' has rows but no header; its columns are unknown and "
                                 "its sums were not checked", table.place, form=form.id, table=table.title))
        form.tables.append(table)
    unread = [o.table for o in closed if o.unread]
    if unread:  # one doubt for the disclosure: the export, not each table, is at fault
        names = "、".join(f"表{t.number} {t.title}" for t in unread)
        findings.append(x902(f"{len(unread)} 张预算公开表按一格一行导出，行列无法复原（{names}），表内数字未核对",
                             f"{len(unread)} budget table(s) exported one cell per line could not be rebuilt into rows "
                             f"and columns ({names}); their figures were not checked",
                             unread[0].place, form=form.id, tables=[t.title for t in unread]))


# 一、部门收支总表, 2026年部门收支总表: a title as a list of the tables and the table itself print it.
_LIST_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[0-9]{1,2}[、.．](?!\d)|[（(][一二三四五六七八九十0-9]+[)）])?\s*(?:20\d{2}\s*年度?)?")


def _listed_again(bare: _Open, later: list[_Open]) -> bool:
    """A title with nothing under it whose table follows later with its header or rows: a line of
    the list of the tables (a 目录 of any length), not an empty table."""
    name = _LIST_PREFIX.sub("", bare.table.title)
    return any((o.header or o.table.rows) and _LIST_PREFIX.sub("", o.table.title) == name for o in later)


def header_names(header: list[Row]) -> list[str]:
    """Column names joined across header rows (``本年收入/合计``).

    A label in an upper row is carried right over following empty cells as long as a lower
    row names a column there (a merged group cell); names are normalised.
    """
    if not header:
        return []
    width = max(len(r.cells) for r in header)
    grid = [[normalize(r.cells[i].text) if i < len(r.cells) else "" for i in range(width)] for r in header]
    written = [line[:] for line in grid]
    for depth, line in enumerate(grid[:-1]):
        below = grid[depth + 1 :]
        carry = ""
        for i in range(width):
            if line[i]:
                carry = line[i]
            elif carry and any(b[i] for b in below) and not _starts_group(written, depth, i):
                line[i] = carry
            else:
                carry = ""
    names = []
    for i in range(width):
        parts: list[str] = []
        for line in grid:
            if line[i] and (not parts or parts[-1] != line[i]):
                parts.append(line[i])
        names.append("/".join(parts))
    return names


def _starts_group(grid: list[list[str]], depth: int, i: int) -> bool:
    # A label in any row above at this column begins a new group: stop carrying.
    return any(grid[d][i] for d in range(depth))


def _join_split_codes(table: Table) -> None:
    """科目编码 written over 类 | 款 | 项 columns becomes one 科目编码 column, in place.

    ``208 ⇥ 05 ⇥ 01`` → ``2080501``; a blank upper level is the row above's (`` ⇥ 05 ⇥ `` under
    208 is 20805); a level written in full (``20805`` in the 款 column) stands as written. A cell
    that is no code (合计 across the columns) is kept as its text. Columns without 类 | 款 stay.
    """
    lasts = [c.split("/")[-1] for c in table.columns]
    start = next((i for i in range(len(lasts) - 1) if lasts[i] == "类" and lasts[i + 1] == "款"), None)
    if start is None:
        return
    n = 3 if lasts[start + 2 : start + 3] == ["项"] else 2
    group = table.columns[start].rsplit("/", 1)[0] if "/" in table.columns[start] else ""
    table.columns[start : start + n] = [group if group.endswith("编码") else "科目编码"]
    above = [""] * n
    for k, row in enumerate(table.rows):
        parts = [row[start + j] if start + j < len(row) else None for j in range(n)]
        texts = [normalize(c.text) if c is not None else "" for c in parts]
        code, above = _joined_code(texts, above)
        written = next((c for c in parts if c is not None and c.text), None)
        place = written.place if written is not None else (parts[0].place if parts[0] is not None else table.place)
        table.rows[k] = row[:start] + [Cell(text=code, place=place)] + row[start + n :]


def _joined_code(texts: list[str], above: list[str]) -> tuple[str, list[str]]:
    """(the code of one row's 类/款/项 texts, the levels for the row below); see _join_split_codes."""
    written = [k for k, t in enumerate(texts) if t]
    if not written:
        return "", above
    deepest = written[-1]
    full = sum(w for _, w in _CODE_LEVELS[: deepest + 1])
    if texts[deepest].isdigit() and len(texts[deepest]) == full:
        code = texts[deepest]  # the level written in full
    else:
        levels = [texts[k] or above[k] for k in range(deepest + 1)]
        if not all(t.isdigit() and len(t) in (w, sum(x for _, x in _CODE_LEVELS[: k + 1]))
                   for k, (t, (_, w)) in enumerate(zip(levels, _CODE_LEVELS))):
            return next(t for t in texts if t), [""] * len(above)  # 合计, a name: no code
        code = levels[0]
        for t, (_, w) in zip(levels[1:], _CODE_LEVELS[1:]):
            code = t if len(t) > w else code + t
    widths = [sum(w for _, w in _CODE_LEVELS[: k + 1]) for k in range(len(above))]
    below = [code[width - w : width] if len(code) >= width else "" for width, (_, w) in zip(widths, _CODE_LEVELS)]
    return code, below


_CODE_BEFORE_NAME = re.compile(r"^[\[【(（]?(\d{3}(?:\d{2}){0,2})(?!\d)[\]】)）]?\s*(\S.*)$")


def _split_code_from_name(table: Table) -> None:
    """A label column that writes each code before its name (``212 城乡社区支出``, ``[21201]城乡社区
    管理事务``) and no code column beside it becomes 科目编码 | its name column, in place; only when
    most of its labelled rows start so (a project named ``2026年…`` is not a code)."""
    if any(c.split("/")[-1].endswith("编码") for c in table.columns) or not table.rows or not table.columns:
        return  # a code column already, or no header to name the new one
    col = next((i for i, c in enumerate(table.columns) if c.split("/")[-1].endswith(("科目", "名称", "项目"))), 0)
    labels = [normalize(r[col].text) if col < len(r) else "" for r in table.rows]
    named = [t for t in labels if t and t not in total_words().labels]
    coded = [_CODE_BEFORE_NAME.match(t) for t in named]
    if len(named) < 2 or sum(1 for m in coded if m) * 4 < len(named) * 3:
        return
    if any(m is None and not is_total(t) for m, t in zip(coded, named)):
        return  # a labelled row without its code (a total has none): the column is not read as codes
    table.columns[col:col + 1] = ["科目编码", table.columns[col] or "科目名称"]
    for k, row in enumerate(table.rows):
        if col >= len(row):
            continue
        c = row[col]
        m = _CODE_BEFORE_NAME.match(normalize(c.text))
        code, name = (m.group(1), m.group(2)) if m else ("", c.text)
        table.rows[k] = row[:col] + [Cell(text=code, place=c.place), Cell(text=name, place=c.place)] + row[col + 1:]
