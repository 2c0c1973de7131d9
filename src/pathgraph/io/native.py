"""The native pathway format, in YAML or JSON.

A pathway file is written by hand, so it is laid out for people: records are listed in
sections by kind (``programs:``, ``credentials:`` ...), and relations are nested under
the record where they read naturally:

* ``requires`` (requirement groups), ``prerequisites`` and ``corequisites`` under the
  record that has the requirement;
* every other relation under its source: ``awards``, ``qualifies_for``,
  ``stacks_into``, ``articulates_to``, ``advances_to``, ``offered_by``, ``supports``,
  ``party_to``, ``part_of``.

A relation entry is a target id, or a mapping with ``to:`` and the relation's
attributes. A requirement entry is an id (a group of one), or ``{any: [...]}``,
``{all: [...]}``, or ``{need: N, of: [...]}``, each with an optional ``group:`` name.
See ``docs/format.md`` for the full reference.

Reading collects every problem (syntax, unknown keys, bad values, broken references)
and raises one :class:`~pathgraph.FormatError` or :class:`~pathgraph.ValidationError`
naming the file, line and column (YAML) or JSON path, and the record.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pydantic

from pathgraph._files import atomic_write, read_text
from pathgraph._gc import no_gc
from pathgraph.errors import FormatError, Location, Problem, ValidationError
from pathgraph.io._conditions import (
    INLINE_FIELDS,
    Expression,
    generated_label,
    is_group_entry,
    parse_expression,
)
from pathgraph.io._positions import JsonPath, LineIndex, loads_located
from pathgraph.io._yaml_write import WIDTH, dump
from pathgraph.model import NODE_KINDS, NODE_TYPES, RELATION_TYPES, Pathway
from pathgraph.model.nodes import Condition, with_text
from pathgraph.model.pathway import pathway_problems
from pathgraph.model.relations import (
    ENDPOINTS,
    RELATION_ORDER,
    TARGET_OWNED,
    Awards,
    Requires,
)

__all__ = [
    "FORMAT_VERSION",
    "MAX_JSON_DEPTH",
    "SECTIONS",
    "dumps_json",
    "dumps_yaml",
    "from_document",
    "loads_json",
    "loads_yaml",
    "read_json",
    "read_yaml",
    "to_document",
    "write_json",
    "write_yaml",
]

FORMAT_VERSION = 1

#: File section for each node kind, in the order written.
SECTIONS: dict[str, str] = {
    "occupation": "occupations",
    "credential": "credentials",
    "program": "programs",
    "course": "courses",
    "assessment": "assessments",
    "condition": "conditions",
    "provider": "providers",
    "service": "services",
    "agreement": "agreements",
}
_KIND_OF_SECTION = {v: k for k, v in SECTIONS.items()}
_METADATA = ("title", "description", "region", "sector", "version", "sources")
_TOP_KEYS = ("pathgraph", *_METADATA, *SECTIONS.values())

#: Relation kinds written under their target, with the key used there.
_TARGET_SIDE = {
    "requires": "requires",
    "prerequisite_of": "prerequisites",
    "corequisite_of": "corequisites",
}
assert set(_TARGET_SIDE) == TARGET_OWNED
#: Order of the relation keys under a record (the model's canonical order).
_REL_KEYS: tuple[str, ...] = tuple(_TARGET_SIDE.get(k, k) for k in RELATION_ORDER)
_SOURCE_SIDE = tuple(k for k in RELATION_ORDER if k not in TARGET_OWNED)
_KIND_OF_KEY = {
    **{v: k for k, v in _TARGET_SIDE.items()},
    **{k: k for k in _SOURCE_SIDE},
}


def _auto_group(options: list[str]) -> str:
    return "|".join(sorted(options))


# --------------------------------------------------------------------------- locating


@dataclass
class _Doc:
    """A loaded document, a way to locate any of its values, and its records."""

    data: Any
    source: str
    #: ``file:line:column`` (YAML) or ``file: $.json.path`` of a value, for problems.
    locate: Callable[[JsonPath], str]
    #: Where the record at ``(section, index)`` starts, when known.
    record_location: Callable[[JsonPath], Location | None]


def _json_locator(source: str) -> Callable[[JsonPath], str]:
    def locate(path: JsonPath) -> str:
        text = "$"
        for part in path:
            text += f"[{part}]" if isinstance(part, int) else f".{part}"
        return f"{source}: {text}"

    return locate


def _json_records(
    text: str, starts: dict[JsonPath, int], source: str
) -> Callable[[JsonPath], Location | None]:
    """Record locations from where each record object starts in the JSON text."""
    lines = LineIndex(text)

    def record_location(path: JsonPath) -> Location | None:
        offset = starts.get(path)
        return None if offset is None else lines.location(source, offset)

    return record_location


def _is_record(path: JsonPath) -> bool:
    """Whether a JSON value at ``path`` is a record (``programs[3]``)."""
    return len(path) == 2 and path[0] in _KIND_OF_SECTION


def _holds_records(path: JsonPath) -> bool:
    """Whether a JSON value at ``path`` can hold records (the document, a section)."""
    return len(path) < 2


def loads_yaml(text: str, source: str = "<string>") -> Pathway:
    """Read a pathway from YAML text.

    The pathway keeps where each record starts (:attr:`Pathway.locations`) and the
    document as read, so that :func:`dumps_yaml` writes it back with its comments.

    Parameters
    ----------
    text
        The file's content.
    source
        The name used in error messages (usually the file path).

    Raises
    ------
    pathgraph.FormatError
        YAML syntax errors, duplicate keys, unknown sections or keys.
    pathgraph.ValidationError
        Values and references that break the model.

    Examples
    --------
    >>> from pathgraph.io.native import loads_yaml
    >>> p = loads_yaml('''
    ... title: Tiny
    ... programs:
    ...   - id: cna-course
    ...     label: CNA course
    ...     months: 2
    ...     awards: [cna]
    ... credentials:
    ...   - {id: cna, label: CNA license, credential_type: license}
    ... ''')
    >>> [r.kind for r in p.relations]
    ['awards']
    >>> print(p.locations["cna"])
    <string>:9:5
    """
    # lazy: start-up time; PyYAML takes ~10 ms to import, and only YAML reading
    # needs it.
    from pathgraph.io._yaml_read import parse_yaml

    with no_gc():  # many small objects, none garbage until the pathway is built
        values = parse_yaml(text, source)
        doc = _Doc(values.data, source, values.locate, values.location)
        pathway = from_document(doc)
    pathway._source_document = _YamlSource(text)
    return pathway


class _YamlSource:
    """A YAML file as read, kept on its pathway (``Pathway._source_document``) so
    that :func:`dumps_yaml` writes over it: its text, and ruamel.yaml's round-trip
    document of it (comments, quoting, list styles), parsed on first use only."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._document: Any = None

    @property
    def width(self) -> int:
        """The length of the file's longest line (lines that long are not folded)."""
        return max(map(len, self.text.splitlines()), default=0)

    def document(self) -> Any:
        """ruamel's document of the text (``None`` if ruamel cannot read it)."""
        if self._document is None:
            # lazy: start-up time; ruamel.yaml takes ~15 ms to import, and only
            # writing over a file read from YAML needs it.
            from pathgraph.io._yaml_layout import load_document

            self._document = load_document(self.text)
        return self._document


