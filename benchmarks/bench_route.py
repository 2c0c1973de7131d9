"""Benchmark: ``pathgraph.route`` on a synthetic 100k-node sector-clustered system,
then on the shape families that trap a holding-set search.

Run by hand: ``python benchmarks/bench_route.py [--sectors 1000] [--queries 50]``.

Shape families (``--shapes`` only runs them), each at growing size with the exact
optimum known by construction and checked: ``wide-AND n`` (a degree needing ``n``
credentials, each from either of two programs: the sum of the cheaper programs),
``shared-AND n/k`` (``k`` of ``n`` credentials, credential i from a_i or from a
cheaper b_i that needs credential i - 1: a dynamic program over i), ``chain n``
(``n`` jobs linked by ``advances_to``: 3 months a rung). Each is reported as a
ratio to ``nx.single_source_dijkstra_path_length`` from the goal over the reversed
graph in the same run (one Dijkstra over the whole cone: a different, easier
question, as it ignores AND groups).

Each sector is a career ladder of about 135 nodes: 35 programs each awarding a
credential, the program needing the previous credential (some need two, AND; some accept
either of two, OR; some need "(the two previous credentials) or 6 credits of three
courses", a nested condition with a credit total; every fifth credential can also be
earned by passing an exam after the rung below), articulation from each credential to
the program two rungs up, 10 occupations (qualifies_for, advances_to) and 20 support
services. Queries pick a random sector, random held credentials in its lower half and a
goal credential above them. The baseline is a plain ``nx.dijkstra_path`` between the
same holding and goal on the same graph in the same run (it ignores AND groups, so it
answers a different, easier question). Prints the medians and their ratio; the goal is
<= 50 ms median.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.routing.test_ilp import chained, chained_optimum
from tests.routing.test_tree import _wide_and, ladder

import pathgraph

PROGRAMS = 35
OCCUPATIONS = 10
SERVICES = 20


def build(sectors: int, seed: int = 7) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    for s in range(sectors):
        p = [f"s{s}p{i}" for i in range(PROGRAMS)]
        c = [f"s{s}c{i}" for i in range(PROGRAMS)]
        o = [f"s{s}o{i}" for i in range(OCCUPATIONS)]
        for i in range(PROGRAMS):
            G.add_node(
                p[i],
                kind="program",
                label=p[i],
                months=rng.randint(2, 12),
                cost=rng.randint(0, 3000),
                modality=rng.choice(["in_person", "online", "hybrid"]),
            )
            G.add_node(c[i], kind="credential", label=c[i])
            G.add_edge(p[i], c[i], kind="awards")
            if i >= 1 and i % 5 == 0:  # or pass an exam, after the rung below
                a = f"s{s}a{i}"
                G.add_node(a, kind="assessment", label=a, months=1, cost=250)
                G.add_edge(c[i - 1], a, kind="requires")
                G.add_edge(a, c[i], kind="awards")
            if i >= 1:
                roll = rng.random()
                if i >= 2 and roll < 0.2:  # AND: both previous credentials
                    G.add_edge(c[i - 1], p[i], kind="requires", group="core")
                    G.add_edge(c[i - 2], p[i], kind="requires", group="core")
                elif i >= 3 and roll < 0.35:  # nested: (both) or 6 credits
                    _nested(G, f"s{s}", i, c, p[i])
                elif i >= 2 and roll < 0.5:  # OR: either of the two
                    G.add_edge(c[i - 1], p[i], kind="requires", group="any", need=1)
                    G.add_edge(c[i - 2], p[i], kind="requires", group="any", need=1)
                else:
                    G.add_edge(c[i - 1], p[i], kind="requires")
            if i + 2 < PROGRAMS and rng.random() < 0.3:
                G.add_edge(
                    c[i],
                    p[i + 2],
                    kind="articulates_to",
                    months_saved=rng.randint(0, 2),
                    cost_saved=rng.randint(0, 500),
                )
        for j in range(OCCUPATIONS):
            G.add_node(
                o[j], kind="occupation", label=o[j], wage_median=30000 + 4000 * j
            )
            if j:
                G.add_edge(o[j - 1], o[j], kind="advances_to", months=12)
            G.add_edge(c[min(PROGRAMS - 1, 3 * j + 2)], o[j], kind="qualifies_for")
        for k in range(SERVICES):
            sv = f"s{s}v{k}"
            G.add_node(sv, kind="service", label=sv)
            G.add_edge(sv, p[rng.randrange(PROGRAMS)], kind="supports")
    return G


def _nested(G: nx.MultiDiGraph, sector: str, i: int, c: list[str], prog: str) -> None:
    """``prog`` requires "(c[i-1] and c[i-2]) or 6 credits of three courses", the
    courses open to holders of c[i-3]: a nested condition with a credit total."""
    either, both, credits = (f"{sector}x{i}", f"{sector}y{i}", f"{sector}z{i}")
    G.add_node(either, kind="condition", label=either, need=1)
    G.add_node(both, kind="condition", label=both)
    G.add_node(credits, kind="condition", label=credits, credits=6)
    G.add_edge(c[i - 1], both, kind="requires")
    G.add_edge(c[i - 2], both, kind="requires")
    for m in range(3):
        k = f"{sector}k{i}.{m}"
        G.add_node(k, kind="course", label=k, credits=3, months=1, cost=300 + 50 * m)
        G.add_edge(c[i - 3], k, kind="requires")
        G.add_edge(k, credits, kind="requires")
    G.add_edge(both, either, kind="requires")
    G.add_edge(credits, either, kind="requires")
    G.add_edge(either, prog, kind="requires")


def shapes() -> None:
    """Route each shape family at growing size; check the optimum; time against
    one Dijkstra over the reversed graph from the goal, in the same run."""
    for warm in (_wide_and(3), chained(4, 2)):  # first-call imports (HiGHS...)
        pathgraph.route(warm, "deg", weight="cost")
    print(
        f"{'family':<18}{'nodes':>7}{'route':>10}{'dijkstra':>11}{'ratio':>8}  optimum"
    )
    for name, G, goal, weight, _start, expected in _shape_cases():
        gc.collect()  # the cases are built up front: no collection inside a timing
        t = time.perf_counter()
        r = pathgraph.route(G, goal, weight=weight)
        ours = time.perf_counter() - t
        assert abs(r.weight - expected) < 1e-6, (name, r.weight, expected)
        t = time.perf_counter()
        nx.single_source_dijkstra_path_length(G.reverse(copy=False), goal)
        base = time.perf_counter() - t
        print(
            f"{name:<18}{G.number_of_nodes():>7,}{ours * 1000:>8.1f}ms"
            f"{base * 1000:>9.2f}ms{ours / base:>7.0f}x  {r.weight:g} (exact)"
        )


def _shape_cases() -> list[tuple[str, nx.MultiDiGraph, str, str, str, float]]:
    out = []
    for n in (30, 300, 3000):
        G = _wide_and(n)
        cheap = sum(min(50 + i, 40 + 2 * i) for i in range(n))
        out.append((f"wide-AND {n}", G, "deg", "cost", "a0", 100 + cheap))
    for n, k in ((18, 9), (30, 15), (300, 150), (1000, 500)):
        out.append(
            (
                f"shared-AND {n}/{k}",
                chained(n, k),
                "deg",
                "cost",
                "a0",
                chained_optimum(n, k, "cost"),
            )
        )
    for n in (1000, 3000, 10000):
        out.append(
            (f"chain {n}", ladder(n), f"o{n - 1}", "months", "o0", 3.0 * (n - 1))
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sectors", type=int, default=1000)
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shapes", action="store_true", help="only the shape families")
    args = ap.parse_args()
    if args.shapes:
        shapes()
        return
    t0 = time.perf_counter()
    G = build(args.sectors)
    print(
        f"graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges "
        f"(built in {time.perf_counter() - t0:.1f} s)"
    )
    rng = random.Random(args.seed)
    ours: list[float] = []
    base: list[float] = []
    steps: list[int] = []
    rich = 0
    for _ in range(args.queries):
        s = rng.randrange(args.sectors)
        lo = rng.randrange(0, PROGRAMS // 2)
        hi = rng.randrange(lo + 5, PROGRAMS)
        holds = [f"s{s}c{lo}"]
        goal = f"s{s}c{hi}"
        t = time.perf_counter()
        r = pathgraph.route(G, goal, holds=holds, weight="months")
        ours.append(time.perf_counter() - t)
        steps.append(len(r.steps))
        rich += any(st.action in ("take", "pass") for st in r.steps)
        t = time.perf_counter()
        nx.dijkstra_path(G, holds[0], goal, weight=lambda u, v, d: 1)
        base.append(time.perf_counter() - t)
    mo, mb = statistics.median(ours), statistics.median(base)
    print(
        f"queries: {args.queries}, median steps per route: {statistics.median(steps)}"
        f"; routes taking a course or passing an exam: {rich}"
    )
    print(f"pathgraph.route median: {mo * 1000:.2f} ms (max {max(ours) * 1000:.1f} ms)")
    print(f"nx.dijkstra_path median: {mb * 1000:.3f} ms")
    print(f"ratio route / dijkstra: {mo / mb:.1f}x; goal <= 50 ms: {mo <= 0.050}")
    print()
    shapes()


if __name__ == "__main__":
    main()
