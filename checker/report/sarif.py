"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, VS Code SARIF viewer, …).

One run; one rule per code found, with its severity, title and help text from the rule pack;
one result per finding. A text place becomes a region (1-based lines and columns counted in
code points, hence ``columnKind: unicodeCodePoints``); a spreadsheet cell, a Word table cell or
a PDF page has no text lines, so it goes to ``logicalLocations`` as ``Sheet1!D3`` and into the
message text, and its region is the artifact's first line (GitHub code scanning refuses a result
without ``region.startLine``: Multitool rule GH1003). Artifact URIs are
percent-encoded (non-ASCII file names are the rule here). Does not import rich.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from checker import __version__
from checker.model import SEVERITY_RANK, Finding, Place
from checker.report.json_report import plain
from checker.report.result import Report
from checker.report.wording import lang_of, message_of

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def to_sarif(report: Report, rules_meta: dict[str, dict]) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log (a JSON-ready dict).

    ``rules_meta`` maps a code to ``{"title": {"zh", "en"}, "severity", "source", "help"}``
    (title and help may also be plain strings); a code it lacks still gets a rule, with the
    severity its findings carry. Messages are in ``report.lang`` (zh fallback). Files that
    could not be read become error notifications of the invocation.
    """
    lang = lang_of(report.lang)
    paths = [r.path for r in report.files]
    findings = [(i, f) for i, r in enumerate(report.files) if not r.error for f in r.findings]
    codes = sorted({f.code for _, f in findings})
    index = {code: n for n, code in enumerate(codes)}
    rules = [_rule(code, rules_meta.get(code) or {}, [f for _, f in findings if f.code == code], lang)
             for code in codes]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "checker",
                "version": __version__,
                "rules": rules,
            }},
            "language": "zh-CN" if lang == "zh" else "en",
            "columnKind": "unicodeCodePoints",
            "artifacts": [{"location": {"uri": artifact_uri(p)}} for p in paths],
            "invocations": [_invocation(report)],
            "results": [_result(f, i, paths[i], index[f.code], lang) for i, f in findings],
        }],
    }


def artifact_uri(path: str) -> str:
    """A file path as a URI reference: relative stays relative, absolute becomes file://.

    Non-ASCII characters, spaces, ``%`` and ``#`` are percent-encoded (UTF-8), as SARIF
    requires of URIs: ``报表/目标表.txt`` -> ``%E6%8A%A5%E8%A1%A8/%E7%9B%AE...``.
    """
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(path.replace(os.sep, "/"), safe="/")


def _text(value: Any, lang: str) -> str:
    """Rule-pack text: a {zh, en} dict in ``lang``; other dicts and lists joined; else str."""
    if isinstance(value, dict):
        if "zh" in value or "en" in value:
            return str(value.get(lang) or value.get("zh") or value.get("en") or "")
        return " ".join(_text(v, lang) for v in value.values() if v)
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v, lang) for v in value if v)
    return str(value or "")


def _rule(code: str, meta: dict, findings: list[Finding], lang: str) -> dict[str, Any]:
    severity = meta.get("severity")
    if severity not in LEVELS:  # unknown to the rule pack: the strongest severity it was given
        severity = max((f.severity for f in findings), key=SEVERITY_RANK.__getitem__)
    title = _text(meta.get("title"), lang) or code
    rule: dict[str, Any] = {
        "id": code,
        "shortDescription": {"text": title},
        "defaultConfiguration": {"level": LEVELS[severity]},
        "properties": {"severity": severity},
    }
    help_text = _text(meta.get("help"), lang)
    source = meta.get("source")
    if source:
        rule["properties"]["source"] = _text(source, lang)
        help_text = f"{help_text}\n\n{_text(source, lang)}".strip()
    if help_text:
        rule["help"] = {"text": help_text}
        rule["fullDescription"] = {"text": help_text.split("\n")[0]}
    if isinstance(meta.get("title"), dict):
        rule["properties"]["title"] = dict(meta["title"])
    return rule


def _result(finding: Finding, file_index: int, path: str, rule_index: int, lang: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": _message(finding, lang)},
        "locations": [_location(finding, file_index, path)],
        "partialFingerprints": {"checkerFinding/v1": _fingerprint(finding, path)},
        "properties": _properties(finding),
    }
    if finding.waived:
        result["suppressions"] = [{"kind": "external", "status": "accepted"}]
    return result


def _message(finding: Finding, lang: str) -> str:
    """The message, with the cell named when the region cannot point at it."""
    text = message_of(finding, lang)
    if _cell_name(finding.place) is None or _region(finding.place, "") is not None:
        return text
    return f"{text}（{finding.place.short('zh')}）" if lang_of(lang) == "zh" else f"{text} ({finding.place.short()})"


def _location(finding: Finding, file_index: int, path: str) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path), "index": file_index},
                                "region": _region(finding.place, finding.row_text) or {"startLine": 1}}
    location: dict[str, Any] = {"physicalLocation": physical}
    cell = _cell_name(finding.place)
    if cell:
        location["logicalLocations"] = [{"name": cell, "fullyQualifiedName": cell, "kind": "element"}]
    return location


def _region(place: Place, row_text: str) -> dict[str, Any] | None:
    """A text region; None for spreadsheet, Word-table and PDF places, which have no text lines."""
    if (place.line is None or place.sheet is not None or place.cell is not None or place.table is not None
            or place.page is not None):
        return None
    region: dict[str, Any] = {"startLine": place.line}
    if place.column:
        region["startColumn"] = place.column
    if place.end_line:
        region["endLine"] = place.end_line
    if place.end_column and place.column:
        region["endColumn"] = place.end_column
    if row_text:
        region["snippet"] = {"text": row_text}
    return region


def _cell_name(place: Place) -> str | None:
    if place.sheet is not None or place.cell is not None:
        return f"{place.sheet or ''}!{place.cell or ''}"
    if place.table is not None or place.page is not None:
        return place.short()
    return None


def _properties(finding: Finding) -> dict[str, Any]:
    props: dict[str, Any] = {"severity": finding.severity, "messages": dict(finding.message)}
    if finding.form:
        props["form"] = finding.form
    if finding.indicator:
        props["indicator"] = list(finding.indicator)
    if finding.data:
        props["data"] = plain(finding.data)
    if finding.count > 1:
        props["count"] = finding.count
    return props


def _fingerprint(finding: Finding, path: str) -> str:
    """Stable across runs and line shifts: file, rule, form, indicator and message."""
    parts = [path, finding.code, finding.form or "", "/".join(finding.indicator or []),
             finding.message.get("zh", "")]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _invocation(report: Report) -> dict[str, Any]:
    notes = [
        {
            "level": "error",
            "message": {"text": result.error},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(result.path), "index": i}}}],
        }
        for i, result in enumerate(report.files)
        if result.error
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not notes}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation
