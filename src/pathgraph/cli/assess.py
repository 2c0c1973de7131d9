"""``pathgraph assess``: a readiness self-assessment of a pathway system."""

from __future__ import annotations

from pathlib import Path

import click

from pathgraph.cli._common import emit, format_option, load_pathway, pathway_argument
from pathgraph.cli._options import output_option


@click.command()
@pathway_argument()
@format_option(
    "text", "json", "html", help="Report format (html: a one-page scorecard)."
)
@output_option("Write the report to this file (atomically) instead of printing it.")
def command(file: Path, fmt: str, output: Path | None) -> None:
    """Score a pathway system's readiness by the DOL toolkit's six key elements.

    Each item is scored from the pathway's records (met, partly, not met, with
    the records and counts behind it) or marked "needs your answer" when the data
    cannot decide it. The items are listed in docs/assessing.md.

    \b
    pathgraph assess pathway.yaml
    pathgraph assess pathway.yaml --format html -o scorecard.html
    """
    # lazy: start-up time; each command loads only what it runs
    from pathgraph.readiness import assess

    result = assess(load_pathway(file))
    if fmt == "json":
        text = result.to_json()
    elif fmt == "html":
        text = result.to_html()
    else:
        text = str(result) + "\n"
    emit(text, output)
