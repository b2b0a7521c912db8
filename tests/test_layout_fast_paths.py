"""The layout's short cuts give what the plain computations they stand for give.

- table.align_row: the in-place plan and the pruned search choose the plan the plain search of
  every assignment (below, as align_row was written before the short cuts) chooses, ties
  included, on rows of indicator-table cells placed anywhere under any header; a cell's costs,
  its facts looked up once per row of columns, are the plain per-column costs;
- pairing's close-name test is difflib's ``ratio() >= 0.75`` on any two names, and name_score's
  common beginning (4 characters compared) is os.path.commonprefix's;
- labels.normalize and squeeze_cjk: skipping a substitution (or all of them) when the text
  holds nothing it changes gives the text every substitution gives;
- row_memo: inside a document's memo a row is answered once, and a Header is not shared
  between rows; the None split_regions remembers for a row from its texts joined (read_header's
  quick test, table.remember_no_header) is read_header's own answer for every row; row_memo.first
  finds the row asking read_header of each row in turn finds, and keeps the answers it works out;
- blocks.split_row: the splits it costs (_finite_splits) are exactly those whose two blocks both
  cost less than INF, so skipping the others leaves the cheapest split as it was; and the split
  it takes (_best_split: a lone finite split uncosted, the blocks' costs counted from each end)
  is the one the plain search of every split with _block_cost takes, ties included; a block's
  cost, adding only the terms that are not zero, is the same float as the sum of every term;
  and a text without 标 is never an unknown "…指标" label (_token_label skips the test there);
- segment.split_regions: a row none of whose texts holds 表 names no form by itself (every
  title test answers no), so the segmenter skips those tests there; nor does it begin a title
  broken over two lines when neither of the next two rows holds 表, so such a row is not asked;
- table.data_cells: a text without 标 is never the table's caption (is_block_label), so only
  texts holding it are asked;
- header.HeaderReader._read_unit (read_unit's work): a cell whose compact text ends in neither a stated unit's last
  character nor a closing bracket states no unit (money.STATEMENT and BRACKETED cannot match it
  whole), so such cells are not tried against them;
- header._without_remark: a text without a closing bracket holds no remark in brackets after its
  amount (_REMARK_AFTER ends with one), so the pattern is not run on it;
- header._label_of_text: a text without a colon is no ``label：value`` (_INLINE is not tried on it),
  so its (key, unit, inline value) are those of the plain match;
- header.HeaderReader._row: a text naming no label is a key only as one of _UNLABELLED (合计, 总计,
  总额: _unlabelled_key answers None for any other, whatever the reader has read), so the others
  are passed over without asking;
- header._amount_match: where it matches a header value (spaces taken out, U+3000 left in), the
  Money read from that match is parse_amount's (which takes U+3000 out as well), in any unit, so
  _set reads a value from the match that tested it;
- budget_numbers.number: an empty cell and a plain number read as written give what mapping
  full-width glyphs, stripping blanks and taking a unit off give;
- narrative._split_label: a label the cell does not begin with (compacted, or without its
  spaces) is passed over untried, and the cell splits as trying every candidate label splits it;
  the cell without its spaces, one replace per space present, is translate's;
- self_eval._column_key: one match of all the column prefixes gives the key of the first prefix
  that begins the label or the label without its period word, as trying each prefix in turn does;
- budget_tables._is_column_numbers: read cell by cell up to the first text out of sequence, it
  says what normalising every cell and comparing the list with 1, 2, 3 … says.
- stream.regroup: a grid none of whose one-cell rows names 三级指标 or 全年预算数 comes back as
  trying both runs at every row gives it.
"""

from __future__ import annotations

import os
import re
from difflib import SequenceMatcher
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.domain import money
from checker.layout import (blocks, budget_numbers, budget_tables, header, labels, narrative, segment, self_eval,
                            table, vocab)
from checker.layout.pairing import _close, name_score
from checker.layout.row_memo import document_memo, first, per_row, remember
from checker.layout.table import align_row, is_end_row, read_header
from checker.layout.vocab import header_key
from checker.model import Cell, Place, Row

_TEXTS = ["产出指标", "数量指标", "质量指标", "时效指标", "成本指标", "效益指标", "满意度指标",
          "社会效益指标", "培训人数", "道路长度", "验收合格率", "≥", "≤", "=", "定性", "定量", "正向",
          "≥95%", "100%", "2026年12月", "500", "人", "公里", "次", "好", "说明：按年度统计", "环境效益",
          "1", "12"]
_ROLES = ["level1", "level2", "name", "value", "unit", "value_type", "note", "remark", "seq", "direction", "note#2",
          "period_value"]


