"""On-ramps, off-ramps and re-entry points.

Re-entry is computed once, over the compiled index (:class:`ReEntryArrays`):
:func:`re_entry_points` lists it per occupation, and :func:`pathgraph.check` (rules
``no-re-entry`` and ``re-entry-not-for-workers``) reads the same arrays.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from typing import Any

import numpy as np

from pathgraph.analysis._arrays import (
    PROGRAM,
    QUALIFIES_FOR,
    STACKS_INTO,
    Ints,
    Mask,
    csr,
)
from pathgraph.analysis._core import (
    GraphLike,
    Index,
    checked_index,
    held,
    leads_into,
    on_ramp,
    sorted_ids,
)

__all__ = [
    "WORKER_FRIENDLY",
    "ReEntry",
    "ReEntryArrays",
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
        Programs the holder can take next: those that require (in any group,
        directly or through conditions), or grant articulated credit for, one of
        ``via`` or the occupation itself.
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


@dataclass(frozen=True, eq=False)
class ReEntryArrays:
    """Re-entry over an :class:`Index`: the one implementation of :class:`ReEntry`.

    The occupations are the targets of ``qualifies_for`` edges; an occupation's
    ``via`` are the sources of those edges. A next program of a record is a program
    it is a requirement of (in any group, directly or through conditions, see
    :func:`~pathgraph.analysis._core.leads_into`) or it ``articulates_to``; an
    occupation's programs are its own next programs and those of its ``via``; its
    stacks, the targets of ``stacks_into`` edges from its ``via``. Each mask below
    is per node, computed with array work over all nodes at once.
    """

    ix: Index

    @cached_property
    def qual(self) -> Ints:
        """The ``qualifies_for`` edges."""
        return self.ix.edges(QUALIFIES_FOR)

    @cached_property
    def next_pairs(self) -> tuple[Ints, Ints]:
        """``(record, program)`` pairs: each next program of each record, one per
        edge (or per way through conditions), in edge order."""
        ix = self.ix
        u, x, _ = leads_into(ix, np.ones(ix.n, dtype=bool))
        keep = ix.kind[x] == PROGRAM
        return u[keep], x[keep]

    @cached_property
    def occupations(self) -> Mask:
        """Nodes some record qualifies for (each has a :class:`ReEntry`)."""
        occ = np.zeros(self.ix.n, dtype=bool)
        occ[self.ix.dst[self.qual]] = True
        return occ

    def leaving(self, heads: Ints) -> Mask:
        """Nodes among ``heads`` (the sources of some edges or pairs)."""
        has: Mask = np.bincount(heads, minlength=self.ix.n) > 0
        return has

    def via_any(self, flag: Mask) -> Mask:
        """Nodes some record with ``flag`` qualifies for."""
        src, dst, qual = self.ix.src, self.ix.dst, self.qual
        weights = flag[src[qual]].astype(np.float64)
        has: Mask = np.bincount(dst[qual], weights=weights, minlength=self.ix.n) > 0
        return has

    @cached_property
    def has_programs(self) -> Mask:
        """Occupations with a next program (:attr:`ReEntry.programs` not empty)."""
        own = self.leaving(self.next_pairs[0])
        return own | self.via_any(own)

    @cached_property
    def has_stacks(self) -> Mask:
        """Occupations with a stack (:attr:`ReEntry.stacks` not empty)."""
        stacks = self.ix.edges(STACKS_INTO)
        return self.via_any(self.leaving(self.ix.src[stacks]))

    def worker_programs(self, where: Mask) -> Mask:
        """The next programs of ``where`` and of their ``via`` that suit a working
        adult (:func:`worker_friendly`); only those programs are looked at."""
        ix = self.ix
        heads, programs = self.next_pairs
        src, dst = ix.src, ix.dst
        asked = where.copy()
        asked[src[self.qual[where[dst[self.qual]]]]] = True
        ask = np.unique(programs[asked[heads]])
        worker = np.zeros(ix.n, dtype=bool)
        attrs = ix.attrs
        worker[ask[worker_flags([attrs[p] for p in ask.tolist()])]] = True
        return worker

    def has_worker_programs(self, where: Mask) -> Mask:
        """Occupations with a program for workers (:attr:`ReEntry.for_workers` not
        empty); exact for the nodes in ``where``."""
        heads, programs = self.next_pairs
        worker = self.worker_programs(where)
        own = self.leaving(heads[worker[programs]])
        return own | self.via_any(own)

    @cached_property
    def _via(self) -> tuple[Ints, Ints]:
        qual = self.qual
        return _grouped(self.ix.dst[qual], self.ix.src[qual], self.ix.n)

    @cached_property
    def _next(self) -> tuple[Ints, Ints]:
        heads, programs = self.next_pairs
        return _grouped(heads, programs, self.ix.n)

    @cached_property
    def _stacks(self) -> tuple[Ints, Ints]:
        stacks = self.ix.edges(STACKS_INTO)
        return _grouped(self.ix.src[stacks], self.ix.dst[stacks], self.ix.n)

    def via(self, o: int) -> list[int]:
        """The records that qualify for ``o``, one per edge, in edge order."""
        return _group(self._via, o)

    def next_programs(self, x: int) -> list[int]:
        """The next programs of record ``x``, one per edge, in edge order."""
        return _group(self._next, x)

    def stack_targets(self, x: int) -> list[int]:
        """The credentials ``x`` stacks into, one per edge, in edge order."""
        return _group(self._stacks, x)

    def entry(self, o: int, worker: Mask) -> ReEntry:
        """The :class:`ReEntry` of occupation ``o``; ``worker`` as
        :meth:`worker_programs` of ``o``."""
        ix = self.ix
        sources = self.via(o)
        programs = {ix.id(p): p for x in [o, *sources] for p in self.next_programs(x)}
        stacks = {ix.id(d) for c in sources for d in self.stack_targets(c)}
        ordered = tuple(sorted(programs))
        return ReEntry(
            ix.id(o),
            tuple(sorted(set(map(ix.id, sources)))),
            ordered,
            tuple(p for p in ordered if worker[programs[p]]),
            tuple(sorted(stacks)),
        )


def _grouped(keys: Ints, values: Ints, n: int) -> tuple[Ints, Ints]:
    """``values`` ordered by key, and where each key's run starts (``n + 1``)."""
    order, ptr = csr(keys, n)
    return values[order], ptr


def _group(grouped: tuple[Ints, Ints], k: int) -> list[int]:
    """The values of key ``k`` in ``grouped``, in their original order."""
    values, ptr = grouped
    out: list[int] = values[ptr[k] : ptr[k + 1]].tolist()
    return out


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
    r = ReEntryArrays(checked_index(G))
    occupations = r.occupations
    worker = r.worker_programs(occupations)
    entries = (r.entry(o, worker) for o in np.flatnonzero(occupations).tolist())
    return {e.occupation: e for e in sorted(entries, key=lambda e: e.occupation)}
