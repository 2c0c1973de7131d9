"""Options several commands share, spelled out once (help text given by each).

Each helper returns a ``click.option`` decorator; the command's ``--help`` (and so
``docs/cli.md``) reads exactly as if the option were written in place.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from pathgraph.requirements import ENTRY_PRESETS

__all__ = ["entry_option", "holds_option", "output_option"]

F = TypeVar("F", bound=Callable[..., Any])


def entry_option(help: str) -> Callable[[F], F]:
    """``--entry``: one of the entry presets, where a route starts (default none).

    Examples
    --------
    >>> @click.command()
    ... @entry_option("Where to start.")
    ... def cmd(entry: str | None) -> None: ...
    >>> list(cmd.params[0].type.choices)
    ['abe', 'esl', 'diploma', 'incumbent']
    """
    return click.option(
        "--entry", type=click.Choice(list(ENTRY_PRESETS)), default=None, help=help
    )


def holds_option(help: str, metavar: str | None = None) -> Callable[[F], F]:
    """``--holds`` (repeatable): node ids the learner already holds."""
    return click.option("--holds", multiple=True, metavar=metavar, help=help)


def output_option(
    help: str, *, required: bool = False, folder: bool = False, **extra: Any
) -> Callable[[F], F]:
    """``-o``/``--output``: a file to write (a folder when ``folder``)."""
    return click.option(
        "-o",
        "--output",
        required=required,
        type=click.Path(file_okay=not folder, dir_okay=folder, path_type=Path),
        help=help,
        **extra,
    )
