"""The indicator table of a target form: its header row, and each data row's cells mapped to
columns by the header's names, not by position.

Extraction damages rows: a merged level-1/level-2 cell leaves an empty cell or none at all, so
a row's cells slide left (seed 000: "审查完成时间 ≦ 10 日" under 时效指标), a label lands in the
next column, or an extra empty cell pushes the tail right. ``align_row`` therefore places every
non-empty cell by what it holds *and* where it stands: the assignment of cells to the header's
columns, in the header's order, that moves cells the least while each cell suits its column
(a level-2 label in 二级指标, ≥ or 定性 in 指标值类型, a short unit in 度量单位). A cell that
suits no column is left out and reported (X901), never dropped in silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from checker.layout.labels import compact, squeezed
from checker.layout.row_memo import per_row, remember
from checker.layout.vocab import Label, column_roles, is_level1, is_value_type, label_level, legacy_parent, section_heading_end
from checker.model import Cell, Row

# Header names → the role of the column: rules/layout_vocab.yaml ``column_headers`` (compared
# after compact, then with brackets and spaces removed, then the part before a bracket).
_BRACKETS = re.compile(r"[()\s]")
_NOTE_ROLE = re.compile(r"^(note|remark)(#[0-9]+)?$")  # "note#2": a second 指标解释-like column
_DIRECTIONS = frozenset({"正向", "反向", "正向指标", "反向指标", "中性", "中性指标"})
# Roles whose second occurrence in a header row starts a side-by-side block (年度目标); notes,
# remarks and weights may come twice in one block (指标值说明 ⇥ 指标解释 ⇥ 评(扣)分标准 ⇥ 备注).
_BLOCK_ROLES = frozenset({"level1", "level2", "name", "value", "unit", "value_type", "period_value"})
_END_MARKERS = ("负责人", "经办人", "填表人", "填报人", "联系电话", "审核人", "填报日期", "单位负责人", "总分",
                "填表说明", "填报说明", "注:")  # notes under the table (注：1.…) are not indicator rows
_DROP_COST = 5.0
_NAMELESS_COST = 3.0  # a value without a name: the name was probably shifted
_UNIT_ONLY_COST = 2.0  # a unit without a value: the value was probably shifted into the unit column
_VALUELESS_COST = 1.0  # a name without a value: rarer than a shifted row
_VALUE_AS_NAME = 2.0  # "≥90%" or "100%" in the name column: a shifted value, not a name
_STRONG_VALUE = re.compile(r"^([≥≤<>=≧≦＝＞＜]|[0-9][0-9.,]*\s*(%|$|[元次个人月年日天米亩份台套座辆条户名吨万]))")
_UNKNOWN_LABEL = 2.0  # an unknown text in the 一级/二级指标 column is taken as a label only when nothing fits better
INF = float("inf")
_TRACKED = {"name": 1, "value": 2, "unit": 4}  # roles whose presence the plan's end cost asks, as bits


@lru_cache(maxsize=1)
def _name_words() -> tuple[str, ...]:
    return tuple(k for k, v in column_roles().items() if v == "name")


@lru_cache(maxsize=1)
def _name_words_search():
    """One search for any of the name column's header words (every row of a file is asked); it
    finds nothing when the vocabulary names none."""
    words = sorted(_name_words(), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)).search if words else (lambda text: None)


def _name_words_in(text: str) -> bool:
    """Does ``text`` contain a word of _name_words()? (any(w in text …), as one regex search)."""
    return _name_words_search()(text) is not None


@lru_cache(maxsize=16384)
def header_role(text: str) -> str | None:
    """The column role a header cell names (``"度量 单位"`` → unit), or None."""
    t = compact(text)
    # "指标值说明(指标解释)", "三级指标(指标名称)": the whole, the brackets dropped, or the part before.
    roles = column_roles()
    return roles.get(t) or roles.get(_BRACKETS.sub("", t)) or roles.get(t.split("(")[0])


@lru_cache(maxsize=16384)
def is_block_label(text: str) -> bool:
    """The table's left-hand caption (绩效指标, 本年度绩效指标, 年度绩效指标), not data."""
    t = compact(text)
    return t.endswith("绩效指标") and label_level(t) is None


