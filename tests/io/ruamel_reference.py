"""The YAML reader and plain writer as they were with ruamel.yaml (before libyaml).

Kept small, as oracles: the fast reader must give the same pathway and record
locations as this reader, and the plain writer the same text as this writer
wherever its text reads back as what was written.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver, implicit_resolvers
from ruamel.yaml.tag import Tag

from pathgraph.errors import Location
from pathgraph.io._yaml_layout import flow_short_lists
from pathgraph.io.native import _Doc, _plain, from_document
from pathgraph.model import Pathway


def ruamel_load(text: str) -> Any:
    """ruamel's round-trip document of a text, as the reader loaded it."""
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    yaml.preserve_quotes = True
    return yaml.load(io.StringIO(text))


def ruamel_data(text: str) -> Any:
    """The text's values as plain data, as the ruamel reader saw them."""
    return _plain(ruamel_load(text))


def loads_yaml(text: str, source: str = "<string>") -> Pathway:
    """The former ``loads_yaml``: ruamel's document, its ``lc`` positions."""
    root = ruamel_load(text)

    def locate(path: tuple[Any, ...]) -> str:
        node, line, col = root, 0, 0
        for part in path:
            lc = getattr(node, "lc", None)
            try:
                if lc is not None:
                    line, col = lc.item(part) if isinstance(part, int) else lc.key(part)
                node = node[part]
            except (KeyError, IndexError, TypeError, AttributeError):
                break
        return f"{source}:{line + 1}:{col + 1}"

    def record_location(path: tuple[Any, ...]) -> Location | None:
        section, index = path
        try:
            line, col = root[section].lc.item(index)
        except (KeyError, IndexError, TypeError, AttributeError):
            return None
        return Location(source, line + 1, col + 1)

    return from_document(_Doc(root, source, locate, record_location))


class _BothResolver(VersionedResolver):
    """YAML 1.2 resolution, and text that YAML 1.1 would type is not plain either
    (the plain writer quotes ``yes``, ``no``, ``1:30`` for 1.1 readers)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        tag = super().resolve(kind, value, implicit)
        if kind is ScalarNode and implicit[0] and str(tag) == "tag:yaml.org,2002:str":
            first = value[:1]
            for versions, name, regexp, firsts in implicit_resolvers:
                if (1, 1) in versions and first in firsts and regexp.match(value):
                    return Tag(suffix=name)
        return tag


def ruamel_dump(document: Any, width: int = 88) -> str:
    """The former plain writer (ruamel), quoting text as YAML 1.1 types it."""
    yaml = YAML(typ="rt", pure=True)
    yaml.Resolver = _BothResolver
    yaml.default_flow_style = False
    yaml.width = width
    yaml.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    yaml.dump(flow_short_lists(document), buf)
    return buf.getvalue()
