"""Compile the requirement groups of every node to arrays, in O(V + E).

:func:`compile_groups` builds the :class:`~pathgraph.analysis._core.Groups` that
:attr:`Index.groups <pathgraph.analysis._core.Index.groups>` holds: the groups of
:func:`pathgraph.requirements.requirement_groups` for every node at once, plus each
credential's "earn" group. It reads the progression edges of the index (no sort of
the edges) and the node attributes ``need`` and ``credits`` of conditions and
``credits`` of the options of credit conditions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from pathgraph.analysis._arrays import (
    ADVANCES_TO,
    AWARDS,
    CONDITION,
    COREQUISITE_OF,
    COURSE,
    CREDENTIAL,
    OCCUPATION,
    PREREQUISITE_OF,
    QUALIFIES_FOR,
    REQUIRES,
    STACKS_INTO,
    VIA_CONDITION,
    VIA_EARN,
    VIA_ENTRY,
    VIA_PREREQUISITE,
    VIA_REQUIRES,
    Groups,
    Ints,
    Mask,
    dense_ids,
)

if TYPE_CHECKING:
    from pathgraph.analysis._core import Index

__all__ = ["compile_groups", "condition_need"]

Vias = npt.NDArray[np.int8]


def condition_need(need: Any, credits: Any, size: int) -> int:
    """The ``need`` of a condition's group: its ``need`` attribute when it is a
    whole number, else all ``size`` options, or none when ``credits`` is set."""
    if isinstance(need, int) and not isinstance(need, bool):
        return need
    return 0 if credits is not None else size


def compile_groups(ix: Index) -> Groups:
    """Compile the requirement groups in O(V + E), without sorting the edges.

    Group ids: first one per node with an entry, earn or condition group (a node
    has at most one of the three), then one per (target, group name) of the named
    ``requires`` groups, then one per ungrouped ``requires`` edge and per
    prerequisite or corequisite edge into a course. Options are (group, source)
    pairs; two edges can only repeat a pair when they join the same two nodes, and
    NetworkX keeps such parallel edges next to each other, so duplicates are found
    locally (an ungrouped ``requires`` edge and a prerequisite between the same two
    courses are one group of one, as in
    :func:`~pathgraph.requirements.requirement_groups`).
    A condition with no option has a group with no option, met by anyone unless
    its ``credits`` or ``need`` ask for something.
    """
    K, src, dst, via = _group_edges(ix)
    m = len(K)
    gid = np.empty(m, dtype=np.int64)
    one = (via == VIA_ENTRY) | (via == VIA_EARN) | (via == VIA_CONDITION)
    has = np.zeros(ix.n, dtype=bool)
    has[dst[one]] = True
    rank = np.cumsum(has) - 1
    gid[one] = rank[dst[one]]
    named, given, first_single = _named_groups(ix, K, dst, gid, int(has.sum()))
    single = ~one & ~named
    gid[single] = first_single + np.arange(int(single.sum()), dtype=np.int64)
    columns = _distinct_options(ix.n, src, dst, gid, named, given, single, via)
    return _compile(ix, *columns)


def _group_edges(ix: Index) -> tuple[Ints, Ints, Ints, Vias]:
    """The progression edges that make groups, in scan order: their positions,
    sources, targets and the kind of group each belongs to (``VIA_*``)."""
    P = ix.progression_edges()  # edge positions, in scan order (by source)
    rel, dst = ix.rel[P], ix.dst[P]
    target_kind = ix.kind[dst]
    via = np.full(len(P), -1, dtype=np.int8)
    is_req = rel == REQUIRES
    via[is_req] = VIA_REQUIRES
    via[is_req & (target_kind == CONDITION)] = VIA_CONDITION
    via[
        ((rel == QUALIFIES_FOR) | (rel == ADVANCES_TO)) & (target_kind == OCCUPATION)
    ] = VIA_ENTRY
    via[((rel == AWARDS) | (rel == STACKS_INTO)) & (target_kind == CREDENTIAL)] = (
        VIA_EARN
    )
    via[
        ((rel == PREREQUISITE_OF) | (rel == COREQUISITE_OF)) & (target_kind == COURSE)
    ] = VIA_PREREQUISITE
    keep = via >= 0
    K = P[keep]
    return K, ix.src[K], dst[keep], via[keep]


def _named_groups(
    ix: Index, K: Ints, dst: Ints, gid: Ints, first_named: int
) -> tuple[Mask, Ints, int]:
    """Number the named requirement groups from ``first_named`` (one per target
    and name) into ``gid``.

    Returns which of the edges ``K`` are in a named group, the ``need`` each
    one gives (-1: none) and the first group id after the named groups. The
    ``requires`` edges into a condition are never named (:attr:`Index.named`).
    """
    m = len(K)
    named = np.zeros(m, dtype=bool)
    given = np.full(m, -1, dtype=np.int64)
    if not ix.named:
        return named, given, first_named
    edges = np.fromiter(ix.named.keys(), np.int64, len(ix.named))
    at = np.searchsorted(K, edges)
    inside = at < m
    inside[inside] = K[at[inside]] == edges[inside]
    at = at[inside]
    codes: dict[str, int] = {}
    values = [v for v, ok in zip(ix.named.values(), inside.tolist(), strict=True) if ok]
    name = np.array([codes.setdefault(g, len(codes)) for g, _ in values], np.int64)
    given[at] = [-1 if k is None else k for _, k in values]
    named[at] = True
    ids, _ = dense_ids(dst[at].astype(np.int64), name)
    gid[at] = first_named + ids
    return named, given, first_named + (int(ids.max()) + 1 if ids.size else 0)


def _distinct_options(
    n: int,
    src: Ints,
    dst: Ints,
    gid: Ints,
    named: Mask,
    given: Ints,
    single: Mask,
    via: Vias,
) -> tuple[Ints, Ints, Ints, Mask, Ints, Vias]:
    """``(src, dst, gid, named, given, via)`` with repeated (group, option) pairs
    dropped (parallel edges only), sorted by source node."""
    m = len(src)
    same = (src[1:] == src[:-1]) & (dst[1:] == dst[:-1])
    if same.any():
        near = np.zeros(m, dtype=bool)
        near[1:] |= same
        near[:-1] |= same
        members = np.flatnonzero(near)
        key = gid[members] * (n + 1) + src[members]
        # A group of one repeated is the same group: key it by (v, u).
        rep = single[members]
        key[rep] = -1 - (
            dst[members][rep].astype(np.int64) * (n + 1) + src[members][rep]
        )
        # A merged group of one is a requires group when one of its edges is.
        order = np.lexsort((via[members], key))
        first = order[np.r_[True, key[order][1:] != key[order][:-1]]]
        drop = np.ones(len(members), dtype=bool)
        drop[first] = False
        keep_option = np.ones(m, dtype=bool)
        keep_option[members[drop]] = False
        src, dst, gid, given, via = (
            a[keep_option] for a in (src, dst, gid, given, via)
        )
        named = named[keep_option]
        gid = dense_ids(gid)[0]
    if m and np.any(src[1:] < src[:-1]):  # a graph whose nodes and adjacency differ
        order = np.argsort(src, kind="stable")
        src, dst, gid, given, via = (a[order] for a in (src, dst, gid, given, via))
        named = named[order]
    return src, dst, gid, named, given, via


def _compile(
    ix: Index, src: Ints, dst: Ints, gid: Ints, named: Mask, given: Ints, via: Vias
) -> Groups:
    """The :class:`Groups` of distinct options: each group's node, size and need
    (named groups: all their options unless an edge gives ``need``; conditions:
    :func:`condition_need`; others: 1), with one more group, without options, for
    each condition that has none."""
    ngroups = int(gid.max()) + 1 if gid.size else 0
    node = np.zeros(ngroups, dtype=np.int64)
    node[gid] = dst
    gvia = np.zeros(ngroups, dtype=np.int8)
    gvia[gid] = via
    size = np.bincount(gid, minlength=ngroups)
    need = np.ones(ngroups, dtype=np.int64)
    is_named = np.zeros(ngroups, dtype=bool)
    is_named[gid[named]] = True
    need[is_named] = size[is_named]
    explicit = given >= 0
    if explicit.any():
        best = np.full(ngroups, -1, dtype=np.int64)
        np.maximum.at(best, gid[explicit], given[explicit])
        need = np.where(best >= 0, best, need)
    # Conditions without options: a group of their own, with no option.
    conditions = ix.kind == CONDITION
    covered = np.zeros(ix.n, dtype=bool)
    covered[node[gvia == VIA_CONDITION]] = True
    empty = np.flatnonzero(conditions & ~covered)
    if empty.size:
        node = np.concatenate([node, empty])
        size = np.concatenate([size, np.zeros(empty.size, dtype=np.int64)])
        need = np.concatenate([need, np.zeros(empty.size, dtype=np.int64)])
        gvia = np.concatenate([gvia, np.full(empty.size, VIA_CONDITION, np.int8)])
    credits, has_credits = _condition_rules(ix, node, gvia, size, need)
    weight = _option_weights(ix, src, gid, has_credits)
    per_node = np.bincount(node, minlength=ix.n)
    earnable = np.zeros(ix.n, dtype=bool)
    earnable[node[gvia == VIA_EARN]] = True
    return Groups(
        node,
        need,
        size,
        src.astype(np.int64),
        gid,
        per_node,
        earnable,
        credits,
        has_credits,
        gvia,
        weight,
    )


def _condition_rules(
    ix: Index, node: Ints, gvia: Vias, size: Ints, need: Ints
) -> tuple[npt.NDArray[np.float64], Mask]:
    """Set the ``need`` of condition groups (in place) and return every group's
    credit total (0: none) and which groups have one."""
    ngroups = len(node)
    credits = np.zeros(ngroups, dtype=np.float64)
    has_credits = np.zeros(ngroups, dtype=bool)
    cg = np.flatnonzero(gvia == VIA_CONDITION)
    if not cg.size:
        return credits, has_credits
    attrs = ix.attrs
    cnodes = node[cg].tolist()
    needs = [attrs[v].get("need") for v in cnodes]
    totals = [attrs[v].get("credits") for v in cnodes]
    sizes = size[cg].tolist()
    need[cg] = [
        condition_need(k, c, z) for k, c, z in zip(needs, totals, sizes, strict=True)
    ]
    given = np.array([c is not None for c in totals], dtype=bool)
    has_credits[cg[given]] = True
    credits[cg[given]] = [float(c) for c in totals if c is not None]
    return credits, has_credits


def _option_weights(
    ix: Index, src: Ints, gid: Ints, has_credits: Mask
) -> npt.NDArray[np.float64]:
    """Per option row, its node's ``credits`` (0 when absent) in a group with a
    credit total, else 0."""
    weight = np.zeros(len(src), dtype=np.float64)
    rows = has_credits[gid]
    if not rows.any():
        return weight
    nodes, inverse = np.unique(src[rows], return_inverse=True)
    attrs = ix.attrs
    values = [attrs[u].get("credits") for u in nodes.tolist()]
    per_node = np.array([0.0 if v is None else float(v) for v in values])
    weight[rows] = per_node[inverse]
    return weight
