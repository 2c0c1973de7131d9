"""Benchmark: the shapes that trapped the holding-set search, old engine vs new.

Run by hand: ``python benchmarks/bench_route_shapes.py``.

Families (all from ``tests/routing``):

* ``wide-and n``: a degree needing ``n`` credentials, each from either of two
  programs (no shared step: the separable decomposition);
* ``n-of n/k``: ``k`` of ``n`` credentials, credential i from a_i or from b_i that
  needs credential i - 1 (shared steps: the integer program);
* ``ladder n``: ``n`` occupations chained by ``advances_to`` (the decomposition).

For each, ``route`` (what users call) is timed against the holding-set search alone
(``best_first`` with the Knuth bound, as ``route`` ran before this change), given
``--search-seconds`` at most in a child process; ratios are from the same run.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402
from tests.routing.test_ilp import chained  # noqa: E402
from tests.routing.test_tree import _wide_and, ladder  # noqa: E402

import pathgraph  # noqa: E402
from pathgraph.routing import _penalty_fn, _Query, _weight_fn  # noqa: E402
from pathgraph.routing.search import best_first  # noqa: E402


def cases() -> list[tuple[str, nx.MultiDiGraph, str, str]]:
    out = []
    for n in (10, 14, 30, 300):
        out.append((f"wide-and {n}", _wide_and(n), "deg", "cost"))
    for n, k in ((12, 6), (18, 9), (30, 15), (200, 100), (1000, 500)):
        out.append((f"n-of {n}/{k}", chained(n, k), "deg", "cost"))
    for n in (300, 1000, 3000):
        out.append((f"ladder {n}", ladder(n), f"o{n - 1}", "months"))
    return out


def _search(G: nx.MultiDiGraph, goal: str, weight: str, out: Any) -> None:
    q = _Query(G, goal, (), None, ())
    t = time.perf_counter()
    lab = next(
        best_first(
            q.problem,
            q.start,
            q.goals,
            _weight_fn(G, weight),
            _penalty_fn(G, None),
            relaxed=q.relaxed(weight),
        )
    )
    out.put((time.perf_counter() - t, lab.weight))


def search_time(
    G: nx.MultiDiGraph, goal: str, weight: str, limit: float
) -> tuple[float, float] | None:
    queue: Any = mp.Queue()
    child = mp.Process(target=_search, args=(G, goal, weight, queue))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return queue.get() if not queue.empty() else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--search-seconds", type=float, default=20.0)
    args = ap.parse_args()
    print(f"{'shape':<16}{'route':>10}{'search alone':>16}{'ratio':>9}  weight")
    for name, G, goal, weight in cases():
        t = time.perf_counter()
        r = pathgraph.route(G, goal, weight=weight)
        ours = time.perf_counter() - t
        old = search_time(G, goal, weight, args.search_seconds)
        if old is None:
            cell, ratio = f"> {args.search_seconds:g} s", "-"
        else:
            assert abs(old[1] - r.weight) < 1e-6, (name, old[1], r.weight)
            cell, ratio = f"{old[0]:.3f} s", f"{old[0] / ours:.0f}x"
        print(f"{name:<16}{ours:>9.3f}s{cell:>16}{ratio:>9}  {r.weight:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
