"""Curricular metrics: pathgraph against ``curricularanalytics`` 0.2.0, same run.

Run by hand (never in the test suite)::

    python -m venv /tmp/ca-venv
    /tmp/ca-venv/bin/pip install curricularanalytics==0.2.0
    python benchmarks/bench_curricula.py [--peer-python /tmp/ca-venv/bin/python]
        [--data ../shared/data] [--timeout 60]

The peer is never a pathgraph dependency: it lives in its own virtual environment
and runs in a subprocess, one file at a time under a per-file alarm (``--timeout``
seconds). Both sides are timed inside their own process on the same files (read +
all four metrics of every course), so interpreter start-up is not counted.

Reported: files each side handles, files the peer crashes or times out on, total
times and the speed ratio on the files both handle, value agreement (every course's
blocking, delay, centrality and complexity), and a dense synthetic 500-course
catalogue where the peer's path enumeration cannot finish in the timeout.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

PEER_WORKER = r"""
import json, signal, sys, time, warnings, io, contextlib
warnings.simplefilter("ignore")
from curricularanalytics import read_csv

class Timeout(Exception):
    pass

def on_alarm(signum, frame):
    raise Timeout()

signal.signal(signal.SIGALRM, on_alarm)
limit = int(sys.argv[1])
for line in sys.stdin:
    path = line.rstrip("\n")
    t0 = time.perf_counter()
    signal.alarm(limit)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            obj = read_csv(path)
            t_read = time.perf_counter() - t0
            cur = getattr(obj, "curriculum", obj)
            vals = {
                str(c.id): [cur.blocking_factor(c), cur.delay_factor(c),
                            cur.centrality(c), cur.complexity(c)]
                for c in cur.courses
            }
        signal.alarm(0)
        t = time.perf_counter() - t0
        out = {"file": path, "ok": True, "time": t, "metrics_time": t - t_read,
               "values": vals}
    except Timeout:
        out = {"file": path, "ok": False, "time": time.perf_counter() - t0,
               "error": "timeout"}
    except BaseException as exc:
        signal.alarm(0)
        out = {"file": path, "ok": False, "time": time.perf_counter() - t0,
               "error": type(exc).__name__ + ": " + str(exc)[:120]}
    print(json.dumps(out), flush=True)
