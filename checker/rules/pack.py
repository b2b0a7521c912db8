"""Rules, dated parameters and the rule pack: what the loader builds and the engine runs.

A rule file (rules/S101.yaml) becomes one ``Rule`` with one or more ``Check``s (a kind and its
options). Options may name a dated parameter, ``{param: satisfaction_floor}``; the value in
force for the form's budget year (or ``--as-of``) replaces it before the kind runs.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Callable

from checker.errors import CheckerError
from checker.model import Filing, Form


class ParameterError(CheckerError):
    """A dated parameter has no value in force on the date asked for (a budget year before its
    first value). Carries the parameter, the date and the first date that has a value."""


@dataclass(frozen=True)
class ParamValue:
    """One value of a parameter: in force from ``start`` (inclusive), with its ``source``."""

    start: date
    value: Any
    source: str


@dataclass
class Parameter:
    """A threshold with effective dates (parameters.yaml or a profile)."""

    name: str
    values: list[ParamValue]
    title: dict[str, str] = field(default_factory=dict)
    unit: str = ""

    def at(self, day: date) -> ParamValue:
        """The value in force on ``day``. Raises ParameterError when ``day`` is before the first."""
        in_force = [v for v in sorted(self.values, key=lambda v: v.start) if v.start <= day]
        if not in_force:
            first = min(v.start for v in self.values)
            raise ParameterError(
                f"parameter {self.name!r} has no value in force on {day.isoformat()}: its first value "
                f"starts {first.isoformat()}; add an earlier value to parameters.yaml or check with --as-of"
            )
        return in_force[-1]


@dataclass
class Check:
    """One kind applied with options; ``severity``/``message``/``variants`` override the rule's."""

    kind: str
    options: dict[str, Any]
    rule: "Rule" = None  # type: ignore[assignment]
    severity: str | None = None
    message: dict[str, str] | None = None
    years: dict[str, Any] | None = None
    variants: dict[str, dict] = field(default_factory=dict)
    index: int = 0
    forms: list[str] = field(default_factory=list)
    per_document: dict[str, str] | None = None  # the document's message of a template-level deviation


@dataclass
class Rule:
    """One rule file: its code, severity, title/message (zh, en), source and checks.

    ``forms`` lists the Form.kind values it applies to (empty: all); ``years`` is
    ``{from, to}`` (each a year or ``{param: NAME}``) filtered on Form.year.
    """

    code: str
    severity: str
    title: dict[str, str]
    source: str
    message: dict[str, str]
    checks: list[Check]
    examples: list[dict] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    years: dict[str, Any] | None = None
    variants: dict[str, dict] = field(default_factory=dict)
    strength: str = ""
    when: dict[str, Any] | None = None  # applies_to.when: a condition on the form (rules/conditions.py)
    amended: bool = False  # a profile's overrides changed its severities or options
    description: dict[str, str] = field(default_factory=dict)
    fixable: bool = False
    path: str = ""
    enabled: bool = True
    per_document: dict[str, str] | None = None  # the document's message of a template-level deviation

    @property
    def kind(self) -> str:
        """The kind of the first check (``checker rules list`` shows it)."""
        return self.checks[0].kind if self.checks else ""


_UNSET = object()  # Context.once: no answer yet (an answer may be None)


@dataclass
class Context:
    """What a kind sees besides the form: the filing, the day parameters were taken for, the
    resolved parameters and the taxonomy (level-1 → allowed level-2; synonyms)."""

    filing: Filing
    as_of: date
    params: dict[str, ParamValue]
    taxonomy: dict[str, Any]
    pack: "RulePack"
    # ``checker rules explain`` passes a list: kinds note there what they computed when they
    # find nothing (a total and its parts that agree), so "no finding" comes with its figures
    trace: list[str] | None = None
    # What several checks compute alike from one form (a budget table's keyed figures), made once
    # per run over the filing: the engine gives the contexts of one filing the same dict
    memo: dict[tuple, Any] = field(default_factory=dict, repr=False, compare=False)

    def once(self, key: tuple, make: Callable[..., Any], *args: Any) -> Any:
        """``make(*args)``, computed once per run over the filing for ``key`` (the helper's name,
        the form's or table's id, and whatever else its answer depends on, e.g. a sum's side as
        text): B503, B504 and M305 each read every keyed figure of one budget table; M301, M303,
        M306 and M307 read a budget total alike. ``args`` spare a caller asked ~30 times a form
        (``named``) a lambda per ask."""
        hit = self.memo.get(key, _UNSET)  # one look-up of the key, not two: asked ~40 times per form
        if hit is _UNSET:
            hit = self.memo[key] = make(*args)
        return hit

    def note(self, text: str | Callable[[], str]) -> None:
        """Record ``text`` (what the check computed, in the rule's terms) for ``rules explain``;
        a no-op in a normal check. Give a function returning the text where building it costs
        (it is called only under explain: a check runs on every form)."""
        if self.trace is not None:
            self.trace.append(text() if callable(text) else text)


