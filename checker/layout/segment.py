"""Find the forms in a document's rows: titles, their kind and year, and each form's rows.

A title is a line standing alone (one non-empty cell) that names a form and ends in 表 once a
trailing bracket is taken off: 项目支出绩效目标表, 部门整体支出绩效目标(申报)表, 部门整体支出绩效自评表,
and the budget-disclosure tables (2026年预算收支总表, …支出预算表, …经济科目表). Table-of-contents
lines (dot leaders, a page number cell) and prose that mentions a form (…见附件) are not titles.
All budget tables of a document make one region (one Form of kind budget_table); a province's
own name for the first tables (2026年收支总表, without 预算) begins that region when a budget table
follows it with no other form between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from checker.domain import money
from checker.layout.labels import compact
from checker.layout.row_memo import first
from checker.layout.table import is_end_row, read_header, remember_no_header
from checker.layout.vocab import header_key, title_words
from checker.model import Cell, Row

_TRAILING_BRACKETS = re.compile(r"(\([^()]*\))+$")
_LEADING_ANNEX = re.compile(r"^附件\s*[0-9一二三四五六七八九十\-—－]*\s*")
_YEAR_IN_TITLE = re.compile(r"(20[0-9]{2})\s*年")
_YEAR_LINE = re.compile(r"^\(?\s*(20[0-9]{2})\s*\)?\s*年?度?\s*\)?$")
_BUDGET_TABLE = re.compile(r"(收支总表|收入总表|支出总表|预算总表|总体情况表|预算表|经济科目表|收入表|支出表|经费.*表)$")
# 财政部 部门预算公开 templates name their first tables without 预算: 部门收支总表, 财政拨款收支总体情况表.
_TEMPLATE_SUMMARY = re.compile(r"(部门|财政拨款)(收支|收入|支出)(总表|总体情况表)$")


@dataclass
class Region:
    """One form's stretch of rows: ``rows[0]`` is the title row. ``kind`` is a FormKind."""

    kind: str
    title: str
    title_row: Row
    rows: list[Row]
    year: int | None


def title_kind(text: str) -> str | None:
    """The FormKind a stand-alone line names, or None when it is not a form title.

    ``"泽州县县(区)级预算部门(单位)项目支出绩效目标表"`` → project_target;
    ``"2026年一般公共预算支出预算表（不含上年结转）"`` → budget_table;
    ``"部门整体支出绩效自评报告"`` → None (a report, not a form).
    """
    t = compact(text)
    if not t or len(t) > 80 or "..." in t or "…" in t or "。" in t or "," in t:
        return None
    t = _LEADING_ANNEX.sub("", t)
    t = _table_number().sub("", t)
    if "续表" in t:
        return None  # "…(续表)": the same form continued on the next page
    brackets = _TRAILING_BRACKETS.search(t)
    if brackets and "续" in brackets.group(0):
        return None  # "…绩效目标表(续)", "(续一)": the same form continued on the next page
    core = _TRAILING_BRACKETS.sub("", t)
    if not core.endswith("表") or len(core) < 5:
        return None
    # "绩效目标申报表(项目支出)": the bracket names the kind when the core does not.
    words = title_words()
    dept = any(w in core for w in words["department_words"])
    project = _has(core, words["project_words"]) or (_has(t, words["project_words"]) and not dept)
    if _has(core, words["self_eval_words"]):  # 项目支出绩效自评价表 (some provinces)
        return "project_self_eval" if project else "department_self_eval"
    if _has(core, words["target_words"]):
        return "project_target" if project else "department_target"
    if "绩效" not in core and _BUDGET_TABLE.search(core) and ("预算" in core or "经费" in core or _TEMPLATE_SUMMARY.search(core)):
        return "budget_table"
    return None


def _has(text: str, words: list[str]) -> bool:
    return any(w in text for w in words)


@cache
def _table_number() -> re.Pattern:
    """表1:, 附表2: before a title (rules/layout_vocab.yaml form_titles.table_numbers)."""
    return re.compile("|".join(title_words()["table_numbers"]))


def names_kind(title: str) -> bool:
    """True when a title says whose form it is (项目, 部门, 整体 …); 绩效目标申报表 does not."""
    words = title_words()
    return _has(compact(title), words["project_words"] + words["department_words"])


def _core_names_kind(title: str) -> bool:
    """True when the title's core (trailing brackets off) names whose form it is."""
    words = title_words()
    return _has(_TRAILING_BRACKETS.sub("", compact(title)), words["project_words"] + words["department_words"])


