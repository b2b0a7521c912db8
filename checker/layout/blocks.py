"""Side-by-side 实施期目标 / 年度目标 blocks (seed 003, Shanxi template).

Each table row holds a period-block indicator on the left and an annual-block one on the right,
but the export shifts both halves freely and often cuts the annual names short ("扬尘污染防治视").
Column positions are no guide here, so a row is read as a sequence of tokens: labels (known
level-1/level-2 names) and texts. Each block is ``label* [name] [value]``; the split between the
blocks is the one that fits that pattern best, with values looking like values (≥95%, 2026年,
及时) and names like names.

The two blocks are then paired by name (equal, or one a cut of the other), not by row: the
export also misaligns the annual block by a row or more (seed 003, 丹河以东高铁片区规划).
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field, replace

from checker.layout.labels import squeezed
from checker.layout.vocab import Label, label_level
from checker.model import Cell

INF = float("inf")
_NAME_VALUE = frozenset(("name", "value"))
_VALUE_START = re.compile(r"^[0-9≥≤<>=≧≦＝＞＜+\-]")
_VALUE_WORDS = re.compile(r"(%|％|元|年|月|日|天|次|个|人|份|台|套|座|辆|米|亩|平方|以上|以下|及时|按时|全年|每月|每年)")


@lru_cache(maxsize=16384)
def value_like(text: str) -> bool:
    """Does the text read like an indicator value (≥95%, 2026年6月, 及时, 稳定) rather than a name?"""
    t = squeezed(text)
    if _VALUE_START.match(t):
        return True
    if len(t) <= 4:
        return True
    return len(t) <= 10 and bool(re.search(r"[0-9]", t)) and bool(_VALUE_WORDS.search(t))


@dataclass(slots=True)
class Half:
    """One block's part of a row: its labels and its name/value cells (slots, as the model's Row and
    Indicator: two are made and read for every side-by-side row)."""

    level1: Cell | None = None
    level2: Cell | None = None
    cells: dict[str, Cell] = field(default_factory=dict)
    extra_labels: list[Cell] = field(default_factory=list)
    dropped: list[Cell] = field(default_factory=list)  # texts beyond name and value: reported
    index: dict[int, int] = field(default_factory=dict)  # id(cell) → its index in the row

    def shifted(self, cols: dict[str, int]) -> bool:
        """Does any placed cell stand in another column than the header gives its role (``cols``:
        role → the header's column, ``columns_of(roles)``)? Not when the half is whole, only
        displaced (``displaced_whole``)."""
        index, get = self.index, cols.get
        # The two labels spelt out: a tuple of (role, cell) pairs built per half cost as much as the tests.
        c, col = self.level1, get("level1")
        if c is not None and col is not None and index[id(c)] != col:
            return not self.displaced_whole()
        c, col = self.level2, get("level2")
        if c is not None and col is not None and index[id(c)] != col:
            return not self.displaced_whole()
        for role, c in self.cells.items():
            col = get(role)
            if col is not None and index[id(c)] != col:
                return not self.displaced_whole()
        return False

    def displaced_whole(self) -> bool:
        """The half is its own label(s), name and value in adjacent cells, in that order, and
        nothing else: a whole row standing a column off the header, its levels its own (seed 003:
        "成本指标 ⇥ 规划报批时间 ⇥ 2025年12月", a cost row with no 二级指标 cell, one column left of
        the annual block's 二级/三级/指标值). A shift's doubt is that a row's cells or labels are
        not its own; here they are. A half with no label of its own stays shifted (its levels
        are inherited from rows above, which a lost label would make wrong)."""
        level1, level2, cells = self.level1, self.level2, self.cells
        if (level1 is None and level2 is None) or self.extra_labels or cells.keys() != _NAME_VALUE:
            return False
        # Each cell one column right of the one before it: walked back from the value.
        index = self.index
        at = index[id(cells["value"])] - 1
        for c in (cells["name"], level2, level1):
            if c is not None:
                if index[id(c)] != at:
                    return False
                at -= 1
        return True

    def labels_lost(self, cols: dict[str, int]) -> bool:
        """Does the name stand left of the header's level-2 column (of the level-1 column when the
        block has none) on a row that carries no label? The export dropped the row's leading cells,
        merged labels among them: which level-1/level-2 the row belongs to is a guess (seed 003:
        ``箱变工程 ⇥ 45万元`` under 成本指标, ``⇥ 工程验收合格后支付剩余 ⇥⇥⇥ 775610.77元``)."""
        name = self.cells.get("name")
        if name is None or self.level1 is not None or self.level2 is not None:
            return False
        return left_of_labels(self.index.get(id(name)), cols)

    @property
    def empty(self) -> bool:
        return not (self.level1 or self.level2 or self.cells)


def left_of_labels(at: int | None, cols: dict[str, int]) -> bool:
    """Whether column ``at`` (a name's) stands left of the header's level-2 column (of the level-1
    column when there is none): on a row without labels, the export dropped its leading cells."""
    label_col = cols.get("level2", cols.get("level1"))
    return label_col is not None and at is not None and at < label_col


def columns_of(roles: list[tuple[int, str]]) -> dict[str, int]:
    """role → column of a header's [(column, role)] (the last column of a role named twice), as
    Half.shifted and Half.labels_lost ask it: worked out once per table, not per row."""
    return {role: col for col, role in roles}


def _block_cost(tokens: list[tuple[int, Cell, Label | None]]) -> float:
    texts: list[str] = []
    level1 = level2 = 0
    for _, cell, lab in tokens:
        if lab is None:
            texts.append(cell.text)
        elif texts:
            return INF  # a label after the name belongs to the next block
        elif lab.level == 2:
            level2 += 1
        elif lab.level == 1:
            level1 += 1
    return _cost(len(texts), texts[0] if texts else "", texts[1] if len(texts) > 1 else "", level1, level2)


def _cost(n_texts: int, first: str, second: str, level1: int, level2: int) -> float:
    """A block's cost from its count of texts, its first two texts and its counts of level-1 and
    level-2 labels (a block with no label after a text: _block_cost)."""
    if n_texts < 2:
        return _counted_cost(n_texts, False, False, False, level1, level2)
    return _counted_cost(n_texts, value_like(first), value_like(second), first == second, level1, level2)


def _counted_cost(n_texts: int, first_like: bool, second_like: bool, same: bool, level1: int, level2: int) -> float:
    """_cost from what it asks of the first two texts: does each read like a value (value_like), are
    they the same text. The split search asks it once per text, not once per split and block."""
    # Only the terms that are not zero are added (adding 0.0 leaves a float as it is), in this order.
    cost = 5.0 * (n_texts - 2) if n_texts > 2 else 0.0  # a third text fits nowhere: it will be reported (X901)
    if level2 > 1:
        cost += (level2 - 1) * 1.0
    if level1 > 1:
        cost += (level1 - 1) * 0.5
    if n_texts >= 2:
        if first_like:
            cost += 0.5  # a name that reads like a value
        if not second_like:
            cost += 0.4  # a value that reads like a name
        if same:
            cost += 1.0  # the same text twice: one in each block
    elif n_texts == 1:
        cost += 0.7
    return cost


def split_row(cells: list[tuple[int, Cell]], annual_col: int) -> tuple[Half, Half]:
    """Split a row's non-empty cells [(index, Cell)] into (period half, annual half).

    ``annual_col`` is where the header's annual block starts; a token far right of it is
    unlikely in the period half and one far left of it unlikely in the annual half.
    """
    tokens = _tokens(cells)
    best_s = _best_split(tokens, annual_col)
    period, annual = _half(tokens[:best_s]), _half(tokens[best_s:])
    if len(period.cells) == 1 or len(annual.cells) == 1:  # (each of the three asks for a lone text)
        _lone_name(period, annual)
        _lone_name(annual, period)
        _unjoin(period, annual)
    return period, annual


def _best_split(tokens: list[tuple[int, Cell, Label | None]], annual_col: int) -> int:
    """The split s whose blocks tokens[:s] and tokens[s:] cost least (the first of equals), with a
    penalty for each token far right of ``annual_col`` in the head or far left of it in the tail;
    len(tokens) when no split is finite. Only the finite splits are tried (_finite_splits), and
    most rows leave one, which is taken without costing it. Where several are left, the blocks'
    costs are counted in one pass from each end (_head_costs, _tail_costs), not per split."""
    lo, hi = _finite_splits(tokens)
    if lo >= hi:
        return lo if lo == hi else len(tokens)
    heads, tails = _head_costs(tokens, lo, hi), _tail_costs(tokens, lo, hi)
    best, best_s = INF, len(tokens)
    # Tokens far right of the annual block's start in the head, far left of it in the tail.
    right, left = annual_col + 2, annual_col - 2
    far_right = far_left = 0
    for k, (i, _, _) in enumerate(tokens):
        if k < lo:
            far_right += i >= right
        else:
            far_left += i < left
    for s in range(lo, hi + 1):
        cost = heads[s - lo] + tails[s - lo] + far_right + far_left
        if cost < best:
            best, best_s = cost, s
        if s < len(tokens):
            far_right += tokens[s][0] >= right
            far_left -= tokens[s][0] < left
    return best_s


def _head_costs(tokens: list[tuple[int, Cell, Label | None]], lo: int, hi: int) -> list[float]:
    """[_block_cost(tokens[:s]) for s in lo..hi], counted in one pass (the splits are finite); the
    head's first two texts are asked value_like once, when they join it."""
    n_texts = level1 = level2 = 0
    first, first_like, second_like, same = "", False, False, False
    out = []
    for s in range(hi + 1):
        if s >= lo:
            out.append(_counted_cost(n_texts, first_like, second_like, same, level1, level2))
        if s < hi:
            _, cell, lab = tokens[s]
            if lab is None:
                n_texts += 1
                if n_texts == 1:
                    first = cell.text
                    first_like = value_like(first)
                elif n_texts == 2:
                    second_like, same = value_like(cell.text), cell.text == first
            elif lab.level == 2:
                level2 += 1
            elif lab.level == 1:
                level1 += 1
    return out


def _tail_costs(tokens: list[tuple[int, Cell, Label | None]], lo: int, hi: int) -> list[float]:
    """[_block_cost(tokens[s:]) for s in lo..hi], counted in one pass from the right; each text is
    asked value_like once, when it becomes the tail's first (its answer moves on to the second)."""
    n_texts, first, first_like, second_like, same = 0, "", False, False, False
    level1 = level2 = 0
    out = []
    for s in range(len(tokens), lo - 1, -1):
        if s < len(tokens):
            _, cell, lab = tokens[s]
            if lab is None:
                text = cell.text
                n_texts, second_like, same = n_texts + 1, first_like, text == first
                first, first_like = text, value_like(text)
            elif lab.level == 2:
                level2 += 1
            elif lab.level == 1:
                level1 += 1
        if s <= hi:
            out.append(_counted_cost(n_texts, first_like, second_like, same, level1, level2))
    return out[::-1]


def _finite_splits(tokens: list[tuple[int, Cell, Label | None]]) -> tuple[int, int]:
    """(lo, hi): the splits s with lo <= s <= hi are those whose two blocks, tokens[:s] and
    tokens[s:], hold no label after a text (_block_cost: INF otherwise). The head must end by the
    first label that follows a text, the tail begin after every text that has a label behind it;
    most rows (label, label, name, value, label, name, value) leave one split. lo > hi when no
    split does (every split costs INF: the row stays whole in the period half, as before)."""
    lo, hi, last_text = 0, len(tokens), None
    for k, (_, _, lab) in enumerate(tokens):
        if lab is None:
            last_text = k
        elif last_text is not None:
            hi = min(hi, k)
            lo = last_text + 1
    return lo, hi


def _lone_name(half: Half, other: Half) -> None:
    """A half whose only text was taken for a value but repeats the other half's name is that
    name with its value lost: the export pushed the value off the end of the row (seed 003:
    "成本指标 ⇥ 审定预算" with the annual value gone)."""
    lone, name = half.cells.get("value"), other.cells.get("name")
    if lone is not None and len(half.cells) == 1 and name is not None \
            and names_match(squeezed(lone.text), squeezed(name.text)):
        half.cells = {"name": lone}


_UNKNOWN_LEVEL2 = re.compile(r"^[\u4e00-\u9fff]{1,6}指标$")


def _token_label(text: str) -> Label | None:
    """A known label, or an unknown short "…指标" (时点指标) taken as a level-2 label as written."""
    lab = label_level(text)
    # Squeezing only takes whitespace out, so a text without 标 cannot end in 指标 once squeezed:
    # most texts (names, values) are not squeezed and matched for nothing.
    if lab is None and "标" in text:
        return _unknown_level2(text)
    return lab


def _unknown_level2(text: str) -> Label | None:
    """_token_label's second question, of a text that is no known label: is it a short "…指标"?"""
    if _UNKNOWN_LEVEL2.match(squeezed(text)):
        return Label(2, squeezed(text), None)
    return None


def _tokens(cells: list[tuple[int, Cell]]) -> list[tuple[int, Cell, Label | None]]:
    """The row's cells as tokens (index, Cell, its label or None: _token_label), less a text
    repeated in the very next column: the export copied a merged cell ("管护道路数量 ⇥ 管护道路数量
    ⇥ 8条路"). Repeats further apart belong to the other block."""
    out: list[tuple[int, Cell, Label | None]] = []
    last_i, last_text = -2, None  # the last token kept: its column and text
    for i, c in cells:
        text = c.text
        if i == last_i + 1 and text == last_text:
            continue
        last_i, last_text = i, text
        # _token_label written out: a Python call fewer on each of a row's cells (most are no label
        # and hold no 标, so label_level's cache answers them).
        lab = label_level(text)
        if lab is None and "标" in text:
            lab = _unknown_level2(text)
        out.append((i, c, lab))
    return out


def _half(tokens: list[tuple[int, Cell, Label | None]]) -> Half:
    level1 = level2 = lab2 = None
    level1s: list[tuple[Cell, Label]] | None = None  # every level-1 label, listed once a second comes
    extra: list[Cell] = []
    texts: list[Cell] = []
    index: dict[int, int] = {}
    for i, c, lab in tokens:  # one pass sorts the tokens into labels of each level and texts
        index[id(c)] = i
        if lab is None:
            texts.append(c)
        elif lab.level == 2:  # the last level-2 label is the half's, any before it extra
            if level2 is not None:
                extra.append(level2)
            level2, lab2 = c, lab
        elif lab.level == 1:
            if level1 is None:  # most rows: one level-1 label or none
                level1, first1 = c, lab
            elif level1s is None:
                level1s = [(level1, first1), (c, lab)]
            else:
                level1s.append((c, lab))
    if level1s is not None:
        # Two level-1 labels on one row (效益指标 满意度指标): keep the level-2's parent if present.
        parent = lab2.parent if lab2 is not None else None
        level1 = next((c for c, lab in level1s if lab.canonical == parent), level1s[-1][0])
        extra += [c for c, _ in level1s if c is not level1]
    if len(texts) >= 2:
        cells, dropped = {"name": texts[0], "value": texts[1]}, texts[2:]
    elif texts:
        cells, dropped = {"value" if value_like(texts[0].text) else "name": texts[0]}, []
    else:
        cells, dropped = {}, []
    # The Half is made once, its fields all given (a dataclass's default factories cost as much), in
    # their order: a class called with keywords packs them into a dict for __init__ (~0.4 us a half).
    return Half(level1, level2, cells, extra, dropped, index)


def _unjoin(period: Half, annual: Half) -> None:
    """Both blocks' name cells end in the same short value after a space ("泽州县生态绿化品质 加强" |
    "泽州县生态绿化 加强") and neither has a value: the export joined the name and value cells."""
    parts = []
    for half in (period, annual):
        lone = half.cells.get("name")
        if lone is None or len(half.cells) != 1:
            return
        joined = _split_joined(lone)
        if joined is None:
            return
        parts.append((half, lone, joined))
    if squeezed(parts[0][2][1].text) != squeezed(parts[1][2][1].text):
        return
    for half, lone, (name, value) in parts:
        half.cells = {"name": name, "value": value}
        half.index.update({id(name): half.index[id(lone)], id(value): half.index[id(lone)] + 1})


# A name and a short value the export joined into one cell with a space ("泽州县生态绿化品质 加强").
# The gap starts where the space run starts (or at the 4-character minimum of the name) and is
# taken whole: the same matches, but linear on a cell of a long space run (was quadratic).
_JOINED = re.compile(r"^(?P<name>\S.{3,}?)(?:(?<![ \u3000])|(?<=^.{4}))[ \u3000]++(?P<value>\S{1,6})$")


def _split_joined(cell: Cell) -> tuple[Cell, Cell] | None:
    """(name, value) cells when one cell holds a name (4+ characters) and, after a space, a short
    value that reads like one (加强, ≥95%); None otherwise. The places are the two parts'."""
    m = _JOINED.match(cell.text)
    if not m or value_like(m.group("name")) or not value_like(m.group("value")):
        return None
    if label_level(m.group("value")) is not None:
        return None
    return _part(cell, m.start("name"), m.end("name")), _part(cell, m.start("value"), m.end("value"))


def _part(cell: Cell, start: int, end: int) -> Cell:
    p = cell.place
    if p.column is None:
        return Cell(cell.text[start:end], p)
    return Cell(cell.text[start:end], replace(p, column=p.column + start, end_column=p.column + end))


def is_cut_of(short: str, full: str) -> bool:
    """``short`` is ``full`` cut off by the export (a proper prefix of at least 2 characters)."""
    return 2 <= len(short) < len(full) and full.startswith(short)


def names_match(a: str, b: str) -> bool:
    """Same indicator in both blocks: equal names, or one a cut of the other."""
    return bool(a) and (a == b or is_cut_of(a, b) or is_cut_of(b, a))
