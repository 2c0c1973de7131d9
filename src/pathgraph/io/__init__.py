"""Readers and writers, one module per format.

:func:`read` and :func:`write` choose the format from the file's suffix (or the
``format`` argument):

=================  ===============  =========================================
format             suffixes         module
=================  ===============  =========================================
``yaml``           .yaml .yml       :mod:`pathgraph.io.native`
``json``           .json            :mod:`pathgraph.io.native`
``ctdl``           .jsonld          :mod:`pathgraph.io.ctdl` (a ``.json`` whose
                                    first key is ``@context``, ``@graph`` or
                                    another JSON-LD key is read as CTDL too)
``curriculum``     .csv             :mod:`pathgraph.io.curricula`
=================  ===============  =========================================

Each format has the same four functions in its module, also importable from here:
``loads_<format>(text, source)`` and ``dumps_<format>(pathway)`` for text,
``read_<format>(path)`` and ``write_<format>(pathway, path)`` for files (``yaml``,
``json``, ``ctdl``, ``curriculum``). Every reader records where each record starts
in the file (:attr:`pathgraph.Pathway.locations`); the YAML writer keeps the
comments of the YAML file a pathway was read from.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pathgraph._files import atomic_write, read_text
from pathgraph.errors import FormatError, Problem
from pathgraph.model import Pathway

if TYPE_CHECKING:
    from pathgraph.model import Node

if TYPE_CHECKING:  # imported on first use (below), for start-up time
    from pathgraph.io.bls import read_bls_projections, read_cip_soc, read_oews
    from pathgraph.io.ctdl import dumps_ctdl, loads_ctdl, read_ctdl, write_ctdl
    from pathgraph.io.curricula import (
        dumps_curriculum,
        loads_curriculum,
        read_curriculum,
        write_curriculum,
    )
    from pathgraph.io.native import (
        dumps_json,
        dumps_yaml,
        loads_json,
        loads_yaml,
        read_json,
        read_yaml,
        write_json,
        write_yaml,
    )
    from pathgraph.io.onet import read_onet

__all__ = [
    "FORMATS",
    "atomic_write",
    "detect_format",
    "dumps_ctdl",
    "dumps_curriculum",
    "dumps_json",
    "dumps_yaml",
    "loads_ctdl",
    "loads_curriculum",
    "loads_json",
    "loads_yaml",
    "read",
    "read_bls_projections",
    "read_cip_soc",
    "read_ctdl",
    "read_curriculum",
    "read_json",
    "read_oews",
    "read_onet",
    "read_yaml",
    "write",
    "write_ctdl",
    "write_curriculum",
    "write_json",
    "write_yaml",
]

#: Known formats and their suffixes.
FORMATS: dict[str, tuple[str, ...]] = {
    "yaml": (".yaml", ".yml"),
    "json": (".json",),
    "ctdl": (".jsonld",),
    "curriculum": (".csv",),
}

#: The module of each format and of the labour-market readers, imported on first
#: use so that ``import pathgraph`` does not load every reader.
_MODULES: dict[str, str] = {
    "yaml": "pathgraph.io.native",
    "json": "pathgraph.io.native",
    "ctdl": "pathgraph.io.ctdl",
    "curriculum": "pathgraph.io.curricula",
    "onet": "pathgraph.io.onet",
    "bls": "pathgraph.io.bls",
}
_LAZY: dict[str, str] = {
    **{
        f"{verb}_{fmt}": _MODULES[fmt]
        for fmt in FORMATS
        for verb in ("loads", "dumps", "read", "write")
    },
    "read_onet": _MODULES["onet"],
    "read_bls_projections": _MODULES["bls"],
    "read_oews": _MODULES["bls"],
    "read_cip_soc": _MODULES["bls"],
}


def detect_format(path: str | os.PathLike[str], text: str | None = None) -> str:
    """The format of a file, from its suffix (and, for ``.json``, its content).

    Raises
    ------
    pathgraph.FormatError
        For a suffix no reader knows.

    Examples
    --------
    >>> detect_format("a.yml"), detect_format("a.json", '{"@graph": []}')
    ('yaml', 'ctdl')
    """
    suffix = Path(path).suffix.lower()
    for name, suffixes in FORMATS.items():
        if suffix in suffixes:
            if name == "json" and text is not None and _looks_like_jsonld(text):
                return "ctdl"
            return name
    known = ", ".join(s for sx in FORMATS.values() for s in sx)
    raise FormatError(
        [
            Problem(
                str(path),
                f"unknown file type {suffix or '(none)'!r}",
                f"use one of {known}, or pass format=",
            )
        ]
    )


#: A JSON string, or one of the characters that give a document its structure.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:]')


def _looks_like_jsonld(text: str) -> bool:
    """JSON-LD: the document's first key (of the top-level object, or of the first
    object in a top-level list) is a JSON-LD keyword (``@context``, ``@graph``,
    ``@id``, ``@type``) or a prefixed term (``ceterms:name``).

    Only keys count, never text in values: a native file whose description
    mentions ``"@context"`` is native. The scan stops at the first key, so it
    costs nothing on a large file.

    Examples
    --------
    >>> _looks_like_jsonld('{"@context": {}, "@graph": []}')
    True
    >>> _looks_like_jsonld('[{"@type": "ceterms:Pathway"}]')
    True
    >>> _looks_like_jsonld('{"pathgraph": 1, "title": "\\"@context\\": {}"}')
    False
    """
    pending: str | None = None
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token == ":" and pending is not None:
            try:
                key = json.loads(pending)
            except ValueError:  # not JSON at all: the reader says why
                return False
            return isinstance(key, str) and (key.startswith("@") or ":" in key)
        pending = token if token.startswith('"') else None
    return False


def _function(fmt: str, verb: str, where: str) -> Callable[..., Any]:
    """``<verb>_<fmt>`` from the format's module, or a FormatError naming ``where``."""
    if fmt not in FORMATS:
        raise FormatError([Problem(where, f"unknown format {fmt!r}")])
    function: Callable[..., Any] = __getattr__(f"{verb}_{fmt}")
    return function


