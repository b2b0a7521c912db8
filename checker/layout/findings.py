"""The layout's own findings: X901 (a part that looked like a form but could not be read as
one, error), X902 (a form cut off, warning), X903 (a reading the reader must check, info) and S113 (实施期 and 年度 blocks disagree, warning).
Messages in zh and en (shared/RULES.md, X and S tables)."""

from __future__ import annotations

from checker.model import Finding, Indicator, Place, Row


def where(place: Place) -> tuple[str, str]:
    """(zh, en) words for a place: 第 12 行 / line 12 in text, Sheet1!A5 in a spreadsheet."""
    if place.line is not None and place.table is None:
        return f"第 {place.line} 行", f"line {place.line}"
    return place.short(), place.short()


def x901(what_zh: str, what_en: str, place: Place, form: str | None = None, row: Row | None = None,
         **data) -> Finding:
    """X901: input that looked like (part of) a form but could not be placed."""
    return Finding(code="X901", severity="error", form=form, place=place,
                   message={"zh": what_zh, "en": what_en}, row_text=row.raw if row else "", data=data)


def x902(what_zh: str, what_en: str, place: Place, form: str | None = None, **data) -> Finding:
    """X902: a form cut off (no indicator table, or the table ends early)."""
    return Finding(code="X902", severity="warning", form=form, place=place,
                   message={"zh": what_zh, "en": what_en}, data=data)


def x903(what_zh: str, what_en: str, place: Place, form: str | None = None, **data) -> Finding:
    """X903 (info): the layout read a part of a form on an assumption the reader must check
    (columns taken from the usual template for rows under no header)."""
    return Finding(code="X903", severity="info", form=form, place=place,
                   message={"zh": what_zh, "en": what_en}, data=data)


def s113(form: str, ind: Indicator | None, place: Place, zh: str, en: str, row_text: str = "",
         severity: str = "warning", **data) -> Finding:
    """S113: a one-year project's 实施期目标 and 年度目标 blocks disagree (warning); the same
    indicator worded differently in the two blocks is only ``info``."""
    return Finding(code="S113", severity=severity, form=form, place=place,
                   indicator=ind.path if ind else None, message={"zh": zh, "en": en},
                   row_text=row_text, data=data)
