"""S104 (structure.taxonomy) looks an indicator's level-2 cell up only for a pair it judges: the same hits, at the same places, as making
every row's place first."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.filing import form_from_dict
from checker.model import Filing
from checker.rules import load_pack
from checker.rules.engine import _context
from checker.rules.kinds import Hit
from checker.rules.kinds._common import cell, synonyms
from checker.rules.kinds.structure import _other_framework, _taxonomy_keys, form_framework, taxonomy
from checker.rules.select import label_keys

# Spellings that key alike (指标 dropped, synonyms, spaces) and pairs of every variant.
_LEVEL1 = ["产出指标", "产出", "效益指标", "效果指标", "满意度指标", "成本指标", "某某指标", "", " "]
_LEVEL2 = ["数量指标", "数量", "质量指标", "社会效益指标", "社会效益", "服务对象满意度", "经济成本指标",
           "成本指标", "项目效益", "时点指标", "", " "]
_PAIRS = st.lists(st.tuples(st.sampled_from(_LEVEL1), st.sampled_from(_LEVEL2)), max_size=8)


def _reference(check, form, ctx):
    """taxonomy() on a default-framework form as it was: each row's place made first."""
    syn = synonyms(ctx)
    children, names = _taxonomy_keys(ctx.taxonomy, syn)
    seen = set()
    pairs = [(g.level1, g.level2, g.place) for g in form.level2_groups]
    pairs += [(i.level1, i.level2, cell(i, "level2")) for i in form.indicators]
    key = label_keys(syn)
    for l1, l2, place in pairs:
        k1, k2 = key(l1), key(l2)
        if not l2.strip() or (k1, k2) in seen:
            continue
        seen.add((k1, k2))
        if k1 == k2 and check.options.get("allow_same_as_level1", True):
            continue
        if k1 not in children:
            if l1.strip():
                yield Hit(place=place, variant="unknown_level1", data={"level1": l1, "level2": l2})
            continue
        if k2 in children[k1]:
            continue
        parents = [names[p] for p, kids in children.items() if k2 in kids]
        other = _other_framework(l1, l2)
        if parents:
            yield Hit(place=place, variant="wrong_parent", data={"level1": l1, "level2": l2, "parent": "、".join(parents)})
        elif other:
            yield Hit(place=place, variant="other_framework", data={"level1": l1, "level2": l2, "framework": other})
        else:
            yield Hit(place=place, variant="unknown", data={"level1": l1, "level2": l2,
                                                            "allowed": "、".join(ctx.taxonomy["children"][names[k1]])})


@settings(max_examples=200, deadline=None)
@given(groups=_PAIRS, rows=_PAIRS)
def test_taxonomy_hits_are_those_of_every_row_with_its_place(groups, rows):
    pack = load_pack()
    form = form_from_dict({"kind": "project_target", "year": 2026,
                           "level2_groups": [{"level1": a, "level2": b, "count": 1, "place": {"line": 100 + n}}
                                             for n, (a, b) in enumerate(groups)],
                           "indicators": [{"level1": a, "level2": b, "name": f"指标{n}", "value": "1", "place": {"line": 200 + n},
                                           "cell_places": {"level2": {"line": 200 + n, "column": 2}}}
                                          for n, (a, b) in enumerate(rows)]}, "f")
    on = pack.on_day(date(2026, 1, 1))
    ctx = _context(pack, Filing("p", [form]), on, memo={})
    if not form_framework(form, ctx).is_default:
        return  # judged by framework_level2, unchanged
    checks = [on.check(c) for r in pack.rules for c in r.checks if c.kind == "taxonomy"]
    assert checks
    for check in checks:
        got = [(h.place, h.variant, h.data) for h in taxonomy(check, form, ctx)]
        assert got == [(h.place, h.variant, h.data) for h in _reference(check, form, ctx)]
