"""Build the LALR parser for grammar/indicator.lark (cached) and turn its trees into values.

The parser is built once per process on first use. Its LALR tables (a pickle: loading one runs
code) are cached only in the user's own verified cache folder (checker/usercache.py: 0700, owned
by the user, no symlinks, atomic writes), never in a shared temp folder nor inside the installed
package; a cache that fails a check, or whose header does not name this grammar and lark version,
is never unpickled, and the parser is then built without one.
"""

from __future__ import annotations

import os
import re
import threading
from decimal import Decimal
from pathlib import Path

from lark import Lark, Token, Transformer, v_args

from checker import usercache
from checker.resources import grammar_dir
from checker.values.types import (
    Change,
    Date,
    Deadline,
    Duration,
    Period,
    Periodicity,
    Quantity,
    Range,
    Ratio,
    Timeliness,
)
from checker.values.units import load_units

_lock = threading.Lock()
_parser: Lark | None = None
_fast = None


class NotAValue(Exception):
    """Raised inside the transformer when a parse is grammatical but not a value a filer
    meant (一般 read as 一 + 般): the caller keeps the text as qualitative."""


# Comparator glyphs and words → canonical comparator; glyphs listed here are canonical.
CANONICAL_GLYPHS = {"=", "≥", "≤", ">", "<"}
_GLYPH = {"GE": "≥", "LE": "≤", "EQ": "=", "GT": ">", "LT": "<",
          "W_GE": "≥", "W_LE": "≤", "W_GT": ">", "W_LT": "<"}
# A neutral word takes its meaning from the suffix; alone 达到 means "at least".
_REACH_DEFAULT = {"达到": "≥", "达": "≥", "保持在": "=", "维持在": "="}
_SUFFIX = {"以上": "≥", "及以上": "≥", "以下": "≤", "及以下": "≤", "以内": "≤", "之内": "≤", "内": "≤"}

# Written in Chinese numerals these units name a class or grade (一类水, 二级), not a count.
_CLASS_UNITS = {"类", "级"}

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_SCALES = {"十": 10, "百": 100, "千": 1000, "万": 10000}

_PERIOD = {"每半年": "半年", "每季度": "季度", "每季": "季度", "每个月": "月", "每月": "月",
           "每年": "年", "每周": "周", "每旬": "旬", "每日": "日", "每天": "日",
           "按季度": "季度", "按季": "季度", "按月": "月", "按年度": "年", "按年": "年", "按周": "周",
           "按旬": "旬", "按日": "日", "按天": "日"}
_XUN_END = {"上旬": 10, "中旬": 20, "下旬": None}
# The months a quarter or a half covers (first, last).
_SPANS = {"一": (1, 3), "1": (1, 3), "二": (4, 6), "2": (4, 6), "三": (7, 9), "3": (7, 9),
          "四": (10, 12), "4": (10, 12), "上半年": (1, 6), "下半年": (7, 12)}


