"""From the moves of a plan to the :class:`~pathgraph.routing.result.Route` a
person reads: which moves are steps, what each counts toward, what to confirm.

Definitions
-----------
The moves of a plan are replayed in order (:func:`~pathgraph.routing.search.replay`).
A move is a **listed step** unless it is a ``meet`` that earns nothing new and
whose condition is not a goal: such a meet is bookkeeping (it takes no time, costs
nothing and weighs nothing) and is left out of ``Route.steps``.

A listed step *counts toward* the later moves of the plan whose requirement groups
list, as an option, the step's node or a credential it earns (or that use it as
their ``via`` node). For a later move that is a listed step, it counts toward the
group's owner: the node of the move, or a credential the move earns whose own
group it is. For a later hidden ``meet``, it counts toward that condition and,
following it the same way, toward whatever the condition counts toward, until a
listed step (or the goal) is reached. ``Step.counts_toward`` gives those ids in
route order.

A job **opens** at a listed step when, after it (and the hidden moves before it),
the person can be hired into an occupation they could not be hired into before:
they hold a credential that ``qualifies_for`` it, and its other requirement groups
(``requires`` into the occupation) are met. ``Step.opens`` lists those occupations
(not one the person holds), best paid first, as ``"label [id]: median wage $w"``
(``Step.opens_ids``: their ids): the earning stops along the way, for someone who
needs to work before the goal.

**Aid** (net cost): a service with an ``amount`` is the most it pays toward one
person's costs over the steps it ``supports`` (a step gets at most its cost, after
articulation savings). ``Route.aid`` is the **most aid any allocation gives** the
route's steps: a maximum flow from the services (capacity: their amounts) to the
steps (capacity: their costs) along ``supports``, computed exactly by augmenting
paths (:func:`allocate_aid`). It is split over the steps in route order: each step
gets as much as it can without lowering what earlier steps get (the greedy of a
polymatroid, which reaches the maximum total); who pays it (``Step.aid_from``, as
``"label: $x"``, by service id) is the flow's allocation, one of possibly several.
Paying each step from its services by id, in route order, is not enough: with a
service A supporting two steps and B only the first, paying the first from A can
leave the second with nothing while B's money goes unused. ``Step.aid`` is what a
step gets, ``Route.net_cost`` the cost less ``Route.aid``. This is the net cost the
integer program minimises and bounds (``budget``, weight ``"cost"``; see
:mod:`pathgraph.routing.ilp`). Eligibility is the service's to confirm.

**Assumptions**: a ``switch`` step (between related occupations) assumes the months of
experience of its cost model; a ``hired`` step into an occupation that no credential
``qualifies_for`` and no job ``advances_to`` takes it as open to anyone (an entry-level
job), which the pathway may simply not say; ``Route.assumes`` says so for each such
step, with O*NET's typical education for the job when the record has it
(``education_level``), so a navigator can check (on a national occupation graph, "hired
as a licensed practical nurse, 0 months" is such an assumption).

**Where and when**: ``Step.provider`` gives, for each provider the step's node is
``offered_by``, its label and its contacts (address, phone, email, website), and
``Step.starts`` the node's ``next_starts`` (ISO dates) and ``location``.

``Route.to_confirm`` collects, in route order, every ``to_confirm`` text of the
conditions met along the route (listed or hidden), as ``"label: text"``: what the
software counts as met for planning but a person must check (a minimum grade, a
score).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import networkx as nx

from pathgraph.model.nodes import EDUCATION_LEVELS
from pathgraph.requirements import RequirementGroup, requirement_groups
from pathgraph.routing.model import MONTHS_PER_ZONE, Move
from pathgraph.routing.result import Route, Step
from pathgraph.routing.search import Played

__all__ = [
    "aid_sources",
    "allocate_aid",
    "build_route",
    "counts_toward",
    "is_listed",
    "to_confirm",
]


def is_listed(p: Played, goals: frozenset[str]) -> bool:
    """Whether a played move is a step of the route (see the module docstring)."""
    return p.move.action != "meet" or bool(p.earns) or p.move.node in goals


def _owners(
    G: nx.MultiDiGraph,
    p: Played,
    g: RequirementGroup,
    cache: dict[str, tuple[RequirementGroup, ...]],
) -> list[str]:
    """The nodes the played move ``p`` acquires (its node and what it earns)
    whose own group ``g`` is (its node when none is: an occupation's qualifying
    group, or the group of an awarded credential held already)."""
    m = p.move
    out = []
    for n in (m.node, *p.earns):
        if n not in cache:
            cache[n] = requirement_groups(G, n)
        if g in cache[n]:
            out.append(n)
    return out or [m.node]


def counts_toward(
    G: nx.MultiDiGraph, played: Sequence[Played], listed: Sequence[bool]
) -> list[tuple[str, ...]]:
    """``counts_toward`` of each played move (see the module docstring); O(moves
    x their options) over the route."""
    cache: dict[str, tuple[RequirementGroup, ...]] = {}
    # users[x]: (position, ids) of each later move that lists x as an option.
    users: dict[str, list[tuple[int, list[str]]]] = {}
    for j, p in enumerate(played):
        m = p.move
        if m.via is not None:
            users.setdefault(m.via, []).append((j, [m.node]))
        for g in m.groups:
            owners = _owners(G, p, g, cache)
            for o in g.options:
                users.setdefault(o, []).append((j, owners))
    out: list[tuple[str, ...]] = []
    for i, p in enumerate(played):
        found: dict[str, int] = {}
        stack = [(i, (p.move.node, *p.earns))]
        seen: set[int] = set()
        while stack:
            pos, made = stack.pop()
            for x in made:
                for j, ids in users.get(x, ()):
                    if j <= pos:
                        continue
                    for n in ids:
                        found.setdefault(n, j)
                    if not listed[j] and j not in seen:
                        seen.add(j)
                        stack.append((j, (played[j].move.node,)))
        out.append(tuple(sorted(found, key=lambda n: (found[n], n))))
    return out


def to_confirm(G: nx.MultiDiGraph, played: Iterable[Played]) -> tuple[str, ...]:
    """``"label: text"`` for every ``to_confirm`` text of the conditions met."""
    out: list[str] = []
    for p in played:
        if p.move.action != "meet":
            continue
        attrs = G.nodes[p.move.node]
        texts = attrs.get("to_confirm") or ()
        if isinstance(texts, str):
            texts = (texts,)
        label = str(attrs.get("label", p.move.node))
        out.extend(f"{label}: {t}" for t in texts)
    return tuple(out)


def _wage(G: nx.MultiDiGraph, held: Iterable[str]) -> float | None:
    wages = [
        float(G.nodes[n]["wage_median"])
        for n in held
        if G.nodes[n].get("kind") == "occupation"
        and G.nodes[n].get("wage_median") is not None
    ]
    return max(wages) if wages else None


def _services(G: nx.MultiDiGraph, node: str) -> tuple[str, ...]:
    out = {
        str(G.nodes[u].get("label", u))
        for u, _, d in G.in_edges(node, data=True)
        if d.get("kind") == "supports" and G.nodes[u].get("kind") == "service"
    }
    return tuple(sorted(out))


def _step(
    G: nx.MultiDiGraph, p: Played, toward: tuple[str, ...], tm: float, tc: float
) -> Step:
    m = p.move
    wage: Any = None
    if m.action in ("hired", "advance"):
        wage = G.nodes[m.node].get("wage_median")
    return Step(
        node=m.node,
        action=m.action,
        label=str(G.nodes[m.node].get("label", m.node)),
        months=p.months,
        cost=p.cost,
        total_months=tm,
        total_cost=tc,
        earns=p.earns,
        via=m.via,
        satisfies=tuple(str(g) for g in m.groups),
        services=_services(G, m.node),
        wage=None if wage is None else float(wage),
        credited_by=p.credited_by,
        counts_toward=toward,
    )


def _fmt(x: float) -> str:
    return f"{x:g}"


def _assumption(G: nx.MultiDiGraph, p: Played) -> str | None:
    """What a ``hired`` step assumes when nothing in the graph leads into its
    occupation (see the module docstring), else None."""
    m = p.move
    if m.action == "switch":
        d, u = G.nodes[m.node], G.nodes[m.via or ""]
        return (
            f"{d.get('label', m.node)} [{m.node}] from {u.get('label', m.via)} "
            f"[{m.via}] (O*NET related occupations): {_fmt(p.months)} months of "
            f"experience assumed ({_fmt(MONTHS_PER_ZONE)} in the job held and as "
            f"many per job-zone step up; zone {u.get('job_zone', '?')} to "
            f"{d.get('job_zone', '?')})"
        )
    if m.action != "hired":
        return None
    if any(
        k in ("qualifies_for", "advances_to") for _, _, k in G.in_edges(m.node, "kind")
    ):
        return None
    d = G.nodes[m.node]
    text = (
        f"{d.get('label', m.node)} [{m.node}]: nothing in this pathway leads into it "
        "(no credential qualifies for it, no job advances to it); taken as open "
        "to anyone"
    )
    level = d.get("education_level")
    if isinstance(level, int) and level in EDUCATION_LEVELS:
        text += f"; O*NET's typical education for it: {EDUCATION_LEVELS[level]}"
    return text


class _Jobs:
    """Which occupations a person can be hired into, by what they hold (see the
    module docstring)."""

    def __init__(self, G: nx.MultiDiGraph, start: Iterable[str]) -> None:
        self.G = G
        self.seen: set[str] = set()
        self.opened: set[str] = set()
        self.candidates: set[str] = set()
        self.update(start, set(start))

    def update(self, gained: Iterable[str], held: set[str]) -> list[str]:
        """The occupations that open with ``gained`` (``held``: everything held
        now), best paid first, then by id."""
        succ = self.G.succ
        for n in gained:
            if n not in self.seen and n in succ:
                self.seen.add(n)
                self.candidates.update(
                    str(v)
                    for v, keyed in succ[n].items()
                    if self.G.nodes[v].get("kind") == "occupation"
                    and any(d.get("kind") == "qualifies_for" for d in keyed.values())
                )
        new = []
        for o in sorted(self.candidates - self.opened - held):
            others = [g for g in requirement_groups(self.G, o) if g.via != "entry"]
            if all(g.met(held) for g in others):
                new.append(o)
        self.opened.update(new)
        return sorted(new, key=lambda o: (-self.wage(o), o))

    def wage(self, o: str) -> float:
        w = self.G.nodes[o].get("wage_median")
        return -1.0 if w is None else float(w)

    def text(self, o: str) -> str:
        label = str(self.G.nodes[o].get("label", o))
        w = self.wage(o)
        return f"{label} [{o}]" + (f": median wage ${w:,.0f}" if w >= 0 else "")


def aid_sources(
    G: nx.MultiDiGraph, nodes: Iterable[str] | None = None
) -> dict[str, tuple[tuple[str, float], ...]]:
    """For each node a service with an ``amount`` ``supports``: the ``(service id,
    amount)`` pairs, sorted by service id.

    Examples
    --------
    >>> import pathgraph
    >>> G = pathgraph.to_graph(pathgraph.load_example("bht"))
    >>> aid_sources(G)["bht-aas"]
    (('one-stop-ita', 3000.0),)
    """
    out: dict[str, set[tuple[str, float]]] = {}
    if nodes is None:
        edges: Iterable[tuple[Any, Any, Any]] = G.edges(data="kind")
    else:  # only the in-edges of these nodes: a route's cost, not the graph's
        pred = G.pred
        edges = (
            (u, v, d.get("kind"))
            for v in dict.fromkeys(nodes)
            if v in pred
            for u, keyed in pred[v].items()
            for d in keyed.values()
        )
    for u, v, k in edges:
        if k != "supports" or G.nodes[u].get("kind") != "service":
            continue
        amount = G.nodes[u].get("amount")
        if amount is None:
            continue
        out.setdefault(str(v), set()).add((str(u), float(amount)))
    return {v: tuple(sorted(pairs)) for v, pairs in sorted(out.items())}


#: Amounts below this are taken as nothing (float rounding in the flow).
_EPS = 1e-9


def allocate_aid(
    steps: Sequence[tuple[str, float]],
    sources: Mapping[str, Sequence[tuple[str, float]]],
) -> list[dict[str, float]]:
    """The aid each step gets, and from whom (see the module docstring).

    ``steps`` are ``(node, cost)`` in route order; ``sources`` as
    :func:`aid_sources`. Returns, per step, ``{service id: amount}``. In route
    order each step gets as much as it can without lowering what earlier steps
    get: augmenting paths (breadth-first, so their number does not depend on the
    amounts) in the flow network services -> steps, each augmentation possibly
    moving earlier steps' aid to other services without changing its amount. The
    total is a maximum flow, i.e. the most aid any allocation gives (the greedy of
    a polymatroid), and it is what the integer program assumes.

    Examples
    --------
    Service A (100) supports both steps, B (100) only the first: paying the first
    step from A (the rule before, by service id) would leave nothing for the
    second; the flow moves it to B.

    >>> src = {"s1": (("A", 100.0), ("B", 100.0)), "s2": (("A", 100.0),)}
    >>> allocate_aid([("s1", 100.0), ("s2", 100.0)], src)
    [{'B': 100.0}, {'A': 100.0}]
    """
    left = {s: a for pairs in sources.values() for s, a in pairs}
    flow: list[dict[str, float]] = [{} for _ in steps]
    supports: dict[str, list[int]] = {}
    for j, (node, _) in enumerate(steps):
        for s, _ in sources.get(node, ()):
            supports.setdefault(s, []).append(j)
    for k, (_, cost) in enumerate(steps):
        due = cost
        while due > _EPS:
            # Breadth-first from every service with money left, to step k.
            parent: dict[tuple[str, Any], tuple[str, Any] | None] = {}
            queue: list[tuple[str, Any]] = []
            for s in sorted(left):
                if left[s] > _EPS:
                    node_ = ("s", s)
                    parent[node_] = None
                    queue.append(node_)
            found: tuple[str, Any] | None = None
            head = 0
            while head < len(queue) and found is None:
                cur = queue[head]
                head += 1
                if cur[0] == "s":
                    for j in supports.get(cur[1], ()):
                        nxt = ("m", j)
                        if j <= k and nxt not in parent:
                            parent[nxt] = cur
                            if j == k:
                                found = nxt
                                break
                            queue.append(nxt)
                else:
                    for s2, f in sorted(flow[cur[1]].items()):
                        nxt = ("s", s2)
                        if f > _EPS and nxt not in parent:
                            parent[nxt] = cur
                            queue.append(nxt)
            if found is None:
                break
            path = [found]
            while (up := parent[path[-1]]) is not None:
                path.append(up)
            path.reverse()  # service, step, service, step, ..., step k
            amount = min(due, left[path[0][1]])
            for i in range(2, len(path), 2):  # backward edges step -> service
                amount = min(amount, flow[path[i - 1][1]][path[i][1]])
            left[path[0][1]] -= amount
            for i in range(0, len(path) - 1, 2):
                s, j = path[i][1], path[i + 1][1]
                flow[j][s] = flow[j].get(s, 0.0) + amount
                if i + 2 < len(path):
                    s_next = path[i + 2][1]
                    flow[j][s_next] -= amount
                    if flow[j][s_next] <= _EPS:
                        del flow[j][s_next]
            due -= amount
    return [dict(sorted((s, a) for s, a in f.items() if a > _EPS)) for f in flow]


def _contacts(G: nx.MultiDiGraph, node: str) -> tuple[str, ...]:
    """``"label (address; phone; email; url)"`` of the providers ``node`` is
    ``offered_by``, sorted by id."""
    out = []
    for _, v, k in sorted(G.out_edges(node, data="kind"), key=lambda e: str(e[1])):
        if k != "offered_by":
            continue
        d = G.nodes[v]
        bits = [str(d[f]) for f in ("address", "phone", "email", "url") if d.get(f)]
        label = str(d.get("label", v))
        out.append(f"{label} ({'; '.join(bits)})" if bits else label)
    return tuple(out)


def _starts(G: nx.MultiDiGraph, node: str) -> tuple[str, ...]:
    """The node's ``next_starts`` as sorted ISO dates, then ``"at <location>"``."""
    d = G.nodes[node]
    dates = sorted(str(x) for x in d.get("next_starts") or ())
    where = d.get("location")
    return (*dates, f"at {where}") if where else tuple(dates)


