"""Rule kind ``same_amount_across_forms`` (M305): a department's amounts agree wherever one
document states them — its 部门整体支出绩效目标表, its 绩效自评表 (年初预算数 and the breakdown)
and its budget disclosure tables.

Forms are grouped by department (the name without a leading code such as ``018-``; a form
without a name joins the document's only department) and budget year. For each pair of forms
the shared amounts are compared in 万元 at the coarser written precision: 资金总额, 基本支出,
项目支出 and each source of funds. A self-evaluation's breakdown is compared only when it
describes the 年初预算数 (年初 = 全年预算数, or the parts add up to 年初): after mid-year
changes it describes the 全年预算数, which a target form never stated.

One finding per pair of forms, listing every amount that differs and those that agree. It is
placed on the form whose own arithmetic fails (资金总额 ≠ 基本支出 + 项目支出, or ≠ Σ sources)
when the other's holds — that tells the reviewer which figure is the typo — else on the target
form when the budget tables disagree with it (the tables balance across 13 tables), else on the
later form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from checker.domain.money import amounts_in_text, to_wan
from checker.layout.budget_facts import by_key
from checker.layout.budget_numbers import fmt, same_amount, sum_agrees, unit_slip
from checker.model import Form, Place
from checker.rules.kinds import Hit, kind
from checker.rules.kinds._common import budget_facts

_CODE_PREFIX = re.compile(r"^[0-9A-Za-z]+[-－—_\s]+")
_ITEMS = ("资金总额", "基本支出", "项目支出", "来源:一般公共预算", "来源:政府性基金预算", "来源:国有资本经营预算",
          "来源:财政专户管理资金")
_KIND_ZH = {"department_target": "部门整体支出绩效目标表", "department_self_eval": "部门整体支出绩效自评表",
            "budget_table": "部门预算公开表", "project_target": "项目支出绩效目标表", "project_self_eval": "项目支出绩效自评表"}
_RANK = {"budget_table": 0, "department_target": 1, "department_self_eval": 2}


@dataclass
class Stated:
    """One amount a form states: in 万元 (exact), the raw text and where."""

    wan: Decimal
    raw: str
    place: Place
    alternatives: tuple[Decimal, ...] = ()
    unit: str = "万元"  # the unit ``raw`` is written in (a disclosure table may be in 元)

    def shown(self) -> str:
        """The figure as written, with its unit when that is not the message's 万元."""
        return self.raw if self.unit == "万元" else f"{self.raw} {self.unit}"


@kind("same_amount_across_forms", scope="filing", schema={"type": "object", "additionalProperties": False, "properties": {}})
def same_amount_across_forms(check, form, ctx) -> Iterable[Hit]:
    """M305: the same department's amounts agree across its forms in one document."""
    forms = [f for f in ctx.filing.forms if f.kind in _RANK]
    groups = _groups(forms)
    for members in groups.values():
        stated = [(f, _statements(f, ctx)) for f in members]
        for i, (a, sa) in enumerate(stated):
            for b, sb in stated[i + 1 :]:
                if a.kind == b.kind or (a.year and b.year and a.year != b.year):
                    continue
                hit = _compare(a, sa, b, sb)
                if hit is not None:
                    yield hit


# --------------------------------------------------------------------------- grouping


def department_of(form: Form) -> str:
    """The department's name as forms write it, without a leading code (``018-``) or blanks."""
    f = form.header.get("department_name")
    if f is None:
        return ""
    return _CODE_PREFIX.sub("", re.sub(r"\s|\u3000", "", f.raw)).strip()


def _groups(forms: list[Form]) -> dict[str, list[Form]]:
    named = {department_of(f) for f in forms if department_of(f)}
    groups: dict[str, list[Form]] = {}
    for f in forms:
        name = department_of(f) or (next(iter(named)) if len(named) == 1 else "")
        if name:
            groups.setdefault(name, []).append(f)
    return groups


# --------------------------------------------------------------------------- what each form states


