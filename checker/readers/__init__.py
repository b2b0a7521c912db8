"""Readers: one per input kind, each turning a file into a ``Document`` of cells with places.

``read(path)`` picks the reader by extension, and by content where the extension lies
(a .txt that is really a zip, say). Every failure is an ``InputError`` naming the file.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from checker.errors import InputError
from checker.model import Document

# extension → (module, function); modules load lazily so a text check never imports openpyxl.
READERS = {
    ".txt": ("checker.readers.text", "read_text"),
    ".text": ("checker.readers.text", "read_text"),
    ".csv": ("checker.readers.text", "read_text"),
    ".tsv": ("checker.readers.text", "read_text"),
    ".xlsx": ("checker.readers.xlsx", "read_xlsx"),
    ".xlsm": ("checker.readers.xlsx", "read_xlsx"),
    ".docx": ("checker.readers.docx", "read_docx"),
    ".yaml": ("checker.readers.filing", "read_filing"),
    ".yml": ("checker.readers.filing", "read_filing"),
    ".json": ("checker.readers.filing", "read_filing"),
}

SUPPORTED = sorted(READERS)


def read(path: str | Path) -> Document:
    """Read one input file. Raises InputError (missing, unreadable, unsupported, damaged)."""
    p = Path(path)
    if not p.exists():
        raise InputError(str(path), "no such file")
    if p.is_dir():
        raise InputError(str(path), "is a folder, expected a file")
    suffix = p.suffix.lower()
    if suffix not in READERS:
        suffix = _sniff(p)
    module_name, func = READERS[suffix]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError:
        raise InputError(str(path), f"reading {suffix} files is not supported yet") from None
    return getattr(module, func)(p)


def _sniff(p: Path) -> str:
    """Guess the kind of a file whose extension is unknown, from its first bytes."""
    try:
        with p.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise InputError(str(p), f"cannot be read ({exc.strerror})") from None
    if head.startswith(b"PK\x03\x04"):
        if b"xl/" in head:
            return ".xlsx"
        if b"word/" in head:
            return ".docx"
        raise InputError(str(p), "a zip archive that is neither .xlsx nor .docx")
    if head.lstrip().startswith((b"{", b"version:", b"forms:")):
        return ".json" if head.lstrip().startswith(b"{") else ".yaml"
    return ".txt"


def is_supported(path: Path) -> bool:
    """True for files a folder argument should include (by extension)."""
    return path.suffix.lower() in READERS
