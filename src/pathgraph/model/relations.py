"""Relation records: typed edges between node records.

Each relation kind has its own model with the attributes that kind carries, and a
table of the node kinds it may join (:data:`ENDPOINTS`). :data:`Relation` is the
discriminated union of all kinds.
"""

from __future__ import annotations

from typing import Annotated, Literal, TypeAlias, get_args

from pydantic import BaseModel, ConfigDict, Field

from pathgraph.model.nodes import NonNegative

__all__ = [
    "CONTEXT_KINDS",
    "ENDPOINTS",
    "PROGRESSION_KINDS",
    "RELATION_KINDS",
    "RELATION_ORDER",
    "RELATION_TYPES",
    "REQUIREMENT_KINDS",
    "TARGET_OWNED",
    "AdvancesTo",
    "ArticulatesTo",
    "Awards",
    "ContextKind",
    "CorequisiteOf",
    "OfferedBy",
    "PartOf",
    "PartyTo",
    "PrerequisiteOf",
    "ProgressionKind",
    "QualifiesFor",
    "RelatedTo",
    "Relation",
    "RelationKind",
    "Requires",
    "StacksInto",
    "Supports",
]

#: The relations a person moves along (algorithms work on these) ...
ProgressionKind: TypeAlias = Literal[
    "awards",
    "requires",
    "qualifies_for",
    "stacks_into",
    "articulates_to",
    "advances_to",
    "prerequisite_of",
    "corequisite_of",
]
#: ... and the relations that give context (who offers what, which courses make a
#: program).
ContextKind: TypeAlias = Literal[
    "offered_by",
    "supports",
    "party_to",
    "part_of",
    "related_to",
]
RelationKind: TypeAlias = Literal[ProgressionKind, ContextKind]
RELATION_KINDS: tuple[str, ...] = get_args(RelationKind)
#: Relations written under their target in files (the record that has the
#: requirement); every other relation is written under its source.
TARGET_OWNED: frozenset[str] = frozenset(
    {"requires", "prerequisite_of", "corequisite_of"}
)
#: Canonical order of relation kinds under one record.
RELATION_ORDER: tuple[str, ...] = (
    "requires",
    "prerequisite_of",
    "corequisite_of",
    *(k for k in RELATION_KINDS if k not in TARGET_OWNED),
)

#: The relations a person moves along. Algorithms work on these.
PROGRESSION_KINDS: frozenset[str] = frozenset(get_args(ProgressionKind))
#: The relations that give context (who offers what, which courses make a program).
CONTEXT_KINDS: frozenset[str] = frozenset(get_args(ContextKind))

#: For each relation kind, the node kinds allowed at its source and at its target.
#: The node kinds a requirement can join: what a person can hold or meet.
REQUIREMENT_KINDS: frozenset[str] = frozenset(
    {"credential", "occupation", "program", "course", "assessment", "condition"}
)

ENDPOINTS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "awards": (
        frozenset({"program", "assessment", "condition"}),
        frozenset({"credential"}),
    ),
    "requires": (REQUIREMENT_KINDS, REQUIREMENT_KINDS),
    "qualifies_for": (frozenset({"credential"}), frozenset({"occupation"})),
    "stacks_into": (frozenset({"credential"}), frozenset({"credential"})),
    "articulates_to": (
        frozenset({"program", "credential", "course", "assessment"}),
        frozenset({"program", "course"}),
    ),
    "advances_to": (frozenset({"occupation"}), frozenset({"occupation"})),
    "offered_by": (
        frozenset({"program", "course", "service", "credential", "assessment"}),
        frozenset({"provider"}),
    ),
    "supports": (
        frozenset({"service"}),
        frozenset({"program", "credential", "occupation", "course", "assessment"}),
    ),
    "party_to": (frozenset({"provider"}), frozenset({"agreement"})),
    "prerequisite_of": (frozenset({"course"}), frozenset({"course"})),
    "corequisite_of": (frozenset({"course"}), frozenset({"course"})),
    "part_of": (frozenset({"course"}), frozenset({"program"})),
    "related_to": (frozenset({"occupation"}), frozenset({"occupation"})),
}


