"""Wrong answers found by new users on real pathways, each with a test that failed
before its fix (the requirement-language issue's list)."""

from __future__ import annotations

import pathgraph
from tests.analysis.graphs import graph

ABE = {"kind": "program", "schedule": ["evening"]}


def test_a_marked_destination_does_not_make_job_off_ramps_dead_ends() -> None:
    """With ``destination: true`` on the degree, a certificate that qualifies for a
    job is an off-ramp, not a dead end (it used to be PG101, and the fix text asked
    for the off-ramp it has)."""
    G = graph(
        {
            "abe": ABE,
            "cert": "credential",
            "aide": "occupation",
            "deg": {"kind": "credential", "destination": True},
            "aas": "program",
            "orphan": "credential",
        },
        [
            ("abe", "cert", "awards"),
            ("cert", "aide", "qualifies_for"),
            ("aas", "deg", "awards"),
            ("abe", "orphan", "awards"),
        ],
    )
    assert pathgraph.dead_ends(G) == ["orphan"]
    found = [f.node for f in pathgraph.check(G).findings if f.code == "PG101"]
    assert found == ["orphan"]
