"""The docx reader: body in order, merged cells once, places as table/row/column (issue 6)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from checker.readers import read
from checker.readers.docx import read_docx


def texts(doc) -> list[list[str]]:
    return [row.texts for row in doc.grids[0].rows]


@pytest.fixture
def project_document(tmp_path: Path) -> Path:
    """A project target form as a Word filer lays it out: title and unit paragraphs, a header
    table with the name merged across, an indicator table with level-1 labels merged down."""
    d = docx.Document()
    d.add_paragraph("2026年项目支出绩效目标表")
    d.add_paragraph("金额单位：万元")
    head = d.add_table(rows=2, cols=4)
    head.cell(0, 0).text = "项目名称"
    head.cell(0, 1).merge(head.cell(0, 3)).text = "各乡镇污水处理厂、站运营费"
    for c, text in enumerate(["年度本级预算金额", "137.25", "项目类别", "特定类项目"]):
        head.cell(1, c).text = text
    d.add_paragraph("")
    ind = d.add_table(rows=4, cols=4)
    for c, text in enumerate(["一级指标", "二级指标", "三级指标", "指标值"]):
        ind.cell(0, c).text = text
    ind.cell(1, 0).merge(ind.cell(3, 0)).text = "产出指标"
    ind.cell(1, 1).text, ind.cell(1, 2).text, ind.cell(1, 3).text = "数量指标", "污水处理量", "≥30万吨"
    ind.cell(2, 1).merge(ind.cell(3, 1)).text = "质量指标"
    ind.cell(2, 2).text, ind.cell(2, 3).text = "运行负荷率", "≥90%"
    ind.cell(3, 2).text, ind.cell(3, 3).text = "出水水质\n达标率", "100%"
    path = tmp_path / "project.docx"
    d.save(path)
    return path


def test_body_in_order_with_merged_cells_taken_once(project_document):
    doc = read(project_document)
    assert doc.kind == "docx" and len(doc.grids) == 1
    assert texts(doc) == [
        ["2026年项目支出绩效目标表"],
        ["金额单位：万元"],
        ["项目名称", "各乡镇污水处理厂、站运营费"],  # merged across: once, the span's other columns empty
        ["年度本级预算金额", "137.25", "项目类别", "特定类项目"],
        [],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "污水处理量", "≥30万吨"],
        ["", "质量指标", "运行负荷率", "≥90%"],  # merged down: first row only
        ["", "", "出水水质达标率", "100%"],
    ]


def test_places_name_table_row_and_grid_column(project_document):
    rows = read_docx(project_document).grids[0].rows
    title, value = rows[0].cells[0], rows[7].cells[3]
    assert (title.place.line, title.place.table) == (1, None)
    assert (value.place.table, value.place.row, value.place.col) == (2, 3, 4)
    assert value.place.short() == "table 2 row 3 col 4"
    assert rows[4].place.line == 3  # the empty paragraph between the tables is paragraph 3
    assert rows[7].raw == "\t质量指标\t运行负荷率\t≥90%"


def test_horizontal_span_keeps_later_cells_in_their_columns(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=2, cols=5)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "实施期目标"
    t.cell(0, 3).merge(t.cell(0, 4)).text = "年度目标"
    for c in range(5):
        t.cell(1, c).text = f"c{c + 1}"
    path = tmp_path / "span.docx"
    d.save(path)
    rows = read(path).grids[0].rows
    assert rows[0].texts == ["实施期目标", "", "", "年度目标"]
    assert [c.place.col for c in rows[0].cells] == [1, 2, 3, 4]
    assert rows[1].texts == ["c1", "c2", "c3", "c4", "c5"]


def test_content_controls_are_read(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "项目名称"
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>渌口区污水处理</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    t.cell(0, 1)._tc.append(sdt)
    body_sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>单位：万元</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    d.element.body.insert(0, body_sdt)
    path = tmp_path / "sdt.docx"
    d.save(path)
    assert texts(read(path)) == [["单位：万元"], ["项目名称", "渌口区污水处理"]]


def test_row_that_skips_grid_columns_stays_aligned(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "质量指标", "≥95%"
    tr_pr = parse_xml(f"<w:trPr {nsdecls('w')}><w:gridBefore w:val=\"2\"/></w:trPr>")
    t.rows[0]._tr.insert(0, tr_pr)
    path = tmp_path / "before.docx"
    d.save(path)
    row = read(path).grids[0].rows[0]
    assert row.texts == ["", "", "质量指标", "≥95%"]
    assert row.cells[3].place.col == 4


def test_document_without_tables_gives_paragraph_rows_only(tmp_path):
    d = docx.Document()
    d.add_paragraph("关于2026年部门预算的说明")
    path = tmp_path / "prose.docx"
    d.save(path)
    assert texts(read(path)) == [["关于2026年部门预算的说明"]]


CELL_TEXT = st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), max_size=10)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(CELL_TEXT, min_size=1, max_size=5), min_size=1, max_size=5))
def test_any_table_reads_back_as_written(grid):
    import tempfile

    from checker.readers.container import clean_text

    width = max(len(r) for r in grid)
    d = docx.Document()
    t = d.add_table(rows=len(grid), cols=width)
    expected = []
    for r, values in enumerate(grid):
        for c, text in enumerate(values):
            t.cell(r, c).text = text
        shown = [clean_text(v) for v in values] + [""] * (width - len(values))
        # every cell of the table's row, empty last ones too (an empty 偏差原因分析 cell is a
        # cell); a row with nothing in it is an empty row, like a blank line of text
        expected.append(shown if any(shown) else [])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "grid.docx"
        d.save(path)
        rows = read(path).grids[0].rows
    assert [r.texts for r in rows] == expected
    assert all(c.place.col == i for r in rows for i, c in enumerate(r.cells, start=1))


# --------------------------------------------------------------------------- values as Word stores them


def _indicator_row(tmp_path: Path, value_xml: str) -> list[str]:
    """An indicator row whose 指标值 cell holds the runs ``value_xml`` (as Word saved them);
    returns the row's texts as read."""
    d = docx.Document()
    t = d.add_table(rows=1, cols=4)
    for c, text in enumerate(["产出指标", "质量指标", "验收合格率"]):
        t.cell(0, c).text = text
    tc = t.cell(0, 3)._tc
    tc.remove(tc.p_lst[0])
    tc.append(parse_xml(f"<w:p {nsdecls('w')}>{value_xml}</w:p>"))
    path = tmp_path / "values.docx"
    d.save(path)
    return read_docx(path).grids[0].rows[0].texts


