"""Credential Engine CTDL JSON-LD: read and write ``ceterms:Pathway`` documents.

The reader never touches the network: terms are normalised by a small explicit table
(compact ``ceterms:``/``ceasn:``/``asn:``/``schema:``/``skos:`` names, unprefixed names
under the registry context, and expanded IRIs such as
``https://purl.org/ctdl/terms/hasChild`` all become ``hasChild``); the prefixes are in
the shipped ``ctdl_context.json``.

Mapping (``docs/ctdl.md`` has the full table, and what CTDL cannot carry):

* Components: ``CredentialComponent`` and credential classes used directly
  (``Certification``...) are :class:`~pathgraph.Credential` records;
  ``CourseComponent`` a :class:`~pathgraph.Course`; ``AssessmentComponent`` an
  :class:`~pathgraph.Assessment`; ``JobComponent`` and ``WorkExperienceComponent``
  :class:`~pathgraph.Occupation` records; ``BasicComponent``,
  ``SelectionComponent``, ``CocurricularComponent``, ``ExtracurricularComponent`` and
  ``CompetencyComponent`` :class:`~pathgraph.Condition` records (milestones: met
  when their own conditions are met; open when they have none).
* Every ``ComponentCondition`` is a :class:`~pathgraph.Condition` record: its
  ``targetComponent`` and nested ``hasCondition`` are its options, ``requiredNumber``
  its ``need`` (``logicalOperator`` ``Or``: 1; ``And`` or none: all), a
  ``hasConstraint`` summing credit values its ``credits``, every other constraint a
  ``to_confirm`` text.
* A credential component's conditions earn it (one condition ``awards`` it; several
  are wrapped in an all-of condition that awards it; none: an open condition with no
  options awards it). Any other component's conditions are requirements of it
  (``requires`` from the condition).
* ``hasChild``/``isChildOf`` not covered by a condition, ``prerequisite`` (between
  two courses: ``prerequisite_of``) and ``precedes``/``precededBy`` are ``requires``
  relations, as before.

What CTDL has no term for (programs, the kinds of relation other than a requirement,
labour data...) is written as pathgraph data under the ``pg:`` prefix, which other
CTDL tools ignore, with a :class:`CTDLWarning`; the reader restores it, so a pathway
written and read back is the same pathway.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from pathgraph._files import atomic_write, read_text
from pathgraph._gc import no_gc
from pathgraph.errors import FormatError, Problem, ValidationError
from pathgraph.io._positions import JsonPath, LineIndex, decode_located
from pathgraph.model import NODE_TYPES, Pathway
from pathgraph.model.nodes import LANGUAGE_CODE, with_text

__all__ = [
    "CTDLWarning",
    "dumps_ctdl",
    "read_ctdl",
    "write_ctdl",
]

_CONTEXT_FILE = Path(__file__).with_name("ctdl_context.json")
_CONTEXT_DOC: dict[str, Any] = json.loads(_CONTEXT_FILE.read_text("utf-8"))
_CONTEXT: dict[str, str] = _CONTEXT_DOC["@context"]
#: pathgraph's own namespace, for what CTDL has no term for (prefix ``pg:``).
PG: str = _CONTEXT_DOC["pathgraph"]["pg"]
_PREFIXES = frozenset((*_CONTEXT, "meta"))


def _variants(ns: str) -> set[str]:
    """A namespace in its http and https spellings (publishers use both)."""
    return {ns.replace("https://", "http://", 1), ns.replace("http://", "https://", 1)}


_NAMESPACES = tuple(sorted({v for ns in _CONTEXT.values() for v in _variants(ns)}))
_PG_NAMESPACES = tuple(sorted(_variants(PG)))
#: The IRI prefix of node ids the writer makes up (``.invalid`` is never resolvable).
ID_BASE = "https://pathgraph.invalid/resources/"
_REGISTRY = "credentialengineregistry.org/resources/"
_VOCABS = "https://purl.org/ctdl/vocabs/"

#: CTDL credential classes -> pathgraph credential types.
CREDENTIAL_TYPES: dict[str, str] = {
    "Certification": "industry_certification",
    "Certificate": "certificate",
    "CertificateOfCompletion": "certificate",
    "ProfessionalCertificate": "certificate",
    "License": "license",
    "DigitalBadge": "badge",
    "Badge": "badge",
    "OpenBadge": "badge",
    "MicroCredential": "badge",
    "AssociateDegree": "associate",
    "BachelorDegree": "bachelor",
    "MasterDegree": "graduate",
    "DoctoralDegree": "graduate",
    "ResearchDoctorate": "graduate",
    "ProfessionalDoctorate": "graduate",
    "ApprenticeshipCertificate": "apprenticeship",
    "JourneymanCertificate": "apprenticeship",
    "SecondarySchoolDiploma": "diploma",
    "Diploma": "diploma",
    "GeneralEducationDevelopment": "hse",
    "Credential": "other",
    "Degree": "other",
}
#: pathgraph credential types -> the CTDL class the writer uses.
CREDENTIAL_CLASSES: dict[str, str] = {
    "industry_certification": "Certification",
    "certificate": "Certificate",
    "license": "License",
    "badge": "DigitalBadge",
    "associate": "AssociateDegree",
    "bachelor": "BachelorDegree",
    "graduate": "MasterDegree",
    "apprenticeship": "ApprenticeshipCertificate",
    "diploma": "SecondarySchoolDiploma",
    "hse": "GeneralEducationDevelopment",
    "other": "Credential",
}
#: CTDL component types -> pathgraph node kinds.
COMPONENT_KINDS: dict[str, str] = {
    "CredentialComponent": "credential",
    "CourseComponent": "course",
    "AssessmentComponent": "assessment",
    "JobComponent": "occupation",
    "WorkExperienceComponent": "occupation",
    "BasicComponent": "condition",
    "SelectionComponent": "condition",
    "CocurricularComponent": "condition",
    "ExtracurricularComponent": "condition",
    "CompetencyComponent": "condition",
}
#: The CTDL type each node kind is written as (programs: course components; a
#: condition: a ``ComponentCondition``, or a ``BasicComponent`` when it is a
#: destination).
_DEFAULT_TYPE = {
    "credential": "CredentialComponent",
    "course": "CourseComponent",
    "assessment": "AssessmentComponent",
    "occupation": "JobComponent",
    "condition": "ComponentCondition",
    "program": "CourseComponent",
    "provider": "CredentialOrganization",
    "service": "pg:Service",
    "agreement": "pg:Agreement",
}
#: Other node objects read as records: organizations, and pathgraph's own types.
RECORD_KINDS: dict[str, str] = {
    "CredentialOrganization": "provider",
    "QACredentialOrganization": "provider",
    "Organization": "provider",
    "pg:Service": "service",
    "pg:Agreement": "agreement",
}
# The older draft vocabulary (Illinois-IT.json).
_OLD_TYPES = {
    "Course": "CourseComponent",
    "Basic": "BasicComponent",
    "Assessment": "AssessmentComponent",
    "Job": "JobComponent",
    "Competency": "CompetencyComponent",
}
_SOC = re.compile(r"^\d{2}-\d{4}(\.\d{2})?$")
_CIP = re.compile(r"^\d{2}(\.\d{2,4})?$")
#: Average days in a month, to turn ISO 8601 days and weeks into months.
DAYS_PER_MONTH = 365.25 / 12
_DURATION = re.compile(
    r"^P(?!$)(?:(?P<Y>\d+(?:\.\d+)?)Y)?(?:(?P<M>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<W>\d+(?:\.\d+)?)W)?(?:(?P<D>\d+(?:\.\d+)?)D)?"
    r"(?:T(?=\d)(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)
#: Comparators of a credit-total constraint pathgraph evaluates: the total must be
#: at least the number (``GT`` and ``EQ`` keep their strictness as text to confirm).
_CREDIT_COMPARATORS = {"gteq": None, "gt": "more than", "eq": "exactly"}
#: ``leftSource`` names of a credit value (``schema:value`` of ``creditValue``).
_CREDIT_SOURCES = frozenset({"value", "creditvalue", "credithourvalue"})
#: The longest id the reader makes for a condition written without ``@id`` from its
#: place (deeper ones are numbered under their record instead).
ID_DEPTH = 120
#: (label, description) of the conditions the reader makes for a credential: one
#: without conditions (open to anyone), one with several (all of them).
_OPEN = (
    "{}: open (no conditions)",
    "CTDL: a component without conditions is open to anyone",
)
_EVERY = (
    "All conditions of {}",
    "CTDL: every condition of a component must be met to complete it",
)
#: The markers the writer puts on the conditions that stand for relations.
_MARKERS = ("pg:relation", "pg:group")


class CTDLWarning(UserWarning):
    """Something in a CTDL document was odd but readable (the reader kept going),
    or part of a pathway has no CTDL term (the writer kept it as pathgraph data)."""


# ---------------------------------------------------------------- term normaliser

_TERMS: dict[str, str] = {}


def _term(key: str) -> str:
    """The local CTDL name of a property or type, however it is written
    (pathgraph's own terms keep their ``pg:`` prefix)."""
    name = _TERMS.get(key)
    if name is None:
        name = _local_term(key)
        if len(_TERMS) < 10_000:
            _TERMS[key] = name
    return name


def _local_term(key: str) -> str:
    if key.startswith("@"):
        return key
    for ns in _PG_NAMESPACES:
        if key.startswith(ns):
            return "pg:" + key[len(ns) :]
    for ns in _NAMESPACES:
        if key.startswith(ns):
            return key[len(ns) :]
    prefix, sep, local = key.partition(":")
    if sep and prefix in _PREFIXES:
        return local
    return key


def _norm(value: Any) -> Any:
    """Rename every key to its local term, recursively; unwrap ``@value``."""
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        if set(value) <= {"@value", "@type"} and "@value" in value:
            return value["@value"]
        out: dict[str, Any] = {}
        for key, val in value.items():
            name = _term(key)
            if name == "@type":
                types = val if isinstance(val, list) else [val]
                out[name] = [_term(str(t)) for t in types]
            elif name in out:  # two spellings of one term: merge
                out[name] = _as_list(out[name]) + _as_list(_norm(val))
            else:
                out[name] = _norm(val)
        return out
    return value


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _ids(value: Any) -> list[Any]:
    """IRIs (strings) and inline objects of a reference-valued property, in order."""
    out: list[Any] = []
    for item in _as_list(value):
        if isinstance(item, dict) and set(item) == {"@id"}:
            out.append(item["@id"])
        elif isinstance(item, str | dict):
            out.append(item)
    return out


def _iri_of(item: Any) -> str | None:
    """The IRI of a reference (a string or an object's ``@id``)."""
    if isinstance(item, dict):
        item = item.get("@id")
    return item if isinstance(item, str) else None


def _text(value: Any) -> str | None:
    """One string from a plain string, a language map or expanded language values.

    Prefers ``en-US``, then ``en``, then other English tags, then the other languages
    in sorted order; ``None`` when nothing is there.
    """
    langs: dict[str, str] = {}
    for item in _as_list(value):
        if isinstance(item, str):
            langs.setdefault("", item)
        elif isinstance(item, dict):
            if "@language" in item or "@value" in item:
                val = item.get("@value")
                if isinstance(val, str):
                    langs.setdefault(str(item.get("@language", "")), val)
            else:
                for lang, val in item.items():
                    for v in _as_list(val):
                        if isinstance(v, str):
                            langs.setdefault(lang, v)
                            break
        elif isinstance(item, int | float) and not isinstance(item, bool):
            langs.setdefault("", str(item))

    def rank(lang: str) -> tuple[int, str]:
        low = lang.lower()
        if low == "en-us":
            return (0, low)
        if low == "en":
            return (1, low)
        if low.startswith("en"):
            return (2, low)
        if low == "":
            return (3, low)
        return (4, low)

    for lang in sorted(langs, key=rank):
        return langs[lang]
    return None


def _num_text(text: str) -> int | float | None:
    """A decimal number written as text; ``None`` when it is not one."""
    text = text.strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        num = float(text)
    except ValueError:
        return None
    return num if num == num and abs(num) != float("inf") else None


def _number(value: Any) -> float | int | None:
    """The first finite number of a value (numbers, numeric text, ``value`` keys)."""
    for item in _as_list(value):
        if isinstance(item, dict):
            item = item.get("value", item.get("@value"))
        if isinstance(item, bool):
            continue
        if isinstance(item, int):
            return item
        if isinstance(item, float) and item == item and abs(item) != float("inf"):
            return item
        if isinstance(item, str):
            num = _num_text(item)
            if num is not None:
                return int(num) if float(num).is_integer() else num
    return None


def _vocab(value: Any) -> str | None:
    """The concept of a vocabulary-valued property, lower case: ``.../logic/And``,
    ``logic:And`` and ``And`` all give ``and``."""
    for item in _ids(value):
        iri = _iri_of(item)
        if iri:
            return _local_name(iri).lower()
    return None


def _local_name(iri: str) -> str:
    """The last segment of an IRI or compact IRI (``.../grades/A`` -> ``A``)."""
    if "/" in iri or "#" in iri:
        tail = re.split(r"[/#]", iri.rstrip("/#"))[-1]
        return unquote(tail) or iri
    _, sep, local = iri.partition(":")
    return local if sep and local and " " not in iri else iri


def _fmt(value: float) -> str:
    """A number as short, exact text: ``6``, ``0.25``, ``1e-05`` as ``0.00001``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = repr(float(value))
    return format(Decimal(text), "f") if "e" in text or "E" in text else text


# ------------------------------------------------------------- values of records


def _credits(value: Any) -> float | int | None:
    """Credits from ``creditValue`` in its real shapes: a ``QuantitativeValue``
    (``value``, else ``minValue``, else ``maxValue``), a list of them (the first
    with a number), a plain number or numeric text. Units are not converted."""
    for item in _as_list(value):
        if isinstance(item, dict):
            for key in ("value", "minValue", "maxValue"):
                num = _number(item.get(key))
                if num is not None and num >= 0:
                    return num
        else:
            num = _number(item)
            if num is not None and num >= 0:
                return num
    return None


def _duration(text: str) -> float | int | None:
    """Months in an ISO 8601 duration (``P6M``, ``P1Y6M``, ``P12W``, ``PT40H``);
    days, weeks and hours count :data:`DAYS_PER_MONTH` days to the month."""
    match = _DURATION.match(text.strip())
    if not match:
        return None
    parts = {k: v for k, v in match.groupdict().items() if v is not None}
    if set(parts) == {"M"}:
        return _num_text(parts["M"])
    get = {k: float(v) for k, v in parts.items()}
    days = (
        get.get("W", 0.0) * 7
        + get.get("D", 0.0)
        + get.get("h", 0.0) / 24
        + get.get("m", 0.0) / 1440
        + get.get("s", 0.0) / 86400
    )
    return round(get.get("Y", 0.0) * 12 + get.get("M", 0.0) + days / DAYS_PER_MONTH, 6)


def _months(value: Any) -> float | int | None:
    """Months from ``estimatedDuration``: the first ``DurationProfile``'s
    ``exactDuration`` (else ``minimumDuration``), or a duration text."""
    for item in _as_list(value):
        texts = (
            [item.get("exactDuration"), item.get("minimumDuration")]
            if isinstance(item, dict)
            else [item]
        )
        for text in texts:
            found = _text(text)
            months = _duration(found) if found else None
            if months is not None:
                return months
    return None


def _cost(value: Any, where: str, notes: list[str]) -> float | int | None:
    """US dollars from ``estimatedCost``: the first ``CostProfile`` with a
    ``price`` in USD (or no currency)."""
    for item in _as_list(value):
        if not isinstance(item, dict):
            num = _number(item)
            if num is not None and num >= 0:
                return num
            continue
        price = _number(item.get("price"))
        currency = (_text(item.get("currency")) or "USD").upper()
        if price is None or price < 0:
            continue
        if currency != "USD":
            notes.append(f"{where}: a cost in {currency} is not read (pathgraph: USD)")
            continue
        return price
    return None


def _operand(sources: Any, action: Any) -> str:
    """One side of a constraint, as text: ``sum of value``, ``any of A, B``."""
    names = []
    for item in _as_list(sources):
        iri = _iri_of(item)
        if isinstance(item, bool):
            names.append("true" if item else "false")
        elif isinstance(item, int | float):
            names.append(_fmt(item))
        elif iri is not None:
            names.append(_local_name(iri))
    text = ", ".join(names) or "?"
    act = _vocab(action)
    words = {"sum": "sum of", "mean": "mean of", "anyof": "any of", "allof": "all of"}
    return f"{words.get(act, f'{act} of')} {text}" if act else text


def _constraint_text(c: Mapping[str, Any]) -> str:
    """A constraint pathgraph cannot evaluate, as readable text: its description,
    or ``grade EQ any of A, B, C, D`` from its parts."""
    desc = _text(c.get("description")) or _text(c.get("name"))
    parts = ("comparator", "leftSource", "rightSource")
    if desc and not any(c.get(p) is not None for p in parts):
        return desc
    comparator = (_vocab(c.get("comparator")) or "?").upper()
    left = _operand(c.get("leftSource"), c.get("leftAction"))
    right = _operand(c.get("rightSource"), c.get("rightAction"))
    text = f"{left} {comparator} {right}"
    return f"{text} ({desc})" if desc else text


def _credit_floor(c: Mapping[str, Any]) -> tuple[float | int, str | None] | None:
    """``(N, strictness)`` when ``c`` says the credit values add up to at least,
    more than, or exactly ``N``; ``None`` for any other constraint."""
    comparator = _vocab(c.get("comparator"))
    if comparator not in _CREDIT_COMPARATORS or _vocab(c.get("leftAction")) != "sum":
        return None
    sources = [_iri_of(s) for s in _as_list(c.get("leftSource"))]
    if len(sources) != 1 or sources[0] is None:
        return None
    if _local_name(sources[0]).lower() not in _CREDIT_SOURCES:
        return None
    right = _as_list(c.get("rightSource"))
    num = _number(right) if len(right) == 1 else None
    if num is None or num < 0 or _vocab(c.get("rightAction")):
        return None
    strict = _CREDIT_COMPARATORS[comparator]
    return num, (f"credit total {strict} {_fmt(num)}" if strict else None)


# ---------------------------------------------------------------------- parsing


def _parse(
    text: str,
    source: str,
    descend: Callable[[JsonPath], bool] | None = None,
) -> tuple[Any, dict[JsonPath, int]]:
    """JSON text to Python, refusing trailing data with a line and column; and
    where the node objects start (those in the document's ``@graph``, or those
    under the containers ``descend`` accepts)."""
    start = len(text) - len(text.lstrip())
    try:
        data, end, starts = decode_located(
            text, start, _is_graph_item, descend or _holds_graph
        )
    except json.JSONDecodeError as exc:
        raise FormatError(
            [
                Problem(
                    f"{source}:{exc.lineno}:{exc.colno}",
                    f"not valid JSON: {exc.msg}",
                    "fix the JSON syntax (a JSON validator shows the spot)",
                )
            ]
        ) from None
    except ValueError as exc:  # Python's int-string limit (sys.int_info)
        # lazy: the native reader owns the message (and imports this module's kin)
        from pathgraph.io.native import _huge_json_integer

        raise _huge_json_integer(text, source, exc) from None
    except RecursionError:
        raise FormatError([Problem(source, "JSON nested too deeply to read")]) from None
    rest = text[end:]
    if rest.strip():
        pos = end + len(rest) - len(rest.lstrip())
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        raise FormatError(
            [
                Problem(
                    f"{source}:{line}:{col}",
                    "extra data after the first JSON document (several documents "
                    "run together?)",
                    "keep one JSON document per file, or wrap them in a list",
                )
            ]
        )
    return data, starts


def _objects(
    data: Any, source: str, path: JsonPath = ()
) -> list[tuple[JsonPath, dict[str, Any]]]:
    """The top-level node objects of a JSON-LD document, normalised, each with its
    place in the document (``("@graph", 3)``)."""
    if isinstance(data, dict) and "@graph" in data:
        graph = data["@graph"]
        items = (
            [((*path, "@graph", i), item) for i, item in enumerate(graph)]
            if isinstance(graph, list)
            else [((*path, "@graph"), graph)]
        )
    elif isinstance(data, list):
        items = [((*path, i), item) for i, item in enumerate(data)]
    elif isinstance(data, dict):
        items = [(path, data)]
    else:
        raise FormatError(
            [Problem(source, "a CTDL document must be a JSON object or list")]
        )
    out = []
    for where, item in items:
        if isinstance(item, dict) and "@graph" in item:
            out.extend(_objects(item, source, where))
        elif isinstance(item, dict):
            out.append((where, _norm(item)))
    return out


def _holds_graph(path: JsonPath) -> bool:
    """The document and its ``@graph``: where node objects usually are."""
    return not path or path[-1] == "@graph"


def _is_graph_item(path: JsonPath) -> bool:
    """Whether an object at ``path`` can be one of :func:`_objects`' node objects."""
    return (
        not path
        or path[-1] == "@graph"
        or (isinstance(path[-1], int) and (len(path) == 1 or path[-2] == "@graph"))
    )


def _condition_path(path: JsonPath) -> bool:
    """Whether ``path`` (inside a node object) leads to a condition object or to a
    list of them: ``hasCondition`` values, at any depth."""
    if not path:
        return True
    last = path[-1]
    if isinstance(last, int):
        return len(path) > 1 and isinstance(path[-2], str)
    return _term(last) == "hasCondition"


def _inline_starts(text: str, start: int) -> dict[JsonPath, int]:
    """Where the conditions nested in the node object at ``start`` begin, by their
    path inside it (keys as :func:`_term` names them, a single object as index 0)."""
    try:
        _, _, starts = decode_located(text, start, _condition_path, _condition_path)
    except (ValueError, RecursionError):  # pragma: no cover - parsed once already
        return {}
    out: dict[JsonPath, int] = {}
    for raw, offset in starts.items():
        norm: list[str | int] = []
        for k, step in enumerate(raw):
            if isinstance(step, str):
                norm.append(_term(step))
                if k + 1 == len(raw) or not isinstance(raw[k + 1], int):
                    norm.append(0)
            else:
                norm.append(step)
        out[tuple(norm)] = offset
    return out


def _types(obj: Mapping[str, Any]) -> list[str]:
    return [_OLD_TYPES.get(t, t) for t in _as_list(obj.get("@type"))]


def _component_type(obj: Mapping[str, Any]) -> str | None:
    for t in _types(obj):
        if t in COMPONENT_KINDS or t in CREDENTIAL_TYPES:
            return t
    return None


def _is_condition(obj: Mapping[str, Any]) -> bool:
    return "ComponentCondition" in _types(obj)


def _is_marker(obj: Any) -> bool:
    return isinstance(obj, dict) and any(m in obj for m in _MARKERS)


def _pg_data(obj: Mapping[str, Any]) -> dict[str, Any]:
    """The pathgraph fields the writer kept on an object (``pg:data``)."""
    for item in _as_list(obj.get("pg:data")):
        if isinstance(item, dict):
            return item
    return {}


def _merge(
    objs: list[dict[str, Any]], source: str, notes: list[str]
) -> dict[str, dict[str, Any]]:
    """Objects by ``@id``; objects sharing an ``@id`` are merged (JSON-LD semantics)."""
    by_id: dict[str, dict[str, Any]] = {}
    for obj in objs:
        ident = obj.get("@id")
        if not isinstance(ident, str):
            continue
        if ident not in by_id:
            by_id[ident] = dict(obj)
            continue
        old = by_id[ident]
        for key, val in obj.items():
            if key == "@id":
                continue
            if key not in old:
                old[key] = val
            elif old[key] != val:
                if key in ("hasCondition", "hasChild", "prerequisite", "precedes"):
                    old[key] = _as_list(old[key]) + _as_list(val)
                elif key != "@type":
                    notes.append(
                        f"{source}: {ident} is described twice with different "
                        f"{key!r}; keeping the first"
                    )
    return by_id


def _local_id(iri: str, used: set[str]) -> str:
    tail = unquote(re.split(r"[/:#]", iri.rstrip("/"))[-1]).strip()
    if (
        not tail
        or tail in used
        or len(tail) > 200
        or (not tail.isprintable() and any(ord(c) < 32 for c in tail))
    ):
        tail = iri
    return tail


# ------------------------------------------------------------ records from objects


def _record(
    obj: Mapping[str, Any],
    kind: str,
    ident: str,
    destination: bool,
    levels: Mapping[str, tuple[int, str]],
    where: str,
    notes: list[str],
) -> dict[str, Any]:
    """The fields of the record a component (or organization) object describes."""
    label = (
        _text(obj.get("name"))
        or _text(obj.get("codedNotation"))
        or _text(obj.get("codeNotation"))
        or _text(obj.get("description"))
        or ident
    )
    rec: dict[str, Any] = {"kind": kind, "id": ident, "label": label}
    if labels := _languages(obj.get("name")):
        rec["labels"] = labels
    desc = _text(obj.get("description"))
    if desc:
        rec["description"] = desc
        if descriptions := _languages(obj.get("description")):
            rec["descriptions"] = descriptions
    url = _text(_ids(obj.get("subjectWebpage")) or _ids(obj.get("subjectWebPage")))
    if url:
        rec["url"] = url
    tags = [t for t in (_text(k) for k in _as_list(obj.get("keyword"))) if t]
    ctype = _component_type(obj)
    if ctype in COMPONENT_KINDS and ctype != _DEFAULT_TYPE.get(kind):
        tags.append(f"ctdl:{ctype}")
    if tags:
        rec["tags"] = list(dict.fromkeys(tags))
    if destination:
        rec["destination"] = True
    ctid = _text(obj.get("ctid"))
    if ctid:
        rec["ctid"] = ctid
    _place(obj, rec, levels)
    fields = _KIND_FIELDS.get(kind)
    if fields is not None:
        fields(obj, rec, where, notes)
    return rec


def _place(
    obj: Mapping[str, Any], rec: dict[str, Any], levels: Mapping[str, tuple[int, str]]
) -> None:
    """``level`` and ``lane`` from progression levels and categories."""
    lane = _text(obj.get("componentCategory")) or _text(obj.get("componentDesignation"))
    for lvl in _ids(obj.get("hasProgressionLevel")):
        key = _level_key(str(lvl.get("@id", "")) if isinstance(lvl, dict) else lvl)
        if key in levels:
            rec["level"] = levels[key][0]
            lane = lane or levels[key][1]
        elif isinstance(lvl, dict):
            n = _number(lvl.get("notation"))
            if isinstance(n, int) and n >= 0:
                rec["level"] = n
        break
    if lane:
        rec["lane"] = lane


def _step_fields(
    obj: Mapping[str, Any], rec: dict[str, Any], where: str, notes: list[str]
) -> None:
    """Credits, months and cost: what a step takes."""
    credits = _credits(obj.get("creditValue"))
    if credits is None:
        credits = _credits(obj.get("creditHourValue"))
    if credits is not None:
        rec["credits"] = credits
    months = _months(obj.get("estimatedDuration"))
    if months is not None:
        rec["months"] = months
    cost = _cost(obj.get("estimatedCost"), where, notes)
    if cost is not None:
        rec["cost"] = cost


def _course_fields(
    obj: Mapping[str, Any], rec: dict[str, Any], where: str, notes: list[str]
) -> None:
    _step_fields(obj, rec, where, notes)
    code = (
        _text(obj.get("codedNotation"))
        or _text(obj.get("codeNotation"))
        or _text(obj.get("courseCode"))
    )
    if code and code.strip():
        prefix, _, number = code.strip().rpartition(" ")
        if prefix.strip():
            rec["prefix"] = prefix.strip()
        rec["number"] = number
    term = re.search(r"\d+", _text(obj.get("programTerm")) or "")
    if term and int(term.group()) >= 1:
        rec["term"] = int(term.group())


def _program_fields(
    obj: Mapping[str, Any], rec: dict[str, Any], where: str, notes: list[str]
) -> None:
    _step_fields(obj, rec, where, notes)
    for item in _as_list(obj.get("instructionalProgramType")):
        code = _text(item.get("codedNotation")) if isinstance(item, dict) else None
        if code and _CIP.match(code.strip()):
            rec["cip"] = code.strip()
            break


def _credential_fields(
    obj: Mapping[str, Any], rec: dict[str, Any], where: str, notes: list[str]
) -> None:
    ctype = _component_type(obj)
    cls = (
        _vocab(obj.get("credentialType"))
        if ctype in (None, "CredentialComponent")
        else ctype
    )
    rec["credential_type"] = CREDENTIAL_TYPES.get(
        next((k for k in CREDENTIAL_TYPES if k.lower() == (cls or "").lower()), ""),
        "other",
    )
    credits = _credits(obj.get("creditValue"))
    if credits is not None:
        rec["credits"] = credits


def _occupation_fields(
    obj: Mapping[str, Any], rec: dict[str, Any], where: str, notes: list[str]
) -> None:
    for code in _occupation_codes(obj):
        if _SOC.match(code):
            rec["soc"] = code
            break
    months = _months(obj.get("estimatedDuration"))
    if months is not None:
        rec["months"] = months


def _occupation_codes(obj: Mapping[str, Any]) -> Iterable[str]:
    for item in _as_list(obj.get("occupationType")):
        if isinstance(item, dict):
            code = _text(item.get("codedNotation"))
            if code:
                yield code.strip()
    for key in ("codedNotation", "codeNotation"):
        code = _text(obj.get(key))
        if code:
            yield code.strip()


_KIND_FIELDS: dict[
    str, Callable[[Mapping[str, Any], dict[str, Any], str, list[str]], None]
] = {
    "credential": _credential_fields,
    "course": _course_fields,
    "assessment": _step_fields,
    "program": _program_fields,
    "occupation": _occupation_fields,
}


def _condition_fields(
    obj: Mapping[str, Any],
    n_options: int,
    constraints: Sequence[Mapping[str, Any]],
    where: str,
    notes: list[str],
) -> dict[str, Any]:
    """``label``, ``description``, ``need``, ``credits`` and ``to_confirm`` of a
    ``ComponentCondition`` with ``n_options`` options (targets and nested
    conditions) and these constraints.

    ``need``: ``requiredNumber``; else 1 for ``logicalOperator`` ``Or`` (and
    ``OnlyOne``, whose "no more than one" is kept to confirm); else all (``And`` or
    none; pathgraph's ``None``), which is no count at all when ``credits`` is set.
    A need above the number of options is lowered to it, with a warning. The first
    constraint that sums credit values (``leftAction`` ``Sum`` of
    ``schema:value``, compared ``GTEQ``/``GT``/``EQ`` to a number) is ``credits``
    when the condition has options and is not an ``Or``; every other constraint is
    a ``to_confirm`` text.
    """
    rec: dict[str, Any] = {}
    name, desc = _text(obj.get("name")), _text(obj.get("description"))
    if name:
        rec["label"] = name
        if desc:
            rec["description"] = desc
    elif desc:
        rec["label"] = desc
    op = _vocab(obj.get("logicalOperator"))
    to_confirm: list[str] = []
    need = _need(obj.get("requiredNumber"), op, where, notes)
    if op == "onlyone":
        to_confirm.append("only one of the options counts (logicalOperator OnlyOne)")
    credits: float | int | None = None
    for c in constraints:
        floor = (
            _credit_floor(c) if n_options and credits is None and op != "or" else None
        )
        if floor is None:
            to_confirm.append(_constraint_text(c))
            continue
        credits, strict = floor
        if strict:
            to_confirm.append(strict)
    if need is not None and need > n_options:
        notes.append(
            f"{where} needs {need} of {n_options} option{'s' * (n_options != 1)}; "
            f"read as {n_options or 'none'}"
        )
        need = n_options or None
    if need is not None:
        rec["need"] = need
    if credits is not None:
        rec["credits"] = credits
    if to_confirm:
        rec["to_confirm"] = to_confirm
    return rec


def _need(value: Any, op: str | None, where: str, notes: list[str]) -> int | None:
    num = _number(value)
    if num is not None and num >= 1:
        return int(num)
    if num is not None:
        notes.append(f"{where} has requiredNumber {num}; ignored")
    elif value is not None:  # not a finite number (1e400, "lots", NaN)
        shown = repr(value)[:40]
        notes.append(f"{where} has requiredNumber {shown}, not a number; ignored")
    if op in ("or", "onlyone"):
        return 1
    if op not in (None, "and"):
        notes.append(f"{where} has logicalOperator {op!r}; read as And")
    return None


# ---------------------------------------------------------------------- reading


def read_ctdl(
    path_or_data: str | os.PathLike[str] | Mapping[str, Any] | list[Any],
    *,
    progression_model: str | os.PathLike[str] | Mapping[str, Any] | None = None,
) -> Pathway:
    """Read a CTDL ``ceterms:Pathway`` JSON-LD document into a :class:`Pathway`.

    Parameters
    ----------
    path_or_data
        A file path, or the already-parsed JSON (a dict, possibly with ``@graph``, or
        a list of node objects).
    progression_model
        Optionally the ``asn:ProgressionModel`` document the pathway's
        ``hasProgressionLevel`` values point into (a path or parsed JSON). Its levels,
        ordered by ``precedes``, give each component's ``level`` (0 = first) and,
        when it has no ``componentCategory``/``componentDesignation``, its ``lane``
        (the level's label). Levels are matched on the last path segment of
        their IRI, ignoring a ``ce-`` prefix (real documents disagree on it).

    Returns
    -------
    Pathway
        One record per component and per ``ComponentCondition`` (the module
        docstring and ``docs/ctdl.md`` give the mapping). Ids are the last segment
        of each ``@id`` (the whole IRI when that is not unique); a condition written
        without ``@id`` is ``<parent id>/condition-<k>`` (k counts the parent's
        conditions from 1); the condition made for a credential with several
        conditions is ``<id>/conditions``, for one with none ``<id>/open``. A
        reference to an IRI outside the document is a condition tagged
        ``external`` (its ``url`` the IRI), to confirm. Without a progression
        model, ``level`` comes from an inline level's ``skos:notation`` when it is
        an integer.

    Warns
    -----
    CTDLWarning
        When a ``ctid`` disagrees with its ``@id``, when an ``@id`` is described twice
        with different values, when a condition is referenced but not in the
        document, when a condition needs more options than it has, when
        conditions nest inside each other in a cycle, or when a vocabulary value is
        not one pathgraph knows.

    Raises
    ------
    pathgraph.FormatError
        For invalid JSON (with line and column), several documents run together, or a
        document without a ``Pathway`` or components.

    Examples
    --------
    >>> from pathgraph.io.ctdl import read_ctdl
    >>> doc = {"@context": "https://credreg.net/ctdl/schema/context/json",
    ...        "@graph": [
    ...   {"@id": "urn:p", "@type": "ceterms:Pathway", "ceterms:name": {"en": "P"},
    ...    "ceterms:hasDestinationComponent": "urn:cert"},
    ...   {"@id": "urn:cert", "@type": "ceterms:CredentialComponent",
    ...    "ceterms:name": {"en-US": "Cert"},
    ...    "ceterms:credentialType": "ceterms:Certificate",
    ...    "ceterms:hasCondition": {"@type": "ceterms:ComponentCondition",
    ...        "ceterms:requiredNumber": 1,
    ...        "ceterms:targetComponent": ["urn:a", "urn:b"]}},
    ...   {"@id": "urn:a", "@type": "ceterms:CourseComponent", "ceterms:name": "A"},
    ...   {"@id": "urn:b", "@type": "ceterms:CourseComponent", "ceterms:name": "B"}]}
    >>> p = read_ctdl(doc)
    >>> p.node("cert").credential_type, p.node("cert").destination
    ('certificate', True)
    >>> p.node("cert/condition-1").need
    1
    >>> for r in sorted(p.relations, key=lambda r: (r.kind, r.source)):
    ...     print(r.kind, r.source, "->", r.target)
    awards cert/condition-1 -> cert
    requires a -> cert/condition-1
    requires b -> cert/condition-1
    """
    if isinstance(path_or_data, str | os.PathLike):
        text, source = read_text(path_or_data), str(path_or_data)
        pathway, notes = _read(text, source, progression_model)
    else:
        notes = []
        with no_gc():  # many small objects, none garbage until the pathway is built
            objs = _objects(path_or_data, "<data>")
            reader = _Reader(objs, "<data>", _levels(progression_model), notes)
            pathway = reader.build()
    _warn(notes)
    return pathway


def loads_ctdl(
    text: str,
    source: str = "<string>",
    *,
    progression_model: str | os.PathLike[str] | Mapping[str, Any] | None = None,
) -> Pathway:
    """Read a CTDL JSON-LD document from text (see :func:`read_ctdl`).

    The pathway records where each record's object starts in the text (line and
    column, one-line JSON included) in :attr:`Pathway.locations`: a component's or
    condition's own object; for a record the reader makes up (an open or all-of
    condition, an external reference), the object it was made for.

    Examples
    --------
    >>> from pathgraph.io.ctdl import loads_ctdl
    >>> p = loads_ctdl('''{"@graph": [
    ...   {"@id": "urn:p", "@type": "ceterms:Pathway", "ceterms:name": "P"},
    ...   {"@id": "urn:c", "@type": "ceterms:CredentialComponent", "ceterms:name": "C"}
    ... ]}''', "p.jsonld")
    >>> print(p.locations["c"])
    p.jsonld:3:3
    """
    pathway, notes = _read(text, source, progression_model)
    _warn(notes)
    return pathway


def _read(
    text: str,
    source: str,
    progression_model: str | os.PathLike[str] | Mapping[str, Any] | None,
) -> tuple[Pathway, list[str]]:
    """The pathway of a document's text, located, and the warnings to give."""
    with no_gc():  # many small objects, none garbage until the pathway is built
        return _read_located(text, source, progression_model)


def _read_located(
    text: str,
    source: str,
    progression_model: str | os.PathLike[str] | Mapping[str, Any] | None,
) -> tuple[Pathway, list[str]]:
    data, starts = _parse(text, source)
    objs = _objects(data, source)
    if any(path not in starts for path, _ in objs):
        # A node object with an @graph of its own (rare): walk down to it as well.
        inside = {path[:k] for path, _ in objs for k in range(len(path))}
        starts = _parse(text, source, inside.__contains__)[1]
    first: dict[str, int] = {}
    for path, obj in objs:  # in file order; an @id described twice: the first
        if isinstance(obj.get("@id"), str) and path in starts:
            first.setdefault(obj["@id"], starts[path])
    inline: dict[str, dict[JsonPath, int]] = {}

    def offset(anchor: str, path: JsonPath) -> int | None:
        at = first.get(anchor)
        if at is None or not path:
            return at
        if anchor not in inline:
            inline[anchor] = _inline_starts(text, at)
        return inline[anchor].get(path, at)

    notes: list[str] = []
    reader = _Reader(objs, source, _levels(progression_model), notes, offset)
    pathway = reader.build()
    lines = LineIndex(text)
    found = sorted((at, ident) for ident, at in reader.offsets.items())
    pathway.set_locations({ident: lines.location(source, at) for at, ident in found})
    return pathway, notes


def _warn(notes: list[str]) -> None:
    """Give the reading's warnings, from the caller of the public reader."""
    for note in notes:
        warnings.warn(note, CTDLWarning, stacklevel=3)


def _levels(
    model: str | os.PathLike[str] | Mapping[str, Any] | None,
) -> dict[str, tuple[int, str]]:
    """Level key -> (ordinal, label) from a progression model document."""
    if model is None:
        return {}
    if isinstance(model, str | os.PathLike):
        data = _parse(read_text(model), str(model))[0]
    else:
        data = model
    objs = [
        o
        for _, o in _objects(data, "<progression model>")
        if "ProgressionLevel" in _types(o)
    ]
    by_key = {_level_key(str(o.get("@id", ""))): o for o in objs}
    nexts = {
        k: {_level_key(str(i)) for i in _ids(o.get("precedes")) if isinstance(i, str)}
        for k, o in by_key.items()
    }
    indegree = dict.fromkeys(by_key, 0)
    for targets in nexts.values():
        for t in targets:
            if t in indegree:
                indegree[t] += 1
    order: list[str] = []
    ready = sorted(k for k, d in indegree.items() if d == 0)
    while ready:  # Kahn's algorithm; ties broken by key for determinism
        k = ready.pop(0)
        order.append(k)
        for t in sorted(nexts[k]):
            if t in indegree:
                indegree[t] -= 1
                if indegree[t] == 0:
                    ready.append(t)
        ready.sort()
    order += sorted(k for k in by_key if k not in order)
    return {k: (i, _text(by_key[k].get("prefLabel")) or k) for i, k in enumerate(order)}


def _level_key(iri: str) -> str:
    tail = re.split(r"[/:#]", iri.rstrip("/"))[-1]
    return tail[3:] if tail.startswith("ce-") else tail


def _nothing_to_read(
    by_id: Mapping[str, Mapping[str, Any]], source: str
) -> FormatError:
    found = sorted({t for o in by_id.values() for t in _types(o)})
    return FormatError(
        [
            Problem(
                source,
                "no ceterms:Pathway and no pathway components found (types: "
                + (", ".join(found) or "none")
                + ")",
                "read a Pathway document; pass a ProgressionModel as "
                "progression_model=",
            )
        ]
    )


def _destinations(
    pathways: list[dict[str, Any]], components: list[dict[str, Any]]
) -> set[str]:
    """IRIs of the destination components, named from either side."""
    out = {
        d
        for p in pathways
        for key in ("hasDestinationComponent", "hasRoot")
        for d in _ids(p.get(key))
        if isinstance(d, str)
    }
    for obj in components:
        if (
            _ids(obj.get("isDestinationComponentFor"))
            or _ids(obj.get("isRootOf"))
            or _ids(obj.get("isDestinationComponentOf"))
        ):
            out.add(obj["@id"])
    return out


class _Relations:
    """The relations read, each added once (a later duplicate is ignored)."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        self._seen: dict[tuple[Any, ...], int] = {}

    def add(
        self,
        kind: str,
        src: str | None,
        tgt: str | None,
        group: str | None = None,
        need: int | None = None,
    ) -> None:
        if src is None or tgt is None or src == tgt:
            return
        key = (kind, src, tgt, group)
        if key in self._seen:
            return
        self._seen[key] = len(self.records)
        rel: dict[str, Any] = {"kind": kind, "source": src, "target": tgt}
        if group is not None:
            rel["group"] = group
        if need is not None:
            rel["need"] = need
        self.records.append(rel)

    def put(self, rel: Mapping[str, Any]) -> None:
        """A relation as pathgraph wrote it (``pg:relations``): replaces the one
        read from CTDL with the same kind, ends and group, or is added."""
        key = (rel.get("kind"), rel.get("source"), rel.get("target"), rel.get("group"))
        if key in self._seen:
            self.records[self._seen[key]] = dict(rel)
        else:
            self._seen[key] = len(self.records)
            self.records.append(dict(rel))


@dataclass
class _Cond:
    """A ``ComponentCondition`` of the document, and where it is written."""

    ident: str
    obj: Mapping[str, Any]
    anchor: str | None  # @id of the top-level object it is written in
    path: JsonPath  # its place inside that object
    owner: str  # id of the record or condition it was first found in
    k: int  # its position in the owner's conditions, from 1
    options: list[str] = field(default_factory=list)
    nested: list[str] = field(default_factory=list)


#: A component's ``hasCondition`` entry: ``("cond", id)`` or ``("marker", (object,
#: option ids))``.
_Entry = tuple[str, Any]


class _Reader:
    """Builds the pathway of a document's (normalised) node objects.

    Every condition object is visited once, whatever the nesting and however often
    it is referenced (a shared condition is one record), so reading is linear in
    the size of the document; nothing recurses over conditions.
    """

    def __init__(
        self,
        objs: list[tuple[JsonPath, dict[str, Any]]],
        source: str,
        levels: Mapping[str, tuple[int, str]],
        notes: list[str],
        offset: Callable[[str, JsonPath], int | None] | None = None,
    ) -> None:
        self.source, self.levels, self.notes = source, levels, notes
        self.offset_of = offset
        self.by_id = _merge([obj for _, obj in objs], source, notes)
        self.used: set[str] = set()
        self.local: dict[str, str] = {}  # IRI -> id
        self.kind: dict[str, str] = {}  # id -> kind
        self.labels: dict[str, str] = {}
        self.conds: dict[str, _Cond] = {}
        self.embedded: dict[int, str] = {}  # id() of an inline condition -> its id
        self.entries: dict[str, list[_Entry]] = {}  # component IRI -> entries
        self.anchor: dict[str, tuple[str | None, JsonPath]] = {}
        self.made: list[dict[str, Any]] = []  # records the reader makes up
        self.rels = _Relations()
        self.offsets: dict[str, int] = {}
        self._covered: dict[str, set[str]] = {}
        self._kids: dict[str, set[str | None]] = {}

    def build(self) -> Pathway:
        """The pathway (and :attr:`offsets`, where each record's object starts)."""
        objects = list(self.by_id.values())
        pathways: list[dict[str, Any]] = []
        comps: list[dict[str, Any]] = []
        records: list[dict[str, Any]] = []
        tops: list[dict[str, Any]] = []
        for o in objects:
            types = _types(o)
            if any(t in COMPONENT_KINDS or t in CREDENTIAL_TYPES for t in types):
                comps.append(o)
            elif "Pathway" in types:
                pathways.append(o)
            elif "ComponentCondition" in types:
                tops.append(o)
            elif any(t in RECORD_KINDS for t in types):
                records.append(o)
        if not pathways and not comps:
            raise _nothing_to_read(self.by_id, self.source)
        for obj in comps + records:
            self._name(obj)
        for obj in tops:
            self._new_condition(obj, obj["@id"], obj["@id"], (), "", 0)
        for obj in comps + tops:
            self._register_tree(obj)
        for obj in comps:
            owner = self.local[obj["@id"]]
            self.entries[obj["@id"]] = self._entries(obj, owner, obj["@id"])
        for cond in self.conds.values():
            self._options(cond)
        self._warn_cycles()
        destinations = _destinations(pathways, comps)
        made = {
            self.local[o["@id"]]: self._node(o, o["@id"] in destinations)
            for o in comps + records
        }
        for obj in comps:
            self._component_relations(obj)
        made.update((c, self._condition(cond)) for c, cond in self.conds.items())
        # Document order (a pathway pathgraph wrote: the pathway's own order).
        tops_first = [self.local.get(o["@id"], "") for o in objects]
        nodes = [made.pop(i) for i in tops_first if i in made]
        nodes += made.values()
        pw = pathways[0] if pathways else {}
        for rel in _as_list(pw.get("pg:relations")):
            if isinstance(rel, dict):
                self.rels.put(rel)
        pathway = _pathway(pw, nodes + self.made, self.rels, self.source)
        self._locate()
        return pathway

    # -- ids ----------------------------------------------------------------

    def _unique(self, ident: str) -> str:
        base, n = ident, 2
        while ident in self.used:
            ident, n = f"{base}-{n}", n + 1
        self.used.add(ident)
        return ident

    def _name(self, obj: Mapping[str, Any]) -> None:
        iri = obj["@id"]
        ident = _local_id(iri, self.used)
        self.used.add(ident)
        self.local[iri] = ident
        kind = _pg_data(obj).get("kind")
        if not (isinstance(kind, str) and kind in NODE_TYPES):
            ctype = _component_type(obj)
            kind = COMPONENT_KINDS.get(ctype, "credential") if ctype else None
        self.kind[ident] = kind or _record_kind(obj) or "condition"
        self.anchor[ident] = (iri, ())

    def _new_condition(
        self,
        obj: Mapping[str, Any],
        iri: str | None,
        anchor: str | None,
        path: JsonPath,
        owner: str,
        k: int,
    ) -> str:
        if iri is not None:
            ident = _local_id(iri, self.used)
            self.used.add(ident)
            self.local[iri] = ident
        else:
            ident = self._unique(self._anonymous_id(owner, k, anchor))
        self.kind[ident] = "condition"
        self.conds[ident] = _Cond(ident, obj, anchor, path, owner, k)
        self.anchor[ident] = (anchor, path)
        return ident

    def _anonymous_id(self, owner: str, k: int, anchor: str | None) -> str:
        """``<owner>/condition-<k>`` under a record or a condition with an
        ``@id``; ``<parent>.<k>`` under a condition without one
        (``x/condition-1.2``); past :data:`ID_DEPTH` characters,
        ``<record>/condition-deep``."""
        owner_cond = self.conds.get(owner)
        if owner_cond is not None and owner_cond.obj.get("@id") is None:
            ident = f"{owner}.{k}"
        else:
            ident = f"{owner}/condition-{k}"
        if len(ident) > ID_DEPTH:
            root = self.local.get(anchor or "", owner)
            ident = f"{root[: ID_DEPTH // 2]}/condition-deep"
        return ident

    def _register_tree(self, root: Mapping[str, Any]) -> None:
        """Give every condition written inside ``root`` (at any depth) its id."""
        anchor = root["@id"]
        todo: list[tuple[Mapping[str, Any], str, JsonPath]] = [
            (root, self.local[anchor], ())
        ]
        while todo:
            holder, owner, at = todo.pop()
            for j, entry in enumerate(_as_list(holder.get("hasCondition"))):
                if not isinstance(entry, dict) or not set(entry) - {"@id"}:
                    continue
                here = (*at, "hasCondition", j)
                if _is_marker(entry):
                    todo.append((entry, owner, here))
                    continue
                iri = _iri_of(entry)
                if iri is not None and iri in self.local:
                    continue  # described in full elsewhere
                ident = self._new_condition(entry, iri, anchor, here, owner, j + 1)
                self.embedded[id(entry)] = ident
                todo.append((entry, ident, here))

    # -- references ---------------------------------------------------------

    def ref(self, item: Any, owner: str) -> str | None:
        """The id of a referenced record (an external condition when the IRI is
        not in the document)."""
        iri = _iri_of(item)
        if iri is None:
            return None
        ident = self.local.get(iri)
        if ident is None:
            ident = self.local[iri] = _local_id(iri, self.used)
            self.used.add(ident)
            self.kind[ident] = "condition"
            self.anchor[ident] = self.anchor.get(owner, (None, ()))
            self.made.append(
                {
                    "kind": "condition",
                    "id": ident,
                    "label": iri,
                    "url": iri,
                    "tags": ["external"],
                    "to_confirm": [f"{iri}: not described in this document"],
                }
            )
        return ident

    def _entries(
        self, holder: Mapping[str, Any], owner: str, where: str
    ) -> list[_Entry]:
        """The conditions a component or condition lists (markers decoded apart)."""
        out: list[_Entry] = []
        for entry in _as_list(holder.get("hasCondition")):
            if _is_marker(entry):
                nested = [
                    v for t, v in self._entries(entry, owner, where) if t == "cond"
                ]
                targets = [
                    self.ref(t, owner) for t in _ids(entry.get("targetComponent"))
                ]
                options = [o for o in targets if o is not None] + nested
                out.append(("marker", (entry, options)))
                continue
            ident = self.embedded.get(id(entry))
            iri = _iri_of(entry)
            if ident is None and iri is not None:
                ident = self.local.get(iri)
            if ident is not None and self.kind.get(ident) == "condition":
                out.append(("cond", ident))
            else:
                self.notes.append(
                    f"{self.source}: {where}: condition {iri or entry!r} is not in "
                    "the document; ignored"
                )
        return out

    def _options(self, cond: _Cond) -> None:
        opts = [self.ref(t, cond.ident) for t in _ids(cond.obj.get("targetComponent"))]
        where = str(cond.obj.get("@id") or cond.anchor)
        for tag, value in self._entries(cond.obj, cond.ident, where):
            if tag == "cond":
                opts.append(value)
                cond.nested.append(value)
        cond.options = [o for o in dict.fromkeys(opts) if o and o != cond.ident]

    def _warn_cycles(self) -> None:
        """Warn about conditions nested inside each other (iterative DFS)."""
        state: dict[str, int] = {}
        cycles: list[list[str]] = []
        for start in self.conds:
            if start in state:
                continue
            state[start] = 1
            path = [start]
            stack = [iter(self.conds[start].nested)]
            while stack:
                nxt = next(stack[-1], None)
                if nxt is None:
                    state[path.pop()] = 2
                    stack.pop()
                elif state.get(nxt) == 1:
                    cycles.append([*path[path.index(nxt) :], nxt])
                elif nxt not in state:
                    state[nxt] = 1
                    path.append(nxt)
                    stack.append(iter(self.conds[nxt].nested))
        for cycle in cycles[:5]:
            self.notes.append(
                f"{self.source}: conditions nest inside each other in a cycle "
                f"({' -> '.join(cycle)}): none of them is met through the others"
            )

    # -- records ------------------------------------------------------------

    def _node(self, obj: Mapping[str, Any], destination: bool) -> dict[str, Any]:
        iri = obj["@id"]
        ident = self.local[iri]
        ctid = _text(obj.get("ctid"))
        if ctid and _REGISTRY in iri and not iri.rstrip("/").endswith(ctid):
            self.notes.append(
                f"{self.source}: component {iri} has ctid {ctid!r}, which disagrees "
                "with its @id; keeping the ctid"
            )
        where = f"{self.source}: {iri}"
        rec = _record(
            obj, self.kind[ident], ident, destination, self.levels, where, self.notes
        )
        rec.update(_pg_fields(obj))
        self.labels[ident] = rec["label"]
        return rec

    def _condition(self, cond: _Cond) -> dict[str, Any]:
        where = f"{self.source}: condition {cond.obj.get('@id') or cond.ident}"
        constraints = []
        for item in _as_list(cond.obj.get("hasConstraint")):
            found = self.by_id.get(item) if isinstance(item, str) else item
            if isinstance(item, dict) and set(item) == {"@id"}:
                found = self.by_id.get(item["@id"])
            if isinstance(found, dict):
                constraints.append(found)
            else:
                self.notes.append(f"{where}: constraint {item} is not in the document")
        fields = _condition_fields(
            cond.obj, len(cond.options), constraints, where, self.notes
        )
        label = fields.pop("label", None)
        if label is None:
            owner = self.labels.get(cond.owner)
            label = f"Condition {cond.k} of {owner}" if owner else cond.ident
        rec = {"kind": "condition", "id": cond.ident, "label": label, **fields}
        rec.update(_pg_fields(cond.obj))
        self.labels[cond.ident] = rec["label"]
        for option in cond.options:
            self.rels.add("requires", option, cond.ident)
        return rec

    def _make(self, owner: str, suffix: str, label: str, description: str) -> str:
        """A condition the reader makes up for ``owner`` (located with it)."""
        ident = self._unique(f"{owner}/{suffix}")
        self.kind[ident] = "condition"
        self.anchor[ident] = self.anchor[owner]
        self.made.append(
            {
                "kind": "condition",
                "id": ident,
                "label": label,
                "description": description,
            }
        )
        return ident

    # -- relations ----------------------------------------------------------

    def _component_relations(self, obj: Mapping[str, Any]) -> None:
        """A component's conditions (markers decoded), then its other links."""
        iri = obj["@id"]
        x = self.local[iri]
        kind = self.kind[x]
        real: list[str] = []
        earned = False
        for tag, value in self.entries.get(iri, []):
            if tag == "cond":
                real.append(value)
            else:
                earned = self._marker(value, x) or earned
        if kind == "credential":
            held_only = any(v is True for v in _as_list(obj.get("pg:heldOnly")))
            self._earning(x, real, earned or held_only)
        else:
            for c in real:
                self.rels.add("requires", c, x)
        self._links(obj, x, kind)

    def _earning(self, x: str, real: list[str], earned: bool) -> None:
        """How a credential is earned: its one condition, all of its conditions,
        or (none, and no way to earn it written by pathgraph) by anyone."""
        label = self.labels[x]
        if len(real) == 1:
            self.rels.add("awards", real[0], x)
        elif real:
            every = self._make(x, "conditions", _EVERY[0].format(label), _EVERY[1])
            for c in real:
                self.rels.add("requires", c, every)
            self.rels.add("awards", every, x)
        elif not earned:
            open_ = self._make(x, "open", _OPEN[0].format(label), _OPEN[1])
            self.rels.add("awards", open_, x)

    def _marker(self, value: tuple[Mapping[str, Any], list[str]], x: str) -> bool:
        """The relations a condition written by pathgraph stands for; True when it
        lists the ways to earn ``x``."""
        obj, options = value
        group = _text(obj.get("pg:group"))
        relation = _text(obj.get("pg:relation"))
        options = [o for o in dict.fromkeys(options) if o != x]
        if group is not None:
            need = _number(obj.get("requiredNumber"))
            for o in options:
                self.rels.add("requires", o, x, group, int(need) if need else None)
        elif relation in ("earn", "entry"):
            pair = (
                ("stacks_into", "awards")
                if relation == "earn"
                else ("qualifies_for", "advances_to")
            )
            for o in options:  # a credential stacks / qualifies; the rest award
                credential = self.kind.get(o) == "credential"
                self.rels.add(pair[0] if credential else pair[1], o, x)
            return relation == "earn"
        elif relation == "requires":
            for o in options:
                self.rels.add("requires", o, x)
        else:
            self.notes.append(f"{self.source}: {x}: unknown pg:relation {relation!r}")
        return False

    def _links(self, obj: Mapping[str, Any], x: str, kind: str) -> None:
        """Children, prerequisites, order and providers of a component."""
        iri = obj["@id"]
        children = [
            self.ref(c, x)
            for key in ("hasChild", "isParentOf")
            for c in _ids(obj.get(key))
        ]
        if children:
            covered = self.covered(iri)
            for child in children:
                if child not in covered:
                    self.rels.add("requires", child, x)
        for item in _ids(obj.get("prerequisite")):
            r = self.ref(item, x)
            both = kind == "course" and self.kind.get(r or "") == "course"
            self.rels.add("prerequisite_of" if both else "requires", r, x)
        for parent in _ids(obj.get("isChildOf")):
            p = _iri_of(parent)
            if p is None or p not in self.local or self.local[p] in self.conds:
                continue
            if iri not in self._children(p) and x not in self.covered(p):
                self.rels.add("requires", x, self.local[p])
        for later in _ids(obj.get("precedes")):
            self.rels.add("requires", x, self.ref(later, x))
        for earlier in _ids(obj.get("precededBy")):
            self.rels.add("requires", self.ref(earlier, x), x)
        for org in _ids(obj.get("offeredBy")):
            o = self.local.get(_iri_of(org) or "")
            if o is not None and self.kind.get(o) == "provider":
                self.rels.add("offered_by", x, o)

    def _children(self, iri: str) -> set[str | None]:
        """The IRIs a component lists as its children."""
        if iri not in self._kids:
            obj = self.by_id.get(iri, {})
            self._kids[iri] = {
                _iri_of(c) for k in ("hasChild", "isParentOf") for c in _ids(obj.get(k))
            }
        return self._kids[iri]

    def covered(self, iri: str) -> set[str]:
        """The records a component's conditions (at any depth) and prerequisites
        name: its ``hasChild`` entries among them are not links of their own."""
        if iri in self._covered:
            return self._covered[iri]
        out: set[str] = set()
        seen: set[str] = set()
        todo: list[str] = []
        for tag, value in self.entries.get(iri, []):
            if tag == "cond":
                todo.append(value)
            else:
                todo.extend(value[1])
        while todo:
            c = todo.pop()
            if c in seen:
                continue
            seen.add(c)
            out.add(c)
            cond = self.conds.get(c)
            if cond is not None:
                todo.extend(cond.options)
        obj = self.by_id.get(iri, {})
        x = self.local.get(iri)
        out.update(
            r
            for r in (self.ref(p, x or "") for p in _ids(obj.get("prerequisite")))
            if r
        )
        self._covered[iri] = out
        return out

    def _locate(self) -> None:
        if self.offset_of is None:
            return
        for ident, (anchor, path) in self.anchor.items():
            at = self.offset_of(anchor, path) if anchor is not None else None
            if at is not None:
                self.offsets[ident] = at


def _record_kind(obj: Mapping[str, Any]) -> str | None:
    for t in _types(obj):
        if t in RECORD_KINDS:
            return RECORD_KINDS[t]
    return None


def _pg_fields(obj: Mapping[str, Any]) -> dict[str, Any]:
    """The record fields in ``pg:data`` (not ``kind`` nor ``id``)."""
    return {k: v for k, v in _pg_data(obj).items() if k not in ("kind", "id")}


def _pathway(
    pw: Mapping[str, Any],
    nodes: list[dict[str, Any]],
    relations: _Relations,
    source: str,
) -> Pathway:
    title = (
        _text(pw.get("name"))
        or _text(pw.get("title"))
        or Path(source).stem
        or "CTDL pathway"
    )
    doc: dict[str, Any] = {
        "title": title,
        "nodes": nodes,
        "relations": relations.records,
    }
    if titles := _languages(pw.get("name")):
        doc["titles"] = titles
    desc = _text(pw.get("description"))
    if desc:
        doc["description"] = desc
    doc.update(_pg_fields(pw))
    try:
        return Pathway(**doc)
    except FormatError:
        raise
    except Exception as exc:
        if isinstance(exc, ValidationError):
            raise ValidationError(exc.problems, source=source) from exc
        raise FormatError([Problem(source, f"cannot build a pathway: {exc}")]) from exc


# ---------------------------------------------------------------------- writing


def _iri(ident: str) -> str:
    return ID_BASE + quote(ident, safe="")


def _lang(text: str, texts: Mapping[str, str] | None = None) -> dict[str, str]:
    """A CTDL language map: every language of ``texts`` when given (a record
    written in several languages; ``text`` in the language it was read in), else
    ``text`` as ``en-US``."""
    return with_text(dict(texts), text) if texts and text else {"en-US": text}


def _languages(value: Any) -> dict[str, str]:
    """Every language of a CTDL language map (``{"en": ..., "es": ...}``), when
    it has two or more, keyed by BCP 47 code; else empty (one text is a label)."""
    if not isinstance(value, Mapping) or "@value" in value:
        return {}
    out = {}
    for lang, val in value.items():
        text = next(
            (v for v in _as_list(val) if isinstance(v, str) and v.strip()), None
        )
        if text is not None and LANGUAGE_CODE.fullmatch(str(lang)):
            out[str(lang)] = text
    return dict(sorted(out.items())) if len(out) > 1 else {}


def _json(value: Any) -> dict[str, Any]:
    """A JSON literal (JSON-LD 1.1 ``@json``): pathgraph data other tools skip."""
    return {"@type": "@json", "@value": value}


_LOGIC = _VOCABS + "logic/"


def dumps_ctdl(
    pathway: Pathway,
    *,
    ctid: str | None = None,
    owned_by: str | None = None,
    url: str | None = None,
) -> str:
    """CTDL JSON-LD text for a pathway: one ``@graph`` with a ``ceterms:Pathway``.

    Records become components (a program a ``CourseComponent``), conditions
    ``ComponentCondition`` objects of their own (options as ``targetComponent`` and
    ``hasCondition``, ``requiredNumber``, ``logicalOperator``, a credit-total
    ``Constraint`` and one described ``Constraint`` per text to confirm),
    providers ``CredentialOrganization``\\ s. A requirement group is a condition
    on its target; the ways to earn a credential are what CTDL says when it can
    (its one condition; no condition: open) and otherwise one "any of" condition
    on it (programs, assessments and conditions that award it, credentials that
    stack into it); an occupation's qualifying credentials and jobs another.
    ``docs/ctdl.md`` has the table. What CTDL has no term for is kept as pathgraph
    data (``pg:data``, ``pg:relations``, ``pg:group``...), which other CTDL tools
    ignore and :func:`read_ctdl` restores: reading the text back gives the same
    pathway. Ids become ``@id`` IRIs under ``https://pathgraph.invalid/resources/``
    (the reader turns them back into the same ids). The text is deterministic:
    keys sorted, records in pathway order.

    Parameters
    ----------
    pathway
        The pathway.
    ctid, owned_by, url
        The pathway's own CTID, the IRI of the organization that owns it, and its
        web page. The Credential Registry requires all three on a ``Pathway`` (and
        a ``ctid`` and ``url`` on every record) before it accepts a document;
        pathgraph's model does not hold them for the pathway itself.

    Warns
    -----
    CTDLWarning
        Naming what was kept only as pathgraph data, when anything was.

    Examples
    --------
    >>> import pathgraph, json, warnings
    >>> from pathgraph.io.ctdl import CTDLWarning, dumps_ctdl, read_ctdl
    >>> p = pathgraph.read("examples/bht.yaml")
    >>> with warnings.catch_warnings(record=True) as lost:
    ...     warnings.simplefilter("always")
    ...     doc = json.loads(dumps_ctdl(p))
    >>> doc["@graph"][0]["@type"]
    'ceterms:Pathway'
    >>> read_ctdl(doc) == p
    True
    >>> "wage_median" in str(lost[0].message)
    True
    """
    text, lost = _dumps(pathway, ctid, owned_by, url)
    _warn_lost(lost)
    return text


def write_ctdl(
    pathway: Pathway,
    path: str | os.PathLike[str],
    *,
    ctid: str | None = None,
    owned_by: str | None = None,
    url: str | None = None,
) -> None:
    """Write a pathway as CTDL JSON-LD (see :func:`dumps_ctdl`), atomically.

    Nothing is left at ``path`` if writing fails. ``ctid``, ``owned_by`` and ``url``
    are passed to :func:`dumps_ctdl`.

    Examples
    --------
    >>> import os, tempfile, warnings, pathgraph
    >>> from pathgraph.io.ctdl import write_ctdl, read_ctdl
    >>> p = pathgraph.read("examples/bht.yaml")
    >>> out = os.path.join(tempfile.mkdtemp(), "bht.jsonld")
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     write_ctdl(p, out)
    >>> read_ctdl(out) == p
    True
    """
    text, lost = _dumps(pathway, ctid, owned_by, url)
    _warn_lost(lost)
    atomic_write(path, text)


def _dumps(
    pathway: Pathway, ctid: str | None, owned_by: str | None, url: str | None
) -> tuple[str, Counter[tuple[str, str]]]:
    writer = _Writer(pathway)
    doc = writer.document(ctid=ctid, owned_by=owned_by, url=url)
    text = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return text, writer.lost


def _warn_lost(lost: Counter[tuple[str, str]]) -> None:
    """One warning naming, by category, what CTDL has no term for."""
    if not lost:
        return
    by: dict[str, list[str]] = defaultdict(list)
    for (category, what), n in sorted(lost.items()):
        by[category].append(f"{what} ({n})")
    order = (
        "records",
        "record fields",
        "relations",
        "attributes of relations",
        "pathway fields",
    )
    parts = "; ".join(f"{c}: {', '.join(by[c])}" for c in order if by[c])
    warnings.warn(
        "CTDL has no term for part of this pathway; it is kept as pathgraph data "
        f"(pg: terms, which other CTDL tools ignore): {parts}",
        CTDLWarning,
        stacklevel=3,
    )


_DEFAULTS: dict[str, dict[str, Any]] = {}


def _defaults(kind: str) -> dict[str, Any]:
    """Every field of a record of this kind at its default, as JSON values."""
    if kind not in _DEFAULTS:
        blank = NODE_TYPES[kind].model_construct(id="", label="")
        _DEFAULTS[kind] = blank.model_dump(mode="json")
    return _DEFAULTS[kind]


#: What CTDL carries of each relation kind (its ends; and a requirement group's
#: name and need): the rest of a relation goes to ``pg:relations``.
_CARRIED_KINDS = frozenset(
    {
        "requires",
        "awards",
        "stacks_into",
        "qualifies_for",
        "advances_to",
        "prerequisite_of",
        "offered_by",
    }
)


class _Writer:
    """Turns a pathway into CTDL objects (see :func:`dumps_ctdl`)."""

    def __init__(self, pathway: Pathway) -> None:
        self.pathway = pathway
        self.node = {n.id: n for n in pathway.nodes}
        self.type = {n.id: _written_type(n) for n in pathway.nodes}
        self.into: dict[str, list[Any]] = defaultdict(list)
        self.offered: dict[str, list[str]] = defaultdict(list)
        self.extra: list[dict[str, Any]] = []
        self.lost: Counter[tuple[str, str]] = Counter()
        self.pw_iri = ID_BASE + "pathway"
        self.earned: dict[str, list[str]] = {}
        self.skip: set[str] = set()  # conditions the reader makes again
        self.uses: Counter[str] = Counter()  # relations out of each record
        self.attributed: set[str] = set()  # records in relations with attributes
        for rel in pathway.relations:
            self._sort(rel)

    def form(self, ident: str) -> str:
        """``condition`` (a ``ComponentCondition``), ``record`` (organization,
        service, agreement) or ``component``."""
        t = self.type[ident]
        if t == "ComponentCondition":
            return "condition"
        return "record" if self.node[ident].kind in RECORD_KIND_SET else "component"

    def _sort(self, rel: Any) -> None:
        """File a relation under what carries it: its target's conditions, its
        source's ``offeredBy``, or ``pg:relations``."""
        kind, src, tgt = rel.kind, rel.source, rel.target
        attrs = {"kind": kind, **rel.model_dump(mode="json", exclude_defaults=True)}
        keep = {"kind", "source", "target"}
        if kind == "requires" and rel.group is not None:
            keep |= {"group", "need"}
        carried = kind in _CARRIED_KINDS and not (
            kind == "offered_by" and self.form(src) != "component"
        )
        if carried and kind == "offered_by":
            self.offered[src].append(tgt)
        elif carried:
            self.into[tgt].append(rel)
        if not carried:
            self.lost["relations", kind] += 1
        elif set(attrs) - keep:
            self.lost["attributes of relations", kind] += 1
        if not carried or set(attrs) - keep:
            self.extra.append(attrs)
            self.attributed.update((src, tgt))
        self.uses[src] += 1

    def document(
        self, *, ctid: str | None, owned_by: str | None, url: str | None
    ) -> dict[str, Any]:
        pw = self._pathway_object(ctid, owned_by, url)
        graph: list[dict[str, Any]] = [pw]
        write = {
            "component": self._component,
            "record": self._record,
            "condition": self._condition,
        }
        objects = {}
        for n in self.pathway.nodes:  # in pathway order, which the reader keeps
            objects[n.id] = write[self.form(n.id)](n)
        graph += [obj for ident, obj in objects.items() if ident not in self.skip]
        if self.extra:
            pw["pg:relations"] = _json(self.extra)
        context: list[Any] = ["https://credreg.net/ctdl/schema/context/json"]
        return {"@context": [*context, {"pg": PG}], "@graph": graph}

    def _pathway_object(
        self, ctid: str | None, owned_by: str | None, url: str | None
    ) -> dict[str, Any]:
        """The ``ceterms:Pathway`` object, naming the destination components."""
        p = self.pathway
        if ctid:
            self.pw_iri = "https://" + _REGISTRY + ctid
        pw: dict[str, Any] = {
            "@id": self.pw_iri,
            "@type": "ceterms:Pathway",
            "ceterms:name": _lang(p.title, p.titles),
            "ceterms:description": _lang(p.description or ""),
            "ceterms:inLanguage": ["en-US"],
        }
        if ctid:
            pw["ceterms:ctid"] = ctid
        if owned_by:
            pw["ceterms:ownedBy"] = [owned_by]
        if url:
            pw["ceterms:subjectWebpage"] = url
        dests = [
            _iri(n.id)
            for n in p.nodes
            if n.destination and self.form(n.id) == "component"
        ]
        if dests:
            pw["ceterms:hasDestinationComponent"] = dests
        data = p.model_dump(
            mode="json",
            exclude_defaults=True,
            include={"region", "sector", "version", "sources"},
        )
        if data:
            pw["pg:data"] = _json(data)
            self.lost.update(("pathway fields", k) for k in data)
        return pw

    # -- records ------------------------------------------------------------

    def _component(self, n: Any) -> dict[str, Any]:
        """The component object of a record: its type, fields and conditions."""
        ctype = self.type[n.id]
        obj: dict[str, Any] = {
            "@id": _iri(n.id),
            "@type": f"ceterms:{ctype}",
            "ceterms:name": _lang(n.label, n.labels),
            "ceterms:description": _lang(n.description or "", n.descriptions),
            "ceterms:isPartOf": [self.pw_iri],
        }
        if n.ctid:
            obj["ceterms:ctid"] = n.ctid
        if n.url:
            obj["ceterms:subjectWebpage"] = n.url
        tags = [t for t in n.tags if t != f"ctdl:{ctype}"]
        if tags:
            obj["ceterms:keyword"] = tags
        if n.lane:
            obj["ceterms:componentCategory"] = _lang(n.lane)
        if n.level is not None:
            obj["asn:hasProgressionLevel"] = [
                {
                    "@id": f"{self.pw_iri}/level/{n.level}",
                    "@type": "asn:ProgressionLevel",
                    "skos:notation": str(n.level),
                }
            ]
        if n.destination:
            obj["ceterms:isDestinationComponentOf"] = [self.pw_iri]
        obj.update(_kind_fields(n))
        obj.update(self._links(n))
        self._keep(obj, n)
        return obj

    def _record(self, n: Any) -> dict[str, Any]:
        """An organization (a provider), or a service or agreement (``pg:`` types)."""
        ctype = self.type[n.id]
        obj: dict[str, Any] = {
            "@id": _iri(n.id),
            "@type": ctype if ctype.startswith("pg:") else f"ceterms:{ctype}",
            "ceterms:name": _lang(n.label, n.labels),
            "ceterms:description": _lang(n.description or "", n.descriptions),
        }
        if ctype.startswith("pg:"):
            self.lost["records", f"{n.kind} (pg:{n.kind.title()})"] += 1
        if n.ctid:
            obj["ceterms:ctid"] = n.ctid
        if n.url:
            obj["ceterms:subjectWebpage"] = n.url
        if n.tags:
            obj["ceterms:keyword"] = list(n.tags)
        self._keep(obj, n)
        return obj

    def _condition(self, n: Any) -> dict[str, Any]:
        """A ``ComponentCondition``: its options, count, credits and texts."""
        options = sorted(
            {r.source for r in self.into.get(n.id, ()) if r.kind == "requires"}
        )
        obj: dict[str, Any] = {
            "@id": _iri(n.id),
            "@type": "ceterms:ComponentCondition",
            "ceterms:name": _lang(n.label, n.labels),
        }
        if n.description:
            obj["ceterms:description"] = _lang(n.description, n.descriptions)
        obj.update(self._options(options))
        if n.need is not None:
            obj["ceterms:requiredNumber"] = n.need
        if n.credits is None and len(options) > 1 and n.need in (None, 1):
            obj["ceterms:logicalOperator"] = _LOGIC + (
                "And" if n.need is None else "Or"
            )
        constraints = [_credit_constraint(n.credits)] if n.credits is not None else []
        constraints += [
            {"@type": "ceterms:Constraint", "ceterms:description": _lang(text)}
            for text in n.to_confirm
        ]
        if constraints:
            obj["ceterms:hasConstraint"] = constraints
        self._keep(obj, n, len(options))
        return obj

    def _options(self, sources: Iterable[str]) -> dict[str, Any]:
        """``targetComponent`` (records) and ``hasCondition`` (conditions)."""
        out: dict[str, Any] = {}
        srcs = sorted(set(sources))
        targets = [_iri(s) for s in srcs if self.form(s) != "condition"]
        nested = [_iri(s) for s in srcs if self.form(s) == "condition"]
        if targets:
            out["ceterms:targetComponent"] = targets
        if nested:
            out["ceterms:hasCondition"] = nested
        return out

    def _keep(self, obj: dict[str, Any], n: Any, n_options: int = 0) -> None:
        """Put in ``pg:data`` every field the reader would not get back from
        ``obj`` alone (the kind too, when the CTDL type says another)."""
        norm = _norm(obj)
        if self.form(n.id) == "condition":
            got = _condition_fields(
                norm, n_options, _as_list(norm.get("hasConstraint")), "", []
            )
            got.setdefault("label", n.id)
        else:
            destination = n.destination and self.form(n.id) == "component"
            got = _record(norm, n.kind, n.id, destination, {}, "", [])
        full = {**_defaults(n.kind), **got}
        data = {
            k: v
            for k, v in n.model_dump(mode="json").items()
            if k not in ("id", "kind") and full.get(k) != v
        }
        if _natural_kind(self.type[n.id]) != n.kind:
            data["kind"] = n.kind
            self.lost["records", f"{n.kind} (as {self.type[n.id]})"] += 1
        if data:
            obj["pg:data"] = _json(data)
            self.lost.update(
                ("record fields", k) for k in data if k not in ("kind", "tags")
            )

    # -- relations ----------------------------------------------------------

    def _links(self, n: Any) -> dict[str, Any]:
        """The relations into a component, as CTDL: ``prerequisite``, its
        conditions (requirement groups, ways to earn, qualifications) and
        ``hasChild``; and the providers that offer it."""
        prereq, natural, groups, marked = self._sources(n)
        entries: list[Any] = [_iri(s) for s in sorted(set(natural))]
        if n.kind == "credential":
            entries += self._earning(n, marked.pop("earn", []))
        for g in sorted(groups):
            head = {"pg:group": g, "ceterms:name": _lang(g)}
            need = groups[g][0].need
            if need is not None:
                head["ceterms:requiredNumber"] = need
            entries.append(self._marker(head, [r.source for r in groups[g]]))
        for what, label, op in _MARKER_TEXTS:
            if marked.get(what):
                head = {
                    "pg:relation": what,
                    "ceterms:name": _lang(label.format(n.label)),
                }
                if op and len(set(marked[what])) > 1:
                    head["ceterms:logicalOperator"] = _LOGIC + op
                entries.append(self._marker(head, marked[what]))
        out: dict[str, Any] = {}
        if n.kind == "credential" and not self.earned.get(n.id):
            out["pg:heldOnly"] = True
            self.lost["records", "credential nothing in it earns (pg:heldOnly)"] += 1
        if prereq:
            out["ceterms:prerequisite"] = sorted({_iri(s) for s in prereq})
        if entries:
            out["ceterms:hasCondition"] = entries
        kids = (
            prereq + [x for v in marked.values() for x in v] + self.earned.get(n.id, [])
        )
        kids += [r.source for v in groups.values() for r in v]
        children = {s for s in kids if self.form(s) != "condition"}
        if children:
            out["ceasn:hasChild"] = sorted(_iri(s) for s in children)
        if self.offered.get(n.id):
            out["ceterms:offeredBy"] = sorted({_iri(p) for p in self.offered[n.id]})
        return out

    def _sources(
        self, n: Any
    ) -> tuple[list[str], list[str], dict[str, list[Any]], dict[str, list[str]]]:
        """The sources of the relations into ``n``, by how CTDL carries them:
        ``prerequisite``, conditions of its own, requirement groups, and the
        conditions that stand for relations (``requires``, ``earn``, ``entry``)."""
        prereq: list[str] = []
        natural: list[str] = []
        groups: dict[str, list[Any]] = defaultdict(list)
        marked: dict[str, list[str]] = defaultdict(list)
        for rel in self.into.get(n.id, ()):
            src = rel.source
            if rel.kind == "requires" and rel.group is not None:
                groups[rel.group].append(rel)
            elif rel.kind == "requires" and self.form(src) == "condition":
                (marked["requires"] if n.kind == "credential" else natural).append(src)
            elif rel.kind == "requires" and n.kind == self.node[src].kind == "course":
                marked["requires"].append(src)  # a course's prerequisite_of is apart
            elif rel.kind in ("requires", "prerequisite_of"):
                prereq.append(src)
            else:
                way = "earn" if rel.kind in ("awards", "stacks_into") else "entry"
                marked[way].append(src)
        return prereq, natural, groups, marked

    def _earning(self, n: Any, ways: list[str]) -> list[Any]:
        """The conditions of a credential that say how it is earned. As CTDL means
        them when it can: none (open: the condition the reader makes for a
        credential without conditions), the conditions an all-of condition the
        reader makes wraps, or its one condition; else one "any of" condition
        standing for every way (``pg:relation`` ``earn``)."""
        self.earned[n.id] = ways
        if len(ways) == 1 and self.form(ways[0]) == "condition":
            (way,) = ways
            made = self._made(way, n)
            if made == "open":
                self.skip.add(way)
                return []
            options = self._options_of(way)
            if made == "conditions" and all(
                self.form(o) == "condition" for o in options
            ):
                self.skip.add(way)
                return [_iri(o) for o in options]
            return [_iri(way)]
        if not ways:
            return []
        head = {"pg:relation": "earn", "ceterms:name": _lang(f"Ways to earn {n.label}")}
        if len(set(ways)) > 1:
            head["ceterms:logicalOperator"] = _LOGIC + "Or"
        return [self._marker(head, ways)]

    def _options_of(self, ident: str) -> list[str]:
        return sorted(
            {r.source for r in self.into.get(ident, ()) if r.kind == "requires"}
        )

    def _made(self, ident: str, cred: Any) -> str | None:
        """``open`` or ``conditions`` when ``ident`` is exactly the condition the
        reader makes for ``cred`` (written as CTDL says it, without it)."""
        options = self._options_of(ident)
        for suffix, text, fits in (
            ("open", _OPEN, not options),
            ("conditions", _EVERY, len(options) > 1),
        ):
            label, description = text[0].format(cred.label), text[1]
            if ident != f"{cred.id}/{suffix}" or not fits:
                continue
            expected = NODE_TYPES["condition"](
                id=ident, label=label, description=description
            )
            used = self.uses.get(ident, 0) == 1 and ident not in self.attributed
            if used and self.node[ident] == expected:
                return suffix
        return None

    def _marker(self, head: dict[str, Any], sources: list[str]) -> dict[str, Any]:
        """A condition standing for relations of pathgraph's (``pg:relation`` or
        ``pg:group`` says which)."""
        obj: dict[str, Any] = {"@type": "ceterms:ComponentCondition", **head}
        obj.update(self._options(sources))
        return obj


#: The conditions that stand for relations: (what, name, logical operator).
_MARKER_TEXTS = (
    ("requires", "Required for {}", "And"),
    ("earn", "Ways to earn {}", "Or"),
    ("entry", "Qualifies for {}", "Or"),
)
RECORD_KIND_SET = frozenset({"provider", "service", "agreement"})


def _written_type(n: Any) -> str:
    """The CTDL type a record is written as: the ``ctdl:<Type>`` tag it carries
    when that type is read as its kind; else its kind's type (a condition that is
    a destination: a ``BasicComponent``, since only components are destinations)."""
    for tag in n.tags:
        if tag.startswith("ctdl:") and COMPONENT_KINDS.get(tag[5:]) == n.kind:
            return str(tag[5:])
    if n.kind == "condition" and n.destination:
        return "BasicComponent"
    return _DEFAULT_TYPE[n.kind]


def _natural_kind(ctype: str) -> str:
    """The kind the reader gives a type when nothing else says."""
    if ctype == "ComponentCondition":
        return "condition"
    return COMPONENT_KINDS.get(ctype) or RECORD_KINDS.get(ctype) or "credential"


def _kind_fields(n: Any) -> dict[str, Any]:
    """Credits, months, cost, codes: the CTDL terms for a record's own fields."""
    out: dict[str, Any] = {}
    credits = getattr(n, "credits", None)
    if credits is not None:
        out["ceterms:creditValue"] = [
            {"@type": "schema:QuantitativeValue", "schema:value": credits}
        ]
    months = getattr(n, "months", None)
    if months is not None:
        out["ceterms:estimatedDuration"] = [
            {
                "@type": "ceterms:DurationProfile",
                "ceterms:exactDuration": f"P{_fmt(months)}M",
            }
        ]
    cost = getattr(n, "cost", None)
    if cost is not None:
        out["ceterms:estimatedCost"] = [
            {
                "@type": "ceterms:CostProfile",
                "ceterms:price": cost,
                "ceterms:currency": "USD",
            }
        ]
    if n.kind == "credential":
        out["ceterms:credentialType"] = "ceterms:" + CREDENTIAL_CLASSES.get(
            str(n.credential_type), "Credential"
        )
    if n.kind == "occupation" and n.soc:
        out["ceterms:occupationType"] = [
            {
                "@type": "ceterms:CredentialAlignmentObject",
                "ceterms:codedNotation": n.soc,
                "ceterms:frameworkName": _lang("O*NET-SOC"),
            }
        ]
    if n.kind == "program" and n.cip:
        out["ceterms:instructionalProgramType"] = [
            {
                "@type": "ceterms:CredentialAlignmentObject",
                "ceterms:codedNotation": n.cip,
                "ceterms:frameworkName": _lang(
                    "Classification of Instructional Programs"
                ),
            }
        ]
    if n.kind == "course":
        if n.number:
            out["ceasn:codedNotation"] = (
                f"{n.prefix} {n.number}" if n.prefix else n.number
            )
        if n.term is not None:
            out["ceterms:programTerm"] = _lang(f"Term {n.term}")
    return out


def _credit_constraint(credits: float) -> dict[str, Any]:
    """The ``Constraint`` "the options' credit values add up to at least N"."""
    return {
        "@type": "ceterms:Constraint",
        "ceterms:description": _lang(f"credits add up to at least {_fmt(credits)}"),
        "ceterms:leftAction": _VOCABS + "array/Sum",
        "ceterms:leftSource": ["https://schema.org/value"],
        "ceterms:comparator": _VOCABS + "compare/GTEQ",
        "ceterms:rightSource": [credits],
    }
