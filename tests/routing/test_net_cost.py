"""Net cost: ``budget`` and weight ``"cost"`` judge the cost after aid.

Hand-worked cases on the BHT example, the aid allocation against a linear program
(SciPy's, independent of HiGHS as called by pathgraph), and the integer program's
optimum against a brute-force enumeration of every move sequence on small random
graphs with services.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pathgraph
from pathgraph import NoRouteError, route
from pathgraph.routing.sheet import aid_sources, allocate_aid
from tests.routing import oracle

# ---------------------------------------------------------------------------
# BHT by hand. The ITA (`one-stop-ita`) pays up to $3,000 over bht-advanced-course
# and bht-aas (tribal-wia-tuition supports steps too but has no amount).
#
# fastest (abe entry): abe-ged ($0) + bht-aas ($5,504) = $5,504 sticker, 30 months;
#   aid: bht-aas gets min(3000, 5504) = $3,000  ->  net 5504 - 3000 = $2,504.
# stacked: abe-ged $0, tier1 $0, tier2 $516, tier3 $516, advanced $1,290, bht-aas
#   $2,666 (5504 - 2838 saved by articulation) = $4,988 sticker, 38 months;
#   aid: advanced gets $1,290, then bht-aas min(3000 - 1290, 2666) = $1,710
#   -> $3,000 in all, net 4988 - 3000 = $1,988.
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bht() -> nx.MultiDiGraph:
    return pathgraph.to_graph(pathgraph.load_example("bht"))


def _nodes(r: Any) -> list[str]:
    return [s.node for s in r.steps]


def test_bht_fastest_net(bht: nx.MultiDiGraph) -> None:
    r = route(bht, "bht-assoc", entry="abe")
    assert _nodes(r) == ["abe-ged", "bht-aas"]
    assert (r.months, r.cost, r.aid, r.net_cost) == (30, 5504, 3000, 2504)
    assert r.steps[1].aid == 3000
    assert r.steps[1].aid_from == (
        "Individual Training Account (Pima County One Stop): $3,000",
    )


def test_bht_cheapest_by_net_cost(bht: nx.MultiDiGraph) -> None:
    r = route(bht, "bht-assoc", entry="abe", weight="cost")
    assert (r.months, r.cost, r.aid, r.net_cost) == (38, 4988, 3000, 1988)
    aid = {s.node: s.aid for s in r.steps if s.aid}
    assert aid == {"bht-advanced-course": 1290, "bht-aas": 1710}
    oracle.recompute(bht, frozenset(), r)


def test_bht_budget_is_net(bht: nx.MultiDiGraph) -> None:
    # $2,600 >= $2,504 net: the fastest route is allowed, though its sticker
    # cost ($5,504) and even the cheapest sticker ($4,988) exceed the budget.
    r = route(bht, "bht-assoc", entry="abe", budget=2600)
    assert (r.months, r.cost, r.net_cost) == (30, 5504, 2504)
    # exactly the fastest net: still allowed
    assert route(bht, "bht-assoc", entry="abe", budget=2504).months == 30
    # $2,000: below $2,504, above $1,988: only the stacked route
    r = route(bht, "bht-assoc", entry="abe", budget=2000)
    assert (r.months, r.cost, r.net_cost) == (38, 4988, 1988)
    assert route(bht, "bht-assoc", entry="abe", budget=1988).months == 38
    # with max_months 30 only the fastest route is left, cheapest or not
    r = route(bht, "bht-assoc", entry="abe", weight="cost", max_months=30)
    assert (r.cost, r.net_cost) == (5504, 2504)


def test_bht_budget_below_every_net_cost(bht: nx.MultiDiGraph) -> None:
    with pytest.raises(NoRouteError, match=r"exceeds budget \$1,987") as info:
        route(bht, "bht-assoc", entry="abe", budget=1987)
    assert "the cheapest route costs $4,988, $1,988 after aid" in str(info.value)


def test_bht_no_aid_in_the_cone_keeps_the_search(bht: nx.MultiDiGraph) -> None:
    # The Tier 1 certificate: no step the ITA supports, so net = sticker.
    r = route(bht, "bht-tier1", entry="abe", weight="cost", budget=100)
    assert r.aid == 0 and r.net_cost == r.cost


def _shared_cap() -> nx.MultiDiGraph:
    """Two ways to credential ``c``: ``p1`` then ``p2`` ($5 each, both supported
    by service S, which pays up to $5 in all), or ``p3`` ($4, no aid)."""
    G = nx.MultiDiGraph()
    G.add_node("c", kind="credential")
    G.add_node("m", kind="credential")
    for p, cost in (("p1", 5), ("p2", 5), ("p3", 4)):
        G.add_node(p, kind="program", months=1, cost=cost)
    G.add_edge("p1", "m", kind="awards")
    G.add_edge("m", "p2", kind="requires")
    G.add_edge("p2", "c", kind="awards")
    G.add_edge("p3", "c", kind="awards")
    G.add_node("S", kind="service", amount=5)
    G.add_edge("S", "p1", kind="supports")
    G.add_edge("S", "p2", kind="supports")
    return G


def test_shared_cap() -> None:
    G = _shared_cap()
    # p1 + p2: $10 sticker, S pays $5 once (not $5 a step): net $5.
    # p3: $4 sticker, no aid: net $4. So p3 is the cheapest by net cost.
    r = route(G, "c", weight="cost")
    assert (_nodes(r), r.net_cost) == (["p3"], 4)
    # With S at $7, p1 + p2 nets $3 and wins.
    G.nodes["S"]["amount"] = 7
    r = route(G, "c", weight="cost")
    assert (_nodes(r), r.cost, r.aid, r.net_cost) == (["p1", "p2"], 10, 7, 3)
    # A budget of $3 on net cost allows only p1 + p2 (2 months, not p3's 1).
    r = route(G, "c", budget=3)
    assert (r.months, r.net_cost) == (2, 3)
    with pytest.raises(NoRouteError, match="after aid"):
        route(G, "c", budget=2.5)


def test_engine_time_on_examples(bht: nx.MultiDiGraph) -> None:
    # The integer program answers every aid-aware query; it must stay quick.
    t = time.perf_counter()
    route(bht, "bht-assoc", entry="abe", weight="cost")
    route(bht, "bht-assoc", entry="abe", budget=2600)
    assert time.perf_counter() - t < 10


# ---------------------------------------------------------------------------
# The aid allocation
# ---------------------------------------------------------------------------


def test_allocation_is_not_by_service_id() -> None:
    # A ($100) supports s1 and s2, B ($100) only s1; each step costs $100.
    # Paying s1 from A first (by id) would leave s2 with $0 and B unused; the
    # most aid is $200: B pays s1, A pays s2.
    src = {"s1": (("A", 100.0), ("B", 100.0)), "s2": (("A", 100.0),)}
    assert allocate_aid([("s1", 100.0), ("s2", 100.0)], src) == [
        {"B": 100.0},
        {"A": 100.0},
    ]


def test_allocation_route_order() -> None:
    # One service ($50) for two $40 steps: the first step gets $40, the second
    # what is left, $10.
    src = {"a": (("S", 50.0),), "b": (("S", 50.0),)}
    assert allocate_aid([("a", 40.0), ("b", 40.0)], src) == [{"S": 40.0}, {"S": 10.0}]
    assert allocate_aid([("b", 40.0), ("a", 40.0)], src) == [{"S": 40.0}, {"S": 10.0}]


def _lp_max_aid(
    steps: Sequence[tuple[str, float]],
    sources: Mapping[str, Sequence[tuple[str, float]]],
) -> float:
    """The most aid any allocation gives, as a linear program (SciPy)."""
    from scipy.optimize import linprog

    pairs = [
        (j, s, a) for j, (node, _) in enumerate(steps) for s, a in sources.get(node, ())
    ]
    if not pairs:
        return 0.0
    services = sorted({s for _, s, _ in pairs})
    amount = {s: a for _, s, a in pairs}
    rows, rhs = [], []
    for s in services:
        rows.append([1.0 if p[1] == s else 0.0 for p in pairs])
        rhs.append(amount[s])
    for j, (_, cost) in enumerate(steps):
        rows.append([1.0 if p[0] == j else 0.0 for p in pairs])
        rhs.append(cost)
    res = linprog([-1.0] * len(pairs), A_ub=rows, b_ub=rhs, bounds=(0, None))
    assert res.status == 0
    return float(-res.fun)


@settings(max_examples=200, deadline=None)
@given(
    costs=st.lists(st.integers(0, 9), min_size=1, max_size=5),
    services=st.lists(
        st.tuples(st.integers(0, 12), st.lists(st.integers(0, 4), max_size=4)),
        max_size=3,
    ),
)
def test_allocation_is_a_maximum(
    costs: list[int], services: list[tuple[int, list[int]]]
) -> None:
    steps = [(f"n{j}", float(c)) for j, c in enumerate(costs)]
    src: dict[str, list[tuple[str, float]]] = {}
    for i, (amount, targets) in enumerate(services):
        for t in sorted(set(targets)):
            src.setdefault(f"n{t}", []).append((f"S{i}", float(amount)))
    sources = {k: tuple(v) for k, v in src.items()}
    paid = allocate_aid(steps, sources)
    # feasible: no step above its cost, no service above its amount, only
    # services that support the step
    for (node, cost), got in zip(steps, paid, strict=True):
        assert sum(got.values()) <= cost + 1e-9
        assert set(got) <= {s for s, _ in sources.get(node, ())}
    for i, (amount, _) in enumerate(services):
        assert sum(g.get(f"S{i}", 0.0) for g in paid) <= amount + 1e-9
    # maximum
    assert sum(sum(g.values()) for g in paid) == pytest.approx(
        _lp_max_aid(steps, sources)
    )
    # route order: the first step gets all it can get alone
    first = _lp_max_aid(steps[:1], sources)
    assert sum(paid[0].values()) == pytest.approx(first)


# ---------------------------------------------------------------------------
# The integer program against brute force on small random graphs
# ---------------------------------------------------------------------------


@st.composite
def aided_systems(draw: st.DrawFn) -> nx.MultiDiGraph:
    """oracle.systems() with one to three services with an amount supporting
    programs (and sometimes one without an amount)."""
    G = draw(oracle.systems())
    progs = sorted(n for n, d in G.nodes(data=True) if d["kind"] == "program")
    for i in range(draw(st.integers(1, 3))):
        sv = f"sv{i}"
        attrs: dict[str, Any] = {"kind": "service", "label": sv.upper()}
        if draw(st.integers(0, 4)):
            attrs["amount"] = draw(st.integers(0, 8))
        G.add_node(sv, **attrs)
        for p in draw(st.lists(st.sampled_from(progs), max_size=3, unique=True)):
            G.add_edge(sv, p, kind="supports")
    return G


def _outcomes(
    G: nx.MultiDiGraph, start: frozenset[str], goals: frozenset[str]
) -> set[tuple[float, float]]:
    """(months, net cost) of every move sequence ending when a goal is first
    held, by the oracle's rules; net = sticker - the LP's most aid."""
    sources = aid_sources(G)
    out: set[tuple[float, float]] = set()
    seen: set[tuple[frozenset[str], float, tuple[tuple[str, float], ...]]] = set()
    stack: list[tuple[frozenset[str], float, tuple[tuple[str, float], ...]]] = [
        (start, 0.0, ())
    ]
    while stack:
        held, months, steps = stack.pop()
        if held & goals:
            cost = sum(c for _, c in steps)
            out.add((months, cost - _lp_max_aid(steps, sources)))
            continue
        for _, node, _, m, c, nxt in oracle.legal_moves(G, held):
            st_ = tuple(sorted((*steps, (node, c))))
            key = (nxt, months + m, st_)
            if key not in seen:
                seen.add(key)
                stack.append(key)
    return out


@settings(max_examples=120, deadline=None)
@given(G=aided_systems(), data=st.data())
def test_net_cost_matches_brute_force(G: nx.MultiDiGraph, data: st.DataObject) -> None:
    nodes = sorted(n for n, d in G.nodes(data=True) if d["kind"] != "service")
    start = frozenset(data.draw(st.lists(st.sampled_from(nodes), max_size=2)))
    goal = data.draw(st.sampled_from(sorted(set(nodes) - start) or nodes))
    found = _outcomes(G, start, frozenset({goal}))
    if not found:
        with pytest.raises(NoRouteError):
            route(G, goal, holds=start, weight="cost")
        return
    least = min(n for _, n in found)
    r = route(G, goal, holds=start, weight="cost")
    assert r.net_cost == pytest.approx(least)
    assert r.net_cost == pytest.approx(r.cost - r.aid)
    oracle.recompute(G, start, r)
    # the reported aid is the most any allocation gives the route's steps
    steps = [(s.node, s.cost) for s in r.steps]
    assert r.aid == pytest.approx(_lp_max_aid(steps, aid_sources(G)))
    # a budget on net cost: the fastest route within it
    budget = data.draw(st.sampled_from(sorted({n for _, n in found})))
    fastest = min(m for m, n in found if n <= budget + 1e-9)
    r = route(G, goal, holds=start, budget=budget)
    assert r.months == pytest.approx(fastest)
    assert r.net_cost <= budget + 1e-9
    oracle.recompute(G, start, r)


# ---------------------------------------------------------------------------
# Earnings over a horizon (best_earnings / route_earnings), by hand on bht
# ---------------------------------------------------------------------------


def test_earnings_by_hand(bht: nx.MultiDiGraph) -> None:
    from pathgraph.routing import best_earnings, route_earnings, routes

    fast, stacked = routes(bht, "behavioral-health-counselor", k=2, entry="abe")
    # fastest: GED (to month 6), AAS (to month 30): no job before month 30, then
    # Behavioral Health Counselor at $59,190 a year for 30 months, less $2,504 net:
    # 30 * 59190 / 12 - 2504 = 147975 - 2504 = 145471.
    assert fast.months == 30
    assert route_earnings(bht, fast, 60) == pytest.approx(145471)
    # within 24 months it earns nothing and still pays its net cost
    assert route_earnings(bht, fast, 24) == pytest.approx(-2504)
    # stacked (38 months): Tier 1 ends at 4 and opens Psychiatric Aide ($41,590),
    # Tier 3 ends at 18 and opens Social and Human Service Assistant ($45,120),
    # the AAS ends at 38 (Counselor, $59,190):
    # 14 * 41590/12 + 20 * 45120/12 + 22 * 59190/12 - 1988
    # = 48521.67 + 75200 + 108515 - 1988 = 230248.67
    assert [s.total_months for s in stacked.steps if s.opens_ids] == [4, 18, 38]
    assert route_earnings(bht, stacked, 60) == pytest.approx(230248.6667)
    # so over five years the stacked route earns more, though slower
    best = best_earnings(bht, "behavioral-health-counselor", entry="abe")
    assert best.months == 38
    # over 30 months: fastest -2504; stacked 14 * 41590/12 + 12 * 45120/12 - 1988
    # = 48521.67 + 45120 - 1988 = 91653.67: still the stacked route
    assert route_earnings(bht, stacked, 30) == pytest.approx(91653.6667)
    # k is deprecated and ignored: the search is exact over every route
    with pytest.warns(DeprecationWarning, match="k is ignored"):
        one = best_earnings(bht, "behavioral-health-counselor", entry="abe", k=1)
    assert one.months == 38
    with pytest.raises(pathgraph.PathgraphError, match="horizon_months"):
        route_earnings(bht, fast, -1)
