"""``stackable_chains`` on a 5,000-level stack hit RecursionError (a recursive walk
of the chain); the walk is iterative now and the answer is the whole chain."""

from __future__ import annotations

import sys

import networkx as nx

import pathgraph


def _stack(levels: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for i in range(levels):
        G.add_node(f"c{i}", kind="credential", label=f"Level {i}")
    for i in range(levels - 1):
        G.add_edge(f"c{i}", f"c{i + 1}", kind="stacks_into")
    return G


def test_a_5000_level_stack_is_one_chain() -> None:
    levels = 5_000
    assert levels > sys.getrecursionlimit()  # deep enough to break a recursive walk
    chains = pathgraph.stackable_chains(_stack(levels))
    assert len(chains) == 1
    # c0 stacks into c1 ... into c4999: one chain of every level, in order.
    assert list(chains[0]) == [f"c{i}" for i in range(levels)]


def test_a_deep_stack_with_a_fork_at_the_top_gives_two_chains() -> None:
    # c0 -> ... -> c2999, then c2999 -> x and c2999 -> y: two maximal chains,
    # sorted by their credentials (the one ending in x first).
    G = _stack(3_000)
    for end in ("x", "y"):
        G.add_node(end, kind="credential", label=end)
        G.add_edge("c2999", end, kind="stacks_into")
    chains = pathgraph.stackable_chains(G)
    assert [list(c)[-1] for c in chains] == ["x", "y"]
    assert all(len(list(c)) == 3_001 for c in chains)
