"""Issue 15's hostile inputs through `checker serve`'s API: each uploadable one (benchmarks/hostile.py
builds them) gets an answer — 4xx where the CLI exits 2, never a 500 — and the server keeps
serving a normal form afterwards."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="checker[web] is not installed (pip install -e '.[web]')")
pytest.importorskip("httpx", reason="Starlette's TestClient needs httpx (pip install -e '.[test]')")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402

from checker.web.app import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
_UPLOAD_MAX = 30 * 1024 * 1024  # bigger files are the upload limit's (413), tested in test_web_api


def _hostile_cases(folder: Path) -> list[tuple[str, Path]]:
    """(name, file) of every hostile input that is one uploadable file checked with no options."""
    spec = importlib.util.spec_from_file_location("hostile_bench", ROOT / "benchmarks" / "hostile.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    out = []
    for name, args, extra in bench.build(folder):
        if args[0] != "check" or extra.get("env") or (len(args) > 2 and not args[2].startswith("--select")):
            continue
        path = Path(args[1])
        if path.is_file() and path.stat().st_size <= _UPLOAD_MAX:
            out.append((name, path))
    return out


def test_hostile_uploads_get_an_answer_and_the_server_keeps_serving(tmp_path):
    cases = _hostile_cases(tmp_path)
    assert len(cases) >= 8
    normal = ROOT / "samples" / "handmade_project_target.txt"
    with TestClient(create_app(), raise_server_exceptions=False) as client:
        for name, path in cases:
            cli = subprocess.run([sys.executable, "-m", "checker.cli.main", "check", str(path), "--format", "json"],
                                 capture_output=True, text=True, timeout=120)
            r = client.post("/api/check", files=[("file", (path.name, path.read_bytes()))])
            assert r.status_code < 500, (name, r.status_code, r.text[:200])
            if cli.returncode == 2:
                assert 400 <= r.status_code < 500, (name, r.status_code)
            assert "Traceback" not in r.text and "internal error" not in r.text, name
        after = client.post("/api/check", files=[("file", (normal.name, normal.read_bytes()))])
    assert after.status_code == 200 and after.json()["files"][0]["findings"]
