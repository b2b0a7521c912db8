"""The form model's many-per-check classes keep their values in slots, not a __dict__ (issue 14,
sixth round: seed 003 builds ~2,700 Rows, hundreds of Indicators and ~260 Findings per check), and
stay what every stage and the batch use: equal by value, pickled between processes, copied by
dataclasses.replace, turned into dicts by dataclasses.asdict, subclassed (RunOnRow)."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from decimal import Decimal

import pytest

from checker.model import Cell, Field, Finding, Form, Indicator, Level2Group, Money, Place, Row
from checker.readers.runon import RunOnRow
from checker.report.result import FileResult, slim


def _money() -> Money:
    return Money(Decimal("12.50"), "万元", "12.50", Place(3, 5))


def _indicator() -> Indicator:
    return Indicator("产出指标", "数量指标", "培训人数", value="≥20", unit="人", place=Place(9, 1),
                     cell_places={"value": Place(9, 20)}, parsed=Decimal("20"), doubts=["name_cut"])


def _form() -> Form:
    return Form("a.txt#1", "project_target", "项目支出绩效目标表", Place(1, 1), year=2026,
                header={"budget_total": Field("年度资金总额", "12.50", Place(3, 5), _money()),
                        "project_name": Field("项目名称", "甲项目", Place(2, 5))},
                indicators=[_indicator()], level2_groups=[Level2Group("产出指标", "数量指标", Place(9, 1), 1)],
                paragraphs=[Row([Cell("说明", Place(30, 1))], Place(30, 1))])


def _finding() -> Finding:
    return Finding("M303", "error", {"zh": "成本超出预算", "en": "costs over budget"}, form="a.txt#1",
                   indicator=["成本指标", "经济成本指标", "费用"], place=Place(12, 3),
                   data={"expected": "12.50", "actual": "13"}, row_text="费用 13万元", variant="above")


SAMPLES = [
    Row([Cell("产出指标", Place(9, 1)), Cell("≥20", Place(9, 20))], Place(9, 1), raw="产出指标\t≥20",
        doubts=["value_shifted"], roles=["level1", None]),
    _money(), Field("项目名称", "甲项目", Place(2, 5)), _indicator(),
    Level2Group("产出指标", "数量指标", Place(9, 1), 1), _form(), _finding(),
]


@pytest.mark.parametrize("obj", SAMPLES, ids=lambda o: type(o).__name__)
def test_values_stand_in_slots_and_no_other_attribute_is_taken(obj):
    assert not hasattr(obj, "__dict__")
    with pytest.raises(AttributeError):
        obj.not_a_field = 1


@pytest.mark.parametrize("obj", SAMPLES, ids=lambda o: type(o).__name__)
def test_slotted_model_objects_pickle_copy_replace_and_asdict(obj):
    again = pickle.loads(pickle.dumps(obj))
    assert again == obj and type(again) is type(obj)
    assert copy.deepcopy(obj) == obj and copy.copy(obj) == obj
    first = dataclasses.fields(obj)[0].name
    changed = dataclasses.replace(obj, **{first: getattr(obj, first)})
    assert changed == obj and changed is not obj
    assert dataclasses.asdict(obj) == dataclasses.asdict(again)
    assert repr(obj).startswith(type(obj).__name__ + "(")


def test_properties_and_defaults_keep_working():
    form, ind, finding = _form(), _indicator(), Finding("S101", "info", {"zh": "缺少"})
    assert form.budget == _money() and form.name == "甲项目" and form.indicator_count == 1
    assert ind.path == ["产出指标", "数量指标", "培训人数"] and Indicator("a", "b", "c").doubts == []
    assert Indicator("a", "b", "c").doubts is not Indicator("a", "b", "c").doubts  # a list of its own
    assert finding.text("en") == "缺少" and finding.place == Place() and finding.count == 1
    assert Row([], Place(1)).texts == [] and _money().in_wan() == Decimal("12.50")


def test_a_batch_result_survives_the_trip_between_processes():
    result = FileResult(path="a.txt", forms=[_form()], findings=[_finding()])
    sent = pickle.loads(pickle.dumps(slim(result)))
    assert sent.findings == [_finding()] and sent.forms[0].indicator_count == 1
    run_on = RunOnRow([Cell("甲", Place(4, 1))], Place(4, 1), "甲", [("zh", "en")], ["value_shifted"])
    again = pickle.loads(pickle.dumps(run_on))
    assert again.messages == [("zh", "en")] and again.doubts == ["value_shifted"] and again.cells == run_on.cells
