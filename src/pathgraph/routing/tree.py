"""Exact routes by decomposition, when requirement branches can share no step.

The holding-set search (:mod:`pathgraph.routing.search`) is exact on every problem
but its state space grows exponentially with independent choices: a program that
needs 30 credentials, each from either of two programs, has 2^30 partial states.
Most such problems are *separable*, and on those the optimum is a simple sum.

Definitions
-----------
A move's *needs* are its ``via`` node (one of one) and its requirement groups
(``need`` of ``options``). A credit group ("options worth ``credits``") is a count
need only when its weighted options all weigh the same (:func:`as_count`: ``k`` of
them, options of weight 0 left out, as they cannot help); any other credit group
is a knapsack-like choice, not a sum of the cheapest options, and the problem is
then not separable. The *plan cone* of a node ``x`` not held at the start is
every move that gains ``x`` (and is not disabled by holding its node) plus,
recursively, the plan cones of every option of every need of those moves; a node
held at the start has an empty plan cone. A need with ``need == 1`` is one *unit*
(its options are alternatives); a need with ``need >= 2`` gives one unit per option.

The problem is **separable** for ``goals`` when

1. for every move in the goals' plan cones, the plan cones of its units are
   pairwise disjoint (no step could serve two units), and
2. every ``articulates_to`` saving into a move comes from a node held at the start
   or from a node no move can gain (so each move's months and cost are fixed), and
3. every need of every move in the goals' plan cones is a count need.

Then no plan can share a step between two units of a move, and the least weight to
hold ``x`` is

``best(x) = 0`` when held, else the least over moves ``m`` gaining ``x`` of
``w(m) + sum over m's needs of (the sum of the `need` smallest best(option))``.

Proof sketch: in any plan, the moves that acquire a unit's node lie in that unit's
plan cone (the cone holds every move that gains the node and, recursively, what
those moves need), so the plan splits into disjoint sub-plans, one per unit, each
at least ``best`` of what it acquires; conversely the argmin plan, replayed with
any step whose node is already held skipped, weighs at most ``best``. Weights are
pairs ``(weight, preference penalty)`` added component-wise and compared
lexicographically, as in the search.

Algorithm
---------
Knuth's (1977) generalisation of Dijkstra's algorithm: the combining function (a
sum of non-negative terms) is never below any of its arguments, so values can be
fixed in increasing order with a heap; a group's value is fixed once its ``need``
first-fixed options are known (they are its ``need`` smallest). O((V + E) log V)
for V nodes and E move-option pairs. The separability test walks each unit's plan
cone once per move that has two units or more; it gives up (and the caller falls
back to the search) after :data:`MAX_CONE_WORK` visits, so it never costs more than
a bounded, linear-size amount of work. The plan is rebuilt from the argmins in
post-order (what a step needs comes before it), which is deterministic.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import NamedTuple

from pathgraph.routing.model import Move, RouteProblem

__all__ = [
    "CREDIT_SLACK",
    "MAX_CONE_WORK",
    "Knuth",
    "Need",
    "as_count",
    "drop_held_steps",
    "needs_of",
    "separable_plan",
]

#: Visits the separability test may make before it gives up (the caller then
#: uses the holding-set search).
MAX_CONE_WORK = 2_000_000

Value = tuple[float, float]
WeightFn = Callable[[Move, float, float], float]
PenaltyFn = Callable[[Move], float]


class Need(NamedTuple):
    """One need of a move: at least ``need`` of ``options`` held and, when
    ``credits`` is set, options held whose ``weights`` add up to it."""

    need: int
    options: tuple[str, ...]
    credits: float | None = None
    weights: tuple[float, ...] = ()


def needs_of(m: Move) -> list[Need]:
    """A move's needs: its ``via`` node (1 of 1), then its requirement groups that
    anyone's holdings could fail (``need >= 1`` or ``credits > 0``)."""
    out: list[Need] = []
    if m.via is not None:
        out.append(Need(1, (m.via,)))
    for g in m.groups:
        if g.credits is not None and g.credits > 0:
            out.append(Need(max(g.need, 0), g.options, g.credits, g.weights))
        elif g.need > 0:
            out.append(Need(g.need, g.options))
    return out


