"""Render a spreadsheet value the way Excel shows it, through the cell's number format.

A filer reads the displayed text, not the stored value: 0.95 under ``0%`` is "95%", 100000
under ``#,##0`` is "100,000", 3531.9300000000003 under ``0.00`` is "3531.93". The checker must
see what the filer sees, so every xlsx cell goes through ``render``.

Numbers go through ``Decimal`` (never float arithmetic): a float is first cut to the 15
significant digits Excel keeps, then rounded half away from zero to the format's decimals, as
Excel does. Currency symbols ($, ¥, [$¥-804]) are dropped: they carry nothing the rules need
and would hide the number from the money parser; quoted literals such as ``"万元"`` are kept.
Dates are written YYYY-MM-DD (plus HH:MM when a time is set) unless the format spells the date
with Chinese literals (``yyyy"年"m"月"d"日"``), which is then followed. A bare serial number under
a date or time format (openpyxl leaves one when it does not know the format, e.g. the zh-CN
built-in ids 27–58 that WPS and Chinese Excel write undefined) is turned into that date: 45657
under ``yyyy-mm-dd`` is "2024-12-31", which the value grammar reads as a date.

A number whose format section is empty (``;;;``, the zero section of ``0;-0;;@``) is shown by
Excel as nothing, and read as nothing. Where Excel's display would hide the number from the
parsers, the stored number is shown instead: a scientific format (``0.00E+00``: 1.20E+07) or a fraction shows the plain number
(12000000), and a negative number is written with a minus, never in the brackets of an
accounting format ((1,200.00) is -1,200.00). General never switches to scientific notation
(Excel shows 1.23457E+11 for 123456789012; the filer typed all the digits).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Characters that stand for digits in a number format.
_DIGITS = "0#?"
_CURRENCY = "$¥￥€£"
_CURRENCY_WORDS = {"", "$", "¥", "￥", "€", "£", "US$", "RMB", "CNY"}
_CJK_DATE = re.compile("[年月日时分秒]")
# General as a part of a custom format; zh-CN Excel and WPS spell it G/通用格式 (G/通用格式"万元").
_GENERAL = re.compile("General|G/通用格式", re.IGNORECASE)
_BRACKET = re.compile(r"\[[^\]]*\]")


def render(value: object, number_format: str | None = "General", *, date1904: bool = False) -> str:
    """The text a cell shows: ``value`` (str, int, float, Decimal, bool, date/time or None)
    under ``number_format`` (Excel's format code; None means General); ``date1904`` for a
    workbook that counts days from 1904 (old Mac Excel). Never raises."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return render_date(value, number_format or "General")
    if isinstance(value, dt.timedelta):
        return _render_timedelta(value)
    if isinstance(value, (int, float, Decimal)):
        try:
            if _hidden(value, number_format or "General"):
                return ""
            when = serial_date(value, number_format or "General", date1904=date1904)
            if when is not None:
                return render_date(when, number_format or "General")
            return render_number(value, number_format or "General")
        except (InvalidOperation, ValueError, OverflowError):
            return _general(value)
    return str(value)


# --------------------------------------------------------------------------- numbers


def to_decimal(value: int | float | Decimal) -> Decimal:
    """A stored number as Decimal, cut to Excel's 15 significant digits (no float noise)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(format(value, ".15g"))


def _general(value: int | float | Decimal) -> str:
    try:
        d = to_decimal(value)
    except (InvalidOperation, ValueError, OverflowError):
        return str(value)
    if not d.is_finite():
        return str(value)
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def render_number(value: int | float | Decimal, number_format: str) -> str:
    """A number under a number format (first section only; a negative keeps its minus)."""
    section = _first_section(number_format)
    if _GENERAL.search(_BRACKET.sub("", section)):  # General with literals: G/通用格式"万元"
        return _with_general(value, section)
    tokens = _tokenize(section)
    placeholders = [t for kind, t in tokens if kind == "num"]
    if not placeholders or section.strip().lower() in ("general", "@"):
        return _general(value)
    pattern = "".join(placeholders)
    if "E" in pattern.upper() or "/" in pattern:  # scientific and fractions: show the plain number
        return _general(value)
    percent = sum(1 for kind, _ in tokens if kind == "pct")
    d = to_decimal(value) * (Decimal(100) ** percent)
    int_pattern = pattern.partition(".")[0]
    thousands = len(int_pattern) - len(int_pattern.rstrip(","))
    d = d.scaleb(-3 * thousands)  # #,##0, shows thousands: 12345 is "12"
    number = _format_digits(d, pattern)
    before, after, seen = [], [], False
    for kind, text in tokens:
        if kind == "num":
            seen = True
        elif not seen:
            before.append(text)
        else:
            after.append(text)
    return ("".join(before) + number + "".join(after)).strip()


def _with_general(value: int | float | Decimal, section: str) -> str:
    """A General number inside the literals of its section (1500 under G/通用格式"万元" is
    "1500万元"); a negative keeps its minus."""
    parts = _GENERAL.split(_BRACKET.sub("", section), maxsplit=1)
    lits = ["".join(text for kind, text in _tokenize(part) if kind == "lit") for part in parts]
    return (lits[0] + _general(value) + (lits[1] if len(parts) > 1 else "")).strip()


def _format_digits(d: Decimal, pattern: str) -> str:
    """``d`` laid out by a digit pattern such as ``#,##0.00`` or ``000``."""
    int_part, _, frac_part = pattern.partition(".")
    decimals = sum(1 for ch in frac_part if ch in _DIGITS)
    grouping = "," in int_part.rstrip(",")  # trailing commas scale by 1000: not grouping
    min_int = int_part.count("0")
    q = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if q < 0 else ""
    text = format(abs(q), f"{',' if grouping else ''}.{decimals}f")
    whole, _, frac = text.partition(".")
    if whole == "0" and min_int == 0:
        whole = ""
    elif min_int > 1 and not grouping:
        whole = whole.zfill(min_int)
    out = whole + ("." + frac if decimals else "")
    if sign and any(ch not in "0.," for ch in out):
        out = sign + out
    return out


def _sections(number_format: str) -> list[str]:
    """The format's sections, split at unquoted ';' (positive; negative; zero; text)."""
    out, start, in_quote = [], 0, False
    for i, ch in enumerate(number_format):
        if ch == '"':
            in_quote = not in_quote
        elif ch == ";" and not in_quote:
            out.append(number_format[start:i])
            start = i + 1
    return out + [number_format[start:]]


def _hidden(value: int | float | Decimal, number_format: str) -> bool:
    """True when the section for ``value`` is empty: Excel shows nothing (;;; hides a helper
    value, 0;-0;;@ hides zeros), and neither does the reader."""
    if ";" not in number_format:  # one section: every number is shown
        return False
    sections = _sections(number_format)
    if len(sections) < 3:  # "0.00;" is not known to hide negatives: the number is shown
        return len(sections) == 2 and not "".join(sections).strip()
    d = to_decimal(value)
    index = 2 if d == 0 and len(sections) > 2 else 1 if d < 0 else 0
    return not sections[index].strip()


def _first_section(number_format: str) -> str:
    """The format section for positive numbers (sections are split by unquoted ';')."""
    in_quote = False
    for i, ch in enumerate(number_format):
        if ch == '"':
            in_quote = not in_quote
        elif ch == ";" and not in_quote:
            return number_format[:i]
    return number_format


def _tokenize(section: str) -> list[tuple[str, str]]:
    """Split a format section into ``("num", digits-pattern)`` and ``("lit", text)`` tokens.

    An unquoted ``%`` is a ``("pct", "%")`` token. Brackets ([Red], [$¥-804], [DBNum1]), padding (``_x``), fill (``*x``) and currency
    symbols are dropped; quoted text and backslash-escaped characters are literals.
    """
    section = _BRACKET.sub("", section)
    tokens: list[tuple[str, str]] = []
    i, n = 0, len(section)
    while i < n:
        ch = section[i]
        if ch == '"':
            j = section.find('"', i + 1)
            j = n if j < 0 else j
            if section[i + 1 : j].strip() not in _CURRENCY_WORDS:  # "¥" as a literal: dropped too
                tokens.append(("lit", section[i + 1 : j]))
            i = j + 1
        elif ch == "\\" and i + 1 < n:
            tokens.append(("lit", section[i + 1]))
            i += 2
        elif ch in "_*":
            i += 2
        elif ch in _DIGITS or (ch in ".," and _digit_near(section, i)) or (
            ch in "Ee" and i + 1 < n and section[i + 1] in "+-"
        ):
            j = i + 1  # past the first character: an E with its sign (E-万) must not stall the loop
            while j < n and (section[j] in _DIGITS + ".,/" or (section[j] in "Ee+-" and j > i)):
                j += 1
            tokens.append(("num", section[i:j]))
            i = j
        elif ch in _CURRENCY:
            i += 1
        elif ch == "%":  # an unquoted % scales by 100; a quoted "%" is only shown
            tokens.append(("pct", "%"))
            i += 1
        else:
            tokens.append(("lit", ch))
            i += 1
    return _merge_numbers(tokens)


def _digit_near(section: str, i: int) -> bool:
    return any(0 <= k < len(section) and section[k] in _DIGITS for k in (i - 1, i + 1))


def _merge_numbers(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Keep one number token: later digit runs (rare) join the first one."""
    out: list[tuple[str, str]] = []
    first = None
    for kind, text in tokens:
        if kind == "num":
            if first is None:
                first = len(out)
                out.append((kind, text))
            else:
                out[first] = ("num", out[first][1] + text)
        else:
            out.append((kind, text))
    return out


# --------------------------------------------------------------------------- dates

# A format is a date/time format when, outside quotes, brackets and escapes, it uses the date
# letters y m d h s (or e, the era year of zh-CN formats); "General" and "@" use none.
_QUOTED = re.compile(r'"[^"]*"|\\.|_.|\*.')
_DATE_LETTERS = re.compile(r"[ymdhse]", re.IGNORECASE)
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # serial 1 is 1900-01-01 past Excel's false 1900-02-29


@lru_cache(maxsize=512)  # a workbook uses a handful of formats over many cells
def is_date_format(number_format: str) -> bool:
    """True when ``number_format`` (its first section) lays a number out as a date or time."""
    section = _QUOTED.sub("", _first_section(number_format or ""))
    elapsed = re.search(r"\[(h+|m+|s+)\]", section, re.IGNORECASE)
    section = _GENERAL.sub("", _BRACKET.sub("", section))
    return bool(elapsed) or bool(_DATE_LETTERS.search(re.sub("[Ee][+-]", "", section)))


def serial_date(value: int | float | Decimal, number_format: str, *,
                date1904: bool = False) -> dt.datetime | dt.time | dt.timedelta | None:
    """The date a serial number stands for under a date/time format (45657 → 2024-12-31;
    0.5 under h:mm → 12:00; [h]:mm → a duration), or None when the format is no date format
    or the serial is out of Excel's range (the number is then shown as it is)."""
    if isinstance(value, bool) or not is_date_format(number_format):
        return None
    try:
        days = to_decimal(value)
        if not days.is_finite() or days < 0 or days >= 2958466:  # 9999-12-31 is Excel's last day
            return None
        if re.search(r"\[(h+|m+|s+)\]", number_format or "", re.IGNORECASE):
            return dt.timedelta(seconds=round(float(days) * 86400))
        moment = _EXCEL_EPOCH + dt.timedelta(seconds=round(float(days) * 86400))
    except (InvalidOperation, ValueError, OverflowError):
        return None
    if days < 1:  # a time of day alone (0.5 is 12:00)
        return moment.time()
    if date1904:  # day 0 is 1904-01-01
        return moment + (dt.datetime(1904, 1, 1) - _EXCEL_EPOCH)
    if days < 61:  # Excel counts a 1900-02-29 that never was: serials before it are one day later
        moment += dt.timedelta(days=1)
    return moment


def render_date(value: dt.date | dt.time | dt.timedelta, number_format: str) -> str:
    """A date/time as YYYY-MM-DD[ HH:MM[:SS]], or by the format when it uses 年/月/日.

    A datetime under a format that shows only the date (or only the time) is shown so
    (45657.375 under yyyy-mm-dd is "2024-12-31"); General shows whatever is set."""
    if isinstance(value, dt.timedelta):
        return _render_timedelta(value)
    if _CJK_DATE.search(_BRACKET.sub("", _QUOTED.sub(_keep_quoted, number_format))):
        text = _render_cjk_date(value, number_format)
        if text:
            return text
    if isinstance(value, dt.datetime) and is_date_format(number_format):
        shown = _BRACKET.sub("", _QUOTED.sub("", _first_section(number_format))).lower()
        if not re.search("[hs]", shown):
            return value.strftime("%Y-%m-%d")
        if not re.search("[yd]", shown):
            value = value.time()
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M" if value.second == 0 else "%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    return value.strftime("%H:%M" if value.second == 0 else "%H:%M:%S")


_DATE_TOKEN = re.compile(r'"[^"]*"|\\.|上午/下午|AM/PM|A/P|yyyy|yy|e|mm|m|dd|d|hh|h|ss|s|.', re.IGNORECASE)


def _keep_quoted(match: re.Match) -> str:
    """Quoted text stays (年/月/日 literals make a Chinese date); padding and escapes go."""
    return match.group(0) if match.group(0).startswith('"') else ""


def _render_cjk_date(value: dt.date | dt.time, number_format: str) -> str:
    """Follow a format such as ``yyyy"年"m"月"d"日"`` or ``上午/下午h"时"mm"分"``; empty when a
    part is missing (a date format applied to a time, or the reverse)."""
    section = _BRACKET.sub("", _first_section(number_format))
    tokens = _DATE_TOKEN.findall(re.sub(r"[_*].", "", section))
    twelve = any(t.lower() in ("上午/下午", "am/pm", "a/p") for t in tokens)
    out: list[str] = []
    after_hour = False
    for tok in tokens:
        try:
            out.append(_date_part(tok, value, after_hour, twelve))
        except AttributeError:
            return ""
        after_hour = after_hour or tok.lower() in ("hh", "h")
    return "".join(out).strip()


def _date_part(tok: str, value: dt.date | dt.time, after_hour: bool, twelve: bool) -> str:
    """One token of a date format shown for ``value`` (AttributeError when it lacks the part)."""
    low = tok.lower()
    if tok.startswith('"'):
        return tok[1:-1]
    if tok.startswith("\\"):
        return tok[1:]
    if low in ("yyyy", "e"):
        return f"{value.year:04d}"
    if low == "yy":
        return f"{value.year % 100:02d}"
    if low in ("mm", "m"):
        part = value.minute if after_hour else value.month
        return f"{part:02d}" if low == "mm" else str(part)
    if low in ("dd", "d"):
        return f"{value.day:02d}" if low == "dd" else str(value.day)
    if low in ("hh", "h"):
        hour = (value.hour % 12 or 12) if twelve else value.hour
        return f"{hour:02d}" if low == "hh" else str(hour)
    if low in ("ss", "s"):
        return f"{value.second:02d}" if low == "ss" else str(value.second)
    if low in ("上午/下午", "am/pm", "a/p"):
        morning = value.hour < 12
        return {"上午/下午": ("上午", "下午"), "am/pm": ("AM", "PM"), "a/p": ("A", "P")}[low][0 if morning else 1]
    return tok


def _render_timedelta(value: dt.timedelta) -> str:
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    h, rest = divmod(abs(seconds), 3600)
    return f"{sign}{h}:{rest // 60:02d}:{rest % 60:02d}"
