"""``checker parse FILE``: the forms as the checker read them, in the canonical filing format.

What it prints can be read back by ``checker check`` (a .yaml/.json file): checking a form
and checking its canonical form give the same findings apart from places. It is also the
quickest way to see why a rule fired: the header fields, indicators and places it looked at.
"""

from __future__ import annotations

import json
import sys

import click
import yaml

from checker.errors import InputError, no_form
from checker.resources import rules_dir


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("path", metavar="FILE")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True,
              help="Output format; both are read back by `checker check`.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to FILE instead of standard output.")
def command(path: str, fmt: str, output: str | None) -> int:
    """Show the forms of FILE (.txt, .xlsx, .docx or a filing) as the checker read them.

    \b
    Examples:
      checker parse form.xlsx                     YAML on standard output
      checker parse form.docx --format json -o form.json
      checker check form.json                     check the canonical form

    Exit codes: 0 read, 2 the file could not be read (one line on standard error).
    """
    try:
        text = render(parse(path), fmt)
    except InputError as exc:
        click.echo(f"checker: {exc}", err=True)
        return 2
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


def parse(path: str) -> dict:
    """Read ``path`` and lay it out: the canonical filing as plain data (``filing_to_dict``).

    What the reader read past (``Document.findings``: X901 for a damaged sheet or an uncached
    formula) is kept with the layout's own findings; ``shape`` names the text shape a text file
    was read as (pipe, markdown, spaces …). Raises InputError, also when the file holds no form
    at all (as `checker check` reports it).
    """
    from checker.filing import filing_to_dict
    from checker.layout import find_forms
    from checker.readers import read

    doc = read(path)
    filing = doc.filing if doc.filing is not None else find_forms(doc)
    if not filing.forms and not filing.findings:
        raise no_form(path)  # what `checker check` says of the same file
    data = filing_to_dict(filing)
    if getattr(doc, "shape", None):
        data = {"version": data.pop("version"), "path": data.pop("path"), "shape": doc.shape, **data}
    return data


def render(data: dict, fmt: str) -> str:
    """The canonical data as YAML (block style, Chinese kept readable) or JSON. The safe dumper
    quotes every string YAML would read as something else ("3531.93", "2026-01-01")."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    # The installed schema's own file: editors find it wherever the canonical file is written.
    schema = (rules_dir() / "schema" / "filing.schema.json").as_uri()
    return f"# yaml-language-server: $schema={schema}\n" + yaml.dump(
        data, Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
