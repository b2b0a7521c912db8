"""The written-precision intervals of checker/rules/money.py: ``written`` remembers half a unit of
each last place it meets; the interval it gives is the one worked out from the digits."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.rules.money import TO_WAN, Interval, written

# Amounts as filers write them (0, 3531.93, 1600000, 2.50, 1E+3), the same values at other places
# in turn, and the odd ones a reader may give (an exponent, NaN, infinity).
_AMOUNTS = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False,
                min_value=-10**9, max_value=10**9),
    st.builds(lambda n, e: Decimal(n).scaleb(e), st.integers(-10**6, 10**6), st.integers(-8, 6)),
    st.sampled_from([Decimal("0"), Decimal("0.00"), Decimal("1E+3"), Decimal("2.50"), Decimal("2.5"),
                     Decimal("NaN"), Decimal("Infinity")]),
)


def _reference(amount: Decimal, unit: str) -> Interval:
    """The interval from the digits, worked out afresh (written before its memo)."""
    factor = TO_WAN[unit]
    exp = amount.as_tuple().exponent
    half = Decimal(5).scaleb(exp - 1) if isinstance(exp, int) else Decimal(0)
    return Interval((amount - half) * factor, (amount + half) * factor, amount * factor)


def _same(a: Interval, b: Interval) -> bool:
    """Equal to the digit (3531.925 and 3531.9250 differ: messages show what was computed)."""
    return all(str(x) == str(y) for x, y in zip(a, b))


@settings(max_examples=400, deadline=None)
@given(amounts=st.lists(_AMOUNTS, min_size=1, max_size=6), unit=st.sampled_from(sorted(TO_WAN)))
def test_written_gives_the_interval_of_the_digits(amounts, unit):
    """Amounts met in any order (1, then 1.00, then 1E+3) each get half a unit of their own last
    place, whatever was remembered for another."""
    for amount in amounts:
        assert _same(written(amount, unit), _reference(amount, unit))


def test_written_by_place():
    assert written(Decimal("3531.93")) == (Decimal("3531.925"), Decimal("3531.935"), Decimal("3531.93"))
    assert written(Decimal("3531.9")).lo == Decimal("3531.85")
    assert written(Decimal("1600000"), "元").lo == Decimal("159.99995")


def test_interval_arithmetic_is_between_intervals_only():
    """Interval is a named tuple: its + and * are the interval's, and a number times an interval
    is refused as before (not the tuple repeated)."""
    a, b = written(Decimal("1.0")), written(Decimal("2"))
    assert a + b == Interval(Decimal("2.45"), Decimal("3.55"), Decimal("3.0"))
    assert (a * b).lo == Decimal("0.95") * Decimal("1.5")
    with pytest.raises(TypeError):
        2 * a  # noqa: B018
    with pytest.raises((TypeError, AttributeError)):
        a * 2  # noqa: B018
