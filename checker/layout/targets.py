"""Read one target form (项目支出绩效目标表, 部门整体支出绩效目标表 and their …申报表 variants) from its
region of rows: header fields, then the indicator table, single or with side-by-side
实施期目标 / 年度目标 blocks.

S113 is emitted here, for one-year projects only (项目期 1年, or 项目属性 一次性): a multi-year
project's blocks may differ by design, so there both values are kept on the Indicator
(``value`` annual, ``period_value``) for a rule to judge.
"""

from __future__ import annotations

import re

from checker.layout.blocks import columns_of, is_cut_of, left_of_labels, split_row
from checker.layout.findings import s113, where, x901, x902
from checker.layout.header import HeaderReader
from checker.layout.labels import compact, squeezed
from checker.layout.levels import LevelTracker, canonical
from checker.layout.narrative import narrative_rows
from checker.layout.pairing import name_score, pair_blocks, same_value
from checker.layout.segment import Region
from checker.layout.row_memo import first as first_row
from checker.layout.table import (Header, anchored, align_row, data_cells, is_block_label, is_end_row, merge_subheader,
                                  read_header)
from checker.layout.vocab import label_level, legacy_parent
from checker.model import Cell, Finding, Form, Indicator, Row

_ONE_YEAR = re.compile(r"^(1|一)年$")
_COST_LEVEL1_FROM = 2022  # 财预〔2021〕101号: 成本指标 is a level-1 from the 2022 budget year on


def parse_target(region: Region, form_id: str) -> tuple[Form, list[Finding]]:
    """(Form, findings) for a target-form region whose ``rows[0]`` is the title row."""
    title_cell = next(c for c in region.title_row.cells if c.text)
    form = Form(id=form_id, kind=region.kind, title=squeezed(region.title), place=title_cell.place,
                year=region.year, end_place=region.rows[-1].place)
    rows = region.rows[1:]
    at = first_row(read_header, rows)
    reader = HeaderReader()
    reader.read_unit(region.title_row)  # "…绩效目标表 ⇥ 单位：万元" on the title's row
    header, body = None, []
    if at is None:
        at = next((i for i, r in enumerate(rows) if _headless_start(r)), None)
        form.header = reader.feed(rows if at is None else rows[:at])
        form.paragraphs = narrative_rows(rows if at is None else rows[:at])
        if at is not None:
            # The export lost the header row; the template's usual columns stand in for it.
            header = _default_header(rows[at], reader.has_period_block)
            body = _table_rows(rows[at:])
            end = at + len(body)
    else:
        form.header = reader.feed(rows[:at])
        form.paragraphs = narrative_rows(rows[:at])  # 项目概况, 立项依据 … (M309)
        header = read_header(rows[at])
        two_rows = merge_subheader(header, rows[at + 1] if at + 1 < len(rows) else None)
        if two_rows is not None:
            header, at = two_rows, at + 1  # 指标值 over 中长期 ⇥ 年度: a header of two rows
        body = _table_rows(rows[at + 1:])
        end = at + 1 + len(body)
    if header is None:
        return form, [x902("表格在绩效指标表之前中断：未找到指标表头（一级指标/二级指标/三级指标/指标值）",
                           "the form is cut off: no indicator table header (一级指标/二级指标/三级指标/指标值) was found",
                           form.place, form_id)]
    # The rows after the table (body is rows[end - len(body):end]); not rows.index(body[-1]), which
    # compared the row with every row before it field by field (and built every cell's place).
    findings = _second_table(form, rows[end:] if body else [])
    if header.side_by_side:
        form.has_period_block = True
        findings += _side_by_side(form, header, body)
    else:
        form.has_period_block = reader.has_period_block or any(r == "period_value" for _, r in header.roles)
        findings += _single(form, header, body)
        _one_block_budget(form)
    if not form.indicators:
        findings.append(x902("绩效指标表没有任何三级指标行（表格在表头后中断）",
                             "the indicator table has no level-3 row (the table ends after its header)",
                             header.row.place, form_id, line=header.row.place.line))
    return form, findings


def _second_table(form: Form, rest: list[Row]) -> list[Finding]:
    """X901 for another indicator table after this form's table ended: its form's title is
    missing, so its rows cannot be given a form (they are not read into this one)."""
    for row in rest:
        if read_header(row) or _headless_start(row):
            zh, en = where(row.place)
            return [x901(f"{zh}起又有一张绩效指标表，但其上没有表格标题（…绩效目标表），无法归入任何表格",
                         f"another indicator table starts at {en} with no form title above it "
                         "(expected …绩效目标表); its rows were not read", row.place, form.id, row)]
    return []


