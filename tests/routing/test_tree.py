"""The separable decomposition: exact against the brute-force oracle, used on the
shapes that trap the holding-set search, refused where branches share a step."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from pathgraph import route
from pathgraph.routing.model import compile_problem, relevance_cone
from pathgraph.routing.tree import separable_plan
from tests.routing import oracle


def _plan(G: nx.MultiDiGraph, goal: str, start: frozenset[str], weight: str) -> object:
    problem = compile_problem(G, relevance_cone(G, [goal]))

    def w(m: object, months: float, cost: float) -> float:
        return months if weight == "months" else cost

    return separable_plan(problem, start, frozenset({goal}), w, lambda m: 0.0)


@st.composite
def trees(draw: st.DrawFn) -> tuple[nx.MultiDiGraph, str]:
    """AND/OR/n-of trees with alternatives, stacks and jobs; every node distinct,
    so every problem is separable."""
    G = nx.MultiDiGraph()
    count = iter(range(10_000))
    small = st.integers(0, 6)
    budget = [draw(st.integers(3, 9))]

    def program(depth: int) -> str:
        p = f"p{next(count)}"
        G.add_node(p, kind="program", months=draw(small), cost=draw(small))
        budget[0] -= 1
        if depth < 3 and budget[0] > 0 and draw(st.booleans()):
            creds = [credential(depth + 1) for _ in range(draw(st.integers(1, 3)))]
            need = draw(st.integers(1, len(creds)))
            for c in creds:
                G.add_edge(c, p, kind="requires", group="g", need=need)
        return p

    def credential(depth: int) -> str:
        c = f"c{next(count)}"
        G.add_node(c, kind="credential")
        for _ in range(draw(st.integers(1, 2))):
            G.add_edge(program(depth), c, kind="awards")
        if depth < 3 and budget[0] > 0 and draw(st.booleans()):
            lower = credential(depth + 1)
            G.add_edge(lower, c, kind="stacks_into", months=draw(small))
        return c

    top = credential(0)
    if draw(st.booleans()):
        job = "job"
        G.add_node(job, kind="occupation", months=draw(small))
        G.add_edge(top, job, kind="qualifies_for")
        return G, job
    return G, top


@settings(max_examples=150, deadline=None)
@given(case=trees(), weight=st.sampled_from(["months", "cost"]), data=st.data())
def test_separable_plans_are_optimal(
    case: tuple[nx.MultiDiGraph, str], weight: str, data: st.DataObject
) -> None:
    G, goal = case
    held = data.draw(st.lists(st.sampled_from(sorted(G)), max_size=2))
    start = frozenset(held) - {goal}
    expected = oracle.best(G, start, frozenset({goal}), weight)
    plan = _plan(G, goal, start, weight)
    if expected is None:
        assert plan is None
        return
    assert plan is not None, "a tree is separable"
    r = route(G, goal, holds=start, weight=weight)
    assert r.weight == pytest.approx(expected)
    months, cost = oracle.recompute(G, start, r)
    assert (months if weight == "months" else cost) == pytest.approx(expected)


@settings(max_examples=150, deadline=None)
@given(G=oracle.systems(), data=st.data(), weight=st.sampled_from(["months", "cost"]))
def test_any_plan_returned_is_optimal(
    G: nx.MultiDiGraph, data: st.DataObject, weight: str
) -> None:
    """On arbitrary systems (shared steps, articulation, cycles) a plan is either
    refused or optimal."""
    start = frozenset(data.draw(st.lists(st.sampled_from(sorted(G)), max_size=2)))
    goal = data.draw(st.sampled_from(sorted(set(G) - start) or sorted(G)))
    plan = _plan(G, goal, start, weight)
    event("separable" if plan is not None else "refused")
    if plan is None:
        return
    expected = oracle.best(G, start, frozenset({goal}), weight)
    assert expected is not None
    r = route(G, goal, holds=start, weight=weight)
    assert r.weight == pytest.approx(expected)
    oracle.recompute(G, start, r)


def ladder(n: int) -> nx.MultiDiGraph:
    """``n`` occupations chained by ``advances_to`` (1 month each, 2 to advance)."""
    G = nx.MultiDiGraph()
    G.add_node("o0", kind="occupation")
    for i in range(1, n):
        G.add_node(f"o{i}", kind="occupation", months=1)
        G.add_edge(f"o{i - 1}", f"o{i}", kind="advances_to", months=2)
    return G


def _wide_and(n: int) -> nx.MultiDiGraph:
    """A degree needing ``n`` credentials, each from either of two programs."""
    G = nx.MultiDiGraph()
    G.add_node("deg", kind="program", months=6, cost=100)
    for i in range(n):
        G.add_node(f"c{i}", kind="credential")
        G.add_node(f"a{i}", kind="program", months=1 + i % 3, cost=50 + i)
        G.add_node(f"b{i}", kind="program", months=2, cost=40 + 2 * i)
        G.add_edge(f"a{i}", f"c{i}", kind="awards")
        G.add_edge(f"b{i}", f"c{i}", kind="awards")
        G.add_edge(f"c{i}", "deg", kind="requires")
    return G


def test_wide_and_is_the_sum_of_the_cheaper_options() -> None:
    """The issue's trap (30 credentials x 2 programs ran out of memory): the optimum
    is the sum of each credential's cheaper program, found at once."""
    G = _wide_and(30)
    for weight, field in (("months", "months"), ("cost", "cost")):
        r = route(G, "deg", weight=weight)
        expect = 6 if field == "months" else 100
        for i in range(30):
            a, b = G.nodes[f"a{i}"][field], G.nodes[f"b{i}"][field]
            expect += min(a, b)
        assert r.weight == expect
        assert len(r.steps) == 31 and r.steps[-1].node == "deg"


