"""The shared Reading of a budget table (checker.layout.budget_structure.Reading) answers as the
module functions it stands for: amounts, labels, codes, value and this year's columns, and the
row groups, figures and project rows read through it. B501, B502, B503, B504, B505 and M305
share one Reading per table, so a wrong answer kept in it would reach every one of them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout.budget_facts import facts
from checker.layout.budget_groups import change_columns, overfull, row_groups, subtotals_unnamed
from checker.layout.budget_numbers import sum_agrees
from checker.layout.budget_projects import project_rows
from checker.layout.budget_structure import (
    Reading,
    amount,
    blocks,
    row_code,
    row_label,
    this_year_columns,
    value_columns,
)
from checker.model import Cell, Form, Place, Table

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


class _Unshared:
    """A run's context whose tables are read by ``_Alone``: the kinds then ask the module
    functions every time instead of a Reading's columns and lists."""

    def once(self, key, make):
        assert key[0] == "budget_reading"
        return _Alone(make().table)


@settings(max_examples=150, deadline=None)
@given(st.lists(tables(), min_size=1, max_size=3), st.sampled_from(["", "某县某局"]))
def test_b501_and_b502_judge_a_reading_as_the_functions_it_stands_for(found, department):
    """B501's sums over columns, rows and changes and B502's code roll-up read whole columns and
    lists of labels from the Reading; their hits are those of the cell-by-cell questions."""
    from checker.model import Field
    from checker.rules.kinds import load_kinds
    from checker.rules.pack import Check

    form = Form(id="f#1", kind="budget_table", title="t", place=Place(), tables=found)
    if department:
        form.header["department_name"] = Field(label="部门名称", raw=department, place=Place())
    kinds = load_kinds()
    for name in ("table_sums", "code_rollup"):
        check = Check(kind=name, options={})
        shared = list(kinds[name].func(check, form, None))
        assert shared == list(kinds[name].func(check, form, _Unshared()))
