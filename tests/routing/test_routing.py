"""Routing: exactness against a brute-force oracle, the BHT example, errors, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pathgraph
from pathgraph import (
    NoRouteError,
    PathgraphError,
    UnknownNodeError,
    pareto_routes,
    route,
    routes,
)
from pathgraph.cli import main
from tests.routing import oracle

ROOT = Path(__file__).resolve().parents[2]


def _starts(G: nx.MultiDiGraph, draw: st.DataObject) -> frozenset[str]:
    nodes = sorted(G.nodes)
    return frozenset(draw.draw(st.lists(st.sampled_from(nodes), max_size=2)))


def _goal(G: nx.MultiDiGraph, start: frozenset[str], draw: st.DataObject) -> str:
    others = sorted(set(G.nodes) - start) or sorted(G.nodes)
    return draw.draw(st.sampled_from(others))


@settings(max_examples=150)
@given(G=oracle.systems(), data=st.data(), weight=st.sampled_from(["months", "cost"]))
def test_route_matches_brute_force(
    G: nx.MultiDiGraph, data: st.DataObject, weight: str
) -> None:
    start = _starts(G, data)
    goal = _goal(G, start, data)
    expected = oracle.best(G, start, frozenset({goal}), weight)
    if expected is None:
        with pytest.raises(NoRouteError):
            route(G, goal, holds=start, weight=weight)
        return
    r = route(G, goal, holds=start, weight=weight)
    assert r.optimal
    assert r.weight == pytest.approx(expected)
    months, cost = oracle.recompute(G, start, r)
    assert (months, cost) == (pytest.approx(r.months), pytest.approx(r.cost))
    assert (months if weight == "months" else cost) == pytest.approx(expected)


@settings(max_examples=100)
@given(G=oracle.systems(), data=st.data())
def test_routes_sorted_distinct(G: nx.MultiDiGraph, data: st.DataObject) -> None:
    start = _starts(G, data)
    goal = _goal(G, start, data)
    expected = oracle.best(G, start, frozenset({goal}), "cost")
    if expected is None:
        return
    found = routes(G, goal, k=4, holds=start, weight="cost")
    assert 1 <= len(found) <= 4
    assert found[0].cost == pytest.approx(expected)
    keys = [frozenset(s.node for s in r.steps) for r in found]
    assert len(set(keys)) == len(keys)
    assert [r.weight for r in found] == sorted(r.weight for r in found)
    for r in found:
        oracle.recompute(G, start, r)


@settings(max_examples=100)
@given(G=oracle.systems(), data=st.data())
def test_pareto_matches_brute_force(G: nx.MultiDiGraph, data: st.DataObject) -> None:
    start = _starts(G, data)
    goal = _goal(G, start, data)
    vectors = oracle.all_vectors(G, start, frozenset({goal}))
    if not vectors:
        with pytest.raises(NoRouteError):
            pareto_routes(G, goal, holds=start)
        return
    found = pareto_routes(G, goal, holds=start)
    # Prorated savings are fractions: sums in another order may differ in the
    # last bit, so both sides are compared at 9 decimals.
    rounded = {(round(m, 9), round(c, 9)) for m, c in vectors}
    assert [(round(r.months, 9), round(r.cost, 9)) for r in found] == oracle.front(
        rounded
    )
    for r in found:
        oracle.recompute(G, start, r)
    # A budget picks the fastest route within it.
    budget = data.draw(st.sampled_from(sorted({c for _, c in vectors})))
    fastest = min(m for m, c in vectors if c <= budget)
    r = route(G, goal, holds=start, budget=budget)
    assert r.months == pytest.approx(fastest) and r.cost <= budget


# --- the Tucson BHT example -------------------------------------------------


@pytest.fixture(scope="module")
def bht() -> nx.MultiDiGraph:
    return pathgraph.to_graph(pathgraph.read(ROOT / "examples" / "bht.yaml"))


def _plan(r: pathgraph.Route) -> list[tuple[str, str, float, float, float, float]]:
    return [
        (s.action, s.node, s.months, s.cost, s.total_months, s.total_cost)
        for s in r.steps
    ]


def test_bht_by_months(bht: nx.MultiDiGraph) -> None:
    r = route(bht, "bht-assoc", entry="abe", weight="months")
    assert _plan(r) == [
        ("complete", "abe-ged", 6, 0, 6, 0),
        ("complete", "bht-aas", 24, 5504, 30, 5504),
    ]
    assert [s.earns for s in r.steps] == [("hse",), ("bht-assoc",)]
    assert r.steps[1].services == (
        "Individual Training Account (Pima County One Stop)",
    )
    assert r.steps[1].satisfies == ("hse",)
    assert (r.months, r.cost, r.optimal, r.goal) == (30, 5504, True, "bht-assoc")
    assert r.nodes == ("abe-ged", "hse", "bht-aas", "bht-assoc")
    assert r.wage_before is None and r.wage_after is None


def test_bht_by_cost(bht: nx.MultiDiGraph) -> None:
    r = route(bht, "bht-assoc", entry="abe", weight="cost")
    assert sorted(_plan(r)) == sorted(
        [
            ("complete", "abe-ged", 6, 0, 6, 0),
            ("complete", "bht-tier1-course", 4, 0, 10, 0),
            ("complete", "bht-tier2-course", 4, 516, 14, 516),
            ("complete", "bht-tier3-course", 4, 516, 18, 1032),
            ("complete", "bht-advanced-course", 8, 1290, 26, 2322),
            # 24 - 12 months and 5504 - 2838 dollars saved by the articulation.
            ("complete", "bht-aas", 12, 2666, 38, 4988),
        ]
    )
    assert r.steps[-1].credited_by == ("bht-advanced",)
    assert (r.months, r.cost) == (38, 4988)
    oracle.recompute(bht, frozenset(), r)


def test_bht_job_goal_and_wages(bht: nx.MultiDiGraph) -> None:
    r = route(
        bht,
        lambda a: a.get("kind") == "occupation" and a.get("wage_median", 0) >= 45000,
        entry="abe",
    )
    assert r.goal == "human-service-assistant"
    assert r.steps[-1].action == "hired" and r.steps[-1].wage == 45120
    assert r.wage_after == 45120
    text = str(r)
    assert "hired Social and Human Service Assistant" in text
    assert "<td>" in r._repr_html_() and json.dumps(r.to_dict())


def test_bht_alternatives_and_pareto(bht: nx.MultiDiGraph) -> None:
    alts = routes(bht, "bht-assoc", k=3, entry="abe")
    assert [(r.months, r.cost) for r in alts][:2] == [(30, 5504), (38, 4988)]
    front = pareto_routes(bht, "bht-assoc", entry="abe")
    assert [(r.months, r.cost) for r in front] == [(30, 5504), (38, 4988)]


def test_no_route_names_requirement(bht: nx.MultiDiGraph) -> None:
    with pytest.raises(
        NoRouteError, match=r"needs High School Equivalency \(GED\) \[hse\].*ruled out"
    ):
        route(bht, "bht-assoc", entry="abe", avoid=["abe-ged"])


def test_no_route_names_bound(bht: nx.MultiDiGraph) -> None:
    with pytest.raises(NoRouteError, match=r"exceeds budget \$1,000") as info:
        route(bht, "bht-assoc", entry="abe", budget=1000)
    assert "cheapest route costs $4,988" in str(info.value)
    with pytest.raises(NoRouteError, match="max_months 20"):
        route(bht, "bht-assoc", entry="abe", max_months=20)


def test_budget_and_max_months(bht: nx.MultiDiGraph) -> None:
    # budget judges the net cost after aid (tests/routing/test_net_cost.py): the
    # fastest nets $2,504, the stacked route $1,988; $2,000 leaves the stacked.
    assert route(bht, "bht-assoc", entry="abe", budget=2000).cost == 4988
    assert (
        route(bht, "bht-assoc", entry="abe", weight="cost", max_months=30).cost == 5504
    )


def test_callable_weight_and_prefer(bht: nx.MultiDiGraph) -> None:
    calls: list[tuple[str, dict[str, object]]] = []

    def steps(G: nx.MultiDiGraph, node: str, info: dict[str, object]) -> float:
        calls.append((node, info))
        return 1.0

    r = route(bht, "bht-assoc", entry="abe", weight=steps)
    assert r.weight == 2 and {"action", "months", "cost", "via"} <= set(calls[0][1])
    with pytest.raises(PathgraphError, match="finite number"):
        route(bht, "bht-assoc", entry="abe", weight=lambda G, n, i: -1.0)
    # prefer is only a tie-breaker: a months-optimal route is still returned.
    r2 = route(bht, "bht-assoc", entry="abe", prefer={"modality": "online"})
    assert r2.months == 30


def test_bad_input(bht: nx.MultiDiGraph) -> None:
    with pytest.raises(PathgraphError, match="not a node"):
        route(bht, "nope")
    with pytest.raises(PathgraphError, match="neither a node"):
        route(bht, "bht-assoc", holds=["nope"])
    with pytest.raises(PathgraphError, match="weight"):
        route(bht, "bht-assoc", weight="miles")


def test_frozen(bht: nx.MultiDiGraph) -> None:
    r = route(bht, "bht-assoc", entry="abe")
    with pytest.raises(AttributeError):
        r.months = 1  # type: ignore[misc]


def test_cli_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["route", "examples/bht.yaml", "--goal", "bht-assoc", "--entry", "abe"]
    assert main([*args, "--weight", "cost", "--alternatives", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Best route\nRoute to bht-assoc: 6 steps, 38 months, $4,988")
    assert "Alternative 1" in out
    assert main([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["node"] for s in data[0]["steps"]] == ["abe-ged", "bht-aas"]
    assert main([*args, "--budget", "10"]) == 2


def test_cli_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.html"
    args = ["route", "examples/bht.yaml", "--goal", "bht-assoc", "--entry", "abe"]
    assert main([*args, "-o", str(out)]) == 0
    assert out.exists() and "AAS in Behavioral Health Technician" in out.read_text()


def test_articulation_rules() -> None:
    G = nx.MultiDiGraph()
    G.add_node("aas", kind="program", months=20, cost=1000, credits=60)
    G.add_node("deg", kind="credential")
    for c in ("cert", "badge", "lic"):
        G.add_node(c, kind="credential")
    G.add_edge("aas", "deg", kind="awards")
    # months_saved / cost_saved add up; credits alone are prorated (15/60 of 20, 1000).
    G.add_edge("cert", "aas", kind="articulates_to", months_saved=6, cost_saved=100)
    G.add_edge("badge", "aas", kind="articulates_to", credits=15)
    r = route(G, "deg", holds=["cert", "badge"])
    assert (r.months, r.cost) == (20 - 6 - 5, 1000 - 100 - 250)
    assert r.steps[0].credited_by == ("badge", "cert")
    # never below 0
    G.add_edge("lic", "aas", kind="articulates_to", months_saved=99, cost_saved=9999)
    assert route(G, "deg", holds=["lic"]).months == 0
    assert route(G, "deg", holds=["lic"]).cost == 0


@settings(max_examples=150)
@given(G=oracle.systems(), data=st.data(), weight=st.sampled_from(["months", "cost"]))
def test_knuth_max_bound_is_admissible(
    G: nx.MultiDiGraph, data: st.DataObject, weight: str
) -> None:
    from pathgraph.routing import _Query
    from pathgraph.routing.search import max_bound

    start = _starts(G, data)
    goal = _goal(G, start, data)
    q = _Query(G, goal, start, None, ())
    relaxed = q.relaxed(weight)
    assert relaxed is not None
    h = max_bound(q.problem, start, frozenset({goal}), relaxed)
    expected = oracle.best(G, start, frozenset({goal}), weight)
    if expected is None:
        return
    assert h <= expected + 1e-9


def test_knuth_max_bound_bht(bht: nx.MultiDiGraph) -> None:
    from pathgraph.routing import _Query
    from pathgraph.routing.search import max_bound

    q = _Query(bht, "bht-assoc", (), "abe", ())
    relaxed = q.relaxed("months")
    assert relaxed is not None
    # abe-ged (6) then bht-aas with every saving applied (24 - 12): a max, not a sum.
    assert max_bound(q.problem, frozenset(), frozenset({"bht-assoc"}), relaxed) == 18


@pytest.mark.parametrize("example", ["bht", "manufacturing", "it-support"])
def test_routes_do_not_depend_on_k(example: str) -> None:
    """routes(k=3) showed a 10-month route of equal cost before a 7-month one that
    k=4 found (manufacturing, assembler, by cost): the first j routes of k=K are
    routes(k=j), in the documented order."""
    G = pathgraph.to_graph(pathgraph.load_example(example))
    goals = sorted(
        n for n, d in G.nodes(data=True) if d["kind"] in ("credential", "occupation")
    )
    for goal in goals[:12]:
        for weight in ("months", "cost"):
            try:
                big = pathgraph.routes(G, goal, k=3, entry="abe", weight=weight)
            except pathgraph.NoRouteError:
                continue
            keys = [(r.weight, r.months, r.cost) for r in big]
            assert keys == sorted(keys)
            for j in range(1, len(big)):
                small = pathgraph.routes(G, goal, k=j, entry="abe", weight=weight)
                assert [r.to_dict() for r in small] == [r.to_dict() for r in big[:j]]


def test_goal_by_occupation_code(bht: nx.MultiDiGraph) -> None:
    """A goal may be an SOC code: the occupations with that ``soc`` (the BHT
    example's Psychiatric Aide is 31-1133); the O*NET form matches the SOC form
    and back; an id always wins; an unknown code is an unknown goal."""
    by_id = route(bht, "psychiatric-aide", entry="abe")
    assert route(bht, "31-1133", entry="abe").steps == by_id.steps
    assert route(bht, "31-1133.00", entry="abe").steps == by_id.steps
    G = bht.copy()
    G.nodes["psychiatric-aide"]["soc"] = "31-1133.00"
    assert route(G, "31-1133", entry="abe").steps == by_id.steps
    with pytest.raises(UnknownNodeError):
        route(bht, "99-9999", entry="abe")


def test_routes_do_not_list_a_step_only_order_made_needed() -> None:
    """p0 -> hired o2 -> p1 -> p2 reaches c2, but p0 is needed only because o2
    came before p1: p1, o2, p2 does it without p0. Pruning reorders, so the
    padded route is the same route as the best one and not listed as another."""
    G = nx.MultiDiGraph()
    for p, months in (("p0", 1), ("p1", 2), ("p2", 3)):
        G.add_node(p, kind="program", months=months, cost=0)
    for c in ("c0", "c1", "c2"):
        G.add_node(c, kind="credential")
    G.add_node("o2", kind="occupation")
    for p, c in (("p0", "c0"), ("p1", "c1"), ("p2", "c2")):
        G.add_edge(p, c, kind="awards")
    G.add_edge("c0", "o2", kind="requires", group="any", need=1)
    G.add_edge("c1", "o2", kind="requires", group="any", need=1)
    G.add_edge("o2", "p2", kind="requires")
    G.add_edge("c1", "p2", kind="requires")
    found = routes(G, "c2", k=3)
    steps = [sorted(s.node for s in r.steps) for r in found]
    assert steps == [["o2", "p1", "p2"]]  # 5 months; nothing else is minimal
    assert found[0].months == 5.0


def test_parallel_stacks_take_the_better_edge() -> None:
    """Two stacks_into edges c0 -> c2, one taking 0 months and one 1, both $1:
    by cost the two tie and the faster one is the route, whatever the order of
    the edges or the process's hash seed (it once depended on both)."""
    for first in (0, 1):
        G = nx.MultiDiGraph()
        G.add_node("p0", kind="program")
        G.add_node("c0", kind="credential")
        G.add_node("c2", kind="credential")
        G.add_edge("p0", "c0", kind="awards")
        for months in (first, 1 - first):
            G.add_edge("c0", "c2", kind="stacks_into", months=months, cost=1)
        for weight in ("cost", "months"):
            best = routes(G, "c2", k=2, holds=["c0"], weight=weight)
            assert [(r.months, r.cost) for r in best] == [(0.0, 1.0)]
            assert route(G, "c2", holds=["c0"], weight=weight).months == 0.0
