"""Benchmark: full ``pathgraph.check`` against one raw NetworkX reverse BFS.

Builds a seeded synthetic state-scale pathway system (many sector clusters of
programs, credentials and occupations, with AND/OR groups, nested and credit
conditions, placement and licensure assessments, stacks, articulation and
advancement; about 4 edges per node), then measures in the same run:

* the time of ``pathgraph.check(G)`` divided by the time of one multi-source reverse
  breadth-first search over ``G.pred`` from every occupation (the least any dead-end
  analysis must do);
* the same with the index's pure-Python passes instead of its C accelerator
  (``pathgraph._speedups``), when that is built;
* the peak memory ``check`` allocates (tracemalloc) divided by the memory of the
  graph itself.

Run by hand, never in the test suite::

    python benchmarks/bench_check.py --nodes 100000
    python benchmarks/bench_check.py --nodes 1000000
"""

from __future__ import annotations

import argparse
import gc
import random
import time
import tracemalloc
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

import networkx as nx

import pathgraph
from pathgraph.analysis import _core


def synthetic(nodes: int, seed: int = 1) -> nx.MultiDiGraph:
    """A sector-clustered system of about ``nodes`` nodes and 4 x ``nodes`` edges.

    Each cluster of 100 nodes is one sector at one college: 25 programs (three open
    on-ramps, the rest with single or "one of two" requirements), the 25
    credentials they award (some stacking, some articulating), 20 occupations on a
    ladder with O*NET-style ``related_to`` links, 20 courses with prerequisites, a
    provider and four support services; and the requirement language: a placement
    test some programs accept as an option, a licensure exam that also earns a
    credential, a nested condition "(two credentials) or a third" gating a
    program, and a credit condition "9 credits from five courses" that earns a
    credential (one in ten with a minimum grade to confirm).
    """
    rng = random.Random(seed)
    G = nx.MultiDiGraph(title=f"synthetic {nodes}")
    for c in range(max(1, nodes // 100)):
        progs = [f"c{c}p{i}" for i in range(25)]
        creds = [f"c{c}c{i}" for i in range(25)]
        occs = [f"c{c}o{i}" for i in range(20)]
        courses = [f"c{c}k{i}" for i in range(20)]
        services = [f"c{c}s{i}" for i in range(4)]
        provider = f"c{c}college"
        G.add_node(provider, kind="provider", label=f"College {c}")
        for p in progs:
            G.add_node(
                p,
                kind="program",
                months=rng.choice([2, 4, 6, 12, 24]),
                cost=rng.randrange(0, 6000, 100),
                schedule=[rng.choice(["day", "evening"])],
            )
            G.add_edge(p, provider, kind="offered_by")
        for c_ in creds:
            G.add_node(c_, kind="credential", credential_type="certificate")
        for i, o in enumerate(occs):
            G.add_node(
                o,
                kind="occupation",
                wage_median=30000 + 1000 * i,
                career_level="entry" if i < 7 else "middle",
            )
        for i, k in enumerate(courses):
            G.add_node(k, kind="course", credits=rng.choice([3, 4]))
            G.add_edge(k, progs[i], kind="part_of")
            G.add_edge(k, provider, kind="offered_by")
            if i and rng.random() < 0.8:
                G.add_edge(courses[rng.randrange(i)], k, kind="prerequisite_of")
        for s in services:
            G.add_node(s, kind="service", service_type="advising")
            for t in rng.sample(progs, 10):
                G.add_edge(s, t, kind="supports")
        placement = _requirement_language(G, rng, f"c{c}", progs, creds, courses)
        for i, p in enumerate(progs):
            G.add_edge(p, creds[i], kind="awards")
            if 3 <= i < 24:  # the first three programs are on-ramps
                a, b = rng.sample(creds[:i], 2)
                if rng.random() < 0.4:
                    G.add_edge(a, p, kind="requires")
                else:
                    other = placement if rng.random() < 0.25 else b
                    G.add_edge(a, p, kind="requires", group="g", need=1)
                    G.add_edge(other, p, kind="requires", group="g", need=1)
        for i, c_ in enumerate(creds):
            for o in rng.sample(occs, 3):
                G.add_edge(c_, o, kind="qualifies_for")
            if i + 1 < len(creds) and rng.random() < 0.3:
                G.add_edge(c_, creds[i + 1], kind="stacks_into", credits=6, months=3)
            if rng.random() < 0.2:
                G.add_edge(c_, rng.choice(progs), kind="articulates_to", months_saved=2)
        for i, o in enumerate(occs):
            if i + 1 < len(occs) and rng.random() < 0.6:
                G.add_edge(o, occs[i + 1], kind="advances_to", months=12)
            for r in rng.sample(occs, 5):
                if r != o:
                    G.add_edge(o, r, kind="related_to")
    return G


def _requirement_language(
    G: nx.MultiDiGraph,
    rng: random.Random,
    prefix: str,
    progs: list[str],
    creds: list[str],
    courses: list[str],
) -> str:
    """Add one cluster's assessments and conditions; return the placement test."""
    placement, exam = f"{prefix}t0", f"{prefix}t1"
    G.add_node(placement, kind="assessment", assessment_type="placement", cost=20)
    G.add_node(exam, kind="assessment", assessment_type="licensure", cost=200)
    G.add_edge(creds[20], exam, kind="requires")
    G.add_edge(exam, creds[21], kind="awards")
    either, both, nine = f"{prefix}q0", f"{prefix}q1", f"{prefix}q2"
    G.add_node(either, kind="condition", need=1)
    G.add_node(both, kind="condition")
    G.add_node(nine, kind="condition", credits=9)
    if rng.random() < 0.1:  # kept as text, shown as a note (PG110)
        G.nodes[nine]["to_confirm"] = ["grade C or better"]
    a, b, d = rng.sample(creds[:20], 3)
    G.add_edge(a, both, kind="requires")
    G.add_edge(b, both, kind="requires")
    G.add_edge(both, either, kind="requires")
    G.add_edge(d, either, kind="requires")
    G.add_edge(either, progs[24], kind="requires")
    for k in rng.sample(courses, 5):
        G.add_edge(k, nine, kind="requires")
    G.add_edge(nine, creds[23], kind="awards")
    return placement


@contextmanager
def pure_python() -> Iterator[None]:
    """Run the index's pure-Python passes instead of the C accelerator."""
    saved = _core._c_scan_edges, _core._c_scan_nodes
    _core._c_scan_edges = _core._c_scan_nodes = None
    try:
        yield
    finally:
        _core._c_scan_edges, _core._c_scan_nodes = saved


def raw_bfs(G: nx.MultiDiGraph) -> int:
    """One multi-source reverse BFS from every occupation over G.pred."""
    sources = [n for n, k in G.nodes(data="kind") if k == "occupation"]
    seen = set(sources)
    queue = deque(sources)
    pred = G.pred
    while queue:
        v = queue.popleft()
        for u in pred[v]:
            if u not in seen:
                seen.add(u)
                queue.append(u)
    return len(seen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (best)")
    parser.add_argument(
        "--no-pure",
        action="store_true",
        help="do not also time the check with the pure-Python passes",
    )
    args = parser.parse_args()

    gc.collect()
    tracemalloc.start()
    t = time.perf_counter()
    G = synthetic(args.nodes, args.seed)
    build = time.perf_counter() - t
    graph_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(
        f"graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges "
        f"(built in {build:.1f} s, {graph_bytes / 2**20:,.0f} MiB)"
    )

    # Best of --repeat runs of each, interleaved, so a noisy neighbour on the
    # machine costs every side alike. With the C accelerator built, the check is
    # also timed with the pure-Python passes (the same results, by test).
    accelerated = _core._c_scan_edges is not None
    bfs_times, check_times, pure_times = [], [], []
    report = None
    for _ in range(args.repeat):
        gc.collect()
        t = time.perf_counter()
        raw_bfs(G)
        bfs_times.append(time.perf_counter() - t)
        gc.collect()
        t = time.perf_counter()
        report = pathgraph.check(G)
        check_times.append(time.perf_counter() - t)
        if accelerated and not args.no_pure:
            gc.collect()
            t = time.perf_counter()
            with pure_python():
                pathgraph.check(G)
            pure_times.append(time.perf_counter() - t)
    assert report is not None
    bfs, full = min(bfs_times), min(check_times)
    gc.collect()
    tracemalloc.start()
    pathgraph.check(G)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"raw NetworkX reverse BFS: {bfs:.2f} s  (best of {args.repeat})")
    print(
        f"pathgraph.check:          {full:.2f} s  ({full / bfs:.1f}x the BFS), "
        f"{len(report.findings):,} findings"
    )
    if pure_times:
        pure = min(pure_times)
        print(
            f"  in pure Python:         {pure:.2f} s  ({pure / bfs:.1f}x the BFS; "
            "PATHGRAPH_PURE_PYTHON=1)"
        )
    elif not accelerated:
        print("  (pure Python: pathgraph._speedups is not built or not used)")
    print(
        f"check peak memory:        {peak / 2**20:,.0f} MiB "
        f"({peak / graph_bytes:.2f}x the graph)"
    )


if __name__ == "__main__":
    main()
