"""Traditional characters and pinyin glosses, normalised for reading (issue 9 part 3).

Mirror sites republish forms converted to traditional characters, some with the pinyin of every
converted character in brackets after it (shared/corpus 09, 14, 28):
``績(jī)效目標(biāo)表`` reads as 绩效目标表. The layout's vocabulary is simplified, so such text
is read through a normalised copy of each line — OpenCC ``t2s`` and the glosses dropped — while
every cell's place still points at the original characters and the original text is kept on the
cell (``Cell.raw``) for messages.

Only a document whose CJK characters are traditional in a clear share (``TRADITIONAL_SHARE``) is
converted: a simplified form is never touched (t2s would rewrite a few simplified characters
that are also traditional ones, 著 → 着 in some phrases). Glosses are dropped only where the
document shows them (``MIN_GLOSSES`` tone-marked ones), so ``长度(km)`` stays as it is.
"""

from __future__ import annotations

import copy
import operator
import re
from dataclasses import dataclass
from functools import cache

from checker.model import Cell, Place, Row

TRADITIONAL_SHARE = 0.04  # of CJK characters that t2s changes; simplified forms show ~0
MIN_TRADITIONAL = 5  # characters, so that one stray 著 or 乾 never converts a page
MIN_GLOSSES = 3  # tone-marked glosses before any bracketed syllable is taken for one

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_LETTERS = f"a-zü{_TONED}"
# A pinyin syllable: an optional initial, then a vowel; at most 6 letters (zhuang, xiang).
_SYLLABLE = f"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouü{_TONED}][{_LETTERS}]{{0,4}}"
# Compiled on first use: a CJK class costs ~2 ms to compile, and most texts have no gloss.
_GLOSS = f"(?<=[\u3400-\u9fff])\\((?:{_SYLLABLE})\\)"
# A gloss the page cut off at the line's end: 補(b, 生態(t
_CUT_GLOSS = f"(?<=[\u3400-\u9fff])\\([{_LETTERS}]{{0,6}}$"
_TONED_GLOSS = f"(?<=[\u3400-\u9fff])\\([{_LETTERS}]*[{_TONED}][{_LETTERS}]*\\)"
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")


@dataclass(frozen=True)
class Reading:
    """One line as read: ``text`` (simplified, glosses dropped) and ``cols``, for each character
    of ``text`` the 0-based index of the character it came from in ``original``; ``cols`` has
    one more entry, the original line's length, for an end position."""

    text: str
    cols: tuple[int, ...]
    original: str

    def column(self, col: int) -> int:
        """The original 1-based column of the 1-based reading column ``col``."""
        i = min(max(col - 1, 0), len(self.text))
        return self.cols[i] + 1

    def end_column(self, end: int) -> int:
        """The original exclusive end column of the reading's exclusive end column ``end``
        (just after the original of the reading's last character)."""
        i = min(end - 1, len(self.text))
        return self.cols[0] + 1 if i <= 0 else self.cols[i - 1] + 2


@cache
def _converter():
    """OpenCC's traditional-to-simplified converter, or None when opencc is not installed.
    Its config named by path where it is found (the one t2s_changeable.py was checked against):
    by name, OpenCC would take a t2s.json of the current folder first."""
    try:
        import opencc
    except ImportError:  # pragma: no cover - a declared dependency; read as written without it
        return None
    from checker.readers.t2s_gen import share_dir

    share = share_dir()
    return opencc.OpenCC(str(share / "t2s.json") if share is not None else "t2s")


def _to_simplified(text: str) -> str:
    conv = _converter()
    if conv is None or not text:
        return text
    out = conv.convert(text)
    # Phrase conversion keeps lengths in t2s; where it would not, convert character by character
    # so that every character keeps its place.
    return out if len(out) == len(text) else "".join(conv.convert(ch) or ch for ch in text)


def is_traditional(lines: list[str]) -> bool:
    """True when a clear share of the CJK characters of ``lines`` are traditional-only."""
    text = "".join(lines)
    if not _may_be_traditional(text):
        return False
    cjk = "".join(_CJK_RUN.findall(text))  # runs, not characters: a 256 KB form, 8 -> 1.5 ms
    if not cjk:
        return False
    changed = _differences(cjk, _to_simplified(cjk))
    return _enough(changed, len(cjk))


def _enough(changed: int, cjk: int) -> bool:
    """Do ``changed`` of ``cjk`` CJK characters make a text traditional? (At least
    ``MIN_TRADITIONAL`` and ``TRADITIONAL_SHARE`` of them.)"""
    return changed >= MIN_TRADITIONAL and changed >= TRADITIONAL_SHARE * cjk


