"""The JSON report's shortcuts in writing a file's entry (issue 14, sixth round) give what the
general code gives: ``plain`` takes a dict's or a list's strings and numbers as they are, and the
streamed report indents an entry by replacing its line breaks."""

from __future__ import annotations

import enum
import io
import json
from collections import OrderedDict
from dataclasses import asdict, is_dataclass
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from checker.model import Finding, Money, Place
from checker.report.json_report import plain, to_json, write_json_stream
from checker.report.result import FileResult, Report


def reference_plain(value):
    """plain() as it was before the shortcut: every value looked at by the whole chain."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Place):
        return value.to_dict()
    if isinstance(value, dict):
        return {str(k): reference_plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return [reference_plain(v) for v in sorted(value, key=str)]
    if isinstance(value, (list, tuple)):
        return [reference_plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return reference_plain(asdict(value))
    return str(value)


class Code(str):
    """A str of its own class: JSON writes it as a string, plain keeps it as it is."""


class Rank(enum.IntEnum):
    LOW = 1


_leaves = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=6),
    st.floats(allow_nan=False), st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.builds(Place, line=st.integers(1, 99), column=st.integers(1, 9)),
    st.builds(Money, amount=st.decimals("0", "9999", places=2), unit=st.sampled_from(["元", "万元"]),
              raw=st.text(max_size=4), place=st.just(Place(line=3))),
    st.text(max_size=4).map(Code), st.just(Rank.LOW), st.just(object),
)
_keys = st.one_of(st.text(max_size=4), st.integers(-3, 3), st.booleans(), st.none(), st.text(max_size=3).map(Code))
_values = st.recursive(_leaves, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(inner, max_size=3).map(tuple),
    st.dictionaries(_keys, inner, max_size=4), st.dictionaries(_keys, inner, max_size=3).map(OrderedDict),
    st.frozensets(st.text(max_size=3), max_size=3), st.sets(st.integers(0, 9), max_size=3),
), max_leaves=12)


@given(_values)
def test_plain_gives_what_the_whole_chain_gives(value):
    got, want = plain(value), reference_plain(value)
    assert got == want
    assert json.dumps(got, ensure_ascii=False) == json.dumps(want, ensure_ascii=False)


def test_plain_turns_keys_and_values_of_a_findings_data_into_json():
    data = {"expected": Decimal("1.50"), "places": ["3:1", Place(line=4)], 2: True, None: {"a": (1, 2)},
            "unit": "万元", "count": 3}
    assert plain(data) == {"expected": "1.50", "places": ["3:1", Place(line=4).to_dict()], "2": True,
                           "None": {"a": [1, 2]}, "unit": "万元", "count": 3}


def test_a_streamed_entry_keeps_line_separators_inside_its_strings():
    """JSON leaves U+2028, U+2029 and U+0085 unescaped; an entry indented line by line would
    put four spaces inside such a string, and the streamed report would differ from to_json's."""
    finding = Finding(code="V201", severity="error", message={"zh": "甲\u2028乙\u2029丙\x85丁", "en": "a\u2028b"},
                      form="f#1", place=Place(line=2, column=1), data={"row": "值\u2028单位"}, row_text="x\u2029y")
    report = Report([FileResult(path="a.txt", findings=[finding])])
    out = io.StringIO()
    write_json_stream(report.files, out, report.lang)
    assert out.getvalue() == json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"
    assert json.loads(out.getvalue())["files"][0]["findings"][0]["message"] == "甲\u2028乙\u2029丙\x85丁"


def test_a_jsonl_entry_is_what_json_dumps_writes_of_the_files_object():
    from test_report_samples import sample_report

    from checker.report.json_report import _file, entry_text

    for result in sample_report().files:
        for lang in ("zh", "en"):
            assert entry_text(result, lang, "jsonl") == json.dumps(_file(result, lang), ensure_ascii=False) + "\n"


def test_data_holding_itself_never_reaches_the_encoder():
    """The one-line encoder does not look for cycles: plain copies every container, so data that
    holds itself fails there (as the report's other formats fail on it), never loops in json."""
    import pytest

    data: dict = {"a": 1}
    data["self"] = data
    finding = Finding(code="V201", severity="error", message={"zh": "甲"}, data=data)
    from checker.report.json_report import entry_text

    with pytest.raises(RecursionError):
        entry_text(FileResult(path="a.txt", findings=[finding]), "zh", "jsonl")
