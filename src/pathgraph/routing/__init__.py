"""Routes for career navigators: from what a person holds to a goal.

Movement model
--------------
See :mod:`pathgraph.routing.model` for the exact rules; in short, a learner holding a
set of nodes may ``complete`` a program whose requirement groups are met (its
``months``/``cost``, minus articulation savings from held sources, never below 0;
it grants the credentials it ``awards``), ``stack`` along ``stacks_into`` (edge
``months``/``cost``; the target's own requirements apply), get ``hired`` into an
occupation (a held qualifying credential, or none needed when the occupation has no
``qualifies_for``/``advances_to`` edge; its ``requires`` groups met; the node's
``months``) or ``advance`` along ``advances_to`` (edge ``months`` plus the node's).
Articulation ``credits`` without ``months_saved``/``cost_saved`` are prorated:
``saved = P.months * min(1, credits / P.credits)`` (and the same for cost). Steps are
sequential; shared prerequisites are paid once.

Search
------
Exact, on the goal's relevance cone (reverse reachability over progression edges):
the separable decomposition when no step could serve two branches of a requirement
(:mod:`pathgraph.routing.tree`), else A* over holding sets with Knuth's ``max``
lower bound, closing holdings under free moves (:mod:`pathgraph.routing.search`),
else, for months or cost on a large cone or past :data:`ILP_AFTER` labels, an
integer program solved to proven optimality (:mod:`pathgraph.routing.ilp`).
A ``budget`` or weight ``"cost"`` on a cone where a step can get aid (a service
with an ``amount`` supports it) judges the net cost after aid and goes to the
integer program alone: a shared cap makes a step's aid depend on the other steps,
which the other engines cannot weigh. :func:`routes` and :func:`pareto_routes`
judge them on the net cost too, with a label search whose bounds and dominance hold
for it (:mod:`pathgraph.routing.netsearch`).
``Route.optimal`` is True for every route :func:`route` returns; past a documented
limit the engines raise :class:`~pathgraph.errors.SearchLimitError` instead of
guessing.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import Any

import networkx as nx

from pathgraph._graphs import GraphLike, as_graph, holdings_without_index
from pathgraph.errors import (
    ArgumentError,
    NoRouteError,
    SearchLimitError,
    UnknownNodeError,
)
from pathgraph.routing.ilp import ilp_plan
from pathgraph.routing.model import Move, RouteProblem, compile_problem, relevance_cone
from pathgraph.routing.netsearch import AidFlow, net_first, net_prune, resequence
from pathgraph.routing.result import Route, Step
from pathgraph.routing.search import Label, best_first, reachable, replay
from pathgraph.routing.sheet import aid_sources, allocate_aid, build_route
from pathgraph.routing.tree import drop_held_steps, separable_plan

__all__ = [
    "Route",
    "Step",
    "best_earnings",
    "pareto_routes",
    "route",
    "route_earnings",
    "routes",
]

Goal = str | Iterable[str] | Callable[[dict[str, Any]], bool]
#: A callable weight: ``weight(G, node, step_info) -> float`` (finite, >= 0).
WeightSpec = str | Callable[[nx.MultiDiGraph, str, dict[str, Any]], float]
#: (labels expanded, labels created) after which a months or cost query leaves the
#: holding-set search for the integer program (:mod:`pathgraph.routing.ilp`).
ILP_AFTER = (50, 500)
#: A months or cost query whose cone has more moves than this (and is not
#: separable) goes straight to the integer program.
SEARCH_MOVES = 40

#: Routes of at most this many steps are reordered when a step is dropped
#: (:func:`_prune`); longer ones (long chains) keep their order, so pruning stays
#: quadratic in the route's length.
RESEQUENCE_STEPS = 32


def _goals(G: nx.MultiDiGraph, goal: Goal) -> frozenset[str]:
    if callable(goal):
        found = frozenset(str(n) for n, d in G.nodes(data=True) if goal(d))
        if not found:
            raise NoRouteError(
                "no node satisfies the goal predicate", reason="goal matches no node"
            )
        return found
    if isinstance(goal, str):
        ids = [goal]
    elif isinstance(goal, Iterable) and not isinstance(goal, bytes | Mapping):
        ids = list(goal)
    else:
        raise ArgumentError(
            f"goal {goal!r} is not understood; pass a node id, a list of ids or a "
            "predicate goal(attrs) -> bool"
        )
    ids = [i for g in ids for i in ((g,) if g in G else _by_code(G, g) or (g,))]
    missing = [g for g in ids if g not in G]
    if missing or not ids:
        hint = near_miss(G, missing[0]) if missing else ""
        raise UnknownNodeError(
            f"goal {', '.join(map(repr, missing)) or '(empty)'} is not a node of the "
            f"graph{hint}; pass a node id, a list of ids or a predicate on node "
            "attributes"
        )
    return frozenset(ids)


_SOC = re.compile(r"\d{2}-\d{4}(\.\d{2})?")


def _by_code(G: nx.MultiDiGraph, code: Any) -> tuple[str, ...]:
    """The occupations whose ``soc`` is the SOC or O*NET-SOC ``code`` (sorted ids):
    a goal may name a job by its code. ``29-2061`` matches ``29-2061`` and every
    ``29-2061.xx``; ``29-2061.00`` matches itself and ``29-2061``. Empty when
    ``code`` is not such a code or no occupation has it.

    Examples
    --------
    >>> import pathgraph
    >>> G = pathgraph.to_graph(pathgraph.load_example("bht"))
    >>> _by_code(G, "31-1133")
    ('psychiatric-aide',)
    """
    if not isinstance(code, str) or not _SOC.fullmatch(code):
        return ()
    base = code[:7]
    return tuple(
        sorted(
            str(n)
            for n, d in G.nodes(data=True)
            if d.get("kind") == "occupation"
            and isinstance(d.get("soc"), str)
            and (d["soc"] == code or d["soc"] == base or d["soc"][:7] == code)
        )
    )


def near_miss(G: nx.MultiDiGraph, wanted: Any) -> str:
    """``" (did you mean 'x'?)"``: the id closest to ``wanted``, or the id of the
    record whose label it is (case and spaces aside); empty when none is close."""
    import difflib  # lazy: start-up time, only for a mistyped goal

    text = str(wanted)
    folded = " ".join(text.lower().split())
    by_label = sorted(
        str(n)
        for n, d in G.nodes(data=True)
        if " ".join(str(d.get("label", "")).lower().split()) == folded
    )
    if by_label:
        return f" (it is the label of {by_label[0]!r}: pass the id)"
    close = difflib.get_close_matches(text, sorted(map(str, G)), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _check_limits(budget: float | None, max_months: float | None) -> None:
    """Refuse a budget or month limit that is not a number >= 0 (NaN compares
    false with everything, so it would silently mean "no limit")."""
    for name, value in (("budget", budget), ("max_months", max_months)):
        if value is None:
            continue
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok or not 0 <= value <= math.inf:  # False for NaN too
            raise ArgumentError(
                f"{name} must be a number >= 0, not {value!r} "
                "(leave it out for no limit)"
            )


def _weight_fn(
    G: nx.MultiDiGraph, weight: WeightSpec
) -> Callable[[Move, float, float], float]:
    if weight == "months":
        return lambda m, months, cost: months
    if weight == "cost":
        return lambda m, months, cost: cost
    if callable(weight):
        fn = weight

        def call(m: Move, months: float, cost: float) -> float:
            if m.action == "meet":  # bookkeeping: never weighed
                return 0.0
            info = {"action": m.action, "months": months, "cost": cost, "via": m.via}
            return float(fn(G, m.node, info))

        return call
    raise ArgumentError(
        f"weight {weight!r} is not understood; use 'months', 'cost' or a callable "
        "weight(G, node, step_info) -> float"
    )


def _values(x: Any) -> list[Any]:
    """An attribute value or an ``only`` value as a list: a list or tuple as it
    is, a set sorted by text, anything else alone."""
    if isinstance(x, set | frozenset):
        return sorted(x, key=str)
    return list(x) if isinstance(x, list | tuple) else [x]


def _recorded(d: Mapping[str, Any], key: str) -> bool:
    """Whether a node's attributes record ``key`` (not missing, None or empty)."""
    return d.get(key) not in (None, [], ())


