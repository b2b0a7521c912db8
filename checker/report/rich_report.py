"""The terminal report (rich): per file and form, each finding with its row as filed.

Layout, at any width from 60 columns up::

    ── 003.txt ─────────────────────────────────────────────
     北环路…后期养护经费 · …项目支出绩效目标表 · 预算 1,600,000 元   1026
      错误  M303  1026:2  经济成本指标合计 327.71 万元，与年度资金总额…
                          │  │ 成本指标 │ 养护费用 │ 327.71万元 │ …
     另有 58 张表未发现问题
    汇总 (code × severity) … then the verdict line.

All user text goes in as ``rich.text.Text``, never as markup: a filer's 【2024】 or [注] must
print as written. Widths are terminal cells (CJK = 2), so rows are cut with … where they
would wrap.
"""

from __future__ import annotations

from collections import Counter

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text as _RichText

from checker.model import Finding, Form
from checker.report.printable import printable
from checker.report.result import FileResult, Report
from checker.report.summary import code_counts, sections, verdict
from checker.report.wording import SEVERITIES, counted, form_heading, lang_of, message_of, say



class Text(_RichText):
    """rich's Text with every string that goes in passed through ``printable``: all text of this
    report is built from it, so no cell's control characters reach the terminal (and, as with
    rich's Text, no markup in a cell is interpreted)."""

    def __init__(self, text: str = "", *args, **kwargs):
        super().__init__(printable(text), *args, **kwargs)

    def append(self, text, style=None):
        return super().append(printable(text) if isinstance(text, str) else text, style)


STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan", "waived": "dim"}


def render_rich(report: Report, console: Console, brief: bool = False) -> None:
    """Print ``report`` on ``console``: files, forms, findings, summary table, verdict.

    ``brief`` prints one line per file instead of the findings (a ``--quiet`` mode), and a last
    line saying how to see them. Messages
    are in ``report.lang`` (zh fallback). Never raises on a well-formed Report.
    """
    lang = lang_of(report.lang)
    for result in report.files:
        if brief:
            console.print(_file_line(result, lang))
        else:
            _render_file(result, console, lang)
    counts = code_counts(report)
    if counts:
        console.print()
        console.print(_summary_table(counts, lang, report.titles))
    passed, line = verdict(report)
    console.print(Text(line, style="bold green" if passed else "bold red"))
    if brief and any(r.findings for r in report.files):  # where the detail is, for a first run
        console.print(Text(say("brief_hint", lang), style="dim"))


def _file_line(result: FileResult, lang: str) -> Text:
    """``✗ path — 3 个错误，1 个警告`` / ``✓ path``: the brief mode's line for one file."""
    if result.error:
        return Text.assemble(("✗ ", "bold red"), (result.path, "bold"), f" — {say('unreadable', lang)}: {result.error}")
    live = [f for f in result.findings if not f.waived]
    parts = [counted(sev, n, lang) for sev in SEVERITIES if (n := sum(f.severity == sev for f in live))]
    if result.incomplete:  # fail closed: never a ✓ for a file read only in part
        parts.insert(0, say("verdict_incomplete", lang))
    failed = result.incomplete or any(f.severity == "error" for f in live)
    mark = ("✗ ", "bold red") if failed else ("✓ ", "bold green")
    sep = "，" if lang == "zh" else ", "
    return Text.assemble(mark, (result.path, "bold"), f" — {sep.join(parts)}" if parts else "")


def _render_file(result: FileResult, console: Console, lang: str) -> None:
    console.rule(Text(result.path, style="bold"), align="left")
    if result.error:
        # One unwrapped line: the message names the file and place, and scripts grep for it.
        console.print(Text.assemble(("✗ ", "bold red"), f"{say('unreadable', lang)}: {result.error}"), soft_wrap=True)
        return
    shown, waived, clean = sections(result)
    if not result.forms and not result.findings:
        console.print(Text(say("no_forms", lang), style="dim"))
    elif not shown:
        console.print(Text("✓ " + say("all_clean", lang, n=len(result.forms)), style="green"))
    for section in shown:
        console.print(_heading(section.form, lang))
        console.print(_findings_grid(section.findings, lang, collapse=True))
    if clean and shown:
        console.print(Text(say("clean_forms", lang, n=clean), style="dim"))
    if waived:
        console.print(Text(f"{say('waived', lang)} ({len(waived)})", style="dim bold"))
        console.print(_findings_grid(waived, lang, dim=True))


def _heading(form: Form | None, lang: str) -> Text:
    """A form's name and budget in bold, then its title, kind and place dimmed."""
    if form is None:
        return Text.assemble("\n", (say("document", lang), "bold"))
    name, budget, details = form_heading(form, lang)
    return Text.assemble("\n", (name, "bold"), ("  " + budget if budget else "", "bold"), "\n", (details, "dim"))


