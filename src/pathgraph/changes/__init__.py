"""What a change to a pathway does: :func:`diff` of two versions.

Records and relations added, removed and changed; check findings fixed and
introduced; destinations gained or lost per entry preset; best routes that got
faster, slower, cheaper, costlier or disappeared; curricular metrics that moved.
The result is a :class:`~pathgraph.changes.result.Diff` (text, JSON, a DOT map).

The package is named ``changes`` (not ``diff``) so that ``pathgraph.diff`` stays
the function whatever has been imported.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from pathgraph.changes.result import (
    FAIL_ON,
    DestinationChange,
    Diff,
    EdgeKey,
    FieldChange,
    FindingChange,
    MetricChange,
    RecordChange,
    RelationChange,
    RouteChange,
    plain,
)
from pathgraph.errors import (
    ArgumentError,
    NoRouteError,
    SearchLimitError,
    ValidationError,
)

if TYPE_CHECKING:
    import networkx as nx

    from pathgraph._graphs import GraphLike

__all__ = [
    "FAIL_ON",
    "DestinationChange",
    "Diff",
    "FieldChange",
    "FindingChange",
    "MetricChange",
    "RecordChange",
    "RelationChange",
    "RouteChange",
    "diff",
]

#: The curricular metrics compared per course.
COURSE_METRICS = ("blocking", "delay", "centrality", "complexity")


def diff(
    old: GraphLike,
    new: GraphLike,
    *,
    entries: Iterable[str] | None = None,
    analyses: bool = True,
) -> Diff:
    """What changing pathway ``old`` into ``new`` does.

    Records (nodes) are matched by id and compared field by field; relations
    (edges) by ``(source, target, kind)``. When anything differs, both versions
    are also analysed:

    * **findings**: :func:`pathgraph.check` on both (default rules, as ``pathgraph
      check``); a finding is matched by ``(code, node)``, not by its message;
    * **destinations**: per entry preset, the destinations reachable from it
      (:func:`pathgraph.destinations` less :func:`pathgraph.unreachable`);
    * **routes**: per preset and destination reachable in either version, the best
      months route (:func:`pathgraph.route`) before and after: faster, slower,
      cheaper, costlier, rerouted (same months and cost, other steps), new, or
      disappeared;
    * **curricular metrics** (:func:`pathgraph.curricular_metrics`) of every
      program with courses (``part_of``), per course and in total; of all the
      courses (program ``""``) when courses belong to no program.

    Parameters
    ----------
    old, new
        The two versions: graphs following the contract, or Pathways.
    entries
        Entry presets compared (default: every one of
        :data:`pathgraph.ENTRY_PRESETS`: abe, esl, diploma, incumbent).
    analyses
        False: compare records and relations only (no check, reachability, routes
        or metrics).

    Returns
    -------
    Diff
        Every part sorted; ``Diff.empty`` when the versions are the same.

    Raises
    ------
    pathgraph.GraphContractError
        When a version breaks the graph contract (analyses need it).
    pathgraph.ArgumentError
        For an unknown entry preset.

    Examples
    --------
    >>> import pathgraph
    >>> from pathgraph.changes import diff
    >>> G0 = pathgraph.to_graph(pathgraph.load_example("bht"))
    >>> G1 = G0.copy()
    >>> G1.nodes["bht-aas"]["months"] = 20
    >>> d = diff(G0, G1)
    >>> [(r.id, str(r.fields[0])) for r in d.records_changed]
    [('bht-aas', 'months: 24 -> 20')]
    >>> print(d.routes[0])
    abe -> behavioral-health-counselor: faster (30 mo, $5504 -> 26 mo, $5504)
    >>> diff(G0, G0.copy()).empty
    True
    """
    # lazy: start-up time; NetworkX and the graph builder load on the first diff
    from pathgraph._graphs import as_graph
    from pathgraph.requirements import ENTRY_PRESETS

    presets = tuple(ENTRY_PRESETS) if entries is None else tuple(entries)
    unknown = [e for e in presets if e not in ENTRY_PRESETS]
    if unknown:
        raise ArgumentError(
            f"unknown entry preset {unknown[0]!r}: use one of "
            + ", ".join(ENTRY_PRESETS)
        )
    G0, G1 = as_graph(old), as_graph(new)
    parts: dict[str, Any] = {
        "title": str(G1.graph.get("title", G0.graph.get("title", ""))),
        "pathway": _fields(G0.graph, G1.graph),
        "old_graph": G0,
        "new_graph": G1,
    }
    parts.update(_records(G0, G1))
    parts.update(_relations(G0, G1))
    result = Diff(**parts)
    if not analyses or not result.structural:
        return result
    skipped: list[str] = []
    fixed, introduced = _findings(G0, G1)
    reach0 = _reachable(G0, presets)
    reach1 = _reachable(G1, presets)
    destinations = tuple(
        DestinationChange(
            e,
            gained=tuple(sorted(reach1[e] - reach0[e])),
            lost=tuple(sorted(reach0[e] - reach1[e])),
        )
        for e in presets
        if reach0[e] != reach1[e]
    )
    touched = _touched(result)
    routes = _routes(G0, G1, presets, reach0, reach1, touched, skipped)
    metrics = _metrics(G0, G1, skipped)
    return Diff(
        **{
            **parts,
            "fixed": fixed,
            "introduced": introduced,
            "destinations": destinations,
            "routes": routes,
            "metrics": metrics,
            "skipped": tuple(skipped),
        }
    )


def _same(a: Any, b: Any) -> bool:
    """Equal values (True is not 1; lists compare in order)."""
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    try:
        return bool(a == b)
    except (TypeError, ValueError):  # values that do not compare (arrays)
        return repr(a) == repr(b)


def _fields(a: Mapping[Any, Any], b: Mapping[Any, Any]) -> tuple[FieldChange, ...]:
    """The fields whose values differ (absent on one side counts), sorted."""
    keys = sorted({str(k) for k in a} | {str(k) for k in b})
    out = []
    for k in keys:
        if k in a and k in b and _same(a[k], b[k]):
            continue
        out.append(FieldChange(k, a.get(k), b.get(k)))
    return tuple(out)


def _records(G0: nx.MultiDiGraph, G1: nx.MultiDiGraph) -> dict[str, Any]:
    n0, n1 = set(G0.nodes), set(G1.nodes)
    changed = []
    for n in sorted(n0 & n1, key=str):
        fields = _fields(G0.nodes[n], G1.nodes[n])
        if fields:
            attrs = G1.nodes[n]
            changed.append(
                RecordChange(
                    str(n),
                    str(attrs.get("kind", "")),
                    str(attrs.get("label", n)),
                    fields,
                )
            )
    return {
        "records_added": tuple(sorted(str(n) for n in n1 - n0)),
        "records_removed": tuple(sorted(str(n) for n in n0 - n1)),
        "records_changed": tuple(changed),
    }


def relations_by_key(G: nx.MultiDiGraph) -> dict[EdgeKey, list[dict[str, Any]]]:
    """Each relation's attributes (without ``kind``) by (source, target, kind)."""
    out: dict[EdgeKey, list[dict[str, Any]]] = {}
    for u, v, attrs in G.edges(data=True):
        key = (str(u), str(v), str(attrs.get("kind", "")))
        out.setdefault(key, []).append({k: a for k, a in attrs.items() if k != "kind"})
    return out