def _headless_start(row: Row) -> bool:
    """A table row with no header row above it: led by the caption 绩效指标 and a level label, or by
    a level-1 label and a level-2 label followed by a name (产出指标 ⇥ 数量指标 ⇥ 服务人数 ⇥ ≥500人)."""
    cells = [c.text for c in row.cells if c.text]
    if len(cells) >= 3 and is_block_label(cells[0]) and label_level(cells[1]) is not None:
        return True
    first, second = (label_level(t) for t in cells[:2]) if len(cells) >= 4 else (None, None)
    return bool(first and second and first.level == 1 and second.level == 2 and label_level(cells[2]) is None)


def _default_header(row: Row, side_by_side: bool) -> Header:
    # After the caption 绩效指标 the template's columns start at 1; a row led by its level-1 label
    # starts the columns there.
    at = next((i for i, c in enumerate(row.cells) if c.text), 0)
    k = 1 if is_block_label(row.cells[at].text) else at
    roles = [(k, "level1"), (k + 1, "level2"), (k + 2, "name"), (k + 3, "value"), (k + 4, "unit")]
    if side_by_side:
        roles = roles[:4]
    annual = [(k + 4, "level2"), (k + 5, "name"), (k + 6, "value")] if side_by_side else []
    return Header(row=Row(cells=[], place=row.place, raw=""), roles=roles, annual_roles=annual)


def _table_rows(rows: list[Row]) -> list[Row]:
    out = []
    for row in rows:
        if is_end_row(row):
            break
        out.append(row)
    return out


def _is_furniture(row: Row, cells: list[tuple[int, Cell]]) -> bool:
    # A line without tabs inside a table is page furniture (仅供内部审核, a page number), unless it
    # is a level label standing alone.
    return len(row.cells) == 1 and label_level(cells[0][1].text) is None


def _start_labels(header: Header, tracker: LevelTracker) -> None:
    l1 = next((c for lab, c in header.labels if lab.level == 1), None)
    l2 = next((c for lab, c in header.labels if lab.level == 2), None)
    if l1 or l2:
        tracker.labels(l1, l2)


def _dropped(form: Form, row: Row, cells: list[Cell]) -> Finding:
    texts = "、".join(squeezed(c.text) for c in cells)
    zh, en = where(row.place)
    return x901(f"指标表{zh}有无法归入任何列的内容：{texts}（应为一级/二级/三级指标、指标值、单位或指标值类型）",
                f"{en} of the indicator table holds text that fits no column: {texts} "
                "(expected level-1/2/3 indicator, value, unit or value type)",
                cells[0].place, form.id, row, cells=[c.text for c in cells])


def _single(form: Form, header: Header, body: list[Row]) -> list[Finding]:
    findings: list[Finding] = []
    tracker = LevelTracker(legacy=_legacy_reading(form, header, body))
    _start_labels(header, tracker)
    for row in body:
        again = read_header(row)
        if again and not again.side_by_side:
            header = again  # the header repeated after a page break, maybe in another order
            continue
        cells = data_cells(row)
        if not cells or _is_furniture(row, cells):
            continue
        al = align_row(anchored(cells, header.roles, tracker.legacy), header.roles)
        tracker.labels(al.cells.get("level1"), al.cells.get("level2"))
        # 中长期指标值 ⇥ 年度指标值 in one table: the period value rides on the annual row.
        period_value = al.text("period_value") if "period_value" in al.cells else None
        tracker.indicator(al.cells, row, _aligned_doubts(al, cells, header.roles), period_value=period_value)
        if al.dropped:
            findings.append(_dropped(form, row, al.dropped))
    form.indicators, form.level2_groups = tracker.indicators, tracker.groups
    return findings


def read_rows(form: Form, header: Header, body: list[Row]) -> list[Finding]:
    """Read ``body`` (data rows of one indicator table, no side-by-side block) into
    ``form.indicators`` and ``form.level2_groups`` on ``header``'s roles; returns X901 findings
    for cells that suit no column. Used for rows whose header was lost (layout/untitled.py)."""
    return _single(form, header, body)


def _legacy_reading(form: Form, header: Header, body: list[Row]) -> bool:
    """May a lone 成本指标 under 产出指标 be read as the older forms' level-2 (levels.LevelTracker)?
    Always before the 2022 budget year (财预〔2021〕101号); from then on only when the table's columns
    do not say where it stands: a table that keeps an empty level-1 cell beside a level-2 label
    (tab exports, spreadsheets) places a label by its column, so 成本指标 in the 一级指标 column is
    a level-1 there. Pipe, space and one-cell-per-line shapes drop merged cells, so their columns
    do not tell, and the form's own order (成本指标 after 时效指标, under 产出指标) does."""
    if form.year is None or form.year < _COST_LEVEL1_FROM:
        return True
    cols = dict((role, col) for col, role in header.roles)
    c1, c2 = cols.get("level1"), cols.get("level2")
    if c1 is None or c2 is None:
        return True
    for row in body:
        if len(row.cells) > max(c1, c2) and not row.cells[c1].text:
            lab = label_level(row.cells[c2].text)
            if lab is not None and lab.level == 2:
                return False
    return True


