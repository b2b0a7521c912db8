"""Where a check looks: label comparison with synonyms, and indicator predicates.

A predicate is a mapping of tests, all of which must hold (rule files write it under
``where``, ``when`` or ``then``)::

    where: {level1: [产出指标], level2: [质量指标], name_matches: "率$"}
    then:  {unit: ["%"], comparator: ["≥", ">"], number: {min: {param: satisfaction_floor}}}

Tests: level1, level2 (names compared after normalising and synonyms, "指标" suffix optional;
"" means no label),
name_contains, name_not_contains, name_matches (regex), value_contains, value_matches (regex
on the raw value), value_kind (quantity, range, date, deadline, period, duration, periodicity,
timeliness, qualitative), unit (canonical unit, or the unit column), unit_kind (money, rate,
count …), comparator, number {min, max, gt, lt, eq}, has_value, has_unit, name_class (the meaning class of
the name by its stem, rules/meaning.yaml: rate, satisfaction, count …), not, any.
Value tests on an indicator the grammar did not parse are false (never a guess).
"""

from __future__ import annotations

from functools import lru_cache

import re
from decimal import Decimal
from typing import Any

from checker.layout.labels import normalize
from checker.model import Indicator

COMPARATORS = ["=", "≥", "≤", ">", "<"]
VALUE_KINDS = ["quantity", "range", "date", "deadline", "period", "duration", "periodicity", "timeliness", "change",
               "ratio", "qualitative"]

_STR_LIST = {"type": "array", "items": {"type": "string"}, "minItems": 1}
_NUM = {"oneOf": [{"type": "number"}, {"type": "object", "required": ["param"], "properties": {"param": {"type": "string"}},
                                        "additionalProperties": False}]}
PREDICATE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "level1": _STR_LIST, "level2": _STR_LIST,
        "name_contains": _STR_LIST, "name_not_contains": _STR_LIST, "name_matches": {"type": "string"},
        "value_contains": _STR_LIST, "value_matches": {"type": "string"},
        "value_kind": {"type": "array", "items": {"enum": VALUE_KINDS}, "minItems": 1},
        "unit": _STR_LIST, "unit_kind": _STR_LIST,
        "comparator": {"type": "array", "items": {"enum": COMPARATORS + ["none"]}, "minItems": 1},
        "number": {"type": "object", "additionalProperties": False,
                   "properties": {"min": _NUM, "max": _NUM, "gt": _NUM, "lt": _NUM, "eq": _NUM}},
        "has_value": {"type": "boolean"}, "has_unit": {"type": "boolean"},
        "name_class": {**_STR_LIST, "description": "the meaning class of the name (rate, satisfaction, count …), "
                                                   "from the name stems of rules/meaning.yaml"},
        "not": {"$ref": "#"}, "any": {"type": "array", "items": {"$ref": "#"}},
    },
}


def predicate_schema() -> dict:
    """PREDICATE_SCHEMA with its self-references made local (for embedding in option schemas)."""
    return {"$ref": "#/$defs/predicate", "$defs": {"predicate": _relink(PREDICATE_SCHEMA)}}


