"""Where a check of many forms spends its time: cProfile of ``checker check PATHS --format json
-j 1`` in one process, with the CPU seconds of the run and the share the garbage collector took.

Run: python benchmarks/profile_check.py [--copies N] [--top 15] [PATHS...]
Without PATHS it checks a folder of the four seeds copied N times (default 25: 100 files)
and /work/shared/corpus (or ../shared/corpus beside the repository) when present.
Prints the top entries by cumulative time (profiler clock: wall time; on a shared machine read
the shares, ``% of run``, not the seconds); ``--out FILE`` keeps the pstats file.
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
    parser.add_argument("--copies", type=int, default=25)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--out", default=None, help="write the pstats file here")
    args = parser.parse_args()
    from checker.cli.main import cli

    with tempfile.TemporaryDirectory(prefix="checker-profile-") as tmp:
        paths = args.paths or [str(many_forms(Path(tmp) / "seeds", args.copies))] + (
            [str(CORPUS)] if CORPUS.is_dir() else [])
        clock = GcClock()
        gc.callbacks.append(clock)
        prof = cProfile.Profile()  # perf_counter: a CPU-time clock is a system call per event
        start, wall = time.process_time(), time.perf_counter()
        prof.enable()
        try:
            cli.main(args=["check", *paths, "--format", "json", "-j", "1", "-o", str(Path(tmp) / "report.json")],
                     prog_name="checker", standalone_mode=False)
        finally:
            prof.disable()
            gc.callbacks.remove(clock)
        cpu, wall = time.process_time() - start, time.perf_counter() - wall
        import json

        report = json.loads((Path(tmp) / "report.json").read_text(encoding="utf-8"))
    forms = sum(len(f.get("forms") or []) for f in report["files"])
    print(f"checked {len(report['files'])} files, {forms} forms under the profiler: {cpu:.1f} CPU s, "
          f"{wall:.1f} wall s; garbage collection {clock.total:.1f} CPU s = {100 * clock.total / cpu:.0f}% "
          f"({clock.collections} collections)")
    stats = pstats.Stats(prof, stream=io.StringIO())
    if args.out:
        stats.dump_stats(args.out)
    print(top(stats, args.top))


def top(stats: pstats.Stats, n: int) -> str:
    """The ``n`` entries of most cumulative time below the CLI's own frames, with their share of
    the run (the profiler's clock), one line each."""
    rows = []
    for (file, line, name), (cc, nc, tt, ct, callers) in stats.stats.items():  # type: ignore[attr-defined]
        if "checker/" in file and "checker/cli/" not in file:
            rows.append((ct, nc, tt, f"{file.split('checker/', 1)[1]}:{line}({name})"))
    total = max((ct for (f, _, _), (_, _, _, ct, _) in stats.stats.items() if f.endswith("check_cmd.py")),  # type: ignore[attr-defined]
                default=max(r[0] for r in rows))
    rows.sort(reverse=True)
    out = [f"{'% of run':>8} {'cum s':>8} {'own s':>8} {'calls':>9}  function"]
    for ct, nc, tt, where in rows[:n]:
        out.append(f"{100 * ct / total:7.1f}% {ct:8.2f} {tt:8.2f} {nc:9d}  {where}")
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
