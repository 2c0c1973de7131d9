"""The integer-program fallback: exact against the brute-force oracle (with and
without bounds), on the shared-step family that trapped the search, quiet and
deterministic."""

from __future__ import annotations

import subprocess
import sys

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pathgraph.routing as routing_module
from pathgraph import NoRouteError, route
from pathgraph.routing.ilp import ilp_plan
from pathgraph.routing.model import Move, compile_problem, relevance_cone
from tests.routing import oracle


def _replay(
    G: nx.MultiDiGraph, start: frozenset[str], plan: tuple[Move, ...]
) -> tuple[float, float, frozenset[str]]:
    """Replay with the oracle's rules: every step legal; (months, cost, held)."""
    held, tm, tc = start, 0.0, 0.0
    for m in plan:
        legal = [
            mv
            for mv in oracle.legal_moves(G, held)
            if mv[:3] == (m.action, m.node, m.via)
        ]
        assert legal, f"illegal step {m.action} {m.node} from {sorted(held)}"
        # Parallel edges give several legal variants: the step is the one whose
        # months and cost match the move's own (savings applied).
        want = m.actual(held)
        same = [mv for mv in legal if (mv[3], mv[4]) == pytest.approx(want)]
        assert same, f"step {m.node}: months/cost {want} differ from the model"
        _, _, _, months, cost, held = same[0]
        tm, tc = tm + months, tc + cost
    return tm, tc, held


def _case(
    G: nx.MultiDiGraph, data: st.DataObject
) -> tuple[frozenset[str], frozenset[str]]:
    start = frozenset(data.draw(st.lists(st.sampled_from(sorted(G)), max_size=2)))
    goal = data.draw(st.sampled_from(sorted(set(G) - start) or sorted(G)))
    return start, frozenset({goal})


@settings(max_examples=120, deadline=None)
@given(G=oracle.systems(), data=st.data(), weight=st.sampled_from(["months", "cost"]))
def test_ilp_matches_brute_force(
    G: nx.MultiDiGraph, data: st.DataObject, weight: str
) -> None:
    start, goals = _case(G, data)
    if goals & start:
        return
    expected = oracle.best(G, start, goals, weight)
    problem = compile_problem(G, relevance_cone(G, goals))
    plan = ilp_plan(problem, start, goals, weight, lambda m: 0.0)
    if expected is None:
        assert plan is None
        return
    assert plan is not None
    months, cost, held = _replay(G, start, plan)
    assert held & goals
    assert (months if weight == "months" else cost) == pytest.approx(expected)


@settings(max_examples=150, deadline=None)
@given(G=oracle.systems(), data=st.data())
def test_ilp_respects_budget(G: nx.MultiDiGraph, data: st.DataObject) -> None:
    start, goals = _case(G, data)
    if goals & start:
        return
    vectors = oracle.all_vectors(G, start, goals)
    budget = float(data.draw(st.integers(0, 12)))
    fitting = [m for m, c in vectors if c <= budget]
    problem = compile_problem(G, relevance_cone(G, goals))
    plan = ilp_plan(problem, start, goals, "months", lambda m: 0.0, budget=budget)
    if not fitting:
        assert plan is None
        return
    assert plan is not None
    months, cost, held = _replay(G, start, plan)
    assert held & goals and cost <= budget + 1e-9
    assert months == pytest.approx(min(fitting))


@settings(max_examples=60, deadline=None)
@given(G=oracle.systems(), data=st.data(), weight=st.sampled_from(["months", "cost"]))
def test_route_through_the_ilp(
    G: nx.MultiDiGraph,
    data: st.DataObject,
    weight: str,
) -> None:
    """route() sent straight to the integer program (no search) still answers
    exactly, or explains why there is no route."""
    start, goals = _case(G, data)
    (goal,) = goals
    expected = oracle.best(G, start, goals, weight)
    saved = routing_module.SEARCH_MOVES
    routing_module.SEARCH_MOVES = -1
    try:
        if expected is None:
            with pytest.raises(NoRouteError):
                route(G, goal, holds=start, weight=weight)
            return
        r = route(G, goal, holds=start, weight=weight)
    finally:
        routing_module.SEARCH_MOVES = saved
    assert r.weight == pytest.approx(expected)
    oracle.recompute(G, start, r)


