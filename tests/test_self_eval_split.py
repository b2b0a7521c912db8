"""Issue 10 item 4: a self-evaluation's level-1 weights are checked against the split the form
itself states — its headings (产出指标(50分)), else its notes under the table (注：产出指标50分…),
else the province's template given by a profile (overrides: E403: options: split) — and S101/S102
judge self-evaluations as they judge targets. Invented forms in the shape of samples/handmade_*."""

from __future__ import annotations

from pathlib import Path

from support import check_path

from checker.rules.loader import load_pack

FORM = """2025年度市级财政项目支出绩效自评表
项目名称\t背街小巷照明改造
主管部门\t某市城市管理局\t实施单位\t某市照明所
项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率（%）\t得分
年度资金总额\t80.00\t80.00\t80.00\t10\t100.00\t10
年度总体目标\t预期目标\t实际完成情况
\t改造背街小巷照明。\t完成改造。
一级指标\t二级指标\t三级指标\t指标值类型\t目标值\t度量单位\t完成值\t权重\t得分\t偏差原因分析及改进措施
产出指标\t数量指标\t改造路灯数\t定量\t≥300\t盏\t312\t{w1}\t{w1}\t
\t质量指标\t亮灯率\t定量\t≥98\t%\t99\t{w2}\t{w2}\t
效益指标\t社会效益指标\t夜间出行便利\t定性\t改善\t\t改善\t{w3}\t{w3}\t
满意度指标\t服务对象满意度指标\t居民满意度\t定量\t≥90\t%\t95\t10\t10\t
总分\t\t\t\t\t\t\t100\t100\t
自评等级\t优
{note}"""
NOTE = "注：一级指标分值按产出指标50分、效益指标30分、满意度指标10分设置，预算执行率10分。"


def e403(tmp_path: Path, note: str, w1: int = 30, w2: int = 20, w3: int = 30):
    path = tmp_path / "self_eval.txt"
    path.write_text(FORM.format(w1=w1, w2=w2, w3=w3, note=note), encoding="utf-8")
    return [f for f in check_path(path) if f.code == "E403"]


def test_split_as_the_note_states_it_is_clean(tmp_path: Path):
    assert e403(tmp_path, NOTE) == []


def test_level1_weights_against_the_note(tmp_path: Path):
    found = e403(tmp_path, NOTE, w1=35, w2=20, w3=25)  # 产出 55 and 效益 25: still 100 in all
    by_level1 = {f.data.get("level1"): f for f in found}
    assert set(by_level1) == {"产出指标", "效益指标"}
    assert by_level1["产出指标"].data["expected"] == "50" and by_level1["产出指标"].data["actual"] == "55"
    assert by_level1["产出指标"].message["zh"].startswith("表注写明")
    assert by_level1["效益指标"].place.line == 15  # the note's line


def test_without_note_nor_template_only_the_total_is_checked(tmp_path: Path):
    assert e403(tmp_path, "", w1=35, w2=20, w3=25) == []


def test_province_template_from_a_profile(tmp_path: Path):
    from checker.pipeline import CheckOptions, check_file

    prof = tmp_path / "prov.yaml"
    prof.write_text("""name: prov
source: 某省自评表模板（示例）
overrides:
  E403:
    options: {split: {产出指标: 50, 效益指标: 30, 满意度指标: 10}}
""", encoding="utf-8")
    path = tmp_path / "self_eval.txt"
    path.write_text(FORM.format(w1=35, w2=20, w3=25, note=""), encoding="utf-8")
    found = [f for f in check_file(str(path), load_pack(profile=str(prof)), CheckOptions()).findings
             if f.code == "E403"]
    assert sorted(f.data["level1"] for f in found) == ["产出指标", "效益指标"]
    assert all(f.message["zh"].startswith("按本地模板") for f in found)


def test_s101_on_a_self_evaluation_without_benefit_indicators(tmp_path: Path):
    path = tmp_path / "self_eval.txt"
    text = FORM.format(w1=30, w2=20, w3=30, note="").replace("效益指标\t社会效益指标\t夜间出行便利\t定性\t改善\t\t改善\t30\t30\t\n", "")
    path.write_text(text, encoding="utf-8")
    assert [(f.code, f.data.get("level1")) for f in check_path(path) if f.code == "S101"] == [("S101", "效益指标")]
