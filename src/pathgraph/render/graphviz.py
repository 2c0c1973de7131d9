"""Pathway maps with Graphviz: DOT text, and SVG/PNG/PDF through the ``dot`` program.

Maps run left to right from entry level to advanced (columns from
:func:`pathgraph.render.levels.levels`); lanes (the ``lane`` attribute) are drawn as
clusters; occupations show their wage range, programs their months, cost and
delivery, credentials their type. A check :class:`~pathgraph.Report` marks the
records it found problems with; a route is drawn bold over a faded system.

Text from the data is made drawable on the way into DOT (:func:`drawable`): control
characters become spaces (Graphviz's XML parser refuses them in a label, and its
JSON output copies them raw), and a text too long for Graphviz's 16,384-byte
strings is cut with an ellipsis (:data:`MAX_LABEL_TEXT` in a box,
:data:`MAX_DOT_TEXT` in a tooltip); the interactive page's cards keep it whole.
A layout error (``trouble in init_rank``) is retried once without the column
constraints (:func:`render_dot`).
"""

from __future__ import annotations

import html
import itertools
import math
import os
import re
import shutil
import subprocess
import tempfile
import textwrap
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from pathgraph._files import atomic_write
from pathgraph._limits import DOT_TIMEOUT
from pathgraph.errors import ArgumentError, MissingDependencyError, RenderError
from pathgraph.model import Pathway
from pathgraph.render.folding import FOLD_ABOVE, FOLD_KIND, fold_note, reserve
from pathgraph.render.marking import (
    EdgeMark,
    FindingLike,
    Marks,
    NodeMark,
    ReportLike,
    RouteLike,
    mark,
    route_numbers,
)
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
    TO_CONFIRM_MARK,
)
from pathgraph.render.words import dot_language, tr

__all__ = [
    "DOT_TIMEOUT",
    "MAX_DOT_TEXT",
    "MAX_LABEL_TEXT",
    "FindingLike",
    "ReportLike",
    "RouteLike",
    "dot_quote",
    "dot_source",
    "drawable",
    "render_dot",
    "route_numbers",
    "svg_text",
    "to_dot",
    "tooltip",
]


#: Most characters of one text drawn inside a box (a name, a list of services);
#: longer is cut with an ellipsis. Graphviz refuses a label over 16,384 bytes; the
#: tooltip keeps more (:data:`MAX_DOT_TEXT`), the interactive page all of it.
MAX_LABEL_TEXT = 500
#: Most characters of a quoted DOT string (a tooltip, an id, a lane's name): at
#: most 4 bytes each in UTF-8, so under Graphviz's 16,384-byte limit.
MAX_DOT_TEXT = 4_000

#: Control characters (C0 but the line break, DEL, C1): spaces in DOT.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
#: Lone surrogates and non-characters: not encodable, or refused by XML.
_NOT_TEXT = re.compile("[\ud800-\udfff\ufffe\uffff]")


def drawable(text: object, limit: int = MAX_DOT_TEXT) -> str:
    r"""``text`` as Graphviz can take it: line breaks as ``\n``, every other
    control character a space, lone surrogates U+FFFD, and at most ``limit``
    characters (longer: cut, with an ellipsis).

    Examples
    --------
    >>> drawable("Nursing\x0b\x1b[31m A\r\nB")
    'Nursing  [31m A\nB'
    >>> drawable("x" * 10, limit=5)
    'xxxx…'
    """
    s = str(text)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = _NOT_TEXT.sub("\ufffd", _CONTROL.sub(" ", s))
    if len(s) > limit:
        s = s[: limit - 1].rstrip() + "…"
    return s


def dot_quote(text: object) -> str:
    """``text`` as a quoted DOT ID: backslashes, quotes and line breaks escaped,
    made :func:`drawable` (at most :data:`MAX_DOT_TEXT` characters).

    Examples
    --------
    >>> print(dot_quote('"]; x ['))
    "\\"]; x ["
    """
    s = drawable(text).replace("\\", "\\\\").replace('"', '\\"')
    s = s.replace("\n", "\\n")
    return f'"{s}"'


