"""Labour-market questions over a pathway graph: supply gaps and wage progression.

:func:`gap_analysis` compares, for each occupation, the projected annual openings
with the annual completers of the programs that lead there (the Michigan career
pathways framework's gap and oversupply analysis). :func:`wage_progression` lists the
wage at each step of a route.
"""

from __future__ import annotations

import importlib
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

import networkx as nx

from pathgraph._optional import import_pandas
from pathgraph.analysis._core import GraphLike, checked_index
from pathgraph.errors import ArgumentError, UnknownNodeError
from pathgraph.io.bls import CipSocCrosswalk

__all__ = [
    "GapAnalysis",
    "GapRow",
    "WageProgression",
    "WageStep",
    "gap_analysis",
    "wage_progression",
]

Status = Literal["undersupply", "oversupply", "balanced", "unknown"]


@dataclass(frozen=True)
class GapRow:
    """Supply and demand for one occupation.

    Attributes
    ----------
    occupation, label, soc
        The occupation node, its label and SOC code (``None`` when unset).
    openings : float or None
        Annual openings (the node's ``openings`` times ``openings_scale``).
    completers : float
        Annual completers of the sources in ``programs``.
    gap : float or None
        ``openings - completers`` (positive: more jobs than graduates).
    status : str
        ``undersupply``, ``oversupply``, ``balanced`` or ``unknown`` (no openings
        figure); see :func:`gap_analysis` for the thresholds.
    programs : tuple of str
        The sources counted, sorted: programs, and assessments with their own
        completers (see :func:`gap_analysis`).
    """

    occupation: str
    label: str
    soc: str | None
    openings: float | None
    completers: float
    gap: float | None
    status: Status
    programs: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON)."""
        data = asdict(self)
        data["programs"] = list(self.programs)
        return data


@dataclass(frozen=True)
class GapAnalysis:
    """The result of :func:`gap_analysis`: one :class:`GapRow` per occupation."""

    rows: tuple[GapRow, ...]
    tolerance: float

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Any:
        return iter(self.rows)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON)."""
        return {"tolerance": self.tolerance, "rows": [r.to_dict() for r in self.rows]}

    def to_json(self) -> str:
        """Deterministic JSON text."""
        return json.dumps(self.to_dict(), indent=2, sort_keys=True) + "\n"

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame (one row per occupation)."""
        pd = import_pandas()
        return pd.DataFrame([r.to_dict() for r in self.rows]).set_index("occupation")

    def bar_chart(self, width: int = 30) -> str:
        """A text bar chart of openings (``#``) against completers (``=``).

        Both bars of all rows share one scale.
        """
        top = max(
            [r.openings or 0.0 for r in self.rows] + [r.completers for r in self.rows]
            or [0.0]
        )
        scale = width / top if top else 0.0
        name_width = max([len(r.label) for r in self.rows] + [10])
        lines = []
        for r in self.rows:
            opened = "#" * round((r.openings or 0.0) * scale)
            done = "=" * round(r.completers * scale)
            lines.append(
                f"{r.label:<{name_width}}  openings   {opened} {_num(r.openings)}"
            )
            tail = f"{_num(r.completers)}  [{r.status}]"
            lines.append(f"{'':<{name_width}}  completers {done} {tail}")
        return "\n".join(lines)

    def plot(self, ax: Any = None) -> Any:
        """Grouped horizontal bars of openings and completers.

        With matplotlib installed, draws on ``ax`` (a new figure when ``None``) and
        returns the Axes; without it, returns :meth:`bar_chart` text.
        """
        try:
            plt = importlib.import_module("matplotlib.pyplot")
        except ImportError:
            return self.bar_chart()
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 0.5 * len(self.rows) + 1))
        ys = list(range(len(self.rows)))
        ax.barh(
            [y + 0.2 for y in ys],
            [r.openings or 0 for r in self.rows],
            0.4,
            label="annual openings",
        )
        ax.barh(
            [y - 0.2 for y in ys],
            [r.completers for r in self.rows],
            0.4,
            label="annual completers",
        )
        ax.set_yticks(ys, [r.label for r in self.rows])
        ax.legend()
        return ax

    def __str__(self) -> str:
        head = (
            f"{'occupation':<40} {'openings':>10} {'completers':>10} {'gap':>10}"
            "  status"
        )
        lines = [head]
        for r in self.rows:
            lines.append(
                f"{r.label[:40]:<40} {_num(r.openings):>10} {_num(r.completers):>10} "
                f"{_num(r.gap):>10}  {r.status}"
            )
        return "\n".join(lines)


def _num(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def _status(openings: float | None, completers: float, tolerance: float) -> Status:
    if openings is None:
        return "unknown"
    if completers < (1 - tolerance) * openings:
        return "undersupply"
    if completers > (1 + tolerance) * openings:
        return "oversupply"
    return "balanced"


def gap_analysis(
    G: GraphLike,
    completers: Mapping[str, float] | None = None,
    *,
    crosswalk: CipSocCrosswalk | None = None,
    openings_scale: float = 1.0,
    tolerance: float = 0.2,
) -> GapAnalysis:
    """Projected annual openings against annual completers, per occupation.

    The **supply** of an occupation is counted from its sources:

    * a program that awards a credential that ``qualifies_for`` the occupation;
    * through an earning step: when an assessment or a condition awards that
      credential (a licence earned by passing NCLEX-PN), the sources of what the
      step requires (``requires``, through nested conditions): programs, and the
      sources of the credentials required (the practical nursing diploma's
      program), step after step;
    * an assessment with its own ``completers`` (people who pass it each year) is
      a source itself, and what it requires is then not counted again;
    * with a ``crosswalk``, a program whose ``cip`` code crosswalks to the
      occupation's 7-character ``soc``.

    A source's completers count in full toward every occupation it leads to (no
    split), and once per occupation however many paths join them. A program that
    awards a credential another *program* requires is that program's feeder, not
    a source of its occupations (the program that follows counts).

    Status, with ``t = tolerance`` (default 0.2):

    * ``undersupply`` when completers < (1 - t) x openings;
    * ``oversupply`` when completers > (1 + t) x openings;
    * ``balanced`` otherwise; ``unknown`` when the occupation has no ``openings``.

    Parameters
    ----------
    G
        A pathway graph. Node attributes read: ``kind``, ``label`` (default: the
        id), ``soc``, ``openings`` (occupations; absent: unknown), ``cip`` and
        ``completers`` (programs: absent means 0; assessments: absent means the
        sources of their requirements count); edge attribute ``kind``.
    completers
        Annual completers by program (or assessment) id, overriding the
        ``completers`` attribute.
    crosswalk
        The CIP-SOC crosswalk (:func:`pathgraph.io.bls.read_cip_soc`).
    openings_scale
        Multiplies every openings figure, e.g. a region's share of national
        openings.
    tolerance
        Relative band around openings counted as balanced.

    Returns
    -------
    GapAnalysis
        One row per occupation, sorted by gap (largest shortage first; unknown
        last), then by id.

    Examples
    --------
    >>> import pathgraph
    >>> from pathgraph.labor import gap_analysis
    >>> G = pathgraph.to_graph(pathgraph.read("examples/bht.yaml"))
    >>> G.nodes["psychiatric-technician"]["openings"] = 13
    >>> result = gap_analysis(G)
    >>> row = [r for r in result if r.occupation == "psychiatric-technician"][0]
    >>> row.openings, row.completers, row.status
    (13, 12, 'balanced')
    >>> row.programs
    ('bht-aas',)

    A licence earned by passing an exam after the program counts the program:

    >>> import networkx as nx
    >>> H = nx.MultiDiGraph()
    >>> H.add_node("pn", kind="program", completers=40)
    >>> H.add_node("diploma", kind="credential"); H.add_node("lic", kind="credential")
    >>> H.add_node("nclex", kind="assessment", assessment_type="licensure")
    >>> H.add_node("lpn", kind="occupation", openings=60)
    >>> for u, v, k in [("pn", "diploma", "awards"), ("diploma", "nclex", "requires"),
    ...                 ("nclex", "lic", "awards"), ("lic", "lpn", "qualifies_for")]:
    ...     _ = H.add_edge(u, v, kind=k)
    >>> row = gap_analysis(H).rows[0]
    >>> row.programs, row.completers, row.status
    (('pn',), 40, 'undersupply')
    """
    _check_amount("tolerance", tolerance)
    _check_amount("openings_scale", openings_scale)
    G = checked_index(G).G
    given = completers or {}
    programs_of = _sources_by_occupation(G, given)
    if crosswalk is not None:
        _add_crosswalked(G, crosswalk, programs_of)
    rows = [
        _gap_row(G, n, programs_of.get(n, ()), given, openings_scale, tolerance)
        for n, kind in G.nodes(data="kind")
        if kind == "occupation"
    ]
    rows.sort(key=lambda r: (r.gap is None, -(r.gap or 0), r.occupation))
    return GapAnalysis(tuple(rows), tolerance)


def _check_amount(name: str, value: object) -> None:
    """Refuse ``value`` unless it is a finite number of at least 0 (``inf`` would
    make every row balanced, a negative scale negative openings)."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
    ):
        raise ArgumentError(
            f"{name} must be a finite number of at least 0, not {value!r} "
            f"(fix: give e.g. {name}=0.2)"
        )


