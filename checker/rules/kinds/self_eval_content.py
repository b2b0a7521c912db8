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
from checker.rules.kinds._common import NUMBER, PRED, options, synonyms
from checker.rules.kinds.self_eval_common import scored
from checker.rules.money import TO_WAN, Interval, written
from checker.rules.select import matches

_BOUNDS = ("≥", "≤", ">", "<")
_HUNDRED = Decimal(100)
_PUNCT = str.maketrans({c: None for c in " \u3000,，.。、;；:：\"“”'‘’()（）"})


@kind("not_a_measurement", variants=("count", "name", "target"), needs_values=True, schema={"type": "object", "additionalProperties": False, "properties": {}})
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
    target = _target(ind)
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


def _target(ind: Indicator):
    """The target as the pipeline parsed it (with its unit column), parsed here when a caller
    ran the rule on unparsed indicators; None when the grammar rejects it."""
    if ind.parsed is not None or ind.parse_error:
        return ind.parsed
    from checker.values import ValueParseError, parse_value

    try:
        return parse_value(ind.value, ind.unit, ind.value_type)
    except ValueParseError:
        return None


def _parse(text: str):
    from checker.values import ValueParseError, parse_value

    try:
        return parse_value(text, "", "")
    except ValueParseError:
        return None


@kind("cost_overrun_full_score", needs_values=True, schema=options({
    "where": PRED,
    "factor": {**NUMBER, "description": "the actual cost must exceed the target by this factor (1.2: 20% above)"},
}, ["where", "factor"]))
def cost_overrun_full_score(check, form: Form, ctx) -> Iterable[Hit]:
    """E407 for costs: a cost row (``where``) whose target is an amount (bare, =, ≤ or <) and whose
    实际完成值 is an amount more than ``factor`` times it (both in 万元, at the written precision)
    scored in full with no 偏差原因分析 (5025.23万元 set, 17511.79万元 spent, seed 002). A cost's
    bare target is its budget, so spending far beyond it is a target missed. Placeholders: target,
    achieved, weight, actual (the score), ratio. Source: 财预〔2020〕10号."""
    factor = Decimal(str(check.options["factor"]))
    for ind, weight, score in scored(form):
        if not (score >= weight > 0) or (ind.deviation or "").strip(" \u3000/—-无") or not matches(ind, check.options["where"], synonyms(ctx)):
            continue
        target, actual = _money(_target(ind)), _money(_parse((ind.actual or "").strip()))
        if target is None or actual is None or target.hi <= 0:
            continue
        if actual.lo > target.hi * factor:
            yield Hit(indicator=ind, place=ind.cell_places.get("actual") or ind.place, data={
                "target": ind.value, "achieved": ind.actual, "weight": fmt(weight), "actual": fmt(score),
                "ratio": fmt((actual.shown / target.shown).quantize(Decimal("0.1")))})


def _money(value) -> Interval | None:
    """A money quantity as an interval in 万元, or None (a price, a rate, prose)."""
    if getattr(value, "kind", None) != "quantity" or value.unit not in TO_WAN:
        return None
    if getattr(value, "comparator", None) not in (None, "=", "≤", "<"):
        return None
    return written(value.number, value.unit)
