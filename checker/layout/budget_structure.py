"""How a budget-disclosure table is built, read from its column names and row labels.

A table is one or more *blocks* side by side (收入 | 支出 in 收支总表; 国有资本经营预算收入 |
支出): each block is its label columns (科目编码, 科目名称, 项目 …) followed by value columns.
Rows are told apart by their labels: a total (合计, 本年收入合计, 部门合计), a functional
classification code (212 类, 21201 款, 2120101 项), an economic category (工资福利支出 …), a
sub-item (①, 其中：), a budget unit (…局, …中心) in the project table.

``Reading`` is one table read once for all the budget kinds: its blocks, columns, labels, codes
and amounts, each worked out on first asking and kept (one per table for a run, shared by the
kinds through ``checker.rules.kinds._common.reading_of``).

Part of the layout (table reading); the B501–B505 and M305 kinds judge what it reads. Nothing
here reports anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from checker.layout.budget_numbers import number
from checker.layout.budget_vocab import label_endings, label_names, total_words, unit_row_words
from checker.layout.labels import normalize
from checker.model import Cell, Table

CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_SPACED_CODE = re.compile(r"\d{3}(?:\s+\d{2}){1,2}")
ORDINAL = re.compile(r"^[一二三四五六七八九十百]+[、.．]\s*|^[（(][一二三四五六七八九十0-9]+[)）]\s*|^[0-9]+[、.．]\s*")
SUB_ITEM = re.compile(r"^(?:[①②③④⑤⑥⑦⑧⑨⑩]|其中[:：]?)")
YEAR = re.compile(r"(20\d{2})\s*年?")  # a year a column's name states: 2026年预算数, 2025年 / 合计


@dataclass
class Block:
    """Label columns and value columns of one side of a table (indices into Table.columns)."""

    code: int | None
    label: int
    values: list[int] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)


def is_label_column(name: str) -> bool:
    """科目编码, 科目名称, 项目, 单位名称 …: a column of labels, not of amounts
    (rules/budget_vocab.yaml ``columns.label_endings``, ``label_names``)."""
    last = name.split("/")[-1]
    return last.endswith(label_endings()) or last in label_names()


_RATE = re.compile(r"[%％]|率|比例|比重|占比|幅度|百分比")
_NOT_THIS_YEAR = re.compile(r"上年|上一年|增减|增长|减少|变动|差额|比较")


_NOT_MONEY = re.compile(r"数量|单价|人数|个数|面积|编号|序号|规格|计量单位|年限|期限|代码")


# A count's unit in the column's closing bracket: 车辆数合计（辆）, 单价100万元（含）以上设备（台、套）.
_COUNT_UNIT = re.compile(r"[(（][^()（）元]*(?:辆|台|套|个|人|处|间|亩|平方米|㎡|m2)[^()（）元]*[)）]$")


def is_rate_column(name: str) -> bool:
    """增减率（%）, 占比, 比重 — or a column that holds no money (采购数量, 单价, 人数, 序号, a
    count in 辆 or 台（套）of a 国有资产占用情况表): it never adds up across rows or columns."""
    last = name.split("/")[-1] if "/" in name else name
    return bool(_RATE.search(last) or _NOT_MONEY.search(last) or _COUNT_UNIT.search(last))


def column_years(columns: list[str]) -> list[int]:
    """Every year the column names state, in order (上年 2025年预算数 | 2026年预算数 → [2025, 2026])."""
    return [int(y) for c in columns for y in YEAR.findall(c)]


def is_this_year_column(name: str, years: list[int]) -> bool:
    """Not last year's amount, a change or a rate (2025年预算数, 增减额, 比上年增减): the column a
    figure of this year's budget stands in. ``years`` are the years the table's columns name."""
    if _NOT_THIS_YEAR.search(name) or is_rate_column(name):
        return False
    named = [int(y) for y in YEAR.findall(name)]
    return not named or not years or max(named) == max(years)


def is_total_column(name: str) -> bool:
    """A column that adds up others: its name's last part ends with a word of rules/budget_vocab.yaml
    ``totals.column_ranks`` (支出/金额/小计, 合计, 总计)."""
    return name.split("/")[-1].endswith(total_words().column_endings)


def blocks(table: Table) -> list[Block]:
    """The table's blocks, left to right (see module doc)."""
    out: list[Block] = []
    cols = table.columns
    i = 0
    while i < len(cols):
        if not is_label_column(cols[i]):
            if out:
                out[-1].values.append(i)
            i += 1
            continue
        start = i
        while i + 1 < len(cols) and is_label_column(cols[i + 1]):
            i += 1
        code = next((k for k in range(start, i + 1) if cols[k].endswith("编码")), None)
        names = [k for k in range(start, i + 1) if k != code] or [i]
        out.append(Block(code=code, label=names[0], labels=names))
        i += 1
    if not out and cols and (is_total_column(cols[0]) or is_total_column(cols[-1])):
        # 合计 | 因公出国（境）费 | 公务用车购置及运行费 | … (or the 合计 last): amounts across, one row, no labels.
        out.append(Block(code=None, label=0, values=list(range(len(cols))), labels=[]))
    elif not out and cols:  # no label column named: the first column holds the labels
        out.append(Block(code=None, label=0, values=list(range(1, len(cols))), labels=[0]))
    return out


