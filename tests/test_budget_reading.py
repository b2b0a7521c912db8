"""The shared Reading of a budget table (checker.layout.budget_structure.Reading) answers as the
module functions it stands for: amounts, labels, codes, value and this year's columns, and the
row groups, figures and project rows read through it. B501, B502, B503, B504, B505 and M305
share one Reading per table, so a wrong answer kept in it would reach every one of them."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout.budget_facts import facts
from checker.layout.budget_groups import change_columns, overfull, row_groups, subtotals_unnamed
from checker.layout.budget_numbers import fmt, fmt_ratio, ratio_agrees, sum_agrees
from checker.layout.budget_projects import project_rows
from checker.layout.budget_structure import (
    Reading,
    amount,
    blocks,
    cell,
    is_total_column,
    parts_of_total_column,
    row_code,
    row_label,
    this_year_columns,
    value_columns,
)
from checker.model import Cell, Field, Form, Place, Table
from checker.rules.kinds import Hit, load_kinds
from checker.rules.kinds.budget_sums import _change_hit, _name
from checker.rules.pack import Check

COLUMNS = ["科目编码", "科目名称", "项目", "单位名称", "合计", "本年收入/合计", "本年收入/一般公共预算", "基本支出",
           "项目支出", "2025年预算数", "2026年预算数", "增减额", "增减率（%）", "小计", "总计", "人员经费", "公用经费",
           "支出/金额/小计", "上年结转", "采购数量"]
TITLES = ["2026年部门收支总表", "2026年部门支出总表", "2026年项目支出表", "2026年“三公”经费支出表",
          "2026年部门收入总表", "2026年一般公共预算基本支出表", "2026年机关运行经费预算表"]
TEXTS = ["", "合计", "总计", "本年收入合计", "本年支出合计", "212", "21201", "2120101", "208 05 05", "城乡社区支出",
         "  城乡社区管理事务", "一、一般公共服务支出", "（一）人大事务", "①公务用车购置费", "其中：教育收费", "某县某局",
         "某县某中心", "某项目经费", "工资福利支出", "37,494.28", "20.00", "20", "0.00", "-5.5", "１２３", "10万元", "—",
         "100%", "6402.00", "6,402"]


def _cell(text: str, line: int, column: int) -> Cell:
    return Cell(text=text, place=Place(line=line, column=column, end_line=line, end_column=column + max(len(text), 1)))


@st.composite
def tables(draw) -> Table:
    columns = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=7))
    rows = []
    for k in range(draw(st.integers(0, 9))):
        # Rows as exports write them: as wide as the header, or shorter (empty cells lost) or longer.
        width = draw(st.integers(0, len(columns) + 1))
        texts = draw(st.lists(st.sampled_from(TEXTS), min_size=width, max_size=width))
        rows.append([_cell(t, k + 10, 1 + 12 * i) for i, t in enumerate(texts)])
    return Table(title=draw(st.sampled_from(TITLES)), unit=draw(st.sampled_from(["万元", "元"])), columns=columns,
                 rows=rows, place=Place(line=1))


@settings(max_examples=150, deadline=None)
@given(tables())
def test_a_reading_answers_as_the_functions_it_stands_for(table):
    reading = Reading(table)
    assert reading.blocks == blocks(table)
    width = max([len(table.columns)] + [len(r) for r in table.rows]) + 2
    for _ in range(2):  # asked again: the kept answers, still the same
        for row in table.rows:
            for i in [None] + list(range(len(row) + 2)):
                assert reading.amount(row, i) == amount(row, i)
        for i in range(width):  # a column read whole, then its cells asked one by one from it
            assert reading.column(i) == [amount(row, i) for row in table.rows]
            for row in table.rows:
                assert reading.amount(row, i) == amount(row, i)
        for block in reading.blocks:
            assert reading.value_columns(block) == value_columns(table, block)
            assert reading.this_year_columns(block) == this_year_columns(table, block)
            assert reading.labels(block) == [row_label(row, block) for row in table.rows]
            assert reading.codes(block) == [row_code(row, block) for row in table.rows]
            for row in table.rows:
                assert reading.row_label(row, block) == row_label(row, block)
                assert reading.row_code(row, block) == row_code(row, block)


@settings(max_examples=100, deadline=None)
@given(tables())
def test_rows_are_told_apart_by_identity_not_by_content(table):
    """Two rows of equal cells are two rows (a table repeats a 0.00 row): each is found at its own
    place; a copy of a row, not of the table, is read as it stands."""
    if table.rows:
        table.rows.append(table.rows[0][:])  # an equal row of its own, later in the table
    reading = Reading(table)
    for k, row in enumerate(table.rows):
        assert reading.row_at(row) == k
        copy = row[:]
        assert reading.row_at(copy) is None
        for i in range(len(row) + 1):
            reading.column(i)
            assert reading.amount(copy, i) == amount(row, i)
        for block in reading.blocks:
            assert reading.row_label(copy, block) == row_label(row, block)
            assert reading.row_code(copy, block) == row_code(row, block)


@settings(max_examples=100, deadline=None)
@given(tables())
def test_blocks_made_apart_from_the_reading_get_their_own_answers(table):
    """A block of another ``blocks(table)`` call (the facts readers' once made theirs) is a new
    object: its answers are its own, never those kept for a block that had its address."""
    reading = Reading(table)
    for _ in range(3):
        for block in blocks(table):  # made and dropped each round: addresses are reused
            assert reading.value_columns(block) == value_columns(table, block)
            for row in table.rows:
                assert reading.row_label(row, block) == row_label(row, block)


class _Alone(Reading):
    """A Reading that keeps nothing: every answer is the module function's, worked out again
    (what the kinds read when no Reading was shared)."""

    @property
    def blocks(self):
        return blocks(self.table)

    def amount(self, row, i):
        return amount(row, i)

    def column(self, i):
        return [amount(row, i) for row in self.table.rows]

    def labels(self, block):
        return [row_label(row, block) for row in self.table.rows]

    def codes(self, block):
        return [row_code(row, block) for row in self.table.rows]

    def value_columns(self, block):
        return value_columns(self.table, block)

    def this_year_columns(self, block):
        return this_year_columns(self.table, block)

    def row_label(self, row, block):
        return row_label(row, block)

    def row_code(self, row, block):
        return row_code(row, block)


def _twice_or_thrice(rows) -> bool:
    """subtotals_unnamed as its doc says it: the rows under the top add up to 2 or 3 times it in
    its first amount, and not to it."""
    col = next((i for i in range(1, len(rows[0])) if amount(rows[0], i) is not None), None)
    if col is None:
        return False
    parts = [p for p in (amount(r, col) for r in rows[1:]) if p is not None]
    top = amount(rows[0], col)
    return any(sum_agrees(k * top, parts) for k in (2, 3)) and not sum_agrees(top, parts)


@settings(max_examples=100, deadline=None)
@given(tables(), st.sampled_from(["", "某县某局"]))
def test_what_is_read_through_a_shared_reading_is_what_is_read_alone(table, department):
    reading, alone = Reading(table), _Alone(table)
    for block in reading.blocks:
        assert row_groups(reading, block, department) == row_groups(alone, block, department)
        assert change_columns(reading, block) == change_columns(alone, block)
        for total, parts, _ in row_groups(alone, block, department):
            assert subtotals_unnamed([total] + parts, reading) == subtotals_unnamed([total] + parts, alone)
            assert subtotals_unnamed([total] + parts, alone) == _twice_or_thrice([total] + parts)
            assert overfull(total, parts, reading) == overfull(total, parts, alone)
    form = Form(id="f#1", kind="budget_table", title="t", place=Place(), tables=[table])
    assert facts(form, lambda t: reading) == facts(form, _Alone)
    shared = [(r.name, r.amount, r.wan, r.role) for r in project_rows(reading, department)]
    assert shared == [(r.name, r.amount, r.wan, r.role) for r in project_rows(alone, department)]


# --------------------------------------------------------------------------- B501, B502 as judged cell by cell


def _reference_table_sums(form):
    """B501 as it was judged before the Reading read whole columns (9c6744a): every amount asked
    of its own cell, through ``_Alone``."""
    department = form.header["department_name"].raw if "department_name" in form.header else ""
    for table in form.tables:
        reading = _Alone(table)
        for block in reading.blocks:
            cols = reading.value_columns(block)
            yield from _reference_column_sums(reading, block, cols)
            yield from _reference_changes(reading, block)
            for total, parts, what in row_groups(reading, block, department):
                nested = subtotals_unnamed([total] + parts, reading)
                if what == "各行" and (nested or overfull(total, parts, reading)):
                    yield Hit(place=table.place, doubt="levels_unread", data={"table": _name(table), "row": reading.row_label(total, block)})
                elif not nested:
                    yield from _reference_compare_rows(reading, block, cols, total, parts, what)


def _reference_code_rollup(form):
    """B502 as it was judged before (9c6744a): each row's code asked of its row."""
    for table in form.tables:
        reading = _Alone(table)
        for block in reading.blocks:
            if block.code is None:
                continue
            cols = reading.value_columns(block)
            coded = [(reading.row_code(r, block), r) for r in table.rows]
            coded = [(c, r) for c, r in coded if c]
            for code, row in coded:
                if len(code) == 7:
                    continue
                children = [r for c, r in coded if len(c) == len(code) + 2 and c.startswith(code)]
                if children:
                    yield from _reference_compare_rows(reading, block, cols, row, children, f"{code} 的下级科目", code=code)


def _reference_column_sums(reading, block, cols):
    table, amount_of = reading.table, reading.amount
    for t in cols:
        if not is_total_column(table.columns[t]):
            continue
        parts = parts_of_total_column(table, block, t)
        if not parts:
            continue
        for row in table.rows:
            total = amount_of(row, t)
            values = [amount_of(row, p) for p in parts]
            written = [v for v in values if v is not None]
            if total is None and not written:
                continue
            if not sum_agrees(total or Decimal(0), written):
                yield Hit(place=cell(row, t).place if cell(row, t) is not None else table.place, variant="columns", data={
                    "table": _name(table), "row": reading.row_label(row, block), "column": table.columns[t],
                    "parts": "、".join(table.columns[p].split("/")[-1] for p in parts),
                    "expected": fmt(sum(written, Decimal(0))), "actual": fmt(total) or "空"})


def _reference_changes(reading, block):
    found = change_columns(reading, block)
    table, amount_of = reading.table, reading.amount
    if found is None:
        return
    last_col, this_col, change_col, rate_col = found
    rows = [(r, amount_of(r, last_col) or Decimal(0), amount_of(r, this_col) or Decimal(0)) for r in table.rows
            if amount_of(r, last_col) is not None or amount_of(r, this_col) is not None]
    if change_col is not None:
        written = [(r, last, this, amount_of(r, change_col)) for r, last, this in rows if amount_of(r, change_col) is not None]
        wrong = [w for w in written if not sum_agrees(w[2], [w[1], w[3]])]
        reversed_ = wrong and all(sum_agrees(w[1], [w[2], w[3]]) for w in written if w[3] != 0)
        for r, last, this, change in ([] if reversed_ else wrong):
            yield _change_hit(reading, block, r, change_col, "change", change, this - last, this, last)
    if rate_col is not None:
        for r, last, this in rows:
            rate = amount_of(r, rate_col)
            if rate is None or last == 0:
                continue
            change = amount_of(r, change_col) if change_col is not None and amount_of(r, change_col) is not None else this - last
            if not any(ratio_agrees(rate, c, last, scale=k) for c in (change, this - last) for k in (Decimal(100), Decimal(1))):
                yield _change_hit(reading, block, r, rate_col, "rate", rate, None, this, last, fmt_ratio(this - last, last))


def _reference_compare_rows(reading, block, cols, total, parts, what, code=None):
    table, amount_of = reading.table, reading.amount
    for c in cols:
        values = [amount_of(r, c) for r in parts]
        written = [v for v in values if v is not None]
        stated = amount_of(total, c)
        if stated is None and not written:
            continue
        if not sum_agrees(stated or Decimal(0), written):
            place_cell = cell(total, c)
            yield Hit(place=place_cell.place if place_cell is not None else table.place, variant="rows" if code is None else None,
                      data={"table": _name(table), "row": reading.row_label(total, block), "column": table.columns[c],
                            "parts": what, "count": len(written), "expected": fmt(sum(written, Decimal(0))),
                            "actual": fmt(stated) or "空", "code": code or ""})


_LAST = ["100.00", "0.00", "80", ""]
_THIS = ["110.00", "100.00", "80", ""]


@st.composite
def change_tables(draw) -> Table:
    """A table of 上年 | 本年 | 增减额 | 增减率（%） rows as filers write them: each change right,
    the other way round, or wrong; each rate over the written change, over the change found, as a
    fraction, or wrong; some cells empty."""
    columns = ["科目名称", "2025年预算数", "2026年预算数", "增减额", "增减率（%）"]
    rows = []
    for k in range(draw(st.integers(1, 5))):
        last, this = draw(st.sampled_from(_LAST)), draw(st.sampled_from(_THIS))
        found = (Decimal(this or 0) - Decimal(last or 0)).quantize(Decimal("0.01"))
        change = draw(st.sampled_from([found, -found, found + 10, None]))
        over = draw(st.sampled_from([change, found, None]))
        if over is None or not last or Decimal(last) == 0:
            rate = draw(st.sampled_from(["", "12.50", "-5"]))
        else:
            ratio = over / Decimal(last)
            rate = draw(st.sampled_from([fmt((ratio * 100).quantize(Decimal("0.01"))), fmt(ratio.quantize(Decimal("0.0001")))]))
        texts = [draw(st.sampled_from(["合计", "某项支出", "公务接待费"])), last, this, "" if change is None else fmt(change), rate]
        rows.append([_cell(t, k + 10, 1 + 12 * i) for i, t in enumerate(texts)])
    return Table(title="2026年“三公”经费支出表", unit="万元", columns=columns, rows=rows, place=Place(line=1))


def _judged(found, department, judge):
    form = Form(id="f#1", kind="budget_table", title="t", place=Place(), tables=found)
    if department:
        form.header["department_name"] = Field(label="部门名称", raw=department, place=Place())
    kinds = load_kinds()
    return [list(judge(kinds[name].func, Check(kind=name, options={}), form)) for name in ("table_sums", "code_rollup")]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(tables(), change_tables()), min_size=1, max_size=3), st.sampled_from(["", "某县某局"]))
