"""``checker rules list | show CODE | test [PATH] | validate [PATH] | explain CODE FILE``: the rule
catalogue for policy staff, their examples run as tests, every error of a rule file in one pass,
and why a rule fired or not on a form."""

from __future__ import annotations

from pathlib import Path

import click

from checker.errors import RulePackError


def _pack(profile: str | None, paths: tuple[str, ...] = ()):
    from checker.rules import load_pack

    return load_pack(profile=profile, paths=[Path(p) for p in paths] or None)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def command() -> None:
    """List, show, test and validate rule files (rules/*.yaml)."""


@command.command("list")
@click.option("--profile", default=None, metavar="NAME", help="Apply a profile overlay first.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def list_rules(profile: str | None, lang: str) -> None:
    """Every rule: code, severity, title and source."""
    pack = _pack(profile)
    for r in pack.rules:
        sev = r.severity if r.enabled else "off"
        click.echo(f"{r.code}  {sev:<7}  {r.title.get(lang, r.title['zh'])}  [{r.source}]")
    click.echo(f"{len(pack.rules)} rules" + (f" (profile {profile})" if profile else ""))


@command.command("show")
@click.argument("code")
@click.option("--profile", default=None, metavar="NAME")
def show(code: str, profile: str | None) -> None:
    """One rule in full: titles, source, checks with their options, messages, parameters."""
    pack = _pack(profile)
    if pack.rule(code.upper()) is None and _show_builtin(pack, code.upper()):
        return
    rule = _rule_or_fail(pack, code)
    click.echo(f"{rule.code}  {rule.severity}{'' if rule.enabled else ' (off in this profile)'}")
    click.echo(f"  {rule.title['zh']}\n  {rule.title['en']}")
    click.echo(f"  source: {rule.source}")
    click.echo(f"  applies to: {', '.join(rule.forms) or 'all forms'}" + (f"; years {rule.years}" if rule.years else ""))
    for lang in ("zh", "en"):
        if rule.description.get(lang):
            click.echo(f"  {rule.description[lang]}")
    for c in rule.checks:
        click.echo(f"  check {c.index + 1}: kind {c.kind}" + (f", severity {c.severity}" if c.severity else "")
                   + (f", years {c.years}" if c.years else ""))
        if c.options:
            click.echo(f"    options: {_flow(c.options)}")
    from checker.rules.pack import param_names

    for name in sorted(set().union(*(param_names(c.options) | param_names(c.years or {}) for c in rule.checks))):
        p = pack.parameters[name]
        for v in sorted(p.values, key=lambda v: v.start):
            click.echo(f"  parameter {name} = {v.value} from {v.start.isoformat()} ({v.source})")
    click.echo(f"  message zh: {rule.message['zh']}\n  message en: {rule.message['en']}")
    for name, var in rule.variants.items():
        click.echo(f"  variant {name}: {var.get('severity', rule.severity)} {var.get('message', {}).get('zh', '')}")
    click.echo(f"  examples: {len(rule.examples)}   file: {rule.path}")


def _show_builtin(pack, code: str) -> bool:
    """Show a code no rule file defines (S113, X9xx: rules/codes.yaml) with the severity in force;
    False when ``code`` is not one."""
    from checker.rules.codes import builtin_codes

    meta = builtin_codes().get(code)
    if meta is None:
        return False
    severity = pack.code_severities.get(code, meta.get("severity"))
    click.echo(f"{code}  {'off in this profile' if severity == 'off' else severity}  (built in: no rule file)")
    click.echo(f"  {meta['title']['zh']}\n  {meta['title']['en']}")
    click.echo(f"  source: {meta.get('source', '')}")
    for lang in ("zh", "en"):
        if (meta.get("help") or {}).get(lang):
            click.echo(f"  {meta['help'][lang]}")
    return True


def _rule_or_fail(pack, code: str):
    """The pack's rule ``code``; a ClickException with a did-you-mean (exit 2) when there is none."""
    rule = pack.rule(code.upper())
    if rule is None:
        import difflib

        close = difflib.get_close_matches(code.upper(), [r.code for r in pack.rules], n=3)
        raise click.ClickException(f"没有编号为 {code} 的规则 / no rule {code!r}"
                                   + (f"; 是否想写 / did you mean {', '.join(close)}?" if close else ""))
    return rule


def _plain(v):
    from decimal import Decimal

    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, Decimal):
        return float(v) if v == v.to_integral_value() else str(v)
    return v


@command.command("test")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--profile", default=None, metavar="NAME")
@click.option("--select", default=None, metavar="CODES", help="Only these codes (comma-separated prefixes).")
@click.option("--verbose", "-v", is_flag=True, help="Also list the examples that passed.")
def test(paths: tuple[str, ...], profile: str | None, select: str | None, verbose: bool) -> int:
    """Run every rule's examples; for a failure show expected and actual findings side by side.
    Exit 1 when an example fails."""
    from checker.rules.examples import run_examples

    pack = _pack(profile, paths)
    prefixes = [c.strip().upper() for c in (select or "").split(",") if c.strip()]
    codes = {r.code for r in pack.rules if not prefixes or any(r.code.startswith(p) for p in prefixes)}
    results = run_examples(pack, codes)
    by_rule: dict[str, list] = {}
    for r in results:
        by_rule.setdefault(r.code, []).append(r)
    counts = {"pass": 0, "fail": 0, "skip": 0, "error": 0}
    for code, items in by_rule.items():
        for r in items:
            counts[r.status] += 1
        bad = [r for r in items if r.status in ("fail", "error")]
        ok = sum(r.status == "pass" for r in items)
        skipped = sum(r.status == "skip" for r in items)
        mark = "FAIL" if bad else ("skip" if skipped == len(items) else "ok")
        click.echo(f"{mark:<4} {code}  {ok}/{len(items)} examples passed" + (f", {skipped} skipped" if skipped else ""))
        for r in items:
            if r.status == "pass" and verbose:
                click.echo(f"       pass  {r.name}")
            elif r.status == "skip" and verbose:
                click.echo(f"       skip  {r.name}: {r.reason}")
            elif r.status in ("fail", "error"):
                _side_by_side(r)
    click.echo(f"{counts['pass']} passed, {counts['fail']} failed, {counts['error']} errors, {counts['skip']} skipped"
               f" ({len(by_rule)} rules)")
    return 1 if counts["fail"] or counts["error"] else 0


