"""成本指标 as the older forms' level-2 under 产出指标 (财预〔2015〕88号 附件: 产出 holds 数量/质量/
时效/成本) or as the level-1 of 财预〔2021〕101号: the layout reads it as the form writes it.

Fixtures are written here in the corpus's shapes with invented names and numbers: a pipe table
that drops merged cells (the label's column says nothing, the order does), a table whose rows carry
no level-1 at all (the level-1 is not invented), and a tab export that keeps its empty merged
cells (the label's column says it is a level-1, whatever the order).
"""

from __future__ import annotations

from checker.layout import find_forms
from checker.readers.text import read_text


def _form(tmp_path, text: str):
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    (form,) = find_forms(read_text(path)).forms
    return form


def _levels(form) -> list[tuple[str, str, str]]:
    return [(i.level1, i.level2, i.name) for i in form.indicators]


_PIPES = """项目支出绩效目标表 | ||||
(2023年度) | ||||
项目名称 | 示例路灯维护 | |||
一级指标 | 二级指标 | 三级指标 | 指标值 | ||
产出指标 | 数量指标 | 维护路灯数 | 120盏 | ||
时效指标 | 完成时间 | 2023年6月 | |||
成本指标 | 维护单价 | ≤300元/盏 | |||
效益指标 | 社会效益指标 | 夜间通行改善 | 明显 | ||
"""


def test_lone_cost_label_after_output_level2s_is_a_level2_in_a_pipe_table(tmp_path):
    form = _form(tmp_path, _PIPES)
    assert _levels(form) == [
        ("产出指标", "数量指标", "维护路灯数"),
        ("产出指标", "时效指标", "完成时间"),
        ("产出指标", "成本指标", "维护单价"),
        ("效益指标", "社会效益指标", "夜间通行改善"),
    ]


def test_cost_label_with_its_own_level2_stays_a_level1(tmp_path):
    form = _form(tmp_path, _PIPES.replace("成本指标 | 维护单价 | ≤300元/盏 | |||",
                                          "成本指标 | 经济成本指标 | 维护单价 | ≤300元/盏 | ||"))
    assert _levels(form)[2] == ("成本指标", "经济成本指标", "维护单价")


def test_rows_without_level1_get_none_invented_for_a_cost_level2(tmp_path):
    text = _PIPES.replace("产出指标 | 数量指标 | 维护路灯数 | 120盏 | ||\n", "维护路灯数 | 120盏 | |||\n")
    form = _form(tmp_path, text.replace("(2023年度)", "(2020年度)"))
    # No level-1 anywhere above: none is invented from the level-2s (产出指标 for 时效/成本).
    assert _levels(form) == [
        ("", "", "维护路灯数"),
        ("", "时效指标", "完成时间"),
        ("", "成本指标", "维护单价"),  # a level-2, not the level-1 成本指标
        ("效益指标", "社会效益指标", "夜间通行改善"),
    ]


def test_a_level1_the_form_leaves_blank_is_a_doubt_for_s101_not_an_error(tmp_path):
    from support import check_path

    path = tmp_path / "form.txt"
    text = _PIPES.replace("产出指标 | 数量指标 | 维护路灯数 | 120盏 | ||\n", "维护路灯数 | 120盏 | |||\n")
    path.write_text(text, encoding="utf-8")
    findings = check_path(path)
    assert not [f for f in findings if f.code in ("S101", "S105")]
    doubts = [f for f in findings if f.code == "X903" and f.data.get("rule") == "S101"]
    assert [(f.severity, f.data.get("doubt"), f.data.get("level1")) for f in doubts] == [
        ("info", "level_unread", "产出指标")]


def test_tab_export_keeps_a_cost_label_in_the_level1_column_a_level1(tmp_path):
    text = ("项目支出绩效目标表\n(2026年度)\n项目名称\t示例路灯维护\n"
            "\t一级指标\t二级指标\t三级指标\t指标值\n"
            "\t产出指标\t数量指标\t维护路灯数\t120盏\n"
            "\t\t时效指标\t完成时间\t2026年6月\n"
            "\t成本指标\t维护单价\t≤300元/盏\n"
            "\t效益指标\t社会效益指标\t夜间通行改善\t明显\n")
    form = _form(tmp_path, text)
    assert _levels(form)[2] == ("成本指标", "", "维护单价")


# Sichuan's 申报表 of 2021 in space-separated rows: 项目完成指标 / 项目效益指标 name the level-1s
# (rules/taxonomy.yaml synonyms of 产出/效益), labels wrap over two lines, and the rows under a
# merged level-1 lack their leading cells.
_SPACES = """项目支出绩效目标申报表
(2021年度)
项目名称 示例助学补贴
绩效指标 一级指标 二级指标 三级指标 指标值
绩效指标 项目完成
指标
数量指标 补贴学生人数 40人
质量指标 发放准确率 100%
时效指标 发放时间 2021年9月
成本指标 成本控制 按每人500元标准发放到学生本人
项目效益
指标
社会效益
指标
减轻家庭负担 明显
"""


