"""Node records: the things a career pathway is made of.

Every record is a pydantic model with ``extra="forbid"``, a stable string ``id``, a
``kind`` discriminator and a ``label``. :data:`Node` is the discriminated union of all
kinds; :data:`NODE_TYPES` maps each kind to its class.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeAlias, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "EDUCATION_LEVELS",
    "NODE_KINDS",
    "NODE_TYPES",
    "Agreement",
    "Assessment",
    "AssessmentType",
    "CareerLevel",
    "Condition",
    "Course",
    "Credential",
    "CredentialType",
    "EntryLevel",
    "Modality",
    "Node",
    "NodeKind",
    "Occupation",
    "Program",
    "Provider",
    "ProviderRole",
    "Schedule",
    "Service",
    "ServiceType",
]

NodeKind: TypeAlias = Literal[
    "occupation",
    "credential",
    "program",
    "course",
    "assessment",
    "condition",
    "provider",
    "service",
    "agreement",
]
NODE_KINDS: tuple[str, ...] = get_args(NodeKind)

#: Education levels (an ordinal), the categories of O*NET's "Required Level of
#: Education" scale, so that O*NET and BLS data map onto them directly.
EDUCATION_LEVELS: dict[int, str] = {
    1: "less than a high school diploma",
    2: "high school diploma or equivalent",
    3: "post-secondary certificate",
    4: "some college courses",
    5: "associate's degree",
    6: "bachelor's degree",
    7: "post-baccalaureate certificate",
    8: "master's degree",
    9: "post-master's certificate",
    10: "first professional degree",
    11: "doctoral degree",
    12: "post-doctoral training",
}


class CredentialType(StrEnum):
    """What kind of credential a record is."""

    HSE = "hse"  # high-school equivalency (GED, HiSET, TASC)
    DIPLOMA = "diploma"  # high-school diploma
    CERTIFICATE = "certificate"  # post-secondary certificate
    INDUSTRY_CERTIFICATION = "industry_certification"
    LICENSE = "license"
    APPRENTICESHIP = (
        "apprenticeship"  # registered apprenticeship completion certificate
    )
    ASSOCIATE = "associate"
    BACHELOR = "bachelor"
    GRADUATE = "graduate"
    BADGE = "badge"  # micro-credential, digital badge
    OTHER = "other"


class AssessmentType(StrEnum):
    """What kind of assessment a record is."""

    EXAM = "exam"  # a certification exam (CompTIA A+, the GED subject tests)
    LICENSURE = "licensure"  # a licensure exam (NCLEX-PN, NCLEX-RN)
    PLACEMENT = "placement"  # a placement test (TABE, ACCUPLACER)
    PROFICIENCY = "proficiency"  # an English or skills proficiency test (CASAS)
    OTHER = "other"


class CareerLevel(StrEnum):
    """Where an occupation stands on its ladder."""

    ENTRY = "entry"
    MIDDLE = "middle"
    ADVANCED = "advanced"


class Modality(StrEnum):
    """How a program is delivered."""

    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"
    WORK_BASED = "work_based"


#: Entry levels (the entry presets' names): who a program is designed for.
EntryLevel: TypeAlias = Literal["abe", "esl", "diploma", "incumbent"]


class Schedule(StrEnum):
    """When a program meets."""

    DAY = "day"
    EVENING = "evening"
    WEEKEND = "weekend"
    SELF_PACED = "self_paced"


class ProviderRole(StrEnum):
    """Roles an organization plays in a career pathway system (DOL toolkit)."""

    INTERMEDIARY = "intermediary"
    ABE_PROVIDER = "abe_provider"
    SECONDARY = "secondary"
    POSTSECONDARY = "postsecondary"
    EMPLOYER = "employer"
    WORKFORCE_BOARD = "workforce_board"
    ECONOMIC_DEVELOPMENT = "economic_development"
    COMMUNITY_BASED = "community_based"
    HUMAN_SERVICES = "human_services"
    STATE_AGENCY = "state_agency"
    FOUNDATION = "foundation"
    LABOR_ORGANIZATION = "labor_organization"
    TRIBAL_GOVERNMENT = "tribal_government"
    OTHER = "other"


class ServiceType(StrEnum):
    """Support services offered to learners."""

    CAREER_NAVIGATION = "career_navigation"
    COACHING = "coaching"
    CASE_MANAGEMENT = "case_management"
    CHILDCARE = "childcare"
    TRANSPORTATION = "transportation"
    TUITION_AID = "tuition_aid"
    TUTORING = "tutoring"
    JOB_PLACEMENT = "job_placement"
    OTHER = "other"


#: The largest number a record may hold (months, cost, credits, wages, counts): a
#: trillion, far above any real value and far below where float arithmetic loses
#: whole units (2**53), so no sum or product in the algorithms overflows.
MAX_NUMBER = 1e12

NonNegative = Annotated[int | float, Field(ge=0, le=MAX_NUMBER, allow_inf_nan=False)]
Id = Annotated[str, Field(min_length=1, max_length=200)]


#: A BCP 47 language tag, simplified: a 2-3 letter language, then subtags.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def pick_language(texts: Any, lang: str | None = None) -> Any:
    """The text of a language map for ``lang``: that language, else its base
    language (``es`` for ``es-MX``), else English, else the first language by code.
    A value that is not a non-empty map is returned as it is.

    Examples
    --------
    >>> pick_language({"es": "Enfermería", "en": "Nursing"})
    'Nursing'
    >>> pick_language({"es": "Enfermería", "en": "Nursing"}, "es-MX")
    'Enfermería'
    """
    if not isinstance(texts, dict) or not texts:
        return texts
    return texts[language_key(texts, lang)]


def language_key(texts: dict[str, Any], lang: str | None = None) -> str:
    """The key of a non-empty language map that :func:`pick_language` reads."""
    tries = [lang, lang.split("-")[0]] if lang else []
    for code in [*tries, "en"]:
        if code in texts:
            return code
    return sorted(texts)[0]


def with_text(
    texts: dict[str, str], text: str, lang: str | None = None
) -> dict[str, str]:
    """``texts`` with the entry :func:`pick_language` reads for ``lang`` set to
    ``text``: how a label edited in one language is written back into its map."""
    out = dict(texts)
    out[language_key(texts, lang)] = text
    return out


#: Fields that may be written as a language map, and where the map is kept.
_LANGUAGE_FIELDS = (
    ("label", "labels"),
    ("description", "descriptions"),
    ("lane", "lanes"),
)


class _Record(BaseModel):
    """Fields every node has."""

    model_config = ConfigDict(
        extra="forbid", frozen=False, use_enum_values=True, defer_build=True
    )

    id: Id = Field(description="Stable identifier, unique in the pathway.")
    label: str = Field(min_length=1, description="Human-readable name.")
    description: str | None = None
    url: str | None = None
    tags: list[str] = Field(default_factory=list)
    destination: bool = Field(
        default=False,
        description="A goal of the pathway (a degree, a target occupation).",
    )
    level: int | None = Field(
        default=None,
        ge=0,
        description="Map column: 0 for on-ramps, higher for more advanced steps.",
    )
    lane: str | None = Field(
        default=None,
        description="The pathway or sector lane this record is drawn in.",
    )
    ctid: str | None = Field(default=None, description="Credential Engine CTID.")
    ignore: list[str] = Field(
        default_factory=list,
        description="Check rules (codes or slugs) suppressed on this record.",
    )
    labels: dict[str, str] = Field(
        default_factory=dict,
        description="The label in each language ({language: text}, BCP 47 codes "
        "such as en, es, zh-Hant); written as a language map in label.",
    )
    descriptions: dict[str, str] = Field(
        default_factory=dict,
        description="The description in each language; written as a language map "
        "in description.",
    )
    lanes: dict[str, str] = Field(
        default_factory=dict,
        description="The lane in each language; written as a language map in lane.",
    )

    @model_validator(mode="before")
    @classmethod
    def _language_maps(cls, data: Any) -> Any:
        """``label: {en: ..., es: ...}`` (a language map, as CTDL writes it)
        keeps every language in ``labels`` and the English text (else the first
        language's, by code) in ``label``; likewise ``description``."""
        if not isinstance(data, dict):
            return data
        for field, many in _LANGUAGE_FIELDS:
            value = data.get(field)
            if isinstance(value, dict):
                data = {**data, many: value, field: pick_language(value)}
        return data

    @model_validator(mode="after")
    def _label_is_in_its_map(self) -> Any:
        """``label`` wins over its map: a record validated with a new label and
        the old map gets the new text in the map's default language."""
        if self.labels and pick_language(self.labels) != self.label:
            self.labels = with_text(self.labels, self.label)
        if self.descriptions and self.description is None:
            self.descriptions = {}
        elif self.descriptions and pick_language(self.descriptions) != self.description:
            self.descriptions = with_text(self.descriptions, str(self.description))
        if self.lanes and self.lane is None:
            self.lanes = {}
        elif self.lanes and pick_language(self.lanes) != self.lane:
            self.lanes = with_text(self.lanes, str(self.lane))
        return self

    @field_validator("labels", "descriptions", "lanes")
    @classmethod
    def _language_codes(cls, value: dict[str, str]) -> dict[str, str]:
        for code, text in value.items():
            if not LANGUAGE_CODE.fullmatch(code):
                raise ValueError(
                    f"{code!r} is not a language code (use BCP 47: en, es, zh-Hant)"
                )
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"the {code!r} text must be non-empty text")
        return dict(sorted(value.items()))

    @field_validator("id")
    @classmethod
    def _id_is_clean(cls, value: str) -> str:
        if value != value.strip():
            raise ValueError("id must not start or end with white space")
        if not value.isprintable() and any(ord(ch) < 32 for ch in value):
            raise ValueError("id must not contain control characters")
        return value


