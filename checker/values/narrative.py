"""Figures, products and sums written in a form's narrative text (grammar/narrative.lark), for M309.

A narrative paragraph (项目概况, 立项依据, 实施内容, 总体目标) is prose with figures in it. The
reader starts the grammar at each number (and at the few characters before it, where 约 may
stand) and keeps the longest prefix the grammar accepts, so prose is never parsed as a figure
and a paragraph is never rejected: ``read_narrative`` never raises on any text. A start where
only a plain figure can be read (2026年, 约242万元/年: most of them) is read by one regex of the
grammar's terminals instead (narrative_fast.py; the same items).

Shapes read (grammar/narrative.lark)::

    1005.04(260*106*265)万元   Stated(amount 1005.04 万元, expr 260×106×265)
    1005.04万元(260×106×365)   the same, the unit before the brackets
    200元/人×300人=6万元        Equation(expr 200元/人 × 300人, result 6 万元)
    3万元+2万元=5万元           Equation(expr 3万元 + 2万元, result 5 万元)
    约242万元/年               Figure(242, 万元, per 年, approx)

``breakdowns`` finds a total followed by the parts it is said to consist of
(``申请工作经费8万元，主要用于日常办公3万元，差旅费2万元。``); see its docstring for the
conservative conditions. Money is Decimal; units are as written (元, 万元 …), converted by the
caller through checker.rules.money.TO_WAN.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, cached_property, lru_cache
from typing import Iterator, NamedTuple, Union

from lark import Lark, Token, Tree
from lark.exceptions import LarkError
from lark.parsers.lalr_analysis import Reduce

from checker.resources import grammar_dir

_lock = threading.Lock()
_parser: Lark | None = None
_approx: re.Pattern | None = None  # the APPROX terminal before a number (_approx_before)
_SPAN = 160  # the longest figure read from one start (characters); bounds the work per start
_LEAD = 3  # characters before a number where a figure may begin (约, 大约, 合计约)
_SENTENCE_END = "。；;！!？?\n"
_USE_FAST_PATH = True  # tests switch it off to compare both paths (narrative_fast.py)


@dataclass(frozen=True)
class Figure:
    """A number with its unit as written: ``number`` Decimal, ``raw`` its digits (1,005.04),
    ``unit`` (元, 万元, 人, 平方米 … or "" when none), ``per`` (年 in 万元/年, or None),
    ``approx`` (约 before or 左右 after it); ``start``/``end`` offsets in the text."""

    number: Decimal
    raw: str
    unit: str
    per: str | None
    approx: bool
    start: int
    end: int

    @property
    def unit_text(self) -> str:
        """The unit as one string: 元/人, 万元, ""."""
        return f"{self.unit}/{self.per}" if self.per else self.unit


@dataclass(frozen=True)
class Expr:
    """A sum of products of factors, as written: ``terms`` is a tuple of terms, each a tuple of
    Figures multiplied together. ``operators`` counts the × and + signs written."""

    terms: tuple[tuple[Figure, ...], ...]
    text: str

    @property
    def operators(self) -> int:
        return sum(len(t) - 1 for t in self.terms) + len(self.terms) - 1


@dataclass(frozen=True)
class Stated:
    """An amount with its arithmetic in brackets: ``1005.04(260*106*265)万元``."""

    amount: Figure
    expr: Expr
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Equation:
    """Arithmetic written out with its result: ``200元/人×300人=6万元``."""

    expr: Expr
    result: Figure
    start: int
    end: int
    text: str


Item = Union[Figure, Stated, Equation]


@dataclass(frozen=True)
class Breakdown:
    """A total and the parts the text lists for it; ``complete`` is False for words such as
    其中 that may list only some of the parts (then only parts above the total are wrong)."""

    total: Figure
    parts: tuple[Figure, ...]
    word: str
    complete: bool
    start: int
    end: int


def get_parser() -> Lark:
    """The shared LALR parser of grammar/narrative.lark, built once per process from lark's cache
    file (checker/larkcache.py: 20 -> 1.4 ms of every check's start-up)."""
    global _parser
    if _parser is None:
        with _lock:
            if _parser is None:
                from checker.larkcache import cached_lark

                text = (grammar_dir() / "narrative.lark").read_text(encoding="utf-8")
                _parser = cached_lark("narrative", text, parser="lalr", lexer="contextual",
                                      propagate_positions=False)
    return _parser


def _approx_before():
    """A regex for the grammar's APPROX terminal (约, 大约 …) ending just before a number."""
    global _approx
    if _approx is None:
        pattern = get_parser().get_terminal("APPROX").pattern.to_regexp()
        _approx = re.compile(f"(?:{pattern})[ \u3000\u00a0\t]*$")
    return _approx



def may_hold_arithmetic(text: str, *, seen: str | None = None) -> bool:
    """False when ``read_narrative(text)`` can find no Stated and no Equation, only Figures: a
    stated product opens its bracket (the grammar's _LP) right after its number or after the
    number's money unit (``1005.04(…)万元``, ``1005.04万元（…）``: a NUMBER ends in a digit, only WS
    between the tokens), and an equation holds an equals sign (_EQ); a text with neither has no
    such item to read. So a caller that judges arithmetic alone skips reading most paragraphs:
    their brackets follow words or close references (立项依据 (2018)2号 …). The marks are looked
    for first (one character class: most texts have none), what stands before them only then.
    ``seen``: ``prepare(text)`` where the caller has it (M309 prepares each text once)."""
    marks = _arithmetic_marks()
    seen = prepare(text) if seen is None else seen
    return marks.any_mark.search(seen) is not None and marks.after_number.search(seen) is not None


class _ArithmeticMarks(NamedTuple):
    any_mark: re.Pattern  # an opening bracket (_LP) or an equals sign (_EQ) anywhere
    after_number: re.Pattern  # a _LP right after a number or its money unit, or an _EQ


@cache
def _arithmetic_marks() -> _ArithmeticMarks:
    """may_hold_arithmetic's two patterns, from the grammar's terminals (built once)."""
    parser = get_parser()

    def t(name: str) -> str:
        return f"(?:{parser.get_terminal(name).pattern.to_regexp()})"

    return _ArithmeticMarks(re.compile(f"{t('_LP')}|{t('_EQ')}"),
                            re.compile(f"[0-9]{t('WS')}?(?:{t('MONEY')}{t('WS')}?)?{t('_LP')}|{t('_EQ')}"))


def prepare(text: str) -> str:
    """The text as the grammar sees it (checker.values.prepare), same length: full-width ASCII
    mapped (３×２ = 3*2), odd spaces and control characters made plain spaces. Only the few
    characters the table maps are replaced, found by one regex: str.translate looks up every
    character of the text (most are CJK, kept) in the table, about ten times slower."""
    return _prep_pattern().sub(_prep_match, text)


@cache
def _prep_pattern() -> re.Pattern:
    """One character class of the characters checker.values.prepare maps (its table, _PREP)."""
    from checker.values import _PREP

    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_PREP)) + "]")


