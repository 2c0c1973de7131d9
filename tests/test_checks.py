"""Every check rule: a minimal failing graph and its fixed twin, by code and node."""

from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import pathgraph
from pathgraph.checks import RULES
from pathgraph.checks.registry import RUNS, rule
from tests.analysis.graphs import graph

ROOT = Path(__file__).resolve().parent.parent
ABE = {"kind": "program", "schedule": ["evening"]}  # an open on-ramp

CASES: dict[str, tuple[Any, Any, list[str | None]]] = {
    "dead-end": (
        graph(
            {
                "abe": ABE,
                "p": "program",
                "c": "credential",
                "c2": "credential",
                "o": "occupation",
            },
            [
                ("abe", "c", "awards"),
                ("c", "o", "qualifies_for"),
                ("p", "c2", "awards"),
            ],
        ),
        None,
        ["c2", "p"],
    ),
    "unreachable": (
        graph(
            {
                "abe": ABE,
                "c": "credential",
                "o": "occupation",
                "lic": "credential",
                "p": "program",
                "c3": "credential",
            },
            [
                ("abe", "c", "awards"),
                ("c", "o", "qualifies_for"),
                ("lic", "p", "requires"),
                ("p", "c3", "awards"),
                ("c3", "o", "qualifies_for"),
            ],
        ),
        None,
        ["c3", "lic", "p"],
    ),
    "requirement-cycle": (
        graph(
            {
                "abe": ABE,
                "c": "credential",
                "o": "occupation",
                "p1": "program",
                "p2": "program",
                "c1": "credential",
                "c2": "credential",
            },
            [
                ("abe", "c", "awards"),
                ("c", "o", "qualifies_for"),
                ("p1", "c1", "awards"),
                ("p2", "c2", "awards"),
                ("c1", "p2", "requires"),
                ("c2", "p1", "requires"),
                ("c1", "o", "qualifies_for"),
                ("c2", "o", "qualifies_for"),
            ],
        ),
        None,
        ["c1"],
    ),
    "unmet-need": (
        graph(
            {
                "abe": ABE,
                "c": "credential",
                "o": "occupation",
                "x": "credential",
                "p": "program",
                "d": "credential",
            },
            [
                ("abe", "c", "awards"),
                ("c", "o", "qualifies_for"),
                ("c", "p", "requires", {"group": "g", "need": 2}),
                ("x", "p", "requires", {"group": "g", "need": 2}),
                ("p", "d", "awards"),
                ("d", "o", "qualifies_for"),
                ("x", "o", "qualifies_for"),
            ],
        ),
        None,
        ["p"],
    ),
    "course-cycle": (
        graph(
            {
                "abe": ABE,
                "c": "credential",
                "o": "occupation",
                "a": "course",
                "b": "course",
            },
            [
                ("abe", "c", "awards"),
                ("c", "o", "qualifies_for"),
                ("a", "abe", "part_of"),
                ("b", "abe", "part_of"),
                ("a", "b", "prerequisite_of"),
                ("b", "a", "prerequisite_of"),
            ],
        ),
        None,
        ["a"],
    ),
    "course-blocked": (
        graph(
            {
                "abe": ABE,
                "c": "credential",
                "o": "occupation",
                "a": "course",
                "b": "course",
                "z": "course",
            },
            [
                ("abe", "c", "awards"),
                ("c", "o", "qualifies_for"),
                ("a", "abe", "part_of"),
                ("b", "abe", "part_of"),
                ("z", "abe", "part_of"),
                ("a", "b", "prerequisite_of"),
                ("b", "a", "prerequisite_of"),
                ("b", "z", "prerequisite_of"),
            ],
        ),
        None,
        ["z"],
    ),
    "course-outside-program": (
        graph(
            {"abe": ABE, "c": "credential", "o": "occupation", "a": "course"},
            [("abe", "c", "awards"), ("c", "o", "qualifies_for")],
        ),
        None,
        ["a"],
    ),
    "program-awards-nothing": (
        graph(
            {"abe": ABE, "o": "occupation", "c": "credential", "p": "program"},
            [
                ("abe", "c", "awards"),
                ("c", "o", "qualifies_for"),
                ("p", "o", "requires"),
            ],
        ),
        None,
        ["p"],
    ),
    "no-low-skill-on-ramp": (
        graph(
            {
                "hs": {"kind": "credential", "credential_type": "diploma"},
                "p": "program",
                "c": "credential",
                "o": "occupation",
            },
            [
                ("hs", "p", "requires"),
                ("p", "c", "awards"),
                ("c", "o", "qualifies_for"),
            ],
        ),
        None,
        [None],
    ),
    "stack-without-off-ramp": (
        graph(
            {
                "abe": ABE,
                "c1": "credential",
                "c2": "credential",
                "c3": "credential",
                "o": "occupation",
            },
            [
                ("abe", "c1", "awards"),
                ("c1", "c2", "stacks_into"),
                ("c2", "c3", "stacks_into"),
                ("c1", "o", "qualifies_for"),
                ("c3", "o", "qualifies_for"),
            ],
        ),
        None,
        ["c2"],
    ),
    "no-re-entry": (
        graph(
            {
                "abe": ABE,
                "c": "credential",
                "o": {"kind": "occupation", "career_level": "entry"},
                "top": "occupation",
            },
            [("abe", "c", "awards"), ("c", "o", "qualifies_for")],
        ),
        None,
        ["o"],
    ),
    "re-entry-not-for-workers": (
        graph(
            {
                "abe": ABE,
                "c": "credential",
                "o": {"kind": "occupation", "career_level": "middle"},
                "next": {
                    "kind": "program",
                    "modality": "in_person",
                    "schedule": ["day"],
                },
                "d": "credential",
                "o2": {"kind": "occupation", "career_level": "advanced"},
            },
            [
                ("abe", "c", "awards"),
                ("c", "o", "qualifies_for"),
                ("c", "next", "requires"),
                ("next", "d", "awards"),
                ("d", "o2", "qualifies_for"),
            ],
        ),
        None,
        ["o"],
    ),
    "credit-option-without-credits": (
        graph(
            {
                "abe": ABE,
                "k1": {"kind": "course", "credits": 3},
                "k2": "course",
                "six": {"kind": "condition", "credits": 6},
                "c": "credential",
                "o": "occupation",
            },
            [
                ("k1", "six", "requires"),
                ("k2", "six", "requires"),
                ("six", "c", "awards"),
                ("c", "o", "qualifies_for"),
            ],
        ),
        None,
        ["six"],
    ),
    "to-confirm": (
        graph(
            {
                "abe": ABE,
                "k": "course",
                "grade": {"kind": "condition", "to_confirm": ["grade C or better"]},
                "c": "credential",
                "o": "occupation",
            },
            [
                ("k", "grade", "requires"),
                ("grade", "c", "awards"),
                ("c", "o", "qualifies_for"),
            ],
        ),
        None,
        ["grade"],
    ),
    "wage-drop": (
        graph(
            {
                "abe": ABE,
                "c": "credential",
                "a": {"kind": "occupation", "wage_median": 50000},
                "b": {
                    "kind": "occupation",
                    "wage_median": 40000,
                    "career_level": "advanced",
                },
            },
            [
                ("abe", "c", "awards"),
                ("c", "a", "qualifies_for"),
                ("a", "b", "advances_to"),
            ],
        ),
        None,
        ["b"],
    ),
}


