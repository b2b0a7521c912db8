"""Readers: one per input kind, each turning a file into a ``Document`` of cells with places.

``read(path)`` picks the reader by extension, and by content where the extension lies
(a .txt that is really a zip, say). Every failure is an ``InputError`` naming the file.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from checker.errors import InputError
from checker.readers import container
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
    ".docm": ("checker.readers.docx", "read_docx"),
    ".xls": ("checker.readers.xls", "read_xls"),
    ".et": ("checker.readers.xls", "read_xls"),  # WPS 表格: by content an .xls or an .xlsx
    ".wps": ("checker.readers.docx", "read_docx"),  # WPS 文字: by content a .docx, else an old .doc
    ".pdf": ("checker.readers.pdf", "read_pdf"),
    ".yaml": ("checker.readers.filing", "read_filing"),
    ".yml": ("checker.readers.filing", "read_filing"),
    ".json": ("checker.readers.filing", "read_filing"),
}

SUPPORTED = sorted(READERS)


def read(path: str | Path) -> Document:
    """Read one input file. Raises InputError (missing, unreadable, unsupported, damaged).

    The content decides where it can: a workbook named .docx is read as a workbook, a text
    export named .xlsx as text; a password-protected or old binary Office file gets a message
    that says so whatever its name.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(str(path), "文件不存在 / no such file")
    if p.is_dir():
        raise InputError(str(path), "这是文件夹，不是文件 / is a folder, expected a file")
    suffix = _reader_suffix(p)
    module_name, func = READERS[suffix]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError:
        raise InputError(str(path), f"reading {suffix} files is not supported yet") from None
    return getattr(module, func)(p)


_NOT_READABLE = {
    container.ENCRYPTED: "文件设有密码，请去掉密码另存后再检查 / a password-protected Office file; save it without "
                         "a password and try again",
    container.OLE: "旧版 Word 文件（.doc），请另存为 .docx / an old binary Office file (.doc); save it as .docx "
                   "and try again",
    container.ZIP: "压缩包既不是 .xlsx 也不是 .docx，或已损坏 / a zip archive that is neither .xlsx nor .docx, or a "
                   "damaged one",
}
_OFFICE = {".xlsx": container.XLSX, ".xlsm": container.XLSX, ".docx": container.DOCX, ".docm": container.DOCX}
# Names whose content must be a binary file of this kind (or, for WPS's names, an Office zip).
_BINARY = {".xls": "Excel 97–2003 (.xls)", ".et": "WPS 表格 (.et)", ".wps": "WPS 文字 (.wps)", ".pdf": "PDF"}


def _reader_suffix(p: Path) -> str:
    """The READERS key for a file: by content for Office containers, else by extension."""
    kind = container.sniff(p)
    suffix = p.suffix.lower()
    if kind in (container.XLSX, container.DOCX):
        return suffix if _OFFICE.get(suffix) == kind else f".{kind}"
    if kind == container.EMPTY:
        raise InputError(str(p), "文件为空 / the file is empty; expected a form (.txt, .xlsx, .docx or a YAML/JSON filing)")
    if kind in (container.PDF, container.XLS):
        return f".{kind}"
    if kind in (container.ENCRYPTED, container.OLE, container.ZIP):
        if suffix in _OFFICE:  # require() words the message for the kind the name promises
            container.require(p, _OFFICE[suffix])
        raise InputError(str(p), _NOT_READABLE[kind])
    if suffix in _OFFICE:
        return _text_or_office_error(p, _OFFICE[suffix])
    if suffix in _BINARY:
        return _text_or_binary_error(p, _BINARY[suffix])
    if suffix in READERS:
        return suffix
    return _sniff(p)


def _text_or_office_error(p: Path, want: str) -> str:
    """A file named .xlsx/.docx that is no zip: read it as text when it is text (a mis-named
    export), else say it is not a valid Office file."""
    from checker.readers.text import decode

    try:
        decode(p.read_bytes()[: 1 << 16], str(p))
    except (InputError, OSError):
        container.require(p, want)  # raises with the Office wording
    return ".txt"


def _text_or_binary_error(p: Path, what: str) -> str:
    """A file named .xls/.et/.wps/.pdf whose bytes are none of those: read it as text when it
    is text (a web page or an export saved under that name), else say what was expected."""
    from checker.readers.text import decode

    try:
        decode(p.read_bytes()[: 1 << 16], str(p))
    except (InputError, OSError):
        raise InputError(str(p), f"不是有效的 {what} 文件 / not a valid {what} file (its content is of no "
                                 "kind the checker reads)") from None
    return ".txt"


def _sniff(p: Path) -> str:
    """Guess the reader of a file whose extension is unknown, from its first bytes."""
    try:
        with p.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise InputError(str(p), f"cannot be read ({exc.strerror})") from None
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return ".json"
    if stripped.startswith((b"version:", b"forms:", b"---", b"# yaml-language-server")):
        return ".yaml"
    return ".txt"


def is_supported(path: Path) -> bool:
    """True for files a folder argument should include (by extension)."""
    return path.suffix.lower() in READERS
