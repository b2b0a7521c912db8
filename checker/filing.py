"""The canonical filing: a Filing as plain data (YAML/JSON) and back.

The same format is what ``checker parse`` prints, what the canonical-file reader reads, and
what rule examples are written in (a form fragment). Shape (rules/schema/filing.schema.json)::

    version: 1
    path: filing.txt
    forms:
      - id: filing.txt#1
        kind: project_target          # Form.kind
        title: 2026年项目支出绩效目标表
        year: 2026
        header:
          budget_total: {label: 年度资金总额, raw: "1,600,000", unit: 元}
          fund:一般公共预算: {label: 一般公共预算, raw: "3531.93", money: {amount: "3531.93", unit: 万元}}
        indicators:
          - {level1: 产出指标, level2: 数量指标, name: 污水处理量, value: "720", unit: 万吨, value_type: ≥}
        level2_groups: [{level1: 成本指标, level2: 社会成本指标, count: 0}]
        paragraphs:                   # text of the form outside its tables (a disclosure's 情况说明)
          - {text: 2026年收入预算37494.28万元, place: {line: 12}}

Money is a string of digits (never a float); ``unit`` on a header field is a shorthand that
reads ``raw`` (commas allowed) as an amount in 元 or 万元. Places are
``{line, column, end_line, end_column, sheet, cell, table, row, col, page, box}`` (all optional;
``page`` and ``box`` [x0, top, x1, bottom] in points for a PDF).
Omitted ``level2_groups`` are derived from the indicators; omitted ids are ``<path>#<n>``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from checker.errors import InputError
from checker.model import (
    NOWHERE,
    Cell,
    Field,
    Filing,
    Finding,
    Form,
    Indicator,
    Level2Group,
    Money,
    Place,
    Row,
    Table,
)

FORM_KINDS = ("project_target", "department_target", "project_self_eval", "department_self_eval", "budget_table")
_PLACE_KEYS = ("line", "column", "end_line", "end_column", "sheet", "cell", "table", "row", "col", "page", "box")
_IND_TEXT = ("level1", "level2", "name", "value", "unit", "value_type", "note", "row_text")
_IND_OPT = ("actual", "weight", "score", "deviation", "block", "period_value", "period_name", "project")


class _Bad(Exception):
    """A problem at a JSON pointer inside the data (turned into InputError by the caller)."""

    def __init__(self, pointer: str, message: str):
        self.pointer, self.message = pointer, message


# --------------------------------------------------------------------------- model → dict


def place_to_dict(place: Place) -> dict[str, Any]:
    """Only the keys that are set (an empty dict for NOWHERE)."""
    d = {k: getattr(place, k) for k in _PLACE_KEYS if getattr(place, k) is not None}
    if "box" in d:
        d["box"] = list(d["box"])
    return d


def _money_to_dict(m: Money) -> dict[str, Any]:
    return {"amount": str(m.amount), "unit": m.unit, "raw": m.raw, "place": place_to_dict(m.place)}


def _field_to_dict(f: Field) -> dict[str, Any]:
    d: dict[str, Any] = {"label": f.label, "raw": f.raw, "place": place_to_dict(f.place)}
    if f.money is not None:
        d["money"] = _money_to_dict(f.money)
    return d


def _indicator_to_dict(ind: Indicator) -> dict[str, Any]:
    d: dict[str, Any] = {k: getattr(ind, k) for k in _IND_TEXT if getattr(ind, k)}
    d.setdefault("level1", ind.level1)
    d.setdefault("level2", ind.level2)
    d.setdefault("name", ind.name)
    for k in _IND_OPT:
        if getattr(ind, k) is not None:
            d[k] = getattr(ind, k)
    d["place"] = place_to_dict(ind.place)
    if ind.cell_places:
        d["cell_places"] = {k: place_to_dict(p) for k, p in ind.cell_places.items()}
    if ind.doubts:
        d["doubts"] = list(ind.doubts)
    if ind.parse_error:
        d["parse_error"] = ind.parse_error
    return d


def form_to_dict(form: Form) -> dict[str, Any]:
    """One form as JSON-safe data (see the module docstring for the shape)."""
    d: dict[str, Any] = {"id": form.id, "kind": form.kind, "title": form.title, "year": form.year,
                         "place": place_to_dict(form.place)}
    d["header"] = {k: _field_to_dict(f) for k, f in form.header.items()}
    d["indicators"] = [_indicator_to_dict(i) for i in form.indicators]
    d["level2_groups"] = [
        {"level1": g.level1, "level2": g.level2, "count": g.count, "place": place_to_dict(g.place)}
        for g in form.level2_groups
    ]
    if form.tables:
        d["tables"] = [_table_to_dict(t) for t in form.tables]
    for name in ("total_score", "grade"):
        if getattr(form, name) is not None:
            d[name] = _field_to_dict(getattr(form, name))
    if form.level1_weights:
        d["level1_weights"] = {k: _field_to_dict(f) for k, f in form.level1_weights.items()}
    if form.has_period_block:
        d["has_period_block"] = True
    if form.end_place is not None:
        d["end_place"] = place_to_dict(form.end_place)
    if form.paragraphs:
        d["paragraphs"] = [_paragraph_to_dict(r) for r in form.paragraphs]
    if form.period_indicators:
        d["period_indicators"] = [_indicator_to_dict(i) for i in form.period_indicators]
    return d


def _paragraph_to_dict(row: Row) -> Any:
    """A text paragraph of the form (the disclosure's 情况说明): ``{text, place}``, or the list
    of its cells when the row had several."""
    cells = [{"text": c.text, "place": place_to_dict(c.place)} for c in row.cells]
    return cells[0] if len(cells) == 1 else cells


def _table_to_dict(t: Table) -> dict[str, Any]:
    return {"title": t.title, "unit": t.unit, "columns": list(t.columns), "number": t.number,
            "place": place_to_dict(t.place),
            "rows": [[{"text": c.text, "place": place_to_dict(c.place)} for c in row] for row in t.rows]}


def finding_to_dict(f: Finding) -> dict[str, Any]:
    """A finding as in the JSON report (DESIGN.md §5), plus ``waived`` and ``count``."""
    return {"code": f.code, "severity": f.severity, "message": dict(f.message), "form": f.form,
            "indicator": f.indicator, "place": place_to_dict(f.place),
            "data": {k: str(v) for k, v in f.data.items()}, "waived": f.waived, "count": f.count}


def filing_to_dict(filing: Filing) -> dict[str, Any]:
    """The whole filing as JSON-safe data: Decimals as strings, places as dicts."""
    d: dict[str, Any] = {"version": 1, "path": filing.path, "forms": [form_to_dict(f) for f in filing.forms]}
    if filing.findings:
        d["findings"] = [finding_to_dict(f) for f in filing.findings]
    return d


# --------------------------------------------------------------------------- dict → model


def filing_from_dict(data: dict, path: str) -> Filing:
    """Build a Filing from canonical data. Raises InputError naming ``path`` and the JSON
    pointer of the first bad value (``/forms/2/header/budget_total/money/amount``)."""
    try:
        if not isinstance(data, dict):
            raise _Bad("", "expected a mapping with a 'forms' list")
        forms = data.get("forms")
        if not isinstance(forms, list):
            raise _Bad("/forms", "expected a list of forms")
        filing = Filing(path=str(data.get("path") or path))
        for i, fd in enumerate(forms):
            filing.forms.append(_form(fd, f"{path}#{i + 1}", f"/forms/{i}"))
        for i, fd in enumerate(data.get("findings") or []):
            filing.findings.append(_finding(fd, f"/findings/{i}"))
        return filing
    except _Bad as bad:
        raise InputError(path, f"{bad.pointer or '/'}: {bad.message}") from None


def form_from_dict(data: dict, form_id: str) -> Form:
    """Build one Form from canonical data (a rule example's fragment). Raises InputError
    naming ``form_id`` and the JSON pointer of the bad value."""
    try:
        return _form(data, form_id, "")
    except _Bad as bad:
        raise InputError(form_id, f"{bad.pointer or '/'}: {bad.message}") from None


def _form(d: Any, default_id: str, ptr: str) -> Form:
    _need_map(d, ptr)
    kind = d.get("kind")
    if kind not in FORM_KINDS:
        raise _Bad(f"{ptr}/kind", f"expected one of {', '.join(FORM_KINDS)}, got {kind!r}")
    year = d.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise _Bad(f"{ptr}/year", f"expected a year such as 2026, got {year!r}")
    form = Form(id=str(d.get("id") or default_id), kind=kind, title=_text(d, "title", ptr),
                place=_place(d.get("place"), f"{ptr}/place"), year=year)
    for key, fd in _map(d, "header", ptr).items():
        form.header[str(key)] = _field(fd, f"{ptr}/header/{key}")
    for i, idd in enumerate(_list(d, "indicators", ptr)):
        form.indicators.append(_indicator(idd, f"{ptr}/indicators/{i}"))
    groups = d.get("level2_groups")
    if groups is None:
        form.level2_groups = _derive_groups(form.indicators)
    else:
        for i, gd in enumerate(_list(d, "level2_groups", ptr)):
            gp = f"{ptr}/level2_groups/{i}"
            _need_map(gd, gp)
            form.level2_groups.append(Level2Group(_text(gd, "level1", gp), _text(gd, "level2", gp),
                                                  _place(gd.get("place"), f"{gp}/place"), _int(gd, "count", gp)))
    for i, td in enumerate(_list(d, "tables", ptr)):
        form.tables.append(_table(td, f"{ptr}/tables/{i}"))
    for name in ("total_score", "grade"):
        if d.get(name) is not None:
            setattr(form, name, _field(d[name], f"{ptr}/{name}"))
    for key, fd in _map(d, "level1_weights", ptr).items():
        form.level1_weights[str(key)] = _field(fd, f"{ptr}/level1_weights/{key}")
    form.has_period_block = bool(d.get("has_period_block", False))
    if d.get("end_place") is not None:
        form.end_place = _place(d["end_place"], f"{ptr}/end_place")
    for i, pd in enumerate(_list(d, "paragraphs", ptr)):
        form.paragraphs.append(_paragraph(pd, f"{ptr}/paragraphs/{i}"))
    for i, idd in enumerate(_list(d, "period_indicators", ptr)):
        ind = _indicator(idd, f"{ptr}/period_indicators/{i}")
        ind.block = ind.block or "period"
        form.period_indicators.append(ind)
    return form


def _paragraph(d: Any, ptr: str) -> Row:
    """A paragraph as written in a filing: a string, ``{text, place}``, or a list of those."""
    items = d if isinstance(d, list) else [d]
    cells = []
    for j, c in enumerate(items):
        cp = f"{ptr}/{j}" if isinstance(d, list) else ptr
        if isinstance(c, dict):
            cells.append(Cell(_text(c, "text", cp), _place(c.get("place"), f"{cp}/place")))
        else:
            cells.append(Cell(_scalar_text(c, cp), NOWHERE))
    place = cells[0].place if cells else NOWHERE
    return Row(cells=cells, place=place, raw="\t".join(c.text for c in cells))


def _derive_groups(indicators: list[Indicator]) -> list[Level2Group]:
    """One group per (level1, level2) met in the indicators, counting named rows."""
    groups: dict[tuple[str, str], Level2Group] = {}
    for ind in indicators:
        if not ind.level2:
            continue
        g = groups.setdefault((ind.level1, ind.level2), Level2Group(ind.level1, ind.level2, ind.place, 0))
        if ind.name:
            g.count += 1
    return list(groups.values())


def _indicator(d: Any, ptr: str) -> Indicator:
    _need_map(d, ptr)
    ind = Indicator(**{k: _text(d, k, ptr) for k in _IND_TEXT})
    for k in _IND_OPT:
        if d.get(k) is not None:
            setattr(ind, k, _scalar_text(d[k], f"{ptr}/{k}"))
    ind.place = _place(d.get("place"), f"{ptr}/place")
    ind.cell_places = {str(k): _place(v, f"{ptr}/cell_places/{k}") for k, v in _map(d, "cell_places", ptr).items()}
    ind.doubts = [str(x) for x in _list(d, "doubts", ptr)]
    if d.get("parse_error"):
        ind.parse_error = str(d["parse_error"])
    return ind


def _field(d: Any, ptr: str) -> Field:
    if isinstance(d, (str, int)) and not isinstance(d, bool):
        d = {"raw": str(d)}
    _need_map(d, ptr)
    f = Field(label=_text(d, "label", ptr), raw=_text(d, "raw", ptr), place=_place(d.get("place"), f"{ptr}/place"))
    if d.get("money") is not None:
        f.money = _money(d["money"], f"{ptr}/money", f.place, f.raw)
    elif d.get("unit") is not None:
        unit = d["unit"]
        _check_unit(unit, f"{ptr}/unit")
        f.money = Money(_amount(f.raw, f"{ptr}/raw"), unit, f.raw, f.place) if f.raw.strip() else None
    return f


def _check_unit(unit: Any, ptr: str) -> None:
    """A filing's amounts are in a unit a form may state (the domain's, rules/layout_vocab.yaml
    money_units: 元 or 万元), as the layout writes them."""
    from checker.domain.money import TO_WAN, money_words

    stated = money_words().stated
    if unit not in stated:
        raise _Bad(ptr, f"expected {' or '.join(sorted(stated, key=TO_WAN.__getitem__))}, got {unit!r}")


def _money(d: Any, ptr: str, place: Place, raw: str) -> Money:
    _need_map(d, ptr)
    unit = d.get("unit")
    _check_unit(unit, f"{ptr}/unit")
    amount = _amount(d.get("amount"), f"{ptr}/amount")
    return Money(amount, unit, str(d.get("raw") or raw or d.get("amount")),
                 _place(d["place"], f"{ptr}/place") if d.get("place") else place)


def _amount(value: Any, ptr: str) -> Decimal:
    """An amount written as a string (``"1,600,000"``, ``"3531.93"``) or an integer."""
    if isinstance(value, float) or isinstance(value, bool) or value is None:
        raise _Bad(ptr, f"expected an amount as a string such as \"3531.93\", got {value!r}")
    try:
        return Decimal(str(value).replace(",", "").replace("，", "").strip())
    except InvalidOperation:
        raise _Bad(ptr, f"not an amount: {value!r}") from None


def _table(d: Any, ptr: str) -> Table:
    _need_map(d, ptr)
    rows = []
    for i, row in enumerate(_list(d, "rows", ptr)):
        if not isinstance(row, list):
            raise _Bad(f"{ptr}/rows/{i}", "expected a list of cells")
        cells = []
        for j, c in enumerate(row):
            cp = f"{ptr}/rows/{i}/{j}"
            if isinstance(c, dict):
                cells.append(Cell(_text(c, "text", cp), _place(c.get("place"), f"{cp}/place")))
            else:
                cells.append(Cell(_scalar_text(c, cp), NOWHERE))
        rows.append(cells)
    unit = _text(d, "unit", ptr) or "万元"  # as the layout reads a table that states no unit
    _check_unit(unit, f"{ptr}/unit")
    return Table(title=_text(d, "title", ptr), unit=unit, columns=[str(c) for c in _list(d, "columns", ptr)],
                 rows=rows, place=_place(d.get("place"), f"{ptr}/place"), number=d.get("number"))


def _finding(d: Any, ptr: str) -> Finding:
    """A finding carried by a canonical filing. Only the reading's own findings (the built-in
    codes of rules/codes.yaml: X9xx doubts, S113 — what ``checker parse`` found in the original and
    a check of the filing cannot find again) are taken, marked ``data["imported"]``, never waived;
    a rule's code would be a finding the checker did not make, so the file is refused."""
    from checker.rules.codes import builtin_codes

    _need_map(d, ptr)
    code = _text(d, "code", ptr)
    if code not in builtin_codes():
        raise _Bad(f"{ptr}/code", f"a filing may carry only the reading's own findings ({', '.join(builtin_codes())}), "
                   f"not {code!r}: the checker's findings are its own, never taken from its input")
    if d.get("waived"):
        raise _Bad(f"{ptr}/waived", "a filing cannot waive a finding; use a --waivers file")
    sev = d.get("severity", "error")
    if sev not in ("error", "warning", "info"):
        raise _Bad(f"{ptr}/severity", f"expected error, warning or info, got {sev!r}")
    msg = d.get("message") or {}
    if isinstance(msg, str):
        msg = {"zh": msg}
    data = d.get("data") or {}
    if not isinstance(data, dict):
        raise _Bad(f"{ptr}/data", "expected a mapping")
    data = {str(k): str(v) for k, v in data.items()} | {"imported": "unverified"}
    return Finding(code=code, severity=sev, message={str(k): str(v) for k, v in msg.items()},
                   form=d.get("form"), indicator=d.get("indicator"), place=_place(d.get("place"), f"{ptr}/place"),
                   data=data)


