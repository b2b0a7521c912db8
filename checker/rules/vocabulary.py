"""The indicator-meaning vocabulary (rules/meaning.yaml): data the value kinds read beside the
units table, such as the bare multipliers (万, 亿) that mean money in a 成本指标 row.

One loader, schema-checked against rules/schema/meaning.schema.json; ``load_pack`` reports its
problems with the rule files' problems (file:line:col), so a broken file stops the run once.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
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
    from checker.rules.packcache import table

    if (data := table(rules_dir() / FILE)) is not None:
        return data
    from checker.rules.source import load_source

    problems = meaning_problems()
    if problems:
        raise RulePackError(problems)
    return load_source(rules_dir() / FILE).data or {}


def cost_money_unit(unit_written: str) -> str | None:
    """The money unit a bare multiplier stands for in a cost row (``亿`` → ``亿元``), or None."""
    return (load_meaning().get("cost_money_multipliers") or {}).get((unit_written or "").strip())


@lru_cache(maxsize=16384)  # keyed by indicator names: bounded, or a long batch of filings grows it for ever
def name_class(name: str) -> str | None:
    """The meaning class of an indicator name (``危房验收合格率`` → ``rate``, ``培训人数`` →
    ``people``): the class whose stem the name ends with (the longest such stem; a trailing
    bracket such as ``(%)`` is ignored), unless the name ends with one of the class's
    ``except`` words (频率 is no rate). None when no stem fits."""
    text = _strip_bracket(name.strip())
    stems, longest = _stem_index(load_meaning().get("classes") or {})
    # The longest stem the name ends with; of its classes, the first (in file order) whose except
    # words the name does not end with. A name is judged by every indicator check: one look-up
    # per suffix length, not one endswith per stem of every class.
    for n in range(min(len(text), longest), -1, -1):
        for cls, excepts in stems.get(text[len(text) - n:], ()):
            if not (excepts and text.endswith(excepts)):
                return cls
    return None


def _stem_index(classes: dict[str, Any]) -> tuple[dict[str, list[tuple[str, tuple[str, ...]]]], int]:
    """(stem → [(class, its except words)] in file order, the longest stem's length) of the
    classes of rules/meaning.yaml, made once per loaded vocabulary."""
    hit = _STEM_INDEX.get("classes")
    if hit is None or hit[0] is not classes:
        index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for cls, entry in classes.items():
            for stem in dict.fromkeys(entry.get("stems") or []):
                index.setdefault(stem, []).append((cls, tuple(entry.get("except") or [])))
        hit = _STEM_INDEX["classes"] = (classes, (index, max(map(len, index), default=0)))
    return hit[1]


_STEM_INDEX: dict[str, tuple] = {}


def class_entry(cls: str) -> dict[str, Any]:
    """The vocabulary entry of a meaning class ({} when unknown)."""
    return (load_meaning().get("classes") or {}).get(cls) or {}


def _strip_bracket(text: str) -> str:
    """``满意度(%)`` → ``满意度``: a unit or gloss in brackets at the end of a name."""
    for open_, close in (("(", ")"), ("（", "）")):
        if text.endswith(close) and open_ in text:
            return text[: text.rindex(open_)].strip()
    return text