def build_route(
    G: nx.MultiDiGraph,
    played: Sequence[Played],
    start: frozenset[str],
    goals: frozenset[str],
    wfn: Callable[[Move, float, float], float],
    optimal: bool,
) -> Route:
    """The :class:`Route` of the moves ``played`` from ``start`` (see the module
    docstring for which moves are steps)."""
    listed = [is_listed(p, goals) for p in played]
    toward = counts_toward(G, played, listed)
    steps: list[Step] = []
    tm = tc = tw = 0.0
    held = set(start)
    jobs = _Jobs(G, start)
    aid = allocate_aid(
        [(p.move.node, p.cost) for p, show in zip(played, listed, strict=True) if show],
        aid_sources(G, (p.move.node for p in played)),
    )
    assumes: list[str] = []
    paid = 0.0
    gained: list[str] = []
    for p, show, cnt in zip(played, listed, toward, strict=True):
        tm += p.months
        tc += p.cost
        tw += wfn(p.move, p.months, p.cost)
        held.update(p.move.gains)
        gained.extend(p.move.gains)
        if show:
            assumed = _assumption(G, p)
            if assumed:
                assumes.append(assumed)
            opens = jobs.update(gained, held)
            gained = []
            step = _step(G, p, cnt, tm, tc)
            parts = aid[len(steps)]
            got = float(sum(parts.values()))
            sources = tuple(
                f"{G.nodes[sv].get('label', sv)}: ${take:,.0f}"
                for sv, take in parts.items()
            )
            paid += got
            step = replace(
                step,
                aid=got,
                aid_from=sources,
                provider=_contacts(G, p.move.node),
                starts=_starts(G, p.move.node),
            )
            if opens:
                step = replace(
                    step,
                    opens=tuple(jobs.text(o) for o in opens),
                    opens_ids=tuple(opens),
                )
            steps.append(step)
    reached = sorted(g for g in goals if g in held)
    nodes: dict[str, None] = {}
    for s in steps:
        nodes.update(dict.fromkeys((s.node, *s.earns)))
    return Route(
        goal=reached[0] if reached else "",
        steps=tuple(steps),
        months=tm,
        cost=tc,
        weight=tw,
        holds_before=tuple(sorted(start)),
        holds_after=tuple(sorted(held)),
        wage_before=_wage(G, start),
        wage_after=_wage(G, held),
        optimal=optimal,
        nodes=tuple(nodes),
        to_confirm=to_confirm(G, played),
        aid=paid,
        net_cost=tc - paid,
        assumes=tuple(assumes),
    )
