"""The check pipeline for one file: read → layout → values → rules → findings.

``check_file`` never raises for bad input: an unreadable file becomes a ``FileResult`` with
``error`` set (exit code 2), and everything the layout could not place is a finding (X901,
X902). Only a broken rule pack (``RulePackError``) ends the whole run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from checker.errors import InputError, no_form
from checker.model import SEVERITY_RANK, Filing, Finding
from checker.readers import SUPPORTED, is_supported, read
from checker.report.grouping import group_document_findings, group_template_findings
from checker.report.result import FileResult
from checker.rules.codes import apply_severities
from checker.rules.doubts import fold_doubts, fold_label_cascade


@dataclass
class CheckOptions:
    """What ``checker check`` was asked for. Codes in ``select``/``ignore`` match by prefix
    (``S1`` selects S101–S113); ``as_of`` overrides the budget year for dated parameters."""

    select: set[str] | None = None
    ignore: set[str] = field(default_factory=set)
    as_of: date | None = None
    waivers: object | None = None  # checker.rules Waivers, already loaded
    today: date = field(default_factory=date.today)
    keep_document: bool = False  # FileResult.document keeps the cells read (the web page draws them)


def expand_paths(args: list[str]) -> list[str]:
    """Command-line paths to files: a folder means every supported file in it (sorted,
    recursively); a missing path is kept so that ``check_file`` reports it."""
    out: list[str] = []
    for arg in args:
        p = Path(arg)
        if p.is_dir():
            # not is_dir(): a FIFO or device with a form's name is named and refused by read(), never skipped in silence
            found = sorted(str(f) for f in p.rglob("*") if not f.is_dir() and is_supported(f))
            out.extend(found)
            if not found:
                out.append(arg)  # reported as "no readable file in this folder"
        else:
            out.append(arg)
    return out


def check_file(path: str, pack, options: CheckOptions) -> FileResult:
    """Check one file with a loaded rule pack. Never raises for bad input (see module doc);
    a checker bug on this file is reported as this file's error, and the other files go on."""
    try:
        return _check_file(path, pack, options)
    except RecursionError:
        return FileResult(path=path, error=f"{path}: the file is nested too deeply to be read")
    except Exception as exc:  # noqa: BLE001 - a bug of ours on this file must not stop the others
        return FileResult(path=path, error=f"{path}: internal error while checking this file "
                          f"({type(exc).__name__}: {exc}); please report it with the file")


def _check_file(path: str, pack, options: CheckOptions) -> FileResult:
    if Path(path).is_dir():
        kinds = ", ".join(SUPPORTED)
        return FileResult(path=path, error=f"{path}: no readable file in this folder (looked for {kinds})")
    try:
        doc = read(path)
        filing = doc.filing if doc.filing is not None else _layout(doc)
    except InputError as exc:
        return FileResult(path=path, error=str(exc))
    if not filing.forms:
        if not filing.findings:
            return FileResult(path=path, error=str(no_form(path)))
        findings = apply_severities(filing.findings, getattr(pack, "code_severities", {}))
        result = FileResult(path=path, findings=_ordered(findings), incomplete=_unread(filing.findings))
        if options.keep_document:
            result.document = doc
        return result
    parse_values(filing)
    result = FileResult(path=path, forms=filing.forms, findings=_ordered(judge(filing, pack, options)),
                        incomplete=_unread(filing.findings))
    if options.keep_document:
        result.document = doc
    return result


def judge(filing: Filing, pack, options: CheckOptions, *, keep_doubts_of: str | None = None) -> list[Finding]:
    """The findings of a laid-out filing whose values are parsed: the layout's, then the rules',
    with what ``checker check`` does to them — no table-content rule on a table not read, the
    profile's severities of built-in codes, --select/--ignore, one cause one finding (template
    findings and doubts folded), waivers. Rule examples run through this too (``keep_doubts_of``:
    a rule's code whose X903 doubts stay selected), so an example passes only where a check would."""
    findings = list(filing.findings)
    findings += pack.check(filing, as_of=options.as_of, select=options.select, ignore=options.ignore or None)
    findings = apply_severities(_drop_cascade_on_unread_tables(findings), getattr(pack, "code_severities", {}))
    if options.select or options.ignore:
        findings = [f for f in findings if _selected(f.code, options)
                    or (keep_doubts_of and f.data.get("rule") == keep_doubts_of)]
    findings = fold_doubts(_group(fold_label_cascade(findings, filing), filing))
    if options.waivers is not None:
        from checker.rules import apply_waivers

        findings = apply_waivers(findings, options.waivers, options.today, filing=filing)
    return findings