def loads_json(text: str, source: str = "<string>") -> Pathway:
    """Read a pathway from JSON text (same structure as the YAML format).

    The pathway keeps the line and column where each record's object starts
    (:attr:`Pathway.locations`), one-line (minified) JSON included.

    Raises
    ------
    pathgraph.FormatError
        JSON syntax errors (with line and column), duplicate keys, unknown keys.
    pathgraph.ValidationError
        Values and references that break the model.

    Examples
    --------
    >>> from pathgraph.io.native import loads_json
    >>> p = loads_json('{"title": "T", "programs": [{"id": "p", "label": "P"}]}')
    >>> print(p.locations["p"])
    <string>:1:29
    """

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise FormatError(
                    [Problem(source, f"duplicate key {key!r}", "keep one of the two")],
                    source=source,
                )
            out[key] = value
        return out

    _check_json_depth(text, source)
    with no_gc():  # many small objects, none garbage until the pathway is built
        try:
            data, starts = loads_located(
                text, _is_record, _holds_records, object_pairs_hook=no_duplicates
            )
        except json.JSONDecodeError as exc:
            where = f"{source}:{exc.lineno}:{exc.colno}"
            raise FormatError(
                [Problem(where, f"not valid JSON: {exc.msg}")], source=source
            ) from None
        except ValueError as exc:  # Python's int-string limit (sys.int_info)
            raise _huge_json_integer(text, source, exc) from None
        except RecursionError:  # pragma: no cover - _check_json_depth comes first
            raise FormatError(
                [Problem(source, f"nested more than {MAX_JSON_DEPTH} levels deep")],
                source=source,
            ) from None
        records = _json_records(text, starts, source)
        return from_document(_Doc(data, source, _json_locator(source), records))


#: Deepest nesting of JSON objects and arrays read (the document is level 1; a
#: pathway file needs 6), as :data:`pathgraph.io._yaml_read.MAX_DEPTH` for YAML.
MAX_JSON_DEPTH = 100

_JSON_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_PLAIN_STRING = re.compile(r'"[^"]*"')
_ASCII_NOT_BRACKETS = {c: None for c in range(128) if chr(c) not in "[]{}"}
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_INNERMOST = re.compile(r"\[\]|\{\}")
_STRING_OR_BRACKET = re.compile(_JSON_STRING + r"|[\[\]{}]")