def kind_from_labels(kind: str, rows: list[Row]) -> str:
    """A form kind taken from the header labels under a title that names no kind: 项目名称 or
    专项名称 make a project form, 部门名称 a department one (rules/layout_vocab.yaml
    form_titles.kind_from_labels); ``kind`` when neither stands before the indicator table."""
    labels = title_words()["kind_from_labels"]
    for row in rows[:first(read_header, rows)]:  # the rows above the indicator table
        for cell in row.cells:
            t = compact(cell.text).rstrip(":")
            if t in labels["project"]:
                return kind.replace("department", "project")
            if t in labels["department"]:
                return kind.replace("project", "department")
    return kind


def _labelled_title(texts: list[str]) -> str | None:
    """The form title page metadata gives after a 标题 label ("标 题: | 项目支出绩效目标申报表"),
    among a row's non-empty ``texts``."""
    labels = _title_labels()
    for label, value in zip(texts, texts[1:]):
        if compact(label).rstrip(":") in labels and title_kind(value):
            return value
    return None


@cache
def _title_labels() -> frozenset[str]:
    """标题, 文件标题 … (rules/layout_vocab.yaml form_titles.title_labels): asked of every pair of
    cells of every row."""
    return frozenset(title_words()["title_labels"])


# A province's own name for a disclosure's first tables (收支总表 without 预算) is taken only when a
# budget table follows; a 决算 or 绩效 table, or a fund's or project's statement, starts no disclosure.
_MAYBE_BUDGET = "maybe_budget_table"
_OTHER_DOCUMENTS = ("绩效", "决算", "自评", "审计", "项目资金", "专项资金")


def _maybe_budget_title(text: str) -> bool:
    """``2026年收支总表``, ``财政拨款支出表``: named like a disclosure's table but without 预算 — one
    only when a budget table follows it (split_regions)."""
    t = _TRAILING_BRACKETS.sub("", _LEADING_ANNEX.sub("", compact(text)))
    if not t or len(t) > 40 or "续" in t or any(m in t for m in ("...", "…", "。", ",")):
        return False
    return bool(_BUDGET_TABLE.search(t)) and not any(w in t for w in _OTHER_DOCUMENTS)


# What may stand beside a title on its row (a spreadsheet's title merged over A1:E1 with the
# unit in F1): the unit, the budget year, the filer.
# The money-unit words come from the domain (checker.domain.money).
_BESIDE_TITLE = r"^({label}[:：]?\(?{unit}\)?|\(?{unit}\)?|\(?20[0-9]{2}年度?\)?|填报单位.*)$"


_NOTE_GAP = 3  # empty cells between a title and a note a filer keeps to the right of the form


def _standalone_text(row: Row) -> str | None:
    return _standalone([c.text for c in row.cells if c.text])


def _standalone(texts: list[str]) -> str | None:
    """The first of a row's non-empty ``texts`` when it stands alone or beside a unit, the
    budget year or the filer only (_BESIDE_TITLE); else None."""
    if len(texts) < 2:
        return texts[0] if texts else None
    beside = money.pattern(_BESIDE_TITLE).match
    for t in texts[1:]:  # every row of a document is asked: most fail on their second text
        if not beside(compact(t)):
            return None
    return texts[0]


def _title_beside_notes(row: Row) -> str | None:
    """The first cell of a row whose other texts stand well to its right, past an empty gap
    (a workbook's title merged across the form, a 填报提示 note in a column beyond it); None
    for any other row. Only a form title is taken from such a row."""
    filled = [i for i, c in enumerate(row.cells) if c.text]
    if len(filled) < 2 or filled[1] - filled[0] <= _NOTE_GAP:
        return None
    return row.cells[filled[0]].text


def _year(title: str, following: list[Row]) -> int | None:
    m = _YEAR_IN_TITLE.search(title)
    if m:
        return int(m.group(1))
    for row in following[:3]:
        # "(2026年度)" on a line of its own, or beside the unit or the filer ("(2026年度) ⇥ 单位：万元").
        alone = _standalone_text(row)
        for cell in row.cells:
            # A bare 2026 beside other cells may be an amount: only "2026年(度)" counts there.
            if cell.text and (cell.text == alone or "年" in cell.text):
                m = _YEAR_LINE.match(compact(cell.text))
                if m:
                    return int(m.group(1))
    return None


