"""Curricular metrics with OR requisites ("any of", "n of", credit totals, nested
conditions): hand-checked examples, Curricular Analytics' values wherever there is no
OR, and simulation oracles for the earliest term and the blocking factor."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pathgraph
from pathgraph import ValidationError, curricular_metrics
from pathgraph.requirements import requirement_groups
from tests.analysis.test_curricular import brute_force, random_curricula

Row = tuple[int, int, int, float]


def _graph(nodes: dict[str, dict[str, Any]], edges: list[tuple[Any, ...]]) -> Any:
    G = nx.MultiDiGraph()
    for n, attrs in nodes.items():
        G.add_node(n, **{"kind": "course", "label": n, **attrs})
    for e in edges:
        G.add_edge(e[0], e[1], kind=e[2], **(e[3] if len(e) > 3 else {}))
    return G


def _rows(G: nx.MultiDiGraph) -> dict[str, Row]:
    m = curricular_metrics(G)
    return {
        c: (x.blocking, x.delay, x.centrality, x.complexity)
        for c, x in m.courses.items()
    }


ANY = {"group": "g", "need": 1}


def test_any_of_two_prerequisites() -> None:
    """c needs a or b; b needs b0. The fastest plan takes a (term 1) then c (term
    2): b is not on c's critical chain, and neither a nor b blocks c."""
    G = _graph(
        {"a": {}, "b": {}, "b0": {}, "c": {}},
        [
            ("a", "c", "requires", ANY),
            ("b", "c", "requires", ANY),
            ("b0", "b", "prerequisite_of"),
        ],
    )
    assert _rows(G) == {
        "a": (0, 2, 0, 2.0),
        "b": (0, 2, 0, 2.0),
        "b0": (1, 2, 0, 3.0),
        "c": (0, 2, 0, 2.0),
    }


def test_tied_options_are_both_critical() -> None:
    """q needs p1 or p2 (both term 1: both critical); r after q; s after r and p1.
    Critical graph: p1->q, p2->q, q->r, r->s, p1->s. Paths p1-q-r-s, p2-q-r-s
    (4 courses each) and p1-s (2): q and r lie inside both long ones (8). p1 blocks
    s (needed), p2 blocks nothing (q can be taken with p1)."""
    G = _graph(
        {"p1": {}, "p2": {}, "q": {}, "r": {}, "s": {}},
        [
            ("p1", "q", "requires", ANY),
            ("p2", "q", "requires", ANY),
            ("q", "r", "prerequisite_of"),
            ("r", "s", "prerequisite_of"),
            ("p1", "s", "prerequisite_of"),
        ],
    )
    assert _rows(G) == {
        "p1": (1, 4, 0, 5.0),
        "p2": (0, 4, 0, 4.0),
        "q": (2, 4, 8, 6.0),
        "r": (1, 4, 8, 5.0),
        "s": (0, 4, 0, 4.0),
    }


def test_credit_condition_takes_its_earliest_credits() -> None:
    """d needs a condition "6 credits from x (3), y (3), z (6)"; z comes after z0.
    x and y (term 1) make the 6 credits first: they are critical, z is not; no
    option is necessary (two ways remain without any one of them)."""
    G = _graph(
        {
            "x": {"credits": 3},
            "y": {"credits": 3},
            "z": {"credits": 6},
            "z0": {},
            "d": {},
            "six": {"kind": "condition", "credits": 6},
        },
        [
            ("x", "six", "requires"),
            ("y", "six", "requires"),
            ("z", "six", "requires"),
            ("z0", "z", "prerequisite_of"),
            ("six", "d", "requires"),
        ],
    )
    assert _rows(G) == {
        "x": (0, 2, 0, 2.0),
        "y": (0, 2, 0, 2.0),
        "z": (0, 2, 0, 2.0),
        "z0": (1, 2, 0, 3.0),
        "d": (0, 2, 0, 2.0),
    }


