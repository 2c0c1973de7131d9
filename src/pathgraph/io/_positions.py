"""Where records stand in JSON text: the start of chosen objects, as line and column.

``json.loads`` keeps no positions, and its scanner cannot be asked for them, so
:func:`object_starts` walks the text once more with a small tokenizer (strings and
punctuation; numbers and literals need no token) and notes where each object a
caller asks for begins. It works on one-line (minified) JSON as on pretty JSON and
expects text that ``json.loads`` has already accepted.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable

from pathgraph.errors import Location

__all__ = ["JsonPath", "LineIndex", "object_starts"]

#: A value's place in a JSON document: the keys and indices leading to it.
JsonPath = tuple[str | int, ...]

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],]')


def object_starts(text: str, wanted: Callable[[JsonPath], bool]) -> dict[JsonPath, int]:
    """Offset of the ``{`` of every object whose path ``wanted`` accepts.

    Examples
    --------
    >>> text = '{"programs": [{"id": "a"}, {"id": "b"}], "title": "T"}'
    >>> object_starts(text, lambda path: len(path) == 2)
    {('programs', 0): 14, ('programs', 1): 27}
    """
    out: dict[JsonPath, int] = {}
    # One frame per open container: its current key (object) or index (array),
    # and for an object whether the next string is a key.
    places: list[str | int] = []
    in_object: list[bool] = []
    want_key: list[bool] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first == '"':
            if in_object and in_object[-1] and want_key[-1]:
                places[-1] = json.loads(token) if "\\" in token else token[1:-1]
                want_key[-1] = False
        elif first == "{":
            path = tuple(places)
            if wanted(path):
                out[path] = match.start()
            places.append("")
            in_object.append(True)
            want_key.append(True)
        elif first == "[":
            places.append(0)
            in_object.append(False)
            want_key.append(False)
        elif first == ",":
            if in_object[-1]:
                want_key[-1] = True
            else:
                index = places[-1]
                assert isinstance(index, int)
                places[-1] = index + 1
        else:  # } or ]
            places.pop()
            in_object.pop()
            want_key.pop()
    return out


class LineIndex:
    """Turns offsets into a text into 1-based lines and columns.

    Examples
    --------
    >>> print(LineIndex("ab\\ncd").location("f.json", 4))
    f.json:2:2
    """

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def location(self, source: str, offset: int) -> Location:
        """The :class:`~pathgraph.errors.Location` of ``offset`` in ``source``."""
        line = bisect_right(self._starts, offset)
        return Location(source, line, offset - self._starts[line - 1] + 1)
