"""Header fields the layout reads where real forms put them (issue 9, precision audit
docs/audit/corpus-precision.md): a label with a required-field mark (``*年度总体绩效目标``), an
amount or goal written lines below its label in one-cell-per-line text, a label split over
lines. A field read there is no S111. Invented fixtures, in the shapes of the corpus forms."""

from __future__ import annotations

from pathlib import Path

from support import check_path

from checker.layout.labels import normalize

STARRED = """某县某局2026年度整体绩效目标表 | |||||
部门名称 | 某县某局 | |||||
*部门职责 | 负责某项工作 | |||||
*年度总体绩效目标 | 做好某项工作。 | |||||
一级指标 | 二级指标 | 三级指标 | 指标值类型 | *指标值 | 计量单位 |
产出指标 | 数量指标 | 完成某项工作次数 | 定量 | 12 | 次 |
质量指标 | 工作完成率 | 定量 | 100 | % |
时效指标 | 完成时间 | 定性 | 2026年12月底前 | |
成本指标 | 经济成本指标 | 工作经费 | 定量 | 3 | 万元 |
效益指标 | 社会效益指标 | 单位运转保障 | 定性 | 有效保障 | |
满意度指标 | 服务对象满意度指标 | 群众满意度 | 定量 | ≥90 | % |
"""


def _check(tmp_path: Path, text: str):
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    return check_path(path)


def test_a_required_field_mark_is_not_part_of_the_label():
    assert normalize("*年度总体绩效目标") == "年度总体绩效目标"
    assert normalize("＊指标值：") == "指标值"
    assert normalize("**") == "**"  # a template's placeholder, not a mark before a label


def test_a_starred_goal_label_is_read(tmp_path):
    findings = _check(tmp_path, STARRED)
    # The goal and the name are read; this template prints no budget field, so only that is missing.
    assert [f.data["keys"] for f in findings if f.code == "S111"] == ["budget_total"]
    values = [f for f in findings if f.code in ("V201", "V202", "V211")]
    assert not values  # the starred 指标值 column was read as the value column
