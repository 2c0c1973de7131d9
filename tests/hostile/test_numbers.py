"""Hostile numbers: infinite, NaN, negative or absurdly large values give the
library's own located errors, never an overflow or a silent "no limit"."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pytest

import pathgraph
from pathgraph.model.nodes import MAX_NUMBER


def _graph(**program: object) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("p", kind="program", label="P", **program)
    G.add_node("c", kind="credential", label="C")
    G.add_edge("p", "c", kind="awards")
    return G


@pytest.mark.parametrize(
    "value", [math.inf, -math.inf, math.nan, -1, 10**400, MAX_NUMBER * 10, "3"]
)
def test_graph_numbers_outside_the_range_are_refused(value: object) -> None:
    """``months=inf`` passed validate_graph; a 400-digit integer overflowed later in
    check, render and route."""
    G = _graph(months=value)
    with pytest.raises(pathgraph.GraphContractError, match="months must be a number"):
        pathgraph.validate_graph(G)
    for verb in (pathgraph.check, pathgraph.dead_ends):
        with pytest.raises(pathgraph.GraphContractError):
            verb(G)


def test_the_largest_number_is_accepted() -> None:
    pathgraph.validate_graph(_graph(months=MAX_NUMBER, cost=0))


@pytest.mark.parametrize("value", [math.inf, math.nan, 10**400, -5])
def test_records_refuse_numbers_outside_the_range(value: object) -> None:
    with pytest.raises(ValueError, match="months"):
        pathgraph.Program(id="p", label="P", months=value)


def test_a_message_about_a_huge_number_stays_short() -> None:
    G = _graph(cost=10**400)
    with pytest.raises(pathgraph.GraphContractError) as info:
        pathgraph.validate_graph(G)
    assert len(str(info.value)) < 400
    assert "401 characters" in str(info.value)


@pytest.mark.parametrize("goal", [2, 2.5, None, b"c", {"c": 1}])
def test_a_goal_of_the_wrong_type_is_an_argument_error(goal: object) -> None:
    """``route(G, 2)`` gave a TypeError."""
    with pytest.raises(pathgraph.ArgumentError, match="goal"):
        pathgraph.route(_graph(), goal)  # type: ignore[arg-type]


@pytest.mark.parametrize("timeout", [math.nan, math.inf, 0, -1.0, True])
def test_a_renderer_timeout_must_be_finite_and_positive(
    timeout: object, tmp_path: Path
) -> None:
    """``--timeout nan`` reached the subprocess module as a raw ValueError."""
    from pathgraph.render.graphviz import write_rendered

    out = tmp_path / "map.svg"
    with pytest.raises(pathgraph.ArgumentError, match="timeout"):
        write_rendered("digraph { a }", out, timeout=timeout)  # type: ignore[arg-type]
    assert not out.exists()


def test_the_cli_refuses_a_nan_timeout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathgraph.cli import main

    out = tmp_path / "map.svg"
    example = Path(__file__).resolve().parents[2] / "examples" / "bht.yaml"
    code = main(["render", str(example), "-o", str(out), "--timeout", "nan"])
    assert code == 2
    assert "timeout must be a finite number" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
