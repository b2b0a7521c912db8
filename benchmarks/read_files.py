"""CPU milliseconds of the read stage alone (``checker.readers.read``) per file of the batch mix
(benchmarks/batch.py: the four seeds, the Hunan .xlsx, the Shanxi .docx), as a batch pays it:
imports and first-use set-up done beforehand, the start-up objects frozen and the collector's
threshold set as ``checker check`` sets them (checker.batch.freeze_startup).

Run: python benchmarks/read_files.py [--reads 10] [--rounds 3] [FILES...]
Prints per file the best round's mean over ``--reads`` reads, and their sum. phases.py's read
figure also holds the readers' imports (openpyxl, python-docx, opencc: ~0.15 s once per
process), which a batch of thousands of files does not feel. To compare two trees, run it with
PYTHONPATH=OTHER_TREE in alternate rounds (paired): the machine may be shared.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from batch import SOURCES  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--reads", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from checker.batch import freeze_startup
    from checker.readers import read

    files = args.files or SOURCES
    for f in files:
        read(f)  # imports, compiled patterns, opencc's dictionary
    freeze_startup()
    total = 0.0
    for f in files:
        best = float("inf")
        for _ in range(args.rounds):
            start = time.process_time()
            for _ in range(args.reads):
                read(f)
            best = min(best, (time.process_time() - start) / args.reads)
        total += best
        print(f"{f.name:40s} {best * 1000:8.2f} ms")
    print(f"{'sum':40s} {total * 1000:8.2f} ms")


if __name__ == "__main__":
    main()
