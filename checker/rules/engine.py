"""The engine: run a rule pack's checks on a filing and turn hits into findings.

It knows no rule kind: it picks the applicable rules (form kind, budget year, select/ignore),
resolves dated parameters for the form's budget year, calls each kind function and renders the
rule's zh/en message templates with the hit's data. Doubtful input becomes X903 info.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from checker.model import Filing, Finding, Form, Indicator, Place
from checker.rules.conditions import unmet
from checker.rules.kinds import Hit, load_kinds
from checker.rules.pack import Check, Context, OnDay, Rule, RulePack
from checker.rules.unread import on_unread, unread_lines

DOUBT_CODE = "X903"
DOUBT_TEXT = {
    "name_truncated": ("指标名称可能被导出截断", "the indicator name may have been cut short by the export"),
    "row_shifted": ("该行单元格错位后由版面识别恢复", "the row's cells were shifted and recovered by the layout"),
    "value_shifted": ("指标值所在列存疑", "the column of the value is in doubt"),
    "grade_scale": ("指标值取自评价标准的分级（优/良/中/差）阈值，分级表不写比较符号，不按目标值的写法判断",
                    "the value is a grade threshold (优/良/中/差 evaluation standard), which such tables write "
                    "without a comparator, so it is not judged as a target's notation"),
    "level_unread": ("表中有指标行未写一级指标（其二级指标可能属于此一级指标），无法判断是否缺少",
                     "rows of the table give no level-1 (their level-2 may belong under this one), so whether "
                     "it is missing cannot be told"),
    "parts_unread": ("各组成金额均为0或未能识别（表头可能被截断），无法核对合计",
                     "every part is 0 or was not read (a cut-short label?), so the total cannot be checked"),
    "unit_unclear": ("两处金额恰差一万倍，应是其中一处的单位（元/万元）未能读准或印错",
                     "the two amounts differ by exactly 10,000 times: one table's unit (元/万元) was misread or misprinted"),
    "levels_unread": ("表中各级科目依次列出而无编码、缩进或序号区分层级，无法核对合计",
                      "the table lists its levels one under another with no code, indent or number to tell "
                      "them apart, so its totals cannot be checked"),
    "project_name_amount": ("项目名称与项目支出预算表中相近的项目不完全相同，且金额不同，无法确定是否同一项目",
                            "the name is close to, not the same as, a project of the project-expenditure table "
                            "and the amounts differ: it cannot be told whether it is that project"),
    "weight_unreadable": ("权重（分值）不是数字，无法核对合计", "a weight is not a number, so the total cannot be checked"),
    "header_unread": ("表头未能完整读取（页面可能被截断，或版面未能识别），无法判断表头是否缺少此项",
                      "the header was not read whole (the page may be cut off, or its layout was not recognised), "
                      "so whether it lacks this field cannot be told"),
    "part_unread": ("合计所需的一行金额在导出时被截断或错位（未能读取），无法核对合计",
                    "a row the sum needs was cut or shifted by the export (its amount not read), so the total "
                    "cannot be checked"),
    "value_missing": ("指标值为空（可能在导出时丢失），无法核对", "the value is empty (perhaps lost by the export), so it cannot be checked"),
    "period_conflict": ("项目属性与项目期互相矛盾（如一次性项目写项目期多年），无法判断是否为一年期项目",
                        "项目属性 and 项目期 contradict each other (a one-off project with a period of several "
                        "years), so whether the project lasts one year cannot be told"),
    "header_none": ("表题下未读到任何表头项（表头可能写成指标表的列，或此表是报告中的插表），无法判断表头是否缺少此项",
                    "not one header field was read under the title (the header may be columns of the "
                    "indicator table, or the table is one inside a report), so whether it lacks this field "
                    "cannot be told"),
    "row_unplaced": ("所在行有未能归入任何列的内容（X901），该行未能完整读取",
                     "its row holds content the layout could not place in any column (X901): the row was "
                     "not read whole"),
    "labels_lost": ("该行前面的单元格（含合并的一级/二级指标名称）在导出时丢失，其所属指标是推测的",
                    "the row lost its leading cells (merged level-1/level-2 names among them) in the export, "
                    "so where it belongs is a guess"),
    "cell_cut": ("文件在此处结束（页面可能被截断），该单元格可能不完整",
                 "the document ends here (the page may have been cut off): the cell may be incomplete"),
    "values_unread": ("指标表中没有一行读到指标值（指标值列可能未能识别）",
                      "not one row of the indicator table has a value read (the value column may not have "
                      "been recognised)"),
    "project_name_far": ("项目名称与项目支出预算表中金额相同的项目差别较大，无法确定是否同一项目",
                         "the name differs much from a project of the project-expenditure table with the same "
                         "amount: it cannot be told whether it is that project"),
}


def selected(code: str, select: set[str] | None, ignore: set[str] | None) -> bool:
    """True when ``code`` is selected (prefix match: ``S1`` selects S101–S113)."""
    if select and not any(code.startswith(s) for s in select):
        return False
    return not (ignore and any(code.startswith(s) for s in ignore))


def run_pack(pack: RulePack, filing: Filing, *, as_of: date | None = None,
             select: set[str] | None = None, ignore: set[str] | None = None) -> list[Finding]:
    """Findings of every selected, enabled rule on every form (see RulePack.check)."""
    kinds = load_kinds()
    rules = [r for r in pack.rules if r.enabled]
    if select or ignore:  # a check with neither asks no rule's code
        rules = [r for r in rules if selected(r.code, select, ignore)]
    findings: list[Finding] = []
    unread = unread_lines(filing)  # once per filing, not per check
    memo: dict[tuple, Any] = {}  # Context.once: shared by the filing's checks, dropped after it
    contexts: dict[date, Context] = {}  # one per day: a kind reads its context, never changes it
    plans: dict[tuple, tuple[Context, list[_Step]]] = {}  # (day, form kind, year) → what applies
    for form in filing.forms:
        day = pack.day_for(form, as_of)
        plan = plans.get((day, form.kind, form.year))
        if plan is None:
            on = pack.on_day(day)  # the parameters and resolved options of that day, shared by every form of its year
            ctx = contexts.get(day) or contexts.setdefault(day, _context(pack, filing, on, memo=memo))
            plan = plans[(day, form.kind, form.year)] = (ctx, _plan(rules, kinds, on, form))
        ctx, steps = plan
        for step in steps:
            if step.rule.when and unmet(form, step.on.resolve(step.rule.when)):
                continue
            for check, resolved in step.runs or step.resolve():
                findings += _run_resolved(kinds, check, resolved, form, ctx, unread)
    on = pack.on_day(pack.day_for(None, as_of))
    ctx = _context(pack, filing, on, memo=memo)
    for rule in rules:  # filing-scope kinds (an amount stated twice in one document …)
        for check in rule.checks:
            if kinds[check.kind].scope == "filing":
                findings += _run_resolved(kinds, check, on.check(check), None, ctx, unread)
    return findings


class _Step:
    """One rule of a plan: its form-scope checks that apply (``checks``) and, once the rule has
    run on a form of the plan, each with its options resolved for the day (``runs``: resolved
    when first needed, so a missing parameter raises on the first form whose rule runs, as when
    every form asked OnDay.check)."""

    __slots__ = ("rule", "checks", "on", "runs")

    def __init__(self, rule: Rule, checks: list[Check], on: OnDay):
        self.rule, self.checks, self.on = rule, checks, on
        self.runs: list[tuple[Check, Check]] | None = None

    def resolve(self) -> list[tuple[Check, Check]]:
        """(check, its resolved copy) for each check; raises ParameterError as OnDay.check."""
        if self.runs is None:
            self.runs = [(check, self.on.check(check)) for check in self.checks]
        return self.runs


def _plan(rules: list[Rule], kinds, on: OnDay, form: Form) -> list[_Step]:
    """The rules that apply to forms of ``form``'s kind and budget year on ``on``'s day, each
    with its form-scope checks that do: the same for every such form of a filing, so worked out
    once for them. Whether a rule's ``when`` holds depends on the form's own header: asked per form."""
    plan = []
    for rule in rules:
        if rule.forms and form.kind not in rule.forms:
            continue
        if not _in_years(on, rule.years, form):
            continue
        plan.append(_Step(rule, [c for c in rule.checks if kinds[c.kind].scope == "form" and _in_years(on, c.years, form)
                                 and not (c.forms and form.kind not in c.forms)], on))
    return plan


@dataclass
class Explanation:
    """Why one rule did or did not fire on one form (``checker rules explain``): ``applies`` and
    ``reason`` when not; per check, its kind, the options with the parameters in force on ``day``
    and the findings it gave (their data are the values the check computed)."""

    form: Form
    day: date
    applies: bool
    reason: str = ""
    checks: list[tuple[Check, dict, list[Finding]]] = field(default_factory=list)
    notes: dict[int, list[str]] = field(default_factory=dict)  # check index → what it computed


def explain(pack: RulePack, code: str, filing: Filing, *, as_of: date | None = None) -> list[Explanation]:
    """One Explanation per form of ``filing`` for the rule ``code`` (enabled or not). Raises
    KeyError when the pack has no such rule."""
    kinds = load_kinds()
    rule = pack.rule(code)
    if rule is None:
        raise KeyError(code)
    out = []
    for form in filing.forms:
        day = pack.day_for(form, as_of)
        ex = Explanation(form, day, applies=True)
        if rule.forms and form.kind not in rule.forms:
            ex.applies, ex.reason = False, f"form kind {form.kind} not in {', '.join(rule.forms)}"
        elif not _in_years(pack.on_day(day), rule.years, form):
            ex.applies, ex.reason = False, f"budget year {form.year} outside {rule.years}"
        elif not rule.enabled:
            ex.applies, ex.reason = False, "switched off by the profile"
        elif (why := unmet(form, pack.resolve(rule.when, day))):
            ex.applies, ex.reason = False, f"condition not met: {why}"
        else:
            for check in rule.checks:
                if (check.forms and form.kind not in check.forms) or not _in_years(pack.on_day(day), check.years, form):
                    continue
                notes = ex.notes.setdefault(check.index, [])
                if kinds[check.kind].scope != "form":
                    found = [f for f in _run(pack, kinds, check, None, filing, day) if f.form == form.id]
                else:
                    found = _run(pack, kinds, check, form, filing, day, trace=notes)
                ex.checks.append((check, pack.resolved(check, day).options, found))
        out.append(ex)
    return out


def _in_years(on: OnDay, years: dict | None, form: Form) -> bool:
    """Whether a rule's or check's ``years`` admit the form's budget year. A form whose year was
    not read is judged by the rules in force now: bounds from a year on admit it, bounds that end
    (``to``, ``before``: an older template's rules) do not, so S103's error for a 2022+ form and its
    info for an older one never both fire on one form."""
    if not years:
        return True
    if form.year is None:
        return years.get("to") is None and years.get("before") is None
    lo = on.resolve(years.get("from"))
    hi = on.resolve(years.get("to"))
    before = on.resolve(years.get("before"))
    return ((lo is None or form.year >= int(lo)) and (hi is None or form.year <= int(hi))
            and (before is None or form.year < int(before)))


def _context(pack: RulePack, filing: Filing, on: OnDay, trace: list[str] | None = None,
             memo: dict | None = None) -> Context:
    return Context(filing=filing, as_of=on.day, params=on.params, taxonomy=pack.taxonomy, pack=pack, trace=trace,
                   memo={} if memo is None else memo)


def _run(pack, kinds, check: Check, form: Form | None, filing: Filing, day: date,
         trace: list[str] | None = None) -> list[Finding]:
    on = pack.on_day(day)
    return _run_resolved(kinds, check, on.check(check), form, _context(pack, filing, on, trace), unread_lines(filing))


def _run_resolved(kinds, check: Check, resolved: Check, form: Form | None, ctx: Context,
                  unread: dict[tuple, str]) -> list[Finding]:
    """Findings of one check (``resolved``: its options with the day's parameter values) on one
    form (or the filing, ``form`` None); a kind that raises gives an X990 instead."""
    out = []
    try:
        for hit in kinds[check.kind].func(resolved, form, ctx) or ():
            target = form if form is not None else hit.form
            if not hit.doubt and unread:
                hit.doubt = on_unread(hit, target, unread)
            out.append(doubt_finding(check.rule, hit, target) if hit.doubt else to_finding(check, hit, target, ctx))
    except Exception as exc:  # noqa: BLE001 - one rule's bug must not hide the other rules' findings
        out.append(rule_failed(check, form, exc))
    return out


RULE_FAILED_CODE = "X990"


def rule_failed(check: Check, form: Form | None, exc: Exception) -> Finding:
    """X990 warning: a rule raised on this form (a checker bug, not the filer's fault); the
    other rules ran as usual."""
    what = f"{type(exc).__name__}: {exc}"[:200]
    code = check.rule.code
    return Finding(
        code=RULE_FAILED_CODE, severity="warning",
        message={"zh": f"规则 {code} 未能在本表上运行（检查器内部错误 {what}）；其他规则已照常检查，请把此表报告给维护者",
                 "en": f"rule {code} could not run on this form (internal error {what}); the other rules ran; "
                       "please report this form to the maintainers"},
        form=form.id if form else None, place=form.place if form else Place(),
        data={"rule": code, "error": what},
    )


def to_finding(check: Check, hit: Hit, form: Form | None, ctx: Context | None = None) -> Finding:
    """A Finding from a hit: severity and message from the variant, the check, then the rule.
    Messages may name the parameters in force (``{satisfaction_floor}``)."""
    rule = check.rule
    variant = (check.variants or {}).get(hit.variant or "") or rule.variants.get(hit.variant or "") or {}
    severity = hit.severity or variant.get("severity") or check.severity or rule.severity
    templates = variant.get("message") or check.message or rule.message
    data = {k: _text(v) for k, v in hit.data.items()}
    values = placeholders(hit, form, data, into=_Values(ctx.params if ctx else {}))
    ind = hit.indicator
    return Finding(
        code=rule.code, severity=severity,
        message={lang: render(t, values) for lang, t in templates.items()},
        form=form.id if form else None,
        indicator=ind.path if ind is not None else None,
        place=where(hit, form), data=data,
        row_text=ind.row_text if ind is not None else "",
        per_document=variant.get("per_document") if variant else (check.per_document or rule.per_document),
        variant=hit.variant,
    )


def doubt_finding(rule: Rule, hit: Hit, form: Form | None) -> Finding:
    """X903 info: the rule could not judge this input because the reading of it is in doubt."""
    zh, en = DOUBT_TEXT.get(hit.doubt or "", (hit.doubt or "", hit.doubt or ""))
    name = hit.indicator.name if hit.indicator is not None else (
        hit.data.get("field") or (form.name if form is not None else ""))
    return Finding(
        code=DOUBT_CODE, severity="info",
        message={"zh": f"规则 {rule.code} 未判定“{name}”：{zh}，请人工核对原表",
                 "en": f"rule {rule.code} not judged on '{name}': {en}; check the original form"},
        form=form.id if form else None,
        indicator=hit.indicator.path if hit.indicator is not None else None,
        place=where(hit, form), data={"rule": rule.code, "doubt": hit.doubt or "", **{k: _text(v) for k, v in hit.data.items()}},
        row_text=hit.indicator.row_text if hit.indicator is not None else "",
    )


def where(hit: Hit, form: Form | None) -> Place:
    """The hit's place, else its indicator's row, else the form's title."""
    if hit.place is not None:
        return hit.place
    if hit.indicator is not None:
        return hit.indicator.place
    return form.place if form is not None else Place()


def placeholders(hit: Hit, form: Form | None, data: dict[str, str] | None = None,
                 into: dict[str, Any] | None = None) -> dict[str, Any]:
    """Named values a message may use: the indicator's fields (``value_unit``: the value with its
    unit column, never twice), the form's, then the hit's data (``data``: already as text). Put
    into ``into`` (the finding's _Values) when given, else into a new dict; returns it."""
    values: dict[str, Any] = {} if into is None else into
    if form is not None:  # stored one by one: update(**…) would build a dict of them first
        values["form"], values["form_id"], values["year"] = form.name or form.title, form.id, form.year or ""
    ind: Indicator | None = hit.indicator
    if ind is not None:
        values["level1"], values["level2"], values["name"] = ind.level1, ind.level2, ind.name
        values["value"], values["unit"], values["value_type"] = ind.value, ind.unit, ind.value_type
        values["value_unit"] = value_with_unit(ind.value, ind.unit)
    values.update({k: _text(v) for k, v in hit.data.items()} if data is None else data)
    return values


def value_with_unit(value: str, unit: str) -> str:
    """The value as the filer reads it with its unit column: ``≥90`` + ``%`` → ``≥90%``; a value
    that already ends with its unit (``≥90分`` under 分) is not given it twice."""
    value, unit = value.strip(), unit.strip()
    return value if not unit or value.endswith(unit) else value + unit


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class _Values(dict):
    """A message's values: the hit's placeholders (put in by placeholders()), else the value of
    the parameter in force of that name (looked up only for the names a template uses, not copied for every finding)."""

    __slots__ = ("params",)

    def __init__(self, params: dict):  # empty (dict.__new__ made it so): placeholders(into=...) fills it
        self.params = params

    def __missing__(self, key: str) -> Any:
        if key in self.params:
            return self.params[key].value
        return "{" + key + "}"


def render(template: str, values: dict[str, Any]) -> str:
    """``template`` with ``{name}`` placeholders filled; unknown ones stay visible as ``{name}``."""
    try:
        parts = _fields(template)
        if parts is None:  # a format spec, conversion, index or attribute: the general formatter
            return string.Formatter().vformat(template, (), values if isinstance(values, _Keep | _Values)
                                              else _Keep(values))
        lookup = values if isinstance(values, _Values) else _Keep(values)
        return "".join([literal if name is None else literal + format(lookup[name], "") for literal, name in parts])
    except (ValueError, IndexError, AttributeError, KeyError):
        return template


@lru_cache(maxsize=1024)  # the pack's message templates: parsed once, not for every finding
def _fields(template: str) -> tuple[tuple[str, str | None], ...] | None:
    """(literal text, field name or None) of a template whose fields are all plain names
    (``{name}``), as string.Formatter fills them; None when one is not. Raises ValueError for a
    template with an unmatched brace (as the formatter does)."""
    parts = []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        if name is not None and (spec or conversion or not name.isidentifier()):
            return None
        parts.append((literal, name))
    return tuple(parts)


def _text(v: Any) -> str:
    if isinstance(v, (list, tuple, set)):
        return "、".join(_text(x) for x in v)
    return "" if v is None else str(v)


