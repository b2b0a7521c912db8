"""Template-level deviations: one finding for the document instead of one per form.

A county's template can put 成本指标 under 产出指标 in every form it produced; reporting that
60 times buries the findings a filer can act on (shared/DESIGN.md §3). A deviation is taken as
template-level when the same rule says the same thing about the same level-1/level-2 group in
every form of one kind (at least two forms) of a document. The level-3 name is left out of the
comparison because template-level deviations are about the table's structure, while each form
names its own level-3 indicators; a message that names the indicator still keeps them apart.
"""

from __future__ import annotations

from dataclasses import replace

from checker.model import Finding, Form
from checker.report.summary import place_key


def _key(finding: Finding) -> tuple:
    """What must agree for two findings in different forms to be one template deviation."""
    groups = tuple((finding.indicator or [])[:2])
    messages = tuple(sorted(finding.message.items()))
    return (finding.code, finding.severity, finding.waived, groups, messages)


def group_template_findings(
    findings: list[Finding],
    forms: list[Form],
    *,
    min_share: float = 1.0,
    min_forms: int = 2,
) -> list[Finding]:
    """Replace each deviation every form of a kind shares by one document-level finding.

    ``findings`` and ``forms`` are those of one document. A group forms when the findings with
    one key (rule code, severity, waived, message, indicator level-1/level-2) stand in at least
    ``min_share`` of the forms of one kind and in at least ``min_forms`` forms. The grouped
    finding is the first one in reading order with ``form=None``, ``count`` = the number of
    forms, and ``data`` extended by ``forms`` (their ids) and ``places`` (each occurrence's
    place, ``12:5`` or ``Sheet1!D3``); its ``indicator`` keeps only [level1, level2] when the
    forms name different level-3 indicators. Other findings are returned unchanged, in their order;
    the grouped one takes the place of its first member. Pure: the inputs are not changed.
    """
    kind_of = {form.id: form.kind for form in forms}
    forms_per_kind: dict[str, int] = {}
    for form in forms:
        forms_per_kind[form.kind] = forms_per_kind.get(form.kind, 0) + 1

    members: dict[tuple, list[Finding]] = {}
    for finding in findings:
        kind = kind_of.get(finding.form or "")
        if kind is not None and finding.count == 1:
            members.setdefault((kind, _key(finding)), []).append(finding)

    grouped: dict[int, Finding] = {}  # id() of a group's first member -> the grouped finding
    dropped: set[int] = set()
    for (kind, _), group in members.items():
        form_ids = list(dict.fromkeys(f.form for f in group))
        if len(form_ids) < min_forms or len(form_ids) < min_share * forms_per_kind[kind]:
            continue
        first = min(group, key=lambda f: place_key(f.place))
        grouped[id(group[0])] = _merge(first, group, form_ids)
        dropped.update(id(f) for f in group)

    out: list[Finding] = []
    for finding in findings:
        if id(finding) in grouped:
            out.append(grouped[id(finding)])
        elif id(finding) not in dropped:
            out.append(finding)
    return out


def _merge(first: Finding, group: list[Finding], form_ids: list[str | None]) -> Finding:
    places = [f.place.short() for f in sorted(group, key=lambda f: place_key(f.place))]
    # places in English words (the JSON report's), places_zh for the Chinese report (第2页 表1 …)
    data = {**first.data, "forms": form_ids, "places": places,
            "places_zh": [f.place.short("zh") for f in sorted(group, key=lambda f: place_key(f.place))]}
    indicator = first.indicator
    if indicator and any(f.indicator != indicator for f in group):
        indicator = indicator[:2]  # forms name their own level-3: keep the shared group only
    return replace(first, form=None, count=len(form_ids), data=data, indicator=indicator)
