"""best_earnings is exact: every route, every order of its steps (issue #15).

The oracle enumerates every sequence of moves of the goal's relevance cone that ends
when a goal is first held, with the legality and prices of :mod:`tests.routing.oracle`
(written from the movement model alone), builds each one's route and takes the most
:func:`~pathgraph.routing.route_earnings` (the definition of earnings). Hand-worked
cases show where ranking the fastest routes was wrong: a slower route that opens a
well-paid job early, and an order of the same steps that opens it sooner.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import pathgraph
from pathgraph import NoRouteError, SearchLimitError
from pathgraph.routing import _Query, best_earnings, route, route_earnings, routes
from pathgraph.routing import earnings as earnings_module
from pathgraph.routing.earnings import _Search
from pathgraph.routing.model import Move, compile_problem, relevance_cone
from pathgraph.routing.search import replay
from pathgraph.routing.sheet import build_route
from tests.routing import oracle
from tests.routing.test_net_cost import aided_systems

#: Sequences the oracle enumerates before it gives up on an example.
ORACLE_LIMIT = 20_000


class _TooMany(Exception):
    pass


def brute_force(
    G: nx.MultiDiGraph, start: frozenset[str], goal: str, horizon: float
) -> float | None:
    """The most earnings of any move sequence of the goal's cone (in any order)
    that ends when the goal is first held; None when there is none."""
    found = brute_force_best(G, start, goal, horizon)
    return None if found is None else found[0]


def brute_force_best(
    G: nx.MultiDiGraph, start: frozenset[str], goal: str, horizon: float
) -> tuple[float, tuple[Move, ...]] | None:
    """The most earnings and a move sequence that earns them (as
    :func:`brute_force`)."""
    goals = frozenset({goal})
    cone = relevance_cone(G, goals)
    moves = compile_problem(G, cone).moves
    best: tuple[float, tuple[Move, ...]] | None = None
    count = 0

    def route_of(seq: tuple[Any, ...]) -> pathgraph.Route:
        played, ok = replay(seq, start, goals)
        assert ok
        return build_route(G, played, start, goals, lambda m, mo, c: mo, False)

    def walk(held: frozenset[str], seq: tuple[Any, ...]) -> None:
        nonlocal best, count
        if held & goals:
            count += 1
            if count > ORACLE_LIMIT:
                raise _TooMany
            value = route_earnings(G, route_of(seq), horizon)
            if best is None or value > best[0]:
                best = (value, seq)
            return
        for action, node, via, months, cost, nxt in oracle.legal_moves(G, held):
            if node not in cone:
                continue
            # the model's move for the oracle's (parallel edges: by months, cost)
            same = [
                m
                for m in moves
                if (m.action, m.node, m.via) == (action, node, via)
                and m.actual(held) == pytest.approx((months, cost))
            ]
            if not same:
                # a parallel edge the model drops (routing.model._stack_moves):
                # another from the same record takes no more months and costs no
                # more, so it never earns more
                assert any(
                    (m.action, m.node, m.via) == (action, node, via)
                    and m.actual(held)[0] <= months + 1e-9
                    and m.actual(held)[1] <= cost + 1e-9
                    for m in moves
                ), (action, node, via, sorted(held))
                continue
            walk(nxt, (*seq, same[0]))

    walk(start, ())
    return best


def _check(G: nx.MultiDiGraph, data: st.DataObject, horizon: float) -> None:
    # Wages as drawn (a few dollars a year: costs decide), or large enough that a
    # month of a job weighs as much as a step's cost (the bound on when jobs can
    # start decides what the search may skip).
    scale = data.draw(st.sampled_from([1, 12, 60]))
    for _, d in G.nodes(data=True):
        if d.get("wage_median") is not None:
            d["wage_median"] *= scale
    nodes = sorted(n for n, d in G.nodes(data=True) if d["kind"] != "service")
    start = frozenset(data.draw(st.lists(st.sampled_from(nodes), max_size=2)))
    goal = data.draw(st.sampled_from(sorted(set(nodes) - start) or nodes))
    try:
        found = brute_force_best(G, start, goal, horizon)
    except _TooMany:
        assume(False)
        return
    expected = None if found is None else found[0]
    if found is None:
        with pytest.raises(NoRouteError):
            best_earnings(G, goal, holds=start, horizon_months=horizon)
        return
    r = best_earnings(G, goal, holds=start, horizon_months=horizon)
    assert r.optimal
    assert route_earnings(G, r, horizon) == pytest.approx(expected, abs=1e-6)
    if goal in start:
        return
    oracle.recompute(G, start, r)  # every step legal, priced by the oracle
    # Along a best sequence, no label's bound is below the best earnings (the
    # search may skip a label only when its bound is below a route found), and the
    # complete label's value is route_earnings'.
    q = _Query(G, goal, start, None, frozenset())
    search = _Search(G, q.problem.moves, q.start, q.goals, q.aid(), horizon)
    lab = search.root
    for m in found[1]:
        assert search.ub(lab) >= expected - 1e-6
        lab = search.step(lab, m)
    assert search.value(lab) == pytest.approx(expected, abs=1e-6)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    G=oracle.systems(),
    data=st.data(),
    horizon=st.sampled_from([0.0, 3.0, 7.5, 12.0, 60.0]),
)
def test_matches_brute_force(
    G: nx.MultiDiGraph, data: st.DataObject, horizon: float
) -> None:
    _check(G, data, horizon)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(G=aided_systems(), data=st.data(), horizon=st.sampled_from([2.0, 10.0, 60.0]))
def test_matches_brute_force_with_aid(
    G: nx.MultiDiGraph, data: st.DataObject, horizon: float
) -> None:
    """Services with an amount: a shared cap makes the net cost depend on every
    step at once (the bound only uses the total of the amounts)."""
    _check(G, data, horizon)


@st.composite
def _jobs_on_the_way(draw: st.DrawFn) -> nx.MultiDiGraph:
    """oracle.rich_systems() (courses, exams, conditions, programs) with more jobs:
    each credential may qualify for one, and a job may need a condition met (a
    hidden meet opens its jobs at the next listed step)."""
    G = draw(oracle.rich_systems())
    creds = sorted(n for n, d in G.nodes(data=True) if d["kind"] == "credential")
    conds = sorted(n for n, d in G.nodes(data=True) if d["kind"] == "condition")
    for i, c in enumerate(creds):
        if draw(st.booleans()):
            job = f"j{i}"
            G.add_node(
                job, kind="occupation", label=job, wage_median=draw(st.integers(0, 9))
            )
            G.add_edge(c, job, kind="qualifies_for")
            if conds and draw(st.booleans()):
                G.add_edge(draw(st.sampled_from(conds)), job, kind="requires")
    return G


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(G=_jobs_on_the_way(), data=st.data(), horizon=st.sampled_from([4.0, 9.0, 60.0]))
def test_matches_brute_force_rich(
    G: nx.MultiDiGraph, data: st.DataObject, horizon: float
) -> None:
    _check(G, data, horizon)


# ---------------------------------------------------------------------------
# By hand
# ---------------------------------------------------------------------------


def _early_job() -> nx.MultiDiGraph:
    """Five programs f1..f5 (10..14 months, $0) award the goal credential, which
    qualifies for Target ($60,000 a year). s1 (2 months, $0) awards a certificate
    that qualifies for Aide ($120,000); s2 (20 months, $1,000) needs it and awards
    the goal too, so s1 is in the goal's cone."""
    G = nx.MultiDiGraph()
    G.add_node("goal", kind="credential")
    G.add_node("cert", kind="credential")
    G.add_node("target", kind="occupation", wage_median=60_000)
    G.add_node("aide", kind="occupation", wage_median=120_000)
    G.add_edge("goal", "target", kind="qualifies_for")
    G.add_edge("cert", "aide", kind="qualifies_for")
    for i in range(1, 6):
        G.add_node(f"f{i}", kind="program", months=9 + i, cost=0)
        G.add_edge(f"f{i}", "goal", kind="awards")
    G.add_node("s1", kind="program", months=2, cost=0)
    G.add_edge("s1", "cert", kind="awards")
    G.add_node("s2", kind="program", months=20, cost=1_000)
    G.add_edge("cert", "s2", kind="requires")
    G.add_edge("s2", "goal", kind="awards")
    return G


