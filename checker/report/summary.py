"""What every renderer computes the same way: ordering, grouping by form, counts, the verdict.

Pure functions over ``Report`` / ``FileResult`` (checker/report/result.py); no rich, so the
JSON and SARIF renderers can use them without slowing start-up.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from checker.model import SEVERITY_RANK, Finding, Form, Place
from checker.report.result import FileResult, Report
from checker.report.wording import SEVERITIES, counted, lang_of, say


def place_key(place: Place) -> tuple:
    """Reading order of a place: PDF page, line (text), then sheet and cell, then table/row/col."""
    return (
        place.page or 0,
        place.box[1] if place.box else 0,  # on a PDF page, top to bottom: tables and lines between
        place.line if place.line is not None else 0,
        place.column or 0,
        place.sheet or "",
        _cell_key(place.cell),
        place.table or 0,
        place.row or 0,
        place.col or 0,
    )


def _cell_key(cell: str | None) -> tuple[int, str]:
    # D10 after D9: compare the row number as a number, then the column letters.
    if not cell:
        return (0, "")
    letters = cell.rstrip("0123456789")
    digits = cell[len(letters):]
    return (int(digits) if digits else 0, letters)


def ordered(findings: list[Finding]) -> list[Finding]:
    """Findings in reading order; at one place, errors before warnings before info."""
    return sorted(findings, key=lambda f: (place_key(f.place), -SEVERITY_RANK[f.severity], f.code))


@dataclass
class FormSection:
    """The findings of one form (``form`` None: document-level or of an unknown form)."""

    form: Form | None
    findings: list[Finding] = field(default_factory=list)


def sections(result: FileResult) -> tuple[list[FormSection], list[Finding], int]:
    """Split a file's findings for display.

    Returns (sections with unwaived findings, document-level first, then forms in reading
    order; the waived findings in reading order; the number of forms without findings).
    """
    known = {form.id: form for form in result.forms}
    document = FormSection(None)
    per_form = {form.id: FormSection(form) for form in result.forms}
    waived: list[Finding] = []
    for finding in result.findings:
        if finding.waived:
            waived.append(finding)
        elif finding.form in known:
            per_form[finding.form].findings.append(finding)
        else:
            document.findings.append(finding)
    forms = sorted(result.forms, key=lambda f: place_key(f.place))
    shown = [per_form[f.id] for f in forms if per_form[f.id].findings]
    if document.findings:
        shown.insert(0, document)
    for section in shown:
        section.findings = ordered(section.findings)
    clean = sum(1 for f in result.forms if not per_form[f.id].findings)
    return shown, ordered(waived), clean


def code_counts(report: Report) -> dict[str, Counter]:
    """Per rule code: a Counter of error/warning/info (unwaived) and ``waived``; codes sorted."""
    counts: dict[str, Counter] = {}
    for result in report.files:
        for finding in result.findings:
            key = "waived" if finding.waived else finding.severity
            counts.setdefault(finding.code, Counter())[key] += 1
    return dict(sorted(counts.items()))


def waived_count(report: Report) -> int:
    """How many findings a waiver covers (shown and counted apart)."""
    return sum(1 for r in report.files for f in r.findings if f.waived)


def verdict(report: Report) -> tuple[bool, str]:
    """(passed, the verdict line) in the report's language.

    Fails when a file could not be read or a finding is at or above ``report.fail_on``:
    ``✗ 3 个错误，7 个警告 — 将被退回`` / ``✓ no errors, 2 warnings``.
    """
    lang = lang_of(report.lang)
    counts = report.counts()
    parts = [counted(sev, counts[sev], lang) for sev in SEVERITIES if counts[sev]]
    if waived_count(report):
        parts.append(counted("waived", waived_count(report), lang))
    unreadable = sum(1 for r in report.files if r.error)
    if unreadable:
        parts.insert(0, say("files_unreadable", lang, n=unreadable))
    sep = "，" if lang == "zh" else ", "
    if report.failed():
        return False, f"✗ {sep.join(parts)} — {say('verdict_fail', lang)}"
    if unreadable:  # nothing the filer must fix was found, but not everything was checked
        return False, f"✗ {sep.join(parts)}"
    if report.fail_on == "error" or not any(counts[s] for s in SEVERITIES):
        head = say("verdict_ok", lang)
    else:
        head = say("verdict_ok_at", lang, sev=say(report.fail_on, lang))
    return True, sep.join([f"✓ {head}", *parts])