def _may_be_traditional(text: str) -> bool:
    """False when t2s cannot change enough of ``text``'s CJK characters for ``is_traditional``:
    the characters it can change at all (t2s_changeable.py, from OpenCC's dictionaries) bound
    the count it changes. A simplified form holds a handful (seed 003: 10 of 71,162), so the
    conversion and the CJK count are skipped (seed 003 3.0 -> 0.4 ms). True (convert and count)
    when the installed OpenCC's dictionaries are not those the table was written from."""
    changeable = _changeable()
    if changeable is None:
        return True
    bound = len(changeable.findall(text))
    if not _enough(bound, 0):
        return False
    seen = 0  # CJK characters, counted until the bound is under their share
    for run in _CJK_RUN.finditer(text):
        seen += run.end() - run.start()
        if not _enough(bound, seen):
            return False
    return True


@cache
def _changeable() -> re.Pattern | None:
    """A pattern of the characters t2s can change, or None when the installed OpenCC's t2s
    dictionaries are not those t2s_changeable.py was written from (the table could miss a new
    entry's characters). Once per process: the check reads ~95 KB and does not import opencc;
    the pattern compiles in ~3.5 ms."""
    from checker.readers import t2s_changeable, t2s_gen

    share = t2s_gen.share_dir()
    try:
        if share is None or t2s_gen.fingerprint(share) != t2s_changeable.FINGERPRINT:
            return None
    except (OSError, ValueError, KeyError):  # an unreadable or odd config: convert as before
        return None
    return re.compile(f"[{t2s_changeable.CHANGEABLE}]")


_CHUNK = 1024


def _differences(before: str, after: str) -> int:
    """The number of positions where two strings of one length differ. Chunks that are equal
    (all of a simplified form's) are compared in C; only the others character by character."""
    changed = 0
    for i in range(0, len(before), _CHUNK):
        a, b = before[i:i + _CHUNK], after[i:i + _CHUNK]
        if a != b:
            changed += sum(map(operator.ne, a, b))
    return changed


def has_glosses(lines: list[str]) -> bool:
    """True when the text carries pinyin glosses after its characters (績(jī)效)."""
    text = "".join(lines)
    # No tone mark at all: no gloss (and no pattern to compile). A search per mark: each is a
    # scan in C, three times quicker than a class's test at every character (seed 003: 0.32 ->
    # 0.12 ms of its read)
    if not any(mark in text for mark in _TONED):
        return False
    return sum(len(re.findall(_TONED_GLOSS, ln)) for ln in lines) >= MIN_GLOSSES


def read_lines(lines: list[str]) -> list[Reading] | None:
    """Each line as read (see module doc), or None when the text is neither traditional nor
    glossed, so that the caller reads it as it is."""
    glossed, traditional = has_glosses(lines), is_traditional(lines)
    if not (glossed or traditional):
        return None
    return [_read_line(ln, glossed, traditional) for ln in lines]


def _read_line(line: str, glossed: bool, traditional: bool) -> Reading:
    keep = list(range(len(line)))
    if glossed:
        dropped: set[int] = set()
        for m in [*re.finditer(_GLOSS, line), *re.finditer(_CUT_GLOSS, line)]:
            dropped.update(range(m.start(), m.end()))
        keep = [i for i in keep if i not in dropped]
    text = "".join(line[i] for i in keep)
    if traditional:
        text = _to_simplified(text)
    return Reading(text=text, cols=(*keep, len(line)), original=line)


def restore_places(rows: list[Row], readings: list[Reading]) -> list[Row]:
    """``rows`` read from the ``readings`` with every place put back on the original characters,
    each cell's original text on ``Cell.raw`` and each row's original line(s) on ``Row.raw``."""
    return [_restore_row(row, readings) for row in rows]


def _restore_row(row: Row, readings: list[Reading]) -> Row:
    cells = [_restore_cell(c, readings) for c in row.cells]
    lines = [c.place.line for c in row.cells if c.place.line] + [c.place.end_line for c in row.cells if c.place.end_line]
    first, last = (min(lines), max(lines)) if lines else (row.place.line, row.place.line)
    raw = row.raw
    if first is not None and 1 <= first <= len(readings):
        raw = "\n".join(readings[i - 1].original for i in range(first, min(last or first, len(readings)) + 1))
    restored = copy.copy(row)  # a run-on row keeps its class and its doubts
    restored.cells, restored.raw = cells, raw
    return restored


def _restore_cell(cell: Cell, readings: list[Reading]) -> Cell:
    p = cell.place
    if p.line is None or p.column is None or not 1 <= p.line <= len(readings):
        return cell
    start = readings[p.line - 1]
    column = start.column(p.column)
    end_line = p.end_line or p.line
    end_column = p.end_column
    if end_line == p.line and end_column == p.column:
        end_column = column  # an empty cell stays empty
    elif end_column is not None and 1 <= end_line <= len(readings):
        end_column = readings[end_line - 1].end_column(end_column)
    if end_line == p.line and end_column is not None:
        raw = start.original[column - 1:end_column - 1]
    else:
        raw = start.original[column - 1:]
    place = Place(line=p.line, column=column, end_line=p.end_line, end_column=end_column)
    return Cell(text=cell.text, place=place, raw=raw)
