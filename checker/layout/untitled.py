"""Forms without a title of their own: the title their content shows, and the rows that stand
before any title (a page that begins inside a form).

- an untitled worksheet or text holding an indicator table under a 项目名称 or 部门名称 label
  gets the title of the kind its content shows (``content_title``, ``untitled_text``);
- an indicator table under a heading that names a project's goals (表1:某项目绩效目标) gets
  the title of the kind its words show (``headed_table``);
- indicator rows before any title or header (a page that begins inside a form) are read as a
  form cut off at its start (``headless_form``): the columns most templates give them
  (rules/layout_vocab.yaml ``headless_table``) stand in for the lost header row, which an X903
  says; an X902 ``cut`` = ``CUT_START`` says that what stood above the cut (title, header block,
  the first rows) was not read, so rules about what the form lacks do not judge it. Rows that
  do not read so stay an X902 doubt (``headless_rows``): no form to give them to.

Titles put in are the kinds' own (项目支出绩效目标表 …) and stand on the heading's line or
the sheet's first cell, so findings point at the filer's text.
"""

from __future__ import annotations

from checker.layout.blocks import value_like
from checker.layout.findings import x902, x903
from checker.layout.labels import compact, squeezed
from checker.layout.row_memo import first as first_row
from checker.layout.table import Header, data_cells, header_role, is_end_row, read_header
from checker.layout.targets import read_rows
from checker.layout.vocab import is_value_type, label_level, layout_vocab, title_words
from checker.model import Cell, Finding, Form, Row

CUT_START = "start_of_document"  # Finding.data["cut"] of the X902 on a form read from its middle
REPORT_TABLE = "report_table"  # Finding.data["table"] of the X902 on a form read from a report's table

KIND_TITLES = {"project_target": "项目支出绩效目标表", "department_target": "部门整体支出绩效目标表",
                "project_self_eval": "项目支出绩效自评表", "department_self_eval": "部门整体支出绩效自评表"}


def untitled_text(rows: list[Row]) -> list[Row]:
    """A text holding an indicator table under a 项目名称 or 部门名称 label but no form title (its
    heading says 部门整体绩效目标 without 表; ``rows``: a text in which segment.split_regions found
    no form title): a title row of the kind its content shows is put on the heading's line (the
    last line above the labels that names 绩效目标 or 自评), else above the first row. Texts
    without such a table are returned as they are (the same list)."""
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
    at = first_row(read_header, rows)
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
    row = Row(cells=[Cell(text=KIND_TITLES[kind], place=place)], place=place, raw=rows[heading].raw,
              doubts=[REPORT_TABLE])  # find_forms says the table may list only part of the form
    return [*rows[:heading], row, *rows[heading + 1:]]


def report_table(title_row: Row, form_id: str) -> list[Finding]:
    """X902 for a form read from a table under a report's heading (``headed_table``): a report
    often prints only part of a form (项目年度绩效目标(定量目标)), so what the table lacks is not
    judged (the pipeline leaves out the table-content rules on a form with an X902)."""
    if REPORT_TABLE not in title_row.doubts:
        return []
    zh, en = squeezed(title_row.raw), title_row.place.short()
    return [x902(f"此表取自报告中的插表（其上标题“{zh}”）：报告可能只列出部分指标，指标是否齐全不作判断，请核对完整的绩效目标表",
                 f"this form was read from a table inside a report (under the heading at {en}): a report may print "
                 "only part of the form's indicators, so whether the table is complete is not judged; check the "
                 "whole form", title_row.place, form_id, table=REPORT_TABLE)]


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


