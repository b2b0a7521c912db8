"""Label normalisation shared by the layout modules.

PDF and Word exports break labels with spaces and line breaks (``度量 单位``, ``经济成本指 标``,
``全年  预算数``) and mix full-width and half-width punctuation; labels are compared only after
``normalize``.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CJK = r"\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
# The second branch starts only where a whitespace run starts: tried inside a long run it rescans
# the rest of the run at every position (quadratic: minutes for one cell of 50,000 spaces). Any
# match it could make inside a run it makes from the run's start, so the result is the same.
_SPACE_IN_CJK = re.compile(rf"(?<=[{_CJK}])[\s\u00a0\u3000]+|(?<![\s\u00a0\u3000])[\s\u00a0\u3000]+(?=[{_CJK}])")
# A required-field mark before a label (``*年度总体绩效目标``, ``＊指标值``): templates star the cells
# a filer must fill; the star is not part of the label. Only before a CJK character, so a value
# placeholder (``**``, ``*5``) is left alone.
_REQUIRED_MARK = re.compile(rf"^[*＊]+\s*(?=[{_CJK}])")
# A merged cell's label spread over its width and exported with "?" for the padding
# (``绩?????? 效?????? 目?????? 标``): runs of two or more "?" between CJK characters are no text.
_PADDING = re.compile(rf"(?<=[{_CJK}])[\s\u00a0]*\?{{2,}}[\s\u00a0?]*(?=[{_CJK}])")
_FULLWIDTH = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "；": ";", "　": " "})
# The same map as (full-width, half-width) pairs, replaced one after the other where present:
# str.translate with a dict looks up every character of a CJK text (a sentence of a thousand
# characters for one comma), each str.replace is a fast scan for one character (15x faster).
_FULLWIDTH_PAIRS = tuple((chr(wide), narrow) for wide, narrow in _FULLWIDTH.items())
# Whether a text holds a blank to squeeze: most cell texts hold none, and a search for one
# character class costs a fraction of the look-around scans.
_ANY_SPACE = re.compile(r"[\s\u00a0\u3000]")
# Whether ``normalize`` may change a text at all: a blank (strip, squeeze; \s is str.isspace,
# \u00a0 and \u3000 among them), a full-width mark it translates, "?" (padding), "*"/"＊" (a
# required-field mark) or ":" (a trailing colon). Nine in ten of the texts a file brings are
# none of these (cell texts without a blank or a bracket): those are their own normal form, one
# search instead of two searches, a squeeze (remembered) and three passes of sub and strip.
_MAY_CHANGE = re.compile("[\\s?*＊:" + "".join(chr(c) for c in _FULLWIDTH) + "]")


@lru_cache(maxsize=65536)  # pure str -> str, called millions of times on the same labels
def squeeze_cjk(text: str) -> str:
    """Remove whitespace next to a CJK character ("污泥处理效率，节约 财政资金" → "…节约财政资金")
    and trim the ends; whitespace between two Latin words or numbers stays."""
    return _SPACE_IN_CJK.sub("", text).strip() if _ANY_SPACE.search(text) else text


# squeeze_cjk by another name (it is remembered itself): a second cache in front of it only
# stored every text twice and cost a second miss on each new one.
squeezed = squeeze_cjk


def _halfwidth(text: str) -> str:
    """``text.translate(_FULLWIDTH)``: its full-width brackets, colons, commas, semicolons and
    ideographic spaces made half-width (a one-to-one map, none of its results mapped again)."""
    for wide, narrow in _FULLWIDTH_PAIRS:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


@lru_cache(maxsize=16384)
def compact(text: str) -> str:
    """``normalize`` with every space removed, remembered: the key labels are compared by."""
    return normalize(text).replace(" ", "")


@lru_cache(maxsize=65536)  # pure str -> str: rules and layout normalise the same labels per form
def normalize(text: str) -> str:
    """A label in comparable form: CJK spaces removed, full-width brackets, colons and commas
    made half-width, a leading required-field mark ``*``, "?" padding runs and a trailing colon
    dropped. Remembered: the layout asks for the same cell's label in many places (a table's
    header is normalised by the segmenter, the header reader, the table and the rules), and the
    work is done once per text (over the seeds and corpus, 82,093 calls for 18,681 texts).
    ``"年度预算 申请（万元）："`` → ``"年度预算申请(万元)"``, ``"*年度总体绩效目标"`` → ``"年度总体绩效目标"``."""
    if not _MAY_CHANGE.search(text):
        return text
    t = _halfwidth(text)
    t = squeeze_cjk(_PADDING.sub("", t) if "?" in t else t)  # padding is a run of two or more "?"
    return _REQUIRED_MARK.sub("", t).rstrip(":").strip()
