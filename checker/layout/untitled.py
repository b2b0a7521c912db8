"""Forms without a title of their own: the title their content shows, and the rows that stand
before any title (a page that begins inside a form).

- an untitled worksheet or text holding an indicator table under a 项目名称 or 部门名称 label
  gets the title of the kind its content shows (``content_title``, ``untitled_text``);
- an indicator table under a heading that names a project's goals (表1:某项目绩效目标) gets
  the title of the kind its words show (``headed_table``);
- indicator rows before any title or header are an X902 doubt (``headless_rows``): no form to
  give them to, so nothing is said about the filer.

Titles put in are the kinds' own (项目支出绩效目标表 …) and stand on the heading's line or
the sheet's first cell, so findings point at the filer's text.
"""

from __future__ import annotations

from checker.layout.blocks import value_like
from checker.layout.findings import x902
from checker.layout.labels import squeezed
from checker.layout.segment import split_regions
from checker.layout.table import header_role, read_header
from checker.layout.vocab import label_level, title_words
from checker.model import Cell, Finding, Row

KIND_TITLES = {"project_target": "项目支出绩效目标表", "department_target": "部门整体支出绩效目标表",
                "project_self_eval": "项目支出绩效自评表", "department_self_eval": "部门整体支出绩效自评表"}


def untitled_text(rows: list[Row]) -> list[Row]:
    """A text holding an indicator table under a 项目名称 or 部门名称 label but no form title (its
    heading says 部门整体绩效目标 without 表): a title row of the kind its content shows is put
    on the heading's line (the last line above the labels that names 绩效目标 or 自评), else
    above the first row. Texts with a title, or without such a table, are returned as they are."""
    if split_regions(rows)[1]:
        return rows
    title = content_title(rows)
    if title is None:
        return headed_table(rows)
    labels = title_words()["kind_from_labels"]
    names = tuple(labels["project"] + labels["department"])
    at = next((i for i, r in enumerate(rows) if any(squeezed(c.text).rstrip(":：").startswith(names) for c in r.cells)), 0)
    heading = next((i for i in range(at - 1, -1, -1) if _names_goal(rows[i])), None)
    place = rows[heading].place if heading is not None else rows[at].place
    row = Row(cells=[Cell(text=title, place=place)], place=place, raw=rows[heading].raw if heading is not None else title)
    if heading is not None:
        return [*rows[:heading], row, *rows[heading + 1:]]
    return [*rows[:at], row, *rows[at:]]


_HEADING_GAP = 2  # lines between a table's heading and its header row


def headed_table(rows: list[Row]) -> list[Row]:
    """An indicator table with neither a form title nor name labels, under a heading that names
    a project's goals (表1:某项目绩效目标, a report's table): the heading's line gets the title of
    the kind its words show (项目 → project, else department; 自评 → self-evaluation)."""
    at = next((i for i, r in enumerate(rows) if read_header(r)), None)
    if at is None:
        return rows
    heading = next((i for i in range(at - 1, max(-1, at - 1 - _HEADING_GAP), -1) if _names_goal(rows[i])), None)
    if heading is None:
        return rows
    text = squeezed(next(c.text for c in rows[heading].cells if c.text))
    words = title_words()
    kind = ("project" if any(w in text for w in words["project_words"]) else "department") + (
        "_self_eval" if any(w in text for w in words["self_eval_words"] + ["自评"]) else "_target")
    place = rows[heading].place
    row = Row(cells=[Cell(text=KIND_TITLES[kind], place=place)], place=place, raw=rows[heading].raw)
    return [*rows[:heading], row, *rows[heading + 1:]]


def _names_goal(row: Row) -> bool:
    texts = [c.text for c in row.cells if c.text]
    return len(texts) == 1 and any(w in squeezed(texts[0]) for w in title_words()["heading_words"])


def content_title(rows: list[Row]) -> str | None:
    """The kind's title for an untitled sheet holding an indicator table, or None."""
    texts = [[squeezed(c.text) for c in r.cells if c.text] for r in rows]
    at = next((i for i, t in enumerate(texts) if "三级指标" in t), None)
    if at is None:
        return None
    above = {x for t in texts[:at] for x in t}
    project = any(x.startswith("项目名称") for x in above)
    department = not project and any("部门" in x and "名称" in x for x in above)
    if not (project or department):
        return None  # an indicator table alone (Sheet2): no form to name, it stays an X901
    # A score or an actual-value column makes it a self-evaluation (rules/layout_vocab.yaml).
    scored = any(header_role(c) in ("score", "actual") for c in texts[at])
    kind = ("project" if project else "department") + ("_self_eval" if scored else "_target")
    return KIND_TITLES[kind]


_HEADLESS_MIN = 2  # indicator-like rows before any title that make a form's cut-off tail


def headless_rows(rows: list[Row]) -> list[Finding]:
    """X902 when the text begins inside a form (a web page's second page): rows that read like
    indicator rows (a known level label, then a name and a value) stand before any title or
    header. They are not read: no form to give them to, so nothing is said about the filer."""
    found = [r for r in rows if _indicator_like(r)]
    if len(found) < _HEADLESS_MIN:
        return []
    first = found[0]
    return [x902(f"文本从表格中间开始：第 {first.place.line or first.place.short()} 行起的 {len(found)} 行像是绩效指标，"
                 "但其上没有表格标题和表头，未予读取（页面可能被截断）",
                 f"the text begins inside a form: {len(found)} rows from {first.place.short()} look like "
                 "indicator rows but stand under no form title or header, so they were not read "
                 "(the page may have been cut off at its start)", first.place, None, rows=len(found))]


def _indicator_like(row: Row) -> bool:
    texts = [c.text for c in row.cells if c.text]
    return (len(texts) >= 3 and label_level(texts[0]) is not None
            and any(value_like(t) for t in texts[2:]))
