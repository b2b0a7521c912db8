"""The message values a finding renders with (placeholders into a _Values, stored one by one)
are the hit's, the form's and the indicator's, with the parameters in force behind them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from checker.model import Indicator
from checker.rules.engine import _Values, placeholders, render
from checker.rules.kinds import Hit
from checker.rules.pack import ParamValue


def test_message_values_come_from_hit_form_indicator_then_parameters():
    from checker.filing import form_from_dict

    form = form_from_dict({"kind": "project_target", "year": 2026, "title": "某县项目绩效目标表", "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "培训人数", "value": "≥90", "unit": "人"}]}, "p#1")
    ind: Indicator = form.indicators[0]
    hit = Hit(indicator=ind, data={"expected": Decimal("90.0"), "name": "另一名称", "rows": ["甲", 2]})
    values = placeholders(hit, form, into=_Values({"satisfaction_floor": ParamValue(date(2015, 1, 1), 85, "基线")}))
    assert render("{level1}/{level2}：{name} {value_unit}（{value}·{unit}）{expected} {rows} {year} "
                  "{form_id} {form} {satisfaction_floor}% {missing}", values) == (
        "产出指标/数量指标：另一名称 ≥90人（≥90·人）90.0 甲、2 2026 p#1 某县项目绩效目标表 85% {missing}")
    assert type(values) is _Values and values.params["satisfaction_floor"].value == 85
    assert "satisfaction_floor" not in values  # looked up, not copied in
