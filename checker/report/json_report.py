"""The JSON report, version 1 (shared/DESIGN.md §5): what scripts read.

The given fields never change; this renderer adds ``messages`` (every language), ``waived``,
``count`` and ``row`` to findings, ``name`` to forms, ``incomplete`` to files, and ``waived``,
``unreadable``, ``incomplete``, ``failed`` and ``codes`` to the summary. Money amounts are strings of the exact Decimal.
Does not import rich: ``checker check --format json`` starts fast. ``write_json_stream`` writes the
same report file by file and ``write_jsonl`` one line per file, keeping only running counts.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from dataclasses import asdict, is_dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from checker.model import Finding, Form, Place
from checker.report.result import Entry, FileResult, Report
from checker.report.wording import SEVERITIES, lang_of

VERSION = 1
SCHEMA = Path(__file__).with_name("report-v1.schema.json")  # JSON Schema 2020-12 of this report


def report_schema() -> dict[str, Any]:
    """The published JSON Schema of the v1 report (checker/report/report-v1.schema.json), for
    scripts and tests that validate what ``to_json`` gives. Raises OSError if not installed."""
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def to_json(report: Report) -> dict[str, Any]:
    """The report as a JSON-ready dict (``json.dumps(..., ensure_ascii=False)`` it).

    Shape: ``{"version": 1, "files": [...], "summary": {...}}`` as DESIGN.md §5; messages in
    ``report.lang`` (zh fallback). Raises nothing for well-formed Reports; values in
    ``Finding.data`` that JSON cannot hold (Decimal, Place, dataclasses) become strings/dicts.
    """
    lang = lang_of(report.lang)
    tally = Tally(report.fail_on)  # the one summary, streamed or not
    for result in report.files:
        tally.add(result)
    return {
        "version": VERSION,
        "files": [_file(result, lang) for result in report.files],
        "summary": tally.summary(),
    }


def _file(result: FileResult, lang: str) -> dict[str, Any]:
    return {
        "path": result.path,
        "forms": [_form(form) for form in result.forms],
        "findings": [] if result.error else [_finding(f, lang) for f in result.findings],
        "error": result.error,
        "incomplete": result.incomplete,
    }


def _form(form: Form) -> dict[str, Any]:
    budget = form.budget
    return {
        "id": form.id,
        "kind": form.kind,
        "title": form.title,
        "name": form.name,
        "year": form.year,
        "budget": None if budget is None else {"amount": str(budget.amount), "unit": budget.unit},
        "indicators": form.indicator_count,
        "place": _place(form.place),
    }


def _finding(finding: Finding, lang: str) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity,
        "message": finding.text(lang),
        "messages": dict(finding.message),
        "form": finding.form,
        "indicator": list(finding.indicator) if finding.indicator else None,
        "place": _place(finding.place),
        "data": plain(finding.data),
        "row": finding.row_text,
        "waived": finding.waived,
        "count": finding.count,
    }


def _place(place: Place) -> dict[str, Any]:
    return place.to_dict()


# The types JSON writes as they are (not their subclasses: plain() looks at those in full).
_AS_IS = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """``value`` with Decimals as strings, Places as place dicts, tuples/sets as lists."""
    cls = type(value)
    if cls in _AS_IS:  # most of a finding's data
        return value
    # A finding's data and its lists hold mostly strings and numbers: those are taken as they
    # are, without a call per value (what _converted returns for them).
    if cls is dict:
        return {k if type(k) is str else str(k): v if type(v) in _AS_IS else plain(v) for k, v in value.items()}
    if cls is list:
        return [v if type(v) in _AS_IS else plain(v) for v in value]
    return _converted(value)


def _converted(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Place):
        return value.to_dict()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):  # sorted: the same report gives the same JSON
        return [plain(v) for v in sorted(value, key=str)]
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return plain(asdict(value))
    return str(value)


# --------------------------------------------------------------------------- streaming
# A batch of 10^4–10^6 files cannot keep every result to build the dict above at the end: these
# write the same report one file at a time, keeping only the running summary (``Tally``).


class Tally:
    """The v1 summary of files handed in one at a time (``to_json`` builds its summary with it
    too), and the exit code ``Report.exit_code`` would give. Keeps counts, never the results."""

    def __init__(self, fail_on: str = "error"):
        self.fail_on = fail_on
        self.files = self.forms = self.waived = self.unreadable = self.incomplete = 0
        self.findings = {sev: 0 for sev in SEVERITIES}
        self.codes: dict[str, dict[str, int]] = {}
        self.failed_findings = False

    def add(self, result: FileResult | Entry) -> None:
        """Count one file's forms and findings (waived ones apart, as ``code_counts``), from its
        result or from the Entry a worker wrote of it."""
        from checker.model import SEVERITY_RANK

        forms, found = (result.forms, result.tallied) if isinstance(result, Entry) else (len(result.forms), tallied(result))
        self.files += 1
        self.forms += forms
        self.unreadable += bool(result.error)
        self.incomplete += bool(result.incomplete and not result.error)
        floor = SEVERITY_RANK[self.fail_on]
        for code, key in found:
            counts = self.codes.setdefault(code, {})
            counts[key] = counts.get(key, 0) + 1
            if key == "waived":
                self.waived += 1
                continue
            self.findings[key] += 1
            self.failed_findings = self.failed_findings or SEVERITY_RANK[key] >= floor

    def exit_code(self) -> int:
        """0 clean, 1 findings at or above ``fail_on``, 2 a file or a part of one not read."""
        if self.unreadable or self.incomplete:
            return 2
        return 1 if self.failed_findings else 0

    def summary(self) -> dict[str, Any]:
        """The v1 report's ``summary`` object."""
        return {
            "files": self.files,
            "forms": self.forms,
            "findings": dict(self.findings),
            "waived": self.waived,
            "unreadable": self.unreadable,
            "incomplete": self.incomplete,
            "failed": self.exit_code() != 0,
            "codes": {code: dict(self.codes[code]) for code in sorted(self.codes)},
        }


