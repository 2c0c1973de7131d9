"""One pass over the graph builds the arrays every analysis reads.

:func:`index` walks NetworkX's adjacency dicts once (the only per-edge Python loop
of an analysis) and turns the graph into integer arrays: a code per node kind, and
source, target and relation code per edge. Everything after that is array work
(NumPy; SciPy's compiled graph searches on large graphs), so a full
:func:`pathgraph.check` of a state-scale system costs a few times one breadth-first
search over the graph.

The same pass checks the graph contract (:func:`pathgraph.validate_graph`): unknown
kinds, bad numbers, inconsistent requirement groups are collected in
:attr:`Index.problems`.

Requirement groups (:mod:`pathgraph.requirements`) are compiled once into
:class:`Groups`, and :func:`reach` chains forward through them. The compiled groups
are exactly :func:`pathgraph.requirements.requirement_groups` of every node, plus
each credential's "earn" group (a property test keeps the two equal).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import repeat
from typing import Any, NamedTuple

import networkx as nx
import numpy as np
import numpy.typing as npt

from pathgraph._gc import no_gc
from pathgraph._graphs import GraphLike, as_graph, require_multidigraph, split_holds
from pathgraph.analysis._arrays import (
    _PROGRESSION_EDGE_CODES,
    _SMALL_FRONTIER,
    ADVANCES_TO,
    ARTICULATES_TO,
    ASSESSMENT,
    CONDITION,
    COURSE,
    CREDENTIAL,
    CREDIT_TOLERANCE,
    EDGE_CODE,
    NODE_CODE,
    OCCUPATION,
    PART_OF,
    PROGRAM,
    QUALIFIES_FOR,
    REQUIRES,
    VIA_NAMES,
    Groups,
    Ints,
    Mask,
    csr,
    nonzero,
    ranges,
)
from pathgraph.contract import (
    NUMERIC_ATTRIBUTES,
    PROGRESSION_NODE_KINDS,
    kinds_fix,
    numeric_problems,
)
from pathgraph.errors import (
    ArgumentError,
    GraphContractError,
    Problem,
)
from pathgraph.model.nodes import MAX_NUMBER
from pathgraph.requirements import EMPTY_PRESETS, ENTRY_PRESETS, FOUNDATION_TYPES

_c_scan_edges: Callable[..., Any] | None = None
_c_scan_nodes: Callable[..., Any] | None = None
if os.environ.get("PATHGRAPH_PURE_PYTHON", "") in ("", "0"):
    # The optional C accelerator of the two passes (src/pathgraph/_speedups.c);
    # without it (built with no C compiler) the pure-Python passes run.
    with contextlib.suppress(ImportError):
        from pathgraph._speedups import scan_edges as _c_scan_edges
        from pathgraph._speedups import scan_nodes as _c_scan_nodes

#: The numeric edge attributes, in the order the C pass looks them up.
_NUMERIC = tuple(sorted(NUMERIC_ATTRIBUTES))
#: The numeric node attributes (the C pass of the nodes reads ``destination``).
_NODE_KEYS = frozenset(NUMERIC_ATTRIBUTES)

__all__ = [
    "CREDIT_TOLERANCE",
    "VIA_NAMES",
    "GraphLike",
    "Groups",
    "Index",
    "as_graph",
    "checked_index",
    "cycles",
    "dead",
    "held",
    "index",
    "leads_into",
    "on_ramp",
    "preset_holdings",
    "reach",
    "require_multidigraph",
    "resolve_holdings",
    "search",
    "sorted_ids",
]


def checked_index(G: GraphLike) -> Index:
    """The :class:`Index` of a Pathway or graph that follows the contract.

    Raises
    ------
    pathgraph.GraphContractError
        Listing every contract problem (as :func:`pathgraph.validate_graph`).
    """
    ix = index(as_graph(G))
    if ix.problems:
        raise GraphContractError(ix.problems, source="graph")
    return ix


@dataclass(eq=False)
class Index:
    """A pathway graph as arrays, built once by :func:`index`.

    Attributes
    ----------
    G : networkx.MultiDiGraph
        The graph.
    ids : list
        Node ids; node ``i`` of every array is ``ids[i]``.
    pos : dict
        Node id -> position.
    attrs : list of dict
        Node attribute dicts (the graph's own, not copies).
    kind : int8 array per node
        Node kind code (:data:`NODE_CODE`), -1 when missing or unknown.
    src, dst, rel : arrays per edge
        Source, target and relation code (:data:`EDGE_CODE`, -1 when unknown).
    extra : dict
        Edge position -> attribute dict, for edges with attributes besides ``kind``.
    problems : list of Problem
        Contract problems found while building (see :func:`pathgraph.validate_graph`).
    marked : list of int
        Nodes with ``destination=True``.
    named : dict
        ``requires`` edge position -> (group name, its ``need`` or None), for the
        edges that belong to a named group.
    """

    G: nx.MultiDiGraph
    ids: list[Any]
    pos: dict[Any, int]
    attrs: list[dict[str, Any]]
    kind: npt.NDArray[np.int8]
    src: Ints
    dst: Ints
    rel: npt.NDArray[np.int8]
    extra: dict[int, dict[str, Any]]
    problems: list[Problem] = field(default_factory=list)
    marked: list[int] = field(default_factory=list)
    named: dict[int, tuple[str, int | None]] = field(default_factory=dict)

    @property
    def n(self) -> int:
        """Number of nodes."""
        return len(self.ids)

    def id(self, i: int) -> str:
        """The id of node ``i`` as a string."""
        return str(self.ids[i])

    def label(self, i: int) -> str:
        """The label of node ``i`` (its id when it has none)."""
        return str(self.attrs[i].get("label", self.ids[i]))

    def positions(self, nodes: Iterable[Any]) -> Mask:
        """A node mask of the given ids (ids not in the graph are ignored)."""
        mask = np.zeros(self.n, dtype=bool)
        pos = self.pos
        hits = [pos[h] for h in nodes if h in pos]
        mask[hits] = True
        return mask

    def of_kind(self, *codes: int) -> Mask:
        """Node mask of the given kind codes."""
        return np.isin(self.kind, codes)

    @cached_property
    def _by_rel(self) -> tuple[Ints, Ints]:
        """Edge positions grouped by relation code (a counting sort, done once)."""
        # int8 codes: NumPy's stable sort of 8-bit integers is a radix sort, O(E)
        codes = self.rel + np.int8(1)  # -1 (unknown) -> 0
        order = np.argsort(codes, kind="stable")
        ptr = np.zeros(len(EDGE_CODE) + 2, dtype=np.int64)
        np.cumsum(np.bincount(codes, minlength=len(EDGE_CODE) + 1), out=ptr[1:])
        return order, ptr

    def edges(self, *codes: int) -> Ints:
        """Positions (ascending) of the edges with the given relation codes."""
        order, ptr = self._by_rel
        parts = [order[ptr[c + 1] : ptr[c + 2]] for c in codes]
        if len(parts) == 1:
            return parts[0]
        return np.sort(np.concatenate(parts), kind="stable")

    def progression_edges(self, *codes: int) -> Ints:
        """Positions (ascending) of progression edges: a progression relation (of the
        given codes, default all) between progression nodes."""
        if not codes:
            return self._progression
        e = self.edges(*codes)
        pn = self.progression_node
        out: Ints = e[pn[self.src[e]] & pn[self.dst[e]]]
        return out

    def attr(self, name: str, where: Mask) -> list[Any]:
        """Attribute ``name`` (None when absent) of each node in ``where``."""
        dicts = map(self.attrs.__getitem__, np.flatnonzero(where).tolist())
        return list(map(dict.get, dicts, repeat(name)))

    @cached_property
    def progression_node(self) -> Mask:
        """Nodes of the progression view (programs, courses, assessments,
        conditions, credentials and occupations: the kinds of
        :data:`~pathgraph.contract.PROGRESSION_NODE_KINDS`)."""
        return self.of_kind(*(NODE_CODE[k] for k in sorted(PROGRESSION_NODE_KINDS)))

    @cached_property
    def in_program(self) -> Mask:
        """Courses ``part_of`` a program."""
        part = self.edges(PART_OF)
        part = part[self.kind[self.dst[part]] == PROGRAM]
        out: Mask = (self.out_degree(part) > 0) & (self.kind == COURSE)
        return out

    @cached_property
    def leads_beyond_courses(self) -> Mask:
        """Courses from which a progression path reaches a record that is not a
        course (a requirement of a program, credential, condition...): courses that
        are steps of a pathway, not only of other courses."""
        courses = self.kind == COURSE
        P = self.progression_edges()
        P = P[courses[self.src[P]]]
        beyond = self.progression_node & ~courses
        seen = search(self.n, self.dst[P], self.src[P], beyond)
        out: Mask = seen & courses
        return out

    @cached_property
    def _progression(self) -> Ints:
        e = self.edges(*_PROGRESSION_EDGE_CODES.tolist())
        pn = self.progression_node
        out: Ints = e[pn[self.src[e]] & pn[self.dst[e]]]
        return out

    @cached_property
    def destination(self) -> Mask:
        """Marked destinations, or every occupation when none is marked."""
        marked = self.marked_destination
        if marked.any():
            return marked
        occ: Mask = self.kind == OCCUPATION
        return occ

    @cached_property
    def marked_destination(self) -> Mask:
        """Nodes with ``destination=True``."""
        mask = np.zeros(self.n, dtype=bool)
        mask[self.marked] = True
        return mask

    @cached_property
    def foundation(self) -> Mask:
        """Credentials of a foundation type (``hse``, ``diploma``)."""
        creds = self.kind == CREDENTIAL
        types = self.attr("credential_type", creds)
        mask = np.zeros(self.n, dtype=bool)
        mask[np.flatnonzero(creds)[[t in FOUNDATION_TYPES for t in types]]] = True
        return mask

    def out_degree(self, edges: Ints) -> Ints:
        """Per node, the number of ``edges`` (positions) leaving it."""
        return np.bincount(self.src[edges], minlength=self.n)

    def in_degree(self, edges: Ints) -> Ints:
        """Per node, the number of ``edges`` (positions) entering it."""
        return np.bincount(self.dst[edges], minlength=self.n)

    @cached_property
    def requirement_pairs(self) -> tuple[Ints, Ints, Ints]:
        """:func:`leads_into` of every node (built on first use)."""
        return _requirement_pairs(self)

    @cached_property
    def groups(self) -> Groups:
        """The requirement groups (built on first use)."""
        # lazy: the compiler imports this module
        from pathgraph.analysis._groups import compile_groups

        return compile_groups(self)

    def preset(self, name: str) -> Mask:
        """Holdings of an entry preset (see :data:`pathgraph.ENTRY_PRESETS`)."""
        if name not in ENTRY_PRESETS:
            raise ArgumentError(
                f"unknown entry preset {name!r}; choose one of "
                + ", ".join(ENTRY_PRESETS)
            )
        if name in EMPTY_PRESETS:
            return np.zeros(self.n, dtype=bool)
        held = self.foundation.copy()
        if name == "incumbent":
            occ = self.kind == OCCUPATION
            levels = self.attr("career_level", occ)
            entry = np.flatnonzero(occ)[[lv == "entry" for lv in levels]]
            if entry.size:
                held[entry] = True
            else:
                into = self.in_degree(self.edges(REQUIRES, QUALIFIES_FOR, ADVANCES_TO))
                held |= occ & (into == 0)
            held |= self._required_without_choice(held & occ)
        return held

    def _required_without_choice(self, jobs: Mask) -> Mask:
        """What holding ``jobs`` implies: the options of their requirement groups
        that leave no choice (a group of one option, or one that needs all of
        them), and so on through the conditions among those options (a job that
        requires a condition "all of [cna, cpr]" implies both). A job that accepts
        any of several credentials implies none."""
        g = self.groups
        no_choice = (g.size == 1) | (g.need >= g.size)
        out = np.zeros(self.n, dtype=bool)
        conditions = self.kind == CONDITION
        owners = jobs.copy()
        while owners.any():
            forced = owners[g.node] & no_choice
            implied = np.zeros(self.n, dtype=bool)
            implied[g.option_src[forced[g.option_group]]] = True
            owners = implied & conditions & ~out
            out |= implied
        result: Mask = out & self.of_kind(CREDENTIAL)
        return result


def held(ix: Index, holds: Iterable[str] | str) -> Mask:
    """Node mask of what a person holds: node ids and/or entry preset names.

    Raises
    ------
    pathgraph.UnknownNodeError
        When an item is neither a node nor a preset name.
    """
    ids, presets = split_holds(ix.G, holds)
    mask = ix.positions(ids)
    for name in presets:
        mask |= ix.preset(name)
    return mask


def index(G: nx.MultiDiGraph) -> Index:
    """Build the :class:`Index` of ``G`` in one pass over its nodes and edges.

    Contract problems are collected in ``Index.problems``, not raised.
    """
    # The cyclic GC is paused for the whole pass: the pass allocates hundreds of
    # thousands of small objects, each of which would count towards a collection
    # that walks the whole graph again (most of the time of the requirement checks
    # on a 100,000-node graph was spent in such collections).
    with no_gc():
        nodes = _c_scan_nodes(G._node, _NODE_KEYS, NODE_CODE) if _c_scan_nodes else None
        if nodes is not None:
            ids, attrs, pos, kind_bytes, unknown, numbers, marked = nodes
            kind = np.frombuffer(kind_bytes, np.int8)
        else:
            ids = list(G._node)
            attrs = list(G._node.values())
            pos = dict(zip(ids, range(len(ids)), strict=True))
            raw_kinds, numbers, marked = _scan_nodes(attrs)
            kind = _codes(raw_kinds, NODE_CODE, np.int8)
            unknown = {i: raw_kinds[i] for i in np.flatnonzero(kind < 0).tolist()}
        edges = _edge_arrays(G._succ, ids, pos)
        ix = Index(
            G,
            ids,
            pos,
            attrs,
            kind,
            edges.src,
            edges.dst,
            edges.rel,
            edges.extra,
            marked=sorted(marked),
        )
        # The contract, in the order validate_graph has always reported it.
        _node_problems(ix, unknown, numbers)
        _edge_problems(ix, edges.unknown, _all_non_negative(edges.numbers))
        _requires_problems(ix, edges.grouped)
        _condition_problems(ix)
    return ix


def _scan_nodes(attrs: list[dict[str, Any]]) -> tuple[list[Any], list[Any], list[int]]:
    """Each node's raw ``kind``, the values of the numeric attributes of all nodes,
    and the positions of the nodes marked ``destination``.

    One loop reads each attribute dict once, while it is in cache.
    """
    raw_kinds: list[Any] = []
    numbers: list[Any] = []
    marked: list[int] = []
    add_raw, add_number = raw_kinds.append, numbers.append
    keys = frozenset(NUMERIC_ATTRIBUTES) | {"destination"}
    for i, d in enumerate(attrs):
        add_raw(d.get("kind"))
        if not keys.isdisjoint(d):
            for k in keys.intersection(d):
                if k != "destination":
                    add_number(d[k])
                elif d[k]:
                    marked.append(i)
    return raw_kinds, numbers, marked


class _Edges(NamedTuple):
    """What the one pass over the edges gives :func:`index`."""

    src: Ints
    dst: Ints
    rel: npt.NDArray[np.int8]
    #: edge position -> attribute dict, for edges with more than a ``kind``
    extra: dict[int, dict[str, Any]]
    #: the values of the numeric attributes of those edges (to check)
    numbers: list[Any]
    #: edge position -> raw kind (None when missing), where ``rel`` is -1
    unknown: dict[int, Any]
    #: (edge position, need, group) of the edges with a ``need`` or a ``group``
    grouped: list[tuple[int, Any, Any]]


def _edge_arrays(
    succ: dict[Any, dict[Any, dict[Any, dict[str, Any]]]],
    ids: list[Any],
    pos: dict[Any, int],
) -> _Edges:
    """The edges as ``(src, dst, rel)`` arrays, plus what the pass keeps aside.

    The pass is :func:`pathgraph._speedups.scan_edges` (C) when the accelerator
    is built and the graph is made of plain dicts with str ids, else :func:`_scan`
    (Python); both give the same. Sources follow from the out-degrees.
    """
    fast = _c_scan_edges(succ, pos, _NUMERIC, EDGE_CODE) if _c_scan_edges else None
    if fast is not None:
        dst_bytes, degree_bytes, rel_bytes, unknown, extra, numbers, grouped = fast
        dst: Ints = np.frombuffer(dst_bytes, np.int32)
        cut: Ints = np.frombuffer(degree_bytes, np.int64)
        rel = np.frombuffer(rel_bytes, np.int8)
    else:
        targets, kinds, ends, extra, numbers, grouped = _scan(succ)
        cut = np.fromiter(ends, np.int64, len(ends))
        cut[1:] -= cut[:-1].copy()  # out-degrees
        # Positions are int32 (half the memory traffic of int64).
        dst = np.fromiter(map(pos.__getitem__, targets), np.int32, len(targets))
        del targets
        rel = _codes(kinds, EDGE_CODE, np.int8)
        unknown = {e: kinds[e] for e in np.flatnonzero(rel < 0).tolist()}
    if list(succ) == ids:  # NetworkX keeps both in insertion order
        sources = np.arange(len(ids), dtype=np.int32)
    else:
        sources = np.fromiter(map(pos.__getitem__, succ), np.int32, len(succ))
    src = np.repeat(sources, cut)
    return _Edges(src, dst, rel, extra, numbers, unknown, grouped)


def _node_problems(ix: Index, unknown: dict[int, Any], numbers: list[Any]) -> None:
    """Add the nodes' contract problems (kinds, numbers) to ``ix.problems``.

    ``unknown`` is position -> raw kind (None when missing) of the nodes whose kind
    is missing or unknown; ``numbers`` the values of every node's numeric
    attributes."""
    numeric = frozenset(NUMERIC_ATTRIBUTES)
    kind, attrs = ix.kind, ix.attrs
    bad_nodes = set(np.flatnonzero(kind < 0).tolist())
    if not _all_non_negative(numbers):
        bad_nodes.update(i for i, d in enumerate(attrs) if not numeric.isdisjoint(d))
    for i in sorted(bad_nodes):
        at = f"node {ix.ids[i]!r}"
        if kind[i] < 0:
            k = unknown[i]
            ix.problems.append(
                Problem(
                    at,
                    "has no kind" if k is None else f"unknown kind {k!r}",
                    kinds_fix(),
                )
            )
        ix.problems.extend(numeric_problems(at, attrs[i]))


def _edge_at(ix: Index, e: int) -> str:
    """Where edge ``e`` is, for a problem."""
    return f"edge {ix.ids[ix.src[e]]!r} -> {ix.ids[ix.dst[e]]!r}"


def _edge_problems(ix: Index, unknown: dict[int, Any], numbers_ok: bool) -> None:
    """Add the edges' contract problems (kinds, numbers) to ``ix.problems``."""
    extra = ix.extra
    for e in sorted(unknown.keys() | (set() if numbers_ok else extra.keys())):
        if e in unknown:
            k = unknown[e]
            ix.problems.append(
                Problem(
                    _edge_at(ix, e),
                    "has no kind" if k is None else f"unknown kind {k!r}",
                    kinds_fix(edges=True),
                )
            )
        else:
            ix.problems.extend(numeric_problems(_edge_at(ix, e), extra[e]))


def _requires_problems(ix: Index, grouped: list[tuple[int, Any, Any]]) -> None:
    """Record the named requirement groups in ``ix.named`` and add the problems of
    ``need`` and ``group`` on ``requires`` edges to ``ix.problems``.

    ``grouped`` is ``(edge position, need, group)`` of every edge with a ``need``
    or a ``group`` (collected by the pass over the edges, so no edge's attributes
    are read twice). The ``requires`` edges into a condition are its options:
    their ``group`` and ``need`` mean nothing (the condition's own ``need``
    counts) and are skipped.
    """
    problems, named = ix.problems, ix.named
    at = np.fromiter((e for e, _, _ in grouped), np.int64, len(grouped))
    keep = (ix.rel[at] == REQUIRES) & (ix.kind[ix.dst[at]] != CONDITION)
    rows = [row for row, k in zip(grouped, keep.tolist(), strict=True) if k]
    need_of = [need for _, need, _ in rows]
    if set(map(type, need_of)) <= {int, type(None)} and set(need_of) <= {None, 1}:
        # The common case: every need is 1 or absent, so no need is invalid and
        # no group has conflicting needs or needs more than it has. Only the
        # named groups are recorded.
        named.update(
            (e, (str(group), need)) for e, need, group in rows if group is not None
        )
        return
    needs: dict[tuple[int, str], list[Any]] = {}
    targets_of = ix.dst[[e for e, _, _ in rows]].tolist()
    for (e, need, group), v in zip(rows, targets_of, strict=True):
        if group is not None:
            named[e] = (str(group), need if type(need) is int else None)
        if need is None:
            if group is not None:
                needs.setdefault((v, group), []).append(need)
        elif not isinstance(need, int) or isinstance(need, bool) or need < 1:
            problems.append(
                Problem(
                    _edge_at(ix, e), f"need must be a whole number >= 1, not {need!r}"
                )
            )
        elif group is not None:
            needs.setdefault((v, group), []).append(need)
        elif need > 1:
            problems.append(Problem(_edge_at(ix, e), f"need {need} of a group of one"))
    for (target, group), given in needs.items():
        distinct = {x for x in given if x is not None}
        if len(distinct) > 1:
            problems.append(
                Problem(
                    f"node {ix.ids[target]!r}",
                    f"requirement group {group!r} has conflicting needs "
                    f"{sorted(distinct)}",
                )
            )
        elif distinct and max(distinct) > len(given):
            problems.append(
                Problem(
                    f"node {ix.ids[target]!r}",
                    f"requirement group {group!r} needs {max(distinct)} of "
                    f"{len(given)}",
                )
            )


def _condition_problems(ix: Index) -> None:
    """Add the problems of conditions' ``need`` to ``ix.problems``: a whole number
    from 1 to the number of the condition's options."""
    conditions = ix.kind == CONDITION
    if not conditions.any():
        return
    nodes = np.flatnonzero(conditions)
    needs = ix.attr("need", conditions)
    if all(k is None for k in needs):
        return
    req = ix.edges(REQUIRES)
    req = req[conditions[ix.dst[req]]]
    pairs = np.unique(ix.dst[req].astype(np.int64) * ix.n + ix.src[req])
    options = np.bincount(pairs // max(ix.n, 1), minlength=ix.n)
    for v, need in zip(nodes.tolist(), needs, strict=True):
        if need is None:
            continue
        at = f"node {ix.ids[v]!r}"
        if not isinstance(need, int) or isinstance(need, bool) or need < 1:
            ix.problems.append(
                Problem(at, f"need must be a whole number >= 1, not {need!r}")
            )
        elif need > options[v]:
            have = int(options[v])
            ix.problems.append(
                Problem(
                    at,
                    f"condition needs {need} but has only {have} "
                    f"option{'s' * (have != 1)}",
                    f"lower need to at most {have} or add options (requires)",
                )
            )


def _scan(
    succ: dict[Any, dict[Any, dict[Any, dict[str, Any]]]],
) -> tuple[
    list[Any],
    list[Any],
    list[int],
    dict[int, dict[str, Any]],
    list[Any],
    list[tuple[int, Any, Any]],
]:
    """Every edge's target and kind (None when missing), where each source's edges
    end, the attribute dicts of edges with more than a kind (by edge position), the
    values of their numeric attributes (``months``, ``cost``...), and their
    ``(position, need, group)`` where they have a need or a group."""
    numeric = frozenset(NUMERIC_ATTRIBUTES)
    targets: list[Any] = []
    kinds: list[Any] = []
    ends: list[int] = []
    extra: dict[int, dict[str, Any]] = {}
    numbers: list[Any] = []
    grouped: list[tuple[int, Any, Any]] = []
    add_target, add_kind, add_end = targets.append, kinds.append, ends.append
    add_number = numbers.append
    for nbrs in succ.values():
        for v, keydict in nbrs.items():
            for d in keydict.values():
                add_target(v)
                if len(d) > 1:
                    e = len(kinds)
                    extra[e] = d
                    for k in numeric.intersection(d):
                        add_number(d[k])
                    need, group = d.get("need"), d.get("group")
                    if need is not None or group is not None:
                        grouped.append((e, need, group))
                add_kind(d.get("kind"))
        add_end(len(kinds))
    return targets, kinds, ends, extra, numbers, grouped


def _all_non_negative(values: list[Any]) -> bool:
    """Whether every value is an int or float from 0 to ``MAX_NUMBER`` (not NaN,
    not infinite, not bool): the fast path of :func:`numeric_problems`."""
    if not set(map(type, values)) <= {int, float}:
        return False
    try:
        numbers = np.array(values, dtype=np.float64)
    except OverflowError:
        return False
    in_range = (numbers >= 0) & (numbers <= MAX_NUMBER)  # False for NaN
    return bool(in_range.all())


def _codes(values: list[Any], table: dict[str, int], dtype: Any) -> Any:
    """Map kind strings to codes (-1 for anything else), vectorised."""
    try:
        return np.fromiter(map(table.get, values, repeat(-1)), dtype, len(values))
    except TypeError:  # an unhashable kind, such as a list
        return np.array(
            [table.get(v, -1) if isinstance(v, str) else -1 for v in values], dtype
        )


def reach(ix: Index, held: Mask, within: Mask | None = None) -> Mask:
    """Everything a person holding ``held`` can eventually hold (forward chaining).

    Definition: the least set that contains ``held``, and that contains a node of
    the progression view once each of its requirement groups (:class:`Groups`) is
    met by the set: ``need`` of its options in the set and, for a credit
    condition, options in the set whose ``credits`` add up to its total. So a
    program, occupation, course, assessment or condition with no group (or only
    groups met by nothing held, such as a condition without options) is open to
    anyone; a credential is earned only through its earn group (a program,
    assessment or condition that awards it, or a credential that stacks into it)
    and its own groups, and one with no earn group is only ever held.

    Worklist algorithm with counters: every (group, option) pair is counted once,
    when its option is reached, adding 1 to the group's count and the option's
    credits to its sum, so the work is O(V + E). Large frontiers are processed as
    array batches; small ones node by node, so long thin chains cost no more than
    wide ones.

    With ``within``, only nodes of that mask are ever added to ``held`` (the
    conditions a person meets with what they hold, for :func:`on_ramp`).
    """
    g = ix.groups
    n = ix.n
    missing = g.per_node - np.bincount(g.node[g.met_by_nothing], minlength=n)
    # Credentials nobody can earn never reach zero missing groups.
    missing[(ix.kind == CREDENTIAL) & ~g.earnable] = n + 1
    if within is not None:
        missing[~within] = n + 1
    open_ = ix.progression_node & (missing == 0) & (ix.kind != CREDENTIAL)
    reached: Mask = held | open_
    chain = _Chain(g, missing, reached)
    frontier = nonzero(reached)
    while frontier.size:
        if frontier.size >= _SMALL_FRONTIER:
            frontier = chain.batch(frontier)
        else:
            frontier = chain.one_by_one(frontier)
    return reached


class _Chain:
    """The counters of :func:`reach`, and the two ways to advance them."""

    def __init__(self, g: Groups, missing: Ints, reached: Mask) -> None:
        self.g = g
        self.missing = missing
        self.reached = reached
        self.count = np.zeros(len(g.node), dtype=np.int64)
        self.credit = bool(g.has_credits.any())
        self.got = np.zeros(len(g.node), dtype=np.float64)
        self.fired = g.met_by_nothing.copy()
        self.slow = 0
        self.lists: tuple[list[Any], ...] | None = None

    def _release(self, met: Ints) -> Ints:
        """Count groups ``met`` (each once) against their nodes; the nodes that
        now have every group met and were not reached."""
        nodes, dec = np.unique(self.g.node[met], return_counts=True)
        self.missing[nodes] -= dec
        newly: Ints = nodes[(self.missing[nodes] == 0) & ~self.reached[nodes]]
        self.reached[newly] = True
        return newly

    def batch(self, frontier: Ints) -> Ints:
        """Advance every option of ``frontier`` at once (array work)."""
        g = self.g
        wgroup, wptr = g.by_src
        rows = ranges(wptr[frontier], wptr[frontier + 1])
        if not rows.size:
            return rows
        gids, c = np.unique(wgroup[rows], return_counts=True)
        before = self.count[gids]
        after = before + c
        self.count[gids] = after
        need = g.need[gids]
        plain = (before < need) & (after >= need)
        if not self.credit:
            return self._release(gids[plain])
        credit = g.has_credits[gids]
        met = gids[plain & ~credit]
        if credit.any():  # add the credits of the options, then look at totals
            counted = rows[g.has_credits[wgroup[rows]]]
            np.add.at(self.got, wgroup[counted], g.option_weight[counted])
            cg = gids[credit]
            now = ~self.fired[cg] & (self.count[cg] >= g.need[cg])
            now &= self.got[cg] >= g.threshold[cg]
            self.fired[cg[now]] = True
            met = np.concatenate([met, cg[now]])
        return self._release(met)

    def one_by_one(self, frontier: Ints) -> Ints:
        """Advance node by node, until the worklist grows wide again. Array
        slices at first; after many such nodes, Python lists (converting costs
        O(E) once)."""
        g = self.g
        if self.lists is None and self.slow > _SMALL_FRONTIER**2:
            wgroup, wptr = g.by_src
            self.lists = (
                wgroup.tolist(),
                wptr.tolist(),
                g.need.tolist(),
                g.node.tolist(),
            )
        stack: list[int] = frontier.tolist()
        count, missing, reached = self.count, self.missing, self.reached
        credit = g.has_credits if self.credit else None
        while stack and len(stack) < _SMALL_FRONTIER:
            u = stack.pop()
            self.slow += 1
            nd: Any
            gn: Any
            if self.lists is not None:
                wg, wp, nd, gn = self.lists
                lo, hi = wp[u], wp[u + 1]
                of_u = wg[lo:hi]
            else:
                nd, gn = g.need, g.node
                wgroup, wptr = g.by_src
                lo, hi = int(wptr[u]), int(wptr[u + 1])
                of_u = wgroup[lo:hi].tolist()
            for r, gid in enumerate(of_u, lo):
                seen = int(count[gid]) + 1
                count[gid] = seen
                if credit is not None and credit[gid]:
                    if not self._credit_met(gid, seen, float(g.option_weight[r])):
                        continue
                elif seen != nd[gid]:
                    continue
                v = int(gn[gid])
                missing[v] -= 1
                if missing[v] == 0 and not reached[v]:
                    reached[v] = True
                    stack.append(v)
        return np.array(stack, dtype=np.int64)

    def _credit_met(self, gid: int, seen: int, w: float) -> bool:
        """Add an option worth ``w`` credits to credit group ``gid`` (``seen``
        options now); True the first time the group is met."""
        self.got[gid] += w
        if self.fired[gid] or seen < self.g.need[gid]:
            return False
        if self.got[gid] < self.g.threshold[gid]:
            return False
        self.fired[gid] = True
        return True


#: Above this many edges, searches use SciPy's compiled code; below it, plain
#: Python over the same arrays, which is faster than importing SciPy (about 0.3 s):
#: 100,000 edges take about 0.05 s. Once SciPy is loaded, it is used at any size.
SCIPY_EDGES = 100_000


def _use_scipy(edges: int) -> bool:
    return edges > SCIPY_EDGES or "scipy.sparse.csgraph" in sys.modules


def search(n: int, heads: Ints, tails: Ints, start: Mask) -> Mask:
    """Nodes reachable from ``start`` along the edges ``heads[i] -> tails[i]``.

    One search in O(V + E): SciPy's compiled breadth-first search from a virtual
    source joined to every start node, or, for a small graph, a depth-first search
    in Python (:data:`SCIPY_EDGES`). Both give the same set.
    """
    starts = nonzero(start)
    if not starts.size:
        return np.zeros(n, dtype=bool)
    if not _use_scipy(heads.size):
        return _search_small(n, heads, tails, starts)
    # lazy: start-up time (scipy takes about 0.3 s to import)
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import breadth_first_order

    rows = np.concatenate([heads, np.full(starts.size, n, dtype=np.int64)])
    cols = np.concatenate([tails, starts])
    A = csr_matrix(
        (np.ones(rows.size, dtype=np.int8), (rows, cols)), shape=(n + 1, n + 1)
    )
    order = breadth_first_order(A, n, directed=True, return_predecessors=False)
    seen = np.zeros(n + 1, dtype=bool)
    seen[order] = True
    out: Mask = seen[:n]
    return out


def _search_small(n: int, heads: Ints, tails: Ints, starts: Ints) -> Mask:
    """:func:`search` in Python: a depth-first search over the edges grouped by
    head (:func:`csr`)."""
    order, ptr = csr(heads, n)
    succ: list[int] = tails[order].tolist()
    first: list[int] = ptr.tolist()
    seen = [False] * n
    stack: list[int] = starts.tolist()
    for v in stack:
        seen[v] = True
    while stack:
        v = stack.pop()
        for w in succ[first[v] : first[v + 1]]:
            if not seen[w]:
                seen[w] = True
                stack.append(w)
    return np.array(seen, dtype=bool)


def cycles(n: int, heads: Ints, tails: Ints) -> list[Ints]:
    """The strongly connected components of more than one node, as node arrays
    (each in increasing order; the components in no particular order).

    SciPy's compiled search, or NetworkX's for a small graph
    (:data:`SCIPY_EDGES`): the same components.
    """
    if not heads.size:
        return []
    if not _use_scipy(heads.size):
        G = nx.DiGraph()
        G.add_edges_from(zip(heads.tolist(), tails.tolist(), strict=True))
        return [
            np.array(sorted(c), dtype=np.int64)
            for c in nx.strongly_connected_components(G)
            if len(c) > 1
        ]
    # lazy: start-up time (scipy takes about 0.3 s to import)
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    A = csr_matrix((np.ones(heads.size, dtype=np.int8), (heads, tails)), shape=(n, n))
    _, labels = connected_components(A, directed=True, connection="strong")
    sizes = np.bincount(labels)
    big = np.flatnonzero(sizes > 1)
    if not big.size:
        return []
    order, ptr = csr(labels.astype(np.int64), len(sizes))
    return [order[ptr[c] : ptr[c + 1]] for c in big.tolist()]


def dead(ix: Index) -> Mask:
    """Dead ends: steps from which no destination and no occupation (an off-ramp)
    is reachable along progression edges.

    The steps judged are programs, assessments and credentials, and courses that
    are part of no program but lead into a requirement beyond other courses (a
    course of a program's curriculum is judged with its program; one that leads
    nowhere at all is ``course-outside-program``). Conditions are never dead ends
    themselves (they are part of a requirement), but paths run through them.
    """
    P = ix.progression_edges()
    seen = search(ix.n, ix.dst[P], ix.src[P], ix.destination | (ix.kind == OCCUPATION))
    out: Mask = ix.of_kind(PROGRAM, CREDENTIAL, ASSESSMENT) & ~seen
    courses = (ix.kind == COURSE) & ~seen & ~ix.in_program
    if courses.any():
        out |= courses & ix.leads_beyond_courses
    return out


def on_ramp(ix: Index, held: Mask) -> Mask:
    """Programs and occupations not held whose every group ``held`` meets, with
    the conditions ``held`` meets counted as held (meeting a condition is free)."""
    g = ix.groups
    conditions = ix.kind == CONDITION
    if conditions.any():
        held = reach(ix, held, within=conditions)
    unmet = np.bincount(g.node[~g.met_by(held)], minlength=ix.n)
    out: Mask = ix.of_kind(PROGRAM, OCCUPATION) & ~held & (unmet == 0)
    return out


def leads_into(ix: Index, sources: Mask) -> tuple[Ints, Ints, Ints]:
    """Which records each source node is a requirement of, through conditions.

    Returns ``(u, x, e)`` arrays: source ``u`` (in ``sources``) and record ``x``
    such that a ``requires`` or ``articulates_to`` edge ``e`` leaves ``u`` for
    ``x`` (``articulates_to`` only into a program), or ``u`` leads so into a
    condition that is an option (``requires``) of ``x``, nested to any depth;
    ``e`` is then the edge that leaves ``u``. One row per edge leaving a source,
    then one per way through conditions (each (``u``, condition) pair is followed
    once, so a record reached by two ways may be listed twice). Computed once per
    index for every node (:attr:`Index.requirement_pairs`), then filtered.
    """
    u, x, e = ix.requirement_pairs
    keep = sources[u]
    return u[keep], x[keep], e[keep]


def _requirement_pairs(ix: Index) -> tuple[Ints, Ints, Ints]:
    """:func:`leads_into` for every node: one round of array work per level of
    condition nesting."""
    src, dst, kind = ix.src, ix.dst, ix.kind
    first = ix.edges(REQUIRES, ARTICULATES_TO)
    first = first[(ix.rel[first] != ARTICULATES_TO) | (kind[dst[first]] == PROGRAM)]
    u, x, e = src[first].astype(np.int64), dst[first].astype(np.int64), first
    req = ix.edges(REQUIRES)
    req = req[kind[src[req]] == CONDITION]
    if not req.size:
        return u, x, e
    order, ptr = csr(src[req], ix.n)
    at = kind[x] == CONDITION
    fu, fx, fe = u[at], x[at], e[at]
    seen = np.sort(fu * ix.n + fx)
    parts = [(u, x, e)]
    while fu.size:
        lengths = ptr[fx + 1] - ptr[fx]
        nxt = dst[req[order[ranges(ptr[fx], ptr[fx + 1])]]].astype(np.int64)
        fu, fe = np.repeat(fu, lengths), np.repeat(fe, lengths)
        key = fu * ix.n + nxt
        _, first_way = np.unique(key, return_index=True)
        fu, nxt, fe, key = fu[first_way], nxt[first_way], fe[first_way], key[first_way]
        parts.append((fu, nxt, fe))
        # Follow on from the conditions reached for the first time.
        at = kind[nxt] == CONDITION
        at[at] = ~_sorted_contains(seen, key[at])
        fu, fx, fe = fu[at], nxt[at], fe[at]
        seen = np.sort(np.concatenate([seen, key[at]]))
    return tuple(np.concatenate(p) for p in zip(*parts, strict=True))  # type: ignore[return-value]


def _sorted_contains(haystack: Ints, needles: Ints) -> Mask:
    """Whether each of ``needles`` is in the sorted array ``haystack``."""
    if not haystack.size:
        return np.zeros(needles.size, dtype=bool)
    at = np.minimum(np.searchsorted(haystack, needles), haystack.size - 1)
    found: Mask = haystack[at] == needles
    return found


def sorted_ids(ix: Index, mask: Mask) -> list[str]:
    """The ids of the nodes in ``mask`` as sorted strings."""
    ids = ix.ids
    return sorted(str(ids[i]) for i in np.flatnonzero(mask).tolist())


def preset_holdings(G: GraphLike, entry: str) -> frozenset[str]:
    """The node ids a person at entry point ``entry`` holds in ``G``.

    See :data:`pathgraph.ENTRY_PRESETS`.

    Raises
    ------
    pathgraph.ArgumentError
        For an unknown preset name.

    Examples
    --------
    >>> import networkx as nx, pathgraph
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ged", kind="credential", credential_type="hse")
    >>> G.add_node("cna", kind="credential", credential_type="license")
    >>> sorted(pathgraph.preset_holdings(G, "diploma"))
    ['ged']
    >>> sorted(pathgraph.preset_holdings(G, "abe"))
    []
    """
    ix = checked_index(G)
    return frozenset(sorted_ids(ix, ix.preset(entry)))


def resolve_holdings(
    G: nx.MultiDiGraph, holds: Iterable[str] | str = (), entry: str | None = None
) -> frozenset[str]:
    """Holdings from explicit ids and/or an entry preset, checked against ``G``.

    ``holds`` may name preset names too (``holds=("abe",)``).

    Raises
    ------
    pathgraph.UnknownNodeError
        When a held id is neither a node of ``G`` nor a preset name.
    pathgraph.ArgumentError
        For an unknown ``entry`` preset.
    """
    ids, presets = split_holds(G, holds)
    if entry is not None:
        presets.append(entry)
    out = set(ids)
    if presets:
        ix = index(G)
        for name in presets:
            out.update(sorted_ids(ix, ix.preset(name)))
    return frozenset(out)
