"""pathgraph.audit: hand-worked expectations on the examples, an oracle against
pathgraph.route on random pathways, user population files, the SVG chart."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pathgraph
from pathgraph.errors import FormatError, NoRouteError, UnknownNodeError
from pathgraph.populations import (
    BUILTIN_POPULATIONS,
    Audit,
    Population,
    audit,
    parse_populations,
    read_populations,
)
from tests.strategies import HOSTILE, pathway_graphs


@pytest.fixture(scope="module")
def bht() -> Audit:
    return audit(pathgraph.load_example("bht"))


@pytest.fixture(scope="module")
def it() -> Audit:
    return audit(pathgraph.load_example("it-support"))


def _cell(a: Audit, pop: str, dest: str) -> tuple[Any, ...]:
    c = a.cell(pop, dest)
    return (c.months, c.cost, c.cheapest_months, c.cheapest_cost)


# ------------------------------------------------------------ bht, by hand
#
# Destinations: the marked ones, behavioral-health-counselor and bht-assoc. The
# counselor job is qualified for by bht-assoc and has no months of its own, so its
# routes are bht-assoc's.
#
# Two ways to bht-assoc (awarded by bht-aas, 24 months, $5,504, requires hse):
#   direct: bht-aas                                        24 months  $5,504
#   ladder: tier1 (4, $0) + tier2 (4, $516) + tier3 (4, $516, needs hse)
#           + advanced (8, $1,290) + bht-aas after articulation (24-12 = 12
#           months, 5504-2838 = $2,666)                    32 months  $4,988
# hse comes from abe-ged (6 months, $0).


def test_bht_abe_by_hand(bht: Audit) -> None:
    # abe holds nothing: + abe-ged's 6 months on both ways.
    for d in ("bht-assoc", "behavioral-health-counselor"):
        assert _cell(bht, "abe", d) == (30, 5504, 38, 4988)
    assert bht.cell("abe", "bht-assoc").steps == ("abe-ged", "bht-aas")
    # esl holds nothing too: the same routes.
    assert _cell(bht, "esl", "bht-assoc") == (30, 5504, 38, 4988)


def test_bht_diploma_incumbent_baseline_by_hand(bht: Audit) -> None:
    # diploma holds hse; incumbent holds hse and psychiatric-aide (the entry-level
    # job; tier1 or tier2 qualify, a choice, so no credential is added): both go
    # straight to bht-aas. incumbent is the baseline (no restriction, 2 held > 1).
    for pop in ("diploma", "incumbent"):
        assert _cell(bht, pop, "bht-assoc") == (24, 5504, 32, 4988)
    c = bht.cell("abe", "bht-assoc")
    assert c.baseline == "incumbent"
    assert (c.extra_months, c.extra_cost) == (6, 0)  # 30-24, 4988-4988
    assert bht.cell("incumbent", "bht-assoc").extra_months == 0


def test_bht_constrained_populations_by_hand(bht: Audit) -> None:
    # working-adult: every program has an evening schedule (abe-ged: day and
    # evening), so nothing is avoided and the routes are the diploma holder's.
    assert bht.avoided["working-adult"] == ()
    assert _cell(bht, "working-adult", "bht-assoc") == (24, 5504, 32, 4988)
    # no-money: budget $0 and every way to bht-aas costs money.
    c = bht.cell("no-money", "bht-assoc")
    assert not c.reachable
    assert "budget" in c.reason
    assert "$4,988" in c.detail  # the cheapest route, named by the error
    # childcare: bht has no childcare service, so every program is avoided.
    assert len(bht.avoided["childcare"]) == 6
    c = bht.cell("childcare", "bht-assoc")
    assert not c.reachable
    assert c.reason == "requirement"
    # abe reaches both destinations: no finding.
    assert bht.findings == ()
    assert bht.ok


def test_bht_findings_when_only_constrained_populations_are_of_concern() -> None:
    pops = [
        Population(name="base", entry="diploma", of_concern=False),
        Population(name="broke", entry="diploma", budget=0),
        Population(name="kids", entry="diploma", childcare=True),
    ]
    a = audit(pathgraph.load_example("bht"), pops)
    assert a.findings == ("behavioral-health-counselor", "bht-assoc")
    assert not a.ok
    assert "broke, kids" in str(a)


# ------------------------------------------------------------ it-support, by hand
#
# One destination: network-admin, reached by advancing from network-support (36
# months). network-support: hired with network-plus or security-plus, or advance
# from help-desk (24 months). network-plus-exam (1 month, $369) needs net-110
# (4 months, $450), which needs ged or it-fundamentals. ibest-it (4 months, $0,
# open, no schedule or modality recorded) awards it-fundamentals; ged-tests (3
# months, $144) award ged. help-desk: a-plus (exam $506, 1 month, needs
# it-fundamentals or net-110) or the it-certificate.


def test_it_support_by_hand(it: Audit) -> None:
    d = "network-admin"
    # diploma (holds ged): net-110 + network-plus + 36 = 41 months, $819.
    # cheapest: ibest-it + a-plus + help-desk -> 24 -> 36 = 65 months, $506.
    assert _cell(it, "diploma", d) == (41, 819, 65, 506)
    # abe: ged-tests (3) + 41 = 44 months, $963 (ibest-it first would be 45);
    # cheapest as the diploma holder's.
    assert _cell(it, "abe", d) == (44, 963, 65, 506)
    # incumbent holds help-desk too: 41 months fastest; $0 by advancing 24 + 36.
    assert _cell(it, "incumbent", d) == (41, 819, 60, 0)
    # working-adult: ibest-it records no schedule or modality, so it is avoided;
    # the cheapest is then net-110 + network-plus ($819, the a-plus way costs
    # 450 + 506 = $956).
    assert it.avoided["working-adult"] == ("ibest-it",)
    assert _cell(it, "working-adult", d) == (41, 819, 41, 819)
    # no-money: every way to network-support pays an exam or a course.
    assert not it.cell("no-money", d).reachable
    # baseline: incumbent; abe pays 3 months and $506 more.
    c = it.cell("abe", d)
    assert (c.baseline, c.extra_months, c.extra_cost) == ("incumbent", 3, 506)


def test_cache_shares_calls_between_identical_constraints(bht: Audit) -> None:
    # 7 populations x 2 destinations x 2 weights = 28 without sharing. esl shares
    # abe's start (nothing held) and constraints: 2 x 2 = 4 calls saved;
    # working-adult shares diploma's (it avoids nothing in bht): 4 more; the two
    # unreachable populations skip the cost call: 2 x 2 = 4 more.
    assert bht.route_calls == 28 - 4 - 4 - 4


def test_json_is_deterministic_and_complete(bht: Audit) -> None:
    again = audit(pathgraph.load_example("bht"))
    assert bht.to_json() == again.to_json()
    data = json.loads(bht.to_json())
    assert [d["id"] for d in data["destinations"]] == [
        "behavioral-health-counselor",
        "bht-assoc",
    ]
    assert [p["name"] for p in data["populations"]] == [
        p.name for p in BUILTIN_POPULATIONS
    ]
    assert len(data["cells"]) == 14
    assert data["findings"] == []


def test_bad_arguments() -> None:
    G = pathgraph.load_example("bht")
    with pytest.raises(UnknownNodeError, match="nope"):
        audit(G, destinations=["nope"])
    with pytest.raises(UnknownNodeError, match="'x'"):
        audit(G, [Population(name="a", holds=("x",))])
    with pytest.raises(ValueError, match="repeat"):
        audit(G, [Population(name="a"), Population(name="a")])
    with pytest.raises(ValueError, match="at least one"):
        audit(G, [])


# ------------------------------------------------------------ oracle


def _oracle_avoid(G: nx.MultiDiGraph, pop: Population) -> set[str]:
    """docs/audit.md's definition, written again from the words."""
    avoid = set(pop.avoid)
    cared = {
        v
        for u, v, k in G.edges(data="kind")
        if k == "supports" and G.nodes[u].get("service_type") == "childcare"
    }
    for n, d in G.nodes(data=True):
        if d["kind"] != "program":
            continue
        if pop.schedule or pop.modality:
            ok = any(s in pop.schedule for s in d.get("schedule") or []) or (
                d.get("modality") is not None and d.get("modality") in pop.modality
            )
            if not ok:
                avoid.add(n)
        if pop.childcare and n not in cared:
            avoid.add(n)
    return avoid


