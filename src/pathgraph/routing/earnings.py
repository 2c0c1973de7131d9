"""Earnings over a horizon: what a route pays along the way, and the route that
pays the most.

Definitions
-----------
A route's **earnings** within a horizon of ``H`` months (:func:`route_earnings`):
month by month from the start, the person earns ``wage_median / 12`` of the
best-paid job they hold or that is open to them so far, less the route's whole net
cost. The **rate** starts at the best wage of an occupation held at the start; after
each listed step (:func:`~pathgraph.routing.sheet.is_listed`) it becomes the largest
of itself, the step's own occupation (a ``hired``, ``advance`` or ``switch`` step)
and the jobs the step opens (``Step.opens_ids``, see
:mod:`pathgraph.routing.sheet`). A step earns the rate held before it over its own
months that fall inside ``[0, H]``; after the last step the final rate runs to
``H``.

The **best route by earnings** (:func:`pathgraph.routing.best_earnings`) is the one
of largest earnings over every sequence of moves of the goal's relevance cone
(:mod:`pathgraph.routing.model`) that ends when a goal is first held, in any order:
steps that open a job may come first, and a route may take a step of the cone that
the goal does not need when the job it opens pays for it. Ties go to fewer months,
then the lower net cost, then the step ids in route order.

Search
------
A best-first (A*) search over labels ``(S, t, r, e, c)``: ``S`` the holdings,
``t`` the months so far, ``r`` the rate, ``e`` what was earned within ``[0, H]``,
``c`` the costs of the listed steps so far. The future of a label (which moves are
enabled, what they take, which are listed, which jobs they open) depends on ``S``,
``t`` and ``r`` alone. From a label every enabled move of the cone is a child
(each order is searched); a child holding a goal is a complete route.

* **Bound.** For a label, ``lb(n)`` is Knuth's ``max`` lower bound
  (:class:`~pathgraph.routing.tree.Knuth`) on the months to gain node ``n`` from
  ``S``, each move at its least months (every articulation saving applied; 0 for
  a held node). A job ``o`` not held, with a wage, not open at the start, can
  count no sooner than ``t + d(o)``, ``d(o)`` the least of ``lb(o)`` (a step into
  it) and ``lb(n)`` over the nodes ``n`` that ``qualifies_for`` it (it opens once
  ``n`` is held). The rate at month ``tau`` is then at most ``rho(tau) = max(r,
  max{wage(o) : t + d(o) <= tau})``. The bound is ``ub = e + integral from t to H
  of rho / 12 - LB``, with ``LB = u + h_u + max(0, a - A)``: ``u`` the cost so far
  of steps no service supports, ``h_u`` Knuth's bound on that cost still to pay to
  a goal, ``a`` the cost so far of steps a service supports and ``A`` the amounts of
  every service supporting a step of the cone. ``ub`` is at least the earnings
  of every route that extends the label: a rate is the wage of a job held or opened
  at the end of a step, which gains it (or a node that qualifies for it) no sooner
  than ``lb`` says (``max`` <= sum, least months <= months), and the net cost is at
  least the unsupported cost plus the supported cost less all the aid there is.
  In the terms of the issue: with ``W`` at least every rate, ``W * H / 12 - ub`` is
  a lower bound on the loss ``sum (W - r_i) / 12 * |[t_i, t_{i+1}] & [0, H]|`` +
  net cost, whose every term is nonnegative.
* **Order and stop.** Labels are popped largest ``ub`` first (then fewer months,
  lower sticker cost, first created). The search stops when the best complete
  route found earns at least the largest ``ub`` left, within a relative ``1e-9``
  (so routes of equal earnings are read too, for the ties); a child whose ``ub``
  is below the best found, or from which no goal is reachable, is dropped.
* **Exact value** of a complete label: ``e + r * max(0, H - t) / 12`` less the
  exact net cost, the sticker cost less the most aid any allocation gives its
  steps (:func:`~pathgraph.routing.sheet.allocate_aid`), which depends on every
  step at once. It equals :func:`route_earnings` of the route built.
* **Dominance.** Of two labels with the same ``S``, ``A`` makes ``B`` unnecessary
  when ``e_A >= e_B``, ``t_A <= t_B``, ``r_A >= r_B``, and each step cost of
  ``A`` (its cost so far with no service, and its cost at each node a service
  supports, 0 for a node not taken) is at most ``B``'s, and ``A`` is strictly ahead
  (``e`` or ``t``) or its step ids come first whatever follows. Any continuation
  then earns at least as much after ``A``: the same steps take the same months
  from ``S``, start no later and run at a rate no lower (the rate only grows, so
  ``integral from t_A`` of ``A``'s rate is at least that of ``B``'s from ``t_B``),
  and the net cost (cost less a maximum flow of aid) never decreases when a step
  cost grows; the ties then still go to ``A``. With no aid in the cone and months
  that depend on the holdings alone (no articulation savings), this keeps about
  one label per holding set (the one that earned the most).
* **Free moves.** Unlike :func:`~pathgraph.routing.search.best_first`, free moves
  are not taken at once in general: a free move may end the route (a goal) before a
  step that opens a job, and a free step that is listed changes when jobs are
  counted. Only a hidden ``meet`` (it earns nothing new) of a condition that is no
  goal, that no other move grants and that leads to no occupation is taken as soon
  as it is enabled: it only enables moves (or a saving) sooner, which never lowers
  earnings, and the route lists it nowhere; this merges labels that differ by it.

The search creates at most :data:`MAX_LABELS` labels and bounds at most
:data:`MAX_BOUND_WORK` moves' worth of holding sets, then raises
:class:`~pathgraph.errors.SearchLimitError` saying what to do.
"""

