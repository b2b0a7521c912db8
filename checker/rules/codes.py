"""The codes the checker reports that have no rule file: the layout's and the engine's own.

Every code a profile, a waiver, ``--select`` or ``rules show`` may name is either a rule file's
or one of these (one registry, as ruff keeps one: a typo in a profile is then an error, not a
severity that silently never applies). Source: shared/RULES.md, X table; S113 (the layout
compares a one-year project's 实施期 and 年度 blocks).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BuiltinCode:
    """A code reported by the layout or the engine: default severity, zh/en title, who reports it."""

    code: str
    severity: str
    title: dict[str, str]
    reported_by: str


BUILTIN_CODES: dict[str, BuiltinCode] = {c.code: c for c in (
    BuiltinCode("S113", "warning", {"zh": "一年期项目的实施期目标与年度目标不一致",
                                    "en": "a one-year project's 实施期 and 年度 blocks disagree"}, "layout"),
    BuiltinCode("X901", "error", {"zh": "部分内容无法作为表格读取", "en": "part of the input could not be read as a form"},
                "reader / layout"),
    BuiltinCode("X902", "warning", {"zh": "表格被截断或指标表未读到", "en": "a form was cut off or its table not read"},
                "layout"),
    BuiltinCode("X903", "info", {"zh": "输入存疑，规则未判定", "en": "input in doubt: a rule did not judge it"},
                "engine"),
    BuiltinCode("X911", "warning", {"zh": "豁免已过期", "en": "a waiver has expired"}, "waivers"),
    BuiltinCode("X912", "info", {"zh": "豁免未匹配任何问题", "en": "a waiver matched nothing"}, "waivers"),
    BuiltinCode("X990", "warning", {"zh": "规则未能在某张表上运行（检查器内部错误）",
                                    "en": "a rule could not run on a form (internal error)"}, "engine"),
)}


def apply_severities(findings: list, severities: dict[str, str]) -> list:
    """Findings of built-in codes with a profile's severities applied: ``off`` (or false) drops
    them, ``error``/``warning``/``info`` replaces their severity. Rule codes are left alone
    (the loader set them on the rules)."""
    if not severities:
        return findings
    out = []
    for f in findings:
        sev = severities.get(f.code) if f.code in BUILTIN_CODES else None
        if sev == "off" or sev is False:
            continue
        if sev:
            f.severity = sev
        out.append(f)
    return out
