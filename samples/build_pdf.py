"""Build the .pdf and .xls samples, and the damaged PDFs the tests read, from the same snippets.

    apt-get install fonts-wqy-microhei             # the embedded font of one sample
    pip install -e '.[samples]'                    # reportlab, xlwt: build-time only
    python samples/build_pdf.py                    # samples/*.pdf, samples/*.xls, tests/fixtures/pdf/*
    python samples/build_pdf.py --out DIR          # somewhere else (the tests rebuild into a temp dir)

The cells are those of samples/build_samples.py (the same snippet rows, merged ranges and number
formats), laid out as the published files are made:

- ``<stem>.pdf``: what a finance bureau publishes — a form title and the 单位 lines as text, each
  form's table ruled, with its 一级指标/二级指标 labels merged down and header values merged
  across, wrapped cell text, forms following each other on A4 pages so that a table runs over a
  page break and its first row is repeated on the next page (Word's "repeat as header row").
  The Hunan sample is drawn with the CID font STSong-Light that every PDF reader has (Adobe-GB1;
  no font file needed, none embedded: its text maps back to Unicode through a standard CMap); the
  Shanxi sample with WenQuanYi Micro Hei embedded as subsets with ToUnicode maps, as Word's "save
  as PDF" writes (``apt-get install fonts-wqy-microhei``).
- ``<stem>.xls``: the workbook of build_samples.py saved as Excel 97–2003 (BIFF8, written by
  xlwt): merged ranges, borders, amounts as numbers under 0.00 / #,##0.
- ``tests/fixtures/pdf/scanned.pdf``: a page that is only an image (a scan, no text layer);
  ``tests/fixtures/pdf/no_tounicode.pdf``: the Shanxi sample with its subset fonts' ToUnicode
  maps unlinked (what a PDF with a subset font and no map gives: glyph codes, not text);
  ``tests/fixtures/pdf/identity_h.pdf``: the Hunan sample with its CMap switched to Identity-H
  (CIDs read as if they were characters); ``tests/fixtures/pdf/encrypted.pdf``:
  a one-page form that needs a password to open.
- ``tests/fixtures/xls/features.xls``: what the .xls reader must see as Excel shows it — a
  hidden row, a hidden column, a hidden sheet, 95% stored as 0.95, a date serial under a date
  format, a merged label.

The built files are committed, so the tests need neither reportlab nor xlwt; the tests rebuild
them when both are installed and compare the cells (tests/test_readers_pdf.py).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build_samples import SNIPPETS, _TITLE, blocks, merges, sheets, text_rows, typed  # noqa: E402

FIXTURES = HERE.parent / "tests" / "fixtures" / "pdf"
FONT = "STSong-Light"  # Adobe's CID font every PDF reader has: nothing embedded
EMBEDDED = "WenQuanYi Micro Hei"  # a TrueType font embedded as subsets, as Word's "save as PDF" does
EMBEDDED_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")  # apt-get install fonts-wqy-microhei
FONT_SIZE = 7
# sample stem → the font its PDF is drawn with: one of each kind real PDFs use
PDF_FONTS = {"hunan_2026_targets": FONT, "shanxi_2026_projects": EMBEDDED}


# --------------------------------------------------------------------------- PDF


def build_pdf(rows: list[list[str]], out: Path, font: str = FONT) -> None:
    """The snippet as a published PDF (see module doc), drawn with ``font`` (FONT or EMBEDDED)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate

    _register_font(font)
    page = landscape(A4)
    doc = SimpleDocTemplate(str(out), pagesize=page, leftMargin=36, rightMargin=36, topMargin=40,
                            bottomMargin=40, title=out.stem, author="checker samples", invariant=1)
    doc.build(_story(rows, page[0] - 72, font))


def _register_font(font: str) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    if font in pdfmetrics.getRegisteredFontNames():
        return
    if font == EMBEDDED:
        if not EMBEDDED_FILE.exists():
            sys.exit(f"{EMBEDDED_FILE} is missing: apt-get install fonts-wqy-microhei")
        pdfmetrics.registerFont(TTFont(font, str(EMBEDDED_FILE), subfontIndex=0))
    else:
        pdfmetrics.registerFont(UnicodeCIDFont(font))


def _styles(font: str):
    from reportlab.lib.styles import ParagraphStyle

    cell = ParagraphStyle("cell", fontName=font, fontSize=FONT_SIZE, leading=FONT_SIZE * 1.3, wordWrap="CJK")
    title = ParagraphStyle("title", parent=cell, fontSize=14, leading=20, alignment=1, spaceBefore=6, spaceAfter=6)
    line = ParagraphStyle("line", parent=cell, fontSize=8, leading=12)
    return cell, title, line


