"""An annual cost row the export cut after its level label (seed 003 #48, docs/audit/issue10-seeds.md
§2 W28): the row's amount is unread, so M303 may not call the cost rows' sum short of the budget."""

from __future__ import annotations

from checker.pipeline import parse_values
from checker.rules.engine import run_pack
from checker.rules.loader import load_pack
from support import text_filing

HEAD = """某县项目支出绩效目标表
(2026年度)
项目名称\t测试驻村经费
项目属性\t一次性项目(1年结束)\t\t项目期\t1年
项目资金(元)\t实施期资金总额:\t20,000\t年度资金总额:\t20,000
实施期目标\t\t\t年度目标
绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t二级指标\t三级指标\t指标值\t\t
\t产出指标\t数量指标\t走访次数\t≥12次\t数量指标\t走访次数\t≥12次\t\t
\t\t成本指标\t成本指标\t场地租赁支出\t\t≤6000元\t成本指标\t场地租赁支出\t≤6000元
\t资料印制支出\t\t\t≤2000元\t成本指标\t资料印制支出\t\t\t≤2000元
"""


def _filing(last_row: str):
    return text_filing(HEAD + last_row)


def _codes(filing, code: str):
    parse_values(filing)
    return [f for f in run_pack(load_pack(), filing) if f.code == code or f.data.get("rule") == code]


CUT = "\t设备维护支出\t\t\t≤12000元\t\t\t\t\t成本指标\n"


def test_a_row_cut_after_its_label_is_read_as_an_annual_row_in_doubt():
    filing = _filing(CUT)
    ind = next(i for i in filing.forms[0].indicators if i.name == "设备维护支出")
    assert (ind.level1, ind.value, ind.period_value) == ("成本指标", "", "≤12000元")
    assert {"row_cut", "value_shifted"} <= set(ind.doubts)
    assert not [f for f in filing.findings if f.code == "S113"]  # the export's cut, not the blocks disagreeing


def test_m303_reports_the_cut_row_as_a_doubt_not_a_shortfall():
    found = _codes(_filing(CUT), "M303")
    assert [(f.code, f.data["doubt"], f.indicator[-1]) for f in found] == [("X903", "part_unread", "设备维护支出")]


def test_a_label_with_empty_cells_after_it_is_the_filers_blank():
    # The same row with the annual cells left empty after the label: the row was not cut.
    filing = _filing("\t设备维护支出\t\t\t≤12000元\t成本指标\t\t\t\t\n")
    assert not [i for i in filing.forms[0].indicators if "row_cut" in i.doubts]
    assert [(f.code, f.severity) for f in _codes(filing, "M303")] == [("M303", "warning")]  # 0.8 below 2 万元
