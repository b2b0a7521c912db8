"""Self-evaluation content: an 实际完成值 that is not a measurement but scored (E408).

Form shape: the 项目支出绩效自评表 of seeds 001/002 (Hunan): columns 年度指标值 (``Indicator.value``),
实际完成值 (``Indicator.actual``), 分值, 得分, 偏差原因分析及改进措施. Both values are read by the value
grammar (checker.values), so ``≥90%`` and ``达到90%以上`` are the same bound.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from checker.layout.budget_numbers import fmt
from checker.layout.labels import normalize
from checker.model import Form, Indicator
from checker.rules.kinds import Hit, kind
from checker.rules.kinds.self_eval_common import scored

_BOUNDS = ("≥", "≤", ">", "<")
_HUNDRED = Decimal(100)
_PUNCT = str.maketrans({c: None for c in " \u3000,，.。、;；:：\"“”'‘’()（）"})


@kind("not_a_measurement", needs_values=True, schema={"type": "object", "additionalProperties": False, "properties": {}})
def not_a_measurement(check, form: Form, ctx) -> Iterable[Hit]:
    """E408: a row scored above zero whose 实际完成值 is not a measurement. Variants: ``name``
    (the actual repeats the indicator's name: 群众满意度), ``target`` (the actual is the target's
    bound again, ≥90% or 达到90%以上, as the grammar reads both), ``count`` (a rate was set, ≤100%,
    and the actual is a count: 139 with no unit, or 139户). A row the layout was unsure of is a
    doubt. Placeholders: target, achieved, weight, actual (the score). Source: 财预〔2020〕10号."""
    for ind, weight, score in scored(form):
        if score <= 0 or not (ind.actual or "").strip():
            continue
        variant = _what_it_is(ind)
        if variant is None:
            continue
        if ind.doubts:
            yield Hit(indicator=ind, doubt=ind.doubts[0])
            continue
        yield Hit(indicator=ind, place=ind.cell_places.get("actual") or ind.place, variant=variant,
                  data={"target": ind.value, "achieved": ind.actual, "weight": fmt(weight), "actual": fmt(score)})


def _what_it_is(ind: Indicator) -> str | None:
    achieved = (ind.actual or "").strip()
    if _bare(achieved) == _bare(ind.name):
        # a name that is itself the target statement (居民生活污水及时处理…, target and actual the
        # same sentence) is a qualitative target restated as achieved, not a name repeated
        return "name" if _bare(ind.value) != _bare(ind.name) else None
    actual = _parse(achieved)
    target = ind.parsed
    if actual is None or target is None or getattr(target, "kind", None) != "quantity":
        return None
    if actual.kind == "quantity" and actual.comparator in _BOUNDS and actual == target:
        return "target"
    if target.unit_kind == "rate" and target.number <= _HUNDRED and actual.kind == "quantity":
        if actual.unit_kind == "count":
            return "count"
        # a bare number above 100 against a rate: not a percentage; with a unit column it may be %
        if actual.unit is None and not ind.unit.strip() and actual.number > _HUNDRED:
            return "count"
    return None


def _bare(text: str) -> str:
    return normalize(text).translate(_PUNCT)


def _parse(text: str):
    from checker.values import ValueParseError, parse_value

    try:
        return parse_value(text, "", "")
    except ValueParseError:
        return None
