"""The interactive pathway map: one self-contained HTML page that works offline.

The page inlines vis-network (the JavaScript library pyvis ships, taken from the
installed pyvis package) instead of loading it from a CDN, and is written by
pathgraph's own template rather than pyvis's, for three reasons: pyvis 0.3.2's
template puts node data into a ``<script>`` with ``json.dumps``, so a label containing
``</script>`` breaks out of it; it loads its scripts from the network; and its element
ids are random, so output is not reproducible.

Safety: the data travels in a ``<script type="application/json">`` block with ``<``,
``>`` and ``&`` written as ``\\u003c``-style escapes, so no label can close it; vis
draws labels on a canvas as text; the hover card is built from DOM text nodes
(``textContent``), never from HTML strings. The page references nothing remote.
"""

from __future__ import annotations

import html
import json
import os
import shutil
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

import networkx as nx

from pathgraph._files import atomic_write
from pathgraph.contract import CONTEXT_NODE_KINDS
from pathgraph.errors import MissingDependencyError
from pathgraph.model import Pathway
from pathgraph.render.graphviz import dot_source, node_details, render_dot
from pathgraph.render.marking import (
    EdgeMark,
    Marks,
    NodeMark,
    ReportLike,
    RouteLike,
    mark,
)
from pathgraph.render.style import (
    EDGE_STYLE,
    FADED_FILL,
    FADED_LINE,
    HIGHLIGHT_COLOR,
    NODE_STYLE,
    ROUTE_COLOR,
    SEVERITY_COLOR,
)

__all__ = ["html_page", "json_for_html", "template", "to_html"]

_CARD_FIELDS = (
    "soc",
    "wage_median",
    "wage_p25",
    "wage_p75",
    "openings",
    "job_zone",
    "career_level",
    "credential_type",
    "industry_recognized",
    "issuer",
    "credits",
    "months",
    "cost",
    "modality",
    "schedule",
    "cip",
    "iet",
    "bridge",
    "earn_while_learning",
    "completers",
    "roles",
    "service_type",
    "url",
)