populations = st.builds(
    Population,
    name=st.sampled_from(["p"]),
    entry=st.sampled_from([None, "abe", "esl", "diploma", "incumbent"]),
    budget=st.one_of(st.none(), st.sampled_from([0, 500, 5000, 100000])),
    max_months=st.one_of(st.none(), st.sampled_from([0, 6, 24, 120])),
    schedule=st.lists(st.sampled_from(["day", "evening", "weekend"]), max_size=2).map(
        tuple
    ),
    modality=st.lists(st.sampled_from(["online", "hybrid"]), max_size=1).map(tuple),
    childcare=st.booleans(),
    of_concern=st.booleans(),
)


#: Populations that differ from one another in one constraint each, so that a
#: cache key or an avoid rule that loses a constraint gives a wrong answer.
PROBES = (
    Population(name="free", of_concern=False),
    Population(name="online", modality=("online",)),
    Population(name="hybrid", modality=("hybrid",)),
    Population(name="evening", schedule=("evening",)),
    Population(name="day", schedule=("day",)),
    Population(name="kids", childcare=True),
    Population(name="zero", budget=0),
    Population(name="budget", budget=1000),
    Population(name="quick", max_months=6),
)


@settings(max_examples=60)
@given(G=pathway_graphs(max_per_kind=3), pops=st.lists(populations, max_size=3))
def test_oracle_route_per_population(G: nx.MultiDiGraph, pops: list[Any]) -> None:
    pops = [p.model_copy(update={"name": f"p{i}"}) for i, p in enumerate(pops)]
    pops += PROBES
    dests = pathgraph.destinations(G)
    a = audit(G, pops)
    assert a.destinations == tuple(dests)
    for p in pops:
        avoid = _oracle_avoid(G, p)
        assert set(a.avoided[p.name]) == avoid
        for d in dests:
            c = a.cell(p.name, d)
            kw: dict[str, Any] = {
                "entry": p.entry,
                "avoid": avoid,
                "budget": p.budget,
                "max_months": p.max_months,
            }
            err: NoRouteError | None = None
            try:
                fast = pathgraph.route(G, d, weight="months", **kw)
                cheap = pathgraph.route(G, d, weight="cost", **kw)
            except NoRouteError as exc:
                err = exc
            if err is not None:
                assert not c.reachable
                assert c.reason == err.reason
                assert c.detail == str(err)
                continue
            assert c.reachable
            assert (c.months, c.cost) == (fast.months, fast.cost)
            assert (c.cheapest_months, c.cheapest_cost) == (cheap.months, cheap.cost)
            assert c.steps == tuple(s.node for s in fast.steps)
    # findings: destinations no population of concern reaches
    concern = [p for p in pops if p.of_concern]
    expected = (
        [d for d in dests if not any(a.cell(p.name, d).reachable for p in concern)]
        if concern
        else []
    )
    assert list(a.findings) == expected


