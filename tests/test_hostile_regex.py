"""Linear-time matching on user text: a 10^5-character line of spaces, digits, separators or CJK
punctuation goes through read → layout → values in seconds, not minutes (issue 15, item 3).

Before the fix one cell of 50,000 spaces took minutes (a ``\\s+(?=X)`` tried at every position of
the run) and ``1<99,998 spaces>2`` as a value 38 s. The budget below is many times what the
linear code needs on a loaded machine; backtracking regexes blow through it by orders."""

from __future__ import annotations

import signal
import time
from contextlib import contextmanager

from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.layout import find_forms
from checker.layout.labels import normalize
from checker.pipeline import parse_values
from checker.readers.text import read_text
from checker.values import ValueParseError, parse_value

LENGTH = 100_000
BUDGET_S = 30  # per line, every stage together; the linear code takes under 2 s

UNITS = [" ", "\u3000", "\u00a0", "9", "1 ", "1,", "1.", "a\t", "| ", "，", "：", "项 ", "—", "（",
         "9%", "≥ ", "一", "2026年", "x "]


class _TooSlow(BaseException):
    """BaseException: the readers turn any Exception inside a sheet into an X901 finding."""


@contextmanager
def budget(seconds: int):
    def stop(*_):
        raise _TooSlow(f"over {seconds} s: backtracking on a long line")

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    start = time.monotonic()
    try:
        yield
        assert time.monotonic() - start < seconds  # a regex in C code delays the alarm to its end
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def crafted(unit: str, head: str, tail: str) -> str:
    return head + unit * (LENGTH // len(unit)) + tail


def form_text(line: str) -> str:
    return ("2026年项目支出绩效目标表\n" + line + "\n项目名称\t" + line + "\n"
            "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t" + line + "\t" + line + "\n")


@settings(max_examples=6, deadline=None)
@given(st.sampled_from(UNITS), st.sampled_from(["", "1", "项目名称", "x"]), st.sampled_from(["", "2", "示例", "："]))
@example(" ", "1", "2")
@example(" ", "x", "2")
@example("\u3000", "项目名称", "x")
def test_long_crafted_line_through_read_layout_values(tmp_path_factory, unit, head, tail):
    line = crafted(unit, head, tail)
    path = tmp_path_factory.mktemp("long") / "form.txt"
    path.write_text(form_text(line), encoding="utf-8")
    with budget(BUDGET_S):
        try:
            parse_value(line)
        except ValueParseError:
            pass
        normalize(line)
        filing = find_forms(read_text(path))
        parse_values(filing)
    assert filing.forms or filing.findings  # read as something, never dropped in silence


@example("\t")
@example(" ")
@settings(max_examples=3, deadline=None)
@given(st.sampled_from([" ", "\u3000", "\t", " \n"]))
def test_long_whitespace_in_workbook_cells(tmp_path_factory, unit):
    """A 13 KB workbook with one cell of spaces ran past 240 s (cell text cleaning and the
    layout's name/value split rescanned the run at every position)."""
    import openpyxl

    from checker.readers.xlsx import read_xlsx

    run = unit * (32_000 // len(unit))  # Excel keeps at most 32,767 characters in a cell
    wb = openpyxl.Workbook()
    for row in (["2026年项目支出绩效目标表"], ["项目名称", "示例" + run + "x"],
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "保洁里程" + run + "加强", "1" + run + "2"]):
        wb.active.append(row)
    path = tmp_path_factory.mktemp("cells") / "form.xlsx"
    wb.save(path)
    with budget(BUDGET_S):
        filing = find_forms(read_xlsx(path))
        parse_values(filing)
    assert filing.forms or filing.findings
