"""Stackable credential chains, and the steps between stackable credentials.

A step joins two credentials of a stack (:func:`stack_steps`, over the compiled
index). :func:`stackable_chains` lists the maximal chains of steps, and
:func:`pathgraph.check` (rule ``stack-without-off-ramp``) reads the same steps.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from pathgraph.analysis._arrays import (
    ARTICULATES_TO,
    ASSESSMENT,
    AWARDS,
    CONDITION,
    CREDENTIAL,
    PROGRAM,
    QUALIFIES_FOR,
    STACKS_INTO,
    Ints,
    Mask,
    csr,
    ranges,
)
from pathgraph.analysis._core import (
    Index,
    checked_index,
    leads_into,
)
from pathgraph.model import Pathway

__all__ = [
    "GATEWAY_ASSESSMENTS",
    "Chain",
    "StackSteps",
    "exam_off_ramps",
    "gateways",
    "stack_steps",
    "stack_through",
    "stackable_chains",
]

#: How one credential leads to the next: ``"stacks_into"`` or the awarding program's
#: id, the credits carried, and the months the step takes.
_Step = tuple[str, float, float]


@dataclass(frozen=True)
class Chain:
    """A maximal stackable credential chain.

    Behaves as the sequence of its credential ids (``list(chain)``).

    Attributes
    ----------
    credentials : tuple of str
        The credentials, lowest first.
    steps : tuple of str
        How each next credential is reached: ``"stacks_into"``, or the id of the
        program, assessment or condition that requires the previous credential
        (directly or through conditions) and awards the next.
    credits_carried : tuple of float
        Credits the previous credential carries into each step: the ``credits`` of
        the ``stacks_into`` edge, or of an ``articulates_to`` edge from the previous
        credential to the awarding program; 0 when none is recorded.
    off_ramps : tuple of tuple of str
        For each credential, the occupations it qualifies for.
    months : float
        Months of the steps: the ``stacks_into`` edge's ``months``, or the awarding
        record's ``months`` (a program's less articulated ``months_saved``, not
        below 0; a condition takes none).
    """

    credentials: tuple[str, ...]
    steps: tuple[str, ...] = field(default=())
    credits_carried: tuple[float, ...] = field(default=())
    off_ramps: tuple[tuple[str, ...], ...] = field(default=())
    months: float = 0.0

    def __iter__(self) -> Any:
        return iter(self.credentials)

    def __len__(self) -> int:
        return len(self.credentials)

    def __getitem__(self, i: int) -> str:
        return self.credentials[i]

    @property
    def levels_without_off_ramp(self) -> tuple[str, ...]:
        """Credentials of the chain that qualify for no occupation."""
        return tuple(
            c for c, o in zip(self.credentials, self.off_ramps, strict=True) if not o
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain dict."""
        return {
            "credentials": list(self.credentials),
            "steps": list(self.steps),
            "credits_carried": list(self.credits_carried),
            "off_ramps": [list(o) for o in self.off_ramps],
            "months": self.months,
        }

    def __str__(self) -> str:
        parts = []
        for i, c in enumerate(self.credentials):
            ramp = ", ".join(self.off_ramps[i]) if self.off_ramps else ""
            parts.append(f"{c} [{ramp or 'no off-ramp'}]")
        return " -> ".join(parts) + f" ({self.months:g} months)"


@dataclass(frozen=True)
class StackSteps:
    """Steps between stackable credentials, as arrays over an :class:`Index`.

    Step ``k`` leads from credential ``a[k]`` to credential ``b[k]``: a
    ``stacks_into`` edge (``via[k]`` is -1), or a record ``via[k]`` (a program, an
    assessment or a condition) that requires ``a[k]`` (in any group, directly or
    through conditions it requires) or, for a program, grants articulated credit
    for it, and awards ``b[k]``. ``edge[k]`` is the edge that makes the step: the
    ``stacks_into`` edge, or the ``requires``/``articulates_to`` edge that leaves
    ``a[k]`` toward ``via[k]``. The ``stacks_into`` steps come first, each part in
    edge order.
    """

    a: Ints
    b: Ints
    via: Ints
    edge: Ints

    def adjacency(self) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
        """Per credential, the credentials one step after it, and one step before."""
        succ: dict[int, list[int]] = {}
        pred: dict[int, list[int]] = {}
        for x, y in zip(self.a.tolist(), self.b.tolist(), strict=True):
            succ.setdefault(x, []).append(y)
            pred.setdefault(y, []).append(x)
        return succ, pred