def tallied(result: FileResult) -> tuple[tuple[str, str], ...]:
    """Per finding of ``result``, in order: its code and its severity, ``"waived"`` for a waived one
    (what Tally counts)."""
    return tuple((f.code, "waived" if f.waived else f.severity) for f in result.findings)


# What json.dumps(..., ensure_ascii=False) makes per call, without its search for cycles: _file and
# plain build every list and dict of an entry afresh from a finding's values, so an entry is a tree.
_ONE_LINE = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def entry_text(result: FileResult, lang: str, fmt: str) -> str:
    """One file's entry as ``fmt`` writes it: ``jsonl`` its line, newline included; ``json`` its
    object as it stands in the v1 report's ``files``, indented two levels (4 spaces), without the
    separator before it. ``lang`` as ``lang_of`` gives it. Raises ValueError for another format."""
    if fmt == "jsonl":
        return _ONE_LINE.encode(_file(result, lang)) + "\n"
    if fmt == "json":
        text = json.dumps(_file(result, lang), ensure_ascii=False, indent=2)
        # Every line break JSON writes is a \n of its own: it escapes \n and \r in strings, not
        # U+0085/U+2028/U+2029, which textwrap.indent (str.splitlines) would break a string at.
        return "    " + text.replace("\n", "\n    ")
    raise ValueError(f"no file entry for the format {fmt!r}")


def entry(result: FileResult, lang: str, fmt: str) -> Entry:
    """``result`` as the Entry that ``write_jsonl`` (``fmt`` "jsonl") or ``write_json_stream``
    ("json") writes of it: what a batch worker sends back (``check_many(render=...)``)."""
    lang = lang_of(lang)
    return Entry(path=result.path, text=entry_text(result, lang, fmt), fmt=fmt, lang=lang, forms=len(result.forms),
                 tallied=tallied(result), error=result.error, incomplete=result.incomplete)


def _text(result: FileResult | Entry, lang: str, fmt: str) -> str:
    """The entry's text in ``fmt`` and ``lang``. Raises ValueError for an Entry written in
    another format or language (it would write a report of mixed entries)."""
    if not isinstance(result, Entry):
        return entry_text(result, lang, fmt)
    if (result.fmt, result.lang) != (fmt, lang):
        raise ValueError(f"{result.path}: an entry written as {result.fmt}/{result.lang} in a {fmt}/{lang} report")
    return result.text


def write_json_stream(results: Iterable[FileResult | Entry], out: TextIO, lang: str = "zh",
                      fail_on: str = "error") -> Tally:
    """Write the v1 report of ``results`` to ``out`` as each result arrives: the header, each
    file's entry, the summary last. Byte for byte what ``json.dumps(to_json(report),
    ensure_ascii=False, indent=2) + "\\n"`` gives for a Report of the same files. A result may be
    the Entry a worker wrote of it (``entry(result, lang, "json")``). Returns the Tally (exit
    code). Raises OSError when ``out`` cannot be written."""
    lang = lang_of(lang)
    tally = Tally(fail_on)
    out.write('{\n  "version": %d,\n  "files": [' % VERSION)
    for result in results:
        tally.add(result)
        out.write(("\n" if tally.files == 1 else ",\n") + _text(result, lang, "json"))
    out.write("\n  ]" if tally.files else "]")
    summary = textwrap.indent(json.dumps(tally.summary(), ensure_ascii=False, indent=2), "  ", lambda _: True)
    out.write(',\n  "summary": ' + summary.lstrip() + "\n}\n")
    return tally


def write_jsonl(results: Iterable[FileResult | Entry], out: TextIO, lang: str = "zh",
                fail_on: str = "error") -> Tally:
    """JSON Lines (``--format jsonl``): one line per file as it arrives, the object a v1 report's
    ``files[]`` entry holds (``path``, ``forms``, ``findings``, ``error``, ``incomplete``), then one
    last line ``{"version": 1, "summary": {...}}`` (the v1 summary; it has no ``path``, so a
    reader tells it apart). A result may be the Entry a worker wrote of it (``entry(result, lang,
    "jsonl")``). Returns the Tally. Raises OSError when ``out`` cannot be written."""
    lang = lang_of(lang)
    tally = Tally(fail_on)
    for result in results:
        tally.add(result)
        out.write(_text(result, lang, "jsonl"))
    out.write(json.dumps({"version": VERSION, "summary": tally.summary()}, ensure_ascii=False) + "\n")
    return tally
