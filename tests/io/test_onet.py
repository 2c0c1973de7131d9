"""O*NET reader: real 27.0 and 29.3 releases, hand-made fixtures, broken input."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from pathgraph.errors import FormatError
from pathgraph.io.onet import load_onet, move_between, read_onet

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.data
def test_onet_27_counts_match_the_files(shared_data: Path) -> None:
    data = load_onet(shared_data / "onet-27.0")
    assert data.release == "27.0"
    assert len(data.occupations) == 1016  # Occupation Data.txt
    assert len(data.related) == 18460  # Related Occupations.txt
    zones = [o.job_zone for o in data.occupations.values() if o.job_zone]
    assert len(zones) == 923  # Job Zones.txt has 923 rows


@pytest.mark.data
def test_onet_27_spot_values(shared_data: Path) -> None:
    data = load_onet(shared_data / "onet-27.0")
    # Job Zones.txt: "29-2053.00	3	07/2014	Analyst"
    tech = data.occupations["29-2053.00"]
    assert tech.title == "Psychiatric Technicians"
    assert tech.job_zone == 3
    # Education, Training, and Experience.txt, RL rows of 29-2053.00: category 2
    # (high school) has 47.18, the largest (8: 38.38, 7: 9.36)
    assert tech.education_level == 2
    assert data.occupations["31-1133.00"].job_zone == 2
    assert data.occupations["11-1011.00"].job_zone == 5
    first = data.related[0]
    assert (first.code, first.related, first.tier, first.index) == (
        "11-1011.00",
        "11-1021.00",
        "Primary-Short",
        1,
    )


@pytest.mark.data
def test_onet_typical_education_agrees_with_an_independent_reading(
    shared_data: Path,
) -> None:
    path = shared_data / "onet-27.0" / "Education, Training, and Experience.txt"
    shares: dict[str, dict[int, float]] = defaultdict(dict)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["Scale ID"] == "RL":
                shares[row["O*NET-SOC Code"]][int(row["Category"])] = float(
                    row["Data Value"]
                )
    expected = {
        code: min(cats, key=lambda c: (-cats[c], c)) for code, cats in shares.items()
    }
    data = load_onet(shared_data / "onet-27.0")
    got = {c: o.education_level for c, o in data.occupations.items() if c in expected}
    assert got == expected
    assert len(expected) == 852


@pytest.mark.data
def test_onet_29_layout_reads_by_header_name(shared_data: Path) -> None:
    data = load_onet(shared_data / "onet-29.3")
    assert data.release == "29.3"
    assert len(data.occupations) == 1016
    assert len(data.related) == 18460
    # 29.3 Related Occupations: 11-1011.00 -> 11-2032.00 Primary-Short 2
    assert data.related[1].related == "11-2032.00"
    # 29.3 has no education file in our data: typical education unknown
    assert all(o.education_level is None for o in data.occupations.values())
    assert data.occupations["29-2053.00"].job_zone == 3


@pytest.mark.data
def test_read_onet_pathway_is_the_lattice(shared_data: Path) -> None:
    p = read_onet(shared_data / "onet-27.0")
    assert len(p) == 1016
    assert len(p.relations) == 18460
    assert {r.kind for r in p.relations} == {"related_to"}
    node = p.node("29-2053.00")
    assert node.soc == "29-2053.00" and node.job_zone == 3
    zones = {n.id: n.job_zone for n in p.nodes}
    for r in p.relations:
        assert r.move == move_between(zones[r.source], zones[r.target])


def test_fixture_27_and_29_layouts_agree_except_education() -> None:
    old = read_onet(FIXTURES / "onet-mini-27")
    new = read_onet(FIXTURES / "onet-mini-29")
    assert [r.model_dump() for r in old.relations] == [
        r.model_dump() for r in new.relations
    ]
    assert old.node("31-1133.00").education_level == 2
    # tie between categories 2 and 3 (40.0 each): the lower category wins
    assert old.node("29-2053.00").education_level == 2
    assert new.node("29-2053.00").education_level is None
    moves = {(r.source, r.target): r.move for r in old.relations}
    assert moves[("31-1133.00", "29-2053.00")] == "advancement"
    assert moves[("31-1133.00", "31-1131.00")] == "lateral"
    assert moves[("29-2053.00", "31-1133.00")] == "step_down"
    assert moves[("29-2053.00", "21-1018.00")] is None  # no job zone for 21-1018


def test_missing_column_names_file_column_and_found() -> None:
    with pytest.raises(FormatError) as info:
        load_onet(FIXTURES / "onet-broken")
    text = str(info.value)
    assert "Occupation Data.txt" in text
    assert "'Title'" in text and "'Description'" in text
    assert "found 'O*NET-SOC Code', 'Name'" in text


def test_missing_folder_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no such folder"):
        load_onet(tmp_path / "nope")
    with pytest.raises(FormatError, match="Occupation Data.txt: no such file"):
        load_onet(tmp_path)


def test_bad_job_zone_is_located(tmp_path: Path) -> None:
    (tmp_path / "Occupation Data.txt").write_text(
        "O*NET-SOC Code\tTitle\tDescription\n11-1011.00\tChief Executives\tx\n"
    )
    (tmp_path / "Job Zones.txt").write_text("O*NET-SOC Code\tJob Zone\n11-1011.00\t7\n")
    with pytest.raises(FormatError, match=r"Job Zones.txt:2: job zone 7"):
        load_onet(tmp_path)
    (tmp_path / "Job Zones.txt").write_text(
        "O*NET-SOC Code\tJob Zone\n11-1011.00\tfive\n"
    )
    with pytest.raises(FormatError, match="not a whole number"):
        load_onet(tmp_path)


def test_bad_code_is_located(tmp_path: Path) -> None:
    (tmp_path / "Occupation Data.txt").write_text(
        "O*NET-SOC Code\tTitle\tDescription\n11-1011\tChief Executives\tx\n"
    )
    with pytest.raises(FormatError, match=r"Occupation Data.txt:2: '11-1011'"):
        load_onet(tmp_path)
