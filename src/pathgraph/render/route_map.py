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
from pathgraph.render.conditions import custom_label, met_on_route, to_confirm
from pathgraph.render.graphviz import (
    ASSESSMENT_WORDS,
    dot_source,
    render_dot,
    svg_text,
)
from pathgraph.render.marking import RouteLike, drawn_nodes, mark, route_numbers
from pathgraph.render.words import page_lang
from pathgraph.render.words import sheet_word as _w

__all__ = [
    "ACTION_WORDS",
    "action_words",
    "route_map",
    "route_only",
    "route_page",
    "route_to_confirm",
]


def _num(x: Any, money: bool = False) -> str:
    if x is None:
        return ""
    return f"${float(x):,.0f}" if money else f"{float(x):g}"


#: How each route action reads on the plan (``pass`` adds the assessment's type).
ACTION_WORDS = {
    "complete": "complete",
    "take": "take course",
    "pass": "pass",
    "meet": "earn by meeting",
    "stack": "stack",
    "hired": "get hired",
    "advance": "advance",
    "switch": "move to a related job",
}


def _label(G: nx.MultiDiGraph, n: Any) -> str:
    return str(G.nodes[n].get("label", n)) if n in G else str(n)


def action_words(G: nx.MultiDiGraph, step: Any) -> str:
    """What a step's action says on the plan: ``take course``, ``pass licensure
    exam``, ``earn by meeting``...; an action this version does not know, as is.

    Examples
    --------
    >>> import networkx as nx
    >>> from types import SimpleNamespace as S
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("nclex", kind="assessment", assessment_type="licensure")
    >>> action_words(G, S(action="pass", node="nclex")), action_words(G, S(action="x"))
    ('pass licensure exam', 'x')
    >>> action_words(G, S(action="meet", earns=("rn",)))
    'earn by meeting'
    """
    action = str(getattr(step, "action", ""))
    words = _w(G, action) if action in ACTION_WORDS else action
    node = getattr(step, "node", None)
    if action == "meet" and not getattr(step, "earns", ()):
        # a router that lists every condition met
        words = _w(G, "meet requirement")
    if action == "pass" and node in G:
        kind = str(G.nodes[node].get("assessment_type") or "exam")
        words += " " + _w(G, kind if kind in ASSESSMENT_WORDS else "assessment")
    return words


def _what(G: nx.MultiDiGraph, step: Any) -> str:
    """The "what" cell: the step's record (for a condition met: what it earns and
    the requirement it met), what it earns, and what it counts toward."""
    node = getattr(step, "node", "")
    label = getattr(step, "label", None) or _label(G, node)
    earns = [e for e in getattr(step, "earns", ()) or () if e in G]
    small: list[str] = []
    is_condition = node in G and G.nodes[node].get("kind") == "condition"
    if is_condition:
        if earns:
            title = ", ".join(_label(G, e) for e in earns)
            small.append(f"{_w(G, 'requirements met')}: {label}")
        else:
            title = custom_label(G, node) or label
            if title != label:
                small.append(label)
        small += [f"{_w(G, 'to confirm')}: {t}" for t in to_confirm(G.nodes[node])]
    else:
        title = str(label)
        if earns:
            small.append(_w(G, "earns") + " " + ", ".join(_label(G, e) for e in earns))
    toward = [str(t) for t in getattr(step, "counts_toward", ()) or ()]
    records = _records_toward(G, toward) or toward
    if records:
        small.append(
            _w(G, "counts toward") + " " + ", ".join(_label(G, t) for t in records)
        )
    aid = getattr(step, "aid", 0) or 0
    if aid:
        small.append(
            _w(G, "aid") + ": " + "; ".join(map(str, getattr(step, "aid_from", ())))
        )
    starts = [str(x) for x in getattr(step, "starts", ()) or ()]
    if starts:
        small.append(_w(G, "starts") + " " + ", ".join(starts))
    providers = [str(x) for x in getattr(step, "provider", ()) or ()]
    if providers:
        small.append(_w(G, "offered by") + " " + "; ".join(providers))
    ids = [str(o) for o in getattr(step, "opens_ids", ()) or ()]
    opens = (
        [_job(G, o) for o in ids]
        if ids and all(o in G for o in ids)
        else [str(o) for o in getattr(step, "opens", ()) or ()]
    )
    jobs = "".join(
        f"<br><small class=job>{html.escape(_w(G, 'job open now'))}: "
        f"{html.escape(o)}</small>"
        for o in opens
    )
    return (
        f"<b>{html.escape(title)}</b>"
        + "".join(f"<br><small>{html.escape(x)}</small>" for x in small)
        + jobs
    )