def _story(rows: list[list[str]], width: float, font: str) -> list:
    from reportlab.platypus import Paragraph, Spacer

    cell, title, line = _styles(font)
    story: list = []
    for kind, first, last in blocks(rows):
        if kind == "para":
            text = rows[first][0] if rows[first] else ""
            if text.strip():
                story.append(Paragraph(_escape(text), title if _TITLE.search(text) else line))
            else:
                story.append(Spacer(1, 4))
            continue
        story.append(_table(rows[first : last + 1], width, cell, font))
    return story


def _table(table: list[list[str]], width: float, style, font: str):
    from reportlab.platypus import Paragraph, Table, TableStyle

    cols = max(len(r) for r in table)
    grid = [r + [""] * (cols - len(r)) for r in table]
    widths = _column_widths(grid, width)
    data = [[Paragraph(_escape(text), style) if text else "" for text in r] for r in grid]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONT", (0, 0), (-1, -1), font, FONT_SIZE)]
    commands += [("SPAN", (m.c1, m.r1), (m.c2, m.r2)) for m in merges(table)]
    return Table(data, colWidths=widths, repeatRows=1, style=TableStyle(commands), splitByRow=1)


def _column_widths(grid: list[list[str]], width: float) -> list[float]:
    """Widths by the longest text of each column (capped, so long text wraps), filling ``width``."""
    want = [min(max((len(r[c]) for r in grid), default=1), 24) + 3 for c in range(len(grid[0]))]
    total = sum(want)
    return [width * w / total for w in want]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------- damaged PDFs


def build_scanned(out: Path) -> None:
    """One A4 page holding only an image, as a scanner makes it: no text layer at all."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (300, 420), 255)
    draw = ImageDraw.Draw(img)
    for y in range(60, 400, 24):  # ruled lines, as a scanned form shows them
        draw.line((20, y, 280, y), fill=0)
    c = canvas.Canvas(str(out), pagesize=A4, invariant=1)
    c.drawImage(ImageReader(img), 36, 36, width=A4[0] - 72, height=A4[1] - 72)
    c.showPage()
    c.save()


def build_no_tounicode(sample_pdf: Path, out: Path) -> None:
    """The sample drawn with embedded subset fonts, its ToUnicode maps unlinked: the glyph codes
    of a subset mean nothing without them (pdfminer gives (cid:N) and Windows-1252 symbols)."""
    data = sample_pdf.read_bytes()
    assert b"/ToUnicode" in data, "the sample PDF has no ToUnicode map"
    out.write_bytes(data.replace(b"/ToUnicode", b"/XoUnicode"))  # same length: xref offsets hold


def build_identity_h(sample_pdf: Path, out: Path) -> None:
    """The sample drawn with STSong-Light, its CMap renamed to Identity-H: the same bytes, so
    the text layer decodes to CIDs and rare ideographs instead of the form's characters."""
    data = sample_pdf.read_bytes()
    old, new = b"/UniGB-UCS2-H", b"/Identity-H  "  # same length: the xref offsets stay right
    assert old in data, "the sample PDF does not use the UniGB-UCS2-H CMap"
    out.write_bytes(data.replace(old, new))


def build_encrypted(out: Path) -> None:
    """A one-page form that opens only with a password (RC4/AES as reportlab writes it)."""
    from reportlab.lib import pdfencrypt
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _register_font(FONT)
    enc = pdfencrypt.StandardEncryption("secret", ownerPassword="owner", canPrint=1)
    c = canvas.Canvas(str(out), pagesize=A4, encrypt=enc, invariant=1)
    c.setFont(FONT, 12)
    c.drawString(72, 760, "2026年项目支出绩效目标表")
    c.showPage()
    c.save()


# --------------------------------------------------------------------------- xls