def _plain_cell_cost(role, text, moved):
    """table's cost of a cell in a column as first written: the text's facts asked per column."""
    lab = vocab.label_level(text)
    if role == "level1":
        if lab and vocab.is_level1(text):
            return moved
        return table._UNKNOWN_LABEL + 1 if moved == 0 and lab is None and table._plausible_label(text) else table.INF
    if role == "level2":
        if lab and lab.level == 2:
            return moved
        if lab and lab.level == 1:
            return 0.5 if moved == 0 else table.INF
        return table._UNKNOWN_LABEL if moved == 0 and table._plausible_label(text) else table.INF
    if role == "unit":
        return moved if table._unit_like(text) else table.INF
    if role == "value_type":
        return moved if vocab.is_value_type(text) else table.INF
    if role == "seq":
        return moved if labels.squeezed(text).isdigit() else table.INF
    if role == "direction":
        if labels.compact(text) in table._DIRECTIONS:
            return moved
        return moved + 0.5 if vocab.is_value_type(text) else table.INF
    if vocab.is_value_type(text):
        return moved + 1.5 if re.match(r"^(note|remark)(#[0-9]+)?$", role) else table.INF
    extra = 1.5 if lab else 0.0
    if role == "name" and table._STRONG_VALUE.match(labels.squeezed(text)):
        extra += table._VALUE_AS_NAME
    if re.match(r"^(note|remark)(#[0-9]+)?$", role):
        return moved + 0.2 + extra
    return moved + extra


def _plain_plan(cells, roles):
    """align_row's search as first written: every state, no cut, roles seen as a frozenset."""
    n, m = len(cells), len(roles)
    tracked = frozenset({"name", "value", "unit"})

    @lru_cache(maxsize=None)
    def best(i, j, seen):
        if i == n:
            cost = 3.0 if "value" in seen and "name" not in seen else 0.0
            cost += 1.0 if "name" in seen and "value" not in seen else 0.0
            return cost + (2.0 if "unit" in seen and "value" not in seen else 0.0), ()
        col, cell = cells[i]
        cost, rest = best(i + 1, j, seen)
        choice = (cost + 5.0, ((i, None),) + rest)
        for k in range(j, m):
            rcol, role = roles[k]
            c = _plain_cell_cost(role, cell.text, abs(col - rcol))
            if c == table.INF:
                continue
            sub, rest = best(i + 1, k + 1, seen | {role} if role in tracked else seen)
            if c + sub < choice[0]:
                choice = (c + sub, ((i, k),) + rest)
        return choice

    return best(0, 0, frozenset())[1]


def _placed(aligned):
    return {role: id(cell) for role, cell in aligned.cells.items()}, [id(c) for c in aligned.dropped]


@st.composite
def _rows(draw):
    role_cols = sorted(draw(st.sets(st.integers(0, 9), min_size=1, max_size=8)))
    roles = [(c, draw(st.sampled_from(_ROLES))) for c in role_cols]
    cell_cols = sorted(draw(st.sets(st.integers(0, 10), min_size=1, max_size=7)))
    cells = [(c, Cell(text=draw(st.sampled_from(_TEXTS)), place=Place(line=1))) for c in cell_cols]
    return cells, roles


@settings(max_examples=400, deadline=None)
@given(_rows())
def test_align_row_chooses_the_plain_searchs_plan(row):
    cells, roles = row
    plan = _plain_plan(cells, roles)
    expected = table.Aligned(cells={})
    table._place(expected, plan, cells, roles)
    table._swap_direction(expected)
    got = align_row(cells, roles)
    assert _placed(got) == _placed(expected)
    assert got.shifted == expected.shifted


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.sampled_from(_TEXTS), st.text(alphabet="产出数量指标培训人次合格率≥≤%.0123元定性正向 ", min_size=1,
                                                  max_size=10).filter(str.strip)),
       st.integers(0, 10), st.lists(st.tuples(st.integers(0, 10), st.sampled_from(_ROLES)), max_size=8))
def test_a_cells_costs_are_the_plain_costs(text, col, roles):
    # Its label and value type looked up once for the row of columns, not once per column.
    assert table._costs(text, col, roles) == [_plain_cell_cost(role, text, abs(col - rcol)) for rcol, role in roles]


def test_align_row_in_place_plan_on_a_whole_row():
    # 产出指标 ⇥ 数量指标 ⇥ 培训人数 ⇥ 500 ⇥ 人 under 一级 ⇥ 二级 ⇥ 三级 ⇥ 指标值 ⇥ 单位: nothing moves.
    roles = [(0, "level1"), (1, "level2"), (2, "name"), (3, "value"), (4, "unit")]
    cells = [(i, Cell(text=t, place=Place(line=1))) for i, t in enumerate(["产出指标", "数量指标", "培训人数", "500", "人"])]
    assert table._in_place(cells, roles) == ((0, 0), (1, 1), (2, 2), (3, 3), (4, 4))
    # The same row with its value shifted into the unit column is searched, not taken in place.
    shifted = cells[:3] + [(4, cells[3][1])]
    assert table._in_place(shifted, roles) is None
    assert align_row(shifted, roles).cells["value"].text == "500"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="数量指标完成率培训人次道路长度ab1%≥", min_size=1, max_size=16),
       st.text(alphabet="数量指标完成率培训人次道路长度ab1%≥", min_size=1, max_size=16))
