"""Helpers shared by several test modules: the full rule pack, a whole check of one file, and
a minimal department self-evaluation built in memory. Imported as ``support`` (pytest puts the
tests folder on sys.path)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from checker.model import Cell, Field, Filing, Finding, Form, Indicator, Place, Table


@lru_cache(maxsize=1)
def full_pack():
    """Every rule file of rules/, loaded once per test session."""
    from checker.rules import load_pack

    return load_pack()


def check_path(path: Path) -> list[Finding]:
    """The findings of a full ``checker check`` of one file (default options); the file must read."""
    from checker.pipeline import CheckOptions, check_file

    result = check_file(str(path), full_pack(), CheckOptions())
    assert result.error is None
    return result.findings


def department_self_eval(exec_weight: str, exec_score: str, weights: list[str], scores: list[str], total: str) -> Form:
    """A department self-evaluation: the money block's 年度资金总额 row (rate 100%) with its 分值
    and 得分 (texts as written), one level-1 of indicators with ``weights``/``scores``, and 总分."""
    place = Place(line=1)
    money = Table(title="预算执行情况", unit="万元", place=place,
                  columns=["项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                  rows=[[Cell(t, place) for t in ("年度资金总额", "100", "100", "100", exec_weight, "100%", exec_score)]])
    form = Form(id="f", kind="department_self_eval", title="部门整体支出绩效自评表", place=place, tables=[money])
    form.indicators = [Indicator("产出", "职责履行", f"指标{k}", weight=w, score=s, place=place)
                       for k, (w, s) in enumerate(zip(weights, scores))]
    form.total_score = Field(label="总分", raw=total, place=place)
    return form


SELF_EVAL_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "self_eval"


@lru_cache(maxsize=1)
def e_pack():
    """Rules E401–E407 only (the self-evaluation arithmetic)."""
    from checker.resources import rules_dir
    from checker.rules.loader import load_pack

    return load_pack(paths=sorted(rules_dir().glob("E40*.yaml")))


@lru_cache(maxsize=None)
def self_eval_filing(name: str):
    """The Filing of tests/fixtures/self_eval/``name``, read once."""
    from checker.layout import find_forms
    from checker.readers import read

    return find_forms(read(SELF_EVAL_FIXTURES / name))


def only_self_eval_form(name: str) -> Form:
    """The one form of a self-evaluation fixture (asserts there is exactly one)."""
    forms = self_eval_filing(name).forms
    assert len(forms) == 1
    return forms[0]


def rule_pack_copy(tmp_path: Path, monkeypatch, forget):
    """Yield a copy of the shipped rules/ folder that the loaders read instead (edit its files,
    then read); ``forget()`` clears the loaders' caches before and after."""
    import shutil

    from checker import resources

    copy = tmp_path / "rules"
    shutil.copytree(resources.rules_dir(), copy)
    real = resources.data_dir
    monkeypatch.setattr(resources, "data_dir", lambda name: copy if name == "rules" else real(name))
    forget()
    yield copy
    monkeypatch.undo()
    forget()


def text_filing(text: str) -> Filing:
    """The forms laid out from ``text`` as the text reader splits it (tab-separated lines), in a
    Document named t.txt; values not parsed (``checker.pipeline.parse_values`` does that)."""
    from checker.layout import find_forms
    from checker.model import Document, Grid
    from checker.readers.text import rows_from_text

    return find_forms(Document(path="t.txt", kind="text", grids=[Grid(name=None, rows=rows_from_text(text))]))
