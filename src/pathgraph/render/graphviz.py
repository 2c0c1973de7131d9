"""Pathway maps with Graphviz: DOT text, and SVG/PNG/PDF through the ``dot`` program.

Maps run left to right from entry level to advanced (columns from
:func:`pathgraph.render.levels.levels`); lanes (the ``lane`` attribute) are drawn as
clusters; occupations show their wage range, programs their months, cost and
delivery, credentials their type. A check :class:`~pathgraph.Report` marks the
records it found problems with; a route is drawn bold over a faded system.
"""

from __future__ import annotations

import html
import itertools
import os
import re
import shutil
import subprocess
import textwrap
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

import networkx as nx

from pathgraph._files import atomic_write
from pathgraph.contract import CONTEXT_NODE_KINDS, PROGRESSION_NODE_KINDS
from pathgraph.errors import MissingDependencyError, PathgraphError
from pathgraph.graph import to_graph
from pathgraph.model import Pathway
from pathgraph.render.levels import levels
from pathgraph.render.style import (
    EDGE_STYLE,
    FADED_FILL,
    FADED_LINE,
    FONT,
    HIGHLIGHT_COLOR,
    NODE_STYLE,
    ROUNDED,
    ROUTE_COLOR,
    SEVERITY_COLOR,
)

__all__ = ["dot_quote", "render_dot", "route_numbers", "to_dot"]


class FindingLike(Protocol):
    """What renderers read from a check finding."""

    @property
    def code(self) -> str: ...

    @property
    def rule(self) -> str: ...

    @property
    def severity(self) -> str: ...

    @property
    def node(self) -> str | None: ...

    @property
    def message(self) -> str: ...


class ReportLike(Protocol):
    """What renderers read from a check report."""

    @property
    def findings(self) -> Sequence[FindingLike]: ...


class RouteLike(Protocol):
    """What renderers read from a route."""

    @property
    def nodes(self) -> Sequence[str]: ...

    @property
    def steps(self) -> Sequence[Any]: ...


def route_numbers(route: RouteLike | None) -> dict[str, int]:
    """Step number of each node on a route: the step that takes or earns it."""
    out: dict[str, int] = {}
    if route is None:
        return out
    for i, step in enumerate(route.steps, start=1):
        for n in (getattr(step, "node", None), *(getattr(step, "earns", ()) or ())):
            if n is not None:
                out.setdefault(str(n), i)
    for n in route.nodes:  # anything else the route holds
        out.setdefault(str(n), len(route.steps) or 1)
    return out


def dot_quote(text: object) -> str:
    """``text`` as a quoted DOT ID: backslashes, quotes and line breaks escaped.

    Examples
    --------
    >>> print(dot_quote('"]; x ['))
    "\\"]; x ["
    """
    s = str(text).replace("\\", "\\\\").replace('"', '\\"')
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{s}"'


def _h(text: object, width: int = 0) -> str:
    """Text for an HTML-like Graphviz label, wrapped at ``width`` characters."""
    s = str(text)
    if width:
        s = "\n".join(textwrap.wrap(s, width)) or s
    return html.escape(s, quote=True).replace("\n", "<br/>")


def _money(x: Any) -> str:
    return f"${float(x):,.0f}"


def _months(x: Any) -> str:
    m = float(x)
    return f"{m:g} month{'s' * (m != 1)}"


def node_details(attrs: dict[str, Any]) -> list[str]:
    """The short facts drawn under a node's name (plain text, unescaped)."""
    kind = attrs.get("kind")
    out: list[str] = []
    if kind == "program":
        parts = []
        if attrs.get("months") is not None:
            parts.append(_months(attrs["months"]))
        if attrs.get("cost") is not None:
            parts.append("free" if float(attrs["cost"]) == 0 else _money(attrs["cost"]))
        if parts:
            out.append(" · ".join(parts))
        delivery = (
            [str(attrs["modality"]).replace("_", " ")] if attrs.get("modality") else []
        )
        delivery += [str(s).replace("_", " ") for s in attrs.get("schedule", ())]
        if delivery:
            out.append(", ".join(delivery))
        flags = [
            f
            for f, on in (
                ("IET", attrs.get("iet")),
                ("bridge", attrs.get("bridge")),
                ("earn while learning", attrs.get("earn_while_learning")),
            )
            if on
        ]
        if flags:
            out.append(" · ".join(flags))
    elif kind == "credential":
        ctype = str(attrs.get("credential_type", "other")).replace("_", " ")
        line = ctype if ctype != "other" else "credential"
        if attrs.get("industry_recognized"):
            line += " · industry-recognized"
        out.append(line)
    elif kind == "occupation":
        lo, mid, hi = (
            attrs.get("wage_p25"),
            attrs.get("wage_median"),
            attrs.get("wage_p75"),
        )
        if lo is not None and hi is not None:
            out.append(f"{_money(lo)}–{_money(hi)} a year")
        elif mid is not None:
            out.append(f"{_money(mid)} a year (median)")
        if attrs.get("soc"):
            out.append(f"SOC {attrs['soc']}")
    elif kind == "course":
        if attrs.get("credits") is not None:
            out.append(f"{float(attrs['credits']):g} credits")
        if attrs.get("term") is not None:
            out.append(f"term {attrs['term']}")
    return out


