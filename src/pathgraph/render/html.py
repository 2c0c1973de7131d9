"""The interactive pathway map: one self-contained HTML page that works offline.

The page inlines vis-network (the JavaScript library pyvis ships, taken from the
installed pyvis package) instead of loading it from a CDN, and is written by
pathgraph's own template rather than pyvis's, for three reasons: pyvis 0.3.2's
template puts node data into a ``<script>`` with ``json.dumps``, so a label containing
``</script>`` breaks out of it; it loads its scripts from the network; and its element
ids are random, so output is not reproducible.

Safety: the data travels in a ``<script type="application/json">`` block with ``<``,
``>`` and ``&`` written as ``\\u003c``-style escapes, so no label can close it; vis
draws labels on a canvas as text; the hover card is built from DOM text nodes
(``textContent``), never from HTML strings. The page references nothing remote.
"""

from __future__ import annotations

import html
import importlib.util
import json
import os
import re
import shutil
import string
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

import networkx as nx

from pathgraph._files import atomic_write
from pathgraph.contract import CONTEXT_NODE_KINDS
from pathgraph.errors import MissingDependencyError
from pathgraph.model import Pathway
from pathgraph.render.conditions import condition_options
from pathgraph.render.folding import FOLD_ABOVE, FOLD_KIND, Fold, fold_note, grid
from pathgraph.render.graphviz import (
    DotFailedError,
    dot_source,
    node_details,
    render_dot,
)
from pathgraph.render.marking import (
    EdgeMark,
    Marks,
    NodeMark,
    ReportLike,
    RouteLike,
    mark,
)
from pathgraph.render.style import (
    EDGE_STYLE,
    FADED_FILL,
    FADED_LINE,
    HIGHLIGHT_COLOR,
    NODE_STYLE,
    ROUTE_COLOR,
    SEVERITY_COLOR,
    TO_CONFIRM_MARK,
)
from pathgraph.render.words import (
    dot_language,
    kind_word,
    page_words,
    tr,
    words_language,
)

__all__ = [
    "html_page",
    "js_words",
    "json_for_html",
    "rule_code",
    "rule_sentence",
    "template",
    "to_html",
]

_CARD_FIELDS = (
    "soc",
    "wage_median",
    "wage_p25",
    "wage_p75",
    "openings",
    "job_zone",
    "career_level",
    "credential_type",
    "industry_recognized",
    "issuer",
    "credits",
    "months",
    "cost",
    "modality",
    "schedule",
    "cip",
    "iet",
    "bridge",
    "earn_while_learning",
    "completers",
    "roles",
    "service_type",
    "url",
)


