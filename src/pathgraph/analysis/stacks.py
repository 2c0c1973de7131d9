"""Stackable credential chains."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from pathgraph.analysis._core import checked_index
from pathgraph.model import Pathway
from pathgraph.requirements import FOUNDATION_TYPES

__all__ = ["Chain", "stackable_chains"]


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
        program that requires the previous credential and awards the next.
    credits_carried : tuple of float
        Credits the previous credential carries into each step: the ``credits`` of
        the ``stacks_into`` edge, or of an ``articulates_to`` edge from the previous
        credential to the awarding program; 0 when none is recorded.
    off_ramps : tuple of tuple of str
        For each credential, the occupations it qualifies for.
    months : float
        Months of the steps: the ``stacks_into`` edge's ``months``, or the awarding
        program's ``months`` less articulated ``months_saved`` (not below 0).
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


def stackable_chains(
    G: nx.MultiDiGraph | Pathway, *, max_chains: int = 10_000
) -> list[Chain]:
    """Maximal stackable credential chains, with credits, off-ramps and months.

    A step C -> D joins two credentials when C ``stacks_into`` D, or when a program
    that requires C (in any requirement group) or grants articulated credit for C
    (``articulates_to``) awards D. A chain is a maximal
    simple path of steps: it starts at a credential no step leads to (or, inside a
    cycle, at its smallest id) and ends where no step leads on. High-school
    credentials (types ``hse`` and ``diploma``) are entry points, not stackable
    credentials, and take no part. Chains are listed sorted by their credentials.

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
    G = checked_index(G).G
    nodes = G.nodes
    creds = {
        n
        for n, d in G.nodes(data=True)
        if d.get("kind") == "credential"
        and d.get("credential_type") not in FOUNDATION_TYPES
    }
    requires_of: dict[Any, list[Any]] = {}
    awards_of: dict[Any, list[Any]] = {}
    articulation: dict[tuple[Any, Any], dict[str, Any]] = {}
    ramps: dict[Any, list[str]] = {}
    steps: dict[Any, dict[Any, tuple[str, float, float]]] = {c: {} for c in creds}
    for u, v, d in G.edges(data=True):
        k = d.get("kind")
        if k == "requires" and u in creds and nodes[v].get("kind") == "program":
            requires_of.setdefault(u, []).append(v)
        elif k == "awards":
            awards_of.setdefault(u, []).append(v)
        elif k == "articulates_to":
            articulation[(u, v)] = d
            if u in creds and nodes[v].get("kind") == "program":
                requires_of.setdefault(u, []).append(v)
        elif k == "qualifies_for":
            ramps.setdefault(u, []).append(str(v))
        elif k == "stacks_into" and u in creds and v in creds:
            steps[u][v] = (
                "stacks_into",
                float(d.get("credits") or 0),
                float(d.get("months") or 0),
            )
    for c, programs in requires_of.items():
        for p in sorted(set(programs), key=str):
            art = articulation.get((c, p), {})
            months = max(
                0.0,
                float(nodes[p].get("months") or 0)
                - float(art.get("months_saved") or 0),
            )
            for d in awards_of.get(p, ()):
                if d in creds and d != c and d not in steps[c]:
                    steps[c][d] = (str(p), float(art.get("credits") or 0), months)
    has_pred = {d for c in steps for d in steps[c]}
    starts = sorted((c for c in creds if c not in has_pred and steps[c]), key=str)
    # Credentials only on cycles: start at the smallest id of each cycle.
    covered: set[Any] = set()
    chains: list[Chain] = []

    def walk(path: list[Any]) -> None:
        if len(chains) >= max_chains:
            return
        last = path[-1]
        nexts = [d for d in sorted(steps[last], key=str) if d not in path]
        if not nexts:
            covered.update(path)
            chains.append(_chain(path, steps, ramps))
            return
        for d in nexts:
            walk([*path, d])

    for s in starts:
        walk([s])
    leftover = sorted((c for c in creds if steps[c] and c not in covered), key=str)
    for c in leftover:
        if c not in covered:
            walk([c])
    return sorted(chains, key=lambda ch: ch.credentials)


def _chain(
    path: list[Any],
    steps: dict[Any, dict[Any, tuple[str, float, float]]],
    ramps: dict[Any, list[str]],
) -> Chain:
    how, credits, months = [], [], 0.0
    for a, b in itertools.pairwise(path):
        step, carried, m = steps[a][b]
        how.append(step)
        credits.append(carried)
        months += m
    return Chain(
        credentials=tuple(map(str, path)),
        steps=tuple(how),
        credits_carried=tuple(credits),
        off_ramps=tuple(tuple(sorted(ramps.get(c, []))) for c in path),
        months=months,
    )
