"""Forms per second and peak memory of `checker check` on a folder of many files (issue 14).

Run: python benchmarks/batch.py [--sizes 500,1000,2000] [--serial 500] [--dask 500] [--format jsonl]
     python benchmarks/batch.py --from /tmp/old --sizes '' --serial 100,200 --format json   # older build

Builds folders of 500, 1,000 and 2,000 files in a temporary directory from samples/ (the four
seeds, the Hunan .xlsx and the Shanxi .docx, in turn; hard links, so the files cost no disk and
the checker reads each as a file of its own), then runs `checker check FOLDER --format jsonl -o
FILE` as a user would, interpreter start-up included (after one untimed run that writes the
bytecode, in a private folder, and the user's rule-pack and grammar caches, as an installed
checker has them):

- with `-j auto` (one process per core) at every size, and with `-j 1` at the `--serial` size;
- forms/s = the forms of the report's summary line / wall time; CPU s = user + system time of
  the checker and its workers, and forms per CPU-second: on a machine others load too, wall
  time says little, while forms/CPU-s x idle cores is what the machine gives when it is free;
- peak RSS of the whole process tree (the checker and its workers, summed; /proc polled every
  50 ms), the same as PSS (pages the forked workers share with the parent counted once: what the
  tree really holds) and the RSS of its largest process. Flat memory means the peak does not grow with the folder.
- `--dask N`: N files through `checker.batch.check_many(client=...)` on a LocalCluster of one
  worker process per core (one thread each), started beforehand; forms/s of the batch alone.

Targets (issue 14): >= 1,000 forms/s with both cores, peak RSS <= 300 MB, flat as the batch grows.
On a machine shared with other work the rates are low and noisy; compare runs made together.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from check import _checker  # noqa: E402  the checker beside this interpreter, as check.py runs it
SAMPLES = ROOT / "samples"
SOURCES = [*sorted(SAMPLES.glob("00[0-3]_*.txt")), SAMPLES / "hunan_2026_targets.xlsx",
           SAMPLES / "shanxi_2026_projects.docx"]


def build_folder(base: Path, files: int) -> Path:
    """A folder of ``files`` files, the sources in turn (hard links where the file system allows)."""
    folder = base / f"batch_{files}"
    folder.mkdir()
    for i in range(files):
        src = SOURCES[i % len(SOURCES)]
        dst = folder / f"{i:06d}_{src.name}"
        try:
            os.link(src, dst)
        except OSError:
            shutil.copyfile(src, dst)
    return folder


def _command(source: str | None, pycache: str) -> tuple[list[str], dict]:
    """The checker command, and its environment: the one installed beside this interpreter (or
    this interpreter's ``-m checker.cli.main``), or the package in ``source``
    (an older checkout, for a before/after comparison) first on PYTHONPATH. Bytecode goes to a
    private folder (PYTHONPYCACHEPREFIX, PYTHONDONTWRITEBYTECODE unset), as benchmarks/check.py
    does: an installed checker has its .pyc files, and a machine that forbids writing them would
    otherwise time the compiler in every process."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = pycache
    if source:
        return [sys.executable, "-m", "checker.cli.main"], {**env, "PYTHONPATH": source}
    # the checker of this interpreter's environment, never another one on PATH (run as
    # venv/bin/python without activating it, or as another Python, PATH finds another's)
    return _checker(), env


def _tree(root: int) -> list[int]:
    """``root`` and every descendant, from /proc (children files where the kernel has them)."""
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return pids


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, IndexError, ValueError):
        return 0.0


