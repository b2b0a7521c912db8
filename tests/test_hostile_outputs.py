"""Outputs never land on an input (same inode, hard links included), and a failed write is a
user error with the report kept on standard output (issue 15, items 2 and 7)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORM = ROOT / "samples" / "handmade_project_target.txt"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker.cli.main", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


def _form(tmp_path: Path) -> Path:
    form = tmp_path / "form.txt"
    shutil.copy(FORM, form)
    return form


def _assert_refused(proc, form: Path, before: bytes) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "never overwrites an input" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert form.read_bytes() == before


def test_check_output_onto_a_hard_link_of_the_input_is_refused(tmp_path):
    form = _form(tmp_path)
    before = form.read_bytes()
    os.link(form, tmp_path / "report.json")
    _assert_refused(run("check", str(form), "--format", "json", "-o", str(tmp_path / "report.json")), form, before)


def test_check_output_onto_a_file_in_an_input_folder_via_symlink_is_refused(tmp_path):
    form = _form(tmp_path)
    before = form.read_bytes()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "r.txt").symlink_to(form)
    _assert_refused(run("check", str(tmp_path), "-o", str(tmp_path / "out" / "r.txt")), form, before)


def test_parse_output_onto_its_input_is_refused(tmp_path):
    form = _form(tmp_path)
    before = form.read_bytes()
    _assert_refused(run("parse", str(form), "-o", str(form)), form, before)


def test_parse_output_onto_a_hard_link_of_its_input_is_refused(tmp_path):
    form = _form(tmp_path)
    before = form.read_bytes()
    os.link(form, tmp_path / "form.yaml")
    _assert_refused(run("parse", str(form), "-o", str(tmp_path / "form.yaml")), form, before)


def test_check_output_onto_the_waivers_file_is_refused(tmp_path):
    form = _form(tmp_path)
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("waivers: []\n", encoding="utf-8")
    proc = run("check", str(form), "--waivers", str(waivers), "-o", str(waivers))
    _assert_refused(proc, waivers, b"waivers: []\n")


@pytest.mark.parametrize("cmd", [("check", "--format", "json"), ("parse",)])
def test_output_into_a_missing_folder_is_exit_2_and_the_report_still_comes_out(tmp_path, cmd):
    form = _form(tmp_path)
    proc = run(cmd[0], str(form), *cmd[1:], "-o", str(tmp_path / "no" / "such" / "out.json"))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "out.json" in proc.stderr
    assert "项目名称" in proc.stdout or "project" in proc.stdout  # the computed report is not lost


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_disk_full_is_exit_2(tmp_path):
    proc = run("check", str(_form(tmp_path)), "--format", "json", "-o", "/dev/full")
    assert proc.returncode == 2, proc.stderr
    assert "/dev/full" in proc.stderr and "internal error" not in proc.stderr
    assert '"files"' in proc.stdout
