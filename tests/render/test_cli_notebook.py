"""The render command, Graphviz-placed HTML, and the notebook helpers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import pathgraph
from pathgraph import render
from pathgraph.cli import main
from pathgraph.render.html import _dot_positions
from pathgraph.render.levels import levels
from pathgraph.render.marking import mark
from pathgraph.render.notebook import MAX_INLINE_NODES, map_svg, pathway_html

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")


def _payload(page: str) -> dict:
    return json.loads(page.split('id="pathgraph-data">')[1].split("</script>")[0])


@pytest.mark.parametrize("suffix", [".dot", ".html"])
def test_render_command_marks_findings_and_route(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"map{suffix}"
    args = ["render", "examples/bht.yaml", "-o", str(out), "--check"]
    assert main([*args, "--route-goal", "bht-assoc", "--entry", "abe"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "PG202" in text  # the advanced certificate has no off-ramp
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    route = pathgraph.route(G, "bht-assoc", entry="abe")
    if suffix == ".dot":
        first = G.nodes[route.nodes[0]]["label"].split()[0]
        assert f"<b>1. {first}" in text
    else:
        nodes = {n["id"]: n for n in _payload(text)["nodes"]}
        assert nodes[route.nodes[0]]["label"].startswith("1. ")


def test_render_command_errors(tmp_path: Path) -> None:
    out = tmp_path / "map.dot"
    assert main(["render", "examples/bht.yaml", "-o", str(out), "--entry", "abe"]) == 2
    assert main(["render", "examples/bht.yaml", "-o", str(tmp_path / "m.gif")]) == 2
    assert not out.exists() and not (tmp_path / "m.gif").exists()


def test_render_command_courses_detail(tmp_path: Path) -> None:
    out = tmp_path / "map.dot"
    assert (
        main(["render", "examples/bht.yaml", "-o", str(out), "--detail", "courses"])
        == 0
    )
    assert main(["render", "examples/bht.yaml", "-o", str(tmp_path / "p.dot")]) == 0
    assert len(out.read_text()) >= len((tmp_path / "p.dot").read_text())


@needs_dot
@pytest.mark.parametrize("example", ["bht", "manufacturing"])
def test_html_is_placed_like_the_static_map(example: str) -> None:
    G = pathgraph.to_graph(pathgraph.load_example(example))
    nodes = _payload(render.to_html(G))["nodes"]
    assert nodes and all("x" in n and "y" in n for n in nodes)
    # levels run left to right: a progression edge never points to a column
    # strictly left of its source's column (dot's x follows the ranks).
    col = levels(G, [n["id"] for n in nodes])
    x = {n["id"]: n["x"] for n in nodes}
    for a in x:
        for b in x:
            if col[a] < col[b]:
                assert x[a] < x[b], (a, b)


def test_html_falls_back_to_vis_layout_without_dot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    assert _dot_positions(mark(G)) == {}
    nodes = _payload(render.to_html(G))["nodes"]
    assert all("x" not in n for n in nodes)
    assert map_svg(G) is None
    assert "<svg" not in pathway_html(pathgraph.load_example("bht"))


@needs_dot
def test_map_svg_marks_report_and_route() -> None:
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    route = pathgraph.route(G, "bht-assoc", entry="abe")
    svg = map_svg(G, report=pathgraph.check(G), route=route)
    assert svg is not None and svg.startswith("<svg")
    assert "PG202" in svg and "1. " in svg
    big = pathgraph.to_graph(pathgraph.load_example("bht"))
    big.add_nodes_from(
        (f"x{i}", {"kind": "program", "label": "x"}) for i in range(MAX_INLINE_NODES)
    )
    assert map_svg(big) is None


def test_pathway_html_escapes_title() -> None:
    p = pathgraph.load_example("bht").model_copy(update={"title": "<b>x</b> & y"})
    page = pathway_html(p)
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in page and "<b>x</b>" not in page
