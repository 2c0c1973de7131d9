"""Valid pathways Graphviz refused: a label with a control character (Graphviz's
XML parser rejects it, or copies it raw into its JSON and breaks the interactive
page), a label over 16,384 bytes (Graphviz's lexer limit), and a layout error
("trouble in init_rank" on Debian's Graphviz 2.43 for the Bakersfield CTDL
pathway). The map is drawn, the page and the notebook display still work."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import pathgraph
from pathgraph import render
from pathgraph.io.ctdl import CTDLWarning
from pathgraph.render.graphviz import (
    MAX_DOT_TEXT,
    MAX_LABEL_TEXT,
    render_dot,
    to_dot,
)
from pathgraph.render.notebook import map_svg, pathway_html
from tests.conftest import SHARED_DATA

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")

CONTROL = "Nursing\x00\x01\x08\x0b\x0c\x1b[31m\x7f\x85 A\ud800"
LONG = "Behavioral health " * 1200  # 21,600 characters


def _graph(label: str) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(title="T " + label[:50])
    G.add_node("p", kind="program", label=label, description=label)
    G.add_node("c", kind="credential", label="C")
    G.add_edge("p", "c", kind="awards")
    return G


@needs_dot
@pytest.mark.parametrize("label", [CONTROL, LONG], ids=["control", "long"])
def test_graphviz_draws_hostile_labels(label: str) -> None:
    dot = to_dot(_graph(label))
    svg = render_dot(dot, "svg").decode("utf-8")
    assert "<svg" in svg
    layout = json.loads(render_dot(dot, "json"))  # valid JSON: no raw controls
    assert {o["name"] for o in layout["objects"] if "nodes" not in o} >= {"p", "c"}


def test_control_characters_become_spaces_in_dot() -> None:
    dot = to_dot(_graph(CONTROL))
    assert not any(ord(ch) < 32 and ch != "\n" for ch in dot)
    assert not any(0x7F <= ord(ch) <= 0x9F for ch in dot)
    assert "\ud800" not in dot
    dot.encode("utf-8")  # no lone surrogate left to break the pipe to dot
    assert "Nursing" in dot and "[31m" in dot


def test_long_labels_are_cut_with_an_ellipsis_in_dot() -> None:
    dot = to_dot(_graph(LONG))
    # every quoted or HTML string stays far under Graphviz's 16,384 bytes
    longest = max(len(line.encode("utf-8")) for line in dot.splitlines())
    assert longest < 16_384
    assert "…" in dot
    # the tooltip keeps more of the text than the box
    assert LONG[: MAX_DOT_TEXT - 1] in dot.replace("\\n", "\n")
    assert MAX_LABEL_TEXT < MAX_DOT_TEXT


def test_the_interactive_page_keeps_the_full_text() -> None:
    page = render.to_html(_graph(LONG))
    assert LONG.strip() in page


def _fail_with_columns(
    monkeypatch: pytest.MonkeyPatch, always: bool = False
) -> list[str]:
    """Make ``dot`` fail as Graphviz 2.43 does on the Bakersfield pathway when the
    DOT holds the column constraints (``rank=same``), or always; returns the DOT
    texts it was given."""
    seen: list[str] = []
    real_run = subprocess.run

    def run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        text = kwargs["input"].decode("utf-8")
        seen.append(text)
        if always or "rank=same" in text:
            return subprocess.CompletedProcess(
                args, 1, b"", b"Error: trouble in init_rank\n\tc 0 0\n"
            )
        return real_run(args, **kwargs)

    monkeypatch.setattr(subprocess, "run", run)
    return seen


@needs_dot
def test_a_layout_error_is_retried_without_the_column_constraints(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen = _fail_with_columns(monkeypatch)
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    render.write(G, tmp_path / "m.svg")
    assert (tmp_path / "m.svg").read_text().count("<svg") == 1
    assert len(seen) == 2
    assert "rank=same" in seen[0] and "rank=same" not in seen[1]
    assert "__column_" not in seen[1]
    # the nodes and edges are all still there
    assert seen[1].count(" -> ") == seen[0].count(" -> ") - seen[0].count(
        "[style=invis];"
    )


def test_a_layout_error_that_stays_is_a_render_error_with_the_fix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/dot")
    seen = _fail_with_columns(monkeypatch, always=True)
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    with pytest.raises(pathgraph.RenderError) as info:
        render.write(G, tmp_path / "m.svg")
    message = str(info.value)
    assert "trouble in init_rank" in message
    assert "without the column constraints" in message
    assert "fix:" in message
    assert str(tmp_path / "m.svg.dot") in message  # the DOT source is kept
    assert (tmp_path / "m.svg.dot").read_text() == seen[0]
    assert not (tmp_path / "m.svg").exists()
    assert len(seen) == 2


def test_the_page_and_the_notebook_survive_a_graphviz_failure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/dot")
    _fail_with_columns(monkeypatch, always=True)
    pathway = pathgraph.load_example("bht")
    page = render.to_html(pathway)  # no precomputed positions: vis lays it out
    assert "bht-assoc" in page
    assert map_svg(pathgraph.to_graph(pathway)) is None
    assert pathway_html(pathway).startswith("<p><b>")
    assert pathway._repr_html_().startswith("<p><b>")


@needs_dot
def test_bakersfield_draws_and_its_page_works(tmp_path: Path) -> None:
    """Graphviz 2.43 on Debian failed on it ("trouble in init_rank"); this
    machine's Graphviz may not, the failure is simulated above."""
    path = SHARED_DATA / "ctdl" / "Bakersfield_AS_CS_pathway-CSU_transfer-v2.json"
    if not path.is_file():
        pytest.skip("shared data not found")
    with pytest.warns(CTDLWarning, match="described twice"):
        pathway = pathgraph.read(path)
    render.write(pathway, tmp_path / "b.svg")
    assert "<svg" in (tmp_path / "b.svg").read_text()
    assert "<svg" in pathway_html(pathway)
    render.to_html(pathway, tmp_path / "b.html")


@pytest.mark.parametrize("level", ["abc", -1, 1.5, True, float("nan")])
def test_a_bad_level_on_a_hand_built_graph_is_a_contract_error(level: object) -> None:
    """level="abc" on a node crashed to_dot with a bare ValueError."""
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    G.nodes["bht-aas"]["level"] = level
    with pytest.raises(pathgraph.GraphContractError, match="level must be a whole"):
        pathgraph.render.to_dot(G)
    G.nodes["bht-aas"]["level"] = 2.0  # a whole float is a column
    assert "bht-aas" in pathgraph.render.to_dot(G)