#: Assessment types that place or sort learners: not steps of a stack, and the
#: credentials only they award are not levels of one.
GATEWAY_ASSESSMENTS: frozenset[str] = frozenset({"placement", "proficiency"})


def gateways(ix: Index) -> tuple[Mask, Mask]:
    """Placement and proficiency assessments, and the credentials earned only by
    them (every ``awards`` edge into the credential comes from one, and nothing
    stacks into it): an ESL level or a placement result is a starting point, not
    a level of a stack."""
    tests = ix.kind == ASSESSMENT
    if tests.any():
        types = ix.attr("assessment_type", tests)
        keep = np.array([t in GATEWAY_ASSESSMENTS for t in types], dtype=bool)
        tests[np.flatnonzero(tests)[~keep]] = False
    creds = np.zeros(ix.n, dtype=bool)
    if not tests.any():
        return tests, creds
    earn = ix.edges(AWARDS, STACKS_INTO)
    by_gateway = tests[ix.src[earn]] & (ix.rel[earn] == AWARDS)
    gated = np.bincount(ix.dst[earn[by_gateway]], minlength=ix.n) > 0
    other = np.bincount(ix.dst[earn[~by_gateway]], minlength=ix.n) > 0
    creds = gated & ~other & (ix.kind == CREDENTIAL)
    return tests, creds


def stack_steps(ix: Index) -> StackSteps:
    """The steps between stackable credentials of the indexed graph.

    A step C -> D: C ``stacks_into`` D, or a program, assessment or condition X
    that awards D (D != C) requires C in any group, directly or through the
    conditions X requires (C an option of a condition that is an option of X...),
    or, for a program X, grants articulated credit for C. Foundation credentials
    (``hse``, ``diploma``), placement and proficiency assessments, and the
    credentials only they award (:func:`gateways`) take no part. Array work:
    O(V + E + steps) per level of condition nesting.
    """
    tests, gated = gateways(ix)
    creds = (ix.kind == CREDENTIAL) & ~ix.foundation & ~gated
    src, dst = ix.src, ix.dst
    stacks = ix.edges(STACKS_INTO)
    stacks = stacks[creds[src[stacks]] & creds[dst[stacks]]]
    c, x, e = leads_into(ix, creds)
    makers = ix.of_kind(PROGRAM, ASSESSMENT, CONDITION) & ~tests
    c, x, e = c[makers[x]], x[makers[x]], e[makers[x]]
    awards = ix.edges(AWARDS)
    awards = awards[creds[dst[awards]]]
    order, ptr = csr(src[awards], ix.n)
    lengths = ptr[x + 1] - ptr[x]
    d = dst[awards[order[ranges(ptr[x], ptr[x + 1])]]]
    c = np.repeat(c, lengths)
    keep = d != c
    return StackSteps(
        np.concatenate([src[stacks], c[keep]]),
        np.concatenate([dst[stacks], d[keep]]),
        np.concatenate([np.full(stacks.size, -1), np.repeat(x, lengths)[keep]]),
        np.concatenate([stacks, np.repeat(e, lengths)[keep]]),
    )


