"""Which forms a rule is for, by what the form says of itself (``applies_to.when`` of a rule file).

A provincial policy team writes, for instance, "可持续影响指标 is required of project forms with a
budget of 500万元 or more"::

    applies_to:
      forms: [project_target]
      when: {budget: {min: 500, unit: 万元}}

Tests (all must hold): ``budget`` (min / max / gt / lt, after converting the form's 资金总额 to
``unit``, default 万元; a form whose budget was not read is not judged), ``project_type`` (a word of
its 项目类别/项目属性), ``region`` (a word in its title, name or units), ``framework`` (the
rules/taxonomy.yaml framework its level-1s are written on), ``header_contains`` (header key →
words). Values may be ``{param: NAME}`` (dated parameters), resolved before the test.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from checker.layout.labels import normalize
from checker.model import Form
from checker.rules.money import TO_WAN  # the one 元/万元/亿元 table of the rules

_NAME_KEYS = ("project_name", "department_name", "competent_department", "implementing_unit")


def unmet(form: Form, when: dict[str, Any] | None) -> str | None:
    """None when ``form`` meets every test of ``when`` (parameters already resolved), else the
    first test it fails, in words (for ``checker rules explain``)."""
    for key, want in (when or {}).items():
        reason = _TESTS[key](form, want)
        if reason:
            return reason
    return None


def _budget(form: Form, want: dict) -> str | None:
    money = form.budget
    if money is None:
        return "budget not read"
    unit = want.get("unit", "万元")
    amount = money.in_wan() / TO_WAN[unit]
    for op, test in (("min", amount.__ge__), ("max", amount.__le__), ("gt", amount.__gt__), ("lt", amount.__lt__)):
        if op in want and not test(Decimal(str(want[op]))):
            return f"budget {amount.normalize():f} {unit} fails {op} {want[op]}"
    return None


def _project_type(form: Form, words: list[str]) -> str | None:
    field = form.header.get("project_type")
    text = normalize(field.raw) if field else ""
    return None if any(w in text for w in words) else f"project type {text or '(not read)'} is none of {'、'.join(words)}"


def _region(form: Form, words: list[str]) -> str | None:
    texts = [form.title] + [form.header[k].raw for k in _NAME_KEYS if k in form.header]
    return None if any(w in normalize(t) for t in texts for w in words) else f"no region word {'、'.join(words)}"


def _framework(form: Form, ids: list[str]) -> str | None:
    from checker.rules.kinds.structure import form_framework

    fw = form_framework(form)
    have = [f.id for f in fw.frameworks]
    return None if not fw.mixed and set(have) & set(ids) else f"framework {'、'.join(have)} is none of {'、'.join(ids)}"


def _header_contains(form: Form, want: dict[str, list[str]]) -> str | None:
    for key, words in want.items():
        field = form.header.get(key)
        if field is None or not any(w in normalize(field.raw) for w in words):
            return f"header {key} does not contain {'、'.join(words)}"
    return None


_TESTS = {"budget": _budget, "project_type": _project_type, "region": _region, "framework": _framework,
          "header_contains": _header_contains}