def headless_form(rows: list[Row], form_id: str, next_kind: str | None) -> tuple[Form, list[Finding]] | None:
    """A form cut off at its start, read from the indicator rows that stand before any title or
    header (``rows``: the text before the first title), or None when they are too few
    (``headless_rows`` then says so).

    Shape (a paginated article's later page, Sichuan 部门预算项目支出绩效自评表):
    ``名称 | = | 100 | % | 5`` then ``成本指标 | 名称 | ≤ | 1000 | 元 | 5`` … ``合计 | 100``. The
    table runs from the rows just above the first row led by a level label to its total or the
    evaluation text under it. Cells are placed on rules/layout_vocab.yaml ``headless_table``
    columns; cells after 度量单位 are not read. The form is a self-evaluation when the next
    form of the document (``next_kind``) is one or the rows under the table show its words, else
    a project target form; its title is left empty (the form's own is above the cut). Findings:
    an X902 ``cut`` = ``CUT_START`` and an X903 naming the columns taken, both on the form."""
    vocab = layout_vocab()["headless_table"]
    labelled = [i for i, r in enumerate(rows) if _indicator_like(r)]
    if len(labelled) < _HEADLESS_MIN:
        return None
    start = labelled[0]
    above = start
    while above > 0 and (_table_like(rows[above - 1]) or not data_cells(rows[above - 1])):
        above -= 1  # blank lines inside a table: a row split over several lines left them
        start = above if data_cells(rows[above]) else start
    end = next((i for i in range(start, len(rows)) if _ends_table(rows[i], vocab)), len(rows))
    body = _joined(rows[start:end], len(vocab["columns"]))
    roles = list(enumerate(vocab["columns"] + ["unread"] * vocab["unread_columns"]))
    first = body[0]
    form = Form(id=form_id, kind=_headless_kind(rows[end:], next_kind, vocab), title="", place=first.place,
                end_place=body[-1].place)
    findings = read_rows(form, Header(row=Row(cells=[], place=first.place, raw=""), roles=roles), body)
    # Rows of labels alone (产出指标 | 产出指标 | 产出指标) are no table: a name and a value make one.
    if sum(1 for i in form.indicators if i.name and label_level(i.name) is None and (i.value or i.value_type)) < _HEADLESS_MIN:
        return None
    names = "、".join(vocab["column_names"])
    line = first.place.line or first.place.short()
    return form, [
        x902(f"文本从表格中间开始（第 {line} 行）：其上的表格标题、表头和前面的指标行未能读到，"
             "表头与指标是否齐全、合计与总分不作判断，请核对完整的原表",
             f"the text begins inside a form (line {line}): its title, header block and the indicator rows "
             "above were not read, so whether the header and the table are complete, and its totals, are "
             "not judged; check the whole original form", first.place, form_id, cut=CUT_START),
        x903(f"第 {line} 行起的指标行其上没有表头：列名取自常见模板（{names}），其后各列（完成值、权重、得分等）"
             "未予读取，请核对原表",
             f"the indicator rows from line {line} have no header row above them: their columns were taken "
             f"from the usual template ({names}); the columns after those (actual value, weight, score) "
             "were not read; check the original form", first.place, form_id, doubt="header_inferred",
             columns=names),
        *findings]


def _table_like(row: Row) -> bool:
    # A row of the table above the first labelled one: a name, then its value type or its value
    # (名称 | = | 100 | %, 名称 | 定性 | 好).
    texts = [squeezed(c.text) for c in row.cells if c.text]
    return (len(texts) >= 3 and label_level(texts[0]) is None and not value_like(texts[0])
            and (is_value_type(texts[1]) or texts[1][:1].isdigit()))


def _joined(body: list[Row], width: int) -> list[Row]:
    """The table's rows with a row's continuation line joined to it: a line that is neither
    led by a level label nor a name with its value (``| 优 | 10 |`` under ``名称 | 定性 | 优良中差 |``,
    a pipe row split over lines) holds the row's later cells, not an indicator of its own: they
    are put after the ``width`` read columns (empty cells stand between), so none is read as a
    unit or a value."""
    out: list[Row] = []
    for row in body:
        cells = [c for c in row.cells if c.text]
        if not cells:
            continue
        if out and label_level(cells[0].text) is None and not _table_like(row):
            prev = out[-1]
            pad = [Cell(text="", place=prev.place)] * max(0, width - len(prev.cells))
            out[-1] = Row(cells=[*prev.cells, *pad, *cells], place=prev.place, raw=f"{prev.raw} {row.raw}",
                          doubts=prev.doubts)
            continue
        out.append(row)
    return out


def _ends_table(row: Row, vocab: dict) -> bool:
    cells = data_cells(row)
    return bool(cells) and (is_end_row(row) or compact(cells[0][1].text).startswith(tuple(vocab["end_words"])))


def _headless_kind(after: list[Row], next_kind: str | None, vocab: dict) -> str:
    if next_kind is not None and next_kind.endswith("self_eval"):
        return next_kind
    words = tuple(vocab["self_eval_words"])
    if any(compact(c.text).startswith(words) for r in after[:8] for c in r.cells if c.text):
        return "project_self_eval"
    return "project_target"
