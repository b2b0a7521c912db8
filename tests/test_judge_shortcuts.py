"""The post-processing of a filing's findings (checker/pipeline.py judge) skips what has nothing
to do (issue 14, sixth round): no X902, no table-content finding dropped; no X903 group of three,
nothing folded; no --select/--ignore, nothing filtered. Each gives what the whole computation gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.layout.cutoff import CUT_OFF
from checker.layout.untitled import CUT_START
from checker.model import Filing, Finding, Form, Indicator, Place
from checker.pipeline import CheckOptions, _drop_cascade_on_unread_tables, judge
from checker.rules import doubts
from checker.rules.doubts import fold_doubts, fold_label_cascade


def reference_fold(findings, min_count=3):
    """fold_doubts as it was: each finding's group looked up again in a second pass."""
    groups: dict = {}
    for f in findings:
        if f.code == "X903":
            groups.setdefault((str(f.data.get("rule", "")), str(f.data.get("doubt", ""))), []).append(f)
    out = []
    for f in findings:
        group = groups.get((str(f.data.get("rule", "")), str(f.data.get("doubt", "")))) if f.code == "X903" else None
        if group is None or len(group) < min_count:
            out.append(f)
        elif f is group[0]:
            out.append(doubts._folded(group))
    return out


def reference_drop(findings):
    """_drop_cascade_on_unread_tables as it was: the three sets built whatever the findings."""
    from checker.pipeline import _HEADER_RULES, _SHORT_OF_BUDGET, _TABLE_CONTENT_RULES, _WHOLE_TABLE_RULES

    unread = {f.form for f in findings if f.code == "X902" and f.form}
    cut = {f.form for f in findings if f.code == "X902" and f.form and f.data.get("cut") in (CUT_OFF, CUT_START)}
    start = {f.form for f in findings if f.code == "X902" and f.form and f.data.get("cut") == CUT_START}
    findings = [f for f in findings if not (f.form in start and f.data.get("rule") in _HEADER_RULES)]
    return [f for f in findings if not (f.form in unread and f.code in _TABLE_CONTENT_RULES)
            and not (f.form in cut and (f.code in _WHOLE_TABLE_RULES or (f.code, f.variant) in _SHORT_OF_BUDGET))]


@st.composite
def findings(draw):
    out = []
    for _ in range(draw(st.integers(0, 14))):
        code = draw(st.sampled_from(["X903", "X903", "X902", "S101", "E403", "M303", "S111", "V201"]))
        data = draw(st.fixed_dictionaries({}, optional={
            "rule": st.sampled_from(["S111", "V207", "S114"]), "doubt": st.sampled_from(["name_cut", "row_shifted"]),
            "cut": st.sampled_from([CUT_OFF, CUT_START, "other"])}))
        out.append(Finding(code, "info", {"zh": "甲：原因", "en": "a: reason"}, form=draw(st.sampled_from([None, "f#1", "f#2"])),
                           indicator=draw(st.sampled_from([None, ["产出指标", "数量指标", "完成数"]])),
                           place=Place(draw(st.integers(1, 50)), 1), data=data,
                           variant=draw(st.sampled_from([None, "below", "above"]))))
    if out and draw(st.booleans()):
        out.append(out[0])  # the same finding twice
    return out


@settings(deadline=None)
@given(findings(), st.integers(1, 4))
def test_fold_doubts_folds_what_the_second_lookup_folded(found, min_count):
    assert fold_doubts(found, min_count) == reference_fold(found, min_count)


@settings(deadline=None)
@given(findings())
def test_findings_on_unread_tables_are_dropped_as_before(found):
    assert _drop_cascade_on_unread_tables(found) == reference_drop(found)


def test_a_lost_label_row_without_a_doubt_on_it_folds_nothing():
    """fold_label_cascade returns at once without a misplacement doubt; with one it still folds."""
    ind = Indicator("产出指标", "数量指标", "完成数", place=Place(5, 1), doubts=["labels_lost"])
    filing = Filing("a.txt", forms=[Form("f#1", "project_target", "表", Place(1, 1), indicators=[ind])])
    s103 = Finding("S103", "error", {"zh": "缺少", "en": "missing"}, form="f#1", place=Place(6, 1))
    assert fold_label_cascade([s103], filing) == [s103]
    doubt = Finding("X903", "info", {"zh": "甲", "en": "a"}, form="f#1", indicator=ind.path, place=Place(5, 1),
                    data={"doubt": "row_shifted", "rule": "S114"})
    assert [f.code for f in fold_label_cascade([s103, doubt], filing)] == ["X904", "X903"]


class _Pack:
    def __init__(self, found):
        self.found = found

    def check(self, filing, **_):
        return list(self.found)


@given(findings(), st.sampled_from([None, {"S1"}, {"X"}]), st.sampled_from([set(), {"X903"}, {"E4", "M"}]))
@settings(deadline=None)
def test_judge_keeps_every_finding_the_options_select(found, select, ignore):
    filing = Filing("a.txt", forms=[Form("f#1", "project_target", "表", Place(1, 1))])
    got = judge(filing, _Pack(found), CheckOptions(select=select, ignore=ignore))
    kept = [f for f in reference_drop(found) if (not select or any(f.code.startswith(s) for s in select))
            and not any(f.code.startswith(s) for s in ignore)]
    want = fold_doubts(fold_label_cascade(kept, filing))
    assert [(f.code, f.place, f.count) for f in got] == [(f.code, f.place, f.count) for f in want]
