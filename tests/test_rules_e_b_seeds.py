"""What E401–E407, B501–B504 and M305 report on seeds 001, 002 and 003, read through the whole
layout stage (checker.layout.find_forms) — and what they must not report."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

from checker.layout import find_forms
from checker.model import Cell
from checker.readers import read
from checker.resources import rules_dir
from checker.rules.loader import load_pack
from support import text_filing

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@cache
def pack():
    mine = [p for pat in ("E4*.yaml", "B50[1-4]*.yaml", "M305*.yaml") for p in sorted(rules_dir().glob(pat))]
    return load_pack(paths=mine)


@cache
def filing(seed: str):
    return find_forms(read(next(SAMPLES.glob(f"{seed}_*.txt"))))


def findings(seed: str, fl=None):
    return pack().check(fl or filing(seed))


def test_seed001_project_spending_17190_in_the_target_form_is_the_typo():
    out = [f for f in findings("001") if f.code != "E408"]  # the self-evaluation's content: below
    assert [(f.code, f.form.rsplit("#", 1)[1]) for f in out] == [("M305", "1")]
    m305 = out[0]
    assert m305.place.line == 26  # 项目支出：17190 of the 2020 target form
    assert (m305.data["item"], m305.data["actual"], m305.data["expected"]) == ("项目支出", "17190", "17910")
    assert "18926 = 1016 + 17910" in m305.data["note"]
    assert "资金总额 18926" in m305.data["agree"]
    # The English message carries the same figures in English prose (no Chinese punctuation).
    assert m305.data["items_en"] == "项目支出 17190 ≠ 17910 (off by -720 万元)"
    assert m305.data["note_en"].startswith("In the other form 资金总额 = 基本支出 + 项目支出 holds (18926 = 1016 + 17910)")


def test_seed001_self_evaluation_adds_up_but_its_actuals_are_no_measurements():
    """Its arithmetic is clean (E401–E407); seven rows scored in full state no measurement (E408,
    issue 10): a bound repeated (达到90%以上, ≥20%), a count for a rate (100% → 139), a name repeated."""
    form = filing("001").forms[1]
    assert form.kind == "department_self_eval"
    out = [f for f in findings("001") if f.form == form.id]
    assert [(f.code, f.indicator[-1]) for f in out] == [
        ("E408", n) for n in ("供水率", "天然气覆盖率", "危房验收合格率", "降低交通运输成本", "环境效益", "民生保障", "群众满意度")]
    assert out[2].data["achieved"] == "139" and "计数" in out[2].message["zh"]
    assert "重复了指标名称" in out[-1].message["zh"]


def test_seed002_unexplained_deductions_cost_overrun_and_repeated_targets():
    """E406 on the two deductions; issue 10 adds the cost row spent 3.5 times its target with full
    marks (E407) and three actuals that repeat the target's bound (E408)."""
    out = findings("002")
    assert [(f.code, f.indicator[-1], f.place.line) for f in out] == [
        ("E406", "环境效益", 209), ("E406", "民生保障", 219), ("E407", "全年预算数", 162),
        ("E408", "供水率", 79), ("E408", "天然气覆盖率", 89), ("E408", "群众满意度", 227)]
    assert out[2].data["ratio"] == "3.5"


def test_seed003_tables_text_and_department_form():
    out = findings("003")
    assert [(f.code, f.severity, f.place.line) for f in out] == [("B504", "warning", 559), ("M305", "error", 591)]
    b504, m305 = out
    assert (b504.data["actual"], b504.data["expected"], b504.data["last_year"]) == ("7.5%", "7.00%", "22.85")
    assert "本年数 21.25" in b504.data["note"]
    assert b504.data["note_en"] == " (7.5% is the change over this year's 21.25)"
    assert m305.form.endswith("#2")  # the 部门整体支出绩效目标申报表, not the balanced tables
    assert "资金总额 41817.28 ≠ 37494.28（差 4323.00 万元）" in m305.data["items"]
    assert "项目支出 39255.60 ≠ 34932.60" in m305.data["items"]
    assert "基本支出 2561.68" in m305.data["agree"]
    assert "569" in m305.data["note"]
    assert "资金总额 41817.28 ≠ 37494.28 (off by 4323.00 万元)" in m305.data["items_en"]
    assert "line 569" in m305.data["note_en"] and "基本支出 2561.68" in m305.data["agree_en"]


def _with_cell(fl, table_no: int, line: int, col_index: int, text: str):
    """A copy of the filing with one table cell rewritten (to prove the sums are checked)."""
    form = fl.forms[0]
    tables = []
    for t in form.tables:
        rows = [[dataclasses.replace(c, text=text) if (t.number == table_no and r[0].place.line == line and k == col_index) else c
                 for k, c in enumerate(r)] for r in t.rows]
        tables.append(dataclasses.replace(t, rows=rows))
    forms = [dataclasses.replace(form, tables=tables)] + fl.forms[1:]
    return dataclasses.replace(fl, forms=forms)


def test_seed003_a_changed_cell_is_caught_by_roll_up_sums_and_cross_table_checks():
    # 表三 21201 城乡社区管理事务 合计 2032.43 → 2042.43
    before = {(f.code, f.place.line) for f in findings("003")}
    fl = _with_cell(filing("003"), 3, 185, 2, "2042.43")
    new = [f for f in findings("003", fl) if (f.code, f.place.line) not in before]
    assert sorted({f.code for f in new}) == ["B501", "B502"]
    b502 = [f for f in findings("003", fl) if f.code == "B502"]
    assert {f.data["code"] for f in b502} == {"212", "21201"}
    # 表十二 the department's 合计 34932.60 → 34832.60: B501 (units) and B503 (表三 项目支出)
    fl = _with_cell(filing("003"), 12, 419, 1, "34832.60")
    got = {f.code for f in findings("003", fl) if (f.code, f.place.line) not in before}
    assert {"B501", "B503"} <= got
    assert isinstance(fl.forms[0].tables[11].rows[0][1], Cell)


_DEPT_FORM = """
2026年部门整体支出绩效目标表
单位：万元
部门名称\t某县农业农村局
年度预算情况\t资金总额\t一般公共预算\t基本支出\t项目支出
\t{total}\t{total}\t{basic}\t350
年度绩效目标\t服务三农。
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t培训农民人次\t≥1000人次
"""


def _with_department_form(total: str, basic: str):
    tables = (Path(__file__).parent / "fixtures" / "budget_tables" / "county_yuan_pages.txt").read_text(encoding="utf-8")
    text = tables + _DEPT_FORM.format(total=total, basic=basic)
    return text_filing(text)


def test_m305_shows_a_yuan_tables_figures_with_their_unit_and_the_gap_in_wan():
    # The tables in 元 (8,523,600.00), the department form in 万元 (862.36): the message says 元
    # beside the tables' figures and the gap at the coarser precision (-10.00, not -10.000000).
    (m305,) = [f for f in findings("x", _with_department_form("862.36", "512.36")) if f.code == "M305"]
    assert "资金总额 8523600.00 元 ≠ 862.36（差 -10.00 万元）" in m305.data["items"]
    assert "项目支出 3500000.00 元" in m305.data["agree"]


def test_m305_amounts_exactly_ten_thousand_times_apart_are_a_unit_doubt():
    # The form wrote 元 figures under 单位：万元: a unit slip, the input's doubt (X903), not an error.
    out = [f for f in findings("x", _with_department_form("8523600", "5032600")) if "M305" in (f.code, f.data.get("rule"))]
    assert [(f.code, f.severity) for f in out] == [("X903", "info")]
