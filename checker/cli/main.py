"""The ``checker`` command: a click group whose subcommands load only when called.

Each subcommand lives in its own module (``checker/cli/<name>_cmd.py``) that defines a click
command named ``command``; loading lazily keeps ``checker check`` start-up short.
"""

from __future__ import annotations

import importlib
import sys

import click

from checker import __version__
from checker.errors import CheckerError

SUBCOMMANDS = {
    "check": ("checker.cli.check_cmd", "Check forms against the rule pack and report violations."),
    "parse": ("checker.cli.parse_cmd", "Show the forms as the checker read them (canonical YAML/JSON)."),
    "value": ("checker.cli.value_cmd", "Show what the grammar makes of one indicator value."),
    "rules": ("checker.cli.rules_cmd", "List, show, test, validate, explain and document rule files."),
    "serve": ("checker.cli.serve_cmd", "Serve the check page for filers and a JSON API (needs checker[web])."),
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in SUBCOMMANDS:
            return None
        try:
            module = importlib.import_module(SUBCOMMANDS[name][0])
        except ModuleNotFoundError:
            return None
        return module.command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Help lists every subcommand without importing them all.
        with formatter.section("Commands"):
            formatter.write_dl([(name, doc) for name, (_, doc) in SUBCOMMANDS.items()])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checker")
def cli() -> None:
    """Check Chinese public-budget performance forms (预算绩效目标表, 绩效自评表, 部门预算公开)
    against declarative rules, and report each violation with its rule code and place.

    \b
    Examples:
      checker check samples/                      every readable file in a folder
      checker check form.xlsx --format json       machine-readable report
      checker value "≥95%"                        what the grammar makes of a value
      checker rules list                          the rule catalogue

    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
    2 an input file or a rule pack could not be read.
    """


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: never lets a traceback reach the user."""
    try:
        # standalone_mode=False: a command's ctx.exit(n) or returned int comes back here.
        rc = cli.main(args=argv, prog_name="checker", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except CheckerError as exc:
        click.echo(f"checker: {exc}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # a bug of ours: say so in one line, ask for a report
        click.echo(
            f"checker: internal error ({type(exc).__name__}: {exc}); "
            "please report it with the input that caused it",
            err=True,
        )
        sys.exit(3)
    sys.exit(rc if isinstance(rc, int) else 0)


if __name__ == "__main__":
    main()
