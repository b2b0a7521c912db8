"""One cause, one finding (issue 10 item 7): a template-level deviation whose rule gives a
``per_document`` message is one finding for the document, listing the forms, whatever share of
the forms shows it (checker/report/grouping.py group_document_findings)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.model import Finding, Place
from checker.report.grouping import group_document_findings

TEMPLATE_ROW = {"zh": "{forms} 张表留空模板行 {findings} 行（{level2_list}）",
                "en": "{findings} template rows left empty in {forms} forms ({level2_list})"}
ALL_QUALITATIVE = {"zh": "{forms} 张表的“{level1}”全部定性", "en": "all of '{level1}' qualitative in {forms} forms"}


def s107(form: int, line: int, level2: str) -> Finding:
    return Finding(code="S107", severity="info", message={"zh": f"二级指标“{level2}”未填写", "en": level2},
                   form=f"doc.txt#{form}", place=Place(line, 3), data={"level1": "效益指标", "level2": level2},
                   per_document=TEMPLATE_ROW)


def v209(form: int, line: int, level1: str) -> Finding:
    return Finding(code="V209", severity="warning", message={"zh": f"“{level1}”下全部为定性指标", "en": level1},
                   form=f"doc.txt#{form}", place=Place(line, 1), data={"level1": level1, "count": "2"},
                   per_document=ALL_QUALITATIVE)


def test_template_rows_of_three_forms_become_one_finding_listing_forms_and_rows():
    other = Finding(code="M303", severity="error", message={"zh": "超过"}, form="doc.txt#2", place=Place(25, 1))
    findings = [s107(1, 10, "经济效益"), s107(1, 11, "可持续影响"), other, s107(2, 30, "经济效益"),
                s107(4, 50, "生态效益")]
    out = group_document_findings(findings)
    assert [f.code for f in out] == ["S107", "M303"]
    grouped = out[0]
    assert grouped.form is None and grouped.indicator is None and grouped.count == 3
    assert grouped.text("zh") == "3 张表留空模板行 4 行（经济效益、可持续影响、生态效益）"
    assert grouped.data["forms"] == ["doc.txt#1", "doc.txt#2", "doc.txt#4"]
    assert grouped.data["places"] == ["10:3", "11:3", "30:3", "50:3"]
    assert grouped.data["messages"][1] == "二级指标“可持续影响”未填写"  # detail kept, in the order of places


def test_two_forms_are_read_best_one_by_one():
    findings = [s107(1, 10, "经济效益"), s107(2, 30, "经济效益"), s107(2, 31, "生态效益")]
    assert group_document_findings(findings) == findings


def test_a_placeholder_other_than_a_list_keeps_groups_apart():
    findings = [v209(n, n * 10, "效益指标") for n in (1, 2, 3)] + [v209(4, 45, "成本指标")]
    out = group_document_findings(findings)
    assert [(f.count, f.text("zh")) for f in out] == [(3, "3 张表的“效益指标”全部定性"), (1, "“成本指标”下全部为定性指标")]


def test_findings_without_a_document_message_are_left_alone():
    plain = [Finding(code="S105", severity="warning", message={"zh": "缺少时效指标"}, form=f"doc.txt#{n}",
                     place=Place(n, 1)) for n in (1, 2, 3)]
    assert group_document_findings(plain) == plain


SEED_003 = sorted(Path("/work/shared/seeds").glob("003_*.txt")) or sorted(
    (Path(__file__).parents[1] / "samples").glob("003_*.txt"))


@pytest.mark.skipif(not SEED_003, reason="seed 003 not present")
def test_seed_003_template_rows_and_qualitative_benefits_are_one_finding_each_in_json():
    import jsonschema

    from checker.report.json_report import report_schema

    result = subprocess.run([sys.executable, "-m", "checker.cli.main", "check", str(SEED_003[0]), "--format", "json"],
                            capture_output=True, text=True, encoding="utf-8", timeout=300)
    report = json.loads(result.stdout)
    jsonschema.validate(report, report_schema())
    findings = report["files"][0]["findings"]
    template = [f for f in findings if f["code"] == "S107" and f["severity"] == "info"]
    assert len(template) == 1 and template[0]["form"] is None and template[0]["count"] >= 40
    assert len(template[0]["data"]["forms"]) == template[0]["count"]
    benefits = [f for f in findings if f["code"] == "V209" and f["data"].get("level1") == "效益指标"]
    assert len(benefits) == 1 and benefits[0]["count"] >= 20
