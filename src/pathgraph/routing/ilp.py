"""Exact routes as an integer program, for large cones whose branches share steps.

When requirement branches share steps (a diploma several programs need, a
credential that is both an option and a prerequisite of another option), the
holding-set search can need exponentially many labels. This module states the same
movement model (:mod:`pathgraph.routing.model`) as a mixed-integer program and
solves it to proven optimality with HiGHS (``highspy``).

Formulation
-----------
For every move ``m`` whose node is not held at the start: ``x[m]`` (binary, the
move is taken) and ``p[m]`` (its position, ``0 <= p <= K`` for ``K`` moves). For
every node ``v`` a move can gain: ``h[v]`` (held at the end), ``a[v]`` (when it was
first gained) and, per move ``m'`` gaining it, ``g[m', v]`` (binary, ``m'`` is the
one that gains it). Nodes held at the start are constants. Rows:

* ``sum g[., v] = h[v]`` and ``g[m', v] <= x[m']``; ``a[v] >= p[m'] - (K + 1)(1 -
  g[m', v])``: a node is held when one taken move gains it, at that move's time;
* at most one taken move per node acquired (``sum x[m] <= 1`` over moves of a
  node);
* each need of ``m`` (its ``via`` node, each requirement group ``need`` of
  ``options``, :func:`~pathgraph.routing.tree.needs_of`): selections ``s[m, o]``
  (binary) with ``sum s[m, .] + (options held at the start) >= need * x[m]`` and,
  for a credit group, ``sum w[o] s[m, o] + (credits of the options held at the
  start) >= credits * x[m]`` (``w[o]`` the option's ``credits``), ``s[m, o] <=
  h[o]`` and ``p[m] >= a[o] + 1 - (K + 1)(1 - s[m, o])``: what a step needs is
  gained strictly before it (so no circular support);
* articulation: ``z[m, src]`` (binary) ``<= x[m]``, ``z <= h[src]`` and, for a
  source not held at the start, ``p[m] >= a[src] + 1 - (K + 1)(1 - z)``; the
  step's months ``M[m] >= months[m] x[m] - sum months_saved z`` and ``M[m] >= 0``
  (likewise its cost ``C[m]``);
* aid (net cost, only when ``aid`` is given): for each service ``s`` with an
  ``amount`` and each move ``m`` on a node it ``supports``, ``y[s, m] >= 0``
  (continuous), with ``sum_m y[s, m] <= amount[s]`` (one person's cap, shared by
  every step it supports) and ``sum_s y[s, m] <= C[m]`` (no step gets more than it
  costs; this implies ``y[s, m] <= C[m]``). The **net cost** is ``sum C - sum y``;
* the goal: ``sum h[goal] >= 1``; ``budget`` bounds the net cost (the sum of
  ``C`` when there is no aid) and ``max_months`` the sum of ``M``.

For fixed moves the aid part is a transportation problem, so at an optimum
``sum y`` is the most aid any allocation gives those steps (the maximum flow from
the services to the steps); :mod:`pathgraph.routing.sheet` reports exactly that
maximum.

The objective is the sum of ``M`` (weight ``"months"``) or the net cost
(``"cost"``); with
preferences a second solve keeps that optimum and minimises the preference
penalty; a last solve keeps both and minimises the number of steps, so that no step
of the route can be left out (zero-weight steps are not taken for nothing). The
taken moves, sorted by position, are replayed by the caller. Sizes are
linear in the cone: O(moves + gains + need options + articulation edges) variables
and rows.

Limits
------
The solver stops after :data:`TIME_LIMIT` seconds; a problem it cannot prove
optimal by then raises :class:`~pathgraph.errors.SearchLimitError` (never a guess).
It runs on one thread with a fixed seed, so the same input gives the same route.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pathgraph.errors import SearchLimitError
from pathgraph.routing.model import Move, RouteProblem
from pathgraph.routing.tree import needs_of

__all__ = ["TIME_LIMIT", "ilp_plan"]

#: Seconds the integer program may take before it gives up.
TIME_LIMIT = 30.0

PenaltyFn = Callable[[Move], float]


class _Builder:
    """Columns and rows of a HiGHS model, kept as plain lists."""

    def __init__(self) -> None:
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.integer: list[int] = []
        self.rows: list[tuple[float, float, dict[int, float]]] = []

    def var(self, lo: float = 0.0, hi: float = 1.0, *, binary: bool = False) -> int:
        self.lower.append(lo)
        self.upper.append(hi)
        if binary:
            self.integer.append(len(self.lower) - 1)
        return len(self.lower) - 1

    def row(self, lo: float, hi: float, terms: dict[int, float]) -> None:
        self.rows.append((lo, hi, terms))


class _Model:
    """The integer program of one query (see the module docstring)."""

    def __init__(
        self,
        problem: RouteProblem,
        start: frozenset[str],
        goals: frozenset[str],
        budget: float | None,
        max_months: float | None,
        aid: Mapping[str, Sequence[tuple[str, float]]] | None = None,
    ) -> None:
        self.b = b = _Builder()
        inf = math.inf
        self.moves = [m for m in problem.moves if m.node not in start]
        K = float(len(self.moves))
        big = K + 1.0
        self.x = [b.var(binary=True) for _ in self.moves]
        self.p = [b.var(0.0, K) for _ in self.moves]
        gainers: dict[str, list[int]] = {}
        for i, m in enumerate(self.moves):
            for v in m.gains:
                if v not in start:
                    gainers.setdefault(v, []).append(i)
        self.h: dict[str, int] = {}
        self.a: dict[str, int] = {}
        for v in sorted(gainers):
            self.h[v] = hv = b.var()
            self.a[v] = av = b.var(0.0, K)
            pick = {hv: -1.0}
            for i in gainers[v]:
                g = b.var(binary=True)
                pick[g] = 1.0
                b.row(-inf, 0.0, {g: 1.0, self.x[i]: -1.0})
                # a[v] >= p[i] - big (1 - g)
                b.row(-big, inf, {av: 1.0, self.p[i]: -1.0, g: -big})
            b.row(0.0, 0.0, pick)
        own: dict[str, list[int]] = {}
        for i, m in enumerate(self.moves):
            own.setdefault(m.node, []).append(i)
        for ids in own.values():
            if len(ids) > 1:
                b.row(-inf, 1.0, {self.x[i]: 1.0 for i in ids})
        self.months: list[int] = []
        self.cost: list[int] = []
        for i, m in enumerate(self.moves):
            self._needs(i, m, start, big)
            self._step_size(i, m, start, big)
        #: The net cost as a linear form: sum C - sum y.
        self.net: dict[int, float] = dict.fromkeys(self.cost, 1.0)
        if aid:
            self._aid(aid)
        reach = {self.h[g]: 1.0 for g in goals if g in self.h}
        b.row(1.0, inf, reach)
        if budget is not None:
            b.row(-inf, budget, self.net)
        if max_months is not None:
            b.row(-inf, max_months, dict.fromkeys(self.months, 1.0))

    def _aid(self, aid: Mapping[str, Sequence[tuple[str, float]]]) -> None:
        """The aid columns ``y[s, m]`` and their rows (see the module docstring);
        ``aid`` maps a node to the ``(service, amount)`` pairs supporting it."""
        b = self.b
        by_service: dict[str, dict[int, float]] = {}
        amounts: dict[str, float] = {}
        for i, m in enumerate(self.moves):
            services = aid.get(m.node, ())
            if not services or m.cost <= 0:
                continue
            per_step: dict[int, float] = {self.cost[i]: -1.0}
            for s, amount in sorted(set(services)):
                y = b.var(0.0, math.inf)
                per_step[y] = 1.0
                by_service.setdefault(s, {})[y] = 1.0
                amounts[s] = amount
                self.net[y] = -1.0
            b.row(-math.inf, 0.0, per_step)  # sum_s y[s, m] <= C[m]
        for s in sorted(by_service):
            b.row(-math.inf, amounts[s], by_service[s])  # sum_m y[s, m] <= amount

    def _after(self, i: int, node: str, chosen: int, big: float) -> None:
        """``p[i] >= a[node] + 1 - big (1 - chosen)``."""
        self.b.row(
            1.0 - big,
            math.inf,
            {self.p[i]: 1.0, self.a[node]: -1.0, chosen: -big},
        )

    def _needs(self, i: int, m: Move, start: frozenset[str], big: float) -> None:
        b = self.b
        for n in needs_of(m):
            weights = n.weights or (0.0,) * len(n.options)
            held = [w for o, w in zip(n.options, weights, strict=True) if o in start]
            count_left = n.need - len(held)
            credit_left = None if n.credits is None else n.credits - sum(held)
            if count_left <= 0 and (credit_left is None or credit_left <= 0):
                continue
            count = {self.x[i]: -float(max(count_left, 0))}
            credit = {self.x[i]: -float(credit_left or 0.0)}
            for o, w in zip(n.options, weights, strict=True):
                if o in start or o not in self.h:
                    continue
                s = b.var(binary=True)
                count[s] = 1.0
                credit[s] = w
                b.row(-math.inf, 0.0, {s: 1.0, self.h[o]: -1.0})
                self._after(i, o, s, big)
            if count_left > 0:
                b.row(0.0, math.inf, count)
            if credit_left is not None and credit_left > 0:
                b.row(0.0, math.inf, credit)

    def _step_size(self, i: int, m: Move, start: frozenset[str], big: float) -> None:
        b = self.b
        months = b.var(0.0, math.inf)
        cost = b.var(0.0, math.inf)
        rm = {months: 1.0, self.x[i]: -m.months}
        rc = {cost: 1.0, self.x[i]: -m.cost}
        for src, ms, cs in m.savings:
            if not (ms or cs) or (src not in start and src not in self.h):
                continue
            z = b.var(binary=True)  # binary: a fractional z would void the big-M
            b.row(-math.inf, 0.0, {z: 1.0, self.x[i]: -1.0})
            if src not in start:
                b.row(-math.inf, 0.0, {z: 1.0, self.h[src]: -1.0})
                self._after(i, src, z, big)
            rm[z] = rm.get(z, 0.0) + ms
            rc[z] = rc.get(z, 0.0) + cs
        b.row(0.0, math.inf, rm)
        b.row(0.0, math.inf, rc)
        self.months.append(months)
        self.cost.append(cost)


_QUIET = False


def _highs() -> Any:
    """A HiGHS instance; its one-time banner (printed by C code at the first
    construction, before any option can be set) goes to /dev/null."""
    global _QUIET
    import highspy  # lazy: a compiled solver, loaded only when a route needs it

    make: Any = highspy.Highs
    if _QUIET:
        return make()
    sys.stdout.flush()
    saved = os.dup(1)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    try:
        return make()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)
        _QUIET = True


def _solve(
    b: _Builder, objective: dict[int, float]
) -> tuple[list[float], float] | None:
    """Solve to proven optimality: (column values, objective), or None when
    infeasible."""
    import highspy  # lazy: see _highs

    h = _load(b, objective)
    h.run()
    status = h.getModelStatus()
    if status not in (
        highspy.HighsModelStatus.kOptimal,
        highspy.HighsModelStatus.kInfeasible,
        highspy.HighsModelStatus.kTimeLimit,
    ):
        # A numerical failure of presolve is retried once without it.
        h = _load(b, objective)
        h.setOptionValue("presolve", "off")
        h.run()
        status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        return None
    if status != highspy.HighsModelStatus.kOptimal:
        raise SearchLimitError(
            f"the integer program found no proven optimum within {TIME_LIMIT:g} s "
            f"({h.modelStatusToString(status)}; {len(b.lower):,} variables, "
            f"{len(b.rows):,} rows); narrow the goal, add holdings, or set "
            "avoid/budget"
        )
    return list(h.getSolution().col_value), float(h.getInfo().objective_function_value)


def _load(b: _Builder, objective: dict[int, float]) -> Any:
    """A HiGHS instance holding the model, its options set."""
    # lazy: start-up time (NumPy), and highspy as in _highs
    import highspy
    import numpy as np

    h = _highs()
    for key, option in (
        ("output_flag", False),
        ("threads", 1),
        ("random_seed", 0),
        ("mip_rel_gap", 0.0),
        ("mip_abs_gap", 1e-9),
        ("time_limit", TIME_LIMIT),
    ):
        h.setOptionValue(key, option)
    n = len(b.lower)
    h.addVars(n, np.array(b.lower), np.array(b.upper))
    cols = np.array(sorted(objective), dtype=np.int32)
    h.changeColsCost(
        len(cols), cols, np.array([objective[c] for c in cols], dtype=float)
    )
    if b.integer:
        ints = np.array(b.integer, dtype=np.int32)
        kinds = np.array([highspy.HighsVarType.kInteger] * len(ints))
        h.changeColsIntegrality(len(ints), ints, kinds)
    starts: list[int] = []
    index: list[int] = []
    value: list[float] = []
    for _, _, terms in b.rows:
        starts.append(len(index))
        for col in sorted(terms):
            index.append(col)
            value.append(terms[col])
    h.addRows(
        len(b.rows),
        np.array([r[0] for r in b.rows]),
        np.array([r[1] for r in b.rows]),
        len(index),
        np.array(starts, dtype=np.int32),
        np.array(index, dtype=np.int32),
        np.array(value, dtype=float),
    )
    return h


def ilp_plan(
    problem: RouteProblem,
    start: frozenset[str],
    goals: frozenset[str],
    weight: str,
    penalty: PenaltyFn,
    *,
    budget: float | None = None,
    max_months: float | None = None,
    aid: Mapping[str, Sequence[tuple[str, float]]] | None = None,
) -> tuple[Move, ...] | None:
    """An optimal sequence of moves to hold a goal (None when there is none).

    ``weight`` is ``"months"`` or ``"cost"``; ``penalty`` breaks ties as in the
    search (a second solve). The moves come in the order of their positions.
    ``aid`` maps a node to the ``(service id, amount)`` pairs of the services
    with an ``amount`` that support it: then ``budget`` and weight ``"cost"``
    judge the net cost after aid (see the module docstring).

    Examples
    --------
    >>> import networkx as nx
    >>> from pathgraph.routing.model import compile_problem, relevance_cone
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ged", kind="program", months=4)
    >>> G.add_node("dip", kind="credential")
    >>> _ = G.add_edge("ged", "dip", kind="awards")
    >>> for p in ("cna", "pct"):
    ...     G.add_node(p, kind="program", months=3)
    ...     _ = G.add_edge("dip", p, kind="requires")
    ...     _ = G.add_edge(p, "deg", kind="requires")
    >>> G.add_node("deg", kind="program", months=12)
    >>> problem = compile_problem(G, relevance_cone(G, ["deg"]))
    >>> plan = ilp_plan(problem, frozenset(), frozenset({"deg"}), "months",
    ...                 lambda m: 0.0)
    >>> [m.node for m in plan]
    ['ged', 'cna', 'pct', 'deg']
    """
    model = _Model(problem, start, goals, budget, max_months, aid)
    if not any(g in model.h for g in goals):
        return None
    sizes = dict.fromkeys(model.months, 1.0) if weight == "months" else model.net
    penalties = {model.x[i]: penalty(m) for i, m in enumerate(model.moves)}
    amounts = [a for pairs in (aid or {}).values() for _, a in pairs]
    whole = weight == "months" or all(float(a).is_integer() for a in amounts)
    if not any(penalties.values()) and whole and _whole(model.moves, weight):
        # One solve: every route's weight is a whole number (the net cost too:
        # with whole costs and amounts the most aid, a maximum flow, is whole),
        # so (K + 1) * weight + steps (steps <= K) orders routes by weight, then
        # by fewest steps.
        scale = float(len(model.moves) + 1)
        objective = {c: scale * v for c, v in sizes.items()}
        objective.update(dict.fromkeys(model.x, 1.0))
        found = _solve(model.b, objective)
        return None if found is None else _taken(model, found[0])
    found = _solve(model.b, sizes)
    if found is None:
        return None
    values, best = found
    model.b.row(-math.inf, best + 1e-9 * max(1.0, abs(best)), sizes)
    if any(penalties.values()):
        found = _solve(model.b, {c: v for c, v in penalties.items() if v})
        assert found is not None  # the first solution is feasible
        values, least = found
        model.b.row(-math.inf, least + 1e-9 * max(1.0, abs(least)), penalties)
    # Fewest steps among the optimal routes: no step can be left out.
    found = _solve(model.b, dict.fromkeys(model.x, 1.0))
    if found is not None:
        values = found[0]
    return _taken(model, values)


#: Sums of whole numbers up to this size are exact in a float and far inside the
#: solver's tolerances once scaled by the number of moves.
_WHOLE_LIMIT = 1e7


def _whole(moves: Sequence[Move], weight: str) -> bool:
    """Whether every move's ``weight`` (months or cost) and saving is a whole
    number, small enough that the scaled objective stays exact."""
    at = 1 if weight == "months" else 2
    total = 0.0
    for m in moves:
        own = m.months if weight == "months" else m.cost
        values = [own, *(s[at] for s in m.savings)]
        if not all(float(v).is_integer() for v in values):
            return False
        total += own
    return total * (len(moves) + 1) < _WHOLE_LIMIT


def _taken(model: _Model, values: list[float]) -> tuple[Move, ...]:
    """The moves taken in a solution, in the order of their positions."""
    taken = [i for i, col in enumerate(model.x) if values[col] > 0.5]
    taken.sort(key=lambda i: (values[model.p[i]], i))
    return tuple(model.moves[i] for i in taken)
