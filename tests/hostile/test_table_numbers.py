"""``inf``, ``nan`` and ``1e400`` in a numeric column of an O*NET or BLS file
were passed on as numbers (or overflowed in ``int``); now each is a located
problem: the file, the line and the column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import pathgraph
from pathgraph.io.bls import read_bls_projections, read_cip_soc, read_oews
from pathgraph.io.onet import load_onet

FIXTURES = Path(__file__).parent.parent / "io" / "fixtures"
HOSTILE = [
    *["inf", "-inf", "nan", "NaN", "1e400", "Infinity"],
    pytest.param("1" * 5000, id="5000-digits"),
]


def _replace_line(path: Path, line: int, old: str, new: str) -> None:
    """Replace ``old`` (once) on 1-based ``line`` of ``path``."""
    text = path.read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def _assert_located(
    info: pytest.ExceptionInfo[Exception], where: str, col: str
) -> None:
    message = str(info.value)
    assert where in message
    assert col in message
    assert "finite" in message
    assert len(message) < 600  # a 5,000-digit cell is shortened


@pytest.mark.parametrize("value", HOSTILE)
def test_oews_refuses_non_finite_numbers(tmp_path: Path, value: str) -> None:
    path = tmp_path / "oews.csv"
    shutil.copy(FIXTURES / "oews_quirks.csv", path)
    # line 3 is 29-2053 Psychiatric Technicians; TOT_EMP is 136300
    _replace_line(path, 3, ",136300,", f",{value},")
    with pytest.raises(pathgraph.FormatError) as info:
        read_oews(path)
    _assert_located(info, f"{path}:3", "TOT_EMP")


@pytest.mark.parametrize("value", HOSTILE)
def test_projections_refuse_non_finite_numbers(tmp_path: Path, value: str) -> None:
    path = tmp_path / "projections.csv"
    shutil.copy(FIXTURES / "projections_quirks.csv", path)
    # line 2 is accountants; their openings are "135.0"
    _replace_line(path, 2, '"135.0"', f'"{value}"')
    with pytest.raises(pathgraph.FormatError) as info:
        read_bls_projections(path)
    _assert_located(info, f"{path}:2", "Openings")


@pytest.mark.parametrize("value", HOSTILE)
def test_onet_job_zone_refuses_non_finite_numbers(tmp_path: Path, value: str) -> None:
    folder = tmp_path / "onet"
    shutil.copytree(FIXTURES / "onet-mini-27", folder)
    path = folder / "Job Zones.txt"
    _replace_line(path, 2, "\t3\t", f"\t{value}\t")
    with pytest.raises(pathgraph.FormatError) as info:
        load_onet(folder)
    _assert_located(info, f"{path}:2", "Job Zone")


@pytest.mark.parametrize("value", HOSTILE)
def test_onet_education_share_refuses_non_finite_numbers(
    tmp_path: Path, value: str
) -> None:
    folder = tmp_path / "onet"
    shutil.copytree(FIXTURES / "onet-mini-27", folder)
    path = folder / "Education, Training, and Experience.txt"
    _replace_line(path, 2, "\t10.50\t", f"\t{value}\t")
    with pytest.raises(pathgraph.FormatError) as info:
        load_onet(folder)
    _assert_located(info, f"{path}:2", "Data Value")


def test_ordinary_numbers_still_read() -> None:
    wages = read_oews(FIXTURES / "oews_quirks.csv")
    assert wages["29-2053"].employment == 136300


def test_a_cip_code_in_other_digits_is_a_located_problem(tmp_path: Path) -> None:
    """Arabic-Indic digits pass ``str.isdigit`` but not ``int``."""
    path = tmp_path / "cipsoc.csv"
    shutil.copy(FIXTURES / "cipsoc_quirks.csv", path)
    _replace_line(path, 2, "51.1501", "\u0665\u0661.1501")
    with pytest.raises(pathgraph.FormatError, match=r"cipsoc.csv:2: CIP code"):
        read_cip_soc(path)
