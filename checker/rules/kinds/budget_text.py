"""Rule kind ``text_figures`` (B504): the figures of a disclosure's explanatory text agree with
its tables.

The text (第三部分 情况说明) repeats the tables: ``一般公共预算拨款收入11,356.37万元，占30.29%``,
``基本支出2561.68万元``, ``比上年减少1.6万元，减少7.5%``. Each ``…万元`` figure whose label names a
figure of the tables (checker.rules.kinds.budget_facts) is compared with it; a share (``占 …%``)
with the figure over the paragraph's first amount (or the amount it names: 占基本支出的…);
a change (``比上年增加 … 万元，增长 …%``) with the change over last year's amount (this year's
amount, the sentence's first, minus the change). All at the written precision.

A figure that disagrees with the tables but is the amount a 部门整体支出绩效目标表 of the same
filing states is left to M305, which compares the forms: one finding for one cause.

Paragraphs come from ``Form.paragraphs``; a canonical filing, which has no paragraphs yet,
may give them as the rows of a table titled ``情况说明`` (one cell per row).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Iterator

from checker.layout.budget_numbers import fmt, fmt_ratio, number, ratio_agrees, same_amount, unit_slip
from checker.layout.budget_vocab import text_scopes, text_terms
from checker.model import Cell, Form, Place
from checker.rules.kinds import Hit, kind
from checker.rules.kinds._common import budget_facts
from checker.layout.budget_facts import Fact, by_key

_FIGURE = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*万元")
_SHARE = re.compile(r"^\s*[，,]?\s*占(?P<base>[^，,；;。%0-9]{0,16}?)(?:的)?\s*(?P<pct>\d+(?:\.\d+)?)\s*[%％]")
_CHANGE_LABEL = re.compile(r"比(?:上年|上一年|\d{4}年)[^，,；;。]{0,8}?(?P<dir>增加|减少|增长|下降)$")
_CHANGE_PCT = re.compile(r"^\s*[，,]\s*(?P<dir>增长|下降|减少|增加)\s*(?P<pct>\d+(?:\.\d+)?)\s*[%％]")
_BREAK = "，,；;。：:、（(\n"
_SENTENCE = "；;。"


@dataclass
class Figure:
    """One ``…万元`` figure of the text: label before it, amount, share and change after it."""

    label: str
    amount: Decimal
    raw: str
    place: Place
    start: int
    share: tuple[str, Decimal, str] | None = None  # (named base, pct, raw)
    change: tuple[str, Decimal, str] | None = None  # (direction, pct, raw)


@kind("text_figures", variants=("amount", "change", "share"), scope="form", schema={"type": "object", "additionalProperties": False, "properties": {}})
def text_figures(check, form, ctx) -> Iterable[Hit]:
    """B504: the explanatory text's amounts, shares and changes agree with the tables."""
    known = by_key(budget_facts(form, ctx))
    stated_by_forms = _department_form_amounts(ctx.filing.forms if ctx is not None else [])
    terms = _terms(known)
    for cell in _paragraphs(form):
        figs = list(_figures(cell))
        if not figs:
            continue
        for n, fig in enumerate(figs):
            key = _key(fig.label, cell.text[: fig.start], known, terms)
            fact = known[key][0] if key in known else None
            if fact is not None and not same_amount(fig.amount, fact.wan):
                if not any(same_amount(fig.amount, a) for a in stated_by_forms):
                    doubt = "unit_unclear" if unit_slip(fig.amount, fact.wan) else None
                    yield Hit(place=fig.place, variant="amount", doubt=doubt, data={
                        "label": fig.label, "actual": fig.raw, "expected": fmt(_as_written(fact)), "table": fact.where(),
                        "figure": key})
            if fig.share is not None:
                yield from _share(fig, figs, n)
            if fig.change is not None:
                yield from _change(fig, figs, cell.text)


def _as_written(fact: Fact) -> Decimal:
    """The table's figure in 万元 as the text writes it: 5,032,600.00 元 → 503.26 (2 decimals)."""
    if fact.table.unit != "元":
        return fact.wan
    return fact.wan.quantize(Decimal("0.01")) if fact.wan.as_tuple().exponent < -2 else fact.wan


def _paragraphs(form: Form) -> Iterator[Cell]:
    for row in form.paragraphs:
        for c in row.cells:
            if c.text:
                yield c
    for t in form.tables:
        if t.title == "情况说明":
            for r in t.rows:
                if r and r[0].text:
                    yield r[0]