from __future__ import annotations

import dataclasses
import heapq
import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from pathgraph._graphs import GraphLike, as_graph
from pathgraph.errors import ArgumentError, SearchLimitError
from pathgraph.requirements import RequirementGroup, requirement_groups
from pathgraph.routing.model import Move
from pathgraph.routing.result import Route
from pathgraph.routing.sheet import allocate_aid
from pathgraph.routing.tree import Knuth

__all__ = [
    "MAX_BOUND_WORK",
    "MAX_LABELS",
    "best_plan",
    "check_horizon",
    "route_earnings",
]

#: Labels :func:`~pathgraph.routing.best_earnings` creates (expanded or waiting)
#: before it gives up with a :class:`~pathgraph.errors.SearchLimitError`: a bound on
#: memory (50,000 labels measured at about 30 MB; every order of the steps may be a
#: label). The examples need at most 1,015 (manufacturing, production-supervisor,
#: 0.2 s).
MAX_LABELS = 50_000

#: Moves the bound may process (two runs of Knuth's algorithm over the cone for each
#: holding set met) before :func:`~pathgraph.routing.best_earnings` gives up with a
#: :class:`~pathgraph.errors.SearchLimitError`. A run costs about the cone's size, so
#: this bounds the time where :data:`MAX_LABELS` cannot: 16 independent programs (17
#: moves) stop after 5,882 holding sets (measured 4.7 s); a national occupation graph
#: with ``related`` (18,781 moves from a nursing assistant) after 5 (2.5 s) instead
#: of hours. The examples need at most 18,316 (manufacturing, production-supervisor).
MAX_BOUND_WORK = 200_000

#: What a SearchLimitError of the earnings search suggests.
_ADVICE = (
    "lower horizon_months, avoid steps, add holds or drop related to narrow the "
    "search, or rank the fastest routes instead: routes(G, goal, k) then "
    "route_earnings"
)

#: Occupation moves: the step's own occupation is a job held after it.
_JOB_ACTIONS = ("hired", "advance", "switch")


def _wage(G: nx.MultiDiGraph, n: str) -> float:
    """The yearly median wage of occupation ``n`` (0 when unknown or not a job)."""
    if n not in G:
        return 0.0
    w = G.nodes[n].get("wage_median")
    return float(w) if w is not None and G.nodes[n].get("kind") == "occupation" else 0.0


