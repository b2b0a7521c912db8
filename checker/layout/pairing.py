"""Pair the annual block's indicators with the period block's (实施期目标 / 年度目标 side by side).

The export cuts annual names short and moves rows, so pairs are found by name and value, not by
row: the best-scored (annual, period) couples are taken first, as if every couple were scored
(a couple on one row that beats every other couple of its rows is taken unscored: ``_first``).

- name: equal (3), one a cut of the other (2), close (1: a word apart, "对违法违规建设(的)巡查次数",
  or a common beginning of 4 or more characters), else 0;
- a cut or close name must also share the value or the level-2 group, so "丹河新城地形图" (a cut)
  is not paired with "丹河新城地形图测量费" in another group and with another value.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from checker.layout.blocks import is_cut_of
from checker.layout.labels import compact
from checker.layout.levels import canonical
from checker.model import Indicator


# What a value is compared by: compact itself, not a function calling it (a Python call fewer for
# each of a table's indicators and each paired row's values).
_key = compact


def same_value(a: str, b: str) -> bool:
    """Equal values once full-width glyphs and spaces are normalised."""
    return compact(a) == compact(b)


def name_score(a: str, b: str) -> int:
    """3 equal, 2 one a cut of the other, 1 close, 0 unrelated (see module doc)."""
    if not a or not b:
        return 0
    if a == b:
        return 3
    if is_cut_of(a, b) or is_cut_of(b, a):
        return 2
    if len(a) >= 4 and a[:4] == b[:4]:  # a common beginning of 4 or more characters
        return 1
    return 1 if _close(a, b) else 0


def _close(a: str, b: str) -> bool:
    """difflib's similarity of the two names is 0.75 or more. Its two upper bounds (from the
    lengths, then from the characters shared) are worked out here first, as difflib works them
    out: most couples fail them, and a SequenceMatcher costs more to build than they do."""
    length = len(a) + len(b)
    if 2.0 * min(len(a), len(b)) / length < 0.75:  # SequenceMatcher.real_quick_ratio
        return False
    shared = sum(min(a.count(ch), b.count(ch)) for ch in set(a).intersection(b))
    if 2.0 * shared / length < 0.75:  # SequenceMatcher.quick_ratio
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.75


def _first(annual: tuple[str, str, str], period: tuple[str, str, str], period_names: set[str],
           annual_names: set[str]) -> bool:
    """Does the couple of one row's (value key, group, name) ``annual`` and ``period`` score more
    than any other couple of either row can? So it does with the same value and group and the same
    name (3·2 + 1 + 1 = 8; a couple rows apart loses 0.01 per row), or one name a cut of the other
    (2·2 + 1 + 1 = 6) where neither name is written whole in the other block: only an equal name
    (3·2, plus a shared value or group) scores 6 or more rows apart."""
    (a_value, a_group, a_name), (p_value, p_group, p_name) = annual, period
    if not a_value or a_value != p_value or a_group != p_group:
        return False
    if a_name and a_name == p_name:
        return True
    return (is_cut_of(a_name, p_name) or is_cut_of(p_name, a_name)) \
        and a_name not in period_names and p_name not in annual_names


def pair_blocks(periods: list[Indicator], annuals: list[Indicator]) -> dict[int, Indicator]:
    """{index in ``annuals``: its period Indicator}; each period row is used at most once."""
    # What each row is compared by, worked out once per table, not once per couple.
    keys = [(_key(p.value), canonical(p.level2), p.name) for p in periods]
    annual_keys = [(_key(a.value), canonical(a.level2), a.name) for a in annuals]
    # A couple on one row that scores more than any other couple of either of its rows can is taken
    # by the greedy pass below before any of those, whatever else scores: such rows are paired
    # unscored, and neither is scored against any other row (seed 003: 463 of 540 annual rows).
    period_names, annual_names = {k[2] for k in keys}, {k[2] for k in annual_keys}
    pairs = {i: periods[i] for i, (a, p) in enumerate(zip(annual_keys, keys))
             if _first(a, p, period_names=period_names, annual_names=annual_names)}
    used = set(pairs)
    couples = []
    for i, (a_value, a_group, a_name) in enumerate(annual_keys):
        if i in pairs:
            continue
        for j, (p_value, p_group, p_name) in enumerate(keys):
            if j in used:
                continue
            sv = bool(a_value) and a_value == p_value
            sg = a_group == p_group
            if a_name and a_name == p_name:
                ns = 3
            elif not a_name and not p_name:  # both names lost: the same row pairs them
                ns = 1 if annuals[i].place == periods[j].place else 0  # both at their row's place
            elif sv or sg:  # a cut or close name counts only with a shared value or group
                ns = name_score(a_name, p_name)
            else:
                continue
            if ns:
                couples.append((ns * 2 + sv + sg - 0.01 * abs(i - j), i, j))
    for _, i, j in sorted(couples, key=lambda c: -c[0]):
        if i not in pairs and j not in used:
            pairs[i] = periods[j]
            used.add(j)
    return pairs
