"""Numbers as budget forms write them, and agreement at the written precision.

Budget tables and self-evaluation forms write amounts, scores and rates as text: ``37,494.28``,
``10分``, ``100%``, ``５０``. ``number`` turns such a cell into a ``Decimal`` that keeps the
written precision (``Decimal("30.29")`` has exponent -2), so that checks can follow the
tolerance rule of shared/RULES.md ("Tolerance"): 3531.93 万元 means [3531.925, 3531.935), and a
sum may drift by one unit of its last decimal.

Money is Decimal throughout; nothing here uses float.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from checker.domain import money
from checker.domain.money import ratio

# Full-width digits and signs map one to one (no NFKC: it would rewrite ㎡ and shift columns).
_FULL = str.maketrans("０１２３４５６７８９．，－％", "0123456789.,-%")
_NUMBER = re.compile(r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_SUFFIX = r"(?:{unit}|分|%|％)$"  # a stated money unit of the domain (checker.domain.money), a score or a rate
_BLANKS = " \t\u3000\u00a0"


def number(text: str | None, *, suffixes: bool = True) -> Decimal | None:
    """The Decimal a cell holds, or None when the cell is not a plain number.

    Accepts thousands separators (``37,494.28``), full-width digits, a minus sign and, when
    ``suffixes`` is true, one trailing unit of 万元, 元, 分 or %. ``"—"``, ``""`` and text give None.
    The written precision is kept: ``number("6,402.00")`` is ``Decimal("6402.00")``.
    """
    if not text:
        return None  # an empty cell: half of what the budget rules ask
    if _NUMBER.fullmatch(text):  # a plain number as written (most others): nothing to map or take off
        return Decimal(text.replace(",", "").replace("−", "-"))
    t = text.translate(_FULL).strip(_BLANKS)
    if suffixes:
        t = money.pattern(_SUFFIX).sub("", t).strip(_BLANKS)
    if not t or not _NUMBER.fullmatch(t):
        return None
    try:
        return Decimal(t.replace(",", "").replace("−", "-"))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid literals
        return None


def unit_of_last_place(d: Decimal) -> Decimal:
    """One unit of the last written decimal: 30.29 → 0.01, 100 → 1, 6402.00 → 0.01."""
    return _unit(_exponent(d))


def half_unit(d: Decimal) -> Decimal:
    """Half a unit of the last written decimal: the radius of the number's interval."""
    return _half(_exponent(d))


def _exponent(d: Decimal) -> int:
    exp = d.as_tuple().exponent
    return exp if isinstance(exp, int) else 0


# One unit and half a unit of each last decimal place (10^exp, 10^exp / 2): a few exponents
# (万元 to the cent, 元 whole, a rate to 0.01%) stand behind all the amounts a filing writes, and
# B501, B505 and M305 weigh tens of thousands of them.
@lru_cache(maxsize=128)
def _unit(exp: int) -> Decimal:
    return Decimal(1).scaleb(exp)


@lru_cache(maxsize=128)
def _half(exp: int) -> Decimal:
    return _unit(exp) / 2


def sum_agrees(total: Decimal, parts: list[Decimal]) -> bool:
    """True when ``total`` = Σ ``parts`` within the written precision.

    Each written number stands for an interval of half a unit of its last decimal; a sum of
    rounded parts may drift by the sum of their radii. At least one unit of the coarsest last
    decimal is always allowed (RULES.md: "a sum may drift by one unit of its last decimal").
    """
    if not parts:
        return True
    drift = abs(total - sum(parts, Decimal(0)))
    if not drift:
        return True  # parts that add up exactly (most sums of a table): within any precision
    exps = [_exponent(total)] + [_exponent(p) for p in parts]
    radius = sum((_half(e) for e in exps), Decimal(0))
    return drift <= max(radius, _unit(max(exps)))


def same_amount(a: Decimal, b: Decimal) -> bool:
    """True when two writings of one amount agree at the coarser precision of the two
    (RULES.md: 2 decimals of 万元 means ±0.005 万元; 34932.6 and 34932.60 agree)."""
    return a == b or abs(a - b) <= half_unit(a) + half_unit(b)


def unit_slip(a: Decimal, b: Decimal) -> bool:
    """True when two writings of one amount differ by exactly 元 ↔ 万元 (10,000 times): the unit
    of one was misread or misprinted, a doubt about the input rather than two different amounts."""
    if a == 0 or b == 0:
        return False
    ten_k = ratio("万元", "元")  # the units table's 10000, a whole number (so the precision stays)
    return same_amount(a * ten_k, b) or same_amount(a, b * ten_k)


def ratio_agrees(written: Decimal, numerator: Decimal, denominator: Decimal, *, scale: Decimal = Decimal(100)) -> bool:
    """True when a written rate or share (in %, e.g. 30.29) is ``numerator / denominator``
    (× ``scale``) at the written precision: rounding half up, half even or truncation all
    pass, so anything closer than one unit of the written last decimal agrees."""
    if denominator == 0:
        return False
    exact = numerator / denominator * scale
    return abs(exact - written) < unit_of_last_place(written)


def fmt(d: Decimal | None) -> str:
    """A Decimal as a plain string for messages and ``Finding.data`` (no exponent form)."""
    if d is None:
        return ""
    return format(d, "f")


def fmt_ratio(numerator: Decimal, denominator: Decimal, places: int = 2) -> str:
    """``numerator / denominator`` in % with ``places`` decimals, for messages."""
    if denominator == 0:
        return "—"
    q = Decimal(1).scaleb(-places)
    return format((numerator / denominator * 100).quantize(q), "f")
