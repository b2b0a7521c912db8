"""Run-on text of the 优/良/中/差 evaluation-standard layout (Hebei's 绩效目标表, shared/corpus 09's
shape; tests/fixtures/run_on/grade_standards.txt is invented in it): 绩效指标分类 ⇥ 绩效指标 ⇥
绩效指标描述 ⇥ 绩效指标评价标准 ⇥ 评价标准确定依据, the grade words 优良中差 under 评价标准 as the
header's second row, no level-2 column, and the first header word garbled by the page's encoding
(``???jī)效指标分类``). The table is read: each row's level-1, its name (with the description
glued to it, a doubt), the 优 standard as its value; no X902 "no indicator table"; the grade
threshold is no target written without ≥ (V208 a doubt), and with no level-2 column nothing tells
the default framework from 财预〔2013〕53号's 产出/效果, so no level-2 is asked for."""

from __future__ import annotations

from pathlib import Path

from support import check_path

from checker.layout import find_forms
from checker.readers import read

FIXTURE = Path(__file__).parent / "fixtures" / "run_on" / "grade_standards.txt"


def _forms(path: Path):
    return find_forms(read(path)).forms


def test_the_grade_table_is_read_row_by_row():
    (form,) = _forms(FIXTURE)
    assert [(i.level1, i.value) for i in form.indicators] == [
        ("产出指标", "100%"), ("产出指标", "100%"), ("效果指标", "90%")]
    assert form.indicators[0].name.startswith("发放及时率")
    assert form.indicators[2].name.startswith("受助家庭满意度")


def test_a_clean_first_header_word_reads_the_same(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(FIXTURE.read_text(encoding="utf-8").replace("???jī)效指标分类", "绩效指标分类"), encoding="utf-8")
    (form,) = _forms(path)
    assert [(i.level1, i.value) for i in form.indicators] == [
        ("产出指标", "100%"), ("产出指标", "100%"), ("效果指标", "90%")]


def test_no_false_finding_on_the_grade_table():
    findings = check_path(FIXTURE)
    assert not [f for f in findings if f.severity in ("error", "warning")]
    doubts = [f for f in findings if f.code == "X903"]
    assert any(f.data.get("rule") == "V208" for f in doubts)
    assert sum("连写" in f.message["zh"] for f in doubts) == 3  # name and description glued


def test_without_the_grade_words_the_header_word_is_a_value_column(tmp_path):
    # 绩效指标评价标准 with no 优良中差 after it heads one value column.
    path = tmp_path / "one.txt"
    text = FIXTURE.read_text(encoding="utf-8").replace("优良中差", "")
    for grades in ("95%90%80%", "90%85%80%", "85%80%70%"):
        text = text.replace(grades, "", 1)
    path.write_text(text, encoding="utf-8")
    (form,) = _forms(path)
    assert [i.value for i in form.indicators] == ["100%", "100%", "90%"]
