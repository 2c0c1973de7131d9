"""Folding big maps: which records a map draws as one summary box.

Nobody reads a map of thousands of boxes at once, and Graphviz takes minutes to lay
one out (a 5,000-record pathway did not finish in many minutes). Above
:data:`FOLD_ABOVE` drawn records, :func:`plan_folds` groups records the way the map
already groups them and folds the largest groups first, until the map has at most
:data:`FOLD_ABOVE` boxes:

- a **lane** (the ``lane`` attribute, drawn as a box on the map) is one group;
- outside lanes, the records of **one kind in one column** are one group (5,000
  programs that all lead to one credential become one box); when folding every
  group is still not enough, columns are taken in pairs, fours, and so on.

A condition folds with the record it belongs to (``attach``: it joins that
record's group, so "credentials at level 4" folds their earning conditions too);
it never starts a group of its own, and stays open when its record does. Groups
of the same size fold together (so one of fifty equal sectors is never left
open by chance); a group of one record never folds. Records on a route or asked to
be highlighted never fold: they are what the reader is shown. The summary boxes get
ids no record has (:func:`reserve`).

The marking pass (:func:`pathgraph.render.marking.mark`) applies the plan: the
static maps draw each group as one box labelled with what is inside, and the
interactive page expands a box on click (or with the keyboard, from the list of
folded groups above the map). Pure data: nothing here knows how maps are drawn.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from pathgraph._limits import FOLD_ABOVE
from pathgraph.render.words import kind_word, page_words

__all__ = [
    "FOLD_ABOVE",
    "FOLD_KIND",
    "Fold",
    "fold_note",
    "grid",
    "plan_folds",
    "reserve",
]


#: The kind of a summary box (a key of :data:`pathgraph.render.style.NODE_STYLE`).
FOLD_KIND = "group"

#: Columns of an expanded group hold at most this many records; more wrap into
#: further columns (a group of 5,000 programs in one column would be a mile long).
ROWS_PER_COLUMN = 40


class Foldable(Protocol):
    """What folding reads from a drawn record (a :class:`NodeMark` has it)."""

    @property
    def kind(self) -> str: ...

    @property
    def level(self) -> int: ...

    @property
    def lane(self) -> str: ...

    @property
    def step(self) -> int | None: ...

    @property
    def highlighted(self) -> bool: ...


@dataclass(frozen=True)
class Fold:
    """One group of records drawn as a single summary box.

    Attributes
    ----------
    node
        The summary box's id (no record of the graph has it).
    title
        What the group is: the lane's name, or "programs at level 3".
    lane
        The lane the box is drawn in (``""``: none).
    level
        Its column: the leftmost of its records'.
    members
        The folded records' ids, in the order the map lists records.
    kinds
        How many records of each kind, in order of kind.
    kind
        The kind of a group outside lanes (``""`` for a lane).
    last
        Its last column (a group outside lanes spans ``level`` to ``last``).
    """

    node: str
    title: str
    lane: str
    level: int
    members: tuple[Any, ...]
    kinds: tuple[tuple[str, int], ...]
    kind: str = ""
    last: int = 0

    def contents(self, lang: str = "en") -> str:
        """What is inside, in words (in ``lang``: see
        :func:`pathgraph.render.words.page_words`).

        Examples
        --------
        >>> f = Fold("f", "Health", "Health", 0, ("a", "b", "c"),
        ...          (("credential", 1), ("program", 2)))
        >>> f.contents(), f.contents("es")
        ('1 credential, 2 programs', '1 credencial, 2 programas')
        """
        words = page_words(lang)
        return ", ".join(f"{n:,} {kind_word(words, kind, n)}" for kind, n in self.kinds)

    def title_in(self, lang: str) -> str:
        """:attr:`title` in ``lang``: the lane's name, or "programas en el nivel 3".

        Examples
        --------
        >>> f = Fold("f", "programs at level 1", "", 1, ("a", "b"),
        ...          (("program", 2),), kind="program", last=2)
        >>> f.title_in("es"), f.title_in("en")
        ('programas en los niveles 1–2', 'programs at levels 1–2')
        """
        if self.lane:
            return self.lane
        return _group_title(self.kind, self.level, self.last, lang)


def _group_title(kind: str, first: int, last: int, lang: str) -> str:
    """The title of a group of one kind in columns ``first`` to ``last``."""
    words = page_words(lang)
    kinds = kind_word(words, kind, 2)
    if first == last:
        return words["at level"].format(kinds=kinds, level=first)
    return words["at levels"].format(kinds=kinds, first=first, last=last)


def reserve(base: str, taken: Collection[str]) -> str:
    """``base``, or ``base`` with underscores added until no id in ``taken`` has it.

    The renderer's own nodes (legend, column anchors, summary boxes) must not share
    an id with a record, or the record would vanish into them.

    Examples
    --------
    >>> reserve("legend", {"hse"}), reserve("legend", {"legend", "legend_"})
    ('legend', 'legend__')
    """
    while base in taken:
        base += "_"
    return base


def plan_folds(
    nodes: Mapping[Any, Foldable],
    fold_above: int | None = FOLD_ABOVE,
    taken: Collection[str] = (),
    *,
    attach: Mapping[Any, Any] | None = None,
) -> tuple[Fold, ...]:
    """The groups to fold so that a map of ``nodes`` has at most ``fold_above`` boxes.

    Linear in the records (times the number of column widths tried, at most
    ``log2`` of the number of columns). Deterministic.

    Parameters
    ----------
    nodes
        The drawn records' marks, by id, in the order the map lists them.
    fold_above
        Fold only when there are more records than this; ``None``: never fold.
    taken
        Ids summary boxes must not have (every record's id, as a string).
    attach
        Records that join another record's group instead of forming groups of
        their own (a condition: the record it belongs to). A group's title and
        column come from its other records.

    Examples
    --------
    >>> from types import SimpleNamespace as R
    >>> def rec(lane, level=0, kind="program"):
    ...     return R(kind=kind, level=level, lane=lane, step=None, highlighted=False)
    >>> nodes = {f"a{i}": rec("A") for i in range(5)}
    >>> nodes |= {"b0": rec("B"), "b1": rec("B", 1, "credential"), "c": rec("")}
    >>> [(f.node, f.title, len(f.members)) for f in plan_folds(nodes, 4)]
    [('__fold_0', 'A', 5)]
    >>> nodes["c"] = rec("", 3, "condition")  # c belongs to b1
    >>> [f.contents() for f in plan_folds(nodes, 0, attach={"c": "b1"})][1]
    '1 program, 1 credential, 1 condition'
    >>> del nodes["c"]
    >>> [f.contents() for f in plan_folds(nodes, 0, taken={"__fold_1"})]
    ['5 programs', '1 program, 1 credential']
    >>> plan_folds(nodes, 0, taken={"__fold_1"})[1].node
    '__fold_1_'
    """
    if fold_above is None or len(nodes) <= fold_above:
        return ()
    top = max(m.level for m in nodes.values())
    attach = {n: r for n, r in (attach or {}).items() if n in nodes and r in nodes}
    width = 1
    while True:
        groups = _groups(nodes, width, attach)
        chosen = _largest_first(groups, len(nodes), fold_above)
        boxes = len(nodes) - sum(len(groups[k]) - 1 for k in chosen)
        if boxes <= fold_above or width > top:
            break
        width *= 2
    taken = set(taken)
    folds = []
    for i, key in enumerate(sorted(chosen, key=_order)):
        node = reserve(f"__fold_{i}", taken)
        folds.append(_fold(node, key, groups[key], nodes, attach))
        taken.add(folds[-1].node)
    return tuple(folds)


def fold_note(
    folds: Iterable[Fold],
    records: int,
    fold_above: int | None,
    *,
    interactive: bool,
    lang: str = "en",
) -> str:
    """The note a folded map carries: what was folded, and how to see everything
    (in ``lang``: see :func:`pathgraph.render.words.page_words`).

    Examples
    --------
    >>> f = Fold("__fold_0", "Health", "Health", 0, ("a", "b"), (("program", 2),))
    >>> print(fold_note([f], 3, 2, interactive=False))
    2 of 3 records are folded into 1 box (1 lane) so that the map stays readable
    (maps of more than 2 records are folded). The .html map opens a box when you
    click it; to draw every record: pathgraph render --no-fold (Python:
    fold_above=None).
    """
    words = page_words(lang)
    folds = list(folds)
    lanes = sum(1 for f in folds if f.lane)
    parts = [words["lane" if lanes == 1 else "lanes"].format(n=lanes)] if lanes else []
    other = len(folds) - lanes
    if other:
        parts.append(
            words["kind group" if other == 1 else "kind groups"].format(n=other)
        )
    folded = sum(len(f.members) for f in folds)
    boxes = words["box" if len(folds) == 1 else "boxes"].format(n=len(folds))
    text = words["fold note"].format(
        folded=f"{folded:,}",
        records=f"{records:,}",
        boxes=boxes,
        parts=words["and"].join(parts),
    )
    if fold_above is not None:
        text += words["fold above"].format(n=f"{fold_above:,}")
    return words["fold how" if interactive else "fold how static"].format(text=text)


GroupKey = tuple[str, int, str]  # (lane, first column, kind); lanes: (lane, -1, "")


def _groups(
    nodes: Mapping[Any, Foldable], width: int, attach: Mapping[Any, Any]
) -> dict[GroupKey, list[Any]]:
    """Records by group: their lane, or (columns ``width`` at a time, kind); an
    attached record in its record's group (in the order of ``nodes``)."""
    key: dict[Any, GroupKey] = {}
    for n, m in nodes.items():
        if _shown(m) or n in attach:
            continue
        lv = m.level - m.level % width
        key[n] = (m.lane, -1, "") if m.lane else ("", lv, m.kind)
    groups: dict[GroupKey, list[Any]] = defaultdict(list)
    for n, m in nodes.items():
        k: GroupKey | None = None
        if n not in attach:
            k = key.get(n)
        elif not _shown(m):
            k = key.get(attach[n])
        if k is not None:
            groups[k].append(n)
    return groups


def _shown(m: Foldable) -> bool:
    """A record that never folds: on a route (numbered, or a condition the route
    meets: ``on_route``, when the record has it) or highlighted."""
    return m.step is not None or m.highlighted or bool(getattr(m, "on_route", False))


def _largest_first(
    groups: Mapping[GroupKey, list[Any]], boxes: int, fold_above: int
) -> list[GroupKey]:
    """The groups to fold: largest first, all groups of one size at once."""
    by_size: dict[int, list[GroupKey]] = defaultdict(list)
    for key, members in groups.items():
        if len(members) > 1:
            by_size[len(members)].append(key)
    chosen: list[GroupKey] = []
    for size in sorted(by_size, reverse=True):
        if boxes <= fold_above:
            break
        chosen += by_size[size]
        boxes -= len(by_size[size]) * (size - 1)
    return chosen


def _order(key: GroupKey) -> tuple[bool, str, int, str]:
    """Lanes by name first, then the other groups by column and kind."""
    lane, column, kind = key
    return (not lane, lane, column, kind)


def _fold(
    node: str,
    key: GroupKey,
    members: list[Any],
    nodes: Mapping[Any, Foldable],
    attach: Mapping[Any, Any],
) -> Fold:
    lane = key[0]
    counts: dict[str, int] = defaultdict(int)
    for n in members:
        counts[nodes[n].kind] += 1
    own = [n for n in members if n not in attach] or members
    levels = [nodes[n].level for n in (members if lane else own)]
    lo, hi = min(levels), max(levels)
    title = lane or _group_title(key[2], lo, hi, "en")
    return Fold(
        node=node,
        title=title,
        lane=lane,
        level=lo,
        members=tuple(members),
        kinds=tuple(sorted(counts.items(), key=lambda kv: _KIND_ORDER.get(kv[0], 9))),
        kind=key[2],
        last=hi,
    )


_KIND_ORDER = {
    k: i
    for i, k in enumerate(
        (
            "program",
            "credential",
            "occupation",
            "assessment",
            "course",
            "condition",
            "provider",
            "service",
        )
    )
}


def grid(
    members: Iterable[Hashable],
    level: Mapping[Any, int],
    edges: Iterable[tuple[Any, Any]],
) -> dict[Any, tuple[int, int]]:
    """Where each record of an expanded group goes: (column, row), from (0, 0).

    Columns follow the records' levels left to right (a level with more than
    :data:`ROWS_PER_COLUMN` records wraps into further columns); within a column,
    records are ordered by the mean row of their predecessors in the group (one
    sweep, left to right: few crossings on ladders), ties in the given order.
    Linear in records + edges, plus sorting.

    Examples
    --------
    >>> grid(["a", "b", "c", "d"], {"a": 0, "b": 0, "c": 1, "d": 1},
    ...      [("b", "c"), ("a", "d")])
    {'a': (0, 0), 'b': (0, 1), 'd': (1, 0), 'c': (1, 1)}
    """
    order = list(members)
    rank = {n: i for i, n in enumerate(order)}
    preds: dict[Any, list[Any]] = defaultdict(list)
    for u, v in edges:
        if u in rank and v in rank and level[u] < level[v]:
            preds[v].append(u)
    by_level: dict[int, list[Any]] = defaultdict(list)
    for n in order:
        by_level[level[n]].append(n)
    row: dict[Any, int] = {}
    out: dict[Any, tuple[int, int]] = {}
    column = 0
    for lv in sorted(by_level):
        here = by_level[lv]
        weight = {}
        for i, n in enumerate(here):
            rows = [row[p] for p in preds[n] if p in row]
            weight[n] = (sum(rows) / len(rows) if rows else i, rank[n])
        ordered = sorted(here, key=weight.__getitem__)
        for i, n in enumerate(ordered):
            row[n] = i % ROWS_PER_COLUMN
            out[n] = (column + i // ROWS_PER_COLUMN, row[n])
        column += -(-len(ordered) // ROWS_PER_COLUMN)
    return out
