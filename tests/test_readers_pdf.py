"""The PDF reader (issue 13): published PDFs of the sample forms give the findings of their text,
each at its page, table, row and column; PDFs that cannot be read say why in one line (exit 2)
and never hang.

samples/<stem>.pdf and tests/fixtures/pdf/* are built by samples/build_pdf.py (reportlab, the
CID font STSong-Light); the .xls beside them too.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("pdfplumber", reason="pdfplumber is not installed")

from checker.cli.main import main as _main  # noqa: E402
from checker.errors import InputError  # noqa: E402
from checker.model import Place  # noqa: E402
from checker.readers import pdf as pdf_reader  # noqa: E402
from checker.readers import pdf_limits  # noqa: E402
from checker.readers import read  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
STEMS = ["hunan_2026_targets", "shanxi_2026_projects"]

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_readers_samples import without_places  # noqa: E402


@pytest.fixture(scope="module")
def pack():
    from checker.rules import load_pack

    return load_pack()


def main(argv: list[str]) -> int:
    """The console script's exit code for ``argv``."""
    with pytest.raises(SystemExit) as info:
        _main(argv)
    return info.value.code


def check(path: Path, pack):
    from checker import pipeline

    result = pipeline.check_file(str(path), pack, pipeline.CheckOptions())
    assert result.error is None, result.error
    return result


# --------------------------------------------------------------------------- the samples


def test_committed_samples_are_what_the_script_builds(tmp_path):
    pytest.importorskip("reportlab", reason="rebuilding needs the samples extra")
    pytest.importorskip("xlwt", reason="rebuilding needs the samples extra")
    sys.path.insert(0, str(SAMPLES))
    try:
        import build_pdf
    finally:
        sys.path.remove(str(SAMPLES))
    if not build_pdf.EMBEDDED_FILE.exists():
        pytest.skip("rebuilding needs the font package fonts-wqy-microhei")
    fixtures = tmp_path / "fixtures" / "pdf"
    build_pdf.build(tmp_path, fixtures)
    for stem in STEMS:
        for ext in ("pdf", "xls"):
            fresh, committed = read(tmp_path / f"{stem}.{ext}"), read(SAMPLES / f"{stem}.{ext}")
            assert [[(c.text, c.place) for c in r.cells] for g in fresh.grids for r in g.rows] == [
                [(c.text, c.place) for c in r.cells] for g in committed.grids for r in g.rows]
    for name in ("scanned.pdf", "no_tounicode.pdf", "identity_h.pdf", "encrypted.pdf"):
        assert (fixtures / name).read_bytes() == (FIXTURES / name).read_bytes(), name


# --------------------------------------------------------------------------- same findings


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("ext", ["pdf", "xls"])
def test_pdf_and_xls_give_the_findings_of_the_text(stem, ext, pack):
    text = check(SAMPLES / f"{stem}.txt", pack)
    assert text.forms and text.findings
    other = check(SAMPLES / f"{stem}.{ext}", pack)
    assert [f.kind for f in other.forms] == [f.kind for f in text.forms]
    assert without_places(other) == without_places(text)


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_findings_point_at_page_table_row_and_column(stem, pack):
    findings = check(SAMPLES / f"{stem}.pdf", pack).findings
    placed = [f for f in findings if f.place.page is not None]
    assert placed, "every sample has findings on indicator cells"
    for f in placed:
        assert f.place.sheet is None and f.place.cell is None
        if f.place.table is not None:
            assert f.place.row and f.place.col and f.place.box, (f.code, f.place)
            x0, top, x1, bottom = f.place.box
            assert 0 <= x0 < x1 <= 842 and 0 <= top < bottom <= 596


def test_place_wording_and_json():
    place = Place(page=3, table=1, row=7, col=4, box=(10.0, 20.0, 30.0, 40.0))
    assert place.short("zh") == "第3页 表1 第7行 第4列"
    assert place.short() == "page 3 table 1 row 7 col 4"
    assert Place(page=2, line=5).short("zh") == "第2页 第5行"
    d = place.to_dict()
    assert d["page"] == 3 and d["box"] == [10.0, 20.0, 30.0, 40.0] and d["table"] == 1
    assert "page" not in Place(line=1).to_dict() and "box" not in Place(sheet="S", cell="A1").to_dict()


