"""Rule kind ``narrative_arithmetic`` (M309): arithmetic written in a form's narrative text agrees
with itself, at the precision it was written with.

The texts are the form's narrative paragraphs (Form.paragraphs: 项目概况, 立项依据, 实施内容 …,
the label in the first cell; checker/layout/narrative.py) and the header fields the rule names
(``annual_goal``: 总体目标 / 年度目标 / 年度履职目标). checker.values.narrative reads them with
grammar/narrative.lark. Three shapes are judged (variants):

- ``product``: an amount with its arithmetic in brackets, ``1005.04(260*106*265)万元``;
- ``equation``: arithmetic written out with its result, ``200元/人×300人=6万元``, ``3万元+2万元=5万元``;
- ``parts``: a total and the parts the text lists for it, ``申请工作经费8万元，主要用于日常办公3万元，
  差旅费2万元。`` (only where the list is clearly the total's parts: checker.values.narrative.breakdowns).

Tolerance: a written result stands for half a unit of its last digit either side (1005.04 万元:
±0.005); a factor with decimals likewise (7.6元: ±0.05), whole numbers are exact counts; 约 or
左右 widen a figure by the share ``approx_share``. Money is converted through
checker.rules.money.TO_WAN. Arithmetic whose factors carry no unit (260*106*265 beside 万元) is
compared in each money unit (元, 千元, 万元 …): it is wrong only when no unit makes it agree.
Arithmetic with two money factors, or a unit rules/units.yaml does not know, is not judged.
The same statement written twice on a form (项目概况 and 总体目标) gives one finding.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Iterator

from checker.model import Cell, Form, Place
from checker.rules.kinds import Hit, kind
from checker.rules.kinds._common import NUMBER, STR_LIST, options
from checker.rules.money import TO_WAN, ZERO, Interval, fmt_wan, written
from checker.values.narrative import (Breakdown, BreakdownWords, Equation, Expr, Figure, Stated, breakdowns,
                                      may_hold_arithmetic, may_list_parts, prepare, read_narrative)


@kind("narrative_arithmetic", variants=("equation", "parts", "product"), schema=options({
    "header": {**STR_LIST, "description": "header keys whose text is narrative (annual_goal)"},
    "complete_words": {**STR_LIST, "description": "words after a total that introduce all of its parts (主要用于)"},
    "partial_words": {**STR_LIST, "description": "words after a total that may introduce some of its parts (其中): "
                                                 "only parts adding to more than the total are wrong"},
    "unclear_words": {**STR_LIST, "description": "words that make a list something else than the parts of a total "
                                                 "(比上年, 增长): such a list is not judged"},
    "approx_share": {**NUMBER, "description": "how far 约 / 左右 widen a figure, as a share of it (0.1 = 10%)"},
}, ["complete_words", "approx_share"]))
def narrative_arithmetic(check, form: Form, ctx) -> Iterable[Hit]:
    """M309: products, sums and totals with their parts written in the narrative agree at the
    written precision. Variants ``product``, ``equation``, ``parts``. Placeholders: section (the
    label the text stands under), stated, expression, computed, total, sum, parts. Source:
    reviewers' practice [H], issue 10 item 5."""
    o = check.options
    words = BreakdownWords(tuple(o["complete_words"]), tuple(o.get("partial_words") or ()),
                           tuple(o.get("unclear_words") or ()))
    share = Decimal(str(o["approx_share"]))
    said: set[tuple[str, str]] = set()
    for section, cell in _texts(form, o.get("header") or []):
        for hit in _judge(cell, section, words, share):
            key = (hit.variant or "", hit.data.get("statement", ""))
            if key not in said:
                said.add(key)
                yield hit


def _texts(form: Form, header_keys: list[str]) -> Iterator[tuple[str, Cell]]:
    """(section label, text cell) of the narrative paragraphs, then of the named header fields."""
    for row in form.paragraphs:
        cells = [c for c in row.cells if c.text]
        if len(cells) >= 2:
            for c in cells[1:]:
                yield cells[0].text.strip(), c
    for key in header_keys:
        f = form.header.get(key)
        if f is not None and f.raw:
            yield f.label, Cell(f.raw, f.place)


def _judge(cell: Cell, section: str, words: BreakdownWords, share: Decimal) -> Iterator[Hit]:
    seen = prepare(cell.text)  # once for the tests and the reading below
    if not may_hold_arithmetic(cell.text, seen=seen) and not may_list_parts(cell.text, words, seen=seen):
        return  # no bracket, no equals sign, no word before parts: nothing to judge (most texts)
    items = read_narrative(cell.text, seen=seen)
    for it in items:
        if isinstance(it, (Stated, Equation)):
            hit = _arithmetic(it, share)
            if hit is not None:
                hit.place = _place(cell, it.start, it.end)
                hit.data["section"] = section
                yield hit
    for bd in breakdowns(cell.text, items, words, _is_money, seen=seen):
        hit = _parts(bd, share)
        if hit is not None:
            hit.place = _place(cell, bd.start, bd.end)
            hit.data["section"] = section
            yield hit


def _is_money(f: Figure) -> bool:
    """An amount of money (元, 万元 …), not a price or a yearly rate (元/人, 万元/年)."""
    return f.unit in TO_WAN and f.per is None


