"""Issue 11: a provincial policy team's 2027 rules as a profile outside the installed package
(tests/fixtures/profiles/province2027): a rule conditioned on the form's budget, a formula over
the cost indicators, a dated parameter amending the baseline, a severity change — validated,
tested, and compared with the baseline on the samples."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from checker.filing import form_from_dict
from checker.model import Filing
from checker.rules import load_pack
from checker.rules.engine import explain
from checker.rules.examples import parse_values, run_examples

ROOT = Path(__file__).resolve().parent.parent
PROFILE = str(ROOT / "tests" / "fixtures" / "profiles" / "province2027" / "province2027.yaml")


def _form(budget: str, unit: str, year: int = 2027, **extra) -> Filing:
    form = form_from_dict({"kind": "project_target", "year": year,
                           "header": {"budget_total": {"label": "年度资金总额", "raw": budget, "unit": unit}},
                           "indicators": [{"level1": "效益指标", "level2": "社会效益指标", "name": "出行条件改善",
                                           "value": "明显改善"}], **extra}, "p#1")
    filing = Filing("p", [form])
    parse_values(filing)
    return filing


def test_every_example_of_the_rules_in_force_passes():
    results = run_examples(load_pack(profile=PROFILE))
    assert results and all(r.status == "pass" for r in results), [r.reason for r in results if r.status != "pass"]


def test_the_budget_condition_decides_whether_the_rule_applies():
    pack = load_pack(profile=PROFILE)
    assert [f.code for f in pack.check(_form("600", "万元"), select={"S190"})] == ["S190"]
    assert pack.check(_form("4,999,999", "元"), select={"S190"}) == []
    (ex,) = explain(pack, "S190", _form("300", "万元"))
    assert not ex.applies and ex.reason.startswith("condition not met: budget 300 万元 fails min 500")


def test_the_parameter_amends_the_baseline_from_2027_only():
    floor = load_pack(profile=PROFILE).parameters["satisfaction_floor"]
    assert floor.at(date(2026, 1, 1)).value == 85 and floor.at(date(2027, 1, 1)).value == 90


def test_the_baseline_diff_on_the_samples_shows_only_what_the_profile_adds(tmp_path):
    samples = [str(p) for p in sorted((ROOT / "samples").glob("00*.txt"))]
    old = tmp_path / "old.json"
    run = lambda *a: subprocess.run([sys.executable, "-m", "checker.cli.main", "check", *samples, "--format", "json", *a],
                                    capture_output=True, text=True, timeout=300)
    run("-o", str(old))
    new = run("--profile", PROFILE, "--baseline", str(old))
    found = [(f["code"], f["severity"]) for r in json.loads(new.stdout)["files"] for f in r["findings"]]
    codes = Counter(c for c, _ in found)
    assert set(codes) == {"S190", "M390", "V206", "V202", "M303"} and codes["V206"] > 0
    # what the overrides change: V202's incomplete units now errors, M303's shortfalls now info
    assert {s for c, s in found if c == "V202"} == {"error"} and {s for c, s in found if c == "M303"} == {"info"}
    assert "of its findings are gone" in new.stderr


def test_an_override_raises_one_variant_only():
    pack = load_pack(profile=PROFILE)
    v202 = pack.rule("V202")
    assert v202.variants["incomplete"]["severity"] == "error" and v202.variants["unknown"]["severity"] == "info"
    assert v202.variants["incomplete"]["message"]["zh"].startswith("“{name}”的指标值")  # the message is kept
    filing = _form("100", "万元")
    filing.forms[0].indicators[0].value, filing.forms[0].indicators[0].name = "≥16530万", "资金投入"
    filing.forms[0].indicators[0].parsed = None
    parse_values(filing)
    assert [(f.code, f.severity) for f in pack.check(filing, select={"V202"})] == [("V202", "error")]
    assert [(f.code, f.severity) for f in load_pack().check(filing, select={"V202"})] == [("V202", "warning")]


def test_overrides_and_replacements_are_validated(tmp_path):
    import pytest

    from checker.errors import RulePackError

    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nsource: 示例\nreplaces: [S101]\noverrides:\n  V202:\n    variants:\n      incomplet: {severity: error}\n"
                   "  M303:\n    options: {total: 5}\n", encoding="utf-8")
    with pytest.raises(RulePackError) as exc:
        load_pack(profile=str(bad))
    text = "\n".join(exc.value.problems)
    assert f"{bad}:3:12: S101: 本配置的规则文件中没有这个编号" in text and "no rule file of this profile has this code" in text
    assert "V202 has no variant 'incomplet'" in text and "did you mean 'incomplete'" in text
    assert f"{bad}:9:" in text  # M303's options broken at their line


def test_a_profile_rule_replaces_the_baseline_rule_it_names(tmp_path):
    rules = tmp_path / "r"
    rules.mkdir()
    s102 = (ROOT / "rules" / "S102.yaml").read_text(encoding="utf-8").replace("severity: warning", "severity: error", 1)
    (rules / "S102.yaml").write_text(s102, encoding="utf-8")
    prof = tmp_path / "p.yaml"
    prof.write_text("name: p\nsource: 示例\nrules: [r/]\nreplaces: [S102]\n", encoding="utf-8")
    pack = load_pack(profile=str(prof))
    assert [r.path for r in pack.rules if r.code == "S102"] == [str(rules / "S102.yaml")]
    assert pack.rule("S102").severity == "error"
