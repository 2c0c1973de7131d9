"""pathgraph measures: formats, output file, --min-cell, errors without tracebacks."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import pathgraph
from pathgraph.cli import main
from pathgraph.cli.measures import MIN_CELL
from pathgraph.measures import MIN_CELL as LIBRARY_MIN_CELL
from pathgraph.measures import measure

BHT = "examples/bht.yaml"
OUTCOMES = "examples/outcomes-bht-synthetic.csv"


def test_default_matches_the_library() -> None:
    assert MIN_CELL == LIBRARY_MIN_CELL


def test_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["measures", BHT, OUTCOMES]) == 0
    out = capsys.readouterr().out
    expected = measure(pathgraph.load_example("bht"), OUTCOMES)
    assert out == str(expected) + "\n"
    assert f"{expected.people} people, {expected.rows} records" in out
    assert out.splitlines()[4].split()[:3] == ["step", "enrolled", "completed"]


def test_json_equals_the_library(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["measures", BHT, OUTCOMES, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = measure(pathgraph.load_example("bht"), OUTCOMES).to_dict()
    assert data == expected
    assert data["min_cell"] == 10
    assert [s["step"] for s in data["steps"]][:2] == ["abe-ged", "bht-tier1-course"]


def test_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["measures", BHT, OUTCOMES, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    result = measure(pathgraph.load_example("bht"), OUTCOMES)
    assert [r["step"] for r in rows] == [s.step for s in result.steps]
    for row, step in zip(rows, result.steps, strict=True):
        for name, reason in step.suppressed.items():
            assert row[name] == ("<10" if reason == "small" else "*")
        if step.enrolled is not None:
            assert int(row["enrolled"]) == step.enrolled


def test_min_cell_zero_shows_everything(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["measures", BHT, OUTCOMES, "--format", "json", "--min-cell", "0"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(not s["suppressed"] for s in data["steps"])
    assert main(["measures", BHT, OUTCOMES, "--min-cell", "-1"]) == 2


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "m.json"
    assert main(["measures", BHT, OUTCOMES, "--format", "json", "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"wrote {out}" in captured.err
    assert json.loads(out.read_text())["people"] == 400
    again = tmp_path / "m.txt"
    assert main(["measures", BHT, OUTCOMES, "--output", str(again)]) == 0
    assert again.read_text().startswith("Measures: Behavioral Health Technician")


def test_errors_exit_2_with_line_and_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "o.csv"
    bad.write_text(
        "person,node,start,end,completed,employed,wage_after\n"
        "p1,bht-tier1-curse,2024-01-01,,false,,\n"
        "p2,abe-ged,2024-01-01,2023-01-01,false,,\n"
    )
    assert main(["measures", BHT, str(bad)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "o.csv:2: unknown node 'bht-tier1-curse'; did you mean" in err
    assert "'bht-tier1-course'" in err
    assert "o.csv:3:4: end 2023-01-01 is before start 2024-01-01" in err
    assert main(["measures", BHT, str(tmp_path / "missing.csv")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["measures", BHT, str(tmp_path)]) == 2  # a folder
    assert "Traceback" not in capsys.readouterr().err


def test_help_lists_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "measures" in capsys.readouterr().out
    assert main(["measures", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--min-cell" in out and "OUTCOMES" in out
