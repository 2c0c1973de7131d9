"""Proof on the published CTDL pathways (issue #14).

Every pathway document loads; ``check`` reports no unreachable (PG102) or
awards-nothing (PG105) finding that the document does not cause; a route from an
empty start reaches every destination, and its steps meet each component's
conditions as an independent reading of the raw document says
(:mod:`tests.io.test_ctdl_oracle`). A hand-written document with a nested "or", a
credit total and an exam routes to its cheaper branch, and so does the same pathway
written in native YAML.
"""

from __future__ import annotations

import itertools
import re
import warnings
from pathlib import Path
from typing import Any

import pytest

import pathgraph
from pathgraph.io.ctdl import read_ctdl
from tests.io.test_ctdl_oracle import Document, iri_tail, types, values

DATA = Path(__file__).parent / "data"

#: The pathway documents in ../shared/data/ctdl, with their progression model.
DOCUMENTS: dict[str, str | None] = {
    "Badgr_EmpoweringTeachingExcellence.json": None,
    "Bakersfield_AS_CS_pathway-CSU_transfer-v2.json": None,
    "CompTIA-IT_Networking_Specialist.jsonld": "comptia-IT_progModel.json",
    "HeriotWatt_pathway.json": None,
    "Illinois-IT.json": None,
}
#: Records each document itself leaves unreachable, with the reason (none: the
#: oracle finds every component of every document reachable, see below).
CAUSED_BY_THE_DOCUMENT: dict[str, dict[str, str]] = {name: {} for name in DOCUMENTS}


