"""enrich(): real data on the examples, fill rules, a new object, never in place, the CLI."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import pathgraph
from pathgraph.cli import cli
from pathgraph.enrichment import enrich
from pathgraph.errors import FormatError

FIXTURES = Path(__file__).parent / "io" / "fixtures"


def _sources(shared_data: Path) -> dict[str, Path]:
    return {
        "onet": shared_data / "onet-27.0",
        "oews": shared_data / "bls" / "OEWS_national_2024.csv",
        "projections": shared_data / "bls" / "Employment-Projections-2020-30.csv",
    }


@pytest.mark.data
def test_bht_enriched_from_real_files(shared_data: Path, examples: Path) -> None:
    p = pathgraph.read(examples / "bht.yaml")
    q, report = enrich(p, **_sources(shared_data))  # type: ignore[arg-type]
    assert q is not p and p.node("psychiatric-technician").openings is None
    tech = q.node("psychiatric-technician")
    assert tech.job_zone == 3  # O*NET 27.0 Job Zones: 29-2053.00 -> 3
    assert tech.openings == 8000  # projections: "8.0" thousand a year
    assert tech.wage_median == 42590  # kept (already set; OEWS agrees)
    assert tech.employment == 136300  # OEWS TOT_EMP
    assert tech.entry_education == "Postsecondary nondegree award"
    aide = q.node("psychiatric-aide")
    assert (aide.job_zone, aide.openings) == (2, 7200)
    counselor = q.node("behavioral-health-counselor")
    assert counselor.openings == 41000
    assert counselor.job_zone is None  # 21-1018 is not in O*NET 27.0
    assert report.unmatched == (("behavioral-health-counselor", "onet"),)
    assert not report.ok
    assert report.no_soc == ()


@pytest.mark.data
def test_manufacturing_enriched_from_real_files(
    shared_data: Path, examples: Path
) -> None:
    p = pathgraph.read(examples / "manufacturing.yaml")
    q, report = enrich(p, **_sources(shared_data))  # type: ignore[arg-type]
    welder = q.node("welder")
    assert (welder.job_zone, welder.openings, welder.employment) == (2, 49200, 424040)
    # 51-2090 is a broad OEWS code: wages and openings match, O*NET does not
    assert q.node("assembler").openings == 125200
    assert set(report.unmatched) == {
        ("assembler", "onet"),
        ("logistics-supervisor", "onet"),
    }


@pytest.mark.data
def test_graph_gives_a_new_graph(shared_data: Path, examples: Path) -> None:
    original = pathgraph.to_graph(pathgraph.read(examples / "bht.yaml"))
    G, report = enrich(original, **_sources(shared_data))  # type: ignore[arg-type]
    assert G is not original
    assert "openings" not in original.nodes["psychiatric-technician"]
    assert G.nodes["psychiatric-technician"]["openings"] == 8000
    assert (
        "psychiatric-technician",
        (
            "education_level",
            "employment",
            "entry_education",
            "job_zone",
            "openings",
            "training",
            "work_experience",
        ),
    ) in report.filled
    pathgraph.validate_graph(G)


def test_wages_fill_as_a_block_and_overwrite() -> None:
    G = nx.MultiDiGraph()
    G.add_node("a", kind="occupation", label="A", soc="29-2053.00", wage_median=1)
    G.add_node("b", kind="occupation", label="B", soc="29-2053")
    G.add_node("c", kind="occupation", label="C")
    G.add_node("d", kind="occupation", label="D", soc="99-0000")
    oews = FIXTURES / "oews_quirks.csv"
    G, report = enrich(G, oews=oews)
    assert G.nodes["a"] == {
        "kind": "occupation",
        "label": "A",
        "soc": "29-2053.00",
        "wage_median": 1,
        "employment": 136300.0,
    }
    assert G.nodes["b"]["wage_p25"] == 37170 and G.nodes["b"]["hourly_p75"] == 23.51
    assert report.no_soc == ("c",)
    assert report.unmatched == (("d", "oews"),)
    G, _ = enrich(G, oews=oews, overwrite=True)
    assert G.nodes["a"]["wage_median"] == 42590 and G.nodes["a"]["wage_p90"] == 60150


def test_suppressed_wages_stay_missing() -> None:
    G = nx.MultiDiGraph()
    G.add_node("ceo", kind="occupation", label="CEO", soc="11-1011")
    G.add_node("actor", kind="occupation", label="Actor", soc="27-2011")
    G, _ = enrich(G, oews=FIXTURES / "oews_quirks.csv")
    assert "wage_p90" not in G.nodes["ceo"] and G.nodes["ceo"]["wage_median"] == 206420
    assert (
        "wage_median" not in G.nodes["actor"] and "employment" not in G.nodes["actor"]
    )


def test_pathway_result_is_valid_and_reads_back(tmp_path: Path) -> None:
    p = pathgraph.read("examples/bht.yaml")
    q, report = enrich(
        p,
        projections=FIXTURES / "projections_quirks.csv",
        onet=FIXTURES / "onet-mini-29",
    )
    assert q.node("psychiatric-technician").openings == 13900
    assert q.node("psychiatric-technician").job_zone == 3
    out = tmp_path / "out.yaml"
    pathgraph.write(q, out)
    assert pathgraph.read(out) == q
    assert "enriched" in str(report) and report.to_dict()["no_soc"] == []


def test_unreadable_source_raises_format_error() -> None:
    with pytest.raises(FormatError, match="no such file"):
        enrich(pathgraph.read("examples/bht.yaml"), oews="nope.csv")


@pytest.mark.data
def test_cli_enrich(shared_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "bht.yaml"
    result = CliRunner().invoke(
        cli,
        [
            "enrich",
            "examples/bht.yaml",
            "--onet",
            str(shared_data / "onet-27.0"),
            "--bls",
            str(shared_data / "bls"),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "not found in onet: behavioral-health-counselor" in result.output
    assert pathgraph.read(out).node("psychiatric-aide").openings == 7200


def test_cli_enrich_needs_a_source(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["enrich", "examples/bht.yaml", "-o", str(tmp_path / "x.yaml")]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "x.yaml").exists()
