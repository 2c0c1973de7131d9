"""Condition rules (``PG109``, ``PG110``): can a condition be read as written?"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from pathgraph.analysis._core import CONDITION, REQUIRES
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
    missing: dict[int, set[int]] = {}
    for u, v in zip(ix.src[req].tolist(), ix.dst[req].tolist(), strict=True):
        if ix.attrs[u].get("credits") is None:
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
    for v, items in zip(nodes, ix.attr("to_confirm", conditions), strict=True):
        if not items:
            continue
        shown = "; ".join(str(i) for i in ([items] if isinstance(items, str) else items))
        yield v, f"condition '{ctx.label(v)}'{_gates(ctx, v)}: to confirm: {shown}"


def _gates(ctx: _Context, v: int) -> str:
    """What condition ``v`` is a requirement of and what it earns, in brackets."""
    ix = ctx.ix
    out = ix.G._succ[ix.ids[v]]
    needed = {ix.pos[t] for t, keys in out.items() for d in keys.values()
              if d.get("kind") == "requires"}
    earned = {ix.pos[t] for t, keys in out.items() for d in keys.values()
              if d.get("kind") == "awards"}
    parts = []
    if needed:
        parts.append(f"a requirement of {_names(ix, needed, 5)}")
    if earned:
        parts.append(f"earns {_names(ix, earned, 5)}")
    return f" ({'; '.join(parts)})" if parts else ""