def _side_by_side(form: Form, header: Header, body: list[Row]) -> list[Finding]:
    period, annual = LevelTracker(legacy=False), LevelTracker(legacy=False)  # _legacy_level2 reads columns
    _start_labels(header, period)
    annual_col = header.annual_roles[0][0]
    period_cols, annual_cols = columns_of(header.roles), columns_of(header.annual_roles)
    legacy = form.year is None or form.year < _COST_LEVEL1_FROM
    findings: list[Finding] = []
    for row in body:
        cells = data_cells(row)
        if not cells or read_header(row) or _is_furniture(row, cells):
            continue
        p, a = split_row(cells, annual_col)
        if legacy:
            _legacy_level2(p, header.roles, period)
            _legacy_level2(a, header.annual_roles, annual if annual.level1 else period)
        period.labels(p.level1, p.level2)
        period.indicator(p.cells, row, _shift_doubts(p, period_cols), block="period")
        if a.level1 is None and annual.level1 != period.level1:
            # The annual block has no 一级指标 column: it follows the period block's level-1.
            annual.level1, annual.level2, annual.group, annual.guessed = period.level1, "", None, period.guessed
        annual.labels(a.level1, a.level2)
        doubts = _shift_doubts(a, annual_cols)
        if _value_fell_off(a, row):
            doubts.append("value_shifted")
        cut = _cut_to_label(a, p, row)
        if cut is not None:
            # Its value was pushed off the row as _value_fell_off's is (value_shifted, which S107 knows);
            # row_cut says the name is the period block's.
            a.cells, doubts = {"name": cut}, doubts + ["row_cut", "value_shifted"]
        annual.indicator(a.cells, row, doubts, block="annual")
        if p.dropped or a.dropped:
            findings.append(_dropped(form, row, p.dropped + a.dropped))
    form.level2_groups = annual.groups or period.groups
    if not annual.indicators:
        form.indicators = period.indicators
        if period.indicators:
            findings.append(x902("年度目标栏为空，指标取自实施期目标栏", "the annual block is empty; indicators are "
                                 "taken from the period block", header.row.place, form.id))
        return findings
    form.indicators = annual.indicators
    form.period_indicators = period.indicators
    findings += _pair(form, period.indicators, annual.indicators)
    return findings


def _legacy_level2(half, roles: list[tuple[int, str]], tracker: LevelTracker) -> None:
    """成本指标 written in the 二级指标 column under 产出指标 (财预〔2015〕88号 附件, pre-2022 forms) is a
    level-2 there: the block split took it for a level-1 because it is one since 101号."""
    cell = half.level1
    if cell is None or half.level2 is not None or not tracker.level1:
        return
    lab = label_level(cell.text)
    level2_cols = {col for col, role in roles if role == "level2"}
    if lab and legacy_parent(lab.canonical) == canonical(tracker.level1) and half.index.get(id(cell)) in level2_cols:
        half.level1, half.level2 = None, cell


def _one_block_budget(form: Form) -> None:
    """A one-block form whose only amount is 项目资金总额 (older templates): that amount is the
    year's budget when the project runs one year or its length is not stated, so S111 and M303 find
    it. A multi-year project keeps it as period_total only."""
    header = form.header
    total = header.get("period_total")
    if "budget_total" in header or total is None or form.has_period_block:
        return
    period = header.get("period")
    if period is not None and not _ONE_YEAR.match(compact(period.raw)):
        return
    header["budget_total"] = total


def _value_fell_off(half, row: Row) -> bool:
    """The annual half holds a name and no value, and that name is the row's very last cell (no
    empty value cell follows it): the export pushed the value off the end of the row (seed 003:
    "…⇥数量指标⇥金村镇市政道路" after a period value shifted one column right)."""
    name = half.cells.get("name")
    return name is not None and "value" not in half.cells and bool(row.cells) and row.cells[-1] is name


