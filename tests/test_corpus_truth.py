"""Reading accuracy on real published forms (issue 9): the checker's read → layout → values on
each corpus file that has a truth file in tests/corpus_truth/, compared indicator by indicator
with what a careful reader lists (level-1, level-2, name, value with unit). The truth files were
written by reading the text, never from the checker's output; the comparison and its
normalisation are benchmarks/corpus_accuracy.py's (see its docstring), so the test and
`python benchmarks/corpus_accuracy.py` print the same table (`pytest -s` shows it here).

The corpus (../shared/corpus beside the repository, or $CHECKER_CORPUS) is not shipped with the
project: without it the corpus tests skip, the truth files' own checks still run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus_accuracy as acc  # noqa: E402

# Overall accuracy: 23 of 174 indicators (13.2%) when this test was written; 135 of 174 (77.6%)
# after the text-shape, run-on and traditional-character reading landed (2026-12-04); 169 of 174
# (97.1%) once levels were read as written (成本指标 under 产出, the NDRC's and Sichuan's level-1s,
# no level-1 invented for unlabelled rows) and run-on values cut better (00, 各1次, 种次); 171 of
# 174 (98.3%) with header values below their label, asterisked labels and side-by-side blocks read.
# A ratchet at issue 9's target of 0.95: raise it whenever the reading gets better, never lower it.
FLOOR = 0.98

KINDS = {"project_target", "department_target", "project_self_eval", "department_self_eval"}
INDICATOR_KEYS = {"level1", "level2", "name", "value", "unit", "comparator", "actual", "weight", "score",
                  "name_chars", "value_chars"}
CORPUS = acc.corpus_dir()
needs_corpus = pytest.mark.skipif(not any(CORPUS.glob("*.txt")),
                                  reason=f"corpus not here ({CORPUS}); set CHECKER_CORPUS to its folder")


def test_truth_files_are_well_formed():
    """At least 16 truth files, every layout family, each indicator with the five fields."""
    files = acc.truth_files()
    assert len(files) >= 16
    layouts = set()
    for path in files:
        truth = acc.load_truth(path)
        assert path.read_text(encoding="utf-8").startswith("# Truth for corpus file"), path
        assert truth["file"][:2] == path.stem, path
        layouts.update(truth["layout"].split("+"))
        for form in truth["forms"]:
            assert form["kind"] in KINDS, path
            for ind in form["indicators"]:
                assert {"level1", "level2", "name", "value", "unit"} <= set(ind) <= INDICATOR_KEYS, (path, ind)
                for key in ("name", "value"):
                    if str(ind[key]).endswith("…"):
                        assert isinstance(ind[f"{key}_chars"], int), (path, ind)
    assert {"pipes", "markdown", "cell-per-line", "cell-per-line-bar", "spaces", "run-on", "traditional"} <= layouts


def test_normalisation_treats_equal_readings_alike():
    """Width, spaces, ★ markers, numbering, comparator words and where the unit stands do not
    count; a different number or unit does."""
    assert acc.norm_name(" ★指标1：培训 人次 ") == acc.norm_name("培训人次")
    assert acc.norm_value("大于等于", "98", "%") == acc.norm_value(None, "≥98%", "")
    assert acc.norm_value(None, ">=9431人", None) == acc.norm_value(None, "≥9431", "人")
    assert acc.norm_value(None, "≥98%", None) != acc.norm_value(None, "≥95%", None)
    assert acc.norm_value(None, "12", "万元") != acc.norm_value(None, "12", "元")
    assert acc.norm_level("经济效益") == acc.norm_level("经济效益指标")
    assert acc.norm_level("产出指标(50分)") == acc.norm_level("产出指标")
    assert acc.norm_level(None) == "" != acc.norm_level("产出指标")
    assert acc.norm_text("績(jī)效") in {"績效", "绩效"}


def test_a_misread_indicator_is_counted_wrong(tmp_path):
    """The comparison itself: a file the checker reads exactly scores 100%, a changed value does
    not (so the accuracy below can fail)."""
    (tmp_path / "99_x.txt").write_text(
        "项目支出绩效目标表\n项目名称\t测试项目\n年度资金总额\t10\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人次\t≥20人次\n"
        "效益指标\t社会效益指标\t知晓率\t≥90%\n满意度指标\t服务对象满意度指标\t满意度\t≥95%\n", encoding="utf-8")
    rows = [{"level1": "产出指标", "level2": "数量指标", "name": "培训人次", "value": "≥20人次", "unit": ""},
            {"level1": "效益指标", "level2": "社会效益指标", "name": "知晓率", "value": "≥90%", "unit": ""},
            {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "满意度", "value": "≥95%", "unit": ""}]
    truth = {"file": "99_x.txt", "layout": "tabs", "forms": [{"kind": "project_target", "indicators": rows}]}
    assert acc.score_file(truth, tmp_path).accuracy == 1.0
    rows[1] = {**rows[1], "value": "≥80%"}
    score = acc.score_file(truth, tmp_path)
    assert (score.right, score.wrong["value"]) == (2, 1)


@needs_corpus
def test_reading_accuracy_on_the_corpus():
    scores = acc.score_all(CORPUS)
    print("\n" + acc.table(scores))
    assert all(s.error is None for s in scores), [s.error for s in scores if s.error]
    assert acc.overall(scores) >= FLOOR


@needs_corpus
def test_truth_files_name_corpus_files():
    names = {p.name for p in CORPUS.glob("*.txt")}
    for path in acc.truth_files():
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["file"] in names, path
