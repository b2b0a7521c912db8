"""Cells cannot act on the reviewer's terminal: control characters from inputs are shown
escaped in the rich report and markup in a cell is printed as written (issue 15, item 5)."""

from __future__ import annotations

import io

from rich.console import Console

from checker.pipeline import CheckOptions, check_file
from checker.report.printable import printable
from checker.report.result import Report
from checker.report.rich_report import render_rich
from checker.rules import load_pack

FORM = ("2026年项目支出绩效目标表\n"
        "项目名称\t\x1b]0;PWNED\x07示例河道\x1b[2J[bold red]保洁[/bold red]\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t保洁\x1b]8;;http://x.test/\x07里程\u202e\t≥10公里\n"
        + "产出指标\t质量指标\t河面垃圾清理及时率\t≥95%\n" * 8)  # long enough not to look binary


def _render(tmp_path, name="form\x1b[5m.txt") -> str:
    path = tmp_path / name
    path.write_text(FORM, encoding="utf-8")
    report = Report(files=[check_file(str(path), load_pack(), CheckOptions())])
    out = io.StringIO()
    render_rich(report, Console(file=out, width=120, force_terminal=True, color_system="truecolor"))
    return out.getvalue()


def test_escape_sequences_from_cells_and_names_never_reach_the_terminal(tmp_path):
    text = _render(tmp_path)
    for raw in ("\x1b]0;", "\x1b[2J", "\x07", "\x1b]8;", "\x1b[5m", "\u202e"):
        assert raw not in text
    assert "\\x1b]0;PWNED\\x07示例河道\\x1b[2J" in text  # the project name, shown escaped
    assert "form\\x1b[5m.txt" in text


def test_markup_in_a_cell_is_printed_as_written(tmp_path):
    text = _render(tmp_path, "form.txt")
    assert "[bold red]保洁[/bold red]" in text


def test_printable_keeps_cjk_tab_and_newline():
    assert printable("项目\t名称\n≥95%") == "项目\t名称\n≥95%"
    assert printable("a\x00b\x9bc") == "a\\x00b\\x9bc"
