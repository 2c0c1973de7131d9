"""Credential Engine CTDL JSON-LD: read and write ``ceterms:Pathway`` documents.

The reader never touches the network: terms are normalised by a small explicit table
(compact ``ceterms:``/``ceasn:``/``asn:``/``schema:``/``skos:`` names, unprefixed names
under the registry context, and expanded IRIs such as
``https://purl.org/ctdl/terms/hasChild`` all become ``hasChild``); the prefixes are in
the shipped ``ctdl_context.json``.

Mapping (see ``docs/ctdl.md`` for the full table and what CTDL cannot carry):

* ``CredentialComponent`` and credential classes used directly (``Certification``,
  ``AssociateDegree``...) become :class:`~pathgraph.Credential` records with a
  ``credential_type``; ``AssessmentComponent`` and ``CompetencyComponent`` become
  credentials of type ``other``.
* ``CourseComponent`` becomes a :class:`~pathgraph.Program` (a ``requires`` group can
  only join credentials, programs and occupations); ``BasicComponent``,
  ``SelectionComponent``, ``CocurricularComponent`` and ``ExtracurricularComponent``
  become programs too.
* ``JobComponent`` and ``WorkExperienceComponent`` become
  :class:`~pathgraph.Occupation` records (SOC / O*NET-SOC code kept from
  ``occupationType`` or ``codedNotation``).
* A component type other than the default of its kind (``CredentialComponent``,
  ``CourseComponent``, ``JobComponent``) is kept as a tag ``ctdl:<Type>``; the writer
  restores it.
* A parent's ``ComponentCondition`` lists the children that must be completed to
  complete the parent: each condition becomes one ``requires`` group into the parent,
  with ``need = requiredNumber`` (absent: all). ``hasChild``/``isChildOf``,
  ``prerequisite`` and ``precedes``/``precededBy`` not covered by a condition become
  ``requires`` edges of their own (child -> parent, prerequisite -> component,
  earlier -> later).
"""

from __future__ import annotations

import json
import os
import re
import warnings
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from pathgraph._files import atomic_write, read_text
from pathgraph._gc import no_gc
from pathgraph.errors import FormatError, Location, Problem, ValidationError
from pathgraph.io._positions import JsonPath, LineIndex, decode_located
from pathgraph.model import PROGRESSION_KINDS, Pathway

__all__ = [
    "CTDLWarning",
    "dumps_ctdl",
    "read_ctdl",
    "write_ctdl",
]

