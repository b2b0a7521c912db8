"""Which cells of a budget-disclosure table add up to which, as the layout reads them: the
groups of rows whose sum a total row states, and the 上年 | 本年 | 增减 columns of a block.

- ``row_groups``: (total row, part rows, what the parts are) — the 类 rows of a coded table, the
  items above 本年收入合计 / 本年支出合计 (and 总计 = 本年合计 + 结转), the economic categories and
  their details, the sub-items (①②) of a row, the units of the project table and their
  projects. Without codes, levels are told by the names' indent (a text export keeps it) or
  outline numbers (一、 over （一） over 1.).
- ``subtotals_unnamed`` / ``overfull``: rows that add up to a multiple of their total, levels
  listed together that nothing tells apart (the kind reports them as an X903 doubt).
- ``change_columns``: last year's, this year's, 增减额 and 增减率 columns.

Part of the layout (table reading): the B501 kind (checker/rules/kinds/budget_sums.py) judges
the sums; nothing here reports anything.
"""

from __future__ import annotations

import re
from decimal import Decimal

from checker.layout.budget_numbers import sum_agrees
from checker.layout.budget_structure import (
    ORDINAL,
    SUB_ITEM,
    YEAR,
    Block,
    Reading,
    cell,
    column_years,
    is_rate_column,
    is_total,
    is_total_column,
    is_unit_name,
    text,
)
from checker.layout.budget_vocab import econ_categories
from checker.model import Cell

Group = tuple[list[Cell], list[list[Cell]], str]  # total row, part rows, what the parts are

# --------------------------------------------------------------------------- 上年 | 本年 | 增减


_CHANGE = re.compile(r"增减|增长|变动|比上年")
_LAST_YEAR = re.compile(r"上年|上一年")


def change_columns(reading: Reading, block: Block) -> tuple[int, int, int | None, int | None] | None:
    """(last year's, this year's total, 增减额, 增减率) columns of a block of ``reading.table`` that
    lists both years and a change; None when the block has no such columns or they are not one
    each."""
    cols = reading.table.columns
    years = column_years(cols)
    this = reading.this_year_columns(block)
    values = reading.value_columns(block)
    last = [i for i in values if i not in this and not _CHANGE.search(cols[i])
            and (_LAST_YEAR.search(cols[i]) or any(int(y) < max(years) for y in YEAR.findall(cols[i])))]
    change = [i for i in values if _CHANGE.search(cols[i])]
    rate = [i for i in block.values if is_rate_column(cols[i]) and _CHANGE.search(cols[i])]
    totals = [i for i in this if is_total_column(cols[i])] or (this if len(this) == 1 else [])
    last_totals = [i for i in last if is_total_column(cols[i])] or (last if len(last) == 1 else [])
    if not totals or not last_totals or len(change) > 1 or len(rate) > 1 or not (change or rate):
        return None
    return last_totals[0], totals[0], change[0] if change else None, rate[0] if rate else None


# --------------------------------------------------------------------------- rows


def row_groups(reading: Reading, block: Block, department: str) -> list[Group]:
    """Every (total row, part rows, what the parts are) that one block of ``reading.table`` states
    (see the module doc), its labels, codes and amounts taken from ``reading``; ``department``,
    the disclosure's department name, tells the department's and the units' rows of a project
    table. Amounts are not compared here."""
    table = reading.table
    rows = table.rows
    labels = reading.labels(block)
    if block.code is not None:
        total = next((r for r, l in zip(rows, labels) if is_total(l)), None)
        row_codes = reading.codes(block)
        codes = set(row_codes) - {None}
        # The outermost codes: the 类 rows, or an item whose 类 and 款 rows are not listed (a
        # table of 项 rows only).
        classes = [r for r, c in zip(rows, row_codes) if c and not any(c[:n] in codes for n in (3, 5) if n < len(c))]
        return [(total, classes, "各类级科目")] if total is not None and classes else []
    if any(l.startswith(("本年收入合计", "本年支出合计")) for l in labels):
        return _summary_groups(rows, labels)
    if any(l in econ_categories() for l in labels) and (len(block.labels) > 1 or _indents(rows, block, labels) is None):
        return _econ_groups(rows, labels, block)
    if "项目支出" in table.title:
        return _project_groups(rows, labels, department, reading)
    levels = _indents(rows, block, labels) or _outline_depths(labels)
    if levels is not None:
        return _indented_groups(rows, labels, levels)
    return _list_groups(rows, labels)


