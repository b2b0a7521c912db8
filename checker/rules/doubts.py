"""Fold the reading doubts (X903) of one document into one finding per rule and doubt.

A PDF export that cuts the annual block's names cuts them in every form of the document: seed
003 gave 204 X903 lines saying the same thing. One finding that counts them, names the first
few and lists every place is what a filer can act on (DESIGN.md §3: a report nobody can read to
the end helps nobody).
"""

from __future__ import annotations

from dataclasses import replace

from checker.model import Finding

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
    out: list[Finding] = []
    for f in findings:
        group = groups.get((str(f.data.get("rule", "")), str(f.data.get("doubt", "")))) if f.code == DOUBT_CODE else None
        if group is None or len(group) < min_count:
            out.append(f)
        elif f is group[0]:
            out.append(_folded(group))
    return out


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