def test_close_names_are_difflibs(a, b):
    assert _close(a, b) == (SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.75)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="数量指标完成率培训", max_size=8), st.text(alphabet="数量指标完成率培训", max_size=8))
def test_name_score_is_the_plain_one(a, b):
    # As name_score was written before the short cuts: the common beginning by os.path.commonprefix.
    plain = (0 if not a or not b else 3 if a == b else 2 if blocks.is_cut_of(a, b) or blocks.is_cut_of(b, a)
             else 1 if len(os.path.commonprefix([a, b])) >= 4 or _close(a, b) else 0)
    assert name_score(a, b) == plain


def _header_row(line: int) -> Row:
    texts = ["一级指标", "二级指标", "三级指标", "指标值"]
    return Row(cells=[Cell(text=t, place=Place(line=line)) for t in texts], place=Place(line=line), raw="\t".join(texts))


def test_row_memo_answers_each_row_once_and_rows_apart():
    first, second = _header_row(1), _header_row(2)
    with document_memo():
        a = read_header(first)
        assert read_header(first) is a  # answered from the memo
        b = read_header(second)
        assert b is not a and b.row is second  # an equal row is another row
    assert read_header(first) is not a  # outside the memo: worked out afresh


# Every kind of character normalize changes (blanks as str.strip knows them: \x1c, \x85, \u2028
# too), and plain ones: a text of plain ones only is returned as it is, without the passes.
_LABEL_CHARS = "产出指标年度预算申请万元（）()：:，,；;　 \t\n\x1c\x85\u2028\u00a0*＊?？1a"


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=_LABEL_CHARS, max_size=20))
def test_normalize_skips_only_what_changes_nothing(text):
    squeezed = labels._SPACE_IN_CJK.sub("", text).strip()
    assert labels.squeeze_cjk.__wrapped__(text) == squeezed
    full = labels._SPACE_IN_CJK.sub("", labels._PADDING.sub("", text.translate(labels._FULLWIDTH))).strip()
    assert labels.normalize.__wrapped__(text) == labels._REQUIRED_MARK.sub("", full).rstrip(":").strip()


def _plain_number(text, suffixes=True):
    """budget_numbers.number as first written: every text mapped, stripped, its unit taken off."""
    if text is None:
        return None
    t = text.translate(budget_numbers._FULL).strip(budget_numbers._BLANKS)
    if suffixes:
        t = money.pattern(budget_numbers._SUFFIX).sub("", t).strip(budget_numbers._BLANKS)
    if not t or not budget_numbers._NUMBER.fullmatch(t):
        return None
    try:
        return Decimal(t.replace(",", "").replace("−", "-"))
    except InvalidOperation:
        return None


@settings(max_examples=600, deadline=None)
@given(st.one_of(st.none(), st.text(alphabet="0123456789,.-−０１５．，－％%元万分 \u3000\n—a", max_size=14),
                 st.from_regex(r"\A[-−]?[0-9]{1,7}(,[0-9]{3})*(\.[0-9]{1,3})?\Z")),
       st.booleans())
def test_number_reads_what_the_full_mapping_reads(text, suffixes):
    got, want = budget_numbers.number(text, suffixes=suffixes), _plain_number(text, suffixes)
    assert got == want and str(got) == str(want)  # the same value and the same written precision


_TITLE_CHARS = "2026年项目部门整体支出绩效目标自评申报预算收支总经济科标题文件附件续()（）:：、 单位万元填报度一二"


@settings(max_examples=600, deadline=None)
@given(st.lists(st.text(alphabet=_TITLE_CHARS, min_size=1, max_size=24), min_size=1, max_size=4),
       st.integers(min_value=0, max_value=6))
def test_a_row_without_biao_names_no_form(texts, gap):
    assert all(segment.title_kind(t) is None and not segment._maybe_budget_title(t) for t in texts)
    assert segment._labelled_title(texts) is None
    cells = [Cell(text=texts[0], place=Place(line=1))] + [Cell(text="", place=Place(line=1))] * gap
    row = Row(cells=cells + [Cell(text=t, place=Place(line=1)) for t in texts[1:]], place=Place(line=1), raw="")
    text = segment._title_beside_notes(row)
    assert text is None or segment.title_kind(text) is None
    # ... and with 表 the same texts can: the alphabet reaches titles (so the test can fail)
    assert segment.title_kind("2026年项目支出绩效目标表") == "project_target"


