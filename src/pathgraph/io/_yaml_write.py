"""The plain YAML writer: the text ruamel.yaml writes for a pathway document, fast.

:func:`dump` writes plain data (dicts, lists, str, int, float, bool, None) as the
library's YAML writer always has (ruamel.yaml's emitter, with ``indent(mapping=2,
sequence=4, offset=2)``, width 88, unicode as is), with one deliberate change:
text that a YAML 1.1 reader (PyYAML, many other tools) would take for something
else (``yes``, ``no``, ``on``, ``off``, ``1:30``) is quoted, so files mean the
same to every reader. Lists of a few ids are written inline (``[a, b]``).

The layout rules are ruamel's emitter's, ported for the shapes a document has
(block mappings and lists, inline lists of text, scalars): indentation, where
long scalars fold, how each string is quoted. Common strings take a fast path;
the rest go through the port of ruamel's scalar analysis and writers. Tests
compare the output with ruamel's on generated documents.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

__all__ = ["WIDTH", "dump", "flow_style", "is_plain_text"]

#: Line width: longer scalars fold onto the next line.
WIDTH = 88
_MAP_INDENT, _SEQ_INDENT, _DASH_OFFSET = 2, 4, 2
_BREAKS = "\n\x85\u2028\u2029"
_WHITESPACE = "\0 \t\r\n\x85\u2028\u2029"

# What plain text may resolve to, by ruamel.yaml's YAML 1.2 and 1.1 resolvers.
_TYPED = re.compile(
    r"""^(?:true|True|TRUE|false|False|FALSE
    |y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF
    |[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)
    |[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
    |<<|~|null|Null|NULL|=|!|&|\*
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
    (?:[Tt]|[\ \t]+)[0-9][0-9]?
    :[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
    (?:[\ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
    re.X,
)
_TYPED_FIRST = frozenset("-+.0123456789tTfFyYnNoO<~=!&*")
#: One line of printable characters that need no escape, not starting or ending
#: with a space (plain or single-quoted; the choice is made by ``_simple_plain``).
_SIMPLE = re.compile(
    "[^ \x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
    "(?:[^\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]*"
    "[^ \x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff])?\\Z"
)
_ESCAPES = {
    "\0": "0", "\x07": "a", "\x08": "b", "\x09": "t", "\x0a": "n", "\x0b": "v",
    "\x0c": "f", "\x0d": "r", "\x1b": "e", '"': '"', "\\": "\\", "\x85": "N",
    "\xa0": "_", "\u2028": "L", "\u2029": "P",
}  # fmt: skip


def flow_style(value: list[Any]) -> bool:
    """Whether a list is written inline: a few ids (``[a, b]``)."""
    return (
        bool(value)
        and all(isinstance(v, str) for v in value)
        and sum(len(v) + 2 for v in value) < 60
    )


def is_plain_text(text: str) -> bool:
    """Whether text written plain reads back as the same text in YAML 1.2 and 1.1.

    Examples
    --------
    >>> [is_plain_text(t) for t in ("nursing", "no", "1.5", "2024-01-01", "")]
    [True, False, False, False, False]
    """
    if not text:
        return False
    return text[0] not in _TYPED_FIRST or not _TYPED.match(text)


def dump(document: Any, width: int = WIDTH) -> str:
    """Plain data as YAML text, exactly as ruamel.yaml writes it (see above).

    Examples
    --------
    >>> print(dump({"title": "T", "sources": ["a", "b"], "x": [{"id": "no"}]}), end="")
    title: T
    sources: [a, b]
    x:
      - id: 'no'
    """
    emitter = _Emitter(width)
    emitter.node(document, root=True)
    emitter.write_indent()  # the document's end
    return "".join(emitter.out)


class _Emitter:
    """ruamel.yaml's ``Emitter`` state, and its handlers for the shapes we write."""

    def __init__(self, width: int) -> None:
        self.out: list[str] = []
        self.best_width = width if width > 2 * _SEQ_INDENT else 80
        self.column = 0
        self.indent: int | None = None
        self.indents: list[tuple[int | None, bool]] = []
        self.whitespace = True
        self.indention = True
        self.no_newline = False
        self.flow_level = 0

    # ----------------------------------------------------------------- structure

    def node(
        self,
        value: Any,
        root: bool = False,
        sequence: bool = False,
        mapping: bool = False,
        simple_key: bool = False,
    ) -> None:
        if isinstance(value, dict):
            if self.flow_level or not value:
                self.empty_mapping(value)
            else:
                self.block_mapping(value)
        elif isinstance(value, list):
            if self.flow_level or not value or flow_style(value):
                self.flow_sequence(value)
            else:
                self.block_sequence(value, mapping)
        else:
            self.scalar(value, sequence, simple_key)

    def increase_indent(
        self, flow: bool = False, sequence: bool = False, indentless: bool = False
    ) -> None:
        self.indents.append((self.indent, sequence))
        if self.indent is None:
            self.indent = None if flow else 0
        elif not indentless:
            last_seq = len(self.indents) > 1 and self.indents[-2][1]
            self.indent += _SEQ_INDENT if last_seq else _MAP_INDENT

    def seq_seq(self) -> bool:
        return len(self.indents) > 1 and self.indents[-2][1] and self.indents[-1][1]

    def block_mapping(self, value: dict[Any, Any]) -> None:
        self.increase_indent()
        for key, item in value.items():
            self.write_indent()
            if not isinstance(key, str) or not _simple_key(key):
                raise ValueError(f"cannot write {key!r} as a simple key")
            self.scalar(key, simple_key=True)
            self.write_indicator(":", False)
            self.node(item, mapping=True)
        self.indent = self.indents.pop()[0]

    def block_sequence(self, value: list[Any], mapping: bool) -> None:
        self.increase_indent(sequence=True, indentless=mapping and not self.indention)
        if self.seq_seq():
            self.indention, self.no_newline = True, False
        for item in value:
            nonl = self.no_newline if self.column == 0 else False
            self.write_indent()
            self.write_indicator(" " * _DASH_OFFSET + "-", True, indention=True)
            if nonl or _DASH_OFFSET + 2 > _SEQ_INDENT:
                self.no_newline = True
            self.node(item, sequence=True)
        self.indent = self.indents.pop()[0]
        self.no_newline = False

    def flow_align(self) -> int:
        """Extra spaces before ``[`` of an inline list that is a list item."""
        if len(self.indents) < 2 or not self.indents[-1][1]:
            return 0
        base = self.indents[-1][0] or 0
        return base + _SEQ_INDENT - self.column - 1

    def flow_sequence(self, value: list[Any]) -> None:
        self.write_indicator(" " * self.flow_align() + "[", True, whitespace=True)
        self.increase_indent(flow=True, sequence=True)
        self.flow_level += 1
        if self.seq_seq():
            self.indention, self.no_newline = True, False
        for i, item in enumerate(value):
            if i:
                self.write_indicator(",", False)
            if self.column > self.best_width:
                self.write_indent()
            self.node(item, sequence=True)
        self.indent = self.indents.pop()[0]
        self.flow_level -= 1
        self.write_indicator("]", False)
        if value:
            self.no_newline = False
        elif self.flow_level == 0:
            self.write_line_break()

    def empty_mapping(self, value: dict[Any, Any]) -> None:
        if value:
            raise ValueError("mappings inside inline lists are not written")
        self.write_indicator(" " * self.flow_align() + "{", True, whitespace=True)
        self.write_indicator("}", False)
        if self.flow_level == 0:
            self.write_line_break()

    # ------------------------------------------------------------------- scalars

    def scalar(
        self, value: Any, sequence: bool = False, simple_key: bool = False
    ) -> None:
        self.increase_indent(flow=True)
        if sequence and not self.flow_level:
            self.write_indent()
        if isinstance(value, str):
            self.text(value, not simple_key)
        elif value is None:
            pass  # ruamel writes nothing after "key:"
        else:
            self.plain(_represent(value), True)
        self.indent = self.indents.pop()[0]

    def text(self, text: str, split: bool) -> None:
        """A string: plain if it reads back as itself, else quoted as ruamel does."""
        if _SIMPLE.match(text):
            flow_ok, block_ok = _simple_plain(text)
            multiline, single_ok = False, True
        else:
            flow_ok, block_ok, multiline, single_ok = _analyze(text)
        plain_ok = flow_ok if self.flow_level else block_ok
        if plain_ok and is_plain_text(text) and not (not split and multiline):
            self.plain(text, split)
        elif "'" in text or "\n" in text:
            self.double_quoted(text, split)
        elif single_ok and not (not split and multiline):
            self.single_quoted(text, split)
        else:
            self.double_quoted(text, split)

    # -------------------------------------------------------------------- output

    def write_indicator(
        self,
        indicator: str,
        need_whitespace: bool,
        whitespace: bool = False,
        indention: bool = False,
    ) -> None:
        data = indicator if self.whitespace or not need_whitespace else " " + indicator
        self.whitespace = whitespace
        self.indention = self.indention and indention
        self.column += len(data)
        self.out.append(data)

    def write_indent(self) -> None:
        indent = self.indent or 0
        if (
            not self.indention
            or self.column > indent
            or (self.column == indent and not self.whitespace)
        ):
            if self.no_newline:
                self.no_newline = False
            else:
                self.write_line_break()
        if self.column < indent:
            self.whitespace = True
            self.out.append(" " * (indent - self.column))
            self.column = indent

    def write_line_break(self, data: str = "\n") -> None:
        self.whitespace = True
        self.indention = True
        self.column = 0
        self.out.append(data)

    def write(self, data: str) -> None:
        self.column += len(data)
        self.out.append(data)

    def plain(self, text: str, split: bool) -> None:
        if not text:
            return
        start_column = self.column + (0 if self.whitespace else 1)
        if start_column + len(text) <= self.best_width:  # nothing to fold
            self.out.append(text if self.whitespace else " " + text)
            self.column = start_column + len(text)
            self.whitespace = self.indention = False
            return
        if not self.whitespace:
            self.write(" ")
        self.whitespace = self.indention = False
        _write_plain(self, text, split)

    def single_quoted(self, text: str, split: bool) -> None:
        self.write_indicator("'", True)
        if (" " not in text or self.column + len(text) <= self.best_width) and not any(
            b in text for b in _BREAKS
        ):
            self.write(text.replace("'", "''"))
        else:
            _write_single_quoted(self, text, split)
        self.write_indicator("'", False)

    def double_quoted(self, text: str, split: bool) -> None:
        self.write_indicator('"', True)
        _write_double_quoted(self, text, split)
        self.write_indicator('"', False)


def _represent(value: Any) -> str:
    """A non-text scalar as ruamel's representer writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        return repr(value).lower()
    if type(value) is dt.date:  # as read from a file (a pathway writes text)
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} {value!r} as YAML")


def _simple_key(key: str) -> bool:
    return len(key) < 128 and not any(b in key for b in _BREAKS) and key != ""


def _simple_plain(text: str) -> tuple[bool, bool]:
    """``(flow, block)``: whether a one-line text of printable characters, not
    starting or ending with a space, may be plain in flow and block context
    (ruamel's ``analyze_scalar`` for such text)."""
    first, rest = text[0], text[1:]
    followed = not rest or rest[0] == " "
    both = (
        first in "#,[]{}&*!|>'\"%@`"
        or (first == "-" and followed)
        or text.startswith(("---", "..."))
        or ": " in rest
        or rest.endswith(":")
        or " #" in text
    )
    block = both or (first in "?:" and followed)
    flow = both or first in "?:" or ":?" in text or any(c in rest for c in ",[]{}")
    return not flow, not block


def _analyze(text: str) -> tuple[bool, bool, bool, bool]:
    """``(flow plain, block plain, multiline, single-quoted)`` allowed, as ruamel's
    ``Emitter.analyze_scalar`` decides them for any text."""
    if not text:
        return False, True, False, True
    block_ind = flow_ind = line_breaks = special = False
    leading_space = leading_break = trailing_space = trailing_break = False
    break_space = space_break = previous_space = previous_break = False
    if text.startswith(("---", "...")):
        block_ind = flow_ind = True
    preceded = True
    followed = len(text) == 1 or text[1] in _WHITESPACE
    last = len(text) - 1
    for index, ch in enumerate(text):
        if index == 0:
            if ch in "#,[]{}&*!|>'\"%@`":
                flow_ind = block_ind = True
            if ch in "?:":
                flow_ind = True  # as ruamel does for YAML 1.1: libyaml needs it
                if followed:
                    block_ind = True
            if ch == "-" and followed:
                flow_ind = block_ind = True
        else:
            if ch in ",[]{}":
                flow_ind = True
            if ch == ":" and followed:
                flow_ind = block_ind = True
            if ch == ":" and text[index + 1 : index + 2] == "?":
                flow_ind = True  # libyaml stops at ":?" in a flow context
            if ch == "#" and preceded:
                flow_ind = block_ind = True
        if ch in _BREAKS:
            line_breaks = True
        # NEL (U+0085) is special here too: ruamel writes it raw in single quotes,
        # where a reader takes it for a line break and folds it into a space.
        if not (ch == "\n" or "\x20" <= ch <= "\x7e") and not (
            (
                "\xa0" <= ch <= "\ud7ff"
                or "\ue000" <= ch <= "\ufffd"
                or "\U00010000" <= ch <= "\U0010ffff"
            )
            and ch != "\ufeff"
        ):
            special = True
        if ch == " ":
            leading_space = leading_space or index == 0
            trailing_space = trailing_space or index == last
            break_space = break_space or previous_break
            previous_space, previous_break = True, False
        elif ch in _BREAKS:
            leading_break = leading_break or index == 0
            trailing_break = trailing_break or index == last
            space_break = space_break or previous_space
            previous_space, previous_break = False, True
        else:
            previous_space = previous_break = False
        preceded = ch in _WHITESPACE
        followed = index + 2 > last or text[index + 2] in _WHITESPACE
    plain = not (leading_space or leading_break or trailing_space or trailing_break)
    plain = plain and not (break_space or special or space_break or line_breaks)
    single = not (break_space or special or space_break)
    return plain and not flow_ind, plain and not block_ind, line_breaks, single


def _write_plain(e: _Emitter, text: str, split: bool) -> None:
    """ruamel's ``Emitter.write_plain`` after its leading space: folds at spaces."""
    spaces = False
    start = end = 0
    while end <= len(text):
        ch = text[end] if end < len(text) else None
        if spaces:
            if ch != " ":
                if start + 1 == end and e.column >= e.best_width and split:
                    e.write_indent()
                    e.whitespace = e.indention = False
                else:
                    e.write(text[start:end])
                start = end
        elif ch is None or ch in " " + _BREAKS:
            data = text[start:end]
            if (
                len(data) + e.column > e.best_width
                and e.indent is not None
                and e.column > e.indent
                and text[start - 2 : start] != "  "
            ):
                # A word too long for the line starts the next one; not after
                # two spaces, which a reader would fold into one (ruamel does).
                e.write_indent()
            e.write(data)
            start = end
        spaces = ch == " "
        end += 1


def _write_single_quoted(e: _Emitter, text: str, split: bool) -> None:
    """ruamel's ``Emitter.write_single_quoted`` between the quotes."""
    spaces = breaks = False
    start = end = 0
    while end <= len(text):
        ch = text[end] if end < len(text) else None
        if spaces:
            if ch is None or ch != " ":
                if (
                    start + 1 == end
                    and e.column > e.best_width
                    and split
                    and start != 0
                    and end != len(text)
                ):
                    e.write_indent()
                else:
                    e.write(text[start:end])
                start = end
        elif breaks:
            if ch is None or ch not in _BREAKS:
                if text[start] == "\n":
                    e.write_line_break()
                for br in text[start:end]:
                    e.write_line_break(br)
                e.write_indent()
                start = end
        elif (ch is None or ch in " " + _BREAKS or ch == "'") and start < end:
            e.write(text[start:end])
            start = end
        if ch == "'":
            e.write("''")
            start = end + 1
        if ch is not None:
            spaces, breaks = ch == " ", ch in _BREAKS
        end += 1


def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return "\\" + _ESCAPES[ch]
    if ch <= "\xff":
        return f"\\x{ord(ch):02X}"
    if ch <= "\uffff":
        return f"\\u{ord(ch):04X}"
    return f"\\U{ord(ch):08X}"


def _needs_escape(ch: str) -> bool:
    return ch in '"\\\x85\u2028\u2029\ufeff' or not (
        "\x20" <= ch <= "\x7e"
        or "\xa0" <= ch <= "\ud7ff"
        or "\ue000" <= ch <= "\ufffd"
        or "\U00010000" <= ch <= "\U0010ffff"
    )


def _write_double_quoted(e: _Emitter, text: str, split: bool) -> None:
    """ruamel's ``Emitter.write_double_quoted`` between the quotes."""
    start = end = 0
    while end <= len(text):
        ch = text[end] if end < len(text) else None
        if ch is None or _needs_escape(ch):
            if start < end:
                e.write(text[start:end])
                start = end
            if ch is not None:
                e.write(_escape(ch))
                start = end + 1
        if (
            0 < end < len(text) - 1
            and (ch == " " or start >= end)
            and e.column + (end - start) > e.best_width
            and split
        ):
            start = _fold_double_quoted(e, text, start, end)
        end += 1


def _fold_double_quoted(e: _Emitter, text: str, start: int, end: int) -> int:
    """A line break inside a double-quoted scalar, before ``text[max(start, end)]``.

    ruamel.yaml ends the line with ``\\`` unless its rule (:func:`_bare_break`)
    lets the line break stand for a space that follows. Its rule also drops the
    ``\\`` where no space follows, and a reader then adds a space: there the
    ``\\`` stays."""
    need_backslash = not (
        _bare_break(text, start, end) and text[max(start, end)] == " "
    )
    data = text[start:end] + ("\\" if need_backslash else "")
    if start < end:
        start = end
    e.write(data)
    e.write_indent()
    e.whitespace = e.indention = False
    if text[start] == " ":
        if not need_backslash:
            start += 1
        e.write("\\" if need_backslash else "")
    return start


def _bare_break(text: str, start: int, end: int) -> bool:
    """ruamel's rule for a line break without ``\\`` in a double-quoted scalar."""
    space = text.find(" ", end)
    if space < 0:
        return False
    newline = text.find("\n", end, space)
    if newline >= 0:
        space = newline
    if space + 1 >= len(text) or (text[space] == "\n" and text[space + 1] != " "):
        return False
    return (
        '"' not in text[end:space]
        and "'" not in text[end:space]
        and text[space + 1] not in " \n"
        and text[end - 1 : end + 1] != "  "
        and start != end
    )
