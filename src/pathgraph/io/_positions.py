"""Where records stand in JSON text: the start of chosen objects, as line and column.

``json.loads`` keeps no positions and cannot be asked for them. :func:`loads_located`
parses like it, and notes where the objects a caller asks for begin: it walks by
hand through the few levels where records can be (the document, its sections, a
JSON-LD ``@graph``) and hands every other value to the json module's C scanner, so
the text is parsed once, at nearly ``json.loads``' speed. It works on one-line
(minified) JSON as on pretty JSON; for text that is not JSON it raises the json
module's own error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from pathgraph.errors import Location

__all__ = ["JsonPath", "LineIndex", "decode_located", "loads_located"]

#: A value's place in a JSON document: the keys and indices leading to it.
JsonPath = tuple[str | int, ...]
_Hook = Callable[[list[tuple[str, Any]]], Any]

_SPACE = re.compile(r"[ \t\n\r]*")


def loads_located(
    text: str,
    wanted: Callable[[JsonPath], bool],
    descend: Callable[[JsonPath], bool],
    object_pairs_hook: _Hook | None = None,
) -> tuple[Any, dict[JsonPath, int]]:
    """``json.loads(text)``, and the offset of the ``{`` of every object whose path
    ``wanted`` accepts.

    Only the containers whose path ``descend`` accepts are walked into, so
    ``wanted`` sees the document and the values directly inside walked containers.

    Raises
    ------
    json.JSONDecodeError
        As ``json.loads`` does, for text that is not one JSON document.

    Examples
    --------
    >>> text = '{"programs": [{"id": "a"}, {"id": "b"}], "title": "T"}'
    >>> data, starts = loads_located(text, lambda p: len(p) == 2, lambda p: len(p) < 2)
    >>> starts
    {('programs', 0): 14, ('programs', 1): 27}
    >>> data == json.loads(text)
    True
    """
    data, end, starts = decode_located(
        text, _space(text, 0), wanted, descend, object_pairs_hook
    )
    if _space(text, end) != len(text):
        json.loads(text, object_pairs_hook=object_pairs_hook)  # raises "Extra data"
    return data, starts


def decode_located(
    text: str,
    start: int,
    wanted: Callable[[JsonPath], bool],
    descend: Callable[[JsonPath], bool],
    object_pairs_hook: _Hook | None = None,
) -> tuple[Any, int, dict[JsonPath, int]]:
    """``JSONDecoder(object_pairs_hook=...).raw_decode(text, start)`` (the value and
    where it ends, text may follow), and the starts of the wanted objects."""
    decoder: Any = json.JSONDecoder(object_pairs_hook=object_pairs_hook)
    walker = _Walker(text, decoder.scan_once, object_pairs_hook, wanted, descend)
    try:
        value, end = walker.value(start, ())
    except (StopIteration, IndexError, ValueError):
        # Not JSON: the json module says where and why.
        value, end = decoder.raw_decode(text, start)
        return value, end, {}  # pragma: no cover - raw_decode has raised
    return value, end, walker.starts


class _Walker:
    def __init__(
        self,
        text: str,
        scan: Callable[[str, int], tuple[Any, int]],
        hook: _Hook | None,
        wanted: Callable[[JsonPath], bool],
        descend: Callable[[JsonPath], bool],
    ) -> None:
        self.text, self.scan, self.hook = text, scan, hook
        self.wanted, self.descend = wanted, descend
        self.starts: dict[JsonPath, int] = {}

    def value(self, at: int, path: JsonPath) -> tuple[Any, int]:
        """The value starting at ``at`` and the offset just after it."""
        first = self.text[at]
        if first == "{" and self.wanted(path):
            self.starts[path] = at
        if first not in "{[" or not self.descend(path):
            return self.scan(self.text, at)
        if first == "{":
            return self.members(at, path)
        return self.items(at, path)

    def members(self, at: int, path: JsonPath) -> tuple[Any, int]:
        text = self.text
        pairs: list[tuple[str, Any]] = []
        at = _space(text, at + 1)
        while text[at] != "}" or pairs:
            if text[at] != '"':
                raise ValueError("expected a key")
            key, at = self.scan(text, at)
            at = _space(text, at)
            if text[at] != ":":
                raise ValueError("expected ':'")
            value, at = self.value(_space(text, at + 1), (*path, key))
            pairs.append((key, value))
            at = _space(text, at)
            if text[at] == "}":
                break
            if text[at] != ",":
                raise ValueError("expected ',' or '}'")
            at = _space(text, at + 1)
        return (self.hook(pairs) if self.hook else dict(pairs)), at + 1

    def items(self, at: int, path: JsonPath) -> tuple[Any, int]:
        text = self.text
        out: list[Any] = []
        at = _space(text, at + 1)
        while text[at] != "]" or out:
            value, at = self.value(at, (*path, len(out)))
            out.append(value)
            at = _space(text, at)
            if text[at] == "]":
                break
            if text[at] != ",":
                raise ValueError("expected ',' or ']'")
            at = _space(text, at + 1)
        return out, at + 1


def _space(text: str, at: int) -> int:
    """The offset of the first character at or after ``at`` that is not white space."""
    match = _SPACE.match(text, at)
    return match.end() if match else at


class LineIndex:
    """Turns offsets into a text into 1-based lines and columns.

    Counts the newlines from the previous offset asked about, so asking in
    increasing order (as records come in a file) reads the text once.

    Examples
    --------
    >>> print(LineIndex("ab\\ncd").location("f.json", 4))
    f.json:2:2
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._at = 0  # the last offset asked about,
        self._line = 1  # its line,
        self._line_start = 0  # and the offset that line starts at

    def location(self, source: str, offset: int) -> Location:
        """The :class:`~pathgraph.errors.Location` of ``offset`` in ``source``."""
        if offset < self._at:
            self._at, self._line, self._line_start = 0, 1, 0
        newlines = self._text.count("\n", self._at, offset)
        if newlines:
            self._line += newlines
            self._line_start = self._text.rfind("\n", self._at, offset) + 1
        self._at = offset
        return Location(source, self._line, offset - self._line_start + 1)
