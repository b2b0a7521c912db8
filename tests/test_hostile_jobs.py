"""With -j N, SIGTERM to the main process ends its workers too (issue 15, item 7): before, the
workers of a killed run went on checking, one for 16 minutes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROW = "产出指标\t数量指标\t示例指标{i}\t≥{i}个\n"


def _processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and entry.name != str(os.getpid()):
            try:
                if marker in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_sigterm_ends_the_workers(tmp_path):
    for n in range(4):  # slow enough files: a few seconds each
        text = "2026年项目支出绩效目标表\n项目名称\t示例\n一级指标\t二级指标\t三级指标\t指标值\n"
        (tmp_path / f"f{n}.txt").write_text(text + "".join(ROW.format(i=i) for i in range(20_000)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "checker.cli.main", "check", "-j", "2", str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    deadline = time.monotonic() + 30
    while len(_processes_with(str(tmp_path))) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)  # the main process and its two workers
    assert len(_processes_with(str(tmp_path))) >= 3, "the workers never started"
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=20)
    deadline = time.monotonic() + 5
    while _processes_with(str(tmp_path)) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _processes_with(str(tmp_path))
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "workers outlived the main process"
    assert proc.returncode != 0 and b"Traceback" not in proc.stderr
