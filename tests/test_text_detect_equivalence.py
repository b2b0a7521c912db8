"""The text reader's shape detection (checker/readers/text.py detect_mode, _looks_binary;
readers/runon.py looks_run_on; readers/traditional.py has_glosses) in one pass each and with
early exits, and the one-cell-per-line reader's running column (issue 14): held here to the plain
counts and sums they replace, on invented lines of tabs, pipes, blanks, control characters, tone
marks and long CJK runs."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.readers import runon, traditional
from checker.readers.text import (_BLANKS, _MIN_LINES, _cell_per_line_rows, _looks_binary, _pipe_kind, _unseparated,
                                  detect_mode)

_PIECES = ["\t", "|", " ", "  ", "\u3000", "指标", "数量", "产出指标", "≥120人", "a", "1", " |", "| ",
           "绩效目标" * 20, "项目名称 预算金额 实施期限 ", "\x01", "\x0c", "ǎ", "(jī)", "績"]
_LINE = st.lists(st.sampled_from(_PIECES), max_size=8).map("".join)
# whole lines of each shape, so that the counts' ties (two lead-only lines per tab row, as many
# piped lines as tab rows) come up often
_SHAPED = st.sampled_from(["项目\t金额", "\t指标", "\t", "a|b|c", "| a | b |", "目标 |", "绩效目标", "", "  ",
                           "项目名称  预算金额  实施期限"])
_LINES = st.lists(st.one_of(_SHAPED, _LINE), max_size=12)


def _detect_by_counts(lines: list[str]) -> str:
    """detect_mode as it was written before the one-pass count (every count over every line)."""
    multi_tab = sum(1 for ln in lines if ln.count("\t") >= 2 or (ln.count("\t") == 1 and not ln.startswith("\t")))
    lead_only = sum(1 for ln in lines if ln.startswith("\t") and ln.count("\t") == 1)
    piped = [ln for ln in lines if ln.count("|") >= 1 and "\t" not in ln]
    pipes = sum(1 for ln in piped if ln.count("|") >= 2)
    texts = [ln.strip(_BLANKS) for ln in lines if ln.strip(_BLANKS)]
    if pipes > max(multi_tab, lead_only) and (multi_tab or lead_only or (pipes >= 3 and 5 * len(piped) >= len(texts))):
        return _pipe_kind(piped)
    if not multi_tab and not lead_only and len(piped) >= _MIN_LINES and 3 * len(piped) >= len(texts):
        return _pipe_kind(piped)
    if lead_only > 2 * multi_tab:
        return "cell_per_line"
    if multi_tab:
        return "tab"
    return _unseparated(lines, texts)


@settings(max_examples=300)
@given(_LINES)
def test_detect_mode_is_the_mode_of_the_plain_counts(lines):
    assert detect_mode(lines) == _detect_by_counts(lines)


def test_detect_mode_examples():
    rows = ["项目\t金额\t备注", "培训\t10\t", "合计\t10\t"]
    assert detect_mode(rows) == "tab"
    assert detect_mode(["\t产出指标", "", "\t数量指标"]) == "cell_per_line"
    assert detect_mode(["| a | b |", "| c | d |", "| e | f |", "x\ty"]) == "markdown"


@given(_LINES)
def test_looks_run_on_counts_separated_lines_as_before(lines):
    separated = sum(1 for ln in lines if "\t" in ln.strip("\r\n") or ln.count("|") >= 2
                    or runon._SPACE_RUN.search(ln.strip(runon._BLANKS)))
    before = separated < 3 and any(runon._run_on_line(ln) and runon._has_table_words(runon._squeeze(ln)) for ln in lines)
    assert runon.looks_run_on(lines) == before


@given(st.text(alphabet=st.sampled_from(["a", "指", "\t", "\n", "\r", "\x0b", "\x0c", "\x00", "\x08", "\x0e", "\x1f", " "]),
               max_size=300))
def test_looks_binary_counts_the_control_characters_as_before(text):
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    assert _looks_binary(text) == (controls > max(4, len(sample) // 50))


_ANY_TONED = re.compile(f"[{traditional._TONED}]")  # has_glosses' test before a search per mark


@given(_LINES)
def test_has_glosses_sees_a_tone_mark_in_any_line(lines):
    before = (any(_ANY_TONED.search(ln) for ln in lines)
              and sum(len(re.findall(traditional._TONED_GLOSS, ln)) for ln in lines) >= traditional.MIN_GLOSSES)
    assert traditional.has_glosses(lines) == before


@pytest.mark.parametrize("mark", list(traditional._TONED))
def test_has_glosses_sees_glosses_of_every_tone_mark(mark):
    """Each of the 24 marks alone makes glosses (績(ǜ)效(ǜ)目(ǜ)), each in a line of its own."""
    lines = [f"{ch}({mark})" for ch in "績效目"]
    assert traditional.has_glosses(lines) and bool(_ANY_TONED.search("".join(lines)))
    assert not traditional.has_glosses([ln.replace(mark, "u") for ln in lines])


@given(st.lists(st.text(alphabet=" \u3000ab指1", max_size=5), min_size=1, max_size=5))
def test_a_tab_led_lines_cells_start_where_the_sums_of_field_lengths_put_them(parts):
    """_cell_per_line_rows keeps a running column over a tab-led line's fields (it summed the
    lengths of all fields before each one again)."""
    line = "\t" + "\t".join(parts)
    expected = []
    for j, part in enumerate(parts):
        col = 2 + sum(len(p) + 1 for p in parts[:j])
        expected.append((part.strip(_BLANKS), col + len(part) - len(part.lstrip(_BLANKS))))
    assert [(c.text, c.place.column) for c in _cell_per_line_rows([line])[0].cells] == expected