def _matches(have: Any, want: Any) -> bool:
    """Whether an attribute value ``have`` matches ``want`` (a value or a list of
    values; a list ``have`` matches when it contains one of them), as text."""
    return bool({str(x) for x in _values(want)} & {str(x) for x in _values(have)})


def _mismatching(G: nx.MultiDiGraph, only: Mapping[str, Any] | None) -> frozenset[str]:
    """The programs and courses ``only`` rules out (see :func:`route`)."""
    if not only:
        return frozenset()
    if not isinstance(only, Mapping):
        raise ArgumentError(
            f"only must be a mapping of attribute -> value(s), not {only!r}"
        )
    out = set()
    for n, d in G.nodes(data=True):
        if d.get("kind") not in ("program", "course"):
            continue
        for key, want in only.items():
            if _recorded(d, key) and not _matches(d[key], want):
                out.add(str(n))
                break
    return frozenset(out)


def _unrecorded(G: nx.MultiDiGraph, r: Route, only: Mapping[str, Any]) -> list[str]:
    """For each program or course of the route that does not record an attribute
    ``only`` asks about (kept: the pathway cannot say), what to confirm."""
    out = []
    for step in r.steps:
        d = G.nodes[step.node]
        if d.get("kind") not in ("program", "course"):
            continue
        for key, want in sorted(only.items()):
            if not _recorded(d, key):
                wants = " or ".join(map(str, _values(want)))
                out.append(
                    f"{d.get('label', step.node)} [{step.node}]: its {key} is not "
                    f"recorded; confirm it is {wants}"
                )
    return out


def _penalty_fn(
    G: nx.MultiDiGraph, prefer: Mapping[str, Any] | None
) -> Callable[[Move], float]:
    if not prefer:
        return lambda m: 0.0
    items = sorted(prefer.items())

    def pen(m: Move) -> float:
        if m.action != "complete":
            return 0.0
        attrs = G.nodes[m.node]
        miss = 0
        for key, want in items:
            if not _matches(attrs.get(key), want):
                miss += 1
        return float(miss)

    return pen