def _relations(G0: nx.MultiDiGraph, G1: nx.MultiDiGraph) -> dict[str, Any]:
    e0, e1 = relations_by_key(G0), relations_by_key(G1)
    changed = []
    for key in sorted(e0.keys() & e1.keys()):
        a, b = e0[key], e1[key]
        if len(a) == 1 and len(b) == 1:
            fields = _fields(a[0], b[0])
        else:  # parallel relations of one kind (several groups): compared as a whole
            ja, jb = _canonical(a), _canonical(b)
            fields = () if ja == jb else (FieldChange("relations", ja, jb),)
        if fields:
            changed.append(RelationChange(*key, fields))
    return {
        "relations_added": tuple(sorted(e1.keys() - e0.keys())),
        "relations_removed": tuple(sorted(e0.keys() - e1.keys())),
        "relations_changed": tuple(changed),
    }


def _canonical(attrs: list[dict[str, Any]]) -> list[Any]:
    """Parallel relations' attributes in a fixed order."""
    values = [plain(a) for a in attrs]
    return sorted(values, key=lambda v: json.dumps(v, sort_keys=True, default=str))


def _findings(
    G0: nx.MultiDiGraph, G1: nx.MultiDiGraph
) -> tuple[tuple[FindingChange, ...], tuple[FindingChange, ...]]:
    # lazy: start-up time; the rules load NumPy
    from pathgraph.checks import check

    def keyed(G: nx.MultiDiGraph) -> dict[tuple[str, str], FindingChange]:
        out: dict[tuple[str, str], FindingChange] = {}
        for f in check(G).findings:
            key = (f.code, str(f.node or ""))
            out.setdefault(key, FindingChange(*key, f.severity, f.rule, f.message))
        return out

    k0, k1 = keyed(G0), keyed(G1)
    fixed = tuple(k0[k] for k in sorted(k0.keys() - k1.keys()))
    introduced = tuple(k1[k] for k in sorted(k1.keys() - k0.keys()))
    return fixed, introduced


