"""The one marking pass every renderer reads: what is drawn, and how it is marked.

:func:`mark` looks at a pathway graph once, with the optional results a map shows (a
check report, a route, ids to highlight), and decides for every node and edge what
the renderers need: whether it is drawn, its column (level) and lane, its step number
on the route, the findings on it and their worst severity, whether it is faded or
highlighted, and the support services attached to it. The DOT writer
(:mod:`pathgraph.render.graphviz`), the interactive page
(:mod:`pathgraph.render.html`), the route map and the notebook display only format
the :class:`Marks` it returns, so they cannot disagree about what a map shows.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import networkx as nx

from pathgraph.contract import CONTEXT_NODE_KINDS
from pathgraph.errors import ArgumentError
from pathgraph.graph import to_graph
from pathgraph.model import Pathway
from pathgraph.render.conditions import (
    custom_label,
    met_on_route,
    roots,
    rule_text,
    to_confirm,
)
from pathgraph.render.folding import FOLD_ABOVE, FOLD_KIND, Fold, plan_folds
from pathgraph.render.levels import levels
from pathgraph.render.style import EDGE_STYLE, edge_style_kind

__all__ = [
    "DETAILS",
    "DRAWN_KINDS",
    "OPTION_RELATIONS",
    "EdgeMark",
    "FindingLike",
    "Marks",
    "NodeMark",
    "ReportLike",
    "RouteLike",
    "drawn_nodes",
    "is_drawn",
    "mark",
    "open_conditions",
    "route_numbers",
]

#: The values of ``detail``: courses collapsed into programs, or drawn.
DETAILS = ("programs", "courses")

#: The kinds every map draws, whatever their edges: the records a person moves
#: through (defined here, not taken from the graph contract, so that what a map
#: shows is decided in one place). Courses and conditions are drawn when they are
#: part of a drawn record's requirement (:func:`drawn_nodes`).
DRAWN_KINDS: frozenset[str] = frozenset(
    {"occupation", "credential", "program", "assessment"}
)

#: Relations whose source is an option of its target's requirement.
OPTION_RELATIONS: frozenset[str] = frozenset(
    {"requires", "prerequisite_of", "corequisite_of"}
)

#: Severities, worst first.
SEVERITIES = ("error", "warning", "info")


class FindingLike(Protocol):
    """What renderers read from a check finding."""

    @property
    def code(self) -> str: ...

    @property
    def rule(self) -> str: ...

    @property
    def severity(self) -> str: ...

    @property
    def node(self) -> str | None: ...

    @property
    def message(self) -> str: ...


class ReportLike(Protocol):
    """What renderers read from a check report."""

    @property
    def findings(self) -> Sequence[FindingLike]: ...


class RouteLike(Protocol):
    """What renderers read from a route."""

    @property
    def nodes(self) -> Sequence[str]: ...

    @property
    def steps(self) -> Sequence[Any]: ...


@dataclass(frozen=True)
class NodeMark:
    """How one drawn node is marked.

    Attributes
    ----------
    node
        The node id, as in the graph.
    kind
        Its kind (a key of :data:`pathgraph.render.style.NODE_STYLE`).
    label
        Its name (the ``label`` attribute, else the id).
    level
        Its column, left to right.
    lane
        The box it is drawn in (``""``: none).
    step
        Its step number on the route, or None.
    on_route
        A route is drawn and this node is on it: numbered, or a condition the
        route meets on its way (:func:`pathgraph.render.conditions.met_on_route`).
    findings
        The report's findings on it, in report order.
    severity
        The worst severity among ``findings`` (None without findings).
    codes
        The rule codes of ``findings``, sorted, each once.
    faded
        A route is drawn and this node is not on it (not ``on_route``).
    highlighted
        Asked to be outlined.
    services
        Labels of the support services attached to it, sorted.
    courses
        How many courses are collapsed into it (``detail="programs"``).
    folded
        For a summary box (kind ``"group"``): how many records it stands for.
    contents
        For a summary box: what is inside, in words ("35 programs, 10 occupations").
    rule
        For a condition: its rule in a few characters ("any", "2 of 3", "6 cr";
        :func:`pathgraph.render.conditions.rule_text`).
    name
        For a condition: the label someone wrote for it ("" when its label is the
        one generated from its rule and options, which ``label`` keeps).
    to_confirm
        For a condition: what a person must check (a minimum grade, a score).
    open
        For a credential: a condition with no options awards it (CTDL's component
        with no conditions: anyone may earn it). Drawn as "open to anyone" under
        its name; that condition is not drawn (:func:`open_conditions`).
    """

    node: Any
    kind: str
    label: str
    level: int
    lane: str
    step: int | None = None
    on_route: bool = False
    findings: tuple[FindingLike, ...] = ()
    severity: str | None = None
    codes: tuple[str, ...] = ()
    faded: bool = False
    highlighted: bool = False
    services: tuple[str, ...] = ()
    courses: int = 0
    folded: int = 0
    contents: str = ""
    rule: str = ""
    name: str = ""
    to_confirm: tuple[str, ...] = ()
    open: bool = False


@dataclass(frozen=True)
class EdgeMark:
    """How one drawn edge is marked.

    Attributes
    ----------
    index
        Its position among all the graph's edges sorted by (source, target, key).
    source, target, key
        The edge.
    kind
        The kind it is drawn as (a key of
        :data:`pathgraph.render.style.EDGE_STYLE`): its relation kind, except
        ``option_of`` for a ``requires`` edge into a condition and ``earns`` for a
        condition's ``awards`` edge (:func:`~pathgraph.render.style.edge_style_kind`).
    data
        Its attributes (read only; ``data["kind"]`` is the relation kind).
    on_route
        A route is drawn and both ends are on it.
    backwards
        It points to a column left of its source's.
    count
        For a line to or from a summary box: how many edges of the graph it
        stands for (one per kind and direction); 0 for an edge of the graph.
    """

    index: int
    source: Any
    target: Any
    key: Any
    kind: str
    data: Mapping[str, Any]
    on_route: bool = False
    backwards: bool = False
    count: int = 0


@dataclass(frozen=True)
class Marks:
    """Everything a renderer draws, decided once by :func:`mark`.

    Attributes
    ----------
    graph
        The pathway graph (not modified).
    detail, context
        As given to :func:`mark`.
    nodes
        The drawn nodes' marks, by node id, sorted by ``str(id)``; on a folded
        map, the records left open, then the summary boxes.
    edges
        The edges between drawn nodes whose kind has a style, sorted by (source,
        target, key); ``part_of`` edges included. On a folded map, those between
        open records, then the lines to and from summary boxes.
    rules
        Each rule code the report found: ``(rule, severity)`` of its first finding,
        in report order.
    has_route
        A route is drawn.
    folds
        The folded groups (see :mod:`pathgraph.render.folding`); empty when the
        map is not folded.
    hidden
        The folded records' marks, by id (for the interactive page to expand).
    hidden_edges
        The edges with an end in a folded group, as they would be drawn unfolded.
    fold_above
        The size above which the map was folded (None: never).
    """

    graph: nx.MultiDiGraph
    detail: str
    context: bool
    nodes: Mapping[Any, NodeMark]
    edges: tuple[EdgeMark, ...]
    rules: Mapping[str, tuple[str, str]]
    has_route: bool
    folds: tuple[Fold, ...] = ()
    hidden: Mapping[Any, NodeMark] = field(default_factory=dict)
    hidden_edges: tuple[EdgeMark, ...] = ()
    fold_above: int | None = FOLD_ABOVE

    def plain(self) -> Marks:
        """The same map without a report, route or highlight (layout unchanged).

        Examples
        --------
        >>> import pathgraph
        >>> G = pathgraph.to_graph(pathgraph.load_example("bht"))
        >>> m = mark(G, report=pathgraph.check(G), highlight=["hse"]).plain()
        >>> m.rules, m.nodes["hse"].highlighted, m.nodes["bht-advanced"].codes
        ({}, False, ())
        """

        def bare(m: NodeMark) -> NodeMark:
            return dataclasses.replace(
                m,
                step=None,
                on_route=False,
                findings=(),
                severity=None,
                codes=(),
                faded=False,
                highlighted=False,
            )

        return dataclasses.replace(
            self,
            nodes={n: bare(m) for n, m in self.nodes.items()},
            edges=tuple(dataclasses.replace(e, on_route=False) for e in self.edges),
            rules={},
            has_route=False,
        )


def route_numbers(route: RouteLike | None) -> dict[str, int]:
    """Step number of each node on a route: the step that takes or earns it.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> route_numbers(NS(nodes=["a", "b", "c"], steps=[NS(node="a", earns=["b"])]))
    {'a': 1, 'b': 1, 'c': 1}
    """
    out: dict[str, int] = {}
    if route is None:
        return out
    for i, step in enumerate(route.steps, start=1):
        for n in (getattr(step, "node", None), *(getattr(step, "earns", ()) or ())):
            if n is not None:
                out.setdefault(str(n), i)
    for n in route.nodes:  # anything else the route holds
        out.setdefault(str(n), len(route.steps) or 1)
    return out


def is_drawn(kind: Any, detail: str, context: bool) -> bool:
    """Whether every node of ``kind`` is drawn at this detail, with or without
    context, whatever its edges.

    The kinds of :data:`DRAWN_KINDS`; courses with ``detail="courses"``;
    providers, services and agreements with ``context``. Other courses, and
    conditions, are drawn when a drawn record needs them (:func:`drawn_nodes`).

    Examples
    --------
    >>> is_drawn("assessment", "programs", False), is_drawn("course", "programs", False)
    (True, False)
    >>> is_drawn("condition", "courses", True), is_drawn("provider", "programs", True)
    (False, True)
    """
    return (
        kind in DRAWN_KINDS
        or (kind == "course" and detail == "courses")
        or (kind in CONTEXT_NODE_KINDS and context)
    )


def drawn_nodes(G: nx.MultiDiGraph, detail: str, context: bool) -> list[Any]:
    """The nodes a map of ``G`` draws, sorted by ``str``.

    The nodes whose kind :func:`is_drawn`, and, repeatedly until nothing is
    added:

    * a course or condition that is an option of a drawn node's requirement
      (the source of a ``requires``, ``prerequisite_of`` or ``corequisite_of``
      edge into it: courses are steps, conditions the requirement's structure);
    * a condition that ``awards`` a drawn credential;

    and a condition that is part of nothing (no ``requires`` or ``awards`` edge
    out), with the options it needs. A condition needed only by a course that is
    not drawn is not drawn. Linear in nodes + edges.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("cert", kind="credential"); G.add_node("c", kind="condition")
    >>> G.add_nodes_from(["a", "b", "x"], kind="course")
    >>> for u, v, k in [("a", "c", "requires"), ("b", "a", "prerequisite_of"),
    ...                 ("c", "cert", "awards")]:
    ...     _ = G.add_edge(u, v, kind=k)
    >>> drawn_nodes(G, "programs", False)
    ['a', 'b', 'c', 'cert']
    """
    kinds = G.nodes
    drawn = {n for n, k in kinds(data="kind") if is_drawn(k, detail, context)}
    for n, k in kinds(data="kind"):
        if k == "condition" and not any(
            ek in ("requires", "awards") for _, _, ek in G.out_edges(n, data="kind")
        ):
            drawn.add(n)
    stack = list(drawn)
    while stack:
        v = stack.pop()
        for u, _, k in G.in_edges(v, data="kind"):
            if u in drawn:
                continue
            ku = kinds[u].get("kind")
            if (k in OPTION_RELATIONS and ku in ("course", "condition")) or (
                k == "awards" and ku == "condition"
            ):
                drawn.add(u)
                stack.append(u)
    return sorted(drawn, key=str)


def open_conditions(
    G: nx.MultiDiGraph, drawn: Iterable[Any], keep: Collection[str] = ()
) -> dict[Any, list[Any]]:
    """The drawn conditions a map leaves out, each with the credentials it awards.

    An *open* condition (no options, no ``need``, no credit total, nothing to
    confirm: CTDL's component with no conditions, met by anyone) that only
    ``awards`` drawn credentials says nothing its credentials cannot say: the map
    writes "open to anyone" under each of them instead of drawing one oval and
    one arrow per credential (88 of the 217 records of Credential Engine's
    Badgr pathway). A condition whose id is in ``keep`` (it has findings, is
    outlined or on a route) is drawn. Linear in the drawn nodes' edges.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("badge", kind="credential")
    >>> G.add_node("badge/open", kind="condition")
    >>> _ = G.add_edge("badge/open", "badge", kind="awards")
    >>> open_conditions(G, ["badge", "badge/open"])
    {'badge/open': ['badge']}
    >>> open_conditions(G, ["badge", "badge/open"], keep={"badge/open"})
    {}
    """
    nodes = G.nodes
    drawn = set(drawn)
    out: dict[Any, list[Any]] = {}
    for n in sorted(drawn, key=str):
        attrs = nodes[n]
        if (
            attrs.get("kind") != "condition"
            or str(n) in keep
            or attrs.get("need")
            or attrs.get("credits")
            or attrs.get("to_confirm")
            or any(k in OPTION_RELATIONS for _, _, k in G.in_edges(n, data="kind"))
        ):
            continue
        earns = [
            v
            for _, v, k in G.out_edges(n, data="kind")
            if k == "awards" and v in drawn and nodes[v].get("kind") == "credential"
        ]
        if earns and len(earns) == G.out_degree(n):
            out[n] = sorted(set(earns), key=str)
    return out


def mark(
    G: nx.MultiDiGraph | Pathway,
    *,
    report: ReportLike | None = None,
    route: RouteLike | None = None,
    highlight: Iterable[str] | None = None,
    context: bool = False,
    detail: str = "programs",
    fold_above: int | None = FOLD_ABOVE,
) -> Marks:
    """Decide what a map of ``G`` draws and how each node and edge is marked.

    Linear in nodes + edges (plus sorting). ``G`` is not modified. Above
    ``fold_above`` drawn records, groups of records are drawn as summary boxes
    (:mod:`pathgraph.render.folding`).

    Parameters
    ----------
    G
        A pathway graph or Pathway.
    report
        A check report: nodes with findings are marked with the worst severity.
    route
        A route: its nodes are numbered, the rest faded.
    highlight
        Node ids to outline.
    context
        Also draw providers, services and agreements.
    detail
        ``"programs"`` (courses collapsed into their program) or ``"courses"``.
    fold_above
        Fold the map when it has more drawn records than this (default
        :data:`~pathgraph.render.folding.FOLD_ABOVE`); ``None``: never.

    Raises
    ------
    pathgraph.ArgumentError
        When ``detail`` is not one of :data:`DETAILS`, or ``fold_above`` is
        negative.

    Examples
    --------
    >>> import pathgraph
    >>> G = pathgraph.to_graph(pathgraph.load_example("bht"))
    >>> m = mark(G, report=pathgraph.check(G), route=pathgraph.route(G, "bht-assoc",
    ...          entry="abe"))
    >>> m.nodes["abe-ged"].step, m.nodes["bht-tier1"].faded
    (1, True)
    >>> m.nodes["bht-advanced"].severity, m.nodes["bht-advanced"].codes
    ('warning', ('PG202',))
    """
    if isinstance(G, Pathway):
        G = to_graph(G)
    if detail not in DETAILS:
        raise ArgumentError(f"detail must be 'programs' or 'courses', not {detail!r}")
    if fold_above is not None and fold_above < 0:
        raise ArgumentError(f"fold_above must be 0 or more (or None), not {fold_above}")
    drawn = drawn_nodes(G, detail, context)
    steps = route_numbers(route)
    findings = _findings_by_node(report)
    highlighted = {str(h) for h in (highlight or ())}
    left_out = open_conditions(G, drawn, {*findings, *highlighted, *steps})
    if left_out:
        drawn = [n for n in drawn if n not in left_out]
    met = _met(G, drawn, route)
    root = roots(G, drawn)
    nodes = _node_marks(
        G,
        drawn,
        detail,
        root,
        findings=findings,
        steps=steps,
        met=met,
        highlighted=highlighted,
        has_route=route is not None,
        open_to_anyone={v for vs in left_out.values() for v in vs},
    )
    marks = Marks(
        graph=G,
        detail=detail,
        context=context,
        nodes=nodes,
        edges=_edges(G, nodes),
        rules=_rules(report),
        has_route=route is not None,
        fold_above=fold_above,
    )
    if fold_above is None or len(nodes) <= fold_above:
        return marks
    taken = {str(n) for n in G}
    return fold(marks, plan_folds(nodes, fold_above, taken, attach=root))


def _met(G: nx.MultiDiGraph, drawn: list[Any], route: RouteLike | None) -> set[Any]:
    """The conditions a route meets on its way (none without a route).

    Read defensively: a route's ``holds_after`` and ``holds_before``, when it has
    them, complete its ``nodes`` (a router may list no step for a condition it
    meets on the way)."""
    if route is None:
        return set()
    nodes = [str(n) for n in route.nodes]
    held = [str(n) for n in getattr(route, "holds_after", ()) or ()]
    start = [str(n) for n in getattr(route, "holds_before", ()) or ()]
    return met_on_route(G, drawn, nodes, [*nodes, *held], start)


def _node_marks(
    G: nx.MultiDiGraph,
    drawn: list[Any],
    detail: str,
    root: Mapping[Any, Any],
    *,
    findings: Mapping[str, list[FindingLike]],
    steps: Mapping[str, int],
    met: set[Any],
    highlighted: set[str],
    has_route: bool,
    open_to_anyone: Collection[Any] = (),
) -> dict[Any, NodeMark]:
    """The mark of each drawn node, in the order of ``drawn``."""
    services, courses = _attached(G, detail)
    column, lane = _columns(G, drawn, detail), _lanes(G, drawn, detail, root)
    nodes: dict[Any, NodeMark] = {}
    for n in drawn:
        attrs = G.nodes[n]
        found = tuple(findings.get(str(n), ()))
        step = steps.get(str(n))
        on_route = has_route and (step is not None or n in met)
        condition = attrs.get("kind") == "condition"
        nodes[n] = NodeMark(
            node=n,
            kind=str(attrs.get("kind")),
            label=str(attrs.get("label", n)),
            level=column[n],
            lane=lane[n],
            step=step,
            on_route=on_route,
            findings=found,
            severity=_worst(found),
            codes=tuple(sorted({f.code for f in found})),
            faded=has_route and not on_route,
            highlighted=str(n) in highlighted,
            services=tuple(sorted(services.get(n, ()))),
            courses=courses.get(n, 0),
            rule=rule_text(G, n) if condition else "",
            name=custom_label(G, n) if condition else "",
            to_confirm=to_confirm(attrs) if condition else (),
            open=n in open_to_anyone,
        )
    return nodes


def _findings_by_node(report: ReportLike | None) -> dict[str, list[FindingLike]]:
    out: dict[str, list[FindingLike]] = defaultdict(list)
    for f in report.findings if report is not None else ():
        if f.node is not None:
            out[str(f.node)].append(f)
    return out


def _rules(report: ReportLike | None) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for f in report.findings if report is not None else ():
        out.setdefault(f.code, (f.rule, f.severity))
    return out


def _worst(found: Sequence[FindingLike]) -> str | None:
    if not found:
        return None
    return min(found, key=lambda f: SEVERITIES.index(f.severity)).severity


def _attached(
    G: nx.MultiDiGraph, detail: str
) -> tuple[dict[Any, list[str]], dict[Any, int]]:
    """Labels of the services supporting each node; courses part of each program."""
    services: dict[Any, list[str]] = defaultdict(list)
    courses: dict[Any, int] = defaultdict(int)
    for u, v, k in G.edges(data="kind"):
        if k == "supports":
            services[v].append(str(G.nodes[u].get("label", u)))
        elif k == "part_of" and detail == "programs":
            courses[v] += 1
    return services, courses


def _columns(G: nx.MultiDiGraph, drawn: list[Any], detail: str) -> dict[Any, int]:
    """Levels; in a degree plan a course with a term sits in that term's column."""
    column = levels(G, drawn)
    if detail == "courses":
        for n in drawn:
            term = G.nodes[n].get("term")
            if G.nodes[n].get("kind") == "course" and term is not None:
                column[n] = int(term)
    return column


def _lanes(
    G: nx.MultiDiGraph, drawn: list[Any], detail: str, root: Mapping[Any, Any]
) -> dict[Any, str]:
    """The ``lane`` attribute. Drawn courses without one go in their program's box
    (``detail="courses"``) or their program's lane; conditions without one in the
    lane of the record they belong to (``root``: see
    :func:`pathgraph.render.conditions.roots`)."""
    visible = set(drawn)
    program_of: dict[Any, str] = {}
    for u, v, k in G.edges(data="kind"):
        if k == "part_of" and u in visible:
            if detail == "courses":
                program_of.setdefault(u, str(G.nodes[v].get("label", v)))
            elif G.nodes[v].get("lane"):
                program_of.setdefault(u, str(G.nodes[v]["lane"]))
    out: dict[Any, str] = {}
    for n in drawn:
        lane = G.nodes[n].get("lane") or program_of.get(n)
        out[n] = str(lane) if lane else ""
    for n, r in root.items():  # conditions: their record's lane
        if not out[n]:
            out[n] = out.get(r, "")
    return out


def _edges(G: nx.MultiDiGraph, nodes: Mapping[Any, NodeMark]) -> tuple[EdgeMark, ...]:
    out = []
    ordered = sorted(
        G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))
    )
    for i, (u, v, key, d) in enumerate(ordered):
        mu, mv = nodes.get(u), nodes.get(v)
        if mu is None or mv is None:
            continue
        kind = edge_style_kind(str(d.get("kind")), mu.kind, mv.kind)
        if kind not in EDGE_STYLE:
            continue
        out.append(
            EdgeMark(
                index=i,
                source=u,
                target=v,
                key=key,
                kind=kind,
                data=d,
                on_route=mu.on_route and mv.on_route,
                backwards=mv.level < mu.level,
            )
        )
    return tuple(out)


