"""The indicator-meaning vocabulary (rules/meaning.yaml): schema-checked, read by M306."""

from __future__ import annotations

from checker.rules.vocabulary import cost_money_unit, load_meaning, meaning_problems


def test_shipped_vocabulary_is_valid_and_names_the_money_multipliers():
    assert meaning_problems() == []
    assert cost_money_unit("亿") == "亿元" and cost_money_unit("万") == "万元" and cost_money_unit("百万") == "百万元"
    assert cost_money_unit("人次") is None
    assert load_meaning()["version"] == 1


def test_a_multiplier_to_a_non_money_unit_is_reported_with_its_place(tmp_path):
    bad = tmp_path / "meaning.yaml"
    bad.write_text("version: 1\ncost_money_multipliers:\n  亿: 亿人次\n", encoding="utf-8")
    problems = meaning_problems(bad)
    assert len(problems) == 1 and "meaning.yaml:3" in problems[0]
