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


# --------------------------------------------------------------------------- edge cases of the kinds


def _project_table(rows):
    from checker.model import Cell, Field, Form, Place, Table

    table = Table(title="2026年项目支出预算表(本年预算)", unit="万元", columns=["项目名称", "合计", "一般公共预算"],
                  rows=[[Cell(t, Place(line=n + 1)) for t in r] for n, r in enumerate(rows)], place=Place(line=1), number=12)
    return Form(id="f#1", kind="budget_table", title="t", place=Place(), tables=[table],
                header={"department_name": Field("部门名称", "某县教育局", Place())})


def _table_sums(form):
    from checker.rules.kinds import load_kinds
    from checker.rules.pack import Check

    return list(load_kinds()["table_sums"].func(Check(kind="table_sums", options={}), form, None))


def test_project_table_units_and_their_projects():
    form = _project_table([
        ["某县教育局", "300.00", "300.00"],
        ["某县教育局", "200.00", "200.00"], ["校舍维修", "120.00", "120.00"], ["教师培训", "80.00", "80.00"],
        ["某县教研中心", "100.00", "100.00"], ["教研经费", "90.00", "90.00"],
    ])
    hits = _table_sums(form)
    assert [(h.data["row"], h.data["expected"], h.data["actual"]) for h in hits] == [
        ("某县教研中心", "90.00", "100.00"), ("某县教研中心", "90.00", "100.00")]


def test_project_table_with_units_it_cannot_name_is_not_judged():
    form = _project_table([
        ["某县教育局", "300.00", "300.00"],
        ["机关本级", "200.00", "200.00"], ["校舍维修", "200.00", "200.00"],
        ["直属学校", "100.00", "100.00"], ["教研经费", "100.00", "100.00"],
    ])
    assert _table_sums(form) == []


def test_unreadable_score_is_a_doubt_not_a_wrong_total():
    from checker.model import Field, Form, Indicator, Place, Filing

    inds = [Indicator("产出指标", "数量指标", "a", weight="60", score="60"),
            Indicator("效益指标", "社会效益指标", "b", weight="40", score="3O", doubts=["score_unreadable"])]
    form = Form(id="f#1", kind="project_self_eval", title="t", place=Place(), indicators=inds,
                total_score=Field("总分", "95", Place(line=9)))
    rule = load(rules_dir() / "E405.yaml")
    out = RulePack(rules=[rule]).check(Filing(path="x", forms=[form]))
    assert [(f.code, f.severity, f.data.get("rule")) for f in out] == [("X903", "info", "E405")]
