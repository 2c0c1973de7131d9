"""``pathgraph metrics``: Curricular Analytics metrics of a curriculum."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pathgraph.cli._common import (
    csv_text,
    format_option,
    load_pathway,
    pathway_argument,
)


@click.command()
@pathway_argument()
@format_option("json", "text", "csv")
@click.option(
    "--program",
    default=None,
    metavar="ID",
    help="Measure only the courses part_of this program.",
)
def command(file: Path, fmt: str, program: str | None) -> None:
    """Blocking, delay, centrality and complexity of every course.

    FILE is a Curricular Analytics CSV (curriculum or degree plan) or any pathway
    file with courses. JSON shape: {"courses": {ID: {"blocking", "delay",
    "centrality", "complexity"}}, "totals": {...}} plus "terms" (credit hours per
    term) for degree plans.
    """
    # lazy: start-up time; each command loads only what it runs
    from pathgraph.analysis.curricular import curricular_metrics

    result = curricular_metrics(load_pathway(file), program)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2))
    elif fmt == "text":
        click.echo(str(result))
    else:
        header = ["course", "blocking", "delay", "centrality", "complexity"]
        rows = [
            [cid, m.blocking, m.delay, m.centrality, m.complexity]
            for cid, m in result.courses.items()
        ]
        click.echo(csv_text(header, rows), nl=False)