def test_the_zh_report_prints_pdf_places(capsys):
    code = main(["check", str(SAMPLES / "hunan_2026_targets.pdf"), "--lang", "zh"])
    out = capsys.readouterr().out
    assert code == 1 and "第1页 表2 第" in out


# --------------------------------------------------------------------------- cells


def grid_rows(path: Path):
    doc = read(path)
    assert doc.kind == "pdf" and len(doc.grids) == 1
    return doc.grids[0].rows


def test_merged_labels_are_given_to_their_first_row_and_wrapped_text_is_joined():
    rows = grid_rows(SAMPLES / "hunan_2026_targets.pdf")
    texts = [r.texts for r in rows]
    cost = texts.index(["成本指标", "经济成本指标", "年初预算数", "=", "3531.93", "万元", "年初预算安排数", ""])
    assert texts[cost + 1][:2] == ["", "社会成本指标"]  # 成本指标 merged down: empty below
    goal = next(t for t in texts if t and t[0] == "年度履职目标")
    assert "以改革创新为动力" in goal[1] and "\n" not in goal[1]  # wrapped over two lines in the cell
    # a header value merged across the row ends the row: no covered cells after it
    assert texts[texts.index(["部门（单位）名称", "株洲市渌口区住房和城乡建设局"])]


def test_a_table_over_a_page_break_is_one_table_without_its_repeated_header():
    rows = grid_rows(SAMPLES / "shanxi_2026_projects.pdf")
    places = [r.place for r in rows]
    # page 1 ends inside the first form's table; page 2 repeats its first row (项目名称 …)
    last_on_1 = max(i for i, p in enumerate(places) if p.page == 1 and p.table == 1)
    nxt = places[last_on_1 + 1]
    assert (nxt.page, nxt.table, nxt.row) == (2, 1, 2)  # row 1 (the repeated header) dropped
    assert sum(1 for r in rows if r.texts[:1] == ["项目名称"]) == 2  # one per form, no repeat
    # the page's text lines (a watermark line) do not cut the table: they follow it
    assert all(p.table is not None for p in places[last_on_1 - 3 : last_on_1 + 4])


def test_text_outside_tables_is_lines_with_their_page_and_box():
    rows = grid_rows(SAMPLES / "hunan_2026_targets.pdf")
    title = rows[0]
    assert title.texts == ["2026年部门整体支出绩效目标表"]
    assert title.place.page == 1 and title.place.line == 1 and title.place.table is None
    assert title.cells[0].place.box and title.cells[0].place.box[1] < 100


# --------------------------------------------------------------------------- what cannot be read


