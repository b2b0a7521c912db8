"""Rule kind ``projects_have_targets`` (B505): every project of a budget disclosure's
project-expenditure table (表十二, 项目支出预算表（本年预算）) has its 项目支出绩效目标表 in the same
document, with the same annual amount, and the explanatory text's project counts are true.

Three steps, each its own function:

1. ``project_rows`` reads the table: one ``ProjectRow`` per named row, with its role. A unit's
   row (泽州县园林环卫事务中心 20.00 above 园林环卫事务中心办公经费 20.00) is a subtotal, not a
   project. Roles come from the arithmetic: the top row (合计, or the department) must equal the
   sum of the items below it, and a row is a subtotal when the rows under it add up to it *and*
   the whole table still adds up. A name only breaks a tie the arithmetic leaves open; a row whose
   role stays open is ``doubt`` and never blamed for a missing form.
2. ``match`` pairs rows with target forms by project name (``name_key``: brackets, quotes,
   punctuation, spaces and full-width forms removed). Same key: a sure pair. One name a prefix of
   the other (the export cut it) or a suffix (a form's name with a unit or code before it): a
   pair. Names only alike (``difflib`` ratio): a pair only when the amounts agree (then an info
   that the names differ); alike names with different amounts are an X903 doubt, not an error.
3. ``text_claims`` reads the text's ``纳入绩效目标管理的二级项目62个，共计金额34,932.60万元`` and
   ``公开项目绩效目标62个，涉及项目金额…万元``: the first is compared with the table's projects, the
   second with the target forms the document holds.

Amounts are compared in 万元 at the coarser written precision of the two (a form's 57,407 元 is
5.7407 万元 and agrees with the table's 5.74). Source: 部门预算公开 第三部分 绩效管理情况 and the
附件 of project target forms [V] (seed 003).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Iterable, Iterator

from checker.domain.money import to_wan
from checker.layout.budget_facts import role
from checker.layout.budget_numbers import fmt, number, same_amount, sum_agrees
from checker.layout.budget_structure import blocks, is_total, is_unit_name, value_columns
from checker.layout.labels import normalize
from checker.model import Cell, Form, Place, Table
from checker.rules.kinds import Hit, kind

_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "properties": {
        "similarity": {"type": "number", "minimum": 0.5, "maximum": 1, "default": 0.7,
                       "description": "names this alike (difflib ratio) with equal amounts are one project"},
        "doubt_similarity": {"type": "number", "minimum": 0.5, "maximum": 1, "default": 0.75,
                             "description": "names this alike with different amounts: X903 doubt, not an error"},
    },
}


@kind("projects_have_targets", scope="filing", schema=_SCHEMA)
def projects_have_targets(check, form, ctx) -> Iterable[Hit]:
    """B505: each project of 表十二 has its target form with the same annual amount; no target
    form without its project; the text's counts of managed and published targets are true."""
    forms = ctx.filing.forms
    tables_forms = [f for f in forms if f.kind == "budget_table"]
    for bt in tables_forms:
        targets = _targets_of(bt, forms, tables_forms)
        rows = [r for t in bt.tables if role(t) == "projects" for r in project_rows(t, bt.name)]
        if not rows:
            continue
        carried = [r for t in bt.tables if role(t) == "projects_carry" for r in project_rows(t, bt.name)]
        result = match(rows, targets, check.options)
        if targets:  # a disclosure that publishes its target forms elsewhere is not judged
            yield from _missing_hits(bt, rows, result)
            yield from _pair_hits(bt, result, carried)
        yield from _claim_hits(bt, rows, result, bool(targets))


# --------------------------------------------------------------------------- 1. the table


@dataclass
class ProjectRow:
    """One named row of a project-expenditure table.

    ``amount`` is the 合计 cell as written (the table's unit), ``wan`` the same in 万元 with its
    written precision; ``role`` is ``project``, ``subtotal`` (a unit's row), ``total`` (合计 or
    the department's row on top), ``doubt`` (the arithmetic cannot tell) or ``empty`` (no amount).
    """

    name: str
    amount: Decimal | None
    wan: Decimal | None
    cell: Cell
    table: Table
    role: str = "project"

    @property
    def key(self) -> str:
        return name_key(self.name)

    def where(self) -> str:
        return f"表{self.table.number}" if self.table.number else self.table.title


