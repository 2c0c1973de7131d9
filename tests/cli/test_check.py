"""pathgraph check: exit codes, JSON, selection, locations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pathgraph.cli import main


def test_error_findings_exit_1_with_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "examples/manufacturing.yaml"]) == 1
    out = capsys.readouterr().out
    assert "PG101 dead-end  examples/manufacturing.yaml:" in out
    assert "MSSC Certified Logistics Technician (mssc-clt)" in out


def test_warnings_only_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "examples/bht.yaml"]) == 0
    assert "PG202" in capsys.readouterr().out


def test_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "examples/manufacturing.yaml", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [f["node"] for f in data["findings"]] == ["clt-course", "mssc-clt"]
    for f in data["findings"]:
        assert {"code", "severity", "node", "message", "rule", "fix"} <= set(f)


def test_select_and_ignore(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "examples/manufacturing.yaml", "--ignore", "PG101"]) == 0
    assert (
        main(["check", "examples/manufacturing.yaml", "--select", "PG2,wage-drop"]) == 0
    )
    assert main(["check", "examples/bht.yaml", "--select", "nonsense"]) == 2
    assert "unknown rule" in capsys.readouterr().err


def test_unreadable_and_invalid_input_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "missing.yaml")]) == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nprograms:\n  - {id: p, label: P, awards: [nope]}\n")
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml:3:" in err and "no record has id 'nope'" in err
    assert "Traceback" not in err


def test_json_input_gets_locations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "m.json"
    assert main(["convert", "examples/manufacturing.yaml", str(out)]) == 0
    assert main(["check", str(out)]) == 1
    assert f"{out}:" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["check", "stats", "route", "metrics", "gaps"])
def test_unknown_format_is_refused_before_anything_runs(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command, "examples/bht.yaml", "--format", "xml"]) == 2
    out, err = capsys.readouterr()
    assert "'xml' is not one of" in err and "Traceback" not in err
    assert out == ""
