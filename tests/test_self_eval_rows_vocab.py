"""The rows of a self-evaluation that are not indicators (subtotal, total, signature lines) and its
grade words come from rules/layout_vocab.yaml ``self_eval_rows``: a word another province writes is
a YAML edit, not a code change. Invented fixtures in the shape of the 2021 template's self-evaluation
(tab-separated, as text extracted from Word)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import rule_pack_copy

from checker.layout import find_forms, self_eval, vocab
from checker.readers import read

FORM = "\n".join([
    "2025年度项目支出绩效自评表",
    "项目名称\t社区照明改造",
    "一级指标\t二级指标\t三级指标\t目标值\t完成值\t分值\t得分",
    "产出指标\t数量指标\t改造路灯数量\t≥200盏\t210盏\t30\t30",
    "\t质量指标\t验收合格率\t≥95%\t98%\t20\t20",
    "产出指标\t{subtotal}\t\t\t\t50\t50",
    "满意度指标\t服务对象满意度指标\t居民满意度\t≥90%\t93%\t50\t48",
    "总分\t\t\t\t\t100\t98",
    "自评等级为{grade}",
])


def _forget() -> None:
    # every cache built from rules/layout_vocab.yaml that the self-evaluation reader reads
    for f in (vocab.layout_vocab, vocab.self_eval_rows, vocab.self_eval_columns, self_eval._words,
              self_eval._column_prefixes, self_eval._note_start):
        f.cache_clear()


@pytest.fixture
def pack(tmp_path, monkeypatch):
    """A copy of the shipped rule pack that the loaders read instead; edit its files, then read."""
    yield from rule_pack_copy(tmp_path, monkeypatch, _forget)


def _form(tmp_path: Path, subtotal: str, grade: str):
    path = tmp_path / "form.txt"
    path.write_text(FORM.format(subtotal=subtotal, grade=grade), encoding="utf-8")
    forms = find_forms(read(str(path))).forms
    assert len(forms) == 1
    return forms[0]


def _add(pack: Path, key: str, word: str) -> None:
    path = pack / "layout_vocab.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  {key}: [")
    end = text.index("]", start)
    path.write_text(text[:end] + f", {word}" + text[end:], encoding="utf-8")
    _forget()


NAMES = ["改造路灯数量", "验收合格率", "居民满意度"]
GROUPS = ["数量指标", "质量指标", "服务对象满意度指标"]


def test_the_shipped_words_mark_the_subtotal_row_and_the_grade(tmp_path):
    form = _form(tmp_path, "小计", "良好")
    assert [i.name for i in form.indicators] == NAMES
    assert [g.level2 for g in form.level2_groups] == GROUPS  # 小计 is no level-2 of 产出指标
    assert form.grade is not None and form.grade.raw == "良好"


def test_a_subtotal_word_added_to_the_data_is_no_level2_any_more(tmp_path, pack):
    before = _form(tmp_path, "阶段合算", "良好")
    # unknown, the subtotal row reads as an empty level-2 group (S107 would call it empty)
    assert ("阶段合算", 0) in [(g.level2, g.count) for g in before.level2_groups]
    _add(pack, "subtotal_labels", "阶段合算")
    after = _form(tmp_path, "阶段合算", "良好")
    assert [g.level2 for g in after.level2_groups] == GROUPS
    assert [i.name for i in after.indicators] == NAMES


def test_a_grade_word_added_to_the_data_is_read(tmp_path, pack):
    assert _form(tmp_path, "小计", "甲等").grade is None
    _add(pack, "grades", "甲等")
    assert _form(tmp_path, "小计", "甲等").grade.raw == "甲等"


def test_a_column_prefix_added_to_the_data_names_the_column(pack):
    # _column_prefixes is built from self_eval_columns: reloaded with it, not kept from before
    assert self_eval._column_key("考评项目") is None
    path = pack / "layout_vocab.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - [三级指标, name]\n", "  - [三级指标, name]\n  - [考评项目, name]\n", 1),
                    encoding="utf-8")
    _forget()
    assert self_eval._column_key("考评项目") == "name"