def test_province_level1_names_and_a_cost_row_without_leading_cells(tmp_path):
    form = _form(tmp_path, _SPACES)
    assert [(i.level1, i.level2, i.name, i.value) for i in form.indicators] == [
        ("项目完成指标", "数量指标", "补贴学生人数", "40人"),
        ("项目完成指标", "质量指标", "发放准确率", "100%"),
        ("项目完成指标", "时效指标", "发放时间", "2021年9月"),
        # Under 一级指标 this row would end in the name column (成本控制 a level-2 of the 部门整体
        # framework); under 二级指标 it reaches 指标值.
        ("项目完成指标", "成本指标", "成本控制", "按每人500元标准发放到学生本人"),
        ("项目效益指标", "社会效益指标", "减轻家庭负担", "明显"),
    ]
    assert not any("unplaced_level" in i.doubts for i in form.indicators)


def _blank_separated(cells: list[str]) -> str:
    return "\n\n".join(cells) + "\n"


# The NDRC's 中央预算内投资计划绩效目标表 in one cell per line between blank lines ("   " an empty
# cell): 实施效果指标 holds 产出/效益/满意度 as its level-2s, 过程管理指标 计划/资金管理.
_NDRC = _blank_separated([
    "中央预算内投资计划绩效目标表", "(2023年度)", "项目名称", "示例村道路以工代赈", "年度目标", "完成村道硬化。",
    "一级指标", "二级指标", "三级指标", "指标值", "   ",
    "实施效果指标", "产出指标", "劳务报酬占比", "≥30%",
    "效益指标", "通行条件", "持续改善",
    "满意度指标", "务工群众满意度", "≥90%", "   ", "   ",
    "过程管理指标", "   ", "计划管理指标", "计划分解用时", "≤20工作日",
    "资金管理指标", "投资支付率", "≥95%",
])


def test_ndrc_framework_places_output_benefit_satisfaction_as_level2s(tmp_path):
    form = _form(tmp_path, _NDRC)
    assert _levels(form) == [
        ("实施效果指标", "产出指标", "劳务报酬占比"),
        ("实施效果指标", "效益指标", "通行条件"),
        ("实施效果指标", "满意度指标", "务工群众满意度"),
        ("过程管理指标", "计划管理指标", "计划分解用时"),
        # 资金管理 is also a level-2 of 财预〔2020〕10号's 过程: the form's own framework decides.
        ("过程管理指标", "资金管理指标", "投资支付率"),
    ]
    assert not any("unplaced_level" in i.doubts for i in form.indicators)


def test_a_cost_under_output_with_at_least_is_reversed_as_under_a_cost_level1(tmp_path):
    """V205: an amount under 成本指标 is a cost, where that label stands as the older forms'
    level-2 as much as where it is the level-1."""
    from support import check_path

    path = tmp_path / "form.txt"
    path.write_text(_PIPES.replace("(2023年度)", "(2020年度)").replace("≤300元/盏", "≥300元"), encoding="utf-8")
    v205 = [f for f in check_path(path) if f.code == "V205"]
    assert [(f.severity, f.indicator) for f in v205] == [("warning", ["产出指标", "成本指标", "维护单价"])]


def test_province_level1_names_are_a_framework_of_their_own_not_errors(tmp_path):
    """rules/taxonomy.yaml frameworks 项目完成效益: S101 asks for 项目完成/项目效益 level-3s there,
    S104 finds each level-2 in place; nothing is sent back for the names alone."""
    from support import check_path

    path = tmp_path / "form.txt"
    path.write_text(_SPACES, encoding="utf-8")
    assert [f.code for f in check_path(path) if f.code in ("S101", "S104") and f.severity != "info"] == []


_DESCRIBED = """项目支出绩效目标表 | ||||
(2023年度) | ||||
项目名称 | 示例窗口维修 | |||
一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 |
产出指标 | 数量指标 | 维修面积 | 维修面积 | ≥40平方米 |
质量指标 | 验收合格率 | 验收合格率 | ≥98% | |
成本指标 | 维修成本 | 维修成本 | 2万元 | |
效益指标 | 社会效益指标 | 隐患消除 | 隐患消除 | 持续 |
"""


def test_a_cost_row_exported_like_the_level2_rows_above_it_keeps_its_value(tmp_path):
    # Rows of 产出指标's block lose their empty level-1 cell (质量指标 stands under 一级指标); the
    # 成本指标 row is one of them: under 一级指标 its value would land in the 描述 column.
    form = _form(tmp_path, _DESCRIBED)
    cost = form.indicators[2]
    assert (cost.level1, cost.level2, cost.name, cost.value) == ("产出指标", "成本指标", "维修成本", "2万元")


def test_a_tab_export_keeping_its_empty_cells_reads_the_cost_label_as_a_level1(tmp_path):
    text = _DESCRIBED.replace(" | ", "\t").replace(" |", "").replace("\n质量指标", "\n\t质量指标")
    text = text.replace("\t绩效指标描述", "\t绩效指标描述").replace("(2023年度)\t", "(2023年度)")
    cost = _form(tmp_path, text).indicators[2]
    assert cost.level1 == "成本指标"
