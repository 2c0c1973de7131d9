"""pathgraph: career pathways as typed graphs.

Read a pathway, build its graph, analyse it, find routes, draw maps::

    >>> import pathgraph
    >>> p = pathgraph.read("examples/bht.yaml")
    >>> G = pathgraph.to_graph(p)
    >>> G.nodes["bht-assoc"]["kind"]
    'credential'
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version

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
from pathgraph.checks import RULES, Finding, Report, Rule, check
from pathgraph.enrichment import EnrichReport, enrich
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
from pathgraph.examples import load_example
from pathgraph.graph import from_graph, nodes_of_kind, progression_view, to_graph
from pathgraph.io import read, write
from pathgraph.labor import GapAnalysis, WageProgression, gap_analysis, wage_progression
from pathgraph.model import (
    Agreement,
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
from pathgraph.requirements import (
    ENTRY_PRESETS,
    RequirementGroup,
    requirement_groups,
    requirements_met,
)
from pathgraph.routing import Route, Step, pareto_routes, route, routes
from pathgraph.stats import Summary, summary
from pathgraph.validate import validate_graph

try:
    __version__ = _version("pathgraph")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "ENTRY_PRESETS",
    "RULES",
    "Agreement",
    "ArgumentError",
    "Chain",
    "Course",
    "Credential",
    "CurricularMetrics",
    "EnrichReport",
    "Finding",
    "FormatError",
    "GapAnalysis",
    "GraphContractError",
    "Location",
    "MissingDependencyError",
    "NoRouteError",
    "Node",
    "Occupation",
    "PathgraphError",
    "Pathway",
    "Problem",
    "Program",
    "Provider",
    "ReEntry",
    "Relation",
    "RenderError",
    "Report",
    "RequirementGroup",
    "Route",
    "Rule",
    "SearchLimitError",
    "Service",
    "Step",
    "Summary",
    "UnfeasibleError",
    "UnknownNodeError",
    "ValidationError",
    "WageProgression",
    "__version__",
    "check",
    "curricular_metrics",
    "dead_ends",
    "destinations",
    "enrich",
    "from_graph",
    "gap_analysis",
    "load_example",
    "nodes_of_kind",
    "off_ramps",
    "on_ramps",
    "pareto_routes",
    "preset_holdings",
    "progression_view",
    "re_entry_points",
    "read",
    "render",
    "requirement_groups",
    "requirements_met",
    "route",
    "routes",
    "stackable_chains",
    "summary",
    "to_graph",
    "unreachable",
    "validate_graph",
    "wage_progression",
    "write",
]


def __dir__() -> list[str]:
    return list(__all__)
