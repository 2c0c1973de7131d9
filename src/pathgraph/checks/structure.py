"""Structure rules (``PG101``-``PG105``): can people get through the pathway?"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from pathgraph.analysis._arrays import (
    AWARDS,
    CONDITION,
    PROGRAM,
)
from pathgraph.analysis._core import (
    cycles,
)
from pathgraph.checks._context import _Context, _names, _sorted_cycles
from pathgraph.checks.registry import rule
from pathgraph.model import NODE_KINDS

__all__: list[str] = []


def _all_requirement_cycles(ctx: _Context) -> list[list[int]]:
    """Requirement cycles: strongly connected sets of unreachable nodes, over the
    edges from each option to the node whose group it is in (through conditions,
    course prerequisites and earn groups alike)."""

    def compute() -> list[list[int]]:
        ix, g = ctx.ix, ctx.ix.groups
        lost = ~ctx.generous()
        heads, tails = g.option_src, g.node[g.option_group]
        keep = lost[heads] & lost[tails]
        return _sorted_cycles(ix, cycles(ix.n, heads[keep], tails[keep]))

    return ctx.once("cycles", compute)


def _requirement_cycles(ctx: _Context) -> list[list[int]]:
    """The requirement cycles PG103 reports: all but those made only of courses on
    prerequisite cycles (``course-cycle`` reports them)."""
    on_course_cycle = ctx.course_cycles()[2]
    return [c for c in _all_requirement_cycles(ctx) if not on_course_cycle[c].all()]


@rule(
    "PG101",
    "dead-end",
    "error",
    summary="a program, credential, assessment or course leads to no job and no "
    "destination",
    why="Career pathways have no dead ends: every step leads on to a job or a "
    "further credential (DOL Career Pathways Toolkit, element 'no dead ends'). "
    "Conditions are part of a requirement and are not judged, but paths run "
    "through them; a course in a program's curriculum is judged with its program.",
    fix="add an off-ramp (qualifies_for an occupation) or a next step "
    "(a record that requires it, awards, stacks_into, articulates_to)",
)
def _dead_end(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix = ctx.ix
    dest = (
        "a destination or any occupation"
        if ix.marked_destination.any()
        else "any occupation"
    )
    for i in np.flatnonzero(ctx.dead()).tolist():
        kind = NODE_KINDS[ix.kind[i]]
        yield (
            i,
            f"{kind} '{ctx.label(i)}' leads to no destination: from it, "
            f"no path reaches {dest}",
        )


@rule(
    "PG102",
    "unreachable",
    "error",
    summary="no entry point leads to this node",
    why="A program, course, assessment, credential or job that no one can qualify "
    "for, from any entry level (abe, esl, diploma, incumbent), is not part of the "
    "pathway. A credential is earned by a program, an assessment or a condition "
    "that awards it, or a stack; one that nothing can earn is reported, so a "
    "forgotten awards edge is caught. Conditions are not reported themselves: "
    "what they gate is, and the options that cannot be obtained.",
    fix="give it an on-ramp: a program that awards what it requires, or loosen "
    "its requirement groups; for a credential, add what earns it (a program, an "
    "exam as an assessment, or its conditions, that awards it)",
)
def _unreachable(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix = ctx.ix
    lost = ix.progression_node & ~ctx.generous() & (ix.kind != CONDITION)
    for c in _all_requirement_cycles(ctx):
        lost[c] = False
    lost &= ~ctx.course_cycles()[1]  # course-blocked reports these
    earnable = ix.groups.earnable
    for i in np.flatnonzero(lost).tolist():
        k = NODE_KINDS[ix.kind[i]]
        if k == "credential" and not earnable[i]:
            how = (
                "nothing earns it: no program, assessment or condition awards it "
                "and nothing stacks into it (if it is earned by passing an exam, "
                "add the exam as an assessment that awards it)"
            )
        else:
            how = "its requirements cannot be met from any entry level"
        yield i, f"{k} '{ctx.label(i)}' cannot be reached: {how}"


@rule(
    "PG103",
    "requirement-cycle",
    "error",
    summary="records require each other in a cycle nobody can enter",
    why="A cycle of prerequisites (A needs B, B needs A, directly or through "
    "conditions) locks everyone out unless some member can be entered from "
    "outside the cycle.",
    fix="break the cycle: let one member be entered without the others",
)
def _requirement_cycle(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    for cycle in _requirement_cycles(ctx):
        names = ", ".join(map(ctx.ix.id, cycle))
        yield (
            cycle[0],
            f"these records require each other and none can be "
            f"entered from outside: {names}",
        )


@rule(
    "PG104",
    "unmet-need",
    "error",
    summary="a requirement group needs more options, or more credits, than can be "
    "obtained",
    why="A group 'need N of these' that offers fewer than N obtainable options, "
    "or a condition 'N credits from these' whose obtainable options carry fewer "
    "than N credits, can never be met.",
    fix="lower need (or credits), or add obtainable options to the group",
)
def _unmet_need(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix, g = ctx.ix, ctx.ix.groups
    reached = ctx.generous()
    count, got = g.held_count(reached)
    short = (count < g.need) & (g.size > 1)
    short |= g.has_credits & ((count < g.need) | (got < g.threshold))
    for gi in np.flatnonzero(short).tolist():
        options = g.options(gi)
        v = int(g.node[gi])
        lost = _names(ix, (o for o in options if not reached[o]))
        lost = f" (not obtainable: {lost})" if lost else ""
        if g.has_credits[gi]:
            wanted = f"{g.credits[gi]:g} credits from [{_names(ix, options)}]"
            if g.need[gi]:
                wanted = f"{g.need[gi]} of and {wanted}"
            found = f"{got[gi]:g} credits ({count[gi]} options)"
        else:
            wanted = f"{g.need[gi]} of [{_names(ix, options)}]"
            found = str(count[gi])
        yield (
            v,
            f"'{ctx.label(v)}' needs {wanted} but only {found} can be obtained" + lost,
        )


@rule(
    "PG105",
    "program-awards-nothing",
    "warning",
    summary="a program awards no credential",
    why="Embedded, stackable credentials mark progress and have labour-market "
    "value: a program without one leaves completers with nothing to show.",
    fix="add what it awards (awards: [credential-id])",
)
def _program_awards_nothing(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix = ctx.ix
    awarding = ix.out_degree(ix.progression_edges(AWARDS))
    for i in np.flatnonzero((ix.kind == PROGRAM) & (awarding == 0)).tolist():
        yield i, f"program '{ctx.label(i)}' awards no credential"
