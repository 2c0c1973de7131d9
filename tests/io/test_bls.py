"""BLS readers: real files (counts, spot values), quirk fixtures, broken input."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathgraph.errors import FormatError
from pathgraph.io._tables import clean_code, parse_number, read_table, soc7
from pathgraph.io.bls import read_bls_projections, read_cip_soc, read_oews

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.data
def test_oews_counts_and_spot_values(shared_data: Path) -> None:
    wages = read_oews(shared_data / "bls" / "OEWS_national_2024.csv")
    # 832 lines: a header and 831 occupations
    assert len(wages) == 831
    # "29-2053,Psychiatric Technicians,136300,21.64,45000.0,20.47,42590.0,..."
    tech = wages["29-2053"]
    assert tech.employment == 136300
    assert tech.annual_median == 42590
    assert tech.annual_p25 == 37170 and tech.annual_p75 == 48910
    assert tech.hourly_median == 20.47
    # "11-1011,Chief Executives,...,73710.0,126080.0,," : p75 and p90 suppressed
    ceo = wages["11-1011"]
    assert ceo.annual_median == 206420
    assert ceo.annual_p75 is None and ceo.annual_p90 is None
    # "11-1031,Legislators,26510,,67390.0,,..." : hourly wages blank
    assert wages["11-1031"].hourly_median is None
    assert wages["11-1031"].annual_median == 44810


@pytest.mark.data
def test_oews_blank_cells_are_missing_never_zero(shared_data: Path) -> None:
    path = shared_data / "bls" / "OEWS_national_2024.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        blanks = sum(1 for row in csv.DictReader(fh) if row["A_MEDIAN"] == "")
    wages = read_oews(path)
    assert blanks == 22
    assert sum(w.annual_median is None for w in wages.values()) == blanks
    assert all(w.annual_median != 0 for w in wages.values())


@pytest.mark.data
def test_projections_counts_and_spot_values(shared_data: Path) -> None:
    proj = read_bls_projections(
        shared_data / "bls" / "Employment-Projections-2020-30.csv"
    )
    assert len(proj) == 790
    # "Accountants and auditors * ...","=""13-2011""","1,392.2",...,"135.0","73,560"
    acc = proj["13-2011"]
    assert acc.title == "Accountants and auditors"
    assert "Certified Public Accountant" in acc.alternate_titles
    assert acc.employment == 1_392_200
    assert acc.openings == 135_000
    assert acc.wage_median == 73_560
    assert acc.entry_education == "Bachelor's degree"
    # welders: openings 49.2 thousand a year, high school, moderate-term OJT
    weld = proj["51-4121"]
    assert weld.openings == 49_200
    assert weld.training == "Moderate-term on-the-job training"
    assert weld.education_level == 2
    # actors: "N/A" wage
    assert proj["27-2011"].wage_median is None
    assert sum(p.wage_median is None for p in proj.values()) == 14  # 9 >=, 5 N/A


@pytest.mark.data
def test_cip_soc_counts(shared_data: Path) -> None:
    cw = read_cip_soc(shared_data / "bls" / "CIP2020_SOC2018_Crosswalk.csv")
    # 6,097 rows: 374 NO MATCH rows (194 programs with no occupation, 180
    # occupations with no program) and 5,723 pairs
    assert len(cw) == 5723
    assert len(cw.unmatched_cip) == 194
    assert len(cw.unmatched_soc) == 180
    assert cw.socs_for("51.1501") == ("21-1011", "21-1014", "25-1071")
    assert cw.cips_for("29-2053.00") == ("51.1502",)
    assert "01.0508" in cw.unmatched_cip  # Taxidermy/Taxidermist.


def test_oews_fixture_quirks() -> None:
    wages = read_oews(FIXTURES / "oews_quirks.csv")  # BOM, "211,850", #, *, **
    assert list(wages) == ["11-1011", "29-2053", "31-1133", "27-2011", "51-2090"]
    assert wages["11-1011"].employment == 211850
    assert wages["11-1011"].annual_median == 206420
    assert wages["11-1011"].annual_p90 is None  # "#": top-coded
    actors = wages["27-2011"]
    assert actors.employment is None  # "**"
    assert actors.annual_median is None and actors.hourly_median is None  # "*"


