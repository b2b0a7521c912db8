"""Every example written in a rule file (rules/*.yaml) runs here, one test per example, so
policy staff's examples are the rule tests (shared/STYLE.md: sqlfluff-style YAML cases)."""

from __future__ import annotations

import pytest

from checker.rules import load_pack
from checker.rules.examples import run_example, values_available

from checker.resources import rules_dir

PACK = load_pack()
PROFILES = {p.stem: load_pack(profile=p.stem) for p in sorted((rules_dir() / "profiles").glob("*.yaml"))}
CASES = [(PACK, rule, i) for rule in PACK.rules for i in range(len(rule.examples))]
# rules a profile adds run with that profile's pack
CASES += [(pack, rule, i) for pack in PROFILES.values() for rule in pack.rules
          if PACK.rule(rule.code) is None for i in range(len(rule.examples))]


@pytest.mark.parametrize("pack,rule,index", CASES, ids=[f"{r.code}-{i + 1}" for _, r, i in CASES])
def test_rule_example(pack, rule, index):
    result = run_example(pack, rule, index, rule.examples[index], values_available())
    if result.status == "skip":
        pytest.skip(result.reason)
    assert result.status == "pass", (
        f"{rule.code} {result.name}: {result.reason}\n  expected: {result.expected}\n  actual:   {result.actual}"
    )


def test_every_rule_has_a_triggering_and_a_clean_example():
    for rule in [r for pack in [PACK, *PROFILES.values()] for r in pack.rules]:
        expects = [ex.get("expect") or [] for ex in rule.examples]
        assert any(e for e in expects), f"{rule.code} has no example that triggers it"
        assert any(not e for e in expects), f"{rule.code} has no example that stays clean"
