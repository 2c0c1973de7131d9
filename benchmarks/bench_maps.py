"""Benchmark: how long people wait for a map of 100, 1,000 and 5,000 nodes.

Run by hand, never in the test suite::

    PYTHONPATH=src python benchmarks/bench_maps.py
    PYTHONPATH=src python benchmarks/bench_maps.py --sizes 100 1000 --no-fold
    PYTHONPATH=src python benchmarks/bench_maps.py --keep out/   # keep the files

The pathways are the sector ladders of ``bench_route.py`` (each sector: 35 programs
each awarding a credential, AND/OR requirements, articulation two rungs up, 10
occupations on an advancement ladder, 20 support services), each sector drawn in its
own lane, plus a shared adult-education on-ramp (a GED program and the high-school
equivalency every sector's first program requires). ``--nodes N`` builds N // 100
sectors.

For each size it measures, in the same run: the DOT text (``render.to_dot``), the SVG
(``render.write``, Graphviz's ``dot``), the interactive page (``render.to_html``,
which lays the map out with ``dot`` too) and the time headless Chromium takes to
open the page until the page's script has drawn the network (the page writes a
status block after vis-network's first ``afterDrawing``; Chromium is run with
``--dump-dom`` and the wall time of an empty page, measured in the same run, is
subtracted). With folding on (the default) the ratio to the unfolded render of
the same pathway is printed when that finishes within ``--limit`` seconds.
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


def chromium_seconds(page: Path, profile: Path) -> tuple[float, dict[str, Any] | None]:
    """Wall time of headless Chromium dumping the page, and the page's status."""
    assert CHROMIUM is not None
    args = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom"]
    t = time.perf_counter()
    proc = subprocess.run(
        [*args, page.as_uri()], capture_output=True, text=True, timeout=900
    )
    seconds = time.perf_counter() - t
    found = re.search(r'<pre id="pathgraph-status"[^>]*>(.*?)</pre>', proc.stdout, re.S)
    status = json.loads(found.group(1)) if found and found.group(1) else None
    return seconds, status


def measure(
    G: nx.MultiDiGraph, out: Path, options: dict[str, Any], limit: float
) -> dict[str, Any]:
    """Seconds for DOT, SVG, HTML (and the folded summary), or None past ``limit``."""
    row: dict[str, Any] = {}
    row["dot"], dot = timed(lambda: render.to_dot(G, **options))
    row["dot_nodes"] = dot.count("shape=") - 1  # less the legend
    for suffix, fn in (
        ("svg", lambda: render.write(G, out / "map.svg", timeout=limit, **options)),
        ("html", lambda: render.to_html(G, out / "map.html", timeout=limit, **options)),
    ):
        try:
            row[suffix], _ = timed(fn)
        except RenderError as exc:
            row[suffix] = None
            row[f"{suffix}_error"] = str(exc).splitlines()[0]
    return row


def fmt(x: float | None) -> str:
    return "   n/a" if x is None else f"{x:6.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    ap.add_argument("--no-fold", action="store_true", help="measure unfolded maps")
    ap.add_argument(
        "--limit", type=float, default=120, help="Graphviz time limit, seconds"
    )
    ap.add_argument("--keep", type=Path, help="keep the files written here")
    args = ap.parse_args()
    options: dict[str, Any] = {"fold_above": None} if args.no_fold else {}
    root = Path(tempfile.mkdtemp()) if args.keep is None else args.keep
    empty = root / "empty.html"
    empty.parent.mkdir(parents=True, exist_ok=True)
    empty.write_text("<!DOCTYPE html><title>empty</title>", encoding="utf-8")
    base = chromium_seconds(empty, root / "profile")[0] if CHROMIUM else 0.0
    print(f"Chromium on an empty page: {base:.2f} s (subtracted below)")
    print("  nodes  drawn     DOT s   SVG s  HTML s  Chromium s  unfolded SVG / HTML s")
    for n in args.sizes:
        G = pathway(n)
        out = root / str(n)
        out.mkdir(parents=True, exist_ok=True)
        row = measure(G, out, options, args.limit)
        draw = None
        if CHROMIUM and row["html"] is not None:
            seconds, status = chromium_seconds(out / "map.html", root / "profile")
            draw = seconds - base if status and not status["errors"] else None
        ref = ""
        if not args.no_fold and len(G) > 1000:
            plain = measure(G, out / "unfolded", {"fold_above": None}, args.limit)
            ref = f"{fmt(plain['svg'])} / {fmt(plain['html'])}"
        print(
            f"{G.number_of_nodes():7,} {row['dot_nodes']:6,}  {fmt(row['dot'])}  "
            f"{fmt(row['svg'])}  {fmt(row['html'])}  {fmt(draw):>10}  {ref}"
        )
        for key in ("svg_error", "html_error"):
            if key in row:
                print(f"    {key}: {row[key]}")
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
