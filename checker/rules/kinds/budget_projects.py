"""Rule kind ``projects_have_targets`` (B505): every project of a budget disclosure's
project-expenditure table (表十二, 项目支出预算表（本年预算）) has its 项目支出绩效目标表 in the same
document, with the same annual amount, and the explanatory text's project counts are true.

The layout reads the table and the text (checker/layout/budget_projects.py: ``project_rows``
with each row's role, ``name_key``, ``text_claims``); this kind judges what it read:

- ``match`` pairs rows with target forms by project name (``name_key``). Same key: a sure pair.
  One name a prefix of the other (the export cut it) or a suffix (a form's name with a unit or
  code before it): a pair. Names only alike (``difflib`` ratio): a pair only when the amounts
  agree (then an info that the names differ); alike names with different amounts are an X903
  doubt, not an error. A row whose role stays ``doubt`` is never blamed for a missing form.
- The text's ``纳入绩效目标管理的二级项目62个，共计金额…万元`` is compared with the table's projects,
  ``公开项目绩效目标62个，涉及项目金额…万元`` with the target forms the document holds.

Amounts are compared in 万元 at the coarser written precision of the two (a form's 57,407 元 is
5.7407 万元 and agrees with the table's 5.74). Source: 部门预算公开 第三部分 绩效管理情况 and the
附件 of project target forms [V] (seed 003).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Iterable, Iterator

from checker.domain.money import to_wan
from checker.layout.budget_facts import role
from checker.layout.budget_numbers import fmt, same_amount, sum_agrees
from checker.layout.budget_projects import Claim, ProjectRow, name_key, project_rows, text_claims
from checker.model import Form, Place
from checker.rules.kinds import Hit, kind
from checker.rules.kinds._common import reading_of

_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "properties": {
        "similarity": {"type": "number", "minimum": 0.5, "maximum": 1, "default": 0.7,
                       "description": "names this alike (difflib ratio) with equal amounts are one project"},
        "doubt_similarity": {"type": "number", "minimum": 0.5, "maximum": 1, "default": 0.75,
                             "description": "names this alike with different amounts: X903 doubt, not an error"},
    },
}


@kind("projects_have_targets", variants=("amount", "duplicate", "extra", "missing", "name_differs", "partial", "selection", "text_count"), scope="filing", schema=_SCHEMA)
def projects_have_targets(check, form, ctx) -> Iterable[Hit]:
    """B505: each project of 表十二 has its target form with the same annual amount; no target
    form without its project; the text's counts of managed and published targets are true."""
    forms = ctx.filing.forms
    tables_forms = [f for f in forms if f.kind == "budget_table"]
    for bt in tables_forms:
        targets = _targets_of(bt, forms, tables_forms)
        roles = [(t, role(t)) for t in bt.tables]
        rows = [r for t, what in roles if what == "projects" for r in project_rows(reading_of(t, ctx), bt.name)]
        if not rows:
            continue
        carried = [r for t, what in roles if what == "projects_carry" for r in project_rows(reading_of(t, ctx), bt.name)]
        result = match(rows, targets, check.options)
        claims = text_claims(bt)  # read once: the missing rows' selection and the counts both ask
        if targets:  # a disclosure that publishes its target forms elsewhere is not judged
            yield from _missing_hits(bt, rows, result, claims)
            yield from _pair_hits(bt, result, carried)
        yield from _claim_hits(bt, rows, result, bool(targets), claims)


# --------------------------------------------------------------------------- rows ↔ forms


@dataclass
class Target:
    """A project target form: its name key and annual amount in 万元 (written precision)."""

    form: Form
    key: str
    wan: Decimal | None


@dataclass
class Pair:
    """A table row and the target form taken for it; ``how`` is exact, cut, prefixed or similar."""

    row: ProjectRow
    target: Target
    how: str
    score: float

    @property
    def agree(self) -> bool | None:
        if self.row.wan is None or self.target.wan is None:
            return None
        return same_amount(self.row.wan, self.target.wan)


