"""Text shapes with separators other than tabs, as forms of other provinces are published on web
pages (tests/fixtures/shapes/, written in those shapes with invented names and numbers): pipe
rows padded to the table's width and split over lines, markdown tables, one cell per line
ending in `` |`` (with and without row ends), one cell per line between blank lines, and
space-separated rows with wrapped cells. Each must read as the same form a tab export gives:
its kind, header fields and every indicator's level-1, level-2, name, value and unit.

The corpus of published forms (shared/corpus beside the repository) is read too when present:
every file of a separated shape is read as that shape and finds a form or says why not.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout import find_forms
from checker.readers.text import detect_mode, read_text, rows_from_text
from support import text_filing

HERE = Path(__file__).parent / "fixtures" / "shapes"
# <repo>/../shared/corpus; CHECKER_CORPUS names another place (a worktree one level deeper).
CORPUS = Path(os.environ.get("CHECKER_CORPUS") or Path(__file__).resolve().parents[2] / "shared" / "corpus")


def _read(name: str):
    doc = read_text(HERE / name)
    return doc, find_forms(doc)


def _indicators(form) -> list[tuple[str, str, str, str, str]]:
    return [(i.level1, i.level2, i.name, i.value_type + i.value, i.unit) for i in form.indicators]


def test_pipe_rows_padded_split_over_lines_under_page_metadata():
    doc, filing = _read("pipe_padded.txt")
    assert doc.shape == "pipe"
    (form,) = filing.forms  # the page's 索引号/发布机构 block is no form
    # 绩效目标申报表 names no kind: 项目名称 under it makes it a project form.
    assert (form.kind, form.title, form.year) == ("project_target", "绩效目标申报表", 2025)
    # "项目 名称 |" stood alone on its line, its value on the next.
    assert form.header["project_name"].raw == "小型水库维修"
    assert form.budget.amount == 80
    assert _indicators(form) == [
        ("产出指标", "数量指标", "维修水库数量", "2座", ""),
        ("产出指标", "质量指标", "验收合格率", "100%", ""),
        ("产出指标", "时效指标", "完成时间", "2025年10月", ""),  # 时效指标 | on a line of its own
        # 成本指标 alone after 时效指标, in a shape that drops merged cells: the older forms' level-2
        # under 产出指标 (财预〔2015〕88号), as corpus readers read the same shape (tests/corpus_truth).
        ("产出指标", "成本指标", "维修成本", "≤80万元", ""),
        ("效益指标", "社会效益指标", "受益人口", "≥3000人", ""),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", ""),
    ]
    assert not [f for f in filing.findings if f.code in ("X901", "X902")]


def test_markdown_table_with_leading_pipes_and_a_rule_line():
    doc, filing = _read("markdown.txt")
    assert doc.shape == "markdown"
    (form,) = filing.forms
    assert form.kind == "department_target" and form.header["department_name"].raw == "示例县林业站"
    # 计算符号 is the value-type column; an empty leading cell is a merged label.
    assert _indicators(form) == [
        ("产出指标", "数量指标", "巡护面积", "≥1200", "亩"),
        ("产出指标", "数量指标", "巡护次数", "=24", "次"),
        ("产出指标", "质量指标", "巡护记录完整率", "≥95", "%"),
        ("满意度指标", "服务对象满意度指标", "林农满意度", "≥90", "%"),
    ]


def test_one_cell_per_line_with_row_ends_and_a_vertical_label():
    doc, filing = _read("cell_per_line_pipe.txt")
    assert doc.shape == "cell_per_line_pipe"
    (form,) = filing.forms  # 附件1 above the title is no form
    assert form.kind == "project_target"
    assert form.header["project_name"].raw == "乡村道路养护"
    assert form.header["competent_department"].raw == "示例县交通局"
    assert form.budget.amount == 45
    assert _indicators(form) == [
        ("产出指标", "数量指标", "养护里程", "12公里", ""),
        ("产出指标", "质量指标", "路面合格率", "≥95%", ""),  # after a lone "|": an empty cell
        ("效益指标", "社会效益指标", "受益村数", "6个", ""),
    ]


def test_one_cell_per_line_without_row_ends_is_regrouped_by_the_header():
    doc, filing = _read("cell_per_line_pipe_stream.txt")
    assert doc.shape == "cell_per_line_pipe"
    (form,) = filing.forms
    assert form.header["annual_goal"].raw == "更新社区健身器材。"  # 年度 / 目标 | over two lines
    assert form.header["implementing_unit"].raw == "示例区文体局"
    assert _indicators(form) == [
        ("产出指标", "数量指标", "更新器材套数", "20套", ""),
        ("产出指标", "质量指标", "器材验收合格率", "100%", ""),
        ("效益指标", "社会效益指标", "受益居民人数", "≥5000人", ""),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", ""),
    ]


def test_one_cell_per_line_between_blank_lines():
    doc, filing = _read("blank_lines.txt")
    assert doc.shape == "cell_per_line_blank"
    # The web page's own heading above the form's title is not a second form.
    (form,) = filing.forms
    assert (form.kind, form.title) == ("project_target", "绩效目标申报表(设施类)")
    assert form.header["project_name"].raw == "示例村灌溉渠改造"
    assert form.header["annual_goal"].raw == "改造灌溉渠3公里。"
    assert _indicators(form) == [
        ("产出指标", "数量指标", "改造渠道长度", "≥3公里", ""),
        ("产出指标", "质量指标", "工程验收合格率", "100%", ""),  # a line of blanks before it: an empty cell
        ("效益指标", "经济效益指标", "新增灌溉面积", "≥500亩", ""),  # 经济效益 / 指标 over two cells
        ("满意度指标", "服务对象满意度指标", "受益农户满意度", "≥95%", ""),
    ]


def test_space_separated_rows_with_a_wrapped_weight():
    doc, filing = _read("spaces.txt")
    assert doc.shape == "spaces"
    (form,) = filing.forms
    assert form.kind == "project_target"  # 绩效目标表 alone; 项目名称 among the labels
    assert _indicators(form) == [
        ("产出指标", "数量指标", "数字化档案卷数", "≥3000", "卷"),
        ("产出指标", "质量指标", "数字化合格率", "≥98", "%"),
        ("产出指标", "成本指标", "加工单价", "≤12", "元/卷"),
        ("效益指标", "社会效益指标", "档案查阅便利程度", "定性明显提升", ""),
        ("满意度指标", "服务对象满意度指标", "查档群众满意度", "≥90", "%"),
    ]


def test_space_separated_rows_with_labels_broken_over_lines():
    doc, filing = _read("spaces_wrapped.txt")
    assert doc.shape == "spaces"
    (form,) = filing.forms
    assert form.header["project_name"].raw == "示例镇敬老院维修"
    assert "implementing_unit" not in form.header or "总体" not in form.header["implementing_unit"].raw
    # 项目完成指标 / 项目效益指标 as the form writes them (rules/taxonomy.yaml: synonyms of 产出/效益).
    assert _indicators(form) == [
        ("项目完成指标", "数量指标", "维修房屋间数", "12间", ""),
        ("项目完成指标", "质量指标", "维修验收合格率", "100%", ""),
        ("项目完成指标", "时效指标", "完工时间", "2025年9月", ""),
        ("项目效益指标", "社会效益指标", "入住老人人数", "35人", ""),
        ("满意度指标", "满意度指标", "入住老人满意度", "≥90%", ""),
    ]


def test_indicator_rows_before_any_title_are_a_form_cut_off_at_its_start_not_an_error():
    # Read with the template's columns (tests/test_headless_form.py): doubts, never an error.
    doc, filing = _read("headless_tail.txt")
    (form,) = filing.forms
    assert form.title == "" and len(form.indicators) == 3
    assert sorted((f.code, f.severity, f.place.line) for f in filing.findings) == [
        ("X902", "warning", 1), ("X903", "info", 1)]


@pytest.mark.parametrize(("lines", "mode"), [
    (["a\tb\tc"] * 3, "tab"),
    (["| a | b |"] * 6, "markdown"),
    (["a | b | c |"] * 6, "pipe"),
    (["一级指标 |", "|", "二级指标 |", "||||", "三级指标 |", "指标值 |"], "cell_per_line_pipe"),
    (["产出指标 数量指标 里程 12 公里"] * 6, "spaces"),
    (["项目名称", "", "某项目", "", "主管部门", "", "某局", "", "实施单位", "", "某站", ""], "cell_per_line_blank"),
    (["项目名称某项目主管部门某局年度资金总额五十万元" * 8], "run_on"),
    (["项目支出绩效目标表", "项目名称"], "tab"),  # too little to tell: one-cell rows as before
])
def test_detect_mode(lines, mode):
    assert detect_mode(lines) == mode


_CELL = st.text(alphabet="产出指标数量质量时效成本满意度人个%≥≤0123456789万元", min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=2, max_size=6), min_size=3, max_size=8))
def test_pipe_rows_keep_every_cell_in_order(grid):
    """Property: a grid written as pipe rows (one row per line) reads back cell for cell."""
    text = "\n".join(" | ".join(row) + " |" for row in grid)
    rows = [r for r in rows_from_text(text) if r.cells]
    assert [r.texts for r in rows] == grid


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=3, max_size=6), min_size=6, max_size=8))
def test_padded_pipe_rows_split_over_lines_read_whole(grid):
    """Property: rows padded to the table's width with a pipe run (the title's line shows the
    width) read back whole even when each row's first cell stands on a line of its own."""
    width = max(len(r) for r in grid) + 2
    lines = ["绩效目标表 " + "|" * (width - 1)]
    for row in grid:
        lines.append(row[0] + " |")
        lines.append(" | ".join(row[1:]) + " " + "|" * (width - len(row)))
    rows = [r for r in rows_from_text("\n".join(lines)) if r.cells]
    assert [r.texts for r in rows] == [["绩效目标表"], *grid]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="|｜ \n\t产出指标0123456789%-:：", max_size=300))
