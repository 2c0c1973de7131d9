"""gap_analysis and wage_progression: hand-checked examples and a brute-force oracle."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import pathgraph
from pathgraph.cli import cli
from pathgraph.io.bls import read_cip_soc
from pathgraph.labor import gap_analysis, wage_progression

FIXTURES = Path(__file__).parent / "io" / "fixtures"


def _bht() -> nx.MultiDiGraph:
    return pathgraph.to_graph(pathgraph.read("examples/bht.yaml"))


def test_gap_statuses_and_thresholds() -> None:
    G = _bht()
    # bht-aas (12 completers) -> bht-assoc -> psychiatric-technician, counselor
    G.nodes["psychiatric-technician"]["openings"] = 10  # 12 <= 1.2 * 10: balanced
    G.nodes["behavioral-health-counselor"]["openings"] = 9  # 12 > 10.8: oversupply
    G.nodes["psychiatric-aide"]["openings"] = 100
    result = gap_analysis(G)
    rows = {r.occupation: r for r in result}
    assert rows["psychiatric-technician"].status == "balanced"
    assert rows["behavioral-health-counselor"].status == "oversupply"
    assert rows["behavioral-health-counselor"].gap == -3
    aide = rows["psychiatric-aide"]
    assert aide.programs == ("bht-tier1-course", "bht-tier2-course")
    assert aide.status == "undersupply"
    assert rows["human-service-assistant"].status == "unknown"
    assert result.rows[0].occupation == "psychiatric-aide"
    assert result.rows[-1].status == "unknown"
    frame = result.to_frame()
    assert frame.loc["psychiatric-technician", "completers"] == 12
    assert json.loads(result.to_json())["tolerance"] == 0.2
    assert "#" in result.bar_chart()


def test_completers_override_and_crosswalk() -> None:
    G = nx.MultiDiGraph()
    G.add_node("p", kind="program", label="P", cip="51.1502", completers=5)
    G.add_node("tech", kind="occupation", label="Tech", soc="29-2053.00", openings=4)
    assert gap_analysis(G).rows[0].programs == ()
    cw = read_cip_soc(FIXTURES / "cipsoc_quirks.csv")
    row = gap_analysis(G, crosswalk=cw).rows[0]
    assert (row.programs, row.completers, row.status) == (("p",), 5, "oversupply")
    row = gap_analysis(G, {"p": 1}, crosswalk=cw, openings_scale=0.5).rows[0]
    assert (row.openings, row.completers, row.status) == (2.0, 1, "undersupply")


def _oracle_programs(G: nx.MultiDiGraph, occ: str) -> set[str]:
    found = set()
    for cred in G.predecessors(occ):
        if not any(
            d["kind"] == "qualifies_for" for d in G.get_edge_data(cred, occ).values()
        ):
            continue
        for prog in G.predecessors(cred):
            if any(d["kind"] == "awards" for d in G.get_edge_data(prog, cred).values()):
                found.add(prog)
    return found


@settings(max_examples=100)
@given(
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=8),
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2)), max_size=8),
    st.lists(st.integers(0, 9), min_size=4, max_size=4),
    st.lists(st.one_of(st.none(), st.integers(0, 20)), min_size=3, max_size=3),
)
def test_gap_analysis_matches_brute_force(
    awards: list[tuple[int, int]],
    qualifies: list[tuple[int, int]],
    done: list[int],
    openings: list[int | None],
) -> None:
    G = nx.MultiDiGraph()
    for i, c in enumerate(done):
        G.add_node(f"p{i}", kind="program", label=f"P{i}", completers=c)
        G.add_node(f"c{i}", kind="credential", label=f"C{i}")
    for j, o in enumerate(openings):
        attrs = {} if o is None else {"openings": o}
        G.add_node(f"o{j}", kind="occupation", label=f"O{j}", **attrs)
    for p, c in awards:
        G.add_edge(f"p{p}", f"c{c}", kind="awards")
    for c, o in qualifies:
        G.add_edge(f"c{c}", f"o{o}", kind="qualifies_for")
    rows = {r.occupation: r for r in gap_analysis(G, tolerance=0.1)}
    for j, o in enumerate(openings):
        progs = _oracle_programs(G, f"o{j}")
        supply = sum(done[int(p[1:])] for p in progs)
        row = rows[f"o{j}"]
        assert set(row.programs) == progs
        assert row.completers == supply
        if o is None:
            assert row.status == "unknown"
        elif supply * 10 < 9 * o:
            assert row.status == "undersupply"
        elif supply * 10 > 11 * o:
            assert row.status == "oversupply"
        else:
            assert row.status == "balanced"


def test_wage_progression_on_a_route_object() -> None:
    G = _bht()
    route = SimpleNamespace(
        steps=[
            SimpleNamespace(node=n)
            for n in (
                "bht-tier1-course",
                "bht-tier1",
                "bht-tier1",
                "psychiatric-aide",
                "psychiatric-technician",
                "behavioral-health-counselor",
            )
        ]
    )
    w = wage_progression(G, route)
    assert [s.node for s in w.steps][1:3] == ["bht-tier1", "psychiatric-aide"]
    assert [s.current for s in w.steps] == [None, None, 41590, 42590, 59190]
    assert [s.change for s in w.steps] == [None, None, None, 1000, 16600]
    assert (w.start, w.end) == (41590, 59190)
    assert len(w.to_frame()) == 5
    with pytest.raises(KeyError, match="nowhere"):
        wage_progression(G, ["nowhere"])


@pytest.mark.data
def test_cli_gaps_with_real_bls(shared_data: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "gaps",
            "examples/bht.yaml",
            "--bls",
            str(shared_data / "bls"),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = {r["occupation"]: r for r in json.loads(result.output)["rows"]}
    # Employment Projections 2020-30: psychiatric technicians 8.0 thousand a year
    assert rows["psychiatric-technician"]["openings"] == 8000
    assert rows["psychiatric-technician"]["status"] == "undersupply"
    csv_out = runner.invoke(cli, ["gaps", "examples/bht.yaml", "--format", "csv"])
    assert csv_out.exit_code == 0
    assert csv_out.output.splitlines()[0].startswith("occupation,label,soc,openings")
    text = runner.invoke(cli, ["gaps", "examples/bht.yaml"])
    assert "status" in text.output and text.exit_code == 0


def _supply_oracle(G: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Sources per occupation, as the least solution of the equations of
    gap_analysis's definition (iterated until nothing changes):
    earned(c) = union of step(x) over x awarding c; step(program) = {program};
    step(assessment with completers) = {it}; step(other assessment or
    condition) = union of need(y) over the options y it requires; need(program)
    = {it}, need(credential) = earned(it), need(assessment or condition) =
    step(it)."""
    kind = dict(G.nodes(data="kind"))
    earned: dict[str, set[str]] = {n: set() for n in G}
    step: dict[str, set[str]] = {n: set() for n in G}

    def need(y: str) -> set[str]:
        if kind[y] == "program":
            return {y}
        if kind[y] == "credential":
            return earned[y]
        if kind[y] in ("assessment", "condition"):
            return step[y]
        return set()

    changed = True
    while changed:
        changed = False
        for n in G:
            if kind[n] == "program" or (
                kind[n] == "assessment" and G.nodes[n].get("completers") is not None
            ):
                new = {n}
            elif kind[n] in ("assessment", "condition"):
                new = set().union(
                    *(
                        need(y)
                        for y, _, k in G.in_edges(n, data="kind")
                        if k == "requires"
                    )
                )
            else:
                new = set()
            if kind[n] == "credential":
                new = set().union(
                    *(
                        step[x]
                        for x, _, k in G.in_edges(n, data="kind")
                        if k == "awards"
                    )
                )
                if new != earned[n]:
                    earned[n] = new
                    changed = True
                continue
            if new != step[n]:
                step[n] = new
                changed = True
    return {
        o: set().union(
            *(
                earned[c]
                for c, _, k in G.in_edges(o, data="kind")
                if k == "qualifies_for"
            )
        )
        for o in G
        if kind[o] == "occupation"
    }