def project_rows(table: Table, department: str = "") -> list[ProjectRow]:
    """The named rows of a 项目支出表 with their roles (see the module doc). ``department`` (the
    disclosure's department name) only breaks ties the arithmetic leaves open."""
    name_col, amount_col = _columns(table)
    bl = blocks(table)
    labels = [name_col] + [i for i in (bl[0].labels if bl else []) if i != name_col]
    rows: list[ProjectRow] = []
    for r in table.rows:
        # A unit's or the 合计 row may write its name in another label column (单位名称).
        c = next((r[i] for i in labels if i < len(r) and r[i].text.strip()), None)
        name = normalize(c.text) if c is not None else ""
        if not name or re.fullmatch(r"[\d\s]+", name):  # the 1 2 3 … column-number row
            continue
        a = number(r[amount_col].text) if amount_col is not None and amount_col < len(r) else None
        wan = to_wan(a, table.unit) if a is not None else None
        rows.append(ProjectRow(name, a, wan, c, table))
    for row, r in zip(rows, _roles([x.amount for x in rows], [x.name for x in rows], department)):
        row.role = r
    return rows


def _columns(table: Table) -> tuple[int, int | None]:
    """(project-name column, 合计 column): by header names, else the first label/value column."""
    names = [c.split("/")[-1] for c in table.columns]
    name_col = next((i for i, n in enumerate(names) if "项目名称" in n), None)
    if name_col is None:
        name_col = next((i for i, n in enumerate(names) if n.endswith("项目")), 0)
    bl = blocks(table)
    values = value_columns(table, bl[0]) if bl else []
    total = next((i for i in values if names[i] in ("合计", "小计", "总计")), None)
    return name_col, total if total is not None else (values[0] if values else None)


def _roles(amounts: list[Decimal | None], names: list[str], department: str) -> list[str]:
    """Each row's role from the arithmetic of the amounts (see the module doc)."""
    n = len(amounts)
    if n == 0:
        return []
    if n > 3000 or any(a is not None and a < 0 for a in amounts):
        return _roles_by_name(amounts, names, department, None)
    ints, tol = _as_units(amounts)
    parse = _Parse(ints, tol)
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 20 * n + 1000))
    try:
        top = _top(parse, ints, names)
    except _TooHard:
        return _roles_by_name(amounts, names, department, None)
    finally:
        sys.setrecursionlimit(old)
    if top is None:
        return _roles_by_name(amounts, names, department, parse)
    out = []
    for k in range(n):
        leaf, group = k in parse.leafable, k in parse.groupable
        if k == top:
            out.append("total")
        elif amounts[k] is None or amounts[k] == 0:
            out.append("empty")
        elif group and not leaf:
            out.append("subtotal")
        elif leaf and not group:
            out.append("project")
        else:  # both readings add up: the name decides only whether it may be a unit's row
            out.append("subtotal" if is_unit_name(names[k], department) else "doubt")
    return out


def _top(parse: "_Parse", ints: list[int], names: list[str]) -> int | None:
    """The total row (the first row, or a 合计 written last) whose items add up to it, with the
    roles of every reading marked; None when no reading adds up."""
    n = len(ints)
    if n >= 2 and ints[0] > 0 and parse.reach(1, ints[0], n, start=1):
        parse.mark(1, ints[0], n)
        return 0
    if n >= 2 and is_total(names[-1]) and parse.reach(0, ints[-1], n - 1, start=0):
        parse.mark(0, ints[-1], n - 1)
        return n - 1
    return None


