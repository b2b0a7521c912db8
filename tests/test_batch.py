"""A batch that streams (issue 14 item 3): results in input order as they complete, slim results
from the workers, the v1 JSON report written file by file and byte-identical to the report built
at the end, JSON Lines, -j auto, and no progress bar where stderr is not a terminal."""

from __future__ import annotations

import io
import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from checker.batch import check_many, cores, resolve_jobs, with_progress
from checker.pipeline import CheckOptions, check_file
from checker.report.json_report import Tally, entry, to_json, write_json_stream, write_jsonl
from checker.report.result import Entry, FileResult, FormHead, Report, slim
from checker.rules import load_pack
from test_report_samples import sample_report

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# One of each reader's shapes, the biggest seed (59 forms) among them.
MIXED = [SAMPLES / "001_8a4c236ab4738456.txt", SAMPLES / "003_fcba76fadf4b07a9.txt",
         SAMPLES / "handmade_project_target.txt", SAMPLES / "hunan_2026_targets.xlsx",
         SAMPLES / "shanxi_2026_projects.docx"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker.cli.main", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def built_at_the_end(paths: list[str], fail_on: str = "error") -> str:
    """The report as it was made before streaming: every full result kept, one dumps at the end."""
    pack = load_pack()
    report = Report([check_file(p, pack, CheckOptions()) for p in paths], fail_on=fail_on)
    return json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"


@pytest.fixture(scope="module")
def paths(tmp_path_factory) -> list[str]:
    bad = tmp_path_factory.mktemp("batch") / "empty.txt"
    bad.write_bytes(b"")  # an unreadable file in the middle: its error, exit 2, the others go on
    return [str(MIXED[0]), str(bad), *map(str, MIXED[1:])]


def test_streamed_json_report_is_byte_identical_to_the_one_built_at_the_end(paths):
    proc = run("check", *paths, "--format", "json", "-j", "2")
    assert proc.stdout == built_at_the_end(paths)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_streamed_json_of_hand_made_reports_matches_to_json_with_waived_and_unreadable():
    for fail_on in ("error", "warning", "info"):
        report = sample_report()
        report.fail_on = fail_on
        out = io.StringIO()
        tally = write_json_stream(report.files, out, report.lang, fail_on)
        assert out.getvalue() == json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"
        assert tally.exit_code() == report.exit_code()
    empty = io.StringIO()
    write_json_stream([], empty)
    assert empty.getvalue() == json.dumps(to_json(Report([])), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_entries_written_by_workers_make_the_report_their_results_make(fmt):
    """A worker sends back the file's entry (its text and what the summary counts), not its
    findings: the report and the exit code are the same, with waived findings, an unreadable
    file and every fail-on, and with entries and results mixed (a file lost on a cluster comes
    back as a result)."""
    write = write_jsonl if fmt == "jsonl" else write_json_stream
    for fail_on in ("error", "warning", "info"):
        report = sample_report()
        damaged = report.files[0]  # a file read in part: the verdict is 2 whatever its findings
        report.files.append(FileResult(path="damaged.xlsx", findings=list(damaged.findings), incomplete=True))
        for lang in ("zh", "en"):
            entries = [entry(r, lang, fmt) for r in report.files]
            mixed = [e if i % 2 else r for i, (e, r) in enumerate(zip(entries, report.files))]
            written = []
            for results in (report.files, entries, mixed):
                out = io.StringIO()
                tally = write(results, out, lang, fail_on)
                written.append((out.getvalue(), tally.exit_code(), tally.summary()))
            assert written[0] == written[1] == written[2]
            _, code, summary = written[0]
            waived = sum(f.waived for r in report.files for f in r.findings)
            assert code == report.exit_code() == 2 and summary["incomplete"] == 1
            assert summary["waived"] == waived > 0
            assert {k: n for k, n in summary["findings"].items() if n} == dict(report.counts())


def test_a_batch_hands_back_what_render_makes_of_each_file_in_input_order():
    from functools import partial

    paths = [str(p) for p in (MIXED[1], MIXED[0], MIXED[3])]
    render = partial(entry, lang="en", fmt="jsonl")
    plain = [render(r) for r in check_many(paths, jobs=1)]
    for jobs in (1, 2):
        got = list(check_many(paths, jobs=jobs, render=render))
        assert all(isinstance(e, Entry) for e in got) and got == plain
    assert [json.loads(e.text)["path"] for e in plain] == paths and plain[0].forms == 59


def _failing_render(result):
    raise RuntimeError("a bug of the writer's")


def test_a_render_that_raises_gives_the_result_back_for_the_writer_to_fail_on():
    # where the file was checked (a pool or a Dask worker) the file is not lost: the caller's own
    # writer renders the result and fails as an internal error, not as an unread file
    paths = [str(MIXED[2]), str(MIXED[0])]
    for jobs in (1, 2):
        got = list(check_many(paths, jobs=jobs, render=_failing_render))
        assert [r.path for r in got] == paths and all(isinstance(r, FileResult) and r.findings for r in got)


def test_an_entry_is_written_only_in_its_own_format_and_language():
    result = sample_report().files[0]
    with pytest.raises(ValueError, match="written as json/zh"):
        write_jsonl([entry(result, "zh", "json")], io.StringIO())
    with pytest.raises(ValueError, match="written as jsonl/zh"):
        write_jsonl([entry(result, "zh", "jsonl")], io.StringIO(), lang="en")


def test_tally_gives_the_exit_code_of_the_report():
    report = sample_report()
    tally = Tally()
    for result in report.files[:2]:  # without the unreadable file: findings decide
        tally.add(result)
    assert tally.exit_code() == Report(report.files[:2]).exit_code() == 1
    assert tally.summary() == to_json(Report(report.files[:2]))["summary"]


def test_jsonl_has_one_line_per_file_as_in_the_v1_report_then_the_summary(paths):
    proc = run("check", *paths, "--format", "jsonl")
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    full = json.loads(built_at_the_end(paths))
    assert lines[:-1] == full["files"]
    assert lines[-1] == {"version": 1, "summary": full["summary"]}
    assert proc.returncode == 2


def test_results_come_in_input_order_whatever_the_number_of_processes():
    order = [str(p) for p in (MIXED[1], MIXED[0], MIXED[3], MIXED[2])]  # the slow one first
    one = list(check_many(order, jobs=1))
    two = list(check_many(order, jobs=2))
    assert [r.path for r in two] == order
    assert [json.dumps(to_json(Report([r]))) for r in one] == [json.dumps(to_json(Report([r]))) for r in two]


def test_workers_send_back_slim_results_the_report_reads_alike():
    full = check_file(str(MIXED[1]), load_pack(), CheckOptions())
    small = slim(full)
    assert all(isinstance(f, FormHead) for f in small.forms) and len(small.forms) == len(full.forms) == 59
    assert to_json(Report([small])) == to_json(Report([full]))
    assert len(pickle.dumps(small)) * 3 < len(pickle.dumps(full))  # cells and indicators stay behind


def test_jobs_auto_means_one_process_per_usable_core_and_never_more_than_the_files():
    assert resolve_jobs(None, 1) == 1
    assert resolve_jobs(None, 10_000) == cores() >= 1
    assert resolve_jobs(3, 2) == 2 and resolve_jobs(1, 50) == 1


def test_jobs_option_takes_auto_or_a_positive_number():
    bad = run("check", str(MIXED[2]), "-j", "0")
    assert bad.returncode == 2 and "auto or a whole number" in bad.stderr
    assert run("check", str(MIXED[2]), "-j", "auto", "--format", "json").returncode == 1


def test_no_progress_bar_when_stderr_is_not_a_terminal():
    proc = run("check", *map(str, MIXED), "--format", "jsonl", "-o", "/dev/null")
    assert proc.stderr == ""


def test_progress_passes_every_result_through_in_order():
    results = [FileResult(f"f{i}.txt") for i in range(5)]
    bar = io.StringIO()
    assert list(with_progress(iter(results), 5, enabled=True, delay=0, stream=bar)) == results
    assert list(with_progress(iter(results), 5, enabled=False)) == results


def test_forked_workers_check_with_the_pack_the_caller_gave():
    # county-review raises V206 (legacy glyphs, in both files) from info to warning
    paths = [str(SAMPLES / "000_3dc31615842cc839.txt"), str(MIXED[2])]
    list(check_many(paths, jobs=2, pack=load_pack()))  # the baseline pack first: a stale one at hand
    county = load_pack(profile="county-review")
    one = [to_json(Report([r])) for r in check_many(paths, jobs=1, pack=county)]
    two = [to_json(Report([r])) for r in check_many(paths, jobs=2, pack=county)]
    plain = [to_json(Report([r])) for r in check_many(paths, jobs=1)]
    assert two == one != plain  # and the parent's own state is not changed by it


def test_a_batch_can_run_from_another_thread_than_the_main_one():
    import threading

    got: list = []
    worker = threading.Thread(target=lambda: got.extend(check_many([str(MIXED[2]), str(MIXED[0])], jobs=2)))
    worker.start()
    worker.join(timeout=240)
    assert [r.path for r in got] == [str(MIXED[2]), str(MIXED[0])] and all(r.findings for r in got)


@pytest.mark.parametrize("name", ["hunan_2026_targets.xlsx", "shanxi_2026_projects.docx"])
def test_checked_collects_the_cycles_a_package_reader_leaves(name):
    """openpyxl and python-docx leave reference cycles (holding the package's XML) that reference
    counting never frees; with the collector seldom running during a check (freeze_startup's
    threshold), `checked` collects them between files: none is left after it, while a plain
    check leaves some."""
    import gc

    from checker.batch import checked

    pack, options, path = load_pack(), CheckOptions(), str(SAMPLES / name)
    checked(path, pack, options)  # imports and first-use set-up, not counted
    was = gc.isenabled()
    gc.disable()  # no collection but the ones asked for
    try:
        gc.collect()
        slim(check_file(path, pack, options))
        assert gc.collect() > 0  # the library's cycles, left by a plain check
        checked(path, pack, options)
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
