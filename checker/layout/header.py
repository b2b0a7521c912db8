"""Header fields of a target form: the rows between the title and the indicator table.

Three shapes occur and are read alike:

- label and value side by side: ``年度本级预算金额 ⇥ 1500``, ``实施期资金总额: ⇥ 100,000 ⇥ 年度资金总额: ⇥ 100,000``
  (a later pair of the same label wins: the annual block stands right of the period block);
- label and value in one cell: ``资金总额：18926``, ``其中：  一般公共预算：2396`` (seed 001);
- a row of labels over a row of values (seed 000: 一般公共预算 … 基本支出 项目支出, amounts below).

Amounts take their unit from the nearest "单位：万元" / "金额单位：元" line or a label such as
项目资金(元) or 年度预算申请（万元） above or beside them; without one they stay unparsed
(``Field.money`` None) rather than guessed.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from decimal import Decimal, InvalidOperation

from checker.domain import money
from checker.layout.labels import compact, normalize, squeezed
from checker.layout.vocab import header_key
from checker.model import Cell, Field, Money, Place, Row

# The money-unit words come from the domain (checker.domain.money); these are the shapes read here.
# "1,200.00", "542万元", "¥1,200,000.00" (a spreadsheet's currency format), "￥16530", "16530万".
_AMOUNT = r"^[{sign}]?([+-]?[0-9][0-9,]*(?:\.[0-9]+)?)\s*({unit}|{bare})?$"
# An amount with its make-up in brackets after it: ``854万(建设400万元,示范295万元…)``. The amount is
# the figure before the brackets; the text is kept whole in Field.raw.
_REMARK_AFTER = r"(?<=[0-9{unit_end}])\s*[(（][^()（）]*[)）]$"
_PERIOD_CAPTIONS = re.compile(r"(实施期目标|中长期目标|中期目标)")
_INLINE = re.compile(r"^(.*[^:：\s])\s*[:：]\s*(.*)$")  # greedy: "其中:一般公共预算:2396"
# The keys of money fields (a key is one when it starts so: key.startswith(_MONEY_KEYS)).
_MONEY_KEYS = ("budget_total", "period_total", "fund:", "spend:")
# Labels whose blank value a rule reads (S115: a 预算执行率权重 left blank), kept as an empty field.
_BLANK_KEPT = ("execution_weight",)
_TOTAL_WORDS = ("合计", "总计")
# The texts naming no label that may still be read as one (HeaderReader._unlabelled_key).
_UNLABELLED = frozenset((*_TOTAL_WORDS, "总额"))
# The first cell of a task table's total row (财预〔2015〕88号 附件2: 金额合计 under the tasks).
_TOTAL_ROW = re.compile(r"^(金额|资金|预算|总)?(合计|总计)$")


def parse_amount(text: str, unit: str | None, place: Place) -> Money | None:
    """``"100,000"`` with unit 元 → Money(Decimal("100000"), "元"); a unit written in the text
    (``"16530万"``, ``"542万元"``) overrides ``unit``; a remark in brackets after the amount
    (``"854万(建设400万元…)"``) is not part of it. None when the text is not an amount or no
    unit is known."""
    m = _amount_match(text.replace("\u3000", ""))
    return _money(m, text, unit, place) if m else None


def _amount_match(text: str) -> re.Match | None:
    """``1,200.00``, ``542万元``, ``854万(…)``: the amount pattern's match on ``text`` without its
    spaces and its remark in brackets, or None when it is no amount. Where it matches, its groups
    are those parse_amount reads (which also takes U+3000 out: \\s* is the only place an amount
    may hold one), so a header value is matched once, not once to test it and again to read it."""
    return money.pattern(_AMOUNT).match(_without_remark(text.replace(" ", "")))


def _money(m: re.Match, text: str, unit: str | None, place: Place) -> Money | None:
    """The Money of ``text`` (at ``place``) from the amount pattern's match ``m``, in the unit it
    writes or else ``unit``; None when neither names one."""
    number, written = m.groups()
    if written:  # 万 stands for 万元 (a bare multiplier); a stated unit stands for itself
        unit = money.money_words().bare.get(written, written)
    if unit is None:
        return None
    try:
        amount = Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None
    return Money(amount=amount, unit=unit, raw=text, place=place)


def _without_remark(text: str) -> str:
    """``text`` without the remark in brackets after its amount (_REMARK_AFTER): ``854万(建设…)`` →
    ``854万``. A remark ends with a closing bracket: a text holding none (most amounts) is returned
    as it is without running the pattern, whose look-behind is tried at every position (~0.5 us
    for ``1,551,000``, twice per money field read)."""
    if ")" not in text and "）" not in text:
        return text
    return money.pattern(_REMARK_AFTER).sub("", text)


@lru_cache(maxsize=16384)
def _label_of_text(text: str) -> tuple[str | None, str | None, str | None]:
    """(key, unit, inline value) for a cell's text holding a label, ``label：value`` or neither."""
    key, unit = header_key(text)
    if key or unit:
        return key, unit, None
    n = normalize(text)
    # Only a text with a colon (normalize makes ： one) is ``label：value``: _INLINE, tried on one
    # without, backtracks over the whole text for nothing (nine in ten of the texts asked).
    m = _INLINE.match(n) if ":" in n else None
    if m:
        key, unit = header_key(m.group(1))
        if key:
            return key, unit, m.group(2).strip()
    return None, None, None


