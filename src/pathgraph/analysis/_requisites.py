"""The requisite graph of a curriculum whose courses have OR requirements.

Curricular Analytics knows only "all of these" requisites. A pathgraph course may
also need "any of these", "n of these" or "n credits from these" (a ``requires``
group, or a condition, nested to any depth; :mod:`pathgraph.requirements`). This
module reduces such a curriculum to what the metrics of
:mod:`pathgraph.analysis.curricular` read, with these definitions:

* **Options outside the curriculum** (a placement test, a course of another
  program, a credential) are held from the start, as Curricular Analytics drops a
  requisite outside the curriculum: each lowers its group's ``need`` by one and its
  credit total by its credits. A group met that way is no requisite at all.
* **Earliest term** ``up(v)``: 1 + the largest value of ``v``'s groups (0 without
  any), where a group's value is the smallest ``t`` such that its options with
  ``up <= t`` meet it (``need`` of them, worth its credits): "all of" gives the
  largest ``up`` of its options, "any of" the smallest, "n of" the n-th smallest.
  A condition is no course: its ``up`` is its group's value, without the 1.
* A condition whose requirement cannot be met is never a best option; a course
  whose requirement cannot be met makes the metrics undefined (an error).
* **Critical requisites**: the options of a group whose ``up`` is at most the
  group's value (the best options; all of them for "all of"). The *critical
  requisite graph* has an edge ``u -> w`` between courses when ``u`` is a
  critical requisite of ``w``, directly or through conditions. Without OR it is
  the requisite graph of Curricular Analytics.
* **Delay factor** and **centrality** are Curricular Analytics' on the critical
  requisite graph: the longest path through a course in the fastest plan, and the
  sum of the lengths of the source-to-sink paths through it.
* **Blocking factor** of ``v``: the number of courses that cannot be taken
  without passing ``v`` (``v`` is in every way to meet their requirements). With
  OR, a course that is one of two options blocks neither; without OR, this is
  the number of courses reachable from ``v``, as in Curricular Analytics.

So without OR every value is Curricular Analytics' own. The requisites, through
conditions, must form no cycle (even through an option that is never needed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from pathgraph.errors import Problem, ValidationError
from pathgraph.requirements import requirement_groups

__all__ = ["Requisites", "critical_requisites"]

#: Credits held meet a total within this relative margin (as pathgraph.analysis).
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class _Group:
    """A requirement group reduced to the curriculum: ``need`` of ``options``
    (node positions) worth ``credits`` (None: no credit total)."""

    need: int
    options: tuple[int, ...]
    weights: tuple[float, ...]
    credits: float | None

    def met(self, chosen: Sequence[int]) -> bool:
        """Whether the options at ``chosen`` (distinct indices into ``options``)
        meet it."""
        if len(chosen) < self.need:
            return False
        if self.credits is None:
            return True
        got = sum(self.weights[i] for i in chosen)
        return got >= self.credits - _TOLERANCE * max(1.0, abs(self.credits))


@dataclass(frozen=True)
class Requisites:
    """The critical requisite graph of a curriculum and what each course blocks.

    Attributes
    ----------
    succ, pred : list of list of int
        Per course (position in the curriculum), the courses one critical
        requisite edge after it and before it.
    blocks : list of int
        Per course, the set of courses (a bit per position) that cannot be taken
        without it.
    """

    succ: list[list[int]]
    pred: list[list[int]]
    blocks: list[int]


def critical_requisites(G: nx.MultiDiGraph, courses: list[str]) -> Requisites:
    """The :class:`Requisites` of the curriculum ``courses`` of ``G`` (see the
    module docstring for the definitions).

    Raises
    ------
    pathgraph.ValidationError
        When the requisites form a cycle, or a course's requirement cannot be met
        inside the curriculum and with what lies outside it.
    """
    names, groups = _reduced_groups(G, courses)
    order = _order(names, groups)
    up: list[int | None] = [0] * len(names)  # None: cannot be met
    kept: list[list[int]] = [[] for _ in names]
    nec = [0] * len(names)
    n = len(courses)
    for v in order:
        values = [0]
        for g in groups[v]:
            usable = _usable(g, up)
            if not g.met(usable):
                up[v] = None
                break
            value, best = _value(g, usable, up)
            values.append(value)
            kept[v].extend(best)
            nec[v] |= _necessary(g, usable, nec)
        if up[v] is None:
            if v < n:
                _impossible(names[v])
            continue
        up[v] = max(values) + (1 if v < n else 0)
        if v < n:
            nec[v] |= 1 << v
    pred = _contract(order, kept, n)
    succ: list[list[int]] = [[] for _ in range(n)]
    for w in range(n):
        for u in pred[w]:
            succ[u].append(w)
    blocks = [0] * n
    for w in range(n):
        bits = nec[w] & ~(1 << w)
        while bits:
            low = bits & -bits
            blocks[low.bit_length() - 1] |= 1 << w
            bits ^= low
    return Requisites(succ, pred, blocks)


def _reduced_groups(
    G: nx.MultiDiGraph, courses: list[str]
) -> tuple[list[str], list[list[_Group]]]:
    """The nodes of the requisite graph (the courses first, then the conditions
    their requirements reach) and each one's groups, reduced to the curriculum
    (options outside it held from the start; groups so met dropped)."""
    index = {c: i for i, c in enumerate(courses)}
    names = list(courses)
    groups: list[list[_Group]] = []
    v = 0
    while v < len(names):
        reduced = []
        for g in requirement_groups(G, names[v]):
            if g.via == "entry":
                continue
            inside, weights, outside = [], [], 0.0
            count_outside = 0
            for o, w in zip(
                g.options, g.weights or (0.0,) * len(g.options), strict=True
            ):
                if o not in index and G.nodes[o].get("kind") == "condition":
                    index[o] = len(names)
                    names.append(o)
                if o in index:
                    inside.append(index[o])
                    weights.append(w)
                else:
                    count_outside += 1
                    outside += w
            group = _reduce(g.need, g.credits, inside, weights, count_outside, outside)
            if group is not None:
                reduced.append(group)
        groups.append(reduced)
        v += 1
    return names, groups


def _reduce(
    need: int,
    credits: float | None,
    inside: list[int],
    weights: list[float],
    count_outside: int,
    outside: float,
) -> _Group | None:
    """A group with the options outside the curriculum held; None when met."""
    left = max(need - count_outside, 0)
    total = None if credits is None else credits - outside
    if total is not None and total <= _TOLERANCE * max(1.0, abs(credits or 0)):
        total = None
    if left == 0 and total is None:
        return None
    return _Group(left, tuple(inside), tuple(weights), total)


def _impossible(name: str) -> None:
    raise ValidationError(
        [
            Problem(
                f"course {name!r}",
                "its requirements cannot be met inside the curriculum (with what "
                "lies outside it held)",
                "add the missing options to the curriculum, or lower need or credits",
                name,
            )
        ]
    )


def _order(names: list[str], groups: list[list[_Group]]) -> list[int]:
    """A topological order of the requisite graph (every option before the node
    it is an option of); a cycle raises ValidationError naming its nodes."""
    succ: list[list[int]] = [[] for _ in names]
    indegree = [0] * len(names)
    for v, gs in enumerate(groups):
        for o in {o for g in gs for o in g.options}:
            succ[o].append(v)
            indegree[v] += 1
    return kahn_order(succ, indegree, names)


def kahn_order(
    succ: list[list[int]], indegree: list[int], names: Sequence[str]
) -> list[int]:
    """Kahn's topological order of the courses ``0..len(names)-1`` given their
    successor lists and in-degrees (``indegree`` is used up); a cycle raises
    ValidationError naming its courses.

    Examples
    --------
    >>> kahn_order([[1], [2], []], [0, 1, 1], ["a", "b", "c"])
    [0, 1, 2]
    >>> try:
    ...     kahn_order([[1], [0]], [1, 1], ["a", "b"])
    ... except ValidationError as e:
    ...     print(e.problems[0].message)
    prerequisite cycle: 'a' -> 'b' -> 'a'
    """
    order = [v for v, d in enumerate(indegree) if d == 0]
    head = 0
    while head < len(order):
        v = order[head]
        head += 1
        for w in succ[v]:
            indegree[w] -= 1
            if indegree[w] == 0:
                order.append(w)
    if len(order) == len(names):
        return order
    left = {v for v, d in enumerate(indegree) if d > 0}
    sub = nx.DiGraph((u, w) for u in left for w in succ[u] if w in left)
    cycle = [names[u] for u, _ in nx.find_cycle(sub)]
    shown = " -> ".join(repr(c) for c in [*cycle, cycle[0]])
    raise ValidationError(
        [
            Problem(
                f"course {cycle[0]!r}",
                f"prerequisite cycle: {shown}",
                "remove one of these requisites; a course cannot require itself",
                cycle[0],
            )
        ]
    )


def _usable(g: _Group, up: list[int | None]) -> list[int]:
    """Indices of the options of ``g`` that can be met."""
    return [i for i, o in enumerate(g.options) if up[o] is not None]


def _value(g: _Group, usable: list[int], up: list[int | None]) -> tuple[int, list[int]]:
    """The group's value (the smallest ``t`` such that its options with
    ``up <= t`` meet it) and its critical options (``up <= t``)."""
    level = [int(up[g.options[i]] or 0) for i in usable]
    ranked = sorted(range(len(usable)), key=level.__getitem__)
    t = 0
    for k, i in enumerate(ranked):
        t = level[i]
        if g.met([usable[j] for j in ranked[: k + 1]]):
            break
    return t, [g.options[usable[i]] for i in range(len(usable)) if level[i] <= t]


def _necessary(g: _Group, usable: list[int], nec: list[int]) -> int:
    """The courses (bits) in every way to meet ``g``: a course is necessary when
    the options that can be met without it cannot meet the group."""
    sets = {i: nec[g.options[i]] for i in usable}
    union = 0
    for bits in sets.values():
        union |= bits
    if g.credits is None and g.need == len(g.options):
        return union
    out = 0
    bits = union
    while bits:
        low = bits & -bits
        bits ^= low
        if not g.met([i for i, s in sets.items() if not s & low]):
            out |= low
    return out


def _contract(order: list[int], kept: list[list[int]], n: int) -> list[list[int]]:
    """Per course, the courses one critical edge before it, through conditions
    (positions ``n`` and above), each once, in increasing order."""
    through: dict[int, set[int]] = {}
    pred: list[list[int]] = [[] for _ in range(n)]
    for v in order:
        found: set[int] = set()
        for o in kept[v]:
            if o < n:
                found.add(o)
            else:
                found |= through[o]
        if v < n:
            pred[v] = sorted(found)
        else:
            through[v] = found
    return pred