def json_for_html(value: Any) -> str:
    """JSON text safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` (and the JavaScript line separators) are written as
    ``\\u`` escapes, so no string in the data can end the element.

    Examples
    --------
    >>> json_for_html({"label": "</script><b>"})
    '{"label": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


@cache
def _vis_assets() -> tuple[str, str]:
    # lazy: start-up time; pyvis (and jinja2) load only for an interactive page
    try:
        import pyvis
    except ImportError:  # pragma: no cover - pyvis is a core dependency
        raise MissingDependencyError(
            "the HTML map needs pyvis: pip install pyvis"
        ) from None
    base = Path(pyvis.__file__).resolve().parent
    for folder in (
        base / "templates" / "lib" / "vis-9.1.2",
        base / "lib" / "vis-9.1.2",
    ):
        js, css = folder / "vis-network.min.js", folder / "vis-network.css"
        if js.is_file() and css.is_file():
            return js.read_text(encoding="utf-8"), css.read_text(encoding="utf-8")
    raise MissingDependencyError(  # pragma: no cover
        "vis-network was not found in the installed pyvis package; reinstall pyvis"
    )


def _card(attrs: dict[str, Any], node: Any) -> list[list[str]]:
    rows = [["id", str(node)], ["kind", str(attrs.get("kind"))]]
    for key in _CARD_FIELDS:
        value = attrs.get(key)
        if value is None or value is False or value == [] or value == "":
            continue
        if isinstance(value, list):
            value = ", ".join(map(str, value))
        rows.append([key.replace("_", " "), str(value)])
    if attrs.get("description"):
        rows.append(["description", str(attrs["description"])])
    return rows


def _dot_positions(marks: Marks) -> dict[str, tuple[int, int]]:
    """Node centres from Graphviz's layout of the same map ({} without ``dot``).

    The interactive map then matches the static one: lanes kept together, edge
    crossings reduced by ``dot``; vis-network's own hierarchical layout is the
    fallback. The layout is of the unmarked map (no step numbers or rule codes in
    the labels), so marking a report or route does not move nodes. Coordinates are
    rounded to whole pixels, y pointing down.
    """
    if shutil.which("dot") is None:
        return {}
    dot = dot_source(marks.plain(), legend=False)
    layout = json.loads(render_dot(dot, "json"))
    top = float(str(layout.get("bb", "0,0,0,0")).split(",")[3])
    out: dict[str, tuple[int, int]] = {}
    for obj in layout.get("objects", []):
        pos = obj.get("pos")
        if pos and "nodes" not in obj:
            x, y = (float(c) for c in str(pos).split(",")[:2])
            out[str(obj["name"])] = (round(x * 1.2), round((top - y) * 1.7))
    return out


def to_html(
    G: nx.MultiDiGraph | Pathway,
    path: str | os.PathLike[str] | None = None,
    *,
    highlight: Iterable[str] | None = None,
    report: ReportLike | None = None,
    route: RouteLike | None = None,
    context: bool = False,
    title: str | None = None,
    height: str = "780px",
) -> str:
    """The interactive pathway map as one offline HTML page (written to ``path``).

    Levels run left to right; hovering or clicking a node shows a card with its
    details; check boxes filter by kind; findings and the route are marked as in
    :func:`pathgraph.render.to_dot`. Output is deterministic. Nodes are placed
    where Graphviz's ``dot`` places them on the static map (levels left to right,
    lanes together) when ``dot`` is installed, else by vis-network's hierarchical
    layout on the same levels.

    Parameters
    ----------
    G
        A pathway graph or Pathway. It is not modified.
    path
        Where to write the page (atomically); ``None`` only returns it.
    highlight, report, route, context, title
        As for :func:`pathgraph.render.to_dot`.
    height
        CSS height of the map.

    Returns
    -------
    str
        The page.

    Examples
    --------
    >>> import pathgraph
    >>> page = pathgraph.render.to_html(pathgraph.load_example("bht"))
    >>> "vis.Network" in page and "https://" not in page.split("<body")[1]
    True
    """
    marks = mark(G, report=report, route=route, highlight=highlight, context=context)
    page = html_page(marks, title=title, height=height)
    if path is not None:
        atomic_write(path, page)
    return page


def html_page(marks: Marks, *, title: str | None = None, height: str = "780px") -> str:
    """The interactive page of a marked map (see :func:`to_html`).

    Examples
    --------
    >>> import pathgraph
    >>> page = html_page(mark(pathgraph.load_example("bht")), title="<BHT>")
    >>> "<title>&lt;BHT&gt;</title>" in page
    True
    """
    vis_js, vis_css = _vis_assets()
    heading = (
        title
        if title is not None
        else str(marks.graph.graph.get("title", "Pathway map"))
    )
    return Template(template("map.html")).substitute(
        title=html.escape(heading),
        vis_css=vis_css,
        vis_js=_script_text(vis_js),
        map_css=Template(template("map.css")).substitute(height=html.escape(height)),
        data=json_for_html(_payload(marks, _dot_positions(marks))),
        app=_script_text(template("map.js")),
    )


def _script_text(js: str) -> str:
    """JavaScript that cannot end its ``<script>`` element early."""
    return js.replace("</script", "<\\/script")


@cache
def template(name: str) -> str:
    """A file of the page's template (``map.html``, ``map.css``, ``map.js``).

    Examples
    --------
    >>> template("map.js").startswith("(function () {")
    True
    """
    files = resources.files("pathgraph.render") / "templates"
    return (files / name).read_text(encoding="utf-8")


def _node_data(
    m: NodeMark, marks: Marks, placed: dict[str, tuple[int, int]]
) -> dict[str, Any]:
    attrs = marks.graph.nodes[m.node]
    st = NODE_STYLE[m.kind]
    lines = [f"{m.step}. {m.label}" if m.step is not None else m.label]
    lines += node_details(attrs)
    card = _card(attrs, m.node)
    if m.services:
        card.append(["supports", ", ".join(m.services)])
    card += [[f"{f.code} {f.rule}", f.message] for f in m.findings]
    fill, border, width = st.fill, st.border, 1
    if m.faded:
        fill, border = FADED_FILL, FADED_LINE
    if m.step is not None:
        border, width = ROUTE_COLOR, 3
    if m.severity is not None:
        border, width = SEVERITY_COLOR[m.severity], 3
        lines.append("⚠ " + ", ".join(m.codes))
    if m.highlighted:
        border, width = HIGHLIGHT_COLOR, 4
    data: dict[str, Any] = {
        "id": str(m.node),
        "label": "\n".join(lines),
        "kind": m.kind,
        "level": m.level,
        "shape": st.vis_shape,
        "color": {
            "background": fill,
            "border": border,
            "highlight": {"background": fill, "border": border},
        },
        "borderWidth": width,
        "card": {"title": m.label, "rows": card},
    }
    if str(m.node) in placed:
        data["x"], data["y"] = placed[str(m.node)]
    return data


def _edge_data(e: EdgeMark, has_route: bool) -> dict[str, Any]:
    es = EDGE_STYLE[e.kind]
    color, width = es.color, 2 if es.style == "bold" else 1
    if has_route:
        color, width = (ROUTE_COLOR, 3) if e.on_route else (FADED_LINE, 1)
    return {
        "id": f"e{e.index}",
        "from": str(e.source),
        "to": str(e.target),
        "kind": e.kind,
        "dashes": es.style in ("dashed", "dotted"),
        "color": {"color": color},
        "width": width,
        "arrows": "to",
    }


def _payload(marks: Marks, placed: dict[str, tuple[int, int]]) -> dict[str, Any]:
    """The data the page's script draws: nodes, edges, legends."""
    kinds = sorted({m.kind for m in marks.nodes.values()})
    edge_kinds = sorted({e.kind for e in marks.edges})
    return {
        "nodes": [_node_data(m, marks, placed) for m in marks.nodes.values()],
        "edges": [_edge_data(e, marks.has_route) for e in marks.edges],
        "legend": [
            {
                "kind": k,
                "title": NODE_STYLE[k].title,
                "fill": NODE_STYLE[k].fill,
                "border": NODE_STYLE[k].border,
            }
            for k in kinds
        ],
        "edgeLegend": [
            {"kind": k, "title": EDGE_STYLE[k].title, "color": EDGE_STYLE[k].color}
            for k in edge_kinds
        ],
        "context": sorted(CONTEXT_NODE_KINDS),
    }
