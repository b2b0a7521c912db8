"""The value kinds that test a row's parsed value before its ``where`` (V202 unit_required, V205
direction: checker/rules/kinds/_common.py ``where_test``) still judge only the rows the ``where``
admits: a profile's rule may narrow the shipped ones (the shipped V202/V205 have no such
``where``, so the rule examples do not show it)."""

from __future__ import annotations

from types import SimpleNamespace

from checker.filing import filing_from_dict
from checker.pipeline import parse_values
from checker.rules import load_pack
from checker.rules.engine import _context
from checker.rules.kinds import load_kinds

FORM = {"forms": [{"kind": "project_target", "year": 2026, "indicators": [
    # both rows would be judged by their values alone: a negative measure with ≥, a count with no unit
    {"level1": "产出指标", "level2": "质量指标", "name": "投诉次数", "value": "≥3次", "place": {"line": 10}},
    {"level1": "效益指标", "level2": "社会效益指标", "name": "群众投诉次数", "value": "≥3次", "place": {"line": 11}},
    {"level1": "产出指标", "level2": "数量指标", "name": "培训人数", "value": "≥120", "place": {"line": 12}},
    {"level1": "效益指标", "level2": "社会效益指标", "name": "受益人数", "value": "≥500", "place": {"line": 13}},
]}]}


def _hits(kind: str, options: dict) -> list[int]:
    pack = load_pack()
    filing = filing_from_dict(FORM, "t.yaml")
    parse_values(filing)
    form = filing.forms[0]
    ctx = _context(pack, filing, pack.on_day(pack.day_for(form, None)))
    hits = load_kinds()[kind].func(SimpleNamespace(options=options), form, ctx)
    return [hit.indicator.place.line for hit in hits]


def test_direction_judges_only_the_rows_its_where_admits():
    words = {"positive": ["合格率", "满意度"], "negative": ["投诉"]}
    assert _hits("direction", words) == [10, 11]
    assert _hits("direction", {**words, "where": {"level1": ["产出指标"]}}) == [10]
    assert _hits("direction", {**words, "where": {"not": {"level1": ["产出指标"]}}}) == [11]


def test_unit_required_judges_only_the_rows_its_where_admits():
    assert _hits("unit_required", {}) == [12, 13]
    assert _hits("unit_required", {"where": {"level1": ["效益指标"]}}) == [13]
