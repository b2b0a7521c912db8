"""Traditional characters and pinyin glosses (checker/readers/traditional.py): read simplified,
with every place on the original characters and the original text kept on the cell.

The fixture tests/fixtures/run_on/traditional_glossed.txt is invented, in the shape of a mirror
site's copy (shared/corpus 28: pipe rows, 績(jī)效目標(biāo)).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout import find_forms
from checker.readers.text import read_text, rows_from_text
from checker.readers.traditional import has_glosses, is_traditional, read_lines
from support import check_path

FIXTURE = Path(__file__).parent / "fixtures" / "run_on" / "traditional_glossed.txt"


def test_traditional_glossed_form_is_read_simplified():
    form = find_forms(read_text(FIXTURE)).forms[0]
    assert form.kind == "department_target"
    assert form.title == "示例区文化馆2025年度整体绩效目标表"
    got = [(i.level1, i.level2, i.name, i.value, i.unit) for i in form.indicators]
    assert got == [
        ("产出指标", "数量指标", "公益讲座场次", "≥24", "场"),
        ("产出指标", "质量指标", "活动安全事故数", "0", "起"),
        ("效益指标", "社会效益指标", "群众参与人次", "≥3000", "人次"),
        ("满意度指标", "服务对象满意度指标", "参与群众满意度", "≥90", "%"),
    ]
    assert form.header["department_name"].raw == "示例区文化馆"


def test_places_and_raw_text_stay_on_the_original():
    lines = FIXTURE.read_text(encoding="utf-8").split("\n")
    form = find_forms(read_text(FIXTURE)).forms[0]
    ind = form.indicators[0]
    p = ind.place
    assert lines[p.line - 1][p.column - 1:p.end_column - 1] == "公益講座場(chǎng)次"
    rows = rows_from_text(FIXTURE.read_text(encoding="utf-8"))
    cell = next(c for r in rows for c in r.cells if c.text == "公益讲座场次")
    assert cell.raw == "公益講座場(chǎng)次"
    assert rows[0].raw == lines[0]


def test_findings_name_original_places():
    for f in check_path(FIXTURE):
        if f.place.line is not None and f.place.column is not None:
            line = FIXTURE.read_text(encoding="utf-8").split("\n")[f.place.line - 1]
            assert f.place.column <= len(line) + 1


def test_simplified_text_is_never_touched():
    lines = ["项目名称 | 乾坤湾著作权保护 |", "一级指标 | 二级指标 | 三级指标 | 指标值 |", "道路长度(km) | ≥12 |"]
    assert not is_traditional(lines) and not has_glosses(lines)
    assert read_lines(lines) is None


def test_a_unit_in_brackets_is_no_gloss():
    readings = read_lines(["績(jī)效(xiào)目(mù)標(biāo)", "道路長度(km)", "面積(mu)畝"])
    assert [r.text for r in readings] == ["绩效目标", "道路长度(km)", "面积亩"]


def test_a_gloss_cut_off_at_the_line_end_is_dropped():
    readings = read_lines(["績(jī)效(xiào)目(mù)標(biāo)與項目(mù)經費", "生態(t"])
    assert readings[1].text == "生态"
    assert readings[1].column(2) == 2 and readings[1].end_column(3) == 3


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["績", "(jī)", "效", "(xiào)", "目標", "(biāo)", "表", " | ", "\n", "指標", "產出",
                                 "(chǎn)", "≥", "90", "%", "(", ")", "項目", "a", "(km)"]), max_size=80))
def test_cell_places_point_into_the_original(parts):
    text = "".join(parts)
    lines = text.split("\n")
    for row in rows_from_text(text):
        for cell in row.cells:
            p = cell.place
            assert 1 <= p.line <= len(lines)
            line = lines[p.line - 1]
            assert 1 <= p.column <= len(line) + 1
            if cell.raw is not None and p.end_line == p.line:
                assert line[p.column - 1:p.end_column - 1] == cell.raw


# The share test counts, among a text's CJK characters, those t2s changes; the count is made on
# chunks compared in C (traditional._differences). The oracle is the plain count it replaced.
_MIXED = ["績", "效", "目標", "目标", "表", "項目", "项目", "著", "乾", "a", "90", "|", "(jī)", "ā", "\t"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_MIXED), max_size=1500), st.integers(min_value=1, max_value=4))
def test_traditional_share_is_the_count_of_changed_characters(parts, n_lines):
    import re

    from checker.readers.traditional import _CJK_RUN, _TONED_GLOSS, _differences, _to_simplified

    size = -(-len(parts) // n_lines) or 1
    lines = ["".join(parts[i:i + size]) for i in range(0, len(parts), size)]
    cjk = "".join(_CJK_RUN.findall("".join(lines)))
    simplified = _to_simplified(cjk)
    changed = sum(1 for a, b in zip(cjk, simplified) if a != b)
    assert _differences(cjk, simplified) == changed
    assert is_traditional(lines) == (bool(cjk) and changed >= 5 and changed >= 0.04 * len(cjk))
    # the tone-mark test before the gloss count only skips texts the count would reject
    assert has_glosses(lines) == (sum(len(re.findall(_TONED_GLOSS, ln)) for ln in lines) >= 3)
