"""Where records stand in JSON text: the start of chosen objects, as line and column.

``json.loads`` keeps no positions, and cannot be asked for them, so
:func:`object_starts` walks the text once more: by hand through the few levels
where records can be (the document, its sections, a JSON-LD ``@graph``), and with
the json module's C scanner over everything else, which it skips. It works on
one-line (minified) JSON as on pretty JSON, and expects text that ``json.loads``
has already accepted.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable
from typing import Any

from pathgraph.errors import Location

__all__ = ["JsonPath", "LineIndex", "object_starts"]

#: A value's place in a JSON document: the keys and indices leading to it.
JsonPath = tuple[str | int, ...]

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER: Any = json.JSONDecoder()  # its scan_once is not in the type stubs
#: The C scanner behind json.loads: ``scan(text, index) -> (value, end)``.
_SCAN: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once


def object_starts(
    text: str,
    wanted: Callable[[JsonPath], bool],
    descend: Callable[[JsonPath], bool],
) -> dict[JsonPath, int]:
    """Offset of the ``{`` of every object whose path ``wanted`` accepts.

    Only the containers whose path ``descend`` accepts are walked into; every
    other value is skipped whole, so ``wanted`` sees the objects directly inside
    walked containers (and the document itself).

    Examples
    --------
    >>> text = '{"programs": [{"id": "a"}, {"id": "b"}], "title": "T"}'
    >>> object_starts(text, lambda p: len(p) == 2, lambda p: len(p) < 2)
    {('programs', 0): 14, ('programs', 1): 27}
    """
    out: dict[JsonPath, int] = {}
    # Text that is not JSON after all gives no (more) locations: its reader
    # reports the syntax error.
    with contextlib.suppress(StopIteration, IndexError, ValueError):
        _walk(text, _space(text, 0), (), wanted, descend, out)
    return out


def _walk(
    text: str,
    at: int,
    path: JsonPath,
    wanted: Callable[[JsonPath], bool],
    descend: Callable[[JsonPath], bool],
    out: dict[JsonPath, int],
) -> int:
    """Walk the value starting at ``at``; return the offset just after it."""
    first = text[at]
    if first == "{" and wanted(path):
        out[path] = at
    if first not in "{[" or not descend(path):
        return _SCAN(text, at)[1]
    close = "}" if first == "{" else "]"
    at = _space(text, at + 1)
    index = 0
    while text[at] != close:
        if first == "{":
            key, at = _SCAN(text, at)
            at = _space(text, _space(text, at) + 1)  # past the colon
            at = _walk(text, at, (*path, key), wanted, descend, out)
        else:
            at = _walk(text, at, (*path, index), wanted, descend, out)
            index += 1
        at = _space(text, at)
        if text[at] == ",":
            at = _space(text, at + 1)
    return at + 1


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
