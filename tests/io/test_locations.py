"""Every reader records where each record starts: file, line and column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pathgraph
from pathgraph.cli import main
from pathgraph.io.ctdl import CTDLWarning, dumps_ctdl, loads_ctdl
from pathgraph.io.curricula import loads_curriculum
from pathgraph.io.native import loads_json, to_document


def _at(text: str, where: pathgraph.Location) -> str:
    """The text from a location to the end of its line."""
    return text.splitlines()[where.line - 1][where.column - 1 :]


def test_minified_json_locates_all_29_records(tmp_path: Path) -> None:
    p = pathgraph.load_example("bht")
    text = json.dumps(to_document(p), separators=(",", ":"))
    assert "\n" not in text and len(p.nodes) == 29
    out = tmp_path / "bht.json"
    out.write_text(text)
    back = pathgraph.read(out)
    assert set(back.locations) == {n.id for n in p.nodes}
    for ident, where in back.locations.items():
        assert (where.file, where.line) == (str(out), 1)
        assert _at(text, where).startswith(f'{{"id":"{ident}"')


def test_pretty_json_locates_each_record_object() -> None:
    p = pathgraph.load_example("manufacturing")
    text = json.dumps(to_document(p), indent=2)
    back = loads_json(text, "m.json")
    assert len(back.locations) == len(p.nodes)
    lines = text.splitlines()
    for ident, where in back.locations.items():
        assert _at(text, where) == "{"
        assert lines[where.line].strip() == f'"id": "{ident}",'


def test_yaml_locations_point_at_each_record() -> None:
    path = Path("examples/manufacturing.yaml")
    text = path.read_text()
    p = pathgraph.read(path)
    assert len(p.locations) == len(p.nodes)
    for ident, where in p.locations.items():
        assert where.file == str(path)
        rest = _at(text, where)
        assert rest.startswith((f"id: {ident}", f"{{id: {ident}")), (ident, rest)


def test_ctdl_locations_point_at_each_graph_object() -> None:
    p = pathgraph.load_example("bht")
    with pytest.warns(CTDLWarning, match="pg: terms"):
        text = dumps_ctdl(p)
    back = loads_ctdl(text, "bht.jsonld")
    assert set(back.locations) == {n.id for n in back.nodes}
    lines = text.splitlines()
    for ident, where in back.locations.items():
        assert _at(text, where) == "{"
        assert lines[where.line].strip().startswith('"@id": ')
        assert lines[where.line].strip().endswith(f'/{ident}",')


def test_minified_ctdl_and_a_component_described_twice() -> None:
    graph = [
        {"@id": "urn:p", "@type": "ceterms:Pathway", "ceterms:name": "P"},
        {"@id": "urn:a", "@type": "ceterms:CourseComponent", "ceterms:name": "A"},
        {"@id": "urn:b", "@type": "ceterms:CourseComponent", "ceterms:name": "B"},
        {"@id": "urn:a", "ceterms:keyword": ["again"]},
    ]
    text = json.dumps({"@graph": graph}, separators=(",", ":"))
    p = loads_ctdl(text, "p.jsonld")
    assert _at(text, p.locations["a"]).startswith('{"@id":"urn:a","@type"')
    assert _at(text, p.locations["b"]).startswith('{"@id":"urn:b"')


def test_ctdl_read_from_parsed_data_has_no_locations() -> None:
    with pytest.warns(CTDLWarning):
        text = dumps_ctdl(pathgraph.load_example("bht"))
    p = pathgraph.io.read_ctdl(json.loads(text))
    assert dict(p.locations) == {}


def test_curriculum_locations_are_row_lines() -> None:
    text = (
        "Curriculum,Tiny\nInstitution,Pima\nDegree Type,AS\nCourses\n"
        "Course ID,Course Name,Prerequisites\n"
        '1,Algebra,\n\n2,"Calculus\nwith a long name",1\n3,Statistics,1\n'
    )
    p = loads_curriculum(text, "tiny.csv")
    lines = {ident: (w.line, w.column) for ident, w in p.locations.items()}
    assert lines == {
        "tiny": (1, 1),
        "pima": (2, 1),
        "tiny-degree": (3, 1),
        "1": (6, 1),
        "2": (8, 1),
        "3": (10, 1),
    }


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_check_json_findings_carry_file_line_and_column(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = pathgraph.load_example("manufacturing")
    out = tmp_path / f"m{suffix}"
    if suffix == ".json":
        out.write_text(json.dumps(to_document(p), separators=(",", ":")))
    else:
        out.write_text(Path("examples/manufacturing.yaml").read_text())
    assert main(["check", str(out), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert findings
    for f in findings:
        where = pathgraph.read(out).locations[f["node"]]
        assert (f["file"], f["line"], f["column"]) == (
            str(out),
            where.line,
            where.column,
        )


def test_check_text_shows_line_and_column(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "examples/bht.yaml"]) == 0
    out = capsys.readouterr().out
    where = pathgraph.read("examples/bht.yaml").locations["bht-advanced"]
    assert f"PG202 stack-without-off-ramp  {where}  " in out
    assert str(where) == f"examples/bht.yaml:{where.line}:{where.column}"


def test_ctdl_nested_graph_objects_are_located() -> None:
    text = json.dumps(
        {
            "@graph": [
                {"@id": "urn:p", "@type": "ceterms:Pathway", "ceterms:name": "P"},
                {
                    "@graph": [
                        {"@id": "urn:a", "@type": "ceterms:CourseComponent"},
                        {"@id": "urn:b", "@type": "ceterms:CourseComponent"},
                    ]
                },
            ]
        },
        indent=1,
    )
    p = loads_ctdl(text, "n.jsonld")
    for ident in ("a", "b"):
        where = p.locations[ident]
        assert _at(text, where) == "{"
        assert f'"urn:{ident}"' in text.splitlines()[where.line]


@pytest.mark.parametrize(
    "text",
    ['{"title": "T",}', '{"title" "T"}', "[1,]", '{"a": 1} x', "", '{"programs": [{]}'],
)
def test_bad_json_keeps_the_json_module_s_error(text: str) -> None:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        expected = f"<string>:{exc.lineno}:{exc.colno}"
    with pytest.raises(pathgraph.FormatError) as info:
        loads_json(text)
    assert info.value.problems[0].location == expected