def cn_number(text: str) -> Decimal:
    """Chinese numerals to a Decimal: 一 → 1, 十二 → 12, 两百 → 200, 一万二千 → 12000.
    Raises NotAValue for a string that is not a well-formed numeral."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None and ch != "零":
                raise NotAValue(text)  # 一二 is not a numeral
            digit = _CN_DIGITS[ch]
        elif ch == "万":
            section += digit or 0
            total, section, digit = (total + section) * 10000, 0, None
        else:
            section += (1 if digit is None else digit) * _CN_SCALES[ch]
            digit = None
    return Decimal(total + section + (digit or 0))


def cn_percent(text: str) -> Decimal:
    """百分之九十五点五 → 95.5 (the percentage, in %). Raises NotAValue for a bad numeral."""
    whole, _, frac = text[3:].partition("点")
    number = cn_number(whole)
    if frac:
        number += Decimal("0." + "".join(str(_CN_DIGITS[ch]) for ch in frac))
    return number


def _number(tok: Token) -> Decimal:
    if tok.type == "CN_NUMBER":
        return cn_number(tok)
    return Decimal(str(tok).replace(",", ""))


@v_args(inline=True)
class ToValue(Transformer):
    """Tree → value objects (types.py). Stateless, so one instance serves every thread."""

    # -- quantities
    def number(self, tok):
        return tok

    def amount(self, *items):
        yuan = items[0].type == "CURRENCY"
        rest = items[1:] if yuan else items
        num, unit = rest[0], (rest[1] if len(rest) > 1 else None)
        if yuan and unit is None:
            unit = items[0]  # ¥1,200.00: the sign names the unit (元), unless a unit column says more
        if num.type == "CN_PERCENT":
            return (cn_percent(num), "%", num)
        if num.type == "HALF":  # 半年 → 0.5年, 半个月 → 0.5个月
            return (Decimal("0.5"), "年" if str(num).endswith("年") else "个月", num)
        unit_text = str(unit).strip() if unit is not None else ""
        if num.type == "CN_NUMBER":
            unit = load_units().get(unit_text)
            if unit is None or unit.name in _CLASS_UNITS:
                raise NotAValue(str(num))  # 一般, 三农: words; 一类, 二级: a class, not a count
        return (_number(num), unit_text, num)

    def comparator(self, tok):
        return tok

    def quantity(self, *items):
        subject, cmp_tok, suffix, approx = "", None, None, False
        amount = None
        for it in items:
            if isinstance(it, tuple):
                amount = it
            elif it.type == "SUBJECT":
                subject = it.strip()
            elif it.type in ("APPROX", "APPROX_AFTER"):
                approx = True
            elif it.type == "SUFFIX":
                suffix = str(it)
            elif it.type != "DONE":
                cmp_tok = it
        number, unit_text, _ = amount
        if unit_text[:1] in "余多" and load_units().get(unit_text[1:]):
            unit_text, approx = unit_text[1:], True  # 10余个, 100多人: about, at least
        comparator, source, legacy = _comparator(cmp_tok, suffix)
        return make_quantity(
            "", comparator, number, unit_text, source=source, legacy=legacy, approx=approx,
            subject=subject,
        )

    def range(self, *items):
        amounts = [it for it in items if isinstance(it, tuple)]
        subject = next((str(t).strip() for t in items if isinstance(t, Token) and t.type == "MEASURE"), "")
        bounds = {_GLYPH[t.type] for t in items if isinstance(t, Token) and t.type in _GLYPH}
        if bounds:  # ≥90%且≤95%: one lower and one upper bound, in either order
            if not (bounds & {"≥", ">"} and bounds & {"≤", "<"}):
                raise NotAValue("且")
            amounts.sort(key=lambda a: a[0])
        (low, low_unit, _), (high, high_unit, _) = amounts
        unit_text = high_unit or low_unit
        if unit_text in ("年", "年度") and not low_unit and _is_year(low) and _is_year(high):
            # 2025-2027年: the years 2025 to 2027, as 2025年-2027年 is
            return Period("", Date("", int(low)), Date("", int(high), fiscal=unit_text == "年度"))
        if unit_text == "月" and not low_unit and _is_month(low) and _is_month(high):
            # 1—12月: January to December, as 12月 alone is December
            return Period("", Date("", None, int(low)), Date("", None, int(high)))
        unit = load_units().get(unit_text)
        return Range("", low, high, unit.name if unit else None, unit.kind if unit else None,
                     unit_in_value=unit_text, subject=subject)

    # -- change against a baseline, ratios
    def change_amount(self, *items):
        return ("change_amount", self.quantity(*items))

    def change(self, *items):
        baseline, direction, amount, cmp_tok = "", None, None, None
        for it in items:
            if isinstance(it, tuple):
                amount = it[1]
            elif it.type in ("BASELINE", "LIMIT"):
                baseline = baseline_name(it)
                if it.type == "LIMIT" and cmp_tok is not None and cmp_tok.type == "W_REACH":
                    raise NotAValue(str(it))  # 达到国家标准: a statement, kept as text
            elif it.type == "CHANGE":
                direction = "down" if any(w in it for w in _DOWN) else "up"
            else:
                cmp_tok = it
        comparator, source, legacy = _comparator(cmp_tok, None)
        if amount is not None and amount.comparator is not None:
            comparator, source, legacy = amount.comparator, amount.comparator_source, amount.legacy_glyph
            amount = make_quantity("", None, amount.number, amount.unit_in_value, approx=amount.approx)
        return Change("", direction, amount, comparator, baseline, legacy_glyph=legacy,
                      comparator_source=source)

    def ratio(self, *items):
        nums = [t for t in items if isinstance(t, Token) and t.type == "NUMBER"]
        if any(len(t) > 1 and t.startswith("0") and "." not in t for t in nums[1:]):
            raise NotAValue(str(items))  # 9:00, 8:05: a time of day, not a ratio
        terms = tuple(_number(t) for t in nums)
        cmp_tok = items[0] if isinstance(items[0], Token) and items[0].type != "NUMBER" else None
        comparator, source, legacy = _comparator(cmp_tok, None)
        return Ratio("", comparator, terms, legacy_glyph=legacy, comparator_source=source)

    # -- dates
    def date(self, tok, xun=None):
        d = parse_date(tok)
        if xun is None:
            return d
        if d.month is None or d.day is not None:
            raise NotAValue(str(xun))  # 2026年中旬, 6月10日中旬: not a date
        # 上旬 ends on the 10th, 中旬 on the 20th; 下旬 runs to the month's end
        return Date("", d.year, d.month, _XUN_END[str(xun)])

    def dates(self, first, *rest):
        others = tuple(d for d in rest if isinstance(d, Date))
        return Date("", first.year, first.month, first.day, first.fiscal, others)

    def deadline(self, *items):
        date, comparator, end_of = None, "≤", False
        for it in items:
            if isinstance(it, Period):  # 第三季度前, 上半年内: by the end of the span
                date, end_of = it.end, True
            elif isinstance(it, Date):
                date = it
            elif it.type in ("LT", "W_LT"):
                comparator = "<"
            elif it.type in ("BEFORE", "YEAR_END"):
                if it.type == "YEAR_END" and date is not None and date.month is not None:
                    raise NotAValue(str(it))  # 2026年6月年底前: which is it?
                # 底/末 is the end of that month or year, and so is 内 (2026年度内, 12月内)
                end_of = end_of or any(w in it for w in ("底", "末", "内")) or it.type == "YEAR_END"
        # 底 (end of) means something only for a month or a year: 1月1日底前 is 1月1日前
        end_of = end_of and (date is None or date.day is None)
        return Deadline("", date, comparator, end_of)

    def span(self, *items):
        year = None
        if len(items) == 2:
            date = parse_date(items[0])
            if date.month is not None:
                raise NotAValue(str(items[0]))  # 2026年3月第四季度: not a value
            year = date.year
        word = "".join(str(items[-1]).split())
        first, last = _SPANS.get(word) or _SPANS[word.lstrip("第")[0]]
        return Period("", Date("", year, first), Date("", year, last))

    def period(self, start, sep=None, end=None):
        if isinstance(start, Period):
            return start
        if isinstance(start, Token) and start.type == "MONTH_SPAN":
            return _month_span(start)
        if end is not None:
            return Period("", start, end)
        # 2026年全年: the whole of a year; another period word after a date is not a value
        if str(sep).strip() != "全年" or start.year is None or start.month is not None:
            raise NotAValue(str(sep))
        return Period("", Date("", start.year, 1), Date("", start.year, 12))

    # -- how often, how timely
    def times(self, num, _tok):
        return _number(num)

    def periodicity(self, word, *rest):
        times = rest[-1] if rest else None
        w = str(word).strip()
        every = _PERIOD.get(w) or _PERIOD.get("每" + w.lstrip("一每个")) or w
        if w.startswith("半年"):
            every = "半年"
        return Periodicity("", every, times)

    def timeliness(self, word, _done=None):
        return Timeliness("", str(word))

    def start(self, value):
        return value


_DOWN = ("下降", "降低", "减少", "压减", "压缩", "缩短")
_CLOCK = re.compile(r"(?:T|\s+)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?\s*$")


def baseline_name(text: str) -> str:
    """较上年 → 上年, 比2025年度 → 2025年度, 与上年同期相比 → 上年同期: what is compared against."""
    name = "".join(str(text).split())
    name = name[1:] if name[:1] in "较比与" else name
    name = name[:-2] if name.endswith("相比") else name
    for tail in ("以内", "之内", "内"):  # 控制在预算范围内: the limit is 预算
        if name.endswith(tail):
            name = name[: -len(tail)]
            break
    return name[:-2] if name.endswith("范围") else name


def _month_span(tok: Token) -> Period:
    """2026年1-12月 → Period(2026年1月, 2026年12月)."""
    text = "".join(str(tok).split()).rstrip("份").rstrip("月")
    year, _, months = text.partition("年")
    first, last = re.split(r"[-~—–－]+|至|到", months)
    return Period("", Date("", int(year), int(first)), Date("", int(year), int(last)))


def _is_year(d: Decimal) -> bool:
    return d == d.to_integral_value() and 1900 <= d <= 2099


def _is_month(d: Decimal) -> bool:
    return d == d.to_integral_value() and 1 <= d <= 12


def _comparator(tok: Token | None, suffix: str | None) -> tuple[str | None, str | None, bool]:
    """(canonical comparator, source, legacy) from a comparator token and a suffix word."""
    from_suffix = _SUFFIX.get(suffix or "")
    if tok is None:
        return (from_suffix, "word" if from_suffix else None, bool(from_suffix))
    if tok.type == "W_REACH":
        return (from_suffix or _REACH_DEFAULT[str(tok)], "word", True)
    if tok.type == "W_LE" and str(tok) == "控制在" and from_suffix:
        return (from_suffix, "word", True)
    if tok.type.startswith("W_"):
        return (_GLYPH[tok.type], "word", True)
    return (_GLYPH[tok.type], "value", str(tok) not in CANONICAL_GLYPHS)


def make_quantity(raw, comparator, number, unit_text, *, source=None, legacy=False,
                  approx=False, subject="", unit_in_column="", notes=()) -> Quantity:
    """A Quantity (or a Duration when the unit is a time unit) with the unit looked up."""
    unit = load_units().get(unit_text or unit_in_column)
    cls = Duration if unit is not None and unit.kind == "time" else Quantity
    return cls(raw, comparator, number, unit.name if unit else None, unit.kind if unit else None,
               unit_in_value=unit_text, unit_in_column=unit_in_column, legacy_glyph=legacy,
               comparator_source=source, approx=approx, subject=subject, notes=tuple(notes))


def parse_date(tok: Token) -> Date:
    """A date token (DATE_CN, DATE_DOT, YM_DOT, MONTH_DAY) to a Date."""
    text = "".join(str(tok).split())
    if tok.type == "DATE_CN":
        year = int(text[:4])
        rest = text[5:]
        if rest.startswith("度") or not rest:
            return Date("", year, fiscal=rest.startswith("度"))
        month, _, day = rest.partition("月")
        day = day.lstrip("份").rstrip("日号")
        return Date("", year, int(month), int(day) if day else None)
    if tok.type == "MONTH_DAY":
        month, _, day = text.partition("月")
        day = day.lstrip("份").rstrip("日号")
        return Date("", None, int(month), int(day) if day else None)
    # 2026-12-31 00:00:00 (a spreadsheet's date-time): the day is what counts
    text = "".join(_CLOCK.sub("", str(tok)).split()).rstrip("日号")  # 2026.12.31日: the day
    parts = [int(p) for p in text.replace("/", ".").replace("-", ".").split(".")]
    return Date("", parts[0], parts[1], parts[2] if len(parts) > 2 else None)


def _cache_file() -> str | bool:
    """The LALR cache path in the user's verified cache folder, or False (no cache)."""
    folder = usercache.cache_dir()
    return os.path.join(folder, "indicator.lark.cache") if folder else False


