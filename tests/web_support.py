"""Helpers for the checker serve tests: the samples, a multipart body, a live server on a free
loopback port (always stopped), and what the CLI's pipeline says about a file."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
FIXTURES = REPO / "tests" / "fixtures" / "web"
INJECTION = FIXTURES / "injection_target.txt"

# Office files a filer really sends that no reader can take: a password-protected workbook
# (an OLE2 compound file holding EncryptedPackage) and a truncated zip named .docx.
ENCRYPTED = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64
TRUNCATED = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x01" * 40


def sample_paths() -> list[Path]:
    """Every sample the page must handle: .txt, .xlsx and .docx in samples/."""
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".xlsx", ".docx"))


def cli_result(path: Path, lang: str = "zh"):
    """(FileResult, Report) of the CLI's pipeline on ``path`` with default options."""
    from checker.pipeline import CheckOptions, check_file
    from checker.report.result import Report
    from checker.web.run import pack_for

    result = check_file(str(path), pack_for(None), CheckOptions())
    return result, Report(files=[result], lang=lang)


def live_server(limit: int):
    """Serve the app on 127.0.0.1 and a free port (checker.web.local.running); always stopped."""
    from checker.web.local import running

    return running(limit)
