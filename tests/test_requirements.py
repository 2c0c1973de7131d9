"""Requirement semantics shared by analysis and routing."""

from __future__ import annotations

import itertools
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pathgraph
from pathgraph.analysis._core import VIA_NAMES, index, reach, resolve_holdings
from pathgraph.requirements import requirement_groups, requirements_met
from tests.analysis.graphs import random_graphs
from tests.strategies import pathway_graphs


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


Compiled = dict[str, set[tuple[str, int, tuple[str, ...], Any, tuple[float, ...]]]]


def _compiled(G: nx.MultiDiGraph) -> tuple[Compiled, dict[str, set[str]]]:
    """The index's compiled groups per node (as requirement_groups shows them), and
    the options of each credential's earn group."""
    ix = index(G)
    g = ix.groups
    out: Compiled = {}
    earn: dict[str, set[str]] = {}
    rows: dict[int, list[tuple[str, float]]] = {}
    for r, (o, gid) in enumerate(zip(g.option_src, g.option_group, strict=True)):
        rows.setdefault(int(gid), []).append((ix.id(o), float(g.option_weight[r])))
    for gid in range(len(g.node)):
        v = ix.id(int(g.node[gid]))
        options = sorted(rows.get(gid, []))
        via = VIA_NAMES[g.via[gid]]
        if via == "earn":
            earn[v] = {o for o, _ in options}
            continue
        credits = float(g.credits[gid]) if g.has_credits[gid] else None
        weights = tuple(w for _, w in options) if credits is not None else ()
        key = (_via(via), int(g.need[gid]), tuple(o for o, _ in options))
        out.setdefault(v, set()).add((*key, credits, weights))
    return out, earn


def _via(via: str) -> str:
    """A prerequisite is a group of one, as an ungrouped ``requires`` edge is."""
    return "requires" if via == "prerequisite" else via


def _per_node(G: nx.MultiDiGraph) -> tuple[Compiled, dict[str, set[str]]]:
    out: Compiled = {}
    for v in G:
        for grp in requirement_groups(G, v):
            key = (_via(grp.via), grp.need, grp.options)
            out.setdefault(str(v), set()).add((*key, grp.credits, grp.weights))
    earn = {}
    for v, k in G.nodes(data="kind"):
        if k != "credential":
            continue
        ways = {
            str(u)
            for u, _, kind in G.in_edges(v, data="kind")
            if (kind == "awards" and G.nodes[u]["kind"] in EARNERS)
            or (kind == "stacks_into" and G.nodes[u]["kind"] == "credential")
        }
        if ways:
            earn[str(v)] = ways
    return out, earn


EARNERS = ("program", "assessment", "condition")


def test_compiled_groups_match_the_definition() -> None:
    G = _graph()
    G.remove_edge("cna", "lead")  # a requires edge between an occupation pair
    assert _compiled(G) == _per_node(G)


@settings(max_examples=200, deadline=None)
@given(random_graphs(max_nodes=10))
def test_compiled_groups_match_the_definition_on_random_graphs(
    G: nx.MultiDiGraph,
) -> None:
    """The arrays whole-graph analysis reads and the per-node definition routing
    reads give the same groups (the one definition, compiled): requires groups,
    conditions with need and credits, course prerequisites, entry groups."""
    assert _compiled(G) == _per_node(G)


@settings(max_examples=200, deadline=None)
@given(pathway_graphs())
def test_compiled_groups_match_the_definition_on_pathways(
    G: nx.MultiDiGraph,
) -> None:
    """The same on valid pathways of every kind (tests/strategies.py)."""
    assert _compiled(G) == _per_node(G)


def test_parallel_prerequisite_and_requires_are_one_group() -> None:
    G = nx.MultiDiGraph()
    for n in ("a", "b"):
        G.add_node(n, kind="course")
    G.add_edge("a", "b", kind="prerequisite_of")
    G.add_edge("a", "b", kind="requires")
    G.add_edge("a", "b", kind="corequisite_of")
    (group,) = requirement_groups(G, "b")
    assert (group.via, group.options) == ("requires", ("a",))
    g = index(G).groups
    assert len(g.node) == 1 and VIA_NAMES[g.via[0]] == "requires"


def test_condition_groups() -> None:
    """A condition's group: all its requires edges (their group ignored), its own
    need (default all, none with credits) and credits; no option: met by anyone."""
    G = nx.MultiDiGraph()
    G.add_node("net", kind="course", credits=3)
    G.add_node("os", kind="course", credits=4)
    G.add_node("lab", kind="course")
    G.add_node("both", kind="condition")
    G.add_node("six", kind="condition", credits=6)
    G.add_node("open", kind="condition")
    G.add_node("gate", kind="credential")  # nothing earns it: os cannot be taken
    G.add_edge("gate", "os", kind="requires")
    for c in ("net", "os"):
        G.add_edge(c, "both", kind="requires", group="ignored")
    for c in ("net", "os", "lab"):
        G.add_edge(c, "six", kind="requires")
    assert [str(g) for g in requirement_groups(G, "both")] == ["all of [net, os]"]
    (six,) = requirement_groups(G, "six")
    assert (six.need, six.credits, six.weights) == (0, 6.0, (0.0, 3.0, 4.0))
    assert _compiled(G) == _per_node(G)
    ix = index(G)
    assert not ix.problems
    reached = reach(ix, ix.positions([]))
    assert [ix.id(i) for i in np.flatnonzero(reached)] == ["net", "lab", "open"]
    reached = reach(ix, ix.positions(["os"]))  # 3 + 4 credits: six is met
    assert [ix.id(i) for i in np.flatnonzero(reached)] == [
        "net",
        "os",
        "lab",
        "both",
        "six",
        "open",
    ]


def test_condition_need_is_checked() -> None:
    G = nx.MultiDiGraph()
    G.add_node("a", kind="course")
    G.add_node("c", kind="condition", need=2)
    G.add_edge("a", "c", kind="requires")
    G.add_node("d", kind="condition", need="two")
    problems = [str(p) for p in index(G).problems]
    assert problems == [
        "node 'c': condition needs 2 but has only 1 option (fix: lower need to at "
        "most 1 or add options (requires))",
        "node 'd': need must be a whole number >= 1, not 'two'",
    ]


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
