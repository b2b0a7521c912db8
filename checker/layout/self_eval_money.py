"""The money block of a self-evaluation form (绩效自评表, 财预〔2020〕10号 annex).

Two shapes occur and both are read here:

- a table: a header row ``年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分`` and rows led by
  a label (``年度资金总额``, ``其中：当年财政拨款``, ``上年结转资金``, ``其他资金``);
- label–value cells under it (``其中：一般公共预算：2396``, ``项目支出：17910``), the department
  form's breakdown by source of funds and by 基本支出 / 项目支出.

Amounts are in the unit the block's label states (``年度预算申请（万元）``, ``项目资金（元）``);
万元 when none is stated, as in the 10号 template.
"""

from __future__ import annotations

import re

from checker.domain import money
from checker.layout.budget_numbers import number
from checker.layout.header import _mark_subtotal  # the target forms' rule for 财政拨款 over its parts
from checker.layout.labels import normalize, squeezed
from checker.layout.vocab import money_aliases
from checker.model import Cell, Field, Money, Place, Row, Table

MONEY_COLUMNS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
BUDGET_COLUMN = "全年预算数"  # the money column every money header names (is_money_header, stream.regroup)

# Label (after normalize, without 其中:) → header key. Order matters: longer names first.
_SOURCES = (
    ("一般公共预算", "fund:一般公共预算"),
    ("政府性基金", "fund:政府性基金预算"),
    ("国有资本经营", "fund:国有资本经营预算"),
    ("社会保险基金", "fund:社会保险基金预算"),
    ("纳入专户管理", "fund:财政专户管理资金"),
    ("财政专户", "fund:财政专户管理资金"),
    ("当年财政拨款", "fund:财政拨款"),
    ("财政拨款", "fund:财政拨款"),
    ("上年结转", "fund:上年结转"),
    ("单位资金", "fund:单位资金"),
    ("单位自筹", "fund:单位自筹"),
    ("其他资金", "fund:其他资金"),
    ("基本支出", "spend:基本支出"),
    ("项目支出", "spend:项目支出"),
    ("按收入性质分", "funds_total"),
    ("按资金来源", "funds_total"),
    ("按支出性质分", "spend_total"),
    ("按资金方向", "spend_total"),
)
_TOTAL_LABELS = ("年度资金总额", "资金总额", "合计")
_LEAD = re.compile(r"^(?:其中)?[:：]?\s*")
_PAIR = re.compile(r"^(?P<label>[^:：0-9]+?)[:：]\s*(?P<value>.*)$")
# 年度预算申请（万元）, 金额单位：元: the domain's two shapes of a stated unit (checker.domain.money).
_UNIT = money.BRACKETED + "|" + money.STATEMENT


_SUFFIX = re.compile(r"[（(][^()（）]*[)）]$")  # (A), (B/A), (万元): a bracket after the column's name


def _by_written_name() -> dict[str, str]:
    """Each money column's name, and its name without the last 数 (年初预算 / 全年执行), → the
    column; a name two columns could give goes to the first of MONEY_COLUMNS."""
    out: dict[str, str] = {}
    for name in reversed(MONEY_COLUMNS):  # the first column written last: it keeps a shared name
        if len(name) > 2:
            out[name[:-1]] = name
        out[name] = name
    return out


_COLUMN_NAMES = _by_written_name()


def money_column(text: str) -> str | None:
    """The canonical money column a header cell names: ``全年预算数（A）`` → 全年预算数,
    ``执行率（B/A）`` → 执行率, ``全年执行数`` → 全年执行数, ``调整后预算数`` → 全年预算数;
    None for anything else."""
    t = _SUFFIX.sub("", normalize(text)).strip()
    aliases = money_aliases()  # rules/layout_vocab.yaml money_columns
    if t in aliases:
        return aliases[t]
    return _COLUMN_NAMES.get(t)


def is_money_header(row: Row) -> bool:
    """True for the row naming the money columns (年初预算数 … 得分)."""
    names = {money_column(c.text) for c in row.cells}
    return BUDGET_COLUMN in names and ("年初预算数" in names or "全年执行数" in names)


def money_unit(rows: list[Row]) -> str:
    """元 or 万元 from a label such as 年度预算申请（万元） or a line 金额单位：元 in ``rows``, the
    nearest to the end (the block's header) first; 万元 when none says."""
    for row in reversed(rows):
        for c in row.cells:
            m = money.pattern(_UNIT).search(c.text)
            if m:
                return m.group(1) or m.group(2)
    return "万元"


def source_key(label: str) -> str | None:
    """The header key for a money label (``其中：一般公共预算`` → ``fund:一般公共预算``)."""
    bare = _LEAD.sub("", normalize(label))
    for name, key in _SOURCES:
        if bare.startswith(name) or (name in bare and len(bare) <= len(name) + 4):
            return key
    return None


