"""Waivers: matching by code, form and indicator; expired and unused waivers reported."""

from __future__ import annotations

from datetime import date

import pytest

from checker.errors import RulePackError
from checker.filing import form_from_dict
from checker.model import Filing, Finding
from checker.rules import apply_waivers, load_waivers

FORM = form_from_dict({"kind": "project_target", "header": {
    "project_name": {"label": "项目名称", "raw": "北环路生态绿化品质提升工程后期养护经费"}}}, "003.txt#12")
FILING = Filing("003.txt", [FORM])


def _m303() -> Finding:
    return Finding("M303", "error", {"zh": "超预算", "en": "above"}, form="003.txt#12",
                   indicator=["成本指标", "", "养护费用"])


def _waivers(tmp_path, body: str):
    path = tmp_path / "waivers.yaml"
    path.write_text(body, encoding="utf-8")
    return load_waivers(path)


W = """waivers:
  - code: M303
    form: 北环路生态绿化品质提升工程后期养护经费
    indicator: 养护费用
    reason: 养护费用含上年结转，已经预算股审核
    approved_by: 县财政局预算股
    expires: "{expires}"
"""


def test_live_waiver_marks_the_finding_waived(tmp_path):
    ws = _waivers(tmp_path, W.format(expires="2026-12-31"))
    out = apply_waivers([_m303()], ws, date(2026, 3, 1), filing=FILING)
    assert len(out) == 1 and out[0].waived and out[0].data["approved_by"] == "县财政局预算股"


def test_expired_waiver_waives_nothing_and_is_reported(tmp_path):
    ws = _waivers(tmp_path, W.format(expires="2025-12-31"))
    out = apply_waivers([_m303()], ws, date(2026, 3, 1), filing=FILING)
    assert [(f.code, f.waived) for f in out] == [("M303", False), ("X911", False)]
    assert out[1].place.line == 2


def test_unused_waiver_is_reported(tmp_path):
    ws = _waivers(tmp_path, W.format(expires="2026-12-31").replace("养护费用\n", "绿化费用\n"))
    out = apply_waivers([_m303()], ws, date(2026, 3, 1), filing=FILING)
    assert [(f.code, f.waived) for f in out] == [("M303", False), ("X912", False)]


def test_waiver_file_errors_are_located(tmp_path):
    with pytest.raises(RulePackError) as info:
        _waivers(tmp_path, W.format(expires="2026-12-31").replace("approved_by", "aproved_by").replace('"2026-12-31"', "2026-12-31"))
    text = "\n".join(info.value.problems)
    assert "unquoted date" in text and "did you mean 'approved_by'?" in text


def test_form_level_finding_matches_an_indicator_its_data_names(tmp_path):
    ws = _waivers(tmp_path, W.format(expires="2026-12-31"))
    total = Finding("M303", "error", {"zh": "超预算"}, form="003.txt#12", data={"parts": "养护费用 327.71"})
    other = Finding("M303", "error", {"zh": "超预算"}, form="003.txt#12", data={"parts": "绿化费用 12"})
    out = apply_waivers([total, other], ws, date(2026, 3, 1), filing=FILING)
    assert [f.waived for f in out] == [True, False]
