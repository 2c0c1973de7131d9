"""``routes`` and ``pareto_routes`` judge ``budget`` and cost on the net cost after
aid (issue #15), as :func:`pathgraph.route` does.

The oracle is a brute-force enumeration of every move sequence by the rules of
:mod:`tests.routing.oracle` (no pathgraph code), priced with the most aid a linear
program (SciPy's) gives the steps; BHT is worked by hand.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

import pathgraph
from pathgraph import NoRouteError, pareto_routes, routes
from pathgraph.cli import main
from pathgraph.routing.sheet import aid_sources
from tests.routing import oracle
from tests.routing.test_net_cost import _lp_max_aid, _outcomes, aided_systems

ROOT = Path(__file__).resolve().parents[2]

# ---------------------------------------------------------------------------
# BHT by hand (entry abe, goal bht-assoc). The ITA (one-stop-ita) pays up to
# $3,000 in all over bht-advanced-course and bht-aas.
#
# fastest: abe-ged ($0) + bht-aas ($5,504): 30 months, sticker $5,504;
#   aid min(3000, 5504) = $3,000  ->  net 5504 - 3000 = $2,504.
# stacked: abe-ged, tier1 $0, tier2 $516, tier3 $516, advanced $1,290, bht-aas
#   $5,504 - $2,838 saved = $2,666: 38 months, sticker 516 + 516 + 1290 + 2666
#   = $4,988; aid 1290 + min(3000 - 1290, 2666) = 1290 + 1710 = $3,000
#   ->  net 4988 - 3000 = $1,988.
# Both nets are below both stickers: a budget of $2,600 fits both routes on net
# cost (2504 <= 2600, 1988 <= 2600) and neither on sticker (5504, 4988 > 2600).
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bht() -> nx.MultiDiGraph:
    return pathgraph.to_graph(pathgraph.load_example("bht"))


def _vals(found: list[pathgraph.Route]) -> list[tuple[float, float, float | None]]:
    return [(r.months, r.cost, r.net_cost) for r in found]


def test_bht_budget_on_net_cost(bht: nx.MultiDiGraph) -> None:
    found = routes(bht, "bht-assoc", k=3, entry="abe", budget=2600)
    # by months (the default weight): 30 then 38, both within $2,600 net
    assert _vals(found) == [(30, 5504, 2504), (38, 4988, 1988)]
    assert [r.optimal for r in found] == [True, False]
    # $2,000: only the stacked route ($1,988 net; $2,504 > $2,000)
    assert _vals(routes(bht, "bht-assoc", k=3, entry="abe", budget=2000)) == [
        (38, 4988, 1988)
    ]
    # exactly the net costs are allowed
    assert len(routes(bht, "bht-assoc", k=3, entry="abe", budget=2504)) == 2
    assert len(routes(bht, "bht-assoc", k=3, entry="abe", budget=1988)) == 1
    with pytest.raises(NoRouteError, match=r"\$1,988 after aid"):
        routes(bht, "bht-assoc", k=3, entry="abe", budget=1987)
    # routes(k=1) agrees with route() (the integer program) on the bound
    best = pathgraph.route(bht, "bht-assoc", entry="abe", budget=2000)
    assert (best.months, best.net_cost) == (found[1].months, found[1].net_cost)


def test_bht_cost_order_is_net(bht: nx.MultiDiGraph) -> None:
    found = routes(bht, "bht-assoc", k=3, entry="abe", weight="cost")
    # net $1,988 before net $2,504 (sticker order would agree here: 4988 < 5504)
    assert _vals(found) == [(38, 4988, 1988), (30, 5504, 2504)]
    # Route.weight stays the sticker total, as route() says
    assert [r.weight for r in found] == [4988, 5504]
    assert routes(bht, "bht-assoc", k=1, entry="abe", weight="cost") == found[:1]


def test_bht_pareto_on_net_cost(bht: nx.MultiDiGraph) -> None:
    front = pareto_routes(bht, "bht-assoc", entry="abe")
    # (months, net): (30, 2504) and (38, 1988): neither dominates the other
    assert [(r.months, r.net_cost) for r in front] == [(30, 2504), (38, 1988)]
    front = pareto_routes(bht, "bht-assoc", entry="abe", criteria=("cost",))
    assert [(r.months, r.net_cost) for r in front] == [(38, 1988)]
    # a budget on net cost cuts the fastest ($2,504 > $2,000)
    front = pareto_routes(bht, "bht-assoc", entry="abe", budget=2000)
    assert [(r.months, r.net_cost) for r in front] == [(38, 1988)]


def test_ranking_net_differs_from_sticker() -> None:
    # Two ways to credential c: p1 ($10 sticker, service S pays $8: net $2, 2
    # months) or p2 ($5, no aid: net $5, 1 month). Sticker order: p2 then p1;
    # net order: p1 ($2) then p2 ($5).
    G = nx.MultiDiGraph()
    G.add_node("c", kind="credential")
    G.add_node("p1", kind="program", months=2, cost=10)
    G.add_node("p2", kind="program", months=1, cost=5)
    G.add_edge("p1", "c", kind="awards")
    G.add_edge("p2", "c", kind="awards")
    G.add_node("S", kind="service", amount=8)
    G.add_edge("S", "p1", kind="supports")
    found = routes(G, "c", k=2, weight="cost")
    assert [(r.steps[0].node, r.cost, r.net_cost) for r in found] == [
        ("p1", 10, 2),
        ("p2", 5, 5),
    ]
    assert [r.optimal for r in found] == [True, False]
    # budget $3: p1 fits on net ($2) though its sticker ($10) does not
    assert [r.steps[0].node for r in routes(G, "c", k=2, budget=3)] == ["p1"]
    # Pareto on (months, net): p2 (1, $5) and p1 (2, $2) both stay
    front = pareto_routes(G, "c")
    assert [(r.months, r.net_cost) for r in front] == [(1, 5), (2, 2)]


def _two_orders() -> nx.MultiDiGraph:
    """Programs pa and pb ($100 and 1 month each) both lead to goal (through z,
    free, which needs both credentials). Each saves on the other by articulation:
    pa then pb saves $50 on pb, pb then pa saves $20 on pa. Service S pays up to
    $100 toward pb only."""
    G = nx.MultiDiGraph()
    for n in ("pa", "pb"):
        G.add_node(n, kind="program", months=1, cost=100)
    for c in ("ca", "cb", "goal"):
        G.add_node(c, kind="credential")
    G.add_node("z", kind="program")
    G.add_edge("pa", "ca", kind="awards")
    G.add_edge("pb", "cb", kind="awards")
    G.add_edge("ca", "z", kind="requires")
    G.add_edge("cb", "z", kind="requires")
    G.add_edge("z", "goal", kind="awards")
    G.add_edge("pa", "pb", kind="articulates_to", cost_saved=50)
    G.add_edge("pb", "pa", kind="articulates_to", cost_saved=20)
    G.add_node("S", kind="service", amount=100)
    G.add_edge("S", "pb", kind="supports")
    return G


def test_dominance_on_net_cost() -> None:
    # pa, pb: pa $100, pb $100 - $50 = $50: sticker $150; S pays pb's $50: net $100.
    # pb, pa: pb $100, pa $100 - $20 = $80: sticker $180; S pays pb's $100:
    #   net $80.
    # Both orders reach the same holdings in 2 months. On sticker cost the first
    # ($150 < $180) would drop the second, whose net cost is the least.
    G = _two_orders()
    front = pareto_routes(G, "goal")
    assert [(r.months, r.cost, r.net_cost) for r in front] == [(2, 180, 80)]
    assert [s.node for s in front[0].steps] == ["pb", "pa", "z"]
    found = routes(G, "goal", k=3, weight="cost")
    assert [(r.cost, r.net_cost) for r in found] == [(180, 80)]
    found = routes(G, "goal", k=3, budget=90)  # $80 <= $90 < $100
    assert [(r.cost, r.net_cost) for r in found] == [(180, 80)]
    # the integer program agrees
    assert pathgraph.route(G, "goal", weight="cost").net_cost == 80


def test_unneeded_step_is_dropped_in_any_order() -> None:
    # p0, p1, p2 ($1 each) each award c0; job o2 needs c0 (free); job o0 needs
    # p1, p2 and o2 (free). S pays up to $5 toward p0. The only minimal route is
    # p1, (o2), p2, (o0): $2 sticker, $2 net. The search also reaches p0, o2, p1,
    # p2: $3 sticker, $3 - $1 aid = $2 net; dropping p0 leaves o2 before c0 is
    # held, so the rest must be replayed as p1, o2, p2 to see that p0 is not
    # needed ($2, $2: no worse). Kept, it would be a second, non-minimal route.
    G = nx.MultiDiGraph()
    for p in ("p0", "p1", "p2"):
        G.add_node(p, kind="program", cost=1)
        G.add_edge(p, "c0", kind="awards")
    G.add_node("c0", kind="credential")
    G.add_node("o0", kind="occupation")
    G.add_node("o2", kind="occupation")
    G.add_edge("p1", "o0", kind="requires")
    G.add_edge("p2", "o0", kind="requires")
    G.add_edge("c0", "o2", kind="requires")
    G.add_edge("o2", "o0", kind="requires")
    G.add_node("S", kind="service", amount=5)
    G.add_edge("S", "p0", kind="supports")
    found = routes(G, "o0", k=3, weight="cost")
    assert [(r.cost, r.net_cost, [s.node for s in r.steps]) for r in found] == [
        (2, 2, ["p1", "o2", "p2", "o0"])
    ]


def test_net_search_limit_is_a_clear_error(bht: nx.MultiDiGraph) -> None:
    # The net-cost search has the search's limits and error (no MemoryError).
    from pathgraph.routing import _Query, _weight_fn
    from pathgraph.routing.netsearch import AidFlow, net_first

    q = _Query(bht, "bht-assoc", (), "abe", ())
    labels = net_first(
        q.problem,
        q.start,
        q.goals,
        _weight_fn(bht, "cost"),
        lambda m: 0.0,
        AidFlow(q.aid()),
        by_net=True,
        max_expansions=3,
    )
    with pytest.raises(pathgraph.SearchLimitError, match="limits 3 and"):
        list(labels)


def test_cli_route_budget_is_net(capsys: pytest.CaptureFixture[str]) -> None:
    bht = str(ROOT / "examples" / "bht.yaml")
    args = ["route", bht, "--goal", "bht-assoc", "--entry", "abe", "--budget", "2600"]
    # sticker $5,504 > $2,600 >= $2,504 net: the fastest route is shown
    assert main([*args, "--alternatives", "3"]) == 0
    out = capsys.readouterr().out
    assert "Best route" in out and "Alternative 1" in out
    assert main([*args[:-1], "1987"]) == 2
    assert "$1,988 after aid" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# Brute force on small random systems with aid
# ---------------------------------------------------------------------------


@st.composite
def plain_aided(draw: st.DrawFn) -> nx.MultiDiGraph:
    """:func:`aided_systems` without articulation: a step's cost is then its own,
    whatever the order, so a set of steps has one sticker and one net cost."""
    G = draw(aided_systems())
    drop = [
        (u, v, k)
        for u, v, k, d in G.edges(keys=True, data="kind")
        if d == "articulates_to"
    ]
    G.remove_edges_from(drop)
    return G


def _case(G: nx.MultiDiGraph, data: st.DataObject) -> tuple[frozenset[str], str]:
    nodes = sorted(n for n, d in G.nodes(data=True) if d["kind"] != "service")
    start = frozenset(data.draw(st.lists(st.sampled_from(nodes), max_size=2)))
    goal = data.draw(st.sampled_from(sorted(set(nodes) - start) or nodes))
    return start, goal


def _free_closure(G: nx.MultiDiGraph, held: frozenset[str]) -> frozenset[str]:
    """``held`` after every free move (no months, no cost) enabled, repeatedly:
    the search takes them as soon as they are enabled, which never hurts."""
    changed = True
    while changed:
        changed = False
        for _, _, _, m, c, nxt in oracle.legal_moves(G, held):
            if m == 0 and c == 0 and not nxt <= held:
                held, changed = nxt, True
    return held


def _step_sets(
    G: nx.MultiDiGraph, start: frozenset[str], goals: frozenset[str]
) -> dict[frozenset[str], tuple[float, float, float]]:
    """Every set of (costly or timed) steps of a move sequence that ends when a
    goal is first held, free moves taken as soon as enabled, with its least
    ``(net, months, sticker)``; net = sticker - the LP's most aid."""
    sources = aid_sources(G)
    best: dict[frozenset[str], tuple[float, float, float]] = {}
    first = _free_closure(G, start)
    stack: list[tuple[frozenset[str], float, tuple[tuple[str, float], ...]]] = [
        (first, 0.0, ())
    ]
    seen = set()
    while stack:
        held, months, steps = stack.pop()
        if held & goals:
            cost = sum(c for _, c in steps)
            net = cost - _lp_max_aid(steps, sources)
            key = frozenset(n for n, _ in steps)
            val = (round(net, 6), round(months, 6), round(cost, 6))
            best[key] = min(best.get(key, val), val)
            continue
        for _, node, _, m, c, nxt in oracle.legal_moves(G, held):
            if m == 0 and c == 0:
                continue  # taken by the closure already
            nxt = nxt if nxt & goals else _free_closure(G, nxt)
            item = (nxt, months + m, tuple(sorted((*steps, (node, c)))))
            if item not in seen:
                seen.add(item)
                stack.append(item)
    return best