def test_a_slower_route_that_opens_a_job_early_wins() -> None:
    G = _early_job()
    # Five years (60 months):
    # f1 alone, the fastest (10 months): Target from month 10,
    #   50 x 60000 / 12 = 250,000.
    # s1 then s2 (22 months): Aide from month 2, 58 x 120000 / 12 = 580,000,
    #   less s2's $1,000 = 579,000.
    # s1 then f1 (12 months): Aide from month 2 (Target pays less), 580,000.
    r = best_earnings(G, "goal")
    assert [s.node for s in r.steps] == ["s1", "f1"]
    assert (r.months, r.optimal) == (12, True)
    assert route_earnings(G, r, 60) == pytest.approx(580_000)
    # Ranking the five fastest routes (f1..f5: s1 + s2 is sixth, s1 + f1 is not
    # a route of routes(), which drops the unneeded s1) found only 250,000.
    fastest = routes(G, "goal", k=5)
    assert [r.months for r in fastest] == [10, 11, 12, 13, 14]
    assert max(route_earnings(G, f, 60) for f in fastest) == pytest.approx(250_000)
    # Over 10 months nothing is earned on f1 (0) and s1 + f1 pays 8 x 10,000:
    # the same answer; over 2 months, 0 for every route: the fastest wins the tie.
    assert route_earnings(G, best_earnings(G, "goal", horizon_months=10), 10) == 80_000
    short = best_earnings(G, "goal", horizon_months=2)
    assert ([s.node for s in short.steps], route_earnings(G, short, 2)) == (["f1"], 0)


