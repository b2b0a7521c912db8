"""The formula language (grammar/formula.lark): arithmetic across a form's amounts.

``parse_formula(text)`` returns a ``Formula`` or raises ``FormulaError`` with the column of
the mistake; ``Formula.evaluate(lookup)`` computes both sides as intervals in 万元 (the
precision each amount was written with) and compares them: ``==`` holds when the intervals
overlap, ``<=`` when the left can be at most the right, and so on. ``lookup(name)`` returns an
Interval or None (a name the form does not have: the formula is then not applicable).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import Callable

from checker.errors import CheckerError
from checker.resources import grammar_dir
from checker.rules.money import Interval, exact

COMPARE_ALIASES = {"≤": "<=", "≥": ">=", "＝": "=="}


class FormulaError(CheckerError):
    """A formula that does not parse: ``column`` (1-based) and what was expected there."""

    def __init__(self, text: str, column: int, message: str):
        self.text, self.column, self.message = text, column, message
        super().__init__(f"formula column {column}: {message}")


class Missing(Exception):
    """A name the form does not have; the formula does not apply to this form."""


@dataclass(frozen=True)
class Formula:
    """A parsed formula: the tree, and the names it uses (for validation and messages)."""

    text: str
    tree: object
    names: tuple[str, ...]
    labels: tuple[str, ...] = ()  # the level labels inside sum/count/min/max(一级指标[/二级指标])

    def evaluate(self, lookup: Callable[[str], Interval | None],
                 prefix: Callable[[str], list[Interval]] | None = None,
                 aggregate: Callable[[str, tuple[str, ...]], Interval | None] | None = None) -> "Outcome | None":
        """Both sides and the verdict, or None when a name is missing on this form.
        ``aggregate(function, labels)`` gives sum/count/min/max over the indicators under the
        labels (None: nothing to aggregate, the formula does not apply)."""
        comp = self.tree.children[0]
        left, op, right = comp.children
        ev = (lookup, prefix, aggregate)
        try:
            lv, rv = _eval(left, *ev), _eval(right, *ev)
        except (Missing, ZeroDivisionError):
            return None
        op = COMPARE_ALIASES.get(str(op), str(op))
        return Outcome(lv, rv, op, _holds(lv, op, rv))


@dataclass(frozen=True)
class Outcome:
    """Left and right intervals (万元), the comparison and whether it holds."""

    left: Interval
    right: Interval
    op: str
    holds: bool


def _holds(a: Interval, op: str, b: Interval) -> bool:
    return {
        "==": a.overlaps(b),
        "!=": not (a.lo == a.hi == b.lo == b.hi),
        "<=": a.lo <= b.hi,
        ">=": a.hi >= b.lo,
        "<": a.lo < b.hi,
        ">": a.hi > b.lo,
    }[op]


@cache
def _parser():
    # lark's cache (in the user's own cache folder): the grammar is not rebuilt in every process.
    from checker.larkcache import cached_lark

    return cached_lark("formula", (grammar_dir() / "formula.lark").read_text(encoding="utf-8"), parser="lalr")


@lru_cache(maxsize=256)
def parse_formula(text: str) -> Formula:
    """Parse ``text``. Raises FormulaError with the column and the expected tokens. Memoised: a
    rule's formula is parsed once per process, not on every form (a Formula is immutable)."""
    from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

    try:
        tree = _parser().parse(text)
    except UnexpectedToken as exc:
        want = ", ".join(sorted(_WORDS.get(t, t) for t in exc.expected if not t.startswith("__")))
        got = "the end" if exc.token.type == "$END" else repr(str(exc.token))
        col = len(text.rstrip()) + 1 if exc.token.type == "$END" else exc.column
        raise FormulaError(text, col, f"unexpected {got}; expected {want}") from None
    except UnexpectedCharacters as exc:
        raise FormulaError(text, exc.column, f"unexpected character {text[exc.pos_in_stream]!r}") from None
    except UnexpectedInput as exc:  # pragma: no cover - other lark input errors
        raise FormulaError(text, getattr(exc, "column", 1) or 1, str(exc)) from None
    for node in tree.find_data("sum_prefix"):
        if str(node.children[0]) != "sum":
            raise FormulaError(text, node.children[0].column, f"{node.children[0]}(…:) is not defined; "
                               "only sum(fund:) adds the header amounts whose key starts so")
    labels = tuple(sorted({str(t) for node in tree.find_data("aggregate") for t in node.children[1:]
                           if getattr(t, "type", "") == "NAME"}))
    names = tuple(sorted({str(t) for t in tree.scan_values(lambda v: getattr(v, "type", "") == "NAME")} - set(labels)))
    return Formula(text, tree, names, labels)


_WORDS = {"NAME": "a name", "AGGREGATE": "sum( count( min( max(", "NAME_PREFIX": "a key prefix (fund:)", "NUMBER": "a number", "COMPARE": "a comparison (==, <=, >=)", "PLUS": "+",
          "MINUS": "-", "TIMES": "*", "DIVIDE": "/", "LPAR": "(", "RPAR": ")", "SUM": "sum(", "$END": "the end"}


def _eval(node, lookup, prefix, aggregate=None) -> Interval:
    data = getattr(node, "data", None)
    if data == "aggregate":
        labels = tuple(str(t) for t in node.children[1:] if getattr(t, "type", "") == "NAME")
        v = aggregate(str(node.children[0]), labels) if aggregate else None
        if v is None:
            raise Missing("/".join(labels))
        return v
    if data == "number":
        return exact(Decimal(str(node.children[0])))
    if data == "name":
        v = lookup(str(node.children[0]))
        if v is None:
            raise Missing(str(node.children[0]))
        return v
    if data == "sum_prefix":
        items = prefix(str(node.children[0])) if prefix else []
        if not items:
            raise Missing(str(node.children[0]))
        total = exact(Decimal(0))
        for it in items:
            total = total + it
        return total
    if data == "neg":
        v = _eval(node.children[-1], lookup, prefix, aggregate)
        return Interval(-v.hi, -v.lo, -v.shown)
    a, _, b = node.children
    a, b = _eval(a, lookup, prefix, aggregate), _eval(b, lookup, prefix, aggregate)
    return {"add": a.__add__, "sub": a.__sub__, "mul": a.__mul__, "div": a.__truediv__}[data](b)