def _indents(rows, block: Block, labels: list[str]) -> list[int] | None:
    """Each row's label indent: the spaces a text export kept before the name (一般公共服务支出,
    then ``  人大事务``, ``    行政运行``); None when no two labelled rows differ (a spreadsheet
    keeps no indent, or the list is flat). ``labels``: the rows' labels in the block."""
    out: list[int] = []
    for row in rows:
        i = block.labels[0] if block.labels else block.label
        c = cell(row, i)
        if c is None or not c.text or c.place.column is None:
            out.append(-1)
            continue
        prev = cell(row, i - 1) if i > 0 else None
        start = (prev.place.end_column + 1) if prev is not None and prev.place.end_column is not None else 1
        out.append(c.place.column - start)
    named = {d for d, label in zip(out, labels) if d >= 0 and not is_total(label)}
    return out if len(named) > 1 else None


def _indented_groups(rows, labels, levels: list[int]) -> list[Group]:
    """Levels told by indent or outline number: 合计 = Σ the outermost rows; a row = Σ the rows of the next
    indent under it (up to the next row indented as much as it or less)."""
    named = [k for k, l in enumerate(labels) if l and levels[k] >= 0 and not is_total(l)]
    top = min(levels[k] for k in named)
    out: list[Group] = []
    totals = [k for k, l in enumerate(labels) if is_total(l)]
    if len(totals) == 1:
        out.append((rows[totals[0]], [rows[k] for k in named if levels[k] == top], "各类级科目"))
    for n, k in enumerate(named):
        under = []
        for j in named[n + 1 :]:
            if levels[j] <= levels[k]:
                break
            under.append(j)
        if under:
            step = min(levels[j] for j in under)
            children = [j for j in under if levels[j] == step]
            if not _of_which_alone([labels[j] for j in children]):
                out.append((rows[k], [rows[j] for j in children], f"“{labels[k]}”的下级科目"))
    return out


def _of_which_alone(labels: list[str]) -> bool:
    """One 其中：… row under a row: an "of which", which need not make up the whole."""
    return len(labels) == 1 and labels[0].startswith("其中")


def _summary_groups(rows, labels) -> list[Group]:
    """收支总表: items above 本年…合计 add up to it; 总计 = 本年合计 + the 结转 rows between."""
    out: list[Group] = []
    start = 0
    year_total = None
    for k, label in enumerate(labels):
        if label.startswith(("本年收入合计", "本年支出合计")):
            items = [j for j in range(start, k) if labels[j] and not SUB_ITEM.match(labels[j])]
            depths = _outline_depths([labels[j] for j in items])
            if depths is not None:  # 一、财政拨款收入 over （一）一般公共预算 …: not the numbered sub-items
                top = min(x for x in depths if x >= 0)
                items = [j for j, d in zip(items, depths) if d <= top + 1]
            items = [rows[j] for j in items]
            out.append((rows[k], items, "本年各项"))
            year_total, start = k, k + 1
        elif label.endswith("总计") and year_total is not None:
            carried = [rows[j] for j in range(year_total + 1, k) if "结转" in labels[j] and not _is_numbered(labels[j])]
            out.append((rows[k], [rows[year_total]] + carried, "本年合计与结转"))
            start = k + 1
    return out


def _is_numbered(label: str) -> bool:
    return bool(ORDINAL.match(label))


def _econ_groups(rows, labels, block: Block) -> list[Group]:
    """经济科目表: 合计 = Σ categories (rules/budget_vocab.yaml econ_categories); a category (second label empty) = Σ its detail rows."""
    out: list[Group] = []
    if len(block.labels) > 1:  # 类 name in the first column, details in the second
        cats = [k for k, l in enumerate(labels) if l in econ_categories() and not text(rows[k], block.labels[1])]
    else:  # one label column: a category by its name (其他支出 under 其他支出 is its detail)
        cats = [k for k, l in enumerate(labels) if l in econ_categories() and not (k and labels[k - 1] == l)]
    total = next((k for k, l in enumerate(labels) if is_total(l)), None)
    if total is not None and cats:
        out.append((rows[total], [rows[k] for k in cats], "各经济分类类级科目"))
    for n, k in enumerate(cats):
        end = cats[n + 1] if n + 1 < len(cats) else len(rows)
        details = [rows[j] for j in range(k + 1, end) if labels[j] and not is_total(labels[j])]
        if details:
            out.append((rows[k], details, f"“{labels[k]}”的明细"))
    return out