def _line(*texts: str, line: int = 1) -> Row:
    return Row(cells=[Cell(text=t, place=Place(line=line)) for t in texts], place=Place(line=line), raw="\t".join(texts))


# A title's first lines and last lines (a PDF export breaks it anywhere), fillers and blank rows:
# drawn from title pieces, so that many examples are titles (random text almost never is).
_FIRST = ["2026年度某县农业农村局项目支出", "项目支出", "部门整体支出", "2026年", "附件1", "某局"]
_REST = ["绩效目标表", "绩效自评表", "目标表", "表", "绩效目标申报表", "(2026年)", "单位:万元", "说明"]
_FOLLOWING = st.one_of(st.sampled_from(_REST).map(lambda t: [t]), st.just([]), st.just([""]),
                       st.lists(st.sampled_from(_FIRST + _REST), min_size=1, max_size=3))


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(_FIRST), st.lists(_FOLLOWING, min_size=1, max_size=4))
def test_a_title_broken_over_two_lines_has_biao_in_a_next_row(text, following):
    rows = [_line(text)] + [_line(*texts, line=n + 2) for n, texts in enumerate(following)]
    _, kind = segment._title_over_two_lines(text, rows, 0)
    if kind is not None:  # split_regions passes a row over when neither of the next two holds 表
        assert any("表" in c.text for r in rows[1:3] for c in r.cells)


def _plain_per_project(region) -> list[int]:
    """The rows of each project of a region as segment._per_project read them before it skipped
    regions where no next project can begin: every row read."""
    parts, start, seen_table = [], 0, False
    for i, row in enumerate(region.rows):
        if i and read_header(row):
            seen_table = True
            continue
        if is_end_row(row):
            break
        first = next((c for c in row.cells if c.text), None)
        if seen_table and first is not None and header_key(first.text)[0] == "project_name":
            cut = i - 1 if i - 1 > start and segment._unit_line(region.rows[i - 1]) else i
            parts.append(region.rows[start:cut])
            start, seen_table = cut, False
    return [len(p) for p in parts] + [len(region.rows) - start] if parts else [len(region.rows)]


# Rows of a project page: a next project's 项目名称 (label variants), a unit line, a header, data
# rows, a signature line, blank rows.
_PROJECT_ROWS = [["项目名称", "某项目"], ["项目名称：乙项目"], ["项 目 名 称", "丙"], ["*项目名称", "丁"],
                 ["", "项目名称", "戊"], ["单位:万元"], ["601001某单位", "单位:万元"],
                 ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训人数", "≥120人"],
                 ["满意度指标", "服务对象满意度", "满意度", "≥90%"], ["填表人：张三"], ["总分", "100"], [""],
                 ["绩效目标", "完成培训"]]


# ... and pages as they come: projects in turn, each a 项目名称 row, maybe a unit line, the
# header and 0-12 indicator rows (a long first table puts the next 项目名称 far below the header)
_PROJECT = st.tuples(st.sampled_from(_PROJECT_ROWS[:5]), st.booleans(), st.integers(0, 12)).map(
    lambda p: [p[0], *([["单位:万元"]] if p[1] else []), _PROJECT_ROWS[7], *[_PROJECT_ROWS[8]] * p[2]])
_PAGE = st.lists(_PROJECT, min_size=1, max_size=3).map(lambda projects: [row for p in projects for row in p])


@settings(max_examples=800, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(_PROJECT_ROWS), min_size=1, max_size=30), _PAGE))
def test_per_project_cuts_where_reading_every_row_cuts(body):
    rows = [_line(*texts, line=n + 1) for n, texts in enumerate([["项目支出绩效目标表"], *body])]
    region = segment.Region("project_target", "项目支出绩效目标表", rows[0], rows, 2026)
    got = segment._per_project(region)
    assert [len(r.rows) - (n > 0) for n, r in enumerate(got)] == _plain_per_project(region)


def test_split_regions_finds_a_title_broken_over_two_lines_with_a_blank_line_between():
    # the first line holds no 表; the second, two rows below it, completes the title
    rows = [_line("说明", line=1), _line("2026年度某县农业农村局项目支出", line=2), _line("", line=3),
            _line("绩效目标表", line=4), _line("项目名称", "某项目", line=5)]
    _, regions = segment.split_regions(rows)
    assert [(r.kind, r.title) for r in regions] == [("project_target", "2026年度某县农业农村局项目支出绩效目标表")]
    assert regions[0].rows[0] is rows[1]


