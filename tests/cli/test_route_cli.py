"""``pathgraph route`` says what the client said, and checks it before any work."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

import pathgraph
from pathgraph.cli import main
from pathgraph.io.native import loads_yaml
from pathgraph.render import pdf
from pathgraph.render.pdf import BROWSERS

IT = Path(__file__).resolve().parents[2] / "examples" / "it-support.yaml"


def test_repeated_goals_mean_any_of_them(capsys: pytest.CaptureFixture[str]) -> None:
    """A repeated --goal kept only the last one, silently."""
    args = ["route", str(IT), "--entry", "abe"]
    assert main([*args, "--goal", "network-admin"]) == 0
    admin = capsys.readouterr().out
    assert main([*args, "--goal", "it-certificate"]) == 0
    cert = capsys.readouterr().out
    # network-admin takes 44 months (GED, Networking I, Network+, 36 months in the
    # job); the certificate 18: whichever is best wins, in either order.
    assert "Route to network-admin: 5 steps, 44 months" in admin
    assert "Route to it-certificate: 6 steps, 18 months" in cert
    for order in (
        ["--goal", "network-admin", "--goal", "it-certificate"],
        ["--goal", "it-certificate", "--goal", "network-admin"],
    ):
        assert main([*args, *order]) == 0
        assert capsys.readouterr().out == cert


def test_a_map_name_is_checked_before_the_route_is_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`-o route.pdf` printed the route, then failed (a PDF is written now; any
    other name is refused before the route is printed)."""
    out = tmp_path / "route.docx"
    code = main(["route", str(IT), "--goal", "network-admin", "-o", str(out)])
    assert code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "route.html, route.pdf or route.svg" in captured.err
    assert not out.exists()


