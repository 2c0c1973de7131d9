"""Fill occupations' wages, openings, job zones and education from O*NET and BLS.

:func:`enrich` matches each occupation that has a ``soc`` code against the tables on
the first 7 characters of the code (``29-2053.00`` and ``29-2053`` match the same
rows) and fills these fields:

==================  ==============================================================
source              fields
==================  ==============================================================
O*NET               ``job_zone``, ``education_level`` (typical education; see
                    :mod:`pathgraph.io.onet`)
OEWS                ``wage_median``, ``wage_p10``, ``wage_p25``, ``wage_p75``,
                    ``wage_p90`` (annual), ``hourly_median``, ``hourly_p25``,
                    ``hourly_p75``, ``employment``
projections         ``openings`` (annual average, in jobs), ``entry_education``,
                    ``work_experience``, ``training``; ``employment`` when no OEWS
                    row gives it; ``education_level`` from BLS entry education when
                    O*NET gives none
==================  ==============================================================

By default only missing fields are filled (``overwrite=False``). Wages are filled as
one block, from one OEWS row, and only when ``wage_median`` is missing (or with
``overwrite``), so hand-entered and published percentiles are never mixed. A value BLS
suppresses stays missing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, overload

import networkx as nx

from pathgraph.io.bls import OewsWage, Projection, read_bls_projections, read_oews
from pathgraph.io.onet import OnetData, load_onet
from pathgraph.model import Pathway

__all__ = ["EnrichReport", "enrich"]

PathLike = str | os.PathLike[str]
OnetSource = PathLike | OnetData | None
OewsSource = PathLike | Mapping[str, OewsWage] | None
ProjectionSource = PathLike | Mapping[str, Projection] | None

_WAGES = {
    "wage_median": "annual_median",
    "wage_p10": "annual_p10",
    "wage_p25": "annual_p25",
    "wage_p75": "annual_p75",
    "wage_p90": "annual_p90",
    "hourly_median": "hourly_median",
    "hourly_p25": "hourly_p25",
    "hourly_p75": "hourly_p75",
}
#: Fields filled from an O*NET occupation and from a projections row, in the order
#: they are tried (the first table to give a field wins).
_ONET_FIELDS = ("job_zone", "education_level")
_PROJECTION_FIELDS = (
    "openings",
    "entry_education",
    "work_experience",
    "training",
    "employment",
    "education_level",
)


@dataclass(frozen=True)
class EnrichReport:
    """What :func:`enrich` matched and filled.

    Attributes
    ----------
    matched : tuple of (node id, source)
        Each occupation and each table (``"onet"``, ``"oews"``, ``"projections"``)
        it matched in, sorted.
    unmatched : tuple of (node id, source)
        Each occupation with a ``soc`` code and each given table it was not found
        in, sorted.
    no_soc : tuple of str
        Occupations without a ``soc`` code (never matched).
    filled : tuple of (node id, tuple of field names)
        The fields set on each occupation, sorted.
    """

    matched: tuple[tuple[str, str], ...] = ()
    unmatched: tuple[tuple[str, str], ...] = ()
    no_soc: tuple[str, ...] = ()
    filled: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when every occupation with a SOC code matched every table given."""
        return not self.unmatched

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON)."""
        return {
            "matched": [list(m) for m in self.matched],
            "unmatched": [list(u) for u in self.unmatched],
            "no_soc": list(self.no_soc),
            "filled": {node: list(fields) for node, fields in self.filled},
        }

    def __str__(self) -> str:
        occupations = {n for n, _ in self.matched} | {n for n, _ in self.unmatched}
        lines = [
            f"enriched {len(self.filled)} of {len(occupations) + len(self.no_soc)} "
            f"occupations; {len(self.matched)} matches, "
            f"{len(self.unmatched)} not found"
        ]
        lines += [f"  not found in {src}: {node}" for node, src in self.unmatched]
        lines += [f"  no soc code: {node}" for node in self.no_soc]
        return "\n".join(lines)


def _load(
    onet: OnetSource, oews: OewsSource, projections: ProjectionSource
) -> tuple[
    OnetData | None, Mapping[str, OewsWage] | None, Mapping[str, Projection] | None
]:
    onet_data = onet if isinstance(onet, OnetData) or onet is None else load_onet(onet)
    wages = oews if isinstance(oews, Mapping) or oews is None else read_oews(oews)
    proj = (
        projections
        if isinstance(projections, Mapping) or projections is None
        else read_bls_projections(projections)
    )
    return onet_data, wages, proj


def _updates(
    attrs: Mapping[str, Any],
    soc: str,
    onet: OnetData | None,
    oews: Mapping[str, OewsWage] | None,
    projections: Mapping[str, Projection] | None,
    overwrite: bool,
) -> tuple[dict[str, Any], list[str], list[str]]:
    """New field values for one occupation, and the sources matched / not matched."""
    new: dict[str, Any] = {}
    matched: list[str] = []
    missed: list[str] = []

    def put(name: str, value: Any) -> None:
        if value is None or name in new:
            return
        if (overwrite or attrs.get(name) is None) and attrs.get(name) != value:
            new[name] = value

    key = soc[:7]
    occ = None if onet is None else onet.by_soc(soc)
    wage = None if oews is None else oews.get(key)
    proj = None if projections is None else projections.get(key)
    for source, table, record in (
        ("onet", onet, occ),
        ("oews", oews, wage),
        ("projections", projections, proj),
    ):
        if table is not None:
            (matched if record else missed).append(source)
    if occ is not None:
        for name in _ONET_FIELDS:
            put(name, getattr(occ, name))
    if wage is not None:
        if overwrite or attrs.get("wage_median") is None:
            block = {name: getattr(wage, src) for name, src in _WAGES.items()}
            for name, value in block.items():
                if attrs.get(name) != value and (
                    value is not None or attrs.get(name) is not None
                ):
                    new[name] = value  # None clears a stale value of the block
        put("employment", wage.employment)
    if proj is not None:
        for name in _PROJECTION_FIELDS:
            put(name, getattr(proj, name))
    return new, matched, missed


@overload
def enrich(
    pathway_or_G: Pathway,
    *,
    onet: OnetSource = None,
    oews: OewsSource = None,
    projections: ProjectionSource = None,
    overwrite: bool = False,
) -> tuple[Pathway, EnrichReport]: ...


@overload
def enrich(
    pathway_or_G: nx.MultiDiGraph,
    *,
    onet: OnetSource = None,
    oews: OewsSource = None,
    projections: ProjectionSource = None,
    overwrite: bool = False,
) -> tuple[nx.MultiDiGraph, EnrichReport]: ...


def enrich(
    pathway_or_G: nx.MultiDiGraph | Pathway,
    *,
    onet: OnetSource = None,
    oews: OewsSource = None,
    projections: ProjectionSource = None,
    overwrite: bool = False,
) -> tuple[Pathway, EnrichReport] | tuple[nx.MultiDiGraph, EnrichReport]:
    """Fill occupations' labour-market fields from O*NET, OEWS and BLS projections.

    Returns a **new** object of the kind given (a Pathway or a graph) and the
    :class:`EnrichReport`; the input is never changed. See the module docs for
    which fields come from which table.

    Parameters
    ----------
    pathway_or_G
        A pathway, or a graph whose occupation nodes (``kind == "occupation"``) may
        carry ``soc``; the other attributes read are the fields being filled (to
        keep values already set).
    onet
        An O*NET release folder or :func:`pathgraph.io.onet.load_onet` tables.
    oews
        An OEWS CSV or :func:`pathgraph.io.bls.read_oews` records.
    projections
        A BLS projections CSV or :func:`pathgraph.io.bls.read_bls_projections`
        records.
    overwrite
        Replace values already set (default: fill only missing fields).

    Raises
    ------
    pathgraph.FormatError
        When a file cannot be read.
    pathgraph.ValidationError
        When the enriched pathway would be invalid.

    Examples
    --------
    >>> import pathgraph
    >>> from pathgraph.enrichment import enrich
    >>> G = pathgraph.to_graph(pathgraph.read("examples/bht.yaml"))
    >>> H, report = enrich(
    ...     G,
    ...     onet="tests/io/fixtures/onet-mini-27",
    ...     oews="tests/io/fixtures/oews_quirks.csv",
    ...     projections="tests/io/fixtures/projections_quirks.csv",
    ... )
    >>> tech = H.nodes["psychiatric-technician"]
    >>> tech["openings"], tech["job_zone"]
    (13900.0, 3)
    >>> "openings" in G.nodes["psychiatric-technician"]  # the input is unchanged
    False
    >>> ("behavioral-health-counselor", "oews") in report.unmatched
    True
    """
    visit = _Visit(*_load(onet, oews, projections), overwrite=overwrite)
    if isinstance(pathway_or_G, Pathway):
        pathway = _enrich_pathway(pathway_or_G, visit)
        return pathway, visit.report()
    G = _enrich_graph(pathway_or_G, visit)
    return G, visit.report()


@dataclass
class _Visit:
    """The new field values of each occupation visited; keeps what matched for the
    :class:`EnrichReport`."""

    onet: OnetData | None
    oews: Mapping[str, OewsWage] | None
    projections: Mapping[str, Projection] | None
    overwrite: bool
    matched: list[tuple[str, str]] = field(default_factory=list)
    unmatched: list[tuple[str, str]] = field(default_factory=list)
    no_soc: list[str] = field(default_factory=list)
    filled: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    def __call__(self, node: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
        """The fields to set on occupation ``node`` (None: remove the field)."""
        soc = attrs.get("soc")
        if not soc:
            self.no_soc.append(node)
            return {}
        new, hit, miss = _updates(
            attrs, str(soc), self.onet, self.oews, self.projections, self.overwrite
        )
        self.matched.extend((node, s) for s in hit)
        self.unmatched.extend((node, s) for s in miss)
        if new:
            self.filled.append((node, tuple(sorted(new))))
        return new

    def report(self) -> EnrichReport:
        """What the visits matched and filled, sorted."""
        return EnrichReport(
            tuple(sorted(self.matched)),
            tuple(sorted(self.unmatched)),
            tuple(sorted(self.no_soc)),
            tuple(sorted(self.filled)),
        )


def _enrich_pathway(pathway: Pathway, visit: _Visit) -> Pathway:
    """A new pathway whose occupation records carry the visited fields."""
    nodes: list[Any] = []
    for record in pathway.nodes:
        if record.kind != "occupation":
            nodes.append(record)
            continue
        new = visit(record.id, record.model_dump())
        if new:
            data = record.model_dump(exclude_none=True)
            data.update(new)
            record = type(record).model_validate(
                {k: v for k, v in data.items() if v is not None}
            )
        nodes.append(record)
    return Pathway.model_validate(
        {
            **{
                k: getattr(pathway, k)
                for k in type(pathway).model_fields
                if k not in {"nodes", "relations"}
            },
            "nodes": nodes,
            "relations": pathway.relations,
        }
    )


def _enrich_graph(G: nx.MultiDiGraph, visit: _Visit) -> nx.MultiDiGraph:
    """A copy of ``G`` whose occupation nodes carry the visited fields."""
    H = G.copy()  # attribute dicts are copied, not shared
    for node, attrs in H.nodes(data=True):
        if attrs.get("kind") != "occupation":
            continue
        for name, value in visit(str(node), attrs).items():
            if value is None:
                attrs.pop(name, None)
            else:
                attrs[name] = value
    return H