def test_any_text_reads_without_error(text):
    """Property: whatever the separators, reading never raises and every cell keeps a place."""
    for row in rows_from_text(text):
        for cell in row.cells:
            assert cell.place.line is not None and cell.place.line >= 1


# --------------------------------------------------------------------------- the corpus

_SEPARATED = {  # corpus file number → the shape INDEX.md gives it
    "01": "pipe", "06": "pipe", "10": "pipe", "16": "pipe", "17": "pipe", "21": "pipe", "25": "pipe",
    "24": "markdown",
    "03": "cell_per_line_pipe", "07": "cell_per_line_pipe", "19": "cell_per_line_pipe",
    "26": "cell_per_line_pipe", "29": "cell_per_line_pipe", "32": "cell_per_line_pipe",
    "02": "cell_per_line_blank", "04": "cell_per_line_blank", "20": "cell_per_line_blank",
    "05": "spaces", "08": "spaces", "18": "spaces",
}
# Files whose indicator table is read today (at least three rows); a regression guard.
_READ = ("01", "02", "03", "04", "05", "07", "08", "16", "17", "18", "19", "20", "21", "24", "25", "26", "29", "32")


def _corpus(number: str) -> Path:
    if not CORPUS.is_dir():
        pytest.skip("shared/corpus is not beside the repository")
    (path,) = CORPUS.glob(f"{number}_*.txt")
    return path


