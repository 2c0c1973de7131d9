"""Big maps: folding into summary boxes, reserved ids, the Graphviz time limit."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import networkx as nx
import pytest

import pathgraph
from pathgraph import render
from pathgraph.cli import main
from pathgraph.render import graphviz
from pathgraph.render.folding import FOLD_ABOVE, grid, plan_folds
from pathgraph.render.graphviz import dot_quote, dot_source
from pathgraph.render.html import _payload
from pathgraph.render.marking import mark

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")


@pytest.fixture
def bht() -> nx.MultiDiGraph:
    return pathgraph.to_graph(pathgraph.load_example("bht"))


def _rec(lane: str = "", level: int = 0, kind: str = "program", **kw: Any) -> Any:
    return SimpleNamespace(
        kind=kind,
        level=level,
        lane=lane,
        step=kw.get("step"),
        highlighted=kw.get("highlighted", False),
    )


def _node_ids(dot: str) -> set[str]:
    """The quoted ids of the node statements of a DOT text."""
    return set(re.findall(r'^ +"((?:[^"\\]|\\.)*)" \[label=', dot, re.M))


def _data(page: str) -> dict[str, Any]:
    return json.loads(page.split('id="pathgraph-data">')[1].split("</script>")[0])


# --- which records fold -------------------------------------------------------


def test_small_maps_do_not_fold(bht) -> None:
    assert len(mark(bht).nodes) <= FOLD_ABOVE
    assert mark(bht).folds == ()
    assert render.to_dot(bht) == render.to_dot(bht, fold_above=None)
    assert render.to_html(bht) == render.to_html(bht, fold_above=None)
    assert "fold.js" not in render.to_html(bht) and "pathgraph-fold" not in (
        render.to_html(bht)
    )
    with pytest.raises(pathgraph.ArgumentError, match="fold_above"):
        mark(bht, fold_above=-1)


def test_largest_lanes_fold_first_equal_sizes_together() -> None:
    nodes = {f"big{i}": _rec("Big") for i in range(6)}
    nodes |= {f"a{i}": _rec("A") for i in range(3)}
    nodes |= {f"b{i}": _rec("B") for i in range(3)}
    nodes |= {"x": _rec("X"), "y": _rec()}
    # 14 records; folding Big leaves 9, folding A and B (tied) leaves 5
    assert [f.title for f in plan_folds(nodes, 9)] == ["Big"]
    assert [f.title for f in plan_folds(nodes, 8)] == ["A", "B", "Big"]
    assert plan_folds(nodes, 14) == () and plan_folds(nodes, None) == ()
    # a group of one never folds: X and the lone unlaned record stay
    folded = {n for f in plan_folds(nodes, 0) for n in f.members}
    assert folded == set(nodes) - {"x", "y"}


def test_route_and_highlighted_records_never_fold() -> None:
    nodes = {f"a{i}": _rec("A") for i in range(5)}
    nodes["a0"] = _rec("A", step=1)
    nodes["a1"] = _rec("A", highlighted=True)
    (fold,) = plan_folds(nodes, 2)
    assert fold.members == ("a2", "a3", "a4")


def test_outside_lanes_one_kind_per_level_then_wider_columns() -> None:
    fan = {f"p{i}": _rec(level=0) for i in range(50)}
    fan |= {f"c{i}": _rec(level=1, kind="credential") for i in range(3)}
    fan["t"] = _rec(level=2, kind="occupation")
    (fold,) = plan_folds(fan, 10)
    assert fold.title == "programs at level 0" and len(fold.members) == 50
    assert fold.contents() == "50 programs"
    # a chain has one record per level: columns are grouped 2, 4, 8... at a time
    chain = {f"p{i}": _rec(level=i) for i in range(100)}
    folds = plan_folds(chain, 10)
    assert len(chain) - sum(len(f.members) - 1 for f in folds) <= 10
    assert [f.title for f in folds][::5] == [
        "programs at levels 0–15",
        "programs at levels 80–95",
    ]
    assert {n for f in folds for n in f.members} == {f"p{i}" for i in range(96)}


def test_folded_marks_and_dot(bht) -> None:
    report = pathgraph.check(bht)
    m = mark(bht, report=report, fold_above=5)
    (fold,) = m.folds
    assert fold.title == "Behavioral health" and len(fold.members) == 14
    assert set(m.nodes) == {"abe-ged", "hse", fold.node}
    box = m.nodes[fold.node]
    assert box.kind == "group" and box.folded == 14 and box.level == 0
    assert box.severity == "warning" and "PG202" in box.codes  # findings inside
    assert set(m.hidden) == set(fold.members)
    into = [e for e in m.hidden_edges if e.source == "hse"]
    assert {(e.source, e.target, e.count) for e in m.edges} == {
        ("abe-ged", "hse", 0),
        ("hse", fold.node, len(into)),
    }
    assert all(fold.node in (e.source, e.target) or e.count == 0 for e in m.edges)
    assert {e.index for e in m.hidden_edges} <= {e.index for e in mark(bht).edges}
    dot = render.to_dot(bht, report=report, fold_above=5)
    assert _node_ids(dot) == {"abe-ged", "hse", fold.node}
    assert "14 records folded:" in dot and "⚠ PG202" in dot
    assert "14 of 16 records are folded into 1 box (1 lane)" in dot
    assert "pathgraph render<br/>--no-fold" in dot or "--no-fold" in dot
    assert "shape=box3d" in dot
    # a lane folded whole is its box alone: no cluster repeating the lane's name
    assert 'label="Behavioral health", style="rounded,filled"' not in dot


def test_summary_lines_count_the_edges_they_stand_for() -> None:
    G = nx.MultiDiGraph(title="fan")
    G.add_node("t", kind="credential", label="T")
    for i in range(30):
        G.add_node(f"p{i}", kind="program", label=f"P{i}")
        G.add_edge(f"p{i}", "t", kind="awards")
    dot = render.to_dot(G, fold_above=5)
    assert re.search(r'"__fold_0" -> "t" \[.*label="30×"', dot)
    assert dot.count(" -> ") == 1 + 1  # the line, and the column anchors' chain


# --- the interactive page -----------------------------------------------------


def test_page_carries_what_opens_each_box(bht) -> None:
    G = bht.copy()
    evil = "<script>window.__pathgraph_injected=true</script>"
    G.add_node("evil", kind="program", label=evil, lane="Behavioral health")
    page = render.to_html(G, fold_above=5)
    assert evil not in page
    assert page.count("</script>") == 3  # the app and the folding script share one
    data = _data(page)
    ((box_id, box),) = [(n["id"], n) for n in data["nodes"] if n["kind"] == "group"]
    assert "15 records folded" in box["label"] and "click to open" in box["label"]
    assert "group" not in {k["kind"] for k in data["legend"]}  # no filter for boxes
    (group,) = data["folds"]["groups"]
    assert group["id"] == box_id and len(group["members"]) == 15
    members = {m["id"]: m for m in group["members"]}
    assert members["evil"]["label"] == evil  # as text, inside escaped JSON
    assert all({"dx", "dy", "card", "label"} <= set(m) for m in members.values())
    assert group["w"] > 0 and group["h"] > 0
    opened = {(e["from"], e["to"]) for e in data["folds"]["edges"]}
    assert ("hse", "bht-tier1-course") in opened or any(
        "hse" in pair for pair in opened
    )
    lines = [e for e in data["edges"] if "count" in e]
    assert lines and all(box_id in (e["from"], e["to"]) for e in lines)
    assert 'id="fold-buttons"' in page and "pathgraphFolds" in page
    assert "are folded into 1 box" in page


def test_grid_places_levels_left_to_right_and_wraps_tall_columns() -> None:
    members = [f"p{i}" for i in range(45)] + ["t"]
    level = dict.fromkeys(members, 0) | {"t": 1}
    cells = grid(members, level, [("p0", "t")])
    assert cells["p0"] == (0, 0) and cells["p39"] == (0, 39)
    assert cells["p40"] == (1, 0)  # 40 rows at most, then a further column
    assert cells["t"] == (2, 0)


# --- reserved ids -------------------------------------------------------------


def test_records_named_like_the_maps_own_nodes_do_not_vanish(bht) -> None:
    G = bht.copy()
    for name in ("legend", "__column_0", "__fold_0"):
        G.add_node(name, kind="credential", label=f"record {name}", lane="Odd")
        G.add_edge("hse", name, kind="stacks_into")
    dot = render.to_dot(G)
    assert {"legend", "__column_0", "__fold_0"} <= _node_ids(dot)
    assert '  "legend" [label=<<b>record legend</b>' in dot
    assert re.search(r"^    \"legend_\" \[shape=plaintext", dot, re.M)
    assert '"___column_0" [style=invis' in dot  # the anchors moved aside
    folded = render.to_dot(G, fold_above=3)
    assert "__fold_0_" in _node_ids(folded)  # the box moved aside too
    m = mark(G, fold_above=3)
    assert all(f.node not in G for f in m.folds)


# --- the Graphviz time limit --------------------------------------------------


@needs_dot
def test_time_limit_stops_graphviz_and_keeps_the_dot_source(
    bht, tmp_path: Path
) -> None:
    out = tmp_path / "map.svg"
    with pytest.raises(pathgraph.RenderError) as caught:
        render.write(bht, out, timeout=0.000_001)
    message = str(caught.value)
    assert "did not finish laying out the map" in message
    assert "--fold-above" in message and "fold_above=" in message
    assert "--timeout" in message
    assert not out.exists()  # nothing half-written
    kept = tmp_path / "map.svg.dot"
    assert str(kept) in message
    assert kept.read_text(encoding="utf-8") == render.to_dot(bht)
    page = tmp_path / "map.html"
    with pytest.raises(pathgraph.RenderError, match="map.html.dot"):
        render.to_html(bht, page, timeout=0.000_001)
    assert not page.exists() and (tmp_path / "map.html.dot").exists()


@needs_dot
def test_time_limit_is_a_module_constant(
    bht, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(graphviz, "DOT_TIMEOUT", 0.000_001)
    with pytest.raises(pathgraph.RenderError, match="in 1e-06 s") as caught:
        graphviz.svg_text(mark(bht))
    kept = re.search(r"DOT source is in (\S+\.dot)", str(caught.value))
    assert kept and Path(kept.group(1)).read_text(encoding="utf-8").startswith(
        "digraph"
    )
    Path(kept.group(1)).unlink()


def test_timeout_passes_through(bht, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []

    def fake(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        seen.append(kwargs["timeout"])
        return subprocess.CompletedProcess(args, 0, b"<svg/>", b"")

    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/dot")
    monkeypatch.setattr(subprocess, "run", fake)
    graphviz.render_dot("digraph {}", "svg")
    graphviz.render_dot("digraph {}", "svg", timeout=7)
    assert seen == [graphviz.DOT_TIMEOUT, 7]


# --- the command line ---------------------------------------------------------


def test_render_command_folds_and_unfolds(tmp_path: Path) -> None:
    out = tmp_path / "map.dot"
    args = ["render", "examples/bht.yaml", "-o", str(out)]
    assert main([*args, "--fold-above", "5"]) == 0
    assert "records folded" in out.read_text(encoding="utf-8")
    assert main([*args, "--fold-above", "5", "--no-fold"]) == 0
    assert "records folded" not in out.read_text(encoding="utf-8")
    assert main([*args, "--fold-above", "-1"]) == 2
    assert main([*args, "--timeout", "0"]) == 2


@needs_dot
def test_render_command_reports_the_time_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "map.svg"
    code = main(["render", "examples/bht.yaml", "-o", str(out), "--timeout", "1e-6"])
    assert code != 0 and not out.exists()
    err = capsys.readouterr().err
    assert "did not finish laying out" in err and "map.svg.dot" in err


# --- linear, deterministic ----------------------------------------------------


class CountingId(str):
    """A node id that counts how often it is compared for equality."""

    comparisons = 0

    def __eq__(self, other: object) -> bool:
        CountingId.comparisons += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def _chain_and_fan(n: int) -> nx.MultiDiGraph:
    """An n-step chain, and n credentials all required by one program."""
    ids = [CountingId(f"p{i}") for i in range(n)]
    G = nx.MultiDiGraph(title="chain")
    G.add_nodes_from((i, {"kind": "program", "label": "P"}) for i in ids)
    G.add_edges_from(
        (a, b, {"kind": "advances_to"}) for a, b in itertools.pairwise(ids)
    )
    G.add_node(CountingId("goal"), kind="program", label="G")
    for i in range(n):
        c = CountingId(f"c{i}")
        G.add_node(c, kind="credential", label="C")
        G.add_edge(c, "goal", kind="requires")
    return G


@pytest.mark.parametrize("fold_above", [None, 50])
def test_folding_and_writers_stay_linear(fold_above: int | None) -> None:
    """No id is looked for in a list: the number of equality tests grows with the
    map (hash lookups make next to none), counted, not timed, at two sizes."""
    counts = []
    for n in (500, 5000):
        G = _chain_and_fan(n)
        CountingId.comparisons = 0
        marks = mark(G, fold_above=fold_above)
        dot_source(marks)
        _payload(marks, {})
        counts.append(CountingId.comparisons)
        if fold_above is not None:
            assert len(marks.nodes) <= fold_above and marks.folds
    assert counts[1] <= 4 * 2 * 5000
    assert counts[1] <= 12 * max(counts[0], 1)  # 10x the map, not 100x the work


@needs_dot
def test_folded_output_is_deterministic(tmp_path: Path) -> None:
    G = pathgraph.to_graph(pathgraph.load_example("manufacturing"))
    for suffix in (".dot", ".svg", ".html"):
        a = render.write(G, tmp_path / f"a{suffix}", fold_above=10)
        b = render.write(G, tmp_path / f"b{suffix}", fold_above=10)
        assert a.read_bytes() == b.read_bytes(), suffix
        assert b"folded" in a.read_bytes()


def test_unfolded_pages_do_not_change(bht) -> None:
    """A map below the folding size is written exactly as before folding existed:
    no note, no folding script or styles, no ``count`` on any edge."""
    marks = mark(bht)
    dot = dot_source(marks)
    assert "__fold" not in dot and "records folded" not in dot
    assert f"label={dot_quote(bht.graph.get('title', ''))}];" in dot
    page = render.to_html(bht)
    assert "fold-buttons" not in page and "#fold-note" not in page
    assert all("count" not in e for e in _data(page)["edges"])
    assert "folds" not in _data(page)


# --- in a browser -------------------------------------------------------------

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
    "--virtual-time-budget=10000",
]


def _status(dom: str, name: str) -> dict[str, Any]:
    found = re.search(rf'<pre id="{name}"[^>]*>(.*?)</pre>', dom, re.S)
    assert found, f"{name} was not written"
    return json.loads(found.group(1))


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (CI installs it)")
def test_browser_opens_every_box(bht, tmp_path: Path) -> None:
    G = bht.copy()
    G.add_node(
        "evil",
        kind="program",
        label="<script>window.__pathgraph_injected=true</script>",
        lane="Behavioral health",
    )
    page = tmp_path / "map.html"
    render.to_html(G, page, fold_above=5)
    drawn = len(mark(G, fold_above=None).nodes)
    assert CHROMIUM is not None
    for hash_, opened, nodes in (("", 0, 3), ("#open-all", 1, drawn)):
        dom = subprocess.run(
            [
                CHROMIUM,
                *FLAGS,
                f"--user-data-dir={tmp_path / 'profile'}",
                "--dump-dom",
                page.as_uri() + hash_,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
        app = _status(dom, "pathgraph-status")
        assert app["errors"] == [] and app["injected"] is False
        folds = _status(dom, "pathgraph-fold-status")
        assert folds["groups"] == 1
        assert (folds["opened"], folds["nodes"]) == (opened, nodes)
    assert folds["edges"] == len(mark(G, fold_above=None).edges)
