"""Requirement semantics: who may enter a node, and entry presets.

This module is the one definition of a node's requirements: routing reads it node by
node, and :mod:`pathgraph.analysis._core` compiles the same definition to arrays for
whole-graph analysis (a property test keeps the two equal).

The requirement language
------------------------
A node's requirement is the AND of its *groups*; a node with no group is open to
anyone. A group has *options* (node ids) and a rule: at least ``need`` options held
and, when ``credits`` is set, options held whose ``credits`` add up to at least that
much (an option without ``credits`` counts 0). An option may be a
:class:`~pathgraph.Condition` node, which is held as soon as its own group is met,
so conditions nest to any depth: "(Networking I and Operating Systems) or 6 credits
of electives" is a group that needs 1 of [a condition needing both courses, a
condition needing 6 credits of the electives].

The groups of a node ``v``:

* the ``requires`` edges into ``v`` grouped by their ``group`` attribute: ``need``
  from the edges, default all of the group; an edge without ``group`` is a group of
  its own;
* for a condition ``v``: all its ``requires`` edges form its one group, with the
  node's own ``need`` (default: all of them; none when ``credits`` is set) and
  ``credits``;
* for a course ``v``: each ``prerequisite_of`` and ``corequisite_of`` edge into it is
  a group of one (a corequisite is taken before or with it; a route takes it first);
* for an occupation ``v``: the ``qualifies_for`` and ``advances_to`` edges into it
  form one more group, named ``"entry"``, met by any one of their sources.

Ways to earn a credential (used by routing and analysis): a program that ``awards``
it is completed, an assessment that ``awards`` it is passed, a condition that
``awards`` it is met, or a credential that ``stacks_into`` it is held; and, in every
case, the credential's own groups are met. A credential nothing awards and nothing
stacks into is only ever held, never earned.

Entry presets
-------------
:data:`ENTRY_PRESETS` names typical starting points; :func:`pathgraph.preset_holdings`
turns one into the node ids a person at that point holds in a given graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

__all__ = [
    "COURSE_RELATIONS",
    "EARN_RELATIONS",
    "EMPTY_PRESETS",
    "ENTRY_PRESETS",
    "ENTRY_RELATIONS",
    "FOUNDATION_TYPES",
    "RequirementGroup",
    "condition_group",
    "requirement_groups",
    "requirements_met",
]

#: Entry-level presets and what each person holds.
ENTRY_PRESETS: dict[str, str] = {
    "abe": "an adult in Adult Basic Education: no diploma, no credential",
    "esl": (
        "an English learner: no diploma, no credential (the holdings of abe); "
        "their on-ramps are open programs that serve esl or are iet"
    ),
    "diploma": "every credential of type 'hse' or 'diploma' in the graph",
    "incumbent": (
        "'diploma' plus the entry-level occupations (those with career_level "
        "'entry', or, when none is marked, those open to anyone) and the "
        "credentials those jobs require without a choice (the only credential "
        "that qualifies for the job, or a group that needs all of its options)"
    ),
}

#: The presets that hold nothing (they differ in which programs are their on-ramps).
EMPTY_PRESETS: frozenset[str] = frozenset({"abe", "esl"})

#: Credential types that are starting points, not steps of a stack: the ``diploma``
#: preset holds them.
FOUNDATION_TYPES: frozenset[str] = frozenset({"hse", "diploma"})

ENTRY_GROUP = "entry"
#: Relations into an occupation that form its "entry" group.
ENTRY_RELATIONS: frozenset[str] = frozenset({"qualifies_for", "advances_to"})
#: Relations into a course that are groups of one.
COURSE_RELATIONS: frozenset[str] = frozenset({"prerequisite_of", "corequisite_of"})
#: Relations into a credential that are ways to earn it.
EARN_RELATIONS: frozenset[str] = frozenset({"awards", "stacks_into"})


@dataclass(frozen=True, order=True)
class RequirementGroup:
    """One requirement group of a node: ``need`` of ``options`` must be held and,
    when ``credits`` is set, options worth that many credits.

    Attributes
    ----------
    name : str
        The ``group`` attribute; for an ungrouped ``requires`` edge, its source id;
        ``"entry"`` for an occupation's qualifying group; the condition's id for a
        condition's group.
    need : int
        How many of the options must be held (0: no count, only credits).
    options : tuple of str
        Sorted ids of the nodes that satisfy the group.
    via : str
        ``"requires"``; ``"entry"`` for the qualifies_for/advances_to group;
        ``"condition"`` for a condition's own group; ``"prerequisite"`` for a
        course's prerequisite or corequisite.
    credits : float or None
        Credits the options held must add up to.
    weights : tuple of float
        Each option's ``credits`` (0 when absent), in the order of ``options``; empty
        when ``credits`` is None.
    """

    name: str
    need: int
    options: tuple[str, ...]
    via: str = "requires"
    credits: float | None = None
    weights: tuple[float, ...] = ()

    def met(self, holds: Collection[Any]) -> bool:
        """Whether a person holding ``holds`` meets this group."""
        if self.credits is not None:
            got = 0.0
            count = 0
            for option, w in zip(self.options, self.weights, strict=True):
                if option in holds:
                    got += w
                    count += 1
            return count >= self.need and got >= self.credits
        count = 0
        for option in self.options:
            if option in holds:
                count += 1
                if count >= self.need:
                    return True
        return self.need <= 0

    def __str__(self) -> str:
        opts = ", ".join(self.options)
        if self.credits is not None:
            cr = f"{self.credits:g} credits from [{opts}]"
            return f"{self.need} of and {cr}" if self.need else cr
        if self.need == len(self.options):
            return f"all of [{opts}]" if len(self.options) > 1 else opts
        if self.need == 1:
            return f"any of [{opts}]"
        return f"{self.need} of [{opts}]"


def _credits(value: Any) -> float:
    return float(value) if value is not None else 0.0


def condition_group(
    v: Any, attrs: dict[str, Any], options: Iterable[Any], credit_of: Any
) -> RequirementGroup:
    """The one group of condition ``v`` (node attributes ``attrs``) over
    ``options``; ``credit_of(option)`` gives an option's credits."""
    opts = tuple(sorted({str(o) for o in options}))
    credits = attrs.get("credits")
    need = attrs.get("need")
    if need is None:
        need = 0 if credits is not None else len(opts)
    if credits is None:
        return RequirementGroup(str(v), int(need), opts, "condition")
    weights = tuple(_credits(credit_of(o)) for o in opts)
    return RequirementGroup(
        str(v), int(need), opts, "condition", float(credits), weights
    )


