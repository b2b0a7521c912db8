"""The units table (rules/units.yaml): canonical names, aliases, kinds and conversion factors.

Source: the 度量单位/计量单位 column of real target forms; policy teams extend the YAML file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from checker.errors import RulePackError

# Characters removed before a unit is looked up: export damage puts spaces inside units
# ("m ³ /d") and full-width slashes or middle dots between their parts.
# A unit with a bracketed gloss: 万元（人民币）, 百分比(%)
_BRACKETED = re.compile(r"([^()（）]+)[(（]([^()（）]+)[)）]")
# Words that only say what the bracketed unit measures: 金额（万元）, 比例(%)
_GLOSSES = {"金额", "比例", "比率", "数量", "面积", "长度", "时间", "人数", "资金", "单位"}
_UNIT_SQUEEZE = str.maketrans({" ": None, "\u3000": None, "\u00a0": None, "\t": None,
                               "／": "/", "÷": "/"})


@dataclass(frozen=True)
class Unit:
    """One unit: ``name`` canonical, ``kind`` (money, rate, area …), ``factor`` (Decimal) how
    many of ``base`` one of it is (元: factor 0.0001, base 万元)."""

    name: str
    kind: str
    factor: Decimal
    base: str


class UnitTable:
    """Lookup of units by any alias (㎡ = 平方米 = m², 日 = 天, M = 米 …).

    ``get(text)`` returns the Unit or None; compound units not listed (元/人/天) are composed
    from their parts: money/… is a ``price``, volume/time a ``flow``, else a ``ratio``.
    """

    def __init__(self, units: list[Unit], aliases: dict[str, str], kinds: dict[str, dict],
                 joiners: tuple[str, ...] = ("·",)):
        self.units = {u.name: u for u in units}
        self._alias = aliases
        self.kinds = kinds
        self._joiners = str.maketrans({j: "/" for j in joiners})

    def __contains__(self, text: str) -> bool:
        return self.get(text) is not None

    def spellings(self, name: str) -> list[str]:
        """Every spelling of the unit named ``name`` (its name and aliases, spaces removed);
        [] for an unknown name."""
        return [key for key, target in self._alias.items() if target == name]

    def get(self, text: str | None) -> Unit | None:
        """The unit written as ``text`` (spaces ignored), or None when unknown."""
        if not text:
            return None
        key = text.translate(_UNIT_SQUEEZE)
        if key[:1] in "(（" and key[-1:] in ")）":
            key = key[1:-1]  # 100（万元）: the unit in brackets, as a header writes it
        name = self._alias.get(key)
        if name is not None:
            return self.units[name]
        bracket = _BRACKETED.fullmatch(key)
        if bracket:  # 百分比(%), %（百分比）, 万元（人民币）: a unit and its gloss
            found = [self.get(p) for p in bracket.groups()]
            if found[0] is not None and (found[1] is None or found[1].kind == found[0].kind):
                return found[0]  # 个（座）: the unit, glossed by another of its kind
            if found[0] is None and found[1] is not None and bracket.group(1) in _GLOSSES:
                return found[1]
            return None
        if "/" in key:
            # 元/每株, 元/每人/每月: 每 after a slash repeats what the slash says
            # 元/人·年, 元/人*月: a joiner of units.yaml between the parts of a denominator
            return self._compose(key.replace("/每", "/").translate(self._joiners))
        return None

    def _compose(self, key: str) -> Unit | None:
        parts = [self.get(p) for p in key.split("/")]
        if not all(parts) or len(parts) < 2:
            return None
        head, rest = parts[0], parts[1:]
        name = "/".join(p.name for p in parts)
        if head.kind == "money":
            kind = "price"
        elif head.kind in ("volume", "mass") and rest[-1].kind == "time":
            kind = "flow"
        else:
            kind = "ratio"
        return Unit(name, kind, Decimal(1), name)

    def convert(self, amount: Decimal, unit: str, to: str) -> Decimal | None:
        """``amount`` in ``unit`` expressed in ``to``; None when they do not share a base."""
        a, b = self.get(unit), self.get(to)
        if a is None or b is None or a.kind != b.kind or a.base != b.base:
            return None
        result = amount * a.factor / b.factor
        # 1200 万元 → 12000000 元, not 1.200E+7: whole results are shown as whole numbers
        return result.quantize(Decimal(1)) if result == result.to_integral_value() else result


def _factor(text: object, where: str) -> Decimal:
    s = str(text).strip()
    try:
        if "/" in s:
            num, den = s.split("/", 1)
            return Decimal(num) / Decimal(den)
        return Decimal(s)
    except Exception:  # decimal.InvalidOperation, ValueError
        raise RulePackError([f"{where}: factor {text!r} is not a decimal number or a fraction like 2000/3"]) from None


def parse_table(data: dict, path: str = "units.yaml") -> UnitTable:
    """Build a UnitTable from the YAML mapping; all problems reported at once (RulePackError)."""
    problems: list[str] = []
    kinds = data.get("kinds") or {}
    units: list[Unit] = []
    aliases: dict[str, str] = {}
    for i, entry in enumerate(data.get("units") or [], 1):
        where = f"{path}: units[{i}]"
        name, kind = str(entry.get("name", "")), entry.get("kind")
        if not name or kind not in kinds:
            problems.append(f"{where}: needs a name and a kind among {sorted(kinds)}")
            continue
        base = str(entry.get("base") or kinds[kind].get("base") or name)
        try:
            units.append(Unit(name, kind, _factor(entry.get("factor", "1"), where), base))
        except RulePackError as exc:
            problems.extend(exc.problems)
            continue
        for spelling in [name, *[str(a) for a in entry.get("aliases") or []]]:
            key = spelling.translate(_UNIT_SQUEEZE)
            if aliases.get(key, name) != name:
                problems.append(f"{where}: alias {spelling!r} already names {aliases[key]!r}")
            aliases[key] = name
    joiners = data.get("joiners") or ["·"]
    if not all(isinstance(j, str) and len(j) == 1 and j != "/" for j in joiners):
        problems.append(f"{path}: joiners must be single characters other than '/'")
    if problems:
        raise RulePackError(problems)
    return UnitTable(units, aliases, kinds, tuple(joiners))


@cache
def load_units(path: str | None = None) -> UnitTable:
    """The units table from ``path`` (default: the shipped rules/units.yaml).

    Raises RulePackError when the file is missing or invalid.
    """
    import yaml  # imported here: the table is loaded once, and only when a unit is needed

    from checker.resources import rules_dir

    file = Path(path) if path else rules_dir() / "units.yaml"
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise RulePackError([f"{file}: cannot read the units table ({exc})"]) from None
    return parse_table(data or {}, str(file))
