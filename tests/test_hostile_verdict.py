"""Fail closed: a file read only in part is never "✓ 没有错误"; a filing cannot bring findings
of its own into the report (issue 15, items 6 and 8)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from checker.errors import InputError
from checker.readers import read

ROOT = Path(__file__).resolve().parent.parent

ROWS = [
    ["2026年项目支出绩效目标表"],
    ["项目名称", "示例河道保洁"],
    ["年度预算金额", "12.00"],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "保洁里程", "≥10公里"],
    ["效益指标", "社会效益指标", "河面整洁", "明显改善"],
]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker.cli.main", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def _damaged_workbook(tmp_path: Path) -> Path:
    """Two sheets: the first sound, the second's XML cut off in the middle of its rows."""
    wb = openpyxl.Workbook()
    wb.active.title = "封面"
    wb.active.append(["示例单位 2026 年预算公开"])
    form = wb.create_sheet("目标表")
    for row in ROWS * 20:
        form.append(row)
    path = tmp_path / "book.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    body = parts["xl/worksheets/sheet2.xml"]
    parts["xl/worksheets/sheet2.xml"] = body[: body.index(b'<row r="40"')] + b'<row r="40"><c r="A40" t="inlineStr"><is><t>cut'
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def test_damaged_sheet_makes_the_check_incomplete_not_clean(tmp_path):
    book = _damaged_workbook(tmp_path)
    # only X901 selected: on the old code the damage was a warning and the run said "✓ 没有错误"
    proc = run("check", str(book), "--select", "X901")
    assert "没有错误" not in proc.stdout
    assert "无法完成检查" in proc.stdout
    assert proc.returncode == 2
    proc = run("check", str(book), "--format", "json")
    report = json.loads(proc.stdout)
    assert proc.returncode == 2
    assert report["files"][0]["incomplete"] is True and report["summary"]["incomplete"] == 1
    assert report["summary"]["failed"] is True


def test_sound_workbook_is_not_incomplete(tmp_path):
    wb = openpyxl.Workbook()
    for row in ROWS:
        wb.active.append(row)
    wb.save(tmp_path / "ok.xlsx")
    report = json.loads(run("check", str(tmp_path / "ok.xlsx"), "--format", "json").stdout)
    assert report["files"][0]["incomplete"] is False


def _filing(tmp_path: Path, findings: list[dict]) -> Path:
    data = {"version": 1, "forms": [{"kind": "project_target", "title": "2026年项目支出绩效目标表",
                                     "header": {}, "indicators": []}], "findings": findings}
    path = tmp_path / "filing.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("finding, where", [
    ({"code": "S101", "severity": "error", "message": "伪造的发现"}, "/findings/0/code"),
    ({"code": "X902", "severity": "warning", "message": "m", "waived": True}, "/findings/0/waived"),
])
def test_a_filing_cannot_inject_findings(tmp_path, finding, where):
    with pytest.raises(InputError) as info:
        read(_filing(tmp_path, [finding]))
    assert where in str(info.value)


def test_reading_doubts_from_parse_are_kept_marked_as_imported(tmp_path):
    doc = read(_filing(tmp_path, [{"code": "X901", "severity": "warning", "message": "表格未读全"}]))
    (finding,) = doc.filing.findings
    assert finding.code == "X901" and finding.data["imported"] == "unverified" and not finding.waived


def test_parse_then_check_keeps_the_incomplete_verdict(tmp_path):
    book = _damaged_workbook(tmp_path)
    out = tmp_path / "book.yaml"
    assert run("parse", str(book), "-o", str(out)).returncode == 0
    proc = run("check", str(out), "--format", "json")
    assert json.loads(proc.stdout)["files"][0]["incomplete"] is True