class HeaderReader:
    """Reads header rows one by one into ``fields`` (Form.header), keeping the current unit."""

    def __init__(self) -> None:
        self.fields: dict[str, Field] = {}
        self.unit: str | None = None
        self.has_period_block = False
        self._total_caption = False  # a 资金总额(万元) column caption seen: 合计 below is the total
        # Column → key of a caption whose amount was taken from the row below it (总额 ⇥ 财政拨款
        # over task rows): a later 金额合计 row holds the form's figures in those columns.
        self._captions: dict[int, str] = {}
        # The rows being fed and where the reading stands, for the next row with text (a value
        # printed under its label): looked for only when a label alone on its row asks for it.
        self._rows: list[Row] = []
        self._at = 0

    def feed(self, rows: list[Row]) -> dict[str, Field]:
        """Read all ``rows``; returns the header dict."""
        self._rows = rows
        for n, row in enumerate(rows):
            self._at = n
            self._row(row, rows[n + 1] if n + 1 < len(rows) else None)
        _mark_subtotal(self.fields)
        _total_from_sources(self.fields)
        return self.fields

    def _row(self, row: Row, below: Row | None) -> None:
        texts = [c.text for c in row.cells if c.text]
        if not texts:
            return
        if len(texts) == 1:  # 金额单位：万元 on a line of its own
            m = money.pattern(money.STATEMENT).search(compact(texts[0]))
            if m:
                self.unit = m.group(1)
                return
        self._read_unit(texts)
        if _has_period_captions(texts):
            self.has_period_block = True
            if self._goal_captions(row, below):
                return
        if self._total_row(row):
            return
        for i, cell in enumerate(row.cells):
            text = cell.text
            if not text:
                continue
            # Each text's label looked up here, not in a call per cell: most texts are values
            # (six in ten of seed 003's header cells), and only a label is read on (_cell).
            key, unit, inline = _label_of_text(text)
            if unit:
                self.unit = unit
            if key is None:  # a value or a text that labels nothing, but for a total's caption
                t = compact(text)
                if t not in _UNLABELLED or (key := self._unlabelled_key(row, t)) is None:
                    continue
            self._cell(row, i, cell, below, key, inline)

    def _total_row(self, row: Row) -> bool:
        """金额合计 ⇥ 1500 ⇥ 1300 ⇥ 200 under captioned task columns: the totals replace the first
        task's amounts taken from under the captions. True when the row was read so."""
        if not self._captions:  # no captioned task columns above: no total row to read
            return False
        first = next(c for c in row.cells if c.text)
        if not _TOTAL_ROW.match(compact(first.text)):
            return False
        for i, key in self._captions.items():
            cell = row.cells[i] if i < len(row.cells) else None
            if cell is not None and money.pattern(_AMOUNT).match(cell.text.replace(" ", "")):
                self._set(key, first.text, cell.text, cell.place)
        return True

    def read_unit(self, row: Row) -> None:
        """A unit standing in a cell of its own on a row with other cells: "填报单位：XX局 ⇥ 金额单位：元"
        (Sichuan), "年度资金总额 ⇥ 50 ⇥ (万元)". Read first, so the row's amounts take it."""
        self._read_unit([c.text for c in row.cells if c.text])

    def _read_unit(self, texts: list[str]) -> None:
        """read_unit on a row's ``texts`` (its cells with text, in order), which _row has listed
        already: the row's cells, most of a wide row empty, are not walked a second time."""
        ends = _unit_statement_ends()
        for text in texts:
            t = compact(text)
            if not t or t[-1] not in ends:
                continue
            m = money.pattern(money.STATEMENT).fullmatch(t)
            if m:
                self.unit = m.group(1)
            m = money.pattern(money.BRACKETED).fullmatch(t)
            if m:
                self.unit = m.group(1)

    def _goal_captions(self, row: Row, below: Row | None) -> bool:
        """总体目标 ⇥ 中长期目标(2026—2028年) ⇥ 年度目标, the goals on the row below (财预〔2015〕88号
        附件): the annual goal is the text below the 年度目标 caption. True when read so."""
        first = next(c for c in row.cells if c.text)
        at = next((i for i, c in enumerate(row.cells) if compact(c.text).startswith("年度目标")), None)
        if at is None or below is None or row.cells[at] is first or _label_of_text(first.text)[0] != "annual_goal":
            return False
        if any("三级指标" in compact(c.text) for c in below.cells):
            return False  # the indicator table's header follows: no goal texts here
        texts = [c for c in below.cells[at:] if c.text] or [c for c in below.cells if c.text][-1:]
        if texts and "annual_goal" not in self.fields:
            self._set("annual_goal", first.text, texts[0].text, texts[0].place)
        return True

    def _unlabelled_key(self, row: Row, t: str) -> str | None:
        """The key a cell's text ``t`` (compacted) naming no header label stands for:
        ``budget_total`` for 合计 under a 资金总额(万元) caption (before a total is read) or for 总额
        beside a fund caption (预算申请 over 总额 ⇥ 财政拨款 ⇥ 其他资金); None for anything else,
        always for a text not in _UNLABELLED."""
        # (总额 is no total word: the branches below never both apply)
        if self._total_caption and t in _TOTAL_WORDS:
            return None if "budget_total" in self.fields else "budget_total"
        if t == "总额" and _has_fund_caption(row):
            return "budget_total"
        return None

    def _cell(self, row: Row, i: int, cell: Cell, below: Row | None, key: str, inline: str | None) -> None:
        """Read the field ``key`` labelled by ``cell`` (at index ``i`` of ``row``): its ``inline``
        value (``label：value`` in the cell), else the value beside it, below it or on the next
        line, as the label's kind asks."""
        if inline is not None:
            self._set(key, cell.text, inline, cell.place)
            return
        value = self._value_right(row, i)
        money_key = key.startswith(_MONEY_KEYS)
        # The value beside a money label matched as an amount once: _set is given the match.
        amount = _amount_match(value.text) if money_key and value is not None else None
        if money_key and not amount:
            below_value = self._value_below(i, below)
            if below_value is not None and self._has_money(key):
                # A column caption (任务 ⇥ 预算金额(万元)) over one task's amount: it does not replace
                # the total already read from the 预算情况 block.
                return
            if below_value is not None:
                self._captions[i] = key
            value = below_value or value
        elif value is None:
            value = self._value_below(i, below)
        if value is None and (_alone(row) or _last_of_stream_row(row, i)):
            value = self._value_in_stream()
        if value is None:
            if money_key:
                self._total_caption = self._total_caption or key == "budget_total"
                self._set(key, cell.text, "", cell.place, weak=True)
            elif key in _BLANK_KEPT:
                self._set(key, cell.text, "", cell.place, weak=True)
            return
        if key == "annual_goal":
            value = self._last_value(row, i) or value
        self._set(key, cell.text, value.text, value.place, amount=amount)  # set only for the value beside the label, kept below

    def _value_in_stream(self) -> Cell | None:
        """A form printed one cell per line (项目名称 / its name on the next line): the next line's
        text is the label's value unless it is a label itself. Where the reader paired such lines
        into rows out of step (a label broken over two lines shifts every pair after it:
        ``项目资金(万元) ⇥ 年度资金总额:`` / ``1200.00 ⇥ 其中:财政拨款``), the next text is the first
        cell of the next row."""
        nxt = _next_with_text(self._rows, self._at + 1)
        if nxt is None or not (_alone(nxt) or _on_lines_of_their_own(nxt)):
            return None
        cell = next(c for c in nxt.cells if c.text)
        key, unit, inline = _label_of_text(cell.text)
        return None if (key or unit or inline) else cell

    def _has_money(self, key: str) -> bool:
        field = self.fields.get(key)
        return field is not None and field.money is not None

    def _value_right(self, row: Row, i: int) -> Cell | None:
        for cell in row.cells[i + 1:]:
            if cell.text:
                key, unit, inline = _label_of_text(cell.text)
                return None if (key or unit or inline) else cell
        return None

    def _value_below(self, i: int, below: Row | None) -> Cell | None:
        # A grid of labels over values (seed 000): the amount stands under its label.
        if below is None or i >= len(below.cells):
            return None
        cell = below.cells[i]
        return cell if cell.text and money.pattern(_AMOUNT).match(cell.text.replace(" ", "")) else None

    @staticmethod
    def _last_value(row: Row, i: int) -> Cell | None:
        # 总体目标 ⇥ 实施期 text ⇥ 年度 text: the annual goal is the right-most text.
        rest = [c for c in row.cells[i + 1:] if c.text]
        return rest[-1] if rest else None

    def _set(self, key: str, label: str, raw: str, place: Place, weak: bool = False,
             amount: re.Match | None = None) -> None:
        """Keep ``raw`` (at ``place``) as the field ``key``; a money field's ``raw`` is parsed with the
        unit in force. ``amount``: _amount_match of ``raw``, where the caller matched it already."""
        if weak and key in self.fields:
            return
        money = None
        if key.startswith(_MONEY_KEYS):
            if raw:
                amount = amount or _amount_match(raw)
                if amount is None:
                    # A caption such as 资金总额(万元) over a column: not a value.
                    self._total_caption = self._total_caption or key == "budget_total"
                    return
                money = _money(amount, raw, self.unit, place)
        elif not raw and key in self.fields:
            return
        old = self.fields.get(key)
        if old is not None and old.raw and not raw:
            return  # an empty later cell does not erase a written value
        self.fields[key] = Field(label=squeezed(label), raw=squeezed(raw), place=place, money=money)


