"""Run-on text (checker/readers/runon.py): forms whose extract lost every separator are cut into
cells by the form's words and the value grammar; glued numbers are cut only where certain.

Fixtures in tests/fixtures/run_on are invented, in the shapes of shared/corpus 13, 22, 27 and 30.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout import find_forms
from checker.layout.labels import _FULLWIDTH
from checker.readers.traditional import _to_simplified
from checker.readers.runon import looks_run_on, rows_from_run_on
from checker.readers.runon_values import cut_amounts, value_token
from checker.readers.text import read_text, rows_from_text
from support import check_path

FIXTURES = Path(__file__).parent / "fixtures" / "run_on"
SAMPLES = Path(__file__).parents[1] / "samples"
CORPUS = Path(__file__).parents[2] / "shared" / "corpus"


def _lines(name: str) -> list[str]:
    return (FIXTURES / name).read_text(encoding="utf-8").split("\n")


def _at(lines: list[str], place) -> str:
    """The original text a one-line place points at."""
    assert place.line == place.end_line
    return lines[place.line - 1][place.column - 1:place.end_column - 1]


# --------------------------------------------------------------------------- detection


def test_run_on_fixtures_are_told_from_the_other_shapes():
    assert looks_run_on(_lines("project_target.txt"))
    assert looks_run_on(_lines("project_self_eval.txt"))
    for seed in ("000_3dc31615842cc839.txt", "001_8a4c236ab4738456.txt", "handmade_project_target.txt"):
        assert not looks_run_on((SAMPLES / seed).read_text(encoding="utf-8").split("\n")), seed


def test_a_long_paragraph_of_prose_is_not_run_on():
    prose = "本项目实施以来，各项工作稳步推进，群众满意度持续提升，资金使用规范，管理制度健全，" * 3
    assert not looks_run_on(["项目绩效自评报告", prose, prose])


def test_pipe_rows_are_not_run_on():
    lines = ["一级指标 | 二级指标 | 三级指标 | 指标值 |"] * 3 + ["产出指标数量指标养护道路里程≥35公里" * 5]
    assert not looks_run_on(lines)


# --------------------------------------------------------------------------- a target form


def test_target_form_indicators_are_read_with_their_levels_and_values():
    doc = read_text(FIXTURES / "project_target.txt")
    assert doc.shape == "run_on"
    filing = find_forms(doc)
    assert [f.kind for f in filing.forms] == ["project_target"]
    form = filing.forms[0]
    assert form.title == "2025年度示例县项目支出绩效目标表"
    got = [(i.level1, i.level2, i.name, i.value) for i in form.indicators]
    assert got == [
        ("产出指标", "数量指标", "养护道路里程", "≥35公里"),
        ("产出指标", "数量指标", "桥涵巡查次数", "≥12次"),
        ("产出指标", "质量指标", "路面完好率", "≥90%"),
        ("产出指标", "时效指标", "养护完成时间", "2025年11月底前"),
        ("成本指标", "经济成本指标", "日常养护费用", "≤120万元"),
        ("效益指标", "社会效益指标", "群众出行时间缩短", "≥10%"),
        ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"),
    ]
    assert form.header["project_name"].raw == "乡村道路养护经费"
    budget = form.header["budget_total"].money
    assert (budget.amount, budget.unit) == (120, "万元")


def test_target_form_places_point_at_the_original_characters():
    lines = _lines("project_target.txt")
    form = find_forms(read_text(FIXTURES / "project_target.txt")).forms[0]
    for ind in form.indicators:
        assert _at(lines, ind.place) == ind.name
        assert _at(lines, ind.cell_places["value"]) == ind.value
    # the page chunk number "2、" that opens line 3 belongs to no cell
    late = next(i for i in form.indicators if i.name == "养护完成时间")
    assert (late.place.line, late.place.column) == (3, 3)


def test_target_form_checks_without_reading_doubts():
    codes = {f.code for f in check_path(FIXTURES / "project_target.txt")}
    assert not codes & {"X901", "X902", "X903", "S111", "S107"}


# --------------------------------------------------------------------------- a self-evaluation


def test_self_eval_rows_and_money_block():
    filing = find_forms(read_text(FIXTURES / "project_self_eval.txt"))
    form = filing.forms[0]
    assert form.kind == "project_self_eval"
    rows = {i.name: (i.level1, i.level2, i.value, i.actual, i.weight, i.score) for i in form.indicators}
    assert rows["助餐服务人数"] == ("产出指标", "数量指标", "≥500人", "520人", "20分", "20分")
    assert rows["老年人满意度"] == ("满意度指标", "服务对象满意度指标", "≥90%", "93%", "10分", "10分")
    # 807695% under 全年预算数 ⇥ 全年执行数 ⇥ 执行率: 80 ⇥ 76 ⇥ 95% is the only cut the arithmetic allows
    money = form.tables[0]
    assert [c.text for c in money.rows[0]][:4] == ["年度资金总额", "80", "76", "95%"]


def test_glued_values_are_left_empty_and_reported_never_guessed():
    lines = _lines("project_self_eval.txt")
    doc = read_text(FIXTURES / "project_self_eval.txt")
    x903 = [f for f in doc.findings if f.code == "X903"]
    assert len(x903) == 1 and "≥95%97%1010" in x903[0].message["zh"]
    ind = next(i for i in find_forms(doc).forms[0].indicators if i.name == "餐品抽检合格率")
    assert not (ind.value or ind.weight or ind.score)
    assert {"value_shifted", "weight_unreadable", "score_unreadable"} <= set(ind.doubts)
    assert _at(lines, x903[0].place) == "≥95%97%1010"
    findings = check_path(FIXTURES / "project_self_eval.txt")
    # no rule blames the filer for the row the reader could not cut
    assert not [f for f in findings if f.severity == "error" and f.indicator and "餐品抽检合格率" in f.indicator]
    assert not [f for f in findings if f.code == "E403" and f.severity == "error"]


_REGIONAL = ("2023年度示例市专项转移支付绩效目标表项目名称示例补助资金总额(万元)30一级指标二级指标三级指标区域目标值甲县乙县"
             "产出指标数量指标补助县数量12质量指标资金使用合规率≥95%≥95%满意度指标服务对象满意度指标群众满意度≥90%290%")


def test_a_header_second_row_and_ocr_comparators_are_doubts():
    rows = rows_from_run_on([_REGIONAL])
    texts = [[c.text for c in r.cells] for r in rows]
    assert ["甲县乙县"] in texts  # the header's second row stands alone: the layout reads no indicator from it
    glued = next(r for r in rows if len(r.cells) > 2 and r.cells[2].text == "补助县数量")
    assert [c.text for c in glued.cells][3:] == ["", ""] and glued.doubts == ["value_shifted"]
    assert ["", "质量指标", "资金使用合规率", "≥95%", "≥95%"] in texts
    last = next(r for r in rows if len(r.cells) > 2 and r.cells[2].text == "群众满意度")
    assert [c.text for c in last.cells][3:] == ["≥90%", ""]  # 290%: ≥90% misread, a doubt
    messages = [m[0] for r in rows for m in getattr(r, "messages", [])]
    assert any("甲县乙县" in m for m in messages) and any("“290%”可能是“≥90%”" in m for m in messages)


# --------------------------------------------------------------------------- glued numbers


@pytest.mark.parametrize("text, roles, cut", [
    ("807695%", ["budget", "spent", "rate"], ["80", "76", "95%"]),
    ("52.652.6100%", ["budget", "spent", "rate"], ["52.6", "52.6", "100%"]),
    ("40.539.998.52%", ["budget", "spent", "rate"], ["40.5", "39.9", "98.52%"]),
    ("1.561.56120", ["budget", "spent", "rate", "score"], None),  # no % and a score: no arithmetic
    ("12.5125100%", ["budget", "spent", "rate"], None),  # 12.5 ⇥ 12 ⇥ ... fails, 12.51 ⇥ 25 ⇥ ... fails: none
])
def test_amounts_are_cut_only_where_the_arithmetic_allows_one_reading(text, roles, cut):
    assert cut_amounts(text, roles) == cut


@pytest.mark.parametrize("text, value", [
    ("≥95%以上", "≥95%"), ("12个乡镇", "12个"), ("2021年12月前完成", "2021年12月前完成"),
    ("12月底之前完成100%", "12月底之前完成"), ("3.5万元其中", "3.5万元"), (">=2个0个", ">=2个"), ("6620", "6620"),
])
def test_where_a_value_ends(text, value):
    assert text[:value_token(text, 0)] == value


def test_no_value_where_none_is_written():
    assert value_token("养护道路里程", 0) is None and value_token("≥", 0) is None


def test_a_stream_longer_than_any_form_is_left_as_lines_with_a_doubt(monkeypatch):
    import checker.readers.runon as runon

    monkeypatch.setattr(runon, "MAX_STREAM", 100)
    lines = _lines("project_target.txt")
    rows = rows_from_run_on(lines)
    assert [r.cells[0].text for r in rows if r.cells] == [ln.strip() for ln in lines if ln.strip()]
    assert "too long" in runon.doubts(rows)[0].message["en"]


def test_a_template_note_after_a_level_label_is_no_part_of_it():
    from checker.layout.vocab import label_level

    assert label_level("数量指标(必填硬性指标)").canonical == "数量指标"
    assert label_level("时效指标(必填)").parent == "产出指标"


# --------------------------------------------------------------------------- properties

_WORDS = ["项目支出绩效目标表", "项目名称", "示例项目", "主管部门", "一级指标", "二级指标", "三级指标", "指标值",
          "实际完成值", "分值", "得分", "产出指标", "数量指标", "质量指标", "满意度指标", "≥", "95%", "12个",
          "100%", "6620", "2025年12月前", "万元", "(万元)", "全年预算数(A)", "执行率(B/A)", "总分", "说明",
          " ", "、", "1、", "\n", "（", "）", "：", "績", "(jī)", "效", "表"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=20, max_size=120))
def test_cells_of_form_like_text_point_into_the_original(words):
    text = "".join(words)
    lines = text.split("\n")
    for row in rows_from_text(text):
        for cell in row.cells:
            p = cell.place
            assert 1 <= p.line <= len(lines)
            assert 1 <= p.column <= len(lines[p.line - 1]) + 1
            if cell.text and p.end_line == p.line:
                original = lines[p.line - 1][p.column - 1:p.end_column - 1]
                assert original, (cell, lines[p.line - 1])
                # the first character read is the one written, or its half-width or simplified form
                written = original[0]
                assert cell.text[0] in {written, written.translate(_FULLWIDTH), _to_simplified(written)}
                if cell.raw is not None:
                    assert cell.raw == original


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text):
    rows_from_run_on(text.split("\n"))
    rows_from_text(text)


# --------------------------------------------------------------------------- the corpus

# Run-on corpus files with the indicator rows the reader cuts from them (09 is another layout
# family, 14 an evaluation report with no form title: both are read as run-on, neither as a form).
_RUN_ON = {"12": 3, "13": 3, "15": 3, "22": 3, "23": 3, "27": 3, "30": 3, "09": 0, "14": 0}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside the repository")
@pytest.mark.parametrize("number, rows", sorted(_RUN_ON.items()))
def test_corpus_run_on_files_are_read_as_forms(number, rows):
    path = next(CORPUS.glob(f"{number}_*.txt"))
    doc = read_text(path)
    assert doc.shape == "run_on"
    forms = find_forms(doc).forms
    assert sum(len(f.indicators) for f in forms) >= rows, path.name
