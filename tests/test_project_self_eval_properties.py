"""Property tests: a 项目支出绩效自评表 generated with right arithmetic, written at any precision a
filer uses (rates rounded or cut to 0–2 decimals, with or without %, or as a fraction; scores
from the written or the exact rate; amounts in 元 with thousands separators or in 万元), read
from tab text or one cell per line, raises no E401–E407; one planted error is found.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import cache
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.layout import find_forms
from checker.model import Document, Grid
from checker.readers.text import rows_from_text
from checker.resources import rules_dir
from checker.rules.loader import load_pack

HUNDRED = Decimal(100)
LEVEL1 = (("产出指标", 50, ("数量指标", "质量指标", "时效指标")),
          ("效益指标", 30, ("社会效益指标", "可持续影响指标")),
          ("满意度指标", 10, ("服务对象满意度指标",)))


@cache
def pack():
    return load_pack(paths=sorted(rules_dir().glob("E40*.yaml")))


def q(d: Decimal, places: int, rounding=ROUND_HALF_UP) -> Decimal:
    return d.quantize(Decimal(1).scaleb(-places), rounding=rounding)


def split(total: int, parts: int, draw) -> list[int]:
    cuts = sorted(draw(st.lists(st.integers(1, total - 1), min_size=parts - 1, max_size=parts - 1, unique=True)))
    edges = [0, *cuts, total]
    return [b - a for a, b in pairwise(edges)]


@st.composite
def forms(draw):
    """(cells per row, facts): a consistent form in the 10号 template, its indicator columns
    named as one province or another names them."""
    yuan = draw(st.booleans())
    budget = Decimal(draw(st.integers(100, 10**9))) / 100
    # spending 50%–120% of the budget, any cent (a rate of 200% written as the fraction 2.00 is
    # not in scope: a number ≥ 2 without % reads as a percentage)
    spent = q(budget * Decimal(draw(st.integers(500, 1100))) / 1000 + Decimal(draw(st.integers(-99, 99))) / 100, 2)
    spent = min(max(spent, Decimal("0.01")), q(budget * Decimal("1.2"), 2))
    exact = spent / budget * HUNDRED
    places = draw(st.integers(0, 2))
    rounding = draw(st.sampled_from([ROUND_HALF_UP, ROUND_DOWN]))
    shape = draw(st.sampled_from(["percent", "bare", "fraction"]))
    rate = q(exact, places, rounding)
    rate_text = {"percent": f"{rate}%", "bare": f"{rate}",
                 "fraction": f"{q(exact / HUNDRED, places + 2, rounding)}"}[shape]
    if shape == "bare" and rate <= 1:
        rate_text = f"{rate}%"  # a bare 0.xx is a fraction: write a tiny rate with its sign
    base = rate if draw(st.booleans()) else exact
    exec_score = q(min(base, HUNDRED) / 10, draw(st.integers(0, 2)))
    money = (lambda d: f"{d:,.2f}") if yuan else (lambda d: f"{d}")
    rows = [["2024年度项目支出绩效自评表"], ["项目名称", "某项目"],
            ["主管部门", "某局", "实施单位", "某中心"],
            [f"项目资金（{'元' if yuan else '万元'}）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["", "年度资金总额", money(budget), money(budget), money(spent), "10", rate_text, str(exec_score)],
            ["年度总体目标", "预期目标", "实际完成情况"], ["", "按期完成。", "已按期完成。"],
            ["绩效指标", "一级指标", "二级指标", draw(st.sampled_from(["三级指标", "指标名称"])),
             draw(st.sampled_from(["年度指标值", "指标值", "目标值", "年度目标值"])),
             draw(st.sampled_from(["实际完成值", "实际值", "完成值", "全年实际完成值"])),
             draw(st.sampled_from(["分值", "权重", "标准分值"])), draw(st.sampled_from(["得分", "自评得分", "自评分"])),
             draw(st.sampled_from(["偏差原因分析及改进措施", "未完成原因分析及改进措施", "偏差原因"]))]]
    total = exec_score
    n = 0
    for level1, weight, level2s in LEVEL1:
        weights = split(weight, draw(st.integers(1, min(4, weight - 1))), draw) if weight > 1 else [weight]
        for k, w in enumerate(weights):
            n += 1
            score = q(Decimal(w) * Decimal(draw(st.integers(0, 10))) / 10, 1)
            score = q(score, 0) if score == score.to_integral_value() else score
            target = draw(st.sampled_from(["≥90%", "100%", "有效提升", "≥10个"]))
            actual = {"≥90%": "95%", "100%": "100%", "有效提升": "有效提升", "≥10个": "12个"}[target]
            dev = "" if score == w else "部分任务未完成，下年度加强督导"
            label1 = f"{level1}（{weight}分）" if k == 0 else ""
            rows.append(["", label1, level2s[k % len(level2s)], f"指标{n}", target, actual, str(w), str(score), dev])
            total += score
    grade = "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"
    rows.append(["总分", "", "", "", "", "", "100", str(total), ""])
    rows.append(["自评等级", grade])
    return rows, {"total": total, "grade": grade}


def as_tab(rows) -> str:
    return "\n".join("\t".join(r) for r in rows) + "\n"


def as_lines(rows) -> str:
    out = []
    for r in rows:
        out += [r[0], ""] if len(r) == 1 else ["\t" + c for c in r] + [""]
    return "\n".join(out) + "\n"


def check(text: str):
    doc = Document(path="p.txt", kind="text", grids=[Grid(name=None, rows=rows_from_text(text))])
    fl = find_forms(doc)
    assert [f.kind for f in fl.forms] == ["project_self_eval"]
    return pack().check(fl)


_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(forms(), st.booleans())
def test_right_arithmetic_at_any_written_precision_is_no_error(form, lines):
    rows, _ = form
    out = check(as_lines(rows) if lines else as_tab(rows))
    assert out == [], [(f.code, f.text()) for f in out]


@_SETTINGS
@given(forms(), st.sampled_from(["total", "grade", "over", "rate"]))
def test_a_planted_error_is_found(form, mistake):
    rows, facts = form
    rows = [list(r) for r in rows]
    if mistake == "total":
        rows[-2][7] = str(facts["total"] + 2)
        want = "E405"
    elif mistake == "grade":
        rows[-1][1] = "差" if facts["grade"] != "差" else "优"
        want = "E405"
    elif mistake == "over":
        first = next(r for r in rows if len(r) == 9 and r[3] == "指标1")
        first[7] = str(int(first[6]) + 1)
        want = "E404"
    else:
        rows[4][6] = "0.5%"  # no generated form spends so little
        want = "E401"
    codes = {f.code for f in check(as_tab(rows))}
    assert want in codes


@given(st.text(max_size=30))
def test_any_header_text_names_a_known_column_or_none(text):
    from checker.layout.self_eval import _column_key
    from checker.layout.vocab import self_eval_columns

    assert _column_key(text) in {k for _, k in self_eval_columns()} | {None}
