"""Waivers: approved exceptions, kept in a YAML file beside the filing.

    # yaml-language-server: $schema=../rules/schema/waivers.schema.json
    waivers:
      - code: M303
        form: 北环路生态绿化品质提升工程后期养护经费    # form id (file#n) or project/department name
        indicator: 养护费用                          # name, or [level1, level2, name]; optional
        reason: 养护费用含上年结转，已经预算股审核
        approved_by: 县财政局预算股 张三
        expires: "2026-12-31"

A waived finding stays in the report, marked waived and counted apart. A waiver past its
expiry date waives nothing and is reported (X911, warning); one that matched no finding is
reported too (X912, info), so stale waivers do not pile up.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from checker.errors import RulePackError
from checker.layout.labels import normalize
from checker.model import Filing, Finding, Place
from checker.rules import schema as S
from checker.rules.source import load_source

EXPIRED, UNUSED = "X911", "X912"


@dataclass
class Waiver:
    """One waiver; ``line`` is where it stands in ``path`` (for the X911/X912 findings)."""

    code: str
    reason: str
    approved_by: str
    expires: date
    form: str | None = None
    indicator: list[str] | None = None
    path: str = ""
    line: int = 0


@dataclass
class Waivers:
    """The waivers of one file."""

    path: str
    items: list[Waiver] = field(default_factory=list)


def load_waivers(path: Path) -> Waivers:
    """Read and validate a waiver file. Raises RulePackError with every problem located."""
    src = load_source(path)
    if src.data is None and not src.problems:
        src.problem((), "empty waiver file", "write waivers: followed by a list")
    elif src.data is not None:
        S.validate(src, S.WAIVERS)
    items = []
    if not src.problems:
        for i, w in enumerate(src.data["waivers"]):
            try:
                expires = date.fromisoformat(w["expires"])
            except ValueError:
                src.problem(("waivers", i, "expires"), f"not a calendar date: {w['expires']!r}", "write \"YYYY-MM-DD\"")
                continue
            ind = w.get("indicator")
            items.append(Waiver(w["code"], w["reason"], w["approved_by"], expires, w.get("form"),
                                [ind] if isinstance(ind, str) else ind, str(path), src.where(("waivers", i))[0]))
    if src.problems:
        raise RulePackError(src.report())
    return Waivers(str(path), items)


def apply_waivers(findings: list[Finding], waivers: Waivers, today: date,
                  filing: Filing | None = None) -> list[Finding]:
    """``findings`` with those a live waiver covers marked ``waived`` (copies; the input list
    is not changed), plus X911 for each expired waiver and X912 for each unused one.

    A waiver matches a finding with its code, on its form (form id, or the form's project or
    department name when ``filing`` is given) and indicator (the name alone, or the path; for
    a form-level finding such as M303, an indicator its data names)."""
    names = {f.id: {f.id, normalize(f.name)} for f in (filing.forms if filing else [])}
    out, used = [], set()
    live = [w for w in waivers.items if w.expires >= today]
    for f in findings:
        w = next((w for w in live if _covers(w, f, names)), None)
        if w is not None:
            used.add(id(w))
            f = replace(f, waived=True, data={**f.data, "waiver": w.reason, "approved_by": w.approved_by})
        out.append(f)
    for w in waivers.items:
        place = Place(line=w.line)
        if w.expires < today:
            out.append(Finding(EXPIRED, "warning", {
                "zh": f"豁免已过期（{w.expires.isoformat()}）：{w.code} {w.form or ''}，批准人 {w.approved_by}；请续批或删除",
                "en": f"waiver expired on {w.expires.isoformat()}: {w.code} {w.form or ''}, approved by {w.approved_by}; renew or remove it"},
                place=place, data={"waiver_file": w.path, "code": w.code, "expires": w.expires.isoformat()}))
        elif id(w) not in used:
            out.append(Finding(UNUSED, "info", {
                "zh": f"豁免未用上：没有 {w.code} 问题与之对应（{w.form or '任一表'}）；请删除或改正",
                "en": f"unused waiver: no {w.code} finding matches it ({w.form or 'any form'}); remove or correct it"},
                place=place, data={"waiver_file": w.path, "code": w.code}))
    return out


def _covers(w: Waiver, f: Finding, names: dict[str, set[str]]) -> bool:
    if f.code != w.code or f.waived:
        return False
    if w.form and not (f.form == w.form or normalize(w.form) in names.get(f.form or "", set())):
        return False
    if w.indicator and not f.indicator:
        # a form-level finding (a total against its parts): the indicator must be one it names
        return any(normalize(w.indicator[-1]) in normalize(str(v)) for v in f.data.values())
    if w.indicator:
        path = f.indicator or []
        want = [normalize(x) for x in w.indicator]
        have = [normalize(x) for x in path]
        return have[-len(want):] == want if len(want) <= len(have) else False
    return True
