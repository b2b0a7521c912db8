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


_LABELS = ["产出指标", "效益", "效果指标", "数量指标", "经济成本指标", ""]
_SYNONYMS = {"效果指标": "效益指标"}


def _label_pred(depth: int = 1):
    """Predicates of label tests (level1, level2, "" for no label) nested in not/any, with a
    name test after them now and then (so the label run is a prefix, not the whole)."""
    level = st.lists(st.sampled_from(_LABELS), min_size=1, max_size=2)
    leaf = st.fixed_dictionaries({}, optional={"level1": level, "level2": level})
    if depth == 0:
        return leaf
    inner = _label_pred(depth - 1)
    return st.fixed_dictionaries({}, optional={
        "level1": level, "level2": level, "not": inner, "any": st.lists(inner, min_size=1, max_size=2),
        "name_contains": st.lists(st.sampled_from(["率", "数", "费"]), min_size=1, max_size=2)})


def _reference(ind, pred, syn) -> bool:
    """The predicate read test by test, in written order, as rows were judged before tests were
    compiled (select._TESTS)."""
    from checker.rules.select import _TESTS

    for key, want in pred.items():
        if key == "not":
            held = not _reference(ind, want, syn)
        elif key == "any":
            held = any(_reference(ind, p, syn) for p in want)
        else:
            held = _TESTS[key](ind, want, syn)
        if not held:
            return False
    return True


@settings(max_examples=300, deadline=None)
@given(pred=_label_pred(), rows=st.lists(st.tuples(st.sampled_from(_LABELS + [" "]), st.sampled_from(_LABELS + [" "]),
                                                   st.sampled_from(["合格率", "人数", "费用"])), max_size=10),
       syn=st.sampled_from([None, _SYNONYMS]))
def test_label_tests_answered_per_label_pair_are_the_tests(pred, rows, syn):
    """A compiled predicate answers its leading label tests once per (level-1, level-2) pair
    (select._by_labels): on every row, asked twice, it says what the tests read one by one say."""
    test = compiled(pred, syn)
    for l1, l2, name in rows + rows:
        ind = Indicator(level1=l1, level2=l2, name=name, value="")
        assert test(ind) is _reference(ind, pred, syn), (pred, l1, l2, name)


def test_one_predicate_asked_with_two_synonym_tables_reads_each_table():
    """The memo of compiled predicates is keyed by the predicate alone: asked with another
    synonym table (or none), the same predicate is compiled for that table, not answered from
    the first table's labels."""
    pred = {"level1": ["效益指标"]}
    ind = Indicator(level1="效果指标", level2="", name="满意度", value="")
    assert compiled(pred, None)(ind) is False
    assert compiled(pred, _SYNONYMS)(ind) is True
    assert compiled(pred, {})(ind) is False  # {} reads labels as None does
    assert compiled(pred, _SYNONYMS)(ind) is True


@settings(max_examples=300, deadline=None)
@given(pred=_label_pred(), rows=st.lists(st.tuples(st.sampled_from(_LABELS + [" "]), st.sampled_from(_LABELS + [" "]),
                                                   st.sampled_from(["合格率", "人数", "费用"])), max_size=10),
       syn=st.sampled_from([None, _SYNONYMS]))
def test_select_through_nested_filters_keeps_the_rows_every_test_holds_for(pred, rows, syn):
    """select() passes the rows through one filter per step of the predicate (no call of the
    combined test per row): it keeps, in order, exactly the rows the tests read one by one
    admit, and the rows the compiled test admits."""
    from checker.rules.select import select

    inds = [Indicator(level1=l1, level2=l2, name=name, value="") for l1, l2, name in rows]
    chosen = select(inds, pred, syn)
    assert chosen == [i for i in inds if _reference(i, pred, syn)], pred
    assert chosen == [i for i in inds if compiled(pred, syn)(i)]
    assert all(a is b for a, b in zip(chosen, [i for i in inds if _reference(i, pred, syn)]))


@settings(max_examples=200, deadline=None)
@given(labels=st.lists(st.one_of(st.none(), st.sampled_from(_LABELS + ["效果", " 效果指标", "产出指标 ", "指标"]),
                                 st.text(alphabet="效果益产出指标 ", max_size=6)), max_size=12),
       syn=st.sampled_from([None, {}, _SYNONYMS, {"产出": "效益指标"}]))
def test_label_keys_answer_each_label_as_label_key_and_the_bare_label_do(labels, syn):
    """label_keys(syn) is the synonym table's memo's own look-up (a dict whose __missing__ works a
    label out): on first and later asks it gives label_key's answer, which is the label bare
    (normalised, no spaces, no 指标 suffix) with the table's synonyms applied."""
    from checker.rules.select import _bare, label_key, label_keys

    key = label_keys(syn)
    canonical = {_bare(k): _bare(v) for k, v in (syn or {}).items()}
    for label in labels + labels:
        bare = _bare(label or "")
        assert key(label) == label_key(label, syn) == canonical.get(bare, bare), (label, syn)
