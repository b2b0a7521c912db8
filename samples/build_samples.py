"""Build the .xlsx and .docx samples from real forms, laid out as filers' files are.

    python samples/build_samples.py               # rebuild every .xlsx/.docx from its .txt
    python samples/build_samples.py --seeds DIR   # first re-copy the .txt snippets from the seeds

Each source is a byte-identical snippet of a seed (shared/seeds, see SNIPPETS): text taken from
the published Word/PDF files. The script lays the same cells out as a workbook and as a Word
document the way such forms are really made, without changing a single cell's text:

- titles, "填报单位" and "金额单位：万元" lines: a title row merged across the table (xlsx),
  paragraphs between the tables (docx);
- header rows (项目名称 …): a value followed by empty cells is one cell merged across them;
- the indicator table (from the row naming 三级指标): 一级指标/二级指标 labels, and the
  绩效指标 label before them, merged down over the rows they head;
- amounts as numbers with the format that shows them as written: 137.25 under ``0.00``,
  100,000 (元) under ``#,##0``; every other cell as text.

Merged cells read back as the text shows them (text once, covered cells empty), so checking
the .txt, the .xlsx and the .docx gives the same findings apart from places
(tests/test_readers_samples.py). One workbook puts each form on its own sheet, the other keeps
two forms on one sheet, as both happen in practice.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent

# sample stem → (seed file, first line, last line, one sheet per form?)
SNIPPETS = {
    "hunan_2026_targets": ("000_3dc31615842cc839.txt", 1, 95, True),
    "shanxi_2026_projects": ("003_fcba76fadf4b07a9.txt", 673, 760, False),
}

_NUMBER = re.compile(r"^-?(?:0|[1-9][0-9]{0,11})(?:\.[0-9]{1,6})?$")
_GROUPED = re.compile(r"^-?[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]{1,6})?$")
_TITLE = re.compile(r"绩效目标(?:申报)?表|自评表")


@dataclass
class Merge:
    """A merged range in block coordinates (0-based, inclusive)."""

    r1: int
    c1: int
    r2: int
    c2: int


# --------------------------------------------------------------------------- layout of the text


def text_rows(path: Path) -> list[list[str]]:
    """The snippet's lines split at tabs, cells stripped as the text reader strips them."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [[c.strip(" \u3000\u00a0\r") for c in ln.split("\t")] if ln.strip() else [] for ln in lines]


def is_table_row(line_cells: list[str]) -> bool:
    return len(line_cells) > 1


def blocks(rows: list[list[str]]) -> list[tuple[str, int, int]]:
    """Runs of rows: ("table", first, last) for tab rows, ("para", i, i) for the others."""
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(rows):
        if is_table_row(rows[i]):
            j = i
            while j + 1 < len(rows) and is_table_row(rows[j + 1]):
                j += 1
            out.append(("table", i, j))
            i = j + 1
        else:
            out.append(("para", i, i))
            i += 1
    return out


def merges(table: list[list[str]]) -> list[Merge]:
    """Where a filer's table has merged cells, judged from the text (see module doc)."""
    width = max(len(r) for r in table)
    grid = [r + [""] * (width - len(r)) for r in table]
    header = next((i for i, r in enumerate(grid) if "三级指标" in r), None)
    out: list[Merge] = []
    for i, row in enumerate(grid[: header if header is not None else len(grid)]):
        filled = [c for c, text in enumerate(row) if text]
        if filled and filled[-1] < width - 1 and len(filled) <= 3:
            out.append(Merge(i, filled[-1], i, width - 1))  # a header value spanning the row
    if header is not None:
        label_cols = range(grid[header].index("三级指标"))
        for c in label_cols:
            i = header
            while i < len(grid):
                j = i
                if grid[i][c]:
                    while j + 1 < len(grid) and not any(grid[j + 1][: c + 1]) and any(grid[j + 1]):
                        j += 1
                if j > i:
                    out.append(Merge(i, c, j, c))
                i = j + 1
    return out


def typed(text: str) -> tuple[object, str | None]:
    """A cell's value for the workbook: (number, number format) for amounts, else (text, None)."""
    if _NUMBER.match(text):
        decimals = len(text.partition(".")[2])
        return (float(text) if decimals else int(text)), ("0." + "0" * decimals if decimals else "General")
    if _GROUPED.match(text):
        decimals = len(text.partition(".")[2])
        plain = text.replace(",", "")
        return (float(plain) if decimals else int(plain)), ("#,##0." + "0" * decimals if decimals else "#,##0")
    return text, None


# --------------------------------------------------------------------------- xlsx