def as_count(n: Need) -> Need | None:
    """The count-only need equivalent to ``n`` (the same holdings meet both), or
    None when there is none.

    A credit need's options of weight 0 cannot help it reach its credits; when its
    other options all weigh the same ``w > 0``, reaching the credits is holding
    ``k`` of them, ``k`` the fewest whose weights add up to the credits (summed as
    :meth:`~pathgraph.requirements.RequirementGroup.met` sums them; more than the
    options when they cannot). With a count ``need`` too: ``max(need, k)`` of the
    weighted options when ``need <= k`` or every option is weighted; otherwise
    (count and credits over different options, or unequal weights) None.

    Examples
    --------
    >>> as_count(Need(0, ("a", "b", "c"), 6.0, (3.0, 3.0, 0.0)))
    Need(need=2, options=('a', 'b'), credits=None, weights=())
    >>> as_count(Need(0, ("a", "b"), 6.0, (3.0, 4.0))) is None
    True
    """
    if n.credits is None:
        return n
    if any(w < 0 for w in n.weights):
        return None
    weighted = tuple(o for o, w in zip(n.options, n.weights, strict=True) if w > 0)
    sizes = {w for w in n.weights if w > 0}
    if len(sizes) > 1:
        return None
    w = sizes.pop() if sizes else 0.0
    k = len(weighted) + 1
    got = 0.0
    for j in range(len(weighted)):
        got += w
        if got >= n.credits:
            k = j + 1
            break
    if n.need <= k:
        return Need(k, weighted)
    if len(weighted) == len(n.options):
        return Need(n.need, weighted)
    return None


#: Slack on a credit total in the ``max`` bound: a need counts as reached when its
#: options' credits come within this fraction of it (reaching it earlier only
#: lowers the bound, so rounding never makes it inadmissible).
CREDIT_SLACK = 1e-9


class Knuth:
    """Knuth's (1977) generalisation of Dijkstra's algorithm over moves' needs.

    Compiled once for a list of moves (and their :class:`Need` lists, by default
    :func:`needs_of`); :meth:`run` fixes node values in increasing order from a set
    of held nodes. A need's value is known once the options fixed so far meet it:
    ``need`` of them and, for a credit need, options whose weights (negative ones
    read as 0) add up to its credits (within :data:`CREDIT_SLACK`). A move's value
    is its own value plus, with ``add``, the sum over its needs of the options that
    met them (the separable optimum; count needs only), or, without, the largest
    over its needs of the value of the option that met it (the ``h_max`` bound of
    planning). Both combinations are never below their arguments, so the first
    value fixed for a node is its least. O((V + E) log V) a run.
    """

    def __init__(
        self, moves: Sequence[Move], needs: Sequence[list[Need]] | None = None
    ) -> None:
        self.moves = list(moves)
        self.needs = [needs_of(m) for m in self.moves] if needs is None else list(needs)
        self.watchers: dict[str, list[tuple[int, int, float]]] = {}
        self.credits: list[list[float]] = []
        for i, row in enumerate(self.needs):
            targets: list[float] = []
            for k, n in enumerate(row):
                weights = n.weights or (0.0,) * len(n.options)
                for o, w in zip(n.options, weights, strict=True):
                    self.watchers.setdefault(o, []).append((i, k, max(w, 0.0)))
                if n.credits is None:
                    targets.append(-math.inf)
                else:
                    targets.append(n.credits - CREDIT_SLACK * max(1.0, n.credits))
            self.credits.append(targets)
        self.free = [i for i, row in enumerate(self.needs) if not row]

    def run(
        self,
        start: Iterable[str],
        own: Sequence[Value],
        goals: Collection[str],
        *,
        add: bool,
    ) -> tuple[dict[str, Value], dict[str, int], list[list[list[str]]]]:
        """Values fixed until the first goal is (``{node: value}``), the move that
        fixed each node not held, and the options each need chose (with ``add``)."""
        needs = self.needs
        targets = self.credits
        left = [[n.need for n in row] for row in needs]
        got = [[0.0] * len(row) for row in needs]
        total: list[list[Value]] = [[(0.0, 0.0)] * len(row) for row in needs]
        chosen: list[list[list[str]]] = (
            [[[] for _ in row] for row in needs] if add else []
        )
        waiting = [len(row) for row in needs]
        heap: list[tuple[Value, str, int]] = []
        for i in self.free:
            for g in self.moves[i].gains:
                heapq.heappush(heap, (own[i], g, i))
        fixed: dict[str, Value] = {}
        by: dict[str, int] = {}
        watchers = self.watchers

        def fix(x: str, value: Value) -> None:
            fixed[x] = value
            for i, k, w in watchers.get(x, ()):
                if left[i][k] == _DONE:
                    continue
                left[i][k] -= 1
                got[i][k] += w
                if add:
                    t = total[i][k]
                    total[i][k] = (t[0] + value[0], t[1] + value[1])
                    chosen[i][k].append(x)
                else:
                    total[i][k] = value
                if left[i][k] <= 0 and got[i][k] >= targets[i][k]:
                    left[i][k] = _DONE
                    waiting[i] -= 1
                    if waiting[i] == 0:
                        push(i)

        def push(i: int) -> None:
            v = own[i]
            if add:
                for t in total[i]:
                    v = (v[0] + t[0], v[1] + t[1])
            else:
                top = max(total[i])
                v = (v[0] + top[0], v[1] + top[1])
            for g in self.moves[i].gains:
                if g not in fixed:
                    heapq.heappush(heap, (v, g, i))

        for x in sorted(start):
            if x not in fixed:
                fix(x, (0.0, 0.0))
        if goals and any(g in fixed for g in goals):
            return fixed, by, chosen
        while heap:
            value, x, i = heapq.heappop(heap)
            if x in fixed:
                continue
            by[x] = i
            fix(x, value)
            if x in goals:
                break
        return fixed, by, chosen