def is_end_row(row: Row) -> bool:
    """The signature line under a form (负责人, 填表人, 联系电话 …) or the 总分 row ends the table;
    so does a report's next section (a first cell ``(二)`` or ``二、资金使用情况``, rules/layout_vocab.yaml
    ``table_end_headings``) under a table printed inside its text. Not kept in the row memo: each
    row is asked about once (by whichever reader reads its table to its end: the target reader,
    the untitled and one-cell-per-line readers, _per_project; 13 repeats in 1,897 asks over the
    samples and the corpus), so a memo entry would cost more than it saves."""
    first = ""
    for cell in row.cells:  # a loop, not next(genexpr): asked of nearly every row of a document
        if cell.text:
            first = compact(cell.text)
            break
    return first.startswith(_END_MARKERS) or section_heading_end(first) is not None


@dataclass
class Header:
    """An indicator table's header row: ``roles`` [(cell index, role)] of the first block,
    ``annual_roles`` those of a second, side-by-side block (年度目标), ``labels`` data labels
    the export pulled into the header row ("绩效指标 产出指标 一级指标 …")."""

    row: Row
    roles: list[tuple[int, str]]
    annual_roles: list[tuple[int, str]] = field(default_factory=list)
    labels: list[tuple[Label, Cell]] = field(default_factory=list)

    @property
    def side_by_side(self) -> bool:
        return bool(self.annual_roles)


@per_row
def read_header(row: Row) -> Header | None:
    """A Header when the row names an indicator table (三级指标 plus one of 一级/二级指标 or 指标值).
    Asked of the same rows by several passes: answered once per row of a document (row_memo);
    the Header is shared, not to be changed."""
    if len(row.cells) < 3:
        return None
    hints = row.roles if _has_hints(row) else None
    if hints is None and not _name_words_in("".join([c.text for c in row.cells]).replace(" ", "")):
        return None  # quick test: a header always names 三级指标 (remember_no_header: the same)
    roles: list[tuple[int, str]] = []
    labels: list[tuple[Label, Cell]] = []
    unknown: list[int] = []  # header texts naming no known column (指标值来源, 监控方式 …)
    for i, cell in enumerate(row.cells):
        if not cell.text:
            continue
        # The reader's role where it read one (a run-on header cut by its words), else the text's.
        role = (hints[i] if hints is not None else None) or header_role(cell.text)
        if role:
            roles.append((i, role))
            continue
        lab = label_level(cell.text)
        if lab:
            labels.append((lab, cell))
        elif not is_block_label(cell.text):
            unknown.append(i)
    names = [r for _, r in roles]
    if "level1" not in names and "level2" in names:
        # 绩效指标 ⇥ 二级指标 ⇥ 三级指标: the caption heads the level-1 column (some templates).
        l2 = next(i for i, r in roles if r == "level2")
        cap = next((i for i, c in enumerate(row.cells[:l2]) if c.text and is_block_label(c.text)), None)
        if cap is not None and cap == l2 - 1:
            roles.insert(0, (cap, "level1"))
            names.insert(0, "level1")
    if "level1" in names and "level2" not in names and "name" in names:
        # 评价内容 ⇥ (empty) ⇥ 绩效内容: one header cell merged over both label columns leaves the
        # level-2 column's header cell empty.
        l1, nm = (next(i for i, r in roles if r == k) for k in ("level1", "name"))
        if nm == l1 + 2 and not row.cells[l1 + 1].text:
            roles.append((l1 + 1, "level2"))
            roles.sort()
            names = [r for _, r in roles]
    if "name" not in names or not ({"level1", "level2", "value"} & set(names)) or len(roles) < 3:
        return None
    if not _VALUE_ROLES & set(names) and any(_INSTRUCTION.match(compact(c.text)) for c in row.cells if c.text):
        return None  # a 填表说明 table explaining each level (一级指标 ⇥ 二级指标 ⇥ 三级指标 ⇥ 填写要求)
    # A column the header names in words we do not know, right of 三级指标, is a remark column of
    # the province's template: its cells are kept as the note, not reported as text fitting nowhere.
    name_col = next(i for i, r in roles if r == "name")
    roles = sorted(roles + [(i, "remark") for i in unknown if i > name_col])
    first, annual, seen = [], [], set()
    for col, role in roles:
        # A repeated column name, or 一级/二级指标 after 三级指标, starts the side-by-side
        # 年度目标 block.
        block_role = role in _BLOCK_ROLES
        if annual or (block_role and role in seen) or (role in ("level1", "level2") and "name" in seen):
            annual.append((col, role))
            continue
        if role in seen:  # a second note-like column of the same block
            role = f"{role}#{sum(1 for _, r in first if r.split('#')[0] == role) + 1}"
        first.append((col, role))
        seen.add(role)
    return Header(row=row, roles=first, annual_roles=annual, labels=labels)