@pytest.mark.parametrize("number", sorted(_SEPARATED))
def test_corpus_files_are_read_as_their_shape(number):
    assert read_text(_corpus(number)).shape == _SEPARATED[number]


@pytest.mark.parametrize("number", _READ)
def test_corpus_indicator_tables_are_read(number):
    filing = find_forms(read_text(_corpus(number)))
    assert filing.forms and sum(len(f.indicators) for f in filing.forms) >= 3


def test_several_projects_under_one_title_are_one_form_each():
    doc, filing = _read("multi_project.txt")
    assert doc.shape == "pipe"
    # The page's 项目支出绩效目标表 and the file name under it (…-2025绩效目标表) are one title.
    first, second = filing.forms
    assert (first.title, first.kind, first.year) == ("项目支出绩效目标表", "project_target", 2025)
    assert first.header["project_name"].raw == "超声设备购置"
    assert second.header["project_name"].raw == "院感防控耗材"
    assert [i.name for i in first.indicators] == ["购置台数", "验收合格率", "患者满意度"]
    assert _indicators(second) == [
        ("产出指标", "数量指标", "采购批次", "≥4批", ""),
        ("产出指标", "时效指标", "供应及时率", "100%", ""),
    ]
    assert not [f for f in filing.findings if f.code == "X901"]


