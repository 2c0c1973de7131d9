"""The one style table every renderer uses: shapes, colours and fonts per kind.

Colours are the Okabe-Ito palette (distinguishable with the common forms of colour
blindness), used as a light fill with a strong border so that black text stays
readable.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "EDGE_STYLE",
    "FONT",
    "NODE_STYLE",
    "SEVERITY_COLOR",
    "EdgeStyle",
    "NodeStyle",
]

FONT = "Helvetica,Arial,sans-serif"


@dataclass(frozen=True)
class NodeStyle:
    """How a node kind is drawn."""

    shape: str  # Graphviz shape
    vis_shape: str  # vis-network shape
    fill: str
    border: str
    title: str  # legend text


@dataclass(frozen=True)
class EdgeStyle:
    """How a relation kind is drawn."""

    style: str  # solid, dashed, dotted, bold
    color: str
    title: str


NODE_STYLE: dict[str, NodeStyle] = {
    "program": NodeStyle("box", "box", "#D6ECFA", "#0072B2", "program"),
    "credential": NodeStyle("note", "box", "#D1F0E4", "#009E73", "credential"),
    "occupation": NodeStyle("box", "ellipse", "#FCE8C3", "#E69F00", "occupation"),
    "course": NodeStyle("box", "box", "#EEEEEE", "#777777", "course"),
    "provider": NodeStyle("house", "triangle", "#F2DDEA", "#CC79A7", "provider"),
    "service": NodeStyle("cds", "diamond", "#FDF6C3", "#B5A300", "support service"),
    "agreement": NodeStyle("folder", "square", "#E8E8E8", "#555555", "agreement"),
    # a summary box standing for a folded group of records (render/folding.py)
    "group": NodeStyle("box3d", "box", "#FFFFFF", "#444444", "folded group"),
}
#: Rounded corners for these kinds.
ROUNDED = frozenset({"program", "occupation", "course"})

EDGE_STYLE: dict[str, EdgeStyle] = {
    "awards": EdgeStyle("solid", "#009E73", "awards"),
    "requires": EdgeStyle("dashed", "#0072B2", "is required by"),
    "qualifies_for": EdgeStyle("solid", "#E69F00", "qualifies for"),
    "stacks_into": EdgeStyle("bold", "#009E73", "stacks into"),
    "articulates_to": EdgeStyle("dotted", "#56B4E9", "articulates to"),
    "advances_to": EdgeStyle("bold", "#D55E00", "advances to"),
    "offered_by": EdgeStyle("dotted", "#999999", "offered by"),
    "supports": EdgeStyle("dotted", "#B5A300", "supports"),
    "party_to": EdgeStyle("dotted", "#999999", "party to"),
    "prerequisite_of": EdgeStyle("solid", "#777777", "prerequisite of"),
    "corequisite_of": EdgeStyle("dashed", "#777777", "corequisite of"),
    "part_of": EdgeStyle("dotted", "#BBBBBB", "part of"),
    "related_to": EdgeStyle("dotted", "#BBBBBB", "related to"),
}

SEVERITY_COLOR: dict[str, str] = {
    "error": "#C0392B",
    "warning": "#D55E00",
    "info": "#0072B2",
}
FADED_FILL = "#F4F4F4"
FADED_LINE = "#C8C8C8"
ROUTE_COLOR = "#111111"
HIGHLIGHT_COLOR = "#7B2CBF"
