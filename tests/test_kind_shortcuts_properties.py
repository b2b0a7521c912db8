"""Property tests for the rule kinds' shortcuts: each holds exactly where the computation it
replaces holds (checker/rules/kinds)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.model import Indicator
from checker.rules.kinds.structure import _CUT_ENDINGS, _looks_cut
from checker.rules.kinds.values import _first_match

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