def test_column_headers_and_title_words_come_from_the_vocabulary_for_office_files_too(tmp_path):
    """The vocabulary serves .xlsx as it serves text: 计算符号 is the value-type column, 绩效目标申报表
    over 项目名称 a project form."""
    from openpyxl import Workbook

    from checker.readers import read

    wb = Workbook()
    ws = wb.active
    for row in (["绩效目标申报表"], ["项目名称", "路灯维修"], ["一级指标", "二级指标", "三级指标", "计算符号", "目标值", "度量单位"],
                ["产出指标", "数量指标", "维修路灯数", "≥", "40", "盏"], [None, "质量指标", "亮灯率", "≥", "98", "%"]):
        ws.append(row)
    path = tmp_path / "form.xlsx"
    wb.save(path)
    (form,) = find_forms(read(str(path))).forms
    assert form.kind == "project_target"
    assert _indicators(form) == [("产出指标", "数量指标", "维修路灯数", "≥40", "盏"),
                                 ("产出指标", "质量指标", "亮灯率", "≥98", "%")]


def test_self_evaluation_printed_one_cell_per_line():
    """The money block and the indicator table of a self-evaluation printed one cell per line
    are put back into rows by their headers; the 未完成原因 column keeps its cell."""
    doc, filing = _read("self_eval_cell_per_line_pipe.txt")
    assert doc.shape == "cell_per_line_pipe"
    (form,) = filing.forms
    assert form.kind == "project_self_eval"
    assert form.header["project_name"].raw == "社区助餐补贴"  # the value on the line under its label
    assert form.header["budget_total"].money.amount == 20 and form.header["executed"].raw == "18"
    got = [(i.level1, i.level2, i.name, i.value, i.actual, i.weight, i.score) for i in form.indicators]
    assert got == [
        ("产出指标", "数量指标", "助餐服务人次", ">=3000人次", "2800人次", "25", "20"),
        ("产出指标", "质量指标", "餐食抽检合格率", "100%", "100%", "25", "25"),
        ("满意度指标", "服务对象满意度指标", "老人满意度", ">=90%", "93%", "10", "10"),
    ]
    assert form.indicators[0].deviation == "部分老人外出"


def test_the_layout_vocabulary_is_schema_checked(tmp_path):
    """A broken vocabulary file is named with its line and what is allowed, as rule files are."""
    from checker.layout.vocab import header_labels_problems, layout_vocab_problems
    from checker.resources import rules_dir

    assert layout_vocab_problems(rules_dir() / "layout_vocab.yaml") == []
    assert header_labels_problems(rules_dir() / "header_labels.yaml") == []
    src = (rules_dir() / "layout_vocab.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "layout_vocab.yaml"
    bad.write_text(src.replace("  - [三级指标, name]", "  - [三级指标, nmae]"), encoding="utf-8")
    (problem,) = layout_vocab_problems(bad)
    assert "'nmae' is not allowed" in problem and "did you mean 'name'" in problem
    labels = tmp_path / "header_labels.yaml"
    labels.write_text("fields:\n  project_name: 项目名称\nfund_sources: {}\n", encoding="utf-8")
    assert header_labels_problems(labels)


def test_a_caption_label_the_taxonomy_does_not_know_starts_a_row_in_a_stream():
    """过程管理指标 / (blank) / 计划管理指标 (an NDRC form's levels) are the row's labels, not its
    name and value: the next cells are the indicator."""
    cells = ["中央预算内投资计划绩效目标表", "专项名称", "示例村道路工程", "一级指标", "二级指标", "三级指标", "指标值",
             "过程管理指标", "   ", "计划管理指标", "投资计划分解用时", "≤20工作日", "项目开工率", "≥95%"]
    text = "\n\n".join(cells) + "\n"
    (form,) = text_filing(text).forms
    assert form.kind == "project_target"  # 专项名称 under a title naming no kind
    assert [(i.level2, i.name, i.value) for i in form.indicators] == [
        ("计划管理指标", "投资计划分解用时", "≤20工作日"), ("计划管理指标", "项目开工率", "≥95%")]
