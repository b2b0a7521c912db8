"""The figures a budget disclosure states, under names shared across its tables (B503, B504, M305).

Each table plays a role known from its title (收支总表, 收入总表, 支出总表, 财政拨款收支总表,
一般公共预算支出表, 基本支出分经济科目表, 政府性基金预算支出表, 国有资本经营预算表, “三公”经费表,
机关运行经费表, 项目支出表). From each, the figures other tables or the text repeat are taken
under one key: ``收入合计``, ``支出合计``, ``基本支出``, ``项目支出``, ``来源:一般公共预算``,
``功能:城乡社区支出``, ``一般公共预算功能:城乡社区支出``, ``人员经费``, ``三公经费`` …

Keys are scoped where the scope changes the amount: a 财政拨款收支总表 states only 财政拨款, so
its function totals are ``财政拨款功能:…``, never compared with the whole budget's ``功能:…``.

Part of the layout (table reading): the B503, B504, M305 and cross-form kinds judge the facts read
here; nothing here reports anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable
from decimal import Decimal

from checker.domain.money import to_wan
from checker.layout.budget_structure import Reading, bare, cell, is_total, parts_of_total_column
from checker.layout.budget_vocab import sources, table_role_words
from checker.model import Cell, Form, Table


@dataclass(frozen=True)
class Fact:
    """One figure: its key, amount (万元 or 元 as the table states), the cell and the table."""

    key: str
    amount: Decimal
    cell: Cell
    table: Table

    @property
    def wan(self) -> Decimal:
        """The amount in 万元 (tables state 万元 or 元)."""
        return to_wan(self.amount, self.table.unit)  # at the written precision: 1,000,000 元 is 100.0000

    def where(self) -> str:
        return f"表{self.table.number} {self.table.title}" if self.table.number else self.table.title


def role(table: Table) -> str | None:
    """What a table is, from its title (None for a table this module does not read): the first
    role of rules/budget_vocab.yaml ``table_titles`` whose words the title holds, after its
    rewrites (财政部 templates: 部门收支总体情况表; provinces: 收支预算总表, 支出预算总表 …)."""
    rewrites, roles = table_role_words()
    t = table.title
    for old, new in rewrites:
        t = t.replace(old, new)
    return next((r.role for r in roles if r.fits(t)), None)


def source_key(label: str) -> str | None:
    """``二、政府性基金预算`` → ``来源:政府性基金预算`` (the source names of 财政部 templates:
    rules/budget_vocab.yaml ``sources``)."""
    b = bare(label)
    return next(("来源:" + name for prefix, name in sources() if b.startswith(prefix)), None)


def facts(form: Form, read: Callable[[Table], Reading] = Reading) -> list[Fact]:
    """Every keyed figure of every table of a budget_table form, in table order. ``read`` gives
    a table's Reading (checker.layout.budget_structure): a shared one where the kinds read the
    same tables (through checker.rules.kinds._common.reading_of), else a new one."""
    out: list[Fact] = []
    for table in form.tables:
        reader = _READERS.get(role(table) or "")
        if reader is not None:
            out += reader(read(table))
    return out


def by_key(found: list[Fact]) -> dict[str, list[Fact]]:
    d: dict[str, list[Fact]] = {}
    for f in found:
        d.setdefault(f.key, []).append(f)
    return d


# --------------------------------------------------------------------------- readers per role


def _fact(key: str, reading: Reading, row: list[Cell], col: int | None) -> list[Fact]:
    if col is None:
        return []
    table = reading.table
    a = reading.amount(row, col)
    c = cell(row, col)
    return [Fact(key, a, c, table)] if a is not None and c is not None else []


def _col(table: Table, this_year: list[int], *names: str) -> int | None:
    """The column among ``this_year`` (a block's this_year_columns: not 上年预算数, 增减额 or a
    rate) whose last name part is one of ``names`` (first match). The readers work out a block's
    columns once, not per row: they are the table's, and asking per row cost B503 most of its time."""
    for name in names:
        for i in this_year:
            if table.columns[i].split("/")[-1] == name:
                return i
    return None


def _first_value(this_year: list[int]) -> int | None:
    return this_year[0] if this_year else None


