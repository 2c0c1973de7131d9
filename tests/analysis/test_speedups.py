"""The C accelerator of the index's edge pass (``pathgraph._speedups``) against
the pure-Python pass it replaces: the same arrays, the same kept dicts, the same
numbers, on random graphs; and its refusals (``None``: the Python pass runs) on
graphs it does not handle."""

from __future__ import annotations

import math
import os
import shutil
import sysconfig
from collections import OrderedDict
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathgraph.analysis import _core
from pathgraph.analysis._arrays import EDGE_CODE, NODE_CODE

try:
    from pathgraph import _speedups as speedups
except ImportError:  # installed without a C compiler: the tests below skip
    speedups = None  # type: ignore[assignment]

pytestmark = pytest.mark.skipif(
    speedups is None, reason="pathgraph was installed without its C accelerator"
)

NUMBERS = st.sampled_from([0, 1, 2.5, -1, math.nan, math.inf, True, "3", None, 10**30])
KINDS = st.sampled_from(["requires", "awards", "offered_by", None, "bogus", "kind"])
ATTRS = st.sampled_from(["months", "cost", "credits", "need", "group", "label", "x"])
NODE_KINDS = st.sampled_from(["program", "credential", "occupation", None, "bogus"])
NODE_ATTRS = st.sampled_from(["wage_median", "credits", "destination", "label", "x"])


@st.composite
def graphs(draw: st.DrawFn) -> nx.MultiDiGraph:
    """A MultiDiGraph with str ids (some added by edges only, some parallel
    edges, self-loops), edges with or without a kind and with random extras."""
    n = draw(st.integers(0, 12))
    G = nx.MultiDiGraph()
    for i in draw(st.permutations(range(n))):
        attrs: dict[str, Any] = {}
        kind = draw(NODE_KINDS)
        if kind is not None or draw(st.booleans()):
            attrs["kind"] = kind
        for name in draw(st.lists(NODE_ATTRS, max_size=3, unique=True)):
            attrs[name] = draw(NUMBERS)
        G.add_node(f"n{i}", **attrs)
    for _ in range(draw(st.integers(0, 30))):
        u = f"n{draw(st.integers(0, n + 2))}"  # n, n+1, n+2 are new nodes
        v = f"n{draw(st.integers(0, n + 2))}"
        data: dict[str, Any] = {}
        kind = draw(KINDS)
        if kind is not None or draw(st.booleans()):
            data["kind"] = kind
        for name in draw(st.lists(ATTRS, max_size=3, unique=True)):
            data[name] = draw(NUMBERS)
        G.add_edge(u, v, **data)
    return G


def python_pass(G: nx.MultiDiGraph, pos: dict[Any, int]) -> tuple[Any, ...]:
    targets, kinds, ends, extra, numbers, grouped = _core._scan(G._succ)
    degree = np.diff(np.asarray([0, *ends], dtype=np.int64))
    dst = np.fromiter(map(pos.__getitem__, targets), np.int32, len(targets))
    rel = _core._codes(kinds, EDGE_CODE, np.int8)
    unknown = {e: kinds[e] for e in np.flatnonzero(rel < 0).tolist()}
    return dst, degree, rel, unknown, extra, numbers, grouped


def c_pass(G: nx.MultiDiGraph, pos: dict[Any, int]) -> tuple[Any, ...] | None:
    out = speedups.scan_edges(G._succ, pos, _core._NUMERIC, EDGE_CODE)
    if out is None:
        return None
    dst, degree, rel, *rest = out
    return (
        np.frombuffer(dst, np.int32),
        np.frombuffer(degree, np.int64),
        np.frombuffer(rel, np.int8),
        *rest,
    )


def positions(G: nx.MultiDiGraph) -> dict[Any, int]:
    return {v: i for i, v in enumerate(G._node)}


def same(a: tuple[Any, ...], b: tuple[Any, ...]) -> None:
    dst, degree, rel, unknown, extra, numbers, grouped = range(7)
    for i in (dst, degree, rel):
        assert a[i].dtype == b[i].dtype and a[i].tolist() == b[i].tolist(), i
    assert a[unknown] == b[unknown]  # raw kinds, by edge position
    assert a[extra].keys() == b[extra].keys()  # the kept dicts: the graph's own
    assert all(a[extra][e] is b[extra][e] for e in a[extra])
    # numbers: the same values (NaN != NaN, so compare by repr)
    assert sorted(map(repr, a[numbers])) == sorted(map(repr, b[numbers]))
    assert list(map(repr, a[grouped])) == list(map(repr, b[grouped]))


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_c_pass_equals_python_pass(G: nx.MultiDiGraph) -> None:
    pos = positions(G)
    c = c_pass(G, pos)
    assert c is not None
    same(c, python_pass(G, pos))


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_c_node_pass_equals_python_pass(G: nx.MultiDiGraph) -> None:
    out = speedups.scan_nodes(G._node, _core._NODE_KEYS, NODE_CODE)
    assert out is not None
    ids, attrs, pos, kind, unknown, numbers, marked = out
    assert all(a is b for a, b in zip(ids, G._node, strict=True))
    assert all(a is b for a, b in zip(attrs, G._node.values(), strict=True))
    assert pos == positions(G)
    raw, py_numbers, py_marked = _core._scan_nodes(list(G._node.values()))
    codes = _core._codes(raw, NODE_CODE, np.int8)
    assert np.frombuffer(kind, np.int8).tolist() == codes.tolist()
    assert unknown == {i: raw[i] for i in np.flatnonzero(codes < 0).tolist()}
    assert sorted(map(repr, numbers)) == sorted(map(repr, py_numbers))
    assert marked == py_marked