def chained(n: int, need: int) -> nx.MultiDiGraph:
    """A degree needing ``need`` of ``n`` credentials; credential i comes from a
    program a_i, or from a cheaper-or-faster b_i that needs credential i - 1 (the
    shared-step shape that ran the search out of memory)."""
    G = nx.MultiDiGraph()
    G.add_node("deg", kind="program", months=6, cost=100)
    for i in range(n):
        G.add_node(f"c{i}", kind="credential")
        G.add_node(f"a{i}", kind="program", months=3 + i % 3, cost=50 + i)
        G.add_node(f"b{i}", kind="program", months=1, cost=40 + 2 * i)
        G.add_edge(f"a{i}", f"c{i}", kind="awards")
        G.add_edge(f"b{i}", f"c{i}", kind="awards")
        if i:
            G.add_edge(f"c{i - 1}", f"b{i}", kind="requires")
        G.add_edge(f"c{i}", "deg", kind="requires", group="core", need=need)
    return G


def chained_optimum(n: int, need: int, field: str) -> float:
    """Exact optimum of :func:`chained` by a dynamic program over i with state
    (credentials held so far, whether c_{i-1} is held): written from the shape
    alone, sharing nothing with the library."""
    a = [3 + i % 3 if field == "months" else 50 + i for i in range(n)]
    b = [1 if field == "months" else 40 + 2 * i for i in range(n)]
    inf = float("inf")
    best = {(0, False): 0.0}
    for i in range(n):
        nxt: dict[tuple[int, bool], float] = {}
        for (k, prev), v in best.items():
            options = [(k, False, v)]  # skip c_i
            step = min(a[i], b[i]) if prev or i == 0 else a[i]
            options.append((k + 1, True, v + step))
            for kk, held, val in options:
                if val < nxt.get((kk, held), inf):
                    nxt[(kk, held)] = val
        best = nxt
    return (6 if field == "months" else 100) + min(
        v for (k, _), v in best.items() if k >= need
    )


@pytest.mark.parametrize(("n", "need"), [(18, 9), (30, 15), (60, 30)])
@pytest.mark.parametrize("weight", ["months", "cost"])
def test_shared_chain_is_exact(n: int, need: int, weight: str) -> None:
    G = chained(n, need)
    r = route(G, "deg", weight=weight)
    assert r.optimal and r.weight == pytest.approx(chained_optimum(n, need, weight))
    oracle.recompute(G, frozenset(), r)


def test_chain_oracle_agrees_with_brute_force_when_small() -> None:
    """The family's own oracle, checked against the generic one."""
    for n, need in ((4, 2), (5, 3)):
        for weight in ("months", "cost"):
            G = chained(n, need)
            assert chained_optimum(n, need, weight) == oracle.best(
                G, frozenset(), frozenset({"deg"}), weight
            )


def test_same_query_same_route() -> None:
    G = chained(40, 20)
    first = route(G, "deg", weight="cost")
    again = route(G, "deg", weight="cost")
    assert [s.node for s in first.steps] == [s.node for s in again.steps]


def test_solver_prints_nothing() -> None:
    """HiGHS prints a banner from C on first use; the library keeps stdout clean."""
    code = (
        "from tests.routing.test_ilp import chained\n"
        "import pathgraph\n"
        "print(pathgraph.route(chained(30, 15), 'deg', weight='cost').cost)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().replace(".0", "").isdigit(), out.stdout


def test_a_goal_already_held_is_the_empty_route_on_every_engine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found by hypothesis: with the integer program forced, a goal held at the
    start gave "no route" instead of the empty route."""
    monkeypatch.setattr(routing_module, "SEARCH_MOVES", -1)
    G = chained(3, 2)
    r = route(G, "c0", holds=["c0", "a0"])
    assert r.steps == () and r.months == 0 and r.goal == "c0"
