"""``gaps --tolerance inf`` or ``--scale -1`` were accepted (no balance band, or
negative openings called "oversupply"): now a clear error, from the API and the CLI."""

from __future__ import annotations

import math

import pytest

import pathgraph
from pathgraph.cli import main
from pathgraph.labor import gap_analysis


@pytest.fixture(scope="module")
def graph() -> object:
    return pathgraph.to_graph(pathgraph.read("examples/bht.yaml"))


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, -0.5])
def test_the_api_refuses_a_tolerance_that_is_not_finite_or_negative(
    graph: object, value: float
) -> None:
    with pytest.raises(pathgraph.ArgumentError, match="tolerance"):
        gap_analysis(graph, tolerance=value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, -1.0])
def test_the_api_refuses_a_scale_that_is_not_finite_or_negative(
    graph: object, value: float
) -> None:
    with pytest.raises(pathgraph.ArgumentError, match="openings_scale"):
        gap_analysis(graph, openings_scale=value)  # type: ignore[arg-type]


def test_the_api_still_takes_zero_and_ordinary_values(graph: object) -> None:
    assert gap_analysis(graph, openings_scale=0.0, tolerance=0.0).rows
    assert gap_analysis(graph, openings_scale=0.25, tolerance=1.5).rows


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--tolerance", "inf"),
        ("--tolerance", "nan"),
        ("--tolerance", "-1"),
        ("--scale", "-1"),
        ("--scale", "inf"),
        ("--scale", "nan"),
    ],
)
def test_the_cli_refuses_them_with_exit_2(
    capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    code = main(["gaps", "examples/bht.yaml", option, value])
    captured = capsys.readouterr()
    assert code == 2
    assert option in captured.err
    assert "finite" in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""