@st.composite
def _exam_systems(draw: st.DrawFn) -> nx.MultiDiGraph:
    """Programs, credentials, exams (some with completers), conditions and jobs,
    joined at random by awards, requires and qualifies_for."""
    G = nx.MultiDiGraph()
    kinds = {"p": "program", "c": "credential", "a": "assessment", "k": "condition"}
    ids: dict[str, list[str]] = {}
    for prefix, kind in kinds.items():
        ids[prefix] = [f"{prefix}{i}" for i in range(draw(st.integers(1, 4)))]
        for n in ids[prefix]:
            attrs: dict[str, object] = {"kind": kind}
            if kind in ("program", "assessment") and draw(st.booleans()):
                attrs["completers"] = draw(st.integers(0, 30))
            G.add_node(n, **attrs)
    ids["o"] = [f"o{i}" for i in range(draw(st.integers(1, 3)))]
    for o in ids["o"]:
        G.add_node(o, kind="occupation", openings=draw(st.integers(0, 60)))
    edges = [
        (["p", "a", "k"], ["c"], "awards"),
        (["p", "c", "a", "k"], ["a", "k"], "requires"),
        (["c"], ["p"], "requires"),
        (["c"], ["o"], "qualifies_for"),
    ]
    for sources, targets, kind in edges:
        pool_u = [n for s in sources for n in ids[s]]
        pool_v = [n for t in targets for n in ids[t]]
        for u, v in draw(
            st.lists(
                st.tuples(st.sampled_from(pool_u), st.sampled_from(pool_v)), max_size=8
            )
        ):
            if u != v:
                G.add_edge(u, v, kind=kind)
    return G


@settings(max_examples=300, deadline=None)
@given(_exam_systems())
def test_gap_sources_through_exams_match_the_equations(G: nx.MultiDiGraph) -> None:
    expected = _supply_oracle(G)
    for row in gap_analysis(G):
        assert set(row.programs) == expected[row.occupation]
        assert row.completers == sum(
            G.nodes[p].get("completers") or 0 for p in expected[row.occupation]
        )
