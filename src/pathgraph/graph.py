"""Pathway <-> ``networkx.MultiDiGraph``, views and lookups.

The graph follows the contract of :mod:`pathgraph.contract`: node ids are record
ids, every node and edge has ``kind``, a record's other fields are plain attributes
present only when set (``months``, ``cost``, ``wage_median``, ``destination``...),
and ``G.graph`` holds the pathway's metadata. A graph built by hand with NetworkX
calls works as well as one built by :func:`to_graph`.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pydantic

from pathgraph.contract import METADATA_KEYS, PROGRESSION_NODE_KINDS, kinds_fix
from pathgraph.errors import Problem, ValidationError
from pathgraph.model import NODE_TYPES, PROGRESSION_KINDS, RELATION_TYPES, Pathway

__all__ = [
    "edge_key",
    "from_graph",
    "nodes_of_kind",
    "progression_view",
    "to_graph",
]


def edge_key(kind: str, attrs: dict[str, Any]) -> str:
    """The key :func:`to_graph` gives an edge: its kind, plus its group if any.

    Examples
    --------
    >>> edge_key("awards", {})
    'awards'
    >>> edge_key("requires", {"group": "entry"})
    'requires:entry'
    """
    group = attrs.get("group")
    return f"{kind}:{group}" if group is not None else kind


def to_graph(pathway: Pathway) -> nx.MultiDiGraph:
    """Build the pathway's graph.

    Parameters
    ----------
    pathway
        A validated pathway.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph; node and edge attributes as described in :mod:`pathgraph.graph`.
        Fields left at their default are not stored (``G.nodes[n].get("months", 0)``).

    Examples
    --------
    >>> import pathgraph
    >>> p = pathgraph.Pathway(
    ...     title="Tiny",
    ...     nodes=[
    ...         {"kind": "program", "id": "cna-course", "label": "CNA course",
    ...          "months": 2},
    ...         {"kind": "credential", "id": "cna", "label": "CNA license"},
    ...     ],
    ...     relations=[{"kind": "awards", "source": "cna-course", "target": "cna"}],
    ... )
    >>> G = pathgraph.to_graph(p)
    >>> G.nodes["cna-course"]
    {'kind': 'program', 'label': 'CNA course', 'months': 2}
    >>> list(G.edges(keys=True, data="kind"))
    [('cna-course', 'cna', 'awards', 'awards')]
    """
    G = nx.MultiDiGraph()
    meta = pathway.model_dump(
        include=set(METADATA_KEYS), exclude_defaults=True, exclude_none=True
    )
    G.graph.update({k: meta[k] for k in METADATA_KEYS if k in meta})
    if pathway.lang:
        G.graph["lang"] = pathway.lang
    for node in pathway.nodes:
        attrs = node.model_dump(exclude={"id", "kind", "label"}, exclude_defaults=True)
        G.add_node(node.id, kind=node.kind, label=node.label, **attrs)
    for rel in pathway.relations:
        attrs = rel.model_dump(exclude={"source", "target"}, exclude_defaults=True)
        G.add_edge(
            rel.source,
            rel.target,
            key=edge_key(rel.kind, attrs),
            kind=rel.kind,
            **attrs,
        )
    return G


def from_graph(G: nx.MultiDiGraph, *, extra: str = "forbid") -> Pathway:
    """Read a pathway back from a graph.

    Parameters
    ----------
    G
        A graph following the contract in :mod:`pathgraph.graph`, built by
        :func:`to_graph` or by hand.
    extra
        ``"forbid"`` (default): an attribute that is no field of the record's model is
        a problem; ``"ignore"``: such attributes are dropped (layout coordinates,
        computed scores).

    Returns
    -------
    Pathway

    Raises
    ------
    pathgraph.ValidationError
        Listing every node and edge that does not make a valid record.

    Examples
    --------
    >>> import networkx as nx, pathgraph
    >>> G = nx.MultiDiGraph(title="By hand")
    >>> G.add_node("ged", kind="credential", label="GED", credential_type="hse")
    >>> pathgraph.from_graph(G).node("ged").credential_type
    'hse'
    """
    if extra not in ("forbid", "ignore"):
        raise ValueError("extra must be 'forbid' or 'ignore'")
    problems: list[Problem] = []
    nodes: list[Any] = []
    relations: list[Any] = []
    for n, attrs in G.nodes(data=True):
        where = f"node {n!r}"
        kind = attrs.get("kind")
        if not isinstance(n, str):
            problems.append(Problem(where, "node ids must be strings", "use str ids"))
            continue
        if kind not in NODE_TYPES:
            problems.append(Problem(where, f"unknown kind {kind!r}", kinds_fix()))
            continue
        data = {"id": n, **attrs}
        if "label" not in data:
            data["label"] = n
        model = NODE_TYPES[kind]
        if extra == "ignore":
            data = {k: v for k, v in data.items() if k in model.model_fields}
        try:
            nodes.append(model.model_validate(data))
        except pydantic.ValidationError as exc:
            problems.extend(_pydantic_problems(exc, where, n))
    for u, v, attrs in G.edges(data=True):
        where = f"edge {u!r} -> {v!r}"
        kind = attrs.get("kind")
        if kind not in RELATION_TYPES:
            problems.append(
                Problem(where, f"unknown edge kind {kind!r}", kinds_fix(edges=True))
            )
            continue
        rmodel = RELATION_TYPES[kind]
        data = {"source": u, "target": v, **attrs}
        if extra == "ignore":
            data = {k: val for k, val in data.items() if k in rmodel.model_fields}
        try:
            relations.append(rmodel.model_validate(data))
        except pydantic.ValidationError as exc:
            problems.extend(_pydantic_problems(exc, where, str(u)))
    meta = {k: G.graph[k] for k in METADATA_KEYS if k in G.graph}
    meta.setdefault("title", "Untitled pathway")
    if problems:
        raise ValidationError(problems, source="graph")
    try:
        return Pathway(**meta, nodes=nodes, relations=relations)
    except pydantic.ValidationError as exc:
        raise ValidationError(
            _pydantic_problems(exc, "graph", ""), source="graph"
        ) from exc


def _pydantic_problems(
    exc: pydantic.ValidationError, where: str, record: str
) -> list[Problem]:
    out = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown attribute"
        text = f"{loc}: {msg}" if loc else msg
        out.append(Problem(where, text, "", record))
    return out


def progression_view(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The read-only view of the progression: the moves a person makes.

    Nodes: occupations, credentials and programs. Edges: ``awards``, ``requires``,
    ``qualifies_for``, ``stacks_into``, ``articulates_to`` and ``advances_to``.
    The view shares the graph's data; it reflects later changes to ``G``.

    Examples
    --------
    >>> import networkx as nx, pathgraph
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("p", kind="program"); G.add_node("c", kind="credential")
    >>> G.add_node("college", kind="provider")
    >>> _ = G.add_edge("p", "c", kind="awards")
    >>> _ = G.add_edge("p", "college", kind="offered_by")
    >>> V = pathgraph.progression_view(G)
    >>> sorted(V.nodes), list(V.edges())
    (['c', 'p'], [('p', 'c')])
    """
    nodes = G.nodes

    def keep_node(n: Any) -> bool:
        return nodes[n].get("kind") in PROGRESSION_NODE_KINDS

    def keep_edge(u: Any, v: Any, k: Any) -> bool:
        return G[u][v][k].get("kind") in PROGRESSION_KINDS

    view: nx.MultiDiGraph = nx.subgraph_view(
        G, filter_node=keep_node, filter_edge=keep_edge
    )
    return view


def nodes_of_kind(G: nx.MultiDiGraph, *kinds: str) -> list[str]:
    """Sorted ids of the nodes of the given kinds.

    Examples
    --------
    >>> import networkx as nx, pathgraph
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("b", kind="credential"); G.add_node("a", kind="credential")
    >>> pathgraph.nodes_of_kind(G, "credential")
    ['a', 'b']
    """
    wanted = set(kinds)
    return sorted(n for n, k in G.nodes(data="kind") if k in wanted)