def json_for_html(value: Any) -> str:
    """JSON text safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` (and the JavaScript line separators) are written as
    ``\\u`` escapes, so no string in the data can end the element.

    Examples
    --------
    >>> json_for_html({"label": "</script><b>"})
    '{"label": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and styles, read from the installed pyvis package.

    The package is found without being imported: importing pyvis loads IPython
    (about a second), and only its files are needed.
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        raise MissingDependencyError("the HTML map needs pyvis: pip install pyvis")
    base = Path(next(iter(spec.submodule_search_locations))).resolve()
    for folder in (
        base / "templates" / "lib" / "vis-9.1.2",
        base / "lib" / "vis-9.1.2",
    ):
        js, css = folder / "vis-network.min.js", folder / "vis-network.css"
        if js.is_file() and css.is_file():
            return js.read_text(encoding="utf-8"), css.read_text(encoding="utf-8")
    raise MissingDependencyError(  # pragma: no cover
        "vis-network was not found in the installed pyvis package; reinstall pyvis"
    )


@dataclass(frozen=True)
class _Words:
    """The page's own words (:func:`pathgraph.render.words.page_words`) and the
    language they are in."""

    words: dict[str, str]
    lang: str

    @property
    def english(self) -> bool:
        return self.lang.split("-")[0] == "en"

    def __getitem__(self, key: str) -> str:
        return self.words[key]

    def kind(self, kind: object) -> str:
        """A record kind as a card and the outline name it (in English: the
        kind itself, as the data says it)."""
        return str(kind) if self.english else kind_word(self.words, str(kind))

    def value(self, value: object) -> str:
        """A card's value: ``True``, or a word of the data's vocabulary
        (``in_person``), in the page's language when it has one (call inside
        :func:`~pathgraph.render.words.dot_language`)."""
        if value is True:
            return self.words["yes"]
        text = str(value)
        said = tr(text.replace("_", " "))
        return text if said == text.replace("_", " ") else said


def _page_words(lang: object) -> _Words:
    return _Words(page_words(lang), words_language(lang))


#: Fields whose values are words of the data's vocabulary (translated on the card).
_WORD_FIELDS = frozenset(
    {"career_level", "credential_type", "modality", "schedule", "service_type"}
)


def _card(attrs: dict[str, Any], node: Any, words: _Words) -> list[list[str]]:
    rows = [[words["id"], str(node)], [words["kind"], words.kind(attrs.get("kind"))]]
    for key in _CARD_FIELDS:
        value = attrs.get(key)
        if value is None or value is False or value == [] or value == "":
            continue
        if isinstance(value, list):
            value = ", ".join(
                words.value(v) if key in _WORD_FIELDS or key == "roles" else str(v)
                for v in value
            )
        elif key in _WORD_FIELDS or value is True:
            value = words.value(value)
        rows.append([words[key], str(value)])
    if attrs.get("description"):
        rows.append([words["description"], str(attrs["description"])])
    return rows


#: Pixels between the columns and rows of an opened group on the page.
COLUMN_PX, ROW_PX = 230, 100


def _dot_positions(
    marks: Marks,
    *,
    timeout: float | None = None,
    keep: str | os.PathLike[str] | None = None,
) -> dict[str, tuple[int, int]]:
    """Node centres from Graphviz's layout of the same map ({} without ``dot``, or
    when it fails: the page never breaks because of Graphviz; only running out of
    time is an error, as for the static map).

    The interactive map then matches the static one: lanes kept together, edge
    crossings reduced by ``dot``; vis-network's own hierarchical layout is the
    fallback. The layout is of the unmarked map (no step numbers or rule codes in
    the labels), so marking a report or route does not move nodes. Coordinates are
    rounded to whole pixels, y pointing down. ``timeout`` and ``keep`` are those
    of :func:`~pathgraph.render.graphviz.render_dot`.
    """
    if shutil.which("dot") is None:
        return {}
    dot = dot_source(marks.plain(), legend=False)
    try:
        layout = json.loads(render_dot(dot, "json", timeout=timeout, keep=keep))
    except (DotFailedError, ValueError):  # the page lays itself out instead
        return {}
    top = float(str(layout.get("bb", "0,0,0,0")).split(",")[3])
    out: dict[str, tuple[int, int]] = {}
    for obj in layout.get("objects", []):
        pos = obj.get("pos")
        if pos and "nodes" not in obj:
            x, y = (float(c) for c in str(pos).split(",")[:2])
            out[str(obj["name"])] = (round(x * 1.2), round((top - y) * 1.7))
    return out


def to_html(
    G: nx.MultiDiGraph | Pathway,
    path: str | os.PathLike[str] | None = None,
    *,
    highlight: Iterable[str] | None = None,
    report: ReportLike | None = None,
    route: RouteLike | None = None,
    context: bool = False,
    title: str | None = None,
    height: str = "780px",
    fold_above: int | None = FOLD_ABOVE,
    timeout: float | None = None,
) -> str:
    """The interactive pathway map as one offline HTML page (written to ``path``).

    Levels run left to right; hovering or clicking a node shows a card with its
    details; check boxes filter by kind; findings and the route are marked as in
    :func:`pathgraph.render.to_dot`. Output is deterministic. Nodes are placed
    where Graphviz's ``dot`` places them on the static map (levels left to right,
    lanes together) when ``dot`` is installed, else by vis-network's hierarchical
    layout on the same levels.

    Parameters
    ----------
    G
        A pathway graph or Pathway. It is not modified.
    path
        Where to write the page (atomically); ``None`` only returns it.
    highlight, report, route, context, title
        As for :func:`pathgraph.render.to_dot`.
    height
        CSS height of the map.
    fold_above
        Above this many drawn records the map is folded as in
        :func:`~pathgraph.render.to_dot`; each summary box opens on the page
        when clicked, or from its button above the map (``None``: never fold).
    timeout
        Seconds Graphviz may take to place the nodes (default
        :data:`~pathgraph.render.graphviz.DOT_TIMEOUT`); past it a
        :class:`~pathgraph.RenderError` says where the DOT source was kept
        (``path`` with ``.dot`` added) and nothing is written at ``path``.

    Returns
    -------
    str
        The page.

    Examples
    --------
    >>> import pathgraph
    >>> page = pathgraph.render.to_html(pathgraph.load_example("bht"))
    >>> "vis.Network" in page and "https://" not in page.split("<body")[1]
    True
    """
    marks = mark(
        G,
        report=report,
        route=route,
        highlight=highlight,
        context=context,
        fold_above=fold_above,
    )
    keep = None if path is None else Path(path).with_name(Path(path).name + ".dot")
    page = html_page(marks, title=title, height=height, timeout=timeout, keep=keep)
    if path is not None:
        atomic_write(path, page)
    return page


def html_page(
    marks: Marks,
    *,
    title: str | None = None,
    height: str = "780px",
    timeout: float | None = None,
    keep: str | os.PathLike[str] | None = None,
) -> str:
    """The interactive page of a marked map (see :func:`to_html`).

    Examples
    --------
    >>> import pathgraph
    >>> page = html_page(mark(pathgraph.load_example("bht")), title="<BHT>")
    >>> "<title>&lt;BHT&gt;</title>" in page
    True
    """
    vis_js, vis_css = _vis_assets()
    lang = marks.graph.graph.get("lang")
    lang = lang if isinstance(lang, str) and lang else "en"
    words = _page_words(lang)
    heading = (
        title
        if title is not None
        else str(marks.graph.graph.get("title", words["map title"]))
    )
    data = _payload(marks, _dot_positions(marks, timeout=timeout, keep=keep))
    return Template(template("map.html")).substitute(
        title=html.escape(heading),
        lang=html.escape(lang),
        vis_css=vis_css,
        vis_js=_script_text(vis_js),
        map_css=Template(template("map.css")).substitute(height=html.escape(height)),
        data=json_for_html(data),
        app=_script_text(Template(template("map.js")).substitute(_map_js(words))),
        **_page_text(words),
        **_fold_parts(marks, words),
    )


def _page_text(words: _Words) -> dict[str, str]:
    """The page's own words in ``map.html``, escaped for HTML."""
    keys = ("map label", "card hint", "outline", "outline hint", "show all")
    out = {k.replace(" ", "_"): html.escape(words[k]) for k in keys}
    out["words_lang"] = html.escape(words.lang)
    return out


