"""``pathgraph schema``: print the JSON Schema of the pathway file format."""

from __future__ import annotations

from pathlib import Path

import click

from pathgraph.cli._common import emit


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
def command(output: Path | None) -> None:
    """Print the JSON Schema of pathway files (for editors).

    \b
    pathgraph schema > pathway.schema.json
    then start a YAML file with:
    # yaml-language-server: $schema=pathway.schema.json
    """
    # lazy: start-up time; each command loads only what it runs
    from pathgraph.io.schema import file_schema_json

    emit(file_schema_json(), output)
