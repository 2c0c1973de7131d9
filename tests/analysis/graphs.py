"""Small hand-built graphs and random graphs for analysis tests."""

from __future__ import annotations

from typing import Any

import networkx as nx
from hypothesis import strategies as st


def graph(
    nodes: dict[str, dict[str, Any] | str], edges: list[tuple[Any, ...]]
) -> nx.MultiDiGraph:
    """Build a graph: nodes {id: kind or attrs}, edges (u, v, kind[, attrs])."""
    G = nx.MultiDiGraph(title="test")
    for n, a in nodes.items():
        attrs = {"kind": a} if isinstance(a, str) else dict(a)
        G.add_node(n, **{"label": n.upper(), **attrs})
    for e in edges:
        u, v, k = e[:3]
        attrs = e[3] if len(e) > 3 else {}
        G.add_edge(u, v, kind=k, **attrs)
    return G


@st.composite
def random_graphs(draw: st.DrawFn, max_nodes: int = 9) -> nx.MultiDiGraph:
    """Random progression graphs: any mix of kinds and progression edges."""
    n = draw(st.integers(1, max_nodes))
    kinds = draw(
        st.lists(
            st.sampled_from(["program", "credential", "occupation"]),
            min_size=n,
            max_size=n,
        )
    )
    G = nx.MultiDiGraph()
    for i, k in enumerate(kinds):
        attrs: dict[str, Any] = {"kind": k}
        if draw(st.integers(0, 4)) == 0:
            attrs["destination"] = True
        G.add_node(f"n{i}", **attrs)
    allowed = {
        ("program", "credential"): ["awards", "requires"],
        ("credential", "occupation"): ["qualifies_for", "requires"],
        ("credential", "credential"): ["stacks_into", "requires"],
        ("credential", "program"): ["requires", "articulates_to"],
        ("occupation", "occupation"): ["advances_to", "requires"],
        ("occupation", "program"): ["requires"],
        ("program", "program"): ["requires", "articulates_to"],
        ("program", "occupation"): ["requires"],
        ("occupation", "credential"): ["requires"],
    }
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n
        )
    )
    for a, b in pairs:
        if a == b:
            continue
        options = allowed.get((kinds[a], kinds[b]))
        if not options:
            continue
        kind = draw(st.sampled_from(options))
        attrs = {}
        if kind == "requires" and draw(st.booleans()):
            attrs = {"group": "g", "need": 1}
        G.add_edge(f"n{a}", f"n{b}", kind=kind, **attrs)
    # A group's need must not exceed its size: make every "g" group need 1.
    return G