def _h(text: object, width: int = 0) -> str:
    """Text for an HTML-like Graphviz label, wrapped at ``width`` characters
    (made :func:`drawable`, at most :data:`MAX_LABEL_TEXT` characters)."""
    s = drawable(text, MAX_LABEL_TEXT)
    if width:
        s = "\n".join(textwrap.wrap(s, width)) or s
    return html.escape(s, quote=True).replace("\n", "<br/>")


def _money(x: Any) -> str:
    return f"${float(x):,.0f}"


def _months(x: Any) -> str:
    m = float(x)
    return f"{m:g} {tr('month' if m == 1 else 'months')}"


def node_details(attrs: dict[str, Any]) -> list[str]:
    """The short facts drawn under a node's name (plain text, unescaped).

    Examples
    --------
    >>> node_details({"kind": "program", "months": 4, "cost": 0, "iet": True})
    ['4 months · free', 'IET']
    >>> node_details({"kind": "occupation", "wage_median": 41000})
    ['$41,000 a year (median)']
    >>> node_details({"kind": "assessment", "assessment_type": "licensure",
    ...               "months": 1, "cost": 200})
    ['licensure exam', '1 month · $200']
    """
    describe = _DETAILS.get(str(attrs.get("kind")))
    return describe(attrs) if describe is not None else []


def _time_and_cost(attrs: dict[str, Any]) -> list[str]:
    """``["4 months · $516"]`` (either part alone when the other is unknown)."""
    parts = []
    if attrs.get("months") is not None:
        parts.append(_months(attrs["months"]))
    if attrs.get("cost") is not None:
        cost = attrs["cost"]
        parts.append(tr("free") if float(cost) == 0 else _money(cost))
    return [" · ".join(parts)] if parts else []


def _program_details(attrs: dict[str, Any]) -> list[str]:
    out = _time_and_cost(attrs)
    delivery = (
        [tr(str(attrs["modality"]).replace("_", " "))] if attrs.get("modality") else []
    )
    delivery += [tr(str(s).replace("_", " ")) for s in attrs.get("schedule", ())]
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
        out.append(" · ".join(tr(f) for f in flags))
    return out


def _credential_details(attrs: dict[str, Any]) -> list[str]:
    ctype = str(attrs.get("credential_type", "other")).replace("_", " ")
    line = tr(ctype if ctype != "other" else "credential")
    if attrs.get("industry_recognized"):
        line += " · " + tr("industry-recognized")
    return [line]


def _occupation_details(attrs: dict[str, Any]) -> list[str]:
    out = []
    lo, mid, hi = attrs.get("wage_p25"), attrs.get("wage_median"), attrs.get("wage_p75")
    if lo is not None and hi is not None:
        out.append(f"{_money(lo)}–{_money(hi)} {tr('a year')}")
    elif mid is not None:
        out.append(f"{_money(mid)} {tr('a year (median)')}")
    if attrs.get("soc"):
        out.append(f"SOC {attrs['soc']}")
    return out


def _course_details(attrs: dict[str, Any]) -> list[str]:
    out = []
    if attrs.get("credits") is not None:
        out.append(f"{float(attrs['credits']):g} {tr('credits')}")
    if attrs.get("term") is not None:
        out.append(f"{tr('term')} {attrs['term']}")
    return out + _time_and_cost(attrs)


#: How each assessment type reads on a map.
ASSESSMENT_WORDS = {
    "exam": "exam",
    "licensure": "licensure exam",
    "placement": "placement test",
    "proficiency": "proficiency test",
}


def _assessment_details(attrs: dict[str, Any]) -> list[str]:
    kind = str(attrs.get("assessment_type") or "exam")
    line = tr(ASSESSMENT_WORDS.get(kind, "assessment"))
    if attrs.get("credits") is not None:
        line += f" · {float(attrs['credits']):g} {tr('credits')}"
    return [line, *_time_and_cost(attrs)]


