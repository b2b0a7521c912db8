"""The result model every renderer reads: one ``FileResult`` per input file, in a ``Report``.

Renderers (rich terminal, JSON per shared/DESIGN.md §5, SARIF 2.1.0, HTML) take a ``Report``
and never re-run any check, so all formats show the same findings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from checker.model import SEVERITY_RANK, Finding, Form


@dataclass
class FileResult:
    """What checking one file gave: its forms, its findings, or the error that stopped it.

    ``error`` is a one-line message when the file could not be read (then ``findings`` is
    empty and ``forms`` too). ``rows`` maps a line number to the raw line, so a renderer can
    show the offending row as it stood.
    """

    path: str
    forms: list[Form] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    # The Document as read, only when CheckOptions.keep_document asked for it (checker serve
    # draws the cells; no renderer reads it, and worker processes never pickle it back).
    document: object | None = None


@dataclass
class Report:
    """All files of one run, plus the options that shape verdict and exit code.

    ``fail_on`` is the lowest severity that fails the run (``error`` by default).
    """

    files: list[FileResult]
    lang: str = "zh"
    fail_on: str = "error"

    def counts(self) -> Counter:
        """Findings by severity, waived ones left out."""
        return Counter(f.severity for r in self.files for f in r.findings if not f.waived)

    def failed(self) -> bool:
        """True when a finding at or above ``fail_on`` is present (waived ones do not count)."""
        floor = SEVERITY_RANK[self.fail_on]
        return any(
            SEVERITY_RANK[f.severity] >= floor for r in self.files for f in r.findings if not f.waived
        )

    def exit_code(self) -> int:
        """0 clean, 1 findings at or above ``fail_on``, 2 a file could not be read."""
        if any(r.error for r in self.files):
            return 2
        return 1 if self.failed() else 0
