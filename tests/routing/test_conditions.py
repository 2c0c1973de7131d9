"""Routing in the whole requirement language (conditions nested, credit totals,
assessments, courses with prerequisites): every engine against the brute-force
oracle, the issue's cases by hand, and what a route says about them."""

from __future__ import annotations

import json
from collections.abc import Callable

import networkx as nx
import pytest
from hypothesis import event, given, note, settings
from hypothesis import strategies as st

import pathgraph.routing as routing_module
from pathgraph import NoRouteError, route
from pathgraph.routing import _penalty_fn, _Query, _weight_fn
from pathgraph.routing.ilp import ilp_plan
from pathgraph.routing.search import best_first, max_bound
from pathgraph.routing.tree import Need, as_count, separable_plan
from tests.routing import oracle

# --- every engine against the oracle -----------------------------------------


def _case(
    G: nx.MultiDiGraph, data: st.DataObject
) -> tuple[frozenset[str], frozenset[str]]:
    note(f"nodes {sorted(G.nodes(data=True))}")
    note(f"edges {sorted((u, v, d['kind']) for u, v, d in G.edges(data=True))}")
    start = frozenset(data.draw(st.lists(st.sampled_from(sorted(G)), max_size=2)))
    goal = data.draw(st.sampled_from(sorted(set(G) - start) or sorted(G)))
    return start, frozenset({goal})


def _engines(
    G: nx.MultiDiGraph, start: frozenset[str], goals: frozenset[str], weight: str
) -> dict[str, tuple[object, ...] | None]:
    """Each engine's plan on its own (None: no plan)."""
    q = _Query(G, set(goals), start, None, ())
    wfn, pfn = _weight_fn(G, weight), _penalty_fn(G, None)
    lab = next(
        best_first(q.problem, start, goals, wfn, pfn, relaxed=q.relaxed(weight)), None
    )
    return {
        "separable": separable_plan(q.problem, start, goals, wfn, pfn),
        "search": None if lab is None else lab.moves,
        "ilp": ilp_plan(q.problem, start, goals, weight, pfn),
    }


@settings(max_examples=300, deadline=None)
@given(
    G=oracle.rich_systems(),
    data=st.data(),
    weight=st.sampled_from(["months", "cost"]),
)
def test_every_engine_matches_brute_force(
    G: nx.MultiDiGraph, data: st.DataObject, weight: str
) -> None:
    start, goals = _case(G, data)
    if goals & start:
        return
    expected = oracle.best(G, start, goals, weight)
    plans = _engines(G, start, goals, weight)
    event("separable" if plans["separable"] is not None else "not separable")
    for name, plan in plans.items():
        if plan is None:
            assert name == "separable" or expected is None, name
            continue
        assert expected is not None, name
        months, cost, held = oracle.replay_moves(G, start, plan)
        assert held & goals, name
        got = months if weight == "months" else cost
        assert got == pytest.approx(expected), name
    if expected is None:
        with pytest.raises(NoRouteError):
            route(G, set(goals), holds=start, weight=weight)
        return
    r = route(G, set(goals), holds=start, weight=weight)
    assert r.optimal and r.weight == pytest.approx(expected)
    months, cost = oracle.recompute(G, start, r)
    assert (months, cost) == (pytest.approx(r.months), pytest.approx(r.cost))


@settings(max_examples=150, deadline=None)
@given(G=oracle.rich_systems(), data=st.data())
def test_callable_weight_matches_brute_force(
    G: nx.MultiDiGraph, data: st.DataObject
) -> None:
    """A callable weight (months + 2 x cost a step) on every path of route():
    the decomposition where it applies, else the search without a bound."""
    start, goals = _case(G, data)
    expected = oracle.best(G, start, goals, (1.0, 2.0))

    def w(G: nx.MultiDiGraph, node: str, info: dict[str, object]) -> float:
        assert info["action"] != "meet"  # meets are never weighed
        return float(info["months"]) + 2 * float(info["cost"])  # type: ignore[arg-type]

    if expected is None:
        with pytest.raises(NoRouteError):
            route(G, set(goals), holds=start, weight=w)
        return
    r = route(G, set(goals), holds=start, weight=w)
    assert r.weight == pytest.approx(expected)
    months, cost = oracle.recompute(G, start, r)
    assert months + 2 * cost == pytest.approx(expected)


