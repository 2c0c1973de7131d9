"""``pathgraph stats``: a pathway at a glance."""

from __future__ import annotations

from pathlib import Path

import click

from pathgraph.cli._common import format_option, load_pathway, pathway_argument


@click.command()
@pathway_argument()
@format_option("text", "json")
def command(file: Path, fmt: str) -> None:
    """Print counts by kind, progression size, components and wage range."""
    # lazy: start-up time; each command loads only what it runs
    from pathgraph.stats import summary

    result = summary(load_pathway(file))
    click.echo(result.to_json() if fmt == "json" else str(result), nl=fmt != "json")
