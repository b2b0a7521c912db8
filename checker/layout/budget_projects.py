"""A budget disclosure's project-expenditure table (表十二, 项目支出预算表（本年预算）) and its
text's project counts, as read: the layout's part of B505 (the kind ``projects_have_targets`` in
checker/rules/kinds/budget_projects.py judges what is read here; nothing here reports anything).

- ``project_rows`` reads the table: one ``ProjectRow`` per named row, with its role. A unit's
  row (泽州县园林环卫事务中心 20.00 above 园林环卫事务中心办公经费 20.00) is a subtotal, not a
  project. Roles come from the arithmetic: the top row (合计, or the department) must equal the
  sum of the items below it, and a row is a subtotal when the rows under it add up to it *and*
  the whole table still adds up. A name only breaks a tie the arithmetic leaves open; a row whose
  role stays open is ``doubt`` and never blamed for a missing form.
- ``name_key``: the form a project name is compared in (brackets, quotes, punctuation, spaces
  and full-width forms removed).
- ``text_claims`` reads the text's ``纳入绩效目标管理的二级项目62个，共计金额34,932.60万元`` and
  ``公开项目绩效目标62个，涉及项目金额…万元``.

Amounts keep their written precision; ``ProjectRow.wan`` is in 万元 (checker.domain.money).
Source: 部门预算公开 第三部分 绩效管理情况 and the 附件 of project target forms [V] (seed 003).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from decimal import Decimal
from typing import Iterator

from checker.domain import money
from checker.domain.money import to_wan
from checker.layout.budget_numbers import number
from checker.layout.budget_structure import Reading, is_total, is_unit_name
from checker.layout.budget_vocab import total_words
from checker.layout.labels import normalize
from checker.model import Cell, Form, Place, Table

# --------------------------------------------------------------------------- the table

_DIGITS = re.compile(r"[\d\s]+")

@dataclass(frozen=True)
class ProjectRow:
    """One named row of a project-expenditure table, made whole by ``project_rows`` and frozen:
    ``key`` is worked out from ``name`` on first use and kept.

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

    @cached_property
    def key(self) -> str:
        """``name_key(name)``, worked out once: B505 compares it with every form's key and
        looks it up again for each form left over (the row is frozen, its name fixed)."""
        return name_key(self.name)

    def where(self) -> str:
        return f"表{self.table.number}" if self.table.number else self.table.title


def project_rows(reading: Reading, department: str = "") -> list[ProjectRow]:
    """The named rows of the 项目支出表 ``reading.table`` with their roles (see the module doc),
    its blocks and amounts taken from ``reading`` (budget_structure). ``department`` (the
    disclosure's department name) only breaks ties the arithmetic leaves open."""
    table = reading.table
    name_col, amount_col = _columns(reading)
    bl = reading.blocks
    labels = [name_col] + [i for i in (bl[0].labels if bl else []) if i != name_col]
    named: list[tuple[str, Decimal | None, Cell]] = []
    amounts = reading.column(amount_col) if amount_col is not None else [None] * len(table.rows)
    for r, a in zip(table.rows, amounts):
        # A unit's or the 合计 row may write its name in another label column (单位名称).
        c = next((r[i] for i in labels if i < len(r) and r[i].text.strip()), None)
        name = normalize(c.text) if c is not None else ""
        if not name or _DIGITS.fullmatch(name):  # the 1 2 3 … column-number row
            continue
        named.append((name, a, c))
    # The roles first, so each row is made whole (ProjectRow is frozen): one role per row.
    roles = _roles([a for _, a, _ in named], [name for name, _, _ in named], department)
    return [ProjectRow(name, a, to_wan(a, table.unit) if a is not None else None, c, table, role)
            for (name, a, c), role in zip(named, roles, strict=True)]


def _columns(reading: Reading) -> tuple[int, int | None]:
    """(project-name column, 合计 column): by header names, else the first label/value column."""
    names = [c.split("/")[-1] for c in reading.table.columns]
    name_col = next((i for i, n in enumerate(names) if "项目名称" in n), None)
    if name_col is None:
        name_col = next((i for i, n in enumerate(names) if n.endswith("项目")), 0)
    bl = reading.blocks
    values = reading.value_columns(bl[0]) if bl else []
    totals = total_words().column_endings  # a column named just 合计, 小计 or 总计 (rules/budget_vocab.yaml)
    total = next((i for i in values if names[i] in totals), None)
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


# --------------------------------------------------------------------------- project names

_DROP = re.compile(r"[\s()\[\]{}<>《》“”\"'‘’「」『』【】〔〕、,.。·:;!?~\-—_/\\|]")


def name_key(text: str) -> str:
    """A project name in the form names are compared by: full-width forms folded (NFKC),
    brackets, quotes, punctuation and spaces removed. ``太岳街（兰花路至畅安路）路面改造`` and
    ``太岳街(兰花路至畅安路) 路面改造`` have one key."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text)).lower()


# --------------------------------------------------------------------------- the text

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
_AMOUNT_AFTER = (r"^\s*+[，,]?\s*+(?:共计|合计|涉及|共)?(?:项目)?(?:预算)?(?:资金|金额)?(?:共计|合计)?\s*+"
                 + _NUM + r"\s*(?P<unit>{unit})")  # a stated money unit of the domain (checker.domain.money)


@dataclass
class Claim:
    """A count the text states: ``what`` is ``managed`` or ``published``; amount in 万元 (an amount
    the text writes in 元 converted, at its written precision)."""

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
                a = money.pattern(_AMOUNT_AFTER).match(text[m.end():])
                written = number(a.group("amount")) if a else None
                amount = to_wan(written, a.group("unit")) if written is not None else None
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