_CONTEXT_FILE = Path(__file__).with_name("ctdl_context.json")
_CONTEXT: dict[str, str] = json.loads(_CONTEXT_FILE.read_text("utf-8"))["@context"]
_PREFIXES = (*_CONTEXT, "meta")
# Each namespace in its http and https spellings (publishers use both).
_NAMESPACES = tuple(
    sorted(
        {
            variant
            for ns in _CONTEXT.values()
            for variant in (
                ns.replace("https://", "http://", 1),
                ns.replace("http://", "https://", 1),
            )
        }
    )
)
#: The IRI prefix of node ids the writer makes up (``.invalid`` is never resolvable).
ID_BASE = "https://pathgraph.invalid/resources/"
_REGISTRY = "credentialengineregistry.org/resources/"

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
    "AssessmentComponent": "credential",
    "CompetencyComponent": "credential",
    "CourseComponent": "program",
    "BasicComponent": "program",
    "SelectionComponent": "program",
    "CocurricularComponent": "program",
    "ExtracurricularComponent": "program",
    "JobComponent": "occupation",
    "WorkExperienceComponent": "occupation",
}
_DEFAULT_TYPE = {
    "credential": "CredentialComponent",
    "program": "CourseComponent",
    "occupation": "JobComponent",
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


class CTDLWarning(UserWarning):
    """Something in a CTDL document was odd but readable (the reader kept going)."""


# ---------------------------------------------------------------- term normaliser


def _term(key: str) -> str:
    """The local CTDL name of a property or type, however it is written."""
    if key.startswith("@"):
        return key
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


def _number(value: Any) -> float | int | None:
    for item in _as_list(value):
        if isinstance(item, dict):
            item = item.get("value", item.get("@value"))
        if isinstance(item, bool):
            continue
        if isinstance(item, int | float):
            return item
        if isinstance(item, str):
            try:
                num = float(item)
            except ValueError:
                continue
            return int(num) if num.is_integer() else num
    return None


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


def _types(obj: Mapping[str, Any]) -> list[str]:
    return [_OLD_TYPES.get(t, t) for t in _as_list(obj.get("@type"))]


def _component_type(obj: Mapping[str, Any]) -> str | None:
    for t in _types(obj):
        if t in COMPONENT_KINDS or t in CREDENTIAL_TYPES:
            return t
    return None


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
    if not tail or tail in used or len(tail) > 200 or any(ord(c) < 32 for c in tail):
        tail = iri
    return tail


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
        One node per component (see the module docstring for the mapping), one
        ``requires`` group per ``ComponentCondition`` (``need = requiredNumber``), and
        external references as program nodes tagged ``external`` with the IRI as
        ``url``. Without a progression model, ``level`` comes from an inline level's
        ``skos:notation`` when it is an integer.

    Warns
    -----
    CTDLWarning
        When a ``ctid`` disagrees with its ``@id``, when an ``@id`` is described twice
        with different values, when a condition is referenced but not in the
        document, or when a nested condition needs fewer than all of its
        sub-conditions (read as needing all of them).

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
    >>> sorted((r.source, r.target, r.need) for r in p.relations)
    [('a', 'cert', 1), ('b', 'cert', 1)]
    """
    if isinstance(path_or_data, str | os.PathLike):
        text, source = read_text(path_or_data), str(path_or_data)
        pathway, notes = _read(text, source, progression_model)
    else:
        notes = []
        with no_gc():  # many small objects, none garbage until the pathway is built
            objs = _objects(path_or_data, "<data>")
            pathway = _build(objs, "<data>", _levels(progression_model), {}, notes)
    _warn(notes)
    return pathway


def loads_ctdl(
    text: str,
    source: str = "<string>",
    *,
    progression_model: str | os.PathLike[str] | Mapping[str, Any] | None = None,
) -> Pathway:
    """Read a CTDL JSON-LD document from text (see :func:`read_ctdl`).

    The pathway records where each component's object starts in the text (line
    and column, one-line JSON included) in :attr:`Pathway.locations`.

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
    lines = LineIndex(text)
    where: dict[str, Location] = {}
    for path, obj in objs:  # in file order; an @id described twice: the first
        if isinstance(obj.get("@id"), str) and path in starts:
            where.setdefault(obj["@id"], lines.location(source, starts[path]))
    notes: list[str] = []
    pathway = _build(objs, source, _levels(progression_model), where, notes)
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


def _flatten(
    cond: Any,
    by_id: Mapping[str, dict[str, Any]],
    where: str,
    notes: list[str],
    depth: int = 0,
) -> list[dict[str, Any]]:
    """Leaf conditions (with targets) under a condition, nested ones flattened."""
    if isinstance(cond, str):
        if cond not in by_id:
            notes.append(f"{where}: condition {cond} is not in the document; ignored")
        cond = by_id.get(cond)
    if not isinstance(cond, dict) or depth > 20:
        return []
    out: list[dict[str, Any]] = []
    subs = _ids(cond.get("hasCondition"))
    if subs:
        need = _number(cond.get("requiredNumber"))
        if need is not None and need < len(subs):
            notes.append(
                f"{where}: a condition needs {need} of {len(subs)} sub-conditions; "
                "pathgraph reads it as needing all of them"
            )
        for sub in subs:
            out.extend(_flatten(sub, by_id, where, notes, depth + 1))
    if _ids(cond.get("targetComponent")):
        out.append(cond)
    return out