def _reachable(G: nx.MultiDiGraph, presets: Collection[str]) -> dict[str, set[str]]:
    """Per preset, the destinations a person starting there can reach."""
    # lazy: start-up time; analysis loads NumPy
    from pathgraph.analysis import destinations, unreachable

    dests = set(destinations(G))
    return {e: dests - set(unreachable(G, holds=e)) for e in presets}


def _best(
    G: nx.MultiDiGraph,
    goal: str,
    entry: str,
    start: frozenset[str],
    skipped: list[str],
    version: str,
) -> tuple[float, float, tuple[str, ...]] | None:
    """The best months route's (months, cost, steps) from ``start`` (the
    holdings of ``entry``, computed once), or None when there is none."""
    # lazy: start-up time; routing loads its engines
    from pathgraph.routing import route

    try:
        r = route(G, goal, holds=sorted(start), weight="months")
    except NoRouteError:
        return None
    except SearchLimitError as exc:
        skipped.append(f"route {entry} -> {goal} ({version}): {exc}")
        return None
    return (float(r.months), float(r.cost), tuple(str(s.node) for s in r.steps))


#: Skip the route searches a change cannot affect (see :func:`_unaffected`); the
#: tests switch it off to compare against searching every route.
PRUNE_ROUTES = True


def _touched(d: Diff) -> frozenset[str]:
    """Records the change touches: added, removed or changed, and both ends of
    every added, removed or changed relation."""
    out = set(d.records_added) | set(d.records_removed)
    out.update(r.id for r in d.records_changed)
    for key in (*d.relations_added, *d.relations_removed):
        out.update(key[:2])
    for r in d.relations_changed:
        out.update(r.key[:2])
    return frozenset(out)


def route_region(G: nx.MultiDiGraph, goal: str) -> frozenset[str]:
    """The records a best route to ``goal`` is computed from.

    A route is computed on the goal's relevance cone
    (:func:`pathgraph.routing.model.relevance_cone`): the moves of the cone's
    records, read from their attributes, their relations and the records one
    relation away (what a program awards, articulation targets). The region is
    the cone and every record one relation away from it. When a change touches no
    record of the region, the reverse search from the goal finds the same cone in
    both versions and every move reads the same data: with the same holdings
    inside the region, the search returns the same route.
    """
    # lazy: start-up time
    from pathgraph.routing.model import relevance_cone

    cone = relevance_cone(G, [goal])
    region = set(cone)
    for v in cone:
        region.update(G.pred[v])
        region.update(G.succ[v])
    return frozenset(region)


