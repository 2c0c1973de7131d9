"""The graph contract is one list, and every consumer refuses a broken graph alike."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest

import pathgraph
from pathgraph.contract import GRAPH_ATTRIBUTES, markdown_table

SRC = Path(__file__).resolve().parent.parent / "src" / "pathgraph"


def test_docs_table_is_generated_from_the_list() -> None:
    text = Path("docs/concepts.md").read_text()
    marker = "<!-- generated from pathgraph.contract.GRAPH_ATTRIBUTES"
    start = text.index(marker)
    block = text[text.index("\n", start) + 1 :]
    table = block[: block.index("\n\n") + 1]
    assert table == markdown_table()


def test_every_attribute_the_algorithms_read_is_listed() -> None:
    """Scan the algorithm modules for attribute reads (``d.get("x")``,
    ``attrs["x"]``, ``ix.attr("x", ...)``) of node or edge dicts."""
    modules = [
        *sorted((SRC / "analysis").rglob("*.py")),
        *sorted((SRC / "routing").rglob("*.py")),
        *sorted(SRC.glob("check*.py")),
        *sorted((SRC / "checks").rglob("*.py")),
        SRC / "labor.py",
        SRC / "requirements.py",
    ]
    read = set()
    pattern = re.compile(r"(?:\.get\(|\.attr\(|\]\[)\"([a-z_]+)\"")
    for path in modules:
        if path.exists():
            read |= set(pattern.findall(path.read_text()))
    assert {"kind", "months", "need", "career_level"} <= read  # the scan sees reads
    missing = sorted(read - set(GRAPH_ATTRIBUTES))
    assert not missing, f"read by algorithms but not in GRAPH_ATTRIBUTES: {missing}"


def _broken() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("p", kind="program", months=-1)
    G.add_node("c", kind="credential")
    G.add_edge("p", "c", kind="awards")
    G.add_node("o", kind="occupation")
    G.add_edge("c", "o", kind="qualifies_for")
    return G


@pytest.mark.parametrize(
    "call",
    [
        pathgraph.validate_graph,
        pathgraph.check,
        pathgraph.dead_ends,
        pathgraph.destinations,
        pathgraph.unreachable,
        pathgraph.on_ramps,
        pathgraph.off_ramps,
        pathgraph.re_entry_points,
        pathgraph.stackable_chains,
        lambda G: pathgraph.preset_holdings(G, "abe"),
    ],
)
def test_every_verb_refuses_a_broken_graph_the_same_way(call: object) -> None:
    with pytest.raises(pathgraph.GraphContractError) as info:
        call(_broken())  # type: ignore[operator]
    assert "node 'p': months must be a number from 0 to 1e+12, not -1" in str(
        info.value
    )


@pytest.mark.parametrize(
    "call",
    [
        pathgraph.check,
        pathgraph.dead_ends,
        pathgraph.on_ramps,
        pathgraph.stackable_chains,
        lambda G: pathgraph.route(G, "x"),
    ],
)
def test_every_verb_refuses_a_non_graph_the_same_way(call: object) -> None:
    with pytest.raises(
        pathgraph.ArgumentError, match="expected a Pathway or a networkx"
    ):
        call(2)  # type: ignore[operator]
    with pytest.raises(ValueError, match="got str"):  # an ArgumentError is one too
        call("examples/bht.yaml")  # type: ignore[operator]
