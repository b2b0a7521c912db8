"""Indicator values (指标值): grammar/indicator.lark turns a value cell, with its unit and
value-type cells, into a typed value (types.py). Units come from rules/units.yaml.

Public interface (other modules code against it)::

    parse_value(value, unit="", value_type="") -> Value      # raises ValueParseError
    render(v) -> str                                          # canonical text
    to_wan(q) / to_yuan(q) -> Decimal | None                  # money quantities only
    load_units() -> UnitTable                                 # lookup by any alias
    column_comparator(type_cell) -> str | None                # ≥（大于等于）, ⩾, 不低于 → ≥

Resolution rules (documented in docs/values.md): 2026年 and 2026年度 are years (dates), 99年
is a duration; N月 with N in 1–12 is a month of the year, N个月 a duration; 2026.4 alone is
April 2026, 2026.4 with a unit or a comparator is a number; 达到 alone means ≥; a suffix
(以上, 以下, 以内) decides for 达到 / 控制在; the value's own comparator wins over the column's.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache, lru_cache

from checker.values.hints import NOTES, ValueParseError, explain, note_text
from checker.values.types import (
    COMPARATORS,
    Change,
    Date,
    Deadline,
    Duration,
    Period,
    Periodicity,
    Qualitative,
    Quantity,
    Range,
    Ratio,
    Timeliness,
    Value,
)
from checker.values.units import Unit, UnitTable, load_units

__all__ = [
    "parse_value", "ValueParseError", "render", "load_units", "to_wan", "to_yuan",
    "Quantity", "Duration", "Range", "Date", "Deadline", "Period", "Periodicity", "Timeliness",
    "Change", "Ratio", "column_comparator",
    "Qualitative", "Value", "Unit", "UnitTable", "COMPARATORS", "NOTES", "note_text", "prepare",
]

# One-to-one character map applied before parsing, so columns stay true: full-width digits,
# letters and punctuation to ASCII; odd spaces and control characters to a space. The
# full-width comparators ＞ ＜ ＝ and ％ are kept: the grammar reads them and rule V206 wants
# to know they were used.
_PREP = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if chr(c) not in "＞＜＝％"}
_PREP.update({0x3000: " ", 0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x200B: " ",
              0xFEFF: " "})
_PREP.update({c: " " for c in range(0, 32)})
_PREP.update({0x7F: " "})
# Invisible marks Word and PDF exports leave inside a value (soft hyphen, word joiner,
# zero-width (non-)joiner, direction marks): ≥95\u00ad% is ≥95%
_PREP.update({c: " " for c in (0x00AD, 0x2060, 0x200C, 0x200D, 0x200E, 0x200F)})

_GRADES = ("基本达到", "未达到", "达到", "基本达标", "未达标", "达标", "基本完成", "未完成", "完成",
           "不合格", "合格", "优秀", "良好", "较好", "较差", "一般", "好", "差", "优", "良", "中")
_COLUMN_CMP = {"=": "=", "＝": "=", "═": "=", "≥": "≥", "≧": "≥", ">=": "≥", "＞＝": "≥",
               "≤": "≤", "≦": "≤", "<=": "≤", "＜＝": "≤", ">": ">", "＞": ">", "<": "<", "＜": "<",
               "大于等于": "≥", "不低于": "≥", "不少于": "≥", "小于等于": "≤", "不高于": "≤",
               "不超过": "≤", "大于": ">", "小于": "<", "等于": "=",
               "⩾": "≥", "⩽": "≤", "大于或等于": "≥", "小于或等于": "≤", "不小于": "≥", "不大于": "≤",
               "不多于": "≤", "至少": "≥", "至多": "≤", "高于": ">", "低于": "<"}
_COMPARATOR_START = "≥≤≧≦⩾⩽=＝═><＞＜"
_YEAR_MONTH = re.compile(r"(?:19|20)[0-9]{2}\.(?:1[0-2]|0?[1-9])")
_YEAR_MONTH_DASH = re.compile(r"(?:19|20)[0-9]{2}-(?:1[0-2]|0?[1-9])")
_CLOSING = "。；;，,、 "
_REMARK = re.compile(r"^(.*?\S)\s*[（(][^（）()]*[）)]$")
_BRACKET = re.compile(r"\s*[（(]([^（）()]*)[）)]")
# A comparator before a class or grade: water quality Ⅲ类, a grade A级 or AAA级, 二级
_CLASS_AFTER_COMPARATOR = re.compile(
    r"^[≥≤≧≦=＝═><＞＜]+\s*(?:[ⅠⅡⅢⅣⅤⅥIV]+|[A-Ea-e]+|[一二三四五六])\s*(?:类|级|等|星)")
# A comparator, then words with no digit at all (≥良好, ≤市场价格, ≥全省平均水平)
_WORDS_AFTER_COMPARATOR = re.compile(r"^[≥≤≧≦⩾⩽=＝═><＞＜\s]+[\u3400-\u9fff][^0-9０-９]*$")
_MULTIPLIERS = ("万", "亿", "千", "百万", "十万", "千万")
_LONGEST_UNIT = 24
_CLOCK_TIME = re.compile(r"^[≤<]?\s*(?:[01]?[0-9]|2[0-3]):[0-5][0-9]\s*(?:前|之前|以前|截止|完成|[\u4e00-\u9fff]{0,6})$")
_PROSE_TAIL = re.compile(r"[\u3400-\u9fff]{2,12}$")
_DIGIT_GAP = re.compile(r"(?<=[0-9.])[ \u3000\u00a0]+(?=[0-9.])")
_LEAD = re.compile(r"^(?:计划于|计划在|预计于|预计在|力争于|力争在|确保于|确保在|计划|预计|力争|确保|争取|拟于|在|于)\s*"
                   r"(?=(?:19|20)[0-9]{2}|[0-9]{1,2}\s*月|年底|年内|当年|本年|第?[一二三四1-4]季度|[上下]半年)")
_USE_FAST_PATH = True  # tests switch it off to compare both paths
_OCR_LOW, _OCR_HIGH = Decimal(200), Decimal(300)  # 292% where ≥92% was meant


def prepare(text: str) -> str:
    """The text as the grammar sees it: same length, full-width ASCII mapped, odd spaces made
    plain spaces (see _PREP)."""
    return text.translate(_PREP)


def parse_value(value: str, unit: str = "", value_type: str = "") -> Value:
    """Type one 指标值 cell, with its 度量单位 and 指标值类型/指标性质 cells (any may be empty).

    Returns a Quantity, Duration, Range, Date, Deadline, Period, Periodicity, Timeliness,
    Change (同比增长10%, ≤上年, ≤预算数), Ratio (1:1) or Qualitative (an empty value is an empty
    Qualitative). Text that is not a value is kept as
    Qualitative; text that looks quantitative (starts with a comparator, or is a number with
    at most two CJK characters) but does not parse raises ValueParseError with the position.
    """
    return _parse_cached(value or "", unit or "", value_type or "")


@lru_cache(maxsize=8192)
def _parse_cached(value: str, unit: str, value_type: str) -> Value:
    text = value.strip()
    unit_col = unit.strip()  # as written (m ³ /d); the units table ignores inner spaces
    cmp_col = _column_comparator(value_type)
    if not text:
        return Qualitative(value, "", None)
    # ≥95%； 2026年6月。: a cell's closing punctuation is not part of the value
    core = text.rstrip(_CLOSING)
    try:
        v, core = _parse_without_remarks(core) if core else (_qualitative(text), core)
    except ValueParseError:
        # ≥95%（含95%）: a remark in brackets after a value is the filer's note, not the value
        m = _REMARK.match(core)
        if m is None:
            v = _spaced_digits(core) or _before_prose(core)
            if v is None:
                raise
        if m is not None:
            try:
                v, core = _parse_text(m.group(1)), m.group(1)
            except ValueParseError:
                raise _parse_error_of(core) from None
    if isinstance(v, Qualitative) and _LEAD.match(core):
        v, core = _after_lead(v, core)
    if isinstance(v, Qualitative) and cmp_col is not None:
        v = _baseline_with_column(v, core, cmp_col, value_type.strip())
    if isinstance(v, Qualitative) and core != text:
        v = _qualitative(text)
    text = core or text
    if isinstance(v, (Date, Deadline)) and _DOTTED_YEAR_MONTH.match(text) and _counts_no_time(unit_col):
        v = _set(_parse_text(text + "".join(unit_col.split())), unit_in_value="", unit_in_column=unit_col)
    if isinstance(v, Change) and v.amount is not None and not v.amount.unit_in_value and unit_col:
        v = _set(v, amount=_with_column_unit(v.amount, _num(v.amount.number), unit_col, None))
    if isinstance(v, Quantity) and not v.unit_in_value and unit_col:
        v = _with_column_unit(v, text, unit_col, cmp_col)
    elif isinstance(v, (Quantity, Range)) and unit_col:
        v = _note_units(v, unit_col)
    if cmp_col is not None:
        v = _with_column_comparator(v, cmp_col, value_type.strip())
    v = _add_notes(v, text)
    return _set(v, raw=value)


def _parse_without_remarks(core: str) -> tuple[Value, str]:
    """(value, the text it was read from). A remark in brackets that is not a unit
    (≥95%（含）, 90%（含）以上, ≥90%（抽样调查）) is the filer's note, not part of the value: the
    text without it is read first, and kept when it makes a value (a unit in brackets, 100（万元）,
    stays). Otherwise the text is read as written."""
    if "(" in core or "（" in core:
        bare = _BRACKET.sub(lambda m: m.group(0) if _is_unit(m.group(1)) else "", core).strip()
        if bare and bare != core:
            try:
                v = _parse_text(bare)
            except ValueParseError:
                v = None
            if v is not None and not isinstance(v, Qualitative):
                return v, bare
    return _parse_text(core), core


def _spaced_digits(core: str) -> Value | None:
    """≥ 9 5 %, 1 2 0 0 万 元: a PDF export that spaces every character (three or more, each
    alone: 3 5 may be two numbers). Read joined, noted spaced_digits; None when that does not
    make a value either."""
    chars = core.split()
    if len(chars) < 3 or any(len(c) != 1 for c in chars) or not _DIGIT_GAP.search(core):
        return None
    joined = "".join(chars)
    try:
        v = _parse_text(joined)
    except ValueParseError:
        return None
    return _set(v, notes=(*v.notes, "spaced_digits")) if isinstance(v, Quantity) else v


def _before_prose(core: str) -> Value | None:
    """≥30分钟内到达现场, ≤2个工作日内办结完毕: a quantity, then prose saying what it is for.
    The longest start that is a quantity once at least two CJK characters (and no digit) are
    cut off, noted unit_with_text (the prose is kept in ``raw``); None when there is none."""
    tail = _PROSE_TAIL.search(core) if len(core) <= 60 else None  # a cell, not a document
    if tail is None:
        return None
    for end in range(tail.end() - 2, tail.start() - 1, -1):
        try:
            v = _parse_text(core[:end])
        except ValueParseError:
            continue
        if isinstance(v, Quantity):
            return _set(v, notes=(*v.notes, "unit_with_text"))
        return None
    return None


def _after_lead(v: Qualitative, core: str) -> tuple[Value, str]:
    """在2026年12月底前完成, 计划2026年10月完成, 力争6月底前: a date after a word that only
    introduces it. Kept as text unless the rest is a date, deadline or period."""
    rest = core[_LEAD.match(core).end():]
    try:
        found = _parse_text(rest)
    except ValueParseError:
        return v, core
    return (found, rest) if isinstance(found, (Date, Deadline, Period)) else (v, core)


# 2026.12 / ≤1956.2 alone read as year.month (docs/values.md); beside a 度量单位 that is no time
# unit (1956.2 | 万元, 2026.4 | 个) the cell is that many of the unit, as the filer typed it.
_DOTTED_YEAR_MONTH = re.compile(r"^[≥≤<>=]?\s*\d{4}\.\d{1,2}$")


def _counts_no_time(unit_col: str) -> bool:
    unit = load_units().get("".join(unit_col.split())) if unit_col else None
    return unit is not None and unit.kind != "time"


def _is_unit(text: str) -> bool:
    return load_units().get(text.strip()) is not None


def _baseline_with_column(v: Qualitative, core: str, cmp_col: str, written: str) -> Value:
    """上年 | ≤: the split form of ≤上年 (a bound set by last year's figure), read as one."""
    try:
        combined = _parse_text(cmp_col + core)
    except ValueParseError:
        return v
    if isinstance(combined, Change) and combined.direction is None:
        return _set(combined, comparator_source="column", legacy_glyph=written not in COMPARATORS)
    return v


def _parse_error_of(text: str) -> ValueParseError:
    """The error the grammar reports for ``text`` (which is known not to parse)."""
    try:
        _parse_text(text)
    except ValueParseError as exc:
        return exc
    return ValueParseError(text, 1, [], None)  # pragma: no cover - text parsed after all


def _set(v: Value, **fields) -> Value:
    """Fill in fields of a value made during this call: frozen to every caller, but not yet
    shared, so setting them in place is safe and much faster than dataclasses.replace."""
    for name, x in fields.items():
        object.__setattr__(v, name, x)
    return v


def _parse_text(text: str) -> Value:
    prepared = prepare(text)
    if _USE_FAST_PATH:
        fast_path = _fast_path()
        fast = fast_path.match(prepared)
        if fast is not None:
            return fast
        # Prose the parser cannot begin is kept as text, what its failure below gives, without
        # it. Not a text that looks quantitative (≥abc, 5x%): the parser must fail on that one
        # itself, since its exception gives V211 the error's column and the expected tokens.
        if fast_path.fails_at_start(prepared) and not _looks_quantitative(prepared):
            return _qualitative(text)
    return _parsed(text, prepared)


@cache
def _fast_path():
    """The parser module's FastPath (get_fast_path, which builds it), looked up once: most cells
    are read by it alone, and importing it again for each (~1 µs a statement) cost a fifth of
    such a read. Imported here, not at the top: the parser module imports this package."""
    from checker.values.parser import get_fast_path

    return get_fast_path()


def _parsed(text: str, prepared: str) -> Value:
    """``text`` (``prepared``: as prepare made it) read by the LALR parser."""
    from lark.exceptions import UnexpectedInput

    from checker.values.parser import NotAValue, get_parser

    try:
        v = get_parser().parse(prepared)
    except NotAValue:
        return _qualitative(text)
    except UnexpectedInput as exc:
        if not _looks_quantitative(prepared):
            return _qualitative(text)
        raise _error(text, exc) from None
    if isinstance(v, Quantity) and v.unit is None and v.unit_in_value:
        hint = explain(text)
        if hint is not None:  # 9O%: the "unit" is a damaged number
            column = prepared.rfind(v.unit_in_value) + 1
            raise ValueParseError(text, column, ["单位 unit"], hint)
    return v


def _looks_quantitative(text: str) -> bool:
    """A comparator first, or a number with at most two CJK characters: the filer meant a
    number, so a failure is theirs to fix (V211); anything else is prose (qualitative)."""
    s = text.lstrip()
    if not s:
        return False
    if _CLOCK_TIME.match(s):
        return False  # 17:00前, 8:30之前: a time of day, not a ratio gone wrong
    if _CLASS_AFTER_COMPARATOR.match(s) or _WORDS_AFTER_COMPARATOR.match(s):
        # ≥Ⅲ类, ≥A级, ≤二级: a class or grade is compared, not a number; ≥良好, ≤市场价,
        # ≥合同约定: a bound in words, not a number lost (prose, not V211's error)
        return False
    if s[0] in _COMPARATOR_START:
        return True
    cjk = sum(1 for ch in s if "\u3400" <= ch <= "\u9fff")
    return s[0].isascii() and s[0].isdigit() and cjk <= 2


def _error(text: str, exc) -> ValueParseError:
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    from checker.values.hints import TERMINAL_NAMES

    if isinstance(exc, UnexpectedEOF):
        column, expected = len(text) + 1, exc.expected
    elif isinstance(exc, UnexpectedToken):
        at_end = exc.token.type == "$END" or exc.token.start_pos is None
        column = len(text) + 1 if at_end else exc.token.start_pos + 1
        expected = exc.expected
    elif isinstance(exc, UnexpectedCharacters):
        column, expected = exc.pos_in_stream + 1, exc.allowed or set()
    else:  # pragma: no cover - lark has no other kinds
        column, expected = 1, set()
    names = sorted({TERMINAL_NAMES.get(t, t) for t in expected if t not in ("WS", "SUBJECT")})
    return ValueParseError(text, column, names, explain(text))


def _qualitative(text: str) -> Qualitative:
    core = text.strip(" 。.，,；;！!")
    grade = core if core in _GRADES else None
    return Qualitative(text, text, grade)


def column_comparator(value_type: str) -> str | None:
    """The canonical comparator (=, ≥, ≤, >, <) a 指标值类型 cell names, or None: ≥, ≧, ⩾, >=,
    大于等于, 大于或等于, 不低于, ≥（大于等于） … (for layout code that must tell a type cell)."""
    return _column_comparator(value_type)


def _column_comparator(value_type: str) -> str | None:
    """The comparator a 指标值类型 cell names: ≥, >=, 大于等于 …; a glyph and its word together
    (≥（大于等于）, 大于等于(≥)) name it too. None for 定量, 定性 or anything else."""
    key = "".join(value_type.split())
    found = _COLUMN_CMP.get(key)
    if found is None and ("(" in key or "（" in key):
        parts = {_COLUMN_CMP.get(p) for p in re.split(r"[()（）]", key) if p}
        found = parts.pop() if len(parts) == 1 else None
    return found


def _with_column_unit(v: Quantity, text: str, unit_col: str, cmp_col: str | None) -> Value:
    """The split form (90 | % | ≥): read comparator, value and unit as one text, so it types
    exactly like the combined form (12 | 月 | ≤ → by December, as ≤12月 would)."""
    combined = None
    prefix = cmp_col if cmp_col and v.comparator is None else ""
    try:
        combined = _parse_text(prefix + text + "".join(unit_col.split()))
    except ValueParseError:
        pass
    if isinstance(combined, Quantity):
        if prefix:  # the comparator came from the column: say so (V206 looks at the column)
            combined = _set(combined, comparator=None, comparator_source=None, legacy_glyph=False)
        return _set(combined, unit_in_value="", unit_in_column=unit_col)
    if isinstance(combined, Range):
        return _set(combined, unit_in_value="", unit_in_column=unit_col)
    if isinstance(combined, (Date, Deadline, Period)):
        return combined
    from checker.values.parser import make_quantity

    notes = () if load_units().get(unit_col) else ("unknown_unit",)
    return make_quantity("", v.comparator, v.number, "", source=v.comparator_source,
                         legacy=v.legacy_glyph, approx=v.approx, subject=v.subject,
                         unit_in_column=unit_col, notes=notes)


def _note_units(v: Quantity | Range, unit_col: str) -> Value:
    units = load_units()
    in_value, in_col = units.get(v.unit_in_value), units.get(unit_col)
    if in_col is not None and _completed_by_column(v.unit_in_value, unit_col, in_value):
        # 1200万 | 万元, 12次 | 次/年: the value wrote part of the column's unit
        return _set(v, unit=in_col.name, unit_kind=in_col.kind, unit_in_value="",
                    unit_in_column=unit_col, notes=tuple(n for n in getattr(v, "notes", ())
                                                         if n != "unknown_unit"))
    notes = list(getattr(v, "notes", ()))
    raw_pair = {v.unit_in_value, unit_col}
    if in_value and in_col and in_value.name != in_col.name:
        notes.append("unit_conflict")
        if {in_value.name, in_col.name} == {"日", "工作日"}:
            notes.append("workday_vs_day")
    elif in_value and in_col and raw_pair == {"日", "天"}:
        notes.append("day_synonym")
    elif in_value is None or in_col is None:
        notes.append("unit_conflict" if v.unit_in_value != unit_col else "unknown_unit")
    if isinstance(v, Range):
        return _set(v, unit_in_column=unit_col)
    return _set(v, unit_in_column=unit_col, notes=tuple(notes))


def _completed_by_column(in_value: str, unit_col: str, known: Unit | None) -> bool:
    """The value's unit is a bare multiplier the column's unit begins with (1200万 | 万元,
    1.2亿 | 亿元), the numerator of the column's rate (12次 | 次/年, 10人次 | 人次/年), or the
    currency sign of a spreadsheet's money format (¥1,200.00 | 万元)."""
    written, col = "".join(in_value.split()), "".join(unit_col.split())
    if not written or written == col:
        return False
    if written in ("¥", "￥"):  # ¥1,200.00 | 万元: the currency format's sign, the column's unit
        column = load_units().get(col)
        return column is not None and column.kind == "money"
    if known is None:
        return written in _MULTIPLIERS and col.startswith(written)
    return col.startswith(written + "/")


def _with_column_comparator(v: Value, cmp_col: str, written: str) -> Value:
    legacy = written not in COMPARATORS
    if isinstance(v, Quantity):
        if v.comparator is None:
            return _set(v, comparator=cmp_col, comparator_source="column",
                           legacy_glyph=v.legacy_glyph or legacy)
        if v.comparator != cmp_col:
            return _set(v, notes=(*v.notes, "comparator_conflict"))
        return v
    if isinstance(v, (Change, Ratio)) and v.comparator is None and (
            not isinstance(v, Change) or v.amount is not None):
        return _set(v, comparator=cmp_col, comparator_source="column", legacy_glyph=legacy)
    if isinstance(v, Date) and cmp_col in ("≤", "<"):
        return Deadline("", v, cmp_col, False)
    return v


def _add_notes(v: Value, text: str) -> Value:
    if not isinstance(v, Quantity):
        return v
    notes = list(v.notes)
    if not text.isascii() and any("\uff10" <= ch <= "\uff5a" for ch in text):
        notes.append("fullwidth")
    if (v.unit == "%" and v.comparator is None and _OCR_LOW <= v.number < _OCR_HIGH
            and text.lstrip().startswith("2")):
        notes.append("ocr_ge_as_2")
    if v.unit is None and not v.unit_in_value and not v.unit_in_column:
        notes.append("unit_missing")
    if (v.unit == "%" and v.unit_in_column and not v.unit_in_value and 0 < v.number < 1
            and "." in text):
        notes.append("percent_as_fraction")  # 0.95 | %: a spreadsheet's 95% stored as a fraction?
    unit_raw = v.unit_in_value
    if v.unit is None and unit_raw:
        known = _known_prefix(unit_raw)
        if known is not None:
            v = _set(v, unit=known.name, unit_kind=known.kind)
            if known.kind == "time" and not isinstance(v, Duration):
                v = Duration(**{f: getattr(v, f) for f in v.__dataclass_fields__ if f != "kind"})
            notes.append("unit_with_text")
        elif "unknown_unit" not in notes:
            notes.append("unknown_unit")
    if len(notes) != len(v.notes):
        _set(v, notes=tuple(dict.fromkeys(notes)))
    return v


def _known_prefix(unit_raw: str) -> Unit | None:
    """The longest known unit that begins ``unit_raw`` (个乡镇 → 个), or None."""
    units = load_units()
    squeezed = "".join(unit_raw.split())
    # a unit is a few characters (元/人/月, μg/m³): longer starts need not be looked up
    for end in range(min(len(squeezed) - 1, _LONGEST_UNIT), 0, -1):
        if squeezed[end - 1].isascii() and squeezed[end - 1].isalpha() and squeezed[end].isascii() \
                and squeezed[end].isalpha():
            continue  # M of MVA is not 米: a Latin unit is one word
        unit = units.get(squeezed[:end])
        if unit is not None:
            return unit
    return None


# ------------------------------------------------------------------------------ rendering


# A number of months or quarters is written with 个: 12月 alone is December, 2季度 alone the second
# quarter (a period), where the value read was a duration (2季: two quarters).
_COUNTED = {"月": "个月", "季度": "个季度"}


def render(v: Value) -> str:
    """The canonical text of a value: canonical comparator glyph, ASCII number without
    thousands separators, canonical unit name; ``parse_value(render(v)) == v``."""
    if isinstance(v, Quantity):
        unit = v.unit or v.unit_in_value or v.unit_in_column or ""
        unit = _COUNTED.get(unit, unit)
        num = _num(v.number)
        if not unit and _YEAR_MONTH.fullmatch(num):
            # 2026.4 alone reads as April 2026: three decimals keep a number a number
            num = num + "0" * (3 - len(num.partition(".")[2]))
        return f"{v.comparator or ''}{'约' if v.approx else ''}{num}{unit}"
    if isinstance(v, Range):
        unit = v.unit or v.unit_in_value or ""
        unit = _COUNTED.get(unit, unit)
        # 2026-12 alone is December 2026: a range of those numbers is written with 至
        sep = "至" if not unit and _YEAR_MONTH_DASH.fullmatch(f"{_num(v.low)}-{_num(v.high)}") else "-"
        return f"{_num(v.low)}{unit}{sep}{_num(v.high)}{unit}"
    if isinstance(v, Date):
        return "、".join(_date(d) for d in (v, *v.others))
    if isinstance(v, Deadline):
        if v.date is None:
            return "年底前"
        if v.comparator == "<" or (v.date.year is None and v.date.day is None and not v.end_of):
            return f"{v.comparator}{_date(v.date)}"
        if v.end_of and v.date.fiscal and v.date.month is None:
            return f"{_date(v.date)}内"  # 2026年度内 (2026年度底前 is not written)
        return f"{_date(v.date)}{'底前' if v.end_of and v.date.day is None else '前'}"
    if isinstance(v, Period):
        return f"{_date(v.start)}至{_date(v.end)}"
    if isinstance(v, Periodicity):
        if v.times is None:
            return v.every if v.every in ("全年", "常年", "长期", "全天", "实时") else f"每{v.every}"
        span = v.every in ("全年", "常年", "长期", "全天", "实时")
        return f"{'' if span else '每'}{v.every}{_num(v.times)}次"
    if isinstance(v, Timeliness):
        return v.word
    if isinstance(v, Change):
        return _render_change(v)
    if isinstance(v, Ratio):
        return f"{v.comparator or ''}{':'.join(_num(t) for t in v.terms)}"
    return v.text


def _render_change(v: Change) -> str:
    """较上年增长10%, 同比下降≤5%, ≤上年: the baseline after 较 (同比/环比 stand alone)."""
    base = v.baseline if v.baseline in ("同比", "环比") or not v.baseline else f"较{v.baseline}"
    if v.direction is None:  # ≤上年; a year keeps its 较 (≤2025年 alone is a deadline)
        return f"{v.comparator or ''}{base if v.baseline[:1].isdigit() else v.baseline}"
    word = "增长" if v.direction == "up" else "下降"
    amount = render(v.amount) if v.amount is not None else ""
    return f"{base}{word}{v.comparator or ''}{amount}"


def _num(d: Decimal) -> str:
    s = format(d, "f")
    return s


def _date(d: Date) -> str:
    out = f"{d.year}年" if d.year is not None else ""
    if d.month is None:
        return out + ("度" if d.fiscal else "")
    out += f"{d.month}月"
    return out + (f"{d.day}日" if d.day else "")


# ------------------------------------------------------------------------------ money


def to_wan(q: Value) -> Decimal | None:
    """A money quantity's amount in 万元 (exact Decimal); None for anything else."""
    return _money(q, "万元")


def to_yuan(q: Value) -> Decimal | None:
    """A money quantity's amount in 元 (exact Decimal); None for anything else."""
    return _money(q, "元")


def _money(q: Value, to: str) -> Decimal | None:
    if not isinstance(q, Quantity) or q.unit_kind != "money" or q.unit is None:
        return None
    return load_units().convert(q.number, q.unit, to)
