"""Unit against meaning (V212): the unit of a value must fit what the indicator's name says it
measures — a 户数 in 户, not 次; an area in an area unit, not in 栋 or %. The classes and the
units that fit them are vocabulary (rules/meaning.yaml, ``classes``), read through
checker.rules.vocabulary; the unit's kind and base come from rules/units.yaml."""

from __future__ import annotations

from typing import Iterable

from checker.layout.labels import normalize
from checker.model import Form
from checker.rules.kinds import Hit, kind
from checker.rules.kinds._common import PRED, STR_LIST, cell, named, options, where_test
from checker.rules.vocabulary import class_entry, name_class


@kind("unit_fits_meaning", needs_values=True, schema=options({
    "where": PRED,
    "left_to_others": {**STR_LIST, "description": "unit kinds another rule judges for these classes (rate: V203)"},
}))
def unit_fits_meaning(check, form: Form, ctx) -> Iterable[Hit]:
    """V212: a value whose unit (parsed, known to rules/units.yaml) is not of a kind its name's
    class allows (``unit_kinds``), or, for a count, not of one of the class's ``unit_bases``
    (户数 in 次). Classes without ``unit_kinds`` are not judged; units of ``left_to_others`` kinds
    are left to the rule that owns them (a count in %: V203). Placeholders: class (its Chinese
    name), unit, fits (the units or kinds that fit). Source: [V] forms seen (issue 10)."""
    from checker.values.units import load_units

    table = load_units()
    others = set(check.options.get("left_to_others") or [])
    where = where_test(check, ctx)
    for ind in named(form, ctx):
        v = ind.parsed
        if getattr(v, "kind", None) not in ("quantity", "range", "duration") or not v.unit:
            continue
        if not where(ind):
            continue
        cls = name_class(normalize(ind.name))
        entry = class_entry(cls) if cls else {}
        kinds = entry.get("unit_kinds")
        # a count per period (12次/年) is judged by its head (次): the name counts, the unit rates it
        unit = table.get(v.unit.split("/")[0]) if "/" in v.unit else table.get(v.unit)
        if not kinds or unit is None or unit.kind in others:
            continue
        bases = entry.get("unit_bases")
        if unit.kind not in kinds:
            fits = "、".join(table.kinds.get(k, {}).get("zh", k) + "单位" for k in kinds)
        elif bases and unit.base not in bases:
            fits = "、".join(bases)
        else:
            continue
        yield Hit(indicator=ind, place=cell(ind, "unit") if ind.unit.strip() else cell(ind, "value"),
                  data={"class": entry.get("zh", cls), "unit": v.unit, "fits": fits})