def one_line_exit_2(path: Path, capsys, *words: str) -> str:
    code = main(["check", str(path), "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 2
    assert "Traceback" not in out
    with pytest.raises(InputError) as info:
        read(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message
    for word in words:
        assert word in message, message
    return message


def test_a_scan_says_it_has_no_text_layer_and_what_to_do(capsys):
    one_line_exit_2(FIXTURES / "scanned.pdf", capsys, "no text layer", "OCR")


@pytest.mark.parametrize("name", ["no_tounicode.pdf", "identity_h.pdf"])
def test_a_font_without_tounicode_is_reported_not_checked(capsys, name):
    # a subset font with its map unlinked ((cid:N), Windows-1252 symbols), and a CID font read
    # through the wrong CMap (CIDs taken for characters: rare ideographs)
    one_line_exit_2(FIXTURES / name, capsys, "ToUnicode", "cannot be decoded")


def test_an_encrypted_pdf_is_worded_as_an_encrypted_workbook(capsys):
    one_line_exit_2(FIXTURES / "encrypted.pdf", capsys, "password-protected", "save it without a password")


@pytest.mark.parametrize("share", [0.3, 0.6, 0.95])
def test_a_truncated_pdf(tmp_path, capsys, share):
    data = (SAMPLES / "shanxi_2026_projects.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * share)])
    one_line_exit_2(path, capsys, "truncated")


def test_a_damaged_page_is_an_x901_at_that_page_and_the_others_are_read(tmp_path):
    import re

    data = bytearray((SAMPLES / "hunan_2026_targets.pdf").read_bytes())
    start = [m.end() for m in re.finditer(rb"\bstream\r?\n", data)]
    spans = sorted(((a, data.index(b"endstream", a)) for a in start), key=lambda s: s[0] - s[1])
    a, b = spans[0]  # the longest stream: page 1's content
    data[(a + b) // 2 : (a + b) // 2 + 4] = b"\x00\x01\x02\x03"
    path = tmp_path / "page_damaged.pdf"
    path.write_bytes(bytes(data))
    doc = read(path)
    assert [(f.code, f.place.page) for f in doc.findings] == [("X901", 1)]
    assert "damaged" in doc.findings[0].message["en"]
    assert {r.place.page for r in doc.grids[0].rows} == {2, 3}


def minimal_pdf(pages_obj: bytes, extra: bytes = b"") -> bytes:
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R " + extra + b" >> endobj\n"
            b"2 0 obj " + pages_obj + b" endobj\n"
            b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF\n")


def test_a_huge_page_count_is_refused_before_any_page_is_built(tmp_path, capsys):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(minimal_pdf(b"<< /Type /Pages /Kids [3 0 R] /Count 100000000 >>"))
    one_line_exit_2(path, capsys, "100000000 pages", "split it")


def test_a_page_tree_longer_than_its_declared_count_is_cut_at_the_cap(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(pdf_limits, "MAX_PAGES", 3)
    path = tmp_path / "lying.pdf"
    kids = b" ".join(b"%d 0 R" % n for n in range(3, 8))
    pages = b"".join(b"%d 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n" % n
                     for n in range(4, 8))
    path.write_bytes(minimal_pdf(b"<< /Type /Pages /Kids [" + kids + b"] /Count 1 >>").replace(b"trailer", pages + b"trailer"))
    one_line_exit_2(path, capsys, "more than 3 pages")


def test_deeply_nested_objects_end_in_one_line(tmp_path, capsys):
    path = tmp_path / "nested.pdf"
    depth = 50_000
    path.write_bytes(minimal_pdf(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", b"/X " + b"[" * depth + b"]" * depth))
    one_line_exit_2(path, capsys)


def test_reading_is_stopped_at_the_time_limit(monkeypatch, capsys):
    # a PDF that takes longer than the limit (here: any, under a limit of 1 ms) is stopped
    monkeypatch.setattr(pdf_limits, "TIME_LIMIT", 0.001)
    monkeypatch.setattr(pdf_limits, "PAGE_SECONDS", 0.0)
    one_line_exit_2(SAMPLES / "hunan_2026_targets.pdf", capsys, "longer than")


def test_the_time_limit_holds_off_the_main_thread_too(monkeypatch):
    import threading

    monkeypatch.setattr(pdf_limits, "TIME_LIMIT", 0.0)
    monkeypatch.setattr(pdf_limits, "PAGE_SECONDS", 0.0)
    errors = []
    worker = threading.Thread(target=lambda: errors.append(_error_of(SAMPLES / "hunan_2026_targets.pdf")))
    worker.start()
    worker.join(60)
    assert errors and "longer than" in errors[0]


def _error_of(path: Path) -> str:
    try:
        read(path)
    except InputError as exc:
        return str(exc)
    return ""


def test_missing_pdf_support_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    message = _error_of(SAMPLES / "hunan_2026_targets.pdf")
    assert "pip install 'pdfplumber>=0.11'" in message


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=14_000), flips=st.lists(st.integers(0, 14_000), max_size=6))
def test_damaged_pdfs_never_raise_anything_but_input_error(tmp_path, cut, flips):
    data = bytearray((SAMPLES / "shanxi_2026_projects.pdf").read_bytes())
    for i in flips:
        data[i % len(data)] ^= 0x5A
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(data[cut:]) if cut > 13_000 else b"%PDF-1.4\n" + bytes(data[cut:]))
    try:
        doc = read(path)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert doc.grids


# --------------------------------------------------------------------------- cell text


@pytest.mark.parametrize("drawn, read_as", [
    ("项 目 名 称", "项目名称"),  # spread over its cell (分散对齐): the gaps are no spaces
    ("备\u3000\u3000注", "备注"),
    ("年度\n预算", "年度预算"),  # wrapped in its cell
    ("负责人: 经办人:", "负责人: 经办人:"),  # words with a real gap between them stay apart
    ("2026 年", "2026 年"),
    ("一级 指标 说明", "一级 指标 说明"),  # words of several characters: spaced on purpose
])
def test_cell_text(drawn, read_as):
    assert pdf_reader._cell_text(drawn) == read_as


@given(st.lists(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=2, max_size=8))
def test_a_spread_label_reads_as_the_label(chars):
    assert pdf_reader._cell_text("  ".join(chars)) == "".join(chars)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_the_canonical_filing_of_a_pdf_keeps_its_places(fmt, pack, tmp_path):
    from checker.cli.parse_cmd import parse, render

    source = SAMPLES / "shanxi_2026_projects.pdf"
    canonical = tmp_path / f"shanxi.{fmt}"
    canonical.write_text(render(parse(str(source)), fmt), encoding="utf-8")
    direct, again = check(source, pack), check(canonical, pack)
    assert without_places(again) == without_places(direct)
    assert [f.place for f in again.findings] == [f.place for f in direct.findings]
    assert any(f.place.page and f.place.box for f in again.findings)


def test_a_decompression_bomb_is_refused_before_it_fills_memory(tmp_path, capsys, monkeypatch):
    import zlib

    monkeypatch.setattr(pdf_limits, "MAX_STREAM", 1 << 20)
    bomb = zlib.compress(b"0 0 m " * (2 << 20), 9)  # 12 MB of drawing operators in ~20 KB
    content = b"4 0 obj << /Length %d /Filter /FlateDecode >> stream\n" % len(bomb) + bomb + b"\nendstream endobj\n"
    data = minimal_pdf(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>").replace(
        b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 595 842] /Contents 4 0 R").replace(b"trailer", content + b"trailer")
    path = tmp_path / "bomb.pdf"
    path.write_bytes(data)
    assert len(data) < 100_000
    one_line_exit_2(path, capsys, "decompression bomb")


@pytest.mark.parametrize("glyph, garbage", [
    ("(cid:37096)", True), ("\ufffd", True), ("\ue001", True), ("㩾", True), ("Ã", True), ("\x85", True),
    ("项", False), ("≥", False), ("×", False), ("·", False), ("“", False), ("㎡", False), ("℃", False),
    ("a", False), ("%", False), ("°", False), ("²", False), ("¥", False), ("¸", True),
])
def test_what_counts_as_a_glyph_without_text(glyph, garbage):
    assert pdf_limits.not_text(glyph) is garbage


def test_sarif_names_a_pdf_cell_as_a_logical_location_not_a_text_region(capsys):
    import json

    code = main(["check", str(SAMPLES / "shanxi_2026_projects.pdf"), "--format", "sarif"])
    log = json.loads(capsys.readouterr().out)
    assert code == 1
    for result in log["runs"][0]["results"]:
        location = result["locations"][0]
        if "logicalLocations" in location:  # a page has no text lines: the region is the file's first line
            assert location["physicalLocation"]["region"] == {"startLine": 1}
            assert location["logicalLocations"][0]["name"].startswith("page ")
    names = [r["locations"][0]["logicalLocations"][0]["name"] for r in log["runs"][0]["results"]
             if "logicalLocations" in r["locations"][0]]
    assert "page 2 table 1 row 3 col 7" in names


def test_a_timer_the_caller_set_is_kept(monkeypatch):
    import signal

    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30.0)
        read(SAMPLES / "hunan_2026_targets.pdf")
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < left < 30.0  # still running, less what the read took
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert not fired
