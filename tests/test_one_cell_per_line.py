"""Target forms exported one cell per line (a Word table saved as text, or PDF text; seeds 001
and 002 are self-evaluations like that) must give the findings their tab export gives.

Each tab fixture of tests/fixtures/provinces/ (project target forms of several provinces, the
central template, department target forms) is re-exported as Word really writes it: a blank
line, then each cell of a row on a line led by a tab, an empty merged cell as a bare tab; a
paragraph inside a cell (目标1：…。目标2：…, a header label over （万元）) on a line of its own
without a tab; a level-1 label written vertically one character a paragraph; titles and the
填报人 line as plain lines between blank lines. The findings must be the same apart from where
they point (line numbers differ).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.layout import find_forms
from checker.readers import read
from checker.readers.text import detect_mode

from support import check_path

HERE = Path(__file__).parent / "fixtures" / "provinces"
FIXTURES = sorted(p.name for p in HERE.glob("*.txt"))
# Two forms as filers write them, with goals of several sentences and a 职责概述 of numbered items
# (the tab export; the tests re-export them one cell per line)
OWN = Path(__file__).parent / "fixtures" / "one_cell_per_line"
PROJECT = OWN / "project_target_tab.txt"  # 项目支出绩效目标表
DEPARTMENT = OWN / "department_target_tab.txt"  # 部门整体支出绩效目标表

# A header label Word wraps before its unit: 年度预算申请（万元） is two paragraphs in the cell.
_UNIT_LABEL = re.compile(r"^(.{2,}?)(（(?:万元|元)）)$")
# A sentence inside a long cell ends a paragraph when more text follows it.
_SENTENCE = re.compile(r"(?<=[。；;])(?=\S)")
_LEVEL1 = re.compile(r"^(产出|效益|成本|满意度)指标$")


def _paragraphs(cell: str, vertical: bool) -> list[str]:
    """The paragraphs Word writes for one cell's text."""
    if vertical and _LEVEL1.match(cell):
        return list(cell)  # 产/出/指/标: a narrow column typed one character a line
    m = _UNIT_LABEL.match(cell)
    if m:
        return [m.group(1), m.group(2)]
    return [p for p in _SENTENCE.split(cell) if p] or [cell]


def _row_label(cell: str) -> list[str]:
    """A long row label typed in two halves with an empty paragraph between (seed 001:
    部门整体支出 / 年度绩效指标 over the indicator table; 部门职能 / 职责概述)."""
    if len(cell) < 6 or re.search(r"[0-9（(：:]", cell):
        return [cell]
    half = len(cell) // 2
    return [cell[:half], "", cell[half:]]


def one_cell_per_line(text: str, *, paragraphs: bool = True, vertical: bool = False, word: bool = False) -> str:
    """A tab-separated form re-exported one cell per line (see module doc). ``paragraphs``
    splits a cell's sentences and unit labels onto lines of their own; ``vertical`` writes the
    level-1 labels one character a line; ``word`` adds what Word's export adds besides: a long
    row label in two halves around an empty paragraph, a label centred down its cell by an
    empty first paragraph, indents of spaces and full-width spaces before a cell's text, an empty
    paragraph between the paragraphs of a long text, and no empty cells after a cell merged
    across to the row's end (Word's table has one cell there)."""
    out: list[str] = []
    for line in text.splitlines():
        out.append("")
        if "\t" not in line:
            out.append(line)
            continue
        cells = line.split("\t")
        while word and len(cells) > 1 and not cells[-1]:
            cells.pop()  # merged across to the row's end: one cell in Word's table, no empty ones
        for i, cell in enumerate(cells):
            parts = _paragraphs(cell, vertical) if paragraphs and cell else [cell]
            if word and cell:
                parts = _word_paragraphs(parts, first=i == 0, last=i == len(cells) - 1)
            out.append("\t" + parts[0])
            out += parts[1:]
    return "\n".join(out) + "\n"


def _word_paragraphs(parts: list[str], first: bool, last: bool) -> list[str]:
    """One cell's paragraphs as Word lays them out (see ``one_cell_per_line``)."""
    if first and len(parts) == 1 and not last and len(_row_label(parts[0])) > 1:
        return _row_label(parts[0])
    if _LEVEL1.match(parts[0]) and len(parts) == 1:
        return ["", parts[0]]  # 产出指标 centred down a merged cell
    if len(parts) > 1 and all(len(p) > 6 for p in parts):  # goals: an empty line between paragraphs
        parts = [q for p in parts for q in (p, "")][:-1]
    if first:
        return parts
    return ["　　" + parts[0] if len(parts[0]) > 12 else "  " + parts[0]] + parts[1:]


def _findings(path: Path) -> list[tuple]:
    """Every finding of a full check without its place: (code, severity, form number, message)."""
    return sorted((f.code, f.severity, (f.form or "").rsplit("#", 1)[-1], f.message.get("en", "")) for f in check_path(path))


def _forms(path: Path) -> list[tuple]:
    """What the layout read: per form its kind, header texts and indicator rows."""
    filing = find_forms(read(str(path)))
    return [
        (form.kind, sorted((k, f.raw) for k, f in form.header.items()),
         [(i.level1, i.level2, i.name, i.value, i.unit, i.value_type) for i in form.indicators])
        for form in filing.forms
    ]