def js_words(text: str, **exprs: str) -> str:
    """A JavaScript expression for ``text``: its literal parts as JSON strings
    safe in a ``<script>`` (:func:`json_for_html`), each ``{field}`` the JavaScript
    expression ``exprs[field]``, joined with ``+``.

    Examples
    --------
    >>> print(js_words("Column {n}", n="(lv + 1)"))
    "Column " + (lv + 1)
    >>> print(js_words("{n} grupos </script>", n="k"))
    k + " grupos \\u003c/script\\u003e"
    >>> js_words("")
    '""'
    """
    parts = []
    for literal, field, _, _ in string.Formatter().parse(text):
        if literal:
            parts.append(json_for_html(literal))
        if field is not None:
            parts.append(exprs[field])
    return " + ".join(parts) or '""'


def _map_js(words: _Words) -> dict[str, str]:
    """The words ``map.js`` writes, as JavaScript expressions."""
    if words.english:
        kind_name = "n.kind"  # the kind as the data says it
    else:
        kinds = {k: words.kind(k) for k in (*NODE_STYLE, FOLD_KIND)}
        kind_name = f"({json_for_html(kinds)}[n.kind] || n.kind)"
    return {
        "other_records": js_words(words["other records"]),
        "column": js_words(words["column"], n="(lv + 1)"),
        "kind_name": kind_name,
    }