def remember_no_header(rows: list[Row], joined: list[str]) -> None:
    """Keep None as read_header's answer, in the document's row memo, for each of ``rows`` its
    quick test refuses, given each row's cell texts ``joined`` (``joined[n]`` is ``"".join`` of
    ``rows[n]``'s texts, as the segmenter joins them for its 表 test): a row of fewer than three
    cells, or one without reader roles whose texts name no 三级指标. The passes after the
    segmenter ask read_header of nearly every row of a document; this way a row's texts are
    listed and joined once, not twice."""
    names = _name_words_search()  # (the tests below written out: this is asked of every row)
    remember(read_header, (row for row, text in zip(rows, joined) if len(row.cells) < 3 or (
        (row.roles is None or len(row.roles) != len(row.cells)) and names(text.replace(" ", "")) is None)), None)


def _has_hints(row: Row) -> bool:
    """Has the reader given the row a role per cell (a run-on header it cut by the table's words)?"""
    return row.roles is not None and len(row.roles) == len(row.cells)


# A column that explains how to fill the form in, not a column of it; with no value column
# beside it the table is an instruction sheet's, not an indicator table.
# (Not a bare 说明: a real table may name its notes so beside a value column it calls otherwise.)
_INSTRUCTION = re.compile(r"^((填写|填报|编制)(要求|说明|方法|口径|示例)|含义|释义|定义)$")
_VALUE_ROLES = frozenset({"value", "period_value", "actual", "score", "weight"})


_SUB_CAPTION = re.compile(r"^(中长期|实施期|中期|年度|本年度|当年)(指标值|目标值|指标|目标)?$")
_PERIOD_WORDS = ("中长期", "实施期", "中期")


def _sub_caption(text: str) -> str | None:
    """The header name a cell of a header's second row stands for: 中长期 → 中长期指标值, 年度 →
    年度指标值, or a header name written whole (度量单位); None for anything else."""
    t = compact(text)
    m = _SUB_CAPTION.match(t)
    if m:
        return "中长期指标值" if m.group(1) in _PERIOD_WORDS else "年度指标值"
    return t if header_role(t) else None


def merge_subheader(header: Header, below: Row | None) -> Header | None:
    """A header written over two rows (指标值 over 中长期 ⇥ 年度): when every non-empty cell of
    ``below`` is a sub-caption under the header, the Header both rows make; None otherwise."""
    if below is None or header.side_by_side:
        return None
    subs = {i: _sub_caption(c.text) for i, c in enumerate(below.cells) if c.text}
    if not subs or any(v is None for v in subs.values()):
        return None
    width = max(len(header.row.cells), len(below.cells))
    cells = []
    for i in range(width):
        top = header.row.cells[i] if i < len(header.row.cells) else Cell("", below.place)
        cells.append(Cell(subs[i], below.cells[i].place) if i in subs else top)
    merged = read_header(Row(cells=cells, place=header.row.place, raw=header.row.raw + "\n" + below.raw))
    return merged if merged is not None and not merged.side_by_side else None


# --------------------------------------------------------------------------- row alignment


