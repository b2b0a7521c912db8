"""How well the checker reads real published forms: per file, the text shape it was read as,
the forms found by kind, the indicator rows read, and the findings by severity; then totals.

Run: python benchmarks/corpus.py [FOLDER]   (default ../shared/corpus beside the repository)

Targets (issue 9): forms found in every file, at least three indicator rows read in >= 29 of
31 files, no traceback. The corpus is not shipped with the project; the script says so and
exits 2 when the folder is missing.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))

from checker.pipeline import CheckOptions, check_file  # noqa: E402
from checker.readers import read  # noqa: E402
from checker.rules import load_pack  # noqa: E402

_KIND = {"project_target": "PT", "department_target": "DT", "project_self_eval": "PS",
         "department_self_eval": "DS", "budget_table": "B"}


def shape_of(path: Path) -> str:
    """The text shape the reader chose (``Document.shape`` where the reader sets it)."""
    try:
        doc = read(path)
    except Exception as exc:  # noqa: BLE001 - the check below reports the error itself
        return f"unreadable ({type(exc).__name__})"
    shape = getattr(doc, "shape", None)
    if shape:
        return shape
    from checker.readers.text import detect_mode

    text = Path(path).read_text(encoding="utf-8", errors="replace")
    return detect_mode(text.splitlines())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT))
    folder = Path(parser.parse_args().folder)
    files = sorted(folder.glob("*.txt"))
    if not files:
        print(f"{folder}: no corpus here (expected the NN_*.txt files of shared/corpus)")
        return 2
    pack = load_pack()
    totals: Counter = Counter()
    with_forms = with_rows = 0
    start = time.perf_counter()
    print(f"{'file':<6} {'shape':<16} {'forms':<22} {'ind':>4}  {'err':>3} {'warn':>4} {'info':>4}  codes")
    for path in files:
        result = check_file(str(path), pack, CheckOptions())
        kinds = Counter(_KIND.get(f.kind, f.kind) for f in result.forms)
        indicators = sum(len(f.indicators) for f in result.forms)
        sev = Counter(f.severity for f in result.findings)
        codes = Counter(f.code for f in result.findings if f.severity != "info")
        forms = " ".join(f"{k}{n}" for k, n in sorted(kinds.items())) or ("ERROR" if result.error else "-")
        print(f"{path.name[:2]:<6} {shape_of(path)[:16]:<16} {forms:<22} {indicators:>4}  {sev['error']:>3} "
              f"{sev['warning']:>4} {sev['info']:>4}  {' '.join(f'{c}×{n}' for c, n in sorted(codes.items()))}")
        if result.error:
            print(f"       {result.error[:150]}")
        with_forms += bool(result.forms)
        with_rows += indicators >= 3
        totals.update(sev)
        totals["forms"] += len(result.forms)
        totals["indicators"] += indicators
    elapsed = time.perf_counter() - start
    print(f"\n{len(files)} files in {elapsed:.1f} s: forms found in {with_forms}, >= 3 indicator rows in {with_rows}; "
          f"{totals['forms']} forms, {totals['indicators']} indicators; findings: {totals['error']} error, "
          f"{totals['warning']} warning, {totals['info']} info")
    return 0


if __name__ == "__main__":
    sys.exit(main())