_TOKEN_TEXTS = ["产出指标", "数量指标", "效益指标", "时点指标", "培训人数", "≥95%", "2026年", "及时", "道路长度"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_TOKEN_TEXTS), max_size=9))
def test_split_row_costs_exactly_the_finite_splits(texts):
    tokens = [(i, Cell(text=t, place=Place(line=1)), blocks._token_label(t)) for i, t in enumerate(texts)]
    lo, hi = blocks._finite_splits(tokens)
    for s in range(len(tokens) + 1):
        finite = blocks._block_cost(tokens[:s]) < blocks.INF and blocks._block_cost(tokens[s:]) < blocks.INF
        assert finite == (lo <= s <= hi), (texts, s, lo, hi)


def _plain_best_split(tokens, annual_col):
    """split_row's choice as it was written before the short cuts: every split costed afresh."""
    best, best_s = blocks.INF, len(tokens)
    for s in range(len(tokens) + 1):
        far = sum(1 for i, _, _ in tokens[:s] if i >= annual_col + 2) + sum(1 for i, _, _ in tokens[s:]
                                                                            if i < annual_col - 2)
        cost = blocks._block_cost(tokens[:s]) + blocks._block_cost(tokens[s:]) + far
        if cost < best:
            best, best_s = cost, s
    return best_s


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_TOKEN_TEXTS + ["培训人数 ", "道路长", "100%", "群众满意度"]),
                          st.integers(min_value=0, max_value=3)), max_size=10),
       st.integers(min_value=0, max_value=9))
def test_best_split_is_the_plain_search(texts, annual_col):
    tokens, col = [], 0
    for text, gap in texts:
        col += gap
        tokens.append((col, Cell(text=text, place=Place(line=1)), blocks._token_label(text)))
        col += 1
    assert blocks._best_split(tokens, annual_col) == _plain_best_split(tokens, annual_col), (texts, annual_col)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["金额单位", "单位", "计量单位", "：", ":", "(", ")", "（", "）", "万元", "元", "万",
                                 "千元", " ", "\u3000", "亿元", "年度资金总额", "1500", "*", "人"]), max_size=7))
def test_a_cell_not_ending_as_a_unit_states_none(parts):
    from checker.layout import header
    t = labels.compact("".join(parts))
    stated = money.pattern(money.STATEMENT).fullmatch(t) or money.pattern(money.BRACKETED).fullmatch(t)
    if stated:
        assert t[-1] in header._unit_statement_ends()


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="0123456789,.万元¥￥+-()（）建设示范 \u3000\n", max_size=16))
def test_a_remark_is_taken_off_only_where_a_bracket_closes(text):
    """header._without_remark runs _REMARK_AFTER only on a text holding a closing bracket: on every
    text it gives what the pattern's substitution gives, so the amounts read are the same."""
    assert header._without_remark(text) == money.pattern(header._REMARK_AFTER).sub("", text)
    assert (header._amount_match(text) is not None) == (money.pattern(header._AMOUNT).match(
        money.pattern(header._REMARK_AFTER).sub("", text.replace(" ", ""))) is not None)


def _plain_cost(n_texts, first, second, level1, level2):
    """A block's cost as _block_cost added it up before: every term, zero or not."""
    cost = 5.0 * max(0, n_texts - 2)
    cost += max(0, level2 - 1) * 1.0
    cost += max(0, level1 - 1) * 0.5
    if n_texts >= 2:
        cost += 0.5 if blocks.value_like(first) else 0.0
        cost += 0.0 if blocks.value_like(second) else 0.4
        cost += 1.0 if first == second else 0.0
    elif n_texts == 1:
        cost += 0.7
    return cost


@settings(max_examples=1000, deadline=None)
@given(st.integers(min_value=0, max_value=7), st.sampled_from(_TOKEN_TEXTS), st.sampled_from(_TOKEN_TEXTS),
       st.integers(min_value=0, max_value=5), st.integers(min_value=0, max_value=5))
def test_block_cost_adds_only_what_is_not_zero(n_texts, first, second, level1, level2):
    assert blocks._cost(n_texts, first, second, level1, level2) == _plain_cost(n_texts, first, second, level1, level2)


def _plain_token_label(text):
    """blocks._token_label as written before its 标 test."""
    lab = vocab.label_level(text)
    if lab is None and blocks._UNKNOWN_LEVEL2.match(labels.squeezed(text)):
        return vocab.Label(2, labels.squeezed(text), None)
    return lab


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["时点", "指", "标", "指标", " ", "\u3000", "\t", "数量", "培训", "≥95%", "a"]),
                max_size=6))
def test_token_label_is_the_plain_one(parts):
    text = "".join(parts)
    assert blocks._token_label(text) == _plain_token_label(text)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["本年度", "年度", "绩效", "绩", "效", "指", "标", "指标", " ", "\u3000", "?", "??",
                                 "*", "：", "（", "）", "产出", "培训人数"]), max_size=6))