def _statements(form: Form, ctx) -> dict[str, Stated]:
    if form.kind == "budget_table":
        return _from_tables(form, ctx)
    out: dict[str, Stated] = {}
    total_key = "initial_budget" if form.kind == "department_self_eval" else "budget_total"
    total = form.header.get(total_key) or (form.header.get("budget_total") if form.kind != "department_self_eval" else None)
    if total is not None and total.money is not None:
        out["资金总额"] = Stated(_wan(total.money), total.raw, total.place, unit=total.money.unit)
    parts: dict[str, Stated] = {}
    for key, fld in form.header.items():
        if fld.money is None:
            continue
        name = _item(key)
        if name and name != "资金总额":
            parts[name] = Stated(_wan(fld.money), fld.raw, fld.place, unit=fld.money.unit)
    if form.kind == "department_self_eval" and not _breakdown_is_initial(form, parts):
        return out
    out.update(parts)
    return out


def _wan(money) -> Decimal:
    """Money in 万元 keeping its written precision (Money.in_wan divides and loses it)."""
    return to_wan(money.amount, money.unit)


def _item(key: str) -> str | None:
    if key == "spend:基本支出":
        return "基本支出"
    if key == "spend:项目支出":
        return "项目支出"
    if not key.startswith("fund:"):
        return None
    for word, name in (("一般公共预算", "来源:一般公共预算"), ("政府性基金", "来源:政府性基金预算"),
                       ("国有资本", "来源:国有资本经营预算"), ("专户", "来源:财政专户管理资金")):
        if word in key:
            return name
    return None


def _breakdown_is_initial(form: Form, parts: dict[str, Stated]) -> bool:
    initial, full = form.header.get("initial_budget"), form.header.get("budget_total")
    if initial is None or initial.money is None:
        return False
    if full is not None and full.money is not None and same_amount(_wan(initial.money), _wan(full.money)):
        return True
    spend = [parts[k].wan for k in ("基本支出", "项目支出") if k in parts]
    return len(spend) == 2 and sum_agrees(_wan(initial.money), spend)


def _from_tables(form: Form, ctx) -> dict[str, Stated]:
    known = by_key(budget_facts(form, ctx))
    out: dict[str, Stated] = {}

    totals = [known[k][0] for k in ("支出总计", "支出合计", "收入总计", "收入合计") if k in known]
    if totals:
        t = totals[0]
        out["资金总额"] = Stated(t.wan, fmt(t.amount), t.cell.place, tuple(x.wan for x in totals[1:]), t.table.unit)
    for key in _ITEMS[1:]:
        if key in known:
            f = known[key][0]
            out[key] = Stated(f.wan, fmt(f.amount), f.cell.place, unit=f.table.unit)
    return out


# --------------------------------------------------------------------------- comparing two forms


def _agree(a: Stated, b: Stated) -> bool:
    return any(same_amount(x, y) for x in (a.wan,) + a.alternatives for y in (b.wan,) + b.alternatives)


def _consistent(st: dict[str, Stated]) -> bool | None:
    """资金总额 = 基本 + 项目 (and = Σ sources when given); None when the form cannot tell."""
    if "资金总额" not in st:
        return None
    total = st["资金总额"].wan
    checks = []
    if "基本支出" in st and "项目支出" in st:
        checks.append(sum_agrees(total, [st["基本支出"].wan, st["项目支出"].wan]))
    sources = [v.wan for k, v in st.items() if k.startswith("来源:")]
    if len(sources) >= 2:
        checks.append(sum_agrees(total, sources))
    return all(checks) if checks else None


