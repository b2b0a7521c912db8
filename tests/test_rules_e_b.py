"""The examples of rules E401–E407, B501–B504 and M305 (rules/*.yaml) trigger exactly what they
say they do, through the loader and the engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.filing import form_from_dict
from checker.model import Filing
from checker.resources import rules_dir
from checker.rules.loader import load_rule_file
from checker.rules.pack import RulePack

RULE_FILES = sorted(
    p for pattern in ("E4*.yaml", "B50[1-4]*.yaml", "M305*.yaml") for p in rules_dir().glob(pattern)
)


def load(path: Path):
    src, rule = load_rule_file(path, {})
    assert rule is not None, "\n".join(src.report())
    return rule


def run_example(rule, example: dict):
    frags = [example["form"]] if "form" in example else example["forms"]
    forms = [form_from_dict(f, f"example#{i + 1}") for i, f in enumerate(frags)]
    return RulePack(rules=[rule]).check(Filing(path="example", forms=forms))


def cases():
    for path in RULE_FILES:
        rule = load(path)
        for i, ex in enumerate(rule.examples):
            if "file" not in ex:
                yield pytest.param(path, i, id=f"{rule.code}-{i + 1}")


def test_every_rule_of_issue_5_is_there():
    codes = {p.name[:4] for p in RULE_FILES}
    assert codes >= {"E401", "E402", "E403", "E404", "E405", "E406", "E407", "B501", "B502", "B503", "B504", "M305"}


@pytest.mark.parametrize("path,index", list(cases()))
def test_rule_example(path, index):
    rule = load(path)
    example = rule.examples[index]
    findings = run_example(rule, example)
    expected = example["expect"]
    got = [(f.code, f.data) for f in findings]
    assert len(findings) == len(expected), f"{example.get('name')}: {got}"
    for want, f in zip(expected, findings):
        assert f.code == want["code"]
        if "form" in want:
            assert f.form == f"example#{want['form']}"
        if "indicator" in want:
            assert f.indicator == want["indicator"]
        for k, v in (want.get("data") or {}).items():
            assert f.data.get(k) == str(v), f"{example.get('name')}: {k}: {f.data}"
        assert "{" not in f.message["zh"] and "{" not in f.message["en"], f.message
