"""A bug in pathgraph (an exception nobody raised on purpose) reaches the user as
one line saying how to report it, exit 3, never a traceback (unless
PATHGRAPH_DEBUG=1)."""

from __future__ import annotations

import pytest

import pathgraph
from pathgraph import cli as pathgraph_cli


def _break_stats(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("something broke")

    command = pathgraph_cli.cli.commands["stats"]
    monkeypatch.setattr(command, "callback", boom)


def test_an_unexpected_exception_is_one_line_and_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PATHGRAPH_DEBUG", raising=False)
    _break_stats(monkeypatch)
    code = pathgraph_cli.main(["stats", "examples/bht.yaml"])
    err = capsys.readouterr().err
    assert code == 3
    assert (
        f"pathgraph {pathgraph.__version__} hit an internal error: "
        "RuntimeError: something broke"
    ) in err
    assert "please report it at https://github.com/pathgraph/pathgraph/issues" in err
    assert "with the command and the input file" in err
    assert "Traceback" not in err


def test_pathgraph_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATHGRAPH_DEBUG", "1")
    _break_stats(monkeypatch)
    code = pathgraph_cli.main(["stats", "examples/bht.yaml"])
    err = capsys.readouterr().err
    assert code == 3
    assert "Traceback" in err
    assert "RuntimeError: something broke" in err
    assert "hit an internal error" in err
