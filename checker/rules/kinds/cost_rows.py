"""Cost rows M303 cannot total (M306): unit prices times their quantities, amounts written with a
bare multiplier (≤3.42亿), and a warning when nothing comparable with the budget remains.

Form shape: the 成本指标 rows of the 项目支出绩效目标表 (seed 003, Shanxi): ``按照居民单方气补贴
≥1.71元/方`` beside a 数量指标 ``供气量 15,300,000方``; ``每户危房补助 18000元`` beside ``改造户数
50户``; ``规划报批时间 2025年12月`` as the only cost row. Amounts are Decimal intervals in 万元 at
the written precision (checker/rules/money.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from checker.model import Form, Indicator
from checker.rules.kinds import Hit, kind
from checker.rules.kinds._common import PRED, annual, cell, named, options, synonyms
from checker.rules.kinds.money import _SIDE, _amounts
from checker.rules.money import TO_WAN, ZERO, Interval, exact, fmt_wan, written
from checker.rules.select import matches, select
from checker.rules.vocabulary import cost_money_unit

_FLOOR = ("≥", ">")
_CEILING = ("≤", "<")


@dataclass
class _Row:
    ind: Indicator
    amount: Interval | None = None  # 万元
    floor: bool = False  # ≥ amount: only its lower end is known
    ceiling: bool = False  # ≤ unit price (单处补助标准 ≤25万元): a cap, so its product is only an upper end
    price: tuple[Interval, str] | None = None  # (money per unit, in 万元; the unit priced)
    named_rate: Interval | None = None  # money named as a rate (补贴标准, 平均投资) with no unit to multiply


@kind("cost_totals", variants=("above", "below"), needs_values=True, schema=options({
    "total": _SIDE,
    "summed": {**_SIDE, "description": "the parts M303 sums: when any is found, M303 judges the form"},
    "rows": {**PRED, "description": "the cost rows"},
    "unit_cost": {**PRED, "description": "money rows that are a cost per unit by their name (每户, 人均 …)"},
    "per_quantity": {**PRED, "description": "quantities that are a rate, not a total (每天产生…, 日均…): never multiplied"},
    "reported_by_others": {**PRED, "description": "rows another rule reports as not being a cost (a date or a count: "
                                                 "S114); when every row left is one, this rule adds nothing"},
}, ["total", "summed", "rows"]))
def cost_totals(check, form: Form, ctx) -> Iterable[Hit]:
    """M306: where M303 finds no part to sum, the cost rows are totalled here: an amount with a
    bare multiplier (亿 → 亿元, rules/meaning.yaml), a floor (≥20万元) by its lower end, and a
    unit price (元/方, or money named 每户…) times the one quantity of the form in the unit priced
    (of several, the one named as the price is: 取暖费发放标准 × 取暖费发放人数); a price per unit
    and month (元/人/月) counts twelve months against the annual budget. A capped price (单处补助标准
    ≤25万元) times its quantity is only an upper end: never ``above``.
    The total against the budget: variants ``above`` / ``below``; rows left that give no amount:
    the default message (no total comparable with the budget), or a doubt when a row's value is
    empty (the export may have lost it). Placeholders: expected, actual (万元), parts, rows.
    Source: 财预〔2015〕88号 (目标与预算相匹配), issue 10."""
    o = check.options
    if _amounts(form, o["summed"], ctx):
        return  # M303's
    syn = synonyms(ctx)
    inds = select(annual(form, ctx), o["rows"], syn)
    if not inds:
        return
    rows = [_read(i, o.get("unit_cost"), syn) for i in inds]
    skip = {id(i) for i in select(named(form, ctx), o["per_quantity"], syn)} if o.get("per_quantity") else set()
    parts, left, capped = _totals(form, rows, set(map(id, inds)) | skip)
    totals = _amounts(form, o["total"], ctx)
    if parts and totals:
        label, total, place, _ = totals[0]
        acc = ZERO
        for _, iv in parts:
            acc = acc + iv
        floors = any(r.floor for r in rows) or bool(left)  # the true sum may be higher
        data = {"expected": fmt_wan(total.shown), "actual": _show(acc.shown),
                "parts": "、".join(f"{n} {_show(iv.shown)}" for n, iv in parts), "total": label}
        if acc.above(total):
            if not capped:
                yield Hit(place=place, variant="above", data=data)
            return  # a capped unit price times its quantity may exceed the budget: the cap is no cost
        if not floors and acc.below(total):
            yield Hit(place=place, variant="below", data=data)
            return
        if not left:
            return
    elif parts:
        return  # a total with no budget to compare: S111 asks for the budget
    rest = left if parts else [r.ind for r in rows]
    if totals and _named_rates_match(rows, rest, parts, totals[0][1]):
        return
    if not totals and all(r.named_rate is not None for r in rows if r.ind in rest):
        return  # money rows and no budget read to compare them with: S111's, not the filer's cost rows
    others = o.get("reported_by_others")
    if others and all(matches(i, others, syn) for i in rest):
        return  # one cause, one finding: S114 already says these rows are no cost
    if all(not i.value.strip() for i in rest):
        for i in rest:
            yield Hit(indicator=i, doubt="value_missing")
        return
    yield Hit(indicator=rest[0], place=cell(rest[0], "value"),
              data={"rows": "、".join(f"{i.name}（{_as_written(i)}）" for i in rest)})


def _as_written(ind: Indicator) -> str:
    """The value with its 度量单位 column (470 ⇥ 人/天 → 470人/天, corpus 05), or 空."""
    value, unit = ind.value.strip(), (ind.unit or "").strip()
    return (value + unit if value and unit and not value.endswith(unit) else value) or "空"


def _named_rates_match(rows: list[_Row], rest: list[Indicator], parts, total: Interval) -> bool:
    """True when every row left is money named as a rate (运营补贴标准 ≤2500万元) and, taken as
    amounts, they complete the total: the filer's 标准 is the year's amount, not a unit price."""
    rates = {id(r.ind): r.named_rate for r in rows if r.named_rate is not None}
    if not rest or any(id(i) not in rates for i in rest):
        return False
    acc = ZERO
    for iv in [iv for _, iv in parts] + [rates[id(i)] for i in rest]:
        acc = acc + iv
    return acc.overlaps(total)


def _show(wan: Decimal) -> str:
    """An amount in 万元 for a message: a product (8.94元 × 435717) is shown to 0.01 万元."""
    return fmt_wan(wan.quantize(Decimal("0.01")) if wan.as_tuple().exponent < -2 else wan)


def _read(ind: Indicator, unit_cost: dict | None, syn) -> _Row:
    """What a cost row gives: an amount, a floor, a unit price, or nothing comparable."""
    v = ind.parsed
    if getattr(v, "kind", None) != "quantity":
        return _Row(ind)
    unit = v.unit or cost_money_unit(v.unit_in_value or v.unit_in_column)
    if unit in TO_WAN:
        iv = written(v.number, unit)
        if unit_cost and matches(ind, unit_cost, syn):
            per = _unit_in_name(ind.name)
            return _Row(ind, price=(iv, per) if per else None, named_rate=None if per else iv,
                        ceiling=v.comparator in _CEILING)
        return _Row(ind, amount=iv, floor=v.comparator in _FLOOR)
    if v.unit_kind == "price" and v.unit and v.unit.count("/") in (1, 2):
        money, per, *period = v.unit.split("/")
        yearly = _per_year(period[0]) if period else Decimal(1)
        if money in TO_WAN and yearly is not None:
            return _Row(ind, price=(written(v.number, money) * exact(yearly), per), ceiling=v.comparator in _CEILING)
    return _Row(ind)


def _per_year(period: str) -> Decimal | None:
    """How many of ``period`` a year holds, from the units table (月 12, 季度 4, 年 1): a price per
    person and month (632元/人/月) costs 12 times that a year, against the annual budget. None for
    a period the table does not convert to years (天: working days or calendar days is unknown)."""
    from checker.values.units import load_units

    return load_units().convert(Decimal(1), "年", period)


def _totals(form: Form, rows: list[_Row], skip: set[int]) -> tuple[list[tuple[str, Interval]], list[Indicator], bool]:
    """(name, amount in 万元) of every row that gives one, the rows that give none, and whether a
    part is a capped unit price (≤) times its quantity."""
    parts, left, capped = [], [], False
    for r in rows:
        if r.amount is not None:
            parts.append((r.ind.name, r.amount))
            continue
        qty = _quantity(form, r.price[1], skip, r.ind.name) if r.price else None
        price = r.price[0] if r.price else r.named_rate
        if qty is None and r.named_rate is not None:
            qty = _named_count(form, r.ind.name, skip)
        if qty is None or price is None:
            left.append(r.ind)
            continue
        parts.append((f"{r.ind.name}×{qty[0].name}", price * qty[1]))
        capped = capped or r.ceiling
    return parts, left, capped


def _quantity(form: Form, per: str, skip: set[int], name: str = "") -> tuple[Indicator, Interval] | None:
    """The one quantity of the form (outside the cost rows and ``skip``) in the unit ``per`` (立方米, 户 …),
    converted to it. Of several, the one whose name alone begins as the priced row's ``name`` does
    (取暖费发放标准 → 取暖费发放人数, not 遗属补助发放人数; two characters at least); None when
    there is none, or several and no such one (which to multiply is unknown)."""
    from checker.values.units import load_units

    table = load_units()
    want = table.get(per)
    if want is None:
        return None
    found = []
    for i in named(form):
        v = i.parsed
        if id(i) in skip or i.block == "period" or getattr(v, "kind", None) != "quantity" or not v.unit:
            continue
        if v.comparator in ("≤", "<"):
            continue
        factor = table.convert(Decimal(1), v.unit, want.name)
        if factor is not None:
            found.append((i, written(v.number, "万元") * exact(factor)))
    if len(found) > 1:
        shared = [_shared_start(name, i.name) for i, _ in found]
        best = max(shared)
        found = [f for f, n in zip(found, shared) if n == best] if best >= 2 else found
    return found[0] if len(found) == 1 else None


def _named_count(form: Form, name: str, skip: set[int]) -> tuple[Indicator, Interval] | None:
    """For money named as a rate whose name gives no unit (设备采购单价 ≤2.5万元): the one count of
    the form (台, 户, 个 …; not a ≤ bound) whose name shares the most characters in a row with it,
    two at least (购置设备台数 =20台: 设备). None when no count shares a word, or several share
    as much (which to multiply is unknown)."""
    from checker.values.units import load_units

    table, found = load_units(), []
    for i in named(form):
        v = i.parsed
        if id(i) in skip or i.block == "period" or getattr(v, "kind", None) != "quantity" or not v.unit:
            continue
        unit = table.get(v.unit)
        if unit is None or unit.kind != "count" or v.comparator in ("≤", "<"):
            continue
        found.append((_shared_run(name, i.name), i, written(v.number, "万元")))
    best = max((n for n, _, _ in found), default=0)
    top = [(i, iv) for n, i, iv in found if n == best]
    return top[0] if best >= 2 and len(top) == 1 else None


def _shared_run(a: str, b: str) -> int:
    """The length of the longest run of characters two names share (设备采购单价, 购置设备台数 → 2)."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] not in b:
                break
            best = j - i
    return best


