"""Project-period kinds: a one-year project's 实施期资金总额 against its 年度资金总额 (M308).

Form shape: the 项目支出绩效目标表 header of seed 003 (Shanxi), ``项目属性 一次性项目(1年结束) 项目期
1年`` and ``项目资金(元) 实施期资金总额: … 年度资金总额: …`` (header keys ``project_type``,
``period``, ``period_total``, ``budget_total``; checker/layout/header.py).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from checker.model import Form
from checker.rules.kinds import Hit, kind
from checker.rules.kinds._common import STR_LIST, options
from checker.rules.money import fmt_wan, written

# 项目期 lengths read by the value grammar: at most this many of each time unit is one year.
_ONE_YEAR = {"年": Decimal(1), "月": Decimal(12)}


@kind("one_year_funds", schema=options({
    "one_year": {**STR_LIST, "description": "words of 项目属性/项目类别 that mark a one-year project (一次性)"},
    "multi_year": {**STR_LIST, "description": "words of 项目属性 that mark a project of several years (经常性, 延续)"},
}, ["one_year"]))
def one_year_funds(check, form: Form, ctx) -> Iterable[Hit]:
    """A one-year project (项目属性 with a ``one_year`` word, or 项目期 read by the grammar as at
    most 1年 / 12个月) has 实施期资金总额 = 年度资金总额, compared in 万元 at the written precision.
    The header contradicting itself (一次性 with 项目期 99年) or an amount the reading could not
    take as money is a doubt (X903), not a finding. Placeholders: period_total, budget_total
    (万元), difference (万元). Source: M308 (a 实施期 block that is the year's block)."""
    o = check.options
    says = _period_says(form)
    typed = _type_says(form, o["one_year"], o.get("multi_year") or [])
    if "one" not in (says, typed):
        return
    if "many" in (says, typed):  # 一次性项目 with 项目期 3年: which one is wrong cannot be told
        yield Hit(place=_place(form, "period"), doubt="period_conflict", data={"field": "项目期"})
        return
    period, annual = form.header.get("period_total"), form.header.get("budget_total")
    if period is None or annual is None:
        return  # no 实施期 amount at all: a form without the two blocks (S111 asks for the budget)
    if period.money is None or annual.money is None:
        yield Hit(place=period.place, doubt="header_unread", data={"field": period.label or "实施期资金总额"})
        return
    p, a = written(period.money.amount, period.money.unit), written(annual.money.amount, annual.money.unit)
    if p.overlaps(a):
        return
    yield Hit(place=period.money.place or period.place,
              data={"period_total": fmt_wan(p.shown), "budget_total": fmt_wan(a.shown),
                    "difference": fmt_wan(abs(p.shown - a.shown))})


def _period_says(form: Form) -> str | None:
    """"one", "many" or None from 项目期 as the grammar reads it (1年, 12个月, 99年)."""
    field = form.header.get("period")
    if field is None or not field.raw.strip():
        return None
    from checker.values import ValueParseError, parse_value

    try:
        value = parse_value(field.raw.strip(), "", "")
    except ValueParseError:
        return None
    limit = _ONE_YEAR.get(getattr(value, "unit", None) or "")
    if getattr(value, "kind", None) != "duration" or limit is None or value.comparator not in (None, "="):
        return None
    return "one" if value.number <= limit else "many"


def _type_says(form: Form, one: list[str], many: list[str]) -> str | None:
    texts = " ".join(f.raw for k, f in form.header.items() if k == "project_type")
    if any(w in texts for w in one):
        return "one"
    if any(w in texts for w in many):
        return "many"
    return None


def _place(form: Form, key: str):
    field = form.header.get(key)
    return field.place if field is not None else form.place