def cell(row: list[Cell], i: int | None) -> Cell | None:
    return row[i] if i is not None and i < len(row) else None


def text(row: list[Cell], i: int | None) -> str:
    c = cell(row, i)
    return normalize(c.text) if c is not None else ""


def amount(row: list[Cell], i: int) -> Decimal | None:
    c = cell(row, i)
    return number(c.text) if c is not None else None


def row_label(row: list[Cell], block: Block) -> str:
    """The row's label in this block: its name, else its code (合计 often stands there)."""
    for i in block.labels:
        label = text(row, i)
        if label:
            return label
    code = text(row, block.code)
    if code:
        return code
    # A 合计 row of a side-by-side table writes its label once, in the first column.
    first = text(row, 0)
    return first if is_total(first) else ""


def row_code(row: list[Cell], block: Block) -> str | None:
    """The functional code of the row (``2080505``; ``208 05 05`` written with spaces too)."""
    t = text(row, block.code)
    if t and _SPACED_CODE.fullmatch(t):
        t = t.replace(" ", "")
    return t if t and CODE.match(t) else None


def bare(label: str) -> str:
    """A row label without its ordinal (``十二、城乡社区支出`` → ``城乡社区支出``)."""
    return ORDINAL.sub("", label).strip()


def is_total(label: str) -> bool:
    """A total or subtotal row's label (合计, 部门合计, 小计, 本年收入合计): rules/budget_vocab.yaml ``totals``."""
    words = total_words()
    return label in words.labels or label in words.subtotal_labels or label.endswith(words.label_endings)


def is_unit_name(label: str, department: str) -> bool:
    """A budget unit's row in the project table: ``…中心``, ``…局`` named like the department
    (the same county prefix), not a project (``…办公经费``): rules/budget_vocab.yaml ``unit_rows``."""
    words = unit_row_words()
    if not label or not label.endswith(words["endings"]) or any(w in label for w in words["not_containing"]):
        return False
    return not department or label == department or label[:2] == department[:2]


def value_columns(table: Table, block: Block) -> list[int]:
    """The block's amount columns: not labels, not rates (增减率（%）never adds up)."""
    return [i for i in block.values if not is_label_column(table.columns[i]) and not is_rate_column(table.columns[i])]


def this_year_columns(table: Table, block: Block) -> list[int]:
    """The value columns of this year's budget, left to right (see is_this_year_column)."""
    return _this_year(table, value_columns(table, block))


def _this_year(table: Table, values: list[int]) -> list[int]:
    """Those of a block's value columns ``values`` that are this year's (this_year_columns)."""
    years = column_years(table.columns)
    return [i for i in values if is_this_year_column(table.columns[i], years)]