def _prep_match(m: re.Match) -> str:
    from checker.values import prepare as _prepare

    return _prepare(m.group())


def read_narrative(text: str, *, seen: str | None = None) -> list[Item]:
    """The figures, stated products and equations of ``text``, in order, none overlapping.
    Never raises: text that is not arithmetic is skipped. ``seen``: ``prepare(text)`` where the
    caller has it."""
    seen = prepare(text) if seen is None else seen
    items: list[Item] = []
    i = 0
    for m in re.finditer(r"(?<![0-9.])[0-9]", seen):
        if m.start() < i:
            continue
        found = _longest(seen, max(i, m.start() - _LEAD), m.start())
        if found is None:
            continue
        items.append(found)
        i = found.end
    return items


def _longest(text: str, lo: int, digit: int) -> Item | None:
    """The longest item that begins at some start in [lo, digit] (earliest start first) and
    covers the digit at ``digit``. Only the grammar's APPROX words (约) may stand before a
    number, so other starts before it are not tried."""
    lead = _approx_before().search(text, lo, digit)
    for start in ([lead.start()] if lead else []) + [digit]:
        plain = _plain_figures().read(text, start, start + _SPAN) if _USE_FAST_PATH else None
        if plain is not None:
            return Figure(*plain)  # its number ends after the digit
        tree, end = _parse_prefix(text, start)
        if tree is not None and end > digit:
            try:
                return _build(tree, text, start)
            except (InvalidOperation, ValueError, IndexError):
                return None
    return None