class _Query:
    def __init__(
        self,
        G: nx.MultiDiGraph,
        goal: Goal,
        holds: Iterable[str] | str,
        entry: str | None,
        avoid: Collection[str],
        related: bool = False,
        only: Mapping[str, Any] | None = None,
    ) -> None:
        self.G = G
        self.only = dict(only or {})
        start = holdings_without_index(G, holds, entry)
        if start is None:
            # lazy: start-up time; presets that hold something need the array
            # index (NumPy), ids and abe/esl do not
            from pathgraph.analysis._core import resolve_holdings

            start = resolve_holdings(G, holds, entry)
        self.start = start
        self.avoid = frozenset(avoid)
        self.goals = _goals(G, goal) - self.avoid
        if not self.goals:
            raise NoRouteError("every goal node is in avoid", reason="avoid")
        cone = relevance_cone(G, self.goals, self.avoid, related)
        self.problem: RouteProblem = compile_problem(G, cone, self.avoid, related)

    def labels(
        self,
        weight: Callable[[Move, float, float], float],
        penalty: Callable[[Move], float],
        **options: Any,
    ) -> Iterator[Label]:
        """Goal labels in order of weight (:func:`~pathgraph.routing.search.best_first`
        over this query's compiled problem)."""
        return best_first(
            self.problem, self.start, self.goals, weight, penalty, **options
        )

    def best(
        self,
        weight: WeightSpec,
        wfn: Callable[[Move, float, float], float],
        pfn: Callable[[Move], float],
        budget: float | None = None,
        max_months: float | None = None,
    ) -> tuple[tuple[Move, ...], bool] | None:
        """The moves of an optimal route (and whether they may hold unneeded
        steps), or None when there is no route: the separable decomposition, else
        the holding-set search, else (for months or cost, past :data:`ILP_AFTER`
        labels or on a cone of more than :data:`SEARCH_MOVES` moves) the integer
        program, whose plans have no unneeded step."""
        if self.goals & self.start:
            return (), False  # a goal is held already: the empty route
        if weight in ("months", "cost") and (budget is not None or weight == "cost"):
            aid = self.aid()
            if aid:
                # Net cost: a service's amount is one cap shared by every step it
                # supports, so a step's aid depends on the other steps taken. The
                # decomposition and the holding-set search add up per-step
                # weights and cannot model that; the integer program can (aid
                # variables, see pathgraph.routing.ilp), so it answers alone.
                plan = ilp_plan(
                    self.problem,
                    self.start,
                    self.goals,
                    str(weight),
                    pfn,
                    budget=budget,
                    max_months=max_months,
                    aid=aid,
                )
                if plan is None:
                    return None
                return drop_held_steps(plan, self.start), False
        bounded = budget is not None or max_months is not None
        if not bounded:
            plan = separable_plan(self.problem, self.start, self.goals, wfn, pfn)
            if plan is not None:
                return plan, False
        exact = weight in ("months", "cost")
        limits = {"max_expansions": ILP_AFTER[0], "max_labels": ILP_AFTER[1]}
        try:
            if exact and len(self.problem.moves) > SEARCH_MOVES:
                raise SearchLimitError("a large cone: straight to the integer program")
            lab = next(
                self.labels(
                    wfn,
                    pfn,
                    budget=budget,
                    max_months=max_months,
                    relaxed=self.relaxed(weight),
                    multi=bounded,
                    **(limits if exact else {}),
                ),
                None,
            )
        except SearchLimitError:
            if not exact:
                raise
            plan = ilp_plan(
                self.problem,
                self.start,
                self.goals,
                str(weight),
                pfn,
                budget=budget,
                max_months=max_months,
            )
            return None if plan is None else (drop_held_steps(plan, self.start), False)
        return None if lab is None else (lab.moves, True)

    def aid(self) -> dict[str, tuple[tuple[str, float], ...]]:
        """The services with an ``amount`` supporting a costly move of the cone not
        held at the start (:func:`~pathgraph.routing.sheet.aid_sources`); empty
        when no step of this query can get aid."""
        sources = aid_sources(self.G, (m.node for m in self.problem.moves))
        return {
            m.node: sources[m.node]
            for m in self.problem.moves
            if m.node in sources and m.node not in self.start and m.cost > 0
        }

    def relaxed(self, weight: WeightSpec) -> dict[Move, float] | None:
        if weight not in ("months", "cost"):
            return None
        full = frozenset(self.problem.cone)
        return {
            m: m.actual(full)[0 if weight == "months" else 1]
            for m in self.problem.moves
        }

    def build(
        self,
        lab: Label,
        wfn: Callable[[Move, float, float], float],
        pfn: Callable[[Move], float],
        optimal: bool,
        *,
        prune: bool = True,
    ) -> Route:
        moves = lab.moves
        if prune:
            moves = _prune(moves, self.start, self.goals, wfn, pfn)
        seq, _ = replay(moves, self.start, self.goals)
        r = build_route(self.G, seq, self.start, self.goals, wfn, optimal)
        unrecorded = _unrecorded(self.G, r, self.only)
        if unrecorded:
            r = dataclasses.replace(r, assumes=(*r.assumes, *unrecorded))
        return r

    def no_route(self, budget: float | None, max_months: float | None) -> NoRouteError:
        reach = reachable(self.problem, self.start)
        if not self.goals & reach:
            return NoRouteError(self._blocker(reach), reason="requirement")
        parts = []
        if budget is not None:
            parts.append(f"budget ${budget:,.0f}")
        if max_months is not None:
            parts.append(f"max_months {max_months:g}")
        best = []
        for crit in ("cost", "months"):
            found = self.best(crit, _weight_fn(self.G, crit), lambda m: 0.0)
            if found is not None:
                seq, _ = replay(
                    drop_held_steps(found[0], self.start), self.start, self.goals
                )
                total = sum(p.cost if crit == "cost" else p.months for p in seq)
                if crit == "months":
                    best.append(f"the fastest takes {total:g} months")
                    continue
                # the cheapest by net cost when aid applies (see best)
                paid = allocate_aid(
                    [(p.move.node, p.cost) for p in seq],
                    aid_sources(self.G, (p.move.node for p in seq)),
                )
                net = total - sum(sum(a.values()) for a in paid)
                text = f"the cheapest route costs ${total:,.0f}"
                if net < total:
                    text += f", ${net:,.0f} after aid"
                best.append(text)
        msg = (
            f"every route to {', '.join(sorted(self.goals))} exceeds "
            f"{' and '.join(parts)}; {' and '.join(best)}"
        )
        return NoRouteError(msg, reason=" and ".join(parts))

    def _name(self, node: str) -> str:
        """``Label [id]`` (just the id when it is the label)."""
        label = str(self.G.nodes[node].get("label", node)) if node in self.G else node
        return node if label == node else f"{label} [{node}]"

    def _blocker(self, reach: frozenset[str]) -> str:
        """Why no goal can be reached: the chain of requirements from a goal down
        to its root cause, in labels.

        From the first goal (by id), follow the first way to gain it (by node id)
        to its first need nobody can meet from these holdings (its ``via`` node, or
        the first missing option of its first unmet group), and so on, until a node
        that nothing in the pathway grants, or a circle.
        """
        goal = sorted(self.goals)[0]
        node, chain, seen = goal, [], {goal}
        cause = fix = ""
        while True:
            moves = sorted(
                (m for m in self.problem.moves if node in m.gains),
                key=lambda m: (m.node, m.action),
            )
            ruled_out = (
                sorted(
                    str(u)
                    for u, _, k in self.G.in_edges(node, data="kind")
                    if u in self.avoid
                    and k in ("awards", "stacks_into", "qualifies_for", "advances_to")
                )
                if node in self.G
                else []
            )
            if not moves and ruled_out:
                names = ", ".join(self._name(u) for u in ruled_out)
                cause = f"what grants it is ruled out (avoid or only): {names}"
                fix = "relax avoid or only, or add another way to obtain it"
                break
            if not moves:
                kind = self.G.nodes[node].get("kind") if node in self.G else None
                how = {
                    "credential": "awards it (no program, exam or condition; no stack)",
                    "occupation": "leads into it (no credential qualifies for it; no "
                    "job advances to it)",
                }.get(str(kind), "grants it")
                cause = f"nothing in this pathway {how}"
                break
            m = moves[0]
            nxt: str | None = None
            need = ""
            if m.via is not None and m.via not in reach:
                nxt, need = m.via, "comes from"
            else:
                for grp in m.groups:
                    if grp.met(reach):
                        continue
                    missing = [o for o in grp.options if o not in reach]
                    if not missing:  # every option obtainable, still not enough
                        cause = (
                            f"its requirement {grp} cannot be met even with every "
                            "option held (too few options or credits)"
                        )
                        break
                    nxt = next((o for o in missing if o not in seen), missing[0])
                    if len(grp.options) > 1:
                        need = f"needs {grp} (missing: "
                        need += ", ".join(self._name(o) for o in missing) + "); first"
                    else:
                        need = "needs"
                    break
            step = self._name(m.node)
            if m.node != node:
                chain.append(f"{self._name(node)} comes from {step}")
            if nxt is None:
                cause = cause or "it cannot be obtained from these holdings"
                node = m.node
                break
            chain.append(f"{step} {need} {self._name(nxt)}")
            if nxt in seen:
                node = nxt
                cause = "a circle: it is needed to obtain itself"
                fix = (
                    "give one record of the circle another way in (a program or "
                    f"exam open to this person), or start from holdings that "
                    f"include it (--holds {nxt})"
                )
                break
            seen.add(nxt)
            node = nxt
        if not fix:
            fix = (
                f"add a record that grants {self._name(node)}, or start from "
                f"holdings that include it (--holds {node})"
            )
        others = sorted(self.goals - {goal})
        also = f" (nor to {', '.join(others)})" if others else ""
        path = "; ".join(chain)
        return (
            f"no route to {self._name(goal)}{also}: "
            + (f"{path}; " if path else "")
            + f"{self._name(node)}: {cause} (fix: {fix})"
        )


