"""Every check rule against an independent oracle, on random pathways.

``pathgraph.check`` computes its rules with array code over a compiled index
(:mod:`pathgraph.analysis._core`). The oracles here are written straight from each
rule's definition with NetworkX and the public per-record functions
(:func:`pathgraph.requirements.requirement_groups`,
:func:`pathgraph.analysis.ramps.worker_friendly`), so the two share no code.

Re-entry and the steps between stackable credentials are computed once in pathgraph,
for :func:`pathgraph.re_entry_points`, :func:`pathgraph.stackable_chains` and the
checks alike; their oracles here (:func:`_re_entry`, :func:`_stack_steps`) test both.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

import pathgraph
from pathgraph.analysis.ramps import ReEntry, worker_friendly
from pathgraph.contract import PROGRESSION_NODE_KINDS
from pathgraph.requirements import (
    ENTRY_PRESETS,
    RequirementGroup,
    requirement_groups,
)
from tests.analysis.graphs import random_graphs


@st.composite
def pathways(draw: st.DrawFn) -> nx.MultiDiGraph:
    """Random progression graphs with the attributes the rules read, plus courses."""
    G = draw(random_graphs(max_nodes=10))
    for _, d in list(G.nodes(data=True)):
        k = d["kind"]
        if k == "credential" and draw(st.integers(0, 3)) == 0:
            d["credential_type"] = "hse"
        elif k == "occupation":
            level = draw(st.sampled_from([None, "entry", "middle", "advanced"]))
            if level:
                d["career_level"] = level
            if draw(st.integers(0, 4)):
                d["wage_median"] = draw(st.integers(20_000, 22_000))
        elif k == "program" and draw(st.integers(0, 4)):
            d["schedule"] = [draw(st.sampled_from(["day", "day", "evening"]))]
    # Some "g" groups of two or more need two of their options.
    sizes = Counter(v for _, v, d in G.edges(data=True) if d.get("group") == "g")
    need = {v: draw(st.sampled_from([1, 2])) if c > 1 else 1 for v, c in sizes.items()}
    for _, v, d in G.edges(data=True):
        if d.get("group") == "g":
            d["need"] = need[v]
    programs = [n for n, k in G.nodes(data="kind") if k == "program"]
    courses = [f"k{i}" for i in range(draw(st.integers(0, 6)))]
    for c in courses:
        G.add_node(c, kind="course")
        if programs and draw(st.booleans()):
            G.add_edge(c, draw(st.sampled_from(programs)), kind="part_of")
    for a, b in draw(
        st.lists(
            st.tuples(st.sampled_from(courses), st.sampled_from(courses)), max_size=8
        )
        if courses
        else st.just([])
    ):
        if a != b:
            G.add_edge(a, b, kind="prerequisite_of")
    return G


def _earn_group(G: nx.MultiDiGraph, v: Any) -> list[RequirementGroup]:
    if G.nodes[v]["kind"] != "credential":
        return []
    sources = sorted(
        {
            u
            for u, _, k in G.in_edges(v, data="kind")
            if k in ("awards", "stacks_into")
            and G.nodes[u]["kind"] in PROGRESSION_NODE_KINDS
        }
    )
    return [RequirementGroup("earn", 1, tuple(sources))] if sources else []


def _all_groups(G: nx.MultiDiGraph, v: Any) -> list[RequirementGroup]:
    return [*requirement_groups(G, v), *_earn_group(G, v)]


def _destinations(G: nx.MultiDiGraph) -> set[Any]:
    marked = {n for n, d in G.nodes(data="destination") if d}
    return marked or {n for n, k in G.nodes(data="kind") if k == "occupation"}


def _generous(G: nx.MultiDiGraph) -> set[Any]:
    """Re-scan to a fixpoint from the union of every entry preset."""
    reached: set[Any] = set()
    for preset in ENTRY_PRESETS:
        reached |= _preset_holdings(G, preset)
    changed = True
    while changed:
        changed = False
        for n, k in G.nodes(data="kind"):
            if n in reached or k not in PROGRESSION_NODE_KINDS:
                continue
            if k == "credential" and not _earn_group(G, n):
                continue
            if all(g.met(reached) for g in _all_groups(G, n)):
                reached.add(n)
                changed = True
    return reached


def _dead(G: nx.MultiDiGraph) -> set[Any]:
    V = pathgraph.progression_view(G)
    # A job is an off-ramp even when other destinations are marked.
    dest = _destinations(G) | {n for n, k in G.nodes(data="kind") if k == "occupation"}
    return {
        n
        for n in V
        if G.nodes[n]["kind"] in ("program", "credential")
        and n not in dest
        and not (nx.descendants(V, n) & dest)
    }


def _requirement_cycles(G: nx.MultiDiGraph, reached: set[Any]) -> list[list[Any]]:
    H = nx.DiGraph()
    for v in G:
        if v in reached:
            continue
        for g in _all_groups(G, v):
            for u in g.options:
                if u not in reached:
                    H.add_edge(u, v)
    return [sorted(c) for c in nx.strongly_connected_components(H) if len(c) > 1]


def _re_entry(G: nx.MultiDiGraph) -> dict[str, ReEntry]:
    """:func:`pathgraph.re_entry_points`, from :class:`ReEntry`'s definition."""
    kind = dict(G.nodes(data="kind"))

    def next_programs(x: Any) -> set[Any]:
        return {
            v
            for _, v, k in G.out_edges(x, data="kind")
            if k in ("requires", "articulates_to") and kind[v] == "program"
        }

    out = {}
    for occ in sorted({v for _, v, k in G.edges(data="kind") if k == "qualifies_for"}):
        via = {u for u, _, k in G.in_edges(occ, data="kind") if k == "qualifies_for"}
        programs = next_programs(occ).union(*map(next_programs, via))
        stacks = {
            v
            for c in via
            for _, v, k in G.out_edges(c, data="kind")
            if k == "stacks_into"
        }
        out[occ] = ReEntry(
            occ,
            tuple(sorted(via)),
            tuple(sorted(programs)),
            tuple(sorted(p for p in programs if worker_friendly(G.nodes[p]))),
            tuple(sorted(stacks)),
        )
    return out


