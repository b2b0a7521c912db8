"""What a PDF may cost the PDF reader, and whether its text layer is text (issue 13).

The limits are the reader's own (checker.readers.pdf), so a PDF bomb never hangs a check:

- the page count the page tree declares, refused above ``MAX_PAGES`` before any page is built
  (``page_count``), and the pages actually walked cut at the same number by the reader;
- a compressed stream inflating past ``MAX_STREAM`` bytes (``bound_inflate``): pdfminer inflates
  FlateDecode streams whole, so a 20 KB stream of zeros could take gigabytes;
- the wall clock (``deadline``): ``TIME_LIMIT`` seconds to open the file and read its first page,
  ``PAGE_SECONDS`` more for each further page;
- a file cut off in the middle (``require_end``: no ``%%EOF`` at its end).

And the text layer: a font without a ToUnicode map gives glyph codes, not text (``Chars``,
``not_text``): above ``GARBLED_SHARE`` of such glyphs the PDF is reported, not checked.
Every refusal is an ``InputError`` of one line.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

from checker.errors import InputError

# pdfminer reads 3–7 dense form pages a second on a busy 2-core machine (benchmarks/pdf.py:
# 200 pages in 30–65 s, 80 MB peak): the time a PDF may take grows with its pages, three
# times what a slow page needs, so only a hostile or broken file reaches it.
MAX_PAGES = 500  # a form document is tens of pages; a budget disclosure a hundred or two
TIME_LIMIT = 60.0  # seconds to open a PDF and read its first page
PAGE_SECONDS = 1.0  # seconds more for each further page
GARBLED_SHARE = 0.3  # of the text's characters: above it the text layer is not text
GARBLED_MIN_CHARS = 20  # fewer characters prove nothing either way
MAX_STREAM = 64 << 20  # bytes one compressed stream may inflate to: a form page's is ~100 KB

GARBLED = ("PDF 的文字无法还原（字体缺少 ToUnicode 映射，得到的是乱码）；请向发布单位索取 Word/Excel 原件 / the PDF's "
           "text cannot be decoded (its font has no ToUnicode map: the text layer is garbage); ask the "
           "publisher for the Word or Excel file")
_CID = re.compile(r"^\(cid:\d+\)$")
# Latin-1 characters Chinese forms do use (° ± ² ³ µ · × ÷ ¥ § © ®); the rest of ¡–ÿ in a form's
# text layer is a subset font's byte codes read as WinAnsi.
_LATIN1_IN_FORMS = frozenset(map(ord, "°±²³µ·×÷¥§©®"))


def require_end(path: str) -> None:
    """Refuse a file cut off in the middle (a download that broke off): a PDF ends with
    ``%%EOF``; pdfminer would otherwise read the pages before the cut and check half a form."""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, 2)
            fh.seek(max(0, fh.tell() - 4096))
            tail = fh.read()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if b"%%EOF" not in tail:
        raise InputError(path, "PDF 文件不完整（缺少结尾标记 %%EOF，可能下载中断），请重新下载 / the PDF is truncated "
                               "(no %%EOF end marker: a download cut off?); download it again")


class Inflated(BaseException):
    """A stream inflating past MAX_STREAM (BaseException: pdfminer's handlers let it through)."""


class BoundedZlib:
    """zlib for pdfminer's FlateDecode with the output bounded by MAX_STREAM: a 100 KB stream of
    zeros inflating to gigabytes is refused before it is held in memory."""

    def __getattr__(self, name: str):
        import zlib

        return getattr(zlib, name)

    @staticmethod
    def decompress(data: bytes, *args) -> bytes:
        import zlib

        d = zlib.decompressobj()
        out = d.decompress(data, MAX_STREAM + 1)
        if len(out) > MAX_STREAM:
            raise Inflated
        return out + d.flush()


def bound_inflate() -> None:
    """Route pdfminer's FlateDecode through BoundedZlib (only pdfminer's module binding changes;
    idempotent, so concurrent reads are alike)."""
    from pdfminer import pdftypes

    if not isinstance(pdftypes.zlib, BoundedZlib):
        pdftypes.zlib = BoundedZlib()


class Timeout(BaseException):
    """Raised inside pdfminer when a PDF takes too long (BaseException: no library's
    ``except Exception`` swallows it)."""


class Clock:
    """The read's deadline: ``seconds`` from now, moved on by ``extend``. A timer signal in the
    main thread interrupts even a single hostile page; elsewhere (a server's worker thread)
    ``check`` between pages does. A timer the caller set (a per-file limit) is kept: the sooner
    one fires, and the caller's goes on afterwards with what is left of it (``release``)."""

    def __init__(self, seconds: float):
        self.start = time.monotonic()
        self.end = self.start + seconds
        self.armed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
        self.outer, self.previous = (0.0, 0.0), None
        if self.armed:
            self.outer = signal.getitimer(signal.ITIMER_REAL)
            self.previous = signal.signal(signal.SIGALRM, self._alarm)
            self._arm()

    @staticmethod
    def _alarm(_signum, _frame):
        raise Timeout

    def _arm(self) -> None:
        if self.armed:
            end = min(self.end, self.start + self.outer[0]) if self.outer[0] else self.end
            signal.setitimer(signal.ITIMER_REAL, max(end - time.monotonic(), 0.001))

    def extend(self, seconds: float) -> None:
        self.end += seconds
        self._arm()

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise Timeout

    @property
    def limit(self) -> float:
        return self.end - self.start

    def release(self) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
            if self.outer[0]:  # at once if it is spent
                left = self.outer[0] - (time.monotonic() - self.start)
                signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), self.outer[1])