_DETAILS: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "program": _program_details,
    "credential": _credential_details,
    "occupation": _occupation_details,
    "course": _course_details,
    "assessment": _assessment_details,
}


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
    fold_above: int | None = FOLD_ABOVE,
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
    fold_above
        Above this many drawn records, lanes (and, outside lanes, the records of
        one kind per level) are drawn as summary boxes, largest first, with a note
        under the title (see :mod:`pathgraph.render.folding`); ``None``: never
        fold. Default :data:`~pathgraph.render.folding.FOLD_ABOVE` (500).

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
    marks = mark(
        G,
        report=report,
        route=route,
        highlight=highlight,
        context=context,
        detail=detail,
        fold_above=fold_above,
    )
    return dot_source(marks, legend=legend, title=title)


def dot_source(marks: Marks, *, legend: bool = True, title: str | None = None) -> str:
    """The DOT text of a marked map (see :func:`to_dot`); linear in its size.

    Examples
    --------
    >>> import pathgraph
    >>> from pathgraph.render.marking import mark
    >>> m = mark(pathgraph.load_example("bht"), highlight=["hse"])
    >>> dot_source(m, legend=False).count("penwidth=3.0")
    1
    """
    with dot_language(marks.graph.graph.get("lang")):
        return _dot_source(marks, legend=legend, title=title)


def _dot_source(marks: Marks, *, legend: bool, title: str | None) -> str:
    heading = title if title is not None else marks.graph.graph.get("title", "")
    lines = _header(str(heading), _note(marks))
    lines += _lane_lines(marks)
    taken = {str(n) for n in marks.nodes}  # the map's own nodes must not take these
    lines += _column_lines(marks, taken)
    # Courses are boxed by their program instead of joined to it.
    drawn = [e for e in marks.edges if e.kind != "part_of"]
    lines += [_edge_line(e, marks.has_route) for e in drawn]
    if legend:
        lines += _legend(marks, reserve("legend", taken))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _note(marks: Marks) -> str:
    """The note a folded map carries under its title ("" when nothing is folded)."""
    if not marks.folds:
        return ""
    records = len(marks.nodes) - len(marks.folds) + len(marks.hidden)
    lang = marks.graph.graph.get("lang")
    return fold_note(
        marks.folds,
        records,
        marks.fold_above,
        interactive=False,
        lang=lang if isinstance(lang, str) and lang else "en",
    )


def _header(heading: str, note: str = "") -> list[str]:
    label = dot_quote(heading)
    if note:
        label = f'<{_h(heading)}<br/><font point-size="11">{_h(note, 110)}</font>>'
    return [
        "digraph pathway {",
        f"  graph [rankdir=LR, newrank=true, nodesep=0.25, ranksep=0.55, "
        f"fontname={dot_quote(FONT)}, fontsize=16, labelloc=t, "
        f"label={label}];",
        f"  node [fontname={dot_quote(FONT)}, fontsize=10, style=filled, penwidth=1.2, "
        'margin="0.12,0.06"];',
        f"  edge [fontname={dot_quote(FONT)}, fontsize=8, arrowsize=0.7];",
    ]


def _condition_rows(m: NodeMark) -> list[str]:
    """A condition's label rows: its rule (numbered on a route), the name someone
    gave it (cut short), and the to-confirm mark."""
    step = f"{m.step}. " if m.step is not None else ""
    rows = [f"<b>{step}{_h(m.rule)}</b>"]
    if m.name:
        name = m.name if len(m.name) <= 40 else m.name[:39].rstrip() + "…"
        rows.append(f'<font point-size="8">{_h(name, 20)}</font>')
    if m.to_confirm:
        rows.append(
            f'<font point-size="7" color="#8A5A00">{_h(TO_CONFIRM_MARK)}</font>'
        )
    return rows


def tooltip(m: NodeMark) -> str:
    """A node's tooltip (plain text): its label; for a condition, also its rule
    and what is to be confirmed.

    Examples
    --------
    >>> from pathgraph.render.marking import NodeMark
    >>> print(tooltip(NodeMark("c", "condition", "6 credits of: A; B", 0, "",
    ...                        rule="6 cr", to_confirm=("grade C",))))
    6 credits of: A; B
    to confirm: grade C
    """
    lines = [m.label]
    lines += [f"{tr('to confirm')}: {t}" for t in m.to_confirm]
    return "\n".join(lines)


