"""Rules as data: the engine, the closed set of rule kinds, the loader and waivers.

Interfaces (others code against these)::

    load_pack(profile=None, paths=None, fresh=False) -> RulePack  # raises RulePackError with every problem
    RulePack.rules: list[Rule]                            # code, severity, title, source, kind …
    RulePack.check(filing, *, as_of=None, select=None, ignore=None) -> list[Finding]
    load_waivers(path) -> Waivers
    apply_waivers(findings, waivers, today, filing=None) -> list[Finding]

Rule files live in rules/ (one per code, e.g. rules/S101.yaml); kinds in checker/rules/kinds/
(see that package's docstring to add one); docs/rules.md explains rule files to policy staff.

Importing this package is cheap: the loader (YAML, jsonschema, the formula grammar) and the
waivers are imported only when a pack must be built or waivers read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.rules.pack import Check, Context, Parameter, ParameterError, Rule, RulePack

__all__ = ["load_pack", "RulePack", "Rule", "Check", "Context", "Parameter", "ParameterError",
           "load_waivers", "apply_waivers", "Waivers"]


def load_pack(profile: str | None = None, paths: list[Path] | None = None, *, fresh: bool = False) -> RulePack:
    """The baseline pack (or the rule files/folders in ``paths``) with ``profile`` overlaid,
    validated. The baseline pack of a profile comes from the per-user cache when one was built
    from the same bytes (checker/rules/packcache.py); ``paths`` or ``fresh`` (``checker rules
    validate``/``test``) always build and validate every file. Raises RulePackError listing
    every problem of every file."""
    from checker.rules import packcache

    if paths is None and not fresh:
        pack = packcache.load(profile)
        if pack is not None:
            return pack
    from checker.rules.loader import build_pack

    pack, read = build_pack(profile, paths)
    tables = packcache.read_tables()
    packcache.remember_tables(tables)
    if paths is None:
        packcache.store(profile, pack, read, tables)
    return pack


def __getattr__(name: str) -> Any:
    # Waivers load YAML: imported on first use, not with the package.
    if name in ("load_waivers", "apply_waivers", "Waivers"):
        from checker.rules import waivers

        return getattr(waivers, name)
    raise AttributeError(f"module 'checker.rules' has no attribute {name!r}")