class Occupation(_Record):
    """A job: an SOC or O*NET-SOC occupation, or an employer's job title."""

    kind: Literal["occupation"] = "occupation"
    soc: str | None = Field(
        default=None,
        pattern=r"^\d{2}-\d{4}(\.\d{2})?$",
        description="SOC (29-2061) or O*NET-SOC (29-2061.00) code.",
    )
    job_zone: int | None = Field(default=None, ge=1, le=5)
    wage_median: NonNegative | None = Field(default=None, description="Annual, USD.")
    wage_p10: NonNegative | None = None
    wage_p25: NonNegative | None = None
    wage_p75: NonNegative | None = None
    wage_p90: NonNegative | None = None
    hourly_median: NonNegative | None = None
    hourly_p25: NonNegative | None = None
    hourly_p75: NonNegative | None = None
    openings: NonNegative | None = Field(default=None, description="Annual openings.")
    employment: NonNegative | None = None
    sector: str | None = None
    career_level: CareerLevel | None = None
    education_level: int | None = Field(
        default=None, ge=1, le=12, description="Typical entry education (ordinal)."
    )
    entry_education: str | None = Field(
        default=None, description="BLS typical entry-level education, as published."
    )
    work_experience: str | None = Field(
        default=None, description="BLS work experience in a related occupation."
    )
    training: str | None = Field(
        default=None, description="BLS typical on-the-job training."
    )
    months: NonNegative | None = Field(
        default=None, description="Time it takes to enter (hiring, probation)."
    )


