"""CPU seconds per pipeline phase of ``checker check PATHS --format json -j 1`` in one process,
without a profiler (cProfile inflates call-heavy code: its shares mislead for small functions).

Run: python benchmarks/phases.py [--copies N] [--rounds R] [PATHS...]
Without PATHS it checks the four seeds copied N times (default 12: 48 files) and
/work/shared/corpus (or ../shared/corpus beside the repository) when present, as one folder.
Prints per round the CPU seconds of read, layout, values, rules (RulePack.check) and the whole
check_file, the process total (start-up and report included) and forms per CPU second.
To compare two trees, run it with PYTHONPATH=OTHER_TREE in alternate rounds (paired).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from profile_check import CORPUS, many_forms  # noqa: E402


def _timed(owner, name: str, label: str, acc: dict[str, float]) -> None:
    """Replace ``owner.name`` by a wrapper adding its CPU seconds to ``acc[label]``."""
    inner = getattr(owner, name)

    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            acc[label] = acc.get(label, 0.0) + time.process_time() - start

    setattr(owner, name, wrapper)


def folder(tmp: Path, copies: int) -> Path:
    """``tmp/many``: the seeds copied ``copies`` times and the corpus files beside them."""
    out = many_forms(tmp / "many", copies)
    if CORPUS.is_dir():
        for f in CORPUS.iterdir():
            if f.is_file() and f.name != "INDEX.md":
                shutil.copy(f, out / f.name)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--copies", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    import checker.pipeline as pipeline
    from checker.cli.main import cli
    from checker.rules.pack import RulePack

    acc: dict[str, float] = {}
    _timed(pipeline, "read", "read", acc)
    _timed(pipeline, "_layout", "layout", acc)
    _timed(pipeline, "parse_values", "values", acc)
    _timed(RulePack, "check", "rules", acc)
    _timed(pipeline, "check_file", "check_file", acc)
    with tempfile.TemporaryDirectory(prefix="checker-phases-") as tmp:
        paths = args.paths or [str(folder(Path(tmp), args.copies))]
        report_path = Path(tmp) / "report.json"
        for n in range(args.rounds):
            acc.clear()
            start = time.process_time()
            with contextlib.suppress(SystemExit), contextlib.redirect_stderr(io.StringIO()):
                cli.main(args=["check", *paths, "--format", "json", "-j", "1", "-o", str(report_path)],
                         prog_name="checker", standalone_mode=False)
            total = time.process_time() - start
            report = json.loads(report_path.read_text(encoding="utf-8"))
            forms = sum(len(f.get("forms") or []) for f in report["files"])
            phases = "  ".join(f"{k} {acc.get(k, 0.0):.2f}" for k in ("read", "layout", "values", "rules", "check_file"))
            print(f"round {n + 1}: {len(report['files'])} files, {forms} forms; CPU s: {phases}  total {total:.2f}  "
                  f"({forms / total:.0f} forms per CPU s)")


if __name__ == "__main__":
    main()
