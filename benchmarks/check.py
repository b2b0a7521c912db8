"""Start-up cost of `checker check` and `checker value`, relative to importing their dependencies.

Run: python benchmarks/check.py [--runs N] [--base DIR]   (N >= 10, default 11)

``--base DIR`` also times the one-seed check of another source tree (``git archive REV | tar -x -C
DIR``; run with PYTHONPATH=DIR) in the same rounds: a paired before/after.

Each round runs, in an order that rotates from round to round, the import floor
(``python -c "import rich.console, rich.table, lark, yaml, jsonschema"``), one-file check
(``checker check samples/001_*.txt --format json``), ``checker value '≥95%'`` and ``checker check``
on all four seeds. The ratios are paired: each round's command over the same round's floor,
then the median over the rounds (the machine's load changes between rounds, rarely within one).
Targets (issue 14): one-file check / floor <= 2.0.

Before measuring, every command runs once: that warms the per-user caches (the validated rule
pack, lark's parser tables) and compiles the bytecode, as a second run after installing does.
The commands run with a private bytecode folder (PYTHONPYCACHEPREFIX in a temporary folder,
PYTHONDONTWRITEBYTECODE unset), so a machine that forbids writing .pyc files still measures an
installed checker rather than the compiler.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ONE = sorted(SAMPLES.glob("001_*.txt"))
ALL = sorted(SAMPLES.glob("00[0-3]_*.txt"))
FLOOR = [sys.executable, "-c", "import rich.console, rich.table, lark, yaml, jsonschema"]


def _checker() -> list[str]:
    exe = Path(sys.executable).with_name("checker")
    return [str(exe)] if exe.is_file() else [sys.executable, "-m", "checker.cli.main"]


def commands(base: str | None = None) -> dict[str, tuple[list[str], dict[str, str]]]:
    """The measured commands by label (the floor first), each with the environment it adds."""
    c = _checker()
    out = {
        "import floor": (FLOOR, {}),
        "check one seed": (c + ["check", *map(str, ONE), "--format", "json"], {}),
        "value ≥95%": (c + ["value", "≥95%"], {}),
        f"check {len(ALL)} seeds": (c + ["check", *map(str, ALL), "--format", "json"], {}),
    }
    if base:
        out["base: one seed"] = (out["check one seed"][0], {"PYTHONPATH": str(Path(base).resolve())})
        out[f"base: {len(ALL)} seeds"] = (out[f"check {len(ALL)} seeds"][0], {"PYTHONPATH": str(Path(base).resolve())})
    return out


def run_once(cmd: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one run (output discarded). Raises RuntimeError when it crashes (exit > 2)."""
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
    took = time.perf_counter() - start
    if done.returncode > 2:
        raise RuntimeError(f"{' '.join(cmd)} failed: {done.stderr.decode(errors='replace')[-500:]}")
    return took


def measure(cmds: dict, runs: int, env: dict[str, str]) -> dict[str, list[float]]:
    """Seconds per command per round, the commands interleaved and their order rotated."""
    labels = list(cmds)
    times: dict[str, list[float]] = {label: [] for label in labels}
    for r in range(runs):
        order = labels[r % len(labels):] + labels[:r % len(labels)]
        for label in order:
            cmd, extra = cmds[label]
            times[label].append(run_once(cmd, {**env, **extra}))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="rounds (at least 10)")
    parser.add_argument("--base", default=None, metavar="DIR", help="also time this source tree's check")
    args = parser.parse_args()
    runs = max(10, args.runs)
    cmds = commands(args.base)
    with tempfile.TemporaryDirectory(prefix="checker-bench-pyc-") as pyc:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = pyc
        for cmd, extra in cmds.values():  # warm: rule-pack cache, lark caches, bytecode
            run_once(cmd, {**env, **extra})
            run_once(cmd, {**env, **extra})
        times = measure(cmds, runs, env)
    floor = times["import floor"]
    print(f"{runs} paired rounds (commands interleaved, order rotated), medians; caches and bytecode "
          f"warmed by two runs of each command first; {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}")
    print(f"  {'command':<16} {'median s':>9} {'min s':>7}  {'/ floor (paired median)':>24}")
    for label, ts in times.items():
        ratios = [t / f for t, f in zip(ts, floor)]
        rel = "" if label == "import floor" else f"{statistics.median(ratios):.2f}"
        print(f"  {label:<16} {statistics.median(ts):9.3f} {min(ts):7.3f}  {rel:>24}")
    one = statistics.median(t / f for t, f in zip(times["check one seed"], floor))
    print(f"one-file check / import floor = {one:.2f} (target <= 2.0: {'met' if one <= 2.0 else 'NOT met'})")


if __name__ == "__main__":
    main()
