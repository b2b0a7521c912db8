"""The JSON report keeps the DESIGN.md §5 contract (version 1) that scripts rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from checker.model import Finding, Place
from checker.report.json_report import plain, to_json
from checker.report.result import FileResult, Report
from test_report_samples import SEED_003, XLSX, sample_report

PLACE_KEYS = {"line", "column", "end_line", "end_column", "sheet", "cell"}


def test_top_level_and_summary_follow_the_contract():
    doc = to_json(sample_report())
    assert doc["version"] == 1
    assert [f["path"] for f in doc["files"]] == [SEED_003, XLSX, "broken.xlsx"]
    summary = doc["summary"]
    assert summary["files"] == 3 and summary["forms"] == 4
    # grouped S103 counts once; the waived S107 is counted apart, not as a warning
    assert summary["findings"] == {"error": 2, "warning": 1, "info": 2}
    assert summary["waived"] == 1 and summary["unreadable"] == 1 and summary["failed"] is True
    assert summary["codes"]["M303"] == {"error": 1}
    json.dumps(doc, ensure_ascii=False)  # every value is JSON


def test_form_entries_carry_budget_as_exact_decimal_string():
    form = to_json(sample_report())["files"][0]["forms"][1]
    assert form["id"] == f"{SEED_003}#1002"
    assert form["kind"] == "project_target" and form["year"] == 2026
    assert form["title"] == "泽州县县(区)级预算部门(单位)项目支出绩效目标表"
    assert form["budget"] == {"amount": "1600000", "unit": "元"}
    assert form["indicators"] == 1 and form["place"]["line"] == 1002


def test_m303_finding_has_every_contract_field():
    findings = to_json(sample_report())["files"][0]["findings"]
    m303 = next(f for f in findings if f["code"] == "M303")
    assert m303["severity"] == "error"
    assert m303["message"].startswith("经济成本指标合计 327.71 万元")
    assert m303["form"] == f"{SEED_003}#1002"
    assert m303["indicator"] == ["成本指标", "", "养护费用"]
    assert m303["place"] == {"line": 1026, "column": 12, "end_line": 1026, "end_column": 20,
                             "sheet": None, "cell": None}
    assert m303["data"] == {"expected": "160", "actual": "327.71", "unit": "万元"}
    assert m303["waived"] is False and m303["count"] == 1
    assert m303["row"].split("\t")[3] == "327.71万元"


def test_message_follows_lang_and_keeps_all_languages():
    findings = to_json(sample_report(lang="en"))["files"][0]["findings"]
    m303 = next(f for f in findings if f["code"] == "M303")
    assert m303["message"].startswith("economic cost indicators total")
    assert set(m303["messages"]) == {"zh", "en"}


def test_unknown_lang_falls_back_to_chinese():
    findings = to_json(sample_report(lang="fr"))["files"][0]["findings"]
    assert all(f["message"] == f["messages"]["zh"] for f in findings)


def test_grouped_template_finding_is_one_entry_with_its_forms():
    findings = to_json(sample_report())["files"][0]["findings"]
    s103 = [f for f in findings if f["code"] == "S103"]
    assert len(s103) == 1
    assert s103[0]["count"] == 3 and s103[0]["form"] is None
    assert len(s103[0]["data"]["forms"]) == 3


def test_spreadsheet_place_has_sheet_and_cell_and_no_line():
    finding = to_json(sample_report())["files"][1]["findings"][0]
    assert finding["place"]["sheet"] == "目标表" and finding["place"]["cell"] == "D25"
    assert finding["place"]["line"] is None and finding["place"]["column"] is None
    assert set(finding["place"]) == PLACE_KEYS


def test_unreadable_file_has_error_and_no_findings():
    broken = to_json(sample_report())["files"][2]
    assert broken["error"].startswith("不是有效的 xlsx 文件")
    assert broken["findings"] == [] and broken["forms"] == []


def test_clean_report_passes():
    doc = to_json(Report([FileResult("a.txt")]))
    assert doc["summary"]["findings"] == {"error": 0, "warning": 0, "info": 0}
    assert doc["summary"]["failed"] is False


def test_json_renderer_does_not_import_rich():
    code = ("import sys, checker.report.json_report, checker.report.sarif, checker.report.grouping, "
            "checker.report.html; print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


data_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text()
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.builds(Place, st.integers(1, 10_000), st.integers(1, 200)),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


@given(st.dictionaries(st.text(max_size=8), data_values, max_size=5))
def test_any_finding_data_becomes_json(data):
    finding = Finding("M303", "error", {"zh": "测试"}, data=data)
    doc = to_json(Report([FileResult("x.txt", findings=[finding])]))
    text = json.dumps(doc, ensure_ascii=False)
    assert json.loads(text)["files"][0]["findings"][0]["code"] == "M303"


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_decimals_keep_their_exact_digits(amount):
    assert Decimal(plain(amount)) == amount and plain(amount) == str(amount)
