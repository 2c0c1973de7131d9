"""Readiness self-assessment of a career pathway system (``pathgraph assess``).

Items are organised by the six key elements of the US DOL Career Pathways Toolkit
(:data:`ELEMENTS`) and listed once, in :data:`ITEMS`; :func:`assess` scores each
from the pathway's records or marks it "needs your answer".

Examples
--------
>>> import pathgraph
>>> from pathgraph.readiness import assess
>>> a = assess(pathgraph.load_example("manufacturing"))
>>> [(e.element, e.points, e.possible) for e in a.elements]
[(1, 4, 6), (2, 5, 6), (3, 6, 8), (4, 3, 4), (5, 4, 4), (6, 1, 2)]
"""

from __future__ import annotations

from pathgraph.readiness import items as _items  # noqa: F401  (registers the items)
from pathgraph.readiness.registry import (
    ELEMENTS,
    ITEMS,
    SCORE_TEXT,
    SCORES,
    Item,
)
from pathgraph.readiness.report import (
    ElementScore,
    ItemResult,
    Readiness,
    assess,
    markdown_table,
)

__all__ = [
    "ELEMENTS",
    "ITEMS",
    "SCORES",
    "SCORE_TEXT",
    "ElementScore",
    "Item",
    "ItemResult",
    "Readiness",
    "assess",
    "markdown_table",
]
