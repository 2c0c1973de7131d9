"""Hypothesis strategies that generate valid pathways, reused across the test suite.

* :func:`pathways` - valid :class:`pathgraph.Pathway` documents exercising every node
  kind, every relation kind and its attributes, requirement groups with ``need``, and
  hostile text (quotes, markup, unicode) in labels and descriptions.
* :func:`pathway_graphs` - the same, as graphs (:func:`pathgraph.to_graph`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

import pathgraph
from pathgraph.model import ENDPOINTS, NODE_KINDS

__all__ = ["labels", "pathway_graphs", "pathways"]

#: Text that has broken renderers and parsers elsewhere.
HOSTILE = [
    "<script>alert(1)</script>",
    '"]; x [',
    "a & b < c > d",
    "O'odham \\ back\\slash",
    "line\nbreak",
    "ümlaut — dash ✓",
    "{{ template }}",
    "</script><b>",
]

labels = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(
        st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=20
    ).filter(lambda s: s.strip() == s and s != ""),
)
amounts = st.one_of(
    st.integers(0, 100_000),
    st.floats(0, 1000, allow_nan=False).map(lambda x: round(x, 2)),
)
small = st.one_of(st.integers(0, 60), st.sampled_from([0.25, 0.5, 1.5]))


@st.composite
def _node(draw: st.DrawFn, kind: str, ident: str) -> dict[str, Any]:
    rec: dict[str, Any] = {"kind": kind, "id": ident, "label": draw(labels)}
    if draw(st.booleans()):
        rec["description"] = draw(labels)
    if draw(st.integers(0, 4)) == 0:
        rec["tags"] = draw(
            st.lists(st.sampled_from(["esl", "ibest", "x"]), unique=True)
        )
    if draw(st.integers(0, 5)) == 0:
        rec["destination"] = True
    if draw(st.integers(0, 3)) == 0:
        rec["level"] = draw(st.integers(0, 5))
    if draw(st.integers(0, 3)) == 0:
        rec["lane"] = draw(st.sampled_from(["Health", "Manufacturing", "IT"]))
    if kind == "occupation":
        if draw(st.booleans()):
            rec["soc"] = draw(st.from_regex(r"\A\d{2}-\d{4}(\.\d{2})?\Z"))
        if draw(st.booleans()):
            wages = sorted(
                draw(st.lists(st.integers(15_000, 200_000), min_size=3, max_size=3))
            )
            rec.update(wage_p25=wages[0], wage_median=wages[1], wage_p75=wages[2])
        if draw(st.booleans()):
            rec["job_zone"] = draw(st.integers(1, 5))
        if draw(st.booleans()):
            rec["career_level"] = draw(st.sampled_from(["entry", "middle", "advanced"]))
        if draw(st.booleans()):
            rec["openings"] = draw(st.integers(0, 50_000))
        if draw(st.integers(0, 3)) == 0:
            rec["months"] = draw(small)
    elif kind == "credential":
        rec["credential_type"] = draw(
            st.sampled_from(
                [
                    "hse",
                    "diploma",
                    "certificate",
                    "industry_certification",
                    "license",
                    "apprenticeship",
                    "associate",
                    "bachelor",
                    "graduate",
                    "badge",
                    "other",
                ]
            )
        )
        if draw(st.booleans()):
            rec["education_level"] = draw(st.integers(1, 12))
        if draw(st.booleans()):
            rec["industry_recognized"] = True
        if draw(st.booleans()):
            rec["credits"] = draw(st.integers(0, 120))
    elif kind == "program":
        if draw(st.booleans()):
            rec["months"] = draw(small)
        if draw(st.booleans()):
            rec["cost"] = draw(amounts)
        if draw(st.booleans()):
            rec["modality"] = draw(
                st.sampled_from(["in_person", "online", "hybrid", "work_based"])
            )
        if draw(st.booleans()):
            rec["schedule"] = draw(
                st.lists(
                    st.sampled_from(["day", "evening", "weekend", "self_paced"]),
                    unique=True,
                )
            )
        for flag in ("iet", "bridge", "earn_while_learning"):
            if draw(st.integers(0, 3)) == 0:
                rec[flag] = True
        if draw(st.booleans()):
            rec["cip"] = draw(st.from_regex(r"\A\d{2}\.\d{4}\Z"))
        if draw(st.booleans()):
            rec["completers"] = draw(st.integers(0, 500))
    elif kind == "course":
        if draw(st.booleans()):
            rec["credits"] = draw(st.integers(0, 6))
        if draw(st.booleans()):
            rec["term"] = draw(st.integers(1, 8))
        if draw(st.booleans()):
            rec["prefix"], rec["number"] = "MATH", str(draw(st.integers(100, 299)))
        for name in ("months", "cost"):
            if draw(st.integers(0, 3)) == 0:
                rec[name] = draw(small if name == "months" else amounts)
    elif kind == "assessment":
        rec["assessment_type"] = draw(
            st.sampled_from(["exam", "licensure", "placement", "proficiency", "other"])
        )
        for name in ("months", "cost", "credits", "completers"):
            if draw(st.booleans()):
                rec[name] = draw(small if name == "months" else amounts)
    elif kind == "condition":
        if draw(st.booleans()):
            rec["credits"] = draw(st.integers(0, 12))
        if draw(st.integers(0, 3)) == 0:
            rec["to_confirm"] = draw(st.lists(labels, min_size=1, max_size=2))
    elif kind == "provider":
        rec["roles"] = draw(
            st.lists(
                st.sampled_from(["employer", "postsecondary", "abe_provider"]),
                unique=True,
            )
        )
    elif kind == "service":
        rec["service_type"] = draw(
            st.sampled_from(["childcare", "coaching", "tuition_aid"])
        )
    elif kind == "agreement" and draw(st.booleans()):
        start = draw(st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)))
        rec["effective"] = start
        if draw(st.booleans()):
            rec["expires"] = start + dt.timedelta(days=draw(st.integers(0, 2000)))
    return rec


def _relation_attrs(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    attrs: dict[str, Any] = {}
    if kind == "stacks_into":
        for name in ("credits", "months", "cost"):
            if draw(st.booleans()):
                attrs[name] = draw(small if name == "months" else amounts)
    elif kind == "articulates_to":
        for name in ("credits", "months_saved", "cost_saved"):
            if draw(st.booleans()):
                attrs[name] = draw(small if name == "months_saved" else amounts)
    elif kind == "advances_to" and draw(st.booleans()):
        attrs["months"] = draw(small)
    elif kind == "corequisite_of" and draw(st.booleans()):
        attrs["strict"] = True
    elif kind == "related_to" and draw(st.booleans()):
        attrs["move"] = draw(st.sampled_from(["advancement", "lateral", "step_down"]))
        attrs["index"] = draw(st.integers(1, 20))
    if draw(st.integers(0, 5)) == 0:
        attrs["note"] = draw(labels)
    return attrs


@st.composite
def pathways(draw: st.DrawFn, max_per_kind: int = 4) -> pathgraph.Pathway:
    """Valid pathways: every kind may appear, relations only between allowed kinds."""
    by_kind: dict[str, list[str]] = {}
    nodes: list[dict[str, Any]] = []
    for kind in NODE_KINDS:
        n = draw(st.integers(0, max_per_kind))
        ids = [f"{kind[:4]}-{i}" for i in range(n)]
        by_kind[kind] = ids
        nodes.extend(draw(_node(kind, ident)) for ident in ids)
    agreements = by_kind["agreement"]
    relations: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    for kind, (sources, targets) in ENDPOINTS.items():
        src_ids = [i for k in sorted(sources) for i in by_kind[k]]
        tgt_ids = [i for k in sorted(targets) for i in by_kind[k]]
        if not src_ids or not tgt_ids:
            continue
        pairs = draw(
            st.lists(
                st.tuples(st.sampled_from(src_ids), st.sampled_from(tgt_ids)),
                max_size=6,
                unique=True,
            )
        )
        for u, v in pairs:
            if u == v or (kind, u, v) in seen:
                continue
            if kind == "requires":
                continue  # groups are drawn below
            seen.add((kind, u, v))
            attrs = _relation_attrs(draw, kind)
            if kind == "articulates_to" and agreements and draw(st.booleans()):
                attrs["agreement"] = draw(st.sampled_from(agreements))
            relations.append({"kind": kind, "source": u, "target": v, **attrs})
    # Requirement groups: for some targets, groups of distinct sources with a need.
    sources, targets = ENDPOINTS["requires"]
    src_ids = [i for k in sorted(sources) for i in by_kind[k]]
    tgt_ids = [i for k in sorted(targets) for i in by_kind[k]]
    if src_ids and tgt_ids:
        for target in draw(st.lists(st.sampled_from(tgt_ids), unique=True, max_size=4)):
            options = [s for s in src_ids if s != target]
            if not options:
                continue
            if target in by_kind["condition"]:  # its options: plain requires edges
                for m in draw(st.lists(st.sampled_from(options), unique=True)):
                    relations.append(
                        {"kind": "requires", "source": m, "target": target}
                    )
                continue
            used: set[str] = set()
            for g in range(draw(st.integers(1, 3))):
                members = draw(
                    st.lists(
                        st.sampled_from(options), unique=True, min_size=1, max_size=3
                    )
                )
                members = [m for m in members if m not in used]
                if not members:
                    continue
                used.update(members)
                if len(members) == 1 and draw(st.booleans()):
                    relations.append(
                        {"kind": "requires", "source": members[0], "target": target}
                    )
                    continue
                need = draw(st.one_of(st.none(), st.integers(1, len(members))))
                name = draw(st.sampled_from([f"g{g}", "|".join(sorted(members))]))
                for m in members:
                    relations.append(
                        {
                            "kind": "requires",
                            "source": m,
                            "target": target,
                            "group": name,
                            "need": need,
                        }
                    )
    meta: dict[str, Any] = {"title": draw(labels)}
    if draw(st.booleans()):
        meta["region"] = draw(labels)
    if draw(st.booleans()):
        meta["sources"] = draw(st.lists(labels, max_size=2))
    _condition_needs(draw, nodes, relations)
    return pathgraph.Pathway(**meta, nodes=nodes, relations=relations)


def _condition_needs(
    draw: st.DrawFn, nodes: list[dict[str, Any]], relations: list[dict[str, Any]]
) -> None:
    """Give some conditions a ``need`` no larger than their number of options."""
    count: dict[str, int] = {}
    for rel in relations:
        if rel["kind"] == "requires":
            count[rel["target"]] = count.get(rel["target"], 0) + 1
    for rec in nodes:
        n = count.get(rec["id"], 0)
        if rec["kind"] == "condition" and n and draw(st.booleans()):
            rec["need"] = draw(st.integers(1, n))


def pathway_graphs(max_per_kind: int = 4) -> st.SearchStrategy[Any]:
    """Graphs of valid pathways."""
    return pathways(max_per_kind=max_per_kind).map(pathgraph.to_graph)
