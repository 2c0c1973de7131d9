"""Brute-force oracle for routing, written from the issue's movement model alone.

It shares no code with :mod:`pathgraph.routing` (nor with pathgraph.requirements):
requirement groups are re-derived here from the edges, and the search is a plain
exhaustive enumeration over frozensets of holdings.
"""

from __future__ import annotations

import heapq
import itertools
from collections import defaultdict
from typing import Any

import networkx as nx
from hypothesis import strategies as st

# A group, as this oracle reads it: (need, options, credits or None, weight of
# each option). Met by ``held`` when at least ``need`` options are held and, with
# credits, the held options' weights add up to at least ``credits``.
Group = tuple[int, set[str], float | None, dict[str, float]]

#: The node kinds acquired by one move of their own, and its action.
OWN_MOVE = {"program": "complete", "course": "take", "assessment": "pass"}


def _credit(G: nx.MultiDiGraph, n: str) -> float:
    value = G.nodes[n].get("credits")
    return 0.0 if value is None else float(value)


def _groups(G: nx.MultiDiGraph, v: str) -> list[Group]:
    """The requirement groups of ``v``, read from the edges into it."""
    attrs = G.nodes[v]
    ins = [(u, d) for u, _, d in G.in_edges(v, data=True)]
    out: list[Group] = []
    requires = [(u, d) for u, d in ins if d.get("kind") == "requires"]
    if attrs.get("kind") == "condition":
        opts = {u for u, _ in requires}
        credits = attrs.get("credits")
        need = attrs.get("need")
        if need is None:
            need = 0 if credits is not None else len(opts)
        weights = {o: _credit(G, o) for o in opts}
        return [(need, opts, None if credits is None else float(credits), weights)]
    grouped: dict[str, set[str]] = defaultdict(set)
    need_of: dict[str, int] = {}
    for u, d in requires:
        if d.get("group") is None:
            out.append((1, {u}, None, {}))
        else:
            grouped[d["group"]].add(u)
            if d.get("need") is not None:
                need_of[d["group"]] = d["need"]
    for g, members in grouped.items():
        out.append((need_of.get(g, len(members)), members, None, {}))
    if attrs.get("kind") == "course":
        for u, d in ins:
            if d.get("kind") in ("prerequisite_of", "corequisite_of"):
                out.append((1, {u}, None, {}))
    return out


def group_met(group: Group, held: frozenset[str]) -> bool:
    need, opts, credits, weights = group
    have = opts & held
    if len(have) < need:
        return False
    return credits is None or sum(weights[o] for o in have) >= credits


def _met(G: nx.MultiDiGraph, v: str, held: frozenset[str]) -> bool:
    return all(group_met(g, held) for g in _groups(G, v))


def _own_move(
    G: nx.MultiDiGraph, v: str, held: frozenset[str], avoid: frozenset[str]
) -> tuple[str, str, None, float, float, frozenset[str]] | None:
    """Completing program / taking course / passing assessment / meeting
    condition ``v``: its credentials' own groups must be met too."""
    a = G.nodes[v]
    kind = a.get("kind")
    awarded = {t for _, t, d in G.out_edges(v, data=True) if d["kind"] == "awards"}
    if awarded & avoid or not all(_met(G, c, held) for c in awarded):
        return None
    gains = held | {v} | awarded
    if kind == "condition":
        return ("meet", v, None, 0.0, 0.0, gains)
    months, cost = float(a.get("months") or 0), float(a.get("cost") or 0)
    for x, _, d in G.in_edges(v, data=True):
        if d["kind"] == "articulates_to" and x in held:
            share = 0.0
            if d.get("credits") is not None and (a.get("credits") or 0) > 0:
                share = min(1.0, d["credits"] / a["credits"])
            months -= d.get("months_saved", (a.get("months") or 0) * share)
            cost -= d.get("cost_saved", (a.get("cost") or 0) * share)
    return (OWN_MOVE[kind], v, None, max(0.0, months), max(0.0, cost), gains)


