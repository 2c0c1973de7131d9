"""What maps draw of the requirement language: a condition's rule, its owner, and
the conditions a route meets.

A :class:`~pathgraph.Condition` is drawn as a small node whose text is its rule
(:func:`rule_text`), between its options and the record whose requirement it is
(its *owner*, :func:`owners`). Its full label, and its ``to_confirm`` items, go in
the tooltip and the interactive card. Pure functions of the graph; nothing here
knows how maps are drawn.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

import networkx as nx

from pathgraph.io._conditions import generated_label
from pathgraph.requirements import RequirementGroup, condition_group

__all__ = [
    "OWNER_RELATIONS",
    "condition_options",
    "custom_label",
    "met_on_route",
    "owners",
    "roots",
    "rule_text",
    "rule_words",
    "to_confirm",
]

#: Relations from a condition to its owner: it is part of the owner's requirement
#: (``requires``), or meeting it earns the owner (``awards``).
OWNER_RELATIONS = frozenset({"requires", "awards"})


def condition_options(G: nx.MultiDiGraph, c: Any) -> list[Any]:
    """The options of condition ``c``: the sources of the ``requires`` edges into
    it, sorted by ``str``, each once."""
    found = {u for u, _, k in G.in_edges(c, data="kind") if k == "requires"}
    return sorted(found, key=str)


def _group(G: nx.MultiDiGraph, c: Any) -> RequirementGroup:
    nodes = G.nodes
    return condition_group(
        c, nodes[c], condition_options(G, c), lambda o: nodes[o].get("credits")
    )


def rule_text(G: nx.MultiDiGraph, c: Any) -> str:
    """The rule of condition ``c`` in a few characters, as its node shows it.

    ``all`` (every option; also a single option), ``any`` (one of several),
    ``2 of 3`` (need of the options; also when need exceeds them, which ``check``
    reports), ``6 cr`` (options held must carry 6 credits), ``2 of 3 · 6 cr``
    (both), ``all · 6 cr``, ``open`` (no options: met by anyone). The rule is the
    one :func:`pathgraph.requirements.condition_group` defines.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("c", kind="condition", need=2)
    >>> for o in ("a", "b", "d"):
    ...     G.add_node(o, kind="course", credits=3)
    ...     _ = G.add_edge(o, "c", kind="requires")
    >>> rule_text(G, "c")
    '2 of 3'
    >>> G.nodes["c"].update(credits=6, need=None)
    >>> rule_text(G, "c")
    '6 cr'
    """
    g = _group(G, c)
    n = len(g.options)
    if n == 0:
        return "open"
    if g.need == 0:
        count = ""
    elif g.need == n:
        count = "all"
    elif g.need == 1:
        count = "any"
    else:
        count = f"{g.need} of {n}"
    if g.credits is None:
        return count
    cr = f"{g.credits:g} cr"
    return f"{count} · {cr}" if count else cr


def rule_words(rule: str, options: int) -> str:
    """A rule of :func:`rule_text` in words, for a card or a route sheet.

    Examples
    --------
    >>> rule_words("any", 3), rule_words("2 of 3 · 6 cr", 3), rule_words("open", 0)
    ('any 1 of 3 options', '2 of 3 options, worth 6 credits together', 'open to anyone')
    >>> rule_words("all", 1), rule_words("6 cr", 4)
    ('the 1 option', 'options worth 6 credits together (of 4)')
    """
    if rule == "open":
        return "open to anyone"
    count, _, cr = rule.partition(" · ")
    if count.endswith(" cr"):
        count, cr = "", count
    plural = "s" * (options != 1)
    words = {
        "all": f"all {options} options" if options > 1 else "the 1 option",
        "any": f"any 1 of {options} option{plural}",
        "": "",
    }.get(count, f"{count} option{plural}")
    if not cr:
        return words
    credits = f"worth {cr.removesuffix(' cr')} credits together"
    return f"{words}, {credits}" if words else f"options {credits} (of {options})"


def custom_label(G: nx.MultiDiGraph, c: Any) -> str:
    """The label of condition ``c`` when someone wrote it ("Core courses"); ``""``
    when it is the id or the label reading a file generates from the rule and the
    options (:func:`pathgraph.io._conditions.generated_label`).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="course", label="A")
    >>> G.add_node("c", kind="condition", label="all of: A")
    >>> _ = G.add_edge("a", "c", kind="requires")
    >>> custom_label(G, "c")
    ''
    >>> G.nodes["c"]["label"] = "Core"
    >>> custom_label(G, "c")
    'Core'
    """
    attrs = G.nodes[c]
    label = attrs.get("label")
    if label is None or str(label) == str(c):
        return ""

    def label_of(o: str) -> str:
        return str(G.nodes[o].get("label", o)) if o in G else o

    made = generated_label(
        attrs.get("need"),
        attrs.get("credits"),
        [str(o) for o in condition_options(G, c)],
        label_of,
    )
    return "" if str(label) == made else str(label)


def to_confirm(attrs: Mapping[str, Any]) -> tuple[str, ...]:
    """The ``to_confirm`` items of a node's attributes, as text (a lone string is
    one item).

    Examples
    --------
    >>> to_confirm({"to_confirm": ["grade C", "no resits"]}), to_confirm({})
    (('grade C', 'no resits'), ())
    """
    items = attrs.get("to_confirm") or ()
    if isinstance(items, str):
        items = (items,)
    return tuple(str(t) for t in items)


def owners(G: nx.MultiDiGraph, c: Any, drawn: Collection[Any]) -> list[Any]:
    """The drawn records condition ``c`` belongs to: the targets of its ``requires``
    and ``awards`` edges that are in ``drawn``, sorted by ``str``."""
    found = {
        v
        for _, v, k in G.out_edges(c, data="kind")
        if k in OWNER_RELATIONS and v in drawn
    }
    return sorted(found, key=str)


def roots(G: nx.MultiDiGraph, drawn: Collection[Any]) -> dict[Any, Any]:
    """For each drawn condition with a drawn owner: the first record (not a
    condition) reached by following first owners (:func:`owners`, the first by
    ``str``); conditions that only lead round a cycle of conditions are left out.

    Maps put a condition in its root's lane and fold it with its root's group.
    Linear in the drawn conditions and their out-edges.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["c1", "c2"], kind="condition")
    >>> G.add_node("p", kind="program")
    >>> _ = G.add_edge("c2", "c1", kind="requires")
    >>> _ = G.add_edge("c1", "p", kind="requires")
    >>> roots(G, {"c1", "c2", "p"})
    {'c1': 'p', 'c2': 'p'}
    """
    kind = G.nodes
    first: dict[Any, Any] = {}
    for c in drawn:
        if kind[c].get("kind") == "condition":
            found = owners(G, c, drawn)
            if found:
                first[c] = found[0]
    out: dict[Any, Any] = {}
    for c in sorted(first, key=str):
        path = [c]
        seen = {c}
        x = first[c]
        while x in first and x not in out and x not in seen:
            path.append(x)
            seen.add(x)
            x = first[x]
        root = out.get(x, x if x not in first else None)
        if root is None or root in seen:  # a cycle of conditions
            continue
        for y in path:
            out[y] = root
    return out


def met_on_route(
    G: nx.MultiDiGraph,
    drawn: Iterable[Any],
    route_nodes: Collection[str],
    held: Collection[str],
    start: Collection[str] = (),
) -> set[Any]:
    """The drawn conditions a route meets on its way: met by what the route holds
    (``held``: its nodes and final holdings), not held at its ``start``, and leading
    (through ``requires`` or ``awards`` edges, possibly through other such
    conditions) to a node of the route (``route_nodes``).

    A router may leave such conditions out of its steps (a condition met on the
    way is bookkeeping); the map still draws the route through them.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["a", "b"], kind="course")
    >>> G.add_nodes_from(["c", "unused"], kind="condition")
    >>> G.add_node("cert", kind="credential")
    >>> for u, v, k in [("a", "c", "requires"), ("b", "c", "requires"),
    ...                 ("c", "cert", "awards"), ("a", "unused", "requires")]:
    ...     _ = G.add_edge(u, v, kind=k)
    >>> sorted(met_on_route(G, G.nodes, {"a", "b", "cert"}, {"a", "b", "cert"}))
    ['c']
    """
    conditions = sorted(
        (n for n in drawn if G.nodes[n].get("kind") == "condition"), key=str
    )
    on_route = {str(n) for n in route_nodes}
    have = {str(h) for h in held} | on_route
    groups = {c: _group(G, c) for c in conditions}
    met = {c for c in conditions if str(c) in have}
    changed = True
    while changed:  # nested conditions: one more level per pass
        changed = False
        for c in conditions:
            if c not in met and groups[c].met(have):
                met.add(c)
                have.add(str(c))
                changed = True
    begin = {str(s) for s in start}
    met = {c for c in met if str(c) not in begin}
    on: set[Any] = set()
    stack = [n for n in G if str(n) in on_route]
    while stack:
        v = stack.pop()
        for u, _, k in G.in_edges(v, data="kind"):
            if k in OWNER_RELATIONS and u in met and u not in on:
                on.add(u)
                stack.append(u)
    return on
