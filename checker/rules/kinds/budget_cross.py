"""Rule kind ``same_figure_across_tables`` (B503): a figure two tables of one disclosure both
state agrees (收支总表, 收入总表, 支出总表, 财政拨款收支总表, 一般公共预算支出表, 项目支出表 …).

The figures and their shared names come from checker.layout.budget_facts; each later
statement is compared with the first one, at the coarser written precision of the two, and the
later one is reported (the first table is the reference a reviewer reads first).
"""

from __future__ import annotations

from typing import Iterable

from checker.layout.budget_facts import by_key
from checker.layout.budget_numbers import fmt, same_amount, unit_slip
from checker.rules.kinds import Hit, kind
from checker.rules.kinds._common import budget_facts


@kind("same_figure_across_tables", scope="form", schema={
    "type": "object", "additionalProperties": False,
    "properties": {"keys": {"type": "array", "items": {"type": "string"},
                            "description": "only these figure names (收入合计, 项目支出, 功能:…); all when absent"}},
})
def same_figure_across_tables(check, form, ctx) -> Iterable[Hit]:
    """B503: every figure stated in two or more tables has one amount (see module doc)."""
    wanted = check.options.get("keys")
    for key, found in by_key(budget_facts(form, ctx)).items():
        if wanted and not any(key == w or key.startswith(w + ":") for w in wanted):
            continue
        first = found[0]
        for other in found[1:]:
            if other.table is first.table or same_amount(first.wan, other.wan):
                continue
            doubt = "unit_unclear" if unit_slip(first.wan, other.wan) else None  # 元 read as 万元, or the reverse
            yield Hit(place=other.cell.place, doubt=doubt, data={
                "figure": key, "table": other.where(), "actual": fmt(other.amount),
                "other_table": first.where(), "expected": fmt(first.amount),
                "difference": _difference(other.wan, first.wan) + " 万元", "unit": other.table.unit})


def _difference(a, b) -> str:
    """a − b at the coarser precision of the two (61.000000 − 60.00 → 1.00)."""
    exp = max(a.as_tuple().exponent, b.as_tuple().exponent)
    return fmt((a - b).quantize(type(a)(1).scaleb(exp)))