@dataclass
class _BlockReading:
    """What a Reading keeps for one block. It holds the block, so that no id it is keyed by is
    reused while the Reading lives."""

    block: Block
    values: list[int]  # value_columns(table, block)
    this_year: list[int]  # this_year_columns(table, block)
    labels: list[str] | None = None  # each row's row_label, in table.rows order (None until asked)
    codes: list[str | None] | None = None  # each row's row_code, likewise


class Reading:
    """One table as the budget kinds read it, each part worked out once: its ``blocks``, each
    block's value and this year's columns, each row's label and code in a block, each cell's
    amount. B501, B502 and the figures of B503/B504/M305 all read the same cells of a table
    (a cell's amount once per sum it is in, a row's label once per check): one Reading per
    table, shared for a run over the filing (``reading_of`` in the kinds), asks each once.

    Amounts are read a column at a time (``column(i)``: every row's amount in column ``i``),
    labels and codes a block at a time (``labels(block)``, ``codes(block)``), as lists in the
    order of ``table.rows``: the kinds sum columns over rows and walk every row's label, and a
    list read by position costs them a lookup where a question per cell cost a call.

    The methods answer as the module's functions of the same name (``reading.amount(row, i)``
    is ``amount(row, i)``, in the table's unit); a ``row`` is found among ``table.rows`` by
    identity (one not of the table is read as it stands). Blocks are kept by identity, each
    entry holding its block (so an id is never reused while the Reading lives); the table must
    not change after the Reading is made. The lists returned are shared: do not modify them.
    """

    def __init__(self, table: Table):
        self.table = table
        self._blocks: list[Block] | None = None
        self._at: dict[int, int] | None = None  # id(row) → its index in table.rows
        self._columns: dict[int, list[Decimal | None]] = {}  # column index → each row's amount in it
        self._per_block: dict[int, _BlockReading] = {}  # id(block) → what is kept for it

    @property
    def blocks(self) -> list[Block]:
        """``blocks(table)``, worked out once."""
        if self._blocks is None:
            self._blocks = blocks(self.table)
        return self._blocks

    def row_at(self, row: list[Cell]) -> int | None:
        """The index of ``row`` in ``table.rows`` (the same list object), None for a row not of it."""
        if self._at is None:
            self._at = {id(r): k for k, r in enumerate(self.table.rows)}
        return self._at.get(id(row))

    def column(self, i: int) -> list[Decimal | None]:
        """Each row's ``amount(row, i)``, in the order of ``table.rows`` (None where the row is
        shorter, the cell empty or no number); read for every row on first asking."""
        found = self._columns.get(i)
        if found is None:
            found = self._columns[i] = [number(r[i].text) if i < len(r) else None for r in self.table.rows]
        return found

    def amount(self, row: list[Cell], i: int | None) -> Decimal | None:
        """``amount(row, i)``: cell ``i`` of ``row`` as a Decimal in the table's unit; None when
        the cell is absent, empty or no number. Taken from ``column(i)`` when that was read;
        else the one cell is read (a label column, asked of one row, is not read whole)."""
        found = self._columns.get(i)  # a column read whole (by a sum over it): its row's entry
        k = self.row_at(row) if found is not None else None
        return amount(row, i) if k is None else found[k]

    def _of(self, block: Block) -> _BlockReading:
        entry = self._per_block.get(id(block))
        if entry is None:
            values = value_columns(self.table, block)
            entry = self._per_block[id(block)] = _BlockReading(block, values, _this_year(self.table, values))
        return entry

    def value_columns(self, block: Block) -> list[int]:
        """``value_columns(table, block)``: the block's amount columns (indices into
        ``table.columns``), left to right."""
        return self._of(block).values

    def this_year_columns(self, block: Block) -> list[int]:
        """``this_year_columns(table, block)``: those of the value columns that are this year's
        budget (indices into ``table.columns``)."""
        return self._of(block).this_year

    def labels(self, block: Block) -> list[str]:
        """Each row's ``row_label(row, block)``, in the order of ``table.rows``."""
        entry = self._of(block)
        if entry.labels is None:
            entry.labels = [row_label(r, block) for r in self.table.rows]
        return entry.labels

    def codes(self, block: Block) -> list[str | None]:
        """Each row's ``row_code(row, block)``, in the order of ``table.rows``."""
        entry = self._of(block)
        if entry.codes is None:
            entry.codes = [row_code(r, block) for r in self.table.rows]
        return entry.codes

    def row_label(self, row: list[Cell], block: Block) -> str:
        """``row_label(row, block)``: the row's label in the block, normalized; "" when none."""
        k = self.row_at(row)
        return row_label(row, block) if k is None else self.labels(block)[k]

    def row_code(self, row: list[Cell], block: Block) -> str | None:
        """``row_code(row, block)``: the row's functional code (``2080505``), None when none."""
        k = self.row_at(row)
        return row_code(row, block) if k is None else self.codes(block)[k]


