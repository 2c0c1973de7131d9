"""Benchmark: start-up time of ``import pathgraph`` and of the command line.

Each case is a fresh Python process (as a person at a terminal, or a CI job, starts
one). The baseline, measured in the same run, is ``python -c "import networkx,
pydantic"``: the two libraries pathgraph is built on, and the least any pathgraph
command must load. Every case runs ``--runs`` times, the cases taking turns (one
round runs each case once) so that a busy moment of the machine falls on all of
them alike; one warm-up round is discarded. Reported: the median wall time of each
case and its ratio to the baseline's median, and the same for CPU time (user +
system), which moves less when other programs share the machine.

The processes import pathgraph from this checkout's ``src`` (not an installed
copy), with bytecode caching on (the warm-up round writes ``__pycache__``, as
installing a package does), and run the command line as the ``pathgraph`` console
script does (``pathgraph.cli.run``). Run by hand, never in the test suite::

    python benchmarks/bench_cli.py
    python benchmarks/bench_cli.py --runs 31 --json

Goal: every ``check`` and ``route`` case within 2x the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CLI = "import sys; from pathgraph.cli import run; sys.argv[0] = 'pathgraph'; run()"


def _cli(*args: str) -> list[str]:
    return [PY, "-c", CLI, *args]


ROUTE = ("--entry", "abe", "--goal")

#: (name, argv): the baseline first.
CASES: list[tuple[str, list[str]]] = [
    ("import networkx, pydantic", [PY, "-c", "import networkx, pydantic"]),
    ("import networkx", [PY, "-c", "import networkx"]),
    ("import pathgraph", [PY, "-c", "import pathgraph"]),
    ("pathgraph --help", _cli("--help")),
    ("pathgraph check bht", _cli("check", "examples/bht.yaml")),
    ("pathgraph check manufacturing", _cli("check", "examples/manufacturing.yaml")),
    ("pathgraph route bht", _cli("route", "examples/bht.yaml", *ROUTE, "bht-assoc")),
    (
        "pathgraph route manufacturing",
        _cli("route", "examples/manufacturing.yaml", *ROUTE, "maintenance-supervisor"),
    ),
]

#: The cases the goal is about, and the goal.
GOAL_CASES = ("pathgraph check", "pathgraph route")
GOAL = 2.0


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one process."""
    cpu, start = _cpu(), time.perf_counter()
    done = subprocess.run(
        argv, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    elapsed, cpu = time.perf_counter() - start, _cpu() - cpu
    # check exits 1 when it finds an error-level problem; anything else is a failure
    if done.returncode not in (0, 1) or "Traceback" in done.stderr:
        raise SystemExit(f"{argv[2:]} failed ({done.returncode}):\n{done.stderr}")
    return elapsed, cpu


def measure(runs: int) -> dict[str, list[tuple[float, float]]]:
    """Wall and CPU times of every case, ``runs`` rounds after one warm-up round."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    # an installed package has its bytecode compiled: let the warm-up round write it
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in CASES}
    for round_ in range(runs + 1):
        for name, argv in CASES:
            t = _run(argv, env)
            if round_:
                times[name].append(t)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="rounds (default 15)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)

    times = measure(args.runs)
    walls = {name: statistics.median(w for w, _ in ts) for name, ts in times.items()}
    cpus = {name: statistics.median(c for _, c in ts) for name, ts in times.items()}
    base = CASES[0][0]
    rows = [
        {
            "case": name,
            "wall_s": round(walls[name], 4),
            "ratio": round(walls[name] / walls[base], 2),
            "cpu_s": round(cpus[name], 4),
            "cpu_ratio": round(cpus[name] / cpus[base], 2),
        }
        for name in times
    ]
    goal = [r for r in rows if str(r["case"]).startswith(GOAL_CASES)]
    worst = max(float(r["ratio"]) for r in goal)
    worst_cpu = max(float(r["cpu_ratio"]) for r in goal)
    if args.json:
        summary = {"runs": args.runs, "rows": rows, "worst": worst}
        print(json.dumps({**summary, "worst_cpu": worst_cpu}, indent=2))
    else:
        print(f"{args.runs} runs each, medians; ratio = median / baseline median")
        print(f"{'case':32} {'wall':>8} {'ratio':>6} {'cpu':>8} {'ratio':>6}")
        for r in rows:
            print(
                f"{r['case']:32} {r['wall_s']:7.3f}s {r['ratio']:5.2f}x "
                f"{r['cpu_s']:7.3f}s {r['cpu_ratio']:5.2f}x"
            )
        verdict = "within" if worst <= GOAL else "OVER"
        print(
            f"worst check/route ratio {worst:.2f}x wall, {worst_cpu:.2f}x CPU: "
            f"{verdict} the {GOAL:g}x goal (wall)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