def _fold_js(words: _Words) -> dict[str, str]:
    """The words ``fold.js`` writes, as JavaScript expressions."""
    before, _, after = words["opened"].partition("{groups}")
    return {
        "opened_before": js_words(before),
        "opened_after": js_words(after),
        "n_groups": js_words(words["groups"], n="done.length"),
        "open_all": js_words(words["open all"], n="folds.groups.length"),
    }


def _fold_parts(marks: Marks, words: _Words) -> dict[str, str]:
    """The note, styles and script of a folded page (empty when nothing is folded)."""
    if not marks.folds:
        return {"fold_css": "", "fold_panel": "", "fold_app": ""}
    records = len(marks.nodes) - len(marks.folds) + len(marks.hidden)
    note = fold_note(
        marks.folds, records, marks.fold_above, interactive=True, lang=words.lang
    )
    return {
        "fold_css": template("fold.css"),
        "fold_panel": Template(template("fold.html")).substitute(
            note=html.escape(note), folded_groups=html.escape(words["folded groups"])
        ),
        "fold_app": _script_text(
            Template(template("fold.js")).substitute(_fold_js(words))
        ),
    }


def _script_text(js: str) -> str:
    """JavaScript that cannot end its ``<script>`` element early."""
    return js.replace("</script", "<\\/script")


@cache
def template(name: str) -> str:
    """A file of the page's template (``map.html``, ``map.css``, ``map.js``; for
    folded maps ``fold.html``, ``fold.css``, ``fold.js``).

    Examples
    --------
    >>> template("map.js").startswith("(function () {")
    True
    """
    files = resources.files("pathgraph.render") / "templates"
    return (files / name).read_text(encoding="utf-8")


def _node_data(
    m: NodeMark, marks: Marks, placed: dict[str, tuple[int, int]], words: _Words
) -> dict[str, Any]:
    if m.kind == FOLD_KIND:
        return _summary_data(m, placed, words, marks.folds)
    attrs = marks.graph.nodes[m.node]
    st = NODE_STYLE[m.kind]
    if m.kind == "condition":
        lines, card = _condition_text(m, marks, words)
    else:
        lines = [f"{m.step}. {m.label}" if m.step is not None else m.label]
        lines += node_details(attrs)
        card = _card(attrs, m.node, words)
        if m.open:
            lines.append(words["open to anyone"])
    if m.services:
        card.append([words["supports"], ", ".join(m.services)])
    card += [[f"{f.code} {f.rule}", f.message] for f in m.findings]
    fill, border, width = st.fill, st.border, 1
    if m.faded:
        fill, border = FADED_FILL, FADED_LINE
    if m.on_route or m.step is not None:
        border, width = ROUTE_COLOR, 3
    if m.severity is not None:
        border, width = SEVERITY_COLOR[m.severity], 3
        lines.append("⚠ " + ", ".join(m.codes))
    if m.highlighted:
        border, width = HIGHLIGHT_COLOR, 4
    data: dict[str, Any] = {
        "id": str(m.node),
        "label": "\n".join(lines),
        "kind": m.kind,
        "level": m.level,
        "shape": st.vis_shape,
        "color": {
            "background": fill,
            "border": border,
            "highlight": {"background": fill, "border": border},
        },
        "borderWidth": width,
        "card": {"title": m.label, "rows": card},
    }
    if m.kind == "condition":
        data["small"] = True
        data["dashed"] = bool(m.to_confirm)
    if str(m.node) in placed:
        data["x"], data["y"] = placed[str(m.node)]
    return data


