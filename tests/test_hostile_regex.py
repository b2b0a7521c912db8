"""Linear-time matching on user text: a 10^5-character line of spaces, digits, separators or CJK
punctuation goes through read → layout → values in seconds, not minutes (issue 15, item 3).

Before the fix one cell of 50,000 spaces took minutes (a ``\\s+(?=X)`` tried at every position of
the run) and ``1<99,998 spaces>2`` as a value 38 s. The budget below is many times what the
linear code needs on a loaded machine; backtracking regexes blow through it by orders."""

from __future__ import annotations

import signal
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


class _TooSlow(Exception):
    pass


@contextmanager
def budget(seconds: int):
    def stop(*_):
        raise _TooSlow(f"over {seconds} s: backtracking on a long line")

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
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