"""


def run_peer(python: str, files: list[Path], timeout: int) -> dict[str, dict[str, Any]]:
    """Run the peer over private copies of ``files`` in one subprocess.

    The peer's ``read_csv`` writes ``<name>_temp.csv`` beside its input (and leaves
    it there when it fails), so it is never given the shared data: each file is
    copied into a temporary folder first. Results are keyed by the original path.
    """
    with tempfile.TemporaryDirectory(prefix="bench-curricula-") as tmp:
        copies: dict[str, str] = {}
        for k, f in enumerate(files):
            copy = Path(tmp) / f"{k:05d}" / f.name
            copy.parent.mkdir()
            shutil.copyfile(f, copy)
            copies[str(copy)] = str(f)
        worker = Path(tmp) / "peer_worker.py"
        worker.write_text(PEER_WORKER, encoding="utf-8")
        proc = subprocess.run(
            [python, str(worker), str(timeout)],
            input="".join(f"{c}\n" for c in copies),
            capture_output=True,
            text=True,
            timeout=timeout * len(files) + 120,
            cwd=tmp,
        )
    results: dict[str, dict[str, Any]] = {}
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            rec = json.loads(line)
            rec["file"] = copies[rec["file"]]
            results[rec["file"]] = rec
    for f in files:
        results.setdefault(
            str(f),
            {"file": str(f), "ok": False, "time": 0.0, "error": "worker died"},
        )
    return results


def run_ours(files: list[Path]) -> dict[str, dict[str, Any]]:
    """pathgraph over ``files`` in this process; results by file path."""
    from pathgraph import PathgraphError, curricular_metrics
    from pathgraph.io.curricula import read_curriculum

    results: dict[str, dict[str, Any]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for f in files:
            t0 = time.perf_counter()
            try:
                p = read_curriculum(f)
                t_read = time.perf_counter() - t0
                m = curricular_metrics(p)
                vals = {
                    cid: [c.blocking, c.delay, c.centrality, c.complexity]
                    for cid, c in m.courses.items()
                }
                t = time.perf_counter() - t0
                # Kept as JSON text, as the peer's worker prints it: a growing heap
                # of result objects would slow every later file (the cyclic GC
                # walks them), which the peer's worker does not pay.
                results[str(f)] = {
                    "ok": True,
                    "time": t,
                    "metrics_time": t - t_read,
                    "values": json.dumps(vals),
                }
            except PathgraphError as exc:
                results[str(f)] = {
                    "ok": False,
                    "time": time.perf_counter() - t0,
                    "error": str(exc).splitlines()[-1].strip()[:120],
                }
    return results


def _key(cid: str) -> str:
    try:
        return str(int(cid))
    except ValueError:
        return cid


def dense_catalogue(n: int = 500, seed: int = 1, p: float = 0.5) -> str:
    """A dense synthetic catalogue: course i requires each earlier one w.p. ``p``
    among its 12 predecessors (a layered DAG with astronomically many paths)."""
    rng = random.Random(seed)
    lines = [
        "Curriculum,Dense synthetic catalogue,,,,,,,,",
        "Institution,Synthetic,,,,,,,,",
        "Degree Type,BS,,,,,,,,",
        "System Type,semester,,,,,,,,",
        "CIP,11.0701,,,,,,,,",
        "Courses,,,,,,,,,",
        "Course ID,Course Name,Prefix,Number,Prerequisites,Corequisites,"
        "Strict-Corequisites,Credit Hours,Institution,Canonical Name",
    ]
    for i in range(1, n + 1):
        pre = [str(j) for j in range(max(1, i - 12), i) if rng.random() < p]
        lines.append(f"{i},Course {i},SYN,{i},{';'.join(pre)},,,3,,")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer-python", default="/tmp/ca-venv/bin/python")
    parser.add_argument("--data", default=str(ROOT / ".." / "shared" / "data"))
    parser.add_argument("--timeout", type=int, default=60)
    args = parser.parse_args(argv)
    corpus = Path(args.data) / "curricula" / "ca-notebooks"
    files = sorted(corpus.rglob("*.csv"))
    if not Path(args.peer_python).exists():
        print(
            f"peer interpreter {args.peer_python} not found; create it with:\n"
            "  python -m venv /tmp/ca-venv && "
            "/tmp/ca-venv/bin/pip install curricularanalytics==0.2.0",
            file=sys.stderr,
        )
        return 2
    print(f"corpus: {len(files)} CSV files under {corpus}")

    t0 = time.perf_counter()
    ours = run_ours(files)
    ours_wall = time.perf_counter() - t0
    t0 = time.perf_counter()
    peer = run_peer(args.peer_python, files, args.timeout)
    peer_wall = time.perf_counter() - t0

    ours_ok = [f for f in map(str, files) if ours[f]["ok"]]
    peer_ok = [f for f in map(str, files) if peer[f]["ok"]]
    both = [f for f in ours_ok if peer[f]["ok"]]
    peer_fail_ours_ok = [f for f in ours_ok if not peer[f]["ok"]]
    ours_fail_peer_ok = [f for f in peer_ok if not ours[f]["ok"]]
    agree = 0
    disagree: list[str] = []
    for f in both:
        mine = {_key(k): v for k, v in json.loads(ours[f]["values"]).items()}
        theirs = {_key(k): v for k, v in peer[f]["values"].items()}
        if mine == theirs:
            agree += 1
        else:
            disagree.append(f)
    t_ours = sum(ours[f]["time"] for f in both)
    t_peer = sum(peer[f]["time"] for f in both)
    n = len(files)
    print(f"pathgraph: {len(ours_ok)} files with metrics, {n - len(ours_ok)} refused")
    print(f"peer:      {len(peer_ok)} files with metrics, {n - len(peer_ok)} failed")
    errors: dict[str, int] = {}
    for f in map(str, files):
        if not peer[f]["ok"]:
            kind = peer[f]["error"].split(":")[0]
            errors[kind] = errors.get(kind, 0) + 1
    print("peer failures by error:", json.dumps(errors, sort_keys=True))
    print(f"files pathgraph reads that the peer fails on: {len(peer_fail_ours_ok)}")
    print(f"files the peer reads that pathgraph refuses: {len(ours_fail_peer_ok)}")
    for f in ours_fail_peer_ok[:10]:
        print("   ", Path(f).relative_to(corpus), "->", ours[f]["error"])
    print(f"value agreement on {len(both)} files handled by both: {agree} identical")
    for f in disagree[:10]:
        print("    DIFFERENT:", Path(f).relative_to(corpus))
    ratio = t_peer / t_ours if t_ours else float("inf")
    m_ours = sum(ours[f]["metrics_time"] for f in both)
    m_peer = sum(peer[f]["metrics_time"] for f in both)
    print(
        f"metrics only (after reading) on the {len(both)} common files: pathgraph "
        f"{m_ours:.3f} s, peer {m_peer:.2f} s, ratio {m_peer / m_ours:.1f}x"
    )
    print(
        f"read + metrics on the {len(both)} common files: pathgraph {t_ours:.2f} s, "
        f"peer {t_peer:.2f} s, ratio {ratio:.1f}x"
    )
    all_ours = sum(r["time"] for r in ours.values())
    all_peer = sum(r["time"] for r in peer.values())
    print(
        f"whole corpus ({n} files: read and measured, or refused), in process: "
        f"pathgraph {all_ours:.2f} s, peer {all_peer:.2f} s, "
        f"ratio {all_peer / all_ours:.1f}x"
    )
    print(
        f"whole corpus wall time: pathgraph {ours_wall:.2f} s, "
        f"peer {peer_wall:.2f} s (subprocess, incl. start-up)"
    )

    with tempfile.TemporaryDirectory() as tmp:
        dense = Path(tmp) / "dense500.csv"
        dense.write_text(dense_catalogue(), encoding="utf-8")
        mine_d = run_ours([dense])[str(dense)]
        from pathgraph import curricular_metrics
        from pathgraph.io.curricula import read_curriculum

        paths = curricular_metrics(read_curriculum(dense)).totals["centrality"]
        print(
            f"dense 500-course catalogue: pathgraph {mine_d['time']:.3f} s "
            f"(total centrality {paths:.3e})"
        )
        peer_d = run_peer(args.peer_python, [dense], args.timeout)[str(dense)]
        status = "ok" if peer_d["ok"] else peer_d["error"]
        print(f"dense 500-course catalogue: peer {peer_d['time']:.1f} s ({status})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
