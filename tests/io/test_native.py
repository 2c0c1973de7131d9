"""The native YAML/JSON format: round trips, determinism and located errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings

import pathgraph
from pathgraph.io.native import dumps_json, dumps_yaml, loads_json, loads_yaml
from tests.strategies import pathways


@given(pathways())
@settings(max_examples=50)
def test_yaml_round_trip(p: pathgraph.Pathway) -> None:
    text = dumps_yaml(p)
    assert loads_yaml(text) == p
    assert dumps_yaml(loads_yaml(text)) == text  # writing is a fixed point


@given(pathways())
@settings(max_examples=50)
def test_json_round_trip(p: pathgraph.Pathway) -> None:
    assert loads_json(dumps_json(p)) == p


@pytest.mark.parametrize("name", ["bht.yaml", "manufacturing.yaml"])
def test_examples_round_trip_through_files(name: str, tmp_path: Path) -> None:
    p = pathgraph.read(Path("examples") / name)
    for suffix in (".yaml", ".json"):
        out = tmp_path / f"copy{suffix}"
        pathgraph.write(p, out)
        assert pathgraph.read(out) == p
        first = out.read_bytes()
        pathgraph.write(pathgraph.read(out), out)
        assert out.read_bytes() == first


def test_requirement_forms() -> None:
    p = loads_yaml(
        """
title: T
credentials:
  - {id: a, label: A}
  - {id: b, label: B}
  - {id: c, label: C}
programs:
  - id: p
    label: P
    requires:
      - a
      - any: [b, c]
      - {need: 2, of: [a, b, c], group: two}
"""
    )
    groups = {(r.group, r.need, r.source) for r in p.relations}
    assert groups == {
        (None, None, "a"),
        ("b|c", 1, "b"),
        ("b|c", 1, "c"),
        ("two", 2, "a"),
        ("two", 2, "b"),
        ("two", 2, "c"),
    }
    assert "- any: [b, c]" in dumps_yaml(p)
    assert "group: two" in dumps_yaml(p)


def _errors(text: str, loader=loads_yaml) -> list[str]:
    with pytest.raises(pathgraph.ValidationError) as info:
        loader(text, "f.yaml")
    return [str(p) for p in info.value.problems]


def test_yaml_syntax_error_has_line_and_column() -> None:
    with pytest.raises(pathgraph.FormatError) as info:
        loads_yaml("title: T\nprograms:\n  - id: [unclosed\n", "f.yaml")
    assert info.value.problems[0].location.startswith("f.yaml:")
    assert "not valid YAML" in info.value.problems[0].message


def test_duplicate_yaml_key_is_an_error_not_an_overwrite() -> None:
    with pytest.raises(pathgraph.FormatError) as info:
        loads_yaml("title: T\ntitle: U\n", "f.yaml")
    assert info.value.problems[0].location == "f.yaml:2:1"
    assert "duplicate key" in info.value.problems[0].message


def test_duplicate_json_key() -> None:
    with pytest.raises(pathgraph.FormatError, match="duplicate key 'title'"):
        loads_json('{"title": "a", "title": "b"}', "f.json")


def test_json_syntax_error_has_line_and_column() -> None:
    with pytest.raises(pathgraph.FormatError) as info:
        loads_json('{"title": "a",\n "programs": [}', "f.json")
    assert info.value.problems[0].location == "f.json:2:15"


def test_many_errors_at_once_with_lines_and_fixes() -> None:
    problems = _errors(
        """title: T
programs:
  - id: p
    label: P
    months: -2
    modality: sometimes
    awards: [missing]
    requires:
      - need: 3
        of: [c]
  - id: q
    labl: Q
credentials:
  - {id: c, label: C}
"""
    )
    text = "\n".join(problems)
    assert "f.yaml:5:5: program 'p': months must be >= 0, not -2" in text
    assert "f.yaml:6:5: program 'p': modality must be one of" in text
    assert "f.yaml:7:14: awards 'p' -> 'missing': no record has id 'missing'" in text
    assert "needs 3 but has only 1 option" in text
    assert (
        "f.yaml:12:5: program 'q': unknown field 'labl' (fix: did you mean 'label'?)"
        in text
    )
    assert "label is required" in text
    assert len(problems) == 6


def test_json_errors_use_json_paths() -> None:
    doc = {"title": "T", "programs": [{"id": "p", "label": "P", "cost": -1}]}
    problems = _errors(json.dumps(doc), loads_json)
    assert problems == [
        "f.yaml: $.programs[0].cost: program 'p': cost must be >= 0, not -1"
    ]


def test_unknown_section_and_wrong_kind() -> None:
    problems = _errors(
        "title: T\nprogrammes: []\nprograms:\n  - {id: p, label: P, kind: credential}\n"
    )
    assert (
        "unknown top-level key 'programmes' (fix: did you mean 'programs'?)"
        in problems[0]
    )
    assert "is listed under programs but says kind 'credential'" in problems[1]


def test_relation_key_not_allowed_for_kind() -> None:
    problems = _errors("title: T\noccupations:\n  - {id: o, label: O, awards: [x]}\n")
    assert "occupation 'o' cannot have 'awards'" in problems[0]


def test_bad_requirement_entries() -> None:
    problems = _errors(
        "title: T\nprograms:\n  - id: p\n    label: P\n    requires:\n"
        "      - {any: [a], all: [b]}\n      - {of: [a]}\n      - 5\n"
    )
    assert len(problems) == 3
    assert all("requires" in p for p in problems)


def test_unsupported_format_version() -> None:
    problems = _errors("pathgraph: 2\ntitle: T\n")
    assert "format version 2 is not supported" in problems[0]


def test_not_a_mapping() -> None:
    with pytest.raises(pathgraph.FormatError, match="must be a mapping"):
        loads_yaml("- a\n- b\n", "f.yaml")


def test_read_reports_missing_file_and_bad_encoding(tmp_path: Path) -> None:
    with pytest.raises(pathgraph.FormatError, match="no such file"):
        pathgraph.read(tmp_path / "nope.yaml")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"title: caf\xe9\n")
    with pytest.raises(pathgraph.FormatError, match="not UTF-8"):
        pathgraph.read(bad)
    with pytest.raises(pathgraph.FormatError, match="unknown file type '.txt'"):
        pathgraph.read(tmp_path / "x.txt")


def test_bom_is_accepted(tmp_path: Path) -> None:
    f = tmp_path / "bom.yaml"
    f.write_bytes(b"\xef\xbb\xbftitle: T\n")
    assert pathgraph.read(f).title == "T"


def test_failed_write_leaves_no_file(tmp_path: Path) -> None:
    p = pathgraph.read("examples/bht.yaml")
    with pytest.raises(pathgraph.FormatError):
        pathgraph.write(p, tmp_path / "out.txt")
    assert list(tmp_path.iterdir()) == []


def test_schema_accepts_the_examples() -> None:
    import jsonschema

    from pathgraph.io.native import to_document
    from pathgraph.io.schema import file_schema

    schema = file_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for name in ("bht.yaml", "manufacturing.yaml"):
        doc = to_document(pathgraph.read(Path("examples") / name))
        jsonschema.validate(json.loads(json.dumps(doc)), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "T", "programs": [{"id": "p"}]}, schema)


def test_written_files_follow_the_umask(tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    try:
        pathgraph.write(pathgraph.read("examples/bht.yaml"), tmp_path / "p.yaml")
    finally:
        os.umask(umask)
    assert (tmp_path / "p.yaml").stat().st_mode & 0o777 == 0o644
