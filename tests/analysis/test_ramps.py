"""On-ramps, off-ramps, re-entry points and stackable chains."""

from __future__ import annotations

import pytest

import pathgraph
from pathgraph.analysis.ramps import worker_flags, worker_friendly
from tests.analysis.graphs import graph


def test_on_ramps_for_presets() -> None:
    G = pathgraph.to_graph(pathgraph.load_example("bht"))
    assert pathgraph.on_ramps(G, "abe") == ["abe-ged", "bht-tier1-course"]
    assert pathgraph.on_ramps(G, "diploma") == [
        "abe-ged",
        "bht-aas",
        "bht-tier1-course",
    ]
    assert pathgraph.on_ramps(G, ["bht-tier1"]) == [
        "abe-ged",
        "bht-tier1-course",
        "bht-tier2-course",
        "psychiatric-aide",
    ]
    with pytest.raises(KeyError):
        pathgraph.on_ramps(G, ["no-such-node"])


def test_on_ramps_respect_need() -> None:
    G = graph(
        {"a": "credential", "b": "credential", "c": "credential", "p": "program"},
        [
            ("a", "p", "requires", {"group": "g", "need": 2}),
            ("b", "p", "requires", {"group": "g", "need": 2}),
            ("c", "p", "requires", {"group": "g", "need": 2}),
        ],
    )
    assert "p" not in pathgraph.on_ramps(G, ["a"])
    assert "p" in pathgraph.on_ramps(G, ["a", "c"])


def test_off_ramps() -> None:
    ramps = pathgraph.off_ramps(pathgraph.load_example("bht"))
    assert ramps["bht-tier1"] == ["psychiatric-aide"]
    assert ramps["bht-assoc"] == [
        "behavioral-health-counselor",
        "psychiatric-technician",
    ]
    assert ramps["bht-advanced"] == []


def test_re_entry_points_flag_worker_friendly_programs() -> None:
    G = graph(
        {
            "cert": "credential",
            "job": "occupation",
            "day": {"kind": "program", "modality": "in_person", "schedule": ["day"]},
            "night": {"kind": "program", "schedule": ["evening"]},
        },
        [
            ("cert", "job", "qualifies_for"),
            ("cert", "day", "requires"),
            ("cert", "night", "requires"),
        ],
    )
    entry = pathgraph.re_entry_points(G)["job"]
    assert entry.programs == ("day", "night")
    assert entry.for_workers == ("night",)
    assert entry.exists


def test_stackable_chains_report_credits_months_and_off_ramps() -> None:
    chains = pathgraph.stackable_chains(pathgraph.load_example("manufacturing"))
    by_start = {c.credentials: c for c in chains}
    mech = by_start[("imt-cert", "mechatronics-cert", "aas-mechatronics")]
    assert mech.steps == ("stacks_into", "aas-mechatronics-program")
    assert mech.credits_carried == (24.0, 36.0)
    assert mech.months == 6 + (24 - 12)
    assert mech.off_ramps[0] == ("maintenance-worker",)
    assert list(mech) == ["imt-cert", "mechatronics-cert", "aas-mechatronics"]
    assert len(chains) == 5


def test_chain_through_a_cycle_terminates() -> None:
    G = graph(
        {"a": "credential", "b": "credential"},
        [("a", "b", "stacks_into"), ("b", "a", "stacks_into")],
    )
    chains = pathgraph.stackable_chains(G)
    assert [list(c) for c in chains] == [["a", "b"]]


def test_worker_flags_equal_worker_friendly_on_odd_attributes() -> None:
    attrs = [
        {},
        {"modality": "online"},
        {"modality": "in_person", "schedule": ["day"]},
        {"schedule": ["day", "evening"]},
        {"schedule": ("weekend",)},
        {"schedule": [["evening"]]},  # unhashable value: the careful path
        {"modality": 3, "schedule": ["day"]},
        {"earn_while_learning": True},
        {"schedule": None},
        {"schedule": "evening"},  # one value without a list
    ]
    expected = [False, True, False, True, True, False, False, True, False, True]
    assert [worker_friendly(d) for d in attrs] == expected
    assert worker_flags(attrs) == expected
