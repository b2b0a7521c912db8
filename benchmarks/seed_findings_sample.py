"""Every error of the four seeds and warnings drawn at random, for a precision audit by hand
(issue 10 "Must show": every error and 30 random warnings read against the text;
docs/audit/issue10-seeds.md).

Run: python benchmarks/seed_findings_sample.py [FOLDER] [--n 30] [--seed 7]

The seeds are FOLDER's 000_*.txt … 003_*.txt (default samples/). Errors are listed whole; the
warnings are random.Random(seed).sample over every warning of the four files (check_file with
the full pack and default options, files in name order, findings in report order), printed in
population order. Same code, seeds, n and seed: same draw.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.pipeline import CheckOptions, check_file  # noqa: E402
from checker.rules import load_pack  # noqa: E402


def findings(folder: Path) -> list[tuple[str, object]]:
    """(file name, finding) for every finding of the four seeds, in report order."""
    pack = load_pack()
    out = []
    for path in sorted(folder.glob("00[0-3]_*.txt")):
        result = check_file(str(path), pack, CheckOptions())
        out += [(path.name, f) for f in result.findings]
    return out


def _line(k: str, name: str, f) -> str:
    where = f"line {f.place.line}" if f.place.line else "-"
    ind = "/".join(x or "" for x in f.indicator) if f.indicator else ""
    return f"{k} {name[:3]} {f.code} {f.severity} {where} {ind} | {f.text('zh')[:160]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "samples"))
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    folder = Path(args.folder)
    if not any(folder.glob("00[0-3]_*.txt")):
        print(f"{folder}: no seeds here (expected 000_*.txt … 003_*.txt)")
        return 2
    found = findings(folder)
    errors = [(n, f) for n, f in found if f.severity == "error"]
    warnings = [(n, f) for n, f in found if f.severity == "warning"]
    print(f"{len(errors)} errors")
    for k, (name, f) in enumerate(errors, 1):
        print(_line(f"E{k:>2}.", name, f))
    picked = sorted(random.Random(args.seed).sample(range(len(warnings)), min(args.n, len(warnings))))
    print(f"{len(picked)} of {len(warnings)} warnings, seed {args.seed}")
    for k, i in enumerate(picked, 1):
        name, f = warnings[i]
        print(_line(f"W{k:>2}. #{i}", name, f))
    return 0


if __name__ == "__main__":
    sys.exit(main())
