"""Template-level deviations are reported once per document, with the number of forms."""

from __future__ import annotations

import copy

from hypothesis import given
from hypothesis import strategies as st

from checker.model import Finding, Form, Place
from checker.report.grouping import group_template_findings
from test_report_samples import PROJECTS, m303, project_form, template_findings


def forms() -> list[Form]:
    return [project_form(*p) for p in PROJECTS]


def test_deviation_in_every_form_becomes_one_document_finding():
    out = group_template_findings([*template_findings(), m303()], forms())
    s103 = [f for f in out if f.code == "S103"]
    assert len(s103) == 1
    grouped = s103[0]
    assert grouped.count == 3 and grouped.form is None
    assert grouped.place.line == 697  # the first occurrence, in reading order
    assert grouped.data["places"] == ["697:2", "1026:2", "1058:2"]
    assert grouped.indicator == ["成本指标", ""]  # each form names its own level-3 cost
    assert out[0] is grouped and out[1] == m303()  # order kept, M303 untouched


def test_deviation_missing_in_one_form_is_not_grouped():
    findings = template_findings()[:2]
    assert group_template_findings(findings, forms()) == findings


def test_different_messages_are_different_deviations():
    findings = template_findings()
    findings[1].message = {"zh": "一级指标“成本指标”下缺少二级指标“社会成本指标”"}
    assert group_template_findings(findings, forms()) == findings


def test_forms_of_another_kind_do_not_block_grouping():
    dept = Form(id="doc#1", kind="department_target", title="部门整体支出绩效目标表", place=Place(1, 1))
    out = group_template_findings(template_findings(), [dept, *forms()])
    assert [f.count for f in out] == [3]


def test_single_form_is_never_grouped():
    only = template_findings()[:1]
    assert group_template_findings(only, forms()[:1]) == only


def test_share_threshold_groups_most_forms_when_asked():
    findings = template_findings()[:2]
    out = group_template_findings(findings, forms(), min_share=0.6)
    assert len(out) == 1 and out[0].count == 2


def test_inputs_are_not_changed_and_grouping_is_idempotent():
    findings, fs = template_findings(), forms()
    before = copy.deepcopy(findings)
    once = group_template_findings(findings, fs)
    assert findings == before
    assert group_template_findings(once, fs) == once


CODES = ["S103", "S107", "V210"]


@st.composite
def findings_in_forms(draw):
    n_forms = draw(st.integers(1, 5))
    fs = [Form(id=f"f#{i}", kind="project_target", title="项目支出绩效目标表", place=Place(i * 100, 1))
          for i in range(n_forms)]
    findings = [
        Finding(draw(st.sampled_from(CODES)), draw(st.sampled_from(["error", "warning"])),
                {"zh": draw(st.sampled_from(["缺少经济成本指标", "指标值不可衡量"]))},
                form=draw(st.sampled_from([f.id for f in fs] + [None])),
                indicator=["成本指标", "", draw(st.sampled_from(["养护费用", "编制费用"]))],
                place=Place(draw(st.integers(1, 600)), 1))
        for _ in range(draw(st.integers(0, 12)))
    ]
    return findings, fs


@given(findings_in_forms())
def test_every_finding_is_kept_or_stands_behind_a_grouped_one(case):
    findings, fs = case
    out = group_template_findings(findings, fs)
    assert len(out) <= len(findings)
    grouped = [f for f in out if f.count > 1]
    kept = [f for f in out if f.count == 1]
    assert all(any(f is k for k in findings) for f in kept)  # unchanged objects
    behind = {id(f) for f in findings} - {id(f) for f in kept}
    assert sum(len(g.data["forms"]) for g in grouped) <= len(behind)
    for f in findings:
        if id(f) in behind:
            assert any(g.code == f.code and g.message == f.message and f.form in g.data["forms"]
                       for g in grouped)
    for g in grouped:
        assert g.count == len(fs) and g.form is None
    assert group_template_findings(out, fs) == out
