"""``pathgraph convert``: read a pathway in one format, write it in another."""

from __future__ import annotations

from pathlib import Path

import click

from pathgraph.io import FORMATS, read, write


@click.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path), metavar="IN")
@click.argument(
    "target", type=click.Path(dir_okay=False, path_type=Path), metavar="OUT"
)
@click.option("--from", "from_", type=click.Choice(list(FORMATS)), help="Input format.")
@click.option("--to", type=click.Choice(list(FORMATS)), help="Output format.")
def command(source: Path, target: Path, from_: str | None, to: str | None) -> None:
    """Convert a pathway file: formats are chosen by suffix.

    \b
    .yaml/.yml  native YAML        .json    native JSON
    .jsonld     CTDL JSON-LD       .csv     Curricular Analytics curriculum

    The output is written atomically and deterministically. Writing YAML from a
    YAML file keeps its comments and layout.
    """
    pathway = read(source, format=from_)
    write(pathway, target, format=to)
    click.echo(
        f"wrote {target} ({len(pathway.nodes)} records, "
        f"{len(pathway.relations)} relations)",
        err=True,
    )
