"""The movement model: which moves a learner holding a set of nodes can make.

A learner holds a set of node ids. The moves (one per step of a route) are:

``complete`` a program ``P`` (not held)
    Needs every requirement group of ``P`` met (:mod:`pathgraph.requirements`), and
    those of every credential ``P`` awards. Takes ``P.months`` and ``P.cost`` (default
    0), minus the savings of every ``articulates_to`` edge ``X -> P`` whose source
    ``X`` is held (savings add up; the result is never below 0). Grants ``P`` and
    every credential ``P`` ``awards``.
``take`` a course, ``pass`` an assessment (not held)
    The same as ``complete``, for a course (its prerequisites and corequisites are
    groups of one; it awards nothing) or an assessment (it may award credentials).
``meet`` a condition (not held)
    Needs the condition's group met (and those of the credentials it awards). Takes
    no time and costs nothing. Grants the condition and every credential it
    ``awards`` (earning a credential by meeting its conditions).
``stack`` along ``stacks_into`` ``C -> D``
    Needs ``C`` held, ``D`` not held, and ``D``'s own requirement groups met. Takes the
    edge's ``months`` and ``cost`` (default 0). Grants ``D``.
``hired`` into an occupation ``O`` (not held)
    Needs the ``requires`` groups of ``O`` met and, when ``O`` has ``qualifies_for``
    or ``advances_to`` edges, a held credential that ``qualifies_for`` ``O``. An
    occupation with neither edge is open to anyone (an entry-level job). Takes
    ``O.months`` (default 0), cost 0.
``switch`` along ``related_to`` ``U -> O`` (only with ``related=True``)
    O*NET's related occupations as moves between jobs. Needs ``U`` held, the
    ``requires`` groups of ``O`` met and, when ``O`` has ``qualifies_for`` edges, a
    credential that qualifies for it (a licence is needed whoever moves). Takes
    :data:`MONTHS_PER_ZONE` months of experience in ``U``, plus as many again for
    each job-zone step from ``U`` up to ``O`` (none for a lateral move, a step
    down, or an unknown zone), plus ``O.months``; cost 0. A cost model, not a
    fact: the route states it as an assumption. With
    ``related=True`` an occupation that nothing leads into (no ``qualifies_for``,
    ``advances_to``) and whose job zone is 3 or more (it needs preparation) is no
    longer open to anyone: it is reached by a switch.
``advance`` along ``advances_to`` ``U -> O``
    Needs ``U`` held and the ``requires`` groups of ``O`` met. Takes the edge's
    ``months`` of experience plus ``O.months`` (default 0), cost 0.

Articulation savings of an edge ``X -> P``: ``months_saved`` and ``cost_saved`` when
set. When a field is missing and the edge has ``credits`` and ``P`` has ``credits >
0``, the saving is prorated: ``months_saved = P.months * min(1, credits / P.credits)``
and likewise ``cost_saved = P.cost * min(1, credits / P.credits)``. Otherwise 0.

Steps are taken one after another: months and cost add up along a route; a node
already held is never acquired again, so shared prerequisites are paid once. The
goal is reached when a goal node is held.

Attributes read (all through ``.get`` with a default): node ``kind``, ``months``
(0), ``cost`` (0), ``credits`` (None), ``wage_median`` (None), ``label`` (the id);
edge ``kind``, ``months`` (0), ``cost`` (0), ``months_saved``, ``cost_saved``,
``credits`` (None); ``requires`` edges' ``group`` and ``need`` as in
:mod:`pathgraph.requirements`; ``supports`` edges from nodes of kind ``service``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from pathgraph.model.relations import PROGRESSION_KINDS
from pathgraph.requirements import RequirementGroup, requirement_groups

__all__ = ["PROGRESSION", "Move", "RouteProblem", "compile_problem", "relevance_cone"]

PROGRESSION = PROGRESSION_KINDS


def _num(value: Any) -> float:
    if value is None:
        return 0.0
    return float(value)


@dataclass(frozen=True)
class Move:
    """One possible step.

    Attributes
    ----------
    action : str
        ``complete``, ``take``, ``pass``, ``meet``, ``stack``, ``hired`` or
        ``advance``.
    node : str
        The node acquired.
    via : str or None
        The source of the ``stacks_into`` / ``advances_to`` edge used.
    months, cost : float
        Before articulation savings.
    gains : tuple of str
        Every node the move grants (``node`` first, then awarded credentials).
    groups : tuple of RequirementGroup
        The groups that must be met.
    savings : tuple of (str, float, float)
        ``(source, months_saved, cost_saved)`` of ``articulates_to`` edges into
        ``node``.
    """

    action: str
    node: str
    via: str | None
    months: float
    cost: float
    gains: tuple[str, ...]
    groups: tuple[RequirementGroup, ...]
    savings: tuple[tuple[str, float, float], ...] = ()

    def enabled(self, holds: Collection[str]) -> bool:
        """Whether the move can be made by a person holding ``holds``."""
        if self.node in holds:
            return False
        if self.via is not None and self.via not in holds:
            return False
        return all(g.met(holds) for g in self.groups)

    def actual(self, holds: Collection[str]) -> tuple[float, float]:
        """``(months, cost)`` for a person holding ``holds`` (savings applied)."""
        months, cost = self.months, self.cost
        for src, ms, cs in self.savings:
            if src in holds:
                months -= ms
                cost -= cs
        return max(0.0, months), max(0.0, cost)


@dataclass(frozen=True)
class RouteProblem:
    """The moves available inside a goal's relevance cone."""

    moves: tuple[Move, ...]
    cone: frozenset[str]


