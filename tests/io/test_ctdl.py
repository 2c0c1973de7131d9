"""CTDL JSON-LD reader and writer: real documents, quirks, schemas, round trip."""

from __future__ import annotations

import json
import re
import socket
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import networkx as nx
import pytest
from hypothesis import given, settings

import pathgraph
from pathgraph.errors import FormatError
from pathgraph.io.ctdl import CTDLWarning, dumps_ctdl, read_ctdl, write_ctdl
from pathgraph.requirements import requirement_groups
from tests.strategies import pathways

# ------------------------------------------------------------------ helpers


def _read(path: Path, **kw: Any) -> tuple[pathgraph.Pathway, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        p = read_ctdl(path, **kw)
    return p, [str(w.message) for w in caught if issubclass(w.category, CTDLWarning)]


def _kinds(p: pathgraph.Pathway) -> Counter[str]:
    return Counter(n.kind for n in p.nodes)


def _tags(p: pathgraph.Pathway) -> Counter[str]:
    return Counter(t for n in p.nodes for t in n.tags)


def _groups(p: pathgraph.Pathway) -> set[tuple[str, str]]:
    return {(r.target, r.group) for r in p.relations if getattr(r, "group", None)}


def _runs_downstream(p: pathgraph.Pathway) -> None:
    """to_graph, check and render run; graph and drawing hold every record."""
    G = pathgraph.to_graph(p)
    assert G.number_of_nodes() == len(p.nodes)
    assert G.number_of_edges() == len(p.relations)
    pathgraph.validate_graph(G)
    report = pathgraph.check(G)
    dot = pathgraph.render.to_dot(G, report=report)
    for n in p.nodes:
        assert f'"{n.id}"' in dot


def _schema(shared: Path, name: str) -> dict[str, Any]:
    """A registry schema with its dangling ``$ref``s filled by ``{}`` (any value).

    The published schemas point at definitions they do not contain (for example
    ``ceterms:description``); filling them keeps every constraint they do define.
    """
    schema: dict[str, Any] = json.loads((shared / "ctdl" / name).read_text())
    defs = schema["definitions"]
    refs = set(re.findall(r'"\$ref": "#/definitions/([^"]+)"', json.dumps(schema)))
    for missing in refs - set(defs):
        defs[missing] = {}
    return schema


def _schema_errors(shared: Path, doc: dict[str, Any]) -> list[str]:
    pathway_schema = _schema(shared, "registry-schema-pathway.json")
    component_schema = _schema(shared, "registry-schema-pathway_component.json")
    checker = jsonschema.FormatChecker()
    errors = []
    for obj in doc["@graph"]:
        schema = (
            pathway_schema if obj["@type"] == "ceterms:Pathway" else component_schema
        )
        validator = jsonschema.Draft4Validator(schema, format_checker=checker)
        errors += [f"{obj['@id']}: {e.message}" for e in validator.iter_errors(obj)]
    return errors


# ------------------------------------------------------------ the real data

pytestmark = pytest.mark.filterwarnings("ignore::pathgraph.io.ctdl.CTDLWarning")


@pytest.mark.data
def test_comptia(shared_data: Path) -> None:
    # Counted by reading the file: 9 objects after the Pathway: 1 BasicComponent and
    # 8 ceterms:Certification used directly; each of the 8 parents (Basic + 7 certs)
    # has one ComponentCondition, requiredNumber 1, one targetComponent = its
    # hasChild. The chain: A+ -> Network+ -> Security+ -> Project+ -> Cloud
    # Essentials+ -> Linux+ -> Server+ -> Cloud+ -> IT Networking Specialist.
    ctdl = shared_data / "ctdl"
    p, warned = _read(
        ctdl / "CompTIA-IT_Networking_Specialist.jsonld",
        progression_model=ctdl / "comptia-IT_progModel.json",
    )
    assert _kinds(p) == {"credential": 8, "program": 1}
    assert _tags(p) == {"ctdl:BasicComponent": 1}
    assert {n.credential_type for n in p.nodes if n.kind == "credential"} == {
        "industry_certification"
    }
    assert len(p.relations) == 8
    assert {(r.kind, r.group, r.need) for r in p.relations} == {("requires", None, 1)}
    label = {n.id: n.label.strip() for n in p.nodes}
    chain = {(label[r.source], label[r.target]) for r in p.relations}
    assert ("CompTIA A+", "CompTIA Network+") in chain
    assert ("CompTIA Cloud+", "IT Networking Specialist") in chain
    # hasDestinationComponent (Cloud+) and isDestinationComponentFor (the Basic one)
    dests = {label[n.id] for n in p.nodes if n.destination}
    assert dests == {"CompTIA Cloud+", "IT Networking Specialist"}
    # Linux+ has ctid ...d307 but @id ...d3079: warned, ctid kept.
    assert any("ce-cab3d216" in w and "disagrees" in w for w in warned)
    assert p.node("ce-cab3d216-e834-452d-bf83-60972afd3079").ctid.endswith("afd307")
    # Progression model: Beginner (A+, Network+, Security+) < Intermediate < Advanced.
    levels = {label[n.id]: (n.level, n.lane) for n in p.nodes}
    assert levels["CompTIA A+"] == (0, "Beginner")
    assert levels["CompTIA Security+"] == (0, "Beginner")
    assert levels["CompTIA Project+"] == (1, "Intermediate")
    assert levels["CompTIA Cloud+"] == (2, "Advanced")
    G = pathgraph.to_graph(p)
    # The destination is not a dead end (and nothing is): pathgraph.dead_ends and an
    # independent reverse reachability from the destinations agree.
    assert pathgraph.dead_ends(G) == []
    reaches = set(dests_ids := [n.id for n in p.nodes if n.destination])
    for d in dests_ids:
        reaches |= nx.ancestors(G, d)
    assert reaches == set(G)
    # Each condition is a requirement group of need 1 into its parent.
    cloud = "ce-1369d357-ac4f-49f9-8af2-c47376278896"
    (group,) = requirement_groups(G, cloud)
    assert group.need == 1
    assert group.options == ("ce-e850c22b-44c4-45d1-9b4b-f40f23c13ed3",)
    _runs_downstream(p)


@pytest.mark.data
def test_comptia_without_progression_model(shared_data: Path) -> None:
    p, _ = _read(shared_data / "ctdl" / "CompTIA-IT_Networking_Specialist.jsonld")
    assert all(n.level is None for n in p.nodes)
    assert p.title == "IT Networking Specialist Pathway"


@pytest.mark.data
def test_progression_model_alone_is_refused(shared_data: Path) -> None:
    with pytest.raises(FormatError, match="ProgressionModel"):
        read_ctdl(shared_data / "ctdl" / "comptia-IT_progModel.json")


@pytest.mark.data
def test_bakersfield(shared_data: Path) -> None:
    # Counted by reading the file: 32 objects = Pathway + CredentialComponent + 30
    # CourseComponents, two of which share @id 70f47a9f (merged: 29 courses).
    # Edges: the credential's hasChild lists 29 entries, 70f47a9f twice -> 28;
    # 4 ComponentConditions (requiredNumber 1) with 2 + 2 + 2 + 5 = 11 targets, two
    # of them on the merged 70f47a9f; prerequisite: 1 + 1 + 1 + 2 = 5.
    # 28 + 11 + 5 = 44.
    p, warned = _read(
        shared_data / "ctdl" / "Bakersfield_AS_CS_pathway-CSU_transfer-v2.json"
    )
    assert _kinds(p) == {"program": 29, "credential": 1}
    assert len(p.relations) == 44
    assert len(_groups(p)) == 4
    assert {r.need for r in p.relations if r.group} == {1}
    merged = "70f47a9f-6e60-423c-8480-8407b668bcba"
    assert len({r.group for r in p.relations if r.target == merged}) == 2
    assert any(merged in w and "creditValue" in w for w in warned)
    (cred,) = [n for n in p.nodes if n.kind == "credential"]
    assert cred.destination and cred.credential_type == "other"
    b11 = next(n for n in p.nodes if n.id == "1f8d3d06-3953-4bd8-8750-7dc5e9a062eb")
    assert (b11.level, b11.credits, b11.lane) == (1, 3, "Core")
    _runs_downstream(p)


@pytest.mark.data
def test_heriot_watt(shared_data: Path) -> None:
    # Counted by reading the file (expanded IRIs): 45 CourseComponent, 8
    # BasicComponent, 3 CredentialComponent; 13 leaf ComponentConditions with
    # targets (nested ones flattened; one references a condition that is not in
    # the document), 12 with more than one target (groups), 1 with a single
    # target; 133 distinct edges from conditions, hasChild not covered by a
    # condition, precedes and precededBy (8 of the 11 precededBy repeat a precedes).
    path = shared_data / "ctdl" / "HeriotWatt_pathway.json"
    p, warned = _read(path)
    assert pathgraph.read(path, format="ctdl") == p
    assert _kinds(p) == {"program": 53, "credential": 3}
    assert _tags(p) == {"ctdl:BasicComponent": 8}
    assert len(p.relations) == 133
    assert len(_groups(p)) == 12
    assert any("2883cc8a" in w and "not in the document" in w for w in warned)
    assert p.title == "BSCH - Bachelor of Science Honours"
    needs = Counter(r.need for r in p.relations if r.group)
    assert needs[2] > 0 and needs[8] > 0
    _runs_downstream(p)


@pytest.mark.data
def test_badgr(shared_data: Path) -> None:
    # Counted by reading the file: 92 CredentialComponent (DigitalBadge), 11
    # BasicComponent; 23 inline ComponentConditions, all named, 232 targets in all,
    # none outside the document; every isChildOf is mirrored by a condition.
    p, _ = _read(shared_data / "ctdl" / "Badgr_EmpoweringTeachingExcellence.json")
    assert _kinds(p) == {"credential": 92, "program": 11}
    assert {n.credential_type for n in p.nodes if n.kind == "credential"} == {"badge"}
    assert len(p.relations) == 232
    assert len(_groups(p)) == 23
    assert [n.label for n in p.nodes if n.destination] == [
        "Teaching Excellence Pathway"
    ]
    _runs_downstream(p)


@pytest.mark.data
def test_illinois_old_vocabulary(shared_data: Path) -> None:
    # Counted by reading the file: 27 Course, 6 Certification, 3 Assessment,
    # 1 Basic (hasRoot/isRootOf marks it the destination); isParentOf and
    # prerequisite give 37 distinct edges.
    p, _ = _read(shared_data / "ctdl" / "Illinois-IT.json")
    assert _kinds(p) == {"program": 28, "credential": 9}
    assert _tags(p) == {"ctdl:AssessmentComponent": 3, "ctdl:BasicComponent": 1}
    assert len(p.relations) == 37
    assert [n.label for n in p.nodes if n.destination] == [
        "Programming and Software Development"
    ]
    _runs_downstream(p)


@pytest.mark.data
def test_hutchinson_is_refused(shared_data: Path) -> None:
    path = shared_data / "ctdl" / "HutchinsonWeldingAAS.json"
    with pytest.raises(FormatError) as info:
        read_ctdl(path)
    text = str(info.value)
    assert "HutchinsonWeldingAAS.json:21:1" in text
    assert "extra data after the first JSON document" in text
    with pytest.raises(FormatError, match="extra data"):
        pathgraph.read(path)  # through the dispatcher too


# --------------------------------------------------------- hand-made quirks

R = "https://credentialengineregistry.org/resources/"
DOC: dict[str, Any] = {
    "@context": "https://credreg.net/ctdl/schema/context/json",
    "@graph": [
        {
            "@id": R + "ce-p",
            "@type": "ceterms:Pathway",
            "ceterms:name": {"es": "Camino", "en-GB": "Path (GB)"},
            "ceterms:hasDestinationComponent": R + "ce-job",
        },
        {
            "@id": R + "ce-job",
            "@type": "ceterms:JobComponent",
            "ceterms:ctid": "ce-job",
            "ceterms:name": {"en-US": "Welder", "en": "Welder (en)"},
            "ceterms:occupationType": [
                {
                    "@type": "ceterms:CredentialAlignmentObject",
                    "ceterms:codedNotation": "51-4121.06",
                }
            ],
            "ceasn:hasChild": [R + "ce-cert", R + "ce-cert"],
            "ceterms:hasCondition": {
                "@type": "ceterms:ComponentCondition",
                "ceterms:requiredNumber": 1,
                "ceterms:hasCondition": [
                    {
                        "@type": "ceterms:ComponentCondition",
                        "ceterms:targetComponent": [R + "ce-cert", R + "ce-work"],
                    },
                    {
                        "@type": "ceterms:ComponentCondition",
                        "ceterms:requiredNumber": 1,
                        "ceterms:targetComponent": "https://elsewhere.example/x",
                    },
                ],
            },
        },
        {
            "@id": R + "ce-cert",
            "https://purl.org/ctdl/terms/name": [{"@language": "de", "@value": "Z"}],
            "@type": ["https://purl.org/ctdl/terms/CredentialComponent"],
            "https://purl.org/ctdl/terms/credentialType": [
                {"@id": "https://purl.org/ctdl/terms/License"}
            ],
            "https://purl.org/ctdl/terms/creditValue": [
                {"@type": "schema:QuantitativeValue", "schema:value": "4.5"}
            ],
        },
        {
            "@id": R + "ce-work",
            "@type": "WorkExperienceComponent",
            "name": "Shop time",
            "isChildOf": R + "ce-job",
        },
    ],
}


def test_quirks_of_hand_made_document() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        p = read_ctdl(DOC)
    messages = [str(w.message) for w in caught]
    assert any("needs 1 of 2 sub-conditions" in m for m in messages)
    assert p.title == "Path (GB)"  # en-GB preferred over es
    job = p.node("ce-job")
    assert (job.kind, job.label, job.soc, job.destination) == (
        "occupation",
        "Welder",
        "51-4121.06",
        True,
    )
    cert = p.node("ce-cert")
    assert (cert.label, cert.credential_type, cert.credits) == ("Z", "license", 4.5)
    work = p.node("ce-work")
    assert (work.kind, work.tags) == ("occupation", ["ctdl:WorkExperienceComponent"])
    ext = p.node("x")
    assert (ext.kind, ext.url, ext.tags) == (
        "program",
        "https://elsewhere.example/x",
        ["external"],
    )
    rels = sorted((r.source, r.target, r.group, r.need) for r in p.relations)
    # Nested conditions flattened; the duplicated hasChild is covered once.
    assert rels == [
        ("ce-cert", "ce-job", "condition-1", None),
        ("ce-work", "ce-job", "condition-1", None),
        ("x", "ce-job", None, 1),
    ]


def test_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("network access")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    p = read_ctdl(json.loads(json.dumps(DOC)))
    assert len(p.nodes) == 4


def test_bad_json_names_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonld"
    bad.write_text('{\n  "@graph": [\n    {"@id": "x",,}\n  ]\n}\n')
    with pytest.raises(FormatError, match=r"bad\.jsonld:3:17: not valid JSON"):
        read_ctdl(bad)


def test_not_a_pathway() -> None:
    with pytest.raises(FormatError, match="no ceterms:Pathway"):
        read_ctdl({"@graph": [{"@id": "x", "@type": "ceterms:Organization"}]})


# ------------------------------------------------------------ writing


def _ctdl_projection(p: pathgraph.Pathway) -> dict[str, Any]:
    """What CTDL carries of a pathway (see docs/ctdl.md)."""
    keep = {"credential", "program", "occupation"}
    fields = {
        "kind", "id", "label", "description", "url", "tags", "destination",
        "level", "lane", "ctid", "credits", "credential_type", "soc",
    }  # fmt: skip
    nodes = [
        {k: v for k, v in n.model_dump().items() if k in fields}
        for n in p.nodes
        if n.kind in keep
    ]
    rels = [r.model_dump(exclude={"note"}) for r in p.relations if r.kind == "requires"]
    return {
        "title": p.title,
        "description": p.description,
        "nodes": nodes,
        "relations": rels,
    }


def _carried(p: pathgraph.Pathway) -> pathgraph.Pathway:
    """The part of ``p`` CTDL can carry, as a pathway."""
    proj = _ctdl_projection(p)
    return pathgraph.Pathway(**proj)


@settings(max_examples=150)
@given(pathways())
def test_round_trip_native_ctdl_native(p: pathgraph.Pathway) -> None:
    carried = _carried(p)
    text = dumps_ctdl(carried)
    assert dumps_ctdl(carried) == text  # deterministic
    back = read_ctdl(json.loads(text))
    assert back == carried
    # The full pathway writes the same progression structure and reads back.
    read_ctdl(json.loads(dumps_ctdl(p)))


@pytest.mark.data
def test_written_ctdl_validates_against_registry_schemas(shared_data: Path) -> None:
    ctdl = shared_data / "ctdl"
    p, _ = _read(
        ctdl / "CompTIA-IT_Networking_Specialist.jsonld",
        progression_model=ctdl / "comptia-IT_progModel.json",
    )
    text = dumps_ctdl(
        p,
        ctid="ce-cc62e516-f95d-4306-a11a-c0ecc39d835f",
        owned_by=R + "ce-186fbc60-47e3-4616-b160-72cac9e78f54",
        url="https://www.comptia.org/content/it-careers-path-roadmap",
    )
    doc = json.loads(text)
    assert _schema_errors(shared_data, doc) == []
    # The schemas do bite: a component without its ctid is refused.
    broken = doc["@graph"][1]
    del broken["ceterms:ctid"]
    errors = _schema_errors(shared_data, doc)
    assert len(errors) == 1 and errors[0].startswith(broken["@id"])
    # And the written document reads back to the same pathway.
    assert read_ctdl(json.loads(text)) == p


@settings(max_examples=50)
@given(pathways())
def test_generated_components_validate(p: pathgraph.Pathway) -> None:
    from tests.conftest import SHARED_DATA

    if not SHARED_DATA.is_dir():
        pytest.skip("shared data not found")
    nodes = [
        n.model_copy(update={"ctid": f"ce-{i:08d}", "url": f"https://example.org/{i}"})
        for i, n in enumerate(_carried(p).nodes)
    ]
    carried = pathgraph.Pathway(
        title=p.title, nodes=nodes, relations=_carried(p).relations
    )
    doc = json.loads(dumps_ctdl(carried, ctid="ce-1", owned_by="https://o.org/1",
                                url="https://o.org/p"))  # fmt: skip
    assert _schema_errors(SHARED_DATA, doc) == []


def test_write_ctdl_and_dispatch(tmp_path: Path) -> None:
    p = pathgraph.read("examples/bht.yaml")
    out = tmp_path / "bht.jsonld"
    write_ctdl(p, out)
    text = out.read_text()
    pathgraph.write(p, tmp_path / "again.jsonld")
    assert (tmp_path / "again.jsonld").read_text() == text
    back = pathgraph.read(out)
    assert back == read_ctdl(out)
    assert {n.id for n in back.nodes} == {
        n.id
        for n in p.nodes
        if n.kind in {"credential", "program", "occupation", "course"}
    }
    # A .json file with a JSON-LD @context is read as CTDL.
    as_json = tmp_path / "bht.json"
    as_json.write_text(text)
    assert pathgraph.read(as_json) == back
    assert list(tmp_path.glob(".*")) == []  # no temporary files left


@pytest.mark.parametrize(
    "name", ["Badgr_EmpoweringTeachingExcellence.json", "HeriotWatt_pathway.json"]
)
def test_read_detects_top_level_ctdl_lists(shared_data, name: str) -> None:
    assert pathgraph.read(shared_data / "ctdl" / name).nodes
