"""pathgraph.measures: outcome records -> per-step measures with suppression.

Every expected number below is worked by hand in the comments; the oracle test
recomputes the measures from the definitions in a plain loop, and the suppression
tests check the published output (text, JSON, CSV) against the rule.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pathgraph
from pathgraph.errors import ArgumentError, FormatError, ValidationError
from pathgraph.measures import (
    MIN_CELL,
    Measures,
    Outcome,
    measure,
    next_steps,
    outcomes_csv,
    parse_outcomes,
    read_outcomes,
    step_order,
    synthetic_outcomes,
)

HEADER = "person,node,start,end,completed,employed,wage_after,wage_before\n"
COUNTS = (
    "enrolled",
    "completed",
    "continued",
    "employment_known",
    "employed",
    "wage_people",
)
# Each count cell and the counts it is nested in (at any depth), "people" = header.
NESTED_IN = {
    "enrolled": ("people",),
    "completed": ("enrolled", "people"),
    "continued": ("completed", "enrolled", "people"),
    "employment_known": ("completed", "enrolled", "people"),
    "employed": ("employment_known", "completed", "enrolled", "people"),
    "wage_people": ("completed", "enrolled", "people"),
}
RATES = {
    "completion_rate": ("completed", "enrolled"),
    "continuation_rate": ("continued", "completed"),
    "employment_rate": ("employed", "employment_known"),
}


def small_graph() -> nx.MultiDiGraph:
    """A -awards-> ca -requires-> B -awards-> cb -qualifies_for-> job; C -> cc."""
    G = nx.MultiDiGraph(title="Small")
    for n, kind in [
        ("A", "program"),
        ("B", "program"),
        ("C", "program"),
        ("ca", "credential"),
        ("cb", "credential"),
        ("cc", "credential"),
        ("job", "occupation"),
        ("college", "provider"),
    ]:
        G.add_node(n, kind=kind, label=f"{n} label")
    G.add_edge("A", "ca", kind="awards")
    G.add_edge("ca", "B", kind="requires")
    G.add_edge("B", "cb", kind="awards")
    G.add_edge("cb", "job", kind="qualifies_for")
    G.add_edge("C", "cc", kind="awards")
    G.add_edge("A", "college", kind="offered_by")
    G.add_edge("C", "college", kind="offered_by")
    return G


HAND = HEADER + (
    "p1,A,2024-01-01,2024-03-01,true,true,30000,20000\n"  # line 2
    "p2,A,2024-01-01,2024-03-01,true,false,,21000\n"
    "p3,A,2024-01-01,2024-02-01,false,true,25000,24000\n"
    "p4,A,2024-01-01,2024-03-01,true,,,\n"
    "p1,B,2024-03-01,2024-09-01,true,true,40000,30000\n"
    "p2,B,2024-02-15,,false,,,\n"
    "p4,B,2024-04-01,,false,,,\n"
    "p5,B,2024-01-01,2024-06-01,true,true,35000,34000\n"
    "p5,B,2024-07-01,2024-12-01,true,false,,\n"
    "p3,C,2024-05-01,2024-06-01,false,false,,\n"  # line 11
)


def hand_measures(min_cell: int) -> Measures:
    return measure(
        small_graph(), parse_outcomes(HAND, G=small_graph()), min_cell=min_cell
    )


def test_hand_worked_without_suppression() -> None:
    m = hand_measures(0)
    # 5 people (p1..p5), 10 rows.
    assert (m.people, m.rows, m.min_cell) == (5, 10, 0)
    # Programs in pathway order: A and C at depth 0 (by id), B at depth 2 (A, ca, B);
    # no credential has a record, so none is a step.
    assert [s.step for s in m.steps] == ["A", "C", "B"]
    a, c, b = m.steps
    # A: enrolled p1 p2 p3 p4 = 4; completed p1 p2 p4 = 3 -> 3/4 = 0.75.
    assert (a.enrolled, a.completed, a.completion_rate) == (4, 3, 0.75)
    # A leads to ca, B, cb. p1 starts B on 2024-03-01, the day A ended (counts);
    # p2 started B on 02-15, before A ended (does not); p4 starts B 04-01 (counts):
    # continued 2 of 3 -> 0.6667.
    assert (a.continued, a.continuation_rate) == (2, 0.6667)
    # Employment on the completion records: p1 true, p2 false, p4 unknown ->
    # known 2, employed 1, rate 0.5. p3's "true" does not count (not a completer).
    assert (a.employment_known, a.employed, a.employment_rate) == (2, 1, 0.5)
    # Wage gain: only p1 has both wages: 30000 - 20000 = 10000.
    assert (a.wage_people, a.wage_gain_median) == (1, 10000.0)
    # B: enrolled p1 p2 p4 p5 = 4; completed p1 p5 = 2 -> 0.5. B leads to cb only,
    # which nobody started: continued 0 -> 0.0.
    assert (b.enrolled, b.completed, b.completion_rate) == (4, 2, 0.5)
    assert (b.continued, b.continuation_rate) == (0, 0.0)
    # p5 completed B twice; the completion record is the earliest end (06-01):
    # employed true, gain 35000 - 34000 = 1000 (the later record's "false" is not
    # read). p1: employed, gain 40000 - 30000 = 10000. Median(1000, 10000) = 5500.
    assert (b.employment_known, b.employed, b.employment_rate) == (2, 2, 1.0)
    assert (b.wage_people, b.wage_gain_median) == (2, 5500.0)
    # C: p3 enrolled, did not complete: rates over 0 people are None.
    assert (c.enrolled, c.completed, c.completion_rate) == (1, 0, 0.0)
    assert (c.continued, c.continuation_rate, c.employment_rate) == (0, None, None)
    assert (c.wage_people, c.wage_gain_median) == (0, None)
    assert all(not s.suppressed for s in m.steps)


def test_hand_worked_suppression_min_cell_2() -> None:
    m = hand_measures(2)
    assert (m.people, m.rows) == (5, 10)  # 5 >= 2: the header is shown
    a, c, b = m.steps
    # A: counts 4 3 2 2 1 1. employed 1 and wage_people 1 are < 2: small.
    # people 5 - enrolled 4 = 1 (1..1): enrolled hidden (complementary).
    # completed 3: enrolled hidden; people 5 - 3 = 2: shown.
    # continued 2 and employment_known 2: completed 3 - 2 = 1: hidden.
    # completion_rate: enrolled hidden; continuation_rate: continued hidden;
    # employment_rate: known hidden -> complementary (their bases are >= 2);
    # the median's base, wage_people 1, is < 2: small.
    assert a.suppressed == {
        "completion_rate": "complementary",
        "continuation_rate": "complementary",
        "continued": "complementary",
        "employed": "small",
        "employment_known": "complementary",
        "employment_rate": "complementary",
        "enrolled": "complementary",
        "wage_gain_median": "small",
        "wage_people": "small",
    }
    assert a.completed == 3
    assert a.enrolled is None and a.continued is None and a.employed is None
    # B: counts 4 2 0 2 2 2. continued 0 < 2: small. enrolled: 5 - 4 = 1: hidden.
    # completed 2: people 5 - 2 = 3: shown. known 2, employed 2, wage_people 2:
    # differences to completed and known are 0 (allowed), to people 3: shown.
    assert b.suppressed == {
        "completion_rate": "complementary",
        "continuation_rate": "complementary",
        "continued": "small",
        "enrolled": "complementary",
    }
    assert (b.completed, b.employment_known, b.employed) == (2, 2, 2)
    assert (b.employment_rate, b.wage_people, b.wage_gain_median) == (1.0, 2, 5500.0)
    # C: counts 1 0 0 0 0 0: all small, and every rate and median with them.
    assert set(c.suppressed.values()) == {"small"}
    assert len(c.suppressed) == 10


def test_whole_input_under_min_cell_hides_the_header() -> None:
    m = hand_measures(6)  # 5 people < 6
    assert m.people is None and m.rows is None
    assert "<6 people, <6 records" in str(m)
    assert all(
        getattr(s, name) is None for s in m.steps for name in COUNTS
    )  # every count <= 4 < 6


# ------------------------------------------------------------ suppression, built


def _rows(person_prefix: str, node: str, n: int, **kw: Any) -> list[Outcome]:
    """n people at node, starting 2024-01-01, ending 2024-06-01 when completed."""
    completed = kw.get("completed", True)
    return [
        Outcome(
            f"{person_prefix}{i:03d}",
            node,
            date(2024, 1, 1),
            date(2024, 6, 1) if completed else None,
            completed,
            kw.get("employed"),
            kw.get("wage_after"),
            kw.get("wage_before"),
        )
        for i in range(n)
    ]


def nine_graph() -> nx.MultiDiGraph:
    """Programs P1 -> Q1 (through credential c1), P2, P3, P4, P5 on their own."""
    G = nx.MultiDiGraph(title="Nines")
    for n in ["P1", "P2", "P3", "P4", "P5", "Q1"]:
        G.add_node(n, kind="program", label=n)
    G.add_node("c1", kind="credential", label="c1")
    G.add_edge("P1", "c1", kind="awards")
    G.add_edge("c1", "Q1", kind="requires")
    return G


def nine_records() -> list[Outcome]:
    """Cells of exactly 9, directly and as differences from shown totals."""
    records: list[Outcome] = []
    # P1: 30 enrolled, 21 completed -> 9 non-completers (enrolled - completed).
    records += _rows("a", "P1", 21, employed=True)
    records += _rows("b", "P1", 9, completed=False)
    # Q1 (P1 leads to it): 19 of P1's completers start it after P1 ended, and 9
    # others enrol directly: Q1 enrolled 19 + 9 = 28.
    records += [
        Outcome(f"a{i:03d}", "Q1", date(2024, 7, 1), date(2024, 12, 1), True)
        for i in range(19)
    ]
    records += _rows("q", "Q1", 9)
    # P2: exactly 9 enrolled.
    records += _rows("c", "P2", 9)
    # P3: 25 completers, 16 employed, 9 not (known 25 - employed 16 = 9).
    records += _rows("d", "P3", 16, employed=True, wage_after=30000, wage_before=25000)
    records += _rows("e", "P3", 9, employed=False)
    # P4: 19 completers, 10 with both wages (completed - wage_people = 9).
    records += _rows("f", "P4", 10, wage_after=31000, wage_before=29000)
    records += _rows("g", "P4", 9)
    # P5: 12 enrolled, 12 completed, 3 continued (small), employment known 12.
    records += _rows("h", "P5", 12, employed=True)
    return records


def _shown_counts(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"people": data["people"], **{c: s[c] for c in COUNTS}} for s in data["steps"]
    ]


def _assert_no_small_cell(data: dict[str, Any], k: int) -> None:
    """The rule, read off published data: no count in 1..k-1 (nor 0), no
    difference of nested shown counts in 1..k-1; rates only over shown counts."""
    for counts in _shown_counts(data):
        for cell, parents in NESTED_IN.items():
            if counts[cell] is None:
                continue
            assert counts[cell] >= k, (cell, counts)
            for parent in parents:
                if counts[parent] is not None:
                    diff = counts[parent] - counts[cell]
                    assert diff == 0 or diff >= k, (cell, parent, counts)
    for step in data["steps"]:
        for rate, (num, den) in RATES.items():
            if step[rate] is not None:
                assert step[num] is not None and step[den] is not None
        if step["wage_gain_median"] is not None:
            assert step["wage_people"] is not None


def test_nine_never_appears_in_any_format() -> None:
    G = nine_graph()
    records = nine_records()
    raw = measure(G, records, min_cell=0)
    # The construction really holds the nines (and a header of 9 + ... people).
    by = {s.step: s for s in raw.steps}
    assert (by["P1"].enrolled, by["P1"].completed) == (30, 21)
    assert (by["P1"].continued, by["Q1"].enrolled) == (19, 28)
    assert by["P2"].enrolled == 9
    assert (by["P3"].employment_known, by["P3"].employed) == (25, 16)
    assert (by["P4"].completed, by["P4"].wage_people) == (19, 10)
    m = measure(G, records)
    data = json.loads(m.to_json())
    _assert_no_small_cell(data, MIN_CELL)
    # The total equals the input, and no count or nested difference is 9.
    people = len({r.person for r in records})
    assert (data["people"], data["rows"]) == (people, len(records))
    for counts in _shown_counts(data):
        shown = {c: v for c, v in counts.items() if v is not None}
        assert 9 not in shown.values()
        for cell, parents in NESTED_IN.items():
            for parent in parents:
                if cell in shown and parent in shown:
                    assert shown[parent] - shown[cell] != 9
    # Which cells the rule hid: P1 completed (enrolled 30 - 21 = 9) and, with it
    # hidden, employment_known 21 (30 - 21 again, nested two deep); P2 enrolled 9;
    # P3 employed (known 25 - 16 = 9); P4 wage_people (completed 19 - 10 = 9).
    by = {s.step: s for s in m.steps}
    assert by["P1"].suppressed["completed"] == "complementary"
    assert by["P1"].suppressed["employment_known"] == "complementary"
    assert by["P1"].continued == 19  # 30 - 19 = 11: nothing small to read
    assert by["P2"].suppressed["enrolled"] == "small"
    assert by["P3"].suppressed["employed"] == "complementary"
    assert by["P4"].suppressed["wage_people"] == "complementary"
    # CSV: every numeric cell is a shown value; no count cell says 9.
    table = list(csv.DictReader(io.StringIO(m.to_csv())))
    for row, step in zip(table, data["steps"], strict=True):
        for c in COUNTS:
            assert row[c] != "9"
            if step[c] is None:
                assert row[c] in ("<10", "*")
            else:
                assert int(row[c]) == step[c]
    # Text: no word of the table is 9; the suppressed cells are marked.
    text = str(m)
    words = {w for line in text.splitlines()[4:] for w in line.split()}
    assert "9" not in words and "<10" in words and "*" in words


@settings(max_examples=60)
@given(
    sizes=st.lists(st.integers(0, 40), min_size=6, max_size=6),
    k=st.integers(1, 12),
    seed=st.integers(0, 10_000),
)
def test_suppression_rule_holds_on_random_counts(
    sizes: list[int], k: int, seed: int
) -> None:
    # Per program: n people, of whom random subsets complete, are employed, etc.
    import random

    rng = random.Random(seed)
    G = nine_graph()
    records: list[Outcome] = []
    for node, n in zip(["P1", "P2", "P3", "P4", "P5", "Q1"], sizes, strict=True):
        for i in range(n):
            done = rng.random() < 0.7
            records.append(
                Outcome(
                    f"{node}-{i}" if rng.random() < 0.6 else f"x{i}",
                    node,
                    date(2024, 1, 1) + timedelta(days=rng.randrange(300)),
                    date(2024, 12, 1) if done else None,
                    done,
                    rng.choice([True, False, None]),
                    rng.choice([None, 30000.0]),
                    rng.choice([None, 20000.0]),
                )
            )
    records = list({(r.person, r.node, r.start): r for r in records}.values())
    m = measure(G, records, min_cell=k)
    data = m.to_dict()
    _assert_no_small_cell(data, k)
    raw = measure(G, records, min_cell=0).to_dict()
    # Shown values are the true values; a count < k is marked small.
    for shown, true in zip(data["steps"], raw["steps"], strict=True):
        for name, value in shown.items():
            if name == "suppressed":
                continue
            if value is not None or name not in shown["suppressed"]:
                assert value == true[name]
        for c in COUNTS:
            if true[c] < k:
                assert shown["suppressed"][c] == "small"
    # The header: shown and equal to the input, unless under k.
    people = len({r.person for r in records})
    assert data["people"] == (people if people >= k else None)


# ----------------------------------------------------------------- the oracle


def _reach(G: nx.MultiDiGraph, s: str) -> set[str]:
    """Steps reachable from s along progression edges (a BFS of its own)."""
    kinds = {"awards", "requires", "qualifies_for", "stacks_into", "articulates_to"}
    seen: set[str] = set()
    todo = [s]
    while todo:
        u = todo.pop()
        for _, v, k in G.out_edges(u, data="kind"):
            if k in kinds and v not in seen:
                seen.add(v)
                todo.append(v)
    return {t for t in seen if G.nodes[t]["kind"] in ("program", "credential")} - {s}


def oracle(G: nx.MultiDiGraph, records: list[Outcome]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for s in sorted({r.node for r in records} | {"A", "B", "C"}):
        at = [r for r in records if r.node == s]
        people = {r.person for r in at}
        finishers = {r.person for r in at if r.completed}
        first: dict[str, Outcome] = {}
        for p in finishers:
            done = [r for r in at if r.person == p and r.completed]
            first[p] = min(done, key=lambda r: (r.end, r.start, r.line))
        later = _reach(G, s)
        continued = 0
        for p, r in first.items():
            assert r.end is not None
            if any(
                q.person == p and q.node in later and q.start >= r.end for q in records
            ):
                continued += 1
        known = [r for r in first.values() if r.employed is not None]
        employed = [r for r in known if r.employed]
        gains = [
            r.wage_after - r.wage_before
            for r in first.values()
            if r.wage_after is not None and r.wage_before is not None
        ]
        out[s] = {
            "enrolled": len(people),
            "completed": len(finishers),
            "completion_rate": round(len(finishers) / len(people), 4)
            if people
            else None,
            "continued": continued,
            "continuation_rate": round(continued / len(finishers), 4)
            if finishers
            else None,
            "employment_known": len(known),
            "employed": len(employed),
            "employment_rate": round(len(employed) / len(known), 4) if known else None,
            "wage_people": len(gains),
            "wage_gain_median": round(median(gains), 2) if gains else None,
        }
    return out


@st.composite
def outcome_rows(draw: st.DrawFn) -> list[Outcome]:
    nodes = ["A", "B", "C", "ca", "cb", "cc"]
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["p1", "p2", "p3", "p4", "p5", "p6"]),
                st.sampled_from(nodes),
                st.integers(0, 12),  # start day (few days: many ties)
                st.integers(0, 6),  # length
                st.booleans(),  # completed
                st.sampled_from([True, False, None]),
                st.sampled_from([None, 20000.0, 25000.0, 31000.5]),
                st.sampled_from([None, 18000.0, 26000.0]),
            ),
            max_size=25,
        )
    )
    out: dict[tuple[str, str, date], Outcome] = {}
    day0 = date(2024, 1, 1)
    for i, (p, n, d, length, done, emp, after, before) in enumerate(rows):
        start = day0 + timedelta(days=d)
        out.setdefault(
            (p, n, start),
            Outcome(
                p,
                n,
                start,
                start + timedelta(days=length) if done or length % 2 else None,
                done,
                emp,
                after,
                before,
                line=i + 2,
            ),
        )
    return list(out.values())


@given(outcome_rows())
def test_oracle(records: list[Outcome]) -> None:
    G = small_graph()
    m = measure(G, records, min_cell=0)
    expected = oracle(G, records)
    assert {s.step for s in m.steps} == set(expected)
    for s in m.steps:
        got = s.to_dict()
        assert {k: got[k] for k in expected[s.step]} == expected[s.step], s.step
    assert m.people == len({r.person for r in records})
    assert m.rows == len(records)
    # And through a file: the same answer.
    again = measure(G, parse_outcomes(outcomes_csv(records), G=G), min_cell=0)
    assert again.steps == m.steps


# -------------------------------------------------------------------- totals


def test_totals_equal_the_input_on_the_synthetic_file(examples: Path) -> None:
    path = examples / "outcomes-bht-synthetic.csv"
    records = read_outcomes(path)
    m = measure(pathgraph.load_example("bht"), path)
    lines = path.read_text().splitlines()
    assert m.rows == len(records) == len(lines) - 1
    assert m.people == len({line.split(",")[0] for line in lines[1:]})
    assert f"{m.people} people, {m.rows} records" in str(m)
    raw = measure(pathgraph.load_example("bht"), path, min_cell=0)
    for s in raw.steps:
        assert s.enrolled == len({r.person for r in records if r.node == s.step})


def test_synthetic_file_is_the_generator_output(examples: Path) -> None:
    G = pathgraph.load_example("bht")
    text = (examples / "outcomes-bht-synthetic.csv").read_text()
    assert text == outcomes_csv(synthetic_outcomes(G, people=400, seed=0))


def test_synthetic_is_seeded_and_valid() -> None:
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    a = synthetic_outcomes(G, people=50, seed=3)
    assert a == synthetic_outcomes(G, people=50, seed=3)
    assert a != synthetic_outcomes(G, people=50, seed=4)
    assert len({r.person for r in a}) == 50
    parse_outcomes(outcomes_csv(a), G=G)  # validates
    # Walks follow the pathway: a later step is one the previous credential opens.
    by_person: dict[str, list[Outcome]] = {}
    for r in a:
        by_person.setdefault(r.person, []).append(r)
    nxt = next_steps(G)
    for rows in by_person.values():
        for r, q in pairwise(rows):
            assert r.completed and r.end is not None and q.start >= r.end
            assert q.node in nxt[r.node]
    with pytest.raises(ArgumentError):
        synthetic_outcomes(G, people=-1)


def test_step_order_and_next_steps() -> None:
    bht = pathgraph.load_example("bht")
    order = step_order(bht)
    G = pathgraph.to_graph(bht)
    progs = [s for s in order if G.nodes[s]["kind"] == "program"]
    assert progs == [
        "abe-ged",
        "bht-tier1-course",
        "bht-tier2-course",
        "bht-tier3-course",
        "bht-advanced-course",
        "bht-aas",
    ]
    nxt = next_steps(G)
    assert nxt["abe-ged"] >= {"hse", "bht-tier3-course", "bht-aas"}
    assert "abe-ged" not in nxt["abe-ged"]
    assert nxt["bht-assoc"] == frozenset()
    # level, when set, orders before depth.
    G2 = small_graph()
    G2.nodes["B"]["level"] = 0
    assert step_order(G2)[:3] == ["A", "B", "C"]


def test_min_cell_must_be_a_whole_number() -> None:
    for bad in (-1, 1.5, True):
        with pytest.raises(ArgumentError):
            measure(small_graph(), [], min_cell=bad)  # type: ignore[arg-type]


def test_empty_input_shows_nothing() -> None:
    m = measure(small_graph(), [])
    assert (m.people, m.rows) == (None, None)
    assert [s.step for s in m.steps] == ["A", "C", "B"]
    m0 = measure(small_graph(), [], min_cell=0)
    assert (m0.people, m0.rows, m0.steps[0].enrolled) == (0, 0, 0)
    assert "-" in str(m0)  # a rate over nobody


def test_output_is_deterministic() -> None:
    G = pathgraph.load_example("bht")
    a = measure(G, "examples/outcomes-bht-synthetic.csv")
    rows = list(read_outcomes("examples/outcomes-bht-synthetic.csv"))
    b = measure(G, reversed(rows))
    assert a.to_json().replace(
        '"examples/outcomes-bht-synthetic.csv"', '"records"'
    ) == (b.to_json())


# ------------------------------------------------------------------ validation


def _error(text: str, G: Any = None) -> str:
    with pytest.raises(FormatError) as info:
        parse_outcomes(text, source="o.csv", G=small_graph() if G is None else G)
    return str(info.value)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "p1,A,2024-02-30,,false,,,",
            "o.csv:2:3: column 'start': '2024-02-30' is not a date",
        ),
        (
            "p1,A,24-01-01,,false,,,",
            "o.csv:2:3: column 'start': '24-01-01' is not a date",
        ),
        ("p1,A,,,false,,,", "o.csv:2:3: column 'start': is empty"),
        (
            "p1,A,2024-03-01,2024-02-01,false,,,",
            "o.csv:2:4: end 2024-02-01 is before start",
        ),
        (
            "p1,A,2024-03-01,,true,,,",
            "o.csv:2:4: a completed record needs its end date",
        ),
        (
            "p1,A,2024-03-01,,yes,,,",
            "o.csv:2:5: column 'completed': 'yes' is not true or false",
        ),
        ("p1,A,2024-03-01,,false,maybe,,", "o.csv:2:6: column 'employed': 'maybe'"),
        (
            'p1,A,2024-03-01,,false,,"$31,200",',
            "o.csv:2:7: column 'wage_after': '$31,200' is not a wage",
        ),
        (
            "p1,A,2024-03-01,,false,,,-5",
            "o.csv:2:8: column 'wage_before': '-5' is not a wage",
        ),
        ("p1,A,2024-03-01,,false,,,nan", "'nan' is not a wage"),
        ("p1,A,2024-03-01,,false,,,1e13", "'1e13' is not a wage"),
        (",A,2024-03-01,,false,,,", "o.csv:2:1: column 'person': is empty"),
        ("p1,A,2024-03-01,,false,,", "o.csv:2: 7 cells, expected 8"),
        ("p1,A,2024-03-01,,false,,,,", "o.csv:2: 9 cells, expected 8"),
        ("p1," + "x" * 201 + ",2024-03-01,,false,,,", "column 'node': 201 characters"),
    ],
)
def test_row_errors_name_file_line_column(row: str, expected: str) -> None:
    message = _error(HEADER + row + "\n")
    assert expected in message
    assert "(fix: " in message


def test_unknown_nodes_are_listed_with_did_you_mean() -> None:
    text = HEADER + (
        "p1,A,2024-01-01,,false,,,\n"
        "p1,ca_,2024-01-01,,false,,,\n"  # line 3
        "p2,ca_,2024-01-01,,false,,,\n"
        "p3,job,2024-01-01,,false,,,\n"  # line 5
        "p3,zzz,2024-01-01,,false,,,\n"
    )
    message = _error(text)
    assert "3 problems in o.csv" in message
    assert "o.csv:3: unknown node 'ca_'; did you mean 'ca'? (2 rows, first line 3)" in (
        message
    )
    assert (
        "o.csv:5: node 'job' is an occupation, not a program or credential" in message
    )
    assert "o.csv:6: unknown node 'zzz' (line 6)" in message


def test_duplicate_rows() -> None:
    text = HEADER + (
        "p1,A,2024-01-01,,false,,,\n"
        "p1,B,2024-01-01,,false,,,\n"
        "p1,A,2024-01-01,2024-02-01,true,,,\n"  # line 4: same person, node, start
    )
    message = _error(text)
    assert (
        "o.csv:4: duplicate row: person 'p1', node 'A', start 2024-01-01 is already "
        "on line 2" in message
    )


def test_header_errors() -> None:
    assert "unknown column 'wage_afer'; did you mean 'wage_after'?" in _error(
        "person,node,start,end,completed,employed,wage_afer\n"
    )
    message = _error("person,node,start\n")
    assert "o.csv:1: missing columns end, completed, employed, wage_after" in message
    assert "column 'node' appears twice" in _error(HEADER.strip() + ",node\n")
    assert "the file is empty" in _error("")
    # Header names are read without case or surrounding space; wage_before optional.
    ok = "Person, NODE ,start,end,completed,employed,wage_after\np1,A,2024-01-01,,false,,\n"
    assert parse_outcomes(ok)[0] == Outcome("p1", "A", date(2024, 1, 1))


def test_every_problem_is_reported_up_to_the_limit() -> None:
    rows = "".join(f"p{i},A,2024-13-01,,false,,,\n" for i in range(60))
    message = _error(HEADER + rows)
    assert "51 problems" in message  # 50 listed, then the count of the rest
    assert "... and 10 more problems" in message
    assert "o.csv:2:3:" in message and "o.csv:52:3" not in message


def test_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pathgraph.measures as mod

    monkeypatch.setattr(mod, "MAX_ROWS", 2)
    rows = "".join(f"p{i},A,2024-01-01,,false,,,\n" for i in range(3))
    assert "o.csv:4: more than 2 records" in _error(HEADER + rows)
    path = tmp_path / "o.csv"
    path.write_text(HEADER + rows)
    monkeypatch.setattr(mod, "MAX_BYTES", 10)
    with pytest.raises(FormatError, match="bytes, more than 10"):
        read_outcomes(path)


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no such file"):
        read_outcomes(tmp_path / "missing.csv")
    bad = tmp_path / "latin.csv"
    bad.write_bytes((HEADER + "p\xe9,A,2024-01-01,,false,,,\n").encode("latin-1"))
    with pytest.raises(FormatError, match=r"latin.csv:2: not UTF-8 text"):
        read_outcomes(bad)
    quoted = tmp_path / "quote.csv"
    quoted.write_text(HEADER + 'p1,A,"2024-01-01\n')
    with pytest.raises(FormatError, match="not a valid CSV table"):
        read_outcomes(quoted)


def test_records_are_checked_against_the_pathway() -> None:
    records = [
        Outcome("p1", "nope", date(2024, 1, 1)),
        Outcome("p1", "A", date(2024, 1, 1)),
        Outcome("p1", "A", date(2024, 1, 1), date(2024, 2, 1), True),
    ]
    with pytest.raises(ValidationError) as info:
        measure(small_graph(), records)
    text = str(info.value)
    assert "unknown node 'nope'" in text and "duplicate row" in text
    with pytest.raises(ValidationError, match=r"records\[0\]: a completed record"):
        measure(small_graph(), [Outcome("p1", "A", date(2024, 1, 1), None, True)])
    late = Outcome("p1", "A", date(2024, 2, 1), date(2024, 1, 1))
    with pytest.raises(
        ValidationError, match=r"records\[0\]: end 2024-01-01 is before"
    ):
        measure(small_graph(), [late])
    with pytest.raises(ArgumentError, match="not dict"):
        measure(small_graph(), [{"person": "p1"}])  # type: ignore[list-item]


def test_blank_lines_keep_line_numbers() -> None:
    text = HEADER + "p1,A,2024-01-01,,false,,,\n\n\np2,A,2024-13-01,,false,,,\n"
    assert "o.csv:5:3:" in _error(text)
    assert [
        r.line for r in parse_outcomes(HEADER + "p1,A,2024-01-01,,false,,,\n\n")
    ] == [2]
