"""Three clients of a career navigator, on the examples (issue #15), with the answers
worked out by hand from the YAML in the comments."""

from __future__ import annotations

from pathlib import Path

import pytest

import pathgraph
from pathgraph.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_no_diploma_wants_the_associate_degree() -> None:
    """bht.yaml, entry abe. Fastest: ABE/GED (6 months, $0) then the AAS (24
    months, $5,504) = 30 months, $5,504; the ITA ($3,000, illustrative) supports
    the AAS: net $2,504; the AAS opens the counselor ($59,190) and the psychiatric
    technician ($42,590). Second: the stacked route, Tier 1 (4, $0) opens
    Psychiatric Aide ($41,590) after 4 months; Tier 2 (4, $516), GED (6, $0), Tier 3
    (4, $516) opens the human service assistant ($45,120); the advanced certificate
    (8, $1,290) and the AAS with credit (12, $2,666): 38 months, $4,988; the ITA
    pays $1,290 + $1,710: net $1,988."""
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    fast, stacked = pathgraph.routes(G, "bht-assoc", entry="abe", k=2)
    assert [s.node for s in fast.steps] == ["abe-ged", "bht-aas"]
    assert (fast.months, fast.cost, fast.aid, fast.net_cost) == (30, 5504, 3000, 2504)
    assert fast.steps[-1].opens_ids == (
        "behavioral-health-counselor",
        "psychiatric-technician",
    )
    assert (stacked.months, stacked.cost, stacked.net_cost) == (38, 4988, 1988)
    earning = [(s.total_months, s.opens_ids) for s in stacked.steps if s.opens_ids]
    assert earning == [
        (4, ("psychiatric-aide",)),
        (18, ("human-service-assistant",)),
        (38, ("behavioral-health-counselor", "psychiatric-technician")),
    ]


def test_works_days_wants_45000_soon(capsys: pytest.CaptureFixture[str]) -> None:
    """bht.yaml, entry abe, evening study only, any job paying at least $45,000.
    Every BHT program meets in the evening. Jobs at $45,000 or more: the human
    service assistant ($45,120: Tier 3's certificate) and the counselor ($59,190:
    the AAS, 30 months at best). Tier 3 needs Tier 2 and the GED; Tier 2 needs
    Tier 1: 4 + 4 + 6 + 4 = 18 months, $0 + $516 + $0 + $516 = $1,032, then hired;
    Psychiatric Aide opens after the first 4 months."""
    code = main(
        [
            "route",
            str(EXAMPLES / "bht.yaml"),
            "--entry",
            "abe",
            "--min-wage",
            "45000",
            "--schedule",
            "evening",
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "Route to human-service-assistant: 5 steps, 18 months, $1,032" in out
    assert "jobs open now: Psychiatric Aide [psychiatric-aide]" in out
    # Daytime study only: the tiers meet only in the evening, so the assistant is
    # out of reach; the GED (day and evening) and the AAS (day and evening) lead
    # to the counselor: 6 + 24 = 30 months.
    code = main(
        [
            "route",
            str(EXAMPLES / "bht.yaml"),
            "--entry",
            "abe",
            "--min-wage",
            "45000",
            "--schedule",
            "day",
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "Route to behavioral-health-counselor: 3 steps, 30 months, $5,504" in out


def test_cannot_pay_more_than_a_set_amount() -> None:
    """it-support.yaml, entry abe, goal network support specialist. Fastest: GED
    tests (3 months, $144), Networking I (4, $450), Network+ (1, $369), hired: 8
    months, $963. Within $600 the only route is the free I-BEST (4 months), the A+
    exams (1, $506), help desk, then 24 months to advance: 29 months, $506. Within
    $500 there is none, and the message says what the cheapest and fastest cost."""
    G = pathgraph.to_graph(pathgraph.load_example("it-support"))
    fast = pathgraph.route(G, "network-support", entry="abe")
    assert (fast.months, fast.cost) == (8, 963)
    capped = pathgraph.route(G, "network-support", entry="abe", budget=600)
    assert (capped.months, capped.cost) == (29, 506)
    assert [s.node for s in capped.steps] == [
        "ibest-it",
        "a-plus-exams",
        "help-desk",
        "network-support",
    ]
    with pytest.raises(pathgraph.NoRouteError) as info:
        pathgraph.route(G, "network-support", entry="abe", budget=500)
    message = str(info.value)
    assert "exceeds budget $500" in message
    assert "the cheapest route costs $506" in message
    assert "the fastest takes 8 months" in message
