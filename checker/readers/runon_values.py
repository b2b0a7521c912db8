"""The value grammar's shapes as run-on text needs them: where a value written inside a line
ends (≥95%, 12个, 2021年12月前, 3.5万元) and how glued amounts of a money row may be cut.

checker/values parses a value once it stands alone in its cell; run-on text has no cells, so the
reader must find where each value ends first. The shapes here are the grammar's
(grammar/indicator.lark: comparators, numbers, dates with 前/底) and the units are rules/units.yaml's.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache
from itertools import combinations

_COMPARATOR = re.compile(r"(?:>=|<=|≥|≤|≧|≦|＞|＜|＝|>|<|=|大于等于|小于等于|不低于|不高于|不少于|不超过|不大于|不小于|大于|小于|等于)?")
NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# A value's number: no number is written with a leading zero, so "00" is two values 0 ⇥ 0.
_VALUE_NUMBER = re.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_DATE = re.compile(r"(?:(?:19|20)[0-9]{2}年)?[0-9]{1,2}月(?:[0-9]{1,2}日)?(?:底|末|中旬|上旬|下旬)?(?:之前|以前|前)?(?:完成)?"
                   r"|(?:19|20)[0-9]{2}年(?:底|末)?(?:之前|以前|前)")
_MONEY_PART = re.compile(r"^(?:0|[1-9][0-9]{0,11})(?:\.[0-9]{1,4})?%?$")
MAX_GLUED = 24  # characters of glued amounts tried; longer runs are kept whole


@cache
def units() -> tuple[str, ...]:
    """Every unit spelling of rules/units.yaml (and %, ‰), longest first. Raises RulePackError
    when the units table is broken."""
    from checker.values.units import load_units

    table = load_units()
    found = {u for u in [*table._alias, *table.units] if u and not u[0].isdigit()}  # every spelling the grammar knows
    return tuple(sorted(found | {"%", "％", "‰"}, key=len, reverse=True))


def value_start(t: str, at: int, prefixes: tuple[str, ...] = ()) -> bool:
    """A value may begin at ``at``: not inside a number or a Latin word, and one is written there."""
    if at > 0 and (t[at - 1].isdigit() or t[at - 1] in ".%" or t[at - 1].isascii() and t[at - 1].isalpha()):
        return False
    return value_token(t, at, prefixes) is not None


def value_token(t: str, at: int, prefixes: tuple[str, ...] = ()) -> int | None:
    """End of one value written at ``at`` of ``t`` — an optional comparator or one of ``prefixes``
    (各, 约: rules/header_labels.yaml run_on.value_prefixes, longest first), then a date
    (2021年12月前, 12月底之前完成) or a number with the longest known unit after it — or None."""
    word = next((w for w in prefixes if t.startswith(w, at)), "")
    if word and value_token(t, at + len(word)) is None:
        return None
    pos = _COMPARATOR.match(t, at + len(word)).end()
    d = _DATE.match(t, pos)
    if d and d.end() > pos and ("月" in d.group() or d.group().endswith(("前", "底"))):
        return d.end()
    n = _VALUE_NUMBER.match(t, pos)
    if n is None:
        return None
    for u in units():
        if t.startswith(u, n.end()):
            return n.end() + len(u)
    return n.end()


def cut_amounts(text: str, roles: list[str]) -> list[str] | None:
    """Glued amounts of a money row (``"194.9194.9100%"`` under 全年预算数 ⇥ 全年执行数 ⇥ 执行率,
    ``roles`` budget, spent, rate) cut into one part per column, when exactly one cut gives
    numbers written as amounts are and the columns' arithmetic holds (执行率 = 执行数 / 预算数 at
    the rate's written precision). None when no cut or several do, when a score column gives
    nothing to check by, or when the run is longer than MAX_GLUED: the amounts stay whole."""
    if len(text) > MAX_GLUED or not roles:
        return None
    for k in range(min(len(roles), len(text)), 1, -1):
        found = [parts for parts in _cuts(text, k) if _amounts_hold(parts, roles[:k])]
        if len(found) > 1:
            return None
        if found:
            return found[0]
    return None


def _cuts(text: str, k: int):
    for cut in combinations(range(1, len(text)), k - 1):
        yield [text[i:j] for i, j in zip((0, *cut), (*cut, len(text)))]


def _amounts_hold(parts: list[str], roles: list[str]) -> bool:
    if not all(_MONEY_PART.match(p) for p in parts):
        return False
    values: dict[str, Decimal] = {}
    for p, r in zip(parts, roles):
        if ("%" in p) != (r == "rate"):
            return False
        try:
            values[r] = Decimal(p.rstrip("%"))
        except InvalidOperation:
            return False
    if "score" in values or not {"budget", "spent", "rate"} <= set(values) or values["budget"] == 0:
        return False  # a score column gives no arithmetic to check a cut by
    rate_text = next(p for p, r in zip(parts, roles) if r == "rate").rstrip("%")
    places = len(rate_text.split(".")[1]) if "." in rate_text else 0
    computed = values["spent"] / values["budget"] * 100
    return abs(computed - values["rate"]) <= Decimal(5) / Decimal(10) ** (places + 1)
