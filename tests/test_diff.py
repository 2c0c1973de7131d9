"""pathgraph.changes.diff: what a change to a pathway does.

The expected differences are worked out by hand from the fixtures in
tests/data/diff/ (the reasoning is in the comments), never read back from the code.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pathgraph
from pathgraph.changes import (
    DestinationChange,
    FieldChange,
    FindingChange,
    MetricChange,
    RecordChange,
    RelationChange,
    RouteChange,
    diff,
)
from pathgraph.changes.draw import diff_dot

DATA = Path(__file__).parent / "data" / "diff"


def _read(name: str) -> pathgraph.Pathway:
    return pathgraph.read(DATA / f"{name}.yaml")


# --- the issue's case: an evening section and an articulation agreement ---------


def test_evening_section_and_articulation() -> None:
    d = diff(_read("before"), _read("after"))
    # Records: after.yaml adds the evening Practical Nursing section and the
    # agreement record; nothing is removed and no field of an old record moves.
    assert d.records_added == ("cna-lpn-articulation", "lpn-evening")
    assert d.records_removed == ()
    assert d.records_changed == ()
    assert d.pathway == ()
    # Relations, sorted by (source, target, kind): the section's requires (cna),
    # offered_by (college) and awards (lpn-license); the articulation cna ->
    # lpn-program; the college signs the agreement (party_to).
    assert d.relations_added == (
        ("cna", "lpn-evening", "requires"),
        ("cna", "lpn-program", "articulates_to"),
        ("college", "cna-lpn-articulation", "party_to"),
        ("lpn-evening", "college", "offered_by"),
        ("lpn-evening", "lpn-license", "awards"),
    )
    assert d.relations_removed == () and d.relations_changed == ()
    # Findings: before, the only program after the nurse aide job (lpn-program)
    # is daytime and in person (PG204, a note on nurse-aide); the evening section
    # fixes it. PG203 (nowhere to go from the LPN job) stays, so it is neither.
    assert [(f.code, f.node, f.severity) for f in d.fixed] == [
        ("PG204", "nurse-aide", "info")
    ]
    assert d.introduced == ()
    # Destinations (no record is marked, so both occupations): each preset reached
    # both before and reaches both after.
    assert d.destinations == ()
    # Routes, best by months. Before, to lpn: abe-ged 6 + cna-day 2 + lpn-program
    # 12 = 20 months, $0 + $1200 + $9000 = $10200 (abe and esl hold nothing).
    # After, the articulation saves 3 months and $1500 on lpn-program for a cna
    # holder: 6 + 2 + 9 = 17 months, $8700; the evening section (14 months) is
    # slower than the articulated day program (9), so the steps are the same.
    # diploma holds hse: 2 + 12 = 14 -> 2 + 9 = 11 months, same costs.
    # incumbent holds hse, the entry job nurse-aide and cna (the only credential
    # that qualifies for it): 12 -> 9 months, $9000 -> $7500.
    # To nurse-aide nothing changes (cna-day is still the fastest CNA).
    day = ("cna-day", "lpn-program", "lpn")
    assert d.routes == (
        RouteChange(
            "abe", "lpn", ("cheaper", "faster"), 20.0, 17.0, 10200.0, 8700.0,
            ("abe-ged", *day), ("abe-ged", *day),
        ),
        RouteChange(
            "esl", "lpn", ("cheaper", "faster"), 20.0, 17.0, 10200.0, 8700.0,
            ("abe-ged", *day), ("abe-ged", *day),
        ),
        RouteChange(
            "diploma", "lpn", ("cheaper", "faster"), 14.0, 11.0, 10200.0, 8700.0,
            day, day,
        ),
        RouteChange(
            "incumbent", "lpn", ("cheaper", "faster"), 12.0, 9.0, 9000.0, 7500.0,
            day[1:], day[1:],
        ),
    )  # fmt: skip
    # No courses, so no curriculum.
    assert d.metrics == () and d.skipped == ()
    assert d.exit_code() == 0 and d.exit_code("any") == 1
    assert d.counts()["routes_changed"] == 4


def test_text_report_of_the_issue_case() -> None:
    text = str(diff(_read("before"), _read("after")))
    assert text.splitlines()[0] == (
        "Nursing assistant to LPN: 2 added, 0 removed, 0 changed records; "
        "5 added, 0 removed, 0 changed relations; 1 fixed, 0 introduced findings"
    )
    assert "  + lpn-evening (program: Practical Nursing (evening section))" in text
    assert "  + cna -[articulates_to]-> lpn-program" in text
    assert "  abe -> lpn: cheaper, faster (20 mo, $10200 -> 17 mo, $8700)" in text


# --- dead ends: introduced (exit 1), then fixed (exit 0) ---------------------------


def test_a_dead_end_is_introduced_then_fixed() -> None:
    before, dead = _read("before"), _read("dead_end")
    d = diff(before, dead)
    # dead_end.yaml adds iv-course (awards iv-cert) and iv-cert, which qualifies
    # for nothing and leads nowhere: PG101 on both, error level.
    assert d.records_added == ("iv-cert", "iv-course")
    assert d.relations_added == (
        ("cna", "iv-course", "requires"),
        ("iv-course", "college", "offered_by"),
        ("iv-course", "iv-cert", "awards"),
    )
    assert [(f.code, f.node, f.severity) for f in d.introduced] == [
        ("PG101", "iv-cert", "error"),
        ("PG101", "iv-course", "error"),
    ]
    assert d.fixed == ()
    # nothing else moves: the new course reaches no destination
    assert d.destinations == () and d.routes == ()
    assert d.exit_code() == 1 and d.exit_code("never") == 0
    back = diff(dead, before)
    assert [(f.code, f.node) for f in back.fixed] == [
        ("PG101", "iv-cert"),
        ("PG101", "iv-course"),
    ]
    assert back.introduced == () and back.exit_code() == 0


def test_findings_are_matched_by_code_and_node_not_message() -> None:
    # Relabelling the dead-end course changes the finding's message ("program
    # 'IV therapy' ..."), not the finding: nothing is fixed or introduced.
    G0 = pathgraph.to_graph(_read("dead_end"))
    G1 = G0.copy()
    G1.nodes["iv-course"]["label"] = "IV therapy (new name)"
    m0 = {f.message for f in pathgraph.check(G0).findings}
    m1 = {f.message for f in pathgraph.check(G1).findings}
    assert m0 != m1  # the messages do differ...
    d = diff(G0, G1)
    assert d.fixed == () and d.introduced == ()  # ...the findings do not
    assert d.records_changed == (
        RecordChange(
            "iv-course",
            "program",
            "IV therapy (new name)",
            (FieldChange("label", "IV therapy", "IV therapy (new name)"),),
        ),
    )


def _tiny() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(title="tiny")
    G.add_node("p", kind="program", label="P", months=3, cost=100)
    G.add_node("c", kind="credential", label="C")
    G.add_node("j", kind="occupation", label="J")
    G.add_node("x", kind="credential", label="X")
    G.add_edge("p", "c", kind="awards")
    G.add_edge("c", "j", kind="qualifies_for")
    return G


def test_destinations_lost_and_routes_disappeared() -> None:
    # j (the only occupation, so the only destination) is reached by completing p
    # (3 months, $100), open to anyone. The change makes p require x, which
    # nothing awards: j is lost from every preset (incumbent assumes no job here:
    # j is not open to anyone), and every route to it disappears.
    G0 = _tiny()
    G1 = G0.copy()
    G1.add_edge("x", "p", kind="requires")
    d = diff(G0, G1)
    presets = ("abe", "esl", "diploma", "incumbent")
    assert d.destinations == tuple(DestinationChange(e, (), ("j",)) for e in presets)
    assert d.routes == tuple(
        RouteChange(e, "j", ("disappeared",), 3.0, None, 100.0, None, ("p", "j"), ())
        for e in presets
    )
    # p, c and j become unreachable (PG102, errors): exit 1
    assert {(f.code, f.node) for f in d.introduced} >= {
        ("PG102", "p"),
        ("PG102", "c"),
        ("PG102", "j"),
    }
    assert d.exit_code() == 1
    # and the other way round: gained, new
    back = diff(G1, G0)
    assert back.destinations == tuple(DestinationChange(e, ("j",), ()) for e in presets)
    assert [r.changes for r in back.routes] == [("new",)] * 4
    assert diff(G0, G1, entries=["esl"]).destinations == (
        DestinationChange("esl", (), ("j",)),
    )


def test_relation_attribute_change() -> None:
    G0 = pathgraph.to_graph(_read("after"))
    G1 = G0.copy()
    G1.edges["cna", "lpn-program", "articulates_to"]["months_saved"] = 5
    del G1.edges["cna", "lpn-program", "articulates_to"]["cost_saved"]
    d = diff(G0, G1)
    assert d.relations_changed == (
        RelationChange(
            "cna",
            "lpn-program",
            "articulates_to",
            (
                FieldChange("cost_saved", 1500, None),
                FieldChange("months_saved", 3, 5),
            ),
        ),
    )
    # 5 months saved instead of 3, no money saved: abe 17 -> 15 months,
    # $8700 -> $10200 (the $1500 saving is gone)
    abe = next(r for r in d.routes if r.entry == "abe")
    assert (abe.changes, abe.months_after, abe.cost_after) == (
        ("costlier", "faster"),
        15.0,
        10200.0,
    )


def test_curricular_metrics_that_moved() -> None:
    # Program P with courses a, b, c (part_of P); a is a prerequisite of b.
    # Before: a blocks b (1), delay 2 (a-b); b: blocking 0, delay 2; c alone:
    # delay 1. Centrality 0 everywhere (no course is interior to a path).
    # Complexity = delay + blocking: a 3, b 2, c 1 (total 6).
    # After b becomes a prerequisite of c (a-b-c): a blocks 2, delay 3 (5);
    # b blocks 1, delay 3, centrality 3 (the path a-b-c has 3 courses) (4);
    # c blocks 0, delay 3 (3). Totals: blocking 1 -> 3, delay 5 -> 9,
    # centrality 0 -> 3, complexity 6 -> 12.
    G0 = nx.MultiDiGraph(title="curriculum")
    G0.add_node("P", kind="program", label="Program")
    for c in "abc":
        G0.add_node(c, kind="course", label=c.upper(), credits=3)
        G0.add_edge(c, "P", kind="part_of")
    G0.add_edge("a", "b", kind="prerequisite_of")
    G1 = G0.copy()
    G1.add_edge("b", "c", kind="prerequisite_of")
    d = diff(G0, G1)
    assert d.relations_added == (("b", "c", "prerequisite_of"),)
    assert d.metrics == (
        MetricChange("P", "", "blocking", 1, 3),
        MetricChange("P", "", "centrality", 0, 3),
        MetricChange("P", "", "complexity", 6.0, 12.0),
        MetricChange("P", "", "delay", 5, 9),
        MetricChange("P", "a", "blocking", 1, 2),
        MetricChange("P", "a", "complexity", 3.0, 5.0),
        MetricChange("P", "a", "delay", 2, 3),
        MetricChange("P", "b", "blocking", 0, 1),
        MetricChange("P", "b", "centrality", 0, 3),
        MetricChange("P", "b", "complexity", 2.0, 4.0),
        MetricChange("P", "b", "delay", 2, 3),
        MetricChange("P", "c", "complexity", 1.0, 3.0),
        MetricChange("P", "c", "delay", 1, 3),
    )
    assert str(d.metrics[0]) == "P totals blocking: 1 -> 3"


def test_a_cycle_in_a_curriculum_is_skipped_not_raised() -> None:
    G0 = nx.MultiDiGraph(title="cycle")
    G0.add_node("P", kind="program", label="Program")
    for c in "ab":
        G0.add_node(c, kind="course", label=c)
        G0.add_edge(c, "P", kind="part_of")
    G0.add_edge("a", "b", kind="prerequisite_of")
    G1 = G0.copy()
    G1.add_edge("b", "a", kind="prerequisite_of")
    d = diff(G0, G1)
    assert len(d.skipped) == 1 and d.skipped[0].startswith("curricular metrics of P")
    # the old curriculum's values are listed against "absent" (None)
    assert all(m.new is None for m in d.metrics) and d.metrics


# --- the same file, determinism -------------------------------------------------


@pytest.mark.parametrize("name", ["bht", "manufacturing", "it-support"])
def test_diff_with_itself_is_empty(name: str, examples: Path) -> None:
    a = pathgraph.read(examples / f"{name}.yaml")
    b = pathgraph.read(examples / f"{name}.yaml")
    d = diff(a, b)
    assert d.empty and not d.structural
    assert d.exit_code("any") == 0
    assert str(d).endswith("No differences.")
    data = d.to_dict()
    assert all(v == 0 for v in data["summary"].values())


def test_output_is_deterministic_whatever_the_insertion_order() -> None:
    G0 = pathgraph.to_graph(_read("before"))
    G1 = pathgraph.to_graph(_read("after"))
    R1 = nx.MultiDiGraph()
    R1.graph.update(G1.graph)
    R1.add_nodes_from(reversed(list(G1.nodes(data=True))))
    R1.add_edges_from(reversed(list(G1.edges(keys=True, data=True))))
    a, b = diff(G0, G1), diff(G0, R1)
    assert a.to_json() == b.to_json()
    assert str(a) == str(b)
    assert a.to_dot() == b.to_dot()


def test_bad_arguments() -> None:
    G = _tiny()
    with pytest.raises(pathgraph.ArgumentError, match="unknown entry preset"):
        diff(G, G, entries=["nobody"])
    with pytest.raises(pathgraph.ArgumentError, match="fail_on"):
        diff(G, G).exit_code("sometimes")
    from pathgraph.changes import Diff

    with pytest.raises(pathgraph.ArgumentError, match="no graphs"):
        diff_dot(Diff())


def test_finding_change_text() -> None:
    f = FindingChange("PG201", "", "warning", "no-low-skill-on-ramp", "no program")
    assert str(f) == "PG201 no-low-skill-on-ramp (warning): no program"
    assert f.to_dict()["node"] is None


# --- random single edits: the diff reports exactly that edit --------------------

BASE = pathgraph.to_graph(pathgraph.read(DATA / "after.yaml"))
NODES = sorted(BASE.nodes)
EDGES = sorted((u, v, k) for u, v, k in BASE.edges(keys=True))
VALUES = st.one_of(
    st.integers(-5, 50),
    st.text(max_size=6),
    st.booleans(),
    st.lists(st.sampled_from(["day", "evening", "weekend"]), max_size=2),
)
FIELDS = st.sampled_from(["months", "cost", "label", "schedule", "wage_median", "x"])
RELATION_KINDS = st.sampled_from(["requires", "awards", "supports", "related_to"])


def _expected_empty() -> dict[str, Any]:
    return {
        "pathway": (),
        "records_added": (),
        "records_removed": (),
        "records_changed": (),
        "relations_added": (),
        "relations_removed": (),
        "relations_changed": (),
    }


@st.composite
def single_edit(draw: st.DrawFn) -> tuple[nx.MultiDiGraph, dict[str, Any]]:
    """A copy of BASE with one edit, and the structural parts a diff must report
    (worked out from the edit alone)."""
    G = BASE.copy()
    want = _expected_empty()
    edit = draw(
        st.sampled_from(
            [
                "add_node",
                "remove_node",
                "set_field",
                "drop_field",
                "add_edge",
                "remove_edge",
                "set_edge_field",
                "title",
            ]
        )
    )
    if edit == "add_node":
        n = draw(st.text(min_size=1, max_size=8).filter(lambda s: s not in G))
        G.add_node(n, kind=draw(st.sampled_from(["program", "credential"])), label=n)
        want["records_added"] = (n,)
    elif edit == "remove_node":
        n = draw(st.sampled_from(NODES))
        # removing a record removes its relations too
        gone = sorted(
            {(u, v, d["kind"]) for u, v, d in G.in_edges(n, data=True)}
            | {(u, v, d["kind"]) for u, v, d in G.out_edges(n, data=True)}
        )
        G.remove_node(n)
        want["records_removed"] = (n,)
        want["relations_removed"] = tuple(gone)
    elif edit in ("set_field", "drop_field"):
        n = draw(st.sampled_from(NODES))
        attrs = G.nodes[n]
        if edit == "set_field":
            name = draw(FIELDS)
            value = draw(VALUES)
            old = attrs.get(name)
            attrs[name] = value
            same = (
                name in BASE.nodes[n]
                and old == value
                and (isinstance(old, bool) == isinstance(value, bool))
            )
        else:
            name = draw(st.sampled_from(sorted(attrs)))
            old, value = attrs.pop(name), None
            same = False
        if not same:
            want["records_changed"] = (
                RecordChange(
                    n,
                    str(attrs.get("kind", "")),
                    str(attrs.get("label", n)),
                    (FieldChange(name, old, value),),
                ),
            )
    elif edit == "add_edge":
        u, v = draw(st.sampled_from(NODES)), draw(st.sampled_from(NODES))
        kind = draw(RELATION_KINDS)
        existing = [
            d for d in G.get_edge_data(u, v, default={}).values() if d["kind"] == kind
        ]
        G.add_edge(u, v, key=f"{kind}:new", kind=kind)
        if existing:  # a parallel relation of one kind: the key's relations changed
            want["relations_changed"] = (
                RelationChange(
                    u,
                    v,
                    kind,
                    (FieldChange("relations", [{}], [{}, {}]),),
                ),
            )
        else:
            want["relations_added"] = ((u, v, kind),)
    elif edit == "remove_edge":
        u, v, k = draw(st.sampled_from(EDGES))
        kind = G.edges[u, v, k]["kind"]
        G.remove_edge(u, v, k)
        want["relations_removed"] = ((u, v, kind),)
    elif edit == "set_edge_field":
        u, v, k = draw(st.sampled_from(EDGES))
        attrs = G.edges[u, v, k]
        name = draw(st.sampled_from(["months", "credits", "note"]))
        value = draw(st.integers(1, 9))
        old = attrs.get(name)
        attrs[name] = value
        if old != value:
            want["relations_changed"] = (
                RelationChange(u, v, attrs["kind"], (FieldChange(name, old, value),)),
            )
    else:
        title = draw(st.text(max_size=8))
        old = G.graph.get("title")
        G.graph["title"] = title
        if title != old:
            want["pathway"] = (FieldChange("title", old, title),)
    return G, want


@settings(max_examples=150)
@given(single_edit())
def test_a_single_edit_is_reported_exactly(case: Any) -> None:
    G1, want = case
    d = diff(BASE, G1, analyses=False)
    got = {name: getattr(d, name) for name in want}
    assert got == want
    # and undone, it is the same edit the other way round
    back = diff(G1, BASE, analyses=False)
    assert back.records_added == want["records_removed"]
    assert back.records_removed == want["records_added"]
    assert back.relations_added == want["relations_removed"]
    assert back.relations_removed == want["relations_added"]


@settings(max_examples=15)
@given(single_edit())
def test_findings_of_a_single_edit_are_the_set_difference(case: Any) -> None:
    # Oracle: check both graphs and compare the (code, node) sets directly.
    G1, _ = case
    try:
        r0, r1 = pathgraph.check(BASE), pathgraph.check(G1)
    except pathgraph.GraphContractError:  # the edit broke the contract
        with pytest.raises(pathgraph.GraphContractError):
            diff(BASE, G1)
        return
    k0 = {(f.code, f.node or "") for f in r0.findings}
    k1 = {(f.code, f.node or "") for f in r1.findings}
    d = diff(BASE, G1)
    assert {(f.code, f.node) for f in d.fixed} == k0 - k1
    assert {(f.code, f.node) for f in d.introduced} == k1 - k0
    assert d.exit_code() == int(
        any(
            f.severity == "error" and (f.code, f.node or "") not in k0
            for f in r1.findings
        )
    )


# --- the map --------------------------------------------------------------------

QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


def _unquote(token: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], token[1:-1])


def test_map_marks_added_changed_removed() -> None:
    G0 = pathgraph.to_graph(_read("after"))
    G1 = G0.copy()
    G1.remove_node("cna-lpn-articulation")  # and its party_to relation
    G1.nodes["lpn-program"]["months"] = 10
    G1.add_node("rn", kind="occupation", label="Registered Nurse")
    G1.add_edge("lpn-license", "rn", kind="qualifies_for")
    dot = diff(G0, G1, analyses=False).to_dot()
    lines = {line.split(" [", 1)[0].strip(): line for line in dot.splitlines()}
    assert 'color="#1B7F3B"' in lines['"rn"']  # added: green
    assert 'color="#1B7F3B"' in lines['"lpn-license" -> "rn"']
    assert 'color="#B26B00"' in lines['"lpn-program"']  # changed: amber
    assert "(changed: months)" in lines['"lpn-program"']
    removed = lines['"cna-lpn-articulation"']  # removed: kept, dashed grey
    assert 'style="filled,dashed"' in removed and 'color="#9E9E9E"' in removed
    assert "style=dashed" in lines['"college" -> "cna-lpn-articulation"']
    assert 'color="#C8C8C8"' in lines['"hse"']  # unchanged: faded


HOSTILE = 'x"]; evil [shape=none label="pwn\\N\n<b>&amp;</b>\\'


def test_hostile_labels_are_escaped_in_dot() -> None:
    G0 = nx.MultiDiGraph(title=HOSTILE)
    G0.add_node("p", kind="program", label="P")
    G1 = G0.copy()
    G1.add_node(HOSTILE, kind="credential", label=HOSTILE)
    G1.add_edge("p", HOSTILE, kind="awards")
    G1.nodes["p"]["label"] = HOSTILE
    dot = diff(G0, G1, analyses=False).to_dot()
    # Outside quoted strings nothing of the label is left: it cannot end a
    # statement or start a new one.
    bare = QUOTED.sub('""', dot)
    assert "evil" not in bare and "pwn" not in bare and "<b>" not in bare
    # Inside, every quoted string reads back to the text written (no \N, \G
    # expansion: the backslash is escaped).
    texts = {_unquote(t) for t in QUOTED.findall(dot)}
    assert HOSTILE in texts
    assert HOSTILE + "\n(added)" in texts
    assert HOSTILE + "\n(changed: label)" in texts
    assert "\n".join(["changed", f"label: 'P' -> {HOSTILE!r}"]) in texts
    assert bare.count("{") == bare.count("}")


def test_true_is_not_one_but_six_is_six_point_zero() -> None:
    # YAML's `true` and 1 are different values (Python says True == 1); an int
    # written as a float (6 -> 6.0) is the same number, not a change.
    G0 = _tiny()
    G1 = G0.copy()
    G1.nodes["p"]["months"] = 3.0
    assert diff(G0, G1, analyses=False).empty
    G1.nodes["c"]["industry_recognized"] = True
    G0.nodes["c"]["industry_recognized"] = 1
    assert diff(G0, G1, analyses=False).records_changed == (
        RecordChange(
            "c", "credential", "C", (FieldChange("industry_recognized", 1, True),)
        ),
    )


def test_metrics_of_courses_that_belong_to_no_program() -> None:
    # it-support's eight courses are part of no program, so the curriculum is
    # every course (program ""). Requisites: net-110 -> sec-120, net-110 ->
    # net-210, lin-130 -> lin-230, win-140 -> win-240; cld-150 alone (the
    # requires edges from ged and it-fundamentals come from outside: held).
    # Before: net-110 blocks 2, delay 2 (complexity 4); sec-120, net-210,
    # lin-230, win-240 delay 2 (2 each); lin-130, win-140 block 1, delay 2 (3
    # each); cld-150 delay 1 (1). Totals: blocking 4, delay 15, complexity 19.
    # Dropping net-110 -> sec-120: net-110 blocks 1 (3); sec-120 delay 1 (1).
    # Totals: blocking 3, delay 14, complexity 17. No path has an interior
    # course either way: centrality stays 0.
    G0 = pathgraph.to_graph(pathgraph.load_example("it-support"))
    G1 = G0.copy()
    G1.remove_edge("net-110", "sec-120", "prerequisite_of")
    d = diff(G0, G1)
    assert d.metrics == (
        MetricChange("", "", "blocking", 4, 3),
        MetricChange("", "", "complexity", 19.0, 17.0),
        MetricChange("", "", "delay", 15, 14),
        MetricChange("", "net-110", "blocking", 2, 1),
        MetricChange("", "net-110", "complexity", 4.0, 3.0),
        MetricChange("", "sec-120", "complexity", 2.0, 1.0),
        MetricChange("", "sec-120", "delay", 2, 1),
    )
    assert str(d.metrics[0]) == "(all courses) totals blocking: 4 -> 3"
    assert d.to_dict()["metrics"][0]["program"] is None


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
def test_hostile_dot_is_drawn_by_graphviz_as_text() -> None:
    from pathgraph.changes.draw import diff_svg

    G0 = nx.MultiDiGraph(title="t")
    G0.add_node("p", kind="program", label="P")
    G1 = G0.copy()
    G1.add_node("h", kind="credential", label=HOSTILE)
    G1.add_edge("p", "h", kind="awards")
    svg = diff_svg(diff(G0, G1, analyses=False))
    # one node per record (and legend box): the label opened no node of its own
    assert svg.count('class="node"') == 2 + 3
    assert "x&quot;]; evil [shape=none label=&quot;pwn\\N" in svg
    assert "<b>" not in svg


# --- pruned route searches agree with searching every route ----------------------


@st.composite
def valid_edit(draw: st.DrawFn, base: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``base`` with one edit that keeps the graph contract (so every analysis
    runs): a program's months or cost, a relation removed, a progression relation
    added between kinds that allow it, or a record removed."""
    G = base.copy()
    kinds: dict[str, list[str]] = {}
    for n, k in sorted(G.nodes(data="kind")):
        kinds.setdefault(k, []).append(n)
    edit = draw(st.sampled_from(["number", "drop_edge", "add_edge", "drop_node"]))
    if edit == "number":
        p = draw(st.sampled_from(kinds["program"]))
        G.nodes[p][draw(st.sampled_from(["months", "cost"]))] = draw(st.integers(0, 30))
    elif edit == "drop_edge":
        u, v, k = draw(st.sampled_from(sorted(G.edges(keys=True))))
        G.remove_edge(u, v, k)
    elif edit == "add_edge":
        kind, src, dst = draw(
            st.sampled_from(
                [
                    ("awards", "program", "credential"),
                    ("requires", "credential", "program"),
                    ("qualifies_for", "credential", "occupation"),
                    ("stacks_into", "credential", "credential"),
                ]
            )
        )
        u = draw(st.sampled_from(kinds[src]))
        v = draw(st.sampled_from(kinds[dst]))
        if u != v:
            G.add_edge(u, v, key=f"{kind}:edit", kind=kind)
    else:
        G.remove_node(draw(st.sampled_from(sorted(G.nodes))))
    return G


BHT = pathgraph.to_graph(pathgraph.load_example("bht"))
MANUFACTURING = pathgraph.to_graph(pathgraph.load_example("manufacturing"))


@settings(max_examples=25)
@given(data=st.data())
def test_pruned_routes_equal_every_route_searched(data: st.DataObject) -> None:
    # Oracle: the same diff with every (entry, destination) route searched in both
    # versions (PRUNE_ROUTES off); pruning may only skip routes that are equal.
    import pathgraph.changes as changes

    base = data.draw(st.sampled_from([BASE, BHT, MANUFACTURING]))
    G1 = data.draw(valid_edit(base))
    pruned = diff(base, G1)
    changes.PRUNE_ROUTES = False
    try:
        everything = diff(base, G1)
    finally:
        changes.PRUNE_ROUTES = True
    assert pruned.routes == everything.routes
    assert pruned.skipped == everything.skipped


def test_notebook_display_escapes_labels() -> None:
    G0 = nx.MultiDiGraph(title="<script>alert(1)</script>")
    G1 = G0.copy()
    G1.add_node("p", kind="program", label="<img src=x onerror=alert(1)>")
    shown = diff(G0, G1, analyses=False)._repr_html_()
    assert "<script>" not in shown and "<img" not in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown
