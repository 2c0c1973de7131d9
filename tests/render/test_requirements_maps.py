"""Maps of the requirement language: conditions, assessments, courses as options.

What is drawn is decided by :func:`pathgraph.render.marking.drawn_nodes`, checked
here against a brute-force fixpoint on random graphs; condition and assessment
nodes are checked for shape, text, escaping and determinism in DOT and HTML; the
layout against its definition (a condition between its options and its owner);
folding, lanes and routes (a router may hide the conditions it meets on the way).
"""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path
from types import SimpleNamespace as S
from typing import Any

import networkx as nx
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import pathgraph
from pathgraph import render
from pathgraph.io.ctdl import read_ctdl
from pathgraph.io.native import loads_yaml
from pathgraph.render.conditions import custom_label, roots, rule_text, rule_words
from pathgraph.render.graphviz import dot_quote, dot_source
from pathgraph.render.html import _payload
from pathgraph.render.levels import levels
from pathgraph.render.marking import DRAWN_KINDS, drawn_nodes, is_drawn, mark
from pathgraph.render.route_map import action_words, route_page, route_to_confirm
from pathgraph.render.style import EDGE_STYLE, NODE_STYLE, TO_CONFIRM_MARK
from tests.strategies import HOSTILE

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")


def nested_doc(
    name: str = "Core", confirm: str = "minimum grade C", exam: str = "A+ exams"
) -> dict[str, Any]:
    """A small pathway: a credential earned by nested conditions (any of a course,
    both OS courses, or 6 credits of electives to confirm) and an exam; a job."""
    return {
        "pathgraph": 1,
        "title": "Nested",
        "credentials": [
            {"id": "aplus", "label": "CompTIA A+", "lane": "IT"},
            {
                "id": "netspec",
                "label": "Network Specialist",
                "lane": "IT",
                "qualifies_for": ["tech"],
                "earned_by": [
                    "aplus",
                    {
                        "any": [
                            "net1",
                            {"all": ["os1", "os2"]},
                            {
                                "credits": 6,
                                "of": ["e1", "e2", "e3"],
                                "to_confirm": [confirm],
                            },
                        ]
                    },
                ],
            },
        ],
        "occupations": [{"id": "tech", "label": "Network tech", "wage_median": 60000}],
        "courses": [
            {
                "id": "net1",
                "label": "Networking I",
                "credits": 3,
                "months": 4,
                "cost": 450,
            },
            {"id": "os1", "label": "OS I", "credits": 3, "months": 4},
            {"id": "os2", "label": "OS II", "credits": 3, "months": 4},
            {"id": "e1", "label": "E1", "credits": 3, "months": 1},
            {"id": "e2", "label": "E2", "credits": 3, "months": 1},
            {"id": "e3", "label": "E3", "credits": 3, "months": 1},
            {"id": "loose", "label": "Not needed by anything", "credits": 3},
        ],
        "assessments": [
            {
                "id": "aplus-exam",
                "label": exam,
                "assessment_type": "exam",
                "months": 1,
                "cost": 500,
                "awards": ["aplus"],
            },
            {
                "id": "lic",
                "label": "Licence exam",
                "assessment_type": "licensure",
                "cost": 200,
            },
        ],
        "conditions": [
            {
                "id": "core",
                "label": name,
                "need": 1,
                "of": ["net1", {"all": ["os1", "os2"]}],
            }
        ],
    }


def nested_graph(**kw: str) -> nx.MultiDiGraph:
    text = yaml.safe_dump(nested_doc(**kw), sort_keys=False, allow_unicode=True)
    return pathgraph.to_graph(loads_yaml(text, "nested.yaml"))


@pytest.fixture
def G() -> nx.MultiDiGraph:
    return nested_graph()


def node_line(dot: str, n: str) -> str:
    return next(
        ln for ln in dot.splitlines() if ln.strip().startswith(dot_quote(n) + " [")
    )


CONDITIONS = [
    "core",
    "core.1",
    "netspec:earn",
    "netspec:earn.1",
    "netspec:earn.1.1",
    "netspec:earn.1.2",
]


# -- what is drawn ----------------------------------------------------------------


def test_what_is_drawn(G) -> None:
    """Every condition (an orphan one too), both assessments, the courses that are
    options; not the course nothing needs."""
    drawn = set(drawn_nodes(G, "programs", False))
    assert set(CONDITIONS) <= drawn
    assert {"aplus-exam", "lic", "net1", "os1", "e3"} <= drawn
    assert "loose" not in drawn
    assert "loose" in drawn_nodes(G, "courses", False)
    assert {"occupation", "credential", "program", "assessment"} == DRAWN_KINDS
    assert [
        is_drawn(k, "programs", False) for k in ("course", "condition", "service")
    ] == [
        False,
        False,
        False,
    ]


def brute_drawn(G: nx.MultiDiGraph, detail: str, context: bool) -> set[Any]:
    """The definition, applied edge by edge until nothing changes."""
    kind = dict(G.nodes(data="kind"))
    out = {n for n, k in kind.items() if is_drawn(k, detail, context)}
    out |= {
        n
        for n, k in kind.items()
        if k == "condition"
        and all(
            d["kind"] not in ("requires", "awards")
            for _, _, d in G.out_edges(n, data=True)
        )
    }
    while True:
        more = {
            u
            for u, v, d in G.edges(data=True)
            if v in out
            and (
                (
                    d["kind"] in ("requires", "prerequisite_of", "corequisite_of")
                    and kind[u] in ("course", "condition")
                )
                or (d["kind"] == "awards" and kind[u] == "condition")
            )
        } - out
        if not more:
            return out
        out |= more


KINDS = [
    "program",
    "credential",
    "occupation",
    "course",
    "assessment",
    "condition",
    "provider",
]
EDGE_KINDS = [
    "requires",
    "awards",
    "prerequisite_of",
    "corequisite_of",
    "qualifies_for",
    "offered_by",
]


@st.composite
def random_graphs(draw: st.DrawFn) -> nx.MultiDiGraph:
    n = draw(st.integers(1, 9))
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(f"n{i}", kind=draw(st.sampled_from(KINDS)), label=f"N{i}")
    for _ in range(draw(st.integers(0, 14))):
        u, v = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        G.add_edge(f"n{u}", f"n{v}", kind=draw(st.sampled_from(EDGE_KINDS)))
    return G


@given(random_graphs(), st.sampled_from(["programs", "courses"]), st.booleans())
def test_drawn_nodes_match_the_definition(G, detail: str, context: bool) -> None:
    assert drawn_nodes(G, detail, context) == sorted(
        brute_drawn(G, detail, context), key=str
    )


def test_conditions_are_drawn_in_dot_and_html(G) -> None:
    """Fails when conditions are left off the map: each one is a node of both."""
    dot = render.to_dot(G)
    payload = _payload(mark(G), {})
    drawn_html = {n["id"] for n in payload["nodes"]}
    for c in CONDITIONS:
        line = node_line(dot, c)
        assert "shape=ellipse," in line and "fontsize=9" in line, line
        assert c in drawn_html
    assert "is an option of" in dot and "earns (when met)" in dot


# -- condition and assessment nodes ---------------------------------------------------


def test_condition_text_is_the_rule_and_the_label_is_in_the_tooltip(G) -> None:
    dot = render.to_dot(G)
    expect = {
        "netspec:earn": "all",
        "netspec:earn.1": "any",
        "netspec:earn.1.1": "all",
        "netspec:earn.1.2": "6 cr",
        "core": "any",
    }
    for c, rule in expect.items():
        line = node_line(dot, c)
        assert f"label=<<b>{rule}</b>" in line, line
        assert f"tooltip={dot_quote(G.nodes[c]['label']).rstrip(chr(34))}" in line
    # generated labels are not drawn on the node; a written one ("Core") is
    earn = node_line(dot, "netspec:earn.1")
    assert "any of: Networking I" not in earn.split("tooltip=")[0]
    assert ">Core</font>" in node_line(dot, "core")
    confirm = node_line(dot, "netspec:earn.1.2")
    assert TO_CONFIRM_MARK in confirm and 'style="filled,dashed"' in confirm
    assert "\\nto confirm: minimum grade C" in confirm
    assert TO_CONFIRM_MARK not in node_line(dot, "netspec:earn.1")
    assert "counted as met for planning" in dot  # the legend explains the mark


def test_condition_edges_read_option_of_and_earns(G) -> None:
    m = mark(G)
    kinds = {(e.source, e.target): e.kind for e in m.edges}
    assert kinds[("e1", "netspec:earn.1.2")] == "option_of"
    assert kinds[("netspec:earn.1", "netspec:earn")] == "option_of"
    assert kinds[("netspec:earn", "netspec")] == "earns"
    assert kinds[("aplus-exam", "aplus")] == "awards"
    dot = render.to_dot(G)
    st = EDGE_STYLE["earns"]
    assert f'"netspec:earn" -> "netspec" [color="{st.color}", style={st.style}]' in dot


def test_assessment_nodes(G) -> None:
    dot = render.to_dot(G)
    line = node_line(dot, "aplus-exam")
    assert "shape=hexagon," in line and "exam" in line and "1 month · $500" in line
    assert "licensure exam" in node_line(dot, "lic")
    assert NODE_STYLE["assessment"].title.startswith("assessment (exam, licensure")
    assert "assessment (exam, licensure...)" in dot  # legend entry
    payload = _payload(mark(G), {})
    legend = {k["kind"] for k in payload["legend"]}
    assert {"assessment", "condition", "course"} <= legend
    node = next(n for n in payload["nodes"] if n["id"] == "aplus-exam")
    assert node["shape"] == NODE_STYLE["assessment"].vis_shape
    assert ["cost", "500"] in node["card"]["rows"]


def test_condition_in_the_interactive_page(G) -> None:
    payload = _payload(mark(G), {})
    by = {n["id"]: n for n in payload["nodes"]}
    c = by["netspec:earn.1.2"]
    assert c["label"] == f"6 cr\n{TO_CONFIRM_MARK}" and c["small"] and c["dashed"]
    assert c["shape"] == "circle"
    rows = dict(map(tuple, c["card"]["rows"]))
    assert rows["rule"] == "options worth 6 credits together (of 3)"
    assert rows["options"] == "E1; E2; E3"
    assert rows["to confirm"] == "minimum grade C"
    assert c["card"]["title"] == "6 credits of: E1; E2; E3"
    assert by["core"]["label"] == "any\nCore" and not by["core"]["dashed"]


@pytest.mark.parametrize("evil", HOSTILE)
def test_hostile_condition_text_is_escaped(evil: str) -> None:
    G = nested_graph(name=evil, confirm=evil, exam=evil)
    dot = render.to_dot(G)
    for n in ("core", "netspec:earn.1.2", "aplus-exam"):
        line = node_line(dot, n)
        label = line.split("label=", 1)[1].split(", shape=", 1)[0]
        assert "<script>" not in label and '"]; x [' not in label.replace('\\"', "")
        tip = line.split("tooltip=", 1)[1]
        assert tip.startswith('"') and tip.endswith('"];')
        body = tip[1:-3]
        assert re.fullmatch(r'(?:[^"\\]|\\.)*', body), body  # every quote escaped
    page = render.to_html(G)
    assert page.count("</script>") == 3
    data = json.loads(page.split('id="pathgraph-data">')[1].split("</script>")[0])
    by = {n["id"]: n for n in data["nodes"]}
    assert ["to confirm", evil] in by["netspec:earn.1.2"]["card"]["rows"]
    if len(evil) <= 40:
        assert evil in by["core"]["label"]