def test_oracle_baseline_on_manufacturing() -> None:
    # The baseline is the reaching population with the fewest restrictions, then
    # the most held nodes, then the first name; extras are differences with it.
    G = pathgraph.to_graph(pathgraph.load_example("manufacturing"))
    a = audit(G)
    held = {
        p.name: len(pathgraph.preset_holdings(G, p.entry) if p.entry else ())
        for p in BUILTIN_POPULATIONS
    }
    restr = {
        "incumbent": 0,
        "diploma": 0,
        "abe": 0,
        "esl": 0,
        "working-adult": 1,
        "no-money": 1,
        "childcare": 1,
    }
    for d in a.destinations:
        reach = [p.name for p in BUILTIN_POPULATIONS if a.cell(p.name, d).reachable]
        base = min(reach, key=lambda n: (restr[n], -held[n], n))
        b = a.cell(base, d)
        for n in reach:
            c = a.cell(n, d)
            assert c.baseline == base
            assert c.extra_months == c.months - b.months  # type: ignore[operator]
            assert c.extra_cost == c.cheapest_cost - b.cheapest_cost  # type: ignore[operator]


# ------------------------------------------------------------ population files


def test_parse_full_record() -> None:
    text = """
populations:
  - name: evening-esl
    description: English learners who work days
    entry: esl
    holds: [hse]
    avoid: [bht-aas]
    budget: 1500
    max_months: 36
    schedule: [evening, weekend]
    modality: [online]
    childcare: false
    of_concern: true
"""
    G = pathgraph.load_example("bht")
    (p,) = parse_populations(text, "p.yaml", G=G)
    assert p.entry == "esl"
    assert p.holds == ("hse",)
    assert p.budget == 1500
    assert p.restrictions == 4  # avoid, delivery, budget, max_months
    assert "bht-aas" in p.avoided(pathgraph.to_graph(G))


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ("populations:\n  - name: x\n    budjet: 5\n", "p.yaml:3:5", "unknown field"),
        ("populations:\n  - name: x\n    entry: phd\n", "p.yaml:3:5", "entry"),
        ("populations:\n  - name: x\n    budget: -1\n", "p.yaml:3:5", "budget"),
        ("populations:\n  - name: x\n    schedule: [night]\n", "p.yaml:3:16", "night"),
        ("populations:\n  - entry: abe\n", "p.yaml:2:5", "name"),
        ("populations:\n  - name: a b\n", "p.yaml:2:5", "name"),
        ("populations:\n  - name: x\n  - name: x\n", "p.yaml:3:5", "used by"),
        ("populations: []\n", "p.yaml", "populations"),
        ("people: []\n", "p.yaml", "no 'populations' list"),
        ("- name: x\n", "p.yaml", "no 'populations' list"),
        ("populations:\n  - name: x\n    holds: [ghost]\n", "p.yaml:3:13", "ghost"),
        ("populations: [\n", "p.yaml:", "not valid YAML"),
    ],
)
def test_population_errors(text: str, where: str, what: str) -> None:
    with pytest.raises(FormatError) as info:
        parse_populations(text, "p.yaml", G=pathgraph.load_example("bht"))
    msg = str(info.value)
    assert where in msg, msg
    assert what in msg, msg
    assert "fix:" in msg or "not valid YAML" in msg, msg