def _stack_steps(G: nx.MultiDiGraph) -> dict[tuple[Any, Any], str]:
    """Steps between stackable credentials, and how each is taken: ``stacks_into``,
    else the smallest id of the programs that make it (see :class:`pathgraph.Chain`)."""
    kind = dict(G.nodes(data="kind"))
    creds = {
        n
        for n, d in G.nodes(data=True)
        if d["kind"] == "credential"
        and d.get("credential_type") not in ("hse", "diploma")
    }
    via: dict[tuple[Any, Any], set[str]] = {}
    for c, x, k in G.edges(data="kind"):
        if k == "stacks_into" and c in creds and x in creds:
            via.setdefault((c, x), set()).add("")
        elif (
            k in ("requires", "articulates_to") and c in creds and kind[x] == "program"
        ):
            for _, d, k2 in G.out_edges(x, data="kind"):
                if k2 == "awards" and d in creds and d != c:
                    via.setdefault((c, d), set()).add(x)
    return {s: "stacks_into" if "" in ps else min(ps) for s, ps in via.items()}


def oracle(G: nx.MultiDiGraph) -> dict[str, list[Any]]:
    """The nodes each rule flags, from its definition (sorted, with repeats)."""
    kind = dict(G.nodes(data="kind"))
    out: dict[str, list[Any]] = {}
    dead = _dead(G)
    out["dead-end"] = sorted(dead)
    reached = _generous(G)
    cycles = _requirement_cycles(G, reached)
    on_cycle = {n for c in cycles for n in c}
    out["unreachable"] = sorted(
        n
        for n, k in kind.items()
        if k in PROGRESSION_NODE_KINDS and n not in reached and n not in on_cycle
    )
    out["requirement-cycle"] = sorted(c[0] for c in cycles)
    out["unmet-need"] = sorted(
        v
        for v in G
        for g in _all_groups(G, v)
        if len(g.options) > 1 and sum(o in reached for o in g.options) < g.need
    )
    awarding = {u for u, _, k in G.edges(data="kind") if k == "awards"}
    out["program-awards-nothing"] = sorted(
        n for n, k in kind.items() if k == "program" and n not in awarding
    )
    pre = nx.DiGraph(
        [(u, v) for u, v, k in G.edges(data="kind") if k == "prerequisite_of"]
    )
    course_cycles = [
        sorted(c) for c in nx.strongly_connected_components(pre) if len(c) > 1
    ]
    on_course_cycle = {n for c in course_cycles for n in c}
    after = set().union(*(nx.descendants(pre, n) for n in on_course_cycle))
    out["course-cycle"] = sorted(c[0] for c in course_cycles)
    out["course-blocked"] = sorted(after - on_course_cycle)
    inside = {u for u, _, k in G.edges(data="kind") if k == "part_of"}
    out["course-outside-program"] = sorted(
        n for n, k in kind.items() if k == "course" and n not in inside
    )
    open_programs = [
        n for n, k in kind.items() if k == "program" and not requirement_groups(G, n)
    ]
    out["no-low-skill-on-ramp"] = [] if open_programs else [None]
    destinations = _destinations(G)
    ramps = {u for u, _, k in G.edges(data="kind") if k == "qualifies_for"}
    out["stack-without-off-ramp"] = sorted(
        {c for step in _stack_steps(G) for c in step} - ramps - dead - destinations
    )
    marked = any(d for _, d in G.nodes(data="destination"))
    advancing = {u for u, _, k in G.edges(data="kind") if k == "advances_to"}
    none, daytime = [], []
    for occ, entry in _re_entry(G).items():
        if G.nodes[occ].get("career_level") not in ("entry", "middle"):
            continue
        if occ in advancing or (marked and occ in destinations):
            continue
        if not [c for c in entry.via if not (marked and c in destinations)]:
            continue
        if not entry.exists:
            none.append(occ)
        elif entry.programs and not entry.for_workers and not entry.stacks:
            daytime.append(occ)
    out["no-re-entry"] = sorted(none)
    out["re-entry-not-for-workers"] = sorted(daytime)
    out["wage-drop"] = sorted(
        v
        for u, v, k in G.edges(data="kind")
        if k == "advances_to"
        and G.nodes[u].get("wage_median") is not None
        and G.nodes[v].get("wage_median") is not None
        and G.nodes[v]["wage_median"] < G.nodes[u]["wage_median"]
    )
    return out