def read_money_block(header: Row, rows: list[Row], unit: str, place: Place) -> tuple[Table, dict[str, Field]]:
    """The money table and header fields from the header row and the rows under it.

    Returns the Table (columns ``项目`` + MONEY_COLUMNS in the header's order, rows of Cells
    aligned to them) and header fields: ``budget_total`` (the 年度资金总额 row's 全年预算数; the
    breakdown by source and by 基本/项目支出 in these forms adds up to it), ``initial_budget``
    (年初预算数), ``executed`` (全年执行数), ``fund:<source>``, ``spend:<kind>``,
    ``funds_total`` / ``spend_total`` (the 按收入性质分 / 按支出性质分 subtotals when written);
    ``subtotal:财政拨款`` instead of ``fund:财政拨款`` when the fiscal sources under it add up to it.
    """
    columns = _columns(header)
    table = Table(title="预算执行情况", unit=unit, columns=["项目"] + columns, rows=[], place=place)
    fields: dict[str, Field] = {}
    for row in rows:
        pairs = [_pair(c) for c in row.cells]
        if any(pairs):
            for cell, pair in zip(row.cells, pairs):
                if pair:
                    _add_pair(fields, cell, pair, unit)
            continue
        label_at = _label_index(row)
        if label_at is None:
            continue
        values = _placed(row.cells[label_at + 1 :][: len(columns)], columns, row.place)
        if values is None:
            continue  # cells lost by the export and no reading agrees: not the filer's numbers
        cells = [row.cells[label_at]] + values
        table.rows.append(cells)
        _add_row_fields(fields, cells, columns, unit)
    _mark_subtotal(fields)  # 财政拨款 above 一般公共预算 + 政府性基金预算 rows: counted once (M301)
    return table, fields


def _placed(values: list[Cell], columns: list[str], place: Place) -> list[Cell] | None:
    """A row's values under the columns. A full row stands as it is. A short one lost cells in
    the export: blank trailing cells (其他资金 0 0 0) or a blank 年初预算数 in front (a PDF drops
    empty cells). The reading that puts the one cell written with % under 执行率 is taken; else
    the one whose 执行率 agrees with 全年执行数 ÷ 全年预算数; the trailing one when no rate tells
    them apart; None when neither reading agrees (the row is left out rather than blamed)."""
    missing = len(columns) - len(values)
    if missing <= 0:
        return values
    pad = [Cell("", place)] * missing
    readings = [values + pad, pad + values]
    for reading in readings:  # a cell written with % is the rate: where it falls decides
        pct = [col for col, c in zip(columns, reading) if "%" in c.text or "％" in c.text]
        if pct == ["执行率"]:
            return reading
    tested = [_rate_agrees(dict(zip(columns, r))) for r in readings]
    if tested[0] is None and tested[1] is None:
        return readings[0]
    for reading, ok in zip(readings, tested):
        if ok:
            return reading
    return None


def _rate_agrees(row: dict[str, Cell]) -> bool | None:
    """Whether the row's 执行率 is 全年执行数 ÷ 全年预算数 (as % or a fraction, within one point);
    None when the row holds no rate with both amounts."""
    rate_cell, budget, spent = row.get("执行率"), row.get("全年预算数"), row.get("全年执行数")
    rate = number(rate_cell.text) if rate_cell is not None else None
    b = number(budget.text) if budget is not None else None
    s = number(spent.text) if spent is not None else None
    if rate is None or b is None or s is None or b == 0:
        return None
    exact = s / b * 100
    return min(abs(rate - exact), abs(rate * 100 - exact)) < 1


def _columns(header: Row) -> list[str]:
    """The header's column names from the first money column on: canonical names, and any other
    named column (财政评价得分, 调整数) under its own name, so the values keep their places."""
    names = [money_column(c.text) for c in header.cells]
    first = next((k for k, n in enumerate(names) if n is not None), len(names))
    out: list[str] = []
    for cell, name in zip(header.cells[first:], names[first:]):
        if name is not None and name not in out:
            out.append(name)
        elif cell.text:
            out.append(normalize(cell.text))
    return out


def _label_index(row: Row) -> int | None:
    for i, c in enumerate(row.cells):
        if c.text and number(c.text) is None:
            return i
    return None


def _pair(cell: Cell) -> tuple[str, str] | None:
    # normalize() would drop the trailing colon of an empty pair ("其他资金："): squeeze only.
    text = squeezed(cell.text).replace("：", ":").replace("其中:", "", 1).strip()
    m = _PAIR.match(text)
    if not m or source_key(m.group("label")) is None:
        return None
    return m.group("label"), m.group("value").strip()


def _add_pair(fields: dict[str, Field], cell: Cell, pair: tuple[str, str], unit: str) -> None:
    label, raw = pair
    key = source_key(label)
    amount = number(raw)
    if key is None or amount is None or key in fields:
        return
    # The value stands at the end of the cell; point the place at it.
    col = (cell.place.end_column or 0) - len(raw) if cell.place.end_line == cell.place.line else cell.place.column
    place = Place(line=cell.place.line, column=col, end_line=cell.place.line, end_column=(col or 0) + len(raw))
    fields[key] = Field(label=label, raw=raw, place=place, money=Money(amount, unit, raw, place))


def _add_row_fields(fields: dict[str, Field], cells: list[Cell], columns: list[str], unit: str) -> None:
    label = normalize(cells[0].text)
    by_col = dict(zip(columns, cells[1:]))
    is_total = any(label.endswith(t) or label == t for t in _TOTAL_LABELS)
    key = "budget_total" if is_total else source_key(label)
    if key is None:
        return
    main = by_col.get("全年预算数")
    if main is None or number(main.text) is None:
        main = by_col.get("年初预算数")
    if main is not None and number(main.text) is not None and key not in fields:
        fields[key] = _money_field(cells[0].text, main, unit)
    if is_total:
        for col, k in (("年初预算数", "initial_budget"), ("全年执行数", "executed")):
            c = by_col.get(col)
            if c is not None and number(c.text) is not None:
                fields[k] = _money_field(col, c, unit)


def _money_field(label: str, cell: Cell, unit: str) -> Field:
    amount = number(cell.text)
    assert amount is not None
    return Field(label=label, raw=cell.text, place=cell.place, money=Money(amount, unit, cell.text, cell.place))