def _aided(G: nx.MultiDiGraph, goal: str, start: frozenset[str]) -> bool:
    """Whether a step that may lead to ``goal`` can get aid (a service with an
    amount > 0 supports a costly program that is not held)."""
    from pathgraph.routing import _Query

    return bool(_Query(G, goal, start, None, ()).aid())


def _paid_steps(r: pathgraph.Route) -> frozenset[str]:
    """The route's steps that take time or money."""
    return frozenset(s.node for s in r.steps if (s.months, s.cost) != (0, 0))


def _minimal(
    sets: dict[frozenset[str], tuple[float, float, float]],
) -> dict[frozenset[str], tuple[float, float, float]]:
    """The step sets no other one is a proper subset of: a route with a step it
    does not need is the smaller route (no worse on anything, as nothing is
    saved by articulation here), so it is not a different route."""
    return {t: v for t, v in sets.items() if not any(o < t for o in sets)}


def _r(r: pathgraph.Route) -> tuple[float, float, float]:
    net = r.cost if r.net_cost is None else r.net_cost
    return (round(net, 6), round(r.months, 6), round(r.cost, 6))


@settings(max_examples=150, deadline=None)
@given(G=plain_aided(), data=st.data(), k=st.integers(1, 4))
def test_routes_by_net_cost_match_brute_force(
    G: nx.MultiDiGraph, data: st.DataObject, k: int
) -> None:
    start, goal = _case(G, data)
    sets = _minimal(_step_sets(G, start, frozenset({goal})))
    if not sets:
        with pytest.raises(NoRouteError):
            routes(G, goal, k=k, holds=start, weight="cost")
        return
    note(f"nodes {sorted(G.nodes(data=True))}")
    note(f"edges {sorted(G.edges(data=True), key=repr)}")
    found = routes(G, goal, k=k, holds=start, weight="cost")
    note(f"found {[[s.node for s in r.steps] for r in found]}, sets {sets}")
    # ranked by (net cost, months, sticker cost): the k smallest of brute force
    expected = sorted(sets.values())[:k]
    if not _aided(G, goal, start):
        # no aid: the sticker search, which counts a free step (no months, no
        # cost) as a step, so another way through free steps is another route
        # here and not to the brute force; only its optimum is compared
        assert _r(found[0]) == expected[0]
        return
    # Routes that differ only in free steps (no months, no cost: hired into an
    # open job, or a free program) are different routes to routes() and one to
    # the brute force, which takes free steps as soon as they are enabled:
    # compare the routes as the brute force sees them.
    paid: list[pathgraph.Route] = []
    for r in found:
        if all(_paid_steps(o) != _paid_steps(r) for o in paid):
            paid.append(r)
    assert [_r(r) for r in paid] == expected[: len(paid)]
    if len(paid) == len(found):
        assert len(paid) == len(expected)
    for r in found:
        assert sets[_paid_steps(r)] == _r(r)
        oracle.recompute(G, start, r)
    least = expected[0][0]
    assert [r.optimal for r in found] == [_r(r)[0] == least for r in found]
    # the first j of k=4 are routes(k=j)
    big = routes(G, goal, k=4, holds=start, weight="cost")
    assert [r.to_dict() for r in big[:k]] == [r.to_dict() for r in found]


