"""One cause, one finding (issue 10 item 7): a row whose level-1/level-2 names the export lost
(its cells moved left into the label columns) makes the structure findings of its form one X904
doubt. Invented forms in the shape of the Shanxi county template (seed 003: 实施期目标 and 年度目标
side by side, tab-separated, merged labels written once)."""

from __future__ import annotations

from pathlib import Path

from support import check_path

HEAD = """某县县(区)级预算部门(单位)项目支出绩效目标表

(2026年度)

项目名称\t\t某街巷改造项目\t\t\t\t\t
主管部门及代码\t\t001-某县住房和城乡建设局\t\t实施单位\t\t某县住房和城乡建设局\t
项目属性\t\t一次性项目(1年结束)\t\t项目期\t\t1年\t
项目资金(元)\t实施期资金总额:\t800,000\t\t年度资金总额:\t800,000\t\t
\t其中:中央财政资金\t0\t\t其中:中央财政资金\t0\t\t
\t市县(区)财政资金\t800,000\t\t市县(区)财政资金\t800,000\t\t
实施期目标\t\t\t\t年度目标\t\t\t
总体目标\t完成街巷路面改造。\t\t\t完成街巷路面改造。\t\t\t
绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t二级指标\t三级指标\t指标值
\t产出指标\t数量指标\t改造街巷长度\t≥2公里\t数量指标\t改造街巷长度\t≥2公里
\t\t质量指标\t验收合格率\t100%\t质量指标\t验收合格率\t100%
\t\t时效指标\t完工时间\t2026年10月\t时效指标\t完工时间\t2026年10月
"""
COST_ROW = "\t成本指标\t经济成本指标\t改造工程费\t80万元\t经济成本指标\t改造工程费\t80万元\n"
# The same row after an export that dropped its leading cells, the merged labels among them.
COST_ROW_LOST = "改造工程费\t80万元\t改造工程费\t80万元\t\t\t\t\n"
TAIL = """\t效益指标\t社会效益\t方便居民出行\t提升\t社会效益\t方便居民出行\t提升
满意度指标\t服务对象满意度\t居民满意度\t≥90%\t服务对象满意度\t居民满意度\t≥90%\t
负责人:\t\t经办人:\t\t联系电话:\t\t填报日期:\t20260106
"""


def findings_of(tmp_path: Path, cost_row: str):
    path = tmp_path / "form.txt"
    path.write_text(HEAD + cost_row + TAIL, encoding="utf-8")
    return check_path(path)


def test_whole_form_has_neither_doubt_nor_structure_finding(tmp_path: Path):
    found = findings_of(tmp_path, COST_ROW)
    assert not [f for f in found if f.code in ("X904", "S103", "M303")]


def test_cost_row_that_lost_its_labels_is_one_doubt_not_a_missing_cost_indicator(tmp_path: Path):
    found = findings_of(tmp_path, COST_ROW_LOST)
    assert not [f for f in found if f.code in ("S101", "S103", "S104", "S105", "S106", "M303")]
    doubts = [f for f in found if f.code == "X904"]
    assert len(doubts) == 1
    doubt = doubts[0]
    assert doubt.severity == "warning" and "改造工程费" in doubt.text("zh")
    assert "S103" in doubt.data["rules"]  # what it stands for is kept, with each message
    assert any(x["code"] == "S103" and "经济成本指标" in x["zh"] for x in doubt.data["findings"])
    assert "改造工程费" in doubt.row_text


def test_form_without_any_cost_row_still_misses_its_cost_indicator(tmp_path: Path):
    found = findings_of(tmp_path, "")
    assert [f.severity for f in found if f.code == "S103"] == ["error"]
    assert not [f for f in found if f.code == "X904"]


def test_row_that_lost_only_empty_cells_inside_its_group_leaves_the_findings_standing(tmp_path: Path):
    # 设计费 lost its leading (empty, merged) cells but is a cost row under the cost rows: its labels
    # fit, so the form's missing 时效指标 (S105) is the filer's, not a doubt.
    head = HEAD.replace("\t\t时效指标\t完工时间\t2026年10月\t时效指标\t完工时间\t2026年10月\n", "")
    rows = ("\t成本指标\t经济成本指标\t改造工程费\t60万元\t经济成本指标\t改造工程费\t60万元\n"
            "设计费\t20万元\t设计费\t20万元\t\t\t\t\n")
    path = tmp_path / "form.txt"
    path.write_text(head + rows + TAIL, encoding="utf-8")
    found = check_path(path)
    assert [f.code for f in found if f.code in ("S105", "X904")] == ["S105"]
