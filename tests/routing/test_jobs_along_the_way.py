"""Jobs that open along a route: when can a working adult earn, and what."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

import pathgraph
from pathgraph.render.route_map import route_page


def _second_bht_route() -> pathgraph.Route:
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    # The stacked route (tiers, then the AAS with credit): the second best in months.
    return pathgraph.routes(G, "bht-assoc", entry="abe", k=2)[1]


def test_the_tier_1_certificate_opens_psychiatric_aide() -> None:
    """Worked by hand from examples/bht.yaml: bht-tier1 qualifies_for
    psychiatric-aide (median $41,590); bht-basic (after Tier 3) for
    human-service-assistant ($45,120); the AAS for the counselor ($59,190) and
    psychiatric technician ($42,590), best paid first. Tier 2, the GED and the
    advanced certificate open no job of their own."""
    r = _second_bht_route()
    opened = {s.node: s.opens_ids for s in r.steps}
    assert opened == {
        "bht-tier1-course": ("psychiatric-aide",),
        "bht-tier2-course": (),
        "abe-ged": (),
        "bht-tier3-course": ("human-service-assistant",),
        "bht-advanced-course": (),
        "bht-aas": ("behavioral-health-counselor", "psychiatric-technician"),
    }
    first = r.steps[0]
    assert first.opens == ("Psychiatric Aide [psychiatric-aide]: median wage $41,590",)
    assert "jobs open now: Psychiatric Aide [psychiatric-aide]" in str(r)
    assert r.to_dict()["steps"][0]["opens_ids"] == ["psychiatric-aide"]


@pytest.mark.parametrize("example", ["bht", "manufacturing", "it-support"])
def test_opens_is_what_became_open_at_each_step(example: str) -> None:
    """Independent reading of the graph: an occupation is open to a holding when
    a held credential qualifies for it and every plain ``requires`` source of it
    is held (the examples' occupations have no named groups: asserted). A step
    opens what is open after it, was not before, and is not held."""
    G = pathgraph.to_graph(pathgraph.load_example(example))

    def open_to(held: set[str]) -> set[str]:
        out = set()
        for o, d in G.nodes(data=True):
            if d["kind"] != "occupation":
                continue
            ins = [(u, e) for u, _, e in G.in_edges(o, data=True)]
            assert not any(e.get("group") for _, e in ins)
            quals = [u for u, e in ins if e["kind"] == "qualifies_for"]
            reqs = [u for u, e in ins if e["kind"] == "requires"]
            if any(q in held for q in quals) and all(r in held for r in reqs):
                out.add(o)
        return out

    goals = sorted(
        n for n, d in G.nodes(data=True) if d["kind"] in ("credential", "occupation")
    )
    checked = 0
    for goal in goals:
        try:
            r = pathgraph.route(G, goal, entry="abe")
        except pathgraph.NoRouteError:
            continue
        held = set(r.holds_before)
        before = open_to(held)
        for s in r.steps:
            held.update((s.node, *s.earns))
            now = open_to(held)
            assert set(s.opens_ids) == (now - before) - held, (goal, s.node)
            before |= now
            checked += 1
    assert checked > 10


def test_the_route_sheet_marks_the_earning_stops() -> None:
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    page = route_page(G, _second_bht_route())
    assert page.count("<small class=job>job open now: ") == 4
    assert "job open now: Psychiatric Aide [psychiatric-aide]: median wage" in page


def test_aid_lowers_the_net_cost_of_the_steps_it_supports() -> None:
    """bht.yaml: the ITA (amount $3,000, illustrative) supports the advanced
    certificate and the AAS. Route 1 (GED, then the $5,504 AAS): the ITA pays
    $3,000 of the AAS, net $2,504. Route 2 (tiers, advanced $1,290, AAS $2,666
    with credit): the ITA pays the advanced certificate's $1,290 first (route
    order), then the $1,710 left of it toward the AAS: $3,000 in all, net
    $4,988 - $3,000 = $1,988. The tribal WIA service has no amount: no aid."""
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    first, second = pathgraph.routes(G, "bht-assoc", entry="abe", k=2)
    assert (first.cost, first.aid, first.net_cost) == (5504, 3000, 2504)
    aas = first.steps[-1]
    assert aas.aid == 3000
    assert aas.aid_from == (
        "Individual Training Account (Pima County One Stop): $3,000",
    )
    assert "Route to bht-assoc: 2 steps, 30 months, $5,504 ($2,504 after aid)" in (
        str(first)
    )
    paid = {s.node: s.aid for s in second.steps}
    assert paid["bht-advanced-course"] == 1290 and paid["bht-aas"] == 1710
    assert sum(paid.values()) == 3000 and second.net_cost == 4988 - 3000
    assert first.to_dict()["net_cost"] == 2504


def test_steps_say_who_offers_them() -> None:
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    r = pathgraph.route(G, "bht-assoc", entry="abe")
    assert r.steps[0].provider == ("Pima Community College (https://www.pima.edu)",)
    G.nodes["pima-cc"]["phone"] = "(520) 555-0100"  # a fictional number
    G.nodes["bht-aas"]["next_starts"] = ["2027-08-23", "2027-01-19"]
    G.nodes["bht-aas"]["location"] = "Downtown Campus"
    r = pathgraph.route(G, "bht-assoc", entry="abe")
    aas = r.steps[-1]
    assert aas.provider == (
        "Pima Community College ((520) 555-0100; https://www.pima.edu)",
    )
    assert aas.starts == ("2027-01-19", "2027-08-23", "at Downtown Campus")
    assert "starts 2027-01-19, 2027-08-23, at Downtown Campus" in str(r)


def test_a_job_nothing_leads_into_is_an_assumption() -> None:
    """On a national occupation graph, CNA -> LPN "routed" as "hired, 0 months,
    $0": a job with no qualifies_for or advances_to is open to anyone. The route
    now says it assumes so, with O*NET's typical education when known."""
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    G.add_node("lpn", kind="occupation", label="Licensed practical nurse")
    G.nodes["lpn"]["education_level"] = 3
    r = pathgraph.route(G, "lpn")
    assert str(r).startswith("Route to lpn: 1 step, 0 months, $0")
    assert r.assumes == (
        "Licensed practical nurse [lpn]: nothing in this pathway leads into it (no "
        "credential qualifies for it, no job advances to it); taken as open to "
        "anyone; O*NET's typical education for it: post-secondary certificate",
    )
    assert "<h2>Assumed</h2>" in route_page(G, r)
    # jobs a credential qualifies for assume nothing
    assert pathgraph.route(G, "psychiatric-aide", entry="abe").assumes == ()