@settings(max_examples=1000, deadline=None)
@given(pathways())
def test_every_rule_matches_its_oracle(G: nx.MultiDiGraph) -> None:
    report = pathgraph.check(G)
    found: dict[str, list[Any]] = {slug: [] for slug in oracle(G)}
    for f in report.findings:
        found[f.rule].append(f.node)
    for slug, nodes in found.items():
        found[slug] = sorted(nodes, key=lambda n: (n is not None, n or ""))
    assert found == oracle(G)


def test_oracle_rules_are_all_the_rules() -> None:
    G = nx.MultiDiGraph()
    G.add_node("p", kind="program")
    assert set(oracle(G)) == {r.slug for r in pathgraph.RULES.values()}


@st.composite
def ladders(draw: st.DrawFn) -> nx.MultiDiGraph:
    """Jobs, the credentials that qualify for them and the programs that follow:
    dense in what the re-entry, stack and wage rules read."""
    G = nx.MultiDiGraph()
    jobs = [f"o{i}" for i in range(draw(st.integers(1, 4)))]
    creds = [f"c{i}" for i in range(draw(st.integers(1, 4)))]
    progs = [f"p{i}" for i in range(draw(st.integers(1, 4)))]
    for o in jobs:
        G.add_node(
            o,
            kind="occupation",
            career_level=draw(st.sampled_from(["entry", "middle", "advanced"])),
            wage_median=draw(st.integers(20_000, 22_000)),
            destination=draw(st.integers(0, 5)) == 0,
        )
    for c in creds:
        G.add_node(c, kind="credential")
    for p in progs:
        G.add_node(
            p,
            kind="program",
            schedule=[draw(st.sampled_from(["day", "evening", "online"]))],
        )
    for c in creds:
        for o in draw(st.lists(st.sampled_from(jobs), max_size=2)):
            G.add_edge(c, o, kind="qualifies_for")
        for p in draw(st.lists(st.sampled_from(progs), max_size=2)):
            G.add_edge(c, p, kind=draw(st.sampled_from(["requires", "articulates_to"])))
        for d in draw(st.lists(st.sampled_from(creds), max_size=1)):
            if d != c:
                G.add_edge(c, d, kind="stacks_into")
    for p in progs:
        for c in draw(st.lists(st.sampled_from(creds), max_size=1)):
            G.add_edge(p, c, kind="awards")
    for o in jobs:
        for p in draw(st.lists(st.sampled_from(progs), max_size=1)):
            G.add_edge(o, p, kind="requires")
        for q in draw(st.lists(st.sampled_from(jobs), max_size=1)):
            if q != o:
                G.add_edge(o, q, kind="advances_to")
    return G