def _title_over_two_lines(text: str, rows: list[Row], i: int) -> tuple[str, str | None]:
    """A title a PDF export broke over two lines ("2026年度某县农业农村局项目支出" / "绩效目标表"):
    (the joined title, its kind) when the next non-empty line completes it and is no title alone."""
    nxt = next((r for r in rows[i + 1:i + 3] if any(c.text for c in r.cells)), None)
    rest = _standalone_text(nxt) if nxt is not None else None
    if not rest or len(compact(rest)) > 12 or ":" in compact(text) or compact(text).endswith("表"):
        return text, None
    if title_kind(rest) is not None and not compact(rest).startswith("绩效"):
        return text, None  # the next line is a whole title of its own
    joined = text + rest
    return joined, title_kind(joined)


# An outline number before a form's name: 一、项目支出绩效目标表, （二）…, 1.…, 第三部分…
_OUTLINE = re.compile(r"^(第?[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十0-9]+[部章节]|\([一二三四五六七八九十0-9]+\)|[0-9]+[、．]|[0-9]+\.(?![0-9]))")


def _outline_heading(rows: list[Row], starts: list[tuple[int, str, str]], n: int) -> bool:
    """True when start ``n`` is a numbered heading that names a form without being one: no
    indicator table header stands between it and the next title (一、项目支出绩效目标表 over the
    notes of a 填表说明 sheet, or over the forms' own titles). Budget tables, whose sections are
    numbered so, are left as they are."""
    i, kind, text = starts[n]
    if kind == "budget_table" or not _OUTLINE.match(compact(text)):
        return False
    end = starts[n + 1][0] if n + 1 < len(starts) else len(rows)
    return first(read_header, rows, i + 1, end) is None


def _title_row(rows: list[Row], i: int, title: str) -> list[Row]:
    """``rows`` with row ``i`` (page metadata holding the title after its label) replaced by a
    row of the title cell alone, so that the form's title is that cell."""
    cell = next(c for c in rows[i].cells if c.text == title)
    return [*rows[:i], Row(cells=[cell], place=rows[i].place, raw=rows[i].raw), *rows[i + 1:]]


_FAMILY = {"project_target": "target", "department_target": "target",
           "project_self_eval": "self_eval", "department_self_eval": "self_eval"}


