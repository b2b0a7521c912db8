"""Money kinds: a total against the sum of its parts, each amount taken as the interval of
its written precision (checker/rules/money.py), compared in 万元 (M301–M304)."""

from __future__ import annotations

from typing import Iterable

from checker.model import Form
from checker.rules.kinds import Hit, kind
from checker.rules.kinds._common import PRED, STR_LIST, annual, cell, options, options_key, synonyms
from checker.layout.labels import normalize
from checker.rules.money import TO_WAN, ZERO, Interval, fmt_wan, written
from checker.rules.select import comparator, number, select, unit_of, value_kind
from checker.rules.vocabulary import cost_money_unit

_SIDE = {
    "type": "object", "additionalProperties": False,
    "properties": {
        "header": {**STR_LIST, "description": "header keys (budget_total, spend:基本支出 …); missing ones count 0"},
        "header_prefix": {"type": "string", "description": "every header key starting so (fund: …)"},
        "indicators": PRED,
        "comparator": {"type": "array", "items": {"enum": ["=", "≤", "≥", "<", ">", "none"]},
                       "description": "indicator parts: comparators taken (none = a bare amount)"},
        "per_year": {"type": "boolean", "default": False,
                     "description": "indicator parts: an amount per year (113.41万元/年) counts as a yearly amount"},
        "bare_multipliers": {"type": "boolean", "default": False,
                             "description": "indicator parts: 万/亿 written without 元 (≤3.42亿) are 万元/亿元, as "
                                            "rules/meaning.yaml says for cost rows"},
    },
}


@kind("sum", variants=("above", "alt_total", "below"), needs_values=False, schema=options({
    "total": _SIDE, "parts": _SIDE,
    "min_parts": {"type": "integer", "minimum": 1, "default": 1},
    "exclude_total": {"type": "boolean", "default": True,
                      "description": "an indicator taken as the total is not also a part"},
    "alt_total": {**_SIDE, "description": "a second total (实施期资金总额): parts equal to it give variant alt_total"},
    "zero_parts_doubt": {"type": "boolean", "default": False,
                         "description": "parts all 0 against a non-zero total: a source the reading missed (X903), not a filer's error"},
    "doubt_on": {**STR_LIST, "description": "layout doubts of an indicator part's row (row_cut, value_shifted …): such "
                                            "a row is left out of the sum, and a sum not above the total without it is "
                                            "a doubt (X903 part_unread) on that row, not the filer's shortfall"},
}, ["total", "parts"]))
def sum_(check, form: Form, ctx) -> Iterable[Hit]:
    """The parts add up to the total within the written precision (intervals overlap).
    Variants ``above`` (the parts exceed the total), ``below``, ``alt_total`` (the parts equal
    the second total instead, e.g. 实施期资金总额). Placeholders: expected (the total), actual
    (the sum), difference (absolute), unit (万元), parts, alt_total. A part whose row carries a
    ``doubt_on`` doubt is left out; unless the rest is already above the total, the hit is the
    doubt ``part_unread`` on that row (X903); with no other part, nothing is judged (M306 says
    why a cost row gives no amount). Source: M301–M304."""
    o = check.options
    totals = _amounts(form, o["total"], ctx)
    if not totals:
        ctx.note("no total on this form (not judged)")
        return
    total_label, total, total_place, total_ind = totals[0]
    parts = [p for p in _amounts(form, o["parts"], ctx)
             if not (o.get("exclude_total", True) and total_ind is not None and p[3] is total_ind)]
    unread = _doubtful(form, o, ctx)
    if unread:  # (few forms have a doubtful part row)
        parts = [p for p in parts if not any(p[3] is i for i in unread)]
    if unread and parts and not _sum(parts).above(total):
        # A part the export cut or shifted may be what is missing: only a sum already above is sure.
        yield Hit(indicator=unread[0], doubt="part_unread",
                  data={"expected": fmt_wan(total.shown), "total": total_label,
                        "unread": "、".join(i.name for i in unread)})
        return
    if len(parts) < o.get("min_parts", 1):
        ctx.note(lambda: f"{total_label} {fmt_wan(total.shown)} 万元; {len(parts)} part(s), fewer than "
                 f"{o.get('min_parts', 1)} (not judged)")
        return
    acc = _sum(parts)
    if acc.overlaps(total):
        ctx.note(lambda: f"{total_label} {fmt_wan(total.shown)} 万元 = parts {fmt_wan(acc.shown)} 万元 ("
                 + "、".join(f"{label} {fmt_wan(iv.shown)}" for label, iv, _, _ in parts) + ") within the written precision")
        return
    data = {"expected": fmt_wan(total.shown), "actual": fmt_wan(acc.shown),
            "difference": fmt_wan(abs(acc.shown - total.shown)), "unit": "万元", "total": total_label,
            "parts": "、".join(f"{label} {fmt_wan(iv.shown)}" for label, iv, _, _ in parts)}
    if o.get("zero_parts_doubt") and acc.shown == 0 and total.lo > 0:
        yield Hit(place=total_place, doubt="parts_unread", data=data)
        return
    alt = _amounts(form, o["alt_total"], ctx) if o.get("alt_total") else []
    if alt and acc.overlaps(alt[0][1]) and not alt[0][1].overlaps(total):
        yield Hit(place=total_place, indicator=total_ind, variant="alt_total", data={**data, "alt_total": alt[0][0]})
        return
    yield Hit(place=total_place, indicator=total_ind, variant="above" if acc.above(total) else "below", data=data)