@settings(max_examples=500, deadline=None)
@given(ladders())
def test_ladder_rules_match_their_oracles(G: nx.MultiDiGraph) -> None:
    report = pathgraph.check(G)
    expected = oracle(G)
    for slug in (
        "no-re-entry",
        "re-entry-not-for-workers",
        "stack-without-off-ramp",
        "wage-drop",
        "dead-end",
        "unreachable",
        "unmet-need",
    ):
        assert (
            sorted(f.node for f in report.findings if f.rule == slug) == expected[slug]
        ), slug


@settings(max_examples=300, deadline=None)
@given(st.one_of(pathways(), ladders()))
def test_re_entry_points_match_their_oracle(G: nx.MultiDiGraph) -> None:
    assert pathgraph.re_entry_points(G) == _re_entry(G)


@settings(max_examples=300, deadline=None)
@given(st.one_of(pathways(), ladders()))
def test_stackable_chains_follow_the_steps(G: nx.MultiDiGraph) -> None:
    steps = _stack_steps(G)
    chains = pathgraph.stackable_chains(G)
    for chain in chains:
        pairs = list(pairwise(chain.credentials))
        assert [steps[p] for p in pairs] == list(chain.steps)
        assert not [d for c, d in steps if c == chain[-1] and d not in chain]
    assert {c for chain in chains for c in chain} == {c for s in steps for c in s}


def _preset_holdings(G: nx.MultiDiGraph, entry: str) -> set[str]:
    """ENTRY_PRESETS, written from their definition over plain NetworkX calls."""
    if entry in ("abe", "esl"):
        return set()
    held = {
        str(n)
        for n, d in G.nodes(data=True)
        if d.get("kind") == "credential"
        and d.get("credential_type") in ("hse", "diploma")
    }
    if entry == "incumbent":
        occupations = [n for n, k in G.nodes(data="kind") if k == "occupation"]
        marked = [n for n in occupations if G.nodes[n].get("career_level") == "entry"]
        if not marked:
            gated = {
                v
                for _, v, k in G.edges(data="kind")
                if k in ("requires", "qualifies_for", "advances_to")
            }
            marked = [n for n in occupations if n not in gated]
        held.update(map(str, marked))
        # ... and the credentials those jobs require without a choice.
        for job in marked:
            for g in requirement_groups(G, job):
                if len(g.options) == 1 or g.need >= len(g.options):
                    held.update(
                        o for o in g.options if G.nodes[o].get("kind") == "credential"
                    )
    return held
