"""Two indicator blocks side by side in one row (Guangdong's 项目支出绩效目标批复表: 中期 beside
年度, the second block without its level-1): every cell is placed once its level-2 labels are
known (rules/taxonomy.yaml), so no X901. Invented fixture in the shape of the corpus form."""

from __future__ import annotations

from pathlib import Path

from support import check_path

from checker.layout.vocab import label_level

FORM = """某市财政项目支出绩效目标批复表 | |||
项目名称 | 某道路养护补助 | 主管部门 | 某市交通局 |
本年度申请市财政预算资金(万元) | 120.00 | |||
年度绩效目标 | 完成道路养护补助结算。 | |||
绩效指标 | 一级 指标 |
二级 指标 |
三级 指标 |
指标值(或计划水平) | 二级 指标 |
三级 指标 |
计划指标值(或计划水平) | ||
预期产出指标 | 数量指标(或建筑规模指标) | 完成结算项目数 | 5个 | 数量指标(或建筑规模指标) | 完成结算项目数 | 5个 | |||
质量指标 | 结算误差率 | ±2%以内 | 质量指标 | 结算误差率 | ±2%以内 | ||||
时效指标(工期指标) | 结算完成时间 | 2026年12月底前 | 时效指标(工期指标、形象进度指标) | 结算完成时间 | 2026年12月底前 | ||||
预算(或投资规模)控制指标 | 年度预算执行率 | ≥90% | 预算(或投资规模)控制指标 | 年度预算执行率 | ≥90% | ||||
效果指标 | 社会、经济、生态效益 指标 | 结算争议率 | 0% | 社会、经济、生态效益 指标 | 结算争议率 | 0% | |||
可持续影响指标 | 养护长效机制 | 持续有效 | 可持续影响指标 | 养护长效机制 | 持续有效 | ||||
服务对象满意度指标 | 养护单位满意度 | ≥90% | 服务对象满意度指标 | 养护单位满意度 | ≥90% | ||||
"""


def test_the_approval_forms_level_labels_are_known():
    assert label_level("预期产出指标").canonical == "产出指标"
    assert label_level("预算(或投资规模)控制指标").canonical == "预算控制指标"
    assert label_level("社会、经济、生态效益 指标").canonical == "社会经济生态效益指标"


def test_side_by_side_blocks_leave_no_cell_unplaced(tmp_path: Path):
    path = tmp_path / "form.txt"
    path.write_text(FORM, encoding="utf-8")
    findings = check_path(path)
    assert not [f for f in findings if f.code in ("X901", "S104")]
    assert not [f for f in findings if f.code == "X903" and f.data.get("rule") == "S101"]
