"""``pathgraph route``: the best route from what a person holds to a goal."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import click

from pathgraph.cli._common import format_option, load_pathway, pathway_argument
from pathgraph.cli._options import entry_option, holds_option, output_option


@click.command()
@pathway_argument()
@click.option(
    "--goal",
    "goals",
    multiple=True,
    help="Goal node id, or an occupation's SOC code such as 31-1133 (repeat: a "
    "route to whichever of them is best).",
)
@click.option(
    "--min-wage",
    type=click.FloatRange(min=0),
    default=None,
    help="Goal: any job with a median wage of at least this (USD a year); with "
    "--goal too, any of them.",
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
@click.option(
    "--budget",
    type=float,
    default=None,
    help="Maximum total cost in USD, after the aid the pathway's services give "
    "(net cost).",
)
@click.option("--max-months", type=float, default=None, help="Maximum total months.")
@click.option(
    "--alternatives",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="How many genuinely different routes to show.",
)
@click.option(
    "--schedule",
    type=click.Choice(["day", "evening", "weekend", "self_paced"]),
    multiple=True,
    help="Only programs and courses meeting at these times (repeat for any of "
    "them); one whose schedule is not recorded is kept: confirm it.",
)
@click.option(
    "--modality",
    type=click.Choice(["in_person", "online", "hybrid", "work_based"]),
    multiple=True,
    help="Only programs and courses delivered this way (repeat for any of them); "
    "one whose modality is not recorded is kept: confirm it.",
)
@click.option("--avoid", multiple=True, help="A node id no step may take (repeat).")
@click.option(
    "--related",
    is_flag=True,
    help="On occupation graphs: move between O*NET related occupations (12 months "
    "in the job held plus 12 per job-zone step up, stated as assumed).",
)
@click.option(
    "--prefer",
    multiple=True,
    metavar="KEY=VALUE",
    help="Among routes of equal weight, prefer programs with this attribute "
    "(e.g. modality=online; repeat). A tie-break only.",
)
@format_option("text", "json")
@output_option(
    "Also write the best route's sheet: .html (printable), .pdf (printed by "
    "Chromium) or .svg (the map only)."
)
def command(
    file: Path,
    goals: tuple[str, ...],
    holds: tuple[str, ...],
    entry: str | None,
    weight: str,
    budget: float | None,
    max_months: float | None,
    alternatives: int,
    min_wage: float | None,
    schedule: tuple[str, ...],
    modality: tuple[str, ...],
    avoid: tuple[str, ...],
    related: bool,
    prefer: tuple[str, ...],
    fmt: str,
    output: Path | None,
) -> None:
    """Print the optimal route (and alternatives) from HOLDS/ENTRY to GOAL."""
    # lazy: start-up time; each command loads only what it runs
    from pathgraph.errors import ArgumentError, NoRouteError, UnknownNodeError
    from pathgraph.graph import to_graph
    from pathgraph.routing import near_miss, routes

    if output is not None and output.suffix.lower() not in (
        ".html",
        ".htm",
        ".svg",
        ".pdf",
    ):
        # checked before any work: the route was printed, then the map refused
        raise ArgumentError(
            f"a route map is .html, .pdf or .svg, not {output.name!r} "
            "(fix: name the -o file route.html, route.pdf or route.svg)"
        )
    if not goals and min_wage is None:
        raise ArgumentError("say where to go: --goal ID (repeat) or --min-wage USD")
    if min_wage is not None and not math.isfinite(min_wage):
        raise ArgumentError(f"--min-wage must be a number of dollars, not {min_wage}")
    preferred: dict[str, list[str]] = {}
    for item in prefer:
        key, eq, value = item.partition("=")
        if not eq or not key.strip() or not value.strip():
            raise ArgumentError(
                f"--prefer {item!r} is not KEY=VALUE (e.g. --prefer modality=online)"
            )
        preferred.setdefault(key.strip(), []).append(value.strip())
    only: dict[str, list[str]] = {}
    if schedule:
        only["schedule"] = list(schedule)
    if modality:
        only["modality"] = list(modality)
    G = to_graph(load_pathway(file))
    for ident in avoid:  # a mistyped id would avoid nothing, silently
        if ident not in G:
            raise UnknownNodeError(
                f"--avoid {ident!r} is not a record of {file.name}"
                + near_miss(G, ident)
            )
    goal: Any = goals[0] if len(goals) == 1 else list(dict.fromkeys(goals))
    if min_wage is not None:
        paying = sorted(
            str(n)
            for n, d in G.nodes(data=True)
            if d.get("kind") == "occupation"
            and d.get("wage_median") is not None
            and float(d["wage_median"]) >= min_wage
        )
        if not paying and not goals:
            raise NoRouteError(
                f"no occupation in this pathway has a median wage of at least "
                f"${min_wage:,.0f} (fix: lower --min-wage, or add wage_median to "
                "the occupations: pathgraph enrich)",
                reason="goal matches no node",
            )
        goal = list(dict.fromkeys([*goals, *paying]))
    found = routes(
        G,
        goal,
        k=alternatives,
        holds=holds,
        entry=entry,
        weight=weight,
        budget=budget,
        max_months=max_months,
        avoid=avoid,
        related=related,
        only=only or None,
        prefer=preferred or None,
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
