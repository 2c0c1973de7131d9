"""Requirement semantics shared by analysis and routing."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pathgraph
from pathgraph.analysis._core import index, resolve_holdings
from pathgraph.requirements import requirement_groups, requirements_met
from tests.analysis.graphs import random_graphs


def _graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for n in ("ged", "diploma", "placement", "cna"):
        G.add_node(n, kind="credential")
    G.nodes["ged"]["credential_type"] = "hse"
    G.nodes["diploma"]["credential_type"] = "diploma"
    G.add_node("cert", kind="program")
    G.add_node("aide", kind="occupation", career_level="entry")
    G.add_node("lead", kind="occupation")
    G.add_edge("ged", "cert", kind="requires", group="hs", need=1)
    G.add_edge("diploma", "cert", kind="requires", group="hs", need=1)
    G.add_edge("placement", "cert", kind="requires")
    G.add_edge("cna", "aide", kind="qualifies_for")
    G.add_edge("aide", "lead", kind="advances_to")
    G.add_edge("cna", "lead", kind="requires")
    return G


def test_groups_and_met() -> None:
    G = _graph()
    assert [str(g) for g in requirement_groups(G, "cert")] == [
        "any of [diploma, ged]",
        "placement",
    ]
    assert not requirements_met(G, "cert", {"ged"})
    assert requirements_met(G, "cert", {"ged", "placement"})
    assert requirements_met(G, "ged", set())  # open to anyone
    lead = requirement_groups(G, "lead")
    assert [g.via for g in lead] == ["entry", "requires"]
    assert not requirements_met(G, "lead", {"aide"})
    assert requirements_met(G, "lead", {"aide", "cna"})


def _compiled(G: nx.MultiDiGraph) -> dict[str, set[tuple[int, tuple[str, ...]]]]:
    """The index's compiled groups per node, earn groups left out."""
    ix = index(G)
    g = ix.groups
    out: dict[str, set[tuple[int, tuple[str, ...]]]] = {}
    for gid in range(len(g.node)):
        v = int(g.node[gid])
        options = tuple(sorted(ix.id(o) for o in g.options(gid)))
        if ix.G.nodes[ix.ids[v]].get("kind") == "credential":
            continue  # earn groups: awards/stacks_into, not requirements
        out.setdefault(ix.id(v), set()).add((int(g.need[gid]), options))
    return out


def _per_node(G: nx.MultiDiGraph) -> dict[str, set[tuple[int, tuple[str, ...]]]]:
    out: dict[str, set[tuple[int, tuple[str, ...]]]] = {}
    for v in G:
        if G.nodes[v].get("kind") == "credential":
            continue
        for grp in requirement_groups(G, v):
            out.setdefault(str(v), set()).add((grp.need, grp.options))
    return out


def test_compiled_groups_match_the_definition() -> None:
    G = _graph()
    G.remove_edge("cna", "lead")  # a requires edge between an occupation pair
    assert _compiled(G) == _per_node(G)


@given(random_graphs())
def test_compiled_groups_match_the_definition_on_random_graphs(
    G: nx.MultiDiGraph,
) -> None:
    """The arrays whole-graph analysis reads and the per-node definition routing
    reads give the same groups (the one definition, compiled)."""
    assert _compiled(G) == _per_node(G)


def test_presets() -> None:
    G = _graph()
    assert pathgraph.preset_holdings(G, "abe") == frozenset()
    assert pathgraph.preset_holdings(G, "diploma") == {"ged", "diploma"}
    # The aide job's only qualifying credential comes with it.
    assert pathgraph.preset_holdings(G, "incumbent") == {
        "ged",
        "diploma",
        "aide",
        "cna",
    }
    with pytest.raises(pathgraph.ArgumentError, match="unknown entry preset 'phd'"):
        pathgraph.preset_holdings(G, "phd")
    assert resolve_holdings(G, ["cna", "diploma"]) == {"cna", "diploma"}
    assert resolve_holdings(G, ["cna"], entry="diploma") == {"cna", "ged", "diploma"}
    assert resolve_holdings(G, "abe") == frozenset()
    with pytest.raises(pathgraph.UnknownNodeError, match="neither a node"):
        resolve_holdings(G, ["nope"])


@given(
    need=st.integers(1, 4),
    size=st.integers(1, 4),
    held=st.sets(st.integers(0, 5)),
)
def test_group_met_counts_options(need: int, size: int, held: set[int]) -> None:
    need = min(need, size)
    G = nx.MultiDiGraph()
    G.add_node("t", kind="program")
    for i in range(size):
        G.add_node(f"o{i}", kind="credential")
        G.add_edge(f"o{i}", "t", kind="requires", group="g", need=need)
    holds = {f"o{i}" for i in held}
    expected = sum(1 for i in range(size) if f"o{i}" in holds) >= need
    assert requirements_met(G, "t", holds) is expected
    # Brute force over subsets agrees: some need-sized subset of options is held.
    options = [f"o{i}" for i in range(size)]
    brute = any(set(c) <= holds for c in itertools.combinations(options, need))
    assert brute is expected
