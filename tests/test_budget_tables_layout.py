"""Layout of the budget disclosure tables (issue 5, part 2) on seed 003."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from checker.layout.budget_tables import header_names, parse_budget_tables
from checker.model import Place
from checker.readers.text import read_text, rows_from_text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def seed003_tables():
    rows = [r for r in read_text(next(SAMPLES.glob("003_*.txt"))).grids[0].rows if 13 <= r.place.line < 579]
    return parse_budget_tables(rows[1:], form_id="t#1", title=rows[0].cells[0].text, title_place=rows[0].place, year=2026)


def test_all_thirteen_tables_are_found_in_order():
    form, findings = seed003_tables()
    assert findings == []
    assert form.kind == "budget_table"
    assert [t.number for t in form.tables] == list(range(1, 14))
    assert form.tables[0].title == "2026年预算收支总表"
    assert form.tables[9].title == "2026年财政拨款安排“三公”经费支出预算表"  # 预算公开表10
    assert all(t.unit == "万元" for t in form.tables)
    assert form.header["department_name"].raw == "泽州县住房和城乡建设管理局"


def test_columns_are_joined_across_merged_header_rows():
    form, _ = seed003_tables()
    t2, t4, t12 = form.tables[1], form.tables[3], form.tables[11]
    assert t2.columns[2:4] == ["本年收入/合计", "本年收入/一般公共预算"]
    assert t2.columns[-1] == "上年结转"
    assert t4.columns[3:5] == ["支出/金额/小计", "支出/金额/一般公共预算"]
    assert t12.columns == [
        "项目名称",
        "合计",
        "2026年财政拨款/一般公共预算",
        "2026年财政拨款/政府性基金预算",
        "2026年财政拨款/国有资本经营预算",
        "财政专户管理资金",
        "单位资金",
    ]


def test_rows_keep_cells_with_places_and_skip_blank_lines():
    form, _ = seed003_tables()
    t2 = form.tables[1]
    assert [c.text for c in t2.rows[0]][:3] == ["合计", "", "37494.28"]
    codes = [r[0].text for r in t2.rows[1:]]
    assert codes[:4] == ["208", "20805", "2080505", "2080506"]
    assert "2120201" in codes  # after the blank line inside the table
    cell = t2.rows[0][2]
    assert (cell.place.line, cell.place.column) == (125, 5)
    assert len(form.tables[11].rows) == 68  # the department, five units and 62 projects
    assert form.tables[6].rows == [form.tables[6].rows[0]]  # 表7 has only its empty 合计 row


def test_explanatory_text_is_kept_for_b504():
    form, _ = seed003_tables()
    lines = {r.place.line for r in form.paragraphs}
    assert {511, 517, 534, 559, 569} <= lines


def test_header_names_carry_group_labels_only_over_named_columns():
    rows = rows_from_text("收入\t\t支出\t\t\n项目\t金额\t项目\t合计\t基本支出\n")
    assert header_names(rows) == ["收入/项目", "收入/金额", "支出/项目", "支出/合计", "支出/基本支出"]


def test_title_without_rows_is_reported():
    rows = rows_from_text("2026年预算收支总表\n\n第三部分 说明\n")
    form, findings = parse_budget_tables(rows, form_id="t#2", title="部门预算公开", title_place=rows[0].place, year=2026)
    assert [f.code for f in findings] == ["X902"]


def test_spreadsheet_shapes_merged_title_and_meta_in_one_row():
    # A workbook repeats a merged title across its cells and puts 编制单位 and 单位 side by side.
    text = "\n".join([
        "部门收支总体情况表\t部门收支总体情况表\t部门收支总体情况表\t部门收支总体情况表",
        "编制单位：某县教育局\t\t\t单位：元",
        "收入\t\t支出\t",
        "项目\t预算数\t项目\t预算数",
        "一、一般公共预算拨款收入\t1,000,000.00\t一、教育支出\t1,000,000.00",
        "本年收入合计\t1,000,000.00\t本年支出合计\t1,000,000.00",
    ])
    rows = rows_from_text(text)
    form, findings = parse_budget_tables(rows, form_id="t#3", title="部门预算公开", title_place=rows[0].place, year=2026)
    assert findings == []
    (table,) = form.tables
    assert (table.title, table.unit) == ("部门收支总体情况表", "元")
    assert table.columns == ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"]
    assert len(table.rows) == 2
    assert form.header["department_name"].raw == "某县教育局"


@given(st.lists(st.lists(st.sampled_from(["", "合计", "212", "21201", "城乡社区支出", "37,494.28", "单位：万元",
                                          "2026年预算支出总表", "项目", "预算公开表3", "一、", "①公务用车购置费", "x"]),
                         max_size=6), max_size=12))
def test_budget_layout_never_raises_on_odd_rows(cells):
    text = "\n".join("\t".join(r) for r in cells)
    rows = rows_from_text(text)
    form, findings = parse_budget_tables(rows, form_id="t#4", title="t", title_place=Place(line=1), year=None)
    for t in form.tables:
        assert t.number is not None
        for r in t.rows:
            assert all(isinstance(c.text, str) for c in r)
