"""The required checks (S101–S106) look a form's level-1 up in one index per form
(structure._rows_by_level1): the same hits as keying every row on every check."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.filing import form_from_dict
from checker.model import Filing
from checker.rules import load_pack
from checker.rules.engine import _context
from checker.rules.kinds._common import named, synonyms
from checker.rules.kinds.structure import _each_required, _unknown_left, _unplaced_under
from checker.rules.select import compiled, label_key, same_label
from checker.rules.kinds import Hit

_LEVEL1 = ["产出指标", "效益指标", "效果指标", "满意度指标", "成本指标", "", " ", "产出"]
_LEVEL2 = ["数量指标", "质量指标", "时效指标", "经济成本指标", "成本指标", "社会效益指标", "服务对象满意度", "时点指标", "", " "]
_ROWS = st.lists(st.tuples(st.sampled_from(_LEVEL1), st.sampled_from(_LEVEL2), st.sampled_from(["甲", "乙", "", "率"])),
                 max_size=10)


def _reference(form, wanted, o, syn):
    """S101–S106 as they were judged before the index: every row keyed on every check."""
    rows = named(form)
    keys = [label_key(i.level1, syn) if i.level1 else None for i in rows]
    wanted2 = o.get("level2")
    where = compiled(o.get("where"), syn)

    def level2_ok(level2):
        if not wanted2:
            return True
        empty, k2 = "" in wanted2, {label_key(w, syn) for w in wanted2 if w}
        return (empty and not level2.strip()) or (bool(level2) and label_key(level2, syn) in k2)

    for l1 in wanted:
        k1 = label_key(l1, syn)
        under = [i for i, k in zip(rows, keys) if k == k1]
        found = [i for i in under if (level2_ok(i.level2) or _unknown_left(i.level2, o)) and where(i)]
        if o.get("only_if_level1_filled") and not under:
            continue
        if len(found) < o.get("min", 1):
            first = next((i for i in form.indicators if same_label(i.level1, l1, syn)), None)
            doubt = "level_unread" if _unplaced_under(form, l1, o, syn) else None
            yield Hit(place=first.place if first else form.place, doubt=doubt,
                      data={"level1": l1, "level2": "、".join(x for x in o.get("level2") or [] if x),
                            "min": o.get("min", 1), "count": len(found)})


@settings(max_examples=150, deadline=None)
@given(rows=_ROWS)
def test_required_hits_are_those_of_keying_every_row(rows):
    pack = load_pack()
    form = form_from_dict({"kind": "project_target", "year": 2026, "indicators": [
        {"level1": l1, "level2": l2, "name": name, "value": "1"} for l1, l2, name in rows]}, "f")
    on = pack.on_day(date(2026, 1, 1))
    ctx = _context(pack, Filing("p", [form]), on, memo={})
    syn = synonyms(ctx)
    checks = [on.check(c) for r in pack.rules for c in r.checks if c.kind == "required"]
    assert len(checks) >= 7
    for check in checks + checks:  # the second round reads the index and the tests (_tests_of) the first made
        o = check.options
        assert list(_each_required(form, o["level1"], o, syn, ctx)) == list(_reference(form, o["level1"], o, syn))