def _load(shared: Path, name: str) -> pathgraph.Pathway:
    model = DOCUMENTS.get(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_ctdl(
            shared / "ctdl" / name,
            progression_model=shared / "ctdl" / model if model else None,
        )


def replay(doc: Document, route: Any, destination: str) -> set[str]:
    """Walk a route's steps in order; every component a step completes or earns
    must be completable (its conditions met) by what the steps before it
    completed. Returns the components completed; the destination must be one."""
    done: set[str] = set()
    for step in route.steps:
        got = {doc.by_tail[i] for i in (step.node, *step.earns) if i in doc.by_tail}
        for iri in got:
            assert doc.can_complete(iri, done), (
                f"step {step.action} {step.node}: {iri_tail(iri)} is completed before "
                "its conditions are met"
            )
        done |= got
        _close_milestones(doc, done)
    assert destination in done, f"the route never completes {iri_tail(destination)}"
    return done


#: Component types that are milestones, not activities: done as soon as their
#: conditions are met (a route meets them without a step of their own).
MILESTONES = frozenset(
    {
        "BasicComponent",
        "SelectionComponent",
        "CocurricularComponent",
        "ExtracurricularComponent",
        "CompetencyComponent",
    }
)


def _close_milestones(doc: Document, done: set[str]) -> None:
    grew = True
    while grew:
        grew = False
        for iri, obj in doc.components.items():
            if (
                iri not in done
                and MILESTONES.intersection(types(obj))
                and doc.can_complete(iri, done)
            ):
                done.add(iri)
                grew = True


@pytest.mark.data
@pytest.mark.parametrize("name", [*DOCUMENTS, "registry-credential-NBCOT-COTA.json"])
def test_every_pathway_document_loads(shared_data: Path, name: str) -> None:
    p = _load(shared_data, name)
    doc = Document(shared_data / "ctdl" / name)
    # One record per component, with the component's id; the rest are conditions.
    ids = {n.id for n in p.nodes}
    assert {iri_tail(iri) for iri in doc.components} <= ids
    assert {n.kind for n in p.nodes if n.id not in doc.by_tail} <= {"condition"}


@pytest.mark.data
@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_unreachable_or_awards_nothing_the_document_does_not_cause(
    shared_data: Path, name: str
) -> None:
    doc = Document(shared_data / "ctdl" / name)
    lost = {iri_tail(i) for i in doc.components} - {
        iri_tail(i) for i in doc.reachable()
    }
    # The independent reading: what the document itself leaves unreachable.
    assert lost == set(CAUSED_BY_THE_DOCUMENT[name])
    p = _load(shared_data, name)
    report = pathgraph.check(pathgraph.to_graph(p))
    found = {
        (f.code, f.node): f.message
        for f in report.findings
        if f.code in ("PG102", "PG105")
    }
    expected = {("PG102", node) for node in CAUSED_BY_THE_DOCUMENT[name]}
    assert set(found) == expected, sorted(found.items())[:5]


@pytest.mark.data
@pytest.mark.parametrize("name", DOCUMENTS)
def test_route_from_nothing_reaches_every_destination(
    shared_data: Path, name: str
) -> None:
    doc = Document(shared_data / "ctdl" / name)
    p = _load(shared_data, name)
    destinations = doc.destinations()
    assert destinations
    assert {iri_tail(d) for d in destinations} == {
        n.id for n in p.nodes if n.destination
    }
    G = pathgraph.to_graph(p)
    for dest in destinations:
        route = pathgraph.route(G, iri_tail(dest))
        replay(doc, route, dest)


# ---------------------------------------------------- the hand-written document


def _months(obj: dict[str, Any]) -> float:
    for profile in values(obj, "estimatedDuration"):
        (text,) = values(profile, "exactDuration")
        return float(re.fullmatch(r"P(\d+)M", text).group(1))  # type: ignore[union-attr]
    return 0.0


def _cost(obj: dict[str, Any]) -> float:
    for profile in values(obj, "estimatedCost"):
        return float(values(profile, "price")[0])
    return 0.0


def _cheapest(doc: Document, goal: str, weigh: Any) -> tuple[float, set[str]]:
    """Brute force: the cheapest set of steps (courses and exams) from which the
    goal can be completed, every step completable from the others."""
    steps = [i for i in doc.components if i != goal]
    best: tuple[float, set[str]] | None = None
    for k in range(len(steps) + 1):
        for chosen in map(set, itertools.combinations(steps, k)):
            if not doc.can_complete(goal, chosen):
                continue
            if not all(doc.can_complete(s, chosen - {s}) for s in chosen):
                continue
            total = sum(weigh(doc.components[s]) for s in chosen)
            if best is None or total < best[0]:
                best = (total, chosen)
    assert best is not None
    return best


def test_hand_written_choice_routes_to_the_cheaper_branch() -> None:
    path = DATA / "it_support_choice.jsonld"
    p = read_ctdl(path)
    # The same pathway, written by hand in native YAML, is the same pathway.
    assert pathgraph.read(DATA / "it_support_choice.yaml") == p
    doc = Document(path)
    (goal,) = doc.destinations()
    G = pathgraph.to_graph(p)
    electives = {"help-desk", "scripting", "aplus-exam"}
    for weight, weigh in (("cost", _cost), ("months", _months)):
        total, chosen = _cheapest(doc, goal, weigh)
        # The electives branch (6 credits from two cheap courses) and the exam beat
        # Networking I + Operating Systems, and the one 6-credit elective.
        assert {iri_tail(c) for c in chosen} == electives
        route = pathgraph.route(G, "it-cert", weight=weight)
        done = replay(doc, route, goal)
        assert {iri_tail(c) for c in done} == electives | {"it-cert"}
        assert (route.cost if weight == "cost" else route.months) == total
    assert (route.months, route.cost) == (5, 300 + 250 + 253)


def test_the_yaml_twin_routes_the_same_way() -> None:
    p = pathgraph.read(DATA / "it_support_choice.yaml")
    r = pathgraph.route(pathgraph.to_graph(p), "it-cert", weight="cost")
    taken = {s.node for s in r.steps if s.action in ("take", "pass")}
    assert taken == {"help-desk", "scripting", "aplus-exam"}
    assert r.cost == 803
