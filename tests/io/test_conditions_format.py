"""The native requirement shorthand: nested conditions, credits, earned_by, of."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, reject, settings
from hypothesis import strategies as st

import pathgraph as pg
from pathgraph.io.native import dumps_json, dumps_yaml, loads_json, loads_yaml

COURSES = """
courses:
  - {id: net1, label: Networking I, credits: 3, months: 4}
  - {id: os1, label: OS I, credits: 3}
  - {id: os2, label: OS II, credits: 3}
  - {id: e1, label: E1, credits: 3}
  - {id: e2, label: E2, credits: 3}
"""

NESTED = (
    """title: T
credentials:
  - id: aplus
    label: CompTIA A+
  - id: spec
    label: Network Specialist
    earned_by:
      - aplus
      - any: [net1, {all: [os1, os2]}, {credits: 6, of: [e1, e2], to_confirm: [grade C]}]
programs:
  - id: aas
    label: AAS
    requires:
      - any: [aplus, spec]          # a plain group: no condition
      - {need: 1, of: [net1, {all: [os1, os2]}], label: Core}
"""
    + COURSES
)


def _edges(p: pg.Pathway) -> set[tuple[str, str, str]]:
    return {(r.kind, r.source, r.target) for r in p.relations}


def test_nested_requirements_become_conditions_with_generated_ids() -> None:
    p = loads_yaml(NESTED, "n.yaml")
    conditions = {n.id: n for n in p.nodes if n.kind == "condition"}
    assert sorted(conditions) == [
        "aas:1",
        "aas:1.1",
        "spec:earn",
        "spec:earn.1",
        "spec:earn.1.1",
        "spec:earn.1.2",
    ]
    assert conditions["spec:earn"].need is None  # all of
    assert conditions["spec:earn.1"].need == 1
    credit = conditions["spec:earn.1.2"]
    assert (credit.need, credit.credits, credit.to_confirm) == (None, 6, ["grade C"])
    assert conditions["aas:1"].label == "Core"
    assert conditions["spec:earn.1.1"].label == "all of: OS I; OS II"
    edges = _edges(p)
    assert ("awards", "spec:earn", "spec") in edges
    assert ("requires", "spec:earn.1.2", "spec:earn.1") in edges
    assert ("requires", "e1", "spec:earn.1.2") in edges
    assert ("requires", "aas:1", "aas") in edges
    # the plain group stays edges with a group name, as before
    groups = {r.group for r in p.relations if r.target == "aas" and r.group}
    assert groups == {"aplus|spec"}
    # every condition is located in the file
    assert p.locations["spec:earn.1.2"].line == 9
    assert p.locations["aas:1"].line == 15


def test_requirement_groups_of_the_conditions() -> None:
    G = pg.to_graph(loads_yaml(NESTED))
    (credit,) = pg.requirement_groups(G, "spec:earn.1.2")
    assert (credit.need, credit.credits, credit.weights) == (0, 6.0, (3.0, 3.0))
    assert credit.met({"e1", "e2"}) and not credit.met({"e1"})
    (any_of,) = pg.requirement_groups(G, "spec:earn.1")
    assert any_of.options == ("net1", "spec:earn.1.1", "spec:earn.1.2")


@pytest.mark.parametrize(
    ("dumps", "loads"), [(dumps_yaml, loads_yaml), (dumps_json, loads_json)]
)
def test_written_and_read_again_is_the_same(dumps: Any, loads: Any) -> None:
    p = loads_yaml(NESTED)
    text = dumps(p)
    q = loads(text)
    assert q == p
    assert dumps(q) == text


def test_writer_inlines_what_the_reader_generated() -> None:
    text = dumps_yaml(loads_yaml(NESTED))
    assert "conditions:" not in text  # nothing needed the section
    assert "earned_by:" in text and "credits: 6" in text and "label: Core" in text


def test_condition_records_list_options_under_of() -> None:
    p = loads_yaml(
        "title: T\nconditions:\n  - id: core\n    label: Core\n    need: 1\n"
        "    of: [net1, {all: [os1, os2]}]\n" + COURSES
    )
    assert ("requires", "core.1", "core") in _edges(p)
    assert ("requires", "os2", "core.1") in _edges(p)
    assert loads_yaml(dumps_yaml(p)) == p


@pytest.mark.parametrize(
    ("snippet", "message"),
    [
        ("requires: [{of: [net1, {all: [os1]}]}]", "'of' needs 'need: N' or 'credits"),
        ("requires: [{any: [net1, {al: [os1]}]}]", "unknown keys ['al']"),
        ("requires: [{any: [net1, {all: [os1]}], group: g}]", "belong to plain groups"),
        ("requires: [{need: 3, of: [net1, {all: [os1]}]}]", "needs 3 but has only 2"),
        ("requires: [{credits: -1, of: [net1, {all: [os1]}]}]", "credits must be >= 0"),
        ("requires: [{any: [nope, {all: [os1]}]}]", "no record has id 'nope'"),
    ],
)
def test_bad_requirements_are_located_and_explained(snippet: str, message: str) -> None:
    text = f"title: T\nprograms:\n  - id: p\n    label: P\n    {snippet}\n" + COURSES
    with pytest.raises(pg.PathgraphError) as info:
        loads_yaml(text, "bad.yaml")
    shown = str(info.value)
    assert message in shown
    assert "bad.yaml:5:" in shown


def test_a_condition_record_cannot_use_requires() -> None:
    with pytest.raises(pg.PathgraphError, match="lists its options under 'of'"):
        loads_yaml(
            "title: T\nconditions:\n  - id: c\n    label: C\n    requires: [x]\n"
        )


def test_a_generated_id_that_collides_is_a_duplicate_id() -> None:
    text = (
        "title: T\nprograms:\n  - id: p\n    label: P\n"
        "    requires: [{any: [net1, {all: [os1]}]}]\n"
        "conditions:\n  - {id: 'p:1', label: taken, of: [os2]}\n" + COURSES
    )
    with pytest.raises(pg.PathgraphError, match="p:1"):
        loads_yaml(text)


# ----------------------------------------------------------------- round trip, random

IDS = ["net1", "os1", "os2", "e1", "e2"]


@st.composite
def expressions(draw: st.DrawFn, depth: int = 0) -> Any:
    n = draw(st.integers(1, 3))
    options: list[Any] = draw(
        st.lists(st.sampled_from(IDS), unique=True, min_size=0, max_size=n)
    )
    if depth < 3:
        options += draw(st.lists(expressions(depth + 1), max_size=2))
    if not options:
        options = ["net1"]
    form = draw(st.sampled_from(["any", "all", "need", "credits", "both"]))
    out: dict[str, Any]
    if form in ("any", "all"):
        out = {form: options}
    else:
        out = {"of": options}
        if form in ("need", "both"):
            out["need"] = draw(st.integers(1, len(options)))
        if form in ("credits", "both"):
            out["credits"] = draw(st.integers(0, 12))
    if draw(st.booleans()):
        out["to_confirm"] = ["minimum grade C"]
    if draw(st.integers(0, 3)) == 0:
        out["label"] = "Named"
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(expressions(), min_size=1, max_size=3), expressions())
@example(reqs=[{"any": ["os1"]}, {"any": ["os1"]}], earn={"any": ["net1"]})
@example(reqs=[{"any": ["os1", {"all": ["e1", "e2"]}]}], earn={"need": 1, "of": ["e1"]})
def test_random_nested_requirements_round_trip(reqs: list[Any], earn: Any) -> None:
    doc = {
        "title": "T",
        "credentials": [{"id": "c", "label": "C", "earned_by": earn}],
        "programs": [{"id": "p", "label": "P", "requires": reqs}],
        "courses": [{"id": i, "label": i.upper(), "credits": 3} for i in IDS],
    }
    import json

    try:
        p = loads_json(json.dumps(doc))
    except pg.ValidationError as exc:
        # Two groups of one and the same option ({any: [os1]} twice) are the
        # same relation listed twice: refused, with a fix (test below).
        if "duplicate relation" not in str(exc):
            raise
        reject()
    for dumps, loads in ((dumps_yaml, loads_yaml), (dumps_json, loads_json)):
        text = dumps(p)
        assert loads(text) == p
        assert dumps(loads(text)) == text


def test_the_same_single_option_group_twice_is_a_duplicate_relation() -> None:
    text = (
        "programs:\n  - id: p\n    label: P\n    requires:\n"
        "      - any: [os1]\n      - any: [os1]\n"
        "courses:\n  - {id: os1, label: OS1}\n"
    )
    with pytest.raises(pg.ValidationError, match="duplicate relation") as info:
        loads_yaml(text)
    assert "6:15" in str(info.value) and "list each relation once" in str(info.value)


def test_the_file_schema_accepts_nested_requirements() -> None:
    import json

    import jsonschema

    from pathgraph.io.native import to_document
    from pathgraph.io.schema import file_schema

    schema = file_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = json.loads(json.dumps(to_document(loads_yaml(NESTED))))
    jsonschema.validate(doc, schema)
    bad = {
        "title": "T",
        "programs": [{"id": "p", "label": "P", "requires": [{"of": ["a"]}]}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
