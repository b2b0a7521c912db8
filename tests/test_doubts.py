"""Reading doubts (X903) of one document fold into one finding per rule and doubt."""

from checker.model import Finding, Place
from checker.rules.doubts import fold_doubts


def doubt(name: str, line: int, form: str, rule: str = "S109") -> Finding:
    return Finding(
        code="X903", severity="info", form=form, indicator=["产出指标", "数量指标", name],
        place=Place(line=line, column=8),
        message={"zh": f"规则 {rule} 未判定“{name}”：指标名称可能被导出截断，请人工核对原表",
                 "en": f"rule {rule} not judged on '{name}': the indicator name may have been cut short by the export; check the original form"},
        data={"rule": rule, "doubt": "name_truncated"},
    )


def other(line: int) -> Finding:
    return Finding(code="M303", severity="error", form="f#2", place=Place(line=line),
                   message={"zh": "经济成本指标合计 327.71 万元超过年度资金总额 160 万元", "en": "above"})


def test_three_or_more_fold_into_one_at_the_first_place():
    findings = [doubt("扬尘污染防治视频监控", 694, "f#2"), other(700), doubt("扬尘污染防治视频监控", 695, "f#2"),
                doubt("丹河新城、南村镇生活垃圾分类转运站建设项目总", 653, "f#3")]
    folded = fold_doubts(findings)
    assert [f.code for f in folded] == ["X903", "M303"]
    x = folded[0]
    assert x.place.line == 694 and x.form is None and x.count == 2
    assert x.data["count"] == 3 and x.data["places"] == ["694:8", "695:8", "653:8"]
    assert "3 个指标" in x.message["zh"] and "扬尘污染防治视频监控、丹河新城" in x.message["zh"]
    assert "3 indicators" in x.message["en"]


def test_fewer_than_three_stay_as_they_are():
    findings = [doubt("A指标", 10, "f#1"), doubt("B指标", 11, "f#1", rule="S110")]
    assert fold_doubts(findings) == findings


def test_different_rules_fold_apart():
    findings = [doubt(f"名称{i}", i, "f#1") for i in range(3)] + [doubt(f"名称{i}", 20 + i, "f#1", "S110") for i in range(3)]
    folded = fold_doubts(findings)
    assert [f.data["rule"] for f in folded] == ["S109", "S110"]
