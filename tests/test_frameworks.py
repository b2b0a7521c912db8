"""Forms written on indicator frameworks other than 产出/成本/效益/满意度 (rules/taxonomy.yaml
``frameworks``): 部门整体支出 forms on the 财预〔2013〕53号 共性指标框架 (投入/过程/产出/效果), project
evaluations on the 财预〔2020〕10号 framework (决策/过程/产出/效益), provincial 部门整体 target forms
(履职效能/管理效率/运行成本/社会效应/可持续发展/满意度).

Each fixture in tests/fixtures/frameworks/ is written as such a form looks once extracted
(tab-separated, merged level cells written once). A correct form gets no S101–S107 finding; a
level-2 placed under another level-1 of its framework is still an S104 error; a form mixing the
level-1s of two frameworks gets info, not errors.
"""

from __future__ import annotations

import shutil
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.layout import find_forms
from checker.layout.vocab import framework_of, frameworks, label_text, level2_fits, taxonomy_problems
from checker.readers import read
from checker.resources import rules_dir
from support import text_filing

HERE = Path(__file__).parent / "fixtures" / "frameworks"

# fixture → (form kind, framework id, level-1s in order)
FORMS = {
    "dept_53_target.txt": ("department_target", "投入过程产出效果", ["投入", "过程", "产出", "效果"]),
    "dept_53_self_eval.txt": ("department_self_eval", "投入过程产出效果", ["投入", "过程", "产出", "效果"]),
    "project_10hao_eval.txt": ("project_self_eval", "决策过程产出效益", ["决策", "过程", "产出", "效益"]),
    "province_dept_target.txt": ("department_target", "部门整体履职",
                                 ["履职效能", "管理效率", "运行成本", "社会效应", "可持续发展", "满意度"]),
}


@lru_cache(maxsize=1)
def _pack():
    from checker.rules import load_pack
    return load_pack()


def _check_text(text: str, name: str = "form.txt"):
    """Findings (code, severity, data) of a full check of ``text`` read as a text export."""
    from checker.pipeline import CheckOptions, check_file

    path = Path(_tmp()) / name
    path.write_text(text, encoding="utf-8")
    result = check_file(str(path), _pack(), CheckOptions())
    assert result.error is None
    return [(f.code, f.severity, f.data) for f in result.findings]


@lru_cache(maxsize=1)
def _tmp() -> str:
    import tempfile
    return tempfile.mkdtemp(prefix="frameworks-")


def _form_of_text(text: str):
    filing = text_filing(text)
    assert len(filing.forms) == 1
    return filing.forms[0], filing.findings


def _fixture(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(FORMS))
def test_framework_form_is_read_with_its_own_levels(name):
    kind, _, level1s = FORMS[name]
    filing = find_forms(read(str(HERE / name)))
    assert [f.kind for f in filing.forms] == [kind]
    form = filing.forms[0]
    assert not filing.findings  # nothing dropped (X901) or misread
    assert list(dict.fromkeys(i.level1 for i in form.indicators)) == level1s
    assert all(i.level2 and "unplaced_level" not in i.doubts for i in form.indicators)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_framework_is_recognised_from_the_level1_labels(name):
    _, fid, level1s = FORMS[name]
    match = framework_of(level1s)
    assert [f.id for f in match.frameworks] == [fid]
    assert not match.mixed and not match.is_default


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_correct_framework_form_gets_no_finding(name):
    """No S101 (产出指标 has no level-3), S102/S103/S105/S106 (满意度/成本/数量/效益 asked of a form
    that has no such level-1), S104 (unknown level-1/level-2), S107 (a scored criterion has no
    target value) or S109 (满意度 as a level-3 name) on a correct form of another framework."""
    assert _check_text(_fixture(name), name) == []


def _one_cell_per_line(text: str) -> str:
    """The same form as Word exports it one cell per line: a blank line, then each cell of a row
    on a tab-led line; a title stays a plain line."""
    out = []
    for line in text.splitlines():
        out.append("")
        out += [line] if "\t" not in line else ["\t" + c for c in line.split("\t")]
    return "\n".join(out) + "\n"


