"""The template and document grouping's shortcuts (issue 14, sixth round) fold what the plain
computation folds: group_template_findings builds a finding's key only where its rule found
something in enough forms of the kind, and a per_document key reads only the placeholders it
compares, not every value a message could use."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.model import Finding, Form, Place
from checker.report import grouping
from checker.report.grouping import group_document_findings, group_template_findings
from checker.report.summary import place_key


def reference_template(findings, forms, *, min_share=1.0, min_forms=2):
    """group_template_findings as it was: every finding of a form keyed."""
    kind_of = {form.id: form.kind for form in forms}
    forms_per_kind: dict[str, int] = {}
    for form in forms:
        forms_per_kind[form.kind] = forms_per_kind.get(form.kind, 0) + 1
    members: dict[tuple, list[Finding]] = {}
    for finding in findings:
        kind = kind_of.get(finding.form or "")
        if kind is not None and finding.count == 1:
            members.setdefault((kind, grouping._key(finding)), []).append(finding)
    grouped, dropped = {}, set()
    for (kind, _), group in members.items():
        form_ids = list(dict.fromkeys(f.form for f in group))
        if len(form_ids) < min_forms or len(form_ids) < min_share * forms_per_kind[kind]:
            continue
        first = min(group, key=lambda f: place_key(f.place))
        grouped[id(group[0])] = grouping._merge(first, group, form_ids)
        dropped.update(id(f) for f in group)
    return [grouped.get(id(f), f) for f in findings if id(f) in grouped or id(f) not in dropped]


def _values(finding):
    values = dict(zip(("level1", "level2", "name"), list(finding.indicator or [])))
    values.update({k: str(v) for k, v in finding.data.items() if isinstance(v, (str, int))})
    return values


def reference_document(findings, *, min_forms=3):
    """group_document_findings as it was: each key and list read from the dict of every value."""
    from checker.rules.engine import render

    def key(f):
        templates = f.per_document or {}
        split = sorted(n for n in grouping._fields(templates)
                       if n not in ("forms", "findings") and not n.endswith("_list"))
        values = _values(f)
        return (f.code, f.severity, f.waived, tuple(sorted(templates.items())), tuple(values.get(n, "") for n in split))

    members: dict[tuple, list[Finding]] = {}
    for f in findings:
        if f.per_document and f.form and f.count == 1:
            members.setdefault(key(f), []).append(f)
    grouped, dropped = {}, set()
    for group in members.values():
        form_ids = list(dict.fromkeys(f.form for f in group))
        if len(form_ids) < min_forms:
            continue
        ordered = sorted(group, key=lambda f: place_key(f.place))
        first = ordered[0]
        values = dict(_values(first))
        values.update(forms=len(form_ids), findings=len(group))
        for name in grouping._fields(first.per_document):
            if name.endswith("_list"):
                values[name] = "、".join(dict.fromkeys(v for v in (_values(f).get(name[:-5], "") for f in ordered) if v))
        data = {**first.data, "forms": form_ids, "places": [f.place.short() for f in ordered],
                "places_zh": [f.place.short("zh") for f in ordered],
                "messages": [f.text("zh") for f in ordered], "messages_en": [f.text("en") for f in ordered]}
        grouped[id(group[0])] = replace(first, form=None, indicator=None, count=len(form_ids), data=data, row_text="",
                                        message={lang: render(t, values) for lang, t in first.per_document.items()})
        dropped.update(id(f) for f in group)
    return [grouped.get(id(f), f) for f in findings if id(f) in grouped or id(f) not in dropped]


KINDS = ["project_target", "department_target"]
TEMPLATES = [
    None,
    {"zh": "{forms} 张表留空 {findings} 行（{level2_list}）", "en": "{findings} rows in {forms} forms ({level2_list})"},
    {"zh": "{forms} 张表的“{level1}”全部定性", "en": "'{level1}' in {forms} forms"},
    {"en": "{name} {count} {unit}", "zh": "{name}：{count}{unit}"},
]


@st.composite
def findings_in_forms(draw):
    forms = [Form(id=f"f#{i}", kind=draw(st.sampled_from(KINDS)), title="表", place=Place(i * 100 + 1, 1))
             for i in range(draw(st.integers(1, 6)))]
    level = st.sampled_from(["产出指标", "效益指标", "数量指标", "成本指标"])
    data_value = st.one_of(st.none(), st.booleans(), st.integers(0, 3), level, st.just(["x"]))
    findings = [
        Finding(draw(st.sampled_from(["S103", "S107", "V209"])), draw(st.sampled_from(["error", "info"])),
                draw(st.sampled_from([{"zh": "缺少", "en": "missing"}, {"en": "missing", "zh": "缺少"}, {"zh": "不可衡量"}])),
                form=draw(st.sampled_from([f.id for f in forms] + [None])),
                indicator=draw(st.one_of(st.none(), st.lists(level, max_size=4))),
                place=Place(draw(st.integers(1, 700)), 1),
                data=draw(st.dictionaries(st.sampled_from(["level1", "level2", "name", "count", "unit"]), data_value,
                                          max_size=3)),
                waived=draw(st.booleans()), count=draw(st.sampled_from([1, 1, 1, 2])),
                per_document=draw(st.sampled_from(TEMPLATES)))
        for _ in range(draw(st.integers(0, 16)))
    ]
    return findings, forms


@settings(max_examples=300, deadline=None)
@given(findings_in_forms(), st.sampled_from([1.0, 0.5]), st.integers(1, 3))
def test_template_grouping_folds_what_keying_every_finding_folds(case, min_share, min_forms):
    findings, forms = case
    got = group_template_findings(findings, forms, min_share=min_share, min_forms=min_forms)
    assert got == reference_template(findings, forms, min_share=min_share, min_forms=min_forms)
    assert [id(f) for f in got if f.count == 1 and f.form] == [id(f) for f in reference_template(
        findings, forms, min_share=min_share, min_forms=min_forms) if f.count == 1 and f.form]


@settings(max_examples=300, deadline=None)
@given(findings_in_forms(), st.integers(1, 3))
def test_document_grouping_folds_what_the_dict_of_every_value_folds(case, min_forms):
    findings, _ = case
    assert group_document_findings(findings, min_forms=min_forms) == reference_document(findings, min_forms=min_forms)


def test_a_rule_found_in_too_few_forms_of_a_kind_is_not_keyed(monkeypatch):
    """The template grouping keys only the findings of a rule that stands in every form of a kind."""
    forms = [Form(id=f"f#{i}", kind="project_target", title="表", place=Place(i, 1)) for i in range(3)]
    everywhere = [Finding("S103", "error", {"zh": "缺少"}, form=f.id, place=Place(i, 2)) for i, f in enumerate(forms)]
    once = Finding("V209", "error", {"zh": "定性"}, form="f#1", place=Place(9, 1))
    keyed = []
    real = grouping._key
    monkeypatch.setattr(grouping, "_key", lambda f: keyed.append(f.code) or real(f))
    out = group_template_findings([*everywhere, once], forms)
    assert keyed == ["S103"] * 3
    assert [(f.code, f.count) for f in out] == [("S103", 3), ("V209", 1)]