def _relink(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: ("#/$defs/predicate" if k == "$ref" and v == "#" else _relink(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_relink(v) for v in node]
    return node


def label_key(label: str, synonyms: dict[str, str] | None = None) -> str:
    """A level-1/level-2 label in comparable form: normalised, synonyms applied, "指标" suffix
    dropped. ``"效果指标"`` → ``"效益"``; ``"经济效益"`` and ``"经济效益指标"`` → ``"经济效益"``."""
    if not synonyms:
        return _bare(label or "")
    keys = _SYNONYM_MAPS.get(id(synonyms))  # inline: rules ask for a label key ~500 times per form
    if keys is None or keys.synonyms is not synonyms:
        keys = _label_keys_of(synonyms)
    return keys[label]


def label_keys(synonyms: dict[str, str] | None = None):
    """``label_key(·, synonyms)`` as a function of the label alone, for a loop over a form's
    labels: the synonym table's memo is found once, not once per label, and a label seen before
    is answered by the memo's own look-up (no Python call)."""
    if not synonyms:
        return lambda label: _bare(label or "")
    keys = _SYNONYM_MAPS.get(id(synonyms))
    if keys is None or keys.synonyms is not synonyms:
        keys = _label_keys_of(synonyms)
    return keys.__getitem__


class _LabelKeys(dict):
    """label → its key under one synonym table (``synonyms``; ``canonical``: bare synonym → bare
    canonical), each label worked out on its first ask (__missing__) and bounded however many
    odd labels a batch brings."""

    __slots__ = ("synonyms", "canonical")

    def __init__(self, synonyms: dict[str, str]):
        super().__init__()
        self.synonyms = synonyms
        self.canonical = {_bare(k): _bare(v) for k, v in synonyms.items()}

    def __missing__(self, label: str) -> str:
        if len(self) > 65536:
            self.clear()
        bare = _bare(label or "")
        key = self[label] = self.canonical.get(bare, bare)
        return key


# Rules ask for the same few labels thousands of times per document: compute each once.
_SYNONYM_MAPS: dict[int, _LabelKeys] = {}


def _label_keys_of(synonyms: dict[str, str]) -> _LabelKeys:
    """The label-key memo of one synonym table (kept with the table, so its id is not reused)."""
    keys = _SYNONYM_MAPS[id(synonyms)] = _LabelKeys(synonyms)
    return keys


@lru_cache(maxsize=8192)
def _bare(text: str) -> str:
    text = normalize(text).replace(" ", "")
    return text[:-2] if text.endswith("指标") and len(text) > 2 else text


def same_label(a: str, b: str, synonyms: dict[str, str] | None = None) -> bool:
    return bool(a) and label_key(a, synonyms) == label_key(b, synonyms)


def value_kind(ind: Indicator) -> str | None:
    return getattr(ind.parsed, "kind", None)


def comparator(ind: Indicator) -> str | None:
    return getattr(ind.parsed, "comparator", None)


def number(ind: Indicator) -> Decimal | None:
    n = getattr(ind.parsed, "number", None)
    return n if isinstance(n, Decimal) else (Decimal(n) if isinstance(n, int) else None)


def unit_of(ind: Indicator) -> str:
    """The parsed canonical unit, else the unit column as written."""
    return getattr(ind.parsed, "unit", None) or normalize(ind.unit)


def matches(ind: Indicator, pred: dict[str, Any] | None, synonyms: dict[str, str] | None = None) -> bool:
    """True when every test of ``pred`` holds for ``ind`` (an empty predicate always holds)."""
    if not pred:
        return True
    return compiled(pred, synonyms)(ind)


def select(rows: list[Indicator], pred: dict[str, Any] | None, synonyms: dict[str, str] | None = None) -> list[Indicator]:
    """The indicators of ``rows`` (in order) that match ``pred``: all of them (a new list) when
    it is empty. The predicate is looked up once for all rows, not once per row."""
    if not pred:
        return list(rows)
    for test in _entry(pred, synonyms)[3]:  # nested filters ask a row the tests in order, as `every`
        rows = filter(test, rows)           # does, without a call of `every` per row
    return list(rows)


# Predicate → test function, per predicate object (with the synonym table it was compiled for:
# a pack's predicates are read with its one taxonomy). Checks ask the same `where` of every
# indicator of every form: the wanted label keys, regexes and bounds are worked out once. The
# entry keeps both objects, so an id is never reused while its entry stands.
_COMPILED: dict[int, tuple[Any, Any, Any, tuple]] = {}


def compiled(pred: dict[str, Any] | None, synonyms: dict[str, str] | None = None):
    """``pred`` as a function ``Indicator → bool`` equal to ``matches(ind, pred, synonyms)``.

    Cached by the identity of ``pred`` and ``synonyms`` (rule options are not mutated once a
    pack is loaded); bounded however many predicates a caller builds on the fly. The memo is
    keyed by the predicate alone (a kind asks ~4,000 times per mix, the int key costs less than
    a pair's): the same predicate asked with another table is compiled anew for that table."""
    hit = _COMPILED.get(id(pred))  # _entry's look-up inline: kinds ask this once or twice per form
    if hit is None or hit[0] is not pred or hit[1] is not (synonyms or None):
        hit = _entry(pred, synonyms)
    return hit[2]


def _entry(pred: dict[str, Any] | None, synonyms: dict[str, str] | None):
    """The memo's entry of ``pred`` read with ``synonyms``: (pred, table, the test, its steps:
    _steps)."""
    syn = synonyms or None  # None and {} compare labels alike (label_key)
    hit = _COMPILED.get(id(pred))
    if hit is None or hit[0] is not pred or hit[1] is not syn:
        if len(_COMPILED) > 4096:
            _COMPILED.clear()
        steps = _steps(pred, syn)
        hit = _COMPILED[id(pred)] = (pred, syn, _all_of(steps), steps)
    return hit


def _always(_ind: Indicator) -> bool:
    return True


def _compile(pred: dict[str, Any] | None, syn: dict[str, str] | None):
    """``pred`` as one test: its steps (_steps) in their written order, stopping at the first
    that fails."""
    return _all_of(_steps(pred, syn))


def _all_of(tests: tuple):
    """One test holding where every one of ``tests`` does (asked in order, up to a failure)."""
    if not tests:
        return _always
    if len(tests) == 1:
        return tests[0]

    def every(ind: Indicator) -> bool:
        for test in tests:
            if not test(ind):
                return False
        return True
    return every


def _steps(pred: dict[str, Any] | None, syn: dict[str, str] | None) -> tuple:
    """The tests of ``pred`` in their written order. A leading run of tests that read only the
    row's labels (level1, level2, and not/any made of them) is one test answered once per
    (level-1, level-2) pair (_by_labels)."""
    items = list((pred or {}).items())
    tests = [_COMPILERS.get(key, _generic(key))(want, syn) for key, want in items]
    labels = 0
    while labels < len(items) and _reads_labels_only(*items[labels]):
        labels += 1
    if labels > 1 or (labels == 1 and items[0][0] in ("not", "any")):
        tests[:labels] = [_by_labels(tests[:labels])]
    return tuple(tests)


def _reads_labels_only(key: str, want: Any) -> bool:
    """Does the test ``key: want`` read nothing of a row but its level-1 and level-2 labels?"""
    if key in ("level1", "level2"):
        return True
    if key == "not":
        return isinstance(want, dict) and all(_reads_labels_only(k, w) for k, w in want.items())
    if key == "any":
        return isinstance(want, list) and all(isinstance(p, dict) and all(_reads_labels_only(k, w) for k, w in p.items())
                                              for p in want)
    return False


def _by_labels(tests: list):
    """``tests`` (each reading only a row's level-1 and level-2) as one test, answered once per
    (level-1, level-2) pair: a form's rows share a few pairs, and so do the forms of a batch (a
    cache of label pairs, bounded like the level tests' own)."""
    answers: dict[tuple[str, str], bool] = {}

    def test(ind: Indicator) -> bool:
        pair = (ind.level1, ind.level2)
        hit = answers.get(pair)
        if hit is None:
            if len(answers) > 4096:
                answers.clear()
            hit = answers[pair] = all(t(ind) for t in tests)
        return hit
    return test


def _generic(key: str):
    """A test run as ``_TESTS[key]``; a key no rule uses fails only where it is asked (looked up
    then, as before compiling)."""
    def build(want, syn):
        func = _TESTS.get(key)
        if func is None:
            return lambda ind: _TESTS[key](ind, want, syn)
        return lambda ind: func(ind, want, syn)
    return build


def _level_compiler(attr: str):
    """level1/level2: the wanted labels' keys once, and the answer once per label seen ("" matches
    a row with no label); a form's rows share a few labels, and so do the forms of a batch."""
    if attr not in ("level1", "level2"):
        raise ValueError(f"no such label: {attr}")
    first = attr == "level1"

    def build(want: list[str], syn):
        empty = "" in want
        keys = frozenset(label_key(x, syn) for x in want if x != "")
        answers: dict[str, bool] = {}  # label → does it match; bounded like label_key's memo

        def test(ind: Indicator) -> bool:
            label = ind.level1 if first else ind.level2  # not getattr(): a call per row
            hit = answers.get(label)
            if hit is None:
                if len(answers) > 4096:
                    answers.clear()
                hit = answers[label] = ((empty and not label.strip())
                                        or (bool(label) and bool(keys) and label_key(label, syn) in keys))
            return hit
        return test
    return build


def _regex_compiler(of):
    def build(want: str, _syn):
        search = re.compile(want).search
        return lambda ind: search(of(ind)) is not None
    return build


def _contains_compiler(negate: bool):
    """name_contains / name_not_contains: the words as one alternation of literals, searched once
    (holds exactly where ``any(word in name)`` does: an empty word matches anywhere in both),
    instead of a generator over the words for every row (S114's list has eight)."""
    def build(want: list[str], _syn):
        if not want:  # no word: nothing is contained (the schema asks for one at least)
            return lambda ind: negate
        search = re.compile("|".join(re.escape(x) for x in want)).search

        def test(ind: Indicator) -> bool:
            return (search(normalize(ind.name)) is not None) is not negate
        return test
    return build


def _not_compiler(want, syn):
    inner = _compile(want, syn)
    return lambda ind: not inner(ind)


def _any_compiler(want, syn):
    inner = [_compile(p, syn) for p in want]

    def test(ind: Indicator) -> bool:
        for one in inner:
            if one(ind):
                return True
        return False
    return test


def _value_kind_compiler(want, _syn):
    return lambda ind: getattr(ind.parsed, "kind", None) in want


def _unit_kind_compiler(want, _syn):
    return lambda ind: getattr(ind.parsed, "unit_kind", None) in want


def _number_compiler(want: dict, syn):
    """number: the bounds made Decimals once (per row, as before, if one is not a number)."""
    try:
        bounds = {k: Decimal(str(v)) for k, v in want.items()}
    except ArithmeticError:  # decimal.InvalidOperation: raise where a row is compared, as before
        return lambda ind: _number_test(ind, want, syn)
    lo, hi, gt, lt, eq = (bounds.get(k) for k in ("min", "max", "gt", "lt", "eq"))

    def test(ind: Indicator) -> bool:
        n = number(ind)
        if n is None:
            return False
        return ((lo is None or n >= lo) and (hi is None or n <= hi) and (gt is None or n > gt)
                and (lt is None or n < lt) and (eq is None or n == eq))
    return test


def _name_class_compiler(want, _syn):
    from checker.rules.vocabulary import name_class  # the vocabulary loads the rule schema module

    return lambda ind: name_class(normalize(ind.name)) in want


_COMPILERS = {
    "level1": _level_compiler("level1"),
    "level2": _level_compiler("level2"),
    "name_contains": _contains_compiler(False),
    "name_not_contains": _contains_compiler(True),
    "name_matches": _regex_compiler(lambda ind: normalize(ind.name)),
    "value_matches": _regex_compiler(lambda ind: ind.value.strip()),
    "value_kind": _value_kind_compiler,
    "unit_kind": _unit_kind_compiler,
    "number": _number_compiler,
    "name_class": _name_class_compiler,
    "not": _not_compiler,
    "any": _any_compiler,
}


def _label_test(label: str, want: str, synonyms) -> bool:
    """``want`` "" matches a row with no label (003's cost rows with no level-2)."""
    return not label.strip() if want == "" else same_label(label, want, synonyms)


def _number_test(ind: Indicator, want: dict, _syn) -> bool:
    n = number(ind)
    if n is None:
        return False
    d = {k: Decimal(str(v)) for k, v in want.items()}
    return (("min" not in d or n >= d["min"]) and ("max" not in d or n <= d["max"]) and
            ("gt" not in d or n > d["gt"]) and ("lt" not in d or n < d["lt"]) and ("eq" not in d or n == d["eq"]))


def _name_class(name: str) -> str | None:
    from checker.rules.vocabulary import name_class  # the vocabulary loads the rule schema module

    return name_class(normalize(name))


_TESTS = {
    "level1": lambda i, w, s: any(_label_test(i.level1, x, s) for x in w),
    "level2": lambda i, w, s: any(_label_test(i.level2, x, s) for x in w),
    "name_contains": lambda i, w, s: any(x in normalize(i.name) for x in w),
    "name_not_contains": lambda i, w, s: not any(x in normalize(i.name) for x in w),
    "name_matches": lambda i, w, s: re.search(w, normalize(i.name)) is not None,
    "value_contains": lambda i, w, s: any(x in i.value for x in w),
    "value_matches": lambda i, w, s: re.search(w, i.value.strip()) is not None,
    "value_kind": lambda i, w, s: value_kind(i) in w,
    "unit": lambda i, w, s: i.parsed is not None and unit_of(i) in w,
    "unit_kind": lambda i, w, s: getattr(i.parsed, "unit_kind", None) in w,
    "comparator": lambda i, w, s: i.parsed is not None and (comparator(i) or "none") in w
    and value_kind(i) in ("quantity", "range"),
    "number": _number_test,
    "has_value": lambda i, w, s: bool(i.value.strip()) == w,
    "has_unit": lambda i, w, s: bool(unit_of(i)) == w,
    "name_class": lambda i, w, s: _name_class(i.name) in w,
    "not": lambda i, w, s: not matches(i, w, s),
    "any": lambda i, w, s: any(matches(i, p, s) for p in w),
}

# Tests that need the grammar's result: a check using them is skipped when values are absent.
VALUE_TESTS = {"value_kind", "unit", "unit_kind", "comparator", "number", "has_unit"}


def needs_values(pred: Any) -> bool:
    """True when ``pred`` (or anything nested in it) uses a test that needs parsed values."""
    if isinstance(pred, dict):
        return any(k in VALUE_TESTS or needs_values(v) for k, v in pred.items())
    if isinstance(pred, list):
        return any(needs_values(v) for v in pred)
    return False
