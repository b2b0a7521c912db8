"""Amounts as intervals of the precision they were written with (Decimal throughout).

3531.93 万元 was rounded to 2 decimals, so it stands for [3531.925, 3531.935) 万元; 1,600,000 元
for [1599999.5, 1600000.5) 元. A sum of written amounts is the interval sum, and "total = sum
of parts" passes when the two intervals overlap (RULES.md, Tolerance). Amounts are compared
in 万元 after exact conversion (1 元 = 0.0001 万元).
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

# The one 元/万元/亿元 table (rules/units.yaml), re-exported: the rule kinds import it from here.
from checker.domain.money import TO_WAN  # noqa: F401


class Interval(NamedTuple):
    """[lo, hi] in 万元 (closed, so that touching bounds count as agreeing); ``shown`` is the
    written amount in 万元, for messages.

    A named tuple, not a frozen dataclass: the money kinds make one per amount and per sum step
    (~600 a round of the batch mix for M301–M306 alone) and a frozen dataclass's ``__init__``
    costs 2.5 times a tuple's. Its arithmetic is its own: ``+``, ``-``, ``*``, ``/`` between
    intervals (a number times an interval is refused, as it was, not a tuple repeated)."""

    lo: Decimal
    hi: Decimal
    shown: Decimal

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.lo + other.lo, self.hi + other.hi, self.shown + other.shown)

    def __sub__(self, other: "Interval") -> "Interval":
        return Interval(self.lo - other.hi, self.hi - other.lo, self.shown - other.shown)

    def __mul__(self, other: "Interval") -> "Interval":
        ends = [self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi]
        return Interval(min(ends), max(ends), self.shown * other.shown)

    def __truediv__(self, other: "Interval") -> "Interval":
        if other.lo <= 0 <= other.hi:
            raise ZeroDivisionError("division by an amount that may be zero")
        ends = [self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi]
        return Interval(min(ends), max(ends), self.shown / other.shown)

    def __rmul__(self, other):
        return NotImplemented  # 2 * interval: a TypeError, not the tuple repeated

    def overlaps(self, other: "Interval") -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def above(self, other: "Interval") -> bool:
        """Surely greater: every value of self exceeds every value of other."""
        return self.lo > other.hi

    def below(self, other: "Interval") -> bool:
        return self.hi < other.lo


ZERO = Interval(Decimal(0), Decimal(0), Decimal(0))


def written(amount: Decimal, unit: str = "万元") -> Interval:
    """The interval an amount stands for, from the digits it was written with: half a unit of
    its last decimal either side, converted to 万元. Raises KeyError for a non-money unit."""
    factor = TO_WAN[unit]
    exp = amount.as_tuple().exponent
    half = _HALVES.get(exp)
    if half is None:  # each place once: amounts are written to a handful of decimals
        if len(_HALVES) > 64:  # bounded whatever exponents a filing brings (1E+30)
            _HALVES.clear()
        half = _HALVES[exp] = Decimal(5).scaleb(exp - 1) if isinstance(exp, int) else Decimal(0)
    return Interval((amount - half) * factor, (amount + half) * factor, amount * factor)


# Exponent of a written amount (-2 for 3531.93; 'n' or 'F' for NaN or infinity) → half a unit of
# its last place (0.005), else 0.
_HALVES: dict[int | str, Decimal] = {}


def exact(amount: Decimal) -> Interval:
    """An exact constant (a number written in a formula, not rounded money)."""
    return Interval(amount, amount, amount)


def fmt_wan(value: Decimal) -> str:
    """An amount in 万元 without trailing zeros or exponent: 160.0000 → 160, 327.71 → 327.71."""
    q = value.normalize()
    text = format(q, "f")
    return text