def sheets(rows: list[list[str]], per_form: bool) -> list[tuple[str, list[list[str]]]]:
    """Split the rows into sheets at form titles (one form per sheet) or keep one sheet."""
    starts = [i for i, r in enumerate(rows) if len(r) == 1 and _TITLE.search(r[0])] if per_form else []
    if not starts:
        return [("绩效目标表", rows)]
    bounds = [0] + starts[1:] + [len(rows)]
    names = []
    for k, s in enumerate(starts):
        names.append("部门整体" if "部门" in rows[s][0] else f"项目{k}")
    return [(names[k], rows[bounds[k] : bounds[k + 1]]) for k in range(len(starts))]


def build_xlsx(rows: list[list[str]], per_form: bool, out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wb = Workbook()
    wb.remove(wb.active)
    for name, sheet_rows in sheets(rows, per_form):
        ws = wb.create_sheet(name)
        width = max((len(r) for r in sheet_rows), default=1)
        for kind, first, last in blocks(sheet_rows):
            if kind == "para":
                _xlsx_para(ws, first + 1, sheet_rows[first], width, Font, Alignment)
                continue
            table = sheet_rows[first : last + 1]
            for i, cells in enumerate(table):
                for c, text in enumerate(cells):
                    cell = ws.cell(row=first + i + 1, column=c + 1)
                    if text:
                        cell.value, fmt = typed(text)
                        if fmt:
                            cell.number_format = fmt
                        elif text.startswith("=") and len(text) > 1:
                            cell.data_type = "s"  # "=100%" is what the filer typed, not a formula
                    cell.border = box
                    cell.alignment = Alignment(wrap_text=True, vertical="center")
            for m in merges(table):
                ws.merge_cells(start_row=first + m.r1 + 1, start_column=m.c1 + 1,
                               end_row=first + m.r2 + 1, end_column=m.c2 + 1)
        for c in range(1, width + 1):
            ws.column_dimensions[get_column_letter(c)].width = 16 if c > 1 else 20
    wb.save(out)


def _xlsx_para(ws, r: int, cells: list[str], width: int, Font, Alignment) -> None:
    if not cells or not cells[0]:
        return
    cell = ws.cell(row=r, column=1, value=cells[0])
    if _TITLE.search(cells[0]):  # the form title: bold, centred across the table
        cell.font = Font(bold=True, size=16)
        cell.alignment = Alignment(horizontal="center")
        if width > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)


# --------------------------------------------------------------------------- docx


def build_docx(rows: list[list[str]], out: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = docx.Document()
    for kind, first, last in blocks(rows):
        if kind == "para":
            p = d.add_paragraph(rows[first][0] if rows[first] else "")
            if rows[first] and _TITLE.search(rows[first][0]):
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in p.runs:
                    run.bold, run.font.size = True, Pt(16)
            continue
        table = rows[first : last + 1]
        width = max(len(r) for r in table)
        t = d.add_table(rows=len(table), cols=width)
        t.style = "Table Grid"
        for i, cells in enumerate(table):
            for c, text in enumerate(cells):
                if text:
                    t.cell(i, c).text = text
        for m in merges(table):
            top = t.cell(m.r1, m.c1)
            text = top.text
            top.merge(t.cell(m.r2, m.c2)).text = text  # covered cells are empty: the text stays once
    d.save(out)


# --------------------------------------------------------------------------- main


def copy_snippets(seeds: Path) -> None:
    """Re-copy each snippet byte for byte from the seed files."""
    for stem, (seed, first, last, _) in SNIPPETS.items():
        lines = (seeds / seed).read_bytes().split(b"\n")
        (HERE / f"{stem}.txt").write_bytes(b"\n".join(lines[first - 1 : last]) + b"\n")


def build(out_dir: Path = HERE) -> list[Path]:
    """Build every sample into ``out_dir``; returns the files written."""
    written = []
    for stem, (_, _, _, per_form) in SNIPPETS.items():
        src = HERE / f"{stem}.txt"
        rows = text_rows(src)
        if out_dir != HERE:
            shutil.copyfile(src, out_dir / src.name)
        build_xlsx(rows, per_form, out_dir / f"{stem}.xlsx")
        build_docx(rows, out_dir / f"{stem}.docx")
        written += [out_dir / f"{stem}.xlsx", out_dir / f"{stem}.docx"]
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, help="folder of the seed files to re-copy the snippets from")
    parser.add_argument("--out", type=Path, default=HERE, help="where to write (default: samples/)")
    args = parser.parse_args(argv)
    if args.seeds:
        copy_snippets(args.seeds)
    for path in build(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
