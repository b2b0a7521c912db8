"""B505 on seed 003 (a complete 2026 部门预算公开 with 57 项目支出绩效目标表) and on tables built to
probe how subtotal rows and project names are told apart."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from checker.layout import find_forms
from checker.layout.budget_projects import name_key, project_rows, text_claims
from checker.layout.budget_structure import Reading
from checker.model import Cell, Field, Filing, Form, Money, Place, Row, Table
from checker.readers import read
from checker.resources import rules_dir
from checker.rules.kinds.budget_projects import match, relation
from checker.rules.loader import load_pack


def project_rows_of(table, department: str = ""):
    """project_rows of a table read alone (a Reading of its own)."""
    return project_rows(Reading(table), department)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
HERE = Place()


@cache
def pack():
    return load_pack(paths=[rules_dir() / "B505.yaml"])


@cache
def seed(n: str):
    return find_forms(read(next(SAMPLES.glob(f"{n}_*.txt"))))


def b505(filing):
    return [f for f in pack().check(filing) if f.code == "B505" or f.data.get("rule") == "B505"]


def table(rows, unit="万元", columns=("项目名称", "合计")):
    return Table(title="2026年项目支出预算表（本年预算）", unit=unit, columns=list(columns), number=12, place=HERE,
                 rows=[[Cell(str(c), Place(line=i + 1)) for c in r] for i, r in enumerate(rows)])


def target(name, raw, unit="元", line=1):
    amount = Decimal(raw.replace(",", ""))
    money = Money(amount, unit, raw, Place(line=line))
    return Form(id=f"t#{line}", kind="project_target", title="项目支出绩效目标表", place=Place(line=line),
                header={"project_name": Field("项目名称", name, Place(line=line)),
                        "budget_total": Field("年度资金总额", raw, Place(line=line), money)})


def roles(rows, **kw):
    return [(r.name, r.role) for r in project_rows_of(table(rows, **kw))]


# --------------------------------------------------------------------------- seed 003


def test_seed003_table_has_62_projects_under_5_unit_rows():
    bt = next(f for f in seed("003").forms if f.kind == "budget_table")
    rows = project_rows_of(next(t for t in bt.tables if t.number == 12), bt.name)
    by_role = {r: [x.name for x in rows if x.role == r] for r in ("total", "subtotal", "project", "doubt")}
    assert len(by_role["project"]) == 62 and by_role["doubt"] == []
    assert by_role["subtotal"] == ["泽州县住房和城乡建设管理局", "泽州县园林环卫事务中心", "泽州县建设工程事务中心",
                                   "泽州县城市管理综合行政执法队", "泽州县住房事业服务中心"]
    # 园林环卫事务中心 20.00 over its one project 20.00: a subtotal by the arithmetic of the whole table
    assert "园林环卫事务中心办公经费" in by_role["project"]


def test_seed003_six_projects_have_no_target_form():
    out = [f for f in b505(seed("003")) if f.severity == "error"]
    assert [(f.data["project"], f.data["amount"], f.place.line) for f in out] == [
        ("生态绿化品质提升工程后期养护工程", "200.00", 427),
        ("“双一中”周边道路公共绿地管护", "18.27", 429),
        ("晋城东站站前广场配套道路(一纵四横)市政道路环卫保洁经费", "60.71", 446),
        ("城乡建设管理、城中村改造等工作经费", "20.00", 450),
        ("丹河新城居民住宅装饰装修奖补活动", "1255.00", 469),
        ("提前下达2026年省级农村危房改造补助资金", "1.03", 473),
    ]
    # 北环路生态绿化品质提升工程后期养护经费 (160) and the 中央 subsidy (5.74) have their own forms,
    # so the alike names above are not taken for them; no amount differs.
    assert all("没有项目支出绩效目标表" in f.message["zh"] for f in out)


def test_seed003_published_count_62_is_not_what_the_document_holds():
    warn = [f for f in b505(seed("003")) if f.severity == "warning" and "stated_count" in f.data]
    assert len(warn) == 1
    w = warn[0]
    assert (w.place.line, w.data["stated_count"], w.data["actual_count"]) == (573, "62", "56")
    assert w.data["actual_amount"] == "33377.60"  # 34932.60 less the six missing projects' 1555.01 (forms in 元)
    assert "公开项目绩效目标62个" in w.data["statement"]


def test_seed003_duplicate_form_and_names_that_differ():
    out = b505(seed("003"))
    dup = [f for f in out if f.severity == "warning" and "other" in f.data]
    assert [(f.data["project"], f.place.line) for f in dup] == [("园林环卫事务中心办公经费", 949)]
    infos = {f.data["form_name"]: f.data["project"] for f in out if f.severity == "info"}
    assert len(infos) == 11
    assert infos["金村大道、珥山路、学苑街提升改造补植工程"] == "金村大道、珏山路、学苑街提升改造补植工程"
    assert infos["泽州县集中隔离场所拦羊中学改造项目"] == "泽州县集中医学隔离场所拦车中学改造项目"
    assert not [f for f in out if f.code == "X903"]
    assert len(out) == 6 + 1 + 1 + 11


def test_seeds_without_a_disclosure_give_nothing():
    for n in ("000", "001", "002"):
        assert b505(seed(n)) == []


# --------------------------------------------------------------------------- roles by arithmetic


def test_two_projects_of_equal_amount_are_not_a_subtotal_and_its_part():
    assert roles([["合计", "600.00"], ["人才公寓装修经费", "200.00"], ["建筑垃圾处置费", "200.00"],
                  ["燃气补贴", "200.00"]]) == [
        ("合计", "total"), ("人才公寓装修经费", "project"), ("建筑垃圾处置费", "project"), ("燃气补贴", "project")]


def test_unit_rows_are_found_by_the_sums_not_by_their_names():
    # The 中心 row is a project here (the total needs it); the 经费 row is a subtotal (its parts add up).
    got = roles([["某局", "70.00"], ["某县环卫中心", "30.00"], ["综合经费", "40.00"], ["保洁", "25.00"], ["绿化", "15.00"]])
    assert got == [("某局", "total"), ("某县环卫中心", "project"), ("综合经费", "subtotal"), ("保洁", "project"),
                   ("绿化", "project")]


def test_nested_units_and_a_total_written_last():
    got = roles([["某县住建局", "30.00"], ["甲项目", "10.00"], ["乙项目", "20.00"], ["某县事务中心", "5.00"],
                 ["丙项目", "5.00"], ["合计", "35.00"]])
    assert [r for _, r in got] == ["subtotal", "project", "project", "subtotal", "project", "total"]


def test_a_row_the_sums_cannot_place_is_in_doubt_and_never_missing():
    # 10 = 10 either way: 丙 may be under 乙 or beside it; the name 经费 is not a unit's.
    rows = [["合计", "30.00"], ["甲经费", "10.00"], ["乙经费", "10.00"], ["丙经费", "10.00"], ["丁经费", "10.00"]]
    got = dict(roles(rows))
    assert "doubt" in got.values()
    m = match(project_rows_of(table(rows)), [target("甲经费", "100,000")])
    assert all(r.role == "project" for r in m.missing)


def test_a_table_that_does_not_add_up_keeps_unit_names_in_doubt():
    got = dict(roles([["合计", "999.00"], ["某县园林中心", "20.00"], ["办公经费", "10.00"]]))
    assert got == {"合计": "total", "某县园林中心": "doubt", "办公经费": "project"}


def test_rows_in_yuan_and_empty_rows():
    rows = project_rows_of(table([["合计", "1,000,000"], ["甲项目", "1,000,000"], ["乙项目", ""]], unit="元"))
    assert [(r.name, r.role, str(r.wan)) for r in rows][1:] == [("甲项目", "project", "100.0000"), ("乙项目", "empty", "None")]


# --------------------------------------------------------------------------- names


def test_name_key_folds_brackets_quotes_and_width():
    assert name_key("太岳街（兰花路至畅安路） 路面改造") == name_key("太岳街(兰花路至畅安路)路面改造")
    assert name_key("“双一中”周边道路") == name_key('"双一中"周边道路') == "双一中周边道路"
    assert name_key("ＰＰＰ项目") == name_key("PPP项目") == "ppp项目"


def test_relation_kinds():
    assert relation("建设工程事务中心工作经费", "建设工程事务中心工作")[0] == "cut"
    assert relation("燃气同城同价补贴", "018泽州县住建局燃气同城同价补贴")[0] == "prefixed"
    how, score = relation(name_key("生活污水特许经营权项目"), name_key("生活污水特许经营项目"))
    assert how == "similar" and score > 0.9
    assert relation("遗属补助", "人才公寓装修经费") is None


def test_alike_names_with_other_amounts_are_a_doubt_not_an_error():
    rows = project_rows_of(table([["合计", "1.03"], ["提前下达2026年省级农村危房改造补助资金", "1.03"]]))
    m = match(rows, [target("提前下达2026年中央农村危房改造补助资金", "57,407")])
    assert (len(m.doubts), m.missing, m.extra, m.pairs) == (1, [], [], [])


def test_one_name_under_two_units_pairs_by_amount():
    rows = project_rows_of(table([["合计", "30.00"], ["甲中心", "10.00"], ["办公经费", "10.00"], ["乙中心", "20.00"],
                               ["办公经费", "20.00"]]))
    m = match(rows, [target("办公经费", "200,000", line=5), target("办公经费", "100,000", line=9)])
    assert sorted((str(p.row.amount), p.target.form.id) for p in m.pairs) == [("10.00", "t#9"), ("20.00", "t#5")]
    assert m.missing == [] and m.duplicates == []


# --------------------------------------------------------------------------- the text


def paragraphs(*texts):
    f = Form(id="b#1", kind="budget_table", title="预算公开", place=HERE)
    f.paragraphs = [Row([Cell(t, Place(line=10 + i, column=1))], Place(line=10 + i)) for i, t in enumerate(texts)]
    return f


def test_text_claims_read_an_amount_whose_unit_went_to_the_next_line():
    claims = text_claims(paragraphs("纳入绩效目标管理的二级项目62个，共计金额34,932.60万元。其中：其他运转类项目2个。"
                                    "公开项目绩效目标62个，涉及项目金额34,932.60", "万元，占部门项目支出总额的100%。"))
    assert [(c.what, c.count, str(c.amount)) for c in claims] == [("managed", 62, "34932.60"), ("published", 62, "34932.60")]
    assert claims[0].place == Place(line=10, column=14, end_line=10, end_column=16)


def test_text_claims_other_wordings():
    claims = text_claims(paragraphs("本部门共有15个项目实行绩效目标管理，涉及资金1200万元；本次公开了3个项目绩效目标。"))
    assert [(c.what, c.count, c.amount) for c in claims] == [("managed", 15, Decimal("1200")), ("published", 3, None)]


def test_a_claim_written_in_yuan_is_read_in_wan():
    # The amount's unit is the domain's (checker.domain.money): 300,000.00元 is 30.0000000 万元.
    (claim,) = text_claims(paragraphs("纳入绩效目标管理的二级项目2个，共计金额300,000.00元。"))
    assert (claim.count, claim.amount) == (2, Decimal("30"))
    bt = paragraphs("纳入绩效目标管理的二级项目2个，共计金额300,000.00元。")
    bt.tables = [table([["合计", "30.00"], ["甲项目", "10.00"], ["乙项目", "20.00"]])]
    assert b505(Filing(path="x", forms=[bt])) == []  # the count and the amount agree
    bt = paragraphs("纳入绩效目标管理的二级项目2个，共计金额310,000.00元。")
    bt.tables = [table([["合计", "30.00"], ["甲项目", "10.00"], ["乙项目", "20.00"]])]
    assert [f.data["stated_count"] for f in b505(Filing(path="x", forms=[bt]))] == ["2"]  # 31 万元 ≠ 30


def test_managed_count_against_the_table():
    bt = paragraphs("纳入绩效目标管理的二级项目3个，共计金额30.00万元。")
    bt.tables = [table([["合计", "30.00"], ["甲项目", "10.00"], ["乙项目", "20.00"]])]
    out = b505(Filing(path="x", forms=[bt]))
    assert [(f.severity, f.data["stated_count"], f.data["actual_count"], f.data["actual_amount"]) for f in out] == [
        ("warning", "3", "2", "30.00")]


def test_unit_names_in_their_own_column_still_add_up():
    # 财政部 template: 单位名称 | 项目名称 | 合计; unit and 合计 rows leave 项目名称 empty.
    rows = [["合计", "", "30.00"], ["某县环卫中心", "", "30.00"], ["", "保洁经费", "10.00"], ["", "绿化经费", "20.00"]]
    got = roles(rows, columns=("单位名称", "项目名称", "合计"))
    assert got == [("合计", "total"), ("某县环卫中心", "subtotal"), ("保洁经费", "project"), ("绿化经费", "project")]


def test_far_apart_names_with_equal_amounts_are_a_doubt():
    rows = project_rows_of(table([["合计", "530.00"], ["2026年乡村环境治理补助资金", "530.00"]]))
    m = match(rows, [target("乡村人居环境治理补助", "5,300,000")])
    assert (len(m.doubts), m.missing, m.extra) == (1, [], [])


def disclosure(rows, *forms, text=()):
    bt = paragraphs(*text)
    bt.tables = [table(rows)]
    return Filing(path="x", forms=[bt, *forms])


def test_few_forms_and_no_word_in_the_text_is_one_warning_not_one_error_per_project():
    rows = [["合计", "100.00"]] + [[f"第{i}号道路养护经费", "10.00"] for i in range(10)]
    out = b505(disclosure(rows, target("第3号道路养护经费", "100,000")))
    assert [(f.severity, f.data["count"], f.data["held"]) for f in out] == [("warning", "9", "1")]


def test_most_forms_present_each_missing_project_is_an_error():
    rows = [["合计", "40.00"]] + [[f"第{i}号道路养护经费", "10.00"] for i in range(4)]
    forms = [target(f"第{i}号道路养护经费", "100,000", line=i + 1) for i in range(3)]
    out = b505(disclosure(rows, *forms))
    assert [(f.severity, f.data["project"]) for f in out] == [("error", "第3号道路养护经费")]
