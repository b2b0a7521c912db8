"""Run the examples written in rule files: each is a form fragment (or a sample file) and the
findings expected of the rule (code, indicator, severity, data, message). ``checker rules test`` and
the test suite both run them through ``run_examples``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from checker.errors import CheckerError
from checker.filing import form_from_dict
from checker.layout.labels import normalize
from checker.model import Filing, Finding
from checker.rules.kinds import load_kinds
from checker.rules.pack import Rule, RulePack
from checker.rules.select import needs_values


@dataclass
class ExampleResult:
    """One example's outcome: ``status`` is pass, fail, skip or error; ``expected`` and
    ``actual`` are one-line descriptions for the side-by-side report."""

    code: str
    index: int
    name: str
    status: str
    expected: list[str] = field(default_factory=list)
    actual: list[str] = field(default_factory=list)
    reason: str = ""


def values_available() -> bool:
    """True when checker.values (the indicator grammar) can be imported."""
    try:
        from checker import values
    except ImportError:
        return False
    return hasattr(values, "parse_value")


def rule_needs_values(rule: Rule) -> bool:
    """True when a check of ``rule`` reads parsed values (its kind, or a value test in its options)."""
    kinds = load_kinds()
    return any(kinds[c.kind].needs_values or needs_values(c.options) for c in rule.checks)


def run_examples(pack: RulePack, codes: set[str] | None = None) -> list[ExampleResult]:
    """Run every example of every rule in force (or of ``codes``), through the same steps as
    ``checker check`` (pipeline.judge); never stops at a failure."""
    have_values = values_available()
    results = []
    for rule in pack.rules:
        if (codes and rule.code not in codes) or not rule.enabled:
            continue  # a rule the profile switched off is not in force: its examples do not apply
        for i, ex in enumerate(rule.examples):
            results.append(run_example(pack, rule, i, ex, have_values))
    return results


def run_example(pack: RulePack, rule: Rule, index: int, ex: dict, have_values: bool) -> ExampleResult:
    """One example (see ExampleResult)."""
    name = ex.get("name") or f"example {index + 1}"
    expected = ex.get("expect") or []
    res = ExampleResult(rule.code, index, name, "pass", [describe_expect(e) for e in expected])
    if rule_needs_values(rule) and not have_values:
        res.status, res.reason = "skip", "checker.values is not installed yet: value rules cannot be run"
        return res
    try:
        filing = example_filing(rule, index, ex)
        if have_values:
            parse_values(filing)
        as_of = date.fromisoformat(ex["as_of"]) if ex.get("as_of") else None
        from checker.pipeline import CheckOptions, judge

        found = judge(filing, pack, CheckOptions(select={rule.code}, as_of=as_of), keep_doubts_of=rule.code)
    except CheckerError as exc:
        res.status, res.reason = "error", str(exc)
        return res
    found = [f for f in found if f.code == rule.code or f.data.get("rule") == rule.code]
    res.actual = [describe_finding(f, filing) for f in found]
    if rule.amended:  # a profile changed its severities: the examples' severities are the baseline's
        expected = [{k: v for k, v in e.items() if k != "severity"} for e in expected]
    missing, extra = compare(expected, found, filing)
    if missing or extra:
        res.status = "fail"
        res.reason = "; ".join([f"missing {describe_expect(e)}" for e in missing] +
                               [f"unexpected {describe_finding(f, filing)}" for f in extra])
    return res


def example_filing(rule: Rule, index: int, ex: dict) -> Filing:
    """The Filing an example describes: its ``form``/``forms`` fragments or its sample ``file``."""
    if ex.get("file"):
        from checker.readers import read

        doc = read(Path(rule.path).parent / ex["file"])
        if doc.filing is not None:
            return doc.filing
        from checker.layout import find_forms

        return find_forms(doc)
    frags = [ex["form"]] if ex.get("form") is not None else list(ex.get("forms") or [])
    label = f"{rule.code}.example{index + 1}"
    return Filing(path=label, forms=[form_from_dict(f, f"{label}#{j + 1}") for j, f in enumerate(frags)])


def parse_values(filing: Filing) -> None:
    """Fill Indicator.parsed / parse_error as the check pipeline does."""
    from checker.values import ValueParseError, parse_value

    for form in filing.forms:
        for ind in [*form.indicators, *form.period_indicators]:
            if ind.parsed is not None or ind.parse_error or not (ind.value or ind.unit or ind.value_type):
                continue
            try:
                ind.parsed = parse_value(ind.value, ind.unit, ind.value_type)
            except ValueParseError as exc:
                ind.parse_error = str(exc)


def compare(expected: list[dict], found: list[Finding], filing: Filing) -> tuple[list[dict], list[Finding]]:
    """(expected findings not found, findings not expected), matching each expectation once."""
    left = list(found)
    missing = []
    for e in expected:
        hit = next((f for f in left if _matches(e, f, filing)), None)
        if hit is None:
            missing.append(e)
        else:
            left.remove(hit)
    return missing, left


def _matches(e: dict, f: Finding, filing: Filing) -> bool:
    if e["code"] != f.code or ("severity" in e and e["severity"] != f.severity):
        return False
    if "indicator" in e:
        want = [normalize(x) for x in e["indicator"]]
        have = [normalize(x) for x in (f.indicator or [])]
        if have[len(have) - len(want):] != want:
            return False
    if "form" in e and (len(filing.forms) < e["form"] or filing.forms[e["form"] - 1].id != f.form):
        return False
    if "message" in e and not _same_message(e["message"], f):
        return False
    return all(str(f.data.get(k)) == _text(v) for k, v in (e.get("data") or {}).items())


def _same_message(want: str | dict, f: Finding) -> bool:
    """An example's ``message``: the zh text, or {zh, en}, exactly as the finding renders it."""
    wanted = {"zh": want} if isinstance(want, str) else want
    return all(f.message.get(lang) == text for lang, text in wanted.items())


def _text(v: Any) -> str:
    return str(v)


def describe_expect(e: dict) -> str:
    parts = [e["code"]]
    if "severity" in e:
        parts.append(e["severity"])
    if "indicator" in e:
        parts.append("/".join(e["indicator"]))
    if e.get("data"):
        parts.append(" ".join(f"{k}={v}" for k, v in e["data"].items()))
    if e.get("message"):
        parts.append(f"“{e['message'] if isinstance(e['message'], str) else e['message'].get('zh', e['message'])}”")
    return " ".join(parts)


def describe_finding(f: Finding, filing: Filing | None = None) -> str:
    parts = [f.code, f.severity]
    if f.indicator:
        parts.append("/".join(x for x in f.indicator if x))
    parts.append(f"“{f.message.get('zh', '')}”")
    return " ".join(parts)
