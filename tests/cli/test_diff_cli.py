"""pathgraph diff: exit codes for CI, formats, output files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pathgraph.changes import diff
from pathgraph.cli import main
from pathgraph.io import read

DATA = Path(__file__).resolve().parents[1] / "data" / "diff"
BEFORE, AFTER, DEAD = (str(DATA / f"{n}.yaml") for n in ("before", "after", "dead_end"))


def test_the_issue_case_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", BEFORE, AFTER]) == 0
    out = capsys.readouterr().out
    assert "  + lpn-evening (program: Practical Nursing (evening section))" in out
    assert "  + cna -[articulates_to]-> lpn-program" in out
    assert "  fixed      PG204 re-entry-not-for-workers (info) nurse-aide" in out
    assert "  incumbent -> lpn: cheaper, faster (12 mo, $9000 -> 9 mo, $7500)" in out


def test_introducing_a_dead_end_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", BEFORE, DEAD]) == 1
    out = capsys.readouterr().out
    assert "  introduced PG101 dead-end (error) iv-cert:" in out
    assert "  introduced PG101 dead-end (error) iv-course:" in out


def test_fixing_it_exits_0_and_lists_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", DEAD, BEFORE]) == 0
    out = capsys.readouterr().out
    assert "  fixed      PG101 dead-end (error) iv-cert:" in out
    assert "  fixed      PG101 dead-end (error) iv-course:" in out
    assert "introduced" not in out.split("\n", 1)[1]


@pytest.mark.parametrize(
    ("old", "new", "fail_on", "code"),
    [
        (BEFORE, DEAD, "introduced", 1),
        (BEFORE, DEAD, "never", 0),
        (BEFORE, DEAD, "any", 1),
        (BEFORE, AFTER, "any", 1),
        (BEFORE, AFTER, "introduced", 0),
        (BEFORE, BEFORE, "any", 0),
        (DEAD, DEAD, "introduced", 0),  # an old dead end is not introduced
    ],
)
def test_fail_on(
    old: str, new: str, fail_on: str, code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", old, new, "--fail-on", fail_on]) == code


def test_same_file_is_empty(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", AFTER, AFTER, "--fail-on", "any"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("No differences.")


def test_json_is_the_library_result(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", BEFORE, AFTER, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == diff(read(BEFORE), read(AFTER)).to_dict()
    assert data["summary"]["relations_added"] == 5
    assert data["findings"]["fixed"][0]["code"] == "PG204"


def test_entry_limits_the_presets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", BEFORE, AFTER, "--format", "json", "--entry", "diploma"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["entry"] for r in data["routes"]] == ["diploma"]


def test_dot_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "change.dot"
    assert main(["diff", BEFORE, DEAD, "--format", "dot", "-o", str(out)]) == 1
    text = out.read_text(encoding="utf-8")
    assert text.startswith("digraph pathway_diff {")
    assert '"iv-cert" [label="IV Therapy Certificate\\n(added)"' in text
    assert f"wrote {out}" in capsys.readouterr().err


def test_svg_without_graphviz_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)  # no `dot` anywhere
    assert main(["diff", BEFORE, AFTER, "--format", "svg"]) == 2
    err = capsys.readouterr().err
    assert "Graphviz" in err and "Traceback" not in err


def test_svg_runs_graphviz_on_the_dot(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[tuple[str, str]] = []

    def fake_render(dot: str, fmt: str, **_: object) -> bytes:
        seen.append((dot, fmt))
        return b"<svg>drawn</svg>"

    monkeypatch.setattr("pathgraph.changes.draw.render_dot", fake_render)
    assert main(["diff", BEFORE, AFTER, "--format", "svg"]) == 0
    assert capsys.readouterr().out.strip() == "<svg>drawn</svg>"
    assert seen[0][1] == "svg" and seen[0][0].startswith("digraph pathway_diff")


def test_unreadable_input_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", BEFORE, str(tmp_path / "missing.yaml")]) == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    assert main(["diff", str(bad), BEFORE]) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
def test_svg_drawn_by_graphviz(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "change.svg"
    assert main(["diff", BEFORE, AFTER, "--format", "svg", "-o", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    assert "<svg" in svg and "Practical Nursing (evening section)" in svg
    assert "(added)" in svg


def _console_examples() -> list[tuple[list[str], str, int]]:
    """(arguments, printed text, exit code) of each ```console block of
    docs/diff.md: ``$ pathgraph diff ...``, its output, ``$ echo $?``, the code."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "diff.md").read_text(
        encoding="utf-8"
    )
    out = []
    for block in text.split("```console\n")[1:]:
        lines = block.split("\n```", 1)[0].splitlines()
        assert lines[0].startswith("$ pathgraph diff ")
        echo = lines.index("$ echo $?")
        out.append(
            (lines[0].split()[2:], "\n".join(lines[1:echo]), int(lines[echo + 1]))
        )
    return out


def test_the_worked_examples_in_the_docs_are_real_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    examples = _console_examples()
    assert len(examples) == 2
    for args, printed, code in examples:
        assert main(args) == code
        assert capsys.readouterr().out.rstrip("\n") == printed
