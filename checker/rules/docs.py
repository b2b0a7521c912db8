"""Rule documentation generated from the rule files: one Markdown page per code (docs/rules/).

A page says what a policy officer asks of a rule: title, severity, source and strength, what it
checks (description, form kinds, years, each check's kind and options, the parameters it uses with
their dated values), its messages and variants, and its examples — those that must fire and those
that must pass, each with its form fragment. The built-in codes (rules/codes.yaml) get pages too.
``checker rules docs`` writes them; a test keeps docs/rules/ current (as yamllint's docstrings are
its docs, the rule files are ours).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from checker.rules.codes import builtin_codes
from checker.rules.pack import Rule, RulePack, param_names

_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
_STRENGTH = {"V": "[V] 见于公开文本", "R": "[R] 规章要求（措辞待核对）", "P": "[P] 地方做法", "H": "[H] 评审经验"}


def rule_pages(pack: RulePack) -> dict[str, str]:
    """File name → Markdown text: ``CODE.md`` for every rule and built-in code, and ``README.md``
    (the index)."""
    pages = {f"{r.code}.md": rule_page(r, pack) for r in pack.rules}
    for code, meta in builtin_codes().items():
        if f"{code}.md" not in pages:
            pages[f"{code}.md"] = builtin_page(code, meta)
    pages["README.md"] = _index(pack)
    return pages


def write_pages(pack: RulePack, folder: Path) -> list[Path]:
    """Write every page into ``folder`` (created), remove pages of codes that no longer exist;
    return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = rule_pages(pack)
    for old in folder.glob("*.md"):
        if old.name not in pages:
            old.unlink()
    written = []
    for name, text in sorted(pages.items()):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def rule_page(rule: Rule, pack: RulePack) -> str:
    """One rule's page (Markdown, Chinese first with the English beside)."""
    out = [f"# {rule.code} {rule.title['zh']}", "", f"*{rule.title.get('en', '')}*", ""]
    out += [f"- 严重程度 / severity: **{_SEVERITY_ZH[rule.severity]}** ({rule.severity})",
            f"- 依据 / source: {rule.source}" + (f"  {_STRENGTH.get(rule.strength, '')}" if rule.strength else ""),
            f"- 适用表格 / applies to: {', '.join(rule.forms) or '全部 / all forms'}"]
    if rule.years:
        out.append(f"- 预算年度 / budget years: `{_flow(rule.years)}`")
    out.append(f"- 规则文件 / file: `rules/{Path(rule.path).name}`")
    for lang in ("zh", "en"):
        if rule.description.get(lang):
            out += ["", rule.description[lang]]
    out += ["", "## 检查 / checks", ""]
    for c in rule.checks:
        line = f"{c.index + 1}. kind `{c.kind}`"
        if c.forms:
            line += f" (forms: {', '.join(c.forms)})"
        if c.severity:
            line += f", severity {c.severity}"
        out.append(line)
        if c.options:
            out.append(f"   - options: `{_flow(c.options)}`")
        if c.message:
            out.append(f"   - message: {c.message.get('zh', '')} / {c.message.get('en', '')}")
    params = sorted(set().union(*(param_names(c.options) | param_names(c.years or {}) for c in rule.checks),
                                param_names(rule.years or {})))
    if params:
        out += ["", "## 参数 / parameters", ""]
        for name in params:
            p = pack.parameters[name]
            values = "; ".join(f"{v.value} from {v.start.isoformat()} ({v.source})"
                               for v in sorted(p.values, key=lambda v: v.start))
            out.append(f"- `{name}`: {values}")
    out += ["", "## 消息 / messages", "", f"- zh: {rule.message['zh']}", f"- en: {rule.message['en']}"]
    for name, var in rule.variants.items():
        msg = (var.get("message") or {}).get("zh", "")
        out.append(f"- variant `{name}` ({var.get('severity', rule.severity)}): {msg}")
    out += _examples(rule)
    return "\n".join(out) + "\n"


def _examples(rule: Rule) -> list[str]:
    fire = [e for e in rule.examples if e.get("expect")]
    passing = [e for e in rule.examples if not e.get("expect")]
    out: list[str] = []
    for heading, items in (("应报出 / must fire", fire), ("不应报出 / must pass", passing)):
        if not items:
            continue
        out += ["", f"## 示例：{heading}", ""]
        for e in items:
            out.append(f"### {e.get('name') or '(unnamed)'}")
            out.append("")
            body = {k: e[k] for k in ("form", "forms", "file", "as_of", "profile") if k in e}
            out += ["```yaml", yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=100).rstrip(), "```"]
            if e.get("expect"):
                out.append("")
                out += [f"- {_flow(x)}" for x in e["expect"]]
            out.append("")
    return out


def builtin_page(code: str, meta: dict) -> str:
    """The page of a code reported by the layout or the engine (rules/codes.yaml)."""
    title, helps = meta.get("title") or {}, meta.get("help") or {}
    sev = meta.get("severity", "warning")
    return "\n".join([f"# {code} {title.get('zh', '')}", "", f"*{title.get('en', '')}*", "",
                      f"- 严重程度 / severity: **{_SEVERITY_ZH.get(sev, sev)}** ({sev})",
                      f"- 报出者 / reported by: {meta.get('source', '')}",
                      "- 没有规则文件：由版面识别或规则引擎直接报出；配置（profile）可以改其严重程度或关闭",
                      "", helps.get("zh", ""), "", helps.get("en", ""), ""])


def _index(pack: RulePack) -> str:
    out = ["# 规则目录 / rule catalogue", "",
           "由 `checker rules docs` 从 rules/*.yaml 生成，请勿手工修改 / generated from the rule files; do not edit.",
           "", "| code | severity | 标题 | title |", "|---|---|---|---|"]
    for r in pack.rules:
        out.append(f"| [{r.code}]({r.code}.md) | {r.severity} | {r.title['zh']} | {r.title.get('en', '')} |")
    for code, meta in builtin_codes().items():
        if pack.rule(code) is None:
            t = meta.get("title") or {}
            out.append(f"| [{code}]({code}.md) | {meta.get('severity', '')} | {t.get('zh', '')} | {t.get('en', '')} |")
    return "\n".join(out) + "\n"


def _flow(value) -> str:
    from decimal import Decimal

    def plain(v):
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return str(v) if isinstance(v, Decimal) else v

    return yaml.safe_dump(plain(value), allow_unicode=True, sort_keys=False, default_flow_style=True,
                          width=100000).strip()