def _node_label(m: NodeMark, attrs: dict[str, Any], context: bool) -> str:
    """The HTML-like label: name (numbered on a route), details, services, codes."""
    step = f"{m.step}. " if m.step is not None else ""
    width = 24 if m.kind == "assessment" else 30  # a hexagon pads its sides
    rows = (
        _condition_rows(m)
        if m.kind == "condition"
        else [f"<b>{step}{_h(m.label, width)}</b>"]
    )
    rows += [f'<font point-size="8">{_h(d)}</font>' for d in node_details(attrs)]
    if m.open:
        rows.append(f'<font point-size="8">{_h(tr("open to anyone"))}</font>')
    if m.folded:
        folded = tr("{n} records folded:").format(n=f"{m.folded:,}")
        rows.append(f'<font point-size="9">{_h(folded)}</font>')
        rows.append(f'<font point-size="8">{_h(m.contents, 36)}</font>')
    if m.courses:
        courses = tr("{n} courses").format(n=m.courses)
        rows.append(f'<font point-size="8">{_h(courses)}</font>')
    if m.services and not context:  # with context the services are drawn
        rows.append(
            '<font point-size="8" color="#6B5E00">+ '
            + _h(", ".join(m.services), 40)
            + "</font>"
        )
    if m.severity is not None:
        rows.append(
            f'<font point-size="8" color="{SEVERITY_COLOR[m.severity]}">'
            f"<b>⚠ {_h(', '.join(m.codes))}</b></font>"
        )
    return "<" + "<br/>".join(rows) + ">"


def _node_colors(m: NodeMark, destination: bool) -> tuple[str, str, float, str]:
    """Fill, border, pen width and font colour; later marks win."""
    st = NODE_STYLE[m.kind]
    fill, color, pen, font = st.fill, st.border, 1.2, "#000000"
    if destination:
        pen = 2.2
    if m.faded:
        fill, color, font = FADED_FILL, FADED_LINE, "#9A9A9A"
    if m.on_route or m.step is not None:
        color, pen = ROUTE_COLOR, 2.6
    if m.severity is not None:
        color, pen = SEVERITY_COLOR[m.severity], 2.6
    if m.highlighted:
        color, pen = HIGHLIGHT_COLOR, 3.0
    return fill, color, pen, font


def _node_line(m: NodeMark, marks: Marks) -> str:
    attrs = marks.graph.nodes[m.node] if m.kind != FOLD_KIND else {}
    fill, color, pen, font = _node_colors(m, bool(attrs.get("destination")))
    style = "filled,rounded" if m.kind in ROUNDED else "filled"
    size = ""
    if m.kind == "condition":  # small: its text is a rule of a few characters
        size = 'fontsize=9, margin="0.03,0.01", width=0.3, height=0.3, '
        if m.to_confirm:
            style += ",dashed"
    elif m.kind == "assessment":  # a hexagon pads its text widely by itself
        size = 'margin="0.01,0.01", '
    return (
        f"{dot_quote(m.node)} [label={_node_label(m, attrs, marks.context)}, "
        f"shape={NODE_STYLE[m.kind].shape}, style={dot_quote(style)}, {size}"
        f"fillcolor={dot_quote(fill)}, color={dot_quote(color)}, penwidth={pen}, "
        f"fontcolor={dot_quote(font)}, tooltip={dot_quote(tooltip(m))}];"
    )


def _lane_lines(marks: Marks) -> list[str]:
    """The nodes, each lane's in a cluster box (lanes sorted by name).

    A lane folded whole is drawn as its summary box alone (titled with the lane's
    name), without a cluster around it.
    """
    lanes: dict[str, list[NodeMark]] = defaultdict(list)
    for m in marks.nodes.values():
        lanes[m.lane].append(m)
    lines = []
    for i, lane in enumerate(sorted(lanes)):
        members = [_node_line(m, marks) for m in lanes[lane]]
        # a lane folded whole is its summary box, titled with the lane's name
        if not lane or (len(lanes[lane]) == 1 and lanes[lane][0].folded):
            lines += ["  " + line for line in members]
            continue
        lines.append(f"  subgraph cluster_lane_{i} {{")
        lines.append(
            f'    graph [label={dot_quote(lane)}, style="rounded,filled", '
            'fillcolor="#FAFAFA", color="#DDDDDD", fontsize=12];'
        )
        lines += ["    " + line for line in members]
        lines.append("  }")
    return lines


