"""Render a spreadsheet value the way Excel shows it, through the cell's number format.

A filer reads the displayed text, not the stored value: 0.95 under ``0%`` is "95%", 100000
under ``#,##0`` is "100,000", 3531.9300000000003 under ``0.00`` is "3531.93". The checker must
see what the filer sees, so every xlsx cell goes through ``render``.

Numbers go through ``Decimal`` (never float arithmetic): a float is first cut to the 15
significant digits Excel keeps, then rounded half away from zero to the format's decimals, as
Excel does. Currency symbols ($, ¥, [$¥-804]) are dropped: they carry nothing the rules need
and would hide the number from the money parser; quoted literals such as ``"万元"`` are kept.
Dates are written YYYY-MM-DD (plus HH:MM when a time is set) unless the format spells the date
with Chinese literals (``yyyy"年"m"月"d"日"``), which is then followed.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Characters that stand for digits in a number format.
_DIGITS = "0#?"
_CURRENCY = "$¥￥€£"
_CJK_DATE = re.compile("[年月日时分秒]")
_BRACKET = re.compile(r"\[[^\]]*\]")


def render(value: object, number_format: str | None = "General") -> str:
    """The text a cell shows: ``value`` (str, int, float, Decimal, bool, date/time or None)
    under ``number_format`` (Excel's format code; None means General). Never raises."""
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
    tokens = _tokenize(section)
    placeholders = [t for kind, t in tokens if kind == "num"]
    if not placeholders or section.strip().lower() in ("general", "@"):
        return _general(value)
    pattern = "".join(placeholders)
    if "E" in pattern.upper() or "/" in pattern:  # scientific and fractions: show the plain number
        return _general(value)
    percent = sum(1 for kind, _ in tokens if kind == "pct")
    d = to_decimal(value) * (Decimal(100) ** percent)
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
            j = i
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


def render_date(value: dt.date | dt.time, number_format: str) -> str:
    """A date/time as YYYY-MM-DD[ HH:MM[:SS]], or by the format when it uses 年/月/日."""
    if _CJK_DATE.search(_BRACKET.sub("", number_format)):
        text = _render_cjk_date(value, number_format)
        if text:
            return text
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M" if value.second == 0 else "%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    return value.strftime("%H:%M" if value.second == 0 else "%H:%M:%S")


_DATE_TOKEN = re.compile(r'"[^"]*"|\\.|yyyy|yy|mm|m|dd|d|hh|h|ss|s|.', re.IGNORECASE)


def _render_cjk_date(value: dt.date | dt.time, number_format: str) -> str:
    """Follow a format such as ``yyyy"年"m"月"d"日"``; empty when a part is missing."""
    out: list[str] = []
    after_hour = False
    for tok in _DATE_TOKEN.findall(_BRACKET.sub("", _first_section(number_format))):
        low = tok.lower()
        try:
            if tok.startswith('"'):
                out.append(tok[1:-1])
            elif tok.startswith("\\"):
                out.append(tok[1:])
            elif low in ("yyyy", "yy"):
                out.append(f"{value.year:04d}" if low == "yyyy" else f"{value.year % 100:02d}")
            elif low in ("mm", "m"):
                part = value.minute if after_hour else value.month
                out.append(f"{part:02d}" if low == "mm" else str(part))
            elif low in ("dd", "d"):
                out.append(f"{value.day:02d}" if low == "dd" else str(value.day))
            elif low in ("hh", "h"):
                after_hour = True
                out.append(f"{value.hour:02d}" if low == "hh" else str(value.hour))
            elif low in ("ss", "s"):
                out.append(f"{value.second:02d}" if low == "ss" else str(value.second))
            elif tok not in "_*":
                out.append(tok)
        except AttributeError:  # a date format applied to a time (or the reverse)
            return ""
    return "".join(out).strip()


def _render_timedelta(value: dt.timedelta) -> str:
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    h, rest = divmod(abs(seconds), 3600)
    return f"{sign}{h}:{rest // 60:02d}:{rest % 60:02d}"