@cache
def _plain_figures():
    """The fast path for plain figures (narrative_fast.py), built from the parser's terminals."""
    from checker.values.narrative_fast import PlainFigures

    return PlainFigures(get_parser())


def _parse_prefix(text: str, start: int) -> tuple[Tree | Token | None, int]:
    """(tree, end) of the longest prefix of text[start:] the grammar accepts, or (None, start).
    Tokens are lexed in the parser's state (the contextual lexer) and fed one by one; after each
    the parse is tested for an end there (``_ends``, on the state stack only). The first token the
    lexer or parser refuses ends the search; the tokens of the longest accepted prefix are then
    parsed once more to build its tree (cheaper than copying the parser at every possible end)."""
    ip = get_parser().parse_interactive(text[start:start + _SPAN])
    state = ip.parser_state
    fed: list[Token] = []
    accepted = 0
    for tok in _tokens(ip):
        try:
            state.feed_token(tok)
        except LarkError:
            break
        fed.append(tok)
        if _ends(state):
            accepted = len(fed)
    if not accepted:
        return None, start
    return _tree(fed[:accepted]), start + _end_of(fed[accepted - 1])


def _tokens(ip) -> Iterator[Token]:
    """The tokens lexed in the parser's current state, until the lexer refuses one."""
    try:
        yield from ip.lexer_thread.lex(ip.parser_state)
    except LarkError:
        return


def _ends(state) -> bool:
    """Whether the input may end in this parser state: lark's reductions on $END (the loop of
    ParserState.feed_token) replayed on a copy of the state stack, without building values.
    "$END" among the state's actions is not enough: LALR may reduce on it and fail after."""
    conf = state.parse_conf
    stack = list(state.state_stack)
    while True:
        action, rule = conf.states[stack[-1]].get("$END", (None, None))
        if action is not Reduce:
            return False
        if rule.expansion:
            del stack[-len(rule.expansion):]
        stack.append(conf.states[stack[-1]][rule.origin.name][1])
        if stack[-1] == conf.end_state:
            return True


def _tree(tokens: list[Token]) -> Tree | Token:
    """The parse of ``tokens``, which the grammar accepts with $END after them."""
    ip = get_parser().parse_interactive("")
    for tok in tokens:
        ip.feed_token(tok)
    return ip.feed_eof(tokens[-1])


def _end_of(tok: Token) -> int:
    # The value's length, not end_pos: a token lark copies loses end_pos (Token.__deepcopy__).
    return tok.start_pos + len(str(tok))


# --------------------------------------------------------------------------- tree → items

def _build(tree, text: str, offset: int) -> Item | None:
    kind = tree.data if isinstance(tree, Tree) else None
    if kind == "figure":
        return _figure(tree, offset)
    if kind in ("stated_unit_after", "stated_unit_before"):
        number = next(c for c in tree.children if isinstance(c, Token))
        money = next(c for c in tree.children if isinstance(c, Tree) and c.data == "money")
        expr = _expr(next(c for c in tree.children if isinstance(c, Tree) and c.data == "expr"), text, offset)
        end = _end(tree, offset)
        amount = Figure(_dec(number), str(number), str(money.children[0]), None, False,
                        offset + number.start_pos, offset + _end_of(number))
        return Stated(amount, expr, amount.start, end, text[amount.start:end])
    if kind == "equation":
        expr_tree, fig_tree = tree.children
        expr = _expr(expr_tree, text, offset)
        result = _figure(fig_tree, offset)
        start = expr.terms[0][0].start
        return Equation(expr, result, start, result.end, text[start:result.end])
    return None


