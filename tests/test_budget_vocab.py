"""The budget disclosure's words are data (rules/budget_vocab.yaml, one loader): a word added to
a copy of the file is read, a malformed copy is a rule-pack error naming file:line, and the
shipped words give the table roles and source names the budget modules always gave."""

from __future__ import annotations


import pytest
from support import rule_pack_copy

from checker import resources
from checker.errors import RulePackError
from checker.layout import budget_vocab
from checker.layout.budget_facts import facts, role, source_key
from checker.layout.budget_structure import _total_rank, is_total, is_total_column
from checker.layout.budget_tables import parse_budget_tables
from checker.model import Cell, Place, Row, Table
from checker.readers.text import rows_from_text
from checker.rules.kinds import load_kinds
from checker.rules.pack import Check

SHIPPED = resources.rules_dir()
KINDS = load_kinds()

# Invented figures, in the shape of a 部门收支总表 (财政部 template).
TABLE = "\n".join([
    "部门收支总表",
    "单位：万元",
    "收入\t\t支出\t",
    "项目\t预算数\t项目\t预算数",
    "一、一般公共预算拨款收入\t1,200.50\t一、教育支出\t1,200.50",
    "本年收入合计\t1,200.50\t本年支出合计\t1,200.50",
])


def _forget() -> None:
    """Drop every remembered reading of budget_vocab.yaml, so the next use reads it again."""
    for f in (budget_vocab.budget_vocab, budget_vocab.text_terms, budget_vocab.text_scopes, budget_vocab.sources,
              budget_vocab.table_role_words, budget_vocab.econ_categories, budget_vocab.label_endings,
              budget_vocab.label_names, budget_vocab.header_words, budget_vocab.header_parts,
              budget_vocab.title_words, budget_vocab.note_starts, budget_vocab.unit_row_words,
              budget_vocab.total_words):
        f.cache_clear()


@pytest.fixture
def pack(tmp_path, monkeypatch):
    """A copy of the shipped rule pack that the loaders read instead; edit its files, then read."""
    yield from rule_pack_copy(tmp_path, monkeypatch, _forget)


def _edit(pack, *changes: tuple[str, str]) -> None:
    """In the pack copy's budget_vocab.yaml, replace each (old, new) — old must be there — and have
    the loaders read the file again."""
    path = pack / "budget_vocab.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    _forget()


def _text_findings(sentence: str) -> list[dict]:
    """B504's findings on the table above with ``sentence`` as its explanatory text."""
    form, _ = parse_budget_tables(rows_from_text(TABLE), form_id="p#1", title="2026年部门预算", title_place=Place(line=1),
                                  year=2026)
    cell = Cell(sentence, Place(line=9, column=1, end_line=9, end_column=1 + len(sentence)))
    form.paragraphs = [Row([cell], cell.place)]
    kind = KINDS["text_figures"]
    return [h.data for h in kind.func(Check(kind="text_figures", options={}), form, None)]


def test_the_shipped_file_is_valid():
    assert budget_vocab.budget_vocab_problems(SHIPPED / "budget_vocab.yaml") == []


def test_a_label_added_to_the_file_is_read_in_the_text(pack):
    sentence = "本部门2026年财政补助拨款1,000.00万元。"  # 财政补助拨款: a label the shipped file does not know
    assert _text_findings(sentence) == []
    anchor = '  - [一般公共预算拨款, "来源:一般公共预算"]\n'
    _edit(pack, (anchor, anchor + '  - [财政补助拨款, "来源:一般公共预算"]\n'))
    (hit,) = _text_findings(sentence)
    assert (hit["figure"], hit["actual"], hit["expected"]) == ("来源:一般公共预算", "1,000.00", "1200.50")


def test_the_shipped_label_is_compared():
    (hit,) = _text_findings("本部门2026年一般公共预算拨款1,000.00万元。")
    assert (hit["figure"], hit["expected"]) == ("来源:一般公共预算", "1200.50")
    assert _text_findings("本部门2026年一般公共预算拨款1,200.50万元。") == []


