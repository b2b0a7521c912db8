"""Share kind: how many of a form's indicators match a predicate, as a share (V209)."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from checker.model import Form
from checker.rules.kinds import Hit, kind
from checker.rules.kinds._common import NUMBER, PRED, named, options, synonyms
from checker.rules.select import compiled, label_keys, select


@kind("share", variants=("all", "share"), needs_values=True, schema=options({
    "where": PRED,
    "match": PRED,
    "max_percent": {**NUMBER, "description": "hit when more than this % of the indicators match"},
    "min_total": {"type": "integer", "minimum": 1, "default": 1},
    "all_in_level1": {"type": "boolean", "description": "also hit a level-1 whose indicators all match"},
    "min_in_level1": {"type": "integer", "minimum": 1, "default": 2},
}, ["match"]))
def share(check, form: Form, ctx) -> Iterable[Hit]:
    """Share of indicators (among ``where``) matching ``match`` above ``max_percent`` (variant
    ``share``: placeholders count, total, percent, max_percent), and every indicator of a
    level-1 matching (variant ``all``: level1, count). Unparsed indicators are left out."""
    o, syn = check.options, synonyms(ctx)
    rows = select([i for i in named(form, ctx) if i.parsed is not None], o.get("where"), syn)
    match = compiled(o["match"], syn)
    hits = [i for i in rows if match(i)]
    if "max_percent" in o and len(rows) >= o.get("min_total", 1):
        pct = Decimal(len(hits) * 100) / Decimal(len(rows))
        if pct > Decimal(str(o["max_percent"])):
            yield Hit(place=form.place, variant="share",
                      data={"count": len(hits), "total": len(rows), "percent": f"{pct:.0f}",
                            "max_percent": o["max_percent"]})
    if o.get("all_in_level1"):
        groups: dict[str, list] = {}
        key = label_keys(syn)  # the synonym table's memo found once, not per row
        for i in rows:
            groups.setdefault(key(i.level1), []).append(i)
        for items in groups.values():
            if len(items) >= o.get("min_in_level1", 2) and all(match(i) for i in items):
                yield Hit(place=items[0].place, variant="all", data={"level1": items[0].level1, "count": len(items)})
