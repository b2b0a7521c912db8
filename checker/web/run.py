"""Checking uploads with the same pipeline as ``checker check``, keeping nothing afterwards.

The readers take a path, so each upload is written to a private temporary file (a 0700 folder,
in memory under /dev/shm where the system has it) and deleted in a ``finally`` before the
answer is sent. Results name the file as the filer uploaded it, never the temporary path.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from checker.pipeline import CheckOptions, check_file
from checker.readers import SUPPORTED
from checker.report.result import FileResult, Report
from checker.web.upload import Upload

PASTED_NAME = "粘贴的文本.txt"


@lru_cache(maxsize=8)
def pack_for(profile: str | None):
    """The rule pack for ``profile`` (None: the baseline), loaded once per process. Raises
    CheckerError (RulePackError) for a broken pack or unknown profile, as ``checker check``."""
    from checker.rules import load_pack

    return load_pack(profile=profile)


def profiles() -> list[str]:
    """Profile names shipped in rules/profiles/*.yaml, sorted."""
    from checker.resources import rules_dir

    return sorted(p.stem for p in (rules_dir() / "profiles").glob("*.yaml"))


def parse_as_of(text: str | None) -> date | None:
    """The as-of date from a form field: empty is None. Raises ValueError for a non-date."""
    text = (text or "").strip()
    return date.fromisoformat(text) if text else None


def check_uploads(uploads: list[Upload], profile: str | None, as_of: date | None,
                  lang: str, keep_document: bool = False) -> tuple[Report, object]:
    """(the Report of every upload in order, the rule pack used). ``keep_document`` keeps each
    file's cells for the page. Raises CheckerError only for a broken rule pack."""
    pack = pack_for(profile or None)
    options = CheckOptions(as_of=as_of, keep_document=keep_document)
    results = [_check_one(u, pack, options) for u in uploads]
    return Report(files=results, lang=lang), pack


def _check_one(upload: Upload, pack, options: CheckOptions) -> FileResult:
    folder = tempfile.mkdtemp(prefix="checker-", dir=_memory_dir())  # mkdtemp makes it 0700
    path = os.path.join(folder, "upload" + _suffix(upload.name))
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(upload.data)
        result = check_file(path, pack, options)
    finally:
        _remove(path, folder)
    return _renamed(result, path, upload.name)


def _suffix(name: str) -> str:
    # The reader is chosen by extension (and by content where it lies); an unknown one is sniffed.
    suffix = Path(name).suffix.lower()
    return suffix if suffix in SUPPORTED else ".txt"


def _memory_dir() -> str | None:
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None


def _remove(path: str, folder: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    os.rmdir(folder)


def _renamed(result: FileResult, tmp: str, name: str) -> FileResult:
    """``result`` naming ``name`` where it named the temporary path (path, error, form ids, and the
    messages and data of findings: a document-level finding lists its forms' ids)."""
    result.path = name
    if result.error:
        result.error = result.error.replace(tmp, name)
    for form in result.forms:
        form.id = form.id.replace(tmp, name)
    result.findings = [replace(f, form=f.form.replace(tmp, name)) if f.form else f for f in result.findings]
    for f in result.findings:
        for lang, text in list(f.message.items()):
            if tmp in text:
                f.message[lang] = text.replace(tmp, name)
        for key, value in list(f.data.items()):
            if isinstance(value, str) and tmp in value:
                f.data[key] = value.replace(tmp, name)
            elif isinstance(value, list):
                f.data[key] = [v.replace(tmp, name) if isinstance(v, str) else v for v in value]
    return result