def _build(
    objs: list[tuple[JsonPath, dict[str, Any]]],
    source: str,
    levels: Mapping[str, tuple[int, str]],
    where: Mapping[str, Location],
    notes: list[str],
) -> Pathway:
    """The pathway of a document's node objects; ``where`` locates them by IRI.

    What is odd but readable is added to ``notes``, for the caller to warn.
    """
    by_id = _merge([obj for _, obj in objs], source, notes)
    pathways = [o for o in by_id.values() if "Pathway" in _types(o)]
    components = [o for o in by_id.values() if _component_type(o)]
    if not pathways and not components:
        raise _nothing_to_read(by_id, source)
    pw = pathways[0] if pathways else {}
    refs = _References(components)
    destinations = _destinations(pathways, components)
    nodes = [
        _node(
            obj,
            refs.local[obj["@id"]],
            obj["@id"] in destinations,
            levels,
            source,
            notes,
        )
        for obj in components
    ]
    relations = _Relations()
    children = _conditions(components, by_id, source, notes)
    for obj in components:
        relations.of_component(obj, children, refs)
    pathway = _pathway(pw, nodes + list(refs.externals.values()), relations, source)
    pathway.set_locations(
        {refs.local[iri]: at for iri, at in where.items() if iri in refs.local}
    )
    return pathway


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


class _References:
    """Local ids of the components, and program nodes for the IRIs outside them."""

    def __init__(self, components: list[dict[str, Any]]) -> None:
        self.used: set[str] = set()
        self.local: dict[str, str] = {}
        for obj in components:
            iri = obj["@id"]
            self.local[iri] = _local_id(iri, self.used)
            self.used.add(self.local[iri])
        self.externals: dict[str, dict[str, Any]] = {}

    def __call__(self, iri: Any) -> str | None:
        """The node id of a reference (an IRI or ``{"@id": ...}``), if it is one."""
        if isinstance(iri, dict):
            iri = iri.get("@id")
        if not isinstance(iri, str):
            return None
        if iri in self.local:
            return self.local[iri]
        if iri not in self.externals:
            ident = _local_id(iri, self.used)
            self.used.add(ident)
            self.externals[iri] = {
                "kind": "program",
                "id": ident,
                "label": iri,
                "url": iri,
                "tags": ["external"],
            }
        return str(self.externals[iri]["id"])


class _Children:
    """Each component's leaf conditions and the IRIs it names as its children."""

    def __init__(self) -> None:
        self.leaves: dict[str, list[dict[str, Any]]] = {}
        self.iris: dict[str, set[str]] = {}


def _conditions(
    components: list[dict[str, Any]],
    by_id: Mapping[str, dict[str, Any]],
    source: str,
    notes: list[str],
) -> _Children:
    out = _Children()
    for obj in components:
        where = f"{source}: component {obj['@id']}"
        leaves = [
            leaf
            for c in _ids(obj.get("hasCondition"))
            for leaf in _flatten(c, by_id, where, notes)
        ]
        out.leaves[obj["@id"]] = leaves
        out.iris[obj["@id"]] = {
            t
            for leaf in leaves
            for t in _ids(leaf.get("targetComponent"))
            if isinstance(t, str)
        } | {
            t
            for key in ("hasChild", "isParentOf")
            for t in _ids(obj.get(key))
            if isinstance(t, str)
        }
    return out


