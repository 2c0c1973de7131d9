"""``pathgraph check``: find dead ends, missing ramps and broken stacks."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pathgraph.checks import check
from pathgraph.cli import _terminal
from pathgraph.cli._common import format_option, load_pathway, pathway_argument
from pathgraph.requirements import ENTRY_PRESETS

if TYPE_CHECKING:
    from rich.text import Text


_HEADINGS = {"Errors:": "bold red", "Warnings:": "bold yellow", "Notes:": "bold cyan"}


def _styled(text: str) -> Text:
    """The report with its own headings coloured; data is never read as markup."""
    # lazy: start-up time; rich takes ~60 ms and only colours a terminal.
    from rich.text import Text

    styled = Text()
    for line in _terminal.clean(text).splitlines(keepends=True):
        styled.append(line, style=_HEADINGS.get(line.rstrip("\n"), ""))
    return styled


def _split(values: tuple[str, ...]) -> list[str] | None:
    items = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return items or None


@click.command()
@pathway_argument()
@format_option("text", "json", help="Report format (json: for CI and other tools).")
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Only these rules: codes, slugs or prefixes, comma-separated (PG1,wage-drop).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODES",
    help="Skip these rules: codes, slugs or prefixes, comma-separated.",
)
@click.option(
    "--entry",
    multiple=True,
    type=click.Choice(list(ENTRY_PRESETS)),
    help="Entry levels the on-ramp rule (PG201) checks, repeatable (default: abe).",
)
def command(
    file: Path,
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    entry: tuple[str, ...],
) -> int:
    """Check a pathway: dead ends, unreachable steps, missing on/off-ramps, stacks.

    Prints every finding with its rule code, the record and where it starts in
    the file (line and column; JSON output: file, line, column), and a fix.
    Exit code 1 when there is an error-level finding, 0 otherwise, 2 when the file
    cannot be read. Suppress a rule on one record with `ignore: [PG202]` in the
    file; the rules are listed in docs/rules.md.
    """
    pathway = load_pathway(file)
    report = check(
        pathway,
        rules=_split(select),
        ignore=_split(ignore) or (),
        holds_for_on_ramps=entry or ("abe",),
    )
    if fmt == "json":
        click.echo(report.to_json(), nl=False)
    else:
        text = report.format()
        if sys.stdout.isatty():
            _terminal.console().print(_styled(text))
        else:
            click.echo(text)
    return report.exit_code


assert set(ENTRY_PRESETS) >= {"abe", "esl"}
