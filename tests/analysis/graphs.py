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


#: Relation kinds allowed between two node kinds in :func:`random_graphs`.
STEPS = ("program", "course", "assessment")
REQUIREMENT = (
    "program",
    "credential",
    "occupation",
    "course",
    "assessment",
    "condition",
)


def _allowed(a: str, b: str) -> list[str]:
    """The relation kinds a random edge from kind ``a`` to kind ``b`` may have."""
    out = ["requires"] if a in REQUIREMENT and b in REQUIREMENT else []
    if a in ("program", "assessment", "condition") and b == "credential":
        out.append("awards")
    if (a, b) == ("credential", "occupation"):
        out.append("qualifies_for")
    if (a, b) == ("credential", "credential"):
        out.append("stacks_into")
    if a in ("program", "credential", "course", "assessment") and b in (
        "program",
        "course",
    ):
        out.append("articulates_to")
    if (a, b) == ("occupation", "occupation"):
        out.append("advances_to")
    if (a, b) == ("course", "course"):
        out += ["prerequisite_of", "corequisite_of"]
    if (a, b) == ("course", "program"):
        out.append("part_of")
    return out


@st.composite
def random_graphs(
    draw: st.DrawFn, max_nodes: int = 9, kinds: tuple[str, ...] = REQUIREMENT
) -> nx.MultiDiGraph:
    """Random progression graphs: any mix of ``kinds`` and the relations allowed
    between them (requirement groups, conditions with ``need`` and ``credits``,
    options with ``credits`` in halves, so that sums are exact)."""
    n = draw(st.integers(1, max_nodes))
    drawn = draw(st.lists(st.sampled_from(kinds), min_size=n, max_size=n))
    G = nx.MultiDiGraph()
    for i, k in enumerate(drawn):
        attrs: dict[str, Any] = {"kind": k}
        if draw(st.integers(0, 4)) == 0:
            attrs["destination"] = True
        if k != "occupation" and draw(st.integers(0, 2)) == 0:
            attrs["credits"] = draw(st.sampled_from([0, 1, 1.5, 3, 4]))
        G.add_node(f"n{i}", **attrs)
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n
        )
    )
    for a, b in pairs:
        if a == b:
            continue
        options = _allowed(drawn[a], drawn[b])
        if not options:
            continue
        kind = draw(st.sampled_from(options))
        attrs = {}
        if kind == "requires" and drawn[b] != "condition" and draw(st.booleans()):
            attrs = {"group": "g", "need": 1}
        G.add_edge(f"n{a}", f"n{b}", kind=kind, **attrs)
    _condition_rules(draw, G)
    return G


def _condition_rules(draw: st.DrawFn, G: nx.MultiDiGraph) -> None:
    """Give some conditions a credit total and some a ``need`` no larger than
    their number of options (a "g" group's need stays 1, never too large)."""
    for v, d in G.nodes(data=True):
        if d["kind"] != "condition":
            continue
        if draw(st.booleans()):
            d["credits"] = draw(st.sampled_from([0, 1, 3, 4.5, 6]))
        else:
            d.pop("credits", None)
        options = {u for u, _, k in G.in_edges(v, data="kind") if k == "requires"}
        if options and draw(st.booleans()):
            d["need"] = draw(st.integers(1, len(options)))