def _has_period_captions(texts: list[str]) -> bool:
    """Does a row of ``texts`` name both blocks' captions (实施期目标 or 中长期目标 ⇥ 年度目标), read
    in the row's texts joined and compacted? Every caption holds 标, and compacting only takes
    characters out or makes punctuation half-width: a row without 标 (most header rows) holds
    none, and its texts are not joined and compacted for nothing."""
    joined = "".join(texts)
    if "标" not in joined:
        return False
    joined = compact(joined)
    # 年度目标 first: a plain find, answering no for most rows holding 标 (目标 in a narrative)
    # before the pattern searches a long text for the period captions.
    return "年度目标" in joined and _PERIOD_CAPTIONS.search(joined) is not None


@cache
def _unit_statement_ends() -> frozenset[str]:
    """The characters a cell that states a unit ends with: a stated unit's last character
    (单位：万元) or a closing bracket ((万元), （单位：元）). Both patterns end so (money.STATEMENT,
    money.BRACKETED): a cell ending otherwise is not tried against them."""
    return frozenset({w[-1] for w in money.money_words().stated} | {")", "）"})


def _alone(row: Row) -> bool:
    """True when the row holds exactly one text (a line of a form printed one cell per line)."""
    return sum(1 for c in row.cells if c.text) == 1


