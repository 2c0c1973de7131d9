"""Course rules (``PG106``-``PG108``): can a program's courses be taken?"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from pathgraph.analysis._core import (
    COURSE,
    PART_OF,
    PREREQUISITE_OF,
    Mask,
    cycles,
    search,
)
from pathgraph.checks._context import _Context, _sorted_cycles
from pathgraph.checks.registry import rule

__all__: list[str] = []


def _course_cycles(ctx: _Context) -> tuple[list[list[int]], Mask]:
    """Prerequisite cycles among courses, and every course after one."""

    def compute() -> tuple[list[list[int]], Mask]:
        ix = ctx.ix
        pre = ix.edges(PREREQUISITE_OF)
        heads, tails = ix.src[pre], ix.dst[pre]
        found = _sorted_cycles(ix, cycles(ix.n, heads, tails))
        on_cycle = np.zeros(ix.n, dtype=bool)
        for c in found:
            on_cycle[c] = True
        after: Mask = search(ix.n, heads, tails, on_cycle) & ~on_cycle
        return found, after

    return ctx.once("course_cycles", compute)


@rule(
    "PG106",
    "course-cycle",
    "error",
    summary="courses are prerequisites of each other in a cycle",
    why="A prerequisite cycle (A before B, B before A) means no student can take "
    "any course on it, nor the courses that build on them, so the program "
    "cannot be completed.",
    fix="remove one prerequisite of the cycle (or make it a corequisite)",
)
def _course_cycle(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    for cycle in _course_cycles(ctx)[0]:
        shown = " -> ".join(map(ctx.ix.id, [*cycle, cycle[0]]))
        yield cycle[0], f"prerequisite cycle among courses: {shown}"


@rule(
    "PG107",
    "course-blocked",
    "error",
    summary="a course cannot be taken because a prerequisite is on a cycle",
    why="A course whose prerequisites can never be completed blocks every "
    "student who needs it, and the program that includes it.",
    fix="break the prerequisite cycle upstream of this course",
)
def _course_blocked(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    for i in np.flatnonzero(_course_cycles(ctx)[1]).tolist():
        yield (
            i,
            (
                f"course '{ctx.label(i)}' cannot be taken: one of its prerequisites "
                "(directly or further back) is on a prerequisite cycle"
            ),
        )


@rule(
    "PG108",
    "course-outside-program",
    "warning",
    summary="a course belongs to no program",
    why="A course that is part of no program is not on any pathway: no learner "
    "is directed to it.",
    fix="add part_of: [program-id] to the course, or remove it",
)
def _course_outside_program(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix = ctx.ix
    outside = (ix.kind == COURSE) & (ix.out_degree(ix.edges(PART_OF)) == 0)
    for i in np.flatnonzero(outside).tolist():
        yield i, f"course '{ctx.label(i)}' is part of no program"
