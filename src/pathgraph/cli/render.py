"""``pathgraph render``: draw a pathway map."""

from __future__ import annotations

import math
from pathlib import Path

import click

from pathgraph._limits import DOT_TIMEOUT, FOLD_ABOVE
from pathgraph.cli._common import load_pathway, pathway_argument
from pathgraph.cli._options import entry_option, holds_option, output_option


@click.command()
@pathway_argument()
@output_option(
    "The map to write: .svg, .png, .pdf (need Graphviz), .dot or .html.",
    required=True,
)
@click.option("--highlight", multiple=True, metavar="ID", help="Outline these records.")
@click.option("--check", "run_check", is_flag=True, help="Mark what `check` finds.")
@click.option(
    "--route-goal",
    metavar="ID",
    help="Draw the best route to this record over a faded system.",
)
@entry_option("Where the route starts (with --route-goal).")
@holds_option("What the learner holds.", metavar="ID")
@click.option(
    "--detail",
    type=click.Choice(["programs", "courses"]),
    default="programs",
    show_default=True,
    help="Collapse courses into programs, or draw them.",
)
@click.option("--context", is_flag=True, help="Also draw providers and agreements.")
@click.option(
    "--fold-above",
    type=click.IntRange(min=0),
    default=FOLD_ABOVE,
    show_default=True,
    metavar="N",
    help="Above N records, draw each lane (or, outside lanes, each kind per level) "
    "as one summary box, largest first; the .html map opens a box on click.",
)
@click.option("--no-fold", is_flag=True, help="Draw every record, however many.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True, max=math.inf, max_open=True),
    default=DOT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Stop Graphviz after this long (its DOT source is kept beside the output).",
)
def command(
    file: Path,
    output: Path,
    highlight: tuple[str, ...],
    run_check: bool,
    route_goal: str | None,
    entry: str | None,
    holds: tuple[str, ...],
    detail: str,
    context: bool,
    fold_above: int,
    no_fold: bool,
    timeout: float,
) -> None:
    """Draw a pathway map, levels left to right, lanes as boxes.

    \b
    pathgraph render pathway.yaml -o map.svg --check
    pathgraph render pathway.yaml -o map.html
    pathgraph render pathway.yaml -o route.svg --route-goal bht-assoc --entry abe
    pathgraph render region.yaml -o region.html --fold-above 200
    """
    # lazy: start-up time; each command loads only what it runs
    import pathgraph
    from pathgraph import render

    pathway = load_pathway(file)
    G = pathgraph.to_graph(pathway)
    report = pathgraph.check(G) if run_check else None
    route = None
    if route_goal is not None:
        route = pathgraph.route(G, route_goal, holds=holds, entry=entry)
    elif entry or holds:
        raise click.UsageError("--entry and --holds go with --route-goal")
    fold = None if no_fold else fold_above
    if output.suffix.lower() == ".html":
        render.to_html(
            G,
            output,
            highlight=highlight,
            report=report,
            route=route,
            context=context,
            fold_above=fold,
            timeout=timeout,
        )
    else:
        render.write(
            G,
            output,
            highlight=highlight,
            report=report,
            route=route,
            detail=detail,
            context=context,
            fold_above=fold,
            timeout=timeout,
        )
    click.echo(f"wrote {output}", err=True)
