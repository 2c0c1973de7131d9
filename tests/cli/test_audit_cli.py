"""pathgraph audit: formats, output files, populations files, exit codes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pathgraph.cli import main

BHT = "examples/bht.yaml"

#: Only constrained populations are of concern: in bht neither reaches anything
#: (no-money: every way costs; childcare: no childcare service), so both
#: destinations are findings.
STRANDED = """\
populations:
  - name: base
    entry: diploma
    of_concern: false
  - name: broke
    entry: diploma
    budget: 0
  - name: kids
    entry: diploma
    childcare: true
"""


def test_text_exit_0_without_findings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", BHT]) == 0
    out = capsys.readouterr().out
    assert "AAS Behavioral Health Technician (bht-assoc)" in out
    assert "No finding" in out
    # abe: 30 months, +6 on the incumbent baseline (hand-worked in test_audit.py)
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("abe "))
    assert line.split()[:6] == ["abe", "30", "$5,504", "$4,988", "+6", "0"]


def test_json_matches_library(capsys: pytest.CaptureFixture[str]) -> None:
    import pathgraph
    from pathgraph.populations import audit

    assert main(["audit", BHT, "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert out == audit(pathgraph.read(BHT)).to_json()
    assert json.loads(out)["findings"] == []


def test_svg_to_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "audit.svg"
    assert main(["audit", BHT, "--format", "svg", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    root = ET.fromstring(target.read_text(encoding="utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_findings_exit_1_and_exit_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pops = tmp_path / "pops.yaml"
    pops.write_text(STRANDED, encoding="utf-8")
    assert main(["audit", BHT, "--populations", str(pops)]) == 1
    out = capsys.readouterr().out
    assert "2 finding(s)" in out
    assert "no population of concern (broke, kids) can reach" in out
    assert main(["audit", BHT, "--populations", str(pops), "--exit-zero"]) == 0
    capsys.readouterr()
    assert main(["audit", BHT, "--populations", str(pops), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [f["destination"] for f in data["findings"]] == [
        "behavioral-health-counselor",
        "bht-assoc",
    ]
    assert [p["name"] for p in data["populations"]] == ["base", "broke", "kids"]


def test_with_builtin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pops = tmp_path / "pops.yaml"
    pops.write_text(STRANDED, encoding="utf-8")
    # abe (built-in, of concern) reaches both destinations: no finding
    assert main(["audit", BHT, "--populations", str(pops), "--with-builtin"]) == 0
    out = capsys.readouterr().out
    assert "incumbent" in out and "broke" in out
    assert main(["audit", BHT, "--with-builtin"]) == 2
    assert "--with-builtin needs --populations" in capsys.readouterr().err


def test_bad_populations_file_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pops = tmp_path / "pops.yaml"
    pops.write_text("populations:\n  - name: x\n    holds: [ghost]\n", "utf-8")
    assert main(["audit", BHT, "--populations", str(pops)]) == 2
    err = capsys.readouterr().err
    assert "pops.yaml:3:13" in err
    assert "population 'x': holds: 'ghost' is not a node" in err
    assert "Traceback" not in err
    assert main(["audit", BHT, "--populations", str(tmp_path / "none.yaml")]) == 2
    assert main(["audit", str(tmp_path / "none.yaml")]) == 2


def test_bad_format_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", BHT, "--format", "png"]) == 2
    capsys.readouterr()


def test_example_populations(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["audit", BHT, "--populations", "examples/populations.yaml"]
    assert main(args) == 0
    out = capsys.readouterr().out
    for name in ("full-time", "night-learner", "one-year"):
        assert name in out