#: Months of experience a ``switch`` to a related occupation takes: this much in
#: the job held, and as much again per job-zone step up (O*NET job zones: 2 asks
#: for some experience, 3 one to two years, 4 two to four).
MONTHS_PER_ZONE = 12.0


def relevance_cone(
    G: nx.MultiDiGraph,
    goals: Iterable[str],
    avoid: Collection[str] = (),
    related: bool = False,
) -> frozenset[str]:
    """Nodes from which a goal can be reached backwards over progression edges.

    Reverse breadth-first search from ``goals`` over the edges whose ``kind`` is in
    :data:`PROGRESSION`, never entering ``avoid``; from a node that ``awards`` a
    credential it also enters the sources of the credential's ``requires`` edges
    (whoever earns it must meet them). O(size of the cone + its in-edges + the
    in-edges of what its nodes award).

    Examples
    --------
    >>> import networkx as nx
    >>> from pathgraph.routing.model import relevance_cone
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("p", "c", kind="awards"); _ = G.add_edge("q", "d", kind="awards")
    >>> sorted(relevance_cone(G, ["c"]))
    ['c', 'p']
    """
    seen: set[str] = set()
    queue: deque[str] = deque()
    for g in goals:
        if g not in avoid and g not in seen:
            seen.add(g)
            queue.append(g)
    pred = G.pred
    succ = G.succ
    while queue:
        v = queue.popleft()
        kinds = _RELATED if related else PROGRESSION
        found = [
            u
            for u, keyed in pred[v].items()
            if any(d.get("kind") in kinds for d in keyed.values())
        ]
        for c, keyed in succ[v].items():  # what v awards: its requirements too
            if any(d.get("kind") == "awards" for d in keyed.values()):
                found.extend(
                    u
                    for u, ks in pred[c].items()
                    if any(d.get("kind") == "requires" for d in ks.values())
                )
        for u in found:
            if u not in seen and u not in avoid:
                seen.add(u)
                queue.append(u)
    return frozenset(seen)


#: The edge kinds the relevance cone follows with related-occupation moves.
_RELATED = frozenset({*PROGRESSION, "related_to"})


def _zone(attrs: dict[str, Any]) -> int | None:
    """An occupation's O*NET job zone (1-5), when it has a whole one."""
    z = attrs.get("job_zone")
    return z if isinstance(z, int) and not isinstance(z, bool) and 1 <= z <= 5 else None


def _saving(G: nx.MultiDiGraph, d: dict[str, Any], target: str) -> tuple[float, float]:
    tgt = G.nodes[target]
    share = None
    if d.get("credits") is not None and _num(tgt.get("credits")) > 0:
        share = min(1.0, _num(d["credits"]) / _num(tgt.get("credits")))
    ms = d.get("months_saved")
    cs = d.get("cost_saved")
    months = _num(ms) if ms is not None else _num(tgt.get("months")) * (share or 0.0)
    cost = _num(cs) if cs is not None else _num(tgt.get("cost")) * (share or 0.0)
    return months, cost


def compile_problem(
    G: nx.MultiDiGraph,
    cone: Collection[str],
    avoid: Collection[str] = (),
    related: bool = False,
) -> RouteProblem:
    """Every move that acquires a node of ``cone`` (never a node of ``avoid``).

    Examples
    --------
    >>> import networkx as nx
    >>> from pathgraph.routing.model import compile_problem
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("p", kind="program", months=3); G.add_node("c", kind="credential")
    >>> _ = G.add_edge("p", "c", kind="awards")
    >>> [(m.action, m.node, m.gains) for m in compile_problem(G, {"p", "c"}).moves]
    [('complete', 'p', ('p', 'c'))]
    """
    moves: list[Move] = []
    for v in sorted(cone):
        groups = requirement_groups(G, v)
        req = tuple(g for g in groups if g.via != "entry")
        kind = G.nodes[v].get("kind")
        if kind in _ACTIONS:
            complete = _complete_move(G, v, req, avoid)
            if complete is None:  # it awards a node to avoid: no move reaches it
                continue
            moves.append(complete)
        elif kind == "occupation":
            moves += _occupation_moves(G, v, groups, req, avoid, related)
        moves += _stack_moves(G, v, req, avoid)
    return RouteProblem(tuple(moves), frozenset(cone))


