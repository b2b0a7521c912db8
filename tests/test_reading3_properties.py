"""Property tests for the readers of user text added for issue 9's last false findings: a report's
section heading (vocab.section_heading_end), a table of one row per project (projects.py) and a
whole form on one line (one_line.py) never raise, and say only what the text holds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout.one_line import one_line_forms
from checker.layout.projects import split_projects
from checker.layout.segment import Region
from checker.layout.vocab import section_heading_end
from checker.model import Cell, Place, Row

_WORDS = st.sampled_from(["(二)", "二、", "第三部分", "效益指标", "项目名称", "预算数", "一级指标", "三级指标",
                          "指标值", "产出指标", "数量指标", "12个", "100%", "某项目", "年度绩效目标", " ", "第", "、"])
_TEXT = st.lists(_WORDS, max_size=12).map("".join)


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.integers(min_value=0, max_value=40))
def test_a_heading_ends_after_where_it_starts(text, pos):
    end = section_heading_end(text, pos)
    assert end is None or pos < end <= len(text)


def _row(line: int, texts: list[str]) -> Row:
    return Row(cells=[Cell(t, Place(line=line, column=i + 1)) for i, t in enumerate(texts)], place=Place(line=line))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=8), max_size=8))
def test_projects_keep_every_row_and_never_raise(table):
    title = _row(1, ["项目绩效目标表"])
    rows = [title, _row(2, ["项目名称", "预算数", "一级指标", "二级指标", "三级指标", "指标值"])]
    rows += [_row(n + 3, texts) for n, texts in enumerate(table)]
    region = Region(kind="project_target", title="项目绩效目标表", title_row=title, rows=rows, year=None)
    parts = split_projects(region)
    assert parts and all(p.rows[0] is title for p in parts)
    # Nothing re-filed or lost: each cell of the table's body stands once in the parts (a field
    # cell in its label ⇥ value row, the others in their rows), apart from the title and header.
    body = [id(c) for r in rows[2:] for c in r.cells]
    placed = [id(c) for p in parts for r in p.rows if r is not title and r is not rows[1] for c in r.cells]
    assert all(placed.count(c) == 1 for c in body)


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, max_size=120))
def test_one_line_forms_never_raise(words):
    text = "某县项目支出绩效自评表 " + " ".join(words)
    findings = one_line_forms([_row(1, [text])])
    assert all(f.code == "X901" and f.place.line == 1 for f in findings)