def _place(d: Any, ptr: str) -> Place:
    if d is None:
        return NOWHERE
    _need_map(d, ptr)
    unknown = set(d) - set(_PLACE_KEYS)
    if unknown:
        raise _Bad(ptr, f"unknown place key {sorted(unknown)[0]!r}; expected {', '.join(_PLACE_KEYS)}")
    for k in ("line", "column", "end_line", "end_column", "table", "row", "col", "page"):
        if d.get(k) is not None and (not isinstance(d[k], int) or isinstance(d[k], bool)):
            raise _Bad(f"{ptr}/{k}", f"expected a whole number, got {d[k]!r}")
    return Place(**{k: d.get(k) for k in _PLACE_KEYS if k != "box"}, box=_box(d.get("box"), f"{ptr}/box"))


def _box(v: Any, ptr: str) -> tuple[float, float, float, float] | None:
    """A PDF place's box: four numbers (points), or None."""
    if v is None:
        return None
    try:  # YAML filings load decimals as strings (checker.readers.filing): "42.0"
        if isinstance(v, list) and len(v) == 4 and not any(isinstance(x, bool) for x in v):
            return tuple(float(x) for x in v)  # type: ignore[return-value]
    except (TypeError, ValueError):
        pass
    raise _Bad(ptr, f"expected four numbers [x0, top, x1, bottom], got {v!r}")


