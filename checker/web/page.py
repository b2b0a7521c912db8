"""The HTML of the page: the shell, the upload form, the result and the rule pages.

No inline script and no inline style (the Content-Security-Policy forbids both): behaviour is
/static/app.js, looks are /static/app.css, both served by the app. Every text that comes from a
file, a rule or the request is HTML-escaped.
"""

from __future__ import annotations

import base64
import json
from datetime import date
from html import escape

from checker import __version__
from checker.report.result import Report
from checker.report.summary import verdict
from checker.report.wording import kind_name, say
from checker.web.view import render_file
from checker.web.words import word


def shell(body: str, lang: str, title: str | None = None, here: str = "/") -> str:
    """A whole page around ``body`` (HTML), with the header and the language switch to the same
    page (``here``, a path of this app) in the other language."""
    other = "en" if lang == "zh" else "zh"
    title = title or word("title", lang)
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{escape(title)}</title>\n'
        '<link rel="stylesheet" href="/static/app.css">\n<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">\n<script src="/static/app.js" defer></script>\n'
        f'</head>\n<body>\n<header class="top"><a class="home" href="/?lang={lang}">{escape(word("title", lang))}</a>'
        f'<a class="lang" id="lang-switch" href="{escape(here)}?lang={other}" hreflang="{other}">{escape(word("switch", lang))}</a>'
        f"</header>\n<main>\n{body}\n</main>\n"
        f'<footer class="dim">checker {escape(__version__)}</footer>\n</body>\n</html>\n'
    )


def upload_form(lang: str, profiles: list[str], limit_mb: float, chosen: dict | None = None) -> str:
    """The form: drop zone and file input, pasted text, profile and as-of date."""
    chosen = chosen or {}
    options = [f'<option value="">{escape(word("baseline", lang))}</option>']
    for name in profiles:
        sel = " selected" if chosen.get("profile") == name else ""
        options.append(f'<option value="{escape(name)}"{sel}>{escape(name)}</option>')
    as_of = escape(chosen.get("as_of") or "")
    mb = _mb(limit_mb)
    return f"""<form id="check-form" method="post" action="/check?lang={lang}" enctype="multipart/form-data">
<input type="hidden" name="lang" value="{lang}">
<label class="drop" id="drop" for="file">
<span class="drop-title">{escape(word("drop", lang))}</span>
<span class="dim">{escape(word("kinds", lang, mb=mb))}</span>
<input type="file" id="file" name="file" multiple accept=".xlsx,.xlsm,.docx,.docm,.txt,.csv,.tsv,.yaml,.yml,.json">
<span id="chosen" class="chosen"></span>
</label>
<details class="paste"{" open" if chosen.get("text") else ""}><summary>{escape(word("paste", lang))}</summary>
<textarea name="text" rows="8" placeholder="{escape(word("paste_hint", lang))}">{escape(chosen.get("text") or "")}</textarea>
</details>
<div class="options">
<label>{escape(word("profile", lang))} <select name="profile">{"".join(options)}</select></label>
<label>{escape(word("as_of", lang))} <input type="date" name="as_of" value="{as_of}"></label>
<button type="submit" id="submit">{escape(word("check", lang))}</button>
<span id="status" class="dim" role="status" data-busy="{escape(word("checking", lang))}"></span>
</div>
</form>"""


def _mb(limit_mb: float) -> str:
    return f"{limit_mb:g}"


def result_html(report: Report, downloads: dict[str, str], lang: str) -> str:
    """The result: the verdict with its counts, the downloads, then every file drawn with its
    findings. ``downloads`` maps json/sarif/html to the rendered report text."""
    passed, line = verdict(report)
    readable = any(not r.error for r in report.files)
    state = "pass" if passed else ("fail" if readable or report.failed() else "unread")
    badge = {"pass": "passed", "fail": "failed", "unread": "not_checked"}[state]
    files = "\n".join(render_file(r, n, lang) for n, r in enumerate(report.files))
    return (
        f'<div id="result">\n<div class="verdict {state}" id="verdict">'
        f'<span class="badge">{escape(word(badge, lang))}</span> '
        f'<span class="counts">{escape(line)}</span></div>\n{_downloads(downloads, lang)}\n{files}\n</div>'
    )


