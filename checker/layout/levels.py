"""Carry merged level-1 / level-2 labels down an indicator table and turn placed rows into
Indicators and Level2Groups.

A merged cell is written once, on its first row; the rows below inherit it. When a level-2
label arrives without a level-1 on its row and belongs (rules/taxonomy.yaml) to another level-1
than the one carried down, the level-1 cell was most likely lost by the export (seed 001:
社会公众或服务对象满意度 with no 满意度指标 anywhere): the level-1 becomes the label's parent and
the rows get the doubt "unplaced_level", so rules report them as doubt, not as the filer's fault.
On a table written on another framework (rules/taxonomy.yaml frameworks: 决策/过程/产出/效益 …), as
the level-1s read so far show, a level-2 that framework places under the carried level-1 stays
there (满意度 under 效益 in 财预〔2020〕10号). Where no level-1 has been read at all (a table whose
first rows carry no level label), none is invented: the rows keep a blank level-1 and the doubt
"unplaced_level", and a rule asking for a level-1 reports a doubt (X903 level_unread).
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.layout.labels import squeezed
from checker.layout.vocab import label_level, label_text, legacy_parent, level2_fits
from checker.model import Cell, Indicator, Level2Group, Row

_FIELDS = ("name", "value", "unit", "value_type")  # LevelTracker.indicator spells these out, in this order
_FIELD_SET = frozenset(_FIELDS)
_NOTE_ROLES = ("direction", "note", "remark")
# A name ending in one of these stops mid-phrase: the export cut it ("…生活用水质量得", "…项目总").
# One character each, so a name's last character is looked up in them (str.endswith with a tuple
# tries each in turn: twice the cost, on both halves' names of every side-by-side row).
_CUT_ENDINGS = "的得及和与或、，,（(《“之对在于每各总"
_PAIRS = ("（）", "()", "《》", "“”")
_OPENERS = re.compile("[" + re.escape("".join(a for a, _ in _PAIRS)) + "]")  # most names hold none


def looks_cut(name: str) -> bool:
    """Does a level-3 name stop mid-phrase (a trailing 的/及/、, an unclosed bracket or quote)?"""
    if not name:
        return False
    if name[-1] in _CUT_ENDINGS:
        return True
    return bool(_OPENERS.search(name)) and any(name.count(a) > name.count(b) for a, b in _PAIRS)


def canonical(label: str) -> str:
    """The taxonomy name of a label as written, or the label itself when unknown."""
    lab = label_level(label)
    return lab.canonical if lab else label


class LevelTracker:
    """The level-1/level-2 labels in force while reading a table top-down, and what was built."""

    def __init__(self, legacy: bool = True) -> None:
        self.legacy = legacy  # may a lone level-1 label be an older form's level-2 (see _legacy_level2)?
        self.level1 = ""
        self.level2 = ""
        self.guessed = False
        self.seen: list[str] = []  # level-1 labels read so far (as kept): which framework the table uses
        self.group: Level2Group | None = None
        self.indicators: list[Indicator] = []
        self.groups: list[Level2Group] = []

    def labels(self, l1: Cell | None, l2: Cell | None) -> None:
        """Apply the labels written on one row (either may be None)."""
        if l1 is not None and l2 is None and (self._legacy_level2(l1) or self._framework_level2(l1)):
            l1, l2 = None, l1  # 成本指标 under 产出指标, 效益指标 under 实施效果指标, as the form wrote it
        if l1 is not None:
            kept = label_text(l1.text)
            # A new level-1, or the guessed one in force now written on the row, is taken; the same
            # one again changes nothing (a spreadsheet reader fills merged cells, so it may repeat).
            if self.guessed or canonical(kept) != canonical(self.level1):
                self.level1, self.level2, self.group, self.guessed = kept, "", None, False
                self.seen.append(self.level1)
        if l2 is None:
            return
        lab = label_level(l2.text)
        if l1 is None and lab is not None:
            if lab.level == 2 and self.level1 and lab.parent != canonical(self.level1) \
                    and not level2_fits(self.seen, self.level1, l2.text):
                self.level1, self.guessed = lab.parent, True
            elif lab.level == 1 and not self.level1 and not self._legacy_level2(l2):
                # A level-1 label in the level-2 column with nothing above it: it is the level-1.
                self.level1, self.level2, self.group, self.guessed = label_text(l2.text), "", None, True
                return
        text = label_text(l2.text)
        if self.group and canonical(self.group.level2) == canonical(text) and self.group.level1 == self.level1:
            return  # the same merged label repeated on the next row or page
        self.level2 = text
        self.group = Level2Group(self.level1, text, l2.place)  # level1, level2, place: no keywords' dict
        self.groups.append(self.group)

    def _framework_level2(self, cell: Cell) -> bool:
        """Is ``cell`` a level-1 label of the default framework standing alone on its row that the
        framework of the level-1s read so far places as a level-2 under the one in force
        (效益指标 under 实施效果指标 in the NDRC's 中央预算内投资计划 forms, rules/taxonomy.yaml)?"""
        text = label_text(cell.text)
        lab = label_level(text)
        return (lab is not None and lab.level == 1 and bool(self.level1)
                and canonical(text) != canonical(self.level1) and level2_fits(self.seen, self.level1, text))

    def _legacy_level2(self, cell: Cell) -> bool:
        """Is ``cell`` a level-1 label that an older form writes as a level-2 (rules/taxonomy.yaml
        ``legacy_under``: 成本指标 under 产出指标, 财预〔2015〕88号), standing alone on its row while
        that parent, or one of its level-2s, is in force? A level-1 of 财预〔2021〕101号 comes with a
        level-2 of its own (成本指标 ⇥ 经济成本指标), so a lone one under 产出 is the older form's."""
        if not self.legacy:
            return False
        lab = label_level(label_text(cell.text))
        parent = legacy_parent(lab.canonical) if lab is not None and lab.level == 1 else None
        if parent is None:
            return False
        if self.level1:
            return canonical(self.level1) == parent
        in_force = label_level(self.level2) if self.level2 else None
        return in_force is not None and in_force.level == 2 and in_force.parent == parent

    def indicator(self, cells: dict[str, Cell], row: Row, doubts: list[str], block: str | None = None,
                  period_value: str | None = None) -> Indicator | None:
        """An Indicator from a row's placed cells, under the labels in force; None when the row
        holds labels only (a level-2 with no level-3 under it). ``block`` is "period" or "annual"
        on a side-by-side form; ``period_value`` the 中长期指标值 of a one-block row that has one."""
        # Each field's cell looked up once, by name (a loop over _FIELDS, or a call per field, costs
        # more on the ~1,400 rows of seed 003): name, value, unit, value_type as in _FIELDS.
        get = cells.get
        name, value, unit, value_type = get("name"), get("value"), get("unit"), get("value_type")
        if name is None and value is None and unit is None and value_type is None:
            return None
        # The places of the fields present, in _FIELDS' order, set one by one: a comprehension over
        # zip(_FIELDS, …) cost three times as much for the one or two fields most rows place.
        places = {}
        if name is not None:
            place = places["name"] = name.place  # (a text line's cell builds its Place when first asked)
            name_text = squeezed(name.text)
        else:
            place, name_text = row.place, ""
        if value is not None:
            places["value"] = value.place
        if unit is not None:
            places["unit"] = unit.place
        if value_type is not None:
            places["value_type"] = value_type.place
        # 指标值说明, 指标解释, 评(扣)分标准, 备注 and 指标方向 (正向/反向) all go to the note, in column order.
        note = "" if cells.keys() <= _FIELD_SET else "；".join([  # most rows place fields only
            squeezed(c.text) for k, c in cells.items() if c is not None and _is_note(k)])
        doubts = [*doubts, *row.doubts]  # the reader's own doubts (run-on values it could not cut)
        if self.guessed or not self.level1:
            doubts.append("unplaced_level")
        if looks_cut(name_text):  # (no name: "", never cut)
            doubts.append("name_truncated")
        # The model's first ten fields given in their order, the rest set after: a class called with
        # keywords packs them into a dict for __init__ (~0.9 us of the ~1.5 an Indicator cost, on
        # both halves of every side-by-side row). tests/test_side_by_side_round7.py holds the order.
        ind = Indicator(
            self.level1,  # level1
            self.level2,  # level2
            name_text,  # name
            squeezed(value.text) if value is not None else "",  # value
            squeezed(unit.text) if unit is not None else "",  # unit
            squeezed(value_type.text) if value_type is not None else "",  # value_type
            note,  # note
            place,  # place
            row.raw,  # row_text
            places,  # cell_places
        )
        if doubts:
            ind.doubts = sorted(set(doubts))
        if block is not None:
            ind.block = block
        if period_value is not None:
            ind.period_value = period_value
        if "weight" in cells:  # a target form's 权重/分值 column (S115)
            ind.weight = _text(cells, "weight")
        if self.group is not None:
            self.group.count += 1
        self.indicators.append(ind)
        return ind


def _text(cells: dict[str, Cell], key: str) -> str:
    c = cells.get(key)
    return squeezed(c.text) if c is not None else ""


@lru_cache(maxsize=256)  # the column roles of the vocabulary, some numbered (note#2)
def _is_note(role: str) -> bool:
    """Does a placed cell's role go to the note (指标值说明, 备注, 指标方向 …)?"""
    return role.split("#")[0] in _NOTE_ROLES
