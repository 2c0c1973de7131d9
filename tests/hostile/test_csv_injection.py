"""CSV output cannot run in a spreadsheet: cells that could start a formula get a
leading apostrophe (OWASP), numbers stay numbers. The tests read the CSV back."""

from __future__ import annotations

import csv
import io
import warnings
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pathgraph
from pathgraph._files import spreadsheet_cell, spreadsheet_text
from pathgraph.cli import main

FORMULAS = ["=1+2", "+1+2", "-1+cmd|' /C calc'!A0", "@SUM(A1)", "\tX", "=HYPERLINK()"]
_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _assert_no_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            if cell.startswith(_STARTS):
                float(cell)  # only a number may start with - or +


def _curriculum(tmp_path: Path) -> Path:
    text = (
        "Curriculum,=cmd|' /C calc'!A0\nInstitution,@evil\nCourses\n"
        "Course ID,Course Name,Prefix,Number,Prerequisites,Credit Hours\n"
        '=1,=HYPERLINK("http://x"),+MATH,-101,,3\n'
        "2,@SUM(A1),MATH,201,=1,-4\n"
        "3,'=already quoted,MATH,301,2,2.5\n"
    )
    path = tmp_path / "hostile.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_metrics_csv_neutralises_formulas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["metrics", str(_curriculum(tmp_path)), "--format", "csv"]) == 0
    rows = _rows(capsys.readouterr().out)
    _assert_no_formula(rows)
    assert rows[0] == ["course", "blocking", "delay", "centrality", "complexity"]
    assert {r[0] for r in rows[1:]} >= {"'=1", "2", "3"}
    for row in rows[1:]:
        for cell in row[1:]:
            float(cell)  # numbers stay numbers


def test_gaps_csv_neutralises_formulas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = pathgraph.read(Path(__file__).resolve().parents[2] / "examples" / "bht.yaml")
    nodes = [
        type(n).model_validate({**n.model_dump(), "label": FORMULAS[i % len(FORMULAS)]})
        for i, n in enumerate(p.nodes)
    ]
    hostile = tmp_path / "hostile.yaml"
    pathgraph.write(p.model_copy(update={"nodes": nodes}), hostile)
    assert main(["gaps", str(hostile), "--format", "csv"]) == 0
    rows = _rows(capsys.readouterr().out)
    _assert_no_formula(rows)
    labels = {r[1] for r in rows[1:]}
    assert labels and all(label.startswith("'") for label in labels)
    assert {spreadsheet_text(label) for label in labels} <= set(FORMULAS)


def test_the_curriculum_writer_neutralises_and_the_reader_restores(
    tmp_path: Path,
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing optional columns, repaired
        p = pathgraph.read(_curriculum(tmp_path))
    out = tmp_path / "out.csv"
    assert main(["convert", str(_curriculum(tmp_path)), str(out)]) == 0
    rows = _rows(out.read_text(encoding="utf-8"))
    _assert_no_formula(rows)
    assert rows[0][:2] == ["Curriculum", "'=cmd|' /C calc'!A0"]
    again = pathgraph.read(out)
    assert again == p
    # A hand-written guard reads as a spreadsheet shows it: without the apostrophe.
    assert again.node("3").label == "=already quoted"


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False)))
def test_the_apostrophe_rule_round_trips(value: object) -> None:
    cell = spreadsheet_cell(value)
    if isinstance(value, str):
        assert isinstance(cell, str)
        assert spreadsheet_text(cell) == value
        assert not cell.startswith(_STARTS) or float(cell) == float(value)
    else:
        assert cell == value