def exam_off_ramps(ix: Index) -> Mask:
    """Credentials with an off-ramp one exam away: an assessment that requires the
    credential (directly or through conditions) awards a credential that
    qualifies for an occupation (a practical nursing diploma, then NCLEX-PN, then
    the LPN licence and the job)."""
    creds = ix.kind == CREDENTIAL
    c, x, _ = leads_into(ix, creds)
    exams = ix.kind[x] == ASSESSMENT
    c, x = c[exams], x[exams]
    out = np.zeros(ix.n, dtype=bool)
    if not c.size:
        return out
    ramps = ix.out_degree(ix.edges(QUALIFIES_FOR)) > 0
    awards = ix.edges(AWARDS)
    awards = awards[ramps[ix.dst[awards]] & (ix.kind[ix.src[awards]] == ASSESSMENT)]
    leads = np.zeros(ix.n, dtype=bool)
    leads[ix.src[awards]] = True
    out[c[leads[x]]] = True
    return out


def stack_through(
    ix: Index, i: int, succ: dict[int, list[int]], pred: dict[int, list[int]]
) -> str:
    """One stack through credential ``i``, as labels joined by arrows (a label
    tells a reader more than an id, which on CTDL data is a UUID).

    ``succ`` and ``pred`` are :meth:`StackSteps.adjacency`. Walks back to the step
    source with the smallest id until none is left, then forward the same way,
    never revisiting; at most 12 levels each way (``...`` marks a cut).
    """
    seen = {i}

    def walk(step: dict[int, list[int]]) -> tuple[list[int], bool]:
        """Follow the smallest-id unvisited neighbour; True when cut at 12."""
        out: list[int] = []
        u = i
        while options := sorted(
            (x for x in step.get(u, ()) if x not in seen), key=ix.id
        ):
            if len(out) == 12:
                return out, True
            u = options[0]
            seen.add(u)
            out.append(u)
        return out, False

    back, cut_back = walk(pred)
    fwd, cut_fwd = walk(succ)
    names = [ix.label(x) for x in [*reversed(back), i, *fwd]]
    return (
        ("... -> " if cut_back else "")
        + " -> ".join(names)
        + (" -> ..." if cut_fwd else "")
    )


def stackable_chains(
    G: nx.MultiDiGraph | Pathway, *, max_chains: int = 10_000
) -> list[Chain]:
    """Maximal stackable credential chains, with credits, off-ramps and months.

    A step C -> D joins two credentials when C ``stacks_into`` D, or when a
    program, assessment or condition that requires C (in any requirement group,
    directly or through the conditions it requires) or, for a program, grants
    articulated credit for C (``articulates_to``) awards D (see
    :func:`stack_steps`). A chain is a maximal simple path of steps: it starts at
    a credential no step leads to (or, inside a cycle, at its smallest id) and
    ends where no step leads on. High-school credentials (types ``hse`` and
    ``diploma``) are entry points, not stackable credentials, and take no part;
    nor do placement and proficiency tests and the credentials only they award
    (an ESL level is a starting point, not a level of a stack). Chains are listed
    sorted by their credentials.

    The number of maximal paths can grow exponentially in a dense graph; at most
    ``max_chains`` are returned (real stacks are short and sparse).

    Examples
    --------
    >>> import pathgraph
    >>> chains = pathgraph.stackable_chains(pathgraph.load_example("bht"))
    >>> [list(c) for c in chains]
    [['bht-tier1', 'bht-tier2', 'bht-basic', 'bht-advanced', 'bht-assoc']]
    >>> chains[0].levels_without_off_ramp
    ('bht-advanced',)
    """
    ix = checked_index(G)
    steps = _step_table(ix, stack_steps(ix))
    paths = _maximal_paths(ix, steps, max_chains)
    ramps = _off_ramps(ix)
    chains = [_chain(ix, path, steps, ramps) for path in paths]
    return sorted(chains, key=lambda ch: ch.credentials)


