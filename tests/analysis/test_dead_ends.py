"""Dead ends, destinations and reachability, against brute-force oracles."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given

import pathgraph
from pathgraph.contract import PROGRESSION_NODE_KINDS
from pathgraph.requirements import requirement_groups
from tests.analysis.graphs import graph, random_graphs


def _destinations(G: nx.MultiDiGraph) -> set[str]:
    marked = {n for n, d in G.nodes(data="destination") if d}
    return marked or {n for n, k in G.nodes(data="kind") if k == "occupation"}


def _dead_ends_oracle(G: nx.MultiDiGraph) -> list[str]:
    V = pathgraph.progression_view(G)
    # A job is an off-ramp even when other destinations are marked.
    dest = _destinations(G) | {n for n, k in G.nodes(data="kind") if k == "occupation"}
    kind = dict(G.nodes(data="kind"))
    in_program = {
        u for u, v, k in G.edges(data="kind") if k == "part_of" and kind[v] == "program"
    }

    def judged(n: str) -> bool:
        if kind[n] in ("program", "credential", "assessment"):
            return True
        # A course outside every program that leads into a requirement of a record
        # that is not a course.
        return (
            kind[n] == "course"
            and n not in in_program
            and any(kind[d] != "course" for d in nx.descendants(V, n))
        )

    return sorted(
        n
        for n in V
        if judged(n) and n not in dest and not (nx.descendants(V, n) & dest)
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


@pytest.mark.parametrize("threshold", [1, 2, 10**9])
@given(G=random_graphs(max_nodes=12))
def test_unreachable_is_the_same_batched_or_node_by_node(
    threshold: int, G: nx.MultiDiGraph
) -> None:
    """Forward chaining works on wide frontiers as array batches and on narrow ones
    node by node: force each way (and the switch between them)."""
    from pathgraph.analysis import _core

    saved = _core._SMALL_FRONTIER
    _core._SMALL_FRONTIER = threshold
    try:
        got = pathgraph.unreachable(G)
    finally:
        _core._SMALL_FRONTIER = saved
    prog = {n for n, k in G.nodes(data="kind") if k in PROGRESSION_NODE_KINDS}
    assert got == sorted(prog - _reachable_oracle(G, set()))


def test_long_chain_is_linear() -> None:
    """A chain of 20,000 programs, each requiring the last one's credential: every
    frontier has one node, so chaining runs node by node (and switches to lists)."""
    G = nx.MultiDiGraph()
    n = 20_000
    for i in range(n):
        G.add_node(f"p{i}", kind="program")
        G.add_node(f"c{i}", kind="credential")
        G.add_edge(f"p{i}", f"c{i}", kind="awards")
        if i:
            G.add_edge(f"c{i - 1}", f"p{i}", kind="requires")
    G.add_node("job", kind="occupation")
    G.add_edge(f"c{n - 1}", "job", kind="qualifies_for")
    assert pathgraph.unreachable(G) == []
    G.remove_edge("p0", "c0")
    assert len(pathgraph.unreachable(G)) == 2 * n  # all but p0, and the job