def fold(marks: Marks, folds: Sequence[Fold]) -> Marks:
    """``marks`` with each group of ``folds`` drawn as one summary box.

    The box is marked with the worst severity and the rule codes found on its
    records (faded when a route is drawn: route records never fold). Edges inside
    a group are dropped; edges with one end in a group become one line per
    (source, target, kind), counting the edges it stands for. Linear in nodes +
    edges (plus sorting).
    """
    if not folds:
        return marks
    where = {n: f for f in folds for n in f.members}
    nodes = {n: m for n, m in marks.nodes.items() if n not in where}
    for f in folds:
        inside = [marks.nodes[n] for n in f.members]
        severities = [m.severity for m in inside if m.severity is not None]
        nodes[f.node] = NodeMark(
            node=f.node,
            kind=FOLD_KIND,
            label=f.title_in(_lang(marks.graph)),
            level=f.level,
            lane=f.lane,
            severity=min(severities, key=SEVERITIES.index, default=None),
            codes=tuple(sorted({c for m in inside for c in m.codes})),
            faded=marks.has_route,
            folded=len(f.members),
            contents=f.contents(_lang(marks.graph)),
        )
    kept, hidden_edges, lines = _fold_edges(marks.edges, where)
    first = len(marks.graph.edges)  # line indices follow the graph's edges
    summary = [
        EdgeMark(
            index=first + i,
            source=u,
            target=v,
            key=None,
            kind=kind,
            data={},
            backwards=nodes[v].level < nodes[u].level,
            count=count,
        )
        for i, ((u, v, kind), count) in enumerate(
            sorted(lines.items(), key=_line_order)
        )
    ]
    return dataclasses.replace(
        marks,
        nodes=nodes,
        edges=(*kept, *summary),
        folds=tuple(folds),
        hidden={n: marks.nodes[n] for n in where},
        hidden_edges=tuple(hidden_edges),
    )


def _line_order(line: tuple[tuple[Any, Any, str], int]) -> tuple[str, str, str]:
    (u, v, kind), _ = line
    return (str(u), str(v), kind)


def _fold_edges(
    edges: Sequence[EdgeMark], where: Mapping[Any, Fold]
) -> tuple[list[EdgeMark], list[EdgeMark], dict[tuple[Any, Any, str], int]]:
    """Edges between open records; edges touching a group; lines to count."""
    kept: list[EdgeMark] = []
    hidden: list[EdgeMark] = []
    lines: dict[tuple[Any, Any, str], int] = defaultdict(int)
    for e in edges:
        fu, fv = where.get(e.source), where.get(e.target)
        if fu is None and fv is None:
            kept.append(e)
            continue
        hidden.append(e)
        u = e.source if fu is None else fu.node
        v = e.target if fv is None else fv.node
        if u != v and e.kind != "part_of":
            lines[(u, v, e.kind)] += 1
    return kept, hidden, lines


def _lang(G: nx.MultiDiGraph) -> str:
    """The language a map of ``G`` is drawn in (``G.graph["lang"]``, else English)."""
    lang = G.graph.get("lang")
    return lang if isinstance(lang, str) and lang else "en"
