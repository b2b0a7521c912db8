"""The formula kind: a comparison of sums of a form's amounts, in the formula language
(grammar/formula.lark), for arithmetic the other kinds do not cover: header amounts by name, and
sum/count/min/max over the indicators under a level-1 (or level-1/level-2)."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from checker.layout.labels import normalize
from checker.model import Form
from checker.rules.formula import parse_formula
from checker.rules.kinds import Hit, kind
from checker.rules.kinds._common import named, options, synonyms
from checker.rules.money import TO_WAN, Interval, exact, fmt_wan, written
from checker.rules.select import number, same_label, unit_of, value_kind

# Names a formula may use for the common header keys (the labels of GLOSSARY.md).
ALIASES = {
    "资金总额": "budget_total", "年度资金总额": "budget_total", "年度预算金额": "budget_total",
    "预算金额": "budget_total", "实施期资金总额": "period_total",
}


def _validate(o: dict):
    """The formula parses, and every name in it is one a form can have: a header key
    (rules/header_labels.yaml: budget_total, fund:一般公共预算 …), its label, an alias above, or a
    name of ``names`` / ``zero_if_missing``."""
    from checker.errors import CheckerError

    try:
        f = parse_formula(o["formula"])
    except CheckerError as exc:
        yield ("formula",), f"公式有误 / the formula does not parse: {exc}", "e.g. 资金总额 == 基本支出 + 项目支出"
        return
    from checker.layout.vocab import is_level1, label_level

    for label in f.labels:
        if label_level(label) is None and not is_level1(label):
            yield (("formula",), f"“{label}”不是已知的一级或二级指标名称 / {label!r} in the formula is no known "
                   "level-1 or level-2 indicator name (rules/taxonomy.yaml)", "e.g. sum(成本指标), count(产出指标/数量指标)")
    known = known_names() | set(o.get("names") or {}) | set(o.get("zero_if_missing") or [])
    for name in f.names:
        if name not in known and normalize(name) not in known:
            yield (("formula",), f"公式中的名称 {name!r} 不是表头中的项目 / unknown name {name!r} in the formula",
                   _did_you_mean(name, known))


def known_names() -> set[str]:
    """Names a formula may use: header keys and labels (rules/header_labels.yaml), the aliases."""
    from checker.layout.vocab import header_names

    return set(ALIASES) | header_names()


def _did_you_mean(name: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.5)
    return ("did you mean " + ", ".join(close) + "? " if close else "") + \
        "names are header keys (budget_total, fund:一般公共预算, spend:基本支出) or their labels; map others with `names`"


@kind("formula", variants=("above", "below"), validate=_validate, schema=options({
    "formula": {"type": "string", "minLength": 3, "description": "e.g. 资金总额 == 基本支出 + 项目支出"},
    "names": {"type": "object", "additionalProperties": {"type": "string"},
              "description": "formula name → header key, where the label differs"},
    "zero_if_missing": {"type": "array", "items": {"type": "string"},
                        "description": "names taken as 0 when the form leaves them out"},
}, ["formula"]))
def formula(check, form: Form, ctx) -> Iterable[Hit]:
    """The formula holds on the form's header amounts (each the interval of its written
    precision, in 万元). A form without one of the names is not judged. Variants ``above`` /
    ``below`` when an equality fails. Placeholders: formula, left, right, difference, unit."""
    o = check.options
    f = parse_formula(o["formula"])
    names = {**ALIASES, **(o.get("names") or {})}
    zero = set(o.get("zero_if_missing") or [])

    def lookup(name: str) -> Interval | None:
        field = _field(form, name, names)
        if field is None or field.money is None:
            return written(Decimal(0)) if name in zero else None
        return written(field.money.amount, field.money.unit)

    def prefix(p: str) -> list[Interval]:
        return [written(v.money.amount, v.money.unit) for k, v in form.header.items()
                if k.startswith(p) and v.money is not None]

    def aggregate(function: str, labels: tuple[str, ...]) -> Interval | None:
        return aggregate_indicators(form, function, labels, synonyms(ctx))

    out = f.evaluate(lookup, prefix, aggregate)
    if out is None:
        ctx.note("a name of the formula is not on this form (not judged)")
        return
    if out.holds:
        ctx.note(lambda: f"{fmt_wan(out.left.shown)} {out.op} {fmt_wan(out.right.shown)} (万元): holds")
        return
    total = form.header.get("budget_total")
    variant = ("above" if out.left.lo > out.right.hi else "below") if out.op == "==" else None
    yield Hit(place=(total.money.place if total and total.money else form.place), variant=variant,
              data={"formula": o["formula"], "left": fmt_wan(out.left.shown), "right": fmt_wan(out.right.shown),
                    "expected": fmt_wan(out.left.shown), "actual": fmt_wan(out.right.shown),
                    "difference": fmt_wan(out.right.shown - out.left.shown), "unit": "万元"})


def aggregate_indicators(form: Form, function: str, labels: tuple[str, ...], syn=None) -> Interval | None:
    """sum/min/max of the money amounts (intervals in 万元) of the indicators under ``labels``
    (level-1, or level-1 and level-2), or count of the named ones. None when sum/min/max find
    no money amount (the formula then does not apply to the form: never a guess)."""
    rows = [i for i in named(form) if i.block != "period" and same_label(i.level1, labels[0], syn)
            and (len(labels) < 2 or same_label(i.level2, labels[1], syn))]
    if function == "count":
        return exact(Decimal(len(rows)))
    amounts = [written(number(i), unit_of(i)) for i in rows
               if value_kind(i) == "quantity" and number(i) is not None and unit_of(i) in TO_WAN]
    if not amounts:
        return None
    if function == "sum":
        total = exact(Decimal(0))
        for a in amounts:
            total = total + a
        return total
    pick = min if function == "min" else max
    return pick(amounts, key=lambda a: a.shown)


def _field(form: Form, name: str, names: dict[str, str]):
    key = names.get(name, name)
    for k in (key, f"fund:{key}", f"spend:{key}"):
        if k in form.header:
            return form.header[k]
    want = normalize(name)
    return next((f for f in form.header.values() if normalize(f.label) == want), None)
