"""``checker check PATH...``: check forms and report every violation with its place."""

from __future__ import annotations

import io
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

from checker.outputs import refuse_input_as_output, write_or_stdout
from checker.pipeline import CheckOptions, expand_paths
from checker.report.result import Report

FORMATS = ("rich", "json", "jsonl", "sarif", "html")
STREAMED = ("json", "jsonl")  # written file by file as the batch runs; the others need every result
BRIEF_ABOVE = 5  # a rich report of more files than this is brief unless --full: a newcomer can read it


def _codes(value: str | None) -> set[str] | None:
    if not value:
        return None
    return {c.strip().upper() for c in value.replace(";", ",").split(",") if c.strip()}


def _as_of(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; expected YYYY-MM-DD, e.g. 2026-01-01") from None


class JobsType(click.ParamType):
    """``-j auto`` (one process per core) or ``-j N`` (N ≥ 1); auto is None to checker.batch."""

    name = "N|auto"

    def convert(self, value, param, ctx):
        if value is None or (isinstance(value, str) and value.strip().lower() == "auto"):
            return None
        try:
            n = int(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of processes; expected auto or a whole number ≥ 1", param, ctx)
        if n < 1:
            self.fail(f"{n} processes: expected auto or a whole number ≥ 1", param, ctx)
        return n


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="rich", show_default=True,
              help="rich: terminal report; json: the v1 report contract; jsonl: one line per file (a v1 files[] "
                   "entry), then a summary line; sarif: SARIF 2.1.0; html: a page to attach.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the report to FILE instead of standard output.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the messages.")
@click.option("--profile", default=None, metavar="NAME",
              help="Rule profile overlay (rules/profiles/NAME.yaml), e.g. a province's practice.")
@click.option("--select", default=None, metavar="CODES",
              help="Only these rule codes or prefixes, comma-separated (e.g. S1,M303).")
@click.option("--ignore", default=None, metavar="CODES",
              help="Leave out these rule codes or prefixes, comma-separated.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--waivers", type=click.Path(exists=True, dir_okay=False), default=None,
              help="YAML file of approved waivers (code, form, indicator, reason, approved_by, expires).")
@click.option("--as-of", "as_of", default=None, metavar="DATE",
              help="Judge as on DATE (YYYY-MM-DD): the rule parameters in force then (instead of those of the "
                   "form's budget year) and the waivers not yet expired then (instead of today's).")
@click.option("--baseline", type=click.Path(dir_okay=False), default=None, metavar="OLD.json",
              help="Report only findings not in OLD.json (an earlier `--format json` report): what an edit "
                   "or a new profile changes.")
@click.option("--brief/--full", "brief", default=None,
              help=f"Terminal report: --brief prints only a line per file, the summary and the verdict; "
                   f"--full every finding. Default: brief for more than {BRIEF_ABOVE} files, else full.")
@click.option("--jobs", "-j", type=JobsType(), default="auto", show_default=True,
              help="Check files in N processes; auto: one per CPU core this process may use (for one file: 1). "
                   "The report order stays the input order.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Check on a Dask cluster, e.g. tcp://HOST:8786 (needs checker[dask]; the workers must "
                   "have checker installed and see the same paths). Overrides --jobs.")
def command(paths, fmt, output, lang, profile, select, ignore, fail_on, waivers, as_of, baseline, brief, jobs,
            scheduler) -> int:
    """Check performance forms and report each violation with its rule code, severity,
    message and place (line:column, or sheet!cell).

    PATH is a text file extracted from Word/PDF (.txt), an .xlsx or .docx form, a canonical
    filing (.yaml/.json), or a folder (every such file in it). The input files are only read.
    json and jsonl are written file by file as the batch runs (jsonl: one object per file, then
    a summary line); rich, sarif and html are written at the end.

    \b
    Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it;
                2 an input file (or a part of one: 无法完成检查), the rule pack or
                  the output could not be read or written.
    """
    files = expand_paths(list(paths))
    refuse_input_as_output(output, files + ([waivers] if waivers else []))
    from checker.rules import load_pack

    pack = load_pack(profile=profile)
    from checker.batch import freeze_startup

    freeze_startup()
    options = CheckOptions(select=_codes(select), ignore=_codes(ignore) or set(), as_of=_as_of(as_of))
    if options.as_of is not None:  # one date: --as-of also decides which waivers have expired
        options.today = options.as_of
    if waivers:
        from checker.rules import load_waivers

        options.waivers = load_waivers(Path(waivers))
    known = _load_baseline(baseline)
    with _scheduler(scheduler) as client:
        # a streamed report's entries are written where each file is checked, unless the baseline
        # must first take findings out of them
        render = _entry_writer(fmt, lang) if fmt in STREAMED and known is None else None
        results = _results(files, pack, options, profile, jobs, client, fmt, output, render)
        keep = None
        if known is not None:
            results, keep = _filtered(results, known)
        if fmt in STREAMED:
            code = _stream(results, fmt, output, lang, fail_on)
        else:
            report = Report(files=list(results), lang=lang, fail_on=fail_on, titles=_titles(pack))
    if keep is not None:
        _say_baseline(keep.diff(), baseline)
    if fmt in STREAMED:
        return code
    _emit(report, fmt, output, pack, len(files) > BRIEF_ABOVE if brief is None else brief)
    return report.exit_code()


def _titles(pack) -> dict[str, dict[str, str]]:
    """Code → {zh, en} rule title, for the summary table."""
    return {code: m["title"] for code, m in rules_meta(pack).items() if isinstance(m.get("title"), dict)}


def _results(files, pack, options, profile, jobs, client, fmt, output, render):
    """The slim results in input order (or their entries, ``render``), from this machine's cores
    or the Dask scheduler, with a progress bar on stderr when it is a terminal (and the report is
    not streamed onto it)."""
    import sys

    from checker.batch import check_many, with_progress

    results = check_many(files, options, profile=profile, jobs=jobs, client=client, pack=pack, render=render)
    report_on_terminal = fmt in STREAMED and output is None and sys.stdout.isatty()
    bar = len(files) > 1 and sys.stderr.isatty() and not report_on_terminal
    return with_progress(results, len(files), enabled=bar)


def _entry_writer(fmt: str, lang: str):
    """What a worker makes of a file's result for a streamed format: its report entry
    (``json_report.entry``), so that only the entry's text and counts come back."""
    from functools import partial

    from checker.report.json_report import entry

    return partial(entry, lang=lang, fmt=fmt)


@contextmanager
def _scheduler(address: str | None):
    """A client of the Dask scheduler at ``address`` (None: no client), closed at the end.
    CheckerError (exit 2, one line) when the extra is not installed or the scheduler cannot be
    reached."""
    if address is None:
        yield None
        return
    from checker.errors import CheckerError

    try:
        from dask.distributed import Client
    except ImportError:
        raise CheckerError("--scheduler needs Dask: pip install 'checker[dask]'") from None
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise CheckerError(f"--scheduler {address}: cannot reach the Dask scheduler ({exc})") from None
    with client:
        yield client


def _stream(results, fmt: str, output: str | None, lang: str, fail_on: str) -> int:
    """Write a streamed format file by file; the exit code from the running tally."""
    from checker.outputs import StreamOutput
    from checker.report.json_report import write_json_stream, write_jsonl

    out = StreamOutput(output)
    try:
        tally = (write_jsonl if fmt == "jsonl" else write_json_stream)(results, out, lang, fail_on)
    finally:
        out.close()
    return tally.exit_code()


def _filtered(results, known):
    """``results`` with the baseline's findings taken out file by file, and the filter (its diff)."""
    from checker.report.baseline import BaselineFilter

    keep = BaselineFilter(known)
    return (keep.apply(r) for r in results), keep


def _load_baseline(path: str | None):
    if path is None:
        return None
    from checker.report.baseline import load_baseline

    return load_baseline(path)


def _say_baseline(diff, path: str) -> None:
    """Say on stderr how many baseline findings were left out, and how many are gone."""
    click.echo(f"checker: 基线 {path} 中已有 {diff.known} 个问题未显示，{diff.gone} 个已不再出现 / "
               f"{diff.known} findings already in the baseline are not shown; {diff.gone} of its findings are gone",
               err=True)


def _emit(report: Report, fmt: str, output: str | None, pack, brief: bool) -> None:
    if fmt == "rich":
        _emit_rich(report, output, brief)
        return
    if fmt == "html":
        from checker.report.html import render_html

        _write(render_html(report), output)
        return
    import json

    from checker.report.sarif import to_sarif

    _write(json.dumps(to_sarif(report, rules_meta(pack)), ensure_ascii=False, indent=2) + "\n", output)


def _emit_rich(report: Report, output: str | None, brief: bool) -> None:
    from rich.console import Console

    from checker.report.rich_report import render_rich

    if output is None:
        render_rich(report, Console(), brief=brief)
        return
    buf = io.StringIO()
    render_rich(report, Console(file=buf, width=120, no_color=True), brief=brief)
    _write(buf.getvalue(), output)


def _write(text: str, output: str | None) -> None:
    write_or_stdout(text, output)


def rules_meta(pack) -> dict[str, dict]:
    """Per code: title, severity, source and help, for SARIF's tool.driver.rules (GitHub code
    scanning wants fullDescription and help on every rule): a rule's description (else its
    message) as help; the built-in codes (S113, X9xx) from rules/codes.yaml."""
    from checker.rules.codes import builtin_codes

    meta = {code: {"title": m.get("title") or {}, "severity": m.get("severity", "warning"),
                   "source": m.get("source", ""), "help": m.get("help") or {}}
            for code, m in builtin_codes().items()}
    for rule in getattr(pack, "rules", []):
        meta[rule.code] = {
            "title": getattr(rule, "title", {}),
            "severity": getattr(rule, "severity", "warning"),
            "source": getattr(rule, "source", ""),
            "help": getattr(rule, "description", None) or getattr(rule, "message", ""),
        }
    return meta
