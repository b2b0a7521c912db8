"""LevelTracker (checker/layout/levels.py): the level-1 and level-2 labels in force while a table is
read top-down, where a level-1 is guessed from a level-2 written without it and then written."""

from __future__ import annotations

from checker.layout.levels import LevelTracker
from checker.model import Cell, Place


def cell(text: str, line: int) -> Cell:
    return Cell(text=text, place=Place(line=line, column=1))


def test_a_guessed_level1_written_on_a_later_row_is_taken_as_written():
    tracker = LevelTracker()
    tracker.labels(cell("产出指标", 1), cell("数量指标", 1))
    # a satisfaction level-2 with no level-1 beside it: 满意度指标 is guessed
    tracker.labels(None, cell("服务对象满意度指标", 2))
    assert (tracker.level1, tracker.guessed, tracker.level2) == ("满意度指标", True, "服务对象满意度指标")
    # the guessed level-1 then written on its own row starts it afresh, as a level-1 read
    tracker.labels(cell("满意度指标", 3), None)
    assert (tracker.level1, tracker.guessed, tracker.level2, tracker.group) == ("满意度指标", False, "", None)
    assert tracker.seen == ["产出指标", "满意度指标"]


def test_the_same_level1_again_changes_nothing():
    tracker = LevelTracker()
    tracker.labels(cell("产出指标", 1), cell("数量指标", 1))
    tracker.labels(cell("产出指标", 2), None)  # a merged cell a spreadsheet reader filled again
    assert (tracker.level1, tracker.level2, tracker.seen) == ("产出指标", "数量指标", ["产出指标"])
