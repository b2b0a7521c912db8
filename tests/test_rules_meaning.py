"""The indicator-meaning vocabulary (rules/meaning.yaml): schema-checked, read by M306."""

from __future__ import annotations

import pytest

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


# --------------------------------------------------------------------------- name classes

from hypothesis import given, settings, strategies as st  # noqa: E402

from checker.rules.vocabulary import _strip_bracket, name_class  # noqa: E402


@pytest.mark.parametrize("name, cls", [
    ("危房验收合格率", "rate"), ("群众满意度", "satisfaction"), ("服务对象满意度(%)", "satisfaction"),
    ("巡查频率", None), ("培训工匠人数", "people"), ("危房改造户数", "households"), ("绿化面积", "area"),
    ("提质改造长度", "length"), ("2026年需要财政资金", "funding"), ("维护路灯数量", "count"), ("收取污水处理费", None),
])
def test_a_name_is_classed_by_the_stem_it_ends_with(name, cls):
    assert name_class(name) == cls


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("率满意度户人数面积长资金费频（）() %元次0123456789")), max_size=12))
def test_any_name_gets_one_known_class_or_none(name):
    cls = name_class(name)
    assert cls is None or cls in load_meaning()["classes"]
    if cls is not None:  # the class is the one of a stem the name (without a bracket at its end) ends with
        entry = load_meaning()["classes"][cls]
        bare = _strip_bracket(name.strip())
        assert any(bare.endswith(s) for s in entry["stems"])
        assert not any(bare.endswith(x) for x in entry.get("except") or [])


def _longest_stem_class(name: str) -> str | None:
    """The rule name_class implements, written plainly: of the classes whose except words the
    name does not end with, the one with the longest stem the name ends with (the first class
    in file order on a tie)."""
    text = _strip_bracket(name.strip())
    best = None
    for cls, entry in load_meaning()["classes"].items():
        if any(text.endswith(x) for x in entry.get("except") or []):
            continue
        for stem in entry.get("stems") or []:
            if text.endswith(stem) and (best is None or len(stem) > best[0]):
                best = (len(stem), cls)
    return best[1] if best else None


_WORDS = sorted({w for e in load_meaning()["classes"].values() for w in (e.get("stems") or []) + (e.get("except") or [])})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS + ["的", "合格", "(%)", "（人）", " ", "项目", "率", "数"]), max_size=4))
def test_the_stem_index_finds_the_longest_stem_as_a_scan_of_every_stem_does(parts):
    name = "".join(parts)
    assert name_class(name) == _longest_stem_class(name)
