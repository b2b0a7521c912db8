"""Where the shipped data lives: rules/ and grammar/.

In a wheel they are installed as ``checker/_data/rules`` and ``checker/_data/grammar``
(pyproject.toml force-include); in a source checkout or an editable install they are the
top-level ``rules/`` and ``grammar/`` folders beside ``checker/``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder ``rules`` or ``grammar``. Raises FileNotFoundError if neither place has it."""
    for candidate in (_PKG / "_data" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"checker data folder {name!r} is missing from the installation")


def rules_dir() -> Path:
    """The baseline rule pack folder (YAML rule files, units table, schemas, profiles/)."""
    return data_dir("rules")


def grammar_dir() -> Path:
    """The folder of .lark grammars."""
    return data_dir("grammar")
