"""The label search on the net cost after aid, for :func:`~pathgraph.routes` and
:func:`~pathgraph.pareto_routes`.

Definitions
-----------
``aid`` maps each costly move's node to the services (with an ``amount``) that
``supports`` it, as :func:`~pathgraph.routing.sheet.aid_sources`. For a sequence
of steps with costs ``c_i`` (after articulation savings), ``F`` is the most aid
any allocation gives them: a maximum flow from the services (capacity: their
amounts) to the steps (capacity: their costs), as
:func:`~pathgraph.routing.sheet.allocate_aid` computes it and the route sheet
reports it. The **net cost** of the sequence is ``sum(c_i) - F``
(``Route.net_cost``).

Two facts make the net cost fit a label search over holding sets (the search of
:mod:`pathgraph.routing.search`, whose labels carry the sticker cost):

1. **Monotone lower bound.** Adding a step of cost ``c`` raises the sticker cost
   by ``c`` and ``F`` by at most ``c`` (a maximum flow grows by at most the
   capacity added), so the net cost of a partial route never exceeds the net
   cost of any route that extends it. The net cost of a label is therefore an
   exact lower bound on every route through it: ``budget`` prunes a label when
   that bound exceeds it (never a route within the budget), and labels popped in
   order of net cost reach the goal in order of (label) net cost. This bound is
   at least the cruder ``sticker - total aid that could ever apply``.
2. **Dominance.** Two labels ``A`` and ``B`` at the same holdings face the same
   continuations ``s`` (a step's cost depends only on what is held). With
   ``D = min(F(B), sum over B's aided steps of max(0, c_B(n) - c_A(n)))``
   (``c_A(n)``: what ``A`` paid for node ``n``, 0 when it did not take it),
   ``F(B + s) <= F(A + s) + D`` for every ``s`` (a flow is at most the flow with
   the extra capacity plus that capacity, and at most ``F(B) + F(s)``). So when
   ``A`` is no worse on weight, penalty and months and ``cost(A) + D <=
   cost(B)``, every route through ``B`` is matched by one through ``A`` that is
   no worse on weight, penalty, months, sticker cost and net cost: ``B`` is
   dropped. Without aid ``D = 0`` and this is the search's own rule; two orders
   of the same aided steps at the same cost have ``D = 0`` too. The sticker
   rule alone would be wrong: a label that paid more sticker for a step the aid
   covers can end cheaper.

A goal label's route is stripped of unneeded steps (:func:`net_prune`): a step
is dropped only when that leaves the route no worse on the net cost too (dropping
a step that gave an articulation saving to an aided one could raise it), and the
rest is played in an order that works (:func:`resequence`).
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from pathgraph.routing.model import Move, RouteProblem
from pathgraph.routing.search import (
    MAX_EXPANSIONS,
    MAX_LABELS,
    Label,
    PenaltyFn,
    WeightFn,
    _close,
    _successors,
    check_label_limits,
    replay,
)
from pathgraph.routing.sheet import allocate_aid

__all__ = ["AidFlow", "NetLabel", "net_first", "net_prune", "resequence"]

Aid = Mapping[str, Sequence[tuple[str, float]]]


class AidFlow:
    """``F``: the most aid a set of ``(node, cost)`` steps gets (see the module
    docstring), cached by the steps that some service supports.

    Examples
    --------
    >>> flow = AidFlow({"a": (("S", 50.0),), "b": (("S", 50.0),)})
    >>> flow([("a", 40.0), ("b", 40.0), ("c", 9.0)])  # S pays 50 in all
    50.0
    """

    def __init__(self, aid: Aid) -> None:
        self.aid = aid
        self.total = sum({s: a for pairs in aid.values() for s, a in pairs}.values())
        self._cache: dict[tuple[tuple[str, float], ...], float] = {}

    def aided(
        self, steps: Sequence[tuple[str, float]]
    ) -> tuple[tuple[str, float], ...]:
        """The steps some service supports, with a cost > 0, sorted."""
        return tuple(sorted((n, c) for n, c in steps if c > 0 and n in self.aid))

    def __call__(self, steps: Sequence[tuple[str, float]]) -> float:
        key = self.aided(steps)
        if key not in self._cache:
            paid = allocate_aid(key, self.aid) if key else []
            self._cache[key] = float(sum(sum(p.values()) for p in paid))
        return self._cache[key]


@dataclass(frozen=True)
class NetLabel:
    """A :class:`~pathgraph.routing.search.Label` with its net cost and its aided
    steps (``node -> cost``, sorted by node)."""

    label: Label
    net: float
    aided: tuple[tuple[str, float], ...]


def _slack(a: NetLabel, b: NetLabel, flow_b: float) -> float:
    """``D`` of the module docstring: how much more aid ``b``'s steps can ever
    bring than ``a``'s."""
    paid = dict(a.aided)
    extra = sum(max(0.0, c - paid.get(n, 0.0)) for n, c in b.aided)
    return min(flow_b, extra)


def _dominates(a: NetLabel, b: NetLabel) -> bool:
    la, lb = a.label, b.label
    if la.weight > lb.weight or la.penalty > lb.penalty or la.months > lb.months:
        return False
    return la.cost + _slack(a, b, lb.cost - b.net) <= lb.cost