@settings(max_examples=150, deadline=None)
@given(G=plain_aided(), data=st.data(), weight=st.sampled_from(["months", "cost"]))
def test_routes_budget_on_net_cost_match_brute_force(
    G: nx.MultiDiGraph, data: st.DataObject, weight: str
) -> None:
    start, goal = _case(G, data)
    sets = _minimal(_step_sets(G, start, frozenset({goal})))
    if not sets:
        return
    budget = data.draw(st.sampled_from(sorted({v[0] for v in sets.values()})))
    within = {t: v for t, v in sets.items() if v[0] <= budget}
    found = routes(G, goal, k=3, holds=start, weight=weight, budget=budget)
    if weight == "cost":
        expected = sorted(within.values())[:3]
    else:  # (months, net cost, sticker)
        expected = sorted(within.values(), key=lambda v: (v[1], v[0], v[2]))[:3]
    if not _aided(G, goal, start):  # the sticker search (see above)
        assert _r(found[0]) == expected[0]
        return
    assert [_r(r) for r in found] == expected
    assert all(r.net_cost is not None and r.net_cost <= budget + 1e-9 for r in found)
    # a route whose sticker exceeds the budget but whose net cost does not is
    # found whenever brute force has one
    over = [v for v in within.values() if v[2] > budget]
    if over and len(within) <= 3:
        assert any(_r(r)[2] > budget for r in found)
    for j in (1, 2):
        small = routes(G, goal, k=j, holds=start, weight=weight, budget=budget)
        assert [r.to_dict() for r in small] == [r.to_dict() for r in found[:j]]


