"""Condition rules (``PG109``, ``PG110``): can a condition be read as written?"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from pathgraph.analysis._arrays import (
    AWARDS,
    CONDITION,
    REQUIRES,
    Ints,
    csr,
)
from pathgraph.checks._context import _Context, _names
from pathgraph.checks.registry import rule

__all__: list[str] = []


@rule(
    "PG109",
    "credit-option-without-credits",
    "warning",
    summary="an option of a credit condition has no credits",
    why="A condition 'N credits from these' adds up the credits of the options "
    "held; an option without credits counts 0, so taking it brings the learner "
    "no closer, which is rarely what the pathway means.",
    fix="give the option its credits (credits: N), or move it out of the credit "
    "condition",
)
def _credit_option_without_credits(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix = ctx.ix
    totals = ix.kind == CONDITION
    if not totals.any():
        return
    nodes = np.flatnonzero(totals)
    given = [c is not None and c > 0 for c in ix.attr("credits", totals)]
    totals[nodes[~np.array(given, dtype=bool)]] = False
    req = ix.edges(REQUIRES)
    req = req[totals[ix.dst[req]]]
    options = np.zeros(ix.n, dtype=bool)
    options[ix.src[req]] = True
    none = np.zeros(ix.n, dtype=bool)
    none[np.flatnonzero(options)] = [c is None for c in ix.attr("credits", options)]
    req = req[none[ix.src[req]]]
    missing: dict[int, set[int]] = {}
    for u, v in zip(ix.src[req].tolist(), ix.dst[req].tolist(), strict=True):
        missing.setdefault(v, set()).add(u)
    for v in sorted(missing, key=ix.id):
        total = ix.attrs[v]["credits"]
        yield (
            v,
            f"condition '{ctx.label(v)}' counts {total:g} credits from its options, "
            f"but {_names(ix, missing[v])} has no credits (counts 0)",
        )


@rule(
    "PG110",
    "to-confirm",
    "info",
    summary="a condition keeps requirements that cannot be checked for a plan",
    why="A minimum grade, a score or 'no resits' cannot be evaluated for a plan: "
    "pathgraph keeps it, counts it as met when planning, and shows it here and "
    "on route sheets so that the learner and their navigator confirm it.",
    fix="confirm each item with the provider or the learner's records (nothing to "
    "change in the pathway)",
)
def _to_confirm(ctx: _Context) -> Iterable[tuple[int | None, str]]:
    ix = ctx.ix
    conditions = ix.kind == CONDITION
    if not conditions.any():
        return
    nodes = np.flatnonzero(conditions).tolist()
    flagged = [
        (v, items)
        for v, items in zip(nodes, ix.attr("to_confirm", conditions), strict=True)
        if items
    ]
    if not flagged:
        return
    leaving = ix.edges(REQUIRES, AWARDS)
    leaving = leaving[conditions[ix.src[leaving]]]
    order, ptr = csr(ix.src[leaving], ix.n)
    for v, items in flagged:
        shown = "; ".join(
            str(i) for i in ([items] if isinstance(items, str) else items)
        )
        out = leaving[order[ptr[v] : ptr[v + 1]]]
        yield v, f"condition '{ctx.label(v)}'{_gates(ctx, out)}: to confirm: {shown}"


def _gates(ctx: _Context, out: Ints) -> str:
    """What the edges ``out`` of a condition gate (``requires``) and earn
    (``awards``), in brackets."""
    ix = ctx.ix
    needed = ix.dst[out[ix.rel[out] == REQUIRES]].tolist()
    earned = ix.dst[out[ix.rel[out] == AWARDS]].tolist()
    parts = []
    if needed:
        parts.append(f"a requirement of {_names(ix, needed, 5)}")
    if earned:
        parts.append(f"earns {_names(ix, earned, 5)}")
    return f" ({'; '.join(parts)})" if parts else ""
