"""Reading CTDL requirements: conditions, constraints, credit values and the
components they join (hand-made documents, one rule each)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

import pathgraph
from pathgraph.errors import FormatError
from pathgraph.io import ctdl
from pathgraph.io.ctdl import CTDLWarning, loads_ctdl, read_ctdl

LOGIC = "https://purl.org/ctdl/vocabs/logic/"
ARRAY = "https://purl.org/ctdl/vocabs/array/"
COMPARE = "https://purl.org/ctdl/vocabs/compare/"


def _doc(*objects: dict[str, Any]) -> dict[str, Any]:
    return {
        "@context": "https://credreg.net/ctdl/schema/context/json",
        "@graph": [
            {"@id": "urn:p", "@type": "ceterms:Pathway", "ceterms:name": "P"},
            *objects,
        ],
    }


def _course(ident: str, **fields: Any) -> dict[str, Any]:
    return {"@id": f"urn:{ident}", "@type": "ceterms:CourseComponent", **fields}


def _cred(ident: str, *conditions: Any, **fields: Any) -> dict[str, Any]:
    obj = {"@id": f"urn:{ident}", "@type": "ceterms:CredentialComponent", **fields}
    if conditions:
        obj["ceterms:hasCondition"] = list(conditions)
    return obj


def _cond(*targets: str, **fields: Any) -> dict[str, Any]:
    obj: dict[str, Any] = {"@type": "ceterms:ComponentCondition", **fields}
    if targets:
        obj["ceterms:targetComponent"] = [f"urn:{t}" for t in targets]
    return obj


def _sum(n: Any, comparator: str = "GTEQ") -> dict[str, Any]:
    return {
        "@type": "ceterms:Constraint",
        "ceterms:leftAction": ARRAY + "Sum",
        "ceterms:leftSource": "https://schema.org/value",
        "ceterms:comparator": COMPARE + comparator,
        "ceterms:rightSource": n,
    }


def _read(doc: dict[str, Any]) -> tuple[pathgraph.Pathway, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        p = read_ctdl(doc)
    return p, [str(w.message) for w in caught if issubclass(w.category, CTDLWarning)]


def _options(p: pathgraph.Pathway, target: str) -> list[str]:
    return sorted(
        r.source for r in p.relations if r.kind == "requires" and r.target == target
    )


COURSES = [
    _course(c, **{"ceterms:creditValue": n}) for c, n in (("a", 3), ("b", 3), ("c", 4))
]


# ------------------------------------------------------------- need and nesting


@pytest.mark.parametrize(
    ("fields", "need"),
    [
        ({}, None),  # all of them
        ({"ceterms:logicalOperator": LOGIC + "And"}, None),
        ({"ceterms:logicalOperator": LOGIC + "Or"}, 1),
        ({"ceterms:logicalOperator": "logic:Or"}, 1),
        ({"ceterms:logicalOperator": LOGIC + "Or", "ceterms:requiredNumber": 2}, 2),
        ({"ceterms:requiredNumber": [{"@value": 2}]}, 2),
        ({"ceterms:requiredNumber": "3"}, 3),
    ],
)
def test_need_from_required_number_and_logical_operator(
    fields: dict[str, Any], need: int | None
) -> None:
    p, warned = _read(_doc(*COURSES, _cred("x", _cond("a", "b", "c", **fields))))
    assert warned == []
    cond = p.node("x/condition-1")
    assert (cond.need, cond.to_confirm) == (need, [])
    assert _options(p, cond.id) == ["a", "b", "c"]


def test_only_one_is_any_one_with_the_rest_to_confirm() -> None:
    p, _ = _read(
        _doc(
            *COURSES,
            _cred(
                "x", _cond("a", "b", **{"ceterms:logicalOperator": LOGIC + "OnlyOne"})
            ),
        )
    )
    cond = p.node("x/condition-1")
    assert cond.need == 1
    assert cond.to_confirm == [
        "only one of the options counts (logicalOperator OnlyOne)"
    ]


def test_required_number_counts_nested_conditions_too() -> None:
    # Schema-Development #869: "2 of these 3 conditions".
    inner = [_cond("a"), _cond("b"), _cond("c")]
    p, _ = _read(
        _doc(*COURSES, _cred("x", {"@type": "ceterms:ComponentCondition",
                                   "ceterms:requiredNumber": 2,
                                   "ceterms:hasCondition": inner}))
    )  # fmt: skip
    top = p.node("x/condition-1")
    assert top.need == 2
    assert _options(p, top.id) == [f"x/condition-1.{k}" for k in (1, 2, 3)]
    assert _options(p, "x/condition-1.2") == ["b"]


def test_a_need_above_the_options_is_lowered_with_a_warning() -> None:
    p, warned = _read(
        _doc(*COURSES, _cred("x", _cond("a", "b", **{"ceterms:requiredNumber": 5})))
    )
    assert p.node("x/condition-1").need == 2
    assert any("needs 5 of 2 options; read as 2" in w for w in warned)


def test_unknown_operator_and_zero_required_number_are_warned() -> None:
    odd = _cond(
        "a",
        "b",
        **{"ceterms:logicalOperator": LOGIC + "Xor", "ceterms:requiredNumber": 0},
    )
    p, warned = _read(_doc(*COURSES, _cred("x", odd)))
    assert p.node("x/condition-1").need is None
    assert any("requiredNumber 0; ignored" in w for w in warned)
    assert any("logicalOperator 'xor'; read as And" in w for w in warned)


# ----------------------------------------------------------------- constraints


@pytest.mark.parametrize(
    ("comparator", "strict"),
    [
        ("GTEQ", []),
        ("GT", ["credit total more than 6"]),
        ("EQ", ["credit total exactly 6"]),
    ],
)
def test_a_credit_total_with_targets_is_credits(
    comparator: str, strict: list[str]
) -> None:
    cond = _cond("a", "b", "c", **{"ceterms:hasConstraint": [_sum(6, comparator)]})
    p, _ = _read(_doc(*COURSES, _cred("x", cond)))
    c = p.node("x/condition-1")
    assert (c.need, c.credits, c.to_confirm) == (None, 6, strict)


def test_a_count_and_a_credit_total_together() -> None:
    cond = _cond(
        "a", "b", "c", **{"ceterms:requiredNumber": 2, "ceterms:hasConstraint": _sum(7)}
    )
    c = _read(_doc(*COURSES, _cred("x", cond)))[0].node("x/condition-1")
    assert (c.need, c.credits) == (2, 7)


def test_what_cannot_be_evaluated_is_kept_as_readable_text() -> None:
    grade = {
        "@type": "ceterms:Constraint",
        "ceterms:leftSource": {"@id": "https://example.edu/studentData/grade"},
        "ceterms:comparator": {"@id": COMPARE + "EQ"},
        "ceterms:rightAction": {"@id": ARRAY + "AnyOf"},
        "ceterms:rightSource": [
            {"@id": f"https://example.edu/grades/{g}"} for g in "ABCD"
        ],
    }
    resit = {
        "@type": "ceterms:Constraint",
        "ceterms:leftSource": "https://example.edu/studentData/resit",
        "ceterms:comparator": COMPARE + "EQ",
        "ceterms:rightSource": [{"@value": False}],
    }
    described = {
        "@type": "ceterms:Constraint",
        "ceterms:description": {"en": "No plagiarism"},
    }
    upper = _sum(240, "LTEQ")
    mean = {**_sum(50), "ceterms:leftAction": ARRAY + "Mean",
            "ceterms:leftSource": "https://example.edu/studentData/percentMark"}  # fmt: skip
    cond = _cond(
        "a", "b", **{"ceterms:hasConstraint": [grade, resit, described, upper, mean]}
    )
    c = _read(_doc(*COURSES, _cred("x", cond)))[0].node("x/condition-1")
    assert c.credits is None and c.need is None
    assert c.to_confirm == [
        "grade EQ any of A, B, C, D",
        "resit EQ false",
        "No plagiarism",
        "sum of value LTEQ 240",
        "mean of percentMark GTEQ 50",
    ]


def test_a_credit_total_without_targets_or_in_an_or_is_to_confirm() -> None:
    # Which components count is not said: pathgraph cannot add them up.
    alone = _cond(**{"ceterms:hasConstraint": _sum(90)})
    either = _cond("a", "b", **{"ceterms:logicalOperator": LOGIC + "Or",
                                "ceterms:hasConstraint": _sum(6)})  # fmt: skip
    p, _ = _read(_doc(*COURSES, _cred("x", alone), _cred("y", either)))
    assert p.node("x/condition-1").to_confirm == ["sum of value GTEQ 90"]
    assert p.node("x/condition-1").credits is None
    assert (p.node("y/condition-1").need, p.node("y/condition-1").credits) == (1, None)


def test_constraints_referenced_by_id() -> None:
    cond = _cond(
        "a", "b", "c", **{"ceterms:hasConstraint": [{"@id": "_:sum"}, "_:gone"]}
    )
    p, warned = _read(_doc(*COURSES, _cred("x", cond), {"@id": "_:sum", **_sum(6)}))
    assert p.node("x/condition-1").credits == 6
    assert any("constraint _:gone is not in the document" in w for w in warned)


# -------------------------------------------------------- what the conditions gate


def test_a_credentials_conditions_earn_it() -> None:
    p, _ = _read(
        _doc(
            *COURSES,
            _cred("none"),
            _cred("one", _cond("a")),
            _cred("two", _cond("a"), _cond("b", "c", **{"ceterms:requiredNumber": 1})),
            _cred("kids", **{"ceasn:hasChild": ["urn:a", "urn:b"]}),
        )
    )
    awards = sorted((r.source, r.target) for r in p.relations if r.kind == "awards")
    assert awards == [
        ("kids/open", "kids"),
        ("none/open", "none"),
        ("one/condition-1", "one"),
        ("two/conditions", "two"),
    ]
    assert _options(p, "two/conditions") == ["two/condition-1", "two/condition-2"]
    assert p.node("none/open").label == "none: open (no conditions)"
    assert _options(p, "none/open") == []
    # Children without conditions: requirements of the credential, which is open.
    assert _options(p, "kids") == ["a", "b"]


def test_other_components_conditions_are_requirements() -> None:
    job = {"@id": "urn:job", "@type": "ceterms:JobComponent",
           "ceterms:hasCondition": _cond("cert")}  # fmt: skip
    exam = {"@id": "urn:exam", "@type": "ceterms:AssessmentComponent",
            "ceterms:hasCondition": _cond("a")}  # fmt: skip
    stage = {"@id": "urn:stage", "@type": "ceterms:BasicComponent",
             "ceterms:hasCondition": _cond("a", "b"), "ceasn:hasChild": ["urn:a", "urn:c"]}  # fmt: skip
    p, _ = _read(_doc(*COURSES, _cred("cert"), job, exam, stage))
    assert (p.node("job").kind, p.node("exam").kind, p.node("stage").kind) == (
        "occupation",
        "assessment",
        "condition",
    )
    assert _options(p, "job") == ["job/condition-1"]
    assert _options(p, "exam") == ["exam/condition-1"]
    # A Basic component is a milestone: its conditions and its children not
    # covered by them are its options (all needed).
    assert _options(p, "stage") == ["c", "stage/condition-1"]
    assert p.node("stage").tags == ["ctdl:BasicComponent"]


@pytest.mark.parametrize(
    ("ctype", "kind"),
    [
        ("CourseComponent", "course"),
        ("AssessmentComponent", "assessment"),
        ("CredentialComponent", "credential"),
        ("Certification", "credential"),
        ("JobComponent", "occupation"),
        ("WorkExperienceComponent", "occupation"),
        ("BasicComponent", "condition"),
        ("SelectionComponent", "condition"),
        ("CocurricularComponent", "condition"),
        ("ExtracurricularComponent", "condition"),
        ("CompetencyComponent", "condition"),
    ],
)
def test_component_kinds(ctype: str, kind: str) -> None:
    p, _ = _read(
        _doc({"@id": "urn:c", "@type": f"ceterms:{ctype}", "ceterms:name": "C"})
    )
    assert p.node("c").kind == kind


def test_course_prerequisites_are_prerequisite_of() -> None:
    exam = {"@id": "urn:exam", "@type": "ceterms:AssessmentComponent",
            "ceterms:prerequisite": "urn:a"}  # fmt: skip
    b = _course("b", **{"ceterms:prerequisite": ["urn:a", "urn:exam"]})
    p, _ = _read(_doc(_course("a"), b, exam))
    rels = sorted((r.kind, r.source, r.target) for r in p.relations)
    assert rels == [
        ("prerequisite_of", "a", "b"),
        ("requires", "a", "exam"),
        ("requires", "exam", "b"),
    ]


# ------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("value", "credits"),
    [
        ([{"@type": "schema:QuantitativeValue", "schema:value": 3}], 3),
        ({"@type": "QuantitativeValue", "value": "4.5"}, 4.5),
        ({"@type": "QuantitativeValue", "minValue": 3, "maxValue": 5}, 3),
        ({"@type": "QuantitativeValue", "maxValue": 5}, 5),
        ([{"schema:unitText": "SCQF", "schema:value": [{"@value": 15}]}], 15),
        ([{"value": "n/a"}, {"value": 2}], 2),
        ({"value": 2, "ceterms:creditUnitType": "creditUnit:SemesterHour"}, 2),
        (6, 6),
        ("6", 6),
        ([{"value": -1}], None),
    ],
)
def test_credit_value_shapes(value: Any, credits: Any) -> None:
    p, _ = _read(_doc(_course("a", **{"ceterms:creditValue": value})))
    assert p.node("a").credits == credits


@pytest.mark.parametrize(
    ("duration", "months"),
    [("P6M", 6), ("P0.5M", 0.5), ("P1Y6M", 18), ("P2Y", 24), ("P12W", 2.759754),
     ("PT40H", 0.054757), ("P", None), ("6 months", None)],
)  # fmt: skip
def test_durations(duration: str, months: Any) -> None:
    profile = {"@type": "ceterms:DurationProfile", "ceterms:exactDuration": duration}
    p, _ = _read(_doc(_course("a", **{"ceterms:estimatedDuration": [profile]})))
    assert p.node("a").months == months


def test_costs_in_dollars_only() -> None:
    usd = {
        "@type": "ceterms:CostProfile",
        "ceterms:price": 1200,
        "ceterms:currency": "USD",
    }
    eur = {
        "@type": "ceterms:CostProfile",
        "ceterms:price": 900,
        "ceterms:currency": "EUR",
    }
    p, warned = _read(
        _doc(_course("a", **{"ceterms:estimatedCost": [eur, usd]}),
             _course("b", **{"ceterms:estimatedCost": [eur]}))
    )  # fmt: skip
    assert (p.node("a").cost, p.node("b").cost) == (1200, None)
    assert any("a cost in EUR is not read" in w for w in warned)


def test_course_codes_and_terms() -> None:
    p, _ = _read(
        _doc(
            _course(
                "a",
                **{
                    "ceasn:codedNotation": "COMP B11",
                    "ceterms:programTerm": "3rd Term",
                },
            ),
            _course("b", codeNotation="Intro Bio 101"),
            _course("c", **{"ceterms:codedNotation": "101"}),
        )
    )
    assert (p.node("a").prefix, p.node("a").number, p.node("a").term) == (
        "COMP",
        "B11",
        3,
    )
    assert (p.node("b").prefix, p.node("b").number) == ("Intro Bio", "101")
    assert (p.node("c").prefix, p.node("c").number) == (None, "101")


# --------------------------------------------------------------- blow-up guards


def _layers(depth: int, width: int) -> list[dict[str, Any]]:
    """``depth`` layers of ``width`` conditions; each needs every condition of the
    next layer (shared, by @id): width**depth paths through a linear document."""
    objects = []
    for d in range(depth):
        for w in range(width):
            cond = {"@id": f"urn:c{d}-{w}", "@type": "ceterms:ComponentCondition",
                    "ceterms:name": f"c{d}-{w}"}  # fmt: skip
            if d + 1 < depth:
                cond["ceterms:hasCondition"] = [
                    f"urn:c{d + 1}-{v}" for v in range(width)
                ]
                cond["ceterms:requiredNumber"] = 1
            else:
                cond["ceterms:targetComponent"] = ["urn:a"]
            objects.append(cond)
    return objects


def test_shared_sub_conditions_are_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # A 20-deep chain of 3-way conditions: 3**20 (3.5 billion) paths, 60 objects.
    depth, width = 20, 3
    visits: list[str] = []
    options = ctdl._Reader._options

    def count(self: Any, cond: Any) -> None:
        visits.append(cond.ident)
        options(self, cond)

    monkeypatch.setattr(ctdl._Reader, "_options", count)
    top = _cred("x", "urn:c0-0", "urn:c0-1", "urn:c0-2")
    p, warned = _read(_doc(_course("a"), top, *_layers(depth, width)))
    assert warned == []
    assert sorted(visits) == sorted(
        f"c{d}-{w}" for d in range(depth) for w in range(width)
    )
    conditions = [n for n in p.nodes if n.kind == "condition"]
    assert len(conditions) == depth * width + 1  # and x/conditions
    assert len(p.relations) == (depth - 1) * width * width + width + width + 1
    # Each layer needs one of the next: a route takes the one course.
    r = pathgraph.route(pathgraph.to_graph(p), "x")
    assert [s.node for s in r.steps if s.action == "take"] == ["a"]


def test_written_the_same_way_it_reads_back() -> None:
    top = _cred("x", "urn:c0-0")
    p, _ = _read(_doc(_course("a"), top, *_layers(20, 3)))
    text = ctdl.dumps_ctdl(p)
    assert loads_ctdl(text) == p
    assert len(text) < 200_000  # linear in the pathway, no expansion


def test_conditions_in_a_cycle_are_reported_not_a_recursion_error() -> None:
    a = {
        "@id": "urn:ca",
        "@type": "ceterms:ComponentCondition",
        "ceterms:hasCondition": "urn:cb",
    }
    b = {"@id": "urn:cb", "@type": "ceterms:ComponentCondition",
         "ceterms:hasCondition": ["urn:ca"], "ceterms:targetComponent": "urn:a"}  # fmt: skip
    p, warned = _read(_doc(_course("a"), _cred("x", "urn:ca"), a, b))
    assert any(
        "nest inside each other in a cycle (ca -> cb -> ca)" in w for w in warned
    )
    assert _options(p, "ca") == ["cb"] and _options(p, "cb") == ["a", "ca"]
    # The graph keeps the cycle; check reports that nothing in it can be met.
    report = pathgraph.check(pathgraph.to_graph(p))
    found = {(f.code, f.node) for f in report.findings if f.severity == "error"}
    assert found & {(c, n) for c in ("PG102", "PG103") for n in ("ca", "cb", "x")}


def test_deep_inline_nesting_reads_without_recursion() -> None:
    cond: dict[str, Any] = _cond("a")
    for _ in range(300):
        cond = {"@type": "ceterms:ComponentCondition", "ceterms:hasCondition": cond}
    p, _ = _read(_doc(_course("a"), _cred("x", cond)))
    ids = [n.id for n in p.nodes if n.kind == "condition"]
    assert len(ids) == 301 and max(map(len, ids)) <= ctdl.ID_DEPTH + 10


def test_json_nested_too_deeply_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonld"
    path.write_text('{"@graph": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(FormatError, match="nested too deeply"):
        read_ctdl(path)


# ------------------------------------------------------------------ locations


def test_every_record_is_located(tmp_path: Path) -> None:
    doc = _doc(
        *COURSES,
        _cred("x", _cond("a", **{"ceterms:hasCondition": [_cond("b"), _cond("zzz")]})),
        _cred("y"),
    )
    text = json.dumps(doc, indent=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CTDLWarning)
        p = loads_ctdl(text, "d.jsonld")
    assert set(p.locations) == {n.id for n in p.nodes}
    lines = text.splitlines()

    def at(ident: str) -> str:
        where = p.locations[ident]
        return lines[where.line - 1][where.column - 1 :]

    # Nested conditions: their own objects; made-up ones: the component's object.
    assert at("x/condition-1").startswith("{")
    assert lines[p.locations["x/condition-1.2"].line].strip() == (
        '"@type": "ceterms:ComponentCondition",'
    )
    assert p.locations["y/open"] == p.locations["y"]
    assert p.locations["zzz"] == p.locations["x/condition-1.2"]
    assert p.locations["x/condition-1"].line < p.locations["x/condition-1.1"].line
