"""The HTML page a filer attaches: self-contained, escaped, with the same findings as the terminal."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from checker.model import Finding, Place
from checker.report.html import render_html
from checker.report.result import FileResult, Report
from test_report_samples import sample_report

VOID = {"meta", "br"}
ALLOWED = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "section",
           "table", "tr", "th", "td", "br", "span"}


class Collect(HTMLParser):
    """Tags, attributes and text of a page, checking that every element is closed."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Collect:
    parser = Collect()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    return parser


def test_page_is_self_contained_and_well_formed():
    page = render_html(sample_report())
    parsed = parse(page)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
    assert '<meta charset="utf-8">' in page
    assert "script" not in parsed.tags and "link" not in parsed.tags and "img" not in parsed.tags
    assert not [v for k, v in parsed.attrs if k in ("src", "href")]


def test_page_holds_verdict_findings_rows_and_summary():
    text = "".join(parse(render_html(sample_report())).text)
    assert "✗ 1 个文件无法读取，2 个错误，1 个警告，2 条提示，1 项已豁免 — 将被退回" in text
    assert "北环路生态绿化品质提升工程后期养护经费 · 预算 1,600,000 元" in text
    assert "经济成本指标合计 327.71 万元" in text and "1026:12" in text
    assert "327.71万元" in text  # the row as filed, one table cell per form cell
    assert "（3 张表相同）" in text and "目标表!D25" in text and "已豁免 (1)" in text
    assert "汇总" in text


def test_row_cells_become_table_cells():
    page = render_html(sample_report())
    assert "<td></td><td>成本指标</td><td>养护费用</td><td>327.71万元</td>" in page


def test_english_page():
    page = render_html(sample_report("en"))
    assert '<html lang="en">' in page and "would be sent back" in page


@given(st.text(max_size=60), st.text(max_size=60))
def test_filer_text_is_escaped(message, row):
    finding = Finding("S108", "error", {"zh": message}, place=Place(2, 1), row_text=row)
    parsed = parse(render_html(Report([FileResult("<a>.txt", findings=[finding])])))
    assert set(parsed.tags) <= ALLOWED  # nothing the filer wrote became a tag
    text = "".join(parsed.text)
    assert message in text and "<a>.txt" in text
