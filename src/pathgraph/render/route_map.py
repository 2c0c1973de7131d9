"""The printable route map a career navigator hands to a learner."""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path
from typing import Any

import networkx as nx

from pathgraph._files import atomic_write
from pathgraph.errors import ArgumentError
from pathgraph.graph import to_graph
from pathgraph.model import Pathway
from pathgraph.render.graphviz import dot_source, render_dot, svg_text
from pathgraph.render.marking import RouteLike, mark

__all__ = ["route_map", "route_page"]


def _num(x: Any, money: bool = False) -> str:
    if x is None:
        return ""
    return f"${float(x):,.0f}" if money else f"{float(x):g}"


def _step_row(G: nx.MultiDiGraph, i: int, step: Any) -> str:
    """One row of the plan: the step, what it earns, months, cost, totals, wage."""
    node = getattr(step, "node", "")
    label = getattr(step, "label", None) or G.nodes[node].get("label", node)
    services = getattr(step, "services", ()) or ()
    earns = getattr(step, "earns", ()) or ()
    earned = ", ".join(str(G.nodes[e].get("label", e)) for e in earns if e in G)
    return (
        "<tr>"
        f"<td class=n>{i}</td>"
        f"<td>{html.escape(str(getattr(step, 'action', '')))}</td>"
        f"<td><b>{html.escape(str(label))}</b>"
        + (f"<br><small>earns {html.escape(earned)}</small>" if earned else "")
        + "</td>"
        f"<td class=r>{_num(getattr(step, 'months', None))}</td>"
        f"<td class=r>{_num(getattr(step, 'cost', None), money=True)}</td>"
        f"<td class=r>{_num(getattr(step, 'total_months', None))}</td>"
        f"<td class=r>{_num(getattr(step, 'total_cost', None), money=True)}</td>"
        f"<td class=r>{_num(getattr(step, 'wage', None), money=True)}</td>"
        f"<td>{html.escape(', '.join(map(str, services)))}</td>"
        "</tr>"
    )


def route_page(G: nx.MultiDiGraph, route: RouteLike, *, svg: str | None = None) -> str:
    """The route map as one HTML page (timeline table, and the map when given)."""
    title = str(G.graph.get("title", "Pathway"))
    goal = getattr(route, "goal", None)
    goal_label = ""
    if isinstance(goal, str) and goal in G:
        goal_label = str(G.nodes[goal].get("label", goal))
    rows = [_step_row(G, i, step) for i, step in enumerate(route.steps, start=1)]
    months = getattr(route, "months", None)
    cost = getattr(route, "cost", None)
    wage_before = getattr(route, "wage_before", None)
    wage_after = getattr(route, "wage_after", None)
    facts = [f"<b>{_num(months)}</b> months", f"<b>{_num(cost, money=True)}</b>"]
    if wage_after is not None:
        facts.append(
            "wage "
            + (f"{_num(wage_before, money=True)} → " if wage_before else "")
            + f"<b>{_num(wage_after, money=True)}</b> a year"
        )
    optimal = getattr(route, "optimal", None)
    note = (
        ""
        if optimal in (None, True)
        else ("<p class=note>This is the best route found, not proven optimal.</p>")
    )
    figure = (
        f'<figure class="map">{svg}</figure>'
        if svg
        else "<p class=note>Install Graphviz (sudo apt-get install graphviz) to draw "
        "the route on the map.</p>"
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="generator" content="pathgraph">
<title>Route to {html.escape(goal_label or "the goal")}</title>
<style>
body {{ font-family: Helvetica, Arial, sans-serif; margin: 24px; color: #222; }}
h1 {{ font-size: 20px; margin-bottom: 2px; }} .sub {{ color: #666; margin-top: 0; }}
.facts {{ font-size: 15px; }} .facts span {{ margin-right: 22px; }}
table {{ border-collapse: collapse; width: 100%; font-size: 13px; margin: 14px 0; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 5px 6px; text-align: left;
  vertical-align: top; }}
th {{ background: #f4f4f4; }} td.r, th.r {{ text-align: right; }}
td.n {{ font-weight: bold; color: #0072B2; }} .note {{ color: #8a5a00; }}
figure.map svg {{ max-width: 100%; height: auto; }}
@media print {{ body {{ margin: 8mm; }} figure.map {{ page-break-before: always; }} }}
</style></head><body>
<h1>Route to {html.escape(goal_label or "the goal")}</h1>
<p class=sub>{html.escape(title)}</p>
<p class=facts>{"".join(f"<span>{f}</span>" for f in facts)}</p>
{note}
<table><thead><tr><th>#</th><th>step</th><th>what</th><th class=r>months</th>
<th class=r>cost</th><th class=r>total months</th><th class=r>total cost</th>
<th class=r>wage</th><th>support services</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>
{figure}
</body></html>
"""


def route_map(
    G: nx.MultiDiGraph | Pathway, route: RouteLike, path: str | os.PathLike[str]
) -> Path:
    """Write a learner's route map: a printable HTML page, or an SVG map.

    ``.html``: a one-page plan (each step with its months, cost, running totals,
    wage and support services) followed by the route drawn bold on the pathway map
    (when Graphviz is installed). ``.svg``: only the map. Written atomically.

    Raises
    ------
    pathgraph.ArgumentError
        When ``path`` is not ``.html``, ``.htm`` or ``.svg``.
    pathgraph.MissingDependencyError
        For ``.svg`` when Graphviz is not installed.

    Examples
    --------
    >>> import pathgraph, tempfile, os
    >>> G = pathgraph.to_graph(pathgraph.load_example("bht"))
    >>> route = pathgraph.route(G, "bht-assoc", entry="abe")
    >>> out = os.path.join(tempfile.mkdtemp(), "route.html")
    >>> pathgraph.render.route_map(G, route, out).name
    'route.html'
    """

    if isinstance(G, Pathway):
        G = to_graph(G)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".svg", ".html", ".htm"):
        raise ArgumentError(f"a route map is .html or .svg, not {path.name!r}")
    marks = mark(G, route=route)
    if suffix == ".svg":
        atomic_write(path, render_dot(dot_source(marks), "svg"))
    else:
        svg = svg_text(marks) if shutil.which("dot") else None
        atomic_write(path, route_page(G, route, svg=svg))
    return path
