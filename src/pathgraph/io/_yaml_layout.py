"""Writing YAML over the document it was read from, keeping its comments.

A pathway read from YAML keeps ruamel's round-trip document (comments, key order,
list styles, positions). :func:`merge_document` builds the document to write from
that one and the document :func:`pathgraph.io.native.to_document` makes of the
pathway now:

* a mapping keeps its keys' order and each key's comments; a key that is gone is
  dropped, a new key goes after the key it follows in the writer's order;
* a list matches old and new items by record ``id``, relation ``to`` or value,
  keeps each matched item's comments and the list's flow or block style; new items
  are written as the plain writer writes them, without comments;
* a scalar equal to the old one keeps the old one (and its formatting).

ruamel attaches the comment lines that follow a value (up to the next key or item
at an outer level) to the deepest last scalar before them. Such a "tail" is lifted
off each entry before the entry changes and put back on the end of the same entry
afterwards, so that a field added at the end of a record does not slip in under
the comments that head the next record.

The document given is never changed: its comment tokens are replaced, not edited.

:func:`load_document` reads a file's text into ruamel's round-trip document (the
YAML reader keeps only the text: ruamel is slow, and only this needs it), and
:func:`dump_over` writes the merged document.
"""

from __future__ import annotations

import io
import json
from collections.abc import Collection
from datetime import date
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.tokens import CommentToken

from pathgraph.errors import FormatError
from pathgraph.io._yaml_read import parse_yaml

__all__ = [
    "dump_over",
    "flow_short_lists",
    "load_document",
    "merge_document",
    "reads_as",
    "same_values",
]

#: Slot of a value's end-of-line comment in ``ca.items[key]`` (mappings) and
#: ``ca.items[index]`` (sequences).
_MAP_EOL, _SEQ_EOL = 2, 0


def load_document(text: str) -> Any:
    """ruamel's round-trip document of a YAML text the reader accepted, or
    ``None`` where ruamel cannot read it (then the file is written plainly)."""
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    yaml.preserve_quotes = True  # written back as they were
    try:
        return yaml.load(io.StringIO(text))
    except (YAMLError, RecursionError, ValueError):
        return None


def dump_over(
    old: Any, new: dict[str, Any], width: int, unordered: Collection[str]
) -> str | None:
    """``new`` written over the document ``old`` (see :func:`merge_document`), or
    ``None`` where ruamel writes a text that does not read back as what it wrote.

    ruamel.yaml 0.18 writes an end-of-line comment after an empty list or mapping
    (``of: []  # none yet``) before the value, as ``of:  # none yet`` with ``[]``
    at the start of the next line, and runs the next entry into it: a broken
    file. Every text written is read back, so that no such file is ever written.
    """
    yaml = YAML(typ="rt", pure=True)
    yaml.default_flow_style = False
    yaml.width = width
    yaml.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    merged = merge_document(old, new, unordered)
    yaml.dump(merged, buf)
    text = buf.getvalue()
    return text if reads_as(text, merged) else None


def reads_as(text: str, values: Any) -> bool:
    """Whether the YAML ``text`` reads as ``values``, key order included, each
    scalar as :func:`_same` compares them."""
    try:
        read = parse_yaml(text, "<written>").data
    except FormatError:
        return False
    return same_values(read, values)


def same_values(old: Any, new: Any) -> bool:
    """Whether ``new`` says what ``old`` says, so that writing ``new`` over
    ``old`` keeps every old value: the same keys in the same order, the same
    items, and scalars :func:`_same`."""
    if isinstance(old, dict):
        return (
            isinstance(new, dict)
            and list(old) == list(new)
            and all(same_values(old[k], new[k]) for k in old)
        )
    if isinstance(old, list):
        return (
            isinstance(new, list)
            and len(old) == len(new)
            and all(map(same_values, old, new))
        )
    return not isinstance(new, dict | list) and _same(old, new)


