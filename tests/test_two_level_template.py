"""A two-level template printed one cell per line (shared/corpus 32's shape: an Excel sheet saved
as a web page): 一级指标 ⇥ 二级指标 ⇥ 分值 ⇥ 指标内容 ⇥ 指标值 ⇥ 评分细则, the level-2s the unit's
own names (经费到位率, 专账核算) under 投入指标/过程指标 of 财预〔2013〕53号's framework, a blank
``|`` between rows and the level-1's merged cell left out of the rows after its first. The
fixture tests/fixtures/shapes/two_level_weight_first.txt is invented in that shape.

The weight column right of the labels tells where a row's labels end: a text there is the row's
level-2, known to the taxonomy or not, and a level-1 is never read as an indicator's name."""

from __future__ import annotations

from pathlib import Path

from support import check_path

from checker.layout import find_forms
from checker.readers import read

FIXTURE = Path(__file__).parent / "fixtures" / "shapes" / "two_level_weight_first.txt"


def test_each_row_keeps_its_level1_and_its_own_level2():
    (form,) = find_forms(read(FIXTURE)).forms
    assert [(i.level1, i.level2, i.weight, i.value) for i in form.indicators] == [
        ("投入指标", "经费到位率", "10", "经费到位率达100%"),
        ("投入指标", "支出进度", "20", "支出进度达到95%以上"),
        ("过程指标", "专账核算", "30", "经费专账核算"),
        ("过程指标", "清运及时性", "40", "日产日清率达100%"),
    ]
    assert form.indicators[0].name.startswith("经费到位率=")


def test_no_level1_is_blamed_as_a_copied_name_and_the_weights_add_up():
    codes = {f.code for f in check_path(FIXTURE)}
    assert not codes & {"S109", "S107", "S115", "X901", "V202"}


def test_the_scoring_rules_column_is_a_header_word():
    from checker.layout.table import header_role

    assert header_role("评分细则(100字内)") == "remark"


def test_weights_of_a_table_the_page_cut_are_not_totalled(tmp_path):
    # The page ends inside the second row: the weights read (10 + 20) are not the table's.
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "cut.txt"
    path.write_text("\n".join(lines[: lines.index("支出进度达到95%以上 |") + 1]) + "\n", encoding="utf-8")
    findings = check_path(path)
    assert [f.data.get("cut") for f in findings if f.code == "X902"] == ["end_of_document"]
    assert "S115" not in {f.code for f in findings}