def _as_workbook(text: str, path: Path) -> Path:
    """The form as a filer's spreadsheet: one cell per tab field, numbers as numbers, and each level
    label written once merged down over the rows below it that leave its column empty."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    rows = [line.split("\t") for line in text.splitlines()]
    for row in rows:
        ws.append([_number(c) for c in row])
    for line in ws.iter_rows():
        for c in line:
            if isinstance(c.value, str) and c.value.startswith("="):
                c.data_type = "s"  # "=100" is a value a filer typed as text, not a formula
    table = next(i for i, r in enumerate(rows) if "三级指标" in r)
    for col in range(2):
        start = None
        for i in range(table + 1, len(rows) + 1):
            blank = i < len(rows) and col < len(rows[i]) and not rows[i][col] and rows[i][2:3] != [""]
            if blank and start is None:
                start = i - 1
            elif not blank and start is not None:
                ws.merge_cells(start_row=start + 1, start_column=col + 1, end_row=i, end_column=col + 1)
                start = None
    wb.save(path)
    return path


def _number(cell: str):
    try:
        return float(cell) if "." in cell else int(cell)
    except ValueError:
        return cell or None


@pytest.mark.parametrize("name", sorted(FORMS))
def test_framework_form_reads_alike_one_cell_per_line_and_as_a_workbook(name, tmp_path):
    text = _fixture(name)
    expected = [(i.level1, i.level2, i.name) for i in find_forms(read(str(HERE / name))).forms[0].indicators]
    cpl = tmp_path / name
    cpl.write_text(_one_cell_per_line(text), encoding="utf-8")
    book = _as_workbook(text, tmp_path / name.replace(".txt", ".xlsx"))
    for path in (cpl, book):
        filing = find_forms(read(str(path)))
        assert [(i.level1, i.level2, i.name) for i in filing.forms[0].indicators] == expected, path.name
        assert all("unplaced_level" not in i.doubts for i in filing.forms[0].indicators)
        assert [(c, s) for c, s, _ in _check_file(path) if c[0] in "SX"] == [], path.name


def _check_file(path: Path):
    from checker.pipeline import CheckOptions, check_file

    result = check_file(str(path), _pack(), CheckOptions())
    assert result.error is None
    return [(f.code, f.severity, f.data) for f in result.findings]


def test_default_framework_forms_still_need_output_and_benefit():
    match = framework_of(["一、产出指标（50分）", "成本指标", "效益指标", "满意度指标"])
    assert match.is_default and [f.id for f in match.frameworks] == ["产出效益"]
    assert framework_of([]).is_default  # nothing known: judged as before
    text = _fixture("province_dept_target.txt")
    # The same form on the default framework with its 效益 rows left empty is still sent back.
    default = "\n".join(line for line in text.splitlines() if not line.startswith(("履职效能", "管理效率", "运行成本",
                                                                                   "社会效应", "可持续发展", "满意度", "\t")))
    default += "\n产出指标\t数量指标\t执法检查企业数\t≥800\t家\t\n效益指标\t社会效益指标\t\t\t\t\n填报人：张三\n"  # a whole form (not cut off)
    codes = {(c, s) for c, s, _ in _check_text(default, "default.txt")}
    assert ("S101", "error") in codes


def test_level2s_decide_between_frameworks_sharing_the_level1s():
    """产出 and 效果 alone are level-1s of the default taxonomy (效果 = 效益) and of 53号: a form
    whose level-2s are 职责履行/履职效益 is a 53号 form, not a default form with unknown level-2s."""
    lines = _fixture("dept_53_target.txt").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("投入\t"))
    keep = next(i for i, line in enumerate(lines) if line.startswith("产出\t"))
    text = "\n".join(lines[:start] + lines[keep:]) + "\n"
    assert _check_text(text, "dept_53_two_levels.txt") == []
    pairs = [("产出", "职责履行"), ("效果", "履职效益")]
    assert [f.id for f in framework_of(["产出", "效果"], pairs).frameworks] == ["投入过程产出效果"]
    # A default form that writes 效果 for 效益 stays a default form.
    assert framework_of(["产出", "效果"], [("产出", "数量指标"), ("效果", "社会效益")]).is_default


def test_53_misplaced_level2_is_still_an_error():
    """预算执行 written under 投入: it is a 过程 level-2 of the 53号 framework."""
    text = _fixture("dept_53_target.txt").replace("过程\t预算执行\t预算完成率", "投入\t预算执行\t预算完成率")
    s104 = [(s, d) for c, s, d in _check_text(text, "dept_53_wrong.txt") if c == "S104"]
    assert ("error", {"level1": "投入", "level2": "预算执行", "parent": "过程"}) in \
        [(s, {k: d[k] for k in ("level1", "level2", "parent") if k in d}) for s, d in s104]


def test_10hao_misplaced_level2_is_still_an_error():
    """产出质量 written under 效益 in a 财预〔2020〕10号 evaluation."""
    text = _fixture("project_10hao_eval.txt").replace("效益\t项目效益\t社会效益", "效益\t产出质量\t社会效益")
    s104 = [(s, d.get("level2"), d.get("parent")) for c, s, d in _check_text(text, "10hao_wrong.txt") if c == "S104"]
    assert ("error", "产出质量", "产出") in s104


def test_province_misplaced_level2_is_still_an_error():
    text = _fixture("province_dept_target.txt").replace("运行成本\t经济成本指标", "运行成本\t社会效益")
    s104 = [(s, d.get("level1"), d.get("parent")) for c, s, d in _check_text(text, "province_wrong.txt")
            if c == "S104"]
    assert s104 == [("error", "运行成本", "社会效应")]


def test_a_unit_level2_of_a_common_framework_is_info():
    """53号 is a 共性 framework: a unit adds its own level-2 (业务工作 under 产出); not an error."""
    text = _fixture("dept_53_target.txt").replace("产出\t职责履行\t新建高标准农田面积", "产出\t业务工作\t新建高标准农田面积")
    found = [(c, s, d.get("level2")) for c, s, d in _check_text(text, "dept_53_own.txt")]
    assert found == [("S104", "info", "业务工作")]


def test_a_form_mixing_frameworks_gets_info_not_errors():
    """履职效能 beside 产出指标/效益指标: which framework is meant is in doubt."""
    text = _fixture("province_dept_target.txt")
    text = text.replace("管理效率\t预算执行", "产出指标\t数量指标").replace("社会效应\t社会效益", "效益指标\t预算执行")
    found = _check_text(text, "mixed.txt")
    structural = [(c, s) for c, s, _ in found if c in ("S101", "S102", "S103", "S104", "S105", "S106")]
    assert structural and all(s == "info" for _, s in structural)


def test_satisfaction_under_benefit_stays_there_in_a_10hao_table():
    """10号: 满意度 is a level-2 of 效益; under a merged 效益 cell it is not a lost 满意度指标 level-1."""
    text = ("2025年度项目支出绩效自评表\n项目名称\t乡村道路养护\t\t\t\t\n"
            "一级指标\t二级指标\t三级指标\t分值\t得分\t\n"
            "决策\t项目立项\t立项依据充分性\t10\t10\t\n过程\t资金管理\t预算执行率\t20\t19\t\n"
            "产出\t产出数量\t养护道路里程\t40\t40\t\n"
            "效益\t项目效益\t道路通行条件改善\t20\t18\t\n\t服务对象满意度\t群众满意度\t10\t9\t\n"
            "总分\t\t\t100\t96\t\n")
    form, findings = _form_of_text(text)
    last = form.indicators[-1]
    assert (last.level1, last.level2, last.doubts) == ("效益", "服务对象满意度", [])
    assert not findings


def test_lost_level1_cell_is_still_guessed_on_the_default_framework():
    """Seed 001's case is unchanged: 社会公众或服务对象满意度 under a carried 效益指标 is a lost level-1."""
    assert not level2_fits(["产出指标", "效益指标"], "效益指标", "社会公众或服务对象满意度")
    assert level2_fits(["决策", "过程", "产出"], "效益", "服务对象满意度")


