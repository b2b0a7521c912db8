"""What kind of file this really is, and cell text cleaned the same way for every reader.

Government files arrive mis-named (a .docx saved as .xlsx), encrypted (an Office file with a
password is not a zip at all but an OLE2 compound file holding ``EncryptedPackage``), in the
old binary .xls/.doc formats, or truncated. ``sniff`` looks at the bytes, not the name, so each
of those gets a message a filer can act on instead of a library's traceback.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from checker.errors import InputError
from checker.limits import check_zip

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An Excel 97–2003 workbook is an OLE2 file with a "Workbook" stream ("Book" before Excel 97):
# looked for as a directory entry (the UTF-16 name padded to 64 bytes, then its byte length),
# which text inside a .doc that merely mentions "Workbook" never is.
_XLS_STREAMS = tuple((n + "\0").encode("utf-16-le").ljust(64, b"\0") + (2 * len(n) + 2).to_bytes(2, "little")
                     for n in ("Workbook", "Book"))
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_SNIFF_LIMIT = 64 * 1024 * 1024  # an encrypted package's directory may sit anywhere in the file

# Kinds returned by sniff().
XLSX, DOCX, ZIP, ENCRYPTED, OLE, PDF, EMPTY, OTHER = "xlsx", "docx", "zip", "encrypted", "ole", "pdf", "empty", "other"
XLS = "xls"  # an OLE2 file holding an Excel 97–2003 workbook (sniff); other OLE files stay OLE


def sniff(path: str | Path) -> str:
    """The container kind of a file by its content: ``xlsx``, ``docx``, ``zip`` (another or a
    damaged zip), ``encrypted`` (password-protected Office file), ``xls`` (Excel 97–2003
    workbook; an encrypted one too: its password is inside the workbook stream), ``ole`` (another
    old binary Office file, .doc),
    ``pdf``, ``empty`` or ``other`` (text, or bytes of no known kind). Raises InputError if unreadable."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            head = fh.read(8)
            if head.startswith(OLE_MAGIC):
                fh.seek(0)
                body = fh.read(_SNIFF_LIMIT)
                if _ENCRYPTED in body:
                    return ENCRYPTED
                return XLS if any(s in body for s in _XLS_STREAMS) else OLE
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    if not head.strip():
        return EMPTY if p.stat().st_size == 0 or not p.read_bytes().strip() else OTHER
    if head.lstrip().startswith(b"%PDF-"):
        return PDF
    if not head.startswith(ZIP_MAGIC):
        return OTHER
    try:
        with zipfile.ZipFile(p) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return ZIP  # NotImplementedError: a zip "version" or compression zipfile does not know
    if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names):
        return XLSX
    if "word/document.xml" in names or any(n.startswith("word/") for n in names):
        return DOCX
    return ZIP


def require(path: str | Path, want: str) -> None:
    """Raise InputError unless ``path`` holds an Office file of kind ``want`` (xlsx or docx).

    The message says what the file is instead and what to do about it.
    """
    kind = sniff(path)
    if kind == want:
        check_zip(path)  # sizes and ratios of the parts before any is parsed (zip bombs)
        return
    p, label = str(path), f".{want}"
    app = "Excel" if want == XLSX else "Word"
    if kind == EMPTY:
        raise InputError(p, f"文件为空 / the file is empty; expected a {label} file")
    if kind == ENCRYPTED:
        what = "workbook" if want == XLSX else "document"
        raise InputError(p, f"文件设有密码，请去掉密码另存后再检查 / the {what} is password-protected; "
                            "save it without a password and try again")
    if kind in (OLE, XLS):
        old = ".xls" if want == XLSX else ".doc"
        raise InputError(p, f"旧版 Office 文件（{old}），请用 {app} 另存为 {label} / an old binary Office file "
                            f"({old}); open it in {app} and save it as {label}")
    if kind == ZIP:
        raise InputError(p, f"文件已损坏或不是 {label} / not a valid {label} (the zip archive is damaged "
                            f"or holds no {app} content)")
    if kind in (XLSX, DOCX):
        raise InputError(p, f"扩展名为 {label}，内容却是 .{kind}，请改名 / named {label} but holds a .{kind} "
                            f"file; rename it to .{kind}")
    raise InputError(p, f"不是有效的 {label} 文件 / not a valid {label} (it is not an Office file at all; "
                        f"expected a file saved by {app})")


# --------------------------------------------------------------------------- cell text

# (?<!\s): start only where a whitespace run starts; tried at every position of a long run the
# leading \s* rescanned the rest of it (quadratic: minutes for one cell of spaces). Same matches.
_LINE_BREAK = re.compile(r"(?<!\s)\s*(?:\r\n|\r|\n|\v|\u2028|\u2029)\s*")
_CLEAN_BLANKS = " \t\u3000\u00a0\ufeff\u200b\r\n"


def _wide(ch: str) -> bool:
    # CJK ideographs and full-width punctuation need no space when a wrapped line is joined.
    return ord(ch) >= 0x2E80


def clean_text(text: str) -> str:
    """Cell text as one line: blanks at the ends removed, tabs made spaces, and line breaks
    inside the cell (Alt+Enter, a wrapped Word paragraph) joined: without a separator between
    Chinese characters ("年度预" + "算申请"), with one space between Latin words."""
    text = text.replace("\t", " ").strip(_CLEAN_BLANKS)
    if not _LINE_BREAK.search(text):
        return text
    parts = [p for p in _LINE_BREAK.split(text) if p]
    out = parts[0] if parts else ""
    for part in parts[1:]:
        out += part if (_wide(out[-1]) or _wide(part[0])) else " " + part
    return out