def route_earnings(G: GraphLike, r: Route, horizon_months: float = 60.0) -> float:
    """What a person earns on route ``r`` within ``horizon_months``, less its net
    cost.

    Month by month from the start, the person earns ``wage_median / 12`` of the
    best-paid job they hold or that is open to them so far: an occupation held at
    the start, entered by a ``hired``/``advance`` step, or opened by a step
    (``Step.opens_ids``: they could be hired into it; working while studying is
    assumed). A step's job counts from the end of that step. Jobs open at the
    start but not held are not counted (pass them in ``holds``). The route's whole
    ``net_cost`` is subtracted, even for steps past the horizon.

    Examples
    --------
    >>> import pathgraph
    >>> G = pathgraph.to_graph(pathgraph.load_example("bht"))
    >>> r = pathgraph.route(G, "behavioral-health-counselor", entry="abe")
    >>> r.months, r.net_cost
    (30.0, 2504.0)
    >>> route_earnings(G, r, 60)  # 30 months x 59,190 / 12 - 2,504
    145471.0
    """
    G = as_graph(G)
    if not horizon_months >= 0:
        raise ArgumentError(f"horizon_months must be >= 0, not {horizon_months!r}")
    rate = max((_wage(G, n) for n in r.holds_before), default=0.0)
    t = total = 0.0
    for s in r.steps:
        end = min(s.total_months, horizon_months)
        total += rate / 12.0 * max(0.0, end - t)
        t = max(t, end)
        gained = [s.node] if s.action in _JOB_ACTIONS else []
        rate = max([rate, *(_wage(G, n) for n in (*gained, *s.opens_ids))])
    total += rate / 12.0 * max(0.0, horizon_months - t)
    return total - (r.cost if r.net_cost is None else r.net_cost)


@dataclass(frozen=True)
class _Lab:
    """A path of the earnings search (see the module docstring)."""

    state: frozenset[str]
    months: float  # t
    rate: float  # r
    earned: float  # e, within [0, H]
    unaided: float  # cost of the steps no service supports
    aided: tuple[tuple[str, float], ...]  # (node, cost) of supported steps, sorted
    moves: tuple[Move, ...]
    ids: tuple[str, ...]  # listed steps' nodes, in order
    alive: list[bool]  # cleared when a later label dominates this one

    @property
    def sticker(self) -> float:
        return self.unaided + sum(c for _, c in self.aided)


class _Rates:
    """``R(X)``: the best wage of an occupation held in ``X`` or opened by ``X``
    (a held node ``qualifies_for`` it, its other groups are met) and not open at
    the start; cached by holding set."""

    def __init__(self, G: nx.MultiDiGraph, start: frozenset[str]) -> None:
        self.G = G
        self.quals: dict[str, tuple[str, ...]] = {}
        self.groups: dict[str, tuple[RequirementGroup, ...]] = {}
        self.cache: dict[frozenset[str], float] = {}
        self.at_start: frozenset[str] = frozenset()
        self.at_start = self.opened(start)

    def quals_of(self, n: str) -> tuple[str, ...]:
        """The occupations ``n`` ``qualifies_for``, sorted."""
        if n not in self.quals:
            succ = self.G.succ
            self.quals[n] = (
                tuple(
                    sorted(
                        str(v)
                        for v, keyed in succ[n].items()
                        if self.G.nodes[v].get("kind") == "occupation"
                        and any(
                            d.get("kind") == "qualifies_for" for d in keyed.values()
                        )
                    )
                )
                if n in succ
                else ()
            )
        return self.quals[n]

    def opened(self, held: frozenset[str]) -> frozenset[str]:
        """The occupations open to ``held`` (as ``_Jobs`` in
        :mod:`pathgraph.routing.sheet`), not held, not open at the start."""
        out = set()
        for n in held:
            for o in self.quals_of(n):
                if o in held or o in self.at_start or o in out:
                    continue
                if o not in self.groups:
                    self.groups[o] = tuple(
                        g for g in requirement_groups(self.G, o) if g.via != "entry"
                    )
                if all(g.met(held) for g in self.groups[o]):
                    out.add(o)
        return frozenset(out)

    def best(self, held: frozenset[str]) -> float:
        """``R(held)``."""
        if held not in self.cache:
            self.cache[held] = max(
                [0.0, *(_wage(self.G, o) for o in (*held, *self.opened(held)))]
            )
        return self.cache[held]


