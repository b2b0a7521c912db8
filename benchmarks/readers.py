"""Time and peak memory of the xlsx and docx readers on large generated files.

Run: python benchmarks/readers.py [--rows 100000] [--forms 200] [--keep DIR]
Target (issue 6): peak RSS under 500 MB, and at least 2,000 rows per second.

The files are generated at run time (not committed): a workbook of N indicator rows in a
project target form's columns, with level-1 labels merged down as filers' workbooks have them,
and a Word document of M project target forms laid out as samples/build_samples.py lays out a
real one. Each read runs in its own process, so its peak RSS is the reader's alone.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORM = ROOT / "samples" / "hunan_2026_targets.txt"
TARGET_RSS_MB, TARGET_ROWS_PER_S = 500, 2000

_MEASURE = """
import json, resource, sys, time
start = time.perf_counter()
from checker.readers import read
doc = read(sys.argv[1])
seconds = time.perf_counter() - start
rows = sum(len(g.rows) for g in doc.grids)
cells = sum(len(r.cells) for g in doc.grids for r in g.rows)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
print(json.dumps({"seconds": seconds, "rows": rows, "cells": cells, "rss_mb": rss}))
"""


def make_workbook(path: Path, rows: int) -> None:
    """A workbook of ``rows`` indicator rows (8 columns), level-1 labels merged down per 50."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("项目支出绩效目标表")
    ws.append(["一级指标", "二级指标", "三级指标", "指标值", "度量单位", "指标值类型", "指标值说明", "备注"])
    names = ["污水处理量", "运行负荷率", "出水水质达标率", "群众满意度", "运营资金投入"]
    for i in range(rows - 1):
        level1 = "产出指标" if i % 50 == 0 else None
        ws.append([level1, "数量指标", f"{names[i % 5]}{i}", 720.5 + i % 7, "万吨", "≥", "全年污水处理量", None])
    for start in range(2, rows + 1, 50):
        ws.merged_cells.add(f"A{start}:A{min(start + 49, rows)}")
    wb.save(path)


def make_document(path: Path, forms: int) -> None:
    """A Word document of at least ``forms`` real target forms: the Hunan sample (three forms)
    repeated, laid out by samples/build_samples.py."""
    sys.path.insert(0, str(ROOT / "samples"))
    import build_samples

    rows = build_samples.text_rows(FORM)
    build_samples.build_docx(rows * -(-forms // 3), path)


def measure(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--forms", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="write the generated files here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        xlsx, docx = folder / f"rows_{args.rows}.xlsx", folder / f"forms_{args.forms}.docx"
        t = time.perf_counter()
        make_workbook(xlsx, args.rows)
        make_document(docx, args.forms)
        print(f"generated in {time.perf_counter() - t:.1f} s: {xlsx.name} "
              f"({xlsx.stat().st_size / 2**20:.1f} MB), {docx.name} ({docx.stat().st_size / 2**20:.1f} MB)")
        ok = True
        for label, path in ((f"xlsx, {args.rows:,} rows", xlsx), (f"docx, {args.forms} forms", docx)):
            m = measure(path)
            rate = m["rows"] / m["seconds"]
            good = m["rss_mb"] < TARGET_RSS_MB and rate >= TARGET_ROWS_PER_S
            ok &= good
            print(f"  {label:<22} {m['seconds']:7.2f} s  {rate:9,.0f} rows/s  {m['cells']:>9,} cells  "
                  f"peak RSS {m['rss_mb']:6.0f} MB  {'ok' if good else 'MISSES TARGET'}")
    print(f"target: peak RSS < {TARGET_RSS_MB} MB, >= {TARGET_ROWS_PER_S:,} rows/s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
