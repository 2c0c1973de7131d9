"""``pathgraph convert``: read a pathway in one format, write it in another."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pathgraph._files import atomic_write
from pathgraph._gc import end_startup
from pathgraph.errors import PathgraphError
from pathgraph.io import FORMATS, LOSSLESS, detect_format, lost_records, read, write

if TYPE_CHECKING:
    from pathgraph.model import Node

#: How many dropped records of each kind a message names before it counts the rest.
_NAMED = 5


@click.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path), metavar="IN")
@click.argument(
    "target", type=click.Path(dir_okay=False, path_type=Path), metavar="OUT"
)
@click.option("--from", "from_", type=click.Choice(list(FORMATS)), help="Input format.")
@click.option("--to", type=click.Choice(list(FORMATS)), help="Output format.")
@click.option("--force", is_flag=True, help="Allow OUT to be IN itself (replace it).")
@click.option(
    "--lossy",
    is_flag=True,
    help="Write even when OUT's format cannot hold every record (the records "
    "dropped are listed either way).",
)
def command(
    source: Path,
    target: Path,
    from_: str | None,
    to: str | None,
    force: bool,
    lossy: bool,
) -> None:
    """Convert a pathway file: formats are chosen by suffix.

    \b
    .yaml/.yml  native YAML        .json    native JSON
    .jsonld     CTDL JSON-LD       .csv     Curricular Analytics curriculum

    The output is written atomically and deterministically. Writing YAML from a
    YAML file keeps its comments and layout. CTDL and curriculum files cannot hold
    every record (a curriculum holds one program's courses): convert lists the
    records that would be dropped and writes nothing unless --lossy is given.
    Writing over IN itself needs --force.
    """
    fmt = to or detect_format(target)
    if _same_file(source, target) and not force:
        raise PathgraphError(
            f"{target} is the input file: converting would replace it "
            "(fix: name another output file, or pass --force to replace it)"
        )
    pathway = read(source, format=from_)
    end_startup()  # start-up ends with the input read (see pathgraph._gc)
    dropped: list[Node] = []
    if fmt in LOSSLESS:
        write(pathway, target, format=to)
    else:
        # lazy: start-up time; each format's module loads on first use
        from pathgraph import io

        text = getattr(io, f"dumps_{fmt}")(pathway)
        dropped = lost_records(pathway, text, fmt)
        if dropped and not lossy:
            raise PathgraphError(
                f"{target}: a {fmt} file would not hold {_describe(dropped)} "
                "(reading it back gives no record with their ids); nothing written "
                "(fix: pass --lossy to write it without them, or convert to .yaml "
                "or .json, which hold everything)"
            )
        atomic_write(target, text)
    kept = len(pathway.nodes) - len(dropped)
    click.echo(
        f"wrote {target} ({kept} records, {len(pathway.relations)} relations read)"
        if dropped
        else f"wrote {target} ({kept} records, {len(pathway.relations)} relations)",
        err=True,
    )
    if dropped:
        click.echo(f"dropped {_describe(dropped)}", err=True)


def _same_file(source: Path, target: Path) -> bool:
    """Whether writing ``target`` would replace ``source`` (links followed)."""
    try:
        return os.path.samefile(source, target)
    except OSError:  # one of them does not exist (or cannot be looked at)
        return os.path.realpath(source) == os.path.realpath(target)


def _describe(nodes: list[Node]) -> str:
    """``3 records: 2 providers (a, b); 1 service (c)``, naming at most
    :data:`_NAMED` ids of each kind."""
    by_kind: dict[str, list[str]] = {}
    for node in nodes:
        by_kind.setdefault(node.kind, []).append(node.id)
    parts = []
    for kind, ids in sorted(by_kind.items(), key=lambda item: -len(item[1])):
        more = len(ids) - _NAMED
        listed = ", ".join(ids[:_NAMED]) + (f", and {more} more" if more > 0 else "")
        parts.append(f"{len(ids)} {kind}{'s' * (len(ids) != 1)} ({listed})")
    n = len(nodes)
    return f"{n} record{'s' * (n != 1)}: " + "; ".join(parts)
