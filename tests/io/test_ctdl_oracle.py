"""An independent reading of CTDL pathway documents, for the tests: when is a
component complete, given the components a person has completed?

Written from the CTDL definitions (``docs/ctdl.md`` states the reading), over the
raw JSON, without pathgraph's reader, graph or routing:

* a ``ComponentCondition`` is met when at least ``requiredNumber`` of its options
  (``targetComponent`` entries completed, nested ``hasCondition`` entries met) are
  (``logicalOperator`` ``Or``/``OnlyOne``: one; otherwise all of them) and, when it
  sums credit values (``leftAction`` ``Sum`` of ``schema:value``, ``GTEQ``/``GT``/``EQ``
  a number) over targets, the completed targets' ``creditValue`` add up to at least
  that number; every other constraint is to be confirmed, so counts as met;
* a component can be completed when all of its conditions are met, and every
  component it names as a child (not named by its conditions), as a prerequisite,
  or as preceding it (``precededBy``, or ``precedes`` on the other one) is complete.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

NAMESPACES = (
    "https://purl.org/ctdl/terms/",
    "http://purl.org/ctdl/terms/",
    "https://purl.org/ctdlasn/terms/",
    "http://purl.org/ctdlasn/terms/",
    "https://schema.org/",
    "http://schema.org/",
)
PREFIXES = ("ceterms:", "ceasn:", "asn:", "schema:", "skos:")


def key(name: str) -> str:
    for ns in NAMESPACES + PREFIXES:
        if name.startswith(ns):
            return name[len(ns) :]
    return name


def values(obj: dict[str, Any], name: str) -> list[Any]:
    """The values of a property however it is spelt, unwrapped, as a list."""
    out: list[Any] = []
    for k, v in obj.items():
        if key(k) != name:
            continue
        for item in v if isinstance(v, list) else [v]:
            if isinstance(item, dict) and set(item) <= {"@value", "@type", "@language"}:
                item = item.get("@value")
            if isinstance(item, dict) and set(item) == {"@id"}:
                item = item["@id"]
            out.append(item)
    return out


def types(obj: dict[str, Any]) -> list[str]:
    return [re.split(r"[/:#]", t)[-1] for t in values(obj, "@type")]


def iri_tail(iri: str) -> str:
    """The id pathgraph gives a component: the last segment of its IRI."""
    return re.split(r"[/:#]", iri.rstrip("/"))[-1]


class Document:
    """A CTDL pathway document, read plainly."""

    def __init__(self, path: Path | str) -> None:
        data = json.loads(Path(path).read_text())
        if isinstance(data, dict):
            data = data.get("@graph", [data])
        graph = data if isinstance(data, list) else [data]
        self.objects: dict[str, dict[str, Any]] = {}
        for obj in graph:
            self.objects.setdefault(obj["@id"], {}).update(obj)
        self.components = {
            iri: obj
            for iri, obj in self.objects.items()
            if any(t.endswith("Component") or t in ("Certification", "Course",
                   "Basic", "Assessment") for t in types(obj))
            and "ComponentCondition" not in types(obj)
        }  # fmt: skip
        self.by_tail = {iri_tail(iri): iri for iri in self.components}
        self.precedes: dict[str, set[str]] = {}
        for iri, obj in self.components.items():
            for later in values(obj, "precedes"):
                self.precedes.setdefault(later, set()).add(iri)

    def destinations(self) -> list[str]:
        """The destination components (IRIs the Pathway names that are not
        components are left out)."""
        out = []
        for iri, obj in self.objects.items():
            if "Pathway" in types(obj):
                out += values(obj, "hasDestinationComponent") + values(obj, "hasRoot")
            elif values(obj, "isDestinationComponentFor") or values(obj, "isRootOf"):
                out.append(iri)
        return sorted(set(out) & set(self.components))

    def condition(self, ref: Any) -> dict[str, Any] | None:
        return self.objects.get(ref) if isinstance(ref, str) else ref

    def conditions(self, obj: dict[str, Any]) -> Iterator[dict[str, Any]]:
        for ref in values(obj, "hasCondition"):
            cond = self.condition(ref)
            if cond is not None:
                yield cond

    def targets(self, obj: dict[str, Any], seen: set[int] | None = None) -> set[str]:
        """Every target of a component's or condition's conditions, at any depth."""
        seen = set() if seen is None else seen
        out: set[str] = set()
        for cond in self.conditions(obj):
            if id(cond) in seen:
                continue
            seen.add(id(cond))
            out |= set(values(cond, "targetComponent"))
            out |= self.targets(cond, seen)
        return out

    def credits(self, iri: str) -> float:
        for value in values(self.components.get(iri, {}), "creditValue"):
            if isinstance(value, dict):
                for k in ("value", "minValue", "maxValue"):
                    got = values(value, k)
                    if got:
                        return float(got[0])
            elif value is not None:
                return float(value)
        return 0.0

    def met(self, cond: dict[str, Any], done: Collection[str], depth: int = 0) -> bool:
        """Whether a condition is met by someone who has completed ``done``."""
        assert depth < 100, "conditions nest in a cycle"
        targets = values(cond, "targetComponent")
        nested = [c for c in map(self.condition, values(cond, "hasCondition")) if c]
        count = sum(t in done for t in targets) + sum(
            self.met(c, done, depth + 1) for c in nested
        )
        total = len(targets) + len(nested)
        number = [
            n for n in values(cond, "requiredNumber") if isinstance(n, int | float)
        ]
        operator = [
            re.split(r"[/:#]", str(o))[-1].lower()
            for o in values(cond, "logicalOperator")
        ]
        floor = None if "or" in operator or not targets else self._credit_floor(cond)
        if number and number[0] >= 1:
            need = min(int(number[0]), total)
        elif "or" in operator or "onlyone" in operator:
            need = min(1, total)
        elif floor is not None:
            need = 0
        else:
            need = total
        got = sum(self.credits(t) for t in targets if t in done)
        return count >= need and (floor is None or got >= floor)

    def _credit_floor(self, cond: dict[str, Any]) -> float | None:
        for ref in values(cond, "hasConstraint"):
            c = self.condition(ref) or {}
            comp = [str(x).lower() for x in values(c, "comparator")]
            left = [str(x).lower() for x in values(c, "leftSource")]
            action = [str(x).lower() for x in values(c, "leftAction")]
            right = values(c, "rightSource")
            if (
                comp and comp[0].endswith(("/gteq", "/gt", "/eq"))
                and action and action[0].endswith("/sum")
                and left and left[0].endswith(("/value", ":value", "creditvalue"))
                and len(right) == 1 and isinstance(right[0], int | float)
            ):  # fmt: skip
                return float(right[0])
        return None

    def can_complete(self, iri: str, done: Collection[str]) -> bool:
        """Whether the component ``iri`` can be completed by someone who has
        completed ``done``."""
        obj = self.components[iri]
        if not all(self.met(c, done) for c in self.conditions(obj)):
            return False
        covered = self.targets(obj) | set(values(obj, "prerequisite"))
        needed = [
            c
            for k in ("hasChild", "isParentOf")
            for c in values(obj, k)
            if c not in covered
        ]
        needed += values(obj, "prerequisite") + values(obj, "precededBy")
        needed += sorted(self.precedes.get(iri, ()))
        return all(n in done for n in needed)

    def reachable(self) -> set[str]:
        """Every component someone starting from nothing can complete."""
        done: set[str] = set()
        grew = True
        while grew:
            grew = False
            for iri in self.components:
                if iri not in done and self.can_complete(iri, done):
                    done.add(iri)
                    grew = True
        return done


# ------------------------------------------------------------------ its own tests
# The oracle is only worth something if it can say no.


def _doc(tmp: Path, graph: list[dict[str, Any]]) -> Document:
    path = tmp / "doc.jsonld"
    path.write_text(json.dumps({"@graph": graph}))
    return Document(path)


def test_oracle_counts_nested_options_and_credits(tmp_path: Path) -> None:
    course = [
        {"@id": f"c{i}", "@type": "ceterms:CourseComponent", "ceterms:creditValue": i}
        for i in (1, 2, 3)
    ]
    cred = {
        "@id": "cert",
        "@type": "ceterms:CredentialComponent",
        "ceterms:hasCondition": {
            "ceterms:logicalOperator": "logic:Or",
            "ceterms:hasCondition": [
                {"ceterms:targetComponent": ["c1", "c2"]},
                {
                    "ceterms:targetComponent": ["c2", "c3"],
                    "ceterms:hasConstraint": {
                        "ceterms:leftAction": "array/Sum",
                        "ceterms:leftSource": "schema:value",
                        "ceterms:comparator": "compare/GTEQ",
                        "ceterms:rightSource": 4,
                    },
                },
            ],
        },
    }
    doc = _doc(tmp_path, [*course, cred])
    assert not doc.can_complete("cert", set())
    assert not doc.can_complete("cert", {"c1"})
    assert doc.can_complete("cert", {"c1", "c2"})  # the first branch
    assert not doc.can_complete("cert", {"c2"})  # 2 credits < 4
    assert doc.can_complete("cert", {"c3", "c1"}) is False  # 3 credits < 4
    assert doc.can_complete("cert", {"c2", "c3"})  # 5 credits
    assert doc.reachable() == {"c1", "c2", "c3", "cert"}


def test_oracle_needs_children_prerequisites_and_order(tmp_path: Path) -> None:
    graph = [
        {"@id": "a", "@type": "ceterms:CourseComponent", "ceterms:precedes": "b"},
        {"@id": "b", "@type": "ceterms:CourseComponent", "ceterms:prerequisite": "c"},
        {"@id": "c", "@type": "ceterms:CourseComponent"},
        {"@id": "d", "@type": "ceterms:BasicComponent", "ceasn:hasChild": ["a", "b"]},
    ]
    doc = _doc(tmp_path, graph)
    assert not doc.can_complete("b", {"c"})  # a precedes it
    assert doc.can_complete("b", {"a", "c"})
    assert not doc.can_complete("d", {"a"}) and doc.can_complete("d", {"a", "b"})
