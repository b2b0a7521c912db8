"""Issue 11, item 5: `checker check --baseline OLD.json` shows only what is new against an earlier
report; `checker rules explain CODE FILE` says why a rule fired or not on each form."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "000_3dc31615842cc839.txt"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker.cli.main", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def _codes(proc) -> list[tuple[str, str]]:
    return sorted((f["code"], f["severity"]) for r in json.loads(proc.stdout)["files"] for f in r["findings"])


def test_the_same_files_against_their_own_report_show_nothing_new(tmp_path):
    old = tmp_path / "old.json"
    assert _run("check", str(SEED), "--format", "json", "-o", str(old)).returncode == 1
    proc = _run("check", str(SEED), "--format", "json", "--baseline", str(old))
    assert proc.returncode == 0 and _codes(proc) == []
    assert "已有" in proc.stderr and "0 of its findings are gone" in proc.stderr


def test_a_profile_change_shows_only_what_it_changes(tmp_path):
    # county-review raises V206 (legacy glyphs) from info to warning: exactly those findings are new.
    old = tmp_path / "old.json"
    _run("check", str(SEED), "--format", "json", "-o", str(old))
    base = json.loads(old.read_text(encoding="utf-8"))
    v206 = sum(1 for r in base["files"] for f in r["findings"] if f["code"] == "V206")
    proc = _run("check", str(SEED), "--format", "json", "--profile", "county-review", "--baseline", str(old))
    assert v206 > 0 and _codes(proc) == [("V206", "warning")] * v206
    assert f"{v206} of its findings are gone" in proc.stderr


def test_an_edit_that_adds_a_problem_shows_that_problem_alone(tmp_path):
    form = tmp_path / "form.txt"
    form.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    old = tmp_path / "old.json"
    _run("check", str(form), "--format", "json", "-o", str(old))
    form.write_text(form.read_text(encoding="utf-8").replace("≧\t95\t%", "≧\t195\t%", 1), encoding="utf-8")
    codes = _codes(_run("check", str(form), "--format", "json", "--baseline", str(old)))
    assert ("V204", "error") in codes and len(codes) <= 2


def test_a_baseline_that_is_no_report_is_a_clear_error(tmp_path):
    bad = tmp_path / "old.json"
    bad.write_text('{"forms": []}', encoding="utf-8")
    proc = _run("check", str(SEED), "--baseline", str(bad))
    assert proc.returncode == 2 and "not a checker report" in proc.stderr and "Traceback" not in proc.stderr


def test_rules_explain_says_why_a_rule_fired_and_where_it_did_not_apply():
    proc = _run("rules", "explain", "M303", str(ROOT / "samples" / "shanxi_2026_projects.txt"))
    assert proc.returncode == 0, proc.stderr
    # 建设工程事务中心工作经费: the costs add to 24 万元 against a budget of 20 万元.
    assert "M303 error" in proc.stdout and "computed: {expected: '20', actual: '24'" in proc.stdout
    assert "no finding: the check holds on this form" in proc.stdout
    # where it holds, the figures it compared (扬尘污染视频监控平台经费: one cost row of 10 万元)
    assert "computed: 年度资金总额 10 万元 = parts 10 万元" in proc.stdout
    # where it had nothing to add up it says so, not that the check holds (seed 003's 执法辅助人员经费
    # has no money row under 成本指标)
    seed3 = _run("rules", "explain", "M303", str(ROOT / "samples" / "003_fcba76fadf4b07a9.txt")).stdout
    assert "0 part(s), fewer than 1 (not judged)\n    no finding: the check had nothing to judge" in seed3
    other = _run("rules", "explain", "E401", str(ROOT / "samples" / "shanxi_2026_projects.txt"))
    assert "not applied: form kind project_target not in" in other.stdout
    unknown = _run("rules", "explain", "M3O3", str(SEED))
    assert unknown.returncode == 2 and "no rule" in unknown.stderr


def test_rules_show_gives_a_built_in_code_its_words_and_severity():
    # X904 and the other codes of rules/codes.yaml have no rule file, yet a reader of a report meets them
    proc = _run("rules", "show", "X904")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("X904  warning  (built in: no rule file)") and "请核对原件" in proc.stdout
