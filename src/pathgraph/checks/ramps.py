"""Ramp rules (``PG201``, ``PG203``, ``PG204``): can people get on, and back on?"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from pathgraph.analysis._arrays import (
    ADVANCES_TO,
    PROGRAM,
    QUALIFIES_FOR,
    Mask,
)
from pathgraph.analysis._core import (
    Index,
    on_ramp,
)
from pathgraph.analysis.ramps import ReEntryArrays
from pathgraph.checks._context import _Context, _names
from pathgraph.checks.registry import rule
from pathgraph.requirements import ENTRY_PRESETS

__all__: list[str] = []


@rule(
    "PG201",
    "no-low-skill-on-ramp",
    "warning",
    summary="no program is open to a person at a checked entry level",
    why="Career pathways serve adults with low skills and English learners: "
    "there must be an on-ramp (ABE, ESL, bridge, IET) that needs no diploma, "
    "and for English learners one designed for them. With --entry, diploma "
    "holders and incumbent workers are checked too.",
    fix="add an ABE/ESL, bridge or integrated education and training program "
    "with no requirements (for English learners: serves: [esl], or iet: true)",
)
def _no_low_skill_on_ramp(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix = ctx.ix
    presets = [e for e in ctx.entry if e in ENTRY_PRESETS] or ["abe"]
    for preset in presets:
        programs = on_ramp(ix, ix.preset(preset)) & (ix.kind == PROGRAM)
        if preset == "esl":
            programs &= _for_english_learners(ix, programs)
        if programs.any():
            continue
        if preset == "esl":
            message = (
                "no program is open to English learners at entry level 'esl': "
                "no program that needs nothing serves esl or integrates "
                "education and training (iet)"
            )
        else:
            message = (
                f"no program is open to a person at entry level '{preset}' "
                f"({ENTRY_PRESETS[preset]})"
            )
        yield None, message


def _for_english_learners(ix: Index, where: Mask) -> Mask:
    """Programs in ``where`` designed for English learners: ``serves`` lists
    ``esl``, or the program is integrated education and training (``iet``)."""
    out = np.zeros(ix.n, dtype=bool)
    nodes = np.flatnonzero(where)
    serves = ix.attr("serves", where)
    iet = ix.attr("iet", where)
    out[nodes] = [
        bool(i) or (isinstance(s, list | tuple) and "esl" in s)
        for s, i in zip(serves, iet, strict=True)
    ]
    return out


def _re_entry_flags(r: ReEntryArrays) -> tuple[Mask, Mask]:
    """Occupations with no way back into education, and those whose only ways back
    are programs for daytime, in-person learners (the definition of both rules
    over :class:`~pathgraph.analysis.ramps.ReEntryArrays`).

    An occupation is looked at when it is at an ``entry`` or ``middle`` career
    level, has no ``advances_to``, and (when destinations are marked) is not a
    destination and is qualified for by a record that is not one.
    """
    ix = r.ix
    marked = bool(ix.marked_destination.any())
    occ = r.occupations
    advancing = ix.out_degree(ix.progression_edges(ADVANCES_TO)) > 0
    candidates = occ & ~advancing & (r.via_any(~ix.destination) if marked else occ)
    if marked:
        candidates &= ~ix.destination
    cand = np.flatnonzero(candidates)
    levels = ix.attr("career_level", candidates)
    candidates[cand[[lv not in ("entry", "middle") for lv in levels]]] = False
    programs, stacks = r.has_programs, r.has_stacks
    none = candidates & ~(programs | stacks)
    # Where only the programs' delivery decides, look at just those programs: the
    # next programs of the job and of the credentials that qualify for it.
    daytime = candidates & programs & ~stacks
    if daytime.any():
        daytime &= ~r.has_worker_programs(daytime)
    return none, daytime


def _re_entry(ctx: _Context) -> list[tuple[int, str, str]]:
    """Findings of both re-entry rules, as (node, slug, message)."""
    ix = ctx.ix
    if not ix.edges(QUALIFIES_FOR).size:
        return []
    r = ReEntryArrays(ix)
    none, daytime = _re_entry_flags(r)
    marked = bool(ix.marked_destination.any())
    found: list[tuple[int, str, str]] = []
    for o in np.flatnonzero(none | daytime).tolist():
        via = r.via(o)
        if none[o]:
            shown = [c for c in via if not (marked and ix.destination[c])]
            message = (
                f"'{ctx.label(o)}' has no advancement and no way back into "
                f"education for holders of {_names(ix, shown)}"
            )
            found.append((o, "no-re-entry", message))
        else:
            nexts = [p for x in [o, *via] for p in r.next_programs(x)]
            message = (
                f"from '{ctx.label(o)}', the next programs "
                f"({_names(ix, nexts)}) are all daytime, in person"
            )
            found.append((o, "re-entry-not-for-workers", message))
    return found


@rule(
    "PG203",
    "no-re-entry",
    "warning",
    summary="an entry- or middle-level job has no advancement and no way back into "
    "education",
    why="Pathways let people stop, work and re-enter at the next level; a job "
    "with neither advancement nor re-entry is a dead-end job.",
    fix="add a program that requires the credential (or the job) and leads on, "
    "or an advances_to from the job",
)
def _no_re_entry(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    found = ctx.once("re_entry", lambda: _re_entry(ctx))
    return ((n, m) for n, slug, m in found if slug == "no-re-entry")


@rule(
    "PG204",
    "re-entry-not-for-workers",
    "info",
    summary="the only ways back into education are daytime, in-person programs",
    why="People re-entering from a job are working: re-entry programs should be "
    "offered evenings, weekends, online, hybrid or work-based.",
    fix="offer an evening, online, hybrid or work-based section",
)
def _re_entry_not_for_workers(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    found = ctx.once("re_entry", lambda: _re_entry(ctx))
    return ((n, m) for n, s, m in found if s == "re-entry-not-for-workers")
