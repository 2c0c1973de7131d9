"""What every public verb takes, without NumPy: a graph or a Pathway, and holdings.

The array index (:mod:`pathgraph.analysis._core`) re-exports these; routing takes
them from here, so that a route for a person who holds named records (or starts
at ``abe``/``esl``, presets that hold nothing) loads no NumPy.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeAlias

import networkx as nx

from pathgraph.errors import (
    ArgumentError,
    GraphContractError,
    Problem,
    UnknownNodeError,
)
from pathgraph.graph import to_graph
from pathgraph.model import Pathway
from pathgraph.requirements import EMPTY_PRESETS, ENTRY_PRESETS

__all__ = [
    "GraphLike",
    "as_graph",
    "holdings_without_index",
    "require_multidigraph",
    "split_holds",
]

#: What analysis functions accept: a pathway graph or a Pathway.
GraphLike: TypeAlias = "nx.MultiDiGraph | Pathway"


def as_graph(G: GraphLike) -> nx.MultiDiGraph:
    """A graph from a graph or a Pathway (built with :func:`pathgraph.to_graph`).

    Every public verb takes its graph through this function, so that each accepts a
    Pathway or a graph and refuses anything else the same way.

    Raises
    ------
    pathgraph.ArgumentError
        ``G`` is neither a Pathway nor a NetworkX graph.
    pathgraph.GraphContractError
        ``G`` is a NetworkX graph of another class than ``MultiDiGraph``.
    """
    if isinstance(G, Pathway):
        return to_graph(G)
    return require_multidigraph(G)


def require_multidigraph(G: Any) -> nx.MultiDiGraph:
    """``G`` itself when it is a ``networkx.MultiDiGraph``; else a clear error."""
    if isinstance(G, nx.MultiDiGraph):
        return G
    if isinstance(G, nx.Graph):
        raise GraphContractError(
            [
                Problem(
                    "graph",
                    f"expected a networkx.MultiDiGraph, got {type(G).__name__}",
                    "convert with networkx.MultiDiGraph(G)",
                )
            ],
            source="graph",
        )
    raise ArgumentError(
        f"expected a Pathway or a networkx.MultiDiGraph, got {type(G).__name__}"
    )


def split_holds(
    G: nx.MultiDiGraph, holds: Iterable[str] | str
) -> tuple[list[str], list[str]]:
    """Held node ids and entry preset names, in the order given."""
    if isinstance(holds, str):
        holds = (holds,)
    ids: list[str] = []
    presets: list[str] = []
    for h in holds:
        if h in G:
            ids.append(h)
        elif h in ENTRY_PRESETS:
            presets.append(h)
        else:
            raise UnknownNodeError(
                f"{h!r} is neither a node of the graph nor an entry preset "
                f"({', '.join(ENTRY_PRESETS)})"
            )
    return ids, presets


def holdings_without_index(
    G: nx.MultiDiGraph, holds: Iterable[str] | str = (), entry: str | None = None
) -> frozenset[str] | None:
    """The holdings when no preset needs the graph's index (only ids, ``abe`` or
    ``esl``); None otherwise (then use
    :func:`pathgraph.analysis._core.resolve_holdings`)."""
    ids, presets = split_holds(G, holds)
    if entry is not None:
        presets.append(entry)
    if all(p in EMPTY_PRESETS for p in presets):
        return frozenset(ids)
    return None
