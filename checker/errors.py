"""Errors that end a file's check or the whole run with a clear message (exit code 2)."""

from __future__ import annotations

from checker.model import Place


class CheckerError(Exception):
    """Base of the project's own errors: always carries a message a person can act on."""


class InputError(CheckerError):
    """An input file cannot be read as a form at all (missing, empty, binary, encrypted …).

    ``path`` names the file, ``place`` where in it (if known), ``message`` what was expected.
    The CLI prints ``path[:place]: message`` on one line and exits 2.
    """

    def __init__(self, path: str, message: str, place: Place | None = None):
        self.path = path
        self.message = message
        self.place = place
        where = f"{path}:{place.short()}" if place and place.short() != "-" else path
        super().__init__(f"{where}: {message}")


class RulePackError(CheckerError):
    """A rule pack (or profile, waiver file) is invalid. ``problems`` lists every error found,
    each already formatted as ``file:line:col: message`` plus context lines."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


NO_FORM = ("未找到绩效目标表或自评表 / no performance form found; expected a title such as "
           "项目支出绩效目标表, 部门整体支出绩效目标表 or 绩效自评表 above an indicator table")


def no_form(path: str) -> InputError:
    """The error of a file that was read but holds no form and nothing the layout could name
    (``checker check`` and ``checker parse`` say the same, exit 2)."""
    return InputError(path, NO_FORM)
