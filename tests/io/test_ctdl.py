"""CTDL JSON-LD reader: the real documents, quirks, writing basics, schemas."""

from __future__ import annotations

import itertools
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


def _read(
    path: Path | dict[str, Any], **kw: Any
) -> tuple[pathgraph.Pathway, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        p = read_ctdl(path, **kw)
    return p, [str(w.message) for w in caught if issubclass(w.category, CTDLWarning)]


def _dumps(p: pathgraph.Pathway, **kw: Any) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CTDLWarning)
        return dumps_ctdl(p, **kw)


def _kinds(p: pathgraph.Pathway) -> Counter[str]:
    return Counter(n.kind for n in p.nodes)


def _rels(p: pathgraph.Pathway) -> Counter[str]:
    return Counter(r.kind for r in p.relations)


def _tags(p: pathgraph.Pathway) -> Counter[str]:
    return Counter(t for n in p.nodes for t in n.tags)


def _made(p: pathgraph.Pathway, suffix: str) -> list[str]:
    """Ids of the conditions the reader made up (``<id>/open``...)."""
    return sorted(n.id for n in p.nodes if n.id.endswith(f"/{suffix}"))


def _earned_by(p: pathgraph.Pathway, cred: str) -> list[str]:
    return sorted(
        r.source for r in p.relations if r.kind == "awards" and r.target == cred
    )


def _options(p: pathgraph.Pathway, cond: str) -> list[str]:
    return sorted(
        r.source for r in p.relations if r.kind == "requires" and r.target == cond
    )


def _runs_downstream(p: pathgraph.Pathway) -> None:
    """to_graph, check and render run; the graph holds every record, the drawing
    every credential and occupation (the kinds every map draws)."""
    G = pathgraph.to_graph(p)
    assert G.number_of_nodes() == len(p.nodes)
    assert G.number_of_edges() == len(p.relations)
    pathgraph.validate_graph(G)
    report = pathgraph.check(G)
    dot = pathgraph.render.to_dot(G, report=report)
    for n in p.nodes:
        if n.kind in ("credential", "occupation"):
            assert f'"{n.id}"' in dot


def _raw(shared: Path, name: str) -> list[dict[str, Any]]:
    data = json.loads((shared / "ctdl" / name).read_text())
    return data["@graph"] if isinstance(data, dict) else data


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


def _conditions_in(obj: Any) -> list[dict[str, Any]]:
    """Every condition object written inside ``obj`` (at any depth)."""
    out = []
    todo = [obj]
    while todo:
        item = todo.pop()
        for entry in item.get("ceterms:hasCondition", []):
            if isinstance(entry, dict):
                out.append(entry)
                todo.append(entry)
    return out


def _schema_errors(shared: Path, doc: dict[str, Any]) -> list[str]:
    """Components against the registry's PathwayComponent schema, the Pathway
    against its own, every ComponentCondition (top-level or nested) against the
    schema's ComponentCondition definition."""
    pathway_schema = _schema(shared, "registry-schema-pathway.json")
    component_schema = _schema(shared, "registry-schema-pathway_component.json")
    condition_schema = {
        "$ref": "#/definitions/ceterms:ComponentCondition",
        "definitions": component_schema["definitions"],
    }
    checker = jsonschema.FormatChecker()
    errors = []
    for obj in doc["@graph"]:
        kind = obj["@type"]
        if kind == "ceterms:Pathway":
            schema = pathway_schema
        elif kind == "ceterms:ComponentCondition":
            schema = condition_schema
        elif kind.endswith("Component"):
            schema = component_schema
        else:
            continue  # organizations and pathgraph's own records
        for part in [obj, *_conditions_in(obj)]:
            which = condition_schema if part is not obj else schema
            validator = jsonschema.Draft4Validator(which, format_checker=checker)
            errors += [
                f"{part.get('@id', obj['@id'])}: {e.message}"
                for e in validator.iter_errors(part)
            ]
    return errors


# ------------------------------------------------------------ the real data

pytestmark = pytest.mark.filterwarnings("ignore::pathgraph.io.ctdl.CTDLWarning")


