"""Helpers shared by the kind modules: option-schema building and indicator places."""

from __future__ import annotations

import json
from typing import Any

from checker.layout.budget_facts import Fact, facts
from checker.layout.budget_structure import Reading
from checker.model import Form, Indicator, Place, Table
from checker.rules.select import PREDICATE_SCHEMA, _relink, compiled

PRED = {"$ref": "#/$defs/predicate"}
STR_LIST = {"type": "array", "items": {"type": "string"}, "minItems": 1}
NUMBER = {"oneOf": [{"type": "number"}, {"type": "object", "required": ["param"], "additionalProperties": False,
                                         "properties": {"param": {"type": "string"}}}]}


def options(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    """An option schema: a closed object of ``properties``, with the predicate definition that
    ``PRED`` refers to (schema_gen hoists ``$defs`` into the published rule schema)."""
    return {"type": "object", "properties": properties, "required": required or [],
            "additionalProperties": False, "$defs": {"predicate": _relink(PREDICATE_SCHEMA)}}


def cell(ind: Indicator, column: str) -> Place:
    """The place of one of the indicator's cells (``value``, ``name``, ``unit`` …), else its row."""
    return ind.cell_places.get(column) or ind.place


def synonyms(ctx) -> dict[str, str]:
    return (ctx.taxonomy or {}).get("synonyms", {}) if ctx is not None else {}


def where_test(check, ctx):
    """The check's ``where`` (an indicator predicate) as a test of one row (select.compiled), for a
    kind that asks it of a named row after its own cheaper tests (the value parsed, a name's
    class) instead of selecting every row first."""
    return compiled(check.options.get("where"), synonyms(ctx))


def named(form: Form, ctx=None) -> list[Indicator]:
    """Indicators that have a level-3 name (empty level-2 rows carry none). With ``ctx``, listed
    once per form for every check of the run (Context.once; ~30 asks a form): the list is then
    shared, do not modify it."""
    if ctx is None:
        return [i for i in form.indicators if i.name.strip()]
    return ctx.once(("named", id(form)), named, form)


def annual(form: Form, ctx=None) -> list[Indicator]:
    """The named indicators outside the 实施期 block (``block != "period"``): the rows a form's
    annual sums and costs read (M301–M306, M308). With ``ctx``, once per form, shared as ``named``."""
    if ctx is None:
        return [i for i in named(form) if i.block != "period"]
    return ctx.once(("annual", id(form)), annual, form)


def budget_facts(form: Form, ctx) -> list[Fact]:
    """Every keyed figure of a budget_table form (checker.layout.budget_facts.facts), read once
    per run over the filing: B503, B504 and M305 all compare them (each table through its
    shared Reading; without ``ctx``, read anew). Do not modify the list."""
    def read() -> list[Fact]:
        return facts(form, lambda t: reading_of(t, ctx))
    return read() if ctx is None else ctx.once(("budget_facts", id(form)), read)


def reading_of(table: Table, ctx) -> Reading:
    """The table's Reading (checker.layout.budget_structure: its blocks, columns, labels and
    amounts, each worked out once), shared for the run over the filing by B501, B502, B505 and
    the figures B503, B504 and M305 compare; a new one without ``ctx``. The memo's entry holds
    the table, so its id is not reused while the memo lives."""
    if ctx is None:
        return Reading(table)
    return ctx.once(("budget_reading", id(table)), Reading, table)


def per_options(memo: dict, make, options: Any, syn: Any = None, bound: int = 256) -> Any:
    """``make(options, syn)``, kept in ``memo`` per options object (a check's option tree or a
    part of it, the pack's, resolved for a day) and synonym table: what a kind builds of its
    options (tests, patterns, their text) is the same on every form. An entry holds both
    objects, so their ids are not reused while it stands; ``memo`` is emptied past ``bound``
    entries, however many option trees a caller builds on the fly."""
    hit = memo.get(id(options))
    if hit is None or hit[0] is not options or hit[1] is not syn:
        if len(memo) > bound:
            memo.clear()
        hit = memo[id(options)] = (options, syn, make(options, syn))
    return hit[2]


def options_key(options: Any) -> str:
    """``options`` (a check's option tree, or a part of it: a ``where``, a side of a sum) as text,
    keys sorted: equal for options written alike in two checks, whatever objects the pack or the
    day's parameters made of them. Remembered per object (per_options)."""
    return per_options(_OPTION_KEYS, _as_text, options, bound=4096)


def _as_text(options: Any, _syn: Any) -> str:
    return json.dumps(options, sort_keys=True, ensure_ascii=False, default=str)


_OPTION_KEYS: dict[int, tuple] = {}