def test_b501_and_b502_judge_as_they_did_cell_by_cell(found, department):
    """B501's sums over columns, rows and changes and B502's code roll-up read whole columns and
    lists of labels from a shared Reading; their hits are those of the cell-by-cell code they
    replaced (kept above as the reference)."""
    shared = _judged(found, department, lambda func, check, form: func(check, form, None))
    reference = _judged(found, department, lambda func, check, form: (
        _reference_table_sums if check.kind == "table_sums" else _reference_code_rollup)(form))
    assert shared == reference


def _three_public(*rows: list[str]) -> Table:
    return Table(title="2026年“三公”经费支出表", unit="万元", columns=["科目名称", "2025年预算数", "2026年预算数", "增减额", "增减率（%）"],
                 rows=[[_cell(t, k + 10, 1 + 12 * i) for i, t in enumerate(r)] for k, r in enumerate(rows)], place=Place(line=1))


def test_a_wrong_change_is_one_finding_when_the_rate_agrees_with_it():
    """上年 100, 本年 110, 增减额 written 20 and 增减率 20 (%): the change is wrong (110 − 100 = 10);
    the rate is over the change written, so it is no second finding."""
    table = _three_public(["公务接待费", "100.00", "110.00", "20.00", "20.00"], ["公务用车运行费", "50.00", "40.00", "-10.00", "-20.00"])
    shared, _ = _judged([table], "", lambda func, check, form: func(check, form, None))
    assert [(h.variant, h.data["row"], h.data["column"], h.data["actual"], h.data["expected"]) for h in shared] == [
        ("change", "公务接待费", "增减额", "20.00", "10.00")]
    assert shared[0].place == table.rows[0][3].place


