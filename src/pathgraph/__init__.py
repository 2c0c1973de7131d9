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

from pathgraph.errors import (
    FormatError,
    GraphContractError,
    MissingDependencyError,
    NoRouteError,
    PathgraphError,
    Problem,
    UnfeasibleError,
    ValidationError,
)
from pathgraph.examples import load_example
from pathgraph.graph import (
    from_graph,
    nodes_of_kind,
    progression_view,
    to_graph,
    validate_graph,
)
from pathgraph.io import read, write
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
    preset_holdings,
    requirement_groups,
    requirements_met,
)
from pathgraph.summary import Summary, summary

try:
    __version__ = _version("pathgraph")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "ENTRY_PRESETS",
    "Agreement",
    "Course",
    "Credential",
    "FormatError",
    "GraphContractError",
    "MissingDependencyError",
    "NoRouteError",
    "Node",
    "Occupation",
    "PathgraphError",
    "Pathway",
    "Problem",
    "Program",
    "Provider",
    "Relation",
    "RequirementGroup",
    "Service",
    "Summary",
    "UnfeasibleError",
    "ValidationError",
    "__version__",
    "from_graph",
    "load_example",
    "nodes_of_kind",
    "preset_holdings",
    "progression_view",
    "read",
    "requirement_groups",
    "requirements_met",
    "summary",
    "to_graph",
    "validate_graph",
    "write",
]


def __dir__() -> list[str]:
    return list(__all__)