def _job(G: nx.MultiDiGraph, o: str) -> str:
    """An occupation that opens, in the page's language: label [id]: wage."""
    wage = G.nodes[o].get("wage_median")
    money = "" if wage is None else f": {_w(G, 'median wage')} {_num(wage, True)}"
    return f"{_label(G, o)} [{o}]{money}"


def _records_toward(G: nx.MultiDiGraph, toward: list[str]) -> list[str]:
    """The records among ``toward``, a condition standing for the credentials it
    awards (a condition that awards nothing is left out), each once, in order."""
    out: dict[str, None] = {}
    for t in toward:
        if t not in G:
            continue
        if G.nodes[t].get("kind") != "condition":
            out[t] = None
            continue
        for _, v, k in sorted(G.out_edges(t, data="kind"), key=lambda e: str(e[1])):
            if k == "awards":
                out[str(v)] = None
    return list(out)


def _step_row(G: nx.MultiDiGraph, i: int, step: Any) -> str:
    """One row of the plan: the step, what it earns, months, cost, totals, wage."""
    services = getattr(step, "services", ()) or ()
    return (
        "<tr>"
        f"<td class=n>{i}</td>"
        f"<td>{html.escape(action_words(G, step))}</td>"
        f"<td>{_what(G, step)}</td>"
        f"<td class=r>{_num(getattr(step, 'months', None))}</td>"
        f"<td class=r>{_num(getattr(step, 'cost', None), money=True)}</td>"
        f"<td class=r>{_num(getattr(step, 'total_months', None))}</td>"
        f"<td class=r>{_num(getattr(step, 'total_cost', None), money=True)}</td>"
        f"<td class=r>{_num(getattr(step, 'wage', None), money=True)}</td>"
        f"<td>{html.escape(', '.join(map(str, services)))}</td>"
        "</tr>"
    )


def route_to_confirm(G: nx.MultiDiGraph, route: RouteLike) -> tuple[str, ...]:
    """What a person must check on a route: its ``to_confirm`` when it has one;
    else ``"label: text"`` for each ``to_confirm`` item of the conditions the
    route meets (:func:`pathgraph.render.conditions.met_on_route`), by id.

    Examples
    --------
    >>> import pathgraph
    >>> G = pathgraph.to_graph(pathgraph.load_example("bht"))
    >>> route_to_confirm(G, pathgraph.route(G, "bht-assoc", entry="abe"))
    ()
    """
    given = getattr(route, "to_confirm", None)
    if given is not None:
        return tuple(str(t) for t in given)
    nodes = [str(n) for n in route.nodes]
    held = [*nodes, *(str(n) for n in getattr(route, "holds_after", ()) or ())]
    start = [str(n) for n in getattr(route, "holds_before", ()) or ()]
    met = met_on_route(G, drawn_nodes(G, "programs", False), nodes, held, start)
    return tuple(
        f"{_label(G, c)}: {t}"
        for c in sorted(met, key=str)
        for t in to_confirm(G.nodes[c])
    )