def grammar_text() -> str:
    """The grammar source (grammar/indicator.lark)."""
    return (grammar_dir() / "indicator.lark").read_text(encoding="utf-8")


def get_parser() -> Lark:
    """The shared LALR parser (transformer built in, so no tree is made)."""
    global _parser
    if _parser is None:
        with _lock:
            if _parser is None:
                _parser = build_parser(cache=_cache_file())
    return _parser


def get_fast_path():
    """The shared FastPath (fast.py), built from the parser's terminals on first use."""
    global _fast
    if _fast is None:
        from checker.values.fast import FastPath

        _fast = FastPath(get_parser(), load_units())
    return _fast


_KWARGS = dict(parser="lalr", lexer="contextual", maybe_placeholders=False)


def build_parser(cache: str | bool = False) -> Lark:
    """A new LALR parser with the contextual lexer; ``cache`` a file path or False.

    The cache is read only through usercache.read_trusted (a folder and file of the user's own,
    no symlink, not group/other-writable) and only when its header matches this grammar; it is
    written atomically. A cache that fails any of this is ignored and rewritten when possible."""
    text = grammar_text()
    if not cache:
        return Lark(text, transformer=ToValue(), **_KWARGS)
    from checker.larkcache import load_or_build

    return load_or_build(cache, text, _KWARGS, transformer=ToValue())


def build_earley() -> Lark:
    """The same grammar under Earley with explicit ambiguity: a test oracle, not for use."""
    return Lark(grammar_text(), parser="earley", lexer="dynamic", ambiguity="explicit")


def grammar_path() -> Path:
    return grammar_dir() / "indicator.lark"
