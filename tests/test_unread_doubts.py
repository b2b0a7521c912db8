"""A rule never blames the filer for a cell the layout did not read (issue 9, item 4; precision
audit docs/audit/corpus-precision.md): a finding resting on the line a cut-off page ends on
(X902 ``cut``), or on a row with content the layout could not place (X901), becomes an X903 doubt;
a form whose table was read but not one header field is an S111 doubt, not three errors; a unit
written in the indicator name's brackets is the value's unit (V202). Invented fixtures, in the
shapes of the corpus forms."""

from __future__ import annotations

from pathlib import Path

from support import check_path

from checker.model import Filing, Finding, Form, Indicator, Place
from checker.rules.unread import on_unread, unread_lines
from checker.rules.kinds import Hit

HEAD = """项目支出绩效目标表
（2026年度）
金额单位：万元
项目名称\t某村道路养护
主管部门\t某县交通局\t实施单位\t某镇人民政府
项目资金\t年度资金总额\t30
\t其中：财政拨款\t30
年度绩效目标\t全年养护村道，保持路面完好。
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t养护里程\t≥12公里
\t质量指标\t路面完好率\t≥95%
\t时效指标\t完成时间\t2026年12月底前
成本指标\t经济成本指标\t养护经费\t≤30万元
效益指标\t社会效益指标\t群众出行便利度\t明显提高
"""


def _check(tmp_path: Path, text: str):
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    return check_path(path)


def test_a_value_the_page_cut_short_is_a_doubt_not_a_missing_unit(tmp_path):
    # The page stops inside a value: "≥9" of "≥95%", no unit left to read.
    findings = _check(tmp_path, HEAD.split("\t质量指标")[0] + "\t质量指标\t路面完好率\t≥9")
    assert [f.data.get("cut") for f in findings if f.code == "X902"] == ["end_of_document"]
    assert not [f for f in findings if f.code == "V202"]
    doubts = [f for f in findings if f.code == "X903" and f.data.get("rule") == "V202"]
    assert doubts and doubts[0].severity == "info" and doubts[0].data["doubt"] == "cell_cut"


def test_the_same_value_on_a_line_read_whole_is_still_the_filers(tmp_path):
    text = HEAD + "满意度指标\t服务对象满意度指标\t沿线群众满意度\t≥90\n（填表说明：金额单位为万元）\n"
    findings = _check(tmp_path, text)
    assert [f.severity for f in findings if f.code == "V202"] == ["error"]


def test_a_row_whose_last_cell_is_closed_by_its_separator_was_not_cut(tmp_path):
    # Pipe rows: "≥95 | |" shows the value cell ended before the page did; no unit is the filer's.
    head = HEAD.split("\t质量指标")[0]
    pipes = "\n".join(line.replace("\t", " | ") + " |" for line in head.splitlines())
    findings = _check(tmp_path, pipes + "\n | 质量指标 | 路面完好率 | ≥95 | |")
    assert [f.data.get("cut") for f in findings if f.code == "X902"] == ["end_of_document"]
    assert [f.severity for f in findings if f.code == "V202"] == ["error"]


def _form() -> Form:
    ind = Indicator(level1="产出指标", level2="数量指标", name="养护里程", value="12",
                    place=Place(line=10, column=1, end_line=11, end_column=5))
    return Form(id="f#1", kind="project_target", title="项目支出绩效目标表", place=Place(line=1),
                indicators=[ind])


def test_a_hit_on_a_row_with_unplaced_content_is_a_doubt():
    form = _form()
    x901 = Finding(code="X901", severity="error", form="f#1", place=Place(line=11, column=9),
                   message={"zh": "", "en": ""})
    unread = unread_lines(Filing(path="f.txt", forms=[form], findings=[x901]))
    assert on_unread(Hit(indicator=form.indicators[0]), form, unread) == "row_unplaced"
    assert on_unread(Hit(place=Place(line=12)), form, unread) is None
    # another page's line 11 (a PDF counts lines per page) is another line
    assert on_unread(Hit(place=Place(line=11, page=2)), form, unread) is None


def test_a_cut_elsewhere_or_a_no_table_x902_leaves_hits_alone():
    form = _form()
    other = Finding(code="X902", severity="warning", form="f#1", place=Place(line=11),
                    message={"zh": "", "en": ""})  # no table read: not a cut inside a cell
    assert unread_lines(Filing(path="f.txt", forms=[form], findings=[other])) == {}


COLUMN_TABLE = """项目绩效目标表
单位:元
项目名称 项目单位 预算数 年度绩效目标 一级指标 二级指标 三级指标 指标性质 目标值 计量单位 分值
设备购置 001-某县某局 120,000.00 保障日常办公 产出指标 数量指标 采购台数 大于等于 4 台 20
质量指标 验收合格率 等于 100 % 20
时效指标 完成时间 定性 年底前 10
成本指标 经济成本指标 购置成本 小于等于 12 万元 20
效益指标 社会效益指标 办公效率 定性 有效提升 20
满意度指标 服务对象满意度指标 使用人员满意度 大于等于 95 % 10
"""


def test_a_header_written_as_table_columns_is_no_s111_error(tmp_path):
    # The fields are read from the project's row (checker/layout/projects.py): no S111 at all,
    # neither the filer's error nor a doubt.
    findings = _check(tmp_path, COLUMN_TABLE)
    assert not [f for f in findings if f.code == "S111" or f.data.get("rule") == "S111"]


PIPE_HEADER = """项目绩效目标表 | |||||
(2020年度) | |||||
项目名称 | 某区公园保洁 | ||||
主管预算部门 | 某区园林局 | {label} | 120 | ||
年度绩效目标 | 全年保洁公园三处，保持园容整洁。 | ||||
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | |
产出指标 | 数量指标 | 保洁面积 | 12万平方米 | ||
质量指标 | 保洁达标率 | ≥95% | |||
时效指标 | 完成时间 | 2020年12月底前 | |||
成本指标 | 经济成本指标 | 保洁经费 | ≤120万元 | ||
效益指标 | 社会效益指标 | 游园环境 | 明显改善 | ||
满意度指标 | 服务对象满意度指标 | 游客满意度 | ≥90% | ||
"""


def test_budget_labels_of_other_provinces_fill_the_budget(tmp_path):
    for label in ("项目预算金额 (万元)", "本年度申请市财政预算资金(万元)"):
        findings = _check(tmp_path, PIPE_HEADER.format(label=label))
        assert not [f for f in findings if f.code == "S111"], label
    findings = _check(tmp_path, PIPE_HEADER.format(label="备注"))  # no amount at all: the filer's
    assert [f.data["field"] for f in findings if f.code == "S111"] == ["年度预算金额（资金总额）"]