def _fix(slug: str, G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = G.copy()
    if slug == "dead-end":
        H.add_edge("c2", "o", kind="qualifies_for")
    elif slug == "unreachable":
        H.add_edge("lic", "o", kind="qualifies_for")
        H.add_node("lic-prep", kind="program", schedule=["evening"])
        H.add_edge("lic-prep", "lic", kind="awards")
    elif slug == "requirement-cycle":
        H.remove_edge("c2", "p1")
    elif slug == "unmet-need":
        H.add_node("xp", kind="program")
        H.add_edge("xp", "x", kind="awards")
    elif slug in ("course-cycle", "course-blocked"):
        H.remove_edge("b", "a")
    elif slug == "course-outside-program":
        H.add_edge("a", "abe", kind="part_of")
    elif slug == "program-awards-nothing":
        H.add_node("pc", kind="credential")
        H.add_edge("p", "pc", kind="awards")
        H.add_edge("pc", "o", kind="qualifies_for")
    elif slug == "no-low-skill-on-ramp":
        H.remove_edge("hs", "p")
    elif slug == "stack-without-off-ramp":
        H.add_edge("c2", "o", kind="qualifies_for")
    elif slug == "no-re-entry":
        H.add_edge("o", "top", kind="advances_to")
    elif slug == "re-entry-not-for-workers":
        H.nodes["next"]["schedule"] = ["day", "evening"]
    elif slug == "wage-drop":
        H.nodes["b"]["wage_median"] = 60000
    elif slug == "credit-option-without-credits":
        H.nodes["k2"]["credits"] = 3
    elif slug == "to-confirm":
        del H.nodes["grade"]["to_confirm"]
    return H


def test_every_rule_has_a_case() -> None:
    assert {r.slug for r in RULES.values()} == set(CASES)


@pytest.mark.parametrize("slug", sorted(CASES))
def test_rule_fires_and_fixed_twin_is_clean(slug: str) -> None:
    G, _, nodes = CASES[slug]
    found = [f for f in pathgraph.check(G).findings if f.rule == slug]
    assert sorted(f.node or "" for f in found) == sorted(n or "" for n in nodes)
    code = next(r.code for r in RULES.values() if r.slug == slug)
    assert all(f.code == code for f in found)
    fixed = pathgraph.check(_fix(slug, G))
    assert [f for f in fixed.findings if f.rule == slug] == []


def test_examples_have_exactly_their_deliberate_findings() -> None:
    bht = pathgraph.check(pathgraph.load_example("bht"))
    assert [(f.code, f.node) for f in bht.findings] == [("PG202", "bht-advanced")]
    assert bht.exit_code == 0
    mfg = pathgraph.check(pathgraph.load_example("manufacturing"))
    assert [(f.code, f.node) for f in mfg.findings] == [
        ("PG101", "clt-course"),
        ("PG101", "mssc-clt"),
    ]
    assert mfg.exit_code == 1


def test_select_ignore_and_per_node_suppression() -> None:
    G = pathgraph.to_graph(pathgraph.load_example("manufacturing"))
    assert pathgraph.check(G, rules=["PG2"]).findings == ()
    assert pathgraph.check(G, ignore=["dead-end"]).findings == ()
    G.nodes["mssc-clt"]["ignore"] = ["PG101"]
    assert [f.node for f in pathgraph.check(G).findings] == ["clt-course"]
    with pytest.raises(pathgraph.ArgumentError, match="unknown rule 'PG9'"):
        pathgraph.check(G, rules=["PG9"])
    with pytest.raises(ValueError, match="unknown rule 'nonsense'"):
        pathgraph.check(G, ignore=["nonsense"])


def test_rules_are_registered_once_in_code_order() -> None:
    assert list(RULES) == sorted(RULES)
    assert set(RUNS) == {r.slug for r in RULES.values()}
    with pytest.raises(pathgraph.ArgumentError, match="registered twice"):
        rule("PG101", "dead-end", "error", summary="", why="", fix="")(lambda ctx: ())
    assert len(RULES) == len(RUNS) == 15


def test_hand_built_graph_is_checked() -> None:
    G = nx.MultiDiGraph()
    G.add_node("prep", kind="program")
    G.add_node("ged", kind="credential", credential_type="hse")
    G.add_node("job", kind="occupation")
    G.add_edge("prep", "ged", kind="awards")
    G.add_edge("ged", "job", kind="qualifies_for")
    assert pathgraph.check(G).findings == ()
    G.nodes["job"]["career_level"] = "entry"  # now known to be below the top
    assert [f.rule for f in pathgraph.check(G).findings] == ["no-re-entry"]


def test_contract_problems_raise() -> None:
    G = nx.MultiDiGraph()
    G.add_node("x")
    with pytest.raises(pathgraph.GraphContractError):
        pathgraph.check(G)


def test_report_outputs() -> None:
    report = pathgraph.check(pathgraph.load_example("manufacturing"))
    data = report.to_dict()
    assert data["summary"] == {"error": 2, "warning": 0, "info": 0}
    assert set(data["findings"][0]) >= {"code", "severity", "node", "message"}
    assert "Errors:" in str(report)
    html = report._repr_html_()
    assert "<table>" in html and "PG101" in html
    frame = report.to_frame()
    assert list(frame["node"]) == ["clt-course", "mssc-clt"]


def test_report_escapes_html() -> None:
    G = graph(
        {
            "abe": ABE,
            "p": {"kind": "program", "label": "<script>x</script>"},
            "c": "credential",
            "o": "occupation",
        },
        [("abe", "c", "awards"), ("c", "o", "qualifies_for")],
    )
    html = pathgraph.check(G)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def _rules_page_generator() -> Any:
    """docs/gen_rules.py, imported from its file (docs/ is no package)."""
    path = ROOT / "docs" / "gen_rules.py"
    spec = importlib.util.spec_from_file_location("gen_rules", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rules_page_is_generated_from_the_registry() -> None:
    gen = _rules_page_generator()
    assert set(gen.EXAMPLES) == {r.slug for r in RULES.values()}
    assert (ROOT / "docs" / "rules.md").read_bytes() == gen.render().encode("utf-8"), (
        "regenerate with: python docs/gen_rules.py"
    )


def test_every_rule_is_documented() -> None:
    text = (ROOT / "docs" / "rules.md").read_text()
    for r in RULES.values():
        assert f"## {r.code} {r.slug}" in text
        assert r.why in text


def test_stack_message_names_a_stack_through_the_credential() -> None:
    report = pathgraph.check(pathgraph.load_example("bht"))
    (finding,) = report.findings
    assert (
        "BHT Basic Certificate, Tier 1 -> BHT Basic Certificate, Tier 2 -> "
        "BHT Basic Certificate -> BHT Advanced Certificate -> "
        "AAS Behavioral Health Technician"
    ) in finding.message


def test_long_stack_is_shortened_in_the_message() -> None:
    G = nx.MultiDiGraph()
    creds = [f"c{i:02d}" for i in range(40)]
    for c in creds:
        G.add_node(c, kind="credential")
    G.add_node("job", kind="occupation")
    G.add_node("entry", kind="program")
    G.add_edge("entry", creds[0], kind="awards")
    for a, b in itertools.pairwise(creds):
        G.add_edge(a, b, kind="stacks_into")
    G.add_edge(creds[-1], "job", kind="qualifies_for")
    found = {f.node: f.message for f in pathgraph.check(G, rules=["PG202"]).findings}
    assert len(found) == 39  # every level but the last, which has the off-ramp
    middle = found["c20"]
    assert "... -> c08 -> c09" in middle and "c32 -> ..." in middle