def _unread(findings: list[Finding]) -> bool:
    """True when a reader said a part of the file was not read at all (``data["unread"]``)."""
    return any(f.data.get("unread") for f in findings)


def _layout(doc) -> Filing:
    from checker.layout import find_forms

    return find_forms(doc)


def parse_values(filing: Filing) -> None:
    """Fill ``Indicator.parsed`` (or ``parse_error``) for every indicator with a value.

    A value the grammar rejects is kept as an error message for rule V211; it never stops
    the other indicators from being checked.
    """
    from checker.values import ValueParseError, parse_value

    for form in filing.forms:
        for ind in [*form.indicators, *form.period_indicators]:
            if not (ind.value or ind.unit or ind.value_type):
                continue
            try:
                ind.parsed = parse_value(ind.value, ind.unit, ind.value_type)
            except ValueParseError as exc:
                ind.parse_error = str(exc)


# Rules about what a form's indicator table holds; on a table the layout reported as cut off
# (X902) their findings would blame the filer for what the export lost.
_TABLE_CONTENT_RULES = ("S101", "S102", "S103", "S105", "S106", "S107", "V209")


# Rules over all of a table's rows; on a form the document ends inside (X902 ``cut``) the rows
# after the cut were never read: weights and scores that do not add up, or costs below the budget
# (a sum already above it stays), are not the filer's.
_WHOLE_TABLE_RULES = ("E403", "E405", "S115")
_SHORT_OF_BUDGET = {("M303", "below"), ("M303", "alt_total"), ("M306", "below")}  # (code, variant)

# Rules about the header block; on a form the document begins inside it was above the cut.
_HEADER_RULES = ("S111",)


def _drop_cascade_on_unread_tables(findings: list[Finding]) -> list[Finding]:
    """Leave out table-content findings on forms whose table the layout could not read or the
    document ends inside (X902 says so once for the form)."""
    from checker.layout.cutoff import CUT_OFF
    from checker.layout.untitled import CUT_START

    not_read = [f for f in findings if f.code == "X902" and f.form]
    if not not_read:
        return findings
    unread = {f.form for f in not_read}
    # A form the document ends inside, or begins inside (its first rows lost with its header).
    cut = {f.form for f in not_read if f.data.get("cut") in (CUT_OFF, CUT_START)}
    start = {f.form for f in not_read if f.data.get("cut") == CUT_START}
    # Above the cut stood the header block too: its X902 says it was not read, so no S111 doubt.
    findings = [f for f in findings if not (f.form in start and f.data.get("rule") in _HEADER_RULES)]
    return [f for f in findings if not (f.form in unread and f.code in _TABLE_CONTENT_RULES)
            and not (f.form in cut and (f.code in _WHOLE_TABLE_RULES or (f.code, f.variant) in _SHORT_OF_BUDGET))]


def _selected(code: str, options: CheckOptions) -> bool:
    if options.select and not any(code.startswith(s) for s in options.select):
        return False
    return not any(code.startswith(s) for s in options.ignore)


def _group(findings: list[Finding], filing: Filing) -> list[Finding]:
    # Two forms sharing a finding are still read best one by one; a template shows from three on.
    return group_template_findings(group_document_findings(findings, min_forms=3), filing.forms, min_forms=3)


def _ordered(findings: list[Finding]) -> list[Finding]:
    """Findings in document order, most severe first within one place."""

    def key(f: Finding):
        p = f.place
        return (p.sheet or "", p.line or 0, p.table or 0, p.row or 0, _cell_key(p.cell),
                p.column or 0, -SEVERITY_RANK[f.severity], f.code)

    return sorted(findings, key=key)


def _cell_key(cell: str | None) -> tuple[int, str]:
    if not cell:
        return (0, "")
    digits = "".join(ch for ch in cell if ch.isdigit())
    return (int(digits) if digits else 0, cell)