class _Edge(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    source: str = Field(min_length=1)
    target: str = Field(min_length=1)
    note: str | None = None


class Awards(_Edge):
    """Program, assessment or condition -> credential: completing the program,
    passing the assessment or meeting the condition earns the credential."""

    kind: Literal["awards"] = "awards"


class Requires(_Edge):
    """Source is a prerequisite of target.

    Edges into one target with the same ``group`` form a requirement group, met when
    ``need`` of its sources are held (default: all). An edge without ``group`` is a
    group of one. The edges into a :class:`~pathgraph.Condition` are its options
    (its own ``need`` and ``credits`` say how many): they carry no ``group``.
    """

    kind: Literal["requires"] = "requires"
    group: str | None = Field(default=None, min_length=1)
    need: int | None = Field(default=None, ge=1)


class QualifiesFor(_Edge):
    """Credential -> occupation: holding the credential qualifies for the job."""

    kind: Literal["qualifies_for"] = "qualifies_for"


class StacksInto(_Edge):
    """Credential -> credential: the first counts toward the second."""

    kind: Literal["stacks_into"] = "stacks_into"
    credits: NonNegative | None = None
    months: NonNegative | None = None
    cost: NonNegative | None = None


class ArticulatesTo(_Edge):
    """Program or credential -> program: credit granted under an agreement."""

    kind: Literal["articulates_to"] = "articulates_to"
    credits: NonNegative | None = None
    months_saved: NonNegative | None = None
    cost_saved: NonNegative | None = None
    agreement: str | None = Field(default=None, description="Id of the agreement.")


class AdvancesTo(_Edge):
    """Occupation -> occupation: promotion after ``months`` of experience."""

    kind: Literal["advances_to"] = "advances_to"
    months: NonNegative | None = None


class OfferedBy(_Edge):
    """Program, course, service or credential -> the provider offering it."""

    kind: Literal["offered_by"] = "offered_by"


class Supports(_Edge):
    """Service -> program, credential or occupation (a transition) it supports."""

    kind: Literal["supports"] = "supports"


class PartyTo(_Edge):
    """Provider -> agreement it signed."""

    kind: Literal["party_to"] = "party_to"


class PrerequisiteOf(_Edge):
    """Course -> course that requires it first."""

    kind: Literal["prerequisite_of"] = "prerequisite_of"


class CorequisiteOf(_Edge):
    """Course -> course that requires it before or at the same time.

    ``strict`` corequisites must be taken in the same term.
    """

    kind: Literal["corequisite_of"] = "corequisite_of"
    strict: bool = False


class PartOf(_Edge):
    """Course -> program whose curriculum it belongs to."""

    kind: Literal["part_of"] = "part_of"


class RelatedTo(_Edge):
    """Occupation -> occupation: O*NET "related occupations" (context only).

    ``move`` says how the job zones compare: ``"advancement"`` when the target is in
    a higher job zone (a candidate advancement), ``"lateral"`` in the same zone,
    ``"step_down"`` in a lower one. ``tier`` and ``index`` are O*NET's relatedness
    tier (Primary-Short, Primary-Long, Supplemental) and rank (1 = most related).
    """

    kind: Literal["related_to"] = "related_to"
    move: Literal["advancement", "lateral", "step_down"] | None = None
    tier: str | None = None
    index: int | None = Field(default=None, ge=1)


Relation = Annotated[
    Awards
    | Requires
    | QualifiesFor
    | StacksInto
    | ArticulatesTo
    | AdvancesTo
    | OfferedBy
    | Supports
    | PartyTo
    | PrerequisiteOf
    | CorequisiteOf
    | PartOf
    | RelatedTo,
    Field(discriminator="kind"),
]
"""Any relation record, told apart by its ``kind``."""

#: Relation kind -> its record class, read from the union itself.
RELATION_TYPES: dict[str, type[_Edge]] = {
    get_args(t.model_fields["kind"].annotation)[0]: t
    for t in get_args(get_args(Relation)[0])
}
