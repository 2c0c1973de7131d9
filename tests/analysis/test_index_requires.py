"""The ``need``/``group`` rules of ``requires`` edges, read by the index (its
fast path for the common "need 1 or absent" case included), against a plain
reading of the contract written here edge by edge."""

from __future__ import annotations

from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from pathgraph.analysis._core import index

NEEDS = st.sampled_from([None, 1, 1, 1, 2, 3, 0, True, 1.0, "2", [1]])
GROUPS = st.sampled_from([None, "g", "h", 7])


def plain(edges: list[tuple[str, str, Any, Any]]) -> tuple[list[str], dict[Any, Any]]:
    """Problems (as text) and named groups, edge by edge."""
    problems: list[str] = []
    named: dict[tuple[str, str], tuple[str, int | None]] = {}
    given_needs: dict[tuple[str, Any], list[Any]] = {}
    for u, v, need, group in edges:
        if group is not None:
            named[(u, v)] = (str(group), need if type(need) is int else None)
        valid = need is None or (type(need) is int and need >= 1)
        if not valid:
            problems.append(f"edge {u!r} -> {v!r}: need must be a whole number")
        elif group is not None:
            given_needs.setdefault((v, group), []).append(need)
        elif need is not None and need > 1:
            problems.append(f"edge {u!r} -> {v!r}: need {need} of a group of one")
    for (v, group), needs in given_needs.items():
        distinct = {x for x in needs if x is not None}
        if len(distinct) > 1:
            problems.append(f"node {v!r}: group {group!r} conflicting")
        elif distinct and max(distinct) > len(needs):
            problems.append(f"node {v!r}: group {group!r} needs too many")
    return sorted(problems), named


def short(problem: Any) -> str:
    """A problem of the index in the words of :func:`plain`."""
    text = str(problem)
    at, _, what = text.partition(": ")
    if "whole number" in what:
        return f"{at}: need must be a whole number"
    if "group of one" in what:
        return f"{at}: {what}"
    group = what.split("requirement group ")[1].split(" ")[0]
    if "conflicting" in what:
        return f"{at}: group {group} conflicting"
    return f"{at}: group {group} needs too many"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 2), NEEDS, GROUPS)))
def test_requires_rules_match_a_plain_reading(rows: list[Any]) -> None:
    G = nx.MultiDiGraph()
    for i in range(6):
        G.add_node(f"c{i}", kind="credential")
    for j in range(3):
        G.add_node(f"p{j}", kind="program")
    edges = []
    seen = set()
    for i, j, need, group in rows:
        u, v = f"c{i}", f"p{j}"
        if (u, v) in seen:
            continue
        seen.add((u, v))
        attrs = {"kind": "requires"}
        if need is not None:
            attrs["need"] = need
        if group is not None:
            attrs["group"] = group
        G.add_edge(u, v, **attrs)
        edges.append((u, v, need, group))
    ix = index(G)
    want_problems, want_named = plain(edges)
    assert sorted(short(p) for p in ix.problems) == want_problems
    got_named = {
        (ix.ids[int(ix.src[e])], ix.ids[int(ix.dst[e])]): value
        for e, value in ix.named.items()
    }
    assert got_named == want_named
