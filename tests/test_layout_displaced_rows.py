"""A side-by-side row that stands a column off the header but is whole — its own level label,
then name and value in adjacent cells — is not ``shifted`` (seed 003: a cost row with no 二级指标
cell, "成本指标 ⇥ 规划报批时间 ⇥ 2025年12月"); a row with no label of its own stays shifted, its
levels inherited. S114 judges the first and doubts the second (docs/audit/issue10-seeds.md §1)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout.blocks import split_row
from checker.model import Cell, Place
from checker.pipeline import parse_values
from checker.rules.engine import run_pack
from checker.rules.loader import load_pack
from support import text_filing

HEAD = """某县项目支出绩效目标表
(2026年度)
项目名称\t测试规划编制
项目属性\t一次性项目(1年结束)\t\t项目期\t1年
项目资金(元)\t实施期资金总额:\t300,000\t年度资金总额:\t300,000
实施期目标\t\t\t年度目标
绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t二级指标\t三级指标\t指标值
\t产出指标\t数量指标\t编制规划数量\t1本\t数量指标\t编制规划数量\t1本
"""


TAIL = "满意度指标\t服务对象满意度\t群众满意度\t≥90%\t服务对象满意度\t群众满意度\t≥90%\n负责人:\t经办人:\t\t填报日期:\n"


def _filing(rows: str):
    text = HEAD + rows + TAIL
    filing = text_filing(text)
    parse_values(filing)
    return filing


def _s114(filing):
    return [(f.code, f.data.get("doubt", ""), f.indicator[-1] if f.indicator else "")
            for f in run_pack(load_pack(), filing) if "S114" in (f.code, f.data.get("rule"))]


def test_a_whole_cost_row_a_column_off_is_judged():
    filing = _filing("\t成本指标\t方案报审时间\t2025年11月\t成本指标\t方案报审时间\t2025年11月\t\n")
    annual = next(i for i in filing.forms[0].indicators if i.name == "方案报审时间")
    assert annual.level1 == "成本指标" and "shifted" not in annual.doubts
    assert ("S114", "", "方案报审时间") in _s114(filing)


def test_a_row_with_no_label_of_its_own_stays_in_doubt():
    filing = _filing("\t\t质量指标\t验收合格率\t100%\t质量指标\t验收合格率\t100%\n"
                     "\t尾款支付金额\t\t\t25000元\t\t尾款支付金额\t\t25000元\n")
    row = next(i for i in filing.forms[0].indicators if i.name == "尾款支付金额")
    assert "shifted" in row.doubts
    assert _s114(filing) == [("X903", "row_shifted", "尾款支付金额")]


def test_the_period_blocks_cost_row_is_judged_when_its_annual_twin_is_elsewhere():
    # The annual block misaligned by a row: its 每月 twin sits under 时效指标, the period's under 成本指标.
    filing = _filing("\t\t时效指标\t工资发放时间\t每月\t时效指标\t工资发放时间\t每月\n"
                     "\t\t成本指标\t人员工资发放时间\t每月\t成本指标\t巡查经费\t≤30万元\n")
    assert ("S114", "", "人员工资发放时间") in _s114(filing)


_CELL = st.sampled_from(["", "成本指标", "质量指标", "规划报批时间", "2025年12月", "≤5000元", "100%"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_CELL, min_size=1, max_size=9))
def test_a_displaced_whole_half_has_its_label_name_and_value_adjacent(texts):
    cells = [(i, Cell(t, Place(line=1, column=i + 1))) for i, t in enumerate(texts) if t]
    for half in split_row(cells, 5):
        if half.displaced_whole():
            at = sorted(half.index[id(c)] for c in (half.level1 or half.level2, half.cells["name"], half.cells["value"]))
            assert at[-1] - at[0] <= 3 and half.cells["name"].text != ""
