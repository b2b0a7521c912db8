"""Honest about what was not read (issue 9, item 4): a document that ends inside a form's table
gives one X902 naming the last line read and no finding about what would have come after the
cut; a header whose end was never reached is no ground for S111; `checker parse` and
`checker check` agree on whether a file holds a form."""

from __future__ import annotations

from pathlib import Path

import subprocess
import sys

from support import check_path

from checker.layout.cutoff import cut_off
from checker.model import Cell, Form, Indicator, Place, Row

HEAD = """项目支出绩效目标表
（2026年度）
金额单位：万元
项目名称\t某镇便民服务中心运行
主管部门\t某县民政局\t实施单位\t某镇人民政府
项目资金\t年度资金总额\t40
\t其中：财政拨款\t40
年度绩效目标\t保障便民服务中心全年正常运行，群众办事一次办结。
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t服务事项数\t≥120项
\t质量指标\t办结率\t≥98%
\t时效指标\t办结时限\t≤3个工作日
成本指标\t经济成本指标\t运行经费\t≤40万元
"""
BENEFIT = "效益指标\t社会效益指标\t群众办事便利度\t明显提高\n"
SATISFACTION = "满意度指标\t服务对象满意度指标\t办事群众满意度\t≥90%\n"


def _check(tmp_path: Path, text: str, name: str = "form.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return check_path(path)


def _codes(findings) -> set[str]:
    return {f.code for f in findings}


def test_a_page_cut_after_the_benefit_labels_is_a_doubt_not_missing_satisfaction(tmp_path):
    # The page stops after the labels of a row: its name and value, and what followed, are lost.
    findings = _check(tmp_path, HEAD + BENEFIT + "满意度指标\t服务对象满意度指标")
    cut = [f for f in findings if f.code == "X902"]
    assert len(cut) == 1 and cut[0].severity == "warning"
    assert cut[0].data["last_line"] == 15 and "第 15 行" in cut[0].message["zh"]
    assert not _codes(findings) & {"S101", "S102", "S106", "S111"}


def test_a_page_cut_inside_an_output_row_blames_nothing_after_the_cut(tmp_path):
    text = "\n".join(HEAD.splitlines()[:11]) + "\n\t时效指标\t办结时限"  # the row lost its value
    findings = _check(tmp_path, text)
    assert [f.code for f in findings if f.code == "X902"] == ["X902"]
    assert not _codes(findings) & {"S101", "S102", "S103", "S105", "S106"}


def test_a_table_ending_the_document_before_satisfaction_is_in_doubt(tmp_path):
    # A whole row, but the table stops before its last level-1: the page may have been cut there.
    findings = _check(tmp_path, HEAD + BENEFIT)
    assert "X902" in _codes(findings) and "S102" not in _codes(findings)


def test_blank_template_rows_at_the_end_are_no_cut(tmp_path):
    # 成本 rows left blank at the end of a whole form (every cell of the row is there, empty).
    findings = _check(tmp_path, HEAD + BENEFIT + SATISFACTION + "\t社会成本指标\t\t\n\t生态环境成本指标\t\t\n")
    assert "X902" not in _codes(findings)


def test_a_whole_form_at_the_end_of_the_document_is_judged_as_usual(tmp_path):
    findings = _check(tmp_path, HEAD + BENEFIT + SATISFACTION)
    assert "X902" not in _codes(findings)


def test_a_table_followed_by_a_signature_line_ended_before_the_document(tmp_path):
    # Nothing was cut: the form itself lacks its satisfaction rows, which S102 says.
    findings = _check(tmp_path, HEAD + BENEFIT + "填报人：王五\t联系电话：12345\n")
    assert "X902" not in _codes(findings)
    assert "S102" in _codes(findings)


def test_a_missing_goal_is_the_filers_error_when_the_header_was_read_whole(tmp_path):
    text = HEAD.replace("年度绩效目标\t保障便民服务中心全年正常运行，群众办事一次办结。\n", "")
    findings = _check(tmp_path, text + BENEFIT + SATISFACTION)
    s111 = [f for f in findings if f.code == "S111"]
    assert [(f.severity, f.data["field"]) for f in s111] == [("error", "年度绩效目标")]


def test_a_header_cut_short_by_the_page_is_a_doubt_not_a_missing_field(tmp_path):
    text = "\n".join(HEAD.splitlines()[:5]) + "\n"  # ends after 项目名称 / 主管部门
    findings = _check(tmp_path, text)
    assert not [f for f in findings if f.code == "S111"]
    doubts = [f for f in findings if f.code == "X903" and f.data.get("rule") == "S111"]
    assert {f.data["field"] for f in doubts} == {"年度预算金额（资金总额）", "年度绩效目标"}
    assert all(f.severity == "info" for f in doubts)
    assert "年度绩效目标" in " ".join(f.message["zh"] for f in doubts)


def test_parse_and_check_agree_on_a_file_without_a_form(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("关于下达2026年专项资金的通知\n各单位：现将资金下达你们。\n", encoding="utf-8")
    parsed, checked = (subprocess.run([sys.executable, "-m", "checker.cli.main", command, str(path)],
                                      capture_output=True, text=True, timeout=120) for command in ("parse", "check"))
    assert parsed.returncode == checked.returncode == 2
    assert parsed.stdout == "" and "未找到绩效目标表或自评表" in parsed.stderr
    assert "未找到绩效目标表或自评表" in checked.stdout + checked.stderr


def _row(line: int, *texts: str) -> Row:
    return Row(cells=[Cell(t, Place(line=line, column=1 + 10 * k)) for k, t in enumerate(texts)], place=Place(line=line))


def test_a_last_row_that_lost_its_value_and_columns_is_a_cut():
    # 可持续影响指标 | 某名称 and nothing more, under rows of five cells the layout read: the page
    # was cut inside that row (it stands beside a second block the layout did not place).
    rows = [_row(n, "产出指标", "数量指标", f"指标{n}", "≥3个", "≥3个") for n in (1, 2)]
    form = Form(id="f", kind="project_target", title="项目支出绩效目标表", place=Place(line=1))
    form.indicators = [Indicator("产出指标", "数量指标", f"指标{n}", value="≥3个", place=Place(line=n)) for n in (1, 2)]
    cut = cut_off(form, rows + [_row(3, "可持续影响指标", "长效运行")])
    assert cut is not None and cut.data["last_line"] == 3
    assert cut_off(form, rows + [_row(3, "填报人：王五", "联系电话：123")]) is None  # a signature


def test_a_last_line_cut_inside_a_bracket_is_a_cut(tmp_path):
    findings = _check(tmp_path, HEAD + BENEFIT + "生态(环")
    assert "X902" in _codes(findings) and "S102" not in _codes(findings)


def test_a_note_after_the_table_with_its_brackets_closed_is_no_cut(tmp_path):
    findings = _check(tmp_path, HEAD + BENEFIT + "注：金额单位(万元)以批复为准\n")
    assert "X902" not in _codes(findings)
    assert "S102" in _codes(findings)  # the form itself lacks its satisfaction rows


def test_notes_read_as_the_last_row_show_the_table_ended():
    # Run-on text put 说明 ⇥ 无 (the notes after the table) into the table as its last row; the
    # table stops before 满意度指标, which alone would be read as a cut.
    form = Form(id="f", kind="project_target", title="项目支出绩效目标表", place=Place(line=1))
    form.indicators = [Indicator("产出指标", "数量指标", "指标1", value="≥3个", place=Place(line=1)),
                       Indicator("效益指标", "社会效益指标", "说明", value="无", place=Place(line=1))]
    rows = [_row(1, "产出指标", "数量指标", "指标1", "≥3个")]
    assert cut_off(form, rows) is None
    form.indicators[-1].name = "群众便利度"
    assert cut_off(form, rows) is not None


PRICED = HEAD.replace("成本指标\t经济成本指标\t运行经费\t≤40万元\n",
                      "\t数量指标\t补助件数\t≥900件\n成本指标\t经济成本指标\t每件补助标准\t≤100元/件\n")


def test_priced_costs_below_the_budget_are_no_finding_on_a_cut_form(tmp_path):
    # 100元/件 × 900件 = 9万元 against 40万元: M306 says so on a whole form, but on a form the page
    # cut the rows after the cut may hold the rest of the costs (as for M303's warning)
    whole = [f for f in _check(tmp_path, PRICED + BENEFIT + SATISFACTION) if f.code == "M306"]
    assert [(f.data["actual"], f.data["expected"]) for f in whole] == [("9", "40")]
    cut = _check(tmp_path, PRICED + BENEFIT + "满意度指标\t服务对象满意度指标", name="cut.txt")
    assert "X902" in _codes(cut) and "M306" not in _codes(cut)
