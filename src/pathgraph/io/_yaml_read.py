"""YAML text to plain Python values, fast and located.

libyaml (PyYAML's C extension) parses; this module builds the values from its
events in one loop, without recursion, and keeps where every value starts:

* values as ruamel.yaml reads them (YAML 1.2, the library's former reader):
  ``yes`` and ``on`` are text, ``0o17`` is 15, ``2024-01-01`` a date; a file
  starting with ``%YAML 1.1`` is read as YAML 1.1 (``yes`` is true);
* a duplicated key is an error naming both places; merge keys (``<<: *base``)
  are honoured, the mapping's own keys first;
* only the standard tags (``!!str``, ``!!int``, ``!!float``, ``!!bool``,
  ``!!null``, ``!!timestamp``, ``!!map``, ``!!seq``) are accepted;
* nesting deeper than :data:`MAX_DEPTH` and aliases adding more than
  :data:`MAX_ALIASED` values in all (an "alias bomb": a few hundred bytes that
  expand to billions of values) are refused as soon as they are met;
* control characters (a vertical tab or NUL pasted from a word processor) are
  refused with their line and column;
* an integer longer than Python reads (``sys.get_int_max_str_digits()``, 4,300
  digits; a hexadecimal, octal, binary or sexagesimal one as long in decimal) is
  refused with its line and column, not read as text or left to overflow.

Every problem is a :class:`~pathgraph.FormatError` with the file, line and column.
Without the C extension, PyYAML's pure-Python parser does the same, slower.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import yaml

from pathgraph.errors import FormatError, Location, Problem
from pathgraph.io._positions import JsonPath, LineIndex

__all__ = ["MAX_ALIASED", "MAX_DEPTH", "YamlValues", "parse_yaml"]

#: Deepest nesting of mappings and lists read (a pathway file needs 6 levels).
MAX_DEPTH = 100
#: Most values that aliases (``*name``) may add to a document, in all.
MAX_ALIASED = 1_000_000

_Loader: Any = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
#: Whether libyaml parses (else PyYAML's pure-Python parser, several times slower).
WITH_LIBYAML = _Loader is not yaml.SafeLoader

_TAG = "tag:yaml.org,2002:"
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")
_NON_PRINTABLE = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_CONTROL_NAMES = {
    0: "a NUL character",
    8: "a backspace",
    11: "a vertical tab",
    12: "a form feed",
    27: "an escape character",
    127: "a delete character",
}

# Implicit types of plain scalars, as ruamel.yaml's resolver (YAML 1.2 and 1.1).
_FLOAT_12 = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_FLOAT_11 = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_INT_12 = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+)$""",
    re.X,
)
_INT_11 = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0?[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
    re.X,
)
_TIMESTAMP = re.compile(
    r"""^(?P<year>[0-9][0-9][0-9][0-9])
    -(?P<month>[0-9][0-9]?)
    -(?P<day>[0-9][0-9]?)
    (?:(?:[Tt]|[\ \t]+)
    (?P<hour>[0-9][0-9]?)
    :(?P<minute>[0-9][0-9])
    :(?P<second>[0-9][0-9])
    (?:\.(?P<fraction>[0-9]*))?
    (?:[\ \t]*(?P<tz>Z|(?P<tz_sign>[-+])(?P<tz_hour>[0-9][0-9]?)
    (?::(?P<tz_minute>[0-9][0-9]))?))?)?$""",
    re.X,
)
#: Plain text that is a timestamp (a date alone has two-digit month and day).
_TIMESTAMP_IMPLICIT = re.compile(
    r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
    (?:[Tt]|[\ \t]+)[0-9][0-9]?
    :[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
    (?:[\ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
    re.X,
)
_NULLS = frozenset(["", "~", "null", "Null", "NULL"])
_BOOL_12 = {"true": True, "True": True, "TRUE": True}
_BOOL_12 |= {"false": False, "False": False, "FALSE": False}
_BOOL_11 = {
    w: value
    for words, value in (("y yes true on", True), ("n no false off", False))
    for word in words.split()
    for w in (word, word.capitalize(), word.upper())
}
#: First characters of the plain scalars that may not be text (``""`` included).
_MAYBE_TYPED = frozenset(["", *"-+.0123456789~nNtTfFyYoO<"])


class _Where:
    """The :class:`~pathgraph.errors.Location` of a parser mark.

    libyaml counts NEL, LS and PS (U+0085, U+2028, U+2029) as line breaks, as
    YAML 1.1 did; ruamel.yaml and editors count lines by ``\\n``. In a text that
    has them (rarely), lines are counted from the mark's character offset."""

    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.lines = LineIndex(text) if _OTHER_BREAKS.search(text) else None

    def __call__(self, mark: Any) -> Location:
        if self.lines is None:
            return Location(self.source, mark.line + 1, mark.column + 1)
        return self.lines.location(self.source, mark.index)


class YamlValues:
    """A document read: its values and where each mapping key and list item starts."""

    def __init__(self, data: Any, marks: dict[int, Any], where: _Where) -> None:
        self.data = data
        #: ``id(container)`` -> its keys' (a dict) or items' (a list) start marks.
        self.marks = marks
        self.where = where

    def locate(self, path: JsonPath) -> str:
        """``file:line:column`` of the value at ``path`` (as far as it goes)."""
        node, mark = self.data, None
        for part in path:
            try:
                marks = self.marks.get(id(node))
                if marks is not None:
                    mark = marks[part]
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
        if mark is None:
            return f"{self.where.source}:1:1"
        return str(self.where(mark))

    def location(self, path: JsonPath) -> Location | None:
        """Where the value at ``path`` (a record: ``(section, index)``) starts."""
        node: Any = self.data
        for part in path[:-1]:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return None
        try:
            mark = self.marks[id(node)][path[-1]]
        except (KeyError, IndexError, TypeError):
            return None
        return self.where(mark)


def parse_yaml(text: str, source: str) -> YamlValues:
    """The values of a one-document YAML text, and where they are.

    Raises
    ------
    pathgraph.FormatError
        Syntax errors, control characters, duplicate keys, unknown tags, bad
        aliases, nesting deeper than :data:`MAX_DEPTH`, aliases adding more than
        :data:`MAX_ALIASED` values; each with its line and column.

    Examples
    --------
    >>> doc = parse_yaml("a: [1, x, 2024-01-01, yes]\\nb: {c: null}\\n", "f.yaml")
    >>> doc.data
    {'a': [1, 'x', datetime.date(2024, 1, 1), 'yes'], 'b': {'c': None}}
    >>> doc.locate(("a", 2)), doc.locate(("b", "c"))
    ('f.yaml:1:11', 'f.yaml:2:5')
    >>> parse_yaml("a: 1\\na: 2\\n", "f.yaml")
    Traceback (most recent call last):
    ...
    pathgraph.errors.FormatError: 1 problem in f.yaml:
      f.yaml:2:1: duplicate key 'a' (first at line 1, column 1) (fix: ...)
    """
    bad = _NON_PRINTABLE.search(text)
    if bad is not None:
        _control_character(text, bad.start(), source)
    builder = _Builder(_Where(text, source))
    loader = _Loader(text)
    try:
        return builder.run(loader.get_event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        builder.fail(mark, f"not valid YAML: {what}", "check indentation and quotes")
    except yaml.YAMLError as exc:  # pragma: no cover - the text was checked above
        builder.fail(None, f"not valid YAML: {exc}")
    finally:
        loader.dispose()


def _control_character(text: str, offset: int, source: str) -> NoReturn:
    code = ord(text[offset])
    name = _CONTROL_NAMES.get(code, "a control character")
    where = LineIndex(text).location(source, offset)
    raise FormatError(
        [
            Problem(
                str(where),
                f"{name} (U+{code:04X}) is not allowed in YAML",
                "delete it (such characters come with text pasted from a word "
                'processor), or write it as an escape in double quotes: "\\x'
                f'{code:02X}"'
                if code < 0x100
                else "delete it",
            )
        ],
        source=source,
    )


class _Merge:
    """The key ``<<`` (a plain one): its value's mappings are merged in."""

    def __repr__(self) -> str:
        return "'<<'"


_MERGE = _Merge()
_NO_KEY = object()


class _Builder:
    """One document's values, built from parser events on an explicit stack."""

    def __init__(self, where: _Where) -> None:
        self.where = where
        self.version = (1, 2)
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.marks: dict[int, Any] = {}
        self.count = 0  # values built, aliases' expansions included
        self.aliased = 0  # values added by aliases
        self.documents = 0

    def fail(self, mark: Any, message: str, fix: str = "") -> NoReturn:
        where = self.where.source if mark is None else str(self.where(mark))
        raise FormatError([Problem(where, message, fix)], source=self.where.source)

    def run(self, next_event: Callable[[], Any]) -> YamlValues:
        """Consume the events; the hot loop, with the common cases inline."""
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        maybe_typed, resolve = _MAYBE_TYPED, self.resolve
        root: Any = None
        stack: list[list[Any]] = []  # enclosing frames
        frame: list[Any] | None = None  # [container, marks, is_map, key, key_mark,
        #                                  start_mark, anchor, count, merges]
        while True:
            event = next_event()
            cls = event.__class__
            if cls is scalar_event:
                value = event.value
                try:
                    if event.tag is not None:
                        value = self.tagged(event)
                    elif not event.style and value[:1] in maybe_typed:
                        value = resolve(
                            value,
                            frame is not None and frame[2] and frame[3] is _NO_KEY,
                        )
                except _HugeInteger as exc:
                    self.fail(event.start_mark, str(exc), _HUGE_FIX)
                self.count += 1
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                mark = event.start_mark
            elif cls in starts:
                frame = self.open(event, frame, stack)
                continue
            elif cls in ends:
                assert frame is not None
                value, mark = self.close(frame), frame[5]
                frame = stack.pop() if stack else None
            elif cls is alias_event:
                value, mark = self.alias(event), event.start_mark
            else:
                if cls is yaml.StreamEndEvent:
                    return YamlValues(root, self.marks, self.where)
                self.other(event)
                continue
            if frame is None:
                root = value
            elif not frame[2]:
                frame[0].append(value)
                frame[1].append(mark)
            elif frame[3] is not _NO_KEY:
                key = frame[3]
                if key is _MERGE:
                    self.merge(frame, value)
                else:
                    frame[0][key] = value
                    frame[1][key] = frame[4]
                frame[3] = _NO_KEY
            elif value.__class__ is str and value not in frame[0]:
                frame[3], frame[4] = value, mark
            else:
                self.key(frame, value, mark)

    def key(self, frame: list[Any], key: Any, mark: Any) -> None:
        """A key other than new text: a duplicate, ``<<``, a number, a date..."""
        try:
            hash(key)
        except TypeError:
            self.fail(mark, "a key must be a single value, not a list or mapping")
        if key in frame[0] or (key is _MERGE and frame[8] is not None):
            first = frame[1].get(key)
            at = ""
            if first is not None:
                line, column = self.where(first).line, self.where(first).column
                at = f" (first at line {line}, column {column})"
            self.fail(mark, f"duplicate key {key!r}{at}", "keep one of the two")
        frame[3], frame[4] = key, mark

    def merge(self, frame: list[Any], value: Any) -> None:
        """``<<: *base`` or ``<<: [*a, *b]``: mappings merged in at the end."""
        sources = value if isinstance(value, list) else [value]
        if not sources or not all(isinstance(s, dict) for s in sources):
            self.fail(frame[4], "'<<' merges a mapping or a list of mappings")
        frame[8] = sources

    def open(
        self, event: Any, frame: list[Any] | None, stack: list[list[Any]]
    ) -> list[Any]:
        """A mapping or list starts: its frame (the enclosing one is stacked)."""
        mark = event.start_mark
        if frame is not None:
            if frame[2] and frame[3] is _NO_KEY:
                self.fail(mark, "a key must be a single value, not a list or mapping")
            if len(stack) + 1 >= MAX_DEPTH:
                self.fail(
                    mark,
                    f"nested more than {MAX_DEPTH} levels deep",
                    "a pathway file needs a few levels; check the indentation",
                )
            stack.append(frame)
        is_map = event.__class__ is yaml.MappingStartEvent
        tag = event.tag
        allowed = (None, "!", _TAG + ("map" if is_map else "seq"))
        if tag not in allowed:
            self.fail(mark, f"tag {_show(tag)} is not allowed", _TAG_FIX)
        container: Any = {} if is_map else []
        marks: Any = {} if is_map else []
        self.marks[id(container)] = marks
        self.count += 1
        return [
            container,
            marks,
            is_map,
            _NO_KEY,
            None,
            mark,
            event.anchor,
            self.count,
            None,
        ]

    def close(self, frame: list[Any]) -> Any:
        """A mapping or list ends: merge keys applied, its anchor recorded."""
        container = frame[0]
        if frame[8]:
            for source in frame[8]:
                for key, value in source.items():
                    if key not in container:
                        container[key] = value
        if frame[6] is not None:
            self.anchors[frame[6]] = (container, self.count - frame[7] + 1)
        return container

    def alias(self, event: Any) -> Any:
        try:
            value, size = self.anchors[event.anchor]
        except KeyError:
            self.fail(
                event.start_mark,
                f"alias *{event.anchor} has no anchor &{event.anchor} before it",
                "define the anchor first (an alias cannot point into its own value)",
            )
        self.count += size
        self.aliased += size
        if self.aliased > MAX_ALIASED:
            self.fail(
                event.start_mark,
                f"aliases expand to more than {MAX_ALIASED:,} values",
                "write the values out, or use fewer aliases (is this an alias bomb?)",
            )
        return value

    def other(self, event: Any) -> None:
        """Stream and document events: one document, YAML 1.2 or 1.1."""
        if event.__class__ is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self.fail(
                    event.start_mark,
                    "more than one document (a second '---')",
                    "keep one pathway per file",
                )
            self.version = event.version or (1, 2)

    def resolve(self, value: str, is_key: bool) -> Any:
        """A plain scalar's value (ruamel.yaml's implicit types)."""
        if value in _NULLS:
            return None
        v11 = self.version == (1, 1)
        bools = _BOOL_11 if v11 else _BOOL_12
        if value in bools:
            return bools[value]
        if value == "<<" and is_key:
            return _MERGE
        if (_FLOAT_11 if v11 else _FLOAT_12).match(value):
            return _float(value)
        if (_INT_11 if v11 else _INT_12).match(value):
            return _int(value, v11)
        if _TIMESTAMP_IMPLICIT.match(value):
            return _timestamp(value)
        return value

    def tagged(self, event: Any) -> Any:
        """A scalar with an explicit tag: a standard one, and a value that fits it."""
        tag, value = event.tag, event.value
        if tag == "!" or tag == _TAG + "str":
            return value
        kind = tag[len(_TAG) :] if tag.startswith(_TAG) else ""
        v11 = self.version == (1, 1)
        checks: dict[str, Callable[[], Any]] = {
            "int": lambda: (
                _int(value, v11) if (_INT_11 if v11 else _INT_12).match(value) else None
            ),
            "float": lambda: (
                _float(value)
                if (_FLOAT_11 if v11 else _FLOAT_12).match(value)
                or (_INT_11 if v11 else _INT_12).match(value)
                else None
            ),
            "bool": lambda: (_BOOL_11 if v11 else _BOOL_12).get(value),
            "timestamp": lambda: _timestamp(value) if _TIMESTAMP.match(value) else None,
        }
        if kind == "null":
            if value in _NULLS:
                return None
        elif kind in checks:
            built = checks[kind]()
            if built is not None:
                return built
        else:
            self.fail(event.start_mark, f"tag {_show(tag)} is not allowed", _TAG_FIX)
        self.fail(event.start_mark, f"{value!r} is not a valid {kind}")


_TAG_FIX = "remove the tag: a pathway file holds text, numbers, true/false, dates"


def _show(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def _float(text: str) -> float:
    value = text.replace("_", "").lower()
    sign = -1.0 if value.startswith("-") else 1.0
    value = value.lstrip("+-")
    if value == ".inf":
        return sign * float("inf")
    if value == ".nan":
        return float("nan")
    if ":" in value:  # YAML 1.1 sexagesimal
        total = 0.0
        for part in value.split(":"):
            total = total * 60 + float(part)
        return sign * total
    return sign * float(value)


class _HugeInteger(Exception):
    """An integer literal longer than Python reads (its message says how long)."""


_HUGE_FIX = "numbers in a pathway are at most 10^12"
#: log10(2): decimal digits per bit.
_DIGITS_PER_BIT = 0.30103


def _huge(digits: int) -> _HugeInteger:
    limit = sys.get_int_max_str_digits()
    return _HugeInteger(
        f"an integer of {digits:,} digits, more than Python reads ({limit:,} digits)"
    )


def _bounded(number: int) -> int:
    """``number``, or :class:`_HugeInteger` when it has more decimal digits than
    Python converts (it could not even be shown in a message)."""
    limit = sys.get_int_max_str_digits()
    if limit and number.bit_length() * _DIGITS_PER_BIT > limit:
        raise _huge(int(number.bit_length() * _DIGITS_PER_BIT) + 1)
    return number


def _int(text: str, v11: bool) -> int | str:
    value = text.replace("_", "")
    sign = -1 if value.startswith("-") else 1
    value = value.lstrip("+-")
    limit = sys.get_int_max_str_digits()
    if limit and len(value) > limit and value.isdigit():
        raise _huge(len(value))
    try:
        if value[:2] in ("0b", "0x", "0o"):
            base = {"0b": 2, "0x": 16, "0o": 8}[value[:2]]
            return sign * _bounded(int(value[2:], base))
        if v11 and ":" in value:
            total = 0
            for part in value.split(":"):
                total = _bounded(total * 60 + int(part))
            return sign * total
        if v11 and len(value) > 1 and value[0] == "0":
            return sign * _bounded(int(value, 8))
        return sign * int(value)
    except ValueError:  # "-_", "0b": text after all
        return text


def _timestamp(text: str) -> dt.date | dt.datetime | str:
    match = _TIMESTAMP.match(text)
    assert match is not None
    v = match.groupdict()
    try:
        if v["hour"] is None:
            return dt.date(int(v["year"]), int(v["month"]), int(v["day"]))
        fraction = (v["fraction"] or "")[:6].ljust(6, "0")
        tz: dt.tzinfo | None = None
        if v["tz_sign"]:
            delta = dt.timedelta(
                hours=int(v["tz_hour"]), minutes=int(v["tz_minute"] or 0)
            )
            tz = dt.timezone(-delta if v["tz_sign"] == "-" else delta, name=v["tz"])
        elif v["tz"] == "Z":
            tz = dt.timezone(dt.timedelta(0), name="Z")
        return dt.datetime(
            int(v["year"]), int(v["month"]), int(v["day"]), int(v["hour"]),
            int(v["minute"]), int(v["second"]), int(fraction), tz,
        )  # fmt: skip
    except ValueError:  # 2024-02-30: not a date, so text
        return text
