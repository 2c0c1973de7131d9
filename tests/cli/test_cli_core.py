"""The CLI core: version, help, errors as one block, exit codes; the core commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pathgraph
from pathgraph.cli import COMMANDS, cli, main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert pathgraph.__version__ in out
    assert "C accelerator: " in out


@pytest.mark.parametrize(
    ("pure", "says"), [("", "on"), ("1", "built, not used (PATHGRAPH_PURE_PYTHON")]
)
def test_version_says_whether_the_accelerator_runs(
    pure: str, says: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pathgraph._speedups", reason="built without C")
    monkeypatch.setenv("PATHGRAPH_PURE_PYTHON", pure)
    from pathgraph.cli import _accelerator

    assert _accelerator().startswith(says)


def test_every_command_is_registered_and_documented() -> None:
    assert set(cli.commands) == set(COMMANDS)
    reference = Path("docs/cli.md").read_text()
    for name, command in cli.commands.items():
        assert command.help, f"{name} has no help text"
        assert f"## pathgraph {name}" in reference, f"{name} missing from docs/cli.md"


def test_unreadable_input_exits_2_with_one_block(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["stats", "does-not-exist.yaml"]) == 2
    err = capsys.readouterr().err
    assert "error:" in err
    assert "no such file" in err
    assert "Traceback" not in err


def test_invalid_file_lists_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "title: T\nprograms:\n  - {id: p, label: P, months: -1, awards: [x]}\n"
    )
    assert main(["stats", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "2 problems" in err
    assert "bad.yaml:3:" in err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats"]) == 2
    assert "Missing argument" in capsys.readouterr().err


def test_convert_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "bht.json"
    assert main(["convert", "examples/bht.yaml", str(out)]) == 0
    assert pathgraph.read(out) == pathgraph.read("examples/bht.yaml")
    assert main(["convert", "examples/bht.yaml", str(tmp_path / "x.pdf")]) == 2
    assert not (tmp_path / "x.pdf").exists()


def test_stats_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "examples/manufacturing.yaml", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["nodes_by_kind"]["occupation"] == 17
    assert data["components"] == 1


def test_schema_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "pathgraph pathway file"


def test_cli_reference_is_up_to_date() -> None:
    from pathgraph.cli._reference import reference_markdown

    assert Path("docs/cli.md").read_text() == reference_markdown(), (
        "regenerate with: python -m pathgraph.cli._reference > docs/cli.md"
    )


def test_docs_nav_pages_exist() -> None:
    import re

    nav = re.findall(r":\s*([\w-]+\.md)\s*$", Path("mkdocs.yml").read_text(), re.M)
    assert "format.md" in nav
    for page in nav:
        assert Path("docs", page).is_file(), f"docs/{page} is in the nav but missing"


def test_demo_writes_every_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    out = tmp_path / "demo"
    assert main(["demo", "-o", str(out)]) == 0
    expected = {
        "pathway.yaml",
        "check.txt",
        "check.json",
        "route.txt",
        "map.html",
        "route.html",
    }
    expected.add("map.svg" if shutil.which("dot") else "map.dot")
    assert {p.name for p in out.iterdir()} == expected
    text = capsys.readouterr().out
    assert "1 warning," in text and "30 months, $5,504" in text
    finding = json.loads((out / "check.json").read_text())["findings"][0]
    assert finding["code"] == "PG202"
    # Findings point into the copy the user is told to edit.
    assert finding["file"] == str(out / "pathway.yaml") and finding["line"] > 1
    assert (
        f"{out / 'pathway.yaml'}:{finding['line']}:" in (out / "check.txt").read_text()
    )


def test_demo_explains_missing_graphviz(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert main(["demo", "-o", str(tmp_path), "--example", "manufacturing"]) == 0
    assert (tmp_path / "map.dot").is_file() and not (tmp_path / "map.svg").exists()
    assert "sudo apt-get install graphviz" in capsys.readouterr().err
