"""Template-level deviations: one finding for the document instead of one per form.

A county's template can put 成本指标 under 产出指标 in every form it produced; reporting that
60 times buries the findings a filer can act on (shared/DESIGN.md §3). A deviation is taken as
template-level when the same rule says the same thing about the same level-1/level-2 group in
every form of one kind (at least two forms) of a document. The level-3 name is left out of the
comparison because template-level deviations are about the table's structure, while each form
names its own level-3 indicators; a message that names the indicator still keeps them apart.

Some deviations are template-level by their nature, though not every form shows them: a row the
template pre-prints and a filer left empty (S107's template rows), benefits written only in words
(V209), 成本指标 under 产出指标 (S103 before 2022). Their rule says so with a ``per_document``
message (Finding.per_document); ``group_document_findings`` makes them one finding per document
once three forms share one, whatever share of the forms that is.
"""

from __future__ import annotations

import string
from dataclasses import replace
from functools import lru_cache

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

    candidates = [(kind, f) for f in findings if f.count == 1 and (kind := kind_of.get(f.form or "")) is not None]
    # A group's forms are among those where its rule found something in forms of its kind: where
    # those are too few, no group of the rule can form, and its findings' keys are not built.
    spread: dict[tuple[str, str], set] = {}
    for kind, finding in candidates:
        spread.setdefault((kind, finding.code), set()).add(finding.form)
    members: dict[tuple, list[Finding]] = {}
    for kind, finding in candidates:
        n = len(spread[kind, finding.code])
        if n >= min_forms and n >= min_share * forms_per_kind[kind]:
            members.setdefault((kind, _key(finding)), []).append(finding)
    if not members:
        return list(findings)

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


_FORMATTER = string.Formatter()
LIST_SUFFIX = "_list"  # {level2_list}: the distinct level-2 names of the group's findings


def group_document_findings(findings: list[Finding], *, min_forms: int = 3) -> list[Finding]:
    """Fold the findings whose rule gives a ``per_document`` message into one per document.

    ``findings`` are those of one document. Findings with ``per_document`` set, ``count`` 1 and a
    form group by rule code, severity, waived, the templates, and the values of the templates'
    placeholders other than ``forms``, ``findings`` and ``NAME_list``. A group standing in at least
    ``min_forms`` forms becomes one finding at its first place (reading order), ``form=None``,
    ``indicator`` None, ``count`` = the number of forms, the message rendered from the templates
    ({forms}, {findings}, {NAME_list} = the distinct values of NAME joined by 、), and ``data``
    = the first member's data plus ``forms``, ``places``, ``places_zh``, and ``messages`` /
    ``messages_en`` (each member's own message, in the order of ``places``: no detail is lost). Smaller groups and other
    findings are returned unchanged, in their order. Pure: the inputs are not changed."""
    members: dict[tuple, list[Finding]] = {}
    for finding in findings:
        if finding.per_document and finding.form and finding.count == 1:
            members.setdefault(_document_key(finding), []).append(finding)
    grouped: dict[int, Finding] = {}
    dropped: set[int] = set()
    for group in members.values():
        form_ids = list(dict.fromkeys(f.form for f in group))
        if len(form_ids) < min_forms:
            continue
        grouped[id(group[0])] = _document_finding(group, form_ids)
        dropped.update(id(f) for f in group)
    return [grouped.get(id(f), f) for f in findings if id(f) in grouped or id(f) not in dropped]


# An indicator path's names, in order: the placeholders of its levels (_values, _value)
_LEVELS = {"level1": 0, "level2": 1, "name": 2}


def _values(finding: Finding) -> dict[str, str]:
    """The placeholders a finding's message had: its indicator's levels, then its data."""
    path = list(finding.indicator or [])
    values = dict(zip(_LEVELS, path))
    values.update({k: str(v) for k, v in finding.data.items() if isinstance(v, (str, int))})
    return values


def _fields(templates: dict[str, str]) -> set[str]:
    return set().union(*(_names(text) for text in templates.values()))


@lru_cache(maxsize=256)  # the pack's per_document templates: parsed once, not per finding
def _names(text: str) -> frozenset[str]:
    try:
        return frozenset(f for _, f, _, _ in _FORMATTER.parse(text) if f)
    except ValueError:
        return frozenset()


def _document_key(finding: Finding) -> tuple:
    templates = tuple(sorted((finding.per_document or {}).items()))
    return (finding.code, finding.severity, finding.waived, templates,
            tuple(_value(finding, n) for n in _split_names(templates)))


@lru_cache(maxsize=256)  # the pack's per_document templates, as (language, template) pairs
def _split_names(templates: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """The placeholders whose values must agree for two findings to fold, sorted."""
    return tuple(sorted(n for n in _fields(dict(templates))
                        if n not in ("forms", "findings") and not n.endswith(LIST_SUFFIX)))


def _value(finding: Finding, name: str):
    """``_values(finding).get(name, "")`` without building the whole dict (a key per finding)."""
    v = finding.data.get(name)
    if isinstance(v, (str, int)):
        return str(v)
    i = _LEVELS.get(name)
    path = finding.indicator or ()
    return path[i] if i is not None and i < len(path) else ""


def _document_finding(group: list[Finding], form_ids: list[str | None]) -> Finding:
    from checker.rules.engine import render

    ordered = sorted(group, key=lambda f: place_key(f.place))
    first = ordered[0]
    values: dict[str, object] = dict(_values(first))
    values.update(forms=len(form_ids), findings=len(group))
    for name in _fields(first.per_document or {}):
        if name.endswith(LIST_SUFFIX):
            base = name[: -len(LIST_SUFFIX)]
            values[name] = "、".join(dict.fromkeys(v for v in (_value(f, base) for f in ordered) if v))
    data = {**first.data, "forms": form_ids, "places": [f.place.short() for f in ordered],
            "places_zh": [f.place.short("zh") for f in ordered],
            # each finding's own message, in the order of places: no form's detail is lost
            "messages": [f.text("zh") for f in ordered], "messages_en": [f.text("en") for f in ordered]}
    return replace(first, form=None, indicator=None, count=len(form_ids), data=data, row_text="",
                   message={lang: render(t, values) for lang, t in (first.per_document or {}).items()})