def test_a_text_without_biao_is_no_block_label(parts):
    text = "".join(parts)
    if table.is_block_label(text):
        assert "标" in text
    cells = [Cell(text=t, place=Place(line=1)) for t in ["", text, "培训人数", "≥95%"]]
    row = Row(cells=cells, place=Place(line=1), raw="")
    plain = [(i, c) for i, c in enumerate(row.cells) if c.text and not table.is_block_label(c.text)]
    assert table.data_cells(row) == plain


def _plain_split_label(cell):
    """narrative._split_label as written before it passed over the labels the cell does not begin with."""
    text = cell.text
    whole = labels.compact(text)
    for label in narrative._labels_beginning((whole[:1], text.lstrip(" \u3000\t")[:1])):
        if whole == label or narrative._with_remark(label).fullmatch(whole):
            return Cell(text, cell.place), None
        at = narrative._label_end(text, label)
        if at is None:
            continue
        gap = narrative._GAP.match(text[at:])
        start = at + (gap.end() if gap else 0)
        if start == at:
            continue
        rest = text[start:]
        return Cell(text[:at], cell.place), (Cell(rest, narrative._shifted(cell.place, start)) if rest else None)
    return None


_NARRATIVE_PARTS = ["项目", "项", "目", "概况", "概", "况", "立项依据", "及", "实施内容", "内容", "计划", " ", "\u3000", "\t",
                    "：", ":", "（450字内）", "(全称)", "（", "）", "表", "为推进", "泽建发", "*", "1"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_NARRATIVE_PARTS), max_size=8))
def test_split_label_is_the_plain_one(parts):
    cell = Cell(text="".join(parts), place=Place(line=3, column=2, end_line=3, end_column=2 + len("".join(parts))))
    assert narrative._split_label(cell) == _plain_split_label(cell)
    # the passing over rests on this: _label_end finds a label exactly where the cell without spaces begins with it
    for label in narrative.narrative_labels():
        assert (narrative._label_end(cell.text, label) is not None) == cell.text.translate(narrative._NO_SPACES).startswith(label)


def _plain_column_key(text):
    """self_eval._column_key as written before it matched all prefixes at once."""
    label = labels.normalize(text)
    bare = self_eval._PERIOD.sub("", label)
    for name, key in vocab.self_eval_columns():
        if label.startswith(name) or (bare and bare.startswith(name)):
            return key
    return None


# Prefixes that begin one another (指标 / 指标值 / 指标值说明, 自评 / 自评得分), period words, brackets.
_COLUMN_PARTS = ["年度", "本年", "全年", "年初", "指标", "指标值", "值", "说明", "类型", "目标值", "实际", "完成", "完成值",
                 "得分", "自评", "分", "评", "(扣)", "（扣）", "分标准", "偏差", "原因", "等级", "一级", "三级", " ", "：", "a"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_COLUMN_PARTS), max_size=5))
def test_column_key_is_the_plain_one(parts):
    text = "".join(parts)
    assert self_eval._column_key(text) == _plain_column_key(text)


def _plain_column_numbers(row):
    """budget_tables._is_column_numbers as written before it stopped at the first text out of sequence."""
    texts = [labels.normalize(c.text) for c in row.cells if c.text.strip()]
    if texts and texts[0] in ("栏次", "行次"):
        texts = texts[1:]
    texts = [t for t in texts if not re.fullmatch(r"[A-Z甲乙丙丁]", t)]
    return len(texts) >= 3 and texts == [str(i) for i in range(1, len(texts) + 1)]


_NOT_NUMBERS = ["栏次", "行次", "A", "B", "甲", "乙", "a", "", " ", "\u3000", "合计", "201", "12.5", "１", " 2", "5"]


@st.composite
def _column_number_rows(draw):
    """1, 2, 3 … with other texts put in anywhere (column letters, 栏次, blanks, amounts)."""
    texts = [str(i) for i in range(1, draw(st.integers(0, 6)) + 1)]
    for _ in range(draw(st.integers(0, 3))):
        texts.insert(draw(st.integers(0, len(texts))), draw(st.sampled_from(_NOT_NUMBERS)))
    return texts


@settings(max_examples=1500, deadline=None)
@given(_column_number_rows())
def test_column_numbers_are_the_plain_ones(texts):
    row = Row(cells=[Cell(text=t, place=Place(line=1)) for t in texts], place=Place(line=1), raw="")
    assert budget_tables._is_column_numbers(row) == _plain_column_numbers(row)


def _plain_label_of_text(text):
    """header._label_of_text as written before its colon test."""
    key, unit = vocab.header_key(text)
    if key or unit:
        return key, unit, None
    m = header._INLINE.match(labels.normalize(text))
    if m:
        key, unit = vocab.header_key(m.group(1))
        if key:
            return key, unit, m.group(2).strip()
    return None, None, None


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["项目名称", "资金总额", "其中", "一般公共预算", "单位", "万元", "(", ")", "（", "）", ":",
                                 "：", " ", "\u3000", "\n", "培训", "2396", "*"]), max_size=6))
