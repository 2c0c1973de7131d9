"""Format sniffing cannot mistake pathgraph's own files: a native JSON file is
native whatever its text says; CTDL documents are still recognised."""

from __future__ import annotations

from pathlib import Path

import pytest

import pathgraph
from pathgraph.io import detect_format

ROOT = Path(__file__).resolve().parents[2]
CTDL = Path("/work/shared/data/ctdl")


@pytest.mark.parametrize(
    "text",
    [
        "@context",
        "@graph",
        '"@context": {"ceterms": "https://purl.org/ctdl/terms/"}',
        '{"@graph": [], "@type": "ceterms:Pathway"}',
        "[ceterms: purl.org/ctdl]",
    ],
)
def test_a_native_file_mentioning_json_ld_is_native(text: str, tmp_path: Path) -> None:
    """A native JSON file with the string "@context" in a description was read as
    CTDL: pathgraph could not read a file it wrote."""
    p = pathgraph.read(ROOT / "examples" / "bht.yaml")
    p = p.model_copy(update={"description": text})
    out = tmp_path / "mine.json"
    pathgraph.write(p, out)
    assert detect_format(out, out.read_text(encoding="utf-8")) == "json"
    assert pathgraph.read(out) == p


def test_a_native_file_with_json_ld_in_a_label_is_native(tmp_path: Path) -> None:
    p = pathgraph.read(ROOT / "examples" / "bht.yaml")
    first = p.nodes[0]
    label = '{"@context": 1, "@graph": [{"@type": "ceterms:Pathway"}]}'
    nodes = [type(first).model_validate({**first.model_dump(), "label": label})]
    p = p.model_copy(update={"nodes": nodes + p.nodes[1:]})
    out = tmp_path / "mine.json"
    pathgraph.write(p, out)
    assert pathgraph.read(out) == p


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ('{"@context": "x", "@graph": []}', "ctdl"),
        ('\n  {"\\u0040graph": []}', "ctdl"),
        ('[{"@type": "ceterms:Pathway", "ceterms:name": "x"}]', "ctdl"),
        ('{"ceterms:name": "x"}', "ctdl"),
        ('{"pathgraph": 1, "description": "\\"@context\\": {}"}', "json"),
        ('{"pathgraph": 1, "description": "@context", "tags": ["@graph"]}', "json"),
        ('{"title": "T", "nodes": [{"@context": 1}]}', "json"),
        ("", "json"),
        ("not json", "json"),
        ('{"unterminated', "json"),
    ],
)
def test_the_first_key_decides(text: str, fmt: str) -> None:
    assert detect_format("a.json", text) == fmt


@pytest.mark.skipif(not CTDL.is_dir(), reason="shared CTDL files not present")
@pytest.mark.parametrize(
    "name",
    sorted(
        p.name
        for p in (CTDL.glob("*.json") if CTDL.is_dir() else [])
        if not p.name.startswith("registry-schema")
    ),
)
def test_ctdl_documents_are_still_recognised(name: str) -> None:
    text = (CTDL / name).read_text(encoding="utf-8")
    assert detect_format(name, text) == "ctdl"
