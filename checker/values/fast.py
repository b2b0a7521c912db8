"""A fast path for the commonest shape, ``[comparator] number [known unit]`` (≥95%, 15个,
=3531.93万元), composed from the grammar's own terminals and the units table.

Why: lark's per-parse overhead caps the LALR parser near 15–30k values/s; most values in real
forms are this one shape. The pattern is built from the terminals GE, LE, EQ, GT, LT and NUMBER
of grammar/indicator.lark, so it cannot drift from the grammar; shapes where the grammar's
priorities matter (a time unit: 3月, 2026年; a bare 2026.4) are left to the parser.
tests/test_values_properties.py checks that both paths give identical values (every field).
"""

from __future__ import annotations

import re
from decimal import Decimal

from lark import Lark, Token

from checker.values.parser import _comparator, make_quantity
from checker.values.types import Quantity
from checker.values.units import UnitTable

_COMPARATOR_TERMINALS = ("GE", "LE", "EQ", "GT", "LT")


class FastPath:
    """``match(prepared_text)`` → a Quantity exactly as the parser would make it, or None."""

    def __init__(self, parser: Lark, units: UnitTable):
        def regexp(name: str) -> str:
            return parser.get_terminal(name).pattern.to_regexp()

        comparators = "|".join(f"(?P<{n}>{regexp(n)})" for n in _COMPARATOR_TERMINALS)
        # Units that the grammar's priorities never turn into something else (time units
        # make dates and durations; those go to the parser).
        names = sorted((a for a, u in units._alias.items() if units.units[u].kind != "time"),
                       key=len, reverse=True)
        unit_alt = "|".join(re.escape(a) for a in names)
        self._units = units
        self._re = re.compile(
            rf"[ ]*(?:{comparators})?[ ]*(?P<num>{regexp('NUMBER')})(?P<unit>{unit_alt})?[ ]*"
        )
        # Every terminal the parser takes first (its start state's, the ignored blanks too): a
        # text none of them begins is one the parser fails at its first character.
        terminals = {t.name for t in parser.terminals}
        first = sorted(n for n in parser.parse_interactive("").choices() if n in terminals)
        self._first = re.compile("|".join(f"(?:{regexp(n)})" for n in (*first, *parser.lexer_conf.ignore)))

    def fails_at_start(self, text: str) -> bool:
        """Would the parser fail on ``text`` (prepared) at its first character? True when no
        terminal it can take first matches there: prose such as 丰富, 出水水质达到一级A标排放标准
        (two in five of the cells the parser is asked about on the seeds), which the caller then
        keeps as text without running the parser (~40 µs a text)."""
        return self._first.match(text) is None

    def match(self, text: str) -> Quantity | None:
        m = self._re.fullmatch(text)
        if m is None:
            return None
        num, unit_text = m.group("num"), m.group("unit") or ""
        if not unit_text and "." in num:
            return None  # 2026.4 alone may be a date: the parser decides
        tok = None
        for name in _COMPARATOR_TERMINALS:
            if m.group(name) is not None:
                tok = Token(name, m.group(name))
                break
        comparator, source, legacy = _comparator(tok, None)
        return make_quantity("", comparator, Decimal(num.replace(",", "")), unit_text,
                             source=source, legacy=legacy)