@pytest.mark.parametrize(
    ("value_xml", "shown"),
    [
        # ≥ inserted with 插入 › 符号 from the Symbol font
        ('<w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r><w:r><w:t>90%</w:t></w:r>', "≥90%"),
        ('<w:r><w:sym w:font="Symbol" w:char="F0A3"/><w:t>30</w:t></w:r><w:r><w:t>日</w:t></w:r>', "≤30日"),
        # from a CJK font the code is the character itself
        ('<w:r><w:sym w:font="宋体" w:char="2265"/><w:t>95%</w:t></w:r>', "≥95%"),
        ('<w:r><w:sym w:font="Wingdings" w:char="F0FE"/><w:t>是</w:t></w:r>', "☑是"),
        ('<w:r><w:sym w:font="Wingdings 2" w:char="F0E0"/><w:t>95%</w:t></w:r>', "95%"),  # a glyph we cannot name
        # a field: its code is not text, its result is
        ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> =SUM(ABOVE) </w:instrText></w:r>'
         '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1500</w:t></w:r>'
         '<w:r><w:fldChar w:fldCharType="end"/></w:r>', "1500"),
        ('<w:fldSimple w:instr=" =B2*2 "><w:r><w:t>3000</w:t></w:r></w:fldSimple>', "3000"),
        # tracked changes read as accepted
        ('<w:del w:id="1" w:author="a"><w:r><w:delText>≥80%</w:delText></w:r></w:del>'
         '<w:ins w:id="2" w:author="a"><w:r><w:t>≥90%</w:t></w:r></w:ins>', "≥90%"),
        ('<w:moveFrom w:id="3" w:author="a"><w:r><w:t>≥</w:t></w:r></w:moveFrom><w:r><w:t>90%</w:t></w:r>'
         '<w:moveTo w:id="4" w:author="a"><w:r><w:t>以上</w:t></w:r></w:moveTo>', "90%以上"),
        ('<w:r><w:t>2026</w:t><w:noBreakHyphen/><w:t>12</w:t><w:noBreakHyphen/><w:t>31</w:t></w:r>', "2026-12-31"),
    ],
)
def test_cell_values_read_as_word_shows_them(tmp_path, value_xml, shown):
    assert _indicator_row(tmp_path, value_xml) == ["产出指标", "质量指标", "验收合格率", shown]