def _text_location(text: str, offset: int, source: str) -> str:
    """``source:line:column`` (1-based) of a character offset of ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return f"{source}:{line}:{column}"


def _check_json_depth(text: str, source: str) -> None:
    """Refuse JSON nested more than :data:`MAX_JSON_DEPTH` levels deep, before the
    json module recurses into it (100,000 levels raise RecursionError).

    The brackets outside strings are kept and the innermost pairs removed, a level
    a pass, at the speed of str methods and the regular-expression engine (about
    a twentieth of the time the whole read takes); only text left after
    :data:`MAX_JSON_DEPTH` passes (too deep, or brackets that do not pair: the
    json module reports those) is scanned character by character.

    Examples
    --------
    >>> _check_json_depth('{"a": [[1], "]]]"]}', "f.json")
    >>> _check_json_depth("[" * 101 + "]" * 101, "f.json")
    Traceback (most recent call last):
    ...
    pathgraph.errors.FormatError: 1 problem in f.json:
      f.json:1:101: nested more than 100 levels deep (fix: ...)
    """
    # Text outside strings (escaped backslashes and quotes dropped first, so every
    # string is quote, no quote, quote); then its brackets alone.
    unescaped = text.replace("\\\\", "").replace('\\"', "")
    outside = _PLAIN_STRING.sub("", unescaped).translate(_ASCII_NOT_BRACKETS)
    brackets = _NOT_BRACKETS.sub("", outside)
    for _ in range(MAX_JSON_DEPTH):
        if not brackets:
            return
        brackets = _INNERMOST.sub("", brackets)
    if not brackets:
        return
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        char = text[match.start()]
        if char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                where = _text_location(text, match.start(), source)
                raise FormatError(
                    [
                        Problem(
                            where,
                            f"nested more than {MAX_JSON_DEPTH} levels deep",
                            "a pathway file needs a few levels; check the brackets",
                        )
                    ],
                    source=source,
                )
        elif char in "]}":
            depth -= 1


def _huge_json_integer(text: str, source: str, exc: ValueError) -> FormatError:
    """The error for an integer longer than Python reads (``int`` refused it)."""
    limit = sys.get_int_max_str_digits()
    if not limit or "integer string conversion" not in str(exc):
        return FormatError([Problem(source, f"not valid JSON: {exc}")], source=source)
    pattern = re.compile(_JSON_STRING + rf"|-?[0-9]{{{limit + 1},}}")
    for match in pattern.finditer(text):
        if text[match.start()] != '"':
            digits = len(match.group().lstrip("-"))
            where = _text_location(text, match.start(), source)
            break
    else:  # pragma: no cover - the json module found one
        digits, where = limit + 1, source
    return FormatError(
        [
            Problem(
                where,
                f"an integer of {digits:,} digits, more than Python reads "
                f"({limit:,} digits)",
                "numbers in a pathway are at most 10^12",
            )
        ],
        source=source,
    )


def read_yaml(path: str | os.PathLike[str]) -> Pathway:
    """Read a pathway from a YAML file (see :func:`loads_yaml`).

    Raises
    ------
    pathgraph.FormatError, pathgraph.ValidationError
        As :func:`loads_yaml`; also for a missing file or one that is not UTF-8.
    """
    return loads_yaml(read_text(path), str(path))


def read_json(path: str | os.PathLike[str]) -> Pathway:
    """Read a pathway from a JSON file (see :func:`loads_json`).

    Raises
    ------
    pathgraph.FormatError, pathgraph.ValidationError
        As :func:`loads_json`; also for a missing file or one that is not UTF-8.
    """
    return loads_json(read_text(path), str(path))


# --------------------------------------------------------------------------- reading


@dataclass
class _Builder:
    doc: _Doc
    problems: list[Problem] = field(default_factory=list)
    nodes: list[Any] = field(default_factory=list)
    node_paths: list[JsonPath] = field(default_factory=list)
    relations: list[Any] = field(default_factory=list)
    rel_paths: list[JsonPath] = field(default_factory=list)
    #: Conditions written without a label (labelled once every record is read).
    unlabelled: list[Any] = field(default_factory=list)

    def problem(
        self, path: JsonPath, message: str, fix: str = "", record: str = ""
    ) -> None:
        self.problems.append(Problem(self.doc.locate(path), message, fix, record))


def _suggest(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    return f"did you mean {close[0]!r}?" if close else ""


def _plain(value: Any) -> Any:
    """ruamel's commented containers and quoted strings -> plain dicts, lists, str."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def from_document(doc: _Doc) -> Pathway:
    """Build a Pathway from a loaded document (dicts and lists), locating problems."""
    b = _Builder(doc)
    data = doc.data
    if not isinstance(data, dict):
        b.problem((), "a pathway file must be a mapping with a title and sections")
        raise FormatError(b.problems, source=doc.source)
    for key in data:
        if key not in _TOP_KEYS:
            hint = _suggest(key, _TOP_KEYS)
            b.problem(
                (key,),
                f"unknown top-level key {key!r}",
                hint or "top-level keys: " + ", ".join(_TOP_KEYS),
            )
    version = data.get("pathgraph", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        b.problem(
            ("pathgraph",),
            f"format version {version!r} is not supported (this pathgraph reads "
            f"{FORMAT_VERSION})",
            "upgrade pathgraph or convert the file",
        )
    meta = {k: _plain(data[k]) for k in _METADATA if k in data}
    for kind, section in SECTIONS.items():
        entries = data.get(section)
        if entries is None:
            continue
        if not isinstance(entries, list):
            b.problem((section,), f"{section} must be a list of records")
            continue
        for i, entry in enumerate(entries):
            _read_record(b, kind, (section, i), entry)
    _label_conditions(b)
    structural = bool(b.problems)
    # Cross-record checks, mapped back to file positions.
    for issue in pathway_problems(b.nodes, b.relations):
        head, index, *rest = issue.path
        if head == "nodes":
            path = b.node_paths[int(index)] + tuple(rest)
        else:
            path = b.rel_paths[int(index)]
        b.problems.append(
            Problem(doc.locate(path), issue.message, issue.fix, issue.record)
        )
    if not b.problems:
        try:
            pathway = Pathway(**meta, nodes=b.nodes, relations=b.relations)
        except pydantic.ValidationError as exc:
            for err in exc.errors():
                loc = tuple(err["loc"])
                b.problem(loc[:1], f"{'.'.join(map(str, loc))}: {_message(err)}")
        else:
            pathway.set_locations(_record_locations(b))
            return pathway
    error = FormatError if structural else ValidationError
    raise error(sorted(b.problems, key=_position), source=doc.source)


def _record_locations(b: _Builder) -> dict[str, Location]:
    """Where each record starts in the file, by id."""
    out: dict[str, Location] = {}
    for node, path in zip(b.nodes, b.node_paths, strict=True):
        where = b.doc.record_location(path)
        # A condition written inline is located at the record it is written in.
        while where is None and len(path) > 2:
            path = path[:-1]
            where = b.doc.record_location(path)
        if where is not None:
            out[node.id] = where
    return out


def _position(problem: Problem) -> tuple[int, int]:
    """Sort key: line and column for YAML locations; JSON paths keep their order."""
    parts = problem.location.rsplit(":", 2)
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        return int(parts[1]), int(parts[2])
    return 0, 0


def _message(err: Any) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind in ("greater_than_equal", "greater_than"):
        sign = ">=" if kind == "greater_than_equal" else ">"
        return f"must be {sign} {ctx.get('ge', ctx.get('gt'))}, not {err['input']!r}"
    if kind in ("less_than_equal", "less_than"):
        sign = "<=" if kind == "less_than_equal" else "<"
        return f"must be {sign} {ctx.get('le', ctx.get('lt'))}, not {err['input']!r}"
    if kind == "enum" or kind == "literal_error":
        return f"must be one of {ctx.get('expected')}, not {err['input']!r}"
    return str(err["msg"])


#: The fields that hold a language map written as ``label`` or ``description``.
_LANGUAGE_FIELDS = {"labels": "label", "descriptions": "description", "lanes": "lane"}


def _read_record(b: _Builder, kind: str, path: JsonPath, entry: Any) -> None:
    if not isinstance(entry, dict):
        b.problem(path, f"a {kind} record must be a mapping with id and label")
        return
    ident = str(entry.get("id", f"#{path[-1]}"))
    model = NODE_TYPES[kind]
    fields: dict[str, Any] = {}
    for key, value in entry.items():
        if key in _KIND_OF_KEY or key == _OWN_KEY.get(kind):
            continue
        if key == "kind":
            if value != kind:
                b.problem(
                    (*path, key),
                    f"{ident!r} is listed under {SECTIONS[kind]} but says kind "
                    f"{value!r}",
                    f"move it to {SECTIONS.get(str(value), 'the right section')}",
                    ident,
                )
            continue
        if key not in model.model_fields:
            allowed = [*model.model_fields, *_allowed_relation_keys(kind)]
            b.problem(
                (*path, key),
                f"{kind} {ident!r}: unknown field {key!r}",
                _suggest(key, allowed) or "see docs/format.md for the fields",
                ident,
            )
            continue
        fields[key] = _plain(value)
    try:
        record = model.model_validate(fields)
    except pydantic.ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            if loc and loc[0] in _LANGUAGE_FIELDS and loc[0] not in entry:
                loc = (_LANGUAGE_FIELDS[loc[0]], *loc[1:])  # as the file says it
            name = ".".join(map(str, loc))
            b.problem(
                path + loc[:1] if loc and loc[0] in entry else path,
                f"{kind} {ident!r}: {name} {_message(err)}",
                _fix_for(kind, err),
                ident,
            )
        record = None
        if isinstance(fields.get("id"), str) and fields["id"]:
            # Keep the id known so that references to it do not cascade into
            # "no record has id" problems; the record's own problems are listed.
            record = model.model_construct(id=fields["id"], label=ident)
    if record is not None:
        b.nodes.append(record)
        b.node_paths.append(path)
    own = _OWN_KEY.get(kind)
    if own is not None and own in entry:
        _read_own_expression(b, kind, ident, (*path, own), entry[own])
    for key in _REL_KEYS:
        if key in entry:
            if kind == "condition" and key == "requires":
                b.problem(
                    (*path, key),
                    f"condition {ident!r} lists its options under 'of', not 'requires'",
                    "rename requires: to of: (and set need or credits)",
                    ident,
                )
                continue
            if key not in _ALLOWED_RELATION_KEYS[kind]:
                b.problem(
                    (*path, key),
                    f"{kind} {ident!r} cannot have {key!r}",
                    "a "
                    + kind
                    + " can have: "
                    + ", ".join(_allowed_relation_keys(kind)),
                    ident,
                )
                continue
            _read_relations(b, ident, key, (*path, key), entry[key])


#: The expression key each kind has: a credential's ``earned_by``, a condition's
#: options ``of`` (see :mod:`pathgraph.io._conditions`).
_OWN_KEY = {"credential": "earned_by", "condition": "of"}


def _read_own_expression(
    b: _Builder, kind: str, ident: str, path: JsonPath, value: Any
) -> None:
    """A credential's ``earned_by`` (a condition awarding it) or a condition
    record's ``of`` (its options)."""

    def problem(at: JsonPath, message: str, fix: str) -> None:
        b.problem(at, f"{ident!r} {path[-1]}: {message}", fix, ident)

    if kind == "condition":
        if not isinstance(value, list):
            problem(path, "must be a list of options", "write of: [id, ...]")
            return
        expr = parse_expression({"all": value}, path, problem, listed=True)
        if expr is not None:
            _add_options(b, ident, expr)
        return
    item = {"all": value} if isinstance(value, list) else value
    expr = parse_expression(item, path, problem, listed=isinstance(value, list))
    if expr is None or not _no_group_keys(b, ident, expr):
        return
    cid = str(expr.fields.get("id") or f"{ident}:earn")
    if _add_condition(b, cid, expr):
        b.relations.append(Awards(source=cid, target=ident))
        b.rel_paths.append(path)


def _no_group_keys(b: _Builder, owner: str, expr: Expression) -> bool:
    bad = [k for k in ("group", "note") if k in expr.fields]
    if bad:
        b.problem(
            expr.path,
            f"{owner!r}: {' and '.join(bad)} belong to plain groups of ids; a "
            "condition has a label and a description",
            "write description: instead of note:, and drop group:",
            owner,
        )
    return not bad


def _add_condition(b: _Builder, cid: str, expr: Expression) -> bool:
    """Add the condition ``cid`` an expression makes, and its options (nested
    conditions too); False when it cannot be made."""
    data: dict[str, Any] = {
        "id": cid,
        "label": expr.fields.get("label") or cid,
        "need": None if expr.form == "all" else expr.need,
        "credits": expr.credits,
        **{
            k: _plain(expr.fields[k])
            for k in ("description", "to_confirm")
            if k in expr.fields
        },
    }
    try:
        node = Condition.model_validate(data)
    except pydantic.ValidationError as exc:
        for err in exc.errors():
            name = ".".join(map(str, err["loc"]))
            b.problem(expr.path, f"condition {cid!r}: {name} {_message(err)}", "", cid)
        return False
    b.nodes.append(node)
    b.node_paths.append(expr.path)
    if "label" not in expr.fields:
        b.unlabelled.append(node)
    _add_options(b, cid, expr)
    return True


def _add_options(b: _Builder, cid: str, expr: Expression) -> None:
    """``requires`` edges into condition ``cid`` from each option (a nested
    expression becomes condition ``cid.k``)."""
    k = 0
    for option, opath in zip(expr.options, expr.option_paths, strict=True):
        if isinstance(option, str):
            source = option
        else:
            if not _no_group_keys(b, cid, option):
                continue
            if "id" in option.fields:
                source = str(option.fields["id"])
            else:
                k += 1
                source = f"{cid}.{k}"
            if not _add_condition(b, source, option):
                continue
        b.relations.append(Requires(source=source, target=cid))
        b.rel_paths.append(opath)


def _label_conditions(b: _Builder) -> None:
    """Label the conditions written without one from their rule and options
    (nested ones first, so a parent can name them)."""
    if not b.unlabelled:
        return
    labels: dict[str, str] = {n.id: str(getattr(n, "label", n.id)) for n in b.nodes}
    options: dict[str, list[str]] = {}
    for rel in b.relations:
        if rel.kind == "requires":
            options.setdefault(rel.target, []).append(rel.source)
    for node in reversed(b.unlabelled):
        node.label = generated_label(
            node.need,
            node.credits,
            options.get(node.id, []),
            lambda o: labels.get(o, o),
        )
        labels[node.id] = node.label


def _fix_for(kind: str, err: Any) -> str:
    if err["type"] == "missing" and err["loc"] == ("label",):
        return "every record needs a label (its human-readable name)"
    if err["type"] == "missing" and err["loc"] == ("id",):
        return "every record needs an id, unique in the file"
    return ""


def _allowed_relation_keys(kind: str) -> list[str]:
    return list(_ALLOWED_RELATION_KEYS[kind])


def _relation_keys_of(kind: str) -> tuple[str, ...]:
    out = []
    for key in _REL_KEYS:
        rel = _KIND_OF_KEY[key]
        src, tgt = ENDPOINTS[rel]
        side = tgt if key in _TARGET_SIDE.values() else src
        if kind in side:
            out.append(key)
    return tuple(out)


#: The relation keys a record of each kind may have.
_ALLOWED_RELATION_KEYS = {kind: _relation_keys_of(kind) for kind in NODE_KINDS}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _read_relations(
    b: _Builder, owner: str, key: str, path: JsonPath, value: Any
) -> None:
    rel_kind = _KIND_OF_KEY[key]
    if key == "requires":
        _read_requirements(b, owner, path, value)
        return
    if not isinstance(value, list):
        b.problem(path, f"{key} must be a list", f"write {key}: [id, ...]", owner)
        return
    model = RELATION_TYPES[rel_kind]
    target_side = key in _TARGET_SIDE.values()
    for i, item in enumerate(value):
        ipath = (*path, i)
        if isinstance(item, str):
            other, attrs = item, {}
        elif isinstance(item, dict) and "to" in item:
            attrs = {k: _plain(v) for k, v in item.items() if k != "to"}
            other = item["to"]
        else:
            b.problem(
                ipath,
                f"{owner!r} {key}: each entry is an id or a mapping with 'to'",
                "write '- some-id' or '- {to: some-id, ...}'",
                owner,
            )
            continue
        source, target = (other, owner) if target_side else (owner, other)
        try:
            rel = model.model_validate(
                {"source": str(source), "target": str(target), **attrs}
            )
        except pydantic.ValidationError as exc:
            for err in exc.errors():
                name = ".".join(map(str, err["loc"]))
                b.problem(
                    ipath,
                    f"{owner!r} {key} -> {other!r}: {name} {_message(err)}",
                    "",
                    owner,
                )
            continue
        b.relations.append(rel)
        b.rel_paths.append(ipath)


def _read_requirements(b: _Builder, owner: str, path: JsonPath, value: Any) -> None:
    fix = "an entry is an id, {any: [...]}, {all: [...]} or {need: N, of: [...]}"
    made = 0  # conditions made from this list's entries (their ids: owner:k)
    for i, item in enumerate(_as_list(value)):
        ipath = (*path, i)
        if isinstance(item, str):
            b.relations.append(Requires(source=item, target=owner))
            b.rel_paths.append(ipath)
            continue
        if isinstance(item, dict) and not is_group_entry(item):

            def problem(at: JsonPath, message: str, fix: str) -> None:
                b.problem(at, f"{owner!r} requires: {message}", fix, owner)

            expr = parse_expression(_plain(item), ipath, problem)
            if expr is None or not _no_group_keys(b, owner, expr):
                continue
            if "id" in expr.fields:
                cid = str(expr.fields["id"])
            else:
                made += 1
                cid = f"{owner}:{made}"
            if _add_condition(b, cid, expr):
                b.relations.append(Requires(source=cid, target=owner))
                b.rel_paths.append(ipath)
            continue
        if not isinstance(item, dict):
            b.problem(
                ipath, f"{owner!r} requires: unreadable entry {item!r}", fix, owner
            )
            continue
        item = _plain(item)
        unknown = set(item) - {"any", "all", "need", "of", "group", "note"}
        forms = [k for k in ("any", "all", "of") if k in item]
        if unknown or len(forms) != 1:
            b.problem(
                ipath,
                f"{owner!r} requires: entry needs exactly one of any/all/of"
                + (f"; unknown keys {sorted(unknown)}" if unknown else ""),
                fix,
                owner,
            )
            continue
        form = forms[0]
        options = item[form]
        if not isinstance(options, list) or not all(
            isinstance(o, str) for o in options
        ):
            b.problem(
                ipath, f"{owner!r} requires: {form} must be a list of ids", fix, owner
            )
            continue
        if form == "of" and "need" not in item:
            b.problem(ipath, f"{owner!r} requires: 'of' needs 'need: N'", fix, owner)
            continue
        if form != "of" and "need" in item:
            b.problem(ipath, f"{owner!r} requires: 'need' goes with 'of'", fix, owner)
            continue
        need = {"any": 1, "all": None}.get(form, item.get("need"))
        if not isinstance(need, int | None) or isinstance(need, bool):
            b.problem(
                ipath, f"{owner!r} requires: need must be a whole number", fix, owner
            )
            continue
        group = item.get("group") or _auto_group(options)
        if len(set(options)) != len(options):
            b.problem(
                ipath,
                f"{owner!r} requires: an option is listed twice",
                "list each option once",
                owner,
            )
            continue
        for j, option in enumerate(options):
            try:
                rel = Requires(
                    source=option,
                    target=owner,
                    group=str(group),
                    need=need,
                    note=item.get("note"),
                )
            except pydantic.ValidationError as exc:
                for err in exc.errors():
                    b.problem(ipath, f"{owner!r} requires: {_message(err)}", fix, owner)
                break
            b.relations.append(rel)
            b.rel_paths.append((*ipath, form, j))


# --------------------------------------------------------------------------- writing


def _owner_and_key(rel: Any) -> tuple[str, str]:
    if rel.kind in _TARGET_SIDE:
        return rel.target, _TARGET_SIDE[rel.kind]
    return rel.source, rel.kind


def to_document(pathway: Pathway) -> dict[str, Any]:
    """The pathway as the nested, human-first document (plain dicts and lists).

    Deterministic: sections in a fixed order, records in the pathway's order within
    a section, fields in model order, values at their default left out.
    """
    doc: dict[str, Any] = {"pathgraph": FORMAT_VERSION}
    doc.update(
        pathway.model_dump(
            mode="json",
            include=set(_METADATA),
            exclude_none=True,
            exclude_defaults=True,
        )
    )
    if pathway.titles:  # a language map, as it was written
        doc["title"] = with_text(pathway.titles, pathway.title, pathway.lang)
    doc = {k: doc[k] for k in ("pathgraph", *_METADATA) if k in doc}
    owned: dict[str, dict[str, list[Any]]] = {}
    for rel in pathway.relations:
        owner, key = _owner_and_key(rel)
        owned.setdefault(owner, {}).setdefault(key, []).append(rel)
    w = _ConditionWriter(pathway, owned)
    for kind in NODE_KINDS:
        records = []
        for node in pathway.nodes:
            if node.kind != kind or node.id in w.inline:
                continue
            entry = node.model_dump(
                mode="json", exclude={"kind"}, exclude_defaults=True, exclude_none=True
            )
            entry.pop("labels", None)
            entry.pop("descriptions", None)
            if node.lanes and node.lane:
                entry["lane"] = with_text(node.lanes, node.lane, pathway.lang)
            entry.pop("lanes", None)
            entry.pop("label", None)
            label: Any = node.label
            if node.labels:  # a language map, as written, with any edit of label
                label = with_text(node.labels, node.label, pathway.lang)
            entry = {"id": node.id, "label": label, **entry}
            if node.descriptions and node.description:
                entry["description"] = with_text(
                    node.descriptions, node.description, pathway.lang
                )
            mine = owned.get(node.id, {})
            if kind == "condition":
                entry["of"] = w.options(node.id)
            elif node.id in w.earned_by:
                earn = w.expression(w.earned_by[node.id])
                entry["earned_by"] = earn["all"] if list(earn) == ["all"] else earn
            for key in _REL_KEYS:
                rels = mine.get(key)
                if rels and not (kind == "condition" and key == "requires"):
                    entry[key] = _write_relations(key, rels, w)
            records.append(entry)
        if records:
            doc[SECTIONS[kind]] = records
    return doc


class _ConditionWriter:
    """Which conditions are written inline (see :mod:`pathgraph.io._conditions`),
    and their expressions."""

    def __init__(self, pathway: Pathway, owned: dict[str, dict[str, list[Any]]]):
        self.nodes: dict[str, Any] = {n.id: n for n in pathway.nodes}
        self.owned = owned
        self.inline: set[str] = set()
        self.earned_by: dict[str, str] = {}
        if not any(n.kind == "condition" for n in pathway.nodes):
            return
        leaving: dict[str, list[Any]] = {}
        for rel in pathway.relations:
            leaving.setdefault(rel.source, []).append(rel)
        for node in pathway.nodes:  # inline entries are numbered per owner list
            sep = "." if node.kind == "condition" else ":"
            made = 0
            for rel in owned.get(node.id, {}).get("requires", []):
                c = rel.source
                if (
                    rel.group is None
                    and c == f"{node.id}{sep}{made + 1}"
                    and self._can_inline(c, leaving)
                ):
                    self.inline.add(c)
                    made += 1
        for rel in pathway.relations:
            c, cred = rel.source, rel.target
            if (
                rel.kind == "awards"
                and c == f"{cred}:earn"
                and self._can_inline(c, leaving)
            ):
                self.inline.add(c)
                self.earned_by[cred] = c

    def _can_inline(self, c: str, leaving: dict[str, list[Any]]) -> bool:
        node = self.nodes.get(c)
        if node is None or node.kind != "condition":
            return False
        out = leaving.get(c, [])
        if len(out) != 1 or out[0].note is not None:
            return False
        set_fields = node.model_dump(exclude_defaults=True, exclude_none=True)
        return set(set_fields) <= INLINE_FIELDS

    def options(self, c: str) -> list[Any]:
        """Condition ``c``'s options: ids, inline conditions as expressions."""
        return [
            self.expression(r.source) if r.source in self.inline else r.source
            for r in self.owned.get(c, {}).get("requires", [])
        ]

    def expression(self, c: str) -> dict[str, Any]:
        """The inline expression of condition ``c``."""
        node = self.nodes[c]
        options = self.options(c)
        out: dict[str, Any]
        if node.need is None and node.credits is None:
            out = {"all": options}
        elif node.need == 1 and node.credits is None:
            out = {"any": options}
        else:
            out = {
                k: v
                for k, v in (("need", node.need), ("credits", node.credits))
                if v is not None
            }
            out["of"] = options
        if node.to_confirm:
            out["to_confirm"] = list(node.to_confirm)
        ids = [r.source for r in self.owned.get(c, {}).get("requires", [])]

        def label_of(o: str) -> str:
            return str(getattr(self.nodes.get(o), "label", o))

        if node.label != generated_label(node.need, node.credits, ids, label_of):
            out["label"] = node.label
        if node.description is not None:
            out["description"] = node.description
        return out


def _write_relations(
    key: str, rels: list[Any], w: _ConditionWriter | None = None
) -> list[Any]:
    if key == "requires":
        return _write_requirements(rels, w)
    target_side = key in _TARGET_SIDE.values()
    out: list[Any] = []
    for rel in rels:
        other = rel.source if target_side else rel.target
        attrs = rel.model_dump(
            mode="json",
            exclude={"source", "target", "kind"},
            exclude_defaults=True,
            exclude_none=True,
        )
        out.append({"to": other, **attrs} if attrs else other)
    return out


def _write_requirements(rels: list[Any], w: _ConditionWriter | None) -> list[Any]:
    groups: dict[str | None, list[Any]] = {}
    out: list[Any] = []
    for rel in rels:
        if w is not None and rel.source in w.inline:
            out.append(w.expression(rel.source))
            continue
        if rel.group is None:
            if rel.note:
                out.append({"all": [rel.source], "group": rel.source, "note": rel.note})
            else:
                out.append(rel.source)
            continue
        if rel.group not in groups:
            groups[rel.group] = []
            out.append(groups[rel.group])
        groups[rel.group].append(rel)
    written: list[Any] = []
    for item in out:
        if not isinstance(item, list):
            written.append(item)
            continue
        options = [r.source for r in item]
        need, name = item[0].need, item[0].group
        entry: dict[str, Any]
        if need is None:
            entry = {"all": options}
        elif need == 1:
            entry = {"any": options}
        else:
            entry = {"need": need, "of": options}
        if name != _auto_group(options):
            entry["group"] = name
        if item[0].note:
            entry["note"] = item[0].note
        written.append(entry)
    return written


def dumps_yaml(pathway: Pathway, *, comments_from: Pathway | None = None) -> str:
    """The pathway as YAML text (deterministic: same pathway, same bytes).

    A pathway read from YAML is written back over the document it was read from:
    its comments, key order and list styles stay where they were for the records
    and fields that are still there; new records and fields are added without
    comments (see :mod:`pathgraph.io._yaml_layout`).

    Parameters
    ----------
    pathway
        The pathway.
    comments_from
        A pathway read from YAML whose document to write over instead of the
        pathway's own (``enrich`` builds a new pathway from the one it read).

    Examples
    --------
    >>> from pathgraph.io.native import dumps_yaml, loads_yaml
    >>> p = loads_yaml("# our pathway\\ntitle: T  # short\\n")
    >>> print(dumps_yaml(p), end="")
    # our pathway
    pathgraph: 1
    title: T  # short
    """
    source = (comments_from or pathway)._source_document
    document = to_document(pathway)
    if not isinstance(source, _YamlSource):
        return dump(document)
    if (comments_from is None or comments_from is pathway) and "#" not in source.text:
        # A file the writer wrote, read and written again unchanged (the common
        # case) is its own text: no need to lay the pathway over its document.
        # (With comments it is not: written record by record below.)
        text = dump(document)
        if text == source.text and source.width <= WIDTH:
            return text
    width = max(WIDTH, source.width)
    # lazy: start-up time (ruamel.yaml, as in _YamlSource.document)
    from pathgraph.io._yaml_layout import dump_over
    from pathgraph.io._yaml_splice import dump_spliced, read_plain

    plain = read_plain(source.text)
    if plain is not None:  # ruamel only for the records that changed
        _keep_spelt_out_defaults(plain.data, document, pathway)
        spliced = dump_spliced(
            source.text, plain, document, width, _REL_KEYS, SECTIONS.values()
        )
        if spliced is not None:
            return spliced
    old = source.document()
    if old is None:  # ruamel cannot read what libyaml did: write plainly
        return dump(document)
    _keep_spelt_out_defaults(old, document, pathway)
    written = dump_over(old, document, width, _REL_KEYS)
    if written is None:
        warnings.warn(
            "the YAML file's comments could not be kept: ruamel.yaml wrote text "
            "that does not read back (it breaks an end-of-line comment after an "
            "empty [] or {}: put such a comment on a line of its own); the file "
            "is written without its comments",
            stacklevel=2,
        )
        return dump(document)
    return written


def _keep_spelt_out_defaults(
    source: Any, document: dict[str, Any], pathway: Pathway
) -> None:
    """Fields a file spells out at their default value (``kind: program``,
    ``sources: []``) stay in the document written over it."""
    if not isinstance(source, dict):
        return
    for key in _METADATA:
        if key in source and key not in document:
            field = Pathway.model_fields[key]
            value = getattr(pathway, key)
            if value == field.get_default(call_default_factory=True):
                document[key] = pathway.model_dump(mode="json", include={key})[key]
    nodes = {n.id: n for n in pathway.nodes}
    for section in SECTIONS.values():
        before = {
            str(r.get("id")): r
            for r in (source.get(section) or [])
            if isinstance(r, dict)
        }
        for record in document.get(section, []):
            node = nodes[record["id"]]
            fields = type(node).model_fields
            for key in before.get(record["id"], ()):
                if key in record or key not in fields:
                    continue
                value = getattr(node, key)
                if value == fields[key].get_default(call_default_factory=True):
                    record[key] = node.model_dump(mode="json", include={key})[key]


def dumps_json(pathway: Pathway) -> str:
    """The pathway as JSON text (deterministic, two-space indent, final newline)."""
    return json.dumps(to_document(pathway), indent=2, ensure_ascii=False) + "\n"


def write_yaml(
    pathway: Pathway,
    path: str | os.PathLike[str],
    *,
    comments_from: Pathway | None = None,
) -> None:
    """Write a pathway to a YAML file atomically (see :func:`dumps_yaml`)."""
    atomic_write(path, dumps_yaml(pathway, comments_from=comments_from))


def write_json(pathway: Pathway, path: str | os.PathLike[str]) -> None:
    """Write a pathway to a JSON file atomically (see :func:`dumps_json`)."""
    atomic_write(path, dumps_json(pathway))
