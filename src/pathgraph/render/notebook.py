"""Rich display in Jupyter: HTML summaries and inline SVG maps."""

from __future__ import annotations

import html
import shutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathgraph.model import Pathway

__all__ = ["pathway_html", "pathway_svg"]


def pathway_svg(pathway: Pathway) -> str | None:
    """The pathway map as SVG text, or None when Graphviz is not installed."""
    if shutil.which("dot") is None:
        return None
    from pathgraph.graph import to_graph
    from pathgraph.render.graphviz import render_dot, to_dot

    raw = render_dot(to_dot(to_graph(pathway)), "svg").decode("utf-8")
    return raw[raw.find("<svg") :]


def pathway_html(pathway: Pathway) -> str:
    """A pathway as HTML: its title, counts by kind, and the map when possible."""
    counts = pathway.counts()
    rows = "".join(
        f"<tr><td>{html.escape(k.split(':')[1])}</td><td>{v}</td></tr>"
        for k, v in counts.items()
        if k.startswith("node:")
    )
    svg = pathway_svg(pathway) if len(pathway.nodes) <= 400 else None
    figure = f"<div style='max-width:100%;overflow:auto'>{svg}</div>" if svg else ""
    return (
        f"<p><b>{html.escape(pathway.title)}</b> "
        f"({len(pathway.nodes)} records, {len(pathway.relations)} relations)</p>"
        f"<table><tbody>{rows}</tbody></table>{figure}"
    )
