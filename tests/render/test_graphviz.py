"""DOT/SVG maps: structure, escaping, determinism, missing Graphviz."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import pathgraph
from pathgraph import render
from pathgraph.render.graphviz import dot_quote

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")


@pytest.fixture
def bht():
    return pathgraph.to_graph(pathgraph.load_example("bht"))


def test_every_progression_node_with_its_shape(bht) -> None:
    dot = render.to_dot(bht)
    for n, kind in bht.nodes(data="kind"):
        line = next(
            (
                ln
                for ln in dot.splitlines()
                if ln.strip().startswith(dot_quote(n) + " [")
            ),
            None,
        )
        if kind in ("program", "credential", "occupation"):
            assert line is not None, n
            shape = render.NODE_STYLE[kind].shape
            assert f"shape={shape}," in line
        else:
            assert line is None, f"context node {n} drawn by default"
    assert "cluster_legend" in dot
    assert 'label="Behavioral health"' in dot  # lanes are clusters


def test_ranks_follow_levels(bht) -> None:
    dot = render.to_dot(bht)
    ranks = re.findall(r"\{ rank=same; (.*?); \}", dot)
    order = {n.strip('"'): i for i, r in enumerate(ranks) for n in r.split("; ")}
    assert order["abe-ged"] < order["hse"] < order["bht-aas"] < order["bht-assoc"]
    assert order["bht-tier1"] < order["bht-tier2"] < order["bht-basic"]


def test_details_on_nodes(bht) -> None:
    dot = render.to_dot(bht)
    assert "$35,930–$48,770 a year" in dot  # occupation wage range
    assert "4 months · $516" in dot  # program months and cost
    assert "industry-recognized" in dot


def test_report_marks_nodes_and_legend(bht) -> None:
    report = pathgraph.check(bht)
    dot = render.to_dot(bht, report=report)
    line = next(
        ln for ln in dot.splitlines() if ln.strip().startswith('"bht-advanced" [')
    )
    assert "⚠ PG202" in line and 'color="#D55E00"' in line
    assert "PG202 stack-without-off-ramp (warning)" in dot


@dataclass
class FakeRoute:
    nodes: list[str]
    steps: list[object] = field(default_factory=list)


def test_route_drawn_bold_over_faded_system(bht) -> None:
    dot = render.to_dot(
        bht, route=FakeRoute(["abe-ged", "hse", "bht-aas", "bht-assoc"])
    )
    assert "<b>1. Adult Basic Education" in dot
    faded = next(
        ln for ln in dot.splitlines() if ln.strip().startswith('"bht-tier1" [')
    )
    assert 'fillcolor="#F4F4F4"' in faded
    assert '"abe-ged" -> "hse" [color="#111111", penwidth=2.4' in dot


def test_hostile_labels_are_escaped() -> None:
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    G.add_node('x"]; y [', kind="program", label="<script>alert(1)</script>")
    G.add_node("q", kind="program", label='"]; x [')
    dot = render.to_dot(G)
    # HTML-like labels are XML-escaped; quoted strings (ids, tooltips) DOT-escaped.
    assert "<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>" in dot
    assert "<b>&quot;]; x [</b>" in dot
    assert 'tooltip="<script>alert(1)</script>"' in dot
    assert 'tooltip="\\"]; x ["' in dot
    assert dot_quote('x"]; y [') + " [" in dot


@needs_dot
def test_hostile_labels_survive_graphviz(tmp_path: Path) -> None:
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    G.add_node("evil", kind="program", label='<script>alert(1)</script>"]; x [')
    out = render.write(G, tmp_path / "m.svg")
    svg = out.read_text()
    assert "<script>" not in svg and "&lt;script&gt;" in svg


@needs_dot
@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf", ".dot", ".html"])
def test_output_is_deterministic(bht, tmp_path: Path, suffix: str) -> None:
    a = render.write(bht, tmp_path / f"a{suffix}", report=pathgraph.check(bht))
    b = render.write(bht, tmp_path / f"b{suffix}", report=pathgraph.check(bht))
    assert a.read_bytes() == b.read_bytes()
    assert a.stat().st_size > 1000


def test_missing_dot_is_explained(
    bht, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(
        pathgraph.MissingDependencyError, match="apt-get install graphviz"
    ):
        render.write(bht, tmp_path / "m.svg")
    assert not (tmp_path / "m.svg").exists()
    render.write(bht, tmp_path / "m.dot")  # DOT needs nothing


def test_bad_suffix_and_detail(bht, tmp_path: Path) -> None:
    with pytest.raises(pathgraph.ArgumentError, match="use .svg, .png"):
        render.write(bht, tmp_path / "m.txt")
    with pytest.raises(pathgraph.ArgumentError, match="detail must be"):
        render.to_dot(bht, detail="everything")
    route = pathgraph.route(bht, "bht-assoc", entry="abe")
    with pytest.raises(
        pathgraph.ArgumentError, match=r"a route map is .html, .pdf or .svg"
    ):
        render.route_map(bht, route, tmp_path / "r.png")


def test_graphviz_failure_is_a_render_error(
    bht, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failed(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        return subprocess.CompletedProcess(args, 1, b"", b"syntax error in line 1")

    def too_slow(args: list[str], **kwargs: object) -> None:
        raise subprocess.TimeoutExpired(args, 300)

    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/dot")
    monkeypatch.setattr(subprocess, "run", failed)
    with pytest.raises(pathgraph.RenderError, match="Graphviz failed: syntax error"):
        render.write(bht, tmp_path / "m.svg")
    monkeypatch.setattr(subprocess, "run", too_slow)
    with pytest.raises(pathgraph.RenderError, match="did not finish laying out"):
        render.write(bht, tmp_path / "m.svg")
    assert not (tmp_path / "m.svg").exists()


def test_renderers_do_not_mutate(bht) -> None:
    before = (list(bht.nodes(data=True)), list(bht.edges(keys=True, data=True)))
    render.to_dot(bht, report=pathgraph.check(bht), highlight=["hse"])
    render.to_html(bht)
    assert (list(bht.nodes(data=True)), list(bht.edges(keys=True, data=True))) == before


def test_courses_collapse_by_default() -> None:
    p = pathgraph.Pathway(
        title="C",
        nodes=[
            {"kind": "program", "id": "p", "label": "P"},
            {"kind": "course", "id": "c1", "label": "C1"},
            {"kind": "course", "id": "c2", "label": "C2"},
        ],
        relations=[
            {"kind": "part_of", "source": "c1", "target": "p"},
            {"kind": "part_of", "source": "c2", "target": "p"},
            {"kind": "prerequisite_of", "source": "c1", "target": "c2"},
        ],
    )
    assert "2 courses" in render.to_dot(p)
    assert '"c1" -> "c2"' in render.to_dot(p, detail="courses")


@needs_dot
def test_notebook_repr_has_svg() -> None:
    html = pathgraph.load_example("bht")._repr_html_()
    assert "<svg" in html and "Behavioral Health" in html


def test_degree_plan_courses_are_drawn_by_term(shared_data) -> None:
    plan = (
        shared_data
        / "curricula"
        / "ca-notebooks"
        / "Introduction To Curricular Analytics"
        / "Univ_of_Arizona-CS.csv"
    )
    p = pathgraph.read(plan)
    terms = {c.id: c.term for c in p.nodes if c.kind == "course" and c.term}
    assert len(terms) > 20
    dot = render.to_dot(p, detail="courses")
    ranks = re.findall(r"\{ rank=same; (.*?); \}", dot)
    column = {n.strip('"'): i for i, r in enumerate(ranks) for n in r.split("; ")}
    by_term: dict[int, set[int]] = {}
    for course, term in terms.items():
        by_term.setdefault(term, set()).add(column[course])
    assert all(len(cols) == 1 for cols in by_term.values())  # one column per term
    order = [next(iter(by_term[t])) for t in sorted(by_term)]
    assert order == sorted(order)


@needs_dot
def test_pdf_carries_no_render_time(bht, tmp_path: Path) -> None:
    """cairo < 1.18 ignores SOURCE_DATE_EPOCH: the date is fixed after drawing,
    in place, so the cross-reference table still points at the right bytes."""
    import re

    pdf = render.write(bht, tmp_path / "m.pdf").read_bytes()
    dates = re.findall(rb"/(?:CreationDate|ModDate) \(D:(\d{14})", pdf)
    assert dates and set(dates) == {b"19700101000000"}
    start = int(pdf.rsplit(b"startxref", 1)[1].split()[0])
    assert pdf[start : start + 4] == b"xref"


@needs_dot
def test_route_sheet_draws_just_the_route(bht, tmp_path: Path) -> None:
    """The sheet's map holds the route's records and no other (readable on paper,
    printed on a landscape page); the .svg keeps the whole pathway around it."""
    route = pathgraph.route(bht, "bht-assoc", entry="abe")
    page = render.route_map(bht, route, tmp_path / "r.html").read_text()
    figure = page[page.index('<figure class="map">') :]
    titles = re.findall(r'<g id="node\d+" class="node">\s*<title>([^<]*)<', figure)
    drawn = {html.unescape(t) for t in titles} - {"legend"}
    assert drawn == {"abe-ged", "hse", "bht-aas", "bht-assoc"}
    assert "@page map { size: landscape; }" in page
    whole = render.route_map(bht, route, tmp_path / "r.svg").read_text()
    assert "bht&#45;tier1" in whole
