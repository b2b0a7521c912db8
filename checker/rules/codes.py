"""The codes the checker reports that have no rule file: the layout's and the engine's own.

Every code a profile, a waiver, ``--select``, ``rules show`` or the web page's rule pages may
name is either a rule file's or one of these (one registry, as ruff keeps one: a typo in a
profile is then an error, not a severity that silently never applies). The words are data,
rules/codes.yaml (severity, source, zh/en title and help); source: shared/RULES.md, X table, and
S113 (the layout compares a one-year project's 实施期 and 年度 blocks).
"""

from __future__ import annotations

from functools import cache

from checker.resources import rules_dir
from checker.rules.packcache import table as _validated


@cache
def builtin_codes() -> dict[str, dict]:
    """rules/codes.yaml: code → {severity, source, title: {zh, en}, help: {zh, en}}. Raises
    RulePackError (file:line:col) when the file breaks rules/schema/codes.schema.json."""
    if (data := _validated(rules_dir() / "codes.yaml")) is not None:
        return data
    problems = codes_problems()
    if problems:
        from checker.errors import RulePackError

        raise RulePackError(problems)
    import yaml

    with open(rules_dir() / "codes.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def codes_problems() -> list[str]:
    """Every schema problem of rules/codes.yaml, formatted with its lines, or []."""
    import json

    from checker.rules.schema import validate
    from checker.rules.source import load_source

    src = load_source(rules_dir() / "codes.yaml")
    if not src.problems:
        validate(src, json.loads((rules_dir() / "schema" / "codes.schema.json").read_text(encoding="utf-8")))
    return src.report()


def apply_severities(findings: list, severities: dict[str, str]) -> list:
    """Findings of built-in codes with a profile's severities applied: ``off`` (or false) drops
    them, ``error``/``warning``/``info`` replaces their severity. Rule codes are left alone
    (the loader set them on the rules)."""
    if not severities:
        return findings
    out = []
    for f in findings:
        sev = severities.get(f.code) if f.code in builtin_codes() else None
        if sev == "off" or sev is False:
            continue
        if sev:
            f.severity = sev
        out.append(f)
    return out
