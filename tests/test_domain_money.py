"""The domain's money units (checker/domain/money.py): every money-unit pattern of readers and
layout is built from the data files, and every 元/万元 conversion goes through the units table, so
a unit a form states is a YAML edit. Invented fixtures in the shapes of real forms (单位：万元 lines,
项目资金(元) labels, budget tables in 元)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from support import rule_pack_copy
import yaml
from hypothesis import given
from hypothesis import strategies as st

from checker import resources
from checker.domain import money
from checker.errors import RulePackError
from checker.layout import header, vocab
from checker.layout.budget_numbers import number, unit_slip
from checker.layout.budget_tables import parse_budget_tables
from checker.layout.header import HeaderReader, parse_amount
from checker.model import NOWHERE, Money
from checker.readers.text import rows_from_text
from checker.rules import vocabulary
from checker.values import units as units_module

SHIPPED = resources.rules_dir()

TABLE = "\n".join([
    "部门收支总表",
    "单位：{unit}",
    "收入\t\t支出\t",
    "项目\t预算数\t项目\t预算数",
    "一、一般公共预算拨款收入\t1,200.50\t一、教育支出\t1,200.50",
    "本年收入合计\t1,200.50\t本年支出合计\t1,200.50",
])


def _forget() -> None:
    """Drop every remembered reading of the data files, so the next use reads them again."""
    for f in (vocab.layout_vocab, vocab.header_key, header._label_of_text, money.money_words, money.pattern,
              money._ToWan._table, units_module.load_units, vocabulary.load_meaning):
        f.cache_clear()


@pytest.fixture
def pack(tmp_path, monkeypatch):
    """A copy of the shipped rule pack that the loaders read instead; edit its files, then read."""
    yield from rule_pack_copy(tmp_path, monkeypatch, _forget)


def _state(pack: Path, units: list[str]) -> None:
    path = pack / "layout_vocab.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  stated: [万元, 元]\n" in text
    path.write_text(text.replace("  stated: [万元, 元]\n", f"  stated: [{', '.join(units)}]\n"), encoding="utf-8")
    _forget()


def test_the_conversion_table_is_the_units_yaml_money_units():
    data = yaml.safe_load((SHIPPED / "units.yaml").read_text(encoding="utf-8"))
    factors = {u["name"]: Decimal(str(u["factor"])) for u in data["units"] if u["kind"] == "money"}
    assert dict(money.TO_WAN) == factors
    assert money.to_wan(Decimal("57407"), "元") == Decimal("5.7407")
    # the written precision is kept: 1,000,000 元 is 100.0000 万元, not 100
    assert str(money.to_wan(Decimal("1000000"), "元")) == "100.0000"
    assert str(money.to_wan(Decimal("3531.93"), "万元")) == "3531.93"
    assert money.to_wan(Decimal("3"), "亿元") == Decimal("30000")
    assert str(money.ratio("万元", "元")) == "10000"
    assert money.from_wan(Decimal("1200"), "元") == Decimal("12000000")
    with pytest.raises(KeyError):
        money.to_wan(Decimal(1), "吨")


def test_money_converts_through_the_table():
    assert Money(Decimal("1500000"), "元", "1,500,000", NOWHERE).in_wan() == Decimal("150")
    assert Money(Decimal("150"), "万元", "150", NOWHERE).in_yuan() == Decimal("1500000")
    assert unit_slip(Decimal("5.74"), Decimal("57400")) and not unit_slip(Decimal("5.74"), Decimal("5740"))


def test_the_shipped_words():
    words = money.money_words()
    assert words.stated == ("万元", "元")  # longest first, so 万元 is never read as 万 + 元
    assert set(words.labels) == {"单位", "金额单位", "计量单位"}
    assert words.bare == {"万": "万元"}  # meaning.yaml's 万 → 万元; 亿 → 亿元 is not a stated unit
    assert set(words.signs) == {"¥", "￥"}


@pytest.mark.parametrize("text,unit", [
    ("单位：万元", "万元"), ("金额单位:元", "元"), ("计量单位： 万元", "万元"),
    ("单位：亿元", None), ("单位：某县某局", None),
])
def test_a_unit_statement(text, unit):
    m = money.pattern(money.STATEMENT).fullmatch(text)
    assert (m.group(1) if m else None) == unit


@pytest.mark.parametrize("text,unit", [
    ("项目资金(元)", "元"), ("年度预算申请（万元）", "万元"), ("部门收支总表（单位：元）", "元"),
    ("预算数(金额单位:万元)", "万元"), ("长度(km)", None), ("年度预算(亿元)", None),
])
def test_a_bracketed_unit(text, unit):
    m = money.pattern(money.BRACKETED).search(text)
    assert (m.group(1) if m else None) == unit


def test_amounts_in_text():
    found = money.amounts_in_text("涉及部门预算资金41,817.28万元，其中专项资金 500 万元，另有5元")
    assert found == [(Decimal("41817.28"), "万元"), (Decimal("500"), "万元"), (Decimal("5"), "元")]
    assert money.amounts_in_text("完成2026年度目标，增长3.5%") == []


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["万元", "元"]), st.text(alphabet="项目资金共计约，。：", max_size=8))
def test_amounts_in_text_finds_what_was_written(amount, unit, before):
    assert money.amounts_in_text(f"{before}{amount}{unit}") == [(amount, unit)]


@given(st.text(max_size=60))
def test_amounts_in_text_reads_any_text(text):
    for amount, unit in money.amounts_in_text(text):
        assert unit in money.money_words().stated and amount >= 0


def test_a_stated_unit_that_is_not_money_is_a_pack_error(pack):
    _state(pack, ["万元", "元", "吨"])
    with pytest.raises(RulePackError, match="'吨' is not a money unit of units.yaml"):
        money.money_words()


def test_the_shipped_pack_does_not_read_a_unit_it_does_not_state():
    assert parse_amount("1500", None, NOWHERE) is None
    fields = HeaderReader().feed(rows_from_text("单位：千元\n年度资金总额\t1500\n"))
    assert fields["budget_total"].money is None  # no unit it knows: left unparsed, never guessed
    assert number("12千元") is None


def test_a_new_money_unit_is_a_yaml_edit(pack):
    # Only the data changes: 千元 (a money unit of units.yaml) becomes a unit forms may state.
    _state(pack, ["万元", "元", "千元"])
    fields = HeaderReader().feed(rows_from_text("单位：千元\n年度资金总额\t1500\n"))
    budget = fields["budget_total"].money
    assert (budget.amount, budget.unit, budget.in_wan()) == (Decimal("1500"), "千元", Decimal("150.0"))
    assert parse_amount("1500千元", None, NOWHERE).unit == "千元"
    assert vocab.header_key("项目资金(千元)") == (None, "千元")
    assert number("12千元") == Decimal("12")
    rows = rows_from_text(TABLE.format(unit="千元"))
    form, findings = parse_budget_tables(rows, form_id="t#1", title="部门预算公开", title_place=rows[0].place, year=2026)
    assert findings == [] and [t.unit for t in form.tables] == ["千元"]
    assert money.to_wan(Decimal("1200.50"), form.tables[0].unit) == Decimal("120.050")


def test_the_filing_schema_lists_the_stated_units():
    # The canonical filing (checker parse → checker check) carries amounts in the units a form
    # states; its published schema must not drift from the data.
    import json

    schema = json.loads((SHIPPED / "schema" / "filing.schema.json").read_text(encoding="utf-8"))
    enums = [schema["$defs"]["money"]["properties"]["unit"]["enum"],
             schema["$defs"]["field"]["oneOf"][1]["properties"]["unit"]["enum"]]
    assert all(set(e) == set(money.money_words().stated) for e in enums)


def test_a_filing_in_a_new_stated_unit_is_read(pack):
    from checker.errors import InputError
    from checker.filing import filing_from_dict

    data = {"forms": [{"kind": "project_target", "header": {"budget_total": {"raw": "1500", "unit": "千元"}}}]}
    with pytest.raises(InputError, match="expected 元 or 万元, got '千元'"):
        filing_from_dict(data, "t.yaml")
    _state(pack, ["万元", "元", "千元"])
    form = filing_from_dict(data, "t.yaml").forms[0]
    assert form.header["budget_total"].money.in_wan() == Decimal("150.0")


def test_a_rule_budget_condition_names_money_units_of_the_table():
    # applies_to.when.budget.unit (checker/rules/conditions.py) converts with TO_WAN: every unit
    # the rule schema allows there must be one the table converts.
    from checker.rules.schema import _WHEN

    allowed = _WHEN["properties"]["budget"]["properties"]["unit"]["enum"]
    assert allowed and set(allowed) <= set(money.TO_WAN)


def test_a_filing_table_in_an_unknown_unit_is_bad_input():
    # A table's amounts convert through the table: a unit it cannot convert is the input's error,
    # named with its place, never a crash nor a silent 万元; a table stating none is in 万元.
    from checker.errors import InputError
    from checker.filing import filing_from_dict

    def tables(unit):
        table = {"title": "部门收支总表", "columns": ["项目", "预算数"], "rows": [["合计", "1.00"]]}
        return {"forms": [{"kind": "budget_table", "tables": [dict(table, **unit)]}]}

    with pytest.raises(InputError, match=r"/forms/0/tables/0/unit: expected 元 or 万元, got '千元'"):
        filing_from_dict(tables({"unit": "千元"}), "t.yaml")
    assert filing_from_dict(tables({}), "t.yaml").forms[0].tables[0].unit == "万元"


def test_to_wan_answers_in_and_get_as_its_items():
    from checker.values.units import load_units

    TO_WAN = money.TO_WAN
    items = dict(TO_WAN.items())
    for name in [*load_units().units, "人", "", "万元人民币x"]:
        assert (name in TO_WAN) == (name in items)
        assert TO_WAN.get(name) == items.get(name) and TO_WAN.get(name, "none") == items.get(name, "none")
    assert "万元" in TO_WAN and "元" in TO_WAN and "人次" not in TO_WAN
