"""`checker value`: the typed value, its canonical rendering, money in 元 and 万元, errors."""

import json

from click.testing import CliRunner

from checker.cli.value_cmd import command


def run(*args):
    return CliRunner().invoke(command, list(args), standalone_mode=False)


def test_split_form_with_money_in_both_units():
    result = run("1200", "--unit", "万元", "--type", "≧", "--format", "json")
    out = json.loads(result.output)
    assert result.return_value == 0
    assert out["kind"] == "quantity" and out["canonical"] == "≥1200万元"
    assert out["money"] == {"元": "12000000", "万元": "1200"}
    assert out["value"]["legacy_glyph"] is True and out["value"]["comparator_source"] == "column"


def test_text_output_names_kind_and_canonical():
    result = run("≤2808030.12元")
    assert "canonical: ≤2808030.12元" in result.output
    assert "280.803012 万元" in result.output


def test_error_names_column_and_hint():
    result = run("≥9O%", "--format", "json")
    out = json.loads(result.output)
    assert result.return_value == 1 and out["ok"] is False
    assert out["error"]["column"] == 3 and out["error"]["hint"] == "letter_for_digit"


def test_qualitative_value():
    out = json.loads(run("达到一级A、B标排放", "--format", "json").output)
    assert out["kind"] == "qualitative" and out["value"]["text"] == "达到一级A、B标排放"