def _shared_start(a: str, b: str) -> int:
    """How many leading characters two names share (遗属补助发放标准, 遗属补助发放人数 → 6)."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _unit_in_name(name: str) -> str | None:
    """The unit a money row's name prices (每户危房补助 → 户, 亩均 → 亩), from the units table."""
    from checker.values.units import load_units

    table = load_units()
    for i, ch in enumerate(name):
        if ch == "单" and name[i + 1:i + 2] not in ("", "位", "价"):  # 单处, 单盏; 单位/单价 name no unit
            unit = table.get(name[i + 1])
            if unit is not None and unit.kind == "count":
                return unit.name
        if ch == "每":
            for n in (2, 1):
                unit = table.get(name[i + 1:i + 1 + n])
                if unit is not None and unit.kind not in ("money", "time"):  # 每年 is a yearly amount
                    return unit.name
        if ch == "均" and i > 0:
            unit = table.get(name[i - 1])
            if unit is not None and unit.kind != "money":
                return unit.name
    return None


@kind("department_costs", variants=("above", "not_money"), needs_values=True, schema=options({
    "total": _SIDE,
    "rows": {**PRED, "description": "the department form's cost rows"},
}, ["total", "rows"]))
def department_costs(check, form: Form, ctx) -> Iterable[Hit]:
    """M307: a department form's 成本 rows are money (an amount or a price; 万/亿 without 元 as in
    rules/meaning.yaml) — variant ``not_money`` for a date, count or text — and no amount
    exceeds the form's 资金总额 (surely, at the written precision) — variant ``above``. The rows
    are not summed: a department lists unit costs (人均, 每人每年) beside totals. An empty value
    is a doubt. Placeholders: expected, actual (万元). Source: 财预〔2021〕101号, issue 10."""
    o, syn = check.options, synonyms(ctx)
    totals = _amounts(form, o["total"], ctx)
    for ind in select(named(form, ctx), o["rows"], syn):
        if not ind.value.strip():
            yield Hit(indicator=ind, doubt="value_missing")
            continue
        row = _read(ind, None, syn)
        if row.amount is None and row.price is None:
            v = ind.parsed
            if getattr(v, "kind", None) in ("quantity", "range") and getattr(v, "unit_kind", None) == "price":
                continue  # a price of a compound unit (元/人/月): money per something
            yield Hit(indicator=ind, place=cell(ind, "value"), variant="not_money", data={})
            continue
        if row.amount is not None and totals and not row.floor and row.amount.above(totals[0][1]):
            yield Hit(indicator=ind, place=cell(ind, "value"), variant="above",
                      data={"expected": fmt_wan(totals[0][1].shown), "actual": _show(row.amount.shown)})
