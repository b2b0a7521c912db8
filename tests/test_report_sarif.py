"""SARIF 2.1.0: the properties code-scanning tools require, regions, cells, encoded URIs."""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.cli.main import main
from checker.model import Finding, Place
from checker.report.result import FileResult, Report
from checker.report.sarif import artifact_uri, to_sarif
from test_report_samples import sample_report

META = {
    "M303": {"title": {"zh": "经济成本指标合计与年度资金总额", "en": "Cost indicators against the annual budget"},
             "severity": "error", "source": "财预〔2015〕88号", "help": "经济成本指标金额之和应等于年度资金总额。"},
    "V210": {"title": "数量、质量指标不宜只写定性描述", "severity": "warning", "help": {"zh": "请量化", "en": "quantify"}},
}


def run_of(report: Report, meta: dict | None = None) -> dict:
    log = to_sarif(report, META if meta is None else meta)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(log["runs"]) == 1
    json.dumps(log, ensure_ascii=False)
    return log["runs"][0]


def result(run: dict, code: str) -> dict:
    return next(r for r in run["results"] if r["ruleId"] == code)


def test_every_result_has_the_required_shape():
    run = run_of(sample_report())
    assert run["tool"]["driver"]["name"] == "checker"
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    for res in run["results"]:
        assert res["level"] in {"error", "warning", "note"}
        assert res["message"]["text"]
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]["artifactLocation"]
        assert run["artifacts"][loc["index"]]["location"]["uri"] == loc["uri"]


def test_one_rule_per_code_with_severity_and_help():
    rules = run_of(sample_report())["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["M303", "S103", "S107", "V206", "V210", "X901"]
    m303 = rules[0]
    assert m303["defaultConfiguration"]["level"] == "error"
    assert m303["shortDescription"]["text"] == "经济成本指标合计与年度资金总额"
    assert "财预〔2015〕88号" in m303["help"]["text"]
    assert rules[4]["help"]["text"].startswith("请量化")  # help given per language


def test_missing_rule_meta_still_gives_a_rule_with_the_findings_severity():
    rules = run_of(sample_report(), meta={})["tool"]["driver"]["rules"]
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in rules}
    assert levels == {"M303": "error", "S103": "error", "S107": "warning", "V206": "note",
                      "V210": "warning", "X901": "note"}


def test_text_finding_is_a_region_in_code_points():
    res = result(run_of(sample_report()), "M303")
    region = res["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 1026 and region["startColumn"] == 12
    assert region["endLine"] == 1026 and region["endColumn"] == 20
    assert "327.71万元" in region["snippet"]["text"]
    assert "logicalLocations" not in res["locations"][0]


def test_spreadsheet_cell_goes_to_logical_locations_and_the_message():
    # GitHub code scanning refuses a result without region.startLine (GH1003): a cell, which has
    # no text line, gets the artifact's first line and is named in the message and logicalLocations
    res = result(run_of(sample_report()), "V206")
    location = res["locations"][0]
    assert location["physicalLocation"]["region"] == {"startLine": 1}
    assert location["logicalLocations"][0]["name"] == "目标表!D25"
    assert res["message"]["text"].endswith("（目标表!D25）")
    assert res["level"] == "note"


def test_word_table_cell_is_named_not_given_a_text_region():
    finding = Finding("S108", "error", {"zh": "占位符", "en": "placeholder"}, place=Place(line=3, table=2, row=4, col=3))
    res = run_of(Report([FileResult("目标表.docx", findings=[finding])]))["results"][0]
    assert res["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert res["locations"][0]["logicalLocations"][0]["name"] == "table 2 row 4 col 3"
    assert res["message"]["text"] == "占位符（表2 第4行 第3列）"
    english = run_of(Report([FileResult("目标表.docx", findings=[finding])], lang="en"))["results"][0]
    assert english["message"]["text"] == "placeholder (table 2 row 4 col 3)"


def test_every_result_of_the_samples_has_a_region():
    samples = Path(__file__).resolve().parents[1] / "samples"
    with contextlib.redirect_stdout(io.StringIO()) as out, pytest.raises(SystemExit):
        main(["check", str(samples), "--format", "sarif"])
    results = json.loads(out.getvalue())["runs"][0]["results"]
    assert results and all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in results)


def test_non_ascii_paths_are_percent_encoded():
    run = run_of(sample_report())
    uri = run["artifacts"][1]["location"]["uri"]
    assert uri.isascii() and unquote(uri) == "填报/部门整体支出绩效目标表.xlsx"


def test_waived_finding_is_suppressed_and_grouped_carries_count():
    run = run_of(sample_report())
    assert result(run, "S107")["suppressions"] == [{"kind": "external", "status": "accepted"}]
    assert "suppressions" not in result(run, "M303")
    s103 = result(run, "S103")
    assert s103["properties"]["count"] == 3 and "3 张表" in s103["message"]["text"]


def test_unreadable_file_is_a_tool_notification():
    invocation = run_of(sample_report())["invocations"][0]
    assert invocation["executionSuccessful"] is False
    note = invocation["toolExecutionNotifications"][0]
    assert note["level"] == "error" and note["message"]["text"].startswith("不是有效的")
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.xlsx"


def test_english_messages_when_asked():
    assert result(run_of(sample_report(lang="en")), "M303")["message"]["text"].startswith("economic")


def test_fingerprint_survives_a_line_shift():
    a, b = sample_report(), sample_report()
    moved = next(f for f in b.files[0].findings if f.code == "M303")
    moved.place = Place(2026, 12, 2026, 20)
    fa = result(run_of(a), "M303")["partialFingerprints"]
    fb = result(run_of(b), "M303")["partialFingerprints"]
    assert fa == fb


path_parts = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\\x00"),
                     min_size=1, max_size=12).filter(lambda p: p not in (".", ".."))


@given(st.lists(path_parts, min_size=1, max_size=4))
def test_relative_uri_is_ascii_and_decodes_to_the_path(parts):
    path = "/".join(parts)
    uri = artifact_uri(path)
    assert uri.isascii() and " " not in uri and "#" not in uri
    assert unquote(uri) == path


@given(st.lists(path_parts, min_size=1, max_size=3))
def test_absolute_uri_is_a_file_uri(parts):
    path = os.sep + os.sep.join(parts)
    uri = artifact_uri(path)
    assert uri.startswith("file:///") and uri.isascii()
    assert unquote(uri[len("file://"):]) == path.replace(os.sep, "/")


def test_structured_source_is_joined_into_help():
    meta = {"M303": {"title": {"zh": "成本", "en": "cost"}, "severity": "error",
                     "source": {"regulation": "财预〔2015〕88号", "article": "第十一条"}, "help": ""}}
    rule = run_of(sample_report(), meta=meta)["tool"]["driver"]["rules"][0]
    assert rule["help"]["text"] == "财预〔2015〕88号 第十一条"