def _need_map(d: Any, ptr: str) -> None:
    if not isinstance(d, dict):
        raise _Bad(ptr, f"expected a mapping, got {type(d).__name__}")


def _map(d: dict, key: str, ptr: str) -> dict:
    v = d.get(key)
    if v is None:
        return {}
    _need_map(v, f"{ptr}/{key}")
    return v


def _list(d: dict, key: str, ptr: str) -> list:
    v = d.get(key)
    if v is None:
        return []
    if not isinstance(v, list):
        raise _Bad(f"{ptr}/{key}", f"expected a list, got {type(v).__name__}")
    return v


def _text(d: dict, key: str, ptr: str) -> str:
    v = d.get(key)
    return "" if v is None else _scalar_text(v, f"{ptr}/{key}")


def _scalar_text(v: Any, ptr: str) -> str:
    """Text of a scalar. Floats are refused: YAML reads 95.0 or 1e3 as a float and the
    written precision (which the money tolerance needs) would be lost."""
    if isinstance(v, bool) or isinstance(v, (dict, list)):
        raise _Bad(ptr, f"expected text, got {v!r} (quote it)")
    if isinstance(v, float):
        raise _Bad(ptr, f"expected text, got the number {v!r}; quote it so its precision is kept")
    return str(v)  # Decimal (from the rule loader) keeps its written digits


def _int(d: dict, key: str, ptr: str) -> int:
    v = d.get(key, 0)
    if not isinstance(v, int) or isinstance(v, bool):
        raise _Bad(f"{ptr}/{key}", f"expected a whole number, got {v!r}")
    return v
