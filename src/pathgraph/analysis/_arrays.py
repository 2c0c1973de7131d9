"""The arrays' vocabulary: kind codes, array helpers and compiled requirement groups.

Shared by :mod:`pathgraph.analysis._core` (which builds the index) and
:mod:`pathgraph.analysis._groups` (which compiles the groups), so neither imports
the other at module level.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

from pathgraph.model import NODE_KINDS, PROGRESSION_KINDS, RELATION_KINDS

Ints: TypeAlias = npt.NDArray[np.signedinteger[Any]]
Mask: TypeAlias = npt.NDArray[np.bool_]

#: Integer code of each node kind and relation kind (-1: missing or unknown).
NODE_CODE: dict[str, int] = {k: i for i, k in enumerate(NODE_KINDS)}
EDGE_CODE: dict[str, int] = {k: i for i, k in enumerate(RELATION_KINDS)}

PROGRAM = NODE_CODE["program"]
CREDENTIAL = NODE_CODE["credential"]
OCCUPATION = NODE_CODE["occupation"]
COURSE = NODE_CODE["course"]
ASSESSMENT = NODE_CODE["assessment"]
CONDITION = NODE_CODE["condition"]
#: Kinds open to anyone when they have no requirement group (credentials are
#: earned, never open).
_OPEN_KINDS = (PROGRAM, OCCUPATION, COURSE, ASSESSMENT, CONDITION)

AWARDS = EDGE_CODE["awards"]
REQUIRES = EDGE_CODE["requires"]
QUALIFIES_FOR = EDGE_CODE["qualifies_for"]
STACKS_INTO = EDGE_CODE["stacks_into"]
ARTICULATES_TO = EDGE_CODE["articulates_to"]
ADVANCES_TO = EDGE_CODE["advances_to"]
PREREQUISITE_OF = EDGE_CODE["prerequisite_of"]
COREQUISITE_OF = EDGE_CODE["corequisite_of"]
PART_OF = EDGE_CODE["part_of"]

_PROGRESSION_EDGE_CODES = np.array(sorted(EDGE_CODE[k] for k in PROGRESSION_KINDS))

# Below this many nodes a frontier is processed one node at a time in Python.
_SMALL_FRONTIER = 64

#: What each group is (:attr:`Groups.via`), as :attr:`RequirementGroup.via
#: <pathgraph.requirements.RequirementGroup.via>` names it; ``"earn"`` is a
#: credential's ways to earn it.
VIA_NAMES: tuple[str, ...] = ("requires", "entry", "condition", "prerequisite", "earn")
VIA_REQUIRES, VIA_ENTRY, VIA_CONDITION, VIA_PREREQUISITE, VIA_EARN = range(5)

#: Credits held meet a credit total when they reach it within this relative margin:
#: floating-point sums of decimal credits (0.1 + 0.2) are not exact.
CREDIT_TOLERANCE = 1e-9


def credit_threshold(credits: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The sum of credits that meets each total in ``credits`` (a hair below it,
    :data:`CREDIT_TOLERANCE`); totals of 0 and less are met by nothing held."""
    out: npt.NDArray[np.float64] = credits - CREDIT_TOLERANCE * np.maximum(
        1.0, np.abs(credits)
    )
    return out


def nonzero(mask: Mask) -> Ints:
    """Positions where ``mask`` is true, as int64."""
    return np.flatnonzero(mask).astype(np.int64, copy=False)


def ranges(starts: Ints, ends: Ints) -> Ints:
    """The concatenation of ``range(s, e)`` for each pair, vectorised."""
    lengths = ends - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    offsets = np.cumsum(lengths) - lengths
    return np.repeat(starts - offsets, lengths) + np.arange(total, dtype=np.int64)


def dense_ids(*columns: Ints) -> tuple[Ints, Ints]:
    """Number the distinct rows of ``columns``.

    Returns ``(ids, rep)``: the id of each row (ids follow the rows' sorted order)
    and, for each id, the position of one row that has it. The columns are packed
    into one int64 key and sorted once when their ranges allow (always, at any
    realistic size); otherwise they are sorted lexicographically.
    """
    m = len(columns[0])
    if m == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    shifted = [c.astype(np.int64) - c.min() for c in columns]
    radix = [int(c.max()) + 1 for c in shifted]
    if np.prod(np.array(radix, dtype=np.float64)) < 2.0**62:
        key = shifted[0]
        for c, r in zip(shifted[1:], radix[1:], strict=True):
            key = key * r + c
        order = np.argsort(key)
        s = key[order]
        new = np.empty(m, dtype=bool)
        new[0] = True
        np.not_equal(s[1:], s[:-1], out=new[1:])
    else:
        order = np.lexsort(columns[::-1])
        new = np.zeros(m, dtype=bool)
        new[0] = True
        for col in columns:
            s = col[order]
            new[1:] |= s[1:] != s[:-1]
    ids = np.empty(m, dtype=np.int64)
    ids[order] = np.cumsum(new) - 1
    return ids, order[new].astype(np.int64)


