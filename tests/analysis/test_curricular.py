"""Curricular metrics: reference numbers, a brute-force oracle, cycles, the CLI."""

from __future__ import annotations

import csv
import json
import warnings
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pathgraph
from pathgraph import CurricularMetrics, ValidationError, curricular_metrics
from pathgraph.cli import main
from pathgraph.io.curricula import loads_curriculum, read_curriculum

# --------------------------------------------------------------- brute-force oracle


def brute_force(G: nx.MultiDiGraph, quarter: bool = False) -> dict[str, tuple]:
    """The definitions, by enumerating every source-to-sink path (tiny graphs only)."""
    courses = [n for n, k in G.nodes(data="kind") if k == "course"]
    D = nx.DiGraph()
    D.add_nodes_from(courses)
    D.add_edges_from(
        (u, v)
        for u, v, k in G.edges(data="kind")
        if k in ("prerequisite_of", "corequisite_of") and u in D and v in D
    )
    sources = [v for v in D if D.in_degree(v) == 0]
    sinks = [v for v in D if D.out_degree(v) == 0]
    paths: list[list[str]] = []
    for s in sources:
        for t in sinks:
            if s == t:
                paths.append([s])
            else:
                paths.extend(nx.all_simple_paths(D, s, t))
    out = {}
    for v in courses:
        blocking = len(nx.descendants(D, v))
        delay = max(len(p) for p in paths if v in p)
        central = sum(len(p) for p in paths if v in p[1:-1])
        score = blocking + delay
        cx = round(score * 2 / 3, 1) if quarter else float(score)
        out[v] = (blocking, delay, central, cx)
    return out


@st.composite
def random_curricula(draw: st.DrawFn) -> nx.MultiDiGraph:
    n = draw(st.integers(1, 9))
    G = nx.MultiDiGraph()
    names = [f"c{i}" for i in range(n)]
    for c in names:
        G.add_node(c, kind="course", label=c)
    for j in range(n):
        for i in range(j):
            if draw(st.integers(0, 2)) == 0:
                kind = draw(st.sampled_from(["prerequisite_of", "corequisite_of"]))
                G.add_edge(names[i], names[j], kind=kind)
                if draw(st.integers(0, 5)) == 0:  # a parallel requisite counts once
                    G.add_edge(names[i], names[j], kind="corequisite_of", strict=True)
    # shuffle insertion order so that the topological order is not the given order
    order = draw(st.permutations(names))
    H = nx.MultiDiGraph()
    H.add_nodes_from((c, G.nodes[c]) for c in order)
    H.add_edges_from(G.edges(keys=True, data=True))
    return H


@given(random_curricula(), st.booleans())
@settings(max_examples=200)
def test_dp_equals_path_enumeration(G: nx.MultiDiGraph, quarter: bool) -> None:
    system = "quarter" if quarter else "semester"
    m = curricular_metrics(G, system=system)
    expected = brute_force(G, quarter)
    got = {
        c: (x.blocking, x.delay, x.centrality, x.complexity)
        for c, x in m.courses.items()
    }
    assert got == expected
    assert m.totals["blocking"] == sum(v[0] for v in expected.values())
    assert m.totals["centrality"] == sum(v[2] for v in expected.values())
    assert m.totals["complexity"] == pytest.approx(sum(v[3] for v in expected.values()))


def test_quarter_rounding_matches_reference_formula() -> None:
    from pathgraph.analysis.curricular import _quarter_tenths

    for score in range(0, 2000):
        assert _quarter_tenths(score) / 10 == round(score * 2 / 3, 1), score


def test_cycle_names_its_courses() -> None:
    G = nx.MultiDiGraph()
    for c in "abcd":
        G.add_node(c, kind="course", label=c)
    G.add_edge("d", "a", kind="prerequisite_of")
    G.add_edge("a", "b", kind="prerequisite_of")
    G.add_edge("b", "c", kind="corequisite_of")
    G.add_edge("c", "a", kind="prerequisite_of")
    with pytest.raises(ValidationError) as info:
        curricular_metrics(G)
    text = str(info.value)
    assert "cycle" in text
    for c in "abc":
        assert f"'{c}'" in text
    assert "'d'" not in text


def test_unknown_program_refused() -> None:
    with pytest.raises(ValidationError, match="no program"):
        curricular_metrics(pathgraph.read("examples/bht.yaml"), "nope")


