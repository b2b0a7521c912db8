"""The typed values the grammar produces: small frozen dataclasses, one per value shape.

Every class has ``kind`` (a string a rule can switch on) and ``raw`` (the 指标值 text as written).
Fields marked ``compare=False`` record *how* a value was written (raw text, which glyph, where
the unit stood); equality compares only *what* it means, so the split form (90 | % | ≥) and the
combined form (≥90%) give equal values, and ``parse_value(render(v)) == v``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# Canonical comparators and the meaning of each (rule V201, V205).
COMPARATORS = ("=", "≥", "≤", ">", "<")


@dataclass(frozen=True)
class Quantity:
    """A number with an optional comparator and unit: ``≥95%``, ``=3531.93万元``, ``15个``.

    - ``comparator``: "=", "≥", "≤", ">", "<" or None (none written anywhere)
    - ``number``: Decimal as written (``100,000`` → 100000; 一 → 1)
    - ``unit``: canonical name from rules/units.yaml, or None (no unit, or an unknown one)
    - ``unit_kind``: money, rate, count, area, … or None
    - ``unit_in_value`` / ``unit_in_column``: the raw unit texts in the 指标值 cell and in the
      度量单位 cell ("" when absent), so rule V203 can see 28.8万元 against a column "%"
    - ``legacy_glyph``: ≧ ≦ ＝ ＞ ＜ ═ >= <= or a word comparator was used (rule V206)
    - ``comparator_source``: "value", "column", "word" or None
    - ``approx``: 约 / 左右 was written
    - ``subject``: prose before the comparator word (``天然气覆盖率`` in 天然气覆盖率达到95%以上)
    - ``notes``: named doubts about the writing (see checker.values.hints.NOTES)
    """

    raw: str = field(compare=False)
    comparator: str | None
    number: Decimal
    unit: str | None
    unit_kind: str | None
    unit_in_value: str = field(default="", compare=False)
    unit_in_column: str = field(default="", compare=False)
    legacy_glyph: bool = field(default=False, compare=False)
    comparator_source: str | None = field(default=None, compare=False)
    approx: bool = False
    subject: str = field(default="", compare=False)
    notes: tuple[str, ...] = field(default=(), compare=False)
    kind: str = "quantity"


@dataclass(frozen=True)
class Duration(Quantity):
    """A quantity whose unit is a time unit: ``10日``, ``≤10日``, ``130工作日``, ``210日历天``,
    ``99年``. All Quantity fields apply; ``unit_kind`` is "time"."""

    kind: str = "duration"


@dataclass(frozen=True)
class Range:
    """A numeric range: ``14-24℃``, ``45%-60%``, ``3-5个``, ``pH 6-9``; ``low`` ≤ ``high`` as
    written (not checked here). The unit written once applies to both ends."""

    raw: str = field(compare=False)
    low: Decimal
    high: Decimal
    unit: str | None
    unit_kind: str | None
    unit_in_value: str = field(default="", compare=False)
    unit_in_column: str = field(default="", compare=False)
    subject: str = field(default="", compare=False)  # the measure named before it: pH 6-9
    kind: str = "range"


@dataclass(frozen=True)
class Date:
    """A calendar date at year, month or day precision: ``2026年度``, ``2026年6月``, ``3月``,
    ``2025.10.23``. ``year`` is None when only month/day were written (the budget year is
    meant). ``fiscal``: written as 年度. ``others``: further dates of a list
    (``2026年6月,2026年10月``)."""

    raw: str = field(compare=False)
    year: int | None
    month: int | None = None
    day: int | None = None
    fiscal: bool = False
    others: tuple["Date", ...] = ()
    kind: str = "date"

    @property
    def precision(self) -> str:
        """"day", "month" or "year"."""
        return "day" if self.day else "month" if self.month else "year"


@dataclass(frozen=True)
class Deadline:
    """A date by which something is done: ``2026年6月前``, ``2026年12月底前``, ``12月31日前``,
    ``≤12月``, ``年底前``. ``date`` may be None for 年底前 / 年内 (the budget year's end);
    ``end_of``: 底/末 was written (the end of that month or year); ``comparator`` "≤" or "<"."""

    raw: str = field(compare=False)
    date: Date | None
    comparator: str = "≤"
    end_of: bool = False
    kind: str = "deadline"


@dataclass(frozen=True)
class Period:
    """A span between two dates: ``2026年4月—2027年7月``, ``2023.07-2024.01``,
    ``2022年11月29日至2022年12月31日``."""

    raw: str = field(compare=False)
    start: Date
    end: Date
    kind: str = "period"


@dataclass(frozen=True)
class Periodicity:
    """How often: ``每月``, ``每季度``, ``一季度一次``, ``全年``, ``长期``, ``全天``.
    ``every`` is the canonical period (月, 季度, 年, 周, 日, 半年) or a span word (全年, 长期,
    全天, 常年, 实时); ``times`` the count per period when written (一季度一次 → 1)."""

    raw: str = field(compare=False)
    every: str
    times: Decimal | None = None
    kind: str = "periodicity"


@dataclass(frozen=True)
class Timeliness:
    """A timeliness word: ``及时``, ``按时``, ``按期完成`` (not measurable: rule V207).
    ``word`` is the canonical word (及时, 按时, 按期, 准时)."""

    raw: str = field(compare=False)
    word: str
    kind: str = "timeliness"


@dataclass(frozen=True)
class Change:
    """A change against a baseline: ``同比增长10%``, ``较上年提高5个百分点``, ``下降5%``,
    ``较上年提高``; or a bound set by a baseline or a limit written in words: ``≤上年``,
    ``不低于上年水平``, ``≤预算数``, ``控制在预算范围内``, ``≤国家标准``.

    - ``direction``: "up" (增长, 提高 …), "down" (下降, 降低 …) or None (≤上年: a bound only)
    - ``amount``: the size of the change (a Quantity without comparator) or None
    - ``comparator``: on the amount (增长≥10% → ≥) or on the baseline (≤上年 → ≤), else None
    - ``baseline``: what is compared against, without 较/比 and 范围内 (上年, 上年同期, 同比,
      2025年, 预算数, 国家标准) or ""
    """

    raw: str = field(compare=False)
    direction: str | None
    amount: Quantity | None
    comparator: str | None
    baseline: str
    legacy_glyph: bool = field(default=False, compare=False)
    comparator_source: str | None = field(default=None, compare=False)
    kind: str = "change"


@dataclass(frozen=True)
class Ratio:
    """A ratio of whole parts: ``1:1`` (配套比例), ``1：3``, ``≥1:1``, ``3:4:3``.
    ``terms`` as written (Decimal); ``comparator`` "=", "≥" … or None."""

    raw: str = field(compare=False)
    comparator: str | None
    terms: tuple[Decimal, ...]
    legacy_glyph: bool = field(default=False, compare=False)
    comparator_source: str | None = field(default=None, compare=False)
    kind: str = "ratio"


@dataclass(frozen=True)
class Qualitative:
    """Text kept verbatim: ``达到一级A、B标排放``, ``改善``. ``grade`` is a recognised grade
    word (好, 较好, 一般, 差, 优, 良, 中, 合格, 不合格, 达到, 基本达到, 未达到, 达标, …) or None."""

    raw: str = field(compare=False)
    text: str
    grade: str | None = None
    kind: str = "qualitative"


Value = (Quantity | Duration | Range | Date | Deadline | Period | Periodicity | Timeliness | Change | Ratio
         | Qualitative)
