"""Every example written in a rule file (rules/*.yaml) runs here, one test per example, so
policy staff's examples are the rule tests (shared/STYLE.md: sqlfluff-style YAML cases)."""

from __future__ import annotations

import pytest

from checker.rules import load_pack
from checker.rules.examples import run_example, values_available

PACK = load_pack()
CASES = [(rule, i) for rule in PACK.rules for i in range(len(rule.examples))]


@pytest.mark.parametrize("rule,index", CASES, ids=[f"{r.code}-{i + 1}" for r, i in CASES])
def test_rule_example(rule, index):
    result = run_example(PACK, rule, index, rule.examples[index], values_available())
    if result.status == "skip":
        pytest.skip(result.reason)
    assert result.status == "pass", (
        f"{rule.code} {result.name}: {result.reason}\n  expected: {result.expected}\n  actual:   {result.actual}"
    )


def test_every_rule_has_a_triggering_and_a_clean_example():
    for rule in PACK.rules:
        expects = [ex.get("expect") or [] for ex in rule.examples]
        assert any(e for e in expects), f"{rule.code} has no example that triggers it"
        assert any(not e for e in expects), f"{rule.code} has no example that stays clean"