class _Guard:
    """An edge view that refuses to list every edge (a node's edges are fine)."""

    def __init__(self, view: Any) -> None:
        self.view = view

    def __call__(self, nbunch: Any = None, *args: Any, **kwargs: Any) -> Any:
        if nbunch is None:
            raise AssertionError("a route scanned every edge of the graph")
        return self.view(nbunch, *args, **kwargs)

    def __iter__(self) -> Any:
        raise AssertionError("a route scanned every edge of the graph")


class _NoEdgeScan(nx.MultiDiGraph):  # type: ignore[type-arg]
    """A graph whose whole-edge views fail: a route must look only at its cone."""

    @property
    def edges(self) -> Any:  # type: ignore[override]
        return _Guard(nx.MultiDiGraph.edges.func(self))  # type: ignore[attr-defined]

    @property
    def in_edges(self) -> Any:  # type: ignore[override]
        return _Guard(nx.MultiDiGraph.in_edges.func(self))  # type: ignore[attr-defined]

    @property
    def out_edges(self) -> Any:  # type: ignore[override]
        return _Guard(nx.MultiDiGraph.out_edges.func(self))  # type: ignore[attr-defined]


def test_a_route_reads_its_cone_not_the_whole_graph() -> None:
    """Jobs along the way and aid once scanned every edge of the graph for each
    route (a median 186 ms became 750 ms on the 135,000-node benchmark)."""
    G = _NoEdgeScan(pathgraph.to_graph(pathgraph.load_example("bht")))
    r = pathgraph.routes(G, "bht-assoc", entry="abe", k=2)[1]
    assert r.net_cost == 1988 and r.steps[0].opens_ids == ("psychiatric-aide",)
    assert pathgraph.route(G, "bht-assoc", entry="abe", weight="cost").cost == 4988