@needs_dot
def test_hostile_condition_text_survives_graphviz(tmp_path: Path) -> None:
    evil = '<script>alert(1)</script>"]; x ['
    G = nested_graph(name=evil, confirm=evil, exam=evil)
    svg = render.write(G, tmp_path / "m.svg").read_text()
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_output_is_deterministic_whatever_the_insertion_order(G) -> None:
    H = nx.MultiDiGraph(**G.graph)
    nodes = list(G.nodes(data=True))
    edges = list(G.edges(data=True))
    random.Random(4).shuffle(nodes)
    random.Random(5).shuffle(edges)
    H.add_nodes_from(nodes)
    H.add_edges_from(edges)
    assert render.to_dot(G) == render.to_dot(G) == render.to_dot(H)
    assert json.dumps(_payload(mark(G), {}), sort_keys=True) == json.dumps(
        _payload(mark(H), {}), sort_keys=True
    )


@needs_dot
@pytest.mark.parametrize("suffix", [".svg", ".html"])
def test_files_are_byte_identical(G, tmp_path: Path, suffix: str) -> None:
    a = render.write(G, tmp_path / f"a{suffix}").read_bytes()
    b = render.write(G, tmp_path / f"b{suffix}").read_bytes()
    assert a == b


# -- rule text ----------------------------------------------------------------------


def _condition(
    need: int | None, credits: float | None, n: int
) -> tuple[nx.MultiDiGraph, str]:
    G = nx.MultiDiGraph()
    G.add_node(
        "c",
        kind="condition",
        **({"need": need} if need else {}),
        **({"credits": credits} if credits is not None else {}),
    )
    for i in range(n):
        G.add_node(f"o{i}", kind="course", credits=3)
        G.add_edge(f"o{i}", "c", kind="requires")
    return G, "c"


@pytest.mark.parametrize(
    ("need", "credits", "n", "rule", "words"),
    [
        (None, None, 3, "all", "all 3 options"),
        (None, None, 1, "all", "the 1 option"),
        (1, None, 3, "any", "any 1 of 3 options"),
        (2, None, 3, "2 of 3", "2 of 3 options"),
        (4, None, 3, "4 of 3", "4 of 3 options"),
        (None, 6, 3, "6 cr", "options worth 6 credits together (of 3)"),
        (2, 7.5, 3, "2 of 3 · 7.5 cr", "2 of 3 options, worth 7.5 credits together"),
        (3, 6, 3, "all · 6 cr", "all 3 options, worth 6 credits together"),
        (None, None, 0, "open", "open to anyone"),
    ],
)
def test_rule_text(need, credits, n, rule: str, words: str) -> None:
    G, c = _condition(need, credits, n)
    assert rule_text(G, c) == rule
    assert rule_words(rule, n) == words


def test_custom_label_is_only_a_written_one(G) -> None:
    assert custom_label(G, "core") == "Core"
    assert custom_label(G, "core.1") == ""  # generated: "all of: OS I; OS II"
    assert all(custom_label(G, c) == "" for c in CONDITIONS if c != "core")


# -- layout ---------------------------------------------------------------------------


def test_conditions_sit_between_options_and_owner(G) -> None:
    m = mark(G)
    lv = {n: x.level for n, x in m.nodes.items()}
    assert (
        lv["e1"]
        < lv["netspec:earn.1.2"]
        < lv["netspec:earn.1"]
        < lv["netspec:earn"]
        < lv["netspec"]
    )
    assert lv["netspec:earn"] == lv["netspec"] - 1
    assert lv["netspec:earn.1.1"] == lv["netspec:earn.1"] - 1  # next to its owner


@st.composite
def condition_dags(draw: st.DrawFn) -> nx.MultiDiGraph:
    """A random DAG (edges from lower to higher index) of records and conditions."""
    n = draw(st.integers(2, 10))
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(
            i,
            kind=draw(
                st.sampled_from(["condition", "condition", "course", "credential"])
            ),
        )
    for _ in range(draw(st.integers(0, 16))):
        u = draw(st.integers(0, n - 2))
        v = draw(st.integers(u + 1, n - 1))
        G.add_edge(u, v, kind=draw(st.sampled_from(["requires", "awards"])))
    return G