def test_label_of_text_is_the_plain_one(parts):
    text = "".join(parts)
    assert header._label_of_text.__wrapped__(text) == _plain_label_of_text(text)


def _plain_regroup(rows):
    """stream.regroup as written before its short cut: both runs are tried at every row."""
    from checker.layout import stream

    out, i = [], 0
    while i < len(rows):
        money_end = stream._money_run(rows, i)
        if money_end is not None:
            block, i = stream._money_rows(rows, i, money_end)
            out += block
            continue
        header_end = stream._header_run(rows, i)
        if header_end is None:
            out.append(rows[i])
            i += 1
            continue
        cells = [c for r in rows[i:header_end] for c in r.cells if c.text]
        roles = [table.header_role(c.text) for c in cells if table.header_role(c.text)]
        label_cols = sum(1 for r in roles if r in stream._LABEL_ROLES)
        weight = stream._block_weight(rows, header_end)
        data_cols = len(roles) - label_cols
        if weight is not None:
            cells.append(rows[weight].cells[0])
            header_end, data_cols = weight + 1, data_cols + 1
        out.append(Row(cells=cells, place=rows[i].place, raw=" | ".join(c.text for c in cells)))
        first_data = next((r for r in roles if r not in stream._LABEL_ROLES), None)
        block, i = stream._table_rows(rows, header_end, label_cols, data_cols, first_data == "weight")
        out += block
    return out


# Header words, money captions, labels, values and end words of streams printed one cell per line.
_STREAM_TEXTS = ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "度量单位", "分值", "资金情况(万元)",
                 "全年预算数(A)", "全年执行数(B)", "执行率", "得分", "调整后预算数", "全年预算", "年初预算数",
                 "年度资金总额:", "其中:财政拨款", "100", "50", "产出指标", "数量指标", "效益指标", "经济效益", "指标", "培训人数", "≥95%", "人", "负责人", "合计", ""]
# Runs a grid printed one cell per line holds: an indicator table's header, a money block's header.
_STREAM_RUNS = [["一级指标", "二级指标", "三级指标", "指标值", "度量单位"], ["绩效指标", "三级指标", "指标值", "分值"],
                ["资金情况(万元)", "全年预算数(A)", "全年执行数(B)", "分值", "执行率", "得分"],
                ["资金情况", "年初预算数", "调整后预算数（A）", "全年执行数", "得分"]]


@st.composite
def _stream_lines(draw):
    """The cell texts of a grid's rows: one-cell rows mostly, runs of header names among them, a
    row of several cells here and there."""
    lines = []
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        kind = draw(st.sampled_from(["run", "cells", "one", "one", "empty"]))
        if kind == "run":
            lines += [[t] for t in draw(st.sampled_from(_STREAM_RUNS))]
        elif kind == "cells":
            lines.append(draw(st.lists(st.sampled_from(_STREAM_TEXTS), min_size=2, max_size=3)))
        elif kind == "one":
            lines += [[t] for t in draw(st.lists(st.sampled_from(_STREAM_TEXTS), min_size=1, max_size=6))]
        else:
            lines.append([])
    return lines


@settings(max_examples=1500, deadline=None)
@given(_stream_lines())
def test_regroup_without_a_run_to_put_back_is_the_plain_loop(lines):
    """regroup returns the rows as they are when no one-cell row names 三级指标 or 全年预算数
    (_has_run_start); the rows come back as trying both runs at every row gives them (checked to
    fail when either test is dropped from _has_run_start)."""
    from checker.layout.stream import regroup

    rows = [Row(cells=[Cell(text=t, place=Place(line=n + 1, column=k + 1)) for k, t in enumerate(texts)],
                place=Place(line=n + 1), raw="\t".join(texts)) for n, texts in enumerate(lines)]
    assert regroup(rows) == _plain_regroup(rows)


# Header texts and pieces of them: a name-column word whole, cut over two cells (三级 | 指标) or
# with a space in it, other column words, data; roles as a run-on reader gives them.
_HEAD_PIECES = ["三级指标", "三级", "指标", "三级 指标", "指标名称", "绩效 内容", "一级指标", "二级指标", "指标值",
                "度量单位", "绩效指标", "产出指标", "数量指标", "≥95%", "培训人数", "表", ""]
_HINTS = [None, "level1", "level2", "name", "value", "unit"]


@st.composite
def _head_rows(draw):
    rows = []
    for n in range(draw(st.integers(1, 8))):
        texts = draw(st.lists(st.sampled_from(_HEAD_PIECES), min_size=0, max_size=7))
        row = _line(*texts, line=n + 1)
        if texts and draw(st.booleans()):  # a header the reader cut out of run-on text, or roles of another width
            width = len(texts) + draw(st.sampled_from([0, 0, 1, -1]))
            row.roles = [draw(st.sampled_from(_HINTS)) for _ in range(max(width, 0))]
        rows.append(row)
    return rows


