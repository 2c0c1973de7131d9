"""The graph contract: every attribute pathgraph's algorithms read, in one list.

A pathway graph is a plain :class:`networkx.MultiDiGraph`:

* node ids are the record ids (strings);
* every node has ``kind`` (one of :data:`~pathgraph.model.NODE_KINDS`) and ``label``;
  the record's other fields are plain attributes, present only when set;
* every edge has ``kind`` (one of :data:`~pathgraph.model.RELATION_KINDS`) and its
  relation's attributes;
* ``G.graph`` holds the pathway's metadata (:data:`METADATA_KEYS`).

:data:`GRAPH_ATTRIBUTES` lists every attribute an algorithm, a check or a renderer
reads, where it is read and its default when absent; the table in
``docs/concepts.md`` is generated from it (:func:`markdown_table`) and a test keeps
the two equal. :func:`pathgraph.validate_graph` checks the contract; this module
holds the facts it checks against, and the per-record checks every consumer shares,
so that the same mistake gives the same message wherever it is found.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pathgraph.errors import Problem
from pathgraph.model import NODE_KINDS, RELATION_KINDS
from pathgraph.model.nodes import MAX_NUMBER

__all__ = [
    "CONTEXT_NODE_KINDS",
    "GRAPH_ATTRIBUTES",
    "METADATA_KEYS",
    "NUMERIC_ATTRIBUTES",
    "PROGRESSION_NODE_KINDS",
    "Attribute",
    "kinds_fix",
    "markdown_table",
    "numeric_problems",
]

#: The node kinds a person moves through (nodes of the progression view): the steps
#: of a route (programs, courses, assessments), what they earn (credentials), jobs,
#: and the conditions that join requirements (met, not taken, but part of every
#: requirement they are an option of).
PROGRESSION_NODE_KINDS: frozenset[str] = frozenset(
    {"occupation", "credential", "program", "course", "assessment", "condition"}
)

#: Node kinds that give context (who offers, who supports, which agreement); maps
#: draw them only on request.
CONTEXT_NODE_KINDS: frozenset[str] = frozenset({"provider", "service", "agreement"})

#: Pathway metadata kept in ``G.graph``.
METADATA_KEYS: tuple[str, ...] = (
    "title",
    "description",
    "region",
    "sector",
    "version",
    "sources",
)


@dataclass(frozen=True)
class Attribute:
    """One attribute of the graph contract.

    Attributes
    ----------
    name : str
        The attribute's key in the node or edge dict.
    on : str
        Where it is read: node kinds, edge kinds, ``G.graph``.
    default : str
        What an absent attribute means.
    numeric : bool
        Whether it must be a finite number from 0 to MAX_NUMBER (1e12) when present.
    """

    name: str
    on: str
    default: str
    numeric: bool = False


_ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute("kind", "every node and edge", "required"),
    Attribute("label", "every node", "the node id"),
    Attribute(
        "destination", "any node", "False; when no node is marked, every occupation"
    ),
    Attribute(
        "months",
        "program, course, assessment, occupation, stacks_into, advances_to",
        "0",
        True,
    ),
    Attribute("cost", "program, course, assessment, stacks_into", "0", True),
    Attribute(
        "credits",
        "program, credential, course, assessment, stacks_into, articulates_to; "
        "condition: the credits its options held must add up to",
        "0 (an option of a credit condition counts 0; a condition: no credit total)",
        True,
    ),
    Attribute("months_saved", "articulates_to", "0", True),
    Attribute("cost_saved", "articulates_to", "0", True),
    Attribute("group", "requires", "none: the edge is a group of one"),
    Attribute(
        "need",
        "requires (a named group); condition",
        "all of the group; a condition: all its options, none when credits is set",
    ),
    Attribute(
        "to_confirm",
        "condition",
        "[]: nothing to confirm (items are shown in reports, counted as met)",
    ),
    Attribute("assessment_type", "assessment", "'exam'"),
    Attribute("credential_type", "credential", "'other'"),
    Attribute("industry_recognized", "credential", "False"),
    Attribute("wage_median", "occupation", "unknown", True),
    Attribute("wage_p25", "occupation", "unknown", True),
    Attribute("wage_p75", "occupation", "unknown", True),
    Attribute("openings", "occupation", "unknown", True),
    Attribute("soc", "occupation", "none"),
    Attribute("education_level", "occupation", "unknown (route assumptions)"),
    Attribute("job_zone", "occupation", "unknown"),
    Attribute("career_level", "occupation", "unknown"),
    Attribute("completers", "program, assessment", "unknown", True),
    Attribute("cip", "program", "none"),
    Attribute("modality", "program", "unknown"),
    Attribute("schedule", "program", "[]"),
    Attribute("earn_while_learning", "program", "False"),
    Attribute("iet", "program", "False"),
    Attribute("serves", "program", "[]: designed for no entry level in particular"),
    Attribute("bridge", "program", "False"),
    Attribute("term", "course", "none: placed by its prerequisites"),
    Attribute("location", "program", "none: at its provider (route steps)"),
    Attribute("next_starts", "program", "[]: no start dates (route steps)"),
    Attribute("amount", "service", "none: pays nothing toward costs (route aid)", True),
    Attribute("address", "provider", "none (route steps' contacts)"),
    Attribute("phone", "provider", "none (route steps' contacts)"),
    Attribute("email", "provider", "none (route steps' contacts)"),
    Attribute("url", "provider", "none (route steps' contacts)"),
    Attribute("tags", "any node", "[]"),
    Attribute("description", "any node", "none"),
    Attribute("level", "any node", "derived from the graph"),
    Attribute("lane", "any node", "none"),
    Attribute("ignore", "any node", "[]: no rule suppressed"),
    Attribute("title", "G.graph", "'Untitled pathway'"),
)

#: Every attribute pathgraph's algorithms read: name -> :class:`Attribute`.
GRAPH_ATTRIBUTES: dict[str, Attribute] = {a.name: a for a in _ATTRIBUTES}

#: The attributes that must be non-negative numbers (not NaN) when present.
NUMERIC_ATTRIBUTES: tuple[str, ...] = tuple(a.name for a in _ATTRIBUTES if a.numeric)


def kinds_fix(edges: bool = False) -> str:
    """The fix for an unknown node (or edge) kind: the kinds there are.

    Examples
    --------
    >>> kinds_fix(edges=True)[:40]
    'kind must be one of awards, requires, qu'
    """
    kinds = RELATION_KINDS if edges else NODE_KINDS
    return "kind must be one of " + ", ".join(kinds)


def numeric_problems(where: str, attrs: dict[str, Any]) -> Iterator[Problem]:
    """A problem for each numeric attribute of ``attrs`` that is not a finite
    number from 0 to :data:`~pathgraph.model.nodes.MAX_NUMBER`.

    Examples
    --------
    >>> [str(p) for p in numeric_problems("node 'p'", {"months": -1, "cost": 5})]
    ["node 'p': months must be a number from 0 to 1e+12, not -1"]
    >>> [str(p) for p in numeric_problems("node 'p'", {"cost": float("inf")})]
    ["node 'p': cost must be a number from 0 to 1e+12, not inf"]
    """
    for name in NUMERIC_ATTRIBUTES:
        value = attrs.get(name)
        if value is None:
            continue
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not 0 <= value <= MAX_NUMBER  # False for NaN; exact for huge ints
        ):
            shown = repr(value)
            if len(shown) > 40:
                shown = shown[:20] + f"... ({len(shown)} characters)"
            yield Problem(
                where, f"{name} must be a number from 0 to {MAX_NUMBER:g}, not {shown}"
            )


def markdown_table() -> str:
    """The contract as the Markdown table ``docs/concepts.md`` shows.

    Examples
    --------
    >>> print(markdown_table().splitlines()[2])
    | `kind` | every node and edge | required |
    """
    rows = ["| attribute | read on | when absent |", "|---|---|---|"]
    rows += [f"| `{a.name}` | {a.on} | {a.default} |" for a in _ATTRIBUTES]
    return "\n".join(rows) + "\n"
