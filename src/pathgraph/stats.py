"""A pathway at a glance: sizes by kind, connectivity, wages."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from pathgraph.contract import PROGRESSION_NODE_KINDS
from pathgraph.graph import to_graph
from pathgraph.model import PROGRESSION_KINDS, Pathway

__all__ = ["Summary", "summary"]


@dataclass(frozen=True)
class Summary:
    """Sizes and shape of a pathway graph.

    Attributes
    ----------
    title : str
        ``G.graph["title"]`` (empty when absent).
    nodes, edges : int
        All nodes and edges.
    nodes_by_kind, edges_by_kind : dict
        Counts per ``kind``, sorted by kind.
    progression_nodes, progression_edges : int
        Occupations, credentials and programs; progression edges among them.
    components : int
        Weakly connected components of the progression view (a well-joined system
        has one per sector).
    destinations : int
        Nodes marked ``destination`` (0 means every occupation is a destination).
    wage_min, wage_max : float or None
        Lowest and highest ``wage_median`` among occupations that have one.
    """

    title: str
    nodes: int
    edges: int
    nodes_by_kind: dict[str, int] = field(default_factory=dict)
    edges_by_kind: dict[str, int] = field(default_factory=dict)
    progression_nodes: int = 0
    progression_edges: int = 0
    components: int = 0
    destinations: int = 0
    wage_min: float | None = None
    wage_max: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain dict (JSON-ready)."""
        return asdict(self)

    def to_json(self) -> str:
        """Deterministic JSON text."""
        return json.dumps(self.to_dict(), indent=2) + "\n"

    def __str__(self) -> str:
        lines = [self.title or "(untitled pathway)"]
        lines.append(f"  {self.nodes} nodes, {self.edges} edges")
        lines += [f"    {k:<16} {v:>7}" for k, v in self.nodes_by_kind.items()]
        lines.append("  relations")
        lines += [f"    {k:<16} {v:>7}" for k, v in self.edges_by_kind.items()]
        lines.append(
            f"  progression: {self.progression_nodes} nodes, "
            f"{self.progression_edges} edges, {self.components} component"
            f"{'s' * (self.components != 1)}"
        )
        lines.append(
            f"  destinations: {self.destinations or 'none marked (every occupation)'}"
        )
        if self.wage_min is not None:
            lines.append(
                f"  median wages: ${self.wage_min:,.0f} to ${self.wage_max:,.0f} a year"
            )
        return "\n".join(lines)


def summary(G: nx.MultiDiGraph | Pathway) -> Summary:
    """Sizes and shape of a pathway: counts by kind, progression, components, wages.

    Runs in O(V + E).

    Examples
    --------
    >>> import pathgraph
    >>> s = pathgraph.summary(pathgraph.read("examples/bht.yaml"))
    >>> s.nodes_by_kind["program"], s.components
    (6, 1)
    """
    if isinstance(G, Pathway):
        G = to_graph(G)
    node_kinds = Counter(str(k) for _, k in G.nodes(data="kind"))
    edge_kinds = Counter(str(k) for _, _, k in G.edges(data="kind"))
    prog = {n for n, k in G.nodes(data="kind") if k in PROGRESSION_NODE_KINDS}
    undirected = nx.Graph()
    undirected.add_nodes_from(prog)
    prog_edges = 0
    for u, v, k in G.edges(data="kind"):
        if k in PROGRESSION_KINDS and u in prog and v in prog:
            prog_edges += 1
            undirected.add_edge(u, v)
    wages = [
        float(d["wage_median"])
        for _, d in G.nodes(data=True)
        if d.get("kind") == "occupation" and d.get("wage_median") is not None
    ]
    return Summary(
        title=str(G.graph.get("title", "")),
        nodes=G.number_of_nodes(),
        edges=G.number_of_edges(),
        nodes_by_kind=dict(sorted(node_kinds.items())),
        edges_by_kind=dict(sorted(edge_kinds.items())),
        progression_nodes=len(prog),
        progression_edges=prog_edges,
        components=nx.number_connected_components(undirected) if prog else 0,
        destinations=sum(1 for _, d in G.nodes(data="destination") if d),
        wage_min=min(wages) if wages else None,
        wage_max=max(wages) if wages else None,
    )
