"""A target form whose level-1 headings state their weights (产出指标(50分)) while the table's
weights add to less than 100: the rest stands outside the table (预算执行率), so S115 says nothing
when the weights agree with the headings, and still errs when they do not (corpus 18's shape)."""

from __future__ import annotations

from pathlib import Path

from support import check_path

from checker.layout import find_forms
from checker.readers import read

FORM = """项目支出绩效目标表
（2026年度）
金额单位：万元
项目名称\t某社区服务设施维护
主管部门\t某县民政局\t实施单位\t某街道办事处
项目资金\t年度资金总额\t12
年度绩效目标\t完成设施维护，保障正常使用。
一级指标\t二级指标\t三级指标\t指标值\t分值
产出指标（50分）\t数量指标\t维护设施数\t≥12处\t30
\t成本指标\t维护费用\t≤12万元\t20
效益指标（30分）\t社会效益指标\t设施正常使用率\t≥95%\t30
满意度指标（{sat}分）\t服务对象满意度指标\t居民满意度\t≥90%\t10
"""


def _write(tmp_path: Path, sat: str) -> Path:
    path = tmp_path / f"form{sat}.txt"
    path.write_text(FORM.format(sat=sat), encoding="utf-8")
    return path


def test_headings_weights_are_read_into_the_form(tmp_path):
    form = find_forms(read(str(_write(tmp_path, "10")))).forms[0]
    assert {k: f.raw for k, f in form.level1_weights.items()} == {"产出指标": "50分", "效益指标": "30分", "满意度指标": "10分"}
    assert {i.level1 for i in form.indicators} == {"产出指标", "效益指标", "满意度指标"}


def test_weights_that_agree_with_their_headings_are_no_s115(tmp_path):
    assert "S115" not in {f.code for f in check_path(_write(tmp_path, "10"))}


def test_weights_that_disagree_with_their_headings_are_still_s115(tmp_path):
    # the headings promise 50 + 30 + 20 = 100, the table gives 90
    assert "S115" in {f.code for f in check_path(_write(tmp_path, "20"))}
