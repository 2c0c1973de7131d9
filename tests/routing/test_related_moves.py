"""Moves between O*NET related occupations (``related=True``): switch steps with a
stated cost model, and jobs that need preparation no longer open to anyone."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

import pathgraph
from pathgraph.datasets import occupations
from pathgraph.routing.model import MONTHS_PER_ZONE


def _jobs() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("aide", kind="occupation", label="Nursing assistant", job_zone=2)
    G.add_node("lpn", kind="occupation", label="LPN", job_zone=3)
    G.add_node("rn", kind="occupation", label="RN", job_zone=4)
    G.add_node("clerk", kind="occupation", label="Clerk", job_zone=2)
    for u, v in [("aide", "lpn"), ("lpn", "rn"), ("aide", "rn"), ("clerk", "aide")]:
        G.add_edge(u, v, kind="related_to")
    return G


def test_switches_follow_the_cost_model() -> None:
    """A switch takes 12 months in the job held plus 12 per zone step up: aide
    (zone 2) -> RN (zone 4) directly: 12 + 24 = 36; through the LPN (zone 3):
    (12 + 12) + (12 + 12) = 48. The direct switch wins."""
    assert MONTHS_PER_ZONE == 12
    G = _jobs()
    r = pathgraph.route(G, "rn", holds=["aide"], related=True)
    assert [(s.action, s.node, s.via, s.months) for s in r.steps] == [
        ("switch", "rn", "aide", 36.0)
    ]
    assert "36 months of experience assumed" in r.assumes[0]
    # lateral: LPN (3) -> surgical tech (3): 12 months; a step down: 12 months
    G.add_node("tech", kind="occupation", label="Surgical technologist", job_zone=3)
    G.add_edge("lpn", "tech", kind="related_to")
    assert pathgraph.route(G, "tech", holds=["lpn"], related=True).months == 12
    G.add_edge("rn", "tech", kind="related_to")
    assert pathgraph.route(G, "tech", holds=["rn"], related=True).months == 12


def test_a_job_needing_preparation_is_not_open_to_anyone() -> None:
    """Without related moves the RN (zone 4, nothing leads into it) is "hired, 0
    months" with an assumption; with them, it is reached from a zone-2 job that is
    open (aide or clerk: hired 0 months, then 36 months)."""
    G = _jobs()
    plain = pathgraph.route(G, "rn")
    assert plain.months == 0 and "taken as open to anyone" in plain.assumes[0]
    r = pathgraph.route(G, "rn", related=True)
    assert [s.action for s in r.steps] == ["hired", "switch"]
    assert r.months == 36


def test_a_licence_is_needed_whoever_moves() -> None:
    G = _jobs()
    G.add_node("licence", kind="credential", label="RN licence")
    G.add_node("nclex", kind="assessment", label="NCLEX-RN", months=1, cost=200)
    G.add_edge("nclex", "licence", kind="awards")
    G.add_edge("licence", "rn", kind="qualifies_for")
    r = pathgraph.route(G, "rn", holds=["aide"], related=True)
    assert [s.node for s in r.steps] == ["nclex", "rn"]  # hired with the licence
    assert r.months == 1
    G.remove_node("nclex")
    with pytest.raises(pathgraph.NoRouteError):
        pathgraph.route(G, "rn", holds=["aide"], related=True)


@pytest.mark.data
def test_cna_to_lpn_on_the_national_graph(shared_data: Path) -> None:
    """CNA -> LPN "routed" as "hired, 0 months, $0". O*NET 27.0 lists LPN
    (29-2061.00) among the nursing assistants' (31-1131.00) related occupations,
    both in job zone 3: one lateral switch, 12 months, stated as assumed."""
    G = occupations(shared_data / "onet-27.0", shared_data / "bls", progress=False)
    plain = pathgraph.route(G, "29-2061.00", holds=["31-1131.00"])
    assert plain.months == 0 and plain.assumes
    r = pathgraph.route(G, "29-2061.00", holds=["31-1131.00"], related=True)
    assert [(s.action, s.via) for s in r.steps] == [("switch", "31-1131.00")]
    assert r.months == 12 and r.wage_after == 62340
    assert "12 months of experience assumed" in r.assumes[0]
