"""``pathgraph measures``: enrolment, completion, continuation, employment, wages."""

from __future__ import annotations

from pathlib import Path

import click

from pathgraph.cli._common import emit, format_option, load_pathway, pathway_argument
from pathgraph.cli._options import output_option

#: The default of --min-cell (pathgraph.measures.MIN_CELL, kept here so that
#: ``--help`` does not import the measures module; a test keeps them equal).
MIN_CELL = 10


@click.command()
@pathway_argument()
@click.argument(
    "outcomes",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="OUTCOMES",
)
@format_option("text", "json", "csv")
@output_option("Write the report to this file instead of standard output.")
@click.option(
    "--min-cell",
    type=click.IntRange(min=0),
    default=MIN_CELL,
    show_default=True,
    help="Hide counts of fewer people than this (and what would reveal them).",
)
def command(
    file: Path, outcomes: Path, fmt: str, output: Path | None, min_cell: int
) -> None:
    """Measure each program and credential of a pathway from outcome records.

    OUTCOMES is a CSV file with columns person, node, start, end, completed,
    employed, wage_after and (optional) wage_before, one row per person and step.
    Per step, in pathway order: people enrolled, completed, continued to a step it
    leads to, employed after, and the median wage gain. Small cells are suppressed
    (<N), with complementary suppression (*) so that none can be recovered by
    subtraction. See docs/measures.md.
    """
    # lazy: start-up time; each command loads only what it runs
    from pathgraph.measures import measure

    result = measure(load_pathway(file), outcomes, min_cell=min_cell)
    if fmt == "json":
        text = result.to_json()
    elif fmt == "csv":
        text = result.to_csv()
    else:
        text = str(result) + "\n"
    emit(text, output)