@contextmanager
def deadline(path: str, seconds: float):
    """A ``Clock`` of ``seconds`` for the read. Raises InputError on time-out, and on a stream
    inflating past MAX_STREAM."""
    clock = Clock(seconds)
    try:
        yield clock
    except Timeout:
        limit = clock.limit
        raise InputError(path, f"读取超过 {limit:.0f} 秒，已停止（文件损坏或结构异常）/ reading took longer than "
                               f"{limit:.0f} s and was stopped (the PDF is damaged or built to be hostile)") from None
    except Inflated:
        raise InputError(path, f"PDF 中的压缩数据解压后超过 {MAX_STREAM >> 20} MB（压缩炸弹），已停止 / a compressed "
                               f"stream inflates to more than {MAX_STREAM >> 20} MB (a decompression bomb); reading "
                               "stopped") from None
    finally:
        clock.release()


def page_count(path: str, pdf) -> int:
    """The page count the page tree declares, refused above MAX_PAGES before any page is built."""
    from pdfminer.pdftypes import resolve1

    try:
        declared = int(resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count", 0)))
    except (AttributeError, TypeError, ValueError):
        declared = 0  # no usable count: the page tree is walked, under the time limit
    if declared > MAX_PAGES:
        raise InputError(path, f"PDF 有 {declared} 页，超过可检查的 {MAX_PAGES} 页；请拆分后再检查 / the PDF has "
                               f"{declared} pages, more than the {MAX_PAGES} the checker reads; split it")
    return declared


@dataclass
class Chars:
    """The glyphs of the pages read so far: how many, and how many are not text (``not_text``)."""

    total: int = 0
    bad: int = 0

    def count(self, page_chars: list[dict]) -> None:
        """Add a page's characters (pdfplumber's char dicts; blanks are not counted)."""
        for ch in page_chars:
            text = ch.get("text", "")
            if text and not text.isspace():
                self.total += 1
                self.bad += not_text(text)

    def garbled(self, at_least: int = GARBLED_MIN_CHARS) -> bool:
        """True when, over at least ``at_least`` characters, more than GARBLED_SHARE are not text."""
        return self.total >= at_least and self.bad > GARBLED_SHARE * self.total


def not_text(text: str) -> bool:
    """A glyph whose text is no character a form is written in: pdfminer's (cid:N) (no map at
    all), U+FFFD, private use, a rare ideograph (CJK Extension A and beyond, compatibility
    ideographs), or an accented Latin letter or C1 control (a subset font's byte codes read as
    WinAnsi: ¸Ã×Ó) — what a font's codes give when read as if they were Unicode or standard CIDs.
    A real form has a handful of those in a person's or place's name, far below GARBLED_SHARE."""
    if _CID.match(text):
        return True
    cp = ord(text[0])
    return (cp == 0xFFFD or 0xE000 <= cp <= 0xFAFF or 0x3400 <= cp <= 0x4DBF  # PUA, compat, Ext A
            or cp >= 0x20000  # Ext B and beyond, supplementary private use
            or 0x80 <= cp <= 0x9F  # C1 controls: byte codes of a subset font read as Latin-1
            or (0xA1 <= cp <= 0xFF and cp not in _LATIN1_IN_FORMS))  # ¡–ÿ: ¸Ã×Ó …
