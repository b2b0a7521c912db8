"""项目支出绩效自评表 (财预〔2020〕10号 annex) in the templates provinces use: the tab layout, the
one-cell-per-line layout and a workbook with merged cells (tests/fixtures/self_eval/), read by
the layout and checked by E401–E407.

The forms are hand-made after the 10号 template and the variants provinces write: 指标值/目标值
and 实际值/完成值 for the value columns, 指标值类型 and 度量单位 columns, 权重 for 分值, amounts in
元, 执行率 as 95.00% or as a fraction, 得分 split into 部门自评 | 财政评价, a 自评等级 row.
Every known error of a fixture is listed here; every other row adds up.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from checker.layout import find_forms
from checker.layout.self_eval import _column_key, parse_self_eval
from checker.readers import read
from checker.readers.text import rows_from_text

from support import e_pack, only_self_eval_form, self_eval_filing, text_filing

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "self_eval"
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


pack = e_pack
filing = self_eval_filing
only_form = only_self_eval_form


def e_findings(fl):
    return [(f.code, f.data.get("row") or (f.indicator or [""])[-1], f.place.line or f.place.cell)
            for f in pack().check(fl)]


# --------------------------------------------------------------------------- layout


def test_tab_10hao_form_is_read_whole():
    form = only_form("project_10hao_tab_clean.txt")
    assert form.kind == "project_self_eval" and form.year == 2024
    assert form.name == "农村供水保障工程"
    assert form.header["supervisor"].raw == "某县水利局" and form.header["implementer"].raw == "某县水务服务中心"
    assert form.budget.amount == Decimal(520) and form.budget.unit == "万元"
    money = form.tables[0]
    assert [c.text for c in money.rows[0]] == ["年度资金总额", "500", "520", "494", "10", "95%", "9.5"]
    assert [r[0].text for r in money.rows] == ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"]
    assert [i.path for i in form.indicators][:2] == [["产出指标", "数量指标", "改造供水管网长度"],
                                                    ["产出指标", "数量指标", "新建蓄水池数量"]]
    # rows shifted left by the export (质量指标 under a merged 产出指标) keep their level-1
    assert [i.level1 for i in form.indicators] == ["产出指标"] * 5 + ["效益指标"] * 3 + ["满意度指标"]
    cost = form.indicators[4]
    assert (cost.level2, cost.value, cost.actual, cost.weight, cost.score) == (
        "成本指标", "≤15万元/公里", "14.6万元/公里", "5", "5")
    assert form.total_score.raw == "97" and form.header["total_weight"].raw == "100"
    assert form.grade.raw == "优"


def test_variant_columns_type_unit_weight_and_yuan():
    form = only_form("project_variant_tab_errors.txt")
    assert form.kind == "project_self_eval"
    assert form.budget.amount == Decimal("1250000.00") and form.budget.unit == "元"
    light = next(i for i in form.indicators if i.name == "亮灯率")
    # 指标值类型 (定量) is not the target; 度量单位 joins the bare numbers
    assert (light.value, light.actual, light.weight, light.score) == ("≥98%", "96.5%", "10", "10")
    text = next(i for i in form.indicators if i.name == "夜间出行条件")
    assert (text.value, text.actual) == ("明显改善", "明显改善")
    assert len(form.indicators) == 7
    assert form.total_score.raw == "96" and form.grade.raw == "良"


def test_one_cell_per_line_with_split_score_columns():
    form = only_form("project_lines_score_pair.txt")
    assert form.kind == "project_self_eval" and form.year == 2024
    assert form.name == "社区居家养老服务补助"
    assert len(form.indicators) == 7
    timely = next(i for i in form.indicators if i.name == "补助发放及时率")
    # 部门自评 is the score; 财政评价 (9) is neither the score nor a deviation text
    assert (timely.weight, timely.score, timely.deviation) == ("10", "10", "")
    assert set(form.level1_weights) == {"产出指标", "效益指标", "满意度指标"}
    assert form.total_score.raw == "92" and form.header["total_weight"].raw == "95"


def test_workbook_with_merged_cells_and_percent_format():
    form = only_form("project_10hao_merged.xlsx")
    assert form.kind == "project_self_eval"
    assert form.budget.amount == Decimal("2500000.00") and form.budget.unit == "元"
    assert form.tables[0].rows[0][5].text == "95.00%"
    assert len(form.indicators) == 7
    assert [i.value for i in form.indicators][:2] == ["≥3.2万人", "5元/人·天"]  # header 年度目标值
    assert [i.level1 for i in form.indicators] == ["产出指标"] * 4 + ["效益指标"] * 2 + ["满意度指标"]
    assert form.total_score.raw == "88.5" and form.grade.raw == "优"


def test_header_names_provinces_write():
    assert [_column_key(t) for t in ("年度指标值", "指标值", "目标值", "年度目标值", "全年指标值")] == ["value"] * 5
    assert [_column_key(t) for t in ("实际完成值", "实际值", "完成值", "全年实际完成值")] == ["actual"] * 4
    assert [_column_key(t) for t in ("指标值类型", "指标性质", "度量单位", "计量单位", "权重（%）", "部门自评")] == [
        "value_kind", "value_kind", "unit", "unit", "weight", "score"]
    assert _column_key("财政评价得分") == "review_score" and _column_key("偏差原因分析及改进措施") == "deviation"


def test_a_departments_project_form_is_a_project_form():
    rows = rows_from_text("项目名称\t道路维护\n一级指标\t二级指标\t三级指标\t指标值\t实际值\t分值\t得分\n"
                          "产出指标\t数量指标\t维护里程\t≥10公里\t12公里\t50\t50\n")
    for title, kind in (("市级部门项目支出绩效自评表", "project_self_eval"),
                        ("部门整体支出绩效自评表", "department_self_eval"),
                        ("部门绩效自评表", "department_self_eval")):
        form, _ = parse_self_eval(rows, form_id="t#1", title=title, title_place=rows[0].place, year=2024)
        assert form.kind == kind, title


def test_comparator_from_the_type_column_and_direction():
    text = ("一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
            "产出指标\t时效指标\t报修响应时间\t≤\t2\t小时\t1.5\t10\t10\t\n"
            "产出指标\t数量指标\t培训人次\t≥\t300\t人次\t280\t10\t10\t\n")
    rows = rows_from_text(text)
    form, _ = parse_self_eval(rows, form_id="t#1", title="项目支出绩效自评表", title_place=rows[0].place, year=2024)
    assert [i.value for i in form.indicators] == ["≤2小时", "≥300人次"]
    assert [i.actual for i in form.indicators] == ["1.5小时", "280人次"]


# --------------------------------------------------------------------------- E401–E407


def test_clean_forms_raise_nothing():
    for name in ("project_10hao_tab_clean.txt",):
        assert e_findings(filing(name)) == [], name


def test_variant_form_known_errors_exactly():
    got = sorted(e_findings(filing("project_variant_tab_errors.txt")), key=lambda t: (t[2], t[0]))
    assert got == [
        ("E402", "", 5),                     # 90% × 10 = 9, written 10
        ("E401", "其中：当年财政拨款", 6),      # 1,008,000 / 1,050,000 = 96.00%, written 96.50
        ("E406", "亮灯率", 13),               # 96.5% < ≥98%, no deviation analysis
        ("E407", "亮灯率", 13),               # … yet scored in full
        ("E404", "单盏年维护成本", 15),         # 16 > 15
        ("E406", "设施完好率", 17),            # 12 of 15, no deviation analysis
        ("E405", "", 19),                     # 总分 96, the scores add up to 98
        ("E405", "", 20),                     # 96 earns 优, 良 written
    ]
    by = {(f.code, f.place.line): f for f in pack().check(filing("project_variant_tab_errors.txt"))}
    assert by[("E402", 5)].data["expected"] == "9.00"
    assert by[("E401", 6)].data["expected"] == "96.00%"
    assert by[("E405", 19)].data["expected"] == "98"
    assert by[("E405", 20)].data["expected"] == "优"


def test_lines_form_known_errors_exactly():
    got = sorted(e_findings(filing("project_lines_score_pair.txt")), key=lambda t: (str(t[2]), t[0]))
    codes = [(c, name) for c, name, _ in got]
    assert sorted(codes) == sorted([
        ("E403", ""),               # 产出指标（50分） holds 45
        ("E403", ""),               # all weights 95
        ("E406", "服务对象满意度"),   # 9 of 10, no deviation analysis
    ])
    variants = {f.data.get("level1") for f in pack().check(filing("project_lines_score_pair.txt")) if f.code == "E403"}
    assert "产出指标" in variants


def test_workbook_known_error_is_the_grade_only():
    out = pack().check(filing("project_10hao_merged.xlsx"))
    assert [(f.code, f.place.cell, f.data.get("expected")) for f in out] == [("E405", "B20", "良")]


def test_the_same_form_one_cell_per_line_gives_the_same_findings():
    """The variant form re-exported one cell per line: the same rules fire on the same rows."""
    tab = (FIXTURES / "project_variant_tab_errors.txt").read_text(encoding="utf-8")
    out = []
    for line in tab.splitlines():
        cells = line.split("\t")
        if len(cells) == 1:
            out += [line, ""]
        else:
            out += ["\t" + c for c in cells] + [""]
    from checker.model import Document, Grid

    doc = Document(path="lines.txt", kind="text", grids=[Grid(name=None, rows=rows_from_text("\n".join(out)))])
    lines_codes = sorted((c, n) for c, n, _ in e_findings(find_forms(doc)))
    tab_codes = sorted((c, n) for c, n, _ in e_findings(filing("project_variant_tab_errors.txt")))
    assert lines_codes == tab_codes


def test_seeds_keep_their_self_evaluation_results():
    fl1 = find_forms(read(next(SAMPLES.glob("001_*.txt"))))
    fl2 = find_forms(read(next(SAMPLES.glob("002_*.txt"))))
    # E401–E406 as before; E407's cost overrun and E408's actuals that are no measurement are
    # issue 10's (tests/test_rules_e_b_seeds.py names each)
    assert [f for f in e_findings(fl1) if f[0] not in ("E408",)] == []
    assert sorted(f for f in e_findings(fl2) if f[0] not in ("E407", "E408")) == [
        ("E406", "民生保障", 219), ("E406", "环境效益", 209)]


def test_other_names_for_the_money_and_indicator_columns():
    """调整后预算数（A）/ 实际执行数（B）/ 预算执行率（B/A）, 金额单位：元 under the title, 指标名称,
    评分标准 (text, not a score), 标准分值, 自评分, 未完成原因及改进措施, a 合计 row, 评价等级：优."""
    form = only_form("project_aliases_tab.txt")
    assert form.kind == "project_self_eval" and form.year == 2024
    assert form.tables[0].columns == ["项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert form.budget.amount == Decimal(2400000) and form.budget.unit == "元"
    late = next(i for i in form.indicators if i.name == "雨污分流完工时间")
    assert (late.value, late.actual, late.weight, late.score) == ("2024年10月底前", "2024年12月", "15", "12")
    assert late.deviation == "雨季施工受阻，已于12月完工"
    assert (form.total_score.raw, form.header["total_weight"].raw, form.grade.raw) == ("96.54", "100", "优")
    # 9.54 is scored from the exact rate 95.42%, 95% is written: neither is an error;
    # 1100户 against ≥1200户 scored in full is.
    assert sorted(e_findings(filing("project_aliases_tab.txt"))) == [("E406", "受益居民户数", 16),
                                                                   ("E407", "受益居民户数", 16)]


def test_a_rate_written_as_a_fraction_is_read_by_the_amounts():
    text = ("项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
            "年度资金总额\t100\t100\t{spent}\t10\t{rate}\t{score}\n"
            "一级指标\t二级指标\t三级指标\t指标值\t实际值\t分值\t得分\n"
            "产出指标\t数量指标\t维护里程\t≥10公里\t12公里\t90\t90\n")
    for spent, rate, score, codes in (("100", "1.00", "10", []), ("104", "1.04", "10", []),
                                      ("95", "0.95", "9.5", []), ("80", "0.95", "9.5", ["E401"]),
                                      ("100", "1", "10", [])):
        rows = rows_from_text(text.format(spent=spent, rate=rate, score=score))
        form, _ = parse_self_eval(rows, form_id="t#1", title="项目支出绩效自评表", title_place=rows[0].place, year=2024)
        from checker.model import Filing

        got = [f.code for f in pack().check(Filing(path="t.txt", forms=[form]))]
        assert got == codes, (spent, rate, got)


def test_title_variants_start_a_project_self_evaluation():
    from checker.layout.segment import title_kind

    for title in ("项目支出绩效自评表", "2024年度项目绩效自评表", "项目支出绩效自评价表",
                  "附件3 项目支出绩效自评表", "市级部门项目支出绩效自评表（2024年度）"):
        assert title_kind(title) == "project_self_eval", title
    assert title_kind("项目支出绩效自评报告") is None


def test_the_sample_is_the_variant_fixture():
    sample = SAMPLES / "handmade_project_self_eval.txt"
    assert sample.read_bytes() == (FIXTURES / "project_variant_tab_errors.txt").read_bytes()


def test_numbered_level_labels_lose_their_numbers():
    text = ("一级指标\t二级指标\t三级指标\t指标值\t实际值\t分值\t得分\n"
            "一、产出指标（50分）\t1.数量指标\t维护里程\t≥10公里\t12公里\t30\t30\n"
            "(1)质量指标\t验收合格率\t100%\t100%\t20\t20\n"
            "二、效益指标（30分）\t（一）社会效益指标\t通行条件\t改善\t改善\t30\t30\n")
    rows = rows_from_text(text)
    form, _ = parse_self_eval(rows, form_id="t#1", title="项目支出绩效自评表", title_place=rows[0].place, year=2024)
    assert [i.path for i in form.indicators] == [["产出指标", "数量指标", "维护里程"],
                                                ["产出指标", "质量指标", "验收合格率"],
                                                ["效益指标", "社会效益指标", "通行条件"]]
    assert {k: f.raw for k, f in form.level1_weights.items()} == {"产出指标": "50分", "效益指标": "30分"}


def test_money_block_with_extra_and_split_score_columns_keeps_values_in_place():
    """预算调整数 between the amounts and 自评得分 | 财政评价得分: every value under its own header."""
    text = ("项目资金（万元）\t年初预算数\t全年预算数\t预算调整数\t全年执行数\t分值\t执行率\t自评得分\t财政评价得分\n"
            "年度资金总额\t100\t120\t20\t96\t10\t80%\t{score}\t7\n"
            "一级指标\t二级指标\t三级指标\t指标值\t实际值\t分值\t得分\n"
            "产出指标\t数量指标\t维护里程\t≥10公里\t12公里\t90\t90\n")
    from checker.model import Filing

    for score, codes in (("8", []), ("10", ["E402"])):
        rows = rows_from_text(text.format(score=score))
        form, _ = parse_self_eval(rows, form_id="t#1", title="项目支出绩效自评表", title_place=rows[0].place, year=2024)
        assert form.tables[0].columns == ["项目", "年初预算数", "全年预算数", "预算调整数", "全年执行数", "分值",
                                          "执行率", "得分", "财政评价得分"]
        assert form.header["executed"].raw == "96"
        assert [f.code for f in pack().check(Filing(path="t.txt", forms=[form]))] == codes


def test_a_total_row_with_only_the_weights_has_no_total_score():
    head = ("项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
            "年度资金总额\t100\t100\t100\t10\t100%\t10\n"
            "一级指标\t二级指标\t三级指标\t指标值\t实际值\t分值\t得分\n"
            "产出指标\t数量指标\t维护里程\t≥10公里\t12公里\t90\t85\t\n")
    for total, weight, score in (("总分\t\t\t\t\t100\t\n", "100", None), ("总分\t100\n", "100", None),
                                 ("总分\t95\n", None, "95"), ("总分\t\t\t\t\t100\t95\n", "100", "95"),
                                 ("总分\t100\t95\n", "100", "95")):
        rows = rows_from_text(head + total)
        form, _ = parse_self_eval(rows, form_id="t#1", title="项目支出绩效自评表", title_place=rows[0].place, year=2024)
        got_w = form.header["total_weight"].raw if "total_weight" in form.header else None
        got_s = form.total_score.raw if form.total_score is not None else None
        assert (got_w, got_s) == (weight, score), total


def test_level1_weights_written_as_percent_or_with_a_word():
    text = ("一级指标\t二级指标\t三级指标\t指标值\t实际值\t权重\t得分\n"
            "产出指标(50%)\t数量指标\t维护里程\t≥10公里\t12公里\t45\t45\n"
            "效益指标（权重30）\t社会效益指标\t通行条件\t改善\t改善\t30\t30\n"
            "满意度指标（分值：10）\t服务对象满意度指标\t群众满意度\t≥90%\t95%\t10\t10\n")
    rows = rows_from_text(text)
    form, _ = parse_self_eval(rows, form_id="t#1", title="项目支出绩效自评表", title_place=rows[0].place, year=2024)
    assert {k: f.raw for k, f in form.level1_weights.items()} == {"产出指标": "50分", "效益指标": "30分", "满意度指标": "10分"}
    assert [i.level1 for i in form.indicators] == ["产出指标", "效益指标", "满意度指标"]
    from checker.model import Filing

    out = pack().check(Filing(path="t.txt", forms=[form]))
    assert [(f.code, f.data.get("level1")) for f in out] == [("E403", "产出指标"), ("E403", None)]


def test_deviation_in_two_columns_either_explains():
    text = ("一级指标\t二级指标\t三级指标\t指标值\t实际值\t分值\t得分\t偏差原因分析\t改进措施\n"
            "产出指标\t数量指标\t维护里程\t≥10公里\t9公里\t50\t45\t\t下年度增加养护班组\n"
            "效益指标\t社会效益指标\t通行条件\t改善\t改善\t30\t25\t\t\n"
            "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t95%\t20\t20\t\t\n")
    rows = rows_from_text(text)
    form, _ = parse_self_eval(rows, form_id="t#1", title="项目支出绩效自评表", title_place=rows[0].place, year=2024)
    assert [i.deviation for i in form.indicators] == ["下年度增加养护班组", "", ""]
    from checker.model import Filing

    out = pack().check(Filing(path="t.txt", forms=[form]))
    assert [(f.code, f.indicator[-1]) for f in out if f.code == "E406"] == [("E406", "通行条件")]


def test_money_rows_that_lost_cells_in_the_export():
    """A PDF drops empty cells: a blank 年初预算数 shifts the row left; a row's blank tail is cut.
    The values are placed where the rate makes sense, or the row is left out — never blamed."""
    from checker.model import Filing

    head = "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
    tail = "一级指标\t二级指标\t三级指标\t指标值\t实际值\t分值\t得分\n产出指标\t数量指标\t里程\t≥10公里\t12公里\t90\t90\n"
    cases = (
        ("年度资金总额\t520\t494\t10\t95\t9.5\n", ["", "520", "494", "10", "95", "9.5"], []),  # 年初 dropped
        ("年度资金总额\t500\t520\t494\t10\t95%\n", ["500", "520", "494", "10", "95%", ""], []),  # 得分 cut
        ("年度资金总额\t500\t520\t494\t10\t90%\n", ["500", "520", "494", "10", "90%", ""], ["E401"]),
        ("年度资金总额\t520\t494\t10\t90%\t9\n", ["", "520", "494", "10", "90%", "9"], ["E401"]),
        ("年度资金总额\t520\t494\t10\t37\t9.5\n", None, []),  # no reading agrees: left out
    )
    for row, values, codes in cases:
        rows = rows_from_text(head + row + tail)
        form, _ = parse_self_eval(rows, form_id="t#1", title="项目支出绩效自评表", title_place=rows[0].place, year=2024)
        money = form.tables[0]
        got = [c.text for c in money.rows[0][1:]] if money.rows else None
        assert got == values, row
        assert [f.code for f in pack().check(Filing(path="t.txt", forms=[form])) if f.code in ("E401", "E402")] == codes, row


def test_a_grade_column_and_the_grade_in_the_total_row():
    text = ("项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
            "年度资金总额\t100\t100\t100\t10\t100%\t10\n"
            "一级指标\t二级指标\t三级指标\t指标值\t实际值\t分值\t得分\t评价等级\t偏差原因分析及改进措施\n"
            "产出指标\t数量指标\t维护里程\t≥10公里\t12公里\t50\t50\t优\t\n"
            "效益指标\t社会效益指标\t通行条件\t改善\t基本改善\t30\t24\t良\t部分路段未完工\n"
            "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t95%\t10\t10\t优\t\n"
            "总分\t\t\t\t\t100\t{total}\t{grade}\t\n")
    from checker.model import Filing

    for total, grade, codes in (("94", "优", []), ("94", "良", ["E405"]), ("92", "优", ["E405"])):
        rows = rows_from_text(text.format(total=total, grade=grade))
        form, _ = parse_self_eval(rows, form_id="t#1", title="项目支出绩效自评表", title_place=rows[0].place, year=2024)
        assert [i.deviation for i in form.indicators] == ["", "部分路段未完工", ""]
        assert (form.total_score.raw, form.grade.raw, form.grade.place.line) == (total, grade, 7)
        assert [f.code for f in pack().check(Filing(path="t.txt", forms=[form]))] == codes


# --------------------------------------------------------------------------- export damage


def test_rows_trimmed_of_their_empty_last_cells_still_lack_a_deviation_analysis():
    # A PDF/Word export drops a row's empty trailing cells: the 偏差原因分析 column named in the
    # header is then absent from the rows, and the analysis is missing, not the column (E406).
    text = (SAMPLES / "handmade_project_self_eval.txt").read_text(encoding="utf-8")
    trimmed = "\n".join(line.rstrip("\t ") for line in text.splitlines())
    codes = [c for c, _, _ in e_findings(text_filing(trimmed))]
    assert codes.count("E406") == 2
    assert sorted(codes) == sorted(c for c, _, _ in e_findings(text_filing(text)))


def test_a_header_row_repeated_over_the_next_page_is_no_indicator():
    text = (SAMPLES / "handmade_project_self_eval.txt").read_text(encoding="utf-8").splitlines()
    header = next(line for line in text if "三级指标" in line)
    at = next(i for i, line in enumerate(text) if line.startswith("效益指标"))
    repeated = "\n".join(text[:at] + [header] + text[at:])
    (form,) = text_filing(repeated).forms
    (plain,) = text_filing("\n".join(text)).forms
    assert [i.name for i in form.indicators] == [i.name for i in plain.indicators]
    assert "三级指标" not in [i.name for i in form.indicators]
