"""Requirement semantics: who may enter a node (AND/OR groups) and entry presets.

This module is the one definition of a node's requirements: routing reads it node by
node, and :mod:`pathgraph.analysis._core` compiles the same definition to arrays for
whole-graph analysis (a property test keeps the two equal).

Requirement groups of a node ``v``
----------------------------------
* The ``requires`` edges into ``v`` form groups by their ``group`` attribute. A group
  is met when ``need`` of its sources are held; ``need`` is read from the edges and
  defaults to all of the group. An edge without ``group`` is a group of its own.
* For an occupation, the ``qualifies_for`` and ``advances_to`` edges into it form one
  more group, named ``"entry"``, met by holding any one of their sources (a qualifying
  credential, or the occupation one advances from).
* All groups must be met. A node with no group is open to anyone.

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
    "EMPTY_PRESETS",
    "ENTRY_PRESETS",
    "FOUNDATION_TYPES",
    "RequirementGroup",
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


@dataclass(frozen=True, order=True)
class RequirementGroup:
    """One requirement group of a node: ``need`` of ``options`` must be held.

    Attributes
    ----------
    name : str
        The ``group`` attribute; for an ungrouped ``requires`` edge, its source id;
        ``"entry"`` for an occupation's qualifying group.
    need : int
        How many of the options must be held.
    options : tuple of str
        Sorted ids of the nodes that satisfy the group.
    via : str
        ``"requires"``, or ``"entry"`` for the qualifies_for/advances_to group.
    """

    name: str
    need: int
    options: tuple[str, ...]
    via: str = "requires"

    def met(self, holds: Collection[Any]) -> bool:
        """Whether a person holding ``holds`` meets this group."""
        count = 0
        for option in self.options:
            if option in holds:
                count += 1
                if count >= self.need:
                    return True
        return self.need <= 0

    def __str__(self) -> str:
        opts = ", ".join(self.options)
        if self.need == len(self.options):
            return f"all of [{opts}]" if len(self.options) > 1 else opts
        if self.need == 1:
            return f"any of [{opts}]"
        return f"{self.need} of [{opts}]"


def _groups_from_edges(
    v: Any, edges: Iterable[tuple[Any, dict[str, Any]]], is_occupation: bool
) -> tuple[RequirementGroup, ...]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    needs: dict[str, int] = {}
    singles: list[Any] = []
    entry: set[Any] = set()
    for u, attrs in edges:
        kind = attrs.get("kind")
        if kind == "requires":
            group = attrs.get("group")
            if group is None:
                singles.append(u)
            else:
                grouped[str(group)].append(u)
                if attrs.get("need") is not None:
                    needs[str(group)] = int(attrs["need"])
        elif is_occupation and kind in ("qualifies_for", "advances_to"):
            entry.add(u)
    out = [
        RequirementGroup(str(u), 1, (str(u),)) for u in sorted(set(singles), key=str)
    ]
    for name, members in grouped.items():
        options = tuple(sorted({str(m) for m in members}))
        out.append(RequirementGroup(name, needs.get(name, len(options)), options))
    if entry:
        out.append(
            RequirementGroup(ENTRY_GROUP, 1, tuple(sorted(map(str, entry))), "entry")
        )
    out.sort(key=lambda g: (g.via != "entry", g.name))
    return tuple(out)


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
    is_occ = G.nodes[v].get("kind") == "occupation"
    return _groups_from_edges(
        v, ((u, d) for u, _, d in G.in_edges(v, data=True)), is_occ
    )


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
