"""pathgraph assess: text, JSON and HTML, written to a file atomically, bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import pathgraph
from pathgraph.cli import main
from pathgraph.readiness import assess


def test_text_groups_items_by_element(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "examples/bht.yaml"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Readiness self-assessment: Behavioral Health Technician")
    assert "8 met, 6 partly, 0 not met, 6 needs your answer" in out
    # The elements in order, each with its points.
    heads = [
        line for line in out.splitlines() if line[:2] in {f"{n}." for n in "123456"}
    ]
    assert [h[:2] for h in heads] == ["1.", "2.", "3.", "4.", "5.", "6."]
    assert heads[2].endswith("[6/8 points; 2 met, 2 partly]")
    assert "3.3 PARTLY" in out and "none at bht-advanced" in out
    assert "? Which budgets keep the system running when the grants end?" in out


def test_json_is_the_library_result(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "examples/manufacturing.yaml", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert out == assess(pathgraph.load_example("manufacturing")).to_json()
    data = json.loads(out)
    items = {it["code"]: it for e in data["elements"] for it in e["items"]}
    assert items["3.3"]["records"] == ["mssc-clt"]


def test_html_to_stdout_and_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", "examples/bht.yaml", "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    out = tmp_path / "card.html"
    assert (
        main(["assess", "examples/bht.yaml", "--format", "html", "-o", str(out)]) == 0
    )
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"wrote {out}" in captured.err
    assert out.read_text() == page


def test_output_is_written_atomically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.json"
    out.write_text("old report\n")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    assert (
        main(["assess", "examples/bht.yaml", "--format", "json", "-o", str(out)]) == 2
    )
    # The old file is whole, no temporary file is left, and the error says why.
    assert out.read_text() == "old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
    err = capsys.readouterr().err
    assert "cannot write" in err and "no space left" in err
    assert "Traceback" not in err
    monkeypatch.undo()
    assert (
        main(["assess", "examples/bht.yaml", "--format", "json", "-o", str(out)]) == 0
    )
    assert json.loads(out.read_text())["counts"]["met"] == 8


def test_bad_files_exit_2_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml: no such file" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nprograms:\n  - {id: p, label: P, awards: [nope]}\n")
    assert main(["assess", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml:3:" in err and "no record has id 'nope'" in err
    assert "Traceback" not in err


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "examples/bht.yaml", "--format", "pdf"]) == 2
    assert "'pdf' is not one of" in capsys.readouterr().err


def test_hostile_label_is_escaped_in_the_scorecard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(
        "pathgraph: 1\n"
        "title: '<script>alert(1)</script>'\n"
        "sector: '<img src=x onerror=alert(1)>'\n"
        "programs:\n"
        "  - {id: p, label: '<script>P</script>', cost: 10}\n"
    )
    assert main(["assess", str(hostile), "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