def _roles_by_name(amounts, names, department, parse) -> list[str]:
    """No total to hold the arithmetic to (or it does not add up: B501 says so): a unit-like
    name is a subtotal only when the rows under it add up to it, else in doubt."""
    out = []
    for k, name in enumerate(names):
        if is_total(name):
            out.append("total")
        elif amounts[k] is None or amounts[k] == 0:
            out.append("empty")
        elif is_unit_name(name, department):
            ok = parse is not None and bool(parse.group_ends(k))
            out.append("subtotal" if ok else "doubt")
        else:
            out.append("project")
    return out


def _as_units(amounts: list[Decimal | None]) -> tuple[list[int], int]:
    """Amounts as whole units of the finest written decimal, and the tolerance: one unit of the
    most common written decimal (a sum of rounded amounts may drift by that)."""
    exps = [a.as_tuple().exponent for a in amounts if a is not None]
    exps = [e for e in exps if isinstance(e, int)] or [0]
    fine = min(exps)
    common = Counter(exps).most_common(1)[0][0]
    ints = [int(a.scaleb(-fine)) if a is not None else 0 for a in amounts]
    return ints, 10 ** (common - fine)


class _TooHard(Exception):
    """The table's sums admit too many readings to explore: roles fall back to the names."""


class _Parse:
    """Which rows can be leaves and which subtotals in a reading of the table where every
    subtotal equals the items under it.

    ``ends(k, t)``: the row indices m such that rows k..m-1 split into items (a leaf, or a
    subtotal followed by its own items) adding up to t — a subtotal's items end anywhere.
    ``reach(k, t, end)``: rows k..end-1 split so. For the top level the least and the greatest
    sum any reading of rows k..end-1 can give bound the search, so a wrong reading (a unit's row
    taken as a project beside its own projects) is dropped at once instead of at the table's end.
    """

    BUDGET = 300_000  # states explored before giving up (a table of thousands of rows)

    def __init__(self, amounts: list[int], tol: int):
        self.amounts, self.tol, self.n = amounts, tol, len(amounts)
        self._ends: dict[tuple[int, int], frozenset[int]] = {}
        self._reach: dict[tuple[int, int, int], bool] = {}
        self._bounds: dict[int, tuple[list[int], list[int]]] = {}  # end → (least, greatest)
        self._seen: set[tuple[int, int, int]] = set()
        self.leafable: set[int] = set()
        self.groupable: set[int] = set()

    def _spend(self) -> None:
        if len(self._ends) + len(self._reach) > self.BUDGET:
            raise _TooHard

    def ends(self, k: int, t: int) -> frozenset[int]:
        memo = self._ends.get((k, t))
        if memo is not None:
            return memo
        self._spend()
        out: set[int] = {k} if abs(t) <= self.tol else set()
        if k < self.n and t >= -self.tol:
            a = self.amounts[k]
            out |= self.ends(k + 1, t - a)
            for e in self.group_ends(k):
                out |= self.ends(e, t - a)
        self._ends[(k, t)] = frozenset(out)
        return self._ends[(k, t)]

    def group_ends(self, k: int) -> list[int]:
        """Where the items of row k end when row k is a subtotal (none for a zero row)."""
        a = self.amounts[k]
        return [e for e in self.ends(k + 1, a) if e > k + 1] if a > 0 else []

    def bounds(self, start: int, end: int) -> tuple[list[int], list[int]]:
        """(least, greatest) sum a reading of rows k..end-1 can give, for start ≤ k ≤ end (the
        total row before ``start`` is left out: its items are the whole search)."""
        if end not in self._bounds:
            lo, hi = [0] * (end + 1), [0] * (end + 1)
            for k in range(end - 1, start - 1, -1):
                nxt = [k + 1] + [e for e in self.group_ends(k) if e <= end]
                lo[k] = self.amounts[k] + min(lo[e] for e in nxt)
                hi[k] = self.amounts[k] + max(hi[e] for e in nxt)
            self._bounds[end] = (lo, hi)
        return self._bounds[end]

    def reach(self, k: int, t: int, end: int, start: int | None = None) -> bool:
        """Rows k..end-1 split into items adding up to t; the first call names ``start``."""
        if start is not None:
            self.bounds(start, end)
        if k == end:
            return abs(t) <= self.tol
        if end not in self._bounds:  # inside a subtotal: its items end where they add up
            return end in self.ends(k, t)
        memo = self._reach.get((k, t, end))
        if memo is not None:
            return memo
        self._spend()
        lo, hi = self._bounds[end]
        ok = False
        if lo[k] - self.tol <= t <= hi[k] + self.tol:
            a = self.amounts[k]
            ok = self.reach(k + 1, t - a, end) or any(
                self.reach(e, t - a, end) for e in self.group_ends(k) if e <= end)
        self._reach[(k, t, end)] = ok
        return ok

    def mark(self, k: int, t: int, end: int) -> None:
        """Record the roles rows k..end-1 take in every reading that adds up to t."""
        if k >= end or (k, t, end) in self._seen:
            return
        self._seen.add((k, t, end))
        a = self.amounts[k]
        if self.reach(k + 1, t - a, end):
            self.leafable.add(k)
            self.mark(k + 1, t - a, end)
        for e in self.group_ends(k):
            if e <= end and self.reach(e, t - a, end):
                self.groupable.add(k)
                self.mark(k + 1, a, e)
                self.mark(e, t - a, end)


