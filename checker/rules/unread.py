"""Hits that rest on what the layout did not read whole become doubts (X903), not the filer's.

Issue 9 item 4: no error may rest on a cell the layout could not place. Two layout findings say
where that is (shared/RULES.md X901, X902):

- X901 on a row: the row holds content no column took, so any judgement of that row (a missing
  level-3 under a level-2 the row names, a value read from the wrong column) is in doubt:
  ``row_unplaced``.
- X902 ``cut`` (checker/layout/cutoff.py): the document ends inside a form's table. The last cell
  read may have lost its end (``≥9`` of ``≥90%``, a name cut mid-word): a hit on the last
  indicator read is ``cell_cut`` unless its row shows the cell ended (a cell separator, ``|`` or a
  tab, follows it: ``≥1050元 | ||||`` is whole).
"""

from __future__ import annotations

from checker.model import Filing, Form, Indicator, Place
from checker.rules.kinds import Hit

_SEPARATORS = ("|", "｜", "\t")


def unread_lines(filing: Filing) -> dict[tuple, str]:
    """(form id, page, line) → ``row_unplaced`` (an X901's row) or ``cell_cut`` (the line an
    X902 ``cut`` names: where the document ends). Lines of spreadsheets and Word tables (no
    ``line``, or a ``table``) are not keyed."""
    from checker.layout.cutoff import CUT_OFF

    out: dict[tuple, str] = {}
    for f in filing.findings:
        if f.place.line is None or f.place.table is not None:
            continue
        if f.code == "X901":
            out[(f.form, f.place.page, f.place.line)] = "row_unplaced"
        elif f.code == "X902" and f.data.get("cut") == CUT_OFF:
            out[(f.form, f.place.page, f.place.line)] = "cell_cut"
    return out


def on_unread(hit: Hit, form: Form | None, unread: dict[tuple, str]) -> str | None:
    """The doubt the hit rests on (see the module docstring), else None: ``row_unplaced`` when
    its place or any cell of its indicator is on an X901 row; ``cell_cut`` when its indicator is
    the last one read before the cut and its row does not show the last cell ended."""
    fid = form.id if form is not None else None
    for p in _places(hit):
        for line in range(p.line, (p.end_line or p.line) + 1):
            if "row_unplaced" in (unread.get((fid, p.page, line)), unread.get((None, p.page, line))):
                return "row_unplaced"
    ind = hit.indicator
    if ind is None or form is None or ind.row_text.rstrip().endswith(_SEPARATORS):
        return None
    end = _end(ind)
    if end is None or "cell_cut" not in (unread.get((fid, end[0], end[1])), unread.get((None, end[0], end[1]))):
        return None
    last = max((e for e in map(_end, form.indicators) if e is not None and e[0] == end[0]), default=None)
    return "cell_cut" if last == end else None


def _places(hit: Hit) -> list[Place]:
    places = [hit.place] if hit.place is not None else []
    if hit.indicator is not None:
        places += [hit.indicator.place, *hit.indicator.cell_places.values()]
    return [p for p in places if p is not None and p.line is not None and p.table is None]


def _end(ind: Indicator) -> tuple | None:
    """(page, line, column) where the indicator's furthest cell ends, None off text lines."""
    ends = [(p.page, p.end_line or p.line, p.end_column or p.column or 0)
            for p in (ind.place, *ind.cell_places.values())
            if p is not None and p.line is not None and p.table is None]
    return max(ends, key=lambda e: (e[1], e[2])) if ends else None