def test_projection_fixture_quirks() -> None:
    proj = read_bls_projections(FIXTURES / "projections_quirks.csv")
    assert list(proj) == ["13-2011", "27-2011", "11-1011", "29-2053"]
    assert proj["13-2011"].alternate_titles == ("Account Auditor", "Accountant", "CPA")
    assert proj["11-1011"].wage_median is None  # ">=208,000"
    assert proj["11-1011"].work_experience == "5 years or more"
    assert proj["27-2011"].education_level == 4  # some college, no degree


def test_cip_soc_fixture_quirks() -> None:
    cw = read_cip_soc(FIXTURES / "cipsoc_quirks.csv")
    assert [(p.cip, p.soc) for p in cw.pairs] == [
        ("51.1501", "21-1011"),
        ("51.1501", "21-1018"),
        ("51.1502", "29-2053"),  # ="51.1502" and ="29-2053"
    ]
    assert cw.unmatched_cip == ("01.0508",)  # "1.0508" re-padded
    assert cw.unmatched_soc == ("55-3016",)


def test_missing_columns_name_the_file_and_what_was_found() -> None:
    with pytest.raises(FormatError) as info:
        read_oews(FIXTURES / "oews_missing_columns.csv")
    text = str(info.value)
    assert "oews_missing_columns.csv" in text
    assert "'A_MEDIAN'" in text
    assert "found 'OCC_CODE', 'OCC_TITLE', 'TOT_EMP'" in text


def test_bad_number_is_located() -> None:
    with pytest.raises(FormatError, match=r"oews_bad_number.csv:2: A_MEDIAN 'lots'"):
        read_oews(FIXTURES / "oews_bad_number.csv")


def test_bad_codes_and_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "oews.csv"
    path.write_text("OCC_CODE,OCC_TITLE,A_MEDIAN\nnursing,Nurses,1\n")
    with pytest.raises(FormatError, match="'nursing' is not a SOC code"):
        read_oews(path)
    path.write_text("OCC_CODE,OCC_TITLE,A_MEDIAN\n29-1141,RN,1\n29-1141,RN,2\n")
    with pytest.raises(
        FormatError, match=r"oews.csv:3: occupation 29-1141 listed twice"
    ):
        read_oews(path)
    cip = tmp_path / "cip.csv"
    cip.write_text(
        "CIP2020Code,CIP2020Title,SOC2018Code,SOC2018Title\nab.cd,X,29-1141,RN\n"
    )
    with pytest.raises(FormatError, match="CIP code 'ab.cd' is malformed"):
        read_cip_soc(cip)


def test_oews_all_data_layout_keeps_national_cross_industry_rows(
    tmp_path: Path,
) -> None:
    path = tmp_path / "all_data.csv"
    path.write_text(
        "AREA,AREA_TYPE,NAICS,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,A_MEDIAN\n"
        "99,1,000000,cross-industry,00-0000,All Occupations,total,100,50000\n"
        "99,1,000000,cross-industry,29-1141,Registered Nurses,detailed,10,90000\n"
        "99,1,622000,sector,29-1141,Registered Nurses,detailed,5,95000\n"
        "04,2,000000,cross-industry,29-1141,Registered Nurses,detailed,1,80000\n"
    )
    wages = read_oews(path)
    assert list(wages) == ["29-1141"]
    assert wages["29-1141"].annual_median == 90000


def test_empty_and_non_utf8_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(FormatError, match="empty"):
        read_oews(empty)
    with pytest.raises(FormatError, match="no such file"):
        read_oews(tmp_path / "missing.csv")


def test_table_reader_handles_bom_and_header_case() -> None:
    table = read_table(FIXTURES / "cipsoc_quirks.csv", required=["cip2020code"])
    assert table.columns[0] == "CIP2020Code"


@given(st.integers(min_value=0, max_value=10**9), st.integers(0, 99))
def test_thousands_separators_round_trip(whole: int, cents: int) -> None:
    text = f"{whole:,}.{cents:02d}"
    assert parse_number(text) == float(f"{whole}.{cents:02d}")
    assert parse_number(f'="{text}"') == parse_number(text)


@pytest.mark.parametrize(
    "marker", ["", " ", "*", "**", "#", "N/A", "n/a", "-", ">=208,000"]
)
def test_markers_are_missing(marker: str) -> None:
    assert parse_number(marker) is None


def test_codes() -> None:
    assert clean_code('="13-2011"') == "13-2011"
    assert soc7("29-2061.00") == "29-2061"
    assert soc7("2-2061") is None
    with pytest.raises(ValueError, match="lots"):
        parse_number("lots")
