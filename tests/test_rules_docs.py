"""Docs generated from the rule files (issue 11, item 6): docs/rules/ is current, every page says
what a policy officer needs, and the SARIF report's rule descriptors carry the same text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from checker.rules import load_pack
from checker.rules.codes import builtin_codes
from checker.rules.docs import rule_pages

ROOT = Path(__file__).resolve().parent.parent


def test_docs_rules_folder_is_current():
    """Edit a rule file, then run `checker rules docs`: this test fails until the pages follow."""
    pages = rule_pages(load_pack())
    folder = ROOT / "docs" / "rules"
    stale = [n for n, text in pages.items() if not (folder / n).is_file() or (folder / n).read_text(encoding="utf-8") != text]
    extra = [p.name for p in folder.glob("*.md") if p.name not in pages]
    assert not stale and not extra, f"run `checker rules docs`: stale {stale}, extra {extra}"


def test_a_page_has_source_options_parameters_and_both_kinds_of_example():
    page = rule_pages(load_pack())["V208.md"]
    assert page.startswith("# V208 满意度指标应以“≥ 百分比”表示且不低于下限")
    assert "依据 / source: 评审经验" in page and "kind `conditional`" in page
    assert "`satisfaction_floor`: 85 from 2015-01-01" in page
    assert "## 示例：应报出 / must fire" in page and "## 示例：不应报出 / must pass" in page


def test_built_in_codes_have_pages_and_an_index_lists_every_code():
    pages = rule_pages(load_pack())
    assert set(builtin_codes()) <= {n[:-3] for n in pages}
    assert all(f"[{r.code}]({r.code}.md)" in pages["README.md"] for r in load_pack().rules)


def test_every_sarif_rule_descriptor_has_a_full_description_and_help():
    proc = subprocess.run([sys.executable, "-m", "checker.cli.main", "check", "--format", "sarif",
                           str(ROOT / "samples" / "003_fcba76fadf4b07a9.txt"), str(ROOT / "samples" / "hunan_2026_targets.xlsx")],
                          capture_output=True, text=True, timeout=120)
    rules = json.loads(proc.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {"X903", "M303"}
    assert all(r.get("fullDescription", {}).get("text") and r.get("help", {}).get("text") for r in rules)