def _column_lines(marks: Marks, taken: set[str]) -> list[str]:
    """Invisible anchors, one per column, chained left to right.

    Columns keep their order even where no edge joins them (terms of a degree plan,
    separate lanes). The anchors are named ``__column_<level>`` unless a drawn
    record has such an id (then with more underscores before ``column``).
    """
    by_level: dict[int, list[Any]] = defaultdict(list)
    for n, m in marks.nodes.items():
        by_level[m.level].append(n)
    columns = sorted(by_level)
    prefix = "__column_"
    while any(f"{prefix}{lv}" in taken for lv in columns):
        prefix = "_" + prefix
    lines = []
    for lv in columns:
        ids = "; ".join(dot_quote(n) for n in by_level[lv])
        lines.append(
            f'  {{ rank=same; "{prefix}{lv}" [style=invis, shape=point, '
            f'width=0, label=""]; {ids}; }}'
        )
    for a, b in itertools.pairwise(columns):
        lines.append(f'  "{prefix}{a}" -> "{prefix}{b}" [style=invis];')
    return lines


def _edge_note(e: EdgeMark) -> str | None:
    """The label on an edge: a requirement group, months, or credits saved."""
    d = e.data
    if e.kind == "requires" and d.get("group") is not None:
        need = d.get("need")
        return "any of" if need == 1 else (f"{need} of" if need else "all of")
    if e.kind in ("advances_to", "stacks_into") and d.get("months"):
        return _months(d["months"])
    if e.kind == "articulates_to" and d.get("credits"):
        return f"{float(d['credits']):g} {tr('credits')}"
    return None


def _edge_line(e: EdgeMark, has_route: bool) -> str:
    es = EDGE_STYLE[e.kind]
    attrs = [f"color={dot_quote(es.color)}", f"style={es.style}"]
    note = f"{e.count:,}×" if e.count > 1 else _edge_note(e)
    if note:
        attrs.append(f"label={dot_quote(note)}")
    if has_route:  # the route bold, everything else faded and unlabelled
        attrs = (
            [f"color={dot_quote(ROUTE_COLOR)}", "penwidth=2.4", "style=solid"]
            if e.on_route
            else [f"color={dot_quote(FADED_LINE)}", f"style={es.style}"]
        )
    if e.backwards:
        attrs.append("constraint=false")
    return f"  {dot_quote(e.source)} -> {dot_quote(e.target)} [{', '.join(attrs)}];"


#: What the legend's swatch of a kind shows inside, when its colour is not enough.
_LEGEND_SAMPLE = {
    "condition": '<font point-size="7"><b>any</b></font>',
    "assessment": '<font point-size="7">exam</font>',
}


def _legend(marks: Marks, node: str = "legend") -> list[str]:
    kinds = sorted({m.kind for m in marks.nodes.values()})
    edge_kinds = sorted({e.kind for e in marks.edges if e.kind != "part_of"})
    rows = [f'<tr><td colspan="2" align="left"><b>{_h(tr("Legend"))}</b></td></tr>']
    for k in kinds:
        st = NODE_STYLE[k]
        sample = _LEGEND_SAMPLE.get(k, "")
        rows.append(
            f'<tr><td bgcolor="{st.fill}" border="1" color="{st.border}" width="24">'
            f"{sample}</td><td align='left'>{_h(tr(st.title))}</td></tr>"
        )
    if any(m.to_confirm for m in marks.nodes.values()):
        rows.append(
            '<tr><td><font color="#8A5A00">✎</font></td><td align="left">'
            + _h(tr("to confirm (grade, score...): counted as met for planning"))
            + "</td></tr>"
        )
    for k in edge_kinds:
        es = EDGE_STYLE[k]
        dash = {"dashed": "- - -", "dotted": "· · · ·", "bold": "━━━"}.get(
            es.style, "───"
        )
        rows.append(
            f'<tr><td><font color="{es.color}">{dash}</font></td>'
            f'<td align="left">{_h(tr(es.title))}</td></tr>'
        )
    if marks.has_route:
        rows.append(
            f'<tr><td><font color="{ROUTE_COLOR}"><b>━━━</b></font></td>'
            f'<td align="left">{_h(tr("the route, steps numbered"))}</td></tr>'
        )
    for code, (rule, severity) in sorted(marks.rules.items()):
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
        f"    {dot_quote(node) if node != 'legend' else node} [shape=plaintext, "
        f'style="", label={table}];',
        "  }",
    ]