def build_xls(rows: list[list[str]], per_form: bool, out: Path) -> None:
    """The workbook of build_samples.build_xlsx, as Excel 97–2003 (BIFF8)."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    plain = xlwt.easyxf("borders: left thin, right thin, top thin, bottom thin; align: wrap on, vert centre")
    styles: dict[str, object] = {}
    title = xlwt.easyxf("font: bold on, height 320; align: horiz centre")
    for name, sheet_rows in sheets(rows, per_form):
        ws = wb.add_sheet(name)
        width = max((len(r) for r in sheet_rows), default=1)
        for kind, first, last in blocks(sheet_rows):
            if kind == "para":
                text = sheet_rows[first][0] if sheet_rows[first] else ""
                if text and _TITLE.search(text) and width > 1:
                    ws.write_merge(first, first, 0, width - 1, text, title)
                elif text:
                    ws.write(first, 0, text)
                continue
            table = sheet_rows[first : last + 1]
            cells = {}
            for i, row in enumerate(table):
                for c, text in enumerate(row):
                    value, fmt = typed(text) if text else ("", None)
                    if fmt and fmt not in styles:
                        styles[fmt] = xlwt.easyxf(
                            "borders: left thin, right thin, top thin, bottom thin; align: vert centre",
                            num_format_str=fmt)
                    cells[(first + i, c)] = (value, styles[fmt] if fmt else plain)
            for m in merges(table):
                r1, c1, r2, c2 = first + m.r1, m.c1, first + m.r2, m.c2
                value, style = cells.get((r1, c1), ("", plain))
                ws.write_merge(r1, r2, c1, c2, value, style)
                for r in range(r1, r2 + 1):
                    for c in range(c1, c2 + 1):
                        cells.pop((r, c), None)
            for (r, c), (value, style) in cells.items():
                ws.write(r, c, value, style)
        for c in range(width):
            ws.col(c).width = 256 * (16 if c else 20)
    buf = io.BytesIO()
    wb.save(buf)
    out.write_bytes(buf.getvalue())


def build_xls_features(out: Path) -> None:
    """A small workbook of what Excel shows differently from what it stores (module doc)."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("目标表")
    box = "borders: left thin, right thin, top thin, bottom thin"
    ws.write_merge(0, 2, 0, 0, "产出指标", xlwt.easyxf(box))
    ws.write(0, 1, "合格率", xlwt.easyxf(box))
    ws.write(0, 2, 0.95, xlwt.easyxf(box, num_format_str="0%"))
    ws.write(1, 1, "已删除指标", xlwt.easyxf(box))
    ws.row(1).hidden = True
    ws.write(2, 1, "完成时间", xlwt.easyxf(box))
    ws.write(2, 2, 46387, xlwt.easyxf(box, num_format_str='yyyy"年"m"月"d"日"'))  # 2026-12-31
    ws.write(2, 3, "", xlwt.easyxf(box))  # an empty bordered cell: the row goes on to it
    ws.write(0, 4, "辅助列")
    ws.col(4).hidden = True
    ws.write(3, 1, "资金")
    ws.write(3, 2, 1500000, xlwt.easyxf(num_format_str="#,##0.00"))
    hidden = wb.add_sheet("下拉列表")
    hidden.write(0, 0, "定性")
    hidden.visibility = 1
    buf = io.BytesIO()
    wb.save(buf)
    out.write_bytes(buf.getvalue())


# --------------------------------------------------------------------------- main


def build(out_dir: Path = HERE, fixtures: Path = FIXTURES) -> list[Path]:
    """Build every PDF/xls sample into ``out_dir`` and the damaged PDFs into ``fixtures``."""
    written = []
    for stem, (_, _, _, per_form) in SNIPPETS.items():
        rows = text_rows(HERE / f"{stem}.txt")
        build_pdf(rows, out_dir / f"{stem}.pdf", PDF_FONTS[stem])
        build_xls(rows, per_form, out_dir / f"{stem}.xls")
        written += [out_dir / f"{stem}.pdf", out_dir / f"{stem}.xls"]
    fixtures.mkdir(parents=True, exist_ok=True)
    build_scanned(fixtures / "scanned.pdf")
    build_no_tounicode(out_dir / "shanxi_2026_projects.pdf", fixtures / "no_tounicode.pdf")
    build_identity_h(out_dir / "hunan_2026_targets.pdf", fixtures / "identity_h.pdf")
    build_encrypted(fixtures / "encrypted.pdf")
    xls_dir = fixtures.parent / "xls"
    xls_dir.mkdir(parents=True, exist_ok=True)
    build_xls_features(xls_dir / "features.xls")
    return written + [fixtures / n for n in ("scanned.pdf", "no_tounicode.pdf", "identity_h.pdf", "encrypted.pdf")] + [
        xls_dir / "features.xls"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="where to write the samples (default: samples/)")
    parser.add_argument("--fixtures", type=Path, default=FIXTURES, help="where to write the damaged PDFs")
    args = parser.parse_args(argv)
    for path in build(args.out, args.fixtures):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
