"""The page's own words in Chinese and English (the report's words are checker.report.wording)."""

from __future__ import annotations

from checker.report.wording import lang_of

WORDS: dict[str, dict[str, str]] = {
    "title": {"zh": "绩效表格合规检查", "en": "Performance form check"},
    "tagline": {"zh": "上传预算绩效目标表或绩效自评表，逐格查看每个问题。文件只在检查时读取，检查完即删除，不保存。",
                "en": "Upload a performance target or self-evaluation form and see every finding on its cell. "
                      "Files are read only for the check and deleted right after; nothing is kept."},
    "drop": {"zh": "把文件拖到这里，或点击选择文件", "en": "Drop files here, or click to choose"},
    "kinds": {"zh": "支持 .xlsx、.docx、.txt 及规范 .yaml/.json，可多选；每个文件不超过 {mb} MB",
              "en": ".xlsx, .docx, .txt and canonical .yaml/.json, several at once; at most {mb} MB per file"},
    "paste": {"zh": "或粘贴表格文字", "en": "or paste the form's text"},
    "paste_hint": {"zh": "从 Word、PDF 或网页复制的表格文字", "en": "the form's text copied from Word, PDF or a web page"},
    "profile": {"zh": "规则配置", "en": "Rule profile"},
    "baseline": {"zh": "基线规则", "en": "baseline rules"},
    "as_of": {"zh": "参数生效日期（可选）", "en": "Parameters as of (optional)"},
    "check": {"zh": "检查", "en": "Check"},
    "checking": {"zh": "正在检查…", "en": "Checking…"},
    "switch": {"zh": "English", "en": "中文"},
    "passed": {"zh": "通过", "en": "Passed"},
    "failed": {"zh": "将被退回", "en": "Would be sent back"},
    "not_checked": {"zh": "未能检查", "en": "Not checked"},
    "download": {"zh": "下载报告", "en": "Download the report"},
    "printable": {"zh": "可打印 HTML", "en": "printable HTML"},
    "unreadable": {"zh": "无法读取：", "en": "could not be read: "},
    "sheet": {"zh": "工作表：{name}", "en": "Sheet: {name}"},
    "outside_forms": {"zh": "表格之外的内容", "en": "outside the forms"},
    "no_findings": {"zh": "未发现问题", "en": "no findings"},
    "findings_list": {"zh": "问题列表", "en": "Findings"},
    "check_original": {"zh": "请核对原件", "en": "Please check the original"},
    "doubts_explained": {"zh": "以下内容检查器未能确定地读出，不算填报错误，请对照原件核对。",
                         "en": "The checker could not read these with certainty; they are not the filer's errors. "
                               "Check them against the original."},
    "not_on_cell": {"zh": "此问题不在某个单元格上", "en": "this finding is on no single cell"},
    "too_large": {"zh": "文件“{name}”超过 {mb} MB 的上传限制，未检查。请拆分文件或只上传需要检查的表格。",
                  "en": "The file “{name}” is over the {mb} MB upload limit and was not checked. "
                        "Split it or upload only the forms to check."},
    "too_large_total": {"zh": "这次上传的文件合计超过 {mb} MB，未检查。请分几次上传。",
                        "en": "The files of this upload add up to more than {mb} MB and were not checked. "
                              "Upload them a few at a time."},
    "bad_upload": {"zh": "上传内容无法识别，请重新选择文件后再试。", "en": "The upload could not be read; choose the files again."},
    "nothing": {"zh": "请先选择文件或粘贴表格文字。", "en": "Choose a file or paste a form's text first."},
    "bad_date": {"zh": "日期“{value}”无效，应为 YYYY-MM-DD，例如 2026-01-01。",
                 "en": "“{value}” is not a date; expected YYYY-MM-DD, e.g. 2026-01-01."},
    "bad_profile": {"zh": "没有名为“{value}”的规则配置。", "en": "There is no rule profile named “{value}”."},
    "pack_error": {"zh": "规则包无法加载：{error}", "en": "The rule pack could not be loaded: {error}"},
    # the indicator table's heading where a canonical filing is drawn (the forms' own words)
    "col_level1": {"zh": "一级指标", "en": "一级指标"},
    "col_level2": {"zh": "二级指标", "en": "二级指标"},
    "col_name": {"zh": "三级指标", "en": "三级指标"},
    "col_value": {"zh": "指标值", "en": "指标值"},
    "col_unit": {"zh": "度量单位", "en": "度量单位"},
    "col_value_type": {"zh": "指标值类型", "en": "指标值类型"},
    "col_actual": {"zh": "实际完成值", "en": "实际完成值"},
    "col_weight": {"zh": "分值", "en": "分值"},
    "col_score": {"zh": "得分", "en": "得分"},
    "rule": {"zh": "规则", "en": "Rule"},
    "no_rule": {"zh": "没有规则 {code}。", "en": "There is no rule {code}."},
    "source": {"zh": "依据", "en": "Source"},
    "severity": {"zh": "级别", "en": "Severity"},
    "applies": {"zh": "适用表格", "en": "Applies to"},
    "all_forms": {"zh": "所有表格", "en": "all forms"},
    "message_tpl": {"zh": "提示语", "en": "Message"},
    "examples": {"zh": "示例", "en": "Examples"},
    "expect_none": {"zh": "应无发现", "en": "no finding expected"},
    "expect": {"zh": "应报", "en": "expected"},
    "back": {"zh": "返回检查页", "en": "Back to the check page"},
    "not_found": {"zh": "页面不存在。", "en": "No such page."},
    "server_error": {"zh": "检查器内部出错，请把文件报告给维护者。", "en": "Internal error of the checker; please report the file."},
}


def word(key: str, lang: str, **fields: object) -> str:
    """The page phrase ``key`` in ``lang`` (zh fallback), its ``{placeholders}`` filled."""
    return WORDS[key][lang_of(lang)].format(**fields)
