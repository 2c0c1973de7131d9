"""The check rules, their findings, and :func:`check`.

Each rule has a stable code, a slug, a severity, and a text saying why it matters and
how to fix it (:data:`RULES`; documented in ``docs/rules.md``). :func:`check` runs
them over a graph and returns a :class:`Report`.

Codes: ``PG1xx`` structure (can people get through?), ``PG2xx`` ramps and stacks (can
people get on, off and back on?), ``PG3xx`` labour market (does each step pay?).

The package: :mod:`~pathgraph.checks.registry` (:class:`Rule`, the :func:`rule
<pathgraph.checks.registry.rule>` decorator, :data:`RULES`),
:mod:`~pathgraph.checks.report` (:class:`Finding`, :class:`Report`), and one module
per family of rules, each rule written next to its code, why and fix:
:mod:`~pathgraph.checks.structure` (PG101-PG105), :mod:`~pathgraph.checks.curricula`
(PG106-PG108), :mod:`~pathgraph.checks.conditions` (PG109, PG110),
:mod:`~pathgraph.checks.ramps` (PG201, PG203, PG204),
:mod:`~pathgraph.checks.stacks` (PG202) and :mod:`~pathgraph.checks.labor` (PG301).
"""

from __future__ import annotations

import importlib
from collections.abc import Collection, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from pathgraph._gc import no_gc
from pathgraph.errors import GraphContractError
from pathgraph.model import Pathway

if TYPE_CHECKING:
    import networkx as nx

    from pathgraph.checks._context import _Context
    from pathgraph.checks.registry import RULES, Rule
    from pathgraph.checks.report import Finding, Report
    from pathgraph.errors import Location

__all__ = ["RULES", "Finding", "Report", "Rule", "check"]

#: The rule families: each registers its rules in :data:`RULES` when imported.
#: They (and NumPy, which they run on) load when a check runs or :data:`RULES` is
#: read, not at ``import pathgraph.checks``, which the command line does for
#: ``--help``.
_FAMILIES = ("conditions", "curricula", "labor", "ramps", "stacks", "structure")

_HOMES = {
    "RULES": "pathgraph.checks.registry",
    "Rule": "pathgraph.checks.registry",
    "Finding": "pathgraph.checks.report",
    "Report": "pathgraph.checks.report",
}


def __getattr__(name: str) -> Any:
    """``RULES``, ``Rule``, ``Finding``, ``Report`` on first use (PEP 562);
    ``RULES`` with every family registered."""
    if name not in _HOMES:
        raise AttributeError(f"module 'pathgraph.checks' has no attribute {name!r}")
    if name == "RULES":
        _load_families()
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


def _load_families() -> None:
    for family in _FAMILIES:
        importlib.import_module(f"pathgraph.checks.{family}")


def check(
    G: nx.MultiDiGraph | Pathway,
    *,
    rules: Collection[str] | None = None,
    ignore: Collection[str] = (),
    holds_for_on_ramps: Collection[str] = ("abe",),
) -> Report:
    """Check a pathway against every rule (or those selected) and report findings.

    The graph contract is checked first (:func:`pathgraph.validate_graph`). Then each
    rule in :data:`RULES` runs; see ``docs/rules.md`` for what each looks for, why it
    matters and how to fix it. A record's ``ignore`` attribute (a list of codes or
    slugs) suppresses those rules' findings on it, like ``# noqa``.

    Parameters
    ----------
    G
        A pathway graph (any MultiDiGraph following the contract) or a Pathway.
    rules
        Rule codes, slugs or code prefixes to run (default: all).
    ignore
        Rule codes, slugs or code prefixes not to run.
    holds_for_on_ramps
        The entry presets the ``no-low-skill-on-ramp`` rule checks (any of
        :data:`pathgraph.ENTRY_PRESETS`; ``esl`` needs an open program that
        serves ``esl`` or is ``iet``).

    Returns
    -------
    Report

    Raises
    ------
    pathgraph.GraphContractError
        When the graph breaks the contract (missing or unknown kinds, bad numbers).

    Examples
    --------
    >>> import pathgraph
    >>> report = pathgraph.check(pathgraph.load_example("bht"))
    >>> [(f.code, f.rule, f.node) for f in report.findings]
    [('PG202', 'stack-without-off-ramp', 'bht-advanced')]
    >>> report.exit_code
    0
    """
    # lazy: start-up time; NumPy, the index and the rules load when a check runs
    from pathgraph.analysis._core import as_graph, index
    from pathgraph.checks._context import _Context
    from pathgraph.checks.registry import RULES, RUNS, SEVERITY_RANK, resolve
    from pathgraph.checks.report import Report

    _load_families()
    located = G.locations if isinstance(G, Pathway) else {}
    G = as_graph(G)
    selected = resolve(rules) or set(RUNS)
    selected -= resolve(ignore) or set()
    with no_gc():
        ix = index(G)
        if ix.problems:
            raise GraphContractError(ix.problems, source="graph")
        ctx = _Context(ix, tuple(holds_for_on_ramps))
        ordered = tuple(r for r in RULES.values() if r.slug in selected)
        findings = [f for r in ordered for f in _findings(r, ctx, located)]
    findings.sort(
        key=lambda f: (SEVERITY_RANK[f.severity], f.code, f.node or "", f.message)
    )
    title = str(G.graph.get("title", ""))
    return Report(tuple(findings), title, tuple(r.slug for r in ordered))


def _findings(
    rule: Rule, ctx: _Context, located: Mapping[str, Location]
) -> Iterator[Finding]:
    """The findings of one rule, less those its nodes' ``ignore`` suppresses."""
    # lazy: start-up time; see check
    from pathgraph.checks.registry import RUNS
    from pathgraph.checks.report import Finding

    ix = ctx.ix
    for node, message in RUNS[rule.slug](ctx):
        if node is None:
            yield Finding(rule.code, rule.slug, rule.severity, None, message, rule.fix)
            continue
        suppressed = ix.attrs[node].get("ignore") or ()
        if rule.code in suppressed or rule.slug in suppressed:
            continue
        yield Finding(
            rule.code,
            rule.slug,
            rule.severity,
            ix.id(node),
            message,
            rule.fix,
            ix.label(node),
            located.get(ix.id(node)),
        )