@pytest.mark.data
def test_comptia(shared_data: Path) -> None:
    # Counted by reading the file: 9 objects after the Pathway: 1 BasicComponent and
    # 8 ceterms:Certification used directly; each of the 8 parents (Basic + 7 certs)
    # has one inline ComponentCondition, requiredNumber 1, one targetComponent =
    # its hasChild; A+ has none. The chain: A+ -> Network+ -> Security+ -> Project+
    # -> Cloud Essentials+ -> Linux+ -> Server+ -> Cloud+ -> IT Networking
    # Specialist.
    ctdl = shared_data / "ctdl"
    p, warned = _read(
        ctdl / "CompTIA-IT_Networking_Specialist.jsonld",
        progression_model=ctdl / "comptia-IT_progModel.json",
    )
    # 8 credentials; conditions: the Basic component, its 8 inline conditions,
    # and the open condition that earns A+ (it has no conditions).
    assert _kinds(p) == {"credential": 8, "condition": 10}
    assert _tags(p) == {"ctdl:BasicComponent": 1}
    assert {n.credential_type for n in p.nodes if n.kind == "credential"} == {
        "industry_certification"
    }
    assert _rels(p) == {"awards": 8, "requires": 9}
    label = {n.id: n.label.strip() for n in p.nodes}
    by_label = {v: k for k, v in label.items()}
    # Each certification is earned by its one condition, whose option is the
    # previous certification; A+ by the open condition.
    chain = [
        "CompTIA A+",
        "CompTIA Network+",
        "CompTIA Security+",
        "CompTIA Project+",
        "CompTIA Cloud Essentials+",
        "CompTIA Linux+",
        "CompTIA Server+",
        "CompTIA Cloud+",
    ]
    aplus = by_label["CompTIA A+"]
    assert _earned_by(p, aplus) == [f"{aplus}/open"]
    assert p.node(f"{aplus}/open").need is None and _options(p, f"{aplus}/open") == []
    for before, after in itertools.pairwise(chain):
        (cond,) = _earned_by(p, by_label[after])
        assert cond == f"{by_label[after]}/condition-1"
        assert p.node(cond).need == 1
        assert _options(p, cond) == [by_label[before]]
    # The Basic component is a condition: its own condition (Cloud+) requires it.
    basic = by_label["IT Networking Specialist"]
    assert p.node(basic).kind == "condition"
    assert _options(p, basic) == [f"{basic}/condition-1"]
    assert _options(p, f"{basic}/condition-1") == [by_label["CompTIA Cloud+"]]
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
    # Every record reaches a destination (an independent reverse reachability).
    reaches = {n.id for n in p.nodes if n.destination}
    for d in list(reaches):
        reaches |= nx.ancestors(G, d)
    assert reaches == set(G)
    (group,) = requirement_groups(G, f"{by_label['CompTIA Cloud+']}/condition-1")
    assert (group.need, group.options) == (1, (by_label["CompTIA Server+"],))
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
    # The credential has no condition and 29 hasChild entries, 70f47a9f twice -> 28
    # requirements, and is open (anyone may complete it once they hold them).
    # 4 inline ComponentConditions (requiredNumber 1) on course components, with
    # 2 + 2 + 2 + 5 = 11 targets, two of them on the merged 70f47a9f; prerequisite
    # (course -> course): 1 + 1 + 1 + 2 = 5. requires: 28 + 11 + 4 = 43.
    p, warned = _read(
        shared_data / "ctdl" / "Bakersfield_AS_CS_pathway-CSU_transfer-v2.json"
    )
    assert _kinds(p) == {"course": 29, "credential": 1, "condition": 5}
    assert _rels(p) == {"requires": 43, "prerequisite_of": 5, "awards": 1}
    merged = "70f47a9f-6e60-423c-8480-8407b668bcba"
    assert _options(p, merged) == [f"{merged}/condition-1", f"{merged}/condition-2"]
    assert {p.node(c).need for c in _options(p, merged)} == {1}
    assert p.node(f"{merged}/condition-1").label.startswith("Selection of one course")
    assert any(merged in w and "creditValue" in w for w in warned)
    (cred,) = [n for n in p.nodes if n.kind == "credential"]
    assert cred.destination and cred.credential_type == "other"
    assert _earned_by(p, cred.id) == [f"{cred.id}/open"]
    assert len([r for r in p.relations if r.target == cred.id]) == 1 + 28
    b11 = p.node("1f8d3d06-3953-4bd8-8750-7dc5e9a062eb")
    assert (b11.kind, b11.level, b11.credits, b11.lane) == ("course", 1, 3, "Core")
    assert (b11.prefix, b11.number) == ("COMP", "B11")
    b12 = "11360165-b900-41e3-9b5b-7be2ef7198b5"
    assert {(r.kind, r.source) for r in p.relations if r.target == b12} == {
        ("prerequisite_of", b11.id)
    }
    _runs_downstream(p)


