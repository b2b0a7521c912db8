"""Every JSON report validates against the published schema (checker/report/report-v1.schema.json,
DESIGN.md §5): the samples, a folder with an unreadable file, and a workbook read only in part."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from checker.report.json_report import report_schema

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def validator():
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def report(*paths: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "checker.cli.main", "check", *paths, "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode in (0, 1, 2), proc.stderr
    return json.loads(proc.stdout)


def problems(validator, data: dict) -> list[str]:
    return [f"{e.json_path}: {e.message[:200]}" for e in validator.iter_errors(data)]


def test_the_samples_report_validates(validator):
    data = report("samples")
    assert data["files"] and any(f["findings"] for f in data["files"])
    assert problems(validator, data) == []


def test_unreadable_and_incomplete_files_validate(validator, tmp_path):
    from test_hostile_verdict import _damaged_workbook

    (tmp_path / "empty.txt").write_bytes(b"")
    _damaged_workbook(tmp_path)
    data = report(str(tmp_path))
    assert {f["error"] is not None for f in data["files"]} == {True, False}
    assert problems(validator, data) == []


def test_the_schema_refuses_a_float_amount(validator):
    data = report("samples/handmade_project_target.txt")
    finding = data["files"][0]["findings"][0]
    finding["data"] = {"actual": 1480.5}
    assert problems(validator, data)