def _summary(reading: Reading, fiscal: bool) -> list[Fact]:
    table = reading.table
    out: list[Fact] = []
    bl = reading.blocks
    if len(bl) < 2:
        return out
    inc, exp = bl[0], bl[1]
    inc_cols, exp_cols = reading.this_year_columns(inc), reading.this_year_columns(exp)
    prefix = "财政拨款" if fiscal else ""
    # Past 本年…合计, or inside 二、上年结转 over its own （一）一般公共预算 …: only 总计 counts.
    closed = {"inc": False, "exp": False}
    for row, li, le in zip(table.rows, reading.labels(inc), reading.labels(exp)):
        closed["inc"] = closed["inc"] or "结转" in li
        closed["exp"] = closed["exp"] or "结转" in le
        li = "" if closed["inc"] and not li.endswith("总计") else li
        le = "" if closed["exp"] and not le.endswith("总计") else le
        closed["inc"] = closed["inc"] or li.startswith("本年收入合计")
        closed["exp"] = closed["exp"] or le.startswith("本年支出合计")
        if li:
            key = {"本年收入合计": f"{prefix}收入合计", "收入总计": f"{prefix}收入总计"}.get(li) or source_key(li)
            if key and not (fiscal and "结转" in li):
                out += _fact(key, reading, row, _first_value(inc_cols))
        if le:
            key = {"本年支出合计": f"{prefix}支出合计", "支出总计": f"{prefix}支出总计"}.get(le)
            if key is None and bare(le).endswith("支出") and not is_total(le) and "结转" not in le:
                key = f"{prefix}功能:{bare(le)}"
            if key:
                out += _fact(key, reading, row, _first_value(exp_cols))
            if fiscal and key and not key.endswith("总计"):
                for s, name in (("一般公共预算", "一般公共预算"), ("政府性基金预算", "政府性基金预算"), ("国有资本经营预算", "国有资本经营预算")):
                    sub = key.replace("财政拨款功能:", f"{name}功能:").replace("财政拨款支出合计", f"{name}支出合计")
                    out += _fact(sub, reading, row, _col(table, exp_cols, s))
    return out


def _coded(reading: Reading, scope: str, total_names: dict[str, str]) -> list[Fact]:
    """Tables by functional code: the 合计 row's columns (``total_names``: column → key) and
    each 类 row's total as ``<scope>功能:<name>``."""
    table = reading.table
    out: list[Fact] = []
    for block in reading.blocks:
        if block.code is None:
            continue
        cols = reading.this_year_columns(block)
        total_col = _col(table, cols, "合计") or _first_value(cols)
        for row, label, code in zip(table.rows, reading.labels(block), reading.codes(block)):
            if is_total(label):
                for col_name, key in total_names.items():
                    out += _fact(key, reading, row, _col(table, cols, col_name))
            if code and len(code) == 3:
                out += _fact(f"{scope}功能:{bare(label)}", reading, row, total_col)
    return out


def _income(reading: Reading) -> list[Fact]:
    table = reading.table
    # 合计 | 上年结转结余 | 一般公共预算 | …: a 合计 over the carry-over too is the 收入总计.
    block = next((b for b in reading.blocks if b.code is not None), None)
    total = _col(table, reading.this_year_columns(block), "合计") if block is not None else None
    carried = total is not None and any("结转" in table.columns[i] for i in parts_of_total_column(table, block, total))
    names = {"合计": "收入总计" if carried else "收入合计", "总计": "收入总计", "一般公共预算": "来源:一般公共预算", "政府性基金": "来源:政府性基金预算",
             "政府性基金预算": "来源:政府性基金预算", "国有资本经营预算": "来源:国有资本经营预算",
             "财政专户管理资金": "来源:财政专户管理资金", "单位资金": "来源:单位资金"}
    return _coded(reading, "", names)


def _expenditure(reading: Reading) -> list[Fact]:
    return _coded(reading, "", {"合计": "支出合计", "基本支出": "基本支出", "项目支出": "项目支出"})


def _gp_expenditure(reading: Reading) -> list[Fact]:
    return _coded(reading, "一般公共预算", {"合计": "一般公共预算支出合计", "基本支出": "一般公共预算基本支出",
                                          "项目支出": "一般公共预算项目支出"})


def _gf_expenditure(reading: Reading) -> list[Fact]:
    return _coded(reading, "政府性基金预算", {"合计": "政府性基金预算支出合计"})