@dataclass
class Aligned:
    """One data row placed on the header's roles: ``cells[role]`` the Cell, ``shifted`` when a
    cell stands in another column than its header's, ``dropped`` cells that suit no column."""

    cells: dict[str, Cell]
    shifted: bool = False
    dropped: list[Cell] = field(default_factory=list)

    def text(self, role: str) -> str:
        c = self.cells.get(role)
        return squeezed(c.text) if c else ""


@lru_cache(maxsize=16384)
def _unit_like(text: str) -> bool:
    t = squeezed(text)
    return (0 < len(t) <= 8 and not t[0].isdigit() and t[0] not in "≥≤<>=≧≦＝＞＜"
            and not is_value_type(t) and label_level(t) is None)


@lru_cache(maxsize=16384)
def _plausible_label(text: str) -> bool:
    t = squeezed(text)
    return len(t) <= 10 and not is_value_type(t) and not t[0].isdigit()


def _costs(text: str, col: int, roles: list[tuple[int, str]]) -> list[float]:
    """What placing ``text``, standing in column ``col``, costs in each column of ``roles``
    [(index, role)]. What the text is (its label, whether it is a value type) is looked up once,
    not once per column: the search asks a cell of every column."""
    lab, value_type = label_level(text), is_value_type(text)
    return [_cost(role, text, abs(col - rcol), lab, value_type) for rcol, role in roles]


def _cost(role: str, text: str, moved: int, lab: Label | None, value_type: bool) -> float:
    """What placing ``text`` (``lab`` its label_level, ``value_type`` its is_value_type) in a
    column of ``role`` costs, ``moved`` columns from where it stands."""
    if role == "level1":
        if lab and is_level1(text):  # 可持续发展: a level-2 of 效益, a level-1 of other frameworks
            return moved
        # The level-1 set is small and closed: an unknown text there is rarely a label.
        return _UNKNOWN_LABEL + 1 if moved == 0 and lab is None and _plausible_label(text) else INF
    if role == "level2":
        if lab and lab.level == 2:
            return moved
        if lab and lab.level == 1:  # 成本指标 written as a level-2 under 产出指标 (pre-2022 forms)
            return 0.5 if moved == 0 else INF
        return _UNKNOWN_LABEL if moved == 0 and _plausible_label(text) else INF
    if role == "unit":
        return moved if _unit_like(text) else INF
    if role == "value_type":
        return moved if value_type else INF
    if role == "seq":  # 序号: a row number, nothing else
        return moved if squeezed(text).isdigit() else INF
    if role == "direction":
        if compact(text) in _DIRECTIONS:
            return moved
        # 指标性质 ⇥ 指标方向 holding 正向 ⇥ 大于等于 (Inner Mongolia): the two swapped, see align_row
        return moved + 0.5 if value_type else INF
    if value_type:
        # ≥ or 定性 is never a name or a value; in a note column only when nothing else fits.
        return moved + 1.5 if _NOTE_ROLE.match(role) else INF
    extra = 1.5 if lab else 0.0  # a label is rarely a name or a value (环境效益 sometimes is)
    if role == "name" and _STRONG_VALUE.match(squeezed(text)):
        extra += _VALUE_AS_NAME
    if _NOTE_ROLE.match(role):
        return moved + 0.2 + extra
    return moved + extra


def align_row(cells: list[tuple[int, Cell]], roles: list[tuple[int, str]]) -> Aligned:
    """Place the non-empty ``cells`` [(index, Cell)] of a row on ``roles`` [(index, role)].

    Cells keep their order; each goes to a later role than the one before, or is dropped
    (cost 5). A row with a value but no name costs 3 more, so a shifted name is found first.
    """
    plan = _in_place(cells, roles)
    if plan is None:
        plan = _cheapest(cells, roles)
    out = Aligned(cells={})
    _place(out, plan, cells, roles)
    _swap_direction(out)
    return out


