"""Course rules (``PG106``-``PG108``): can a program's courses be taken?"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from pathgraph.analysis._arrays import (
    COURSE,
)
from pathgraph.checks._context import _Context
from pathgraph.checks.registry import rule

__all__: list[str] = []


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
    for cycle in ctx.course_cycles()[0]:
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
    for i in np.flatnonzero(ctx.course_cycles()[1]).tolist():
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
    summary="a course belongs to no program and to no requirement",
    why="A course that is part of no program, and is an option of no requirement "
    "beyond other courses' prerequisites, is not on any pathway: no learner is "
    "directed to it.",
    fix="add part_of: [program-id] to the course, make it an option of a "
    "requirement (a condition or a requires), or remove it",
)
def _course_outside_program(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix = ctx.ix
    outside = (ix.kind == COURSE) & ~ix.in_program
    if outside.any():
        outside &= ~ix.leads_beyond_courses
    for i in np.flatnonzero(outside).tolist():
        yield (
            i,
            f"course '{ctx.label(i)}' is part of no program and leads into no "
            "requirement beyond other courses",
        )
