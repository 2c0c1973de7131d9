"""The map of a change: the new pathway with what changed marked.

Added records and relations are drawn green, changed ones amber, removed ones dashed
grey (they are kept on the map where they were); everything else is faded. Shapes
are the pathway map's (:data:`pathgraph.render.style.NODE_STYLE`) and every text goes
through the map's escaping (:func:`pathgraph.render.graphviz.dot_quote`): labels are
user data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pathgraph.errors import ArgumentError
from pathgraph.render.folding import reserve
from pathgraph.render.graphviz import dot_quote, render_dot
from pathgraph.render.style import FADED_FILL, FADED_LINE, FONT, NODE_STYLE
from pathgraph.render.words import dot_language, tr

if TYPE_CHECKING:
    import networkx as nx

    from pathgraph.changes.result import Diff, EdgeKey, FieldChange

__all__ = ["STATUS_STYLE", "diff_dot", "diff_svg"]

#: How each status is drawn: (border / line colour, fill, line style, pen width).
STATUS_STYLE: dict[str, tuple[str, str, str, float]] = {
    "added": ("#1B7F3B", "#D9F2DF", "solid", 2.5),
    "changed": ("#B26B00", "#FFE3A8", "solid", 2.5),
    "removed": ("#9E9E9E", "#FFFFFF", "dashed", 1.5),
    "same": (FADED_LINE, FADED_FILL, "solid", 1.0),
}


def _status_of_nodes(d: Diff) -> dict[str, str]:
    out = dict.fromkeys(d.records_added, "added")
    out.update(dict.fromkeys(d.records_removed, "removed"))
    out.update({r.id: "changed" for r in d.records_changed})
    return out


def _status_of_edges(d: Diff) -> dict[EdgeKey, str]:
    out = dict.fromkeys(d.relations_added, "added")
    out.update(dict.fromkeys(d.relations_removed, "removed"))
    out.update({r.key: "changed" for r in d.relations_changed})
    return out


def _tooltip(status: str, fields: tuple[FieldChange, ...]) -> str:
    lines = [tr(status)] + [str(f) for f in fields]
    return "\n".join(lines)


def _attrs(items: Mapping[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in items.items())


def _node_line(
    n: str, attrs: Mapping[str, Any], status: str, fields: tuple[FieldChange, ...]
) -> str:
    kind = str(attrs.get("kind", ""))
    style = NODE_STYLE.get(kind, NODE_STYLE["group"])
    line, fill, dash, width = STATUS_STYLE[status]
    label = str(attrs.get("label", n))
    if status == "changed":
        names = ", ".join(f.field for f in fields)
        label += f"\n({tr('changed')}: {names})"
    elif status != "same":
        label += f"\n({tr(status)})"
    styles = ["filled", dash]
    if style.shape == "box":
        styles.append("rounded")
    items = {
        "label": dot_quote(label),
        "shape": style.shape,
        "style": dot_quote(",".join(styles)),
        "color": dot_quote(line),
        "fillcolor": dot_quote(fill),
        "penwidth": f"{width:g}",
        "tooltip": dot_quote(_tooltip(status, fields) if fields else tr(status)),
    }
    if status == "removed":
        items["fontcolor"] = dot_quote(line)
    return f"  {dot_quote(n)} [{_attrs(items)}];"


def _edge_line(key: EdgeKey, status: str, fields: tuple[FieldChange, ...]) -> str:
    line, _, dash, width = STATUS_STYLE[status]
    items = {
        "color": dot_quote(line),
        "style": dash,
        "penwidth": f"{width:g}",
        "tooltip": dot_quote(
            f"{key[2]} ({tr(status)})" + "".join(f"\n{f}" for f in fields)
        ),
    }
    if status != "same":
        items["label"] = dot_quote(key[2])
        items["fontcolor"] = dot_quote(line)
    return f"  {dot_quote(key[0])} -> {dot_quote(key[1])} [{_attrs(items)}];"


def _legend(taken: set[str]) -> list[str]:
    lines = [
        "  subgraph cluster_legend {",
        f'    graph [label={dot_quote(tr("Legend"))}, color="#CCCCCC"];',
    ]
    for status in ("added", "changed", "removed"):
        line, fill, dash, width = STATUS_STYLE[status]
        node = reserve(f"legend {status}", taken)
        lines.append(
            f"    {dot_quote(node)} [label={dot_quote(tr(status))}, "
            f'shape=box, style="filled,{dash}", color={dot_quote(line)}, '
            f"fillcolor={dot_quote(fill)}, penwidth={width:g}];"
        )
    lines.append("  }")
    return lines


def diff_dot(d: Diff, *, legend: bool = True) -> str:
    """The DOT text of the change's map.

    The new version's records and relations, plus the old version's removed ones;
    records are drawn with the attributes of the version they are in (the new one
    when in both). The map's own words are in the new version's language
    (``G.graph["lang"]``, see :func:`pathgraph.render.words.tr`).

    Raises
    ------
    pathgraph.ArgumentError
        When ``d`` carries no graphs (not built by :func:`pathgraph.diff`).

    Examples
    --------
    >>> import networkx as nx
    >>> from pathgraph.changes import diff
    >>> G0 = nx.MultiDiGraph()
    >>> G0.add_node("p", kind="program", label="Welding", months=6)
    >>> G1 = G0.copy()
    >>> G1.add_node("c", kind="credential", label='AWS "D1.1"')
    >>> _ = G1.add_edge("p", "c", kind="awards")
    >>> dot = diff_dot(diff(G0, G1, analyses=False))
    >>> print([line for line in dot.splitlines() if line.startswith('  "c"')][0])
    ... # doctest: +NORMALIZE_WHITESPACE
      "c" [label="AWS \\"D1.1\\"\\n(added)", shape=note, style="filled,solid",
      color="#1B7F3B", fillcolor="#D9F2DF", penwidth=2.5, tooltip="added"];
    """
    G0: nx.MultiDiGraph | None = d.old_graph
    G1: nx.MultiDiGraph | None = d.new_graph
    if G0 is None or G1 is None:
        raise ArgumentError(
            "this Diff has no graphs to draw: build it with pathgraph.diff(old, new)"
        )
    with dot_language(G1.graph.get("lang")):
        return _diff_dot(d, G0, G1, legend=legend)


def _diff_dot(
    d: Diff, G0: nx.MultiDiGraph, G1: nx.MultiDiGraph, *, legend: bool
) -> str:
    nodes = _status_of_nodes(d)
    edges = _status_of_edges(d)
    node_fields = {r.id: r.fields for r in d.records_changed}
    edge_fields = {r.key: r.fields for r in d.relations_changed}
    title = f"{d.title or tr('pathway')}: {tr('changes')}"
    lines = [
        "digraph pathway_diff {",
        f"  graph [rankdir=LR, label={dot_quote(title)}, labelloc=t, "
        f"fontname={dot_quote(FONT)}, tooltip={dot_quote(title)}];",
        f"  node [fontname={dot_quote(FONT)}, fontsize=11];",
        f"  edge [fontname={dot_quote(FONT)}, fontsize=9, arrowsize=0.7];",
    ]
    ids: dict[str, tuple[Any, nx.MultiDiGraph]] = {}
    for G in (G0, G1):  # the new version's attributes win
        ids.update({str(n): (n, G) for n in G.nodes})
    for n in sorted(ids):
        raw, G = ids[n]
        status = nodes.get(n, "same")
        lines.append(_node_line(n, G.nodes[raw], status, node_fields.get(n, ())))
    keys = {
        (str(u), str(v), str(k)) for G in (G0, G1) for u, v, k in G.edges(data="kind")
    }
    for key in sorted(keys):
        status = edges.get(key, "same")
        lines.append(_edge_line(key, status, edge_fields.get(key, ())))
    if legend:
        lines += _legend(set(ids))
    lines.append("}")
    return "\n".join(lines) + "\n"


def diff_svg(d: Diff, *, timeout: float | None = None) -> str:
    """The change's map drawn as SVG by Graphviz's ``dot``.

    Raises
    ------
    pathgraph.MissingDependencyError
        When Graphviz is not installed (DOT output works without it).
    pathgraph.RenderError
        When Graphviz fails or takes longer than ``timeout``.
    """
    return render_dot(diff_dot(d), "svg", timeout=timeout).decode("utf-8")
