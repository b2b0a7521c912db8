"""Property-based tests of the narrative reader (grammar/narrative.lark): it reads user text, so it
never raises on any text, and products and sums generated in the shapes filers write come back
with their numbers and agree (or, shifted by a unit of their last digit, disagree) under M309."""

from __future__ import annotations

import os
import re
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.model import NOWHERE, Cell
from checker.rules.kinds.narrative import _arithmetic, _is_money, _judge, _parts
from checker.values import prepare as prepare_value
from checker.values.narrative import (BreakdownWords, Figure, Stated, breakdowns, may_hold_arithmetic, may_list_parts,
                                      prepare, read_narrative)

settings.register_profile("default", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("deep", max_examples=5000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

SHARE = Decimal("0.1")
WORDS = BreakdownWords(("主要用于",), ("其中",), ("比上年",))
# Characters of narrative text, arithmetic and its look-alikes included.
ALPHABET = st.sampled_from(list("0123456789０１２３.,，。；;:：、()（）*×xX+=/ 　约左右元万亿千百人天吨次㎡平方米项目经费主要用于其中比上年\t\n"))
# Arithmetic and breakdowns with the marks the grammar reads and look-alikes it does not (＝, ［,
# 用于), so that both what M309 judges and its near misses come up.
FIGURES = st.tuples(st.sampled_from(["12", "3.5", "1,000", "0.25", "260"]),
                    st.sampled_from(["", "元", "万元", " 万元", "人", "次", "元/人"])).map("".join)
EXPRESSIONS = st.lists(st.tuples(st.sampled_from(["×", "*", "x", "+", "＋", "、"]), FIGURES).map("".join),
                       max_size=3).map("".join)
MARKED = st.tuples(FIGURES, EXPRESSIONS, st.sampled_from(["=", "＝", "(", "（", " (", "　（", "［", "：", ""]), FIGURES,
                   EXPRESSIONS, st.sampled_from(["", ")", "）", ")万元", "）元", "="])).map("".join)
AMOUNTS = st.tuples(st.sampled_from(["12", "3.5", "1,000", "0.25"]), st.sampled_from(["元", "万元", "亿元"])).map("".join)
LISTED = st.tuples(AMOUNTS, st.sampled_from(["", "，", "。"]), st.sampled_from(["主要用于", "其中", "用于", "比上年"]),
                   st.lists(AMOUNTS, min_size=1, max_size=3).map("，".join), st.sampled_from(["。", "等。", "人"])).map("".join)
PROSE = st.text(alphabet=st.sampled_from(list("项目经费申请用于保洁道路按照计算本年资金，。；")), max_size=12)


@given(st.text(alphabet=ALPHABET, max_size=80) | st.text(max_size=60))
def test_never_raises_on_any_text(text):
    items = read_narrative(text)
    ends = [(i.start, i.end) for i in items]
    assert all(0 <= a < b <= len(text) for a, b in ends)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(ends, ends[1:]))  # in order, none overlapping
    breakdowns(text, items, WORDS, _is_money)
    for hit in _judge(Cell(text, NOWHERE), "项目概况", WORDS, SHARE):  # the rule's arithmetic too
        assert hit.variant in ("product", "equation", "parts")


@given(factors=st.lists(st.integers(1, 999), min_size=2, max_size=4), lead=PROSE, tail=PROSE,
       before=st.booleans(), times=st.sampled_from(["*", "×", "＊"]))
def test_generated_products_round_trip(factors, lead, tail, before, times):
    """A stated amount in 万元 of the product in 元, rounded to 2 decimals, agrees;
    two units of its last digit (0.02 万元) disagree."""
    yuan = Decimal(1)
    for f in factors:
        yuan *= f
    wan = (yuan / 10000).quantize(Decimal("0.01"))
    expr = times.join(str(f) for f in factors)
    for stated, agrees in ((wan, True), (wan + Decimal("0.02"), False)):
        figure = f"{stated}万元({expr})" if before else f"{stated}({expr})万元"
        items = [i for i in read_narrative(f"{lead}申请{figure}{tail}") if isinstance(i, Stated)]
        assert len(items) == 1
        s = items[0]
        assert s.amount.number == stated and [x.number for x in s.expr.terms[0]] == factors
        if agrees:
            assert _arithmetic(s, SHARE) is None
        elif not _agrees_in_another_unit(yuan, stated):
            assert _arithmetic(s, SHARE) is not None


def _agrees_in_another_unit(product: Decimal, stated: Decimal) -> bool:
    # a bare product is read in any money unit: 5×2 = 10 may be 10 千元 = 1 万元 … (rare, allowed)
    half = Decimal("0.005")
    return any(abs(product * k - stated) <= half for k in (Decimal("0.1"), Decimal(1), Decimal(100), Decimal(10000)))


@given(parts=st.lists(st.decimals(min_value=Decimal("0.01"), max_value=Decimal(9999), places=2), min_size=2, max_size=5),
       off=st.sampled_from([Decimal(0), Decimal(1), Decimal(-1), Decimal("0.5")]),
       sep=st.sampled_from(["，", ",", "、"]), lead=PROSE)
def test_generated_sums_round_trip(parts, off, sep, lead):
    """A total followed by 主要用于 and its parts: read back part by part; it agrees exactly when
    the total is their sum; off by far more than the drift the written precision allows, it disagrees."""
    total = sum(parts) + off
    if total <= 0:
        return
    listed = sep.join(f"{name}费{p}万元" for name, p in zip("甲乙丙丁戊", parts))
    text = f"{lead.replace('。', '').replace('；', '')}申请经费{total}万元，主要用于{listed}。"
    (bd,) = breakdowns(text, read_narrative(text), WORDS, _is_money)
    assert bd.total.number == total and [p.number for p in bd.parts] == parts
    assert (_parts(bd, SHARE) is None) == (off == 0)


@given(st.tuples(PROSE, MARKED | LISTED, PROSE).map("".join) | st.text(alphabet=ALPHABET, max_size=80))
def test_texts_m309_skips_hold_nothing_it_judges(text):
    """M309 reads a text only when may_hold_arithmetic or may_list_parts says it may hold
    something to judge: where they say no, the full read finds no product or equation, and no
    breakdown."""
    items = read_narrative(text)
    if not may_hold_arithmetic(text):
        assert all(isinstance(i, Figure) for i in items), text
    if not may_list_parts(text, WORDS):
        assert breakdowns(text, items, WORDS, _is_money) == [], text


_WORD = st.text(alphabet=list("主要用于其中.*|()[]+?\\"), max_size=4)


def _word_after_money(text: str, words: BreakdownWords) -> bool:
    """The reference may_list_parts stands for: a money figure may end after any 元 (every money
    unit of the grammar ends so), or after a 元 and 左右; is an introducing word there, as
    breakdowns matches it at a total's end?"""
    from checker.values.narrative import _intro_pattern

    if not words.complete + words.partial:
        return False
    seen, intro = prepare(text), _intro_pattern(words)
    ends = [i + 1 for i, ch in enumerate(seen) if ch == "元"]
    ends += [m.end() for m in re.finditer("元[ \u3000\u00a0\t]*左右", seen)]
    return any(intro.match(seen, e) is not None for e in ends)


@given(text=st.text(alphabet=list("主要用于其中包括费万元左右12.*|()[]+?\\，。: 　"), max_size=30),
       complete=st.lists(_WORD, max_size=4), partial=st.lists(_WORD, max_size=3))
def test_may_list_parts_is_a_word_after_a_money_unit(text, complete, partial):
    """may_list_parts searches for an introducing word where a money figure may end: true
    exactly where the reference finds one (an empty word is after every 元; no word, never)."""
    from checker.rules.money import TO_WAN

    assert all(unit.endswith("元") for unit in TO_WAN)  # what the reference's ends rely on
    words = BreakdownWords(tuple(complete), tuple(partial), ())
    assert may_list_parts(text, words) is _word_after_money(text, words)


# Totals written every way a money figure may end before its parts: 左右, blanks, full-width
# punctuation; and words that come after a count or a word instead (no breakdown).
_TOTALS = st.tuples(AMOUNTS, st.sampled_from(["", "左右", " 左右", "　左右", "人", "项"])).map("".join)
_LISTS = st.tuples(PROSE, _TOTALS, st.sampled_from(["", "，", "。", "：", " ，", "　"]),
                   st.sampled_from(["主要用于", "其中", "包括", "用于"]), st.sampled_from(["", "：", ":"]),
                   st.lists(AMOUNTS, min_size=1, max_size=3).map("，".join), st.sampled_from(["。", "等。", "", "人"]),
                   PROSE).map("".join)


@settings(max_examples=300, deadline=None)
@given(_LISTS)
def test_m309_reads_every_text_with_a_breakdown(text):
    """Where breakdowns finds a total and its parts, may_list_parts lets M309 read the text."""
    if breakdowns(text, read_narrative(text), WORDS, _is_money):
        assert may_list_parts(text, WORDS), text


@given(st.text() | st.text(alphabet=ALPHABET)
       | st.text(alphabet=st.characters(min_codepoint=0xFF00, max_codepoint=0xFF70) | st.sampled_from(
           list("\u3000\u00a0\u2002\u200b\ufeff\u00ad\u2060\x7f\x00\n项1"))))
def test_prepare_is_the_value_grammars_prepare(text):
    """The narrative reader's prepare (one regex over the mapped characters) gives exactly
    checker.values.prepare (str.translate over the same table)."""
    assert prepare(text) == prepare_value(text)


def _both_paths(text):
    import checker.values.narrative as narrative

    fast = read_narrative(text)
    narrative._USE_FAST_PATH = False
    try:
        slow = read_narrative(text)
    finally:
        narrative._USE_FAST_PATH = True
    return fast, slow


@given(st.tuples(PROSE, MARKED | LISTED, PROSE).map("".join) | st.text(alphabet=ALPHABET, max_size=80)
       | st.lists(st.sampled_from(["约", "大约", "合计约", "左右", "12", "1,000", "3.5", "万元", "元/人", "人次", "㎡", "km",
                                   "box", "x", "×", "/", "年", " ", "　", "(", ")", "（", "）", "=", "，", "号"]),
                          max_size=16).map("".join))
def test_fast_path_reads_exactly_what_the_parser_reads(text):
    """Plain figures read by narrative_fast.py's regex, everything else by the parser: the same
    items, every field, as the parser alone gives."""
    fast, slow = _both_paths(text)
    assert fast == slow, text


def test_fast_path_reads_a_figure_before_a_closing_bracket():
    # (2018)2号, 约5万元）: a closing bracket cannot carry a parse begun at the figure on, so the
    # regex reads the figure; an opening one may (5(2×3)万元) and leaves the start to the parser.
    for text in ("纪要(2018)2号", "约5万元）", "12人 )", "（3元/人）", "5(2×3)万元", "5万元(2+3)", "2018年(一)"):
        fast, slow = _both_paths(text)
        assert fast == slow, text


def test_fast_path_at_the_end_of_the_span():
    # A figure is read within _SPAN characters of its start, by either path.
    for k in (158, 159, 160, 161):
        for text in ("1" * k + "万元", "约" + "1" * k + "元左右", "5" + " " * k + "元", "1" * k + "×2=3"):
            fast, slow = _both_paths(text)
            assert fast == slow, text


def test_may_list_parts_follows_the_money_units_of_units_yaml():
    """The prefilter reads the units M309's is_money reads (TO_WAN, from rules/units.yaml, which a
    policy team may extend), not only the grammar's MONEY: after every spelling of every money
    unit, a breakdown word lets the text be read."""
    from checker.rules.money import TO_WAN
    from checker.values.units import load_units

    table = load_units()
    spelled = {s for name in TO_WAN for s in (name, *table.spellings(name))}
    assert len(spelled) > len(TO_WAN)  # spellings beside the names (人民币元, 万元人民币 …)
    for unit in spelled:
        text = f"项目资金40{unit}，主要用于甲10{unit}、乙30{unit}。"
        assert may_list_parts(text, WORDS), text
