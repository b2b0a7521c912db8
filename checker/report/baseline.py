"""``checker check --baseline OLD.json``: report only what is new against an earlier report.

A policy team runs this year's pack once (``--format json -o old.json``), then next year's
profile with ``--baseline old.json`` and sees exactly what the change brings; a filer sees only
what an edit introduced. A finding is the same when its file name, code, severity, form number,
indicator and Chinese message agree (places may shift as rows are added; a changed amount changes
the message and a profile's new severity the severity, so both count as new). Duplicates are
matched one for one.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from checker.errors import CheckerError
from checker.report.result import FileResult, Report

Key = tuple[str, str, str, str, tuple[str, ...], str]


@dataclass
class BaselineDiff:
    """What filtering against a baseline did: findings ``known`` (left out of the report) and
    ``gone`` (in the baseline, no longer found)."""

    known: int
    gone: int


def load_baseline(path: str) -> Counter:
    """The findings of a v1 JSON report as a multiset of keys. Raises CheckerError naming the
    file when it is missing, not JSON, or not a checker report."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise CheckerError(f"--baseline {path}: cannot be read ({exc.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CheckerError(f"--baseline {path}: not a JSON report ({exc}); expected the output of "
                           "`checker check --format json`") from None
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("files"), list):
        raise CheckerError(f"--baseline {path}: not a checker report (expected version 1 with a 'files' list, "
                           "as `checker check --format json` writes)")
    keys: Counter = Counter()
    for f in data["files"]:
        for d in (f.get("findings") or []) if isinstance(f, dict) else []:
            if isinstance(d, dict):
                msg = (d.get("messages") or {}).get("zh") or d.get("message") or ""
                keys[_key(str(f.get("path", "")), str(d.get("code", "")), str(d.get("severity", "")), d.get("form"),
                          d.get("indicator"), msg)] += 1
    return keys


class BaselineFilter:
    """Takes a baseline's findings out of results one file at a time (a streamed batch never
    holds the whole report); ``diff()`` says how many were known and how many are gone."""

    def __init__(self, baseline: Counter):
        self.left = Counter(baseline)
        self.known = 0

    def apply(self, result: FileResult) -> FileResult:
        """Remove from ``result`` (in place, and return it) every finding the baseline still has."""
        kept = []
        for f in result.findings:
            k = _key(result.path, f.code, f.severity, f.form, f.indicator, f.message.get("zh", ""))
            if self.left[k] > 0:
                self.left[k] -= 1
                self.known += 1
            else:
                kept.append(f)
        result.findings = kept
        return result

    def diff(self) -> BaselineDiff:
        return BaselineDiff(known=self.known, gone=sum(self.left.values()))


def apply_baseline(report: Report, baseline: Counter) -> BaselineDiff:
    """Remove from ``report`` every finding the baseline has (one for one); return the counts."""
    keep = BaselineFilter(baseline)
    for result in report.files:
        keep.apply(result)
    return keep.diff()


def _key(path: str, code: str, severity: str, form, indicator, message: str) -> Key:
    form_no = str(form).rsplit("#", 1)[-1] if form else ""
    return (Path(path).name, code, severity, form_no, tuple(str(x) for x in (indicator or [])), message)
