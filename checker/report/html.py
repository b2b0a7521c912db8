"""An HTML page a filer can attach to a submission: self-contained, printable, no scripts.

Real HTML tables rather than a terminal capture, so CJK columns line up in any browser font
and the page prints on A4. Everything the filer wrote is escaped. No external assets: the
style sheet is inline, and nothing is fetched. Does not import rich.
"""

from __future__ import annotations

from html import escape

from checker import __version__
from checker.model import Finding, Form
from checker.report.result import FileResult, Report
from checker.report.summary import code_counts, sections, verdict
from checker.report.wording import SEVERITIES, form_heading, lang_of, message_of, say

STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;border-bottom:1px solid #999;margin-top:2em}
h3{font-size:1em;margin:1.2em 0 .3em}.dim{color:#777;font-weight:normal}
table{border-collapse:collapse;margin:.3em 0}td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}
th{background:#f3f3f3;text-align:left}.num{text-align:right}
.error .sev{color:#b00020;font-weight:bold}.warning .sev{color:#a66300}.info .sev{color:#00639b}
.waived td{color:#888}.verdict{font-weight:bold;font-size:1.1em}.fail{color:#b00020}.pass{color:#1b5e20}
table.row{font-size:.85em;margin-top:.3em}table.row td{background:#fafafa;max-width:18em;overflow-wrap:anywhere}
.unreadable{color:#b00020}
"""


def render_html(report: Report) -> str:
    """The whole report as one HTML document (a str, UTF-8 declared).

    Verdict first (what a reviewer reads first), then each file and form with its findings and
    the rows as filed, then the summary by rule code and severity. Language per ``report.lang``.
    """
    lang = lang_of(report.lang)
    passed, line = verdict(report)
    body = [
        f"<h1>{escape(say('report_title', lang))}</h1>",
        f'<p class="verdict {"pass" if passed else "fail"}">{escape(line)}</p>',
        *(_file(result, lang) for result in report.files),
        _summary(report, lang),
        f'<p class="dim">checker {escape(__version__)}</p>',
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n'
        f'<meta charset="utf-8">\n<title>{escape(say("report_title", lang))}</title>\n'
        f"<style>{STYLE}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _file(result: FileResult, lang: str) -> str:
    parts = [f"<section>\n<h2>{escape(result.path)}</h2>"]
    if result.error:
        parts.append(f'<p class="unreadable">✗ {escape(say("unreadable", lang))}: {escape(result.error)}</p>')
        return "\n".join(parts) + "\n</section>"
    shown, waived, clean = sections(result)
    if not result.forms and not result.findings:
        parts.append(f'<p class="dim">{escape(say("no_forms", lang))}</p>')
    elif not shown:
        parts.append(f'<p class="pass">✓ {escape(say("all_clean", lang, n=len(result.forms)))}</p>')
    for section in shown:
        parts.append(_heading(section.form, lang))
        parts.append(_findings(section.findings, lang))
    if clean and shown:
        parts.append(f'<p class="dim">{escape(say("clean_forms", lang, n=clean))}</p>')
    if waived:
        parts.append(f"<h3>{escape(say('waived', lang))} ({len(waived)})</h3>")
        parts.append(_findings(waived, lang, waived=True))
    return "\n".join(parts) + "\n</section>"


def _heading(form: Form | None, lang: str) -> str:
    if form is None:
        return f"<h3>{escape(say('document', lang))}</h3>"
    name, budget, details = form_heading(form, lang)
    budget = f" · {budget}" if budget else ""
    return (f"<h3>{escape(name + budget)} <span class=\"dim\">{escape(details)}</span></h3>")


def _findings(findings: list[Finding], lang: str, waived: bool = False) -> str:
    head = "".join(f"<th>{escape(say(k, lang))}</th>" for k in ("severity", "code", "place", "message"))
    rows = [f"<table>\n<tr>{head}</tr>"]
    for f in findings:
        css = "waived" if waived else f.severity
        detail = escape(message_of(f, lang))
        places = (f.data.get("places_zh" if lang == "zh" else "places") or f.data.get("places")
                  if f.count > 1 else None)
        if isinstance(places, list) and places:
            detail += f'<br><span class="dim">{escape(say("places", lang))} {escape(", ".join(map(str, places)))}</span>'
        if f.row_text.strip():
            detail += _row(f.row_text)
        rows.append(
            f'<tr class="{css}"><td class="sev">{escape(say(f.severity, lang))}</td>'
            f"<td>{escape(f.code)}</td><td>{escape(f.place.short(lang))}</td><td>{detail}</td></tr>"
        )
    return "\n".join(rows) + "\n</table>"


def _row(row_text: str) -> str:
    """The row as filed, one table cell per tab-separated cell; padding cells at the end dropped."""
    cells = row_text.rstrip("\r\n").split("\t")
    while len(cells) > 1 and not cells[-1].strip():
        cells.pop()
    tds = "".join(f"<td>{escape(c.strip())}</td>" for c in cells)
    return f'<table class="row"><tr>{tds}</tr></table>'


def _summary(report: Report, lang: str) -> str:
    counts = code_counts(report)
    if not counts:
        return ""
    keys = [*SEVERITIES, "waived"]
    head = "".join(f'<th class="num">{escape(say(k, lang))}</th>' for k in keys)
    rows = [f"<h2>{escape(say('summary', lang))}</h2>\n<table>\n<tr><th>{escape(say('code', lang))}</th>{head}</tr>"]
    for code, c in counts.items():
        cells = "".join(f'<td class="num">{c[k] or ""}</td>' for k in keys)
        rows.append(f"<tr><td>{escape(code)}</td>{cells}</tr>")
    totals = "".join(f'<td class="num">{sum(c[k] for c in counts.values())}</td>' for k in keys)
    rows.append(f"<tr><th>{escape(say('total', lang))}</th>{totals}</tr>")
    return "\n".join(rows) + "\n</table>"
