"""The canonical filing: dict ⇄ model round trip, located errors, and property tests."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import InputError
from checker.filing import filing_from_dict, filing_to_dict, form_from_dict

DEPT = {
    "kind": "department_target", "year": 2026, "title": "2026年部门整体支出绩效目标表",
    "place": {"line": 4},
    "header": {
        "budget_total": {"label": "资金总额", "raw": "3531.93", "unit": "万元", "place": {"line": 15, "column": 2}},
        "spend:基本支出": {"label": "基本支出", "raw": "887.33", "money": {"amount": "887.33", "unit": "万元"}},
    },
    "indicators": [
        {"level1": "成本指标", "level2": "经济成本指标", "name": "年初预算数", "value": "3531.93", "unit": "万元",
         "value_type": "=", "place": {"line": 19}, "cell_places": {"value": {"line": 19, "column": 5}}},
        {"level1": "产出指标", "level2": "数量指标", "name": "施工扬尘监管项目", "value": "15", "unit": "个",
         "value_type": "≧", "doubts": ["row_shifted"]},
    ],
    "level2_groups": [{"level1": "成本指标", "level2": "社会成本指标", "count": 0}],
}


def test_round_trip_keeps_money_places_and_doubts():
    filing = filing_from_dict({"forms": [DEPT]}, "000.txt")
    form = filing.forms[0]
    assert form.id == "000.txt#1"
    assert form.budget.amount == Decimal("3531.93") and form.budget.unit == "万元"
    assert form.budget.place.line == 15
    assert form.indicators[0].cell_places["value"].column == 5
    data = filing_to_dict(filing)
    json.dumps(data, ensure_ascii=False)  # JSON-safe
    again = filing_from_dict(data, "000.txt")
    assert filing_to_dict(again) == data
    assert again.forms[0].indicators[1].doubts == ["row_shifted"]


def test_groups_are_derived_when_not_given():
    form = form_from_dict({"kind": "project_target", "indicators": DEPT["indicators"]}, "x#1")
    assert {(g.level1, g.level2, g.count) for g in form.level2_groups} == {
        ("成本指标", "经济成本指标", 1), ("产出指标", "数量指标", 1)}


def test_yuan_amount_with_commas():
    form = form_from_dict({"kind": "project_target",
                           "header": {"budget_total": {"label": "年度资金总额", "raw": "1,600,000", "unit": "元"}}}, "x")
    assert form.budget.in_wan() == Decimal("160")


@pytest.mark.parametrize("data,pointer", [
    ({"forms": [{"kind": "project"}]}, "/forms/0/kind"),
    ({"forms": [{"kind": "project_target", "header": {"budget_total": {"raw": "12x", "unit": "万元"}}}]},
     "/forms/0/header/budget_total/raw"),
    ({"forms": [{"kind": "project_target", "indicators": [{"name": "a", "value": 95.5}]}]}, "/forms/0/indicators/0/value"),
    ({"forms": [{"kind": "project_target", "place": {"lin": 3}}]}, "/forms/0/place"),
    ({"forms": "x"}, "/forms"),
])
def test_errors_name_file_and_json_pointer(data, pointer):
    with pytest.raises(InputError) as info:
        filing_from_dict(data, "f.yaml")
    assert str(info.value).startswith(f"f.yaml: {pointer}:")


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_amount = st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(name=_text, value=_text, amount=_amount, unit=st.sampled_from(["元", "万元"]),
       line=st.integers(1, 10**6), year=st.none() | st.integers(1990, 2100))
def test_round_trip_property(name, value, amount, unit, line, year):
    data = {"forms": [{"kind": "project_target", "year": year, "title": name,
                       "header": {"budget_total": {"label": name, "raw": str(amount), "unit": unit}},
                       "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": name, "value": value,
                                       "place": {"line": line}}]}]}
    filing = filing_from_dict(data, "p.yaml")
    assert filing.forms[0].budget.amount == amount
    out = filing_to_dict(filing)
    assert filing_to_dict(filing_from_dict(json.loads(json.dumps(out)), "p.yaml")) == out


@settings(max_examples=100, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | _text,
                    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(_text, kids, max_size=3), max_leaves=12))
def test_any_data_gives_a_filing_or_an_input_error(data):
    try:
        filing_from_dict({"forms": [data]}, "p.yaml")
    except InputError as exc:
        assert str(exc).startswith("p.yaml: /forms/0")


def _findings_of(path) -> list[tuple]:
    from support import check_path

    return sorted((f.code, f.severity, f.message["zh"], f.form.rsplit("#", 1)[-1] if f.form else "", f.count)
                  for f in check_path(path))


@pytest.mark.parametrize("sample", sorted(p.name for p in (Path(__file__).resolve().parents[1] / "samples").glob("*.txt")))
def test_parse_then_check_gives_every_finding_of_the_form(sample, tmp_path):
    """`checker parse` then `checker check` loses nothing: the disclosure's 情况说明 text travels
    in `paragraphs`, so B504/B505 (seed 003) are found on the canonical filing too."""
    from checker.cli.parse_cmd import parse, render

    src = Path(__file__).resolve().parents[1] / "samples" / sample
    canonical = tmp_path / "filing.yaml"
    canonical.write_text(render(parse(str(src)), "yaml"), encoding="utf-8")
    assert _findings_of(canonical) == _findings_of(src)
