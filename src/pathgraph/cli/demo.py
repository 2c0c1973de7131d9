"""``pathgraph demo``: the whole job on a built-in example, in one command."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pathgraph._files import atomic_write, read_text
from pathgraph.cli._options import output_option
from pathgraph.errors import PathgraphError
from pathgraph.examples import EXAMPLES, example_path

if TYPE_CHECKING:
    import networkx as nx

    from pathgraph.checks import Report
    from pathgraph.routing import Route

#: The route each example's demo plans: (entry preset, goal id).
DEMO_ROUTES: dict[str, tuple[str, str]] = {
    "bht": ("abe", "bht-assoc"),
    "manufacturing": ("abe", "aas-mechatronics"),
    "it-support": ("abe", "network-admin"),
}


@click.command()
@output_option(
    "Folder to write the results to (created if needed).",
    folder=True,
    default=Path("pathgraph-demo"),
    show_default=True,
)
@click.option(
    "--example",
    type=click.Choice(list(EXAMPLES)),
    default="bht",
    show_default=True,
    help="Which built-in example to use.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace a pathway.yaml in the folder that differs from the example "
    "(one you edited).",
)
def command(output: Path, example: str, force: bool) -> None:
    """Check, route and draw a built-in example pathway.

    \b
    Writes to the output folder:
      pathway.yaml   the example itself, to copy and edit
      check.txt      the check report (check.json: the same as JSON)
      map.svg        the pathway map, findings marked (needs Graphviz's dot)
      map.html       the interactive map (works offline)
      route.txt      the shortest route from Adult Basic Education to the degree
      route.html     the printable route map for a career navigator

    A pathway.yaml already in the folder that differs from the example (one you
    edited) is kept: the demo stops unless --force is given.
    """
    # lazy: start-up time; each command loads only what it runs
    import pathgraph

    source = read_text(example_path(example))
    _keep_edits(output / "pathway.yaml", source, force)
    written: list[str] = []

    def save(name: str, text: str) -> None:
        atomic_write(output / name, text)
        written.append(name)

    save("pathway.yaml", source)
    # Read back the copy the user is told to edit: findings point into it.
    pathway = pathgraph.read(output / "pathway.yaml")
    G = pathgraph.to_graph(pathway)
    report = pathgraph.check(pathway)
    save("check.txt", str(report) + "\n")
    save("check.json", report.to_json())

    entry, goal = DEMO_ROUTES[example]
    route = pathgraph.route(G, goal, entry=entry)
    save("route.txt", str(route) + "\n")

    written += _maps(G, report, route, output)

    counts = report.counts()

    def n(count: int, word: str) -> str:
        return f"{count} {word}{'s' * (count != 1)}"

    click.echo(f"{pathway.title}")
    click.echo(
        f"  check: {n(counts['error'], 'error')}, {n(counts['warning'], 'warning')}, "
        f"{n(counts['info'], 'note')} (see check.txt)"
    )
    click.echo(
        f"  route from {entry} to {goal}: {route.months:g} months, "
        f"${route.cost:,.0f} (see route.txt)"
    )
    click.echo(f"wrote {len(written)} files to {output}/: {', '.join(written)}")
    if "map.dot" in written:
        click.echo(_NO_DOT, err=True)


def _keep_edits(path: Path, example: str, force: bool) -> None:
    """Refuse to replace ``path`` when it holds something else than ``example``."""
    if force or not path.exists():
        return
    try:
        same = path.is_file() and read_text(path) == example
    except PathgraphError:  # unreadable, or not UTF-8: not the example either
        same = False
    if not same:
        raise PathgraphError(
            f"{path} exists and differs from the example (edited?): the demo keeps "
            "it (fix: pass --force to replace it, or -o another folder; check your "
            f"file with: pathgraph check {path})"
        )


_NO_DOT = (
    "note: Graphviz's `dot` program is not installed, so map.svg was not "
    "drawn (map.dot has the source). Install it with "
    "`sudo apt-get install graphviz` (Debian/Ubuntu) or `brew install "
    "graphviz` (macOS) and run the demo again."
)


def _maps(G: nx.MultiDiGraph, report: Report, route: Route, output: Path) -> list[str]:
    """Write the interactive map, the route map and the static map (findings
    marked once for both maps); the names written."""
    # lazy: start-up time; each command loads only what it runs
    from pathgraph import render
    from pathgraph.render.graphviz import dot_source, write_rendered
    from pathgraph.render.html import html_page

    marks = render.mark(G, report=report)
    atomic_write(output / "map.html", html_page(marks))
    render.route_map(G, route, output / "route.html")
    static = "map.svg" if shutil.which("dot") else "map.dot"
    write_rendered(dot_source(marks), output / static)
    return ["map.html", "route.html", static]
