"""A form's targets printed as a table inside an evaluation report's text (issue 9; shared/corpus
14's shape, tests/fixtures/shapes/report_table_runon.txt invented in it): run-on text with a
heading 项目年度绩效目标, a header 评价内容 ⇥ 绩效内容 ⇥ 绩效目标值 ⇥ 实际完成值 ⇥ 累计完成率 whose
first word stands over both label columns (产出目标 ⇥ 数量目标), and the report's next section
(二) right after the last row. The table is read; what follows it is not; and since a report may
print only part of a form, what the table lacks is a doubt, never the filer's error."""

from __future__ import annotations

from pathlib import Path

from support import check_path

from checker.layout import find_forms
from checker.layout.table import read_header
from checker.layout.untitled import REPORT_TABLE
from checker.model import Cell, Place, Row
from checker.readers.text import read_text

FIXTURE = Path(__file__).parent / "fixtures" / "shapes" / "report_table_runon.txt"


def test_the_table_inside_the_report_is_read_row_by_row():
    filing = find_forms(read_text(FIXTURE))
    (form,) = filing.forms
    assert [(i.level1, i.level2, i.name, i.value) for i in form.indicators] == [
        ("产出目标", "数量目标", "新建便民站点数", ">=2个"),
        ("产出目标", "数量目标", "年度培训场次", ">=20次"),
        ("产出目标", "数量目标", "年度接待人数", ">=400人"),
        ("产出目标", "质量目标", "政策宣传知晓率", ">=95%"),
        ("产出目标", "质量目标", "经费拨付到位率", "=100%"),
    ]


def test_a_report_table_may_be_partial_so_nothing_it_lacks_is_an_error():
    findings = check_path(FIXTURE)
    assert not [f for f in findings if f.severity == "error"]
    # No 效益/满意度/成本 rows and no 时效 row: the report printed its 定量目标 only.
    assert not {f.code for f in findings} & {"S101", "S102", "S103", "S105"}
    (doubt,) = [f for f in findings if f.code == "X902"]
    assert doubt.data["table"] == REPORT_TABLE and "插表" in doubt.message["zh"]


def test_an_empty_header_cell_between_level1_and_the_name_heads_the_level2_column():
    place = Place(line=1)
    row = Row(cells=[Cell(t, place) for t in ("评价内容", "", "绩效内容", "绩效目标值")], place=place)
    header = read_header(row)
    assert header is not None
    assert header.roles == [(0, "level1"), (1, "level2"), (2, "name"), (3, "value")]


def test_a_filled_cell_there_is_not_taken_for_the_level2_column():
    place = Place(line=1)
    row = Row(cells=[Cell(t, place) for t in ("一级指标", "说明", "三级指标", "指标值")], place=place)
    header = read_header(row)
    assert header is not None and "level2" not in [r for _, r in header.roles]


def test_a_section_number_ends_a_tab_table_too(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("表1:某项目绩效目标\n一级指标\t二级指标\t三级指标\t指标值\n"
                    "产出指标\t数量指标\t培训人次\t≥100人次\n\t质量指标\t合格率\t≥95%\n"
                    "(二)\t资金管理情况良好\t10分\n", encoding="utf-8")
    (form,) = find_forms(read_text(path)).forms
    assert [i.name for i in form.indicators] == ["培训人次", "合格率"]


def _report_line(heading: str) -> str:
    """The fixture's report as one line (a mirror page's whole text, shared/corpus 14's shape),
    with ``heading`` opening the report's next section right after the table's last row."""
    first = FIXTURE.read_text(encoding="utf-8").splitlines()[0]
    head, _, rest = first.partition("(二)")
    return head + heading + rest.split(":", 1)[1]


def test_a_report_that_goes_on_after_its_table_on_the_same_line_is_not_cut(tmp_path):
    # The report's text runs on after the table, on the table's own (only) line: the page ends
    # in the narrative, not inside the table, so the only doubt is that the table is a report's.
    path = tmp_path / "report.txt"
    path.write_text(_report_line("(二)资金使用情况:") + "\n", encoding="utf-8")
    findings = check_path(path)
    cut = [f for f in findings if f.code == "X902"]
    assert [f.data.get("table") for f in cut] == [REPORT_TABLE]


def test_any_numbered_section_heading_ends_the_table(tmp_path):
    for heading in ("二、资金使用情况:", "第三部分资金使用情况", "(四)资金使用情况:"):
        path = tmp_path / "report.txt"
        path.write_text(_report_line(heading) + "\n", encoding="utf-8")
        (form,) = find_forms(read_text(path)).forms
        assert [i.name for i in form.indicators][-1] == "经费拨付到位率", heading
        assert [f.data.get("table") for f in check_path(path) if f.code == "X902"] == [REPORT_TABLE], heading


def test_a_numbered_level_label_goes_on_with_the_table(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(_report_line("二、效益指标社会效益指标群众知晓率>=90%95%105%(三)其他情况:"), encoding="utf-8")
    (form,) = find_forms(read_text(path)).forms
    assert (form.indicators[-1].level1, form.indicators[-1].name, form.indicators[-1].value) == (
        "效益指标", "群众知晓率", ">=90%")


def test_section_heading_end_reads_the_vocabulary():
    from checker.layout.vocab import section_heading_end

    assert section_heading_end("(二)经费使用") == 3
    assert section_heading_end("二、经费使用") == 2
    assert section_heading_end("第二部分 资金") == 4
    assert section_heading_end("二、效益指标") is None  # a level label's number
    assert section_heading_end("(二)质量指标") is None
    assert section_heading_end("第二、三批", 1) is None  # glued to the numeral before it
    assert section_heading_end("年度培训场次") is None


def test_a_heading_pattern_that_is_no_regular_expression_is_named(tmp_path):
    from checker.layout.vocab import layout_vocab_problems
    from checker.resources import rules_dir

    src = (rules_dir() / "layout_vocab.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "layout_vocab.yaml"
    bad.write_text(src.replace("table_end_headings: ['", "table_end_headings: ['第(二', '"), encoding="utf-8")
    (problem,) = layout_vocab_problems(bad)
    assert "table_end_headings" in problem or "not a regular expression" in problem
    assert "layout_vocab.yaml:" in problem
