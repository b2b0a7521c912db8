"""S115 (issue 10, item 4): a target form's 权重 column is read and adds up to 100 per project;
Sichuan's 预算执行率权重 in the header counts toward it."""

from __future__ import annotations

from pathlib import Path

from support import check_path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "one_cell_per_line" / "project_target_tab.txt"


def test_the_weight_column_of_a_target_form_is_read(tmp_path):
    from checker.layout import find_forms
    from checker.readers import read

    (form,) = find_forms(read(FIXTURE)).forms
    assert [i.weight for i in form.indicators] == ["15", "10", "10", "10", "10", "15", "10", "20"]
    assert not [f for f in check_path(FIXTURE) if f.code == "S115"]


def test_weights_short_of_100_are_an_error(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace("受益群众满意度\t≥\t90\t%\t20", "受益群众满意度\t≥\t90\t%\t15")
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    s115 = [f for f in check_path(path) if f.code == "S115"]
    assert [(f.severity, f.data["actual"]) for f in s115] == [("error", "95")]


def test_a_blank_execution_weight_in_the_header_is_a_warning(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace("受益群众满意度\t≥\t90\t%\t20", "受益群众满意度\t≥\t90\t%\t10")
    text = text.replace("项目名称\t", "预算执行率权重(%)\t\n项目名称\t", 1)
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    s115 = [f for f in check_path(path) if f.code == "S115"]
    assert [(f.severity, f.data.get("rest")) for f in s115] == [("warning", "10")]
