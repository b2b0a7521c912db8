"""One cell per line ending in `` |`` (checker/readers/pipes.py): a cell the page wrapped over two
lines (the first without its `` |``) is one cell, while a line that a blank line follows stays a
paragraph of its own. Fixtures written in the corpus's shape with invented names and numbers."""

from __future__ import annotations

from checker.layout import find_forms
from checker.readers.text import read_text

_STREAM = """项目支出绩效目标表 |
(2025年度) |
项目名称 |
社区健身器材更新 |
年度资金总额: |
30.00 |
一级指标 |
二级指标 |
三级指标 |
指标值 |
产出指标 |
数量指标 |
更新器材套数 |
20套 |
效益指标 |
可持续影响指标 |
带动周边社区开展
全民健身系列活动 |
长期 |
满意度指标 |
服务对象满意度指标 |
居民满意度 |
≥90% |
"""


def _indicators(text: str, tmp_path):
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_text(path)
    (form,) = find_forms(doc).forms
    return doc, [(i.level1, i.level2, i.name, i.value) for i in form.indicators]


def test_a_name_wrapped_over_two_lines_is_one_cell(tmp_path):
    doc, got = _indicators(_STREAM, tmp_path)
    assert doc.shape == "cell_per_line_pipe"
    assert got == [
        ("产出指标", "数量指标", "更新器材套数", "20套"),
        ("效益指标", "可持续影响指标", "带动周边社区开展全民健身系列活动", "长期"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%"),
    ]
    cell = next(c for r in doc.grids[0].rows for c in r.cells if c.text.startswith("带动"))
    assert (cell.place.line, cell.place.end_line) == (17, 18)  # the cell's place spans both lines


def test_a_line_followed_by_a_blank_line_stays_a_paragraph(tmp_path):
    text = _STREAM.replace("项目名称 |\n", "示例说明文字一行\n\n项目名称 |\n")
    doc, got = _indicators(text, tmp_path)
    rows = [[c.text for c in r.cells] for r in doc.grids[0].rows]
    assert ["示例说明文字一行"] in rows and ["示例说明文字一行项目名称"] not in rows
    assert len(got) == 3


def test_a_sentence_line_is_not_joined_to_the_next_cell(tmp_path):
    """``扣完为止。`` with no `` |`` before the next cell: a finished sentence, not the first half
    of that cell; the last line of the page is kept too."""
    text = _STREAM.replace("长期 |\n", "长期 |\n每少一次扣1分,扣完为止。\n") + "示例页脚"
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    rows = [[c.text for c in r.cells] for r in read_text(path).grids[0].rows]
    assert ["每少一次扣1分,扣完为止。"] in rows
    assert rows[-1] == ["示例页脚"]
