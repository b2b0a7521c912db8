"""Issue 11, item 2: the mistakes a policy officer makes in a profile or a rule file are caught by
`rules validate` with file:line:col and a suggestion, never found out at check time (or never)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import RulePackError
from checker.pipeline import CheckOptions, check_file
from checker.rules import load_pack
from support import check_path

EXAMPLE = """examples:
  - form: {kind: project_target, year: 2026}
    expect: []
"""


def _rule(code: str, kind: str, options: str) -> str:
    return (f"code: {code}\ntitle: {{zh: 测试, en: test}}\nseverity: error\nsource: 某省规定（示例）\n"
            f"applies_to: {{forms: [project_target]}}\nkind: {kind}\noptions: {options}\n"
            f"message: {{zh: \"x\", en: \"x\"}}\n{EXAMPLE}")


def _profile(tmp_path, body: str = "", rules: dict[str, str] | None = None) -> str:
    folder = tmp_path / "r"
    folder.mkdir()
    for name, text in (rules or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    path = tmp_path / "prov.yaml"
    path.write_text("name: prov\nsource: 某省财政厅（示例）\n" + ("rules: [r/]\n" if rules else "") + body,
                    encoding="utf-8")
    return str(path)


def _problems(profile: str) -> list[str]:
    with pytest.raises(RulePackError) as exc:
        load_pack(profile=profile)
    return exc.value.problems


def test_a_formula_that_does_not_parse_is_a_validation_error(tmp_path):
    prof = _profile(tmp_path, rules={"Z101.yaml": _rule("Z101", "formula", '{formula: "资金总额 == 一般公共预算 +"}')})
    (problem,) = _problems(prof)
    assert problem.startswith(f"{tmp_path}/r/Z101.yaml:7:20: 公式有误") and "column 17" in problem


def test_an_unknown_name_in_a_formula_is_named_with_a_suggestion(tmp_path):
    prof = _profile(tmp_path, rules={"Z102.yaml": _rule("Z102", "formula", '{formula: "资金总额 == 一般公共预箅 + 其他资金"}')})
    (problem,) = _problems(prof)
    assert "'一般公共预箅'" in problem and "did you mean 一般公共预算" in problem


def test_a_misspelled_level_name_is_caught_against_the_taxonomy(tmp_path):
    prof = _profile(tmp_path, rules={"Z103.yaml": _rule("Z103", "required", "{level1: [产出执标]}")})
    (problem,) = _problems(prof)
    assert ":7:20:" in problem and "产出执标" in problem and "did you mean 产出指标" in problem


def test_a_misspelled_parameter_in_a_profile_is_caught(tmp_path):
    prof = _profile(tmp_path, "parameters:\n  satisfaction_flor:\n    - {from: \"2020-01-01\", value: 90, source: 某省通知}\n")
    (problem,) = _problems(prof)
    assert problem.startswith(f"{prof}:4:3:") and "did you mean 'satisfaction_floor'" in problem


def test_a_misspelled_code_in_a_profile_is_caught(tmp_path):
    prof = _profile(tmp_path, "severities:\n  V280: error\n")
    (problem,) = _problems(prof)
    assert problem.startswith(f"{prof}:4:3:") and "V280" in problem and "did you mean 'V2" in problem


def test_built_in_codes_can_be_set_in_a_profile_and_take_effect(tmp_path):
    # S113 is reported by the layout, not by a rule file: "S113: off" used to pass and do nothing.
    prof = _profile(tmp_path, "severities:\n  S113: \"off\"\n  X902: info\n")
    pack = load_pack(profile=prof)
    assert pack.code_severities == {"S113": "off", "X902": "info"}
    seed = Path(__file__).resolve().parents[1] / "samples" / "003_fcba76fadf4b07a9.txt"
    before = check_path(seed)
    assert [f for f in before if f.code == "S113"] and {f.severity for f in before if f.code == "X902"} == {"warning"}
    after = check_file(str(seed), pack, CheckOptions()).findings
    assert not [f for f in after if f.code == "S113"]
    assert {f.severity for f in after if f.code == "X902"} == {"info"}


def test_the_baseline_still_validates():
    assert len(load_pack().rules) >= 39


def test_a_profile_value_amends_the_baseline_from_its_date_on(tmp_path):
    # Only a 2025 value in the profile: forms of 2024 keep the baseline's 85, not "无法读取".
    prof = _profile(tmp_path, "parameters:\n  satisfaction_floor:\n    - {from: \"2025-01-01\", value: 95, source: 某省2025年通知}\n")
    floor = load_pack(profile=prof).parameters["satisfaction_floor"]
    from datetime import date

    assert floor.at(date(2024, 1, 1)).value == 85 and floor.at(date(2026, 1, 1)).value == 95


def test_as_of_decides_waiver_expiry_too(tmp_path):
    seed = Path(__file__).resolve().parents[1] / "samples" / "000_3dc31615842cc839.txt"
    code = next(f.code for f in check_path(seed) if f.severity == "error")
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(f"waivers:\n  - {{code: {code}, reason: 已报批, approved_by: 某县财政局, expires: \"2026-06-30\"}}\n",
                       encoding="utf-8")
    import subprocess
    import sys

    def run(as_of: str) -> str:
        proc = subprocess.run([sys.executable, "-m", "checker.cli.main", "check", str(seed), "--format", "json",
                               "--waivers", str(waivers), "--as-of", as_of], capture_output=True, text=True, timeout=120)
        return proc.stdout

    assert '"X911"' not in run("2026-03-01") and '"X911"' in run("2026-12-31")


def test_a_misspelled_unit_kind_or_value_kind_is_caught(tmp_path):
    # The baseline itself had one: V207 listed unit_kind "duration", which no unit has (a
    # duration's unit kind is time), so that part of its test never matched.
    prof = _profile(tmp_path, rules={
        "Z104.yaml": _rule("Z104", "conditional", "{when: {unit_kind: [monye]}, then: {value_kind: [quantity]}}"),
        "Z105.yaml": _rule("Z105", "conditional", "{when: {unit_kind: [money]}, then: {value_kind: [quantty]}}")})
    problems = _problems(prof)
    assert any("Z104.yaml:7:" in p and "unknown unit_kind 'monye'" in p and "did you mean 'money'" in p
               for p in problems), problems
    assert any("Z105.yaml:7:" in p and "'quantty'" in p and "did you mean 'quantity'" in p for p in problems), problems


def test_a_misspelled_variant_in_a_rule_file_is_caught(tmp_path):
    # unit_required yields "incomplete" and "unknown": a severity set on "incomplet" would never apply
    text = _rule("Z106", "unit_required", "{}") + "variants:\n  incomplet: {severity: warning}\n"
    prof = _profile(tmp_path, rules={"Z106.yaml": text})
    (problem,) = _problems(prof)
    assert problem.startswith(f"{tmp_path}/r/Z106.yaml:13:3: 这条规则没有名为“incomplet”的变体"), problem
    assert "did you mean 'incomplete'" in problem


def test_a_variant_named_by_a_pattern_rule_s_options_is_known(tmp_path):
    # pattern rules name their own variants in their options: those, and only those, may be set
    opts = '{fields: [value], patterns: [{regex: "x", fix: y, variant: vague}]}'
    good = _rule("Z107", "pattern", opts) + "variants:\n  vague: {severity: info}\n"
    load_pack(profile=_profile(tmp_path / "a", rules={"Z107.yaml": good}) if (tmp_path / "a").mkdir() is None else "")
    bad = _rule("Z108", "pattern", opts) + "variants:\n  vage: {severity: info}\n"
    (problem,) = _problems(_profile(tmp_path, rules={"Z108.yaml": bad}))
    assert "“vage”" in problem and "did you mean 'vague'" in problem
