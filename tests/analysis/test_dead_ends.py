"""Dead ends, destinations and reachability, against brute-force oracles."""

from __future__ import annotations

import networkx as nx
from hypothesis import given

import pathgraph
from pathgraph.graph import PROGRESSION_NODE_KINDS
from pathgraph.requirements import requirement_groups
from tests.analysis.graphs import graph, random_graphs


def _destinations(G: nx.MultiDiGraph) -> set[str]:
    marked = {n for n, d in G.nodes(data="destination") if d}
    return marked or {n for n, k in G.nodes(data="kind") if k == "occupation"}


def _dead_ends_oracle(G: nx.MultiDiGraph) -> list[str]:
    V = pathgraph.progression_view(G)
    dest = _destinations(G)
    return sorted(
        n
        for n in V
        if G.nodes[n]["kind"] in ("program", "credential")
        and n not in dest
        and not (nx.descendants(V, n) & dest)
    )


@given(random_graphs())
def test_dead_ends_equal_per_node_reachability(G: nx.MultiDiGraph) -> None:
    assert pathgraph.dead_ends(G) == _dead_ends_oracle(G)


@given(random_graphs())
def test_adding_an_edge_toward_a_destination_never_adds_a_dead_end(
    G: nx.MultiDiGraph,
) -> None:
    before = set(pathgraph.dead_ends(G))
    creds = [n for n, k in G.nodes(data="kind") if k == "credential"]
    occs = [n for n, k in G.nodes(data="kind") if k == "occupation"]
    for c in creds:
        for o in occs:
            H = G.copy()
            H.add_edge(c, o, kind="qualifies_for")
            assert set(pathgraph.dead_ends(H)) <= before


def _reachable_oracle(G: nx.MultiDiGraph, holds: set[str]) -> set[str]:
    """Re-scan every node until nothing changes (obviously correct, quadratic)."""
    reached = set(holds)
    changed = True
    while changed:
        changed = False
        for n, k in G.nodes(data="kind"):
            if n in reached or k not in PROGRESSION_NODE_KINDS:
                continue
            groups = list(requirement_groups(G, n))
            if k == "credential":
                earn = [
                    u
                    for u, _, kk in G.in_edges(n, data="kind")
                    if kk in ("awards", "stacks_into")
                ]
                if not earn or not any(u in reached for u in earn):
                    continue
            if all(g.met(reached) for g in groups):
                reached.add(n)
                changed = True
    return reached


@given(random_graphs())
def test_unreachable_matches_fixpoint_oracle(G: nx.MultiDiGraph) -> None:
    prog = {n for n, k in G.nodes(data="kind") if k in PROGRESSION_NODE_KINDS}
    expected = sorted(prog - _reachable_oracle(G, set()))
    assert pathgraph.unreachable(G) == expected


def test_and_group_needs_both_branches() -> None:
    G = graph(
        {
            "a": "program",
            "b": "program",
            "ca": "credential",
            "cb": "credential",
            "p": "program",
            "d": "credential",
            "gate": "credential",
        },
        [
            ("a", "ca", "awards"),
            ("b", "cb", "awards"),
            ("ca", "p", "requires"),
            ("cb", "p", "requires"),
            ("gate", "b", "requires"),
            ("p", "d", "awards"),
        ],
    )
    # b needs 'gate', which nobody can earn: cb, and so p and d, are unreachable.
    assert pathgraph.unreachable(G) == ["b", "cb", "d", "gate", "p"]
    assert pathgraph.unreachable(G, holds=["gate"]) == []


def test_destinations_default_to_occupations() -> None:
    G = graph({"o": "occupation", "c": "credential"}, [("c", "o", "qualifies_for")])
    assert pathgraph.destinations(G) == ["o"]
    G.nodes["c"]["destination"] = True
    assert pathgraph.destinations(G) == ["c"]


def test_occupations_are_not_dead_ends() -> None:
    G = graph(
        {
            "p": "program",
            "c": {"kind": "credential", "destination": True},
            "o": "occupation",
        },
        [("p", "c", "awards")],
    )
    assert pathgraph.dead_ends(G) == []


def test_examples() -> None:
    assert pathgraph.dead_ends(pathgraph.load_example("bht")) == []
    assert pathgraph.dead_ends(pathgraph.load_example("manufacturing")) == [
        "clt-course",
        "mssc-clt",
    ]