@dataclass
class Match:
    """What ``match`` found: pairs, doubtful pairs, rows without a form, forms without a row,
    and second forms of one project (form, the form it repeats)."""

    pairs: list[Pair] = field(default_factory=list)
    doubts: list[Pair] = field(default_factory=list)
    missing: list[ProjectRow] = field(default_factory=list)
    extra: list[Target] = field(default_factory=list)
    duplicates: list[tuple[Target, Target]] = field(default_factory=list)


def relation(row_key: str, form_key: str, counts: tuple[Counter, Counter] | None = None) -> tuple[str, float] | None:
    """How two name keys relate: ``exact``; ``cut`` (one a prefix of the other, at least 4
    characters and half the longer: the export cut it); ``prefixed`` (one, at least 4
    characters, ends the other: a unit or code written before the name); ``similar`` with the
    difflib ratio (≥ 0.5); else None. ``counts``: (Counter(row_key), Counter(form_key)), each
    counted once by a caller comparing many pairs: difflib's two quick bounds are then worked
    out from them (``_quick_bounds``) instead of by a SequenceMatcher per pair."""
    if row_key == form_key:
        return "exact", 1.0
    short, long_ = (row_key, form_key) if len(row_key) <= len(form_key) else (form_key, row_key)
    if len(short) >= 4 and 2 * len(short) >= len(long_) and long_.startswith(short):
        return "cut", 0.95
    if len(short) >= 4 and long_.endswith(short):  # 018-泽州县住建局-燃气同城同价补贴
        return "prefixed", 0.95
    if counts is not None and not _quick_bounds(len(short), len(short) + len(long_), *counts):
        return None
    sm = SequenceMatcher(None, row_key, form_key, autojunk=False)
    if counts is None and (sm.real_quick_ratio() < 0.5 or sm.quick_ratio() < 0.5):
        return None
    ratio = sm.ratio()
    return ("similar", ratio) if ratio >= 0.5 else None


def _quick_bounds(shorter: int, total: int, a: Counter, b: Counter) -> bool:
    """Whether difflib's real_quick_ratio and quick_ratio of two names (lengths: the shorter's
    and both together, never 0; ``a``, ``b`` their characters counted) both reach 0.5: the
    same figures (2 × matches ÷ total) from counts made once per name, where quick_ratio
    walks the row's characters through dicts for every pair (~200 pairs a round of the
    batch mix, all but ~15 refused here)."""
    if 2.0 * shorter / total < 0.5:
        return False
    return 2.0 * sum(min(a[c], b[c]) for c in a.keys() & b.keys()) / total >= 0.5


def match(rows: list[ProjectRow], forms: list[Form], options: dict | None = None) -> Match:
    """Pair the table's rows (projects, and rows in doubt or without an amount) with target
    forms: exact keys first, then the closest remaining pairs (see ``relation``); one form per
    row. Rows of role ``project`` left over are ``missing``; a form left over is a duplicate when
    its name is a paired project's, else ``extra``."""
    opts = options or {}
    similar_ok, doubt_ok = opts.get("similarity", 0.7), opts.get("doubt_similarity", 0.75)
    pool = [r for r in rows if r.role in ("project", "doubt", "empty")]
    targets = [Target(f, name_key(f.name), _wan(f)) for f in forms if f.name.strip()]
    out = Match()
    # Rows and forms are taken by identity (sets of ids), not removed from lists by ==: a row's
    # and a target's dataclass == compares every field (a Form's whole content), and the lists
    # were scanned per pair, rows × forms × (rows + forms) comparisons on a large disclosure.
    # Same key: pair in order, amounts that agree first (one name may stand under two units).
    by_key: dict[str, list[Target]] = {}
    for t in targets:
        by_key.setdefault(t.key, []).append(t)
    taken: set[int] = set()
    free_rows = []
    for r in pool:
        key = r.key
        same = [t for t in by_key.get(key, ()) if id(t) not in taken]
        if same:
            t = next((t for t in same if r.wan is not None and t.wan is not None and same_amount(r.wan, t.wan)), same[0])
            out.pairs.append(Pair(r, t, "exact", 1.0))
            taken.add(id(t))
        else:
            free_rows.append(r)
    free_targets = [t for t in targets if id(t) not in taken]
    candidates = []
    form_counts = [Counter(t.key) for t in free_targets] if free_rows else []  # once per name, not per pair
    for r in free_rows:
        key = r.key
        row_counts = Counter(key)
        for t, fc in zip(free_targets, form_counts):
            rel = relation(key, t.key, (row_counts, fc))
            if rel is None:
                continue
            p = Pair(r, t, *rel)
            candidates.append((p.score + (0.2 if p.agree else 0), p))
    paired_rows: set[int] = set()
    for _, p in sorted(candidates, key=lambda c: -c[0]):
        if id(p.row) in paired_rows or id(p.target) in taken:
            continue
        sure_name = p.how in ("cut", "prefixed")
        if p.agree is False and (sure_name or p.score >= doubt_ok):
            out.doubts.append(p)
        elif sure_name or (p.agree and p.score >= similar_ok) or (p.agree is None and p.score >= doubt_ok):
            out.pairs.append(p)
        elif p.agree:  # names far apart, amounts equal: maybe renamed, maybe chance
            out.doubts.append(p)
        else:
            continue
        paired_rows.add(id(p.row))
        taken.add(id(p.target))
    free_rows = [r for r in free_rows if id(r) not in paired_rows]
    free_targets = [t for t in free_targets if id(t) not in taken]
    out.missing = [r for r in free_rows if r.role == "project"]
    paired = out.pairs + out.doubts
    for t in free_targets:
        first = next((p.target for p in paired if t.key in (p.target.key, p.row.key)), None)
        if first is not None:
            out.duplicates.append((t, first))
        else:
            out.extra.append(t)
    return out


