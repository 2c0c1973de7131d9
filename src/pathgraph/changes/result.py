"""What :func:`pathgraph.diff` returns: a :class:`Diff` and its parts.

Every part is a frozen dataclass with a ``to_dict()``; :class:`Diff` adds a text
report (``str(d)``), deterministic JSON (``to_json()``), a map of the changes
(``to_dot()``) and the exit code the command line uses (``exit_code()``).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal

from pathgraph.errors import ArgumentError

if TYPE_CHECKING:
    import networkx as nx

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
]

#: ``fail_on`` values of :meth:`Diff.exit_code` (and ``pathgraph diff --fail-on``).
FAIL_ON = ("introduced", "any", "never")

FailOn = Literal["introduced", "any", "never"]

#: A relation's key: (source, target, kind).
EdgeKey = tuple[str, str, str]


def plain(value: Any) -> Any:
    """``value`` as JSON-ready data: enums by value, tuples and sets as lists.

    Examples
    --------
    >>> plain(("day", {"b", "a"}))
    ['day', ['a', 'b']]
    """
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((plain(v) for v in value), key=repr)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in sorted(value.items(), key=_key_order)}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _key_order(item: tuple[Any, Any]) -> str:
    return str(item[0])


def shown(value: Any) -> str:
    """A value as the text report shows it (``-`` for absent).

    Examples
    --------
    >>> shown(None), shown(12), shown(["day", "evening"]), shown("x")
    ('-', '12', '[day, evening]', "'x'")
    """
    value = plain(value)
    if value is None:
        return "-"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True, order=True)
class FieldChange:
    """One field that differs: its name, old and new value (``None``: absent)."""

    field: str
    old: Any = None
    new: Any = None

    def to_dict(self) -> dict[str, Any]:
        """``{"field", "old", "new"}``."""
        return {"field": self.field, "old": plain(self.old), "new": plain(self.new)}

    def __str__(self) -> str:
        return f"{self.field}: {shown(self.old)} -> {shown(self.new)}"


@dataclass(frozen=True)
class RecordChange:
    """A record (node) present in both versions whose fields differ."""

    id: str
    kind: str
    label: str
    fields: tuple[FieldChange, ...]

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "kind", "label", "fields": [...]}``."""
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "fields": [f.to_dict() for f in self.fields],
        }


@dataclass(frozen=True)
class RelationChange:
    """A relation present in both versions whose attributes differ."""

    source: str
    target: str
    kind: str
    fields: tuple[FieldChange, ...]

    @property
    def key(self) -> EdgeKey:
        """(source, target, kind)."""
        return (self.source, self.target, self.kind)

    def to_dict(self) -> dict[str, Any]:
        """``{"source", "target", "kind", "fields": [...]}``."""
        return {
            "source": self.source,
            "target": self.target,
            "kind": self.kind,
            "fields": [f.to_dict() for f in self.fields],
        }


@dataclass(frozen=True, order=True)
class FindingChange:
    """A check finding fixed by the change (or introduced by it).

    Findings of the two versions are matched by ``(code, node)``: a reworded
    message is the same finding.
    """

    code: str
    node: str
    severity: str
    rule: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        """``{"code", "rule", "severity", "node", "message"}`` (node ``None`` for
        a finding about the whole pathway)."""
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "node": self.node or None,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = f" {self.node}" if self.node else ""
        return f"{self.code} {self.rule} ({self.severity}){where}: {self.message}"


@dataclass(frozen=True, order=True)
class DestinationChange:
    """Destinations a person starting at ``entry`` can reach now and could not
    (``gained``), or could and cannot (``lost``)."""

    entry: str
    gained: tuple[str, ...] = ()
    lost: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """``{"entry", "gained", "lost"}``."""
        return {
            "entry": self.entry,
            "gained": list(self.gained),
            "lost": list(self.lost),
        }


