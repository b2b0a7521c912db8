"""``checker check PATH...``: check forms and report every violation with its place."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import click

from checker.outputs import refuse_input_as_output, write_or_stdout
from checker.pipeline import CheckOptions, check_file, expand_paths
from checker.report.result import Report

FORMATS = ("rich", "json", "sarif", "html")


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


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="rich", show_default=True,
              help="rich: terminal report; json: the v1 report contract; sarif: SARIF 2.1.0; html: a page to attach.")
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
@click.option("--brief", is_flag=True, help="Terminal report: only the file lines and the summary.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Check files in N processes (worth it for many files; the report order stays the same).")
def command(paths, fmt, output, lang, profile, select, ignore, fail_on, waivers, as_of, baseline, brief, jobs) -> int:
    """Check performance forms and report each violation with its rule code, severity,
    message and place (line:column, or sheet!cell).

    PATH is a text file extracted from Word/PDF (.txt), an .xlsx or .docx form, a canonical
    filing (.yaml/.json), or a folder (every such file in it). The input files are only read.

    \b
    Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it;
                2 an input file (or a part of one: 无法完成检查), the rule pack or
                  the output could not be read or written.
    """
    files = expand_paths(list(paths))
    refuse_input_as_output(output, files + ([waivers] if waivers else []))
    from checker.rules import load_pack

    pack = load_pack(profile=profile)
    _freeze()
    options = CheckOptions(select=_codes(select), ignore=_codes(ignore) or set(), as_of=_as_of(as_of))
    if options.as_of is not None:  # one date: --as-of also decides which waivers have expired
        options.today = options.as_of
    if waivers:
        from checker.rules import load_waivers

        options.waivers = load_waivers(Path(waivers))
    known = _load_baseline(baseline)
    results = check_files(files, pack, options, profile, jobs)
    report = Report(files=results, lang=lang, fail_on=fail_on,
                    titles={code: m["title"] for code, m in rules_meta(pack).items() if isinstance(m.get("title"), dict)})
    if known is not None:
        _filter_baseline(report, known, baseline)
    _emit(report, fmt, output, pack, brief)
    return report.exit_code()


def _load_baseline(path: str | None):
    if path is None:
        return None
    from checker.report.baseline import load_baseline

    return load_baseline(path)


def _filter_baseline(report: Report, known, path: str) -> None:
    """Leave out the baseline's findings and say on stderr how many, and how many are gone."""
    from checker.report.baseline import apply_baseline

    diff = apply_baseline(report, known)
    click.echo(f"checker: 基线 {path} 中已有 {diff.known} 个问题未显示，{diff.gone} 个已不再出现 / "
               f"{diff.known} findings already in the baseline are not shown; {diff.gone} of its findings are gone",
               err=True)


def check_files(files: list[str], pack, options: CheckOptions, profile: str | None, jobs: int) -> list:
    """FileResults in the order of ``files``; with ``jobs`` > 1 the files are shared out among
    worker processes, each loading the rule pack once."""
    if jobs == 1 or len(files) < 2:
        return [check_file(p, pack, options) for p in files]
    import signal
    from multiprocessing import Pool

    # multiprocessing.Pool, not ProcessPoolExecutor: leaving the with-block terminates the
    # workers. SIGTERM to the main process becomes SystemExit here (the handler is set after the
    # workers are forked, so they keep the default and die on terminate); before, the workers of a
    # killed run went on checking (one for 16 min).
    with Pool(min(jobs, len(files)), initializer=_init_worker, initargs=(profile, options)) as pool:
        previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
        try:
            return pool.map(_check_in_worker, files, chunksize=1)
        finally:
            signal.signal(signal.SIGTERM, previous)


def _exit_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)


_WORKER: dict = {}


def _init_worker(profile: str | None, options: CheckOptions) -> None:
    from checker.rules import load_pack

    _WORKER.update(pack=load_pack(profile=profile), options=options)
    _freeze(again=True)  # the worker's own pack and modules


_FROZEN: list[bool] = []


def _freeze(again: bool = False) -> None:
    """Start-up is over: the modules, the rule pack and the vocabularies live until the end, so
    the garbage collector is told not to walk them again on every collection (gc.freeze; no
    collection first: the little garbage start-up leaves costs less than a full collection).
    A check makes no reference cycles (tests/test_engine_per_form_cost.py), so its objects are
    freed as they go and the young generation is collected every 10,000 allocations instead of
    700: 14% -> 4% of a batch's CPU time in the collector, the same peak memory (48 seeds).
    Once per process (unless ``again``): a caller running the command in-process many times
    (tests) does not freeze each run's leftovers."""
    import gc

    if _FROZEN and not again:
        return
    _FROZEN.append(True)
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)


def _check_in_worker(path: str):
    return check_file(path, _WORKER["pack"], _WORKER["options"])


def _emit(report: Report, fmt: str, output: str | None, pack, brief: bool) -> None:
    if fmt == "rich":
        _emit_rich(report, output, brief)
        return
    if fmt == "html":
        from checker.report.html import render_html

        _write(render_html(report), output)
        return
    import json

    if fmt == "json":
        from checker.report.json_report import to_json

        data = to_json(report)
    else:
        from checker.report.sarif import to_sarif

        data = to_sarif(report, rules_meta(pack))
    _write(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)


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