def test_program_selects_its_courses_and_system() -> None:
    text = (
        "Curriculum,Q\nSystem Type,quarter\nCourses\n"
        "Course ID,Course Name,Prerequisites,Credit Hours,Term\n"
        "1,A,,4,1\n2,B,1,4,2\n3,C,2,3,2\n"
    )
    p = loads_curriculum(text)
    m = curricular_metrics(p, "q")
    assert m.system == "quarter" and m.program == "q"
    # a: blocking 2 + delay 3 = 5 -> 3.3; b: 1 + 3 -> 2.7; c: 0 + 3 -> 2.0
    assert [c.complexity for c in m.courses.values()] == [3.3, 2.7, 2.0]
    assert m.totals["complexity"] == 8.0
    assert m.terms == {1: 4, 2: 7}
    assert m.to_dict()["terms"] == {"1": 4, "2": 7}
    assert curricular_metrics(p, system="semester").courses["1"].complexity == 5.0
    assert (
        curricular_metrics(pathgraph.to_graph(p), "q") == m
    )  # graph and records agree
    assert curricular_metrics(pathgraph.to_graph(p)) == curricular_metrics(p)


def _expected(path: Path) -> dict[str, tuple[int, int, int, float]]:
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    start = next(i for i, r in enumerate(rows) if r and r[0] == "Course ID")
    header = rows[start]
    out = {}
    for r in rows[start + 1 :]:
        if r and r[0]:
            d = dict(zip(header, r, strict=False))
            out[d["Course ID"]] = (
                int(d["Blocking"]),
                int(float(d["Delay"])),
                int(d["Centrality"]),
                float(d["Complexity"]),
            )
    return out


@pytest.mark.data
@pytest.mark.parametrize(
    "name",
    [
        "BSCS_Hawaii_Manoa",
        "California_Berkely_V2",
        "Colostate_CSDegree",
        "Michigan_Ann_Arbor_CS",
    ],
)
def test_matches_curricularanalytics_org(shared_data: Path, name: str) -> None:
    cur = shared_data / "curricula"
    expected = _expected(cur / "expected" / f"{name}_w_metrics.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = curricular_metrics(read_curriculum(cur / "plans" / f"{name}.csv"))
    got = {
        c: (x.blocking, x.delay, x.centrality, x.complexity)
        for c, x in m.courses.items()
    }
    assert got == expected
    assert m.system == ("quarter" if name.startswith("Michigan") else "semester")


@pytest.mark.data
def test_to_dict_to_frame_and_text(shared_data: Path) -> None:
    path = shared_data / "curricula" / "plans" / "Colostate_CSDegree.csv"
    m = curricular_metrics(read_curriculum(path))
    assert isinstance(m, CurricularMetrics)
    d = m.to_dict()
    assert set(d) == {"courses", "totals"}
    assert d["courses"]["3"] == {
        "blocking": 13,
        "delay": 6,
        "centrality": 44,
        "complexity": 19.0,
    }
    assert d["totals"]["courses"] == 37
    assert d["totals"]["credit_hours"] == 120
    assert d["totals"]["blocking"] == sum(c["blocking"] for c in d["courses"].values())
    frame = m.to_frame()
    assert list(frame.columns) == ["blocking", "delay", "centrality", "complexity"]
    assert frame.loc["5", "centrality"] == 39
    assert "TOTAL" in str(m)


@pytest.mark.data
def test_cli_metrics_json_text_csv(
    shared_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = shared_data / "curricula" / "plans" / "Colostate_CSDegree.csv"
    assert main(["metrics", str(path)]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["courses"]["1"] == {
        "blocking": 6,
        "delay": 3,
        "centrality": 0,
        "complexity": 9.0,
    }
    assert main(["metrics", str(path), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "course,blocking,delay,centrality,complexity"
    assert lines[3] == "3,13,6,44,19.0"
    assert main(["metrics", str(path), "--format", "text"]) == 0
    assert "TOTAL" in capsys.readouterr().out
    assert main(["metrics", str(path), "--program", "nope"]) == 2


def test_cli_metrics_on_native_pathway(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "Curriculum,Tiny\nCourses\nCourse ID,Course Name,Prerequisites\na,A,\nb,B,a\n"
    )
    p = loads_curriculum(text)
    native = tmp_path / "tiny.yaml"
    pathgraph.write(p, native)
    assert main(["metrics", str(native), "--program", "tiny"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["courses"]["a"]["blocking"] == 1
    assert d["totals"]["delay"] == 4


def test_dense_catalogue_is_fast_and_exact() -> None:
    """A 500-course catalogue with ~10^88 paths: path enumeration could not finish."""
    import random
    import time

    rng = random.Random(1)
    G = nx.MultiDiGraph()
    for i in range(500):
        G.add_node(i, kind="course", label=str(i))
        for j in range(max(0, i - 12), i):
            if rng.random() < 0.5:
                G.add_edge(j, i, kind="prerequisite_of")
    start = time.perf_counter()
    m = curricular_metrics(G)
    assert time.perf_counter() - start < 2
    assert m.totals["centrality"] > 10**80
    assert isinstance(m.totals["centrality"], int)
    # the chain 0 -> 1 -> ... is not guaranteed, but every course reaches the end
    assert m.courses[0].blocking == len(nx.descendants(G, 0))
    longest = nx.dag_longest_path_length(G) + 1
    assert max(c.delay for c in m.courses.values()) == longest