def _compare(a: Form, sa: dict[str, Stated], b: Form, sb: dict[str, Stated]) -> Hit | None:
    shared = [k for k in _ITEMS if k in sa and k in sb]
    differ = [k for k in shared if not _agree(sa[k], sb[k])]
    if not differ:
        return None
    blamed, other = _blame(a, sa, b, sb)
    s_bl, s_ot = (sa, sb) if blamed is a else (sb, sa)
    first = differ[0]
    gaps = [(_zh(k), s_bl[k].shown(), s_ot[k].shown(), _gap(s_bl[k].wan, s_ot[k].wan)) for k in differ]
    agreeing = [f"{_zh(k)} {s_bl[k].shown()}" for k in shared if k not in differ]
    # Every difference exactly 元 ↔ 万元: a unit misread or misprinted, the input's doubt.
    slip = all(unit_slip(s_bl[k].wan, s_ot[k].wan) for k in differ)
    note, note_en = ("", "")
    if _consistent(s_ot) and not _consistent(s_bl):
        note, note_en = _note(s_ot)
    tables = a if a.kind == "budget_table" else b if b.kind == "budget_table" else None
    if tables is not None and blamed is not tables:
        lines = _text_repeats(tables, [s_bl[k] for k in differ])
        if lines:
            note += f"部门预算公开的说明（第 {'、'.join(lines)} 行）也写了本表的数"
            note_en += f" The disclosure's text (line {', '.join(lines)}) repeats this form's figures."
    return Hit(form=blamed, place=s_bl[first].place, doubt="unit_unclear" if slip else None, data={
        "form_kind": _KIND_ZH[blamed.kind], "other_kind": _KIND_ZH[other.kind], "other": other.id,
        "items": "；".join(f"{k} {x} ≠ {y}（差 {d} 万元）" for k, x, y, d in gaps),
        "items_en": "; ".join(f"{k} {x} ≠ {y} (off by {d} 万元)" for k, x, y, d in gaps),
        "agree": "、".join(agreeing) or "无", "agree_en": ", ".join(agreeing) or "none",
        "note": note, "note_en": note_en.strip(), "item": _zh(first),
        "actual": s_bl[first].raw, "expected": s_ot[first].raw, "unit": s_bl[first].unit})


def _gap(a: Decimal, b: Decimal) -> str:
    """a − b in 万元 at the coarser precision of the two (1136 − 1163.000000 → -27)."""
    exp = max(a.as_tuple().exponent, b.as_tuple().exponent)
    return fmt((a - b).quantize(Decimal(1).scaleb(exp)))


def _blame(a: Form, sa, b: Form, sb) -> tuple[Form, Form]:
    ca, cb = _consistent(sa), _consistent(sb)
    if ca is False and cb:
        return a, b
    if cb is False and ca:
        return b, a
    if {a.kind, b.kind} == {"budget_table", "department_target"}:
        return (a, b) if a.kind == "department_target" else (b, a)
    return (b, a) if _RANK[b.kind] >= _RANK[a.kind] else (a, b)


def _note(st: dict[str, Stated]) -> tuple[str, str]:
    """(zh, en) sentence saying the other form's own sum holds; ("", "") when it cannot be shown."""
    t, base, proj = st["资金总额"], st.get("基本支出"), st.get("项目支出")
    if base is None or proj is None:
        return "", ""
    return (f"另一表内 资金总额 = 基本支出 + 项目支出 成立（{t.raw} = {base.raw} + {proj.raw}），本表不成立",
            f"In the other form 资金总额 = 基本支出 + 项目支出 holds ({t.raw} = {base.raw} + {proj.raw}); "
            "in this one it does not.")


def _text_repeats(tables: Form, stated: list[Stated]) -> list[str]:
    """Where the disclosure's own text repeats the disagreeing amounts (it often copies the
    target form: 涉及部门预算资金41817.28万元), so the reviewer sees both statements."""
    lines = []
    for row in tables.paragraphs:
        text = "".join(c.text for c in row.cells).replace(",", "")
        amounts = [to_wan(a, unit) for a, unit in amounts_in_text(text)]
        if any(same_amount(st.wan, x) for st in stated for x in amounts) and row.place.line:
            lines.append(str(row.place.line))
    return lines


def _zh(key: str) -> str:
    return key.split(":", 1)[-1]
