"""Property tests for the predicate tests compiled once per predicate (checker/rules/select.py):
a compiled shortcut holds exactly where the test it replaces holds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout.labels import normalize
from checker.model import Indicator
from checker.rules.select import compiled

# Names and words from few characters, regex metacharacters among them, so that words occur in
# names, overlap, repeat and contain what a regex would read as syntax.
_CHARS = "满意度率人数指PH.*()|[]+?\\ （）"
words = st.text(alphabet=_CHARS, max_size=4)


@settings(max_examples=300, deadline=None)
@given(name=st.text(alphabet=_CHARS, max_size=12), want=st.lists(words, min_size=1, max_size=8))
def test_name_contains_is_any_word_in_the_name(name, want):
    """name_contains / name_not_contains search the words as one alternation of literals: true
    exactly where some word is a substring of the normalised name (an empty word always is)."""
    ind = Indicator(level1="产出指标", level2="数量指标", name=name, value="")
    held = any(w in normalize(name) for w in want)
    assert compiled({"name_contains": want})(ind) is held
    assert compiled({"name_not_contains": want})(ind) is (not held)
