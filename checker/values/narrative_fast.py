"""A fast path for the commonest start of the narrative reader (checker.values.narrative): a plain
figure, ``APPROX? NUMBER unit? ABOUT?`` (2026年, 450000㎡, 约242万元/年), with nothing after it
that could carry the parse on into arithmetic, read by one regex instead of a lark parse.

Why: the reader starts grammar/narrative.lark at every number of a paragraph, and most numbers
are plain figures; a lark parse costs about ten times the regex. The regex is composed from the
grammar's own terminals and mirrors its ``figure``, ``unit`` and ``per`` rules, taking the
terminals in the order the contextual lexer prefers them (MONEY before UNIT: priority 3 over 1).
Wherever any other terminal of the grammar (an operator, an opening bracket, =: whatever could carry
the parse on; a closing bracket cannot) matches from the start up to the first token after the
figure, the parser decides.
tests/test_narrative_properties.py checks that both paths read the same items.
"""

from __future__ import annotations

import re
from decimal import Decimal

from lark import Lark

# The terminals a plain figure is made of (grammar/narrative.lark: figure, unit, per, WS).
_FIGURE_TERMINALS = ("APPROX", "NUMBER", "MONEY", "UNIT", "_PER", "ABOUT", "WS")
# Terminals that cannot carry a parse begun at a figure on: a closing bracket is taken only inside
# a stated product's brackets, which open after its number (an _LP still sends a start to the
# parser). References such as (2018)2号 put one right after most figures the regex declined.
_CANNOT_FOLLOW = ("_RP",)


class PlainFigures:
    """``read(text, start, stop)`` → ``(number, raw, unit, per, approx, start, end)`` of the plain
    figure the grammar reads from ``start`` in ``text[:stop]`` (offsets in ``text``), exactly as a
    parse would; None where the parser must decide (no figure there, or arithmetic may follow)."""

    def __init__(self, parser: Lark):
        def t(name: str) -> str:
            return f"(?:{parser.get_terminal(name).pattern.to_regexp()})"

        ws = f"{t('WS')}?"
        unit = f"{t('MONEY')}|{t('UNIT')}"
        self._figure = re.compile(
            f"(?P<approx>{t('APPROX')})?{ws}(?P<number>{t('NUMBER')})"
            f"(?:{ws}(?P<unit>{unit})(?:{ws}{t('_PER')}{ws}(?P<per>{unit}))?)?"
            f"(?:{ws}(?P<about>{t('ABOUT')}))?")
        self._space = re.compile(ws)
        self._others = re.compile("|".join(t(x.name) for x in parser.terminals
                                           if x.name not in _FIGURE_TERMINALS + _CANNOT_FOLLOW))

    def read(self, text: str, start: int, stop: int) -> tuple | None:
        m = self._figure.match(text, start, stop)
        if m is None:
            return None
        after = self._space.match(text, m.end(), stop).end()  # where the next token would start
        other = self._others.search(text, start, stop)
        if other is not None and other.start() <= after:
            return None  # 3万元×2, 5(2×3)万元, 10=2×5: the parse may go on
        raw = m.group("number")
        return (Decimal(raw.replace(",", "")), raw, m.group("unit") or "", m.group("per"),
                m.group("approx") is not None or m.group("about") is not None, start, m.end())