class Credential(_Record):
    """A diploma, certificate, certification, license, degree or badge."""

    kind: Literal["credential"] = "credential"
    credential_type: CredentialType = CredentialType.OTHER
    education_level: int | None = Field(default=None, ge=1, le=12)
    industry_recognized: bool = False
    issuer: str | None = None
    credits: NonNegative | None = None


class Program(_Record):
    """An education or training program."""

    kind: Literal["program"] = "program"
    cip: str | None = Field(default=None, pattern=r"^\d{2}(\.\d{2,4})?$")
    months: NonNegative | None = None
    cost: NonNegative | None = Field(default=None, description="Tuition and fees, USD.")
    credits: NonNegative | None = None
    hours: NonNegative | None = Field(default=None, description="Clock hours.")
    modality: Modality | None = None
    schedule: list[Schedule] = Field(default_factory=list)
    iet: bool = Field(
        default=False, description="Integrated education and training (I-BEST)."
    )
    serves: list[EntryLevel] = Field(
        default_factory=list,
        description="Entry levels the program is designed for as an on-ramp "
        "(abe, esl, diploma, incumbent): an open program that serves esl is an "
        "on-ramp for English learners.",
    )
    bridge: bool = Field(default=False, description="A bridge program.")
    earn_while_learning: bool = Field(
        default=False, description="Apprenticeship, OJT: paid while learning."
    )
    completers: NonNegative | None = Field(default=None, description="Per year.")
    location: str | None = Field(
        default=None,
        description="Where it meets, when not at its provider's address.",
    )
    next_starts: list[dt.date] = Field(
        default_factory=list, description="Upcoming start dates (ISO dates)."
    )
    seats: int | None = Field(default=None, ge=0, description="Seats per start.")