@given(condition_dags())
def test_levels_place_each_condition_next_to_its_owner(G) -> None:
    lv = levels(G)
    for u, v in G.edges():
        assert lv[u] < lv[v]  # still a layering: every edge points right
    for c, k in G.nodes(data="kind"):
        succ = [lv[s] for s in G.successors(c)]
        if k == "condition" and succ:
            assert lv[c] == min(succ) - 1


# -- lanes, folding --------------------------------------------------------------------


def test_conditions_are_drawn_in_their_owners_lane(G) -> None:
    m = mark(G)
    assert roots(G, set(m.nodes))["netspec:earn.1.2"] == "netspec"
    for c in ("netspec:earn", "netspec:earn.1", "netspec:earn.1.2"):
        assert m.nodes[c].lane == "IT"
    assert m.nodes["core"].lane == ""  # part of nothing
    assert "subgraph cluster_lane_" in render.to_dot(G)


def many_earned(n: int) -> nx.MultiDiGraph:
    """n credentials, each earned by a condition over two exams."""
    G = nx.MultiDiGraph(title="many")
    for i in range(n):
        G.add_node(f"cred{i}", kind="credential", label=f"C{i}")
        G.add_node(f"cond{i}", kind="condition", label=f"all of: A{i}; B{i}")
        G.add_edge(f"cond{i}", f"cred{i}", kind="awards")
        for x in "ab":
            G.add_node(f"{x}{i}", kind="assessment", label=f"{x.upper()}{i}")
            G.add_edge(f"{x}{i}", f"cond{i}", kind="requires")
    return G


def test_conditions_fold_with_their_owners_group() -> None:
    G = many_earned(30)
    m = mark(G, fold_above=20)
    assert m.folds
    where = {n: f for f in m.folds for n in f.members}
    for i in range(30):
        assert where.get(f"cond{i}") is where.get(f"cred{i}")
    assert not any("condition" in f.title for f in m.folds)
    creds = next(f for f in m.folds if f.title.startswith("credentials"))
    assert creds.level == min(m.hidden[f"cred{i}"].level for i in range(30))
    assert "30 credentials, 30 conditions" in creds.contents()


def test_conditions_met_on_a_route_never_fold() -> None:
    G = many_earned(30)
    route = S(
        nodes=("a3", "b3", "cred3"),
        steps=(S(node="a3"), S(node="b3", earns=()), S(node="cred3")),
    )
    m = mark(G, route=route, fold_above=20)
    assert "cond3" in m.nodes and m.nodes["cond3"].on_route
    assert not m.nodes["cond3"].faded


# -- routes ---------------------------------------------------------------------------


def new_style_route() -> Any:
    """A route as a router that hides the conditions it meets on the way gives it
    (Step.counts_toward, Route.to_confirm, meet steps only when they earn)."""

    def step(node, action, label, months=0.0, cost=0.0, earns=(), toward=()):
        return S(
            node=node,
            action=action,
            label=label,
            months=months,
            cost=cost,
            total_months=0,
            total_cost=0,
            earns=earns,
            services=(),
            wage=None,
            counts_toward=toward,
        )

    steps = (
        step("aplus-exam", "pass", "A+ exams", 1, 500, ("aplus",), ("netspec:earn",)),
        step(
            "e1",
            "take",
            "E1",
            2,
            0,
            (),
            ("netspec:earn.1.2", "netspec:earn.1", "netspec:earn"),
        ),
        step(
            "e2",
            "take",
            "E2",
            2,
            0,
            (),
            ("netspec:earn.1.2", "netspec:earn.1", "netspec:earn"),
        ),
        step("netspec:earn", "meet", "all of: ...", earns=("netspec",)),
    )
    return S(
        goal="netspec",
        steps=steps,
        nodes=("aplus-exam", "aplus", "e1", "e2", "netspec:earn", "netspec"),
        holds_before=(),
        holds_after=(
            "aplus",
            "aplus-exam",
            "e1",
            "e2",
            "netspec",
            "netspec:earn",
            "netspec:earn.1",
            "netspec:earn.1.2",
        ),
        to_confirm=("6 credits of: E1; E2; E3: minimum grade C",),
        months=5,
        cost=500,
        optimal=True,
    )