def test_n_of_group_takes_the_n_cheapest() -> None:
    G = _wide_and(30)
    for *_, d in list(G.edges(data=True)):
        if d["kind"] == "requires":
            d.update(group="core", need=15)
    r = route(G, "deg", weight="cost")
    cheapest = sorted(
        min(G.nodes[f"a{i}"]["cost"], G.nodes[f"b{i}"]["cost"]) for i in range(30)
    )
    assert r.cost == 100 + sum(cheapest[:15])


def test_long_ladder_needs_no_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """A chain of 3,000 advances (about cubic in the holding-set search) is one
    Knuth pass: the search is never called (no wall-clock assertion)."""
    import pathgraph.routing as routing_module

    def no_search(*args: object, **kwargs: object) -> None:
        raise AssertionError("the holding-set search ran")

    monkeypatch.setattr(routing_module, "best_first", no_search)
    r = route(ladder(3000), "o2999")
    assert r.months == 2999 * 3 and len(r.steps) == 3000
    assert [s.node for s in r.steps] == [f"o{i}" for i in range(3000)]


def test_shared_prerequisite_is_refused() -> None:
    """Two credentials whose programs both need the same diploma: paying for it
    once is the point, so the decomposition must not answer."""
    G = _wide_and(2)
    G.add_node("ged", kind="program", months=5)
    G.add_node("dip", kind="credential", type="hse")
    G.add_edge("ged", "dip", kind="awards")
    G.add_edge("dip", "a0", kind="requires")
    G.add_edge("dip", "a1", kind="requires")
    assert _plan(G, "deg", frozenset(), "months") is None
    assert _plan(G, "deg", frozenset({"dip"}), "months") is not None
    r = route(G, "deg")
    assert r.optimal and oracle.best(G, frozenset(), frozenset({"deg"}), "months") == (
        r.months
    )


def test_articulation_from_an_obtainable_source_is_refused() -> None:
    G = _wide_and(2)
    G.add_node("x", kind="program", months=0)
    G.add_edge("x", "deg", kind="articulates_to", months_saved=3)
    assert _plan(G, "deg", frozenset(), "months") is None
    assert _plan(G, "deg", frozenset({"x"}), "months") is not None