def legal_moves(
    G: nx.MultiDiGraph, held: frozenset[str], avoid: frozenset[str] = frozenset()
) -> list[tuple[str, str, str | None, float, float, frozenset[str]]]:
    """Every legal move: (action, node, via, months, cost, new holdings)."""
    out = []
    for v, a in G.nodes(data=True):
        if v in held or v in avoid or not _met(G, v, held):
            continue
        kind = a.get("kind")
        if kind in OWN_MOVE or kind == "condition":
            move = _own_move(G, v, held, avoid)
            if move is not None:
                out.append(move)
        for u, _, d in G.in_edges(v, data=True):
            if d["kind"] == "stacks_into" and u in held:
                out.append(
                    (
                        "stack",
                        v,
                        u,
                        float(d.get("months", 0)),
                        float(d.get("cost", 0)),
                        held | {v},
                    )
                )
        if kind == "occupation":
            ins = [(u, d) for u, _, d in G.in_edges(v, data=True)]
            quals = {u for u, d in ins if d["kind"] == "qualifies_for"}
            advs = [(u, d) for u, d in ins if d["kind"] == "advances_to"]
            base = float(a.get("months", 0))
            if (not quals and not advs) or (quals & held):
                out.append(("hired", v, None, base, 0.0, held | {v}))
            for u, d in advs:
                if u in held:
                    out.append(
                        ("advance", v, u, base + d.get("months", 0), 0.0, held | {v})
                    )
    return out


def best(
    G: nx.MultiDiGraph,
    start: frozenset[str],
    goals: frozenset[str],
    weight: str | tuple[float, float],
    avoid: frozenset[str] = frozenset(),
) -> float | None:
    """Least total ``weight`` to hold a goal; None if impossible. ``weight`` is
    ``"months"``, ``"cost"`` or ``(a, b)``: ``a * months + b * cost`` a step."""
    if isinstance(weight, str):
        weight = (1.0, 0.0) if weight == "months" else (0.0, 1.0)
    wm, wc = weight
    dist = {start: 0.0}
    heap = [(0.0, 0, start)]
    tie = itertools.count(1)
    while heap:
        d, _, s = heapq.heappop(heap)
        if d > dist[s]:
            continue
        if s & goals:
            return d
        for *_, months, cost, nxt in legal_moves(G, s, avoid):
            nd = d + wm * months + wc * cost
            if nd < dist.get(nxt, float("inf")):
                dist[nxt] = nd
                heapq.heappush(heap, (nd, next(tie), nxt))
    return None


def all_vectors(
    G: nx.MultiDiGraph, start: frozenset[str], goals: frozenset[str]
) -> set[tuple[float, float]]:
    """Every (months, cost) of every move sequence ending when a goal is first held."""
    seen = {(start, 0.0, 0.0)}
    stack = [(start, 0.0, 0.0)]
    out: set[tuple[float, float]] = set()
    while stack:
        s, m, c = stack.pop()
        if s & goals:
            out.add((m, c))
            continue
        for *_, months, cost, nxt in legal_moves(G, s):
            lab = (nxt, m + months, c + cost)
            if lab not in seen:
                seen.add(lab)
                stack.append(lab)
    return out


def front(vectors: set[tuple[float, float]]) -> list[tuple[float, float]]:
    """The non-dominated vectors, sorted."""
    return sorted(
        v
        for v in vectors
        if not any(o != v and o[0] <= v[0] and o[1] <= v[1] for o in vectors)
    )


def _hidden(
    G: nx.MultiDiGraph, held: frozenset[str], goals: frozenset[str]
) -> frozenset[str]:
    """``held`` closed under the meets a route does not list: a condition (not a
    goal) met that earns nothing new."""
    changed = True
    while changed:
        changed = False
        for action, v, _, _, _, nxt in legal_moves(G, held):
            if action == "meet" and v not in goals and nxt == held | {v}:
                held, changed = nxt, True
    return held