def _prune(
    moves: tuple[Move, ...],
    start: frozenset[str],
    goals: frozenset[str],
    wfn: Callable[[Move, float, float], float],
    pfn: Callable[[Move], float],
) -> tuple[Move, ...]:
    """Drop steps the route does not need (never making it worse on any measure).

    Each step, last first, is tried out: the route without it, in the same order,
    or else (for routes of at most :data:`RESEQUENCE_STEPS` steps) in an order
    that works (:func:`~pathgraph.routing.netsearch.resequence`: a step may only
    have looked needed because an earlier step came first), replaces the route
    when it still reaches a goal and is no worse on weight, penalty, months and
    cost."""

    def score(ms: tuple[Move, ...]) -> tuple[float, float, float, float] | None:
        seq, ok = replay(ms, start, goals)
        if not ok:
            return None
        return (
            sum(wfn(p.move, p.months, p.cost) for p in seq),
            sum(pfn(p.move) for p in seq),
            sum(p.months for p in seq),
            sum(p.cost for p in seq),
        )

    seq, _ = replay(moves, start, goals)
    cur = tuple(p.move for p in seq)
    best = score(cur)
    i = len(cur) - 1
    while i >= 0 and best is not None:
        trial = cur[:i] + cur[i + 1 :]
        s = score(trial)
        if s is None and len(cur) <= RESEQUENCE_STEPS:
            again = resequence(trial, start, goals)
            if again is not None:
                trial, s = again, score(again)
        if s is not None and all(a <= b + 1e-9 for a, b in zip(s, best, strict=True)):
            if trial[:i] != cur[:i]:  # reordered: try every step again
                i = len(trial)
            cur, best = trial, s
        i -= 1
    return cur