# --------------------------------------------------------------------------- 2. rows ↔ forms

_DROP = re.compile(r"[\s()\[\]{}<>《》“”\"'‘’「」『』【】〔〕、,.。·:;!?~\-—_/\\|]")


def name_key(text: str) -> str:
    """A project name in the form names are compared by: full-width forms folded (NFKC),
    brackets, quotes, punctuation and spaces removed. ``太岳街（兰花路至畅安路）路面改造`` and
    ``太岳街(兰花路至畅安路) 路面改造`` have one key."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text)).lower()


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


def relation(row_key: str, form_key: str) -> tuple[str, float] | None:
    """How two name keys relate: ``exact``; ``cut`` (one a prefix of the other, at least 4
    characters and half the longer: the export cut it); ``prefixed`` (one, at least 4
    characters, ends the other: a unit or code written before the name); ``similar`` with the
    difflib ratio (≥ 0.5); else None."""
    if row_key == form_key:
        return "exact", 1.0
    short, long_ = sorted((row_key, form_key), key=len)
    if len(short) >= 4 and 2 * len(short) >= len(long_) and long_.startswith(short):
        return "cut", 0.95
    if len(short) >= 4 and long_.endswith(short):  # 018-泽州县住建局-燃气同城同价补贴
        return "prefixed", 0.95
    sm = SequenceMatcher(None, row_key, form_key, autojunk=False)
    if sm.real_quick_ratio() < 0.5 or sm.quick_ratio() < 0.5:
        return None
    ratio = sm.ratio()
    return ("similar", ratio) if ratio >= 0.5 else None


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
    free_rows, free_targets = list(pool), list(targets)
    # Same key: pair in order, amounts that agree first (one name may stand under two units).
    for r in list(free_rows):
        same = [t for t in free_targets if t.key == r.key]
        if same:
            t = next((t for t in same if r.wan is not None and t.wan is not None and same_amount(r.wan, t.wan)), same[0])
            out.pairs.append(Pair(r, t, "exact", 1.0))
            free_rows.remove(r)
            free_targets.remove(t)
    candidates = []
    for r in free_rows:
        for t in free_targets:
            rel = relation(r.key, t.key)
            if rel is None:
                continue
            p = Pair(r, t, *rel)
            candidates.append((p.score + (0.2 if p.agree else 0), p))
    for _, p in sorted(candidates, key=lambda c: -c[0]):
        if p.row not in free_rows or p.target not in free_targets:
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
        free_rows.remove(p.row)
        free_targets.remove(p.target)
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


def _missing_hits(bt: Form, rows: list[ProjectRow], m: Match) -> Iterator[Hit]:
    """A project without its form is an error, one per row — unless the document attaches only
    a selection: the text says exactly as many targets are published as the document holds
    (some provinces publish 重点项目 only: one info), or the forms cover under half of the
    projects and the text says nothing (one warning: the others may be published elsewhere)."""
    if not m.missing:
        return
    held = len(m.pairs) + len(m.doubts) + len(m.extra)
    projects = sum(r.role == "project" for r in rows)
    claim = next((c for c in text_claims(bt) if c.what == "published"), None)
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
                "unit": "万元" if r.table.unit != "元" else "元"})


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


# --------------------------------------------------------------------------- 3. the text

_NUM = r"(?P<amount>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_MANAGED = (
    re.compile(r"(?:纳入|实行|实施|开展)(?:项目)?(?:预算)?绩效目标管理的[^，,；;。\n]{0,16}?项目\s*(?P<count>\d+)\s*个"),
    re.compile(r"(?P<count>\d+)\s*个(?:二级)?项目(?:纳入|实行|实施)了?(?:项目)?(?:预算)?绩效目标管理"),
)
_PUBLISHED = (
    re.compile(r"公开了?[^，,；;。\n\d]{0,6}?项目(?:支出)?绩效目标表?\s*(?P<count>\d+)\s*个"),  # 公开重点项目绩效目标5个
    re.compile(r"公开了?(?P<count>\d+)\s*个[^，,；;。\n\d]{0,6}?项目(?:的|支出)?绩效目标"),
)
# \s*+: possessive, so a long run of spaces after a claim is not split every way between the
# three \s (cubic: a paragraph of spaces stalled the check); the same matches.
_AMOUNT_AFTER = re.compile(r"^\s*+[，,]?\s*+(?:共计|合计|涉及|共)?(?:项目)?(?:预算)?(?:资金|金额)?(?:共计|合计)?\s*+"
                           + _NUM + r"\s*万元")


@dataclass
class Claim:
    """A count the text states: ``what`` is ``managed`` or ``published``; amount in 万元."""

    what: str
    count: int
    amount: Decimal | None
    raw: str
    place: Place


def text_claims(form: Form) -> list[Claim]:
    """The text's statements of how many projects carry targets (纳入绩效目标管理的二级项目62个，
    共计金额…万元) and how many targets are published (公开项目绩效目标62个，涉及项目金额…万元).
    Paragraphs are joined with line breaks, so an amount whose 万元 the export put on the next
    line is still read."""
    cells = list(_paragraph_cells(form))
    text, starts = "", []
    for c in cells:
        starts.append(len(text))
        text += c.text + "\n"
    out = []
    for what, patterns in (("managed", _MANAGED), ("published", _PUBLISHED)):
        for pat in patterns:
            for m in pat.finditer(text):
                a = _AMOUNT_AFTER.match(text[m.end():])
                amount = number(a.group("amount")) if a else None
                end = m.end() + (a.end() if a else 0)
                out.append(Claim(what, int(m.group("count")), amount, " ".join(text[m.start():end].split()),
                                 _place_at(cells, starts, m.start("count"), len(m.group("count")))))
    return out


def _paragraph_cells(form: Form) -> Iterator[Cell]:
    for row in form.paragraphs:
        for c in row.cells:
            if c.text:
                yield c
    for t in form.tables:  # a canonical filing gives its text as a table titled 情况说明
        if t.title == "情况说明":
            for r in t.rows:
                if r and r[0].text:
                    yield r[0]


def _place_at(cells: list[Cell], starts: list[int], offset: int, length: int) -> Place:
    i = max(k for k, s in enumerate(starts) if s <= offset)
    c, col = cells[i], offset - starts[i]
    p = c.place
    if p.line is None or p.end_line not in (None, p.line):
        return p
    first = (p.column or 1) + col
    return Place(line=p.line, column=first, end_line=p.line, end_column=first + length)


def _claim_hits(bt: Form, rows: list[ProjectRow], m: Match, has_forms: bool) -> Iterator[Hit]:
    projects = [r for r in rows if r.role == "project"]
    sure = not any(r.role == "doubt" for r in rows)
    seen_forms = [p.target for p in m.pairs + m.doubts] + m.extra
    for claim in text_claims(bt):
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