def render_dot(
    dot: str,
    fmt: str,
    *,
    timeout: float | None = None,
    keep: str | os.PathLike[str] | None = None,
) -> bytes:
    """Run Graphviz's ``dot`` on DOT text; ``fmt`` is ``svg``, ``png``, ``pdf``...

    ``dot`` is stopped after ``timeout`` seconds (default :data:`DOT_TIMEOUT`, read
    at call time, so setting the module constant changes it everywhere); the DOT
    text is then written to ``keep`` (default: a new ``.dot`` file in the
    temporary folder), so the user has the map's source, and the error says where.

    Raises
    ------
    pathgraph.MissingDependencyError
        When the ``dot`` program is not installed (the message says how to install
        it).
    pathgraph.RenderError
        When ``dot`` fails, or takes longer than ``timeout`` (the message says
        where the DOT source was written and how to fold the map or allow more
        time). A failure other than a syntax error (a layout error such as
        Graphviz 2.43's "trouble in init_rank") is first retried without the
        columns' rank constraints; when that fails too, the error
        (:class:`DotFailedError`) says where the DOT source was written and what
        to do.
    """
    limit = DOT_TIMEOUT if timeout is None else timeout
    if isinstance(limit, bool) or not (
        isinstance(limit, int | float) and 0 < limit < math.inf
    ):
        raise ArgumentError(
            f"timeout must be a finite number of seconds > 0, not {limit!r}"
        )
    exe = shutil.which("dot")
    if exe is None:
        raise MissingDependencyError(
            f"drawing {fmt.upper()} needs Graphviz's `dot` program, which is not "
            "installed: sudo apt-get install graphviz (Debian/Ubuntu), brew install "
            "graphviz (macOS); DOT output (.dot) works without it"
        )
    proc = _run_dot(exe, fmt, dot, limit, keep)
    if proc.returncode != 0:
        error = proc.stderr.decode("utf-8", "replace").strip()
        loose = _without_columns(dot)
        if loose == dot or "syntax error" in error:
            raise DotFailedError(f"Graphviz failed: {error}")
        # A layout error (Graphviz 2.43's "trouble in init_rank"): once more
        # without the columns' rank constraints.
        proc = _run_dot(exe, fmt, loose, limit, keep)
        if proc.returncode != 0:
            raise DotFailedError(_failure_message(dot, fmt, error, keep))
    if fmt == "pdf":
        return _fixed_pdf_dates(proc.stdout)
    return proc.stdout


class DotFailedError(RenderError):
    """Graphviz's ``dot`` failed (it did not run out of time): the interactive
    page and the notebook draw without it."""


