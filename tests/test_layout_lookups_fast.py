"""Look-ups of the layout's vocabulary give what they gave before they were made cheaper.

- vocab.framework_of and level2_fits, which the side-by-side reader asks for each level-2 that
leaves its taxonomy parent, give what they gave when level2_fits built a whole FrameworkMatch (the
unknown labels and a set per framework included) for one yes or no: the former code is kept
below as the reference, and both are asked about level-1s and level-2s drawn from every framework
of rules/taxonomy.yaml, spelt as forms write them, mixed with labels no framework knows;
- self_eval_money.money_column looks a name up in one table of the columns' names instead of
  comparing it with each column's name and its name without 数 in turn: asked of header-like
  texts (every column's name, cut, with a bracket after it, an alias of layout_vocab.yaml) and
  of others, it names the column the former loop names.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout.self_eval_money import _SUFFIX, MONEY_COLUMNS, money_column
from checker.layout.labels import normalize
from checker.layout.vocab import money_aliases
from checker.layout.vocab import FrameworkMatch, _by_level2, framework_of, frameworks, level2_fits, level_key


def _former_framework_of(level1_labels, pairs=()) -> FrameworkMatch:
    fws = frameworks()
    labels = list(dict.fromkeys(t for t in level1_labels if t and t.strip()))
    keys = {t: level_key(t) for t in labels}
    known = {k for k in keys.values() if any(k in f.level1 for f in fws)}
    unknown = tuple(t for t, k in keys.items() if k not in known)
    if not known:
        return FrameworkMatch(fws[:1], unknown=unknown)
    covering = tuple(f for f in fws if known <= set(f.level1))
    if covering and covering[0].default:
        return FrameworkMatch(_by_level2(covering, pairs), unknown=unknown)
    if covering:
        return FrameworkMatch(covering, unknown=unknown)
    best = max(fws, key=lambda f: len(known & set(f.level1)))
    return FrameworkMatch((best,), mixed=True, unknown=unknown)


def _former_level2_fits(level1_seen, level1, level2) -> bool:
    match = _former_framework_of([*level1_seen, level1])
    return not match.mixed and not match.frameworks[0].default and match.fits(level1, level2)


def _level1s() -> list[str]:
    names = [n for f in frameworks() for n in f.level1.values()]
    return names + [f"一、{n}" for n in names] + [f"{n}（30分）" for n in names]


def _level2s() -> list[str]:
    return [n for f in frameworks() for kids in f.level2.values() for n in kids.values()]


_OTHER = ["", " ", "项目管理", "其他指标", "社会效益指标", "经济效益"]
_LEVEL1 = st.sampled_from(_level1s() + _OTHER)
_LEVEL2 = st.sampled_from(_level2s() + _OTHER)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LEVEL1, max_size=5), _LEVEL1, _LEVEL2)
def test_level2_fits_is_the_former_answer(seen, level1, level2):
    assert level2_fits(seen, level1, level2) == _former_level2_fits(seen, level1, level2)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LEVEL1, max_size=6), st.lists(st.tuples(_LEVEL1, _LEVEL2), max_size=6))
def test_framework_of_is_the_former_match(labels, pairs):
    assert framework_of(labels, pairs) == _former_framework_of(labels, pairs)


def test_each_non_default_framework_places_its_own_level2():
    # the answer level2_fits exists for: a level-2 of a non-default framework under its level-1,
    # on a form whose level-1s are that framework's alone
    asked = 0
    for f in frameworks():
        if f.default:
            continue
        for key1, kids in f.level2.items():
            own = [n for k, n in f.level1.items() if k not in _default_keys()]
            if not own or not kids:
                continue
            level1 = f.level1[key1]
            for level2 in kids.values():
                if _former_level2_fits(own, level1, level2):
                    asked += 1
                    assert level2_fits(own, level1, level2)
    assert asked > 0


def _default_keys() -> set[str]:
    return set(frameworks()[0].level1)


def _former_money_column(text: str) -> str | None:
    t = _SUFFIX.sub("", normalize(text)).strip()
    aliases = money_aliases()
    if t in aliases:
        return aliases[t]
    for name in MONEY_COLUMNS:
        if t == name or (len(name) > 2 and t == name[:-1]):
            return name
    return None


_NAMES = [*MONEY_COLUMNS, *money_aliases(), "预算数", "执行", "分", "得", "年初", "资金情况", "全年预算数数"]
_HEADER_TEXT = st.builds(lambda stem, cut, tail, pad: pad + (stem[:-cut] if cut else stem) + tail + pad,
                         st.sampled_from(_NAMES), st.integers(0, 2),
                         st.sampled_from(["", "（A）", "(B/A)", "（万元）", "数", " ", "(", "（A）说明"]),
                         st.sampled_from(["", " ", "\u3000"]))


@settings(max_examples=500, deadline=None)
@given(st.one_of(_HEADER_TEXT, st.text(alphabet="全年初预算执行数率分值得（）() A", max_size=9)))
def test_money_column_is_the_former_loop(text):
    assert money_column(text) == _former_money_column(text)


def test_money_column_names_each_column_written_and_cut():
    for name in MONEY_COLUMNS:
        assert money_column(name + "（A）") == name
    assert money_column("年初预算") == "年初预算数" and money_column("执行") == "执行率"
    assert money_column("分") is None and money_column("得") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="20 年19上合计/\u3000", max_size=16))
def test_change_columns_year_pattern_finds_the_former_years(name):
    # budget_groups.change_columns finds a last year's column by YEAR (a year, then any blanks
    # and 年, taken with it), where it used the bare four digits: what YEAR takes after a year
    # cannot begin another, so both find the same years
    from checker.layout.budget_structure import YEAR, column_years

    assert YEAR.findall(name) == re.findall(r"(20\d{2})", name)
    assert column_years([name, name]) == [int(y) for c in (name, name) for y in re.findall(r"(20\d{2})\s*年?", c)]
