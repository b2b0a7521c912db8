"""Fold the reading doubts (X903) of one document into one finding per rule and doubt.

A PDF export that cuts the annual block's names cuts them in every form of the document: seed
003 gave 204 X903 lines saying the same thing. One finding that counts them, names the first
few and lists every place is what a filer can act on (DESIGN.md §3: a report nobody can read to
the end helps nobody).
"""

from __future__ import annotations

from dataclasses import replace

from checker.model import Filing, Finding, Form

DOUBT_CODE = "X903"


def fold_doubts(findings: list[Finding], min_count: int = 3) -> list[Finding]:
    """Replace every group of at least ``min_count`` X903 findings that share ``data["rule"]``
    and ``data["doubt"]`` by one finding at the first place, with ``count`` = the number of forms
    concerned and ``data["places"]`` / ``data["names"]`` listing each occurrence. Other findings
    keep their order; the folded finding stands where its group's first member stood."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.code == DOUBT_CODE:
            groups.setdefault((str(f.data.get("rule", "")), str(f.data.get("doubt", ""))), []).append(f)
    folded = {id(group[0]): group for group in groups.values() if len(group) >= min_count}
    if not folded:
        return list(findings)
    dropped = {id(f) for group in folded.values() for f in group}
    return [_folded(folded[id(f)]) if id(f) in folded else f for f in findings if id(f) not in dropped or id(f) in folded]


def _folded(group: list[Finding]) -> Finding:
    first = group[0]
    rule = first.data.get("rule", "")
    # An indicator's name, or the header field a doubt is about (S111 on a header not read whole).
    names = [f.indicator[-1] if f.indicator else str(f.data.get("field", "")) for f in group]
    shown = "、".join(list(dict.fromkeys(n for n in names if n))[:3]) or "…"
    what_zh, what_en = ("个指标", "indicators") if any(f.indicator for f in group) else ("处", "places")
    reason_zh = first.message["zh"].split("：", 1)[-1]
    reason_en = first.message["en"].split(": ", 1)[-1]
    forms = {f.form for f in group}
    return replace(
        first,
        form=None,
        indicator=None,
        count=max(len(forms), 1),
        message={
            "zh": f"规则 {rule} 未判定 {len(group)} {what_zh}（{shown} 等）：{reason_zh}",
            "en": f"rule {rule} not judged on {len(group)} {what_en} ({shown} …): {reason_en}",
        },
        data={**first.data, "count": len(group), "names": names,
              "forms": sorted(x for x in forms if x), "places": [f.place.short() for f in group],
              "places_zh": [f.place.short("zh") for f in group]},
    )


LABELS_LOST_CODE = "X904"
# A missing or misplaced label is what these conclude; on a form with a row whose labels were
# lost (layout doubt ``labels_lost``) that row may be the label they miss (shared/RULES.md S101,
# S103–S106).
LABEL_RULES = ("S101", "S103", "S104", "S105", "S106")
# The cascade that follows from the same guessed labels: a date judged under the wrong heading
# (S112), cost rows summed or left out by their heading (M303). Folded only with a LABEL_RULES one.
CASCADE_RULES = LABEL_RULES + ("S112", "M303")


def fold_label_cascade(findings: list[Finding], filing: Filing) -> list[Finding]:
    """One cause, one finding (issue 10 item 7): on a form with a row whose level labels the
    export lost (Indicator.doubts ``labels_lost``: its cells moved left into the label columns)
    and whose content contradicts the labels it was given (an X903 of a meaning rule on it), and
    at least one LABEL_RULES finding, every CASCADE_RULES finding of the form becomes part of
    one X904 doubt at that row, its message listing each conclusion it stands for and ``data``
    keeping them (``rules``, ``findings``: code, severity, zh, en). Other findings are kept, in
    their order; the doubt stands where the form's first folded finding stood."""
    doubted = {(f.form, tuple(f.indicator or ())) for f in findings
               if f.code == DOUBT_CODE and f.data.get("doubt") in _MISPLACED_DOUBTS}
    if not doubted:  # no row contradicts its labels: no form's rows need be looked at
        return findings
    lost = {form.id: row for form in filing.forms if (row := _lost_row(form, doubted)) is not None}
    if not lost:
        return findings
    folded: dict[str, list[Finding]] = {}
    for f in findings:
        if f.form in lost and f.code in CASCADE_RULES and f.count == 1:
            folded.setdefault(f.form, []).append(f)
    folded = {k: v for k, v in folded.items() if any(f.code in LABEL_RULES for f in v)}
    out: list[Finding] = []
    for f in findings:
        group = folded.get(f.form or "") if f.code in CASCADE_RULES else None
        if group is None or f not in group:
            out.append(f)
        elif f is group[0]:
            out.append(_labels_lost(f.form, lost[f.form], group))
    return out


# The doubts a rule reports when a row's content contradicts the labels the layout gave it
# (S114: money filed as an output; V207: no time under 时效指标), engine.DOUBT_TEXT keys.
_MISPLACED_DOUBTS = ("row_shifted", "labels_lost")


def _lost_row(form: Form, doubted: set[tuple]):
    """The form's first row whose labels the export lost and whose content contradicts the labels
    it was given (a rule judging meaning against heading left a doubt on it: 775610.77元 under
    质量指标; ``doubted``: (form id, indicator path) of the filing's such doubts). A row that only
    lost its empty leading cells inside its group fits them (箱变工程 45万元 under the cost rows):
    its structure findings stand."""
    return next((i for i in form.indicators
                 if "labels_lost" in i.doubts and (form.id, tuple(i.path)) in doubted), None)


def _labels_lost(form_id: str, row, group: list[Finding]) -> Finding:
    codes = "、".join(dict.fromkeys(f.code for f in group))
    zh = "；".join(f"{f.code} {f.text('zh')}" for f in group)
    en = "; ".join(f"{f.code} {f.text('en')}" for f in group)
    name = row.name or row.value
    return Finding(
        code=LABELS_LOST_CODE, severity="warning", form=form_id, place=row.place, row_text=row.row_text,
        message={"zh": f"“{name}”一行的一级/二级指标名称在导出时丢失（该行单元格左移），其归属是推测的；"
                       f"本表以下 {len(group)} 条结论（{codes}）可能都由此而来，未作判定，请人工核对原表：{zh}",
                 "en": f"the row '{name}' lost its level-1/level-2 names in the export (its cells moved left), so "
                       f"where it belongs is a guess; these {len(group)} conclusions of the form ({codes}) may all "
                       f"come from it and were not judged; check the original: {en}"},
        data={"doubt": "labels_lost", "rules": list(dict.fromkeys(f.code for f in group)),
              "findings": [{"code": f.code, "severity": f.severity, **f.message} for f in group]},
    )
