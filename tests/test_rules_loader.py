"""Rule-file validation as policy staff meet it: every error located, with a did-you-mean,
YAML's traps refused, and `checker check` exiting 2 on a broken pack."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from checker.errors import RulePackError
from checker.resources import rules_dir
from checker.rules import ParameterError, load_pack
from checker.rules.source import load_source

S101 = (rules_dir() / "S101.yaml").read_text(encoding="utf-8")


def _problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_pack(paths=[tmp_path / n for n in files])
    return info.value.problems


def test_unknown_key_is_located_with_did_you_mean(tmp_path):
    probs = _problems(tmp_path, {"S101.yaml": S101.replace("severity: error", "serverity: error")})
    assert len(probs) == 1
    assert probs[0].startswith(f"{tmp_path / 'S101.yaml'}:4:1: 未知的键 'serverity' / unknown key 'serverity'")
    assert "did you mean 'severity'?" in probs[0]
    assert "4 | serverity: error" in probs[0]


def test_a_yaml_file_not_named_by_its_code_is_reported_not_skipped(tmp_path):
    (tmp_path / "S101.yaml").write_text(S101, encoding="utf-8")
    (tmp_path / "新规则.yaml").write_text(S101.replace("code: S101", "code: S199"), encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_pack(paths=[tmp_path])
    (problem,) = info.value.problems
    assert problem.startswith(f"{tmp_path / '新规则.yaml'}:1:1: not loaded") and "S101.yaml" in problem


def test_wrong_value_type_and_enum_in_one_pass(tmp_path):
    text = S101.replace("  min: 1", '  min: "1"').replace("severity: error", "severity: eror")
    probs = _problems(tmp_path, {"S101.yaml": text})
    assert any(":11:8: options/min: 类型不对 / expected a whole number, got text '1'" in p for p in probs), probs
    assert any("'eror' is not allowed for severity" in p and "did you mean 'error'?" in p for p in probs), probs


def test_duplicate_key_yes_no_and_unquoted_date(tmp_path):
    text = S101.replace("severity: error", "severity: error\nseverity: warning\nfixable: yes")
    text = text.replace("    expect: []", '    as_of: 2026-01-01\n    expect: []', 1)
    probs = _problems(tmp_path, {"S101.yaml": text})
    joined = "\n".join(probs)
    assert "duplicate key 'severity' (first given on line 4)" in joined
    assert "'yes' is read as a boolean" in joined
    assert "unquoted date '2026-01-01'" in joined


def test_full_width_colon_after_key(tmp_path):
    probs = _problems(tmp_path, {"S101.yaml": S101.replace("severity: error", "severity： error")})
    assert "full-width colon" in probs[0] and ":4:" in probs[0]


def test_unknown_kind_and_parameter(tmp_path):
    text = S101.replace("kind: required", "kind: requird").replace("  min: 1", "  min: {param: no_such}")
    probs = _problems(tmp_path, {"S101.yaml": text})
    joined = "\n".join(probs)
    assert "unknown rule kind 'requird'" in joined and "did you mean 'required'?" in joined


def test_errors_of_several_files_reported_together(tmp_path):
    probs = _problems(tmp_path, {"S101.yaml": S101.replace("code: S101", "code: S1O1"),
                                 "S102.yaml": S101.replace("code: S101", "code: S102").replace("kind: required", "")})
    assert any("S101.yaml" in p for p in probs) and any("S102.yaml" in p for p in probs)


def test_broken_pack_makes_check_exit_2_without_traceback(tmp_path):
    (tmp_path / "prof.yaml").write_text("name: x\nsource: test\nrules: [S999.yaml]\n", encoding="utf-8")
    (tmp_path / "S999.yaml").write_text("code: S999\nserverity: error\n", encoding="utf-8")
    sample = Path(__file__).resolve().parents[1] / "samples" / "000_3dc31615842cc839.txt"
    proc = subprocess.run([sys.executable, "-m", "checker.cli.main", "check", str(sample), "--profile",
                           str(tmp_path / "prof.yaml")], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "S999.yaml:2:1: 未知的键 'serverity' / unknown key 'serverity'" in proc.stderr + proc.stdout


def test_decimals_keep_their_written_digits():
    src = load_source("x.yaml", "a: 3531.930\nb: 85\n")
    assert str(src.data["a"]) == "3531.930" and src.data["b"] == 85


def test_parameters_follow_the_budget_year():
    pack = load_pack()
    p = pack.parameters["satisfaction_floor"]
    assert p.at(date(2026, 1, 1)).value == 85
    with pytest.raises(ParameterError, match="no value in force on 2014-01-01"):
        p.at(date(2014, 1, 1))


def test_every_baseline_rule_names_the_schema_and_has_source():
    for path in sorted(rules_dir().glob("[SVM][0-9][0-9][0-9]*.yaml")):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=schema/rule.schema.json"), path


def test_published_schema_accepts_every_baseline_rule():
    """Editors validate with rules/schema/rule.schema.json: it must agree with the loader."""
    import jsonschema

    from checker.rules.schema_gen import published

    validator = jsonschema.Draft202012Validator(published()["rule.schema.json"])
    for path in sorted(rules_dir().glob("[SVM][0-9][0-9][0-9]*.yaml")):
        errors = list(validator.iter_errors(load_source(path).data))
        assert not errors, f"{path.name}: {errors[0].message}"


def test_schemas_on_disk_are_the_generated_ones():
    """An editor reads rules/schema/*.json: a kind's option added in code must be there too."""
    from checker.rules.schema_gen import main

    assert main(["--check"]) == 0, "run: python -m checker.rules.schema_gen"


from hypothesis import given, settings
from hypothesis import strategies as st

_yamlish = st.lists(st.sampled_from(["code: S101", "severity: yes", "  - a", "x： y", "{a: 1, a: 2}", "date: 2026-01-01",
                                     "\t", ":", "- [", "'", "\"", "k: v", "  k: 3.50", "? x", "&a x", "*a", "<<: *a"]),
                    max_size=8).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(st.one_of(_yamlish, st.text(max_size=60)))
def test_any_text_loads_or_gives_located_problems(text):
    src = load_source("r.yaml", text)
    n = max(1, len(text.splitlines()) + 1)
    for p in src.problems:
        assert 1 <= p.line <= n and p.col >= 1
        assert p.format(src.lines).startswith(f"r.yaml:{p.line}:{p.col}: ")


def test_a_rule_that_raises_is_reported_and_the_others_still_run(monkeypatch):
    from checker.filing import form_from_dict
    from checker.model import Filing
    from checker.rules import kinds as kinds_module

    pack = load_pack()
    form = form_from_dict({"kind": "project_target", "year": 2026, "indicators": [
        {"level1": "满意度指标", "level2": "服务对象满意度", "name": "群众满意度", "value": "80", "unit": "%",
         "value_type": "≥"}]}, "f#1")
    from checker.pipeline import parse_values

    filing = Filing(path="f", forms=[form])
    parse_values(filing)
    registry = kinds_module.load_kinds()
    broken = registry["required"]

    def boom(check, form, ctx):
        raise ZeroDivisionError("division by zero")
        yield  # a generator, like the real kinds

    monkeypatch.setitem(registry, "required", type(broken)(**{**broken.__dict__, "func": boom}))
    codes = {(f.code, f.data.get("rule")) for f in pack.check(filing)}
    assert ("X990", "S101") in codes
    assert ("V208", None) in codes