def _on_lines_of_their_own(row: Row) -> bool:
    """True when the row's texts stand on different lines of a text file: lines of a form printed
    one cell per line, paired into a row by the reader (``总 体 目 标`` / ``年度目标``). A row of one
    line (tabs, pipes, spaces) or of an office file (no line) is not."""
    lines = [c.place.line for c in row.cells if c.text]
    return len(lines) > 1 and None not in lines and len(set(lines)) == len(lines)


def _last_of_stream_row(row: Row, i: int) -> bool:
    """The label at cell ``i`` is the last text of a row of one-cell-per-line text: what follows it
    in reading order is the next row's first text, not a cell of this row."""
    return _on_lines_of_their_own(row) and not any(c.text for c in row.cells[i + 1:])


def _next_with_text(rows: list[Row], j: int) -> Row | None:
    while j < len(rows) and not any(c.text for c in rows[j].cells):
        j += 1
    return rows[j] if j < len(rows) else None


def _has_fund_caption(row: Row) -> bool:
    return any((_label_of_text(c.text)[0] or "").startswith("fund:") for c in row.cells if c.text)


# 财政拨款 is the sum of these when a form lists them under it (部门整体支出 templates:
# 财政拨款 ⇥ 其中：一般公共预算 ⇥ 政府性基金预算 ⇥ 其他资金).
_FISCAL_PARTS = ("fund:一般公共预算", "fund:政府性基金预算", "fund:国有资本经营预算", "fund:财政专户管理资金")


