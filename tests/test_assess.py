"""pathgraph.readiness.assess: every item on the examples, worked out by hand from
the YAML (see each comment), and what changes when the pathway changes."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings

import pathgraph
from pathgraph.readiness import (
    ELEMENTS,
    ITEMS,
    SCORES,
    Readiness,
    assess,
    markdown_table,
)
from pathgraph.readiness.items import CORE_ROLES
from pathgraph.readiness.registry import item
from tests.strategies import pathways

ROOT = Path(__file__).resolve().parent.parent

NEEDS = {
    # The items the pathway data can never decide: the same on every pathway.
    "1.4": "the pathway data records no governance",
    "2.4": "the pathway data records no commitments",
    "4.3": "the pathway data records no budgets",
    "5.3": "the pathway data records no policies",
    "6.2": "the pathway data records no measures",
}

BHT_SECTOR = "Health care (behavioral health)"

# examples/bht.yaml, read by hand.
BHT: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # (With one sector, evidence lines do not repeat its name.)
    # Providers' roles: up-healthcare and desert-diamond employer; pima-one-stop,
    # tohono-oodham-wia and pascua-yaqui-wia workforce_board; pima-cc postsecondary
    # and abe_provider; nobody human_services or economic_development. One sector
    # (the pathway's; no occupation has its own), so 4 of 6.
    "1.1": (
        "partly",
        "4 of 6 core roles filled (1 sector)",
        (
            "employer: desert-diamond, up-healthcare",
            "workforce_board: pascua-yaqui-wia, pima-one-stop, tohono-oodham-wia",
            "abe_provider: pima-cc",
            "postsecondary: pima-cc",
            "human_services: none",
            "economic_development: none",
            "missing roles: human_services, economic_development",
        ),
    ),
    # bht-mou is the one mou; all seven providers are party_to it.
    "1.2": (
        "met",
        "1 MOU, most parties 7",
        (
            "bht-mou: 7 parties: desert-diamond, pascua-yaqui-wia, pima-cc, "
            "pima-one-stop, tohono-oodham-wia, tucson-indian-center, up-healthcare",
        ),
    ),
    # Every provider lists a role other than 'other'.
    "1.3": ("met", "7 of 7 providers have a role recorded", ()),
    "2.1": ("met", "1 sector named", (f"sector: {BHT_SECTOR}",)),
    # Both employers signed bht-mou; up-healthcare also offers up-placement.
    "2.2": (
        "met",
        "1 of 1 sector with an engaged employer",
        (
            "desert-diamond: party to bht-mou",
            "up-healthcare: party to bht-mou; offers up-placement",
        ),
    ),
    # Four occupations, all with wage_median, none with openings; the BLS source
    # says May 2024 (the DOL toolkit source is not labour-market data).
    "2.3": (
        "partly",
        "4 of 4 occupations have wages, 0 of 4 openings; data year 2024",
        (
            "wage_median missing: none",
            "openings missing: behavioral-health-counselor, human-service-assistant, "
            "psychiatric-aide, psychiatric-technician",
            "source: BLS Occupational Employment and Wage Statistics, May 2024, "
            "national",
            "data year: 2024",
        ),
    ),
    # abe: the open programs abe-ged and bht-tier1-course; esl: of those only
    # bht-tier1-course is iet; diploma: bht-aas (requires hse) too; incumbent: the
    # same three, all with an evening schedule.
    "3.1": (
        "met",
        "4 of 4 entry levels have an on-ramp",
        (
            "abe: abe-ged, bht-tier1-course",
            "esl: bht-tier1-course",
            "diploma: abe-ged, bht-aas, bht-tier1-course",
            "incumbent: abe-ged, bht-aas, bht-tier1-course",
        ),
    ),
    # tier1 -> tier2 (tier2-course requires tier1) -> basic -> advanced -> assoc
    # (advanced articulates to bht-aas, which awards bht-assoc).
    "3.2": (
        "met",
        "1 chain of two or more credentials",
        ("bht-tier1 -> bht-tier2 -> bht-basic -> bht-advanced -> bht-assoc",),
    ),
    # The file's deliberate flaw: bht-advanced qualifies for nothing.
    "3.3": (
        "partly",
        "4 of 5 stack levels have an off-ramp; none at bht-advanced",
        (
            "bht-advanced: none",
            "bht-assoc: behavioral-health-counselor, psychiatric-technician",
            "bht-basic: human-service-assistant",
            "bht-tier1: psychiatric-aide",
            "bht-tier2: psychiatric-aide",
        ),
    ),
    # Map levels: abe-ged and tier1 0, tier2 2, tier3 4, advanced 6, aas 8. The
    # case management supports tiers 1-3; the advanced certificate and the AAS
    # have only tuition aid (counted under funding), so 3 of 5 levels.
    "3.4": (
        "partly",
        "3 of 5 levels have a supported program",
        (
            "level 0: supported bht-tier1-course; unsupported abe-ged",
            "level 2: supported bht-tier2-course; unsupported none",
            "level 4: supported bht-tier3-course; unsupported none",
            "level 6: supported none; unsupported bht-advanced-course",
            "level 8: supported none; unsupported bht-aas",
        ),
    ),
    # 0 + 0 + 516 + 516 + 1290 + 5504 = 7826.
    "4.1": ("met", "6 of 6 programs have a cost; $7,826 in all", ()),
    # Charging programs: tier2, tier3, advanced, aas. The ITA supports advanced and
    # aas, the tribal WIA tuition tier1 (free) and advanced.
    "4.2": (
        "partly",
        "2 of 4 programs that charge have a funding source",
        (
            "bht-aas: one-stop-ita",
            "bht-advanced-course: one-stop-ita, tribal-wia-tuition",
            "no funding source recorded: bht-tier2-course, bht-tier3-course",
            "free to the learner: abe-ged, bht-tier1-course",
        ),
    ),
    # One articulates_to edge, naming bht-articulation (type articulation by
    # default in the file).
    "5.1": (
        "met",
        "1 articulation, 1 backed by an agreement",
        (
            "bht-advanced -> bht-aas: 33 credits, agreement bht-articulation",
            "articulation agreements: bht-articulation",
        ),
    ),
    # The only articulation starts at the college's own certificate: not prior
    # learning, so the data cannot say.
    "5.2": ("needs_answer", "no credit for prior learning recorded", ()),
    # Completers: bht-advanced-course 20, bht-aas 12.
    "6.1": (
        "partly",
        "2 of 6 programs record completers",
        (
            "bht-aas: 12",
            "bht-advanced-course: 20",
            "not recorded: abe-ged, bht-tier1-course, bht-tier2-course, "
            "bht-tier3-course",
        ),
    ),
}

MFG_SECTOR = "Advanced manufacturing"
# examples/manufacturing.yaml, read by hand.
MFG: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # employer-precision and employer-foods employers; workforce-agency board;
    # adult-ed ABE; college postsecondary; mssc only 'other'.
    "1.1": (
        "partly",
        "4 of 6 core roles filled (1 sector)",
        (
            "employer: employer-foods, employer-precision",
            "workforce_board: workforce-agency",
            "abe_provider: adult-ed",
            "postsecondary: college",
            "human_services: none",
            "economic_development: none",
            "missing roles: human_services, economic_development",
        ),
    ),
    # sector-partnership (mou) has five parties; mssc signed nothing.
    "1.2": (
        "met",
        "1 MOU, most parties 5",
        (
            "sector-partnership: 5 parties: adult-ed, college, employer-foods, "
            "employer-precision, workforce-agency",
            "providers party to no agreement: mssc",
        ),
    ),
    "1.3": (
        "partly",
        "5 of 6 providers have a role recorded",
        ("no role but 'other': mssc",),
    ),
    "2.1": ("met", "1 sector named", (f"sector: {MFG_SECTOR}",)),
    # employer-precision signed two agreements and offers the two apprenticeships
    # and the mentoring; employer-foods signed the partnership.
    "2.2": (
        "met",
        "1 of 1 sector with an engaged employer",
        (
            "employer-foods: party to sector-partnership",
            "employer-precision: party to mechatronics-articulation, "
            "sector-partnership; offers apprenticeship-mentor, "
            "maintenance-apprenticeship, tool-die-apprenticeship",
        ),
    ),
    "2.3": (
        "partly",
        "17 of 17 occupations have wages, 0 of 17 openings; data year 2024",
        (
            "wage_median missing: none",
            "openings missing: assembler, electrical-repairer, forklift-operator, "
            "hand-packer, industrial-engineering-technician, "
            "industrial-machinery-mechanic, logistics-supervisor, machinist, "
            "maintenance-supervisor, maintenance-worker, material-mover, "
            "mechatronics-technician, packaging-machine-operator, "
            "production-supervisor, quality-inspector, tool-and-die-maker, welder",
            "source: BLS Occupational Employment and Wage Statistics, May 2024, "
            "national",
            "data year: 2024",
        ),
    ),
    # abe: the three open programs; esl: mfg-bridge (iet); diploma: every program
    # that needs only a diploma too (not clt-course, which needs mssc-cla, nor the
    # apprenticeships); incumbent: those plus the maintenance apprenticeship
    # (needs maintenance-worker, an entry job), every one worker-friendly.
    "3.1": (
        "met",
        "4 of 4 entry levels have an on-ramp",
        (
            "abe: forklift-training, hse-prep, mfg-bridge",
            "esl: mfg-bridge",
            "diploma: aas-manufacturing-program, aas-mechatronics-program, "
            "cla-course, cpt-course, forklift-training, hse-prep, imt-program, "
            "machining-program, mechatronics-program, mfg-bridge, welding-program",
            "incumbent: aas-manufacturing-program, aas-mechatronics-program, "
            "cla-course, cpt-course, forklift-training, hse-prep, imt-program, "
            "machining-program, maintenance-apprenticeship, mechatronics-program, "
            "mfg-bridge, welding-program",
        ),
    ),
    "3.2": (
        "met",
        "5 chains of two or more credentials",
        (
            "imt-cert -> mechatronics-cert -> aas-mechatronics",
            "nims-machining-1 -> ra-machinist",
            "osha-10 -> mssc-cla -> mssc-clt",
            "osha-10 -> mssc-cpt -> aas-manufacturing",
            "ra-maintenance -> aas-mechatronics",
        ),
    ),
    # The file's deliberate flaw: mssc-clt qualifies for nothing.
    "3.3": (
        "partly",
        "10 of 11 stack levels have an off-ramp; none at mssc-clt",
        (
            "aas-manufacturing: industrial-engineering-technician, "
            "production-supervisor",
            "aas-mechatronics: electrical-repairer, mechatronics-technician",
            "imt-cert: maintenance-worker",
            "mechatronics-cert: industrial-machinery-mechanic",
            "mssc-cla: hand-packer, material-mover",
            "mssc-clt: none",
            "mssc-cpt: assembler, packaging-machine-operator",
            "nims-machining-1: machinist",
            "osha-10: hand-packer, material-mover",
            "ra-machinist: tool-and-die-maker",
            "ra-maintenance: electrical-repairer, industrial-machinery-mechanic",
        ),
    ),
    # navigator: bridge, hse-prep, cla, cpt; childcare: bridge, cpt, mechatronics;
    # mentoring: the apprenticeships. Levels 4 (aas-manufacturing-program,
    # clt-course) and 7 (aas-mechatronics-program) have no support.
    "3.4": (
        "partly",
        "3 of 5 levels have a supported program",
        (
            "level 0: supported hse-prep, mfg-bridge; unsupported forklift-training",
            "level 2: supported cla-course, cpt-course, mechatronics-program; "
            "unsupported imt-program, machining-program, welding-program",
            "level 4: supported none; unsupported aas-manufacturing-program, "
            "clt-course",
            "level 5: supported maintenance-apprenticeship, "
            "tool-die-apprenticeship; unsupported none",
            "level 7: supported none; unsupported aas-mechatronics-program",
        ),
    ),
    # 150 + 900 + 900 + 2400 + 4200 + 3500 + 7400 + 3800 + 4800 + 7200 = 35250.
    "4.1": ("met", "14 of 14 programs have a cost; $35,250 in all", ()),
    # Ten programs charge; tuition-aid supports four of them.
    "4.2": (
        "partly",
        "4 of 10 programs that charge have a funding source",
        (
            "cpt-course: tuition-aid",
            "imt-program: tuition-aid",
            "machining-program: tuition-aid",
            "welding-program: tuition-aid",
            "no funding source recorded: aas-manufacturing-program, "
            "aas-mechatronics-program, cla-course, clt-course, forklift-training, "
            "mechatronics-program",
            "free to the learner: hse-prep, maintenance-apprenticeship, mfg-bridge, "
            "tool-die-apprenticeship",
        ),
    ),
    "5.1": (
        "met",
        "3 articulations, 3 backed by an agreement",
        (
            "mechatronics-cert -> aas-mechatronics-program: 36 credits, agreement "
            "mechatronics-articulation",
            "mssc-cpt -> aas-manufacturing-program: 9 credits, agreement "
            "cpt-articulation",
            "ra-maintenance -> aas-mechatronics-program: 30 credits, agreement "
            "mechatronics-articulation",
            "articulation agreements: cpt-articulation, mechatronics-articulation",
        ),
    ),
    # An industry certification and an apprenticeship carry credit: prior learning.
    "5.2": (
        "met",
        "2 ways to earn credit for prior learning",
        (
            "mssc-cpt -> aas-manufacturing-program",
            "ra-maintenance -> aas-mechatronics-program",
        ),
    ),
    "6.1": (
        "partly",
        "6 of 14 programs record completers",
        (
            "aas-manufacturing-program: 18",
            "aas-mechatronics-program: 15",
            "imt-program: 30",
            "machining-program: 35",
            "mechatronics-program: 22",
            "welding-program: 40",
            "not recorded: cla-course, clt-course, cpt-course, forklift-training, "
            "hse-prep, maintenance-apprenticeship, mfg-bridge, "
            "tool-die-apprenticeship",
        ),
    ),
}


def _graph(name: str) -> nx.MultiDiGraph:
    return pathgraph.to_graph(pathgraph.load_example(name))


def _as_expected(a: Readiness, expected: dict[str, tuple[str, str, tuple[str, ...]]]):
    """Every item of ``a`` against ``expected`` (plus the never-decidable ones)."""
    assert [it.code for it in a.items] == list(ITEMS)
    for it in a.items:
        if it.code in NEEDS:
            assert (it.score, it.summary, it.evidence) == (
                "needs_answer",
                NEEDS[it.code],
                (),
            )
            continue
        assert (it.score, it.summary, it.evidence) == expected[it.code], it.code


@pytest.mark.parametrize(("name", "expected"), [("bht", BHT), ("manufacturing", MFG)])
def test_every_item_on_the_examples(
    name: str, expected: dict[str, tuple[str, str, tuple[str, ...]]]
) -> None:
    _as_expected(assess(pathgraph.load_example(name)), expected)


def test_totals_and_element_points() -> None:
    a = assess(pathgraph.load_example("bht"))
    # From BHT above: 8 met, 6 partly, 6 needing an answer (5.2 and the five).
    assert a.counts == {"met": 8, "partly": 6, "not_met": 0, "needs_answer": 6}
    points = {e.element: (e.points, e.possible) for e in a.elements}
    # 1: partly + met + met = 5 of 6; 3: met + met + partly + partly = 6 of 8;
    # 5: only 5.1 decided (met); 6: 6.1 partly.
    assert points == {1: (5, 6), 2: (5, 6), 3: (6, 8), 4: (3, 4), 5: (2, 2), 6: (1, 2)}
    assert a.elements[4].text == "2/2 points; 1 met, 2 needs your answer"


def _changed(before: Readiness, after: Readiness) -> set[str]:
    return {b.code for b, c in zip(before.items, after.items, strict=True) if b != c}


def test_removing_the_employers_changes_only_partner_and_employer_items() -> None:
    G = _graph("bht")
    before = assess(G)
    H = G.copy()
    H.remove_nodes_from(["up-healthcare", "desert-diamond"])
    after = assess(H)
    # 1.1 loses the employer role, 1.2 two parties of bht-mou, 1.3 two providers,
    # 2.2 its only employers. up-placement (which up-healthcare offered) supports
    # occupations, not programs, so 3.4 stays.
    assert _changed(before, after) == {"1.1", "1.2", "1.3", "2.2"}
    assert after["1.1"].score == "partly"
    assert after["1.1"].summary == "3 of 6 core roles filled (1 sector)"
    assert "employer: none" in after["1.1"].evidence
    assert after["1.2"].summary == "1 MOU, most parties 5"
    assert after["1.3"].summary == "5 of 5 providers have a role recorded"
    assert after["2.2"].score == "not_met"
    assert after["2.2"].evidence == ("no employer",)


def test_an_employer_that_signed_nothing_is_not_engaged() -> None:
    H = _graph("bht")
    H.remove_nodes_from(["up-healthcare", "bht-mou"])
    after = assess(H)["2.2"]
    assert after.score == "partly"
    assert after.evidence == ("desert-diamond: no agreement, offers nothing",)


def test_dropping_the_ita_changes_only_funding() -> None:
    G = _graph("bht")
    before = assess(G)
    H = G.copy()
    H.remove_node("one-stop-ita")
    after = assess(H)
    # The ITA is tuition aid: it counts for funding (4.2), not as a support
    # service (3.4). bht-advanced-course keeps the tribal WIA tuition.
    assert _changed(before, after) == {"4.2"}
    assert after["4.2"].score == "partly"
    assert after["4.2"].evidence == (
        "bht-advanced-course: tribal-wia-tuition",
        "no funding source recorded: bht-aas, bht-tier2-course, bht-tier3-course",
        "free to the learner: abe-ged, bht-tier1-course",
    )


def test_without_any_tuition_aid_funding_needs_your_answer() -> None:
    G = _graph("manufacturing")
    before = assess(G)
    H = G.copy()
    H.remove_node("tuition-aid")
    after = assess(H)
    assert _changed(before, after) == {"4.2"}
    assert after["4.2"].score == "needs_answer"
    assert after["4.2"].counts == {"aid_services": 0, "charged": 10, "funded": 0}


def test_removing_an_off_ramp_changes_only_off_ramps() -> None:
    G = _graph("bht")
    before = assess(G)
    H = G.copy()
    H.remove_edges_from(
        [
            (u, v, k)
            for u, v, k, kind in H.edges(keys=True, data="kind")
            if (u, v, kind) == ("bht-basic", "human-service-assistant", "qualifies_for")
        ]
    )
    after = assess(H)
    assert _changed(before, after) == {"3.3"}
    assert after["3.3"].summary == (
        "3 of 5 stack levels have an off-ramp; none at bht-advanced, bht-basic"
    )
    assert after["3.3"].records == ("bht-advanced", "bht-basic")


def test_the_off_ramp_fix_makes_off_ramps_met() -> None:
    H = _graph("bht")
    H.add_edge("bht-advanced", "psychiatric-technician", kind="qualifies_for")
    assert assess(H)["off-ramps"].score == "met"


def test_an_empty_system_scores_not_met() -> None:
    p = pathgraph.Pathway(
        title="Bare",
        nodes=[
            {"kind": "program", "id": "p", "label": "P"},
            {"kind": "credential", "id": "c", "label": "C"},
            {"kind": "occupation", "id": "o", "label": "O"},
        ],
        relations=[
            {"kind": "awards", "source": "p", "target": "c"},
            {"kind": "qualifies_for", "source": "c", "target": "o"},
        ],
    )
    scores = {it.code: it.score for it in assess(p).items}
    # No provider, agreement, sector, wage, stack, service, cost or completers.
    # The open program p is an on-ramp for abe, diploma and incumbent (no schedule:
    # not worker-friendly) -> 2 of 4; its cost is unknown, and with no tuition aid
    # funding needs an answer.
    # With no provider at all, the partner items (1.1-1.3, 2.2) need an answer:
    # the file does not model partners; likewise support services (3.4).
    assert scores == {
        "1.1": "needs_answer",
        "1.2": "needs_answer",
        "1.3": "needs_answer",
        "1.4": "needs_answer",
        "2.1": "not_met",
        "2.2": "needs_answer",
        "2.3": "not_met",
        "2.4": "needs_answer",
        "3.1": "partly",
        "3.2": "not_met",
        "3.3": "not_met",
        "3.4": "needs_answer",
        "4.1": "not_met",
        "4.2": "needs_answer",
        "4.3": "needs_answer",
        "5.1": "not_met",
        "5.2": "needs_answer",
        "5.3": "needs_answer",
        "6.1": "needs_answer",
        "6.2": "needs_answer",
    }
    assert assess(p)["3.1"].evidence == (
        "abe: p",
        "esl: none",
        "diploma: p",
        "incumbent: none",
    )


def test_two_sectors_attribute_providers_by_what_they_offer() -> None:
    H = _graph("manufacturing")
    logistics = [
        "hand-packer",
        "material-mover",
        "packaging-machine-operator",
        "forklift-operator",
        "logistics-supervisor",
    ]
    for o in logistics:
        H.nodes[o]["sector"] = "Logistics"
    a = assess(H)
    # employer-precision offers only the apprenticeships (maintenance, tool and
    # die: manufacturing jobs); employer-foods offers nothing, so counts in both.
    assert a["2.2"].score == "met"
    assert "Logistics: employer: employer-foods" in a["1.1"].evidence
    assert a["1.1"].summary == "8 of 12 core roles filled (2 sectors)"
    H.remove_node("employer-foods")
    after = assess(H)
    assert after["2.2"].score == "partly"
    assert "Logistics: no employer" in after["2.2"].evidence
    assert after["1.1"].summary == "7 of 12 core roles filled (2 sectors)"


def test_json_is_deterministic_and_complete() -> None:
    a = assess(pathgraph.load_example("bht"))
    text = a.to_json()
    assert text == assess(pathgraph.load_example("bht")).to_json()
    data = json.loads(text)
    assert data["counts"] == a.counts
    assert [e["element"] for e in data["elements"]] == list(ELEMENTS)
    codes = [it["code"] for e in data["elements"] for it in e["items"]]
    assert codes == list(ITEMS)
    first = data["elements"][0]["items"][0]
    assert first["score"] == "partly" and first["counts"]["roles_filled"] == 4


def test_html_escapes_hostile_labels() -> None:
    H = _graph("bht")
    H.graph["title"] = "<script>alert(1)</script>"
    H.add_node("evil<script>", kind="provider", label="<script>x</script>")
    page = assess(H).to_html()
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "evil&lt;script&gt;" in page
    assert '<html lang="en">' in page
    assert "http" not in page  # no external asset
    assert "@media print" in page


def test_registry_covers_every_element_and_the_docs_table_is_current() -> None:
    assert {it.element for it in ITEMS.values()} == set(ELEMENTS)
    assert set(SCORES) == {"met", "partly", "not_met", "needs_answer"}
    assert len(CORE_ROLES) == 6
    docs = (ROOT / "docs" / "assessing.md").read_text()
    assert markdown_table() in docs


def test_an_item_cannot_be_registered_twice() -> None:
    with pytest.raises(pathgraph.ArgumentError, match="registered twice"):
        item("1.1", "again", title="t", scoring="s", question="q")(lambda ctx: None)  # type: ignore[arg-type, return-value]
    with pytest.raises(pathgraph.ArgumentError, match="not 1-6"):
        item("7.1", "seven", title="t", scoring="s", question="q")(lambda ctx: None)  # type: ignore[arg-type, return-value]


def test_a_graph_breaking_the_contract_is_refused() -> None:
    H = _graph("bht")
    H.add_node("x", kind="nonsense", label="X")
    with pytest.raises(pathgraph.GraphContractError):
        assess(H)


def test_openings_from_bls_make_labour_market_data_met(shared_data: Path) -> None:
    # The real projections file has annual openings for all four BHT occupations'
    # SOC codes; filling them completes item 2.3 and changes nothing else.
    G = _graph("bht")
    before = assess(G)
    H, _ = pathgraph.enrich(
        G, projections=shared_data / "bls" / "Employment-Projections-2020-30.csv"
    )
    after = assess(H)
    assert _changed(before, after) == {"2.3"}
    assert after["2.3"].score == "met"
    assert after["2.3"].summary == (
        "4 of 4 occupations have wages, 4 of 4 openings; data year 2024"
    )


def test_the_docs_show_the_real_output() -> None:
    docs = (ROOT / "docs" / "assessing.md").read_text()
    real = str(assess(pathgraph.load_example("bht")))
    assert f"$ pathgraph assess examples/bht.yaml\n{real}\n```" in docs


def test_partial_branches() -> None:
    G = _graph("bht")
    before = assess(G)
    # An articulation that names no agreement: partly (the agreement record stays).
    H = G.copy()
    for _, _, d in H.edges(data=True):
        if d["kind"] == "articulates_to":
            del d["agreement"]
    after = assess(H)
    assert _changed(before, after) == {"5.1"}
    assert after["5.1"].score == "partly"
    assert after["5.1"].evidence[0] == (
        "bht-advanced -> bht-aas: 33 credits, agreement not named"
    )
    # An MOU only one partner signed: partly; the others are outside any agreement
    # (pima-cc still signed the articulation agreement).
    H = G.copy()
    H.remove_edges_from(
        [
            (u, v, k)
            for u, v, k, kind in H.edges(keys=True, data="kind")
            if kind == "party_to" and v == "bht-mou" and u != "pima-cc"
        ]
    )
    after = assess(H)
    assert after["1.2"].score == "partly"
    assert after["1.2"].evidence == (
        "bht-mou: 1 party: pima-cc",
        "providers party to no agreement: desert-diamond, pascua-yaqui-wia, "
        "pima-one-stop, tohono-oodham-wia, tucson-indian-center, up-healthcare",
    )
    # up-healthcare still offers up-placement: engaged; desert-diamond is not.
    assert after["2.2"].score == "met"
    assert after["2.2"].evidence == (
        "up-healthcare: offers up-placement",
        "desert-diamond: no agreement, offers nothing",
    )
    # No sources: the data year is not recorded, the score is unchanged.
    H = G.copy()
    H.graph["sources"] = []
    after = assess(H)
    assert _changed(before, after) == {"2.3"}
    assert after["2.3"].score == "partly"
    assert after["2.3"].summary.endswith("data year not recorded")


def test_long_evidence_is_cut_and_counted() -> None:
    # 30 programs without a cost: the line names 20 and counts the other 10;
    # records keep all 30 (plus none of the bht programs, which all have a cost).
    H = _graph("bht")
    extra = [f"p{i:02d}" for i in range(30)]
    for p in extra:
        H.add_node(p, kind="program", label=p)
    after = assess(H)["4.1"]
    assert after.evidence == (f"cost missing: {', '.join(extra[:20])} (and 10 more)",)
    assert after.records == tuple(extra)
    assert after.summary == "6 of 36 programs have a cost; $7,826 in all"
    # 30 + 2 programs with completers would list 32 lines: 20, then a count.
    for i, p in enumerate(extra):
        H.nodes[p]["completers"] = i
    lines = assess(H)["6.1"].evidence
    assert len(lines) == 22
    assert lines[-2:] == (
        "... and 12 more programs",
        "not recorded: abe-ged, bht-tier1-course, bht-tier2-course, bht-tier3-course",
    )


@settings(max_examples=25, deadline=None)
@given(pathways())
def test_counts_agree_with_the_records(p: pathgraph.Pathway) -> None:
    # Oracle: the counts read straight off the Pathway's records and relations,
    # not through the graph.
    a = assess(p)
    assert json.loads(a.to_json()) == json.loads(assess(p).to_json())
    assert all(it.score in SCORES for it in a.items)
    assert {c for c in NEEDS if a[c].score == "needs_answer"} == set(NEEDS)
    by_kind: dict[str, list] = {}
    for n in p.nodes:
        by_kind.setdefault(n.kind, []).append(n)
    programs = by_kind.get("program", [])
    occupations = by_kind.get("occupation", [])
    providers = by_kind.get("provider", [])
    assert a["4.1"].counts["with_cost"] == sum(q.cost is not None for q in programs)
    assert a["6.1"].counts["with_completers"] == sum(
        q.completers is not None for q in programs
    )
    assert a["2.3"].counts["with_wage"] == sum(
        o.wage_median is not None for o in occupations
    )
    assert a["1.3"].counts["with_role"] == sum(
        bool(set(map(str, v.roles)) - {"other"}) for v in providers
    )
    aid = {
        s.id for s in by_kind.get("service", []) if str(s.service_type) == "tuition_aid"
    }
    funded = {r.target for r in p.relations if r.kind == "supports" and r.source in aid}
    charged = [q.id for q in programs if q.cost != 0]
    assert a["4.2"].counts["charged"] == len(charged)
    assert a["4.2"].counts["funded"] == len(set(charged) & funded)
    assert (a["4.2"].score == "needs_answer") == (not aid)
    # Stack levels (from the steps) are the credentials of the chains.
    chains = pathgraph.stackable_chains(p)
    assert a["3.2"].records == tuple(
        sorted({c for chain in chains if len(chain) >= 2 for c in chain})
    )
    assert a["3.3"].counts["levels"] == len(a["3.2"].records)
    points = sum(e.points for e in a.elements)
    decided = [it for it in a.items if it.score != "needs_answer"]
    assert points == sum(
        {"met": 2, "partly": 1, "not_met": 0}[it.score] for it in decided
    )


def test_a_provider_or_service_makes_partner_and_support_items_decidable() -> None:
    p = pathgraph.Pathway(
        title="Bare",
        nodes=[
            {"kind": "program", "id": "p", "label": "P"},
            {"kind": "provider", "id": "v", "label": "V"},
            {"kind": "service", "id": "s", "label": "S", "service_type": "childcare"},
        ],
    )
    a = assess(p)
    # v has no role and signed nothing; s supports nothing.
    assert [a[c].score for c in ("1.1", "1.2", "1.3", "2.2", "3.4")] == ["not_met"] * 5
    assert a["1.3"].evidence == ("no role but 'other': v",)
    assert a["3.4"].evidence == ("level 0: supported none; unsupported p",)


def test_many_chains_are_listed_up_to_20() -> None:
    # 25 separate stacks a_i -> b_i: more than 20 chains, 50 levels, all counted
    # in 3.3 (each b_i qualifies for job o, the a_i for nothing).
    H = nx.MultiDiGraph(title="Many stacks")
    H.add_node("o", kind="occupation", label="O")
    for i in range(25):
        H.add_node(f"a{i:02d}", kind="credential", label="A")
        H.add_node(f"b{i:02d}", kind="credential", label="B")
        H.add_edge(f"a{i:02d}", f"b{i:02d}", kind="stacks_into")
        H.add_edge(f"b{i:02d}", "o", kind="qualifies_for")
    a = assess(H)
    assert a["3.2"].summary == "more than 20 chains of two or more credentials"
    assert len(a["3.2"].evidence) == 21
    assert a["3.2"].evidence[-1] == "... and more chains"
    assert len(a["3.2"].records) == 50
    assert a["3.3"].summary.startswith("25 of 50 stack levels have an off-ramp")
    assert a["3.3"].score == "partly"