@dataclass(frozen=True, order=True)
class RouteChange:
    """The best (fewest months) route to a destination from an entry preset,
    before and after.

    ``changes`` holds, sorted, any of ``faster``, ``slower``, ``cheaper``,
    ``costlier``, ``rerouted`` (same months and cost, other steps), ``new`` (no
    route before) and ``disappeared`` (no route after). Months and cost are
    ``None`` where there is no route.
    """

    entry: str
    destination: str
    changes: tuple[str, ...]
    months_before: float | None = None
    months_after: float | None = None
    cost_before: float | None = None
    cost_after: float | None = None
    steps_before: tuple[str, ...] = ()
    steps_after: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """All fields, steps as lists."""
        return {
            "entry": self.entry,
            "destination": self.destination,
            "changes": list(self.changes),
            "months_before": self.months_before,
            "months_after": self.months_after,
            "cost_before": self.cost_before,
            "cost_after": self.cost_after,
            "steps_before": list(self.steps_before),
            "steps_after": list(self.steps_after),
        }

    def __str__(self) -> str:
        def side(months: float | None, cost: float | None) -> str:
            if months is None:
                return "no route"
            return f"{shown(months)} mo, ${shown(cost)}"

        return (
            f"{self.entry} -> {self.destination}: {', '.join(self.changes)} "
            f"({side(self.months_before, self.cost_before)} -> "
            f"{side(self.months_after, self.cost_after)})"
        )


@dataclass(frozen=True, order=True)
class MetricChange:
    """A curricular metric that moved.

    ``program`` is ``""`` for a pathway whose courses belong to no program (the
    curriculum is every course); ``course`` is ``""`` for the curriculum's totals;
    ``old`` or ``new`` is ``None`` where the course (or the curriculum) is absent
    from that version.
    """

    program: str
    course: str
    metric: str
    old: float | None
    new: float | None

    def to_dict(self) -> dict[str, Any]:
        """``{"program", "course", "metric", "old", "new"}`` (program ``None`` for
        courses of no program, course ``None`` for totals)."""
        return {
            "program": self.program or None,
            "course": self.course or None,
            "metric": self.metric,
            "old": self.old,
            "new": self.new,
        }

    def __str__(self) -> str:
        where = self.course or "totals"
        program = self.program or "(all courses)"
        return (
            f"{program} {where} {self.metric}: {shown(self.old)} -> {shown(self.new)}"
        )


