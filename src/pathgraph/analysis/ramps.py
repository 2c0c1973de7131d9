"""On-ramps, off-ramps and re-entry points."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from itertools import repeat
from typing import Any

from pathgraph.analysis._core import (
    GraphLike,
    checked_index,
    held,
    on_ramp,
    sorted_ids,
)

__all__ = [
    "WORKER_FRIENDLY",
    "ReEntry",
    "off_ramps",
    "on_ramps",
    "re_entry_points",
    "worker_flags",
    "worker_friendly",
]


#: Program delivery a working adult can take: any of these modalities or schedules.
WORKER_FRIENDLY: frozenset[str] = frozenset(
    {"online", "hybrid", "work_based", "evening", "weekend", "self_paced"}
)


def on_ramps(G: GraphLike, holds: Collection[str] | str = ()) -> list[str]:
    """Programs and occupations a person can enter now, with what they hold.

    A node is an on-ramp for ``holds`` when it is a program or an occupation, is not
    already held, and every one of its requirement groups is met by ``holds`` (a
    node with no group is open to anyone). See :mod:`pathgraph.requirements`.

    Parameters
    ----------
    G
        A pathway graph (or Pathway).
    holds
        Node ids held, and/or entry preset names (``"abe"``, ``"esl"``,
        ``"diploma"``, ``"incumbent"``).

    Examples
    --------
    >>> import pathgraph
    >>> pathgraph.on_ramps(pathgraph.load_example("bht"), "abe")
    ['abe-ged', 'bht-tier1-course']
    """
    ix = checked_index(G)
    return sorted_ids(ix, on_ramp(ix, held(ix, holds)))


def off_ramps(G: GraphLike) -> dict[str, list[str]]:
    """For every credential, the occupations it qualifies for (its off-ramps).

    Reads ``qualifies_for`` edges. Credentials without an off-ramp map to ``[]``.

    Examples
    --------
    >>> import pathgraph
    >>> ramps = pathgraph.off_ramps(pathgraph.load_example("bht"))
    >>> ramps["bht-basic"], ramps["bht-advanced"]
    (['human-service-assistant'], [])
    """
    G = checked_index(G).G
    out: dict[str, set[str]] = {
        str(n): set() for n, k in G.nodes(data="kind") if k == "credential"
    }
    for u, v, k in G.edges(data="kind"):
        if k == "qualifies_for" and str(u) in out:
            out[str(u)].add(str(v))
    return {c: sorted(jobs) for c, jobs in sorted(out.items())}


@dataclass(frozen=True)
class ReEntry:
    """Ways back into education for a person working in ``occupation``.

    Attributes
    ----------
    occupation : str
        The job an off-ramp leads to.
    via : tuple of str
        The credentials whose off-ramp leads there.
    programs : tuple of str
        Programs the holder can take next: those that require (in any group), or
        grant articulated credit for, one of ``via`` or the occupation itself.
    for_workers : tuple of str
        The subset of ``programs`` a working adult can take (a modality or schedule
        in :data:`WORKER_FRIENDLY`, or earn-while-learning).
    stacks : tuple of str
        Credentials one of ``via`` stacks into (a way forward without a program).
    """

    occupation: str
    via: tuple[str, ...]
    programs: tuple[str, ...]
    for_workers: tuple[str, ...]
    stacks: tuple[str, ...] = ()

    @property
    def exists(self) -> bool:
        """Whether there is any way back into education."""
        return bool(self.programs or self.stacks)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict."""
        return {
            "occupation": self.occupation,
            "via": list(self.via),
            "programs": list(self.programs),
            "for_workers": list(self.for_workers),
            "stacks": list(self.stacks),
        }


def worker_friendly(attrs: dict[str, Any]) -> bool:
    """Whether a program's ``modality`` or ``schedule`` suits a working adult."""
    schedule = attrs.get("schedule") or ()
    if isinstance(schedule, str):  # one value written without a list
        schedule = (schedule,)
    modes = {str(attrs.get("modality"))} | {str(s) for s in schedule}
    return bool(modes & WORKER_FRIENDLY) or bool(attrs.get("earn_while_learning"))


def worker_flags(attrs: list[dict[str, Any]]) -> list[bool]:
    """:func:`worker_friendly` of each attribute dict, in bulk.

    The common case (string ``modality``, a list of string ``schedule`` values) is
    answered with set operations over all dicts at once; anything else falls back
    to :func:`worker_friendly`.
    """
    friendly = WORKER_FRIENDLY
    modalities = list(map(dict.get, attrs, repeat("modality")))
    schedules = list(map(dict.get, attrs, repeat("schedule"), repeat(())))
    if set(map(type, modalities)) <= {type(None), str} and set(
        map(type, schedules)
    ) <= {list, tuple}:
        try:
            return [
                m or not s or bool(e)
                for m, s, e in zip(
                    map(friendly.__contains__, modalities),
                    map(friendly.isdisjoint, schedules),
                    map(dict.get, attrs, repeat("earn_while_learning")),
                    strict=True,
                )
            ]
        except TypeError:  # an unhashable schedule value
            pass
    return [worker_friendly(d) for d in attrs]


def re_entry_points(G: GraphLike) -> dict[str, ReEntry]:
    """For each occupation an off-ramp leads to, the programs its holder can take next.

    Returns a dict keyed by occupation id (sorted), for every occupation some
    credential ``qualifies_for``. See :class:`ReEntry` for what counts as a way back
    and which programs suit a working adult. O(V + E).

    Examples
    --------
    >>> import pathgraph
    >>> r = pathgraph.re_entry_points(pathgraph.load_example("bht"))
    >>> r["psychiatric-aide"].programs
    ('bht-tier2-course', 'bht-tier3-course')
    """
    G = checked_index(G).G
    nodes = G.nodes
    via: dict[str, set[str]] = {}
    next_programs: dict[str, set[str]] = {}
    stack_targets: dict[str, set[str]] = {}
    for u, v, d in G.edges(data=True):
        k = d.get("kind")
        su, sv = str(u), str(v)
        if k == "qualifies_for":
            via.setdefault(sv, set()).add(su)
        elif k in ("requires", "articulates_to") and nodes[v].get("kind") == "program":
            next_programs.setdefault(su, set()).add(sv)
        elif k == "stacks_into":
            stack_targets.setdefault(su, set()).add(sv)
    out: dict[str, ReEntry] = {}
    for occ in sorted(via):
        sources = via[occ]
        programs: set[str] = set(next_programs.get(occ, ()))
        stacks: set[str] = set()
        for c in sources:
            programs |= next_programs.get(c, set())
            stacks |= stack_targets.get(c, set())
        ordered = tuple(sorted(programs))
        workers = tuple(p for p in ordered if worker_friendly(nodes[p]))
        out[occ] = ReEntry(
            occ, tuple(sorted(sources)), ordered, workers, tuple(sorted(stacks))
        )
    return out