def _pss_mb(pid: int) -> float:
    """Proportional set size: pages shared by forked workers counted once across the tree."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except (OSError, IndexError, ValueError):
        pass
    return _rss_mb(pid)


def run(folder: Path, jobs: str, fmt: str, out: Path, source: str | None = None,
        pycache: str = "") -> dict:
    """Run the checker on ``folder``; wall seconds, forms, forms/s, CPU seconds, peak tree and
    process memory (MB)."""
    command, env = _command(source, pycache)
    start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen([*command, "check", str(folder), "--format", fmt, "-o", str(out), "-j", jobs],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            cwd=source)  # python -m puts the working folder first on sys.path
    tree_peak = pss_peak = one_peak = 0.0
    while proc.poll() is None:
        pids = _tree(proc.pid)
        sizes = [_rss_mb(p) for p in pids]
        tree_peak, one_peak = max(tree_peak, sum(sizes)), max(one_peak, max(sizes, default=0.0))
        pss_peak = max(pss_peak, sum(_pss_mb(p) for p in pids))
        time.sleep(0.05)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the tree's CPU: workers are waited for
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.exit(f"checker exited {proc.returncode}: {proc.stderr.read().decode()[-500:]}")
    forms = _forms(out, fmt)
    return {"wall": wall, "forms": forms, "rate": forms / wall, "cpu": cpu,
            "tree": tree_peak, "pss": pss_peak, "one": one_peak}


def _forms(out: Path, fmt: str) -> int:
    if fmt == "jsonl":
        with open(out, "rb") as fh:
            fh.seek(max(0, out.stat().st_size - 65536))
            return json.loads(fh.read().splitlines()[-1])["summary"]["forms"]
    return json.loads(out.read_text(encoding="utf-8"))["summary"]["forms"]


def dask_rate(folder: Path) -> dict:
    """Forms/s of check_many on a LocalCluster (one worker process per core), cluster started first."""
    from dask.distributed import Client, LocalCluster

    from checker.batch import check_many, cores
    from checker.pipeline import expand_paths

    paths = expand_paths([str(folder)])
    with LocalCluster(processes=True, n_workers=cores(), threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.run(lambda: __import__("checker.batch").batch._pack(None))  # each worker loads the pack once
        start = time.perf_counter()
        forms = sum(len(r.forms) for r in check_many(paths, client=client))
        wall = time.perf_counter() - start
    return {"wall": wall, "forms": forms, "rate": forms / wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,1000,2000", help="folder sizes run with -j auto")
    parser.add_argument("--serial", default="500", help="sizes also run with -j 1 ('': none)")
    parser.add_argument("--dask", type=int, default=0, help="also this many files on a Dask LocalCluster")
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "json"], help="report format written")
    parser.add_argument("--from", dest="source", metavar="DIR",
                        help="run the checker package in DIR (e.g. `git archive main | tar -x -C DIR`), to "
                             "compare with an older build (before -j auto and jsonl: --sizes '' --format json)")
    args = parser.parse_args()
    auto = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    serial = sorted(int(s) for s in args.serial.split(",") if s.strip())
    sizes = sorted(set(auto) | set(serial) | ({args.dask} if args.dask else set()))
    from checker.batch import cores

    print(f"{' '.join(_command(args.source, '')[0])} check FOLDER --format {args.format} -o FILE "
          f"(Python {sys.version.split()[0]} at {sys.executable}); {cores()} usable cores; "
          f"files from {', '.join(p.name for p in SOURCES)} in turn")
    print(f"{'files':>6} {'-j':>5} {'forms':>7} {'wall s':>8} {'forms/s':>8} {'CPU s':>7} {'forms/CPU-s':>11} "
          f"{'tree RSS MB':>12} {'tree PSS MB':>12} {'largest MB':>11}")
    with tempfile.TemporaryDirectory(prefix="checker-batch-") as tmp:
        base = Path(tmp)
        folders = {n: build_folder(base, n) for n in sizes}
        pycache = str(base / "pycache")
        # untimed: writes the bytecode and the user's rule-pack and grammar caches (a changed
        # checker rebuilds them once), so the first timed run does not pay for them
        run(build_folder(base, len(SOURCES)), "1", args.format, base / f"warm.{args.format}", args.source, pycache)
        runs = [(n, "1") for n in serial] + [(n, "auto") for n in auto]
        for n, jobs in runs:
            r = run(folders[n], jobs, args.format, base / f"report_{n}_{jobs}.{args.format}", args.source,
                    pycache)
            print(f"{n:>6} {jobs:>5} {r['forms']:>7} {r['wall']:>8.1f} {r['rate']:>8.0f} {r['cpu']:>7.1f} "
                  f"{r['forms'] / max(r['cpu'], 1e-9):>11.0f} {r['tree']:>12.0f} "
                  f"{r['pss']:>12.0f} {r['one']:>11.0f}", flush=True)
        if args.dask:
            r = dask_rate(folders[args.dask])
            print(f"{args.dask:>6} {'dask':>5} {r['forms']:>7} {r['wall']:>8.1f} {r['rate']:>8.0f} "
                  f"{'':>7} {'':>11} {'(workers)':>12} {'':>12} {'':>11}  "
                  f"LocalCluster, {cores()} worker processes, after start-up")


if __name__ == "__main__":
    main()
