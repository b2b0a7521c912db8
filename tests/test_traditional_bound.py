"""The bound behind the traditional-character test's shortcut (checker/readers/traditional.py
``_may_be_traditional``): t2s changes only characters of checker/readers/t2s_changeable.py, so a
text holding too few of them is simplified without converting it.

The table is written by checker/readers/t2s_gen.py from the installed OpenCC's dictionaries; the
first test writes it again and fails when the stored one differs. Written from other dictionaries
(an OpenCC release since), it is not used and the tests that hold it to them skip, saying so:
``python -m checker.readers.t2s_gen`` writes it again.
"""

from __future__ import annotations

import random
import shutil
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.readers import t2s_changeable, t2s_gen, traditional
from checker.readers.traditional import _CJK_RUN, _to_simplified, is_traditional

opencc = pytest.importorskip("opencc")
CHANGEABLE = set(t2s_changeable.CHANGEABLE)


SHARE = t2s_gen.share_dir()
# The table is used only with the dictionaries it was written from; after an OpenCC upgrade the
# reader converts every text as before (correct, without the shortcut) until it is written again.
try:
    CURRENT = SHARE is not None and t2s_gen.fingerprint(SHARE) == t2s_changeable.FINGERPRINT
except OSError:  # a dictionary that cannot be read: the reader does without the table too
    CURRENT = False
STALE = "the table was written from other OpenCC dictionaries (not used): python -m checker.readers.t2s_gen"
if SHARE is not None and not CURRENT:  # the shortcut is off: say so where -q shows it
    warnings.warn(STALE, stacklevel=1)


def _tool_present() -> bool:
    return SHARE is not None and (SHARE.parents[1] / "bin" / "opencc_dict").exists()


@pytest.mark.skipif(not _tool_present(), reason="this OpenCC install has no opencc_dict tool")
@pytest.mark.skipif(not CURRENT, reason=STALE)
def test_the_table_is_what_the_installed_opencc_gives():
    chars = t2s_gen.changeable(SHARE)
    # the release it names is what wrote it (a later release with the same dictionaries uses it too)
    written = t2s_gen.render(chars, t2s_changeable.OPENCC_VERSION, t2s_gen.fingerprint(SHARE))
    assert t2s_gen.TARGET.read_text(encoding="utf-8") == written


@pytest.mark.skipif(SHARE is None, reason="this OpenCC install keeps t2s.json elsewhere: the table is not used")
@pytest.mark.skipif(not CURRENT, reason=STALE)
def test_the_converter_reads_the_dictionaries_the_table_was_written_from():
    assert traditional._changeable() is not None
    assert Path(traditional._converter().config) == SHARE / "t2s.json"


@pytest.mark.skipif(SHARE is None, reason="this OpenCC install keeps t2s.json elsewhere")
def test_a_t2s_json_in_the_working_folder_is_not_taken(tmp_path, monkeypatch):
    # another config under t2s's name (s2t: simplified to traditional) where the check runs:
    # by name, OpenCC took it first (and failed on its missing dictionaries)
    shutil.copy(SHARE / "s2t.json", tmp_path / "t2s.json")
    monkeypatch.chdir(tmp_path)
    traditional._converter.cache_clear()
    try:
        assert traditional._to_simplified("績效目標表") == "绩效目标表"
    finally:
        traditional._converter.cache_clear()


def test_other_dictionaries_are_converted_as_before(monkeypatch):
    # a table written from other dictionaries bounds nothing: every text is converted and counted
    monkeypatch.setattr(t2s_changeable, "FINGERPRINT", "0" * 64)
    traditional._changeable.cache_clear()
    try:
        assert traditional._changeable() is None
        lines = ["績標項產質" + "绩效目标表" * 24]
        assert traditional._may_be_traditional("绩效目标表") and is_traditional(lines)
    finally:
        traditional._changeable.cache_clear()


@pytest.mark.skipif(not CURRENT, reason=STALE)
def test_every_character_t2s_changes_alone_is_in_the_table():
    converter = traditional._converter()
    missed = [chr(c) for c in range(0x3400, 0xA000) if converter.convert(chr(c)) != chr(c) and chr(c) not in CHANGEABLE]
    assert missed == []


def _reference(lines: list[str]) -> bool:
    """is_traditional as it was before the shortcut: convert every CJK character and count."""
    cjk = "".join(_CJK_RUN.findall("".join(lines)))
    changed = sum(a != b for a, b in zip(cjk, _to_simplified(cjk)))
    return bool(cjk) and changed >= traditional.MIN_TRADITIONAL and changed >= traditional.TRADITIONAL_SHARE * len(cjk)


# Simplified text, traditional-only characters, and characters of the table that t2s keeps in
# some phrases (著作, 乾坤) or that are simplified too (么, 坏, 覆): the count near the threshold.
_SIMPLIFIED = list("绩效目标表项目产出指标数量质量时效成本满意度的和在年元万")
_TRADITIONAL = list("績標項產質滿時數萬這個們")
_AMBIGUOUS = ["著", "著作", "乾坤", "乾", "么", "坏", "覆盖", "后", "干"]


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 400), st.integers(0, 30), st.integers(0, 10), st.integers(1, 5), st.randoms(use_true_random=False))
def test_the_shortcut_answers_as_the_full_count(n_simplified, n_traditional, n_ambiguous, n_lines, rnd: random.Random):
    parts = ([rnd.choice(_SIMPLIFIED) for _ in range(n_simplified)] + [rnd.choice(_TRADITIONAL) for _ in range(n_traditional)]
             + [rnd.choice(_AMBIGUOUS) for _ in range(n_ambiguous)] + [rnd.choice(["a", "90", " | ", "\t", "%"]) for _ in range(20)])
    rnd.shuffle(parts)
    size = -(-len(parts) // n_lines)
    lines = ["".join(parts[i:i + size]) for i in range(0, len(parts), size)]
    assert is_traditional(lines) == _reference(lines)


def test_a_form_at_the_threshold():
    # 5 of 125 CJK characters traditional: 4%, converted; one simplified character more and it is not
    lines = ["績標項產質" + "绩效目标表" * 24]
    assert is_traditional(lines) and _reference(lines)
    lines = ["績標項產質" + "绩效目标表" * 24 + "的"]
    assert not is_traditional(lines) and not _reference(lines)
