"""Helpers shared by the command modules: loading inputs, writing outputs."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from pathgraph._files import atomic_write, spreadsheet_cell
from pathgraph._gc import end_startup

if TYPE_CHECKING:
    from pathgraph.model import Pathway

__all__ = ["csv_text", "emit", "format_option", "load_pathway", "pathway_argument"]


F = TypeVar("F", bound=Callable[..., Any])


def pathway_argument() -> Callable[[F], F]:
    """The FILE argument every command that reads a pathway takes."""
    return click.argument(
        "file",
        type=click.Path(dir_okay=False, path_type=Path),
        metavar="FILE",
    )


def format_option(*choices: str, help: str = "Output format.") -> Callable[[F], F]:
    """The ``--format`` option: one of ``choices``, the first being the default."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help=help,
    )


#: The language chosen with ``pathgraph --lang``, for every pathway a command reads.
LANG: list[str] = []


def load_pathway(path: Path) -> Pathway:
    """Read a pathway file in any supported format (errors propagate to main), in
    the language of ``pathgraph --lang`` when one was given."""
    # lazy: start-up time; `pathgraph --help` does not load the readers
    from pathgraph.io import read

    pathway = read(path)
    end_startup()  # start-up ends with the input read (see pathgraph._gc)
    return pathway.in_language(LANG[-1]) if LANG else pathway


def emit(text: str, output: Path | None = None) -> None:
    """Print ``text``, or write it atomically to ``output``."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return

    atomic_write(output, text)
    click.echo(f"wrote {output}", err=True)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV table whose cells a spreadsheet cannot run as formulas.

    Every command that prints CSV builds it here: text cells that could start a
    formula get a leading apostrophe (:func:`pathgraph._files.spreadsheet_cell`),
    numbers are written as numbers, ``None`` as an empty cell.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([spreadsheet_cell(c) for c in header])
    for row in rows:
        writer.writerow(["" if c is None else spreadsheet_cell(c) for c in row])
    return buffer.getvalue()
