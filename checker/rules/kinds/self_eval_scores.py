"""Rule kinds for the arithmetic of self-evaluation forms (E401–E407, 财预〔2020〕10号).

Every comparison is made at the precision the form wrote: a rate written ``100%`` passes for
any exact rate in (99, 101); a score written ``10`` for any computed score in (9, 11). Rounding
is never an error (issue 5); only a difference of at least one unit of the written last decimal
is reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from checker.layout.budget_numbers import fmt, number, unit_of_last_place
from checker.rules.kinds import Hit, kind
from checker.rules.kinds.self_eval_common import (
    execution_points,
    money_rows,
    money_table,
    scored,
    target_met,
    total_row,
    value,
)

HUNDRED = Decimal(100)
_NO_OPTIONS = {"type": "object", "additionalProperties": False, "properties": {}}


def _close(written: Decimal, exact: Decimal) -> bool:
    """True when ``exact`` rounds (or truncates) to ``written`` at its written precision."""
    return abs(exact - written) < unit_of_last_place(written)


def _rate_percent(cell_text: str, exact: Decimal | None = None) -> Decimal | None:
    """A written rate in %: ``96.5%`` → 96.5, ``100`` → 100, ``0.965`` (a fraction) → 96.5.

    A number below 2 without a % sign (``1``, ``1.00``, ``0.95``, ``1.04``) may be a fraction of
    one or a percentage: when the exact rate ``exact`` (in %) is known, the reading nearer to it
    is taken, so a fraction written ``1.00`` for 100% is not an error; without it, a non-integral
    number up to 1 is read as a fraction.
    """
    r = number(cell_text)
    if r is None:
        return None
    if "%" in cell_text or "％" in cell_text or r >= 2:
        return r
    if exact is not None:
        return min((r, r * HUNDRED), key=lambda x: abs(x - exact))
    return r * HUNDRED if r <= 1 and r != r.to_integral_value() else r


def _close_rate(written: str, exact: Decimal) -> bool:
    """True when the written rate agrees with ``exact`` (in %) at the precision written; a
    fraction (``0.9542``) is compared at its own precision, scaled to %. A number below 2 without
    a % sign may be either (``_rate_percent``): agreeing as either is no error (``0.00`` for
    0.01 ÷ 1.01 is 0.99% cut to a whole percent as a fraction, though it reads 0% both ways)."""
    raw = number(written)
    if raw is None:
        return True
    unit = unit_of_last_place(raw)
    if "%" in written or "％" in written or raw >= 2:
        return abs(exact - raw) < unit
    return abs(exact - raw) < unit or abs(exact - raw * HUNDRED) < unit * HUNDRED


@kind("execution_rate", variants=("zero_budget",), scope="form", schema=_NO_OPTIONS)
def execution_rate(check, form, ctx) -> Iterable[Hit]:
    """E401: 执行率 = 全年执行数 / 全年预算数 on every row of the money block that states a rate;
    a 全年预算数 of 0 with spending is reported (variant ``zero_budget``). A rate over 100% may
    be written capped at 100% (it is scored so; provinces' instructions say 超过100%的按100%计)."""
    table = money_table(form)
    if table is None:
        return
    for row in money_rows(table):
        budget, spent, rate_cell = value(row.get("全年预算数")), value(row.get("全年执行数")), row.get("执行率")
        if budget is None or spent is None:
            continue
        label = row["项目"].text if "项目" in row else ""
        if budget == 0:
            if spent > 0:
                yield Hit(place=row["全年预算数"].place, variant="zero_budget",
                          data={"row": label, "budget": fmt(budget), "spent": fmt(spent)})
            continue
        if rate_cell is None or number(rate_cell.text) is None:
            continue
        exact = spent / budget * HUNDRED
        if exact > HUNDRED and _rate_percent(rate_cell.text, exact) == HUNDRED:
            continue  # spent beyond the budget, rate written capped at 100% as it is scored
        if not _close_rate(rate_cell.text, exact):
            yield Hit(place=rate_cell.place, data={
                "row": label, "budget": fmt(budget), "spent": fmt(spent), "actual": rate_cell.text,
                "expected": fmt(exact.quantize(Decimal("0.01"))) + "%"})


@kind("execution_score", scope="form", schema=_NO_OPTIONS)
def execution_score(check, form, ctx) -> Iterable[Hit]:
    """E402: 执行率得分 = min(执行率, 100%) × 分值, with the rate as written (or computed from
    全年执行数 / 全年预算数 when no rate is written); a score that matches the exact rate instead
    of the rounded one written is no error. On the total row, or on each row that states a 分值
    when the total row does not (基本支出 5 分, 项目支出 5 分)."""
    for row in _scored_money_rows(form):
        hit = _execution_row_hit(row)
        if hit is not None:
            yield hit


def _scored_money_rows(form) -> list[dict]:
    """The money rows that carry 执行率 points: the total row when it states a 分值, else every
    row that does."""
    table = money_table(form)
    if table is None:
        return []
    row = total_row(table)
    if row is not None and value(row.get("分值")) is not None:
        return [row]
    return [r for r in money_rows(table) if value(r.get("分值")) is not None]


def _is_total(row: dict) -> bool:
    label = row.get("项目")
    return label is None or any(t in label.text for t in ("资金总额", "合计"))


def _execution_row_hit(row: dict) -> Hit | None:
    weight, score_cell = value(row.get("分值")), row.get("得分")
    score = value(score_cell)
    if weight is None or score is None:
        return None
    budget, spent = value(row.get("全年预算数")), value(row.get("全年执行数"))
    exact = spent / budget * HUNDRED if budget and spent is not None else None
    rate = _rate_percent(row["执行率"].text, exact) if row.get("执行率") is not None else None
    if rate is None:
        if exact is None:
            return None
        rate = exact
    expected = min(rate, HUNDRED) / HUNDRED * weight
    # A filer may score from the exact rate rather than the rounded one written (95% written,
    # 95.4% spent, 9.54 scored): either reading is right.
    from_exact = min(exact, HUNDRED) / HUNDRED * weight if exact is not None else expected
    if _close(score, expected) or _close(score, from_exact):
        return None
    return Hit(place=score_cell.place, data={
        "rate": fmt(rate) + "%", "weight": fmt(weight), "actual": fmt(score),
        "expected": fmt(expected.quantize(Decimal("0.01")))})


@kind("score_weights", variants=("level1", "level1_note", "level1_template", "total", "total_row"), scope="form", schema={
    "type": "object", "additionalProperties": False,
    "properties": {
        "total": {"type": "number", "description": "what all weights add up to (100)"},
        "split": {"type": "object", "additionalProperties": {"type": "number"},
                  "description": "level-1 → its weight in the province's template (产出指标: 50 …), for forms "
                                 "that state none (a profile's overrides set it); absent: only stated weights "
                                 "are checked"},
    },
})
def score_weights(check, form, ctx) -> Iterable[Hit]:
    """E403: the weights (分值) of the indicators and of the 执行率 add up to 100 (option
    ``total``), and those under each level-1 to the weight the form states for it: in its heading
    (产出指标(50分), variant ``level1``), else in its notes under the table (注：产出指标50分、
    效益指标30分…, header ``notes``, variant ``level1_note``), else in the template's ``split``
    (a profile's ``overrides`` option, variant ``level1_template``). When the weights do add up, the
    总分 row's own 分值 must be that total too (variant ``total_row``).

    Every indicator with a 分值 counts, scored or not (a row left unscored as not evaluated
    still holds its weight). Indicators that alone weigh ``total`` are a framework whose 100
    leaves the money block's 执行率 points outside (财预〔2013〕53号: 投入/过程/产出/效果)."""
    weighted = weighted_indicators(form)
    if not weighted:
        return
    total = Decimal(str(check.options.get("total", 100)))
    exec_w = execution_points(form)[0]
    for level1, (stated, place, variant) in stated_split(form, check.options.get("split") or {}).items():
        parts = [w for ind, w in weighted if ind.level1 == level1]
        if parts and sum(parts) != stated:
            yield Hit(place=place, variant=variant, data={
                "level1": level1, "expected": fmt(stated), "actual": fmt(sum(parts)), "count": len(parts)})
    doubtful = list(_unreadable(form, "weight"))
    yield from doubtful
    if doubtful:
        return
    if execution_in_total(form, total) is not None:
        yield from _total_row(form, total)
        return
    place = form.header["total_weight"].place if "total_weight" in form.header else form.place
    yield Hit(place=place, variant="total", data={
        "expected": fmt(total), "actual": fmt(sum((w for _, w in weighted), Decimal(0)) + (exec_w or 0)),
        "execution": fmt(exec_w) if exec_w is not None else "—"})


def _total_row(form, total: Decimal) -> Iterable[Hit]:
    """The weights add up to ``total``; the 总分 row's 分值 (header ``total_weight``) must give that
    total, or the indicators' own sum where the row totals the indicator table only (总分 90 under
    a 执行率 of 10 above it), else variant ``total_row``. A 分值 that is no number says nothing."""
    field = form.header.get("total_weight")
    stated = number(field.raw) if field is not None else None
    indicators = sum((w for _, w in weighted_indicators(form)), Decimal(0))
    if stated is not None and stated not in (total, indicators):
        yield Hit(place=field.place, variant="total_row", data={"expected": fmt(total), "actual": fmt(stated)})


def stated_split(form, template: dict) -> dict[str, tuple[Decimal, object, str]]:
    """level-1 (as the form writes it) → (its stated weight, where it is stated, the variant):
    the heading's weight (form.level1_weights) first, then the notes' (``产出指标50分``, ``效益
    指标（30分）``: the level-1's name with or without 指标, then the number of 分), then
    ``template`` (level-1 → weight, names compared by rules/taxonomy.yaml). Weights not written
    as numbers are left out."""
    from checker.layout.vocab import level_key

    out: dict[str, tuple[Decimal, object, str]] = {}
    for level1, field in form.level1_weights.items():
        if (w := number(field.raw)) is not None:
            out[level1] = (w, field.place, "level1")
    notes = form.header.get("notes")
    template_keys = {level_key(k): v for k, v in template.items()}
    for level1 in dict.fromkeys(ind.level1 for ind in form.indicators if ind.level1):
        if level1 in out:
            continue
        if notes is not None and (w := _note_weight(notes.raw, level1)) is not None:
            out[level1] = (w, notes.place, "level1_note")
        elif (w := template_keys.get(level_key(level1))) is not None:
            out[level1] = (Decimal(str(w)), form.place, "level1_template")
    return out


def _note_weight(text: str, level1: str) -> Decimal | None:
    """The weight a note gives ``level1``: its name (指标 optional) then, after at most a bracket
    or colon, a number of 分 (产出指标50分, 效益（30分）, 满意度指标：10分); None when not stated."""
    import re

    stem = level1[:-2] if level1.endswith("指标") and len(level1) > 2 else level1
    m = re.search(re.escape(stem) + r"(?:指标)?\s*[（(:：]?\s*([0-9]+(?:\.[0-9]+)?)\s*分", text)
    return Decimal(m.group(1)) if m else None


def weighted_indicators(form) -> list[tuple[object, Decimal]]:
    """(indicator, weight) of every indicator whose 分值 is a number, scored or not."""
    return [(ind, w) for ind in form.indicators if (w := number(ind.weight)) is not None]


def execution_in_total(form, total: Decimal) -> bool | None:
    """Whether the 执行率 points belong to the 100: True when indicators and 执行率 together weigh
    ``total`` (财预〔2020〕10号), False when the indicators alone do and the money block's 执行率
    weight stands outside it (53号 framework, or 执行率 also scored as an indicator); None when
    the weights add up neither way."""
    ind_w = sum((w for _, w in weighted_indicators(form)), Decimal(0))
    exec_w = execution_points(form)[0]
    if ind_w + (exec_w or 0) == total:
        return True
    if exec_w and ind_w == total:
        return False
    return None


@kind("score_range", scope="form", schema=_NO_OPTIONS)
def score_range(check, form, ctx) -> Iterable[Hit]:
    """E404: 0 ≤ 得分 ≤ 分值 on every indicator row and on the 执行率 row."""
    for ind, w, s in scored(form):
        if s < 0 or s > w:
            yield Hit(indicator=ind, place=ind.cell_places.get("score"),
                      data={"actual": fmt(s), "weight": fmt(w), "row": ind.name})
    for row in _scored_money_rows(form):
        w, s = value(row.get("分值")), value(row.get("得分"))
        if w is not None and s is not None and (s < 0 or s > w):
            label = row["项目"].text if "项目" in row else ""
            name = "预算执行率" if _is_total(row) or not label else f"预算执行率（{label}）"
            yield Hit(place=row["得分"].place, data={"actual": fmt(s), "weight": fmt(w), "row": name})


@kind("total_score", variants=("grade", "sum", "sum_indicators"), scope="form", schema={
    "type": "object", "additionalProperties": False,
    "properties": {
        "total": {"type": "number", "description": "what all weights add up to (100)"},
        "grades": {
            "type": "array", "minItems": 1, "description": "grades from the highest: {grade, min, names}",
            "items": {"type": "object", "required": ["grade", "min"], "additionalProperties": False,
                      "properties": {"grade": {"type": "string"}, "min": {"type": "number"},
                                     "names": {"type": "array", "items": {"type": "string"}}}}}},
})
def total_score(check, form, ctx) -> Iterable[Hit]:
    """E405: 总分 = the sum of the indicator scores and the 执行率 score (variant ``sum``), or of
    the indicator scores alone when the indicators alone weigh ``total`` (variant
    ``sum_indicators``; see ``execution_in_total``); when the weights add up neither way either
    sum is accepted. The stated grade is the one the 总分 earns (option ``grades``: 优 ≥ 90,
    良 ≥ 80, 中 ≥ 60, 差; variant ``grade``)."""
    stated = number(form.total_score.raw) if form.total_score is not None else None
    rows = scored(form)
    exec_s = execution_points(form)[1]
    doubtful = list(_unreadable(form, "score")) if stated is not None else []
    yield from doubtful
    indicators_only = _total_row_weighs_indicators_only(form, Decimal(str(check.options.get("total", 100))))
    if stated is not None and rows and not doubtful:
        indicators = sum((s for _, _, s in rows), Decimal(0))
        with_exec = indicators + (exec_s or 0)
        counted = execution_in_total(form, Decimal(str(check.options.get("total", 100))))
        if indicators_only:
            counted = False  # 总分 | 90 | 87.5: the row totals the indicator table alone
        sums = {True: [with_exec], False: [indicators], None: [with_exec, indicators]}[counted]
        if not any(_close(stated, t) for t in sums):
            yield Hit(place=form.total_score.place, variant="sum" if counted is not False else "sum_indicators",
                      data={"expected": fmt(sums[0]), "actual": fmt(stated), "count": len(rows),
                            "execution": fmt(exec_s) if exec_s is not None else "—"})
    if stated is None or form.grade is None:
        return
    # the grade is earned by the whole score: an indicator-only 总分 row plus the 执行率 points
    overall = stated + (exec_s or 0) if indicators_only else stated
    earned = _grade_for(overall, check.options.get("grades") or [])
    if earned is not None and not _same_grade(form.grade.raw, earned):
        yield Hit(place=form.grade.place, variant="grade", data={
            "expected": earned["grade"], "actual": form.grade.raw, "total": fmt(overall)})


def _total_row_weighs_indicators_only(form, total: Decimal) -> bool:
    """True when the 执行率 points belong to the ``total`` (indicators 90 + 执行率 10) but the 总分
    row's 分值 is the indicators' weight alone (总分 | 90 | 87.5): that row's score is the
    indicator table's sum, not the form's overall score."""
    field = form.header.get("total_weight")
    written = number(field.raw) if field is not None else None
    ind_w = sum((w for _, w in weighted_indicators(form)), Decimal(0))
    return written is not None and written == ind_w != total and execution_in_total(form, total) is True


def _unreadable(form, what: str) -> Iterable[Hit]:
    """X903 doubts for rows whose 分值/得分 the layout could not read as a number: a sum over
    the others would blame the filer for the export's damage."""
    for ind in form.indicators:
        if f"{what}_unreadable" in ind.doubts:
            yield Hit(indicator=ind, place=ind.cell_places.get(what), doubt=f"{what}_unreadable",
                      data={"raw": getattr(ind, what) or ""})


def _grade_for(total: Decimal, grades: list[dict]) -> dict | None:
    for g in sorted(grades, key=lambda g: -g["min"]):
        if total >= Decimal(str(g["min"])):
            return g
    return None


def _same_grade(written: str, grade: dict) -> bool:
    names = [grade["grade"]] + list(grade.get("names") or [])
    return written.strip() in names


@kind("deviation_explained", variants=("below", "unmet"), scope="form", schema=_NO_OPTIONS)
def deviation_explained(check, form, ctx) -> Iterable[Hit]:
    """E406: a row scored below its weight, or whose target was certainly not met, gives
    偏差原因分析及改进措施. Forms without that column are not judged."""
    if not any(ind.deviation is not None for ind in form.indicators):
        return
    weights = {id(ind): (w, s) for ind, w, s in scored(form)}
    for ind in form.indicators:
        if (ind.deviation or "").strip(" \u3000/—-无"):
            continue
        w_s = weights.get(id(ind))
        below = w_s is not None and w_s[1] < w_s[0]
        unmet = target_met(ind) is False
        if below or unmet:
            yield Hit(indicator=ind, place=ind.cell_places.get("deviation") or ind.place,
                      variant="below" if below else "unmet", data={
                          "weight": fmt(w_s[0]) if w_s else "", "actual": fmt(w_s[1]) if w_s else "",
                          "target": ind.value, "achieved": ind.actual or ""})


@kind("unmet_full_score", scope="form", schema=_NO_OPTIONS)
def unmet_full_score(check, form, ctx) -> Iterable[Hit]:
    """E407: a target certainly not met (same unit, stated or floor direction) scored in full."""
    for ind, w, s in scored(form):
        if s >= w > 0 and target_met(ind) is False:
            yield Hit(indicator=ind, place=ind.cell_places.get("score") or ind.place, data={
                "target": ind.value, "achieved": ind.actual or "", "weight": fmt(w), "actual": fmt(s)})