@dataclass(frozen=True)
class Diff:
    """What a change to a pathway does (see :func:`pathgraph.diff`).

    Attributes
    ----------
    title : str
        The new version's title.
    pathway : tuple of FieldChange
        Pathway metadata that changed (title, region, version...).
    records_added, records_removed : tuple of str
        Node ids, sorted.
    records_changed : tuple of RecordChange
        Nodes in both versions whose fields differ, sorted by id.
    relations_added, relations_removed : tuple of (source, target, kind)
        Sorted.
    relations_changed : tuple of RelationChange
        Relations in both whose attributes differ, sorted by key.
    fixed, introduced : tuple of FindingChange
        Check findings only in the old version (fixed) or only in the new one
        (introduced), matched by (code, node); sorted by code and node.
    destinations : tuple of DestinationChange
        Per entry preset whose reachable destinations changed.
    routes : tuple of RouteChange
        Per (entry, destination) whose best months route changed.
    metrics : tuple of MetricChange
        Curricular metrics that moved.
    skipped : tuple of str
        Comparisons that could not be made, and why (a route search past its
        limit, a curriculum with a requisite cycle).

    Examples
    --------
    >>> import networkx as nx
    >>> from pathgraph.changes import diff
    >>> G0 = nx.MultiDiGraph(title="Welding")
    >>> G0.add_node("weld", kind="program", label="Welding I", months=6)
    >>> G0.add_node("cert", kind="credential", label="AWS certification")
    >>> G0.add_node("welder", kind="occupation", label="Welder")
    >>> _ = G0.add_edge("weld", "cert", kind="awards")
    >>> _ = G0.add_edge("cert", "welder", kind="qualifies_for")
    >>> G1 = G0.copy()
    >>> G1.remove_edge("cert", "welder")  # the certificate now leads nowhere
    >>> d = diff(G0, G1)
    >>> d.relations_removed
    (('cert', 'welder', 'qualifies_for'),)
    >>> [(f.code, f.node) for f in d.introduced_errors]
    [('PG101', 'cert'), ('PG101', 'weld')]
    >>> d.exit_code(), d.exit_code("never")
    (1, 0)
    """

    title: str = ""
    pathway: tuple[FieldChange, ...] = ()
    records_added: tuple[str, ...] = ()
    records_removed: tuple[str, ...] = ()
    records_changed: tuple[RecordChange, ...] = ()
    relations_added: tuple[EdgeKey, ...] = ()
    relations_removed: tuple[EdgeKey, ...] = ()
    relations_changed: tuple[RelationChange, ...] = ()
    fixed: tuple[FindingChange, ...] = ()
    introduced: tuple[FindingChange, ...] = ()
    destinations: tuple[DestinationChange, ...] = ()
    routes: tuple[RouteChange, ...] = ()
    metrics: tuple[MetricChange, ...] = ()
    skipped: tuple[str, ...] = ()
    old_graph: nx.MultiDiGraph | None = field(default=None, repr=False, compare=False)
    new_graph: nx.MultiDiGraph | None = field(default=None, repr=False, compare=False)

    @property
    def structural(self) -> bool:
        """True when a record, relation or pathway field differs."""
        return bool(
            self.pathway
            or self.records_added
            or self.records_removed
            or self.records_changed
            or self.relations_added
            or self.relations_removed
            or self.relations_changed
        )

    @property
    def empty(self) -> bool:
        """True when the two versions are the same."""
        return not (
            self.structural
            or self.fixed
            or self.introduced
            or self.destinations
            or self.routes
            or self.metrics
        )

    @property
    def introduced_errors(self) -> tuple[FindingChange, ...]:
        """Introduced findings of severity ``error``."""
        return tuple(f for f in self.introduced if f.severity == "error")

    def exit_code(self, fail_on: FailOn | str = "introduced") -> int:
        """The command line's exit code for this change.

        ``introduced`` (default): 1 when the change introduces an error-level
        finding; ``any``: 1 when anything differs; ``never``: always 0.

        Raises
        ------
        pathgraph.ArgumentError
            For another ``fail_on``.
        """
        if fail_on == "introduced":
            return 1 if self.introduced_errors else 0
        if fail_on == "any":
            return 0 if self.empty else 1
        if fail_on == "never":
            return 0
        raise ArgumentError(f"fail_on {fail_on!r}: use one of {', '.join(FAIL_ON)}")

    def counts(self) -> dict[str, int]:
        """How many of each kind of change."""
        return {
            "records_added": len(self.records_added),
            "records_removed": len(self.records_removed),
            "records_changed": len(self.records_changed),
            "relations_added": len(self.relations_added),
            "relations_removed": len(self.relations_removed),
            "relations_changed": len(self.relations_changed),
            "findings_fixed": len(self.fixed),
            "findings_introduced": len(self.introduced),
            "destinations_changed": len(self.destinations),
            "routes_changed": len(self.routes),
            "metrics_changed": len(self.metrics),
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``pathgraph diff --format json`` (docs/diff.md)."""

        def edge(k: EdgeKey) -> dict[str, str]:
            return {"source": k[0], "target": k[1], "kind": k[2]}

        return {
            "title": self.title,
            "summary": self.counts(),
            "pathway": [f.to_dict() for f in self.pathway],
            "records": {
                "added": list(self.records_added),
                "removed": list(self.records_removed),
                "changed": [r.to_dict() for r in self.records_changed],
            },
            "relations": {
                "added": [edge(k) for k in self.relations_added],
                "removed": [edge(k) for k in self.relations_removed],
                "changed": [r.to_dict() for r in self.relations_changed],
            },
            "findings": {
                "fixed": [f.to_dict() for f in self.fixed],
                "introduced": [f.to_dict() for f in self.introduced],
            },
            "destinations": [d.to_dict() for d in self.destinations],
            "routes": [r.to_dict() for r in self.routes],
            "metrics": [m.to_dict() for m in self.metrics],
            "skipped": list(self.skipped),
        }

    def to_json(self) -> str:
        """Deterministic JSON text."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def to_dot(self) -> str:
        """The map of the change as DOT text (:func:`~pathgraph.changes.draw.diff_dot`).

        Raises
        ------
        pathgraph.ArgumentError
            When the diff was not built by :func:`pathgraph.diff` (no graphs).
        """
        # lazy: the map is drawn only when asked for
        from pathgraph.changes.draw import diff_dot

        return diff_dot(self)

    def format(self) -> str:
        """The text report."""
        lines = [f"{self.title or 'pathway'}: " + _headline(self)]
        if self.empty:
            lines.append("No differences.")
            return "\n".join(lines)
        if self.pathway:
            lines += ["", "Pathway:"] + [f"  ~ {f}" for f in self.pathway]
        labels = self._labels()
        if self.records_added or self.records_removed or self.records_changed:
            lines += ["", "Records:"]
            lines += [f"  + {n}{labels(n, True)}" for n in self.records_added]
            lines += [f"  - {n}{labels(n, False)}" for n in self.records_removed]
            for r in self.records_changed:
                what = f"{r.kind}: {r.label}" if r.label and r.label != r.id else r.kind
                lines.append(f"  ~ {r.id} ({what})")
                lines += [f"      {f}" for f in r.fields]
        if self.relations_added or self.relations_removed or self.relations_changed:
            lines += ["", "Relations:"]
            lines += [f"  + {_edge_text(k)}" for k in self.relations_added]
            lines += [f"  - {_edge_text(k)}" for k in self.relations_removed]
            for c in self.relations_changed:
                lines.append(f"  ~ {_edge_text(c.key)}")
                lines += [f"      {f}" for f in c.fields]
        if self.fixed or self.introduced:
            lines += ["", "Findings:"]
            lines += [f"  fixed      {f}" for f in self.fixed]
            lines += [f"  introduced {f}" for f in self.introduced]
        if self.destinations:
            lines += ["", "Destinations (reachable per entry preset):"]
            for d in self.destinations:
                if d.gained:
                    lines.append(f"  {d.entry}: gained {', '.join(d.gained)}")
                if d.lost:
                    lines.append(f"  {d.entry}: lost {', '.join(d.lost)}")
        if self.routes:
            lines += ["", "Routes (best months route per entry and destination):"]
            lines += [f"  {r}" for r in self.routes]
        if self.metrics:
            lines += ["", "Curricular metrics:"]
            lines += [f"  {m}" for m in self.metrics]
        if self.skipped:
            lines += ["", "Not compared:"] + [f"  {s}" for s in self.skipped]
        return "\n".join(lines)

    def _labels(self) -> Any:
        old, new = self.old_graph, self.new_graph

        def label(n: str, added: bool) -> str:
            G = new if added else old
            if G is None or n not in G:
                return ""
            attrs = G.nodes[n]
            text = attrs.get("label")
            kind = attrs.get("kind", "")
            return f" ({kind}: {text})" if text and text != n else f" ({kind})"

        return label

    def __str__(self) -> str:
        return self.format()

    def _repr_html_(self) -> str:
        """The text report in a notebook (record labels are user data: escaped)."""
        return f"<pre>{html.escape(self.format())}</pre>"


def _edge_text(k: EdgeKey) -> str:
    return f"{k[0]} -[{k[2]}]-> {k[1]}"


def _headline(d: Diff) -> str:
    c = d.counts()
    parts = [
        f"{c['records_added']} added, {c['records_removed']} removed, "
        f"{c['records_changed']} changed records",
        f"{c['relations_added']} added, {c['relations_removed']} removed, "
        f"{c['relations_changed']} changed relations",
        f"{c['findings_fixed']} fixed, {c['findings_introduced']} introduced findings",
    ]
    return "; ".join(parts)