@dataclass
class RulePack:
    """A loaded, validated rule pack (baseline, plus a profile's overlay).

    ``check(filing, as_of=, select=, ignore=)`` runs every applicable rule on every form and
    returns Findings; codes in ``select``/``ignore`` match by prefix (``V2`` = V201–V211).
    Raises ParameterError when a form's budget year is before a parameter's first value.
    """

    rules: list[Rule]
    parameters: dict[str, Parameter] = field(default_factory=dict)
    taxonomy: dict[str, Any] = field(default_factory=dict)
    profile: str | None = None
    paths: list[str] = field(default_factory=list)
    # A profile's severities for built-in codes (S113, X9xx: checker/rules/codes.py), applied to
    # the findings of the layout and the engine (pipeline).
    code_severities: dict[str, Any] = field(default_factory=dict)

    def rule(self, code: str) -> Rule | None:
        """The rule with this code, or None."""
        return next((r for r in self.rules if r.code == code), None)

    def check(self, filing: Filing, *, as_of: date | None = None, select: set[str] | None = None,
              ignore: set[str] | None = None):
        """Findings of every selected rule on every form of ``filing`` (see class doc)."""
        from checker.rules.engine import run_pack

        return run_pack(self, filing, as_of=as_of, select=select, ignore=ignore)

    def day_for(self, form: Form | None, as_of: date | None) -> date:
        """The day whose parameter values apply: ``as_of``, else 1 January of the budget year,
        else today."""
        if as_of is not None:
            return as_of
        if form is not None and form.year:
            return date(form.year, 1, 1)
        return date.today()

    def resolve(self, value: Any, day: date) -> Any:
        """``value`` with every ``{param: NAME}`` replaced by the value in force on ``day``."""
        if isinstance(value, dict):
            if set(value) == {"param"}:
                return self.parameters[value["param"]].at(day).value
            return {k: self.resolve(v, day) for k, v in value.items()}
        if isinstance(value, list):
            return [self.resolve(v, day) for v in value]
        return value

    def resolved(self, check: Check, day: date) -> Check:
        """A copy of ``check`` whose options hold the parameter values in force on ``day``."""
        return replace(check, options=self.resolve(check.options, day))

    def on_day(self, day: date) -> "OnDay":
        """The parameters and resolved options in force on ``day``, computed once per day (a
        budget year) and profile instead of once per form and check. Kept beside the pack (not a
        field: neither compared, shown nor cached on disk)."""
        days = self.__dict__.setdefault("_on_day", {})
        on = days.get(day)
        if on is None:
            on = days[day] = OnDay(self, day)
        return on


class OnDay:
    """What a pack's checks see on one day: ``params`` (name → ParamValue in force; parameters
    with no value yet left out) and, remembered per option tree, the options with ``{param:
    NAME}`` resolved. A value whose parameter has no value on the day raises ParameterError
    every time it is asked for (nothing is remembered)."""

    __slots__ = ("pack", "day", "params", "_values", "_checks")

    def __init__(self, pack: RulePack, day: date):
        self.pack, self.day = pack, day
        self.params = {n: p.at(day) for n, p in pack.parameters.items() if any(v.start <= day for v in p.values)}
        self._values: dict[int, tuple[Any, Any]] = {}
        self._checks: dict[int, tuple[Check, Any, Check]] = {}

    def resolve(self, value: Any) -> Any:
        """``pack.resolve(value, day)``, remembered for dicts and lists (by identity: the pack's
        option trees live as long as the pack)."""
        if not isinstance(value, (dict, list)):
            return value
        hit = self._values.get(id(value))
        if hit is None or hit[0] is not value:
            hit = self._values[id(value)] = (value, self.pack.resolve(value, self.day))
        return hit[1]

    def check(self, check: Check) -> Check:
        """``pack.resolved(check, day)``, made once per check and day (while its options object is
        the same one)."""
        hit = self._checks.get(id(check))
        if hit is None or hit[0] is not check or hit[1] is not check.options:
            hit = self._checks[id(check)] = (check, check.options, self.pack.resolved(check, self.day))
        return hit[2]


def param_names(value: Any) -> set[str]:
    """Every parameter named by ``{param: NAME}`` inside ``value``."""
    if isinstance(value, dict):
        if set(value) == {"param"} and isinstance(value["param"], str):
            return {value["param"]}
        return set().union(*(param_names(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(param_names(v) for v in value)) if value else set()
    return set()


_RULE_FILE_NAME = re.compile(r"^[A-Z][0-9]{3}([-_.].*)?\.ya?ml$")
# Data tables that live beside the rule files in rules/ and are loaded by their own readers.
DATA_FILES = {"parameters.yaml", "units.yaml", "taxonomy.yaml", "header_labels.yaml", "codes.yaml",
              "layout_vocab.yaml", "meaning.yaml", "budget_vocab.yaml"}


def profile_path(name: str) -> Path:
    """A profile name (rules/profiles/NAME.yaml) or a path to a profile file."""
    from checker.resources import rules_dir

    p = Path(name)
    if p.suffix in (".yaml", ".yml") and p.exists():
        return p
    return rules_dir() / "profiles" / f"{name}.yaml"


def rule_file_paths(folder: Path) -> list[Path]:
    """Rule files of a folder: ``S101.yaml`` or ``S101-name.yaml`` (a code first), sorted."""
    return sorted(p for p in folder.iterdir() if p.is_file() and _RULE_FILE_NAME.match(p.name))


def stray_yaml_paths(folder: Path) -> list[Path]:
    """YAML files of a folder that are neither rule files nor known data tables: a policy
    editor's ``new-rule.yaml`` would otherwise be left out without a word."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml")
                  and not _RULE_FILE_NAME.match(p.name) and p.name not in DATA_FILES)