def _expr(tree: Tree, text: str, offset: int) -> Expr:
    terms = tuple(tuple(_figure(f, offset) for f in term.children) for term in tree.children)
    start, end = terms[0][0].start, terms[-1][-1].end
    return Expr(terms, text[start:end])


def _figure(tree: Tree, offset: int) -> Figure:
    """A ``figure`` or ``factor`` subtree to a Figure."""
    approx = False
    number: Token | None = None
    unit, per = "", None
    end = 0
    for c in tree.children:
        if isinstance(c, Token):
            if c.type == "NUMBER":
                number = c
            elif c.type in ("APPROX", "ABOUT"):
                approx = True
            end = max(end, _end_of(c))
        elif c.data == "unit":
            unit, per, end = _unit(c, end)
    assert number is not None
    first = next(c for c in tree.children if isinstance(c, Token))
    return Figure(_dec(number), str(number), unit, per, approx, offset + first.start_pos,
                  offset + max(end, _end_of(number)))


def _unit(tree: Tree, end: int) -> tuple[str, str | None, int]:
    unit, per = "", None
    for c in tree.children:
        tok = c.children[0] if isinstance(c, Tree) else c
        if isinstance(c, Tree) and c.data == "per":
            per = str(tok)
        else:
            unit = str(tok)
        end = max(end, _end_of(tok))
    return unit, per, end


def _end(tree: Tree, offset: int) -> int:
    ends = [_end_of(t) for t in tree.scan_values(lambda v: isinstance(v, Token))]
    return offset + max(ends)


def _dec(tok: Token) -> Decimal:
    return Decimal(str(tok).replace(",", ""))


# --------------------------------------------------------------------------- totals and parts

@dataclass(frozen=True)
class BreakdownWords:
    """The words ``breakdowns`` reads (rule options of M309, so data, not code): ``complete``
    introduce every part (主要用于, 具体为), ``partial`` may introduce some (其中, 包括),
    ``unclear`` make the list something else than parts of the total (比上年, 增长)."""

    complete: tuple[str, ...]
    partial: tuple[str, ...]
    unclear: tuple[str, ...]

    # The patterns of these words, taken once per object: M309 asks for them on every text, and
    # the shared caches behind them hash and compare all the words on every look-up.
    @cached_property
    def intro(self) -> re.Pattern:
        """_intro_pattern(self)."""
        return _intro_pattern(self)

    @cached_property
    def after_money(self) -> re.Pattern | None:
        """_breakdown_after_money(self)."""
        return _breakdown_after_money(self)


def breakdowns(text: str, items: list[Item], words: BreakdownWords, is_money, *,
               seen: str | None = None) -> list[Breakdown]:
    """Totals followed by the list of their parts, read conservatively. A breakdown is taken only
    when all of this holds, else nothing is said (a doubt where the structure is unclear):

    - a money figure (``is_money(figure)``: 元/万元…, no /年) is followed, with at most a comma,
      colon or full stop between (…40万元。主要用于…), by a word of ``words.complete`` or
      ``words.partial``;
    - up to the end of that sentence (。；; or the text's end) there are at least two figures,
      all of them money, and no other number (a count, a date: the list is not of amounts);
    - nothing but 等 and punctuation follows the last part in the sentence (else the list goes on
      with items that carry no amount), and no word of ``words.unclear`` and no second
      introducing word stands in it (a change over last year, a nested breakdown).

    ``seen``: ``prepare(text)`` where the caller has it."""
    seen = prepare(text) if seen is None else seen
    intro = words.intro
    out: list[Breakdown] = []
    for n, total in enumerate(items):
        if not isinstance(total, Figure) or not is_money(total):
            continue
        m = intro.match(seen, total.end)
        if m is None:
            continue
        end = _sentence_end(seen, m.end())
        parts = [it for it in items[n + 1:] if it.start >= m.end() and it.end <= end]
        if _is_list(seen, m.end(), end, parts, words, is_money):
            word = m.group(1)
            out.append(Breakdown(total, tuple(parts), word, word in words.complete, total.start, end))  # type: ignore[arg-type]
    return out