def _project_groups(rows, labels, department: str, reading: Reading) -> list[Group]:
    """项目支出表: the department row = Σ unit rows; a unit row = Σ its projects."""
    if rows and is_total(labels[-1]) and not is_total(labels[0]):  # 合计 at the bottom
        items = [r for r, l in zip(rows[:-1], labels[:-1]) if l]
        return [(rows[-1], items, "各项目")] if items and not subtotals_unnamed([rows[-1]] + items, reading) else []
    if not rows or not (labels[0] == department or is_total(labels[0]) or is_unit_name(labels[0], department)):
        return []  # no department or 合计 row on top: nothing states the sum
    units = [k for k, l in enumerate(labels) if k > 0 and is_unit_name(l, department)]
    if not units:
        return [(rows[0], rows[1:], "各项目")] if len(rows) > 1 and not subtotals_unnamed(rows, reading) else []
    out: list[Group] = [(rows[0], [rows[k] for k in units], "各单位")]
    for n, k in enumerate(units):
        end = units[n + 1] if n + 1 < len(units) else len(rows)
        if end > k + 1:
            out.append((rows[k], rows[k + 1 : end], f"“{labels[k]}”的项目"))
    return out


def subtotals_unnamed(rows, reading: Reading) -> bool:
    """True when the rows under the top one add up to twice it: subtotals listed with their
    parts (units with their projects, categories with their items) that the labels did not
    reveal. Then no sum is judged: the input's structure is in doubt, not the filer's sums.
    ``rows``: rows of ``reading.table``, amounts in its unit."""
    amount_of = reading.amount
    col = next((i for i in range(1, len(rows[0])) if amount_of(rows[0], i) is not None), None)
    if col is None:
        return False
    parts = [p for p in (amount_of(r, col) for r in rows[1:]) if p is not None]
    top = amount_of(rows[0], col)
    # Twice the top: one level of subtotals; three times: classes, sections and items all listed.
    # (Asked first whether they make the top itself, as most groups' rows do: then no more.)
    return not sum_agrees(top, parts) and any(sum_agrees(k * top, parts) for k in (2, 3))


def overfull(total: list[Cell], parts: list[list[Cell]], reading: Reading) -> bool:
    """True when the rows under a 合计 add up to half as much again as it or more, in its first
    amount: no list of amounts does that by a slip, levels listed together do (rows of
    ``reading.table``, as in subtotals_unnamed)."""
    amount_of = reading.amount
    col = next((i for i in range(1, len(total)) if amount_of(total, i)), None)
    if col is None:
        return False
    written = [a for a in (amount_of(r, col) for r in parts) if a is not None]
    top = amount_of(total, col)
    return top is not None and top > 0 and sum(written, Decimal(0)) >= top * Decimal("1.5")


def _list_groups(rows, labels) -> list[Group]:
    """A list with a 合计 row first or last: 合计 = Σ the other rows (sub-items ①② and
    其中 rows excluded); a row followed by sub-items = Σ its sub-items."""
    out: list[Group] = []
    totals = [k for k, l in enumerate(labels) if is_total(l)]
    if len(totals) == 1:
        items = [rows[k] for k, l in enumerate(labels) if k != totals[0] and l and not SUB_ITEM.match(l)]
        if items:
            out.append((rows[totals[0]], items, "各行"))
    k = 0
    while k < len(rows):
        subs = []
        j = k + 1
        while j < len(rows) and SUB_ITEM.match(labels[j]):
            subs.append(rows[j])
            j += 1
        if subs and not SUB_ITEM.match(labels[k]) and not _of_which_alone(labels[k + 1 : j]):
            out.append((rows[k], subs, f"“{labels[k]}”的分项"))
        k = j if subs else k + 1
    return out


# Outline numbers from the outermost: 一、 （一） 1. （1） ①.
_OUTLINE = (
    re.compile(r"^[一二三四五六七八九十百]+[、.．]"), re.compile(r"^[（(][一二三四五六七八九十]+[)）]"),
    re.compile(r"^[0-9]+[、.．](?!\d)"), re.compile(r"^[（(][0-9]+[)）]"), re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩]"),
)


def _outline_depths(labels: list[str]) -> list[int] | None:
    """Each row's depth from its outline number (一、 above （一） above 1. …); an unnumbered row
    (其中：…, the row after it) sits under the numbered row before it; -1 for totals and blanks.
    None when the numbers tell no levels (a flat list, or unnumbered rows before any number)."""
    out: list[int] = []
    last: int | None = None
    for label in labels:
        if not label or is_total(label):
            out.append(-1)
            continue
        rank = next((2 * n for n, p in enumerate(_OUTLINE) if p.match(label)), None)
        if rank is None:
            if last is None:
                return None
            rank = last + 1
        else:
            last = rank
        out.append(rank)
    return out if len({d for d in out if d >= 0}) > 1 else None