@settings(max_examples=500, deadline=None)
@given(_head_rows())
def test_remembered_no_header_is_read_headers_answer(rows):
    # The segmenter remembers None for the rows read_header's quick test refuses, from their texts
    # joined; every row is then answered as read_header works it out.
    with document_memo():
        table.remember_no_header(rows, ["".join([c.text for c in row.cells]) for row in rows])
        got = [read_header(row) for row in rows]
    want = [read_header.__wrapped__(row) for row in rows]
    assert [g is None for g in got] == [w is None for w in want]
    assert [g.roles if g else None for g in got] == [w.roles if w else None for w in want]


def test_remember_no_header_keeps_nothing_outside_a_memo_and_no_header_for_a_header():
    header_row, other = _header_row(1), _line("项目名称", "某项目", "备注", line=2)
    asked = []
    table.remember_no_header([header_row, other], ["一级指标二级指标三级指标指标值", "项目名称某项目备注"])
    assert read_header(header_row) is not None  # nothing kept: no memo open
    with document_memo():
        table.remember_no_header([header_row, other], ["一级指标二级指标三级指标指标值", "项目名称某项目备注"])
        assert read_header(header_row) is not None and read_header(other) is None
        # the split_regions of a document remembers its rows' answers as read_header gives them
        rows = [_line("项目支出绩效目标表"), other, header_row]
        segment.split_regions(rows)
        asked.append(read_header(header_row).row is header_row)
    assert asked == [True]


@settings(max_examples=400, deadline=None)
@given(_head_rows(), st.integers(0, 9), st.one_of(st.none(), st.integers(0, 9)), st.booleans())
def test_first_is_the_first_row_read_header_answers(rows, start, stop, primed):
    # row_memo.first, the scans for a table's header row (segment, _stray_tables), answers as asking
    # read_header of each row in turn does, with and without a memo, and keeps what it worked out.
    worked = []

    @per_row
    def heads(row):
        worked.append(row)
        return read_header.__wrapped__(row)

    end = len(rows) if stop is None else min(stop, len(rows))
    want = next((i for i in range(start, end) if read_header.__wrapped__(rows[i])), None)
    assert first(heads, rows, start, stop) == want
    with document_memo():
        known = {i for i in range(0, len(rows), 2) if read_header.__wrapped__(rows[i]) is None} if primed else set()
        remember(heads, [rows[i] for i in known], None)  # answers a caller knows, as the segmenter does
        worked.clear()
        assert first(heads, rows, start, stop) == want
        scanned = range(start, end if want is None else want + 1)
        assert len(worked) == len([i for i in scanned if i not in known])
        again = [heads(rows[i]) for i in scanned]  # answered from the memo: nothing worked out twice
        assert len(worked) == len([i for i in scanned if i not in known])
        assert [a is not None for a in again] == [i == want for i in scanned]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="项目概况立项依据 \u3000\t\n:：(a1", max_size=16))
def test_without_spaces_is_translate(text):
    # narrative._split_label's cell without its spaces, one str.replace per space present
    assert narrative._without_spaces(text) == text.translate(narrative._NO_SPACES)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["合计", "总计", "总额", "总", "额", "计", "合", " ", "\u3000", "金额", "资金", "(", ")",
                                 "万元", "100"]), min_size=1, max_size=4), st.booleans(), st.booleans(), st.booleans())
def test_only_an_unlabelled_word_is_read_as_a_key(parts, caption, total_read, fund_beside):
    """HeaderReader._row asks _unlabelled_key only of a compacted text in _UNLABELLED: for any
    other it answers None, with a total caption seen or not, a total read or not, and a fund
    caption beside or not."""
    t = labels.compact("".join(parts))
    reader = header.HeaderReader()
    reader._total_caption = caption
    if total_read:
        reader.fields["budget_total"] = header.Field(label="合计", raw="1", place=Place(line=1))
    texts = [t, "财政拨款" if fund_beside else "100"]
    row = Row(cells=[Cell(text=x, place=Place(line=1)) for x in texts], place=Place(line=1), raw="")
    if t not in header._UNLABELLED:
        assert reader._unlabelled_key(row, t) is None, t


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="0123456789,.万元千¥￥+-()（）建设 \u3000", max_size=14), st.sampled_from([None, "元", "万元"]))
def test_an_amount_is_read_from_the_match_that_tested_it(text, unit):
    """header._set reads a money value from _amount_match's match (U+3000 left in) instead of
    matching again in parse_amount (U+3000 taken out): the Money is the same."""
    m = header._amount_match(text)
    if m is not None:
        assert header._money(m, text, unit, Place(line=1)) == header.parse_amount(text, unit, Place(line=1)), text
