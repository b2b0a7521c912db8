"""Layout of self-evaluation forms: 项目支出绩效自评表 and 部门（单位）整体支出绩效自评表.

The form (财预〔2020〕10号 annex; seeds 001 and 002) has, top to bottom:

- the name (项目名称 / 预算部门名称) and, for projects, 主管部门 / 实施单位;
- the money block: 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分 for 年度资金总额 and its
  parts, and for departments the breakdown by source of funds and by 基本支出 / 项目支出
  (checker.layout.self_eval_money);
- 年度总体目标: 预期目标 and 实际完成情况;
- the indicator table: 一级指标 (with its weight in the heading, ``产出指标(50分)``), 二级指标,
  三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施;
- the 总分 row (total weight and total score) and a grade (in the form, or in the report text
  that follows it: ``自评级别为优``).

Columns are found by their header names, not by position. A row with fewer cells than the header
(merged level-1/level-2 cells dropped by the export) is aligned by stripping its leading label
cells. Both the tab layout and the one-cell-per-line layout reach this module as the same Rows.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from types import SimpleNamespace

from checker.layout.budget_numbers import number
from checker.layout.findings import x902
from checker.layout.labels import normalize
from checker.layout.self_eval_money import is_money_header, money_unit, read_money_block
from checker.layout.vocab import (
    HEADING_WEIGHT,
    label_level,
    label_text,
    layout_vocab,
    legacy_parent,
    self_eval_columns,
    self_eval_rows,
)
from checker.model import Cell, Field, Finding, Form, Indicator, Level2Group, Place, Row

# Indicator-table header names → our keys: rules/layout_vocab.yaml self_eval_columns.
_PERIOD = re.compile(r"^(?:年度|全年|本年度?|当年|年初)")  # 年初目标值 (Hubei self-evaluations)
# What a 指标值类型/指标性质 cell may say that belongs in front of a bare target (≥ + 98 + %),
# and the direction a 指标方向 cell gives one (反向: the lower the better).
_KIND_COMPARATOR = re.compile(r"^(≥|≤|>|<|=|≧|≦|＝|＞|＜|大于等于|小于等于|等于|不低于|不高于|不少于|不超过|不大于|不小于)$")
_DIRECTION_COMPARATOR = {"正向": "≥", "正向指标": "≥", "反向": "≤", "反向指标": "≤"}
_BARE_NUMBER = re.compile(r"^[0-9０-９]")
# A cell that reads as a target or a figure (≥90%, 100%, 12场), never as an indicator's name.
_QUANTITY_LIKE = re.compile(r"^(?:[≥≤><=＞＜≧≦＝]|[0-9０-９.]+\s*(?:%|％)?$|[0-9０-９])")
# The second header row under a split 得分 column: 部门自评 | 财政评价 (some provinces).
_SCORE_SPLIT = (("自评", "score"), ("财政", "review_score"), ("评价", "review_score"), ("复核", "review_score"))
# A level-1's weight after its name: 产出指标（50分）, 效益指标(30%), 满意度指标（权重10）.
_LEVEL1 = re.compile(r"^(产出|效益|效果|满意度|成本)(指标)?")
_LEVEL2_TAIL = ("指标",)
_LEVEL2_NAMES = ("经济效益", "社会效益", "生态效益", "环境效益", "可持续影响", "服务对象满意度")
# What a filer writes in 分值/得分 for an indicator not evaluated: a deliberate blank, not a
# cell the export damaged (that one is a doubt).
# The words of rows that are not indicators (end, total, subtotal, grades, not scored):
# rules/layout_vocab.yaml self_eval_rows, through _words().


@cache
def _words() -> SimpleNamespace:
    """self_eval_rows as tuples, and the two patterns built from them: a 分值/得分 cell left
    unscored on purpose (a not-scored word, or dashes or slashes alone) and a grade in a sentence."""
    w = self_eval_rows()
    grades = "|".join(map(re.escape, w["grades"]))
    return SimpleNamespace(
        end=w["end_labels"], total=w["total_labels"], subtotal=w["subtotal_labels"], grades=w["grades"],
        not_scored=re.compile(r"^(?:[—–\-－/／\\]+|" + "|".join(map(re.escape, w["not_scored"])) + ")$"),
        grade_text=re.compile(r"(?:自评|评价|绩效)?(?:级别|等级)\s*(?:为|是|[:：])\s*[“\"「『]?(" + grades + ")"),
    )


def parse_self_eval(
    rows: list[Row], *, form_id: str, title: str, title_place: Place, year: int | None
) -> tuple[Form, list[Finding]]:
    """Read one self-evaluation form from its rows (title to the next form's title).

    Returns the Form (kind ``department_self_eval`` when the title names a department's 整体支出,
    else ``project_self_eval``) and layout findings (X902 when no indicator table was found).
    ``Form.tables[0]`` is the money block (columns 项目, 年初预算数 … 得分, unit from the block's
    label); header keys as in ``read_money_block`` plus ``department_name`` / ``project_name``,
    ``annual_goal``, ``actual_goal`` and ``total_weight`` (the 总分 row's sum of 分值).
    Indicators carry ``actual``, ``weight``, ``score`` and ``deviation`` as raw text.
    """
    # 部门项目支出绩效自评表 (a department's project form) is a project form; 整体 names the other.
    kind = "department_self_eval" if ("整体" in title or ("部门" in title and "项目" not in title)) \
        else "project_self_eval"
    year = year if year is not None else _year(rows[:4])
    form = Form(id=form_id, kind=kind, title=title, place=title_place, year=year)
    findings: list[Finding] = []
    i = _read_top(rows, form)
    header_at = next((j for j in range(i, len(rows)) if _indicator_columns(rows[j])), None)
    if header_at is None:
        findings.append(_cut_off(form, rows))
        return form, findings
    end, cols, width = _read_indicators(rows, header_at, form)
    _read_totals(rows, end, form, cols, width)
    _read_notes(rows, end, form)
    if rows:
        form.end_place = rows[-1].place
    return form, findings


# --------------------------------------------------------------------------- top of the form

_YEAR = re.compile(r"(20\d{2})\s*年度")


def _year(rows: list[Row]) -> int | None:
    """The budget year from a line such as ``（2023年度）`` under the title."""
    for row in rows:
        for c in row.cells:
            m = _YEAR.search(c.text)
            if m:
                return int(m.group(1))
    return None



def _read_top(rows: list[Row], form: Form) -> int:
    """Name, money block and goals; returns the index where the indicator search starts."""
    i = 0
    while i < len(rows):
        row = rows[i]
        if _indicator_columns(row):
            return i
        _name_fields(row, form, _next_with_text(rows, i + 1))
        if is_money_header(row):
            j = i + 1
            while j < len(rows) and not _ends_money(rows[j]):
                j += 1
            unit = money_unit(rows[: i + 1])  # the block's label, or a 单位：元 line under the title
            table, fields = read_money_block(row, rows[i + 1 : j], unit, row.place)
            form.tables.append(table)
            for k, v in fields.items():
                form.header.setdefault(k, v)
            i = j
            continue
        if any(normalize(c.text).startswith("年度总体目标") or normalize(c.text) == "总体目标" for c in row.cells):
            i = _read_goals(rows, i, form)
            continue
        i += 1
    return i


def _ends_money(row: Row) -> bool:
    texts = [normalize(c.text) for c in row.cells]
    return any(t.startswith(("年度总体目标", "总体目标", "绩效指标", "一级指标")) for t in texts)


def _next_with_text(rows: list[Row], j: int) -> Row | None:
    while j < len(rows) and not any(c.text for c in rows[j].cells):
        j += 1
    return rows[j] if j < len(rows) else None


def _name_fields(row: Row, form: Form, nxt: Row | None = None) -> None:
    """项目名称, 主管部门, 实施单位 with the value right of the label, or on the next line when
    the label stands alone (a form printed one cell per line)."""
    cells = row.cells
    alone = [c for c in cells if c.text]
    if len(alone) == 1 and nxt is not None:
        below = [c for c in nxt.cells if c.text]
        if len(below) == 1 and _name_key(below[0].text) is None:
            cells = [alone[0], below[0]]
    for k, c in enumerate(cells):
        key = _name_key(c.text)
        if key is None or key in form.header:
            continue
        value = next((v for v in cells[k + 1 :] if v.text), None)
        if value is not None:
            form.header[key] = Field(label=c.text, raw=value.text, place=value.place)


def _name_key(text: str) -> str | None:
    label = normalize(text)
    if label.endswith("名称") and len(label) <= 8:
        return "project_name" if "项目" in label else "department_name"
    if label.startswith("主管部门"):
        return "supervisor"
    return "implementer" if label == "实施单位" else None


_GOAL_LABELS = {"预期目标": "annual_goal", "年度目标": "annual_goal", "实际完成情况": "actual_goal",
                "实际完成": "actual_goal", "完成情况": "actual_goal"}


def _read_goals(rows: list[Row], i: int, form: Form) -> int:
    """年度总体目标: the 预期目标 and 实际完成情况 texts in the header row or the row under it, or
    each beside its own label (预期目标 | text on one row, 实际完成情况 | text on the next)."""
    row = rows[i]
    texts = [c for c in row.cells if c.text and not normalize(c.text).startswith(("年度总体目标", "总体目标"))]
    if _labelled_goals(rows, i, form):
        return i + 2 if i + 1 < len(rows) and _goal_label_at(rows[i + 1]) is not None else i + 1
    if texts and all(normalize(c.text) in ("预期目标", "实际完成情况") for c in texts) and i + 1 < len(rows):
        i += 1
        texts = [c for c in rows[i].cells if c.text]
    for key, cell in zip(("annual_goal", "actual_goal"), texts):
        form.header.setdefault(key, Field(label=key, raw=cell.text, place=cell.place))
    return i + 1


def _goal_label_at(row: Row) -> int | None:
    """Where a goal label stands in ``row`` with a text after it (预期目标 | text), or None."""
    for k, c in enumerate(row.cells[:-1]):
        if normalize(c.text) in _GOAL_LABELS and any(x.text for x in row.cells[k + 1 :]):
            return k
    return None


def _labelled_goals(rows: list[Row], i: int, form: Form) -> bool:
    """Goals written label | text, one label a row; True when at least one was read so."""
    found = False
    for row in rows[i : i + 2]:
        k = _goal_label_at(row)
        if k is None:
            break
        value = next(c for c in row.cells[k + 1 :] if c.text)
        if normalize(value.text) in _GOAL_LABELS:
            return found  # a header row of both labels (预期目标 | 实际完成情况), not label | text
        key = _GOAL_LABELS[normalize(row.cells[k].text)]
        form.header.setdefault(key, Field(label=row.cells[k].text, raw=value.text, place=value.place))
        found = True
    return found


# --------------------------------------------------------------------------- indicator table


def _column_key(text: str) -> str | None:
    """The key of one indicator-table header cell: ``年度目标值`` → value, ``度量单位`` → unit: the
    first of self_eval_columns whose prefix begins the label, or the label without its period word."""
    label = normalize(text)
    bare = _PERIOD.sub("", label)
    match, first = _column_prefixes()
    found = [first[m.group()] for m in (match(label), match(bare) if bare else None) if m is not None]
    return self_eval_columns()[min(found)][1] if found else None


@cache
def _column_prefixes():
    """(match of any self_eval_columns prefix at a text's start, each prefix's first place in the
    list). Alternatives are tried in the list's order, so the prefix matched is the first one the
    text begins with: one search instead of two startswith per prefix (48) for every cell of every
    row the indicator-table search asks."""
    columns = self_eval_columns()
    first: dict[str, int] = {}
    for n, (prefix, _) in enumerate(columns):
        first.setdefault(prefix, n)
    return re.compile("|".join(re.escape(prefix) for prefix, _ in columns)).match, first


def _indicator_columns(row: Row) -> dict[str, int] | None:
    """Column positions of the indicator table's header row, or None when ``row`` is not it."""
    cols: dict[str, int] = {}
    for pos, cell in enumerate(row.cells):
        key = _column_key(cell.text)
        if key == "deviation" and key in cols:
            key = "deviation#2"  # 偏差原因分析 | 改进措施 in two columns: either text explains
        if key is not None and key not in cols:
            cols[key] = pos
    # An 实际完成值 column makes it an evaluation table too (区域绩效目标自评表: 年度指标值 | 实际完成指标值,
    # its weights in a column the header leaves unnamed).
    if "name" in cols and ({"score", "weight", "actual"} & set(cols)) and ("level1" in cols or "level2" in cols):
        return cols
    return None


def _split_score(cols: dict[str, int], sub: Row) -> tuple[dict[str, int], int] | None:
    """(columns, extra cells) after a second header row that splits 得分 into 部门自评 | 财政评价,
    or None when ``sub`` is not such a row. Columns right of 得分 move right by the extra cells."""
    texts = [normalize(c.text) for c in sub.cells if c.text]
    if "score" not in cols or not 2 <= len(texts) <= 3:
        return None
    keys = [next((k for w, k in _SCORE_SPLIT if w in t), None) for t in texts]
    if None in keys or keys.count("score") != 1:
        return None
    at, extra = cols["score"], len(texts) - 1
    out = {k: (p + extra if p > at else p) for k, p in cols.items() if k != "score"}
    for n, key in enumerate(keys):
        out.setdefault(key, at + n)
    out["score"] = at + keys.index("score")
    return out, extra


def _read_indicators(rows: list[Row], at: int, form: Form) -> tuple[int, dict[str, int], int]:
    """Indicator rows after the header at ``at``; returns the index of the first row after,
    the column positions and the header's width (both after a split 得分 column)."""
    cols = _indicator_columns(rows[at])
    assert cols is not None
    width = len(rows[at].cells)
    i = at + 1
    split = _split_score(cols, rows[i]) if i < len(rows) else None
    if split is not None:
        (cols, extra), i = split, i + 1
        width += extra
    level1 = level2 = ""
    while i < len(rows):
        row = rows[i]
        first = normalize(next((c.text for c in row.cells if c.text), ""))
        if first.startswith(_words().total) or first.startswith(_words().end):
            return i, cols, width
        if len([c for c in row.cells if c.text]) < 2 and len(row.cells) < 4:
            i += 1  # a broken header label or a blank line; text paragraphs end at an end label
            continue
        if _indicator_columns(row) is not None or _is_subtotal(row):
            i += 1  # the header repeated over the next page (重复标题行), or a level-1's 小计
            continue
        cells = _aligned(row.cells, cols, width, level1)
        l1, l2 = cells.get("level1"), cells.get("level2")
        if l1 is not None and l1.text:
            level1 = _level1(l1, form)
            level2 = ""
        if l2 is not None and l2.text:
            level2 = normalize(label_text(l2.text))
            form.level2_groups.append(Level2Group(level1, level2, l2.place))
        name = cells.get("name")
        if name is None or not name.text:
            i += 1
            continue
        form.indicators.append(_indicator(row, cells, level1, level2, "deviation" in cols))
        if form.level2_groups and form.level2_groups[-1].level2 == level2:
            form.level2_groups[-1].count += 1
        i += 1
    return i, cols, width


def _is_subtotal(row: Row) -> bool:
    """A level-1's subtotal row (``产出指标 | 小计 | | | 50 | 40``): its sums are no indicator and
    小计 no level-2; the 总分 row alone is the form's total."""
    subtotal = _words().subtotal
    return any(normalize(c.text) in subtotal for c in row.cells)


def _aligned(cells: list[Cell], cols: dict[str, int], width: int, level1: str = "") -> dict[str, Cell]:
    """Map a row's cells to column keys: by position when the row is as wide as the header,
    else by stripping leading label cells (empty, level-1 or level-2 names) and laying the
    rest onto the columns from 三级指标 on.

    A lone 成本指标 under 产出指标 (``level1``, the level-1 in force) is the older forms' level-2
    (10号 template: 产出 holds 数量/质量/时效/成本); a new level-1 always comes with a level-2."""
    if len(cells) >= width:
        return {k: cells[p] for k, p in cols.items() if p < len(cells)}
    out: dict[str, Cell] = {}
    k = 0
    while k < min(len(cells) - 2, cols["name"]) and _is_label(cells[k].text) and not _before_number(cells, k):
        if cells[k].text:
            key = "level1" if _is_level1(cells[k].text) and "level1" not in out else "level2"
            if key == "level1" and _legacy_cost(cells, k, cols, level1):
                key = "level2"
            out[key] = cells[k]
        k += 1
    tail = sorted((p, key) for key, p in cols.items() if p >= cols["name"])
    for (_, key), cell in zip(tail, cells[k:]):
        out[key] = cell
    if k == 0 and not _plausible(out):
        return _shifted(cells, cols, width) or out
    return out


def _plausible(row: dict[str, Cell]) -> bool:
    """Whether a reading of a row puts its cells where they belong: a 分值 and a 得分 that are
    plain numbers (no %: 97.66% is a rate), a 三级指标 that is no number, and no bare number as
    the deviation analysis."""
    def num(key: str) -> bool:
        c = row.get(key)
        return c is not None and number(c.text) is not None and "%" not in c.text and "％" not in c.text

    name, dev = row.get("name"), row.get("deviation")
    return (num("weight") and ("score" not in row or num("score") or not row["score"].text)
            and name is not None and bool(name.text) and not _QUANTITY_LIKE.match(name.text.strip())
            and (dev is None or number(dev.text) is None))


def _shifted(cells: list[Cell], cols: dict[str, int], width: int) -> dict[str, Cell] | None:
    """A short row whose leading label cells were dropped (a merged level-1, an unknown level-2
    name): the one offset at which the row's cells read plausibly, or None when none or several
    do (the reading by labels then stands)."""
    readings = []
    for offset in range(width - len(cells) + 1):
        row = {k: cells[p - offset] for k, p in cols.items() if 0 <= p - offset < len(cells)}
        if _plausible(row):
            readings.append(row)
    return readings[0] if len(readings) == 1 else None


def _before_number(cells: list[Cell], k: int) -> bool:
    """True when the cell after ``cells[k]`` is a number (a 分值 or a target): ``cells[k]`` is then
    the 三级指标 itself, however much it reads like a label (社会效益 | 10 | … on the 财预〔2013〕53号
    framework, whose level-3 names 经济效益/社会效益 are level-2 names elsewhere)."""
    nxt = cells[k + 1].text if k + 1 < len(cells) else ""
    return bool(cells[k].text) and number(nxt) is not None


def _legacy_cost(cells: list[Cell], k: int, cols: dict[str, int], level1: str) -> bool:
    """True when ``cells[k]`` is a bare 成本指标 standing alone before the 三级指标 under 产出指标
    (or another level-1 that rules/taxonomy.yaml lets older forms place under the one in force:
    产出成本 under 产出, the 财预〔2020〕10号 framework's level-2)."""
    text = normalize(cells[k].text)
    lab, parent = label_level(cells[k].text), label_level(level1)
    legacy = lab is not None and parent is not None and legacy_parent(lab.canonical) == parent.canonical
    if not (legacy or (text.startswith("成本") and level1.startswith("产出"))) or HEADING_WEIGHT.search(text):
        return False
    nxt = cells[k + 1].text if k + 1 < len(cells) else ""
    return "level2" in cols and not (nxt and _is_label(nxt))


def _is_label(text: str) -> bool:
    t = HEADING_WEIGHT.sub("", normalize(text))
    if not t:
        return True
    return (bool(_LEVEL1.fullmatch(t)) or t in _LEVEL2_NAMES or (len(t) <= 10 and t.endswith(_LEVEL2_TAIL))
            or label_level(text) is not None)  # numbered (一、产出指标) or older names (taxonomy.yaml)


def _is_level1(text: str) -> bool:
    known = label_level(text)
    return known.level == 1 if known is not None else bool(_LEVEL1.match(normalize(text)))


def _level1(cell: Cell, form: Form) -> str:
    """The level-1 name without its weight; the weight (``(50分)``) goes to level1_weights."""
    m = HEADING_WEIGHT.search(normalize(cell.text))
    # 一、产出指标（50分） → 产出指标: numbering and weight are not part of the name
    name = HEADING_WEIGHT.sub("", normalize(label_text(cell.text))).strip()
    if m and name not in form.level1_weights:
        form.level1_weights[name] = Field(label=name, raw=f"{m.group(1)}分", place=cell.place)
    return name


def _indicator(row: Row, cells: dict[str, Cell], level1: str, level2: str, has_deviation: bool) -> Indicator:
    """One indicator row. ``has_deviation``: the header names a 偏差原因分析 column, so a row whose
    cell there was dropped (an export trims a row's empty last cells) has an empty analysis ("")
    rather than none (None: the form has no such column)."""

    def text(key: str) -> str | None:
        c = cells.get(key)
        return c.text if c is not None else None

    name = cells["name"]
    unit = normalize(text("unit") or "")
    ind = Indicator(
        level1=level1,
        level2=level2,
        name=normalize(name.text),
        value=_with_comparator(_with_unit(text("value"), unit), text("value_kind"), text("direction")) or "",
        place=name.place,
        row_text=row.raw,
        cell_places={k: c.place for k, c in cells.items()},
        actual=_with_unit(text("actual"), unit),
        weight=text("weight"),
        score=text("score"),
        deviation=_deviation(text("deviation"), text("deviation#2")),
    )
    if ind.deviation is None and has_deviation:
        ind.deviation = ""
    ind.doubts += [d for d in row.doubts if d not in ind.doubts]  # the reader's (run-on values it could not cut)
    for key in ("weight", "score"):
        raw = getattr(ind, key)
        if raw and number(raw) is None and not _words().not_scored.match(normalize(raw)):
            ind.doubts.append(f"{key}_unreadable")
    return ind


def _deviation(first: str | None, second: str | None) -> str | None:
    """The deviation analysis, from one column or joined from two (原因 | 改进措施)."""
    if second is None:
        return first
    return "；".join(t for t in (first, second) if t)


def _with_unit(raw: str | None, unit: str) -> str | None:
    """A bare number from a form with a 度量单位 column, joined to its unit (``≥98`` + ``%`` →
    ``≥98%``), so target and actual compare as quantities; anything else unchanged."""
    if raw and unit and raw.strip()[-1:].isdigit() and unit not in ("/", "—", "-", "无"):
        return raw.strip() + unit
    return raw


def _with_comparator(raw: str | None, kind: str | None, direction: str | None) -> str | None:
    """A bare target preceded by the comparator its 指标值类型 cell (``≥``) or 指标方向 cell
    (反向 → ``≤``) states: the target then reads as the filer meant it, not as a floor."""
    if not raw or not _BARE_NUMBER.match(raw.strip()):
        return raw
    k, d = normalize(kind or ""), normalize(direction or "")
    cmp_ = k if _KIND_COMPARATOR.match(k) else _DIRECTION_COMPARATOR.get(d) or _DIRECTION_COMPARATOR.get(k)
    return f"{cmp_}{raw.strip()}" if cmp_ else raw


# --------------------------------------------------------------------------- totals and grade


def _read_totals(rows: list[Row], at: int, form: Form, cols: dict[str, int], width: int) -> None:
    """总分 row (total weight and score) and the grade, in the form or the text after it.

    A 总分 row as wide as the header is read by the 分值/得分 columns; a narrower one (merged
    cells dropped) by its numbers: 分值 then 得分 (a 财政评价 total may follow), or 得分 alone."""
    for row in rows[at : at + 6]:
        cells = [c for c in row.cells if c.text]
        if not cells or not normalize(cells[0].text).startswith(_words().total):
            continue
        weight, score = _total_cells(row, cells, cols, width, form)
        if weight is not None:
            form.header["total_weight"] = Field(label="总分", raw=weight.text, place=weight.place)
        if score is not None:
            form.total_score = Field(label="总分", raw=score.text, place=score.place)
        for c in cells[1:]:
            if normalize(c.text) in _words().grades:
                form.grade = Field(label="等级", raw=normalize(c.text), place=c.place)
        break
    for k, row in enumerate(rows):
        _grade_cells(row, rows[k + 1] if k + 1 < len(rows) else None, form)
        if form.grade is not None:
            return


@cache
def _note_start() -> re.Pattern:
    """A row's first cell that begins a note: a label of rules/layout_vocab.yaml ``table_end_labels``
    (longest first) then a colon, the cell's end, or the note's first number or bracket."""
    labels = layout_vocab().get("table_end_labels") or []
    return re.compile(r"^(%s)\s*(?:[:：]|$|[0-9一（(])" % "|".join(map(re.escape, sorted(labels, key=len, reverse=True))))


def _read_notes(rows: list[Row], at: int, form: Form) -> None:
    """The notes under the indicator table (a row beginning 注：, 说明：, 备注 …: rules/layout_vocab.yaml
    ``table_end_labels``) as header ``notes``, its cells joined: a form may state its own level-1
    split there (注：产出指标50分、效益指标30分、满意度指标10分), which E403 checks the weights against."""
    starts = _note_start()
    for row in rows[at:]:
        cells = [c for c in row.cells if c.text.strip()]
        m = starts.match(normalize(cells[0].text)) if cells else None
        if m:
            text = " ".join(normalize(c.text) for c in cells)
            form.header.setdefault("notes", Field(label=m.group(1), raw=text, place=cells[0].place))
            return


def _total_cells(row: Row, cells: list[Cell], cols: dict[str, int], width: int, form: Form) -> tuple[Cell | None, Cell | None]:
    """(分值 total, 得分 total) cells of the 总分 row.

    By the 分值/得分 columns when the row is as wide as the header and its numbers stand there;
    else by its numbers: 分值 then 得分 (a 财政评价 total may follow). A lone number is the 得分
    total unless it is the sum of the weights and not of the scores (``总分 | 100`` with the
    score left blank): blaming the filer for a total they did not write would be a false alarm."""
    nums = [c for c in cells[1:] if number(c.text) is not None]
    if len(row.cells) >= width and "score" in cols:
        at = {cols[k] for k in ("weight", "score", "review_score") if k in cols}
        if nums and all(any(c is row.cells[p] for p in at) for c in nums):
            w = row.cells[cols["weight"]] if "weight" in cols else None
            sc = row.cells[cols["score"]]
            return (w if w is not None and number(w.text) is not None else None,
                    sc if number(sc.text) is not None else None)
    if len(nums) >= 2:
        return nums[0], nums[1]
    if len(nums) == 1:
        weights, scores = _sums(form)
        ind_weights, _ = _sums(form, with_money=False)  # a 100 of the indicators alone (53号)
        lone = number(nums[0].text)
        if lone in (weights, ind_weights) and lone != scores:
            return nums[0], None
        return None, nums[0]
    return None, None


def _sums(form: Form, with_money: bool = True) -> tuple[Decimal | None, Decimal | None]:
    """(sum of the weights, sum of the scores) of the indicators and (``with_money``) the money
    block's 执行率 row."""
    money = next((t for t in form.tables if "分值" in t.columns and "得分" in t.columns), None)
    extra = []
    if with_money and money is not None and money.rows:
        by = dict(zip(money.columns, money.rows[0]))
        extra = [(by["分值"].text, by["得分"].text)]
    pairs = [(i.weight, i.score) for i in form.indicators] + extra
    ws = [number(w) for w, _ in pairs if number(w) is not None]
    ss = [number(x) for _, x in pairs if number(x) is not None]
    return (sum(ws, Decimal(0)) if ws else None), (sum(ss, Decimal(0)) if ss else None)


def _grade_cells(row: Row, nxt: Row | None, form: Form) -> None:
    for j, c in enumerate(row.cells):
        label = normalize(c.text)
        if label in ("等级", "评价等级", "自评等级", "绩效等级", "自评结果等级") and j + 1 < len(row.cells):
            v = row.cells[j + 1]
            if normalize(v.text) in _words().grades:
                form.grade = Field(label=label, raw=normalize(v.text), place=v.place)
                return
        m = _words().grade_text.search(c.text)
        if m is None:
            continue
        if c.place.line is not None and c.place.column is not None and c.place.end_line == c.place.line:
            col = c.place.column + m.start(1)  # a text line: point at the grade itself
            place = Place(line=c.place.line, column=col, end_line=c.place.line, end_column=col + len(m.group(1)))
        elif c.place.line is not None and c.place.end_line not in (None, c.place.line):
            continue  # a cell run over several text lines: no column to point at (kept as before)
        else:
            place = c.place  # a Word paragraph or a workbook cell: the place is the cell
        form.grade = Field(label="等级", raw=m.group(1), place=place)
        return


def _cut_off(form: Form, rows: list[Row]) -> Finding:
    place = rows[-1].place if rows else form.place
    return x902(f"自评表“{form.title}”中未找到绩效指标表（一级指标、三级指标、分值、得分）",
                f"self-evaluation form '{form.title}': no indicator table (一级指标, 三级指标, 分值, 得分) found",
                place, form=form.id, expected="indicator table", actual="none")
