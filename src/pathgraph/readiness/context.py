"""What the readiness items read: the graph, its records by kind, its sectors."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import Any

import networkx as nx

from pathgraph.analysis._core import Index, checked_index
from pathgraph.analysis.stacks import Chain, stack_steps, stackable_chains
from pathgraph.contract import PROGRESSION_NODE_KINDS
from pathgraph.model import PROGRESSION_KINDS
from pathgraph.render.levels import levels

__all__ = ["NO_SECTOR", "Context"]

#: The sector name used when neither the pathway nor an occupation records one.
NO_SECTOR = "(sector not recorded)"


class Context:
    """A pathway graph (checked against the contract) and lookups the items share.

    Examples
    --------
    >>> import pathgraph
    >>> from pathgraph.readiness.context import Context
    >>> ctx = Context(pathgraph.to_graph(pathgraph.load_example("bht")))
    >>> ctx.sectors
    ('Health care (behavioral health)',)
    >>> ctx.of_kind("agreement")
    ['bht-articulation', 'bht-mou']
    """

    def __init__(self, G: nx.MultiDiGraph, index: Index | None = None) -> None:
        self.index = checked_index(G) if index is None else index
        self.G = self.index.G

    #: At most this many chains are listed (a state-scale system has millions).
    CHAINS_SHOWN = 20

    @cached_property
    def chains(self) -> list[Chain]:
        """Up to ``CHAINS_SHOWN + 1`` stackable credential chains (one more than
        shown, to tell whether there are more), from
        :func:`pathgraph.stackable_chains`."""
        return stackable_chains(self.G, max_chains=self.CHAINS_SHOWN + 1)

    @cached_property
    def stack_levels(self) -> list[str]:
        """Sorted credentials that take part in a stack step (every level of every
        chain of two or more credentials), from the steps themselves: O(V + E)."""
        steps = stack_steps(self.index)
        both = set(steps.a.tolist()) | set(steps.b.tolist())
        return sorted(self.index.id(i) for i in both)

    @cached_property
    def _by_kind(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for n, k in self.G.nodes(data="kind"):
            out[str(k)].append(str(n))
        return {k: sorted(ids) for k, ids in out.items()}

    def of_kind(self, kind: str) -> list[str]:
        """Sorted ids of the nodes of ``kind``."""
        return list(self._by_kind.get(kind, ()))

    def attr(self, node: str, name: str, default: Any = None) -> Any:
        """A node attribute."""
        return self.G.nodes[node].get(name, default)

    def out(self, node: str, kind: str) -> list[str]:
        """Sorted targets of ``node``'s edges of ``kind``."""
        return sorted(
            {str(v) for _, v, k in self.G.out_edges(node, data="kind") if k == kind}
        )

    def into(self, node: str, kind: str) -> list[str]:
        """Sorted sources of the edges of ``kind`` into ``node``."""
        return sorted(
            {str(u) for u, _, k in self.G.in_edges(node, data="kind") if k == kind}
        )

    @cached_property
    def _edges_by_kind(self) -> dict[str, list[tuple[str, str, dict[str, Any]]]]:
        out: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
        for u, v, d in self.G.edges(data=True):
            out[str(d.get("kind"))].append((str(u), str(v), d))
        return {k: sorted(e, key=lambda e: (e[0], e[1])) for k, e in out.items()}

    def edges(self, kind: str) -> list[tuple[str, str, dict[str, Any]]]:
        """Edges of ``kind`` as (source, target, attributes), sorted."""
        return list(self._edges_by_kind.get(kind, ()))

    def roles(self, provider: str) -> list[str]:
        """A provider's roles, as plain strings."""
        return sorted(str(r) for r in self.attr(provider, "roles", None) or ())

    @cached_property
    def levels(self) -> dict[str, int]:
        """Each progression record's map level (as ``pathgraph render`` draws it)."""
        nodes = {n for n, k in self.G.nodes(data="kind") if k in PROGRESSION_NODE_KINDS}
        return {str(n): lv for n, lv in levels(self.G, nodes).items()}

    @cached_property
    def occupation_sectors(self) -> dict[str, str]:
        """Each occupation's sector: its own ``sector``, else the pathway's."""
        default = str(self.G.graph.get("sector") or NO_SECTOR)
        return {
            o: str(self.attr(o, "sector") or default)
            for o in self.of_kind("occupation")
        }

    @cached_property
    def sectors(self) -> tuple[str, ...]:
        """The sectors, sorted: the occupations' and the pathway's ``sector``."""
        found = set(self.occupation_sectors.values())
        if self.G.graph.get("sector"):
            found.add(str(self.G.graph["sector"]))
        return tuple(sorted(found or {NO_SECTOR}))

    @cached_property
    def _progression(self) -> nx.DiGraph:
        view = nx.DiGraph()
        view.add_nodes_from(
            n for n, k in self.G.nodes(data="kind") if k in PROGRESSION_NODE_KINDS
        )
        view.add_edges_from(
            (u, v)
            for u, v, k in self.G.edges(data="kind")
            if k in PROGRESSION_KINDS and u in view and v in view
        )
        return view

    def _sectors_reached(self, nodes: list[str]) -> set[str]:
        """Sectors of the occupations reached along progression from ``nodes``."""
        view = self._progression
        reached: set[str] = set()
        for n in nodes:
            if n not in view:
                continue
            for m in {n} | nx.descendants(view, n):
                if m in self.occupation_sectors:
                    reached.add(self.occupation_sectors[m])
        return reached

    @cached_property
    def provider_sectors(self) -> dict[str, tuple[str, ...]]:
        """Each provider's sectors.

        With one sector, every provider is in it. With several, a provider is in
        the sectors of the occupations reached from what it offers (and from what
        its services support); a provider tied to no sector's records (an employer
        that only signed a memorandum) counts in every sector.
        """
        providers = self.of_kind("provider")
        if len(self.sectors) == 1:
            return dict.fromkeys(providers, self.sectors)
        offers: dict[str, list[str]] = defaultdict(list)
        for u, v, _ in self.edges("offered_by"):
            offers[v].append(u)
            if self.attr(u, "kind") == "service":
                offers[v].extend(self.out(u, "supports"))
        out = {}
        for p in providers:
            found = self._sectors_reached(offers[p])
            out[p] = tuple(sorted(found)) if found else self.sectors
        return out

    def providers_in(self, sector: str) -> list[str]:
        """Sorted providers counted in ``sector``."""
        return sorted(p for p, s in self.provider_sectors.items() if sector in s)