def _wan(form: Form) -> Decimal | None:
    """A form's annual amount in 万元, keeping its written precision (100,000 元 → 10.0000)."""
    m = form.budget
    if m is None:
        return None
    return to_wan(m.amount, m.unit)


def _targets_of(bt: Form, forms: list[Form], tables_forms: list[Form]) -> list[Form]:
    """The target forms of one disclosure: all of the document's when it holds one disclosure,
    else those between this disclosure and the next; never a form of another budget year."""
    mine = [f for f in forms if f.kind == "project_target"]
    if len(tables_forms) > 1:
        start = forms.index(bt)
        later = [forms.index(x) for x in tables_forms if forms.index(x) > start]
        stop = min(later) if later else len(forms)
        mine = [f for f in forms[start:stop] if f.kind == "project_target"]
    return [f for f in mine if not (bt.year and f.year and f.year != bt.year)]


def _missing_hits(bt: Form, rows: list[ProjectRow], m: Match, claims: list[Claim]) -> Iterator[Hit]:
    """A project without its form is an error, one per row — unless the document attaches only
    a selection: the text says exactly as many targets are published as the document holds
    (some provinces publish 重点项目 only: one info), or the forms cover under half of the
    projects and the text says nothing (one warning: the others may be published elsewhere)."""
    if not m.missing:
        return
    held = len(m.pairs) + len(m.doubts) + len(m.extra)
    projects = sum(r.role == "project" for r in rows)
    claim = next((c for c in claims if c.what == "published"), None)
    names = "、".join(r.name for r in m.missing[:5]) + (" 等" if len(m.missing) > 5 else "")
    data = {"count": len(m.missing), "projects": projects, "held": held, "names": names,
            "table": m.missing[0].where(), "stated_count": claim.count if claim else ""}
    if claim is not None and claim.count == held:
        yield Hit(form=bt, place=claim.place, variant="selection", data=data)
    elif claim is None and 2 * held < projects:
        yield Hit(form=bt, place=m.missing[0].table.place, variant="partial", data=data)
    else:
        for r in m.missing:
            yield Hit(form=bt, place=r.cell.place, variant="missing", data={
                "project": r.name, "amount": fmt(r.amount), "table": r.where(),
                "unit": r.table.unit})  # the unit the table states (万元 when it states none)