@pytest.mark.data
def test_heriot_watt(shared_data: Path) -> None:
    # Counted by reading the file (expanded IRIs): 45 CourseComponent, 8
    # BasicComponent, 3 CredentialComponent, 25 ComponentCondition objects (nested
    # by @id; one referenced condition is not in the document), 37 Constraints.
    # The BSc has 4 conditions and DipHE 2 (each wrapped in an all-of condition);
    # CertHE 1. No course has a creditValue, and the credit totals are on
    # conditions without targets: kept as text to confirm.
    path = shared_data / "ctdl" / "HeriotWatt_pathway.json"
    p, warned = _read(path)
    assert pathgraph.read(path, format="ctdl") == p
    assert _kinds(p) == {"course": 45, "credential": 3, "condition": 8 + 25 + 2}
    assert _tags(p) == {"ctdl:BasicComponent": 8}
    assert len(_made(p, "conditions")) == 2
    assert _rels(p)["awards"] == 3
    assert any("2883cc8a" in w and "not in the document" in w for w in warned)
    assert p.title == "BSCH - Bachelor of Science Honours"
    c = p.node("f0550ade-e01d-489d-8df4-3f188a8cb318")
    assert (c.need, len(_options(p, c.id))) == (6, 8)
    assert c.to_confirm == ["grade EQ any of A, B, C, D", "resit EQ false"]
    total = p.node("71099201-e520-46ed-aae1-84a56a924ced")
    assert total.credits is None and total.need is None
    assert total.to_confirm == ["creditUnitType EQ credits", "sum of value GTEQ 480"]
    nested = p.node("f39bf394-5b6e-496c-b150-589bcc607a8e")  # 2 of 2 conditions
    assert nested.need == 2
    assert _options(p, nested.id) == [
        "167bbaf1-c6ac-4cb3-b03b-36df7cec256a",
        "3a176a2b-85c2-4132-a028-eafa39de39d9",
    ]
    bsc = "1a285e3e-35ce-476a-b592-af7ae4e732a3"
    assert _earned_by(p, bsc) == [f"{bsc}/conditions"]
    assert nested.id in _options(p, f"{bsc}/conditions")
    assert sum(len(n.to_confirm) for n in p.nodes if n.kind == "condition") == 37
    _runs_downstream(p)


@pytest.mark.data
def test_badgr(shared_data: Path) -> None:
    raw = _raw(shared_data, "Badgr_EmpoweringTeachingExcellence.json")
    creds = [o for o in raw if o["@type"] == "ceterms:CredentialComponent"]
    held = Counter(len(o.get("ceterms:hasCondition", [])) for o in creds)
    inline = sum(len(o.get("ceterms:hasCondition", [])) for o in raw)
    targets = sum(
        len(c["ceterms:targetComponent"])
        for o in raw
        for c in o.get("ceterms:hasCondition", [])
    )
    # Counted: 92 badges (88 without conditions, 1 with one, 3 with several), 11
    # BasicComponents, 23 inline conditions with 232 targets in all.
    assert (len(creds), held[0], held[1], inline, targets) == (92, 88, 1, 23, 232)
    p, _ = _read(shared_data / "ctdl" / "Badgr_EmpoweringTeachingExcellence.json")
    several = len(creds) - held[0] - held[1]
    assert _kinds(p) == {"credential": 92, "condition": 11 + inline + held[0] + several}
    assert {n.credential_type for n in p.nodes if n.kind == "credential"} == {"badge"}
    assert len(_made(p, "open")) == held[0]
    # requires: the targets, the Basic components' conditions, the wrapped ones.
    wrapped = sum(
        len(o.get("ceterms:hasCondition", []))
        for o in creds
        if o.get("ceterms:hasCondition", []) and len(o["ceterms:hasCondition"]) > 1
    )
    basic = inline - held[1] - wrapped
    assert _rels(p) == {"awards": 92, "requires": targets + basic + wrapped}
    assert [n.label for n in p.nodes if n.destination] == [
        "Teaching Excellence Pathway"
    ]
    _runs_downstream(p)


@pytest.mark.data
def test_illinois_old_vocabulary(shared_data: Path) -> None:
    # Counted by reading the file: 27 Course, 6 Certification, 3 Assessment,
    # 1 Basic (hasRoot/isRootOf marks it the destination); isParentOf lists 36
    # children of the Basic one; one course has a course prerequisite.
    p, _ = _read(shared_data / "ctdl" / "Illinois-IT.json")
    assert _kinds(p) == {"course": 27, "credential": 6, "assessment": 3, "condition": 7}
    assert _tags(p) == {"ctdl:BasicComponent": 1}
    assert _rels(p) == {"requires": 36, "awards": 6, "prerequisite_of": 1}
    (root,) = [n for n in p.nodes if n.destination]
    assert (root.kind, root.label) == (
        "condition",
        "Programming and Software Development",
    )
    assert len(_options(p, root.id)) == 36
    assert len(_made(p, "open")) == 6
    _runs_downstream(p)