def read(path: str | os.PathLike[str], *, format: str | None = None) -> Pathway:
    """Read a pathway from a file, choosing the reader by suffix.

    The file is read once. The pathway records where each record starts in it
    (:attr:`pathgraph.Pathway.locations`).

    Parameters
    ----------
    path
        The file.
    format
        Force a format (``"yaml"``, ``"json"``, ``"ctdl"``, ``"curriculum"``).
        Without it, a ``.json`` file whose content is JSON-LD is read as CTDL.

    Raises
    ------
    pathgraph.FormatError, pathgraph.ValidationError
        With the file, line (or JSON path), record and fix of every problem.

    Examples
    --------
    >>> import pathgraph
    >>> p = pathgraph.read("examples/bht.yaml")
    >>> p.title
    'Behavioral Health Technician pathway (Tucson, AZ)'
    >>> print(p.locations["bht-assoc"])
    examples/bht.yaml:127:5
    """
    path = Path(path)
    # The format is known before the file is opened: an unknown suffix is
    # reported without reading anything.
    fmt = format or detect_format(path)
    if fmt == "curriculum":
        # Curricula come from spreadsheets: their reader decodes legacy encodings.
        pathway: Pathway = _function(fmt, "read", str(path))(path)
        return pathway
    loads = _function(fmt, "loads", str(path))
    text = read_text(path)
    if format is None and fmt == "json" and _looks_like_jsonld(text):
        loads = _function("ctdl", "loads", str(path))
    pathway = loads(text, str(path))
    return pathway


def write(
    pathway: Pathway,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    comments_from: Pathway | None = None,
) -> None:
    """Write a pathway to a file, choosing the writer by suffix.

    The file is written atomically: on any error no partial file is left behind.
    Output is deterministic (the same pathway gives the same bytes). YAML keeps
    the comments and layout of the YAML file the pathway was read from.

    Parameters
    ----------
    pathway
        The pathway.
    path
        The file.
    format
        Force a format (``"yaml"``, ``"json"``, ``"ctdl"``, ``"curriculum"``).
    comments_from
        For YAML: a pathway read from YAML whose comments to keep, when
        ``pathway`` was built from it rather than read (as by ``enrich``).

    Examples
    --------
    >>> import pathgraph, tempfile, os
    >>> p = pathgraph.read("examples/bht.yaml")
    >>> out = os.path.join(tempfile.mkdtemp(), "bht.json")
    >>> pathgraph.write(p, out)
    >>> pathgraph.read(out) == p
    True
    """
    path = Path(path)
    fmt = format or detect_format(path)
    dumps = _function(fmt, "dumps", str(path))
    if fmt == "yaml":
        text = dumps(pathway, comments_from=comments_from)
    else:
        text = dumps(pathway)
    atomic_write(path, text)


#: Formats that can hold every record and relation of a pathway.
LOSSLESS: frozenset[str] = frozenset({"yaml", "json"})


def lost_records(pathway: Pathway, text: str, format: str) -> list[Node]:
    """The records of ``pathway`` that ``text``, written in ``format``, does not
    hold: read back, it has no record with the same id, nor one of the same kind
    and label (a curriculum's program gets a new id from its name).

    Empty for the native formats, which hold everything.
    """
    if format in LOSSLESS:
        return []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the reader's repairs: not the question
        back: Pathway = _function(format, "loads", "<written>")(text, "<written>")
    ids = {n.id for n in back.nodes}
    named = {(n.kind, n.label) for n in back.nodes}
    return [
        n for n in pathway.nodes if n.id not in ids and (n.kind, n.label) not in named
    ]


def __getattr__(name: str) -> Any:
    """The format modules' functions, imported on first use (``io.read_ctdl``)."""
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'pathgraph.io' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