def _in_place(cells: list[tuple[int, Cell]], roles: list[tuple[int, str]]) -> tuple | None:
    """The plan that leaves every cell under its own column, when it costs nothing (each cell
    suits its column and the row's end cost is 0), else None. Every other plan moves or drops a
    cell, and that costs (``_cost`` is never less than the move): it is the one plan of cost 0,
    so ``_cheapest`` would find it too. Most rows of a table are so (62% of the mix's)."""
    at = {col: k for k, (col, _) in enumerate(roles)}
    if len(at) != len(roles):
        return None  # two roles on one column: let the search choose
    plan, seen, last = [], 0, -1
    for i, (col, cell) in enumerate(cells):
        k = at.get(col)
        if k is None or k <= last:
            return None
        text = cell.text
        if _cost(roles[k][1], text, 0, label_level(text), is_value_type(text)) != 0:
            return None
        plan.append((i, k))
        seen |= _TRACKED.get(roles[k][1], 0)
        last = k
    return tuple(plan) if _END_COSTS[seen] == 0 else None


def _cheapest(cells: list[tuple[int, Cell]], roles: list[tuple[int, str]]) -> tuple:
    """The plan ((cell i, role k or None for dropped), ...) of least cost; of equal ones, the
    first found dropping a cell before placing it and placing it left before right."""
    n = len(cells)
    marks = [_TRACKED.get(role, 0) for _, role in roles]
    # The columns each cell may go to, with what it costs there (worked out once: the search asks
    # it in many states) and the role's mark; a column where it costs INF never wins, as dropping
    # the cell costs less.
    fits, lowest = [], []
    for col, cell in cells:
        costs = _costs(cell.text, col, roles)
        fits.append([(k, c, marks[k]) for k, c in enumerate(costs) if c != INF])
        lowest.append(min(_DROP_COST, *costs))
    # The least that cells i.. can add to a plan (each its cheapest column or dropped): a column
    # whose cost and this floor reach the plan in hand cannot win (sums of floats never fall when
    # a term grows, so the cut is exact).
    floor = [0.0] * (n + 1)
    for i in range(n - 1, -1, -1):
        floor[i] = lowest[i] + floor[i + 1]
    # (cells i.., columns j.., seen) -> the least cost and the column cell i takes (None: dropped)
    memo: dict[tuple[int, int, int], tuple[float, int | None]] = {}

    def best(i: int, j: int, seen: int) -> float:
        """Least cost for cells i.. on columns j.., ``seen`` the _TRACKED marks of the roles given
        so far; its first choice kept in ``memo``."""
        if i == n:
            return _END_COSTS[seen]
        key = (i, j, seen)
        found = memo.get(key)
        if found is not None:
            return found[0]
        least, take = best(i + 1, j, seen) + _DROP_COST, None
        rest = floor[i + 1]
        for k, c, mark in fits[i]:
            if k < j or c + rest >= least:
                continue
            total = c + best(i + 1, k + 1, seen | mark)
            if total < least:
                least, take = total, k
        memo[key] = least, take
        return least

    best(0, 0, 0)
    best = None  # noqa: F841 - ``best`` refers to itself: break that cycle so its memo is freed now, not by the GC
    # The plan: each cell's choice, followed from the first state (best worked out every state
    # the choices lead to: it asked each before taking it).
    plan, j, seen = [], 0, 0
    for i in range(n):
        k = memo[i, j, seen][1]
        plan.append((i, k))
        if k is not None:
            j, seen = k + 1, seen | marks[k]
    return tuple(plan)


def _end_cost(seen: int) -> float:
    """What a row's plan costs for the roles it gave (``seen``: _TRACKED marks): a value without
    a name, a name without a value, a unit without a value."""
    name, value, unit = (bool(seen & _TRACKED[r]) for r in ("name", "value", "unit"))
    cost = _NAMELESS_COST if value and not name else 0.0
    cost += _VALUELESS_COST if name and not value else 0.0
    return cost + (_UNIT_ONLY_COST if unit and not value else 0.0)


_END_COSTS = tuple(_end_cost(seen) for seen in range(8))  # by the bits of _TRACKED