@pytest.mark.data
def test_a_credential_record_reads_as_an_open_credential(shared_data: Path) -> None:
    p, _ = _read(shared_data / "ctdl" / "registry-credential-NBCOT-COTA.json")
    (cred,) = [n for n in p.nodes if n.kind == "credential"]
    assert _earned_by(p, cred.id) == [f"{cred.id}/open"]


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
    p, messages = _read(DOC)
    assert messages == []
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
    # An IRI outside the document: a condition to confirm, its url the IRI.
    ext = p.node("x")
    assert (ext.kind, ext.url, ext.tags) == (
        "condition",
        "https://elsewhere.example/x",
        ["external"],
    )
    assert ext.to_confirm == [
        "https://elsewhere.example/x: not described in this document"
    ]
    # The nested conditions are records: an "any of" (requiredNumber 1) over two
    # conditions; the duplicated hasChild and the isChildOf are covered by them.
    top, first, second = (
        "ce-job/condition-1",
        "ce-job/condition-1.1",
        ("ce-job/condition-1.2"),
    )
    assert p.node(top).need == 1 and p.node(top).label == "Condition 1 of Welder"
    assert p.node(first).need is None and p.node(second).need == 1
    rels = sorted((r.kind, r.source, r.target) for r in p.relations)
    assert rels == sorted(
        [
            ("awards", "ce-cert/open", "ce-cert"),
            ("requires", "ce-cert", first),
            ("requires", "ce-work", first),
            ("requires", first, top),
            ("requires", second, top),
            ("requires", top, "ce-job"),
            ("requires", "x", second),
        ]
    )


def test_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("network access")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    p = read_ctdl(json.loads(json.dumps(DOC)))
    assert {n.kind for n in p.nodes} == {"occupation", "credential", "condition"}


def test_bad_json_names_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonld"
    bad.write_text('{\n  "@graph": [\n    {"@id": "x",,}\n  ]\n}\n')
    with pytest.raises(FormatError, match=r"bad\.jsonld:3:17: not valid JSON"):
        read_ctdl(bad)


def test_not_a_pathway() -> None:
    with pytest.raises(FormatError, match="no ceterms:Pathway"):
        read_ctdl({"@graph": [{"@id": "x", "@type": "ceterms:Organization"}]})


# ------------------------------------------------------------ writing


@pytest.mark.data
def test_written_ctdl_validates_against_registry_schemas(shared_data: Path) -> None:
    ctdl = shared_data / "ctdl"
    p, _ = _read(
        ctdl / "CompTIA-IT_Networking_Specialist.jsonld",
        progression_model=ctdl / "comptia-IT_progModel.json",
    )
    text = _dumps(
        p,
        ctid="ce-cc62e516-f95d-4306-a11a-c0ecc39d835f",
        owned_by=R + "ce-186fbc60-47e3-4616-b160-72cac9e78f54",
        url="https://www.comptia.org/content/it-careers-path-roadmap",
    )
    doc = json.loads(text)
    assert _schema_errors(shared_data, doc) == []
    # The schemas do bite: a component without its ctid is refused, and so is a
    # condition without a name.
    broken = doc["@graph"][1]
    del broken["ceterms:ctid"]
    errors = _schema_errors(shared_data, doc)
    assert len(errors) == 1 and errors[0].startswith(broken["@id"])
    cond = next(o for o in doc["@graph"] if o["@type"] == "ceterms:ComponentCondition")
    del cond["ceterms:name"]
    assert len(_schema_errors(shared_data, doc)) == 2
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
        for i, n in enumerate(p.nodes)
    ]
    given_ids = p.model_copy(update={"nodes": nodes})
    doc = json.loads(_dumps(given_ids, ctid="ce-1", owned_by="https://o.org/1",
                            url="https://o.org/p"))  # fmt: skip
    assert _schema_errors(SHARED_DATA, doc) == []


def test_write_ctdl_and_dispatch(tmp_path: Path) -> None:
    p = pathgraph.read("examples/bht.yaml")
    out = tmp_path / "bht.jsonld"
    with pytest.warns(CTDLWarning, match="wage_median"):
        write_ctdl(p, out)
    text = out.read_text()
    with pytest.warns(CTDLWarning):
        pathgraph.write(p, tmp_path / "again.jsonld")
    assert (tmp_path / "again.jsonld").read_text() == text
    back = pathgraph.read(out)
    assert back == read_ctdl(out) == p
    # A .json file with a JSON-LD @context is read as CTDL.
    as_json = tmp_path / "bht.json"
    as_json.write_text(text)
    assert pathgraph.read(as_json) == back
    assert list(tmp_path.glob(".*")) == []  # no temporary files left


@pytest.mark.parametrize(
    "name", ["Badgr_EmpoweringTeachingExcellence.json", "HeriotWatt_pathway.json"]
)
def test_read_detects_top_level_ctdl_lists(shared_data: Path, name: str) -> None:
    assert pathgraph.read(shared_data / "ctdl" / name).nodes