def recompute(
    G: nx.MultiDiGraph, start: frozenset[str], route: Any
) -> tuple[float, float]:
    """Replay a route's steps with the oracle's rules; return (months, cost).

    Before each step (and at the end) the conditions a route does not list are met
    (:func:`_hidden`). Asserts every step is legal, its months/cost match, a meet
    step earns something or is the goal, the goal is held at the end and the
    route's final holdings are the oracle's, but for conditions it did not need.
    """
    goals = frozenset({route.goal})
    held = frozenset(start)
    tm = tc = 0.0
    for step in route.steps:
        held = _hidden(G, held, goals)
        options = [
            mv
            for mv in legal_moves(G, held)
            if mv[0] == step.action and mv[1] == step.node and mv[2] == step.via
        ]
        assert options, f"illegal step {step.action} {step.node} from {sorted(held)}"
        # Parallel edges give several options: the step must match one of them.
        options = [
            mv
            for mv in options
            if abs(mv[3] - step.months) < 1e-9 and abs(mv[4] - step.cost) < 1e-9
        ]
        assert options, f"step {step.node}: months/cost differ from the model"
        _, _, _, months, cost, nxt = options[0]
        if step.action == "meet":
            assert step.node in goals or nxt - held - {step.node}, step
        assert set(step.earns) == set(nxt - held - {step.node}), step
        held = nxt
        tm += months
        tc += cost
        assert abs(step.total_months - tm) < 1e-9 and abs(step.total_cost - tc) < 1e-9
    assert route.goal in held
    closed = _hidden(G, held, goals)
    after = set(route.holds_after)
    assert after <= closed, (sorted(after), sorted(closed))
    assert all(G.nodes[n].get("kind") == "condition" for n in held - after)
    return tm, tc


def replay_moves(
    G: nx.MultiDiGraph, start: frozenset[str], plan: Any
) -> tuple[float, float, frozenset[str]]:
    """Replay an engine's moves (hidden meets included) with the oracle's rules:
    every move legal and priced as the oracle prices it; (months, cost, held)."""
    held, tm, tc = start, 0.0, 0.0
    for m in plan:
        legal = [
            mv for mv in legal_moves(G, held) if mv[:3] == (m.action, m.node, m.via)
        ]
        assert legal, f"illegal step {m.action} {m.node} from {sorted(held)}"
        # Parallel edges give several legal variants: the step is the one whose
        # months and cost match the move's own (savings applied).
        want = m.actual(held)
        same = [
            mv
            for mv in legal
            if abs(mv[3] - want[0]) < 1e-9 and abs(mv[4] - want[1]) < 1e-9
        ]
        assert same, f"step {m.node}: months/cost {want} differ from the model"
        _, _, _, months, cost, held = same[0]
        tm, tc = tm + months, tc + cost
    return tm, tc, held


@st.composite
def systems(draw: st.DrawFn) -> nx.MultiDiGraph:
    """Random small AND/OR systems built with plain NetworkX calls."""
    G = nx.MultiDiGraph()
    progs = [f"p{i}" for i in range(draw(st.integers(1, 4)))]
    creds = [f"c{i}" for i in range(draw(st.integers(1, 4)))]
    occs = [f"o{i}" for i in range(draw(st.integers(0, 3)))]
    small = st.integers(0, 5)
    for p in progs:
        attrs: dict[str, Any] = {"kind": "program", "label": p.upper()}
        if draw(st.integers(0, 4)):
            attrs["months"] = draw(small)
        if draw(st.integers(0, 4)):
            attrs["cost"] = draw(small)
        if draw(st.booleans()):
            attrs["credits"] = draw(st.integers(1, 6))
        G.add_node(p, **attrs)
    for c in creds:
        G.add_node(c, kind="credential", label=c.upper())
    for o in occs:
        attrs = {"kind": "occupation", "label": o.upper(), "wage_median": draw(small)}
        if draw(st.booleans()):
            attrs["months"] = draw(small)
        G.add_node(o, **attrs)
    everything = progs + creds + occs
    for p in progs:
        awards = st.lists(st.sampled_from(creds), min_size=1, max_size=2, unique=True)
        for c in draw(awards):
            G.add_edge(p, c, kind="awards")
    for target in progs + occs:
        srcs = draw(
            st.lists(
                st.sampled_from([x for x in everything if x != target]),
                max_size=3,
                unique=True,
            )
        )
        if len(srcs) >= 2 and draw(st.booleans()):
            need = draw(st.integers(1, len(srcs)))
            for s in srcs:
                G.add_edge(s, target, kind="requires", group="g", need=need)
        else:
            for s in srcs:
                G.add_edge(s, target, kind="requires")
    for _ in range(draw(st.integers(0, 2))):
        a, b = draw(st.sampled_from(creds)), draw(st.sampled_from(creds))
        if a != b:
            G.add_edge(a, b, kind="stacks_into", months=draw(small), cost=draw(small))
    if occs:
        for _ in range(draw(st.integers(0, 3))):
            G.add_edge(
                draw(st.sampled_from(creds)),
                draw(st.sampled_from(occs)),
                kind="qualifies_for",
            )
        for _ in range(draw(st.integers(0, 2))):
            a, b = draw(st.sampled_from(occs)), draw(st.sampled_from(occs))
            if a != b:
                G.add_edge(a, b, kind="advances_to", months=draw(small))
    for _ in range(draw(st.integers(1, 3))):
        src = draw(st.sampled_from(creds + progs))
        dst = draw(st.sampled_from(progs))
        if src == dst:
            continue
        if draw(st.booleans()):
            G.add_edge(
                src,
                dst,
                kind="articulates_to",
                months_saved=draw(small),
                cost_saved=draw(small),
            )
        else:
            G.add_edge(src, dst, kind="articulates_to", credits=draw(st.integers(1, 6)))
    return G