#: The move that acquires each kind of node that is completed as a whole.
_ACTIONS = {
    "program": "complete",
    "course": "take",
    "assessment": "pass",
    "condition": "meet",
}


def _complete_move(
    G: nx.MultiDiGraph,
    v: str,
    req: tuple[RequirementGroup, ...],
    avoid: Collection[str],
) -> Move | None:
    """The move that completes program, course, assessment or condition ``v``;
    None when it awards a node of ``avoid``."""
    attrs = G.nodes[v]
    kind = attrs.get("kind")
    awarded = sorted(
        {str(t) for _, t, d in G.out_edges(v, data=True) if d.get("kind") == "awards"}
    )
    if any(a in avoid for a in awarded):
        return None
    if awarded:  # the credentials' own requirements apply to whoever earns them
        own = set(req)
        extra = {
            g
            for a in awarded
            for g in requirement_groups(G, a)
            if g.via != "entry" and g not in own
        }
        req = (*req, *sorted(extra))
    if kind == "condition":
        return Move("meet", v, None, 0.0, 0.0, (v, *awarded), req)
    savings = tuple(
        sorted(
            (str(u), *_saving(G, d, v))
            for u, _, d in G.in_edges(v, data=True)
            if d.get("kind") == "articulates_to"
        )
    )
    gains = (v, *(a for a in awarded if a != v))
    return Move(
        _ACTIONS[str(kind)],
        v,
        None,
        _num(attrs.get("months")),
        _num(attrs.get("cost")),
        gains,
        req,
        savings,
    )


def _occupation_moves(
    G: nx.MultiDiGraph,
    v: str,
    groups: tuple[RequirementGroup, ...],
    req: tuple[RequirementGroup, ...],
    avoid: Collection[str],
    related: bool = False,
) -> list[Move]:
    """The ``hired`` move into occupation ``v`` (when someone can be hired), an
    ``advance`` move along each ``advances_to`` edge into it and, with
    ``related``, a ``switch`` along each ``related_to`` edge into it."""
    moves: list[Move] = []
    base = _num(G.nodes[v].get("months"))
    qualifying = sorted(
        {
            str(u)
            for u, _, d in G.in_edges(v, data=True)
            if d.get("kind") == "qualifies_for"
        }
    )
    entry = [g for g in groups if g.via == "entry"]
    licence = (
        (RequirementGroup("entry", 1, tuple(qualifying), "entry"),)
        if qualifying
        else ()
    )
    zone = _zone(G.nodes[v])
    if not entry:
        if not (related and zone is not None and zone >= 3):
            moves.append(Move("hired", v, None, base, 0.0, (v,), req))
    elif qualifying:
        moves.append(Move("hired", v, None, base, 0.0, (v,), (*req, *licence)))
    if related:
        froms = sorted(
            {
                str(u)
                for u, _, k in G.in_edges(v, data="kind")
                if k == "related_to" and u not in avoid and u != v
            }
        )
        for u in froms:
            below = _zone(G.nodes[u])
            up = 0 if zone is None or below is None else max(0, zone - below)
            months = base + MONTHS_PER_ZONE * (1 + up)
            moves.append(Move("switch", v, u, months, 0.0, (v,), (*req, *licence)))
    for u, _, d in sorted(
        G.in_edges(v, data=True),
        key=lambda e: (str(e[0]), _num(e[2].get("months"))),
    ):
        if d.get("kind") == "advances_to" and u not in avoid and u != v:
            months = base + _num(d.get("months"))
            moves.append(Move("advance", v, str(u), months, 0.0, (v,), req))
    return moves


def _stack_moves(
    G: nx.MultiDiGraph,
    v: str,
    req: tuple[RequirementGroup, ...],
    avoid: Collection[str],
) -> list[Move]:
    """A ``stack`` move along each ``stacks_into`` edge into ``v``, less those
    another edge from the same credential makes no better (parallel edges: one
    that takes no fewer months and costs no less than another is dropped, so the
    search never has to choose between equal-weight copies of one step)."""
    moves = [
        Move(
            "stack",
            v,
            str(u),
            _num(d.get("months")),
            _num(d.get("cost")),
            (v,),
            req,
        )
        for u, _, d in sorted(
            G.in_edges(v, data=True),
            key=lambda e: (str(e[0]), _num(e[2].get("months")), _num(e[2].get("cost"))),
        )
        if d.get("kind") == "stacks_into" and u not in avoid and u != v
    ]
    return [
        m
        for i, m in enumerate(moves)
        if not any(
            o.via == m.via and o.months <= m.months and o.cost <= m.cost
            for o in moves[:i]
        )
    ]