@settings(max_examples=100, deadline=None)
@given(graphs())
def test_index_with_and_without_the_accelerator(G: nx.MultiDiGraph) -> None:
    fast = _core.index(G)
    slow = pure_index(G)
    for name in ("kind", "src", "dst", "rel"):
        a, b = getattr(fast, name), getattr(slow, name)
        assert a.dtype == b.dtype and a.tolist() == b.tolist(), name
    assert fast.ids == slow.ids and fast.pos == slow.pos
    assert fast.marked == slow.marked
    assert fast.extra.keys() == slow.extra.keys()
    assert [str(p) for p in fast.problems] == [str(p) for p in slow.problems]
    assert fast.named == slow.named


def pure_index(G: nx.MultiDiGraph) -> _core.Index:
    """The index as the pure-Python passes build it."""
    saved = _core._c_scan_edges, _core._c_scan_nodes
    _core._c_scan_edges = _core._c_scan_nodes = None
    try:
        return _core.index(G)
    finally:
        _core._c_scan_edges, _core._c_scan_nodes = saved


def test_edge_order_and_parallel_edges() -> None:
    """A hand-checked case: NetworkX's order (sources as inserted, then targets
    as first linked, then keys), parallel edges and a kind-only edge."""
    G = nx.MultiDiGraph()
    G.add_node("b")
    G.add_edge("a", "b", kind="requires", need=2, group="g")
    G.add_edge("b", "a", kind="awards")
    G.add_edge("a", "b", kind="requires", months=3)
    G.add_edge("a", "c")
    out = c_pass(G, positions(G))
    assert out is not None
    dst, degree, rel, unknown, extra, numbers, grouped = out
    # nodes: b (0), a (1), c (2); edges: b->a, a->b, a->b, a->c
    assert dst.tolist() == [1, 0, 0, 2]
    assert degree.tolist() == [1, 3, 0]
    code = EDGE_CODE
    assert rel.tolist() == [code["awards"], code["requires"], code["requires"], -1]
    assert unknown == {3: None}
    assert sorted(extra) == [1, 2]
    assert numbers == [3]  # months (need has rules of its own)
    assert grouped == [(1, 2, "g")]


class Name(str):
    """A str subclass: its hash and equality could be anything."""


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda G: G.add_edge("y", 2, kind="awards"), id="int id"),
        pytest.param(lambda G: G.add_edge("y", Name("a")), id="str subclass"),
        pytest.param(lambda G: G.add_edge("y", ("a", 1)), id="tuple id"),
    ],
)
def test_declines_what_it_does_not_handle(make: Any) -> None:
    """Node ids that are not exact str, and dicts that are not exact dicts: the
    C pass answers None and the index takes the Python pass (same results)."""
    G = nx.MultiDiGraph()
    G.add_edge("x", "y", kind="awards")
    make(G)
    pos = positions(G)
    if all(type(v) is str for v in G):
        pytest.fail("the case has only str ids")
    # a str-subclass or other id somewhere as a target declines
    assert speedups.scan_edges(G._succ, pos, _core._NUMERIC, EDGE_CODE) is None
    ix = _core.index(G)
    assert ix.dst.tolist() == python_pass(G, pos)[0].tolist()


@pytest.mark.parametrize("kind", [3, ["requires"], Name("awards"), b"awards"])
def test_declines_kinds_that_are_not_str(kind: Any) -> None:
    """A kind that is not a str is an error of the graph; the Python pass reads
    it (it could hash and compare in any way) and the index reports it."""
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", kind="awards")
    G.add_edge("b", "c", kind=kind)
    assert speedups.scan_edges(G._succ, positions(G), _core._NUMERIC, EDGE_CODE) is None
    slow = pure_index(G)
    fast = _core.index(G)
    assert fast.rel.tolist() == slow.rel.tolist()
    assert [str(p) for p in fast.problems] == [str(p) for p in slow.problems]