@pytest.mark.parametrize(
    ("option", "value"),
    [("--budget", "nan"), ("--budget", "-1"), ("--max-months", "nan")],
)
def test_limits_must_be_numbers_at_least_zero(
    option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--budget nan meant "no limit" (NaN compares false with everything)."""
    assert main(["route", str(IT), "--goal", "network-admin", option, value]) == 2
    assert "must be a number >= 0" in capsys.readouterr().err


@pytest.mark.parametrize("value", [math.nan, -1.0, "10", True])
def test_the_api_refuses_the_same_limits(value: object) -> None:
    G = pathgraph.to_graph(pathgraph.read(IT))
    with pytest.raises(pathgraph.ArgumentError, match="budget must be a number"):
        pathgraph.route(G, "network-admin", budget=value)  # type: ignore[arg-type]
    # infinity is a number >= 0: no limit
    assert pathgraph.route(G, "network-admin", budget=math.inf).months == 44


def test_steps_count_toward_later_steps_by_number() -> None:
    """'counts toward' listed condition ids (it-certificate:earn.2.2) a client
    cannot read; the route text numbers the steps instead."""
    G = pathgraph.to_graph(pathgraph.read(IT))
    text = str(pathgraph.route(G, "it-certificate", entry="abe"))
    assert ":earn" not in text.split("to confirm")[0].split("earn it-certificate")[0]
    assert "take Networking I [net-110]: 4 months, $450; counts toward steps 4, 6" in (
        text
    )


NO_HSE = """title: No route
programs:
  - {id: lpn-program, label: Practical nursing, requires: [hse], awards: [lpn-cert]}
  - {id: loop, label: Loop program, requires: [loop-cert], awards: [loop-cert]}
  - id: bridge
    label: Bridge
    requires: [{need: 2, of: [lpn-cert, b-cert, loop-cert]}]
    awards: [bridge-cert]
credentials:
  - {id: hse, label: High School Equivalency}
  - {id: lpn-cert, label: LPN certificate, qualifies_for: [lpn]}
  - {id: loop-cert, label: Loop cert, qualifies_for: [lpn]}
  - {id: b-cert, label: B cert, qualifies_for: [lpn]}
  - {id: bridge-cert, label: Bridge cert, qualifies_for: [lpn]}
occupations:
  - {id: lpn, label: Licensed practical nurse}
"""


def _no_route(goal: str) -> str:
    G = pathgraph.to_graph(loads_yaml(NO_HSE, "no-route.yaml"))
    with pytest.raises(pathgraph.NoRouteError) as info:
        pathgraph.route(G, goal, entry="abe")
    return str(info.value)


def test_no_route_names_the_root_cause_in_labels() -> None:
    """It said "requirement 'lpn-cert' of lpn cannot be met; missing: lpn-cert":
    ids, and the nearest unmet requirement instead of the root cause (nothing
    awards the High School Equivalency)."""
    msg = _no_route("lpn-cert")
    assert msg == (
        "no route to LPN certificate [lpn-cert]: LPN certificate [lpn-cert] comes "
        "from Practical nursing [lpn-program]; Practical nursing [lpn-program] needs "
        "High School Equivalency [hse]; High School Equivalency [hse]: nothing in "
        "this pathway awards it (no program, exam or condition; no stack) (fix: add "
        "a record that grants High School Equivalency [hse], or start from holdings "
        "that include it (--holds hse))"
    )


def test_no_route_names_a_circle() -> None:
    msg = _no_route("loop-cert")
    assert "Loop program [loop] needs Loop cert [loop-cert]" in msg
    assert "a circle: it is needed to obtain itself" in msg


def test_no_route_through_a_group_lists_what_is_missing() -> None:
    msg = _no_route("bridge-cert")
    assert "Bridge [bridge] needs " in msg and "(missing: " in msg
    assert "B cert [b-cert]" in msg and "nothing in this pathway awards it" in msg


@pytest.mark.parametrize(
    ("goal", "hint"),
    [
        ("network-admn", "did you mean 'network-admin'?"),
        ("network  AND computer systems administrator", "label of 'network-admin'"),
    ],
)
def test_a_mistyped_goal_gets_a_suggestion(goal: str, hint: str) -> None:
    G = pathgraph.to_graph(pathgraph.read(IT))
    with pytest.raises(pathgraph.UnknownNodeError, match=hint):
        pathgraph.route(G, goal)


BHT = IT.with_name("bht.yaml")


def test_min_wage_is_a_goal(capsys: pytest.CaptureFixture[str]) -> None:
    """A CNA working days wants a job over $45,000 soon. In bht.yaml the jobs
    paying at least $45,000 are the human service assistant ($45,120, after the
    three basic tiers, 4 + 4 + 4 months plus the hire) and the counselor ($59,190,
    after the 30-month AAS route): the soonest is the assistant, 18 months
    (Tier 1, Tier 2, GED 6 months, Tier 3, hired: 4 + 4 + 6 + 4 + 0)."""
    assert main(["route", str(BHT), "--entry", "abe", "--min-wage", "45000"]) == 0
    out = capsys.readouterr().out
    assert "Route to human-service-assistant: 5 steps, 18 months" in out
    assert main(["route", str(BHT), "--min-wage", "900000"]) == 2
    assert "no occupation in this pathway has a median wage" in (
        capsys.readouterr().err
    )
    assert main(["route", str(BHT)]) == 2
    assert "--goal ID (repeat) or --min-wage" in capsys.readouterr().err


def test_schedule_and_modality_are_hard_constraints() -> None:
    """bht.yaml: the AAS is hybrid, day and evening; nothing else awards the
    associate degree, so "online only" leaves no route and says why."""
    G = pathgraph.to_graph(pathgraph.read(BHT))
    r = pathgraph.route(G, "bht-assoc", entry="abe", only={"schedule": "evening"})
    assert r.months == 30
    with pytest.raises(pathgraph.NoRouteError, match="ruled out .avoid or only.: AAS"):
        pathgraph.route(G, "bht-assoc", entry="abe", only={"modality": "online"})
    # Tier 1 is in person: the hybrid-only route to the Tier 2 credential fails,
    # either of the two modalities passes.
    with pytest.raises(pathgraph.NoRouteError):
        pathgraph.route(G, "bht-tier2", entry="abe", only={"modality": ["hybrid"]})
    both = {"modality": ["hybrid", "in_person"]}
    assert pathgraph.route(G, "bht-tier2", entry="abe", only=both).months == 8


def test_a_step_that_does_not_record_what_only_asks_is_to_confirm() -> None:
    """A program whose schedule is not recorded is kept under ``only`` (the
    pathway cannot say), and the route says what to confirm; one that records it
    needs no note, and without ``only`` nothing is assumed."""
    p = pathgraph.read(BHT)
    p = p.model_copy(
        update={
            "nodes": [
                n.model_copy(update={"schedule": []}) if n.id == "abe-ged" else n
                for n in p.nodes
            ]
        }
    )
    G = pathgraph.to_graph(p)
    only = {"schedule": ["evening", "weekend"]}
    r = pathgraph.route(G, "bht-assoc", entry="abe", only=only)
    assert [s.node for s in r.steps] == ["abe-ged", "bht-aas"]
    assert r.assumes == (
        "Adult Basic Education and GED preparation [abe-ged]: its schedule is not "
        "recorded; confirm it is evening or weekend",
    )
    assert "confirm it is evening or weekend" in str(r)
    assert pathgraph.route(G, "bht-assoc", entry="abe").assumes == ()
    both = pathgraph.routes(G, "bht-assoc", entry="abe", k=2, only=only)
    assert all(x.assumes == r.assumes for x in both)
    # A set is read in a stable order, a single value that is not text as itself.
    as_set = pathgraph.route(
        G, "bht-assoc", entry="abe", only={"schedule": {"weekend", "evening"}}
    )
    assert as_set.assumes == r.assumes
    hours = pathgraph.route(G, "bht-assoc", entry="abe", only={"hours": 120})
    assert any(
        "its hours is not recorded; confirm it is 120" in t for t in hours.assumes
    )
    with pytest.raises(pathgraph.ArgumentError, match="only must be a mapping"):
        pathgraph.route(G, "bht-assoc", entry="abe", only=["evening"])  # type: ignore[arg-type]


def test_cli_constraints_reach_the_route(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["route", str(BHT), "--entry", "abe", "--goal", "bht-tier2"]
    assert main([*args, "--modality", "hybrid"]) == 2
    assert "ruled out" in capsys.readouterr().err
    assert main([*args, "--modality", "hybrid", "--modality", "in_person"]) == 0
    assert "8 months" in capsys.readouterr().out
    assert main([*args, "--avoid", "bht-tier1-course"]) == 2
    capsys.readouterr()
    assert main([*args, "--prefer", "modality"]) == 2
    assert "KEY=VALUE" in capsys.readouterr().err


@pytest.mark.browser
@pytest.mark.skipif(
    not any(shutil.which(b) for b in BROWSERS), reason="needs Chromium (CI has it)"
)
def test_the_route_sheet_prints_to_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "route.pdf"
    code = main(
        ["route", str(BHT), "--goal", "bht-assoc", "--entry", "abe", "-o", str(out)]
    )
    assert code == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(data) > 5_000
    assert f"wrote {out}" in capsys.readouterr().err


def test_a_pdf_without_a_browser_says_how_to_get_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    G = pathgraph.to_graph(pathgraph.read(BHT))
    r = pathgraph.route(G, "bht-assoc", entry="abe")
    out = tmp_path / "route.pdf"
    with pytest.raises(pathgraph.MissingDependencyError, match="apt-get install"):
        pathgraph.render.route_map(G, r, out)
    assert not out.exists()


def test_a_mistyped_avoid_or_a_nan_wage_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--avoid with a typo avoided nothing, silently; --min-wage nan matched no job
    with a message about "$nan"."""
    args = ["route", str(BHT), "--entry", "abe"]
    assert main([*args, "--goal", "bht-assoc", "--avoid", "abe-gde"]) == 2
    assert "did you mean 'abe-ged'?" in capsys.readouterr().err
    assert main([*args, "--min-wage", "nan"]) == 2
    assert "--min-wage must be a number of dollars" in capsys.readouterr().err