def _sc(reading: Reading) -> list[Fact]:
    table = reading.table
    out = []
    for block in reading.blocks:
        if block.code is None or not any("支出" in table.columns[i] for i in reading.value_columns(block)):
            continue
        total = _col(table, reading.this_year_columns(block), "合计")
        for row, label in zip(table.rows, reading.labels(block)):
            if is_total(label):
                out += _fact("国有资本经营预算支出合计", reading, row, total)
    return out


def _basic_econ(reading: Reading) -> list[Fact]:
    """合计 | 人员经费 | 公用经费 columns; or 人员经费 and 公用经费 side by side as two blocks of
    科目编码 | 科目名称 | 金额, each closed by its own 合计 row (人员经费合计, 公用经费合计)."""
    table = reading.table
    out = []
    found = reading.blocks
    if not found:
        return out
    block = found[0]
    cols = reading.this_year_columns(block)
    for row, label in zip(table.rows, reading.labels(block)):
        if is_total(label):
            out += _fact("一般公共预算基本支出", reading, row, _col(table, cols, "合计"))
            out += _fact("人员经费", reading, row, _col(table, cols, "人员经费"))
            out += _fact("公用经费", reading, row, _col(table, cols, "公用经费"))
    for block in found:
        group = table.columns[block.label].split("/")[0]
        if group not in ("人员经费", "公用经费"):
            continue
        first = _first_value(reading.this_year_columns(block))
        for row, label in zip(table.rows, reading.labels(block)):
            if is_total(label):
                out += _fact(group, reading, row, first)
    return out


def _listed(reading: Reading, total_key: str, rows_too: bool) -> list[Fact]:
    table = reading.table
    out = []
    block = reading.blocks[0] if reading.blocks else None
    if block is None:
        return out
    this_year = reading.this_year_columns(block)
    col = _col(table, this_year, "合计") or _first_value(this_year)
    if not block.labels and table.rows:  # amounts across one row: 合计 | 因公出国（境）费 | …
        row = table.rows[0]
        out += _fact(total_key, reading, row, col)
        if rows_too:
            for i in this_year:
                if i != col:
                    out += _fact(f"{total_key}:{_item(table.columns[i])}", reading, row, i)
        return out
    for row, label in zip(table.rows, reading.labels(block)):
        if is_total(label):
            out += _fact(total_key, reading, row, col)
        elif rows_too and label:
            out += _fact(f"{total_key}:{_item(label)}", reading, row, col)
    return out


def _item(label: str) -> str:
    """``①公务用车购置费``, ``其中：公务用车购置费``, ``公务用车购置及运行费/小计`` → the item's name."""
    name = label.split("/")[0] if label.endswith(("/小计", "/合计")) else label.split("/")[-1]
    name = re.sub(r"^其中[:：]?", "", bare(name).lstrip("①②③④⑤"))
    # The text's names (budget_text.TERMS) write 因公出国（境）费 with full-width brackets.
    return name.replace("公务用车运行费", "公务用车运行维护费").replace("(", "（").replace(")", "）")


def _projects(reading: Reading) -> list[Fact]:
    table = reading.table
    if not table.rows:
        return []
    block = reading.blocks[0]
    # The 合计 row, at the top or the bottom; else the first row (the department's, seed 003).
    first = next((r for r, label in zip(table.rows, reading.labels(block)) if is_total(label)), table.rows[0])
    this_year = reading.this_year_columns(block)
    out = _fact("项目支出", reading, first, _col(table, this_year, "合计") or _first_value(this_year))
    out += _fact("一般公共预算项目支出", reading, first, _col(table, this_year, "一般公共预算"))
    return out


_READERS = {
    "summary": lambda t: _summary(t, fiscal=False),
    "fiscal_summary": lambda t: _summary(t, fiscal=True),
    "income": _income,
    "expenditure": _expenditure,
    "gp_expenditure": _gp_expenditure,
    "gf_expenditure": _gf_expenditure,
    "sc": _sc,
    "basic_econ": _basic_econ,
    "three": lambda t: _listed(t, "三公经费", rows_too=True),
    "running": lambda t: _listed(t, "机关运行经费", rows_too=False),
    "projects": _projects,
}
