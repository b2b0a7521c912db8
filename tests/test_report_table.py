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
