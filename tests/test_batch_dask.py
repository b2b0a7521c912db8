"""Beyond one machine (issue 14 item 4): the same check on a Dask cluster gives the same report.

Runs on a ``dask.distributed.LocalCluster`` of two worker processes, one thread each; skipped
when the ``checker[dask]`` extra is not installed (``pip install -e '.[test,dask]'``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("dask.distributed", reason="needs the dask extra: pip install -e '.[dask]'")

from checker.batch import check_many  # noqa: E402
from checker.report.json_report import to_json  # noqa: E402
from checker.report.result import Report  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PATHS = [str(SAMPLES / name) for name in (
    "000_3dc31615842cc839.txt", "003_fcba76fadf4b07a9.txt", "handmade_project_self_eval.txt",
    "handmade_project_target.txt", "hunan_2026_targets.xlsx", "shanxi_2026_projects.docx")]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1,
                                  dashboard_address=None) as local, distributed.Client(local) as client:
        yield local, client


def test_the_cluster_finds_what_the_local_run_finds_in_the_same_order(cluster, tmp_path):
    _, client = cluster
    missing = str(tmp_path / "missing.txt")
    paths = [*PATHS, missing]
    on_cluster = to_json(Report(list(check_many(paths, client=client))))
    local = to_json(Report(list(check_many(paths, jobs=1))))
    assert on_cluster == local
    assert [f["path"] for f in on_cluster["files"]] == paths
    assert on_cluster["summary"]["findings"]["error"] > 0 and on_cluster["files"][-1]["error"]


def test_checker_check_scheduler_writes_the_same_report(cluster):
    local, _ = cluster
    args = [sys.executable, "-m", "checker.cli.main", "check", *PATHS, "--format", "json"]
    here = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=300)
    there = subprocess.run([*args, "--scheduler", local.scheduler_address], capture_output=True, text=True,
                           cwd=ROOT, timeout=300)
    assert "Traceback" not in there.stderr, there.stderr
    assert there.returncode == here.returncode == 1
    assert there.stdout == here.stdout
    assert json.loads(there.stdout)["summary"]["files"] == len(PATHS)
