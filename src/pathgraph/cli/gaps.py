"""``pathgraph gaps``: projected openings against program completers."""

from __future__ import annotations

import math
from pathlib import Path

import click

from pathgraph.cli._common import (
    csv_text,
    format_option,
    load_pathway,
    pathway_argument,
)

_COLUMNS = (
    "occupation",
    "label",
    "soc",
    "openings",
    "completers",
    "gap",
    "status",
    "programs",
)


def _finite_amount(_ctx: click.Context, param: click.Parameter, value: float) -> float:
    """A finite number of at least 0 (``inf``, ``nan`` and negatives refused)."""
    if not math.isfinite(value) or value < 0:
        name = (param.opts or [str(param.name)])[0]
        raise click.BadParameter(
            f"{name} must be a finite number of at least 0, not {value} "
            f"(fix: e.g. {name} 0.5)",
            param=param,
        )
    return value


@click.command()
@pathway_argument()
@click.option(
    "--bls",
    type=click.Path(file_okay=False, path_type=Path),
    help="BLS folder: fills missing openings from the projections file and links "
    "programs to occupations through the CIP-SOC crosswalk.",
)
@click.option(
    "--scale",
    type=float,
    default=1.0,
    callback=_finite_amount,
    show_default=True,
    help="Multiply openings, e.g. a region's share of national openings.",
)
@click.option(
    "--tolerance",
    type=float,
    default=0.2,
    callback=_finite_amount,
    show_default=True,
    help="Relative band around openings counted as balanced.",
)
@format_option("text", "json", "csv")
def command(
    file: Path, bls: Path | None, scale: float, tolerance: float, fmt: str
) -> None:
    """Compare each occupation's annual openings with its programs' completers.

    Undersupply when completers < (1 - tolerance) x openings, oversupply when
    completers > (1 + tolerance) x openings, balanced otherwise.
    """
    # lazy: start-up time; each command loads only what it runs
    from pathgraph.datasets import bls_files
    from pathgraph.enrichment import enrich
    from pathgraph.graph import to_graph
    from pathgraph.io.bls import read_cip_soc
    from pathgraph.labor import gap_analysis

    G = to_graph(load_pathway(file))
    crosswalk = None
    if bls is not None:
        files = bls_files(bls)
        if files["projections"] is not None:
            G, _ = enrich(G, projections=files["projections"])
        if files["cip_soc"] is not None:
            crosswalk = read_cip_soc(files["cip_soc"])
    result = gap_analysis(
        G, crosswalk=crosswalk, openings_scale=scale, tolerance=tolerance
    )
    if fmt == "json":
        click.echo(result.to_json(), nl=False)
    elif fmt == "csv":
        table = []
        for row in result.rows:
            data = row.to_dict()
            data["programs"] = " ".join(row.programs)
            table.append([data[c] for c in _COLUMNS])
        click.echo(csv_text(_COLUMNS, table), nl=False)
    else:
        click.echo(str(result))
        click.echo()
        click.echo(result.bar_chart())
