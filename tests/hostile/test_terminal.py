"""Hostile text on the terminal: labels from a data file cannot retitle the window,
write the clipboard or clear the screen, and rich markup in them is printed as
written. Every test reads back what the command wrote."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

import pathgraph
from pathgraph.cli import main

ROOT = Path(__file__).resolve().parents[2]

#: OSC 0 (window title), OSC 52 (clipboard), CSI clear screen, the same as a C1
#: CSI, a carriage return, NUL, and markup a rich console would read.
PAYLOAD = (
    "\x1b]0;owned\x07\x1b]52;c;ZWNobw==\x07\x1b[2J\x9b2J\rNUL\x00"
    " [bold]b[/] \\Errors: [/]"
)

#: What must never reach a terminal from data: the payload's control characters.
_DATA_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _hostile(tmp_path: Path, example: str) -> Path:
    """The example with the payload in its title and in every label, as JSON (a
    format that can hold every character)."""
    p = pathgraph.read(ROOT / "examples" / example)
    nodes = [
        type(n).model_validate({**n.model_dump(), "label": f"{n.label} {PAYLOAD}"})
        for n in p.nodes
    ]
    out = tmp_path / f"hostile-{Path(example).stem}.json"
    hostile = pathgraph.Pathway.model_validate(
        {**p.model_dump(), "title": f"T {PAYLOAD}", "nodes": nodes}
    )
    pathgraph.write(hostile, out)
    return out


def _assert_safe(text: str) -> None:
    assert text, "the command printed nothing"
    assert not _DATA_CONTROL.search(text), repr(_DATA_CONTROL.search(text))
    assert "\\u001b]0;owned" in text or "owned" not in text


@pytest.mark.parametrize(
    "args",
    [
        ["check", "{bht}"],
        ["check", "{bht}", "--select", "PG2"],
        ["stats", "{bht}"],
        ["gaps", "{bht}"],
        ["gaps", "{bht}", "--format", "csv"],
        ["route", "{bht}", "--goal", "bht-assoc", "--entry", "abe"],
        ["metrics", "{it}", "--format", "text"],
        ["metrics", "{it}", "--format", "csv"],
    ],
)
def test_data_reaches_the_terminal_without_control_characters(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {
        "bht": _hostile(tmp_path, "bht.yaml"),
        "it": _hostile(tmp_path, "it-support.yaml"),
    }
    code = main([a.format(**{k: str(v) for k, v in files.items()}) for a in args])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    _assert_safe(out)
    assert not _DATA_CONTROL.search(err)


@pytest.mark.parametrize(
    "fmt_args", [["stats", "--format", "json"], ["check", "--format", "json"]]
)
def test_json_output_stays_exact(
    fmt_args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The filter writes a control character as its JSON escape: JSON output
    still parses, to the same text (C1 controls included)."""
    hostile = _hostile(tmp_path, "bht.yaml")
    main([fmt_args[0], str(hostile), *fmt_args[1:]])
    out = capsys.readouterr().out
    assert not _DATA_CONTROL.search(out)
    data = json.loads(out)
    assert data["title"] == f"T {PAYLOAD}"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_check_in_a_terminal_prints_markup_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A label holding ``\\Errors:`` crashed ``check`` in a terminal (rich markup)."""
    hostile = _hostile(tmp_path, "manufacturing.yaml")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert main(["check", str(hostile)]) == 1
    out = terminal.getvalue()
    for sequence in ("\x1b]", "\x1b[2J", "\x9b", "\x07", "\r", "\x00"):
        assert sequence not in out
    assert "[bold]b[/] \\Errors: [/]" in out  # the markup, as written
    assert "\x1b[1;31mErrors:" in out  # the report's own heading, coloured


def test_error_messages_are_filtered_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = _hostile(tmp_path, "bht.yaml")
    code = main(["route", str(hostile), "--goal", f"x{PAYLOAD}"])
    err = capsys.readouterr().err
    assert code == 2
    assert "error:" in err
    assert not _DATA_CONTROL.search(err)
    assert "[bold]b[/]" in err


def test_the_streams_are_restored(tmp_path: Path) -> None:
    before = sys.stdout, sys.stderr
    main(["stats", str(_hostile(tmp_path, "bht.yaml"))])
    assert (sys.stdout, sys.stderr) == before