def _run_dot(
    exe: str, fmt: str, dot: str, limit: float, keep: str | os.PathLike[str] | None
) -> subprocess.CompletedProcess[bytes]:
    """``dot -T<fmt>`` on ``dot``; past ``limit`` seconds a RenderError."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}  # reproducible PDF dates
    try:
        return subprocess.run(
            [exe, f"-T{fmt}"],
            input=dot.encode("utf-8"),
            capture_output=True,
            timeout=limit,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(_timeout_message(dot, fmt, limit, keep)) from None


#: The columns' anchors and their rank constraints (see :func:`_column_lines`).
_COLUMN_LINE = re.compile(
    r'^  (?:\{ rank=same; "_*__column_-?\d+" \[style=invis.*'
    r'|"_*__column_-?\d+" -> "_*__column_-?\d+" \[style=invis\];)\n',
    re.M,
)


def _without_columns(dot: str) -> str:
    """The DOT text without the columns' anchors and rank constraints: every record
    and edge is kept, only the alignment of levels into columns goes.

    Examples
    --------
    >>> import pathgraph
    >>> dot = to_dot(pathgraph.load_example("bht"))
    >>> loose = _without_columns(dot)
    >>> "rank=same" in dot, "rank=same" in loose, "__column_" in loose
    (True, False, False)
    """
    return _COLUMN_LINE.sub("", dot)


def _keep_source(dot: str, keep: str | os.PathLike[str] | None) -> str:
    """Write the DOT text to ``keep`` (default: a new file in the temporary
    folder); its path."""
    if keep is None:
        fd, name = tempfile.mkstemp(prefix="pathgraph-map-", suffix=".dot")
        os.close(fd)
        keep = name
    atomic_write(keep, dot)
    return str(keep)


def _failure_message(
    dot: str, fmt: str, error: str, keep: str | os.PathLike[str] | None
) -> str:
    """Graphviz failed to lay out the map, with and without the columns."""
    source = _keep_source(dot, keep)
    return (
        f"Graphviz failed: {error} (also without the column constraints); nothing "
        f"was drawn. The map's DOT source is in {source} (fix: fold the map, "
        "--fold-above 100 (Python: fold_above=100), or draw it with a newer "
        "Graphviz (2.43 has layout bugs fixed since): "
        f"dot -T{fmt} {source}; the interactive page (.html) draws without "
        "Graphviz)"
    )


def _timeout_message(
    dot: str, fmt: str, limit: float, keep: str | os.PathLike[str] | None
) -> str:
    """Say what happened, save the DOT source, and say what to do next."""
    source = _keep_source(dot, keep)
    target = source[:-4] if source.endswith(f".{fmt}.dot") else f"map.{fmt}"
    boxes = len(re.findall(r'^ +"(?:[^"\\]|\\.)*" \[label=', dot, re.M))
    return (
        f"Graphviz did not finish laying out the map ({boxes:,} boxes) in "
        f"{limit:g} s and was stopped; nothing was drawn. The map's DOT source is "
        f"in {source} (to draw it without a limit: dot -T{fmt} {source} -o "
        f"{target}). To draw fewer boxes, fold the map: --fold-above 200 (Python: "
        f"fold_above=200); to allow more time: --timeout {max(4 * limit, 300):g} "
        "(Python: timeout=)."
    )


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


def svg_text(marks: Marks, *, timeout: float | None = None) -> str:
    """The marked map drawn as SVG, without the XML prologue (to embed in HTML).

    Raises
    ------
    pathgraph.MissingDependencyError
        When Graphviz's ``dot`` is not installed.
    pathgraph.RenderError
        When Graphviz fails or takes longer than ``timeout`` (default
        :data:`DOT_TIMEOUT`).
    """
    raw = render_dot(dot_source(marks), "svg", timeout=timeout).decode("utf-8")
    return raw[raw.find("<svg") :]


def write_rendered(dot: str, path: Path, *, timeout: float | None = None) -> None:
    """Write DOT text, or what ``dot`` draws from it, atomically by suffix.

    When ``dot`` takes longer than ``timeout`` (default :data:`DOT_TIMEOUT`),
    nothing is written at ``path``; the DOT text goes to ``path`` with ``.dot``
    added (``map.svg.dot``) and the :class:`~pathgraph.RenderError` says so.
    """
    fmt = path.suffix.lower().lstrip(".")
    if fmt in ("dot", "gv"):
        atomic_write(path, dot)
    elif fmt in ("svg", "png", "pdf"):
        keep = path.with_name(path.name + ".dot")
        atomic_write(path, render_dot(dot, fmt, timeout=timeout, keep=keep))
    else:
        raise ArgumentError(
            f"cannot draw {path.name!r}: use .svg, .png, .pdf, .dot or .html"
        )
