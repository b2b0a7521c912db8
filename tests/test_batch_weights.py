"""Issue 10 item 4: in a batch list of several projects, a target form's weights add to 100 per
project (S115). A list whose projects each open with their own 项目名称 header is read as one form
per project; a canonical filing may also give each row its project (Indicator.project: one table of
several projects), as rules/S115.yaml's example does. Invented projects and numbers."""

from __future__ import annotations

from pathlib import Path

from support import check_path

PROJECT = """项目名称\t{name}\t主管部门\t某区城管局
年度资金总额（万元）\t80
年度绩效目标\t完成{name}。
一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t权重
产出指标\t数量指标\t完成处数\t≥\t12\t处\t{w1}
产出指标\t质量指标\t验收合格率\t=\t100\t%\t30
效益指标\t社会效益指标\t群众出行便利\t定性\t改善\t\t20
满意度指标\t服务对象满意度指标\t群众满意度\t≥\t90\t%\t10
"""


def test_each_project_of_a_batch_list_adds_to_100(tmp_path: Path):
    path = tmp_path / "batch.txt"
    path.write_text("2026年度项目支出绩效目标表\n" + PROJECT.format(name="街巷照明改造", w1=40)
                    + PROJECT.format(name="公厕改造", w1=35), encoding="utf-8")
    found = [f for f in check_path(path) if f.code == "S115"]
    assert [(f.form.split("#")[-1], f.data["actual"]) for f in found] == [("2", "95")]