# A form's info findings of one code, from this many on, print as one row: the first with its
# row as filed, then where the others are (a blank cost line allowed, a legacy ≧ glyph: a filer
# needs to know it once per form, not read it ten times; JSON and SARIF keep every one).
COLLAPSE_INFOS_FROM = 3


def _collapsed(findings: list[Finding]) -> list[tuple[Finding, list[Finding]]]:
    """Each finding shown, with the alike info findings (same code, same section) it stands for."""
    def alike(f: Finding) -> bool:
        return f.severity == "info" and f.count == 1
    many = Counter(f.code for f in findings if alike(f))
    rows: list[tuple[Finding, list[Finding]]] = []
    others: dict[str, list[Finding]] = {}
    for f in findings:
        if alike(f) and many[f.code] >= COLLAPSE_INFOS_FROM:
            if f.code in others:
                others[f.code].append(f)
                continue
            others[f.code] = []
            rows.append((f, others[f.code]))
        else:
            rows.append((f, []))
    return rows


def _findings_grid(findings: list[Finding], lang: str, dim: bool = False, collapse: bool = False) -> Table:
    """One row per finding: severity, code, place, then message over the row as filed;
    ``collapse``: repeated info findings of a code as one row (``COLLAPSE_INFOS_FROM``)."""
    grid = Table.grid(padding=(0, 1), pad_edge=True)
    grid.add_column(no_wrap=True)  # severity
    grid.add_column(no_wrap=True)  # code
    grid.add_column(max_width=18, overflow="fold")  # place: sheet names can be long
    grid.add_column(ratio=1, overflow="fold")  # message and row: CJK runs have no spaces to wrap at
    for finding, alike in _collapsed(findings) if collapse else [(f, []) for f in findings]:
        style = "dim" if dim else STYLES[finding.severity]
        body: list[Text] = [Text(message_of(finding, lang), style="dim" if dim else "")]
        if finding.row_text.strip():
            body.append(_row_text(finding.row_text))
        places = (finding.data.get("places_zh" if lang == "zh" else "places") or finding.data.get("places")
                  if finding.count > 1 else None)
        if isinstance(places, list) and places:  # a grouped finding: where each form has it
            body.append(Text(f"{say('places', lang)} " + ", ".join(map(str, places)),
                             style="dim", no_wrap=True, overflow="ellipsis"))
        if alike:
            body.append(Text(say("alike_infos", lang, n=len(alike)) + ", ".join(f.place.short(lang) for f in alike),
                             style="dim", no_wrap=True, overflow="ellipsis"))
        grid.add_row(
            Text(say(finding.severity, lang), style=style),
            Text(finding.code, style="dim" if dim else "bold"),
            Text(finding.place.short(lang), style="dim"),
            Group(*body),
        )
    return grid


def _row_text(row: str) -> Text:
    """The offending row as it stood: tab-separated cells between │, cut with … at the edge.

    Empty cells stay (merged cells shift a row's cells, and the filer should see where);
    empty cells at the end are dropped, they only pad the export.
    """
    cells = row.rstrip("\r\n").split("\t")
    while len(cells) > 1 and not cells[-1].strip():
        cells.pop()
    shown = "│ " + " │ ".join(c.strip() for c in cells) + " │" if len(cells) > 1 else row.strip()
    return Text(shown, style="dim", no_wrap=True, overflow="ellipsis")


def _summary_table(counts: dict, lang: str, titles: dict | None = None) -> Table:
    """Counts by rule code and severity, waived apart, with a total row; each code with its
    rule's title when ``titles`` has it (a reader should not need the catalogue to read it)."""
    with_waived = any(c["waived"] for c in counts.values())
    columns = [*SEVERITIES, "waived"] if with_waived else list(SEVERITIES)
    table = Table(title=say("summary", lang), title_justify="left", box=box.SIMPLE_HEAD,
                  show_footer=True, pad_edge=False)
    table.add_column(say("code", lang), footer=say("total", lang))
    for key in columns:
        total = sum(c[key] for c in counts.values())
        table.add_column(say(key, lang), justify="right", footer=str(total),
                         style=STYLES[key] if key != "error" else "red")
    if titles:
        table.add_column(say("title", lang), footer="", overflow="fold", ratio=1)
    for code, c in counts.items():
        title = (titles or {}).get(code) or {}
        extra = [Text(title.get(lang) or title.get("zh", ""), style="dim")] if titles else []
        table.add_row(code, *[str(c[key]) if c[key] else "·" for key in columns], *extra)
    return table