def route_page(G: nx.MultiDiGraph, route: RouteLike, *, svg: str | None = None) -> str:
    """The route map as one HTML page (timeline table, and the map when given), in
    the language of ``G.graph["lang"]`` (:data:`pathgraph.render.words.WORDS`;
    English otherwise)."""
    e = html.escape
    title = str(G.graph.get("title") or _w(G, "pathway"))
    goal = getattr(route, "goal", None)
    goal_label = ""
    if isinstance(goal, str) and goal in G:
        goal_label = str(G.nodes[goal].get("label", goal))
    rows = [_step_row(G, i, step) for i, step in enumerate(route.steps, start=1)]
    months = getattr(route, "months", None)
    cost = getattr(route, "cost", None)
    wage_before = getattr(route, "wage_before", None)
    wage_after = getattr(route, "wage_after", None)
    facts = [
        f"<b>{_num(months)}</b> {e(_w(G, 'months'))}",
        f"<b>{_num(cost, money=True)}</b>",
    ]
    aid = getattr(route, "aid", 0) or 0
    if aid:
        net = getattr(route, "net_cost", None)
        after = _w(G, "after aid").format(
            net=_num(net, money=True), aid=_num(aid, money=True)
        )
        facts[-1] += f" ({e(after)})"
    if wage_after is not None:
        facts.append(
            e(_w(G, "wage"))
            + " "
            + (f"{_num(wage_before, money=True)} → " if wage_before else "")
            + f"<b>{_num(wage_after, money=True)}</b> {e(_w(G, 'a year'))}"
        )
    confirm = route_to_confirm(G, route)
    if confirm:
        items = "".join(f"<li>{e(t)}</li>" for t in confirm)
        confirm_html = (
            f"<h2>{e(_w(G, 'To confirm'))}</h2><p class=note>"
            f"{e(_w(G, 'confirm note'))}</p><ul>{items}</ul>"
        )
    else:
        confirm_html = ""
    assumed = [str(t) for t in getattr(route, "assumes", ()) or ()]
    if assumed:
        items = "".join(f"<li>{e(t)}</li>" for t in assumed)
        confirm_html += (
            f"<h2>{e(_w(G, 'Assumed'))}</h2><p class=note>"
            f"{e(_w(G, 'assumed note'))}</p><ul>{items}</ul>"
        )
    optimal = getattr(route, "optimal", None)
    note = (
        ""
        if optimal in (None, True)
        else f"<p class=note>{e(_w(G, 'not optimal'))}</p>"
    )
    figure = (
        f'<figure class="map">{svg}</figure>'
        if svg
        else f"<p class=note>{e(_w(G, 'install graphviz'))}</p>"
    )
    heading = f"{_w(G, 'Route to')} {goal_label or _w(G, 'the goal')}"
    head = "".join(
        f"<th{' class=r' if key in _RIGHT else ''}>{e(_w(G, key))}</th>"
        for key in (
            "#",
            "step",
            "what",
            "months",
            "cost",
            "total months",
            "total cost",
            "wage",
            "support services",
        )
    )
    return f"""<!DOCTYPE html>
<html lang="{e(page_lang(G))}"><head><meta charset="utf-8">
<meta name="generator" content="pathgraph">
<title>{e(heading)}</title>
<style>
body {{ font-family: Helvetica, Arial, sans-serif; margin: 24px; color: #222; }}
h1 {{ font-size: 20px; margin-bottom: 2px; }} .sub {{ color: #666; margin-top: 0; }}
h2 {{ font-size: 16px; margin-bottom: 2px; }} small {{ color: #555; }}
small.job {{ color: #00603f; font-weight: bold; }}
.facts {{ font-size: 15px; }} .facts span {{ margin-right: 22px; }}
table {{ border-collapse: collapse; width: 100%; font-size: 13px; margin: 14px 0; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 5px 6px; text-align: left;
  vertical-align: top; }}
th {{ background: #f4f4f4; }} td.r, th.r {{ text-align: right; }}
td.n {{ font-weight: bold; color: #0072B2; }} .note {{ color: #8a5a00; }}
figure.map svg {{ max-width: 100%; height: auto; }}
@media print {{ body {{ margin: 8mm; }}
  figure.map {{ page-break-before: always; page: map; }} }}
@page map {{ size: landscape; }}
</style></head><body><main>
<h1>{e(heading)}</h1>
<p class=sub>{e(title)}</p>
<p class=facts>{"".join(f"<span>{f}</span>" for f in facts)}</p>
{note}
<table><thead><tr>{head}</tr></thead>
<tbody>{"".join(rows)}</tbody></table>
{confirm_html}
{figure}
</main></body></html>
"""