def test_nested_conditions() -> None:
    """w needs "(n1 and n2) or 6 credits of electives e1 (3), e2 (3)"; n2 after n1.
    The electives are done in term 1, n1-n2 in term 2: the electives are critical;
    e1 and e2 are each necessary for the credit branch but not for w."""
    G = _graph(
        {
            "n1": {},
            "n2": {},
            "e1": {"credits": 3},
            "e2": {"credits": 3},
            "w": {},
            "either": {"kind": "condition", "need": 1},
            "both": {"kind": "condition"},
            "electives": {"kind": "condition", "credits": 6},
        },
        [
            ("n1", "n2", "prerequisite_of"),
            ("n1", "both", "requires"),
            ("n2", "both", "requires"),
            ("e1", "electives", "requires"),
            ("e2", "electives", "requires"),
            ("both", "either", "requires"),
            ("electives", "either", "requires"),
            ("either", "w", "requires"),
        ],
    )
    assert _rows(G) == {
        "n1": (1, 2, 0, 3.0),
        "n2": (0, 2, 0, 2.0),
        "e1": (0, 2, 0, 2.0),
        "e2": (0, 2, 0, 2.0),
        "w": (0, 2, 0, 2.0),
    }


def test_options_outside_the_curriculum_are_held() -> None:
    """'MATH 100 or the placement test': the placement test is outside the
    curriculum, so calculus needs nothing inside it; an "all of" group with an
    outside option keeps its inside options."""
    G = _graph(
        {
            "math-100": {},
            "calc": {},
            "phys": {},
            "placement": {"kind": "credential"},
        },
        [
            ("math-100", "calc", "requires", ANY),
            ("placement", "calc", "requires", ANY),
            ("calc", "phys", "requires", {"group": "h"}),
            ("placement", "phys", "requires", {"group": "h"}),
        ],
    )
    assert _rows(G) == {
        "math-100": (0, 1, 0, 1.0),
        "calc": (1, 2, 0, 3.0),
        "phys": (0, 2, 0, 2.0),
    }


def test_unmeetable_branch_is_never_best_but_an_unmeetable_course_is_an_error() -> None:
    G = _graph(
        {
            "a": {"credits": 3},
            "w": {},
            "ten": {"kind": "condition", "credits": 10},
            "either": {"kind": "condition", "need": 1},
        },
        [
            ("a", "ten", "requires"),
            ("a", "either", "requires"),
            ("ten", "either", "requires"),
            ("either", "w", "requires"),
        ],
    )
    assert _rows(G) == {"a": (1, 2, 0, 3.0), "w": (0, 2, 0, 2.0)}
    G.remove_edge("a", "either")
    with pytest.raises(ValidationError, match="'w'.*cannot be met inside"):
        curricular_metrics(G)


def test_cycle_through_a_condition_is_refused() -> None:
    G = _graph(
        {"a": {}, "b": {}, "k": {"kind": "condition", "need": 1}},
        [("a", "k", "requires"), ("b", "k", "requires"), ("k", "a", "requires")],
    )
    with pytest.raises(ValidationError, match="prerequisite cycle"):
        curricular_metrics(G)


def test_pathway_records_and_graph_agree() -> None:
    text = """title: t
courses:
  - {id: a, label: A, part_of: [p]}
  - {id: b, label: B, part_of: [p]}
  - id: c
    label: C
    part_of: [p]
    requires:
      - any: [a, b]
programs:
  - {id: p, label: P}
"""
    from pathgraph.io.native import loads_yaml

    p = loads_yaml(text)
    assert curricular_metrics(p, "p") == curricular_metrics(pathgraph.to_graph(p), "p")
    assert curricular_metrics(p).courses["a"].blocking == 0


# ---------------------------------------------------------------- without OR