_TYPES = {"json": ("application/json", "json"), "sarif": ("application/sarif+json", "sarif"),
          "html": ("text/html", "html")}


def _downloads(downloads: dict[str, str], lang: str) -> str:
    """Links that download the report; the content travels in the link (data: URL), since the
    server keeps nothing to fetch it from later."""
    stamp = date.today().isoformat()
    links = []
    for key, text in downloads.items():
        mime, ext = _TYPES[key]
        data = base64.b64encode(text.encode("utf-8")).decode("ascii")
        label = "JSON" if key == "json" else "SARIF" if key == "sarif" else word("printable", lang)
        links.append(f'<a class="dl" id="dl-{key}" download="checker-report-{stamp}.{ext}" '
                     f'href="data:{mime};charset=utf-8;base64,{data}">{escape(label)}</a>')
    return f'<p class="downloads">{escape(word("download", lang))}：{" ".join(links)}</p>'


def message_html(text: str, lang: str) -> str:
    """A result block that is only a message (an upload over the limit, a bad date …)."""
    return (f'<div id="result">\n<div class="verdict unread" id="verdict" role="alert">'
            f'<span class="badge">{escape(word("not_checked", lang))}</span> '
            f'<span class="message">{escape(text)}</span></div>\n</div>')


def rule_page(code: str, rule, builtin: dict | None, lang: str) -> str:
    """The page of one rule (a rule file of the pack, or a code the layout/engine gives)."""
    back = f'<p><a href="/?lang={lang}">{escape(word("back", lang))}</a></p>'
    if rule is None and builtin is None:
        return back + f'<p class="unreadable">{escape(word("no_rule", lang, code=code))}</p>'
    if rule is None:
        return back + _builtin(code, builtin, lang)
    rows = [
        (word("severity", lang), say(rule.severity, lang)),
        (word("source", lang), rule.source),
        (word("applies", lang), "、".join(kind_name(k, lang) for k in rule.forms) or word("all_forms", lang)),
    ]
    desc = rule.description.get(lang) or rule.description.get("zh") or ""
    parts = [back, f"<h1>{escape(rule.code)} {escape(rule.title.get(lang) or rule.title.get('zh', ''))}</h1>",
             _dl(rows)]
    if desc:
        parts.append(f'<p class="desc">{escape(desc)}</p>')
    parts.append(f"<h2>{escape(word('message_tpl', lang))}</h2>")
    parts.append("<ul>" + "".join(f"<li>{escape(rule.message.get(k, ''))}</li>" for k in ("zh", "en")) + "</ul>")
    if rule.examples:
        parts.append(f"<h2>{escape(word('examples', lang))} ({len(rule.examples)})</h2>")
        parts.extend(_example(ex, lang) for ex in rule.examples)
    return "\n".join(parts)


def _builtin(code: str, data: dict, lang: str) -> str:
    title = data.get("title", {})
    help_ = data.get("help", {})
    rows = [(word("severity", lang), say(data.get("severity", "info"), lang)),
            (word("source", lang), data.get("source", ""))]
    return (f"<h1>{escape(code)} {escape(title.get(lang) or title.get('zh', ''))}</h1>\n{_dl(rows)}\n"
            f'<p class="desc">{escape(help_.get(lang) or help_.get("zh", ""))}</p>')


def _yaml(data) -> str:
    """An example as its rule file writes it (YAML), for a policy team reading the page."""
    import yaml

    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100).strip()
    except yaml.YAMLError:
        return json.dumps(data, ensure_ascii=False, indent=1, default=str)


def _dl(rows: list[tuple[str, str]]) -> str:
    return '<dl class="meta">' + "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in rows) + "</dl>"


def _example(ex: dict, lang: str) -> str:
    expect = ex.get("expect") or []
    said = word("expect_none", lang) if not expect else word("expect", lang) + " " + ", ".join(
        str(e.get("code", "")) for e in expect if isinstance(e, dict))
    body = {k: v for k, v in ex.items() if k not in ("name", "expect")}
    shown = _yaml(body) + "\n" + _yaml({"expect": expect})
    return (f'<details class="example"><summary>{escape(str(ex.get("name", "")))} — {escape(said)}</summary>'
            f"<pre>{escape(shown)}</pre></details>")
