"""Weights on target forms (S115): a project's 权重/分值 column adds up to 100.

Sichuan's 项目绩效目标表 keeps part of the 100 outside the table, in its header (预算执行率权重,
header key ``execution_weight``, rules/header_labels.yaml): the table's weights plus it make 100.
A weight that is not a number, or a header weight left blank where the table falls short of 100
by what it would hold, is a doubt or a warning, never an error built on a cell not read.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from checker.layout.budget_numbers import number as _number  # 15, 15分, 15%: the cell's number
from checker.model import Form
from checker.rules.kinds import Hit, kind
from checker.rules.kinds._common import cell, named, options


@kind("weights_total", variants=("execution_blank", "project"), schema=options({
    "total": {"type": "number", "default": 100, "description": "what the weights add up to"},
}))
def weights_total(check, form: Form, ctx) -> Iterable[Hit]:
    """The indicators' weights (Indicator.weight, read from a 权重/分值 column) add up to ``total``,
    with the header's 预算执行率权重 when the form states one; in a batch list of several projects in
    one table (Indicator.project, a 项目名称 column), per project (variant ``project``, placeholder
    project). Only forms whose table has a weight column are judged. Variants: ``execution_blank`` (warning: the header's 预算执行率权重 is blank and
    the table is short of the total), doubt ``weight_unreadable`` (a weight cell that is no number).
    Placeholders: actual, expected, execution. Source: S115."""
    rows = [i for i in named(form, ctx) if i.weight is not None]
    projects = list(dict.fromkeys(i.project for i in rows))
    if len(projects) > 1:  # a batch list of several projects in one table: 100 per project
        for project in projects:
            for hit in _total([i for i in rows if i.project == project], form, check.options, ctx):
                hit.data["project"] = project or ""
                hit.variant = hit.variant or "project"
                yield hit
        return
    yield from _total(rows, form, check.options, ctx)


def _total(rows, form: Form, o: dict, ctx) -> Iterable[Hit]:
    """S115 on one project's rows (see weights_total)."""
    if not rows:
        ctx.note("no weight column read (not judged)")
        return
    unread = [i for i in rows if _number(i.weight) is None]
    if unread:
        yield Hit(indicator=unread[0], place=cell(unread[0], "name"), doubt="weight_unreadable",
                  data={"count": len(unread)})
        return
    total = sum((_number(i.weight) for i in rows), Decimal(0))
    want = Decimal(str(o.get("total", 100)))
    field = form.header.get("execution_weight")
    execution = _number(field.raw) if field is not None else None
    stated = _heading_total(form, rows)
    if total != want and stated == total:
        # the headings state these weights too (产出指标(50分) 效益指标(30分) 满意度指标(10分)): the rest
        # of the total stands outside the indicator table (预算执行率), not a slip of the filer's
        ctx.note(lambda: f"weights {total.normalize():f} = the level-1 headings' {stated.normalize():f}; the other "
                 f"{(want - total).normalize():f} are outside the table")
        return
    if total == want or (execution is not None and total + execution == want):
        ctx.note(lambda: f"weights {total.normalize():f}" + (f" + 执行率 {execution.normalize():f}" if execution is not None
                 else "") + f" = {want.normalize():f}")
        return
    data = {"actual": f"{total.normalize():f}", "expected": f"{want.normalize():f}",
            "execution": f"{execution.normalize():f}" if execution is not None else ""}
    if field is not None and execution is None and total < want:
        yield Hit(place=field.place, variant="execution_blank", data={**data, "rest": f"{(want - total).normalize():f}"})
        return
    yield Hit(place=cell(rows[0], "name"), data=data)


def _heading_total(form: Form, rows) -> Decimal | None:
    """The sum of the weights the level-1 headings state (form.level1_weights), when every level-1
    of ``rows`` states one; None otherwise."""
    level1s = {i.level1 for i in rows}
    weights = {k: _number(f.raw) for k, f in form.level1_weights.items()}
    if not level1s or not level1s <= weights.keys() or any(weights[k] is None for k in level1s):
        return None
    return sum((weights[k] for k in level1s), Decimal(0))