def _step_table(ix: Index, s: StackSteps) -> dict[int, dict[int, _Step]]:
    """Per credential with a step, each next credential and how it is reached.

    A ``stacks_into`` edge wins over a record (the last of parallel edges gives the
    credits and months); among records (programs, assessments, conditions), the
    smallest id. Credits carried are those of the ``stacks_into`` edge or of an
    ``articulates_to`` edge from the credential to the program; a record's months
    are its ``months`` (a program's less articulated ``months_saved``).
    """
    extra = ix.extra
    steps: dict[int, dict[int, _Step]] = {}
    by_program: dict[tuple[int, int], int] = {}
    rows = zip(*(x.tolist() for x in (s.a, s.b, s.via, s.edge)), strict=True)
    for c, d, p, e in rows:
        if p < 0:
            attrs = extra.get(e, {})
            steps.setdefault(c, {})[d] = (
                "stacks_into",
                float(attrs.get("credits") or 0),
                float(attrs.get("months") or 0),
            )
        elif (q := by_program.get((c, d))) is None or ix.id(p) < ix.id(q):
            by_program[(c, d)] = p
    art = ix.edges(ARTICULATES_TO)
    ends = zip(ix.src[art].tolist(), ix.dst[art].tolist(), strict=True)
    articulation = dict(zip(ends, art.tolist(), strict=True))  # the last edge wins
    for (c, d), p in by_program.items():
        if d in steps.get(c, {}):
            continue
        e = articulation.get((c, p))
        terms = {} if e is None else extra.get(e, {})
        months = max(
            0.0,
            float(ix.attrs[p].get("months") or 0)
            - float(terms.get("months_saved") or 0),
        )
        steps.setdefault(c, {})[d] = (
            ix.id(p),
            float(terms.get("credits") or 0),
            months,
        )
    return steps


def _maximal_paths(
    ix: Index, steps: dict[int, dict[int, _Step]], max_chains: int
) -> list[list[int]]:
    """Maximal simple paths of steps (at most ``max_chains``), in the order found.

    From each credential no step leads to, by id; then from the smallest id of each
    part not yet covered (credentials only on cycles). Next steps by id.
    """
    has_pred = {d for c in steps for d in steps[c]}
    firsts = sorted(steps, key=ix.id)
    covered: set[int] = set()
    paths: list[list[int]] = []

    def nexts(u: int, on_path: set[int]) -> list[int]:
        return [d for d in sorted(steps.get(u, ()), key=ix.id) if d not in on_path]

    def walk(start: int) -> None:
        """Depth first from ``start``, next steps by id; a loop with an explicit
        stack, not recursion (a stack can be thousands of levels deep)."""
        path, on_path = [start], {start}
        first = nexts(start, on_path)
        if not first:
            if len(paths) < max_chains:
                covered.add(start)
                paths.append([start])
            return
        todo = [iter(first)]  # todo[-1]: the steps left after path[-1]
        while todo and len(paths) < max_chains:
            d = next(todo[-1], None)
            if d is None:  # every step after path[-1] is done: back one level
                todo.pop()
                on_path.discard(path.pop())
                continue
            path.append(d)
            on_path.add(d)
            if after := nexts(d, on_path):
                todo.append(iter(after))
            else:  # a maximal path ends at d
                covered.update(path)
                paths.append(list(path))
                on_path.discard(path.pop())

    for c in firsts:
        if c not in has_pred:
            walk(c)
    for c in firsts:
        if c not in covered:
            walk(c)
    return paths


def _off_ramps(ix: Index) -> dict[int, list[str]]:
    """Per node, the ids its ``qualifies_for`` edges lead to (one per edge)."""
    qual = ix.edges(QUALIFIES_FOR)
    out: dict[int, list[str]] = {}
    for u, v in zip(ix.src[qual].tolist(), ix.dst[qual].tolist(), strict=True):
        out.setdefault(u, []).append(ix.id(v))
    return out


def _chain(
    ix: Index,
    path: list[int],
    steps: dict[int, dict[int, _Step]],
    ramps: dict[int, list[str]],
) -> Chain:
    how, credits, months = [], [], 0.0
    for a, b in itertools.pairwise(path):
        step, carried, m = steps[a][b]
        how.append(step)
        credits.append(carried)
        months += m
    return Chain(
        credentials=tuple(map(ix.id, path)),
        steps=tuple(how),
        credits_carried=tuple(credits),
        off_ramps=tuple(tuple(sorted(ramps.get(c, []))) for c in path),
        months=months,
    )