def _overlap(a: float, b: float, horizon: float) -> float:
    """Months of ``[a, b]`` inside ``[0, horizon]``."""
    return max(0.0, min(b, horizon) - min(a, horizon))


def _ahead(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether ``a + x <= b + x`` for every continuation ``x`` (as tuples)."""
    if a == b:
        return True
    for x, y in zip(a, b, strict=False):
        if x != y:
            return x < y
    return False  # one is a prefix of the other: it depends on what follows


def _dominates(a: _Lab, b: _Lab, tol: float) -> bool:
    """Whether ``a`` makes ``b`` unnecessary (same holdings; module docstring)."""
    if not (
        a.earned >= b.earned - tol
        and a.months <= b.months
        and a.rate >= b.rate
        and a.unaided <= b.unaided
    ):
        return False
    if a.aided:
        theirs = dict(b.aided)
        if any(c > theirs.get(n, 0.0) for n, c in a.aided):
            return False
    return a.earned > b.earned + tol or a.months < b.months or _ahead(a.ids, b.ids)


def best_plan(
    G: nx.MultiDiGraph,
    moves: tuple[Move, ...],
    start: frozenset[str],
    goals: frozenset[str],
    aid: Mapping[str, tuple[tuple[str, float], ...]],
    horizon_months: float,
) -> tuple[Move, ...] | None:
    """The moves of the route that earns the most within ``horizon_months``
    (:func:`route_earnings`) over every sequence of ``moves`` from ``start`` that
    ends when a goal of ``goals`` is first held; None when there is none.

    ``moves`` are a query's compiled moves (:mod:`pathgraph.routing.model`),
    ``aid`` the services with an amount per node, as
    :func:`~pathgraph.routing.sheet.aid_sources`, for the costly nodes not held.
    The search and its proof are in the module docstring;
    :func:`pathgraph.routing.best_earnings` is the verb that calls it.

    Raises
    ------
    SearchLimitError
        Past :data:`MAX_LABELS` labels or :data:`MAX_BOUND_WORK`.

    Examples
    --------
    >>> import networkx as nx
    >>> from pathgraph.routing.model import compile_problem
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("p", kind="program", months=3); G.add_node("c", kind="credential")
    >>> _ = G.add_edge("p", "c", kind="awards")
    >>> plan = best_plan(G, compile_problem(G, {"p", "c"}).moves, frozenset(),
    ...                  frozenset({"c"}), {}, 60)
    >>> [m.node for m in plan]
    ['p']
    """
    horizon = check_horizon(horizon_months)
    if goals & start:
        return ()
    lab = _Search(G, moves, start, goals, aid, horizon).run()
    return None if lab is None else lab.moves


def check_horizon(horizon_months: Any) -> float:
    """``horizon_months`` as a float, or a clear error when it is not a finite
    number >= 0."""
    ok = isinstance(horizon_months, int | float) and not isinstance(
        horizon_months, bool
    )
    if not (ok and 0 <= horizon_months < math.inf):
        raise ArgumentError(
            f"horizon_months must be a finite number >= 0, not {horizon_months!r}"
        )
    return float(horizon_months)


class _Search:
    """The earnings search over one query (module docstring)."""

    def __init__(
        self,
        G: nx.MultiDiGraph,
        moves: tuple[Move, ...],
        start: frozenset[str],
        goals: frozenset[str],
        aid: Mapping[str, tuple[tuple[str, float], ...]],
        horizon: float,
    ) -> None:
        self.G, self.moves, self.goals, self.aid, self.H = G, moves, goals, aid, horizon
        self.rates = _Rates(G, start)
        amounts = {s: a for pairs in aid.values() for s, a in pairs}
        self.total_aid = sum(amounts.values())
        # Meets taken at once when they earn nothing new (hidden): a condition that
        # is not a goal, that no other move grants and that leads to no occupation
        # (conservative: a hidden meet opens its jobs at the next listed step
        # anyway). Its only effect is to enable moves sooner (or a saving), which
        # never lowers earnings; the route lists it nowhere.
        granted = {g for m in moves for g in m.gains[1:]}
        self.quiet = [
            m
            for m in moves
            if m.action == "meet"
            and m.node not in goals
            and m.node not in granted
            and not any(
                G.nodes[v].get("kind") == "occupation" for v in G.succ.get(m.node, {})
            )
        ]
        self.engine = Knuth(moves)
        # Least months and least cost no service supports, every saving applied.
        least = [
            m.actual(frozenset(src for src, _, _ in m.savings))
            for m in self.engine.moves
        ]
        self.own_months = [(mo, 0.0) for mo, _ in least]
        self.own_cost = [
            (0.0 if m.node in aid else c, 0.0)
            for m, (_, c) in zip(self.engine.moves, least, strict=True)
        ]
        self.bounds: dict[
            frozenset[str], tuple[list[tuple[float, float]], float] | None
        ] = {}
        rate0 = max((_wage(G, n) for n in start), default=0.0)
        self.root = _Lab(start, 0.0, rate0, 0.0, 0.0, (), (), (), [True])
        self.first = self.close(self.root)
        self.made = 1  # labels created by run
        self.work = 0  # moves the bound has processed (see MAX_BOUND_WORK)

    def jobs_ahead(
        self, state: frozenset[str]
    ) -> tuple[list[tuple[float, float]], float] | None:
        """``(d, w)`` for each job a route from ``state`` may hold or open, ``d`` a
        lower bound on the months until it counts (Knuth's ``max`` bound on the
        least months of the moves), sorted; and a lower bound on the cost no
        service supports still to pay (the same bound on that cost, to a goal).
        None when no goal is reachable."""
        if state in self.bounds:
            return self.bounds[state]
        self.work += 2 * len(self.engine.moves)  # the two runs below
        if self.work > MAX_BOUND_WORK:
            raise SearchLimitError(
                f"best_earnings bounded {len(self.bounds):,} holding sets of a cone "
                f"of {len(self.moves):,} moves ({self.work:,} moves processed, "
                f"limit pathgraph.routing.earnings.MAX_BOUND_WORK = "
                f"{MAX_BOUND_WORK:,}) without proving the best route over "
                f"{self.H:g} months; {_ADVICE}"
            )
        G, rates, goals = self.G, self.rates, self.goals
        fixed, _, _ = self.engine.run(state, self.own_months, (), add=False)
        if not goals & fixed.keys():
            self.bounds[state] = None
            return None
        soon: dict[str, float] = {}
        for n, (d, _) in fixed.items():
            if n not in state and _wage(G, n) > 0:
                soon[n] = min(soon.get(n, math.inf), d)  # a job of a step
            for o in rates.quals_of(n):  # a job opened once n is held
                if o not in rates.at_start and o not in state:
                    soon[o] = min(soon.get(o, math.inf), d)
        ahead = sorted((d, _wage(G, o)) for o, d in soon.items() if _wage(G, o) > 0)
        paid, _, _ = self.engine.run(state, self.own_cost, goals, add=False)
        to_pay = min(paid[g][0] for g in goals if g in paid)
        self.bounds[state] = (ahead, to_pay)
        return self.bounds[state]

    def ub(self, lab: _Lab) -> float:
        """At least the earnings of every route that extends ``lab`` (-inf when
        none does)."""
        found = self.jobs_ahead(lab.state)
        if found is None:
            return -math.inf
        ahead, to_pay = found
        H = self.H
        aided = sum(c for _, c in lab.aided)
        lb_net = lab.unaided + to_pay + max(0.0, aided - self.total_aid)
        # the rate at month tau is at most the best job that can count by then
        rate, tau, future = lab.rate, lab.months, 0.0
        for d, w in ahead:
            at = lab.months + d
            if at >= H:
                break
            if w > rate:
                future += rate * _overlap(tau, at, H)
                rate, tau = w, max(tau, at)
        future += rate * max(0.0, H - tau)
        return lab.earned + future / 12 - lb_net

    def close(self, lab: _Lab) -> _Lab:
        """``lab`` after every hidden meet of ``quiet`` it enables, so that labels
        differing by them merge."""
        changed = True
        while changed:
            changed = False
            for m in self.quiet:
                if m.enabled(lab.state) and all(g in lab.state for g in m.gains[1:]):
                    lab = dataclasses.replace(
                        lab, state=lab.state | {m.node}, moves=(*lab.moves, m)
                    )
                    changed = True
        return lab

    def step(self, lab: _Lab, m: Move) -> _Lab:
        """``lab`` then move ``m`` (enabled), as :func:`route_earnings` counts it."""
        G, H = self.G, self.H
        months, cost = m.actual(lab.state)
        held = lab.state | frozenset(m.gains)
        listed = (
            m.action != "meet"
            or any(g not in lab.state for g in m.gains[1:])
            or m.node in self.goals
        )
        t = lab.months + months
        earned = lab.earned + lab.rate / 12 * _overlap(lab.months, t, H)
        rate = lab.rate
        if listed:
            own = _wage(G, m.node) if m.action in _JOB_ACTIONS else 0.0
            new = self.rates.opened(held)
            rate = max([rate, own, *(_wage(G, o) for o in new)])
        unaided, aided = lab.unaided, lab.aided
        if listed and cost > 0:
            if m.node in self.aid:
                aided = tuple(sorted((*aided, (m.node, cost))))
            else:
                unaided += cost
        return _Lab(
            held,
            t,
            rate,
            earned,
            unaided,
            aided,
            (*lab.moves, m),
            (*lab.ids, m.node) if listed else lab.ids,
            [True],
        )

    def net(self, lab: _Lab) -> float:
        """The exact net cost of a label's steps (sticker less the most aid)."""
        paid = allocate_aid(list(lab.aided), self.aid) if lab.aided else []
        return lab.sticker - sum(sum(p.values()) for p in paid)

    def value(self, lab: _Lab) -> float:
        """The exact earnings of a complete label."""
        rest = lab.rate * max(0.0, self.H - lab.months) / 12
        return lab.earned + rest - self.net(lab)

    def run(self) -> _Lab | None:
        """The best complete label, or None when no route."""
        goals, first = self.goals, self.first
        if self.jobs_ahead(first.state) is None:
            return None
        counter = itertools.count()
        heap: list[tuple[float, float, float, int, _Lab]] = []
        heapq.heappush(heap, (-self.ub(first), 0.0, 0.0, next(counter), first))
        kept: dict[frozenset[str], list[_Lab]] = {first.state: [first]}
        made = 1
        best: list[tuple[float, _Lab]] = []  # complete labels within tol of the top
        top = -math.inf
        while heap:
            neg, _, _, _, lab = heapq.heappop(heap)
            if not lab.alive[0]:
                continue
            if -neg < top - _tol(top):
                break
            for m in self.moves:
                if not m.enabled(lab.state):
                    continue
                nxt = self.step(lab, m)
                if not goals & nxt.state:
                    nxt = self.close(nxt)
                made += 1
                self.made = made
                if made > MAX_LABELS:
                    raise SearchLimitError(
                        f"best_earnings created {MAX_LABELS:,} labels (orders of "
                        f"steps over {len(kept):,} holding sets, {len(heap):,} "
                        f"waiting; limit pathgraph.routing.earnings.MAX_LABELS) "
                        f"without proving the best route over {self.H:g} months; "
                        f"{_ADVICE}"
                    )
                if goals & nxt.state:
                    v = self.value(nxt)
                    if v >= top - _tol(top):
                        top = max(top, v)
                        best = [
                            (x, b) for x, b in (*best, (v, nxt)) if x >= top - _tol(top)
                        ]
                    continue
                u = self.ub(nxt)
                if u == -math.inf or u < top - _tol(top):
                    continue
                same = kept.setdefault(nxt.state, [])
                if any(_dominates(o, nxt, _tol(o.earned)) for o in same):
                    continue
                for o in same:
                    if _dominates(nxt, o, _tol(o.earned)):
                        o.alive[0] = False
                same[:] = [o for o in same if o.alive[0]]
                same.append(nxt)
                heapq.heappush(heap, (-u, nxt.months, nxt.sticker, next(counter), nxt))
        if not best:
            return None
        # ties (within _tol): fewer months, lower net cost, step ids
        return min(best, key=lambda x: (x[1].months, self.net(x[1]), x[1].ids))[1]


def _tol(x: float) -> float:
    """Earnings this close to ``x`` are taken as equal (float sums in any order)."""
    return 1e-9 * max(1.0, abs(x))
