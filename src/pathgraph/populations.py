"""Who gets through: an equity audit of a pathway's destinations (issue #16).

For each population (an entry point plus route constraints) and each destination
(:func:`pathgraph.destinations`), :func:`audit` asks :func:`pathgraph.route` for the
fastest route (``weight="months"``) and the cheapest (``weight="cost"``), and
compares each population with the least constrained population that reaches the
same destination. A destination that no population *of concern* can reach is a
finding.

Populations
-----------
A :class:`Population` is turned into exactly the arguments of one
:func:`pathgraph.route` call (:meth:`Population.route_arguments`):

* ``entry`` and ``holds`` as given;
* ``budget`` and ``max_months`` as given;
* ``avoid``: the ids given, plus every program that fails the population's
  delivery needs: with ``schedule`` or ``modality`` set, a program is kept when
  one of its ``schedule`` values is in ``schedule`` or its ``modality`` is in
  ``modality`` (a program that records neither is avoided: the audit does not
  assume access it cannot see); with ``childcare`` set, a program is kept only
  when a service of ``service_type`` childcare ``supports`` it. These needs apply
  to programs only (courses and assessments have no schedule or modality field).

See ``docs/audit.md`` for the built-in populations (:data:`BUILTIN_POPULATIONS`)
and the YAML format of user populations (:func:`read_populations`).
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError

from pathgraph._graphs import GraphLike, as_graph
from pathgraph.errors import (
    ArgumentError,
    FormatError,
    NoRouteError,
    Problem,
    UnknownNodeError,
)

__all__ = [
    "BUILTIN_POPULATIONS",
    "Audit",
    "AuditCell",
    "Population",
    "audit",
    "parse_populations",
    "read_populations",
]

#: Schedules and modalities a working adult can attend.
WORKER_SCHEDULES: tuple[str, ...] = ("evening", "self_paced", "weekend")
WORKER_MODALITIES: tuple[str, ...] = ("hybrid", "online", "work_based")


class Population(BaseModel):
    """A group of learners: where they start and what constrains their route.

    Attributes
    ----------
    name : str
        A short id (letters, digits, ``-``, ``_``).
    description : str
        One line for people.
    entry : str, optional
        An entry preset (abe, esl, diploma, incumbent).
    holds : list of str
        Node ids held at the start, besides the preset's.
    avoid : list of str
        Node ids no step may acquire.
    budget, max_months : float, optional
        Upper bounds on the route's total cost and months.
    schedule, modality : list of str
        Delivery the population can attend; empty lists put no condition. When
        either is set, a program is avoided unless one of its ``schedule`` values is
        in ``schedule`` or its ``modality`` is in ``modality``.
    childcare : bool
        Only programs supported by a childcare service.
    of_concern : bool
        Whether a destination none of the populations of concern reaches is a
        finding.

    Examples
    --------
    >>> p = Population(name="night", entry="diploma", schedule=["evening"])
    >>> p.restrictions
    1
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9_-]+$")
    description: str = Field(default="", max_length=500)
    entry: Literal["abe", "esl", "diploma", "incumbent"] | None = None
    holds: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    budget: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    max_months: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    schedule: tuple[Literal["day", "evening", "weekend", "self_paced"], ...] = ()
    modality: tuple[Literal["in_person", "online", "hybrid", "work_based"], ...] = ()
    childcare: bool = False
    of_concern: bool = True

    @property
    def restrictions(self) -> int:
        """How many kinds of constraint the population sets: one each for
        ``avoid``, delivery (``schedule``/``modality``), ``childcare``, ``budget``
        and ``max_months``."""
        return sum(
            (
                bool(self.avoid),
                bool(self.schedule or self.modality),
                self.childcare,
                self.budget is not None,
                self.max_months is not None,
            )
        )

    def avoided(self, G: GraphLike) -> tuple[str, ...]:
        """The node ids the population's route avoids in ``G``, sorted: ``avoid``
        plus the programs its delivery and childcare needs rule out.

        Examples
        --------
        >>> import pathgraph
        >>> G = pathgraph.to_graph(pathgraph.load_example("bht"))
        >>> Population(name="w", schedule=["weekend"], modality=["online"]).avoided(G)
        ('abe-ged', 'bht-aas', 'bht-advanced-course', 'bht-tier1-course', \
'bht-tier2-course', 'bht-tier3-course')
        """
        G = as_graph(G)
        out = set(self.avoid)
        delivery = bool(self.schedule or self.modality)
        cared: set[str] = set()
        if self.childcare:
            for u, v, d in G.edges(data=True):
                if d.get("kind") == "supports" and (
                    str(G.nodes[u].get("service_type")) == "childcare"
                ):
                    cared.add(str(v))
        for n, d in G.nodes(data=True):
            if d.get("kind") != "program":
                continue
            if delivery and not _fits(d, self.schedule, self.modality):
                out.add(str(n))
            if self.childcare and n not in cared:
                out.add(str(n))
        return tuple(sorted(out))

    def route_arguments(self, G: GraphLike) -> dict[str, Any]:
        """The keyword arguments of :func:`pathgraph.route` for this population.

        Examples
        --------
        >>> import pathgraph
        >>> G = pathgraph.to_graph(pathgraph.load_example("bht"))
        >>> args = BUILTIN_POPULATIONS[-2].route_arguments(G)
        >>> args["entry"], args["avoid"], args["budget"], args["max_months"]
        ('diploma', (), 0.0, None)
        """
        return {
            "entry": self.entry,
            "holds": self.holds,
            "avoid": self.avoided(G),
            "budget": self.budget,
            "max_months": self.max_months,
        }


