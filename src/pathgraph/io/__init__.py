"""Readers and writers, one module per format.

:func:`read` and :func:`write` choose the format from the file's suffix (or the
``format`` argument):

=================  ===============  =========================================
format             suffixes         module
=================  ===============  =========================================
``yaml``           .yaml .yml       :mod:`pathgraph.io.native`
``json``           .json            :mod:`pathgraph.io.native`
``ctdl``           .jsonld          :mod:`pathgraph.io.ctdl` (a ``.json`` with a
                                    JSON-LD ``@context`` is read as CTDL too)
``curriculum``     .csv             :mod:`pathgraph.io.curricula`
=================  ===============  =========================================
"""

from __future__ import annotations

import os
from pathlib import Path

from pathgraph._files import atomic_write, read_text
from pathgraph.errors import FormatError, Problem
from pathgraph.model import Pathway

__all__ = [
    "FORMATS",
    "atomic_write",
    "detect_format",
    "read",
    "read_bls_projections",
    "read_cip_soc",
    "read_oews",
    "read_onet",
    "write",
]

#: Known formats and their suffixes.
FORMATS: dict[str, tuple[str, ...]] = {
    "yaml": (".yaml", ".yml"),
    "json": (".json",),
    "ctdl": (".jsonld",),
    "curriculum": (".csv",),
}


def detect_format(path: str | os.PathLike[str], text: str | None = None) -> str:
    """The format of a file, from its suffix (and, for ``.json``, its content).

    Raises
    ------
    pathgraph.FormatError
        For a suffix no reader knows.
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


def _looks_like_jsonld(text: str) -> bool:
    """JSON-LD: a ``@context`` or ``@graph``, or a top-level list of CTDL objects."""
    head = text[:4096]
    if '"@context"' in head or '"@graph"' in head:
        return True
    return (
        head.lstrip().startswith("[")
        and '"@type"' in head
        and ("ceterms:" in head or "purl.org/ctdl" in head)
    )


def read(path: str | os.PathLike[str], *, format: str | None = None) -> Pathway:
    """Read a pathway from a file, choosing the reader by suffix.

    Parameters
    ----------
    path
        The file.
    format
        Force a format (``"yaml"``, ``"json"``, ``"ctdl"``, ``"curriculum"``).

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
    """
    path = Path(path)
    if format is None:
        detect_format(path)  # an unknown suffix is reported before opening the file
    if (format or detect_format(path)) == "curriculum":
        from pathgraph.io.curricula import read_curriculum

        # Curricula come from spreadsheets: the reader handles legacy encodings.
        return read_curriculum(path)
    text = read_text(path)
    fmt = format or detect_format(path, text)
    if fmt == "yaml":
        from pathgraph.io.native import load_yaml

        return load_yaml(text, str(path))
    if fmt == "json":
        from pathgraph.io.native import load_json

        return load_json(text, str(path))
    if fmt == "ctdl":
        from pathgraph.io.ctdl import read_ctdl

        return read_ctdl(path)
    if fmt == "curriculum":
        from pathgraph.io.curricula import read_curriculum

        return read_curriculum(path)
    raise FormatError([Problem(str(path), f"unknown format {fmt!r}")])


def write(
    pathway: Pathway, path: str | os.PathLike[str], *, format: str | None = None
) -> None:
    """Write a pathway to a file, choosing the writer by suffix.

    The file is written atomically: on any error no partial file is left behind.
    Output is deterministic (the same pathway gives the same bytes).

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
    if fmt == "yaml":
        from pathgraph.io.native import dump_yaml

        text = dump_yaml(pathway)
    elif fmt == "json":
        from pathgraph.io.native import dump_json

        text = dump_json(pathway)
    elif fmt == "ctdl":
        from pathgraph.io.ctdl import dumps_ctdl

        text = dumps_ctdl(pathway)
    elif fmt == "curriculum":
        from pathgraph.io.curricula import dumps_curriculum

        text = dumps_curriculum(pathway)
    else:
        raise FormatError([Problem(str(path), f"unknown format {fmt!r}")])
    atomic_write(path, text)


def __getattr__(name: str) -> object:
    """Readers of other modules, imported on first use (``pathgraph.io.read_onet``)."""
    lazy = {
        "read_onet": "pathgraph.io.onet",
        "read_bls_projections": "pathgraph.io.bls",
        "read_oews": "pathgraph.io.bls",
        "read_cip_soc": "pathgraph.io.bls",
        "read_ctdl": "pathgraph.io.ctdl",
        "write_ctdl": "pathgraph.io.ctdl",
        "read_curriculum": "pathgraph.io.curricula",
        "write_curriculum": "pathgraph.io.curricula",
    }
    if name in lazy:
        import importlib

        return getattr(importlib.import_module(lazy[name]), name)
    raise AttributeError(f"module 'pathgraph.io' has no attribute {name!r}")