def test_a_table_role_and_a_source_added_to_the_file_are_read(pack):
    assert role(Table(title="部门收入汇总表", unit="万元", columns=[], rows=[], place=Place())) is None
    assert source_key("三、事业收入") is None
    _edit(pack, ("    - {role: income, words: [收入总表]}\n",
                 "    - {role: income, words: [收入总表]}\n    - {role: income, words: [收入汇总表]}\n"),
          ("  - [单位资金, 单位资金]\n", "  - [单位资金, 单位资金]\n  - [事业收入, 事业收入]\n"))
    assert role(Table(title="部门收入汇总表", unit="万元", columns=[], rows=[], place=Place())) == "income"
    assert source_key("三、事业收入") == "来源:事业收入"


def test_a_malformed_file_is_a_rule_pack_error_naming_file_and_line(pack):
    path = pack / "budget_vocab.yaml"
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index("    - {role: running, words: [机关运行]}") + 1
    path.write_text(text.replace("{role: running, words: [机关运行]}", "{role: runing, words: [机关运行]}"),
                    encoding="utf-8")
    with pytest.raises(RulePackError) as err:
        budget_vocab.budget_vocab()
    (problem,) = err.value.problems
    assert f"budget_vocab.yaml:{line}:" in problem and "'runing' is not allowed" in problem
    assert "did you mean 'running'" in problem


def test_rules_validate_names_the_malformed_file_and_line(pack):
    """``checker rules validate`` (a fresh pack build) stops at a broken budget_vocab.yaml with its
    place, as at a broken rule file: exit 2, no traceback."""
    from click.testing import CliRunner

    from checker.cli.main import cli

    path = pack / "budget_vocab.yaml"
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index("text_scopes: [一般公共预算, 政府性基金预算, 财政拨款]") + 1
    path.write_text(text.replace("text_scopes: [一般公共预算, 政府性基金预算, 财政拨款]", "text_scopes: 一般公共预算"),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["rules", "validate"], standalone_mode=False)
    assert result.exception is None and result.return_value == 2
    assert f"budget_vocab.yaml:{line}:14: text_scopes:" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("title, want", [
    ("部门收支总体情况表", "summary"), ("2026年收支预算总表", "summary"), ("财政拨款收支总体情况表", "fiscal_summary"),
    ("部门收入总体情况表", "income"), ("支出预算总表", "expenditure"), ("机关运行经费预算表", "running"),
    ("一般公共预算基本支出情况表", "basic_econ"), ("一般公共预算项目支出表", "gp_expenditure"),
    ("国有资本经营预算支出表", "sc"), ("项目支出表", "projects"), ("项目支出表(上年结转)", "projects_carry"),
    ("部门基本情况表", None),
])
def test_the_shipped_roles(title, want):
    assert role(Table(title=title, unit="万元", columns=[], rows=[], place=Place())) == want


def test_the_shipped_sources():
    assert source_key("二、政府性基金预算") == "来源:政府性基金预算"
    assert source_key("国有资本经营预算收入") == "来源:国有资本经营预算"
    assert source_key("社会保险基金") == "来源:社会保险基金"
    assert source_key("事业收入") is None


def test_header_and_title_words_added_to_the_file_are_read(pack):
    from checker.layout.budget_structure import is_label_column
    from checker.layout.budget_tables import _is_title

    assert is_label_column("科目编码") and is_label_column("单位") and not is_label_column("资金性质")
    assert _is_title("部门收支预算总表") and not _is_title("部门绩效目标表") and not _is_title("国有资产占用表")
    _edit(pack, ("  label_endings: [项目, 名称, 编码, 科目]\n", "  label_endings: [项目, 名称, 编码, 科目, 性质]\n"),
          ("  words: [预算, 收支, 收入, 支出, 经费, 决算]\n", "  words: [预算, 收支, 收入, 支出, 经费, 决算, 资产]\n"))
    assert is_label_column("资金性质") and _is_title("国有资产占用表")


def test_an_economic_category_is_a_word_of_the_file(pack):
    assert "工资福利支出" in budget_vocab.econ_categories()
    _edit(pack, ("  - 工资福利支出\n", "  - 工资福利支出\n  - 转移性支出\n"))
    assert {"工资福利支出", "转移性支出"} <= budget_vocab.econ_categories()