class _Relations:
    """The ``requires`` relations read from the components, each added once."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        self._seen: set[tuple[str, str, str | None]] = set()

    def add(
        self, src: str | None, tgt: str, group: str | None, need: int | None
    ) -> None:
        if src is None or src == tgt or (src, tgt, group) in self._seen:
            return
        self._seen.add((src, tgt, group))
        rel: dict[str, Any] = {"kind": "requires", "source": src, "target": tgt}
        if group is not None:
            rel["group"] = group
        if need is not None:
            rel["need"] = need
        self.records.append(rel)

    def of_component(
        self, obj: Mapping[str, Any], children: _Children, ref: _References
    ) -> None:
        """One group per condition, then the links no condition covers."""
        tgt = ref.local[obj["@id"]]
        covered = self._condition_groups(tgt, children.leaves[obj["@id"]], ref)
        for key in ("hasChild", "isParentOf", "prerequisite"):
            for child in _ids(obj.get(key)):
                r = ref(child)
                if r is not None and r not in covered:
                    self.add(r, tgt, None, None)
                    covered.add(r)
        for parent in _ids(obj.get("isChildOf")):
            if (
                isinstance(parent, str)
                and parent in ref.local
                and obj["@id"] not in children.iris[parent]
            ):
                self.add(tgt, ref.local[parent], None, None)
        for later in _ids(obj.get("precedes")):
            r = ref(later)
            if r is not None:
                self.add(tgt, r, None, None)
        for earlier in _ids(obj.get("precededBy")):
            self.add(ref(earlier), tgt, None, None)

    def _condition_groups(
        self, tgt: str, leaves: list[dict[str, Any]], ref: _References
    ) -> set[str]:
        """A requirement group into ``tgt`` per leaf condition; returns the ids
        they cover."""
        names = [_text(c.get("name")) for c in leaves]
        covered: set[str] = set()
        for k, cond in enumerate(leaves, 1):
            targets = []
            for t in _ids(cond.get("targetComponent")):
                r = ref(t)
                if r is not None and r not in targets and r != tgt:
                    targets.append(r)
            if not targets:
                continue
            num = _number(cond.get("requiredNumber"))
            need = int(num) if num is not None and num >= 1 else None
            if need is not None and need > len(targets):
                need = len(targets)
            name = names[k - 1]
            if name and names.count(name) == 1:
                group: str | None = name
            elif len(targets) > 1 or (need or 0) > 1 or name:
                group = f"condition-{k}"
            else:
                group = None
            for r in targets:
                self.add(r, tgt, group, need)
                covered.add(r)
        return covered


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
    desc = _text(pw.get("description"))
    if desc:
        doc["description"] = desc
    try:
        return Pathway(**doc)
    except FormatError:
        raise
    except Exception as exc:
        if isinstance(exc, ValidationError):
            raise ValidationError(exc.problems, source=source) from exc
        raise FormatError([Problem(source, f"cannot build a pathway: {exc}")]) from exc


def _node(
    obj: Mapping[str, Any],
    ident: str,
    destination: bool,
    levels: Mapping[str, tuple[int, str]],
    source: str,
    notes: list[str],
) -> dict[str, Any]:
    ctype = _component_type(obj) or "CredentialComponent"
    kind = COMPONENT_KINDS.get(ctype, "credential")
    iri = str(obj["@id"])
    ctid = _text(obj.get("ctid"))
    if ctid and _REGISTRY in iri and not iri.rstrip("/").endswith(ctid):
        notes.append(
            f"{source}: component {iri} has ctid {ctid!r}, which disagrees with its "
            "@id; keeping the ctid"
        )
    label = (
        _text(obj.get("name"))
        or _text(obj.get("codedNotation"))
        or _text(obj.get("codeNotation"))
        or _text(obj.get("description"))
        or ident
    )
    rec: dict[str, Any] = {"kind": kind, "id": ident, "label": label}
    desc = _text(obj.get("description"))
    if desc:
        rec["description"] = desc
    url = _text(_ids(obj.get("subjectWebpage")) or _ids(obj.get("subjectWebPage")))
    if url:
        rec["url"] = url
    tags = [t for t in (_text(k) for k in _as_list(obj.get("keyword"))) if t]
    tag = f"ctdl:{ctype}"
    if ctype in COMPONENT_KINDS and ctype != _DEFAULT_TYPE[kind] and tag not in tags:
        tags.append(tag)
    if tags:
        rec["tags"] = list(dict.fromkeys(tags))
    if destination:
        rec["destination"] = True
    if ctid:
        rec["ctid"] = ctid
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
    credits = _number(obj.get("creditValue"))
    if kind in ("credential", "program") and credits is not None and credits >= 0:
        rec["credits"] = credits
    if kind == "credential":
        cls = (
            _text(obj.get("credentialType"))
            if ctype == "CredentialComponent"
            else ctype
        )
        rec["credential_type"] = CREDENTIAL_TYPES.get(_term(cls or ""), "other")
    if kind == "occupation":
        for code in _occupation_codes(obj):
            if _SOC.match(code):
                rec["soc"] = code
                break
    return rec


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


# ---------------------------------------------------------------------- writing


def _iri(ident: str) -> str:
    return ID_BASE + quote(ident, safe="")


def _lang(text: str) -> dict[str, str]:
    return {"en-US": text}


def dumps_ctdl(
    pathway: Pathway,
    *,
    ctid: str | None = None,
    owned_by: str | None = None,
    url: str | None = None,
) -> str:
    """CTDL JSON-LD text for a pathway: one ``@graph`` with a ``ceterms:Pathway``.

    Credentials, programs and occupations become components (courses become
    ``CourseComponent``\\ s and read back as programs); providers, services and
    agreements are left out. Every progression relation into a record becomes a
    ``ComponentCondition`` on it: one per ``requires`` group (``ceterms:name`` = the
    group, ``requiredNumber`` = ``need``), one per other relation. Ids become
    ``@id`` IRIs under ``https://pathgraph.invalid/resources/`` (the reader turns
    them back into the same ids). The text is deterministic: keys sorted, nodes in
    pathway order.

    Parameters
    ----------
    pathway
        The pathway.
    ctid, owned_by, url
        The pathway's own CTID, the IRI of the organization that owns it, and its
        web page. The Credential Registry requires all three on a ``Pathway`` (and
        a ``ctid`` and ``url`` on every record) before it accepts a document;
        pathgraph's model does not hold them for the pathway itself.

    Examples
    --------
    >>> import pathgraph
    >>> from pathgraph.io.ctdl import dumps_ctdl, read_ctdl
    >>> import json
    >>> p = pathgraph.read("examples/bht.yaml")
    >>> doc = json.loads(dumps_ctdl(p))
    >>> doc["@graph"][0]["@type"]
    'ceterms:Pathway'
    >>> back = read_ctdl(doc)
    >>> {n.id for n in back.nodes} <= {n.id for n in p.nodes}
    True
    """
    nodes = [n for n in pathway.nodes if n.kind in _WRITTEN_KINDS]
    into = _requirements_into(pathway, {n.id for n in nodes})
    pw = _pathway_object(pathway, nodes, ctid=ctid, owned_by=owned_by, url=url)
    graph: list[dict[str, Any]] = [pw]
    for n in nodes:
        graph.append(_component(n, into.get(n.id, []), pw["@id"]))
    doc = {"@context": "https://credreg.net/ctdl/schema/context/json", "@graph": graph}
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


#: The node kinds written as components (courses as CourseComponents).
_WRITTEN_KINDS = frozenset({"credential", "program", "occupation", "course"})
#: One requirement into a component: (group, need, source id).
_Requirement = tuple[str | None, int | None, str]


def _requirements_into(
    pathway: Pathway, keep: set[str]
) -> dict[str, list[_Requirement]]:
    """The progression relations among written records, by target, each once."""
    into: dict[str, list[_Requirement]] = {}
    seen: set[tuple[str, str, str | None]] = set()
    for rel in pathway.relations:
        if rel.source not in keep or rel.target not in keep:
            continue
        if rel.kind not in PROGRESSION_KINDS | {"prerequisite_of", "part_of"}:
            continue
        group = getattr(rel, "group", None)
        key = (rel.source, rel.target, group)
        if key in seen:
            continue
        seen.add(key)
        into.setdefault(rel.target, []).append(
            (group, getattr(rel, "need", None), rel.source)
        )
    return into


def _pathway_object(
    pathway: Pathway,
    nodes: list[Any],
    *,
    ctid: str | None,
    owned_by: str | None,
    url: str | None,
) -> dict[str, Any]:
    """The ``ceterms:Pathway`` object, naming the destination components."""
    pw: dict[str, Any] = {
        "@id": "https://" + _REGISTRY + ctid if ctid else ID_BASE + "pathway",
        "@type": "ceterms:Pathway",
        "ceterms:name": _lang(pathway.title),
        "ceterms:description": _lang(pathway.description or ""),
        "ceterms:inLanguage": ["en-US"],
    }
    if ctid:
        pw["ceterms:ctid"] = ctid
    if owned_by:
        pw["ceterms:ownedBy"] = [owned_by]
    if url:
        pw["ceterms:subjectWebpage"] = url
    dests = [_iri(n.id) for n in nodes if n.destination]
    if dests:
        pw["ceterms:hasDestinationComponent"] = dests
    return pw


def _component(n: Any, reqs: list[_Requirement], pw_iri: str) -> dict[str, Any]:
    """The component object of a record: its type, fields and conditions."""
    kind = "program" if n.kind == "course" else n.kind
    ctype = _DEFAULT_TYPE[kind]
    for tag in n.tags:
        if tag.startswith("ctdl:") and COMPONENT_KINDS.get(tag[5:]) == kind:
            ctype = tag[5:]
            break
    obj: dict[str, Any] = {
        "@id": _iri(n.id),
        "@type": f"ceterms:{ctype}",
        "ceterms:name": _lang(n.label),
        "ceterms:description": _lang(n.description or ""),
        "ceterms:isPartOf": [pw_iri],
    }
    if n.ctid:
        obj["ceterms:ctid"] = n.ctid
    if n.url:
        obj["ceterms:subjectWebpage"] = n.url
    if n.tags:
        obj["ceterms:keyword"] = list(n.tags)
    if n.lane:
        obj["ceterms:componentCategory"] = _lang(n.lane)
    if n.level is not None:
        obj["asn:hasProgressionLevel"] = [
            {
                "@id": f"{pw_iri}/level/{n.level}",
                "@type": "asn:ProgressionLevel",
                "skos:notation": str(n.level),
            }
        ]
    if n.destination:
        obj["ceterms:isDestinationComponentOf"] = [pw_iri]
    obj.update(_kind_fields(n, kind))
    if reqs:
        obj["ceterms:hasCondition"] = _condition_objects(reqs)
        obj["ceasn:hasChild"] = sorted({_iri(s) for _, _, s in reqs})
    return obj


def _kind_fields(n: Any, kind: str) -> dict[str, Any]:
    """Credits, a credential's class, an occupation's SOC code."""
    out: dict[str, Any] = {}
    credits = getattr(n, "credits", None)
    if credits is not None:
        out["ceterms:creditValue"] = [
            {"@type": "schema:QuantitativeValue", "schema:value": credits}
        ]
    if kind == "credential":
        out["ceterms:credentialType"] = "ceterms:" + CREDENTIAL_CLASSES.get(
            str(n.credential_type), "Credential"
        )
    if kind == "occupation" and n.soc:
        out["ceterms:occupationType"] = [
            {
                "@type": "ceterms:CredentialAlignmentObject",
                "ceterms:codedNotation": n.soc,
                "ceterms:frameworkName": _lang("O*NET-SOC"),
            }
        ]
    return out


def _condition_objects(reqs: list[_Requirement]) -> list[dict[str, Any]]:
    """One ``ComponentCondition`` per requirement group (named, by name), then one
    per requirement of its own (by source)."""
    groups: dict[str, list[tuple[int | None, str]]] = {}
    singles: list[tuple[int | None, str]] = []
    for group, need, src in reqs:
        if group is None:
            singles.append((need, src))
        else:
            groups.setdefault(group, []).append((need, src))
    conds = []
    for group in sorted(groups):
        members = groups[group]
        cond: dict[str, Any] = {
            "@type": "ceterms:ComponentCondition",
            "ceterms:name": _lang(group),
            "ceterms:targetComponent": sorted(_iri(s) for _, s in members),
        }
        need = members[0][0]
        if need is not None:
            cond["ceterms:requiredNumber"] = need
        conds.append(cond)
    for need, src in sorted(singles, key=lambda x: x[1]):
        cond = {
            "@type": "ceterms:ComponentCondition",
            "ceterms:targetComponent": [_iri(src)],
        }
        if need is not None:
            cond["ceterms:requiredNumber"] = need
        conds.append(cond)
    return conds


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
    >>> import os, tempfile, pathgraph
    >>> from pathgraph.io.ctdl import write_ctdl, read_ctdl
    >>> p = pathgraph.read("examples/bht.yaml")
    >>> out = os.path.join(tempfile.mkdtemp(), "bht.jsonld")
    >>> write_ctdl(p, out)
    >>> read_ctdl(out).title == p.title
    True
    """

    atomic_write(path, dumps_ctdl(pathway, ctid=ctid, owned_by=owned_by, url=url))
