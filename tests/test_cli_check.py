"""`checker check` end to end, as a filer or a script runs it: exit codes, bad input, JSON contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEEDS = sorted(SAMPLES.glob("00[0-3]_*.txt"))
HANDMADE = SAMPLES / "handmade_project_target.txt"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "checker.cli.main", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )


def check_json(*paths: str, extra: tuple[str, ...] = ()) -> tuple[int, dict]:
    proc = run("check", *paths, "--format", "json", *extra)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


# ---------------------------------------------------------------- bad input: one line, exit 2

@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("prose.txt", "会议纪要\n\n今天讨论了明年的工作安排。\n".encode(), "no performance form"),
    ],
)
def test_bad_input_gives_one_clear_line_and_exit_2(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    proc = run("check", str(path))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    out = proc.stdout + proc.stderr
    assert str(path) in out and expected in out


def test_missing_path_names_it_and_exits_2(tmp_path):
    missing = tmp_path / "nope.txt"
    proc = run("check", str(missing))
    assert proc.returncode == 2
    assert str(missing) in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_file_does_not_hide_the_good_one(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, report = check_json(str(empty), str(HANDMADE))
    assert code == 2
    by_path = {f["path"]: f for f in report["files"]}
    assert by_path[str(empty)]["error"] and not by_path[str(empty)]["findings"]
    assert by_path[str(HANDMADE)]["findings"]


def test_output_never_overwrites_an_input(tmp_path):
    copy = tmp_path / "form.txt"
    copy.write_bytes(HANDMADE.read_bytes())
    proc = run("check", str(copy), "--output", str(copy))
    assert proc.returncode == 2
    assert copy.read_bytes() == HANDMADE.read_bytes()


# ---------------------------------------------------------------- the hand-made form's known findings

def test_handmade_form_findings_are_the_known_ones():
    code, report = check_json(str(HANDMADE))
    assert code == 1
    (file,) = report["files"]
    (form,) = file["forms"]
    assert form["kind"] == "project_target" and form["year"] == 2026
    assert form["budget"] == {"amount": "200", "unit": "万元"}
    codes = {(f["code"], f["indicator"][2] if f["indicator"] else None) for f in file["findings"]}
    assert ("V202", "水质检测次数") in codes
    assert ("V204", "水质检测合格率") in codes
    assert ("V206", "维护集中供水工程数量") in codes
    assert ("V208", "受益群众满意度") in codes
    assert "S101" in {c for c, _ in codes}
    m303 = [f for f in file["findings"] if f["code"] == "M303"]
    assert m303 and m303[0]["severity"] == "warning"
    assert "V201" not in {c for c, _ in codes}


def test_json_contract_fields():
    _, report = check_json(str(HANDMADE))
    assert report["version"] == 1
    assert set(report["summary"]) >= {"files", "forms", "findings"}
    finding = report["files"][0]["findings"][0]
    assert set(finding) >= {"code", "severity", "message", "form", "indicator", "place", "data"}
    assert set(finding["place"]) >= {"line", "column", "end_line", "end_column", "sheet", "cell"}


def test_lang_en_gives_english_messages():
    _, zh = check_json(str(HANDMADE))
    _, en = check_json(str(HANDMADE), extra=("--lang", "en"))
    zh_msgs = [f["message"] for f in zh["files"][0]["findings"]]
    en_msgs = [f["message"] for f in en["files"][0]["findings"]]
    assert zh_msgs != en_msgs
    assert all(m.isascii() or any("a" <= ch <= "z" for ch in m) for m in en_msgs)


def test_select_and_fail_on():
    code, report = check_json(str(HANDMADE), extra=("--select", "V208"))
    assert {f["code"] for f in report["files"][0]["findings"]} == {"V208"}
    assert code == 0  # V208 is a warning: below the default --fail-on error
    code, _ = check_json(str(HANDMADE), extra=("--select", "V208", "--fail-on", "warning"))
    assert code == 1


# ---------------------------------------------------------------- the real seeds

def test_seeds_run_without_traceback_and_exit_1():
    code, report = check_json(*map(str, SEEDS))
    assert code == 1
    assert all(f["error"] is None for f in report["files"])
    kinds = {Path(f["path"]).name[:3]: [x["kind"] for x in f["forms"]] for f in report["files"]}
    assert kinds["000"].count("department_target") == 1 and kinds["000"].count("project_target") == 9
    assert kinds["001"] == ["department_target", "department_self_eval"]
    assert kinds["002"] == ["department_self_eval"]
    assert kinds["003"].count("project_target") >= 55


def test_rich_report_renders(tmp_path):
    proc = run("check", str(HANDMADE), "--lang", "en")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "V208" in proc.stdout and "M303" in proc.stdout


def test_jobs_give_the_same_report_in_the_same_order():
    _, one = check_json(*map(str, SEEDS))
    _, two = check_json(*map(str, SEEDS), extra=("--jobs", "2"))
    assert one == two


def test_a_checker_bug_on_one_file_is_that_files_error_and_the_others_go_on(monkeypatch):
    from checker.pipeline import CheckOptions, check_file
    from checker.rules import load_pack

    def broken_layout(doc):
        raise KeyError("unexpected cell")

    monkeypatch.setattr("checker.layout.find_forms", broken_layout)
    result = check_file(str(HANDMADE), load_pack(), CheckOptions())
    assert result.error and "internal error" in result.error and str(HANDMADE) in result.error
    assert result.findings == []
