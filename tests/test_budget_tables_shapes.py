"""部门预算公开 shapes read since the provinces' layouts were generalised
(tests/fixtures/budget_tables/province_own_names.txt and exports of it).

province_own_names.txt: a city bureau numbering its tables 表一 … 表十二 (Chinese numbers, on a
line above each title), naming its first tables in its own words without 预算 (2026年收支总表,
2026年收入总表, 2026年支出总表), a 目录 of two lines, a 支出总表 printing its 合计 column after
基本支出 | 项目支出, a “三公” table of 上年预算数 | 本年预算数 | 增减额 | 增减率（%）, a 政府采购预算表
(quantities, unit prices, 品目 codes) and a 国有资产占用情况表 (vehicles and equipment counted,
not money). Everything adds up: no finding.

The same disclosure as PDF text, every cell its own line: a table whose rows all have every
amount written (``-`` for an empty one) is rebuilt from its header; one that dropped its empty
cells cannot be, which is one X902 for the disclosure.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from checker.layout import find_forms
from checker.layout.budget_tables import parse_budget_tables
from checker.layout.segment import split_regions
from checker.model import Place
from checker.readers import read
from checker.readers.text import rows_from_text

from support import check_path, full_pack

HERE = Path(__file__).parent / "fixtures" / "budget_tables"
OWN = HERE / "province_own_names.txt"


_pack = full_pack
_check = check_path


def _budget_form(path: Path):
    filing = find_forms(read(str(path)))
    forms = [f for f in filing.forms if f.kind == "budget_table"]
    assert len(forms) == 1
    return forms[0], filing.findings


def _edited(tmp_path: Path, old: str, new: str, text: str | None = None) -> Path:
    text = OWN.read_text(encoding="utf-8") if text is None else text
    assert text.count(old) == 1, old
    path = tmp_path / "edited.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _parse(text: str):
    rows = rows_from_text("x\n" + text)
    return parse_budget_tables(rows[1:], form_id="t#1", title="x", title_place=Place(line=1), year=2026)


# --------------------------------------------------------------------------- the province's own names


def test_own_names_and_chinese_numbers_are_all_read():
    form, findings = _budget_form(OWN)
    assert findings == []
    assert [(t.number, t.title) for t in form.tables][:4] == [
        (1, "2026年收支总表"), (2, "2026年收入总表"), (3, "2026年支出总表"), (4, "2026年财政拨款收支总表")]
    assert [t.number for t in form.tables] == list(range(1, 12))  # 表一 … 表十一; 表十二 holds no money
    assert form.tables[2].columns == ["科目编码", "科目名称", "基本支出", "项目支出", "合计"]
    assert [_check(OWN)] == [[]]


def test_a_disclosure_starting_with_titles_without_budget_keeps_its_first_tables(tmp_path):
    # Without the heading 第二部分 2026年部门预算表 the disclosure begins at 2026年收支总表 (no 预算 in it).
    path = _edited(tmp_path, "第二部分 2026年部门预算表\n", "")
    form, findings = _budget_form(path)
    assert findings == []
    assert [(t.number, t.title) for t in form.tables][:3] == [(1, "2026年收支总表"), (2, "2026年收入总表"), (3, "2026年支出总表")]
    assert len(form.tables) == 11
    path = _edited(tmp_path, "2110199\t其他环境保护管理事务支出\t\t300.00\t300.00",
                   "2110199\t其他环境保护管理事务支出\t\t300.00\t310.00", path.read_text(encoding="utf-8"))
    found = [(f.data["table"], f.data["row"], f.data["actual"], f.data["expected"]) for f in _check(path) if f.code == "B501"]
    assert ("表3 2026年支出总表", "其他环境保护管理事务支出", "310.00", "300.00") in found  # 表三 is checked


def test_titles_of_other_documents_start_no_disclosure():
    text = ("某局2025年度部门决算\n2025年收入支出决算总表\n项目\t决算数\n合计\t10.00\n"
            "2026年收支总表\n项目\t预算数\n合计\t10.00\n\n"
            "项目支出绩效目标表\n项目名称\t某项目\n一级指标\t二级指标\t三级指标\t指标值\n"
            "产出指标\t数量指标\t培训人次\t≥100人次\n"
            "2026年一般公共预算支出表\n科目编码\t科目名称\t合计\n合计\t\t10.00\n")
    _, regions = split_regions(rows_from_text(text))
    # 决算 starts nothing; 2026年收支总表 has a target form (its indicator table) before any budget table
    assert [(r.kind, r.title) for r in regions] == [("project_target", "项目支出绩效目标表"),
                                                    ("budget_table", "2026年一般公共预算支出表")]


def test_a_title_without_budget_alone_is_no_disclosure():
    _, regions = split_regions(rows_from_text("2026年收支总表\n项目\t金额\n合计\t10.00\n"))
    assert regions == []


# --------------------------------------------------------------------------- 合计 after its parts


def test_a_total_column_after_its_parts_is_checked(tmp_path):
    path = _edited(tmp_path, "合计\t\t660.00\t400.00\t1,060.00", "合计\t\t660.00\t400.00\t1,070.00")
    found = sorted((f.data["row"], f.data["column"], f.data["actual"], f.data["expected"], f.place.line)
                   for f in _check(path) if f.code == "B501" and f.data["table"] == "表3 2026年支出总表")
    assert found == [("合计", "合计", "1070.00", "1060.00", 49), ("合计", "合计", "1070.00", "1060.00", 49)]  # = 基本 + 项目, = Σ 类


def test_a_three_public_row_with_its_total_last():
    form, _ = _parse("2026年“三公”经费支出预算表\n单位：万元\n因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\t合计\n"
                     "\t小计\t公务用车购置费\t公务用车运行费\t\t\n0.00\t8.00\t\t8.00\t2.00\t11.00\n")
    from checker.rules.kinds.budget_sums import table_sums

    hits = list(table_sums(None, form, None))
    assert [(h.data["column"], h.data["actual"], h.data["expected"]) for h in hits] == [("合计", "11.00", "10.00")]


# --------------------------------------------------------------------------- “三公” 上年 | 本年 | 增减


def test_three_public_change_columns_are_checked(tmp_path):
    path = _edited(tmp_path, "公务接待费\t3.00\t2.00\t-1.00\t-33.33", "公务接待费\t3.00\t2.00\t-1.50\t-33.33")
    found = [(f.data["row"], f.data["column"], f.data["actual"], f.data["expected"]) for f in _check(path) if f.code == "B501"]
    assert ("公务接待费", "增减额", "-1.50", "-1.00") in found
    assert all(column != "增减率(%)" for _, column, _, _ in found)  # the rate agrees with the change over 上年


# --------------------------------------------------------------------------- 政府采购, 国有资产


def test_procurement_and_assets_are_not_summed_as_money(tmp_path):
    form, _ = _budget_form(OWN)
    procurement = form.tables[10]
    assert procurement.title == "2026年政府采购预算表"
    assert all("车辆" not in c for t in form.tables for c in t.columns)  # the 国有资产占用情况表 is no budget table
    # Vehicle counts that do not add up are no money error of the disclosure.
    path = _edited(tmp_path, "部门合计\t5\t\t1\t3\t1\t\t2", "部门合计\t6\t\t1\t3\t1\t\t2")
    assert [f for f in _check(path) if f.code.startswith("B")] == []
    # The procurement's quantities and unit prices never add up; its 合计 does.
    path = _edited(tmp_path, "合计\t\t\t\t\t55.00\t55.00", "合计\t\t\t\t\t56.00\t55.00")
    found = [(f.data["row"], f.data["column"], f.data["expected"]) for f in _check(path) if f.code == "B501"]
    assert found == [("合计", "合计", "55.00"), ("合计", "合计", "55.00")]


# --------------------------------------------------------------------------- 目录


def test_a_list_of_two_tables_is_no_table():
    tables = ("2026年部门收支总表\n单位：万元\n项目\t预算数\n合计\t1.00\n"
              "2026年部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\n合计\t\t1.00\n")
    for toc in ["目录\n一、部门收支总表\n二、部门支出总表\n",  # under 目录, named otherwise
                "一、2026年部门收支总表\n二、2026年部门支出总表\n",  # no 目录 line: the same titles follow
                "目 录\n收入总表\n"]:
        form, findings = _parse(toc + "\n" + tables)
        assert findings == [], toc
        assert [(t.number, t.title) for t in form.tables] == [(1, "2026年部门收支总表"), (2, "2026年部门支出总表")]


def test_two_empty_tables_are_still_reported():
    form, findings = _parse("2026年政府性基金预算支出表\n2026年国有资本经营预算支出表\n\n"
                            "2026年部门支出总表\n科目编码\t科目名称\t合计\n合计\t\t1.00\n")
    assert [(f.code, f.data["table"]) for f in findings] == [
        ("X902", "2026年政府性基金预算支出表"), ("X902", "2026年国有资本经营预算支出表")]


# --------------------------------------------------------------------------- one cell per line (PDF text)

_NUMBER = re.compile(r"^-?[\d,]+(?:\.\d+)?$")


def _pdf_text(text: str, *, dashes: bool) -> str:
    """A disclosure as PDF text: every cell of a table row on a line of its own. With ``dashes``
    the export writes ``-`` in an empty amount cell; without, an empty cell leaves no line."""
    out = []
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) == 1:
            out.append(line)
        elif "单位：" in line or "部门：" in line:
            out.append("    ".join(c for c in cells if c))
        else:
            last_label = max([i for i, c in enumerate(cells) if c and not _NUMBER.match(c)], default=-1)
            out += [c or "-" for i, c in enumerate(cells) if c or (dashes and i > last_label)]
    return "\n".join(out) + "\n"


def test_one_cell_per_line_with_every_amount_written_is_rebuilt(tmp_path):
    path = tmp_path / "pdf.txt"
    path.write_text(_pdf_text(OWN.read_text(encoding="utf-8"), dashes=True), encoding="utf-8")
    form, findings = _budget_form(path)
    tab_form, _ = _budget_form(OWN)
    read_back = {t.number: t for t in form.tables if t.rows}
    for n in (2, 5, 6, 7):  # 收入总表, 一般公共预算支出表, 基本支出表, “三公”
        assert read_back[n].columns == tab_form.tables[n - 1].columns
        assert [["" if c.text == "-" else c.text for c in r] for r in read_back[n].rows] == [
            [c.text for c in r] for r in tab_form.tables[n - 1].rows], n
    # The side-by-side 收支总表 and rows whose labels hold a dash are not rebuilt: one doubt for all.
    assert [f.code for f in findings] == ["X902"]
    assert "表1 2026年收支总表" in findings[0].message["zh"]
    assert "表5" not in findings[0].message["zh"]
    assert [f for f in _check(path) if f.code.startswith("B")] == []


def test_one_cell_per_line_errors_are_found_in_the_rebuilt_rows(tmp_path):
    # 表六: 差旅费 typed 24.00 for 20.00 — 302 商品和服务支出 (90.00) no longer rolls up, as in the tab export.
    text = OWN.read_text(encoding="utf-8").replace("30211\t差旅费\t20.00\t\t20.00", "30211\t差旅费\t24.00\t\t24.00")
    tab, pdf = tmp_path / "tab.txt", tmp_path / "pdf.txt"
    tab.write_text(text, encoding="utf-8")
    pdf.write_text(_pdf_text(text, dashes=True), encoding="utf-8")

    def money(path):
        return [(f.code, f.data["code"], f.data["column"], f.data["actual"], f.data["expected"])
                for f in _check(path) if f.code.startswith("B")]

    assert money(pdf) == money(tab) == [("B502", "302", "合计", "90.00", "94.00"), ("B502", "302", "公用经费", "90.00", "94.00")]
    line = next(f for f in _check(pdf) if f.code == "B502").place.line
    assert pdf.read_text(encoding="utf-8").splitlines()[line - 1] == "90.00"  # the line of the figure


def test_one_cell_per_line_without_empty_cells_is_one_doubt(tmp_path):
    path = tmp_path / "pdf.txt"
    path.write_text(_pdf_text(OWN.read_text(encoding="utf-8"), dashes=False), encoding="utf-8")
    form, findings = _budget_form(path)
    assert [f.code for f in findings] == ["X902"]  # one for the disclosure, not one per table
    assert len(findings[0].data["tables"]) >= 7
    assert [f for f in _check(path) if f.code.startswith("B")] == []  # nothing misread as an error
    assert [f.code for f in _check(path) if f.code.startswith("X9")] == ["X902"]


def test_the_text_under_a_table_exported_one_cell_per_line_stays_text():
    form, findings = _parse("2026年项目支出表\n单位：万元\n项目名称\n合计\n一般公共预算\n合计\n400.00\n400.00\n"
                            "生态环境保护宣传\n100.00\n100.00\n大气污染防治监测\n300.00\n300.00\n"
                            "注：本表不含上年结转资金。\n")
    assert findings == []
    (table,) = form.tables
    assert table.columns == ["项目名称", "合计", "一般公共预算"]
    assert [[c.text for c in r] for r in table.rows] == [
        ["合计", "400.00", "400.00"], ["生态环境保护宣传", "100.00", "100.00"], ["大气污染防治监测", "300.00", "300.00"]]
    assert [r.cells[0].text for r in form.paragraphs] == ["注：本表不含上年结转资金。"]


_AMOUNT = st.one_of(st.just("-"), st.decimals(min_value=0, max_value=99999, places=2).map(lambda d: f"{d:,.2f}"))
_NAME = st.sampled_from(["社会保障和就业支出", "行政运行", "机关事业单位基本养老保险缴费支出", "其他支出", "住房公积金"])
_CODE = st.sampled_from(["208", "20805", "2080505", "211", "2110101", "221"])


@given(st.integers(1, 4), st.lists(st.tuples(_CODE, _NAME), min_size=1, max_size=8), st.data())
def test_full_rows_one_cell_per_line_come_back_as_written(width, labels, data):
    """Any coded table whose every amount is written (``-`` for none), exported one cell per line,
    is read back cell for cell."""
    names = ["科目编码", "科目名称", "合计", "基本支出", "项目支出", "其他"][: 2 + width]
    rows = [[code, name] + data.draw(st.lists(_AMOUNT, min_size=width, max_size=width)) for code, name in labels]
    lines = names + [c for r in rows for c in r]
    form, findings = _parse("2026年部门支出总表\n单位：万元\n" + "\n".join(lines) + "\n")
    (table,) = form.tables
    assert findings == []
    assert table.columns == names
    assert [[c.text for c in r] for r in table.rows] == rows


@given(st.lists(st.one_of(_AMOUNT, _CODE, _NAME, st.sampled_from(["合计", "项目", "注：说明。", "- 3 -", "3"])), max_size=30))
def test_any_lines_under_a_header_are_rebuilt_whole_or_doubted(lines):
    """Whatever lines follow a header exported one cell per line: each rebuilt row has one cell a
    column, its texts are the lines in their order (nothing invented, nothing moved), or the
    table is left unread with an X902."""
    form, findings = _parse("2026年部门支出总表\n科目编码\n科目名称\n合计\n" + "\n".join(lines) + "\n")
    assert all(f.code == "X902" for f in findings)
    (table,) = form.tables
    for r in table.rows:
        assert len(r) == len(table.columns)
    written = [c.text for r in table.rows for c in r if c.text]
    it = iter(["科目编码", "科目名称", "合计"] + lines)
    assert all(any(w == x or x.startswith(w) or w.startswith(x) for x in it) for w in written)


def test_one_cell_per_line_over_two_pages_is_one_table():
    # The title, the header and its column numbers printed again over the next page.
    page = "2026年一般公共预算支出表\n科目编码\n科目名称\n合计\n基本支出\n项目支出\n1\n2\n3\n4\n5\n"
    form, findings = _parse(
        "2026年一般公共预算支出表\n单位：万元\n" + page[len("2026年一般公共预算支出表\n"):]
        + "合计\n1,060.00\n660.00\n400.00\n208\n社会保障和就业支出\n120.00\n120.00\n-\n"
        + "- 7 -\n" + page
        + "211\n节能环保支出\n880.00\n480.00\n400.00\n221\n住房保障支出\n60.00\n60.00\n-\n")
    assert findings == []
    (table,) = form.tables
    assert table.columns == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    assert [r[0].text or r[1].text for r in table.rows] == ["合计", "208", "211", "221"]
    from checker.rules.kinds.budget_sums import table_sums

    assert list(table_sums(None, form, None)) == []


def test_one_cell_per_line_with_the_code_before_the_name():
    form, findings = _parse("2026年部门支出总表\n单位：万元\n科目编码\n科目名称\n合计\n合计\n130.00\n"
                            "208 社会保障和就业支出\n120.00\n221 住房保障支出\n10.00\n")
    assert findings == []
    assert [[c.text for c in r] for r in form.tables[0].rows] == [
        ["", "合计", "130.00"], ["208", "社会保障和就业支出", "120.00"], ["221", "住房保障支出", "10.00"]]


def test_one_cell_per_line_rows_after_a_sentence_are_not_cut_off():
    # A project's name with a colon in it ends nothing silently: the table is read whole or not at all.
    form, findings = _parse("2026年项目支出表\n单位：万元\n项目名称\n合计\n合计\n400.00\n"
                            "城乡环境综合整治：农村人居环境改善提升工程\n100.00\n大气污染防治监测\n300.00\n")
    assert [f.code for f in findings] == ["X902"]
    assert form.tables[0].rows == []
    from checker.rules.kinds.budget_sums import table_sums

    assert list(table_sums(None, form, None)) == []  # no 合计 against a part of its rows