def may_list_parts(text: str, words: BreakdownWords, *, seen: str | None = None) -> bool:
    """False when ``breakdowns(text, …, words, …)`` can find nothing: a breakdown needs a word of
    ``words.complete`` or ``words.partial`` where its total, a money figure, ends (after a money
    unit, or its 左右), with only what ``_intro_pattern`` allows between, and ``text`` holds no
    such place. Most texts with 其中 or 包括 have it after a count or a word, not an amount, so
    M309 reads a third as many texts as it would on the word alone. ``seen``: ``prepare(text)``
    where the caller has it."""
    after_money = words.after_money
    return after_money is not None and after_money.search(prepare(text) if seen is None else seen) is not None


# Two patterns of the same words: _breakdown_after_money finds one of them after a money unit
# anywhere in a text (the prefilter of may_list_parts); _intro_pattern matches one at a total's
# end, with the punctuation and blanks allowed around it, and captures the word (breakdowns).
@lru_cache(maxsize=16)
def _breakdown_after_money(words: BreakdownWords) -> re.Pattern | None:
    """Where a money figure may end (a unit of the grammar's MONEY or any spelling of a money unit
    of rules/units.yaml, which M309's is_money reads through TO_WAN and a policy team may extend;
    then optionally ABOUT: 40万元, 5万元 左右) followed by ``_intro_pattern(words)``: one search for
    the place a breakdown begins; None when there is no word (an empty word matches after every
    money unit, as with ``in``)."""
    if not words.complete + words.partial:
        return None
    from checker.domain.money import TO_WAN
    from checker.values.units import load_units

    parser = get_parser()

    def t(name: str) -> str:
        return f"(?:{parser.get_terminal(name).pattern.to_regexp()})"

    table = load_units()
    spelled = sorted({s for name in TO_WAN for s in (name, *table.spellings(name))}, key=len, reverse=True)
    units = "|".join([t("MONEY"), *map(re.escape, spelled)])
    return re.compile(f"(?:{units})(?:{t('WS')}?{t('ABOUT')})?(?:{_intro_pattern(words).pattern})")


@lru_cache(maxsize=16)  # one per rule's words (M309's options), not one per text
def _intro_pattern(words: BreakdownWords) -> re.Pattern:
    """The introducing word after a total (主要用于, 其中), with at most a comma, colon or full stop
    before it and a colon after it (``breakdowns``)."""
    return re.compile(r"[ \u3000]*[,，:：。]?[ \u3000]*(" + _alternation(words.complete + words.partial)
                      + r")[ \u3000]*[:：]?")


def _is_list(text: str, lo: int, hi: int, parts: list, words: BreakdownWords, is_money) -> bool:
    if len(parts) < 2 or not all(isinstance(p, Figure) and is_money(p) for p in parts):
        return False
    gaps = [text[lo:parts[0].start]] + [text[a.end:b.start] for a, b in zip(parts, parts[1:])]
    tail = text[parts[-1].end:hi]
    if re.search(r"[0-9]", "".join(gaps) + tail):
        return False
    if re.sub(r"[\s等,，、.。；;]", "", tail):
        return False
    within = "".join(gaps)
    return not any(w in within for w in words.unclear + words.complete + words.partial)


def _sentence_end(text: str, at: int) -> int:
    ends = [text.find(c, at) for c in _SENTENCE_END]
    ends = [e for e in ends if e >= 0]
    return min(ends) if ends else len(text)


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
