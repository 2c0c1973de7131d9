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
from pathgraph.requirements import (
    ENTRY_PRESETS,
    RequirementGroup,
    requirement_groups,
)
from tests.analysis.graphs import random_graphs

#: The node kinds of the progression view, written out (not read from pathgraph).
PROGRESSION = {
    "program",
    "credential",
    "occupation",
    "course",
    "assessment",
    "condition",
}
GATEWAY_TYPES = {"placement", "proficiency"}


@st.composite
def pathways(draw: st.DrawFn) -> nx.MultiDiGraph:
    """Random progression graphs of every kind with the attributes the rules read,
    plus courses in programs."""
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
        elif k == "assessment":
            d["assessment_type"] = draw(
                st.sampled_from(["exam", "licensure", "placement", "proficiency"])
            )
        elif k == "condition" and draw(st.integers(0, 3)) == 0:
            d["to_confirm"] = ["grade C"]
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


def _kind(G: nx.MultiDiGraph, n: Any) -> str:
    return str(G.nodes[n]["kind"])


def _earn_group(G: nx.MultiDiGraph, v: Any) -> list[RequirementGroup]:
    """A credential's ways to earn it: any one of the programs, assessments and
    conditions that award it and the credentials that stack into it."""
    if _kind(G, v) != "credential":
        return []
    sources = sorted(
        {
            u
            for u, _, k in G.in_edges(v, data="kind")
            if (k == "awards" and _kind(G, u) in ("program", "assessment", "condition"))
            or (k == "stacks_into" and _kind(G, u) == "credential")
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
            if n in reached or k not in PROGRESSION:
                continue
            if k == "credential" and not _earn_group(G, n):
                continue
            if all(g.met(reached) for g in _all_groups(G, n)):
                reached.add(n)
                changed = True
    return reached


def _in_program(G: nx.MultiDiGraph) -> set[Any]:
    return {
        u
        for u, v, k in G.edges(data="kind")
        if k == "part_of" and _kind(G, v) == "program"
    }


def _beyond_courses(G: nx.MultiDiGraph, V: nx.MultiDiGraph, n: Any) -> bool:
    """Whether a progression path from course ``n`` reaches a record that is not
    a course."""
    return any(_kind(G, d) != "course" for d in nx.descendants(V, n))


def _dead(G: nx.MultiDiGraph) -> set[Any]:
    V = pathgraph.progression_view(G)
    # A job is an off-ramp even when other destinations are marked.
    dest = _destinations(G) | {n for n, k in G.nodes(data="kind") if k == "occupation"}
    inside = _in_program(G)

    def judged(n: Any) -> bool:
        k = _kind(G, n)
        if k in ("program", "credential", "assessment"):
            return True
        return k == "course" and n not in inside and _beyond_courses(G, V, n)

    return {
        n
        for n in V
        if judged(n) and n not in dest and not (nx.descendants(V, n) & dest)
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


def _requirement_of(G: nx.MultiDiGraph, u: Any) -> set[Any]:
    """The records ``u`` is a requirement of (``requires``, or ``articulates_to``
    a program), directly or as an option of conditions nested to any depth."""
    out: set[Any] = set()
    stack = [u]
    seen = {u}
    while stack:
        x = stack.pop()
        for _, y, k in G.out_edges(x, data="kind"):
            if k == "requires" or (
                k == "articulates_to" and x == u and _kind(G, y) == "program"
            ):
                out.add(y)
                if k == "requires" and _kind(G, y) == "condition" and y not in seen:
                    seen.add(y)
                    stack.append(y)
    return out


def _re_entry(G: nx.MultiDiGraph) -> dict[str, ReEntry]:
    """:func:`pathgraph.re_entry_points`, from :class:`ReEntry`'s definition."""

    def next_programs(x: Any) -> set[Any]:
        return {y for y in _requirement_of(G, x) if _kind(G, y) == "program"}

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


def _gateway(G: nx.MultiDiGraph, n: Any) -> bool:
    """A placement or proficiency test, or a credential only such tests award."""
    d = G.nodes[n]
    if d["kind"] == "assessment":
        return d.get("assessment_type") in GATEWAY_TYPES
    if d["kind"] != "credential":
        return False
    ways = [
        (u, k)
        for u, _, k in G.in_edges(n, data="kind")
        if k in ("awards", "stacks_into")
    ]
    return bool(ways) and all(
        k == "awards"
        and _kind(G, u) == "assessment"
        and G.nodes[u].get("assessment_type") in GATEWAY_TYPES
        for u, k in ways
    )


def _stack_steps(G: nx.MultiDiGraph) -> dict[tuple[Any, Any], str]:
    """Steps between stackable credentials, and how each is taken: ``stacks_into``,
    else the smallest id of the programs, assessments and conditions that make it
    (see :class:`pathgraph.Chain`)."""
    creds = {
        n
        for n, d in G.nodes(data=True)
        if d["kind"] == "credential"
        and d.get("credential_type") not in ("hse", "diploma")
        and not _gateway(G, n)
    }
    via: dict[tuple[Any, Any], set[str]] = {}
    for c, x, k in G.edges(data="kind"):
        if k == "stacks_into" and c in creds and x in creds:
            via.setdefault((c, x), set()).add("")
    for c in creds:
        for x in _requirement_of(G, c):
            if _kind(G, x) not in ("program", "assessment", "condition"):
                continue
            if _gateway(G, x):
                continue
            for _, d, k2 in G.out_edges(x, data="kind"):
                if k2 == "awards" and d in creds and d != c:
                    via.setdefault((c, d), set()).add(x)
    return {s: "stacks_into" if "" in ps else min(ps) for s, ps in via.items()}


def _exam_off_ramp(G: nx.MultiDiGraph, c: Any) -> bool:
    """Whether an assessment that requires ``c`` (through conditions too) awards
    a credential that qualifies for an occupation."""
    return any(
        k == "awards"
        and any(k2 == "qualifies_for" for _, _, k2 in G.out_edges(d, data="kind"))
        for x in _requirement_of(G, c)
        if _kind(G, x) == "assessment"
        for _, d, k in G.out_edges(x, data="kind")
    )


def _unmet(G: nx.MultiDiGraph, reached: set[Any]) -> list[Any]:
    """Groups that cannot be met: fewer obtainable options than ``need`` (groups
    of two or more), or, with a credit total, too few options or credits."""
    out = []
    for v in G:
        for g in _all_groups(G, v):
            count = sum(o in reached for o in g.options)
            if g.credits is None:
                if len(g.options) > 1 and count < g.need:
                    out.append(v)
                continue
            got = sum(
                w for o, w in zip(g.options, g.weights, strict=True) if o in reached
            )
            if count < g.need or got < g.credits:
                out.append(v)
    return sorted(out)


def _structure(G: nx.MultiDiGraph, out: dict[str, list[Any]]) -> None:
    """The oracles of PG102-PG108."""
    kind = dict(G.nodes(data="kind"))
    reached = _generous(G)
    pre = nx.DiGraph(
        [(u, v) for u, v, k in G.edges(data="kind") if k == "prerequisite_of"]
    )
    course_cycles = [
        sorted(c) for c in nx.strongly_connected_components(pre) if len(c) > 1
    ]
    on_course_cycle = {n for c in course_cycles for n in c}
    after = set().union(*(nx.descendants(pre, n) for n in on_course_cycle))
    cycles = _requirement_cycles(G, reached)
    on_cycle = {n for c in cycles for n in c}
    out["unreachable"] = sorted(
        n
        for n, k in kind.items()
        if k in PROGRESSION - {"condition"}
        and n not in reached
        and n not in on_cycle
        and n not in after - on_course_cycle
    )
    out["requirement-cycle"] = sorted(
        c[0] for c in cycles if not set(c) <= on_course_cycle
    )
    out["unmet-need"] = _unmet(G, reached)
    awarding = {u for u, _, k in G.edges(data="kind") if k == "awards"}
    out["program-awards-nothing"] = sorted(
        n for n, k in kind.items() if k == "program" and n not in awarding
    )
    out["course-cycle"] = sorted(c[0] for c in course_cycles)
    out["course-blocked"] = sorted(after - on_course_cycle)
    V = pathgraph.progression_view(G)
    inside = _in_program(G)
    out["course-outside-program"] = sorted(
        n
        for n, k in kind.items()
        if k == "course" and n not in inside and not _beyond_courses(G, V, n)
    )


def _conditions(G: nx.MultiDiGraph, out: dict[str, list[Any]]) -> None:
    """The oracles of PG109 and PG110."""
    zero = []
    for v, d in G.nodes(data=True):
        if d["kind"] != "condition" or not d.get("credits"):
            continue
        options = {u for u, _, k in G.in_edges(v, data="kind") if k == "requires"}
        if any(G.nodes[u].get("credits") is None for u in options):
            zero.append(v)
    out["credit-option-without-credits"] = sorted(zero)
    out["to-confirm"] = sorted(
        n
        for n, d in G.nodes(data=True)
        if d["kind"] == "condition" and d.get("to_confirm")
    )


def _on_ramp_programs(G: nx.MultiDiGraph) -> list[Any]:
    """Programs open to a person holding nothing: every group met by the
    conditions met with nothing held (a fixpoint over conditions only)."""
    met: set[Any] = set()
    changed = True
    while changed:
        changed = False
        for n, k in G.nodes(data="kind"):
            if (
                k == "condition"
                and n not in met
                and all(g.met(met) for g in requirement_groups(G, n))
            ):
                met.add(n)
                changed = True
    return [
        n
        for n, k in G.nodes(data="kind")
        if k == "program" and all(g.met(met) for g in requirement_groups(G, n))
    ]


def oracle(G: nx.MultiDiGraph) -> dict[str, list[Any]]:
    """The nodes each rule flags, from its definition (sorted, with repeats)."""
    out: dict[str, list[Any]] = {}
    dead = _dead(G)
    out["dead-end"] = sorted(dead)
    _structure(G, out)
    _conditions(G, out)
    out["no-low-skill-on-ramp"] = [] if _on_ramp_programs(G) else [None]
    destinations = _destinations(G)
    ramps = {u for u, _, k in G.edges(data="kind") if k == "qualifies_for"}
    levels = {c for step in _stack_steps(G) for c in step}
    out["stack-without-off-ramp"] = sorted(
        c for c in levels - ramps - dead - destinations if not _exam_off_ramp(G, c)
    )
    _ladder(G, out)
    return out


def _ladder(G: nx.MultiDiGraph, out: dict[str, list[Any]]) -> None:
    """The oracles of PG203, PG204 and PG301."""
    destinations = _destinations(G)
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


@settings(max_examples=400, deadline=None)
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
    _exams(draw, G, creds, progs)
    return G


def _exams(
    draw: st.DrawFn, G: nx.MultiDiGraph, creds: list[str], progs: list[str]
) -> None:
    """Exams and tests that require credentials (directly or through a condition)
    and award others; conditions that programs require."""
    for i in range(draw(st.integers(0, 3))):
        a = f"a{i}"
        G.add_node(
            a,
            kind="assessment",
            assessment_type=draw(
                st.sampled_from(["exam", "licensure", "placement", "proficiency"])
            ),
        )
        for c in draw(st.lists(st.sampled_from(creds), max_size=1)):
            G.add_edge(a, c, kind="awards")
        for c in draw(st.lists(st.sampled_from(creds), max_size=1)):
            if draw(st.booleans()):
                G.add_edge(c, a, kind="requires")
            else:  # through a condition: "any of [c, a placement result]"
                G.add_node(f"k{i}", kind="condition", need=1)
                G.add_edge(c, f"k{i}", kind="requires")
                G.add_edge(f"k{i}", a, kind="requires")
    for p in draw(st.lists(st.sampled_from(progs), max_size=2, unique=True)):
        k = f"req-{p}"
        G.add_node(k, kind="condition", need=1)
        G.add_edge(k, p, kind="requires")
        for c in draw(st.lists(st.sampled_from(creds), min_size=1, max_size=2)):
            G.add_edge(c, k, kind="requires")


@settings(max_examples=250, deadline=None)
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
        "no-low-skill-on-ramp",
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
        # ... and the credentials those jobs require without a choice, through
        # the conditions they require without a choice.
        todo, seen = list(marked), set(marked)
        while todo:
            owner = todo.pop()
            for g in requirement_groups(G, owner):
                if len(g.options) != 1 and g.need < len(g.options):
                    continue
                for o in g.options:
                    kind = G.nodes[o].get("kind")
                    if kind == "credential":
                        held.add(o)
                    elif kind == "condition" and o not in seen:
                        seen.add(o)
                        todo.append(o)
    return held