def flow_short_lists(value: Any) -> Any:
    """Plain data as ruamel containers; lists of a few ids are written inline
    (``[a, b]``) to keep files short."""
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = flow_short_lists(v)
        return out
    if isinstance(value, list):
        seq = CommentedSeq(flow_short_lists(v) for v in value)
        if (
            value
            and all(isinstance(v, str) for v in value)
            and sum(len(v) + 2 for v in value) < 60
        ):
            seq.fa.set_flow_style()
        return seq
    return value


def merge_document(old: Any, new: Any, unordered: Collection[str] = ()) -> Any:
    """``new`` (plain data) laid out as ``old`` (a ruamel document) was.

    The lists under the keys named in ``unordered`` are lists whose order means
    nothing: their items keep the file's order.
    """
    return _Merger(frozenset(unordered)).merge(old, new)


def _same(old: Any, new: Any) -> bool:
    """Whether a scalar read from the file still says ``new`` (so that the file's
    spelling of it, ``2`` for ``2.0`` or a quoted or block string, stays)."""
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is type(new) and old == new
    if isinstance(old, date):
        if isinstance(new, date):  # a text read back
            return type(old) is type(new) and old == new
        return isinstance(new, str) and old.isoformat() == new
    if isinstance(old, str):
        return isinstance(new, str) and old == new
    if isinstance(old, int | float):
        return isinstance(new, int | float) and old == new
    return type(old) is type(new) and bool(old == new)


class _Merger:
    """One merge: new containers over old ones, moving comments copy-on-write."""

    def __init__(self, unordered: frozenset[str]) -> None:
        self.unordered = unordered
        #: Old comment tokens whose tail was lifted off -> what replaces them.
        self.lifted: dict[int, CommentToken | None] = {}

    def merge(self, old: Any, new: Any, keep_order: bool = False) -> Any:
        if isinstance(old, CommentedMap) and isinstance(new, dict):
            return self.merge_map(old, new)
        if isinstance(old, CommentedSeq) and isinstance(new, list):
            return self.merge_seq(old, new, keep_order)
        if isinstance(old, dict | list) or isinstance(new, dict | list):
            return flow_short_lists(new)
        return old if _same(old, new) else new

    def merge_map(self, old: CommentedMap, new: dict[str, Any]) -> CommentedMap:
        tails = {key: self.lift_tail(old, key, _MAP_EOL) for key in old}
        out = CommentedMap()
        _copy_layout(old, out)
        for key in _key_order(list(old), list(new)):
            if key in old:
                out[key] = self.merge(old[key], new[key], key in self.unordered)
                if key in old.ca.items:
                    out.ca.items[key] = self.entry(old.ca.items[key])
            else:
                out[key] = flow_short_lists(new[key])
        kept = {key: key for key in old if key in out}
        for key, tail in _tails_after(list(old), kept, tails).items():
            self.put_tail(out, key, _MAP_EOL, tail)
        return out

    def merge_seq(
        self, old: CommentedSeq, new: list[Any], keep_order: bool
    ) -> CommentedSeq:
        tails = {i: self.lift_tail(old, i, _SEQ_EOL) for i in range(len(old))}
        free: dict[str, list[int]] = {}
        for i, item in enumerate(old):
            free.setdefault(_match_key(item), []).append(i)
        matched: list[int | None] = []  # for each new item, the old item it matches
        for item in new:
            candidates = free.get(_match_key(item))
            matched.append(candidates.pop(0) if candidates else None)
        out = CommentedSeq()
        _copy_layout(old, out)
        position: dict[int, int] = {}  # old index -> index in out
        for j in _item_order(matched) if keep_order else range(len(new)):
            was = matched[j]
            if was is None:
                out.append(flow_short_lists(new[j]))
                continue
            out.append(self.merge(old[was], new[j]))
            position[was] = len(out) - 1
            if was in old.ca.items:
                out.ca.items[len(out) - 1] = self.entry(old.ca.items[was])
        for j, tail in _tails_after(list(range(len(old))), position, tails).items():
            self.put_tail(out, j, _SEQ_EOL, tail)
        return out

    def entry(self, old: list[Any]) -> list[Any]:
        """A copy of a comment entry, with the tails lifted off its tokens."""
        return [self.lifted.get(id(t)) if id(t) in self.lifted else t for t in old]

    def lift_tail(self, container: Any, key: Any, slot: int) -> str:
        """The comment lines after the entry's end of line, noted as lifted off."""
        holder, at, slot = _end_slot(container, key, slot)
        entry = holder.ca.items.get(at)
        token = entry[slot] if entry is not None and len(entry) > slot else None
        if not isinstance(token, CommentToken) or id(token) in self.lifted:
            return ""
        eol, newline, tail = token.value.partition("\n")
        if not tail:
            return ""
        self.lifted[id(token)] = (
            CommentToken(eol + newline, token.start_mark, token.end_mark)
            if eol.strip()
            else None
        )
        return tail

    def put_tail(self, container: Any, key: Any, slot: int, tail: str) -> None:
        """Add comment lines after the end of ``container[key]`` (a new container,
        whose comment entries are its own)."""
        holder, at, slot = _end_slot(container, key, slot)
        entry = holder.ca.items.setdefault(at, [None, None, None, None])
        token = entry[slot]
        if isinstance(token, CommentToken):
            entry[slot] = CommentToken(
                token.value + tail, token.start_mark, token.end_mark
            )
        else:
            entry[slot] = CommentToken("\n" + tail, CommentMark(0))