def _fits(
    attrs: Mapping[str, Any], schedule: Sequence[str], modality: Sequence[str]
) -> bool:
    sched = attrs.get("schedule") or ()
    if isinstance(sched, str):
        sched = (sched,)
    have = {str(s) for s in sched}
    mode = attrs.get("modality")
    return bool(have & set(schedule)) or (mode is not None and str(mode) in modality)


#: The built-in populations, in report order.
BUILTIN_POPULATIONS: tuple[Population, ...] = (
    Population(
        name="incumbent",
        description="incumbent worker (entry preset 'incumbent')",
        entry="incumbent",
        of_concern=False,
    ),
    Population(
        name="diploma",
        description="diploma holder (entry preset 'diploma')",
        entry="diploma",
        of_concern=False,
    ),
    Population(
        name="abe",
        description="adult without a diploma (entry preset 'abe')",
        entry="abe",
    ),
    Population(
        name="esl",
        description="English learner (entry preset 'esl')",
        entry="esl",
    ),
    Population(
        name="working-adult",
        description="diploma holder who works days: evening, weekend, self-paced, "
        "online, hybrid or work-based programs only",
        entry="diploma",
        schedule=WORKER_SCHEDULES,
        modality=WORKER_MODALITIES,
    ),
    Population(
        name="no-money",
        description="diploma holder with no money after aid: budget $0 on "
        "sticker cost (the model records no aid amounts)",
        entry="diploma",
        budget=0.0,
    ),
    Population(
        name="childcare",
        description="diploma holder who needs childcare: programs supported by a "
        "childcare service only",
        entry="diploma",
        childcare=True,
    ),
)


# ---------------------------------------------------------------- user populations


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    populations: list[dict[str, Any]] = Field(min_length=1)


