"""The pydantic model: records, relations, and the Pathway's cross-record checks."""

from __future__ import annotations

import pydantic
import pytest

import pathgraph
from pathgraph.model import Occupation, Program


def _pathway(nodes, relations=()):
    return pathgraph.Pathway(title="T", nodes=list(nodes), relations=list(relations))


PROGRAM = {"kind": "program", "id": "p", "label": "P"}
CRED = {"kind": "credential", "id": "c", "label": "C"}
OCC = {"kind": "occupation", "id": "o", "label": "O"}


def test_records_forbid_unknown_fields() -> None:
    with pytest.raises(pydantic.ValidationError, match="Extra inputs"):
        Program(id="p", label="P", month=3)


@pytest.mark.parametrize(
    ("field", "value"),
    [("months", -1), ("cost", -0.5), ("credits", -3), ("completers", -1)],
)
def test_negative_amounts_are_refused(field: str, value: float) -> None:
    with pytest.raises(pydantic.ValidationError, match="greater than or equal to 0"):
        Program(id="p", label="P", **{field: value})


def test_negative_wage_is_refused() -> None:
    with pytest.raises(pydantic.ValidationError):
        Occupation(id="o", label="O", wage_median=-1)


def test_nan_is_refused() -> None:
    with pytest.raises(pydantic.ValidationError):
        Program(id="p", label="P", months=float("nan"))


def test_soc_code_pattern() -> None:
    assert Occupation(id="o", label="O", soc="29-2061.00").soc == "29-2061.00"
    with pytest.raises(pydantic.ValidationError, match="pattern"):
        Occupation(id="o", label="O", soc="292061")


def test_duplicate_ids_are_reported() -> None:
    with pytest.raises(pathgraph.ValidationError) as info:
        _pathway([PROGRAM, {**CRED, "id": "p"}])
    (problem,) = info.value.problems
    assert "duplicate id 'p'" in problem.message
    assert problem.location == "nodes[1].id"


def test_missing_reference_names_the_id() -> None:
    with pytest.raises(pathgraph.ValidationError) as info:
        _pathway([PROGRAM], [{"kind": "awards", "source": "p", "target": "nope"}])
    (problem,) = info.value.problems
    assert "no record has id 'nope'" in problem.message
    assert problem.location == "relations[0].target"


def test_wrong_endpoint_kinds() -> None:
    with pytest.raises(pathgraph.ValidationError) as info:
        _pathway([PROGRAM, CRED], [{"kind": "awards", "source": "c", "target": "p"}])
    messages = [p.message for p in info.value.problems]
    assert any("awards cannot have a credential as its source" in m for m in messages)
    assert any("awards cannot have a program as its target" in m for m in messages)
    assert "a program awards a credential" in info.value.problems[0].fix


def test_impossible_group_need() -> None:
    rels = [
        {"kind": "requires", "source": "c", "target": "p", "group": "g", "need": 3},
        {"kind": "requires", "source": "o", "target": "p", "group": "g", "need": 3},
    ]
    with pytest.raises(pathgraph.ValidationError, match="needs 3 but has only 2"):
        _pathway([PROGRAM, CRED, OCC], rels)


def test_conflicting_needs_in_one_group() -> None:
    rels = [
        {"kind": "requires", "source": "c", "target": "p", "group": "g", "need": 1},
        {"kind": "requires", "source": "o", "target": "p", "group": "g", "need": 2},
    ]
    with pytest.raises(pathgraph.ValidationError, match="conflicting needs"):
        _pathway([PROGRAM, CRED, OCC], rels)


def test_need_of_a_single_edge() -> None:
    rels = [{"kind": "requires", "source": "c", "target": "p", "need": 2}]
    with pytest.raises(pathgraph.ValidationError, match="need 2 of a group of one"):
        _pathway([PROGRAM, CRED], rels)


def test_self_loop_and_duplicate_relation() -> None:
    rels = [
        {"kind": "awards", "source": "p", "target": "c"},
        {"kind": "awards", "source": "p", "target": "c"},
    ]
    with pytest.raises(pathgraph.ValidationError, match="duplicate relation"):
        _pathway([PROGRAM, CRED], rels)
    occ2 = {**OCC, "id": "o2"}
    with pytest.raises(pathgraph.ValidationError, match="cannot relate to itself"):
        _pathway([OCC, occ2], [{"kind": "advances_to", "source": "o", "target": "o"}])


def test_wage_order_and_agreement_dates() -> None:
    with pytest.raises(pathgraph.ValidationError, match="wages out of order"):
        _pathway([{**OCC, "wage_p25": 50000, "wage_median": 40000}])
    agreement = {
        "kind": "agreement",
        "id": "a",
        "label": "A",
        "effective": "2025-01-01",
        "expires": "2024-01-01",
    }
    with pytest.raises(pathgraph.ValidationError, match="expires 2024-01-01 before"):
        _pathway([agreement])


def test_articulation_must_name_an_agreement() -> None:
    prog2 = {**PROGRAM, "id": "p2"}
    rel = {"kind": "articulates_to", "source": "p", "target": "p2", "agreement": "c"}
    with pytest.raises(pathgraph.ValidationError, match="is not an agreement record"):
        _pathway([PROGRAM, prog2, CRED], [rel])


def test_all_problems_are_reported_together() -> None:
    rels = [
        {"kind": "awards", "source": "p", "target": "x"},
        {"kind": "awards", "source": "y", "target": "c"},
    ]
    with pytest.raises(pathgraph.ValidationError) as info:
        _pathway([PROGRAM, CRED, {**CRED}], rels)
    assert len(info.value.problems) == 3
    assert str(info.value).startswith("3 problems:")


def test_canonical_order_groups_nodes_by_kind() -> None:
    p = _pathway([PROGRAM, OCC, CRED])
    assert [n.kind for n in p.nodes] == ["occupation", "credential", "program"]
    assert p.node("c").label == "C"
    assert "c" in p
    assert "zz" not in p
    with pytest.raises(KeyError):
        p.node("zz")


@pytest.mark.parametrize(
    ("ident", "message"),
    [
        (" cna", "white space"),
        ("cna\t", "white space"),
        ("c\x01na", "control characters"),
        ("c\nna", "control characters"),
    ],
)
def test_ids_must_be_clean(ident: str, message: str) -> None:
    with pytest.raises(pydantic.ValidationError, match=message):
        pathgraph.Pathway(
            title="t", nodes=[{"kind": "credential", "id": ident, "label": "CNA"}]
        )


def test_ids_may_be_any_printable_text() -> None:
    p = pathgraph.Pathway(
        title="t",
        nodes=[{"kind": "credential", "id": "CNA – état\u00a02", "label": "x"}],
    )
    assert p.nodes[0].id == "CNA – état\u00a02"
