"""Rule kinds for sums inside one budget-disclosure table (B501, B502).

``table_sums`` (B501): every 合计/小计 column equals its part columns on each row, and every
total row equals its part rows: the 类 rows of a coded table, the items above 本年收入合计 /
本年支出合计 (and 总计 = 本年合计 + 结转), the economic categories and their details, the
sub-items (①②) of a row, the units of the project table and their projects. Without codes,
levels are told by the names' indent (a text export keeps it) or outline numbers (一、 over
（一） over 1.); a list that adds up to a multiple of its 合计 with nothing to tell its levels is
an X903 doubt (levels_unread). Where last year's and this year's amounts stand beside a change,
增减额 = 本年 − 上年 and 增减率 = 增减额 ÷ 上年 on every row. Rates and quantities are never summed.
``code_rollup`` (B502): a 类 (3 digits) equals the sum of its 款 (5), a 款 the sum of its 项 (7).

Sums pass within the written precision (checker.layout.budget_numbers.sum_agrees): rounded
parts may drift by their half units.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable, Iterator

from checker.layout.budget_numbers import fmt, fmt_ratio, ratio_agrees, sum_agrees
from checker.layout.budget_structure import (
    ECON_CATEGORIES,
    ORDINAL,
    SUB_ITEM,
    Block,
    amount,
    blocks,
    cell,
    is_total,
    is_rate_column,
    is_total_column,
    is_unit_name,
    parts_of_total_column,
    row_code,
    row_label,
    text,
    this_year_columns,
    value_columns,
)
from checker.model import Cell, Table
from checker.rules.kinds import Hit, kind

_NO_OPTIONS = {"type": "object", "additionalProperties": False, "properties": {}}
Group = tuple[list[Cell], list[list[Cell]], str]  # total row, part rows, what the parts are


@kind("table_sums", scope="form", schema=_NO_OPTIONS)
def table_sums(check, form, ctx) -> Iterable[Hit]:
    """B501: 合计 = the sum of its rows and of its columns in every table (see module doc)."""
    department = form.header["department_name"].raw if "department_name" in form.header else ""
    for table in form.tables:
        for block in blocks(table):
            yield from _column_sums(table, block)
            yield from _changes(table, block)
            for total, parts, what in _row_groups(table, block, department):
                nested = _subtotals_unnamed([total] + parts)
                if what == "各行" and (nested or _overfull(total, parts)):
                    # Levels listed one under another with nothing (code, indent, ①) to tell them
                    # apart: the sums cannot be read, which is the input's doubt, not an error.
                    yield Hit(place=table.place, doubt="levels_unread", data={"table": _name(table), "row": row_label(total, block)})
                elif not nested:
                    yield from _compare_rows(table, block, total, parts, what)


@kind("code_rollup", scope="form", schema=_NO_OPTIONS)
def code_rollup(check, form, ctx) -> Iterable[Hit]:
    """B502: functional classification codes roll up: 类 = Σ 款, 款 = Σ 项, in every column."""
    for table in form.tables:
        for block in blocks(table):
            if block.code is None:
                continue
            coded = [(row_code(r, block), r) for r in table.rows]
            coded = [(c, r) for c, r in coded if c]
            for code, row in coded:
                if len(code) == 7:
                    continue
                children = [r for c, r in coded if len(c) == len(code) + 2 and c.startswith(code)]
                if children:
                    yield from _compare_rows(table, block, row, children, f"{code} 的下级科目", code=code)


# --------------------------------------------------------------------------- columns


def _column_sums(table: Table, block: Block) -> Iterator[Hit]:
    for t in value_columns(table, block):
        if not is_total_column(table.columns[t]):
            continue
        parts = parts_of_total_column(table, block, t)
        if not parts:
            continue
        for row in table.rows:
            total = amount(row, t)
            values = [amount(row, p) for p in parts]
            written = [v for v in values if v is not None]
            if total is None and not written:
                continue
            if not sum_agrees(total or Decimal(0), written):
                yield Hit(place=cell(row, t).place if cell(row, t) is not None else table.place, variant="columns", data={
                    "table": _name(table), "row": row_label(row, block), "column": table.columns[t],
                    "parts": "、".join(table.columns[p].split("/")[-1] for p in parts),
                    "expected": fmt(sum(written, Decimal(0))), "actual": fmt(total) or "空"})


# --------------------------------------------------------------------------- 上年 | 本年 | 增减


_CHANGE = re.compile(r"增减|增长|变动|比上年")
_LAST_YEAR = re.compile(r"上年|上一年")


def _change_columns(table: Table, block: Block) -> tuple[int, int, int | None, int | None] | None:
    """(last year's, this year's total, 增减额, 增减率) columns of a block that lists both years
    and a change; None when the block has no such columns or they are not one each."""
    cols = table.columns
    years = [int(y) for c in cols for y in re.findall(r"(20\d{2})\s*年?", c)]
    this = this_year_columns(table, block)
    last = [i for i in value_columns(table, block) if i not in this and not _CHANGE.search(cols[i])
            and (_LAST_YEAR.search(cols[i]) or any(int(y) < max(years) for y in re.findall(r"(20\d{2})", cols[i])))]
    change = [i for i in value_columns(table, block) if _CHANGE.search(cols[i])]
    rate = [i for i in block.values if is_rate_column(cols[i]) and _CHANGE.search(cols[i])]
    totals = [i for i in this if is_total_column(cols[i])] or (this if len(this) == 1 else [])
    last_totals = [i for i in last if is_total_column(cols[i])] or (last if len(last) == 1 else [])
    if not totals or not last_totals or len(change) > 1 or len(rate) > 1 or not (change or rate):
        return None
    return last_totals[0], totals[0], change[0] if change else None, rate[0] if rate else None


def _changes(table: Table, block: Block) -> Iterator[Hit]:
    """增减额 = 本年 − 上年 and 增减率 = 增减额 ÷ 上年 on every row, at the written precision. A
    change column written the other way round (上年 − 本年) on every row is its convention."""
    found = _change_columns(table, block)
    if found is None:
        return
    last_col, this_col, change_col, rate_col = found
    rows = [(r, amount(r, last_col) or Decimal(0), amount(r, this_col) or Decimal(0)) for r in table.rows
            if amount(r, last_col) is not None or amount(r, this_col) is not None]
    if change_col is not None:
        written = [(r, last, this, amount(r, change_col)) for r, last, this in rows if amount(r, change_col) is not None]
        wrong = [w for w in written if not sum_agrees(w[2], [w[1], w[3]])]
        reversed_ = wrong and all(sum_agrees(w[1], [w[2], w[3]]) for w in written if w[3] != 0)
        for r, last, this, change in ([] if reversed_ else wrong):
            yield _change_hit(table, block, r, change_col, "change", change, this - last, this, last)
    if rate_col is not None:
        for r, last, this in rows:
            rate = amount(r, rate_col)
            if rate is None or last == 0:
                continue
            # A rate over the written change when there is one, else over this − last.
            change = amount(r, change_col) if change_col is not None and amount(r, change_col) is not None else this - last
            if not any(ratio_agrees(rate, c, last, scale=k) for c in (change, this - last) for k in (Decimal(100), Decimal(1))):
                # neither in % nor as a fraction (0.0380) of the change written or the change found
                yield _change_hit(table, block, r, rate_col, "rate", rate, None, this, last, fmt_ratio(this - last, last))


def _change_hit(table, block, row, col, variant, actual, expected, this, last, ratio: str = "") -> Hit:
    c = cell(row, col)
    return Hit(place=c.place if c is not None else table.place, variant=variant, data={
        "table": _name(table), "row": row_label(row, block), "column": table.columns[col],
        "actual": fmt(actual), "expected": ratio or fmt(expected), "current": fmt(this), "last_year": fmt(last),
        "parts": "", "count": 0})


# --------------------------------------------------------------------------- rows


def _row_groups(table: Table, block: Block, department: str) -> list[Group]:
    rows = table.rows
    labels = [row_label(r, block) for r in rows]
    if block.code is not None:
        total = next((r for r, l in zip(rows, labels) if is_total(l)), None)
        codes = {row_code(r, block) for r in rows} - {None}
        # The outermost codes: the 类 rows, or an item whose 类 and 款 rows are not listed (a
        # table of 项 rows only).
        classes = [r for r in rows if (c := row_code(r, block)) and not any(c[:n] in codes for n in (3, 5) if n < len(c))]
        return [(total, classes, "各类级科目")] if total is not None and classes else []
    if any(l.startswith(("本年收入合计", "本年支出合计")) for l in labels):
        return _summary_groups(rows, labels)
    if any(l in ECON_CATEGORIES for l in labels) and (len(block.labels) > 1 or _indents(rows, block) is None):
        return _econ_groups(rows, labels, block)
    if "项目支出" in table.title:
        return _project_groups(rows, labels, department)
    levels = _indents(rows, block) or _outline_depths(labels)
    if levels is not None:
        return _indented_groups(rows, labels, levels)
    return _list_groups(rows, labels)


def _indents(rows, block: Block) -> list[int] | None:
    """Each row's label indent: the spaces a text export kept before the name (一般公共服务支出,
    then ``  人大事务``, ``    行政运行``); None when no two labelled rows differ (a spreadsheet
    keeps no indent, or the list is flat)."""
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
    named = {d for d, r in zip(out, rows) if d >= 0 and not is_total(row_label(r, block))}
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
    """经济科目表: 合计 = Σ categories; a category (second label empty) = Σ its detail rows."""
    out: list[Group] = []
    if len(block.labels) > 1:  # 类 name in the first column, details in the second
        cats = [k for k, l in enumerate(labels) if l in ECON_CATEGORIES and not text(rows[k], block.labels[1])]
    else:  # one label column: a category by its name (其他支出 under 其他支出 is its detail)
        cats = [k for k, l in enumerate(labels) if l in ECON_CATEGORIES and not (k and labels[k - 1] == l)]
    total = next((k for k, l in enumerate(labels) if is_total(l)), None)
    if total is not None and cats:
        out.append((rows[total], [rows[k] for k in cats], "各经济分类类级科目"))
    for n, k in enumerate(cats):
        end = cats[n + 1] if n + 1 < len(cats) else len(rows)
        details = [rows[j] for j in range(k + 1, end) if labels[j] and not is_total(labels[j])]
        if details:
            out.append((rows[k], details, f"“{labels[k]}”的明细"))
    return out


def _project_groups(rows, labels, department: str) -> list[Group]:
    """项目支出表: the department row = Σ unit rows; a unit row = Σ its projects."""
    if rows and is_total(labels[-1]) and not is_total(labels[0]):  # 合计 at the bottom
        items = [r for r, l in zip(rows[:-1], labels[:-1]) if l]
        return [(rows[-1], items, "各项目")] if items and not _subtotals_unnamed([rows[-1]] + items) else []
    if not rows or not (labels[0] == department or is_total(labels[0]) or is_unit_name(labels[0], department)):
        return []  # no department or 合计 row on top: nothing states the sum
    units = [k for k, l in enumerate(labels) if k > 0 and is_unit_name(l, department)]
    if not units:
        return [(rows[0], rows[1:], "各项目")] if len(rows) > 1 and not _subtotals_unnamed(rows) else []
    out: list[Group] = [(rows[0], [rows[k] for k in units], "各单位")]
    for n, k in enumerate(units):
        end = units[n + 1] if n + 1 < len(units) else len(rows)
        if end > k + 1:
            out.append((rows[k], rows[k + 1 : end], f"“{labels[k]}”的项目"))
    return out


def _subtotals_unnamed(rows) -> bool:
    """True when the rows under the top one add up to twice it: subtotals listed with their
    parts (units with their projects, categories with their items) that the labels did not
    reveal. Then no sum is judged: the input's structure is in doubt, not the filer's sums."""
    col = next((i for i in range(1, len(rows[0])) if amount(rows[0], i) is not None), None)
    if col is None:
        return False
    parts = [p for p in (amount(r, col) for r in rows[1:]) if p is not None]
    top = amount(rows[0], col)
    # Twice the top: one level of subtotals; three times: classes, sections and items all listed.
    return any(sum_agrees(k * top, parts) for k in (2, 3)) and not sum_agrees(top, parts)


def _overfull(total: list[Cell], parts: list[list[Cell]]) -> bool:
    """True when the rows under a 合计 add up to half as much again as it or more, in its first
    amount: no list of amounts does that by a slip, levels listed together do."""
    col = next((i for i in range(1, len(total)) if amount(total, i)), None)
    if col is None:
        return False
    written = [a for a in (amount(r, col) for r in parts) if a is not None]
    top = amount(total, col)
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


def _compare_rows(table: Table, block: Block, total: list[Cell], parts: list[list[Cell]], what: str,
                  code: str | None = None) -> Iterator[Hit]:
    for c in value_columns(table, block):
        values = [amount(r, c) for r in parts]
        written = [v for v in values if v is not None]
        stated = amount(total, c)
        if stated is None and not written:
            continue
        if not sum_agrees(stated or Decimal(0), written):
            place_cell = cell(total, c)
            yield Hit(place=place_cell.place if place_cell is not None else table.place, variant="rows" if code is None else None,
                      data={"table": _name(table), "row": row_label(total, block), "column": table.columns[c],
                            "parts": what, "count": len(written), "expected": fmt(sum(written, Decimal(0))),
                            "actual": fmt(stated) or "空", "code": code or ""})


def _name(table: Table) -> str:
    return f"表{table.number} {table.title}" if table.number else table.title
