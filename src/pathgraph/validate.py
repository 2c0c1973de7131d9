"""Checking a graph against the contract, in one place.

:func:`validate_graph` collects every problem of a graph, where the algorithms
(through :func:`pathgraph.analysis._core.checked_index`) refuse a graph with the same
problems in the same words.
"""

from __future__ import annotations

import networkx as nx

from pathgraph.analysis._core import index, require_multidigraph
from pathgraph.errors import GraphContractError, Problem, ValidationError
from pathgraph.graph import from_graph
from pathgraph.model import NODE_KINDS
from pathgraph.model.relations import ENDPOINTS

__all__ = ["validate_graph"]


def validate_graph(G: nx.MultiDiGraph, *, strict: bool = False) -> None:
    """Check that a graph follows the contract the algorithms rely on.

    Collects every problem and raises them together.

    Parameters
    ----------
    G
        The graph to check.
    strict
        Also check what the model checks: relation kinds between the right node
        kinds, and that every node and edge makes a valid record
        (:func:`from_graph` with ``extra="ignore"``).

    Raises
    ------
    pathgraph.GraphContractError
        A node or edge lacks ``kind`` or has an unknown one; a numeric attribute the
        algorithms read is negative or not a number; a requirement group's ``need``
        is inconsistent or larger than the group.

    Examples
    --------
    >>> import networkx as nx, pathgraph
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("p", kind="program", months=-1)
    >>> pathgraph.validate_graph(G)
    Traceback (most recent call last):
    ...
    pathgraph.errors.GraphContractError: 1 problem in graph:
      node 'p': months must be a number from 0 to 1e+12, not -1
    """
    problems = list(index(require_multidigraph(G)).problems)
    if strict:
        node_kinds = set(NODE_KINDS)
        nodes = G.nodes
        for u, v, kind in G.edges(data="kind"):
            if kind not in ENDPOINTS:
                continue
            src_ok, tgt_ok = ENDPOINTS[kind]
            for end, node, allowed in (("source", u, src_ok), ("target", v, tgt_ok)):
                nk = nodes[node].get("kind")
                if nk in node_kinds and nk not in allowed:
                    problems.append(
                        Problem(
                            f"edge {u!r} -> {v!r}",
                            f"{kind} cannot have a {nk} as its {end}",
                            f"its {end} must be a " + " or ".join(sorted(allowed)),
                        )
                    )
    if strict and not problems:
        try:
            from_graph(G, extra="ignore")
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise GraphContractError(problems, source="graph")
