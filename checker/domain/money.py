"""Money units, in one place: the words, the patterns built from them, the one conversion.

The data (nothing here is a copy of a word):

- rules/units.yaml, the units of kind ``money``: 元, 千元, 万元, 百万元, 亿元 with their factors in
  万元 (元 = 0.0001 万元) and spellings (人民币元, ¥, ￥, 万元人民币). ``TO_WAN`` and ``to_wan`` convert
  through this table and only through it.
- rules/layout_vocab.yaml ``money_units``: the units a form may state its amounts in (``stated``:
  单位：万元, 项目资金(元), （万元）) and the labels that state them (``labels``: 单位, 金额单位,
  计量单位). A stated unit must be a money unit of units.yaml (checked when loaded).
- rules/meaning.yaml ``cost_money_multipliers``: a bare multiplier after an amount (16530万) that
  stands for a stated unit (万 → 万元).

Readers and layout cut their own line shapes (a unit at a line's end, a unit beside a title) but
take the words from here: a template such as ``r"\\(({unit})\\)"`` is compiled by ``pattern`` with
``{unit}`` the stated units and ``{label}`` the stating labels, longest first. ``STATEMENT`` and
``BRACKETED`` are the two shapes every form uses (单位：万元; (万元), （单位：元）).
Source: the 单位/金额单位 lines and bracketed units of the corpus's forms and budget tables
(财预〔2015〕88号 annexes; 部门预算公开 tables).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from checker.errors import RulePackError

# 单位：万元, 金额单位:元, 计量单位：元 — group 1 is the unit.
STATEMENT = r"{label}\s*[:：]\s*({unit})"
# (万元), （元）, (单位：万元), （金额单位:元） — group 1 is the unit.
BRACKETED = r"[(（]\s*(?:{label}\s*[:：]?\s*)?({unit})\s*[)）]"
# An amount written in a text with its unit: 41,817.28万元 — groups: the number, the unit.
_IN_TEXT = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*({unit})"


@dataclass(frozen=True)
class MoneyWords:
    """The money-unit words the layout reads, from the data files (see the module doc).

    ``stated``: units a form may state its amounts in, longest first (万元, 元); ``labels``: the
    words that state one, longest first (金额单位, 计量单位, 单位); ``bare``: a multiplier written
    after an amount → its stated unit (万 → 万元); ``signs``: currency signs written before an
    amount (¥￥), the one-character spellings of money units in units.yaml."""

    stated: tuple[str, ...]
    labels: tuple[str, ...]
    bare: Mapping[str, str]
    signs: str


def _longest_first(words) -> tuple[str, ...]:
    # Longest first, so that an alternation tries 万元 before 元 and 金额单位 before 单位.
    return tuple(sorted(dict.fromkeys(words), key=lambda w: (-len(w), w)))


@cache
def money_words() -> MoneyWords:
    """The money words of the shipped rule pack. Raises RulePackError when rules/layout_vocab.yaml
    states a unit that rules/units.yaml does not list as money, or a data file is broken."""
    from checker.layout.vocab import layout_vocab  # the one loader of layout_vocab.yaml
    from checker.rules.vocabulary import load_meaning  # the one loader of meaning.yaml
    from checker.values.units import load_units  # the one loader of units.yaml

    table = load_units()
    entry = layout_vocab()["money_units"]
    stated = _longest_first(entry["stated"])
    unknown = [u for u in stated if u not in TO_WAN]
    if unknown:
        raise RulePackError([f"layout_vocab.yaml: money_units.stated: {u!r} is not a money unit of units.yaml "
                             f"(known: {', '.join(TO_WAN)})" for u in unknown])
    multipliers = load_meaning().get("cost_money_multipliers") or {}
    bare = {word: unit for word, unit in multipliers.items() if unit in stated}
    signs = "".join(s for name in TO_WAN for s in table.spellings(name) if len(s) == 1 and not s.isalnum())
    return MoneyWords(stated, _longest_first(entry["labels"]), bare, signs)


class _ToWan(Mapping):
    """Money unit name → its factor in 万元 (元 → 0.0001), read from rules/units.yaml on first use
    (so importing this module loads no data)."""

    @staticmethod
    @cache
    def _table() -> dict[str, Decimal]:
        from checker.values.units import load_units

        return {u.name: u.factor for u in load_units().units.values() if u.kind == "money"}

    def __getitem__(self, unit: str) -> Decimal:
        return self._table()[unit]

    # Mapping's own `in` and get() go through __getitem__ and catch its KeyError (~0.4 us a test,
    # most of them for a unit that is not money); the table answers directly.
    def __contains__(self, unit: object) -> bool:
        return unit in self._table()

    def get(self, unit: str, default=None):
        return self._table().get(unit, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


TO_WAN: Mapping[str, Decimal] = _ToWan()


def to_wan(amount: Decimal, unit: str) -> Decimal:
    """``amount`` written in the money ``unit`` (a canonical name of units.yaml), in 万元, keeping
    the written precision (1,000,000 元 → 100.0000 万元; 57407 元 → 5.7407). Raises KeyError for
    a unit that is not money."""
    return amount * TO_WAN[unit]


def from_wan(amount: Decimal, unit: str) -> Decimal:
    """``amount`` in 万元 expressed in the money ``unit`` (1200 万元 → 12000000 元), a whole result
    as a whole number. Raises KeyError for a unit that is not money."""
    result = amount / TO_WAN[unit]
    return result.quantize(Decimal(1)) if result == result.to_integral_value() else result


def ratio(larger: str, smaller: str) -> Decimal:
    """How many of ``smaller`` one ``larger`` is (万元, 元 → 10000), as a whole number when whole."""
    return from_wan(TO_WAN[larger], smaller)


@cache
def pattern(template: str, flags: int = 0) -> re.Pattern:
    """``template`` compiled with its slots filled from the data, remembered:

    - ``{unit}``: an alternation of the stated units (non-capturing, longest first: 万元|元);
    - ``{label}``: an alternation of the labels that state a unit (金额单位|计量单位|单位);
    - ``{bare}``: an alternation of the bare multipliers of a stated unit (万);
    - ``{sign}``: the currency signs, for a character class (``[{sign}]`` → ``[¥￥]``);
    - ``{unit_end}``: the last characters of the stated units and bare multipliers, for a
      character class (``[0-9{unit_end}]`` → ``[0-9元万]``: where an amount may end).

    ``pattern(BRACKETED).search("项目资金(元)").group(1)`` → ``"元"``."""
    words = money_words()
    ends = {w[-1] for w in (*words.stated, *words.bare)}
    slots = {
        "{unit}": _alternation(words.stated),
        "{label}": _alternation(words.labels),
        "{bare}": _alternation(_longest_first(words.bare)),
        "{sign}": "".join(map(re.escape, words.signs)),
        "{unit_end}": "".join(map(re.escape, sorted(ends))),
    }
    text = template
    for slot, fill in slots.items():
        text = text.replace(slot, fill)
    return re.compile(text, flags)


def _alternation(options: tuple[str, ...]) -> str:
    # An empty list (no bare multiplier) matches nothing rather than the empty string.
    return "(?:" + "|".join(map(re.escape, options)) + ")" if options else "(?!)"


def amounts_in_text(text: str) -> list[tuple[Decimal, str]]:
    """Every amount a text writes with a stated unit, as (Decimal, unit): ``"资金41,817.28万元，
    其中5元"`` → [(41817.28, 万元), (5, 元)]. Thousands separators are dropped."""
    return [(Decimal(m.group(1).replace(",", "")), m.group(2)) for m in pattern(_IN_TEXT).finditer(text)]
