"""Properties of the E/B kinds and the parsers behind them: odd input never raises, the text
figure parser finds what was written, rounding at the written precision is never reported."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout.budget_facts import facts, role
from checker.layout.budget_tables import parse_budget_tables
from checker.layout.self_eval import parse_self_eval
from checker.model import Cell, Form, Place, Row, Table
from checker.readers.text import rows_from_text
from checker.rules.kinds import load_kinds
from checker.rules.kinds.budget_text import _figures
from checker.rules.kinds.self_eval_common import plain_quantity
from checker.rules.pack import Check

KINDS = load_kinds()
B_KINDS = ("table_sums", "code_rollup", "same_figure_across_tables", "text_figures")
E_KINDS = ("execution_rate", "execution_score", "score_weights", "score_range", "total_score",
           "deviation_explained", "unmet_full_score")
WORDS = ["", "合计", "212", "21201", "2120101", "城乡社区支出", "37,494.28", "0.00", "—", "10分", "100%", "单位：万元",
         "2026年预算支出总表", "项目", "科目编码", "基本支出", "本年收入合计", "①公务用车购置费", "一级指标", "三级指标",
         "分值", "得分", "年初预算数", "全年预算数", "全年执行数", "执行率", "总分", "产出指标(50分)", "≥90%", "优"]


def run(kind: str, form: Form):
    return list(KINDS[kind].func(Check(kind=kind, options={}), form, None))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=8), max_size=14))
def test_kinds_never_raise_on_odd_tables_and_forms(cells):
    rows = rows_from_text("\n".join("\t".join(r) for r in cells))
    tables, _ = parse_budget_tables(rows, form_id="p#1", title="t", title_place=Place(line=1), year=2026)
    for k in B_KINDS[:3]:
        for hit in run(k, tables):
            assert hit.data["expected"] != hit.data["actual"]
    evaluation, _ = parse_self_eval(rows, form_id="p#2", title="项目支出绩效自评表", title_place=Place(line=1), year=2026)
    for k in E_KINDS:
        run(k, evaluation)


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999"), places=2)


@given(amounts, amounts)
def test_text_figures_find_amount_and_share(part, rest):
    total = part + rest
    pct = (part / total * 100).quantize(Decimal("0.01"))
    text = f"本部门预算收入{total:,.2f}万元，主要包括一般公共预算拨款收入{part:,.2f}万元，占{pct}%。"
    cell = Cell(text, Place(line=7, column=1, end_line=7, end_column=1 + len(text)))
    figs = list(_figures(cell))
    assert [f.amount for f in figs] == [total, part]
    assert figs[1].share is not None and figs[1].share[1] == pct
    assert text[figs[1].place.column - 1 : figs[1].place.end_column - 1] == f"{part:,.2f}"
    # a share rounded to its written precision is never reported
    form = Form(id="f#1", kind="budget_table", title="t", place=Place(), paragraphs=[Row([cell], cell.place)])
    assert run("text_figures", form) == []


@given(st.sampled_from(["≥", "≤", ">", "<", "=", ""]), st.integers(0, 10**6), st.sampled_from(["%", "户", "公里", "万元", ""]),
       st.sampled_from(["", "以上", "以下"]))
def test_plain_quantity_reads_what_was_written(cmp_, n, unit, back):
    q = plain_quantity(f"{cmp_}{n}{unit}{back if not cmp_ else ''}")
    assert q is not None and q.number == n and q.unit == unit
    want = cmp_ or {"以上": "≥", "以下": "≤"}.get(back)
    assert q.comparator == (want or None)


def test_prose_targets_are_not_quantities():
    for text in ("实现县城公共供水普及率达到90%以上", "确保“8个100%”治理措施到位", "及时", "改善", "", None):
        assert plain_quantity(text) is None


def test_roles_of_the_central_template_titles():
    names = {
        "部门收支总体情况表": "summary", "部门收入总体情况表": "income", "部门支出总体情况表": "expenditure",
        "财政拨款收支总体情况表": "fiscal_summary", "一般公共预算支出情况表": "gp_expenditure",
        "一般公共预算基本支出情况表": "basic_econ", "一般公共预算“三公”经费支出情况表": "three",
        "政府性基金预算支出情况表": "gf_expenditure", "2026年项目支出预算表(上年结转)": "projects_carry",
    }
    for title, want in names.items():
        assert role(Table(title=title, unit="万元", columns=[], rows=[], place=Place())) == want


def test_figures_in_yuan_and_wan_are_compared_in_wan():
    def table(title, unit, cols, rows, number):
        return Table(title=title, unit=unit, columns=cols, place=Place(), number=number,
                     rows=[[Cell(t, Place(line=number)) for t in r] for r in rows])

    form = Form(id="f#1", kind="budget_table", title="t", place=Place(), tables=[
        table("部门支出总体情况表", "万元", ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
              [["合计", "", "100.00", "40.00", "60.00"]], 3),
        table("项目支出预算表", "元", ["项目名称", "合计"], [["某局", "600,000.00"]], 12),
    ])
    assert {f.key for f in facts(form)} >= {"项目支出", "基本支出", "支出合计"}
    assert run("same_figure_across_tables", form) == []
    form.tables[1].rows[0][1] = Cell("610,000.00", Place(line=12))
    (hit,) = run("same_figure_across_tables", form)
    assert hit.data["difference"] == "1.00 万元"
