"""``pathgraph enrich``: fill occupations' wages, openings and job zones from data."""

from __future__ import annotations

from pathlib import Path

import click

from pathgraph.cli._common import load_pathway, pathway_argument


@click.command()
@pathway_argument()
@click.option(
    "--onet",
    type=click.Path(file_okay=False, path_type=Path),
    help="O*NET release folder (27.0 or 29.3 text files).",
)
@click.option(
    "--bls",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder with OEWS_national_*.csv and Employment-Projections-*.csv.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the enriched pathway (format from the suffix).",
)
@click.option(
    "--overwrite", is_flag=True, help="Replace values already set in the file."
)
def command(
    file: Path, onet: Path | None, bls: Path | None, output: Path, overwrite: bool
) -> None:
    """Fill job zones, wages, openings and education of occupations with SOC codes.

    Matches on the first 7 characters of each occupation's soc code, writes the
    enriched pathway to OUTPUT atomically and prints what matched and what did not.
    """
    # lazy: start-up time; each command loads only what it runs
    from pathgraph.datasets import bls_files
    from pathgraph.enrichment import enrich
    from pathgraph.io import write

    if onet is None and bls is None:
        raise click.UsageError("give --onet DIR, --bls DIR or both")
    files = bls_files(bls) if bls is not None else {}
    pathway = load_pathway(file)
    result, report = enrich(
        pathway,
        onet=onet,
        oews=files.get("oews"),
        projections=files.get("projections"),
        overwrite=overwrite,
    )
    write(result, output, comments_from=pathway)  # YAML keeps the comments of FILE
    click.echo(str(report))
    click.echo(f"wrote {output}", err=True)
