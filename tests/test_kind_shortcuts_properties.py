"""Property tests for the rule kinds' shortcuts: each holds exactly where the computation it
replaces holds (checker/rules/kinds)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.model import Indicator
from checker.rules.kinds.structure import _CUT_ENDINGS, _looks_cut
from checker.rules.kinds.values import _first_match, _patterns

# Names of few characters, the brackets and quotes S109 counts among them (opened, closed, both).
_NAME_CHARS = "经费与和的《》(（)）[]【】“”率"


@settings(max_examples=400, deadline=None)
@given(name=st.text(alphabet=_NAME_CHARS, max_size=10))
def test_looks_cut_counts_marks_as_before(name):
    """S109 counts the marks only in a name that opens one: the same answer as counting them in
    every name."""
    opened = sum(map(name.count, "《(（[【“")) > sum(map(name.count, "》)）]】”"))
    assert _looks_cut(name, tuple(_CUT_ENDINGS)) is (opened or name.endswith(tuple(_CUT_ENDINGS)))


def _first_match_every_field(ind, fields, compiled):
    """pattern's search before the empty-field skip: every pattern on every field, a hit only
    where the match is in a non-empty text."""
    for f in fields:
        text = getattr(ind, f).strip()
        for rx, p in compiled:
            m = rx.search(text)
            if m and text:
                return (f, text, m.group(0), p.get("variant"))
    return None


_FIELD_TEXT = st.text(alphabet=" ≧≥=＝不低于90%定量", max_size=6)
# Patterns that match an empty text (^$, .*, x?) beside V206's own shapes.
_PATTERNS = st.lists(st.sampled_from(["≧", "＝", "^$", ".*", "x?", "^(不低于|不少于)", "%$", "^\\s*$"]),
                     min_size=1, max_size=4)


@settings(max_examples=400, deadline=None)
@given(value=_FIELD_TEXT, value_type=_FIELD_TEXT, unit=_FIELD_TEXT, patterns=_PATTERNS,
       fields=st.lists(st.sampled_from(["value", "value_type", "unit", "name"]), min_size=1, max_size=3))
def test_pattern_skips_empty_fields_with_the_same_hits(value, value_type, unit, patterns, fields):
    ind = Indicator(level1="产出指标", level2="数量指标", name="", value=value, unit=unit, value_type=value_type)
    compiled = [(re.compile(p), {"regex": p, "variant": str(n)}) for n, p in enumerate(patterns)]
    hit = _first_match(ind, fields, compiled)
    got = (hit.data["field"], hit.data["text"], hit.data["match"], hit.variant) if hit is not None else None
    assert got == _first_match_every_field(ind, fields, compiled)


# Regexes of the shapes pattern checks write (V206's: a character, an alternation of words at the
# start), with groups, anchors, look-arounds, and ones that match an empty text.
_REGEXES = ["≧", "＝", "⩾", "^(不低于|不少于)", "(不高于|不超过)$", "%$", "^$", ".*", "x?", "(?<=≥)9",
            "9(?!0)", "(低|高)于", "[≥≧]\\s*9", "(?:不)?低", "^\\s*$"]


@settings(max_examples=500, deadline=None)
@given(value=st.text(alphabet=" ≧≥⩾=＝不低高于超过少9%x", max_size=8),
       value_type=st.text(alphabet=" ≧=＝定量不低于", max_size=4),
       regexes=st.lists(st.sampled_from(_REGEXES), min_size=1, max_size=9),
       fields=st.lists(st.sampled_from(["value", "value_type"]), min_size=1, max_size=2))
def test_pattern_alternation_finds_what_each_pattern_finds(value, value_type, regexes, fields):
    """pattern searches the alternation of a check's patterns first and tries them one by one
    only on a text it matches: the same hit (field, pattern, match) as trying them all."""
    ind = Indicator(level1="产出指标", level2="数量指标", name="某指标", value=value, value_type=value_type)
    entries = [{"regex": r, "variant": str(n)} for n, r in enumerate(regexes)]
    compiled, anywhere = _patterns(entries)
    assert anywhere is not None
    hit = _first_match(ind, fields, compiled, anywhere)
    every = _first_match(ind, fields, compiled)
    assert (hit and (hit.data, hit.variant)) == (every and (every.data, every.variant))


def test_pattern_alternation_of_the_pack_and_its_limits():
    """V206's patterns have an alternation, made once for the options object; a pattern read by
    group number (\\1, (?(1)…)) or with a global flag has none (every pattern is tried)."""
    from checker.rules import load_pack

    patterns = load_pack().rule("V206").checks[0].options["patterns"]
    compiled, anywhere = _patterns(patterns)
    assert anywhere is not None and _patterns(patterns)[0] is compiled
    assert anywhere("≥90%") is None and anywhere("不低于90%") is not None and anywhere("≧90") is not None
    for odd in (["(年)\\1", "月"], ["(年)?(?(1)度|月)", "日"], ["月", "(?i)abc"]):
        compiled, anywhere = _patterns([{"regex": r} for r in odd])
        assert anywhere is None and len(compiled) == 2
    # the one-by-one search still finds what such a list matches
    ind = Indicator(level1="产出指标", level2="数量指标", name="某指标", value="年年")
    assert _first_match(ind, ["value"], _patterns([{"regex": "(年)\\1"}, {"regex": "月"}])[0]).data["match"] == "年年"


def test_conditional_predicates_are_each_checks_own():
    """conditional compiles its where/when/then once per options object and synonym table: each
    check, asked again in turn with either table, gets its own predicates, as compiled anew."""
    from datetime import date

    from checker.rules import load_pack
    from checker.rules.kinds.values import _predicates
    from checker.rules.select import compiled

    pack = load_pack()
    on = pack.on_day(date(2026, 1, 1))
    options = [on.check(c).options for r in pack.rules for c in r.checks if c.kind == "conditional"]
    assert len(options) >= 10
    for syn in [pack.taxonomy.get("synonyms"), None] * 2:
        for o in options:
            assert _predicates(o, syn) == (compiled(o.get("where"), syn), compiled(o.get("when"), syn),
                                           compiled(o["then"], syn))