def csr(keys: Ints, n: int) -> tuple[Ints, Ints]:
    """Group positions by key: ``(order, ptr)`` with ``order[ptr[k]:ptr[k+1]]``
    the positions whose key is ``k``, in their original order."""
    order = np.argsort(keys, kind="stable").astype(np.int64)
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=n), out=ptr[1:])
    return order, ptr


@dataclass(eq=False)
class Groups:
    """The requirement groups of every node, compiled to arrays.

    The groups are those of :func:`pathgraph.requirements.requirement_groups`: one
    per ``requires`` edge without ``group`` (need 1) and per ``group`` name among
    the ``requires`` edges into a node (need: their ``need``, default all); a
    condition's one group over all its ``requires`` edges (its ``need`` and
    ``credits``); one per ``prerequisite_of`` or ``corequisite_of`` edge into a
    course; an occupation's "entry" group (any one of its ``qualifies_for`` and
    ``advances_to`` sources). Plus a credential's "earn" group: any one of the
    programs, assessments and conditions that award it and the credentials that
    stack into it. Only progression edges between progression nodes count (see
    :func:`pathgraph.progression_view`).

    A group is met when at least ``need`` of its options are held and the
    ``weight`` of the options held adds up to ``credits`` (within
    :data:`CREDIT_TOLERANCE`; 0 for groups without a credit total).

    Attributes
    ----------
    node, need, size : array per group
        The node it belongs to, how many options it needs, its distinct options.
    credits : float array per group
        The credit total it needs (0: none).
    has_credits : mask per group
        Groups with a credit total (a condition with ``credits``, even 0).
    via : int8 array per group
        What the group is: an index into :data:`VIA_NAMES`.
    option_src, option_group, option_weight : array per option
        One row per distinct (group, option node), sorted by option node; the
        option's ``credits`` (0 when absent) in a group with a credit total, else 0.
    per_node : array per node
        How many groups the node has.
    earnable : mask per node
        Credentials with an earn group.
    """

    node: Ints
    need: Ints
    size: Ints
    option_src: Ints
    option_group: Ints
    per_node: Ints
    earnable: Mask
    credits: npt.NDArray[np.float64]
    has_credits: Mask
    via: npt.NDArray[np.int8]
    option_weight: npt.NDArray[np.float64]

    @cached_property
    def by_src(self) -> tuple[Ints, Ints]:
        """Options grouped by their source node: ``(group ids, ptr)``.

        Options are stored sorted by source node, so this needs no sort (and
        :attr:`option_weight` is in the same order).
        """
        ptr = np.zeros(len(self.per_node) + 1, dtype=np.int64)
        n = len(self.per_node)
        np.cumsum(np.bincount(self.option_src, minlength=n), out=ptr[1:])
        return self.option_group, ptr

    @cached_property
    def by_group(self) -> tuple[Ints, Ints]:
        """Options grouped by group: ``(option nodes, ptr)``."""
        order, ptr = csr(self.option_group, len(self.node))
        return self.option_src[order], ptr

    @cached_property
    def threshold(self) -> npt.NDArray[np.float64]:
        """Per group, the credits held that meet it (:func:`credit_threshold`)."""
        return credit_threshold(self.credits)

    @cached_property
    def met_by_nothing(self) -> Mask:
        """Groups met by holding nothing: ``need`` 0 and no credits to add up."""
        out: Mask = (self.need <= 0) & (self.threshold <= 0)
        return out

    def options(self, g: int) -> list[int]:
        """The option nodes of group ``g``."""
        nodes, ptr = self.by_group
        return [int(x) for x in nodes[ptr[g] : ptr[g + 1]]]

    def held_count(self, held: Mask) -> tuple[Ints, npt.NDArray[np.float64]]:
        """Per group: how many of its options ``held`` holds, and their credits."""
        ngroups = len(self.node)
        on = held[self.option_src]
        count = np.bincount(self.option_group[on], minlength=ngroups)
        got: npt.NDArray[np.float64] = np.bincount(
            self.option_group[on], weights=self.option_weight[on], minlength=ngroups
        ).astype(np.float64)
        return count, got

    def met_by(self, held: Mask) -> Mask:
        """Per group: whether ``held`` meets it (``need`` options and credits)."""
        count, got = self.held_count(held)
        met: Mask = (count >= self.need) & (got >= self.threshold)
        return met