def route(
    G: GraphLike,
    goal: Goal,
    *,
    holds: Iterable[str] | str = (),
    entry: str | None = None,
    weight: WeightSpec = "months",
    budget: float | None = None,
    max_months: float | None = None,
    avoid: Collection[str] = (),
    only: Mapping[str, Any] | None = None,
    related: bool = False,
    prefer: Mapping[str, Any] | None = None,
) -> Route:
    """The optimal route from ``holds`` (and/or an ``entry`` preset) to ``goal``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A pathway graph (see :mod:`pathgraph.routing.model` for the attributes read).
    goal : str, list of str, or callable
        A node id, several ids (reaching any one is enough), or a predicate
        ``goal(attrs: dict) -> bool`` on node attributes. An SOC or O*NET-SOC
        code that is not a node id (``"31-1133"``) names the occupations with that
        ``soc`` (``29-2061`` also matches ``29-2061.00`` and the other way round).
    holds : iterable of str
        Node ids the person holds (preset names are accepted too).
    entry : str, optional
        An entry preset of :data:`pathgraph.ENTRY_PRESETS` (abe, esl, diploma,
        incumbent).
    weight : "months", "cost" or callable
        What to minimise. A callable is ``weight(G, node, step_info) -> float`` where
        ``node`` is the node the step acquires and ``step_info`` is ``{"action":
        str, "months": float, "cost": float, "via": str | None}`` (months and cost
        after articulation savings); it must return a finite number >= 0.
    budget, max_months : float, optional
        Upper bounds on the route's total cost and total months. With weight
        ``"months"`` or ``"cost"``, ``budget`` bounds the **net cost** after aid
        (``Route.net_cost``: services with an ``amount`` pay toward the steps they
        ``supports``; see :mod:`pathgraph.routing.sheet`), and weight ``"cost"``
        minimises the net cost; with a callable weight ``budget`` bounds the
        sticker cost.
    avoid : collection of str
        Node ids no step may acquire.
    only : mapping, optional
        Hard constraints on the programs and courses a route may take, e.g.
        ``{"schedule": ["evening", "weekend"], "modality": ["online", "hybrid"]}``:
        a program or course whose attribute is recorded and matches none of the
        values (a list attribute matches when it contains one) is avoided. One
        whose attribute is not recorded is not avoided: the pathway cannot say,
        so confirm it with the provider.
    related : bool
        On occupation graphs (O*NET's related occupations as ``related_to``
        edges): moves between related jobs are steps (``switch``), taking a year
        of experience in the job held plus a year per job-zone step up
        (``MONTHS_PER_ZONE``), and a job of zone 3 or more that nothing leads into
        is no longer open to anyone (see :mod:`pathgraph.routing.model`).
    prefer : mapping, optional
        Program attributes to prefer, e.g. ``{"modality": "online"}`` or
        ``{"schedule": "evening"}`` (a list attribute matches when it contains the
        value). A tie-breaker only: among routes of equal weight, the one with the
        fewest completed programs missing a preferred value wins.

    Returns
    -------
    Route
        Exact under the movement model (``optimal`` is True). ``Route.weight``
        stays the sticker total for weight ``"cost"``; the net cost optimised is
        ``Route.net_cost``.

    Raises
    ------
    NoRouteError
        Naming the requirement nobody can meet, or the bound that cuts every route.

    Examples
    --------
    >>> import pathgraph
    >>> G = pathgraph.to_graph(pathgraph.load_example("bht"))
    >>> r = pathgraph.route(G, "bht-assoc", entry="abe")
    >>> [s.node for s in r.steps], r.months, r.cost
    (['abe-ged', 'bht-aas'], 30.0, 5504.0)
    """
    G = as_graph(G)
    _check_limits(budget, max_months)
    avoided = frozenset(avoid) | _mismatching(G, only)
    q = _Query(G, goal, holds, entry, avoided, related, only)
    wfn = _weight_fn(G, weight)
    pfn = _penalty_fn(G, prefer)
    found = q.best(weight, wfn, pfn, budget, max_months)
    if found is None:
        raise q.no_route(budget, max_months)
    moves, prune = found
    lab = Label(0.0, 0.0, 0.0, 0.0, q.start, moves)
    return q.build(lab, wfn, pfn, True, prune=prune)


