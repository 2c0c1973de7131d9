"""The Pathway document: metadata, node records and relation records.

A :class:`Pathway` is always valid: constructing one runs every cross-record check
(:func:`pathway_problems`) and raises :class:`pathgraph.ValidationError` listing all
problems at once.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)

from pathgraph.errors import ArgumentError, Location, Problem, ValidationError
from pathgraph.model.nodes import LANGUAGE_CODE, NODE_KINDS, Node, pick_language
from pathgraph.model.relations import ENDPOINTS, RELATION_ORDER, TARGET_OWNED, Relation

__all__ = [
    "Pathway",
    "RecordIssue",
    "canonical_order",
    "pathway_problems",
    "register_display",
    "summary_html",
]


@dataclass(frozen=True)
class RecordIssue:
    """A problem found by :func:`pathway_problems`, located by a path into the document.

    ``path`` is a tuple such as ``("nodes", 3, "id")`` or
    ``("relations", 5, "target")``; readers map it back to a file line.
    """

    path: tuple[str | int, ...]
    message: str
    fix: str = ""
    record: str = ""


def _fmt_path(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def pathway_problems(
    nodes: Sequence[Any], relations: Sequence[Any]
) -> list[RecordIssue]:
    """Every cross-record problem in a list of node and relation records.

    Checks: duplicate ids; relations pointing at missing ids; relation kinds between
    the wrong node kinds (see :data:`pathgraph.model.ENDPOINTS`); self-loops; duplicate
    relations; requirement groups whose ``need`` differs between edges or exceeds the
    group's size; ``articulates_to`` naming an agreement that is not an agreement; an
    agreement that expires before it takes effect; wage percentiles out of order.

    Parameters
    ----------
    nodes, relations
        Validated node and relation records.

    Returns
    -------
    list of RecordIssue
        Empty when the records form a valid pathway.
    """
    issues: list[RecordIssue] = []
    kinds = _node_problems(nodes, issues)
    groups = _relation_problems(relations, kinds, issues)
    _group_problems(relations, groups, issues)
    _condition_problems(nodes, relations, kinds, issues)
    return issues


_WAGES = ("wage_p10", "wage_p25", "wage_median", "wage_p75", "wage_p90")


def _node_problems(nodes: Sequence[Any], issues: list[RecordIssue]) -> dict[str, str]:
    """Duplicate ids, wages out of order, agreements that expire before they start.

    Returns the kind of every id (the first record's, for a duplicate).
    """
    kinds: dict[str, str] = {}
    for i, node in enumerate(nodes):
        if node.id in kinds:
            issues.append(
                RecordIssue(
                    ("nodes", i, "id"),
                    f"duplicate id {node.id!r} (already used by a {kinds[node.id]})",
                    "give every record its own id",
                    node.id,
                )
            )
        else:
            kinds[node.id] = node.kind
        if node.kind == "occupation":
            wages = [(name, getattr(node, name)) for name in _WAGES]
            present = [w for _, w in wages if w is not None]
            if present != sorted(present):
                shown = ", ".join(f"{n}={w}" for n, w in wages if w is not None)
                issues.append(
                    RecordIssue(
                        ("nodes", i, "wage_median"),
                        f"wages out of order: {shown}",
                        "wage_p10 <= wage_p25 <= wage_median <= wage_p75 <= wage_p90",
                        node.id,
                    )
                )
        if (
            node.kind == "agreement"
            and node.effective
            and node.expires
            and node.expires < node.effective
        ):
            issues.append(
                RecordIssue(
                    ("nodes", i, "expires"),
                    f"expires {node.expires} before it takes effect {node.effective}",
                    "swap the dates or correct one",
                    node.id,
                )
            )
    return kinds


def _relation_problems(
    relations: Sequence[Any], kinds: dict[str, str], issues: list[RecordIssue]
) -> dict[tuple[str, str], list[int]]:
    """Problems of each relation; returns the named requirement groups' members."""
    seen: set[tuple[str, str, str, str | None]] = set()
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, rel in enumerate(relations):
        kind, source, target = rel.kind, rel.source, rel.target
        group = rel.__dict__.get("group")
        allowed_src, allowed_tgt = ENDPOINTS[kind]
        key = (kind, source, target, group)
        if (
            kinds.get(source) in allowed_src
            and kinds.get(target) in allowed_tgt
            and source != target
            and key not in seen
            and (kind != "requires" or group is not None or not (rel.need or 0) > 1)
            and (
                kind != "requires"
                or kinds.get(target) != "condition"
                or (group is None and rel.need is None)
            )
            and (kind != "articulates_to" or rel.agreement is None)
        ):
            # The common case, checked in one go: nothing to report.
            seen.add(key)
            if kind == "requires" and group is not None:
                groups[(target, group)].append(j)
            continue
        issues.extend(_one_relation_problems(j, rel, kinds, key in seen))
        seen.add(key)
        if kind == "requires" and group is not None:
            groups[(target, group)].append(j)
    return groups


def _one_relation_problems(
    j: int, rel: Any, kinds: dict[str, str], repeated: bool
) -> list[RecordIssue]:
    """Everything wrong with relation ``j`` (the slow path: something is)."""
    kind, source, target = rel.kind, rel.source, rel.target
    where = f"{kind} {source!r} -> {target!r}"
    out: list[RecordIssue] = []
    missing = [end for end in ("source", "target") if getattr(rel, end) not in kinds]
    for end in missing:
        out.append(
            RecordIssue(
                ("relations", j, end),
                f"{where}: no record has id {getattr(rel, end)!r}",
                "add the record or correct the id (ids are case-sensitive)",
                source,
            )
        )
    if source == target:
        out.append(
            RecordIssue(
                ("relations", j, "target"),
                f"{where}: a record cannot relate to itself",
                "remove the relation",
                source,
            )
        )
    if not missing:
        for end, allowed in zip(("source", "target"), ENDPOINTS[kind], strict=True):
            actual = kinds[getattr(rel, end)]
            if actual not in allowed:
                out.append(
                    RecordIssue(
                        ("relations", j, end),
                        f"{where}: {kind} cannot have a {actual} as its {end}",
                        f"its {end} must be a "
                        + " or ".join(sorted(allowed))
                        + _hint(kind, end),
                        source,
                    )
                )
    if repeated:
        out.append(
            RecordIssue(
                ("relations", j),
                f"{where}: duplicate relation",
                "list each relation once",
                source,
            )
        )
    if kind == "requires" and rel.__dict__.get("group") is None and (rel.need or 0) > 1:
        out.append(
            RecordIssue(
                ("relations", j, "need"),
                f"{where}: need {rel.need} of a group of one",
                "put the alternatives in one group, or drop need",
                target,
            )
        )
    if (
        kind == "requires"
        and kinds.get(target) == "condition"
        and (rel.__dict__.get("group") is not None or rel.need is not None)
    ):
        out.append(
            RecordIssue(
                ("relations", j, "group" if rel.group is not None else "need"),
                f"{where}: an option of condition {target!r} carries no group or need",
                "set need (or credits) on the condition record itself",
                target,
            )
        )
    if (
        kind == "articulates_to"
        and rel.agreement is not None
        and kinds.get(rel.agreement) != "agreement"
    ):
        out.append(
            RecordIssue(
                ("relations", j, "agreement"),
                f"{where}: agreement {rel.agreement!r} is not an agreement record",
                "add an agreement record with that id or correct the id",
                source,
            )
        )
    return out


def _group_problems(
    relations: Sequence[Any],
    groups: dict[tuple[str, str], list[int]],
    issues: list[RecordIssue],
) -> None:
    """Named requirement groups whose ``need`` conflicts or exceeds their size."""
    for (target, group), members in groups.items():
        needs = {relations[j].need for j in members} - {None}
        if len(needs) > 1:
            issues.append(
                RecordIssue(
                    ("relations", members[0], "need"),
                    f"requirement group {group!r} of {target!r} has conflicting needs "
                    f"{sorted(needs)}",
                    "give every edge of a group the same need",
                    target,
                )
            )
        elif needs and (need := needs.pop()) > len(members):
            issues.append(
                RecordIssue(
                    ("relations", members[0], "need"),
                    f"requirement group {group!r} of {target!r} needs {need} "
                    f"but has only {len(members)} option{'s' * (len(members) != 1)}",
                    f"lower need to at most {len(members)} or add options",
                    target,
                )
            )


def _condition_problems(
    nodes: Sequence[Any],
    relations: Sequence[Any],
    kinds: dict[str, str],
    issues: list[RecordIssue],
) -> None:
    """Conditions that need more options than they have."""
    if "condition" not in kinds.values():
        return
    options: dict[str, set[str]] = defaultdict(set)
    for rel in relations:
        if rel.kind == "requires" and kinds.get(rel.target) == "condition":
            options[rel.target].add(rel.source)
    for i, node in enumerate(nodes):
        if node.kind != "condition" or node.need is None:
            continue
        have = len(options.get(node.id, ()))
        if node.need > have:
            issues.append(
                RecordIssue(
                    ("nodes", i, "need"),
                    f"condition {node.id!r} needs {node.need} but has only {have} "
                    f"option{'s' * (have != 1)}",
                    f"lower need to at most {have} or add options (requires)",
                    node.id,
                )
            )


def canonical_order(
    nodes: Sequence[Any], relations: Sequence[Any]
) -> tuple[list[Any], list[Any]]:
    """Nodes and relations in the pathway's canonical order.

    Nodes are grouped by kind (in :data:`~pathgraph.model.NODE_KINDS` order), keeping
    the given order within a kind. Relations are grouped under the record that owns
    them in files (the target for ``requires``, ``prerequisite_of`` and
    ``corequisite_of``, the source otherwise), in owner order, then by kind (in
    :data:`~pathgraph.model.RELATION_ORDER`), then by the position of the record at
    the other end; the members of a requirement group stay together. The order
    depends only on the content, not on the order relations were given in, so a
    pathway equals its own file round trip and its graph round trip.
    """
    kind_rank = {k: i for i, k in enumerate(NODE_KINDS)}
    order = sorted(range(len(nodes)), key=lambda i: (kind_rank[nodes[i].kind], i))
    new_nodes = [nodes[i] for i in order]
    position = {n.id: i for i, n in enumerate(new_nodes)}
    last = len(position)
    rel_rank = {k: i for i, k in enumerate(RELATION_ORDER)}
    group_first: dict[tuple[str, str], int] = {}
    for rel in relations:
        group = rel.__dict__.get("group")
        if group is not None:
            pos = position.get(rel.source, last)
            key = (rel.target, group)
            group_first[key] = min(group_first.get(key, pos), pos)

    def sort_key(rel: Any) -> tuple[int, int, int, str, int]:
        owned_by_target = rel.kind in TARGET_OWNED
        owner, other = (
            (rel.target, rel.source)
            if owned_by_target
            else (
                rel.source,
                rel.target,
            )
        )
        other_pos = position.get(other, last)
        group = rel.__dict__.get("group")
        anchor = other_pos if group is None else group_first[(rel.target, group)]
        return (
            position.get(owner, last),
            rel_rank[rel.kind],
            anchor,
            group or "",
            other_pos,
        )

    return new_nodes, sorted(relations, key=sort_key)


def _hint(kind: str, end: str) -> str:
    if kind == "awards" and end == "source":
        return " (a program awards a credential)"
    if kind == "qualifies_for":
        return " (a credential qualifies for an occupation)"
    return ""


class Pathway(BaseModel):
    """A career pathway document: metadata, node records and relation records.

    Examples
    --------
    >>> from pathgraph import Pathway
    >>> p = Pathway(
    ...     title="Tiny",
    ...     nodes=[
    ...         {"kind": "program", "id": "cna-course", "label": "CNA course",
    ...          "months": 2},
    ...         {"kind": "credential", "id": "cna", "label": "CNA license",
    ...          "credential_type": "license"},
    ...     ],
    ...     relations=[{"kind": "awards", "source": "cna-course", "target": "cna"}],
    ... )
    >>> p.node("cna").label
    'CNA license'
    >>> len(p)
    2
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)

    title: str = Field(min_length=1)
    titles: dict[str, str] = Field(
        default_factory=dict,
        description="The title in each language; written as a language map in title.",
    )
    description: str | None = None
    region: str | None = None
    sector: str | None = None
    version: str | None = None
    sources: list[str] = Field(default_factory=list)
    nodes: list[Node] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)

    _locations: dict[str, Location] = PrivateAttr(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _title_map(cls, data: Any) -> Any:
        """``title: {en: ..., es: ...}`` keeps every language in ``titles``."""
        if isinstance(data, dict) and isinstance(data.get("title"), dict):
            data = {
                **data,
                "titles": data["title"],
                "title": pick_language(data["title"]),
            }
        return data

    @field_validator("titles")
    @classmethod
    def _title_codes(cls, value: dict[str, str]) -> dict[str, str]:

        for code, text in value.items():
            if not LANGUAGE_CODE.fullmatch(code) or not text.strip():
                raise ValueError(
                    f"title {code!r}: a language code (en, es, zh-Hant) and "
                    "non-empty text"
                )
        return dict(sorted(value.items()))

    #: The YAML file the pathway was read from (its text, parsed again only to
    #: write over it), so that writing YAML keeps its comments and layout. Like
    #: the locations, not data: left out of equality.
    _source_document: Any = PrivateAttr(default=None)
    _lang: str | None = PrivateAttr(default=None)

    @property
    def locations(self) -> Mapping[str, Location]:
        """Where each record was read from: record id -> :class:`Location`.

        Filled by the readers (empty for a pathway built in Python). Locations are
        not data: two pathways with the same records are equal wherever they were
        read from.
        """
        return MappingProxyType(self._locations)

    def set_locations(self, locations: Mapping[str, Location]) -> None:
        """Record where each record was read from (readers call this; in place)."""
        self._locations = dict(locations)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Pathway):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    @model_validator(mode="after")
    def _cross_record_checks(self) -> Pathway:
        issues = pathway_problems(self.nodes, self.relations)
        if issues:
            raise ValidationError(
                [Problem(_fmt_path(i.path), i.message, i.fix, i.record) for i in issues]
            )
        nodes, relations = canonical_order(self.nodes, self.relations)
        # Assign through __dict__: validate_assignment is off, and this keeps the
        # validator from running again.
        self.__dict__["nodes"] = nodes
        self.__dict__["relations"] = relations
        return self

    def in_language(self, lang: str) -> Pathway:
        """A copy whose records' labels and descriptions are in ``lang``.

        A record with a language map (``labels``, ``descriptions``) takes the
        text of ``lang``, else of its base language (``es`` for ``es-MX``), else
        English, else its first language by code; a record without one keeps its
        text. The maps themselves are kept, so writing the copy writes every
        language. Graphs built from the copy carry ``G.graph["lang"]``, which the
        maps and route sheets use for their own words and ``lang`` attribute.

        Examples
        --------
        >>> import pathgraph
        >>> p = pathgraph.Pathway(title="T", nodes=[pathgraph.Program(
        ...     id="p", label={"en": "Nursing", "es": "Enfermería"})])
        >>> p.in_language("es").nodes[0].label
        'Enfermería'
        >>> pathgraph.to_graph(p.in_language("es")).graph["lang"]
        'es'
        """

        if not isinstance(lang, str) or not LANGUAGE_CODE.fullmatch(lang):
            raise ArgumentError(
                f"{lang!r} is not a language code (use BCP 47: en, es, zh-Hant)"
            )
        nodes = []
        for n in self.nodes:
            update: dict[str, Any] = {}
            if n.labels:
                update["label"] = pick_language(n.labels, lang)
            if n.descriptions:
                update["description"] = pick_language(n.descriptions, lang)
            if n.lanes:
                update["lane"] = pick_language(n.lanes, lang)
            nodes.append(n.model_copy(update=update) if update else n)
        update = {"nodes": nodes}
        if self.titles:
            update["title"] = pick_language(self.titles, lang)
        copy = self.model_copy(update=update)
        copy.set_locations(self.locations)
        copy._lang = lang
        return copy

    @property
    def lang(self) -> str | None:
        """The language chosen with :meth:`in_language` (None: as written)."""
        return self._lang

    def __len__(self) -> int:
        return len(self.nodes)

    def __contains__(self, ident: object) -> bool:
        return any(n.id == ident for n in self.nodes)

    def node(self, ident: str) -> Any:
        """The node record with this id.

        Raises
        ------
        KeyError
            When no record has that id.
        """
        for n in self.nodes:
            if n.id == ident:
                return n
        raise KeyError(ident)

    def counts(self) -> dict[str, int]:
        """Number of node records of each kind and relations of each kind."""
        out = Counter(f"node:{n.kind}" for n in self.nodes)
        out.update(f"relation:{r.kind}" for r in self.relations)
        return dict(sorted(out.items()))

    def _repr_html_(self) -> str:
        """The notebook display: the map a renderer registered, else a summary."""
        show = _DISPLAY.get("html")
        return show(self) if show is not None else summary_html(self)


#: Notebook displays registered from above (the renderers register the map), so
#: that the model imports nothing above it.
_DISPLAY: dict[str, Callable[[Pathway], str]] = {}


def register_display(kind: str, show: Callable[[Pathway], str]) -> None:
    """Use ``show(pathway)`` for the pathway's ``kind`` display (``"html"``).

    :mod:`pathgraph.render.notebook` registers the map at import.
    """
    _DISPLAY[kind] = show


def summary_html(pathway: Pathway) -> str:
    """A pathway as HTML without a map: title, and its records counted by kind.

    All text from the pathway is HTML-escaped.

    Examples
    --------
    >>> from pathgraph.model import Pathway
    >>> print(summary_html(Pathway(title="<Tiny>")))
    <p><b>&lt;Tiny&gt;</b> (0 records, 0 relations)</p><table><tbody></tbody></table>
    """
    rows = "".join(
        f"<tr><td>{html.escape(k.split(':')[1])}</td><td>{v}</td></tr>"
        for k, v in pathway.counts().items()
        if k.startswith("node:")
    )
    return (
        f"<p><b>{html.escape(pathway.title)}</b> "
        f"({len(pathway.nodes)} records, {len(pathway.relations)} relations)</p>"
        f"<table><tbody>{rows}</tbody></table>"
    )