def _total_rank(name: str) -> int:
    """The rank of a total column (higher adds up lower: 总计 over 合计 over 小计), from the first
    rank of rules/budget_vocab.yaml ``totals.column_ranks`` whose word its name ends with."""
    last = name.split("/")[-1]
    ranks = total_words().column_ranks
    return next((len(ranks) - i for i, words in enumerate(ranks) if last.endswith(words)), 0)


def parts_of_total_column(table: Table, block: Block, total: int) -> list[int]:
    """The columns a 合计/小计 column adds up: the following value columns of the same group
    (the same name before the last ``/``), or all following leaf columns for a top-level total;
    stops at the next total column of that group; a 其中 column is not a part. A lesser total of the same level (总计 |
    上年结转 | 本年收入合计 | 一般公共预算 | …) is one part, its own parts are not counted again.
    A total printed after its parts (基本支出 | 项目支出 | 合计) adds up the columns before it
    (see _parts_before)."""
    after = _parts_after(table, block, total)
    return after if after else _parts_before(table, block, total)


def _parts_before(table: Table, block: Block, total: int) -> list[int]:
    """The value columns left of a 合计/小计 with nothing to add up on its right: those of its
    group back to the block's labels or the previous total of that group. Only this year's
    plain amounts (not 上年, 增减, a rate or a 其中 column), and at least two of them: a list of
    any other kind is no sum the table states."""
    cols = table.columns
    group = cols[total].rsplit("/", 1)[0] if "/" in cols[total] else None
    years = column_years(cols)
    out: list[int] = []
    for i in range(total - 1, -1, -1):
        if i not in block.values:
            break  # the block's label columns
        name = cols[i]
        if group is not None and not name.startswith(group + "/"):
            break
        if is_total_column(name) and (name.rsplit("/", 1)[0] if "/" in name else None) == group:
            break  # the previous total of this level: its parts are its own
        if name.split("/")[-1].startswith("其中") or is_rate_column(name) or not is_this_year_column(name, years):
            return []
        out.append(i)
    # A subgroup's own 小计 (公务用车购置及运行费/小计) stands for its group: its parts are not counted again.
    subtotals = [cols[i].rsplit("/", 1)[0] for i in out if is_total_column(cols[i]) and "/" in cols[i]]
    out = [i for i in out if is_total_column(cols[i]) or not any(cols[i].startswith(g + "/") for g in subtotals)]
    return sorted(out) if len(out) >= 2 else []


def _parts_after(table: Table, block: Block, total: int) -> list[int]:
    """The parts right of a total (see parts_of_total_column)."""
    cols = table.columns
    group = cols[total].rsplit("/", 1)[0] if "/" in cols[total] else None
    out: list[int] = []
    inner: set[int] = set()
    for i in value_columns(table, block):
        if i <= total or i in inner:
            continue
        name = cols[i]
        if group is not None and not name.startswith(group + "/"):
            break
        if name.split("/")[-1].startswith("其中"):
            continue  # 其中：教育收费 — a part of the column before it, not one more part
        if is_total_column(name):
            level = (name.rsplit("/", 1)[0] if "/" in name else None) == group
            if level and _total_rank(name) < _total_rank(cols[total]):
                out.append(i)
                inner |= set(parts_of_total_column(table, block, i))
                continue
            if group is not None or name.count("/") == 0:
                break
            continue
        out.append(i)
    return out