#: Marks a need already met in :meth:`Knuth.run` (below any count left).
_DONE = -(2**62)


class _Plan:
    """The moves that can be used, their count needs (:func:`as_count`; None for
    a move with a credit need that has none), and who gains each node."""

    def __init__(self, problem: RouteProblem, start: frozenset[str]) -> None:
        self.start = start
        self.moves: list[Move] = [m for m in problem.moves if m.node not in start]
        self.needs: list[list[Need] | None] = []
        for m in self.moves:
            row = [as_count(n) for n in needs_of(m)]
            self.needs.append(
                None if None in row else [n for n in row if n is not None]
            )
        self.gainers: dict[str, list[int]] = {}
        for i, m in enumerate(self.moves):
            for g in m.gains:
                if g not in start:
                    self.gainers.setdefault(g, []).append(i)

    def options(self, i: int) -> list[Need]:
        """Move ``i``'s count needs, or (when it has none) all its needs."""
        row = self.needs[i]
        return needs_of(self.moves[i]) if row is None else row

    def units(self, i: int) -> list[tuple[str, ...]]:
        out: list[tuple[str, ...]] = []
        for n in self.options(i):
            if n.need == 1:
                out.append(n.options)
            else:
                out.extend((o,) for o in n.options)
        return out

    def cone(self, roots: Iterable[str]) -> set[int] | None:
        """Indices of the moves in the plan cones of ``roots`` (None past the
        work limit)."""
        seen_nodes: set[str] = set()
        moves: set[int] = set()
        stack = [r for r in roots if r not in self.start]
        work = 0
        while stack:
            x = stack.pop()
            if x in seen_nodes:
                continue
            seen_nodes.add(x)
            for i in self.gainers.get(x, ()):
                if i in moves:
                    continue
                moves.add(i)
                for n in self.options(i):
                    work += len(n.options)
                    stack.extend(o for o in n.options if o not in self.start)
            if work > MAX_CONE_WORK:
                return None
        return moves


def _separable(plan: _Plan, goals: frozenset[str]) -> bool:
    cone = plan.cone(goals)
    if cone is None:
        return False
    gained = set(plan.gainers)
    budget = MAX_CONE_WORK
    for i in sorted(cone):
        m = plan.moves[i]
        if plan.needs[i] is None:  # a credit need that is no count
            return False
        if any(src in gained for src, ms, cs in m.savings if ms or cs):
            return False
        units = plan.units(i)
        if len(units) < 2:
            continue
        owner: dict[int, int] = {}
        for u, options in enumerate(units):
            sub = plan.cone(options)
            if sub is None:
                return False
            budget -= len(sub) + len(options)
            if budget < 0:
                return False
            for j in sub:
                if owner.setdefault(j, u) != u:
                    return False
    return True


