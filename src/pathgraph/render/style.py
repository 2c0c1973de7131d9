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
    "TO_CONFIRM_MARK",
    "EdgeStyle",
    "NodeStyle",
    "edge_style_kind",
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
    "assessment": NodeStyle(
        "hexagon", "database", "#E3F3FC", "#3A93C8", "assessment (exam, licensure...)"
    ),
    # a requirement of its own, drawn small with its rule ("any", "2 of 3", "6 cr")
    "condition": NodeStyle(
        "ellipse", "circle", "#FFFFFF", "#0072B2", "condition (all / any / n of / cr)"
    ),
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
    # drawn kinds that are not relation kinds (see edge_style_kind)
    "option_of": EdgeStyle("solid", "#5A8FBF", "is an option of"),
    "earns": EdgeStyle("dashed", "#009E73", "earns (when met)"),
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

#: The mark on a condition with ``to_confirm`` items (what a person must check: a
#: minimum grade, a score); the items are in its tooltip and card.
TO_CONFIRM_MARK = "✎ to confirm"


def edge_style_kind(kind: str, source_kind: str, target_kind: str) -> str:
    """The key of :data:`EDGE_STYLE` an edge is drawn with.

    A ``requires`` edge into a condition is drawn as ``option_of`` (its source is
    one of the condition's options) and a condition's ``awards`` edge as ``earns``
    (meeting the condition earns the credential); every other edge as its kind.

    Examples
    --------
    >>> edge_style_kind("requires", "course", "condition")
    'option_of'
    >>> edge_style_kind("awards", "condition", "credential")
    'earns'
    >>> edge_style_kind("requires", "condition", "program")
    'requires'
    """
    if kind == "requires" and target_kind == "condition":
        return "option_of"
    if kind == "awards" and source_kind == "condition":
        return "earns"
    return kind