def _swap_direction(out: Aligned) -> None:
    """A direction (正向) under 指标性质 and a comparator (大于等于) under 指标方向: the province
    heads the two columns the other way round; each cell is read for what it says."""
    kind, direction = out.cells.get("value_type"), out.cells.get("direction")
    if (kind is not None and direction is not None and compact(kind.text) in _DIRECTIONS
            and compact(direction.text) not in _DIRECTIONS):
        out.cells["value_type"], out.cells["direction"] = direction, kind


def _place(out: Aligned, plan: tuple, cells: list[tuple[int, Cell]], roles: list[tuple[int, str]]) -> None:
    for i, k in plan:
        col, cell = cells[i]
        if k is None:
            out.dropped.append(cell)
            continue
        rcol, role = roles[k]
        out.cells[role] = cell
        if rcol != col:
            out.shifted = True


def anchored(cells: list[tuple[int, Cell]], roles: list[tuple[int, str]],
             legacy: bool = False) -> list[tuple[int, Cell]]:
    """``cells`` re-indexed when the row begins left of the header's first column and is no wider
    than the header's roles or begins with a level label: a row that lacks the leading columns
    other rows fill (项目名称 ⇥ 预算数 … before 一级指标, given once per project), or a row of a
    text whose cells were separated by spaces. Its first cell is set under its column (a level-1
    label under 一级指标, a level-2 under 二级指标, else under 三级指标); the rest follow in order.
    With ``legacy`` (the table's columns do not say where a label stands: targets._legacy_reading),
    a row that begins under 一级指标 with a level-1 an older form writes as a level-2 (成本指标) is
    set under 二级指标 when only there its last cell reaches the value column."""
    if not cells or not roles:
        return cells
    cols = {role: c for c, role in roles}
    if legacy and cells[0][0] == cols.get("level1") and _legacy_level2_row(cells, cols):
        # 成本指标 ⇥ 项目成本 ⇥ 项目成本 ⇥ 20万元 under 一级 ⇥ 二级 ⇥ 三级 ⇥ 描述 ⇥ 指标值: a row of
        # the level-1's block exported without its empty level-1 cell, like the rows above it.
        return [(j + cols["level2"] - cells[0][0], c) for j, c in cells]
    if cells[0][0] >= min(c for c, _ in roles):
        return cells
    i, cell = cells[0]
    label = label_level(cell.text) is not None or is_level1(cell.text)
    if not label and len(cells) > len(roles):
        return cells
    if is_level1(cell.text) and "level1" in cols and not _legacy_level2_row(cells, cols):
        target = cols["level1"]
    elif label and "level2" in cols:
        target = cols["level2"]
    elif "name" in cols:
        target = cols["name"]
    else:
        return cells
    shift = target - i
    return [(j + shift, c) for j, c in cells] if shift > 0 else cells


def _legacy_level2_row(cells: list[tuple[int, Cell]], cols: dict[str, int]) -> bool:
    """Does a row that begins with a level-1 an older form writes as a level-2 (成本指标 under
    产出指标, rules/taxonomy.yaml ``legacy_under``) reach the value column only when that label
    stands under 二级指标? ``成本指标 ⇥ 成本控制 ⇥ 1000元/人`` under 一级 ⇥ 二级 ⇥ 三级 ⇥ 指标值:
    set under 一级指标 the row would end in the name column, its value lost."""
    lab = label_level(cells[0][1].text)
    if lab is None or legacy_parent(lab.canonical) is None or not {"level1", "level2", "value"} <= cols.keys():
        return False
    last = cells[-1][0] - cells[0][0]
    return cols["level1"] + last < cols["value"] == cols["level2"] + last


def data_cells(row: Row) -> list[tuple[int, Cell]]:
    """The row's non-empty cells with their indexes, less the table's left-hand caption."""
    # A caption ends in 绩效指标 once normalised, and normalising only takes characters out (or
    # makes punctuation half-width): a text without 标 is no caption, and most are not asked.
    return [(i, c) for i, c in enumerate(row.cells) if c.text and ("标" not in c.text or not is_block_label(c.text))]
