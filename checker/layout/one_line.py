"""A whole form written on one line with single spaces between its words (a spreadsheet's text
extracted by a document-sharing site, shared/corpus 11's shape)::

    某县项目支出绩效自评表 (2021年度) 项目名称 某项目 主管部门 某局 年初预算 数 0 … 一级 指标 …
    指标1:某指标 120人 指标2:某指标 二级指标 三级指标 … 100人 2 2 …

No reader cuts it: a single space is both the cells' separator and a space inside a cell (``年初
预算 数``, ``一级 指标``), and the extract may give the cells out of order, header words among the
values. Rather than guess, the layout says so precisely — the line, the title it begins with,
and what keeps its cells from being recovered — as an X901 (content that looks like a form but
could not be read), instead of "no form found".
"""

from __future__ import annotations

import re

from checker.layout.findings import x901
from checker.layout.segment import title_kind
from checker.layout.table import header_role
from checker.model import Finding, Row

MIN_LENGTH = 200  # characters of a line that holds a whole form
_TITLE_WORDS = 6  # space-separated words the title may take at the line's start (某县 项目 … (2021年度))
_VALUE = re.compile(r"^[≥≤<>=]?[0-9][0-9.,]*(%|[\u4e00-\u9fff]{1,2})?$")
_FORMS = ("project_target", "department_target", "project_self_eval", "department_self_eval")


def one_line_forms(rows: list[Row]) -> list[Finding]:
    """X901 for each line of ``rows`` that holds a whole form the readers could not cut (module
    doc); [] when there is none. Meant for a text in which no form was found."""
    out = []
    for row in rows:
        texts = [c.text for c in row.cells if c.text]
        if len(texts) != 1 or len(texts[0]) < MIN_LENGTH:
            continue
        words = texts[0].split()
        title = _title(words)
        if title is None:
            continue
        columns = [i for i, w in enumerate(words) if header_role(w) is not None and len(w) >= 3]
        values = [i for i, w in enumerate(words) if _VALUE.match(w)]
        if len(columns) < 2 or not values:
            continue
        out.append(_finding(row, title, _mixed(columns, values)))
    return out


def _title(words: list[str]) -> str | None:
    """The form title the line begins with (its first words, up to one ending in 表, with a year
    in brackets after it), or None."""
    for n in range(1, min(_TITLE_WORDS, len(words)) + 1):
        head = "".join(words[:n])
        if head.endswith("表") and title_kind(head) in _FORMS:
            if n < len(words) and re.fullmatch(r"[(（][0-9]{4}年度?[)）]", words[n]):
                return head + words[n]
            return head
    return None


def _mixed(columns: list[int], values: list[int]) -> bool:
    """Header words after the first values and before later ones: the extract interleaved them."""
    return any(values[0] < c < values[-1] for c in columns)


def _finding(row: Row, title: str, mixed: bool) -> Finding:
    line = row.place.line
    order_zh = "，且表头词与数值交错（单元格次序错乱）" if mixed else ""
    order_en = ", and its header words stand among the values (the cells are out of order)" if mixed else ""
    return x901(f"第 {line} 行以表题“{title}”开头，整张表写在这一行里：单元格之间与单元格内的词之间同为单个空格{order_zh}，"
                "无法可靠地还原为行和列，未读取；请核对原表",
                f"line {line} begins with the title '{title}' and holds the whole form: a single space separates "
                f"its cells and the words inside a cell alike{order_en}, so its rows and columns cannot be "
                "recovered with certainty; not read, check the original form",
                row.cells[0].place, None, row, title=title, shape="one_line", unread=True)
