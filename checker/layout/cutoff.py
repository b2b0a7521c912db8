"""A form the document ends inside: the page was cut off (a web page's first screen, a PDF's
first page, a truncated download; most of shared/corpus is so).

What comes after the cut was never read, so rules about what a table lacks (S101–S107, V209),
about totals over all its rows (E403, E405) or about costs that fall short of the budget (M303)
must not blame the filer for it. ``cut_off`` says so once, as an X902 doubt naming the last line
read; the pipeline then leaves those rules' findings out for the form.

Most pages are cut by length, mid-row: the last row read lacks its value, or only its level
labels are left. A table that ends the document on a whole row before its last level-1
(满意度指标 in the default framework) is in doubt too: the missing level-1s may be after the cut.
A form whose table is followed by anything else (notes, a signature, a date) is not cut off;
the document's last row is still the table's when it was cut inside (a level label and a name
with the rest of the row lost, a bracket opened and never closed), and notes that run-on text
read into the table as its last row (说明 ⇥ 无) show the table ended.
Only text documents are judged so: a workbook or a Word file is not cut by a web page.
"""

from __future__ import annotations

from functools import cache

from checker.layout.findings import x902
from checker.layout.labels import compact
from checker.layout.vocab import framework_of, label_level, layout_vocab, level_key
from checker.model import Form, Finding, Indicator, Place, Row

CUT_OFF = "end_of_document"  # Finding.data["cut"] of this module's X902


def cut_off(form: Form, rows: list[Row]) -> Finding | None:
    """X902 when the document ends inside ``form``'s indicator table, else None.

    ``rows`` are the form's rows to the end of the document (the last region of a text grid).
    The document ends inside the table when nothing but level labels follows the last indicator
    row; it was cut there when that row is incomplete (a label row that lost its other cells:
    ``效益指标 ⇥ 经济效益`` and no more; no value where the rows above all have one), or when the
    table has not reached its framework's last level-1 (a self-evaluation: its 总分 row). A form
    with no table read has the layout's own X902 already.
    """
    if form.kind == "budget_table" or not form.indicators:
        return None
    if _is_table_end(form.indicators[-1]):
        return None  # the notes after the table were read as its last row: the table ended
    last_row_line = max(_end_line(p) for i in form.indicators for p in (i.place, *i.cell_places.values()))
    table_end = max(_end(p) for i in form.indicators for p in (i.place, *i.cell_places.values()))
    tail = [r for r in rows if any(c.text for c in r.cells) and _start(r) >= table_end]
    width = max((len(r.cells) for r in rows if (r.place.line or 0) <= last_row_line), default=0)
    if any(not _table_furniture(r) for r in tail[:-1]) or (
            tail and not (_table_furniture(tail[-1]) or _cut_mid_row(tail[-1], width))):
        return None  # the table ended before the document did
    # A label row with all its (empty) cells is a template row left blank, not a row cut short.
    whole = all(len(r.cells) >= width for r in tail) and not _incomplete(form.indicators[-1], form.indicators[:-1])
    if whole and _reached_the_end(form):
        return None
    last = _last_line(rows) or last_row_line
    return x902(f"文件在第 {last} 行结束，仍在本表的绩效指标表之中（页面可能被截断）：其后的指标未能读到，"
                "指标是否齐全、合计与总分不作判断，请核对完整的原表",
                f"the document ends at line {last}, inside this form's indicator table (the page may have been "
                "cut off): what follows was not read, so whether the table is complete, and its totals, are "
                "not judged; check the whole original form",
                Place(line=last, column=1), form.id, cut=CUT_OFF, last_line=last)


def _reached_the_end(form: Form) -> bool:
    """Did the table reach its framework's last level-1 (满意度指标 in the default framework, 效果
    in 财预〔2013〕53号's, rules/taxonomy.yaml), or a self-evaluation its 总分 row?"""
    if form.kind.endswith("self_eval"):
        return form.total_score is not None
    seen = list(dict.fromkeys(i.level1 for i in form.indicators if i.level1))
    if not seen:
        return False
    match = framework_of(seen, [(i.level1, i.level2) for i in form.indicators])
    last_level1 = list(match.frameworks[0].level1)[-1]
    return any(level_key(s) == last_level1 for s in seen)


def _incomplete(last: Indicator, above: list[Indicator]) -> bool:
    """Did the cut go through the last row before its value (the rows above all have one)? A
    missing unit or score is left to the rules: a filer's blank cell looks the same."""
    if not above or _filled(last, "value") or _filled(last, "actual"):
        return False
    return all(_filled(i, "value") for i in above)


def _filled(ind: Indicator, field: str) -> bool:
    return bool((getattr(ind, field) or "").strip())


def _table_furniture(row: Row) -> bool:
    """A row that is still part of an indicator table cut short: level labels and no more
    (``满意度指标 ⇥ 服务对象满意度指标`` with the rest of the row lost)."""
    texts = [c.text for c in row.cells if c.text]
    return all(label_level(t) is not None for t in texts)


def _cut_mid_row(row: Row, width: int) -> bool:
    """The document's last row, cut inside: a level label and its name with the rest of the row
    lost (``可持续影响指标 | 某指标名称`` where the table's rows have more cells), or one cell whose
    bracket was opened and never closed (``生态(t``). A note or a signature after the table starts
    with no level label and closes its brackets."""
    texts = [c.text for c in row.cells if c.text]
    if label_level(texts[0]) is not None and len(row.cells) < width:
        return True
    t = (row.raw or texts[-1]).replace("（", "(").replace("）", ")")  # raw: a gloss-looking (t is dropped from the text
    return len(texts) == 1 and t.rfind("(") > t.rfind(")")


def _is_table_end(last: Indicator) -> bool:
    """The last indicator is the notes' label (说明, 注, rules/layout_vocab.yaml table_end_labels)
    read as a name: run-on text put the notes after the table into its last row."""
    return compact(last.name or "") in _table_end_labels()


@cache
def _table_end_labels() -> frozenset[str]:
    return frozenset(compact(t) for t in layout_vocab().get("table_end_labels", ()))


def _end_line(place: Place) -> int:
    return place.end_line or place.line or 0


def _end(place: Place) -> tuple[int, int]:
    """(line, column) just after a cell (``end_column`` is exclusive); a cell placed by its line
    only ends with its line."""
    if place.end_column is not None:
        return _end_line(place), place.end_column
    return _end_line(place), 1 << 30


def _start(row: Row) -> tuple[int, int]:
    """(line, column) of a row's first written cell. Run-on text may hold a report's whole page on
    one line: the rows after a table printed in it (the report's next section) start on the
    table's last line, after its last cell."""
    cell = next(c for c in row.cells if c.text)
    return (cell.place.line or row.place.line or 0), (cell.place.column or 1)


def _last_line(rows: list[Row]) -> int | None:
    lines = [_end_line(c.place) for r in rows for c in r.cells if c.text]
    return max(lines) if lines else None
