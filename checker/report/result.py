"""The result model every renderer reads: one ``FileResult`` per input file, in a ``Report``.

Renderers (rich terminal, JSON per shared/DESIGN.md §5, SARIF 2.1.0, HTML) take a ``Report``
and never re-run any check, so all formats show the same findings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from checker.model import SEVERITY_RANK, Finding, Form, Money, Place


@dataclass
class FileResult:
    """What checking one file gave: its forms, its findings, or the error that stopped it.

    ``error`` is a one-line message when the file could not be read (then ``findings`` is
    empty and ``forms`` too). ``incomplete`` is True when a part of it could not be read (a
    damaged sheet: a finding with ``data["unread"]``), so the check cannot say "no errors". ``rows`` maps a line number to the raw line, so a renderer can
    show the offending row as it stood.
    """

    path: str
    forms: list[Form] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    # The Document as read, only when CheckOptions.keep_document asked for it (checker serve
    # draws the cells; no renderer reads it, and worker processes never pickle it back).
    document: object | None = None
    incomplete: bool = False


@dataclass(frozen=True)
class FormHead:
    """What every renderer reads of a form, without its cells, header fields and indicators:
    the slim form a worker process (or a Dask worker) sends back instead of the parsed ``Form``.

    Same attribute names as ``Form`` (``id``, ``kind``, ``title``, ``place``, ``year``, ``name``,
    ``budget`` as ``Money`` in 元 or 万元, ``indicator_count``), so renderers take either.
    """

    id: str
    kind: str
    title: str
    place: Place
    year: int | None = None
    name: str = ""
    budget: Money | None = None
    indicator_count: int = 0

    @classmethod
    def of(cls, form: Form) -> "FormHead":
        """The head of a parsed form (its budget's ``Money`` is kept: small, and exact)."""
        return cls(id=form.id, kind=form.kind, title=form.title, place=form.place, year=form.year,
                   name=form.name, budget=form.budget, indicator_count=form.indicator_count)


@dataclass(frozen=True)
class Entry:
    """One file's entry of a JSON or JSON Lines report, written where the file was checked (a
    batch worker: ``checker.report.json_report.entry``), with what the report's summary counts of
    it. A worker sends this back instead of the file's findings, so the findings are not pickled
    and unpickled, and writing the report is shared by the workers instead of falling on the
    process that collects their results.

    ``text``: the entry as the format ``fmt`` writes it in the language ``lang`` (``jsonl``: the
    line with its newline; ``json``: the object indented as it stands in ``files``); ``forms``:
    how many forms; ``tallied``: per finding, in order, its code and its severity (``"waived"``
    for a waived one).
    """

    path: str
    text: str
    fmt: str
    lang: str
    forms: int
    tallied: tuple[tuple[str, str], ...] = ()
    error: str | None = None
    incomplete: bool = False


def slim(result: FileResult) -> FileResult:
    """``result`` with only what a report needs: forms as ``FormHead``, no Document. Findings
    are kept whole (every renderer prints them). What a batch keeps or pickles per file."""
    return FileResult(path=result.path, forms=[FormHead.of(f) for f in result.forms],
                      findings=result.findings, error=result.error, incomplete=result.incomplete)


@dataclass
class Report:
    """All files of one run, plus the options that shape verdict and exit code.

    ``fail_on`` is the lowest severity that fails the run (``error`` by default).
    """

    files: list[FileResult]
    lang: str = "zh"
    fail_on: str = "error"
    # code → {zh, en} rule title, for the summary table (checker check fills it from the pack)
    titles: dict[str, dict[str, str]] = field(default_factory=dict)

    def counts(self) -> Counter:
        """Findings by severity, waived ones left out."""
        return Counter(f.severity for r in self.files for f in r.findings if not f.waived)

    def failed(self) -> bool:
        """True when a finding at or above ``fail_on`` is present (waived ones do not count)."""
        floor = SEVERITY_RANK[self.fail_on]
        return any(
            SEVERITY_RANK[f.severity] >= floor for r in self.files for f in r.findings if not f.waived
        )

    def incomplete(self) -> int:
        """How many files were read only in part (fail closed: the verdict is 无法完成检查)."""
        return sum(1 for r in self.files if r.incomplete and not r.error)

    def exit_code(self) -> int:
        """0 clean, 1 findings at or above ``fail_on``, 2 a file or a part of one could not be
        read (the check could not be completed, whatever was found)."""
        if any(r.error for r in self.files) or self.incomplete():
            return 2
        return 1 if self.failed() else 0