def _condition_text(
    m: NodeMark, marks: Marks, words: _Words
) -> tuple[list[str], list[list[str]]]:
    """A condition's lines on the map (its rule, its name, the to-confirm mark)
    and its card: the rule in words, its options, what is to be confirmed."""
    G = marks.graph
    rule = rule_code(m.rule, words.words)
    lines = [f"{m.step}. {rule}" if m.step is not None else rule]
    if m.name:
        lines.append(m.name if len(m.name) <= 40 else m.name[:39].rstrip() + "…")
    if m.to_confirm:
        lines.append(TO_CONFIRM_MARK.replace("to confirm", words["to confirm"]))
    options = condition_options(G, m.node)
    card = [
        [words["id"], str(m.node)],
        [words["kind"], words.kind("condition")],
        [words["rule"], rule_sentence(m.rule, len(options), words.words)],
        [
            words["options"],
            "; ".join(str(G.nodes[o].get("label", o)) for o in options),
        ],
    ]
    card += [[words["to confirm"], t] for t in m.to_confirm]
    if G.nodes[m.node].get("description"):
        card.append([words["description"], str(G.nodes[m.node]["description"])])
    return lines, card


_OF = re.compile(r"(\d+) of (\d+)")


def rule_code(rule: str, words: dict[str, str]) -> str:
    """A condition's rule as its node shows it (:func:`~pathgraph.render.
    conditions.rule_text`: ``any``, ``2 of 3 · 6 cr``) in the language of
    ``words`` (:func:`~pathgraph.render.words.page_words`).

    Examples
    --------
    >>> from pathgraph.render.words import page_words
    >>> rule_code("2 of 3 · 6 cr", page_words("es")), rule_code("any", page_words("es"))
    ('2 de 3 · 6 cr', 'alguno')
    """

    def part(p: str) -> str:
        if p in ("all", "any", "open"):
            return words["rule " + p]
        found = _OF.fullmatch(p)
        if found:
            return words["rule of"].format(need=found[1], n=found[2])
        return p  # "6 cr"

    return " · ".join(part(p) for p in rule.split(" · "))


def rule_sentence(rule: str, options: int, words: dict[str, str]) -> str:
    """:func:`~pathgraph.render.conditions.rule_words` in the language of ``words``
    (in English the same words).

    Examples
    --------
    >>> from pathgraph.render.words import page_words
    >>> rule_sentence("2 of 3 · 6 cr", 3, page_words("es"))
    '2 de 3 opciones, que sumen 6 créditos'
    >>> from pathgraph.render.conditions import rule_words
    >>> rule_sentence("any", 3, page_words("en")) == rule_words("any", 3)
    True
    """
    if rule == "open":
        return words["open to anyone"]
    count, _, cr = rule.partition(" · ")
    if count.endswith(" cr"):
        count, cr = "", count
    if count == "all":
        said = words["all options"] if options > 1 else words["the option"]
    elif count == "any":
        said = words["any option" if options == 1 else "any options"]
    elif count:
        need = rule_code(count, words)
        said = words["need option" if options == 1 else "need options"]
        said = said.format(need=need)
    else:
        said = ""
    said = said.format(n=options)
    if not cr:
        return said
    credits = cr.removesuffix(" cr")
    if said:
        return words["with credits"].format(words=said, credits=credits)
    return words["credits of"].format(credits=credits, n=options)


def _summary_data(
    m: NodeMark,
    placed: dict[str, tuple[int, int]],
    words: _Words,
    folds: Iterable[Fold],
) -> dict[str, Any]:
    """A summary box: what is inside, and how to open it."""
    st = NODE_STYLE[FOLD_KIND]
    border, width = st.border, 2
    if m.severity is not None:
        border, width = SEVERITY_COLOR[m.severity], 3
    title, contents = m.label, m.contents
    fold = next((f for f in folds if f.node == m.node), None)
    if fold is not None and not words.english:
        title, contents = fold.title_in(words.lang), fold.contents(words.lang)
    count = f"{m.folded:,}"
    lines = [
        title,
        words["records folded"].format(n=count),
        contents,
        words["click to open"],
    ]
    rows = [
        [words["folded"], words["records"].format(n=count)],
        [words["inside"], contents],
    ]
    if m.codes:
        rows.append([words["findings"], ", ".join(m.codes)])
    rows.append([words["open"], words["how to open"]])
    data: dict[str, Any] = {
        "id": str(m.node),
        "label": "\n".join(lines),
        "kind": FOLD_KIND,
        "level": m.level,
        "shape": st.vis_shape,
        "color": {
            "background": FADED_FILL if m.faded else st.fill,
            "border": border,
            "highlight": {"background": st.fill, "border": border},
        },
        "borderWidth": width,
        "card": {"title": title, "rows": rows},
    }
    if str(m.node) in placed:
        data["x"], data["y"] = placed[str(m.node)]
    return data


