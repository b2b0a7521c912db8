"""The money kinds read a side's amounts once per form for every side written alike
(kinds.money._amounts through Context.once, keyed by the side's options as text): M301, M303 and
M306 total the same header field, M306's ``summed`` is M303's ``parts``. Held here to the amounts
read anew for each side (_read_amounts), whatever the order the sides are asked in, for the pack's
own sides, copies of them (equal options, other objects) and sides that differ from them in one
option only (a comparator, a flag, a header key), on forms of header amounts and cost rows."""

from __future__ import annotations

import copy
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.filing import form_from_dict
from checker.model import Filing
from checker.rules import load_pack
from checker.rules.examples import parse_values
from checker.rules.kinds.money import _amounts, _read_amounts
from checker.rules.pack import Context

PACK = load_pack()


def _pack_sides() -> list[dict]:
    """Every side of the pack's sum and cost_totals checks, as the engine resolves them."""
    on = PACK.on_day(date(2026, 1, 1))
    sides = []
    for rule in PACK.rules:
        for check in rule.checks:
            if check.kind in ("sum", "cost_totals"):
                options = on.check(check).options
                sides += [options[k] for k in ("total", "parts", "alt_total", "summed") if k in options]
    return sides


def _variants(side: dict) -> list[dict]:
    """Sides one option away from ``side``: each must be read as itself, not as ``side``."""
    out = []
    if "indicators" in side:
        out.append({**side, "comparator": ["≥"]})
        out.append({**side, "per_year": not side.get("per_year", False)})
        out.append({**side, "bare_multipliers": not side.get("bare_multipliers", False)})
        out.append({**side, "indicators": {**side["indicators"], "level1": ["产出指标"]}})
    if "header" in side:
        out.append({**side, "header": ["period_total"]})
    if "header_prefix" in side:
        out.append({**side, "header_prefix": "spend:"})
    return out


SIDES = _pack_sides()
ALL_SIDES = SIDES + [copy.deepcopy(s) for s in SIDES] + [v for s in SIDES for v in _variants(s)]

amount = st.decimals(min_value=0, max_value=99999, places=2).map(str) | st.sampled_from(["1,600,000", "0", "12.5"])
money = st.fixed_dictionaries({"label": st.sampled_from(["年度资金总额", "资金总额"]), "raw": amount,
                               "unit": st.sampled_from(["元", "万元"])})
cost_row = st.fixed_dictionaries({
    "level1": st.sampled_from(["成本指标", "产出指标"]),
    "level2": st.sampled_from(["经济成本指标", "社会成本指标", "", "成本指标"]),
    "name": st.sampled_from(["养护费用", "成本合计", "每户补助", "设备购置费", "单价"]),
    "value": st.sampled_from(["327.71万元", "≤12.5万元", "≥20万元", "3.42亿", "113.41万元/年", "1600元", "50户", ""]),
})
form_data = st.fixed_dictionaries({
    "kind": st.just("project_target"), "year": st.just(2026),
    "header": st.fixed_dictionaries({}, optional={"budget_total": money, "period_total": money,
                                                  "fund:中央财政资金": money, "fund:市县财政资金": money}),
    "indicators": st.lists(cost_row, max_size=5),
})


@settings(max_examples=60, deadline=None)
@given(st.lists(form_data, min_size=1, max_size=3), st.randoms(use_true_random=False))
def test_amounts_read_once_equal_the_amounts_read_anew(forms, rnd):
    filing = Filing("f", [form_from_dict(d, f"f#{n}") for n, d in enumerate(forms)])
    parse_values(filing)
    on = PACK.on_day(date(2026, 1, 1))
    ctx = Context(filing=filing, as_of=on.day, params=on.params, taxonomy=PACK.taxonomy, pack=PACK)
    asks = [(form, side) for form in filing.forms for side in ALL_SIDES]
    rnd.shuffle(asks)
    for form, side in asks + asks:  # the second time from the memo
        assert _amounts(form, side, ctx) == _read_amounts(form, side, None)


def test_the_pack_s_equal_sides_share_one_reading():
    """What the memo buys: M303's parts and M306's summed are one entry, the budget total of
    M301, M303 and M306 another (a rule file that changes one of them ends the sharing, not
    the findings)."""
    form = form_from_dict({"kind": "project_target", "year": 2026,
                           "header": {"budget_total": {"label": "年度资金总额", "raw": "160", "unit": "万元"}},
                           "indicators": [{"level1": "成本指标", "level2": "经济成本指标", "name": "养护费用",
                                           "value": "160万元"}]}, "f")
    filing = Filing("f", [form])
    parse_values(filing)
    on = PACK.on_day(date(2026, 1, 1))
    ctx = Context(filing=filing, as_of=on.day, params=on.params, taxonomy=PACK.taxonomy, pack=PACK)
    for side in SIDES:
        _amounts(form, side, ctx)
    assert len(ctx.memo) < len(SIDES)
    assert len([k for k in ctx.memo if k[0] == "amounts"]) == len({repr(sorted(s.items())) for s in SIDES})
