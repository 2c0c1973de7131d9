"""pathgraph: career pathways as typed graphs.

Read a pathway, build its graph, analyse it, find routes, draw maps::

    >>> import pathgraph
    >>> p = pathgraph.read("examples/bht.yaml")
    >>> G = pathgraph.to_graph(p)
    >>> G.nodes["bht-assoc"]["kind"]
    'credential'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pathgraph.errors import (
    ArgumentError,
    FormatError,
    GraphContractError,
    Location,
    MissingDependencyError,
    NoRouteError,
    PathgraphError,
    Problem,
    RenderError,
    SearchLimitError,
    UnfeasibleError,
    UnknownNodeError,
    ValidationError,
)
from pathgraph.model.pathway import Pathway as _Pathway
from pathgraph.model.pathway import register_display as _register_display

if TYPE_CHECKING:
    from pathgraph import render
    from pathgraph.analysis import (
        Chain,
        ReEntry,
        dead_ends,
        destinations,
        off_ramps,
        on_ramps,
        re_entry_points,
        stackable_chains,
        unreachable,
    )
    from pathgraph.analysis._core import preset_holdings
    from pathgraph.analysis.curricular import CurricularMetrics, curricular_metrics
    from pathgraph.changes import Diff, diff
    from pathgraph.checks import RULES, Finding, Report, Rule, check
    from pathgraph.enrichment import EnrichReport, enrich
    from pathgraph.examples import load_example
    from pathgraph.graph import from_graph, nodes_of_kind, progression_view, to_graph
    from pathgraph.io import read, write
    from pathgraph.labor import (
        GapAnalysis,
        WageProgression,
        gap_analysis,
        wage_progression,
    )
    from pathgraph.measures import (
        Measures,
        Outcome,
        StepMeasures,
        measure,
        read_outcomes,
        synthetic_outcomes,
    )
    from pathgraph.model import (
        Agreement,
        Assessment,
        Condition,
        Course,
        Credential,
        Node,
        Occupation,
        Pathway,
        Program,
        Provider,
        Relation,
        Service,
    )
    from pathgraph.populations import (
        BUILTIN_POPULATIONS,
        Audit,
        AuditCell,
        Population,
        audit,
        parse_populations,
        read_populations,
    )
    from pathgraph.readiness import ElementScore, ItemResult, Readiness, assess
    from pathgraph.requirements import (
        ENTRY_PRESETS,
        RequirementGroup,
        requirement_groups,
        requirements_met,
    )
    from pathgraph.routing import (
        Route,
        Step,
        best_earnings,
        pareto_routes,
        route,
        route_earnings,
        routes,
    )
    from pathgraph.stats import Summary, summary
    from pathgraph.validate import validate_graph

    __version__: str

#: Where each public name lives. ``import pathgraph`` loads only the errors and the
#: model (whose Pathway gets its notebook display below); :func:`__getattr__`
#: imports a name's module the first time the name is used (PEP 562), so that
#: ``import pathgraph`` and ``pathgraph --help`` do not pay for NumPy, SciPy, the
#: renderers or the readers. The ``TYPE_CHECKING`` imports above say the same for
#: type checkers and IDEs (tests/test_startup.py checks that they agree).
_HOMES: dict[str, tuple[str, ...]] = {
    "pathgraph.analysis": (
        "Chain",
        "ReEntry",
        "dead_ends",
        "destinations",
        "off_ramps",
        "on_ramps",
        "re_entry_points",
        "stackable_chains",
        "unreachable",
    ),
    "pathgraph.analysis._core": ("preset_holdings",),
    "pathgraph.analysis.curricular": ("CurricularMetrics", "curricular_metrics"),
    "pathgraph.checks": ("RULES", "Finding", "Report", "Rule", "check"),
    "pathgraph.enrichment": ("EnrichReport", "enrich"),
    "pathgraph.examples": ("load_example",),
    "pathgraph.graph": ("from_graph", "nodes_of_kind", "progression_view", "to_graph"),
    "pathgraph.io": ("read", "write"),
    "pathgraph.labor": (
        "GapAnalysis",
        "WageProgression",
        "gap_analysis",
        "wage_progression",
    ),
    "pathgraph.model": (
        "Agreement",
        "Assessment",
        "Condition",
        "Course",
        "Credential",
        "Node",
        "Occupation",
        "Pathway",
        "Program",
        "Provider",
        "Relation",
        "Service",
    ),
    "pathgraph.requirements": (
        "ENTRY_PRESETS",
        "RequirementGroup",
        "requirement_groups",
        "requirements_met",
    ),
    "pathgraph.routing": (
        "Route",
        "Step",
        "best_earnings",
        "pareto_routes",
        "route",
        "route_earnings",
        "routes",
    ),
    "pathgraph.changes": ("Diff", "diff"),
    "pathgraph.measures": (
        "Measures",
        "Outcome",
        "StepMeasures",
        "measure",
        "read_outcomes",
        "synthetic_outcomes",
    ),
    "pathgraph.populations": (
        "BUILTIN_POPULATIONS",
        "Audit",
        "AuditCell",
        "Population",
        "audit",
        "parse_populations",
        "read_populations",
    ),
    "pathgraph.readiness": ("ElementScore", "ItemResult", "Readiness", "assess"),
    "pathgraph.stats": ("Summary", "summary"),
    "pathgraph.validate": ("validate_graph",),
}
_LAZY: dict[str, str] = {
    name: module for module, names in _HOMES.items() for name in names
}

__all__ = [
    "BUILTIN_POPULATIONS",
    "ENTRY_PRESETS",
    "RULES",
    "Agreement",
    "ArgumentError",
    "Assessment",
    "Audit",
    "AuditCell",
    "Chain",
    "Condition",
    "Course",
    "Credential",
    "CurricularMetrics",
    "Diff",
    "ElementScore",
    "EnrichReport",
    "Finding",
    "FormatError",
    "GapAnalysis",
    "GraphContractError",
    "ItemResult",
    "Location",
    "Measures",
    "MissingDependencyError",
    "NoRouteError",
    "Node",
    "Occupation",
    "Outcome",
    "PathgraphError",
    "Pathway",
    "Population",
    "Problem",
    "Program",
    "Provider",
    "ReEntry",
    "Readiness",
    "Relation",
    "RenderError",
    "Report",
    "RequirementGroup",
    "Route",
    "Rule",
    "SearchLimitError",
    "Service",
    "Step",
    "StepMeasures",
    "Summary",
    "UnfeasibleError",
    "UnknownNodeError",
    "ValidationError",
    "WageProgression",
    "__version__",
    "assess",
    "audit",
    "best_earnings",
    "check",
    "curricular_metrics",
    "dead_ends",
    "destinations",
    "diff",
    "enrich",
    "from_graph",
    "gap_analysis",
    "load_example",
    "measure",
    "nodes_of_kind",
    "off_ramps",
    "on_ramps",
    "pareto_routes",
    "parse_populations",
    "preset_holdings",
    "progression_view",
    "re_entry_points",
    "read",
    "read_outcomes",
    "read_populations",
    "render",
    "requirement_groups",
    "requirements_met",
    "route",
    "route_earnings",
    "routes",
    "stackable_chains",
    "summary",
    "synthetic_outcomes",
    "to_graph",
    "unreachable",
    "validate_graph",
    "wage_progression",
    "write",
]


def __getattr__(name: str) -> Any:
    """Resolve a public name on first use, then keep it (PEP 562)."""
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    elif name == "render":
        value = importlib.import_module("pathgraph.render")
    elif name == "__version__":
        value = _package_version()
    else:
        raise AttributeError(f"module 'pathgraph' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__all__)


def _package_version() -> str:
    """The installed version, from the package metadata (pyproject.toml's
    ``version``, written nowhere else)."""
    # lazy: start-up time; importlib.metadata scans the installed distributions
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pathgraph")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def _pathway_html(pathway: _Pathway) -> str:
    """``Pathway._repr_html_``: the summary and map of
    :func:`pathgraph.render.notebook.pathway_html`, whose renderers load on the
    first display rather than at ``import pathgraph``."""
    # lazy: start-up time; Graphviz and the map styles load on the first display
    from pathgraph.render.notebook import pathway_html

    return pathway_html(pathway)


_register_display("html", _pathway_html)
