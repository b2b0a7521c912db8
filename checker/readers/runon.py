"""Run-on text: forms whose OCR or Word extract lost every separator (shared/corpus 09, 12, 13,
15, 22, 23, 27, 30), cut into rows of cells by the form's own words and the value grammar.

A whole form stands on one or a few long lines::

    2020年度某项目自评表项目名称某补贴主管部门某局…一级指标二级指标三级指标年初目标值(A)实际完成值(B)得分
    产出指标数量指标补贴户数50户50户20…总分100

``looks_run_on(lines)`` tells such text from the other shapes (long lines with no tabs, pipes or
runs of spaces, and the table's words inside one line). ``rows_from_run_on(lines)`` returns rows
shaped like the tab-separated rows the layout reads (samples/ seeds 000, 003):

- the form's title alone on its row (a title is taken only where a header label follows it);
- header fields as ``label ⇥ value`` rows, cut at the header labels of rules/header_labels.yaml;
  a money block's glued amounts (``194.9194.9100%``) are cut only where the arithmetic of its
  columns (执行率 = 执行数 / 预算数) leaves one reading;
- the indicator table's header row (column words of checker/layout/table.py and
  header_labels.yaml ``run_on.columns``), then one row per indicator, as wide as the header:
  level-1 and level-2 labels (rules/taxonomy.yaml) where a row begins, the name, then the values,
  each ending where the value grammar's shapes end (≥95%, 12个, 2021年12月前, units of
  rules/units.yaml);
- what the table's end words (总分, 说明 …) begin, as label ⇥ value rows.

Every cell keeps its place in the original text (line and column of its first character,
``end_*`` exclusive, across lines where a page break cut a cell). Where a reading is in doubt —
numbers glued with no arithmetic to cut them by, more or fewer values than the table has value
columns, text before a label that no column takes, 290% where OCR read ≥90% — the cell is kept
whole or left empty, the row carries the X903 message (``RunOnRow.messages``, reported by
``doubts``) and the indicator doubt the rules know (``Row.doubts``: value_shifted,
weight_unreadable, score_unreadable), never a guess that could make a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from checker.domain import money
from checker.model import Cell, Finding, Place, Row
from checker.readers.runon_values import NUMBER, cut_amounts, value_start, value_token

LONG_LINE = 60  # characters (spaces left out) of a line that holds a run-on form
MAX_STREAM = 200_000  # characters of run-on text cut into cells; a form is a few thousand
_BLANKS = " \t\u3000\u00a0\ufeff\u200b\r"
_SPACE_RUN = re.compile(r"\S[ \u3000\u00a0]{2,}\S")
# A page chunk's number where a document-sharing site cut the text: "1、", "2、" at a line's start.
_CHUNK = re.compile(r"^\s*[0-9]{1,2}、")
_BRACKET_TAIL = re.compile(r"(?:\([^()]{0,14}\))+")
_WEIGHT_TAIL = re.compile(r"\((?:[0-9]{1,3}(?:\.[0-9]+)?)?分?\)|\((?:必填|选填)[^()]{0,8}\)")
_OCR_GE = re.compile(r"^2(?:[1-9][0-9]?|100)(?:\.[0-9]+)?%$")  # ≥90% read as 290%
# The amounts of a money row, glued or not, with a stated unit of the domain (checker.domain.money).
_AMOUNTS = r"(?:[0-9][0-9.,%]*[0-9%]|[0-9])(?:{unit})?"
_YEAR_TAIL = re.compile(r"\((?:[0-9]{4})?年?度?\)")  # 项目支出绩效自评表(2022年度)
_TITLE_STOP = set(":,;。!?、“”\"") | {"》", "《"}
# The indicator doubt a value column left empty gives (rules report it as X903, not the filer's).
_EMPTIED = {"weight": "weight_unreadable", "score": "score_unreadable"}


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class _Vocab:
    """The words run-on text is cut at, from the YAML the layout loads (see module doc)."""

    labels: tuple[str, ...]  # header labels, longest first
    columns: dict[str, str]  # column word → role
    money: dict[str, str]  # money column word → role
    money_rows: frozenset[str]  # labels of a money block's rows
    ends: tuple[str, ...]
    notes: tuple[str, ...]
    qualitative: tuple[str, ...]
    value_prefixes: tuple[str, ...] = ()  # 各, 约: a value may begin with them (各1次)
    grades: tuple[tuple[str, ...], ...] = ()  # 优 ⇥ 良 ⇥ 中 ⇥ 差: the grade columns under 评价标准


@cache
def _by_length(words: tuple[str, ...]) -> dict[int, frozenset[str]]:
    """``words`` grouped by length, for lookups at a position."""
    out: dict[int, set[str]] = {}
    for w in words:
        out.setdefault(len(w), set()).add(w)
    return {n: frozenset(ws) for n, ws in out.items()}


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


@cache
def vocab() -> _Vocab:
    """The run-on vocabulary: rules/header_labels.yaml (``fields``, ``fund_sources``, ``run_on``)
    and the layout's column headers (rules/layout_vocab.yaml), through the layout's loaders (the pack
    cache's copy, else the schema-checked file). Raises RulePackError when a file breaks its schema,
    FileNotFoundError when it is missing."""
    from checker.layout.labels import compact
    from checker.layout.vocab import column_roles, header_labels

    data = header_labels()
    run_on = data.get("run_on") or {}
    fields = data.get("fields") or {}
    funds = data.get("fund_sources") or {}
    labels = {compact(w) for group in (fields, funds) for ws in group.values() for w in ws}
    labels |= {compact(w) for w in run_on.get("labels") or []}
    columns = dict(column_roles())
    for role, words in (run_on.get("columns") or {}).items():
        for w in words:
            columns[compact(w)] = role
    money = {compact(w): role for role, words in (run_on.get("money_columns") or {}).items() for w in words}
    money_rows = {compact(w) for w in run_on.get("money_rows") or []}
    money_rows |= {compact(w) for key, ws in fields.items() if key.endswith("_total") for w in ws}
    money_rows |= {compact(w) for ws in funds.values() for w in ws}
    ends = [compact(w) for w in run_on.get("ends") or []]
    notes = [compact(w) for w in run_on.get("notes") or []]
    return _Vocab(_longest_first(labels - set(columns) - set(money)), columns, money, frozenset(money_rows),
                  _longest_first(ends), _longest_first(notes), _longest_first(run_on.get("qualitative") or []),
                  _longest_first(run_on.get("value_prefixes") or []),
                  tuple(sorted((tuple(g) for g in run_on.get("grades") or []), key=lambda g: -len("".join(g)))))


# --------------------------------------------------------------------------- detection


def _compact_len(line: str) -> int:
    return sum(1 for ch in line if ch not in _BLANKS)


def _run_on_line(line: str) -> bool:
    """A long line with no tab, no pipe row and no run of spaces between its words."""
    n = _compact_len(line)
    return (n >= LONG_LINE and "\t" not in line and line.count("|") < 2
            and not _SPACE_RUN.search(line.strip(_BLANKS)) and line.count(" ") * 8 <= n)


def looks_run_on(lines: list[str]) -> bool:
    """True when ``lines`` hold a form written with no separators: long lines without tabs, pipes
    or space runs, one of which holds the indicator table's words (two column names, or a column
    name and a level label), and hardly any line separated otherwise."""
    separated = 0
    for ln in lines:
        if "\t" in ln.strip("\r\n") or ln.count("|") >= 2 or _SPACE_RUN.search(ln.strip(_BLANKS)):
            separated += 1
            if separated == 3:  # a table's rows: no need to count the rest
                return False
    return any(_run_on_line(ln) and _has_table_words(_squeeze(ln)) for ln in lines)


@cache
def _written_labels() -> frozenset[str]:
    """Level labels as rules/taxonomy.yaml writes them (产出目标, a synonym in full), not the
    spellings without 指标 the loader adds (数量 of 数量指标), which run-on text uses in prose."""
    from checker.layout.vocab import taxonomy

    out: set[str] = set()
    for name, entry in (taxonomy().get("level1") or {}).items():
        out |= {name, *(entry.get("synonyms") or [])}
        for l2, syns in (entry.get("level2") or {}).items():
            out |= {l2, *(syns or [])}
    return frozenset(out)


def _squeeze(text: str) -> str:
    from checker.layout.labels import normalize

    return "".join(ch for ch in normalize(text) if ch not in _BLANKS)


def _has_table_words(text: str) -> bool:
    v = vocab()
    found = {w for w in v.columns if len(w) >= 3 and w in text}
    return len(found) >= 2 or (bool(found) and _level_at_any(text))


def _level_at_any(text: str) -> bool:
    from checker.layout.vocab import label_level

    return any(label_level(text[i:i + n]) is not None for i in range(len(text)) for n in (4, 5, 6)
               if text[i:i + n].endswith("指标"))


# --------------------------------------------------------------------------- the stream


@dataclass
class _Stream:
    """Run-on lines joined for cutting: ``text`` without spaces, chunk numbers or line ends, and
    for each of its characters the (line, column) it stands at, both 1-based."""

    text: str = ""
    where: list[tuple[int, int]] = field(default_factory=list)

    def add(self, line: str, lineno: int) -> None:
        from checker.layout.labels import _FULLWIDTH

        m = _CHUNK.match(line)
        start = m.end() if m else 0
        chars = []
        for i in range(start, len(line)):
            ch = line[i].translate(_FULLWIDTH)
            if ch in _BLANKS or not ch.strip():
                continue
            chars.append(ch)
            self.where.append((lineno, i + 1))
        self.text += "".join(chars)

    def cell(self, a: int, b: int) -> Cell:
        """The cell of ``text[a:b]`` (stripped), placed on the original characters."""
        while a < b and self.text[a] in ":":
            a += 1
        if a >= b:
            line, col = self.where[min(a, len(self.where) - 1)] if self.where else (1, 1)
            return Cell(text="", place=Place(line=line, column=col, end_line=line, end_column=col))
        line, col = self.where[a]
        end_line, end_col = self.where[b - 1]
        return Cell(text=self.text[a:b], place=Place(line=line, column=col, end_line=end_line, end_column=end_col + 1))


class RunOnRow(Row):
    """A row cut from run-on text; ``messages`` are the X903 messages (zh, en[, place of the text
    in doubt]) about its cells,
    ``doubts`` (Row) the indicator doubts they cause."""

    def __init__(self, cells: list[Cell], place: Place, raw: str = "",
                 messages: list[tuple[str, str]] | None = None, doubts: list[str] | None = None):
        super().__init__(cells=cells, place=place, raw=raw, doubts=list(doubts or []))
        self.messages = messages or []


def rows_from_run_on(lines: list[str]) -> list[Row]:
    """Rows of cells with places for run-on text (module doc). Short lines around the form (a
    site's banner, 下载本文档) stay rows of one cell. Never raises for odd text."""
    rows: list[Row] = []
    stream: _Stream | None = None
    for i, line in enumerate(lines):
        lineno = i + 1
        if _run_on_line(line):
            stream = stream or _Stream()
            stream.add(line, lineno)
            continue
        if not line.strip(_BLANKS):
            continue  # a blank line between two chunks does not end the stream
        if stream is not None:
            rows += _cut(stream, lines)
            stream = None
        rows.append(_line_row(line, lineno))
    if stream is not None:
        rows += _cut(stream, lines)
    return rows


def _cut(stream: _Stream, lines: list[str]) -> list[Row]:
    """The stream's rows; a stream longer than MAX_STREAM is left as its lines, with a doubt
    (cutting costs time in proportion to the text, and no form is that long)."""
    if len(stream.text) <= MAX_STREAM:
        return _Cutter(stream, lines).cut()
    numbers = sorted({line for line, _ in stream.where})
    rows = [_line_row(lines[n - 1], n) for n in numbers]
    zh = f"连续无分隔的文字过长（{len(stream.text)} 字，上限 {MAX_STREAM} 字），未拆分为单元格"
    en = f"run-on text too long to cut into cells ({len(stream.text)} characters, at most {MAX_STREAM})"
    first = rows[0]
    rows[0] = RunOnRow(first.cells, first.place, first.raw, [(zh, en)])
    return rows


def _line_row(line: str, lineno: int) -> Row:
    text = line.strip(_BLANKS)
    col = len(line) - len(line.lstrip(_BLANKS)) + 1
    place = Place(line=lineno, column=col, end_line=lineno, end_column=col + len(text))
    return Row(cells=[Cell(text=text, place=place)], place=Place(line=lineno, column=1), raw=line)


def doubts(rows: list[Row]) -> list[Finding]:
    """X903 findings for the doubts the cutting of run-on ``rows`` left (RULES.md X903, info)."""
    out = []
    for row in rows:
        for zh, en, *at in getattr(row, "messages", []) or []:
            place = at[0] if at else next((c.place for c in row.cells if c.text), row.place)
            out.append(Finding(code="X903", severity="info", form=None, place=place,
                               message={"zh": zh, "en": en}, row_text=row.raw,
                               # each doubt its own (rules/doubts.py folds findings of one rule and doubt)
                               data={"shape": "run_on", "rule": "read", "doubt": zh}))
    return out


# --------------------------------------------------------------------------- cutting


class _Cutter:
    """Cuts one stream into rows: titles, header fields, indicator tables (module doc)."""

    def __init__(self, stream: _Stream, lines: list[str]):
        self.s = stream
        self.t = stream.text
        self.lines = lines
        self.rows: list[Row] = []
        self.money: list[str] = []  # roles of the last money-column row, for glued amounts
        self.pending: list[tuple[str, str]] = []  # doubts for the next row emitted
        self.level1 = ""  # the level-1 label in force, as written
        self.money_heads: list[str] = []  # the money columns as written, for messages
        self.header_spans: list[tuple[int, int]] = []  # the indicator table's header cells
        self.placed: set[tuple[int, int]] = set()  # header cells whose role their place told (_hints)
        from checker.layout.vocab import section_heading_end  # here: importing the reader must not load the layout

        self.heading_end = section_heading_end  # asked at every position of the tables (end_word)

    # -- rows
    def emit(self, spans: list[tuple[int, int]], messages: list[tuple[str, str]] | None = None,
             doubts: list[str] | None = None, roles: list[str | None] | None = None) -> None:
        cells = [self.s.cell(a, b) for a, b in spans]
        if not any(c.text for c in cells):
            return
        first = next(c for c in cells if c.text)
        last = [c for c in cells if c.text][-1]
        raw = self._original(first.place, last.place)
        messages = self.pending + (messages or [])
        self.pending = []
        row = RunOnRow(cells, Place(line=first.place.line, column=1), raw, messages, doubts)
        row.roles = roles
        self.rows.append(row)

    def _original(self, start: Place, end: Place) -> str:
        """The original text from ``start`` to ``end`` (places of cells), across lines."""
        if start.line == end.end_line:
            return self.lines[start.line - 1][start.column - 1:end.end_column - 1]
        middle = self.lines[start.line:end.end_line - 1]
        return "\n".join([self.lines[start.line - 1][start.column - 1:], *middle,
                          self.lines[end.end_line - 1][:end.end_column - 1]])

    # -- words at a position
    def word_at(self, pos: int, words: tuple[str, ...]) -> str | None:
        """The longest of ``words`` (longest first) written at ``pos``, or None."""
        index = _by_length(words)
        for n in sorted(index, reverse=True):
            if self.t[pos:pos + n] in index[n]:
                return self.t[pos:pos + n]
        return None

    def column_at(self, pos: int) -> tuple[int, str | None] | None:
        """(end, role) of a column word at ``pos`` with its bracket tail, or None."""
        v = vocab()
        best = None
        for n in range(min(14, len(self.t) - pos), 1, -1):
            w = self.t[pos:pos + n]
            if w in v.columns or w in v.money:
                best = (pos + n, v.columns.get(w) or "money:" + v.money[w])
                break
        if best is None:
            return None
        m = _BRACKET_TAIL.match(self.t, best[0])
        return (m.end() if m else best[0]), best[1]

    def label_at(self, pos: int) -> int | None:
        """End of a header label at ``pos`` (with a bracket after it: 项目资金(万元)), or None."""
        w = self.word_at(pos, vocab().labels)
        if w is None:
            return None
        m = _BRACKET_TAIL.match(self.t, pos + len(w))
        return m.end() if m else pos + len(w)

    def level_at(self, pos: int) -> tuple[int, int] | None:
        """(end, level) of a level-1/level-2 label at ``pos`` (产出指标, 数量指标(10分)), or None.
        A bare spelling without 指标 (数量, 效益) is taken only before a weight in brackets."""
        from checker.layout.vocab import is_level1, label_level

        if pos >= len(self.t) or not "\u3400" <= self.t[pos] <= "\u9fff":
            return None  # a number before a label (00时效指标) is a value, not the label's numbering
        for n in range(min(14, len(self.t) - pos), 1, -1):
            w = self.t[pos:pos + n]
            lab = label_level(w)
            if lab is None:
                continue
            end = pos + n
            m = _WEIGHT_TAIL.match(self.t, end)
            if not w.endswith("指标") and not m and len(w) < 5 and w not in _written_labels():
                continue
            return (m.end() if m else end), (1 if is_level1(w) else lab.level)
        return None

    def end_at(self, pos: int) -> bool:
        return self.end_word(pos) > pos

    def end_word(self, pos: int) -> int:
        """End of the table's end word at ``pos`` (总分, rules/header_labels.yaml ``run_on.ends``)
        or of a report's next section heading ((二), 二、, 第三部分: checker.layout.vocab
        section_heading_end), else ``pos``."""
        w = self.word_at(pos, vocab().ends)
        return pos + len(w) if w is not None else (self.heading_end(self.t, pos) or pos)

    # -- the whole stream
    def cut(self) -> list[Row]:
        pos = 0
        titles = self.titles()
        # A title with no indicator table before the next one is a site's wrapper naming the
        # document (《…自评表.docx》由会员分享), not a form; the last title may be cut off before its table.
        titles = [t for n, t in enumerate(titles) if n == len(titles) - 1 or self._table_between(t[1], titles[n + 1][0])]
        for start, end in titles:
            self.header_part(pos, start)
            self.emit([(start, end)])
            pos = end
        self.header_part(pos, len(self.t))
        return self.rows

    def _table_between(self, a: int, b: int) -> bool:
        return any(self.table_header(p, b) for p in range(a, b))

    def titles(self) -> list[tuple[int, int]]:
        """Spans of the form titles: …表 (with a year in brackets after it) that the layout takes
        for a form's title and that a header label or column word follows."""
        from checker.layout.segment import title_kind

        out = []
        for m in re.finditer("表", self.t):
            end = m.end()
            tail = _YEAR_TAIL.match(self.t, end)
            end = tail.end() if tail else end
            if not (self.label_at(end) or self.column_at(end)):
                continue
            start = self._title_start(m.end())
            text = self.t[start:m.end()]
            if title_kind(text) in ("project_target", "department_target", "project_self_eval", "department_self_eval"):
                if not out or start >= out[-1][1]:
                    out.append((start, end))
        return out

    def _title_start(self, end: int) -> int:
        start = end - 1
        while start > 0 and end - start < 48 and self.t[start - 1] not in _TITLE_STOP:
            start -= 1
        # A number that is no year (20xx年) or annex number (附件2) ends what came before.
        for m in NUMBER.finditer(self.t, start, end):
            year = len(m.group()) == 4 and self.t.startswith("年", m.end())
            annex = self.t.endswith("附件", 0, m.start())
            if not (year or annex):
                start = m.end()
        return start

    # -- header fields, money blocks and what follows a table
    def header_part(self, a: int, b: int) -> None:
        """Rows of label ⇥ value between ``a`` and ``b``, and the indicator table inside: a label
        begins a new row after a value; labels with no value between them share a row (年度总体目标
        ⇥ 年初设定目标 ⇥ 全年实际完成情况), except in a money block, where each label leads its row."""
        v = vocab()
        pos, text_start = a, a
        row: list[tuple[int, int]] = []
        money_cols = False  # the row holds the money block's column words
        while pos < b:
            table = self.table_header(pos, b)
            if table is not None:
                # a garbled first column word may begin the header before ``pos``
                self._flush(row, text_start, min(pos, table[0][0]), money_cols)
                row, money_cols = [], False
                pos = text_start = self.table(table, b)
                continue
            note = self.word_at(pos, v.notes)
            if note is not None and (pos == text_start or self.t[pos - 1] in "。;,"):
                self._flush(row, text_start, pos, money_cols)
                self.emit([(pos, pos + len(note)), (pos + len(note), b)])
                return
            col = self.column_at(pos)
            money_col = col is not None and col[1] is not None and (
                col[1].startswith("money:") or money_cols and col[1] in ("score", "weight"))
            if money_col:
                if text_start < pos:  # a label alone before the columns is the block's caption
                    self._flush(row, text_start, pos)
                    row = []
                row.append((pos, col[0]))
                money_cols = True
                self.money = self._money_roles(row)
                self.money_heads = [self.t[x:y] for x, y in row if _BRACKET_TAIL.sub("", self.t[x:y]) in v.money]
                pos = text_start = col[0]
                continue
            end = self.label_at(pos) or self.end_word(pos)
            if end > pos:
                label = _BRACKET_TAIL.sub("", self.t[pos:end])
                if not row and text_start < pos:
                    # text before the first label (a site's wrapper, 《…自评表.docx》) stays on the
                    # label's row: alone it could pass for a form's title
                    row.append((text_start, pos))
                elif text_start < pos or money_cols or (self.money and row):
                    self._flush(row, text_start, pos, money_cols)
                    row, money_cols = [], False
                if self.money and label not in v.money_rows:
                    self.money = []  # 年度总体目标 after the money block ends it
                row.append((pos, end))
                pos = text_start = end
                continue
            pos += 1
        self._flush(row, text_start, b, money_cols)

    def _money_roles(self, spans: list[tuple[int, int]]) -> list[str]:
        v = vocab()
        roles = []
        for a, b in spans:
            w = _BRACKET_TAIL.sub("", self.t[a:b])
            if w in v.money:
                roles.append(v.money[w])
        return roles

    def _flush(self, row: list[tuple[int, int]], a: int | None, b: int | None, columns: bool = False) -> None:
        """Emit ``row`` with the text ``a:b`` after it; under a money block's ``columns`` row (not
        that row itself) the amounts are cut (``_money_row``)."""
        if a is not None and b is not None and a < b:
            row = row + [(a, b)]
        if not row:
            return
        messages: list[tuple[str, str]] = []
        rest = None
        if self.money and len(row) >= 2 and not columns:
            row, messages, rest = self._money_row(row)
        self.emit(row, messages)
        if rest is not None:
            self.emit([rest])

    def _money_row(self, row: list[tuple[int, int]]):
        """A label ⇥ glued amounts row under a money-column row: (cells, messages, what follows the
        amounts). The amounts are cut where the columns' arithmetic allows one reading only
        (runon_values.cut_amounts), otherwise kept whole with a doubt; text before them (其中:
        中央补助资金) is the row's label, text after them a row of its own."""
        a, b = row[-1]
        m = money.pattern(_AMOUNTS).search(self.t, a, b)
        if m is None:
            return row, [], None
        head = [(a, m.start())] if self.t[a:m.start()].strip(":") else []
        rest = (m.end(), b) if m.end() < b else None
        glued = m.group()
        parts = cut_amounts(glued, self.money)
        if parts is None:
            if len(NUMBER.findall(glued)) > 1 or len(glued) > 8 or (len(self.money) > 1 and glued.isdigit() and len(glued) > 3):
                heads = "、".join(self.money_heads)
                zh = f"金额“{glued}”中的数字粘连在一起，无法确定如何拆分到各列（{heads}），按原样保留"
                en = f"the amounts '{glued}' are glued together and cannot be cut into their columns ({heads}) with certainty; kept whole"
                return row[:-1] + head + [(m.start(), m.end())], [(zh, en, self.s.cell(m.start(), m.end()).place)], rest
            return row[:-1] + head + [(m.start(), m.end())], [], rest
        spans, at = [], m.start()
        for p in parts:
            spans.append((at, at + len(p)))
            at += len(p)
        return row[:-1] + head + spans, [], rest

    # -- the indicator table
    def table_header(self, pos: int, b: int) -> list[tuple[int, int, str | None]] | None:
        """The column words of an indicator table's header starting at ``pos``: at least three
        in a row, one naming the indicator (三级指标, 指标内容 …); short unknown words between two
        known ones (an OCR-garbled 参考分值) count as columns of unknown role."""
        cols: list[tuple[int, int, str | None]] = []
        at = pos
        while at < b:
            col = self.column_at(at)
            if col is not None and not (col[1] or "").startswith("money:") or col is not None and cols:
                role = col[1] if not (col[1] or "").startswith("money:") else col[1][6:]
                cols.append((at, col[0], role))
                at = col[0]
                continue
            if cols and len(cols) >= 2:
                gap = next((n for n in range(1, 5) if self.column_at(at + n) is not None), None)
                if gap is not None and at + gap < b and not self._level_or_value(at):
                    cols.append((at, at + gap, None))
                    at += gap
                    continue
            break
        cols = self._described_name(cols)
        roles = [r for _, _, r in cols]
        if len(cols) < 3 or "name" not in roles or roles.index("name") > 3:
            return None
        if "grades" in roles:
            cols = self._grade_columns(cols)
            roles = [r for _, _, r in cols]
        if roles[0] == "name" and "level1" not in roles:
            cols = self._garbled_level1(pos, cols)
            roles = [r for _, _, r in cols]
        if not {"level1", "level2", "value"} & set(roles) and roles[0] != "name":
            return None
        # One header word over the level-1 and the level-2 columns (a merged cell: 评价内容 over
        # 产出目标 ⇥ 数量目标): the level-2 column gets an empty header cell of its own.
        return [c for a, e, r in cols for c in ([(a, e, "level1"), (e, e, "level2")] if r == "levels" else [(a, e, r)])]

    def _described_name(self, cols):
        """绩效指标 ⇥ 绩效指标描述: a caption word followed by its own description's column heads
        the indicators' column (the 优/良/中/差 evaluation-standard layout), not the table."""
        if any(r == "name" for _, _, r in cols):
            return cols
        for k in range(len(cols) - 1):
            a, e, r = cols[k]
            if r == "caption" and self.t[cols[k + 1][0]:cols[k + 1][1]] == self.t[a:e] + "描述":
                self.placed.add((a, e))
                return [*cols[:k], (a, e, "name"), *cols[k + 1:]]
        return cols

    def _grade_columns(self, cols):
        """评价标准 over 优 ⇥ 良 ⇥ 中 ⇥ 差 (rules/header_labels.yaml ``run_on.grades``): the
        grade words follow the header's first row; each is a column, in the grade header's place.
        The first grade's standard (优) is the indicator's value, the others its notes. Without the
        grade words the header word is an ordinary value column."""
        end = max(e for _, e, _ in cols)
        for grades in vocab().grades:
            if self.t.startswith("".join(grades), end):
                spans, at = [], end
                for n, g in enumerate(grades):
                    spans.append((at, at + len(g), "value" if n == 0 else "grade"))
                    self.placed.add((at, at + len(g)))
                    at += len(g)
                return [c for col in cols for c in (spans if col[2] == "grades" else [col])]
        self.placed.update((a, e) for a, e, r in cols if r == "grades")
        return [(a, e, "value" if r == "grades" else r) for a, e, r in cols]

    def _garbled_level1(self, pos: int, cols):
        """A level-1 column whose header word lost its first character to the page's encoding
        (``???jī)效指标分类`` for 绩效指标分类) right before a header that begins with the name column,
        when the rows under it begin with level-1 labels: that word heads the level-1 column."""
        end = max(e for _, e, _ in cols)
        lv = self.level_at(end)
        if lv is None or lv[1] != 1:
            return cols
        words = [w for w, r in vocab().columns.items() if r == "level1" and len(w) >= 5]
        for w in words:
            tail = w[1:]
            if self.t.endswith(tail, 0, pos):
                start = pos - len(tail)
                while start > 0 and (self.t[start - 1] in "?()" or self.t[start - 1].isalpha() and ord(self.t[start - 1]) < 0x300):
                    start -= 1
                if start < pos - len(tail):  # only where the lost character left its mark
                    self.placed.add((start, pos))
                    return [(start, pos, "level1"), *cols]
        return cols

    def _hints(self, cols) -> list[str | None] | None:
        """The header's roles for the layout where this reader read them from the cells' places,
        not their texts (``self.placed``: a garbled level-1 word, 绩效指标 before its 描述, the
        grade columns — a grade other than the first is a remark there — or the grade header
        word alone as the value); None when the texts say them all."""
        hints = [("remark" if r == "grade" else r) if (a, e) in self.placed else None for a, e, r in cols]
        return hints if any(h is not None for h in hints) else None

    def _level_or_value(self, at: int) -> bool:
        return self.level_at(at) is not None or value_token(self.t, at, vocab().value_prefixes) is not None

    def table(self, cols: list[tuple[int, int, str | None]], b: int) -> int:
        """Emit the header row and the indicator rows; return where the table ends."""
        self.emit([(a, e) for a, e, _ in cols], roles=self._hints(cols))
        self.money = []
        self.header_spans = [(a, e) for a, e, _ in cols]
        roles = [r for _, _, r in cols]
        name_at = roles.index("name")
        values = [i for i, r in enumerate(roles) if i > name_at and r not in ("text", "note", "remark", "deviation")
                  and not (r or "").startswith(("note", "remark"))]
        # text columns after the values (偏差原因分析 …) take text that follows a row's values
        texts = [i for i in range(name_at + 1, len(roles)) if i not in values and i > max(values, default=name_at)]
        pos = self._sub_header(max(e for _, e, _ in cols), b)
        prev: list[tuple[int, int]] | None = None
        while pos < b:
            if self.end_at(pos) or self.word_at(pos, vocab().notes):
                break
            caption = self._caption_at(pos)
            if caption:
                pos = caption
                continue
            again = self.table_header(pos, b)
            if again is not None:
                self.emit([(a, e) for a, e, _ in again], roles=self._hints(again))
                pos = max(e for _, e, _ in again)
                continue
            pos, prev = self.indicator_row(pos, b, roles, name_at, values, texts, prev)
        return pos

    def _sub_header(self, pos: int, b: int) -> int:
        """Skip a header's second row (the sub-columns under 区域目标值: 新罗区永定区…): text right
        after the header, before the first level label, with no value in it. It is kept as a row
        of one cell (the layout reads no indicator from it) with a doubt."""
        if self.level_at(pos) is not None:
            return pos
        stop = next((at for at in range(pos + 1, min(b, pos + 80)) if self.level_at(at) is not None), None)
        if stop is None or any(value_start(self.t, at, vocab().value_prefixes) for at in range(pos, stop)):
            return pos
        text = self.t[pos:stop]
        self.emit([(pos, stop)], [(f"表头下的“{text}”像是表头的第二行，未作为指标读取",
                                   f"'{text}' under the header looks like the header's second row; not read as an indicator")])
        return stop

    def _caption_at(self, pos: int) -> int | None:
        """End of the table's left-hand caption (绩效指标) repeated at ``pos`` after a page break."""
        col = self.column_at(pos)
        return col[0] if col is not None and col[1] == "caption" else None

    def indicator_row(self, pos, b, roles, name_at, values, texts, prev):
        """One indicator row from ``pos``: labels, name, values. Returns (next pos, the row's spans)."""
        width = len(roles)
        spans: list[tuple[int, int]] = [(pos, pos)] * width
        doubts: list[tuple[str, str]] = []
        # level labels where the row begins; a level-2 followed by a level-1, or by another level-2,
        # had no level-3 under it: it stands on a row of its own
        seen: dict[int, tuple[int, int]] = {}
        while pos < b:
            lv = self.level_at(pos)
            if lv is None:
                break
            level = lv[1]
            if level == 1 and 1 not in seen and self._legacy_level2(pos, lv[0]):
                level = 2  # 成本指标 alone under 产出指标: the older forms' level-2 (财预〔2015〕88号)
            if level == 2 and 2 in seen and 1 not in seen and self._new_level1(*seen[2], pos, lv[0]):
                # 项目效益(35分) ⇥ 经济效益指标: a label the taxonomy knows as a level-2 stands in the
                # level-1 column, for the level-2 after it belongs under no level-1 read so far
                seen[1] = seen.pop(2)
                col = self._label_column(roles, 1, name_at)
                old = self._label_column(roles, 2, name_at)
                if col is not None and old is not None:
                    spans[col], spans[old] = spans[old], (pos, pos)
            elif level in seen or (level == 1 and 2 in seen):
                self.emit(spans)
                return pos, None
            seen[level] = (pos, lv[0])
            if level == 1:
                self.level1 = self.t[pos:lv[0]]
            col = self._label_column(roles, level, name_at)
            if col is not None:
                spans[col] = (pos, lv[0])
            pos = lv[0]
        # the name runs to the first run of values that ends the row
        start = pos
        run = self._value_run(pos, b, len(values))
        stop = run[0] if run else self._next_break(pos, b)
        name_a = start
        # a level label inside what precedes the values: what is before it no column takes
        inner = self._inner_label(start, stop)
        if inner is not None:
            at, end, level = inner
            col = self._label_column(roles, level, name_at)
            if col is not None:
                junk = self.t[start:at]
                label = self.t[at:end]
                doubts.append((f"标签“{label}”前的文字“{junk}”无法归入任何列（可能是识别错误的竖排标签）",
                               f"the text '{junk}' before the label '{label}' fits no column (an OCR-garbled vertical label?)"))
                spans[col] = (at, end)
                name_a = end
        if run is None:
            name_b = stop
            if name_b <= name_a:
                return max(stop, pos + 1), prev
            if self._garbled(name_a, name_b, b) or name_b - name_a == 1:
                junk = self.t[name_a:name_b]
                self.pending.append((f"文字“{junk}”无法归入任何列（可能是识别错误的竖排标签或残字）",
                                     f"the text '{junk}' fits no column (an OCR-garbled vertical label or a stray piece?)"))
                if any(e > a for a, e in spans):
                    self.emit(spans)
                return name_b, prev
            remark = not re.search("[0-9]", self.t[name_a:name_b])
            if prev is not None and texts and remark and not any(spans[i][1] > spans[i][0] for i in range(name_at)):
                # text after a complete row's values, before the next label: that row's remark
                prev_cells = list(prev)
                prev_cells[texts[0]] = (name_a, name_b)
                old = self.rows.pop()
                self.emit(prev_cells, getattr(old, "messages", []), old.doubts)
                return name_b, None
            spans[name_at] = (name_a, name_b)
            codes = []
            if re.search("[0-9]", self.t[name_a:name_b]):
                doubts.append((f"“{self.t[name_a:name_b]}”中有数字而无可分出的指标值，指标值可能混在名称里，请人工核对",
                               f"'{self.t[name_a:name_b]}' holds numbers but no value could be cut out: its values "
                               "may be run into the name"))
                codes = sorted({_EMPTIED.get(roles[i] or "", "value_shifted") for i in values})
            elif name_b >= len(self.t):
                doubts.append((f"文字在“{self.t[name_a:name_b]}”处中断，其后的指标值未能读到",
                               f"the text ends at '{self.t[name_a:name_b]}': the values after it were not read"))
                codes = sorted({_EMPTIED.get(roles[i] or "", "value_shifted") for i in values})
            self.emit(spans, doubts, codes)
            return name_b, spans
        run_a, run_b, tokens = run
        spans[name_at] = (name_a, run_a)
        placed = self._place_values(tokens, len(values))
        codes: list[str] = []
        glued = self._glued_text_columns(name_at, values, texts, prev, spans)
        if glued:
            name = self.t[name_a:run_a]
            doubts.append((f"“{name}”中连写了{glued}，无分隔可分开，按指标名称一格读取，请人工核对",
                           f"'{name}' runs together with {glued} with nothing to cut them apart; read as the "
                           "indicator's name"))
        if "grade" in roles:
            codes.append("grade_scale")
        if placed is None:
            glued = self.t[run_a:run_b]
            heads = "、".join(self.t[cols_a:cols_b] for cols_a, cols_b in (self.header_spans[i] for i in values))
            doubts.append((f"“{self.t[name_a:run_a]}”的数值“{glued}”粘连在一起，无法确定如何分到各列（{heads}），"
                           "这些列按空白读取，请人工核对",
                           f"the values '{glued}' of '{self.t[name_a:run_a]}' are glued together and cannot be cut "
                           f"into their columns ({heads}) with certainty; those columns are read as empty",
                           self.s.cell(run_a, run_b).place))
            codes = sorted({_EMPTIED.get(roles[i] or "", "value_shifted") for i in values})
        else:
            for i, (a, e) in zip(values, placed):
                if _OCR_GE.match(self.t[a:e]):
                    # 290% where the form says ≥90%: OCR reads ≥ as 2 (corpus 13, 30); no rate of a
                    # form is 290%, so the cell is a doubt, not a value to check
                    doubts.append((f"“{self.t[a:e]}”可能是“≥{self.t[a + 1:e]}”被识别错误（≥ 识别为 2），按空白读取，请人工核对",
                                   f"'{self.t[a:e]}' may be '≥{self.t[a + 1:e]}' misread by OCR (≥ read as 2); read as empty",
                                   self.s.cell(a, e).place))
                    codes.append(_EMPTIED.get(roles[i] or "", "value_shifted"))
                    continue
                spans[i] = (a, e)
        self.emit(spans, doubts, sorted(set(codes)))
        return run_b, spans

    def _glued_text_columns(self, name_at: int, values, texts, prev, spans) -> str:
        """The text columns run into a row's name cell, as the header writes them (or ""): a
        description column between the name and the values (绩效指标 ⇥ 绩效指标描述 ⇥ 优 …), and
        then, on a row with no level label, the text column the row above left empty after its
        values (its text, with no separator, ran on into this row's name)."""
        gap = range(name_at + 1, min(values, default=name_at + 1))
        if not gap:
            return ""  # a text column after the values alone may well be empty on the row above
        heads = [self.t[a:e] for a, e in self.header_spans]
        between = [heads[i] for i in gap]
        starts_bare = not any(spans[i][1] > spans[i][0] for i in range(name_at))
        above = [heads[i] for i in texts if prev is not None and starts_bare and prev[i][1] <= prev[i][0]]
        return (f"上一行的“{'、'.join(above)}”及" if above else "") + f"“{'、'.join(between)}”列"

    def _legacy_level2(self, a: int, b: int) -> bool:
        """Whether the level-1 label at ``a:b`` is one an older form writes as a level-2 under the
        level-1 in force (rules/taxonomy.yaml ``legacy_under``: 成本指标 under 产出指标) and no level
        label follows it: a level-1 of 财预〔2021〕101号 comes with a level-2 of its own."""
        from checker.layout.vocab import label_level, legacy_parent

        lab, current = label_level(_WEIGHT_TAIL.sub("", self.t[a:b])), label_level(self.level1 or "")
        if lab is None or current is None or legacy_parent(lab.canonical) != current.canonical:
            return False
        return self.level_at(b) is None

    def _new_level1(self, a: int, b: int, c: int, d: int) -> bool:
        """Whether the level-2 label at ``c:d`` belongs under none of the level-1 in force, and the
        label at ``a:b`` (a level-2 by the taxonomy) carries a weight like a level-1 does."""
        from checker.layout.vocab import label_level

        if not _WEIGHT_TAIL.search(self.t[a:b]):
            return False
        second, current = label_level(_WEIGHT_TAIL.sub("", self.t[c:d])), label_level(self.level1 or "")
        return second is not None and current is not None and second.parent != current.canonical

    def _garbled(self, a: int, b: int, end: int) -> bool:
        """A short text with no number standing just before a level label: the pieces of a
        vertical label an OCR read out of order (出标产指 before 数量指标), not an indicator."""
        if b - a > 12 or b >= end or self.level_at(b) is None or re.search("[0-9]", self.t[a:b]):
            return False
        return b - a <= 4 or sum(ch in "指标效益产出满意度" for ch in self.t[a:b]) * 2 >= b - a

    @staticmethod
    def _label_column(roles, level: int, name_at: int) -> int | None:
        """The header column a level-``level`` label goes to, or None when the table has none."""
        want = "level1" if level == 1 else "level2"
        return roles.index(want) if want in roles[:name_at] else None

    def _inner_label(self, a: int, b: int) -> tuple[int, int, int] | None:
        for at in range(a + 1, b - 3):
            lv = self.level_at(at)
            if lv is not None and lv[0] < b and self.t[at:lv[0]].endswith(("指标", ")")):
                return at, lv[0], lv[1]
        return None

    def _next_break(self, pos: int, b: int) -> int:
        """Where a row without values ends: at the next level label, table end or header."""
        at = pos + 1
        while at < b:
            if (self.level_at(at) is not None or self.end_at(at) or self._caption_at(at)
                    or self.table_header(at, b) is not None):
                return at
            at += 1
        return b

    def _value_run(self, pos: int, b: int, k: int):
        """(start, end, tokens) of the first run of values after a name that ends the row: as many
        values as the table has value columns, or fewer where a label, the table's end or the
        stream's end follows them. None when no such run comes before the next label."""
        at = pos + 1  # a name has at least one character: 12月底前完成 before values is a name
        limit = self._next_break(pos, b)
        while at < limit:
            if not value_start(self.t, at, vocab().value_prefixes):
                at += 1
                continue
            tokens = []
            end = at
            while end < b:
                tok = self._token(end, after_value=bool(tokens))
                if tok is None:
                    break
                tokens.append((end, tok))
                end = tok
            if tokens:
                follows_break = end >= limit or end >= b or self.level_at(end) is not None or self.end_at(end)
                if follows_break or len(tokens) >= max(k, 1):
                    return at, end, tokens
                at = end
                continue
            at += 1
        return self._qualitative_run(pos, limit, k)

    def _token(self, at: int, after_value: bool) -> int | None:
        """End of the value at ``at``; a unit never eats the start of a level label (00时效指标),
        and after a value a qualitative word is one too (100%无)."""
        end = value_token(self.t, at, vocab().value_prefixes)
        if end is None:
            if after_value:
                w = self.word_at(at, vocab().qualitative)
                return at + len(w) if w and self.level_at(at) is None else None
            return None
        n = NUMBER.match(self.t, at)
        if n is not None and n.end() < end and self.level_at(n.end()) is not None:
            return n.end()
        return end

    def _qualitative_run(self, pos: int, limit: int, k: int):
        """是是, 高高: a qualitative word repeated once per value column at the end of a row."""
        for n in range(k, 1, -1):
            for w in vocab().qualitative:
                run = w * n
                if self.t.endswith(run, pos, limit) and limit - len(run) > pos:
                    a = limit - len(run)
                    return a, limit, [(a + i * len(w), a + (i + 1) * len(w)) for i in range(n)]
        return None

    def _place_values(self, tokens, k: int):
        """Spans of the values, one per value column, or None when the run cannot be cut so with
        certainty: more values than columns, or fewer (which column is empty, and is 6620 one
        value or 6 ⇥ 6 ⇥ 20?)."""
        spans = [(a, e) for a, e in tokens]
        return spans if len(spans) == k else None


