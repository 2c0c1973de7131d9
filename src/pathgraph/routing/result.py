"""Route results: :class:`Route` and its :class:`Step` records."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from pathgraph.errors import MissingDependencyError

__all__ = ["Route", "Step"]


def _fmt(x: float) -> str:
    return f"{x:g}"


def _months(x: float) -> str:
    """``"1 month"``, ``"1.5 months"``, ``"0 months"``."""
    return f"{x:g} month" if x == 1 else f"{x:g} months"


def _plain(value: Any) -> Any:
    """A field value as JSON has it: a tuple as a list."""
    return list(value) if isinstance(value, tuple) else value


@dataclass(frozen=True)
class Step:
    """One move of a route.

    Attributes
    ----------
    node : str
        The node acquired (program completed, course taken, assessment passed,
        condition met, credential stacked, occupation entered).
    action : str
        ``complete``, ``take``, ``pass``, ``meet`` (a condition met that earns a
        credential; a condition that earns nothing is not a step), ``stack``,
        ``hired`` or ``advance``.
    label : str
        The node's label.
    months, cost : float
        This step's duration and cost (articulation savings applied).
    total_months, total_cost : float
        Running totals after this step.
    earns : tuple of str
        Credentials the step awards that were not held before (a program
        completed, an assessment passed, a condition met).
    via : str or None
        Source of the ``stacks_into`` / ``advances_to`` edge used.
    satisfies : tuple of str
        The requirement groups of ``node`` the step meets, as text.
    services : tuple of str
        Labels of the services with a ``supports`` edge to ``node``.
    wage : float or None
        ``wage_median`` of the occupation entered (``hired``/``advance``).
    credited_by : tuple of str
        Held sources of ``articulates_to`` edges that shortened this step.
    counts_toward : tuple of str
        Ids of the later route nodes whose requirement this step counts toward
        (see :mod:`pathgraph.routing.sheet`): the conditions, programs,
        credentials or occupations whose groups list the step's node or what it
        earns, following conditions that are not steps up to the next step.
    opens, opens_ids : tuple of str
        The jobs that open at this step (see :mod:`pathgraph.routing.sheet`):
        occupations the person can now be hired into, best paid first, as
        ``"label [id]: median wage $w"`` and as ids.
    aid : float
        What services with an ``amount`` pay toward this step's cost.
    aid_from : tuple of str
        Who pays it, as ``"label: $x"``.
    provider : tuple of str
        Who offers the step, with contacts: ``"label (address; phone; email;
        website)"``.
    starts : tuple of str
        Upcoming start dates (ISO), then ``"at <location>"`` when recorded.
    """

    node: str
    action: str
    label: str
    months: float
    cost: float
    total_months: float
    total_cost: float
    earns: tuple[str, ...] = ()
    via: str | None = None
    satisfies: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    wage: float | None = None
    credited_by: tuple[str, ...] = ()
    counts_toward: tuple[str, ...] = ()
    opens: tuple[str, ...] = ()
    opens_ids: tuple[str, ...] = ()
    aid: float = 0.0
    aid_from: tuple[str, ...] = ()
    provider: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The step as a plain dict (JSON-ready): every field, in order, tuples
        as lists."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}

    def __str__(self) -> str:
        return self.text()

    def text(self, steps: Mapping[str, int] | None = None) -> str:
        """The step as one line; with ``steps`` (route node id -> step number), what
        it counts toward is said as step numbers, leaving out the conditions met on
        the way (they are not steps), else as ids.

        Examples
        --------
        >>> s = Step("net-110", "take", "Networking I", 4, 450, 4, 450,
        ...          counts_toward=("cond:1", "aplus-exam"))
        >>> s.text({"net-110": 1, "aplus-exam": 2})
        'take Networking I [net-110]: 4 months, $450; counts toward step 2'
        """
        if self.action == "meet":
            earned = ", ".join(self.earns) or self.node
            text = f"earn {earned} by meeting {self.label} [{self.node}]"
        else:
            text = f"{self.action} {self.label} [{self.node}]"
            if self.via:
                text += f" from {self.via}"
            text += f": {_months(self.months)}, ${self.cost:,.0f}"
            if self.earns:
                text += f"; earns {', '.join(self.earns)}"
        if self.wage is not None:
            text += f"; median wage ${self.wage:,.0f}"
        if self.credited_by:
            text += f"; credit from {', '.join(self.credited_by)}"
        if self.services:
            text += f"; supports: {'; '.join(self.services)}"
        if steps is None:
            toward = list(self.counts_toward)
        else:
            numbers = sorted({steps[c] for c in self.counts_toward if c in steps})
            toward = [f"step{'s' * (len(numbers) > 1)} {', '.join(map(str, numbers))}"]
            toward = toward if numbers else []
        if toward:
            text += f"; counts toward {', '.join(toward)}"
        if self.aid:
            text += f"; aid ${self.aid:,.0f} ({'; '.join(self.aid_from)})"
        if self.starts:
            text += f"; starts {', '.join(self.starts)}"
        if self.provider:
            text += f"; offered by {'; '.join(self.provider)}"
        if self.opens:
            text += f"; jobs open now: {'; '.join(self.opens)}"
        return text


@dataclass(frozen=True)
class Route:
    """A plan from what a learner holds to a goal.

    Attributes
    ----------
    goal : str
        The goal node reached.
    steps : tuple of Step
        The moves, in order.
    months, cost : float
        Totals (steps are sequential: months add up).
    weight : float
        Total under the weight the route was searched with.
    holds_before, holds_after : tuple of str
        Sorted node ids held at the start and at the end.
    wage_before, wage_after : float or None
        Highest ``wage_median`` among occupations held at the start / end.
    optimal : bool
        True when the search proved the route optimal under its weight.
    nodes : tuple of str
        Ordered ids of the route's nodes (each step's node, then what it earns).
    to_confirm : tuple of str
        ``"condition label: text"`` for each ``to_confirm`` text of the conditions
        met along the route: counted as met for planning, to be checked by a person
        (a minimum grade, a score).
    aid, net_cost : float
        What aid pays along the route (services with an ``amount``, see
        :mod:`pathgraph.routing.sheet`), and ``cost`` less that.
    assumes : tuple of str
        What the route takes for granted that the pathway does not say: a job
        nothing leads into, taken as open to anyone; a program or course that does
        not record what ``only`` asks about (its schedule, its modality), kept.
    """

    goal: str
    steps: tuple[Step, ...]
    months: float
    cost: float
    weight: float
    holds_before: tuple[str, ...]
    holds_after: tuple[str, ...]
    wage_before: float | None
    wage_after: float | None
    optimal: bool
    nodes: tuple[str, ...] = field(default=())
    to_confirm: tuple[str, ...] = field(default=())
    aid: float = 0.0
    net_cost: float | None = None
    assumes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.net_cost is None:  # a route built without aid: net is the cost
            object.__setattr__(self, "net_cost", self.cost - self.aid)

    def to_dict(self) -> dict[str, Any]:
        """The route as a plain dict (JSON-ready, deterministic)."""
        return {
            "goal": self.goal,
            "months": self.months,
            "cost": self.cost,
            "weight": self.weight,
            "optimal": self.optimal,
            "wage_before": self.wage_before,
            "wage_after": self.wage_after,
            "holds_before": list(self.holds_before),
            "holds_after": list(self.holds_after),
            "nodes": list(self.nodes),
            "to_confirm": list(self.to_confirm),
            "aid": self.aid,
            "net_cost": self.net_cost,
            "assumes": list(self.assumes),
            "steps": [s.to_dict() for s in self.steps],
        }

    def to_frame(self) -> Any:
        """The steps as a pandas DataFrame (one row per step)."""
        # lazy: optional dependency (pandas)
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - pandas is installed in dev
            raise MissingDependencyError(
                "Route.to_frame needs pandas: pip install pandas"
            ) from exc
        return pd.DataFrame([s.to_dict() for s in self.steps])

    def __str__(self) -> str:
        net = "" if not self.aid else f" (${self.net_cost or 0:,.0f} after aid)"
        n = len(self.steps)
        head = (
            f"Route to {self.goal}: {n} step{'s' * (n != 1)}, "
            f"{_months(self.months)}, ${self.cost:,.0f}{net}"
            + ("" if self.optimal else " (not proven optimal)")
        )
        lines = [head]
        number: dict[str, int] = {}
        for i, s in enumerate(self.steps, 1):
            for ident in (s.node, *s.earns):
                number.setdefault(ident, i)
        for i, s in enumerate(self.steps, 1):
            lines.append(f"  {i}. {s.text(number)}")
        if self.wage_before is not None or self.wage_after is not None:
            before = "none" if self.wage_before is None else f"${self.wage_before:,.0f}"
            after = "none" if self.wage_after is None else f"${self.wage_after:,.0f}"
            lines.append(f"  wage: {before} -> {after}")
        if self.to_confirm:
            lines.append("  to confirm:")
            lines.extend(f"    - {t}" for t in self.to_confirm)
        if self.assumes:
            lines.append("  assumes:")
            lines.extend(f"    - {t}" for t in self.assumes)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        rows = "".join(
            "<tr>"
            f"<td>{i}</td><td>{e(s.action)}</td><td>{e(s.label)}</td>"
            f"<td>{e(_fmt(s.months))}</td><td>{e(f'${s.cost:,.0f}')}</td>"
            f"<td>{e(_fmt(s.total_months))}</td>"
            f"<td>{e(f'${s.total_cost:,.0f}')}</td>"
            f"<td>{'' if s.wage is None else e(f'${s.wage:,.0f}')}</td>"
            f"<td>{e('; '.join(s.services))}</td>"
            f"<td>{e(', '.join(s.counts_toward))}</td>"
            "</tr>"
            for i, s in enumerate(self.steps, 1)
        )
        cap = (
            f"Route to {e(self.goal)}: {e(_months(self.months))}, "
            f"{e(f'${self.cost:,.0f}')}"
            + ("" if self.optimal else " (not proven optimal)")
        )
        confirm = ""
        if self.to_confirm:
            items = "".join(f"<li>{e(t)}</li>" for t in self.to_confirm)
            confirm = f"<p>To confirm:</p><ul>{items}</ul>"
        return (
            f"<table><caption>{cap}</caption><thead><tr><th>#</th><th>action</th>"
            "<th>step</th><th>months</th><th>cost</th><th>total months</th>"
            "<th>total cost</th><th>wage</th><th>supports</th>"
            "<th>counts toward</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>{confirm}"
        )