def net_first(
    problem: RouteProblem,
    start: frozenset[str],
    goals: frozenset[str],
    weight: WeightFn,
    penalty: PenaltyFn,
    flow: AidFlow,
    *,
    by_net: bool,
    budget: float | None = None,
    max_months: float | None = None,
    prune_by: tuple[str, ...] = (),
    max_expansions: int = MAX_EXPANSIONS,
    max_labels: int = MAX_LABELS,
) -> Iterator[NetLabel]:
    """Yield labels holding a goal in order of ``(net cost, penalty)`` when
    ``by_net``, else ``(weight, penalty)``; every label is kept unless dominated
    (see the module docstring).

    ``budget`` bounds the net cost (a label whose net cost exceeds it is
    dropped: its net cost is a lower bound of every route through it);
    ``max_months`` the months. ``prune_by`` (``"months"``, ``"cost"``) drops a
    label when a goal label already yielded is no worse on each criterion than
    the label's months and net cost (lower bounds of its routes): the Pareto
    search on net cost. Past ``max_expansions`` labels expanded or ``max_labels``
    created, raises :class:`~pathgraph.errors.SearchLimitError` (as
    :func:`~pathgraph.routing.search.best_first`).

    Examples
    --------
    >>> import pathgraph
    >>> from pathgraph.routing import _Query, _weight_fn
    >>> G = pathgraph.to_graph(pathgraph.load_example("bht"))
    >>> q = _Query(G, "bht-assoc", (), "abe", ())
    >>> labs = net_first(q.problem, q.start, q.goals, _weight_fn(G, "cost"),
    ...                  lambda m: 0.0, AidFlow(q.aid()), by_net=True)
    >>> [(lab.label.cost, lab.net) for lab in itertools.islice(labs, 2)]
    [(4988.0, 1988.0), (5504.0, 2504.0)]
    """
    free = [m for m in problem.moves if m.months == 0 and m.cost == 0]
    free = [m for m in free if weight(m, 0.0, 0.0) == 0 and penalty(m) == 0]
    counter = itertools.count()
    s0, pre = _close(problem, start, free)
    first = NetLabel(Label(0.0, 0.0, 0.0, 0.0, s0, pre), 0.0, ())
    heap: list[tuple[float, float, int, NetLabel]] = [(0.0, 0.0, next(counter), first)]
    expanded: dict[frozenset[str], list[NetLabel]] = {}
    found: list[tuple[float, ...]] = []
    pops = 0
    tol = 1e-9
    while heap:
        _, _, _, nl = heapq.heappop(heap)
        lab = nl.label
        seen = expanded.setdefault(lab.state, [])
        if any(_dominates(s, nl) for s in seen):
            continue
        crit = tuple(lab.months if c == "months" else nl.net for c in prune_by)
        if prune_by and any(
            all(a <= b for a, b in zip(f, crit, strict=True)) for f in found
        ):
            continue
        seen.append(nl)
        pops += 1
        check_label_limits(pops, len(heap), max_expansions, max_labels)
        if goals & lab.state:
            if prune_by:
                found.append(crit)
            yield nl
            continue
        for nxt, _ in _successors(
            problem, lab, free, weight, penalty, lambda s: 0.0, None, max_months
        ):
            move = nxt.moves[len(lab.moves)]
            cost = nxt.cost - lab.cost  # the free moves after it cost nothing
            aided = nl.aided
            if cost > 0 and move.node in flow.aid:
                aided = tuple(sorted((*aided, (move.node, cost))))
            net = nxt.cost - flow(aided)
            if budget is not None and net > budget + tol * max(1.0, budget):
                continue
            key = net if by_net else nxt.weight
            heapq.heappush(
                heap, (key, nxt.penalty, next(counter), NetLabel(nxt, net, aided))
            )


def resequence(
    moves: Sequence[Move], start: frozenset[str], goals: frozenset[str]
) -> tuple[Move, ...] | None:
    """``moves`` in an order they can be played from ``start`` until a goal is
    held, or None when no order reaches a goal: repeatedly the first move (in the
    given order) that is enabled; a move whose node is held already is left out.
    A move enabled once stays enabled while its node is not held (holding more
    never disables a move), so this reaches a goal whenever some order does."""
    held = set(start)
    left = list(moves)
    out: list[Move] = []
    while not goals & held:
        left = [m for m in left if m.node not in held]
        nxt = next((m for m in left if m.enabled(held)), None)
        if nxt is None:
            return None
        left.remove(nxt)
        out.append(nxt)
        held.update(nxt.gains)
    return tuple(out)


def net_prune(
    moves: tuple[Move, ...],
    start: frozenset[str],
    goals: frozenset[str],
    wfn: WeightFn,
    pfn: PenaltyFn,
    flow: AidFlow,
) -> tuple[Move, ...]:
    """Drop the steps a route does not need: for each move, last first, the route
    without it, played in an order that works (:func:`resequence`), replaces the
    route when it reaches a goal and is no worse on weight, penalty, months,
    sticker cost and net cost.

    Without articulation savings no removal makes a route worse, so the result
    is minimal: no proper subset of its steps reaches a goal in any order (a
    subset that did would leave each of the others removable, as holding more
    never disables a move). Playing the rest in the same order, as the sticker
    search does, can keep a step that an earlier step only looked like needing.
    """

    def score(ms: tuple[Move, ...]) -> tuple[float, ...] | None:
        seq, ok = replay(ms, start, goals)
        if not ok:
            return None
        cost = sum(p.cost for p in seq)
        return (
            sum(wfn(p.move, p.months, p.cost) for p in seq),
            sum(pfn(p.move) for p in seq),
            sum(p.months for p in seq),
            cost,
            cost - flow([(p.move.node, p.cost) for p in seq]),
        )

    seq, _ = replay(moves, start, goals)
    cur = tuple(p.move for p in seq)
    best = score(cur)
    for m in reversed(cur if best is not None else ()):
        if m not in cur:
            continue
        trial = resequence([x for x in cur if x is not m], start, goals)
        s = None if trial is None else score(trial)
        if (
            trial is not None
            and s is not None
            and best is not None
            and all(a <= b + 1e-9 for a, b in zip(s, best, strict=True))
        ):
            cur, best = trial, s
    return cur