@settings(max_examples=150, deadline=None)
@given(G=aided_systems(), data=st.data())
def test_pareto_on_net_cost_matches_brute_force(
    G: nx.MultiDiGraph, data: st.DataObject
) -> None:
    # With articulation savings: the front is on values, whatever the steps.
    start, goal = _case(G, data)
    found_all = _outcomes(G, start, frozenset({goal}))
    if not found_all:
        with pytest.raises(NoRouteError):
            pareto_routes(G, goal, holds=start)
        return
    rounded = {(round(m, 6), round(n, 6)) for m, n in found_all}
    front = pareto_routes(G, goal, holds=start)
    got = [(round(r.months, 6), round(r.net_cost or 0.0, 6)) for r in front]
    assert got == oracle.front(rounded)
    for r in front:
        oracle.recompute(G, start, r)
        steps = [(s.node, s.cost) for s in r.steps]
        assert r.aid == pytest.approx(_lp_max_aid(steps, aid_sources(G)))
    # cost first: the same front, in the order of net cost
    swapped = pareto_routes(G, goal, holds=start, criteria=("cost", "months"))
    assert sorted((r.months, r.net_cost) for r in swapped) == sorted(
        (r.months, r.net_cost) for r in front
    )
    # a budget on net cost: the front of the routes within it
    budget = data.draw(st.sampled_from(sorted({n for _, n in found_all})))
    capped = pareto_routes(G, goal, holds=start, budget=budget)
    got = [(round(r.months, 6), round(r.net_cost or 0.0, 6)) for r in capped]
    within = {(round(m, 6), round(n, 6)) for m, n in found_all if n <= budget + 1e-9}
    assert got == oracle.front(within)


