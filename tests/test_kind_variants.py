"""Each rule kind declares the variants its hits carry, so that `rules validate` can refuse a rule
file's misspelled variant (issue 11). A variant a kind yields but does not declare would be refused
in every rule file that sets its message: this test keeps the declarations beside the code true."""

from __future__ import annotations

import inspect
import re

import pytest

from checker.rules.kinds import load_kinds

# variant="a", variant="a" if … else "b", hit.variant, hit.place = "a", …, hit.variant or "a"
_LITERAL = re.compile(r'\bvariant\b[^=\n"]*=\s*"(\w+)"\s+if\b[^\n]*?\belse\s+"(\w+)"'
                      r'|\bvariant\b[^=\n"]*=\s*"(\w+)"|\bvariant\s+or\s+"(\w+)"')


def _modules():
    by_module: dict = {}
    for k in load_kinds().values():
        by_module.setdefault(inspect.getmodule(k.func), []).append(k)
    return sorted(by_module.items(), key=lambda kv: kv[0].__name__)


@pytest.mark.parametrize("module,kinds", _modules(), ids=lambda v: getattr(v, "__name__", ""))
def test_every_variant_a_kind_module_yields_is_declared(module, kinds):
    source = inspect.getsource(module)
    yielded = {name for m in _LITERAL.finditer(source) for name in m.groups() if name}
    declared = set().union(*(k.variant_names({}) for k in kinds if not callable(k.variants)))
    assert yielded <= declared, f"{module.__name__}: undeclared variants {sorted(yielded - declared)}"


def test_a_literal_variant_is_found_by_the_scan():
    # the scan itself must see both shapes it relies on, or the test above could not fail
    text = 'variant="above" if x else "below"\nhit.variant, hit.place = "cut", p\nhit.variant = hit.variant or "project"'
    assert {n for m in _LITERAL.finditer(text) for n in m.groups() if n} == {"above", "below", "cut", "project"}
