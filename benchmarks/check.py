"""Wall time of `checker check` on one seed and on all four, interpreter start-up included.

Run: python benchmarks/check.py [--runs N]
Target (issue 2): under 0.5 s for one file. Prints the best and the median of N runs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ONE = SAMPLES / "000_3dc31615842cc839.txt"
ALL = sorted(SAMPLES.glob("00[0-3]_*.txt"))


def _command() -> list[str]:
    exe = shutil.which("checker")
    return [exe] if exe else [sys.executable, "-m", "checker.cli.main"]


def timed(args: list[str], runs: int) -> tuple[float, float]:
    """(best, median) seconds of `checker check ARGS --format json` over `runs` runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(_command() + ["check", *args, "--format", "json"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    cases = [("one seed (000)", [str(ONE)]), (f"all {len(ALL)} seeds", [str(p) for p in ALL])]
    print(f"checker check, {runs} runs each, interpreter start-up included")
    for label, args in cases:
        best, median = timed(args, runs)
        print(f"  {label:<16} best {best:6.3f} s   median {median:6.3f} s")


if __name__ == "__main__":
    main()
