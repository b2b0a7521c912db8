"""Run-on text (checker/readers/runon.py) in the shape of a 2020 self-evaluation (corpus 30):
成本指标 alone under 产出指标 is the older forms' level-2, and a run ``00`` under 年度指标值 ⇥
实际完成值 is the two values 0 ⇥ 0 (no number is written with a leading zero). Invented text."""

from __future__ import annotations

from checker.layout import find_forms
from checker.readers.runon_values import value_token
from checker.readers.text import read_text

_SELF_EVAL = ("2020年度项目支出绩效自评表项目名称示例粮食储备主管部门示例县粮食局项目资金(万元)全年预算数(A)全年执行数(B)"
              "执行率(B/A)年度资金总额504590%年度总体目标年初设定目标全年实际完成情况储备粮按时到位储备粮全部到位"
              "一级指标二级指标三级指标年度指标值实际完成值\n"
              "产出指标数量指标储备粮到位率100%100%质量指标储备粮变质比例00时效指标轮换及时率100%100%"
              "成本指标收购价格执行率100%100%效益指标社会效益指标粮食供应保障率100%100%")


def test_cost_label_alone_under_output_and_zero_values(tmp_path):
    path = tmp_path / "form.txt"
    path.write_text(_SELF_EVAL, encoding="utf-8")
    (form,) = [f for f in find_forms(read_text(path)).forms if f.kind == "project_self_eval"]
    got = [(i.level1, i.level2, i.name, i.value, i.actual) for i in form.indicators]
    assert got == [
        ("产出指标", "数量指标", "储备粮到位率", "100%", "100%"),
        ("产出指标", "质量指标", "储备粮变质比例", "0", "0"),
        ("产出指标", "时效指标", "轮换及时率", "100%", "100%"),
        ("产出指标", "成本指标", "收购价格执行率", "100%", "100%"),
        ("效益指标", "社会效益指标", "粮食供应保障率", "100%", "100%"),
    ]


def test_a_value_number_never_begins_with_a_written_zero():
    assert value_token("00", 0) == 1
    assert value_token("0.5%", 0) == 4
    assert value_token("0起", 0) == 2
    assert value_token("100%", 0) == 4


def test_a_value_may_begin_with_a_prefix_word_of_the_vocabulary():
    """rules/header_labels.yaml run_on.value_prefixes: 各1次 (once each) is one value, while 各
    before no number begins none (各类补贴 stays in the name)."""
    from checker.readers.runon import vocab

    prefixes = vocab().value_prefixes
    assert "各" in prefixes
    assert value_token("各1次年度", 0, prefixes) == 3
    assert value_token("各类补贴", 0, prefixes) is None
    assert value_token("各1次", 0) is None  # without the vocabulary, no prefix


def test_a_target_row_whose_value_begins_with_a_prefix(tmp_path):
    from pathlib import Path

    fixture = Path(__file__).parent / "fixtures" / "run_on" / "project_target.txt"
    path = tmp_path / "form.txt"
    path.write_text(fixture.read_text(encoding="utf-8").replace("桥涵巡查次数≥12次", "桥涵巡查次数各1次"), encoding="utf-8")
    (form,) = find_forms(read_text(path)).forms
    assert [(i.name, i.value) for i in form.indicators][:3] == [
        ("养护道路里程", "≥35公里"), ("桥涵巡查次数", "各1次"), ("路面完好率", "≥90%")]