def _key(r: Route) -> tuple[Any, ...]:
    return (r.weight, r.months, r.cost, tuple(s.node for s in r.steps))


def routes(
    G: GraphLike,
    goal: Goal,
    k: int = 3,
    *,
    holds: Iterable[str] | str = (),
    entry: str | None = None,
    weight: WeightSpec = "months",
    budget: float | None = None,
    max_months: float | None = None,
    avoid: Collection[str] = (),
    only: Mapping[str, Any] | None = None,
    related: bool = False,
    prefer: Mapping[str, Any] | None = None,
) -> list[Route]:
    """Up to ``k`` genuinely different routes, best first.

    Two routes are different when the sets of nodes their steps acquire differ (a
    reordering of the same steps is the same route). Moves that take no months
    and cost nothing are taken as soon as they are enabled (holding more never
    hurts), so routes that differ only in such steps are one. The search pops
    holding sets that contain a goal in order of weight; each one's best path,
    stripped of unneeded steps, is a candidate; candidates are deduplicated by
    their set of step nodes and sorted by ``(weight, months, cost, step nodes)``;
    the search goes on past the ``k``-th candidate while labels tie with its
    weight, so ``routes(k=j)`` is always the first ``j`` of ``routes(k=K)`` for
    ``j <= K``. The first has the least weight, as :func:`route`'s answer (among
    routes of equal weight :func:`route` may return another: its engines break
    ties by ``prefer`` only); every route of the least weight has
    ``optimal=True``, the others (the next best found) ``optimal=False``.
    Parameters as :func:`route`.

    **Net cost.** With weight ``"cost"``, or weight ``"months"`` and a
    ``budget``, cost means the **net cost** after aid, as in :func:`route`:
    ``Route.net_cost``, the sticker cost ``Route.cost`` less the most aid any
    allocation gives the route's steps (services with an ``amount`` that
    ``supports`` them; :mod:`pathgraph.routing.sheet`). Then

    - ``budget`` keeps the routes whose net cost is at most ``budget``, whatever
      their sticker cost;
    - the order is ``(net cost, months, net cost, sticker cost, step nodes)``
      for weight ``"cost"`` and ``(months, months, net cost, sticker cost, step
      nodes)`` for ``"months"``: the first route has the least net cost (the
      least months within the budget), and those with the least have
      ``optimal=True``; ``Route.weight`` stays the sticker total for ``"cost"``;
    - labels are popped in order of their net cost (weight ``"cost"``) or
      months, every label is kept that no other at the same holdings dominates
      on a rule that holds for the net cost, and a label is dropped when its net
      cost exceeds ``budget``: a step adds at most its cost to the aid, so the
      net cost of a partial route is a lower bound of every route through it
      (at least the sticker cost less all the aid that could apply). A step is
      stripped only when the route gets no worse on net cost too; past the
      ``k``-th route the search reads the labels whose bound ties with its net
      cost (months), so ``routes(k=j)`` is still the first ``j`` of
      ``routes(k=K)``. See :mod:`pathgraph.routing.netsearch`.

    When no step of the goal's cone can get aid the net cost is the sticker cost
    and the search is the one above. With weight ``"months"`` and no budget, or a
    callable weight, the cost is the sticker cost (a tie-break only, as in
    :func:`route`).

    Examples
    --------
    >>> import pathgraph
    >>> G = pathgraph.to_graph(pathgraph.load_example("bht"))
    >>> [r.months for r in pathgraph.routes(G, "bht-assoc", k=2, entry="abe")]
    [30.0, 38.0]

    The ITA pays up to $3,000 toward the advanced course and the AAS: both
    routes cost more than $2,600 sticker and less after aid (5,504 - 3,000 and
    4,988 - 3,000), so a budget of $2,600 keeps both.

    >>> found = pathgraph.routes(G, "bht-assoc", k=3, entry="abe", budget=2600)
    >>> [(r.months, r.cost, r.net_cost) for r in found]
    [(30.0, 5504.0, 2504.0), (38.0, 4988.0, 1988.0)]
    >>> found = pathgraph.routes(G, "bht-assoc", k=3, entry="abe", weight="cost")
    >>> [(r.net_cost, r.cost, r.optimal) for r in found]
    [(1988.0, 4988.0, True), (2504.0, 5504.0, False)]
    """
    if k < 1:
        raise ArgumentError(f"k must be at least 1, got {k}")
    G = as_graph(G)
    _check_limits(budget, max_months)
    avoided = frozenset(avoid) | _mismatching(G, only)
    q = _Query(G, goal, holds, entry, avoided, related, only)
    wfn = _weight_fn(G, weight)
    pfn = _penalty_fn(G, prefer)
    aid = (
        q.aid()
        if weight in ("months", "cost") and (budget is not None or weight == "cost")
        else {}
    )
    if aid:
        # Net cost (see the docstring and pathgraph.routing.netsearch).
        flow = AidFlow(aid)
        by_net = weight == "cost"

        def net_of(r: Route) -> float:
            return r.cost if r.net_cost is None else r.net_cost

        def net_key(r: Route) -> tuple[Any, ...]:
            first = net_of(r) if by_net else r.weight
            return (first, r.months, net_of(r), r.cost, tuple(s.node for s in r.steps))

        def close(a: float, b: float) -> bool:
            return a <= b + 1e-9 * max(1.0, abs(b))

        found: dict[frozenset[str], Route] = {}
        for nl in net_first(
            q.problem,
            q.start,
            q.goals,
            wfn,
            pfn,
            flow,
            by_net=by_net,
            budget=budget,
            max_months=max_months,
        ):
            if len(found) >= k:
                # Labels come in order of net cost (weight "cost") or weight, a
                # lower bound of every route still to come: past the k-th best,
                # only ties can follow; read them so the answer does not
                # depend on k.
                kth = net_key(sorted(found.values(), key=net_key)[k - 1])[0]
                if not close(nl.net if by_net else nl.label.weight, kth):
                    break
            lab = nl.label
            moves = net_prune(lab.moves, q.start, q.goals, wfn, pfn, flow)
            r = q.build(
                dataclasses.replace(lab, moves=moves), wfn, pfn, False, prune=False
            )
            if budget is not None and not close(net_of(r), budget):
                continue
            key = frozenset(s.node for s in r.steps)
            if key not in found or net_key(r) < net_key(found[key]):
                found[key] = r
        if not found:
            raise q.no_route(budget, max_months)
        top = sorted(found.values(), key=net_key)[:k]
        least = net_key(top[0])[0]
        # every route of the least net cost (weight) is optimal
        return [
            dataclasses.replace(r, optimal=close(net_key(r)[0], least)) for r in top
        ]
    seen: set[frozenset[str]] = set()
    out: list[Route] = []
    for lab in q.labels(wfn, pfn, budget=budget, max_months=max_months, multi=True):
        if len(out) >= k:
            # Labels come in order of weight; a route weighs at most its label.
            # Past the k-th best weight nothing better can come, but a tie can
            # (an equal weight with fewer months): read the ties too, so the
            # answer does not depend on k.
            kth = sorted(out, key=_key)[k - 1].weight
            if lab.weight > kth + 1e-9 * max(1.0, abs(kth)):
                break
        r = q.build(lab, wfn, pfn, not out)
        key = frozenset(s.node for s in r.steps)
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    if not out:
        raise q.no_route(budget, max_months)
    ranked = sorted(out, key=_key)[:k]
    best = ranked[0].weight
    # every route of the least weight is optimal (the search proved the least)
    return [
        dataclasses.replace(r, optimal=r.weight <= best + 1e-9 * max(1.0, abs(best)))
        for r in ranked
    ]


