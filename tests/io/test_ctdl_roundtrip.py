"""Native -> CTDL -> native: the same pathway, the same findings, the same routes;
and CTDL -> native -> CTDL for the published documents, in CTDL terms only."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import pathgraph
from pathgraph.errors import PathgraphError
from pathgraph.io.ctdl import CTDLWarning, dumps_ctdl, loads_ctdl, read_ctdl
from tests.io.test_ctdl_proof import DATA, DOCUMENTS
from tests.strategies import pathways


def _dumps(p: pathgraph.Pathway) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CTDLWarning)
        return dumps_ctdl(p)


def _findings(p: pathgraph.Pathway) -> list[tuple[Any, ...]]:
    report = pathgraph.check(pathgraph.to_graph(p))
    return [(f.code, f.severity, f.node, f.message) for f in report.findings]


def _route(G: Any, goal: str, **kw: Any) -> Any:
    """A route as comparable data (or the error it raises)."""
    try:
        r = pathgraph.route(G, goal, **kw)
    except PathgraphError as exc:
        return (type(exc).__name__, str(exc))
    return (r.months, r.cost, [s.to_dict() for s in r.steps])


def _strip_pg(value: Any) -> Any:
    """The document as a CTDL tool sees it: every ``pg:`` term left out."""
    if isinstance(value, list):
        return [_strip_pg(v) for v in value]
    if isinstance(value, dict):
        return {k: _strip_pg(v) for k, v in value.items() if not k.startswith("pg:")}
    return value


# A generated pathway may nest conditions in a cycle: reading it back says so.
@pytest.mark.filterwarnings("ignore:.*in a cycle.*:pathgraph.io.ctdl.CTDLWarning")
@settings(max_examples=80)
@given(pathways())
def test_round_trip_gives_the_same_pathway(p: pathgraph.Pathway) -> None:
    text = _dumps(p)
    assert _dumps(p) == text  # deterministic
    back = loads_ctdl(text, "p.jsonld")
    assert back == p
    assert set(back.locations) == {n.id for n in back.nodes}
    assert _findings(back) == _findings(p)


@settings(max_examples=50)
@given(pathways())
def test_conditions_courses_and_assessments_are_written_in_ctdl_terms(
    p: pathgraph.Pathway,
) -> None:
    """What a condition, course or assessment says is in CTDL terms, not in
    pathgraph data: a CTDL tool reading the document without the ``pg:`` terms
    gets the same conditions (options, need, credits, texts to confirm) and the
    same credits, months and cost of courses and assessments."""
    doc = json.loads(_dumps(p))
    by_id = {o["@id"]: o for o in doc["@graph"]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CTDLWarning)
        plain = read_ctdl(_strip_pg(doc))
    options = {
        n.id: {
            r.source for r in p.relations if r.kind == "requires" and r.target == n.id
        }
        for n in p.nodes
        if n.kind == "condition"
    }
    for n in p.nodes:
        if n.kind not in ("condition", "course", "assessment"):
            continue
        obj = by_id[f"https://pathgraph.invalid/resources/{_quote(n.id)}"]
        if obj["@type"] != "ceterms:ComponentCondition" and n.kind == "condition":
            continue  # a destination or a tagged component: a BasicComponent
        if n.kind == "condition" and not options[n.id]:
            continue  # credits over no options: text to confirm in CTDL
        seen = plain.node(n.id)
        fields = {
            "condition": ("label", "description", "need", "credits", "to_confirm"),
            "course": ("label", "credits", "months", "cost", "term"),
            "assessment": ("label", "credits", "months", "cost"),
        }[n.kind]
        for name in fields:
            assert getattr(seen, name) == getattr(n, name), (n.id, name)
        if n.kind == "condition":
            got = {
                r.source
                for r in plain.relations
                if r.kind == "requires" and r.target == n.id
            }
            assert got == options[n.id]


def _quote(ident: str) -> str:
    from urllib.parse import quote

    return quote(ident, safe="")


@pytest.mark.parametrize("name", ["bht", "manufacturing"])
def test_examples_give_the_same_findings_and_routes(name: str) -> None:
    p = pathgraph.read(f"examples/{name}.yaml")
    with pytest.warns(CTDLWarning) as lost:
        text = dumps_ctdl(p)
    # What CTDL cannot say is named (and kept as pathgraph data), not dropped.
    message = str(lost[0].message)
    for what in ("wage_median", "program (as CourseComponent)"):
        assert what in message
    back = loads_ctdl(text, f"{name}.jsonld")
    assert back == p
    assert _findings(back) == _findings(p)
    G, H = pathgraph.to_graph(p), pathgraph.to_graph(back)
    goals = [n.id for n in p.nodes if n.destination or n.kind == "occupation"]
    for goal in goals:
        for entry in (None, "abe", "incumbent"):
            for weight in ("months", "cost"):
                kw = {"entry": entry, "weight": weight}
                assert _route(H, goal, **kw) == _route(G, goal, **kw), (goal, kw)


@pytest.mark.data
@pytest.mark.parametrize("name", DOCUMENTS)
def test_published_documents_write_back_in_ctdl_terms(
    shared_data: Path, name: str
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CTDLWarning)
        p = read_ctdl(shared_data / "ctdl" / name)
        with warnings.catch_warnings(record=True) as lost:
            warnings.simplefilter("always")
            text = dumps_ctdl(p)
    assert [str(w.message) for w in lost] == []
    doc = json.loads(text)
    assert _strip_pg(doc["@graph"]) == doc["@graph"]  # no pathgraph term at all
    assert read_ctdl(doc) == p


def test_a_pathway_ctdl_can_say_writes_without_a_warning() -> None:
    p = read_ctdl(DATA / "it_support_choice.jsonld")
    with warnings.catch_warnings():
        warnings.simplefilter("error", CTDLWarning)
        text = dumps_ctdl(p)
    assert '"pg:' not in text
    assert loads_ctdl(text) == p


def test_offerings_contacts_and_aid_survive_every_format() -> None:
    """The fields added for route packets (contacts, start dates, seats, aid,
    eligibility) and the language maps read back equal from CTDL and JSON."""
    import datetime as dt

    from pathgraph.io.native import dumps_json, loads_json

    extra = {
        "provider": {
            "phone": "(520) 555-0100",
            "email": "a@b.org",
            "address": "1 Main St",
            "service_area": "Pima County",
        },
        "program": {
            "next_starts": [dt.date(2027, 1, 19)],
            "location": "Downtown",
            "seats": 24,
        },
        "service": {"eligibility": "adults", "phone": "555", "email": "x@y.z"},
    }
    p = pathgraph.load_example("bht")
    nodes = [n.model_copy(update=extra.get(n.kind, {})) for n in p.nodes]
    q = pathgraph.Pathway.model_validate(
        p.model_copy(update={"nodes": nodes}).model_dump()
    )
    assert q.node("one-stop-ita").amount == 3000 and q.node("bht-aas").labels
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert loads_ctdl(dumps_ctdl(q), "q.jsonld") == q
    assert loads_json(dumps_json(q), "q.json") == q