def _arithmetic(it: Stated | Equation, share: Decimal) -> Hit | None:
    """A Hit when the arithmetic does not give the stated amount in any unit it may be in."""
    stated = it.amount if isinstance(it, Stated) else it.result
    if it.expr.operators < 1:
        return None
    if stated.unit in TO_WAN:
        target = _widen(written(stated.number, stated.unit), stated, share)
        candidates = _money_values(it.expr, share)
    elif not stated.unit and _all_bare(it.expr):
        target = _widen(_plain(stated.number), stated, share)
        candidates = [("", _bare_sum(it.expr, share))]
    else:
        return None
    if not candidates or any(c.overlaps(target) for _, c in candidates):
        return None
    return Hit(variant="product" if isinstance(it, Stated) else "equation", data={
        "stated": f"{'约' if stated.approx else ''}{stated.raw}{stated.unit_text}",
        "expression": it.expr.text, "computed": _computed(candidates), "statement": it.text})


def _money_values(expr: Expr, share: Decimal) -> list[tuple[str, Interval]]:
    """The expression's value in 万元: one candidate when its money unit is written, one per
    money unit of TO_WAN when no factor carries one; [] when it cannot be judged."""
    units = [_money_unit(term) for term in expr.terms]
    if any(u is False for u in units):
        return []
    if all(u is None for u in units):
        plain = _bare_sum(expr, share)
        return [(u, Interval(plain.lo * f, plain.hi * f, plain.shown * f)) for u, f in TO_WAN.items()]
    if any(u is None for u in units):
        return []  # 3万元 + 2: a bare term beside money is not read
    total = ZERO
    for term, unit in zip(expr.terms, units):
        value = _product(term, share)
        f = TO_WAN[unit]  # type: ignore[index]
        total = total + Interval(value.lo * f, value.hi * f, value.shown * f)
    return [("万元", total)]


def _money_unit(term: tuple[Figure, ...]) -> str | None | bool:
    """The term's one money unit, None when it has none, False when it cannot be judged (two money
    factors, a unit rules/units.yaml does not know)."""
    from checker.values.units import load_units

    money = [f.unit for f in term if f.unit in TO_WAN]
    if len(money) > 1:
        return False
    for f in term:
        if f.unit not in TO_WAN and f.unit and load_units().get(f.unit) is None:
            return False
        if f.per and load_units().get(f.per) is None and f.per not in TO_WAN:
            return False
    return money[0] if money else None


def _all_bare(expr: Expr) -> bool:
    return all(not f.unit for term in expr.terms for f in term)


def _bare_sum(expr: Expr, share: Decimal) -> Interval:
    total = ZERO
    for term in expr.terms:
        total = total + _product(term, share)
    return total


def _product(term: tuple[Figure, ...], share: Decimal) -> Interval:
    value = Interval(Decimal(1), Decimal(1), Decimal(1))
    for f in term:
        value = value * _widen(_factor(f.number), f, share)
    return value


def _factor(number: Decimal) -> Interval:
    """A factor: a whole number is an exact count; a decimal stands for half a unit of its last digit."""
    exp = number.as_tuple().exponent
    if isinstance(exp, int) and exp >= 0:
        return Interval(number, number, number)
    return _plain(number)


def _plain(number: Decimal) -> Interval:
    exp = number.as_tuple().exponent
    half = Decimal(5).scaleb(exp - 1) if isinstance(exp, int) else Decimal(0)
    return Interval(number - half, number + half, number)


def _widen(iv: Interval, f: Figure, share: Decimal) -> Interval:
    if not f.approx:
        return iv
    d = abs(iv.shown) * share
    return Interval(iv.lo - d, iv.hi + d, iv.shown)


def _computed(candidates: list[tuple[str, Interval]]) -> str:
    """The computed value for the message: 730.34万元, or the bare product with its reading in 元."""
    if len(candidates) == 1:
        unit, iv = candidates[0]
        return f"{fmt_wan(iv.shown)}{unit}"
    in_yuan = dict(candidates)["元"].shown
    plain = in_yuan / TO_WAN["元"]
    return f"{fmt_wan(plain)}（按元计 {fmt_wan(in_yuan)}万元）"


def _parts(bd: Breakdown, share: Decimal) -> Hit | None:
    """A Hit when the listed parts do not add up to the total (complete lists) or exceed it."""
    total = _widen(written(bd.total.number, bd.total.unit), bd.total, share)
    acc = ZERO
    for p in bd.parts:
        acc = acc + _widen(written(p.number, p.unit), p, share)
    if acc.overlaps(total) or (not bd.complete and not acc.above(total)):
        return None
    listed = "+".join(f"{p.raw}{p.unit}" for p in bd.parts)
    return Hit(variant="parts", data={
        "total": f"{bd.total.raw}{bd.total.unit}", "sum": f"{fmt_wan(acc.shown)}万元", "parts": listed,
        "word": bd.word, "statement": f"{bd.total.raw}{bd.total.unit}={listed}"})


def _place(cell: Cell, start: int, end: int) -> Place:
    """The place of text[start:end] inside a one-line cell; the cell's place otherwise."""
    p = cell.place
    if p.line is None or p.column is None or p.end_line not in (None, p.line):
        return p
    return Place(line=p.line, column=p.column + start, end_line=p.line, end_column=p.column + end)