def _visible_nodes(G: nx.MultiDiGraph, detail: str, context: bool) -> list[Any]:
    keep = []
    for n, k in G.nodes(data="kind"):
        if (
            k in PROGRESSION_NODE_KINDS
            or (k == "course" and detail == "courses")
            or (k in CONTEXT_NODE_KINDS and context)
        ):
            keep.append(n)
    return keep


def to_dot(
    G: nx.MultiDiGraph | Pathway,
    *,
    highlight: Iterable[str] | None = None,
    report: ReportLike | None = None,
    route: RouteLike | None = None,
    detail: str = "programs",
    context: bool = False,
    legend: bool = True,
    title: str | None = None,
) -> str:
    """The pathway map as Graphviz DOT text (deterministic).

    Parameters
    ----------
    G
        A pathway graph or Pathway. It is not modified.
    highlight
        Node ids to outline.
    report
        A :class:`pathgraph.Report`: nodes with findings get a border in the
        severity's colour and the rule code under their name; the legend lists
        the rules found.
    route
        A :class:`pathgraph.Route`: its nodes are numbered and drawn bold, the rest
        of the system faded.
    detail
        ``"programs"`` (default: courses are collapsed into their program, which
        shows how many it has) or ``"courses"`` (courses drawn, with their
        prerequisites).
    context
        Also draw providers, services and agreements (by default, support services
        are listed on the records they support, and the rest is left out).
    legend
        Draw the legend.
    title
        The map's title (default: the pathway's).

    Examples
    --------
    >>> import pathgraph
    >>> from pathgraph.render import to_dot
    >>> dot = to_dot(pathgraph.load_example("bht"))
    >>> dot.startswith("digraph pathway {")
    True
    >>> '"bht-assoc"' in dot and "rankdir=LR" in dot
    True
    """
    if isinstance(G, Pathway):
        G = to_graph(G)
    if detail not in ("programs", "courses"):
        raise PathgraphError(f"detail must be 'programs' or 'courses', not {detail!r}")
    nodes = sorted(_visible_nodes(G, detail, context), key=str)
    visible = set(nodes)
    col = levels(G, nodes)
    if detail == "courses":
        # Degree plans: a course with a term sits in that term's column.
        for n in nodes:
            term = G.nodes[n].get("term")
            if G.nodes[n].get("kind") == "course" and term is not None:
                col[n] = int(term)
    marks: dict[str, list[Any]] = defaultdict(list)
    rules_found: dict[str, tuple[str, str]] = {}
    for f in report.findings if report is not None else ():
        if f.node is not None:
            marks[str(f.node)].append(f)
        rules_found.setdefault(f.code, (f.rule, f.severity))
    on_route = route_numbers(route)
    highlighted = {str(h) for h in (highlight or ())}
    supports: dict[Any, list[str]] = defaultdict(list)
    courses: dict[Any, int] = defaultdict(int)
    for u, v, k in G.edges(data="kind"):
        if k == "supports" and not context:
            supports[v].append(str(G.nodes[u].get("label", u)))
        elif k == "part_of" and detail == "programs":
            courses[v] += 1

    heading = title if title is not None else G.graph.get("title", "")
    lines = [
        "digraph pathway {",
        f"  graph [rankdir=LR, newrank=true, nodesep=0.25, ranksep=0.55, "
        f"fontname={dot_quote(FONT)}, fontsize=16, labelloc=t, "
        f"label={dot_quote(heading)}];",
        f"  node [fontname={dot_quote(FONT)}, fontsize=10, style=filled, penwidth=1.2, "
        'margin="0.12,0.06"];',
        f"  edge [fontname={dot_quote(FONT)}, fontsize=8, arrowsize=0.7];",
    ]

    def node_line(n: Any) -> str:
        attrs = G.nodes[n]
        kind = str(attrs.get("kind"))
        st = NODE_STYLE[kind]
        name = str(attrs.get("label", n))
        rows = [f"<b>{_h(name, 30)}</b>"]
        rows += [f'<font point-size="8">{_h(d)}</font>' for d in node_details(attrs)]
        if courses.get(n):
            rows.append(f'<font point-size="8">{courses[n]} courses</font>')
        if supports.get(n):
            rows.append(
                '<font point-size="8" color="#6B5E00">+ '
                + _h(", ".join(sorted(supports[n])), 40)
                + "</font>"
            )
        found = marks.get(str(n), [])
        if found:
            codes = ", ".join(sorted({f.code for f in found}))
            sev = min(
                found, key=lambda f: ("error", "warning", "info").index(f.severity)
            )
            rows.append(
                f'<font point-size="8" color="{SEVERITY_COLOR[sev.severity]}">'
                f"<b>⚠ {_h(codes)}</b></font>"
            )
        step = on_route.get(str(n))
        if step is not None:
            rows[0] = f"<b>{step}. {_h(name, 30)}</b>"
        label = "<" + "<br/>".join(rows) + ">"
        style = "filled,rounded" if kind in ROUNDED else "filled"
        fill, color, pen, font = st.fill, st.border, 1.2, "#000000"
        if attrs.get("destination"):
            pen = 2.2
        if route is not None and step is None:
            fill, color, font = FADED_FILL, FADED_LINE, "#9A9A9A"
        if route is not None and step is not None:
            color, pen = ROUTE_COLOR, 2.6
        if found:
            color = SEVERITY_COLOR[sev.severity]
            pen = 2.6
        if str(n) in highlighted:
            color, pen = HIGHLIGHT_COLOR, 3.0
        return (
            f"{dot_quote(n)} [label={label}, shape={st.shape}, "
            f"style={dot_quote(style)}, "
            f"fillcolor={dot_quote(fill)}, color={dot_quote(color)}, penwidth={pen}, "
            f"fontcolor={dot_quote(font)}, tooltip={dot_quote(name)}];"
        )

    program_of: dict[Any, str] = {}
    if detail == "courses":
        for u, v, k in G.edges(data="kind"):
            if k == "part_of" and u in visible:
                program_of.setdefault(u, str(G.nodes[v].get("label", v)))
    lanes: dict[str, list[Any]] = defaultdict(list)
    for n in nodes:
        lane = G.nodes[n].get("lane") or program_of.get(n)
        lanes[str(lane) if lane else ""].append(n)
    for i, lane in enumerate(sorted(lanes)):
        members = lanes[lane]
        if lane:
            lines.append(f"  subgraph cluster_lane_{i} {{")
            lines.append(
                f'    graph [label={dot_quote(lane)}, style="rounded,filled", '
                'fillcolor="#FAFAFA", color="#DDDDDD", fontsize=12];'
            )
            lines += ["    " + node_line(n) for n in members]
            lines.append("  }")
        else:
            lines += ["  " + node_line(n) for n in members]
    by_level: dict[int, list[Any]] = defaultdict(list)
    for n in nodes:
        by_level[col[n]].append(n)
    # Invisible anchors, one per column, chained left to right: columns keep their
    # order even where no edge joins them (terms of a degree plan, separate lanes).
    columns = sorted(by_level)
    for lv in columns:
        ids = "; ".join(dot_quote(n) for n in by_level[lv])
        lines.append(
            f'  {{ rank=same; "__column_{lv}" [style=invis, shape=point, '
            f'width=0, label=""]; {ids}; }}'
        )
    for a, b in itertools.pairwise(columns):
        lines.append(f'  "__column_{a}" -> "__column_{b}" [style=invis];')

    route_pairs = set()
    if route is not None:
        seq = [str(n) for n in route.nodes]
        route_pairs = {(a, b) for a in seq for b in seq}
    for u, v, _key, d in sorted(
        G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))
    ):
        if u not in visible or v not in visible:
            continue
        kind = str(d.get("kind"))
        es = EDGE_STYLE.get(kind)
        if es is None or kind == "part_of":  # courses are boxed by program instead
            continue
        attrs = [f"color={dot_quote(es.color)}", f"style={es.style}"]
        src, dst = u, v
        if kind == "requires":
            note = ""
            if d.get("group") is not None:
                need = d.get("need")
                note = "any of" if need == 1 else (f"{need} of" if need else "all of")
            if note:
                attrs.append(f"label={dot_quote(note)}")
        if kind in ("advances_to", "stacks_into") and d.get("months"):
            attrs.append(f"label={dot_quote(_months(d['months']))}")
        if kind == "articulates_to":
            saved = d.get("credits")
            if saved:
                attrs.append(f"label={dot_quote(f'{float(saved):g} credits')}")
        if route is not None:
            if (
                (str(u), str(v)) in route_pairs
                and str(u) in on_route
                and str(v) in on_route
            ):
                attrs = [
                    f"color={dot_quote(ROUTE_COLOR)}",
                    "penwidth=2.4",
                    "style=solid",
                ]
            else:
                attrs = [f"color={dot_quote(FADED_LINE)}", f"style={es.style}"]
        if col.get(v, 0) < col.get(u, 0):
            attrs.append("constraint=false")
        lines.append(f"  {dot_quote(src)} -> {dot_quote(dst)} [{', '.join(attrs)}];")

    if legend:
        lines += _legend(G, nodes, rules_found, route is not None)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _legend(
    G: nx.MultiDiGraph,
    nodes: Collection[Any],
    rules_found: dict[str, tuple[str, str]],
    has_route: bool,
) -> list[str]:
    kinds = sorted({str(G.nodes[n].get("kind")) for n in nodes})
    edge_kinds = sorted(
        {str(k) for u, v, k in G.edges(data="kind") if u in nodes and v in nodes}
        & (set(EDGE_STYLE) - {"part_of"})
    )
    rows = ['<tr><td colspan="2" align="left"><b>Legend</b></td></tr>']
    for k in kinds:
        st = NODE_STYLE[k]
        rows.append(
            f'<tr><td bgcolor="{st.fill}" border="1" color="{st.border}" width="24">'
            f'</td><td align="left">{_h(st.title)}</td></tr>'
        )
    for k in edge_kinds:
        es = EDGE_STYLE[k]
        dash = {"dashed": "- - -", "dotted": "· · · ·", "bold": "━━━"}.get(
            es.style, "───"
        )
        rows.append(
            f'<tr><td><font color="{es.color}">{dash}</font></td>'
            f'<td align="left">{_h(es.title)}</td></tr>'
        )
    if has_route:
        rows.append(
            f'<tr><td><font color="{ROUTE_COLOR}"><b>━━━</b></font></td>'
            '<td align="left">the route, steps numbered</td></tr>'
        )
    for code, (rule, severity) in sorted(rules_found.items()):
        rows.append(
            f'<tr><td><font color="{SEVERITY_COLOR.get(severity, "#000")}"><b>⚠</b>'
            f'</font></td><td align="left">{_h(code)} {_h(rule)} '
            f"({_h(severity)})</td></tr>"
        )
    table = (
        '<<table border="0" cellborder="0" cellspacing="2" cellpadding="2">'
        + "".join(rows)
        + "</table>>"
    )
    return [
        "  subgraph cluster_legend {",
        '    graph [label="", style="rounded", color="#CCCCCC"];',
        f'    legend [shape=plaintext, style="", label={table}];',
        "  }",
    ]