def _two_steps() -> nx.MultiDiGraph:
    """Program p (no months) needs credentials ca and cb and awards the goal. a and
    b (6 months each) award ca and cb; cb qualifies for Job ($48,000)."""
    G = nx.MultiDiGraph()
    for n in ("ca", "cb", "goal"):
        G.add_node(n, kind="credential")
    G.add_node("job", kind="occupation", wage_median=48_000)
    G.add_edge("cb", "job", kind="qualifies_for")
    for p, c in (("a", "ca"), ("b", "cb")):
        G.add_node(p, kind="program", months=6, cost=100)
        G.add_edge(p, c, kind="awards")
    G.add_node("p", kind="program")
    G.add_edge("ca", "p", kind="requires")
    G.add_edge("cb", "p", kind="requires")
    G.add_edge("p", "goal", kind="awards")
    return G


def test_reordering_the_same_steps_wins() -> None:
    G = _two_steps()
    fast = route(G, "goal")
    assert [s.node for s in fast.steps] == ["a", "b", "p"]  # the engine's order
    # Over 24 months: a, b, p opens Job at month 12: 12 x 48000 / 12 = 48,000,
    # less $200 = 47,800. b first opens it at month 6: 18 x 4,000 = 72,000 - 200.
    assert route_earnings(G, fast, 24) == pytest.approx(47_800)
    r = best_earnings(G, "goal", horizon_months=24)
    assert [s.node for s in r.steps] == ["b", "a", "p"]
    assert route_earnings(G, r, 24) == pytest.approx(71_800)
    assert r.months == fast.months == 12


def test_bht_by_hand() -> None:
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    r = best_earnings(G, "behavioral-health-counselor", entry="abe")
    # The stacked route, Tier 1 first: Tier 1 (months 0-4, opens Psychiatric
    # Aide, $41,590), GED (4-10), Tier 2 (10-14), Tier 3 (14-18, opens Social and
    # Human Service Assistant, $45,120), advanced course (18-26), AAS (26-38, opens
    # the counselor, $59,190), hired (38):
    #   14 x 41590 / 12 + 20 x 45120 / 12 + 22 x 59190 / 12
    #   = 48,521.67 + 75,200 + 108,515 = 232,236.67, less $1,988 net
    #   ($4,988 sticker, $3,000 ITA) = 230,248.67.
    # The fastest (GED, AAS: 30 months) earns 30 x 59190 / 12 - 2,504 = 145,471.
    assert [s.node for s in r.steps] == [
        "bht-tier1-course",
        "abe-ged",  # before Tier 2: the same earnings, the step ids decide
        "bht-tier2-course",
        "bht-tier3-course",
        "bht-advanced-course",
        "bht-aas",
        "behavioral-health-counselor",
    ]
    assert (r.months, r.net_cost) == (38, 1988)
    assert route_earnings(G, r, 60) == pytest.approx(230_248.6667)
    # and no order of any steps of the cone earns more
    assert brute_force(G, frozenset(r.holds_before), r.goal, 60) == pytest.approx(
        230_248.6667
    )


