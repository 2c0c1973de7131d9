"""What every rule reads: the compiled graph and the results rules share.

A rule is a function of one :class:`_Context`. Results that several rules need (what
can be reached, the dead ends, re-entry) are computed once per :func:`pathgraph.check`
and kept in the context.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

import numpy as np

from pathgraph.analysis._arrays import (
    PREREQUISITE_OF,
    Ints,
    Mask,
)
from pathgraph.analysis._core import (
    Index,
    cycles,
    dead,
    reach,
    search,
)
from pathgraph.requirements import ENTRY_PRESETS

T = TypeVar("T")


@dataclass
class _Context:
    """The compiled graph, the entry presets checked, and results computed once."""

    ix: Index
    entry: tuple[str, ...]
    _cache: dict[str, Any] = field(default_factory=dict)

    def label(self, i: int) -> str:
        return self.ix.label(i)

    def once(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, run on the first call with ``key`` and kept."""
        if key not in self._cache:
            self._cache[key] = compute()
        return cast(T, self._cache[key])

    def generous(self) -> Mask:
        """Everything reachable from the union of all entry presets."""

        def compute() -> Mask:
            held = np.zeros(self.ix.n, dtype=bool)
            for preset in ENTRY_PRESETS:
                held |= self.ix.preset(preset)
            return reach(self.ix, held)

        return self.once("generous", compute)

    def dead(self) -> Mask:
        """Dead ends (computed once)."""
        return self.once("dead", lambda: dead(self.ix))

    def course_cycles(self) -> tuple[list[list[int]], Mask, Mask]:
        """Prerequisite cycles among courses, every course after one (along
        ``prerequisite_of``), and the courses on one (computed once)."""

        def compute() -> tuple[list[list[int]], Mask, Mask]:
            ix = self.ix
            pre = ix.edges(PREREQUISITE_OF)
            heads, tails = ix.src[pre], ix.dst[pre]
            found = _sorted_cycles(ix, cycles(ix.n, heads, tails))
            on_cycle = np.zeros(ix.n, dtype=bool)
            for c in found:
                on_cycle[c] = True
            after: Mask = search(ix.n, heads, tails, on_cycle) & ~on_cycle
            return found, after, on_cycle

        return self.once("course_cycles", compute)


def _sorted_cycles(ix: Index, found: list[Ints]) -> list[list[int]]:
    """Each cycle's nodes sorted by id, the cycles sorted by their first id."""
    out = [sorted(c.tolist(), key=ix.id) for c in found]
    return sorted(out, key=lambda c: ix.id(c[0]))


def _names(ix: Index, nodes: Iterable[int], limit: int = 0) -> str:
    """Sorted ids, comma-separated (the first ``limit`` and a count when longer)."""
    names = sorted({ix.id(i) for i in nodes})
    if limit and len(names) > limit:
        return ", ".join(names[:limit]) + f" and {len(names) - limit} more"
    return ", ".join(names)
