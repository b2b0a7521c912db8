"""The words every renderer shares, in Chinese and English, and how values are shown.

Kept free of rich so that the JSON and SARIF renderers start fast. A language other than
``zh``/``en`` falls back to ``zh`` (the filer's language), as ``Finding.text`` does.
"""

from __future__ import annotations

from checker.model import Finding, Form, Money

PHRASES: dict[str, dict[str, str]] = {
    "error": {"zh": "错误", "en": "error"},
    "warning": {"zh": "警告", "en": "warning"},
    "info": {"zh": "提示", "en": "info"},
    "waived": {"zh": "已豁免", "en": "waived"},
    "document": {"zh": "整个文件", "en": "whole document"},
    "in_forms": {"zh": "（{n} 张表相同）", "en": " (same in {n} forms)"},
    "clean_forms": {"zh": "另有 {n} 张表未发现问题", "en": "{n} more forms with no findings"},
    "all_clean": {"zh": "{n} 张表均未发现问题", "en": "no findings in {n} forms"},
    "no_forms": {"zh": "未识别出表格", "en": "no forms recognised"},
    "unreadable": {"zh": "无法读取", "en": "could not be read"},
    "budget": {"zh": "预算", "en": "budget"},
    "code": {"zh": "规则", "en": "code"},
    "title": {"zh": "规则名称", "en": "rule"},
    "total": {"zh": "合计", "en": "total"},
    "summary": {"zh": "汇总", "en": "Summary"},
    "files": {"zh": "文件", "en": "files"},
    "forms": {"zh": "张表", "en": "forms"},
    "findings": {"zh": "项问题", "en": "findings"},
    "place": {"zh": "位置", "en": "place"},
    "places": {"zh": "出现于", "en": "at"},
    "message": {"zh": "说明", "en": "message"},
    "row": {"zh": "原表行", "en": "row as filed"},
    "severity": {"zh": "级别", "en": "severity"},
    "report_title": {"zh": "绩效表格合规检查报告", "en": "Performance form compliance report"},
    "verdict_fail": {"zh": "将被退回", "en": "would be sent back"},
    "verdict_ok": {"zh": "没有错误", "en": "no errors"},
    "verdict_ok_at": {"zh": "没有达到“{sev}”级别的问题", "en": "nothing at {sev} level"},
    "files_unreadable": {"zh": "{n} 个文件无法读取", "en": "{n} file(s) could not be read"},
    "verdict_incomplete": {"zh": "无法完成检查", "en": "the check could not be completed"},
    "files_incomplete": {"zh": "{n} 个文件有部分内容未能读取", "en": "{n} file(s) read only in part"},
    "alike_infos": {"zh": "同类提示另有 {n} 处：", "en": "{n} more like this at "},
    "brief_hint": {"zh": "逐条查看问题：checker check 文件名，或加 --full",
                   "en": "each finding with its place: checker check FILE, or add --full"},
}

KIND_NAMES: dict[str, dict[str, str]] = {
    "project_target": {"zh": "项目支出绩效目标表", "en": "project target form"},
    "department_target": {"zh": "部门整体支出绩效目标表", "en": "department target form"},
    "project_self_eval": {"zh": "项目支出绩效自评表", "en": "project self-evaluation form"},
    "department_self_eval": {"zh": "部门整体支出绩效自评表", "en": "department self-evaluation form"},
    "budget_table": {"zh": "部门预算公开表", "en": "budget disclosure table"},
}

# Counted nouns in each language: "3 个错误" / "3 errors".
_COUNTED = {
    "zh": {"error": "{n} 个错误", "warning": "{n} 个警告", "info": "{n} 条提示", "waived": "{n} 项已豁免"},
    "en": {"error": "{n} error{s}", "warning": "{n} warning{s}", "info": "{n} info", "waived": "{n} waived"},
}

SEVERITIES = ("error", "warning", "info")


def lang_of(lang: str | None) -> str:
    """``zh`` or ``en``; anything else falls back to ``zh``."""
    return lang if lang in ("zh", "en") else "zh"


def say(key: str, lang: str, **fields: object) -> str:
    """The phrase ``key`` in ``lang`` with its ``{placeholders}`` filled."""
    return PHRASES[key][lang_of(lang)].format(**fields)


def counted(severity: str, n: int, lang: str) -> str:
    """``3 个错误`` / ``3 errors``; ``severity`` is error, warning, info or waived."""
    return _COUNTED[lang_of(lang)][severity].format(n=n, s="" if n == 1 else "s")


def kind_name(kind: str, lang: str) -> str:
    """The form kind as filers call it (项目支出绩效目标表 …); unknown kinds as given."""
    return KIND_NAMES.get(kind, {}).get(lang_of(lang), kind)


def money_text(money: Money | None) -> str:
    """An amount as written in the form, with its unit: ``1,600,000 元``, ``3531.93 万元``."""
    if money is None:
        return ""
    shown = money.raw.strip() or format(money.amount, ",")
    return f"{shown} {money.unit}"


def message_of(finding: Finding, lang: str) -> str:
    """The finding's message in ``lang`` (zh fallback), with "same in N forms" when grouped (a
    rule's own document message, ``per_document``, says how many forms itself)."""
    text = finding.text(lang_of(lang))
    if finding.count > 1 and not finding.per_document:
        text += say("in_forms", lang, n=finding.count)
    return text


def form_heading(form: Form, lang: str) -> tuple[str, str, str]:
    """How a form is named in a report: (name, budget, details).

    ``name`` is the project/department name (else the title); ``budget`` is ``预算 1,600,000 元``
    or empty; ``details`` joins the title, the kind (left out where the title already says it)
    and the form's place: ``泽州县…项目支出绩效目标表 · 1002:1``.
    """
    name = form.name or form.title or kind_name(form.kind, lang)
    budget = f"{say('budget', lang)} {money_text(form.budget)}" if form.budget else ""
    kind = kind_name(form.kind, lang)
    title = form.title if form.title != name else ""
    where = form.place.short(lang)
    details = [p for p in (title, "" if kind in title else kind, "" if where == "-" else where) if p]
    return name, budget, " · ".join(details)
