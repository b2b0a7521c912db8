"""Errors a person can act on: ValueParseError, named explanations of common mistakes, and
the notes attached to values that parsed but were written in a doubtful way.

Each explanation has a name (stable, for tests and reports), a Chinese and an English text.
"""

from __future__ import annotations

import re

# Human names of the grammar's terminals, for "expected …" in messages.
TERMINAL_NAMES = {
    "NUMBER": "数字 number", "CN_NUMBER": "中文数字 Chinese numeral",
    "CN_PERCENT": "百分之九十", "UNIT": "单位 unit",
    "GE": "≥", "LE": "≤", "EQ": "=", "GT": ">", "LT": "<",
    "W_GE": "不低于 …", "W_BY": "不晚于 …", "W_LE": "不超过 …", "W_GT": "超过 …", "W_LT": "低于 …", "W_REACH": "达到 …",
    "SUFFIX": "以上/以下/以内", "APPROX": "约", "APPROX_AFTER": "左右", "DONE": "完成",
    "RANGE_SEP": "范围符 - 至", "LIST_SEP": "分隔符 , 、", "DATE_CN": "日期 2026年6月",
    "DATE_DOT": "日期 2025.10.23", "YM_DOT": "年月 2026.4", "MONTH_DAY": "月日 12月31日", "MONTH_SPAN": "月份范围 2026年1-12月",
    "SPAN": "季度/半年 第四季度", "XUN": "上旬/中旬/下旬", "AND": "且",
    "BEFORE": "前/底前", "YEAR_END": "年底前", "PERIOD_WORD": "每月/全年", "PERIOD_N": "一季度",
    "TIMES": "次", "TIMELY": "及时/按时", "SUBJECT": "文字 text", "$END": "结尾 end of value",
    "CHANGE": "增长/下降", "BASELINE": "较上年/同比", "LIMIT": "预算数/国家标准", "RATIO_SEP": "比号 :",
    "MEASURE": "pH", "HALF": "半年", "CURRENCY": "¥",
}

# Named explanations of parse errors: (name, pattern on the raw text, zh, en).
EXPLANATIONS: list[tuple[str, re.Pattern[str], str, str]] = [
    ("ideographic_full_stop", re.compile(r"[0-9]。[0-9]"),
     "小数点写成了句号“。”，应为“.”", "an ideographic full stop 。 stands for the decimal point"),
    ("letter_for_digit", re.compile(r"[0-9][OolI]|[OolI][0-9]|[≥≤=<>][OolI]"),
     "数字中混有字母 O/l/I（常见于识别错误），应为 0 或 1",
     "a letter O, l or I inside a number (an OCR error?): use 0 or 1"),
    ("double_comparator", re.compile(r"[≥≤≧≦=＝><＞＜]\s*[≥≤≧≦]|[≥≤≧≦]\s*[=＝><＞＜]"),
     "比较符号重复，只写一个：≥ ≤ = > <", "two comparators in a row: write one of ≥ ≤ = > <"),
    ("comparator_after_number", re.compile(r"^[\s0-9.,%％]++[^\s0-9]*\s*[≥≤≧≦=＝><＞＜]"),  # ++: linear on long runs
     "比较符号应写在数字前，如 ≥95%", "the comparator belongs before the number, as in ≥95%"),
    ("decimal_comma", re.compile(r"[0-9][,，][0-9]{1,2}(?![0-9])"),
     "逗号不能作小数点，千分位须每三位一组", "a comma is not a decimal point; thousands groups have three digits"),
    ("missing_number", re.compile(r"^[\s≥≤≧≦=＝><＞＜]+(?:[^0-9０-９一二两三四五六七八九十\s]|$)"),
     "比较符号后缺少数字", "a number is missing after the comparator"),
    ("open_range", re.compile(r"[-~—–－至到]\s*$"),
     "范围缺少上限", "the range has no upper end"),
]

# Notes on values that parsed but were written in a doubtful way (kept on Quantity.notes).
NOTES = {
    "ocr_ge_as_2": ("“2xx%”可能是“≥xx%”被识别错误（≥ 读成 2）",
                    "'2xx%' may be '≥xx%' damaged by OCR (≥ read as 2)"),
    "unit_missing": ("数值没有单位；比率应写 %", "the number has no unit; a rate needs %"),
    "unit_conflict": ("指标值中的单位与度量单位列不一致", "the unit in the value disagrees with the unit column"),
    "day_synonym": ("“日”与“天”是同一单位（日）", "日 and 天 are the same unit (日)"),
    "workday_vs_day": ("“工作日”与“日/天”不是同一单位", "工作日 (working days) is not 日/天 (calendar days)"),
    "unit_with_text": ("单位后带有文字，只按已知单位读取", "text follows the unit; only the known unit was read"),
    "unknown_unit": ("单位不在单位表中（rules/units.yaml）", "the unit is not in the units table (rules/units.yaml)"),
    "comparator_conflict": ("指标值中的比较符与指标值类型列不一致",
                            "the comparator in the value disagrees with the value-type column"),
    "fullwidth": ("全角数字或字母已按半角读取", "full-width digits or letters were read as ASCII"),
    "spaced_digits": ("数字之间有空格（常见于 PDF 导出），已连起来读取",
                      "spaces between the digits (a PDF export?) were removed"),
    "percent_as_fraction": ("单位列为 %，数值却小于1（如 0.95），可能是电子表格以小数存储的百分比（95%）",
                            "the unit column says % but the number is below 1 (0.95): perhaps a "
                            "spreadsheet's percentage stored as a fraction (95%)"),
}


class ValueParseError(ValueError):
    """A 指标值 that looks quantitative but does not parse (rule V211).

    ``text`` the value as written; ``column`` 1-based position in code points; ``expected`` a
    list of human-readable token names; ``hint`` the name of a known mistake (see EXPLANATIONS)
    or None; ``message_zh`` / ``message_en`` name all of that.
    """

    def __init__(self, text: str, column: int, expected: list[str], hint: str | None = None):
        self.text = text
        self.column = column
        self.expected = expected
        self.hint = hint
        zh_hint, en_hint = _hint_texts(hint)
        want = "、".join(expected) if expected else "—"
        found = text[column - 1] if 0 < column <= len(text) else "结尾"
        self.message_zh = f"指标值“{text}”第 {column} 个字符（“{found}”）无法识别，应为：{want}" + (
            f"。{zh_hint}" if zh_hint else "")
        found_en = text[column - 1] if 0 < column <= len(text) else "end of value"
        self.message_en = (f"cannot read value {text!r} at column {column} ({found_en!r}); "
                           f"expected: {', '.join(expected) or '-'}") + (f". {en_hint}" if en_hint else "")
        super().__init__(f"{self.message_zh} / {self.message_en}")


def _hint_texts(hint: str | None) -> tuple[str, str]:
    for name, _, zh, en in EXPLANATIONS:
        if name == hint:
            return zh, en
    if hint in NOTES:
        return NOTES[hint]
    return "", ""


def explain(text: str) -> str | None:
    """The name of the first known mistake the text shows, or None."""
    for name, pattern, _, _ in EXPLANATIONS:
        if pattern.search(text):
            return name
    return None


def note_text(name: str, lang: str = "zh") -> str:
    """The explanation of a note name in ``lang`` (zh or en)."""
    zh, en = NOTES.get(name, ("", ""))
    return en if lang == "en" else zh
