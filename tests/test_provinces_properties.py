"""Properties of the layout on templates of other provinces: whatever order a template gives the
columns after 三级指标, whatever numbering it puts before its level labels, the same indicators
are read; a continued title never opens a new form; no input makes the layout raise."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout import find_forms
from checker.layout.segment import title_kind
from checker.layout.vocab import label_level, label_text
from checker.model import Document, Grid
from checker.readers.text import rows_from_text
from support import text_filing

LABELS = ["产出指标", "效益指标", "满意度指标", "成本指标", "数量指标", "质量指标", "时效指标",
          "经济成本指标", "社会效益指标", "生态效益", "可持续影响", "服务对象满意度", "效果指标", "产出数量"]
NUMBERING = st.sampled_from(["一、", "二、", "十、", "1.", "2、", "3．", "(1)", "（2）", "（十）", "1.1", "1.2.", "①", "⑤"])


WEIGHTS = st.sampled_from(["", "(50分)", "（30分）", "(40%)", "（权重10）", "(分值:20)", "（20）"])


@given(NUMBERING, st.sampled_from(LABELS), st.sampled_from(["", " "]), WEIGHTS)
def test_numbering_and_weight_around_a_level_label_are_not_part_of_it(number, label, space, weight):
    written = number + space + label + weight
    assert label_level(written) == label_level(label) is not None
    assert label_text(written) == label
    assert label_text(label + weight) == label


@given(st.text(alphabet="部门项目单位名称资金", min_size=0, max_size=6))
def test_numbering_before_a_name_that_is_no_label_stays(name):
    written = "1." + name
    if label_level(name) is None:
        assert label_text(written) == written.strip()


@given(st.sampled_from(["", "某县", "XX市本级", "附件2 "]), st.sampled_from(["", "2025年", "2026年度"]),
       st.sampled_from(["项目支出绩效目标表", "项目绩效目标申报表", "部门整体绩效目标表", "部门(单位)整体支出绩效目标申报表"]),
       st.sampled_from(["", "(续)", "（续）", "(续一)", "（续表）"]))
def test_title_kind_of_titles_written_otherwise(place, year, core, cont):
    kind = title_kind(place + year + core + cont)
    if cont:
        assert kind is None  # the same form continued
    else:
        assert kind == ("project_target" if "项目" in core else "department_target")


# --------------------------------------------------------------------------- column order

TAIL = {  # header name → (role, text of each row for index n)
    "指标性质": lambda n: "≥",
    "指标值": lambda n: str(80 + n),
    "计量单位": lambda n: ["个", "%", "人次", "万元"][n % 4],
    "指标解释": lambda n: f"按年度统计第{n}项",
    "权重": lambda n: str(10 + n),
}
NAMES = ["服务人数", "验收合格率", "培训人次", "项目完成率", "补助标准", "群众满意度"]
LEVELS = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("成本指标", "经济成本指标"),
          ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标")]


@settings(max_examples=60, deadline=None)
@given(st.permutations(list(TAIL)), st.integers(min_value=1, max_value=6), st.booleans())
def test_columns_after_the_name_are_read_by_their_header_in_any_order(order, n_rows, merged):
    lines = ["2026年项目支出绩效目标表", "单位：万元", "项目名称\t某项目", "年度资金总额\t100",
             "\t".join(["一级指标", "二级指标", "三级指标", *order])]
    expected = []
    last = None
    for n in range(n_rows):
        l1, l2 = LEVELS[n % len(LEVELS)]
        shown1 = "" if merged and last == l1 else l1  # a merged level-1 cell is written once
        last = l1
        tail = {h: TAIL[h](n) for h in order}
        lines.append("\t".join([shown1, l2, NAMES[n], *(tail[h] for h in order)]))
        expected.append((l1, l2, NAMES[n], tail["指标值"], tail["计量单位"], "≥", tail["指标解释"]))
    filing = find_forms(Document(path="t.txt", kind="text",
                                 grids=[Grid(name=None, rows=rows_from_text("\n".join(lines) + "\n填报人：张三\n"))]))
    (form,) = filing.forms
    got = [(i.level1, i.level2, i.name, i.value, i.unit, i.value_type, i.note) for i in form.indicators]
    assert got == expected and filing.findings == []


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["", "产出指标", "数量指标", "一、效果指标", "（1）数量", "≥", "定量",
                                          "正向", "95", "%", "万元", "名称", "三级指标", "指标值", "指标方向",
                                          "备注", "指标解释", "项目支出绩效目标表（续）", "单位：元", "(万元)",
                                          "中长期指标值", "年度指标值", "总体目标", "年度目标", "1,000"]),
                         min_size=1, max_size=9), min_size=1, max_size=14))
def test_any_table_of_template_words_is_read_or_reported_never_raises(rows):
    text = "2026年度项目支出绩效目标表\n" + "\n".join("\t".join(r) for r in rows) + "\n"
    filing = text_filing(text)
    assert len(filing.forms) == 1
    for f in filing.findings:
        assert f.code in ("X901", "X902", "X903", "S113") and f.message["zh"]


# --------------------------------------------------------------------------- amounts in the header

from decimal import Decimal  # noqa: E402

from checker.layout.header import parse_amount  # noqa: E402
from checker.model import Place  # noqa: E402


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["", "¥", "￥"]), st.booleans(), st.sampled_from(["", "万元", "元", "万"]),
       st.sampled_from(["万元", "元"]))
def test_an_amount_as_filers_write_it_reads_to_the_same_decimal(amount, sign, grouped, written, default):
    text = sign + (f"{amount:,.2f}" if grouped else f"{amount:.2f}") + written
    money = parse_amount(text, default, Place())
    assert money is not None and money.amount == amount
    assert money.unit == ({"万": "万元"}.get(written, written) or default)


@given(st.text(alphabet="约元万,.-¥ 0123456789abc年", min_size=0, max_size=12))
def test_parse_amount_never_raises_and_reads_only_amounts(text):
    money = parse_amount(text, "万元", Place())
    assert money is None or isinstance(money.amount, Decimal)