def _without_page_headings(rows: list[Row], starts: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """``starts`` less the titles that only head another title of the same family with no
    header label or indicator table between them (a web page's heading 乡村振兴衔接资金绩效目标
    申报表 over the form's own 绩效目标申报表(基础设施建设类); a file name …-2023中央绩效目标表 under
    项目支出绩效目标表): one form, not two. Of the two the one that names its kind (项目, 部门)
    stays, else the later (the form's own)."""
    out = list(starts)
    n = 0
    while n + 1 < len(out):
        (i, kind, text), (j, nxt, text2) = out[n], out[n + 1]
        between = rows[i + 1:j]
        if (_FAMILY.get(kind) is None or _FAMILY.get(kind) != _FAMILY.get(nxt)
                or any(read_header(r) or any(header_key(c.text)[0] for c in r.cells if c.text) for r in between)):
            n += 1
            continue
        keep_first = _core_names_kind(text) and not names_kind(text2)
        del out[n + 1 if keep_first else n]
    return out


def split_regions(rows: list[Row]) -> tuple[list[Row], list[Region]]:
    """(rows before the first title, regions in document order).

    A region runs from its title to the row before the next region's title; consecutive
    budget-table titles stay in one region.
    """
    starts: list[tuple[int, str, str]] = []
    second_line = -1
    # Every title ends in 表 (title_kind, _maybe_budget_title, compact never makes one): a row
    # without one names no form itself (most rows); it may only begin a title broken over two
    # lines, whose second line (of the next two rows, _title_over_two_lines) holds the 表. A row
    # with no 表 in it or in the two rows after it is no title's line at all: passed over untried.
    joined = ["".join([c.text for c in row.cells]) for row in rows]
    with_biao = ["表" in text for text in joined] + [False, False]
    # The same joined texts answer read_header's quick test, asked of nearly every row later.
    remember_no_header(rows, joined)
    for i, row in enumerate(rows):
        if i == second_line or not (with_biao[i] or with_biao[i + 1] or with_biao[i + 2]):
            continue  # the second line of a title broken over two, or a row far from any 表
        texts = [c.text for c in row.cells if c.text]
        if not texts:
            continue  # an empty row names no form
        text = _standalone(texts)
        tabled = with_biao[i]
        if not text and not tabled:
            continue  # neither a title nor a title's first line
        kind = title_kind(text) if text and tabled else None
        if kind is None and not text and tabled:
            text = _title_beside_notes(row)
            kind = title_kind(text) if text else None
            text = text if kind is not None else None
        if kind is None and not text and tabled:
            text = _labelled_title(texts)
            kind = title_kind(text) if text else None
            if kind is not None:
                rows = _title_row(rows, i, text)
        alone = text
        if kind is None and text:
            text, kind = _title_over_two_lines(text, rows, i)
            if kind is not None:
                second_line = next(j for j in range(i + 1, len(rows)) if any(c.text for c in rows[j].cells))
        if kind is None and alone and tabled and _maybe_budget_title(alone):
            text, kind = alone, _MAYBE_BUDGET
        if kind is None:
            continue
        if kind in ("budget_table", _MAYBE_BUDGET) and starts and starts[-1][1] == "budget_table":
            continue  # another table of the same disclosure
        if kind == _MAYBE_BUDGET and starts and starts[-1][1] == _MAYBE_BUDGET:
            continue  # one more of the tables a budget table may follow
        if kind == "budget_table" and starts and starts[-1][1] == _MAYBE_BUDGET:
            begun = starts.pop()
            if not any(read_header(r) for r in rows[begun[0] + 1:i]):  # no indicator table of another form between
                starts.append((begun[0], kind, begun[2]))  # the disclosure began at the tables before
                continue
        starts.append((i, kind, text))
    starts = [s for s in starts if s[1] != _MAYBE_BUDGET]
    starts = [s for n, s in enumerate(starts) if not _outline_heading(rows, starts, n)]
    starts = _without_page_headings(rows, starts)
    regions = []
    year = None
    for n, (i, kind, text) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(rows)
        body = rows[i:end]
        if kind != "budget_table" and not names_kind(text):
            kind = kind_from_labels(kind, body[1:])
        # A title without its year (项目绩效目标表) in a document of one budget year: the year of the
        # form before it stands (forms filed together are filed for one year).
        year = _year(text, body[1:]) or year
        regions.append(Region(kind=kind, title=text, title_row=rows[i], rows=body, year=year))
    preamble = rows[: starts[0][0]] if starts else rows
    return preamble, [part for region in regions for part in _per_project(region)]


def _per_project(region: Region) -> list[Region]:
    """A region holding several projects' forms under one title (a page listing each project's
    项目名称 block and indicator table in turn, no signature line between): one region per
    project, each under the title, from the 项目名称 row that follows an indicator table (with
    the unit line just above it)."""
    if region.kind not in ("project_target", "project_self_eval"):
        return [region]
    # A project begins at a 项目名称 row after an indicator table's header: a region with none
    # (most: its own 项目名称 stands above its table) is one project, its rows read no further.
    rows = region.rows
    at = first(read_header, rows, 1)
    at = len(rows) if at is None else at
    if not any(_names_project(row) for row in rows[at + 1:]):
        return [region]
    parts, start, seen_table = [], 0, False
    for i, row in enumerate(rows):
        if i and read_header(row):
            seen_table = True
            continue
        if is_end_row(row):
            # A signature line ends the form: what follows without a title of its own is a
            # stray table (X901), not the next project of a list.
            seen_table = False
            break
        if seen_table and _names_project(row):
            cut = i - 1 if i - 1 > start and _unit_line(rows[i - 1]) else i
            parts.append(region.rows[start:cut])
            start, seen_table = cut, False
    if not parts:
        return [region]
    parts.append(region.rows[start:])
    out = [Region(kind=region.kind, title=region.title, title_row=region.title_row, rows=parts[0], year=region.year)]
    for body in parts[1:]:
        place = body[0].place
        title = Row(cells=[Cell(text=region.title, place=place)], place=place, raw=region.title)
        out.append(Region(kind=region.kind, title=region.title, title_row=title, rows=[title, *body], year=region.year))
    return out


def _names_project(row: Row) -> bool:
    """Does the row's first text name the 项目名称 field (rules/header_labels.yaml)?"""
    for cell in row.cells:  # a loop, not next(genexpr): asked of every row under a table
        if cell.text:
            return header_key(cell.text)[0] == "project_name"
    return False


_UNIT_LABEL = r"{label}(?::|\(?{unit})"  # 单位:万元, 金额单位：元, 金额单位(万元)


def _unit_line(row: Row) -> bool:
    """A line that states the money unit (207101某单位 ⇥ 单位:万元) above a project's block."""
    return any(money.pattern(_UNIT_LABEL).match(compact(c.text)) for c in row.cells if c.text)