def _sources_by_occupation(
    G: nx.MultiDiGraph, given: Mapping[str, float]
) -> dict[str, set[str]]:
    """Per occupation, the programs and assessments whose completers supply it
    (see :func:`gap_analysis`): a search backward from the credentials that
    qualify for it, through the assessments without completers and the
    conditions that award credentials, and through what those require."""
    nodes = G.nodes
    out: dict[str, set[str]] = defaultdict(set)
    for cred, occ, kind in G.edges(data="kind"):
        if (
            kind == "qualifies_for"
            and nodes[occ].get("kind") == "occupation"
            and nodes[cred].get("kind") == "credential"
        ):
            out[occ] |= _sources(G, cred, given)
    return out


def _sources(G: nx.MultiDiGraph, cred: Any, given: Mapping[str, float]) -> set[str]:
    """The supply sources of credential ``cred`` (see :func:`gap_analysis`)."""
    nodes = G.nodes
    found: set[str] = set()
    seen = {cred}
    # (node, the relation to follow backward from it)
    todo: list[tuple[Any, str]] = [(cred, "awards")]
    while todo:
        x, back = todo.pop()
        for u, _, kind in G.in_edges(x, data="kind"):
            if kind != back or u in seen:
                continue
            seen.add(u)
            k = nodes[u].get("kind")
            if k == "program" or (
                k == "assessment"
                and (u in given or nodes[u].get("completers") is not None)
            ):
                found.add(str(u))
            elif k in ("assessment", "condition"):
                todo.append((u, "requires"))
            elif k == "credential" and back == "requires":
                todo.append((u, "awards"))
    return found


