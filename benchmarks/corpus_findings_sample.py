"""Draw error and warning findings of the corpus run at random, for a precision audit by hand
(issue 9: read 40 of them against the text; docs/audit/corpus-precision.md).

Run: python benchmarks/corpus_findings_sample.py [FOLDER] [--n 40] [--seed 9]

The population is every error- or warning-severity finding that `python benchmarks/corpus.py`
counts (check_file with the full pack and default options, files in name order, findings in
report order). The draw is random.Random(seed).sample over that list, printed in population
order so that findings of one file stand together. Same code, corpus, n and seed: same draw.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus_accuracy import corpus_dir  # noqa: E402

from checker.pipeline import CheckOptions, check_file  # noqa: E402
from checker.rules import load_pack  # noqa: E402


def population(folder: Path) -> list[tuple[str, object]]:
    """(file name, finding) for every error or warning of the corpus run, in report order."""
    pack = load_pack()
    out = []
    for path in sorted(folder.glob("*.txt")):
        result = check_file(str(path), pack, CheckOptions())
        out += [(path.name, f) for f in result.findings if f.severity in ("error", "warning")]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=None)
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    folder = Path(args.folder) if args.folder else corpus_dir()
    if not any(folder.glob("*.txt")):
        print(f"{folder}: no corpus here (expected the NN_*.txt files of shared/corpus)")
        return 2
    pop = population(folder)
    picked = sorted(random.Random(args.seed).sample(range(len(pop)), min(args.n, len(pop))))
    print(f"{len(picked)} of {len(pop)} error/warning findings, seed {args.seed}")
    for k, i in enumerate(picked, 1):
        name, f = pop[i]
        where = f"line {f.place.line}" if f.place.line else "-"
        ind = "/".join(x or "" for x in f.indicator) if f.indicator else ""
        print(f"{k:>2}. #{i} {name[:2]} {f.code} {f.severity} {where} {ind} | {f.text('zh')[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
