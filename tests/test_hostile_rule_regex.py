"""Rule-pack regexes that can backtrack exponentially are refused when the pack is loaded, with
the file, line and a hint (issue 15, item 3): ``^(a+)+$`` passed validation and a 29-character
indicator name then took 7.6 s, doubling with each character."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import RulePackError
from checker.resources import rules_dir
from checker.rules import load_pack
from checker.rules.regex_guard import regex_problem

V206 = (rules_dir() / "V206.yaml").read_text(encoding="utf-8")


def _load(tmp_path: Path, text: str):
    path = tmp_path / "V206.yaml"
    path.write_text(text, encoding="utf-8")
    return load_pack(paths=[path])


@pytest.mark.parametrize("pattern", [r"^(a+)+$", r"(\w+\s?)*$", r"(ab|a)*c", r"(x)\1"])
def test_pattern_rule_with_a_backtracking_regex_is_refused_at_load(tmp_path, pattern):
    text = V206.replace('{regex: "≧", fix: "≥"}', "{regex: '%s', fix: \"≥\"}" % pattern)
    assert pattern in text
    with pytest.raises(RulePackError) as info:
        _load(tmp_path, text)
    (problem,) = info.value.problems
    assert problem.startswith(f"{tmp_path / 'V206.yaml'}:")
    assert "exponential" in problem


def test_predicate_regex_is_checked_too(tmp_path):
    m304 = (rules_dir() / "M304.yaml").read_text(encoding="utf-8")
    good = 'name_matches: "(合计|小计|总计|总额|总成本|总费用|总投资)$"'
    assert good in m304
    path = tmp_path / "M304.yaml"
    path.write_text(m304.replace(good, 'name_matches: "^(合计+)+$"'), encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_pack(paths=[path])
    assert any("exponential" in p for p in info.value.problems)
    assert all(p.startswith(str(path)) for p in info.value.problems)


def test_baseline_pack_regexes_all_pass():
    load_pack()  # raises when one of the shipped regexes were refused


@pytest.mark.parametrize("pattern", [r"≧", r"^(不低于|不少于)", r"^(X+|x+|—+|-+)$", r"(?>a+)+", r"(a|b)+", r"(ab{2})+"])
def test_linear_patterns_are_allowed(pattern):
    assert regex_problem(pattern) is None


def test_invalid_regex_is_named():
    assert "not a valid regular expression" in regex_problem("[(")
