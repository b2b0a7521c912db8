"""Properties of E403/E405 on department self-evaluations: whether the 执行率 points belong to the
100 is read from the weights (10号: indicators + 执行率 = 100; 53号: indicators alone = 100), so a
form whose 总分 is the right sum is never blamed, and one whose 总分 is a point off always is."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.model import Filing
from checker.resources import rules_dir
from checker.rules.loader import load_pack

from support import department_self_eval


@cache
def pack():
    return load_pack(paths=sorted(rules_dir().glob("E40*.yaml")))


_form = department_self_eval


@st.composite
def forms(draw):
    """(weights, scores, execution weight, execution score, execution counted in the 100)."""
    counted = draw(st.booleans())
    exec_w = 10
    budget = 100 - exec_w if counted else 100
    n = draw(st.integers(min_value=1, max_value=8))
    cuts = sorted(draw(st.lists(st.integers(min_value=1, max_value=budget - 1), min_size=n - 1,
                                max_size=n - 1, unique=True)))
    weights = [b - a for a, b in zip([0, *cuts], [*cuts, budget])]
    # scores with one decimal between 0 and the weight, as filers write them
    scores = [Decimal(draw(st.integers(min_value=0, max_value=w * 10))) / 10 for w in weights]
    exec_s = Decimal(draw(st.integers(min_value=0, max_value=exec_w * 10))) / 10
    return weights, scores, exec_w, exec_s, counted


def _run(weights, scores, exec_w, exec_s, total):
    form = _form(str(exec_w), str(exec_s), [str(w) for w in weights], [str(s) for s in scores], str(total))
    return [f.code for f in pack().check(Filing(path="f", forms=[form]))
            if f.code in ("E403", "E404", "E405")]


@settings(max_examples=200, deadline=None)
@given(forms())
def test_the_right_total_is_never_blamed(case):
    weights, scores, exec_w, exec_s, counted = case
    total = sum(scores, Decimal(0)) + (exec_s if counted else 0)
    assert _run(weights, scores, exec_w, exec_s, total) == []


@settings(max_examples=200, deadline=None)
@given(forms(), st.sampled_from([Decimal(-1), Decimal(1), Decimal("2.5"), Decimal(10), Decimal(-10)]))
def test_a_total_a_point_off_is_always_found(case, off):
    """Off by a point, or by exactly the 执行率 points (the reading the weights rule out)."""
    weights, scores, exec_w, exec_s, counted = case
    right = sum(scores, Decimal(0)) + (exec_s if counted else 0)
    assert _run(weights, scores, exec_w, exec_s, right + off) == ["E405"]