def _groups_from_edges(
    v: Any, edges: Iterable[tuple[Any, dict[str, Any]]], kind_of_v: Any
) -> tuple[list[RequirementGroup], list[Any]]:
    """The groups of ``v`` from its in-edges, and the options of its condition
    group (when ``v`` is a condition: every ``requires`` source)."""
    grouped: dict[str, list[Any]] = defaultdict(list)
    needs: dict[str, int] = {}
    singles: list[Any] = []
    entry: set[Any] = set()
    prereqs: set[Any] = set()
    is_condition = kind_of_v == "condition"
    members: list[Any] = []
    for u, attrs in edges:
        kind = attrs.get("kind")
        if kind == "requires":
            group = attrs.get("group")
            if is_condition:
                members.append(u)
            elif group is None:
                singles.append(u)
            else:
                grouped[str(group)].append(u)
                if attrs.get("need") is not None:
                    needs[str(group)] = int(attrs["need"])
        elif kind in ENTRY_RELATIONS and kind_of_v == "occupation":
            entry.add(u)
        elif kind in COURSE_RELATIONS and kind_of_v == "course":
            prereqs.add(u)
    out = [
        RequirementGroup(str(u), 1, (str(u),)) for u in sorted(set(singles), key=str)
    ]
    for name, group_members in grouped.items():
        options = tuple(sorted({str(m) for m in group_members}))
        out.append(RequirementGroup(name, needs.get(name, len(options)), options))
    out.extend(
        RequirementGroup(str(u), 1, (str(u),), "prerequisite")
        for u in sorted(prereqs, key=str)
        if str(u) not in {g.name for g in out if g.via == "requires"}
    )
    if entry:
        out.append(
            RequirementGroup(ENTRY_GROUP, 1, tuple(sorted(map(str, entry))), "entry")
        )
    return out, members


def requirement_groups(G: nx.MultiDiGraph, v: Any) -> tuple[RequirementGroup, ...]:
    """The requirement groups of node ``v`` (empty: open to anyone).

    Examples
    --------
    >>> import networkx as nx
    >>> from pathgraph.requirements import requirement_groups
    >>> G = nx.MultiDiGraph()
    >>> for n in ("ged", "diploma", "placement"):
    ...     G.add_node(n, kind="credential")
    >>> G.add_node("cert", kind="program")
    >>> _ = G.add_edge("ged", "cert", kind="requires", group="hs", need=1)
    >>> _ = G.add_edge("diploma", "cert", kind="requires", group="hs", need=1)
    >>> _ = G.add_edge("placement", "cert", kind="requires")
    >>> [str(g) for g in requirement_groups(G, "cert")]
    ['any of [diploma, ged]', 'placement']
    """
    nodes = G.nodes
    attrs = nodes[v]
    kind = attrs.get("kind")
    out, members = _groups_from_edges(
        v, ((u, d) for u, _, d in G.in_edges(v, data=True)), kind
    )
    if kind == "condition":
        out.append(
            condition_group(v, attrs, members, lambda o: nodes[o].get("credits"))
        )
    out.sort(key=lambda g: (g.via != "entry", g.name))
    return tuple(out)


def requirements_met(G: nx.MultiDiGraph, v: Any, holds: Collection[Any]) -> bool:
    """Whether a person holding ``holds`` meets every requirement group of ``v``.

    Examples
    --------
    >>> import networkx as nx
    >>> from pathgraph.requirements import requirements_met
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("cna", kind="credential"); G.add_node("aide", kind="occupation")
    >>> _ = G.add_edge("cna", "aide", kind="qualifies_for")
    >>> requirements_met(G, "aide", set()), requirements_met(G, "aide", {"cna"})
    (False, True)
    """
    return all(g.met(holds) for g in requirement_groups(G, v))
