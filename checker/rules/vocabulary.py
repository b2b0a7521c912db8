"""The indicator-meaning vocabulary (rules/meaning.yaml): data the value kinds read beside the
units table, such as the bare multipliers (万, 亿) that mean money in a 成本指标 row.

One loader, schema-checked against rules/schema/meaning.schema.json; ``load_pack`` reports its
problems with the rule files' problems (file:line:col), so a broken file stops the run once.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from checker.errors import RulePackError
from checker.resources import rules_dir

FILE = "meaning.yaml"


def meaning_problems(path: Path | None = None) -> list[str]:
    """Every schema problem of the vocabulary file (``file:line:col: message``), or []."""
    from checker.rules.schema import validate
    from checker.rules.source import load_source

    src = load_source(path or rules_dir() / FILE)
    if not src.problems:
        schema = json.loads((rules_dir() / "schema" / "meaning.schema.json").read_text(encoding="utf-8"))
        validate(src, schema)
    return src.report()


@cache
def load_meaning() -> dict[str, Any]:
    """The vocabulary as a mapping (see rules/meaning.yaml). Raises RulePackError when the file
    is missing or breaks its schema."""
    from checker.rules.source import load_source

    problems = meaning_problems()
    if problems:
        raise RulePackError(problems)
    return load_source(rules_dir() / FILE).data or {}


def cost_money_unit(unit_written: str) -> str | None:
    """The money unit a bare multiplier stands for in a cost row (``亿`` → ``亿元``), or None."""
    return (load_meaning().get("cost_money_multipliers") or {}).get((unit_written or "").strip())
