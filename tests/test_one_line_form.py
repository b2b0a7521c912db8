"""A whole form on one line, single spaces between its words and its cells out of order (a
spreadsheet's text extracted by a document-sharing site: shared/corpus 11's shape;
tests/fixtures/shapes/one_line_scrambled.txt is invented in it). Its cells cannot be recovered
with certainty, so none is read; the check says so precisely, naming the line and the title, and
cannot pass — never "no form found", never a finding about the filer."""

from __future__ import annotations

from pathlib import Path

from support import check_path

from checker.layout import find_forms
from checker.layout.one_line import one_line_forms
from checker.model import Cell, Place, Row
from checker.pipeline import CheckOptions, check_file
from checker.readers import read

FIXTURE = Path(__file__).parent / "fixtures" / "shapes" / "one_line_scrambled.txt"


def test_the_one_line_form_is_named_as_unread():
    filing = find_forms(read(FIXTURE))
    assert filing.forms == []
    (finding,) = [f for f in filing.findings if f.data.get("shape") == "one_line"]
    assert finding.code == "X901" and finding.place.line == 2
    assert finding.data["title"] == "某县项目支出绩效自评表(2022年度)" and finding.data["unread"]
    assert "第 2 行" in finding.message["zh"] and "交错" in finding.message["zh"]


def test_check_reports_it_and_does_not_pass():
    findings = check_path(FIXTURE)
    assert [f.code for f in findings] == ["X901"]
    from checker.rules.loader import load_pack

    result = check_file(str(FIXTURE), load_pack(), CheckOptions())
    assert result.error is None and result.incomplete


def test_a_long_line_of_prose_is_no_form():
    place = Place(line=1, column=1)
    text = "某县项目支出绩效自评表 已于近日公开 " + "本项目 进展 顺利 " * 40
    assert one_line_forms([Row(cells=[Cell(text=text, place=place)], place=place)]) == []
