"""Destinations, dead ends and unreachable nodes."""

from __future__ import annotations

from collections.abc import Collection

from pathgraph.analysis._core import (
    GraphLike,
    checked_index,
    dead,
    held,
    reach,
    sorted_ids,
)

__all__ = ["dead_ends", "destinations", "unreachable"]


def destinations(G: GraphLike) -> list[str]:
    """The pathway's destinations, sorted.

    A destination is a node with ``destination=True`` (a degree, a target job). When
    no node is marked, every occupation is a destination: employment is what a
    career pathway is for.

    Examples
    --------
    >>> import pathgraph
    >>> pathgraph.destinations(pathgraph.load_example("bht"))
    ['behavioral-health-counselor', 'bht-assoc']
    """
    ix = checked_index(G)
    return sorted_ids(ix, ix.destination)


def dead_ends(G: GraphLike) -> list[str]:
    """Programs and credentials that lead nowhere: to no destination and no job.

    Definition: a node of the progression view (a program or credential) that is
    not a destination and from which neither a destination nor an occupation is
    reachable along progression edges (``awards``, ``requires``, ``qualifies_for``,
    ``stacks_into``, ``articulates_to``, ``advances_to``). A job is an off-ramp
    even when the pathway marks other destinations (a degree): "no dead ends" means
    every step leads on to employment or a further credential. Occupations are
    never reported here: a job with nowhere to go is a different finding (rule
    ``no-re-entry``, see :func:`pathgraph.check`).

    Computed with one reverse multi-source search from all destinations and
    occupations: O(V + E).

    Reads node ``kind`` and ``destination``, edge ``kind``.

    Returns
    -------
    list of str
        Sorted node ids.

    Examples
    --------
    >>> import pathgraph
    >>> pathgraph.dead_ends(pathgraph.load_example("manufacturing"))
    ['clt-course', 'mssc-clt']
    """
    ix = checked_index(G)
    return sorted_ids(ix, dead(ix))


def unreachable(G: GraphLike, holds: Collection[str] | str = ()) -> list[str]:
    """Progression nodes that a person holding ``holds`` can never reach.

    Reachability honours requirement groups (see :mod:`pathgraph.requirements`):
    starting from the holdings and every program or occupation open to anyone, a
    program, occupation or credential is reached once each of its groups has
    ``need`` reached options; a credential is earned from a reached program that
    awards it or a reached credential that stacks into it (and its own ``requires``
    groups). Forward chaining, each edge looked at once: O(V + E).

    Parameters
    ----------
    G
        A pathway graph (or Pathway).
    holds
        Node ids held at the start, and/or entry preset names (``"abe"``,
        ``"esl"``, ``"diploma"``, ``"incumbent"``).

    Examples
    --------
    >>> import pathgraph
    >>> G = pathgraph.load_example("bht")
    >>> pathgraph.unreachable(G)   # from nothing held, everything can be reached
    []
    """
    ix = checked_index(G)
    reached = reach(ix, held(ix, holds))
    return sorted_ids(ix, ix.progression_node & ~reached)