@st.composite
def rich_systems(draw: st.DrawFn) -> nx.MultiDiGraph:
    """Random small systems in the whole requirement language: courses with
    credits and prerequisites, assessments that award credentials, conditions
    (all / n of / credits, nested, some awarding a credential, some with text to
    confirm), programs, credentials with requirements of their own, a job."""
    G = nx.MultiDiGraph()
    small = st.integers(0, 5)
    credit = st.sampled_from([None, 0, 3, 3, 3, 2, 4])

    def sized(kind: str, name: str, **extra: Any) -> None:
        attrs: dict[str, Any] = {"kind": kind, "label": name.upper(), **extra}
        if draw(st.integers(0, 4)):
            attrs["months"] = draw(small)
        if draw(st.integers(0, 4)):
            attrs["cost"] = draw(small)
        value = draw(credit)
        if value is not None:
            attrs["credits"] = value
        G.add_node(name, **attrs)

    courses = [f"k{i}" for i in range(draw(st.integers(1, 4)))]
    exams = [f"x{i}" for i in range(draw(st.integers(0, 2)))]
    creds = [f"c{i}" for i in range(draw(st.integers(1, 3)))]
    conds = [f"q{i}" for i in range(draw(st.integers(1, 3)))]
    progs = [f"p{i}" for i in range(draw(st.integers(0, 2)))]
    for k in courses:
        sized("course", k)
    for x in exams:
        sized("assessment", x)
    for c in creds:
        G.add_node(c, kind="credential", label=c.upper())
    for p in progs:
        sized("program", p)
    for _ in range(draw(st.integers(0, 2))):
        a, b = draw(st.sampled_from(courses)), draw(st.sampled_from(courses))
        if a != b:
            rel = draw(st.sampled_from(["prerequisite_of", "corequisite_of"]))
            G.add_edge(a, b, kind=rel)
    for i, q in enumerate(conds):
        attrs: dict[str, Any] = {"kind": "condition", "label": q.upper()}
        pool = courses + exams + creds + conds[:i]
        opts = draw(
            st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True)
        )
        rule = draw(st.sampled_from(["all", "need", "credits", "both"]))
        if rule in ("need", "both"):
            attrs["need"] = draw(st.integers(1, len(opts)))
        if rule in ("credits", "both"):
            attrs["credits"] = draw(st.integers(1, 8))
        if draw(st.integers(0, 3)) == 0:
            attrs["to_confirm"] = [f"grade C in {q}"]
        G.add_node(q, **attrs)
        for o in opts:
            G.add_edge(o, q, kind="requires")
    for src in exams + conds + progs:
        if src in progs or draw(st.booleans()):
            for c in draw(st.lists(st.sampled_from(creds), max_size=2, unique=True)):
                G.add_edge(src, c, kind="awards")
    pool = courses + exams + creds + conds
    for target in progs + exams[:1] + creds[:1]:
        for src in draw(st.lists(st.sampled_from(pool), max_size=2, unique=True)):
            if src != target:
                G.add_edge(src, target, kind="requires")
    if draw(st.booleans()):
        G.add_node("o0", kind="occupation", label="O0", wage_median=draw(small))
        G.add_edge(draw(st.sampled_from(creds)), "o0", kind="qualifies_for")
    if draw(st.booleans()):
        src = draw(st.sampled_from(courses + creds))
        dst = draw(st.sampled_from(courses + progs))
        if src != dst:
            G.add_edge(src, dst, kind="articulates_to", months_saved=draw(small))
    return G