def parse_populations(
    text: str, source: str = "<string>", *, G: GraphLike | None = None
) -> tuple[Population, ...]:
    """User populations from YAML text (see ``docs/audit.md``).

    The text is a mapping with one key, ``populations``: a list of records with
    :class:`Population`'s fields. With ``G``, ``holds`` and ``avoid`` ids must be
    nodes of ``G``.

    Raises
    ------
    pathgraph.FormatError
        Every problem: the file and line, the record, what is wrong, how to fix it.

    Examples
    --------
    >>> pops = parse_populations("populations:\\n  - name: night\\n    entry: abe\\n")
    >>> [(p.name, p.entry, p.of_concern) for p in pops]
    [('night', 'abe', True)]
    >>> parse_populations("populations:\\n  - name: x\\n    budjet: 5\\n", "p.yaml")
    Traceback (most recent call last):
    ...
    pathgraph.errors.FormatError: 1 problem in p.yaml:
      p.yaml:3:5: population 'x': budjet: unknown field (fix: ...)
    """
    # lazy: start-up time; the YAML reader loads PyYAML
    from pathgraph.io._yaml_read import parse_yaml

    doc = parse_yaml(text, source)
    data = doc.data
    if not isinstance(data, dict) or "populations" not in data:
        raise FormatError(
            [
                Problem(
                    source,
                    "no 'populations' list",
                    "write 'populations:' followed by a list of records with at "
                    "least a name",
                )
            ],
            source=source,
        )
    try:
        _File.model_validate(data)
    except PydanticValidationError as exc:
        problems = [
            Problem(
                doc.locate(tuple(e["loc"])) or source,
                f"{'.'.join(map(str, e['loc']))}: {_words(e['msg'])}",
                "write each population as a record: '- name: ...' with its fields "
                "indented under it"
                if len(e["loc"]) > 1
                else "keep only the key 'populations', a non-empty list of records",
            )
            for e in exc.errors()
        ]
        raise FormatError(problems, source=source) from None
    graph = None if G is None else as_graph(G)
    found: list[Problem] = []
    out: list[Population] = []
    seen: dict[str, int] = {}
    for i, rec in enumerate(data["populations"]):
        name = rec.get("name") if isinstance(rec, dict) else None
        who = f"population {name!r}" if isinstance(name, str) else f"population {i + 1}"
        here = doc.locate(("populations", i)) or source
        try:
            pop = Population.model_validate(rec)
        except PydanticValidationError as exc:
            for e in exc.errors():
                loc = tuple(e["loc"])
                where = None
                for n in range(len(loc), 0, -1):  # the deepest place the file has
                    where = doc.locate(("populations", i, *loc[:n]))
                    if where:
                        break
                key = ".".join(map(str, loc))
                unknown = e["type"] == "extra_forbidden"
                what = "unknown field" if unknown else _words(e["msg"])
                if not unknown and e["type"] != "missing":
                    what += f", got {e.get('input')!r}"
                found.append(
                    Problem(
                        where or here,
                        f"{who}: {key}: {what}",
                        "use only the fields " + ", ".join(Population.model_fields)
                        if unknown
                        else _FIX.get(str(loc[0]) if loc else "", "see docs/audit.md"),
                        record=name if isinstance(name, str) else "",
                    )
                )
            continue
        if pop.name in seen:
            found.append(
                Problem(
                    here,
                    f"{who}: the name is used by population {seen[pop.name] + 1} too",
                    "give every population its own name",
                    record=pop.name,
                )
            )
        seen.setdefault(pop.name, i)
        if graph is not None:
            for key in ("holds", "avoid"):
                for j, node in enumerate(getattr(pop, key)):
                    if node not in graph:
                        found.append(
                            Problem(
                                doc.locate(("populations", i, key, j)) or here,
                                f"{who}: {key}: {node!r} is not a node of the pathway",
                                "use a record id of the pathway file",
                                record=pop.name,
                            )
                        )
        out.append(pop)
    if found:
        raise FormatError(found, source=source)
    return tuple(out)


def _words(msg: str) -> str:
    """A pydantic message in the words of a YAML file."""
    return msg.replace("a valid tuple", "a list").replace(
        "a valid dictionary", "a record (name: ..., entry: ...)"
    )


_FIX = {
    "name": "a short id of letters, digits, '-' and '_'",
    "entry": "one of abe, esl, diploma, incumbent, or leave it out",
    "holds": "a list of record ids",
    "avoid": "a list of record ids",
    "budget": "a number of dollars >= 0, or leave it out",
    "max_months": "a number of months >= 0, or leave it out",
    "schedule": "a list of day, evening, weekend, self_paced",
    "modality": "a list of in_person, online, hybrid, work_based",
    "childcare": "true or false",
    "of_concern": "true or false",
}