def test_route_goes_through_the_conditions_it_meets(G) -> None:
    route = new_style_route()
    m = mark(G, route=route)
    for c in ("netspec:earn.1.2", "netspec:earn.1"):  # met, listed as no step
        assert m.nodes[c].on_route and not m.nodes[c].faded and m.nodes[c].step is None
    assert m.nodes["netspec:earn"].step == 4
    assert m.nodes["netspec:earn.1.1"].faded and m.nodes["core"].faded
    on = {(e.source, e.target) for e in m.edges if e.on_route}
    assert {
        ("e1", "netspec:earn.1.2"),
        ("netspec:earn.1.2", "netspec:earn.1"),
        ("netspec:earn", "netspec"),
    } <= on
    assert ("os1", "netspec:earn.1.1") not in on
    dot = dot_source(m)
    assert "<b>4. all</b>" in node_line(dot, "netspec:earn")
    assert 'color="#111111", penwidth=2.6' in node_line(dot, "netspec:earn.1")


def test_route_sheet_reads_the_new_actions(G) -> None:
    page = route_page(G, new_style_route())
    assert "<td>pass exam</td>" in page and "<td>take course</td>" in page
    assert "<td>earn by meeting</td>" in page and "<b>Network Specialist</b>" in page
    assert "counts toward Network Specialist" in page  # a condition: what it earns
    assert "<h2>To confirm</h2>" in page and "minimum grade C</li>" in page


def test_route_without_the_new_fields(G) -> None:
    """An older route (no counts_toward, no to_confirm, every meet listed): the
    items to confirm come from the conditions it meets."""
    route = new_style_route()
    old = S(**{k: v for k, v in vars(route).items() if k != "to_confirm"})
    old.steps = tuple(
        S(**{k: v for k, v in vars(s).items() if k != "counts_toward"})
        for s in route.steps
    )
    assert route_to_confirm(G, old) == ("6 credits of: E1; E2; E3: minimum grade C",)
    page = route_page(G, old)
    assert "counts toward" not in page and "minimum grade C</li>" in page


@pytest.mark.parametrize("evil", HOSTILE)
def test_route_sheet_escapes(evil: str) -> None:
    G = nested_graph(confirm=evil, exam=evil)
    route = new_style_route()
    route.to_confirm = (f"x: {evil}",)
    route.steps[0].label = evil
    page = route_page(G, route)
    body = page.split("<body>", 1)[1]
    if any(c in evil for c in "<>&"):
        assert evil not in body
    assert page.count("<script") == 0


def test_real_route_map(G, tmp_path: Path) -> None:
    """The route the router finds, whichever version of it: every step is on the
    sheet in words, the route runs through the conditions it meets."""
    route = pathgraph.route(G, "tech")
    if route.goal != "tech":
        pytest.skip("this router does not yet earn a credential by its conditions")
    page = render.route_map(G, route, tmp_path / "r.html").read_text()
    for s in route.steps:
        assert f"<td>{action_words(G, s)}</td>" in page
    assert "minimum grade C</li>" in page  # E1-E3 are the cheapest branch
    m = mark(G, route=route)
    assert m.nodes["netspec:earn.1.2"].on_route and m.nodes["netspec:earn"].on_route
    assert m.nodes["netspec:earn.1.1"].faded


# -- open conditions: written on their credentials ------------------------------------


