"""Benchmark: how long people wait for a map of 100, 1,000 and 5,000 nodes.

Run by hand, never in the test suite::

    PYTHONPATH=src python benchmarks/bench_maps.py
    PYTHONPATH=src python benchmarks/bench_maps.py --sizes 1000 --keep out/

The pathways are the sector ladders of ``bench_route.py`` (each sector: 35 programs
each awarding a credential, AND/OR requirements, articulation two rungs up, 10
occupations on an advancement ladder, 20 support services), each sector drawn in its
own lane, plus a shared adult-education on-ramp (a GED program and the high-school
equivalency every sector's first program requires). ``N`` nodes are N // 100
sectors (80 drawn records each: services are listed on the programs they support).

For each size it measures, in the same run: the DOT text (``render.to_dot``), the SVG
(``render.write``, Graphviz's ``dot``), the interactive page (``render.to_html``,
which places the nodes with ``dot`` too) and the time headless Chromium takes to
open the page until its script has drawn the network (the page writes a status
block after vis-network draws; Chromium runs with ``--dump-dom``; best of three,
less the time it takes on an empty page, measured in the same run); for a folded
map, also the time until the page opened with ``#open-all`` has drawn every box
opened. Where the map is folded (the default above ``FOLD_ABOVE`` records) the
same pathway is measured unfolded (``fold_above=None``) on the next line, the
baseline; Graphviz is stopped after ``--limit`` seconds there, as a user's render
would be.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_route import build

from pathgraph import RenderError, render

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-extensions",
    "--virtual-time-budget=600000",
]


def pathway(nodes: int) -> nx.MultiDiGraph:
    """Sector ladders (``bench_route.build``) in lanes, with a shared on-ramp."""
    sectors = max(1, nodes // 100)
    G = build(sectors)
    G.graph["title"] = f"{sectors} sectors"
    names = {"p": "program", "c": "certificate", "o": "job", "v": "service"}
    for n in list(G.nodes):
        found = re.fullmatch(r"s(\d+)([pcov])(\d+)", n)
        assert found is not None
        sector, kind, i = found.groups()
        G.nodes[n]["lane"] = f"Sector {int(sector):02d}"
        G.nodes[n]["label"] = f"S{sector} {names[kind]} {i}"
    G.add_node("ged", kind="program", label="GED preparation", lane="Adult education")
    G.add_node("hse", kind="credential", label="High-school equivalency")
    G.nodes["hse"]["lane"] = "Adult education"
    G.add_edge("ged", "hse", kind="awards")
    for s in range(sectors):
        G.add_edge("hse", f"s{s}p0", kind="requires")
    return G


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def chromium_seconds(
    page: Path, profile: Path, hash_: str = "", repeat: int = 3
) -> tuple[float, dict[str, Any] | None]:
    """Wall time of headless Chromium dumping the page (best of ``repeat``: its
    start-up varies by a second from run to run), and the page's status."""
    assert CHROMIUM is not None
    args = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom"]
    seconds = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        proc = subprocess.run(
            [*args, page.as_uri() + hash_], capture_output=True, text=True, timeout=900
        )
        seconds = min(seconds, time.perf_counter() - t)
    found = re.search(r'<pre id="pathgraph-status"[^>]*>(.*?)</pre>', proc.stdout, re.S)
    status = json.loads(found.group(1)) if found and found.group(1) else None
    return seconds, status


def measure(
    G: nx.MultiDiGraph, out: Path, options: dict[str, Any], limit: float
) -> dict[str, Any]:
    """Seconds for DOT, SVG and HTML (None past ``limit``), and the boxes drawn."""
    row: dict[str, Any] = {"boxes": len(render.mark(G, **options).nodes)}
    row["dot"], _ = timed(lambda: render.to_dot(G, **options))
    for suffix, fn in (
        ("svg", lambda: render.write(G, out / "map.svg", timeout=limit, **options)),
        ("html", lambda: render.to_html(G, out / "map.html", timeout=limit, **options)),
    ):
        try:
            row[suffix], _ = timed(fn)
        except RenderError:
            row[suffix] = None
    return row


def fmt(x: float | None, limit: float) -> str:
    return f"> {limit:g} (stopped)" if x is None else f"{x:.2f}"


def report(
    G: nx.MultiDiGraph, out: Path, options: dict[str, Any], args: Any, base: float
) -> str:
    """One line of the table: the map's size, its boxes and the four times."""
    out.mkdir(parents=True, exist_ok=True)
    row = measure(G, out, options, args.limit)
    draw = opened = "n/a"
    if CHROMIUM and row["html"] is not None:
        profile = args.root / "profile"
        seconds, status = chromium_seconds(out / "map.html", profile)
        ok = status is not None and not status["errors"]
        draw = f"{seconds - base:.2f}" if ok else "not drawn"
        if row["boxes"] < len(render.mark(G, fold_above=None).nodes):
            seconds, status = chromium_seconds(out / "map.html", profile, "#open-all")
            opened = f"{seconds - base:.2f}" if status else "not drawn"
    cells = [
        f"{G.number_of_nodes():,}",
        "no" if options else "yes",
        f"{row['boxes']:,}",
        f"{row['dot']:.2f}",
        fmt(row["svg"], args.limit),
        fmt(row["html"], args.limit),
        draw,
        opened,
    ]
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    ap.add_argument(
        "--limit",
        type=float,
        default=60,
        help="Graphviz time limit in seconds (default 60, as DOT_TIMEOUT)",
    )
    ap.add_argument("--no-baseline", action="store_true", help="skip unfolded maps")
    ap.add_argument("--keep", type=Path, help="keep the files written here")
    args = ap.parse_args()
    args.root = Path(tempfile.mkdtemp()) if args.keep is None else args.keep
    args.root.mkdir(parents=True, exist_ok=True)
    empty = args.root / "empty.html"
    empty.write_text("<!DOCTYPE html><title>empty</title>", encoding="utf-8")
    base = chromium_seconds(empty, args.root / "profile")[0] if CHROMIUM else 0.0
    print(f"Chromium opening an empty page: {base:.2f} s (subtracted below)\n")
    print(
        "| nodes | folded | boxes | DOT s | SVG s | HTML s | Chromium draw s "
        "| every box opened s |"
    )
    print("|---:|:---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        G = pathway(n)
        print(report(G, args.root / str(n), {}, args, base), flush=True)
        folds = render.mark(G).folds
        if folds and not args.no_baseline:
            unfolded = {"fold_above": None}
            where = args.root / f"{n}-unfolded"
            print(report(G, where, unfolded, args, base), flush=True)
    if args.keep is None:
        shutil.rmtree(args.root, ignore_errors=True)


if __name__ == "__main__":
    main()