def pareto_routes(
    G: GraphLike,
    goal: Goal,
    criteria: tuple[str, ...] = ("months", "cost"),
    *,
    holds: Iterable[str] | str = (),
    entry: str | None = None,
    budget: float | None = None,
    max_months: float | None = None,
    avoid: Collection[str] = (),
    only: Mapping[str, Any] | None = None,
    related: bool = False,
) -> list[Route]:
    """Every non-dominated route on ``criteria`` (a subset of months, cost).

    The criterion ``"cost"`` is the **net cost** after aid (``Route.net_cost``,
    as :func:`route` defines it; the sticker cost when no step of the goal's cone
    can get aid), and ``budget`` bounds the net cost. A route is dominated when
    another is no worse on every criterion and better on one. One route per
    non-dominated vector, sorted by the criteria (then by ``(weight, months,
    sticker cost, step nodes)``, the weight being the first criterion's sticker
    value). Exact: a multi-label search over holding sets, moves with no months
    and no cost taken as soon as enabled; a label is dropped only when a route
    found is no worse on each criterion than the label's months and net cost,
    lower bounds of every route through it (a step adds at most its cost to the
    aid; see :mod:`pathgraph.routing.netsearch`). Parameters as :func:`route`.

    Examples
    --------
    >>> import pathgraph
    >>> G = pathgraph.to_graph(pathgraph.load_example("bht"))
    >>> front = pathgraph.pareto_routes(G, "bht-assoc", entry="abe")
    >>> [(r.months, r.cost, r.net_cost) for r in front]
    [(30.0, 5504.0, 2504.0), (38.0, 4988.0, 1988.0)]

    The ITA ($3,000) brings the fastest route to $2,504 and the stacked one to
    $1,988: on net cost, a budget of $2,000 keeps only the stacked route (on
    sticker cost it would keep none).

    >>> front = pathgraph.pareto_routes(G, "bht-assoc", entry="abe", budget=2000)
    >>> [(r.months, r.cost, r.net_cost) for r in front]
    [(38.0, 4988.0, 1988.0)]
    """
    if not criteria or any(c not in ("months", "cost") for c in criteria):
        raise ArgumentError(
            f"criteria {criteria!r}: use a non-empty tuple of 'months' and/or 'cost'"
        )
    G = as_graph(G)
    _check_limits(budget, max_months)
    avoided = frozenset(avoid) | _mismatching(G, only)
    q = _Query(G, goal, holds, entry, avoided, related, only)
    wfn = _weight_fn(G, criteria[0])
    pfn = _penalty_fn(G, None)
    cands: list[Route] = []
    aid = q.aid() if "cost" in criteria or budget is not None else {}
    if aid:
        # Net cost (see the docstring and pathgraph.routing.netsearch).
        flow = AidFlow(aid)
        for nl in net_first(
            q.problem,
            q.start,
            q.goals,
            wfn,
            pfn,
            flow,
            by_net=criteria[0] == "cost",
            budget=budget,
            max_months=max_months,
            prune_by=tuple(criteria),
        ):
            moves = net_prune(nl.label.moves, q.start, q.goals, wfn, pfn, flow)
            lab = dataclasses.replace(nl.label, moves=moves)
            r = q.build(lab, wfn, pfn, True, prune=False)
            net = r.cost if r.net_cost is None else r.net_cost
            if budget is None or net <= budget + 1e-9 * max(1.0, budget):
                cands.append(r)
    else:
        for lab in q.labels(
            wfn,
            pfn,
            budget=budget,
            max_months=max_months,
            multi=True,
            prune_by=tuple(criteria),
        ):
            cands.append(q.build(lab, wfn, pfn, True))
    if not cands:
        raise q.no_route(budget, max_months)

    def vec(r: Route) -> tuple[float, ...]:
        if aid:  # the net cost after aid
            net = r.cost if r.net_cost is None else r.net_cost
            return tuple(r.months if c == "months" else net for c in criteria)
        return tuple(r.months if c == "months" else r.cost for c in criteria)

    out: dict[tuple[float, ...], Route] = {}
    for r in sorted(cands, key=lambda r: (vec(r), _key(r))):
        v = vec(r)
        if v in out:
            continue
        if any(
            all(a <= b for a, b in zip(vec(o), v, strict=True)) for o in out.values()
        ):
            continue
        out[v] = r
    return list(out.values())


