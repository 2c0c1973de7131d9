"""``pathgraph route``: the best route from what a person holds to a goal."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pathgraph.cli._common import format_option, load_pathway, pathway_argument
from pathgraph.cli._options import entry_option, holds_option, output_option


@click.command()
@pathway_argument()
@click.option(
    "--goal",
    "goals",
    required=True,
    multiple=True,
    help="Goal node id (repeat: a route to whichever of them is best).",
)
@holds_option("A node id the person holds (repeat).")
@entry_option("Entry preset: what a person at this point holds.")
@click.option(
    "--weight",
    type=click.Choice(["months", "cost"]),
    default="months",
    show_default=True,
    help="What to minimise.",
)
@click.option("--budget", type=float, default=None, help="Maximum total cost (USD).")
@click.option("--max-months", type=float, default=None, help="Maximum total months.")
@click.option(
    "--alternatives",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="How many genuinely different routes to show.",
)
@format_option("text", "json")
@output_option("Also write a route map (.html or .svg) of the best route.")
def command(
    file: Path,
    goals: tuple[str, ...],
    holds: tuple[str, ...],
    entry: str | None,
    weight: str,
    budget: float | None,
    max_months: float | None,
    alternatives: int,
    fmt: str,
    output: Path | None,
) -> None:
    """Print the optimal route (and alternatives) from HOLDS/ENTRY to GOAL."""
    # lazy: start-up time; each command loads only what it runs
    from pathgraph.errors import ArgumentError
    from pathgraph.graph import to_graph
    from pathgraph.routing import routes

    if output is not None and output.suffix.lower() not in (".html", ".htm", ".svg"):
        # checked before any work: the route was printed, then the map refused
        raise ArgumentError(
            f"a route map is .html or .svg, not {output.name!r} "
            "(fix: name the -o file route.html or route.svg)"
        )
    G = to_graph(load_pathway(file))
    found = routes(
        G,
        goals[0] if len(goals) == 1 else list(dict.fromkeys(goals)),
        k=alternatives,
        holds=holds,
        entry=entry,
        weight=weight,
        budget=budget,
        max_months=max_months,
    )
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in found], indent=2, sort_keys=True))
    else:
        blocks = []
        for i, r in enumerate(found):
            head = "Best route" if i == 0 else f"Alternative {i}"
            blocks.append(f"{head}\n{r}")
        click.echo("\n\n".join(blocks))
    if output is not None:
        # lazy: start-up time; each command loads only what it runs
        from pathgraph.render import route_map

        route_map(G, found[0], output)
        click.echo(f"wrote {output}", err=True)