def test_a_unit_ending_added_to_the_file_is_read(pack):
    from checker.layout.budget_structure import is_unit_name

    assert is_unit_name("甲县水务中心", "甲县水利局") and not is_unit_name("甲县水务中心办公经费", "甲县水利局")
    assert not is_unit_name("甲县水务科", "甲县水利局")
    _edit(pack, ("  endings: [局, 委,", "  endings: [科, 局, 委,"))
    assert is_unit_name("甲县水务科", "甲县水利局")


# Invented figures, in the shape of a 一般公共预算支出表 whose total row is labelled {total}.
EXPENDITURE = "\n".join([
    "一般公共预算支出表",
    "单位：万元",
    "科目编码\t科目名称\t合计\t基本支出\t项目支出",
    "\t{total}\t300.00\t100.00\t200.00",
    "201\t一般公共服务支出\t300.00\t100.00\t200.00",
    "20101\t人大事务\t300.00\t100.00\t200.00",
])


def _expenditure_facts(total: str) -> dict[str, str]:
    form, _ = parse_budget_tables(rows_from_text(EXPENDITURE.format(total=total)), form_id="p#1", title="2026年部门预算",
                                  title_place=Place(line=1), year=2026)
    return {f.key: str(f.amount) for f in facts(form)}


def test_the_shipped_total_words():
    assert all(is_total(w) for w in ("合计", "总计", "部门合计", "小计", "本年收入合计", "收入总计"))
    assert not any(is_total(w) for w in ("一般公共服务支出", "本年小计收入", "共计"))
    assert [is_total_column(c) for c in ("支出/金额/小计", "合计", "收入总计", "基本支出")] == [True, True, True, False]
    assert _total_rank("总计") > _total_rank("收入/合计") > _total_rank("支出/小计")


def test_a_total_word_added_to_the_file_makes_its_row_the_total(pack):
    assert _expenditure_facts("合计")["一般公共预算支出合计"] == "300.00"
    before = _expenditure_facts("共计")  # unknown: the row is no total, so the table states none
    assert "一般公共预算支出合计" not in before and "一般公共预算基本支出" not in before
    _edit(pack, ("  labels: [合计, 总计, 部门合计]\n", "  labels: [合计, 总计, 部门合计, 共计]\n"))
    assert _expenditure_facts("共计") == _expenditure_facts("合计")


def test_column_ranks_come_from_the_file(pack):
    _edit(pack, ("    - [总计]\n    - [合计]\n    - [小计]\n", "    - [总计]\n    - [合计, 共计]\n    - [小计]\n"))
    assert is_total_column("收入/共计") and _total_rank("收入/共计") == _total_rank("收入/合计") > _total_rank("小计")


CODED = [("201", "一般公共服务支出"), ("20101", "人大事务"), ("20102", "政协事务"), ("20103", "行政运行")]


@pytest.mark.parametrize("total", ["合计", "支出合计", "支出总计", "小计"])
def test_a_code_column_is_split_off_its_names_whatever_total_closes_the_table(total):
    """A label column writing each code before its name (201 一般公共服务支出) becomes 科目编码 |
    科目名称; its total row has no code, and any total word of the file closes it (not only …合计)."""
    from checker.layout.budget_tables import _split_code_from_name

    def row(label: str, line: int) -> list[Cell]:
        return [Cell(label, Place(line=line, column=1)), Cell("10.00", Place(line=line, column=9))]

    coded = [row(f"{code} {name}", k) for k, (code, name) in enumerate(CODED, start=3)]
    table = Table(title="一般公共预算支出表", unit="万元", columns=["科目名称", "合计"], place=Place(line=1),
                  rows=[*coded, row(total, 7)])
    _split_code_from_name(table)
    assert table.columns == ["科目编码", "科目名称", "合计"]
    assert [[c.text for c in r[:2]] for r in table.rows][-2:] == [["20103", "行政运行"], ["", total]]
    coded = [row(f"{code} {name}", k) for k, (code, name) in enumerate(CODED, start=3)]
    named = Table(title="一般公共预算支出表", unit="万元", columns=["科目名称", "合计"], place=Place(line=1),
                  rows=[*coded, row("其他支出", 7)])
    _split_code_from_name(named)  # a named row without a code that is no total: not a code column
    assert named.columns == ["科目名称", "合计"]