def _tails_after(
    old: list[Any], kept: dict[Any, Any], tails: dict[Any, str]
) -> dict[Any, str]:
    """Where each tail goes in the new container: after its own entry (``kept``
    maps an old key or index to the new one), or for an entry that is gone, after
    the entry before it that stays (or nowhere)."""
    out: dict[Any, str] = {}
    last = None
    for key in old:
        if key in kept:
            last = kept[key]
        if tails[key] and last is not None:
            out[last] = out.get(last, "") + tails[key]
    return out


def _copy_layout(old: CommentedMap | CommentedSeq, out: Any) -> None:
    """The container's own comments (before its first entry, after its last) and
    its flow style."""
    if old.ca.comment is not None:
        out.ca.comment = old.ca.comment
    if old.ca.end:
        out.ca.end = old.ca.end
    if old.fa.flow_style():
        out.fa.set_flow_style()
    else:
        out.fa.set_block_style()


def _key_order(old: list[str], new: list[str]) -> list[str]:
    """The old keys still there, in their order; each new key after the key it
    follows in ``new`` (or first)."""
    order = [k for k in old if k in new]
    for position, key in enumerate(new):
        if key in order:
            continue
        before = next((k for k in reversed(new[:position]) if k in order), None)
        order.insert(0 if before is None else order.index(before) + 1, key)
    return order


def _item_order(matched: list[int | None]) -> list[int]:
    """New items' order when the list's order means nothing: the matched ones in
    the file's order, each new one after the item it follows in the new list."""
    order = sorted(
        (j for j, i in enumerate(matched) if i is not None),
        key=lambda j: matched[j] or 0,
    )
    for j, i in enumerate(matched):
        if i is None:
            order.insert(order.index(j - 1) + 1 if j else 0, j)
    return order


def _match_key(item: Any) -> str:
    """What identifies a list item: a record's id, a relation's target, a value."""
    if isinstance(item, dict):
        for key in ("id", "to"):
            if isinstance(item.get(key), str):
                return f"{key}:{item[key]}"
        return "json:" + json.dumps(_plain(item), sort_keys=True, default=str)
    if isinstance(item, list):
        return "json:" + json.dumps(_plain(item), sort_keys=True, default=str)
    if isinstance(item, date):
        return f"value:{item.isoformat()}"
    return f"value:{item}"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def _is_block(value: Any) -> bool:
    return (
        isinstance(value, CommentedMap | CommentedSeq)
        and len(value) > 0
        and not value.fa.flow_style()
    )


def _end_slot(container: Any, key: Any, slot: int) -> tuple[Any, Any, int]:
    """The entry holding the comment after ``container[key]``: a block value's own
    last entry, recursively, else ``key`` itself."""
    value = container[key]
    while _is_block(value):
        container, slot = value, (_MAP_EOL if isinstance(value, dict) else _SEQ_EOL)
        key = next(reversed(value)) if isinstance(value, dict) else len(value) - 1
        value = container[key]
    return container, key, slot
