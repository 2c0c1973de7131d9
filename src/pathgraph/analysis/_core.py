"""One pass over the graph builds what every analysis needs.

Algorithms read the graph through :class:`Progression`, built once in O(V + E) from
``G.nodes(data=True)`` and ``G.edges(data=True)``: plain dicts of lists are several
times faster to traverse than NetworkX views, which matters at state scale.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import networkx as nx

from pathgraph.graph import PROGRESSION_NODE_KINDS
from pathgraph.model import PROGRESSION_KINDS, Pathway

__all__ = ["GraphLike", "Progression", "as_graph", "progression", "reachable"]

#: What analysis functions accept: a pathway graph or a Pathway.
GraphLike: TypeAlias = "nx.MultiDiGraph | Pathway"


def as_graph(G: GraphLike) -> nx.MultiDiGraph:
    """A graph from a graph or a Pathway (built with :func:`pathgraph.to_graph`)."""
    if isinstance(G, Pathway):
        from pathgraph.graph import to_graph

        return to_graph(G)
    return G


@dataclass
class Progression:
    """Adjacency of the progression view, and the requirement structure.

    Attributes
    ----------
    kind : dict
        Node kind of every node of the graph.
    succ, pred : dict
        Progression successors and predecessors (progression nodes only).
    groups : dict
        ``node -> list of (need, options)``: the requirement groups of each node
        (see :mod:`pathgraph.requirements`) plus, for a credential, its "earn" group:
        any one of the programs that award it or the credentials that stack into it.
    earnable : set
        Credentials that have an earn group (some program awards them, or some
        credential stacks into them).
    """

    kind: dict[Any, str] = field(default_factory=dict)
    succ: dict[Any, list[Any]] = field(default_factory=lambda: defaultdict(list))
    pred: dict[Any, list[Any]] = field(default_factory=lambda: defaultdict(list))
    groups: dict[Any, list[tuple[int, list[Any]]]] = field(default_factory=dict)
    earnable: set[Any] = field(default_factory=set)
    edges: list[tuple[Any, Any, str, dict[str, Any]]] = field(default_factory=list)


def progression(G: nx.MultiDiGraph) -> Progression:
    """Build the :class:`Progression` of ``G`` in one pass, O(V + E)."""
    P = Progression()
    kind = {n: str(k) for n, k in G.nodes(data="kind")}
    P.kind = kind
    grouped: dict[Any, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    needs: dict[tuple[Any, str], int] = {}
    singles: dict[Any, list[Any]] = defaultdict(list)
    entry: dict[Any, list[Any]] = defaultdict(list)
    earn: dict[Any, list[Any]] = defaultdict(list)
    succ, pred = P.succ, P.pred
    prog_nodes = {n for n, k in kind.items() if k in PROGRESSION_NODE_KINDS}
    edges = P.edges
    # Walk NetworkX's adjacency dicts directly: several times faster than G.edges().
    for u, nbrs in G._succ.items():
        if u not in prog_nodes:
            continue
        for v, keydict in nbrs.items():
            if v not in prog_nodes:
                continue
            for d in keydict.values():
                k = d.get("kind")
                if k not in PROGRESSION_KINDS:
                    continue
                succ[u].append(v)
                pred[v].append(u)
                edges.append((u, v, k, d))
                if k == "requires":
                    group = d.get("group")
                    if group is None:
                        singles[v].append(u)
                    else:
                        grouped[v][str(group)].append(u)
                        if d.get("need") is not None:
                            needs[(v, str(group))] = int(d["need"])
                elif k == "qualifies_for" or k == "advances_to":
                    if kind[v] == "occupation":
                        entry[v].append(u)
                elif (k == "awards" or k == "stacks_into") and kind[v] == "credential":
                    earn[v].append(u)
    groups: dict[Any, list[tuple[int, list[Any]]]] = defaultdict(list)
    for v, members in singles.items():
        for u in dict.fromkeys(members):
            groups[v].append((1, [u]))
    for v, by_name in grouped.items():
        for name, members in by_name.items():
            options = list(dict.fromkeys(members))
            groups[v].append((needs.get((v, name), len(options)), options))
    for v, members in entry.items():
        groups[v].append((1, list(dict.fromkeys(members))))
    for v, members in earn.items():
        groups[v].append((1, list(dict.fromkeys(members))))
    P.groups = dict(groups)
    P.earnable = set(earn)
    return P


def reachable(P: Progression, holds: Iterable[Any]) -> set[Any]:
    """Everything a person holding ``holds`` can eventually hold (forward chaining).

    A node becomes reachable when every one of its groups has ``need`` reachable
    options; a program or occupation with no group is open to anyone; a credential
    with no earn group can only be held, never earned. Each edge is looked at once:
    O(V + E).
    """
    reached: set[Any] = set()
    stack: list[Any] = []
    missing: dict[Any, int] = {}
    counts: dict[tuple[Any, int], int] = {}
    watchers: dict[Any, list[tuple[Any, int]]] = defaultdict(list)
    kind = P.kind
    for v, groups in P.groups.items():
        if kind.get(v) == "credential" and v not in P.earnable:
            continue  # can be held, never earned
        missing[v] = len(groups)
        for i, (_, options) in enumerate(groups):
            counts[(v, i)] = 0
            for u in options:
                watchers[u].append((v, i))
    for n in holds:
        if n in P.kind and n not in reached:
            reached.add(n)
            stack.append(n)
    for n, k in P.kind.items():
        if k in ("program", "occupation") and n not in P.groups and n not in reached:
            reached.add(n)
            stack.append(n)
    while stack:
        u = stack.pop()
        for v, i in watchers.get(u, ()):
            if v in reached:
                continue
            counts[(v, i)] += 1
            if counts[(v, i)] == P.groups[v][i][0]:
                missing[v] -= 1
                if missing[v] == 0:
                    reached.add(v)
                    stack.append(v)
    return reached


def destinations_of(G: nx.MultiDiGraph, kind: dict[Any, str]) -> list[Any]:
    """Marked destinations, or every occupation when none is marked."""
    marked = [n for n, d in G.nodes(data="destination") if d]
    if marked:
        return marked
    return [n for n, k in kind.items() if k == "occupation"]


def holdings(G: nx.MultiDiGraph, holds: Collection[str] | str) -> frozenset[str]:
    """Resolve node ids and preset names (``abe`` ...) to held node ids."""
    from pathgraph.requirements import resolve_holdings

    return resolve_holdings(G, holds)
