"""A page that begins inside a form (issue 9): a paginated article's later page starts with the
tail of a form's indicator table, with no title, header block or column header above it
(tests/fixtures/shapes/headless_*.txt, invented in that shape). The rows are read on the
columns most templates give them (rules/layout_vocab.yaml ``headless_table``), as a form cut
off at its start: an X902 says what stood above the cut was not read, an X903 that the columns
were taken from the template. Nothing the cut took may become the filer's error (no S111, no
missing level, no sum of weights), and no label is invented (the form keeps an empty title)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from support import check_path

from checker.layout import find_forms
from checker.layout.untitled import CUT_START
from checker.readers.text import read_text

HERE = Path(__file__).parent / "fixtures" / "shapes"


def _filing(name: str):
    return find_forms(read_text(HERE / name))


def _rows(form) -> list[tuple[str, str, str, str, str, str]]:
    return [(i.level1, i.level2, i.name, i.value_type, i.value, i.unit) for i in form.indicators]


def test_rows_split_over_lines_are_read_on_the_templates_columns():
    filing = _filing("headless_split.txt")
    (form,) = filing.forms
    assert form.kind == "project_self_eval"  # 评价结论 under the table
    assert form.title == "" and form.header == {}
    assert _rows(form) == [
        ("", "", "路灯巡查及时率", "=", "100", "%"),
        ("成本指标", "", "路灯维修成本", "=", "3", "万元"),
        ("成本指标", "", "线缆更换成本", "=", "2", "万元"),
        ("效益指标", "社会效益指标", "夜间照明覆盖率", "≥", "95", "%"),
        ("效益指标", "可持续影响指标", "路灯管护机制健全性", "定性", "优良中低差", ""),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥", "90", "%"),
    ]
    # The level-1 of the first row was above the cut: it stays unread, with its doubt.
    assert "unplaced_level" in form.indicators[0].doubts


def test_the_cut_and_the_inferred_columns_are_said_on_the_form():
    filing = _filing("headless_split.txt")
    form = filing.forms[0]
    by_code = {f.code: f for f in filing.findings}
    assert set(by_code) == {"X902", "X903"}
    assert by_code["X902"].form == form.id and by_code["X902"].data["cut"] == CUT_START
    assert by_code["X902"].place.line == 2  # the first table row, not the page number above it
    assert by_code["X903"].severity == "info" and "列名取自常见模板" in by_code["X903"].message["zh"]


def test_a_form_read_from_its_middle_gets_no_finding_about_what_the_cut_took():
    findings = check_path(HERE / "headless_split.txt")
    assert not [f for f in findings if f.severity == "error"]
    # The header block (S111), the missing 产出 rows (S101–S103) and the sum of weights (E403)
    # were above the cut, and the continuation line's 优 is neither a unit nor an indicator.
    assert not {f.code for f in findings} & {"S101", "S102", "S103", "S111", "E403", "V202"}
    assert not [f for f in findings if f.data.get("rule") == "S111"]


def test_the_next_forms_kind_names_the_tail_before_it(tmp_path):
    # The tail without its 评价结论: only the next form's title tells its kind.
    lines = (HERE / "headless_tail.txt").read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in lines if not line.startswith("评价结论"))
    path = tmp_path / "two.txt"
    path.write_text(text + "\n部门整体支出绩效自评表\n部门名称 | 某局 |\n", encoding="utf-8")
    filing = find_forms(read_text(path))
    assert [f.kind for f in filing.forms] == ["department_self_eval", "department_self_eval"]
    assert len(filing.forms[0].indicators) == 3


def test_without_self_evaluation_words_the_rows_are_a_target_forms(tmp_path):
    path = tmp_path / "target_tail.txt"
    path.write_text("数量指标 | 培训人次 | ≥ | 200 | 人次 |\n"
                    "质量指标 | 培训合格率 | ≥ | 95 | % |\n"
                    "效益指标 | 社会效益指标 | 技能提升 | 定性 | 明显 |\n", encoding="utf-8")
    filing = find_forms(read_text(path))
    (form,) = filing.forms
    assert form.kind == "project_target" and len(form.indicators) == 3
    assert form.indicators[0].level2 == "数量指标" and form.indicators[0].unit == "人次"


def test_one_labelled_row_is_not_a_form(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("成本指标 | 某成本 | ≤ | 2 | 万元 |\n其他说明文字 |\n", encoding="utf-8")
    assert not find_forms(read_text(path)).forms


_LABELS = ["产出指标", "数量指标", "成本指标", "效益指标", "社会效益指标", "满意度指标", ""]
_CELLS = ["某项", "≥", "=", "定性", "90", "%", "万元", "好", "5", ""]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_LABELS), st.lists(st.sampled_from(_CELLS), min_size=1, max_size=6)),
                min_size=1, max_size=8))
def test_rows_before_any_title_never_raise_nor_blame_the_filer(rows):
    """Property: whatever rows stand before any title, the layout reads them or doubts them;
    none of its findings is an error, and a form read so always says it was cut at its start."""
    text = "\n".join(" | ".join([label, *cells]) + " |" for label, cells in rows)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "rows.txt"
        path.write_text(text, encoding="utf-8")
        filing = find_forms(read_text(path))
    assert not [f for f in filing.findings if f.severity == "error" and f.code != "X901"]
    for form in filing.forms:
        assert any(f.code == "X902" and f.form == form.id and f.data.get("cut") == CUT_START
                   for f in filing.findings)
