"""CPU seconds of rule M309 alone (narrative arithmetic: checker/rules/kinds/narrative.py over
checker/values/narrative.py and grammar/narrative.lark), without a profiler.

Run: python benchmarks/narrative.py [--rounds R] [--repeat N] [PATHS...]
Without PATHS it reads the four seeds, samples/hunan_2026_targets.xlsx,
samples/shanxi_2026_projects.docx and /work/shared/corpus (or ../shared/corpus beside the
repository) when present. Each file is read and laid out once (not timed); then each round
runs the rule pack with only M309 selected over every filing ``--repeat`` times and prints
its CPU seconds, the forms checked and the findings given (the same in both trees). To compare
two trees, run it with PYTHONPATH=OTHER_TREE in alternate rounds (paired): the machine is
shared, read ratios, not single seconds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from profile_check import CORPUS, SEEDS  # noqa: E402
from rules import filings  # noqa: E402  (the laid-out filings, values parsed)

OFFICE = [ROOT / "samples" / "hunan_2026_targets.xlsx", ROOT / "samples" / "shanxi_2026_projects.docx"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from checker.rules import load_pack

    default = [*SEEDS, *OFFICE] + ([CORPUS] if CORPUS.is_dir() else [])
    done = filings(args.paths or [str(p) for p in default])
    pack = load_pack()
    forms = sum(len(f.forms) for f in done) * args.repeat
    pack.check(done[0], select={"M309"})  # the grammar is built once, outside the rounds
    for n in range(args.rounds):
        start = time.process_time()
        found = 0
        for _ in range(args.repeat):
            for filing in done:
                found += len(pack.check(filing, select={"M309"}))
        cpu = time.process_time() - start
        print(f"round {n + 1}: M309 on {forms} forms: {cpu:.3f} CPU s, {found} findings "
              f"({forms / cpu:.0f} forms per CPU s)")


if __name__ == "__main__":
    main()
