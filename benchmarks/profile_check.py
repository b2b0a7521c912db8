"""Where a check of many forms spends its time: cProfile of ``checker check PATHS --format json
-j 1`` in one process, timed in CPU seconds of this process (``time.process_time``: on a shared
machine wall time counts the other users' work), with the time the garbage collector took.

Run: python benchmarks/profile_check.py [--copies N] [--top 15] [PATHS...]
Without PATHS it checks a folder of the four seeds copied N times (default 50: 200 files)
and /work/shared/corpus (or ../shared/corpus beside the repository) when present.
Prints the top entries by cumulative time; ``--out FILE`` keeps the pstats file.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "samples").glob("00[0-3]_*.txt"))
CORPUS = ROOT.parent.parent / "shared" / "corpus" if (ROOT.parent.parent / "shared").is_dir() else ROOT.parent / "shared" / "corpus"


def many_forms(folder: Path, copies: int) -> Path:
    """``folder`` filled with ``copies`` copies of each seed."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for seed in SEEDS:
            shutil.copy(seed, folder / f"{seed.stem}_{i:03d}.txt")
    return folder


class GcClock:
    """CPU seconds spent in the garbage collector, from gc.callbacks."""

    def __init__(self) -> None:
        self.total, self._start, self.collections = 0.0, 0.0, 0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.process_time()
        else:
            self.total += time.process_time() - self._start
            self.collections += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--out", default=None, help="write the pstats file here")
    args = parser.parse_args()
    from checker.cli.main import cli

    with tempfile.TemporaryDirectory(prefix="checker-profile-") as tmp:
        paths = args.paths or [str(many_forms(Path(tmp) / "seeds", args.copies))] + (
            [str(CORPUS)] if CORPUS.is_dir() else [])
        clock = GcClock()
        gc.callbacks.append(clock)
        prof = cProfile.Profile(time.process_time)
        start = time.process_time()
        prof.enable()
        try:
            cli.main(args=["check", *paths, "--format", "json", "-j", "1", "-o", str(Path(tmp) / "report.json")],
                     prog_name="checker", standalone_mode=False)
        finally:
            prof.disable()
            gc.callbacks.remove(clock)
        cpu = time.process_time() - start
        import json

        report = json.loads((Path(tmp) / "report.json").read_text(encoding="utf-8"))
    forms = sum(len(f.get("forms") or []) for f in report["files"])
    print(f"checked {len(report['files'])} files, {forms} forms: {cpu:.1f} CPU s under the profiler, "
          f"of which garbage collection {clock.total:.1f} s ({clock.collections} collections)")
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    if args.out:
        stats.dump_stats(args.out)
    stats.sort_stats("cumulative").print_stats(args.top + 12)
    print(out.getvalue())


if __name__ == "__main__":
    sys.exit(main())