def _mark_subtotal(fields: dict[str, Field]) -> None:
    """``fund:财政拨款`` that equals the sum of the fiscal sources written beside it is their
    subtotal, not one more source: it moves to ``subtotal:财政拨款`` so the sources are not counted
    twice (M301). Compared in 万元 after converting 元; only an exact match moves it."""
    total = fields.get("fund:财政拨款")
    parts = [fields[k].money for k in _FISCAL_PARTS if k in fields and fields[k].money is not None]
    if total is None or total.money is None or not parts:
        return
    if sum((m.in_wan() for m in parts), Decimal(0)) == total.money.in_wan():
        fields["subtotal:财政拨款"] = fields.pop("fund:财政拨款")


def _total_from_sources(fields: dict[str, Field]) -> None:
    """A budget written only by its sources (年度本级预算金额 ⇥ 财政拨款 ⇥ 200 ⇥ 其他资金 ⇥ 0, or a small
    table of sources in the cell beside the label): ``budget_total`` is their sum, labelled with
    the sources it adds, at the label's place when the label stands on the form. Mixed units are
    added in 万元. Nothing is derived when a total was written or no source has an amount."""
    total = fields.get("budget_total")
    if total is not None and (total.money is not None or total.raw):
        return  # written (even if unreadable: the rules say so, not a sum in its place)
    parts = [(k, f) for k, f in fields.items() if k.startswith("fund:") and f.money is not None]
    if not parts:
        return
    units = {f.money.unit for _, f in parts}
    unit = units.pop() if len(units) == 1 else "万元"
    amount = sum((f.money.amount if unit == f.money.unit else f.money.in_wan() for _, f in parts), Decimal(0))
    place = total.place if total is not None else parts[0][1].place
    label = " + ".join(k.split(":", 1)[1] for k, _ in parts)
    money = Money(amount=amount, unit=unit, raw=str(amount), place=place)
    fields["budget_total"] = Field(label=label, raw=str(amount), place=place, money=money)
