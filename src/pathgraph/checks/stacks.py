"""Stack rule (``PG202``): does every level of a stack lead to a job?"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from pathgraph.analysis._arrays import (
    QUALIFIES_FOR,
)
from pathgraph.analysis.stacks import exam_off_ramps, stack_steps, stack_through
from pathgraph.checks._context import _Context
from pathgraph.checks.registry import rule

__all__: list[str] = []


@rule(
    "PG202",
    "stack-without-off-ramp",
    "warning",
    summary="a credential in a stack qualifies for no occupation",
    why="Stackable credentials should have labour-market value at every level, "
    "so that a person who stops out leaves with a job (multiple exit points). "
    "Placement and proficiency tests, and the credentials only they award (an "
    "ESL level), are starting points, not levels of a stack; a credential whose "
    "off-ramp is one exam away (a nursing diploma, then the licensure exam and "
    "the licence) has one.",
    fix="add an off-ramp: qualifies_for an occupation this credential leads to",
)
def _stack_without_off_ramp(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix = ctx.ix
    steps = stack_steps(ix)
    level = np.zeros(ix.n, dtype=bool)
    level[steps.a] = True
    level[steps.b] = True
    level &= (
        ~ctx.dead() & ~ix.destination & (ix.out_degree(ix.edges(QUALIFIES_FOR)) == 0)
    )
    if level.any():
        level &= ~exam_off_ramps(ix)
    flagged = np.flatnonzero(level).tolist()
    if not flagged:
        return
    succ, pred = steps.adjacency()
    for i in flagged:
        yield (
            i,
            (
                f"credential '{ctx.label(i)}' is a level of the stack "
                f"{stack_through(ix, i, succ, pred)} but qualifies for no occupation"
            ),
        )
