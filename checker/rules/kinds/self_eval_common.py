"""What the self-evaluation kinds (E401–E407) share: the money block's cells, scores as
numbers, and whether a target was met.

Scores and rates are compared at the precision they were written with (RULES.md, Tolerance):
a score written ``10`` stands for anything that rounds to 10. A target counts as *not met* only
when target and actual are both plain quantities in the same unit and the comparison is
certain; prose, mixed units (100% against 139) or a cost without a stated direction are not
judged, because a false alarm costs more than a miss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from checker.layout.budget_numbers import number
from checker.model import Cell, Form, Indicator, Table

MONEY_TITLE = "预算执行情况"
_TOTAL_ROW = ("年度资金总额", "资金总额", "合计")

# Comparator words and glyphs at the front or the back of a target value.
_FRONT = {
    "≥": "≥", "≧": "≥", ">=": "≥", "不低于": "≥", "不少于": "≥", "大于等于": "≥", "达到": "≥",
    "≤": "≤", "≦": "≤", "<=": "≤", "不高于": "≤", "不超过": "≤", "小于等于": "≤", "低于": "<",
    ">": ">", "＞": ">", "<": "<", "＜": "<", "=": "=", "＝": "=",
}
_BACK = {"以上": "≥", "及以上": "≥", "以下": "≤", "及以下": "≤", "以内": "≤"}
_QUANTITY = re.compile(
    r"^(?P<front>≥|≧|>=|≤|≦|<=|>|＞|<|＜|=|＝|不低于|不少于|大于等于|不高于|不超过|小于等于|低于|达到)?\s*"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit>%|％|[A-Za-z㎡³²/\u4e00-\u9fff]{0,4}?)\s*"
    r"(?P<back>及以上|以上|及以下|以下|以内)?$"
)
_NEGATIVE = ("成本", "费用", "投诉", "事故", "超支", "发生率", "违规", "差错", "损失",
             # durations, prices and losses: the fewer the better, so a bare number is no floor
             "时限", "时长", "用时", "耗时", "周期", "天数", "单价", "造价", "价格", "漏损", "损耗",
             "能耗", "排放", "浓度", "误差", "返工",
             # budget-management rates of the department frameworks: the lower the better
             "结转", "结余", "调整率", "变动率", "控制率", "超标", "偏差率", "闲置", "拖欠", "欠款")
# Level-2 groups whose bare numbers state no direction: a deadline or a duration (时效), a cost.
_UNDIRECTED_LEVEL2 = ("成本", "时效")


@dataclass(frozen=True)
class Target:
    """A plain quantity: comparator (or None when none was written), number and unit text."""

    comparator: str | None
    number: Decimal
    unit: str


def plain_quantity(text: str | None) -> Target | None:
    """``≥90%`` → Target("≥", 90, "%"); ``19户`` → Target(None, 19, "户"); prose → None."""
    if not text:
        return None
    m = _QUANTITY.match(text.strip().replace(" ", "").replace("\u3000", ""))
    if not m:
        return None
    cmp_ = _FRONT.get(m.group("front") or "") or _BACK.get(m.group("back") or "")
    unit = "%" if m.group("unit") in ("%", "％") else m.group("unit")
    return Target(cmp_, Decimal(m.group("num").replace(",", "")), unit)


def target_met(ind: Indicator) -> bool | None:
    """True/False when certain, None when the target cannot be judged (see module doc).

    A target without comparator counts as a floor (≥), except under 成本 or 时效 (a deadline or a
    duration) or for a name that measures something bad or a duration (投诉, 事故, 时限 …), where
    the direction is not stated and is left alone.
    """
    target, actual = plain_quantity(ind.value), plain_quantity(ind.actual)
    if target is None or actual is None or target.unit != actual.unit:
        return None
    if actual.comparator not in (None, "=", target.comparator):
        return None  # an actual written as a range ("≥90%") states no more than the target
    cmp_ = target.comparator
    if cmp_ is None:
        if any(w in ind.level1 or w in ind.level2 for w in _UNDIRECTED_LEVEL2) or any(w in ind.name for w in _NEGATIVE):
            return None
        cmp_ = "≥"
    a, t = actual.number, target.number
    return {"≥": a >= t, ">": a > t, "≤": a <= t, "<": a < t, "=": a == t}[cmp_]


def money_table(form: Form) -> Table | None:
    """The money block Table of a self-evaluation form (columns 项目, 年初预算数 … 得分)."""
    for t in form.tables:
        if "全年预算数" in t.columns:
            return t
    return None


def money_rows(table: Table) -> list[dict[str, Cell]]:
    """The money block's rows as column name → Cell (missing cells left out)."""
    return [{col: cell for col, cell in zip(table.columns, row)} for row in table.rows]


def total_row(table: Table) -> dict[str, Cell] | None:
    """The 年度资金总额 row of the money block, or its first row."""
    rows = money_rows(table)
    for r in rows:
        label = r.get("项目")
        if label is not None and any(t in label.text for t in _TOTAL_ROW):
            return r
    return rows[0] if rows else None


def value(cell: Cell | None) -> Decimal | None:
    """The number a cell holds (``10分`` → 10, ``100%`` → 100), None for text or ``—``."""
    return number(cell.text) if cell is not None else None


def scored(form: Form) -> list[tuple[Indicator, Decimal, Decimal]]:
    """(indicator, weight, score) of every indicator whose 分值 and 得分 are both numbers."""
    out = []
    for ind in form.indicators:
        w, s = number(ind.weight), number(ind.score)
        if w is not None and s is not None:
            out.append((ind, w, s))
    return out


def execution_weight_and_score(form: Form) -> tuple[Cell | None, Cell | None]:
    """The 分值 and 得分 cells of the money block's total row (the 预算执行率 part of the score)."""
    table = money_table(form)
    row = total_row(table) if table is not None else None
    if row is None:
        return None, None
    return row.get("分值"), row.get("得分")


def execution_points(form: Form) -> tuple[Decimal | None, Decimal | None]:
    """(weight, score) of the 执行率 part of the score: the money block's total row, or, when that
    row states no 分值, the sum over the rows that do (基本支出 5 分 + 项目支出 5 分, a province
    scoring each kind of spending's rate); (None, None) when no row states a 分值."""
    w_cell, s_cell = execution_weight_and_score(form)
    if value(w_cell) is not None:
        return value(w_cell), value(s_cell)
    table = money_table(form)
    rows = [r for r in money_rows(table) if value(r.get("分值")) is not None] if table is not None else []
    if not rows:
        return None, None
    scores = [value(r.get("得分")) for r in rows]
    weight = sum((value(r["分值"]) for r in rows), Decimal(0))
    return weight, (sum(scores, Decimal(0)) if None not in scores else None)