def test_symbol_comparator_reaches_the_value_grammar(tmp_path):
    from checker.values import parse_value

    text = _indicator_row(tmp_path, '<w:r><w:sym w:font="Symbol" w:char="F0B3"/><w:t>90%</w:t></w:r>')[3]
    value = parse_value(text)
    assert (value.comparator, value.number, value.unit) == ("≥", 90, "%")


SAMPLE_DOCX = Path(__file__).parents[1] / "samples" / "shanxi_2026_projects.docx"


def test_the_body_is_the_one_python_docx_opens(project_document):
    # The reader lets python-docx open the package but parse the main part only (issue 14).
    from lxml import etree

    from checker.readers.docx import _open_body

    for path in (project_document, SAMPLE_DOCX):
        assert etree.tostring(_open_body(str(path))) == etree.tostring(docx.Document(str(path)).element.body)


def test_a_part_the_reader_does_not_use_is_not_parsed(project_document, tmp_path):
    # A damaged styles.xml (python-docx parsed it on every open, 300 KB in a Word file) leaves
    # the body readable: the form is read as it is without it.
    import zipfile

    damaged = tmp_path / "damaged_styles.docx"
    with zipfile.ZipFile(project_document) as zin, zipfile.ZipFile(damaged, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, b"<w:styles" if info.filename == "word/styles.xml" else data)
    assert texts(read_docx(damaged)) == texts(read_docx(project_document))


# --- the cell walk against the plain find()/recursion it replaced (issue 14), on generated cells

_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _old_props(tc) -> tuple[int, bool]:
    pr = tc.find(f"{_W_NS}tcPr")
    if pr is None:
        return 1, False
    span = pr.find(f"{_W_NS}gridSpan")
    try:
        grid_span = int(span.get(f"{_W_NS}val")) if span is not None else 1
    except (TypeError, ValueError):
        grid_span = 1
    merges = (pr.find(f"{_W_NS}vMerge"), pr.find(f"{_W_NS}hMerge"))
    return grid_span, any(m is not None and m.get(f"{_W_NS}val", "continue") == "continue" for m in merges)


def _old_hidden(run) -> bool:
    pr = run.find(f"{_W_NS}rPr")
    vanish = pr.find(f"{_W_NS}vanish") if pr is not None else None
    return vanish is not None and vanish.get(f"{_W_NS}val", "true") not in ("0", "false", "off")


def _old_text(el, out: list[str]) -> None:
    from checker.readers.docx import _symbol

    for child in el.iterchildren():
        tag = child.tag
        if tag == f"{_W_NS}t":
            out.append(child.text or "")
        elif tag in (f"{_W_NS}tab", f"{_W_NS}ptab"):
            out.append(" ")
        elif tag in (f"{_W_NS}br", f"{_W_NS}cr"):
            out.append("\n")
        elif tag == f"{_W_NS}sym":
            out.append(_symbol(child))
        elif tag == f"{_W_NS}noBreakHyphen":
            out.append("-")
        elif not isinstance(tag, str) or tag.endswith(("}Fallback", "}moveFrom")):
            continue
        elif tag == f"{_W_NS}r" and _old_hidden(child):
            continue
        else:
            _old_text(child, out)
            if tag == f"{_W_NS}p":
                out.append("\n")


_PROPS = st.sampled_from(['<w:gridSpan w:val="2"/>', '<w:gridSpan w:val="x"/>', "<w:gridSpan/>", "<w:vMerge/>",
                          '<w:vMerge w:val="restart"/>', '<w:hMerge w:val="continue"/>', '<w:tcW w:w="900"/>'])
_RUN_PARTS = st.sampled_from(["<w:t>指标</w:t>", "<w:t>90</w:t>", "<w:tab/>", "<w:br/>", "<w:t/>",
                              '<w:sym w:font="Symbol" w:char="F0B3"/>', "<w:rPr><w:vanish/></w:rPr>",
                              '<w:rPr><w:vanish w:val="0"/></w:rPr>', "<w:rPr><w:b/></w:rPr>", "<!-- c -->",
                              "<w:noBreakHyphen/>", "<w:cr/>", "<w:ptab/>", "<w:tab><w:t>stop</w:t></w:tab>",
                              '<w:sym w:font="Symbol" w:char="F0A3"><w:t>x</w:t></w:sym>',
                              "<w:moveFrom><w:r><w:t>moved</w:t></w:r></w:moveFrom>", "<w:bookmarkStart/>"])


@settings(max_examples=120, deadline=None)
@given(st.lists(_PROPS, max_size=4), st.booleans(),
       st.lists(st.lists(st.lists(_RUN_PARTS, max_size=4), max_size=3), max_size=3), st.booleans())
