"""Realistic Reports for the renderer tests, built by hand from real seed wording.

Rows are copied byte-identical from shared/seeds (003: Shanxi county 2026 project target forms,
amounts in 元; 000: Hunan county 2026 department target form, legacy glyph ≧). The test below
checks the copies against the seeds when the seeds are at hand.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from checker.model import Finding, Form, Indicator, Money, Place
from checker.report.result import FileResult, Report

SEED_003 = "samples/003_fcba76fadf4b07a9.txt"
XLSX = "填报/部门整体支出绩效目标表.xlsx"

# 003 lines 1026, 1028, 1059 and 000 line 25, as they stand in the seeds.
ROW_COST = "\t成本指标\t养护费用\t327.71万元\t成本指标\t养护费用\t327.71万元\t\t\t"
ROW_SOCIAL = "\t\t社会效益\t提升北环路环境形象\t提升\t社会效益\t提升北环路环境形象\t提升\t\t"
ROW_EMPTY_COST = "\t成本指标\t\t\t成本指标\t\t\t\t\t"
ROW_GLYPH = "产出指标\t数量指标\t施工扬尘监管项目\t≧\t15\t个\t确保“8个100%”治理措施到位\t"
SEED_ROWS = [("003_fcba76fadf4b07a9.txt", 1026, ROW_COST), ("003_fcba76fadf4b07a9.txt", 1028, ROW_SOCIAL),
             ("003_fcba76fadf4b07a9.txt", 1059, ROW_EMPTY_COST), ("000_3dc31615842cc839.txt", 25, ROW_GLYPH)]

PROJECTS = [  # (title line, project name, 年度资金总额 as written, its line)
    (673, "扬尘污染视频监控监测平台经费", "100,000", 680),
    (1002, "北环路生态绿化品质提升工程后期养护经费", "1,600,000", 1009),
    (1034, "城市地下管网及设施建设改造实施方案编制项目", "364,200", 1041),
]
TITLE = "泽州县县(区)级预算部门(单位)项目支出绩效目标表"


def project_form(line: int, name: str, amount: str, amount_line: int) -> Form:
    """A 2026 project target form of seed 003 with its header and one cost indicator."""
    from checker.model import Field

    money = Money(Decimal(amount.replace(",", "")), "元", amount, Place(amount_line, 20))
    return Form(
        id=f"{SEED_003}#{line}",
        kind="project_target",
        title=TITLE,
        place=Place(line, 1),
        year=2026,
        header={
            "project_name": Field("项目名称", name, Place(line + 4, 3)),
            "budget_total": Field("年度资金总额:", amount, money.place, money),
        },
        indicators=[Indicator("成本指标", "", "养护费用", "327.71万元", place=Place(1026, 2))],
    )


def template_findings() -> list[Finding]:
    """S103 in every project form: the county template puts costs under 成本指标 with no 经济成本指标."""
    return [
        Finding(
            code="S103", severity="error",
            message={"zh": "一级指标“成本指标”下缺少二级指标“经济成本指标”",
                     "en": "level-1 成本指标 lacks the level-2 经济成本指标"},
            form=f"{SEED_003}#{line}", indicator=["成本指标", "", name],
            place=Place(line + 24, 2, line + 24, 6),
        )
        for line, name in [(673, "监控运维费"), (1002, "养护费用"), (1034, "编制费用")]
    ]


def m303() -> Finding:
    """Seed 003's real money deviation: 327.71 万元 of costs against 1,600,000 元 annual funds."""
    return Finding(
        code="M303", severity="error",
        message={"zh": "经济成本指标合计 327.71 万元，超过年度资金总额 1,600,000 元（160 万元）",
                 "en": "economic cost indicators total 327.71 万元, above the annual funds of 1,600,000 元 (160 万元)"},
        form=f"{SEED_003}#1002", indicator=["成本指标", "", "养护费用"],
        place=Place(1026, 12, 1026, 20),
        data={"expected": Decimal("160"), "actual": Decimal("327.71"), "unit": "万元"},
        row_text=ROW_COST,
    )


def seed_003_result(grouped: bool = False) -> FileResult:
    """Three project forms of seed 003 with an error, a warning, a doubt and a waived finding."""
    from checker.report.grouping import group_template_findings

    forms = [project_form(*p) for p in PROJECTS]
    findings = [
        *template_findings(),
        m303(),
        Finding(code="V210", severity="warning",
                message={"zh": "社会效益指标“提升北环路环境形象”的指标值“提升”不可衡量",
                         "en": "social-benefit indicator 提升北环路环境形象 has the unmeasurable value 提升"},
                form=f"{SEED_003}#1002", indicator=["效益指标", "社会效益", "提升北环路环境形象"],
                place=Place(1028, 21, 1028, 23), row_text=ROW_SOCIAL),
        Finding(code="S107", severity="warning",
                message={"zh": "一级指标“成本指标”已列出但没有三级指标", "en": "成本指标 is listed without any indicator"},
                form=f"{SEED_003}#1034", indicator=["成本指标", "", ""],
                place=Place(1059, 2, 1059, 6), row_text=ROW_EMPTY_COST, waived=True),
        Finding(code="X901", severity="info",
                message={"zh": "第 1058 行的单元格向左错位，已按表头还原，请核对",
                         "en": "line 1058: cells shifted left; recovered from the header, please check"},
                form=None, place=Place(1058, 1)),
    ]
    if grouped:
        findings = group_template_findings(findings, forms)
    return FileResult(SEED_003, forms=forms, findings=findings)


def xlsx_result() -> FileResult:
    """A department target form read from a spreadsheet: places are Sheet!Cell."""
    from checker.model import Field

    money = Money(Decimal("3531.93"), "万元", "3531.93", Place(sheet="目标表", cell="B16"))
    form = Form(id=f"{XLSX}#1", kind="department_target", title="2026年部门整体支出绩效目标表",
                place=Place(sheet="目标表", cell="A1"), year=2026,
                header={"department_name": Field("部门（单位）名称", "株洲市渌口区住房和城乡建设局", Place(sheet="目标表", cell="B4")),
                        "budget_total": Field("资金总额", "3531.93", money.place, money)})
    finding = Finding(code="V206", severity="info",
                      message={"zh": "指标值类型“≧”是旧字形，应写作“≥”", "en": "legacy glyph ≧: write ≥"},
                      form=form.id, indicator=["产出指标", "数量指标", "施工扬尘监管项目"],
                      place=Place(sheet="目标表", cell="D25"), row_text=ROW_GLYPH)
    return FileResult(XLSX, forms=[form], findings=[finding])


def sample_report(lang: str = "zh", grouped: bool = True) -> Report:
    """Seed 003 (grouped or not), a spreadsheet, and a file that could not be read."""
    broken = FileResult("broken.xlsx", error="不是有效的 xlsx 文件：文件头不是 zip")
    return Report([seed_003_result(grouped), xlsx_result(), broken], lang=lang)


SEEDS = Path("/work/shared/seeds")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds not at hand")
@pytest.mark.parametrize("name, line, row", SEED_ROWS)
def test_sample_rows_are_byte_identical_to_the_seeds(name, line, row):
    lines = (SEEDS / name).read_text(encoding="utf-8").split("\n")
    assert lines[line - 1].rstrip("\r") == row
