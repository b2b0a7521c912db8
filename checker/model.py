"""The form model: what every reader and the layout stage produce, and what rules read.

Pipeline (shared/DESIGN.md §1)::

    file --read--> Document (grids of rows of cells with places)
         --layout--> Filing (forms with header fields and indicators)
         --check--> Finding list --report--> rich | json | sarif

Every field keeps its raw text and its place, so a finding can point at the exact spot the filer
must edit. Money is ``Decimal`` with an explicit unit (元 or 万元), never a float.

This module is shared by every stage: add fields, never rename or remove one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

# --------------------------------------------------------------------------- places and cells


@dataclass(frozen=True, slots=True)
class Place:
    """Where something stands in the input file.

    Text input: 1-based ``line`` and ``column`` in Unicode code points; ``end_*`` exclusive.
    Spreadsheet: ``sheet`` and ``cell`` (A1 notation), line/column are None.
    Word: ``table`` (1-based index of the table in the body), ``row`` and ``col`` (1-based);
    ``line`` may carry the paragraph number for text outside tables.
    PDF: ``page`` (1-based); in a ruled table ``table`` (1-based on that page), ``row`` and
    ``col`` (1-based within the table's part on that page); text outside tables has ``line``,
    the line's 1-based number among the page's text lines. ``box`` is the cell's or line's
    bounding box in points (x0, top, x1, bottom), measured from the page's top-left corner.
    """

    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    sheet: str | None = None
    cell: str | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    page: int | None = None
    box: tuple[float, float, float, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON report's place object (DESIGN.md §5); docx and PDF fields only when set."""
        d: dict[str, Any] = {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "sheet": self.sheet,
            "cell": self.cell,
        }
        if self.table is not None:
            d.update(table=self.table, row=self.row, col=self.col)
        if self.page is not None:
            d["page"] = self.page
        if self.box is not None:
            d["box"] = list(self.box)
        return d

    def short(self, lang: str = "en") -> str:
        """Human form: ``12:5``, ``Sheet1!D3``, ``table 2 row 4 col 3`` (zh: ``表2 第4行 第3列``), or in a PDF
        ``page 3 table 1 row 7 col 4`` / ``page 3 line 2`` (zh: ``第3页 表1 第7行 第4列`` /
        ``第3页 第2行``)."""
        if self.page is not None:
            return self._page_short(lang)
        if self.sheet is not None or self.cell is not None:
            return f"{self.sheet or ''}!{self.cell or ''}"
        if self.table is not None:  # a Word table
            return (f"表{self.table} 第{self.row}行 第{self.col}列" if lang == "zh"
                    else f"table {self.table} row {self.row} col {self.col}")
        if self.line is None:
            return "-"
        return f"{self.line}:{self.column}" if self.column else str(self.line)

    def _page_short(self, lang: str) -> str:
        zh = lang == "zh"
        parts = [f"第{self.page}页" if zh else f"page {self.page}"]
        if self.table is not None:
            parts.append(f"表{self.table}" if zh else f"table {self.table}")
            if self.row is not None:
                parts.append(f"第{self.row}行" if zh else f"row {self.row}")
            if self.col is not None:
                parts.append(f"第{self.col}列" if zh else f"col {self.col}")
        elif self.line is not None:
            parts.append(f"第{self.line}行" if zh else f"line {self.line}")
        return " ".join(parts)


NOWHERE = Place()


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell as the reader found it: its text (whitespace at the ends kept off) and place.

    ``raw`` is the cell as written when the text was normalised for reading (traditional
    characters, pinyin glosses: checker/readers/traditional.py); None when ``text`` is as written.
    """

    text: str
    place: Place
    raw: str | None = None


@dataclass(slots=True)
class Row:
    """One physical row of cells. ``raw`` is the row as it stood in the file, for reports.
    ``doubts`` are reading doubts the reader attaches to the row's indicator (``value_shifted``,
    ``weight_unreadable``, ``score_unreadable``: a column's cell could not be cut out of run-on
    text with certainty and was left empty), which the rules report as X903, not as the filer's.
    ``roles``: on a header row, the column roles the reader read (run-on text, where it cut the
    header by the table's own words), one per cell, None where the cell's text says it; else
    None: the layout reads every role from the texts."""

    cells: list[Cell]
    place: Place
    raw: str = ""
    doubts: list[str] = field(default_factory=list)
    roles: list[str | None] | None = None

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Grid:
    """Rows in reading order: a whole text file, one xlsx sheet, or a docx body."""

    name: str | None
    rows: list[Row]


@dataclass
class Document:
    """What a reader returns for one input file.

    ``kind`` is the reader that made it: ``text``, ``xlsx``, ``docx`` or ``filing`` (canonical
    YAML/JSON; then ``filing`` holds the forms directly and ``grids`` is empty).
    ``findings`` holds what the reader could not read but read past (X901: a damaged sheet, a
    formula cell without a cached value); the layout stage passes them on to the Filing.
    """

    path: str
    kind: str
    grids: list[Grid] = field(default_factory=list)
    filing: "Filing | None" = None
    findings: list["Finding"] = field(default_factory=list)
    # The text shape a text reader read (tab, cell_per_line, pipe, markdown, cell_per_line_pipe,
    # cell_per_line_blank, spaces, run_on); None for office files and filings.
    shape: str | None = None


# --------------------------------------------------------------------------- form content

FormKind = Literal[
    "project_target",
    "department_target",
    "project_self_eval",
    "department_self_eval",
    "budget_table",
]


@dataclass(slots=True)
class Money:
    """An amount with its unit as written: ``Decimal`` in 元 or 万元.

    ``raw`` keeps the text (``100,000``, ``3531.93``) so tolerance can follow the written
    precision (3531.93 万元 means [3531.925, 3531.935)).
    """

    amount: Decimal
    unit: str  # "元" | "万元"
    raw: str
    place: Place

    def in_wan(self) -> Decimal:
        """The amount in 万元 (exact Decimal, at the written precision: 1,000,000 元 → 100.0000),
        converted by the units table (checker.domain.money). Raises KeyError for a non-money unit."""
        from checker.domain.money import to_wan  # the domain stands on the model, not under it

        return to_wan(self.amount, self.unit)

    def in_yuan(self) -> Decimal:
        """The amount in 元 (exact Decimal), converted by the units table (checker.domain.money)."""
        from checker.domain.money import from_wan, to_wan

        return from_wan(to_wan(self.amount, self.unit), "元")


@dataclass(slots=True)
class Field:
    """A header field of a form: its label as written, raw value text, and place of the value."""

    label: str
    raw: str
    place: Place
    money: Money | None = None


@dataclass(slots=True)
class Indicator:
    """One level-3 indicator row.

    ``value``/``unit``/``value_type`` are the raw texts of 指标值, 度量单位 and 指标值类型 (or 指标性质);
    ``parsed`` is what checker.values made of them (None until parsed; ``parse_error`` holds the
    message when the grammar rejected the value). Self-evaluation forms add ``actual`` (实际完成值),
    ``weight`` (分值), ``score`` (得分) and ``deviation`` (偏差原因分析及改进措施).

    ``doubts`` lists what the layout was unsure of (a name cut short by the export, a row whose
    cells were shifted and recovered); rules report doubtful input as X9xx info, not as the
    filer's fault.
    """

    level1: str
    level2: str
    name: str
    value: str = ""
    unit: str = ""
    value_type: str = ""
    note: str = ""
    place: Place = NOWHERE
    row_text: str = ""
    cell_places: dict[str, Place] = field(default_factory=dict)
    parsed: Any = None
    parse_error: str | None = None
    actual: str | None = None
    weight: str | None = None
    score: str | None = None
    deviation: str | None = None
    block: str | None = None  # "annual" | "period" where a form has 实施期 and 年度 blocks
    period_value: str | None = None  # the 实施期 block's value, when paired with the annual row
    period_name: str | None = None
    doubts: list[str] = field(default_factory=list)
    # The project a row belongs to in a batch list of several projects in one table (a 项目名称
    # column, merged down); None on a form of one project.
    project: str | None = None

    @property
    def path(self) -> list[str]:
        """[level1, level2, name], as the JSON report's ``indicator`` field."""
        return [self.level1, self.level2, self.name]


@dataclass(slots=True)
class Level2Group:
    """A level-2 label that appeared in the table, with or without level-3 rows under it."""

    level1: str
    level2: str
    place: Place
    count: int = 0


@dataclass
class Table:
    """A budget-disclosure table (预算公开表 1–13) or a self-evaluation money block.

    ``columns`` are the header names (joined across header rows), ``rows`` the data rows as
    lists of raw cell texts with their places; ``unit`` is 元 or 万元.
    """

    title: str
    unit: str
    columns: list[str]
    rows: list[list[Cell]]
    place: Place
    number: int | None = None


@dataclass(slots=True)
class Form:
    """One form found in a document.

    ``header`` maps canonical keys to fields:

    - ``project_name`` / ``department_name``
    - ``budget_total`` (年度预算金额, 年度资金总额, 资金总额; its ``money`` set), ``period_total``
    - ``fund:<source>`` for each source of funds (一般公共预算, 政府性基金预算, …)
    - ``spend:基本支出`` / ``spend:项目支出``
    - ``annual_goal`` (年度绩效目标 / 本年度绩效目标 / 年度履职目标 / 总体目标), ``period`` (项目期)

    ``budget`` is a shortcut to ``header['budget_total'].money``.
    """

    id: str
    kind: FormKind
    title: str
    place: Place
    year: int | None = None
    header: dict[str, Field] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    level2_groups: list[Level2Group] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    total_score: Field | None = None
    grade: Field | None = None
    level1_weights: dict[str, Field] = field(default_factory=dict)
    has_period_block: bool = False
    end_place: Place | None = None
    # Text paragraphs that belong to the form (the budget disclosure's 情况说明, whose figures
    # B504 compares with the tables), one-cell Rows in reading order.
    paragraphs: list[Row] = field(default_factory=list)
    # The 实施期目标 block's indicators of a side-by-side form (block "period"), with their own
    # levels, when ``indicators`` holds the 年度目标 block's; rules that judge both blocks read them.
    period_indicators: list[Indicator] = field(default_factory=list)

    @property
    def budget(self) -> Money | None:
        f = self.header.get("budget_total")
        return f.money if f else None

    @property
    def name(self) -> str:
        f = self.header.get("project_name") or self.header.get("department_name")
        return f.raw if f else ""

    @property
    def indicator_count(self) -> int:
        """How many indicators the form holds (what a report prints; a slim FormHead has only this)."""
        return len(self.indicators)


@dataclass
class Filing:
    """All forms of one document, with what the layout could not place (X901/X902 findings)."""

    path: str
    forms: list[Form] = field(default_factory=list)
    findings: list["Finding"] = field(default_factory=list)


# --------------------------------------------------------------------------- findings

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(slots=True)
class Finding:
    """One violation (or doubt) found by a rule.

    ``message`` maps a language (``zh``, ``en``) to the rendered text. ``indicator`` is the
    [level1, level2, name] path when the finding is about one indicator. ``data`` carries the
    numbers that matter (``expected``, ``actual``, ``unit`` …), as strings for Decimals.
    ``count`` > 1 when one template-level deviation stands for that many forms.
    """

    code: str
    severity: Severity
    message: dict[str, str]
    form: str | None = None
    indicator: list[str] | None = None
    place: Place = NOWHERE
    data: dict[str, Any] = field(default_factory=dict)
    row_text: str = ""
    waived: bool = False
    count: int = 1
    # A template-level deviation's message for the whole document (a rule variant's
    # ``per_document``, zh/en templates): checker/report/grouping.py folds such findings of
    # three forms or more into one. None for every other finding.
    per_document: dict[str, str] | None = None
    # The rule variant that gave it (``below``, ``above`` …), None for a rule's plain message:
    # the pipeline leaves some variants out on a form the page cut (checker/pipeline.py).
    variant: str | None = None

    def text(self, lang: str = "zh") -> str:
        return self.message.get(lang) or self.message.get("zh") or next(iter(self.message.values()), "")
