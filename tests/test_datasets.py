"""The national occupation graph."""

from __future__ import annotations

from pathlib import Path

import pytest

import pathgraph
from pathgraph.datasets import bls_files, occupations
from pathgraph.errors import FormatError

FIXTURES = Path(__file__).parent / "io" / "fixtures"


@pytest.mark.data
def test_national_graph(shared_data: Path) -> None:
    G = occupations(shared_data / "onet-27.0", shared_data / "bls", progress=False)
    assert G.number_of_nodes() == 1016
    assert G.number_of_edges() == 18460
    tech = G.nodes["29-2053.00"]
    assert tech["job_zone"] == 3
    assert tech["wage_median"] == 42590
    assert tech["openings"] == 8000
    assert tech["sector"] == "Healthcare Practitioners and Technical"
    pathgraph.validate_graph(G)
    assert pathgraph.summary(G).nodes == 1016
    report = pathgraph.check(G)
    assert not [f for f in report.findings if f.severity == "error"]
    health = [
        n for n, d in G.nodes(data=True) if d.get("sector", "").startswith("Health")
    ]
    assert len(health) > 50
    assert sum("wage_median" in d for _, d in G.nodes(data=True)) == 934
    assert sum("openings" in d for _, d in G.nodes(data=True)) == 855


def test_fixture_graph_and_progress_flag() -> None:
    G = occupations(FIXTURES / "onet-mini-29", progress=False)
    assert G.number_of_nodes() == 5 and "wage_median" not in G.nodes["29-2053.00"]
    G = occupations(FIXTURES / "onet-mini-27", FIXTURES / "bls-mini", progress=True)
    assert G.nodes["29-2053.00"]["openings"] == 13900


def test_missing_bls_folder(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no such folder"):
        occupations(FIXTURES / "onet-mini-27", tmp_path / "none")
    with pytest.raises(FormatError, match="no OEWS or projections file"):
        occupations(FIXTURES / "onet-mini-27", tmp_path)
    assert bls_files(tmp_path) == {"oews": None, "projections": None, "cip_soc": None}


@pytest.mark.data
def test_sector_slice_renders(shared_data: Path) -> None:
    from pathgraph.render.graphviz import to_dot

    G = occupations(shared_data / "onet-27.0", shared_data / "bls", progress=False)
    support = [n for n, d in G.nodes(data=True) if d["sector"] == "Healthcare Support"]
    H = G.subgraph(support).copy()
    assert H.number_of_nodes() == 20  # SOC major group 31 in O*NET 27.0
    dot = to_dot(H, context=True)
    assert "Psychiatric Aides" in dot
    assert dot == to_dot(H, context=True)


def test_progress_is_silent_when_not_a_terminal(
    capfd: pytest.CaptureFixture[str],
) -> None:
    occupations(FIXTURES / "onet-mini-27", FIXTURES / "bls-mini")
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
