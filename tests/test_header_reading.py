"""Header fields the layout reads where real forms put them (issue 9, precision audit
docs/audit/corpus-precision.md): a label with a required-field mark (``*年度总体绩效目标``), an
amount or goal written lines below its label in one-cell-per-line text, a label split over
lines. A field read there is no S111. Invented fixtures, in the shapes of the corpus forms."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from support import check_path

from checker.layout.header import HeaderReader, parse_amount
from checker.layout.labels import normalize
from checker.model import Cell, Place, Row

STARRED = """某县某局2026年度整体绩效目标表 | |||||
部门名称 | 某县某局 | |||||
*部门职责 | 负责某项工作 | |||||
*年度总体绩效目标 | 做好某项工作。 | |||||
一级指标 | 二级指标 | 三级指标 | 指标值类型 | *指标值 | 计量单位 |
产出指标 | 数量指标 | 完成某项工作次数 | 定量 | 12 | 次 |
质量指标 | 工作完成率 | 定量 | 100 | % |
时效指标 | 完成时间 | 定性 | 2026年12月底前 | |
成本指标 | 经济成本指标 | 工作经费 | 定量 | 3 | 万元 |
效益指标 | 社会效益指标 | 单位运转保障 | 定性 | 有效保障 | |
满意度指标 | 服务对象满意度指标 | 群众满意度 | 定量 | ≥90 | % |
"""


def _check(tmp_path: Path, text: str):
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    return check_path(path)


def test_a_required_field_mark_is_not_part_of_the_label():
    assert normalize("*年度总体绩效目标") == "年度总体绩效目标"
    assert normalize("＊指标值：") == "指标值"
    assert normalize("**") == "**"  # a template's placeholder, not a mark before a label


def test_question_mark_padding_of_a_merged_label_is_not_text():
    assert normalize("绩?????? 效?????? 目???? 标") == "绩效目标"
    assert normalize("是否达标?") == "是否达标?"  # a single mark is the writer's
    assert normalize("目标?是") == "目标?是"


def test_a_goal_under_a_padded_label_is_read(tmp_path):
    text = STARRED.replace("*年度总体绩效目标", "年度?????? 绩????效???? 目???? 标")
    assert [f.data["keys"] for f in _check(tmp_path, text) if f.code == "S111"] == ["budget_total"]


def test_a_starred_goal_label_is_read(tmp_path):
    findings = _check(tmp_path, STARRED)
    # The goal and the name are read; this template prints no budget field, so only that is missing.
    assert [f.data["keys"] for f in findings if f.code == "S111"] == ["budget_total"]
    values = [f for f in findings if f.code in ("V201", "V202", "V211")]
    assert not values  # the starred 指标值 column was read as the value column


def _row(*cells: tuple[str, int]) -> Row:
    """A row of (text, line) cells, as the text reader gives it."""
    return Row(cells=[Cell(t, Place(line=n, column=1)) for t, n in cells], place=Place(line=cells[0][1]))


def test_an_amount_with_its_make_up_in_brackets_lines_below_its_label(tmp_path):
    # One cell per line, blank lines between: 年度资金总额: / 36万(…) two lines below.
    lines = ["项目支出绩效目标表", "(2026年度)", "项目名称", "某村道路养护", "主管部门", "某县交通局",
             "资金情况 (万元)", "年度资金总额:", "36万(路面修补20万元,护栏16万元)", "总体目标", "年度目标",
             "全年养护村道12公里,路面完好。", "一级指标", "二级指标", "三级指标", "指标值",
             "产出指标", "数量指标", "养护里程", "≥12公里"]
    findings = _check(tmp_path, "\n\n".join(lines) + "\n")
    assert not [f for f in findings if f.code == "S111"]
    money = parse_amount("36万(路面修补20万元,护栏16万元)", None, Place(line=1))
    assert (money.amount, money.unit) == (Decimal("36"), "万元")
    assert parse_amount("36万元整改", None, Place(line=1)) is None  # words after it: not an amount


def test_lines_paired_out_of_step_give_each_label_the_next_line():
    # A label broken over two lines (项目资金 / (万元)) made the reader pair every later line with
    # the wrong partner: each label is last in its row and its value opens the next row.
    rows = [_row(("项目名称", 3), ("某村道路养护", 4)),
            _row(("项目资金(万元)", 5), ("年度资金总额:", 7)),
            _row(("36.00", 8), ("其中:财政拨款", 9)),
            _row(("36.00", 10), ("年度目标", 11)),
            _row(("全年养护村道12公里。", 12))]
    fields = HeaderReader().feed(rows)
    assert fields["budget_total"].money.amount == Decimal("36.00")
    assert fields["fund:财政拨款"].raw == "36.00"
    assert fields["annual_goal"].raw == "全年养护村道12公里。"


def test_a_caption_split_from_its_label_on_the_line_before():
    # 总 体 目 标 | / 年度目标 | read as one row of two lines: the goal is the next row's text.
    rows = [_row(("项目名称", 3), ("某村道路养护", 3)), _row(("总 体 目 标", 4), ("年度目标", 5)),
            _row(("全年养护村道12公里。", 6))]
    assert HeaderReader().feed(rows)["annual_goal"].raw == "全年养护村道12公里。"


def test_a_label_last_on_a_one_line_row_does_not_take_the_next_row():
    # 项目名称 ⇥ X ⇥ 年度目标 (empty) on one line: the next row is another field's, not the goal.
    rows = [_row(("项目名称", 3), ("某村道路养护", 3), ("年度目标", 3)), _row(("某县交通局", 4), ("主管部门", 4))]
    goal = HeaderReader().feed(rows).get("annual_goal")
    assert goal is None or goal.raw == ""
