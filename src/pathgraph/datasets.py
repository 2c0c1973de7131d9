"""Ready-made graphs built from public data.

:func:`occupations` builds the national occupation graph: every O*NET occupation with
its job zone and typical education, O*NET's related-occupations lattice as
``related_to`` edges, and OEWS wages and BLS projections joined on the SOC code.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from pathgraph.errors import FormatError, Problem

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from pathgraph.io.bls import OewsWage, Projection

__all__ = ["SOC_MAJOR_GROUPS", "bls_files", "occupations"]

#: SOC 2018 major groups (first two digits of the code), used as the ``sector``.
SOC_MAJOR_GROUPS: dict[str, str] = {
    "11": "Management",
    "13": "Business and Financial Operations",
    "15": "Computer and Mathematical",
    "17": "Architecture and Engineering",
    "19": "Life, Physical, and Social Science",
    "21": "Community and Social Service",
    "23": "Legal",
    "25": "Educational Instruction and Library",
    "27": "Arts, Design, Entertainment, Sports, and Media",
    "29": "Healthcare Practitioners and Technical",
    "31": "Healthcare Support",
    "33": "Protective Service",
    "35": "Food Preparation and Serving Related",
    "37": "Building and Grounds Cleaning and Maintenance",
    "39": "Personal Care and Service",
    "41": "Sales and Related",
    "43": "Office and Administrative Support",
    "45": "Farming, Fishing, and Forestry",
    "47": "Construction and Extraction",
    "49": "Installation, Maintenance, and Repair",
    "51": "Production",
    "53": "Transportation and Material Moving",
    "55": "Military Specific",
}

_OEWS_NAMES = ("OEWS_national_2024.csv", "national_M2024_dl.csv")
_PROJ_NAMES = ("Employment-Projections-2020-30.csv",)
_CIP_NAMES = ("CIP2020_SOC2018_Crosswalk.csv",)


def _find(folder: Path, names: tuple[str, ...], pattern: str) -> Path | None:
    for name in names:
        if (folder / name).is_file():
            return folder / name
    found = sorted(folder.glob(pattern))
    return found[0] if found else None


def bls_files(folder: str | os.PathLike[str]) -> dict[str, Path | None]:
    """The OEWS, projections and CIP-SOC files in a BLS folder.

    Looks for the published names (``OEWS_national_2024.csv``,
    ``Employment-Projections-2020-30.csv``, ``CIP2020_SOC2018_Crosswalk.csv``), then
    for ``*OEWS*national*.csv``, ``*rojections*.csv`` and ``CIP*SOC*.csv``.

    Raises
    ------
    pathgraph.FormatError
        When the folder does not exist.

    Examples
    --------
    >>> files = bls_files("tests/io/fixtures/bls-mini")
    >>> sorted(k for k, v in files.items() if v)
    ['cip_soc', 'oews', 'projections']
    """
    root = Path(folder)
    if not root.is_dir():
        raise FormatError(
            [Problem(str(root), "no such folder", "name the folder of BLS files")]
        )
    return {
        "oews": _find(root, _OEWS_NAMES, "*OEWS*national*.csv"),
        "projections": _find(root, _PROJ_NAMES, "*rojections*.csv"),
        "cip_soc": _find(root, _CIP_NAMES, "CIP*SOC*.csv"),
    }


def occupations(
    onet_dir: str | os.PathLike[str],
    bls_dir: str | os.PathLike[str] | None = None,
    *,
    progress: bool | None = None,
) -> nx.MultiDiGraph:
    """The national occupation graph from an O*NET release and BLS tables.

    Nodes are O*NET occupations (id = O*NET-SOC code) with ``job_zone``,
    ``education_level``, ``sector`` (the SOC major group, see
    :data:`SOC_MAJOR_GROUPS`) and, from ``bls_dir``, OEWS wages and employment and
    projected openings, entry education, experience and training (see
    :func:`pathgraph.enrich`). Edges are the ``related_to`` relations of
    :func:`pathgraph.io.onet.read_onet` (with ``tier``, ``index`` and ``move``).
    O*NET 27.0 gives 1,016 nodes and 18,460 edges.

    Parameters
    ----------
    onet_dir
        An O*NET release folder (27.0 or 29.3 layout).
    bls_dir
        A folder with ``OEWS_national_*.csv`` (or ``national_M*_dl.csv``) and
        ``Employment-Projections-*.csv``; ``None`` builds the O*NET graph only.
    progress
        Show a progress bar (rich) on standard error; default: only when it is a
        terminal.

    Raises
    ------
    pathgraph.FormatError
        When a folder or a required file is missing or malformed.

    Examples
    --------
    >>> from pathgraph.datasets import occupations
    >>> G = occupations("tests/io/fixtures/onet-mini-27", "tests/io/fixtures/bls-mini")
    >>> G.number_of_nodes(), G.number_of_edges()
    (5, 5)
    >>> G.nodes["29-2053.00"]["sector"], G.nodes["29-2053.00"]["wage_median"]
    ('Healthcare Practitioners and Technical', 42590.0)
    """
    # lazy: start-up time; the readers and the progress bar load only for a download
    from rich.console import Console
    from rich.progress import Progress

    # lazy: start-up time; the readers and the progress bar load only for a download
    from pathgraph.enrichment import enrich
    from pathgraph.graph import to_graph
    from pathgraph.io.onet import load_onet, read_onet

    console = Console(stderr=True)
    show = console.is_terminal if progress is None else progress
    files = None if bls_dir is None else bls_files(bls_dir)
    with Progress(console=console, disable=not show, transient=True) as bar:
        task = bar.add_task("reading O*NET", total=5)
        pathway = read_onet(load_onet(onet_dir))
        bar.update(task, advance=1, description="reading OEWS wages")
        oews, projections = _read_bls(files, bls_dir, bar, task)
        bar.update(task, advance=1, description="building the graph")
        G = to_graph(pathway)
        bar.update(task, advance=1, description="joining wages and projections")
        for n, attrs in G.nodes(data=True):
            group = SOC_MAJOR_GROUPS.get(str(n)[:2])
            if group:
                attrs["sector"] = group
        if oews is not None or projections is not None:
            G, _ = enrich(G, oews=oews, projections=projections)
        bar.update(task, advance=1)
    G.graph["title"] = f"National occupations ({pathway.title})"
    G.graph["sources"] = list(pathway.sources) + [
        "BLS OEWS national wages",
        "BLS Employment Projections",
    ] * (files is not None)
    return G


def _read_bls(
    files: dict[str, Path | None] | None,
    bls_dir: str | os.PathLike[str] | None,
    bar: Progress,
    task: TaskID,
) -> tuple[dict[str, OewsWage] | None, dict[str, Projection] | None]:
    """The OEWS wages and BLS projections among ``files`` (None: not read),
    advancing the progress bar past them.

    Raises
    ------
    pathgraph.FormatError
        When ``files`` has neither table.
    """
    # lazy: start-up time; the readers and the progress bar load only for a download
    from pathgraph.io.bls import read_bls_projections, read_oews

    if files is None:
        bar.update(task, advance=1)
        return None, None
    found = files["oews"]
    oews = read_oews(found) if found else None
    bar.update(task, advance=1, description="reading BLS projections")
    found = files["projections"]
    projections = read_bls_projections(found) if found else None
    if oews is None and projections is None:
        raise FormatError(
            [
                Problem(
                    str(bls_dir),
                    "no OEWS or projections file found",
                    "expected OEWS_national_2024.csv or "
                    "Employment-Projections-2020-30.csv",
                )
            ]
        )
    return oews, projections
