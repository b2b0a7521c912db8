"""The terminal report as a filer reads it: findings, rows as filed, summary, verdict."""

from __future__ import annotations

import io

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from checker.model import Finding, Place
from checker.report.result import FileResult, Report
from checker.report.rich_report import render_rich
from test_report_samples import ROW_COST, SEED_003, sample_report


def rendered(report: Report, width: int = 100, brief: bool = False) -> str:
    console = Console(record=True, width=width, file=io.StringIO(), color_system=None)
    render_rich(report, console, brief=brief)
    return console.export_text()


def test_finding_shows_severity_code_place_message_and_row():
    out = rendered(sample_report())
    assert SEED_003 in out
    assert "北环路生态绿化品质提升工程后期养护经费  预算 1,600,000 元" in out
    line = next(l for l in out.splitlines() if "M303" in l)
    assert "错误" in line and "1026:12" in line and "经济成本指标合计 327.71 万元" in line
    assert "│ 成本指标 │ 养护费用 │ 327.71万元 │" in out  # tabs shown as column separators


def test_long_rows_are_cut_with_ellipsis_within_the_width():
    out = rendered(sample_report())
    row = next(l for l in out.splitlines() if "提升北环路环境形象 │ 提升" in l)
    assert row.rstrip().endswith("…")
    assert all(cell_len(l) <= 100 for l in out.splitlines())


def test_grouped_finding_is_shown_once_for_the_document_with_its_places():
    out = rendered(sample_report())
    assert out.count("S103") == 2  # once among the findings, once in the summary table
    assert "整个文件" in out and "（3 张表相同）" in out and "出现于 697:2, 1026:2, 1058:2" in out


def test_waived_shown_apart_spreadsheet_place_and_unreadable_file():
    out = rendered(sample_report())
    waived_at = out.index("已豁免 (1)")
    assert out.index("S107") > waived_at
    assert "目标表!D25" in out and "指标值类型“≧”是旧字形" in out
    assert "✗ 无法读取: 不是有效的 xlsx 文件" in out
    assert "另有 2 张表未发现问题" in out


def test_summary_table_counts_by_code_and_severity():
    lines = rendered(sample_report()).splitlines()
    head = next(l for l in lines if "规则" in l and "错误" in l)
    assert head.split() == ["规则", "错误", "警告", "提示", "已豁免"]
    assert next(l for l in lines if l.strip().startswith("M303")).split() == ["M303", "1", "·", "·", "·"]
    assert next(l for l in lines if l.strip().startswith("合计")).split() == ["合计", "2", "1", "2", "1"]


def test_verdict_lines_in_both_languages():
    assert rendered(sample_report()).rstrip().endswith(
        "✗ 1 个文件无法读取，2 个错误，1 个警告，2 条提示，1 项已豁免 — 将被退回")
    assert "2 errors, 1 warning, 2 info, 1 waived — would be sent back" in rendered(sample_report("en"))
    clean = Report([FileResult("a.txt")], lang="en")
    assert rendered(clean).rstrip().endswith("✓ no errors")


def test_warnings_only_pass_unless_fail_on_warning():
    warning = Finding("V210", "warning", {"zh": "指标值“提升”不可衡量", "en": "提升 is not measurable"},
                      place=Place(1028, 21))
    report = Report([FileResult("a.txt", findings=[warning])], lang="en")
    assert rendered(report).rstrip().endswith("✓ no errors, 1 warning")
    report.fail_on = "warning"
    assert rendered(report).rstrip().endswith("✗ 1 warning — would be sent back")


def test_filer_text_is_never_read_as_markup():
    finding = Finding("S108", "error", {"zh": "占位符 [bold]XX[/bold] 【2024】"}, form=None,
                      place=Place(3, 1), row_text="[red]项目\tXX\t[/]")
    out = rendered(Report([FileResult("a.txt", findings=[finding])]))
    assert "[bold]XX[/bold] 【2024】" in out and "│ [red]项目 │ XX │ [/] │" in out


def test_brief_mode_prints_one_line_per_file_and_the_summary():
    out = rendered(sample_report(), brief=True)
    lines = out.splitlines()
    assert lines[0] == f"✗ {SEED_003} — 2 个错误，1 个警告，1 条提示"
    assert lines[1].startswith("✓ 填报/部门整体支出绩效目标表.xlsx — 1 条提示")
    assert "327.71" not in out and "汇总" in out


@pytest.mark.parametrize("lang, verdict", [("en", "would be sent back"), ("zh", "将被退回")])
def test_narrow_terminal_keeps_every_line_within_60_cells(lang, verdict):
    out = rendered(sample_report(lang), width=60)
    assert all(cell_len(l) <= 60 for l in out.splitlines())
    assert "M303" in out and verdict in out


cjk_text = st.text(st.sampled_from("成本指标养护费用万元≥≦%（）【】[]/ abc123\t"), max_size=80)


@settings(max_examples=40, deadline=None)
@given(message=cjk_text, row=cjk_text, width=st.integers(40, 120), line=st.integers(1, 99999))
def test_any_text_fits_the_terminal_width(message, row, width, line):
    finding = Finding("V211", "error", {"zh": message}, form=None, place=Place(line, 3), row_text=row)
    out = rendered(Report([FileResult("表.txt", findings=[finding])]), width=width)
    assert all(cell_len(l) <= width for l in out.splitlines())
    assert "V211" in out


def test_row_is_rendered_from_the_seed_bytes():
    finding = Finding("M303", "error", {"zh": "测试"}, place=Place(1026, 12), row_text=ROW_COST)
    out = rendered(Report([FileResult(SEED_003, findings=[finding])]), width=120)
    assert "│  │ 成本指标 │ 养护费用 │ 327.71万元 │ 成本指标 │ 养护费用 │ 327.71万元 │" in out


def test_clean_file_says_so_and_empty_file_says_no_forms():
    from test_report_samples import PROJECTS, project_form

    clean = FileResult(SEED_003, forms=[project_form(*p) for p in PROJECTS])
    out = rendered(Report([clean, FileResult("会议纪要.txt")]))
    assert "✓ 3 张表均未发现问题" in out and "未识别出表格" in out
    assert out.rstrip().endswith("✓ 没有错误")
