"""Rules as data: the engine, the closed set of rule kinds, the loader and waivers.

Interfaces (others code against these)::

    load_pack(profile=None, paths=None) -> RulePack     # raises RulePackError with every problem
    RulePack.rules: list[Rule]                            # code, severity, title, source, kind …
    RulePack.check(filing, *, as_of=None, select=None, ignore=None) -> list[Finding]
    load_waivers(path) -> Waivers
    apply_waivers(findings, waivers, today, filing=None) -> list[Finding]

Rule files live in rules/ (one per code, e.g. rules/S101.yaml); kinds in checker/rules/kinds/
(see that package's docstring to add one); docs/rules.md explains rule files to policy staff.
"""

from __future__ import annotations

from checker.rules.loader import load_pack
from checker.rules.pack import Check, Context, Parameter, ParameterError, Rule, RulePack
from checker.rules.waivers import Waivers, apply_waivers, load_waivers

__all__ = ["load_pack", "RulePack", "Rule", "Check", "Context", "Parameter", "ParameterError",
           "load_waivers", "apply_waivers", "Waivers"]
