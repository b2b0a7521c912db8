"""The rule-kind registry: the closed set of check functions a rule file may name.

A rule file (rules/*.yaml) says *where* and *what*: ``kind: <name>`` plus ``options``. The
engine (checker/rules/engine.py) knows no kind; each kind is one small module in this package
that registers a function with the ``@kind`` decorator::

    # checker/rules/kinds/score.py
    from checker.rules.kinds import Hit, kind

    @kind("score_cap", scope="form", schema={
        "type": "object",
        "properties": {"level1": {"type": "string"}},
        "additionalProperties": False,
    })
    def score_cap(check, form, ctx):
        '''E404: 0 ≤ 得分 ≤ 分值 on every row (财预〔2020〕10号).'''
        for ind in form.indicators:
            ...
            yield Hit(indicator=ind, data={"expected": "≤ 10", "actual": "12"})

Contract of a kind function ``(check, form, ctx) -> Iterable[Hit]``:

- ``check`` is a ``checker.rules.pack.Check``: ``check.options`` (dict, already validated
  against the kind's ``schema`` and with ``{param: NAME}`` references resolved to the value in
  force for this form's budget year), ``check.rule`` (the Rule: code, severity, title, …).
- ``form`` is a ``checker.model.Form`` whose indicators have ``parsed`` / ``parse_error`` set
  by the pipeline (checker.values), so value kinds read ``ind.parsed``.
- ``ctx`` is a ``checker.rules.pack.Context``: ``filing`` (the whole Filing, for kinds that
  compare forms), ``taxonomy`` (level-1 → allowed level-2 names, synonyms), ``as_of`` (date).
- Yield one ``Hit`` per violation. The engine turns it into a ``Finding``: code and severity
  from the rule (``Hit.severity`` / ``Hit.variant`` may override them), message rendered from
  the rule's zh/en templates with ``Hit.data`` as named placeholders (plus ``name``,
  ``level1``, ``level2``, ``value``, ``unit`` of ``Hit.indicator``), place from ``Hit.place``
  or the indicator's cell place, or the form's place.
- Input in doubt is not the filer's fault: yield ``Hit(indicator=ind, doubt="name_truncated")``
  and the engine reports an X903 info ("rule … not judged: input in doubt") instead.
- Where a kind finds nothing, ``ctx.note("…")`` may say what it computed (``年度资金总额 10 万元 =
  parts 10 万元``) or why it judged nothing (ending ``(not judged)``): ``checker rules explain``
  shows it. Where building the text costs, pass ``lambda: f"…"``: a check runs on every form and
  builds nothing.
- ``scope="form"`` kinds run once per form; ``scope="filing"`` kinds run once per filing with
  ``form=None`` (e.g. an amount stated twice in one document, M305).

Kinds are discovered by importing every module of this package (``load_kinds()``), so another
helper adds a kind by adding a module here; nothing else changes. The option schema is JSON
Schema (draft 2020-12); the published rules/schema/rule.schema.json is generated from it
(``python -m checker.rules.schema_gen``) so editors complete the options of each kind.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from checker.model import Indicator, Place


@dataclass
class Hit:
    """One violation found by a kind function (see the module docstring).

    ``data`` values become message placeholders and the Finding's ``data`` (as strings);
    ``variant`` picks one of the rule's message/severity variants (e.g. ``below`` / ``above``
    for M303); ``doubt`` turns the hit into an X903 info about doubtful input.
    """

    indicator: Indicator | None = None
    place: Place | None = None
    data: dict[str, Any] = field(default_factory=dict)
    variant: str | None = None
    severity: str | None = None
    doubt: str | None = None
    form: Any = None  # for filing-scope kinds: the form the hit belongs to


@dataclass(frozen=True)
class Kind:
    """A registered kind: its name, option schema (JSON Schema), scope and function."""

    name: str
    schema: dict
    scope: str
    func: Callable[..., Iterable[Hit]]
    doc: str
    needs_values: bool = False  # reads Indicator.parsed: examples skip when checker.values is absent
    # Checks the schema cannot make (a formula's syntax and names): options → problems as
    # (pointer below options, message, hint); run by the loader, so a pack that validates never
    # fails on a form.
    validate: Callable[[dict], Iterable[tuple[tuple, str, str]]] | None = None
    # The variant names its hits may carry: a tuple, or options → names when the rule's options
    # name them (``pattern``). The loader refuses a rule file's variant not in it (a misspelled
    # ``incomplet:`` would otherwise never apply).
    variants: tuple[str, ...] | Callable[[dict], Iterable[str]] = ()

    def variant_names(self, options: dict) -> set[str]:
        """The variants this kind may give a hit with ``options`` (the rule's, unresolved)."""
        return set(self.variants(options) if callable(self.variants) else self.variants)


REGISTRY: dict[str, Kind] = {}


def kind(name: str, *, schema: dict | None = None, scope: str = "form", needs_values: bool = False,
         validate: Callable[[dict], Iterable[tuple[tuple, str, str]]] | None = None,
         variants: tuple[str, ...] | Callable[[dict], Iterable[str]] = ()):
    """Register ``func`` as rule kind ``name``. ``schema`` validates the rule's ``options``
    (default: any object); ``scope`` is ``form`` or ``filing``; ``needs_values`` says the kind
    reads ``Indicator.parsed`` (rule examples are skipped when checker.values is absent);
    ``validate(options)`` yields what the schema cannot say, as (pointer, message, hint) — the
    loader reports it with the rule file's line and column; ``variants`` names every
    ``Hit.variant`` the kind yields (or computes them from the options). Raises ValueError when the
    name is taken, so two helpers cannot silently shadow each other's kind."""

    def register(func):
        if name in REGISTRY and REGISTRY[name].func is not func:
            raise ValueError(f"rule kind {name!r} is registered twice")
        REGISTRY[name] = Kind(name, schema or {"type": "object"}, scope, func, (func.__doc__ or "").strip(),
                              needs_values, validate, variants)
        return func

    return register


_loaded = False


def load_kinds() -> dict[str, Kind]:
    """Import every module of this package once and return the registry (name → Kind)."""
    global _loaded
    if not _loaded:
        for info in pkgutil.iter_modules(__path__):
            if not info.name.startswith("_"):
                importlib.import_module(f"{__name__}.{info.name}")
        _loaded = True
    return REGISTRY
