"""How the filing-scope rules (M305, B505: one run over a whole document) grow with the forms
of a document: CPU milliseconds of each on one file, with its target forms repeated.

Run: python benchmarks/rules_filing_scale.py [PATH] [--times 1 2 4]
PATH defaults to seed 003 (one budget disclosure and 58 target forms). The file is read and laid
out once; each filing-scope rule then checks the filing with its budget tables once and its
other forms repeated ``--times`` (best of 5 runs). A repeated form is the same object again, so
a B505 pairing treats the repeats as unpaired forms (compared by difflib with every row, which
real filings seldom need): the figures show the growth, linear or not, not a real document's cost.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from rules import filings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(next((ROOT / "samples").glob("003_*.txt"))))
    parser.add_argument("--times", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    from checker.rules import load_pack
    from checker.rules.kinds import load_kinds

    pack, kinds = load_pack(), load_kinds()
    filing = filings([args.path])[0]
    codes = sorted({r.code for r in pack.rules for c in r.checks if kinds[c.kind].scope == "filing"})
    tables = [f for f in filing.forms if f.kind == "budget_table"]
    others = [f for f in filing.forms if f.kind != "budget_table"]
    print(f"{Path(args.path).name}: {len(tables)} budget table form(s), {len(others)} other forms; "
          f"filing-scope rules {', '.join(codes)}")
    for times in args.times:
        grown = dataclasses.replace(filing, forms=tables + others * times)
        cost = []
        for code in codes:
            best = float("inf")
            for _ in range(5):
                start = time.process_time()
                pack.check(grown, select={code})
                best = min(best, time.process_time() - start)
            cost.append(f"{code} {best * 1000:6.2f} ms")
        print(f"{len(others) * times:5d} other forms: " + "   ".join(cost))


if __name__ == "__main__":
    main()
