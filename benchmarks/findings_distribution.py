"""Findings per form of one file, side by side for several JSON reports (`checker check --format
json`): counts by severity and the distribution of errors+warnings per form (mean, median, max,
forms with at least 5), for "the noise must not grow" (issue 10; docs/audit/issue10-final.md §2).

Run: python benchmarks/findings_distribution.py 003_ LABEL=REPORT.json [LABEL=REPORT.json ...]

FILE is a piece of the file's path (the first file whose path holds it). A finding with no form
(a document-level finding, e.g. one grouped per document) is counted in the severity totals and
shown apart ("document"), not in the per-form distribution; every form the layout found counts,
with 0 where it has no finding. Prints a Markdown table, one column per report.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import Counter

ROWS = ("errors", "warnings", "infos", "document-level findings (e/w/i)", "forms",
        "forms with an error or warning", "mean e+w per form", "median", "max (form)",
        "forms with ≥ 5 e+w", "mean e+w+i per form")


def column(report: str, piece: str) -> dict[str, str]:
    """The ROWS of one report for the first file whose path holds ``piece``."""
    with open(report, encoding="utf-8") as fh:
        data = json.load(fh)
    (f, *_) = [f for f in data["files"] if piece in f["path"]]
    forms = [x["id"].rsplit("#", 1)[1] for x in f["forms"]]
    sev = Counter(x["severity"] for x in f["findings"])
    doc = Counter(x["severity"] for x in f["findings"] if not x.get("form"))
    ew = Counter(x["form"].rsplit("#", 1)[1] for x in f["findings"]
                 if x.get("form") and x["severity"] != "info")
    ewi = Counter(x["form"].rsplit("#", 1)[1] for x in f["findings"] if x.get("form"))
    per = [ew.get(k, 0) for k in forms]
    top = max(forms, key=lambda k: ew.get(k, 0)) if forms else "-"
    values = (sev["error"], sev["warning"], sev["info"],
              f"{doc['error']}/{doc['warning']}/{doc['info']}", len(forms),
              sum(1 for n in per if n), f"{statistics.mean(per):.2f}" if per else "-",
              f"{statistics.median(per):g}" if per else "-", f"{max(per, default=0)} (#{top})",
              sum(1 for n in per if n >= 5),
              f"{statistics.mean([ewi.get(k, 0) for k in forms]):.2f}" if forms else "-")
    return dict(zip(ROWS, map(str, values)))


def main(piece: str, reports: list[str]) -> int:
    cols = [(r.split("=", 1) if "=" in r else (r, r)) for r in reports]
    table = [(label, column(path, piece)) for label, path in cols]
    print("| | " + " | ".join(label for label, _ in table) + " |")
    print("|---" * (len(table) + 1) + "|")
    for row in ROWS:
        print(f"| {row} | " + " | ".join(c[row] for _, c in table) + " |")
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__.splitlines()[3].strip())
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
