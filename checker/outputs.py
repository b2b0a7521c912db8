"""Writing what a command produces: never onto an input, and a failed write is a user error.

Every command that writes a file (``check -o``, ``parse -o``, and whatever comes next: the web
server, rule docs) goes through ``refuse_input_as_output`` before any work and ``write_text`` at
the end. An output is "the same file" as an input when both name one inode on one device, so a
hard link or a symlink to the input is caught, not only the same spelling of the path.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from checker.errors import CheckerError


class OutputError(CheckerError):
    """The output file cannot be written (missing or unwritable folder, disk full, …), or is an
    input. The CLI prints the message on one line and exits 2."""


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def refuse_input_as_output(output: str | None, inputs: Iterable[str], option: str = "--output") -> None:
    """Raise OutputError when ``output`` is the same file as one of ``inputs`` (same device and
    inode: hard links and symlinks included; a missing output is never an input)."""
    if output is None:
        return
    out = _identity(output)
    if out is None:
        return
    for path in inputs:
        if _identity(path) == out:
            raise OutputError(f"{option} {output} is the same file as the input {path}; "
                              "the checker never overwrites an input (choose another file)")


def write_text(text: str, output: str, option: str = "--output") -> None:
    """Write ``text`` to ``output`` (UTF-8). Raises OutputError naming the file and the cause.

    The text is written in full first and only then replaces nothing but ``output`` itself."""
    try:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise OutputError(f"{option} {output}: cannot write ({exc.strerror or exc})") from None


def write_or_stdout(text: str, output: str | None, option: str = "--output") -> None:
    """Write ``text`` to ``output``, or to standard output when it is None. When the file cannot
    be written the text still goes to standard output (the work is not lost), then OutputError."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_text(text, output, option)
    except OutputError:
        sys.stdout.write(text)
        raise


class StreamOutput:
    """A report written piece by piece (a streamed batch) to ``output``, or to standard output.

    Each ``write`` reaches the file at once (flushed), so a failure shows at the piece that failed:
    from that piece on the report goes to standard output (the work is not lost) and ``close``
    raises OutputError naming the file and the cause. Opening refuses nothing: call
    ``refuse_input_as_output`` first.
    """

    def __init__(self, output: str | None, option: str = "--output"):
        self.output, self.option, self.error = output, option, None
        self.fh = None
        if output is not None:
            try:
                self.fh = open(output, "w", encoding="utf-8")
            except OSError as exc:
                self.error = exc

    def write(self, text: str) -> None:
        if self.fh is not None:
            try:
                self.fh.write(text)
                self.fh.flush()
                return
            except OSError as exc:
                self.error = exc
                self._drop_file()
        sys.stdout.write(text)

    def close(self) -> None:
        """Close the file; raise OutputError if any piece could not be written to it."""
        if self.fh is not None:
            try:
                self.fh.close()
            except OSError as exc:
                self.error = exc
            self.fh = None
        else:
            sys.stdout.flush()
        if self.error is not None:
            exc = self.error
            raise OutputError(f"{self.option} {self.output}: cannot write ({getattr(exc, 'strerror', None) or exc})")

    def _drop_file(self) -> None:
        try:
            self.fh.close()
        except OSError:
            pass  # the error that matters is already kept
        self.fh = None
