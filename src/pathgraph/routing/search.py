"""Exact search over holding sets (uniform-cost / A* with a Knuth max bound).

The state is the frozenset of node ids held. From a state every enabled
:class:`~pathgraph.routing.model.Move` leads to the state with the move's gains
added; after each move (and at the start) the holdings are closed under *free*
moves (zero months, zero cost, zero weight, zero penalty), which never hurts because
holding more only enables moves and articulation savings. The priority of a label
is ``(weight so far + h(state), preference penalty so far)``, lexicographic.

``h`` is Knuth's generalization of Dijkstra with ``max`` (the ``h_max`` bound of
planning): ``lb(v) = 0`` for held ``v``; otherwise the least, over moves gaining
``v``, of the move's weight with every articulation saving applied plus the largest
``lb`` among what it needs (for an ``n of`` group, the ``n``-th smallest ``lb`` of
its options). ``min`` of ``lb`` over the goals is admissible and consistent, so the
first goal label popped is optimal. A callable weight gets ``h = 0`` (only dead
states, ``lb = inf``, are pruned).

With ``budget`` or ``max_months``, several labels per state are kept unless one is
dominated (no better in weight, penalty, months and cost) by one already expanded.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from pathgraph.errors import ArgumentError, SearchLimitError
from pathgraph.routing.model import Move, RouteProblem
from pathgraph.routing.tree import Knuth

__all__ = [
    "MAX_EXPANSIONS",
    "MAX_LABELS",
    "Label",
    "best_first",
    "max_bound",
    "reachable",
    "replay",
]

#: Labels expanded before the exact search gives up (raises SearchLimitError).
MAX_EXPANSIONS = 200_000
#: Labels created (expanded or waiting) before the search gives up: a bound on its
#: memory (about 1 to 3 KB a label), which fires before the expansion bound when
#: states have many successors.
MAX_LABELS = 1_000_000

WeightFn = Callable[[Move, float, float], float]
PenaltyFn = Callable[[Move], float]


@dataclass(frozen=True)
class Label:
    """A path to a state: weight, penalty, months, cost and the moves taken."""

    weight: float
    penalty: float
    months: float
    cost: float
    state: frozenset[str]
    moves: tuple[Move, ...]


def reachable(problem: RouteProblem, start: frozenset[str]) -> frozenset[str]:
    """Everything obtainable from ``start`` ignoring time and money (a fixpoint)."""
    held = set(start)
    changed = True
    while changed:
        changed = False
        for m in problem.moves:
            if m.node not in held and m.enabled(held):
                held.update(m.gains)
                changed = True
    return frozenset(held)


def max_bound(
    problem: RouteProblem,
    state: frozenset[str],
    goals: frozenset[str],
    relaxed: dict[Move, float],
    engine: Knuth | None = None,
) -> float:
    """Knuth ``max`` lower bound on the weight still needed to hold a goal
    (``engine``: the problem's moves compiled once, to reuse across states)."""
    engine = engine or Knuth(problem.moves)
    return _h_max(engine, [(relaxed[m], 0.0) for m in engine.moves], state, goals)


def _h_max(
    engine: Knuth,
    own: list[tuple[float, float]],
    state: frozenset[str],
    goals: frozenset[str],
) -> float:
    fixed, _, _ = engine.run(state, own, goals, add=False)
    return min((fixed[g][0] for g in goals if g in fixed), default=math.inf)


def _close(
    problem: RouteProblem,
    state: frozenset[str],
    free: list[Move],
) -> tuple[frozenset[str], tuple[Move, ...]]:
    held = set(state)
    taken: list[Move] = []
    changed = True
    while changed:
        changed = False
        for m in free:
            if m.enabled(held) and m.actual(held) == (0.0, 0.0):
                held.update(m.gains)
                taken.append(m)
                changed = True
    return frozenset(held), tuple(taken)


def best_first(
    problem: RouteProblem,
    start: frozenset[str],
    goals: frozenset[str],
    weight: WeightFn,
    penalty: PenaltyFn,
    *,
    budget: float | None = None,
    max_months: float | None = None,
    relaxed: dict[Move, float] | None = None,
    multi: bool = False,
    prune_by: tuple[str, ...] = (),
    max_expansions: int = MAX_EXPANSIONS,
    max_labels: int = MAX_LABELS,
) -> Iterator[Label]:
    """Yield labels holding a goal, in order of ``(weight, penalty)``.

    ``multi`` keeps several labels per state (needed for bounds and alternatives);
    ``prune_by`` (criteria names) drops labels dominated by a goal label already
    yielded on those criteria (Pareto search). ``relaxed`` (move -> least weight)
    turns on the A* bound. Past ``max_expansions`` labels expanded or
    ``max_labels`` created, raises :class:`~pathgraph.errors.SearchLimitError`.
    """
    free = [m for m in problem.moves if m.months == 0 and m.cost == 0]
    free = [m for m in free if weight(m, 0.0, 0.0) == 0 and penalty(m) == 0]
    h = _lower_bound(problem, goals, relaxed)
    counter = itertools.count()
    s0, pre = _close(problem, start, free)
    heap: list[tuple[float, float, int, Label]] = []
    first = Label(0.0, 0.0, 0.0, 0.0, s0, pre)
    if h(s0) < math.inf:
        heapq.heappush(heap, (h(s0), 0.0, next(counter), first))
    expanded: dict[frozenset[str], list[tuple[float, float, float, float]]] = {}
    found: list[tuple[float, ...]] = []
    pops = 0
    while heap:
        _, _, _, lab = heapq.heappop(heap)
        vec = (lab.weight, lab.penalty, lab.months, lab.cost)
        seen = expanded.setdefault(lab.state, [])
        if seen and (
            not multi
            or any(all(a <= b for a, b in zip(s, vec, strict=True)) for s in seen)
        ):
            continue
        if prune_by:
            crit = _criteria(lab, prune_by)
            if any(all(a <= b for a, b in zip(f, crit, strict=True)) for f in found):
                continue
        seen.append(vec)
        pops += 1
        check_label_limits(pops, len(heap), max_expansions, max_labels)
        if goals & lab.state:
            if prune_by:
                found.append(_criteria(lab, prune_by))
            yield lab
            continue
        for nxt, hv in _successors(
            problem, lab, free, weight, penalty, h, budget, max_months
        ):
            heapq.heappush(heap, (nxt.weight + hv, nxt.penalty, next(counter), nxt))


def check_label_limits(
    pops: int, waiting: int, max_expansions: int, max_labels: int
) -> None:
    """Raise SearchLimitError once a label search has expanded more than
    ``max_expansions`` labels or holds more than ``max_labels`` (expanded plus
    ``waiting``): the bound every label search of :mod:`pathgraph.routing` shares.

    Examples
    --------
    >>> check_label_limits(10, 5, 100, 100)
    >>> try:
    ...     check_label_limits(101, 0, 100, 1000)
    ... except SearchLimitError as e:
    ...     print(str(e)[:55])
    route search expanded 101 labels and kept 0 more waitin
    """
    if pops > max_expansions or pops + waiting > max_labels:
        raise SearchLimitError(
            f"route search expanded {pops:,} labels and kept {waiting:,} "
            f"more waiting (limits {max_expansions:,} and {max_labels:,}) "
            "without finishing; narrow the goal, add holdings, or set "
            "avoid/budget"
        )


def _lower_bound(
    problem: RouteProblem, goals: frozenset[str], relaxed: dict[Move, float] | None
) -> Callable[[frozenset[str]], float]:
    """``h``: the cached :func:`max_bound` of a state (0 without ``relaxed``); the
    moves are compiled for Knuth's algorithm once."""
    if relaxed is None:
        return lambda state: 0.0
    cache: dict[frozenset[str], float] = {}
    engine = Knuth(problem.moves)
    own = [(relaxed[m], 0.0) for m in engine.moves]

    def h(state: frozenset[str]) -> float:
        if state not in cache:
            cache[state] = _h_max(engine, own, state, goals)
        return cache[state]

    return h


def _criteria(lab: Label, names: tuple[str, ...]) -> tuple[float, ...]:
    """The label's months or cost, per criterion name."""
    return tuple(lab.months if c == "months" else lab.cost for c in names)


def _successors(
    problem: RouteProblem,
    lab: Label,
    free: list[Move],
    weight: WeightFn,
    penalty: PenaltyFn,
    h: Callable[[frozenset[str]], float],
    budget: float | None,
    max_months: float | None,
) -> Iterator[tuple[Label, float]]:
    """Each label one enabled move (then the free moves) after ``lab``, within the
    bounds and not dead (``h`` finite), with its ``h``.

    Raises
    ------
    pathgraph.ArgumentError
        When ``weight`` gives a move a negative, infinite or NaN weight.
    """
    for m in problem.moves:
        if not m.enabled(lab.state):
            continue
        months, cost = m.actual(lab.state)
        tm, tc = lab.months + months, lab.cost + cost
        if (budget is not None and tc > budget + 1e-9) or (
            max_months is not None and tm > max_months + 1e-9
        ):
            continue
        w = weight(m, months, cost)
        if not (w >= 0 and math.isfinite(w)):
            raise ArgumentError(
                f"weight of step {m.action} {m.node} is {w!r}; a weight must be "
                "a finite number >= 0"
            )
        state, extra = _close(problem, lab.state | frozenset(m.gains), free)
        hv = h(state)
        if hv == math.inf:
            continue
        nxt = Label(
            lab.weight + w,
            lab.penalty + penalty(m),
            tm,
            tc,
            state,
            (*lab.moves, m, *extra),
        )
        yield nxt, hv


class Played(NamedTuple):
    """One step as replayed: months and cost after savings, the gains beyond the
    step's own node that were new, and the savings sources held before it."""

    move: Move
    months: float
    cost: float
    earns: tuple[str, ...]
    credited_by: tuple[str, ...]


def replay(
    moves: tuple[Move, ...], start: frozenset[str], goals: frozenset[str]
) -> tuple[list[Played], bool]:
    """Apply ``moves`` in order; return the steps played and whether a goal is held.

    Stops at the first move that is not enabled (the second item is then False) or
    once a goal is held. Linear in the steps and their gains (one growing set).
    """
    held = set(start)
    out: list[Played] = []
    for m in moves:
        if any(g in held for g in goals):
            break
        if not m.enabled(held):
            return out, False
        months, cost = m.actual(held)
        earns = tuple(g for g in m.gains[1:] if g not in held)
        credited = tuple(s for s, ms, cs in m.savings if s in held and (ms or cs))
        out.append(Played(m, months, cost, earns, credited))
        held.update(m.gains)
    return out, any(g in held for g in goals)
