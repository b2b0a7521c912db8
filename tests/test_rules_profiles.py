"""Dated parameters, --as-of, profiles (overlays) and select/ignore on real-looking forms."""

from __future__ import annotations

from datetime import date

import pytest

from checker.filing import form_from_dict
from checker.model import Filing
from checker.rules import ParameterError, load_pack
from checker.rules.examples import parse_values


def _filing(year: int, value: str = "≥88%") -> Filing:
    form = form_from_dict({"kind": "project_target", "year": year, "indicators": [
        {"level1": "满意度指标", "level2": "服务对象满意度", "name": "群众满意度", "value": value}]}, "p#1")
    filing = Filing("p", [form])
    parse_values(filing)
    return filing


def _profile(tmp_path, text: str, extra: dict[str, str] | None = None) -> str:
    for name, body in (extra or {}).items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    path = tmp_path / "prov.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_parameter_value_in_force_for_the_budget_year(tmp_path):
    prof = _profile(tmp_path, """name: prov
source: 某省财政厅通知（示例）
parameters:
  satisfaction_floor:
    - {from: "2015-01-01", value: 85, source: 基线}
    - {from: "2025-01-01", value: 90, source: 2025年起满意度不低于90%}
""")
    pack = load_pack(profile=prof)
    assert not pack.check(_filing(2024), select={"V208"})
    found = pack.check(_filing(2026), select={"V208"})
    assert [f.code for f in found] == ["V208"] and "90%" in found[0].message["zh"]
    # --as-of overrides the budget year
    assert not pack.check(_filing(2026), select={"V208"}, as_of=date(2024, 6, 1))


def test_year_before_first_value_is_a_clear_error():
    with pytest.raises(ParameterError, match="satisfaction_floor.*2010-01-01.*first value starts 2015-01-01"):
        load_pack().check(_filing(2010), select={"V208"})


def test_profile_changes_severity_turns_rules_off_and_adds_rules(tmp_path):
    s999 = """code: S999
title: {zh: 测试规则, en: test rule}
severity: warning
source: 测试
kind: count
options: {where: {name_contains: [满意度]}, max: 0}
message: {zh: "不应有满意度", en: "no satisfaction"}
examples:
  - {form: {kind: project_target}, expect: []}
"""
    prof = _profile(tmp_path, "name: prov\nsource: t\nrules: [S999.yaml]\nseverities: {V208: error, V204: false}\n",
                    {"S999.yaml": s999})
    pack = load_pack(profile=prof)
    assert pack.rule("V208").severity == "error" and not pack.rule("V204").enabled
    codes = {f.code: f.severity for f in pack.check(_filing(2026, "≥80%"))}
    assert codes.get("V208") == "error" and codes.get("S999") == "warning"
    assert load_pack().rule("V208").severity == "warning"  # the baseline is untouched


def test_unknown_profile_lists_the_installed_ones():
    from checker.errors import RulePackError

    with pytest.raises(RulePackError) as info:
        load_pack(profile="county-reveiw")
    assert "did you mean 'county-review'?" in info.value.problems[0]


def test_select_and_ignore_by_prefix():
    pack = load_pack()
    filing = _filing(2026, "≥80%")
    assert {f.code for f in pack.check(filing, select={"V2"})} >= {"V208"}
    assert not [f for f in pack.check(filing, select={"V2"}, ignore={"V208"}) if f.code == "V208"]
    # an S rule's doubt (X903, data.rule S111: this form has no header read) is an S rule's too
    assert all(f.code.startswith("S") or f.data.get("rule", "").startswith("S")
               for f in pack.check(filing, select={"S"}))