def open_graph() -> nx.MultiDiGraph:
    """Two badges earned by open conditions (one of them also by a program), and
    conditions that are not open or do more than award: each drawn."""
    G = nx.MultiDiGraph()
    for n in ("a", "b", "c", "d"):
        G.add_node(n, kind="credential", label=f"Badge {n.upper()}")
    G.add_node("p", kind="program", label="Program")
    G.add_node("x", kind="course", label="Course")
    G.add_node("a/open", kind="condition", label="A: open")
    G.add_node("b/open", kind="condition", label="B: open")
    G.add_node("c/confirm", kind="condition", to_confirm=["portfolio reviewed"])
    G.add_node("d/open", kind="condition", label="D: open")
    G.add_node("e/options", kind="condition", label="E")
    edges = [
        ("a/open", "a", "awards"),
        ("b/open", "b", "awards"),
        ("p", "b", "awards"),
        ("c/confirm", "c", "awards"),
        ("d/open", "d", "awards"),
        ("d/open", "p", "requires"),  # also an option: drawn
        ("x", "e/options", "requires"),
        ("e/options", "d", "awards"),
    ]
    for u, v, k in edges:
        G.add_edge(u, v, kind=k)
    return G


def brute_open(G: nx.MultiDiGraph, drawn: list[str]) -> set[str]:
    """The definition, record by record: a drawn condition with no option, no
    need, credits or to_confirm, whose every edge out awards a drawn credential."""
    out = set()
    for n in drawn:
        a = G.nodes[n]
        if a.get("kind") != "condition" or any(
            a.get(f) for f in ("need", "credits", "to_confirm")
        ):
            continue
        ins = [k for _, _, k in G.in_edges(n, data="kind")]
        if any(k in ("requires", "prerequisite_of", "corequisite_of") for k in ins):
            continue
        outs = list(G.out_edges(n, data="kind"))
        if outs and all(
            k == "awards" and v in drawn and G.nodes[v].get("kind") == "credential"
            for _, v, k in outs
        ):
            out.add(n)
    return out


def test_open_conditions_are_written_on_their_credentials() -> None:
    G = open_graph()
    m = mark(G, fold_above=None)
    assert {"a/open", "b/open"}.isdisjoint(m.nodes)
    assert {"c/confirm", "d/open", "e/options"} <= set(m.nodes)
    assert {n for n, x in m.nodes.items() if x.open} == {"a", "b"}
    dot = render.to_dot(G)
    assert "open to anyone" in node_line(dot, "a")
    assert "open to anyone" not in node_line(dot, "c")
    assert '"a/open"' not in dot and '"b/open" ->' not in dot
    assert '"p" -> "b"' in dot  # the program's awards edge stays
    payload = _payload(m, {})
    label = next(n["label"] for n in payload["nodes"] if n["id"] == "a")
    assert label.endswith("open to anyone")


def test_an_open_condition_with_a_finding_or_outlined_is_drawn() -> None:
    G = open_graph()
    assert "a/open" in mark(G, highlight=["a/open"]).nodes
    found = S(
        findings=[
            S(code="PG999", rule="r", severity="warning", node="b/open", message="m")
        ]
    )
    m = mark(G, report=found)
    assert "b/open" in m.nodes and not m.nodes["b"].open


@given(random_graphs())
def test_open_conditions_match_the_definition(G) -> None:
    drawn = drawn_nodes(G, "programs", False)
    m = mark(G, fold_above=None)
    left_out = brute_open(G, drawn)
    assert set(m.nodes) == set(drawn) - left_out
    awarded = {v for n in left_out for _, v in G.out_edges(n)}
    assert {n for n, x in m.nodes.items() if x.open} == awarded


def test_badgr_map_writes_88_open_conditions_on_their_badges(
    shared_data: Path,
) -> None:
    """Credential Engine's Badgr pathway: 88 of its 217 records are open
    conditions (badges with no conditions); the map draws 129 boxes, not 217."""
    path = shared_data / "ctdl" / "Badgr_EmpoweringTeachingExcellence.json"
    G = pathgraph.to_graph(read_ctdl(path))
    assert len(drawn_nodes(G, "programs", False)) == 217
    m = mark(G, fold_above=None)
    assert len(m.nodes) == 129
    assert sum(x.open for x in m.nodes.values()) == 88