class Course(_Record):
    """A course: part of a program's curriculum, and a step a learner can take.

    A course can be an option of any requirement (``requires`` and conditions), and
    a step of a route; its ``prerequisites`` and ``corequisites`` are requirements
    of taking it.
    """

    kind: Literal["course"] = "course"
    prefix: str | None = None
    number: str | None = None
    credits: NonNegative | None = None
    months: NonNegative | None = None
    cost: NonNegative | None = Field(default=None, description="Tuition and fees, USD.")
    term: int | None = Field(default=None, ge=1, description="Term in a degree plan.")
    canonical_name: str | None = None


class Assessment(_Record):
    """An exam, licensure exam, placement or proficiency test.

    Passing it is a step of a route (``months`` to prepare and sit it, ``cost`` its
    fee); it may have requirements of its own and ``awards`` credentials (passing
    NCLEX-RN awards the RN licence).
    """

    kind: Literal["assessment"] = "assessment"
    assessment_type: AssessmentType = AssessmentType.EXAM
    months: NonNegative | None = None
    cost: NonNegative | None = Field(default=None, description="Fee, USD.")
    credits: NonNegative | None = Field(
        default=None, description="Credit granted for passing (credit by exam)."
    )
    completers: NonNegative | None = Field(
        default=None, description="People who pass it per year."
    )


class Condition(_Record):
    """A requirement of its own: ``need`` of its options, or ``credits`` from them.

    Its options are the sources of the ``requires`` relations into it: records, or
    other conditions (so conditions nest to any depth). It is met when at least
    ``need`` options are held (default: all of them) and, when ``credits`` is set,
    the options held carry at least that many credits in total. ``to_confirm`` keeps
    what software cannot check for a plan (a minimum grade, no resits, a score):
    shown in reports and route sheets, counted as met for planning. A condition that
    ``awards`` a credential earns it when met; one with no options is met by anyone
    (an open CTDL component).
    """

    kind: Literal["condition"] = "condition"
    need: int | None = Field(
        default=None, ge=1, description="How many options (default: all of them)."
    )
    credits: NonNegative | None = Field(
        default=None, description="Credits the options held must add up to."
    )
    to_confirm: list[str] = Field(
        default_factory=list,
        description="Requirements kept as text, met for planning (grade, score...).",
    )


class Provider(_Record):
    """An organization: college, ABE provider, employer, workforce board..."""

    kind: Literal["provider"] = "provider"
    roles: list[ProviderRole] = Field(default_factory=list)
    address: str | None = Field(default=None, description="Street address.")
    phone: str | None = None
    email: str | None = None
    service_area: str | None = Field(
        default=None, description="Where it serves (counties, a region)."
    )


class Service(_Record):
    """A support service offered to learners."""

    kind: Literal["service"] = "service"
    service_type: ServiceType = ServiceType.OTHER
    amount: NonNegative | None = Field(
        default=None,
        description="Aid: the most it pays toward one person's costs, USD, over "
        "the steps it supports.",
    )
    eligibility: str | None = Field(
        default=None, description="Who qualifies, in words (to confirm)."
    )
    phone: str | None = None
    email: str | None = None


class Agreement(_Record):
    """An articulation agreement or memorandum of understanding."""

    kind: Literal["agreement"] = "agreement"
    agreement_type: Literal["articulation", "mou", "other"] = "articulation"
    effective: dt.date | None = None
    expires: dt.date | None = None


Node = Annotated[
    Occupation
    | Credential
    | Program
    | Course
    | Assessment
    | Condition
    | Provider
    | Service
    | Agreement,
    Field(discriminator="kind"),
]
"""Any node record, told apart by its ``kind``."""

#: Node kind -> its record class, read from the union itself.
NODE_TYPES: dict[str, type[_Record]] = {
    get_args(t.model_fields["kind"].annotation)[0]: t
    for t in get_args(get_args(Node)[0])
}