def _figures(cell: Cell) -> Iterator[Figure]:
    text = cell.text
    last_end = 0
    for m in _FIGURE.finditer(text):
        start = max(last_end, max((_break_before(text, b, m.start()) + 1 for b in _BREAK), default=0))
        label = text[start : m.start()].strip()
        amount = number(m.group(1))
        last_end = m.end()
        if amount is None:
            continue
        fig = Figure(label, amount, m.group(1), _place(cell, m.start(1), len(m.group(1))), m.start())
        after = text[m.end() :]
        s = _SHARE.match(after)
        if s:
            fig.share = (s.group("base").strip(), Decimal(s.group("pct")), s.group("pct") + "%")
        c = _CHANGE_PCT.match(after)
        if c and _CHANGE_LABEL.search(label):
            fig.change = (_CHANGE_LABEL.search(label).group("dir"), Decimal(c.group("pct")), c.group("pct") + "%")
        yield fig


def _break_before(text: str, mark: str, end: int) -> int:
    """Where ``mark`` last stands before ``end`` as a break of the label; a bracket of one or two
    characters closed again before the figure (因公出国（境）费0万元, 政府办公厅（室）) is part of
    the name, not a break; a longer one (（含上年结转）) still qualifies what follows it."""
    at = text.rfind(mark, 0, end)
    if mark in "（(" and at >= 0 and re.match(r"[（(][^（()）]{1,2}[)）]", text[at:end]):
        return _break_before(text, mark, at)
    return at


def _place(cell: Cell, offset: int, length: int) -> Place:
    if cell.place.line is None or cell.place.end_line not in (None, cell.place.line):
        return cell.place
    col = (cell.place.column or 1) + offset
    return Place(line=cell.place.line, column=col, end_line=cell.place.line, end_column=col + length)


def _terms(known: dict[str, list[Fact]]) -> list[tuple[str, str]]:
    """(term, figure key) a label may name: rules/budget_vocab.yaml text_terms, then the names of
    the functional classifications the tables give (``功能:…`` keys). Once per form, not per figure."""
    return list(text_terms()) + [(k.split(":", 1)[1], k) for k in known if k.startswith("功能:")]


def _key(label: str, before: str, known: dict[str, list[Fact]], terms: list[tuple[str, str]]) -> str | None:
    """The figure name a label stands for (rules/budget_vocab.yaml text_terms: the term that ends
    nearest the figure wins, the longest on a tie), scoped by the paragraph's subject (text_scopes).
    ``terms``: ``_terms(known)``, made once for a form's figures."""
    best: tuple[int, int, str] | None = None
    for term, key in terms:
        at = label.rfind(term)
        if at < 0:
            continue
        cand = (at + len(term), len(term), key)
        if best is None or cand[:2] > best[:2]:
            best = cand
    if best is None:
        return None
    key = best[2]
    # The paragraph's subject is the scope it names first (一般公共预算当年支出…, 财政拨款收支…).
    found = [(before.find(s), s) for s in text_scopes() if s in before]
    if found:
        scope = min(found)[1]
        scoped = (f"{scope}功能:" + key.split(":", 1)[1]) if key.startswith("功能:") else f"{scope}{key}"
        if scoped in known:
            return scoped
    return key


def _share(fig: Figure, figs: list[Figure], n: int) -> Iterator[Hit]:
    named, pct, raw = fig.share  # type: ignore[misc]
    base = next((f for f in figs[:n] if named and named in f.label), None) or figs[0]
    if base is fig or base.amount == 0:
        return
    if not ratio_agrees(pct, fig.amount, base.amount):
        yield Hit(place=fig.place, variant="share", data={
            "label": fig.label, "amount": fig.raw, "base": base.raw, "actual": raw,
            "expected": fmt_ratio(fig.amount, base.amount) + "%"})


def _change(fig: Figure, figs: list[Figure], text: str) -> Iterator[Hit]:
    direction, pct, raw = fig.change  # type: ignore[misc]
    sentence_start = max(text.rfind(b, 0, fig.start) for b in _SENTENCE) + 1
    current = next((f for f in figs if f.start >= sentence_start and f is not fig), None)
    if current is None or current.start > fig.start:
        return
    up = direction in ("增加", "增长")
    last_year = current.amount - fig.amount if up else current.amount + fig.amount
    if last_year <= 0:
        return
    if not ratio_agrees(pct, fig.amount, last_year):
        # Say so when the rate was taken over this year's amount instead of last year's.
        over_current = current.amount and ratio_agrees(pct, fig.amount, current.amount)
        yield Hit(place=fig.place, variant="change", data={
            "label": fig.label, "amount": fig.raw, "current": current.raw, "last_year": fmt(last_year),
            "actual": raw, "expected": fmt_ratio(fig.amount, last_year) + "%",
            "note": f"（{raw} 是以本年数 {current.raw} 为分母算得）" if over_current else "",
            "note_en": f" ({raw} is the change over this year's {current.raw})" if over_current else ""})


def _department_form_amounts(forms: list[Form]) -> list[Decimal]:
    """Amounts (万元) a 部门整体支出绩效目标表 of the filing states in its header."""
    out = []
    for f in forms:
        if f.kind == "department_target":
            out += [fld.money.in_wan() for fld in f.header.values() if fld.money is not None]
    return out
