"""The grammar file and its parser: named terminals, the LALR cache and its fallbacks."""

import os
import stat

import pytest
from lark import Lark

from checker.resources import grammar_dir
from checker.values import parse_value
from checker.values.parser import _cache_file, build_parser, grammar_text


def test_grammar_builds_as_lalr_without_conflicts():
    parser = Lark(grammar_text(), parser="lalr", lexer="contextual")
    names = {t.name for t in parser.terminals}
    assert not [n for n in names if n.startswith("__ANON")]  # errors name real tokens
    assert {"GE", "LE", "EQ", "GT", "LT", "NUMBER", "UNIT", "DATE_CN", "SUBJECT"} <= names


def test_whitespace_covers_full_width_and_no_break_spaces():
    assert parse_value("\u3000≥\u00a095 %\u3000").number == 95


def test_cache_lives_outside_the_package(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = _cache_file()
    assert path and path.startswith(str(tmp_path))
    assert not path.startswith(str(grammar_dir().parent / "checker"))


def test_cache_is_written_once_and_reused(tmp_path, monkeypatch):
    # The speed it buys is measured in benchmarks/values.py, not here: a timed assertion fails on
    # a loaded machine. Here: the second build loads the cache; it would rewrite it after a rebuild.
    import checker.values.parser as parser_module

    cache = str(tmp_path / "indicator.lark.cache")
    build_parser(cache=cache)
    assert os.path.getsize(cache) > 0

    def rewrite(*args, **kwargs):
        raise AssertionError("the grammar was built again instead of loaded from the cache")

    monkeypatch.setattr(parser_module.usercache, "write_atomic", rewrite)
    assert build_parser(cache=cache).parse("≥95%").number == 95


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_cache_dir_falls_back_silently(monkeypatch, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(locked))
    assert _cache_file() != str(locked / "checker" / "indicator.lark.cache")


def test_corrupt_cache_file_is_ignored(tmp_path):
    cache = tmp_path / "indicator.lark.cache"
    cache.write_bytes(b"not a cache")
    assert build_parser(cache=str(cache)).parse("≤10日").number == 10


def test_cache_in_missing_folder_is_ignored(tmp_path):
    cache = tmp_path / "no" / "such" / "dir" / "x.cache"
    assert build_parser(cache=str(cache)).parse("及时").word == "及时"