@settings(max_examples=200, deadline=None)
@given(
    G=oracle.rich_systems(),
    data=st.data(),
    weight=st.sampled_from(["months", "cost"]),
)
def test_max_bound_is_admissible_with_credits(
    G: nx.MultiDiGraph, data: st.DataObject, weight: str
) -> None:
    start, goals = _case(G, data)
    expected = oracle.best(G, start, goals, weight)
    q = _Query(G, set(goals), start, None, ())
    relaxed = q.relaxed(weight)
    assert relaxed is not None
    h = max_bound(q.problem, start, goals, relaxed)
    if expected is None:
        return
    assert h <= expected + 1e-9


@settings(max_examples=80, deadline=None)
@given(G=oracle.rich_systems(), data=st.data())
def test_pareto_and_budget_with_conditions(
    G: nx.MultiDiGraph, data: st.DataObject
) -> None:
    from pathgraph import pareto_routes

    start, goals = _case(G, data)
    vectors = oracle.all_vectors(G, start, goals)
    if not vectors or goals & start:
        return
    found = pareto_routes(G, set(goals), holds=start)
    assert [(r.months, r.cost) for r in found] == oracle.front(vectors)
    budget = data.draw(st.sampled_from(sorted({c for _, c in vectors})))
    fastest = min(m for m, c in vectors if c <= budget)
    r = route(G, set(goals), holds=start, budget=budget)
    assert r.months == pytest.approx(fastest) and r.cost <= budget
    oracle.recompute(G, start, r)


@settings(max_examples=150, deadline=None)
@given(G=oracle.rich_systems(), data=st.data())
def test_counts_toward_is_what_the_graph_says(
    G: nx.MultiDiGraph, data: st.DataObject
) -> None:
    """Each id a step counts toward lists, as an option (its own or of what it
    awards), the step's node, what it earns, or a condition the step counts
    toward; every later step that requires the step's node or earnings directly
    is named."""
    start, goals = _case(G, data)
    if oracle.best(G, start, goals, "cost") is None:
        return
    r = route(G, set(goals), holds=start, weight="cost")

    def options(t: str) -> set[str]:
        """What t's groups list, and those of the credentials it awards."""
        out = {
            u
            for u, _, d in G.in_edges(t, data=True)
            if d["kind"] != "awards" and d["kind"] != "articulates_to"
        }
        for _, c, d in G.out_edges(t, data=True):
            if d["kind"] == "awards":
                out |= {
                    u for u, _, e in G.in_edges(c, data=True) if e["kind"] == "requires"
                }
        return out

    for i, s in enumerate(r.steps):
        made = {s.node, *s.earns}
        conds = {t for t in s.counts_toward if G.nodes[t]["kind"] == "condition"}
        for t in s.counts_toward:
            assert t in r.holds_after and t not in r.holds_before
            assert options(t) & (made | conds), (s.node, t)
        for later in r.steps[i + 1 :]:
            if options(later.node) & made:  # named: the step or what it earns
                owners = {later.node, *later.earns}
                assert owners & set(s.counts_toward), (s.node, later.node)


def test_to_confirm_is_collected_in_route_order() -> None:
    G = _either_and_exam()
    G.nodes["six"]["to_confirm"] = ["minimum grade C", "no resits"]
    G.nodes["earn"]["to_confirm"] = "exam score within 2 years"
    G.nodes["both"]["to_confirm"] = ["not on this route"]
    r = route(G, "cert", weight="cost")
    assert r.to_confirm == (
        "6 credits of electives: minimum grade C",
        "6 credits of electives: no resits",
        "A+ conditions: exam score within 2 years",
    )
    text = str(r)
    assert "  to confirm:\n    - 6 credits of electives: minimum grade C" in text
    assert json.loads(json.dumps(r.to_dict()))["to_confirm"] == list(r.to_confirm)
    assert "<li>6 credits of electives: no resits</li>" in r._repr_html_()