def test_weights_and_numbers_come_off_framework_labels():
    assert label_text("投入（20分）") == "投入"
    assert label_text("一、决策") == "决策"
    assert label_text("可持续发展(10分)") == "可持续发展"


def test_shipped_taxonomy_meets_its_schema():
    assert taxonomy_problems(rules_dir() / "taxonomy.yaml") == []
    assert sum(f.default for f in frameworks()) == 1


def test_a_broken_taxonomy_is_reported_with_its_place(tmp_path):
    path = tmp_path / "taxonomy.yaml"
    shutil.copy(rules_dir() / "taxonomy.yaml", path)
    text = path.read_text(encoding="utf-8")
    text = text.replace("    open_level2: true\n", "    open_level2: true\n    levels: []\n", 1)
    text = text.replace("required: [产出指标, 效益指标]", "required: [产出指标, 效果指标]")
    path.write_text(text, encoding="utf-8")
    problems = taxonomy_problems(path)
    assert any("unknown key 'levels'" in p for p in problems), problems
    assert all(p.startswith(f"{path}:") for p in problems)
    # The schema problem stops the check; with it fixed the unknown required level-1 is found.
    path.write_text(text.replace("    levels: []\n", ""), encoding="utf-8")
    problems = taxonomy_problems(path)
    assert len(problems) == 1 and "'效果指标' is not a level-1" in problems[0]


_DECOR = st.sampled_from(["{}", "{}指标", "一、{}", "{}（20分）", "(1){}"])


@given(st.data())
def test_any_subset_of_a_frameworks_own_level1s_is_recognised(data):
    """Written with or without 指标, numbered or weighted, any non-empty set of one framework's
    level-1s (with at least one the default does not have) is read as that framework, not mixed."""
    fw = data.draw(st.sampled_from([f for f in frameworks() if not f.default]))
    default = frameworks()[0]
    names = list(fw.level1.values())
    own = [n for k, n in fw.level1.items() if k not in default.level1]
    chosen = data.draw(st.lists(st.sampled_from(names), unique=True)) + [data.draw(st.sampled_from(own))]
    labels = [data.draw(_DECOR).format(n) for n in chosen]
    match = framework_of(labels)
    assert not match.mixed and not match.is_default
    assert fw.id in [f.id for f in match.frameworks]


@given(st.lists(st.sampled_from(["产出指标", "成本指标", "效益指标", "满意度指标", "效果指标"]), unique=True),
       _DECOR)
def test_default_level1s_stay_on_the_default_framework(labels, decor):
    assert framework_of([decor.format(x) for x in labels]).is_default
