"""Limits with a clear message (checker/limits.py): oversized files, zip bombs, too many rows,
YAML aliases and deep nesting, and anything but a regular file are refused with one line that
names the file and the limit, exit 2 (issue 15, items 4 and 5)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import openpyxl
import pytest

from checker import limits
from checker.errors import InputError, RulePackError
from checker.readers import read

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def small_limits():
    saved = limits.LIMITS
    yield limits.configure
    limits.LIMITS = saved


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker.cli.main", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def refused(path: Path, limit: str) -> str:
    with pytest.raises(limits.LimitError) as info:
        read(path)
    assert info.value.limit == limit
    message = str(info.value)
    assert str(path) in message and "\n" not in message
    return message


def test_file_over_the_size_limit(tmp_path, small_limits):
    small_limits(max_file_bytes=1000)
    path = tmp_path / "big.txt"
    path.write_text("项目名称\t示例\n" * 200, encoding="utf-8")
    assert "max_file_bytes" in refused(path, "max_file_bytes")


def test_text_of_too_many_lines(tmp_path, small_limits):
    small_limits(max_rows=100)
    path = tmp_path / "lines.txt"
    path.write_text("一\n" * 101, encoding="utf-8")
    assert "max_rows" in refused(path, "max_rows")


def _bomb(path: Path, member: str, size: int) -> Path:
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "示例"])
    wb.save(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member, b" " * size)
    return path


def test_zip_member_with_a_bomb_ratio_is_refused_before_parsing(tmp_path):
    path = _bomb(tmp_path / "bomb.xlsx", "xl/media/pad.xml", 5 * limits.MB)
    assert os.path.getsize(path) < 100_000
    assert "max_zip_ratio" in refused(path, "max_zip_ratio")


def test_zip_unpacking_past_the_total_is_refused(tmp_path, small_limits):
    small_limits(max_unzipped_bytes=200_000)
    path = _bomb(tmp_path / "big.xlsx", "xl/media/pad.xml", 300_000)
    assert "max_unzipped_bytes" in refused(path, "max_unzipped_bytes")


def test_workbook_over_the_row_limit(tmp_path, small_limits):
    small_limits(max_rows=500)
    wb = openpyxl.Workbook()
    for i in range(600):
        wb.active.append(["产出指标", f"指标{i}"])
    wb.save(tmp_path / "rows.xlsx")
    refused(tmp_path / "rows.xlsx", "max_rows")


def test_workbook_over_the_cell_limit(tmp_path, small_limits):
    small_limits(max_cells=1000)
    wb = openpyxl.Workbook()
    wb.active.append(["x"] * 1001)
    wb.save(tmp_path / "cells.xlsx")
    refused(tmp_path / "cells.xlsx", "max_cells")


LAUGHS = "version: 1\nforms:\n" + "".join(
    f"- &f{i}\n  - *f{i - 1}\n  - *f{i - 1}\n" if i else "- &f0\n  kind: project_target\n" for i in range(30))


def test_billion_laughs_in_a_filing_is_refused_at_once(tmp_path):
    path = tmp_path / "laughs.yaml"
    path.write_text(LAUGHS, encoding="utf-8")
    assert "aliases" in str(refused(path, "yaml"))


def test_deep_nesting_in_a_filing(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"forms": ' + "[" * 200 + "]" * 200 + "}", encoding="utf-8")
    refused(path, "max_depth")
    path = tmp_path / "deep.yaml"
    path.write_text("forms: " + "[" * 200 + "]" * 200 + "\n", encoding="utf-8")
    refused(path, "yaml")


def test_aliases_in_a_waivers_file_are_refused(tmp_path):
    from checker.rules import load_waivers

    path = tmp_path / "waivers.yaml"
    path.write_text("a: &a [x, x]\nb: &b [*a, *a]\nwaivers: [*b, *b]\n", encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_waivers(path)
    assert "aliases" in str(info.value) and str(path) in str(info.value)


def test_aliases_in_a_rule_file_are_refused(tmp_path):
    from checker.resources import rules_dir
    from checker.rules import load_pack

    text = (rules_dir() / "V206.yaml").read_text(encoding="utf-8") + "x-a: &a [1, 2]\nx-b: [*a, *a]\n"
    (tmp_path / "V206.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_pack(paths=[tmp_path / "V206.yaml"])
    assert any("aliases" in p for p in info.value.problems)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_named_and_never_opened(tmp_path):
    fifo = tmp_path / "form.txt"
    os.mkfifo(fifo)
    opened = threading.Event()

    def writer():  # if anything opened the FIFO for reading, this open would return
        fd = os.open(fifo, os.O_WRONLY)
        opened.set()
        os.close(fd)

    threading.Thread(target=writer, daemon=True).start()
    message = refused(fifo, "regular_file")
    assert "FIFO" in message
    assert not opened.wait(0.2)
    os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # release the writer thread


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_in_a_folder_and_as_waivers_file_via_the_cli(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    waivers = tmp_path / "w.yaml"
    os.mkfifo(waivers)
    proc = run("check", str(tmp_path), "--format", "json")
    assert proc.returncode == 2 and "pipe.txt" in proc.stdout and "FIFO" in proc.stdout
    proc = run("check", str(ROOT / "samples" / "handmade_project_target.txt"), "--waivers", str(waivers))
    assert proc.returncode == 2 and "w.yaml" in proc.stderr and "Traceback" not in proc.stderr


def test_device_is_refused_without_reading():
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    with pytest.raises(InputError) as info:
        read("/dev/zero")
    assert "character device" in str(info.value)


def test_defaults_are_what_the_issue_sets():
    d = limits.Limits()
    assert (d.max_file_bytes, d.max_unzipped_bytes, d.max_zip_ratio) == (50 * limits.MB, 200 * limits.MB, 100)


def test_one_part_over_the_part_limit(tmp_path, small_limits):
    small_limits(max_part_bytes=100_000)
    path = tmp_path / "part.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "示例"])
    wb.save(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("xl/media/pad.bin", os.urandom(150_000))  # incompressible: no ratio to trip
    assert "max_part_bytes" in refused(path, "max_part_bytes")
