"""Labour-market rule (``PG301``): does each step up a ladder pay?"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from pathgraph.analysis._arrays import (
    ADVANCES_TO,
)
from pathgraph.checks._context import _Context
from pathgraph.checks.registry import rule

__all__: list[str] = []


@rule(
    "PG301",
    "wage-drop",
    "warning",
    summary="an advancement leads to a lower median wage",
    why="Each step up a career ladder should pay more; an advances_to edge to a "
    "lower-paid job is likely an error or a poor advancement.",
    fix="check the wages and the direction of the advances_to edge",
)
def _wage_drop(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix = ctx.ix
    adv = ix.progression_edges(ADVANCES_TO)
    if not adv.size:
        return
    a, b = ix.src[adv], ix.dst[adv]
    ends = np.zeros(ix.n, dtype=bool)
    ends[a] = True
    ends[b] = True
    wage = np.full(ix.n, np.nan)
    wage[ends] = np.array(ix.attr("wage_median", ends), dtype=np.float64)  # None: NaN
    for u, v in zip(*(x[wage[b] < wage[a]].tolist() for x in (a, b)), strict=True):
        yield (
            v,
            (
                f"advancing from '{ctx.label(u)}' (${wage[u]:,.0f}) to "
                f"'{ctx.label(v)}' (${wage[v]:,.0f}) lowers the median wage"
            ),
        )