@settings(max_examples=150, deadline=None)
@given(G=aided_systems(), data=st.data())
def test_cheapest_first_with_articulation(
    G: nx.MultiDiGraph, data: st.DataObject
) -> None:
    # With articulation savings: the first route has the least net cost of all
    # move sequences, the order is by net cost, every route is legal.
    start, goal = _case(G, data)
    found_all = _outcomes(G, start, frozenset({goal}))
    if not found_all:
        return
    found = routes(G, goal, k=3, holds=start, weight="cost")
    nets = [r.net_cost or 0.0 for r in found]
    assert nets[0] == pytest.approx(min(n for _, n in found_all))
    assert nets == sorted(nets)
    assert len({frozenset(s.node for s in r.steps) for r in found}) == len(found)
    for r in found:
        oracle.recompute(G, start, r)
    for j in (1, 2):
        small = routes(G, goal, k=j, holds=start, weight="cost")
        assert [r.to_dict() for r in small] == [r.to_dict() for r in found[:j]]


def test_no_aid_keeps_the_sticker_search(bht: nx.MultiDiGraph) -> None:
    # Tier 1 certificate: no step of its cone gets aid, so net = sticker and the
    # search is the one before (same routes as weight months reordered by cost).
    found = routes(bht, "bht-tier1", k=2, entry="abe", weight="cost", budget=100)
    assert all(r.aid == 0 and r.net_cost == r.cost for r in found)