def test_cell_walk_reads_as_find_and_recursion_did(props, props_first, paragraphs, fallback):
    from checker.readers.docx import _cell_props, _text

    # a paragraph without runs is written <w:p/> (a leaf), one with runs after its w:pPr
    body = "".join("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
                   + "".join("<w:r>" + "".join(run) + "</w:r>" for run in p) + "</w:p>" if p else "<w:p/>"
                   for p in paragraphs)
    if fallback:
        body += ('<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
                 "<mc:Fallback><w:p><w:r><w:t>copy</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent>")
    pr = "<w:tcPr>" + "".join(props) + "</w:tcPr>"
    tc = parse_xml(f"<w:tc {nsdecls('w')}>" + (pr + body if props_first else body + pr) + "</w:tc>")
    assert _cell_props(tc) == _old_props(tc)
    out: list[str] = []
    _old_text(tc, out)
    assert _text(tc) == "".join(out)


_BLANKISH = st.sampled_from(["", " ", "\n  ", "\t", "x", "指标", " 90 "])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(_BLANKISH, st.sampled_from(["w:t", "w:p", "w:r", "w:tab"]), _BLANKISH, st.booleans()),
                max_size=6), _BLANKISH)
def test_the_plain_parse_is_python_docx_parse(pieces, between):
    # _open_body parses the main part with python-docx's parser settings but lxml's own element
    # classes (issue 14): the same tree, blank text between elements dropped alike.
    from lxml import etree

    from checker.readers.docx import _parse

    preserve = ' xml:space="preserve"'
    inner = between.join(f"<{tag}{preserve if keep else ''}>{text}</{tag}>{tail}" for text, tag, tail, keep in pieces)
    xml = f"<w:document {nsdecls('w')}><w:body>{between}<w:p>{inner}</w:p>{between}</w:body></w:document>"
    assert etree.tostring(_parse(xml.encode())) == etree.tostring(parse_xml(xml.encode()))


# --- a table's cells against the per-cell questions the reader asked before (issue 14): whether
# a run may be hidden and whether a table stands inside are now asked once per table

def _old_table_rows(tbl, t: int, tables: list[int]) -> list[list[str]]:
    """Texts of a table's rows and of the tables lifted out of its cells, each cell asking for
    itself (the reader before issue 14's sixth round)."""
    from checker.readers.container import clean_text
    from checker.readers.docx import _TC, _TR, _cell_props, _children, _collect, _nested_tables

    rows = []
    for tr in _children(tbl, _TR):
        texts, lifted, padding = [], [], 0
        for tc in _children(tr, _TC):
            span, continued = _cell_props(tc)
            nested = _nested_tables(tc)
            out: list[str] = []
            _collect(tc, out, nested, hidden=next(tc.iter(f"{_W_NS}vanish"), None) is not None)
            texts.append("" if continued else clean_text("".join(out)))
            padding = max(1, min(span, 64)) - 1
            texts.extend([""] * padding)
            for el in nested:
                tables[0] += 1
                lifted.extend(_old_table_rows(el, tables[0], tables))
        del texts[len(texts) - padding:]  # a span's covered columns at the row's end
        rows.append(texts if any(texts) else [])
        rows.extend(lifted)
    return rows


_TABLE_CELLS = st.sampled_from([
    "<w:p><w:r><w:t>指标</w:t></w:r></w:p>",
    "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>备注</w:t></w:r><w:r><w:t>90</w:t></w:r></w:p>",
    '<w:p><w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>95%</w:t></w:r></w:p>',
    "<w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>续</w:t></w:r></w:p>",
    '<w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>跨</w:t></w:r></w:p>',
    "<w:p/><w:tbl><w:tr><w:tc><w:p><w:r><w:t>一行</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>",
    "<w:p><w:r><w:t>左</w:t></w:r></w:p><w:tbl>"
    "<w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>乙</w:t></w:r></w:p></w:tc></w:tr>"
    "<w:tr><w:tc><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p/>",
])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(_TABLE_CELLS, min_size=1, max_size=4), min_size=1, max_size=4))
def test_a_table_reads_as_when_each_cell_asked_for_itself(rows):
    from checker.readers.docx import _table_rows

    xml = "".join("<w:tr>" + "".join(f"<w:tc>{cell}</w:tc>" for cell in row) + "</w:tr>" for row in rows)
    tbl = parse_xml(f"<w:tbl {nsdecls('w')}>{xml}</w:tbl>")
    read = [row.texts for row in _table_rows(tbl, 1, [1])]
    assert read == _old_table_rows(tbl, 1, [1])
