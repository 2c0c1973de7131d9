"""``search`` and ``cycles`` give the same answer in Python (small graphs, no SciPy
import) and in SciPy's compiled code (large graphs), and both match NetworkX."""

from __future__ import annotations

import sys

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathgraph.analysis import _core

edges_st = st.integers(1, 12).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=30),
        st.lists(st.booleans(), min_size=n, max_size=n),
    )
)


def _arrays(edges: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    heads = np.array([u for u, _ in edges], dtype=np.int64)
    tails = np.array([v for _, v in edges], dtype=np.int64)
    return heads, tails


engines = pytest.mark.parametrize("scipy", [False, True], ids=["python", "scipy"])


@engines
@settings(max_examples=150, deadline=None)
@given(case=edges_st)
def test_search_is_reachability(
    scipy: bool, case: tuple[int, list[tuple[int, int]], list[bool]]
) -> None:
    n, edges, start = case
    heads, tails = _arrays(edges)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_core, "_use_scipy", lambda edges: scipy)
        got = _core.search(n, heads, tails, np.array(start, dtype=bool))
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    G.add_edges_from(edges)
    want = set()
    for s in (i for i, b in enumerate(start) if b):
        want |= {s} | nx.descendants(G, s)
    assert got.dtype == bool and got.shape == (n,)
    assert set(np.flatnonzero(got).tolist()) == want


@engines
@settings(max_examples=150, deadline=None)
@given(case=edges_st)
def test_cycles_are_the_big_components(
    scipy: bool, case: tuple[int, list[tuple[int, int]], list[bool]]
) -> None:
    n, edges, _ = case
    heads, tails = _arrays(edges)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_core, "_use_scipy", lambda edges: scipy)
        got = _core.cycles(n, heads, tails)
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    G.add_edges_from(edges)
    want = {frozenset(c) for c in nx.strongly_connected_components(G) if len(c) > 1}
    assert {frozenset(c.tolist()) for c in got} == want
    assert all(c.tolist() == sorted(c.tolist()) for c in got)


def test_scipy_only_for_large_graphs_or_once_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(sys.modules, "scipy.sparse.csgraph", raising=False)
    assert not _core._use_scipy(_core.SCIPY_EDGES)
    assert _core._use_scipy(_core.SCIPY_EDGES + 1)
    monkeypatch.setitem(sys.modules, "scipy.sparse.csgraph", sys)
    assert _core._use_scipy(10)
