"""The budget disclosure's vocabulary (rules/budget_vocab.yaml), loaded once.

``text_terms()`` → ``(("预算收入总计", "收入总计"), …)``: the explanatory text's labels of the
tables' figures (B504); ``sources()`` → ``(("政府性基金", "政府性基金预算"), …)``;
``table_role_words()`` → the title rewrites and the role entries of budget_facts.role. The words
are data that policy teams extend (a new province's wording is a YAML edit with a test); this
module only reads them, the same way checker/layout/vocab.py reads rules/layout_vocab.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from checker.resources import rules_dir

FILE = "budget_vocab.yaml"


@cache
def budget_vocab() -> dict:
    """rules/budget_vocab.yaml as loaded, checked against rules/schema/budget_vocab.schema.json
    (or taken from the validated rule pack's cache, checker/rules/packcache.py). Raises
    RulePackError (``file:line:col: message``) when the file breaks its schema, FileNotFoundError
    when the data folder is missing."""
    from checker.layout.vocab import checked_data

    return checked_data(rules_dir() / FILE, budget_vocab_problems)


def budget_vocab_problems(path) -> list[str]:
    """Every schema problem of a budget vocabulary file (``file:line:col: message``), or []."""
    from checker.layout.vocab import _schema_problems

    return _schema_problems(path, "budget_vocab.schema.json")


@cache
def text_terms() -> tuple[tuple[str, str], ...]:
    """(label as the text writes it, figure key of the tables), in file order
    (rules/budget_vocab.yaml ``text_terms``)."""
    return tuple((label, key) for label, key in budget_vocab()["text_terms"])


@cache
def text_scopes() -> tuple[str, ...]:
    """The scopes a paragraph names before its figures (一般公共预算, 政府性基金预算, 财政拨款)."""
    return tuple(budget_vocab()["text_scopes"])


@cache
def sources() -> tuple[tuple[str, str], ...]:
    """(beginning of a source-of-funds row label, the source's name in ``来源:`` keys), first match
    first (rules/budget_vocab.yaml ``sources``)."""
    return tuple((prefix, name) for prefix, name in budget_vocab()["sources"])


@dataclass(frozen=True)
class RoleWords:
    """One table role by title: ``role`` when every one of ``words`` is in the (rewritten) title
    and none of ``excluded``."""

    role: str
    words: tuple[str, ...]
    excluded: tuple[str, ...] = ()

    def fits(self, title: str) -> bool:
        return all(w in title for w in self.words) and not any(w in title for w in self.excluded)


@cache
def table_role_words() -> tuple[tuple[tuple[str, str], ...], tuple[RoleWords, ...]]:
    """(title rewrites in order, role entries first match first), from rules/budget_vocab.yaml
    ``table_titles``."""
    titles = budget_vocab()["table_titles"]
    rewrites = tuple((old, new) for old, new in titles["rewrite"])
    roles = tuple(RoleWords(r["role"], tuple(r["words"]), tuple(r.get("not") or ())) for r in titles["roles"])
    return rewrites, roles


@cache
def econ_categories() -> frozenset[str]:
    """The 类级 names of the 支出经济分类 (工资福利支出, 商品和服务支出 …), rules/budget_vocab.yaml
    ``econ_categories``."""
    return frozenset(budget_vocab()["econ_categories"])


@cache
def label_endings() -> tuple[str, ...]:
    """Endings of a label column's name (项目, 名称, 编码, 科目): ``columns.label_endings``."""
    return tuple(budget_vocab()["columns"]["label_endings"])


@cache
def label_names() -> frozenset[str]:
    """Whole names of a label column besides those endings (单位): ``columns.label_names``."""
    return frozenset(budget_vocab()["columns"]["label_names"])


@cache
def header_words() -> frozenset[str]:
    """Cells that make a row a header row (项目, 合计, 科目编码, 类, 款, 项 …): ``columns.header_words``."""
    return frozenset(budget_vocab()["columns"]["header_words"])


@cache
def header_parts() -> tuple[str, ...]:
    """Words a header cell holds (编码, 预算数, 科目名称): ``columns.header_parts``."""
    return tuple(budget_vocab()["columns"]["header_parts"])


@cache
def title_words() -> dict[str, tuple[str, ...]]:
    """``titles`` of rules/budget_vocab.yaml: {words, not_starting, not_containing, table_kinds},
    each a tuple of words."""
    return {k: tuple(v) for k, v in budget_vocab()["titles"].items()}


@cache
def note_starts() -> tuple[str, ...]:
    """Beginnings of a note line under a table (注, 说明, 数据来源 …): ``note_starts``."""
    return tuple(budget_vocab()["note_starts"])


@cache
def unit_row_words() -> dict[str, tuple[str, ...]]:
    """``unit_rows`` of rules/budget_vocab.yaml: {endings, not_containing}, each a tuple of words
    (a budget unit's row in a project table: …中心, …局, not …办公经费)."""
    return {k: tuple(v) for k, v in budget_vocab()["unit_rows"].items()}


@dataclass(frozen=True)
class TotalWords:
    """``totals`` of rules/budget_vocab.yaml: the words of a table's total rows and columns.

    ``labels``: whole labels of a total row (合计, 总计, 部门合计); ``subtotal_labels`` (小计);
    ``label_endings``: a total row's label ends so (本年收入合计); ``column_ranks``: endings of a
    total column's name, highest rank first (总计 over 合计 over 小计)."""

    labels: frozenset[str]
    subtotal_labels: frozenset[str]
    label_endings: tuple[str, ...]
    column_ranks: tuple[tuple[str, ...], ...]

    @property
    def column_endings(self) -> tuple[str, ...]:
        """Every ending of a total column's name, of whichever rank."""
        return tuple(word for rank in self.column_ranks for word in rank)


@cache
def total_words() -> TotalWords:
    """rules/budget_vocab.yaml ``totals`` (see TotalWords)."""
    t = budget_vocab()["totals"]
    return TotalWords(frozenset(t["labels"]), frozenset(t["subtotal_labels"]), tuple(t["label_endings"]),
                      tuple(tuple(rank) for rank in t["column_ranks"]))
