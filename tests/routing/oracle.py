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


def _groups(G: nx.MultiDiGraph, v: str) -> list[tuple[int, set[str]]]:
    grouped: dict[str, set[str]] = defaultdict(set)
    need: dict[str, int] = {}
    out: list[tuple[int, set[str]]] = []
    for u, _, d in G.in_edges(v, data=True):
        if d.get("kind") != "requires":
            continue
        if d.get("group") is None:
            out.append((1, {u}))
        else:
            grouped[d["group"]].add(u)
            if d.get("need") is not None:
                need[d["group"]] = d["need"]
    for g, members in grouped.items():
        out.append((need.get(g, len(members)), members))
    return out


def _met(G: nx.MultiDiGraph, v: str, held: frozenset[str]) -> bool:
    return all(len(opts & held) >= n for n, opts in _groups(G, v))


def legal_moves(
    G: nx.MultiDiGraph, held: frozenset[str], avoid: frozenset[str] = frozenset()
) -> list[tuple[str, str, str | None, float, float, frozenset[str]]]:
    """Every legal move: (action, node, via, months, cost, new holdings)."""
    out = []
    for v, a in G.nodes(data=True):
        if v in held or v in avoid or not _met(G, v, held):
            continue
        kind = a.get("kind")
        if kind == "program":
            awarded = {
                t for _, t, d in G.out_edges(v, data=True) if d["kind"] == "awards"
            }
            if awarded & avoid:
                continue
            months, cost = float(a.get("months", 0)), float(a.get("cost", 0))
            for x, _, d in G.in_edges(v, data=True):
                if d["kind"] == "articulates_to" and x in held:
                    share = 0.0
                    if d.get("credits") is not None and a.get("credits", 0) > 0:
                        share = min(1.0, d["credits"] / a["credits"])
                    months -= d.get("months_saved", a.get("months", 0) * share)
                    cost -= d.get("cost_saved", a.get("cost", 0) * share)
            out.append(
                (
                    "complete",
                    v,
                    None,
                    max(0.0, months),
                    max(0.0, cost),
                    held | {v} | awarded,
                )
            )
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
    weight: str,
    avoid: frozenset[str] = frozenset(),
) -> float | None:
    """Least total ``weight`` (months or cost) to hold a goal; None if impossible."""
    idx = 0 if weight == "months" else 1
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
            nd = d + (months, cost)[idx]
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


def recompute(
    G: nx.MultiDiGraph, start: frozenset[str], route: Any
) -> tuple[float, float]:
    """Replay a route's steps with the oracle's rules; return (months, cost).

    Asserts every step is legal, its months/cost match, and the goal is held at the end.
    """
    held = frozenset(start)
    tm = tc = 0.0
    for step in route.steps:
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
        _, _, _, months, cost, held = options[0]
        tm += months
        tc += cost
        assert abs(step.total_months - tm) < 1e-9 and abs(step.total_cost - tc) < 1e-9
    assert route.goal in held
    assert tuple(sorted(held)) == route.holds_after
    return tm, tc


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