def _edge_data(e: EdgeMark, has_route: bool) -> dict[str, Any]:
    es = EDGE_STYLE[e.kind]
    color, width = es.color, 2 if es.style == "bold" else 1
    if has_route:
        color, width = (ROUTE_COLOR, 3) if e.on_route else (FADED_LINE, 1)
    data: dict[str, Any] = {
        "id": f"e{e.index}",
        "from": str(e.source),
        "to": str(e.target),
        "kind": e.kind,
        "dashes": es.style in ("dashed", "dotted"),
        "color": {"color": color},
        "width": width,
        "arrows": "to",
    }
    if e.count:  # a line to or from a summary box
        data["count"] = e.count
        if e.count > 1:
            data["label"] = f"{e.count:,}×"
    return data


def _payload(marks: Marks, placed: dict[str, tuple[int, int]]) -> dict[str, Any]:
    """The data the page's script draws: nodes, edges, legends (in the graph's
    language, ``G.graph["lang"]``)."""
    lang = marks.graph.graph.get("lang")
    with dot_language(lang):
        return _payload_in(marks, placed, _page_words(lang))


def _payload_in(
    marks: Marks, placed: dict[str, tuple[int, int]], words: _Words
) -> dict[str, Any]:
    kinds = sorted(
        {m.kind for m in (*marks.nodes.values(), *marks.hidden.values())} - {FOLD_KIND}
    )
    edge_kinds = sorted({e.kind for e in (*marks.edges, *marks.hidden_edges)})
    out = {
        "nodes": [_node_data(m, marks, placed, words) for m in marks.nodes.values()],
        "edges": [_edge_data(e, marks.has_route) for e in marks.edges],
        "legend": [
            {
                "kind": k,
                "title": tr(NODE_STYLE[k].title),
                "fill": NODE_STYLE[k].fill,
                "border": NODE_STYLE[k].border,
            }
            for k in kinds
        ],
        "edgeLegend": [
            {
                "kind": k,
                "title": tr(EDGE_STYLE[k].title),
                "color": EDGE_STYLE[k].color,
            }
            for k in edge_kinds
        ],
        "context": sorted(CONTEXT_NODE_KINDS),
    }
    if marks.folds:
        out["folds"] = _fold_data(marks, words)
    return out


def _fold_data(marks: Marks, words: _Words) -> dict[str, Any]:
    """What the page needs to open each folded group: its records, placed on a grid
    from the summary box's position, and the edges touching folded records."""
    owner = {n: f for f in marks.folds for n in f.members}
    inside: dict[str, list[tuple[Any, Any]]] = {f.node: [] for f in marks.folds}
    for e in marks.hidden_edges:
        fu, fv = owner.get(e.source), owner.get(e.target)
        if fu is not None and fu is fv:
            inside[fu.node].append((e.source, e.target))
    groups = []
    for f in marks.folds:
        level = {n: marks.hidden[n].level for n in f.members}
        cells = grid(f.members, level, inside[f.node])
        members = []
        for n in f.members:
            col, row = cells[n]
            data = _node_data(marks.hidden[n], marks, {}, words)
            data["dx"], data["dy"] = col * COLUMN_PX, row * ROW_PX
            members.append(data)
        groups.append(
            {
                "id": f.node,
                "title": f.title_in(words.lang),
                "contents": f.contents(words.lang),
                "w": (1 + max(c for c, _ in cells.values())) * COLUMN_PX,
                "h": (1 + max(r for _, r in cells.values())) * ROW_PX,
                "members": members,
            }
        )
    return {
        "groups": groups,
        "edges": [_edge_data(e, marks.has_route) for e in marks.hidden_edges],
        "column": COLUMN_PX,
        "row": ROW_PX,
    }