@st.composite
def and_in_the_requirement_language(draw: st.DrawFn) -> tuple[Any, Any]:
    """A random curriculum (prerequisites, corequisites) and the same curriculum
    with some requisites written as ungrouped ``requires``, "all of" groups, or
    "all of" conditions (nested): no OR anywhere."""
    G = draw(random_curricula())
    H = nx.MultiDiGraph()
    H.add_nodes_from(G.nodes(data=True))
    by_target: dict[Any, list[Any]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        by_target.setdefault(v, []).append((u, k, d))
    for v, ins in by_target.items():
        style = draw(st.sampled_from(["keep", "requires", "group", "condition"]))
        for u, k, d in ins:
            if style == "keep":
                H.add_edge(u, v, k, **d)
            elif style == "requires":
                H.add_edge(u, v, kind="requires")
            elif style == "group":
                H.add_edge(u, v, kind="requires", group="all")
            else:
                H.add_node(f"all-{v}", kind="condition")
                H.add_node(f"all2-{v}", kind="condition", need=1)
                H.add_edge(u, f"all-{v}", kind="requires")
        if style == "condition":
            # all-v -> all2-v (need 1 of one option: still AND) -> v
            H.add_edge(f"all-{v}", f"all2-{v}", kind="requires")
            H.add_edge(f"all2-{v}", v, kind="requires")
    return G, H


@given(and_in_the_requirement_language())
@settings(max_examples=200, deadline=None)
def test_without_or_the_values_are_curricular_analytics(pair: tuple[Any, Any]) -> None:
    G, H = pair
    assert _rows(H) == brute_force(G)


# ------------------------------------------------------------------- with OR


@st.composite
def or_curricula(draw: st.DrawFn) -> nx.MultiDiGraph:
    """Courses c0..cn in order; each may need earlier courses as prerequisites,
    "need k of" groups, conditions "any of" / "n credits from" (nested once), and
    options outside the curriculum (a credential)."""
    n = draw(st.integers(1, 7))
    names = [f"c{i}" for i in range(n)]
    G = nx.MultiDiGraph()
    G.add_node("outside", kind="credential")
    for c in names:
        G.add_node(c, kind="course", label=c, credits=draw(st.integers(1, 4)))
    for j in range(1, n):
        earlier = names[:j]
        for u in draw(st.lists(st.sampled_from(earlier), max_size=2, unique=True)):
            G.add_edge(u, names[j], kind="prerequisite_of")
        if draw(st.booleans()):
            opts = draw(
                st.lists(
                    st.sampled_from([*earlier, "outside"]),
                    min_size=1,
                    max_size=3,
                    unique=True,
                )
            )
            need = draw(st.integers(1, len(opts)))
            for u in opts:
                G.add_edge(u, names[j], kind="requires", group="g", need=need)
        if draw(st.booleans()):
            _condition(draw, G, f"k{j}", earlier, names[j])
    return G


def _condition(
    draw: st.DrawFn, G: nx.MultiDiGraph, k: str, earlier: list[str], target: str
) -> None:
    opts = draw(st.lists(st.sampled_from(earlier), min_size=1, max_size=3, unique=True))
    if draw(st.booleans()):
        total = sum(G.nodes[o]["credits"] for o in opts)
        G.add_node(k, kind="condition", credits=draw(st.integers(1, total)))
    else:
        G.add_node(k, kind="condition", need=draw(st.integers(1, len(opts))))
    for o in opts:
        G.add_edge(o, k, kind="requires")
    if len(earlier) > 1 and draw(st.booleans()):  # nest: "k or another"
        inner = f"{k}-or"
        G.add_node(inner, kind="condition", need=1)
        G.add_edge(k, inner, kind="requires")
        G.add_edge(draw(st.sampled_from(earlier)), inner, kind="requires")
        k = inner
    G.add_edge(k, target, kind="requires")


def _takeable(
    G: nx.MultiDiGraph, courses: list[str], without: str | None
) -> dict[str, int]:
    """Each course's earliest term when a student takes every course as soon as
    its requirements are met (conditions met at once, ``outside`` held), never
    taking ``without``: the oracle of ``up`` and of blocking."""
    held = {"outside"}
    conditions = [n for n, k in G.nodes(data="kind") if k == "condition"]
    term: dict[str, int] = {}
    t = 0
    while True:
        changed = True
        while changed:  # conditions met by what is held
            changed = False
            for k in conditions:
                if k not in held and all(g.met(held) for g in requirement_groups(G, k)):
                    held.add(k)
                    changed = True
        t += 1
        new = [
            c
            for c in courses
            if c not in held
            and c != without
            and all(g.met(held) for g in requirement_groups(G, c))
        ]
        if not new:
            return term
        for c in new:
            term[c] = t
        held.update(new)


@given(or_curricula())
@settings(max_examples=300, deadline=None)
def test_blocking_and_earliest_terms_match_a_simulation(G: nx.MultiDiGraph) -> None:
    """Blocking: the courses a student who never passes v cannot take. The
    longest critical chain is the number of terms of the fastest plan, and every
    course's delay is at least its earliest term."""
    courses = [n for n, k in G.nodes(data="kind") if k == "course"]
    m = curricular_metrics(G)
    earliest = _takeable(G, courses, None)
    assert set(earliest) == set(courses)
    for v in courses:
        blocked = set(courses) - set(_takeable(G, courses, v)) - {v}
        assert m.courses[v].blocking == len(blocked), v
        assert m.courses[v].delay >= earliest[v]
    assert max(x.delay for x in m.courses.values()) == max(earliest.values())