def read_populations(
    path: str | os.PathLike[str], *, G: GraphLike | None = None
) -> tuple[Population, ...]:
    """User populations from a YAML file (:func:`parse_populations`).

    Raises
    ------
    pathgraph.FormatError
        The file cannot be read, or a population is invalid.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "pops.yaml"
    >>> _ = path.write_text("populations:\\n  - name: nights\\n    entry: abe\\n")
    >>> [p.name for p in read_populations(path)]
    ['nights']
    """
    # lazy: start-up time
    from pathgraph._files import read_text

    return parse_populations(read_text(path), str(path), G=G)


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class AuditCell:
    """One population and one destination.

    ``months``/``cost`` are the fastest route's, ``cheapest_months``/
    ``cheapest_cost`` the cheapest route's; ``extra_months`` is ``months`` minus the
    baseline's and ``extra_cost`` is ``cheapest_cost`` minus the baseline's (None
    when unreachable). ``reason`` is :class:`~pathgraph.NoRouteError`'s ``reason``
    (the requirement nobody meets, or the bound that cuts every route) and
    ``detail`` its message.

    Examples
    --------
    >>> import pathgraph
    >>> c = pathgraph.audit(pathgraph.load_example("bht")).cell("no-money", "bht-assoc")
    >>> c.reachable, c.reason
    (False, 'budget $0')
    """

    population: str
    destination: str
    reachable: bool
    months: float | None = None
    cost: float | None = None
    cheapest_months: float | None = None
    cheapest_cost: float | None = None
    steps: tuple[str, ...] = ()
    baseline: str | None = None
    extra_months: float | None = None
    extra_cost: float | None = None
    reason: str = ""
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON)."""
        return {
            "population": self.population,
            "destination": self.destination,
            "reachable": self.reachable,
            "months": self.months,
            "cost": self.cost,
            "cheapest_months": self.cheapest_months,
            "cheapest_cost": self.cheapest_cost,
            "steps": list(self.steps),
            "baseline": self.baseline,
            "extra_months": self.extra_months,
            "extra_cost": self.extra_cost,
            "reason": self.reason,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class Audit:
    """What :func:`audit` found.

    Attributes
    ----------
    title : str
    populations : tuple of Population
    destinations : tuple of str
    labels : dict
        Destination id -> label.
    avoided : dict
        Population name -> the ids its routes avoid.
    cells : tuple of AuditCell
        One per population and destination, population-major in report order.
    findings : tuple of str
        The destinations no population of concern can reach, sorted.
    route_calls : int
        :func:`pathgraph.route` calls made (populations with the same constraints
        share them).

    Examples
    --------
    >>> import pathgraph
    >>> a = pathgraph.audit(pathgraph.load_example("it-support"))
    >>> a.destinations, a.ok
    (('network-admin',), True)
    >>> print(str(a).splitlines()[6])
      abe                   44      $963      $506       +3     +$506  vs incumbent
    """

    title: str
    populations: tuple[Population, ...]
    destinations: tuple[str, ...]
    labels: dict[str, str]
    avoided: dict[str, tuple[str, ...]]
    cells: tuple[AuditCell, ...]
    findings: tuple[str, ...]
    route_calls: int = field(default=0, compare=False)

    def cell(self, population: str, destination: str) -> AuditCell:
        """The cell of one population and destination."""
        for c in self.cells:
            if c.population == population and c.destination == destination:
                return c
        raise UnknownNodeError(
            f"no cell for population {population!r} and destination "
            f"{destination!r}; populations: "
            f"{', '.join(p.name for p in self.populations)}; destinations: "
            f"{', '.join(self.destinations)}"
        )

    @property
    def ok(self) -> bool:
        """True when every destination is reached by some population of concern."""
        return not self.findings

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON)."""
        return {
            "title": self.title,
            "destinations": [
                {"id": d, "label": self.labels.get(d, d)} for d in self.destinations
            ],
            "populations": [
                {
                    **p.model_dump(mode="json"),
                    "avoided": list(self.avoided.get(p.name, ())),
                }
                for p in self.populations
            ],
            "cells": [c.to_dict() for c in self.cells],
            "findings": [
                {
                    "destination": d,
                    "message": self._finding_text(d),
                }
                for d in self.findings
            ],
        }

    def to_json(self) -> str:
        """Deterministic JSON text."""
        return json.dumps(self.to_dict(), indent=2, sort_keys=True) + "\n"

    def _finding_text(self, d: str) -> str:
        concern = [p.name for p in self.populations if p.of_concern]
        return (
            f"no population of concern ({', '.join(concern)}) can reach "
            f"{self.labels.get(d, d)} ({d})"
        )

    def __str__(self) -> str:
        lines = [f"Audit: {self.title}" if self.title else "Audit"]
        head = (
            f"  {'population':<16} {'months':>7} {'cost':>9} {'cheapest':>9} "
            f"{'+months':>8} {'+cost':>9}  note"
        )
        for d in self.destinations:
            lines.append("")
            lines.append(f"{self.labels.get(d, d)} ({d})")
            lines.append(head)
            for p in self.populations:
                c = self.cell(p.name, d)
                if not c.reachable:
                    lines.append(
                        f"  {p.name:<16} {'-':>7} {'-':>9} {'-':>9} "
                        f"{'-':>8} {'-':>9}  no route: {c.detail}"
                    )
                    continue
                note = "baseline" if c.baseline == p.name else f"vs {c.baseline}"
                lines.append(
                    f"  {p.name:<16} {_num(c.months):>7} {_money(c.cost):>9} "
                    f"{_money(c.cheapest_cost):>9} {_signed(c.extra_months):>8} "
                    f"{_signed(c.extra_cost, '$'):>9}  {note}"
                )
        lines.append("")
        if self.findings:
            lines.append(f"{len(self.findings)} finding(s):")
            lines += [f"  {self._finding_text(d)}" for d in self.findings]
        else:
            lines.append(
                "No finding: a population of concern reaches every destination."
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """Jupyter: the chart."""
        return f"<div>{self.to_svg()}</div>"

    def to_svg(self) -> str:
        """A self-contained SVG grid: populations x destinations, coloured by the
        fastest route's months (darker is longer); unreachable cells are grey with
        a cross. Every label is escaped.

        Examples
        --------
        >>> import pathgraph
        >>> svg = pathgraph.audit(pathgraph.load_example("bht")).to_svg()
        >>> svg.startswith("<svg") and "no route" in svg
        True
        """
        return _svg(self)


def _num(x: float | None) -> str:
    return "-" if x is None else f"{x:g}"


def _money(x: float | None) -> str:
    return "-" if x is None else f"${x:,.0f}"


def _signed(x: float | None, unit: str = "") -> str:
    if x is None:
        return "-"
    if x == 0:
        return "0"
    sign = "+" if x > 0 else "-"
    return f"{sign}{unit}{abs(x):,.0f}" if unit else f"{sign}{abs(x):g}"


# ---------------------------------------------------------------- the audit


def _baseline_key(p: Population, n_held: int) -> tuple[int, int, str]:
    return (p.restrictions, -n_held, p.name)


def audit(
    G: GraphLike,
    populations: Iterable[Population] | None = None,
    *,
    destinations: Iterable[str] | None = None,
) -> Audit:
    """Which destinations each population reaches, how fast, at what cost.

    For each population and destination: :func:`pathgraph.route` with the
    population's :meth:`~Population.route_arguments` and ``weight="months"`` (the
    fastest route's months and cost) and ``weight="cost"`` (the cheapest route's);
    :class:`~pathgraph.NoRouteError` makes the cell unreachable with the error's
    ``reason``. Calls are cached per (holdings, avoided ids, budget, max_months,
    destination, weight), so populations with the same constraints share them.

    The baseline of a destination is the population, among those that reach it,
    with the fewest :attr:`~Population.restrictions`, then the most nodes held at the
    start, then the first name; ``extra_months`` and ``extra_cost`` compare with it
    (they can be negative: fewer restrictions does not always mean faster).

    Parameters
    ----------
    G : Pathway or networkx.MultiDiGraph
    populations : iterable of Population, optional
        Default :data:`BUILTIN_POPULATIONS`.
    destinations : iterable of str, optional
        Default :func:`pathgraph.destinations` (marked destinations, or every
        occupation).

    Returns
    -------
    Audit

    Examples
    --------
    >>> import pathgraph
    >>> a = pathgraph.audit(pathgraph.load_example("bht"))
    >>> c = a.cell("abe", "bht-assoc")
    >>> c.months, c.cost, c.steps, c.baseline, c.extra_months
    (30.0, 5504.0, ('abe-ged', 'bht-aas'), 'incumbent', 6.0)
    >>> a.findings
    ()
    """
    # lazy: start-up time
    from pathgraph.analysis import destinations as all_destinations
    from pathgraph.analysis._core import resolve_holdings
    from pathgraph.routing import route

    graph = as_graph(G)
    pops = tuple(BUILTIN_POPULATIONS if populations is None else populations)
    if not pops:
        raise ArgumentError("no population to audit; pass at least one Population")
    names = [p.name for p in pops]
    if len(set(names)) != len(names):
        raise ArgumentError(
            f"population names repeat ({', '.join(names)}); give each its own name"
        )
    dests = tuple(
        sorted(all_destinations(graph)) if destinations is None else destinations
    )
    for d in dests:
        if d not in graph:
            raise UnknownNodeError(f"destination {d!r} is not a node of the graph")
    title = str(getattr(G, "title", "") or graph.graph.get("title", "") or "")
    labels = {d: str(graph.nodes[d].get("label") or d) for d in dests}

    cache: dict[tuple[Any, ...], Any] = {}
    calls = 0

    def best(args: dict[str, Any], start: frozenset[str], d: str, weight: str) -> Any:
        nonlocal calls
        key = (start, args["avoid"], args["budget"], args["max_months"], d, weight)
        if key not in cache:
            calls += 1
            try:
                r = route(graph, d, weight=weight, **args)
            except NoRouteError as exc:
                cache[key] = (exc.reason, str(exc))
            else:
                cache[key] = (r.months, r.cost, tuple(s.node for s in r.steps))
        return cache[key]

    avoided: dict[str, tuple[str, ...]] = {}
    held: dict[str, int] = {}
    raw: dict[tuple[str, str], AuditCell] = {}
    for p in pops:
        for node in (*p.holds, *p.avoid):
            if node not in graph:
                raise UnknownNodeError(
                    f"population {p.name!r}: {node!r} is not a node of the graph"
                )
        args = p.route_arguments(graph)
        start = resolve_holdings(graph, p.holds, p.entry)
        avoided[p.name] = args["avoid"]
        held[p.name] = len(start)
        for d in dests:
            fast = best(args, start, d, "months")
            if isinstance(fast[0], str):
                raw[p.name, d] = AuditCell(
                    p.name, d, False, reason=fast[0], detail=fast[1]
                )
                continue
            cheap = best(args, start, d, "cost")
            assert not isinstance(cheap[0], str)  # same constraints, same feasibility
            raw[p.name, d] = AuditCell(
                p.name,
                d,
                True,
                months=fast[0],
                cost=fast[1],
                cheapest_months=cheap[0],
                cheapest_cost=cheap[1],
                steps=fast[2],
            )
    cells: list[AuditCell] = []
    findings: list[str] = []
    for d in dests:
        reach = [p for p in pops if raw[p.name, d].reachable]
        if not any(p.of_concern for p in reach) and any(p.of_concern for p in pops):
            findings.append(d)
        if not reach:
            continue
        base = min(reach, key=lambda p: _baseline_key(p, held[p.name]))
        b = raw[base.name, d]
        for p in reach:
            c = raw[p.name, d]
            assert c.months is not None
            assert c.cheapest_cost is not None
            assert b.months is not None
            assert b.cheapest_cost is not None
            raw[p.name, d] = AuditCell(
                **{
                    **c.__dict__,
                    "baseline": base.name,
                    "extra_months": c.months - b.months,
                    "extra_cost": c.cheapest_cost - b.cheapest_cost,
                }
            )
    for p in pops:
        cells += [raw[p.name, d] for d in dests]
    return Audit(
        title=title,
        populations=pops,
        destinations=dests,
        labels=labels,
        avoided=avoided,
        cells=tuple(cells),
        findings=tuple(sorted(findings)),
        route_calls=calls,
    )


# ---------------------------------------------------------------- chart


#: Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """``text`` safe inside an SVG element or attribute: markup escaped, characters
    XML cannot hold dropped."""
    return html.escape(_NOT_XML.sub("", text))


def _colour(months: float, top: float) -> str:
    """White-blue ramp: 0 months light, ``top`` months dark."""
    t = 0.0 if top <= 0 else min(1.0, months / top)
    light, dark = (222, 235, 247), (8, 48, 107)
    r, g, b = (round(a + (z - a) * t) for a, z in zip(light, dark, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def _svg(a: Audit) -> str:
    esc = _xml_text
    cw, ch, left, top = 96, 34, 190, 150
    width = left + cw * len(a.destinations) + 150  # room for the last label
    height = top + ch * len(a.populations) + 60
    months = [c.months for c in a.cells if c.months is not None]
    top_m = max(months, default=0.0)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f"<title>{esc(a.title or 'pathgraph audit')}</title>",
        f'<text x="10" y="20" font-size="15" font-weight="bold">'
        f"{esc(a.title or 'Audit')}: months of the fastest route</text>",
    ]
    for j, d in enumerate(a.destinations):
        x = left + cw * j + cw / 2
        label = a.labels.get(d, d)
        short = label if len(label) <= 28 else label[:27] + "\u2026"
        flag = " \u26a0" if d in a.findings else ""
        out.append(
            f'<text x="{x:g}" y="{top - 8}" transform="rotate(-40 {x:g} {top - 8})">'
            f"<title>{esc(label)} ({esc(d)})</title>{esc(short)}{flag}</text>"
        )
    for i, p in enumerate(a.populations):
        y = top + ch * i
        star = " *" if p.of_concern else ""
        name = p.name if len(p.name) <= 24 else p.name[:23] + "\u2026"
        out.append(
            f'<text x="10" y="{y + ch / 2 + 4:g}">'
            f"<title>{esc(p.name)}: {esc(p.description)}</title>"
            f"{esc(name)}{star}</text>"
        )
        for j, d in enumerate(a.destinations):
            c = a.cell(p.name, d)
            x = left + cw * j
            if c.reachable and c.months is not None:
                fill = _colour(c.months, top_m)
                ink = "#ffffff" if top_m and c.months / top_m > 0.5 else "#000000"
                tip = (
                    f"{p.name} to {a.labels.get(d, d)}: {c.months:g} months, "
                    f"${c.cost:,.0f}; cheapest ${c.cheapest_cost:,.0f}; "
                    f"{_signed(c.extra_months)} months vs {c.baseline}"
                )
                text = f"{c.months:g}"
            else:
                fill, ink, text = "#d9d9d9", "#7f0000", "\u00d7 no route"
                tip = f"{p.name} to {a.labels.get(d, d)}: no route: {c.detail}"
            out.append(
                f'<g><title>{esc(tip)}</title><rect x="{x}" y="{y}" width="{cw - 2}" '
                f'height="{ch - 2}" fill="{fill}"/><text x="{x + cw / 2 - 1:g}" '
                f'y="{y + ch / 2 + 4:g}" text-anchor="middle" fill="{ink}">'
                f"{esc(text)}</text></g>"
            )
    y = top + ch * len(a.populations) + 24
    out.append(
        f'<text x="10" y="{y}">* population of concern; \u26a0 destination no '
        f"population of concern reaches; darker = more months (max "
        f"{_num(top_m if months else None)})</text>"
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"