def _values(
    plan: _Plan,
    goals: frozenset[str],
    weight: WeightFn,
    penalty: PenaltyFn,
) -> tuple[dict[str, int], list[list[list[str]]]] | None:
    """The move that fixes each node's value, and the options each move's needs
    chose; None if a weight is not a finite number >= 0."""
    own: list[Value] = []
    for m in plan.moves:
        months, cost = m.actual(plan.start)
        w = weight(m, months, cost)
        p = penalty(m)
        if not (w >= 0 and math.isfinite(w) and p >= 0 and math.isfinite(p)):
            return None
        own.append((w, p))
    # A move outside the goals' cone gains no node of it, so one with no count
    # needs cannot change the goals' values: it is left out (a need never met).
    needs = [[Need(1, ())] if row is None else row for row in plan.needs]
    _, by, chosen = Knuth(plan.moves, needs).run(plan.start, own, goals, add=True)
    return by, chosen


def _order(
    plan: _Plan, goal: str, by: dict[str, int], chosen: list[list[list[str]]]
) -> list[Move]:
    """The argmin plan for ``goal`` in post-order (iterative, any depth)."""
    out: list[Move] = []
    done: set[int] = set()
    stack: list[tuple[str, bool]] = [(goal, False)]
    while stack:
        x, expanded = stack.pop()
        if x in plan.start:
            continue
        i = by[x]
        if expanded:
            if i not in done:
                done.add(i)
                out.append(plan.moves[i])
            continue
        if i in done:
            continue
        stack.append((x, True))
        picks = [o for row in chosen[i] for o in row]
        stack.extend((o, False) for o in reversed(picks))
    return out


def separable_plan(
    problem: RouteProblem,
    start: frozenset[str],
    goals: frozenset[str],
    weight: WeightFn,
    penalty: PenaltyFn,
) -> tuple[Move, ...] | None:
    """An optimal sequence of moves to hold a goal, when the problem is separable.

    Returns None when the problem is not separable (see the module docstring), when
    no goal can be reached, or when a weight is invalid: the caller then runs the
    holding-set search, which decides and explains those cases. Steps whose node is
    already held when they come up are left out (a side gain got there first).

    Examples
    --------
    >>> import networkx as nx
    >>> from pathgraph.routing.model import compile_problem, relevance_cone
    >>> G = nx.MultiDiGraph()
    >>> for i in range(3):
    ...     G.add_node(f"a{i}", kind="program", months=2 + i)
    ...     G.add_node(f"b{i}", kind="program", months=4 - i)
    ...     G.add_node(f"c{i}", kind="credential")
    ...     _ = G.add_edge(f"a{i}", f"c{i}", kind="awards")
    ...     _ = G.add_edge(f"b{i}", f"c{i}", kind="awards")
    ...     _ = G.add_edge(f"c{i}", "deg", kind="requires")
    >>> G.add_node("deg", kind="program", months=1)
    >>> problem = compile_problem(G, relevance_cone(G, ["deg"]))
    >>> moves = separable_plan(problem, frozenset(), frozenset({"deg"}),
    ...                        lambda m, months, cost: months, lambda m: 0.0)
    >>> [m.node for m in moves]
    ['a0', 'a1', 'b2', 'deg']
    """
    plan = _Plan(problem, start)
    if goals & start or not _separable(plan, goals):
        return None
    found = _values(plan, goals, weight, penalty)
    if found is None:
        return None
    by, chosen = found
    # The search stops at the first goal fixed: the cheapest (ties by id).
    reached = [g for g in sorted(goals) if g in by]
    if not reached:
        return None
    goal = reached[0]
    return drop_held_steps(_order(plan, goal, by, chosen), start)


def drop_held_steps(moves: Sequence[Move], start: frozenset[str]) -> tuple[Move, ...]:
    """``moves`` without the steps whose node is already held when they come up
    (a side gain of an earlier step got there first; nothing is lost)."""
    held = set(start)
    out: list[Move] = []
    for m in moves:
        if m.node in held:
            continue
        out.append(m)
        held.update(m.gains)
    return tuple(out)