def _add_crosswalked(
    G: nx.MultiDiGraph, crosswalk: CipSocCrosswalk, programs_of: dict[str, set[str]]
) -> None:
    """Add to ``programs_of`` each program whose ``cip`` crosswalks to the
    7-character ``soc`` of an occupation."""
    nodes = G.nodes
    by_soc: dict[str, set[str]] = defaultdict(set)
    for pair in crosswalk.pairs:
        by_soc[pair.soc].add(pair.cip)
    occ_by_soc: dict[str, list[str]] = defaultdict(list)
    for n, attrs in nodes(data=True):
        if attrs.get("kind") == "occupation" and attrs.get("soc"):
            occ_by_soc[str(attrs["soc"])[:7]].append(n)
    soc_by_cip: dict[str, set[str]] = defaultdict(set)
    for soc, cips in by_soc.items():
        for cip in cips:
            soc_by_cip[cip].add(soc)
    for n, attrs in nodes(data=True):
        cip = attrs.get("cip")
        if attrs.get("kind") != "program" or not cip:
            continue
        for soc in soc_by_cip.get(str(cip), ()):
            for occ in occ_by_soc.get(soc, ()):
                programs_of[occ].add(n)


def _gap_row(
    G: nx.MultiDiGraph,
    n: str,
    programs: Iterable[str],
    given: Mapping[str, float],
    openings_scale: float,
    tolerance: float,
) -> GapRow:
    """Occupation ``n``'s openings against the completers of ``programs``."""
    nodes = G.nodes
    attrs = nodes[n]
    progs = tuple(sorted(programs))
    supply = float(sum(given.get(p, nodes[p].get("completers") or 0) for p in progs))
    supply = int(supply) if supply == int(supply) else supply
    raw = attrs.get("openings")
    demand = None if raw is None or openings_scale == 1 else raw * openings_scale
    demand = raw if openings_scale == 1 else demand
    return GapRow(
        occupation=str(n),
        label=str(attrs.get("label", n)),
        soc=attrs.get("soc"),
        openings=demand,
        completers=supply,
        gap=None if demand is None else demand - supply,
        status=_status(demand, supply, tolerance),
        programs=progs,
    )


