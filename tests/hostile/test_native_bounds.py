"""The native readers: JSON nested 100,000 deep gave RecursionError, and an
integer of 5,000 digits hit Python's int-string limit (a ValueError traceback) in
both the JSON and the YAML reader. Both are now located FormatErrors."""

from __future__ import annotations

from pathlib import Path

import pytest

import pathgraph
from pathgraph.io.native import MAX_JSON_DEPTH, loads_json, loads_yaml

DEEP = 100_000


def _program(months: str) -> dict[str, str]:
    return {
        "json": '{"title": "T",\n "programs": [{"id": "p", "label": "P", '
        f'"months": {months}}}]}}',
        "yaml": f"title: T\nprograms:\n  - id: p\n    label: P\n    months: {months}\n",
    }


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('{"title": "T", "x": ' + "[" * DEEP + "]" * DEEP + "}", id="list"),
        pytest.param(
            '{"title": "T", "x": ' + '{"a": ' * DEEP + "1" + "}" * DEEP + "}",
            id="object",
        ),
        pytest.param("[" * DEEP + "]" * DEEP, id="top-level"),
        pytest.param('{"title": "T", "x": ' + "[" * DEEP, id="unclosed"),
    ],
)
def test_json_nested_100000_deep_names_the_depth_limit(text: str) -> None:
    with pytest.raises(pathgraph.FormatError) as info:
        loads_json(text, "deep.json")
    message = str(info.value)
    assert f"nested more than {MAX_JSON_DEPTH} levels deep" in message
    assert "deep.json:1:" in message  # line and column of the level too many


def test_json_at_the_depth_limit_is_not_refused_for_depth() -> None:
    # The document is level 1, "x" holds levels 2 .. MAX_JSON_DEPTH: allowed
    # (refused later as an unknown key, not for its depth).
    inner = MAX_JSON_DEPTH - 1
    text = '{"title": "T", "x": ' + "[" * inner + "]" * inner + "}"
    with pytest.raises(pathgraph.FormatError) as info:
        loads_json(text, "ok.json")
    assert "nested more than" not in str(info.value)
    assert "'x'" in str(info.value)
    deeper = '{"title": "T", "x": ' + "[" * (inner + 1) + "]" * (inner + 1) + "}"
    with pytest.raises(pathgraph.FormatError, match="nested more than"):
        loads_json(deeper, "deep.json")


def test_brackets_inside_json_text_do_not_count() -> None:
    text = '{"title": "' + "[{" * 5000 + '\\"' + "]" * 3 + '"}'
    assert loads_json(text).title.startswith("[{[{")


def test_yaml_nested_100000_deep_names_the_depth_limit() -> None:
    text = "title: T\nx: " + "[" * DEEP + "]" * DEEP + "\n"
    with pytest.raises(pathgraph.FormatError, match=r"deep.yaml:2:\d+: nested more"):
        loads_yaml(text, "deep.yaml")


@pytest.mark.parametrize(
    ("fmt", "months"),
    [
        ("json", "1" * 5000),
        ("json", "-" + "9" * 5000),
        ("yaml", "1" * 5000),
        ("yaml", "0x" + "f" * 5000),
        ("yaml", "0o" + "7" * 5000),
        ("yaml", "0b" + "1" * 20000),
        ("yaml", "!!int " + "1" * 5000),
        ("yaml", "!!float " + "1" * 5000),
    ],
    ids=lambda v: v if len(v) < 10 else f"{v[:8]}..{len(v)}",
)
def test_an_integer_of_5000_digits_is_a_located_error(fmt: str, months: str) -> None:
    with pytest.raises(pathgraph.PathgraphError) as info:
        (loads_json if fmt == "json" else loads_yaml)(_program(months)[fmt], "f")
    message = str(info.value)
    assert len(message) < 600
    assert "months" in message or "digits" in message
    assert ("f:2:" in message) if fmt == "json" else ("f:5:" in message)


def test_yaml_sexagesimal_that_grows_past_the_limit(tmp_path: Path) -> None:
    text = "%YAML 1.1\n---\ntitle: T\nx: 1" + ":1" * 3000 + "\n"
    path = tmp_path / "f.yaml"
    path.write_text(text)
    with pytest.raises(pathgraph.FormatError, match=r"f.yaml:4:4: .*digits"):
        pathgraph.read(path)


def test_digits_inside_json_text_are_text() -> None:
    text = '{"title": "' + "1" * 5000 + '"}'
    assert loads_json(text).title == "1" * 5000


def test_a_large_integer_within_python_limit_still_reaches_the_model() -> None:
    with pytest.raises(pathgraph.ValidationError, match="months must be"):
        loads_json(_program("1" * 400)["json"], "f")


def test_a_huge_integer_in_ctdl_is_a_located_error() -> None:
    """The CTDL reader raised a bare ValueError (Python's int-string limit)."""
    from pathgraph.io.ctdl import loads_ctdl

    digits = "9" * 5000
    text = (
        '{"@context": "https://credreg.net/ctdl/schema/context/json", "@graph": ['
        '{"@id": "urn:p", "@type": "ceterms:Pathway", "ceterms:name": "P"},\n'
        '{"@id": "urn:c", "@type": "ceterms:CourseComponent", "ceterms:name": "C",'
        f' "ceterms:creditValue": {digits}}}]}}'
    )
    with pytest.raises(
        pathgraph.FormatError, match="an integer of 5,000 digits"
    ) as info:
        loads_ctdl(text, "huge.jsonld")
    assert "huge.jsonld:2:" in str(info.value)


def test_an_infinite_required_number_in_ctdl_is_said() -> None:
    """requiredNumber: 1e400 (infinity) was dropped without a word."""
    from pathgraph.io.ctdl import CTDLWarning, loads_ctdl

    text = (
        '{"@graph": [{"@id": "urn:p", "@type": "ceterms:Pathway", "ceterms:name": "P"},'
        ' {"@id": "urn:d", "@type": "ceterms:CourseComponent", "ceterms:name": "D"},'
        ' {"@id": "urn:c", "@type": "ceterms:CourseComponent", "ceterms:name": "C",'
        ' "ceterms:hasCondition": [{"@type": "ceterms:ComponentCondition",'
        ' "ceterms:requiredNumber": 1e400, "ceterms:targetComponent": ["urn:d"]}]}]}'
    )
    with pytest.warns(CTDLWarning, match="requiredNumber inf, not a number; ignored"):
        loads_ctdl(text, "inf.jsonld")