def test_population_errors_name_the_record_and_collect_all() -> None:
    text = "populations:\n  - name: one\n    budget: x\n  - name: two\n    entry: y\n"
    with pytest.raises(FormatError) as info:
        parse_populations(text, "p.yaml")
    err = info.value
    assert len(err.problems) == 2
    assert [p.record for p in err.problems] == ["one", "two"]
    assert "population 'one'" in str(err)


def test_read_populations_file(tmp_path: Path) -> None:
    f = tmp_path / "pops.yaml"
    f.write_text("populations:\n  - name: x\n    entry: abe\n", encoding="utf-8")
    assert [p.name for p in read_populations(f)] == ["x"]
    with pytest.raises(FormatError, match="missing"):
        read_populations(tmp_path / "missing.yaml")


def test_example_populations_file(examples: Path) -> None:
    pops = read_populations(examples / "populations.yaml")
    a = audit(pathgraph.load_example("bht"), pops)
    assert len(a.cells) == 2 * len(pops)


# ------------------------------------------------------------ SVG


def test_svg_is_valid_xml_and_marks_unreachable(bht: Audit) -> None:
    svg = bht.to_svg()
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    rects = root.findall(".//{http://www.w3.org/2000/svg}rect")
    assert len(rects) == 14
    # 4 unreachable cells (no-money and childcare x 2 destinations)
    assert svg.count("\u00d7 no route") == 4
    assert svg.count('fill="#d9d9d9"') == 4


def test_svg_escapes_hostile_labels() -> None:
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    for i, d in enumerate(pathgraph.destinations(G)):
        G.nodes[d]["label"] = HOSTILE[i]
    G.graph["title"] = "</title><script>alert(1)</script>"
    pops = [Population(name="x", description='<img src=x onerror="1">')]
    svg = audit(G, pops).to_svg()
    ET.fromstring(svg)  # still well-formed
    assert "<script" not in svg
    assert "<img" not in svg
    assert "&lt;script&gt;" in svg
    assert not re.search(r"<(?!/?(svg|title|text|g|rect)\b)", svg)


def test_svg_drops_characters_xml_cannot_hold() -> None:
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    G.nodes["bht-assoc"]["label"] = "AAS\x00\x1b[31m <b>"
    svg = audit(G, [Population(name="x", entry="abe")]).to_svg()
    ET.fromstring(svg)
    assert "\x00" not in svg and "\x1b" not in svg
    assert "AAS[31m &lt;b&gt;" in svg


def test_notebook_display_is_the_chart(bht: Audit) -> None:
    assert bht._repr_html_() == f"<div>{bht.to_svg()}</div>"


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("populations: [x]\n", "should be a record"),
        ("populations:\n", "should be a valid list"),
        ("populations:\n  - name: x\n    holds: hse\n", "should be a list"),
        ("populations:\n  - name: x\n    budget: .nan\n", "finite number"),
        ("populations:\n  - name: x\n    of_concern: maybe\n", "boolean"),
    ],
)
def test_population_errors_in_yaml_words(text: str, what: str) -> None:
    with pytest.raises(FormatError, match=what) as info:
        parse_populations(text, "p.yaml")
    assert "tuple" not in str(info.value)
    assert "dictionary" not in str(info.value)
