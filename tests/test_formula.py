"""The formula language: parsing, interval arithmetic at the written precision, and property
tests (every generated formula parses or fails with a located FormulaError)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.rules.formula import FormulaError, parse_formula
from checker.rules.money import written

SEED000 = {"资金总额": written(Decimal("3531.93")), "基本支出": written(Decimal("887.33")),
           "项目支出": written(Decimal("2644.6"))}


def test_seed_department_budget_adds_up_at_written_precision():
    out = parse_formula("资金总额 == 基本支出 + 项目支出").evaluate(SEED000.get)
    assert out.holds and out.left.shown == Decimal("3531.93")


def test_a_real_difference_fails():
    vals = dict(SEED000, 基本支出=written(Decimal("877.33")))
    out = parse_formula("资金总额 == 基本支出 + 项目支出").evaluate(vals.get)
    assert not out.holds and out.right.shown == Decimal("3521.93")


def test_yuan_and_wan_compare_after_conversion():
    vals = {"资金总额": written(Decimal("1600000"), "元"), "养护费用": written(Decimal("160.00"))}
    assert parse_formula("资金总额 == 养护费用").evaluate(vals.get).holds
    assert parse_formula("养护费用 ≤ 资金总额 * 1.1").evaluate(vals.get).holds


def test_missing_name_means_not_applicable():
    assert parse_formula("资金总额 == 一般公共预算 + 政府性基金预算").evaluate(SEED000.get) is None


def test_sum_of_prefix_and_brackets():
    f = parse_formula("资金总额 == sum(fund:) - (0)")
    out = f.evaluate(SEED000.get, lambda p: [written(Decimal("3000")), written(Decimal("531.93"))])
    assert out.holds


@pytest.mark.parametrize("text,column", [("资金总额 ==", 8), ("资金总额 = 基本支出", 6), ("资金总额 == 1 +* 2", 12),
                                         ("基本支出 + 项目支出", 12)])
def test_errors_give_the_column(text, column):
    with pytest.raises(FormulaError) as info:
        parse_formula(text)
    assert info.value.column == column, str(info.value)


_name = st.sampled_from(["资金总额", "基本支出", "项目支出", "fund:一般公共预算", "市县（区）财政资金"])
_num = st.decimals(min_value=0, max_value=10**6, places=2).map(str)
_atom = _name | _num


@st.composite
def _expr(draw, depth=2):
    if depth == 0 or draw(st.booleans()):
        return draw(_atom)
    op = draw(st.sampled_from(["+", "-", "*", "+", "－", "×"]))
    left, right = draw(_expr(depth - 1)), draw(_expr(depth - 1))
    return f"({left} {op} {right})" if draw(st.booleans()) else f"{left} {op} {right}"


@settings(max_examples=150, deadline=None)
@given(left=_expr(), op=st.sampled_from(["==", "<=", ">=", "≤", "≥", "<", ">", "!="]), right=_expr())
def test_generated_formulas_parse_and_evaluate(left, op, right):
    f = parse_formula(f"{left} {op} {right}")
    vals = {"资金总额": written(Decimal("100.5")), "基本支出": written(Decimal("40")), "项目支出": written(Decimal("60.5")),
            "fund:一般公共预算": written(Decimal("1")), "市县（区）财政资金": written(Decimal("2"))}
    out = f.evaluate(vals.get)
    assert out is None or isinstance(out.holds, bool)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_any_text_parses_or_raises_formula_error(text):
    try:
        parse_formula(text)
    except FormulaError as exc:
        assert 1 <= exc.column <= len(text) + 1
