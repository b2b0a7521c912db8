"""The engine resolves a check's options once per budget year (RulePack.on_day), yet each form
still gets the parameter values of its own year; a check leaves no reference cycles behind."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

import pytest

from checker.filing import form_from_dict
from checker.model import Filing
from checker.rules import ParameterError, load_pack
from checker.rules.examples import parse_values

ROOT = Path(__file__).resolve().parents[1]

PROFILE = """name: prov
source: 某省财政厅通知（示例）
parameters:
  satisfaction_floor:
    - {from: "2015-01-01", value: 85, source: 基线}
    - {from: "2025-01-01", value: 90, source: 2025年起满意度不低于90%}
"""


def _form(year: int, n: int):
    return form_from_dict({"kind": "project_target", "year": year, "indicators": [
        {"level1": "满意度指标", "level2": "服务对象满意度", "name": f"群众满意度{n}", "value": "≥88%"}]}, f"p#{n}")


def test_forms_of_different_years_in_one_filing_get_their_own_year_s_values(tmp_path):
    prof = tmp_path / "prov.yaml"
    prof.write_text(PROFILE, encoding="utf-8")
    pack = load_pack(profile=str(prof))
    filing = Filing("p", [_form(2026, 1), _form(2024, 2), _form(2026, 3), _form(2024, 4)])
    parse_values(filing)
    for _ in range(2):  # the second run uses what the first remembered
        found = pack.check(filing, select={"V208"})
        assert sorted(f.form for f in found) == ["p#1", "p#3"]
        assert all("90%" in f.message["zh"] for f in found)
    assert pack.on_day(date(2026, 1, 1)) is pack.on_day(date(2026, 1, 1))
    check = pack.rule("V208").checks[0]
    assert pack.on_day(date(2026, 1, 1)).check(check) is pack.on_day(date(2026, 1, 1)).check(check)
    assert pack.on_day(date(2024, 1, 1)).params["satisfaction_floor"].value == 85


def test_a_year_before_a_parameter_s_first_value_raises_every_time():
    pack = load_pack()
    filing = Filing("p", [_form(2010, 1)])
    parse_values(filing)
    for _ in range(2):  # nothing half-resolved is remembered
        with pytest.raises(ParameterError, match="first value starts 2015-01-01"):
            pack.check(filing, select={"V208"})


def test_checking_a_seed_leaves_no_reference_cycles():
    from checker.pipeline import CheckOptions, check_file

    pack = load_pack()
    seeds = sorted((ROOT / "samples").glob("00[0-3]_*.txt"))
    for seed in seeds:  # warm the module-level caches first: they live as long as the process
        check_file(str(seed), pack, CheckOptions())
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for seed in seeds:
            result = check_file(str(seed), pack, CheckOptions())
            assert result.findings
        del result
        gc.collect()
        cyclic = list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert cyclic == []


def test_once_computes_an_answer_of_none_once_too():
    """Context.once looks its key up once (a sentinel marks "not yet"): an answer that is None
    is remembered like any other, not computed again on every ask."""
    from checker.rules.pack import Context

    made = []
    ctx = Context(filing=Filing("p", []), as_of=date(2026, 1, 1), params={}, taxonomy={}, pack=None)
    for _ in range(3):
        assert ctx.once(("nothing", 1), lambda: made.append(1)) is None
    assert ctx.once(("other", 1), lambda: 7) == 7 and ctx.once(("other", 1), lambda: 8) == 7
    assert made == [1]


def _conditional_v208(tmp_path, when: dict):
    """A pack of V208 alone (the profile's dated floor), run only on forms meeting ``when``
    (applies_to.when)."""
    from dataclasses import replace

    from checker.rules.pack import RulePack

    prof = tmp_path / "prov.yaml"
    prof.write_text(PROFILE, encoding="utf-8")
    base = load_pack(profile=str(prof))
    v208 = base.rule("V208")
    rule = replace(v208, when=when, checks=[])
    rule.checks = [replace(c, rule=rule) for c in v208.checks]
    return RulePack(rules=[rule], parameters=base.parameters, taxonomy=base.taxonomy)


def _titled(year: int, n: int, title: str):
    form = _form(year, n)
    form.title = title
    return form


def test_a_missing_parameter_raises_only_when_a_form_s_rule_runs(tmp_path):
    # The plan resolves a check's options when its rule first runs on a form, not when the plan
    # is made: a year before satisfaction_floor's first value is no error for a rule whose
    # condition no form meets, and raises on the first form that meets it.
    pack = _conditional_v208(tmp_path, {"region": ["某县"]})
    unmet = Filing("p", [_titled(2010, 1, "某市项目绩效目标表"), _titled(2026, 2, "某县项目绩效目标表")])
    parse_values(unmet)
    assert [f.form for f in pack.check(unmet)] == ["p#2"]
    met = Filing("p", [_titled(2026, 1, "某县项目绩效目标表"), _titled(2010, 2, "某市项目绩效目标表"),
                       _titled(2010, 3, "某县项目绩效目标表")])
    parse_values(met)
    for _ in range(2):
        with pytest.raises(ParameterError, match="first value starts 2015-01-01"):
            pack.check(met)


def test_each_day_s_plan_runs_its_own_resolved_options(tmp_path):
    # Forms of two years alternate: each year's plan holds the options resolved for its day
    # (OnDay.check's copy), whichever year came first.
    pack = _conditional_v208(tmp_path, {"region": ["某县"]})
    filing = Filing("p", [_titled(y, n, "某县项目绩效目标表") for n, y in enumerate([2024, 2026, 2024, 2026], 1)])
    parse_values(filing)
    found = pack.check(filing)
    assert [f.form for f in found] == ["p#2", "p#4"]
    assert all("90%" in f.message["zh"] for f in found)
