"""Plausibility of magnitudes (V213): more days than a year has, a fraction of a thing counted
whole, a built area (roads, greening, buildings) larger than a project of one place can have.
Thresholds are dated parameters (rules/parameters.yaml); the counts that may be fractional
(学时, 人日) are vocabulary (rules/meaning.yaml), the words of a built area rule options."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from checker.model import Form
from checker.rules.kinds import Hit, kind
from checker.rules.kinds._common import NUMBER, PRED, STR_LIST, cell, named, options, where_test
from checker.rules.kinds.period_funds import _period_says, _type_says
from checker.rules.vocabulary import load_meaning

_ANNUAL_FORMS = ("department_target", "project_self_eval", "department_self_eval")


@kind("magnitude", variants=("area", "days", "fraction"), needs_values=True, schema=options({
    "where": PRED,
    "days_max": {**NUMBER, "description": "most days a one-year target can count (366: a leap year)"},
    "one_year": {**STR_LIST, "description": "words of 项目属性 that mark a one-year project (一次性)"},
    "multi_year": {**STR_LIST, "description": "words of 项目属性 that mark a project of several years"},
    "built_area_max": {**NUMBER, "description": "largest built area (平方米) one project's roads, greening or "
                                                "buildings can cover"},
    "built_area_words": {**STR_LIST, "description": "words of an indicator name that make its area a built one "
                                                    "(道路, 保洁, 绿化); other areas (造林, 耕地) are not judged"},
}, ["days_max", "one_year"]))
def magnitude(check, form: Form, ctx) -> Iterable[Hit]:
    """V213: on a form that covers one year (a department's or a self-evaluation's year, or a
    one-year project: 一次性 / 项目期 1年), a value in 日 above ``days_max`` (≥500天) — variant
    ``days``; on any form, a count in a whole unit (条, 个, 户; not 万户, and not the fractional
    counts of rules/meaning.yaml such as 学时) written with a fraction (≥0.5条) — variant
    ``fraction``; an area in a name with a word of ``built_area_words`` (道路保洁面积) above
    ``built_area_max`` 平方米 (138,285万平方米 of a town's roads: 1,383 km²) — variant ``area``.
    Multi-year projects are not judged on days. Placeholders: limit, number, unit.
    Source: reviewers' practice [H], issue 10."""
    o = check.options
    limit = Decimal(str(o["days_max"]))
    one_year = form.kind in _ANNUAL_FORMS or _one_year_project(form, o)
    fractional_ok = set(load_meaning().get("fractional_counts") or [])
    where = where_test(check, ctx)
    for ind in named(form, ctx):
        v = ind.parsed
        if ind.block == "period" or getattr(v, "kind", None) not in ("quantity", "duration"):
            continue
        if not where(ind):
            continue
        if one_year and v.unit == "日" and v.number > limit:
            yield Hit(indicator=ind, place=cell(ind, "value"), variant="days",
                      data={"limit": limit, "number": v.number, "unit": v.unit})
        elif (v.unit_kind == "count" and v.number != v.number.to_integral_value()
              and v.unit not in fractional_ok and _whole_unit(v.unit)):
            yield Hit(indicator=ind, place=cell(ind, "value"), variant="fraction",
                      data={"number": v.number, "unit": v.unit})
        elif v.unit_kind == "area" and _built_area_above(ind.name, v, o):
            yield Hit(indicator=ind, place=cell(ind, "value"), variant="area",
                      data={"limit": Decimal(str(o["built_area_max"])), "number": v.number, "unit": v.unit})


def _one_year_project(form: Form, o: dict) -> bool:
    """项目期 or 项目属性 says one year, and neither says several (each read once)."""
    says = (_period_says(form), _type_says(form, o["one_year"], o.get("multi_year") or []))
    return "one" in says and "many" not in says


def _built_area_above(name: str, v, o: dict) -> bool:
    """A built area (the name holds a word of ``built_area_words``) above ``built_area_max`` 平方米."""
    from checker.values.units import load_units

    if "built_area_max" not in o or not any(w in name for w in o.get("built_area_words") or []):
        return False
    sqm = load_units().convert(v.number, v.unit, "平方米")
    return sqm is not None and sqm > Decimal(str(o["built_area_max"]))


def _whole_unit(unit: str) -> bool:
    """A count unit that is its own base (条, 户), not a multiple (万户: 0.5万户 is 5000 户)."""
    from checker.values.units import load_units

    u = load_units().get(unit)
    return u is not None and u.factor == 1