@pytest.mark.parametrize(
    "attrs",
    [{"kind": 3}, {"kind": Name("program")}, {1: "x"}, {Name("cost"): 5}],
    ids=["int kind", "str-subclass kind", "int key", "str-subclass key"],
)
def test_node_pass_declines(attrs: dict[Any, Any]) -> None:
    G = nx.MultiDiGraph()
    G.add_node("a", kind="program", cost=-1)
    G.add_node("b", **{"kind": "program"})
    G._node["b"].update(attrs)
    assert speedups.scan_nodes(G._node, _core._NODE_KEYS, NODE_CODE) is None
    fast, slow = _core.index(G), pure_index(G)
    assert fast.kind.tolist() == slow.kind.tolist()
    assert [str(p) for p in fast.problems] == [str(p) for p in slow.problems]
    assert fast.problems  # a's negative cost at least


def test_declines_dict_subclasses() -> None:
    class Graph(nx.MultiDiGraph):  # type: ignore[misc]
        adjlist_inner_dict_factory = OrderedDict

    G = Graph()
    G.add_edge("a", "b", kind="awards")
    G.add_edge("b", "c", kind="awards")
    assert speedups.scan_edges(G._succ, positions(G), _core._NUMERIC, EDGE_CODE) is None
    assert _core.index(G).dst.tolist() == [1, 2]


def test_a_lookup_that_raises_propagates() -> None:
    """A node whose equality raises (a hash collision with a target) raises the
    same error through the C pass as through Python's own dict lookup."""

    armed: list[bool] = []

    class Clash:
        def __hash__(self) -> int:
            return hash("b")

        def __eq__(self, other: object) -> bool:
            if armed:
                raise ValueError("no comparing")
            return False

    G = nx.MultiDiGraph()
    G.add_node(Clash())  # first: every lookup of "b" compares with it
    G.add_edge("a", "b", kind="awards")
    pos = positions(G)
    armed.append(True)
    with pytest.raises(ValueError, match="no comparing"):
        speedups.scan_edges(G._succ, pos, _core._NUMERIC, EDGE_CODE)
    with pytest.raises(ValueError, match="no comparing"):
        python_pass(G, pos)


def test_a_lookup_that_mutates_the_graph_does_not_crash() -> None:
    """Python code run by a comparison may empty the dicts being walked: the C
    pass holds its own references, so it returns or declines, never crashes."""
    G = nx.MultiDiGraph()
    calls: list[object] = []

    class Vandal:
        def __hash__(self) -> int:
            return hash("b")

        def __eq__(self, other: object) -> bool:
            if not calls:  # armed below, after the graph is built
                return False
            calls.append(other)
            for adj in (G._succ, G._pred):  # every reference the graph holds
                for nbrs in list(adj.values()):
                    for keydict in nbrs.values():
                        keydict.clear()
                    nbrs.clear()
                adj.clear()
            return False

    G.add_node(Vandal())  # first: every lookup of "b" compares with it
    for i in range(50):
        G.add_edge(f"s{i}", "b", kind="awards", months=i)
    pos = positions(G)
    calls.append("armed")
    out = speedups.scan_edges(G._succ, pos, _core._NUMERIC, EDGE_CODE)
    assert len(calls) > 1  # the comparison ran, and emptied the graph
    assert not G._succ
    assert out is None or isinstance(out, tuple)


def test_wrong_arguments() -> None:
    with pytest.raises(TypeError, match="4 arguments"):
        speedups.scan_edges({}, {}, ())  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="tuple"):
        speedups.scan_edges({}, {}, ["months"], {})  # type: ignore[arg-type]
    out = speedups.scan_edges({}, {}, (), {})  # an empty graph
    assert out is not None and [len(x) for x in out] == [0] * 7
    with pytest.raises(TypeError, match="3 arguments"):
        speedups.scan_nodes({}, frozenset())  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="frozenset"):
        speedups.scan_nodes({}, {"cost"}, {})  # type: ignore[arg-type]
    nodes = speedups.scan_nodes({}, frozenset(), {})
    assert nodes is not None and [len(x) for x in nodes] == [0] * 7


@pytest.mark.skipif(False, reason="runs always")
def test_built_where_it_can_be() -> None:
    """CI builds with a C compiler: an install that silently fell back to pure
    Python would lose the check benchmark's goal, so it fails here, unless the
    pure-Python build or pass was asked for."""
    if os.environ.get("PATHGRAPH_NO_EXTENSION") or os.environ.get(
        "PATHGRAPH_PURE_PYTHON"
    ):
        pytest.skip("the pure-Python build or pass was asked for")
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if speedups is None and shutil.which(os.environ.get("CC", compiler)) is None:
        pytest.skip(f"no C compiler ({compiler}) on this machine: pure Python")
    assert speedups is not None, (
        "pathgraph._speedups is missing: install with a C compiler "
        "(pip install -e .) or set PATHGRAPH_NO_EXTENSION=1"
    )
    assert _core._c_scan_edges is speedups.scan_edges
    assert _core._c_scan_nodes is speedups.scan_nodes