#: Columns of the plan aligned right (numbers).
_RIGHT = frozenset({"months", "cost", "total months", "total cost", "wage"})


def route_only(G: nx.MultiDiGraph, route: RouteLike) -> nx.MultiDiGraph:
    """The part of ``G`` a route sheet draws: the records the route takes, earns or
    holds (:func:`~pathgraph.render.marking.route_numbers`) and the conditions it
    meets on its way, with the relations among them and the graph's attributes
    (title, language).

    A pathway map of a region is too wide to read on a printed page; the route
    alone is a handful of boxes.

    Examples
    --------
    >>> import pathgraph
    >>> G = pathgraph.to_graph(pathgraph.load_example("bht"))
    >>> r = pathgraph.route(G, "bht-assoc", entry="abe")
    >>> sorted(route_only(G, r))
    ['abe-ged', 'bht-aas', 'bht-assoc', 'hse']
    """
    keep = {n for n in route_numbers(route) if n in G}
    nodes = [str(n) for n in route.nodes]
    held = [str(n) for n in getattr(route, "holds_after", ()) or ()]
    start = [str(n) for n in getattr(route, "holds_before", ()) or ()]
    keep |= met_on_route(G, G.nodes, nodes, [*nodes, *held], start)
    sub: nx.MultiDiGraph = G.subgraph(sorted(keep, key=str)).copy()
    return sub


def route_map(
    G: nx.MultiDiGraph | Pathway, route: RouteLike, path: str | os.PathLike[str]
) -> Path:
    """Write a learner's route map: a printable HTML page, or an SVG map.

    ``.html``: a one-page plan (each step with its months, cost, running totals,
    wage and support services; courses taken, assessments passed and credentials
    earned by meeting their requirements, with what each step counts toward),
    what is to be confirmed (:func:`route_to_confirm`), then a map of just the
    route (:func:`route_only`: its records and the conditions it meets, readable
    on paper, printed on a landscape page; when Graphviz is installed). ``.pdf``:
    the same page printed by headless Chromium (:mod:`pathgraph.render.pdf`).
    ``.svg``: only a map, the route drawn bold on the whole pathway. Written
    atomically.

    The route is read defensively (``getattr``): a step's ``counts_toward`` and
    the route's ``to_confirm``, ``holds_before`` and ``holds_after`` are used
    when present.

    Raises
    ------
    pathgraph.ArgumentError
        When ``path`` is not ``.html``, ``.htm``, ``.pdf`` or ``.svg``.
    pathgraph.MissingDependencyError
        For ``.svg`` when Graphviz is not installed, for ``.pdf`` when Chromium
        is not.

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
    if suffix not in (".svg", ".html", ".htm", ".pdf"):
        raise ArgumentError(f"a route map is .html, .pdf or .svg, not {path.name!r}")
    if suffix == ".svg":
        atomic_write(path, render_dot(dot_source(mark(G, route=route)), "svg"))
        return path
    just_the_route = mark(route_only(G, route), route=route)
    svg = svg_text(just_the_route) if shutil.which("dot") else None
    page = route_page(G, route, svg=svg)
    if suffix == ".pdf":
        # lazy: only a PDF needs the browser
        from pathgraph.render.pdf import html_to_pdf

        atomic_write(path, html_to_pdf(page))
    else:
        atomic_write(path, page)
    return path
