"""The typed domain model: node records, relation records, the Pathway document.

Re-exports the public names of :mod:`~pathgraph.model.nodes`,
:mod:`~pathgraph.model.relations` and :mod:`~pathgraph.model.pathway` (each module's
``__all__`` is the one list of its names).
"""

from pathgraph.model import nodes as _nodes
from pathgraph.model import pathway as _pathway
from pathgraph.model import relations as _relations
from pathgraph.model.nodes import *  # noqa: F403
from pathgraph.model.pathway import *  # noqa: F403
from pathgraph.model.relations import *  # noqa: F403

__all__ = sorted([*_nodes.__all__, *_pathway.__all__, *_relations.__all__])
