"""The first run reads well (issue 14 item 5): a folder of many files gives the brief report
with a line saying how to see each finding, and a form's repeated info findings of one code
print as one row (JSON keeps every one)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rich.console import Console

from checker.model import Finding, Form, Place
from checker.report.json_report import to_json
from checker.report.result import FileResult, Report
from checker.report.rich_report import render_rich

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker.cli.main", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def glyph(line: int, name: str) -> Finding:
    return Finding(code="V206", severity="info", message={"zh": f"“{name}”的“≧”请写作“≥”", "en": f"{name}: ≧"},
                   form="a.txt#4", place=Place(line, 9), row_text=f"产出指标\t数量指标\t{name}\t≧\t15\t个")


def rendered(report: Report) -> str:
    console = Console(width=100, record=True, color_system=None)
    render_rich(report, console)
    return console.export_text()


def test_repeated_infos_of_one_code_in_a_form_print_as_one_row():
    form = Form(id="a.txt#4", kind="department_target", title="2026年部门整体支出绩效目标表",
                place=Place(4, 1))
    blank = Finding(code="S107", severity="info", message={"zh": "“社会成本指标”未填写三级指标", "en": "blank"},
                    form="a.txt#4", place=Place(23, 2))
    late = Finding(code="V207", severity="warning", message={"zh": "时效指标“及时性”无法衡量", "en": "vague"},
                   form="a.txt#4", place=Place(32, 18))
    findings = [blank, glyph(25, "监管项目"), glyph(26, "建设数量"), late, glyph(27, "审量"),
                glyph(28, "处理量")]
    report = Report([FileResult("a.txt", forms=[form], findings=findings)])
    out = rendered(report)
    assert out.count("V206") == 2  # its row, and its line of the summary table
    assert "监管项目" in out and "建设数量" not in out
    assert "同类提示另有 3 处：26:9, 27:9, 28:9" in out
    assert "S107" in out and "V207" in out  # one info alone and a warning are shown as they are
    assert sum(f["code"] == "V206" for f in to_json(report)["files"][0]["findings"]) == 4


def test_a_folder_of_many_files_prints_the_brief_report_and_says_how_to_see_more():
    proc = run("check", str(SAMPLES))
    lines = proc.stdout.splitlines()
    assert len(lines) < 100 and "M303" in proc.stdout  # the summary table, not every finding
    assert "--full" in lines[-1]
    full = run("check", str(SAMPLES), "--full")
    assert len(full.stdout.splitlines()) > 5 * len(lines)
    assert full.returncode == proc.returncode == 1


def test_the_readme_first_command_checks_one_format_of_each_sample_briefly():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "checker check samples/*.txt" in readme.split("```")[1]
    proc = run("check", *map(str, sorted(SAMPLES.glob("*.txt"))))
    assert proc.returncode == 1 and len(proc.stdout.splitlines()) < 80
