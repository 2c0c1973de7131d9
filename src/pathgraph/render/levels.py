"""Map columns: which level (entry -> middle -> advanced) each node is drawn at."""

from __future__ import annotations

from typing import Any

import networkx as nx

from pathgraph.model import PROGRESSION_KINDS

__all__ = ["levels"]


def levels(G: nx.MultiDiGraph, nodes: Any = None) -> dict[Any, int]:
    """The column of each node: its ``level`` attribute, or a longest-path layer.

    Nodes without a ``level`` attribute are layered along progression edges
    (``requires`` and ``advances_to`` included): a node sits one column right of
    its furthest predecessor. Cycles are condensed first, so every member of a cycle
    shares a column. Deterministic; O(V + E).

    Parameters
    ----------
    G
        A pathway graph.
    nodes
        The nodes to place (default: all). Edges to other nodes are ignored.

    Examples
    --------
    >>> import pathgraph
    >>> from pathgraph.render.levels import levels
    >>> lv = levels(pathgraph.to_graph(pathgraph.load_example("bht")))
    >>> lv["abe-ged"], lv["hse"], lv["bht-aas"], lv["bht-assoc"]
    (0, 1, 8, 9)
    """
    keep = set(G.nodes if nodes is None else nodes)
    H = nx.DiGraph()
    H.add_nodes_from(sorted(keep, key=str))
    for u, v, k in G.edges(data="kind"):
        if k in PROGRESSION_KINDS and u in keep and v in keep and u != v:
            H.add_edge(u, v)
    C = nx.condensation(H)
    members = C.graph["mapping"]
    layer: dict[int, int] = {}
    for c in nx.lexicographical_topological_sort(C):
        preds = [layer[p] + 1 for p in C.predecessors(c)]
        layer[c] = max(preds, default=0)
    out: dict[Any, int] = {}
    for n in keep:
        explicit = G.nodes[n].get("level")
        out[n] = int(explicit) if explicit is not None else layer[members[n]]
    return out
