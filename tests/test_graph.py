"""The graph contract: Pathway <-> MultiDiGraph, views, validation."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings

import pathgraph
from pathgraph.model import PROGRESSION_KINDS
from tests.strategies import pathways


@given(pathways())
@settings(max_examples=50)
def test_graph_round_trip(p: pathgraph.Pathway) -> None:
    G = pathgraph.to_graph(p)
    assert pathgraph.from_graph(G) == p
    assert all("kind" in d and "label" in d for _, d in G.nodes(data=True))
    assert all("kind" in d for _, _, d in G.edges(data=True))
    pathgraph.validate_graph(G, strict=True)


def test_example_graph_attributes() -> None:
    G = pathgraph.to_graph(pathgraph.read("examples/bht.yaml"))
    assert G.graph["title"].startswith("Behavioral Health")
    assert G.nodes["bht-aas"]["months"] == 24
    assert G.nodes["bht-aas"]["kind"] == "program"
    assert G.edges["bht-advanced", "bht-aas", "articulates_to"]["months_saved"] == 12
    assert "cost" not in G.nodes["bht-assoc"]  # fields at their default are absent


def test_progression_view_is_read_only_and_filtered() -> None:
    G = pathgraph.to_graph(pathgraph.read("examples/bht.yaml"))
    V = pathgraph.progression_view(G)
    assert {d for _, _, d in V.edges(data="kind")} <= PROGRESSION_KINDS
    assert "pima-cc" not in V
    assert "tic-case-management" not in V
    assert V.number_of_nodes() == 16
    with pytest.raises(nx.NetworkXError):
        V.add_node("x")


def test_hand_built_graph_is_accepted() -> None:
    G = nx.MultiDiGraph(title="By hand")
    G.add_node("ged", kind="credential", credential_type="hse")
    G.add_node("prog", kind="program", months=3)
    G.add_edge("ged", "prog", kind="requires")
    pathgraph.validate_graph(G, strict=True)
    p = pathgraph.from_graph(G)
    assert p.node("ged").label == "ged"  # label defaults to the id


def test_validate_graph_collects_every_problem() -> None:
    G = nx.MultiDiGraph()
    G.add_node("a")
    G.add_node("b", kind="widget")
    G.add_node("p", kind="program", cost="free")
    G.add_edge("a", "b")
    G.add_edge("p", "p", kind="requires", need=0)
    with pytest.raises(pathgraph.GraphContractError) as info:
        pathgraph.validate_graph(G)
    text = str(info.value)
    assert "node 'a': has no kind" in text
    assert "unknown kind 'widget'" in text
    assert "cost must be a number from 0 to 1e+12, not 'free'" in text
    assert "edge 'a' -> 'b': has no kind" in text
    assert "need must be a whole number >= 1" in text


def test_validate_graph_strict_checks_endpoints() -> None:
    G = nx.MultiDiGraph()
    G.add_node("c", kind="credential")
    G.add_node("p", kind="program")
    G.add_edge("c", "p", kind="awards")
    pathgraph.validate_graph(G)  # not strict: fine
    with pytest.raises(
        pathgraph.GraphContractError, match="awards cannot have a credential"
    ):
        pathgraph.validate_graph(G, strict=True)


def test_validate_graph_refuses_other_graph_types() -> None:
    with pytest.raises(
        pathgraph.GraphContractError, match="expected a networkx.MultiDiGraph"
    ):
        pathgraph.validate_graph(nx.DiGraph())


def test_from_graph_extra_attributes() -> None:
    G = nx.MultiDiGraph()
    G.add_node("p", kind="program", x=1.0)
    with pytest.raises(pathgraph.ValidationError, match="unknown attribute"):
        pathgraph.from_graph(G)
    assert pathgraph.from_graph(G, extra="ignore").node("p").kind == "program"


def test_validate_graph_names_unhashable_and_repeated_bad_kinds() -> None:
    """Kinds that are not strings (even unhashable ones) and two bad parallel edges
    are each reported with their own value."""
    G = nx.MultiDiGraph()
    G.add_node("p", kind=["program"])
    G.add_node("c", kind="credential")
    G.add_edge("p", "c", kind=["awards"])
    G.add_edge("p", "c", kind="grants")
    G.add_edge("p", "c", kind="awards", months=float("nan"))
    with pytest.raises(pathgraph.GraphContractError) as info:
        pathgraph.validate_graph(G)
    text = str(info.value)
    assert "node 'p': unknown kind ['program']" in text
    assert "edge 'p' -> 'c': unknown kind ['awards']" in text
    assert "edge 'p' -> 'c': unknown kind 'grants'" in text
    assert "months must be a number from 0 to 1e+12, not nan" in text
    with pytest.raises(pathgraph.GraphContractError):
        pathgraph.check(G)