# --- the example: nested OR, credit total, an exam --------------------


def _either_and_exam() -> nx.MultiDiGraph:
    """cert is earned by meeting ``earn``: (Networking I and Operating Systems, or
    6 credits of electives) and the A+ certification, which an exam awards."""
    G = nx.MultiDiGraph()
    G.add_node("net1", kind="course", label="Networking I", credits=3, months=4)
    G.nodes["net1"]["cost"] = 100
    G.add_node("os1", kind="course", label="Operating Systems", credits=3, months=4)
    G.nodes["os1"]["cost"] = 100
    G.add_node("e1", kind="course", label="Elective 1", credits=3, months=2, cost=50)
    G.add_node("e2", kind="course", label="Elective 2", credits=3, months=2, cost=50)
    G.add_node("both", kind="condition", label="Networking and OS")
    G.add_node("six", kind="condition", label="6 credits of electives", credits=6)
    G.add_node("either", kind="condition", label="core or electives", need=1)
    G.add_node("aplus", kind="credential", label="CompTIA A+")
    G.add_node("cert", kind="credential", label="IT certificate")
    G.add_node("earn", kind="condition", label="A+ conditions")
    for u, v in [
        ("net1", "both"),
        ("os1", "both"),
        ("e1", "six"),
        ("e2", "six"),
        ("both", "either"),
        ("six", "either"),
        ("either", "earn"),
        ("aplus", "earn"),
    ]:
        G.add_edge(u, v, kind="requires")
    G.add_edge("earn", "cert", kind="awards")
    G.add_node("exam", kind="assessment", label="A+ exam", cost=250, months=1)
    G.add_edge("exam", "aplus", kind="awards")
    return G


WEIGHTS: dict[str, str | Callable[[nx.MultiDiGraph, str, dict[str, float]], float]] = {
    "months": "months",
    "cost": "cost",
    "callable": lambda G, n, info: info["months"] + info["cost"] / 100,
}