def _exported(tmp_path: Path, name: str | Path, **how) -> Path:
    source = HERE / name  # an absolute Path stays itself
    path = tmp_path / source.name.replace(".txt", "_cpl.txt")
    path.write_text(one_cell_per_line(source.read_text(encoding="utf-8"), **how), encoding="utf-8")
    return path


def test_the_export_is_one_cell_per_line_as_the_seeds_are(tmp_path):
    for name in (PROJECT, DEPARTMENT):
        lines = _exported(tmp_path, name, vertical=True, word=True).read_text(encoding="utf-8").splitlines()
        assert detect_mode(lines) == "cell_per_line"
        assert all(line.count("\t") <= 1 for line in lines)
    text = _exported(tmp_path, DEPARTMENT, vertical=True, word=True).read_text(encoding="utf-8")
    assert "\t年度预算情况\n（万元）\n" in text and "\t产\n出\n指\n标\n" in text
    assert "\t年度绩\n\n效目标\n" in text  # a row label in two halves (seed 001's shape)
    assert "出水水质达标。\n\n二、完成年度" in text  # the goal's paragraphs, an empty one between
    assert "\t  某县住房和城乡建设局\n\n" in text  # merged across the row: no empty cells after it


@pytest.mark.parametrize("how", [{}, {"word": True}, {"word": True, "vertical": True}],
                         ids=["paragraphs", "word", "word-vertical-labels"])
@pytest.mark.parametrize("name", [PROJECT, DEPARTMENT], ids=["project", "department"])
def test_target_form_one_cell_per_line_reads_as_its_tab_export(tmp_path, name, how):
    path = _exported(tmp_path, name, **how)
    assert _forms(path) == _forms(name)
    assert _findings(path) == _findings(name)


def test_the_forms_are_read_whole(tmp_path):
    """What the comparison stands on: both forms are read with every header field and row."""
    (project,) = _forms(_exported(tmp_path, PROJECT, word=True))
    assert project[0] == "project_target" and len(project[2]) == 8
    assert dict(project[1])["annual_goal"].endswith("工程长效运行。")
    (department,) = _forms(_exported(tmp_path, DEPARTMENT, word=True))
    assert department[0] == "department_target" and len(department[2]) == 7
    assert dict(department[1])["annual_goal"].endswith("保障群众住房安全。")
    # 单处工程平均投资 ≤105 万元 is a unit cost, not summed against the budget: no M303.
    assert [c for c, *_ in _findings(_exported(tmp_path, PROJECT, word=True))] == []


@pytest.mark.parametrize("name", FIXTURES)
def test_every_province_form_one_cell_per_line_gives_the_same_findings(tmp_path, name):
    path = _exported(tmp_path, name)
    assert _findings(path) == _findings(HERE / name)
    assert _forms(path) == _forms(HERE / name)


@pytest.mark.parametrize("name", FIXTURES)
def test_every_province_form_as_word_lays_it_out_gives_the_same_findings(tmp_path, name):
    path = _exported(tmp_path, name, word=True)
    assert _findings(path) == _findings(HERE / name)
    assert _forms(path) == _forms(HERE / name)


@pytest.mark.parametrize("name", FIXTURES)
def test_the_plain_export_gives_the_same_findings(tmp_path, name):
    # one paragraph a cell: the shape the other layout tests use
    path = _exported(tmp_path, name, paragraphs=False)
    assert _findings(path) == _findings(HERE / name)


def _rows(text: str) -> list[list[str]]:
    from checker.readers.text import rows_from_text

    return [row.texts for row in rows_from_text(text) if row.cells]


def test_list_items_after_empty_paragraphs_stay_in_the_last_cell():
    text = ("\n\t部门名称\n\t某县教育局\n"
            "\n\t年度绩效目标\n\t（一）保障义务教育学校正常运转。\n\n（二）开展教师培训1500人次，提高教学质量。\n"
            "\n（三）学生家长满意度达到90%以上。\n"
            "\n\t一级指标\n\t二级指标\n")
    assert _rows(text) == [
        ["部门名称", "某县教育局"],
        ["年度绩效目标", "（一）保障义务教育学校正常运转。（二）开展教师培训1500人次，提高教学质量。（三）学生家长满意度达到90%以上。"],
        ["一级指标", "二级指标"],
    ]


@pytest.mark.parametrize("after", [
    "二、项目支出绩效目标表",  # the next form's title, numbered as a section
    "二、绩效指标",  # a short section heading
    "三、完成年度农村危房改造任务，保障群众住房安全。",  # not the next number
    "2. 开展教师培训，提高教学质量。",  # another list style
])
def test_a_numbered_paragraph_that_is_no_next_item_stays_a_paragraph(after):
    text = f"\n\t年度绩效目标\n\t一、保障义务教育学校正常运转。\n\n{after}\n\n\t一级指标\n\t二级指标\n"
    assert _rows(text) == [["年度绩效目标", "一、保障义务教育学校正常运转。"], [after], ["一级指标", "二级指标"]]


BUDGET = Path(__file__).parent / "fixtures" / "budget_tables"


@pytest.mark.parametrize("name", ["province_own_names.txt", "county_yuan_pages.txt", "district_code_in_name.txt"])
def test_budget_tables_exported_by_word_give_the_tab_exports_findings(tmp_path, name):
    # A table's number (表2, 表四) is a paragraph of its own between two tables: the short-piece
    # rule for vertical labels glued it to the amount above (1,060.00表四) and the sums broke.
    path = _exported(tmp_path, BUDGET / name, word=True)
    assert _findings(path) == _findings(BUDGET / name)
