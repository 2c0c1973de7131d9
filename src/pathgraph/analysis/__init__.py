"""Pathway analysis: one module per question.

* :mod:`~pathgraph.analysis.dead_ends`: destinations, dead ends, unreachable nodes;
* :mod:`~pathgraph.analysis.ramps`: on-ramps, off-ramps, re-entry points;
* :mod:`~pathgraph.analysis.stacks`: stackable credential chains.
"""

from pathgraph.analysis.dead_ends import dead_ends, destinations, unreachable
from pathgraph.analysis.ramps import (
    WORKER_FRIENDLY,
    ReEntry,
    off_ramps,
    on_ramps,
    re_entry_points,
)
from pathgraph.analysis.stacks import Chain, stackable_chains

__all__ = [
    "WORKER_FRIENDLY",
    "Chain",
    "ReEntry",
    "dead_ends",
    "destinations",
    "off_ramps",
    "on_ramps",
    "re_entry_points",
    "stackable_chains",
    "unreachable",
]