def _cut_to_label(half, other, row: Row) -> Cell | None:
    """The period half's name cell when the annual half holds labels only and its last label is
    the row's last cell: the export cut the annual row after its level label, name and value lost
    (seed 003: "…⇥ 办公费用支出 ⇥ ≤9000元 ⇥ ⇥ ⇥ ⇥ ⇥ 成本指标"). The annual indicator keeps the
    period's name, so the blocks pair, and an empty value with doubt ``row_cut``: rules that need
    the value (M303's sum) report a doubt, not the filer's. None for any other row."""
    if half.cells:  # most rows: the annual half has its own name or value
        return None
    labels = [c for c in (half.level1, half.level2, *half.extra_labels) if c is not None]
    name = other.cells.get("name")
    last = row.cells[-1] if row.cells else None  # an empty cell after the label: the filer's blank
    if not labels or name is None or last is None or not any(c is last for c in labels):
        return None
    return Cell(text=name.text, place=last.place, raw=name.raw)


def _shift_doubts(half, cols: dict[str, int]) -> list[str]:
    """``shifted`` when a cell of the half stands off its header column; ``labels_lost`` too when
    the name moved into the label columns (blocks.Half.labels_lost: its level labels are a guess)."""
    if not half.shifted(cols):
        return []
    return ["shifted", "labels_lost"] if half.labels_lost(cols) else ["shifted"]


def _aligned_doubts(al, cells: list[tuple[int, Cell]], roles: list[tuple[int, str]]) -> list[str]:
    """_shift_doubts for a row of a single-block table (table.align_row placed its cells)."""
    if not al.shifted:
        return []
    name = al.cells.get("name")
    lost = (name is not None and "level1" not in al.cells and "level2" not in al.cells
            and left_of_labels(next((i for i, c in cells if c is name), None), columns_of(roles)))
    return ["shifted", "labels_lost"] if lost else ["shifted"]


def _one_year(form: Form) -> bool:
    period = form.header.get("period")
    kind = form.header.get("project_type")
    if period and _ONE_YEAR.match(compact(period.raw)):
        return True
    return bool(kind and ("一次性" in kind.raw or "1年结束" in kind.raw))


def _pair(form: Form, periods: list[Indicator], annuals: list[Indicator]) -> list[Finding]:
    """Fill period_value/period_name of the annual rows from their period partners (pairing.py),
    keep the fuller name; S113 for one-year projects where the blocks disagree."""
    pairs = pair_blocks(periods, annuals)
    report = _one_year(form)
    findings: list[Finding] = []
    for i, ind in enumerate(annuals):
        match = pairs.get(i)
        if match is None:
            if report and ind.name:
                findings.append(s113(form.id, ind, ind.place,
                                     f"年度目标的指标“{ind.name}”（{ind.value}）在实施期目标中没有对应指标",
                                     f"the annual indicator '{ind.name}' ({ind.value}) has no counterpart in the period block",
                                     ind.row_text, annual_value=ind.value))
            continue
        findings += _compare(form, ind, match, report)
    if report:
        used = {id(p) for p in pairs.values()}
        for ind in periods:
            if id(ind) not in used and ind.name:
                findings.append(s113(form.id, ind, ind.place,
                                     f"实施期目标的指标“{ind.name}”（{ind.value}）在年度目标中没有对应指标",
                                     f"the period indicator '{ind.name}' ({ind.value}) has no counterpart in the annual block",
                                     ind.row_text, period_value=ind.value))
    return findings


def _compare(form: Form, ind: Indicator, match: Indicator, report: bool) -> list[Finding]:
    findings: list[Finding] = []
    ind.period_value, ind.period_name = match.value, match.name
    if report and name_score(ind.name, match.name) == 1:
        findings.append(s113(form.id, ind, ind.place,
                             f"同一指标在两栏中名称不一致：实施期目标“{match.name}”，年度目标“{ind.name}”",
                             f"the indicator is named differently in the blocks: period '{match.name}', "
                             f"annual '{ind.name}'", ind.row_text, severity="info",  # wording, not substance
                             period_name=match.name, annual_name=ind.name))
    if ind.name != match.name:  # (equal, as most pairs' are, neither is a cut of the other)
        if is_cut_of(ind.name, match.name):
            ind.name = match.name
            ind.doubts = sorted(set(ind.doubts) | {"name_truncated"})
        elif is_cut_of(match.name, ind.name):
            ind.doubts = sorted(set(ind.doubts) | {"name_truncated"})
    if not ind.value or not match.value or same_value(ind.value, match.value):
        return findings
    if is_cut_of(ind.value, match.value) or is_cut_of(match.value, ind.value):
        ind.doubts = sorted(set(ind.doubts) | {"value_truncated"})  # the export cut one of them
        return findings
    if report and ind.name:  # a row whose name was lost is a doubt, not a finding
        findings.append(s113(form.id, ind, ind.place,
                             f"“{ind.name}”的指标值不一致：实施期目标 {match.value}，年度目标 {ind.value}",
                             f"'{ind.name}' differs between the blocks: period {match.value}, annual {ind.value}",
                             ind.row_text, period_value=match.value, annual_value=ind.value))
    return findings