def _routes(
    G0: nx.MultiDiGraph,
    G1: nx.MultiDiGraph,
    presets: tuple[str, ...],
    reach0: Mapping[str, set[str]],
    reach1: Mapping[str, set[str]],
    touched: frozenset[str],
    skipped: list[str],
) -> tuple[RouteChange, ...]:
    # lazy: start-up time
    from pathgraph.analysis._core import preset_holdings

    out = []
    regions: dict[str, frozenset[str]] = {}  # a goal's region, whatever the entry
    for e in presets:
        start0, start1 = preset_holdings(G0, e), preset_holdings(G1, e)
        for d in sorted(reach0[e] | reach1[e]):
            if PRUNE_ROUTES and d in reach0[e] and d in reach1[e]:
                if d not in regions:
                    regions[d] = route_region(G0, d)
                region = regions[d]
                if not touched & region and start0 & region == start1 & region:
                    continue
            before = after = None
            if d in reach0[e]:
                before = _best(G0, d, e, start0, skipped, "old")
            if d in reach1[e]:
                after = _best(G1, d, e, start1, skipped, "new")
            change = route_change(e, d, before, after)
            if change is not None:
                out.append(change)
    return tuple(out)


def route_change(
    entry: str,
    destination: str,
    before: tuple[float, float, tuple[str, ...]] | None,
    after: tuple[float, float, tuple[str, ...]] | None,
) -> RouteChange | None:
    """How the best route changed, or None when it did not.

    Examples
    --------
    >>> route_change("abe", "rn", (20.0, 900.0, ("a",)), (17.0, 900.0, ("a",)))
    RouteChange(entry='abe', destination='rn', changes=('faster',), ...)
    >>> route_change("abe", "rn", (20.0, 900.0, ("a",)), None).changes
    ('disappeared',)
    >>> route_change("abe", "rn", None, None) is None
    True
    """
    if before is None and after is None:
        return None
    changes: list[str] = []
    if before is None:
        changes.append("new")
    elif after is None:
        changes.append("disappeared")
    else:
        (m0, c0, s0), (m1, c1, s1) = before, after
        if m1 < m0:
            changes.append("faster")
        elif m1 > m0:
            changes.append("slower")
        if c1 < c0:
            changes.append("cheaper")
        elif c1 > c0:
            changes.append("costlier")
        if not changes and s0 != s1:
            changes.append("rerouted")
        if not changes:
            return None
    return RouteChange(
        entry,
        destination,
        tuple(sorted(changes)),
        months_before=None if before is None else before[0],
        months_after=None if after is None else after[0],
        cost_before=None if before is None else before[1],
        cost_after=None if after is None else after[1],
        steps_before=() if before is None else before[2],
        steps_after=() if after is None else after[2],
    )


def _curricula(G: nx.MultiDiGraph) -> set[str]:
    """Programs that have courses (``part_of``); ``""`` (every course) when the
    graph has courses and none is part of a program."""
    programs = {
        str(v)
        for u, v, kind in G.edges(data="kind")
        if kind == "part_of"
        and G.nodes[u].get("kind") == "course"
        and G.nodes[v].get("kind") == "program"
    }
    if not programs and any(k == "course" for _, k in G.nodes(data="kind")):
        return {""}
    return programs


def _metrics(
    G0: nx.MultiDiGraph, G1: nx.MultiDiGraph, skipped: list[str]
) -> tuple[MetricChange, ...]:
    # lazy: start-up time
    from pathgraph.analysis.curricular import curricular_metrics

    c0, c1 = _curricula(G0), _curricula(G1)

    def values(
        G: nx.MultiDiGraph, programs: set[str], p: str, version: str
    ) -> dict[tuple[str, str], float] | None:
        if p not in programs:
            return None
        try:
            m = curricular_metrics(G, p or None)
        except ValidationError as exc:
            name = p or "the courses"
            skipped.append(f"curricular metrics of {name} ({version}): {exc}")
            return None
        out: dict[tuple[str, str], float] = {("", k): v for k, v in m.totals.items()}
        for course, cm in m.courses.items():
            for name in COURSE_METRICS:
                out[(str(course), name)] = getattr(cm, name)
        return out

    changes = []
    for p in sorted(c0 | c1):
        v0 = values(G0, c0, p, "old") or {}
        v1 = values(G1, c1, p, "new") or {}
        for key in sorted(v0.keys() | v1.keys()):
            a, b = v0.get(key), v1.get(key)
            if a != b:
                changes.append(MetricChange(p, key[0], key[1], a, b))
    return tuple(changes)
