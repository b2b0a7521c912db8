"""Limits on what one input may cost, set in one place, each refused with a clear message.

A real filing is a few hundred KB: a workbook of a few sheets, a document of a few hundred
paragraphs, a canonical YAML of a few thousand lines. The defaults below are far above that
and far below what hurts a shared machine (a 4 MB .xlsx that decompresses to gigabytes, a
YAML "billion laughs", a FIFO that blocks for ever). Every reader, the server and any new
reader call the helpers here; a limit that trips raises ``LimitError`` (an InputError: one
line naming the file and the limit, exit 2, and the other files of a batch go on).

Change a default for one run with ``configure(max_file_bytes=...)`` (the web server may set
lower ones); nothing else in the code holds a number of its own.
"""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from checker.errors import InputError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The limits in force. Sizes in bytes; counts per file."""

    max_file_bytes: int = 50 * MB  # one input file as stored
    max_unzipped_bytes: int = 200 * MB  # all members of an .xlsx/.docx together, uncompressed
    max_part_bytes: int = 40 * MB  # one member (a sheet, a document body), uncompressed: parsers
    # read a whole sheet to find its size when it states none (openpyxl: 11 s for a million rows)
    max_zip_ratio: int = 100  # uncompressed : compressed, per member of more than ratio_floor
    ratio_floor_bytes: int = 1 * MB  # small parts (styles, a short sheet) compress well: no ratio check
    max_rows: int = 120_000  # rows read from one file (all sheets, lines, paragraphs + table rows)
    max_cells: int = 1_500_000  # cells read from one file
    max_depth: int = 64  # nesting of a YAML/JSON filing, rule file, profile or waivers file
    max_yaml_nodes: int = 2_000_000  # nodes of one YAML file (after refusing aliases)


LIMITS = Limits()


def configure(**changes: int) -> Limits:
    """Replace some limits for the rest of the process (e.g. a server's lower ones); returns the
    limits now in force. Raises TypeError for an unknown name."""
    global LIMITS
    LIMITS = replace(LIMITS, **changes)
    return LIMITS


class LimitError(InputError):
    """An input exceeds a limit (or is not a regular file). ``limit`` names the Limits field."""

    def __init__(self, path: str, message: str, limit: str = ""):
        self.limit = limit
        super().__init__(path, message)


def _size(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n} bytes"


# --------------------------------------------------------------------------- files


_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def check_input_file(path: str | Path) -> None:
    """Refuse, without opening it, anything but a regular file of at most ``max_file_bytes``
    (symlinks are followed: a link to a FIFO is a FIFO). Raises LimitError; a missing file is
    left to the caller (FileNotFoundError is not raised here)."""
    try:
        st = os.stat(path)
    except OSError:
        return
    kind = stat.S_IFMT(st.st_mode)
    if kind != stat.S_IFREG:
        what = _KINDS.get(kind, "not a regular file")
        raise LimitError(str(path), f"不是普通文件，未打开 / {what}, not a regular file: skipped without opening it",
                         "regular_file")
    if st.st_size > LIMITS.max_file_bytes:
        raise LimitError(str(path), f"文件过大 / the file is {_size(st.st_size)}, over the limit of "
                         f"{_size(LIMITS.max_file_bytes)} per input file (max_file_bytes)", "max_file_bytes")


def is_regular_file(path: str | Path) -> bool:
    """True for a regular file (following symlinks); False for FIFOs, devices, sockets, missing."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def check_zip(path: str | Path) -> None:
    """Refuse an Office container whose members would decompress past ``max_unzipped_bytes`` in
    all or ``max_part_bytes`` each, or whose member (over ``ratio_floor_bytes``) claims more
    than ``max_zip_ratio`` : 1,
    before any member is parsed. The sizes are those of the central directory; zipfile never
    inflates a member past its stated size, so they bound what parsing can cost. Raises
    LimitError; a damaged zip is left to the reader's own message."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return
    total = sum(i.file_size for i in infos)
    if total > LIMITS.max_unzipped_bytes:
        raise LimitError(str(path), f"解压后过大 / its parts unpack to {_size(total)}, over the limit of "
                         f"{_size(LIMITS.max_unzipped_bytes)} (max_unzipped_bytes)", "max_unzipped_bytes")
    for i in infos:
        if i.file_size > LIMITS.max_part_bytes:
            raise LimitError(str(path), f"部件过大 / the part {i.filename} unpacks to {_size(i.file_size)}, over the "
                             f"limit of {_size(LIMITS.max_part_bytes)} per part (max_part_bytes)", "max_part_bytes")
        if i.file_size > LIMITS.ratio_floor_bytes and i.file_size > LIMITS.max_zip_ratio * max(i.compress_size, 1):
            ratio = i.file_size // max(i.compress_size, 1)
            raise LimitError(str(path), f"压缩比异常 / the part {i.filename} unpacks {ratio}:1 ({_size(i.file_size)}), "
                             f"over the limit of {LIMITS.max_zip_ratio}:1 (max_zip_ratio)", "max_zip_ratio")


class Tally:
    """Rows and cells read from one file so far; ``add`` raises LimitError past the limits."""

    def __init__(self, path: str):
        self.path, self.rows, self.cells = path, 0, 0

    def add(self, cells: int, rows: int = 1) -> None:
        self.rows += rows
        self.cells += cells
        if self.rows > LIMITS.max_rows:
            raise LimitError(self.path, f"行数过多 / more than {LIMITS.max_rows:,} rows (max_rows); "
                             "a performance form has far fewer", "max_rows")
        if self.cells > LIMITS.max_cells:
            raise LimitError(self.path, f"单元格过多 / more than {LIMITS.max_cells:,} cells (max_cells); "
                             "a performance form has far fewer", "max_cells")


# --------------------------------------------------------------------------- YAML and JSON


def yaml_node_problem(root: Any) -> tuple[str, Any] | None:
    """(message, mark) for the first alias, a nesting deeper than ``max_depth`` or more than
    ``max_yaml_nodes`` nodes in a composed YAML node tree, or None. Iterative (no recursion) and
    linear in the nodes as written: an alias shows as a node met twice and stops the walk, so
    "billion laughs" costs nothing."""
    import yaml

    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            return ("YAML aliases (*name) are not allowed here; write the value out", node.start_mark)
        seen.add(id(node))
        if depth > LIMITS.max_depth:
            return (f"nested deeper than {LIMITS.max_depth} levels (max_depth)", node.start_mark)
        if len(seen) > LIMITS.max_yaml_nodes:
            return (f"more than {LIMITS.max_yaml_nodes:,} YAML nodes (max_yaml_nodes)", node.start_mark)
        if isinstance(node, yaml.MappingNode):
            stack.extend((n, depth + 1) for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((n, depth + 1) for n in node.value)
    return None


def data_depth_exceeds(tree: Any) -> bool:
    """True when parsed JSON/YAML data nests deeper than ``max_depth`` (iterative walk)."""
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > LIMITS.max_depth:
            return True
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return False


def check_line_count(path: str | Path) -> None:
    """Refuse a text file of more than ``max_rows`` lines before it is read into rows (read in
    1 MB chunks: a file of 50 MB of line breaks would otherwise become 50 million rows)."""
    lines = 0
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(MB):
                lines += chunk.count(b"\n")
                if lines > LIMITS.max_rows:
                    raise LimitError(str(path), f"行数过多 / more than {LIMITS.max_rows:,} lines (max_rows); "
                                     "a performance form has far fewer", "max_rows")
    except OSError:
        return  # the reader names the file and the cause
