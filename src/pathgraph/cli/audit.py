"""``pathgraph audit``: who gets through, population by population."""

from __future__ import annotations

from pathlib import Path

import click

from pathgraph.cli._common import emit, format_option, load_pathway, pathway_argument
from pathgraph.cli._options import output_option


@click.command()
@pathway_argument()
@click.option(
    "--populations",
    "populations_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A YAML file of populations to audit instead of the built-in ones "
    "(format: docs/audit.md).",
)
@click.option(
    "--with-builtin",
    is_flag=True,
    help="With --populations: audit the built-in populations too, first.",
)
@format_option(
    "text",
    "json",
    "svg",
    help="Output format (svg: a populations x destinations grid).",
)
@output_option("Write the output to this file instead of printing it.")
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when a destination no population of concern reaches exists.",
)
def command(
    file: Path,
    populations_file: Path | None,
    with_builtin: bool,
    fmt: str,
    output: Path | None,
    exit_zero: bool,
) -> int:
    """Audit which destinations each population reaches, in how many months and
    at what cost, and what it pays beyond the least constrained population.

    Built-in populations: incumbent, diploma, abe, esl, working-adult, no-money,
    childcare (defined in docs/audit.md). Exit code 1 when a destination exists
    that no population of concern can reach (unless --exit-zero), 0 otherwise, 2
    when the pathway or the populations file cannot be used.
    """
    # lazy: start-up time; each command loads only what it runs
    from pathgraph.errors import ArgumentError
    from pathgraph.graph import to_graph
    from pathgraph.populations import BUILTIN_POPULATIONS, audit, read_populations

    pathway = load_pathway(file)
    G = to_graph(pathway)
    if populations_file is None:
        if with_builtin:
            raise ArgumentError(
                "--with-builtin needs --populations FILE (the built-in populations "
                "are audited by default)"
            )
        pops = BUILTIN_POPULATIONS
    else:
        pops = read_populations(populations_file, G=G)
        if with_builtin:
            pops = BUILTIN_POPULATIONS + pops
    result = audit(G, pops)
    if fmt == "json":
        text = result.to_json()
    elif fmt == "svg":
        text = result.to_svg()
    else:
        text = str(result) + "\n"
    emit(text, output)
    return 0 if exit_zero or result.ok else 1
