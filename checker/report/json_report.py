"""The JSON report, version 1 (shared/DESIGN.md §5): what scripts read.

The given fields never change; this renderer adds ``messages`` (every language), ``waived``,
``count`` and ``row`` to findings, ``name`` to forms, ``incomplete`` to files, and ``waived``,
``unreadable``, ``incomplete``, ``failed`` and ``codes`` to the summary. Money amounts are strings of the exact Decimal.
Does not import rich: ``checker check --format json`` starts fast.
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from checker.model import Finding, Form, Place
from checker.report.result import FileResult, Report
from checker.report.summary import code_counts, waived_count
from checker.report.wording import SEVERITIES, lang_of

VERSION = 1
SCHEMA = Path(__file__).with_name("report-v1.schema.json")  # JSON Schema 2020-12 of this report


def report_schema() -> dict[str, Any]:
    """The published JSON Schema of the v1 report (checker/report/report-v1.schema.json), for
    scripts and tests that validate what ``to_json`` gives. Raises OSError if not installed."""
    import json

    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def to_json(report: Report) -> dict[str, Any]:
    """The report as a JSON-ready dict (``json.dumps(..., ensure_ascii=False)`` it).

    Shape: ``{"version": 1, "files": [...], "summary": {...}}`` as DESIGN.md §5; messages in
    ``report.lang`` (zh fallback). Raises nothing for well-formed Reports; values in
    ``Finding.data`` that JSON cannot hold (Decimal, Place, dataclasses) become strings/dicts.
    """
    lang = lang_of(report.lang)
    counts = report.counts()
    return {
        "version": VERSION,
        "files": [_file(result, lang) for result in report.files],
        "summary": {
            "files": len(report.files),
            "forms": sum(len(r.forms) for r in report.files),
            "findings": {sev: counts[sev] for sev in SEVERITIES},
            "waived": waived_count(report),
            "unreadable": sum(1 for r in report.files if r.error),
            "incomplete": report.incomplete(),
            "failed": report.exit_code() != 0,
            "codes": {code: dict(c) for code, c in code_counts(report).items()},
        },
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
        "indicators": len(form.indicators),
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


def plain(value: Any) -> Any:
    """``value`` with Decimals as strings, Places as place dicts, tuples/sets as lists."""
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
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