def _side_by_side(r) -> None:
    click.echo(f"       {r.status.upper()}  example {r.index + 1}: {r.name}")
    if r.status == "error":
        click.echo(f"         {r.reason}")
        return
    n = max(len(r.expected), len(r.actual), 1)
    exp = r.expected + ["-"] * (n - len(r.expected))
    act = r.actual + ["-"] * (n - len(r.actual))
    width = max(len("expected"), *(len(e) for e in exp))
    click.echo(f"         {'expected':<{width}} | actual")
    for e, a in zip(exp, act):
        click.echo(f"         {e:<{width}} | {a}")


@command.command("explain")
@click.argument("code")
@click.argument("path", metavar="FILE")
@click.option("--profile", default=None, metavar="NAME")
@click.option("--as-of", "as_of", default=None, metavar="DATE", help="Parameters in force on DATE (YYYY-MM-DD).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def explain_cmd(code: str, path: str, profile: str | None, as_of: str | None, lang: str) -> int:
    """For each form of FILE: whether rule CODE applied (form kind, budget year, profile), the
    options it ran with (parameters resolved for that year) and what it found, with the values it
    computed. Exit 2 when FILE cannot be read or there is no such rule."""
    from checker.cli.check_cmd import _as_of
    from checker.errors import InputError
    from checker.layout import find_forms
    from checker.pipeline import parse_values
    from checker.readers import read
    from checker.rules.engine import explain

    pack = _pack(profile)
    _rule_or_fail(pack, code)
    try:
        doc = read(path)
    except InputError as exc:
        click.echo(f"checker: {exc}", err=True)
        return 2
    filing = doc.filing if doc.filing is not None else find_forms(doc)
    parse_values(filing)
    for ex in explain(pack, code.upper(), filing, as_of=_as_of(as_of)):
        form = ex.form
        click.echo(f"{form.id}  {form.kind}  {form.name or form.title}  (year {form.year or '?'}, "
                   f"parameters as of {ex.day.isoformat()})")
        if not ex.applies:
            click.echo(f"  not applied: {ex.reason}")
            continue
        for check, options, found in ex.checks:
            click.echo(f"  check {check.index + 1} kind {check.kind}: {_flow(options)}")
            for note in ex.notes.get(check.index, []):
                click.echo(f"    computed: {note}")
            if not found and any(n.endswith("(not judged)") for n in ex.notes.get(check.index, [])):
                click.echo("    no finding: the check had nothing to judge on this form")
            elif not found:
                click.echo("    no finding: the check holds on this form")
            for f in found:
                click.echo(f"    {f.code} {f.severity} {f.place.short()}: {f.message.get(lang) or f.message.get('zh')}")
                if f.data:
                    click.echo(f"      computed: {_flow({k: v for k, v in f.data.items()})}")
    return 0


def _flow(value) -> str:
    import yaml

    return yaml.safe_dump(_plain(value), allow_unicode=True, sort_keys=False, default_flow_style=True,
                          width=10000).strip()


@command.command("docs")
@click.option("--out", "out", type=click.Path(file_okay=False), default=None, metavar="FOLDER",
              help="Where to write the pages (default: docs/rules beside rules/ in a source checkout).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when a page in FOLDER is missing or out of date.")
@click.option("--profile", default=None, metavar="NAME")
def docs(out: str | None, check: bool, profile: str | None) -> int:
    """One Markdown page per rule (and per built-in code) from the rule files: source, options,
    parameters, messages, and the examples that must fire and must pass."""
    from checker.resources import rules_dir
    from checker.rules.docs import rule_pages, write_pages

    folder = Path(out) if out else rules_dir().parent / "docs" / "rules"
    pack = _pack(profile)
    if check:
        pages = rule_pages(pack)
        stale = sorted(n for n, text in pages.items()
                       if not (folder / n).is_file() or (folder / n).read_text(encoding="utf-8") != text)
        extra = sorted(p.name for p in folder.glob("*.md") if p.name not in pages) if folder.is_dir() else []
        for n in stale + extra:
            click.echo(f"{folder / n}: out of date; run `checker rules docs`")
        return 1 if stale or extra else 0
    written = write_pages(pack, folder)
    click.echo(f"{len(written)} pages written to {folder}")
    return 0


@command.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--profile", default=None, metavar="NAME", help="Validate this profile as well.")
def validate(paths: tuple[str, ...], profile: str | None) -> int:
    """Check rule files against the schema and report every error in one pass: file:line:col,
    the offending lines, the allowed values and a did-you-mean. Exit 2 when any is wrong."""
    try:
        pack = _pack(profile, paths)
    except RulePackError as exc:
        for p in exc.problems:
            click.echo(p, err=False)
        n = sum(1 for p in exc.problems if ":" in p.split("\n")[0])
        click.echo(f"发现 {n} 个问题 / {n} problem{'s' if n != 1 else ''} found", err=True)
        return 2
    click.echo(f"ok: {len(pack.rules)} 个规则文件均有效 / {len(pack.rules)} rule files valid")
    return 0
