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
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from pathgraph._files import atomic_write
from pathgraph.contract import CONTEXT_NODE_KINDS
from pathgraph.errors import MissingDependencyError
from pathgraph.graph import to_graph
from pathgraph.model import Pathway
from pathgraph.render.graphviz import (
    ReportLike,
    RouteLike,
    _visible_nodes,
    node_details,
    render_dot,
    route_numbers,
    to_dot,
)
from pathgraph.render.levels import levels
from pathgraph.render.style import (
    EDGE_STYLE,
    FADED_FILL,
    FADED_LINE,
    HIGHLIGHT_COLOR,
    NODE_STYLE,
    ROUTE_COLOR,
    SEVERITY_COLOR,
)

__all__ = ["json_for_html", "to_html"]

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


def _dot_positions(G: nx.MultiDiGraph, context: bool) -> dict[str, tuple[int, int]]:
    """Node centres from Graphviz's layout of the same map ({} without ``dot``).

    The interactive map then matches the static one: lanes kept together, edge
    crossings reduced by ``dot``; vis-network's own hierarchical layout is the
    fallback. Coordinates are rounded to whole pixels, y pointing down.
    """
    if shutil.which("dot") is None:
        return {}
    layout = json.loads(render_dot(to_dot(G, context=context, legend=False), "json"))
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
    if isinstance(G, Pathway):
        G = to_graph(G)
    js, css = _vis_assets()
    nodes = sorted(_visible_nodes(G, "programs", context), key=str)
    visible = set(nodes)
    col = levels(G, nodes)
    placed = _dot_positions(G, context)
    marks: dict[str, list[Any]] = defaultdict(list)
    for f in report.findings if report is not None else ():
        if f.node is not None:
            marks[str(f.node)].append(f)
    on_route = route_numbers(route)
    highlighted = {str(h) for h in (highlight or ())}
    supports: dict[Any, list[str]] = defaultdict(list)
    for u, v, k in G.edges(data="kind"):
        if k == "supports":
            supports[v].append(str(G.nodes[u].get("label", u)))

    data_nodes: list[dict[str, Any]] = []
    for n in nodes:
        attrs = G.nodes[n]
        kind = str(attrs.get("kind"))
        st = NODE_STYLE[kind]
        name = str(attrs.get("label", n))
        lines = [name, *node_details(attrs)]
        step = on_route.get(str(n))
        if step is not None:
            lines[0] = f"{step}. {name}"
        card = _card(attrs, n)
        if supports.get(n):
            card.append(["supports", ", ".join(sorted(supports[n]))])
        fill, border, width = st.fill, st.border, 1
        found = marks.get(str(n), [])
        for f in found:
            card.append([f"{f.code} {f.rule}", f.message])
        if route is not None:
            if step is None:
                fill, border = FADED_FILL, FADED_LINE
            else:
                border, width = ROUTE_COLOR, 3
        if found:
            sev = min(
                found, key=lambda f: ("error", "warning", "info").index(f.severity)
            )
            border, width = SEVERITY_COLOR[sev.severity], 3
            lines.append("⚠ " + ", ".join(sorted({f.code for f in found})))
        if str(n) in highlighted:
            border, width = HIGHLIGHT_COLOR, 4
        data_nodes.append(
            {
                "id": str(n),
                "label": "\n".join(lines),
                "kind": kind,
                "level": col[n],
                "shape": st.vis_shape,
                "color": {
                    "background": fill,
                    "border": border,
                    "highlight": {"background": fill, "border": border},
                },
                "borderWidth": width,
                "card": {"title": name, "rows": card},
            }
        )
        if str(n) in placed:
            data_nodes[-1]["x"], data_nodes[-1]["y"] = placed[str(n)]
    data_edges: list[dict[str, Any]] = []
    for i, (u, v, _key, d) in enumerate(
        sorted(
            G.edges(keys=True, data=True),
            key=lambda e: (str(e[0]), str(e[1]), str(e[2])),
        )
    ):
        if u not in visible or v not in visible:
            continue
        kind = str(d.get("kind"))
        es = EDGE_STYLE.get(kind)
        if es is None:
            continue
        color = es.color
        width = 2 if es.style == "bold" else 1
        if route is not None:
            both = str(u) in on_route and str(v) in on_route
            color, width = (ROUTE_COLOR, 3) if both else (FADED_LINE, 1)
        data_edges.append(
            {
                "id": f"e{i}",
                "from": str(u),
                "to": str(v),
                "kind": kind,
                "dashes": es.style in ("dashed", "dotted"),
                "color": {"color": color},
                "width": width,
                "arrows": "to",
            }
        )
    kinds = sorted({str(n["kind"]) for n in data_nodes})
    legend = [
        {
            "kind": k,
            "title": NODE_STYLE[k].title,
            "fill": NODE_STYLE[k].fill,
            "border": NODE_STYLE[k].border,
        }
        for k in kinds
    ]
    edge_legend = sorted({str(e["kind"]) for e in data_edges})
    payload = {
        "nodes": data_nodes,
        "edges": data_edges,
        "legend": legend,
        "edgeLegend": [
            {"kind": k, "title": EDGE_STYLE[k].title, "color": EDGE_STYLE[k].color}
            for k in edge_legend
        ],
        "context": sorted(CONTEXT_NODE_KINDS),
    }
    heading = title if title is not None else str(G.graph.get("title", "Pathway map"))
    page = _TEMPLATE.format(
        title=html.escape(heading),
        css=css,
        js=js.replace("</script", "<\\/script"),
        data=json_for_html(payload),
        height=html.escape(height),
        app=_APP,
    )
    if path is not None:
        atomic_write(path, page)
    return page


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="pathgraph">
<title>{title}</title>
<style>{css}</style>
<style>
body {{ font-family: Helvetica, Arial, sans-serif; margin: 0; color: #222; }}
header {{ padding: 10px 16px; border-bottom: 1px solid #ddd; }}
h1 {{ font-size: 18px; margin: 0 0 6px 0; }}
#filters label {{ margin-right: 14px; font-size: 13px; white-space: nowrap; }}
.swatch {{ display: inline-block; width: 12px; height: 12px; border: 1px solid;
  vertical-align: middle; margin-right: 4px; }}
main {{ display: flex; }}
#map {{ flex: 1; height: {height}; }}
#card {{ width: 300px; padding: 10px 14px; border-left: 1px solid #ddd;
  font-size: 13px; overflow-y: auto; height: {height}; box-sizing: border-box; }}
#card table {{ border-collapse: collapse; width: 100%; }}
#card td {{ border-bottom: 1px solid #eee; padding: 3px 4px; vertical-align: top; }}
#card td:first-child {{ color: #666; white-space: nowrap; }}
#edges span {{ margin-right: 12px; font-size: 12px; }}
</style>
<script>{js}</script>
</head>
<body>
<header>
<h1>{title}</h1>
<div id="filters"></div>
<div id="edges"></div>
</header>
<main><div id="map"></div>
<aside id="card"><p>Point at a step to see its details.</p></aside></main>
<pre id="pathgraph-status" hidden></pre>
<script type="application/json" id="pathgraph-data">{data}</script>
<script>{app}</script>
</body>
</html>
"""

_APP = r"""
(function () {
  "use strict";
  var errors = [];
  window.addEventListener("error", function (e) { errors.push(String(e.message)); });
  var data = JSON.parse(document.getElementById("pathgraph-data").textContent);
  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  var placed = data.nodes.length > 0 && data.nodes.every(function (n) {
    return n.x !== undefined; });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: n.label, level: n.level, shape: n.shape,
             x: n.x, y: n.y,
             color: n.color, borderWidth: n.borderWidth, kind: n.kind,
             font: { face: "Helvetica", size: 13, multi: false },
             widthConstraint: { maximum: 170 }, margin: 8 };
  }));
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("map"),
    { nodes: nodes, edges: edges }, {
      layout: { randomSeed: 1, hierarchical: { enabled: !placed, direction: "LR",
        sortMethod: "directed", levelSeparation: 210, nodeSpacing: 110,
        shakeTowards: "roots" } },
      physics: { enabled: false },
      interaction: { hover: true, tooltipDelay: 100 },
      edges: { smooth: placed ? { type: "curvedCW", roundness: 0.08 }
        : { type: "cubicBezier", forceDirection: "horizontal" } }
    });
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  function showCard(id) {
    var card = document.getElementById("card");
    while (card.firstChild) { card.removeChild(card.firstChild); }
    var n = byId[id];
    if (!n) { return; }
    card.appendChild(el("h2", n.card.title));
    var table = el("table");
    n.card.rows.forEach(function (row) {
      var tr = el("tr");
      tr.appendChild(el("td", row[0]));
      tr.appendChild(el("td", row[1]));
      table.appendChild(tr);
    });
    card.appendChild(table);
  }
  network.on("hoverNode", function (p) { showCard(p.node); });
  network.on("click", function (p) { if (p.nodes.length) { showCard(p.nodes[0]); } });
  var filters = document.getElementById("filters");
  data.legend.forEach(function (k) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.kind = k.kind;
    box.addEventListener("change", function () {
      var hidden = !box.checked;
      nodes.update(data.nodes.filter(function (n) { return n.kind === k.kind; })
        .map(function (n) { return { id: n.id, hidden: hidden }; }));
    });
    var swatch = el("span");
    swatch.className = "swatch";
    swatch.style.background = k.fill; swatch.style.borderColor = k.border;
    label.appendChild(box); label.appendChild(swatch);
    label.appendChild(document.createTextNode(k.title));
    filters.appendChild(label);
  });
  var edgeKey = document.getElementById("edges");
  data.edgeLegend.forEach(function (k) {
    var s = el("span", "\u2192 " + k.title);
    s.style.color = k.color;
    edgeKey.appendChild(s);
  });
  function report() {
    var status = document.getElementById("pathgraph-status");
    status.textContent = JSON.stringify({
      nodes: network.body.data.nodes.length,
      drawn: Object.keys(network.body.nodes).filter(function (id) {
        return byId[id] !== undefined; }).length,
      edges: network.body.data.edges.length,
      errors: errors,
      injected: window.__pathgraph_injected === true
    });
  }
  network.once("afterDrawing", report);
  window.pathgraphNetwork = network;
})();
"""