@dataclass(frozen=True)
class WageStep:
    """One step of a wage progression.

    Attributes
    ----------
    node, kind, label
        The step's node.
    wage : float or None
        The node's own ``wage_median`` (occupations only).
    current : float or None
        The wage of the latest occupation reached at or before this step.
    change : float or None
        ``current`` minus the previous step's ``current`` (``None`` until two
        wages are known).
    """

    node: str
    kind: str
    label: str
    wage: float | None
    current: float | None
    change: float | None


@dataclass(frozen=True)
class WageProgression:
    """The wage at each step of a route (:func:`wage_progression`)."""

    steps: tuple[WageStep, ...]

    @property
    def start(self) -> float | None:
        """The first known wage."""
        return next((s.current for s in self.steps if s.current is not None), None)

    @property
    def end(self) -> float | None:
        """The last known wage."""
        return self.steps[-1].current if self.steps else None

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON)."""
        return {"steps": [asdict(s) for s in self.steps]}

    def to_frame(self) -> Any:
        """The steps as a pandas DataFrame."""
        pd = import_pandas()
        return pd.DataFrame([asdict(s) for s in self.steps])

    def __str__(self) -> str:
        return "\n".join(
            f"{s.label[:40]:<40} {s.kind:<11} {_num(s.current):>10}"
            + (f"  ({s.change:+,.0f})" if s.change else "")
            for s in self.steps
        )


def wage_progression(
    G: GraphLike, route_or_chain: Any | Sequence[str] | Iterable[str]
) -> WageProgression:
    """The wage at each step of a route or a chain of node ids.

    Parameters
    ----------
    G
        The graph (or Pathway). Node attributes read: ``kind``, ``label`` (default:
        the id), ``wage_median`` (occupations; absent: unknown).
    route_or_chain
        A route (an object whose ``.steps`` each have ``.node``; consecutive steps at
        the same node are shown once) or a sequence of node ids.

    Raises
    ------
    pathgraph.UnknownNodeError
        When a step names a node that is not in ``G`` (also a ``KeyError``).

    Examples
    --------
    >>> import pathgraph
    >>> from pathgraph.labor import wage_progression
    >>> G = pathgraph.to_graph(pathgraph.read("examples/bht.yaml"))
    >>> w = wage_progression(
    ...     G, ["psychiatric-aide", "bht-tier1", "psychiatric-technician"])
    >>> [s.current for s in w.steps], w.steps[-1].change
    ([41590, 41590, 42590], 1000)
    """
    G = checked_index(G).G
    steps = getattr(route_or_chain, "steps", None)
    if steps is not None:
        ids = [str(s.node) for s in steps]
        ids = [n for i, n in enumerate(ids) if i == 0 or ids[i - 1] != n]
    else:
        ids = [str(n) for n in route_or_chain]
    out: list[WageStep] = []
    current: float | None = None
    for n in ids:
        if n not in G:
            raise UnknownNodeError(f"step {n!r} is not a node of the graph")
        attrs = G.nodes[n]
        kind = str(attrs.get("kind", ""))
        wage = attrs.get("wage_median") if kind == "occupation" else None
        previous = current
        if wage is not None:
            current = wage
        change = (
            None
            if previous is None
            or current is None
            or (current == previous and wage is None)
            else current - previous
        )
        out.append(WageStep(n, kind, str(attrs.get("label", n)), wage, current, change))
    return WageProgression(tuple(out))