def test_rows_not_of_the_table_are_summed_as_they_stand():
    """_compare_rows reads the table's rows by their place in its columns; a total or part row
    made apart from the table (a caller's own cells) is read cell by cell, never an error."""
    from checker.rules.kinds.budget_sums import _compare_rows

    table = Table(title="2026年部门支出总表", unit="万元", columns=["科目名称", "合计"], place=Place(line=1), rows=[
        [_cell("合计", 10, 1), _cell("30.00", 10, 13)], [_cell("某项支出", 11, 1), _cell("10.00", 11, 13)],
        [_cell("公务接待费", 12, 1), _cell("20.00", 12, 13)]])
    reading = Reading(table)
    block = reading.blocks[0]
    cols = reading.value_columns(block)
    assert cols == [1]
    outside_total = [_cell("合计", 20, 1), _cell("31.00", 20, 13)]
    hits = list(_compare_rows(reading, block, cols, outside_total, table.rows[1:], "各行"))
    assert [(h.data["row"], h.data["expected"], h.data["actual"], h.data["count"]) for h in hits] == [("合计", "30.00", "31.00", 2)]
    assert hits[0].place == outside_total[1].place
    outside_part = [_cell("公务接待费", 21, 1), _cell("21.00", 21, 13)]
    hits = list(_compare_rows(reading, block, cols, table.rows[0], [table.rows[1], outside_part], "各行"))
    assert [(h.data["expected"], h.data["actual"]) for h in hits] == [("31.00", "30.00")]
    assert list(_compare_rows(reading, block, cols, table.rows[0], table.rows[1:], "各行")) == []


def test_a_project_row_is_frozen_and_keeps_its_key():
    """ProjectRow.key is worked out once from the name (B505 asks it per form): the row is frozen,
    so the name it was worked out from cannot change under it."""
    import dataclasses

    import pytest

    from checker.layout.budget_projects import name_key

    table = Table(title="2026年项目支出表", unit="万元", columns=["项目名称", "合计"], place=Place(line=1), rows=[
        [_cell("合计", 10, 1), _cell("30.00", 10, 13)], [_cell("某项目经费", 11, 1), _cell("30.00", 11, 13)]])
    rows = project_rows(Reading(table))
    assert [(r.name, r.role, r.key) for r in rows] == [("合计", "total", name_key("合计")), ("某项目经费", "project", name_key("某项目经费"))]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rows[1].name = "另一项目"
    assert rows[1].key == name_key("某项目经费")