# Earnings over a horizon: route_earnings and the exact search are in
# pathgraph.routing.earnings, which imports nothing of this module.
import warnings  # noqa: E402

from pathgraph.routing.earnings import (  # noqa: E402
    best_plan,
    check_horizon,
    route_earnings,
)


def best_earnings(
    G: GraphLike,
    goal: Goal,
    *,
    horizon_months: float = 60.0,
    k: int | None = None,
    holds: Iterable[str] | str = (),
    entry: str | None = None,
    avoid: Collection[str] = (),
    only: Mapping[str, Any] | None = None,
    related: bool = False,
) -> Route:
    """The route to ``goal`` that earns the most within ``horizon_months``
    (:func:`route_earnings`), exact over every route and every order of its steps.

    The routes are the sequences of moves of the goal's relevance cone that end
    when a goal is first held (:mod:`pathgraph.routing.model`), in any order, so
    a step that opens a well-paid job may come first, and a step the goal does not
    need may be taken for the job it opens. Ties go to fewer months, then the lower
    net cost, then the step ids in route order. The search is the best-first
    search over labels (holdings, months, rate, earnings, costs) with an upper
    bound and exact dominance of :mod:`pathgraph.routing.earnings` (its module
    docstring defines it and why it is exact;
    :func:`~pathgraph.routing.earnings.best_plan`). Parameters as :func:`route`.

    Parameters
    ----------
    horizon_months : float
        The months over which earnings count (finite, >= 0; 60: five years).
    k : int, optional
        Deprecated and ignored (it was the number of fastest routes ranked; the
        search is now exact): passing it warns.

    Returns
    -------
    Route
        ``optimal`` is True: no route earns more within the horizon.

    Raises
    ------
    NoRouteError
        When no route reaches the goal.
    SearchLimitError
        Past :data:`~pathgraph.routing.earnings.MAX_LABELS` labels or
        :data:`~pathgraph.routing.earnings.MAX_BOUND_WORK`: lower
        ``horizon_months``, ``avoid`` steps, add ``holds``, drop ``related``, or
        rank the fastest routes instead (``routes`` then ``route_earnings``).

    Examples
    --------
    On BHT over five years the stacked route earns the most, Tier 1 first (its
    certificate opens Psychiatric Aide at month 4), then the GED (same earnings as
    Tier 2 first; the step ids decide): 14 x 41,590 / 12 + 20 x 45,120 / 12 + 22 x
    59,190 / 12 - 1,988.

    >>> import pathgraph
    >>> G = pathgraph.to_graph(pathgraph.load_example("bht"))
    >>> r = best_earnings(G, "behavioral-health-counselor", entry="abe")
    >>> [s.node for s in r.steps][:3], r.months, round(route_earnings(G, r, 60))
    (['bht-tier1-course', 'abe-ged', 'bht-tier2-course'], 38.0, 230249)
    """
    if k is not None:
        warnings.warn(
            "best_earnings: k is ignored and will be removed; the search is exact "
            "over every route, so there is no number of candidates to choose",
            DeprecationWarning,
            stacklevel=2,
        )
    horizon = check_horizon(horizon_months)
    G = as_graph(G)
    avoided = frozenset(avoid) | _mismatching(G, only)
    q = _Query(G, goal, holds, entry, avoided, related, only)
    plan = best_plan(G, q.problem.moves, q.start, q.goals, q.aid(), horizon)
    if plan is None:
        raise q.no_route(None, None)
    lab = Label(0.0, 0.0, 0.0, 0.0, q.start, plan)
    return q.build(lab, _weight_fn(G, "months"), lambda m: 0.0, True, prune=False)