def _sum(parts) -> Interval:
    acc = ZERO
    for p in parts:
        acc = acc + p[1]
    return acc


def _doubtful(form: Form, o: dict, ctx) -> list:
    """The indicator parts' rows (by the parts' predicate, whatever their value) that carry one
    of the layout doubts ``doubt_on`` names: their amount, if any, is not to be trusted."""
    marks, pred = set(o.get("doubt_on") or ()), o["parts"].get("indicators")
    if not marks or pred is None:
        return []
    return select([i for i in annual(form, ctx) if i.doubts and not marks.isdisjoint(i.doubts)], pred, synonyms(ctx))


def _amounts(form: Form, side: dict, ctx) -> list[tuple[str, Interval, object, object]]:
    """(label, interval in 万元, place, indicator or None) of every amount a side names. With
    ``ctx``, read once per form for every side written alike (Context.once): M301, M303, M306
    and M307 total ``{header: [budget_total]}``, and M306's ``summed`` is M303's ``parts``. The list
    is then shared: do not modify it."""
    if ctx is None:
        return _read_amounts(form, side, None)
    return ctx.once(("amounts", id(form), options_key(side)), lambda: _read_amounts(form, side, ctx))


def _read_amounts(form: Form, side: dict, ctx) -> list[tuple[str, Interval, object, object]]:
    """_amounts, read anew."""
    out = []
    keys = list(side.get("header") or [])
    if side.get("header_prefix"):
        keys += [k for k in form.header if k.startswith(side["header_prefix"])]
    for k in keys:
        f = form.header.get(k)
        if f is not None and f.money is not None:
            label = normalize(f.label) if f.label else k  # "实施期资金总额:" → "实施期资金总额"
            out.append((label, written(f.money.amount, f.money.unit), f.money.place or f.place, None))
    if side.get("indicators") is not None:
        allowed = side.get("comparator") or ["=", "≤", "none"]
        for ind in select(annual(form, ctx), side["indicators"], synonyms(ctx)):
            n, unit = number(ind), unit_of(ind)
            if side.get("bare_multipliers") and unit not in TO_WAN and getattr(ind.parsed, "unit", 1) is None:
                unit = cost_money_unit(getattr(ind.parsed, "unit_in_value", "")) or unit  # ≤3.42亿 in a cost row
            if side.get("per_year") and unit.endswith("/年") and unit[:-2] in TO_WAN:
                unit = unit[:-2]  # 万元/年 in an annual form: this year's amount (seed 003, 道路保洁费)
            if value_kind(ind) != "quantity" or n is None or unit not in TO_WAN:
                continue
            if (comparator(ind) or "none") in allowed:
                out.append((ind.name, written(n, unit), cell(ind, "value"), ind))
    return out