# ---------------------------------------------------------------------------
# Arguments, the budget
# ---------------------------------------------------------------------------


def test_k_is_deprecated_and_ignored() -> None:
    G = _early_job()
    with pytest.warns(DeprecationWarning, match="k is ignored"):
        r = best_earnings(G, "goal", k=1)
    assert [s.node for s in r.steps] == ["s1", "f1"]


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf"), "60"])
def test_bad_horizon(bad: Any) -> None:
    with pytest.raises(pathgraph.ArgumentError, match="horizon_months"):
        best_earnings(_early_job(), "goal", horizon_months=bad)


def test_goal_held_and_no_route() -> None:
    G = _early_job()
    r = best_earnings(G, "goal", holds=["goal"])
    assert (r.steps, r.optimal) == ((), True)
    G.remove_nodes_from(["f1", "f2", "f3", "f4", "f5", "s2"])
    with pytest.raises(NoRouteError, match="goal"):
        best_earnings(G, "goal")


def _wide(n: int) -> nx.MultiDiGraph:
    """The goal needs n programs, none needing another, each opening a job: every
    subset of them is a holding set the search may visit (2 ** n)."""
    G = nx.MultiDiGraph()
    G.add_node("p", kind="program", months=1)
    G.add_node("goal", kind="credential")
    G.add_edge("p", "goal", kind="awards")
    for i in range(n):
        G.add_node(f"q{i}", kind="program", months=1 + i % 3, cost=10 * i)
        G.add_node(f"c{i}", kind="credential")
        G.add_node(f"o{i}", kind="occupation", wage_median=1000 * (i + 1))
        G.add_edge(f"q{i}", f"c{i}", kind="awards")
        G.add_edge(f"c{i}", f"o{i}", kind="qualifies_for")
        G.add_edge(f"c{i}", "p", kind="requires")
    return G


def test_search_budget() -> None:
    # 16 independent programs: 65,536 holding sets, each bounded by two runs over
    # the 17 moves of the cone: past MAX_BOUND_WORK (200,000) after 5,882 of them,
    # in seconds (no MemoryError, no endless search).
    assert earnings_module.MAX_BOUND_WORK == 200_000
    with pytest.raises(SearchLimitError, match="MAX_BOUND_WORK") as info:
        best_earnings(_wide(16), "goal")
    msg = str(info.value)
    assert "bounded 5,882 holding sets of a cone of 17 moves" in msg
    assert "lower horizon_months" in msg and "route_earnings" in msg


def test_label_budget_is_read_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(earnings_module, "MAX_LABELS", 200)
    with pytest.raises(SearchLimitError, match="created 200 labels") as info:
        best_earnings(_wide(8), "goal")
    assert "MAX_LABELS" in str(info.value) and "route_earnings" in str(info.value)
    monkeypatch.undo()
    # within the budget the shape is answered exactly (5! orders of the programs)
    G = _wide(5)
    r = best_earnings(G, "goal")
    assert r.optimal and r.steps[-1].node == "p"
    assert route_earnings(G, r, 60) == pytest.approx(
        brute_force(G, frozenset(), "goal", 60)
    )


def test_aid_shared_cap_by_hand() -> None:
    """The net cost is the sticker cost less a maximum flow of aid, known only for
    a whole route: the bound must not count a supported step's cost in full."""
    from tests.routing.test_net_cost import _shared_cap

    G = _shared_cap()
    G.nodes["S"]["amount"] = 7
    # No wages: earnings are minus the net cost. p3 (1 month): $4, no aid: -4.
    # p1 then p2 (2 months): $10 sticker, S pays $7 in all: net $3, so -3.
    # The search meets p3 complete first; p1 alone ($5 so far) can still end at
    # a net cost of 0 ($5 - $7 of aid, clipped), so it is expanded.
    for horizon in (0.0, 60.0):
        r = best_earnings(G, "c", horizon_months=horizon)
        assert [s.node for s in r.steps] == ["p1", "p2"]
        assert (r.net_cost, route_earnings(G, r, horizon)) == (3, -3)
    # With S at $5 the two steps net $5: p3 wins.
    G.nodes["S"]["amount"] = 5
    r = best_earnings(G, "c")
    assert ([s.node for s in r.steps], r.net_cost) == (["p3"], 4)