def render_dot(dot: str, fmt: str) -> bytes:
    """Run Graphviz's ``dot`` on DOT text; ``fmt`` is ``svg``, ``png`` or ``pdf``.

    Raises
    ------
    pathgraph.MissingDependencyError
        When the ``dot`` program is not installed (the message says how to install
        it).
    pathgraph.PathgraphError
        When ``dot`` fails.
    """
    exe = shutil.which("dot")
    if exe is None:
        raise MissingDependencyError(
            f"drawing {fmt.upper()} needs Graphviz's `dot` program, which is not "
            "installed: sudo apt-get install graphviz (Debian/Ubuntu), brew install "
            "graphviz (macOS); DOT output (.dot) works without it"
        )
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}  # reproducible PDF dates
    try:
        proc = subprocess.run(
            [exe, f"-T{fmt}"],
            input=dot.encode("utf-8"),
            capture_output=True,
            timeout=300,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise PathgraphError(
            "Graphviz took more than 5 minutes; draw a smaller part of the pathway"
        ) from None
    if proc.returncode != 0:
        raise PathgraphError(
            "Graphviz failed: " + proc.stderr.decode("utf-8", "replace").strip()
        )
    if fmt == "pdf":
        return _fixed_pdf_dates(proc.stdout)
    return proc.stdout


_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate) \(D:)[0-9]{14}")


def _fixed_pdf_dates(pdf: bytes) -> bytes:
    """The PDF with its creation and modification dates set to 1970-01-01.

    cairo before 1.18 ignores ``SOURCE_DATE_EPOCH`` and stamps the current time, so
    two renders a second apart differ. The replacement has the same length, so the
    cross-reference offsets stay valid.

    Examples
    --------
    >>> _fixed_pdf_dates(b"<< /CreationDate (D:20261125060030Z) >>")
    b'<< /CreationDate (D:19700101000000Z) >>'
    """
    return _PDF_DATE.sub(rb"\g<1>19700101000000", pdf)


def write_rendered(dot: str, path: Path) -> None:
    """Write DOT text, or what ``dot`` draws from it, atomically by suffix."""

    fmt = path.suffix.lower().lstrip(".")
    if fmt in ("dot", "gv"):
        atomic_write(path, dot)
    elif fmt in ("svg", "png", "pdf"):
        atomic_write(path, render_dot(dot, fmt))
    else:
        raise PathgraphError(
            f"cannot draw {path.name!r}: use .svg, .png, .pdf, .dot or .html"
        )