def _pair_hits(bt: Form, m: Match, carried: list[ProjectRow]) -> Iterator[Hit]:
    for p in m.pairs:
        f, wan = p.target.form, p.target.wan
        if p.how == "exact" and p.agree is False:
            yield Hit(form=f, place=_budget_place(f), variant="amount", data={
                "project": p.row.name, "actual": f.budget.raw, "actual_unit": f.budget.unit, "actual_wan": _show(wan),
                "expected": _show(p.row.wan), "table": p.row.where(), "difference": _show(wan - p.row.wan), "unit": "万元"})
        elif p.how == "similar":
            yield Hit(form=f, place=_name_place(f), variant="name_differs", data={
                "project": p.row.name, "form_name": f.name, "expected": _show(p.row.wan),
                "table": p.row.where(), "similarity": f"{p.score:.2f}"})
    for p in m.doubts:
        f = p.target.form
        yield Hit(form=f, place=_name_place(f), doubt="project_name_far" if p.agree else "project_name_amount", data={
            "project": p.row.name, "form_name": f.name, "table": p.row.where(),
            "expected": _show(p.row.wan), "actual_wan": _show(p.target.wan), "unit": "万元"})
    for t, first in m.duplicates:
        yield Hit(form=t.form, place=_name_place(t.form), variant="duplicate", data={
            "project": t.form.name, "other": first.form.id, "other_place": first.form.place.short()})
    for t in m.extra:
        if any((relation(c.key, t.key) or ("", 0.0))[1] >= 0.8 for c in carried):
            continue  # a carried-over project (上年结转) keeps its targets
        yield Hit(form=t.form, place=_name_place(t.form), variant="extra", data={
            "project": t.form.name, "actual_wan": _show(t.wan) if t.wan is not None else "未填",
            "table": next((r.where() for r in m.missing), "") or _projects_table_name(bt)})


def _show(d: Decimal | None) -> str:
    """万元 for messages: a form's 100,000 元 is 10.00, its 57,407 元 stays 5.7407."""
    if d is None:
        return ""
    text = format(d.normalize(), "f")
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def _cents(d: Decimal) -> Decimal:
    """A sum of amounts from 元 forms (33377.5984 万元) shown to the cent, as the text writes it."""
    exp = d.as_tuple().exponent
    return d.quantize(Decimal("0.01")) if isinstance(exp, int) and exp < -2 else d


def _projects_table_name(bt: Form) -> str:
    t = next((t for t in bt.tables if role(t) == "projects"), None)
    return (f"表{t.number}" if t.number else t.title) if t is not None else "项目支出表"


def _budget_place(f: Form) -> Place:
    return f.budget.place if f.budget is not None else f.place


def _name_place(f: Form) -> Place:
    fld = f.header.get("project_name")
    return fld.place if fld is not None and fld.place.line is not None else f.place


# --------------------------------------------------------------------------- the text's counts

def _claim_hits(bt: Form, rows: list[ProjectRow], m: Match, has_forms: bool, claims: list[Claim]) -> Iterator[Hit]:
    projects = [r for r in rows if r.role == "project"]
    sure = not any(r.role == "doubt" for r in rows)
    seen_forms = [p.target for p in m.pairs + m.doubts] + m.extra
    for claim in claims:
        if claim.what == "managed":
            if not sure:
                continue
            count, amounts, table = len(projects), [r.wan for r in projects if r.wan is not None], _projects_table_name(bt)
            basis, basis_en = f"{table}所列项目", f"the projects of {table}"
        else:
            if not has_forms:
                continue
            count, amounts = len(seen_forms), [t.wan for t in seen_forms if t.wan is not None]
            basis = "本文件所附项目支出绩效目标表（同一项目只计一次）"
            basis_en = "the project target forms in this file (a project counted once)"
        total = sum(amounts, Decimal(0))
        amount_ok = claim.amount is None or sum_agrees(claim.amount, amounts)
        if claim.count == count and amount_ok:
            continue
        yield Hit(form=bt, place=claim.place, variant="text_count", data={
            "statement": claim.raw, "stated_count": claim.count, "actual_count": count,
            "stated_amount": fmt(claim.amount) if claim.amount is not None else "",
            "actual_amount": _show(_cents(total)), "basis": basis, "basis_en": basis_en, "unit": "万元"})