@pytest.mark.parametrize("weight", sorted(WEIGHTS))
@pytest.mark.parametrize("engine", ["route", "search", "ilp"])
def test_nested_or_credits_and_exam_route_to_the_cheaper_branch(
    weight: str, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Was the empty route (a credit-only condition read as free): the exam
    (1 month, $250) and the electives (4 months, $100), not Networking and OS
    (8 months, $200)."""
    if engine == "search":
        monkeypatch.setattr(routing_module, "separable_plan", lambda *a: None)
    if engine == "ilp":
        if weight == "callable":
            pytest.skip("the integer program minimises months or cost")
        monkeypatch.setattr(routing_module, "SEARCH_MOVES", -1)
        monkeypatch.setattr(routing_module, "separable_plan", lambda *a: None)
    G = _either_and_exam()
    r = route(G, "cert", weight=WEIGHTS[weight])
    assert (r.months, r.cost) == (5, 350)
    assert sorted(s.node for s in r.steps) == ["e1", "e2", "earn", "exam"]
    assert r.steps[-1].action == "meet" and r.steps[-1].earns == ("cert",)
    assert r.goal == "cert" and {"six", "either"} <= set(r.holds_after)
    oracle.recompute(G, frozenset(), r)
    assert oracle.best(G, frozenset(), frozenset({"cert"}), "cost") == 350


def test_steps_say_what_they_count_toward() -> None:
    r = route(_either_and_exam(), "cert", weight="months")
    by = {s.node: s for s in r.steps}
    assert by["e1"].counts_toward == ("six", "either", "earn")
    assert by["exam"].counts_toward == ("earn",) and by["exam"].earns == ("aplus",)
    assert by["earn"].counts_toward == ()
    text = str(r)
    assert "earn cert by meeting A+ conditions [earn]" in text
    # the plan text numbers the steps; the ids are in the step
    assert "take Elective 2 [e2]: 2 months, $50; counts toward step 4" in text
    assert str(by["e1"]).endswith("; counts toward six, either, earn")
    assert "meet 6 credits" not in text  # hidden: it earns nothing
    d = r.to_dict()
    assert d == json.loads(json.dumps(d)) and d["steps"][0]["counts_toward"]
    assert "<th>counts toward</th>" in r._repr_html_()


def test_with_networking_held_the_core_branch_is_free() -> None:
    G = _either_and_exam()
    r = route(G, "cert", holds=["net1"], weight="cost")
    assert [s.node for s in r.steps if s.action != "meet"] == ["os1", "exam"]
    assert r.cost == 350 and r.months == 5
    assert route(G, "cert", holds=["net1", "e1"], weight="cost").cost == 300


def test_a_condition_goal_is_a_step() -> None:
    r = route(_either_and_exam(), "either", weight="cost")
    assert [s.node for s in r.steps] == ["e1", "e2", "either"]
    assert r.steps[-1].action == "meet" and r.cost == 100


# --- credit groups that are counts, and those that are not --------------------


def test_as_count() -> None:
    assert as_count(Need(2, ("a", "b"))) == Need(2, ("a", "b"))
    # weight 0 cannot help a credit total; 7 credits of 3 each is 3 options
    assert as_count(Need(0, ("a", "b", "c", "d"), 7.0, (3.0, 0.0, 3.0, 3.0))) == Need(
        3, ("a", "c", "d")
    )
    # unreachable: more options than there are
    assert as_count(Need(0, ("a",), 7.0, (3.0,))) == Need(2, ("a",))
    # a count above the credits' count, over the weighted options only
    assert as_count(Need(3, ("a", "b", "c"), 3.0, (3.0, 3.0, 3.0))) == Need(
        3, ("a", "b", "c")
    )
    # count and credits over different options, unequal weights: no count
    assert as_count(Need(2, ("a", "b"), 3.0, (3.0, 0.0))) is None
    assert as_count(Need(0, ("a", "b"), 4.0, (3.0, 1.0))) is None


def _knapsack() -> nx.MultiDiGraph:
    """A credential needing 6 credits from courses of 4, 3 and 3 credits: the
    cheapest set is not the cheapest options one by one."""
    G = nx.MultiDiGraph()
    G.add_node("cr", kind="credential")
    G.add_node("six", kind="condition", credits=6)
    G.add_edge("six", "cr", kind="awards")
    for name, credits, cost in (("big", 4, 10), ("s1", 3, 6), ("s2", 3, 6)):
        G.add_node(name, kind="course", credits=credits, cost=cost, months=1)
        G.add_edge(name, "six", kind="requires")
    return G


def test_unequal_credits_are_not_separable_and_still_exact() -> None:
    G = _knapsack()
    plans = _engines(G, frozenset(), frozenset({"cr"}), "cost")
    assert plans["separable"] is None
    r = route(G, "cr", weight="cost")
    # big alone is 4 credits: big + s1 = $16 > s1 + s2 = $12
    assert r.cost == 12 and sorted(s.node for s in r.steps) == ["s1", "s2", "six"]
    assert oracle.best(G, frozenset(), frozenset({"cr"}), "cost") == 12
    assert route(G, "cr", weight="months").months == 2


def test_credits_and_count_both_apply() -> None:
    """need 2 and 6 credits over courses of 0, 3 and 3 credits: the free course of
    0 credits does not help the total, so both paid courses are needed."""
    G = nx.MultiDiGraph()
    G.add_node("cr", kind="credential")
    G.add_node("q", kind="condition", need=2, credits=6)
    G.add_edge("q", "cr", kind="awards")
    for name, credits, cost in (("free", 0, 0), ("a", 3, 5), ("b", 3, 7)):
        G.add_node(name, kind="course", credits=credits, cost=cost)
        G.add_edge(name, "q", kind="requires")
    assert route(G, "cr", weight="cost").cost == 12
    G.nodes["q"]["credits"] = 3
    assert route(G, "cr", weight="cost").cost == 5  # free + a
    assert oracle.best(G, frozenset(), frozenset({"cr"}), "cost") == 5


def test_unreachable_credit_total_is_no_route() -> None:
    G = _knapsack()
    G.nodes["six"]["credits"] = 11
    with pytest.raises(NoRouteError, match="six"):
        route(G, "cr")


# --- the degree of 30 courses, each in two sections ---------------------------


def sections(n: int, *, shared: bool = False) -> nx.MultiDiGraph:
    """A degree program needing ``n`` courses, course i offered in two sections
    (a condition needing 1 of them; the degree's condition needs all ``n``). With
    ``shared``, every section needs the same orientation course first."""
    G = nx.MultiDiGraph()
    G.add_node("deg", kind="program", months=1, cost=100)
    G.add_node("core", kind="condition", label="all core courses")
    G.add_edge("core", "deg", kind="requires")
    if shared:
        G.add_node("orient", kind="course", months=1, cost=20)
    for i in range(n):
        G.add_node(f"r{i}", kind="condition", label=f"course {i}", need=1)
        G.add_edge(f"r{i}", "core", kind="requires")
        for j, (months, cost) in enumerate(((1 + i % 3, 90), (2, 60 + 3 * i))):
            sec = f"s{i}{'ab'[j]}"
            G.add_node(sec, kind="course", credits=3, months=months, cost=cost)
            G.add_edge(sec, f"r{i}", kind="requires")
            if shared:
                G.add_edge("orient", sec, kind="prerequisite_of")
    return G


def _sections_optimum(n: int, weight: str, shared: bool) -> float:
    """Written from the shape: the cheaper section of each course, the degree,
    and the orientation course once."""
    field = 0 if weight == "months" else 1
    total = sum(
        min((1 + i % 3, 90), (2, 60 + 3 * i), key=lambda x: x[field])[field]
        for i in range(n)
    )
    return total + (1, 100)[field] + ((1, 20)[field] if shared else 0)


@pytest.mark.parametrize("weight", ["months", "cost"])
def test_thirty_courses_in_two_sections_need_no_search(
    weight: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """2^30 ways to choose sections: the decomposition answers, the holding-set
    search never runs."""

    def no_search(*args: object, **kwargs: object) -> None:
        raise AssertionError("the holding-set search ran")

    monkeypatch.setattr(routing_module, "best_first", no_search)
    r = route(sections(30), "deg", weight=weight)
    assert r.weight == _sections_optimum(30, weight, False)
    assert len(r.steps) == 31 and r.steps[-1].node == "deg"
    assert all(s.counts_toward[-1:] == ("deg",) for s in r.steps[:-1])
    assert r.steps[0].counts_toward[1:] == ("core", "deg")


@pytest.mark.parametrize("weight", ["months", "cost"])
def test_thirty_courses_with_a_shared_prerequisite(weight: str) -> None:
    """The same degree with one orientation course before every section (not
    separable: every branch shares it): exact, paid once."""
    G = sections(30, shared=True)
    r = route(G, "deg", weight=weight)
    assert r.weight == _sections_optimum(30, weight, True)
    assert [s.node for s in r.steps].count("orient") == 1
    oracle.recompute(G, frozenset(), r)


def test_sections_oracle_agrees_with_brute_force_when_small() -> None:
    for shared in (False, True):
        for weight in ("months", "cost"):
            G = sections(3, shared=shared)
            assert oracle.best(
                G, frozenset(), frozenset({"deg"}), weight
            ) == _sections_optimum(3, weight, shared)
