"""``checker value TEXT [--unit U] [--type T] [--format text|json]``: what the grammar makes of
one indicator value — the typed value, its canonical rendering, and for money its amount in
元 and 万元. Exit 0 when the value parses, 1 when it does not (the message names the column)."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

import click


def describe(text: str, unit: str = "", value_type: str = "") -> dict:
    """The value as a JSON-ready dict: ``{"ok", "kind", "canonical", "value", "money"?,
    "notes"?}`` or ``{"ok": false, "error": {column, expected, hint, message_zh, message_en}}``."""
    from checker.values import ValueParseError, note_text, parse_value, render, to_wan, to_yuan

    try:
        v = parse_value(text, unit, value_type)
    except ValueParseError as exc:
        return {"ok": False, "input": {"value": text, "unit": unit, "type": value_type},
                "error": {"column": exc.column, "expected": exc.expected, "hint": exc.hint,
                          "message_zh": exc.message_zh, "message_en": exc.message_en}}
    out = {"ok": True, "input": {"value": text, "unit": unit, "type": value_type},
           "kind": v.kind, "canonical": render(v), "value": _plain(v)}
    if to_yuan(v) is not None:
        out["money"] = {"元": str(to_yuan(v)), "万元": str(to_wan(v))}
    notes = getattr(v, "notes", ())
    if notes:
        out["notes"] = [{"name": n, "zh": note_text(n), "en": note_text(n, "en")} for n in notes]
    return out


def _plain(obj):
    if dataclasses.is_dataclass(obj):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    return obj


@click.command(name="value")
@click.argument("text")
@click.option("--unit", "-u", default="", help="The 度量单位/计量单位 cell, e.g. %.")
@click.option("--type", "-t", "value_type", default="", help="The 指标值类型/指标性质 cell: ≥, ≤, =, 定量, 定性.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def command(ctx: click.Context, text: str, unit: str, value_type: str, fmt: str) -> int:
    """Show what the grammar makes of one indicator value.

    \b
    Examples:
      checker value "≥95%"
      checker value 90 --unit % --type ≥
      checker value "≤2808030.12元" --format json
    """
    result = describe(text, unit, value_type)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_text(result)
    return 0 if result["ok"] else 1


def _print_text(result: dict) -> None:
    if not result["ok"]:
        err = result["error"]
        text = result["input"]["value"]
        click.echo(f"错误 error: {err['message_zh']}", err=True)
        click.echo(f"  {err['message_en']}", err=True)
        click.echo(f"  {text}\n  {_caret(text, err['column'])}", err=True)
        return
    click.echo(f"kind:      {result['kind']}")
    click.echo(f"canonical: {result['canonical']}")
    for key, val in result["value"].items():
        if key not in ("raw", "kind") and val not in ("", None, [], False):
            click.echo(f"{key + ':':<18} {val}")
    if "money" in result:
        click.echo(f"money:     {result['money']['元']} 元 = {result['money']['万元']} 万元")
    for note in result.get("notes", []):
        click.echo(f"note:      {note['name']}: {note['zh']} / {note['en']}")


def _caret(text: str, column: int) -> str:
    """A caret under ``column``, counting wide (CJK, full-width) characters as two cells."""
    import unicodedata

    width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text[: column - 1])
    return " " * width + "^"
