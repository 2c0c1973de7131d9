"""Rich display in Jupyter: HTML summaries and inline SVG maps."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from pathgraph.errors import RenderError
from pathgraph.graph import to_graph
from pathgraph.model import Pathway
from pathgraph.model.pathway import register_display, summary_html
from pathgraph.render.graphviz import svg_text
from pathgraph.render.marking import ReportLike, RouteLike, mark

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["map_svg", "pathway_html", "pathway_svg"]

#: Above this many nodes a notebook shows no inline map (it would be unreadable).
MAX_INLINE_NODES = 400


def map_svg(
    G: nx.MultiDiGraph | Pathway,
    *,
    report: ReportLike | None = None,
    route: RouteLike | None = None,
) -> str | None:
    """The map of ``G`` as inline SVG text, or None without Graphviz or when too big.

    For ``_repr_svg_`` of a result that keeps its graph: a report's findings are
    marked, a route is drawn bold over a faded system (as
    :func:`pathgraph.render.to_dot`). Returns None when ``dot`` is not installed,
    when the graph has more than ``MAX_INLINE_NODES`` nodes, or when Graphviz
    fails. The XML prologue is dropped so the text can be embedded in HTML.

    Examples
    --------
    >>> import pathgraph
    >>> from pathgraph.render.notebook import map_svg
    >>> G = pathgraph.to_graph(pathgraph.load_example("bht"))
    >>> svg = map_svg(G, report=pathgraph.check(G))
    >>> svg is None or (svg.startswith("<svg") and "PG202" in svg)
    True
    """
    if shutil.which("dot") is None:
        return None
    if len(G.nodes) > MAX_INLINE_NODES:
        return None
    try:
        return svg_text(mark(G, report=report, route=route))
    except RenderError:  # a notebook display never fails: no map instead
        return None


def pathway_svg(pathway: Pathway) -> str | None:
    """The pathway map as SVG text (for ``Pathway._repr_svg_``), or None.

    None when Graphviz is not installed or the pathway is too big to show inline.

    Examples
    --------
    >>> import pathgraph
    >>> from pathgraph.render.notebook import pathway_svg
    >>> svg = pathway_svg(pathgraph.load_example("bht"))
    >>> svg is None or svg.startswith("<svg")
    True
    """
    return map_svg(to_graph(pathway))


def pathway_html(pathway: Pathway) -> str:
    """A pathway as HTML (``Pathway._repr_html_``): title, counts by kind, the map.

    The map is inline SVG from :func:`pathway_svg` (absent without Graphviz). All
    text from the pathway is HTML-escaped.

    Examples
    --------
    >>> import pathgraph
    >>> from pathgraph.render.notebook import pathway_html
    >>> pathway_html(pathgraph.load_example("bht"))[:40]
    '<p><b>Behavioral Health Technician pathw'
    """
    svg = pathway_svg(pathway) if len(pathway.nodes) <= MAX_INLINE_NODES else None
    figure = f"<div style='max-width:100%;overflow:auto'>{svg}</div>" if svg else ""
    return summary_html(pathway) + figure


register_display("html", pathway_html)
