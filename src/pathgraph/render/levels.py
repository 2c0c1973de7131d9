"""Map columns: which level (entry -> middle -> advanced) each node is drawn at."""

from __future__ import annotations

from typing import Any

import networkx as nx

from pathgraph.errors import GraphContractError, Problem
from pathgraph.model import PROGRESSION_KINDS

__all__ = ["levels"]


def levels(G: nx.MultiDiGraph, nodes: Any = None) -> dict[Any, int]:
    """The column of each node: its ``level`` attribute, or a longest-path layer.

    Nodes without a ``level`` attribute are layered along progression edges
    (``requires`` and ``advances_to`` included): a node sits one column right of
    its furthest predecessor. Cycles are condensed first, so every member of a cycle
    shares a column. Then each condition without a ``level`` and outside cycles
    (owners first) moves to one column left of its nearest successor (the record it
    belongs to), or, with no successor, stays; in either case at least one column
    right of its furthest option. So a condition stands between its options and its
    owner, next to the owner (an open condition, with no options, too), wherever
    the columns of its options and owner leave room (``level`` attributes can leave
    none). Deterministic; O(V + E).

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
    order = list(nx.lexicographical_topological_sort(C))
    layer: dict[int, int] = {}
    for c in order:
        preds = [layer[p] + 1 for p in C.predecessors(c)]
        layer[c] = max(preds, default=0)
    out: dict[Any, int] = {}
    bad: list[Problem] = []
    for n in keep:
        explicit = G.nodes[n].get("level")
        if explicit is None:
            out[n] = layer[members[n]]
        elif _whole(explicit):
            out[n] = int(explicit)
        else:
            bad.append(
                Problem(
                    f"node {n!r}",
                    f"level must be a whole number >= 0 (a map column), not "
                    f"{explicit!r}",
                    "set level to 0, 1, 2... or leave it out (the map derives it)",
                )
            )
    if bad:
        raise GraphContractError(sorted(bad, key=str), source="graph")
    _conditions_to_owners(G, H, C, order, out)
    return out


def _conditions_to_owners(
    G: nx.MultiDiGraph,
    H: nx.DiGraph,
    C: nx.DiGraph,
    order: list[int],
    out: dict[Any, int],
) -> None:
    """Place each condition without a ``level`` and outside cycles next to its
    owner (see :func:`levels`), successors first."""
    for c in reversed(order):
        group = C.nodes[c]["members"]
        if len(group) != 1:
            continue
        (n,) = group
        attrs = G.nodes[n]
        if attrs.get("kind") != "condition" or attrs.get("level") is not None:
            continue
        after = [out[s] for s in H.successors(n)]
        lo = max((out[p] + 1 for p in H.predecessors(n)), default=0)
        out[n] = max(min(after) - 1 if after else out[n], lo)


def _whole(value: Any) -> bool:
    """A level the map can use: a whole number >= 0 (a float like 2.0 too)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return value >= 0 and float(value).is_integer() and value < 10**6
