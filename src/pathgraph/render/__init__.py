"""Pathway maps: Graphviz (DOT, SVG, PNG, PDF), offline interactive HTML, route maps.

Every renderer takes a graph (or Pathway) plus optional results (a check report, a
route), never modifies the graph, reads one marking pass
(:func:`pathgraph.render.marking.mark`: what is drawn, levels, lanes, route steps,
findings, highlights), uses the one style table in :mod:`pathgraph.render.style`,
and writes deterministic output atomically.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from pathgraph.model import Pathway
from pathgraph.render.folding import FOLD_ABOVE
from pathgraph.render.graphviz import DOT_TIMEOUT, to_dot, write_rendered
from pathgraph.render.html import to_html
from pathgraph.render.marking import Marks, ReportLike, RouteLike, mark
from pathgraph.render.route_map import route_map, route_only
from pathgraph.render.style import EDGE_STYLE, NODE_STYLE

__all__ = [
    "DOT_TIMEOUT",
    "EDGE_STYLE",
    "FOLD_ABOVE",
    "NODE_STYLE",
    "Marks",
    "mark",
    "route_map",
    "route_only",
    "to_dot",
    "to_html",
    "write",
]


def write(
    G: nx.MultiDiGraph | Pathway,
    path: str | os.PathLike[str],
    *,
    highlight: Iterable[str] | None = None,
    report: ReportLike | None = None,
    route: RouteLike | None = None,
    detail: str = "programs",
    context: bool = False,
    fold_above: int | None = FOLD_ABOVE,
    timeout: float | None = None,
    **options: Any,
) -> Path:
    """Draw the pathway map to a file, choosing the format by suffix.

    ``.svg``, ``.png``, ``.pdf`` (drawn by Graphviz's ``dot``), ``.dot`` (the DOT
    source) or ``.html`` (the interactive map, :func:`to_html`). The arguments are
    those of :func:`to_dot` (``fold_above``: above this many drawn records, lanes
    and kinds per level are drawn as summary boxes; ``None``: never), and
    ``timeout``: the seconds Graphviz may take (default :data:`DOT_TIMEOUT`, 60).
    The file is written atomically: never half-written.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    pathgraph.ArgumentError
        For another suffix, or a ``detail`` that is not ``"programs"`` or
        ``"courses"``.
    pathgraph.MissingDependencyError
        For SVG, PNG or PDF when Graphviz is not installed.
    pathgraph.RenderError
        When Graphviz fails, or takes longer than ``timeout``: nothing is written
        at ``path``, the DOT source is kept beside it (``map.svg.dot``) and the
        message says so, and how to fold the map or allow more time.

    Examples
    --------
    >>> import pathgraph, tempfile, os
    >>> from pathgraph import render
    >>> out = os.path.join(tempfile.mkdtemp(), "bht.dot")
    >>> render.write(pathgraph.load_example("bht"), out).name
    'bht.dot'
    """
    path = Path(path)
    if path.suffix.lower() == ".html":
        to_html(
            G,
            path,
            highlight=highlight,
            report=report,
            route=route,
            context=context,
            fold_above=fold_above,
            timeout=timeout,
            **options,
        )
        return path
    dot = to_dot(
        G,
        highlight=highlight,
        report=report,
        route=route,
        detail=detail,
        context=context,
        fold_above=fold_above,
        **options,
    )
    write_rendered(dot, path, timeout=timeout)
    return path
