"""One indicator table for several projects, the header fields as its first columns and filled
on the row where each project begins (a budget disclosure's 项目绩效目标表, shared/corpus 18's
shape; tests/fixtures/shapes/one_row_per_project.txt is invented in it, space-separated, with
定性 values on lines of their own). Each project is read as a form of its own: its name, unit,
budget (元, with separators) and goal from its row, its indicators to the next project's row; no
cell of a project's row is text that fits no column (X901)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from support import check_path

from checker.layout import find_forms
from checker.layout.projects import split_projects
from checker.layout.segment import split_regions
from checker.model import Cell, Place, Row
from checker.readers import read

FIXTURE = Path(__file__).parent / "fixtures" / "shapes" / "one_row_per_project.txt"


def test_each_project_is_a_form_with_its_header_fields():
    forms = find_forms(read(FIXTURE)).forms
    assert [f.header["project_name"].raw for f in forms] == ["路灯维护经费", "绿化养护经费"]
    assert [f.header["annual_goal"].raw for f in forms] == ["保障城区路灯正常运行。", "保障城区绿地养护到位。"]
    budgets = [f.budget for f in forms]
    assert [(b.amount, b.unit) for b in budgets] == [(Decimal("200000.00"), "元"), (Decimal("150000.00"), "元")]
    assert [b.in_wan() for b in budgets] == [Decimal("20"), Decimal("15")]


def test_each_project_keeps_its_own_indicators():
    forms = find_forms(read(FIXTURE)).forms
    assert [i.name for i in forms[0].indicators] == ["维护路灯数量", "路灯亮灯率", "故障修复时限", "群众夜间出行安全", "市民满意度"]
    assert [i.name for i in forms[1].indicators] == ["养护绿地面积", "苗木成活率", "城区绿化覆盖率", "市民满意度"]
    assert [i.level1 for i in forms[1].indicators] == ["产出指标", "产出指标", "效益指标", "满意度指标"]


def test_no_project_cell_is_unplaced_and_each_form_has_its_weights():
    findings = check_path(FIXTURE)
    codes = [f.code for f in findings]
    assert "X901" not in codes and "S111" not in codes and "S115" not in codes
    # The second project has no 时效指标 row: that is its own, not hidden by the first's.
    assert [f.place.line for f in findings if f.code == "S105"] == [12]


def test_a_table_without_field_columns_is_left_whole():
    p = Place(line=1)
    rows = [Row(cells=[Cell("项目支出绩效目标表", p)], place=p)]
    rows += [Row(cells=[Cell(t, Place(line=n)) for t in texts], place=Place(line=n)) for n, texts in enumerate([
        ("一级指标", "二级指标", "三级指标", "指标值"), ("产出指标", "数量指标", "维护路灯数量", "≥300盏"),
        ("路灯亮灯率", "≥95%", "", "")], start=2)]
    _, regions = split_regions(rows)
    assert [len(r.rows) for part in regions for r in split_projects(part)] == [len(regions[0].rows)]
