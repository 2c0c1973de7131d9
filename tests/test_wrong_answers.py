"""Wrong answers found by new users on real pathways, each with a test that failed
before its fix (the requirement-language issue's list)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import pathgraph
from pathgraph.cli import main
from pathgraph.labor import gap_analysis
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


def test_an_incumbent_holds_what_their_job_required() -> None:
    """A nursing assistant holds the CNA credential their job requires (they used to
    be routed through the CNA course again). Where the job accepts any of several
    credentials, none is assumed."""
    G = graph(
        {
            "cna-course": {"kind": "program", "months": 2},
            "cna": "credential",
            "aide": {"kind": "occupation", "career_level": "entry"},
            "lpn-prog": {"kind": "program", "months": 12},
            "lpn": "credential",
            "nurse": {"kind": "occupation", "career_level": "middle"},
            "tech": {"kind": "occupation", "career_level": "entry"},
            "a": "credential",
            "b": "credential",
        },
        [
            ("cna-course", "cna", "awards"),
            ("cna", "aide", "qualifies_for"),
            ("cna", "lpn-prog", "requires"),
            ("lpn-prog", "lpn", "awards"),
            ("lpn", "nurse", "qualifies_for"),
            ("a", "tech", "qualifies_for"),
            ("b", "tech", "qualifies_for"),
        ],
    )
    held = pathgraph.preset_holdings(G, "incumbent")
    assert {"aide", "cna", "tech"} <= held
    assert not {"a", "b", "cna-course"} & held
    r = pathgraph.route(G, "nurse", entry="incumbent")
    assert [s.node for s in r.steps] == ["lpn-prog", "nurse"]


def test_esl_needs_a_program_for_english_learners() -> None:
    """``--entry esl`` used to equal ``abe``: a pathway with no program for
    English learners passed. An open program that serves ``esl`` (or an IET
    program) is their on-ramp."""
    nodes: dict[str, Any] = {
        "abe": {"kind": "program", "serves": ["abe"]},
        "c": "credential",
        "o": "occupation",
    }
    edges = [("abe", "c", "awards"), ("c", "o", "qualifies_for")]
    G = graph(nodes, edges)

    def on_ramp_findings(H: Any, entry: tuple[str, ...]) -> list[str]:
        report = pathgraph.check(H, rules=["PG201"], holds_for_on_ramps=entry)
        return [f.message for f in report.findings]

    assert on_ramp_findings(G, ("abe",)) == []
    (message,) = on_ramp_findings(G, ("esl",))
    assert "'esl'" in message and "English learners" in message
    for serves in ({"serves": ["abe", "esl"]}, {"iet": True}):
        H = graph({**nodes, "abe": {"kind": "program", **serves}}, edges)
        assert on_ramp_findings(H, ("esl",)) == []


def test_check_entry_takes_every_preset(capsys: pytest.CaptureFixture[str]) -> None:
    """``check --entry`` refused diploma and incumbent."""
    example = Path(__file__).resolve().parent.parent / "examples" / "bht.yaml"
    for preset in ("abe", "esl", "diploma", "incumbent"):
        code = main(["check", str(example), "--entry", preset, "--select", "PG201"])
        out = capsys.readouterr().out
        assert code == 0, (preset, out)
        assert "0 errors, 0 warnings" in out


def test_a_placement_test_or_esl_completion_is_not_a_stack_level() -> None:
    """PG202 called an ESL level earned by a proficiency test, and the credential
    a placement test awards, "a level of the stack" (they are starting points).
    The CNA -> LPN stack still has its real level without an off-ramp."""
    G = graph(
        {
            "casas": {"kind": "assessment", "assessment_type": "proficiency"},
            "esl-6": "credential",
            "tabe": {"kind": "assessment", "assessment_type": "placement"},
            "tabe-ok": "credential",
            "cna-course": "program",
            "cna": "credential",
            "lpn-program": "program",
            "lpn-cert": "credential",
            "aide": "occupation",
            "lpn": "occupation",
        },
        [
            ("casas", "esl-6", "awards"),
            ("tabe", "tabe-ok", "awards"),
            ("esl-6", "cna-course", "requires"),
            ("tabe-ok", "cna-course", "requires"),
            ("cna-course", "cna", "awards"),
            ("cna", "aide", "qualifies_for"),
            ("cna", "lpn-program", "requires"),
            ("lpn-program", "lpn-cert", "awards"),
            ("lpn-cert", "lpn", "requires"),
        ],
    )
    found = [f.node for f in pathgraph.check(G, rules=["PG202"]).findings]
    assert found == ["lpn-cert"]
    assert [list(c) for c in pathgraph.stackable_chains(G)] == [["cna", "lpn-cert"]]


def test_a_licence_through_an_exam_counts_the_programs_completers() -> None:
    """gap_analysis counted 0 completers for LPN and RN when the licence comes
    through the licensure exam, although the programs list their completers."""
    G = graph(
        {
            "pn-program": {"kind": "program", "completers": 40},
            "pn-diploma": "credential",
            "nclex-pn": {"kind": "assessment", "assessment_type": "licensure"},
            "lpn-license": "credential",
            "lpn": {"kind": "occupation", "openings": 100},
            "adn-program": {"kind": "program", "completers": 60},
            "adn": "credential",
            "nclex-rn": {
                "kind": "assessment",
                "assessment_type": "licensure",
                "completers": 50,
            },
            "rn-license": "credential",
            "rn": {"kind": "occupation", "openings": 55},
        },
        [
            ("pn-program", "pn-diploma", "awards"),
            ("pn-diploma", "nclex-pn", "requires"),
            ("nclex-pn", "lpn-license", "awards"),
            ("lpn-license", "lpn", "qualifies_for"),
            ("adn-program", "adn", "awards"),
            ("adn", "nclex-rn", "requires"),
            ("nclex-rn", "rn-license", "awards"),
            ("rn-license", "rn", "qualifies_for"),
        ],
    )
    rows = {r.occupation: r for r in gap_analysis(G)}
    assert (rows["lpn"].programs, rows["lpn"].completers) == (("pn-program",), 40)
    # The exam's own pass count is the supply, not the program's completers.
    assert (rows["rn"].programs, rows["rn"].completers) == (("nclex-rn",), 50)
    assert rows["rn"].status == "balanced"
